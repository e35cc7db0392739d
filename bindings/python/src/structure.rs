//! Shift-share, GEAD, regions → nation, Domar aggregation and index numbers on numpy buffers.

use crate::errors::IntoPy;
use crate::json::to_python;
use nangsuat::Error;
use nangsuat::structure::index::{Formula, Linking, bilateral, index_series};
use nangsuat::structure::shift_share::{
    GeadPeriod, domar_aggregate as core_domar, gead, regions_to_nation, shift_share,
    shift_share_with_taxes,
};
use numpy::{IntoPyArray, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A float64 column borrowed from numpy (the Python layer makes it contiguous).
type Column<'py> = PyReadonlyArray1<'py, f64>;

pub(crate) fn slice<'a, T: numpy::Element>(
    name: &str,
    array: &'a PyReadonlyArray1<'_, T>,
) -> PyResult<&'a [T]> {
    array.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: name.into(),
            reason: "the array is not contiguous; pass numpy.ascontiguousarray(x)".into(),
        })
    })
}

/// Shift-share between two periods; with `taxes` = (T⁰, Tᵀ) the product-tax term.
#[pyfunction]
#[pyo3(signature = (y0, l0, yt, lt, taxes=None))]
pub(crate) fn shift_share_columns<'py>(
    py: Python<'py>,
    y0: Column<'py>,
    l0: Column<'py>,
    yt: Column<'py>,
    lt: Column<'py>,
    taxes: Option<(f64, f64)>,
) -> PyResult<Bound<'py, PyDict>> {
    let (a, b, c, d) = (
        slice("y0", &y0)?,
        slice("l0", &l0)?,
        slice("yt", &yt)?,
        slice("lt", &lt)?,
    );
    let s = match taxes {
        Some((t0, tt)) => shift_share_with_taxes(a, b, c, d, t0, tt),
        None => shift_share(a, b, c, d),
    }
    .py()?;
    let out = PyDict::new(py);
    out.set_item("base_level", s.base_level)?;
    out.set_item("end_level", s.end_level)?;
    out.set_item("within", s.within)?;
    out.set_item("static_shift", s.static_shift)?;
    out.set_item("dynamic_shift", s.dynamic_shift)?;
    out.set_item("tax", s.tax)?;
    let unit = |f: fn(&nangsuat::structure::shift_share::UnitTerms) -> f64| {
        s.units.iter().map(f).collect::<Vec<f64>>()
    };
    out.set_item("unit_within", unit(|u| u.within).into_pyarray(py))?;
    out.set_item(
        "unit_static_shift",
        unit(|u| u.static_shift).into_pyarray(py),
    )?;
    out.set_item(
        "unit_dynamic_shift",
        unit(|u| u.dynamic_shift).into_pyarray(py),
    )?;
    Ok(out)
}

/// GEAD between two periods: (nominal, real, labour) by sector and aggregate real output each.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub(crate) fn gead_columns<'py>(
    py: Python<'py>,
    nominal0: Column<'py>,
    real0: Column<'py>,
    labour0: Column<'py>,
    aggregate_real0: f64,
    nominal_t: Column<'py>,
    real_t: Column<'py>,
    labour_t: Column<'py>,
    aggregate_real_t: f64,
) -> PyResult<Bound<'py, PyDict>> {
    let g = gead(
        GeadPeriod {
            nominal: slice("nominal0", &nominal0)?,
            real: slice("real0", &real0)?,
            labour: slice("labour0", &labour0)?,
            aggregate_real: aggregate_real0,
        },
        GeadPeriod {
            nominal: slice("nominal_t", &nominal_t)?,
            real: slice("real_t", &real_t)?,
            labour: slice("labour_t", &labour_t)?,
            aggregate_real: aggregate_real_t,
        },
    )
    .py()?;
    let out = PyDict::new(py);
    out.set_item("base_level", g.base_level)?;
    out.set_item("end_level", g.end_level)?;
    out.set_item("within", g.within)?;
    out.set_item("reallocation", g.reallocation)?;
    let (w, r): (Vec<f64>, Vec<f64>) = g.units.into_iter().unzip();
    out.set_item("unit_within", w.into_pyarray(py))?;
    out.set_item("unit_reallocation", r.into_pyarray(py))?;
    Ok(out)
}

