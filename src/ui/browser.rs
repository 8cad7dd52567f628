//! Effects at the browser edge: clock, randomness, downloads, files, the document title.

use chrono::{NaiveDate, Utc};
use wasm_bindgen::JsCast;

use crate::domain::meta::{Id, IdSource, Timestamp, ulid_from};

pub fn now() -> Timestamp {
    Utc::now()
}

/// Today in the user's time zone.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn local_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// ULIDs with 80 random bits from the browser.
pub struct RandomIds;

impl IdSource for RandomIds {
    fn next_id(&mut self, now: Timestamp) -> Id {
        let part = || (js_sys::Math::random() * (1u64 << 52) as f64) as u128;
        ulid_from(now, (part() << 52) | part())
    }
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    download_parts(file_name, &parts, mime)
}

/// Offers bytes (an .xlsx workbook) as a file download.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    download_parts(file_name, &parts, mime)
}

/// The object URL is revoked a minute later, long after the browser has started the download.
fn download_parts(file_name: &str, parts: &js_sys::Array, mime: &str) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(err)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(file_name);
    // `hidden`, not an inline style: the Content-Security-Policy allows no inline styles.
    a.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(err)?;
    a.click();
    a.remove();
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Sets `<html lang>` so screen readers, fonts and hyphenation follow the chosen language.
pub fn set_document_lang(lang: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang);
    }
}

/// The file's bytes as they are: no decoding to a JS string and encoding back to UTF-8, which
/// for a large file costs about as much as parsing it.
pub async fn read_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let file = gloo_file::File::from(file);
    gloo_file::futures::read_as_bytes(&file)
        .await
        .map_err(|e| e.to_string())
}

pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let file = gloo_file::File::from(file);
    gloo_file::futures::read_as_text(&file)
        .await
        .map_err(|e| e.to_string())
}

pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// The path the app is served under ("" at the host root, "/sub/dir" below it), taken from where
/// the wasm file was loaded, so one build works from any static host and sub-path.
pub fn app_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("link[href$='.wasm']").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlLinkElement>().ok())
        .map(|l| l.href());
    let Some(href) = href else {
        return String::new();
    };
    let path = web_sys::Url::new(&href)
        .map(|u| u.pathname())
        .unwrap_or_default();
    match path.rfind('/') {
        Some(i) => path[..i].to_string(),
        None => String::new(),
    }
}

/// Asks the browser whether this site's storage is kept even when disk space runs low
/// (`navigator.storage.persisted()`), or, with `request`, asks it to keep it
/// (`navigator.storage.persist()`). None when the browser has no answer.
pub async fn storage_persisted(request: bool) -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let promise = if request {
        manager.persist().ok()?
    } else {
        manager.persisted().ok()?
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}
