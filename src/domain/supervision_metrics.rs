//! 督查与整改指标 | Inspection and rectification metrics (shared/domain.md §6.6, §6.1.3), each for an
//! as-of date: coverage by department and aspect, problem rate, rectification (on time, overdue,
//! days, rejections, yellow cards), accountability counts, the campaign-over-campaign change of
//! 放权到位率, and the department red/black list by weighted verdict score.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::accountability::{AccountabilityForm, AccountabilityStatus};
use super::delegation::{DelegationData, Verdict};
use super::delegation_metrics::rate_of;
use super::finding::{FindingCategory, FindingStatus, Motive};
use super::inspection::{
    self, CheckTarget, InspectionAspect, InspectionCampaignData, due_in_campaign, source_dept,
};
use super::meta::Id;
use super::metrics::Ratio;
use super::rectification::{Overdue, RectificationStatus};
use super::workspace::{Rec, Workspace};

/// The departments a campaign should reach (BR-E1): those it names, or else the source
/// departments of the due delegations in its parks.
pub fn delegating_departments(
    ws: &Workspace,
    campaign: &InspectionCampaignData,
    as_of: NaiveDate,
) -> BTreeSet<Id> {
    if !campaign.scope_depts.is_empty() {
        return campaign.scope_depts.iter().cloned().collect();
    }
    departments_of(ws, &due_in_campaign(ws, campaign, as_of))
}

fn departments_of(ws: &Workspace, due: &[&Rec<DelegationData>]) -> BTreeSet<Id> {
    due.iter()
        .filter_map(|d| source_dept(ws, &d.data).cloned())
        .collect()
}

/// Departments reached by a done check of the campaign, per aspect: a delegation check counts
/// for its source department under 授权; a department check under its own aspect.
fn departments_checked(
    ws: &Workspace,
    campaign_id: &str,
) -> HashMap<InspectionAspect, BTreeSet<Id>> {
    let mut out: HashMap<InspectionAspect, BTreeSet<Id>> = HashMap::new();
    for c in ws.inspection_checks.iter_live() {
        if c.data.campaign_id != campaign_id || !c.data.is_done() {
            continue;
        }
        let dept = match &c.data.target {
            CheckTarget::Delegation { delegation_id } => ws
                .delegations
                .live(delegation_id)
                .and_then(|d| source_dept(ws, &d.data))
                .cloned(),
            CheckTarget::Department { org_id } => Some(org_id.clone()),
            CheckTarget::Park { .. } => None,
        };
        if let Some(d) = dept {
            out.entry(c.data.aspect).or_default().insert(d);
        }
    }
    out
}

/// 督查覆盖率（部门） | Delegating departments checked in the campaign (any aspect) over the
/// delegating departments in its scope.
pub fn department_coverage(ws: &Workspace, campaign_id: &str, as_of: NaiveDate) -> Ratio {
    let Some(c) = ws.inspection_campaigns.live(campaign_id) else {
        return Ratio { num: 0, den: 0 };
    };
    let wanted = delegating_departments(ws, &c.data, as_of);
    coverage_of(ws, campaign_id, &wanted)
}

/// [`department_coverage`] of a campaign whose due delegations are already found.
pub fn department_coverage_among(
    ws: &Workspace,
    campaign_id: &str,
    campaign: &InspectionCampaignData,
    due: &[&Rec<DelegationData>],
) -> Ratio {
    let wanted = if campaign.scope_depts.is_empty() {
        departments_of(ws, due)
    } else {
        campaign.scope_depts.iter().cloned().collect()
    };
    coverage_of(ws, campaign_id, &wanted)
}

fn coverage_of(ws: &Workspace, campaign_id: &str, wanted: &BTreeSet<Id>) -> Ratio {
    let checked: BTreeSet<Id> = departments_checked(ws, campaign_id)
        .into_values()
        .flatten()
        .collect();
    Ratio {
        num: wanted.iter().filter(|d| checked.contains(*d)).count(),
        den: wanted.len(),
    }
}

