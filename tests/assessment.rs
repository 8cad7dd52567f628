//! Assessment and incentives (issue #5; report S6.1–S6.4, shared/domain.md §4.D, §5.D, §6.4,
//! §6.5): each scoring method against hand-computed cases, totals with components, ranking with
//! the tie-break, grades under the quota (rounding at 20 % / 25 %, ties at the boundary), veto
//! items, overrides, the scheme's state machine and locks, accountability deductions (BR-D10),
//! BR-D1/D2/D3/A1, the bonus split in fen (exact sums, remainder rule, cap, tilt), special
//! awards, 平均分配, result use, and the demo; property tests that the split never loses or
//! creates money and is monotone in grade.
//!
//! Native only: proptest is a native dev-dependency.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use parkdesk::domain::accountability::{
    AccountTarget, AccountabilityActionData, AccountabilityForm, AccountabilityStatus,
};
use parkdesk::domain::assessment::*;
use parkdesk::domain::assessment_results::{Outcomes, evaluate, evaluate_in, leaf_score};
use parkdesk::domain::bonus::{self, *};
use parkdesk::domain::command::{Act, Command};
use parkdesk::domain::meta::{Id, Meta, Office, Provenance, Role};
use parkdesk::domain::org::OrgKind;
use parkdesk::domain::result_use::{ResultUseData, ResultUseKind, priority_lists};
use parkdesk::domain::rules::Severity;
use parkdesk::domain::sample;
use parkdesk::domain::scoring::{self, Increment, centi};
use parkdesk::domain::staffing::PostRank;
use parkdesk::domain::workspace::{Data, Kind, Rec, Record, Workspace};
use proptest::prelude::*;

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

// ---- the seven methods (§6.4) ------------------------------------------------------------------

#[test]
fn completion_ratio_is_capped_and_can_be_reversed() {
    // 20 points, target 80 000, actual 84 000: 20 × 1.05 = 21.
    assert!(close(
        scoring::completion(20.0, 80000.0, 84000.0, 1.2, false),
        21.0
    ));
    // 125 % is capped at 1.2: 24.
    assert!(close(
        scoring::completion(20.0, 80000.0, 100000.0, 1.2, false),
        24.0
    ));
    // Lower is better (days to approve): target 10, actual 8 → 10/8 = 1.25 → cap 1.2.
    assert!(close(scoring::completion(20.0, 10.0, 8.0, 1.2, true), 24.0));
    assert!(close(
        scoring::completion(20.0, 10.0, 12.5, 1.2, true),
        16.0
    ));
    // No target, no score.
    assert_eq!(scoring::completion(20.0, 0.0, 5.0, 1.2, false), None);
}

#[test]
fn base_plus_increment_counts_full_steps_and_caps_the_bonus() {
    let p = Increment::default();
    assert!(close(
        scoring::base_plus_increment(10.0, 100.0, 100.0, p),
        8.0
    ));
    // 15 % over the base: three steps of 5 % → 8 + 3.
    assert!(close(
        scoring::base_plus_increment(10.0, 100.0, 115.0, p),
        11.0
    ));
    // 10.9 % over: two full steps only.
    assert!(close(
        scoring::base_plus_increment(10.0, 100.0, 110.9, p),
        10.0
    ));
    // Twenty steps, but the bonus stops at half the points: 8 + 5.
    assert!(close(
        scoring::base_plus_increment(10.0, 100.0, 200.0, p),
        13.0
    ));
    // Below the base: 8 × 50 / 100.
    assert!(close(
        scoring::base_plus_increment(10.0, 100.0, 50.0, p),
        4.0
    ));
}

#[test]
fn ratio_to_best_and_efficacy_compare_with_the_peers() {
    assert!(close(scoring::ratio_to_best(10.0, 45.0, 60.0, false), 7.5));
    // Lower is better: the best is the smallest value.
    assert!(close(scoring::ratio_to_best(10.0, 4.0, 2.0, true), 5.0));
    // 60 + 40 × (15 − 12) / (18 − 12) = 80 % of 10.
    assert!(close(
        scoring::efficacy(10.0, 15.0, 12.0, 18.0, 60.0, 40.0, false),
        8.0
    ));
    assert!(close(
        scoring::efficacy(10.0, 12.0, 12.0, 18.0, 60.0, 40.0, false),
        6.0
    ));
    assert!(close(
        scoring::efficacy(10.0, 18.0, 12.0, 18.0, 60.0, 40.0, false),
        10.0
    ));
    assert!(close(
        scoring::efficacy(10.0, 12.0, 12.0, 18.0, 60.0, 40.0, true),
        10.0
    ));
    // Everyone equal: full points.
    assert!(close(
        scoring::efficacy(10.0, 7.0, 7.0, 7.0, 60.0, 40.0, false),
        10.0
    ));
}

#[test]
fn deduction_qualitative_and_bonus_items() {
    assert!((scoring::deduction(15.0, 6.0) - 9.0).abs() < 1e-9);
    assert_eq!(scoring::deduction(5.0, 8.0), 0.0);
    assert!((scoring::qualitative(10.0, 0.85) - 8.5).abs() < 1e-9);
    assert_eq!(scoring::bonus_item(3.0, 5.0), 3.0);
    assert_eq!(scoring::bonus_item(3.0, 2.0), 2.0);
    assert_eq!(centi(8.499999999), 850);
    // Through an indicator: a deduction per event (3 per lagging project) and a rating.
    let i = Indicator {
        id: "x".into(),
        parent: None,
        code: String::new(),
        name: "重点项目".into(),
        category: IndicatorCategory::Projects,
        unit: String::new(),
        points: 15.0,
        method: ScoringMethod::Deduction {
            per_event: Some(3.0),
        },
        lower_is_better: false,
        data_source_org_id: None,
        evidence_required: false,
    };
    let e = Entry {
        indicator: "x".into(),
        actual: Some(2.0),
        ..Entry::default()
    };
    assert!(close(leaf_score(&i, Some(&e), None), 9.0));
    // No entry is no deduction.
    assert!(close(leaf_score(&i, None, None), 15.0));
    let q = Indicator {
        method: ScoringMethod::Qualitative {
            levels: default_ratings(),
        },
        points: 10.0,
        ..i
    };
    let r = Entry {
        indicator: "x".into(),
        rating: Some("较好".into()),
        ..Entry::default()
    };
    assert!(close(leaf_score(&q, Some(&r), None), 8.5));
    assert_eq!(leaf_score(&q, None, None), None, "a rating must be given");
}

// ---- schemes, totals, ranking, grades ---------------------------------------------------------

fn leaf(id: &str, points: f64, method: ScoringMethod) -> Indicator {
    Indicator {
        id: id.into(),
        parent: None,
        code: id.to_uppercase(),
        name: format!("指标{id}"),
        category: IndicatorCategory::Economy,
        unit: String::new(),
        points,
        method,
        lower_is_better: false,
        data_source_org_id: None,
        evidence_required: false,
    }
}

fn unit(n: usize) -> Assessee {
    Assessee {
        org_id: format!("org{n}"),
        person_id: None,
    }
}

fn rec(id: &str, data: AssessmentResultData) -> Rec<AssessmentResultData> {
    let office = Office::new("t", "t", Role::Park);
    Rec {
        meta: Meta::new(
            id.into(),
            "2013-12-01T00:00:00Z".parse().expect("t"),
            &office,
            Provenance::UserEntered,
        ),
        data,
    }
}

