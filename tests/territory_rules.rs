//! Rules BR-A1..A8 and field checks of the territory slice (report S1.1–S1.4).

mod common;

use parkdesk::domain::person::PersonData;

use common::*;
use parkdesk::domain::command::{Command, CommandError};
use parkdesk::domain::entrustment::EntrustScope;
use parkdesk::domain::org::OrgKind;
use parkdesk::domain::rules::{Severity, check_all};
use parkdesk::domain::territory::FunctionArea;
use parkdesk::domain::workspace::{Data, Kind};

fn rejected_rules(
    r: Result<parkdesk::domain::command::Outcome, CommandError>,
) -> Vec<&'static str> {
    match r {
        Err(CommandError::Rejected(v)) => v.iter().map(|v| v.rule).collect(),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn creating_a_park_creates_its_party_and_management_committees() {
    let b = basic();
    let orgs: Vec<_> =
        b.h.ws()
            .org_units
            .iter_live()
            .filter(|o| o.data.park_id.as_deref() == Some(b.park.as_str()))
            .collect();
    assert_eq!(orgs.len(), 2);
    assert!(
        orgs.iter()
            .any(|o| o.data.kind == OrgKind::ParkPartyCommittee
                && o.data.name == "保山工贸园区党工委")
    );
    assert!(
        orgs.iter()
            .any(|o| o.data.kind == OrgKind::ParkMgmtCommittee
                && o.data.name == "保山工贸园区管委会")
    );
}

#[test]
fn br_a6_deleting_the_management_committee_is_blocked() {
    let mut b = basic();
    let mc =
        b.h.ws()
            .org_units
            .iter_live()
            .find(|o| o.data.kind == OrgKind::ParkMgmtCommittee)
            .map(|o| o.meta.id.clone())
            .expect("mc");
    assert_eq!(
        rejected_rules(b.h.run(Command::Delete {
            kind: Kind::OrgUnit,
            id: mc
        })),
        vec!["BR-A6"]
    );
}

#[test]
fn park_fields_are_checked_with_located_messages() {
    let mut b = basic();
    let mut p = park("", "gm");
    let r = b.h.run(Command::Save {
        base_rev: None,
        id: None,
        data: Data::Park(p.clone()),
    });
    let Err(CommandError::Rejected(v)) = r else {
        panic!("expected rejection")
    };
    let fields: Vec<_> = v.iter().map(|v| v.field).collect();
    assert!(fields.contains(&Some("name_zh")));
    assert!(fields.contains(&Some("short_code")));
    // A duplicate short code is refused; nothing was added by the refused commands.
    p.name_zh = "另一园区".into();
    p.short_code = "GM".into();
    assert_eq!(
        rejected_rules(b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Park(p)
        })),
        vec!["FIELD"]
    );
    assert_eq!(b.h.ws().parks.count_live(), 1);
    assert_eq!(b.h.ws().org_units.count_live(), 2);
}

#[test]
fn br_a1_social_affairs_as_primary_function_is_warned() {
    let mut b = basic();
    let mut p = park("社会园区", "SA");
    p.function_profile.primary = vec![FunctionArea::SocialAffairs];
    let out =
        b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Park(p),
        })
        .expect("warnings do not block");
    // The service-system rules (BR-A10..A12) also speak about a new park; BR-A1 is looked at here.
    let rules: Vec<_> = out
        .warnings
        .iter()
        .filter(|v| v.rule == "BR-A1")
        .map(|v| (v.rule, v.severity))
        .collect();
    assert_eq!(
        rules,
        vec![("BR-A1", Severity::Warn), ("BR-A1", Severity::Warn)]
    );
}

#[test]
fn br_a3_entrusting_government_must_be_the_townships_county() {
    let mut b = basic();
    let other = b.h.create(county("示例县"));
    let e = entrust(&b.park, &b.town, &other, "2012-10-01", None);
    assert_eq!(
        rejected_rules(b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Entrustment(e)
        })),
        vec!["BR-A3"]
    );
    assert_eq!(b.h.ws().entrustments.count_live(), 0);
}

#[test]
fn br_a4_one_township_one_entrustment_in_force_at_a_time() {
    let mut b = basic();
    let p2 = b.h.create(Data::Park(park("水长工业园区", "SC")));
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        Some("2013-12-31"),
    )));
    // Overlapping by one day is refused…
    let clash = entrust(&p2, &b.town, &b.county, "2013-12-31", None);
    assert!(
        rejected_rules(b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Entrustment(clash)
        }))
        .contains(&"BR-A4")
    );
    // …the next day is fine (BR-A5 warns: the township is not in SC's planning area).
    let next = entrust(&p2, &b.town, &b.county, "2014-01-01", None);
    let out =
        b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Entrustment(next),
        })
        .expect("sequential entrustments");
    assert!(out.warnings.iter().any(|v| v.rule == "BR-A5"));
    // A proposal may overlap: it is not binding yet.
    let mut proposal = entrust(&b.park, &b.town, &b.county, "2014-06-01", None);
    proposal.status = parkdesk::domain::entrustment::EntrustmentStatus::Proposed;
    b.h.run(Command::Save {
        base_rev: None,
        id: None,
        data: Data::Entrustment(proposal),
    })
    .expect("proposal");
}