/// 督查覆盖率（内容） | For each of 授权 / 支持 / 服务: delegating departments checked in that aspect.
pub fn aspect_coverage(
    ws: &Workspace,
    campaign_id: &str,
    as_of: NaiveDate,
) -> Vec<(InspectionAspect, Ratio)> {
    let Some(c) = ws.inspection_campaigns.live(campaign_id) else {
        return Vec::new();
    };
    let wanted = delegating_departments(ws, &c.data, as_of);
    let checked = departments_checked(ws, campaign_id);
    InspectionAspect::ALL
        .iter()
        .map(|a| {
            let got = checked.get(a);
            (
                *a,
                Ratio {
                    num: wanted
                        .iter()
                        .filter(|d| got.is_some_and(|g| g.contains(*d)))
                        .count(),
                    den: wanted.len(),
                },
            )
        })
        .collect()
}

/// The campaign's verdict per delegation (its newest check in the campaign).
fn campaign_verdicts(ws: &Workspace, campaign_id: &str) -> HashMap<Id, Verdict> {
    let mut best: HashMap<&str, (NaiveDate, &str, Verdict)> = HashMap::new();
    for c in ws.inspection_checks.iter_live() {
        let (Some(d), Some(v), Some(on)) = (
            c.data.target.delegation(),
            c.data.verdict,
            c.data.checked_on,
        ) else {
            continue;
        };
        if c.data.campaign_id != campaign_id {
            continue;
        }
        match best.get(d) {
            Some((o, i, _)) if (*o, *i) >= (on, c.id()) => {}
            _ => {
                best.insert(d, (on, c.id(), v));
            }
        }
    }
    best.into_iter()
        .map(|(d, (_, _, v))| (d.to_string(), v))
        .collect()
}

/// 问题发现率 | Delegations checked in the campaign with a verdict other than 到位 / 不适用,
/// over those rated.
pub fn problem_rate(ws: &Workspace, campaign_id: &str) -> Ratio {
    let rated: Vec<Verdict> = campaign_verdicts(ws, campaign_id)
        .into_values()
        .filter(|v| v.is_rated())
        .collect();
    Ratio {
        num: rated.iter().filter(|v| **v != Verdict::InPlace).count(),
        den: rated.len(),
    }
}

/// Verdict counts of a campaign, in the order of [`Verdict::ALL`].
pub fn verdict_mix(ws: &Workspace, campaign_id: &str) -> Vec<(Verdict, usize)> {
    let vs = campaign_verdicts(ws, campaign_id);
    Verdict::ALL
        .iter()
        .map(|v| (*v, vs.values().filter(|x| *x == v).count()))
        .collect()
}

/// 放权到位率 of one campaign as of its end: the latest verdicts on that day of the delegations
/// due in its scope, with the change against the previous campaign in percentage points.
#[derive(Clone, Debug, PartialEq)]
pub struct CampaignRate {
    pub campaign_id: Id,
    pub end: NaiveDate,
    pub strict: Ratio,
    pub lenient: Ratio,
    /// Change of the strict / lenient rate against the previous campaign (percentage points).
    pub change_strict: Option<f64>,
    pub change_lenient: Option<f64>,
}

/// Campaign-over-campaign 放权到位率 (the before/after figure for visitors), for the campaigns
/// begun by `as_of`, oldest first. A campaign still running is taken as of `as_of`.
pub fn campaign_rates(ws: &Workspace, as_of: NaiveDate) -> Vec<CampaignRate> {
    let mut list: Vec<&Rec<InspectionCampaignData>> = ws
        .inspection_campaigns
        .iter_live()
        .filter(|c| c.data.period.from <= as_of)
        .collect();
    list.sort_by(|a, b| (a.data.period.from, a.id()).cmp(&(b.data.period.from, b.id())));
    let mut out: Vec<CampaignRate> = Vec::new();
    for c in list {
        let end = c.data.end_or(as_of).min(as_of);
        let latest = inspection::latest_verdicts(ws, end);
        let verdicts: Vec<Verdict> = due_in_campaign(ws, &c.data, end)
            .into_iter()
            .filter_map(|d| latest.get(d.id()).copied())
            .collect();
        let strict = rate_of(verdicts.iter().copied(), false);
        let lenient = rate_of(verdicts.iter().copied(), true);
        let change = |now: Ratio, before: Option<Ratio>| Some(now.percent()? - before?.percent()?);
        let prev = out.last();
        out.push(CampaignRate {
            campaign_id: c.meta.id.clone(),
            end,
            strict,
            lenient,
            change_strict: change(strict, prev.map(|p| p.strict)),
            change_lenient: change(lenient, prev.map(|p| p.lenient)),
        });
    }
    out
}

