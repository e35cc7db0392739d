//! Capital stocks by the perpetual inventory method (METHODS §4).
//!
//! `K_t = (1 − δ)K_{t−1} + I_t` (end-of-year convention) or `(1 − δ)K_{t−1} + (1 − δ/2)I_t`
//! (mid-year; OECD, *Measuring Capital*, 2009, ch. 6), with geometric depreciation at rate δ.
//! The initial stock comes from Harberger (1978): `K_0 = I_0/(g + δ)`, with `g` the average
//! growth of real investment (or of output) over a first window. Investment must be real
//! (constant prices). Estimates for Vietnam move by 2–3 pp/yr with δ, the window and the basis,
//! so all three are parameters and are recorded in the result.

use crate::error::{Error, Result};
use crate::series::AnnualSeries;
use serde::{Deserialize, Serialize};

/// When in the year investment enters the stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Timing {
    /// Investment of year t is fully in the stock at the end of year t: `K_t = (1−δ)K_{t−1} + I_t`.
    #[default]
    EndOfYear,
    /// Investment arrives evenly through the year and depreciates for half a year:
    /// `K_t = (1−δ)K_{t−1} + (1 − δ/2) I_t`.
    MidYear,
}

/// Which series' growth sets `g` in the Harberger initial stock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GrowthBasis {
    /// The average growth of real investment itself (Harberger 1978).
    Investment,
    /// The average growth of real output, given as a series (the steady-state argument).
    Output(AnnualSeries),
    /// The trend growth `b` of a fitted `ln I_t = a + b·t` (Nehru & Dhareshwar 1993); the
    /// initial stock then uses the fitted, not the observed, first investment.
    LogLinearTrend,
}

/// Parameters of a perpetual-inventory estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PerpetualInventory {
    /// Geometric depreciation rate δ, a fraction per year (e.g. 0.05).
    pub depreciation: f64,
    /// End-of-year or mid-year convention.
    pub timing: Timing,
    /// Number of years in the first window over which `g` is averaged (≥ 2 years, so ≥ 1 growth).
    pub window: usize,
    /// Which growth sets `g`.
    pub basis: GrowthBasis,
}

/// A capital-stock estimate with the parameters that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CapitalStock {
    /// The stock by year (end of year), named `capital_stock`.
    pub stock: AnnualSeries,
    /// The initial stock `K_0` at the end of the first investment year.
    pub initial_stock: f64,
    /// The growth `g` used in the Harberger formula, a fraction per year.
    pub initial_growth: f64,
    /// The parameters.
    pub parameters: PerpetualInventory,
}

impl PerpetualInventory {
    /// Parameters with end-of-year timing, a 5-year window and investment as the basis.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] unless `0 < depreciation < 1`.
    pub fn new(depreciation: f64) -> Result<Self> {
        if !(depreciation.is_finite() && depreciation > 0.0 && depreciation < 1.0) {
            return Err(Error::OutOfRange {
                name: "depreciation".into(),
                year: None,
                value: depreciation,
                expected: "a rate in (0, 1), e.g. 0.05 for 5 %/year".into(),
            });
        }
        Ok(PerpetualInventory {
            depreciation,
            timing: Timing::EndOfYear,
            window: 5,
            basis: GrowthBasis::Investment,
        })
    }

    /// Sets the timing convention.
    pub fn timing(mut self, timing: Timing) -> Self {
        self.timing = timing;
        self
    }

    /// Sets the window (in years) over which the initial growth is averaged.
    pub fn window(mut self, years: usize) -> Self {
        self.window = years;
        self
    }

    /// Sets the basis of the initial growth.
    pub fn basis(mut self, basis: GrowthBasis) -> Self {
        self.basis = basis;
        self
    }

