//! 大部制 (report S3.1, S1.1): body limit, breadth, the 对口设置 flag with its reason, the bodies
//! jointly covering 招商、规划、建设 (BR-C7, BR-A1), the 大部制 indices, and org field checks.

mod common;

use common::*;
use parkdesk::domain::command::Command;
use parkdesk::domain::metrics::Ratio;
use parkdesk::domain::org::{OrgKind, OrgUnitData};
use parkdesk::domain::rules::{Severity, check_all};
use parkdesk::domain::staffing_metrics::body_indices;
use parkdesk::domain::workspace::{Data, Kind};

fn body(park: &str, name: &str, domains: &[&str], counterparts: &[String]) -> Data {
    Data::OrgUnit(OrgUnitData {
        park_id: Some(park.into()),
        domains: domains.iter().map(|s| s.to_string()).collect(),
        counterpart_dept_ids: counterparts.to_vec(),
        ..OrgUnitData::new(name, OrgKind::InternalBody)
    })
}

#[test]
fn br_c7_limit_breadth_and_the_counterpart_flag_with_its_reason() {
    let mut b = basic();
    let park = b.park.clone();
    let inv = org_in(&mut b.h, "市投资促进局", OrgKind::Department, None, None);
    let dev = org_in(
        &mut b.h,
        "市发展和改革委员会",
        OrgKind::Department,
        None,
        None,
    );
    let plan = org_in(&mut b.h, "市规划局", OrgKind::Department, None, None);
    b.h.create(body(
        &park,
        "经济发展局",
        &["ECO.DEV_REFORM", "ECO.COMMERCE"],
        std::slice::from_ref(&dev),
    ));
    let single = b.h.create(body(
        &park,
        "招商合作局",
        &["ECO.INVESTMENT"],
        std::slice::from_ref(&inv),
    ));
    b.h.create(body(
        &park,
        "规划建设局",
        &["ECO.PLANNING", "ECO.CONSTRUCTION"],
        &[plan, dev],
    ));
    let c7 = |b: &Basic, id: &str| -> Vec<(Option<&'static str>, Severity)> {
        check_all(b.h.ws(), d("2013-06-01"))
            .into_iter()
            .filter(|v| v.rule == "BR-C7" && v.id == id)
            .map(|v| (v.field, v.severity))
            .collect()
    };
    // Single domain and a single counterpart: both flagged.
    let mut got = c7(&b, &single);
    got.sort_by_key(|x| x.0);
    assert_eq!(
        got,
        vec![
            (Some("counterpart_dept_ids"), Severity::Warn),
            (Some("domains"), Severity::Warn)
        ]
    );
    // "经济发展局" also mirrors one department only (although it has two domains).
    let econ =
        b.h.ws()
            .org_units
            .iter_live()
            .find(|o| o.data.name == "经济发展局")
            .map(|o| o.meta.id.clone())
            .unwrap();
    assert_eq!(
        c7(&b, &econ),
        vec![(Some("counterpart_dept_ids"), Severity::Warn)]
    );
    // A recorded reason turns the flags into notes.
    b.h.run(Command::Save {
        id: Some(single.clone()),
        data: Data::OrgUnit(OrgUnitData {
            park_id: Some(park.clone()),
            domains: vec!["ECO.INVESTMENT".into()],
            counterpart_dept_ids: vec![inv],
            counterpart_reason: Some("招商任务重，单设以示重视（示例）".into()),
            ..OrgUnitData::new("招商合作局", OrgKind::InternalBody)
        }),
        base_rev: None,
    })
    .expect("save");
    assert!(c7(&b, &single).iter().all(|(_, s)| *s == Severity::Info));
    // The limit: three bodies against a limit of two.
    let mut p = park_data(&b);
    p.body_limit = Some(2);
    b.h.run(Command::Save {
        id: Some(park.clone()),
        data: Data::Park(p),
        base_rev: None,
    })
    .expect("save");
    let v = check_all(b.h.ws(), d("2013-06-01"));
    assert!(v.iter().any(|v| v.rule == "BR-C7"
        && v.kind == Kind::Park
        && v.message.zh.contains("3 个，超过核定限额 2 个")));
    // Indices: 3 bodies; domains 2 + 1 + 2 = 5 → breadth 5/3; departments 3 distinct → 3/3.
    let ix = body_indices(b.h.ws(), &park);
    assert_eq!((ix.bodies, ix.limit), (3, Some(2)));
    assert_eq!(ix.breadth, Ratio { num: 5, den: 3 });
    assert_eq!(ix.counterparts, Ratio { num: 3, den: 3 });
}