/// Findings (not withdrawn) of a campaign — or of all campaigns — by class, responsible unit and
/// park.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindingCounts {
    pub total: usize,
    pub by_category: BTreeMap<FindingCategory, usize>,
    pub by_unit: BTreeMap<Id, usize>,
    pub by_park: BTreeMap<Id, usize>,
}

pub fn finding_counts(ws: &Workspace, campaign_id: Option<&str>) -> FindingCounts {
    let mut out = FindingCounts::default();
    for f in ws.findings.iter_live() {
        if f.data.status == FindingStatus::Withdrawn {
            continue;
        }
        let check = f
            .data
            .check_ids
            .first()
            .and_then(|c| ws.inspection_checks.live(c));
        if let Some(cid) = campaign_id
            && check.is_none_or(|c| c.data.campaign_id != cid)
        {
            continue;
        }
        out.total += 1;
        *out.by_category.entry(f.data.category).or_default() += 1;
        if let Some(u) = &f.data.lead_responsible_org_id {
            *out.by_unit.entry(u.clone()).or_default() += 1;
        }
        let park = check.and_then(|c| match &c.data.target {
            CheckTarget::Delegation { delegation_id } => ws
                .delegations
                .live(delegation_id)
                .map(|d| d.data.park_id.clone()),
            CheckTarget::Park { park_id } => Some(park_id.clone()),
            CheckTarget::Department { .. } => None,
        });
        if let Some(p) = park {
            *out.by_park.entry(p).or_default() += 1;
        }
    }
    out
}

/// 整改指标 on `as_of`, over the orders issued by then and not suspended.
#[derive(Clone, Debug, PartialEq)]
pub struct RectificationFigures {
    pub issued: usize,
    pub closed: usize,
    pub open: usize,
    /// 按期整改率: closed by `as_of` no later than the deadline in force, over the orders whose
    /// deadline has passed or that are closed.
    pub on_time: Ratio,
    pub overdue: usize,
    pub second_overdue: usize,
    /// 逾期率: overdue over issued.
    pub overdue_rate: Ratio,
    /// 平均整改天数: mean of closed − issued over the closed orders, in days.
    pub average_days: Option<f64>,
    /// 驳回率: closed orders that had at least one failed review, over the closed orders.
    pub rejection: Ratio,
    pub yellow_cards: usize,
}

pub fn rectification_figures(ws: &Workspace, as_of: NaiveDate) -> RectificationFigures {
    let second = super::parameters::of(ws).second_overdue_days;
    let mut f = RectificationFigures {
        issued: 0,
        closed: 0,
        open: 0,
        on_time: Ratio { num: 0, den: 0 },
        overdue: 0,
        second_overdue: 0,
        overdue_rate: Ratio { num: 0, den: 0 },
        average_days: None,
        rejection: Ratio { num: 0, den: 0 },
        yellow_cards: 0,
    };
    let mut days = Vec::new();
    for r in ws.rectification_orders.iter_live() {
        let o = &r.data;
        if !o.issued_by(as_of) || o.status_on(as_of) == RectificationStatus::Suspended {
            continue;
        }
        f.issued += 1;
        let closed_on = o.closed_on().filter(|d| *d <= as_of);
        let deadline = o.deadline_on(as_of);
        if let Some(c) = closed_on {
            f.closed += 1;
            if let Some(i) = o.issued_on {
                days.push((c - i).num_days());
            }
            if o.reviews.iter().any(|x| !x.pass && x.on <= as_of) {
                f.rejection.num += 1;
            }
        } else {
            f.open += 1;
        }
        if closed_on.is_some() || deadline.is_some_and(|d| d < as_of) {
            f.on_time.den += 1;
            if let (Some(c), Some(d)) = (closed_on, deadline)
                && c <= d
            {
                f.on_time.num += 1;
            }
        }
        match o.overdue_on(as_of, second) {
            Overdue::No => {}
            Overdue::Overdue => f.overdue += 1,
            Overdue::Second => {
                f.overdue += 1;
                f.second_overdue += 1;
            }
        }
        if o.carded_by(as_of) {
            f.yellow_cards += 1;
        }
    }
    f.overdue_rate = Ratio {
        num: f.overdue,
        den: f.issued,
    };
    f.rejection.den = f.closed;
    f.average_days =
        (!days.is_empty()).then(|| days.iter().sum::<i64>() as f64 / days.len() as f64);
    f
}

