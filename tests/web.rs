//! Browser unit tests of the storage edge (wasm-bindgen-test in headless Chromium):
//! real localStorage, and a real quota error mapped to a clear StoreError.
#![cfg(target_arch = "wasm32")]

use parkdesk::persist::local::LocalStore;
use parkdesk::persist::{Store, StoreError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn local_store_round_trips() {
    let mut s = LocalStore;
    s.set("parkdesk.test.key", "值 value").expect("set");
    assert_eq!(
        s.get("parkdesk.test.key").expect("get").as_deref(),
        Some("值 value")
    );
    assert!(
        s.keys()
            .expect("keys")
            .contains(&"parkdesk.test.key".to_string())
    );
    s.remove("parkdesk.test.key").expect("remove");
    assert_eq!(s.get("parkdesk.test.key").expect("get"), None);
}

#[wasm_bindgen_test]
fn a_full_local_storage_is_reported_as_quota_exceeded() {
    let mut s = LocalStore;
    let chunk = "x".repeat(1 << 20);
    let mut error = None;
    let mut written = Vec::new();
    for i in 0..64 {
        let key = format!("parkdesk.test.fill.{i}");
        match s.set(&key, &chunk) {
            Ok(()) => written.push(key),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    for key in &written {
        s.remove(key).expect("clean up");
    }
    assert_eq!(
        error,
        Some(StoreError::QuotaExceeded),
        "after {} MB",
        written.len()
    );
}