/// A scheme of `n` units with two completion indicators (a 60, b 40) and the given totals on
/// (a, b) as percentages of their points.
fn two_indicator_scheme(
    rows: &[(f64, f64)],
) -> (AssessmentSchemeData, Vec<Rec<AssessmentResultData>>) {
    let mut s = AssessmentSchemeData::draft(2013, "测试", AssesseeKind::InternalBody);
    s.indicators = vec![
        leaf("a", 60.0, ScoringMethod::CompletionLinear { cap: 1.2 }),
        leaf("b", 40.0, ScoringMethod::CompletionLinear { cap: 1.2 }),
    ];
    s.assessees = (0..rows.len()).map(unit).collect();
    let results = rows
        .iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let mut r = AssessmentResultData::new("s", unit(i));
            r.entries = vec![
                Entry {
                    indicator: "a".into(),
                    target: Some(100.0),
                    actual: Some(*a),
                    ..Entry::default()
                },
                Entry {
                    indicator: "b".into(),
                    target: Some(100.0),
                    actual: Some(*b),
                    ..Entry::default()
                },
            ];
            rec(&format!("r{i}"), r)
        })
        .collect();
    (s, results)
}

fn run(
    s: &AssessmentSchemeData,
    results: &[Rec<AssessmentResultData>],
) -> parkdesk::domain::assessment_results::SchemeOutcome {
    let refs: Vec<&Rec<AssessmentResultData>> = results.iter().collect();
    evaluate(s, &refs, |_, _| Vec::new())
}

fn level_of(o: &parkdesk::domain::assessment_results::SchemeOutcome, n: usize) -> Option<u8> {
    o.row(&unit(n)).and_then(|r| r.level)
}

#[test]
fn components_weigh_the_indicator_part_and_the_evaluation() {
    // 实绩 80 % + 民主测评 20 %: indicators 97.90 of 100, evaluation 90 → 78.32 + 18 = 96.32.
    let mut s = AssessmentSchemeData::draft(2013, "测试", AssesseeKind::ParkLeadership);
    s.indicators = vec![leaf(
        "a",
        100.0,
        ScoringMethod::CompletionLinear { cap: 1.2 },
    )];
    s.components = vec![
        Component {
            code: "IND".into(),
            name: "实绩".into(),
            weight_permille: 800,
            source: ComponentSource::Indicators,
        },
        Component {
            code: "EVAL".into(),
            name: "测评".into(),
            weight_permille: 200,
            source: ComponentSource::Entered,
        },
    ];
    s.assessees = vec![unit(0), unit(1)];
    let mut r0 = AssessmentResultData::new("s", unit(0));
    r0.entries = vec![Entry {
        indicator: "a".into(),
        target: Some(100.0),
        actual: Some(97.9),
        ..Entry::default()
    }];
    r0.set_component_score("EVAL", Some(90.0));
    // The second has no evaluation yet: not complete, not ranked, not graded.
    let mut r1 = r0.clone();
    r1.assessee = unit(1);
    r1.component_scores.clear();
    let o = run(&s, &[rec("r0", r0), rec("r1", r1)]);
    let first = o.row(&unit(0)).expect("row");
    assert_eq!(first.total_c, Some(9632));
    assert_eq!(
        first.components,
        vec![("IND".into(), Some(9790)), ("EVAL".into(), Some(9000))]
    );
    assert_eq!(first.rank, Some(1));
    assert_eq!(first.level, Some(0));
    let second = o.row(&unit(1)).expect("row");
    assert_eq!(second.total_c, None);
    assert_eq!(second.missing, vec!["EVAL".to_string()]);
    assert_eq!(second.rank, None);
    assert_eq!(o.incomplete(), 1);
    // With a total of 120 points the indicator part is scaled to 100: 108 / 120 → 90.
    let mut t = s.clone();
    t.total_points = 120.0;
    t.indicators[0].points = 120.0;
    t.components = default_components();
    let mut r = AssessmentResultData::new("s", unit(0));
    r.entries = vec![Entry {
        indicator: "a".into(),
        target: Some(100.0),
        actual: Some(90.0),
        ..Entry::default()
    }];
    t.assessees = vec![unit(0)];
    assert_eq!(run(&t, &[rec("r", r)]).rows[0].total_c, Some(9000));
}

#[test]
fn ranking_breaks_ties_by_the_indicator_part_then_the_first_indicator() {
    // Totals: unit0 90 (a 54, b 36), unit1 90 (a 48, b 42), unit2 90 (a 54, b 36), unit3 95.
    let (s, r) = two_indicator_scheme(&[(90.0, 90.0), (80.0, 105.0), (90.0, 90.0), (95.0, 95.0)]);
    let o = run(&s, &r);
    let rank = |n| o.row(&unit(n)).and_then(|r| r.rank);
    assert_eq!(rank(3), Some(1));
    // Equal totals and 实绩: the first indicator decides (54 > 48).
    assert_eq!(rank(0), Some(2));
    assert_eq!(rank(2), Some(2), "equal on every key: the same rank");
    assert_eq!(rank(1), Some(4));
    assert!(o.row(&unit(0)).is_some_and(|r| r.tied));
    assert!(!o.row(&unit(1)).is_some_and(|r| r.tied));
}

#[test]
fn the_top_grade_quota_rounds_down_by_default_or_half_up() {
    let q = |share, rounding| TopQuota {
        share_permille: share,
        rounding,
        approval: None,
    };
    // 20 % of 7 = 1.4, of 8 = 1.6, of 10 = 2, of 4 = 0.8.
    assert_eq!(q(200, QuotaRounding::Floor).places(7), 1);
    assert_eq!(q(200, QuotaRounding::HalfUp).places(7), 1);
    assert_eq!(q(200, QuotaRounding::Floor).places(8), 1);
    assert_eq!(q(200, QuotaRounding::HalfUp).places(8), 2);
    assert_eq!(q(200, QuotaRounding::Floor).places(10), 2);
    assert_eq!(q(200, QuotaRounding::Floor).places(4), 0);
    assert_eq!(q(200, QuotaRounding::HalfUp).places(4), 1);
    // With an approval for 25 %: 8 → 2; 10 → 2 (2.5 floor) or 3 (half up).
    let approved = |rounding| TopQuota {
        approval: Some(QuotaApproval {
            share_permille: 250,
            approved_by_org_id: Some("org".into()),
            doc: None,
            reason: "考核委员会批准".into(),
        }),
        ..q(200, rounding)
    };
    assert_eq!(approved(QuotaRounding::Floor).places(8), 2);
    assert_eq!(approved(QuotaRounding::Floor).places(10), 2);
    assert_eq!(approved(QuotaRounding::HalfUp).places(10), 3);
}

#[test]
fn the_quota_walks_the_ranking_and_a_tie_at_the_boundary_takes_no_place() {
    // Ten units, 20 % → 2 places. Four at or above 90: 100, 95, 95 (tied), 92.
    let mut rows = vec![(100.0, 100.0), (95.0, 95.0), (95.0, 95.0), (92.0, 92.0)];
    rows.extend(std::iter::repeat_n((85.0, 85.0), 6));
    let (mut s, r) = two_indicator_scheme(&rows);
    s.quota = Some(TopQuota::default());
    let o = run(&s, &r);
    assert_eq!(o.quota.places, Some(2));
    assert_eq!(level_of(&o, 0), Some(0));
    // The tied pair does not fit in the one place left: neither gets it, and the walk stops
    // (the 92 below them does not jump the queue).
    assert_eq!(level_of(&o, 1), Some(1));
    assert_eq!(level_of(&o, 2), Some(1));
    assert_eq!(level_of(&o, 3), Some(1));
    assert!(o.row(&unit(1)).is_some_and(|r| r.quota_blocked));
    assert_eq!(o.quota.used, 1);
    assert_eq!(o.quota.left_by_tie, 1);
    // With three places (25 % approved, half up: 2.5 → 3) the pair fits.
    s.quota = Some(TopQuota {
        share_permille: 200,
        rounding: QuotaRounding::HalfUp,
        approval: Some(QuotaApproval {
            share_permille: 250,
            approved_by_org_id: Some("org".into()),
            doc: None,
            reason: "批准".into(),
        }),
    });
    let o = run(&s, &r);
    assert_eq!(o.quota.places, Some(3));
    assert_eq!(
        (0..4).map(|n| level_of(&o, n)).collect::<Vec<_>>(),
        vec![Some(0), Some(0), Some(0), Some(1)]
    );
    // Without a quota the thresholds alone decide.
    s.quota = None;
    let o = run(&s, &r);
    assert_eq!(o.quota.used, 4);
    assert_eq!(level_of(&o, 4), Some(1));
}

