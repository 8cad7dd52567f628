//! Record metadata carried by every entity (shared/domain.md §3), periods and document references.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;

/// Stable record id: a ULID, unique across offices without coordination.
pub type Id = String;
pub type Timestamp = DateTime<Utc>;

coded_enum! {
    /// 数据来源 | Where a record comes from. Sample records must be badged everywhere (BR-F1).
    pub enum Provenance {
        SourceReport => ("SOURCE_REPORT", "来源报告", "Source report"),
        Public => ("PUBLIC", "公开资料", "Public source"),
        Sample => ("SAMPLE", "示例", "Sample"),
        UserEntered => ("USER_ENTERED", "用户录入", "User entered"),
    }
}

coded_enum! {
    /// 角色 | Role of an office (shared/domain.md §4.H).
    pub enum Role {
        Bianban => ("BIANBAN", "编办", "Bianban"),
        Park => ("PARK", "园区管委会", "Park committee"),
        InspectionGroup => ("INSPECTION_GROUP", "督查组", "Inspection group"),
        Department => ("DEPARTMENT", "职能部门", "Department"),
        Visitor => ("VISITOR", "参观访客", "Visitor"),
    }
}

/// The browser copy that makes changes and exports snapshots (shared/domain.md §4.H). Its role
/// decides which field groups it owns when its changes are merged elsewhere (BR-F4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    pub id: Id,
    pub name: String,
    pub role: Role,
    /// 对应机构 | The OrgUnit this office is (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Id>,
    /// 所属园区 | The park of a park office (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub park_id: Option<Id>,
}

impl Office {
    pub fn new(id: impl Into<Id>, name: impl Into<String>, role: Role) -> Office {
        Office {
            id: id.into(),
            name: name.into(),
            role,
            org_id: None,
            park_id: None,
        }
    }
}

/// The change that last set one field group of a record (see `merge.rs`). `by`/`n` identify the
/// change for causality (has the other copy seen it?); `author`/`rev`/`at` are the version's
/// origin, used by the deterministic conflict rule. A merge that keeps a version re-stamps it
/// with a new `by`/`n` but keeps its origin, so the rule gives the same winner in any order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub by: Id,
    pub n: u64,
    pub author: Id,
    pub rev: u32,
    pub at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: Id,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Office id of the last change.
    pub updated_by: Id,
    /// Revision counter; every change increments it (merges compare it).
    pub rev: u32,
    /// Tombstone: deleted records stay so that deletions travel between offices.
    #[serde(default)]
    pub deleted: bool,
    pub provenance: Provenance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Version vector: per office, the newest of its changes this version includes. Empty for a
    /// record never changed since its creation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vv: BTreeMap<Id, u64>,
    /// Per field group (and `deleted`), the change that last set it; absent = as created.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, Stamp>,
}

impl Meta {
    pub fn new(id: Id, now: Timestamp, office: &Office, provenance: Provenance) -> Self {
        Meta {
            id,
            created_at: now,
            updated_at: now,
            updated_by: office.id.clone(),
            rev: 1,
            deleted: false,
            provenance,
            note: None,
            vv: BTreeMap::new(),
            groups: BTreeMap::new(),
        }
    }

    /// Marks one more change by `office` at `now` and returns its stamp, which the caller puts on
    /// the field groups the change touched. The change number is the time in milliseconds, kept
    /// above any number this office used on the record before, so it is never reused (not even
    /// after an undo of a merge restores an older version vector).
    pub fn touch(&mut self, now: Timestamp, office: &Office) -> Stamp {
        self.rev += 1;
        self.updated_at = now;
        self.updated_by = office.id.clone();
        let ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
        let n = ms.max(self.vv.get(&office.id).map_or(0, |v| v + 1));
        self.vv.insert(office.id.clone(), n);
        Stamp {
            by: office.id.clone(),
            n,
            author: office.id.clone(),
            rev: self.rev,
            at: now,
        }
    }

    /// Whether this version includes the change `s` identifies.
    pub fn has_seen(&self, s: &Stamp) -> bool {
        self.vv.get(&s.by).is_some_and(|n| *n >= s.n)
    }
}

/// 期间 | Validity period; `to` is inclusive and `None` means open-ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|to| d <= to)
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        let a_before_b = self.to.is_some_and(|to| to < other.from);
        let b_before_a = other.to.is_some_and(|to| to < self.from);
        !a_before_b && !b_before_a
    }

    pub fn is_well_formed(&self) -> bool {
        self.to.is_none_or(|to| self.from <= to)
    }
}

/// 文件依据 | Document reference (decision, agreement).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRef {
    #[serde(default)]
    pub doc_no: Option<String>,
    pub title: String,
    #[serde(default)]
    pub issued_on: Option<NaiveDate>,
}

/// Longest record id a file may carry (generated ids are 26-character ULIDs).
pub const ID_MAX_CHARS: usize = 128;

/// Why `id` cannot be a record id, if it cannot: ids key tables, name records in messages and
/// end up in file names and CSV cells, so they must be short, visible text.
pub fn id_problem(id: &str) -> Option<String> {
    let shown: String = id.chars().take(40).flat_map(char::escape_debug).collect();
    if super::text::blank(id) {
        Some("record id is empty / 记录编号为空".into())
    } else if id.chars().count() > ID_MAX_CHARS {
        Some(format!(
            "record id “{shown}…” is longer than {ID_MAX_CHARS} characters / 记录编号超过 {ID_MAX_CHARS} 个字符"
        ))
    } else if id
        .chars()
        .any(|c| c.is_control() || super::text::invisible(c))
    {
        Some(format!(
            "record id “{shown}” contains control or invisible characters / 记录编号含控制字符或不可见字符"
        ))
    } else {
        None
    }
}

/// Produces record ids. The browser edge feeds it randomness; tests use a counter.
pub trait IdSource {
    fn next_id(&mut self, now: Timestamp) -> Id;
}

/// ULIDs from a time and caller-supplied random bits.
pub fn ulid_from(now: Timestamp, random: u128) -> Id {
    let ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    ulid::Ulid::from_parts(ms, random).to_string()
}

/// Deterministic ids for tests and sample data: ULIDs with a counter as the random part.
#[derive(Debug, Default)]
pub struct SeqIds {
    pub next: u128,
    pub salt: u128,
}

impl IdSource for SeqIds {
    fn next_id(&mut self, now: Timestamp) -> Id {
        self.next += 1;
        ulid_from(now, (self.salt << 64) | self.next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_overlap_inclusively() {
        let a = Period {
            from: d("2012-01-01"),
            to: Some(d("2012-12-31")),
        };
        let b = Period {
            from: d("2012-12-31"),
            to: None,
        };
        let c = Period {
            from: d("2013-01-01"),
            to: None,
        };
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c));
        assert!(b.overlaps(&c));
        assert!(a.contains(d("2012-12-31")));
        assert!(!a.contains(d("2013-01-01")));
        assert!(
            !Period {
                from: d("2013-01-02"),
                to: Some(d("2013-01-01"))
            }
            .is_well_formed()
        );
    }

    #[test]
    fn ulids_are_sortable_and_distinct() {
        let now: Timestamp = "2026-11-25T00:00:00Z".parse().unwrap();
        let mut ids = SeqIds::default();
        let a = ids.next_id(now);
        let b = ids.next_id(now);
        assert_eq!(a.len(), 26);
        assert!(a < b);
    }
}
