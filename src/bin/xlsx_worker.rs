//! The xlsx writer as a web worker: receives a report as JSON, answers with the workbook's bytes
//! (a Uint8Array) or an error message (a string). A separate wasm module, so the writer (about
//! 250 KB gzip, see docs/performance.md) is downloaded on the first Excel export, not at start.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let answer: wasm_bindgen::JsValue = match ev.data().as_string() {
                None => "no report".into(),
                Some(json) => match serde_json::from_str::<parkdesk::reports::Report>(&json) {
                    Err(e) => format!("bad report: {e}").into(),
                    Ok(report) => match parkdesk::reports::xlsx::write(&report) {
                        Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                        Err(e) => e.to_string().into(),
                    },
                },
            };
            let _ = reply.post_message(&answer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page.
    on_message.forget();
    // Messages sent before the handler existed are lost, so the app waits for this.
    let _ = scope.post_message(&"ready".into());
}

/// Built only for the browser; native builds exist for the tests.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
