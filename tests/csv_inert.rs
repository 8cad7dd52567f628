//! Issue #15: every CSV the app writes goes through one writer (`reports::csv::write_rows`), so a
//! name starting with = + - @ (or tab, CR) reaches Excel/WPS as inert text; the xlsx writer
//! writes such text as a string cell, never as a formula.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;
use parkdesk::domain::metrics::Scope;
use parkdesk::domain::sample;
use parkdesk::domain::staffing::View;
use parkdesk::domain::staffing_metrics::system_ledger;
use parkdesk::domain::text::Lang;
use parkdesk::reports::staffing::ledger_csv;
use parkdesk::reports::{Cell, Column, Format, Report, csv, xlsx};

const HOSTILE: [&str; 6] = ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2013, 12, 31).expect("date")
}

/// Every field of every record of `text`, read back by a CSV reader.
fn fields(text: &str) -> Vec<String> {
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|r| r.expect("record"))
        .flat_map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

fn assert_inert(text: &str) {
    for f in fields(text) {
        assert!(
            !(f.starts_with(['=', '+', '@', '\t', '\r'])
                || f.starts_with('-') && f.parse::<f64>().is_err()),
            "live cell {f:?} in {text}"
        );
    }
    for h in HOSTILE {
        assert!(
            fields(text).contains(&format!("'{h}")),
            "{h:?} written as inert text: {text}"
        );
    }
}

#[test]
fn the_ledger_csv_defuses_unit_and_park_names() {
    let mut ws = sample::demo();
    // Units that appear in the ledger (they hold quota).
    let mut ids: Vec<String> = Vec::new();
    for r in &system_ledger(&ws, day(), &Scope::City, View::ByQuota).rows {
        if !ids.contains(&r.org_id) {
            ids.push(r.org_id.clone());
        }
    }
    assert!(ids.len() >= HOSTILE.len());
    for (id, name) in ids.iter().zip(HOSTILE) {
        let mut rec = ws.org_units.get(id).expect("unit").clone();
        rec.data.name = name.to_string();
        ws.org_units.insert(rec);
    }
    let park = ws.parks.iter_live().next().expect("park").meta.id.clone();
    let mut rec = ws.parks.get(&park).expect("park").clone();
    rec.data.name_zh = "=1+1".to_string();
    rec.data.name_en = "=1+1".to_string();
    ws.parks.insert(rec);
    for view in [View::ByQuota, View::ByUse] {
        let l = system_ledger(&ws, day(), &Scope::City, view);
        let text = ledger_csv(&ws, &l, day(), view);
        assert!(text.starts_with('\u{feff}'), "BOM");
        assert_inert(&text);
        assert!(fields(&text).contains(&"'=1+1".to_string()), "park name");
    }
}

fn hostile_report() -> Report {
    Report {
        key: "t".into(),
        title: "=T".into(),
        office: "o".into(),
        as_of: day(),
        lang: Lang::Zh,
        columns: vec![
            Column::new("=H", Format::Text),
            Column::new("n", Format::Int),
        ],
        rows: HOSTILE
            .iter()
            .map(|h| vec![Cell::text(*h), Cell::Int(-2)])
            .collect(),
        sample_rows: 0,
    }
}

#[test]
fn report_csv_and_the_row_writer_defuse_text_but_keep_numbers() {
    let r = hostile_report();
    let text = csv::write(&r);
    assert_inert(&text);
    assert!(fields(&text).contains(&"'=H".to_string()), "header defused");
    assert!(
        fields(&text).contains(&"-2".to_string()),
        "numbers stay numbers"
    );
    // The low-level writer every producer shares.
    let text = csv::write_rows(["a", "b"], HOSTILE.iter().map(|h| [Cell::text(*h)]));
    assert_inert(&text);
}

#[test]
fn xlsx_writes_formula_like_text_as_strings() {
    let mut r = hostile_report();
    r.rows.push(vec![Cell::text("=1+1"), Cell::Int(1)]);
    let bytes = xlsx::write(&r).expect("xlsx");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).expect("sheet");
    let formulas = wb.worksheet_formula(&name).expect("formulas");
    assert!(
        formulas.cells().all(|(_, _, f)| f.is_empty()),
        "no formula cells"
    );
    let texts: Vec<String> = range
        .cells()
        .filter_map(|(_, _, c)| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for h in HOSTILE.iter().chain(&["=1+1"]) {
        assert!(texts.iter().any(|t| t == h), "{h:?} read back as text");
    }
}

#[test]
fn the_roster_template_goes_through_the_one_writer() {
    let text = parkdesk::reports::people::roster_template();
    assert!(text.starts_with("\u{feff}人员编号,姓名"));
    assert!(text.ends_with("2013-01-01\r\n"));
    assert_eq!(text.lines().count(), 2, "header and one example row");
}
