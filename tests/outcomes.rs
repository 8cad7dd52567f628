//! Outcomes (report S7.2–S7.4; shared/domain.md §4.F, §6.7, §7.7): project stages from dated
//! milestones, every outcome KPI and every goal-index formula against hand-computed values, the
//! project rules, the scoped dashboard figures and the demo's 2012 → 2013 trend.

mod common;

use common::*;
use parkdesk::domain::command::Command;
use parkdesk::domain::delegation::*;
use parkdesk::domain::development::{DevelopmentEntityData, Executive, ExecutiveRole, LegalForm};
use parkdesk::domain::entrustment::EntrustScope;
use parkdesk::domain::goals::{Goal, Measure, goal_indices};
use parkdesk::domain::inspection::{
    CampaignStatus, InspectionAspect, InspectionCampaignData, InspectionCheckData,
};
use parkdesk::domain::meta::{Id, Meta, Office, Period, Provenance, Role};
use parkdesk::domain::metrics::{Ratio, Scope};
use parkdesk::domain::outcome_metrics::{self as om, FenRatio, OutcomeKpis, ProjectScope, kpis};
use parkdesk::domain::power::*;
use parkdesk::domain::project::*;
use parkdesk::domain::rules::{Severity, check_all};
use parkdesk::domain::sample;
use parkdesk::domain::service::{ActiveStatus, ServiceKind, ServiceOfferingData};
use parkdesk::domain::supervision_metrics as sm;
use parkdesk::domain::workspace::{Data, Kind, Record, Workspace};

fn wan(n: i64) -> i64 {
    n * 1_000_000
}

/// Puts a record straight into a workspace (metrics do not need the command path).
fn put(ws: &mut Workspace, data: Data) -> Id {
    let n = ws.records().len() + 1;
    let id = format!("R{n:04}");
    let office = Office::new("o", "测试", Role::Bianban);
    let at = "2012-01-01T00:00:00Z".parse().expect("time");
    ws.put(Record::new(
        Meta::new(id.clone(), at, &office, Provenance::UserEntered),
        data,
    ));
    id
}

fn tranche(on: &str, w: i64) -> Tranche {
    Tranche {
        on: d(on),
        fen: wan(w),
    }
}

fn project(park: &str, name: &str, kind: ProjectKind, total: i64) -> ProjectData {
    ProjectData {
        total_investment_fen: Some(wan(total)),
        ..ProjectData::new(park, name, kind)
    }
}

#[test]
fn the_stage_on_a_date_follows_the_milestone_dates() {
    let mut p = project("P", "示例项目", ProjectKind::Investment, 100);
    p.signed_on = Some(d("2012-03-01"));
    p.land_on = Some(d("2012-05-01"));
    p.started_on = Some(d("2012-08-01"));
    p.completed_on = Some(d("2013-04-01"));
    p.production_on = Some(d("2013-06-01"));
    let stage = |day: &str| p.stage_on(d(day));
    assert_eq!(stage("2012-02-28"), ProjectStage::Negotiating);
    assert_eq!(stage("2012-03-01"), ProjectStage::Signed);
    assert_eq!(stage("2012-07-31"), ProjectStage::LandSupplied);
    assert_eq!(stage("2012-12-31"), ProjectStage::UnderConstruction);
    assert_eq!(stage("2013-05-01"), ProjectStage::Completed);
    assert_eq!(stage("2013-12-31"), ProjectStage::InProduction);
    p.terminated_on = Some(d("2013-09-01"));
    assert_eq!(p.stage_on(d("2013-12-31")), ProjectStage::Terminated);
    assert_eq!(p.stage_on(d("2013-08-31")), ProjectStage::InProduction);
    // A project whose first milestone lies after the date did not exist yet.
    assert!(!p.exists_on(d("2012-02-28")));
    assert!(p.exists_on(d("2012-03-01")));
}

#[test]
fn amounts_are_typed_in_wan_yuan_and_kept_in_fen_exactly() {
    assert_eq!(parse_wan_yuan("1,200.5"), Some(1_200_500_000));
    assert_eq!(parse_wan_yuan("0.000001"), Some(1));
    assert_eq!(parse_wan_yuan(" 80000 "), Some(80_000_000_000));
    assert_eq!(parse_wan_yuan("0.0000001"), None);
    assert_eq!(parse_wan_yuan("12a"), None);
    assert_eq!(parse_wan_yuan(""), None);
    assert_eq!(wan_yuan_string(1_200_500_000), "1200.5");
    assert_eq!(wan_yuan_string(80_000_000_000), "80000");
    assert_eq!(wan_yuan_string(1), "0.000001");
    use parkdesk::domain::text::Lang;
    assert_eq!(money_text(wan(12_345), Lang::Zh), "1.23 亿元");
    assert_eq!(money_text(wan(800), Lang::Zh), "800 万元");
    assert_eq!(money_text(wan(12_345), Lang::En), "CNY 123.5 m");
}

