//! The browser benchmark of issue #9 (ignored in the normal suite; run it with `scripts/bench`).
//! For each generated size it loads the release build in headless Chromium and measures: the
//! import (per step, from the app's `parkdesk:import:*` measures) against the same bytes through
//! the browser's own JSON.parse in the same page, the replace after confirmation, the autosave
//! (time and stored size, or the refusal), the first render of every section, the time per
//! keystroke of the filters of the two largest lists, and memory (peak JS heap, wasm memory).
//! A size the browser cannot take (time-out, crash, out of memory) is reported as such.
//!
//! Sizes: BENCH_SIZES (default "1-100 1-10 full"); per-wait limit BENCH_TIMEOUT_S (default 900).
//! Output: a markdown table on stdout and in target/bench/results.md.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::scale::*;
use common::*;

/// The sections of the navigation and the element that says each one's view is built.
const SECTIONS: [(&str, &str, &str); 10] = [
    ("nav-overview", "/", "#page-overview"),
    ("nav-parks", "/parks", "#page-parks"),
    ("nav-projects", "/projects", "#page-projects"),
    ("nav-powers", "/powers", "#page-powers"),
    ("nav-org", "/org", "#page-org"),
    ("nav-people", "/people", "#page-people"),
    ("nav-assessment", "/assessment", "#page-assessment"),
    ("nav-supervision", "/supervision", "#page-supervision"),
    ("nav-services", "/services", "#page-services"),
    ("nav-data", "/data", "#page-data"),
];

const STAGES: [&str; 7] = [
    "read", "parse", "checksum", "migrate", "decode", "validate", "ready",
];

/// One size's results: metric → value as printed; notes for what could not be measured.
#[derive(Default)]
struct Run {
    values: BTreeMap<String, String>,
    notes: Vec<String>,
}

impl Run {
    fn set(&mut self, key: &str, value: String) {
        self.values.insert(key.to_string(), value);
    }
    fn ms(&mut self, key: &str, v: Option<f64>) {
        self.set(
            key,
            v.map(|v| format!("{v:.0}")).unwrap_or_else(|| "—".into()),
        );
    }
}

fn mb(bytes: f64) -> String {
    format!("{:.1}", bytes / 1024.0 / 1024.0)
}

fn timeout() -> Duration {
    Duration::from_secs(
        std::env::var("BENCH_TIMEOUT_S")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(900),
    )
}

async fn async_js(b: &Browser, script: &str) -> Result<serde_json::Value, String> {
    b.driver
        .execute_async(script, Vec::new())
        .await
        .map(|r| r.json().clone())
        .map_err(|e| e.to_string().chars().take(300).collect())
}

/// `performance.memory.usedJSHeapSize` now, remembered as the peak if higher.
async fn sample_heap(b: &Browser, peak: &mut f64) {
    if let Ok(v) = try_js(
        b,
        "return performance.memory ? performance.memory.usedJSHeapSize : null;",
    )
    .await
        && let Some(x) = v.as_f64()
    {
        *peak = peak.max(x);
    }
}

/// Median and 95th percentile of a list of ms.
fn median_p95(mut v: Vec<f64>) -> Option<(f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    Some((at(0.5), at(0.95)))
}

/// Types into a filter box and deletes again (20 keystrokes): each keystroke is an `input`
/// event, timed until the next animation frame (the handler, the re-render and layout).
const KEYSTROKES: &str = r#"
    const [inputId, cellSel] = [arguments[0], arguments[1]];
    const done = arguments[arguments.length - 1];
    const i = document.getElementById(inputId);
    if (!i) { done({ error: 'no #' + inputId }); return; }
    const cell = document.querySelector(cellSel);
    let word = (cell ? cell.textContent : '园区').trim().slice(0, 6);
    if (word.length < 2) word = '园区';
    const seq = [];
    while (seq.length < 20) {
        for (let n = 1; n <= word.length && seq.length < 20; n++) seq.push(word.slice(0, n));
        for (let n = word.length - 1; n >= 0 && seq.length < 20; n--) seq.push(word.slice(0, n));
    }
    const times = [];
    let k = 0;
    const step = () => {
        if (k >= seq.length) { done({ times, word }); return; }
        i.value = seq[k];
        const t0 = performance.now();
        i.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(() => { times.push(performance.now() - t0); k++; setTimeout(step, 0); });
    };
    step();
