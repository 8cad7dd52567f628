//! End-to-end tests of issue #10 (office-ready output and reach): Excel/CSV downloads, the A4
//! print view, accessibility (axe-core over every section), markup in data rendered as text,
//! offline reload through the service worker, the update prompt, and the panic recovery screen.
//! Every test ends with `quit`, which also asserts that no Content-Security-Policy violation
//! was reported.

mod common;

use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use common::*;

const SECTIONS: [&str; 10] = [
    "/",
    "/parks",
    "/powers",
    "/org",
    "/people",
    "/assessment",
    "/supervision",
    "/services",
    "/projects",
    "/data",
];

#[tokio::test]
async fn every_section_passes_axe_in_both_languages_and_html_lang_follows() {
    let b = Browser::start(serve("")).await;
    b.open("/").await;
    assert_eq!(b.js("return document.documentElement.lang;").await, "zh-CN");
    for path in SECTIONS {
        b.open(path).await;
        b.axe_check(path).await;
    }
    // States that add controls: an open form, a delegation's detail and editor, an import preview.
    b.open("/parks").await;
    b.click("#park-new").await;
    b.wait_css("#park-form").await;
    b.axe_check("park form").await;
    b.open("/powers").await;
    b.click("#delegation-table tbody tr button[data-action='detail']")
        .await;
    b.wait_css(".detail").await;
    b.js("document.querySelector('details.editor').open = true;")
        .await;
    b.axe_check("delegation detail and editor").await;
    b.click("#lang-switch").await;
    b.wait_text("#nav-overview", |t| t == "Overview").await;
    assert_eq!(b.js("return document.documentElement.lang;").await, "en");
    for path in ["/", "/powers", "/data"] {
        b.open(path).await;
        b.axe_check(&format!("{path} (en)")).await;
    }
    b.quit().await;
}

#[tokio::test]
async fn the_keyboard_reaches_and_operates_the_report_buttons() {
    let b = Browser::start(serve("")).await;
    b.open("/powers").await;
    b.wait_css("#delegation-table tbody tr").await;
    // The skip link comes first and moves focus to the main content.
    b.driver
        .active_element()
        .await
        .expect("active")
        .send_keys(Key::Tab)
        .await
        .expect("tab");
    let first = b.js("return document.activeElement.className;").await;
    assert_eq!(first, "skip-link");
    // Tab from the delegation heading's export group to its CSV button and press Enter.
    b.js("document.getElementById('rep-delegations-xlsx').focus();")
        .await;
    b.driver
        .active_element()
        .await
        .expect("active")
        .send_keys(Key::Tab)
        .await
        .expect("tab");
    assert_eq!(
        b.js("return document.activeElement.id;").await,
        "rep-delegations-csv"
    );
    let focus = b
        .js("const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;")
        .await;
    assert_eq!(focus, "solid 3px", "visible focus");
    b.driver
        .active_element()
        .await
        .expect("active")
        .send_keys(Key::Enter)
        .await
        .expect("enter");
    let csv = std::fs::read_to_string(b.downloaded("csv").await).expect("csv");
    assert!(csv.starts_with('\u{feff}'), "UTF-8 with BOM");
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.starts_with("\u{feff}事项编码,事项名称,权限类别")),
        "{csv}"
    );
    assert!(csv.contains("示例 SAMPLE"), "sample rows are marked");
    b.quit().await;
}

#[tokio::test]
async fn the_delegation_list_downloads_as_a_real_workbook() {
    let b = Browser::start(serve("")).await;
    b.open("/powers").await;
    let rows = b
        .text("#delegation-count")
        .await
        .parse::<usize>()
        .expect("count");
    b.click("#rep-delegations-xlsx").await;
    // Written by the xlsx worker, loaded on this first use.
    let toast = b.wait_text("#toast", |t| !t.is_empty()).await;
    assert!(toast.contains("已导出"), "{toast}");
    let path = b.downloaded("xlsx").await;
    assert!(
        path.file_name()
            .is_some_and(|n| n.to_string_lossy() == "权力下放清单-2013-12-31.xlsx"),
        "{path:?}"
    );
    let bytes = std::fs::read(&path).expect("read");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).expect("sheet");
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("权力下放清单".into()));
    let sub = cell(1, 0).to_string();
    assert!(
        sub.contains("编制单位：本机")
            && sub.contains("截至 2013-12-31")
            && sub.contains("示例 SAMPLE"),
        "{sub}"
    );
    assert_eq!(cell(2, 0), Data::String("事项编码".into()));
    assert_eq!(cell(2, 1), Data::String("事项名称".into()));
    assert_eq!(
        range.end().map(|(r, _)| r as usize),
        Some(2 + rows),
        "one row per delegation in the list"
    );
    b.quit().await;
}

