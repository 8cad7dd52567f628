//! The JSON file offices exchange: envelope, export, and the import pipeline
//! parse → migrate → read → validate. Nothing here touches the current workspace; replacing it is
//! a command ([`super::command::Command::ReplaceAll`]) the user confirms.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use sha2::{Digest, Sha256};

use super::kind_tables::Area;
use super::meta::{Id, Office, Provenance, Timestamp};
use super::migrate;
use super::rules::{self, Severity, Violation};
use super::text::Text;
use super::workspace::{Kind, Workspace};

pub const FORMAT: &str = "parkdesk-snapshot";
/// 2 added the power catalogue and delegations, 3 the organisation, people, supervision and
/// service tables: an older app must refuse such a file ("update the app") rather than silently
/// drop tables it does not know.
pub const SCHEMA_VERSION: u32 = 3;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: String,
    pub schema_version: u32,
    pub app_version: String,
    pub snapshot_id: String,
    pub exported_at: Timestamp,
    pub office: Office,
    /// Offices the exporting copy knows (id, name, role), so the receiver can name who changed
    /// what and tell which role owns a change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<Office>,
    /// Set for a partial export (one park, one area, one record with what belongs to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    pub records: Workspace,
    /// `sha256:<hex>` of the canonical JSON of the whole file without this field (see
    /// docs/snapshot-format.md); absent in files from before the merge release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
    /// Paths of what the file carried that this version does not know (unknown tables, envelope
    /// keys, fields): filled by [`decode`] and listed in the preview, so nothing is dropped
    /// without the user knowing. Never written.
    #[serde(skip)]
    pub unknown: Vec<String>,
}

/// What a partial export contains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// The record the export is built around (a park, an inspection campaign…), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<ScopeRoot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Area>,
    /// A readable description, e.g. "园区：水长工业园区".
    pub label: String,
    /// The office the file was made for, if named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_office: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeRoot {
    pub kind: Kind,
    pub id: Id,
}

/// Whether a file is as it was exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Integrity {
    /// The checksum matches the content.
    Verified,
    /// An older file without a checksum.
    Missing,
    /// The content was changed after export.
    Altered { expected: String, actual: String },
}
#[derive(Debug, Error, Clone, PartialEq)]
pub enum SnapshotError {
    #[error("not valid JSON at line {line}, column {column}: {detail}")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("key {key} repeated inside one object at line {line}, column {column}")]
    RepeatedKey {
        line: usize,
        column: usize,
        key: String,
    },
    #[error("not a ParkDesk snapshot: {0}")]
    NotASnapshot(String),
    #[error(
        "snapshot schema {found} is newer than this app supports ({supported}); update the app"
    )]
    TooNew { found: u64, supported: u32 },
    #[error("cannot upgrade the file from schema {from}: {detail}")]
    Migration { from: u64, detail: String },
    #[error("unexpected content at {path}: {detail}")]
    Shape { path: String, detail: String },
    #[error("the data breaks {} rule(s)", .0.len())]
    Invalid(Vec<Violation>),
    #[error("the records do not match the file's scope {scope}")]
    OutOfScope {
        scope: String,
        /// The scope's root record is not in the file.
        root_missing: Option<(Kind, Id)>,
        /// Records the scope does not account for.
        strays: Vec<(Kind, Id)>,
    },
    #[error("could not encode the snapshot: {0}")]
    Encode(String),
}

