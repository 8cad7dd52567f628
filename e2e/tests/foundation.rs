//! End-to-end tests of the foundation slice, driving the built app in headless Chromium.

mod common;

use common::*;

async fn fresh(mount: &'static str) -> Browser {
    Browser::start(serve(mount)).await
}

#[tokio::test]
async fn first_open_shows_badged_demo_data_in_chinese_and_saves_it() {
    let b = fresh("").await;
    b.open("/").await;
    assert_eq!(b.wait_text("#metric-parks", |t| t == "3").await, "3");
    assert_eq!(b.text("#metric-whole-rate").await, "100.0%");
    assert_eq!(b.text("#metric-integration").await, "83.3%");
    assert_eq!(b.text("#nav-overview").await, "总览", "Chinese first");
    assert!(b.text("#sample-notice").await.contains("SAMPLE"));
    // The open issue teaches BR-A8 with its source sentence and names its record.
    let a8 = b.text(".violations li[data-rule='BR-A8']").await;
    assert!(
        a8.contains("S1.4") && a8.contains("水长工业园区 ← 示例乡乙"),
        "{a8}"
    );
    b.click("#nav-parks").await;
    b.wait_css("#park-table tbody tr").await;
    assert_eq!(b.count("#park-table tbody tr").await, 3);
    assert_eq!(
        b.count("#township-table [data-provenance='SAMPLE']").await,
        6,
        "every sample township is badged"
    );
    b.wait_saved().await;
    assert!(
        b.stored_json("parkdesk.state")
            .await
            .is_some_and(|s| s.contains("parkdesk-snapshot")),
        "demo saved into the empty store"
    );
    b.screenshot("foundation-first-open").await;
    b.quit().await;
}

#[tokio::test]
async fn a_created_park_survives_a_reload_and_is_audited() {
    let b = fresh("").await;
    b.open("/parks").await;
    b.click("#park-new").await;
    b.fill("#park-name_zh", "示例新园区").await;
    b.fill("#park-name_en", "New Sample Park").await;
    b.fill("#park-short_code", "NEW").await;
    b.fill("#park-area", "12.5").await;
    b.click("#park-save").await;
    b.wait_css("#park-table tr[data-code='NEW']").await;
    b.wait_saved().await;
    b.reload().await;
    let row = b.text("#park-table tr[data-code='NEW']").await;
    assert!(row.contains("示例新园区") && row.contains("12.5"), "{row}");
    b.click("#nav-data").await;
    assert!(
        b.text("#audit-table")
            .await
            .contains("新增园区“示例新园区”")
    );
    b.quit().await;
}

#[tokio::test]
async fn invalid_input_shows_located_messages_and_changes_nothing() {
    let b = fresh("").await;
    b.open("/parks").await;
    // Empty name and a bad short code: both fields are marked.
    b.click("#park-new").await;
    b.fill("#park-short_code", "gm!").await;
    b.click("#park-save").await;
    assert!(
        b.text(".field-error[data-field='name_zh']")
            .await
            .contains("不能为空")
    );
    assert!(
        b.text(".field-error[data-field='short_code']")
            .await
            .contains("简码")
    );
    b.click("#park-cancel").await;
    // An entrustment whose entrusting county is not the township's own (BR-A3) is blocked.
    b.click("#county-new").await;
    b.fill("#county-name", "另一县").await;
    b.click("#county-save").await;
    b.wait_css("#county-table tbody tr:nth-child(3)").await;
    let other = b.js("return [...document.querySelectorAll('#county-table tbody tr')].find(r => r.textContent.includes('另一县')).dataset.id;").await;
    let before = b.count("#entrustment-table tbody tr").await;
    b.click("#entrustment-new").await;
    b.choose("#entrustment-county", other.as_str().expect("id"))
        .await;
    b.fill("#entrustment-doc-title", "测试决定").await;
    b.click("#entrustment-save").await;
    let msg = b.text("#entrustment-form #form-errors").await;
    assert!(
        msg.contains("BR-A3") && msg.contains("委托方必须是乡镇所属县区"),
        "{msg}"
    );
    assert_eq!(b.count("#entrustment-table tbody tr").await, before);
    b.quit().await;
}

#[tokio::test]
async fn undo_and_redo_from_the_toolbar_and_keyboard() {
    let b = fresh("").await;
    b.open("/parks").await;
    b.click("#county-new").await;
    b.fill("#county-name", "撤销测试县").await;
    b.click("#county-save").await;
    b.wait_text("#county-table", |t| t.contains("撤销测试县"))
        .await;
    b.click("#undo").await;
    b.wait_text("#county-table", |t| !t.contains("撤销测试县"))
        .await;
    b.click("#redo").await;
    b.wait_text("#county-table", |t| t.contains("撤销测试县"))
        .await;
    // Ctrl+Z outside a text field undoes too.
    b.js("document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'z', ctrlKey: true, bubbles: true}));").await;
    b.wait_text("#county-table", |t| !t.contains("撤销测试县"))
        .await;
    b.quit().await;
}

