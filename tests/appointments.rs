//! Posts and appointments (report S1.4, S3.2, S5.2, S5.3): 区镇合一 coverage and 职数节约 from
//! appointments, concurrent posts (BR-C5), leadership-post quotas (BR-C6), appointment
//! authority (BR-C8), competitive selection or a recorded exception (BR-C9), and the fold of
//! the foundation's cross-post table into appointments (migration).

mod common;

use common::*;
use parkdesk::domain::appointment::{AppointmentKind, cross_posts};
use parkdesk::domain::authority::{AuthorityRuleData, PostPattern};
use parkdesk::domain::command::Command;
use parkdesk::domain::meta::Period;
use parkdesk::domain::metrics::{Ratio, Scope, integration_coverage};
use parkdesk::domain::org::OrgKind;
use parkdesk::domain::rules::{Severity, check_all};
use parkdesk::domain::staffing::{LeadershipQuotaData, PostRank, StaffingSettingsData};
use parkdesk::domain::staffing_metrics::{leadership_usage, post_saving};
use parkdesk::domain::workspace::{Data, Kind};

fn entrusted() -> Basic {
    let mut b = basic();
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        None,
    )));
    b
}

#[test]
fn integration_coverage_and_post_saving_follow_the_appointments() {
    let mut b = entrusted();
    let park = Scope::Park(b.park.clone());
    assert_eq!(
        integration_coverage(b.h.ws(), d("2013-06-01"), &park),
        Ratio { num: 0, den: 1 }
    );
    let sec = cross_post(&mut b.h, &b.park, &b.town, "2013-03-01");
    let ws = b.h.ws();
    assert_eq!(
        integration_coverage(ws, d("2013-02-28"), &park),
        Ratio { num: 0, den: 1 }
    );
    assert_eq!(
        integration_coverage(ws, d("2013-03-01"), &park),
        Ratio { num: 1, den: 1 }
    );
    let c = cross_posts(ws, d("2013-06-01"));
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].township_id, b.town);
    // Two leadership positions held by one person: one position's person saved.
    let s = post_saving(ws, d("2013-06-01"), &park);
    assert_eq!((s.filled, s.persons, s.saving()), (2, 1, 1));
    // Ending the township post ends the cross-post (and BR-A8 comes back).
    let mut a = match ws.get(Kind::Appointment, &sec) {
        Some(parkdesk::domain::workspace::Record::Appointment(r)) => r.data,
        _ => unreachable!(),
    };
    a.period.to = Some(d("2013-05-31"));
    a.status = parkdesk::domain::appointment::AppointmentStatus::Ended;
    b.h.run(Command::Save {
        id: Some(sec),
        data: Data::Appointment(a),
        base_rev: None,
    })
    .expect("save");
    assert_eq!(
        integration_coverage(b.h.ws(), d("2013-06-01"), &park),
        Ratio { num: 0, den: 1 }
    );
    assert_eq!(
        integration_coverage(b.h.ws(), d("2013-05-31"), &park),
        Ratio { num: 1, den: 1 }
    );
    assert!(
        check_all(b.h.ws(), d("2013-06-01"))
            .iter()
            .any(|v| v.rule == "BR-A8")
    );
}

/// A person in the park's 管委会 with a main post and `n` concurrent posts of bodies.
fn with_concurrent(n: usize) -> (Basic, String, Vec<String>) {
    let mut b = entrusted();
    let mgmt = committee(&b.h, &b.park);
    let main = b.h.create(leadership_post(
        &mgmt,
        "管委会副主任",
        PostRank::SectionChief,
        false,
    ));
    let p = b.h.create(Data::Person(person("P1", &mgmt, "2013-01-01")));
    b.h.create(Data::Appointment(appointment(
        &p,
        &main,
        AppointmentKind::Appointed,
        "2013-01-01",
    )));
    let mut ids = Vec::new();
    for i in 0..n {
        let body = org_in(
            &mut b.h,
            &format!("机构{i}"),
            OrgKind::InternalBody,
            Some(&b.park),
            None,
        );
        let post = b.h.create(leadership_post(
            &body,
            &format!("机构{i}局长"),
            PostRank::SectionChief,
            true,
        ));
        ids.push(b.h.create(Data::Appointment(appointment(
            &p,
            &post,
            AppointmentKind::Concurrent,
            "2013-01-01",
        ))));
    }
    (b, p, ids)
}

