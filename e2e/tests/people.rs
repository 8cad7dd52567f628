//! End-to-end tests of 机构编制 and 人员 (issue #4) against the built app in headless Chromium.

mod common;

use common::*;

async fn open(path: &str) -> Browser {
    let b = Browser::start(serve("")).await;
    b.open(path).await;
    b
}

#[tokio::test]
async fn the_demo_shows_bodies_indices_and_the_ledger_in_both_views() {
    let b = open("/org").await;
    // GM: six bodies against a limit of six; its 招商合作局 is the single-domain teaching case.
    assert_eq!(
        b.text("#org-indices tr[data-park='GM'] td[data-cell='bodies']")
            .await,
        "6 / 6"
    );
    let row = b
        .text("#org-table tr[data-name='工贸园区招商合作局']")
        .await;
    assert!(row.contains("BR-C7") && row.contains("对口设置"), "{row}");
    b.screenshot("org-bodies").await;
    b.click("#org-tab-ledger").await;
    // GM-T1's agricultural centre: 15 approved, 17 occupied, 超编 2.
    let over = b.text("#ledger-table tr[data-over='2']").await;
    assert!(
        over.contains("示例镇丙农业综合服务中心") && over.contains("15") && over.contains("17"),
        "{over}"
    );
    assert_eq!(b.text("#ledger-occupied").await, "510");
    assert_eq!(b.text("#ledger-over").await, "2");
    b.screenshot("org-ledger").await;
    // On paper: no navigation, tabs or buttons, and the sample mark.
    let cdp = b.driver.cdp();
    cdp.send_raw(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    )
    .await
    .expect("print media");
    let hidden = b
        .js("return ['.sidenav', '#org-tab', '#ledger-print', '.topbar-actions'].map(s => getComputedStyle(document.querySelector(s)).display);")
        .await;
    assert_eq!(hidden, serde_json::json!(["none", "none", "none", "none"]));
    assert_ne!(
        b.js("return getComputedStyle(document.querySelector('.sample-print')).display;")
            .await,
        serde_json::json!("none")
    );
    b.screenshot("org-ledger-print").await;
    cdp.send_raw(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": ""}),
    )
    .await
    .expect("screen media");
    // 使用口径: the 20 contract staff are listed apart.
    b.click("#ledger-view-use").await;
    b.wait_text("#ledger-non-quota", |t| t == "20").await;
    // CSV for Excel: BOM, header, the over-quota line.
    b.click("#ledger-csv").await;
    let csv = std::fs::read_to_string(b.downloaded("csv").await).expect("csv");
    assert!(csv.starts_with("\u{feff}园区,乡镇,单位"), "BOM and header");
    assert!(csv.contains("使用口径"));
    b.quit().await;
}

#[tokio::test]
async fn a_small_org_with_people_over_its_quota_is_flagged() {
    let b = open("/org").await;
    // A new internal body of GM covering two domains.
    b.click("#org-new").await;
    b.fill("#org-name", "测试综合局").await;
    b.choose_label("#org-park", "保山工贸园区").await;
    b.tick_label("#org-domains", "发改").await;
    b.tick_label("#org-domains", "商务").await;
    b.click("#org-save").await;
    b.wait_css("#org-table tr[data-name='测试综合局']").await;
    // Two 行政编 from 2013.
    b.click("#org-tab-quotas").await;
    b.click("#quota-new").await;
    b.choose_label("#quota-org", "测试综合局").await;
    b.fill("#quota-approved", "2").await;
    b.set("#quota-from", "2013-01-01").await;
    b.click("#quota-save").await;
    b.wait_text("#quota-table", |t| t.contains("测试综合局"))
        .await;
    // Three people seated there.
    b.click("#nav-people").await;
    b.set("#roster-search", "PER-T").await;
    for (no, name) in [
        ("PER-T-001", "测试甲"),
        ("PER-T-002", "测试乙"),
        ("PER-T-003", "测试丙"),
    ] {
        b.click("#person-new").await;
        b.fill("#person-staff-no", no).await;
        b.fill("#person-name", name).await;
        b.set("#pl-from", "2013-03-01").await;
        b.choose_label("#pl-seat", "测试综合局").await;
        b.choose("#pl-type", "ADMIN").await;
        b.choose_label("#pl-work", "测试综合局").await;
        b.click("#person-save").await;
        b.wait_css(&format!("#roster-table tr[data-staff-no='{no}']"))
            .await;
    }
    // A personal number is refused where it is typed.
    b.click("#person-new").await;
    b.fill("#person-staff-no", "13800138000").await;
    b.fill("#person-name", "测试丁").await;
    b.choose_label("#pl-work", "测试综合局").await;
    b.click("#person-save").await;
    assert!(b.text("#form-errors").await.contains("BR-F2"));
    b.click("#person-cancel").await;
    // The ledger and the unit show 超编 1 (BR-C1); GM now has seven bodies for six.
    b.click("#nav-org").await;
    let row = b.text("#org-table tr[data-name='测试综合局']").await;
    assert!(row.contains("BR-C1") && row.contains("超编 1 人"), "{row}");
    assert_eq!(
        b.text("#org-indices tr[data-park='GM'] td[data-cell='bodies']")
            .await,
        "7 / 6"
    );
    b.click("#org-tab-ledger").await;
    let over = b.text("#ledger-table tr[data-over='1']").await;
    assert!(
        over.contains("测试综合局") && over.contains("超编"),
        "{over}"
    );
    assert_eq!(b.text("#ledger-over").await, "3", "2 in the demo + 1");
    b.screenshot("org-over-quota").await;
    b.quit().await;
}