/// Park P with township T (entrusted) and four projects:
/// A  investment, 1000 万 agreed, signed 2012-03, started 2012-09, production 2013-05;
///    funds 300 (2012-04) + 200 (2012-11) + 400 (2013-03); plan 2013 600, done 2013: 250 (06) + 200 (12)
/// B  industrial, 500 万, in T, signed 2012-11, started 2013-04; funds 100 (2013-01) + 50 (2014-02)
/// C  investment, 400 万, signed 2012-06, terminated 2012-12; funds 40 (2012-07)
/// I1 infrastructure, 300 万, planned 2013, started 2012-10, completed 2013-09; plan 2013 200, done 150 (2013-08)
/// I2 infrastructure, 200 万, planned 2013, started 2013-02, not completed
/// I3 infrastructure, 100 万, planned 2012, started 2012-02, completed 2012-11
fn kpi_world() -> (Workspace, Id, Id) {
    let mut ws = Workspace::default();
    let county = put(&mut ws, county("示例县"));
    let p = put(&mut ws, Data::Park(park("示例园区", "GM")));
    let t = put(&mut ws, township("示例镇丙", &county, Some(&p)));
    put(
        &mut ws,
        Data::Entrustment(entrust(&p, &t, &county, "2012-01-01", None)),
    );
    let mut a = project(&p, "A", ProjectKind::Investment, 1000);
    a.signed_on = Some(d("2012-03-01"));
    a.started_on = Some(d("2012-09-01"));
    a.production_on = Some(d("2013-05-01"));
    a.funds_in_place = vec![
        tranche("2012-04-01", 300),
        tranche("2012-11-01", 200),
        tranche("2013-03-01", 400),
    ];
    a.annual_plans = vec![AnnualPlan {
        year: 2013,
        fen: wan(600),
    }];
    a.investment_done = vec![tranche("2013-06-30", 250), tranche("2013-12-20", 200)];
    put(&mut ws, Data::Project(a));
    let mut b = project(&p, "B", ProjectKind::Industrial, 500);
    b.township_id = Some(t.clone());
    b.signed_on = Some(d("2012-11-01"));
    b.started_on = Some(d("2013-04-01"));
    b.funds_in_place = vec![tranche("2013-01-10", 100), tranche("2014-02-01", 50)];
    put(&mut ws, Data::Project(b));
    let mut c = project(&p, "C", ProjectKind::Investment, 400);
    c.signed_on = Some(d("2012-06-01"));
    c.terminated_on = Some(d("2012-12-01"));
    c.funds_in_place = vec![tranche("2012-07-01", 40)];
    put(&mut ws, Data::Project(c));
    let mut i1 = project(&p, "I1", ProjectKind::Infrastructure, 300);
    i1.planned_completion_year = Some(2013);
    i1.started_on = Some(d("2012-10-01"));
    i1.completed_on = Some(d("2013-09-01"));
    i1.annual_plans = vec![AnnualPlan {
        year: 2013,
        fen: wan(200),
    }];
    i1.investment_done = vec![tranche("2013-08-01", 150)];
    put(&mut ws, Data::Project(i1));
    let mut i2 = project(&p, "I2", ProjectKind::Infrastructure, 200);
    i2.planned_completion_year = Some(2013);
    i2.started_on = Some(d("2013-02-01"));
    put(&mut ws, Data::Project(i2));
    let mut i3 = project(&p, "I3", ProjectKind::Infrastructure, 100);
    i3.planned_completion_year = Some(2012);
    i3.started_on = Some(d("2012-02-01"));
    i3.completed_on = Some(d("2012-11-01"));
    put(&mut ws, Data::Project(i3));
    (ws, p, t)
}