#[tokio::test]
async fn export_then_import_gives_the_same_state_and_the_backup_restores() {
    let b = fresh("").await;
    b.open("/data").await;
    b.click("#export-button").await;
    let file = b.downloaded_file().await;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    assert!(
        name.starts_with("parkdesk-本机-") && name.ends_with(".json"),
        "{name}"
    );
    let exported = std::fs::read_to_string(&file).expect("read export");
    assert!(exported.contains("\"format\": \"parkdesk-snapshot\""));
    // Change something, then import the earlier file.
    b.open("/parks").await;
    b.click("#county-new").await;
    b.fill("#county-name", "导入后应消失县").await;
    b.click("#county-save").await;
    b.wait_text("#county-table", |t| t.contains("导入后应消失县"))
        .await;
    b.wait_saved().await;
    b.open("/data").await;
    b.wait_css("#import-file")
        .await
        .send_keys(file.display().to_string())
        .await
        .expect("choose file");
    let preview = b.text("#import-preview").await;
    assert!(preview.contains("本机"), "{preview}");
    assert_eq!(b.text("#import-counts tr[data-kind='parks'] td").await, "3");
    // Nothing changed before confirming.
    assert!(
        b.stored_json("parkdesk.state")
            .await
            .is_some_and(|s| s.contains("导入后应消失县"))
    );
    b.click("#import-confirm").await;
    b.wait_css("#import-done").await;
    b.open("/parks").await;
    b.wait_css("#county-table tbody tr").await;
    assert!(!b.text("#county-table").await.contains("导入后应消失县"));
    // Same state: exporting again gives the same records.
    b.open("/data").await;
    std::fs::remove_file(&file).expect("clear downloads");
    b.click("#export-button").await;
    let again = std::fs::read_to_string(b.downloaded_file().await).expect("read");
    let records =
        |s: &str| serde_json::from_str::<serde_json::Value>(s).expect("json")["records"].clone();
    assert_eq!(records(&again), records(&exported));
    // One click restores the data from before the import.
    b.click("#restore-backup").await;
    b.open("/parks").await;
    b.wait_text("#county-table", |t| t.contains("导入后应消失县"))
        .await;
    b.quit().await;
}

#[tokio::test]
async fn a_broken_or_newer_file_is_refused_with_a_located_error() {
    let b = fresh("").await;
    b.open("/data").await;
    b.wait_saved().await;
    let before = b.storage("parkdesk.state").await;
    let broken = temp_file(
        "broken.json",
        "{\n  \"format\": \"parkdesk-snapshot\",\n  \"schema_version\": 1,\n  oops\n}",
    );
    b.wait_css("#import-file")
        .await
        .send_keys(broken.display().to_string())
        .await
        .expect("choose");
    let err = b.text("#import-error").await;
    assert!(
        err.contains("第 4 行") && err.contains("没有任何改变"),
        "{err}"
    );
    assert_eq!(b.count("#import-confirm").await, 0);
    let newer = temp_file(
        "newer.json",
        "{\"format\": \"parkdesk-snapshot\", \"schema_version\": 99}",
    );
    b.wait_css("#import-file")
        .await
        .send_keys(newer.display().to_string())
        .await
        .expect("choose");
    b.wait_text("#import-error", |t| t.contains("请更新应用"))
        .await;
    assert_eq!(b.storage("parkdesk.state").await, before, "state unchanged");
    b.quit().await;
}

#[tokio::test]
async fn a_file_dropped_on_the_page_is_previewed() {
    let b = fresh("").await;
    b.open("/").await;
    b.wait_saved().await;
    let text = b.stored_json("parkdesk.state").await.expect("state");
    let snapshot =
        serde_json::from_str::<serde_json::Value>(&text).expect("json")["snapshot"].to_string();
    b.js(&format!(
        "const dt = new DataTransfer(); dt.items.add(new File([{snapshot:?}], 'dropped.json', {{type: 'application/json'}}));
         window.dispatchEvent(new DragEvent('drop', {{dataTransfer: dt, bubbles: true, cancelable: true}}));"
    )).await;
    assert!(b.text("#import-preview").await.contains("dropped.json"));
    b.quit().await;
}

#[tokio::test]
async fn the_language_switch_is_live_and_remembered() {
    let b = fresh("").await;
    b.open("/").await;
    b.click("#lang-switch").await;
    b.wait_text("#nav-overview", |t| t == "Overview").await;
    assert!(b.text("#page-overview h1").await.contains("Overview"));
    b.reload().await;
    assert_eq!(
        b.wait_text("#nav-overview", |t| t == "Overview").await,
        "Overview"
    );
    b.click("#lang-switch").await;
    b.wait_text("#nav-overview", |t| t == "总览").await;
    b.quit().await;
}

