//! End-to-end tests of sharing between offices (issue #8): two browser profiles edit the same demo
//! differently, exchange files and merge with a reviewed conflict; a tampered file is flagged;
//! backups restore undoably; partial exports.

mod common;

use common::*;

async fn office(b: &Browser, name: &str, role: &str) {
    b.open("/data").await;
    b.fill("#office-name", name).await;
    b.choose("#office-role", role).await;
    b.click("#office-save").await;
    b.wait_saved().await;
}

/// The delegation record of `id` as stored.
async fn stored_delegation(b: &Browser, id: &str) -> serde_json::Value {
    b.wait_saved().await;
    let state = b.stored_json("parkdesk.state").await.expect("state");
    let v: serde_json::Value = serde_json::from_str(&state).expect("json");
    v["snapshot"]["records"]["delegations"]
        .as_array()
        .expect("delegations")
        .iter()
        .find(|d| d["meta"]["id"] == id)
        .cloned()
        .expect("delegation")
}

async fn stored_park_area(b: &Browser, code: &str) -> serde_json::Value {
    b.wait_saved().await;
    let state = b.stored_json("parkdesk.state").await.expect("state");
    let v: serde_json::Value = serde_json::from_str(&state).expect("json");
    v["snapshot"]["records"]["parks"]
        .as_array()
        .expect("parks")
        .iter()
        .find(|p| p["data"]["short_code"] == code)
        .map(|p| p["data"]["planning_area_km2"].clone())
        .expect("park")
}

async fn set_park_area(b: &Browser, code: &str, area: &str) {
    b.open("/parks").await;
    b.click(&format!(
        "#park-table tr[data-code='{code}'] button[data-action='edit']"
    ))
    .await;
    b.fill("#park-area", area).await;
    b.click("#park-save").await;
    b.wait_text(&format!("#park-table tr[data-code='{code}']"), |t| {
        t.contains(area)
    })
    .await;
}

async fn step_delegation(b: &Browser, id: &str, button: &str) {
    b.open("/powers").await;
    b.click(&format!(
        "#delegation-table tbody tr[data-id='{id}'] button[data-action='detail']"
    ))
    .await;
    b.click(&format!(".detail button[{button}]")).await;
    b.wait_css(".detail .history tbody tr").await;
}

async fn export(b: &Browser) -> std::path::PathBuf {
    b.open("/data").await;
    for e in std::fs::read_dir(&b.downloads)
        .expect("downloads")
        .flatten()
    {
        let _ = std::fs::remove_file(e.path());
    }
    b.click("#export-button").await;
    b.downloaded_file().await
}

async fn choose_file(b: &Browser, path: &std::path::Path) {
    b.open("/data").await;
    b.wait_css("#import-file")
        .await
        .send_keys(path.display().to_string())
        .await
        .expect("choose file");
    b.wait_css("#import-preview").await;
}

