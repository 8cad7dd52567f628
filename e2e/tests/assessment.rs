//! End-to-end tests of 考核 (issue #5) against the built app in headless Chromium, on the demo
//! data: the SC park's 2013 staff assessment is still being scored, so its grid is open.
//! Scores typed in the grid move the total, rank and grade (and the bonus proposal), a wrong
//! number is refused in its cell and changes nothing, every allocation adds up to its pool to
//! the fen, each screen passes axe (0 serious or critical findings), and a visitor office gets
//! no editing controls.

mod common;

use common::*;

/// The grid column of indicator P4 (绩, completion of the post's targets, 50 points).
const P4: usize = 3;

async fn open_tab(b: &Browser, tab: &str, ready: &str) {
    b.click(&format!("#asm-tab-{tab}")).await;
    b.wait_css(ready).await;
}

/// The grid row (1-based) ranked first, and its staff number.
async fn first_ranked(b: &Browser) -> (usize, String) {
    let v = b
        .js("const rows=[...document.querySelectorAll('#asm-grid tbody tr')]; \
             const i=rows.findIndex(r => r.querySelector(\"td[data-cell='rank']\").textContent.trim()==='1'); \
             return [i + 1, i < 0 ? '' : rows[i].dataset.assessee];")
        .await;
    let i = v[0].as_u64().unwrap_or(0) as usize;
    let staff = v[1].as_str().unwrap_or("").to_string();
    assert!(i > 0 && !staff.is_empty(), "a first-ranked row: {v}");
    (i, staff)
}

fn cell(row: usize, col: usize) -> String {
    format!("#cell-{}-{col}", row - 1)
}

fn row_cell(row: usize, what: &str) -> String {
    format!("#asm-grid tbody tr:nth-child({row}) td[data-cell='{what}']")
}

/// Types into a grid cell as a clerk does: focus, replace the text, Enter.
async fn type_cell(b: &Browser, css: &str, text: &str) {
    let el = b.wait_css(css).await;
    el.click().await.expect("focus cell");
    b.js(&format!("document.querySelector({css:?}).select();"))
        .await;
    el.send_keys(text).await.expect("type");
    el.send_keys(Key::Enter).await.expect("enter");
}

