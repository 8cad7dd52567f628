//! 成建制托管率 and 区镇合一覆盖率 (shared/domain.md §6.3, §6.7) by scope and as-of date.

mod common;

use common::*;
use parkdesk::domain::entrustment::EntrustScope;
use parkdesk::domain::metrics::{Ratio, Scope, integration_coverage, whole_township_rate};
use parkdesk::domain::workspace::Data;

#[test]
fn whole_township_rate_counts_entrustments_in_force() {
    let mut b = basic();
    let t2 = b.h.create(township("示例乡丁", &b.county, Some(&b.park)));
    let t3 = b.h.create(township("示例乡戊", &b.county, Some(&b.park)));
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        None,
    )));
    let mut partial = entrust(&b.park, &t2, &b.county, "2012-10-01", None);
    partial.scope = EntrustScope::PartialVillages {
        villages: vec!["示例村01".into()],
    };
    partial.justification_if_partial = Some("仅核心区".into());
    b.h.create(Data::Entrustment(partial));
    // Ended before the as-of date: not counted.
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &t3,
        &b.county,
        "2012-10-01",
        Some("2012-12-31"),
    )));
    let r = whole_township_rate(b.h.ws(), d("2013-06-01"), &Scope::City);
    assert_eq!(r, Ratio { num: 1, den: 2 });
    assert_eq!(r.percent(), Some(50.0));
    // On an earlier date the third one was in force.
    assert_eq!(
        whole_township_rate(b.h.ws(), d("2012-11-01"), &Scope::City),
        Ratio { num: 2, den: 3 }
    );
    // Before any entrustment there is no rate at all.
    assert_eq!(
        whole_township_rate(b.h.ws(), d("2012-01-01"), &Scope::City).percent(),
        None
    );
}

#[test]
fn integration_coverage_by_park_and_city() {
    let mut b = basic();
    let sc = b.h.create(Data::Park(park("水长工业园区", "SC")));
    let t2 = b.h.create(township("示例镇甲", &b.county, Some(&sc)));
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        None,
    )));
    b.h.create(Data::Entrustment(entrust(
        &sc,
        &t2,
        &b.county,
        "2012-10-01",
        None,
    )));
    cross_post(&mut b.h, &b.park, &b.town, "2013-01-01");
    let day = d("2013-06-01");
    assert_eq!(
        integration_coverage(b.h.ws(), day, &Scope::City),
        Ratio { num: 1, den: 2 }
    );
    assert_eq!(
        integration_coverage(b.h.ws(), day, &Scope::Park(b.park.clone())),
        Ratio { num: 1, den: 1 }
    );
    assert_eq!(
        integration_coverage(b.h.ws(), day, &Scope::Park(sc)),
        Ratio { num: 0, den: 1 }
    );
    assert_eq!(
        integration_coverage(b.h.ws(), d("2012-12-01"), &Scope::City),
        Ratio { num: 0, den: 2 }
    );
}

#[test]
fn demo_data_metrics() {
    let ws = parkdesk::domain::sample::demo();
    let day = d("2013-06-01");
    assert_eq!(
        whole_township_rate(&ws, day, &Scope::City),
        Ratio { num: 6, den: 6 }
    );
    assert_eq!(
        integration_coverage(&ws, day, &Scope::City),
        Ratio { num: 5, den: 6 }
    );
}

#[test]
fn br_a7_the_leading_park_follows_the_entrustment_in_force() {
    let mut b = basic();
    let sc = b.h.create(Data::Park(park("水长工业园区", "SC")));
    b.h.create(Data::Entrustment(entrust(
        &b.park,
        &b.town,
        &b.county,
        "2012-10-01",
        Some("2013-12-31"),
    )));
    b.h.create(Data::Entrustment(entrust(
        &sc,
        &b.town,
        &b.county,
        "2014-01-01",
        None,
    )));
    use parkdesk::domain::metrics::leading_park;
    assert_eq!(leading_park(b.h.ws(), &b.town, d("2012-09-30")), None);
    assert_eq!(
        leading_park(b.h.ws(), &b.town, d("2013-12-31")),
        Some(b.park.clone())
    );
    assert_eq!(leading_park(b.h.ws(), &b.town, d("2014-01-01")), Some(sc));
}