#[test]
fn br_c5_at_most_k_concurrent_posts_besides_a_main_post() {
    let (mut b, _, ids) = with_concurrent(3);
    let c5 = |b: &Basic| {
        check_all(b.h.ws(), d("2013-06-01"))
            .into_iter()
            .filter(|v| v.rule == "BR-C5")
            .count()
    };
    // Default K = 2: three concurrent posts → each of the three is warned.
    assert_eq!(c5(&b), 3);
    b.h.create(Data::StaffingSettings(StaffingSettingsData {
        max_concurrent_posts: 3,
        ..Default::default()
    }));
    assert_eq!(c5(&b), 0);
    let (b2, _, _) = with_concurrent(2);
    assert_eq!(c5(&b2), 0);
    // A concurrent post without any main post is warned.
    let mut b3 = entrusted();
    let mgmt = committee(&b3.h, &b3.park);
    let post = b3.h.create(leadership_post(
        &mgmt,
        "管委会副主任",
        PostRank::SectionChief,
        false,
    ));
    let p = b3.h.create(Data::Person(person("P9", &mgmt, "2013-01-01")));
    let a = b3.h.create(Data::Appointment(appointment(
        &p,
        &post,
        AppointmentKind::Concurrent,
        "2013-01-01",
    )));
    assert!(
        rules_on(b3.h.ws(), "2013-06-01", Kind::Appointment, &a)
            .contains(&("BR-C5", Severity::Warn))
    );
    let _ = ids;
}

#[test]
fn br_c6_leadership_posts_within_the_approved_number() {
    let mut b = entrusted();
    let body = org_in(
        &mut b.h,
        "社会事务局",
        OrgKind::InternalBody,
        Some(&b.park),
        None,
    );
    let q = b.h.create(Data::LeadershipQuota(LeadershipQuotaData {
        org_id: body.clone(),
        rank: PostRank::DeputySectionChief,
        principal: false,
        approved: 1,
        basis: None,
        period: Period {
            from: d("2012-10-01"),
            to: None,
        },
    }));
    let dep = b.h.create(leadership_post(
        &body,
        "社会事务局副局长",
        PostRank::DeputySectionChief,
        false,
    ));
    let p1 = b.h.create(Data::Person(person("P1", &body, "2013-01-01")));
    let p2 = b.h.create(Data::Person(person("P2", &body, "2013-01-01")));
    b.h.create(Data::Appointment(appointment(
        &p1,
        &dep,
        AppointmentKind::Appointed,
        "2013-01-01",
    )));
    let second = b.h.create(Data::Appointment(appointment(
        &p2,
        &dep,
        AppointmentKind::Appointed,
        "2013-07-01",
    )));
    let park = Scope::Park(b.park.clone());
    assert!(
        !rules_on(b.h.ws(), "2013-06-30", Kind::LeadershipQuota, &q)
            .iter()
            .any(|r| r.0 == "BR-C6")
    );
    let v = check_all(b.h.ws(), d("2013-07-01"));
    let c6 = v.iter().find(|v| v.rule == "BR-C6").expect("over");
    assert_eq!(
        (c6.kind, c6.id.as_str()),
        (Kind::LeadershipQuota, q.as_str())
    );
    assert!(
        c6.message.zh.contains("核定 1 名，实际在任 2 名，超 1 名"),
        "{}",
        c6.message.zh
    );
    let row = leadership_usage(b.h.ws(), d("2013-07-01"), &park)
        .into_iter()
        .find(|r| r.org_id == body)
        .expect("row");
    assert_eq!(
        (row.approved, row.used, row.vacant(), row.over()),
        (1, 2, 0, 1)
    );
    // Not counting against the quota (e.g. a temporary assignment) clears it.
    let mut a = appointment(&p2, &dep, AppointmentKind::Temporary, "2013-07-01");
    a.counts_against_quota = false;
    b.h.run(Command::Save {
        id: Some(second),
        data: Data::Appointment(a),
        base_rev: None,
    })
    .expect("save");
    assert!(
        !check_all(b.h.ws(), d("2013-07-01"))
            .iter()
            .any(|v| v.rule == "BR-C6")
    );
}

