//! Supervision and accountability (report S7.1; shared/domain.md §4.E, §4.G, §5.E, §6.6): the
//! verdict of a delegation from its checks, findings from verdicts (BR-E3), evidence for serious
//! verdicts (BR-E4), the rectification state machine with derived overdue (BR-E5), repeat
//! findings and accountability (BR-E6), the metrics, and the demo's §7.5 figures.

mod common;

use common::*;
use parkdesk::domain::accountability::{self as acc, *};
use parkdesk::domain::command::{Act, Command, CommandError};
use parkdesk::domain::delegation::*;
use parkdesk::domain::delegation_metrics::{self as dm, DelegationScope};
use parkdesk::domain::finding::*;
use parkdesk::domain::inspection::*;
use parkdesk::domain::metrics::Ratio;
use parkdesk::domain::power::ProcessLink;
use parkdesk::domain::rectification::{self as rect, *};
use parkdesk::domain::rules::{Severity, Violation, check_all};
use parkdesk::domain::sample::demo_with_catalogue;
use parkdesk::domain::supervision_metrics as sm;
use parkdesk::domain::workspace::{Data, Kind, Workspace};

struct World {
    h: Harness,
}

impl World {
    fn new() -> World {
        let mut h = Harness::with(demo_with_catalogue());
        // Steps are recorded up to "today" (the harness clock is 2013-06-01): move it on.
        h.now = "2014-03-01T08:00:00Z".parse().expect("time");
        World { h }
    }
    fn ws(&self) -> &Workspace {
        self.h.ws()
    }
    fn park(&self, code: &str) -> String {
        self.ws()
            .parks
            .iter_live()
            .find(|p| p.data.short_code == code)
            .map(|p| p.meta.id.clone())
            .expect("park")
    }
    fn item(&self, code: &str) -> String {
        self.ws()
            .power_items
            .iter_live()
            .find(|i| i.data.item_code == code)
            .map(|i| i.meta.id.clone())
            .expect("item")
    }
    fn dept_of(&self, delegation: &str) -> String {
        let d = self.ws().delegations.get(delegation).expect("d");
        source_dept(self.ws(), &d.data).cloned().expect("dept")
    }
    /// A city economic item handed over to GM on 2012-11-01.
    fn delegate(&mut self, code: &str) -> String {
        let links = self
            .ws()
            .power_items
            .get(&self.item(code))
            .map(|i| i.data.process_links.clone())
            .unwrap_or_default();
        let data = DelegationData {
            power_item_id: self.item(code),
            park_id: self.park("GM"),
            grantor: Grantor::City,
            mode: DelegationMode::Authorise,
            territory: Territory::WholePark,
            recipient_org_id: None,
            batch: None,
            effective_from: Some(d("2012-11-01")),
            term_until: None,
            delegated_links: links,
            retained_links: vec![],
            added_preconditions: vec![],
            need: Some(Need {
                requested_by_park: true,
                expected_annual_cases: Some(0),
                rationale: "园区项目集中".into(),
            }),
            capacity: Some(Capacity {
                assessed_on: d("2012-10-10"),
                scores: CapacityDimension::ALL
                    .iter()
                    .map(|x| DimensionScore {
                        dimension: *x,
                        score: 4,
                    })
                    .collect(),
                gaps: vec![],
            }),
            override_reason: None,
            approved_on: Some(d("2012-10-15")),
            handover_by_source_on: Some(d("2012-10-20")),
            handover_by_park_on: Some(d("2012-10-20")),
            parallel: false,
            lifecycle: Lifecycle::HandedOver,
            reception: Reception::Received,
            cases: vec![],
            history: vec![],
        };
        self.h.create(Data::Delegation(data))
    }
    fn campaign(&mut self, from: &str, to: &str) -> String {
        let gm = self.park("GM");
        campaign(&mut self.h, &[gm], from, to)
    }
    fn save_check(
        &mut self,
        id: Option<String>,
        c: InspectionCheckData,
    ) -> Result<String, Vec<Violation>> {
        match self.h.run(Command::Save {
            id,
            data: Data::InspectionCheck(c),
            base_rev: None,
        }) {
            Ok(out) => Ok(out.id.expect("id")),
            Err(CommandError::Rejected(v)) => Err(v),
            Err(e) => panic!("{e:?}"),
        }
    }
    fn act(&mut self, id: &str, act: Act) -> Result<(), Vec<Violation>> {
        match self.h.run(Command::Act {
            id: id.into(),
            act,
            base_rev: None,
        }) {
            Ok(_) => Ok(()),
            Err(CommandError::Rejected(v)) => Err(v),
            Err(e) => panic!("{e:?}"),
        }
    }
    fn findings_of(&self, check: &str) -> Vec<(String, FindingData)> {
        self.ws()
            .findings
            .iter_live()
            .filter(|f| f.data.check_ids.iter().any(|c| c == check))
            .map(|f| (f.meta.id.clone(), f.data.clone()))
            .collect()
    }
    fn orders_of(&self, finding: &str) -> Vec<(String, RectificationOrderData)> {
        self.ws()
            .rectification_orders
            .iter_live()
            .filter(|o| o.data.finding_ids.iter().any(|f| f == finding))
            .map(|o| (o.meta.id.clone(), o.data.clone()))
            .collect()
    }
    fn on(&self, id: &str, day: &str) -> Vec<Violation> {
        check_all(self.ws(), d(day))
            .into_iter()
            .filter(|v| v.id == id)
            .collect()
    }
}

// ---------------------------------------------------------------- verdict from checks

#[test]
fn a_delegations_verdict_is_its_latest_check_in_the_latest_campaign() {
    let mut w = World::new();
    let a = w.delegate("QT00101000");
    let b = w.delegate("XK00102000");
    let c1 = w.campaign("2013-06-01", "2013-06-30");
    let c2 = w.campaign("2013-12-01", "2013-12-31");
    record_verdict(&mut w.h, &c1, &a, Verdict::NominalOnly, "2013-06-10");
    record_verdict(&mut w.h, &c1, &b, Verdict::InPlace, "2013-06-12");
    // A re-check later in the same campaign replaces the first.
    record_verdict(&mut w.h, &c1, &b, Verdict::MostlyInPlace, "2013-06-20");
    record_verdict(&mut w.h, &c2, &a, Verdict::InPlace, "2013-12-05");
    let ws = w.ws();
    let on = |day: &str| latest_verdicts(ws, d(day));
    assert!(on("2013-06-09").is_empty(), "nothing checked yet");
    assert_eq!(on("2013-06-15").get(&b), Some(&Verdict::InPlace));
    assert_eq!(on("2013-06-30").get(&a), Some(&Verdict::NominalOnly));
    assert_eq!(on("2013-06-30").get(&b), Some(&Verdict::MostlyInPlace));
    assert_eq!(on("2013-12-31").get(&a), Some(&Verdict::InPlace));
    assert_eq!(on("2013-12-31").get(&b), Some(&Verdict::MostlyInPlace));
    // 放权到位率 follows: as of June 1 of 2 (strict 0/2, lenient 1/2); in December 1 of 2.
    let city = DelegationScope::City;
    assert_eq!(
        dm::in_place_rate(ws, d("2013-06-30"), &city, false),
        Ratio { num: 0, den: 2 }
    );
    assert_eq!(
        dm::in_place_rate(ws, d("2013-06-30"), &city, true),
        Ratio { num: 1, den: 2 }
    );
    assert_eq!(
        dm::in_place_rate(ws, d("2013-12-31"), &city, false),
        Ratio { num: 1, den: 2 }
    );
    // The combined display status reads the verdict of the date.
    let da = &ws.delegations.get(&a).expect("a").data;
    assert_eq!(
        da.display_status(on("2013-06-30").get(&a).copied(), d("2013-06-30")),
        DisplayStatus::Problem
    );
    assert_eq!(
        da.display_status(on("2013-12-31").get(&a).copied(), d("2013-12-31")),
        DisplayStatus::InForce
    );
    // The campaign-over-campaign change: 0/2 → 1/2 strict = +50 points.
    let rates = sm::campaign_rates(ws, d("2013-12-31"));
    assert_eq!(rates.len(), 2);
    assert_eq!(rates[0].strict, Ratio { num: 0, den: 2 });
    assert_eq!(rates[1].strict, Ratio { num: 1, den: 2 });
    assert_eq!(rates[1].change_strict, Some(50.0));
    assert_eq!(rates[1].change_lenient, Some(50.0));
}

