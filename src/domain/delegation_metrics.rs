//! 放权 metrics (shared/domain.md §6.1) with an as-of date and a scope.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::delegation::{DelegationData, Grantor, Lifecycle, Reception, Territory, Verdict};
use super::meta::Id;
use super::metrics::Ratio;
use super::power::PowerCategory;
use super::workspace::{Rec, Workspace};

/// What a delegation metric is computed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DelegationScope {
    City,
    Park(Id),
    Grantor(Grantor),
    Department(Id),
    Category(PowerCategory),
}

fn in_scope(ws: &Workspace, d: &DelegationData, scope: &DelegationScope) -> bool {
    let item = ws.power_items.live(&d.power_item_id);
    match scope {
        DelegationScope::City => true,
        DelegationScope::Park(p) => &d.park_id == p,
        DelegationScope::Grantor(g) => &d.grantor == g,
        DelegationScope::Department(dept) => {
            item.and_then(|i| i.data.source_dept_id.as_ref()) == Some(dept)
        }
        DelegationScope::Category(c) => item.is_some_and(|i| i.data.category == *c),
    }
}

/// Due delegations: approved or in force by `as_of`, excluding social/enforcement ones whose
/// townships are no longer entrusted on `as_of` (BR-B4: they leave the denominators).
pub fn due<'a>(
    ws: &'a Workspace,
    as_of: NaiveDate,
    scope: &DelegationScope,
) -> Vec<&'a Rec<DelegationData>> {
    let entrusted = entrusted_on(ws, as_of);
    ws.delegations
        .iter_live()
        .filter(|r| is_due(&r.data, as_of, &entrusted) && in_scope(ws, &r.data, scope))
        .collect()
}

/// The (park, township) pairs entrusted on `as_of`: what `is_due` needs, built once per date.
pub fn entrusted_on(ws: &Workspace, as_of: NaiveDate) -> HashSet<(&str, &str)> {
    ws.entrustments
        .iter_live()
        .filter(|e| e.data.in_force_on(as_of))
        .map(|e| (e.data.park_id.as_str(), e.data.township_id.as_str()))
        .collect()
}

/// Whether one delegation is due on `as_of` (see `due`).
pub fn is_due(d: &DelegationData, as_of: NaiveDate, entrusted: &HashSet<(&str, &str)>) -> bool {
    matches!(
        d.lifecycle,
        Lifecycle::Approved | Lifecycle::HandedOver | Lifecycle::Suspended
    ) && d.effective_from.is_some_and(|f| f <= as_of)
        && match &d.territory {
            Territory::EntrustedTownships { township_ids } => township_ids
                .iter()
                .all(|t| entrusted.contains(&(d.park_id.as_str(), t.as_str()))),
            _ => true,
        }
}

/// The latest verdicts of the due delegations on `as_of` (from the inspection checks).
fn due_verdicts<'a>(
    ws: &'a Workspace,
    as_of: NaiveDate,
    scope: &DelegationScope,
) -> Vec<(&'a Rec<DelegationData>, Option<Verdict>)> {
    let latest = super::inspection::latest_verdicts(ws, as_of);
    due(ws, as_of, scope)
        .into_iter()
        .map(|r| (r, latest.get(r.id()).copied()))
        .collect()
}

/// 放权到位率 | (strict) verdict 到位, (lenient) 到位 + 基本到位, over due delegations inspected
/// (latest verdict on `as_of`, 不适用 left out).
pub fn in_place_rate(
    ws: &Workspace,
    as_of: NaiveDate,
    scope: &DelegationScope,
    lenient: bool,
) -> Ratio {
    rate_of(
        due_verdicts(ws, as_of, scope)
            .into_iter()
            .filter_map(|(_, v)| v),
        lenient,
    )
}

/// 放权到位率 over a list of verdicts (不适用 left out).
pub fn rate_of(verdicts: impl Iterator<Item = Verdict>, lenient: bool) -> Ratio {
    let rated: Vec<Verdict> = verdicts.filter(|v| v.is_rated()).collect();
    let ok = rated
        .iter()
        .filter(|v| **v == Verdict::InPlace || (lenient && **v == Verdict::MostlyInPlace))
        .count();
    Ratio {
        num: ok,
        den: rated.len(),
    }
}

