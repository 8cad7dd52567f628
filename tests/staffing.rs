//! Quotas, the real-name roster and talent intake (report S5.0, S5.4, S7.3; BR-C1..C4, BR-C11,
//! BR-C12): ledger arithmetic across dates in both 口径, sharing ratio, secondments, and the
//! demo's teaching cases. Expected values are computed by hand in the comments.

mod common;

use common::*;
use parkdesk::domain::command::Command;
use parkdesk::domain::institution::{InstitutionCategory, InstitutionData, InstitutionStatus};
use parkdesk::domain::metrics::{Ratio, Scope};
use parkdesk::domain::org::OrgKind;
use parkdesk::domain::person::{EntryChannel, PersonIdentity, PersonStatus};
use parkdesk::domain::rules::{Severity, check_all};
use parkdesk::domain::staffing::{Cell, Ledger, QuotaType, View};
use parkdesk::domain::staffing_metrics::{secondments, sharing_ratio, system_ledger};
use parkdesk::domain::talent::{PlanStatus, TalentPlanData};
use parkdesk::domain::workspace::{Data, Kind};

use PersonStatus::*;
use QuotaType::Administrative as ADMIN;

/// A park (GM) with an internal body B, a township entrusted from 2013-01-01 with its
/// government G, and a department outside the system.
struct World {
    b: Basic,
    body: String,
    gov: String,
    dept: String,
}

fn world() -> World {
    let mut b = basic();
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2013-01-01",
        None,
    )));
    let body = org_in(
        &mut b.h,
        "招商合作局",
        OrgKind::InternalBody,
        Some(&b.park),
        None,
    );
    let gov = org_in(
        &mut b.h,
        "示例镇丙人民政府",
        OrgKind::TownshipGov,
        None,
        Some(&b.town),
    );
    let dept = org_in(
        &mut b.h,
        "市发展和改革委员会",
        OrgKind::Department,
        None,
        None,
    );
    World { b, body, gov, dept }
}

#[test]
fn quota_arithmetic_follows_validity_periods_and_placements() {
    let World {
        mut b,
        body,
        gov,
        dept,
    } = world();
    let h = &mut b.h;
    // Approved: 3 until 30 June 2013, then 4; one more (核增) from 1 October.
    h.create(quota(&body, ADMIN, 3, "2012-10-01", Some("2013-06-30")));
    h.create(quota(&body, ADMIN, 4, "2013-07-01", None));
    h.create(quota(&body, ADMIN, 1, "2013-10-01", None));
    let seat = Some((body.as_str(), ADMIN));
    h.create(placed(
        "P1",
        PersonIdentity::CivilServant,
        vec![placement("2012-10-01", seat, &body, Active)],
    ));
    h.create(placed(
        "P2",
        PersonIdentity::CivilServant,
        vec![
            placement("2012-10-01", seat, &body, Active),
            placement("2013-09-01", seat, &body, Retired),
        ],
    ));
    // On leave and seconded out still hold their seats (§6.3).
    h.create(placed(
        "P3",
        PersonIdentity::CivilServant,
        vec![
            placement("2013-03-01", seat, &body, Active),
            placement("2013-05-01", seat, &body, OnLeave),
        ],
    ));
    h.create(placed(
        "P4",
        PersonIdentity::CivilServant,
        vec![
            placement("2013-02-01", seat, &body, Active),
            placement("2013-04-01", seat, &dept, SecondedOut),
        ],
    ));
    // Seated in the township, working in the park's body (编制共享).
    h.create(placed(
        "P5",
        PersonIdentity::CivilServant,
        vec![placement(
            "2012-10-01",
            Some((gov.as_str(), ADMIN)),
            &body,
            Active,
        )],
    ));
    // 编外: no seat.
    h.create(placed(
        "P6",
        PersonIdentity::ContractNonQuota,
        vec![placement("2012-10-01", None, &body, Active)],
    ));
    let ws = h.ws();
    let cell = |day: &str, view| Ledger::build(ws, d(day), view).cell(&body, ADMIN);
    // 2012-12-31: A = 3, O = P1, P2 → V = 1.
    assert_eq!(
        cell("2012-12-31", View::ByQuota),
        Cell {
            approved: 3,
            occupied: 2
        }
    );
    // 2013-06-30: O = P1, P2, P3 (on leave), P4 (seconded) = 4 > 3 → 超编 1.
    let c = cell("2013-06-30", View::ByQuota);
    assert_eq!((c.approved, c.occupied, c.vacant(), c.over()), (3, 4, 0, 1));
    assert!(rules_on(ws, "2013-06-30", Kind::OrgUnit, &body).contains(&("BR-C1", Severity::Warn)));
    // 2013-09-01: A = 4 (the first quota expired), P2 retired → O = 3, V = 1.
    let c = cell("2013-09-01", View::ByQuota);
    assert_eq!((c.approved, c.occupied, c.vacant()), (4, 3, 1));
    assert!(
        !rules_on(ws, "2013-09-01", Kind::OrgUnit, &body)
            .iter()
            .any(|r| r.0 == "BR-C1")
    );
    // 2013-12-31: A = 4 + 1 = 5, O = 3 → V = 2, usage 3/5.
    let c = cell("2013-12-31", View::ByQuota);
    assert_eq!(
        (c.approved, c.vacant(), c.usage()),
        (5, 2, Ratio { num: 3, den: 5 })
    );
    // 使用口径 on 2013-06-30: working in B with a seat: P1, P2, P5 (seat elsewhere); P3 on leave
    // and P4 seconded are not; P6 has no seat → 编外.
    let by_use = Ledger::build(ws, d("2013-06-30"), View::ByUse);
    assert_eq!(by_use.cell(&body, ADMIN).occupied, 3);
    assert_eq!(by_use.non_quota.get(&body), Some(&1));
    assert_eq!(
        by_use.cell(&dept, ADMIN).occupied,
        1,
        "P4 counted where seconded"
    );
}