#[tokio::test]
async fn scores_typed_in_the_grid_update_total_rank_and_grade_and_a_wrong_one_is_refused_in_place()
{
    let b = Browser::start(serve("")).await;
    b.open("/assessment").await;
    b.wait_css("#scheme-table tbody tr").await;
    open_tab(&b, "scores", "#asm-grid tbody tr").await;
    b.axe_check("score grid").await;
    b.screenshot("assessment-grid").await;
    let label = b
        .js(&format!(
            "return document.querySelector({:?}).getAttribute('aria-label');",
            cell(1, P4)
        ))
        .await;
    assert!(label.as_str().unwrap_or("").contains("P4"), "{label}");
    let (r, staff) = first_ranked(&b).await;
    let total0 = b.text(&row_cell(r, "total")).await;
    assert_eq!(b.text(&row_cell(r, "grade")).await, "优秀");
    // 10 % of the post's targets: 5 of 50 points; below 60 in all → 不称职, no longer first.
    type_cell(&b, &cell(r, P4), "10").await;
    let total1 = b.wait_text(&row_cell(r, "total"), |t| t != total0).await;
    let (a, c): (f64, f64) = (
        total0.parse().expect("total"),
        total1.parse().expect("total"),
    );
    assert!(c < 60.0 && c < a - 40.0, "{total0} → {total1}");
    b.wait_text(&row_cell(r, "grade"), |t| t == "不称职").await;
    let rank = b.text(&row_cell(r, "rank")).await;
    assert!(rank.parse::<u32>().expect("rank") > 1, "rank {rank}");
    // Enter moved the focus to the same column one row down.
    let n = b.count("#asm-grid tbody tr").await;
    if r < n {
        let active = b.js("return document.activeElement.id;").await;
        assert_eq!(active, serde_json::json!(format!("cell-{r}-{P4}")));
    }
    // A wrong number stays in its cell, marked with the reason, and changes nothing.
    for (typed, reason) in [("abc", "须为数字"), ("-5", "不能为负数")] {
        type_cell(&b, &cell(r, P4), typed).await;
        let msg = b
            .wait_text(
                &format!("#asm-grid tbody tr:nth-child({r}) td.cell-bad .cell-msg"),
                |t| !t.is_empty(),
            )
            .await;
        assert!(msg.contains(reason), "{typed}: {msg}");
        assert_eq!(
            b.js(&format!(
                "return document.querySelector({:?}).getAttribute('aria-invalid');",
                cell(r, P4)
            ))
            .await,
            serde_json::json!("true")
        );
        assert_eq!(b.text(&row_cell(r, "total")).await, total1);
        assert_eq!(b.text(&row_cell(r, "grade")).await, "不称职");
    }
    b.axe_check("score grid with a refused cell").await;
    b.screenshot("assessment-grid-refused").await;
    // Corrected: the mark goes, the total follows.
    type_cell(&b, &cell(r, P4), "95").await;
    b.wait_text(&row_cell(r, "total"), |t| t != total1).await;
    assert_eq!(
        b.count(&format!("#asm-grid tbody tr:nth-child({r}) td.cell-bad"))
            .await,
        0
    );
    // The ranking shows the same total, the grade and the quota state.
    let total2 = b.text(&row_cell(r, "total")).await;
    open_tab(&b, "ranking", "#ranking-table tbody tr").await;
    assert_eq!(
        b.text(&format!(
            "#ranking-table tr[data-assessee='{staff}'] td[data-cell='total']"
        ))
        .await,
        total2
    );
    let places = b
        .js("return document.getElementById('quota-state').dataset.places;")
        .await;
    assert!(
        places.as_str().is_some_and(|p| !p.is_empty()),
        "a quota: {places}"
    );
    assert!(b.count("#rep-assessment-ranking-xlsx").await == 1);
    b.axe_check("ranking").await;
    b.screenshot("assessment-ranking").await;
    b.quit().await;
}

#[tokio::test]
async fn the_bonus_allocation_adds_up_to_each_pool_and_follows_a_changed_grade() {
    let b = Browser::start(serve("")).await;
    b.open("/assessment").await;
    open_tab(&b, "scores", "#asm-grid tbody tr").await;
    let (r, staff) = first_ranked(&b).await;
    open_tab(&b, "bonus", "#pool-table tbody tr").await;
    let caution = b.text("#bonus-caution").await;
    assert!(caution.contains("不是薪酬政策"), "{caution}");
    let pools = b.count("#pool-table tbody tr").await;
    assert_eq!(pools, 3, "GM, GLG and SC");
    let mut sc = 0;
    for i in 1..=pools {
        let row = format!("#pool-table tbody tr:nth-child({i})");
        let total = b.text(&format!("{row} td:nth-child(4)")).await;
        b.click(&format!("{row} button[data-action='open']")).await;
        b.wait_text("#alloc-total", |t| t == total).await;
        assert_eq!(
            b.js("return document.getElementById('alloc-check').dataset.ok;")
                .await,
            serde_json::json!("true"),
            "{total}"
        );
        assert_eq!(
            b.text("#alloc-persons tr.total-row td[data-cell='total']")
                .await,
            total
        );
        if total == "800,000.00" {
            sc = i;
        }
    }
    assert!(sc > 0, "the SC pool of ¥800,000");
    b.axe_check("bonus allocation").await;
    b.screenshot("assessment-bonus").await;
    // On paper: the caution stays, the tabs and buttons go.
    let cdp = b.driver.cdp();
    cdp.send_raw(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    )
    .await
    .expect("print media");
    let shown = b
        .js("return ['#bonus-caution', '.tabs', '#pool-new'].map(s => getComputedStyle(document.querySelector(s)).display);")
        .await;
    assert_eq!(shown, serde_json::json!(["block", "none", "none"]));
    cdp.send_raw(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": ""}),
    )
    .await
    .expect("screen media");
    // The SC person ranked first gets less once a low score makes them 不称职; still = pool.
    let open_sc = format!("#pool-table tbody tr:nth-child({sc}) button[data-action='open']");
    let person = format!("#alloc-persons tr[data-person='{staff}'] td[data-cell='total']");
    b.click(&open_sc).await;
    b.wait_text("#alloc-total", |t| t == "800,000.00").await;
    let before = b.text(&person).await;
    open_tab(&b, "scores", "#asm-grid tbody tr").await;
    type_cell(&b, &cell(r, P4), "10").await;
    b.wait_text(&row_cell(r, "grade"), |t| t == "不称职").await;
    open_tab(&b, "bonus", "#alloc-persons").await;
    b.wait_text("#alloc-total", |t| t == "800,000.00").await;
    let after = b.text(&person).await;
    let yuan = |s: &str| s.replace(',', "").parse::<f64>().expect("amount");
    assert!(yuan(&after) < yuan(&before), "{before} → {after}");
    assert_eq!(
        b.js("return document.getElementById('alloc-check').dataset.ok;")
            .await,
        serde_json::json!("true")
    );
    b.quit().await;
}

