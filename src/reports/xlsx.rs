//! Excel workbooks (.xlsx, rust_xlsxwriter): a title row, a line with the office, the as-of date
//! and the 示例 SAMPLE marker, a bold header row frozen above the data with an autofilter,
//! typed cells with number/date/percent formats, column widths from the content (CJK characters
//! count double), and A4 page setup with repeated header rows and page numbers for printing
//! from Excel/WPS.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format as XFormat, FormatAlign, FormatBorder, Workbook,
    XlsxError,
};

use chrono::Datelike;

use super::{Cell, Format, Report, SAMPLE_MARK};

/// Row of the title, the subtitle and the header (0-based); data starts below the header.
pub const TITLE_ROW: u32 = 0;
pub const SUBTITLE_ROW: u32 = 1;
pub const HEADER_ROW: u32 = 2;
pub const FIRST_DATA_ROW: u32 = 3;

/// Display width of a text in Excel's character units: CJK and full-width characters take two.
fn text_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// A worksheet name Excel accepts: at most 31 characters, none of []:*?/\.
fn sheet_name(title: &str) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Sheet1".into()
    } else {
        clean
    }
}

/// The workbook as bytes, ready to download.
pub fn write(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(&report.title)
            .set_company(&report.office)
            .set_author("ParkDesk 园区改革工作台")
            .set_comment(report.subtitle()),
    );
    let title_fmt = XFormat::new().set_bold().set_font_size(16);
    let sub_fmt = if report.sample_rows > 0 {
        XFormat::new()
            .set_font_color(Color::RGB(0xB45309))
            .set_bold()
    } else {
        XFormat::new().set_font_color(Color::RGB(0x555555))
    };
    let header_fmt = XFormat::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xE8EEF4))
        .set_border_bottom(FormatBorder::Thin);
    let formats: Vec<XFormat> = report
        .columns
        .iter()
        .map(|c| XFormat::new().set_num_format(c.format.excel()))
        .collect();
    let sample_fmt = XFormat::new().set_font_color(Color::RGB(0xB45309));

    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&report.title))?;
    let last_col = report.columns.len().saturating_sub(1) as u16;
    if last_col > 0 {
        ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last_col, &report.title, &title_fmt)?;
        ws.merge_range(
            SUBTITLE_ROW,
            0,
            SUBTITLE_ROW,
            last_col,
            &report.subtitle(),
            &sub_fmt,
        )?;
    } else {
        ws.write_string_with_format(TITLE_ROW, 0, &report.title, &title_fmt)?;
        ws.write_string_with_format(SUBTITLE_ROW, 0, report.subtitle(), &sub_fmt)?;
    }
    ws.set_row_height(TITLE_ROW, 24)?;
    let mut widths: Vec<usize> = report
        .columns
        .iter()
        .map(|c| text_width(&c.header))
        .collect();
    for (col, c) in report.columns.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, col as u16, &c.header, &header_fmt)?;
    }
    for (i, row) in report.rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            let fmt = formats.get(col).unwrap_or(&formats[0]);
            match cell {
                Cell::Empty => {}
                Cell::Text(s) if s == SAMPLE_MARK => {
                    ws.write_string_with_format(r, c, s, &sample_fmt)?;
                }
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Int(n) => {
                    ws.write_number_with_format(r, c, *n as f64, fmt)?;
                }
                Cell::Num(x) => {
                    ws.write_number_with_format(r, c, *x, fmt)?;
                }
                Cell::Percent(p) => {
                    ws.write_number_with_format(r, c, *p, fmt)?;
                }
                Cell::Date(d) => {
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, c, &dt, fmt)?;
                }
            }
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(text_width(&cell.display()));
            }
        }
    }
    for (col, (w, c)) in widths.iter().zip(&report.columns).enumerate() {
        let min = if c.format == Format::Date { 11 } else { 6 };
        ws.set_column_width(col as u16, (*w + 2).clamp(min, 48) as f64)?;
    }
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    if !report.rows.is_empty() {
        ws.autofilter(
            HEADER_ROW,
            0,
            HEADER_ROW + report.rows.len() as u32,
            last_col,
        )?;
    }
    // Printing from Excel/WPS: A4, header rows on every page, page numbers in the footer.
    ws.set_paper_size(9);
    if report.columns.len() > 8 {
        ws.set_landscape();
    }
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_print_fit_to_pages(1, 0);
    // "&" starts a code in Excel headers, so a literal one is doubled.
    let esc = |s: &str| s.replace('&', "&&");
    ws.set_header(format!("&L{}&R{}", esc(&report.title), esc(&report.office)));
    ws.set_footer("&C&P / &N");
    wb.save_to_buffer()
}
