//! Staffing metrics of shared/domain.md §6.3 for an as-of date and a scope (one park's system or
//! all parks): the ledger by unit and type with park-system totals in both 口径, the sharing
//! ratio, the secondment list, leadership-post usage, 职数节约 and the 大部制 indices.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::meta::Id;
use super::metrics::{Ratio, Scope};
use super::org::ParkSystems;
use super::person::PersonStatus;
use super::staffing::{Cell, Ledger, PostRank, QuotaType, View, leadership_approved_on};
use super::workspace::{Kind, Workspace};

fn in_scope(scope: &Scope, park: Option<&Id>) -> bool {
    match (scope, park) {
        (_, None) => false,
        (Scope::City, Some(_)) => true,
        (Scope::Park(p), Some(q)) => p == q,
    }
}

/// One line of the ledger: a unit of a park system and a quota type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerRow {
    pub org_id: Id,
    pub park_id: Id,
    /// The township, for a township body.
    pub township_id: Option<Id>,
    pub quota_type: QuotaType,
    pub cell: Cell,
}

/// The ledger of the park systems in scope on `d`, in one view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SystemLedger {
    pub rows: Vec<LedgerRow>,
    /// Park-system totals by type.
    pub totals: BTreeMap<QuotaType, Cell>,
    /// People without a quota seat working in the system (使用口径 only).
    pub non_quota: u32,
}

impl SystemLedger {
    pub fn total(&self) -> Cell {
        let mut c = Cell::default();
        for t in self.totals.values() {
            c.add(*t);
        }
        c
    }
}

/// The ledger in scope, ordered park by park: the park's own bodies, then each township's.
pub fn system_ledger(ws: &Workspace, d: NaiveDate, scope: &Scope, view: View) -> SystemLedger {
    let systems = ParkSystems::on(ws, d);
    let ledger = Ledger::build(ws, d, view);
    let mut rows: Vec<LedgerRow> = Vec::new();
    let mut totals: BTreeMap<QuotaType, Cell> = BTreeMap::new();
    for ((org, t), cell) in &ledger.cells {
        let park = systems.park_of(org);
        if !in_scope(scope, park) {
            continue;
        }
        let Some(o) = ws.org_units.live(org) else {
            continue;
        };
        let park = park.cloned().unwrap_or_default();
        rows.push(LedgerRow {
            org_id: org.clone(),
            park_id: park,
            township_id: o
                .data
                .kind
                .is_township_body()
                .then(|| o.data.township_id.clone())
                .flatten(),
            quota_type: *t,
            cell: *cell,
        });
        totals.entry(*t).or_default().add(*cell);
    }
    let order = |r: &LedgerRow| {
        (
            ws.label_of(Kind::Park, &r.park_id),
            r.township_id
                .as_ref()
                .map(|t| ws.label_of(Kind::Township, t)),
            ws.label_of(Kind::OrgUnit, &r.org_id),
            r.quota_type,
        )
    };
    rows.sort_by_cached_key(order);
    let non_quota = ledger.non_quota_total(|o| in_scope(scope, systems.park_of(o)));
    SystemLedger {
        rows,
        totals,
        non_quota,
    }
}

/// 编制共享度 | Of the people holding a seat in the system (and keeping it on `d`), the share
/// who work in another unit of the same system.
pub fn sharing_ratio(ws: &Workspace, d: NaiveDate, scope: &Scope) -> Ratio {
    let systems = ParkSystems::on(ws, d);
    let (mut num, mut den) = (0, 0);
    for p in ws.persons.iter_live() {
        let Some(pl) = p.data.placement_on(d) else {
            continue;
        };
        let Some(seat) = &pl.seat else { continue };
        if !pl.status.keeps_seat() {
            continue;
        }
        let park = systems.park_of(&seat.org_id);
        if !in_scope(scope, park) {
            continue;
        }
        den += 1;
        if let Some(w) = &pl.work_org_id
            && w != &seat.org_id
            && systems.park_of(w) == park
        {
            num += 1;
        }
    }
    Ratio { num, den }
}

/// One line of the secondment list (BR-C3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secondment {
    pub person_id: Id,
    pub seat_org_id: Option<Id>,
    pub work_org_id: Option<Id>,
    pub status: PersonStatus,
    /// Marked 借调 as it should be (false: crosses the system boundary without the mark).
    pub marked: bool,
}

/// People seconded out of or into the systems in scope on `d`, and those whose seat and work
/// unit lie in different systems without being marked 借调.
pub fn secondments(ws: &Workspace, d: NaiveDate, scope: &Scope) -> Vec<Secondment> {
    let systems = ParkSystems::on(ws, d);
    let mut out = Vec::new();
    for p in ws.persons.iter_live() {
        let Some(pl) = p.data.placement_on(d) else {
            continue;
        };
        if !pl.status.on_roster() {
            continue;
        }
        let seat_org = pl.seat.as_ref().map(|s| &s.org_id);
        let (s, w) = (
            seat_org.and_then(|o| systems.park_of(o)),
            pl.work_org_id.as_ref().and_then(|o| systems.park_of(o)),
        );
        if !(in_scope(scope, s) || in_scope(scope, w)) {
            continue;
        }
        let marked = matches!(
            pl.status,
            PersonStatus::SecondedOut | PersonStatus::SecondedIn
        );
        let crosses = seat_org.is_some()
            && pl.work_org_id.is_some()
            && seat_org != pl.work_org_id.as_ref()
            && s != w;
        if marked || crosses {
            out.push(Secondment {
                person_id: p.meta.id.clone(),
                seat_org_id: seat_org.cloned(),
                work_org_id: pl.work_org_id.clone(),
                status: pl.status,
                marked,
            });
        }
    }
    out
}

