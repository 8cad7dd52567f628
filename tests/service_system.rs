//! The service system (report S4.1–S4.3; shared/domain.md §4.A, BR-A9..A12): development entities
//! kept apart from the administrative body, service offerings for the received powers, and the
//! institutions register with its required categories.

mod common;

use common::*;
use parkdesk::domain::command::{Command, CommandError};
use parkdesk::domain::development::*;
use parkdesk::domain::institution::*;
use parkdesk::domain::org::{OrgKind, OrgStatus, OrgUnitData};
use parkdesk::domain::parameters::ParametersData;
use parkdesk::domain::rules::{Severity, Violation, check_all};
use parkdesk::domain::service::*;
use parkdesk::domain::service_rules::*;
use parkdesk::domain::workspace::{Data, Kind};

fn entity(park: &str, execs: Vec<Executive>) -> DevelopmentEntityData {
    DevelopmentEntityData {
        park_id: park.into(),
        name: "示例园区开发建设投资有限公司".into(),
        legal_form: LegalForm::StateOwnedSole,
        credit_code: None,
        shareholders: vec![Shareholder {
            name: "管委会".into(),
            share_bp: 10_000,
        }],
        registered_capital_fen: Some(10_000_000_000),
        business_scope: vec![DevBusiness::Infrastructure],
        established_on: Some(d("2012-11-20")),
        executives: execs,
        status: ActiveStatus::Operating,
    }
}

fn on_record<'a>(v: &'a [Violation], id: &str, rule: &str) -> Vec<&'a Violation> {
    v.iter().filter(|x| x.id == id && x.rule == rule).collect()
}

fn refused(r: Result<parkdesk::domain::command::Outcome, CommandError>) -> Vec<Violation> {
    match r {
        Err(CommandError::Rejected(v)) => v,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn br_a10_each_park_has_a_development_entity_and_cross_held_posts_are_listed() {
    let mut b = basic();
    let v = check_all(b.h.ws(), d("2013-01-01"));
    let w = on_record(&v, &b.park, "BR-A10");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].severity, Severity::Warn);
    let id = b.h.create(Data::DevelopmentEntity(entity(
        &b.park,
        vec![
            Executive {
                name: "干部GM-004".into(),
                role: ExecutiveRole::Chair,
                committee_post: "管委会副主任".into(),
            },
            Executive {
                name: "经理甲".into(),
                role: ExecutiveRole::GeneralManager,
                committee_post: String::new(),
            },
        ],
    )));
    let v = check_all(b.h.ws(), d("2013-01-01"));
    assert!(on_record(&v, &b.park, "BR-A10").is_empty());
    let review = on_record(&v, &id, "BR-A10");
    assert_eq!(review.len(), 1);
    assert!(
        review[0].message.zh.contains("干部GM-004")
            && review[0].message.zh.contains("管委会副主任")
    );
    assert!(!review[0].message.zh.contains("经理甲"));
    let list = cross_held(b.h.ws());
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].1.name, "干部GM-004");
    // A company that stopped operating does not count as the park's entity.
    let mut stopped =
        b.h.ws()
            .development_entities
            .get(&id)
            .expect("e")
            .data
            .clone();
    stopped.status = ActiveStatus::Stopped;
    b.h.run(Command::Save {
        id: Some(id),
        data: Data::DevelopmentEntity(stopped),
        base_rev: None,
    })
    .expect("saved");
    assert_eq!(
        on_record(&check_all(b.h.ws(), d("2013-01-01")), &b.park, "BR-A10").len(),
        1
    );
}

#[test]
fn br_a9_an_enterprise_is_not_an_internal_body_and_receives_no_power() {
    let mut b = basic();
    b.h.create(Data::DevelopmentEntity(entity(&b.park, vec![])));
    // Registering the company as an internal body of the committee is refused.
    let as_body = OrgUnitData {
        park_id: Some(b.park.clone()),
        status: OrgStatus::Active,
        ..OrgUnitData::new("示例园区开发建设投资有限公司", OrgKind::InternalBody)
    };
    let v = refused(b.h.run(Command::Save {
        id: None,
        data: Data::OrgUnit(as_body.clone()),
        base_rev: None,
    }));
    assert_eq!(v[0].rule, "BR-A9");
    assert_eq!(v[0].source, Some("S4.1"));
    // Any body named like a company (…有限公司, …集团) is treated the same.
    let mut group = as_body.clone();
    group.name = "示例城投集团".into();
    assert_eq!(
        refused(b.h.run(Command::Save {
            id: None,
            data: Data::OrgUnit(group),
            base_rev: None
        }))[0]
            .rule,
        "BR-A9"
    );
    assert!(looks_like_enterprise("某某有限责任公司") && !looks_like_enterprise("经济发展局"));
    // As a public institution it may exist, but it cannot receive a delegated power.
    let mut inst = as_body;
    inst.kind = OrgKind::ParkPublicInstitution;
    let org = b.h.create(Data::OrgUnit(inst));
    let ws = parkdesk::domain::sample::demo_with_catalogue();
    let item = ws
        .power_items
        .iter_live()
        .find(|i| i.data.item_code == "QT00101000")
        .expect("item")
        .clone();
    let mut ws2 = b.h.ws().clone();
    ws2.power_items.insert(item.clone());
    let mut h = Harness::with(ws2);
    let data = parkdesk::domain::delegation::DelegationData {
        power_item_id: item.meta.id.clone(),
        park_id: b.park.clone(),
        grantor: parkdesk::domain::delegation::Grantor::City,
        mode: parkdesk::domain::delegation::DelegationMode::Authorise,
        territory: parkdesk::domain::delegation::Territory::WholePark,
        recipient_org_id: Some(org),
        batch: None,
        effective_from: None,
        term_until: None,
        delegated_links: vec![],
        retained_links: vec![],
        added_preconditions: vec![],
        need: None,
        capacity: None,
        override_reason: None,
        approved_on: None,
        handover_by_source_on: None,
        handover_by_park_on: None,
        parallel: false,
        lifecycle: parkdesk::domain::delegation::Lifecycle::Proposed,
        reception: parkdesk::domain::delegation::Reception::NotStarted,
        cases: vec![],
        history: vec![],
    };
    let v = refused(h.run(Command::Save {
        id: None,
        data: Data::Delegation(data),
        base_rev: None,
    }));
    assert!(
        v.iter()
            .any(|x| x.rule == "BR-A9" && x.field == Some("recipient_org_id")),
        "{v:?}"
    );
}

