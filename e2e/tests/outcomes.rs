//! End-to-end tests of issue #7: the outcomes dashboard (goal indices with their drill-down,
//! charts with data tables, the as-of date recomputing everything), the project editor, and the
//! showcase for visiting delegations (English, every slide by keyboard with a screenshot at
//! 1920×1080 and at 1400 px, read-only, Esc leaves). axe-core checks the dashboard, the project
//! list and a showcase slide.

mod common;

use common::*;

/// Sets a date input the way a user's date picker does (value + input/change events).
async fn set_date(b: &Browser, css: &str, value: &str) {
    b.wait_css(css).await;
    b.js(&format!(
        "const i=document.querySelector({css:?}); i.value={value:?}; i.dispatchEvent(new Event('input',{{bubbles:true}})); i.dispatchEvent(new Event('change',{{bubbles:true}}));"
    ))
    .await;
}

async fn key(b: &Browser, k: Key) {
    b.driver
        .action_chain()
        .send_keys(k)
        .perform()
        .await
        .expect("key");
}

async fn window(b: &Browser, w: u32, h: u32) {
    b.driver
        .set_window_rect(0, 0, w, h)
        .await
        .expect("window size");
}

#[tokio::test]
async fn the_dashboard_shows_the_goals_with_their_records_and_recomputes_for_a_past_date() {
    let b = Browser::start(serve("")).await;
    b.open("/").await;
    b.wait_css("#dash-goals .goal-card").await;
    assert_eq!(b.count("#dash-goals .goal-card").await, 4);
    // Bars and columns are drawn as sized: no page style overrides their SVG geometry.
    let drawn = b
        .js(
            "const r = [...document.querySelectorAll('.chart-svg rect.chart-bar')]; \
             return [r.length, r.filter(e => { const b = e.getBBox(); \
               return Math.abs(b.width - e.width.baseVal.value) > 0.5 \
                 || Math.abs(b.height - e.height.baseVal.value) > 0.5; }).length];",
        )
        .await;
    assert!(drawn[0].as_u64().is_some_and(|n| n > 0), "{drawn}");
    assert_eq!(drawn[1].as_u64(), Some(0), "bars resized by CSS: {drawn}");
    // Every goal has a value for the demo at the end of 2013, each figure badged SAMPLE.
    for goal in [
        "SUBSTANTIVE_MANAGEMENT",
        "MARKET_DEVELOPMENT",
        "EFFICIENT_SERVICE",
        "SOCIALISED_SERVICE",
    ] {
        let v = b
            .js(&format!(
                "return document.querySelector('#goal-{goal} .goal-value').dataset.value;"
            ))
            .await;
        assert!(
            v.as_str().is_some_and(|s| s.parse::<f64>().is_ok()),
            "{goal}: {v}"
        );
        assert!(
            b.count(&format!("#goal-{goal} [data-provenance='SAMPLE']"))
                .await
                > 0
        );
    }
    // The drill-down names the components, their figures, formula and records.
    b.click("#drill-SUBSTANTIVE_MANAGEMENT summary").await;
    assert_eq!(
        b.count("#drill-SUBSTANTIVE_MANAGEMENT tr[data-component]")
            .await,
        4
    );
    let whole = b
        .text("#drill-SUBSTANTIVE_MANAGEMENT tr[data-component='WHOLE_TOWNSHIP']")
        .await;
    assert!(
        whole.contains("100.0%") && whole.contains("6 / 6"),
        "{whole}"
    );
    assert_eq!(
        b.text("#drill-SUBSTANTIVE_MANAGEMENT tr[data-component='WHOLE_TOWNSHIP'] [data-role='record-count']")
            .await,
        "6"
    );
    // Charts carry their numbers as tables: two campaigns, before and after.
    assert_eq!(b.count("#chart-campaigns-table tbody tr").await, 2);
    assert_eq!(b.text("#kpi-signed").await, "14");
    b.screenshot("outcomes-dashboard").await;
    b.axe_check("dashboard with a drill-down open").await;
    // The data table can be shown on screen too.
    b.click("#chart-trend-table-toggle").await;
    b.wait_css("#chart-trend-table:not(.sr-only)").await;
    // A past date recomputes everything: at the end of 2012 there were 7 signings and no campaign.
    set_date(&b, "#as-of", "2012-12-31").await;
    b.wait_text("#kpi-signed", |t| t == "7").await;
    assert_eq!(b.count("#chart-campaigns-table tbody tr").await, 0);
    assert_eq!(b.text("#rect-issued").await, "0");
    let substantive = b.text("#goal-SUBSTANTIVE_MANAGEMENT .goal-value").await;
    assert!(
        substantive.contains("数据不足"),
        "no verdict yet in 2012: {substantive}"
    );
    // One park only.
    b.choose_label("#dash-scope", "保山工贸园区").await;
    b.wait_text("#kpi-signed", |t| t == "3").await;
    b.screenshot("outcomes-dashboard-2012-gm").await;
    b.quit().await;
}

