//! 计分方法 | The seven scoring methods of an indicator (shared/domain.md §6.4), as pure
//! functions of the indicator's points P, its target T and the assessee's actual X (and, for the
//! relative methods, the peers' values). Each returns the points earned, unrounded; the scheme
//! rounds every indicator score to 0.01 point with [`centi`] before adding them up, so totals
//! and ties are exact.
//!
//! - 完成率计分 CompletionLinear: s = P × min(X / T, cap); "lower is better": P × min(T / X, cap).
//! - 基数+超额加分 BasePlusIncrement [P31]: at the base 0.8 P; each full 5 % over the base adds
//!   1 point, the bonus at most 0.5 P; below the base 0.8 P × X / base.
//! - 与第一名比值 RatioToBest [P33]: s = P × X / best (lower is better: P × best / X).
//! - 功效系数法 EfficacyCoefficient [K]: s = P × (60 + 40 × (X − min) / (max − min)) / 100; all
//!   peers equal → P (lower is better: (max − X) instead of (X − min)).
//! - 扣分制 Deduction: s = max(0, P − Σ deductions).
//! - 定性评价 Qualitative: s = P × share(rating) (default 好 1.0 / 较好 0.85 / 一般 0.7 / 较差 0.5).
//! - 加分项 BonusItem: s = min(max, Σ bonus events), never below 0.

/// True for zero, negatives and NaN: a divisor or step that cannot be used.
pub fn not_positive(x: f64) -> bool {
    x.is_nan() || x <= 0.0
}

/// Points in hundredths (0.01 point), rounded half up: how every indicator score, threshold and
/// total is compared. Scores are never negative, so "half up" is "half away from zero".
pub fn centi(points: f64) -> i64 {
    if !points.is_finite() {
        return 0;
    }
    // The small epsilon keeps 12.345 (stored as 12.34499…) rounding the way a clerk expects.
    let x = points * 100.0;
    if x >= 0.0 {
        (x + 0.5 + 1e-7).floor() as i64
    } else {
        -((-x + 0.5 + 1e-7).floor() as i64)
    }
}

/// A value in hundredths as text: 1234 → "12.34".
pub fn centi_text(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    let c = c.abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

/// 完成率计分. `None` when the ratio is undefined (no positive target).
pub fn completion(
    points: f64,
    target: f64,
    actual: f64,
    cap: f64,
    lower_is_better: bool,
) -> Option<f64> {
    if not_positive(target) || !actual.is_finite() {
        return None;
    }
    let ratio = if lower_is_better {
        if actual <= 0.0 { cap } else { target / actual }
    } else {
        actual.max(0.0) / target
    };
    Some(points * ratio.min(cap))
}

/// Parameters of 基数+超额加分 (Appendix C: base 80 %, +1 per 5 %, bonus ≤ 50 %).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Increment {
    /// Share of P earned at the base (0.8).
    pub base_share: f64,
    /// Percent over the base per step (5).
    pub step_pct: f64,
    /// Points per full step (1).
    pub step_points: f64,
    /// Largest bonus as a share of P (0.5).
    pub max_bonus_share: f64,
}

impl Default for Increment {
    fn default() -> Self {
        Increment {
            base_share: 0.8,
            step_pct: 5.0,
            step_points: 1.0,
            max_bonus_share: 0.5,
        }
    }
}

/// 基数+超额加分. Only full steps count (10.9 % over the base with 5 % steps is two steps).
/// `None` without a positive base.
pub fn base_plus_increment(points: f64, base: f64, actual: f64, p: Increment) -> Option<f64> {
    if not_positive(base) || !actual.is_finite() || not_positive(p.step_pct) {
        return None;
    }
    let at_base = p.base_share * points;
    if actual < base {
        return Some(at_base * actual.max(0.0) / base);
    }
    // (X − base) × 100 / (base × step) is exact for the usual whole-number inputs, unlike
    // (X / base − 1) × 100 / step (1.15 − 1 = 0.1499…).
    let steps = ((actual - base) * 100.0 / (base * p.step_pct) + 1e-9).floor();
    let bonus = (steps * p.step_points).min(p.max_bonus_share * points);
    Some(at_base + bonus)
}

/// 与第一名比值. `best` is the peers' largest value (the smallest when lower is better). `None`
/// when it gives nothing to compare with.
pub fn ratio_to_best(points: f64, value: f64, best: f64, lower_is_better: bool) -> Option<f64> {
    if !value.is_finite() || !best.is_finite() {
        return None;
    }
    if lower_is_better {
        if value <= 0.0 || best <= 0.0 {
            // Nothing is better than zero: the best (or an assessee at zero) earns the full points.
            return Some(if value <= best.max(0.0) { points } else { 0.0 });
        }
        Some(points * (best / value).min(1.0))
    } else {
        if not_positive(best) {
            return None;
        }
        Some(points * (value.max(0.0) / best).min(1.0))
    }
}

/// 功效系数法 with the floor and span of the scheme (60 and 40 by default). All peers equal → P.
pub fn efficacy(
    points: f64,
    value: f64,
    min: f64,
    max: f64,
    floor: f64,
    span: f64,
    lower_is_better: bool,
) -> Option<f64> {
    if !value.is_finite() || !min.is_finite() || !max.is_finite() || max < min {
        return None;
    }
    if max == min {
        return Some(points);
    }
    let t = if lower_is_better {
        (max - value) / (max - min)
    } else {
        (value - min) / (max - min)
    };
    let t = t.clamp(0.0, 1.0);
    Some(points * (floor + span * t) / 100.0)
}

/// 扣分制: the points less the deductions, never below zero.
pub fn deduction(points: f64, deducted: f64) -> f64 {
    (points - deducted.max(0.0)).max(0.0)
}

/// 定性评价: the share of the points the rating earns.
pub fn qualitative(points: f64, share: f64) -> f64 {
    points * share.clamp(0.0, 1.0)
}

/// 加分项: the bonus events' sum, at most `max`.
pub fn bonus_item(max: f64, total: f64) -> f64 {
    total.clamp(0.0, max.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centi_rounds_half_up() {
        assert_eq!(centi(12.345), 1235);
        assert_eq!(centi(12.344), 1234);
        assert_eq!(centi(0.0), 0);
        assert_eq!(centi_text(1235), "12.35");
        assert_eq!(centi_text(5), "0.05");
    }
}