#[test]
fn veto_items_apply_regardless_of_score_and_pass_the_place_on() {
    let mut rows = vec![(100.0, 100.0), (98.0, 98.0), (96.0, 96.0)];
    rows.extend(std::iter::repeat_n((70.0, 70.0), 7));
    let (mut s, mut r) = two_indicator_scheme(&rows);
    s.quota = Some(TopQuota::default());
    s.veto_items = vec![
        VetoItem {
            code: "V1".into(),
            name: "重大安全事故".into(),
            effect: VetoEffect::ForceLowest,
        },
        VetoItem {
            code: "V2".into(),
            name: "诫勉".into(),
            effect: VetoEffect::NoTopGrade,
        },
    ];
    r[0].data.vetoed_by = vec!["V1".into()];
    r[1].data.vetoed_by = vec!["V2".into()];
    let o = run(&s, &r);
    // The best score is forced to the lowest grade; the second cannot be top; the two places go
    // to the third and (below 90 by threshold) nobody else.
    assert_eq!(level_of(&o, 0), Some(LOWEST));
    assert_eq!(level_of(&o, 1), Some(1));
    assert_eq!(level_of(&o, 2), Some(0));
    assert_eq!(
        o.row(&unit(0)).and_then(|r| r.rank),
        Some(1),
        "the rank stays"
    );
    assert_eq!(level_of(&o, 3), Some(2));
    // An override cannot lift a veto either.
    r[0].data.grade_override = Some(GradeOverride {
        level: 0,
        reason: "委员会".into(),
    });
    assert_eq!(level_of(&run(&s, &r), 0), Some(LOWEST));
}

// ---- the command path: a scheme in the workspace ----------------------------------------------

struct Setup {
    h: Harness,
    park: Id,
    units: Vec<Id>,
    scheme: Id,
}

/// A park with `n` internal bodies and a draft scheme over them (one indicator of 100 points,
/// completion ratio with target 100, so an actual is the total), dated 2013-06.
fn setup(n: usize) -> Setup {
    let mut b = basic();
    let park = b.park.clone();
    let units: Vec<Id> = (0..n)
        .map(|i| {
            org_in(
                &mut b.h,
                &format!("内设机构{i}"),
                OrgKind::InternalBody,
                Some(&park),
                None,
            )
        })
        .collect();
    let mut s =
        AssessmentSchemeData::draft(2013, "2013年度内设机构考核", AssesseeKind::InternalBody);
    s.park_id = Some(park.clone());
    s.indicators = vec![leaf(
        "a",
        100.0,
        ScoringMethod::CompletionLinear { cap: 1.2 },
    )];
    s.assessees = units
        .iter()
        .map(|u| Assessee {
            org_id: u.clone(),
            person_id: None,
        })
        .collect();
    let scheme = b.h.create(Data::AssessmentScheme(s));
    Setup {
        h: b.h,
        park,
        units,
        scheme,
    }
}

fn scheme_of(h: &Harness, id: &str) -> AssessmentSchemeData {
    h.ws()
        .assessment_schemes
        .live(id)
        .expect("scheme")
        .data
        .clone()
}

fn step(
    h: &mut Harness,
    id: &str,
    to: SchemeStatus,
    reason: &str,
) -> Result<(), Vec<&'static str>> {
    let on = h.now.date_naive();
    match h.run(Command::Act {
        id: id.into(),
        act: Act::Scheme(SchemeStep {
            to,
            on,
            reason: reason.into(),
        }),
        base_rev: None,
    }) {
        Ok(_) => Ok(()),
        Err(e) => Err(rejected(Err(e))),
    }
}

fn score(h: &mut Harness, scheme: &str, org: &str, actual: f64) -> Id {
    let mut r = AssessmentResultData::new(
        scheme,
        Assessee {
            org_id: org.into(),
            person_id: None,
        },
    );
    r.entries = vec![Entry {
        indicator: "a".into(),
        target: Some(100.0),
        actual: Some(actual),
        ..Entry::default()
    }];
    h.create(Data::AssessmentResult(r))
}

fn result_of(h: &Harness, id: &str) -> AssessmentResultData {
    h.ws()
        .assessment_results
        .live(id)
        .expect("result")
        .data
        .clone()
}

#[test]
fn points_must_add_up_before_publishing() {
    let mut x = setup(2);
    // A parent of 30 with children 20 + 5, a bonus item outside the sum, and 70 at top level:
    // the parent is short by 5 and the top level by 5.
    let mut s = scheme_of(&x.h, &x.scheme);
    s.indicators = vec![
        leaf("a", 70.0, ScoringMethod::CompletionLinear { cap: 1.2 }),
        leaf("p", 30.0, ScoringMethod::CompletionLinear { cap: 1.2 }),
        Indicator {
            parent: Some("p".into()),
            ..leaf("c1", 20.0, ScoringMethod::CompletionLinear { cap: 1.2 })
        },
        Indicator {
            parent: Some("p".into()),
            ..leaf("c2", 5.0, ScoringMethod::CompletionLinear { cap: 1.2 })
        },
        leaf("bonus", 3.0, ScoringMethod::BonusItem),
    ];
    x.h.run(Command::Save {
        id: Some(x.scheme.clone()),
        data: Data::AssessmentScheme(s.clone()),
        base_rev: None,
    })
    .expect("a draft may be unbalanced");
    let problems = s.points_problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].1.zh.contains("30.00") && problems[0].1.zh.contains("25.00"));
    assert!(problems[1].1.zh.contains("95.00"));
    // A warning while a draft …
    assert!(
        rules_on(x.h.ws(), "2013-06-01", Kind::AssessmentScheme, &x.scheme)
            .contains(&("BR-D3", Severity::Warn))
    );
    // … and publishing is refused.
    assert_eq!(
        step(&mut x.h, &x.scheme, SchemeStatus::Published, ""),
        Err(vec!["TRANSITION"])
    );
    s.indicators[3].points = 10.0;
    x.h.run(Command::Save {
        id: Some(x.scheme.clone()),
        data: Data::AssessmentScheme(s),
        base_rev: None,
    })
    .expect("fixed");
    step(&mut x.h, &x.scheme, SchemeStatus::Published, "").expect("publish");
    let s = scheme_of(&x.h, &x.scheme);
    assert_eq!(s.status, SchemeStatus::Published);
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.history[0].to, "PUBLISHED");
    // The structure is fixed once published …
    let mut changed = s.clone();
    changed.indicators[0].points = 60.0;
    assert_eq!(
        rejected(x.h.run(Command::Save {
            id: Some(x.scheme.clone()),
            data: Data::AssessmentScheme(changed),
            base_rev: None,
        })),
        vec!["TRANSITION"]
    );
    // … and the state only moves by steps, not in the editor.
    let mut jumped = s.clone();
    jumped.status = SchemeStatus::Final;
    assert_eq!(
        rejected(x.h.run(Command::Save {
            id: Some(x.scheme.clone()),
            data: Data::AssessmentScheme(jumped),
            base_rev: None,
        })),
        vec!["TRANSITION"]
    );
    // Skipping a step is refused; going back needs a reason; undo takes the step back.
    assert!(step(&mut x.h, &x.scheme, SchemeStatus::Scoring, "").is_err());
    assert!(step(&mut x.h, &x.scheme, SchemeStatus::Draft, "").is_err());
    step(&mut x.h, &x.scheme, SchemeStatus::Draft, "指标需调整").expect("back with a reason");
    assert_eq!(scheme_of(&x.h, &x.scheme).history.len(), 2);
    x.h.undo().expect("undo");
    assert_eq!(scheme_of(&x.h, &x.scheme).status, SchemeStatus::Published);
    assert!(
        x.h.desk
            .audit()
            .iter()
            .any(|e| e.summary.zh.contains("已发布"))
    );
    let _ = x.park;
}