async fn next_step(b: &Browser, to: &str) {
    b.click("#campaign-next").await;
    b.wait_css(&format!("#campaign-status[data-status='{to}']"))
        .await;
}

async fn save_grid(b: &Browser) {
    b.click("#score-save").await;
    b.wait_text("#toast", |t| t.contains("修改")).await;
}

#[tokio::test]
async fn a_selection_campaign_runs_to_an_appointment() {
    let b = open("/people").await;
    b.click("#ppl-tab-selection").await;
    b.click("#campaign-new").await;
    b.fill("#campaign-title", "工贸园区2013年12月竞争上岗（测试）")
        .await;
    b.choose_label("#campaign-park", "保山工贸园区").await;
    b.tick_label("#campaign-posts", "分管建设").await;
    b.click("#campaign-save").await;
    b.wait_css("#campaign-status[data-status='DRAFT']").await;
    // Stages go in order; candidates register.
    next_step(&b, "ANNOUNCED").await;
    next_step(&b, "REGISTRATION").await;
    for no in ["PER-GM-0060", "PER-GM-0061", "PER-GM-0062"] {
        b.js("document.querySelector('#candidate-add').open = true;")
            .await;
        b.set("#cand-person-search", no).await;
        b.choose_label("#cand-person", no).await;
        b.click("#cand-add").await;
        b.wait_text("#score-grid", |t| t.contains(&no[4..])).await;
    }
    next_step(&b, "ELIGIBILITY_REVIEW").await;
    for i in 0..3 {
        b.choose(&format!("#score-{i}-eligible"), "Y").await;
    }
    save_grid(&b).await;
    next_step(&b, "WRITTEN_EXAM").await;
    for (i, s) in ["86", "79", "81"].iter().enumerate() {
        b.set(&format!("#score-{i}-written"), s).await;
    }
    save_grid(&b).await;
    next_step(&b, "INTERVIEW").await;
    for (i, s) in ["84", "80", "88"].iter().enumerate() {
        b.set(&format!("#score-{i}-interview"), s).await;
    }
    save_grid(&b).await;
    next_step(&b, "DEMOCRATIC_EVAL").await;
    for (i, votes) in [[18, 10, 2, 0], [10, 16, 3, 1], [15, 13, 2, 0]]
        .iter()
        .enumerate()
    {
        for (name, v) in ["excellent", "competent", "basic", "incompetent"]
            .iter()
            .zip(votes)
        {
            b.set(&format!("#score-{i}-{name}"), &v.to_string()).await;
        }
    }
    save_grid(&b).await;
    next_step(&b, "RANKED").await;
    // 0.3 × 86 + 0.4 × 84 + 0.3 × 90.67 = 86.601 ranks first.
    assert_eq!(
        b.text("#score-grid tr[data-rank='1'] td[data-cell='composite']")
            .await,
        "86.601"
    );
    next_step(&b, "VETTING").await;
    // Vetting 2:1 by composite: candidates 1 and 3 go on.
    assert_eq!(
        b.count("#score-grid tr[data-standing='NOT_SHORTLISTED']")
            .await,
        1
    );
    b.choose("#score-0-vetting", "Y").await;
    b.choose("#score-2-vetting", "Y").await;
    save_grid(&b).await;
    next_step(&b, "DECIDED").await;
    b.click("#score-0-proposed").await;
    save_grid(&b).await;
    b.set("#publicity-start", "2013-12-02").await;
    b.click("#publicity-save").await;
    b.wait_text("#publicity-end", |t| t == "2013-12-06").await;
    next_step(&b, "PUBLICITY").await;
    // On the last day of publicity the appointment is refused (BR-C10) …
    b.set(
        "#proposed-table input[data-field='appoint-from']",
        "2013-12-06",
    )
    .await;
    b.click("#proposed-table button[data-action='appoint']")
        .await;
    let errors = b.text("#campaign-errors").await;
    assert!(
        errors.contains("BR-C10") && errors.contains("2013-12-06"),
        "{errors}"
    );
    b.screenshot("selection-workspace").await;
    // … and goes through on the next working day, linked to the campaign.
    b.set(
        "#proposed-table input[data-field='appoint-from']",
        "2013-12-09",
    )
    .await;
    b.click("#proposed-table button[data-action='appoint']")
        .await;
    b.wait_css("#campaign-status[data-status='APPOINTED']")
        .await;
    assert_eq!(
        b.text("#proposed-table [data-appointed]").await,
        "已任职，自 2013-12-09"
    );
    b.click("#ppl-tab-posts").await;
    let row = b.text("#appointment-table").await;
    assert!(
        row.contains("工贸园区2013年12月竞争上岗（测试）"),
        "linked in the appointment list"
    );
    b.quit().await;
}

