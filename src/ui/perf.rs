//! Timing marks for the benchmark (scripts/bench reads them with
//! `performance.getEntriesByName`) and a tiny `window.__parkdesk_perf` object with what the
//! timeline cannot carry: stored size, wasm memory, the JS heap's peak at the marks.
//!
//! Names: `parkdesk:import:<stage>` (one measure per import stage, `parkdesk:import` for the
//! whole check), `parkdesk:import:apply` (replacing the data after confirmation), `parkdesk:save`
//! (one autosave), `parkdesk:route:<path>` (a section's first render).

use wasm_bindgen::{JsCast, JsValue};

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Milliseconds since the page started (0 without a clock).
pub fn now() -> f64 {
    performance().map(|p| p.now()).unwrap_or(0.0)
}

pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
    sample_memory();
}

/// A measure named `name` from the mark `start` to now (a new measure replaces an old one of
/// the same name, so the benchmark reads the latest run).
pub fn measure(name: &str, start: &str) {
    if let Some(p) = performance() {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, start);
    }
    sample_memory();
}

/// Like [`measure`], from the page's start when `start` is None; nothing when the start mark
/// is missing. The start mark is cleared, so it is used once.
pub fn measure_once(name: &str, start: Option<&str>) {
    let Some(p) = performance() else { return };
    p.clear_measures_with_measure_name(name);
    match start {
        Some(start) => {
            if p.measure_with_start_mark(name, start).is_ok() {
                p.clear_marks_with_mark_name(start);
            }
        }
        None => {
            let _ = p.measure(name);
        }
    }
    sample_memory();
}

/// Marks `parkdesk:nav` when a link of the navigation is clicked, in the capture phase, i.e.
/// before the router handles the click and renders the section.
pub fn mark_nav_clicks() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let in_nav = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("nav a").ok().flatten())
            .is_some();
        if in_nav {
            mark("parkdesk:nav");
        }
    });
    let _ =
        doc.add_event_listener_with_callback_and_bool("click", cb.as_ref().unchecked_ref(), true);
    // Lives as long as the page.
    cb.forget();
}

/// Sets `window.__parkdesk_perf[key]`.
pub fn set(key: &str, value: JsValue) {
    let Some(w) = web_sys::window() else { return };
    let obj = match js_sys::Reflect::get(&w, &"__parkdesk_perf".into()) {
        Ok(v) if v.is_object() => v,
        _ => {
            let o: JsValue = js_sys::Object::new().into();
            let _ = js_sys::Reflect::set(&w, &"__parkdesk_perf".into(), &o);
            o
        }
    };
    let _ = js_sys::Reflect::set(&obj, &key.into(), &value);
}

fn get_number(target: &JsValue, key: &str) -> Option<f64> {
    js_sys::Reflect::get(target, &key.into())
        .ok()
        .and_then(|v| v.as_f64())
}

/// The wasm memory (it only grows) and the highest `performance.memory.usedJSHeapSize`
/// (Chromium only) seen at any mark.
fn sample_memory() {
    #[cfg(target_arch = "wasm32")]
    set(
        "wasmMemoryBytes",
        JsValue::from_f64(core::arch::wasm32::memory_size(0) as f64 * 65536.0),
    );
    let used = performance()
        .and_then(|p| js_sys::Reflect::get(&p, &"memory".into()).ok())
        .and_then(|m| get_number(&m, "usedJSHeapSize"));
    if let Some(used) = used {
        let peak = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"__parkdesk_perf".into()).ok())
            .and_then(|o| get_number(&o, "jsHeapPeakBytes"))
            .unwrap_or(0.0);
        if used > peak {
            set("jsHeapPeakBytes", JsValue::from_f64(used));
        }
    }
}

/// Resolves after the browser has painted what is on the page now: the next animation frame,
/// then a zero-delay timer (which runs after that frame's paint). A hidden tab gets no frames,
/// so there only the timer is awaited.
pub async fn next_paint() {
    let visible = web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
        .unwrap_or(false);
    if visible {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(&resolve);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    }
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Runs `f` in the next animation frame (after the DOM built now is laid out).
pub fn on_next_frame(f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = w.request_animation_frame(cb.unchecked_ref());
}

/// After an autosave: the stored state's length in UTF-16 code units (what the browser's
/// storage quota counts; read on the JS side, so nothing is copied into wasm), or why the save
/// failed.
pub fn saved(error: Option<String>) {
    match error {
        None => {
            let len = web_sys::window()
                .and_then(|w| w.local_storage().ok().flatten())
                .and_then(|s| {
                    let get = js_sys::Reflect::get(&s, &"getItem".into()).ok()?;
                    let get: &js_sys::Function = get.dyn_ref()?;
                    get.call1(&s, &crate::persist::KEY_STATE.into()).ok()
                })
                .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
                .map(|v| v.length() as f64);
            set(
                "savedChars",
                len.map(JsValue::from_f64).unwrap_or(JsValue::NULL),
            );
            set("saveError", JsValue::NULL);
        }
        Some(e) => {
            set("savedChars", JsValue::NULL);
            set("saveError", JsValue::from_str(&e));
        }
    }
}