#[test]
fn not_applicable_counts_as_checked_but_not_rated() {
    let mut w = World::new();
    let a = w.delegate("QT00101000");
    let b = w.delegate("XK00102000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    record_verdict(&mut w.h, &c, &a, Verdict::NotApplicable, "2013-06-10");
    record_verdict(&mut w.h, &c, &b, Verdict::InPlace, "2013-06-10");
    let city = DelegationScope::City;
    let day = d("2013-07-01");
    assert_eq!(
        dm::inspection_coverage(w.ws(), day, &city),
        Ratio { num: 2, den: 2 }
    );
    assert_eq!(
        dm::in_place_rate(w.ws(), day, &city, false),
        Ratio { num: 1, den: 1 }
    );
    assert_eq!(sm::problem_rate(w.ws(), &c), Ratio { num: 0, den: 1 });
}

// ---------------------------------------------------------------- BR-E3 / BR-E4

#[test]
fn br_e4_a_nominal_only_verdict_needs_evidence_a_responsible_department_and_a_reason() {
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    let mut check = verdict_check(w.ws(), &c, &a, Verdict::NominalOnly, "2013-06-10");
    check.evidence.clear();
    check.responsible_org_id = None;
    check.verdict_reason = " ".into();
    let before = w.ws().clone();
    let v = w.save_check(None, check.clone()).expect_err("refused");
    let fields: Vec<_> = v
        .iter()
        .filter(|x| x.rule == "BR-E4")
        .map(|x| x.field.unwrap_or(""))
        .collect();
    assert_eq!(
        fields,
        vec!["evidence", "responsible_org_id", "verdict_reason"]
    );
    assert!(v[0].message.zh.contains("明放暗不放") && v[0].severity == Severity::Block);
    assert_eq!(w.ws(), &before, "nothing saved: no check, no finding");
    // 基本到位 needs none of that.
    let mut mild = check.clone();
    mild.verdict = Some(Verdict::MostlyInPlace);
    assert!(w.save_check(None, mild).is_ok());
    // With evidence, a department and a reason the verdict is recorded.
    check.evidence = verdict_check(w.ws(), &c, &a, Verdict::NominalOnly, "2013-06-10").evidence;
    check.responsible_org_id = Some(w.dept_of(&a));
    check.verdict_reason = "原部门仍在办理".into();
    assert!(w.save_check(None, check).is_ok());
}

#[test]
fn br_e3_a_problem_verdict_creates_its_finding_and_order_in_one_undoable_step() {
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    let check = record_verdict(&mut w.h, &c, &a, Verdict::NominalOnly, "2013-06-10");
    let found = w.findings_of(&check);
    assert_eq!(found.len(), 1);
    let (fid, f) = &found[0];
    assert_eq!(f.category, FindingCategory::NominalOnly);
    assert_eq!(f.status, FindingStatus::Draft);
    assert_eq!(f.severity, FindingSeverity::Serious);
    assert_eq!(
        f.lead_responsible_org_id.as_deref(),
        Some(w.dept_of(&a).as_str())
    );
    let orders = w.orders_of(fid);
    assert_eq!(orders.len(), 1, "BR-E5: 明放暗不放 needs an order");
    let o = &orders[0].1;
    assert_eq!(o.status, RectificationStatus::Draft);
    assert_eq!(o.deadline, Some(d("2013-07-10")), "default 30 days");
    assert_eq!(o.lead_org_id, f.lead_responsible_org_id);
    assert_eq!(o.notice_no, "督改〔2013〕1号");
    // One undo takes the check, the finding and the order back.
    w.h.undo().expect("undo");
    assert_eq!(w.ws().inspection_checks.count_live(), 0);
    assert_eq!(w.ws().findings.count_live(), 0);
    assert_eq!(w.ws().rectification_orders.count_live(), 0);
    w.h.redo().expect("redo");
    assert_eq!(w.ws().findings.count_live(), 1);
}

#[test]
fn br_e3_the_draft_finding_follows_the_verdict_until_confirmed() {
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    let check = record_verdict(&mut w.h, &c, &a, Verdict::Discounted, "2013-06-10");
    let mut data = w
        .ws()
        .inspection_checks
        .get(&check)
        .expect("c")
        .data
        .clone();
    // 基本到位: a minor finding without an order.
    data.verdict = Some(Verdict::MostlyInPlace);
    w.save_check(Some(check.clone()), data.clone())
        .expect("changed");
    let found = w.findings_of(&check);
    assert_eq!(found[0].1.category, FindingCategory::MinorGap);
    assert_eq!(found[0].1.severity, FindingSeverity::Minor);
    assert!(w.orders_of(&found[0].0).is_empty(), "the draft order went");
    // 承接不到位: the park committee answers (BR-E3).
    data.verdict = Some(Verdict::NotReceived);
    data.responsible_org_id = None;
    w.save_check(Some(check.clone()), data.clone())
        .expect("changed");
    let (fid, f) = w.findings_of(&check).remove(0);
    let committee = park_committee(w.ws(), &w.park("GM")).cloned();
    assert_eq!(f.lead_responsible_org_id, committee);
    assert_eq!(w.orders_of(&fid).len(), 1);
    // 到位: the draft finding and its draft order are withdrawn.
    data.verdict = Some(Verdict::InPlace);
    w.save_check(Some(check.clone()), data.clone())
        .expect("changed");
    assert!(w.findings_of(&check).is_empty());
    assert_eq!(w.ws().rectification_orders.count_live(), 0);
    // Once confirmed, a finding belongs to the group: a changed verdict leaves it alone and warns.
    data.verdict = Some(Verdict::Withheld);
    data.responsible_org_id = Some(w.dept_of(&a));
    w.save_check(Some(check.clone()), data.clone())
        .expect("changed");
    let (fid, _) = w.findings_of(&check).remove(0);
    w.act(
        &fid,
        Act::Finding(FindingStep {
            to: FindingStatus::Confirmed,
            on: d("2013-06-20"),
            reason: String::new(),
        }),
    )
    .expect("confirm");
    data.verdict = Some(Verdict::InPlace);
    w.save_check(Some(check.clone()), data).expect("changed");
    let kept = w.findings_of(&check);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].1.category, FindingCategory::Withheld);
    assert!(
        w.on(&fid, "2013-07-01")
            .iter()
            .any(|v| v.rule == "BR-E3" && v.field == Some("category"))
    );
}