impl SnapshotError {
    pub fn text(&self) -> Text {
        match self {
            SnapshotError::NotJson {
                line,
                column,
                detail,
            } => Text::new(
                format!("文件不是有效的 JSON：第 {line} 行第 {column} 列（{detail}）"),
                format!("The file is not valid JSON: line {line}, column {column} ({detail})"),
            ),
            SnapshotError::RepeatedKey { line, column, key } => Text::new(
                format!(
                    "第 {line} 行第 {column} 列：同一记录中键“{key}”出现了两次，读文件的人看到的是第一个值，程序读到的是最后一个，无法确定哪个有效"
                ),
                format!(
                    "Line {line}, column {column}: the key “{key}” appears twice in one record; a reader sees the first value and a program the last, so which one holds is unclear"
                ),
            ),
            SnapshotError::NotASnapshot(why) => Text::new(
                format!("这不是 ParkDesk 数据文件：{why}"),
                format!("This is not a ParkDesk data file: {why}"),
            ),
            SnapshotError::TooNew { found, supported } => Text::new(
                format!(
                    "文件的数据格式版本为 {found}，本应用只支持到 {supported}：请更新应用后再导入"
                ),
                format!(
                    "The file uses data format version {found}; this app supports up to {supported}. Update the app, then import again"
                ),
            ),
            SnapshotError::Migration { from, detail } => Text::new(
                format!("无法从格式版本 {from} 升级该文件：{detail}"),
                format!("Cannot upgrade the file from format version {from}: {detail}"),
            ),
            SnapshotError::Shape { path, detail } => Text::new(
                format!("文件内容在 {path} 处不符合格式：{detail}"),
                format!("The file's content does not fit the format at {path}: {detail}"),
            ),
            SnapshotError::Invalid(v) => Text::new(
                format!("文件中的数据有 {} 处违反规则，未导入", v.len()),
                format!(
                    "The data in the file breaks {} rule(s); nothing was imported",
                    v.len()
                ),
            ),
            SnapshotError::OutOfScope {
                scope,
                root_missing: Some((k, id)),
                ..
            } => Text::new(
                format!(
                    "文件声明只含“{scope}”，但其中没有该记录（{} {id}），未导入",
                    k.zh()
                ),
                format!(
                    "The file says it holds “{scope}” but does not contain that record ({} {id}); nothing was imported",
                    k.en()
                ),
            ),
            SnapshotError::OutOfScope { scope, strays, .. } => Text::new(
                format!(
                    "文件声明只含“{scope}”，但有 {} 条记录不属于该范围，未导入",
                    strays.len()
                ),
                format!(
                    "The file says it holds “{scope}” but {} record(s) do not belong to it; nothing was imported",
                    strays.len()
                ),
            ),
            SnapshotError::Encode(e) => Text::new(
                format!("无法生成数据文件：{e}"),
                format!("Could not create the data file: {e}"),
            ),
        }
    }

