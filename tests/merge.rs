//! Merge import between offices: independent status dimensions, conflicts and their deterministic
//! default, field ownership (BR-F4), tombstones, reference integrity, natural-key duplicates,
//! idempotence and commutativity (with proptest), undo, partial snapshots.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use parkdesk::domain::command::Command;
use parkdesk::domain::delegation::{DelegationData, Lifecycle, Reception, Verdict};
use parkdesk::domain::merge::{self, Class, Decision, Decisions, MergeCtx, Side};
use parkdesk::domain::meta::{Office, Role};
use parkdesk::domain::sample;
use parkdesk::domain::territory::CityData;
use parkdesk::domain::workspace::{Data, Kind, Record, Workspace};
use proptest::prelude::*;

fn office_of(id: &str, name: &str, role: Role) -> Office {
    Office::new(id, name, role)
}

fn bianban() -> Office {
    office_of("office-bianban", "编办", Role::Bianban)
}
fn park_office() -> Office {
    office_of("office-park", "工贸园区管委会", Role::Park)
}
fn inspection() -> Office {
    office_of("office-inspection", "督查组", Role::InspectionGroup)
}

fn directory() -> Vec<Office> {
    vec![bianban(), park_office(), inspection(), office()]
}

/// One office's browser copy.
fn copy_of(ws: Workspace, office: Office) -> Harness {
    let mut h = Harness::with(ws);
    // Each office draws its own ids (ULIDs are random in the browser).
    h.ids.salt = office.id.bytes().fold(7u128, |a, b| a * 31 + u128::from(b)) & 0xFFFF_FFFF;
    h.office = office;
    h
}

/// Reviews `incoming` with the given decisions, then applies the accepted set as one command.
fn merge_with(h: &mut Harness, incoming: &Workspace, decisions: &Decisions) -> merge::Plan {
    let dir = directory();
    let ctx = MergeCtx {
        me: &h.office,
        now: h.now,
        directory: &dir,
    };
    let plan = merge::plan(h.ws(), incoming, &ctx, decisions);
    h.run(Command::Merge {
        records: plan.records(),
        summary: plan.summary("test.json"),
    })
    .expect("merge applies");
    plan
}

fn merge_default(h: &mut Harness, incoming: &Workspace) -> merge::Plan {
    merge_with(h, incoming, &Decisions::new())
}

fn delegation_ids(ws: &Workspace) -> Vec<String> {
    ws.delegations.0.keys().cloned().collect()
}

fn base_park_of(h: &Harness, delegation: &str) -> String {
    h.ws()
        .delegations
        .get(delegation)
        .map(|r| r.data.park_id.clone())
        .expect("delegation")
}

fn d_(s: &str) -> chrono::NaiveDate {
    s.parse().expect("date")
}

fn edit_delegation(h: &mut Harness, id: &str, f: impl FnOnce(&mut DelegationData)) {
    let rec = h.ws().delegations.get(id).expect("delegation").clone();
    let mut data = rec.data.clone();
    f(&mut data);
    h.run(Command::Save {
        id: Some(id.into()),
        data: Data::Delegation(data),
        base_rev: Some(rec.meta.rev),
    })
    .expect("edit");
}

/// The GLG environmental approval: approved, reception preparing (a teaching case of the demo).
fn approved_delegation(ws: &Workspace) -> String {
    ws.delegations
        .iter_live()
        .find(|d| d.data.lifecycle == Lifecycle::Approved)
        .expect("an approved delegation")
        .meta
        .id
        .clone()
}

fn set_park_area(h: &mut Harness, park: &str, area: f64) {
    let rec = h.ws().parks.get(park).expect("park").clone();
    let mut data = rec.data.clone();
    data.planning_area_km2 = Some(area);
    h.run(Command::Save {
        id: Some(park.into()),
        data: Data::Park(data),
        base_rev: Some(rec.meta.rev),
    })
    .expect("edit park");
}

fn first_park(ws: &Workspace) -> String {
    ws.parks.0.keys().next().expect("park").clone()
}