#[test]
fn a_support_gap_of_a_department_is_a_finding_against_that_department() {
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let dept = w.dept_of(&a);
    let c = w.campaign("2013-06-01", "2013-06-30");
    let check = InspectionCheckData {
        campaign_id: c.clone(),
        target: CheckTarget::Department {
            org_id: dept.clone(),
        },
        aspect: InspectionAspect::Support,
        checked_on: Some(d("2013-06-11")),
        methods: vec![CheckMethod::GroupTalk],
        evidence: vec![],
        verdict: None,
        result: Some(AspectResult::NotInPlace),
        verdict_reason: "未开展业务培训".into(),
        responsible_org_id: None,
        inspectors: vec![],
        migrated: false,
    };
    // A department takes a result, not a delegation verdict.
    let mut wrong = check.clone();
    wrong.verdict = Some(Verdict::InPlace);
    assert_eq!(
        w.save_check(None, wrong).expect_err("refused")[0].field,
        Some("verdict")
    );
    let id = w.save_check(None, check).expect("saved");
    let (_, f) = w.findings_of(&id).remove(0);
    assert_eq!(f.category, FindingCategory::SupportGap);
    assert_eq!(f.lead_responsible_org_id, Some(dept));
    // Aspect coverage: the department was reached under 授权? No — only under 支持.
    let cov = sm::aspect_coverage(w.ws(), &c, d("2013-06-30"));
    assert_eq!(
        cov[0],
        (InspectionAspect::Authorisation, Ratio { num: 0, den: 1 })
    );
    assert_eq!(
        cov[1],
        (InspectionAspect::Support, Ratio { num: 1, den: 1 })
    );
    assert_eq!(
        cov[2],
        (InspectionAspect::Service, Ratio { num: 0, den: 1 })
    );
    assert_eq!(
        sm::department_coverage(w.ws(), &c, d("2013-06-30")),
        Ratio { num: 1, den: 1 }
    );
}

// ---------------------------------------------------------------- BR-E1 / BR-E2

