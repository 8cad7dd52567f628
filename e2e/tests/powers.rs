//! End-to-end tests of 权力下放 (issue #3) against the built app in headless Chromium.

mod common;

use common::*;

async fn open_powers() -> Browser {
    let b = Browser::start(serve("")).await;
    b.open("/powers").await;
    b.wait_css("#delegation-table tbody tr").await;
    b
}

fn matrix_cell(park_row: usize, category: &str) -> String {
    format!("#matrix tbody tr:nth-child({park_row}) button[data-category='{category}']")
}

/// Ticks a catalogue item by its code.
async fn tick(b: &Browser, code: &str) {
    b.click(&format!(
        "#catalogue-table tr[data-code='{code}'] input[type=checkbox]"
    ))
    .await;
}

#[tokio::test]
async fn the_demo_shows_matrix_metrics_and_signals_with_their_sources() {
    let b = open_powers().await;
    assert!(b.text("#pw-rate-strict").await.ends_with('%'));
    assert_eq!(b.text("#catalogue-count").await, "25");
    // GM (row 2) keeps the issuance link of a planning licence: the detail shows the signal and its rule.
    b.click(&matrix_cell(2, "ECONOMIC")).await;
    b.wait_css("#clear-filter").await;
    let row = "#delegation-table tbody tr[data-status='PROBLEM'] button[data-action='detail']";
    b.click(row).await;
    let detail = b.text(".detail").await;
    assert!(
        detail.contains("BR-B10") && detail.contains("打折放权"),
        "{detail}"
    );
    b.screenshot("powers-demo").await;
    b.quit().await;
}

#[tokio::test]
async fn a_delegation_outside_entrusted_townships_is_blocked_with_the_rule() {
    let b = open_powers().await;
    let before = b.text("#delegation-count").await;
    tick(&b, "JF01002000").await; // 临时救助: a social item
    let county = b.js("return [...document.querySelectorAll('#batch-grantor option')].find(o => o.textContent.startsWith('隆阳区')).value;").await;
    b.choose("#batch-grantor", county.as_str().expect("county"))
        .await;
    b.fill("#batch-doc-title", "测试文件").await;
    // Before any township was entrusted to the park there is no territory to exercise it in.
    b.js("const i = document.getElementById('batch-from'); i.value = '2012-01-01'; i.dispatchEvent(new Event('input', {bubbles: true}));").await;
    b.click("#batch-save").await;
    let errors = b.text("#batch-errors").await;
    assert!(
        errors.contains("BR-B2") && errors.contains("托管乡镇"),
        "{errors}"
    );
    assert_eq!(b.text("#delegation-count").await, before, "nothing saved");
    b.quit().await;
}

#[tokio::test]
async fn a_batch_by_one_document_changes_the_matrix_and_the_rates() {
    let b = open_powers().await;
    let cell = matrix_cell(2, "ECONOMIC");
    let before: usize = b.text(&cell).await.parse().expect("count");
    let coverage_before = b.text("#pw-coverage").await;
    tick(&b, "XK00102000").await;
    tick(&b, "QT00601000").await;
    assert_eq!(b.text("#batch-selected").await, "2");
    let gm = b.js("return [...document.querySelectorAll('#batch-park option')].find(o => o.textContent === '保山工贸园区').value;").await;
    b.choose("#batch-park", gm.as_str().expect("park")).await;
    b.fill("#batch-doc-no", "示例〔2013〕5号").await;
    b.fill("#batch-doc-title", "关于下放第二批管理权限的决定（测试）")
        .await;
    b.choose("#batch-stage", "HANDED_OVER").await;
    b.fill("#batch-need", "园区项目集中").await;
    b.click("#batch-save").await;
    b.wait_text(&cell, |t| t.parse::<usize>().ok() == Some(before + 2))
        .await;
    assert_ne!(
        b.text("#pw-coverage").await,
        coverage_before,
        "two more due delegations, not yet inspected"
    );
    assert!(
        b.text("#catalogue-table tr[data-code='XK00102000']")
            .await
            .contains("保山工贸园区")
    );
    // One undo takes the whole batch back.
    b.click("#undo").await;
    b.wait_text(&cell, |t| t.parse::<usize>().ok() == Some(before))
        .await;
    b.quit().await;
}

#[tokio::test]
async fn lifecycle_steps_follow_the_state_machine_and_are_recorded() {
    let b = open_powers().await;
    b.click("#delegation-table tbody tr[data-status='IN_FORCE'] button[data-action='detail']")
        .await;
    b.click(".detail button[data-next-lifecycle='SUSPENDED']")
        .await;
    b.wait_text(".detail .history", |t| t.contains("已下放 → 暂停"))
        .await;
    b.quit().await;
}

#[tokio::test]
async fn a_catalogue_csv_is_imported_all_or_nothing_with_row_errors() {
    let b = open_powers().await;
    let bad = temp_file(
        "bad.csv",
        "事项编码,事项名称,事项类型,权限类别,职能领域,权限层级\nXK09901000,测试许可,行政许可,经济管理,发改,市\nXK09902000,,行政许可,社会管理,发改,省\n",
    );
    b.wait_css("#catalogue-csv")
        .await
        .send_keys(bad.display().to_string())
        .await
        .expect("choose");
    let errors = b.text("#csv-errors").await;
    assert!(
        errors.contains("第 3 行") && errors.contains("事项名称"),
        "{errors}"
    );
    assert_eq!(b.text("#catalogue-count").await, "25");
    let good = temp_file(
        "good.csv",
        "事项编码,事项名称,事项类型,权限类别,职能领域,权限层级,办理环节\nXK09901000,测试许可,行政许可,经济管理,发改,市,受理、审查、决定\n",
    );
    b.wait_css("#catalogue-csv")
        .await
        .send_keys(good.display().to_string())
        .await
        .expect("choose");
    b.click("#csv-confirm").await;
    b.wait_text("#catalogue-count", |t| t == "26").await;
    b.quit().await;
}

#[tokio::test]
async fn the_editor_records_cases_and_the_signal_follows() {
    let b = open_powers().await;
    b.click("#delegation-table tbody tr[data-status='IN_FORCE'] button[data-action='detail']")
        .await;
    assert!(!b.text(".detail .violations").await.contains("BR-B9"));
    b.click("details.editor > summary").await;
    b.fill("#ed-cases", "2013/11 1 3").await;
    b.click("#editor-save").await;
    assert!(
        b.text(".field-error[data-field='cases']")
            .await
            .contains("第 1 行")
    );
    b.fill("#ed-cases", "2013-11,1,3").await;
    b.click("#editor-save").await;
    b.wait_text(".detail .violations", |t| {
        t.contains("BR-B9") && t.contains("明放暗不放")
    })
    .await;
    b.screenshot("powers-editor").await;
    b.quit().await;
}

#[tokio::test]
async fn the_metric_scope_narrows_the_figures() {
    let b = open_powers().await;
    let city: usize = b.text("#pw-due").await.parse().expect("due");
    b.choose("#metric-scope", "CAT:SOCIAL").await;
    let social: usize = b
        .wait_text("#pw-due", |t| t.parse::<usize>().is_ok_and(|n| n != city))
        .await
        .parse()
        .expect("due");
    assert!(social > 0 && social < city);
    b.quit().await;
}
