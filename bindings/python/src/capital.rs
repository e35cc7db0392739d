//! Capital stocks by the perpetual inventory method on numpy buffers: Harberger or a given
//! initial stock, constant or per-year depreciation, end-of-year or mid-year timing.

use crate::errors::IntoPy;
use crate::structure::slice;
use nangsuat::accounting::capital::{GrowthBasis, PerpetualInventory, Timing};
use nangsuat::accounting::inventory::accumulate;
use nangsuat::{AnnualSeries, Error};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn timing(name: &str) -> PyResult<Timing> {
    match name {
        "end_of_year" | "end" => Ok(Timing::EndOfYear),
        "mid_year" | "mid" => Ok(Timing::MidYear),
        _ => Err(Error::InvalidParameter {
            name: "timing".into(),
            reason: format!("`{name}` is not one of end_of_year, mid_year"),
        })
        .py(),
    }
}

/// The stock by year, the initial stock and (for Harberger) the initial growth used.
/// `depreciation` holds one rate (constant) or one per year.
#[pyfunction]
#[pyo3(signature = (year, investment, depreciation, *, timing="end_of_year", initial_stock=None,
    window=5, basis="investment", output=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn capital_stock_columns<'py>(
    py: Python<'py>,
    year: PyReadonlyArray1<'py, i32>,
    investment: PyReadonlyArray1<'py, f64>,
    depreciation: PyReadonlyArray1<'py, f64>,
    timing: &str,
    initial_stock: Option<f64>,
    window: usize,
    basis: &str,
    output: Option<PyReadonlyArray1<'py, f64>>,
) -> PyResult<Bound<'py, PyDict>> {
    let timing = self::timing(timing)?;
    let (years, inv, rates) = (
        slice("year", &year)?,
        slice("investment", &investment)?,
        slice("depreciation", &depreciation)?,
    );
    let series = AnnualSeries::new("investment", years.to_vec(), inv.to_vec()).py()?;
    let basis = match basis {
        "investment" => GrowthBasis::Investment,
        "trend" | "log_linear_trend" => GrowthBasis::LogLinearTrend,
        "output" => {
            let output = output.as_ref().ok_or_else(|| {
                crate::errors::to_py_err(Error::InvalidParameter {
                    name: "output".into(),
                    reason: "basis=\"output\" needs the output series".into(),
                })
            })?;
            GrowthBasis::Output(
                AnnualSeries::new("output", years.to_vec(), slice("output", output)?.to_vec())
                    .py()?,
            )
        }
        _ => {
            return Err(Error::InvalidParameter {
                name: "basis".into(),
                reason: format!("`{basis}` is not one of investment, output, trend"),
            })
            .py();
        }
    };
    if inv.is_empty() {
        return Err(Error::Empty {
            series: "investment".into(),
            needed: 1,
        })
        .py();
    }
    let per_year: Vec<f64> = match rates.len() {
        1 => vec![rates[0]; inv.len()],
        _ => rates.to_vec(),
    };
    let first_rate = per_year.first().copied().unwrap_or(f64::NAN);
    let (stock, initial, growth) = py
        .detach(|| -> nangsuat::Result<(Vec<f64>, f64, Option<f64>)> {
            series.require_consecutive()?;
            match initial_stock {
                Some(k0) => Ok((accumulate(inv, &per_year, timing, k0)?, k0, None)),
                None => {
                    let est = PerpetualInventory::new(first_rate)?
                        .timing(timing)
                        .window(window)
                        .basis(basis)
                        .estimate(&series)?;
                    let stock = accumulate(inv, &per_year, timing, est.initial_stock)?;
                    Ok((stock, est.initial_stock, Some(est.initial_growth)))
                }
            }
        })
        .py()?;
    let d = PyDict::new(py);
    d.set_item("stock", stock.into_pyarray(py))?;
    d.set_item("initial_stock", initial)?;
    d.set_item("initial_growth", growth)?;
    Ok(d)
}
