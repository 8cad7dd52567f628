//! Issue #15, classes 4 and 7: a file cannot forge the role of an office this copy knows, nor
//! claim the demo's authority by naming the sample office; a merge of many bad records stays
//! linear and its refusals are counted.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use parkdesk::domain::command::Command;
use parkdesk::domain::merge::{self, Class, Decisions, MergeCtx, RoleClaim};
use parkdesk::domain::meta::{Office, Role};
use parkdesk::domain::sample;
use parkdesk::domain::workspace::{Kind, Record, Workspace};

fn park_office() -> Office {
    Office::new("office-park", "工贸园区管委会", Role::Park)
}

#[test]
fn a_file_cannot_change_the_role_of_an_office_already_known() {
    let mut dir = vec![park_office()];
    let mut forged = park_office();
    forged.role = Role::Bianban;
    forged.name = "工贸园区管委会（新名）".into();
    let claims = merge::merge_directory(&mut dir, &[forged]);
    assert_eq!(dir[0].role, Role::Park, "the role stays the local one");
    assert_eq!(
        dir[0].name, "工贸园区管委会（新名）",
        "the name follows the file"
    );
    assert_eq!(
        claims,
        vec![RoleClaim {
            office: "office-park".into(),
            known: Role::Park,
            claimed: Role::Bianban,
        }]
    );
    // Only the local user's decision changes it.
    assert!(merge::set_role(&mut dir, "office-park", Role::Bianban));
    assert_eq!(dir[0].role, Role::Bianban);
    // An office seen for the first time is taken as the file states it.
    let claims = merge::merge_directory(&mut dir, &[Office::new("x", "X", Role::Department)]);
    assert!(claims.is_empty());
    assert_eq!(dir[1].role, Role::Department);
}

fn set_park_area(h: &mut Harness, park: &str, area: f64) {
    let p = h.ws().parks.get(park).expect("park").clone();
    let mut data = p.data.clone();
    data.planning_area_km2 = Some(area);
    h.run(Command::Save {
        id: Some(p.meta.id.clone()),
        data: parkdesk::domain::workspace::Data::Park(data),
        base_rev: Some(p.meta.rev),
    })
    .expect("saved");
}

#[test]
fn a_change_stamped_by_the_sample_office_in_a_file_is_not_the_bianbans() {
    let base = sample::demo();
    let p = base
        .parks
        .iter_live()
        .next()
        .expect("a park")
        .meta
        .id
        .clone();
    let mut hub = Harness::with(base.clone());
    hub.office = Office::new("office-bianban", "编办", Role::Bianban);
    // A park office edits the park, then the file claims the demo office made the change.
    let mut park = Harness::with(base);
    park.office = park_office();
    set_park_area(&mut park, &p, 999.0);
    let mut incoming = park.ws().clone();
    let mut rec = incoming.parks.get(&p).expect("p").clone();
    rec.meta.updated_by = sample::SAMPLE_OFFICE_ID.into();
    for s in rec.meta.groups.values_mut() {
        s.author = sample::SAMPLE_OFFICE_ID.into();
    }
    incoming.put(Record::Park(rec));
    let dir = vec![park_office()];
    let ctx = MergeCtx {
        me: &hub.office,
        now: hub.now,
        directory: &dir,
    };
    let plan = merge::plan(hub.ws(), &incoming, &ctx, &Decisions::new());
    let item = plan.items.iter().find(|i| i.id == p).expect("item");
    assert_eq!(
        item.class,
        Class::Rejected,
        "BR-F4 applies to a forged sample author"
    );
    assert!(item.groups.iter().all(|g| !g.owned));
}

#[test]
fn a_merge_of_many_blocked_records_refuses_each_once() {
    // Townships without a name break a field check: every one is left out, the rest applies.
    let base = sample::demo();
    let mut h = Harness::with(base.clone());
    let template = base
        .townships
        .iter_live()
        .next()
        .expect("a township")
        .clone();
    let mut incoming = Workspace::default();
    let n = 2_000;
    for k in 0..n {
        let mut t = template.clone();
        t.meta.id = format!("bad-township-{k:05}");
        t.data.name = String::new();
        incoming.put(Record::Township(t));
    }
    let out = h
        .run(Command::Merge {
            records: incoming.records(),
            summary: parkdesk::domain::merge::MergeSummary::default(),
        })
        .expect("the merge applies what it can");
    let refused: std::collections::HashSet<(Kind, &str)> = out
        .refused
        .iter()
        .map(|v| (v.kind, v.id.as_str()))
        .collect();
    assert_eq!(refused.len(), n, "each bad township is refused");
    assert!(out.summary.zh.contains(&format!("{n} 条因违反规则未合并")));
    assert_eq!(h.ws().townships.count_live(), base.townships.count_live());
}

#[test]
fn a_sender_listed_among_its_own_offices_is_one_claim() {
    let mut dir = vec![park_office()];
    let mut forged = park_office();
    forged.role = Role::Bianban;
    let claims = merge::merge_file_offices(&mut dir, std::slice::from_ref(&forged), &forged);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0].claimed, Role::Bianban);
    assert_eq!(dir[0].role, Role::Park);
}
