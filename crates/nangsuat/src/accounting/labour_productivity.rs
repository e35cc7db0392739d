//! Labour productivity of annual series, per worker and per hour (METHODS §1).

use crate::error::Result;
use crate::series::AnnualSeries;

/// Labour productivity per worker `Y/L` — Vietnam's official definition (GDP at constant prices
/// ÷ average employed persons), METHODS §1. The unit is output's unit per person.
///
/// # Errors
/// [`Error::MissingYear`](crate::Error::MissingYear) if the two series do not cover the same years;
/// [`Error::NonPositive`](crate::Error::NonPositive) if employment is zero or negative in some year.
///
/// # Examples
/// ```
/// use nangsuat::{accounting::labour_productivity::labour_productivity, AnnualSeries};
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