/// One line of leadership-post usage: approved and serving per unit, rank and principal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadershipRow {
    pub org_id: Id,
    pub rank: PostRank,
    pub principal: bool,
    pub approved: u32,
    pub used: u32,
}

impl LeadershipRow {
    /// 空缺职数
    pub fn vacant(&self) -> u32 {
        self.approved.saturating_sub(self.used)
    }
    /// 超职数
    pub fn over(&self) -> u32 {
        self.used.saturating_sub(self.approved)
    }
}

/// L(u, r, p) on `d`: serving appointments that count against the quota, beside the approved
/// number (§6.3), for the units of the systems in scope.
pub fn leadership_usage(ws: &Workspace, d: NaiveDate, scope: &Scope) -> Vec<LeadershipRow> {
    let systems = ParkSystems::on(ws, d);
    let mut rows: BTreeMap<(Id, PostRank, bool), (u32, u32)> = BTreeMap::new();
    for ((org, rank, principal), a) in leadership_approved_on(ws, d) {
        rows.entry((org, rank, principal)).or_default().0 = a;
    }
    for a in ws.appointments.iter_live() {
        if !(a.data.in_office_on(d) && a.data.counts_against_quota) {
            continue;
        }
        let Some(post) = ws.posts.live(&a.data.post_id) else {
            continue;
        };
        if post.data.is_leadership {
            rows.entry((
                post.data.org_id.clone(),
                post.data.rank,
                post.data.is_principal,
            ))
            .or_default()
            .1 += 1;
        }
    }
    let mut out: Vec<LeadershipRow> = rows
        .into_iter()
        .filter(|((org, _, _), _)| {
            ws.org_units.live(org).is_some() && in_scope(scope, systems.park_of(org))
        })
        .map(
            |((org_id, rank, principal), (approved, used))| LeadershipRow {
                org_id,
                rank,
                principal,
                approved,
                used,
            },
        )
        .collect();
    out.sort_by_cached_key(|r| (ws.label_of(Kind::OrgUnit, &r.org_id), r.rank, !r.principal));
    out
}

/// 职数节约 | Leadership positions filled versus the people filling them in the systems in
/// scope on `d`: each concurrent holding saves one position's person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PostSaving {
    /// Leadership positions held (serving appointments to leadership posts).
    pub filled: usize,
    /// Distinct persons holding them.
    pub persons: usize,
}

impl PostSaving {
    pub fn saving(self) -> usize {
        self.filled.saturating_sub(self.persons)
    }
}

pub fn post_saving(ws: &Workspace, d: NaiveDate, scope: &Scope) -> PostSaving {
    let systems = ParkSystems::on(ws, d);
    let mut filled = 0;
    let mut persons: BTreeSet<&str> = BTreeSet::new();
    for a in ws.appointments.iter_live() {
        if !a.data.in_office_on(d) {
            continue;
        }
        let Some(post) = ws.posts.live(&a.data.post_id) else {
            continue;
        };
        if post.data.is_leadership && in_scope(scope, systems.park_of(&post.data.org_id)) {
            filled += 1;
            persons.insert(a.data.person_id.as_str());
        }
    }
    PostSaving {
        filled,
        persons: persons.len(),
    }
}

/// 大部制 indices of one park: active bodies (internal bodies and the unified enforcement body)
/// against the limit, breadth Σ|domains| / N, and counterpart coverage — distinct departments
/// covered / N ("one body covers x departments").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyIndices {
    pub bodies: usize,
    pub limit: Option<u8>,
    pub breadth: Ratio,
    pub counterparts: Ratio,
}

pub fn body_indices(ws: &Workspace, park_id: &str) -> BodyIndices {
    let bodies: Vec<_> = ws
        .org_units
        .iter_live()
        .filter(|o| {
            o.data.kind.is_committee_body()
                && o.data.is_active()
                && o.data.park_id.as_deref() == Some(park_id)
        })
        .collect();
    let n = bodies.len();
    let domains: usize = bodies
        .iter()
        .map(|b| b.data.domains.iter().collect::<BTreeSet<_>>().len())
        .sum();
    let depts: BTreeSet<&String> = bodies
        .iter()
        .flat_map(|b| b.data.counterpart_dept_ids.iter())
        .collect();
    BodyIndices {
        bodies: n,
        limit: ws.parks.live(park_id).and_then(|p| p.data.body_limit),
        breadth: Ratio {
            num: domains,
            den: n,
        },
        counterparts: Ratio {
            num: depts.len(),
            den: n,
        },
    }
}
