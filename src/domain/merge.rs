//! Merge import: an incoming snapshot compared with the current workspace record by record, a
//! review the user decides on, and the accepted set applied as one command
//! ([`super::command::Command::Merge`]).
//!
//! How "both changed" is told from "one changed" (ARCHITECTURE.md, "Merging"): every record keeps
//! a version vector (`meta.vv`: per office, the newest of its changes the version includes) and,
//! per field group, the stamp of the change that last set it (`meta.groups`). An incoming group
//! differs from ours and
//! - we have seen its stamp → ours is newer (nothing to do);
//! - it has seen our stamp → it is newer (take it, if its author's role owns the group, BR-F4);
//! - neither → both changed since the common base: a conflict.
//!
//! Default resolution of a conflict (deterministic, the same in any order of imports): the version
//! whose author's role owns the group, then the higher revision, then the later time, then the
//! greater office id, then the greater value. Deletions never resurrect: a tombstone wins unless
//! the live side has seen it and undeleted on purpose. Only tombstones delete: a partial snapshot
//! never implies deletion of what it does not contain.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::kind_tables::{self, DELETED, MAIN, group_codes, group_info, group_value, ref_ids};
use super::meta::{Id, Meta, Office, Role, Stamp, Timestamp};
use super::text::Text;
use super::workspace::{Kind, Record, Workspace};
use crate::coded_enum;

coded_enum! {
    /// 合并分类 | How an incoming record compares with ours.
    pub enum Class {
        Conflict => ("CONFLICT", "冲突", "Conflict"),
        Rejected => ("REJECTED", "非本角色数据（BR-F4）", "Not the sender's to change (BR-F4)"),
        Duplicate => ("DUPLICATE", "重复录入", "Created twice"),
        New => ("NEW", "新增", "New"),
        Changed => ("CHANGED", "修改", "Changed"),
        Deleted => ("DELETED", "删除", "Deleted"),
        Unchanged => ("UNCHANGED", "无变化", "Unchanged"),
    }
}

/// Which version of a field group to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Local,
    Incoming,
}

/// Whether only the incoming side changed a group, or both did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupState {
    Incoming,
    Conflict,
}

/// One field before (ours) and after (theirs).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    pub field: String,
    pub local: Value,
    pub incoming: Value,
}

/// One field group that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDiff {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub state: GroupState,
    /// The incoming version's author has a role that owns the group.
    pub owned: bool,
    pub default_side: Side,
    pub local_author: Option<Id>,
    pub incoming_author: Option<Id>,
    pub fields: Vec<FieldDiff>,
}

/// One incoming record to review.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: Kind,
    pub id: Id,
    pub label: String,
    pub class: Class,
    pub groups: Vec<GroupDiff>,
    /// For a duplicate: our record with the same natural key.
    pub duplicate_of: Option<Id>,
    /// The office that last changed the incoming version.
    pub incoming_by: Id,
    pub accepted: bool,
    /// Why an accepted record cannot be applied (dangling reference), if so.
    pub refused: Option<Text>,
    /// What is written when accepted and not refused.
    pub result: Option<Record>,
}

impl Item {
    /// Will change the workspace when applied.
    pub fn applies(&self) -> bool {
        self.accepted && self.refused.is_none() && self.result.is_some()
    }
}

/// The user's choice for one record: accept or not (None = the class default) and, per group,
/// which side (None = the default resolution).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decision {
    pub accept: Option<bool>,
    pub sides: BTreeMap<String, Side>,
}

pub type Decisions = BTreeMap<(Kind, Id), Decision>;

/// The facts a merge needs: who merges, when, and the known offices (for roles and names).
pub struct MergeCtx<'a> {
    pub me: &'a Office,
    pub now: Timestamp,
    pub directory: &'a [Office],
}

impl MergeCtx<'_> {
    fn role_of(&self, office: &str, side: Side) -> Option<Role> {
        if office == self.me.id {
            return Some(self.me.role);
        }
        // Our own demo data counts as the 编办's; a file cannot claim that authority by naming
        // the sample office as the author of a change.
        if office == super::sample::SAMPLE_OFFICE_ID {
            return (side == Side::Local).then_some(Role::Bianban);
        }
        self.directory
            .iter()
            .find(|o| o.id == office)
            .map(|o| o.role)
    }
    fn owns(&self, kind: Kind, group: &str, author: &str, side: Side) -> bool {
        // The creation version (no stamp) counts as the owner's.
        if author.is_empty() {
            return true;
        }
        let (owners, _, _) = group_info(kind, group);
        self.role_of(author, side)
            .is_some_and(|r| owners.contains(&r))
    }
}

