//! End-to-end tests of 督查 and 服务体系 (issue #6) against the built app in headless Chromium.

mod common;

use common::*;

/// Sets a date input the way a user's date picker does (value + input event).
async fn set_date(b: &Browser, css: &str, value: &str) {
    b.wait_css(css).await;
    b.js(&format!(
        "const i=document.querySelector({css:?}); i.value={value:?}; i.dispatchEvent(new Event('input',{{bubbles:true}})); i.dispatchEvent(new Event('change',{{bubbles:true}}));"
    ))
    .await;
}

async fn open_supervision() -> Browser {
    let b = Browser::start(serve("")).await;
    b.open("/supervision").await;
    b.wait_css("#campaign-table tbody tr").await;
    b
}

async fn attr(b: &Browser, css: &str, name: &str) -> String {
    b.js(&format!(
        "const e=document.querySelector({css:?}); return e ? e.getAttribute({name:?}) : null;"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the attribute of the element reads `want`.
async fn wait_attr(b: &Browser, css: &str, name: &str, want: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let got = attr(b, css, name).await;
        if got == want {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css} [{name}] stayed {got:?}, wanted {want:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_nominal_only_verdict_needs_evidence_then_its_order_goes_overdue_by_the_as_of_date() {
    let b = open_supervision().await;
    // A new campaign over all three parks, started on 2014-01-06.
    b.click("#campaign-new").await;
    b.fill("#campaign-title", "2014 年一季度放权督查（测试）")
        .await;
    set_date(&b, "#campaign-from", "2014-01-06").await;
    set_date(&b, "#campaign-to", "2014-01-31").await;
    b.click("#campaign-save").await;
    let row = "#campaign-table tbody tr[data-status='PLANNED']";
    b.wait_text(row, |t| t.contains("2014 年一季度")).await;
    set_date(&b, "#act-date", "2014-01-06").await;
    b.click(&format!("{row} button[data-next-status='FIELDWORK']"))
        .await;
    let row = "#campaign-table tbody tr[data-status='FIELDWORK']";
    let campaign = attr(&b, row, "data-id").await;
    b.click(&format!("{row} button[data-action='workspace']"))
        .await;
    // One step creates a pending check for every due delegation in scope.
    let missing: usize = b
        .wait_text("#missing-count", |t| {
            t.parse::<usize>().is_ok_and(|n| n > 0)
        })
        .await
        .parse()
        .expect("count");
    b.click("#generate-checks").await;
    b.wait_text("#check-count", |t| t == missing.to_string())
        .await;
    assert_eq!(b.text("#missing-count").await, "0");
    // Record 明放暗不放 on the first check without evidence: refused with BR-E4.
    let first = "#check-table tbody tr[data-verdict='']";
    let item = b.text(&format!("{first} th")).await;
    b.click(&format!("{first} button[data-action='open-check']"))
        .await;
    b.wait_css("#check-form").await;
    assert!(b.count("#check-hints").await == 1, "signals shown as hints");
    set_date(&b, "#check-date", "2014-01-10").await;
    b.choose("#check-verdict", "NOMINAL_ONLY").await;
    b.fill("#check-reason", "企业反映仍须到原部门办理").await;
    b.click("#check-save").await;
    let errors = b.text("#check-form .error-summary").await;
    assert!(
        errors.contains("BR-E4") && errors.contains("证据"),
        "{errors}"
    );
    assert_eq!(
        attr(&b, "#check-table tbody tr", "data-verdict").await,
        "",
        "nothing saved"
    );
    b.screenshot("supervision-check-refused").await;
    // With evidence the verdict is recorded.
    b.fill(
        "#check-evidence",
        "走访 3 家企业，均称须到原部门办理｜企业走访记录",
    )
    .await;
    b.click("#check-save").await;
    b.wait_css("#check-table tbody tr[data-verdict='NOMINAL_ONLY']")
        .await;
    b.screenshot("supervision-check-recorded").await;
    // The finding (draft, against the source department) and its draft order exist.
    b.click("#tab-findings").await;
    b.choose("#finding-campaign", &campaign).await;
    b.wait_text("#finding-count", |t| t == "1").await;
    let finding = "#finding-table tbody tr[data-category='NOMINAL_ONLY'][data-status='DRAFT']";
    let text = b.text(finding).await;
    let short = item.split_whitespace().nth(1).unwrap_or(&item).to_string();
    assert!(text.contains(&short), "{text} / {item}");
    assert!(text.contains("督改〔2014〕1号"), "{text}");
    b.click("#tab-orders").await;
    let order = "#order-table tbody tr[data-notice='督改〔2014〕1号']";
    wait_attr(&b, order, "data-status", "DRAFT").await;
    // Issue it on 2014-01-12: the deadline is 30 days later, 2014-02-11.
    set_date(&b, "#act-date", "2014-01-12").await;
    b.click(&format!("{order} button[data-action='open-order']"))
        .await;
    b.choose("#order-action", "ASSIGN").await;
    b.click("#order-act").await;
    wait_attr(&b, order, "data-current", "ASSIGNED").await;
    assert!(b.text(order).await.contains("2014-02-11"));
    // The list shows each order as of the view's date (2013-12-31 in the demo), so a step dated
    // later reads "now: assigned" until the as-of date reaches it.
    assert!(b.text(order).await.contains("现为：已交办"));
    // Overdue follows the as-of date: not on the deadline, overdue the day after, second
    // overdue 15 days after that.
    set_date(&b, "#as-of", "2014-02-11").await;
    wait_attr(&b, order, "data-status", "ASSIGNED").await;
    wait_attr(&b, order, "data-overdue", "NO").await;
    set_date(&b, "#as-of", "2014-02-12").await;
    wait_attr(&b, order, "data-overdue", "OVERDUE").await;
    assert!(b.text(order).await.contains("逾期"));
    set_date(&b, "#as-of", "2014-02-27").await;
    wait_attr(&b, order, "data-overdue", "SECOND").await;
    b.screenshot("supervision-order-overdue").await;
    b.quit().await;
}

#[tokio::test]
async fn the_demo_shows_the_campaign_comparison_red_black_list_and_yellow_card() {
    let b = open_supervision().await;
    b.screenshot("supervision-campaigns").await;
    // Orders as of 2013-12-31: 3 overdue, one yellow card; the second-overdue order without a
    // card warns (BR-E5).
    b.click("#tab-orders").await;
    b.wait_text("#overdue-count", |t| t == "3").await;
    assert_eq!(b.count("#order-table tbody tr[data-card='true']").await, 1);
    assert_eq!(
        b.count("#order-table tbody tr[data-overdue='SECOND']")
            .await,
        2
    );
    assert_eq!(
        b.count("#order-table tbody tr[data-status='CLOSED']").await,
        22
    );
    let carded = "#order-table tbody tr[data-card='true'] button[data-action='open-order']";
    b.click(carded).await;
    let detail = b.text(".order-detail").await;
    b.js("document.querySelector('.order-detail').scrollIntoView();")
        .await;
    assert!(
        detail.contains("黄牌") && detail.contains("已交办 → 整改中"),
        "{detail}"
    );
    b.screenshot("supervision-orders").await;
    // Metrics: 54.2% → 72.9% strict, red and black lists.
    b.click("#tab-metrics").await;
    let compare = b.text("#campaign-compare-table").await;
    assert!(
        compare.contains("54.2%") && compare.contains("72.9%") && compare.contains("+18.8"),
        "{compare}"
    );
    assert!(b.count("#red-black tr[data-list='RED']").await > 0);
    assert!(b.count("#red-black tr[data-list='BLACK']").await > 0);
    assert_eq!(b.text("#sup-yellow").await, "1");
    b.screenshot("supervision-metrics").await;
    b.js("document.getElementById('sup-metrics').scrollIntoView();")
        .await;
    b.screenshot("supervision-metrics-campaign").await;
    // Accountability: three actions; deductions 2 and 1 reach the 2013 assessment.
    b.click("#tab-accountability").await;
    assert_eq!(b.count("#action-table tbody tr[data-id]").await, 3);
    let deductions = b.text("#deduction-table").await;
    assert!(
        deductions.contains("区国土资源局") && deductions.contains("2013"),
        "{deductions}"
    );
    b.screenshot("supervision-accountability").await;
    // Findings: two repeat findings await accountability (BR-E6); one step proposes both.
    b.click("#tab-findings").await;
    b.wait_text("#propose-accountability", |t| t.contains("(2)"))
        .await;
    b.screenshot("supervision-findings").await;
    b.click("#propose-accountability").await;
    b.wait_text("#propose-accountability", |t| t.contains("(0)"))
        .await;
    b.click("#tab-accountability").await;
    b.wait_text("#action-table tbody", |t| t.matches("线索").count() == 2)
        .await;
    // The check workspace shows the signals beside a check.
    b.click("#tab-checks").await;
    b.click("#check-table tbody tr[data-verdict='DISCOUNTED'] button[data-action='open-check']")
        .await;
    let hints = b.text("#check-hints").await;
    assert!(hints.contains("信号"), "{hints}");
    b.js("document.querySelector('.check-detail').scrollIntoView();")
        .await;
    b.screenshot("supervision-workspace").await;
    b.quit().await;
}

#[tokio::test]
async fn an_order_goes_through_feedback_rejection_and_review_to_closure() {
    let b = open_supervision().await;
    b.click("#tab-orders").await;
    b.choose("#order-filter", "OPEN").await;
    // An in-progress order of the December campaign (not overdue).
    let row = "#order-table tbody tr[data-status='IN_PROGRESS'][data-overdue='NO']";
    let notice = attr(&b, row, "data-notice").await;
    let me = format!("#order-table tbody tr[data-notice='{notice}']");
    b.click(&format!("{me} button[data-action='open-order']"))
        .await;
    // Keep the order in view once it is closed.
    b.choose("#order-filter", "ALL").await;
    set_date(&b, "#act-date", "2013-12-28").await;
    // Feedback needs measures and evidence.
    b.choose("#order-action", "SUBMIT").await;
    b.fill("#order-text", "已由园区独立办理").await;
    b.click("#order-act").await;
    assert!(
        b.text("#order-step-form .error-summary")
            .await
            .contains("证明材料")
    );
    b.fill("#order-evidence", "整改报告、停止受理通知").await;
    b.click("#order-act").await;
    wait_attr(&b, &me, "data-status", "SUBMITTED").await;
    // A rejection needs a comment and sends it back.
    b.choose("#order-action", "REVIEW").await;
    b.fill("#order-reviewer", "督查组长").await;
    b.click("#order-pass").await;
    b.click("#order-act").await;
    assert!(
        b.text("#order-step-form .error-summary")
            .await
            .contains("复核意见")
    );
    b.fill("#order-text", "缺少书面通知").await;
    b.click("#order-act").await;
    wait_attr(&b, &me, "data-status", "IN_PROGRESS").await;
    b.choose("#order-action", "SUBMIT").await;
    b.fill("#order-text", "补充书面通知").await;
    b.fill("#order-evidence", "停止受理通知").await;
    b.click("#order-act").await;
    wait_attr(&b, &me, "data-status", "SUBMITTED").await;
    b.choose("#order-action", "REVIEW").await;
    b.fill("#order-reviewer", "督查组长").await;
    b.click("#order-act").await;
    wait_attr(&b, &me, "data-status", "CLOSED").await;
    let history = b.text(".order-detail .history").await;
    assert!(
        history.contains("已反馈待复核 → 整改中") && history.contains("已反馈待复核 → 已销号"),
        "{history}"
    );
    // Undo takes the closure back.
    b.click("#undo").await;
    wait_attr(&b, &me, "data-status", "SUBMITTED").await;
    b.quit().await;
}

#[tokio::test]
async fn the_service_system_shows_review_list_missing_categories_and_unserved_items() {
    let b = Browser::start(serve("")).await;
    b.open("/services").await;
    b.wait_css("#dev-table tbody tr").await;
    assert_eq!(b.count("#dev-table tbody tr").await, 3);
    assert!(b.text("#cross-held").await.contains("干部GM-004"));
    assert!(b.text("#unserved-table").await.contains("临时救助"));
    let sc = "#institution-summary tr[data-missing='SUPERVISION']";
    assert!(b.text(sc).await.contains("水长"));
    b.screenshot("services").await;
    // Adopting SC's 督查 rule clears the gap.
    b.click("#institution-new").await;
    b.fill("#institution-title", "工作督查督办制度").await;
    b.choose("#institution-category", "SUPERVISION").await;
    b.choose("#institution-status", "IN_FORCE").await;
    set_date(&b, "#institution-from", "2013-12-01").await;
    b.click("#institution-save").await;
    b.wait_text("#institution-summary", |t| !t.contains("督查"))
        .await;
    assert_eq!(
        b.count("#institution-summary tr[data-missing='SUPERVISION']")
            .await,
        0
    );
    // The section is in the navigation and reads in English too.
    b.click("#lang-switch").await;
    b.wait_text("#nav-services", |t| t == "Service system")
        .await;
    b.screenshot("services-en").await;
    b.click("#nav-supervision").await;
    b.wait_text("#tab-metrics", |t| t == "Metrics & lists")
        .await;
    b.click("#tab-metrics").await;
    assert!(
        b.text("#campaign-compare")
            .await
            .contains("Campaign comparison")
    );
    b.screenshot("supervision-en").await;
    b.quit().await;
}
