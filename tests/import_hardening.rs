//! Issue #15, classes 5, 6 and 7: a partial file is checked against its scope and its records'
//! own fields; ids are validated; a key repeated inside one object is refused where it stands;
//! invisible names are blank; what the file carries that this version does not know is listed;
//! a merge's summary does not count what it left out.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use parkdesk::domain::command::Command;
use parkdesk::domain::merge::{self, Decisions, MergeCtx};
use parkdesk::domain::rules;
use parkdesk::domain::snapshot::{self, Scope, ScopeRoot, SnapshotError};
use parkdesk::domain::workspace::{Kind, Record, Workspace};
use serde_json::Value;

fn at() -> parkdesk::domain::meta::Timestamp {
    "2013-06-01T08:00:00Z".parse().expect("t")
}

fn demo() -> Workspace {
    parkdesk::domain::sample::demo()
}

/// The demo as an exchange file, optionally partial, as JSON to be damaged.
fn file(ws: &Workspace, scope: Option<Scope>) -> Value {
    let mut snap = snapshot::build(ws, &office(), at(), "test");
    snap.scope = scope;
    let text = snapshot::to_json(&snap).expect("encode");
    serde_json::from_str(&text).expect("json")
}

/// Re-signs a damaged file so that it passes the checksum step and reaches the checks inside.
fn signed(mut v: Value) -> String {
    let sum = snapshot::checksum_of(&v);
    v["checksum"] = Value::String(sum);
    serde_json::to_string_pretty(&v).expect("text")
}

fn check(v: Value) -> Result<snapshot::Checked, SnapshotError> {
    let text = signed(v);
    let checked = snapshot::check(&text, d("2013-06-01"));
    if let Ok(c) = &checked {
        assert_eq!(c.preview.integrity, snapshot::Integrity::Verified);
    }
    checked
}

fn park_ids(ws: &Workspace) -> Vec<String> {
    ws.parks.iter_live().map(|p| p.meta.id.clone()).collect()
}

fn park_scope(ws: &Workspace, id: &str) -> Scope {
    Scope {
        root: Some(ScopeRoot {
            kind: Kind::Park,
            id: id.to_string(),
        }),
        area: None,
        label: format!("园区：{}", ws.label_of(Kind::Park, id)),
        for_office: None,
    }
}

// Class 5: scopes.

#[test]
fn a_true_park_export_passes_and_the_preview_names_the_park_from_its_records() {
    let ws = demo();
    let a = &park_ids(&ws)[0];
    let part = parkdesk::domain::scope::around(&ws, Kind::Park, a);
    let mut scope = park_scope(&ws, a);
    scope.label = "园区：别的园区".into();
    let checked = check(file(&part, Some(scope))).expect("a park's own export is accepted");
    let shown = checked.preview.scope.expect("partial").label;
    assert_eq!(shown, format!("园区：{}", ws.label_of(Kind::Park, a)));
}

#[test]
fn a_file_naming_park_a_while_carrying_park_b_is_refused_and_says_which_records() {
    let ws = demo();
    let ids = park_ids(&ws);
    let (a, b) = (&ids[0], &ids[1]);
    assert_ne!(a, b);
    let mut part = parkdesk::domain::scope::around(&ws, Kind::Park, a);
    let other = parkdesk::domain::scope::around(&ws, Kind::Park, b);
    for r in other.records() {
        part.put(r);
    }
    let err = check(file(&part, Some(park_scope(&ws, a)))).expect_err("strays refused");
    let SnapshotError::OutOfScope { strays, .. } = &err else {
        panic!("{err:?}")
    };
    // Park B's own records (its townships, delegations…) are named; what park A's records also
    // refer to is not.
    let own_a = parkdesk::domain::scope::around(&ws, Kind::Park, a);
    assert!(!strays.is_empty());
    assert!(
        strays
            .iter()
            .all(|(k, id)| other.has(*k, id) && !own_a.has(*k, id))
    );
    let b_township = other
        .townships
        .iter_live()
        .find(|t| !own_a.has(Kind::Township, &t.meta.id))
        .expect("a township of park B only");
    assert!(strays.contains(&(Kind::Township, b_township.meta.id.clone())));
    let details = err.details();
    assert_eq!(details.len(), strays.len());
    assert!(
        details.iter().any(|t| t
            .en
            .contains(&format!("records.townships[id={}]", b_township.meta.id))),
        "{details:?}"
    );
    // Root missing: the file is built around a park it does not carry.
    let only_a = parkdesk::domain::scope::around(&ws, Kind::Park, a);
    let err =
        check(file(&only_a, Some(park_scope(&ws, "PARK-NOT-HERE")))).expect_err("root missing");
    assert!(
        matches!(&err, SnapshotError::OutOfScope { root_missing: Some((Kind::Park, id)), .. } if id == "PARK-NOT-HERE"),
        "{err:?}"
    );
    assert!(err.text().zh.contains("PARK-NOT-HERE"));
}

#[test]
fn an_area_file_carrying_records_of_another_area_is_refused() {
    use parkdesk::domain::kind_tables::Area;
    let ws = demo();
    let mut part = parkdesk::domain::scope::area(&ws, Area::Powers);
    let powers_only = part.clone();
    for r in parkdesk::domain::scope::area(&ws, Area::Staffing).records() {
        part.put(r);
    }
    let stray = ws
        .persons
        .iter_live()
        .find(|p| !powers_only.has(Kind::Person, &p.meta.id))
        .expect("a person outside the powers area")
        .clone();
    let scope = Scope {
        root: None,
        area: Some(Area::Powers),
        label: "领域：权力".into(),
        for_office: None,
    };
    let err = check(file(&part, Some(scope))).expect_err("stray person");
    assert!(
        matches!(&err, SnapshotError::OutOfScope { strays, .. } if strays.contains(&(Kind::Person, stray.meta.id.clone()))),
        "{err:?}"
    );
}

