//! Production-function estimation and productivity decompositions on numpy buffers: the
//! columns are borrowed, the GIL is released while the core estimates, and the results move
//! into numpy. Undefined values are NaN with a `*_defined` mask beside them; the Python layer
//! turns them into `<NA>`.

use crate::errors::IntoPy;
use crate::interrupt::interruptible;
use nangsuat::estimation::decomposition::{melitz_polanec, melitz_polanec_by_year, olley_pakes};
use nangsuat::estimation::{FirmPanel, Method, ProductionFunction, RowStatus, StdErrorSource};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

type Column<'py> = (String, PyReadonlyArray1<'py, f64>);

fn slice<'a>(name: &str, a: &'a PyReadonlyArray1<'_, f64>) -> PyResult<&'a [f64]> {
    a.as_slice().map_err(|_| {
        crate::errors::to_py_err(nangsuat::Error::InvalidParameter {
            name: name.into(),
            reason: "the column is not contiguous; pass numpy.ascontiguousarray(x)".into(),
        })
    })
}

fn status_name(s: &RowStatus) -> String {
    match s {
        RowStatus::Used { lagged: true } => "used".into(),
        RowStatus::Used { lagged: false } => "used (no previous year)".into(),
        RowStatus::NonFinite { series } => format!("non-finite {series}"),
        RowStatus::NonPositive { series } => format!("non-positive {series}"),
        _ => "excluded".into(),
    }
}