/// Records compared by what a user sees: fields and tombstone.
fn content(ws: &Workspace) -> Vec<(Kind, String, serde_json::Value, bool)> {
    ws.records()
        .into_iter()
        .map(|r| {
            (
                r.kind(),
                r.meta().id.clone(),
                r.to_fields(),
                r.meta().deleted,
            )
        })
        .collect()
}

#[test]
fn the_lifecycle_and_the_reception_of_one_delegation_both_survive() {
    let base = sample::demo();
    let d = approved_delegation(&base);
    let mut a = copy_of(base.clone(), bianban());
    let mut b = copy_of(base, park_office());
    edit_delegation(&mut a, &d, |x| x.lifecycle = Lifecycle::HandedOver);
    edit_delegation(&mut b, &d, |x| x.reception = Reception::Received);
    let (from_a, from_b) = (a.ws().clone(), b.ws().clone());

    let plan = merge_default(&mut a, &from_b);
    let item = plan.items.iter().find(|i| i.id == d).expect("reviewed");
    assert_eq!(
        item.class,
        Class::Changed,
        "only the park changed reception"
    );
    assert!(item.groups.iter().any(|g| g.code == "reception" && g.owned));
    merge_default(&mut b, &from_a);

    for h in [&a, &b] {
        let x = &h.ws().delegations.get(&d).expect("d").data;
        assert_eq!(x.lifecycle, Lifecycle::HandedOver);
        assert_eq!(x.reception, Reception::Received);
        let dims: Vec<&str> = x.history.iter().map(|c| c.dimension.as_str()).collect();
        assert!(
            dims.contains(&"lifecycle") && dims.contains(&"reception"),
            "both history entries kept: {dims:?}"
        );
    }
    assert_eq!(
        a.ws().delegations.get(&d).map(|r| &r.data),
        b.ws().delegations.get(&d).map(|r| &r.data)
    );
    // The audit log shows the merge, the record remembers who changed it last.
    assert!(
        a.desk
            .audit()
            .iter()
            .any(|e| e.action.code() == "MERGE" && e.summary.zh.contains("修改 1"))
    );
    assert_eq!(
        a.ws().delegations.get(&d).expect("d").meta.updated_by,
        "office-park"
    );
}

#[test]
fn the_inspection_verdict_merges_independently_of_the_reception() {
    let base = sample::demo();
    let d = approved_delegation(&base);
    let mut park = copy_of(base.clone(), park_office());
    let mut group = copy_of(base.clone(), inspection());
    let mut hub = copy_of(base, bianban());
    edit_delegation(&mut park, &d, |x| x.reception = Reception::CannotReceive);
    // The verdict is the inspection group's own record (a check), so it merges beside the
    // park's edit of the delegation itself.
    let park_id = base_park_of(&group, &d);
    let c = campaign(&mut group, &[park_id], "2013-06-01", "2013-06-30");
    record_verdict(&mut group, &c, &d, Verdict::Withheld, "2013-06-15");
    merge_default(&mut hub, &park.ws().clone());
    let plan = merge_default(&mut hub, &group.ws().clone());
    assert_eq!(plan.count(Class::Conflict), 0);
    let x = &hub.ws().delegations.get(&d).expect("d").data;
    assert_eq!(x.reception, Reception::CannotReceive);
    let verdicts = parkdesk::domain::inspection::latest_verdicts(hub.ws(), d_("2013-12-31"));
    assert_eq!(verdicts.get(&d), Some(&Verdict::Withheld));
}

