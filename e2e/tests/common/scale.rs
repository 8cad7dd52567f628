//! Helpers for the province-scale files (issue #9): generating them with the generator bin,
//! choosing one for import, watching the import's progress and reading the app's timing marks.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Browser;
use thirtyfour::prelude::*;

pub fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // Chromedriver takes only canonical paths for file inputs.
    root.canonicalize().unwrap_or(root)
}

/// `target/scale/province-<size>.json`, generated first if missing (sizes: full, 1-10, 1-100).
pub fn scale_file(size: &str) -> PathBuf {
    let rel = format!("target/scale/province-{size}.json");
    let path = repo_root().join(&rel);
    if !path.exists() {
        let status = std::process::Command::new(env!("CARGO"))
            .args([
                "run",
                "--release",
                "--bin",
                "generate",
                "--",
                "--size",
                size,
            ])
            .args(["--out", &rel])
            .current_dir(repo_root())
            .status()
            .expect("run the generator");
        assert!(status.success(), "the generator failed for size {size}");
    }
    path
}

/// Records every step the import progress shows (`#import-progress[data-step]`) into
/// `window.__pdSteps`, and uncaught errors (a trapped wasm, e.g. out of memory) into
/// `window.__pdErrors`. A MutationObserver sees steps even when the page is too busy to answer
/// the test between them.
pub async fn watch_import(b: &Browser) {
    b.js(r#"
        window.__pdSteps = [];
        window.__pdErrors = window.__pdErrors || [];
        if (!window.__pdErrHooked) {
            window.__pdErrHooked = true;
            addEventListener('error', e => window.__pdErrors.push(String(e.message || e.error)));
            addEventListener('unhandledrejection', e => window.__pdErrors.push(String(e.reason)));
        }
        const seen = () => {
            const el = document.getElementById('import-progress');
            const s = el && el.dataset.step;
            if (s && window.__pdSteps[window.__pdSteps.length - 1] !== s) window.__pdSteps.push(s);
        };
        if (window.__pdObserver) window.__pdObserver.disconnect();
        window.__pdObserver = new MutationObserver(seen);
        window.__pdObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step'] });
        return true;
    "#)
    .await;
}

pub async fn steps_seen(b: &Browser) -> Vec<String> {
    serde_json::from_value(b.js("return window.__pdSteps || [];").await).unwrap_or_default()
}

/// Chooses `path` in the data page's file input (the page must be open on /data).
pub async fn choose(b: &Browser, path: &Path) -> WebDriverResult<()> {
    b.wait_css("#import-file")
        .await
        .send_keys(path.display().to_string())
        .await
}

/// Runs a script, as a result rather than a panic (the page may have crashed).
pub async fn try_js(b: &Browser, script: &str) -> Result<serde_json::Value, String> {
    b.driver
        .execute(script, Vec::new())
        .await
        .map(|r| r.json().clone())
        .map_err(|e| e.to_string())
}

/// Waits until `css` appears (Ok(true)), or `fail_css` appears (Ok(false)); Err on time-out,
/// an uncaught page error (trapped wasm) or a lost page.
pub async fn wait_either(
    b: &Browser,
    css: &str,
    fail_css: &str,
    limit: Duration,
) -> Result<bool, String> {
    let deadline = Instant::now() + limit;
    let script = format!(
        "return [!!document.querySelector({css:?}), !!document.querySelector({fail_css:?}), window.__pdErrors || []];"
    );
    loop {
        // A page busy for longer than the WebDriver client's request time-out (120 s) answers
        // late, not never: ask again until the deadline.
        let v = match try_js(b, &script).await {
            Ok(v) => v,
            Err(e) if e.contains("timed out") || e.contains("timeout") => {
                if Instant::now() > deadline {
                    return Err(format!("time-out after {} s ({e})", limit.as_secs()));
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        if v[0] == true {
            return Ok(true);
        }
        if v[1] == true {
            return Ok(false);
        }
        if let Some(e) = v[2].as_array().and_then(|a| a.first()) {
            return Err(format!("page error: {e}"));
        }
        if Instant::now() > deadline {
            return Err(format!("time-out after {} s", limit.as_secs()));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The latest `performance.measure` named `name`, in ms.
pub async fn measure(b: &Browser, name: &str) -> Option<f64> {
    try_js(
        b,
        &format!("const m = performance.getEntriesByName({name:?}, 'measure'); return m.length ? m[m.length - 1].duration : null;"),
    )
    .await
    .ok()
    .and_then(|v| v.as_f64())
}

/// The number in the preview's count table for a kind (its table's key, e.g. "persons").
pub async fn preview_count(b: &Browser, kind: &str) -> Option<u64> {
    try_js(
        b,
        &format!("const c = document.querySelector('#import-counts tr[data-kind={kind:?}] td.num'); return c ? c.textContent.trim() : null;"),
    )
    .await
    .ok()
    .and_then(|v| v.as_str().and_then(|s| s.replace(',', "").parse().ok()))
}

/// Goes to a section by clicking its navigation link (no reload: the imported data may live in
/// memory only when storage refuses it) and waits for `css`.
pub async fn nav_to(b: &Browser, nav_id: &str, css: &str) {
    b.click(&format!("#{nav_id}")).await;
    b.wait_css(css).await;
}
