//! Upgrades older snapshot (and stored-state) JSON step by step to [`super::snapshot::SCHEMA_VERSION`].
//! Each step is a plain function on JSON values that keeps every piece of user data: anything it
//! cannot place goes into the record's note rather than being dropped, an unclear scope never
//! becomes wider, and existing fields are never overwritten.
//!
//! Schema 0 is the prototype format (see docs/snapshot-format.md): no provenance, a park had one
//! `name`, and entrustments were flat (`county_id`, `whole_township`, `villages`, `from`, `to`,
//! `doc_no`, `doc_title`).

use std::collections::{BTreeMap, BTreeSet};

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
    // Development builds of schema 3 still wrote the cross-post table, kept verdicts on
    // delegations and lacked the merge metadata, so this step runs for schema-3 files as well;
    // each part only touches what is missing.
    v2_to_v3(&mut value, &mut notes);
    Ok((value, notes))
}

/// Schema 3 added the tables of organisation and people, supervision and the service system
/// (institutions, inspection campaigns and checks, …), which start empty, and replaced the
/// cross-post table `concurrent_posts` by persons, posts and appointments (see
/// [`fold_concurrent_posts`]) and a delegation's stored verdict by an inspection check
/// ([`verdicts_to_checks`]). It also added the merge metadata (`meta.vv`, `meta.groups`): a
/// record changed since its creation (rev > 1) without it is stamped as if its last editor had
/// changed every field group then, so a copy that never changed it takes those values, and a copy
/// that changed it too sees a conflict (never a silent overwrite). The conversions come first, so
/// the records they create are stamped like any other.
fn v2_to_v3(value: &mut Value, notes: &mut Vec<Text>) {
    if let Some(root) = value.as_object_mut() {
        root.insert("schema_version".into(), json!(3));
    }
    fold_concurrent_posts(value, notes);
    verdicts_to_checks(value, notes);
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

/// A deterministic record id derived from a source record, so that two offices upgrading the
/// same file get the same ids: the source's creation time and an FNV-1a hash of the seed.
fn derived_id(created_at: Option<&str>, seed: &str) -> String {
    let ms = created_at
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .and_then(|t| u64::try_from(t.timestamp_millis()).ok())
        .unwrap_or(0);
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in seed.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    ulid::Ulid::from_parts(ms, h).to_string()
}

fn str_at<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    v.pointer(path).and_then(Value::as_str)
}