#[test]
fn the_same_field_changed_twice_is_a_conflict_with_a_deterministic_default_and_a_choice() {
    let base = sample::demo();
    let p = first_park(&base);
    let mut a = copy_of(base.clone(), bianban());
    let mut c = copy_of(base, office()); // another 编办 copy
    set_park_area(&mut a, &p, 111.0);
    set_park_area(&mut c, &p, 222.0);
    let from_a = a.ws().clone();
    let from_c = c.ws().clone();

    let dir = directory();
    let ctx = MergeCtx {
        me: &c.office,
        now: c.now,
        directory: &dir,
    };
    let plan = merge::plan(c.ws(), &from_a, &ctx, &Decisions::new());
    let item = plan.items.iter().find(|i| i.id == p).expect("item");
    assert_eq!(item.class, Class::Conflict);
    let g = &item.groups[0];
    let diff = g
        .fields
        .iter()
        .find(|f| f.field == "planning_area_km2")
        .expect("diff");
    assert_eq!(
        (diff.local.as_f64(), diff.incoming.as_f64()),
        (Some(222.0), Some(111.0))
    );
    // Both are 编办 edits of the same revision at the same time: the greater office id wins.
    let default = g.default_side;
    assert_eq!(default, Side::Local, "office-test > office-bianban");

    // The user overrides the default for this record.
    let other = if default == Side::Local {
        Side::Incoming
    } else {
        Side::Local
    };
    let mut decisions = Decisions::new();
    decisions.insert(
        (Kind::Park, p.clone()),
        Decision {
            accept: None,
            sides: [("main".to_string(), other)].into(),
        },
    );
    let mut c2 = copy_of(from_c.clone(), office());
    merge_with(&mut c2, &from_a, &decisions);
    let chosen = c2.ws().parks.get(&p).expect("p").data.planning_area_km2;
    assert_eq!(
        chosen,
        Some(if other == Side::Incoming {
            111.0
        } else {
            222.0
        })
    );

    // Default in both directions: both copies end with the same winner.
    merge_default(&mut a, &from_c);
    merge_default(&mut c, &from_a);
    let va = a.ws().parks.get(&p).expect("p").data.planning_area_km2;
    let vc = c.ws().parks.get(&p).expect("p").data.planning_area_km2;
    assert_eq!(va, vc, "the deterministic rule picks one winner");
    // And the next exchange settles: no conflict left, both the same.
    let (fa, fc) = (a.ws().clone(), c.ws().clone());
    let p1 = merge_default(&mut a, &fc);
    let p2 = merge_default(&mut c, &fa);
    assert_eq!(p1.count(Class::Conflict) + p2.count(Class::Conflict), 0);
    assert_eq!(
        a.ws().parks.get(&p).expect("p").data,
        c.ws().parks.get(&p).expect("p").data
    );
}

#[test]
fn a_change_by_a_role_that_does_not_own_the_fields_is_rejected_unless_accepted() {
    let base = sample::demo();
    let p = first_park(&base);
    let mut hub = copy_of(base.clone(), bianban());
    let mut park = copy_of(base, park_office());
    set_park_area(&mut park, &p, 999.0);
    let from_park = park.ws().clone();

    let plan = merge_default(&mut hub, &from_park);
    let item = plan.items.iter().find(|i| i.id == p).expect("item");
    assert_eq!(item.class, Class::Rejected, "BR-F4: parks are the 编办's");
    assert!(!item.groups[0].owned);
    assert_ne!(
        hub.ws().parks.get(&p).expect("p").data.planning_area_km2,
        Some(999.0),
        "rejected by default"
    );
    // The park takes the 编办's decision on its next merge (no silent divergence).
    merge_default(&mut park, &hub.ws().clone());
    assert_eq!(
        park.ws().parks.get(&p).expect("p").data.planning_area_km2,
        hub.ws().parks.get(&p).expect("p").data.planning_area_km2
    );

    // Accepted explicitly, it applies.
    let mut hub2 = copy_of(sample::demo(), bianban());
    let mut decisions = Decisions::new();
    decisions.insert(
        (Kind::Park, p.clone()),
        Decision {
            accept: Some(true),
            sides: [("main".to_string(), Side::Incoming)].into(),
        },
    );
    merge_with(&mut hub2, &from_park, &decisions);
    assert_eq!(
        hub2.ws().parks.get(&p).expect("p").data.planning_area_km2,
        Some(999.0)
    );
}

fn city(name: &str) -> Data {
    Data::City(CityData {
        name: name.into(),
        division_code: None,
    })
}