/// Clicks a report's Excel button and reads the workbook it downloads (title, first header).
async fn workbook(b: &Browser, button: &str) -> (String, String, usize) {
    for e in std::fs::read_dir(&b.downloads)
        .expect("downloads")
        .flatten()
    {
        let _ = std::fs::remove_file(e.path());
    }
    b.click(button).await;
    let path = b.downloaded("xlsx").await;
    let bytes = std::fs::read(&path).expect("read");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).expect("sheet");
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let rows = range
        .end()
        .map(|(r, _)| r as usize)
        .unwrap_or(0)
        .saturating_sub(2);
    (cell(0, 0).to_string(), cell(2, 0).to_string(), rows)
}

#[tokio::test]
async fn the_ledger_the_roster_and_the_rectification_list_download_as_workbooks() {
    let b = Browser::start(serve("")).await;
    b.open("/org").await;
    b.click("#org-tab-ledger").await;
    let (title, head, rows) = workbook(&b, "#rep-ledger-quota-xlsx").await;
    assert_eq!(title, "编制台账（编制口径）");
    assert_eq!(head, "园区");
    assert!(rows > 10, "{rows}");
    b.click("#ledger-view-use").await;
    let (title, _, _) = workbook(&b, "#rep-ledger-use-xlsx").await;
    assert_eq!(title, "编制台账（使用口径）");
    b.open("/people").await;
    let (title, head, rows) = workbook(&b, "#rep-roster-xlsx").await;
    assert_eq!(title, "实名制人员花名册");
    assert_eq!(head, "人员编号");
    assert!(rows > 100, "{rows}");
    b.open("/supervision").await;
    b.click("#tab-orders").await;
    let (title, head, rows) = workbook(&b, "#rep-rectifications-xlsx").await;
    assert_eq!(title, "整改清单");
    assert_eq!(head, "督办通知单号");
    assert!(rows > 0);
    b.quit().await;
}