#[test]
fn development_entity_fields_shares_capital_credit_code_and_no_personal_numbers() {
    let mut b = basic();
    let mut e = entity(&b.park, vec![]);
    e.shareholders.push(Shareholder {
        name: "社会资本".into(),
        share_bp: 1,
    });
    let v = refused(b.h.run(Command::Save {
        id: None,
        data: Data::DevelopmentEntity(e.clone()),
        base_rev: None,
    }));
    assert_eq!(v[0].field, Some("shareholders"));
    assert!(v[0].message.zh.contains("100.01%"));
    e.shareholders.pop();
    e.credit_code = Some("91530500MA6K12345".into()); // 17 characters
    assert_eq!(
        refused(b.h.run(Command::Save {
            id: None,
            data: Data::DevelopmentEntity(e.clone()),
            base_rev: None
        }))[0]
            .field,
        Some("credit_code")
    );
    e.credit_code = Some("91530500MA6K123456".into());
    e.executives = vec![Executive {
        name: "530502198001011234".into(),
        role: ExecutiveRole::Chair,
        committee_post: String::new(),
    }];
    assert_eq!(
        refused(b.h.run(Command::Save {
            id: None,
            data: Data::DevelopmentEntity(e.clone()),
            base_rev: None
        }))[0]
            .rule,
        "BR-F2"
    );
    e.executives.clear();
    e.registered_capital_fen = Some(-1);
    assert_eq!(
        refused(b.h.run(Command::Save {
            id: None,
            data: Data::DevelopmentEntity(e.clone()),
            base_rev: None
        }))[0]
            .field,
        Some("registered_capital_fen")
    );
    e.registered_capital_fen = Some(0);
    assert!(
        b.h.run(Command::Save {
            id: None,
            data: Data::DevelopmentEntity(e),
            base_rev: None
        })
        .is_ok()
    );
}

fn institution(
    park: &str,
    category: InstitutionCategory,
    status: InstitutionStatus,
    from: &str,
) -> Data {
    Data::Institution(InstitutionData {
        park_id: park.into(),
        title: format!("{}制度", category.zh()),
        category,
        status,
        issued: None,
        effective_from: Some(d(from)),
        review_due: None,
    })
}

#[test]
fn br_a11_required_institution_categories_are_checked_per_park_and_date_and_are_configurable() {
    use InstitutionCategory::*;
    let mut b = basic();
    let required = ParametersData::default().required_institution_categories;
    assert_eq!(required.len(), 7);
    for c in &required {
        if *c != Supervision {
            b.h.create(institution(
                &b.park,
                *c,
                InstitutionStatus::InForce,
                "2013-01-01",
            ));
        }
    }
    // 督查 only as a draft, and the investment rule in force only from July.
    b.h.create(institution(
        &b.park,
        Supervision,
        InstitutionStatus::Drafting,
        "2013-01-01",
    ));
    let inv =
        b.h.ws()
            .institutions
            .iter_live()
            .find(|i| i.data.category == Investment)
            .map(|i| i.meta.id.clone())
            .expect("inv");
    let mut later = b.h.ws().institutions.get(&inv).expect("i").data.clone();
    later.effective_from = Some(d("2013-07-01"));
    b.h.run(Command::Save {
        id: Some(inv),
        data: Data::Institution(later),
        base_rev: None,
    })
    .expect("saved");
    assert_eq!(
        missing_categories(b.h.ws(), &b.park, d("2013-06-30")),
        vec![Investment, Supervision]
    );
    assert_eq!(
        missing_categories(b.h.ws(), &b.park, d("2013-07-01")),
        vec![Supervision]
    );
    let v = check_all(b.h.ws(), d("2013-07-01"));
    let a11 = on_record(&v, &b.park, "BR-A11");
    assert_eq!(a11.len(), 1);
    assert_eq!(a11[0].severity, Severity::Info);
    assert!(a11[0].message.zh.contains("督查"));
    // A revision in progress keeps the old text in force; a repealed one does not count.
    b.h.create(institution(
        &b.park,
        Supervision,
        InstitutionStatus::Revising,
        "2013-01-01",
    ));
    assert!(missing_categories(b.h.ws(), &b.park, d("2013-07-01")).is_empty());
    // The list is configurable: requiring 人才 shows it missing.
    let mut p = ParametersData::default();
    p.required_institution_categories.push(Talent);
    b.h.create(Data::Parameters(p));
    assert_eq!(
        missing_categories(b.h.ws(), &b.park, d("2013-07-01")),
        vec![Talent]
    );
    // Only one parameters record.
    assert_eq!(
        refused(b.h.run(Command::Save {
            id: None,
            data: Data::Parameters(ParametersData::default()),
            base_rev: None
        }))[0]
            .kind,
        Kind::Parameters
    );
}

