//! Checked date arithmetic for dates and day counts that come from data (a file, a form or
//! storage). chrono's `+ Duration` panics past its range and the release wasm aborts on panic,
//! so data-driven arithmetic goes through here and the field checks keep dates in a sane range.

use chrono::{Duration, NaiveDate};

/// The earliest date a record may carry.
pub const DATE_MIN: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("valid constant date"),
};
/// The latest date a record may carry.
pub const DATE_MAX: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("valid constant date"),
};

/// `d` plus `n` days (negative `n` goes back); `None` past chrono's range instead of a panic.
pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let delta = Duration::try_days(n)?;
    d.checked_add_signed(delta)
}

/// Within `DATE_MIN..=DATE_MAX`.
pub fn in_range(d: NaiveDate) -> bool {
    (DATE_MIN..=DATE_MAX).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_days_is_checked() {
        assert_eq!(add_days(NaiveDate::MAX, 1), None);
        assert_eq!(add_days(NaiveDate::MIN, -1), None);
        assert_eq!(add_days(DATE_MIN, i64::MAX), None);
        assert_eq!(
            add_days(DATE_MAX, -1),
            NaiveDate::from_ymd_opt(2199, 12, 30)
        );
        assert!(in_range(DATE_MIN) && in_range(DATE_MAX) && !in_range(NaiveDate::MAX));
    }
}