#[tokio::test]
async fn a_report_prints_on_a4_with_title_office_date_and_page_numbers() {
    let b = Browser::start(serve("")).await;
    b.open("/powers").await;
    b.wait_css("#catalogue-table tbody tr").await;
    // The dialog itself is the browser's; the test prints the page as it would.
    b.js("window.print = () => { window.printed = true; };")
        .await;
    b.click("#rep-catalogue-print").await;
    b.wait_css("#print-area[data-report='catalogue']").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while b.js("return window.printed === true;").await != true {
        assert!(Instant::now() < deadline, "print() was not called");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let a4 = thirtyfour::common::print::PrintParameters {
        page: thirtyfour::common::print::PrintPage {
            width: 21.0,
            height: 29.7,
        },
        orientation: thirtyfour::common::print::PrintOrientation::Landscape,
        ..Default::default()
    };
    let pdf = b.driver.print_page(a4).await.expect("print to PDF");
    let file = artifacts_dir().join("catalogue-print.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &file.display().to_string(), "-"])
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 2, "25 items take more than one page: {text}");
    // pdftotext spaces CJK text by its layout; compare without spaces.
    let pages: Vec<String> = pages
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect();
    for (i, page) in pages.iter().enumerate() {
        // The title block and the column headers repeat on every page; each page is numbered.
        assert!(page.contains("权责清单"), "page {}: {page}", i + 1);
        assert!(page.contains("编制单位：本机"), "page {}: {page}", i + 1);
        assert!(page.contains("事项编码"), "page {}: {page}", i + 1);
        assert!(
            page.contains(&format!("{}/{}", i + 1, pages.len())),
            "page number on page {}: {page}",
            i + 1
        );
    }
    // No navigation or buttons on paper.
    assert!(!text.contains("总览") && !text.contains("Excel"), "{text}");
    b.quit().await;
}

#[tokio::test]
async fn markup_typed_or_imported_is_shown_as_text_and_never_runs() {
    let b = Browser::start(serve("")).await;
    let evil = "<img src=x onerror=window.pwned=1>";
    b.open("/parks").await;
    b.click("#park-new").await;
    b.fill("#park-name_zh", evil).await;
    b.fill("#park-short_code", "XSS").await;
    b.click("#park-save").await;
    let row = b.text("#park-table tr[data-code='XSS']").await;
    assert!(row.contains(evil), "{row}");
    b.wait_saved().await;
    // Imported: a catalogue row whose name is markup.
    b.open("/powers").await;
    b.wait_css("#catalogue-table tbody tr").await;
    let csv = temp_file(
        "evil.csv",
        &format!(
            "事项编码,事项名称,事项类型,权限类别,职能领域,权限层级\nXK09901000,\"{}\",行政许可,经济管理,发改,市\n",
            "<script>window.pwned=2</script><b>粗体</b>"
        ),
    );
    b.wait_css("#catalogue-csv")
        .await
        .send_keys(csv.display().to_string())
        .await
        .expect("choose");
    b.screenshot("xss-csv").await;
    b.click("#csv-confirm").await;
    let item = b.text("#catalogue-table tr[data-code='XK09901000']").await;
    assert!(
        item.contains("<script>window.pwned=2</script><b>粗体</b>"),
        "{item}"
    );
    // The print view renders the same data as text too.
    b.js("window.print = () => {};").await;
    b.click("#rep-catalogue-print").await;
    assert!(b.text("#print-area").await.is_empty() || b.count("#print-area").await == 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let state = b
        .js("return { pwned: window.pwned ?? null, imgs: document.querySelectorAll('main img, #print-area img').length, bold: document.querySelectorAll('main b, #print-area b').length, scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('pwned')).length };")
        .await;
    assert_eq!(
        state["pwned"],
        serde_json::Value::Null,
        "nothing ran: {state}"
    );
    assert_eq!(state["imgs"], 0, "{state}");
    assert_eq!(state["bold"], 0, "{state}");
    assert_eq!(state["scripts"], 0, "{state}");
    assert!(b.driver.get_alert_text().await.is_err(), "no alert");
    b.quit().await;
}

/// Waits until the service worker controls the page's scope and has cached this build.
async fn wait_offline_ready(b: &Browser) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = b
            .driver
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                navigator.serviceWorker.getRegistration().then(async (reg) => {
                  if (!reg || !reg.active) return done(false);
                  const keys = await caches.keys();
                  const hit = await caches.match(new URL('index.html', reg.scope).href);
                  done(keys.length > 0 && !!hit);
                }).catch(() => done(false));"#,
                Vec::new(),
            )
            .await
            .expect("script")
            .json()
            .clone();
        if ready.as_bool() == Some(true) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the service worker did not get ready"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn after_the_first_load_the_app_and_its_data_open_offline_under_a_sub_path() {
    let (base, offline) = serve_switchable("/sub/parkdesk");
    let b = Browser::start(base).await;
    b.open("/parks").await;
    b.click("#park-new").await;
    b.fill("#park-name_zh", "离线测试园区").await;
    b.fill("#park-short_code", "OFF").await;
    b.click("#park-save").await;
    b.wait_css("#park-table tr[data-code='OFF']").await;
    b.wait_saved().await;
    wait_offline_ready(&b).await;
    let cached = b
        .driver
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            caches.keys().then(async (keys) => {
              const urls = [];
              for (const k of keys) for (const r of await (await caches.open(k)).keys()) urls.push(r.url);
              done(urls);
            });"#,
            Vec::new(),
        )
        .await
        .expect("cache listing")
        .json()
        .clone();
    let urls: Vec<String> = serde_json::from_value(cached).expect("urls");
    assert!(urls.iter().any(|u| u.ends_with(".wasm")), "{urls:?}");
    assert!(
        urls.iter().all(|u| u.contains("/sub/parkdesk/")),
        "the cache holds app files of this sub-path only: {urls:?}"
    );
    assert!(
        !urls
            .iter()
            .any(|u| u.contains("state") || u.ends_with(".json")),
        "no data in the cache: {urls:?}"
    );
    offline.store(true, std::sync::atomic::Ordering::SeqCst);
    // A reload and a deep link, with the server gone: the app and its data come up.
    b.reload().await;
    let row = b.text("#park-table tr[data-code='OFF']").await;
    assert!(row.contains("离线测试园区"), "{row}");
    b.open("/powers").await;
    b.wait_css("#delegation-table tbody tr").await;
    b.screenshot("offline-powers").await;
    b.quit().await;
}

