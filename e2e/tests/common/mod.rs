//! Harness for the browser tests: a static server over the built `dist/` (like any static host,
//! with 404.html for unknown paths), Debian's chromedriver, and small helpers over thirtyfour.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use thirtyfour::prelude::*;

pub mod scale;

pub fn dist_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist");
    assert!(
        dir.join("index.html").exists(),
        "dist/ is missing: run `trunk build --release` first (scripts/test does)"
    );
    dir
}

/// Where screenshots and downloads of a test run go (not committed).
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn serve_one(
    mut stream: TcpStream,
    root: &Path,
    mount: &str,
    offline: &AtomicBool,
    extra: Option<&(String, PathBuf)>,
) {
    if offline.load(Ordering::SeqCst) {
        // As if the server were gone: the connection closes without an answer.
        let _ = stream.shutdown(std::net::Shutdown::Both);
        return;
    }
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        line.clear();
    }
    let raw_path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    // A second folder under its own prefix (the benchmark's generated files).
    let extra_file = extra.and_then(|(prefix, dir)| {
        let rest = raw_path.strip_prefix(prefix.as_str())?;
        let candidate = dir.join(rest.trim_start_matches('/'));
        (!rest.contains("..") && candidate.is_file()).then_some(candidate)
    });
    let (status, file) = match (extra_file, raw_path.strip_prefix(mount)) {
        (Some(f), _) => ("200 OK", f),
        (None, Some(rest)) => {
            let rest = rest.trim_start_matches('/');
            let candidate = if rest.is_empty() {
                root.join("index.html")
            } else {
                root.join(rest)
            };
            if !rest.contains("..") && candidate.is_file() {
                ("200 OK", candidate)
            } else {
                ("404 Not Found", root.join("404.html"))
            }
        }
        (None, None) => ("404 Not Found", root.join("404.html")),
    };
    // Streamed, not read whole: the benchmark's largest file is hundreds of MB.
    let mut body = std::fs::File::open(&file).ok();
    let len = body
        .as_ref()
        .and_then(|b| b.metadata().ok())
        .map(|m| m.len())
        .unwrap_or(0);
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {len}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        content_type(&file),
    );
    let _ = stream.write_all(head.as_bytes());
    if let Some(body) = body.as_mut() {
        let _ = std::io::copy(body, &mut stream);
    }
}

/// Serves dist/ under `mount` ("" for the host root, "/sub/app" for a sub-path). Returns the base URL.
pub fn serve(mount: &'static str) -> String {
    serve_switchable(mount).0
}

/// Like [`serve`], plus a switch: while it is on, the server drops every connection unanswered
/// (the offline tests).
pub fn serve_switchable(mount: &'static str) -> (String, Arc<AtomicBool>) {
    serve_dir(dist_dir(), mount)
}

/// Serves another folder (a copy of dist/ that a test changes, as a new deployment would).
pub fn serve_dir(root: PathBuf, mount: &'static str) -> (String, Arc<AtomicBool>) {
    serve_dirs(root, mount, None)
}

/// Serves dist/ at the host root and `dir` under `prefix` (e.g. "/__scale"), so a page can
/// fetch a generated file from the same origin.
pub fn serve_with(prefix: &str, dir: PathBuf) -> String {
    serve_dirs(dist_dir(), "", Some((prefix.to_string(), dir))).0
}

fn serve_dirs(
    root: PathBuf,
    mount: &'static str,
    extra: Option<(String, PathBuf)>,
) -> (String, Arc<AtomicBool>) {
    let extra = Arc::new(extra);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let offline = Arc::new(AtomicBool::new(false));
    let flag = offline.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            let flag = flag.clone();
            let extra = extra.clone();
            std::thread::spawn(move || {
                serve_one(stream, &root, mount, &flag, extra.as_ref().as_ref())
            });
        }
    });
    (format!("http://127.0.0.1:{port}{mount}"), offline)
}

/// The axe-core engine installed by scripts/setup (npm axe-core into .tools/).
fn axe_source() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): run scripts/setup, which installs axe-core into .tools/",
            path.display()
        )
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