#[test]
fn br_a12_received_items_people_apply_for_are_served_by_an_operating_offering() {
    let ws = parkdesk::domain::sample::demo();
    let day = d("2013-12-31");
    // The demo leaves GLG's temporary assistance (a benefit item) unserved on purpose.
    let unserved: Vec<String> = unserved_delegations(&ws, day)
        .iter()
        .map(|d| ws.label_of(Kind::Delegation, d.id()))
        .collect();
    assert_eq!(
        unserved,
        vec!["JF01002000 临时救助 → 高黎贡山旅游度假区".to_string()]
    );
    let id = unserved_delegations(&ws, day)[0].meta.id.clone();
    let v = check_all(&ws, day);
    assert_eq!(on_record(&v, &id, "BR-A12")[0].severity, Severity::Info);
    // Linking it to the operating one-stop window serves it; a stopped window would not.
    let glg = ws
        .parks
        .iter_live()
        .find(|p| p.data.short_code == "GLG")
        .expect("glg")
        .meta
        .id
        .clone();
    let mut h = Harness::with(ws);
    h.now = "2014-01-02T08:00:00Z".parse().expect("t");
    let window = h
        .ws()
        .service_offerings
        .iter_live()
        .find(|o| o.data.park_id == glg && o.data.kind == ServiceKind::OneStopWindow)
        .map(|o| (o.meta.id.clone(), o.data.clone()))
        .expect("window");
    let mut linked = window.1.clone();
    linked.linked_delegation_ids.push(id.clone());
    h.run(Command::Save {
        id: Some(window.0.clone()),
        data: Data::ServiceOffering(linked.clone()),
        base_rev: None,
    })
    .expect("linked");
    assert!(unserved_delegations(h.ws(), day).is_empty());
    linked.status = ActiveStatus::Stopped;
    h.run(Command::Save {
        id: Some(window.0.clone()),
        data: Data::ServiceOffering(linked.clone()),
        base_rev: None,
    })
    .expect("stopped");
    assert!(unserved_delegations(h.ws(), day).len() > 1);
    // A delegation of another park cannot be linked.
    let other = h
        .ws()
        .delegations
        .iter_live()
        .find(|d| d.data.park_id != glg)
        .expect("other")
        .meta
        .id
        .clone();
    linked.linked_delegation_ids.push(other);
    let v = refused(h.run(Command::Save {
        id: Some(window.0),
        data: Data::ServiceOffering(linked),
        base_rev: None,
    }));
    assert_eq!(v[0].field, Some("linked_delegation_ids"));
}

#[test]
fn the_demo_service_system_shows_its_teaching_cases() {
    let ws = parkdesk::domain::sample::demo();
    let day = d("2013-12-31");
    let park = |code: &str| {
        ws.parks
            .iter_live()
            .find(|p| p.data.short_code == code)
            .expect("park")
            .meta
            .id
            .clone()
    };
    assert_eq!(ws.development_entities.count_live(), 3);
    assert_eq!(
        missing_categories(&ws, &park("SC"), day),
        vec![InstitutionCategory::Supervision]
    );
    assert!(missing_categories(&ws, &park("GM"), day).is_empty());
    assert!(missing_categories(&ws, &park("GLG"), day).is_empty());
    for code in ["SC", "GM", "GLG"] {
        let n = ws
            .institutions
            .iter_live()
            .filter(|i| i.data.park_id == park(code))
            .count();
        assert!((8..=12).contains(&n), "{code}: {n}");
        let offerings = ws
            .service_offerings
            .iter_live()
            .filter(|o| o.data.park_id == park(code))
            .count();
        assert_eq!(offerings, 2);
    }
    let review = cross_held(&ws);
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].0.data.park_id, park("GM"));
    assert_eq!(review[0].1.committee_post, "管委会副主任");
}