#[test]
fn br_e2_checks_for_every_due_delegation_in_one_step_and_the_coverage_warning() {
    let mut w = World::new();
    let a = w.delegate("QT00101000");
    w.delegate("XK00102000");
    w.delegate("XK00301000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    record_verdict(&mut w.h, &c, &a, Verdict::InPlace, "2013-06-03");
    let missing = missing_checks(w.ws(), &c, d("2013-06-30"));
    assert_eq!(missing.len(), 2, "one is checked already");
    w.h.run(Command::CreateMany {
        items: missing,
        summary: parkdesk::domain::text::Text::new("生成核查清单", "Checks created"),
    })
    .expect("created");
    assert_eq!(w.ws().inspection_checks.count_live(), 3);
    assert!(missing_checks(w.ws(), &c, d("2013-06-30")).is_empty());
    // Fieldwork over with two pending checks: BR-E2 warns on the campaign with the count.
    for to in [CampaignStatus::Fieldwork, CampaignStatus::Consolidating] {
        w.act(
            &c,
            Act::Campaign(CampaignStep {
                to,
                on: d("2013-06-30"),
                reason: String::new(),
            }),
        )
        .expect("step");
    }
    let v = w.on(&c, "2013-07-01");
    let e2: Vec<_> = v.iter().filter(|x| x.rule == "BR-E2").collect();
    assert_eq!(e2.len(), 1);
    assert!(e2[0].message.zh.contains("2 项"), "{}", e2[0].message.zh);
    // Reporting needs the report document.
    let err = w
        .act(
            &c,
            Act::Campaign(CampaignStep {
                to: CampaignStatus::Reported,
                on: d("2013-07-02"),
                reason: String::new(),
            }),
        )
        .expect_err("no report yet");
    assert!(err[0].message.zh.contains("通报"));
    // One undo removes the two generated checks together.
    w.h.undo().expect("undo step");
    w.h.undo().expect("undo step");
    w.h.undo().expect("undo batch");
    assert_eq!(w.ws().inspection_checks.count_live(), 1);
}

#[test]
fn br_e1_a_campaign_missing_an_aspect_is_noted() {
    let mut w = World::new();
    let gm = w.park("GM");
    let c = campaign(&mut w.h, &[gm], "2013-06-01", "2013-06-30");
    let mut data = w.ws().inspection_campaigns.get(&c).expect("c").data.clone();
    data.aspects = vec![InspectionAspect::Authorisation];
    w.h.run(Command::Save {
        id: Some(c.clone()),
        data: Data::InspectionCampaign(data),
        base_rev: None,
    })
    .expect("saved");
    let v = w.on(&c, "2013-06-15");
    let e1 = v.iter().find(|x| x.rule == "BR-E1").expect("BR-E1");
    assert_eq!(e1.severity, Severity::Info);
    assert!(e1.message.zh.contains("支持、服务"));
}

// ---------------------------------------------------------------- rectification state machine

/// An order in `status`, issued 2013-07-08 with deadline 2013-08-07 (feedback on file where the
/// state needs it), stored directly so each state can be tried.
fn order_in(status: RectificationStatus, finding: &str, lead: &str) -> RectificationOrderData {
    let issued = status != RectificationStatus::Draft;
    RectificationOrderData {
        notice_no: format!("督改〔2013〕{}号", status.code()),
        finding_ids: vec![finding.into()],
        lead_org_id: Some(lead.into()),
        assist_org_ids: vec![],
        requirements: "限期整改".into(),
        issued_on: issued.then(|| d("2013-07-08")),
        deadline: Some(d("2013-08-07")),
        urgency: Urgency::Normal,
        is_major: false,
        status,
        reminders: vec![],
        extensions: if status == RectificationStatus::ExtensionRequested {
            vec![Extension {
                requested_on: d("2013-08-01"),
                new_deadline: d("2013-09-30"),
                reason: "需协调".into(),
                decided_on: None,
                approved: None,
                comment: String::new(),
            }]
        } else {
            vec![]
        },
        feedbacks: if status == RectificationStatus::Submitted {
            vec![Feedback {
                on: d("2013-08-01"),
                measures: "已整改".into(),
                evidence: vec!["报告".into()],
                self_assessment: String::new(),
            }]
        } else {
            vec![]
        },
        reviews: if status == RectificationStatus::Closed {
            vec![Review {
                on: d("2013-08-03"),
                reviewer: "组长".into(),
                pass: true,
                comment: String::new(),
            }]
        } else {
            vec![]
        },
        yellow_card: None,
        history: vec![],
    }
}

/// One of each action, dated 2013-08-30 (past the deadline and its 15-day grace: second overdue).
fn every_action() -> Vec<(&'static str, RectAction)> {
    let on = d("2013-08-30");
    vec![
        (
            "assign",
            RectAction::Assign {
                on,
                deadline: Some(d("2013-09-30")),
            },
        ),
        ("acknowledge", RectAction::Acknowledge { on }),
        ("remind", RectAction::Remind { on }),
        (
            "request",
            RectAction::RequestExtension {
                on: d("2013-08-05"),
                new_deadline: d("2013-09-30"),
                reason: "需协调".into(),
            },
        ),
        (
            "decide",
            RectAction::DecideExtension {
                on,
                approve: true,
                comment: "同意".into(),
            },
        ),
        (
            "submit",
            RectAction::Submit {
                on,
                measures: "已整改".into(),
                evidence: vec!["报告".into()],
                self_assessment: String::new(),
            },
        ),
        (
            "pass",
            RectAction::Review {
                on,
                reviewer: "组长".into(),
                pass: true,
                comment: String::new(),
            },
        ),
        (
            "fail",
            RectAction::Review {
                on,
                reviewer: "组长".into(),
                pass: false,
                comment: "证据不足".into(),
            },
        ),
        (
            "suspend",
            RectAction::Suspend {
                on,
                reason: "事项已取消".into(),
            },
        ),
        (
            "card",
            RectAction::YellowCard {
                on,
                reason: "二次逾期".into(),
            },
        ),
    ]
}

#[test]
fn every_rectification_step_is_allowed_or_refused_as_the_state_machine_says() {
    use RectificationStatus::*;
    // Hand-written from shared/domain.md §4.G: (from, action) → to; anything else is refused.
    let allowed: &[(RectificationStatus, &str, RectificationStatus)] = &[
        (Draft, "assign", Assigned),
        (Draft, "suspend", Suspended),
        (Assigned, "acknowledge", InProgress),
        (Assigned, "remind", Assigned),
        (Assigned, "card", Assigned),
        (Assigned, "suspend", Suspended),
        (InProgress, "remind", InProgress),
        (InProgress, "request", ExtensionRequested),
        (InProgress, "submit", Submitted),
        (InProgress, "card", InProgress),
        (InProgress, "suspend", Suspended),
        (ExtensionRequested, "decide", InProgress),
        (ExtensionRequested, "remind", ExtensionRequested),
        (ExtensionRequested, "suspend", Suspended),
        (Submitted, "pass", Closed),
        (Submitted, "fail", InProgress),
        (Submitted, "suspend", Suspended),
    ];
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    let check = record_verdict(&mut w.h, &c, &a, Verdict::NominalOnly, "2013-06-10");
    let (fid, _) = w.findings_of(&check).remove(0);
    let lead = w.dept_of(&a);
    let mut tried = 0;
    for from in RectificationStatus::ALL {
        for (name, act) in every_action() {
            let mut order = order_in(*from, &fid, &lead);
            order.notice_no = format!("督改〔2013〕T{tried}号");
            let mut draft = order_in(Draft, &fid, &lead);
            draft.notice_no = order.notice_no.clone();
            let id = w.h.create(Data::RectificationOrder(draft));
            // Put the order into `from` directly (as an import would), then take the step.
            let mut rec = w.ws().rectification_orders.get(&id).expect("o").clone();
            rec.data = order;
            let mut ws = w.ws().clone();
            ws.rectification_orders.insert(rec);
            let mut h = Harness::with(ws);
            h.now = w.h.now;
            let before = h.ws().clone();
            let result = h.run(Command::Act {
                id: id.clone(),
                act: Act::Rectification(act),
                base_rev: None,
            });
            let expected = allowed
                .iter()
                .find(|(f, n, _)| f == from && *n == name)
                .map(|x| x.2);
            match (result, expected) {
                (Ok(_), Some(to)) => {
                    let after = &h.ws().rectification_orders.get(&id).expect("o").data;
                    assert_eq!(after.status, to, "{from:?} + {name}");
                    let last = after.history.last().expect("history written");
                    assert_eq!(
                        (last.from.as_str(), last.to.as_str()),
                        (from.code(), to.code())
                    );
                    assert_eq!(last.by_office, "office-test");
                    assert_eq!(
                        last.on,
                        if name == "request" {
                            d("2013-08-05")
                        } else {
                            d("2013-08-30")
                        }
                    );
                }
                (Err(CommandError::Rejected(v)), None) => {
                    assert_eq!(v[0].rule, "TRANSITION", "{from:?} + {name}");
                    assert_eq!(h.ws(), &before, "a refused step leaves no trace");
                }
                (r, e) => panic!("{from:?} + {name}: got {r:?}, expected {e:?}"),
            }
            tried += 1;
        }
    }
    assert_eq!(tried, 70);
}

#[test]
fn rectification_guards_deadline_extension_feedback_review_card_and_dates() {
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    let check = record_verdict(&mut w.h, &c, &a, Verdict::NominalOnly, "2013-06-10");
    let (fid, _) = w.findings_of(&check).remove(0);
    let (oid, _) = w.orders_of(&fid).remove(0);
    let step = |w: &mut World, act: RectAction| w.act(&oid, Act::Rectification(act));
    // Not in the future.
    let v = step(
        &mut w,
        RectAction::Assign {
            on: d("2015-01-01"),
            deadline: None,
        },
    )
    .expect_err("future");
    assert!(v[0].message.zh.contains("晚于今天"));
    // Issued with the default deadline 30 days later.
    step(
        &mut w,
        RectAction::Assign {
            on: d("2013-07-08"),
            deadline: None,
        },
    )
    .expect("assign");
    let o = &w.ws().rectification_orders.get(&oid).expect("o").data;
    assert_eq!(
        (o.issued_on, o.deadline),
        (Some(d("2013-07-08")), Some(d("2013-08-07")))
    );
    step(
        &mut w,
        RectAction::Acknowledge {
            on: d("2013-07-09"),
        },
    )
    .expect("ack");
    // Extension only before the deadline; the deadline day itself still counts.
    let late = step(
        &mut w,
        RectAction::RequestExtension {
            on: d("2013-08-08"),
            new_deadline: d("2013-09-30"),
            reason: "协调".into(),
        },
    )
    .expect_err("after the deadline");
    assert!(late[0].message.zh.contains("之前申请延期"));
    let shorter = step(
        &mut w,
        RectAction::RequestExtension {
            on: d("2013-08-07"),
            new_deadline: d("2013-08-01"),
            reason: "协调".into(),
        },
    )
    .expect_err("earlier deadline");
    assert!(shorter[0].message.zh.contains("晚于现有时限"));
    step(
        &mut w,
        RectAction::RequestExtension {
            on: d("2013-08-07"),
            new_deadline: d("2013-09-30"),
            reason: "协调".into(),
        },
    )
    .expect("on the deadline day");
    step(
        &mut w,
        RectAction::DecideExtension {
            on: d("2013-08-09"),
            approve: true,
            comment: "同意".into(),
        },
    )
    .expect("approved");
    let o = w
        .ws()
        .rectification_orders
        .get(&oid)
        .expect("o")
        .data
        .clone();
    assert_eq!(
        o.deadline_on(d("2013-08-08")),
        Some(d("2013-08-07")),
        "not yet decided"
    );
    assert_eq!(o.deadline_on(d("2013-08-09")), Some(d("2013-09-30")));
    assert_eq!(o.final_deadline(), Some(d("2013-09-30")));
    // A yellow card only for a second overdue.
    let v = step(
        &mut w,
        RectAction::YellowCard {
            on: d("2013-10-10"),
            reason: "逾期".into(),
        },
    )
    .expect_err("only first overdue");
    assert!(v[0].message.zh.contains("二次逾期"));
    // Feedback needs measures and evidence; a rejection needs a comment.
    let v = step(
        &mut w,
        RectAction::Submit {
            on: d("2013-09-20"),
            measures: "已整改".into(),
            evidence: vec![" ".into()],
            self_assessment: String::new(),
        },
    )
    .expect_err("no evidence");
    assert!(v[0].message.zh.contains("证明材料"));
    step(
        &mut w,
        RectAction::Submit {
            on: d("2013-09-20"),
            measures: "已整改".into(),
            evidence: vec!["报告".into()],
            self_assessment: String::new(),
        },
    )
    .expect("feedback");
    let v = step(
        &mut w,
        RectAction::Review {
            on: d("2013-09-22"),
            reviewer: "组长".into(),
            pass: false,
            comment: String::new(),
        },
    )
    .expect_err("no comment");
    assert!(v[0].message.zh.contains("复核意见"));
    step(
        &mut w,
        RectAction::Review {
            on: d("2013-09-22"),
            reviewer: "组长".into(),
            pass: false,
            comment: "缺通知".into(),
        },
    )
    .expect("rejected");
    step(
        &mut w,
        RectAction::Submit {
            on: d("2013-09-25"),
            measures: "补充通知".into(),
            evidence: vec!["通知".into()],
            self_assessment: String::new(),
        },
    )
    .expect("again");
    step(
        &mut w,
        RectAction::Review {
            on: d("2013-09-26"),
            reviewer: "组长".into(),
            pass: true,
            comment: String::new(),
        },
    )
    .expect("closed");
    let o = w
        .ws()
        .rectification_orders
        .get(&oid)
        .expect("o")
        .data
        .clone();
    assert_eq!(o.status, RectificationStatus::Closed);
    assert_eq!(o.closed_on(), Some(d("2013-09-26")));
    assert!(o.was_rejected());
    let path: Vec<&str> = o.history.iter().map(|h| h.to.as_str()).collect();
    assert_eq!(
        path,
        vec![
            "ASSIGNED",
            "IN_PROGRESS",
            "EXTENSION_REQUESTED",
            "IN_PROGRESS",
            "SUBMITTED",
            "IN_PROGRESS",
            "SUBMITTED",
            "CLOSED"
        ]
    );
    assert!(o.history[2].reason.contains("协调"), "the reason is kept");
    // The editor cannot change the status or the record of steps.
    let mut edited = o.clone();
    edited.status = RectificationStatus::InProgress;
    let Err(CommandError::Rejected(v)) = w.h.run(Command::Save {
        id: Some(oid.clone()),
        data: Data::RectificationOrder(edited),
        base_rev: None,
    }) else {
        panic!("refused")
    };
    assert_eq!(v[0].rule, "TRANSITION");
    // Nor can a new order start beyond its first state.
    let mut fresh = o;
    fresh.notice_no = "督改〔2013〕99号".into();
    assert!(matches!(
        w.h.run(Command::Save {
            id: None,
            data: Data::RectificationOrder(fresh),
            base_rev: None
        }),
        Err(CommandError::Rejected(_))
    ));
}

#[test]
fn overdue_is_derived_from_the_date_asked_about() {
    let mut o = order_in(RectificationStatus::InProgress, "f", "org");
    let second = 15;
    assert_eq!(
        o.overdue_on(d("2013-08-07"), second),
        Overdue::No,
        "due today"
    );
    assert_eq!(o.overdue_on(d("2013-08-08"), second), Overdue::Overdue);
    assert_eq!(o.overdue_on(d("2013-08-22"), second), Overdue::Overdue);
    assert_eq!(o.overdue_on(d("2013-08-23"), second), Overdue::Second);
    // With a history, a past date sees the past state: submitted on 2013-08-20, so from then on
    // the clock stops; before it the order was overdue.
    let at: parkdesk::domain::meta::Timestamp = "2013-08-20T08:00:00Z".parse().expect("t");
    o = rect::apply(
        &o,
        &RectAction::Submit {
            on: d("2013-08-20"),
            measures: "已整改".into(),
            evidence: vec!["报告".into()],
            self_assessment: String::new(),
        },
        d("2013-12-31"),
        30,
        second,
        at,
        "office",
    )
    .expect("submitted");
    assert_eq!(
        o.status_on(d("2013-08-19")),
        RectificationStatus::InProgress
    );
    assert_eq!(o.overdue_on(d("2013-08-19"), second), Overdue::Overdue);
    assert_eq!(o.status_on(d("2013-08-20")), RectificationStatus::Submitted);
    assert_eq!(o.overdue_on(d("2013-09-30"), second), Overdue::No);
    // Draft, closed and suspended orders are never overdue.
    for s in [
        RectificationStatus::Draft,
        RectificationStatus::Closed,
        RectificationStatus::Suspended,
    ] {
        assert_eq!(
            order_in(s, "f", "org").overdue_on(d("2014-01-01"), second),
            Overdue::No
        );
    }
}

#[test]
fn br_e5_overdue_orders_ask_for_a_reminder_then_a_yellow_card() {
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let c = w.campaign("2013-06-01", "2013-06-30");
    let check = record_verdict(&mut w.h, &c, &a, Verdict::NominalOnly, "2013-06-10");
    let (fid, _) = w.findings_of(&check).remove(0);
    let (oid, _) = w.orders_of(&fid).remove(0);
    for act in [
        RectAction::Assign {
            on: d("2013-07-08"),
            deadline: Some(d("2013-08-07")),
        },
        RectAction::Acknowledge {
            on: d("2013-07-09"),
        },
    ] {
        w.act(&oid, Act::Rectification(act)).expect("step");
    }
    let e5 = |w: &World, day: &str| -> Vec<Option<&'static str>> {
        w.on(&oid, day)
            .iter()
            .filter(|v| v.rule == "BR-E5")
            .map(|v| v.field)
            .collect()
    };
    assert!(e5(&w, "2013-08-07").is_empty());
    assert_eq!(e5(&w, "2013-08-10"), vec![Some("reminders")]);
    w.act(
        &oid,
        Act::Rectification(RectAction::Remind {
            on: d("2013-08-10"),
        }),
    )
    .expect("remind");
    assert!(e5(&w, "2013-08-12").is_empty(), "reminded");
    assert_eq!(e5(&w, "2013-08-23"), vec![Some("yellow_card")]);
    w.act(
        &oid,
        Act::Rectification(RectAction::YellowCard {
            on: d("2013-08-23"),
            reason: "二次逾期".into(),
        }),
    )
    .expect("card");
    assert!(e5(&w, "2013-08-24").is_empty());
    let o = &w.ws().rectification_orders.get(&oid).expect("o").data;
    assert!(o.carded_by(d("2013-08-23")) && !o.carded_by(d("2013-08-22")));
    // A second card is refused.
    assert!(
        w.act(
            &oid,
            Act::Rectification(RectAction::YellowCard {
                on: d("2013-09-01"),
                reason: "再次".into()
            })
        )
        .is_err()
    );
}