/// 督查覆盖率 | Due delegations that have a verdict (不适用 included: the check was done).
pub fn inspection_coverage(ws: &Workspace, as_of: NaiveDate, scope: &DelegationScope) -> Ratio {
    let due = due_verdicts(ws, as_of, scope);
    Ratio {
        num: due.iter().filter(|(_, v)| v.is_some()).count(),
        den: due.len(),
    }
}

/// 承接率 | (received + ½ partially received) / handed over; `None` when nothing is handed over.
pub fn reception_rate(ws: &Workspace, as_of: NaiveDate, scope: &DelegationScope) -> Option<f64> {
    let handed: Vec<_> = due(ws, as_of, scope)
        .into_iter()
        .filter(|r| r.data.lifecycle == Lifecycle::HandedOver)
        .collect();
    if handed.is_empty() {
        return None;
    }
    let score: f64 = handed
        .iter()
        .map(|r| match r.data.reception {
            Reception::Received => 1.0,
            Reception::PartiallyReceived => 0.5,
            _ => 0.0,
        })
        .sum();
    Some(100.0 * score / handed.len() as f64)
}

/// 环节完整度 | Share of the item's process links that were handed over (1.0 when the item lists none).
pub fn link_completeness(ws: &Workspace, d: &DelegationData) -> f64 {
    let Some(item) = ws.power_items.live(&d.power_item_id) else {
        return 0.0;
    };
    let links = &item.data.process_links;
    if links.is_empty() {
        return 1.0;
    }
    links
        .iter()
        .filter(|l| d.delegated_links.contains(l))
        .count() as f64
        / links.len() as f64
}

/// Mean link completeness over due delegations, in percent.
pub fn mean_link_completeness(
    ws: &Workspace,
    as_of: NaiveDate,
    scope: &DelegationScope,
) -> Option<f64> {
    let due = due(ws, as_of, scope);
    (!due.is_empty()).then(|| {
        100.0
            * due
                .iter()
                .map(|r| link_completeness(ws, &r.data))
                .sum::<f64>()
            / due.len() as f64
    })
}

/// 零办件率 | Due delegations without any park case in the 12 months up to `as_of`.
pub fn zero_case_rate(ws: &Workspace, as_of: NaiveDate, scope: &DelegationScope) -> Ratio {
    let due = due(ws, as_of, scope);
    let from = format!(
        "{}",
        super::dates::add_days(as_of, -365)
            .unwrap_or(NaiveDate::MIN)
            .format("%Y-%m")
    );
    let to = format!("{}", as_of.format("%Y-%m"));
    let zero = due
        .iter()
        .filter(|r| {
            r.data
                .cases
                .iter()
                .filter(|c| c.month > from && c.month <= to)
                .map(|c| c.by_park)
                .sum::<u32>()
                == 0
        })
        .count();
    Ratio {
        num: zero,
        den: due.len(),
    }
}

/// Department ranking by weighted verdict score (§6.1.3): (department id, score 0–1, inspected).
pub fn department_ranking(ws: &Workspace, as_of: NaiveDate) -> Vec<(Id, f64, usize)> {
    let mut by_dept: BTreeMap<Id, Vec<u32>> = BTreeMap::new();
    for (r, verdict) in due_verdicts(ws, as_of, &DelegationScope::City) {
        let (Some(weight), Some(dept)) = (
            verdict.and_then(Verdict::weight_permille),
            ws.power_items
                .live(&r.data.power_item_id)
                .and_then(|i| i.data.source_dept_id.clone()),
        ) else {
            continue;
        };
        by_dept.entry(dept).or_default().push(weight);
    }
    let mut out: Vec<(Id, f64, usize)> = by_dept
        .into_iter()
        .map(|(dept, ws)| {
            (
                dept,
                f64::from(ws.iter().sum::<u32>()) / 1000.0 / ws.len() as f64,
                ws.len(),
            )
        })
        .collect();
    // Best first; ties by more inspected delegations, then by id for a stable order.
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    out
}