fn park_data(b: &Basic) -> parkdesk::domain::territory::ParkData {
    b.h.ws().parks.live(&b.park).unwrap().data.clone()
}

#[test]
fn br_a1_the_bodies_jointly_cover_investment_planning_and_construction() {
    let mut b = basic();
    let park = b.park.clone();
    let a1 = |b: &Basic| {
        check_all(b.h.ws(), d("2013-06-01"))
            .into_iter()
            .filter(|v| v.rule == "BR-A1" && v.field == Some("bodies"))
            .map(|v| v.message.zh)
            .collect::<Vec<_>>()
    };
    assert!(a1(&b).is_empty(), "no bodies recorded yet: nothing to say");
    b.h.create(body(
        &park,
        "规划建设局",
        &["ECO.PLANNING", "ECO.ENVIRONMENT"],
        &[],
    ));
    let m = a1(&b);
    assert_eq!(m.len(), 1);
    assert!(m[0].ends_with("尚缺：招商合作、建设"), "{}", m[0]);
    b.h.create(body(
        &park,
        "经济发展局",
        &["ECO.INVESTMENT", "ECO.CONSTRUCTION"],
        &[],
    ));
    assert!(a1(&b).is_empty());
    // An abolished body no longer covers anything.
    let econ =
        b.h.ws()
            .org_units
            .iter_live()
            .find(|o| o.data.name == "经济发展局")
            .map(|o| o.meta.id.clone())
            .unwrap();
    b.h.run(Command::Save {
        id: Some(econ),
        data: Data::OrgUnit(OrgUnitData {
            park_id: Some(park.clone()),
            domains: vec!["ECO.INVESTMENT".into(), "ECO.CONSTRUCTION".into()],
            status: parkdesk::domain::org::OrgStatus::Abolished,
            ..OrgUnitData::new("经济发展局", OrgKind::InternalBody)
        }),
        base_rev: None,
    })
    .expect("save");
    assert_eq!(a1(&b).len(), 1);
}

#[test]
fn org_fields_are_checked() {
    let mut b = basic();
    let park = b.park.clone();
    let not_dept = org_in(
        &mut b.h,
        "某镇人民政府",
        OrgKind::TownshipGov,
        None,
        Some(&b.town),
    );
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: body(&park, "甲局", &["ECO.NOPE"], &[]),
            base_rev: None
        })),
        vec!["FIELD"]
    );
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: body(&park, "乙局", &["SUP.OFFICE"], &[not_dept]),
            base_rev: None
        })),
        vec!["FIELD"]
    );
    // A township body needs its township; an internal body its park.
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: Data::OrgUnit(OrgUnitData::new("某站", OrgKind::TownshipStation)),
            base_rev: None
        })),
        vec!["FIELD"]
    );
    assert_eq!(
        rejected(b.h.run(Command::Save {
            id: None,
            data: Data::OrgUnit(OrgUnitData::new("某局", OrgKind::InternalBody)),
            base_rev: None
        })),
        vec!["FIELD"]
    );
    // A body with sub-units cannot be deleted; nor can a park that still has bodies.
    let parent =
        b.h.create(body(&park, "社会事务局", &["SOC.CIVIL", "SOC.HEALTH"], &[]));
    b.h.create(Data::OrgUnit(OrgUnitData {
        park_id: Some(park.clone()),
        parent_id: Some(parent.clone()),
        ..OrgUnitData::new("社会事务局服务站", OrgKind::ParkPublicInstitution)
    }));
    assert_eq!(
        rejected(b.h.run(Command::Delete {
            kind: Kind::OrgUnit,
            id: parent
        })),
        vec!["REF"]
    );
    assert_eq!(
        rejected(b.h.run(Command::Delete {
            kind: Kind::Park,
            id: park
        })),
        vec!["REF"]
    );
}

#[test]
fn the_demo_shows_the_super_department_teaching_case() {
    let ws = parkdesk::domain::sample::demo();
    let v = check_all(&ws, d("2013-12-31"));
    let c7: Vec<_> = v.iter().filter(|v| v.rule == "BR-C7").collect();
    assert_eq!(
        c7.len(),
        2,
        "GM's 招商合作局: single domain and single counterpart"
    );
    assert!(c7.iter().all(
        |v| ws.label_of(Kind::OrgUnit, &v.id) == "工贸园区招商合作局"
            && v.severity == Severity::Warn
    ));
    let gm = ws
        .parks
        .iter_live()
        .find(|p| p.data.short_code == "GM")
        .unwrap();
    let ix = body_indices(&ws, gm.id());
    assert_eq!((ix.bodies, ix.limit), (6, Some(6)));
    assert!(!v.iter().any(|v| v.rule == "BR-A1"));
}