// ---------------------------------------------------------------- BR-E6 and accountability

#[test]
fn br_e6_a_repeat_finding_proposes_accountability() {
    let mut w = World::new();
    let a = w.delegate("XK00301000");
    let b = w.delegate("XK00303000"); // same department (市规划局)
    let c1 = w.campaign("2013-06-01", "2013-06-30");
    let c2 = w.campaign("2013-12-01", "2013-12-31");
    record_verdict(&mut w.h, &c1, &a, Verdict::Discounted, "2013-06-10");
    let again = record_verdict(&mut w.h, &c2, &b, Verdict::Discounted, "2013-12-10");
    // A different class for the same department is not a repeat.
    record_verdict(&mut w.h, &c2, &a, Verdict::NominalOnly, "2013-12-10");
    let repeats = repeat_counts(w.ws());
    let (fid, _) = w.findings_of(&again).remove(0);
    assert_eq!(repeats.get(&fid), Some(&1));
    assert_eq!(repeats.values().filter(|n| **n > 0).count(), 1);
    assert!(w.on(&fid, "2013-12-31").iter().any(|v| v.rule == "BR-E6"));
    let proposals = proposals(w.ws());
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].status, AccountabilityStatus::Lead);
    assert_eq!(proposals[0].finding_ids, vec![fid.clone()]);
    w.h.run(Command::CreateMany {
        items: proposals
            .into_iter()
            .map(Data::AccountabilityAction)
            .collect(),
        summary: parkdesk::domain::text::Text::new("启动问责", "Proposed"),
    })
    .expect("proposed");
    assert!(!w.on(&fid, "2013-12-31").iter().any(|v| v.rule == "BR-E6"));
    assert!(parkdesk::domain::accountability::proposals(w.ws()).is_empty());
}

