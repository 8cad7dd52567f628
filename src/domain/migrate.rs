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
    if from <= 2 {
        v2_to_v3(&mut value, &mut notes);
    }
    // Files written as schema 3 before the verdict moved to inspection checks still carry it on
    // the delegation; the same conversion reads them (it does nothing when there is none).
    if from == 3 {
        verdicts_to_checks(&mut value, &mut notes);
    }
    Ok((value, notes))
}

/// Schema 3 added the tables of organisation and people, supervision and the service system
/// (institutions, inspection campaigns and checks, …); they start empty — except that a
/// delegation's stored verdict becomes an inspection check ([`verdicts_to_checks`]).
fn v2_to_v3(value: &mut Value, notes: &mut Vec<Text>) {
    if let Some(root) = value.as_object_mut() {
        root.insert("schema_version".into(), json!(3));
    }
    verdicts_to_checks(value, notes);
}

/// Id of the campaign that holds the verdicts found on delegations.
pub const MIGRATED_CAMPAIGN_ID: &str = "MIGRATED-V3-CAMPAIGN";
const VERDICT_CODES: [&str; 7] = [
    "IN_PLACE",
    "MOSTLY_IN_PLACE",
    "DISCOUNTED",
    "NOMINAL_ONLY",
    "WITHHELD",
    "NOT_RECEIVED",
    "NOT_APPLICABLE",
];

