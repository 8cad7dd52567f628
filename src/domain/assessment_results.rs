//! 考核结果 | Totals, veto effects, ranking and grades of a scheme (shared/domain.md §6.4), computed
//! from the entered results — never stored, so they cannot drift from the entries.
//!
//! 1. Each leaf indicator is scored by its method (`scoring.rs`) and rounded to 0.01 point; the
//!    relative methods (ratio to the best, efficacy coefficient) compare with every assessee of
//!    the scheme who has a value.
//! 2. Total = Σ component weight × component score out of 100 (the indicator component is its
//!    sum scaled to 100 by the total points), computed exactly and rounded once to 0.01 point.
//! 3. Accountability deductions decided in the scheme's year against a unit assessed in it are
//!    subtracted from the total, each as a line of its own that names its action (BR-D10).
//! 4. Rank: higher total, then higher 实绩 (indicator) score, then higher score on the first
//!    top-level indicator. Assessees equal on all three share a rank (1, 2, 2, 4).
//! 5. Grade by the thresholds under the top-grade quota (BR-D5): places = share × n (rounded as
//!    configured, floor by default); walking the ranking, an assessee at or above the top
//!    threshold gets the top grade while places remain; the others get the next grade. **Ties at
//!    the boundary**: when a group tied on all three keys does not fit in the places left, none
//!    of them gets the top grade and the walk stops — the places left are reported (the
//!    committee can award one with a reasoned override). Grade overrides (each with its reason)
//!    replace the computed grade of their assessee, who takes no part in the walk; if overrides
//!    bring the top grades above the places, BR-D5 blocks — the committee lowers another grade,
//!    with its reason, rather than the app demoting someone silently.
//! 6. Veto items apply regardless of score (BR-D4): 降为最低等次 gives the lowest grade, 不得评
//!    为最高等次 caps at the second; they also bind overrides.

use std::collections::HashMap;

use super::assessment::{
    Assessee, AssessmentResultData, AssessmentSchemeData, ComponentSource, LOWEST, ScoringMethod,
    VetoEffect,
};
use super::meta::Id;
use super::scoring::{self, Increment, centi};
use super::workspace::{Rec, Workspace};

/// An accountability deduction carried into a result (BR-D10).
#[derive(Clone, Debug, PartialEq)]
pub struct DeductionLine {
    pub action_id: Id,
    /// Points deducted, in hundredths.
    pub points_c: i64,
}

/// One assessee's computed result.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub assessee: Assessee,
    pub result_id: Option<Id>,
    /// Score of each leaf indicator (in `scheme.leaves()` order), hundredths; None = missing.
    pub leaf_scores: Vec<(String, Option<i64>)>,
    /// The indicator part (实绩) as the sum of the leaves, hundredths.
    pub indicator_c: Option<i64>,
    /// Each component's score out of 100, hundredths, in the scheme's order.
    pub components: Vec<(String, Option<i64>)>,
    pub deductions: Vec<DeductionLine>,
    /// The total before and after the deductions, hundredths.
    pub before_deductions_c: Option<i64>,
    pub total_c: Option<i64>,
    /// Ids of the leaf indicators and codes of the components still missing.
    pub missing: Vec<String>,
    pub rank: Option<u32>,
    /// Another assessee is equal on every ranking key.
    pub tied: bool,
    /// The grade the thresholds alone give.
    pub threshold_level: Option<u8>,
    /// The final grade (quota, override and veto applied).
    pub level: Option<u8>,
    pub veto: Option<VetoEffect>,
    pub vetoed_by: Vec<String>,
    pub overridden: bool,
    /// At or above the top threshold but left without the top grade by the quota.
    pub quota_blocked: bool,
    /// Score of the first top-level indicator (the second tie-break), hundredths.
    pub first_c: Option<i64>,
}

impl Row {
    pub fn complete(&self) -> bool {
        self.total_c.is_some()
    }
}

/// The state of the top-grade quota in a scheme.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotaState {
    pub n: usize,
    /// None: the scheme has no quota.
    pub places: Option<usize>,
    pub share_permille: Option<u32>,
    pub approved: bool,
    /// Top grades given (overrides included).
    pub used: usize,
    /// Places left unused because a tied group did not fit.
    pub left_by_tie: usize,
}