#[test]
fn br_c8_the_most_specific_authority_rule_applies_with_its_steps() {
    let mut b = entrusted();
    let party =
        b.h.ws()
            .org_units
            .iter_live()
            .find(|o| o.data.kind == OrgKind::ParkPartyCommittee)
            .map(|o| o.meta.id.clone())
            .unwrap();
    let mgmt = committee(&b.h, &b.park);
    let body = org_in(
        &mut b.h,
        "规划建设局",
        OrgKind::InternalBody,
        Some(&b.park),
        None,
    );
    let general = AuthorityRuleData {
        title: "园区领导职务".into(),
        pattern: PostPattern {
            leadership_only: true,
            ..Default::default()
        },
        authority: OrgKind::ParkMgmtCommittee,
        consult: vec![],
        file_with: vec![],
        requires_competitive_selection: false,
    };
    b.h.create(Data::AuthorityRule(general));
    b.h.create(Data::AuthorityRule(AuthorityRuleData {
        title: "内设机构正副职（科级）".into(),
        pattern: PostPattern {
            org_kinds: vec![OrgKind::InternalBody],
            ranks: vec![PostRank::SectionChief, PostRank::DeputySectionChief],
            principal: None,
            leadership_only: true,
        },
        authority: OrgKind::ParkPartyCommittee,
        consult: vec![OrgKind::CountyPartyCommittee],
        file_with: vec![OrgKind::CityPartyCommittee],
        requires_competitive_selection: false,
    }));
    let head = b.h.create(leadership_post(
        &body,
        "规划建设局局长",
        PostRank::SectionChief,
        true,
    ));
    let p = b.h.create(Data::Person(person("P1", &body, "2013-01-01")));
    let mut a = appointment(&p, &head, AppointmentKind::Appointed, "2013-01-01");
    a.authority_org_id = Some(mgmt.clone());
    a.exception_reason = Some("首任".into());
    let id = b.h.create(Data::Appointment(a.clone()));
    let c8 = |b: &Basic| -> Vec<String> {
        check_all(b.h.ws(), d("2013-06-01"))
            .into_iter()
            .filter(|v| v.rule == "BR-C8" && v.id == id)
            .map(|v| v.field.unwrap_or("").to_string())
            .collect()
    };
    // The specific rule wins: the 党工委 appoints; consult and filing are missing too.
    let mut fields = c8(&b);
    fields.sort();
    assert_eq!(fields, vec!["authority_org_id", "consulted", "filed_with"]);
    a.authority_org_id = Some(party);
    a.consulted = vec![OrgKind::CountyPartyCommittee];
    b.h.run(Command::Save {
        id: Some(id.clone()),
        data: Data::Appointment(a.clone()),
        base_rev: None,
    })
    .expect("save");
    assert_eq!(c8(&b), vec!["filed_with"]);
    a.filed_with = vec![OrgKind::CityPartyCommittee];
    b.h.run(Command::Save {
        id: Some(id.clone()),
        data: Data::Appointment(a),
        base_rev: None,
    })
    .expect("save");
    assert!(c8(&b).is_empty());
    // A leadership post no rule covers (after deleting the general one) is warned.
    let general_id =
        b.h.ws()
            .authority_rules
            .iter_live()
            .find(|r| r.data.title == "园区领导职务")
            .map(|r| r.meta.id.clone())
            .unwrap();
    b.h.run(Command::Delete {
        kind: Kind::AuthorityRule,
        id: general_id,
    })
    .expect("delete");
    let vice = b.h.create(leadership_post(
        &mgmt,
        "管委会副主任",
        PostRank::SectionChief,
        false,
    ));
    let a2 = b.h.create(Data::Appointment(appointment(
        &p,
        &vice,
        AppointmentKind::Concurrent,
        "2013-01-01",
    )));
    assert!(
        rules_on(b.h.ws(), "2013-06-01", Kind::Appointment, &a2)
            .contains(&("BR-C8", Severity::Warn))
    );
}