#[test]
fn grades_lock_the_results_and_going_back_reopens_them() {
    let mut x = setup(5);
    let units = x.units.clone();
    for st in [
        SchemeStatus::Published,
        SchemeStatus::Collecting,
        SchemeStatus::Scoring,
    ] {
        step(&mut x.h, &x.scheme, st, "").expect("forward");
    }
    let r0 = score(&mut x.h, &x.scheme, &units[0], 95.0);
    // Review needs every assessee scored.
    assert!(step(&mut x.h, &x.scheme, SchemeStatus::Review, "").is_err());
    for (i, u) in units.iter().enumerate().skip(1) {
        score(&mut x.h, &x.scheme, u, 80.0 + i as f64);
    }
    step(&mut x.h, &x.scheme, SchemeStatus::Review, "").expect("review");
    // Entries are closed in review; overrides are still open (with a reason).
    let mut r = result_of(&x.h, &r0);
    r.entries[0].actual = Some(99.0);
    assert_eq!(
        rejected(x.h.run(Command::Save {
            id: Some(r0.clone()),
            data: Data::AssessmentResult(r),
            base_rev: None,
        })),
        vec!["TRANSITION"]
    );
    let mut r = result_of(&x.h, &r0);
    r.grade_override = Some(GradeOverride {
        level: 1,
        reason: String::new(),
    });
    assert_eq!(
        rejected(x.h.run(Command::Save {
            id: Some(r0.clone()),
            data: Data::AssessmentResult(r.clone()),
            base_rev: None,
        })),
        vec!["FIELD"],
        "an override needs a reason"
    );
    r.grade_override = Some(GradeOverride {
        level: 1,
        reason: "年内发生一起信访事件，经考核委员会研究调整".into(),
    });
    x.h.run(Command::Save {
        id: Some(r0.clone()),
        data: Data::AssessmentResult(r),
        base_rev: None,
    })
    .expect("override with a reason");
    let o = evaluate_in(x.h.ws(), &x.scheme).expect("outcome");
    let row = o.row(&Assessee {
        org_id: units[0].clone(),
        person_id: None,
    });
    assert_eq!(row.and_then(|r| r.level), Some(1));
    assert!(row.is_some_and(|r| r.overridden));
    step(&mut x.h, &x.scheme, SchemeStatus::Final, "").expect("final");
    // Final: nothing changes, nothing is deleted …
    let mut r = result_of(&x.h, &r0);
    r.grade_override = None;
    assert!(
        x.h.run(Command::Save {
            id: Some(r0.clone()),
            data: Data::AssessmentResult(r),
            base_rev: None,
        })
        .is_err()
    );
    assert!(
        x.h.run(Command::Delete {
            kind: Kind::AssessmentResult,
            id: r0.clone(),
        })
        .is_err()
    );
    // … until the scheme goes back to scoring with a reason (复核).
    step(&mut x.h, &x.scheme, SchemeStatus::Review, "复核：申诉成立").expect("back");
    step(&mut x.h, &x.scheme, SchemeStatus::Scoring, "更正实绩数据").expect("back");
    let mut r = result_of(&x.h, &r0);
    r.entries[0].actual = Some(99.0);
    x.h.run(Command::Save {
        id: Some(r0),
        data: Data::AssessmentResult(r),
        base_rev: None,
    })
    .expect("reopened");
    let s = scheme_of(&x.h, &x.scheme);
    assert_eq!(
        s.history.iter().map(|h| h.to.as_str()).collect::<Vec<_>>(),
        vec![
            "PUBLISHED",
            "COLLECTING",
            "SCORING",
            "REVIEW",
            "FINAL",
            "REVIEW",
            "SCORING"
        ]
    );
    assert_eq!(s.history[5].reason, "复核：申诉成立");
}

#[test]
fn an_override_to_the_top_grade_beyond_the_quota_is_refused() {
    // Five units, 20 % → one place, taken by the 95; an override of the 85 to 好 is refused.
    let mut x = setup(5);
    let mut s = scheme_of(&x.h, &x.scheme);
    s.quota = Some(TopQuota::default());
    x.h.run(Command::Save {
        id: Some(x.scheme.clone()),
        data: Data::AssessmentScheme(s.clone()),
        base_rev: None,
    })
    .expect("quota");
    let ids: Vec<Id> = x
        .units
        .clone()
        .iter()
        .zip([95.0, 85.0, 84.0, 83.0, 82.0])
        .map(|(u, a)| score(&mut x.h, &x.scheme, u, a))
        .collect();
    let mut r = result_of(&x.h, &ids[1]);
    r.grade_override = Some(GradeOverride {
        level: 0,
        reason: "委员会意见".into(),
    });
    assert_eq!(
        rejected(x.h.run(Command::Save {
            id: Some(ids[1].clone()),
            data: Data::AssessmentResult(r.clone()),
            base_rev: None,
        })),
        vec!["BR-D5"]
    );
    // A share above 20 % needs a recorded approval; up to 25 % with one.
    s.quota = Some(TopQuota {
        share_permille: 250,
        ..TopQuota::default()
    });
    assert_eq!(
        rejected(x.h.run(Command::Save {
            id: Some(x.scheme.clone()),
            data: Data::AssessmentScheme(s.clone()),
            base_rev: None,
        })),
        vec!["BR-D5"]
    );
    s.quota = Some(TopQuota {
        share_permille: 200,
        rounding: QuotaRounding::Floor,
        approval: Some(QuotaApproval {
            share_permille: 300,
            approved_by_org_id: Some(x.units[0].clone()),
            doc: None,
            reason: "批准".into(),
        }),
    });
    assert_eq!(
        rejected(x.h.run(Command::Save {
            id: Some(x.scheme.clone()),
            data: Data::AssessmentScheme(s.clone()),
            base_rev: None,
        })),
        vec!["BR-D5"],
        "never above 25 %"
    );
    // Half up with the 25 % approval: 5 × 0.25 = 1.25 → 1 place, still taken. Ten percent more
    // assessees would be needed; instead the 95 is moved down by the committee and the 85 up.
    let mut top = result_of(&x.h, &ids[0]);
    top.grade_override = Some(GradeOverride {
        level: 1,
        reason: "委员会意见".into(),
    });
    x.h.run(Command::Save {
        id: Some(ids[0].clone()),
        data: Data::AssessmentResult(top),
        base_rev: None,
    })
    .expect("down");
    x.h.run(Command::Save {
        id: Some(ids[1].clone()),
        data: Data::AssessmentResult(r),
        base_rev: None,
    })
    .expect("the place is free now");
}

#[test]
fn accountability_deductions_are_lines_of_their_own_in_the_same_year() {
    let mut x = setup(2);
    let unit0 = x.units[0].clone();
    for (i, u) in x.units.clone().iter().enumerate() {
        score(&mut x.h, &x.scheme, u, 90.0 + i as f64);
    }
    // A decided action against unit0 in 2013 with 2 points; another in 2012; one dismissed.
    let action = |decided: &str, status, points| {
        Data::AccountabilityAction(AccountabilityActionData {
            finding_ids: vec![],
            target: AccountTarget::Org {
                org_id: unit0.clone(),
            },
            form: AccountabilityForm::AssessmentDowngrade,
            basis: "示例".into(),
            decided_by_org_id: None,
            decided_on: Some(d(decided)),
            doc: None,
            assessment_deduction: Some(points),
            transferred_to_discipline: false,
            status,
            history: vec![],
        })
    };
    let mut ws = x.h.ws().clone();
    let mut put = |data: Data, id: &str| {
        ws.put(Record::new(
            Meta::new(
                id.into(),
                "2013-12-01T00:00:00Z".parse().expect("t"),
                &office(),
                Provenance::UserEntered,
            ),
            data,
        ))
    };
    put(
        action("2013-11-20", AccountabilityStatus::Decided, 2.0),
        "acc-2013",
    );
    put(
        action("2012-11-20", AccountabilityStatus::Executed, 5.0),
        "acc-2012",
    );
    put(
        action("2013-11-21", AccountabilityStatus::Appeal, 3.0),
        "acc-appeal",
    );
    let o = evaluate_in(&ws, &x.scheme).expect("outcome");
    let row = o
        .row(&Assessee {
            org_id: unit0,
            person_id: None,
        })
        .expect("row");
    assert_eq!(row.before_deductions_c, Some(9000));
    assert_eq!(row.deductions.len(), 1);
    assert_eq!(row.deductions[0].action_id, "acc-2013");
    assert_eq!(row.deductions[0].points_c, 200);
    assert_eq!(row.total_c, Some(8800));
    assert_eq!(row.level, Some(1), "the deduction takes it below 90");
}