#[test]
fn park_system_totals_sharing_ratio_and_secondments() {
    let World {
        mut b,
        body,
        gov,
        dept,
    } = world();
    let h = &mut b.h;
    h.create(quota(&body, ADMIN, 5, "2012-10-01", None));
    h.create(quota(&gov, ADMIN, 10, "2012-10-01", None));
    h.create(quota(&gov, QuotaType::Logistics, 2, "2012-10-01", None));
    let b_seat = Some((body.as_str(), ADMIN));
    let g_seat = Some((gov.as_str(), ADMIN));
    h.create(placed(
        "P1",
        PersonIdentity::CivilServant,
        vec![placement("2012-10-01", b_seat, &body, Active)],
    ));
    h.create(placed(
        "P2",
        PersonIdentity::CivilServant,
        vec![placement("2012-10-01", b_seat, &gov, Active)],
    ));
    h.create(placed(
        "P3",
        PersonIdentity::CivilServant,
        vec![placement("2012-10-01", g_seat, &gov, Active)],
    ));
    h.create(placed(
        "P4",
        PersonIdentity::CivilServant,
        vec![placement("2012-10-01", g_seat, &body, Active)],
    ));
    h.create(placed(
        "P5",
        PersonIdentity::CivilServant,
        vec![placement("2012-10-01", g_seat, &dept, SecondedOut)],
    ));
    h.create(placed(
        "P6",
        PersonIdentity::OrganWorker,
        vec![placement(
            "2012-10-01",
            Some((gov.as_str(), QuotaType::Logistics)),
            &gov,
            Active,
        )],
    ));
    let ws = h.ws();
    let park = Scope::Park(b.park.clone());
    let day = d("2013-06-30");
    // Park system = B + G (entrusted since 2013-01-01): 行政 A 15, O 5; 工勤 A 2, O 1.
    let l = system_ledger(ws, day, &park, View::ByQuota);
    assert_eq!(
        l.totals.get(&ADMIN),
        Some(&Cell {
            approved: 15,
            occupied: 5
        })
    );
    assert_eq!(
        l.totals.get(&QuotaType::Logistics),
        Some(&Cell {
            approved: 2,
            occupied: 1
        })
    );
    assert_eq!(
        l.total(),
        Cell {
            approved: 17,
            occupied: 6
        }
    );
    assert_eq!(l.rows.len(), 3);
    // Before the entrustment the township is outside the system: only B counts.
    let before = system_ledger(ws, d("2012-12-31"), &park, View::ByQuota);
    assert_eq!(
        before.total(),
        Cell {
            approved: 5,
            occupied: 2
        }
    );
    // Sharing: seated in the system and keeping the seat = 6; working in another unit of the
    // same system: P2 (B→G), P4 (G→B) = 2. P5 works outside.
    assert_eq!(sharing_ratio(ws, day, &park), Ratio { num: 2, den: 6 });
    // Before 2013: G is outside, so P2 (seat B, works G) crosses the system boundary unmarked.
    let s = secondments(ws, d("2012-12-31"), &park);
    assert!(
        s.iter()
            .any(|x| !x.marked && x.work_org_id.as_deref() == Some(gov.as_str()))
    );
    let p2 = ws
        .persons
        .iter_live()
        .find(|p| p.data.staff_no == "P2")
        .map(|p| p.meta.id.clone())
        .unwrap();
    assert!(rules_on(ws, "2012-12-31", Kind::Person, &p2).contains(&("BR-C3", Severity::Warn)));
    assert!(
        !rules_on(ws, "2013-06-30", Kind::Person, &p2)
            .iter()
            .any(|r| r.0 == "BR-C3")
    );
    // After: only the marked secondment of P5 is listed.
    let s = secondments(ws, day, &park);
    assert_eq!(s.len(), 1);
    assert!(s[0].marked && s[0].status == SecondedOut);
}