impl QuotaState {
    pub fn over(&self) -> usize {
        self.places.map_or(0, |p| self.used.saturating_sub(p))
    }
}

/// A scheme's computed results: rows in rank order (incomplete ones last, in assessee order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchemeOutcome {
    pub rows: Vec<Row>,
    pub quota: QuotaState,
}

impl SchemeOutcome {
    pub fn row(&self, a: &Assessee) -> Option<&Row> {
        self.rows.iter().find(|r| &r.assessee == a)
    }

    pub fn incomplete(&self) -> usize {
        self.rows.iter().filter(|r| !r.complete()).count()
    }
}

/// What evaluating schemes reads, indexed once: results by scheme and deductions by unit and
/// year.
pub struct AssessmentIndex<'a> {
    pub results: HashMap<&'a str, Vec<&'a Rec<AssessmentResultData>>>,
    deductions: HashMap<(Id, i32), Vec<DeductionLine>>,
}

impl<'a> AssessmentIndex<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        let mut results: HashMap<&str, Vec<&Rec<AssessmentResultData>>> = HashMap::new();
        for r in ws.assessment_results.iter_live() {
            results
                .entry(r.data.scheme_id.as_str())
                .or_default()
                .push(r);
        }
        let mut deductions: HashMap<(Id, i32), Vec<DeductionLine>> = HashMap::new();
        for d in super::accountability::deductions(ws) {
            deductions
                .entry((d.unit_id, d.year))
                .or_default()
                .push(DeductionLine {
                    action_id: d.action_id,
                    points_c: centi(d.points),
                });
        }
        AssessmentIndex {
            results,
            deductions,
        }
    }

    pub fn results_of(&self, scheme_id: &str) -> &[&'a Rec<AssessmentResultData>] {
        self.results.get(scheme_id).map_or(&[], |v| v.as_slice())
    }

    /// The deductions of a unit in a year (BR-D10).
    pub fn deductions_of(&self, unit: &str, year: i32) -> &[DeductionLine] {
        self.deductions
            .get(&(unit.to_string(), year))
            .map_or(&[], |v| v.as_slice())
    }

    pub fn evaluate(&self, scheme_id: &str, scheme: &AssessmentSchemeData) -> SchemeOutcome {
        evaluate(scheme, self.results_of(scheme_id), |unit, year| {
            self.deductions_of(unit, year).to_vec()
        })
    }
}

/// Evaluates one scheme of the workspace.
pub fn evaluate_in(ws: &Workspace, scheme_id: &str) -> Option<SchemeOutcome> {
    let s = ws.assessment_schemes.live(scheme_id)?;
    Some(AssessmentIndex::new(ws).evaluate(scheme_id, &s.data))
}

/// Peer figures of a relative method: the best value and the range.
#[derive(Clone, Copy, Debug)]
struct Peers {
    min: f64,
    max: f64,
}

/// The score of one leaf for one entry, unrounded; None when the entry lacks what the method
/// needs.
pub fn leaf_score(
    ind: &super::assessment::Indicator,
    entry: Option<&super::assessment::Entry>,
    peers: Option<(f64, f64)>,
) -> Option<f64> {
    let p = ind.points;
    let actual = entry.and_then(|e| e.actual);
    let target = entry.and_then(|e| e.target);
    match &ind.method {
        ScoringMethod::CompletionLinear { cap } => {
            scoring::completion(p, target?, actual?, *cap, ind.lower_is_better)
        }
        ScoringMethod::BasePlusIncrement {
            base_share,
            step_pct,
            step_points,
            max_bonus_share,
        } => scoring::base_plus_increment(
            p,
            target?,
            actual?,
            Increment {
                base_share: *base_share,
                step_pct: *step_pct,
                step_points: *step_points,
                max_bonus_share: *max_bonus_share,
            },
        ),
        ScoringMethod::RatioToBest => {
            let (min, max) = peers?;
            let best = if ind.lower_is_better { min } else { max };
            scoring::ratio_to_best(p, actual?, best, ind.lower_is_better)
        }
        ScoringMethod::EfficacyCoefficient { floor, span } => {
            let (min, max) = peers?;
            scoring::efficacy(p, actual?, min, max, *floor, *span, ind.lower_is_better)
        }
        ScoringMethod::Deduction { per_event } => {
            let x = actual.unwrap_or(0.0).max(0.0);
            let deducted = per_event.map_or(x, |e| x * e);
            Some(scoring::deduction(p, deducted))
        }
        ScoringMethod::Qualitative { levels } => {
            let rating = entry.and_then(|e| e.rating.as_deref())?;
            let level = levels.iter().find(|l| l.label == rating.trim())?;
            Some(scoring::qualitative(p, level.share))
        }
        ScoringMethod::BonusItem => Some(scoring::bonus_item(p, actual.unwrap_or(0.0))),
    }
}

