//! Upgrades older snapshot (and stored-state) JSON step by step to [`super::snapshot::SCHEMA_VERSION`].
//! Each step is a plain function on JSON values that keeps every piece of user data: anything it
//! cannot place goes into the record's note rather than being dropped, an unclear scope never
//! becomes wider, and existing fields are never overwritten.
//!
//! Schema 0 is the prototype format (see docs/snapshot-format.md): no provenance, a park had one
//! `name`, and entrustments were flat (`county_id`, `whole_township`, `villages`, `from`, `to`,
//! `doc_no`, `doc_title`).

use serde_json::{Map, Value, json};

use super::snapshot::SnapshotError;
use super::text::Text;

pub fn to_current(mut value: Value, from: u64) -> Result<(Value, Vec<Text>), SnapshotError> {
    let mut notes = Vec::new();
    if from == 0 {
        v0_to_v1(&mut value, &mut notes)
            .map_err(|detail| SnapshotError::Migration { from, detail })?;
    }
    if from <= 1 {
        // Schema 2 only added tables (power_items, delegations); they start empty.
        if let Some(root) = value.as_object_mut() {
            root.insert("schema_version".into(), json!(2));
        }
    }
    // Schema-3 files written before the merge release lack the merge metadata too, so this step
    // runs for them as well; it only touches records that lack it.
    v2_to_v3(&mut value, &mut notes);
    Ok((value, notes))
}

/// Schema 3 added the tables of organisation and people, supervision and the service system
/// (institutions, …); they start empty. It also added the merge metadata (`meta.vv`,
/// `meta.groups`): a record changed since its creation (rev > 1) without it is stamped as if
/// its last editor had changed every field group then, so a copy that never changed it takes
/// those values, and a copy that changed it too sees a conflict (never a silent overwrite).
fn v2_to_v3(value: &mut Value, notes: &mut Vec<Text>) {
    if let Some(root) = value.as_object_mut() {
        root.insert("schema_version".into(), json!(3));
    }
    let tables: Vec<String> = value
        .pointer("/records")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut stamped = 0;
    for table in tables {
        let Some(kind) = super::workspace::Kind::from_code(&table) else {
            continue;
        };
        let mut groups = super::kind_tables::group_codes(kind);
        for rec in records_mut(value, &table) {
            let Some(meta) = rec.get_mut("meta").and_then(Value::as_object_mut) else {
                continue;
            };
            let rev = meta.get("rev").and_then(Value::as_u64).unwrap_or(1);
            if rev <= 1 || meta.contains_key("vv") {
                continue;
            }
            let by = meta.get("updated_by").cloned().unwrap_or(json!(""));
            let at = meta.get("updated_at").cloned().unwrap_or(json!(""));
            let n = at
                .as_str()
                .and_then(|t| t.parse::<super::meta::Timestamp>().ok())
                .and_then(|t| u64::try_from(t.timestamp_millis()).ok())
                .unwrap_or(rev);
            let Some(by_s) = by.as_str().map(str::to_string) else {
                continue;
            };
            meta.insert("vv".into(), json!({ by_s.clone(): n }));
            let stamp = json!({"by": by_s, "n": n, "author": by_s, "rev": rev, "at": at});
            let deleted = meta.get("deleted").and_then(Value::as_bool) == Some(true);
            if deleted {
                groups.push(super::kind_tables::DELETED);
            }
            let g: Map<String, Value> = groups
                .iter()
                .map(|g| ((*g).to_string(), stamp.clone()))
                .collect();
            if deleted {
                groups.pop();
            }
            meta.insert("groups".into(), Value::Object(g));
            stamped += 1;
        }
    }
    if stamped > 0 {
        notes.push(Text::new(
            format!("{stamped} 条修改过的记录补记了合并所需的版本信息（最后修改单位视为修改了全部字段）"),
            format!(
                "{stamped} changed records were given the version data merging needs (their last editor counts as having changed every field group)"
            ),
        ));
    }
}

fn records_mut<'a>(value: &'a mut Value, table: &str) -> Vec<&'a mut Map<String, Value>> {
    match value.pointer_mut(&format!("/records/{table}")) {
        Some(Value::Array(items)) => items.iter_mut().filter_map(Value::as_object_mut).collect(),
        _ => Vec::new(),
    }
}

/// The data fields of schema 1, frozen here: later schemas must not change this list.
const V1_FIELDS: [(&str, &[&str]); 7] = [
    ("cities", &["name", "division_code"]),
    ("counties", &["name", "kind", "division_code"]),
    (
        "townships",
        &[
            "name",
            "kind",
            "county_id",
            "area_km2",
            "population",
            "in_planning_area_of",
        ],
    ),
    (
        "parks",
        &[
            "name_zh",
            "name_en",
            "short_code",
            "kind",
            "host_county_ids",
            "established_on",
            "planning_area_km2",
            "pilot",
            "pilot_since",
            "function_profile",
            "body_limit",
            "status",
        ],
    ),
    (
        "entrustments",
        &[
            "park_id",
            "township_id",
            "entrusting_county_id",
            "scope",
            "basis",
            "period",
            "status",
            "retained_matters",
            "justification_if_partial",
        ],
    ),
    (
        "org_units",
        &[
            "name",
            "kind",
            "park_id",
            "township_id",
            "county_id",
            "status",
        ],
    ),
    (
        "concurrent_posts",
        &[
            "holder",
            "park_post",
            "township_id",
            "township_post",
            "leadership",
            "period",
        ],
    ),
];