#[test]
fn pilot_parks_belong_in_the_county_scheme_and_groups_have_their_own_sets() {
    let mut x = setup(1);
    let park = x.park.clone();
    // A 2013 scheme of the park exists, but no county-level scheme with its committee: BR-D1.
    assert!(
        rules_on(x.h.ws(), "2013-06-01", Kind::Park, &park).contains(&("BR-D1", Severity::Warn))
    );
    let mgmt = committee(&x.h, &park);
    let city = org_in(&mut x.h, "市委", OrgKind::CityPartyCommittee, None, None);
    let mut county = AssessmentSchemeData::draft(
        2013,
        "2013年度县区及园区目标责任制考核",
        AssesseeKind::ParkLeadership,
    );
    county.assessor_org_id = Some(city);
    county.assessees = vec![Assessee {
        org_id: mgmt,
        person_id: None,
    }];
    // BR-A1's indicator part: social affairs outweigh economic development here.
    county.indicators = vec![
        Indicator {
            category: IndicatorCategory::Investment,
            ..leaf("a", 40.0, ScoringMethod::CompletionLinear { cap: 1.2 })
        },
        Indicator {
            category: IndicatorCategory::Social,
            ..leaf("b", 60.0, ScoringMethod::CompletionLinear { cap: 1.2 })
        },
    ];
    let cid = x.h.create(Data::AssessmentScheme(county.clone()));
    assert!(
        !rules_on(x.h.ws(), "2013-06-01", Kind::Park, &park)
            .iter()
            .any(|r| r.0 == "BR-D1")
    );
    assert!(
        rules_on(x.h.ws(), "2013-06-01", Kind::AssessmentScheme, &cid)
            .contains(&("BR-A1", Severity::Warn))
    );
    county.indicators[0].points = 60.0;
    county.indicators[1].points = 40.0;
    x.h.run(Command::Save {
        id: Some(cid.clone()),
        data: Data::AssessmentScheme(county),
        base_rev: None,
    })
    .expect("save");
    assert!(
        !rules_on(x.h.ws(), "2013-06-01", Kind::AssessmentScheme, &cid)
            .iter()
            .any(|r| r.0 == "BR-A1")
    );
    // BR-D2: the individuals' scheme reuses the internal bodies' indicator set.
    let bodies = scheme_of(&x.h, &x.scheme);
    let mut staff =
        AssessmentSchemeData::draft(2013, "2013年度在职人员考核", AssesseeKind::Individual);
    staff.park_id = Some(park);
    staff.indicators = bodies.indicators.clone();
    let sid = x.h.create(Data::AssessmentScheme(staff.clone()));
    assert!(
        rules_on(x.h.ws(), "2013-06-01", Kind::AssessmentScheme, &sid)
            .contains(&("BR-D2", Severity::Warn))
    );
    staff.indicators = vec![
        leaf(
            "d",
            50.0,
            ScoringMethod::Qualitative {
                levels: default_ratings(),
            },
        ),
        leaf("j", 50.0, ScoringMethod::CompletionLinear { cap: 1.0 }),
    ];
    x.h.run(Command::Save {
        id: Some(sid.clone()),
        data: Data::AssessmentScheme(staff),
        base_rev: None,
    })
    .expect("own set");
    assert!(
        !rules_on(x.h.ws(), "2013-06-01", Kind::AssessmentScheme, &sid)
            .iter()
            .any(|r| r.0 == "BR-D2")
    );
}

// ---- bonus allocation (§6.5) ------------------------------------------------------------------

#[test]
fn apportion_gives_whole_yuan_that_add_up_with_the_documented_remainder_rule() {
    use RemainderRule::*;
    // ¥1,000 over three equal weights: 333.33 each; the yuan left goes to the first.
    assert_eq!(
        apportion(100_000, &[1, 1, 1], None, LargestRemainder),
        vec![33_400, 33_300, 33_300]
    );
    // ¥100.50 over 2 : 1 → 66.67 / 33.33: the larger remainder takes the yuan, the 50 fen go to
    // the highest ranked.
    assert_eq!(
        apportion(10_050, &[2, 1], None, LargestRemainder),
        vec![6_750, 3_300]
    );
    // Where the rules differ: ¥10 over 1 : 5 : 5 → 0.91 / 4.55 / 4.55, floors 0 / 4 / 4, two
    // yuan left: the largest remainders (0.91, then the first of the equal 0.55) vs all to the
    // highest ranked.
    assert_eq!(
        apportion(1_000, &[1, 5, 5], None, LargestRemainder),
        vec![100, 500, 400]
    );
    assert_eq!(
        apportion(1_000, &[1, 5, 5], None, ToHighestRanked),
        vec![200, 400, 400]
    );
    // No weight: nothing can be given.
    assert_eq!(
        apportion(1_000, &[0, 0], None, LargestRemainder),
        vec![0, 0]
    );
}

#[test]
fn the_cap_to_the_mean_redistributes_what_it_cuts() {
    // ¥1,300 over 10 : 1 : 1 : 1, cap 2 × mean (2 × 325 = 650): the first is cut from 1,000 to
    // 650 and the other 650 split equally (216.67 each).
    let (amounts, capped) = apportion_capped(
        130_000,
        &[10, 1, 1, 1],
        Some(2000),
        RemainderRule::LargestRemainder,
    );
    assert_eq!(amounts, vec![65_000, 21_700, 21_700, 21_600]);
    assert_eq!(capped, vec![true, false, false, false]);
    // Three rounds: 20 : 3 : 1 × 8 over ¥3,100 with cap 1.5 × mean (465). First the 20 is cut
    // (2,000 → 465); the 3 then gets 2,635 × 3 / 11 = 718.6 and is cut too; the eight share
    // 2,170 (271.25 each; the two yuan left go to the first two of the equal remainders).
    let w = [20, 3, 1, 1, 1, 1, 1, 1, 1, 1];
    let (amounts, capped) =
        apportion_capped(310_000, &w, Some(1500), RemainderRule::LargestRemainder);
    assert_eq!(
        amounts,
        vec![
            46_500, 46_500, 27_200, 27_200, 27_100, 27_100, 27_100, 27_100, 27_100, 27_100
        ]
    );
    assert_eq!(&capped[..3], &[true, true, false]);
}

/// A park with two graded units (A 好, B 较好), three people and the schemes behind them, built
/// directly (no commands): the pool's hand-computed case.
struct PoolCase {
    ws: Workspace,
    pool: BonusPoolData,
    p1: Id,
    p2: Id,
    p3: Id,
}

fn put(ws: &mut Workspace, id: &str, data: Data) {
    ws.put(Record::new(
        Meta::new(
            id.into(),
            "2013-01-01T00:00:00Z".parse().expect("t"),
            &office(),
            Provenance::UserEntered,
        ),
        data,
    ));
}

