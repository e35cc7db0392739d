//! The perpetual-inventory recursion with a given initial stock and depreciation that may
//! change from year to year (METHODS §4; OECD, *Measuring Capital*, 2009, ch. 6).
//!
//! [`super::capital::PerpetualInventory`] estimates the initial stock (Harberger 1978) at one
//! constant rate; statistics offices also carry a stock forward from a benchmark (a census of
//! fixed assets, a published stock) and change δ when the asset mix changes. [`accumulate`]
//! does that: `K_0` given (the stock at the end of the first year), then
//! `K_t = (1 − δ_t)K_{t−1} + I_t` (end of year) or `(1 − δ_t)K_{t−1} + (1 − δ_t/2)I_t`
//! (mid-year), with `δ_t` the rate of year `t`.

use crate::accounting::capital::{Timing, representable_stock};
use crate::error::{Error, Result};

/// The capital stock by year from real investment `investment` (one value per consecutive
/// year; the first year's is already in `initial_stock`), per-year depreciation rates
/// `depreciation` (same length; the first is not used by the recursion) and a positive
/// `initial_stock` at the end of the first year.
///
/// # Errors
/// [`Error::Empty`] for no year; [`Error::LengthMismatch`] if the columns differ in length;
/// [`Error::OutOfRange`] for a depreciation rate outside (0, 1), a non-finite investment or
/// a non-positive or non-finite initial stock, naming the position.
///
/// # Examples
/// ```
/// use nangsuat::accounting::capital::Timing;
/// use nangsuat::accounting::inventory::accumulate;
/// let k = accumulate(&[10.0, 12.0, 8.0], &[0.1, 0.1, 0.2], Timing::EndOfYear, 100.0)?;
/// assert!((k[1] - (0.9 * 100.0 + 12.0)).abs() < 1e-12);
/// assert!((k[2] - (0.8 * k[1] + 8.0)).abs() < 1e-12);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn accumulate(
    investment: &[f64],
    depreciation: &[f64],
    timing: Timing,
    initial_stock: f64,
) -> Result<Vec<f64>> {
    if investment.is_empty() {
        return Err(Error::Empty {
            series: "investment".into(),
            needed: 1,
        });
    }
    if depreciation.len() != investment.len() {
        return Err(Error::LengthMismatch {
            series: "depreciation".into(),
            expected: investment.len(),
            actual: depreciation.len(),
        });
    }
    if !(initial_stock.is_finite() && initial_stock > 0.0) {
        return Err(Error::OutOfRange {
            name: "initial_stock".into(),
            year: None,
            value: initial_stock,
            expected: "a positive finite stock".into(),
        });
    }
    let mut stock = Vec::with_capacity(investment.len());
    let mut k = initial_stock;
    stock.push(k);
    for (t, (&i, &d)) in investment.iter().zip(depreciation).enumerate().skip(1) {
        if !(d.is_finite() && d > 0.0 && d < 1.0) {
            return Err(Error::OutOfRange {
                name: format!("depreciation[{t}]"),
                year: None,
                value: d,
                expected: "a rate in (0, 1), e.g. 0.05 for 5 %/year".into(),
            });
        }
        if !i.is_finite() {
            return Err(Error::OutOfRange {
                name: format!("investment[{t}]"),
                year: None,
                value: i,
                expected: "a finite real investment".into(),
            });
        }
        let entry = match timing {
            Timing::MidYear => 1.0 - d / 2.0,
            Timing::EndOfYear => 1.0,
        };
        k = representable_stock(format!("stock[{t}]"), None, (1.0 - d) * k + entry * i)?;
        stock.push(k);
    }
    Ok(stock)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounting::capital::PerpetualInventory;
    use crate::series::AnnualSeries;

    #[test]
    fn a_stock_beyond_a_double_is_an_error() {
        let e = accumulate(
            &[1.0, 1.7e308, 1.7e308],
            &[0.05; 3],
            Timing::EndOfYear,
            1e-300,
        )
        .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange);
        assert!(e.to_string().contains("stock[2] = inf"), "{e}");
        let huge = AnnualSeries::new("i", (2000..2008).collect(), vec![1.7e308; 8]).unwrap();
        let e = PerpetualInventory::new(0.05)
            .unwrap()
            .estimate(&huge)
            .unwrap_err();
        assert!(e.to_string().contains("capital_stock"), "{e}");
    }

    #[test]
    fn constant_rate_matches_harberger_estimate() {
        let inv: Vec<f64> = (0..12).map(|t| 50.0 * 1.07f64.powi(t) + t as f64).collect();
        let series = AnnualSeries::new("i", (2000..2012).collect(), inv.clone()).unwrap();
        for timing in [Timing::EndOfYear, Timing::MidYear] {
            let est = PerpetualInventory::new(0.06)
                .unwrap()
                .timing(timing)
                .estimate(&series)
                .unwrap();
            let k = accumulate(&inv, &[0.06; 12], timing, est.initial_stock).unwrap();
            for (a, b) in k.iter().zip(est.stock.values()) {
                assert!((a - b).abs() <= 1e-12 * b, "{a} {b}");
            }
        }
    }

    #[test]
    fn errors_name_the_position() {
        let e = accumulate(&[1.0, 1.0], &[0.1, 1.5], Timing::EndOfYear, 1.0).unwrap_err();
        assert!(e.to_string().contains("depreciation[1]"), "{e}");
        assert!(accumulate(&[1.0], &[0.1, 0.1], Timing::EndOfYear, 1.0).is_err());
        assert!(accumulate(&[1.0], &[0.1], Timing::EndOfYear, 0.0).is_err());
        assert!(accumulate(&[], &[], Timing::EndOfYear, 1.0).is_err());
        let e = accumulate(&[1.0, f64::NAN], &[0.1, 0.1], Timing::MidYear, 1.0).unwrap_err();
        assert!(e.to_string().contains("investment[1]"), "{e}");
    }
}
