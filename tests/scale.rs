//! The province generator (issue #9): counts near the targets, valid data, same seed → same file.
//! The full size is exercised by the benchmark (`scripts/bench`); here the hundredth, which a
//! debug build makes in a second.
#![cfg(not(target_arch = "wasm32"))]

use parkdesk::domain::rules::{Severity, check_all};
use parkdesk::domain::scale::{PROVINCE, Size, YEARS, generate};
use parkdesk::domain::snapshot;
use parkdesk::domain::workspace::Kind;
use parkdesk::persist::packed;

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2013, 12, 31).unwrap()
}

#[test]
fn the_hundredth_has_no_block_violation() {
    let ws = generate(Size::Hundredth, 1);
    let blocks: Vec<_> = check_all(&ws, as_of())
        .into_iter()
        .filter(|v| v.severity == Severity::Block)
        .collect();
    assert!(blocks.is_empty(), "{:#?}", &blocks[..blocks.len().min(5)]);
}

#[test]
fn counts_land_near_the_targets() {
    let ws = generate(Size::Hundredth, 1);
    let n = |k| ws.count_live(k);
    // A region is the demo's three parks, so a hundredth rounds up to one region.
    assert_eq!(n(Kind::Park), 3);
    assert!(n(Kind::Township) >= PROVINCE.townships / 100);
    assert!(n(Kind::Person) >= PROVINCE.persons / 100);
    let d = n(Kind::Delegation);
    let target = PROVINCE.delegations / 100;
    assert!(
        d * 10 >= target * 8 && d * 10 <= target * 12,
        "{d} delegations for {target}"
    );
    assert!(n(Kind::Finding) >= 80, "{} findings", n(Kind::Finding));
    // Five assessment years, each with the demo's schemes.
    let demo = parkdesk::domain::sample::demo();
    assert_eq!(
        n(Kind::AssessmentScheme),
        demo.count_live(Kind::AssessmentScheme) * YEARS as usize
    );
    let years: std::collections::BTreeSet<i32> = ws
        .assessment_schemes
        .iter_live()
        .map(|s| s.data.year)
        .collect();
    assert_eq!(years.len(), YEARS as usize);
}

#[test]
fn the_tenth_is_ten_times_the_regions() {
    let ws = generate(Size::Tenth, 1);
    assert_eq!(ws.count_live(Kind::Park), PROVINCE.parks / 10);
    assert_eq!(ws.count_live(Kind::Township), PROVINCE.townships / 10);
    // Park short codes and staff numbers stay unique across regions.
    let codes: std::collections::HashSet<&str> = ws
        .parks
        .iter_live()
        .map(|p| p.data.short_code.as_str())
        .collect();
    assert_eq!(codes.len(), ws.count_live(Kind::Park));
    let staff: std::collections::HashSet<&str> = ws
        .persons
        .iter_live()
        .map(|p| p.data.staff_no.as_str())
        .collect();
    assert_eq!(staff.len(), ws.count_live(Kind::Person));
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_other_ids() {
    let a = serde_json::to_string(&generate(Size::Hundredth, 7)).unwrap();
    let b = serde_json::to_string(&generate(Size::Hundredth, 7)).unwrap();
    assert!(a == b, "same seed, different output");
    let c = generate(Size::Hundredth, 8);
    assert_ne!(a, serde_json::to_string(&c).unwrap());
    // Every copied or added record is SAMPLE (badged in the app); only the demo's own records
    // keep their public or reported provenance.
    use parkdesk::domain::meta::Provenance;
    let demo = parkdesk::domain::sample::demo();
    let not_sample = |ws: &parkdesk::domain::workspace::Workspace| {
        ws.records().len() - ws.provenance_count(Provenance::Sample)
    };
    let big = generate(Size::Tenth, 8);
    assert_eq!(not_sample(&big), not_sample(&demo));
}

#[test]
fn the_generated_file_imports_and_packs() {
    let ws = generate(Size::Hundredth, 1);
    let at = chrono::DateTime::from_timestamp(1_388_448_000, 0).unwrap();
    let snap = snapshot::build(&ws, &parkdesk::domain::sample::sample_office(), at, "test");
    let text = snapshot::to_json(&snap).unwrap();
    let checked = snapshot::check(&text, as_of()).expect("the file passes the import pipeline");
    assert_eq!(
        checked.snapshot.records.count_live(Kind::Person),
        ws.count_live(Kind::Person)
    );
    // Stored compactly: the packed state is a small fraction of its JSON.
    let json = serde_json::to_string(&ws).unwrap();
    let packed = packed::encode(json.clone()).unwrap();
    assert!(packed.encode_utf16().count() * 10 < json.len());
    assert_eq!(packed::decode(&packed).unwrap(), json);
}