/// The review: every incoming record that differs, plus counts of the unchanged ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub items: Vec<Item>,
    pub unchanged: BTreeMap<Kind, usize>,
}

impl Plan {
    /// The records the merge writes.
    pub fn records(&self) -> Vec<Record> {
        self.items
            .iter()
            .filter(|i| i.applies())
            .filter_map(|i| i.result.clone())
            .collect()
    }

    pub fn count(&self, class: Class) -> usize {
        if class == Class::Unchanged {
            return self.unchanged.values().sum();
        }
        self.items.iter().filter(|i| i.class == class).count()
    }

    pub fn refused(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.accepted && i.refused.is_some())
            .count()
    }

    /// What applying writes, for the audit log and the summary; the merge command counts it
    /// after it has left out what breaks a rule.
    pub fn summary(&self, source: &str) -> MergeSummary {
        MergeSummary {
            source: source.to_string(),
            applied: self
                .items
                .iter()
                .filter(|i| i.applies())
                .map(|i| (i.kind, i.id.clone(), i.class))
                .collect(),
            duplicates: self.count(Class::Duplicate),
            not_accepted: self
                .items
                .iter()
                .filter(|i| !i.accepted && i.class != Class::Duplicate)
                .count(),
            refused_for_references: self.refused(),
        }
    }
}

/// The counts of a merge, carried by [`super::command::Command::Merge`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeSummary {
    /// The file's name.
    pub source: String,
    /// Each record the merge writes, with its class in the review.
    pub applied: Vec<(Kind, Id, Class)>,
    pub duplicates: usize,
    pub not_accepted: usize,
    pub refused_for_references: usize,
}

impl MergeSummary {
    /// The summary once `left_out` (records refused for breaking a rule) is known: those are
    /// counted apart, not as new or changed.
    pub fn text(&self, left_out: &HashSet<(Kind, &str)>) -> Text {
        let applied = |c: Class| {
            self.applied
                .iter()
                .filter(|(k, id, cl)| *cl == c && !left_out.contains(&(*k, id.as_str())))
                .count()
        };
        let (n, ch, d, cf, rj) = (
            applied(Class::New),
            applied(Class::Changed),
            applied(Class::Deleted),
            applied(Class::Conflict),
            applied(Class::Rejected),
        );
        let (source, dup, skipped, refused) = (
            &self.source,
            self.duplicates,
            self.not_accepted,
            self.refused_for_references,
        );
        let mut t = Text::new(
            format!(
                "合并 {source}：新增 {n}、修改 {ch}、删除 {d}、冲突已审核 {cf}、非本角色修改已审核 {rj}、重复 {dup}、未接受 {skipped}、因引用被拒 {refused}"
            ),
            format!(
                "Merged {source}: {n} new, {ch} changed, {d} deleted, {cf} conflicts reviewed, {rj} not-owned changes reviewed, {dup} duplicates, {skipped} not accepted, {refused} refused for references"
            ),
        );
        if !left_out.is_empty() {
            let k = left_out.len();
            t.zh.push_str(&format!("；{k} 条因违反规则未合并"));
            t.en.push_str(&format!("; {k} left out because they break a rule"));
        }
        t
    }
}

/// Stamps a change made by a command: one more revision by `office`, and the field groups (and
/// the tombstone flag) that differ from `before` get the change's stamp.
pub fn stamp_edit(before: Option<&Record>, after: &mut Record, now: Timestamp, office: &Office) {
    let stamp = after.meta_mut().touch(now, office);
    let Some(before) = before else { return };
    let kind = after.kind();
    let (bf, af) = (before.to_fields(), after.to_fields());
    let mut changed: Vec<&str> = group_codes(kind)
        .into_iter()
        .filter(|g| group_value(kind, g, &bf) != group_value(kind, g, &af))
        .collect();
    if before.meta().deleted != after.meta().deleted {
        changed.push(DELETED);
    }
    let groups = &mut after.meta_mut().groups;
    for g in changed {
        groups.insert(g.to_string(), stamp.clone());
    }
}

/// The natural key of a record as a string, None if the kind has none or a part is missing.
fn natural_key(kind: Kind, fields: &Value) -> Option<String> {
    let paths = kind_tables::natural_key(kind);
    if paths.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for p in paths {
        let mut v = fields;
        for seg in p.split('.') {
            v = v.get(seg).unwrap_or(&Value::Null);
        }
        let s = match v {
            Value::String(s) => s.trim().to_string(),
            other => super::snapshot::canonical(other),
        };
        parts.push(s);
    }
    if parts.iter().all(|p| p.is_empty() || p == "null") {
        return None;
    }
    Some(parts.join("\u{1f}"))
}