/// Regions → nation: one dict per pair of adjacent years (the core's `RegionalChange`) with
/// each region's contribution to national LP growth added.
#[pyfunction]
pub(crate) fn regions_to_nation_rows<'py>(
    py: Python<'py>,
    region: Vec<String>,
    year: PyReadonlyArray1<'py, i32>,
    output: Column<'py>,
    labour: Column<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let changes = regions_to_nation(
        &region,
        slice("year", &year)?,
        slice("output", &output)?,
        slice("labour", &labour)?,
    )
    .py()?;
    let rows: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or(serde_json::Value::Null);
            if let serde_json::Value::Object(m) = &mut v {
                m.insert("contributions".into(), serde_json::json!(c.contributions()));
            }
            v
        })
        .collect();
    to_python(py, &rows)
}

/// Aggregate TFP growth from sector TFP growth by Domar weights.
#[pyfunction]
pub(crate) fn domar_aggregate(
    sector_tfp_growth: Column<'_>,
    gross_output0: Column<'_>,
    gross_output_t: Column<'_>,
    value_added0: f64,
    value_added_t: f64,
) -> PyResult<f64> {
    core_domar(
        slice("sector_tfp_growth", &sector_tfp_growth)?,
        slice("gross_output0", &gross_output0)?,
        slice("gross_output_t", &gross_output_t)?,
        value_added0,
        value_added_t,
    )
    .py()
}

fn rows(name: &str, m: &PyReadonlyArray2<'_, f64>) -> PyResult<Vec<Vec<f64>>> {
    let columns = m.shape()[1];
    let values = m.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: name.into(),
            reason: "the matrix is not C-contiguous; pass numpy.ascontiguousarray(x)".into(),
        })
    })?;
    if columns == 0 {
        return Ok(vec![Vec::new(); m.shape()[0]]);
    }
    Ok(values.chunks(columns).map(<[f64]>::to_vec).collect())
}

/// Price and quantity index series over periods (rows) and items (columns).
#[pyfunction]
#[pyo3(signature = (prices, quantities, formula="fisher", linking="chained"))]
pub(crate) fn index_series_columns<'py>(
    py: Python<'py>,
    prices: PyReadonlyArray2<'py, f64>,
    quantities: PyReadonlyArray2<'py, f64>,
    formula: &str,
    linking: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let (formula, linking) = (
        Formula::from_name(formula).py()?,
        Linking::from_name(linking).py()?,
    );
    let (p, q) = (rows("prices", &prices)?, rows("quantities", &quantities)?);
    if prices.shape()[1] != quantities.shape()[1] {
        return Err(Error::LengthMismatch {
            series: "quantities (items)".into(),
            expected: prices.shape()[1],
            actual: quantities.shape()[1],
        })
        .py();
    }
    let s = py.detach(|| index_series(&p, &q, formula, linking)).py()?;
    let out = PyDict::new(py);
    let counts = |v: Vec<usize>| v.into_iter().map(|c| c as i64).collect::<Vec<i64>>();
    out.set_item("price", s.price.into_pyarray(py))?;
    out.set_item("quantity", s.quantity.into_pyarray(py))?;
    out.set_item("matched", counts(s.matched).into_pyarray(py))?;
    out.set_item("unmatched", counts(s.unmatched).into_pyarray(py))?;
    Ok(out)
}

/// Every bilateral index between two periods, as a dict of the core's `Bilateral`.
#[pyfunction]
pub(crate) fn bilateral_index<'py>(
    py: Python<'py>,
    p0: Column<'py>,
    q0: Column<'py>,
    p1: Column<'py>,
    q1: Column<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let b = bilateral(
        slice("p0", &p0)?,
        slice("q0", &q0)?,
        slice("p1", &p1)?,
        slice("q1", &q1)?,
    )
    .py()?;
    to_python(py, &b)
}
