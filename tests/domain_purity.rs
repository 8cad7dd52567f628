//! The domain core stays plain Rust: no UI, browser or storage crate may appear in src/domain.

#[test]
fn domain_imports_no_web_or_ui_crate() {
    let forbidden = ["leptos", "web_sys", "wasm_bindgen", "gloo", "js_sys"];
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir("src/domain").expect("src/domain") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        for word in forbidden {
            if text.contains(&format!("{word}::")) || text.contains(&format!("use {word}")) {
                offenders.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}