#[test]
fn br_c9_section_posts_of_internal_bodies_need_a_campaign_or_a_reason() {
    let mut b = entrusted();
    let body = org_in(
        &mut b.h,
        "招商合作局",
        OrgKind::InternalBody,
        Some(&b.park),
        None,
    );
    let dep = b.h.create(leadership_post(
        &body,
        "招商合作局副局长",
        PostRank::DeputySectionChief,
        false,
    ));
    let p = b.h.create(Data::Person(person("P1", &body, "2013-01-01")));
    let mut a = appointment(&p, &dep, AppointmentKind::Appointed, "2013-01-01");
    let id = b.h.create(Data::Appointment(a.clone()));
    assert!(
        rules_on(b.h.ws(), "2013-06-01", Kind::Appointment, &id)
            .contains(&("BR-C9", Severity::Warn))
    );
    a.exception_reason = Some("党工委研究决定直接任命（示例）".into());
    b.h.run(Command::Save {
        id: Some(id.clone()),
        data: Data::Appointment(a),
        base_rev: None,
    })
    .expect("save");
    let r = rules_on(b.h.ws(), "2013-06-01", Kind::Appointment, &id);
    assert!(r.contains(&("BR-C9", Severity::Info)) && !r.contains(&("BR-C9", Severity::Warn)));
    // A post of the committee itself is not an internal body's section-level post.
    let mgmt = committee(&b.h, &b.park);
    let vice = b.h.create(leadership_post(
        &mgmt,
        "管委会副主任",
        PostRank::SectionChief,
        false,
    ));
    let a2 = b.h.create(Data::Appointment(appointment(
        &p,
        &vice,
        AppointmentKind::Concurrent,
        "2013-01-01",
    )));
    assert!(
        !rules_on(b.h.ws(), "2013-06-01", Kind::Appointment, &a2)
            .iter()
            .any(|r| r.0 == "BR-C9")
    );
}

#[test]
fn records_in_use_cannot_be_deleted() {
    let mut b = entrusted();
    let sec = cross_post(&mut b.h, &b.park, &b.town, "2013-01-01");
    let ws = b.h.ws();
    let a = ws.appointments.live(&sec).unwrap().data.clone();
    // The post, the person and the township's 党委 are all in use.
    assert_eq!(
        rejected(b.h.run(Command::Delete {
            kind: Kind::Post,
            id: a.post_id.clone()
        })),
        vec!["REF"]
    );
    assert_eq!(
        rejected(b.h.run(Command::Delete {
            kind: Kind::Person,
            id: a.person_id.clone()
        })),
        vec!["REF"]
    );
    assert_eq!(
        rejected(b.h.run(Command::Delete {
            kind: Kind::Township,
            id: b.town.clone()
        })),
        vec!["REF"]
    );
    // The park cannot go while its committee has posts and staff.
    assert_eq!(
        rejected(b.h.run(Command::Delete {
            kind: Kind::Park,
            id: b.park.clone()
        })),
        vec!["REF"]
    );
    b.h.run(Command::Delete {
        kind: Kind::Appointment,
        id: sec,
    })
    .expect("the appointment itself can go");
}