/// Rewrites reference fields that point at a remapped (duplicate) id to our record's id.
fn remap_refs(kind: Kind, fields: &mut Value, remap: &HashMap<(Kind, Id), Id>) -> bool {
    let mut changed = false;
    for r in kind_tables::references(kind) {
        let segs: Vec<&str> = r.path.split('.').collect();
        changed |= remap_at(fields, &segs, r.to, remap);
    }
    changed
}

fn remap_at(v: &mut Value, segs: &[&str], to: Kind, remap: &HashMap<(Kind, Id), Id>) -> bool {
    let Some((first, rest)) = segs.split_first() else {
        if let Value::String(s) = v
            && let Some(new) = remap.get(&(to, s.clone()))
        {
            *s = new.clone();
            return true;
        }
        return false;
    };
    let (name, many) = match first.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (*first, false),
    };
    match v.get_mut(name) {
        Some(Value::Array(items)) if many => {
            let mut c = false;
            for it in items {
                c |= remap_at(it, rest, to, remap);
            }
            c
        }
        Some(x) if !many => remap_at(x, rest, to, remap),
        _ => false,
    }
}

fn join_vv(a: &BTreeMap<Id, u64>, b: &BTreeMap<Id, u64>) -> BTreeMap<Id, u64> {
    let mut out = a.clone();
    for (k, v) in b {
        let e = out.entry(k.clone()).or_insert(0);
        *e = (*e).max(*v);
    }
    out
}

/// Union of two lists of entries, each kept once, in a stable order (by time, then content), so
/// both offices' history entries survive and A+B equals B+A.
fn union_list(a: &Value, b: &Value) -> Value {
    let mut all: Vec<Value> = Vec::new();
    let mut seen = HashSet::new();
    for v in a
        .as_array()
        .into_iter()
        .flatten()
        .chain(b.as_array().into_iter().flatten())
    {
        let key = super::snapshot::canonical(v);
        if seen.insert(key) {
            all.push(v.clone());
        }
    }
    all.sort_by_cached_key(|v| {
        let at = v
            .get("at")
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Timestamp>().ok());
        (at, super::snapshot::canonical(v))
    });
    Value::Array(all)
}

type RuleKey = (bool, u32, Timestamp, Id, String);

/// The deterministic order of two versions of a group (higher wins).
fn rule_key(
    ctx: &MergeCtx,
    side: Side,
    kind: Kind,
    group: &str,
    stamp: Option<&Stamp>,
    meta: &Meta,
    value: &Value,
) -> RuleKey {
    let v = super::snapshot::canonical(value);
    match stamp {
        Some(s) => (
            ctx.owns(kind, group, &s.author, side),
            s.rev,
            s.at,
            s.author.clone(),
            v,
        ),
        None => (true, 1, meta.created_at, String::new(), v),
    }
}

fn field_diffs(lv: &Value, iv: &Value) -> Vec<FieldDiff> {
    let mut keys: Vec<&String> = lv
        .as_object()
        .into_iter()
        .flat_map(|m| m.keys())
        .chain(iv.as_object().into_iter().flat_map(|m| m.keys()))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let l = lv.get(k).cloned().unwrap_or(Value::Null);
            let i = iv.get(k).cloned().unwrap_or(Value::Null);
            (l != i).then(|| FieldDiff {
                field: k.clone(),
                local: l,
                incoming: i,
            })
        })
        .collect()
}

