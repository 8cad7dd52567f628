//! CSV for Excel/WPS: UTF-8 with a byte-order mark (so Excel on a Chinese Windows does not read it
//! as GBK), CRLF line ends, Excel's comma and quote rules (the `csv` crate). One header row and
//! the data rows; the sample marker travels in the source column of each sample row.

use super::{Cell, Report};

/// The byte-order mark Excel needs to recognise UTF-8.
pub const BOM: &str = "\u{feff}";

/// A text cell that Excel would run as a formula ("=…", "+…", "-…", "@…", tab, CR) is written
/// with a leading apostrophe, so a value typed or imported by someone else cannot execute on a
/// clerk's PC. Numbers are typed cells ([`Cell::Int`], [`Cell::Num`], …) and stay numbers.
fn defuse(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn value(c: &Cell) -> String {
    match c {
        Cell::Text(s) => defuse(s),
        other => other.display(),
    }
}

/// Every CSV the app produces goes through here: a header row and rows of typed cells, text
/// defused against formula injection, written with Excel's quoting, CRLF and a byte-order mark.
pub fn write_rows<'a, H, R>(header: H, rows: R) -> String
where
    H: IntoIterator<Item = &'a str>,
    R: IntoIterator,
    R::Item: IntoIterator,
    <R::Item as IntoIterator>::Item: std::borrow::Borrow<Cell>,
{
    use std::borrow::Borrow;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failure would only drop the row.
    let _ = w.write_record(header.into_iter().map(defuse));
    for row in rows {
        let _ = w.write_record(row.into_iter().map(|c| value(c.borrow())));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// A [`Report`] as CSV, through [`write_rows`].
pub fn write(report: &Report) -> String {
    write_rows(
        report.columns.iter().map(|c| c.header.as_str()),
        report.rows.iter(),
    )
}
