//! Snapshot files: round trip, located errors, newer schema refused, v0 migration.

mod common;

use common::*;
use parkdesk::domain::entrustment::EntrustScope;
use parkdesk::domain::meta::Provenance;
use parkdesk::domain::snapshot::{self, SCHEMA_VERSION, SnapshotError};
use parkdesk::domain::workspace::Kind;

fn export_demo() -> String {
    let ws = parkdesk::domain::sample::demo();
    let snap = snapshot::build(
        &ws,
        &office(),
        "2013-06-01T08:00:00Z".parse().expect("t"),
        "test",
    );
    snapshot::to_json(&snap).expect("encode")
}

#[test]
fn export_then_import_gives_the_same_workspace() {
    let text = export_demo();
    let checked = snapshot::check(&text, d("2013-06-01")).expect("valid");
    assert_eq!(checked.snapshot.records, parkdesk::domain::sample::demo());
    assert_eq!(checked.snapshot.office.name, "测试编办");
    let counts: std::collections::BTreeMap<_, _> = checked.preview.counts.iter().cloned().collect();
    assert_eq!(counts[&Kind::Park], 3);
    assert_eq!(counts[&Kind::Township], 6);
    assert_eq!(checked.preview.from_schema, u64::from(SCHEMA_VERSION));
    assert!(checked.preview.samples > 0);
    assert!(
        text.contains("\n  \"format\": \"parkdesk-snapshot\""),
        "pretty JSON"
    );
}

#[test]
fn file_name_has_office_and_time() {
    let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(15, 30, 0))
        .expect("t");
    assert_eq!(
        snapshot::file_name(&office(), t),
        "parkdesk-测试编办-20261125-1530.json"
    );
}

#[test]
fn broken_json_is_located() {
    let text = export_demo();
    let broken = text.replacen("\"parks\": [", "\"parks\": [,", 1);
    let err = snapshot::check(&broken, d("2013-06-01")).expect_err("broken");
    let SnapshotError::NotJson { line, column, .. } = err else {
        panic!("{err:?}")
    };
    assert!(line > 1 && column > 0);
    assert!(err.text().zh.contains(&format!("第 {line} 行")));
}

#[test]
fn wrong_shape_names_the_path() {
    let text = export_demo().replacen("\"kind\": \"INDUSTRIAL\"", "\"kind\": \"FACTORY\"", 1);
    let err = snapshot::check(&text, d("2013-06-01")).expect_err("bad enum");
    let SnapshotError::Shape { path, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        path.starts_with("records.parks[") && path.ends_with("].data.kind"),
        "{path}"
    );
}

#[test]
fn other_json_is_not_a_snapshot() {
    assert!(matches!(
        snapshot::check("{\"hello\": 1}", d("2013-06-01")),
        Err(SnapshotError::NotASnapshot(_))
    ));
    assert!(matches!(
        snapshot::check("[1,2]", d("2013-06-01")),
        Err(SnapshotError::NotASnapshot(_))
    ));
}

#[test]
fn a_newer_schema_is_refused_with_update_the_app() {
    let text = export_demo().replacen(
        &format!("\"schema_version\": {SCHEMA_VERSION}"),
        "\"schema_version\": 99",
        1,
    );
    let err = snapshot::check(&text, d("2013-06-01")).expect_err("too new");
    assert_eq!(
        err,
        SnapshotError::TooNew {
            found: 99,
            supported: SCHEMA_VERSION
        }
    );
    assert!(err.text().zh.contains("请更新应用"));
    assert!(err.text().en.contains("Update the app"));
}

#[test]
fn rule_violations_in_a_file_are_refused_with_locations() {
    let ws = parkdesk::domain::sample::demo();
    let mut bad = ws.clone();
    let counties: Vec<String> = bad.counties.0.keys().cloned().collect();
    let e = bad.entrustments.0.values_mut().next().expect("entrustment");
    e.data.entrusting_county_id = counties
        .into_iter()
        .find(|c| *c != e.data.entrusting_county_id)
        .expect("other county");
    let id = e.meta.id.clone();
    let text = snapshot::to_json(&snapshot::build(
        &bad,
        &office(),
        "2013-06-01T08:00:00Z".parse().expect("t"),
        "t",
    ))
    .expect("encode");
    let err = snapshot::check(&text, d("2013-06-01")).expect_err("invalid");
    let details = err.details();
    assert!(
        details.iter().any(|t| t.en.contains(&format!(
            "records.entrustments[id={id}].data.entrusting_county_id (BR-A3)"
        ))),
        "{details:?}"
    );
}