#[tokio::test]
async fn the_scheme_editor_checks_points_the_use_lists_show_deviations_and_a_visitor_only_reads() {
    let b = Browser::start(serve("")).await;
    b.open("/assessment").await;
    b.wait_css("#scheme-table tbody tr").await;
    b.wait_css("#indicator-view tbody tr").await;
    b.axe_check("schemes").await;
    b.screenshot("assessment-schemes").await;
    // A new scheme: two top-level indicators must add up to the total (BR-D3).
    b.click("#scheme-new").await;
    b.wait_css("#scheme-form").await;
    b.click("#indicator-add").await;
    b.click("#indicator-add").await;
    b.wait_css("#indicator-editor tbody tr:nth-child(2)").await;
    b.fill(
        "#indicator-editor tbody tr:nth-child(1) input[data-field='points']",
        "60",
    )
    .await;
    b.fill(
        "#indicator-editor tbody tr:nth-child(2) input[data-field='points']",
        "30",
    )
    .await;
    b.wait_css("#points-check[data-ok='false']").await;
    assert!(b.count("#points-problems li").await > 0);
    b.fill(
        "#indicator-editor tbody tr:nth-child(2) input[data-field='points']",
        "40",
    )
    .await;
    b.wait_css("#points-check[data-ok='true']").await;
    b.axe_check("scheme editor").await;
    b.screenshot("assessment-scheme-editor").await;
    b.click("#scheme-cancel").await;
    // Use of results: the lists of a graded scheme and the recorded uses, one off the list
    // with its deviation reason.
    b.click("#asm-tab-use").await;
    b.wait_css("#result-use").await;
    b.choose_label("#asm-scheme", "工贸园区在职人员").await;
    b.wait_css("#list-commendation tbody tr").await;
    b.wait_css("#uses-table tbody tr").await;
    let deviations = b
        .js("return [...document.querySelectorAll('#uses-table tbody tr td:nth-child(4)')].filter(td => td.textContent.trim() !== '').length;")
        .await;
    assert!(deviations.as_u64().unwrap_or(0) >= 1, "{deviations}");
    b.axe_check("use of results").await;
    b.screenshot("assessment-use").await;
    // A visitor office (BR-F3) sees the section without its editing controls.
    b.js(
        "const o=JSON.parse(localStorage.getItem('parkdesk.office')); o.role='VISITOR'; \
          localStorage.setItem('parkdesk.office', JSON.stringify(o));",
    )
    .await;
    b.reload().await;
    b.open("/assessment").await;
    b.wait_css("#page-assessment[data-read-only='true']").await;
    let hidden = b
        .js("return ['#scheme-new', \"#scheme-table button[data-action='edit']\"].map(s => getComputedStyle(document.querySelector(s)).display);")
        .await;
    assert_eq!(hidden, serde_json::json!(["none", "none"]));
    open_tab(&b, "scores", "#asm-grid tbody tr").await;
    assert_eq!(
        b.js("return document.getElementById('cell-0-3').readOnly;")
            .await,
        serde_json::json!(true)
    );
    b.quit().await;
}