#[test]
fn deletions_never_resurrect() {
    let mut origin = copy_of(Workspace::default(), bianban());
    let x = origin.create(city("示例市甲"));
    let base = origin.ws().clone();
    let mut a = copy_of(base.clone(), bianban());
    let mut b = copy_of(base.clone(), office());
    a.run(Command::Delete {
        kind: Kind::City,
        id: x.clone(),
    })
    .expect("delete");
    // B edits the record concurrently: the tombstone still wins at B…
    let rec = b.ws().cities.get(&x).expect("x").clone();
    b.run(Command::Save {
        id: Some(x.clone()),
        data: city("示例市甲（改）"),
        base_rev: Some(rec.meta.rev),
    })
    .expect("edit");
    let plan = merge_default(&mut b, &a.ws().clone());
    assert_eq!(
        plan.items.iter().find(|i| i.id == x).map(|i| i.class),
        Some(Class::Deleted)
    );
    assert!(b.ws().cities.get(&x).expect("x").meta.deleted);
    // …and the old live copy (the base) never revives it at A.
    merge_default(&mut a, &base);
    assert!(a.ws().cities.get(&x).expect("x").meta.deleted);
    let plan = merge_default(&mut a, &b.ws().clone());
    assert!(
        plan.records()
            .iter()
            .all(|r| r.meta().deleted || r.meta().id != x)
    );
    assert!(a.ws().cities.get(&x).expect("x").meta.deleted);

    // An undelete by the office that saw the deletion travels (undo the merges, then the delete).
    while a.ws().cities.get(&x).expect("x").meta.deleted {
        a.undo().expect("undo");
    }
    assert!(!a.ws().cities.get(&x).expect("x").meta.deleted);
    merge_default(&mut b, &a.ws().clone());
    assert!(
        !b.ws().cities.get(&x).expect("x").meta.deleted,
        "a deliberate undelete is not an older copy"
    );
}

#[test]
fn a_record_that_would_dangle_is_refused_with_the_reason_and_so_are_its_dependants() {
    let base = sample::demo();
    let mut a = copy_of(base.clone(), bianban());
    let mut b = copy_of(base.clone(), office());
    // B creates a county, a township in it and an entrustment of that township.
    let county = b.create(county("示例新县"));
    let town = b.create(township("示例新乡", &county, None));
    let from_b = b.ws().clone();
    // A refuses the county: the township then refers to nothing here.
    let mut decisions = Decisions::new();
    decisions.insert(
        (Kind::County, county.clone()),
        Decision {
            accept: Some(false),
            sides: Default::default(),
        },
    );
    let plan = merge_with(&mut a, &from_b, &decisions);
    let t = plan.items.iter().find(|i| i.id == town).expect("town");
    let why = t.refused.as_ref().expect("refused");
    assert!(
        why.zh.contains("示例新县") && why.zh.contains("未被接受"),
        "{}",
        why.zh
    );
    assert!(a.ws().townships.get(&town).is_none());

    // A deletion that our live records still refer to is refused too.
    let mut c = copy_of(base.clone(), bianban());
    let park = first_park(&base);
    let mut gone = c.ws().clone();
    if let Some(r) = gone.parks.0.get_mut(&park) {
        r.meta.deleted = true;
        r.meta.rev += 1;
    }
    let plan = merge_default(&mut c, &gone);
    let p = plan.items.iter().find(|i| i.id == park).expect("park");
    assert_eq!(p.class, Class::Deleted);
    assert!(
        p.refused
            .as_ref()
            .is_some_and(|t| t.zh.contains("仍有记录引用"))
    );
    assert!(!c.ws().parks.get(&park).expect("p").meta.deleted);
}

