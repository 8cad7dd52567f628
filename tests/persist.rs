//! Storage rules, against the in-memory store: unreadable values kept once, demo only into an
//! empty store, second-tab protection, upgrades backed up, full and blocked storage.

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

fn state_of(s: &MemStore) -> Stored {
    Stored::from_json(s.map.get(KEY_STATE).expect("state"))
        .expect("readable")
        .0
}

#[test]
fn empty_store_boots_empty_and_a_saved_state_loads_back() {
    let mut s = MemStore::default();
    let Boot::Empty { marker } = boot(&mut s, now()) else {
        panic!("empty")
    };
    let st = stored(parkdesk::domain::sample::demo());
    let mut saver = Saver::new("tab-a", marker);
    saver.save(&mut s, &st).expect("save");
    match boot(&mut s, now()) {
        Boot::Loaded {
            stored,
            marker,
            notes,
            original,
        } => {
            assert_eq!(*stored, st);
            assert_eq!(marker, "1:tab-a");
            assert!(notes.is_empty());
            assert_eq!(original, Kept::NotNeeded);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unreadable_value_is_kept_once_under_a_backup_key_and_not_overwritten() {
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
    // Reloading again and again does not fill the storage with copies.
    let later: parkdesk::domain::meta::Timestamp = "2026-11-25T11:00:00Z".parse().expect("t");
    let Boot::Unreadable {
        kept_under: Some(again),
        ..
    } = boot(&mut s, later)
    else {
        panic!("unreadable")
    };
    assert_eq!(again, key);
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
    let mut tab_a = Saver::new("a", "");
    let mut tab_b = Saver::new("b", "");
    tab_a
        .save(&mut s, &stored(parkdesk::domain::sample::demo()))
        .expect("a saves");
    let b_state = stored(Default::default());
    assert_eq!(
        tab_b.save(&mut s, &b_state),
        Err(SaveError::NewerElsewhere {
            stored: "1:a".into(),
            known: String::new()
        })
    );
    assert_eq!(
        state_of(&s).snapshot.records.parks.count_live(),
        3,
        "A's save survived"
    );
    // B keeps its own state under its conflict key, or explicitly overwrites: then A's save is kept.
    let key = conflict_key(now());
    stash_conflict(&mut s, &b_state, &key).expect("stash");
    assert_eq!(
        Stored::from_json(&s.map[&key]).expect("stash readable").0,
        b_state
    );
    let kept = tab_b
        .overwrite(&mut s, &b_state, now())
        .expect("explicit overwrite")
        .expect("A's save kept");
    assert_eq!(
        Stored::from_json(&s.map[&kept])
            .expect("kept")
            .0
            .snapshot
            .records
            .parks
            .count_live(),
        3
    );
    assert_eq!(tab_b.seen(), "2:b");
    assert!(matches!(
        tab_a.save(&mut s, &b_state),
        Err(SaveError::NewerElsewhere { .. })
    ));
}

#[test]
fn two_tabs_saving_at_once_write_different_markers() {
    // Both saw the same marker; the second save is refused, and even if both had written, the
    // markers would differ, so the storage event tells them apart.
    let mut s = MemStore::default();
    let mut a = Saver::new("a", "");
    let mut b = Saver::new("b", "");
    a.save(&mut s, &stored(Default::default())).expect("a");
    assert!(b.save(&mut s, &stored(Default::default())).is_err());
    assert_ne!(a.seen(), "1:b");
}

#[test]
fn load_reads_without_writing() {
    let mut s = MemStore::default();
    Saver::new("a", "")
        .save(&mut s, &stored(parkdesk::domain::sample::demo()))
        .expect("save");
    let before = s.map.clone();
    let (st, marker) = load(&s).expect("load");
    assert_eq!(marker, "1:a");
    assert_eq!(st.snapshot.records.parks.count_live(), 3);
    assert_eq!(s.map, before);
    let mut broken = MemStore::default();
    broken.map.insert(KEY_STATE.into(), "{".into());
    assert!(load(&broken).is_err());
    assert_eq!(
        broken.map.len(),
        1,
        "no backup copies from a read-only load"
    );
}

#[test]
fn a_full_storage_is_reported_and_the_old_save_stays() {
    let mut s = MemStore::default();
    let mut saver = Saver::new("a", "");
    let small = stored(Default::default());
    saver.save(&mut s, &small).expect("small fits");
    s.quota = Some(s.map.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() + 100);
    let err = saver
        .save(&mut s, &stored(parkdesk::domain::sample::demo()))
        .expect_err("too big");
    assert_eq!(err, SaveError::Store(StoreError::QuotaExceeded));
    assert!(err.text().zh.contains("导出"));
    assert_eq!(state_of(&s), small);
    assert_eq!(
        saver.seen(),
        "1:a",
        "a failed save does not move the marker"
    );
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
fn restoring_the_import_backup_swaps_it_with_the_current_state() {
    let mut s = MemStore::default();
    assert_eq!(import_backup(&s), Ok(None));
    let before = stored(parkdesk::domain::sample::demo());
    let after = stored(Default::default());
    backup_before_import(&mut s, &before).expect("backup");
    assert_eq!(swap_import_backup(&mut s, &after), Ok(before));
    assert_eq!(
        import_backup(&s),
        Ok(Some(after)),
        "the restore can itself be undone"
    );
    assert!(backup_keys(&s).contains(&KEY_IMPORT_BACKUP.to_string()));
}

#[test]
fn a_stored_v0_state_is_migrated_on_boot_and_its_original_kept() {
    let v0 = std::fs::read_to_string("tests/fixtures/snapshot-v0.json").expect("fixture");
    let raw = format!("{{\"snapshot\": {v0}, \"audit\": []}}");
    let mut s = MemStore::default();
    s.map.insert(KEY_STATE.into(), raw.clone());
    let Boot::Loaded {
        stored,
        notes,
        original: Kept::Under(key),
        ..
    } = boot(&mut s, now())
    else {
        panic!("loaded with the original kept")
    };
    assert_eq!(stored.snapshot.records.entrustments.count_live(), 2);
    assert!(!notes.is_empty());
    assert_eq!(s.map.get(&key), Some(&raw));
    // Without room for the copy, saving must stay off.
    let mut full = MemStore {
        quota: Some(raw.len() + KEY_STATE.len() + 10),
        ..Default::default()
    };
    full.map.insert(KEY_STATE.into(), raw);
    assert!(matches!(
        boot(&mut full, now()),
        Boot::Loaded {
            original: Kept::Failed,
            ..
        }
    ));
}

#[test]
fn an_unreadable_audit_log_keeps_the_data_and_says_so() {
    let st = stored(parkdesk::domain::sample::demo());
    let json = st
        .to_json()
        .expect("json")
        .replacen("\"audit\":[]", "\"audit\":[{\"at\": 5}]", 1);
    let mut s = MemStore::default();
    s.map.insert(KEY_STATE.into(), json);
    let Boot::Loaded {
        stored,
        notes,
        original: Kept::Under(_),
        ..
    } = boot(&mut s, now())
    else {
        panic!("loaded")
    };
    assert_eq!(stored.snapshot.records, st.snapshot.records);
    assert!(notes.iter().any(|n| n.zh.contains("操作日志无法读取")));
}

fn snap(ws: parkdesk::domain::workspace::Workspace) -> parkdesk::domain::snapshot::Snapshot {
    stored(ws).snapshot
}

#[test]
fn rolling_backups_are_bounded_by_count_and_size_and_restorable() {
    let mut s = MemStore::default();
    let demo = snap(parkdesk::domain::sample::demo());
    let mut t = now();
    let policy = BackupPolicy {
        max_count: 4,
        max_auto: 2,
        max_chars: 10_000_000,
    };
    for reason in [
        BackupReason::Auto,
        BackupReason::Auto,
        BackupReason::BeforeMerge,
        BackupReason::Auto,
        BackupReason::BeforeImport,
        BackupReason::BeforeRestore,
    ] {
        t += chrono::Duration::minutes(1);
        take_backup(&mut s, &demo, reason, t, policy).expect("backup");
    }
    let list = list_backups(&s);
    assert_eq!(list.len(), 4, "{list:?}");
    assert!(
        list.iter()
            .filter(|b| b.reason == BackupReason::Auto)
            .count()
            <= 2
    );
    assert_eq!(
        list.last().map(|b| b.reason),
        Some(BackupReason::BeforeRestore)
    );
    assert!(list.iter().all(|b| b.records > 50 && b.size > 1000));
    // Any of them reads back as the data it holds.
    let back = read_backup(&s, &list[0].key).expect("readable");
    assert_eq!(back.records, demo.records);
    // A size bound keeps only what fits (never dropping the newest).
    let tight = BackupPolicy {
        max_count: 10,
        max_auto: 10,
        max_chars: list[0].size * 2 + 10,
    };
    t += chrono::Duration::minutes(1);
    take_backup(&mut s, &demo, BackupReason::Auto, t, tight).expect("backup");
    assert_eq!(list_backups(&s).len(), 2);
}

#[test]
fn a_full_storage_drops_backups_first_and_never_the_state() {
    let mut s = MemStore::default();
    let demo = stored(parkdesk::domain::sample::demo());
    let mut saver = Saver::new("a", "");
    saver
        .save(&mut s, &stored(Default::default()))
        .expect("small");
    let mut t = now();
    for _ in 0..2 {
        t += chrono::Duration::minutes(1);
        take_backup(&mut s, &demo.snapshot, BackupReason::Auto, t, BACKUP_POLICY).expect("backup");
    }
    // Room for the bigger state only once the backups are gone.
    let used: usize = s.map.iter().map(|(k, v)| k.len() + v.len()).sum();
    s.quota = Some(used + 200);
    saver
        .save(&mut s, &demo)
        .expect("saved by dropping backups");
    assert_eq!(state_of(&s), demo);
    assert!(list_backups(&s).len() < 2);
    // A backup that cannot fit even with every older backup dropped fails without touching
    // the state.
    while drop_oldest_backup(&mut s, None) {}
    s.quota = Some(s.map.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() + 10);
    assert_eq!(
        take_backup(
            &mut s,
            &demo.snapshot,
            BackupReason::BeforeMerge,
            t,
            BACKUP_POLICY
        )
        .map(|_| ()),
        Err(StoreError::QuotaExceeded)
    );
    assert_eq!(state_of(&s), demo);
}

#[test]
fn the_export_reminder_counts_from_the_first_unexported_change() {
    let t = |s: &str| -> parkdesk::domain::meta::Timestamp { s.parse().expect("t") };
    let changes = [t("2026-11-01T08:00:00Z"), t("2026-11-10T08:00:00Z")];
    // Exported after the first change: the second is 5 days old on the 15th.
    assert!(!export_reminder_due(
        &changes,
        Some(t("2026-11-05T08:00:00Z")),
        t("2026-11-15T08:00:00Z"),
        7
    ));
    assert!(export_reminder_due(
        &changes,
        Some(t("2026-11-05T08:00:00Z")),
        t("2026-11-17T08:00:00Z"),
        7
    ));
    // Never exported: counts from the first change; nothing changed since export: no reminder.
    assert!(export_reminder_due(
        &changes,
        None,
        t("2026-11-08T08:00:00Z"),
        7
    ));
    assert!(!export_reminder_due(
        &changes,
        Some(t("2026-11-11T08:00:00Z")),
        t("2026-12-31T08:00:00Z"),
        7
    ));
    let mut s = MemStore::default();
    assert_eq!(reminder_days(&s), 7);
    set_reminder_days(&mut s, 14).expect("set");
    assert_eq!(reminder_days(&s), 14);
    assert_eq!(last_exported(&s), None);
    set_last_exported(&mut s, t("2026-11-05T08:00:00Z")).expect("set");
    assert_eq!(last_exported(&s), Some(t("2026-11-05T08:00:00Z")));
}