"#;

async fn keystrokes(b: &Browser, input: &str, cell: &str) -> Result<(f64, f64), String> {
    let v = b
        .driver
        .execute_async(
            KEYSTROKES,
            vec![serde_json::json!(input), serde_json::json!(cell)],
        )
        .await
        .map(|r| r.json().clone())
        .map_err(|e| e.to_string().chars().take(300).collect::<String>())?;
    if let Some(e) = v["error"].as_str() {
        return Err(e.to_string());
    }
    let times: Vec<f64> = serde_json::from_value(v["times"].clone()).unwrap_or_default();
    median_p95(times).ok_or_else(|| "no keystrokes timed".into())
}

/// Clicks a section's link and times, in the page, until its view is there and laid out.
async fn first_render(b: &Browser, nav: &str, css: &str) -> Result<f64, String> {
    let script = format!(
        r#"const done = arguments[arguments.length - 1];
        const t0 = performance.now();
        document.getElementById({nav:?}).click();
        const check = () => {{
            if (document.querySelector({css:?})) requestAnimationFrame(() => done(performance.now() - t0));
            else requestAnimationFrame(check);
        }};
        check();"#
    );
    async_js(b, &script)
        .await?
        .as_f64()
        .ok_or_else(|| "no time".into())
}

async fn bench_size(size: &str, run: &mut Run) -> Result<(), String> {
    let file = scale_file(size);
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) as f64;
    run.set("file size (MB)", mb(bytes));
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let base = serve_with("/__scale", repo_root().join("target/scale"));
    let b = Browser::start(base).await;
    let result = bench_in(&b, &name, &file, run).await;
    // A page that hangs or crashed must not hang the run.
    let _ = tokio::time::timeout(Duration::from_secs(30), b.driver.clone().quit()).await;
    drop(b);
    result
}

