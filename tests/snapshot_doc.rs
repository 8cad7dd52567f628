//! docs/snapshot-format.md names every table of the exchange file: its table list (the block
//! between `<!-- tables:begin -->` and `<!-- tables:end -->`, first column the `code`) must equal
//! the code's tables (`Kind::ALL`, each `Kind::code()`, the JSON key in `records`), both ways.

use std::collections::BTreeSet;

use parkdesk::domain::workspace::{Kind, Workspace};

const DOC: &str = include_str!("../docs/snapshot-format.md");

fn documented_tables() -> Vec<String> {
    let start = DOC
        .find("<!-- tables:begin -->")
        .expect("tables:begin marker");
    let end = DOC.find("<!-- tables:end -->").expect("tables:end marker");
    DOC[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| l.split('`').nth(1).map(str::to_string))
        .collect()
}

#[test]
fn the_documented_table_list_equals_the_code_both_ways() {
    let doc = documented_tables();
    let code: Vec<String> = Kind::ALL.iter().map(|k| k.code().to_string()).collect();
    let doc_set: BTreeSet<&String> = doc.iter().collect();
    let code_set: BTreeSet<&String> = code.iter().collect();
    assert_eq!(doc.len(), doc_set.len(), "a table listed twice: {doc:?}");
    let missing: Vec<_> = code_set.difference(&doc_set).collect();
    let extra: Vec<_> = doc_set.difference(&code_set).collect();
    assert!(
        missing.is_empty(),
        "tables missing from the doc: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "documented tables the code lacks: {extra:?}"
    );
    assert_eq!(
        doc, code,
        "the doc lists the tables in the order of Kind::ALL"
    );
}

#[test]
fn the_table_codes_are_the_json_keys_of_records() {
    // The serialised workspace names its tables by the same codes the doc lists.
    let json = serde_json::to_value(Workspace::default()).expect("workspace json");
    let keys: BTreeSet<String> = json.as_object().expect("object").keys().cloned().collect();
    let doc: BTreeSet<String> = documented_tables().into_iter().collect();
    assert_eq!(keys, doc);
}