#[tokio::test]
async fn a_project_is_edited_with_dates_in_order_and_counts_on_the_dashboard() {
    let b = Browser::start(serve("")).await;
    b.open("/projects").await;
    b.wait_css("#project-table tbody tr").await;
    assert_eq!(b.count("#project-table tbody tr").await, 29);
    b.axe_check("project list").await;
    b.click("#project-new").await;
    b.fill("#project-name", "示例新材料二期项目").await;
    b.fill("#project-investor", "示例投资方己").await;
    b.fill("#project-total", "10000").await;
    set_date(&b, "#project-signed", "2013-09-01").await;
    set_date(&b, "#project-started", "2013-08-01").await;
    b.fill("#project-funds", "2013-10-01 2500").await;
    b.click("#project-save").await;
    // Started before it was signed: refused, located on the field.
    b.wait_css("#form-errors").await;
    assert!(b.count("[aria-invalid='true']").await > 0);
    set_date(&b, "#project-started", "2013-11-01").await;
    b.click("#project-save").await;
    let row = "#project-table tbody tr[data-stage='UNDER_CONSTRUCTION']";
    b.wait_text("#project-table", |t| t.contains("示例新材料二期项目"))
        .await;
    assert!(b.count(row).await > 0);
    b.wait_saved().await;
    b.click("#nav-overview").await;
    b.wait_text("#kpi-signed", |t| t == "15").await;
    b.screenshot("outcomes-projects").await;
    b.quit().await;
}

#[tokio::test]
async fn the_showcase_in_english_steps_through_every_slide_read_only() {
    let b = Browser::start(serve("")).await;
    b.open("/").await;
    b.wait_css("#dash-goals .goal-card").await;
    b.click("#lang-switch").await;
    b.wait_text("#nav-overview", |t| t == "Overview").await;
    b.click("#enter-showcase").await;
    b.wait_css("#showcase #slide-1").await;
    assert_eq!(
        b.count(".sidenav").await,
        0,
        "no navigation around the slides"
    );
    assert_eq!(
        b.count("#showcase input, #showcase select, #showcase form, #showcase textarea")
            .await,
        0,
        "no editing controls"
    );
    window(&b, 1920, 1080).await;
    let titles = [
        "The reform in one page",
        "The three pilot parks",
        "Delegating powers",
        "People and posts",
        "Inspection and rectification",
        "Project results",
        "The four goals",
    ];
    for (i, title) in titles.iter().enumerate() {
        let n = i + 1;
        let slide = format!("#slide-{n}");
        b.wait_text(&format!("{slide} .slide-title"), |t| t.contains(title))
            .await;
        assert_eq!(b.text("#show-count").await, format!("{n} / 7"));
        // Sample figures are badged on every slide; no person is named (aggregates only).
        assert!(
            b.count(&format!("{slide} [data-provenance='SAMPLE']"))
                .await
                > 0,
            "slide {n} badges its sample figures"
        );
        let text = b.text(&slide).await;
        assert!(!text.contains("干部GM"), "slide {n} shows no person");
        b.screenshot(&format!("showcase-{n}-1920")).await;
        if n == 3 {
            b.axe_check("showcase slide 3 (delegation)").await;
            assert!(text.contains("→"), "before/after: {text}");
        }
        key(&b, if n % 2 == 0 { Key::Space } else { Key::Right }).await;
    }
    // The last slide stays; Home goes back to the first; PageDown and ← move on and back.
    b.wait_text("#show-count", |t| t == "7 / 7").await;
    key(&b, Key::Home).await;
    b.wait_text("#show-count", |t| t == "1 / 7").await;
    key(&b, Key::PageDown).await;
    b.wait_text("#show-count", |t| t == "2 / 7").await;
    key(&b, Key::Left).await;
    b.wait_text("#show-count", |t| t == "1 / 7").await;
    key(&b, Key::End).await;
    b.wait_text("#show-count", |t| t == "7 / 7").await;
    // The language switches live inside the showcase.
    b.click("#show-lang").await;
    b.wait_text("#slide-7 .slide-title", |t| t.contains("四化目标"))
        .await;
    // Readable at 1400 px too.
    window(&b, 1400, 1000).await;
    for n in [1, 7] {
        if n == 1 {
            key(&b, Key::Home).await;
        }
        b.wait_css(&format!("#slide-{n}")).await;
        b.screenshot(&format!("showcase-{n}-1400")).await;
        let overflow = b
            .js("const s=document.getElementById('show-stage'); return s.scrollWidth > s.clientWidth + 2;")
            .await;
        assert_eq!(overflow, serde_json::json!(false), "slide {n} fits 1400 px");
        if n == 1 {
            key(&b, Key::End).await;
        }
    }
    // Read-only: undo is refused while the showcase is open.
    b.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("z")
        .key_up(Key::Control)
        .perform()
        .await
        .expect("ctrl+z");
    b.wait_text("#toast", |t| t.contains("只读") || t.contains("read-only"))
        .await;
    // A click on the slide moves on; Esc leaves to the dashboard.
    key(&b, Key::Home).await;
    b.click("#show-stage .slide-title").await;
    b.wait_text("#show-count", |t| t == "2 / 7").await;
    key(&b, Key::Escape).await;
    b.wait_css("#page-overview").await;
    assert_eq!(b.count("#showcase").await, 0);
    assert!(b.count(".sidenav").await > 0);
    b.quit().await;
}