#[tokio::test]
async fn a_roster_csv_is_imported_all_or_nothing_with_row_and_column_errors() {
    let b = open("/people").await;
    let before: usize = b.text("#roster-count").await.parse().expect("count");
    let bad = temp_file(
        "roster-bad.csv",
        "\u{feff}人员编号,姓名,人员身份,编制单位,编制类型,工作单位,起始日期\r\n\
         PER-N-001,新甲,公务员,工贸园区招商合作局,行政编制,工贸园区招商合作局,2013/12/1\r\n\
         PER-N-002,新乙,公务员,,,不存在的单位,2013-12-01\r\n",
    );
    b.wait_css("#roster-csv")
        .await
        .send_keys(bad.display().to_string())
        .await
        .expect("choose");
    let errors = b.text("#roster-csv-errors").await;
    assert!(errors.contains("第 3 行“工作单位”列"), "{errors}");
    assert_eq!(
        b.text("#roster-count").await,
        before.to_string(),
        "nothing imported"
    );
    let good = temp_file(
        "roster-good.csv",
        "人员编号,姓名,人员身份,编制单位,编制类型,工作单位,起始日期\n\
         PER-N-001,新甲,公务员,工贸园区招商合作局,行政编制,工贸园区招商合作局,2013/12/1\n\
         PER-N-002,\"新乙, 小\",编外聘用,,,工贸园区招商合作局,2013-12-01\n",
    );
    b.wait_css("#roster-csv")
        .await
        .send_keys(good.display().to_string())
        .await
        .expect("choose");
    assert!(b.text("#roster-csv-preview").await.starts_with('2'));
    b.click("#roster-csv-confirm").await;
    b.wait_text("#roster-count", |t| t == (before + 2).to_string())
        .await;
    b.set("#roster-search", "PER-N").await;
    b.wait_text("#roster-count", |t| t == "2").await;
    assert!(
        b.text("#roster-table tr[data-staff-no='PER-N-002']")
            .await
            .contains("新乙, 小")
    );
    b.set("#roster-search", "").await;
    b.screenshot("people-roster").await;
    // One undo takes the whole import back.
    b.click("#undo").await;
    b.wait_text("#roster-count", |t| t == before.to_string())
        .await;
    b.quit().await;
}