/// The strongest veto effect of the codes triggered (unknown codes are ignored here; the rules
/// report them).
fn veto_of(scheme: &AssessmentSchemeData, codes: &[String]) -> Option<VetoEffect> {
    let effects: Vec<VetoEffect> = codes
        .iter()
        .filter_map(|c| scheme.veto_items.iter().find(|v| &v.code == c))
        .map(|v| v.effect)
        .collect();
    if effects.contains(&VetoEffect::ForceLowest) {
        Some(VetoEffect::ForceLowest)
    } else {
        effects.first().copied()
    }
}

/// The grade a veto allows: the lowest, or at best the second.
pub fn veto_clamp(level: u8, veto: Option<VetoEffect>) -> u8 {
    match veto {
        Some(VetoEffect::ForceLowest) => LOWEST,
        Some(VetoEffect::NoTopGrade) => level.max(1),
        None => level,
    }
}

/// Evaluates a scheme over its results; `deductions(unit, year)` gives the accountability
/// deductions of a unit (BR-D10).
pub fn evaluate(
    scheme: &AssessmentSchemeData,
    results: &[&Rec<AssessmentResultData>],
    deductions: impl Fn(&str, i32) -> Vec<DeductionLine>,
) -> SchemeOutcome {
    let leaves = scheme.leaves();
    let by_assessee: HashMap<&Assessee, &Rec<AssessmentResultData>> = {
        let mut m = HashMap::new();
        for r in results {
            m.entry(&r.data.assessee).or_insert(*r);
        }
        m
    };
    // Peer ranges of the relative methods, over every assessee of the scheme with a value.
    let mut peers: HashMap<&str, Peers> = HashMap::new();
    for leaf in &leaves {
        if !matches!(
            leaf.method,
            ScoringMethod::RatioToBest | ScoringMethod::EfficacyCoefficient { .. }
        ) {
            continue;
        }
        for a in &scheme.assessees {
            let Some(x) = by_assessee
                .get(a)
                .and_then(|r| r.data.entry(&leaf.id))
                .and_then(|e| e.actual)
                .filter(|x| x.is_finite())
            else {
                continue;
            };
            let p = peers
                .entry(leaf.id.as_str())
                .or_insert(Peers { min: x, max: x });
            p.min = p.min.min(x);
            p.max = p.max.max(x);
        }
    }
    let total_points_c = centi(scheme.total_points);
    let first_leaves: Vec<String> = scheme
        .top_level()
        .first()
        .map(|t| {
            scheme
                .leaves_under(&t.id)
                .into_iter()
                .map(|l| l.id.clone())
                .collect()
        })
        .unwrap_or_default();
    let unit_scheme = scheme.assessee_kind.is_unit();
    let mut rows: Vec<Row> = scheme
        .assessees
        .iter()
        .map(|a| {
            let rec = by_assessee.get(a).copied();
            let data = rec.map(|r| &r.data);
            let mut missing = Vec::new();
            let leaf_scores: Vec<(String, Option<i64>)> = leaves
                .iter()
                .map(|leaf| {
                    let entry = data.and_then(|d| d.entry(&leaf.id));
                    let peer = peers.get(leaf.id.as_str()).map(|p| (p.min, p.max));
                    let s = leaf_score(leaf, entry, peer).map(centi);
                    if s.is_none() {
                        missing.push(leaf.id.clone());
                    }
                    (leaf.id.clone(), s)
                })
                .collect();
            let indicator_c: Option<i64> = leaf_scores
                .iter()
                .map(|(_, s)| *s)
                // Checked: an overflowing total counts as not scored rather than wrapping.
                .try_fold(0i64, |a, s| a.checked_add(s?))
                .filter(|_| !leaves.is_empty());
            let first_c = first_leaves
                .iter()
                .map(|id| leaf_scores.iter().find(|(l, _)| l == id).and_then(|x| x.1))
                .try_fold(0i64, |a, s| a.checked_add(s?));
            // Components out of 100 (hundredths) and the exact weighted total.
            let mut components = Vec::new();
            let mut num: i128 = 0;
            let den: i128 = i128::from(total_points_c.max(1)) * 1000;
            let mut ok = total_points_c > 0;
            for c in &scheme.components {
                match c.source {
                    ComponentSource::Indicators => {
                        let v = indicator_c.map(|s| {
                            let n = i128::from(s) * 10_000;
                            let d = i128::from(total_points_c.max(1));
                            ((n + d / 2) / d) as i64
                        });
                        if let Some(s) = indicator_c {
                            num += i128::from(c.weight_permille) * i128::from(s) * 10_000;
                        } else {
                            ok = false;
                        }
                        components.push((c.code.clone(), v));
                    }
                    ComponentSource::Entered => {
                        let v = data
                            .and_then(|d| d.component_score(&c.code))
                            .filter(|x| x.is_finite())
                            .map(centi);
                        match v {
                            Some(s) => {
                                num += i128::from(c.weight_permille)
                                    * i128::from(s)
                                    * i128::from(total_points_c)
                            }
                            None => {
                                ok = false;
                                missing.push(c.code.clone());
                            }
                        }
                        components.push((c.code.clone(), v));
                    }
                }
            }
            let before = ok.then(|| ((num.max(0) + den / 2) / den) as i64);
            let lines = if unit_scheme && a.person_id.is_none() {
                deductions(&a.org_id, scheme.year)
            } else {
                Vec::new()
            };
            let deducted: i64 = lines
                .iter()
                .map(|l| l.points_c)
                .fold(0i64, i64::saturating_add);
            let total = before.map(|b| b.saturating_sub(deducted).max(0));
            let vetoed_by = data.map(|d| d.vetoed_by.clone()).unwrap_or_default();
            let veto = veto_of(scheme, &vetoed_by);
            Row {
                assessee: a.clone(),
                result_id: rec.map(|r| r.meta.id.clone()),
                leaf_scores,
                indicator_c,
                components,
                deductions: lines,
                before_deductions_c: before,
                total_c: total,
                missing,
                rank: None,
                tied: false,
                threshold_level: total.map(|t| scheme.thresholds.level_of(t)),
                level: None,
                veto,
                vetoed_by,
                overridden: data.is_some_and(|d| d.grade_override.is_some()),
                quota_blocked: false,
                first_c,
            }
        })
        .collect();

    // Ranking: complete rows by the three keys; incomplete rows last in assessee order.
    let key = |r: &Row| {
        (
            r.total_c.unwrap_or(i64::MIN),
            r.indicator_c.unwrap_or(i64::MIN),
            r.first_c.unwrap_or(i64::MIN),
        )
    };
    rows.sort_by(|a, b| {
        b.complete()
            .cmp(&a.complete())
            .then_with(|| key(b).cmp(&key(a)))
    });
    let complete = rows.iter().filter(|r| r.complete()).count();
    // Sorted, so each group of equal keys is contiguous: its rank is its first position.
    let mut start = 0;
    while start < complete {
        let k = key(&rows[start]);
        let mut end = start;
        while end < complete && key(&rows[end]) == k {
            end += 1;
        }
        for r in &mut rows[start..end] {
            r.rank = Some(start as u32 + 1);
            r.tied = end - start > 1;
        }
        start = end;
    }

    // Grades under the quota.
    let overrides: HashMap<&Assessee, u8> = by_assessee
        .iter()
        .filter_map(|(a, r)| r.data.grade_override.as_ref().map(|o| (*a, o.level)))
        .collect();
    let n = scheme.assessees.len();
    let places = scheme.quota.as_ref().map(|q| q.places(n));
    let mut left = places;
    let mut left_by_tie = 0;
    let mut closed = false;
    let mut i = 0;
    while i < complete {
        let k = key(&rows[i]);
        let mut j = i;
        while j < complete && key(&rows[j]) == k {
            j += 1;
        }
        // The group's members who compete for the top grade.
        let eligible: Vec<usize> = (i..j)
            .filter(|x| {
                let r = &rows[*x];
                r.threshold_level == Some(0)
                    && r.veto.is_none()
                    && !overrides.contains_key(&r.assessee)
            })
            .collect();
        let fits = match left {
            None => true,
            Some(l) => !closed && eligible.len() <= l,
        };
        if !eligible.is_empty() {
            if fits {
                if let Some(l) = left.as_mut() {
                    *l -= eligible.len();
                }
            } else {
                if !closed && let Some(l) = left {
                    left_by_tie = if eligible.len() > l && l > 0 { l } else { 0 };
                }
                closed = true;
                for x in &eligible {
                    rows[*x].quota_blocked = true;
                }
            }
        }
        for r in rows.iter_mut().take(j).skip(i) {
            let computed = match r.threshold_level {
                Some(0) if r.quota_blocked => 1,
                Some(l) => l,
                None => LOWEST,
            };
            let chosen = overrides.get(&r.assessee).copied().unwrap_or(computed);
            r.level = Some(veto_clamp(chosen.min(LOWEST), r.veto));
        }
        i = j;
    }
    let used = rows.iter().filter(|r| r.level == Some(0)).count();
    let quota = QuotaState {
        n,
        places,
        share_permille: scheme.quota.as_ref().map(|q| q.effective_permille()),
        approved: scheme.quota.as_ref().is_some_and(|q| q.approval.is_some()),
        used,
        left_by_tie,
    };
    SchemeOutcome { rows, quota }
}