#[test]
fn outcome_kpis_by_hand_for_two_dates_and_a_township() {
    let (ws, p, t) = kpi_world();
    // 2012-12-31: signed A, B, C (C terminated, kept in the base).
    // funds: A 300+200, B none yet, C 40 → 540 of 1000+500+400 = 1900.
    // started: A → 1/3; production: none → 0/3.
    // 完工率 2012: I3 planned and completed → 1/1. No plan for 2012 → no completion rate.
    let k = kpis(&ws, d("2012-12-31"), &ProjectScope::Park(p.clone()));
    assert_eq!(
        k,
        OutcomeKpis {
            projects: 5,
            signed: 3,
            agreed_fen: wan(1900),
            funds_fen: wan(540),
            funds_rate: FenRatio {
                num: wan(540),
                den: wan(1900)
            },
            start_rate: Ratio { num: 1, den: 3 },
            production_rate: Ratio { num: 0, den: 3 },
            completion_rate: Ratio { num: 1, den: 1 },
            investment_completion: FenRatio { num: 0, den: 0 },
        }
    );
    assert_eq!(k.investment_completion.percent(), None);
    // 2013-12-31: funds A 900 + B 100 + C 40 = 1040 / 1900 = 54.7 %; started A, B → 2/3;
    // production A → 1/3; 完工率 2013: I1 done, I2 not → 1/2; investment 2013:
    // done 250+200 (A) + 150 (I1) = 600 of plans 600 + 200 = 800 → 75 %.
    let k = kpis(&ws, d("2013-12-31"), &ProjectScope::City);
    assert_eq!(k.projects, 6);
    assert_eq!(k.funds_fen, wan(1040));
    assert_eq!(k.funds_rate.den, wan(1900));
    let funds = k.funds_rate.percent().expect("rate");
    assert!((funds - 54.736_842).abs() < 1e-4, "{funds}");
    assert_eq!(k.start_rate, Ratio { num: 2, den: 3 });
    assert_eq!(k.production_rate, Ratio { num: 1, den: 3 });
    assert_eq!(k.completion_rate, Ratio { num: 1, den: 2 });
    assert_eq!(
        k.investment_completion,
        FenRatio {
            num: wan(600),
            den: wan(800)
        }
    );
    assert_eq!(k.investment_completion.percent(), Some(75.0));
    // Mid-2013: the December completion tranche is not counted yet: 250 + 150 = 400 / 800.
    let k = kpis(&ws, d("2013-08-31"), &ProjectScope::City);
    assert_eq!(k.investment_completion.num, wan(400));
    // Township T holds only B: signed, started, funds 100 of 500.
    let k = kpis(&ws, d("2013-12-31"), &ProjectScope::Township(t));
    assert_eq!(k.projects, 1);
    assert_eq!(k.start_rate, Ratio { num: 1, den: 1 });
    assert_eq!(k.funds_rate.percent(), Some(20.0));
    // Before the first project nothing is known: every rate is "no data".
    let k = kpis(&ws, d("2011-12-31"), &ProjectScope::City);
    assert_eq!(k.projects, 0);
    assert_eq!(k.start_rate.percent(), None);
    assert_eq!(k.funds_rate.percent(), None);
    // The trend: quarter ends from the first project's quarter (2012 Q1), the as-of date last.
    let q = om::quarter_ends(&ws, d("2013-05-15"), 20);
    assert_eq!(q.first(), Some(&d("2012-03-31")));
    assert_eq!(q.last(), Some(&d("2013-05-15")));
    assert_eq!(q.len(), 6);
    assert_eq!(om::quarter_ends(&ws, d("2013-05-15"), 3).len(), 3);
}

/// Goal world: park P (entity-built infrastructure, service offerings, delegations with verdicts
/// and cases, two entrustments — one partial — and a cross-post in T1), park Q with nothing.
struct GoalWorld {
    ws: Workspace,
    p: Id,
    q: Id,
    entity: Id,
}

