//! Which rows of a long list are in view: the arithmetic of `ui::virtual_list`, plain Rust so it
//! is tested natively (tests/list_window.rs).
//!
//! Every row has the same height; the list is a top spacer, the rows `first..last`, and a bottom
//! spacer, so the scrollbar is as long as if every row were there.

use std::ops::Range;

/// The rows to render for a viewport at `scroll_top` (px from the top of the first row) of
/// `viewport` px, rows `row_height` px high, `overscan` rows more on each side, `total` rows.
///
/// Always within `0..total`; never empty while `total > 0` (a scroll offset past the end, as
/// after a filter shrank the list, shows the last rows). A viewport not measured yet (0 px) or a
/// row height of 0 is treated as one row.
pub fn window(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    overscan: usize,
    total: usize,
) -> Range<usize> {
    if total == 0 {
        return 0..0;
    }
    let h = if row_height.is_finite() && row_height > 0.0 {
        row_height
    } else {
        1.0
    };
    let top = if scroll_top.is_finite() && scroll_top > 0.0 {
        scroll_top
    } else {
        0.0
    };
    let view = if viewport.is_finite() && viewport > 0.0 {
        viewport
    } else {
        h
    };
    // Rows the viewport can show, counting a partly visible row at each edge.
    let visible = ((view / h).ceil() as usize).max(1) + 1;
    let first_visible = ((top / h).floor() as usize).min(total.saturating_sub(visible));
    let first = first_visible.saturating_sub(overscan);
    let last = (first_visible + visible + overscan).min(total);
    first..last
}

/// Heights in px of the spacers above and below the rendered `range` of `total` rows.
pub fn spacers(range: &Range<usize>, total: usize, row_height: f64) -> (f64, f64) {
    let end = range.end.min(total);
    let start = range.start.min(end);
    (start as f64 * row_height, (total - end) as f64 * row_height)
}

/// Positions of the rows whose precomputed search text contains `needle` (all rows when it is
/// empty): the per-keystroke part of a list filter, one plain scan.
pub fn matching<'a>(texts: impl IntoIterator<Item = &'a str>, needle: &str) -> Vec<u32> {
    texts
        .into_iter()
        .enumerate()
        .filter(|(_, t)| needle.is_empty() || t.contains(needle))
        .map(|(i, _)| i as u32)
        .collect()
}
