//! Partial exports: one park (or any record, e.g. an inspection campaign) with everything that
//! belongs to it, or one area. Either way every record the export contains brings what it refers
//! to, so the file is complete by itself. Tombstones inside the scope are included so deletions
//! travel; a partial file never implies deleting what it does not contain (see `merge.rs`).

use std::collections::{HashMap, HashSet, VecDeque};

use super::kind_tables::{Area, area_kinds, non_owning_refs, ref_ids, references};
use super::meta::Id;
use super::workspace::{Kind, Record, Workspace};

fn index(ws: &Workspace) -> (Vec<Record>, HashMap<(Kind, Id), usize>) {
    let recs = ws.records();
    let by_id = recs
        .iter()
        .enumerate()
        .map(|(n, r)| ((r.kind(), r.meta().id.clone()), n))
        .collect();
    (recs, by_id)
}

/// Adds, transitively, every record the selected ones refer to.
fn close_up(recs: &[Record], by_id: &HashMap<(Kind, Id), usize>, picked: &mut HashSet<usize>) {
    let mut queue: VecDeque<usize> = picked.iter().copied().collect();
    while let Some(n) = queue.pop_front() {
        let f = recs[n].to_fields();
        for r in references(recs[n].kind()) {
            for t in ref_ids(&f, r.path) {
                if let Some(m) = by_id.get(&(r.to, t.to_string()))
                    && picked.insert(*m)
                {
                    queue.push_back(*m);
                }
            }
        }
    }
}

fn build(recs: Vec<Record>, picked: &HashSet<usize>) -> Workspace {
    let mut out = Workspace::default();
    for (n, r) in recs.into_iter().enumerate() {
        if picked.contains(&n) {
            out.put(r);
        }
    }
    out
}

/// The record `(kind, id)`, every record that refers to it or to one of those (transitively,
/// through references of belonging: see [`non_owning_refs`]), and what they all refer to. For a park: its townships, entrustments, committees, delegations,
/// institutions (and, from issue #6 on, the checks of its delegations), plus the counties, power
/// items and departments they name.
pub fn around(ws: &Workspace, kind: Kind, id: &str) -> Workspace {
    let (recs, by_id) = index(ws);
    let mut referrers: HashMap<(Kind, Id), Vec<usize>> = HashMap::new();
    for (n, rec) in recs.iter().enumerate() {
        let f = rec.to_fields();
        let skip = non_owning_refs(rec.kind());
        for r in references(rec.kind())
            .iter()
            .filter(|r| !skip.contains(&r.path))
        {
            for t in ref_ids(&f, r.path) {
                referrers.entry((r.to, t.to_string())).or_default().push(n);
            }
        }
    }
    let mut picked = HashSet::new();
    let Some(root) = by_id.get(&(kind, id.to_string())) else {
        return Workspace::default();
    };
    picked.insert(*root);
    let mut queue = VecDeque::from([*root]);
    while let Some(n) = queue.pop_front() {
        let key = (recs[n].kind(), recs[n].meta().id.clone());
        for m in referrers.get(&key).into_iter().flatten() {
            if picked.insert(*m) {
                queue.push_back(*m);
            }
        }
    }
    close_up(&recs, &by_id, &mut picked);
    build(recs, &picked)
}

/// Every record of the area's kinds, and what they refer to.
pub fn area(ws: &Workspace, area: Area) -> Workspace {
    let (recs, by_id) = index(ws);
    let kinds = area_kinds(area);
    let mut picked: HashSet<usize> = recs
        .iter()
        .enumerate()
        .filter(|(_, r)| kinds.contains(&r.kind()))
        .map(|(n, _)| n)
        .collect();
    close_up(&recs, &by_id, &mut picked);
    build(recs, &picked)
}