#[tokio::test]
async fn two_offices_exchange_files_and_both_end_with_both_edits_and_a_reviewed_conflict() {
    let base = serve("");
    let a = Browser::start(base.clone()).await;
    let b = Browser::start(base).await;
    office(&a, "市编办", "BIANBAN").await;
    office(&b, "水长园区管委会", "PARK").await;

    // The same delegation (in force in the demo) in both copies.
    a.open("/powers").await;
    let d = a
        .js("return document.querySelector(\"#delegation-table tbody tr[data-status='IN_FORCE']\").dataset.id;")
        .await;
    let d = d.as_str().expect("delegation id").to_string();
    // A (编办) suspends it: the lifecycle; B (park) cannot receive it: the reception.
    step_delegation(&a, &d, "data-next-lifecycle='SUSPENDED'").await;
    step_delegation(&b, &d, "data-next-reception='CANNOT_RECEIVE'").await;
    // Both change the same field of another record.
    set_park_area(&a, "GM", "111").await;
    set_park_area(&b, "GM", "222").await;
    let file_a = export(&a).await;
    let file_b = export(&b).await;

    // A merges B's file: the reception is B's to change, the planning area is a conflict.
    choose_file(&a, &file_b).await;
    let prov = a.text("#import-provenance").await;
    assert!(
        prov.contains("水长园区管委会") && prov.contains("校验通过"),
        "{prov}"
    );
    a.click("#merge-review").await;
    a.wait_css("#merge-review-screen").await;
    let row = a
        .text(&format!("#merge-review-screen tr[data-id='{d}']"))
        .await;
    assert!(row.contains("承接状态") && row.contains("接不住"), "{row}");
    assert_eq!(
        a.text("#merge-counts td[data-class='CONFLICT']").await,
        "1",
        "the park's area"
    );
    let conflict = "#merge-review-screen .merge-group[data-class='CONFLICT']";
    let c = a.text(conflict).await;
    assert!(c.contains("111") && c.contains("222"), "{c}");
    // The 编办 owns park data: its own value is the default; the reviewer confirms it.
    a.click(&format!("{conflict} input[value='local']")).await;
    a.js("document.getElementById('merge-review-screen').scrollIntoView();")
        .await;
    a.screenshot("exchange-merge-review").await;
    a.click("#merge-apply").await;
    let done = a.text("#merge-done").await;
    assert!(
        done.contains("修改 1") && done.contains("冲突已审核 1"),
        "{done}"
    );

    // B merges A's file: the lifecycle arrives; for the area, B reviews and takes the 编办's.
    choose_file(&b, &file_a).await;
    b.click("#merge-review").await;
    b.wait_css("#merge-review-screen").await;
    let bconflict = "#merge-review-screen .merge-group[data-class='CONFLICT']";
    b.click(&format!("{bconflict} input[value='incoming']"))
        .await;
    b.click("#merge-apply").await;
    b.wait_css("#merge-done").await;

    for x in [&a, &b] {
        let rec = stored_delegation(x, &d).await;
        assert_eq!(rec["data"]["lifecycle"], "SUSPENDED");
        assert_eq!(rec["data"]["reception"], "CANNOT_RECEIVE");
        let dims: Vec<String> = rec["data"]["history"]
            .as_array()
            .expect("history")
            .iter()
            .map(|h| h["dimension"].as_str().unwrap_or_default().to_string())
            .collect();
        assert!(
            dims.contains(&"lifecycle".into()) && dims.contains(&"reception".into()),
            "{dims:?}"
        );
        assert_eq!(stored_park_area(x, "GM").await, serde_json::json!(111.0));
        x.open("/data").await;
        assert!(
            x.text("#audit-table tr[data-action='MERGE']")
                .await
                .contains("合并")
        );
    }
    // The park's copy now knows the 编办 by name.
    assert!(b.text("#office-directory").await.contains("市编办"));
    // A second exchange finds nothing left to merge.
    let file_b2 = export(&b).await;
    choose_file(&a, &file_b2).await;
    a.click("#merge-review").await;
    a.wait_css("#merge-nothing").await;
    a.screenshot("exchange-nothing-left").await;
    a.quit().await;
    b.quit().await;
}

#[tokio::test]
async fn a_tampered_file_is_flagged_and_imported_only_after_confirmation() {
    let b = Browser::start(serve("")).await;
    b.open("/data").await;
    b.wait_saved().await;
    let file = export(&b).await;
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("\"checksum\": \"sha256:"));
    let tampered = temp_file(
        "tampered.json",
        &text.replacen(
            "\"planning_area_km2\": 850.0",
            "\"planning_area_km2\": 1.0",
            1,
        ),
    );
    choose_file(&b, &tampered).await;
    let flag = b
        .wait_css("#import-provenance [data-integrity='altered']")
        .await
        .text()
        .await
        .expect("text");
    assert!(flag.contains("被改动"), "{flag}");
    let disabled = b
        .js("return document.getElementById('merge-review').disabled && document.getElementById('import-confirm').disabled;")
        .await;
    assert_eq!(disabled, serde_json::json!(true), "needs confirmation");
    b.screenshot("exchange-tampered").await;
    b.click("#import-altered-ok").await;
    b.click("#merge-review").await;
    b.wait_css("#merge-review-screen").await;
    let prov = b.text("#merge-provenance").await;
    assert!(prov.contains("被改动"), "{prov}");
    b.click("#merge-cancel").await;
    // The demo's own sample file from a park office: a verified file with a park change, a new
    // record and a change outside the park's role.
    b.click("#load-sample-exchange").await;
    b.wait_css("#import-provenance [data-integrity='verified']")
        .await;
    b.click("#merge-review").await;
    b.wait_css("#merge-review-screen").await;
    assert_eq!(b.text("#merge-counts td[data-class='REJECTED']").await, "1");
    assert_eq!(b.text("#merge-counts td[data-class='NEW']").await, "1");
    assert_eq!(b.text("#merge-counts td[data-class='CHANGED']").await, "1");
    b.js("document.getElementById('merge-review-screen').scrollIntoView();")
        .await;
    b.screenshot("exchange-sample-review").await;
    // Keyboard: Space on the focused checkbox rejects the new record, and focus stays there.
    let new_box = "#merge-review-screen .merge-group[data-class='NEW'] input[type='checkbox']";
    b.wait_css(new_box).await.focus().await.expect("focus");
    b.wait_css(new_box)
        .await
        .send_keys(" ")
        .await
        .expect("space");
    b.wait_text("#merge-apply", |t| t.contains("2 条")).await;
    let still = b
        .js(&format!(
            "return document.activeElement === document.querySelector(\"{new_box}\");"
        ))
        .await;
    assert_eq!(still, serde_json::json!(true), "focus kept");
    b.click("#merge-apply").await;
    let done = b.text("#merge-done").await;
    assert!(done.contains("未接受 1"), "{done}");
    b.quit().await;
}