#[test]
fn the_same_item_created_by_two_offices_is_recognised_by_its_natural_key() {
    let base = sample::demo();
    let mut a = copy_of(base.clone(), bianban());
    let mut b = copy_of(base.clone(), office());
    let template = base
        .power_items
        .iter_live()
        .next()
        .expect("item")
        .data
        .clone();
    let mut item = template.clone();
    item.item_code = "XK09999000".into();
    item.name = "示例新增事项".into();
    let ia = a.create(Data::PowerItem(item.clone()));
    let ib = b.create(Data::PowerItem(item));
    assert_ne!(ia, ib);
    let plan = merge_default(&mut a, &b.ws().clone());
    let dup = plan.items.iter().find(|i| i.id == ib).expect("dup");
    assert_eq!(dup.class, Class::Duplicate);
    assert_eq!(dup.duplicate_of.as_deref(), Some(ia.as_str()));
    assert_eq!(
        a.ws()
            .power_items
            .iter_live()
            .filter(|i| i.data.item_code == "XK09999000")
            .count(),
        1,
        "not created twice"
    );
}

#[test]
fn importing_the_same_file_twice_changes_nothing_the_second_time() {
    let base = sample::demo();
    let d = approved_delegation(&base);
    let mut a = copy_of(base.clone(), bianban());
    let mut b = copy_of(base, park_office());
    edit_delegation(&mut b, &d, |x| x.reception = Reception::Received);
    b.create(county("示例二县"));
    let from_b = b.ws().clone();
    let first = merge_default(&mut a, &from_b);
    assert!(!first.records().is_empty());
    let after_first = a.ws().clone();
    let second = merge_default(&mut a, &from_b);
    assert!(second.records().is_empty(), "{:?}", second.items);
    assert_eq!(*a.ws(), after_first);
}

#[test]
fn a_merge_is_one_undo_step_that_restores_exactly() {
    let base = sample::demo();
    let d = approved_delegation(&base);
    let mut a = copy_of(base.clone(), bianban());
    let mut b = copy_of(base, park_office());
    edit_delegation(&mut b, &d, |x| x.reception = Reception::Received);
    b.create(county("示例三县"));
    let before = a.ws().clone();
    let from_b = b.ws().clone();
    merge_default(&mut a, &from_b);
    assert_ne!(*a.ws(), before);
    a.undo().expect("undo");
    assert_eq!(*a.ws(), before, "exactly as before, metadata included");
    // So the same file can be reviewed again with the same result.
    let again = merge_default(&mut a, &from_b);
    assert_eq!(again.count(Class::New), 1);
    a.undo().expect("undo");
    a.redo().expect("redo");
    assert_eq!(
        a.ws().delegations.get(&d).expect("d").data.reception,
        Reception::Received
    );
}

#[test]
fn a_partial_snapshot_never_deletes_what_it_does_not_contain() {
    let base = sample::demo();
    let park = first_park(&base);
    let part = parkdesk::domain::scope::around(&base, Kind::Park, &park);
    assert!(part.parks.get(&park).is_some());
    // Other parks may come along only as records referred to (e.g. by the scope of a campaign
    // that checked this park): none of their delegations or entrustments does.
    assert!(part.delegations.iter_live().all(|d| d.data.park_id == park));
    assert!(
        part.entrustments
            .iter_live()
            .all(|e| e.data.park_id == park)
    );
    assert!(part.delegations.count_live() < base.delegations.count_live());
    // Every reference inside the part resolves inside the part.
    for rec in part.records() {
        let f = rec.to_fields();
        for r in parkdesk::domain::kind_tables::references(rec.kind()) {
            for t in parkdesk::domain::kind_tables::ref_ids(&f, r.path) {
                assert!(part.get(r.to, t).is_some(), "{:?} {t}", r);
            }
        }
    }
    let mut a = copy_of(base.clone(), bianban());
    let plan = merge_default(&mut a, &part);
    assert!(plan.records().is_empty());
    assert_eq!(*a.ws(), base);
    // An area export holds the area's kinds and what they refer to.
    let powers = parkdesk::domain::scope::area(&base, parkdesk::domain::kind_tables::Area::Powers);
    assert_eq!(
        powers.delegations.count_live(),
        base.delegations.count_live()
    );
    assert!(
        powers.parks.count_live() > 0,
        "the parks they refer to come along"
    );
    assert_eq!(powers.count_all(Kind::Institution), 0);
}