/// A final grade of an assessee, for bonus pools and result use.
#[derive(Clone, Debug, PartialEq)]
pub struct Graded {
    pub scheme_id: Id,
    pub level: u8,
    pub total_c: i64,
    pub rank: u32,
}

/// Every live scheme evaluated once (what the rules, bonus pools and result use read).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcomes {
    pub by_scheme: HashMap<Id, SchemeOutcome>,
    /// Live appointments by person, for the bonus pools' months and posts (built once here rather
    /// than once per pool: a province has hundreds of pools).
    pub appointments: HashMap<Id, Vec<Id>>,
}

impl Outcomes {
    pub fn of(ws: &Workspace) -> Self {
        let index = AssessmentIndex::new(ws);
        Outcomes {
            by_scheme: ws
                .assessment_schemes
                .iter_live()
                .map(|s| (s.meta.id.clone(), index.evaluate(s.id(), &s.data)))
                .collect(),
            appointments: ws
                .appointments
                .iter_live()
                .fold(HashMap::new(), |mut m, a| {
                    m.entry(a.data.person_id.clone())
                        .or_insert_with(Vec::new)
                        .push(a.meta.id.clone());
                    m
                }),
        }
    }

    pub fn get(&self, scheme_id: &str) -> Option<&SchemeOutcome> {
        self.by_scheme.get(scheme_id)
    }

    /// The graded assessees of the given schemes (complete rows only), by assessee; an
    /// assessee graded in two of them keeps the first scheme's grade.
    pub fn grades(&self, scheme_ids: &[Id]) -> HashMap<Assessee, Graded> {
        let mut out = HashMap::new();
        for id in scheme_ids {
            let Some(o) = self.by_scheme.get(id) else {
                continue;
            };
            for r in &o.rows {
                if let (Some(level), Some(total_c), Some(rank)) = (r.level, r.total_c, r.rank) {
                    out.entry(r.assessee.clone()).or_insert(Graded {
                        scheme_id: id.clone(),
                        level,
                        total_c,
                        rank,
                    });
                }
            }
        }
        out
    }
}
