//! Stochastic frontiers on numpy buffers: `y` (1-D), `x` and `z` (2-D C-contiguous float64),
//! unit codes (int64) and periods (int64) are borrowed, the GIL is released while the core
//! estimates, and the results come back as a dict of numpy arrays and Python values.
//! Undefined values are NaN with `false` in the `*_defined` mask.

use crate::errors::IntoPy;
use crate::interrupt::interruptible;
use nangsuat::Error;
use nangsuat::efficiency::sfa::{Boundary, Model, Sfa, SfaInput, StopReason};
use numpy::{
    IntoPyArray, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

fn contiguous<'a, T: numpy::Element>(
    name: &str,
    a: &'a PyReadonlyArray1<'_, T>,
) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: name.into(),
            reason: "the array is not contiguous; pass numpy.ascontiguousarray(...)".into(),
        })
    })
}

fn matrix<'a>(name: &str, a: &'a PyReadonlyArray2<'_, f64>) -> PyResult<(&'a [f64], usize)> {
    let columns = a.shape()[1];
    let values = a.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: name.into(),
            reason: "the matrix is not C-contiguous; pass numpy.ascontiguousarray(x)".into(),
        })
    })?;
    Ok((values, columns))
}

fn split(values: &[Option<f64>]) -> (Vec<f64>, Vec<bool>) {
    values
        .iter()
        .map(|v| (v.unwrap_or(f64::NAN), v.is_some()))
        .unzip()
}