fn one_indicator(kind: AssesseeKind, assessees: Vec<Assessee>) -> AssessmentSchemeData {
    AssessmentSchemeData {
        indicators: vec![leaf(
            "a",
            100.0,
            ScoringMethod::CompletionLinear { cap: 1.2 },
        )],
        assessees,
        quota: None,
        ..AssessmentSchemeData::draft(2013, "测试", kind)
    }
}

fn graded(ws: &mut Workspace, id: &str, scheme: &str, a: Assessee, total: f64) {
    let mut r = AssessmentResultData::new(scheme, a);
    r.entries = vec![Entry {
        indicator: "a".into(),
        target: Some(100.0),
        actual: Some(total),
        ..Entry::default()
    }];
    put(ws, id, Data::AssessmentResult(r));
}

fn pool_case(grades: [f64; 3]) -> PoolCase {
    let mut ws = Workspace::default();
    put(&mut ws, "park", Data::Park(park("测试园区", "T")));
    for (id, name) in [("A", "甲局"), ("B", "乙局")] {
        put(
            &mut ws,
            id,
            Data::OrgUnit(parkdesk::domain::org::OrgUnitData {
                park_id: Some("park".into()),
                ..parkdesk::domain::org::OrgUnitData::new(name, OrgKind::InternalBody)
            }),
        );
    }
    put(&mut ws, "p1", Data::Person(person("P1", "A", "2012-01-01")));
    put(&mut ws, "p2", Data::Person(person("P2", "A", "2012-01-01")));
    // p3 joined on 2013-07-01: six months (Jul–Dec by the 15th-day rule).
    put(&mut ws, "p3", Data::Person(person("P3", "B", "2013-07-01")));
    // p1 is 正科 in a key post: 1.3 + 0.2.
    put(
        &mut ws,
        "post",
        Data::Post(parkdesk::domain::appointment::PostData {
            org_id: "A".into(),
            title: "局长".into(),
            rank: PostRank::SectionChief,
            is_leadership: true,
            is_principal: true,
            is_key_post: true,
        }),
    );
    put(
        &mut ws,
        "apt",
        Data::Appointment(appointment(
            "p1",
            "post",
            parkdesk::domain::appointment::AppointmentKind::Appointed,
            "2012-01-01",
        )),
    );
    let ua = |o: &str| Assessee {
        org_id: o.into(),
        person_id: None,
    };
    let pa = |o: &str, p: &str| Assessee {
        org_id: o.into(),
        person_id: Some(p.into()),
    };
    put(
        &mut ws,
        "su",
        Data::AssessmentScheme(one_indicator(
            AssesseeKind::InternalBody,
            vec![ua("A"), ua("B")],
        )),
    );
    graded(&mut ws, "ra", "su", ua("A"), 95.0);
    graded(&mut ws, "rb", "su", ua("B"), 85.0);
    put(
        &mut ws,
        "sp",
        Data::AssessmentScheme(AssessmentSchemeData {
            scale: GradeScale::CivilServant,
            ..one_indicator(
                AssesseeKind::Individual,
                vec![pa("A", "p1"), pa("A", "p2"), pa("B", "p3")],
            )
        }),
    );
    graded(&mut ws, "r1", "sp", pa("A", "p1"), grades[0]);
    graded(&mut ws, "r2", "sp", pa("A", "p2"), grades[1]);
    graded(&mut ws, "r3", "sp", pa("B", "p3"), grades[2]);
    let pool = BonusPoolData {
        unit_scheme_ids: vec!["su".into()],
        person_scheme_ids: vec!["sp".into()],
        max_to_mean_permille: None,
        ..BonusPoolData::draft("park", 2013, 1_000_000)
    };
    PoolCase {
        ws,
        pool,
        p1: "p1".into(),
        p2: "p2".into(),
        p3: "p3".into(),
    }
}

fn amount(a: &Allocation, p: &str) -> i64 {
    a.persons
        .iter()
        .find(|x| x.person_id == p)
        .map(PersonShare::total_fen)
        .unwrap_or(-1)
}

#[test]
fn the_two_level_split_follows_the_hand_computed_case_to_the_fen() {
    // Pool ¥10,000. Units: A 好 (1.2) × 24 person-months = 28,800; B 较好 (1.0) × 6 = 6,000.
    // A = 10,000 × 28,800 / 34,800 = 8,275.86 → 8,276 (larger remainder); B = 1,724.
    // Inside A: p1 优秀 1.3 × (1.3 + 0.2) × 12 = 23.4; p2 称职 1.0 × 1.0 × 12 = 12;
    // p1 = 8,276 × 23.4 / 35.4 = 5,470.68 → 5,471; p2 = 2,805.32 → 2,805. B: p3 = 1,724.
    let c = pool_case([95.0, 85.0, 85.0]);
    let a = allocate(&c.ws, &c.pool);
    assert_eq!(a.units.len(), 2);
    assert_eq!(a.units[0].org_id, "A");
    assert_eq!(a.units[0].person_months, 24);
    assert_eq!(a.units[0].amount_fen, 827_600);
    assert_eq!(a.units[1].amount_fen, 172_400);
    let p1 = a.persons.iter().find(|x| x.person_id == c.p1).expect("p1");
    assert_eq!(
        (p1.grade_permille, p1.post_permille, p1.months),
        (1300, 1500, 12)
    );
    assert!(p1.key_post);
    assert_eq!(amount(&a, &c.p1), 547_100);
    assert_eq!(amount(&a, &c.p2), 280_500);
    assert_eq!(amount(&a, &c.p3), 172_400);
    assert_eq!(a.sum_fen(), 1_000_000);
    // Single-level: 10,000 × (23.4 : 12 : 6) / 41.4.
    let single = allocate(
        &c.ws,
        &BonusPoolData {
            method: AllocationMethod::SingleLevel,
            ..c.pool.clone()
        },
    );
    assert_eq!(
        [
            amount(&single, &c.p1),
            amount(&single, &c.p2),
            amount(&single, &c.p3)
        ],
        [565_200, 289_900, 144_900]
    );
    assert_eq!(single.sum_fen(), 1_000_000);
}

#[test]
fn special_awards_sit_outside_the_formula_and_are_capped() {
    let mut c = pool_case([95.0, 85.0, 85.0]);
    c.pool.special_awards = vec![SpecialAward {
        person_id: Some(c.p3.clone()),
        org_id: Some("B".into()),
        amount_fen: 50_050,
        reason: "引进重大项目".into(),
        approved_by_org_id: Some("A".into()),
        basis: None,
    }];
    let a = allocate(&c.ws, &c.pool);
    assert_eq!(a.distributable_fen, 949_950);
    let p3 = a.persons.iter().find(|x| x.person_id == c.p3).expect("p3");
    assert_eq!(p3.special_fen, 50_050);
    assert_eq!(
        a.sum_fen(),
        1_000_000,
        "formula + special awards = the pool, to the fen"
    );
    // The 50 fen of ¥9,499.50 go to the highest-ranked unit and, inside it, to its first person.
    assert_eq!(
        a.units
            .iter()
            .map(|u| u.amount_fen % 100)
            .collect::<Vec<_>>(),
        vec![50, 0]
    );
    // Over 10 % of the pool and without an approving organ: BR-D8 warnings.
    c.pool.special_awards[0].amount_fen = 150_000;
    c.pool.special_awards[0].approved_by_org_id = None;
    put(&mut c.ws, "pool", Data::BonusPool(c.pool.clone()));
    let rules: Vec<_> = parkdesk::domain::rules::check_all(&c.ws, d("2013-12-31"))
        .into_iter()
        .filter(|v| v.id == "pool" && v.rule == "BR-D8")
        .map(|v| v.severity)
        .collect();
    assert_eq!(rules, vec![Severity::Warn, Severity::Warn]);
}