fn goal_world() -> GoalWorld {
    let mut h = Harness::new();
    let county = h.create(county("示例县"));
    let p = h.create(Data::Park(park("示例园区", "GM")));
    let q = h.create(Data::Park(park("另一园区", "SC")));
    let t1 = h.create(township("示例镇甲", &county, Some(&p)));
    let t2 = h.create(township("示例乡乙", &county, Some(&p)));
    h.create(Data::Entrustment(entrust(
        &p,
        &t1,
        &county,
        "2012-10-01",
        None,
    )));
    let mut partial = entrust(&p, &t2, &county, "2012-10-01", None);
    partial.scope = EntrustScope::PartialVillages {
        villages: vec!["示例村01".into()],
    };
    partial.justification_if_partial = Some("仅核心区".into());
    h.create(Data::Entrustment(partial));
    cross_post(&mut h, &p, &t1, "2012-10-01");
    let mut ws = h.ws().clone();

    let item = |code: &str, t: PowerType| PowerItemData {
        item_code: code.into(),
        name: format!("事项{code}"),
        power_type: t,
        category: PowerCategory::Economic,
        domain_id: "ECO.PLANNING".into(),
        holder_level: HolderLevel::City,
        source_dept_id: None,
        legal_basis: vec![],
        process_links: vec![],
        delegability: Delegability::Devolvable,
        chain_tags: vec![],
    };
    let lic1 = put(
        &mut ws,
        Data::PowerItem(item("XK00001000", PowerType::Licensing)),
    );
    let lic2 = put(
        &mut ws,
        Data::PowerItem(item("XK00002000", PowerType::Licensing)),
    );
    let pen = put(
        &mut ws,
        Data::PowerItem(item("CF00003000", PowerType::Penalty)),
    );
    let lic3 = put(
        &mut ws,
        Data::PowerItem(item("XK00004000", PowerType::Licensing)),
    );
    let deleg = |item: &Id, reception: Reception, cases: Vec<CaseMonth>| DelegationData {
        power_item_id: item.clone(),
        park_id: p.clone(),
        grantor: Grantor::City,
        mode: DelegationMode::Authorise,
        territory: Territory::WholePark,
        recipient_org_id: None,
        batch: None,
        effective_from: Some(d("2012-11-01")),
        term_until: None,
        delegated_links: vec![],
        retained_links: vec![],
        added_preconditions: vec![],
        need: None,
        capacity: None,
        override_reason: None,
        approved_on: Some(d("2012-10-15")),
        handover_by_source_on: Some(d("2012-10-20")),
        handover_by_park_on: Some(d("2012-10-20")),
        parallel: false,
        lifecycle: Lifecycle::HandedOver,
        reception,
        cases,
        history: vec![],
    };
    let month = |m: &str, park: u32, source: u32| CaseMonth {
        month: m.into(),
        by_park: park,
        by_source: source,
    };
    let d1 = put(
        &mut ws,
        Data::Delegation(deleg(
            &lic1,
            Reception::Received,
            vec![month("2013-03", 30, 0)],
        )),
    );
    let d2 = put(
        &mut ws,
        Data::Delegation(deleg(
            &lic2,
            Reception::Received,
            vec![month("2013-05", 5, 15), month("2012-01", 99, 99)],
        )),
    );
    let d3 = put(
        &mut ws,
        Data::Delegation(deleg(&pen, Reception::PartiallyReceived, vec![])),
    );
    let d4 = put(
        &mut ws,
        Data::Delegation(deleg(&lic3, Reception::Preparing, vec![])),
    );
    let camp = put(
        &mut ws,
        Data::InspectionCampaign(InspectionCampaignData {
            team_id: None,
            title: "督查".into(),
            period: Period {
                from: d("2013-06-01"),
                to: Some(d("2013-06-30")),
            },
            scope_parks: vec![p.clone()],
            scope_depts: vec![],
            aspects: InspectionAspect::ALL.to_vec(),
            status: CampaignStatus::Closed,
            report: None,
            history: vec![],
        }),
    );
    for (dl, v) in [
        (&d1, Verdict::InPlace),
        (&d2, Verdict::MostlyInPlace),
        (&d3, Verdict::NominalOnly),
        (&d4, Verdict::NotApplicable),
    ] {
        put(
            &mut ws,
            Data::InspectionCheck(InspectionCheckData {
                verdict: Some(v),
                checked_on: Some(d("2013-06-10")),
                ..InspectionCheckData::pending(&camp, dl)
            }),
        );
    }
    let entity = put(
        &mut ws,
        Data::DevelopmentEntity(DevelopmentEntityData {
            park_id: p.clone(),
            name: "示例开发公司".into(),
            legal_form: LegalForm::StateOwnedSole,
            credit_code: None,
            shareholders: vec![],
            registered_capital_fen: None,
            business_scope: vec![],
            established_on: Some(d("2012-11-01")),
            executives: vec![],
            status: ActiveStatus::Operating,
        }),
    );
    // Offerings: an operating window serves d1; a stopped one d2 (does not count).
    for (status, linked) in [
        (ActiveStatus::Operating, vec![d1.clone()]),
        (ActiveStatus::Stopped, vec![d2.clone()]),
    ] {
        put(
            &mut ws,
            Data::ServiceOffering(ServiceOfferingData {
                park_id: p.clone(),
                name: format!("窗口{}", linked[0]),
                kind: ServiceKind::OneStopWindow,
                linked_delegation_ids: linked,
                promise: String::new(),
                status,
            }),
        );
    }
    // Infrastructure: 200 万 by the entity, 100 万 by the committee, 500 万 terminated (out),
    // 900 万 started only in 2014 (out on 2013-12-31).
    let mut i1 = project(&p, "I1", ProjectKind::Infrastructure, 200);
    i1.builder_id = Some(entity.clone());
    i1.started_on = Some(d("2013-01-01"));
    put(&mut ws, Data::Project(i1));
    let mut i2 = project(&p, "I2", ProjectKind::Infrastructure, 100);
    i2.started_on = Some(d("2013-02-01"));
    put(&mut ws, Data::Project(i2));
    let mut i3 = project(&p, "I3", ProjectKind::Infrastructure, 500);
    i3.builder_id = Some(entity.clone());
    i3.started_on = Some(d("2013-01-01"));
    i3.terminated_on = Some(d("2013-07-01"));
    put(&mut ws, Data::Project(i3));
    let mut i4 = project(&p, "I4", ProjectKind::Infrastructure, 900);
    i4.started_on = Some(d("2014-03-01"));
    put(&mut ws, Data::Project(i4));
    // Social: 300 万 bought as a service, 100 万 direct, one without a delivery (left out).
    for (name, delivery, total) in [
        ("S1", Some(Delivery::PurchaseOfServices), 300),
        ("S2", Some(Delivery::GovernmentDirect), 100),
        ("S3", None, 700),
    ] {
        let mut s = project(&p, name, ProjectKind::Social, total);
        s.delivery = delivery;
        s.started_on = Some(d("2013-03-01"));
        put(&mut ws, Data::Project(s));
    }
    GoalWorld { ws, p, q, entity }
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-9, "{a} ≠ {b}");
}