/// Fits a stochastic frontier. `effects` selects the Battese–Coelli (1995) model (with `z`
/// and `delta0`); otherwise the error-components model (with `mu`, `eta`). Returns a dict:
/// names, params, std_errors(+_defined), covariance (or None), log_likelihood, ols, grid,
/// convergence, lr_test, efficiency(+_defined), inefficiency(+_defined), period means,
/// marginal effects and FRONTIER's printout (`report`).
#[pyfunction]
#[pyo3(signature = (y, x, *, z=None, unit=None, period=None, mu=false, eta=false,
    effects=false, delta0=true, cost=false, x_names=None, z_names=None, start=None,
    tolerance=1e-9, max_iterations=1000))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn sfa_fit<'py>(
    py: Python<'py>,
    y: PyReadonlyArray1<'py, f64>,
    x: PyReadonlyArray2<'py, f64>,
    z: Option<PyReadonlyArray2<'py, f64>>,
    unit: Option<PyReadonlyArray1<'py, i64>>,
    period: Option<PyReadonlyArray1<'py, i64>>,
    mu: bool,
    eta: bool,
    effects: bool,
    delta0: bool,
    cost: bool,
    x_names: Option<Vec<String>>,
    z_names: Option<Vec<String>>,
    start: Option<Vec<f64>>,
    tolerance: f64,
    max_iterations: usize,
) -> PyResult<Bound<'py, PyDict>> {
    let yv = contiguous("y", &y)?;
    let (xv, k) = matrix("x", &x)?;
    let mut input = SfaInput::new(yv, xv, k).py()?;
    if let Some(u) = &unit {
        input = input.units(contiguous("unit", u)?).py()?;
    }
    if let Some(p) = &period {
        input = input.periods(contiguous("period", p)?).py()?;
    }
    if let Some(zm) = &z {
        let (zv, p) = matrix("z", zm)?;
        input = input.effects(zv, p).py()?;
    }
    if let Some(names) = x_names {
        input = input.x_names(names).py()?;
    }
    if let Some(names) = z_names {
        input = input.z_names(names).py()?;
    }
    let model = if effects {
        Model::InefficiencyEffects { intercept: delta0 }
    } else {
        Model::ErrorComponents { mu, eta }
    };
    let sfa = Sfa::new(model)
        .cost(cost)
        .tolerance(tolerance)
        .max_iterations(max_iterations);
    let fit = interruptible(py, |c| sfa.fit_cancellable(&input, start.as_deref(), c))?.py()?;

    let d = PyDict::new(py);
    d.set_item("names", fit.names.clone())?;
    d.set_item("labels", fit.labels.clone())?;
    d.set_item("params", fit.params.clone().into_pyarray(py))?;
    let (se, se_defined) = split(&fit.std_errors);
    d.set_item("std_errors", se.into_pyarray(py))?;
    d.set_item("std_errors_defined", se_defined.into_pyarray(py))?;
    let n = fit.params.len();
    match &fit.covariance {
        Some(c) => d.set_item("covariance", c.clone().into_pyarray(py).reshape([n, n])?)?,
        None => d.set_item("covariance", py.None())?,
    }
    d.set_item("log_likelihood", fit.log_likelihood)?;
    let ols = PyDict::new(py);
    ols.set_item("beta", fit.ols.beta.clone().into_pyarray(py))?;
    ols.set_item("std_errors", fit.ols.std_errors.clone().into_pyarray(py))?;
    ols.set_item("sigma_sq", fit.ols.sigma_sq)?;
    ols.set_item("log_likelihood", fit.ols.log_likelihood)?;
    ols.set_item("skewness", fit.ols.skewness)?;
    d.set_item("ols", ols)?;
    d.set_item("grid_start", fit.grid_start.clone().into_pyarray(py))?;
    d.set_item("grid_log_likelihood", fit.grid_log_likelihood)?;
    let c = &fit.convergence;
    let conv = PyDict::new(py);
    conv.set_item("converged", c.converged)?;
    let stop = match c.stop {
        StopReason::Gradient => "gradient",
        StopReason::NoProgress => "no_progress",
        StopReason::LineSearchFailed => "line_search_failed",
        StopReason::MaxIterations => "max_iterations",
        _ => "other",
    };
    conv.set_item("stop", stop)?;
    conv.set_item("iterations", c.iterations)?;
    conv.set_item("evaluations", c.evaluations)?;
    conv.set_item("scaled_gradient", c.scaled_gradient)?;
    conv.set_item("tolerance", c.tolerance)?;
    d.set_item("convergence", conv)?;
    let lr = PyDict::new(py);
    lr.set_item("statistic", fit.lr_test.statistic)?;
    lr.set_item("restrictions", fit.lr_test.restrictions)?;
    lr.set_item("critical_value_5pct", fit.lr_test.critical_value_5pct)?;
    lr.set_item("critical_value_1pct", fit.lr_test.critical_value_1pct)?;
    lr.set_item("p_value", fit.lr_test.p_value)?;
    d.set_item("lr_test", lr)?;
    d.set_item("wrong_skewness", fit.wrong_skewness)?;
    let boundary = fit.boundary.map(|b| match b {
        Boundary::GammaZero => "gamma_zero",
        Boundary::GammaOne => "gamma_one",
        _ => "other",
    });
    d.set_item("boundary", boundary)?;
    let (eff, eff_defined) = split(&fit.efficiency);
    d.set_item("efficiency", eff.into_pyarray(py))?;
    d.set_item("efficiency_defined", eff_defined.into_pyarray(py))?;
    let (u, u_defined) = split(&fit.inefficiency);
    d.set_item("inefficiency", u.into_pyarray(py))?;
    d.set_item("inefficiency_defined", u_defined.into_pyarray(py))?;
    d.set_item("mean_efficiency", fit.mean_efficiency)?;
    let periods: Vec<i64> = fit
        .mean_efficiency_by_period
        .iter()
        .map(|m| m.period)
        .collect();
    let means: Vec<f64> = fit
        .mean_efficiency_by_period
        .iter()
        .map(|m| m.mean)
        .collect();
    let rows: Vec<i64> = fit
        .mean_efficiency_by_period
        .iter()
        .map(|m| m.rows as i64)
        .collect();
    d.set_item("period", periods.into_pyarray(py))?;
    d.set_item("period_mean", means.into_pyarray(py))?;
    d.set_item("period_rows", rows.into_pyarray(py))?;
    d.set_item("marginal_effects", fit.marginal_effects.clone())?;
    d.set_item("units", fit.units)?;
    d.set_item("periods", fit.periods)?;
    d.set_item("rows", fit.rows)?;
    d.set_item("report", fit.frontier_report())?;
    Ok(d)
}