/// Builds the review of `incoming` against `local` with the user's decisions applied.
pub fn plan(
    local: &Workspace,
    incoming: &Workspace,
    ctx: &MergeCtx,
    decisions: &Decisions,
) -> Plan {
    let incoming_records = incoming.records();
    let decision = |k: Kind, id: &str| decisions.get(&(k, id.to_string()));

    // 1. The same thing created twice: an incoming record unknown here whose natural key matches
    //    one of our live records is, unless the user adds it separately, taken as ours, and
    //    references to it are pointed at ours. Repeated because keys may contain remapped ids.
    //    Only done when the file has such records, so a large file of known records stays fast.
    let known: Vec<bool> = incoming_records
        .iter()
        .map(|r| local.has(r.kind(), &r.meta().id))
        .collect();
    let keyed_kinds: HashSet<Kind> = incoming_records
        .iter()
        .zip(&known)
        .filter(|(r, k)| {
            !**k && !r.meta().deleted && !kind_tables::natural_key(r.kind()).is_empty()
        })
        .map(|(r, _)| r.kind())
        .collect();
    let mut remap: HashMap<(Kind, Id), Id> = HashMap::new();
    let mut fields: Vec<Option<Value>> = vec![None; incoming_records.len()];
    if !keyed_kinds.is_empty() {
        let mut nk_index: HashMap<(Kind, String), Id> = HashMap::new();
        for k in &keyed_kinds {
            for rec in local.records_of(*k) {
                if rec.meta().deleted {
                    continue;
                }
                if let Some(key) = natural_key(*k, &rec.to_fields()) {
                    nk_index
                        .entry((*k, key))
                        .or_insert_with(|| rec.meta().id.clone());
                }
            }
        }
        for (f, rec) in fields.iter_mut().zip(&incoming_records) {
            *f = Some(rec.to_fields());
        }
        for _ in 0..4 {
            let mut grew = false;
            for ((rec, f), k) in incoming_records.iter().zip(fields.iter_mut()).zip(&known) {
                let Some(f) = f else { continue };
                let (kind, id) = (rec.kind(), rec.meta().id.clone());
                if !remap.is_empty() {
                    remap_refs(kind, f, &remap);
                }
                if *k
                    || rec.meta().deleted
                    || !keyed_kinds.contains(&kind)
                    || remap.contains_key(&(kind, id.clone()))
                    || decision(kind, &id).and_then(|d| d.accept) == Some(true)
                {
                    continue;
                }
                if let Some(local_id) =
                    natural_key(kind, f).and_then(|key| nk_index.get(&(kind, key)))
                {
                    remap.insert((kind, id), local_id.clone());
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        if !remap.is_empty() {
            for (rec, f) in incoming_records.iter().zip(fields.iter_mut()) {
                if let Some(f) = f {
                    remap_refs(rec.kind(), f, &remap);
                }
            }
        }
    }

    // 2. Classify each incoming record.
    let mut plan = Plan::default();
    for ((rec, f), is_known) in incoming_records.into_iter().zip(fields).zip(known) {
        let kind = rec.kind();
        let id = rec.meta().id.clone();
        let local_rec = if is_known { local.get(kind, &id) } else { None };
        // Fast path: the same version as ours.
        if remap.is_empty()
            && let Some(l) = &local_rec
            && *l == rec
        {
            *plan.unchanged.entry(kind).or_insert(0) += 1;
            continue;
        }
        let f = f.unwrap_or_else(|| rec.to_fields());
        let inc = if !remap.is_empty() && f != rec.to_fields() {
            Record::from_fields(kind, rec.meta().clone(), f.clone()).unwrap_or(rec)
        } else {
            rec
        };
        let dec = decision(kind, &id);
        if let Some(local_id) = remap.get(&(kind, id.clone())) {
            let groups = local
                .get(kind, local_id)
                .map(|l| {
                    let lf = l.to_fields();
                    let d = field_diffs(&lf, &f);
                    if d.is_empty() {
                        Vec::new()
                    } else {
                        let (_, zh, en) = group_info(kind, MAIN);
                        vec![GroupDiff {
                            code: MAIN,
                            zh,
                            en,
                            state: GroupState::Conflict,
                            owned: true,
                            default_side: Side::Local,
                            local_author: Some(l.meta().updated_by.clone()),
                            incoming_author: Some(inc.meta().updated_by.clone()),
                            fields: d,
                        }]
                    }
                })
                .unwrap_or_default();
            plan.items.push(Item {
                kind,
                id: id.clone(),
                label: incoming.label_of(kind, &id),
                class: Class::Duplicate,
                groups,
                duplicate_of: Some(local_id.clone()),
                incoming_by: inc.meta().updated_by.clone(),
                accepted: false,
                refused: None,
                result: None,
            });
            continue;
        }
        let item = match local_rec {
            None => {
                let class = if inc.meta().deleted {
                    Class::Deleted
                } else {
                    Class::New
                };
                Some(Item {
                    kind,
                    label: incoming.label_of(kind, &id),
                    id,
                    class,
                    groups: Vec::new(),
                    duplicate_of: None,
                    incoming_by: inc.meta().updated_by.clone(),
                    accepted: dec.and_then(|d| d.accept).unwrap_or(true),
                    refused: None,
                    result: Some(inc),
                })
            }
            Some(l) => classify(&l, &inc, &f, ctx, dec, local),
        };
        match item {
            Some(it) => plan.items.push(it),
            None => *plan.unchanged.entry(kind).or_insert(0) += 1,
        }
    }

    // 3. Reference integrity: a record whose reference would dangle is refused, and so is a
    //    deletion that our live records still refer to; repeated until nothing more is refused,
    //    so that records depending on a refused record are refused too.
    check_references(local, incoming, &mut plan);
    plan
}

fn classify(
    l: &Record,
    i: &Record,
    if_: &Value,
    ctx: &MergeCtx,
    dec: Option<&Decision>,
    local: &Workspace,
) -> Option<Item> {
    let kind = l.kind();
    let (lm, im) = (l.meta(), i.meta());
    let lf = l.to_fields();
    let make = |class: Class, groups: Vec<GroupDiff>, result: Option<Record>| Item {
        kind,
        id: lm.id.clone(),
        label: local.label_of(kind, &lm.id),
        class,
        groups,
        duplicate_of: None,
        incoming_by: im.updated_by.clone(),
        accepted: dec.and_then(|d| d.accept).unwrap_or(true),
        refused: None,
        result,
    };
    // The tombstone flag is decided on its own; the fields merge as for any record (also into a
    // tombstone, so nothing either side wrote is lost and the order of imports does not matter).
    let deleted = match (lm.deleted, im.deleted) {
        (false, false) => false,
        (true, true) => true,
        // A tombstone wins unless we undeleted after seeing it.
        (false, true) => {
            !(lm.groups.contains_key(DELETED)
                && im.groups.get(DELETED).is_none_or(|s| lm.has_seen(s)))
        }
        // An older live copy never revives our tombstone; an undelete by an office that had seen
        // the deletion does.
        (true, false) => !match (lm.groups.get(DELETED), im.groups.get(DELETED)) {
            (Some(ours), Some(theirs)) => im.has_seen(ours) && !lm.has_seen(theirs),
            _ => false,
        },
    };
    let deleted_stamp = if deleted != lm.deleted {
        im.groups.get(DELETED).cloned()
    } else {
        None
    };
    if lf == *if_ && deleted == lm.deleted {
        return None;
    }
    let mut groups = Vec::new();
    for g in group_codes(kind) {
        let lv = group_value(kind, g, &lf);
        let iv = group_value(kind, g, if_);
        if lv == iv {
            continue;
        }
        let (ls, is) = (lm.groups.get(g), im.groups.get(g));
        let state = match (ls, is) {
            (Some(_), None) => continue,
            (None, Some(_)) => GroupState::Incoming,
            (None, None) => GroupState::Conflict,
            (Some(a), Some(b)) => match (lm.has_seen(b), im.has_seen(a)) {
                (true, false) => continue,
                (false, true) => GroupState::Incoming,
                _ => GroupState::Conflict,
            },
        };
        let incoming_author = is.map_or_else(|| im.updated_by.clone(), |s| s.author.clone());
        let owned = ctx.owns(kind, g, &incoming_author, Side::Incoming);
        let default_side = match state {
            GroupState::Incoming if owned => Side::Incoming,
            GroupState::Incoming => Side::Local,
            GroupState::Conflict => {
                let ours = rule_key(ctx, Side::Local, kind, g, ls, lm, &lv);
                let theirs = rule_key(ctx, Side::Incoming, kind, g, is, im, &iv);
                if theirs > ours {
                    Side::Incoming
                } else {
                    Side::Local
                }
            }
        };
        let (_, zh, en) = group_info(kind, g);
        groups.push(GroupDiff {
            code: g,
            zh,
            en,
            state,
            owned,
            default_side,
            local_author: Some(ls.map_or_else(|| lm.updated_by.clone(), |s| s.author.clone())),
            incoming_author: Some(incoming_author),
            fields: field_diffs(&lv, &iv),
        });
    }
    let mut unions = Vec::new();
    for f in kind_tables::union_fields(kind) {
        let lv = lf.get(*f).cloned().unwrap_or(Value::Null);
        let iv = if_.get(*f).cloned().unwrap_or(Value::Null);
        let u = union_list(&lv, &iv);
        if u != lv && !(lv.is_null() && u.as_array().is_some_and(Vec::is_empty)) {
            unions.push((*f, u));
        }
    }
    if groups.is_empty() && unions.is_empty() && deleted == lm.deleted {
        return None;
    }
    let class = if deleted && !lm.deleted {
        Class::Deleted
    } else if groups.iter().any(|g| g.state == GroupState::Conflict) {
        Class::Conflict
    } else if groups.iter().any(|g| !g.owned) {
        Class::Rejected
    } else {
        Class::Changed
    };
    let sides = dec.map(|d| d.sides.clone()).unwrap_or_default();
    let result = build_result(
        l,
        i,
        if_,
        &groups,
        &unions,
        &sides,
        ctx,
        (deleted, deleted_stamp),
    );
    let mut item = make(class, groups, Some(result));
    // History entries that only add to ours are shown as a group of their own.
    for (f, u) in unions {
        let (_, zh, en) = group_info(kind, f);
        item.groups.push(GroupDiff {
            code: "history",
            zh,
            en,
            state: GroupState::Incoming,
            owned: true,
            default_side: Side::Incoming,
            local_author: None,
            incoming_author: None,
            fields: vec![FieldDiff {
                field: f.to_string(),
                local: lf.get(f).cloned().unwrap_or(Value::Null),
                incoming: u,
            }],
        });
    }
    Some(item)
}

#[allow(clippy::too_many_arguments)]
fn build_result(
    l: &Record,
    i: &Record,
    if_: &Value,
    groups: &[GroupDiff],
    unions: &[(&str, Value)],
    sides: &BTreeMap<String, Side>,
    ctx: &MergeCtx,
    (deleted, deleted_stamp): (bool, Option<Stamp>),
) -> Record {
    let kind = l.kind();
    let (lm, im) = (l.meta(), i.meta());
    let mut fields = l.to_fields();
    let mut meta = lm.clone();
    meta.vv = join_vv(&lm.vv, &im.vv);
    let mut kept = Vec::new();
    let mut took = false;
    for g in groups {
        let side = sides.get(g.code).copied().unwrap_or(g.default_side);
        match side {
            Side::Incoming => {
                took = true;
                let iv = group_value(kind, g.code, if_);
                if let (Some(obj), Some(src)) = (fields.as_object_mut(), iv.as_object()) {
                    for f in &g.fields {
                        match src.get(&f.field) {
                            Some(v) => obj.insert(f.field.clone(), v.clone()),
                            None => obj.remove(&f.field),
                        };
                    }
                }
                match im.groups.get(g.code) {
                    Some(s) => meta.groups.insert(g.code.to_string(), s.clone()),
                    None => meta.groups.remove(g.code),
                };
            }
            Side::Local => kept.push(g.code),
        }
    }
    for (f, u) in unions {
        if let Some(obj) = fields.as_object_mut() {
            obj.insert((*f).to_string(), u.clone());
        }
    }
    if deleted != lm.deleted {
        meta.deleted = deleted;
        if let Some(s) = deleted_stamp {
            meta.groups.insert(DELETED.into(), s);
        }
        took = true;
    }
    meta.rev = lm.rev.max(im.rev);
    if took {
        meta.updated_at = im.updated_at.max(lm.updated_at);
        meta.updated_by = im.updated_by.clone();
    }
    // Keeping our version of a group the other side changed is a decision of ours: a new change
    // (with the kept version's origin), so the other office takes it on its next merge instead of
    // both sides keeping their own silently.
    if !kept.is_empty() {
        let ms = u64::try_from(ctx.now.timestamp_millis()).unwrap_or(0);
        let n = ms.max(meta.vv.get(&ctx.me.id).map_or(0, |v| v + 1));
        meta.vv.insert(ctx.me.id.clone(), n);
        for g in kept {
            let origin = lm.groups.get(g).cloned();
            let stamp = match origin {
                Some(o) => Stamp {
                    by: ctx.me.id.clone(),
                    n,
                    ..o
                },
                None => Stamp {
                    by: ctx.me.id.clone(),
                    n,
                    author: String::new(),
                    rev: 1,
                    at: lm.created_at,
                },
            };
            meta.groups.insert(g.to_string(), stamp);
        }
        meta.rev += 1;
    }
    Record::from_fields(kind, meta.clone(), fields).unwrap_or_else(|_| {
        let mut r = l.clone();
        *r.meta_mut() = meta;
        r
    })
}

fn check_references(local: &Workspace, incoming: &Workspace, plan: &mut Plan) {
    // Our live records' references, by target: only needed (and built once) when the file
    // deletes records that are live here.
    let deletes_live = plan.items.iter().any(|it| {
        it.applies()
            && it.result.as_ref().is_some_and(|r| r.meta().deleted)
            && local.is_live(it.kind, &it.id)
    });
    let mut referrers: HashMap<(Kind, String), Vec<(Kind, Id)>> = HashMap::new();
    if deletes_live {
        for rec in local.records() {
            if rec.meta().deleted {
                continue;
            }
            let f = rec.to_fields();
            for r in kind_tables::references(rec.kind()) {
                for t in ref_ids(&f, r.path) {
                    referrers
                        .entry((r.to, t.to_string()))
                        .or_default()
                        .push((rec.kind(), rec.meta().id.clone()));
                }
            }
        }
    }
    loop {
        let finals: HashMap<(Kind, Id), usize> = plan
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.applies())
            .map(|(n, it)| ((it.kind, it.id.clone()), n))
            .collect();
        let live_after = |k: Kind, id: &str| -> bool {
            match finals.get(&(k, id.to_string())) {
                Some(n) => plan.items[*n]
                    .result
                    .as_ref()
                    .is_some_and(|r| !r.meta().deleted),
                None => local.is_live(k, id),
            }
        };
        let label = |k: Kind, id: &str| {
            if local.has(k, id) {
                local.label_of(k, id)
            } else {
                incoming.label_of(k, id)
            }
        };
        let mut refusals: Vec<(usize, Text)> = Vec::new();
        for (n, it) in plan.items.iter().enumerate() {
            if !it.applies() {
                continue;
            }
            let Some(res) = &it.result else { continue };
            if !res.meta().deleted {
                let f = res.to_fields();
                'refs: for r in kind_tables::references(it.kind) {
                    for t in ref_ids(&f, r.path) {
                        if !live_after(r.to, t) {
                            let name = label(r.to, t);
                            let pending = plan
                                .items
                                .iter()
                                .any(|o| o.kind == r.to && o.id == t && !o.applies());
                            refusals.push((
                                n,
                                if pending {
                                    Text::new(
                                        format!("它引用的{}“{name}”未被接受或被拒，因此不能合并", r.to.zh()),
                                        format!(
                                            "It refers to {} “{name}”, which was not accepted or was refused, so it cannot be merged",
                                            r.to.en().to_lowercase()
                                        ),
                                    )
                                } else {
                                    Text::new(
                                        format!("它引用的{}“{name}”在本机不存在或已删除，合并后会成为悬空引用", r.to.zh()),
                                        format!(
                                            "It refers to {} “{name}”, which does not exist here or was deleted; merging it would leave a dangling reference",
                                            r.to.en().to_lowercase()
                                        ),
                                    )
                                },
                            ));
                            break 'refs;
                        }
                    }
                }
            } else if local.is_live(it.kind, &it.id) {
                let still: Vec<String> = referrers
                    .get(&(it.kind, it.id.clone()))
                    .into_iter()
                    .flatten()
                    .filter(|(k, id)| live_after(*k, id))
                    .filter(|(k, id)| {
                        // A referrer changed by this merge is judged by its new fields.
                        match finals.get(&(*k, id.clone())) {
                            Some(m) => plan.items[*m].result.as_ref().is_some_and(|r| {
                                let f = r.to_fields();
                                kind_tables::references(*k).iter().any(|rf| {
                                    rf.to == it.kind
                                        && ref_ids(&f, rf.path).contains(&it.id.as_str())
                                })
                            }),
                            None => true,
                        }
                    })
                    .map(|(k, id)| format!("{}“{}”", k.zh(), local.label_of(*k, id)))
                    .collect();
                if !still.is_empty() {
                    let names = still.join("、");
                    refusals.push((
                        n,
                        Text::new(
                            format!("本机仍有记录引用它（{names}），不能删除"),
                            format!(
                                "Records here still refer to it ({names}); it cannot be deleted"
                            ),
                        ),
                    ));
                }
            }
        }
        if refusals.is_empty() {
            break;
        }
        for (n, why) in refusals {
            plan.items[n].refused = Some(why);
        }
    }
}

/// A readable label for a field name (common fields; others show their JSON name).
pub fn field_label(field: &str) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "name" => ("名称", "Name"),
        "name_zh" => ("中文名称", "Chinese name"),
        "name_en" => ("英文名称", "English name"),
        "short_code" => ("简码", "Short code"),
        "kind" => ("类型", "Kind"),
        "status" => ("状态", "Status"),
        "county_id" => ("所属县区", "County"),
        "park_id" => ("园区", "Park"),
        "township_id" => ("乡镇", "Township"),
        "planning_area_km2" => ("规划面积（km²）", "Planning area (km²)"),
        "area_km2" => ("面积（km²）", "Area (km²)"),
        "population" => ("人口", "Population"),
        "lifecycle" => ("办理状态", "Lifecycle"),
        "reception" => ("承接状态", "Reception"),
        "verdict" => ("督查结论", "Verdict"),
        "approved_on" => ("批准日期", "Approved on"),
        "handover_by_source_on" => ("部门交接日期", "Handed over by source on"),
        "handover_by_park_on" => ("园区接收日期", "Received by park on"),
        "cases" => ("办件量", "Case volumes"),
        "history" => ("状态变更记录", "Status history"),
        "item_code" => ("事项编码", "Item code"),
        "power_item_id" => ("权力事项", "Power item"),
        "title" => ("标题", "Title"),
        "period" => ("期间", "Period"),
        "scope" => ("托管范围", "Scope"),
        "holder" => ("任职人", "Holder"),
        "need" => ("实际需要", "Need"),
        "capacity" => ("承接能力评估", "Capacity"),
        "delegated_links" => ("下放环节", "Delegated links"),
        "retained_links" => ("保留环节", "Retained links"),
        "added_preconditions" => ("附加条件", "Added preconditions"),
        "pilot" => ("试点", "Pilot"),
        "body_limit" => ("机构限额", "Body limit"),
        _ => return None,
    })
}