    /// Located details for the Invalid case: "entrustments › <id> › period: message".
    pub fn details(&self) -> Vec<Text> {
        match self {
            SnapshotError::Invalid(v) => v.iter().map(locate).collect(),
            SnapshotError::OutOfScope { strays, .. } => strays
                .iter()
                .map(|(k, id)| {
                    Text::new(
                        format!("records.{}[id={id}]：不属于文件声明的范围", k.code()),
                        format!("records.{}[id={id}]: outside the file's scope", k.code()),
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn locate(v: &Violation) -> Text {
    let place = match v.field {
        Some(f) => format!("records.{}[id={}].data.{f}", v.kind.code(), v.id),
        None => format!("records.{}[id={}]", v.kind.code(), v.id),
    };
    Text::new(
        format!("{place}（{}）：{}", v.rule, v.message.zh),
        format!("{place} ({}): {}", v.rule, v.message.en),
    )
}

/// Counts shown before the user confirms an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub office: Office,
    pub exported_at: Timestamp,
    pub from_schema: u64,
    pub counts: Vec<(Kind, usize)>,
    pub samples: usize,
    pub warnings: usize,
    pub migration_notes: Vec<Text>,
    pub integrity: Integrity,
    pub scope: Option<Scope>,
    /// What the file carries that this version does not know and will not keep.
    pub unknown: Vec<String>,
}

/// A file that passed every step and waits for the user's confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub snapshot: Snapshot,
    pub preview: Preview,
}

pub fn build(ws: &Workspace, office: &Office, now: Timestamp, app_version: &str) -> Snapshot {
    Snapshot {
        format: FORMAT.to_string(),
        schema_version: SCHEMA_VERSION,
        app_version: app_version.to_string(),
        snapshot_id: format!(
            "SNAP-{}-{}",
            safe_name(&office.name),
            now.format("%Y%m%dT%H%M%S")
        ),
        exported_at: now,
        office: office.clone(),
        offices: vec![office.clone()],
        scope: None,
        records: ws.clone(),
        checksum: None,
        unknown: Vec::new(),
    }
}

/// The exchange file: pretty JSON with its checksum.
pub fn to_json(s: &Snapshot) -> Result<String, SnapshotError> {
    let mut v = serde_json::to_value(s).map_err(|e| SnapshotError::Encode(e.to_string()))?;
    let sum = checksum_of(&v);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("checksum".into(), Value::String(sum));
    }
    serde_json::to_string_pretty(&v).map_err(|e| SnapshotError::Encode(e.to_string()))
}

/// Canonical JSON: object keys sorted by their UTF-8 bytes, no whitespace, strings and numbers
/// as serde_json writes them. Independent of how the file was laid out or its key order.
pub fn canonical(v: &Value) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and serde_json writes valid UTF-8.
    let _ = write_canonical(v, &mut out, None);
    String::from_utf8(out).unwrap_or_default()
}

/// Streams the canonical JSON of `v` (without the top-level key `skip`) into `out`: the checksum
/// of a province-size file is taken without building its canonical text or copying its tree.
fn write_canonical<W: std::io::Write>(
    v: &Value,
    out: &mut W,
    skip: Option<&str>,
) -> std::io::Result<()> {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().filter(|k| Some(k.as_str()) != skip).collect();
            keys.sort();
            out.write_all(b"{")?;
            for (n, k) in keys.into_iter().enumerate() {
                if n > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut *out, k)?;
                out.write_all(b":")?;
                if let Some(x) = m.get(k) {
                    write_canonical(x, out, None)?;
                }
            }
            out.write_all(b"}")
        }
        Value::Array(a) => {
            out.write_all(b"[")?;
            for (n, x) in a.iter().enumerate() {
                if n > 0 {
                    out.write_all(b",")?;
                }
                write_canonical(x, out, None)?;
            }
            out.write_all(b"]")
        }
        other => Ok(serde_json::to_writer(&mut *out, other)?),
    }
}

/// `sha256:<hex>` of the canonical JSON of a file's top-level object without `checksum`.
pub fn checksum_of(v: &Value) -> String {
    let mut hasher = std::io::BufWriter::with_capacity(1 << 16, Sha256::new());
    // Hashing cannot fail; an error here would only come from serde_json's writer.
    let _ = write_canonical(v, &mut hasher, Some("checksum"));
    let _ = std::io::Write::flush(&mut hasher);
    let digest = hasher.into_parts().0.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

impl Integrity {
    /// What the import screen says about it.
    pub fn text(&self) -> Text {
        match self {
            Integrity::Verified => Text::new(
                "校验通过：文件自导出后未被改动",
                "Checksum verified: the file is as it was exported",
            ),
            Integrity::Missing => Text::new(
                "该文件没有校验值（较早版本导出），无法确认导出后是否被改动",
                "The file has no checksum (exported by an older version); whether it was changed after export cannot be confirmed",
            ),
            Integrity::Altered { .. } => Text::new(
                "校验失败：文件在导出后被改动过。只有在您确认来源可信后才能导入",
                "Checksum mismatch: the file was changed after it was exported. Import it only if you trust where it came from",
            ),
        }
    }
}

/// Compares a file's recorded checksum with its content.
pub fn integrity(v: &Value) -> Integrity {
    match v.get("checksum").and_then(Value::as_str) {
        None => Integrity::Missing,
        Some(expected) => {
            let actual = checksum_of(v);
            if actual == expected {
                Integrity::Verified
            } else {
                Integrity::Altered {
                    expected: expected.to_string(),
                    actual,
                }
            }
        }
    }
}

fn safe_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "office".into()
    } else {
        cleaned
    }
}