/// A chromedriver process and one browser session; both end when dropped.
pub struct Browser {
    pub driver: WebDriver,
    child: Child,
    pub base: String,
    pub downloads: PathBuf,
    _profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A browser profile is tens of MB; hundreds of test runs would fill the disk.
        let _ = std::fs::remove_dir_all(&self._profile);
    }
}

fn unique_dir(prefix: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir =
        std::env::temp_dir().join(format!("parkdesk-{prefix}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

impl Browser {
    pub async fn start(base: String) -> Browser {
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port();
        let child = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver (apt install chromium-driver)");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let downloads = unique_dir("downloads");
        let profile = unique_dir("profile");
        let mut caps = DesiredCapabilities::chrome();
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        caps.set_binary(&chromium).expect("binary");
        for arg in [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000",
            "--lang=zh-CN",
        ] {
            caps.add_arg(arg).expect("arg");
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.display()))
            .expect("arg");
        caps.add_experimental_option(
            "prefs",
            serde_json::json!({
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
                "intl.accept_languages": "zh-CN,zh",
            }),
        )
        .expect("prefs");
        let driver = WebDriver::new(url, caps).await.expect("webdriver session");
        Browser {
            driver,
            child,
            base,
            downloads,
            _profile: profile,
        }
    }

    pub async fn open(&self, path: &str) {
        self.driver
            .goto(format!("{}{path}", self.base))
            .await
            .expect("goto");
        self.wait_css("#main").await;
    }

    pub async fn wait_css(&self, css: &str) -> WebElement {
        self.driver
            .query(By::Css(css))
            .wait(Duration::from_secs(15), Duration::from_millis(50))
            .first()
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    pub async fn count(&self, css: &str) -> usize {
        self.driver
            .find_all(By::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_css(css).await.text().await.expect("text")
    }

    /// Waits until the element's text satisfies `pred`, then returns it.
    pub async fn wait_text(&self, css: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let t = match self.driver.find(By::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if pred(&t) {
                return t;
            }
            assert!(Instant::now() < deadline, "{css}: text stayed {t:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        self.wait_css(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.wait_css(css).await;
        el.clear().await.expect("clear");
        el.send_keys(value).await.expect("type");
    }

    /// Sets a <select> by option value and fires `change`, as a user choosing it would.
    pub async fn choose(&self, css: &str, value: &str) {
        self.wait_css(css).await;
        self.js(&format!("const s=document.querySelector({css:?}); s.value={value:?}; s.dispatchEvent(new Event('change',{{bubbles:true}}));")).await;
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.driver
            .execute(script, Vec::new())
            .await
            .expect("script")
            .json()
            .clone()
    }

    pub async fn storage(&self, key: &str) -> Option<String> {
        self.js(&format!("return localStorage.getItem({key:?});"))
            .await
            .as_str()
            .map(str::to_string)
    }

    /// A stored value as JSON text, unpacked when the app keeps it packed (`PDZ1`, large values;
    /// `src/persist/packed.rs`).
    pub async fn stored_json(&self, key: &str) -> Option<String> {
        let raw = self.storage(key).await?;
        let json = parkdesk::persist::packed::decode(&raw).expect("a readable stored value");
        Some(json.into_owned())
    }

    /// Waits for the autosave indicator to say saved.
    pub async fn wait_saved(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let state = self.js("const e=document.getElementById('save-status'); return e ? e.dataset.state : null;").await;
            if state.as_str() == Some("saved") {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "autosave did not finish: {state}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn reload(&self) {
        self.driver.refresh().await.expect("refresh");
        self.wait_css("#main").await;
    }

    pub async fn screenshot(&self, name: &str) {
        let _ = self
            .driver
            .screenshot(&artifacts_dir().join(format!("{name}.png")))
            .await;
    }

    /// The first file with extension `ext` that appears in the download folder.
    pub async fn downloaded(&self, ext: &str) -> PathBuf {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(p) = std::fs::read_dir(&self.downloads).ok().and_then(|mut d| {
                d.find_map(|e| {
                    e.ok()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == ext))
                })
            }) {
                return p;
            }
            assert!(Instant::now() < deadline, "no .{ext} download arrived");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Chooses the option of a <select> whose text contains `label`, as a user would.
    pub async fn choose_label(&self, css: &str, label: &str) {
        self.wait_css(css).await;
        let found = self
            .js(&format!(
                "const s=document.querySelector({css:?}); const o=[...s.options].find(o => o.textContent.includes({label:?})); \
                 if (!o) return false; s.value=o.value; s.dispatchEvent(new Event('change',{{bubbles:true}})); return true;"
            ))
            .await;
        assert_eq!(
            found,
            serde_json::json!(true),
            "{css}: no option with {label:?}"
        );
    }

    /// Sets an input's value and fires `input`, as typing would (dates included).
    pub async fn set(&self, css: &str, value: &str) {
        self.wait_css(css).await;
        self.js(&format!(
            "const i=document.querySelector({css:?}); i.value={value:?}; i.dispatchEvent(new Event('input',{{bubbles:true}}));"
        ))
        .await;
    }

    /// Clicks the checkbox whose label inside `container` contains `label`.
    pub async fn tick_label(&self, container: &str, label: &str) {
        self.wait_css(container).await;
        let found = self
            .js(&format!(
                "const l=[...document.querySelectorAll({container:?} + ' label')].find(l => l.textContent.includes({label:?})); \
                 if (!l) return false; document.getElementById(l.htmlFor).click(); return true;"
            ))
            .await;
        assert_eq!(
            found,
            serde_json::json!(true),
            "{container}: no checkbox labelled {label:?}"
        );
    }

    /// The first file that appears in the download folder.
    pub async fn downloaded_file(&self) -> PathBuf {
        self.downloaded("json").await
    }

    /// Every Content-Security-Policy violation the page reported (public/boot.js records them).
    pub async fn csp_violations(&self) -> Vec<String> {
        let v = self.js("return window.parkdeskCspViolations || [];").await;
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Runs axe-core over the page as it is now and fails on any serious or critical violation,
    /// naming the rule, its help text and the offending elements. `what` names the state checked.
    /// Returns the number of lesser (moderate, minor) findings, which are printed.
    pub async fn axe_check(&self, what: &str) -> usize {
        let loaded = self.js("return typeof window.axe === 'object';").await;
        if loaded.as_bool() != Some(true) {
            // WebDriver scripts run outside the page's Content-Security-Policy.
            self.js(&format!("{};return true;", axe_source())).await;
        }
        let result = self
            .driver
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary)
                  }))))
                  .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));"#,
                Vec::new(),
            )
            .await
            .expect("axe.run")
            .json()
            .clone();
        let list = result.as_array().cloned().unwrap_or_default();
        let mut bad = Vec::new();
        let mut minor = 0;
        for v in &list {
            let impact = v["impact"].as_str().unwrap_or("");
            let line = format!("[{impact}] {} — {}\n    {}", v["id"], v["help"], v["nodes"]);
            if matches!(impact, "serious" | "critical") {
                bad.push(line);
            } else {
                minor += 1;
                eprintln!("axe ({what}): {line}");
            }
        }
        assert!(
            bad.is_empty(),
            "axe: serious/critical in {what}:\n{}",
            bad.join("\n")
        );
        minor
    }

    /// Ends the session. Every test that ends this way also checks that the page reported no
    /// Content-Security-Policy violation.
    pub async fn quit(self) {
        let violations = self.csp_violations().await;
        let driver = self.driver.clone();
        let _ = driver.quit().await;
        assert!(violations.is_empty(), "CSP violations: {violations:?}");
    }
}

/// A copy of dist/ in a fresh folder.
pub fn copy_of_dist() -> PathBuf {
    let dir = unique_dir("dist");
    for e in std::fs::read_dir(dist_dir()).expect("dist").flatten() {
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
    dir
}

pub fn temp_file(name: &str, content: &str) -> PathBuf {
    let path = unique_dir("files").join(name);
    std::fs::write(&path, content).expect("write temp file");
    path
}