#[test]
fn working_outside_the_system_must_be_marked_seconded() {
    let World {
        mut b, body, dept, ..
    } = world();
    let p = b.h.create(placed(
        "P1",
        PersonIdentity::CivilServant,
        vec![placement(
            "2013-01-01",
            Some((body.as_str(), ADMIN)),
            &dept,
            Active,
        )],
    ));
    assert!(
        rules_on(b.h.ws(), "2013-06-30", Kind::Person, &p).contains(&("BR-C3", Severity::Warn))
    );
    let fixed = placed(
        "P1",
        PersonIdentity::CivilServant,
        vec![placement(
            "2013-01-01",
            Some((body.as_str(), ADMIN)),
            &dept,
            SecondedOut,
        )],
    );
    b.h.run(Command::Save {
        id: Some(p.clone()),
        data: fixed,
        base_rev: None,
    })
    .expect("save");
    assert!(
        !rules_on(b.h.ws(), "2013-06-30", Kind::Person, &p)
            .iter()
            .any(|r| r.0 == "BR-C3")
    );
}

#[test]
fn br_c2_one_seat_at_a_time_and_one_roster_row_per_person() {
    let World {
        mut b, body, gov, ..
    } = world();
    // Two placements on the same date would be two seats at once.
    let two = placed(
        "P1",
        PersonIdentity::CivilServant,
        vec![
            placement("2013-01-01", Some((body.as_str(), ADMIN)), &body, Active),
            placement("2013-01-01", Some((gov.as_str(), ADMIN)), &gov, Active),
        ],
    );
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: two,
            base_rev: None
        })),
        vec!["BR-C2"]
    );
    b.h.create(placed(
        "P1",
        PersonIdentity::CivilServant,
        vec![placement(
            "2013-01-01",
            Some((body.as_str(), ADMIN)),
            &body,
            Active,
        )],
    ));
    // The same staff number again is the same person twice.
    let again = placed(
        " P1 ",
        PersonIdentity::CivilServant,
        vec![placement(
            "2013-01-01",
            Some((gov.as_str(), ADMIN)),
            &gov,
            Active,
        )],
    );
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: again,
            base_rev: None
        })),
        vec!["BR-C2"]
    );
    // A person needs at least one placement.
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: placed("P2", PersonIdentity::CivilServant, vec![]),
            base_rev: None
        })),
        vec!["FIELD"]
    );
    assert_eq!(b.h.ws().persons.count_live(), 1, "nothing refused was kept");
}