#[test]
fn duplicate_ids_in_a_file_are_refused() {
    let text = export_demo();
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let mut v2 = v.clone();
    let parks = v2
        .pointer_mut("/records/parks")
        .and_then(|p| p.as_array_mut())
        .expect("parks");
    let first = parks[0].clone();
    parks.push(first);
    let err = snapshot::check(&v2.to_string(), d("2013-06-01")).expect_err("dup");
    assert!(
        matches!(err, SnapshotError::Shape { ref detail, .. } if detail.contains("duplicate record id")),
        "{err:?}"
    );
}

#[test]
fn a_v0_file_is_migrated_without_losing_data() {
    let text = std::fs::read_to_string("tests/fixtures/snapshot-v0.json").expect("fixture");
    let checked = snapshot::check(&text, d("2013-06-01")).expect("v0 imports");
    assert_eq!(checked.preview.from_schema, 0);
    // Four notes of the v0 → v1 step, one for the merge metadata of changed records.
    assert_eq!(checked.preview.migration_notes.len(), 5);
    let ws = &checked.snapshot.records;
    let park = ws.parks.get("01H0000000000000000000P001").expect("park");
    assert_eq!(park.data.name_zh, "保山工贸园区");
    assert_eq!(park.meta.rev, 3);
    assert_eq!(park.meta.provenance, Provenance::UserEntered);
    let e1 = ws
        .entrustments
        .get("01H0000000000000000000E001")
        .expect("e1");
    assert_eq!(e1.data.entrusting_county_id, "01H0000000000000000000C001");
    assert_eq!(e1.data.period.from, d("2012-10-01"));
    assert_eq!(
        e1.data.basis.as_ref().map(|b| b.doc_no.clone()),
        Some(Some("示例〔2012〕1号".into()))
    );
    let e2 = ws
        .entrustments
        .get("01H0000000000000000000E002")
        .expect("e2");
    assert_eq!(
        e2.data.scope,
        EntrustScope::PartialVillages {
            villages: vec!["示例村01".into(), "示例村02".into()]
        }
    );
    assert_eq!(
        e2.data.justification_if_partial.as_deref(),
        Some("仅核心区社区")
    );
    // Migrated data exports as the current schema and reads back identically.
    let again = snapshot::to_json(&checked.snapshot).expect("encode");
    assert_eq!(
        snapshot::check(&again, d("2013-06-01"))
            .expect("current")
            .snapshot
            .records,
        *ws
    );
}

#[test]
fn migration_never_widens_an_unclear_scope_nor_overwrites_existing_fields() {
    let text = std::fs::read_to_string("tests/fixtures/snapshot-v0.json").expect("fixture");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let e1 = v
        .pointer_mut("/records/entrustments/0/data")
        .and_then(|d| d.as_object_mut())
        .expect("e1");
    e1.insert("whole_township".into(), serde_json::json!("false"));
    e1.insert("villages".into(), serde_json::json!(["示例村09"]));
    e1.insert(
        "justification_if_partial".into(),
        serde_json::json!("核心区"),
    );
    let park = v
        .pointer_mut("/records/parks/0/data")
        .and_then(|d| d.as_object_mut())
        .expect("park");
    park.insert("name_zh".into(), serde_json::json!("已有中文名"));
    let checked = snapshot::check(&v.to_string(), d("2013-06-01")).expect("imports");
    let ws = &checked.snapshot.records;
    let e1 = ws
        .entrustments
        .get("01H0000000000000000000E001")
        .expect("e1");
    assert_eq!(
        e1.data.scope,
        EntrustScope::PartialVillages {
            villages: vec!["示例村09".into()]
        }
    );
    let park = ws.parks.get("01H0000000000000000000P001").expect("park");
    assert_eq!(park.data.name_zh, "已有中文名");
    assert!(
        park.meta
            .note
            .as_deref()
            .is_some_and(|n| n.contains("保山工贸园区")),
        "the v0 name is kept in the note"
    );
}