/// A short readable form of a field value: ids of referenced records become their labels,
/// enum codes their labels, absent values a dash.
pub fn display_value(
    ws: &Workspace,
    kind: Kind,
    field: &str,
    v: &Value,
    lang: super::text::Lang,
) -> String {
    use super::delegation::{Lifecycle, Reception, Verdict};
    use super::text::Lang;
    match v {
        Value::Null => "—".into(),
        Value::Bool(b) => match (b, lang) {
            (true, Lang::Zh) => "是".into(),
            (false, Lang::Zh) => "否".into(),
            (true, _) => "yes".into(),
            (false, _) => "no".into(),
        },
        Value::String(s) => {
            if let Some(r) = kind_tables::references(kind)
                .iter()
                .find(|r| r.path == field)
                && ws.get(r.to, s).is_some()
            {
                return ws.label_of(r.to, s);
            }
            let coded = match field {
                "lifecycle" => Lifecycle::from_code(s).map(|x| x.label(lang)),
                "reception" => Reception::from_code(s).map(|x| x.label(lang)),
                "verdict" => Verdict::from_code(s).map(|x| x.label(lang)),
                _ => None,
            };
            coded.map_or_else(|| s.clone(), str::to_string)
        }
        Value::Array(items) if field == "history" => match lang {
            Lang::Zh => format!("{} 条", items.len()),
            _ => format!("{} entries", items.len()),
        },
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("、"),
        other => super::snapshot::canonical(other),
    }
}

