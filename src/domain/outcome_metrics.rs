//! 成效指标 | Outcome KPIs of S7.4 (shared/domain.md §6.7) for an as-of date and a scope (city,
//! park or township), computed from the projects' dated milestones and tranches; and the
//! dashboard's scoped figures that other metrics do not give per park (delegation states,
//! 放权到位率 per campaign, rectification progress). Every function reads each table once.
//!
//! Decisions (not in the report; [D]):
//! - A project terminated after signing stays in the denominators of 资金到位率 / 开工率 / 投产率:
//!   a failed signing is not hidden by leaving it out of the base.
//! - 完工率 is over the infrastructure projects planned to be completed in the as-of date's year
//!   (`planned_completion_year`), completed by the as-of date.
//! - Annual investment completion is Σ investment completed in the as-of year up to the as-of
//!   date over Σ the plans of that year.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::delegation::DisplayStatus;
use super::delegation_metrics::{DelegationScope, rate_of};
use super::inspection::{self, CheckTarget};
use super::meta::Id;
use super::metrics::{Ratio, Scope};
use super::project::{ProjectData, ProjectKind};
use super::rectification::{Overdue, RectificationStatus};
use super::workspace::{Rec, Workspace};

/// Money over money, in fen. The denominator can be zero: then there is no rate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FenRatio {
    pub num: i64,
    pub den: i64,
}

impl FenRatio {
    pub fn percent(self) -> Option<f64> {
        (self.den > 0).then(|| 100.0 * self.num as f64 / self.den as f64)
    }
}

/// What the project KPIs are computed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectScope {
    City,
    Park(Id),
    Township(Id),
}

impl ProjectScope {
    pub fn includes(&self, p: &ProjectData) -> bool {
        match self {
            ProjectScope::City => true,
            ProjectScope::Park(id) => &p.park_id == id,
            ProjectScope::Township(t) => p.township_id.as_ref() == Some(t),
        }
    }
}

impl From<&Scope> for ProjectScope {
    fn from(s: &Scope) -> Self {
        match s {
            Scope::City => ProjectScope::City,
            Scope::Park(p) => ProjectScope::Park(p.clone()),
        }
    }
}

/// The outcome KPIs of one scope on one date (§6.7).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutcomeKpis {
    /// Projects known on the date (any kind).
    pub projects: usize,
    /// 签约项目数 | Signed investment/industrial projects by the date.
    pub signed: usize,
    /// 协议投资额 | Σ agreed investment of the signed projects, fen.
    pub agreed_fen: i64,
    /// 实际到位资金 | Σ funds in place by the date, fen.
    pub funds_fen: i64,
    /// 资金到位率 = funds in place / agreed investment (signed projects with an agreed amount).
    pub funds_rate: FenRatio,
    /// 开工率 = signed projects started / signed.
    pub start_rate: Ratio,
    /// 投产率 = signed projects in production / signed.
    pub production_rate: Ratio,
    /// 完工率 = infrastructure projects planned for the year completed by the date / planned.
    pub completion_rate: Ratio,
    /// 年度投资完成率 = investment completed in the year by the date / planned for the year.
    pub investment_completion: FenRatio,
}

fn in_scope<'a>(
    ws: &'a Workspace,
    as_of: NaiveDate,
    scope: &ProjectScope,
) -> impl Iterator<Item = &'a Rec<ProjectData>> {
    let scope = scope.clone();
    ws.projects.iter_live().filter(move |r| {
        scope.includes(&r.data)
            && r.data.exists_on(as_of)
            && ws.parks.live(&r.data.park_id).is_some()
    })
}