#[tokio::test]
async fn an_unreadable_stored_value_is_kept_and_never_overwritten() {
    let b = fresh("").await;
    b.open("/").await;
    b.js("localStorage.setItem('parkdesk.state', '{\"snapshot\": broken');")
        .await;
    b.reload().await;
    let banner = b.text("#banner-unreadable").await;
    assert!(banner.contains("无法读取"), "{banner}");
    let keys = b
        .js("return Object.keys(localStorage).filter(k => k.startsWith('parkdesk.unreadable.'));")
        .await;
    let key = keys[0].as_str().expect("backup key").to_string();
    assert_eq!(
        b.storage(&key).await.as_deref(),
        Some("{\"snapshot\": broken")
    );
    assert_eq!(
        b.storage("parkdesk.state").await.as_deref(),
        Some("{\"snapshot\": broken"),
        "not overwritten by defaults"
    );
    // No demo over existing (unreadable) data; the user can load it explicitly.
    assert_eq!(b.text("#metric-parks").await, "0");
    b.quit().await;
}

#[tokio::test]
async fn a_second_tab_follows_the_first_instead_of_overwriting_it() {
    let b = fresh("").await;
    b.open("/parks").await;
    b.wait_saved().await;
    let first = b.driver.window().await.expect("window");
    let second = b.driver.new_tab().await.expect("tab");
    b.driver
        .switch_to_window(second.clone())
        .await
        .expect("switch");
    b.open("/parks").await;
    b.driver
        .switch_to_window(first.clone())
        .await
        .expect("switch");
    b.click("#county-new").await;
    b.fill("#county-name", "甲标签页县").await;
    b.click("#county-save").await;
    b.wait_saved().await;
    b.driver.switch_to_window(second).await.expect("switch");
    b.wait_text("#county-table", |t| t.contains("甲标签页县"))
        .await;
    b.click("#county-new").await;
    b.fill("#county-name", "乙标签页县").await;
    b.click("#county-save").await;
    b.wait_saved().await;
    b.driver.switch_to_window(first).await.expect("switch");
    b.reload().await;
    let t = b.text("#county-table").await;
    assert!(t.contains("甲标签页县") && t.contains("乙标签页县"), "{t}");
    b.quit().await;
}

#[tokio::test]
async fn the_app_works_from_a_sub_path_with_deep_links() {
    let b = fresh("/sub/parkdesk").await;
    b.open("/parks").await;
    b.wait_css("#park-table tbody tr").await;
    let href = b
        .js("return document.getElementById('nav-data').getAttribute('href');")
        .await;
    assert_eq!(href.as_str(), Some("/sub/parkdesk/data"));
    b.click("#nav-data").await;
    b.wait_css("#export-button").await;
    assert!(
        b.driver
            .current_url()
            .await
            .expect("url")
            .path()
            .ends_with("/sub/parkdesk/data")
    );
    b.reload().await;
    b.wait_css("#export-button").await;
    b.quit().await;
}

#[tokio::test]
async fn a_full_storage_is_reported_and_nothing_typed_is_lost() {
    let b = fresh("").await;
    b.open("/parks").await;
    b.wait_saved().await;
    // Fill the origin's storage with junk until no more fits.
    b.js("let n = 0; for (const size of [262144, 16384, 1024, 64, 4, 1]) { const chunk = 'x'.repeat(size); \
          try { for (;;) { localStorage.setItem('junk.' + n++, chunk); } } catch (e) {} } return n;").await;
    b.click("#county-new").await;
    b.fill("#county-name", "存储已满时录入的县").await;
    b.click("#county-save").await;
    b.wait_text("#county-table", |t| t.contains("存储已满时录入的县"))
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while b
        .js("return document.getElementById('save-status').dataset.state;")
        .await
        .as_str()
        != Some("failed")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the failed save was not reported"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(b.text("#banner-storage").await.contains("存储空间已满"));
    assert_eq!(b.text("#save-status").await, "未保存");
    // Free the space; the next change saves everything, including what was typed before.
    b.js("Object.keys(localStorage).filter(k => k.startsWith('junk.')).forEach(k => localStorage.removeItem(k));").await;
    b.click("#county-new").await;
    b.fill("#county-name", "腾出空间后录入的县").await;
    b.click("#county-save").await;
    b.wait_saved().await;
    b.reload().await;
    let t = b.text("#county-table").await;
    assert!(
        t.contains("存储已满时录入的县") && t.contains("腾出空间后录入的县"),
        "{t}"
    );
    b.quit().await;
}
