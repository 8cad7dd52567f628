//! Issue #15: a property test of the whole import path over mutated valid exchange files.
//!
//! Each case takes a valid file built from the demo data — the full export, the sample park
//! office's file, partial exports around each park and an inspection campaign (`scope::around`)
//! and of each area (`scope::area`), each with its `Scope` envelope — and mutates its JSON tree:
//! values pushed to their type's extremes (i64/u64/u32 limits, 0, ±1e308, dates such as
//! 9999-12-31, 0001-01-01 and +262143-12-31, empty and 10,000-character strings, control and
//! zero-width characters, `=cmd|…` formulas), fields copied or swapped between records and kinds,
//! ids duplicated, emptied or given control characters, references redirected to other or
//! missing ids, merge stamps forged, records copied, removed or moved to another table, the
//! scope's root and area changed or pointed at another park, envelope keys added and removed, the
//! schema version lowered (running the migrations) or raised. A mutated record is usually also
//! stamped as the sender's edit (revision, version vector, group stamps), so the merge sees a
//! change rather than an unchanged record. The checksum is recomputed after the mutation (in most
//! cases), the tree serialised to bytes (sometimes then truncated or given a byte that is not
//! UTF-8) and run through the pipeline the browser runs:
//! `parse_bytes` → `integrity_of_file` → `upgrade` → `decode` → `validate`, and for an accepted
//! file `merge::plan` (with several review decisions) → `Command::Merge` (and its undo), then
//! `Command::ReplaceAll` (and its undo), into a copy holding the demo data.
//!
//! Properties: nothing panics; every refusal is located (line and column, the envelope field, a
//! non-empty path, or violations each naming a record by a non-empty id); a refused merge or
//! replacement leaves the workspace unchanged; an undone merge or replacement restores it
//! exactly; the stepwise pipeline agrees with `snapshot::check`.
//!
//! Run time: the default is [`DEFAULT_CASES`] cases, about 15 s in a debug `cargo test` on two
//! cores (a case takes 0.05–0.5 s, the full-size files being the slow ones). Set
//! `PROPTEST_CASES` for a longer run by hand, e.g. `PROPTEST_CASES=5000 cargo test --test
//! import_fuzz` (about 12 minutes); add `IMPORT_FUZZ_STATS=1` and `-- --nocapture` to see how
//! far each case gets (refused where, merge classes, replacement).
//!
//! Each bug the fuzzing found keeps a plain reproducer at the end of this file (the first: a
//! record with an empty id passed the import and its violations named no record).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use chrono::NaiveDate;
use common::*;
use parkdesk::domain::command::{Command, CommandError};
use parkdesk::domain::kind_tables::{self, Area};
use parkdesk::domain::merge::{self, Decision, Decisions, MergeCtx, Side};
use parkdesk::domain::meta::{Office, Role};
use parkdesk::domain::rules::Violation;
use parkdesk::domain::snapshot::{self, Checked, Scope, ScopeRoot, SnapshotError};
use parkdesk::domain::text::{Lang, Text};
use parkdesk::domain::workspace::{Kind, Workspace};
use parkdesk::domain::{sample, sample_exchange, scope};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Cases per `cargo test` run; `PROPTEST_CASES` overrides it.
const DEFAULT_CASES: u32 = 96;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        // A case takes up to half a second in a debug build: keep shrinking bounded.
        max_shrink_iters: 300,
        ..ProptestConfig::default()
    }
}

// ------------------------------------------------------------------------------ the base files

/// The office that exported the base files (not the importing copy's office).
fn city_office() -> Office {
    Office::new("office-city", "市编办（导出方）", Role::Bianban)
}

fn exported_at() -> parkdesk::domain::meta::Timestamp {
    "2013-05-30T10:00:00Z".parse().expect("time")
}

struct Base {
    name: String,
    value: Value,
}

/// A snapshot as the exchange file's JSON tree (with its checksum).
fn file_value(snap: &snapshot::Snapshot) -> Value {
    let text = snapshot::to_json(snap).expect("encode");
    snapshot::parse(&text).expect("parse own export")
}

fn partial(records: Workspace, scope: Scope) -> snapshot::Snapshot {
    let mut snap = snapshot::build(&records, &city_office(), exported_at(), "fuzz");
    snap.scope = Some(scope);
    snap
}

static DEMO: LazyLock<Workspace> = LazyLock::new(sample::demo);

static BASES: LazyLock<Vec<Base>> = LazyLock::new(|| {
    let ws = &*DEMO;
    let mut out = vec![
        Base {
            name: "full export".into(),
            value: file_value(&snapshot::build(ws, &city_office(), exported_at(), "fuzz")),
        },
        Base {
            name: "sample park office file".into(),
            value: file_value(&sample_exchange::park_office_file()),
        },
    ];
    for p in ws.parks.iter_live() {
        let id = p.meta.id.clone();
        out.push(Base {
            name: format!("park {}", p.data.short_code),
            value: file_value(&partial(
                scope::around(ws, Kind::Park, &id),
                Scope {
                    root: Some(ScopeRoot {
                        kind: Kind::Park,
                        id: id.clone(),
                    }),
                    area: None,
                    label: format!("园区：{}", p.data.name_zh),
                    for_office: Some("园区管委会".into()),
                },
            )),
        });
    }
    if let Some(c) = ws.inspection_campaigns.iter_live().next() {
        let id = c.meta.id.clone();
        out.push(Base {
            name: "inspection campaign".into(),
            value: file_value(&partial(
                scope::around(ws, Kind::InspectionCampaign, &id),
                Scope {
                    root: Some(ScopeRoot {
                        kind: Kind::InspectionCampaign,
                        id,
                    }),
                    area: None,
                    label: "督查".into(),
                    for_office: None,
                },
            )),
        });
    }
    for a in Area::ALL {
        out.push(Base {
            name: format!("area {}", a.code()),
            value: file_value(&partial(
                scope::area(ws, a),
                Scope {
                    root: None,
                    area: Some(a),
                    label: format!("领域：{}", a.zh()),
                    for_office: None,
                },
            )),
        });
    }
    out
});

// --------------------------------------------------------------------------- value catalogues

fn numbers() -> Vec<Value> {
    vec![
        json!(0),
        json!(-1),
        json!(1),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u32::MAX),
        json!(u64::from(u32::MAX) + 1),
        json!(u64::MAX),
        json!(i32::MIN),
        json!(i32::MAX),
        json!(1e308),
        json!(-1e308),
        json!(0.5),
        json!(-0.0),
        json!(9_007_199_254_740_993u64),
        json!(1e-300),
        json!(1_000_000_000),
        json!(-1_000_000_000_000i64),
        // The limits of the narrower types (u8 scores, u16 counts) and of per-mille / hundredths.
        json!(u8::MAX),
        json!(u16::MAX),
        json!(u32::from(u16::MAX) + 1),
        json!(1000),
        json!(1001),
        json!(10_000),
        json!(10_001),
    ]
}

