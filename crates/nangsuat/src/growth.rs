//! Growth rates (METHODS §1): log and discrete growth, CAGR, and conversions between them.
//!
//! Rates are fractions (0.07 is 7 %). Log growth `ln(x_t/x_{t−1})` is what growth accounting
//! adds up; discrete growth `x_t/x_{t−1} − 1` is what Vietnam's GSO publishes. Never mix them in
//! one comparison.

/// Log growth `ln(current/previous)`, a fraction.
///
/// Inputs must be positive; the function itself does not check (see
/// [`AnnualSeries::log_growth`](crate::AnnualSeries::log_growth) for the checked form).
#[inline]
pub fn log_growth(previous: f64, current: f64) -> f64 {
    (current / previous).ln()
}

/// Discrete growth `current/previous − 1`, a fraction.
#[inline]
pub fn simple_growth(previous: f64, current: f64) -> f64 {
    current / previous - 1.0
}

/// Compound annual growth rate from `start` to `end` over `years` years:
/// `(end/start)^(1/years) − 1` (METHODS §1). A fraction.
///
/// Where `end/start` itself overflows or vanishes (values hundreds of orders of magnitude
/// apart, both of one sign), its logarithm is taken as `ln|end| − ln|start|`, so a rate that
/// fits is still computed; one that does not is `+∞` (callers report it as undefined).
///
/// ```
/// let g = nangsuat::growth::cagr(100.0, 140.255_173, 5.0);
/// assert!((g - 0.07).abs() < 1e-8);
/// // 5e-324 to 580 over 10 years: the ratio overflows, the rate (≈ 2.3e32) does not.
/// let g = nangsuat::growth::cagr(5e-324, 580.0, 10.0);
/// assert!(g.is_finite() && (g.ln() / (580f64.ln() - 5e-324f64.ln()) * 10.0 - 1.0).abs() < 1e-3);
/// ```
#[inline]
pub fn cagr(start: f64, end: f64, years: f64) -> f64 {
    let ratio = end / start;
    let same_sign =
        start != 0.0 && end != 0.0 && start.is_sign_negative() == end.is_sign_negative();
    let ln_ratio = if ratio.is_normal() || !same_sign {
        ratio.ln()
    } else {
        end.abs().ln() - start.abs().ln()
    };
    (ln_ratio / years).exp_m1()
}

/// Converts a log growth rate to a discrete one: `exp(g) − 1`.
#[inline]
pub fn log_to_simple(log_rate: f64) -> f64 {
    log_rate.exp_m1()
}

/// Converts a discrete growth rate to a log one: `ln(1 + g)`.
#[inline]
pub fn simple_to_log(simple_rate: f64) -> f64 {
    simple_rate.ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_round_trip() {
        for g in [-0.5, -0.01, 0.0, 0.07, 1.5] {
            assert!((log_to_simple(simple_to_log(g)) - g).abs() < 1e-15);
        }
    }

    #[test]
    fn cagr_of_constant_growth() {
        let end = 100.0 * 1.07f64.powi(5);
        assert!((cagr(100.0, end, 5.0) - 0.07).abs() < 1e-14);
        assert_eq!(cagr(5.0, 5.0, 3.0), 0.0);
    }
}