#[tokio::test]
async fn a_new_deployment_is_announced_and_taken_on_request() {
    let dir = copy_of_dist();
    let (base, _) = serve_dir(dir.clone(), "");
    let b = Browser::start(base).await;
    b.open("/").await;
    wait_offline_ready(&b).await;
    b.reload().await;
    assert_eq!(
        b.js("return !!navigator.serviceWorker.controller;").await,
        true
    );
    assert_eq!(
        b.count("#update-prompt").await,
        0,
        "no prompt without a new version"
    );
    // "Deploy" a new version: the worker script changes (as every build's version does).
    let sw = std::fs::read_to_string(dir.join("sw.js")).expect("sw.js");
    std::fs::write(dir.join("sw.js"), format!("{sw}\n// new build\n")).expect("deploy");
    b.js("navigator.serviceWorker.getRegistration().then(r => r.update());")
        .await;
    let prompt = b.text("#update-prompt").await;
    assert!(prompt.contains("新版本可用"), "{prompt}");
    b.js("window.beforeUpdate = true;").await;
    b.click("#update-reload").await;
    // The page reloads under the new worker.
    let deadline = Instant::now() + Duration::from_secs(15);
    while b.js("return window.beforeUpdate === true;").await == true {
        assert!(Instant::now() < deadline, "no reload");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.wait_css("#main").await;
    assert_eq!(b.count("#update-prompt").await, 0);
    b.quit().await;
}

#[tokio::test]
async fn a_panic_shows_a_recovery_screen_that_exports_the_data() {
    let b = Browser::start(serve("")).await;
    b.open("/parks?debug-panic").await;
    b.wait_saved().await;
    // A change not yet saved (autosave waits 0.6 s), then the panic.
    b.click("#park-new").await;
    b.fill("#park-name_zh", "未保存园区").await;
    b.fill("#park-short_code", "UNS").await;
    b.click("#park-save").await;
    b.click("#debug-panic").await;
    let screen = b.text("#panic-screen").await;
    assert!(
        screen.contains("出现意外错误") && screen.contains("unexpected error"),
        "{screen}"
    );
    assert_eq!(
        b.js("return document.activeElement.id;").await,
        "panic-title",
        "focus moves to the screen"
    );
    assert_eq!(
        b.js("return document.querySelector('main').closest('[inert]') !== null;")
            .await,
        true,
        "the dead page is inert"
    );
    assert!(b.text("#panic-message").await.is_empty() || b.count("#panic-message").await == 1);
    b.screenshot("panic-screen").await;
    // The latest data of the page, with the unsaved park, downloads without any script running.
    b.click("#panic-export-memory").await;
    let file = b.downloaded("json").await;
    let text = std::fs::read_to_string(&file).expect("read");
    let snap: serde_json::Value = serde_json::from_str(&text).expect("a snapshot file");
    assert_eq!(snap["format"], "parkdesk-snapshot");
    assert!(text.contains("未保存园区") && text.contains("保山工贸园区"));
    assert_eq!(b.count("#panic-export").await, 1, "the saved data too");
    b.quit().await;
}