/// 问责数 on `as_of`: actions decided by then (and standing), by form and by kind of target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccountabilityCounts {
    pub decided: usize,
    pub pending: usize,
    pub by_form: BTreeMap<AccountabilityForm, usize>,
    pub units: usize,
    pub persons: usize,
    pub transferred: usize,
    pub deduction_points: f64,
}

pub fn accountability_counts(ws: &Workspace, as_of: NaiveDate) -> AccountabilityCounts {
    let mut out = AccountabilityCounts::default();
    for a in ws.accountability_actions.iter_live() {
        let d = &a.data;
        let decided = d.decided_on.is_some_and(|x| x <= as_of)
            && matches!(
                d.status,
                AccountabilityStatus::Decided
                    | AccountabilityStatus::Executed
                    | AccountabilityStatus::Appeal
            );
        if !decided {
            if d.status != AccountabilityStatus::Dismissed {
                out.pending += 1;
            }
            continue;
        }
        out.decided += 1;
        *out.by_form.entry(d.form).or_default() += 1;
        if d.target.is_person() {
            out.persons += 1;
        } else {
            out.units += 1;
        }
        if d.transferred_to_discipline {
            out.transferred += 1;
        }
        if d.status.in_effect() {
            out.deduction_points += d.assessment_deduction.unwrap_or(0.0);
        }
    }
    out
}

/// 红黑榜 | Which list a department is on (§6.1.3, BR-E7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListColour {
    Red,
    Black,
    Neither,
}

/// One department's line of the red/black list.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentScore {
    pub dept_id: Id,
    /// Weighted verdict score in per mille (到位 1000 … 抱权不放 0), rounded.
    pub score_permille: u32,
    pub rated: usize,
    /// Latest verdicts of its due delegations, in the order of [`Verdict::ALL`].
    pub verdicts: Vec<(Verdict, usize)>,
    /// Motives tagged on its findings (BR-E7).
    pub motives: Vec<(Motive, usize)>,
    pub colour: ListColour,
}

/// 放权红黑榜 on `as_of`: every source department with rated due delegations, best first, by the
/// weighted score of their latest verdicts; red from `red_list_min_permille`, black below
/// `black_list_below_permille` (parameters).
pub fn red_black_list(ws: &Workspace, as_of: NaiveDate) -> Vec<DepartmentScore> {
    let params = super::parameters::of(ws);
    let latest = inspection::latest_verdicts(ws, as_of);
    let mut by_dept: BTreeMap<Id, Vec<Verdict>> = BTreeMap::new();
    for d in
        super::delegation_metrics::due(ws, as_of, &super::delegation_metrics::DelegationScope::City)
    {
        let (Some(v), Some(dept)) = (latest.get(d.id()), source_dept(ws, &d.data)) else {
            continue;
        };
        if v.is_rated() {
            by_dept.entry(dept.clone()).or_default().push(*v);
        }
    }
    let mut motives: HashMap<&str, BTreeMap<Motive, usize>> = HashMap::new();
    for f in ws.findings.iter_live() {
        if f.data.status == FindingStatus::Withdrawn {
            continue;
        }
        if let Some(u) = &f.data.lead_responsible_org_id {
            for m in &f.data.motives {
                *motives.entry(u).or_default().entry(*m).or_default() += 1;
            }
        }
    }
    let mut out: Vec<DepartmentScore> = by_dept
        .into_iter()
        .map(|(dept, vs)| {
            let total: u32 = vs.iter().filter_map(|v| v.weight_permille()).sum();
            let n = vs.len() as u32;
            let score = (total + n / 2) / n;
            let colour = if score >= params.red_list_min_permille {
                ListColour::Red
            } else if score < params.black_list_below_permille {
                ListColour::Black
            } else {
                ListColour::Neither
            };
            DepartmentScore {
                verdicts: Verdict::ALL
                    .iter()
                    .map(|v| (*v, vs.iter().filter(|x| *x == v).count()))
                    .collect(),
                motives: motives
                    .get(dept.as_str())
                    .map(|m| m.iter().map(|(k, v)| (*k, *v)).collect())
                    .unwrap_or_default(),
                dept_id: dept,
                score_permille: score,
                rated: vs.len(),
                colour,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score_permille
            .cmp(&a.score_permille)
            .then(b.rated.cmp(&a.rated))
            .then(a.dept_id.cmp(&b.dept_id))
    });
    out
}