#[test]
fn br_a2_partial_scope_needs_a_reason_and_stays_a_warning() {
    let mut b = basic();
    let mut e = entrust(&b.park, &b.town, &b.county, "2012-10-01", None);
    e.scope = EntrustScope::PartialVillages {
        villages: vec!["示例村01".into()],
    };
    assert_eq!(
        rejected_rules(b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Entrustment(e.clone())
        })),
        vec!["BR-A2"]
    );
    e.justification_if_partial = Some("核心区仅含部分社区".into());
    let out =
        b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Entrustment(e),
        })
        .expect("with reason");
    assert!(
        out.warnings
            .iter()
            .any(|v| v.rule == "BR-A2" && v.severity == Severity::Warn)
    );
}

#[test]
fn effective_entrustment_needs_a_document_and_terminated_needs_an_end() {
    let mut b = basic();
    let mut e = entrust(&b.park, &b.town, &b.county, "2012-10-01", None);
    e.basis = None;
    let Err(CommandError::Rejected(v)) = b.h.run(Command::Save {
        base_rev: None,
        id: None,
        data: Data::Entrustment(e.clone()),
    }) else {
        panic!()
    };
    assert_eq!(v[0].field, Some("basis"));
    e.basis = Some(Default::default());
    e.status = parkdesk::domain::entrustment::EntrustmentStatus::Terminated;
    let Err(CommandError::Rejected(v)) = b.h.run(Command::Save {
        base_rev: None,
        id: None,
        data: Data::Entrustment(e),
    }) else {
        panic!()
    };
    let fields: Vec<_> = v.iter().map(|v| v.field).collect();
    assert!(fields.contains(&Some("basis")) && fields.contains(&Some("period")));
}

#[test]
fn br_a5_township_outside_the_planning_area_is_warned() {
    let mut b = basic();
    let outside = b.h.create(township("示例乡丁", &b.county, None));
    let out =
        b.h.run(Command::Save {
            base_rev: None,
            id: None,
            data: Data::Entrustment(entrust(&b.park, &outside, &b.county, "2012-10-01", None)),
        })
        .expect("warn only");
    assert!(out.warnings.iter().any(|v| v.rule == "BR-A5"));
}

#[test]
fn br_a8_follows_cross_posts_and_the_as_of_date() {
    let mut b = basic();
    let e = b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        None,
    )));
    let a8 = |ws: &parkdesk::domain::workspace::Workspace, day: &str| {
        check_all(ws, d(day))
            .into_iter()
            .any(|v| v.rule == "BR-A8" && v.id == e)
    };
    assert!(a8(b.h.ws(), "2013-01-01"));
    cross_post(&mut b.h, &b.park, &b.town, "2013-03-01");
    assert!(
        a8(b.h.ws(), "2013-01-01"),
        "the post did not exist yet on that date"
    );
    assert!(!a8(b.h.ws(), "2013-06-01"));
}

#[test]
fn br_f2_personal_numbers_are_refused() {
    let b = basic();
    let mut h = b.h;
    let mgmt = committee(&h, &b.park);
    for (no, name) in [("13800138000", "干部甲"), ("PER-1", "53050219800101123X")] {
        assert_eq!(
            rejected_rules(h.run(Command::Save {
                base_rev: None,
                id: None,
                data: Data::Person(PersonData {
                    display_name: name.into(),
                    ..person(no, &mgmt, "2013-01-01")
                })
            })),
            vec!["BR-F2"]
        );
    }
}

#[test]
fn changing_a_townships_county_that_breaks_an_entrustment_is_refused() {
    let mut b = basic();
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        None,
    )));
    let other = b.h.create(county("示例县"));
    let moved = township("示例镇丙", &other, Some(&b.park));
    assert_eq!(
        rejected_rules(b.h.run(Command::Save {
            base_rev: None,
            id: Some(b.town.clone()),
            data: moved
        })),
        vec!["BR-A3"]
    );
}

#[test]
fn the_demo_dataset_has_no_blocking_violation_and_shows_the_teaching_warning() {
    let ws = parkdesk::domain::sample::demo();
    let v = check_all(&ws, d("2013-06-01"));
    assert!(v.iter().all(|v| v.severity != Severity::Block), "{v:?}");
    let a8: Vec<_> = v.iter().filter(|v| v.rule == "BR-A8").collect();
    assert_eq!(a8.len(), 1, "only SC's second township lacks a cross-post");
    assert_eq!(ws.parks.count_live(), 3);
    assert_eq!(ws.entrustments.count_live(), 6);
    // Deterministic: two loads give identical data (same ids in every office).
    assert_eq!(ws, parkdesk::domain::sample::demo());
}