/// e.g. `parkdesk-编办-20261125-1530.json` (local time of the exporting machine).
pub fn file_name(office: &Office, local_now: chrono::NaiveDateTime) -> String {
    format!(
        "parkdesk-{}-{}.json",
        safe_name(&office.name),
        local_now.format("%Y%m%d-%H%M")
    )
}

/// Parses and upgrades a file to the current schema without validating its rules.
pub fn read(text: &str) -> Result<(Snapshot, u64, Vec<Text>), SnapshotError> {
    read_checked(text).map(|(s, v, n, _)| (s, v, n))
}

/// [`read`] plus the file's integrity (computed on the file as it is, before any upgrade).
pub fn read_checked(text: &str) -> Result<(Snapshot, u64, Vec<Text>, Integrity), SnapshotError> {
    let value = parse(text)?;
    let integrity = integrity_of_file(&value);
    let (s, v, n) = from_value(value)?;
    Ok((s, v, n, integrity))
}

// The import pipeline in steps, so the browser can show progress and paint between them:
// [`parse`] → [`integrity_of_file`] → [`upgrade`] → [`decode`] → [`validate`]. [`check`] runs
// them in one go.

/// Step 1: the file's text as JSON (a leading byte-order mark is ignored).
pub fn parse(text: &str) -> Result<Value, SnapshotError> {
    parse_bytes(text.as_bytes())
}

/// [`parse`] straight from the file's bytes (UTF-8; a byte that is not is reported with its
/// line and column like any other JSON error).
pub fn parse_bytes(bytes: &[u8]) -> Result<Value, SnapshotError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice::<Strict>(bytes)
        .map(|s| s.0)
        .map_err(|e| {
            // Strict accepts any value, so the only data error is its repeated key.
            if e.classify() == serde_json::error::Category::Data {
                let text = e.to_string();
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                return SnapshotError::RepeatedKey {
                    line: e.line(),
                    column: e.column(),
                    key: text.strip_suffix(&suffix).unwrap_or(&text).to_string(),
                };
            }
            SnapshotError::NotJson {
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            }
        })
}

/// JSON that refuses a key repeated inside one object: a reader of the file sees the first value
/// while a plain parser keeps the last, so such a file is refused with the repeat's line and
/// column (serde_json adds the position to an error raised while reading an object).
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Strict::deserialize(d).map(|s| s.0)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(key));
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Step 2: whether the file is as it was exported (before any upgrade changes it).
pub fn integrity_of_file(value: &Value) -> Integrity {
    if value.is_object() {
        integrity(value)
    } else {
        Integrity::Missing
    }
}

/// Same as [`read`] for JSON already parsed (the stored state wraps a snapshot).
pub fn from_value(value: Value) -> Result<(Snapshot, u64, Vec<Text>), SnapshotError> {
    let (value, version, notes) = upgrade(value)?;
    Ok((decode(value)?, version, notes))
}

/// Step 3: checks the envelope and upgrades the JSON to the current schema. Returns the
/// upgraded JSON, the file's schema version and the migration's notes.
pub fn upgrade(value: Value) -> Result<(Value, u64, Vec<Text>), SnapshotError> {
    let obj = value.as_object().ok_or_else(|| {
        SnapshotError::NotASnapshot("the top level is not an object / 顶层不是对象".into())
    })?;
    match obj.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => return Err(SnapshotError::NotASnapshot(format!("format = “{other}”"))),
        None => {
            return Err(SnapshotError::NotASnapshot(
                "no “format” field / 缺少 format 字段".into(),
            ));
        }
    }
    let version = obj
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| {
            SnapshotError::NotASnapshot("no numeric “schema_version” / 缺少 schema_version".into())
        })?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(SnapshotError::TooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let (value, notes) = migrate::to_current(value, version)?;
    Ok((value, version, notes))
}