async fn bench_in(
    b: &Browser,
    name: &str,
    file: &std::path::Path,
    run: &mut Run,
) -> Result<(), String> {
    let limit = timeout();
    let _ = b
        .driver
        .update_timeouts(TimeoutConfiguration::new(
            Some(limit),
            Some(limit),
            Some(Duration::from_secs(0)),
        ))
        .await;
    let mut heap = 0.0f64;
    b.open("/data").await;
    sample_heap(b, &mut heap).await;

    // The yardstick: the same bytes through the browser's JSON.parse, in this page.
    let yard = async_js(
        b,
        &format!(
            r#"const done = arguments[arguments.length - 1];
            fetch('/__scale/' + {name:?}).then(r => r.text()).then(text => {{
                const t0 = performance.now();
                let v = JSON.parse(text);
                const ms = performance.now() - t0;
                const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
                v = null;
                done({{ ms, chars: text.length, heap }});
            }}).catch(e => done({{ error: String(e) }}));"#
        ),
    )
    .await;
    let json_parse = match yard {
        Ok(v) if v["error"].is_null() => {
            if let Some(h) = v["heap"].as_f64() {
                heap = heap.max(h);
            }
            v["ms"].as_f64()
        }
        Ok(v) => {
            run.notes
                .push(format!("JSON.parse yardstick failed: {}", v["error"]));
            None
        }
        Err(e) => {
            run.notes.push(format!("JSON.parse yardstick failed: {e}"));
            None
        }
    };
    run.ms("JSON.parse of the file (ms)", json_parse);

    // The import: choose the file, wait for the preview.
    watch_import(b).await;
    let t0 = Instant::now();
    choose(b, file)
        .await
        .map_err(|e| format!("choose file: {e}"))?;
    let checked = wait_either(b, "#import-preview", "#import-error", limit)
        .await
        .map_err(|e| format!("import check did not finish: {e}"))?;
    let wall = t0.elapsed().as_secs_f64() * 1000.0;
    if !checked {
        let why = try_js(
            b,
            "return document.getElementById('import-error').textContent;",
        )
        .await;
        return Err(format!("import refused: {why:?}"));
    }
    sample_heap(b, &mut heap).await;
    let total = measure(b, "parkdesk:import").await;
    run.ms("import: total, read → ready (ms)", total);
    run.ms("import: wall clock seen by the test (ms)", Some(wall));
    for s in STAGES {
        let v = measure(b, &format!("parkdesk:import:{s}")).await;
        run.ms(&format!("import: {s} (ms)"), v);
    }
    if let (Some(t), Some(j)) = (total, json_parse) {
        run.set(
            "import ÷ JSON.parse (budget ≤ 3)",
            format!("{:.1}", t / j.max(0.001)),
        );
    }
    let steps = steps_seen(b).await;
    run.set("progress steps shown", steps.join(" → "));

    // Replace the data (the app saves right after) and read the save's result.
    // Clicked from a timer, so this call returns before the (long) replace runs.
    try_js(
        b,
        "setTimeout(() => document.getElementById('import-confirm').click(), 0); return true;",
    )
    .await?;
    let applied = wait_either(b, "#import-done", "#import-error", limit)
        .await
        .map_err(|e| format!("replacing the data did not finish: {e}"))?;
    if !applied {
        let why = try_js(
            b,
            "return document.getElementById('import-error').textContent;",
        )
        .await;
        return Err(format!("replace refused: {why:?}"));
    }
    sample_heap(b, &mut heap).await;
    run.ms(
        "replace after confirm (ms)",
        measure(b, "parkdesk:import:apply").await,
    );
    run.ms("autosave (ms)", measure(b, "parkdesk:save").await);
    let perf = try_js(b, "return window.__parkdesk_perf || {};")
        .await
        .unwrap_or_default();
    let stored = match (perf["savedChars"].as_f64(), perf["saveError"].as_str()) {
        (Some(c), _) => format!("{} MB (UTF-16 units)", mb(c)),
        (None, Some(e)) => format!("refused: {}", e.chars().take(80).collect::<String>()),
        _ => "—".into(),
    };
    run.set("autosave: stored size", stored);

    // First render of every section, with the imported data.
    for (nav, path, css) in SECTIONS {
        let v = first_render(b, nav, css).await;
        match v {
            Ok(ms) => run.ms(&format!("first render {path} (ms)"), Some(ms)),
            Err(e) => {
                run.set(&format!("first render {path} (ms)"), "failed".into());
                run.notes.push(format!("{path}: {e}"));
            }
        }
        let app = measure(b, &format!("parkdesk:route:{path}")).await;
        run.ms(&format!("first render {path}, app mark (ms)"), app);
        sample_heap(b, &mut heap).await;
    }

    // Keystrokes on the two largest lists' filters.
    for (nav, page, input, cell, label) in [
        (
            "nav-powers",
            "#page-powers",
            "delegation-search",
            "#delegation-table tbody tr td",
            "delegations",
        ),
        (
            "nav-people",
            "#page-people",
            "roster-search",
            "#roster tbody tr th, #roster tbody tr td",
            "roster",
        ),
    ] {
        let _ = first_render(b, nav, page).await;
        match keystrokes(b, input, cell).await {
            Ok((m, p)) => run.set(
                &format!("keystroke, {label} filter: median / p95 (ms)"),
                format!("{m:.0} / {p:.0}"),
            ),
            Err(e) => {
                run.set(
                    &format!("keystroke, {label} filter: median / p95 (ms)"),
                    "failed".into(),
                );
                run.notes.push(format!("{label} keystrokes: {e}"));
            }
        }
        sample_heap(b, &mut heap).await;
    }

    let perf = try_js(b, "return window.__parkdesk_perf || {};")
        .await
        .unwrap_or_default();
    if let Some(p) = perf["jsHeapPeakBytes"].as_f64() {
        heap = heap.max(p);
    }
    run.set("peak JS heap, sampled (MB)", mb(heap));
    if let Some(w) = perf["wasmMemoryBytes"].as_f64() {
        run.set("wasm memory (MB)", mb(w));
    }
    Ok(())
}

