//! Issue #15: arithmetic on data never panics (the release wasm aborts on panic) and sums never
//! wrap past a limit. Each test mutates one record of the demo and runs the rule pass.

use chrono::{NaiveDate, Utc};
use parkdesk::domain::bonus::SpecialAward;
use parkdesk::domain::development::Shareholder;
use parkdesk::domain::meta::{Meta, Office, Provenance, Role};
use parkdesk::domain::parameters::ParametersData;
use parkdesk::domain::rules::{Severity, Violation, check_all};
use parkdesk::domain::sample::demo;
use parkdesk::domain::workspace::{Data, Kind, Record, Workspace};

fn as_of() -> NaiveDate {
    "2013-12-31".parse().expect("date")
}

fn blocks_on(v: &[Violation], kind: Kind, id: &str, field: &str) -> bool {
    v.iter().any(|x| {
        x.severity == Severity::Block && x.kind == kind && x.id == id && x.field == Some(field)
    })
}

fn first_order(ws: &Workspace) -> String {
    ws.rectification_orders
        .iter_live()
        .find(|r| r.data.deadline.is_some())
        .expect("an order with a deadline")
        .id()
        .to_string()
}

#[test]
fn a_deadline_near_the_end_of_the_calendar_is_a_located_block_not_a_panic() {
    let mut ws = demo();
    let id = first_order(&ws);
    let o = ws.rectification_orders.0.get_mut(&id).expect("order");
    o.data.deadline = Some(NaiveDate::MAX);
    let v = check_all(&ws, as_of());
    assert!(
        blocks_on(&v, Kind::RectificationOrder, &id, "deadline"),
        "{v:?}"
    );
}

#[test]
fn a_second_overdue_period_of_u32_max_days_is_a_located_block_not_a_panic() {
    let mut ws = demo();
    let pid = "params".to_string();
    let params = ParametersData {
        second_overdue_days: u32::MAX,
        ..ParametersData::default()
    };
    let office = Office::new("office-test", "测试编办", Role::Bianban);
    let meta = Meta::new(pid.clone(), Utc::now(), &office, Provenance::UserEntered);
    ws.put(Record::new(meta, Data::Parameters(params)));
    // An overdue order far in the past, so the rule pass reaches the second-overdue addition.
    let id = first_order(&ws);
    let o = ws.rectification_orders.0.get_mut(&id).expect("order");
    o.data.deadline = Some(NaiveDate::MAX);
    let v = check_all(&ws, as_of());
    assert!(
        blocks_on(&v, Kind::Parameters, &pid, "second_overdue_days"),
        "{v:?}"
    );
    // And late in the calendar: the deadline plus u32::MAX days leaves chrono's range.
    let late: NaiveDate = "2199-12-01".parse().expect("date");
    let o = ws.rectification_orders.0.get_mut(&id).expect("order");
    o.data.deadline = Some(late);
    let _ = check_all(&ws, "2199-12-31".parse().expect("date"));
}

#[test]
fn two_special_awards_near_i64_max_still_exceed_the_pool() {
    let mut ws = demo();
    let id = ws
        .bonus_pools
        .iter_live()
        .next()
        .expect("a pool")
        .id()
        .to_string();
    let pool = &mut ws.bonus_pools.0.get_mut(&id).expect("pool").data;
    let award = |fen| SpecialAward {
        person_id: None,
        org_id: Some("unit".into()),
        amount_fen: fen,
        reason: "测试".into(),
        approved_by_org_id: None,
        basis: None,
    };
    pool.special_awards = vec![award(i64::MAX - 1), award(i64::MAX - 1)];
    let v = check_all(&ws, as_of());
    assert!(
        v.iter().any(|x| x.severity == Severity::Block
            && x.id == id
            && x.field == Some("special_awards")
            && x.message.en.contains("exceed the pool total")),
        "{v:?}"
    );
    assert!(blocks_on(&v, Kind::BonusPool, &id, "special_awards"));
}

#[test]
fn shareholder_shares_that_wrap_a_u32_still_exceed_100_percent() {
    let mut ws = demo();
    let id = ws
        .development_entities
        .iter_live()
        .next()
        .expect("an entity")
        .id()
        .to_string();
    let e = &mut ws.development_entities.0.get_mut(&id).expect("entity").data;
    // 10 000 bp is 100 %; these two wrap to 5 000 bp in u32.
    e.shareholders = vec![
        Shareholder {
            name: "甲".into(),
            share_bp: u32::MAX,
        },
        Shareholder {
            name: "乙".into(),
            share_bp: 5_001,
        },
    ];
    let v = check_all(&ws, as_of());
    assert!(
        blocks_on(&v, Kind::DevelopmentEntity, &id, "shareholders"),
        "{v:?}"
    );
}
