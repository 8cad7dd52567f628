//! Province scale (issue #9): the generated 1/10 province file imports through the data page
//! with its progress shown, and the sections then show its counts. Timings are the benchmark's
//! business (tests/bench.rs), not this test's.

mod common;

use std::time::Duration;

use common::scale::*;
use common::*;

/// The 1/10 file at seed 1: 15 parks, 2,655 persons, 3,840 delegations (the generator's
/// output; `cargo run --release --bin generate -- --size 1-10` prints its record count).
const PARKS: u64 = 15;
const PERSONS: u64 = 2_655;
const DELEGATIONS: u64 = 3_840;

#[tokio::test]
async fn the_tenth_province_imports_with_progress_and_the_sections_show_its_counts() {
    let file = scale_file("1-10");
    let b = Browser::start(serve("")).await;
    b.open("/data").await;
    watch_import(&b).await;
    b.js("document.getElementById('import').scrollIntoView(); return true;")
        .await;
    choose(&b, &file).await.expect("choose the file");
    // Whatever step is painted at this moment (the page may be busy for a moment).
    b.screenshot("scale-progress").await;
    // A debug build parses 38 MB slowly; the release build takes seconds.
    let ok = wait_either(
        &b,
        "#import-preview",
        "#import-error",
        Duration::from_secs(600),
    )
    .await
    .expect("the import check ends");
    assert!(ok, "import refused: {}", b.text("#import-error").await);
    b.screenshot("scale-preview").await;

    // The progress showed its steps while the page worked through them.
    let steps = steps_seen(&b).await;
    for s in ["read", "parse", "validate"] {
        assert!(
            steps.iter().any(|x| x == s),
            "step {s} not shown: {steps:?}"
        );
    }
    for stage in [
        "read", "parse", "checksum", "migrate", "decode", "validate", "ready",
    ] {
        let name = format!("parkdesk:import:{stage}");
        assert!(measure(&b, &name).await.is_some(), "no measure {name}");
    }

    assert_eq!(preview_count(&b, "parks").await, Some(PARKS));
    assert_eq!(preview_count(&b, "persons").await, Some(PERSONS));
    assert_eq!(preview_count(&b, "delegations").await, Some(DELEGATIONS));

    b.click("#import-confirm").await;
    let done = wait_either(
        &b,
        "#import-done",
        "#import-error",
        Duration::from_secs(600),
    )
    .await
    .expect("the import is applied");
    assert!(done, "import failed: {}", b.text("#import-error").await);
    // The state is far above localStorage's quota: whether the save succeeded or was refused,
    // the data stays in this page (no reload below).

    nav_to(&b, "nav-people", "#roster-count").await;
    // The roster shows those on the roster by default; every status shows every person.
    b.choose("#roster-status", "").await;
    let persons = b
        .wait_text("#roster-count", |t| t.trim() == PERSONS.to_string())
        .await;
    assert_eq!(persons.trim(), PERSONS.to_string(), "roster count");
    nav_to(&b, "nav-powers", "#delegation-count").await;
    let delegations = b.wait_text("#delegation-count", |t| !t.is_empty()).await;
    assert_eq!(
        delegations.trim(),
        DELEGATIONS.to_string(),
        "delegation count"
    );
    b.screenshot("scale-delegations").await;
    b.quit().await;
}