/// Estimates a production function; returns a dict of result columns and metadata.
#[pyfunction]
#[pyo3(signature = (firm, year, output, free, state, proxy, *, method="acf", exit=None,
    controls=Vec::new(), gross_output=false, translog=false, bootstrap=199, seed=0,
    in_logs=false, first_stage_degree=3, law_of_motion_degree=3, selection=false,
    replications=None, draws=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn production_function_columns<'py>(
    py: Python<'py>,
    firm: PyReadonlyArray1<'py, i64>,
    year: PyReadonlyArray1<'py, i32>,
    output: Column<'py>,
    free: Vec<Column<'py>>,
    state: Vec<Column<'py>>,
    proxy: Option<Column<'py>>,
    method: &str,
    exit: Option<PyReadonlyArray1<'py, bool>>,
    controls: Vec<Column<'py>>,
    gross_output: bool,
    translog: bool,
    bootstrap: usize,
    seed: u64,
    in_logs: bool,
    first_stage_degree: u32,
    law_of_motion_degree: u32,
    selection: bool,
    replications: Option<(usize, usize)>,
    draws: Option<Vec<Option<Vec<f64>>>>,
) -> PyResult<Bound<'py, PyDict>> {
    let method = Method::from_name(method).py()?;
    let firm = firm.as_slice()?;
    let year = year.as_slice()?;
    let exit = match &exit {
        Some(e) => Some(e.as_slice()?),
        None => None,
    };
    let mut panel = FirmPanel::new(firm, year, &output.0, slice(&output.0, &output.1)?);
    for (name, a) in &free {
        panel = panel.free(name, slice(name, a)?);
    }
    for (name, a) in &state {
        panel = panel.state(name, slice(name, a)?);
    }
    if let Some((name, a)) = &proxy {
        panel = panel.proxy(name, slice(name, a)?);
    }
    for (name, a) in &controls {
        panel = panel.control(name, slice(name, a)?);
    }
    if let Some(e) = exit {
        panel = panel.exit(e);
    }
    if in_logs {
        panel = panel.in_logs();
    }
    let estimator = ProductionFunction::new(method)
        .translog(translog)
        .gross_output(gross_output)
        .first_stage_degree(first_stage_degree)
        .law_of_motion_degree(law_of_motion_degree)
        .selection(selection)
        .bootstrap(bootstrap)
        .seed(seed);
    if let Some((start, end)) = replications {
        // Only these bootstrap replications (a part computed on a worker).
        let part = interruptible(py, |c| {
            estimator.bootstrap_draws_cancellable(&panel, start..end.max(start), c)
        })?
        .py()?;
        let d = PyDict::new(py);
        d.set_item("draws", part)?;
        return Ok(d);
    }
    let fit = match draws {
        // The replications were computed elsewhere (on the workers of a cluster).
        Some(draws) => interruptible(py, |c| {
            estimator.estimate_with_draws_cancellable(&panel, draws, c)
        })?,
        None => interruptible(py, |c| estimator.estimate_cancellable(&panel, c))?,
    }
    .py()?;
    let d = PyDict::new(py);
    d.set_item("method", fit.method.name())?;
    d.set_item("names", fit.names.clone())?;
    d.set_item("coefficients", fit.coefficients.clone().into_pyarray(py))?;
    d.set_item(
        "std_errors",
        fit.std_errors.clone().map(|s| s.into_pyarray(py)),
    )?;
    let source = match fit.std_error_source {
        StdErrorSource::Bootstrap {
            replications,
            failed,
        } => format!("firm bootstrap ({replications} replications, {failed} failed)"),
        StdErrorSource::Analytic => "analytic GMM (clustered by firm)".into(),
        _ => "none".into(),
    };
    d.set_item("std_error_source", source)?;
    // Row-major, one row per term (covariance) or per successful replication (draws).
    d.set_item(
        "covariance",
        fit.covariance.clone().map(|c| c.into_pyarray(py)),
    )?;
    d.set_item(
        "bootstrap_draws",
        fit.bootstrap_draws.concat().into_pyarray(py),
    )?;
    d.set_item("control_names", fit.control_names.clone())?;
    d.set_item(
        "control_coefficients",
        fit.control_coefficients.clone().into_pyarray(py),
    )?;
    d.set_item("input_names", fit.input_names.clone())?;
    let split = |v: &[Option<f64>]| -> (Vec<f64>, Vec<bool>) {
        v.iter()
            .map(|x| (x.unwrap_or(f64::NAN), x.is_some()))
            .unzip()
    };
    let (tfp, tfp_defined) = split(&fit.tfp);
    d.set_item("tfp", tfp.into_pyarray(py))?;
    d.set_item("tfp_defined", tfp_defined.into_pyarray(py))?;
    let (rts, _) = split(&fit.returns_to_scale);
    d.set_item("returns_to_scale", rts.into_pyarray(py))?;
    let el = PyDict::new(py);
    for (name, col) in fit.input_names.iter().zip(&fit.elasticities) {
        el.set_item(name, split(col).0.into_pyarray(py))?;
    }
    d.set_item("elasticities", el)?;
    d.set_item(
        "row_status",
        fit.row_status.iter().map(status_name).collect::<Vec<_>>(),
    )?;
    d.set_item("one_year_firms", fit.one_year_firms.clone())?;
    d.set_item("observations", fit.observations)?;
    d.set_item("dynamic_observations", fit.dynamic_observations)?;
    d.set_item("firms", fit.firms)?;
    if let Some(o) = &fit.optimisation {
        let starts = PyList::empty(py);
        for s in &o.starts {
            let sd = PyDict::new(py);
            sd.set_item("start", s.name.clone())?;
            sd.set_item("objective", s.objective)?;
            sd.set_item("converged", s.converged)?;
            sd.set_item("iterations", s.iterations)?;
            sd.set_item("estimate", s.estimate.clone())?;
            sd.set_item("search", s.search.name())?;
            starts.append(sd)?;
        }
        d.set_item("starts", starts)?;
        let roots = PyList::empty(py);
        for r in &o.roots {
            let rd = PyDict::new(py);
            rd.set_item("estimate", r.estimate.clone())?;
            rd.set_item("objective", r.objective)?;
            rd.set_item(
                "starts",
                r.starts
                    .iter()
                    .map(|&i| o.starts[i].name.clone())
                    .collect::<Vec<_>>(),
            )?;
            roots.append(rd)?;
        }
        d.set_item("roots", roots)?;
        d.set_item("winner", o.best().name.clone())?;
    }
    Ok(d)
}