#[test]
fn substantive_management_is_the_mean_of_its_four_components() {
    let w = goal_world();
    let g = goal_indices(&w.ws, d("2013-12-31"), &Scope::Park(w.p.clone()));
    assert_eq!(
        g.iter().map(|g| g.goal).collect::<Vec<_>>(),
        Goal::ALL.to_vec()
    );
    let s = &g[0];
    let by = |code: &str| {
        s.components
            .iter()
            .find(|c| c.code == code)
            .expect("component")
    };
    // 成建制托管率: one whole township of two entrustments → 50.
    assert_eq!(
        by("WHOLE_TOWNSHIP").measure,
        Measure::Count(Ratio { num: 1, den: 2 })
    );
    assert_eq!(by("WHOLE_TOWNSHIP").records.len(), 2);
    // 放权到位率 (lenient): 到位 + 基本到位 of three rated (不适用 left out) → 66.67.
    assert_eq!(
        by("IN_PLACE").measure,
        Measure::Count(Ratio { num: 2, den: 3 })
    );
    assert_eq!(by("IN_PLACE").records.len(), 3);
    // 承接率: (2 received + ½ · 1 partial) / 4 handed over → 62.5.
    assert_eq!(
        by("RECEPTION").measure,
        Measure::Half {
            full: 2,
            half: 1,
            den: 4
        }
    );
    close(by("RECEPTION").value(), 62.5);
    // 区镇合一覆盖率: T1 has the cross-post, T2 none → 50.
    assert_eq!(
        by("INTEGRATION").measure,
        Measure::Count(Ratio { num: 1, den: 2 })
    );
    // Index = (50 + 66.666… + 62.5 + 50) / 4.
    close(s.value(), (50.0 + 200.0 / 3.0 + 62.5 + 50.0) / 4.0);
    assert!(s.missing().is_empty());
    assert!(!s.formula.zh.is_empty() && !s.formula.en.is_empty());
    // Before the campaign there is no verdict: the index says "not enough data" and names why.
    let before = &goal_indices(&w.ws, d("2013-05-31"), &Scope::Park(w.p.clone()))[0];
    assert_eq!(before.value(), None);
    assert_eq!(
        before.missing().iter().map(|c| c.code).collect::<Vec<_>>(),
        vec!["IN_PLACE"]
    );
    // Park Q has nothing at all: no number is invented for it.
    let q = goal_indices(&w.ws, d("2013-12-31"), &Scope::Park(w.q.clone()));
    assert!(q.iter().all(|g| g.value().is_none()));
}

#[test]
fn market_based_development_by_amount_and_separation() {
    let mut w = goal_world();
    let g = &goal_indices(&w.ws, d("2013-12-31"), &Scope::Park(w.p.clone()))[1];
    // Entity-built 200 of 200 + 100 (terminated and not-yet-known projects left out) → 66.67.
    assert_eq!(
        g.components[0].measure,
        Measure::Money(FenRatio {
            num: wan(200),
            den: wan(300)
        })
    );
    assert_eq!(g.components[0].records.len(), 2);
    // P has its entity and no cross-held post → 1/1.
    assert_eq!(
        g.components[1].measure,
        Measure::Count(Ratio { num: 1, den: 1 })
    );
    close(g.value(), (200.0 / 3.0 + 100.0) / 2.0);
    // City-wide: Q has no entity → separation 1/2; infrastructure is still only P's.
    let city = &goal_indices(&w.ws, d("2013-12-31"), &Scope::City)[1];
    assert_eq!(
        city.components[1].measure,
        Measure::Count(Ratio { num: 1, den: 2 })
    );
    close(city.value(), (200.0 / 3.0 + 50.0) / 2.0);
    // A committee deputy director chairing the company breaks the separation (BR-A10).
    if let Some(Record::DevelopmentEntity(mut e)) = w.ws.get(Kind::DevelopmentEntity, &w.entity) {
        e.data.executives.push(Executive {
            name: "干部甲".into(),
            role: ExecutiveRole::Chair,
            committee_post: "管委会副主任".into(),
        });
        w.ws.put(Record::DevelopmentEntity(e));
    }
    let g = &goal_indices(&w.ws, d("2013-12-31"), &Scope::Park(w.p.clone()))[1];
    assert_eq!(
        g.components[1].measure,
        Measure::Count(Ratio { num: 0, den: 1 })
    );
    close(g.value(), (200.0 / 3.0) / 2.0);
    // Before the entity existed the park had no development company: 0 of 1.
    let early = &goal_indices(&w.ws, d("2012-10-31"), &Scope::Park(w.p.clone()))[1];
    assert_eq!(
        early.components[1].measure,
        Measure::Count(Ratio { num: 0, den: 1 })
    );
    // … and no infrastructure project was known yet: not enough data.
    assert_eq!(early.value(), None);
}