pub fn kpis(ws: &Workspace, as_of: NaiveDate, scope: &ProjectScope) -> OutcomeKpis {
    let mut k = OutcomeKpis::default();
    let year = as_of.year();
    for r in in_scope(ws, as_of, scope) {
        let p = &r.data;
        k.projects += 1;
        if p.kind.is_signed_kind() && p.signed_by(as_of) {
            k.signed += 1;
            k.start_rate.den += 1;
            k.production_rate.den += 1;
            if p.started_by(as_of) {
                k.start_rate.num += 1;
            }
            if p.producing_by(as_of) {
                k.production_rate.num += 1;
            }
            if let Some(agreed) = p.total_investment_fen {
                k.agreed_fen += agreed;
                k.funds_rate.den += agreed;
                k.funds_rate.num += p.funds_by(as_of);
            }
            k.funds_fen += p.funds_by(as_of);
        }
        if p.kind == ProjectKind::Infrastructure && p.planned_completion_year == Some(year) {
            k.completion_rate.den += 1;
            if p.completed_by(as_of) {
                k.completion_rate.num += 1;
            }
        }
        if let Some(plan) = p.plan_for(year) {
            k.investment_completion.den += plan;
            k.investment_completion.num += p.done_in_year_by(as_of);
        }
    }
    k
}

/// The last day of each quarter from the quarter of the first project date up to `as_of`
/// (`as_of` itself closes the series when it is not a quarter end), at most `max` points, the
/// newest kept.
pub fn quarter_ends(ws: &Workspace, as_of: NaiveDate, max: usize) -> Vec<NaiveDate> {
    let first = ws
        .projects
        .iter_live()
        .filter_map(|r| {
            [r.data.signed_on, r.data.started_on, r.data.land_on]
                .into_iter()
                .flatten()
                .min()
        })
        .min();
    let Some(first) = first.filter(|f| *f <= as_of) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut q) = (first.year(), (first.month0() / 3) as i32);
    loop {
        let (ny, nm) = if q == 3 {
            (y + 1, 1)
        } else {
            (y, q as u32 * 3 + 4)
        };
        let end = NaiveDate::from_ymd_opt(ny, nm, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(as_of);
        if end >= as_of {
            out.push(as_of);
            break;
        }
        out.push(end);
        q += 1;
        if q == 4 {
            q = 0;
            y += 1;
        }
    }
    if out.len() > max {
        out.drain(..out.len() - max);
    }
    out
}

/// KPIs at each date of [`quarter_ends`].
pub fn kpi_trend(
    ws: &Workspace,
    as_of: NaiveDate,
    scope: &ProjectScope,
    max: usize,
) -> Vec<(NaiveDate, OutcomeKpis)> {
    quarter_ends(ws, as_of, max)
        .into_iter()
        .map(|d| (d, kpis(ws, d, scope)))
        .collect()
}

/// Delegations by combined display status on `as_of` (decided by then, or still proposed),
/// with the verdicts known on that date.
pub fn delegation_states(
    ws: &Workspace,
    as_of: NaiveDate,
    scope: &Scope,
) -> Vec<(DisplayStatus, usize)> {
    let latest = inspection::latest_verdicts(ws, as_of);
    let mut counts: HashMap<DisplayStatus, usize> = HashMap::new();
    for r in ws.delegations.iter_live() {
        let d = &r.data;
        if let Scope::Park(p) = scope
            && &d.park_id != p
        {
            continue;
        }
        // Approved after the date: not yet part of the picture then.
        if d.approved_on.is_some_and(|a| a > as_of) {
            continue;
        }
        let s = d.display_status(latest.get(r.id()).copied(), as_of);
        *counts.entry(s).or_default() += 1;
    }
    DisplayStatus::ALL
        .iter()
        .map(|s| (*s, counts.get(s).copied().unwrap_or(0)))
        .collect()
}

/// 放权到位率 of one campaign, for a scope.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopedCampaignRate {
    pub campaign_id: Id,
    pub title: String,
    pub end: NaiveDate,
    pub strict: Ratio,
    pub lenient: Ratio,
}