/// Replaces each foundation cross-post record (`holder`, `park_post`, `township_id`,
/// `township_post`, `leadership`, `period`) by what it meant — one person holding a park post
/// and a township post — so nothing is lost and 区镇合一 keeps its coverage:
///
/// - the holder becomes a person (staff number and name = the holder text, identity 待核实,
///   working at the park's 管委会), or the existing person with that staff number;
/// - the park post becomes a post of the 管委会 of the park the township was entrusted to at
///   the post's start, the township post a post of the township's 党委 (titles with 党委/书记)
///   or 政府 — created if the file has none; rank 待定, 正职 unless the title says 副;
/// - the township post is held 兼任 by an appointment that keeps the cross-post's id and
///   metadata (revision, tombstone, provenance, note); the park post by an appointment 任命.
///
/// What cannot be placed (no township, no entrustment) is written into the note of a record
/// that is kept, never dropped.
fn fold_concurrent_posts(value: &mut Value, notes: &mut Vec<Text>) {
    let Some(records) = value.pointer_mut("/records").and_then(Value::as_object_mut) else {
        return;
    };
    let Some(Value::Array(cps)) = records.remove("concurrent_posts") else {
        return;
    };
    if cps.is_empty() {
        return;
    }
    let table = |records: &Map<String, Value>, t: &str| -> Vec<Value> {
        records
            .get(t)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let live = |r: &Value| {
        !r.pointer("/meta/deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    let townships = table(records, "townships");
    let entrustments = table(records, "entrustments");
    let org_units = table(records, "org_units");
    let persons_before = table(records, "persons");

    let mut new_orgs: Vec<Value> = Vec::new();
    let mut new_persons: Vec<Value> = Vec::new();
    let mut new_posts: Vec<Value> = Vec::new();
    let mut new_appts: Vec<Value> = Vec::new();
    let mut person_of: BTreeMap<String, String> = BTreeMap::new();
    for p in persons_before.iter().filter(|p| live(p)) {
        if let (Some(no), Some(id)) = (str_at(p, "/data/staff_no"), str_at(p, "/meta/id")) {
            person_of.insert(no.trim().to_string(), id.to_string());
        }
    }
    let mut post_of: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut park_appt: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut org_for: BTreeMap<(String, &str), String> = BTreeMap::new();

    // Live records first, so a person or post shared with a deleted one is created live.
    let mut order: Vec<&Value> = cps.iter().filter(|c| live(c)).collect();
    order.extend(cps.iter().filter(|c| !live(c)));
    let (mut placed, mut unplaced) = (0, 0);
    for cp in order {
        let Some(meta) = cp.get("meta").and_then(Value::as_object).cloned() else {
            unplaced += 1;
            continue;
        };
        let deleted = !live(cp);
        let cp_id = meta
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let created = meta
            .get("created_at")
            .and_then(Value::as_str)
            .map(str::to_string);
        let d = cp.get("data").cloned().unwrap_or(json!({}));
        let holder = str_at(&d, "/holder").unwrap_or("").trim().to_string();
        let town = str_at(&d, "/township_id").unwrap_or("").to_string();
        let from = d.pointer("/period/from").cloned().unwrap_or(Value::Null);
        let period = d.get("period").cloned().unwrap_or(json!({"from": from}));
        let ended = !d.pointer("/period/to").is_none_or(Value::is_null);
        let leadership = d.get("leadership").and_then(Value::as_bool).unwrap_or(true);
        let park_post = str_at(&d, "/park_post").unwrap_or("").trim().to_string();
        let town_post = str_at(&d, "/township_post")
            .unwrap_or("")
            .trim()
            .to_string();
        let mut leftovers: Vec<String> = Vec::new();
        let meta_like = |id: String, rev: bool, note: Option<String>| {
            let mut m = meta.clone();
            m.insert("id".into(), json!(id));
            if rev {
                m.insert("rev".into(), json!(1));
            }
            match note {
                Some(n) => m.insert("note".into(), json!(n)),
                None => m.remove("note"),
            };
            Value::Object(m)
        };

        // The park the township was entrusted to when the post began (else any entrustment).
        let from_s = from.as_str().unwrap_or("");
        let ents: Vec<&Value> = entrustments
            .iter()
            .filter(|e| live(e) && str_at(e, "/data/township_id") == Some(town.as_str()))
            .collect();
        let park = ents
            .iter()
            .find(|e| {
                str_at(e, "/data/period/from").is_some_and(|f| f <= from_s)
                    && str_at(e, "/data/period/to").is_none_or(|t| from_s <= t)
                    && str_at(e, "/data/status") != Some("PROPOSED")
            })
            .or(ents.last())
            .and_then(|e| str_at(e, "/data/park_id"))
            .map(str::to_string);
        let committee = park.as_ref().and_then(|p| {
            org_units.iter().find(|o| {
                live(o)
                    && str_at(o, "/data/park_id") == Some(p.as_str())
                    && str_at(o, "/data/kind") == Some("PARK_MGMT_COMMITTEE")
            })
        });
        let committee_id = committee
            .and_then(|o| str_at(o, "/meta/id"))
            .map(str::to_string);

        // The person.
        let person_id = match person_of.get(&holder) {
            Some(id) => id.clone(),
            None => {
                let id = derived_id(created.as_deref(), &format!("person:{holder}"));
                new_persons.push(json!({
                    "meta": meta_like(id.clone(), true, Some(format!("由职务兼任记录迁移（原记录 {cp_id}）：人员身份、编制待核实 / migrated from a concurrent-post record: identity and seat to be verified"))),
                    "data": {
                        "staff_no": holder,
                        "display_name": holder,
                        "identity": "UNVERIFIED",
                        "entry_channel": "EXISTING",
                        "talent_flags": [],
                        "placements": [{"from": from, "seat": null, "work_org_id": committee_id, "status": "ACTIVE", "note": "迁移：工作单位按园区管委会记，待核实"}],
                        "synthetic": false
                    }
                }));
                if let Some(m) = new_persons
                    .last_mut()
                    .and_then(|p| p.pointer_mut("/meta"))
                    .and_then(Value::as_object_mut)
                {
                    m.insert("deleted".into(), json!(deleted));
                }
                person_of.insert(holder.clone(), id.clone());
                id
            }
        };

        // The township post and its 兼任 appointment (keeping the cross-post's id).
        let township = townships
            .iter()
            .find(|t| str_at(t, "/meta/id") == Some(town.as_str()));
        let mut town_post_id = None;
        if let Some(t) = township {
            let party = town_post.contains("党委") || town_post.contains("书记");
            let (kind, suffix): (&str, &str) = if party {
                ("TOWNSHIP_PARTY", "党委")
            } else {
                ("TOWNSHIP_GOV", "人民政府")
            };
            let org_id = match org_for.get(&(town.clone(), kind)) {
                Some(id) => id.clone(),
                None => {
                    let existing = org_units.iter().find(|o| {
                        live(o)
                            && str_at(o, "/data/township_id") == Some(town.as_str())
                            && str_at(o, "/data/kind") == Some(kind)
                    });
                    let id = match existing.and_then(|o| str_at(o, "/meta/id")) {
                        Some(id) => id.to_string(),
                        None => {
                            let id = derived_id(created.as_deref(), &format!("org:{town}:{kind}"));
                            let name = format!("{}{suffix}", str_at(t, "/data/name").unwrap_or(""));
                            let mut m = t.get("meta").cloned().unwrap_or(json!({}));
                            if let Some(m) = m.as_object_mut() {
                                m.insert("id".into(), json!(id));
                                m.insert("rev".into(), json!(1));
                                m.insert("note".into(), json!("迁移时为承接职务兼任记录而建 / created by migration for a concurrent post"));
                            }
                            new_orgs.push(json!({"meta": m, "data": {"name": name, "kind": kind, "township_id": town, "status": "ACTIVE"}}));
                            id
                        }
                    };
                    org_for.insert((town.clone(), kind), id.clone());
                    id
                }
            };
            town_post_id = Some(post_id_for(
                &mut post_of,
                &mut new_posts,
                &meta_like,
                created.as_deref(),
                &org_id,
                &town_post,
                leadership,
            ));
        } else {
            leftovers.push(format!("township_id={town}; township_post={town_post}"));
        }
        match (&committee_id, &town_post_id) {
            (Some(c), _) => {
                let post = post_id_for(
                    &mut post_of,
                    &mut new_posts,
                    &meta_like,
                    created.as_deref(),
                    c,
                    &park_post,
                    leadership,
                );
                if park_appt.insert((person_id.clone(), post.clone(), from_s.to_string())) {
                    let id = derived_id(created.as_deref(), &format!("appt:{cp_id}:park"));
                    new_appts.push(json!({"meta": meta_like(id, true, Some(format!("由职务兼任记录迁移（原记录 {cp_id}），按主职记 / migrated; taken as the main post"))), "data": appointment(&person_id, &post, "APPOINTED", &period, ended, true)}));
                }
            }
            (None, _) => leftovers.push(format!(
                "park_post={park_post}（无法确定园区 / park not found）"
            )),
        }
        let old_note = meta.get("note").and_then(Value::as_str).map(str::to_string);
        match town_post_id {
            Some(post) => {
                let mut note = old_note.unwrap_or_default();
                if !leftovers.is_empty() {
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(&format!(
                        "迁移保留 / kept by migration: {}",
                        leftovers.join("; ")
                    ));
                }
                let m = meta_like(cp_id.clone(), false, (!note.is_empty()).then_some(note));
                new_appts.push(json!({"meta": m, "data": appointment(&person_id, &post, "CONCURRENT", &period, ended, false)}));
                placed += 1;
            }
            None => {
                // Nowhere to hang the township post: the whole record goes into the person's note.
                let whole = cp.to_string();
                let person = new_persons
                    .iter_mut()
                    .find(|p| str_at(p, "/meta/id") == Some(person_id.as_str()))
                    .and_then(|p| p.pointer_mut("/meta"))
                    .and_then(Value::as_object_mut);
                if let Some(m) = person {
                    let prev = m
                        .get("note")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    m.insert(
                        "note".into(),
                        json!(format!("{prev}\n迁移保留 / kept by migration: {whole}")),
                    );
                } else {
                    notes.push(Text::new(
                        format!("职务兼任记录 {cp_id} 无法迁移，原文：{whole}"),
                        format!(
                            "Concurrent-post record {cp_id} could not be placed; original: {whole}"
                        ),
                    ));
                }
                unplaced += 1;
            }
        }
    }
    let push = |records: &mut Map<String, Value>, t: &str, items: Vec<Value>| {
        if items.is_empty() {
            return;
        }
        let arr = records.entry(t).or_insert(json!([]));
        if let Some(a) = arr.as_array_mut() {
            a.extend(items);
        }
    };
    let (np, npo, na) = (new_persons.len(), new_posts.len(), new_appts.len());
    push(records, "org_units", new_orgs);
    push(records, "persons", new_persons);
    push(records, "posts", new_posts);
    push(records, "appointments", new_appts);
    notes.push(Text::new(
        format!("{} 条职务兼任记录转为任职：新增人员 {np} 名、职务 {npo} 个、任职 {na} 条（人员身份、职务层次待核实）{}", placed + unplaced, if unplaced > 0 { format!("；{unplaced} 条无法定位，原文已写入备注") } else { String::new() }),
        format!("{} concurrent-post records became appointments: {np} persons, {npo} posts, {na} appointments added (identity and rank to be verified){}", placed + unplaced, if unplaced > 0 { format!("; {unplaced} could not be placed and were kept in notes") } else { String::new() }),
    ));
}

fn appointment(
    person: &str,
    post: &str,
    kind: &str,
    period: &Value,
    ended: bool,
    counts: bool,
) -> Value {
    json!({
        "person_id": person,
        "post_id": post,
        "kind": kind,
        "period": period,
        "counts_against_quota": counts,
        "status": if ended { "ENDED" } else { "SERVING" }
    })
}

/// The post of `org` titled `title`, created once.
fn post_id_for(
    post_of: &mut BTreeMap<(String, String), String>,
    new_posts: &mut Vec<Value>,
    meta_like: &dyn Fn(String, bool, Option<String>) -> Value,
    created: Option<&str>,
    org: &str,
    title: &str,
    leadership: bool,
) -> String {
    if let Some(id) = post_of.get(&(org.to_string(), title.to_string())) {
        return id.clone();
    }
    let id = derived_id(created, &format!("post:{org}:{title}"));
    new_posts.push(json!({
        "meta": meta_like(id.clone(), true, Some("由职务兼任记录迁移：职务层次待定，正副职按名称推定 / migrated: rank to be set, principal/deputy read from the title".into())),
        "data": {
            "org_id": org,
            "title": title,
            "rank": "UNSPECIFIED",
            "is_leadership": leadership,
            "is_principal": !title.contains('副'),
            "is_key_post": false
        }
    }));
    post_of.insert((org.to_string(), title.to_string()), id.clone());
    id
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