#[test]
fn a_higher_tilt_moves_money_to_key_posts() {
    let c = pool_case([85.0, 85.0, 85.0]);
    let mut last = (0, i64::MAX);
    for tilt in [0, 200, 400, 800] {
        let a = allocate(
            &c.ws,
            &BonusPoolData {
                key_post_bonus_permille: tilt,
                ..c.pool.clone()
            },
        );
        let (key, plain) = (amount(&a, &c.p1), amount(&a, &c.p2));
        assert!(
            key >= last.0 && plain <= last.1,
            "tilt {tilt}: {key} / {plain}"
        );
        assert!(key > plain || tilt == 0 && key >= plain);
        assert_eq!(a.sum_fen(), 1_000_000);
        last = (key, plain);
    }
    // Equal grades, no tilt, equal months: p1 still has the 正科 coefficient.
    assert!(last.0 > last.1);
}

#[test]
fn the_tilt_configuration_is_checked() {
    let mut p = BonusPoolData::draft("park", 2013, 100);
    assert!(p.tilt_problems().is_empty());
    p.person_grade_permille = vec![1300, 1000, 1000, 0];
    p.unit_grade_permille = vec![1200, 1000, 800];
    p.max_to_mean_permille = Some(800);
    let fields: Vec<_> = p.tilt_problems().into_iter().map(|x| x.0).collect();
    assert_eq!(
        fields,
        vec![
            "unit_grade_permille",
            "person_grade_permille",
            "max_to_mean_permille"
        ]
    );
    p = BonusPoolData::draft("park", 2013, 100);
    p.person_grade_permille = vec![1300, 1000, 500, 100];
    assert_eq!(p.tilt_problems().len(), 1, "the lowest person grade gets 0");
}

#[test]
fn an_equal_split_despite_different_grades_is_flagged() {
    // p1 优秀 and p2 称职 in unit A; A shares its ¥8,276 equally: 平均分配.
    let mut c = pool_case([95.0, 85.0, 85.0]);
    c.pool.unit_distributions = vec![UnitDistribution {
        org_id: "A".into(),
        amounts: vec![
            PersonAmount {
                person_id: c.p1.clone(),
                amount_fen: 413_800,
            },
            PersonAmount {
                person_id: c.p2.clone(),
                amount_fen: 413_800,
            },
        ],
    }];
    let a = allocate(&c.ws, &c.pool);
    assert!(a.units[0].own_distribution);
    assert_eq!(amount(&a, &c.p1), 413_800);
    assert_eq!(a.sum_fen(), 1_000_000);
    assert_eq!(equal_shares_despite_grades(&a), vec!["A".to_string()]);
    // An own split that does not add up is not used (and flagged).
    c.pool.unit_distributions[0].amounts[1].amount_fen = 1;
    let a = allocate(&c.ws, &c.pool);
    assert!(!a.units[0].own_distribution);
    assert_eq!(amount(&a, &c.p1), 547_100);
    put(&mut c.ws, "pool", Data::BonusPool(c.pool.clone()));
    assert!(
        parkdesk::domain::rules::check_all(&c.ws, d("2013-12-31"))
            .iter()
            .any(|v| v.id == "pool" && v.rule == "BR-D6" && v.severity == Severity::Warn)
    );
}

#[test]
fn result_use_off_the_list_needs_a_deviation_reason() {
    let c = pool_case([95.0, 85.0, 85.0]);
    let mut ws = c.ws.clone();
    let lists = priority_lists(&ws, "sp");
    assert_eq!(
        lists
            .promotion
            .iter()
            .filter_map(|r| r.assessee.person_id.clone())
            .collect::<Vec<_>>(),
        vec![c.p1.clone()]
    );
    assert!(lists.lists(ResultUseKind::Commendation, &c.p1));
    let use_of = |p: &str, reason: Option<&str>| {
        Data::ResultUse(ResultUseData {
            scheme_id: "sp".into(),
            person_id: p.into(),
            kind: ResultUseKind::Commendation,
            decided_on: Some(d("2013-12-30")),
            basis: None,
            deviation_reason: reason.map(str::to_string),
        })
    };
    put(&mut ws, "u1", use_of(&c.p1, None));
    put(&mut ws, "u2", use_of(&c.p2, None));
    put(&mut ws, "u3", use_of(&c.p3, Some("抢险救灾表现突出")));
    let d9 = |id: &str| {
        parkdesk::domain::rules::check_all(&ws, d("2013-12-31"))
            .iter()
            .any(|v| v.id == id && v.rule == "BR-D9" && v.field == Some("deviation_reason"))
    };
    assert!(!d9("u1"));
    assert!(d9("u2"));
    assert!(!d9("u3"));
}

// ---- the demo --------------------------------------------------------------------------------

#[test]
fn the_demo_has_the_outline_of_section_7_6() {
    let ws = sample::demo();
    let o = Outcomes::of(&ws);
    let by_title = |t: &str| {
        ws.assessment_schemes
            .iter_live()
            .find(|s| s.data.title.contains(t))
            .map(|s| (s.meta.id.clone(), s.data.clone()))
            .expect(t)
    };
    // County level: GM 好, GLG 较好, SC 较好.
    let (cid, county) = by_title("县区及园区目标责任制");
    assert_eq!(county.status, SchemeStatus::Applied);
    let grade = |park: &str| {
        let mgmt = ws
            .org_units
            .iter_live()
            .find(|u| u.data.kind == OrgKind::ParkMgmtCommittee && u.data.name.starts_with(park))
            .map(|u| u.meta.id.clone())
            .expect("mgmt");
        o.get(&cid)
            .and_then(|x| {
                x.row(&Assessee {
                    org_id: mgmt,
                    person_id: None,
                })
            })
            .and_then(|r| r.level)
            .map(|l| county.scale.grade(l).zh)
    };
    assert_eq!(grade("保山工贸").as_deref(), Some("好"));
    assert_eq!(grade("高黎贡山").as_deref(), Some("较好"));
    assert_eq!(grade("水长").as_deref(), Some("较好"));
    // The departments' scheme carries the 2013 accountability deductions (BR-D10).
    let (did, _) = by_title("职能部门");
    let lines: usize = o
        .get(&did)
        .map(|x| x.rows.iter().map(|r| r.deductions.len()).sum())
        .unwrap_or(0);
    assert_eq!(lines, 2);
    // Individual grades about 18 / 78 / 3 / 1 %.
    let mut dist = [0usize; 4];
    for s in ws
        .assessment_schemes
        .iter_live()
        .filter(|s| s.data.assessee_kind == AssesseeKind::Individual)
    {
        for r in &o.get(s.id()).expect("outcome").rows {
            dist[usize::from(r.level.expect("graded"))] += 1;
        }
    }
    let n: usize = dist.iter().sum();
    let pct = |k: usize| dist[k] as f64 * 100.0 / n as f64;
    assert!(n > 450, "{n}");
    assert!((16.0..=20.0).contains(&pct(0)), "{dist:?}");
    assert!((75.0..=81.0).contains(&pct(1)), "{dist:?}");
    assert!((2.0..=4.0).contains(&pct(2)), "{dist:?}");
    assert!((0.5..=2.0).contains(&pct(3)), "{dist:?}");
    // Pools: totals, 2–3 special awards within 10 %, allocations that add up to the fen.
    for (park, total) in [
        ("保山工贸", 120_000_000),
        ("高黎贡山", 90_000_000),
        ("水长", 80_000_000),
    ] {
        let p = ws
            .bonus_pools
            .iter_live()
            .find(|p| p.data.title.contains(park))
            .expect(park);
        assert_eq!(p.data.total_fen, total);
        assert!((2..=3).contains(&p.data.special_awards.len()));
        assert!(p.data.special_fen() * 10 <= total);
        let a = bonus::allocate_with(&ws, &p.data, &o);
        assert_eq!(a.sum_fen(), total, "{park}");
        assert_eq!(a.undistributed_fen, 0);
        assert!(a.excluded.is_empty());
    }
    // Teaching cases: SC's equal split (BR-D6), one use off the list with its reason (BR-D9),
    // and nothing blocking.
    let all = parkdesk::domain::rules::check_all(&ws, d("2013-12-31"));
    assert!(
        all.iter()
            .any(|v| v.rule == "BR-D6" && v.severity == Severity::Warn)
    );
    let deviations = ws
        .result_uses
        .iter_live()
        .filter(|u| u.data.deviation_reason.is_some())
        .count();
    assert_eq!(deviations, 1);
    assert!(
        !all.iter().any(|v| v.rule == "BR-D9"),
        "the deviation has its reason"
    );
    assert!(
        !all.iter()
            .any(|v| v.rule == "BR-D1" || v.rule == "BR-D2" || v.rule == "BR-D3")
    );
    assert!(
        !all.iter().any(|v| v.severity == Severity::Block),
        "no Block in the demo"
    );
}

