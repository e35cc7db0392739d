//! Growth rates and labour productivity (METHODS §1).
//!
//! Rates are fractions (0.07 is 7 %). Log growth `ln(x_t/x_{t−1})` is what growth accounting
//! adds up; discrete growth `x_t/x_{t−1} − 1` is what Vietnam's GSO publishes. Never mix them in
//! one comparison.

use crate::error::Result;
use crate::series::AnnualSeries;

/// Log growth `ln(current/previous)`, a fraction.
///
/// Inputs must be positive; the function itself does not check (see
/// [`AnnualSeries::log_growth`] for the checked form).
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
/// ```
/// let g = nangsuat::growth::cagr(100.0, 140.255_173, 5.0);
/// assert!((g - 0.07).abs() < 1e-8);
/// ```
#[inline]
pub fn cagr(start: f64, end: f64, years: f64) -> f64 {
    ((end / start).ln() / years).exp_m1()
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

/// Labour productivity per worker `Y/L` — Vietnam's official definition (GDP at constant prices
/// ÷ average employed persons), METHODS §1. The unit is output's unit per person.
///
/// # Errors
/// [`Error::MissingYear`](crate::Error::MissingYear) if the two series do not cover the same years;
/// [`Error::NonPositive`](crate::Error::NonPositive) if employment is zero or negative in some year.
///
/// # Examples
/// ```
/// use nangsuat::{growth::labour_productivity, AnnualSeries};
/// let gdp = AnnualSeries::new("gdp", vec![2022, 2023], vec![9_548.0, 10_221.0])?;
/// let emp = AnnualSeries::new("employment", vec![2022, 2023], vec![50.6, 51.3])?;
/// let lp = labour_productivity(&gdp, &emp)?;
/// assert!((lp.value(2023).unwrap() - 10_221.0 / 51.3).abs() < 1e-9);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn labour_productivity(
    output: &AnnualSeries,
    employment: &AnnualSeries,
) -> Result<AnnualSeries> {
    employment.require_positive()?;
    output.zip_with(employment, "labour_productivity_per_worker", |y, l| y / l)
}

/// Labour productivity per hour worked `Y/(L·h)` (OECD, APO), METHODS §1, with `h` the average
/// annual hours per worker.
///
/// # Errors
/// As [`labour_productivity`], for both employment and hours.
pub fn labour_productivity_per_hour(
    output: &AnnualSeries,
    employment: &AnnualSeries,
    hours_per_worker: &AnnualSeries,
) -> Result<AnnualSeries> {
    employment.require_positive()?;
    hours_per_worker.require_positive()?;
    let total_hours = employment.zip_with(hours_per_worker, "hours_worked", |l, h| l * h)?;
    output.zip_with(&total_hours, "labour_productivity_per_hour", |y, h| y / h)
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

    #[test]
    fn lp_per_hour() {
        let y = AnnualSeries::new("y", vec![1, 2], vec![100.0, 110.0]).unwrap();
        let l = AnnualSeries::new("l", vec![1, 2], vec![10.0, 10.0]).unwrap();
        let h = AnnualSeries::new("h", vec![1, 2], vec![2000.0, 1900.0]).unwrap();
        let lp = labour_productivity_per_hour(&y, &l, &h).unwrap();
        assert!((lp.values()[1] - 110.0 / 19_000.0).abs() < 1e-15);
        let zero = AnnualSeries::new("l", vec![1, 2], vec![10.0, 0.0]).unwrap();
        assert!(labour_productivity(&y, &zero).is_err());
    }
}