#[test]
fn references_in_the_tables_match_the_demo() {
    // Every reference path of the tables resolves in the demo (catches a misspelt path).
    let ws = sample::demo();
    let mut seen = 0;
    for rec in ws.records() {
        let f = rec.to_fields();
        for r in parkdesk::domain::kind_tables::references(rec.kind()) {
            for t in parkdesk::domain::kind_tables::ref_ids(&f, r.path) {
                assert!(ws.get(r.to, t).is_some(), "{:?} → {t}", r);
                seen += 1;
            }
        }
    }
    assert!(seen > 50, "{seen}");
}

// ---- properties -------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Op {
    /// The source department's side of the handover: parallel processing on or off.
    Parallel(usize, bool),
    CannotReceive(usize),
    Population(usize, u32),
    ParkArea(usize, u16),
    RenameCity(usize, u8),
    DeleteCity(usize),
    NewCounty(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..6usize, proptest::bool::ANY).prop_map(|(d, v)| Op::Parallel(d, v)),
        (0..6usize).prop_map(Op::CannotReceive),
        (0..4usize, 1..5000u32).prop_map(|(t, n)| Op::Population(t, n)),
        (0..3usize, 1..500u16).prop_map(|(p, a)| Op::ParkArea(p, a)),
        (0..3usize, 0..4u8).prop_map(|(c, n)| Op::RenameCity(c, n)),
        (0..3usize).prop_map(Op::DeleteCity),
        (0..3u8).prop_map(Op::NewCounty),
    ]
}

fn base_with_cities() -> Workspace {
    let mut h = copy_of(sample::demo(), bianban());
    for n in ["示例市一", "示例市二", "示例市三"] {
        h.create(city(n));
    }
    h.ws().clone()
}