const DATES: &[&str] = &[
    "9999-12-31",
    "0001-01-01",
    "+262143-12-31",
    "262143-12-31",
    "-262144-01-01",
    "1900-01-01",
    "1899-12-31",
    "2199-12-31",
    "2200-01-01",
    "2013-02-29",
    "2012-02-29",
    "0000-01-01",
    "2013-13-01",
    "",
];

const TIMESTAMPS: &[&str] = &[
    "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00Z",
    "+262143-12-31T23:59:59.999999999Z",
    "-262144-01-01T00:00:00Z",
    "1970-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "2013-06-01T08:00:00+14:00",
    "2013-06-01T08:00:00-12:00",
    "2013-06-01 08:00:00",
    "",
];

fn strings() -> Vec<String> {
    vec![
        String::new(),
        " ".into(),
        "\u{0}".into(),
        "\u{1b}[31m红\u{7}".into(),
        "\t\r\n".into(),
        "\u{200b}".into(),
        "\u{200b}\u{200c}\u{200d}\u{feff}".into(),
        "\u{202e}gpj.exe".into(),
        "=cmd|' /C calc'!A0".into(),
        "+SUM(1,2)".into(),
        "-2+3".into(),
        "@SUM(A1)".into(),
        "=HYPERLINK(\"http://example.invalid\")".into(),
        "x".repeat(10_000),
        "中".repeat(10_000),
        "110101199003077777".into(),
        "13800138000".into(),
        "<script>alert(1)</script>".into(),
        "\u{fffd}😀".into(),
    ]
}

/// Ids that no record has.
fn missing_ids() -> Vec<String> {
    vec![
        "01ARZ3NDEKTSV4RRFFQ69G5FAV".into(),
        String::new(),
        " ".into(),
        "\u{0}".into(),
        "\u{200b}".into(),
        "y".repeat(10_000),
        "=cmd|' /C calc'!A0".into(),
        "a/b~c".into(),
    ]
}

/// Bad ids for a record itself.
fn bad_ids() -> Vec<String> {
    let mut v = missing_ids();
    v.push("\n".into());
    v.push("id\u{1}with\u{7f}controls".into());
    v
}

fn any_values() -> Vec<Value> {
    let mut v = numbers();
    v.extend(strings().into_iter().map(Value::String));
    v.extend(DATES.iter().map(|s| json!(s)));
    v.extend(TIMESTAMPS.iter().map(|s| json!(s)));
    v.extend([
        Value::Null,
        json!(true),
        json!(false),
        json!([]),
        json!({}),
        json!(["x"]),
        json!({"x": 1}),
    ]);
    v
}

fn pick<T: Clone>(v: &[T], n: usize) -> T {
    v[n % v.len()].clone()
}

/// Office ids a forged stamp, a claim or a redirected office names.
fn office_ids(file_office: &str) -> Vec<String> {
    vec![
        office().id,
        file_office.to_string(),
        sample::SAMPLE_OFFICE_ID.into(),
        sample_exchange::SAMPLE_PARK_OFFICE_ID.into(),
        String::new(),
        "office-unknown".into(),
    ]
}

// ----------------------------------------------------------------------------- tree helpers

fn esc(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

/// JSON pointers of every node below `v` (not `v` itself).
fn paths(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let p = format!("{at}/{}", esc(k));
                    out.push(p.clone());
                    walk(x, &p, out);
                }
            }
            Value::Array(a) => {
                for (n, x) in a.iter().enumerate() {
                    let p = format!("{at}/{n}");
                    out.push(p.clone());
                    walk(x, &p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out
}

/// Splits a pointer into its parent's pointer and its last token (unescaped).
fn split(p: &str) -> Option<(&str, String)> {
    let n = p.rfind('/')?;
    Some((&p[..n], p[n + 1..].replace("~1", "/").replace("~0", "~")))
}

fn remove_at(v: &mut Value, p: &str) {
    let Some((parent, last)) = split(p) else {
        return;
    };
    match v.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(&last);
        }
        Some(Value::Array(a)) => {
            if let Ok(n) = last.parse::<usize>()
                && n < a.len()
            {
                a.remove(n);
            }
        }
        _ => {}
    }
}