fn action(target: AccountTarget, points: f64) -> AccountabilityActionData {
    AccountabilityActionData {
        finding_ids: vec![],
        target,
        form: AccountabilityForm::CircularCriticism,
        basis: "问责办法".into(),
        decided_by_org_id: None,
        decided_on: None,
        doc: None,
        assessment_deduction: Some(points),
        transferred_to_discipline: false,
        status: AccountabilityStatus::Lead,
        history: vec![],
    }
}

#[test]
fn the_accountability_state_machine_and_deductions_by_unit_and_year() {
    use AccountabilityStatus::*;
    // Every pair, hand-listed from §4.G.
    let allowed = [
        (Lead, Verifying),
        (Verifying, Proposed),
        (Proposed, Decided),
        (Decided, Executed),
        (Decided, Appeal),
        (Appeal, Decided),
        (Lead, Dismissed),
        (Verifying, Dismissed),
        (Proposed, Dismissed),
    ];
    for from in AccountabilityStatus::ALL {
        for to in AccountabilityStatus::ALL {
            let mut before = action(AccountTarget::Org { org_id: "u".into() }, 1.0);
            before.status = *from;
            let step = AccountabilityStep {
                to: *to,
                on: d("2013-12-20"),
                reason: "理由".into(),
            };
            let r = acc::apply(
                &before,
                &step,
                d("2013-12-31"),
                "2013-12-20T08:00:00Z".parse().expect("t"),
                "o",
            );
            assert_eq!(
                r.is_ok(),
                allowed.contains(&(*from, *to)),
                "{from:?} → {to:?}"
            );
        }
    }
    let no_reason = AccountabilityStep {
        to: Dismissed,
        on: d("2013-12-20"),
        reason: " ".into(),
    };
    assert!(
        acc::apply(
            &action(AccountTarget::Org { org_id: "u".into() }, 0.0),
            &no_reason,
            d("2013-12-31"),
            "2013-12-20T08:00:00Z".parse().expect("t"),
            "o"
        )
        .is_err()
    );

    // Deductions: decided 2 + 0.5 for unit A in 2013, 1 for unit B (a person's unit) in 2014;
    // under appeal, dismissed or only proposed: none.
    let mut ws = Workspace::default();
    let mut put = |target: AccountTarget,
                   points: f64,
                   status: AccountabilityStatus,
                   on: Option<&str>,
                   n: u32| {
        let mut a = action(target, points);
        a.status = status;
        a.decided_on = on.map(d);
        let meta = parkdesk::domain::meta::Meta::new(
            format!("A{n}"),
            "2013-01-01T00:00:00Z".parse().expect("t"),
            &office(),
            parkdesk::domain::meta::Provenance::UserEntered,
        );
        ws.put(parkdesk::domain::workspace::Record::AccountabilityAction(
            parkdesk::domain::workspace::Rec { meta, data: a },
        ));
    };
    let unit = |u: &str| AccountTarget::Org { org_id: u.into() };
    let person = AccountTarget::Person {
        name: "干部甲".into(),
        post: "局长".into(),
        org_id: Some("B".into()),
    };
    put(unit("A"), 2.0, Decided, Some("2013-12-26"), 1);
    put(unit("A"), 0.5, Executed, Some("2013-03-01"), 2);
    put(person, 1.0, Executed, Some("2014-01-10"), 3);
    put(unit("A"), 3.0, Appeal, Some("2013-12-01"), 4);
    put(unit("A"), 4.0, Dismissed, None, 5);
    put(unit("A"), 5.0, Proposed, None, 6);
    put(unit("C"), 0.0, Decided, Some("2013-05-05"), 7);
    let by = deductions_by_unit_year(&ws);
    assert_eq!(by.len(), 2);
    assert_eq!(by.get(&("A".to_string(), 2013)), Some(&2.5));
    assert_eq!(by.get(&("B".to_string(), 2014)), Some(&1.0));
    let counts = sm::accountability_counts(&ws, d("2013-12-31"));
    assert_eq!(counts.decided, 4, "2013 decisions incl. the appealed one");
    assert_eq!(
        counts.pending, 2,
        "the proposed one, and the one decided only in 2014"
    );
    assert_eq!(counts.units, 4);
    assert_eq!(counts.persons, 0, "the person was decided in 2014");
    assert_eq!(counts.deduction_points, 2.5);
}

// ---------------------------------------------------------------- metrics