#[test]
fn field_blocks_still_refuse_a_partial_file() {
    let ws = demo();
    let a = &park_ids(&ws)[0];
    let part = parkdesk::domain::scope::around(&ws, Kind::Park, a);
    let mut v = file(&part, Some(park_scope(&ws, a)));
    let parks = v["records"]["parks"].as_array_mut().expect("parks");
    parks[0]["data"]["name_zh"] = Value::String("\u{200B}\u{200B}".into());
    let err = check(v).expect_err("an invisible park name is blank");
    let SnapshotError::Invalid(blocks) = &err else {
        panic!("{err:?}")
    };
    assert!(
        blocks
            .iter()
            .any(|b| b.kind == Kind::Park && b.id == *a && b.field == Some("name_zh")),
        "{blocks:?}"
    );
}

// Class 6: ids, repeated keys, invisible text, unknown content.

fn first_park_id_set(id: &str) -> Result<snapshot::Checked, SnapshotError> {
    let mut v = file(&demo(), None);
    v["records"]["parks"][0]["meta"]["id"] = Value::String(id.to_string());
    check(v)
}

#[test]
fn record_ids_must_be_short_visible_text() {
    for (id, why) in [
        ("", "empty"),
        ("   ", "empty"),
        (&"x".repeat(10_000), "longer than"),
        ("park\u{0007}1", "control"),
        ("park\u{200B}", "invisible"),
    ] {
        let err = first_park_id_set(id).expect_err(why);
        let SnapshotError::Shape { path, detail } = &err else {
            panic!("{why}: {err:?}")
        };
        assert!(path.starts_with("records.parks"), "{why}: {path}");
        assert!(detail.contains(why), "{why}: {detail}");
    }
    // A visible id of another shape is no id error (the park's referrers then point nowhere,
    // which the rules report on their own).
    assert!(!matches!(
        first_park_id_set("PARK-合法-1"),
        Err(SnapshotError::Shape { .. })
    ));
}

#[test]
fn a_key_repeated_inside_a_record_is_refused_with_its_line_and_column() {
    let text = signed(file(&demo(), None));
    let needle = "\"name_zh\": ";
    let at = text.find(needle).expect("a park name");
    let damaged = format!(
        "{}\"name_zh\": \"第一个名称\",\n      {}",
        &text[..at],
        &text[at..]
    );
    let err = snapshot::check(&damaged, d("2013-06-01")).expect_err("repeated key");
    let SnapshotError::RepeatedKey { line, key, .. } = &err else {
        panic!("{err:?}")
    };
    let expected_line = damaged[..at].matches('\n').count() + 2;
    assert_eq!(key, "name_zh");
    assert_eq!(*line, expected_line);
    assert!(err.text().zh.contains(&format!("第 {expected_line} 行")));
    assert!(err.text().zh.contains("两次"));
}

#[test]
fn invisible_names_are_blank() {
    assert!(rules::blank("\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}"));
    assert!(rules::blank(" \u{3000}\t"));
    assert!(rules::blank("\u{202E}\u{00AD}"));
    assert!(!rules::blank("\u{200B}园"));
}

#[test]
fn unknown_tables_envelope_keys_and_fields_are_listed_in_the_preview() {
    let mut v = file(&demo(), None);
    v["records"]["spaceships"] = serde_json::json!([{ "id": "x" }]);
    v["comment"] = Value::String("from the future".into());
    v["records"]["parks"][0]["data"]["colour"] = Value::String("blue".into());
    let checked = check(v).expect("unknown content alone does not refuse the file");
    let unknown = checked.preview.unknown;
    for needle in ["records.spaceships", "comment", "colour"] {
        assert!(
            unknown.iter().any(|p| p.contains(needle)),
            "{needle} missing from {unknown:?}"
        );
    }
    assert_eq!(unknown.len(), 3, "{unknown:?}");
    // A clean file lists nothing.
    let clean = check(file(&demo(), None)).expect("clean");
    assert!(
        clean.preview.unknown.is_empty(),
        "{:?}",
        clean.preview.unknown
    );
}

// Class 7: the merge summary counts what was merged.

#[test]
fn the_merge_summary_does_not_count_left_out_records_as_new() {
    let mut h = Harness::with(demo());
    let base = h.ws().clone();
    let template = base.townships.iter_live().next().expect("township").clone();
    let mut incoming = Workspace::default();
    for k in 0..3 {
        let mut t = template.clone();
        t.meta.id = format!("bad-{k}");
        t.data.name = "\u{200B}".into();
        incoming.put(Record::Township(t));
    }
    let mut good = template.clone();
    good.meta.id = "good-1".into();
    good.data.name = "新镇".into();
    good.data.in_planning_area_of = None;
    incoming.put(Record::Township(good));
    let dir = vec![office()];
    let ctx = MergeCtx {
        me: &h.office,
        now: h.now,
        directory: &dir,
    };
    let plan = merge::plan(h.ws(), &incoming, &ctx, &Decisions::new());
    let out = h
        .run(Command::Merge {
            records: plan.records(),
            summary: plan.summary("t.json"),
        })
        .expect("the good township is merged");
    assert_eq!(
        out.summary.zh.matches("新增 1、").count(),
        1,
        "{}",
        out.summary.zh
    );
    assert!(
        out.summary.zh.contains("3 条因违反规则未合并"),
        "{}",
        out.summary.zh
    );
    assert_eq!(
        h.ws().townships.count_live(),
        base.townships.count_live() + 1
    );
}