#[test]
fn an_exported_file_carries_a_checksum_that_detects_tampering() {
    use parkdesk::domain::snapshot::Integrity;
    let text = export_demo();
    assert!(text.contains("\"checksum\": \"sha256:"));
    let checked = snapshot::check(&text, d("2013-06-01")).expect("valid");
    assert_eq!(checked.preview.integrity, Integrity::Verified);
    // Re-indenting or reordering keys keeps it valid: the checksum is over canonical JSON.
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let compact = serde_json::to_string(&v).expect("compact");
    assert_eq!(
        snapshot::check(&compact, d("2013-06-01"))
            .expect("valid")
            .preview
            .integrity,
        Integrity::Verified
    );
    // One changed value is reported as altered, but the file is still readable.
    let tampered = text.replacen("\"name\": \"保山市\"", "\"name\": \"保山市（改）\"", 1);
    assert_ne!(tampered, text);
    let altered = snapshot::check(&tampered, d("2013-06-01")).expect("still readable");
    assert!(matches!(
        altered.preview.integrity,
        Integrity::Altered { .. }
    ));
    assert!(altered.preview.integrity.text().zh.contains("被改动"));
    // An old file without a checksum is accepted with a note.
    let mut old = v.clone();
    old.as_object_mut().expect("obj").remove("checksum");
    let c = snapshot::check(&old.to_string(), d("2013-06-01")).expect("accepted");
    assert_eq!(c.preview.integrity, Integrity::Missing);
    assert!(c.preview.integrity.text().en.contains("no checksum"));
}

#[test]
fn the_canonical_form_sorts_keys_and_drops_whitespace() {
    let v: serde_json::Value =
        serde_json::from_str("{ \"b\": [1, 2.5, \"x\"], \"a\": {\"d\": null, \"c\": true} }")
            .expect("json");
    assert_eq!(
        snapshot::canonical(&v),
        r#"{"a":{"c":true,"d":null},"b":[1,2.5,"x"]}"#
    );
}

#[test]
fn the_checksum_is_the_sha256_of_the_canonical_form_without_the_checksum_key() {
    use sha2::{Digest, Sha256};
    // Only the top-level "checksum" is left out; a nested one counts.
    let v: serde_json::Value =
        serde_json::from_str("{\"checksum\": \"x\", \"b\": \"园区\", \"a\": {\"checksum\": 1}}")
            .expect("json");
    let expected: String = Sha256::digest(r#"{"a":{"checksum":1},"b":"园区"}"#.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(snapshot::checksum_of(&v), format!("sha256:{expected}"));
}

#[test]
fn parsing_from_bytes_skips_a_byte_order_mark_and_locates_a_byte_that_is_not_utf8() {
    let text = export_demo();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let v = snapshot::parse_bytes(&bytes).expect("parsed");
    assert_eq!(v, snapshot::parse(&text).expect("parsed"));
    // GBK-encoded 园区 (0xD4 0xB0 0xC7 0xF8: not UTF-8) on line 2.
    let err = snapshot::parse_bytes(b"{\n\"a\": \"\xD4\xB0\xC7\xF8\"}").expect_err("not UTF-8");
    assert!(
        matches!(err, SnapshotError::NotJson { line: 2, .. }),
        "{err:?}"
    );
}

#[test]
fn a_legacy_changed_record_gets_merge_metadata_on_upgrade() {
    // A schema-3 file from before the merge release: a record at rev 3 without vv/groups.
    let text = export_demo();
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let meta = v
        .pointer_mut("/records/parks/0/meta")
        .and_then(|m| m.as_object_mut())
        .expect("meta");
    meta.insert("rev".into(), serde_json::json!(3));
    meta.insert("updated_by".into(), serde_json::json!("office-old"));
    let checked = snapshot::check(&v.to_string(), d("2013-06-01")).expect("reads");
    let park = checked
        .snapshot
        .records
        .parks
        .0
        .values()
        .next()
        .expect("park");
    assert_eq!(park.meta.rev, 3);
    assert!(park.meta.vv.contains_key("office-old"));
    assert_eq!(
        park.meta.groups.get("main").map(|s| s.author.as_str()),
        Some("office-old")
    );
    // Unchanged records (rev 1) get nothing.
    assert!(
        checked
            .snapshot
            .records
            .parks
            .0
            .values()
            .skip(1)
            .all(|p| p.meta.vv.is_empty())
    );
}