// ---- properties --------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The split never loses or creates money, pays whole yuan (the sub-yuan fen to one
    /// recipient), and a better-ranked recipient with at least the weight of a worse-ranked one
    /// never gets less.
    #[test]
    fn apportion_keeps_every_fen_and_is_monotone(
        total in 0i64..500_000_000,
        weights in proptest::collection::vec(0u128..5_000_000, 1..40),
        cap in proptest::option::of(1000u32..5000),
        highest in proptest::bool::ANY,
    ) {
        let rule = if highest { RemainderRule::ToHighestRanked } else { RemainderRule::LargestRemainder };
        let a = apportion(total, &weights, cap, rule);
        prop_assert_eq!(a.len(), weights.len());
        if weights.iter().any(|w| *w > 0) {
            prop_assert_eq!(a.iter().sum::<i64>(), total);
        } else {
            prop_assert!(a.iter().all(|x| *x == 0));
        }
        prop_assert!(a.iter().all(|x| *x >= 0));
        prop_assert!(a.iter().filter(|x| *x % 100 != 0).count() <= 1);
        for (i, w) in weights.iter().enumerate() {
            if *w == 0 {
                prop_assert_eq!(a[i], 0);
            }
        }
        if rule == RemainderRule::LargestRemainder {
            for i in 0..weights.len() {
                for j in i + 1..weights.len() {
                    if weights[i] >= weights[j] {
                        prop_assert!(a[i] >= a[j], "{} {} {:?}", i, j, a);
                    }
                }
            }
        }
        if let (Some(c), RemainderRule::LargestRemainder) = (cap, rule) {
            // Nobody above the cap by a yuan or more (plus the sub-yuan fen).
            let n = weights.iter().filter(|w| **w > 0).count() as i128;
            if n > 0 {
                let limit = i128::from(c) * i128::from(total / 100) / (1000 * n) * 100 + 200;
                prop_assert!(a.iter().all(|x| i128::from(*x) <= limit));
            }
        }
    }

    /// A whole allocation adds up to the pool to the fen, whatever the grades, method and cap.
    #[test]
    fn allocation_adds_up_to_the_pool(
        g in proptest::array::uniform3(55.0f64..100.0),
        pool_yuan in 0i64..3_000_000,
        fen in 0i64..100,
        two_level in proptest::bool::ANY,
        cap in proptest::option::of(1000u32..4000),
        special in 0i64..2_000_000,
    ) {
        let mut c = pool_case(g);
        c.pool.total_fen = pool_yuan * 100 + fen;
        c.pool.method = if two_level { AllocationMethod::TwoLevel } else { AllocationMethod::SingleLevel };
        c.pool.max_to_mean_permille = cap;
        c.pool.special_awards = vec![SpecialAward {
            person_id: Some(c.p2.clone()),
            org_id: Some("A".into()),
            amount_fen: special,
            reason: "特殊贡献".into(),
            approved_by_org_id: Some("A".into()),
            basis: None,
        }];
        let a = allocate(&c.ws, &c.pool);
        prop_assert_eq!(a.sum_fen(), c.pool.total_fen);
        prop_assert!(a.persons.iter().all(|p| p.formula_fen >= 0));
    }

    /// In one unit (same post, same months) a better grade never gets less, with or without the
    /// cap, under either remainder rule.
    #[test]
    fn a_better_grade_never_gets_less(
        scores in proptest::collection::vec(50.0f64..100.0, 2..12),
        total in 0i64..100_000_000,
        cap in proptest::option::of(1000u32..4000),
        highest in proptest::bool::ANY,
    ) {
        let (ws, ids) = unit_case(&scores);
        let pool = BonusPoolData {
            unit_scheme_ids: vec!["su".into()],
            person_scheme_ids: vec!["sp".into()],
            max_to_mean_permille: cap,
            remainder: if highest { RemainderRule::ToHighestRanked } else { RemainderRule::LargestRemainder },
            ..BonusPoolData::draft("park", 2013, total)
        };
        let a = allocate(&ws, &pool);
        prop_assert_eq!(a.sum_fen(), total);
        let lines: Vec<&PersonShare> = ids
            .iter()
            .filter_map(|p| a.persons.iter().find(|x| &x.person_id == p))
            .collect();
        prop_assert_eq!(lines.len(), ids.len());
        for x in &lines {
            for y in &lines {
                if x.level < y.level {
                    prop_assert!(x.total_fen() >= y.total_fen(), "{:?} vs {:?}", x, y);
                }
            }
        }
    }
}

/// One graded unit of one park with people of the given scores (same post, same months).
fn unit_case(scores: &[f64]) -> (Workspace, Vec<String>) {
    let mut ws = Workspace::default();
    put(&mut ws, "park", Data::Park(park("测试园区", "T")));
    put(
        &mut ws,
        "A",
        Data::OrgUnit(parkdesk::domain::org::OrgUnitData {
            park_id: Some("park".into()),
            ..parkdesk::domain::org::OrgUnitData::new("甲局", OrgKind::InternalBody)
        }),
    );
    let ids: Vec<String> = (0..scores.len()).map(|i| format!("p{i:02}")).collect();
    for id in &ids {
        put(&mut ws, id, Data::Person(person(id, "A", "2012-01-01")));
    }
    let ua = Assessee {
        org_id: "A".into(),
        person_id: None,
    };
    let pa = |p: &str| Assessee {
        org_id: "A".into(),
        person_id: Some(p.into()),
    };
    put(
        &mut ws,
        "su",
        Data::AssessmentScheme(one_indicator(AssesseeKind::InternalBody, vec![ua.clone()])),
    );
    graded(&mut ws, "ru", "su", ua, 90.0);
    put(
        &mut ws,
        "sp",
        Data::AssessmentScheme(AssessmentSchemeData {
            scale: GradeScale::CivilServant,
            ..one_indicator(
                AssesseeKind::Individual,
                ids.iter().map(|p| pa(p)).collect(),
            )
        }),
    );
    for (i, (p, s)) in ids.iter().zip(scores).enumerate() {
        graded(&mut ws, &format!("r{i}"), "sp", pa(p), *s);
    }
    (ws, ids)
}

#[test]
fn a_better_grade_never_gets_less_in_the_same_unit() {
    // Eight people in one unit, same post and months, grades spread: the amounts follow the
    // grades, and 不称职 gets nothing.
    let (ws, ids) = unit_case(&[96.0, 91.0, 88.0, 86.0, 82.0, 75.0, 65.0, 55.0]);
    for total in [1_000_000i64, 1_234_567, 999] {
        let pool = BonusPoolData {
            unit_scheme_ids: vec!["su".into()],
            person_scheme_ids: vec!["sp".into()],
            ..BonusPoolData::draft("park", 2013, total)
        };
        let a = allocate(&ws, &pool);
        assert_eq!(a.sum_fen(), total);
        let amounts: Vec<i64> = ids
            .iter()
            .map(|p| {
                a.persons
                    .iter()
                    .find(|x| &x.person_id == p)
                    .map(|x| x.total_fen())
                    .expect("line")
            })
            .collect();
        assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "{amounts:?}");
        assert_eq!(amounts[7], 0);
    }
}