/// The non-empty tables of the file's records, in key order.
fn tables(v: &Value) -> Vec<String> {
    v.get("records")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter(|(_, t)| t.as_array().is_some_and(|a| !a.is_empty()))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Which record a mutation acts on: a table and an index, both taken modulo what exists.
#[derive(Clone, Copy, Debug)]
struct Pick {
    table: u16,
    index: u16,
}

/// The pointer of the picked record, if the file has any records.
fn record_at(v: &Value, p: Pick) -> Option<String> {
    let t = tables(v);
    if t.is_empty() {
        return None;
    }
    let table = pick(&t, usize::from(p.table));
    let len = v
        .pointer(&format!("/records/{}", esc(&table)))?
        .as_array()?
        .len();
    Some(format!(
        "/records/{}/{}",
        esc(&table),
        usize::from(p.index) % len
    ))
}

/// Every record id of the file with its table.
fn ids_of(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(m) = v.get("records").and_then(Value::as_object) {
        for (table, recs) in m {
            for r in recs.as_array().into_iter().flatten() {
                if let Some(id) = r.pointer("/meta/id").and_then(Value::as_str) {
                    out.push((table.clone(), id.to_string()));
                }
            }
        }
    }
    out
}

fn is_date(s: &str) -> bool {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

fn is_timestamp(s: &str) -> bool {
    s.parse::<parkdesk::domain::meta::Timestamp>().is_ok()
}

// -------------------------------------------------------------------------------- mutations

/// How a node's new value is chosen.
#[derive(Clone, Copy, Debug)]
enum Fill {
    /// An extreme of the node's own type (a date for a date, a number for a number…).
    SameType(u16),
    /// Any value of any type.
    AnyType(u16),
}

/// Where a redirected reference points.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// Any record of the file (often of another kind).
    Existing(u16),
    /// A record of the table the reference pointed into.
    SameTable(u16),
    /// An id no record has.
    Missing(u16),
}

#[derive(Clone, Debug)]
enum Mutation {
    /// A node of a record set to an extreme value.
    Extreme {
        rec: Pick,
        node: u16,
        fill: Fill,
    },
    /// A node of one record copied over (or swapped with) a node of another record.
    Transplant {
        from: Pick,
        from_node: u16,
        to: Pick,
        to_node: u16,
        same_path: bool,
        swap: bool,
    },
    /// A record takes the id of another record (same or other table).
    DuplicateId {
        rec: Pick,
        other: Pick,
    },
    /// A record gets an empty, blank, huge or control-character id.
    BadId {
        rec: Pick,
        id: u16,
    },
    /// A reference of a record points elsewhere.
    Redirect {
        rec: Pick,
        which: u16,
        to: Target,
    },
    /// A record copied into its own table (fresh or same id) or into another table.
    CopyRecord {
        rec: Pick,
        into: Option<u16>,
        fresh_id: bool,
    },
    RemoveRecord {
        rec: Pick,
    },
    /// A key or array element of a record removed.
    RemoveNode {
        rec: Pick,
        node: u16,
    },
    /// A key added to an object of a record (unknown or a known name).
    AddKey {
        rec: Pick,
        node: u16,
        key: u16,
        value: u16,
    },
    /// Merge metadata forged: rev, version vector and a group stamp by some office.
    Stamp {
        rec: Pick,
        office: u16,
        n: u16,
        group: u16,
        rev: u16,
        deleted: bool,
    },
    Scope(ScopeMut),
    Envelope(EnvMut),
}

#[derive(Clone, Copy, Debug)]
enum ScopeMut {
    Root {
        kind: u16,
        to: Target,
    },
    RootToPark(u16),
    Area(u16),
    RemoveScope,
    RemoveRoot,
    RemoveArea,
    /// Any value in place of the scope (or of its label / for_office).
    Replace {
        field: u16,
        value: u16,
    },
}

#[derive(Clone, Copy, Debug)]
enum EnvMut {
    RemoveKey(u16),
    AddKey {
        key: u16,
        value: u16,
    },
    SchemaVersion(u16),
    Format(u16),
    ExportedAt(u16),
    Office {
        field: u16,
        value: u16,
    },
    /// The file's directory claims a role for a known office (or lists one twice).
    Claim {
        office: u16,
        role: u16,
    },
    Table {
        op: u16,
        table: u16,
    },
    /// A legacy cross-post record (folded by the migration) built from picked values.
    LegacyCrossPost {
        town: Target,
        from: u16,
        holder: u16,
    },
    /// A legacy verdict on a delegation (turned into a check by the migration).
    LegacyVerdict {
        rec: u16,
        verdict: u16,
        on: u16,
    },
}

fn pick_s() -> impl Strategy<Value = Pick> {
    (any::<u16>(), any::<u16>()).prop_map(|(table, index)| Pick { table, index })
}

fn fill() -> impl Strategy<Value = Fill> {
    prop_oneof![
        3 => any::<u16>().prop_map(Fill::SameType),
        1 => any::<u16>().prop_map(Fill::AnyType),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        any::<u16>().prop_map(Target::Existing),
        any::<u16>().prop_map(Target::SameTable),
        any::<u16>().prop_map(Target::Missing),
    ]
}

fn scope_mut() -> impl Strategy<Value = ScopeMut> {
    let u = any::<u16>;
    prop_oneof![
        (u(), target()).prop_map(|(kind, to)| ScopeMut::Root { kind, to }),
        u().prop_map(ScopeMut::RootToPark),
        u().prop_map(ScopeMut::Area),
        Just(ScopeMut::RemoveScope),
        Just(ScopeMut::RemoveRoot),
        Just(ScopeMut::RemoveArea),
        (u(), u()).prop_map(|(field, value)| ScopeMut::Replace { field, value }),
    ]
}

fn env_mut() -> impl Strategy<Value = EnvMut> {
    let u = any::<u16>;
    prop_oneof![
        u().prop_map(EnvMut::RemoveKey),
        (u(), u()).prop_map(|(key, value)| EnvMut::AddKey { key, value }),
        u().prop_map(EnvMut::SchemaVersion),
        u().prop_map(EnvMut::Format),
        u().prop_map(EnvMut::ExportedAt),
        (u(), u()).prop_map(|(field, value)| EnvMut::Office { field, value }),
        (u(), u()).prop_map(|(office, role)| EnvMut::Claim { office, role }),
        (u(), u()).prop_map(|(op, table)| EnvMut::Table { op, table }),
        (target(), u(), u()).prop_map(|(town, from, holder)| EnvMut::LegacyCrossPost {
            town,
            from,
            holder
        }),
        (u(), u(), u()).prop_map(|(rec, verdict, on)| EnvMut::LegacyVerdict { rec, verdict, on }),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let u = any::<u16>;
    prop_oneof![
        8 => (pick_s(), u(), fill()).prop_map(|(rec, node, fill)| Mutation::Extreme { rec, node, fill }),
        2 => (pick_s(), u(), pick_s(), u(), any::<bool>(), any::<bool>()).prop_map(
            |(from, from_node, to, to_node, same_path, swap)| Mutation::Transplant {
                from,
                from_node,
                to,
                to_node,
                same_path,
                swap,
            }
        ),
        1 => (pick_s(), pick_s()).prop_map(|(rec, other)| Mutation::DuplicateId { rec, other }),
        1 => (pick_s(), u()).prop_map(|(rec, id)| Mutation::BadId { rec, id }),
        3 => (pick_s(), u(), target()).prop_map(|(rec, which, to)| Mutation::Redirect { rec, which, to }),
        1 => (pick_s(), proptest::option::of(u()), any::<bool>())
            .prop_map(|(rec, into, fresh_id)| Mutation::CopyRecord { rec, into, fresh_id }),
        1 => pick_s().prop_map(|rec| Mutation::RemoveRecord { rec }),
        1 => (pick_s(), u()).prop_map(|(rec, node)| Mutation::RemoveNode { rec, node }),
        1 => (pick_s(), u(), u(), u()).prop_map(|(rec, node, key, value)| Mutation::AddKey {
            rec,
            node,
            key,
            value
        }),
        2 => (pick_s(), u(), u(), u(), u(), any::<bool>()).prop_map(
            |(rec, office, n, group, rev, deleted)| Mutation::Stamp {
                rec,
                office,
                n,
                group,
                rev,
                deleted,
            }
        ),
        2 => scope_mut().prop_map(Mutation::Scope),
        2 => env_mut().prop_map(Mutation::Envelope),
    ]
}

/// A new value for the node `old` (see [`Fill`]).
fn fill_value(old: &Value, fill: Fill) -> Value {
    match fill {
        Fill::AnyType(n) => pick(&any_values(), n.into()),
        Fill::SameType(n) => {
            let n = usize::from(n);
            match old {
                Value::Number(_) => pick(&numbers(), n),
                Value::String(s) if is_date(s) => json!(pick(DATES, n)),
                Value::String(s) if is_timestamp(s) => json!(pick(TIMESTAMPS, n)),
                Value::String(_) => Value::String(pick(&strings(), n)),
                Value::Bool(b) => Value::Bool(!b),
                Value::Null => pick(&any_values(), n),
                Value::Array(a) => match n % 4 {
                    0 => json!([]),
                    // Every element twice: duplicates inside a list.
                    1 => Value::Array(a.iter().chain(a).cloned().collect()),
                    2 => Value::Array(a.iter().skip(1).cloned().collect()),
                    _ => Value::Array(
                        a.iter()
                            .cloned()
                            .chain(std::iter::once(pick(&any_values(), n / 4)))
                            .collect(),
                    ),
                },
                Value::Object(_) => json!({}),
            }
        }
    }
}

fn set(v: &mut Value, p: &str, x: Value) {
    if let Some(slot) = v.pointer_mut(p) {
        *slot = x;
    }
}

fn node_of(v: &Value, rec: &str, node: u16) -> Option<String> {
    let ps = paths(v.pointer(rec)?);
    if ps.is_empty() {
        return None;
    }
    Some(format!("{rec}{}", pick(&ps, node.into())))
}

fn target_id(v: &Value, t: Target, table_hint: Option<&str>) -> String {
    let ids = ids_of(v);
    match t {
        Target::Missing(n) => pick(&missing_ids(), n.into()),
        Target::Existing(n) if !ids.is_empty() => pick(&ids, n.into()).1,
        Target::SameTable(n) => {
            let same: Vec<&(String, String)> = ids
                .iter()
                .filter(|(t, _)| Some(t.as_str()) == table_hint)
                .collect();
            if same.is_empty() {
                pick(&missing_ids(), n.into())
            } else {
                same[usize::from(n) % same.len()].1.clone()
            }
        }
        Target::Existing(n) => pick(&missing_ids(), n.into()),
    }
}

/// The group codes of a table's kind (plus `deleted` and an unknown one).
fn groups_of(table: &str) -> Vec<String> {
    let mut g: Vec<String> = Kind::from_code(table)
        .map(kind_tables::group_codes)
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    g.push(kind_tables::DELETED.into());
    g.push("no-such-group".into());
    g
}

/// Numbers of forged stamps: mostly valid change numbers and revisions, some past their range.
fn stamp_numbers() -> Vec<Value> {
    vec![
        json!(0),
        json!(1),
        json!(2),
        json!(u32::MAX),
        json!(u64::MAX),
        json!(1_370_000_000_000u64),
        json!(1_900_000_000_000u64),
        json!(-1),
    ]
}

const STAMP_TIMES: &[&str] = &[
    "2013-05-30T10:00:00Z",
    "2099-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "+262143-12-31T23:59:59.999999999Z",
];

/// Marks the record at `r` as edited by the file's office after the demo was made: one more
/// revision, a newer change number in its version vector and a stamp on every field group. A
/// mutated value then reaches the merge as the sender's change (else it would look unchanged).
fn stamp_edit(v: &mut Value, r: &str) {
    let by = v
        .pointer("/office/id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let table = split(r)
        .and_then(|(t, _)| split(t))
        .map(|(_, t)| t)
        .unwrap_or_default();
    let groups: Vec<String> = Kind::from_code(&table)
        .map(kind_tables::group_codes)
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    let Some(meta) = v
        .pointer_mut(&format!("{r}/meta"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let rev = meta
        .get("rev")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .saturating_add(1);
    let n = 1_369_908_000_000u64.saturating_add(rev);
    let stamp = json!({"by": by, "n": n, "author": by, "rev": rev, "at": "2013-05-30T10:00:00Z"});
    meta.insert("rev".into(), json!(rev));
    meta.insert("updated_by".into(), json!(by));
    if let Some(vv) = meta
        .entry("vv")
        .or_insert_with(|| json!({}))
        .as_object_mut()
    {
        vv.insert(by.clone(), json!(n));
    }
    if let Some(gs) = meta
        .entry("groups")
        .or_insert_with(|| json!({}))
        .as_object_mut()
    {
        for g in groups {
            gs.insert(g, stamp.clone());
        }
    }
}

/// Applies one mutation; returns the pointer of the record whose content it changed, if any.
fn apply(v: &mut Value, m: &Mutation) -> Option<String> {
    let file_office = v
        .pointer("/office/id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    match m {
        Mutation::Extreme { rec, node, fill } => {
            let r = record_at(v, *rec)?;
            let p = node_of(v, &r, *node)?;
            let new = v.pointer(&p).map(|old| fill_value(old, *fill))?;
            set(v, &p, new);
            Some(r)
        }
        Mutation::Transplant {
            from,
            from_node,
            to,
            to_node,
            same_path,
            swap,
        } => {
            let (Some(ra), Some(rb)) = (record_at(v, *from), record_at(v, *to)) else {
                return None;
            };
            let a = node_of(v, &ra, *from_node)?;
            let rel = &a[ra.len()..];
            let b = if *same_path && v.pointer(&format!("{rb}{rel}")).is_some() {
                format!("{rb}{rel}")
            } else {
                node_of(v, &rb, *to_node)?
            };
            // A node cannot be moved into itself.
            if a.starts_with(&b) || b.starts_with(&a) {
                return None;
            }
            let (Some(va), Some(vb)) = (v.pointer(&a).cloned(), v.pointer(&b).cloned()) else {
                return None;
            };
            set(v, &b, va);
            if *swap {
                set(v, &a, vb);
            }
            Some(rb)
        }
        Mutation::DuplicateId { rec, other } => {
            let (Some(r), Some(o)) = (record_at(v, *rec), record_at(v, *other)) else {
                return None;
            };
            if let Some(id) = v.pointer(&format!("{o}/meta/id")).cloned() {
                set(v, &format!("{r}/meta/id"), id);
            }
            Some(r)
        }
        Mutation::BadId { rec, id } => {
            let r = record_at(v, *rec)?;
            set(
                v,
                &format!("{r}/meta/id"),
                json!(pick(&bad_ids(), (*id).into())),
            );
            Some(r)
        }
        Mutation::Redirect { rec, which, to } => {
            let r = record_at(v, *rec)?;
            let ids: HashMap<String, String> = ids_of(v)
                .into_iter()
                .map(|(table, id)| (id, table))
                .collect();
            let rv = v.pointer(&r)?;
            let refs: Vec<(String, String)> = paths(rv)
                .into_iter()
                .filter(|p| !p.starts_with("/meta"))
                .filter_map(|p| {
                    let s = rv.pointer(&p)?.as_str()?;
                    ids.get(s).map(|table| (p.clone(), table.clone()))
                })
                .collect();
            if refs.is_empty() {
                return None;
            }
            let (p, table) = pick(&refs, (*which).into());
            let new = target_id(v, *to, Some(&table));
            set(v, &format!("{r}{p}"), json!(new));
            Some(r)
        }
        Mutation::CopyRecord {
            rec,
            into,
            fresh_id,
        } => {
            let r = record_at(v, *rec)?;
            let mut copy = v.pointer(&r).cloned()?;
            if *fresh_id && let Some(meta) = copy.get_mut("meta").and_then(Value::as_object_mut) {
                meta.insert("id".into(), json!("01HZFUZZC0PY0000000000000X"));
            }
            let table = match into {
                Some(t) => {
                    let all: Vec<String> = Kind::ALL.iter().map(|k| k.code().to_string()).collect();
                    pick(&all, (*t).into())
                }
                None => split(&r)
                    .and_then(|(t, _)| split(t))
                    .map(|(_, t)| t)
                    .unwrap_or_default(),
            };
            let records = v.get_mut("records").and_then(Value::as_object_mut)?;
            let a = records
                .entry(table.clone())
                .or_insert_with(|| json!([]))
                .as_array_mut()?;
            a.push(copy);
            Some(format!("/records/{}/{}", esc(&table), a.len() - 1))
        }
        Mutation::RemoveRecord { rec } => {
            if let Some(r) = record_at(v, *rec) {
                remove_at(v, &r);
            }
            None
        }
        Mutation::RemoveNode { rec, node } => {
            let r = record_at(v, *rec)?;
            let p = node_of(v, &r, *node)?;
            remove_at(v, &p);
            Some(r)
        }
        Mutation::AddKey {
            rec,
            node,
            key,
            value,
        } => {
            let r = record_at(v, *rec)?;
            let rv = v.pointer(&r)?;
            let mut objects: Vec<String> = vec![String::new()];
            objects.extend(
                paths(rv)
                    .into_iter()
                    .filter(|p| rv.pointer(p).is_some_and(Value::is_object)),
            );
            let at = format!("{r}{}", pick(&objects, (*node).into()));
            let keys = [
                "extra",
                "",
                "__proto__",
                "verdict",
                "vv",
                "groups",
                "deleted",
                "note",
                "id",
                "rev",
                "name",
                "park_id",
                "period",
            ];
            let k = pick(&keys, (*key).into());
            let x = pick(&any_values(), (*value).into());
            if let Some(Value::Object(m)) = v.pointer_mut(&at) {
                m.insert(k.into(), x);
            }
            Some(r)
        }
        Mutation::Stamp {
            rec,
            office,
            n,
            group,
            rev,
            deleted,
        } => {
            let r = record_at(v, *rec)?;
            let table = split(&r)
                .and_then(|(t, _)| split(t))
                .map(|(_, t)| t)
                .unwrap_or_default();
            let by = pick(&office_ids(&file_office), (*office).into());
            let n = pick(&stamp_numbers(), (*n).into());
            let rev = pick(&stamp_numbers(), (*rev).into());
            let g = pick(&groups_of(&table), (*group).into());
            let at = pick(STAMP_TIMES, usize::from(*office) / 7);
            let meta = v
                .pointer_mut(&format!("{r}/meta"))
                .and_then(Value::as_object_mut)?;
            meta.insert("rev".into(), rev.clone());
            meta.insert("deleted".into(), json!(deleted));
            let vv = meta.entry("vv").or_insert_with(|| json!({}));
            if let Some(vv) = vv.as_object_mut() {
                vv.insert(by.clone(), n.clone());
            }
            let groups = meta.entry("groups").or_insert_with(|| json!({}));
            if let Some(groups) = groups.as_object_mut() {
                groups.insert(
                    g,
                    json!({"by": by, "n": n, "author": by, "rev": rev, "at": at}),
                );
            }
            None
        }
        Mutation::Scope(s) => {
            apply_scope(v, *s);
            None
        }
        Mutation::Envelope(e) => {
            apply_envelope(v, *e, &file_office);
            None
        }
    }
}

fn scope_obj(v: &mut Value) -> Option<&mut serde_json::Map<String, Value>> {
    let root = v.as_object_mut()?;
    let s = root
        .entry("scope")
        .or_insert_with(|| json!({"label": "范围"}));
    if !s.is_object() {
        *s = json!({"label": "范围"});
    }
    s.as_object_mut()
}

fn apply_scope(v: &mut Value, s: ScopeMut) {
    let kinds: Vec<Value> = Kind::ALL
        .iter()
        .map(|k| json!(k.code()))
        .chain([json!("NO_SUCH_KIND"), json!(""), json!(7)])
        .collect();
    match s {
        ScopeMut::Root { kind, to } => {
            let k = pick(&kinds, kind.into());
            let id = target_id(v, to, k.as_str());
            if let Some(m) = scope_obj(v) {
                m.insert("root".into(), json!({"kind": k, "id": id}));
            }
        }
        ScopeMut::RootToPark(n) => {
            let parks: Vec<String> = DEMO.parks.0.keys().cloned().collect();
            let id = pick(&parks, n.into());
            if let Some(m) = scope_obj(v) {
                m.insert("root".into(), json!({"kind": "parks", "id": id}));
            }
        }
        ScopeMut::Area(n) => {
            let areas: Vec<Value> = Area::ALL
                .iter()
                .map(|a| json!(a.code()))
                .chain([json!("NOWHERE"), json!(""), Value::Null, json!(3)])
                .collect();
            let a = pick(&areas, n.into());
            if let Some(m) = scope_obj(v) {
                m.insert("area".into(), a);
            }
        }
        ScopeMut::RemoveScope => {
            if let Some(m) = v.as_object_mut() {
                m.remove("scope");
            }
        }
        ScopeMut::RemoveRoot => {
            if let Some(m) = scope_obj(v) {
                m.remove("root");
            }
        }
        ScopeMut::RemoveArea => {
            if let Some(m) = scope_obj(v) {
                m.remove("area");
            }
        }
        ScopeMut::Replace { field, value } => {
            let x = pick(&any_values(), value.into());
            match field % 4 {
                0 => {
                    if let Some(m) = v.as_object_mut() {
                        m.insert("scope".into(), x);
                    }
                }
                1 => {
                    if let Some(m) = scope_obj(v) {
                        m.insert("label".into(), x);
                    }
                }
                2 => {
                    if let Some(m) = scope_obj(v) {
                        m.insert("for_office".into(), x);
                    }
                }
                _ => {
                    if let Some(m) = scope_obj(v) {
                        m.remove("label");
                    }
                }
            }
        }
    }
}

fn apply_envelope(v: &mut Value, e: EnvMut, file_office: &str) {
    let roles: Vec<Value> = Role::ALL
        .iter()
        .map(|r| json!(r.code()))
        .chain([json!("ADMIN"), json!(""), Value::Null])
        .collect();
    match e {
        EnvMut::RemoveKey(n) => {
            let keys: Vec<String> = v
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            if !keys.is_empty() {
                let k = pick(&keys, n.into());
                if let Some(m) = v.as_object_mut() {
                    m.remove(&k);
                }
            }
        }
        EnvMut::AddKey { key, value } => {
            let keys = [
                "extra",
                "",
                "__proto__",
                "checksum2",
                "records ",
                "unknown",
                "FORMAT",
            ];
            let k = pick(&keys, key.into());
            let x = pick(&any_values(), value.into());
            if let Some(m) = v.as_object_mut() {
                m.insert(k.into(), x);
            }
        }
        EnvMut::SchemaVersion(n) => {
            let versions = [
                json!(0),
                json!(1),
                json!(2),
                json!(3),
                json!(4),
                json!(u64::MAX),
                json!(-1),
                json!(3.0),
                json!("3"),
                Value::Null,
            ];
            let x = pick(&versions, n.into());
            if let Some(m) = v.as_object_mut() {
                m.insert("schema_version".into(), x);
            }
        }
        EnvMut::Format(n) => {
            let formats = [
                json!("parkdesk-snapshot "),
                json!("PARKDESK-SNAPSHOT"),
                json!(""),
                json!(1),
                Value::Null,
            ];
            let x = pick(&formats, n.into());
            if let Some(m) = v.as_object_mut() {
                m.insert("format".into(), x);
            }
        }
        EnvMut::ExportedAt(n) => {
            let mut all: Vec<Value> = TIMESTAMPS.iter().map(|s| json!(s)).collect();
            all.push(json!(0));
            let x = pick(&all, n.into());
            if let Some(m) = v.as_object_mut() {
                m.insert("exported_at".into(), x);
            }
        }
        EnvMut::Office { field, value } => {
            let parks: Vec<Value> = DEMO.parks.0.keys().map(|k| json!(k)).collect();
            let (key, x) = match field % 5 {
                0 => ("id", json!(pick(&office_ids(file_office), value.into()))),
                1 => ("role", pick(&roles, value.into())),
                2 => ("park_id", pick(&parks, value.into())),
                3 => ("name", pick(&any_values(), value.into())),
                _ => ("org_id", json!(pick(&missing_ids(), value.into()))),
            };
            if let Some(Value::Object(m)) = v.get_mut("office") {
                m.insert(key.into(), x);
            }
        }
        EnvMut::Claim { office, role } => {
            let id = pick(&office_ids(file_office), office.into());
            let r = pick(&roles, role.into());
            let root = v.as_object_mut();
            if let Some(root) = root {
                let list = root.entry("offices").or_insert_with(|| json!([]));
                if let Some(a) = list.as_array_mut() {
                    a.push(json!({"id": id, "name": "声称的单位", "role": r}));
                }
            }
        }
        EnvMut::Table { op, table } => {
            let mut names: Vec<String> = Kind::ALL.iter().map(|k| k.code().to_string()).collect();
            names.extend(["unknown_table".into(), "concurrent_posts".into()]);
            let name = pick(&names, table.into());
            let Some(records) = v.get_mut("records").and_then(Value::as_object_mut) else {
                return;
            };
            match op % 5 {
                0 => {
                    records.remove(&name);
                }
                1 => {
                    records.insert(name, Value::Null);
                }
                2 => {
                    records.insert(name, json!({}));
                }
                3 => {
                    records.insert(name, json!([]));
                }
                _ => {
                    records.insert(name, json!([{"meta": {}, "data": {}}]));
                }
            }
        }
        EnvMut::LegacyCrossPost { town, from, holder } => {
            let town_id = target_id(v, town, Some("townships"));
            let meta = v
                .pointer("/records/townships/0/meta")
                .cloned()
                .unwrap_or_else(|| json!({}));
            let mut meta = meta;
            if let Some(m) = meta.as_object_mut() {
                m.insert("id".into(), json!("01HZFUZZCR0SSP0ST000000000"));
            }
            let rec = json!({
                "meta": meta,
                "data": {
                    "holder": pick(&strings(), holder.into()),
                    "park_post": "管委会副主任",
                    "township_id": town_id,
                    "township_post": "党委书记",
                    "leadership": true,
                    "period": {"from": pick(DATES, from.into()), "to": null},
                }
            });
            if let Some(records) = v.get_mut("records").and_then(Value::as_object_mut) {
                let t = records
                    .entry("concurrent_posts")
                    .or_insert_with(|| json!([]));
                if let Some(a) = t.as_array_mut() {
                    a.push(rec);
                }
            }
        }
        EnvMut::LegacyVerdict { rec, verdict, on } => {
            let n = v
                .pointer("/records/delegations")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if n == 0 {
                return;
            }
            let verdicts = [
                json!("IN_PLACE"),
                json!("NOT_IN_PLACE"),
                json!("NO_SUCH_VERDICT"),
                json!({"verdict": "IN_PLACE", "on": pick(DATES, on.into())}),
                json!(7),
            ];
            let p = format!("/records/delegations/{}/data", usize::from(rec) % n);
            let x = pick(&verdicts, verdict.into());
            let d = pick(DATES, on.into());
            if let Some(Value::Object(m)) = v.pointer_mut(&p) {
                m.insert("verdict".into(), x);
                m.insert("verdict_on".into(), json!(d));
            }
        }
    }
}

// ------------------------------------------------------------------------- the whole case

#[derive(Clone, Copy, Debug)]
enum Checksum {
    Recompute,
    Stale,
    Remove,
    Garbage,
}

#[derive(Clone, Copy, Debug)]
enum Bytes {
    AsIs,
    Pretty,
    Bom,
    Truncate(u32),
    NotUtf8(u32),
    Trailing,
}

/// The user's review of the merge.
#[derive(Clone, Copy, Debug)]
enum Review {
    Defaults,
    AcceptAll,
    AcceptAllTheirs,
    RejectAll,
}

#[derive(Clone, Debug)]
struct Case {
    base: usize,
    /// Each mutation, and whether the touched record is then stamped as the sender's edit.
    mutations: Vec<(Mutation, bool)>,
    checksum: Checksum,
    bytes: Bytes,
    review: Review,
    today: u8,
    cross_check: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..BASES.len(),
        proptest::collection::vec((mutation(), proptest::bool::weighted(0.6)), 0..8),
        prop_oneof![
            12 => Just(Checksum::Recompute),
            1 => Just(Checksum::Stale),
            1 => Just(Checksum::Remove),
            1 => Just(Checksum::Garbage),
        ],
        prop_oneof![
            30 => Just(Bytes::AsIs),
            4 => Just(Bytes::Pretty),
            2 => Just(Bytes::Bom),
            1 => any::<u32>().prop_map(Bytes::Truncate),
            1 => any::<u32>().prop_map(Bytes::NotUtf8),
            1 => Just(Bytes::Trailing),
        ],
        prop_oneof![
            Just(Review::Defaults),
            Just(Review::AcceptAll),
            Just(Review::AcceptAllTheirs),
            Just(Review::RejectAll),
        ],
        0..3u8,
        proptest::bool::weighted(0.15),
    )
        .prop_map(
            |(base, mutations, checksum, bytes, review, today, cross_check)| Case {
                base,
                mutations,
                checksum,
                bytes,
                review,
                today,
                cross_check,
            },
        )
}

/// A mutated file.
struct File {
    bytes: Vec<u8>,
}

/// The file after the mutations.
fn file_of(c: &Case) -> File {
    let mut v = BASES[c.base].value.clone();
    for (m, edit) in &c.mutations {
        if let Some(r) = apply(&mut v, m)
            && *edit
        {
            stamp_edit(&mut v, &r);
        }
    }
    if let Some(root) = v.as_object_mut() {
        match c.checksum {
            Checksum::Recompute => {
                if root.contains_key("checksum") {
                    let sum = snapshot::checksum_of(&Value::Object(root.clone()));
                    root.insert("checksum".into(), json!(sum));
                }
            }
            Checksum::Stale => {}
            Checksum::Remove => {
                root.remove("checksum");
            }
            Checksum::Garbage => {
                root.insert("checksum".into(), json!("sha256:not-a-hash"));
            }
        }
    }
    let mut b = match c.bytes {
        Bytes::Pretty => serde_json::to_vec_pretty(&v),
        _ => serde_json::to_vec(&v),
    }
    .expect("serialise");
    match c.bytes {
        Bytes::AsIs | Bytes::Pretty => {}
        Bytes::Bom => b = [b"\xEF\xBB\xBF".as_slice(), &b].concat(),
        Bytes::Truncate(n) => b.truncate(n as usize % b.len().max(1)),
        Bytes::NotUtf8(n) => {
            let at = n as usize % (b.len() + 1);
            b.insert(at, 0xFF);
        }
        Bytes::Trailing => b.extend_from_slice(b" }"),
    }
    File { bytes: b }
}

fn today_of(c: &Case) -> NaiveDate {
    match c.today {
        0 => d("2013-06-01"),
        1 => d("2013-12-31"),
        _ => d("2030-06-30"),
    }
}

/// The browser's import steps (`AppState::run_import`).
fn pipeline(bytes: &[u8], today: NaiveDate) -> Result<Checked, SnapshotError> {
    let value = snapshot::parse_bytes(bytes)?;
    let integrity = snapshot::integrity_of_file(&value);
    let (value, from, notes) = snapshot::upgrade(value)?;
    let snap = snapshot::decode(value)?;
    snapshot::validate(snap, from, notes, integrity, today)
}

fn texts_named(t: &Text) -> bool {
    !t.zh.trim().is_empty() && !t.en.trim().is_empty()
}

fn violation_located(v: &Violation) -> Result<(), String> {
    if v.id.is_empty() {
        return Err(format!("a violation names no record: {v:?}"));
    }
    if !texts_named(&v.message) {
        return Err(format!("a violation has no message: {v:?}"));
    }
    Ok(())
}

/// A refusal names a place: the line and column, the envelope field, a path, or records by id.
fn refusal_located(e: &SnapshotError, bytes: &[u8]) -> Result<(), String> {
    if !texts_named(&e.text()) {
        return Err(format!("a refusal without a message: {e:?}"));
    }
    match e {
        SnapshotError::NotJson { line, detail, .. } => {
            let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
            if *line == 0 || *line > lines || detail.is_empty() {
                return Err(format!("NotJson at line {line} of {lines}: {detail}"));
            }
            if !e.text().en.contains(&format!("line {line}")) {
                return Err(format!("the message does not name the line: {e:?}"));
            }
        }
        SnapshotError::RepeatedKey { line, key, .. } => {
            let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
            if *line == 0 || *line > lines || key.is_empty() {
                return Err(format!("RepeatedKey at line {line} of {lines}: {key}"));
            }
            if !e.text().en.contains(&format!("Line {line}")) {
                return Err(format!("the message does not name the line: {e:?}"));
            }
        }
        SnapshotError::NotASnapshot(why) => {
            if !(why.contains("format") || why.contains("schema_version") || why.contains("top")) {
                return Err(format!("NotASnapshot names no field: {why}"));
            }
        }
        SnapshotError::TooNew { found, supported } => {
            if found <= &u64::from(*supported) {
                return Err(format!("TooNew {found} <= {supported}"));
            }
        }
        SnapshotError::Migration { detail, .. } => {
            if detail.trim().is_empty() {
                return Err("a migration error without detail".into());
            }
        }
        SnapshotError::Shape { path, detail } => {
            // The root's path is "."; then the detail must name the field (serde's `name`).
            let named = path != "." || detail.contains('`');
            if path.is_empty() || !named {
                return Err(format!("Shape without a place: path {path:?}, {detail}"));
            }
            if !e.text().en.contains(path.as_str()) {
                return Err(format!("the message does not name the path: {e:?}"));
            }
        }
        SnapshotError::Invalid(vs) => {
            if vs.is_empty() {
                return Err("Invalid without violations".into());
            }
            for v in vs {
                violation_located(v)?;
            }
            let details = e.details();
            if details.len() != vs.len() || !details.iter().all(texts_named) {
                return Err(format!("details do not match the violations: {e:?}"));
            }
        }
        // Encoding is an export error; any variant added later must at least detail its places.
        other => {
            if !other.details().iter().all(texts_named) {
                return Err(format!("a refusal with empty details: {other:?}"));
            }
        }
    }
    Ok(())
}

fn command_error_located(e: &CommandError) -> Result<(), String> {
    match e {
        CommandError::Rejected(vs) if !vs.is_empty() => {
            for v in vs {
                violation_located(v)?;
            }
            if texts_named(&e.text()) {
                Ok(())
            } else {
                Err(format!("a rejection without a message: {e:?}"))
            }
        }
        other => Err(format!("unexpected command error {other:?}")),
    }
}

fn decisions_for(plan: &merge::Plan, review: Review) -> Decisions {
    let mut out = Decisions::new();
    for i in &plan.items {
        let d = match review {
            Review::Defaults => continue,
            Review::AcceptAll => Decision {
                accept: Some(true),
                sides: BTreeMap::new(),
            },
            Review::AcceptAllTheirs => Decision {
                accept: Some(true),
                sides: i
                    .groups
                    .iter()
                    .map(|g| (g.code.to_string(), Side::Incoming))
                    .collect(),
            },
            Review::RejectAll => Decision {
                accept: Some(false),
                sides: BTreeMap::new(),
            },
        };
        out.insert((i.kind, i.id.clone()), d);
    }
    out
}

/// Merges the accepted file into a copy holding the demo data, undoes it, replaces the data
/// with it and undoes that.
fn merge_and_replace(checked: &Checked, review: Review, today: NaiveDate) -> Result<(), String> {
    let mut h = Harness::with(DEMO.clone());
    h.now = today
        .and_hms_opt(8, 0, 0)
        .map(|t| t.and_utc())
        .ok_or("time")?;
    let before = h.ws().clone();
    let snap = &checked.snapshot;

    // The directory as `AppState::merge_plan` builds it.
    let mut dir = vec![h.office.clone()];
    merge::merge_directory(&mut dir, &snap.offices);
    merge::merge_directory(&mut dir, std::slice::from_ref(&snap.office));
    let me = h.office.clone();
    let ctx = MergeCtx {
        me: &me,
        now: h.now,
        directory: &dir,
    };
    let first = merge::plan(h.ws(), &snap.records, &ctx, &Decisions::new());
    let decisions = decisions_for(&first, review);
    let plan = merge::plan(h.ws(), &snap.records, &ctx, &decisions);
    // The review screen's text of every difference.
    for i in &plan.items {
        for g in &i.groups {
            for f in &g.fields {
                let _ = merge::field_label(&f.field);
                let _ = merge::display_value(h.ws(), i.kind, &f.field, &f.local, Lang::Zh);
                let _ = merge::display_value(h.ws(), i.kind, &f.field, &f.incoming, Lang::En);
            }
        }
        if let Some(r) = &i.refused
            && !texts_named(r)
        {
            return Err(format!("a refused item without a reason: {i:?}"));
        }
    }
    let summary = plan.summary("fuzz.json");
    let merged = h.run(Command::Merge {
        records: plan.records(),
        summary,
    });
    if stats() {
        use merge::Class::*;
        let counts: Vec<usize> = [Conflict, Rejected, Duplicate, New, Changed, Deleted]
            .iter()
            .map(|c| plan.count(*c))
            .collect();
        eprintln!(
            "merge: {review:?} conflict/rejected/duplicate/new/changed/deleted={counts:?} \
             refused={} applied={} -> {}",
            plan.refused(),
            plan.records().len(),
            match &merged {
                Ok(o) => format!("ok, left out {}", o.refused.len()),
                Err(e) => format!("refused: {}", e.text().en),
            }
        );
    }
    match merged {
        Ok(out) => {
            for v in &out.refused {
                violation_located(v)?;
            }
            match h.undo() {
                Ok(()) | Err(CommandError::NothingToUndo) => {}
                Err(e) => return Err(format!("the merge's undo failed: {e:?}")),
            }
            if *h.ws() != before {
                return Err("an undone merge did not restore the data".into());
            }
        }
        Err(e) => {
            command_error_located(&e)?;
            if *h.ws() != before {
                return Err(format!("a refused merge changed the data: {e:?}"));
            }
        }
    }

    let replaced = h.run(Command::ReplaceAll {
        workspace: Box::new(snap.records.clone()),
        summary: Text::new("导入 fuzz.json", "Imported fuzz.json"),
    });
    if stats() {
        match &replaced {
            Ok(_) => eprintln!("replace: ok"),
            Err(e) => eprintln!("replace: refused: {}", e.text().en),
        }
    }
    match replaced {
        Ok(_) => {
            if *h.ws() != snap.records {
                return Err("a replacement did not install the file's records".into());
            }
            h.undo()
                .map_err(|e| format!("the replacement's undo failed: {e:?}"))?;
            if *h.ws() != before {
                return Err("an undone replacement did not restore the data".into());
            }
        }
        Err(e) => {
            command_error_located(&e)?;
            if *h.ws() != before {
                return Err(format!("a refused replacement changed the data: {e:?}"));
            }
        }
    }
    Ok(())
}

/// `IMPORT_FUZZ_STATS=1` prints one line per step of each case (with `--nocapture`), to see
/// how deep the cases get.
fn stats() -> bool {
    std::env::var_os("IMPORT_FUZZ_STATS").is_some()
}

/// One case: the pipeline and, for an accepted file, merge and replace.
fn run_case(c: &Case) -> Result<(), String> {
    let File { bytes } = file_of(c);
    let today = today_of(c);
    let result = pipeline(&bytes, today);
    if c.cross_check
        && let Ok(text) = std::str::from_utf8(&bytes)
    {
        let whole = snapshot::check(text, today);
        if whole != result {
            return Err("snapshot::check and the stepwise pipeline disagree".into());
        }
    }
    if stats() {
        let outcome = match &result {
            Ok(c) => format!("accepted (partial: {})", c.snapshot.scope.is_some()),
            Err(SnapshotError::Invalid(v)) => {
                let rules: Vec<&str> = v.iter().map(|v| v.rule).collect();
                format!("Invalid {}", rules.join(","))
            }
            Err(e) => format!("{e:?}").chars().take(120).collect(),
        };
        eprintln!("import: {} | {outcome}", BASES[c.base].name);
    }
    match result {
        Err(e) => refusal_located(&e, &bytes),
        Ok(checked) => merge_and_replace(&checked, c.review, today),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_mutated_file_is_refused_with_a_place_or_merged_and_replaced_without_a_panic(c in case()) {
        if let Err(why) = run_case(&c) {
            prop_assert!(false, "{} ({}): {}", BASES[c.base].name, c.base, why);
        }
    }
}

#[test]
fn every_base_file_passes_the_pipeline_unchanged() {
    for b in BASES.iter() {
        let bytes = serde_json::to_vec(&b.value).expect("serialise");
        let checked = pipeline(&bytes, d("2013-06-01"))
            .unwrap_or_else(|e| panic!("{}: {e:?} {:?}", b.name, e.details()));
        assert_eq!(
            checked.preview.integrity,
            snapshot::Integrity::Verified,
            "{}",
            b.name
        );
    }
    assert!(BASES.len() >= 12, "{}", BASES.len());
}

// ------------------------------------------------------------ reproducers of fixed bugs

/// A base file's JSON tree by name.
fn base(name: &str) -> Value {
    BASES
        .iter()
        .find(|b| b.name == name)
        .map(|b| b.value.clone())
        .unwrap_or_else(|| panic!("no base file {name}"))
}

/// Recomputes the checksum and serialises, as an edited file would be.
fn sealed(mut v: Value) -> Vec<u8> {
    let sum = snapshot::checksum_of(&v);
    if let Some(root) = v.as_object_mut() {
        root.insert("checksum".into(), json!(sum));
    }
    serde_json::to_vec(&v).expect("serialise")
}

/// The whole path for one file.
fn strict(bytes: &[u8], today: NaiveDate) -> Result<(), String> {
    match pipeline(bytes, today) {
        Err(e) => refusal_located(&e, bytes),
        Ok(checked) => merge_and_replace(&checked, Review::Defaults, today),
    }
}

#[test]
fn a_record_with_an_empty_id_is_refused_with_a_place() {
    for name in ["full export", "inspection campaign"] {
        let mut v = base(name);
        set(&mut v, "/records/parks/0/meta/id", json!(""));
        let bytes = sealed(v);
        if let Err(why) = strict(&bytes, d("2013-06-01")) {
            panic!("{name}: {why}");
        }
    }
}