#[test]
fn rectification_metrics_by_hand() {
    // Four issued orders (deadline 2013-08-07) and one draft, as of 2013-09-30:
    //  A closed 08-01 (on time, 24 days), B closed 08-20 after a rejection (late, 43 days),
    //  C open and second overdue with a card, D extended to 10-31 and open (not overdue).
    let at = |s: &str| -> parkdesk::domain::meta::Timestamp {
        format!("{s}T08:00:00Z").parse().expect("t")
    };
    let step = |o: &RectificationOrderData, a: RectAction| {
        let on = a.on().to_string();
        rect::apply(o, &a, d("2013-12-31"), 30, 15, at(&on), "o").expect("step")
    };
    let issue = |o: RectificationOrderData| {
        let o = step(
            &o,
            RectAction::Assign {
                on: d("2013-07-08"),
                deadline: Some(d("2013-08-07")),
            },
        );
        step(
            &o,
            RectAction::Acknowledge {
                on: d("2013-07-09"),
            },
        )
    };
    let submit = |o: &RectificationOrderData, on: &str| {
        step(
            o,
            RectAction::Submit {
                on: d(on),
                measures: "m".into(),
                evidence: vec!["e".into()],
                self_assessment: String::new(),
            },
        )
    };
    let review = |o: &RectificationOrderData, on: &str, pass: bool| {
        step(
            o,
            RectAction::Review {
                on: d(on),
                reviewer: "r".into(),
                pass,
                comment: "c".into(),
            },
        )
    };
    let draft = || order_in(RectificationStatus::Draft, "f", "org");
    let a = review(&submit(&issue(draft()), "2013-07-30"), "2013-08-01", true);
    let b = review(
        &submit(
            &review(&submit(&issue(draft()), "2013-08-05"), "2013-08-06", false),
            "2013-08-18",
        ),
        "2013-08-20",
        true,
    );
    let c = step(
        &issue(draft()),
        RectAction::YellowCard {
            on: d("2013-08-30"),
            reason: "r".into(),
        },
    );
    let dd = step(
        &step(
            &issue(draft()),
            RectAction::RequestExtension {
                on: d("2013-08-01"),
                new_deadline: d("2013-10-31"),
                reason: "r".into(),
            },
        ),
        RectAction::DecideExtension {
            on: d("2013-08-02"),
            approve: true,
            comment: String::new(),
        },
    );
    let e = draft();
    let mut ws = Workspace::default();
    for (n, o) in [a, b, c, dd, e].into_iter().enumerate() {
        let mut o = o;
        o.notice_no = format!("N{n}");
        let meta = parkdesk::domain::meta::Meta::new(
            format!("O{n}"),
            at("2013-07-01"),
            &office(),
            parkdesk::domain::meta::Provenance::UserEntered,
        );
        ws.put(parkdesk::domain::workspace::Record::RectificationOrder(
            parkdesk::domain::workspace::Rec { meta, data: o },
        ));
    }
    let f = sm::rectification_figures(&ws, d("2013-09-30"));
    assert_eq!((f.issued, f.closed, f.open), (4, 2, 2));
    // On time: A only, over A, B (closed) and C (deadline passed); D's deadline is still ahead.
    assert_eq!(f.on_time, Ratio { num: 1, den: 3 });
    assert_eq!((f.overdue, f.second_overdue), (1, 1));
    assert_eq!(f.overdue_rate, Ratio { num: 1, den: 4 });
    assert_eq!(f.average_days, Some((24.0 + 43.0) / 2.0));
    assert_eq!(f.rejection, Ratio { num: 1, den: 2 });
    assert_eq!(f.yellow_cards, 1);
    // A month earlier B was still open and overdue.
    let g = sm::rectification_figures(&ws, d("2013-08-15"));
    assert_eq!((g.closed, g.overdue, g.yellow_cards), (1, 2, 0));
}

#[test]
fn the_red_black_list_by_weighted_verdict_score() {
    let mut w = World::new();
    // 市规划局: 到位 + 打折放权 → (1000 + 500) / 2 = 750; 市发改委: 到位 + 基本到位 → 900 (red);
    // 市环保局: 明放暗不放 → 200 (black).
    let plan = [
        ("XK00301000", Verdict::InPlace),
        ("XK00302000", Verdict::Discounted),
        ("QT00101000", Verdict::InPlace),
        ("XK00102000", Verdict::MostlyInPlace),
        ("XK00501000", Verdict::NominalOnly),
    ];
    let c = w.campaign("2013-06-01", "2013-06-30");
    for (code, v) in plan {
        let id = w.delegate(code);
        record_verdict(&mut w.h, &c, &id, v, "2013-06-10");
    }
    let list = sm::red_black_list(w.ws(), d("2013-07-01"));
    let name = |id: &str| w.ws().label_of(Kind::OrgUnit, id);
    let got: Vec<(String, u32, sm::ListColour)> = list
        .iter()
        .map(|x| (name(&x.dept_id), x.score_permille, x.colour))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "市发展和改革委员会（示例）".to_string(),
                900,
                sm::ListColour::Red
            ),
            ("市规划局（示例）".to_string(), 750, sm::ListColour::Neither),
            (
                "市环境保护局（示例）".to_string(),
                200,
                sm::ListColour::Black
            ),
        ]
    );
    assert_eq!(
        list[2]
            .verdicts
            .iter()
            .find(|x| x.0 == Verdict::NominalOnly)
            .map(|x| x.1),
        Some(1)
    );
    // Problem rate of the campaign (§6.6: verdict not 到位 / 不适用): 3 of 5.
    assert_eq!(sm::problem_rate(w.ws(), &c), Ratio { num: 3, den: 5 });
    let counts = sm::finding_counts(w.ws(), Some(&c));
    assert_eq!(counts.total, 3, "基本到位 is a minor finding");
    assert_eq!(counts.by_category.get(&FindingCategory::MinorGap), Some(&1));
    let _ = ProcessLink::Decision;
}

// ---------------------------------------------------------------- the demo

