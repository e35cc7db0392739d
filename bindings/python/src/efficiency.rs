//! DEA and the Malmquist index on numpy buffers: 2-D C-contiguous float64 matrices (one row
//! per unit) are borrowed, the GIL is released while the core solves, and result columns move
//! into numpy. Undefined values are NaN in the value column and `false` in its `*_defined`
//! mask; the Python layer turns them into `<NA>`.

use std::fmt;

use crate::errors::IntoPy;
use crate::interrupt::interruptible;
use nangsuat::Error;
use nangsuat::efficiency::dea::{
    Dea, Frontier, Orientation, Production, ReturnsToScale, ScaleRegion,
};
use nangsuat::efficiency::malmquist::{Distances, Indices, Malmquist, Means};
use numpy::{
    IntoPyArray, PyArrayMethods, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A C-contiguous matrix borrowed from numpy: its values and its number of columns.
fn matrix<'a>(name: &str, array: &'a PyReadonlyArray2<'_, f64>) -> PyResult<(&'a [f64], usize)> {
    let columns = array.shape()[1];
    let values = array.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: name.into(),
            reason: "the matrix is not C-contiguous; pass numpy.ascontiguousarray(x)".into(),
        })
    })?;
    Ok((values, columns))
}

fn production<'a>(
    inputs: &'a PyReadonlyArray2<'_, f64>,
    outputs: &'a PyReadonlyArray2<'_, f64>,
    names: &'a Option<(Vec<String>, Vec<String>)>,
) -> PyResult<Production<'a>> {
    let (x, m) = matrix("inputs", inputs)?;
    let (y, s) = matrix("outputs", outputs)?;
    let data = Production::new(x, m, y, s).py()?;
    match names {
        Some((input_names, output_names)) => data.with_names(input_names, output_names).py(),
        None => Ok(data),
    }
}

/// The orientation and returns to scale named by the caller.
fn model(orientation: &str, rts: &str) -> PyResult<(Orientation, ReturnsToScale)> {
    Ok((
        Orientation::from_name(orientation).py()?,
        ReturnsToScale::from_name(rts).py()?,
    ))
}

/// `Option<f64>` values as (NaN-filled values, defined mask).
fn split(values: impl Iterator<Item = Option<f64>>) -> (Vec<f64>, Vec<bool>) {
    values.map(|v| (v.unwrap_or(f64::NAN), v.is_some())).unzip()
}

fn set_column(
    d: &Bound<'_, PyDict>,
    name: &str,
    values: impl Iterator<Item = Option<f64>>,
) -> PyResult<()> {
    let py = d.py();
    let (values, defined) = split(values);
    d.set_item(name, values.into_pyarray(py))?;
    d.set_item(format!("{name}_defined"), defined.into_pyarray(py))
}