#[test]
fn br_c4_identity_goes_with_the_quota_type() {
    let World { mut b, body, .. } = world();
    let inst = org_in(
        &mut b.h,
        "政务服务中心",
        OrgKind::ParkPublicInstitution,
        Some(&b.park),
        None,
    );
    let cases = [
        (
            "P1",
            PersonIdentity::CivilServant,
            Some((inst.as_str(), QuotaType::InstitutionFull)),
            true,
        ),
        (
            "P2",
            PersonIdentity::CivilServant,
            Some((body.as_str(), ADMIN)),
            false,
        ),
        (
            "P3",
            PersonIdentity::ContractNonQuota,
            Some((inst.as_str(), QuotaType::InstitutionFull)),
            true,
        ),
        ("P4", PersonIdentity::ContractNonQuota, None, false),
        (
            "P5",
            PersonIdentity::ReferenceManaged,
            Some((body.as_str(), ADMIN)),
            true,
        ),
        (
            "P6",
            PersonIdentity::ReferenceManaged,
            Some((inst.as_str(), QuotaType::InstitutionSelfFunded)),
            false,
        ),
        (
            "P7",
            PersonIdentity::InstitutionPro,
            Some((inst.as_str(), QuotaType::InstitutionPartial)),
            false,
        ),
    ];
    for (no, identity, seat, warned) in cases {
        let work = seat.map(|s| s.0).unwrap_or(body.as_str()).to_string();
        let id = b.h.create(placed(
            no,
            identity,
            vec![placement("2013-01-01", seat, &work, Active)],
        ));
        let has = rules_on(b.h.ws(), "2013-06-30", Kind::Person, &id)
            .contains(&("BR-C4", Severity::Warn));
        assert_eq!(has, warned, "{no} {identity:?}");
    }
}

fn plan(
    park: &str,
    org: &str,
    positions: u16,
    approved_on: Option<&str>,
    status: PlanStatus,
) -> TalentPlanData {
    TalentPlanData {
        park_id: park.into(),
        year: 2013,
        channel: EntryChannel::OpenRecruitment,
        target_org_id: org.into(),
        quota_type: ADMIN,
        positions,
        requirements: String::new(),
        policy_institution_id: None,
        status,
        approved_on: approved_on.map(d),
        filled_person_ids: vec![],
    }
}

#[test]
fn br_c11_intake_is_bounded_by_vacancies_on_the_approval_date() {
    let World { mut b, body, .. } = world();
    let h = &mut b.h;
    h.create(quota(&body, ADMIN, 5, "2012-10-01", None));
    for no in ["P1", "P2", "P3"] {
        h.create(placed(
            no,
            PersonIdentity::CivilServant,
            vec![placement(
                "2012-10-01",
                Some((body.as_str(), ADMIN)),
                &body,
                Active,
            )],
        ));
    }
    // Vacancies on 2013-03-01: 5 − 3 = 2.
    let ok = h.create(Data::TalentPlan(plan(
        &b.park,
        &body,
        2,
        Some("2013-03-01"),
        PlanStatus::QuotaApproved,
    )));
    assert!(
        !rules_on(h.ws(), "2013-12-31", Kind::TalentPlan, &ok)
            .iter()
            .any(|r| r.0 == "BR-C11")
    );
    // A later plan finds both vacancies claimed by the first one.
    let late = h.create(Data::TalentPlan(plan(
        &b.park,
        &body,
        1,
        Some("2013-04-01"),
        PlanStatus::QuotaApproved,
    )));
    let v = check_all(h.ws(), d("2013-12-31"));
    let msg = v
        .iter()
        .find(|v| v.rule == "BR-C11" && v.id == late)
        .expect("warned");
    assert!(
        msg.message.zh.contains("空编 2") && msg.message.zh.contains("其他计划占用 2"),
        "{}",
        msg.message.zh
    );
    // Once the first plan's two people have arrived, they are counted as occupied and no longer
    // claimed, so the second plan sees 0 vacancies either way.
    let p4 = h.create(placed(
        "P4",
        PersonIdentity::CivilServant,
        vec![placement(
            "2013-03-15",
            Some((body.as_str(), ADMIN)),
            &body,
            Active,
        )],
    ));
    let p5 = h.create(placed(
        "P5",
        PersonIdentity::CivilServant,
        vec![placement(
            "2013-03-15",
            Some((body.as_str(), ADMIN)),
            &body,
            Active,
        )],
    ));
    let mut first = plan(
        &b.park,
        &body,
        2,
        Some("2013-03-01"),
        PlanStatus::Implementing,
    );
    first.filled_person_ids = vec![p4, p5];
    h.run(Command::Save {
        id: Some(ok.clone()),
        data: Data::TalentPlan(first),
        base_rev: None,
    })
    .expect("save");
    let v = check_all(h.ws(), d("2013-12-31"));
    let msg = v
        .iter()
        .find(|v| v.rule == "BR-C11" && v.id == late)
        .expect("still warned");
    assert!(
        msg.message.zh.contains("实有 5，空编 0"),
        "{}",
        msg.message.zh
    );
    assert!(!v.iter().any(|v| v.rule == "BR-C11" && v.id == ok));
}