/// 放权到位率 per campaign begun by `as_of` (oldest first), over the campaign's due delegations in
/// the scope, with the latest verdicts on the campaign's end (or `as_of` if earlier).
pub fn campaign_rates(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> Vec<ScopedCampaignRate> {
    let mut list: Vec<_> = ws
        .inspection_campaigns
        .iter_live()
        .filter(|c| c.data.period.from <= as_of)
        .collect();
    list.sort_by(|a, b| (a.data.period.from, a.id()).cmp(&(b.data.period.from, b.id())));
    list.into_iter()
        .map(|c| {
            let end = c.data.end_or(as_of).min(as_of);
            let latest = inspection::latest_verdicts(ws, end);
            let verdicts: Vec<_> = inspection::due_in_campaign(ws, &c.data, end)
                .into_iter()
                .filter(|d| match scope {
                    Scope::City => true,
                    Scope::Park(p) => &d.data.park_id == p,
                })
                .filter_map(|d| latest.get(d.id()).copied())
                .collect();
            ScopedCampaignRate {
                campaign_id: c.meta.id.clone(),
                title: c.data.title.clone(),
                end,
                strict: rate_of(verdicts.iter().copied(), false),
                lenient: rate_of(verdicts.iter().copied(), true),
            }
        })
        .collect()
}

/// Rectification progress on `as_of` for a scope: orders issued by then (not suspended).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RectProgress {
    pub issued: usize,
    pub closed: usize,
    pub open: usize,
    pub overdue: usize,
    /// Closed on time over orders closed or past their deadline.
    pub on_time: Ratio,
    pub yellow_cards: usize,
}

impl RectProgress {
    /// 整改销号率 | Closed over issued.
    pub fn closure(&self) -> Ratio {
        Ratio {
            num: self.closed,
            den: self.issued,
        }
    }
}

/// The park an order concerns: through its findings' checks, the checked delegation's park or
/// the checked park (orders about a department alone belong to no park).
fn park_of_orders(ws: &Workspace) -> HashMap<&str, &str> {
    let mut check_park: HashMap<&str, &str> = HashMap::new();
    for c in ws.inspection_checks.iter_live() {
        let park = match &c.data.target {
            CheckTarget::Delegation { delegation_id } => ws
                .delegations
                .live(delegation_id)
                .map(|d| d.data.park_id.as_str()),
            CheckTarget::Park { park_id } => Some(park_id.as_str()),
            CheckTarget::Department { .. } => None,
        };
        if let Some(p) = park {
            check_park.insert(c.id(), p);
        }
    }
    let mut finding_park: HashMap<&str, &str> = HashMap::new();
    for f in ws.findings.iter_live() {
        if let Some(p) = f
            .data
            .check_ids
            .iter()
            .find_map(|c| check_park.get(c.as_str()))
        {
            finding_park.insert(f.id(), p);
        }
    }
    let mut out = HashMap::new();
    for o in ws.rectification_orders.iter_live() {
        if let Some(p) = o
            .data
            .finding_ids
            .iter()
            .find_map(|f| finding_park.get(f.as_str()))
        {
            out.insert(o.id(), *p);
        }
    }
    out
}

pub fn rectification_progress(ws: &Workspace, as_of: NaiveDate, scope: &Scope) -> RectProgress {
    let second = super::parameters::of(ws).second_overdue_days;
    let parks = match scope {
        Scope::City => None,
        Scope::Park(_) => Some(park_of_orders(ws)),
    };
    let mut p = RectProgress::default();
    for r in ws.rectification_orders.iter_live() {
        if let (Scope::Park(want), Some(parks)) = (scope, &parks)
            && parks.get(r.id()) != Some(&want.as_str())
        {
            continue;
        }
        let o = &r.data;
        if !o.issued_by(as_of) || o.status_on(as_of) == RectificationStatus::Suspended {
            continue;
        }
        p.issued += 1;
        let closed_on = o.closed_on().filter(|d| *d <= as_of);
        if closed_on.is_some() {
            p.closed += 1;
        } else {
            p.open += 1;
        }
        let deadline = o.deadline_on(as_of);
        if closed_on.is_some() || deadline.is_some_and(|d| d < as_of) {
            p.on_time.den += 1;
            if let (Some(c), Some(d)) = (closed_on, deadline)
                && c <= d
            {
                p.on_time.num += 1;
            }
        }
        if o.overdue_on(as_of, second) != Overdue::No {
            p.overdue += 1;
        }
        if o.carded_by(as_of) {
            p.yellow_cards += 1;
        }
    }
    p
}

/// The delegation scope that matches a park/city scope.
pub fn delegation_scope(scope: &Scope) -> DelegationScope {
    match scope {
        Scope::City => DelegationScope::City,
        Scope::Park(p) => DelegationScope::Park(p.clone()),
    }
}