#[test]
fn the_demo_supervision_matches_the_outline_as_of_the_end_of_2013() {
    let ws = parkdesk::domain::sample::demo();
    let day = d("2013-12-31");
    let v = check_all(&ws, day);
    let blocks: Vec<_> = v.iter().filter(|v| v.severity == Severity::Block).collect();
    assert!(blocks.is_empty(), "{blocks:?}");
    assert_eq!(ws.inspection_teams.count_live(), 1);
    let team = ws.inspection_teams.iter_live().next().expect("team");
    assert_eq!(team.data.members.len(), 7);
    assert!(
        team.data.lead_org_id.is_none(),
        "the report does not say who leads it"
    );
    // Two campaigns, 54.2% → 72.9% strict (26/48 → 35/48), +18.75 points.
    let rates = sm::campaign_rates(&ws, day);
    assert_eq!(rates.len(), 2);
    assert_eq!(rates[0].strict, Ratio { num: 26, den: 48 });
    assert_eq!(rates[1].strict, Ratio { num: 35, den: 48 });
    assert_eq!(rates[1].lenient, Ratio { num: 41, den: 48 });
    assert!((rates[1].change_strict.expect("change") - 18.75).abs() < 1e-9);
    // §7.5: 22 closed, 5 in progress, 3 overdue (one yellow card), two drafts still to issue.
    let f = sm::rectification_figures(&ws, day);
    assert_eq!((f.closed, f.overdue, f.yellow_cards), (22, 3, 1));
    let in_progress = ws
        .rectification_orders
        .iter_live()
        .filter(|o| {
            o.data.status == RectificationStatus::InProgress
                && o.data.overdue_on(day, 15) == Overdue::No
        })
        .count();
    assert_eq!(in_progress, 5);
    assert_eq!(ws.rectification_orders.count_live(), 32);
    assert_eq!(f.on_time, Ratio { num: 19, den: 25 });
    // Three actions with deductions 2 / 1 / 0; the two with points reach the assessment.
    assert_eq!(ws.accountability_actions.count_live(), 3);
    let mut points: Vec<f64> = ws
        .accountability_actions
        .iter_live()
        .filter_map(|a| a.data.assessment_deduction)
        .collect();
    points.sort_by(f64::total_cmp);
    assert_eq!(points, vec![0.0, 1.0, 2.0]);
    let by = deductions_by_unit_year(&ws);
    assert_eq!(by.values().sum::<f64>(), 3.0);
    assert!(by.keys().all(|(_, y)| *y == 2013));
    // Repeat findings left for the group to act on (BR-E6), and the verdict teaching cases.
    assert_eq!(proposals(&ws).len(), 2);
    assert!(
        v.iter()
            .any(|x| x.rule == "BR-E5" && x.field == Some("yellow_card"))
    );
    assert_eq!(ws, parkdesk::domain::sample::demo(), "deterministic");
}

// ---------------------------------------------------------------- migration of stored verdicts

/// A file of schema `version` whose delegations still carry a stored `verdict`: IN_PLACE,
/// NOMINAL_ONLY, NOT_RECEIVED, null, an unknown value, and one on a deleted delegation.
fn file_with_stored_verdicts(version: u64) -> (String, Vec<String>) {
    let ws = parkdesk::domain::sample::demo();
    let snap = parkdesk::domain::snapshot::build(
        &ws,
        &office(),
        "2013-06-01T00:00:00Z".parse().expect("t"),
        "t",
    );
    let mut v = serde_json::to_value(&snap).expect("json");
    v["schema_version"] = serde_json::json!(version);
    let records = v["records"].as_object_mut().expect("records");
    for t in [
        "inspection_teams",
        "inspection_campaigns",
        "inspection_checks",
        "findings",
        "rectification_orders",
        "accountability_actions",
        "service_offerings",
    ] {
        records.remove(t);
    }
    let dels = records["delegations"].as_array_mut().expect("delegations");
    let verdicts = [
        serde_json::json!("IN_PLACE"),
        serde_json::json!("NOMINAL_ONLY"),
        serde_json::json!("NOT_RECEIVED"),
        serde_json::Value::Null,
        serde_json::json!("BOGUS"),
        serde_json::json!("WITHHELD"),
    ];
    let mut ids = Vec::new();
    for (i, verdict) in verdicts.into_iter().enumerate() {
        dels[i]["data"]["verdict"] = verdict;
        ids.push(dels[i]["meta"]["id"].as_str().expect("id").to_string());
    }
    dels[5]["meta"]["deleted"] = serde_json::json!(true);
    (v.to_string(), ids)
}

#[test]
fn stored_verdicts_become_checks_of_a_migrated_campaign_without_loss() {
    for version in [2, 3] {
        let (text, ids) = file_with_stored_verdicts(version);
        let checked = parkdesk::domain::snapshot::check(&text, d("2013-12-31"))
            .unwrap_or_else(|e| panic!("schema {version}: {e:?} {:?}", e.details()));
        let ws = &checked.snapshot.records;
        let notes: Vec<&str> = checked
            .preview
            .migration_notes
            .iter()
            .map(|n| n.zh.as_str())
            .collect();
        assert!(notes.iter().any(|n| n.starts_with("3 条")), "{notes:?}");
        assert!(notes.iter().any(|n| n.starts_with("2 条")), "{notes:?}");
        // Three checks in one closed campaign, and the verdicts read as before.
        assert_eq!(ws.inspection_campaigns.count_live(), 1);
        let campaign = ws
            .inspection_campaigns
            .iter_live()
            .next()
            .expect("campaign");
        assert_eq!(
            campaign.meta.id,
            parkdesk::domain::migrate::MIGRATED_CAMPAIGN_ID
        );
        assert_eq!(campaign.data.status, CampaignStatus::Closed);
        assert_eq!(ws.inspection_checks.count_live(), 3);
        assert!(ws.inspection_checks.iter_live().all(|c| c.data.migrated));
        let latest = latest_verdicts(ws, d("2013-12-31"));
        assert_eq!(latest.get(&ids[0]), Some(&Verdict::InPlace));
        assert_eq!(latest.get(&ids[1]), Some(&Verdict::NominalOnly));
        assert_eq!(latest.get(&ids[2]), Some(&Verdict::NotReceived));
        assert_eq!(latest.len(), 3);
        // The nominal-only check names the item's source department; 承接不到位 leaves the park.
        let check_of = |id: &str| {
            ws.inspection_checks
                .iter_live()
                .find(|c| c.data.target.delegation() == Some(id))
                .expect("check")
                .data
                .clone()
        };
        let src = source_dept(ws, &ws.delegations.get(&ids[1]).expect("d").data).cloned();
        assert_eq!(check_of(&ids[1]).responsible_org_id, src);
        assert_eq!(check_of(&ids[2]).responsible_org_id, None);
        // What could not become a check is in the delegation's note, not lost.
        let note = |id: &str| {
            ws.delegations
                .get(id)
                .and_then(|r| r.meta.note.clone())
                .unwrap_or_default()
        };
        assert!(note(&ids[4]).contains("BOGUS"));
        assert!(note(&ids[5]).contains("WITHHELD"));
        // Missing evidence on a migrated serious verdict warns instead of blocking (BR-E4).
        let v = check_all(ws, d("2013-12-31"));
        let c1 = ws
            .inspection_checks
            .iter_live()
            .find(|c| c.data.verdict == Some(Verdict::NominalOnly))
            .expect("c")
            .meta
            .id
            .clone();
        assert!(
            v.iter()
                .any(|x| x.id == c1 && x.rule == "BR-E4" && x.severity == Severity::Warn)
        );
        // Reading the upgraded data again changes nothing more.
        let again = parkdesk::domain::snapshot::build(
            ws,
            &office(),
            "2014-01-01T00:00:00Z".parse().expect("t"),
            "t",
        );
        let text = parkdesk::domain::snapshot::to_json(&again).expect("json");
        let twice = parkdesk::domain::snapshot::check(&text, d("2013-12-31")).expect("reads");
        assert!(twice.preview.migration_notes.is_empty());
        assert_eq!(&twice.snapshot.records, ws);
    }
}