#[test]
fn br_c12_scarce_and_high_skill_talent_needs_the_talent_policy() {
    let World { mut b, body, .. } = world();
    b.h.create(quota(&body, ADMIN, 5, "2012-10-01", None));
    let mut p = plan(
        &b.park,
        &body,
        1,
        Some("2013-03-01"),
        PlanStatus::QuotaApproved,
    );
    p.channel = EntryChannel::ScarceTalent;
    let id = b.h.create(Data::TalentPlan(p.clone()));
    assert!(
        rules_on(b.h.ws(), "2013-12-31", Kind::TalentPlan, &id)
            .contains(&("BR-C12", Severity::Info))
    );
    let policy = b.h.create(Data::Institution(InstitutionData {
        park_id: b.park.clone(),
        title: "引进紧缺专业技术人才暂行办法".into(),
        category: InstitutionCategory::Talent,
        status: InstitutionStatus::InForce,
        issued: None,
        effective_from: Some(d("2013-04-01")),
        review_due: None,
    }));
    p.policy_institution_id = Some(policy.clone());
    b.h.run(Command::Save {
        id: Some(id.clone()),
        data: Data::TalentPlan(p.clone()),
        base_rev: None,
    })
    .expect("save");
    // Approved on 1 March, but the policy applies only from 1 April.
    let v = check_all(b.h.ws(), d("2013-12-31"));
    assert!(
        v.iter()
            .any(|v| v.rule == "BR-C12" && v.id == id && v.message.zh.contains("尚未施行"))
    );
    p.approved_on = Some(d("2013-04-15"));
    b.h.run(Command::Save {
        id: Some(id.clone()),
        data: Data::TalentPlan(p),
        base_rev: None,
    })
    .expect("save");
    assert!(
        !rules_on(b.h.ws(), "2013-12-31", Kind::TalentPlan, &id)
            .iter()
            .any(|r| r.0 == "BR-C12")
    );
    // The institution cannot be deleted while the plan refers to it.
    assert_eq!(
        rejected(b.h.run(Command::Delete {
            kind: Kind::Institution,
            id: policy
        })),
        vec!["REF"]
    );
}

