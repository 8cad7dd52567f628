//! The virtual lists' arithmetic (src/list_window.rs): which rows are drawn for a scroll offset,
//! the spacers that keep the scrollbar true, and the filter scan. Expected values by hand.

use parkdesk::list_window::{matching, spacers, window};

#[test]
fn the_top_of_a_long_list_draws_the_visible_rows_and_the_overscan_below() {
    // 400 px / 40 px = 10 rows, +1 for a row cut at the edge, +5 below.
    assert_eq!(window(0.0, 400.0, 40.0, 5, 30_000), 0..16);
}

#[test]
fn a_scrolled_list_draws_from_overscan_rows_above_the_first_visible() {
    // 4,000 px down: row 100 is at the top; 95..100 above, 100..111 visible, 111..116 below.
    assert_eq!(window(4_000.0, 400.0, 40.0, 5, 30_000), 95..116);
    // Half a row further the same rows are enough (row 100 is partly visible).
    assert_eq!(window(4_020.0, 400.0, 40.0, 5, 30_000), 95..116);
}

#[test]
fn the_end_of_the_list_draws_the_last_row() {
    // The furthest the box scrolls: 30,000 × 40 − 400.
    let r = window(1_199_600.0, 400.0, 40.0, 5, 30_000);
    assert_eq!(r.end, 30_000);
    assert_eq!(r, 29_984..30_000);
}

#[test]
fn an_offset_past_the_end_after_a_filter_shows_the_last_rows() {
    // Scrolled to row 1,000, then the filter leaves 7 rows: all 7 are drawn, not none.
    assert_eq!(window(40_000.0, 400.0, 40.0, 5, 7), 0..7);
    assert_eq!(window(40_000.0, 400.0, 40.0, 5, 100), 84..100);
}

#[test]
fn a_short_list_is_drawn_whole_and_an_empty_one_not_at_all() {
    assert_eq!(window(0.0, 400.0, 40.0, 5, 3), 0..3);
    assert_eq!(window(0.0, 400.0, 40.0, 5, 0), 0..0);
}

#[test]
fn unmeasured_sizes_still_draw_a_row() {
    // Before the box is laid out (0 px) or with a nonsense row height.
    assert_eq!(window(0.0, 0.0, 40.0, 0, 100), 0..2);
    assert_eq!(window(f64::NAN, 400.0, 0.0, 0, 100).start, 0);
    assert!(!window(-50.0, 400.0, -1.0, 0, 100).is_empty());
}

#[test]
fn spacers_stand_for_the_rows_not_drawn() {
    // 95 rows above, 30,000 − 116 below, 40 px each.
    assert_eq!(spacers(&(95..116), 30_000, 40.0), (3_800.0, 1_195_360.0));
    // With everything drawn both are empty; the drawn rows plus spacers make the full height.
    assert_eq!(spacers(&(0..7), 7, 40.0), (0.0, 0.0));
    let (top, bottom) = spacers(&(95..116), 30_000, 40.0);
    assert_eq!(top + 21.0 * 40.0 + bottom, 30_000.0 * 40.0);
}

#[test]
fn the_filter_scan_keeps_the_positions_of_matching_rows() {
    let texts = [
        "PER-001\u{1f}张三",
        "PER-002\u{1f}李四",
        "PER-T-003\u{1f}张伟",
    ];
    assert_eq!(matching(texts, ""), vec![0, 1, 2]);
    assert_eq!(matching(texts, "张"), vec![0, 2]);
    assert_eq!(matching(texts, "PER-T"), vec![2]);
    assert!(matching(texts, "王").is_empty());
}
