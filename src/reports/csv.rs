//! CSV for Excel/WPS: UTF-8 with a byte-order mark (so Excel on a Chinese Windows does not read it
//! as GBK), CRLF line ends, Excel's comma and quote rules (the `csv` crate). One header row and
//! the data rows; the sample marker travels in the source column of each sample row.

use super::{Cell, Report};

/// The byte-order mark Excel needs to recognise UTF-8.
pub const BOM: &str = "\u{feff}";

/// A cell that Excel would run as a formula ("=…", "+…", "@…") is written with a leading
/// apostrophe, so a value typed or imported by someone else cannot execute on a clerk's PC.
fn defuse(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{s}"),
        Some('-') if s.parse::<f64>().is_err() => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn value(c: &Cell) -> String {
    match c {
        Cell::Text(s) => defuse(s),
        other => other.display(),
    }
}

pub fn write(report: &Report) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failure would only drop the row.
    let _ = w.write_record(report.columns.iter().map(|c| c.header.as_str()));
    for row in &report.rows {
        let _ = w.write_record(row.iter().map(value));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}