#[test]
fn the_demo_carries_the_staffing_teaching_cases() {
    let ws = parkdesk::domain::sample::demo();
    let day = d("2013-12-31");
    let v = check_all(&ws, day);
    assert!(
        v.iter().all(|v| v.severity != Severity::Block),
        "{:?}",
        v.iter()
            .filter(|v| v.severity == Severity::Block)
            .collect::<Vec<_>>()
    );
    // §7.3: ≈ 510 in-quota persons, city-wide.
    let city = system_ledger(&ws, day, &Scope::City, View::ByQuota);
    assert_eq!(city.total().occupied, 510);
    let gm = ws
        .parks
        .iter_live()
        .find(|p| p.data.short_code == "GM")
        .map(|p| p.meta.id.clone())
        .unwrap();
    let gm_l = system_ledger(&ws, day, &Scope::Park(gm.clone()), View::ByQuota);
    // GM: park 22/19 + T1 30/28 + T2 25/22 行政; 30/26 + 45/47 + 35/31 事业; 2/2 + 3/3 + 2/2 工勤.
    assert_eq!(
        gm_l.totals.get(&ADMIN),
        Some(&Cell {
            approved: 77,
            occupied: 69
        })
    );
    assert_eq!(
        gm_l.totals.get(&QuotaType::InstitutionFull),
        Some(&Cell {
            approved: 110,
            occupied: 104
        })
    );
    assert_eq!(
        gm_l.totals.get(&QuotaType::Logistics),
        Some(&Cell {
            approved: 7,
            occupied: 7
        })
    );
    // The one over-quota unit: GM-T1's agricultural centre, 超编 +2.
    let c1: Vec<_> = v.iter().filter(|v| v.rule == "BR-C1").collect();
    assert_eq!(c1.len(), 1);
    assert_eq!(
        ws.label_of(Kind::OrgUnit, &c1[0].id),
        "示例镇丙农业综合服务中心"
    );
    assert!(c1[0].message.zh.contains("超编 2 人"));
    // Before GM's retirement on 1 Oct 2013 GM-T2 had one more person.
    let before = system_ledger(
        &ws,
        d("2013-06-30"),
        &Scope::Park(gm.clone()),
        View::ByQuota,
    );
    assert_eq!(before.totals.get(&ADMIN).map(|c| c.occupied), Some(69 + 1));
    // 编制共享 8–12 %, and two secondments outside the system.
    let r = sharing_ratio(&ws, day, &Scope::City);
    let share = r.num as f64 / r.den as f64;
    assert!((0.08..=0.12).contains(&share), "{r:?}");
    let s = secondments(&ws, day, &Scope::City);
    assert_eq!(
        s.iter()
            .filter(|x| x.marked && x.status == SecondedOut)
            .count(),
        2
    );
    assert!(s.iter().all(|x| x.marked));
    // Talent: one plan over the vacancies, one scarce-talent plan without a policy.
    assert_eq!(v.iter().filter(|v| v.rule == "BR-C11").count(), 1);
    assert_eq!(v.iter().filter(|v| v.rule == "BR-C12").count(), 1);
}

#[test]
fn the_ledger_exports_as_csv_for_excel() {
    use parkdesk::reports::staffing::ledger_csv;
    let ws = parkdesk::domain::sample::demo();
    let day = d("2013-12-31");
    let gm = ws
        .parks
        .iter_live()
        .find(|p| p.data.short_code == "GM")
        .map(|p| p.meta.id.clone())
        .unwrap();
    let l = system_ledger(&ws, day, &Scope::Park(gm), View::ByQuota);
    let csv = ledger_csv(&ws, &l, day, View::ByQuota);
    assert!(
        csv.starts_with("\u{feff}园区,乡镇,单位,编制类型,核定数,实有数,空编数,超编数,编制使用率"),
        "BOM and header"
    );
    assert!(csv.contains("\r\n"), "Excel line ends");
    // The over-quota station, one line with its numbers and the SAMPLE mark.
    let station = csv
        .lines()
        .find(|l| l.contains("示例镇丙农业综合服务中心"))
        .expect("station line");
    assert!(
        station.contains(",15,17,0,2,113.3%,编制口径,2013-12-31,示例 SAMPLE"),
        "{station}"
    );
    // The park-system totals.
    assert!(
        csv.lines()
            .any(|l| l.contains("园区体系合计,行政编制,77,69,8,0,89.6%")),
        "{csv}"
    );
    let by_use = system_ledger(&ws, day, &Scope::City, View::ByUse);
    let csv = ledger_csv(&ws, &by_use, day, View::ByUse);
    assert!(
        csv.contains("编外人员（无编制）,,,20,"),
        "20 contract staff listed apart"
    );
}