#[test]
fn efficient_service_by_coverage_and_local_handling() {
    let w = goal_world();
    let g = &goal_indices(&w.ws, d("2013-12-31"), &Scope::Park(w.p.clone()))[2];
    // Received licensing items: d1, d2 (d3 is a penalty, d4 not received) → served: d1 only
    // (d2's offering is stopped) → 1/2.
    assert_eq!(
        g.components[0].measure,
        Measure::Count(Ratio { num: 1, den: 2 })
    );
    // Cases in the 12 months to 2013-12: d1 30 park; d2 5 park + 15 source (2012-01 is out) →
    // 35 / 50.
    assert_eq!(
        g.components[1].measure,
        Measure::Count(Ratio { num: 35, den: 50 })
    );
    assert_eq!(g.components[1].records.len(), 2);
    close(g.value(), (50.0 + 70.0) / 2.0);
}

#[test]
fn socialised_public_service_by_delivery_and_amount() {
    let w = goal_world();
    let g = &goal_indices(&w.ws, d("2013-12-31"), &Scope::Park(w.p.clone()))[3];
    // 300 bought of 300 + 100 recorded (S3 without a delivery is left out) → 75.
    assert_eq!(
        g.components[0].measure,
        Measure::Money(FenRatio {
            num: wan(300),
            den: wan(400)
        })
    );
    assert_eq!(g.components[0].records.len(), 2);
    close(g.value(), 75.0);
    // Before any social project: not enough data.
    assert_eq!(
        goal_indices(&w.ws, d("2013-01-31"), &Scope::Park(w.p.clone()))[3].value(),
        None
    );
}

#[test]
fn project_rules_dates_funds_township_builder_and_personal_numbers() {
    let mut b = basic();
    let other_town = b.h.create(township("示例乡丁", &b.county, Some(&b.park)));
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        None,
    )));
    let other_park = b.h.create(Data::Park(park("水长工业园区", "SC")));
    let foreign_entity = b.h.create(Data::DevelopmentEntity(DevelopmentEntityData {
        park_id: other_park.clone(),
        name: "水长开发公司（示例）".into(),
        legal_form: LegalForm::StateOwnedSole,
        credit_code: None,
        shareholders: vec![],
        registered_capital_fen: None,
        business_scope: vec![],
        established_on: None,
        executives: vec![],
        status: ActiveStatus::Operating,
    }));
    // Dates out of order are refused (Block).
    let mut p = project(&b.park, "示例项目", ProjectKind::Investment, 100);
    p.signed_on = Some(d("2013-05-01"));
    p.started_on = Some(d("2013-03-01"));
    let refused = b.h.run(Command::Save {
        id: None,
        data: Data::Project(p.clone()),
        base_rev: None,
    });
    assert_eq!(rejected(refused), vec!["FIELD"]);
    // So is an investor that looks like a phone number (BR-F2).
    p.started_on = Some(d("2013-06-01"));
    p.investor = "13812345678".into();
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: Data::Project(p.clone()),
            base_rev: None,
        })),
        vec!["BR-F2"]
    );
    // Funds beyond the agreement (BR-O1), a township not entrusted to the park (BR-O2): warned.
    p.investor = "示例投资方甲".into();
    p.township_id = Some(other_town.clone());
    p.funds_in_place = vec![tranche("2013-05-10", 80), tranche("2013-08-10", 40)];
    let id = b.h.create(Data::Project(p.clone()));
    let on = rules_on(b.h.ws(), "2013-12-31", Kind::Project, &id);
    assert!(on.contains(&("BR-O1", Severity::Warn)), "{on:?}");
    assert!(on.contains(&("BR-O2", Severity::Warn)), "{on:?}");
    // On 2013-06-30 only 80 of 100 are in place: no BR-O1 yet.
    let mid = rules_on(b.h.ws(), "2013-06-30", Kind::Project, &id);
    assert!(!mid.iter().any(|(r, _)| *r == "BR-O1"), "{mid:?}");
    // Infrastructure: another park's company warns (BR-O3); no builder at all is noted (BR-O4).
    let mut infra = project(&b.park, "园区道路（测试）", ProjectKind::Infrastructure, 50);
    infra.builder_id = Some(foreign_entity);
    let i = b.h.create(Data::Project(infra.clone()));
    assert_eq!(
        rules_on(b.h.ws(), "2013-12-31", Kind::Project, &i),
        vec![("BR-O3", Severity::Warn)]
    );
    infra.builder_id = None;
    infra.name = "园区道路二期（测试）".into();
    let j = b.h.create(Data::Project(infra));
    assert_eq!(
        rules_on(b.h.ws(), "2013-12-31", Kind::Project, &j),
        vec![("BR-O4", Severity::Info)]
    );
    // A park (or township) with projects cannot be deleted while they stand.
    let refused = b.h.run(Command::Delete {
        kind: Kind::Township,
        id: other_town,
    });
    assert!(refused.is_err());
}