fn v0_to_v1(value: &mut Value, notes: &mut Vec<Text>) -> Result<(), String> {
    let root = value.as_object_mut().ok_or("top level is not an object")?;
    root.insert("schema_version".into(), json!(1));
    root.entry("app_version").or_insert(json!("0 (prototype)"));
    let exported = root
        .get("exported_at")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_string();
    root.entry("snapshot_id")
        .or_insert(json!(format!("SNAP-v0-{exported}")));

    let tables = [
        "cities",
        "counties",
        "townships",
        "parks",
        "entrustments",
        "org_units",
        "concurrent_posts",
    ];
    let mut stamped = 0;
    for table in tables {
        for rec in records_mut(value, table) {
            if let Some(meta) = rec.get_mut("meta").and_then(Value::as_object_mut)
                && !meta.contains_key("provenance")
            {
                meta.insert("provenance".into(), json!("USER_ENTERED"));
                stamped += 1;
            }
        }
    }
    if stamped > 0 {
        notes.push(Text::new(
            format!("{stamped} 条记录补记数据来源为“用户录入”"),
            format!("{stamped} records marked as user entered (no provenance in format 0)"),
        ));
    }

    let mut parks = 0;
    for rec in records_mut(value, "parks") {
        let data = rec
            .get_mut("data")
            .and_then(Value::as_object_mut)
            .ok_or("a park has no data")?;
        if let Some(name) = data.remove("name") {
            if data.contains_key("name_zh") {
                data.insert("name_v0".into(), name); // kept as a leftover below
            } else {
                data.insert("name_zh".into(), name);
            }
            data.entry("name_en").or_insert(json!(""));
            parks += 1;
        }
    }
    if parks > 0 {
        notes.push(Text::new(
            format!("{parks} 个园区的名称转为中文名称，英文名称待补"),
            format!("{parks} park names became Chinese names; English names left blank"),
        ));
    }

    let mut ents = 0;
    for rec in records_mut(value, "entrustments") {
        let data = rec
            .get_mut("data")
            .and_then(Value::as_object_mut)
            .ok_or("an entrustment has no data")?;
        if data.contains_key("scope") {
            continue;
        }
        if let Some(c) = data.remove("county_id") {
            data.entry("entrusting_county_id").or_insert(c);
        }
        let villages = data.remove("villages").unwrap_or(json!([]));
        let has_villages = villages.as_array().is_some_and(|v| !v.is_empty());
        // Only an explicit `true` with no village list means the whole township: an unclear
        // value never widens the scope.
        let whole = match data.remove("whole_township") {
            Some(Value::Bool(b)) => b && !has_villages,
            _ => !has_villages,
        };
        let scope = if whole {
            json!({"kind": "WHOLE_TOWNSHIP"})
        } else {
            json!({"kind": "PARTIAL_VILLAGES", "villages": villages})
        };
        data.insert("scope".into(), scope);
        let from = data
            .remove("from")
            .ok_or("an entrustment has no start date (from)")?;
        let to = data.remove("to").unwrap_or(Value::Null);
        data.insert("period".into(), json!({"from": from, "to": to}));
        let title = data
            .remove("doc_title")
            .filter(|t| t.as_str().is_some_and(|t| !t.trim().is_empty()));
        let no = data.remove("doc_no").filter(|n| !n.is_null());
        if title.is_some() || no.is_some() {
            // A number without a title keeps the number as the title, so the record stays valid.
            let title = title.or_else(|| no.clone()).unwrap_or(json!(""));
            data.insert(
                "basis".into(),
                json!({"title": title, "doc_no": no.unwrap_or(Value::Null)}),
            );
        }
        ents += 1;
    }
    if ents > 0 {
        notes.push(Text::new(
            format!("{ents} 条托管关系转换为新结构（范围、期间、依据文件）"),
            format!("{ents} entrustments converted to the new structure (scope, period, basis)"),
        ));
    }

    // Whatever schema 1 has no field for goes into the record's note instead of being dropped.
    let mut kept = 0;
    for (table, known) in V1_FIELDS {
        for rec in records_mut(value, table) {
            let leftovers: Vec<(String, Value)> =
                match rec.get_mut("data").and_then(Value::as_object_mut) {
                    Some(data) => {
                        let extra: Vec<String> = data
                            .keys()
                            .filter(|k| !known.contains(&k.as_str()))
                            .cloned()
                            .collect();
                        extra
                            .into_iter()
                            .filter_map(|k| data.remove(&k).map(|v| (k, v)))
                            .collect()
                    }
                    None => continue,
                };
            if leftovers.is_empty() {
                continue;
            }
            let text = leftovers
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            if let Some(meta) = rec.get_mut("meta").and_then(Value::as_object_mut) {
                let note = match meta.get("note").and_then(Value::as_str) {
                    Some(old) if !old.is_empty() => {
                        format!("{old}\n迁移保留 / kept by migration: {text}")
                    }
                    _ => format!("迁移保留 / kept by migration: {text}"),
                };
                meta.insert("note".into(), json!(note));
                kept += 1;
            }
        }
    }
    if kept > 0 {
        notes.push(Text::new(format!("{kept} 条记录有新格式不再使用的字段，已原样写入备注"), format!("{kept} records had fields the new format does not use; they were copied into the record's note")));
    }
    Ok(())
}