/// A delegation's verdict used to be a stored field (`data.verdict`). It now comes from the
/// inspection group's checks, so each live delegation's verdict becomes one check — dated the
/// day the delegation was last changed (the verdict stood by then at the latest), marked
/// `migrated`, naming the item's source department as responsible — in one closed campaign
/// "迁移前记录的督查结论". Nothing is dropped: a verdict on a deleted delegation, or one that
/// cannot be read, goes into that delegation's note.
fn verdicts_to_checks(value: &mut Value, notes: &mut Vec<Text>) {
    // The items' source departments, for the responsible unit of each check.
    let source_dept: std::collections::HashMap<String, Value> = records_mut(value, "power_items")
        .into_iter()
        .filter_map(|r| {
            let id = r.get("meta")?.get("id")?.as_str()?.to_string();
            let dept = r.get("data")?.get("source_dept_id").cloned()?;
            Some((id, dept))
        })
        .collect();
    let campaign_taken = records_mut(value, "inspection_campaigns").iter().any(|r| {
        r.get("meta")
            .and_then(|m| m.get("id"))
            .and_then(Value::as_str)
            == Some(MIGRATED_CAMPAIGN_ID)
    });
    let mut checks: Vec<Value> = Vec::new();
    let mut parks: Vec<Value> = Vec::new();
    let mut dates: Vec<String> = Vec::new();
    let mut stamps: Vec<String> = Vec::new();
    let mut all_sample = true;
    let mut kept_in_note = 0;
    for rec in records_mut(value, "delegations") {
        let Some(verdict) = rec
            .get_mut("data")
            .and_then(Value::as_object_mut)
            .and_then(|d| d.remove("verdict"))
        else {
            continue;
        };
        if verdict.is_null() {
            continue;
        }
        let meta = rec.get("meta").cloned().unwrap_or(Value::Null);
        let data = rec.get("data").cloned().unwrap_or(Value::Null);
        let deleted = meta
            .get("deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let id = meta.get("id").and_then(Value::as_str).map(str::to_string);
        let stamp = meta
            .get("updated_at")
            .or_else(|| meta.get("created_at"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let day = stamp
            .as_deref()
            .and_then(|s| s.get(..10))
            .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
            .map(str::to_string);
        let code = verdict.as_str().filter(|c| VERDICT_CODES.contains(c));
        match (id, code, day, stamp, deleted || campaign_taken) {
            (Some(id), Some(code), Some(day), Some(stamp), false) => {
                if meta.get("provenance").and_then(Value::as_str) != Some("SAMPLE") {
                    all_sample = false;
                }
                let dept = data
                    .get("power_item_id")
                    .and_then(Value::as_str)
                    .and_then(|i| source_dept.get(i))
                    .cloned()
                    .filter(|d| !d.is_null() && code != "NOT_RECEIVED");
                if let Some(p) = data.get("park_id").cloned()
                    && !parks.contains(&p)
                {
                    parks.push(p);
                }
                checks.push(json!({
                    "meta": {
                        "id": format!("MIGRATED-V3-{id}"),
                        "created_at": stamp,
                        "updated_at": stamp,
                        "updated_by": "migration",
                        "rev": 1,
                        "provenance": meta.get("provenance").cloned().unwrap_or(json!("USER_ENTERED")),
                        "note": "迁移：原记录在赋权事项上的督查结论（证据未记录） / migrated verdict once stored on the delegation (no evidence recorded)"
                    },
                    "data": {
                        "campaign_id": MIGRATED_CAMPAIGN_ID,
                        "target": {"kind": "DELEGATION", "delegation_id": id},
                        "aspect": "AUTHORISATION",
                        "checked_on": day,
                        "verdict": code,
                        "verdict_reason": "迁移前记录在赋权事项上的督查结论 / verdict recorded on the delegation before checks existed",
                        "responsible_org_id": dept,
                        "migrated": true
                    }
                }));
                dates.push(day);
                stamps.push(stamp);
            }
            _ => {
                // Kept where the user will see it: the delegation's own note.
                if let Some(m) = rec.get_mut("meta").and_then(Value::as_object_mut) {
                    let line = format!("迁移保留 / kept by migration: verdict={verdict}");
                    let note = match m.get("note").and_then(Value::as_str) {
                        Some(old) if !old.is_empty() => format!("{old}\n{line}"),
                        _ => line,
                    };
                    m.insert("note".into(), json!(note));
                    kept_in_note += 1;
                }
            }
        }
    }
    if !checks.is_empty() {
        dates.sort();
        stamps.sort();
        let first = dates.first().cloned().unwrap_or_default();
        let last = dates.last().cloned().unwrap_or_default();
        let stamp = stamps.last().cloned().unwrap_or_default();
        let campaign = json!({
            "meta": {
                "id": MIGRATED_CAMPAIGN_ID,
                "created_at": stamp,
                "updated_at": stamp,
                "updated_by": "migration",
                "rev": 1,
                "provenance": if all_sample { "SAMPLE" } else { "USER_ENTERED" },
                "note": "迁移生成：结论日期不详，取各赋权事项最后修改日期 / created by migration: verdict dates unknown, each delegation's last change used"
            },
            "data": {
                "title": "迁移前记录的督查结论",
                "period": {"from": first, "to": last},
                "scope_parks": parks,
                "aspects": ["AUTHORISATION"],
                "status": "CLOSED"
            }
        });
        let n = checks.len();
        if let Some(records) = value.get_mut("records").and_then(Value::as_object_mut) {
            let push = |records: &mut Map<String, Value>, table: &str, items: Vec<Value>| {
                let entry = records.entry(table).or_insert_with(|| json!([]));
                if !entry.is_array() {
                    *entry = json!([]);
                }
                if let Some(list) = entry.as_array_mut() {
                    list.extend(items);
                }
            };
            push(records, "inspection_campaigns", vec![campaign]);
            push(records, "inspection_checks", checks);
        }
        notes.push(Text::new(
            format!("{n} 条赋权事项上记录的督查结论转为督查批次“迁移前记录的督查结论”中的核查记录（证据待补）"),
            format!("{n} verdicts stored on delegations became checks of the campaign “迁移前记录的督查结论” (evidence to be added)"),
        ));
    }
    if kept_in_note > 0 {
        notes.push(Text::new(
            format!("{kept_in_note} 条无法转为核查记录的督查结论（已删除的事项或无法识别的结论）写入了该事项的备注"),
            format!("{kept_in_note} verdicts that could not become checks (deleted delegations or unknown values) were copied into the delegation's note"),
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