#[tokio::test]
async fn backups_restore_undoably_and_a_park_exports_alone() {
    let b = Browser::start(serve("")).await;
    b.open("/data").await;
    b.wait_saved().await;
    let file = export(&b).await;
    // A change, then a merge of the earlier file: a backup is taken before the merge.
    set_park_area(&b, "SC", "333").await;
    choose_file(&b, &file).await;
    b.click("#merge-review").await;
    b.click("#merge-apply").await;
    b.wait_css("#merge-done").await;
    b.wait_css("#backup-table tr[data-reason='BEFORE_MERGE']")
        .await;
    // Restoring is itself undoable, and the state before it is backed up too.
    b.open("/parks").await;
    b.click("#park-table tr[data-code='SC'] button[data-action='edit']")
        .await;
    b.fill("#park-area", "444").await;
    b.click("#park-save").await;
    b.wait_text("#park-table tr[data-code='SC']", |t| t.contains("444"))
        .await;
    // Navigation by the menu keeps the page (and its undo history).
    b.click("#nav-data").await;
    b.click("#restore-backup").await;
    b.click("#nav-parks").await;
    b.wait_text("#park-table tr[data-code='SC']", |t| t.contains("333"))
        .await;
    b.click("#undo").await;
    b.wait_text("#park-table tr[data-code='SC']", |t| t.contains("444"))
        .await;
    b.click("#nav-data").await;
    b.wait_css("#backup-table tr[data-reason='BEFORE_RESTORE']")
        .await;
    let state = b.text("#storage-persisted").await;
    assert!(!state.is_empty());
    b.js("document.getElementById('backups').scrollIntoView();")
        .await;
    b.screenshot("exchange-backups").await;
    // One park for a named office: its delegations only, and what they refer to.
    for e in std::fs::read_dir(&b.downloads).expect("dir").flatten() {
        let _ = std::fs::remove_file(e.path());
    }
    let gm = b
        .js("return [...document.querySelectorAll('#partial-scope option')].find(o => o.textContent.includes('工贸')).value;")
        .await;
    b.choose("#partial-scope", gm.as_str().expect("option"))
        .await;
    b.fill("#partial-for", "保山工贸园区管委会").await;
    b.click("#export-partial").await;
    let part = b.downloaded_file().await;
    assert!(
        part.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with("-GM.json")),
        "{part:?}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&part).expect("read")).expect("json");
    assert_eq!(v["scope"]["for_office"], "保山工贸园区管委会");
    // Other parks may come along only as records referred to (an inspection campaign that
    // checked GM names every park of its scope); what belongs to a park comes for GM alone.
    let parks = v["records"]["parks"].as_array().expect("parks");
    let park_id = parks
        .iter()
        .find(|p| p["data"]["short_code"] == "GM")
        .expect("the GM park")["meta"]["id"]
        .clone();
    let entrustments = v["records"]["entrustments"]
        .as_array()
        .expect("entrustments");
    assert!(!entrustments.is_empty());
    assert!(entrustments.iter().all(|e| e["data"]["park_id"] == park_id));
    assert!(
        v["records"]["delegations"]
            .as_array()
            .expect("delegations")
            .iter()
            .all(|d| d["data"]["park_id"] == park_id)
    );
    // A partial file can only be merged, and merging it deletes nothing.
    choose_file(&b, &part).await;
    assert_eq!(b.count("#import-confirm").await, 0);
    b.quit().await;
}
