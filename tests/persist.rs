//! Storage rules, against the in-memory store: unreadable values kept, demo only into an empty
//! store, second-tab protection, full and blocked storage.

mod common;

use common::*;
use parkdesk::domain::snapshot;
use parkdesk::persist::*;

fn stored(ws: parkdesk::domain::workspace::Workspace) -> Stored {
    Stored {
        snapshot: snapshot::build(
            &ws,
            &office(),
            "2013-06-01T08:00:00Z".parse().expect("t"),
            "test",
        ),
        audit: vec![],
    }
}

fn now() -> parkdesk::domain::meta::Timestamp {
    "2026-11-25T10:00:00Z".parse().expect("t")
}

#[test]
fn empty_store_boots_empty_and_a_saved_state_loads_back() {
    let mut s = MemStore::default();
    assert!(matches!(boot(&mut s, now()), Boot::Empty));
    let st = stored(parkdesk::domain::sample::demo());
    let mut saver = Saver { seq: 0 };
    saver.save(&mut s, &st).expect("save");
    match boot(&mut s, now()) {
        Boot::Loaded { stored, seq, .. } => {
            assert_eq!(*stored, st);
            assert_eq!(seq, 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unreadable_value_is_kept_under_a_backup_key_and_not_overwritten() {
    let mut s = MemStore::default();
    s.map.insert(KEY_STATE.into(), "{garbage".into());
    let Boot::Unreadable {
        kept_under: Some(key),
        raw,
        ..
    } = boot(&mut s, now())
    else {
        panic!("unreadable")
    };
    assert_eq!(raw, "{garbage");
    assert_eq!(s.map.get(&key).map(String::as_str), Some("{garbage"));
    assert_eq!(
        s.map.get(KEY_STATE).map(String::as_str),
        Some("{garbage"),
        "boot itself writes nothing over it"
    );
    assert_eq!(backup_keys(&s), vec![key]);
}

#[test]
fn an_unreadable_value_that_cannot_be_copied_reports_no_backup() {
    let mut s = MemStore {
        quota: Some(40),
        ..Default::default()
    };
    s.map
        .insert(KEY_STATE.into(), "{garbage that fills the quota".into());
    let Boot::Unreadable { kept_under, .. } = boot(&mut s, now()) else {
        panic!("unreadable")
    };
    assert_eq!(kept_under, None, "the app must then keep saving off");
}

#[test]
fn a_second_tab_never_overwrites_a_newer_save() {
    let mut s = MemStore::default();
    let mut tab_a = Saver { seq: 0 };
    let mut tab_b = Saver { seq: 0 };
    tab_a
        .save(&mut s, &stored(parkdesk::domain::sample::demo()))
        .expect("a saves");
    let b_state = stored(Default::default());
    assert_eq!(
        tab_b.save(&mut s, &b_state),
        Err(SaveError::NewerElsewhere {
            stored: 1,
            known: 0
        })
    );
    let (kept, _) = Stored::from_json(s.map.get(KEY_STATE).expect("state")).expect("readable");
    assert_eq!(
        kept.snapshot.records.parks.count_live(),
        3,
        "A's save survived"
    );
    // B keeps its own state as a backup before loading A's, or explicitly overwrites.
    let key = stash_conflict(&mut s, &b_state, now()).expect("stash");
    assert!(s.map.contains_key(&key));
    tab_b
        .overwrite(&mut s, &b_state)
        .expect("explicit overwrite");
    assert_eq!(Saver::stored_seq(&s), 2);
    assert_eq!(
        tab_a.save(&mut s, &b_state),
        Err(SaveError::NewerElsewhere {
            stored: 2,
            known: 1
        })
    );
}

#[test]
fn a_full_storage_is_reported_and_the_old_save_stays() {
    let mut s = MemStore::default();
    let mut saver = Saver { seq: 0 };
    let small = stored(Default::default());
    saver.save(&mut s, &small).expect("small fits");
    s.quota = Some(s.map.values().map(String::len).sum::<usize>() + 100);
    let err = saver
        .save(&mut s, &stored(parkdesk::domain::sample::demo()))
        .expect_err("too big");
    assert_eq!(err, SaveError::Store(StoreError::QuotaExceeded));
    assert!(err.text().zh.contains("导出"));
    assert_eq!(
        Stored::from_json(s.map.get(KEY_STATE).expect("state"))
            .expect("old")
            .0,
        small
    );
    assert_eq!(saver.seq, 1, "a failed save does not advance the sequence");
}

#[test]
fn blocked_storage_boots_as_unavailable() {
    let mut s = MemStore {
        blocked: true,
        ..Default::default()
    };
    assert!(matches!(
        boot(&mut s, now()),
        Boot::Unavailable(StoreError::Unavailable(_))
    ));
}

#[test]
fn browser_error_names_are_classified() {
    assert_eq!(
        classify("QuotaExceededError", 22, ""),
        StoreError::QuotaExceeded
    );
    assert_eq!(
        classify("NS_ERROR_DOM_QUOTA_REACHED", 1014, ""),
        StoreError::QuotaExceeded
    );
    assert_eq!(classify("Error", 22, ""), StoreError::QuotaExceeded);
    assert!(matches!(
        classify("SecurityError", 18, "denied"),
        StoreError::Unavailable(_)
    ));
    assert!(matches!(
        classify("UnknownError", 0, "x"),
        StoreError::Other(_)
    ));
}

#[test]
fn import_backup_round_trips() {
    let mut s = MemStore::default();
    assert_eq!(import_backup(&s), None);
    let st = stored(parkdesk::domain::sample::demo());
    backup_before_import(&mut s, &st).expect("backup");
    assert_eq!(import_backup(&s), Some(st));
}

#[test]
fn a_stored_v0_state_is_migrated_on_boot() {
    let v0 = std::fs::read_to_string("tests/fixtures/snapshot-v0.json").expect("fixture");
    let mut s = MemStore::default();
    s.map.insert(
        KEY_STATE.into(),
        format!("{{\"snapshot\": {v0}, \"audit\": []}}"),
    );
    let Boot::Loaded { stored, notes, .. } = boot(&mut s, now()) else {
        panic!("loaded")
    };
    assert_eq!(stored.snapshot.records.entrustments.count_live(), 2);
    assert!(!notes.is_empty());
}