fn machine() -> String {
    let sh = |cmd: &str| {
        std::process::Command::new("sh")
            .args(["-c", cmd])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    format!(
        "- date: {}\n- commit: {}\n- nproc: {}\n- CPU: {}\n- memory: {}\n- browser: {}\n- build: `trunk build --release` (dist/)\n",
        sh("date -u '+%Y-%m-%d %H:%M UTC'"),
        sh("git rev-parse --short HEAD"),
        sh("nproc"),
        sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"),
        sh("free -h | awk '/Mem:/{print $2}'"),
        sh("${CHROMIUM:-chromium} --version"),
    )
}

#[tokio::test]
#[ignore = "the benchmark: run scripts/bench"]
async fn bench() {
    let sizes: Vec<String> = std::env::var("BENCH_SIZES")
        .unwrap_or_else(|_| "1-100 1-10 full".into())
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut runs = Vec::new();
    for size in &sizes {
        eprintln!("bench: size {size}…");
        let started = Instant::now();
        let mut run = Run::default();
        if let Err(e) = bench_size(size, &mut run).await {
            run.notes.push(format!("stopped: {e}"));
        }
        run.set(
            "bench time for this size (s)",
            format!("{:.0}", started.elapsed().as_secs_f64()),
        );
        eprintln!(
            "bench: size {size} done in {:.0} s",
            started.elapsed().as_secs_f64()
        );
        runs.push(run);
    }

    // Rows in first-seen order over the sizes.
    let mut keys: Vec<String> = Vec::new();
    for r in &runs {
        for k in r.values.keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    let order = |k: &String| -> usize {
        let fixed = [
            "file size",
            "JSON.parse",
            "import: total",
            "import ÷",
            "import: wall",
            "import: read (",
            "import: parse",
            "import: checksum",
            "import: migrate",
            "import: decode",
            "import: validate",
            "import: ready (",
            "progress",
            "replace",
            "autosave (ms)",
            "autosave: stored",
            "first render",
            "keystroke",
            "peak",
            "wasm",
            "bench time",
        ];
        fixed
            .iter()
            .position(|f| k.starts_with(f))
            .unwrap_or(fixed.len())
    };
    keys.sort_by_key(|k| {
        (
            order(k),
            SECTIONS
                .iter()
                .position(|s| {
                    k.contains(&format!(" {} ", s.1)) || k.contains(&format!(" {},", s.1))
                })
                .unwrap_or(0),
        )
    });
    let mut md = String::from("| metric |");
    for s in &sizes {
        md.push_str(&format!(" {s} |"));
    }
    md.push_str("\n|---|");
    for _ in &sizes {
        md.push_str("---:|");
    }
    md.push('\n');
    for k in &keys {
        md.push_str(&format!("| {k} |"));
        for r in &runs {
            md.push_str(&format!(
                " {} |",
                r.values.get(k).map(String::as_str).unwrap_or("—")
            ));
        }
        md.push('\n');
    }
    let mut notes = String::new();
    for (s, r) in sizes.iter().zip(&runs) {
        for n in &r.notes {
            notes.push_str(&format!("- {s}: {n}\n"));
        }
    }
    let out = format!(
        "# ParkDesk browser benchmark\n\n{}\n{md}\n{}",
        machine(),
        if notes.is_empty() {
            String::new()
        } else {
            format!("Notes:\n\n{notes}")
        }
    );
    println!("{out}");
    let dir = repo_root().join("target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("results.md"), &out);
}