/// Adds the offices of an incoming file to the directory (by id). A known office takes the
/// file's name, park and org, never its role: the role decides field ownership (BR-F4), so a file
/// could otherwise grant itself rights. Returns the roles the file claimed and that were not
/// taken, for the local user to decide on ([`set_role`]).
pub fn merge_directory(dir: &mut Vec<Office>, incoming: &[Office]) -> Vec<RoleClaim> {
    let mut claims = Vec::new();
    for o in incoming {
        match dir.iter_mut().find(|d| d.id == o.id) {
            Some(d) => {
                if d.role != o.role && !claims.iter().any(|c: &RoleClaim| c.office == o.id) {
                    claims.push(RoleClaim {
                        office: o.id.clone(),
                        known: d.role,
                        claimed: o.role,
                    });
                }
                let role = d.role;
                *d = o.clone();
                d.role = role;
            }
            None => dir.push(o.clone()),
        }
    }
    claims
}

/// [`merge_directory`] with a file's office list and its sender (usually also in that list):
/// one claim per office.
pub fn merge_file_offices(
    dir: &mut Vec<Office>,
    offices: &[Office],
    sender: &Office,
) -> Vec<RoleClaim> {
    let mut claims = merge_directory(dir, offices);
    for c in merge_directory(dir, std::slice::from_ref(sender)) {
        if !claims.iter().any(|x| x.office == c.office) {
            claims.push(c);
        }
    }
    claims
}

/// A role a file states for an office this copy already knows with another role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleClaim {
    pub office: Id,
    pub known: Role,
    pub claimed: Role,
}

/// This copy's own office (or one the local user edited) put into the directory as it is.
pub fn put_office(dir: &mut Vec<Office>, office: &Office) {
    match dir.iter_mut().find(|d| d.id == office.id) {
        Some(d) => *d = office.clone(),
        None => dir.push(office.clone()),
    }
}

/// The local user's decision to change a known office's role.
pub fn set_role(dir: &mut [Office], office: &str, role: Role) -> bool {
    match dir.iter_mut().find(|d| d.id == office) {
        Some(d) => {
            d.role = role;
            true
        }
        None => false,
    }
}

/// The name of an office id, from the directory.
pub fn office_name(dir: &[Office], id: &str) -> String {
    if id == super::sample::SAMPLE_OFFICE_ID {
        return "示例数据".into();
    }
    dir.iter()
        .find(|o| o.id == id)
        .map_or_else(|| id.to_string(), |o| o.name.clone())
}