/// DEA efficiencies, slacks and peers. `names` = (input names, output names) for messages.
#[pyfunction]
#[pyo3(signature = (inputs, outputs, *, orientation="input", rts="crs", slacks=true, names=None))]
pub(crate) fn dea_columns<'py>(
    py: Python<'py>,
    inputs: PyReadonlyArray2<'py, f64>,
    outputs: PyReadonlyArray2<'py, f64>,
    orientation: &str,
    rts: &str,
    slacks: bool,
    names: Option<(Vec<String>, Vec<String>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let (orientation, rts) = model(orientation, rts)?;
    let model = Dea::new(orientation, rts).slacks(slacks);
    let data = production(&inputs, &outputs, &names)?;
    let (units, m, s) = (data.units(), data.n_inputs(), data.n_outputs());
    let r = interruptible(py, |c| model.compute_cancellable(&data, c))?.py()?;
    let d = PyDict::new(py);
    // The efficient point of every unit (NaN where undefined), from the core.
    for (name, width, target) in [
        (
            "input_targets",
            m,
            &(|j| r.input_targets(&data, j)) as &dyn Fn(usize) -> Option<Vec<f64>>,
        ),
        ("output_targets", s, &|j| r.output_targets(&data, j)),
    ] {
        let mut values = Vec::with_capacity(units * width);
        for j in 0..units {
            match target(j) {
                Some(t) => values.extend(t),
                None => values.extend(std::iter::repeat_n(f64::NAN, width)),
            }
        }
        d.set_item(name, values.into_pyarray(py).reshape([units, width])?)?;
    }
    set_column(&d, "efficiency", r.efficiency.iter().copied())?;
    set_column(&d, "technical", r.technical.iter().copied())?;
    set_column(&d, "pure_technical", r.pure_technical.iter().copied())?;
    set_column(&d, "scale", r.scale.iter().copied())?;
    let regions: Vec<&str> = r
        .scale_region
        .iter()
        .map(|region| region.map_or("", ScaleRegion::name))
        .collect();
    d.set_item("scale_region", regions)?;
    d.set_item(
        "input_slacks",
        r.input_slacks.into_pyarray(py).reshape([units, m])?,
    )?;
    d.set_item(
        "output_slacks",
        r.output_slacks.into_pyarray(py).reshape([units, s])?,
    )?;
    // Row positions as int64, numpy's index type.
    let positions = |v: &[usize]| -> Vec<i64> { v.iter().map(|&p| p as i64).collect() };
    d.set_item("peer_offsets", positions(&r.peer_offsets).into_pyarray(py))?;
    d.set_item("peer_units", positions(&r.peer_units).into_pyarray(py))?;
    d.set_item("peer_weights", r.peer_weights.into_pyarray(py))?;
    Ok(d)
}

/// Efficiency of every row of (`inputs`, `outputs`) against the frontier of (`frontier_inputs`,
/// `frontier_outputs`): (values with NaN, defined mask).
#[pyfunction]
#[pyo3(signature = (frontier_inputs, frontier_outputs, inputs, outputs, *, orientation="output",
    rts="vrs", names=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn frontier_efficiency_columns<'py>(
    py: Python<'py>,
    frontier_inputs: PyReadonlyArray2<'py, f64>,
    frontier_outputs: PyReadonlyArray2<'py, f64>,
    inputs: PyReadonlyArray2<'py, f64>,
    outputs: PyReadonlyArray2<'py, f64>,
    orientation: &str,
    rts: &str,
    names: Option<(Vec<String>, Vec<String>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let (orientation, rts) = model(orientation, rts)?;
    let reference = production(&frontier_inputs, &frontier_outputs, &names)?;
    let points = production(&inputs, &outputs, &names)?;
    let values = interruptible(py, |c| {
        Frontier::new(&reference)?.efficiencies_cancellable(&points, orientation, rts, c)
    })?
    .py()?;
    let d = PyDict::new(py);
    set_column(&d, "efficiency", values.into_iter())?;
    Ok(d)
}

/// A unit as its integer code, shown by its label in messages.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Unit<'a> {
    code: i64,
    labels: Option<&'a [String]>,
}

impl fmt::Display for Unit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = usize::try_from(self.code)
            .ok()
            .and_then(|c| self.labels.and_then(|l| l.get(c)));
        match label {
            Some(label) => f.write_str(label),
            None => write!(f, "{}", self.code),
        }
    }
}

/// A named accessor of an optional figure.
type Named<T> = (&'static str, fn(&T) -> Option<f64>);

/// Sets one NaN-filled column (and its mask) per index of `Indices::NAMES`.
fn set_index_columns<'a>(
    d: &Bound<'_, PyDict>,
    indices: impl Iterator<Item = &'a Indices> + Clone,
) -> PyResult<()> {
    for (k, name) in Indices::NAMES.iter().enumerate() {
        set_column(d, name, indices.clone().map(|i| i.values()[k]))?;
    }
    Ok(())
}

fn means_dict<'py>(py: Python<'py>, means: &[Means]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    set_index_columns(&d, means.iter().map(|m| &m.indices))?;
    let counts: Vec<i64> = means.iter().map(|m| m.count as i64).collect();
    d.set_item("count", counts.into_pyarray(py))?;
    Ok(d)
}

