//! Office-ready reports: one table model shared by the Excel (xlsx), CSV and A4 print outputs.
//!
//! A report is described once, by one function in [`lists`] (columns and rows from the workspace
//! for an as-of date and a language). The writers never know which report they write:
//! [`xlsx::write`] adds the title rows, number formats, frozen header and column widths,
//! [`csv::write`] a plain table with a byte-order mark for Excel/WPS, and the UI's print view
//! renders the same [`Report`] as an HTML table with print CSS.
//!
//! Adding a report for a new area (staffing ledger, roster, ranking, …) is one function returning
//! a [`Report`] plus one `ReportTools` in its page (see ARCHITECTURE.md, "Reports").
//!
//! Plain Rust (no browser crates), so every report and writer is tested natively.

pub mod assessment;
pub mod csv;
pub mod lists;
pub mod outcomes;
pub mod people;
pub mod staffing;
pub mod xlsx;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::meta::Provenance;
use crate::domain::text::Lang;

/// How a column's values are typed and formatted (Excel number format, CSV text, print text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Text,
    /// Whole numbers, "#,##0".
    Int,
    /// Numbers with two decimals, "#,##0.00".
    Decimal,
    /// A fraction shown as a percentage with one decimal, "0.0%".
    Percent,
    /// A calendar date, "yyyy-mm-dd".
    Date,
}

impl Format {
    /// The Excel number format of the column.
    pub fn excel(self) -> &'static str {
        match self {
            Format::Text => "@",
            Format::Int => "#,##0",
            Format::Decimal => "#,##0.00",
            Format::Percent => "0.0%",
            Format::Date => "yyyy-mm-dd",
        }
    }
}

/// One value of a row. Numbers stay numbers so Excel can sum and sort them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Num(f64),
    /// A fraction (0.25 = 25%).
    Percent(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map(Cell::Date).unwrap_or(Cell::Empty)
    }

    /// The value as a person reads it (CSV and print).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => format!("{x:.2}"),
            Cell::Percent(p) => format!("{:.1}%", p * 100.0),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub format: Format,
}

impl Column {
    pub fn new(header: impl Into<String>, format: Format) -> Column {
        Column {
            header: header.into(),
            format,
        }
    }
}

/// A finished report: what every output writes. Serialisable, because the workbook is written
/// in a web worker (the xlsx writer is loaded only when used; see ui/reports.rs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Stable name, used in file names and element ids ("delegations", "catalogue", …).
    pub key: String,
    pub title: String,
    /// The office that produced it (the 本机单位 profile).
    pub office: String,
    pub as_of: NaiveDate,
    pub lang: Lang,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows that are sample data (badged 示例 SAMPLE in every output, BR-F1).
    pub sample_rows: usize,
}

impl Report {
    /// The line under the title: office, as-of date and, with sample rows, the SAMPLE marker.
    pub fn subtitle(&self) -> String {
        let date = self.as_of.format("%Y-%m-%d");
        let n = self.rows.len();
        let mut s = match self.lang {
            Lang::Zh => format!("编制单位：{} · 截至 {date} · 共 {n} 行", self.office),
            Lang::En => format!("Office: {} · As of {date} · {n} rows", self.office),
        };
        if self.sample_rows > 0 {
            s.push_str(&match self.lang {
                Lang::Zh => format!(" · 含示例数据 {SAMPLE_MARK}（{} 行）", self.sample_rows),
                Lang::En => format!(
                    " · includes sample data {SAMPLE_MARK} ({} rows)",
                    self.sample_rows
                ),
            });
        }
        s
    }

    /// "权力下放清单-2013-12-31" — the file name without its extension.
    pub fn file_stem(&self) -> String {
        let clean: String = self
            .title
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        format!("{clean}-{}", self.as_of.format("%Y-%m-%d"))
    }
}

/// The badge of sample data, the same in every language and output.
pub const SAMPLE_MARK: &str = "示例 SAMPLE";

/// The source column's value: SAMPLE is always named; data entered by users is left blank.
pub fn provenance_cell(p: Provenance, lang: Lang) -> Cell {
    match p {
        Provenance::Sample => Cell::text(SAMPLE_MARK),
        Provenance::UserEntered => Cell::Empty,
        other => Cell::text(other.label(lang)),
    }
}