/// Olley–Pakes (by year) or Melitz–Polanec (between two years, or consecutive years)
/// decomposition columns.
#[pyfunction]
#[pyo3(signature = (firm, year, productivity, weight, *, method="op", start=None, end=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn decomposition_columns<'py>(
    py: Python<'py>,
    firm: PyReadonlyArray1<'py, i64>,
    year: PyReadonlyArray1<'py, i32>,
    productivity: PyReadonlyArray1<'py, f64>,
    weight: PyReadonlyArray1<'py, f64>,
    method: &str,
    start: Option<i32>,
    end: Option<i32>,
) -> PyResult<Bound<'py, PyDict>> {
    let (f, y) = (firm.as_slice()?, year.as_slice()?);
    let (w, s) = (
        slice("productivity", &productivity)?,
        slice("weight", &weight)?,
    );
    let d = PyDict::new(py);
    match method {
        "op" => {
            let rows = py.detach(|| olley_pakes(f, y, w, s)).py()?;
            d.set_item("year", rows.iter().map(|r| r.year).collect::<Vec<_>>())?;
            d.set_item("firms", rows.iter().map(|r| r.firms).collect::<Vec<_>>())?;
            d.set_item(
                "aggregate",
                rows.iter().map(|r| r.aggregate).collect::<Vec<_>>(),
            )?;
            d.set_item("mean", rows.iter().map(|r| r.mean).collect::<Vec<_>>())?;
            d.set_item(
                "covariance",
                rows.iter().map(|r| r.covariance).collect::<Vec<_>>(),
            )?;
        }
        "mp" => {
            let rows = match (start, end) {
                (Some(a), Some(b)) => vec![py.detach(|| melitz_polanec(f, y, w, s, a, b)).py()?],
                (None, None) => py.detach(|| melitz_polanec_by_year(f, y, w, s)).py()?,
                _ => {
                    return Err(crate::errors::to_py_err(
                        nangsuat::Error::InvalidParameter {
                            name: "start/end".into(),
                            reason: "give both years, or neither for consecutive years".into(),
                        },
                    ));
                }
            };
            d.set_item("start", rows.iter().map(|r| r.from).collect::<Vec<_>>())?;
            d.set_item("end", rows.iter().map(|r| r.to).collect::<Vec<_>>())?;
            d.set_item("total", rows.iter().map(|r| r.total).collect::<Vec<_>>())?;
            d.set_item(
                "survivors_within",
                rows.iter().map(|r| r.survivors_within).collect::<Vec<_>>(),
            )?;
            d.set_item(
                "survivors_reallocation",
                rows.iter()
                    .map(|r| r.survivors_reallocation)
                    .collect::<Vec<_>>(),
            )?;
            d.set_item(
                "entrants",
                rows.iter().map(|r| r.entrants).collect::<Vec<_>>(),
            )?;
            d.set_item(
                "exiters",
                rows.iter().map(|r| r.exiters).collect::<Vec<_>>(),
            )?;
            d.set_item(
                "survivors",
                rows.iter().map(|r| r.survivors).collect::<Vec<_>>(),
            )?;
            d.set_item(
                "entrant_count",
                rows.iter().map(|r| r.entrant_count).collect::<Vec<_>>(),
            )?;
            d.set_item(
                "exiter_count",
                rows.iter().map(|r| r.exiter_count).collect::<Vec<_>>(),
            )?;
        }
        other => {
            return Err(crate::errors::to_py_err(
                nangsuat::Error::InvalidParameter {
                    name: "method".into(),
                    reason: format!(
                        "unknown decomposition `{other}`: expected \"op\" (Olley–Pakes) or \
                         \"mp\" (Melitz–Polanec)"
                    ),
                },
            ));
        }
    }
    Ok(d)
}