#[test]
fn the_demo_projects_show_the_trend_from_2012_to_2013() {
    let ws = sample::demo();
    // 8–12 projects per park, all SAMPLE, generic names, no real company as investor.
    for p in ws.parks.iter_live() {
        let n = ws
            .projects
            .iter_live()
            .filter(|r| r.data.park_id == p.meta.id)
            .count();
        assert!((8..=12).contains(&n), "{}: {n}", p.data.name_zh);
    }
    for r in ws.projects.iter_live() {
        assert_eq!(r.meta.provenance, Provenance::Sample);
        assert!(
            r.data.investor.is_empty() || r.data.investor.starts_with("示例投资方"),
            "{}",
            r.data.investor
        );
        assert!(r.data.name.contains("示例"), "{}", r.data.name);
    }
    // City-wide figures computed by hand from sample_outcomes.rs.
    let y12 = kpis(&ws, d("2012-12-31"), &ProjectScope::City);
    let y13 = kpis(&ws, d("2013-12-31"), &ProjectScope::City);
    // Signed by 2012-12-31: GM 硅材料, 农产品, 电子元件; SC 冶金, 建材; GLG 温泉, 茶园 → 7.
    assert_eq!(y12.signed, 7);
    // Started by then: only GM 硅材料 → 1/7.
    assert_eq!(y12.start_rate, Ratio { num: 1, den: 7 });
    assert_eq!(y12.production_rate, Ratio { num: 0, den: 7 });
    // Funds in place 2012: GM 15000+15000+1000, SC 8000, GLG 10000+4000 = 53000 万 of
    // 80000+30000+15000+60000+18000+90000+12000 = 305000 万.
    assert_eq!(y12.funds_fen, wan(53_000));
    assert_eq!(y12.agreed_fen, wan(305_000));
    // 2013: all 14 signed; started: GM 硅材料, 农产品, 装备; SC 冶金, 建材; GLG 温泉, 茶园, 户外 → 8.
    assert_eq!(y13.signed, 14);
    assert_eq!(y13.start_rate, Ratio { num: 8, den: 14 });
    // In production: GM 硅材料, SC 建材, GLG 茶园 → 3.
    assert_eq!(y13.production_rate, Ratio { num: 3, den: 14 });
    // Funds 2013: GM 65000+18000+20000+3000+1000, SC 40000+14000+5000, GLG 55000+10000+10000+2000.
    assert_eq!(y13.funds_fen, wan(243_000));
    // 完工率 2013: planned 2013 — GM 道路 ✓; SC 道路 ✓, 污水 ✗, 供电 ✓; GLG 游客中心 ✓ → 4/5.
    assert_eq!(y13.completion_rate, Ratio { num: 4, den: 5 });
    // 完工率 2012: GM 厂房 ✓, GLG 停车场 ✓ → 2/2.
    assert_eq!(y12.completion_rate, Ratio { num: 2, den: 2 });
    // The trend the showcase tells.
    assert!(y13.funds_rate.percent() > y12.funds_rate.percent());
    assert!(y13.start_rate.percent() > y12.start_rate.percent());
    assert!(y13.production_rate.percent() > y12.production_rate.percent());
    // The demo has no Block violation on its projects and carries the BR-O4 teaching case.
    let v = check_all(&ws, d("2013-12-31"));
    assert!(
        !v.iter()
            .any(|x| x.kind == Kind::Project && x.severity == Severity::Block),
        "{v:?}"
    );
    assert_eq!(
        v.iter()
            .filter(|x| x.kind == Kind::Project && x.rule == "BR-O4")
            .count(),
        1
    );
    // Every goal index has a value for the city at the end of 2013, and GM's separation is broken
    // by its chair (a committee deputy director, BR-A10).
    let g = goal_indices(&ws, d("2013-12-31"), &Scope::City);
    assert!(g.iter().all(|g| g.value().is_some()), "{g:#?}");
    let gm = ws
        .parks
        .iter_live()
        .find(|p| p.data.short_code == "GM")
        .map(|p| p.meta.id.clone())
        .expect("GM");
    let m = &goal_indices(&ws, d("2013-12-31"), &Scope::Park(gm))[1];
    assert_eq!(
        m.components[1].measure,
        Measure::Count(Ratio { num: 0, den: 1 })
    );
    // Socialised: GM 800 of 2300, SC 600 of 1800, GLG 1700 of 1700 → 3100 / 5800 city-wide.
    assert_eq!(
        g[3].components[0].measure,
        Measure::Money(FenRatio {
            num: wan(3_100),
            den: wan(5_800)
        })
    );
}