    /// Builds the capital stock from real investment.
    ///
    /// # Errors
    /// [`Error::MissingYear`] if investment years are not consecutive;
    /// [`Error::NonPositive`] for non-positive investment in the window;
    /// [`Error::InsufficientData`] if the series is shorter than the window;
    /// [`Error::InvalidParameter`] if `g + δ ≤ 0` (no finite steady-state stock).
    ///
    /// # Examples
    /// ```
    /// use nangsuat::{accounting::capital::PerpetualInventory, AnnualSeries};
    /// let inv = AnnualSeries::new("investment", (2000..2010).collect(),
    ///     (0..10).map(|t| 100.0 * 1.05f64.powi(t)).collect())?;
    /// let k = PerpetualInventory::new(0.05)?.window(5).estimate(&inv)?;
    /// // Harberger: K_0 = I_0 / (g + δ) = 100 / (0.05 + 0.05)
    /// assert!((k.initial_stock - 1000.0).abs() < 1e-9);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn estimate(&self, investment: &AnnualSeries) -> Result<CapitalStock> {
        // Re-validate: the fields are public so a caller may have changed them.
        let delta = PerpetualInventory::new(self.depreciation)?.depreciation;
        investment.require_consecutive()?;
        if self.window < 2 {
            return Err(Error::invalid_parameter(
                "window",
                format!(
                    "{} year(s); at least 2 are needed to measure growth",
                    self.window
                ),
            ));
        }
        if investment.len() < self.window {
            return Err(Error::InsufficientData {
                what: format!("Harberger initial stock from `{}`", investment.name()),
                needed: self.window,
                available: investment.len(),
            });
        }
        let years = investment.years();
        let first = years[0];
        let last_window_year = years[self.window - 1];
        let inv = investment.values();
        let (g, base_investment) = match &self.basis {
            GrowthBasis::Investment => {
                check_positive(investment, self.window)?;
                (
                    crate::growth::cagr(inv[0], inv[self.window - 1], (self.window - 1) as f64),
                    inv[0],
                )
            }
            GrowthBasis::Output(output) => (output.cagr(first, last_window_year)?, inv[0]),
            GrowthBasis::LogLinearTrend => {
                check_positive(investment, self.window)?;
                let (a, b) = fit_log_linear(&inv[..self.window]);
                (b.exp_m1(), a.exp())
            }
        };
        if g + delta <= 0.0 {
            return Err(Error::invalid_parameter(
                "basis",
                format!(
                    "initial growth g = {g:.4} with depreciation {delta} gives g + δ ≤ 0; \
                     choose a longer window or another basis"
                ),
            ));
        }
        let entry = match self.timing {
            Timing::EndOfYear => 1.0,
            Timing::MidYear => 1.0 - delta / 2.0,
        };
        let stock_in =
            |t: usize, k: f64| representable_stock("capital_stock".into(), Some(years[t]), k);
        let initial_stock = stock_in(0, base_investment * entry / (g + delta))?;
        let mut stock = Vec::with_capacity(inv.len());
        let mut k = initial_stock;
        stock.push(k);
        for (t, &i) in inv.iter().enumerate().skip(1) {
            k = stock_in(t, (1.0 - delta) * k + entry * i)?;
            stock.push(k);
        }
        Ok(CapitalStock {
            stock: AnnualSeries::new("capital_stock", years.to_vec(), stock)?,
            initial_stock,
            initial_growth: g,
            parameters: self.clone(),
        })
    }
}

/// A stock the recursion carried beyond the range of a double is an error naming it (found by
/// a hostile-input probe: two investments of 1.7e308 gave a stock of +∞ as a value).
pub(crate) fn representable_stock(name: String, year: Option<i32>, k: f64) -> Result<f64> {
    if k.is_finite() {
        Ok(k)
    } else {
        Err(Error::OutOfRange {
            name,
            year,
            value: k,
            expected: "a finite stock: investment accumulates beyond the range of a 64-bit \
                       float; rescale investment (thousand or billion units)"
                .into(),
        })
    }
}