fn apply_ops(h: &mut Harness, ops: &[Op], tag: &str) {
    for o in ops {
        let ws = h.ws().clone();
        let dels = delegation_ids(&ws);
        let towns: Vec<String> = ws.townships.0.keys().cloned().collect();
        let parks: Vec<String> = ws.parks.0.keys().cloned().collect();
        let cities: Vec<String> = ws
            .cities
            .0
            .values()
            .filter(|c| c.data.name.starts_with("示例市"))
            .map(|c| c.meta.id.clone())
            .collect();
        let cmd = match o {
            Op::Parallel(d, v) => {
                let rec = ws.delegations.get(&dels[*d % dels.len()]).expect("d");
                let mut data = rec.data.clone();
                data.parallel = *v;
                Command::Save {
                    id: Some(rec.meta.id.clone()),
                    data: Data::Delegation(data),
                    base_rev: None,
                }
            }
            Op::CannotReceive(d) => {
                let rec = ws.delegations.get(&dels[*d % dels.len()]).expect("d");
                let mut data = rec.data.clone();
                data.reception = Reception::CannotReceive;
                Command::Save {
                    id: Some(rec.meta.id.clone()),
                    data: Data::Delegation(data),
                    base_rev: None,
                }
            }
            Op::Population(t, n) => {
                let Some(Record::Township(rec)) = ws.get(Kind::Township, &towns[*t % towns.len()])
                else {
                    continue;
                };
                let mut data = rec.data.clone();
                data.population = Some(*n);
                Command::Save {
                    id: Some(rec.meta.id.clone()),
                    data: Data::Township(data),
                    base_rev: None,
                }
            }
            Op::ParkArea(p, a) => {
                let rec = ws.parks.get(&parks[*p % parks.len()]).expect("p");
                let mut data = rec.data.clone();
                data.planning_area_km2 = Some(f64::from(*a));
                Command::Save {
                    id: Some(rec.meta.id.clone()),
                    data: Data::Park(data),
                    base_rev: None,
                }
            }
            Op::RenameCity(c, n) => Command::Save {
                id: Some(cities[*c % cities.len()].clone()),
                data: city(&format!("示例市{tag}{n}")),
                base_rev: None,
            },
            Op::DeleteCity(c) => Command::Delete {
                kind: Kind::City,
                id: cities[*c % cities.len()].clone(),
            },
            Op::NewCounty(n) => Command::Save {
                id: None,
                data: county(&format!("示例县{tag}{n}")),
                base_rev: None,
            },
        };
        let _ = h.run(cmd);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn merging_is_idempotent_order_independent_and_never_resurrects(
        ops_a in proptest::collection::vec(op(), 1..6),
        ops_b in proptest::collection::vec(op(), 1..6),
    ) {
        let base = base_with_cities();
        let mut a = copy_of(base.clone(), bianban());
        let mut b = copy_of(base.clone(), park_office());
        b.now += chrono::Duration::seconds(7);
        apply_ops(&mut a, &ops_a, "甲");
        apply_ops(&mut b, &ops_b, "乙");
        let (fa, fb) = (a.ws().clone(), b.ws().clone());

        // Office C merges A then B, office D merges B then A: the same records either way.
        let mut c = copy_of(base.clone(), office());
        let mut d = copy_of(base.clone(), office());
        merge_default(&mut c, &fa);
        merge_default(&mut c, &fb);
        merge_default(&mut d, &fb);
        merge_default(&mut d, &fa);
        let (cc, dc) = (content(c.ws()), content(d.ws()));
        let diff: Vec<_> = cc.iter().zip(dc.iter()).filter(|(x, y)| x != y).map(|(x, y)| format!("{:?} {} {} / {}", x.0, x.1, x.2, y.2)).collect();
        prop_assert!(diff.is_empty() && cc.len() == dc.len(), "{:?}", diff);

        // Importing a file again changes nothing.
        let before = c.ws().clone();
        let again = merge_default(&mut c, &fb);
        prop_assert!(again.records().is_empty());
        prop_assert_eq!(c.ws(), &before);

        // A record deleted by either office stays deleted.
        for ws in [&fa, &fb] {
            for r in ws.cities.0.values().filter(|r| r.meta.deleted) {
                prop_assert!(c.ws().cities.get(&r.meta.id).is_some_and(|x| x.meta.deleted));
            }
        }
        // Both offices' owned status edits survive: the park's reception changes reach C.
        for r in fb.delegations.iter_live() {
            if r.data.reception == Reception::CannotReceive {
                prop_assert_eq!(
                    c.ws().delegations.get(&r.meta.id).map(|x| x.data.reception),
                    Some(Reception::CannotReceive)
                );
            }
        }
    }
}

#[test]
fn the_sample_exchange_file_teaches_a_park_change_a_new_record_and_a_not_owned_change() {
    let file = parkdesk::domain::sample_exchange::park_office_file();
    let text = parkdesk::domain::snapshot::to_json(&file).expect("encode");
    let checked = parkdesk::domain::snapshot::check(&text, d("2013-12-31")).expect("valid file");
    assert_eq!(
        checked.preview.integrity,
        parkdesk::domain::snapshot::Integrity::Verified
    );
    let mut me = copy_of(sample::demo(), bianban());
    let dir = checked.snapshot.offices.clone();
    let ctx = MergeCtx {
        me: &me.office,
        now: me.now,
        directory: &dir,
    };
    let plan = merge::plan(me.ws(), &checked.snapshot.records, &ctx, &Decisions::new());
    let class_of = |k: Kind| {
        plan.items
            .iter()
            .filter(|i| i.kind == k)
            .map(|i| i.class)
            .collect::<Vec<_>>()
    };
    assert_eq!(class_of(Kind::Delegation), vec![Class::Changed]);
    assert_eq!(class_of(Kind::Institution), vec![Class::New]);
    assert_eq!(class_of(Kind::Park), vec![Class::Rejected]);
    me.run(Command::Merge {
        records: plan.records(),
        summary: plan.summary("sample.json"),
    })
    .expect("merges without a new Block");
    let inst = me
        .ws()
        .institutions
        .iter_live()
        .next()
        .expect("institution");
    assert_eq!(
        inst.meta.provenance,
        parkdesk::domain::meta::Provenance::Sample
    );
    assert!(
        me.ws()
            .delegations
            .iter_live()
            .any(|d| d.data.reception == Reception::Received
                && d.data.lifecycle == Lifecycle::Approved
                && d.data.handover_by_park_on.is_some())
    );
}
