//! The browser edge of persistence: `window.localStorage` behind [`super::Store`].

use wasm_bindgen::{JsCast, JsValue};

use super::{Store, StoreError, classify};

/// localStorage of the page's origin.
pub struct LocalStore;

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StoreError::Unavailable("localStorage is missing".into())),
        Err(e) => Err(map_err(e)),
    }
}

fn map_err(e: JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(ex) => classify(&ex.name(), ex.code(), &ex.message()),
        None => StoreError::Other(format!("{e:?}")),
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        storage()?.get_item(key).map_err(map_err)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(map_err)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(map_err)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = storage()?;
        let n = s.length().map_err(map_err)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}

/// Bytes (UTF-16 code units, as browsers count the quota) used by this app's keys.
pub fn used_units() -> usize {
    let Ok(s) = storage() else { return 0 };
    let keys = LocalStore.keys().unwrap_or_default();
    keys.iter()
        .filter(|k| k.starts_with("parkdesk."))
        .map(|k| {
            k.encode_utf16().count()
                + s.get_item(k)
                    .ok()
                    .flatten()
                    .map(|v| v.encode_utf16().count())
                    .unwrap_or(0)
        })
        .sum()
}