fn check_positive(investment: &AnnualSeries, window: usize) -> Result<()> {
    let years = investment.years();
    match investment.values()[..window].iter().position(|v| *v <= 0.0) {
        Some(i) => Err(Error::NonPositive {
            series: investment.name().into(),
            entity: None,
            year: years[i],
            value: investment.values()[i],
        }),
        None => Ok(()),
    }
}

/// Least squares `ln I_t = a + b·t`, t = 0, 1, …; returns (a, b).
fn fit_log_linear(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean_t = (n - 1.0) / 2.0;
    let mean_y = values.iter().map(|v| v.ln()).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in values.iter().enumerate() {
        let dt = t as f64 - mean_t;
        sxy += dt * (v.ln() - mean_y);
        sxx += dt * dt;
    }
    let b = sxy / sxx;
    (mean_y - b * mean_t, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn inv(n: i32, g: f64) -> AnnualSeries {
        AnnualSeries::new(
            "investment",
            (0..n).map(|t| 2000 + t).collect(),
            (0..n).map(|t| 100.0 * (1.0 + g).powi(t)).collect(),
        )
        .unwrap()
    }

    #[test]
    fn stock_converges_to_investment_growth() {
        // With investment growing at a constant g, the stock's growth converges to g.
        let k = PerpetualInventory::new(0.06)
            .unwrap()
            .estimate(&inv(40, 0.04))
            .unwrap();
        assert!((k.initial_growth - 0.04).abs() < 1e-12);
        let growth = k.stock.simple_growth().unwrap();
        let last = *growth.values().last().unwrap();
        assert!((last - 0.04).abs() < 1e-4, "{last}");
    }

    #[test]
    fn recursion_end_and_mid_year() {
        let i = AnnualSeries::new("i", vec![1, 2, 3], vec![10.0, 12.0, 8.0]).unwrap();
        let p = PerpetualInventory::new(0.1).unwrap().window(2);
        let k = p.estimate(&i).unwrap();
        let g = 0.2;
        let k0 = 10.0 / (g + 0.1);
        assert!((k.initial_stock - k0).abs() < 1e-12);
        let k1 = 0.9 * k0 + 12.0;
        assert!((k.stock.values()[1] - k1).abs() < 1e-12);
        assert!((k.stock.values()[2] - (0.9 * k1 + 8.0)).abs() < 1e-12);
        let m = p.timing(Timing::MidYear).estimate(&i).unwrap();
        let m0 = 10.0 * 0.95 / (g + 0.1);
        assert!((m.stock.values()[1] - (0.9 * m0 + 0.95 * 12.0)).abs() < 1e-12);
    }

    #[test]
    fn log_linear_trend_on_exact_exponential() {
        let k = PerpetualInventory::new(0.05)
            .unwrap()
            .basis(GrowthBasis::LogLinearTrend)
            .estimate(&inv(8, 0.05))
            .unwrap();
        assert!((k.initial_growth - 0.05).abs() < 1e-12);
        assert!((k.initial_stock - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn errors() {
        assert_eq!(
            PerpetualInventory::new(1.5).unwrap_err().kind(),
            ErrorKind::OutOfRange
        );
        let p = PerpetualInventory::new(0.05).unwrap();
        assert_eq!(
            p.clone()
                .window(20)
                .estimate(&inv(5, 0.0))
                .unwrap_err()
                .kind(),
            ErrorKind::InsufficientData
        );
        assert_eq!(
            p.clone()
                .window(1)
                .estimate(&inv(5, 0.0))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidParameter
        );
        // shrinking investment faster than depreciation: no finite steady state
        assert_eq!(
            p.estimate(&inv(6, -0.2)).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
        let gap = AnnualSeries::new("i", vec![1, 3], vec![1.0, 1.0]).unwrap();
        assert_eq!(
            PerpetualInventory::new(0.05)
                .unwrap()
                .estimate(&gap)
                .unwrap_err()
                .kind(),
            ErrorKind::MissingYear
        );
    }
}
