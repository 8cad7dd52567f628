//! What the user sees when the app panics: instead of a dead page, a screen that says what
//! happened, offers the data for download and a reload. Release builds abort on panic (the wasm
//! instance is dead afterwards), so the screen is built from plain DOM inside the panic hook, which
//! runs before the abort, and works without any script: downloads are `<a download>` links to blob
//! URLs and "reload" is a link to the page.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::state::{AppState, SaveState};
use crate::APP_VERSION;
use crate::domain::snapshot;
use crate::persist::local::LocalStore;
use crate::persist::{self, KEY_STATE, Store};

thread_local! {
    /// The running app, so the screen can also offer the data in memory (unsaved changes).
    static APP: Cell<Option<AppState>> = const { Cell::new(None) };
}

/// Installs the hook (after the console logger, which keeps the stack trace in the console).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

pub fn register(app: AppState) {
    APP.with(|a| a.set(Some(app)));
}

fn el(doc: &web_sys::Document, tag: &str, id: &str, text: &str) -> Option<web_sys::Element> {
    let e = doc.create_element(tag).ok()?;
    if !id.is_empty() {
        e.set_id(id);
    }
    // Text only, never markup: the message may quote data.
    e.set_text_content(Some(text));
    Some(e)
}

/// A download link to a blob of `text`.
fn link(
    doc: &web_sys::Document,
    id: &str,
    label: &str,
    file: &str,
    text: &str,
) -> Option<web_sys::Element> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a = el(doc, "a", id, label)?;
    a.set_attribute("href", &url).ok()?;
    a.set_attribute("download", file).ok()?;
    a.set_class_name("btn btn-primary");
    Some(a)
}

/// The saved data as an importable snapshot file (or the raw stored value if it cannot be read).
fn saved_data() -> Option<String> {
    match persist::load(&LocalStore) {
        Ok((stored, _)) => snapshot::to_json(&stored.snapshot).ok(),
        Err(_) => LocalStore.get(KEY_STATE).ok().flatten(),
    }
}

fn stamp() -> String {
    browser::local_now().format("%Y%m%d-%H%M%S").to_string()
}

fn show(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("panic-screen").is_some() {
        return;
    }
    // Everything else becomes inert: keyboard focus stays on the screen.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(c) = children.item(i) {
            let _ = c.set_attribute("inert", "");
            let _ = c.set_attribute("aria-hidden", "true");
        }
    }
    let Some(screen) = el(&doc, "div", "panic-screen", "") else {
        return;
    };
    screen.set_class_name("panic-screen");
    let _ = screen.set_attribute("role", "alertdialog");
    let _ = screen.set_attribute("aria-modal", "true");
    let _ = screen.set_attribute("aria-labelledby", "panic-title");
    let _ = screen.set_attribute("aria-describedby", "panic-text");
    let parts: Vec<Option<web_sys::Element>> = vec![
        el(
            &doc,
            "h1",
            "panic-title",
            "出现意外错误 · An unexpected error occurred",
        ),
        el(
            &doc,
            "p",
            "panic-text",
            "页面已停止运行。您的数据仍保存在本浏览器中：请先导出数据，再重新载入页面。\nThe page has stopped. Your data is still stored in this browser: export it first, then reload the page.",
        ),
    ];
    for p in parts.into_iter().flatten() {
        let _ = screen.append_child(&p);
    }
    let actions = el(&doc, "p", "panic-actions", "");
    if let Some(a) = saved_data().and_then(|data| {
        link(
            &doc,
            "panic-export",
            "导出已保存的数据 · Export the saved data",
            &format!("parkdesk-rescue-{}.json", stamp()),
            &data,
        )
    }) && let Some(actions) = &actions
    {
        let _ = actions.append_child(&a);
    }
    if let Some(reload) = el(&doc, "a", "panic-reload", "重新载入 · Reload") {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let _ = reload.set_attribute("href", &href);
        reload.set_class_name("btn");
        if let Some(actions) = &actions {
            let _ = actions.append_child(&doc.create_text_node(" "));
            let _ = actions.append_child(&reload);
        }
    }
    if let Some(actions) = actions {
        let _ = screen.append_child(&actions);
    }
    if let Some(details) = el(&doc, "details", "", "") {
        if let Some(s) = el(&doc, "summary", "", "技术信息 · Technical details") {
            let _ = details.append_child(&s);
        }
        if let Some(pre) = el(
            &doc,
            "pre",
            "panic-message",
            &format!("ParkDesk {APP_VERSION}\n{message}"),
        ) {
            let _ = details.append_child(&pre);
        }
        let _ = screen.append_child(&details);
    }
    let _ = body.append_child(&screen);
    if let Some(h) = doc
        .get_element_by_id("panic-title")
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h.set_attribute("tabindex", "-1");
        let _ = h.focus();
    }
    // Last and best effort: the data in memory, when it has changes not yet saved. If the panic
    // happened while the data was being changed, reading it may panic again, which aborts here;
    // the screen and the saved data are already there.
    let Some(app) = APP.with(Cell::get) else {
        return;
    };
    let unsaved = !matches!(app.save.try_get_untracked(), Some(SaveState::Saved(_)));
    if !unsaved {
        return;
    }
    let office = app.office.try_get_untracked();
    let json = office.and_then(|office| {
        app.desk
            .try_with_untracked(|d| snapshot::build(d.ws(), &office, browser::now(), APP_VERSION))
            .and_then(|s| snapshot::to_json(&s).ok())
    });
    if let (Some(json), Some(actions)) = (json, doc.get_element_by_id("panic-actions"))
        && let Some(a) = link(
            &doc,
            "panic-export-memory",
            "导出页面中的最新数据（含未保存的修改） · Export the latest data in this page (with unsaved changes)",
            &format!("parkdesk-rescue-unsaved-{}.json", stamp()),
            &json,
        )
    {
        let _ = actions.insert_before(&a, actions.first_child().as_ref());
        let _ = actions.insert_before(&doc.create_text_node(" "), a.next_sibling().as_ref());
    }
}