#[test]
fn the_cross_post_table_of_older_files_becomes_appointments_without_loss() {
    use parkdesk::domain::appointment::AppointmentStatus;
    use parkdesk::domain::meta::Provenance;
    use parkdesk::domain::person::PersonIdentity;
    use parkdesk::domain::snapshot;
    let text = std::fs::read_to_string("tests/fixtures/snapshot-v2-concurrent-posts.json")
        .expect("fixture");
    let checked = snapshot::check(&text, d("2013-06-01")).expect("imports without a block");
    assert_eq!(checked.preview.from_schema, 2);
    let note = checked
        .preview
        .migration_notes
        .iter()
        .map(|t| t.zh.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        note.contains("5 条职务兼任记录转为任职")
            && note.contains("新增人员 4 名、职务 6 个、任职 7 条"),
        "{note}"
    );
    let ws = &checked.snapshot.records;
    // One person per holder; the deleted record's holder stays deleted.
    let by_no = |no: &str| {
        ws.persons
            .0
            .values()
            .find(|p| p.data.staff_no == no)
            .expect(no)
    };
    assert_eq!(ws.persons.0.len(), 4);
    assert!(by_no("干部GM-003").meta.deleted && !by_no("干部GM-001").meta.deleted);
    assert_eq!(
        by_no("干部GM-001").data.identity,
        PersonIdentity::Unverified
    );
    // The holder's placement: working at the park's 管委会 from the earliest post.
    let gm1 = by_no("干部GM-001");
    assert_eq!(
        gm1.data.placements[0].work_org_id.as_deref(),
        Some("01HORGU0000000000000000002")
    );
    // The township post keeps the cross-post's id and metadata, held 兼任.
    let a1 = ws
        .appointments
        .get("01HCPST0000000000000000001")
        .expect("kept id");
    assert_eq!(
        (a1.meta.rev, a1.meta.provenance, a1.meta.note.as_deref()),
        (3, Provenance::Sample, Some("原备注"))
    );
    assert_eq!(
        (a1.data.kind, a1.data.person_id.as_str()),
        (AppointmentKind::Concurrent, gm1.id())
    );
    let post1 = ws.posts.get(&a1.data.post_id).expect("post");
    assert_eq!(post1.data.title, "示例镇丙党委书记");
    let org1 = ws.org_units.get(&post1.data.org_id).expect("org");
    assert_eq!(
        (org1.data.name.as_str(), org1.data.kind),
        ("示例镇丙党委", OrgKind::TownshipParty)
    );
    // 乡长 goes to the government; the ended period becomes an ended appointment.
    let a2 = ws
        .appointments
        .get("01HCPST0000000000000000002")
        .expect("kept id");
    assert_eq!(a2.data.status, AppointmentStatus::Ended);
    assert_eq!(
        ws.org_units
            .get(&ws.posts.get(&a2.data.post_id).unwrap().data.org_id)
            .unwrap()
            .data
            .kind,
        OrgKind::TownshipGov
    );
    // Both of GM-001's cross-posts share one park post and get one park appointment each
    // start date.
    let park_posts: Vec<_> = ws
        .posts
        .iter_live()
        .filter(|p| p.data.title == "管委会副主任")
        .collect();
    assert_eq!(park_posts.len(), 1);
    assert!(!park_posts[0].data.is_principal, "副 → deputy");
    // A township without an entrustment: the park post is kept in the note.
    let a3 = ws
        .appointments
        .get("01HCPST0000000000000000003")
        .expect("kept id");
    assert!(
        a3.meta
            .note
            .as_deref()
            .is_some_and(|n| n.contains("park_post=社会事务局局长"))
    );
    // A township that does not exist: the whole record is kept in the person's note.
    assert!(
        by_no("干部GM-004")
            .meta
            .note
            .as_deref()
            .is_some_and(|n| n.contains("某镇镇长") && n.contains("01HCPST0000000000000000005"))
    );
    // The deleted cross-post stays deleted.
    assert!(
        ws.appointments
            .get("01HCPST0000000000000000004")
            .is_some_and(|a| a.meta.deleted)
    );
    // Coverage is what the cross-posts gave: T1 from Oct 2012, T2 during 2013.
    let city = parkdesk::domain::metrics::Scope::City;
    assert_eq!(
        integration_coverage(ws, d("2012-12-31"), &city),
        Ratio { num: 1, den: 2 }
    );
    assert_eq!(
        integration_coverage(ws, d("2013-06-01"), &city),
        Ratio { num: 2, den: 2 }
    );
    assert_eq!(
        integration_coverage(ws, d("2014-01-01"), &city),
        Ratio { num: 1, den: 2 }
    );
    // Deterministic: the same file gives the same ids, and the result reads back as schema 3.
    assert_eq!(
        snapshot::check(&text, d("2013-06-01"))
            .expect("again")
            .snapshot
            .records,
        *ws
    );
    let again = snapshot::to_json(&checked.snapshot).expect("encode");
    let back = snapshot::check(&again, d("2013-06-01")).expect("current");
    assert!(back.preview.migration_notes.is_empty());
    assert_eq!(back.snapshot.records, *ws);
    // A schema-3 file that still carries the table (development builds) is folded the same way.
    let v3 = text.replace("\"schema_version\": 2", "\"schema_version\": 3");
    assert_eq!(
        snapshot::check(&v3, d("2013-06-01"))
            .expect("v3")
            .snapshot
            .records,
        *ws
    );
}