#[test]
fn scoped_dashboard_figures_add_up_to_the_city() {
    let ws = sample::demo();
    let day = d("2013-12-31");
    let city = om::rectification_progress(&ws, day, &Scope::City);
    let figures = sm::rectification_figures(&ws, day);
    assert_eq!(
        (city.issued, city.closed, city.overdue, city.yellow_cards),
        (
            figures.issued,
            figures.closed,
            figures.overdue,
            figures.yellow_cards
        )
    );
    assert_eq!(city.on_time, figures.on_time);
    let parks: Vec<Id> = ws.parks.iter_live().map(|p| p.meta.id.clone()).collect();
    let sum: usize = parks
        .iter()
        .map(|p| om::rectification_progress(&ws, day, &Scope::Park(p.clone())).issued)
        .sum();
    assert!(sum <= city.issued && sum > 0, "{sum} of {}", city.issued);
    // Campaign rates for the city equal the supervision metrics; the second is better.
    let mine = om::campaign_rates(&ws, day, &Scope::City);
    let theirs = sm::campaign_rates(&ws, day);
    assert_eq!(mine.len(), 2);
    for (a, b) in mine.iter().zip(&theirs) {
        assert_eq!((a.strict, a.lenient), (b.strict, b.lenient));
    }
    assert!(mine[1].strict.percent() > mine[0].strict.percent());
    // Per park, the rated delegations add up to the city's.
    let rated: usize = parks
        .iter()
        .map(|p| {
            om::campaign_rates(&ws, day, &Scope::Park(p.clone()))[1]
                .strict
                .den
        })
        .sum();
    assert_eq!(rated, mine[1].strict.den);
    // Delegation states count every decided delegation once.
    let states: usize = om::delegation_states(&ws, day, &Scope::City)
        .iter()
        .map(|(_, n)| n)
        .sum();
    assert_eq!(states, ws.delegations.count_live());
    // On 2012-06-30 nothing was approved yet (the first batch is of 2012-10).
    let early = om::delegation_states(&ws, d("2012-06-30"), &Scope::City);
    assert!(early.iter().map(|(_, n)| n).sum::<usize>() < states);
}

#[test]
fn the_outcome_report_carries_the_kpis_and_indices_per_park_and_city() {
    use parkdesk::domain::rules::ViolationIndex;
    use parkdesk::domain::text::Lang;
    use parkdesk::reports::lists::Source;
    use parkdesk::reports::{Cell, SAMPLE_MARK, outcomes};
    let ws = sample::demo();
    let day = d("2013-12-31");
    let checks = ViolationIndex::check(&ws, day);
    let src = Source {
        ws: &ws,
        checks: &checks,
        as_of: day,
        office: "保山市编办",
        lang: Lang::Zh,
    };
    let r = outcomes::outcome_kpis(&src);
    // Three parks and the city.
    assert_eq!(r.rows.len(), 4);
    let city = r.rows.last().expect("city row");
    assert_eq!(city[0], Cell::text("全市"));
    assert_eq!(city[1], Cell::Int(14));
    assert_eq!(city[3], Cell::Num(243_000.0));
    assert_eq!(city[5], Cell::Percent(8.0 / 14.0));
    assert_eq!(city[7], Cell::Percent(4.0 / 5.0));
    assert_eq!(city.last(), Some(&Cell::text(SAMPLE_MARK)));
    assert_eq!(r.sample_rows, 4);
    let p = outcomes::projects(&src);
    assert_eq!(p.rows.len(), ws.projects.count_live());
    // GM's terminated project reads 终止 with its funds in place (1000 万).
    let row = p
        .rows
        .iter()
        .find(|r| r[2] == Cell::text("示例电子元件项目（已终止）"))
        .expect("row");
    assert_eq!(row[7], Cell::text("终止"));
    assert_eq!(row[9], Cell::Num(1_000.0));
}