/// The Malmquist index: (rows, period means, unit means, overall means), each a dict of
/// numpy columns. `unit` holds integer codes into `unit_labels` when given.
#[pyfunction]
#[pyo3(signature = (unit, period, inputs, outputs, *, orientation="output", rts="vrs",
    unit_labels=None, names=None))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub(crate) fn malmquist_columns<'py>(
    py: Python<'py>,
    unit: PyReadonlyArray1<'py, i64>,
    period: PyReadonlyArray1<'py, i32>,
    inputs: PyReadonlyArray2<'py, f64>,
    outputs: PyReadonlyArray2<'py, f64>,
    orientation: &str,
    rts: &str,
    unit_labels: Option<Vec<String>>,
    names: Option<(Vec<String>, Vec<String>)>,
) -> PyResult<(
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
    Bound<'py, PyDict>,
)> {
    let (orientation, rts) = model(orientation, rts)?;
    let model = Malmquist::new(orientation, rts);
    let data = production(&inputs, &outputs, &names)?;
    let codes = unit.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: "unit".into(),
            reason: "the array is not contiguous".into(),
        })
    })?;
    let period = period.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: "period".into(),
            reason: "the array is not contiguous".into(),
        })
    })?;
    let labels = unit_labels.as_deref();
    let units: Vec<Unit<'_>> = codes.iter().map(|&code| Unit { code, labels }).collect();
    let index = interruptible(py, |c| model.compute_cancellable(&units, period, &data, c))?.py()?;

    let rows = PyDict::new(py);
    let changes = &index.changes;
    let unit_codes: Vec<i64> = changes.iter().map(|c| c.unit.code).collect();
    rows.set_item("unit", unit_codes.into_pyarray(py))?;
    let from: Vec<i32> = changes.iter().map(|c| c.period_from).collect();
    let to: Vec<i32> = changes.iter().map(|c| c.period_to).collect();
    rows.set_item("period_from", from.into_pyarray(py))?;
    rows.set_item("period_to", to.into_pyarray(py))?;
    let row_from: Vec<i64> = changes.iter().map(|c| c.row_from as i64).collect();
    let row_to: Vec<i64> = changes.iter().map(|c| c.row_to as i64).collect();
    rows.set_item("row_from", row_from.into_pyarray(py))?;
    rows.set_item("row_to", row_to.into_pyarray(py))?;
    set_index_columns(&rows, changes.iter().map(|c| &c.indices))?;
    let distances: [Named<Distances>; 4] = [
        ("d_t_t", |d| d.tech_t_data_t),
        ("d_t_t1", |d| d.tech_t_data_t1),
        ("d_t1_t", |d| d.tech_t1_data_t),
        ("d_t1_t1", |d| d.tech_t1_data_t1),
    ];
    for (name, get) in distances {
        set_column(
            &rows,
            &format!("crs_{name}"),
            changes.iter().map(|c| get(&c.crs)),
        )?;
        set_column(
            &rows,
            &format!("rts_{name}"),
            changes.iter().map(|c| get(&c.rts)),
        )?;
    }

    let period_means: Vec<Means> = index.period_means.iter().map(|p| p.means).collect();
    let periods = means_dict(py, &period_means)?;
    let from: Vec<i32> = index.period_means.iter().map(|p| p.period_from).collect();
    let to: Vec<i32> = index.period_means.iter().map(|p| p.period_to).collect();
    periods.set_item("period_from", from.into_pyarray(py))?;
    periods.set_item("period_to", to.into_pyarray(py))?;

    let unit_means: Vec<Means> = index.unit_means.iter().map(|u| u.means).collect();
    let by_unit = means_dict(py, &unit_means)?;
    let unit_codes: Vec<i64> = index.unit_means.iter().map(|u| u.unit.code).collect();
    by_unit.set_item("unit", unit_codes.into_pyarray(py))?;

    let overall = means_dict(py, &[index.overall])?;
    Ok((rows, periods, by_unit, overall))
}