/// Step 4: the upgraded JSON as typed records, with the path of anything that does not fit;
/// what the file carries that this version does not know is listed in [`Snapshot::unknown`].
pub fn decode(value: Value) -> Result<Snapshot, SnapshotError> {
    let mut unknown = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unknown.push(path.to_string());
    let de = serde_ignored::Deserializer::new(value, &mut note);
    let mut snapshot: Snapshot =
        serde_path_to_error::deserialize(de).map_err(|e| SnapshotError::Shape {
            path: e.path().to_string(),
            detail: e.inner().to_string(),
        })?;
    snapshot.unknown = unknown;
    Ok(snapshot)
}

/// Step 5: every rule over the file's records, and the counts shown before confirming.
pub fn validate(
    snapshot: Snapshot,
    from_schema: u64,
    migration_notes: Vec<Text>,
    integrity: Integrity,
    today: NaiveDate,
) -> Result<Checked, SnapshotError> {
    let violations = rules::check_all(&snapshot.records, today);
    let blocks: Vec<Violation> = violations
        .iter()
        .filter(|v| v.severity == Severity::Block)
        .cloned()
        .collect();
    // A partial file is judged together with the data it is merged into (the merge command
    // refuses what would break a rule), not on its own; but a record's own fields do not depend
    // on that data, so field checks refuse a partial file too.
    let blocks: Vec<Violation> = match snapshot.scope {
        None => blocks,
        Some(_) => blocks.into_iter().filter(|v| v.rule == "FIELD").collect(),
    };
    if !blocks.is_empty() {
        return Err(SnapshotError::Invalid(blocks));
    }
    let scope = match &snapshot.scope {
        Some(s) => Some(check_scope(&snapshot.records, s)?),
        None => None,
    };
    let ws = &snapshot.records;
    let preview = Preview {
        office: snapshot.office.clone(),
        exported_at: snapshot.exported_at,
        from_schema,
        counts: Kind::ALL.iter().map(|k| (*k, ws.count_live(*k))).collect(),
        samples: ws.provenance_count(Provenance::Sample),
        warnings: violations.len(),
        migration_notes,
        integrity,
        scope,
        unknown: snapshot.unknown.clone(),
    };
    Ok(Checked { snapshot, preview })
}

/// A partial file's records must be what its scope says: the root record with what belongs to
/// it, or the area's records, each with what they refer to. Returns the scope with its label
/// rebuilt from the records, so the preview names what the file really carries.
fn check_scope(ws: &Workspace, s: &Scope) -> Result<Scope, SnapshotError> {
    let (expected, label) = match (&s.root, s.area) {
        (Some(root), _) => {
            if !ws.is_live(root.kind, &root.id) {
                return Err(SnapshotError::OutOfScope {
                    scope: s.label.clone(),
                    root_missing: Some((root.kind, root.id.clone())),
                    strays: Vec::new(),
                });
            }
            (
                super::scope::around(ws, root.kind, &root.id),
                format!("{}：{}", root.kind.zh(), ws.label_of(root.kind, &root.id)),
            )
        }
        (None, Some(area)) => (super::scope::area(ws, area), format!("领域：{}", area.zh())),
        (None, None) => return Ok(s.clone()),
    };
    let strays: Vec<(Kind, Id)> = ws
        .records()
        .iter()
        .filter(|r| !expected.has(r.kind(), &r.meta().id))
        .map(|r| (r.kind(), r.meta().id.clone()))
        .collect();
    if !strays.is_empty() {
        return Err(SnapshotError::OutOfScope {
            scope: s.label.clone(),
            root_missing: None,
            strays,
        });
    }
    Ok(Scope { label, ..s.clone() })
}

/// The whole import pipeline short of replacing anything.
pub fn check(text: &str, today: NaiveDate) -> Result<Checked, SnapshotError> {
    let (snapshot, from_schema, migration_notes, integrity) = read_checked(text)?;
    validate(snapshot, from_schema, migration_notes, integrity, today)
}
