//! Growth accounting and PWT TFP on numpy buffers: inputs are borrowed without copying, the GIL
//! is released while the core computes, and result columns are moved into numpy.

use crate::errors::{IntoPy, relabel};
use crate::json::to_python;
use nangsuat::accounting::pwt::{PwtInput, pwt_tfp};
use nangsuat::share::Share;
use nangsuat::{
    Accounting, AccountingInput, Error, Field, GrowthAccounting, LabourShare, NanPolicy, Profile,
};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A float64 column borrowed from numpy (the Python layer makes it contiguous).
type Column<'py> = PyReadonlyArray1<'py, f64>;

fn slice<'a, T: numpy::Element>(
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

fn options(
    profile: &str,
    base_year: Option<i32>,
    nan_policy: &str,
    zero_growth_tolerance: Option<f64>,
) -> PyResult<GrowthAccounting> {
    let mut options = GrowthAccounting::with_profile(Profile::from_name(profile).py()?)
        .nan_policy(NanPolicy::from_name(nan_policy).py()?);
    if let Some(year) = base_year {
        options = options.base_year(year);
    }
    if let Some(tolerance) = zero_growth_tolerance {
        options = options.zero_growth_tolerance(tolerance);
    }
    Ok(options)
}

/// The borrowed columns of one call.
struct Inputs<'a> {
    year: &'a [i32],
    output: &'a [f64],
    capital: &'a [f64],
    labour: &'a [f64],
    share: LabourShare<'a>,
    hours: Option<&'a [f64]>,
    human_capital: Option<&'a [f64]>,
}

impl<'a> Inputs<'a> {
    fn core(&self) -> AccountingInput<'a> {
        let mut input = AccountingInput::new(self.year, self.output, self.capital, self.labour)
            .labour_share(self.share);
        if let Some(h) = self.hours {
            input = input.hours(h);
        }
        if let Some(h) = self.human_capital {
            input = input.human_capital(h);
        }
        input
    }
}

#[allow(clippy::too_many_arguments)]
fn borrow<'a>(
    year: &'a PyReadonlyArray1<'_, i32>,
    output: &'a Column<'_>,
    capital: &'a Column<'_>,
    labour: &'a Column<'_>,
    share_constant: Option<f64>,
    share_per_row: &'a Option<Column<'_>>,
    hours: &'a Option<Column<'_>>,
    human_capital: &'a Option<Column<'_>>,
) -> PyResult<Inputs<'a>> {
    let share = match (share_constant, share_per_row) {
        (_, Some(per_row)) => LabourShare::PerRow(slice("labour_share", per_row)?),
        (Some(c), None) => LabourShare::Constant(Share::new(c).py()?),
        (None, None) => {
            return Err(crate::errors::to_py_err(Error::InvalidParameter {
                name: "labour_share".into(),
                reason: "required: a fraction in [0, 1], constant or one per row".into(),
            }));
        }
    };
    Ok(Inputs {
        year: slice("year", year)?,
        output: slice("output", output)?,
        capital: slice("capital", capital)?,
        labour: slice("labour", labour)?,
        share,
        hours: hours.as_ref().map(|h| slice("hours", h)).transpose()?,
        human_capital: human_capital
            .as_ref()
            .map(|h| slice("human_capital", h))
            .transpose()?,
    })
}

/// A single-series result: the core's [`Accounting`], kept for period figures.
#[pyclass(frozen, module = "nangsuat._nangsuat", name = "Accounting")]
pub(crate) struct PyAccounting {
    inner: Accounting,
}

#[pymethods]
impl PyAccounting {
    /// Columns as numpy arrays (NaN exactly where the matching `*_defined` mask is false).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        columns_dict(py, self.inner.clone())
    }

    /// Period figures over `[start, end]` as a dict (fractions; `None` where undefined).
    fn period<'py>(&self, py: Python<'py>, start: i32, end: i32) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.period(start, end).py()?)
    }

    /// How the result was made (profile, options, labour measure, reference).
    fn provenance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.provenance)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// Moves every column of `acc` into numpy without copying.
fn columns_dict(py: Python<'_>, acc: Accounting) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("year", acc.years.into_pyarray(py))?;
    d.set_item("growth_defined", acc.growth_defined.into_pyarray(py))?;
    let columns = [
        (Field::OutputGrowth, acc.output_growth),
        (Field::CapitalGrowth, acc.capital_growth),
        (Field::LabourGrowth, acc.labour_growth),
        (Field::LabourQualityGrowth, acc.labour_quality_growth),
        (Field::LabourWeight, acc.labour_weight),
        (Field::CapitalContribution, acc.capital_contribution),
        (Field::LabourContribution, acc.labour_contribution),
        (
            Field::LabourQualityContribution,
            acc.labour_quality_contribution,
        ),
        (Field::TfpGrowth, acc.tfp_growth),
        (
            Field::LabourProductivityGrowth,
            acc.labour_productivity_growth,
        ),
        (Field::CapitalDeepening, acc.capital_deepening),
        (Field::TfpIndex, acc.tfp_index),
        (Field::TfpShare, acc.tfp_share),
    ];
    for (field, values) in columns {
        d.set_item(field.name(), values.into_pyarray(py))?;
    }
    d.set_item("tfp_index_defined", acc.tfp_index_defined.into_pyarray(py))?;
    d.set_item("tfp_share_defined", acc.tfp_share_defined.into_pyarray(py))?;
    Ok(d)
}

/// Growth accounting of one series.
#[pyfunction]
#[pyo3(signature = (year, output, capital, labour, *, labour_share=None, labour_share_per_row=None,
    hours=None, human_capital=None, profile="tornqvist", base_year=None, nan_policy="raise",
    zero_growth_tolerance=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn growth_accounting(
    py: Python<'_>,
    year: PyReadonlyArray1<'_, i32>,
    output: Column<'_>,
    capital: Column<'_>,
    labour: Column<'_>,
    labour_share: Option<f64>,
    labour_share_per_row: Option<Column<'_>>,
    hours: Option<Column<'_>>,
    human_capital: Option<Column<'_>>,
    profile: &str,
    base_year: Option<i32>,
    nan_policy: &str,
    zero_growth_tolerance: Option<f64>,
) -> PyResult<PyAccounting> {
    let opts = options(profile, base_year, nan_policy, zero_growth_tolerance)?;
    let inputs = borrow(
        &year,
        &output,
        &capital,
        &labour,
        labour_share,
        &labour_share_per_row,
        &hours,
        &human_capital,
    )?;
    let inner = py.detach(|| opts.compute(&inputs.core())).py()?;
    Ok(PyAccounting { inner })
}

/// Growth accounting of a panel; `entity` holds integer codes (row numbers into
/// `entity_labels` when given, which then name entities in error messages).
#[pyfunction]
#[pyo3(signature = (entity, year, output, capital, labour, *, labour_share=None,
    labour_share_per_row=None, hours=None, human_capital=None, profile="tornqvist",
    base_year=None, nan_policy="raise", zero_growth_tolerance=None, entity_labels=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn growth_accounting_panel<'py>(
    py: Python<'py>,
    entity: PyReadonlyArray1<'py, i64>,
    year: PyReadonlyArray1<'py, i32>,
    output: Column<'py>,
    capital: Column<'py>,
    labour: Column<'py>,
    labour_share: Option<f64>,
    labour_share_per_row: Option<Column<'py>>,
    hours: Option<Column<'py>>,
    human_capital: Option<Column<'py>>,
    profile: &str,
    base_year: Option<i32>,
    nan_policy: &str,
    zero_growth_tolerance: Option<f64>,
    entity_labels: Option<Vec<String>>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyAny>)> {
    let opts = options(profile, base_year, nan_policy, zero_growth_tolerance)?;
    let inputs = borrow(
        &year,
        &output,
        &capital,
        &labour,
        labour_share,
        &labour_share_per_row,
        &hours,
        &human_capital,
    )?;
    let entity = slice("entity", &entity)?;
    let result = py
        .detach(|| opts.compute_panel(entity, &inputs.core()))
        .map_err(|e| relabel(e, entity_labels.as_deref()))
        .py()?;
    let provenance = to_python(py, &result.provenance)?;
    Ok((columns_dict(py, result)?, provenance))
}

/// PWT 10.01's `rtfpna` and `ctfp` (and the hours used) from PWT's inputs; `countrycode`
/// holds integer codes into `labels`, `reference` the code of the reference country.
#[pyfunction]
#[pyo3(signature = (countrycode, labels, reference, year, rgdpna, rkna, emp, avh, hc, labsh, cgdpo, ck))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn pwt_tfp_columns<'py>(
    py: Python<'py>,
    countrycode: PyReadonlyArray1<'py, i64>,
    labels: Vec<String>,
    reference: i64,
    year: PyReadonlyArray1<'py, i32>,
    rgdpna: Column<'py>,
    rkna: Column<'py>,
    emp: Column<'py>,
    avh: Column<'py>,
    hc: Column<'py>,
    labsh: Column<'py>,
    cgdpo: Column<'py>,
    ck: Column<'py>,
) -> PyResult<Bound<'py, PyDict>> {
    let input = PwtInput::new(
        slice("countrycode", &countrycode)?,
        slice("year", &year)?,
        slice("rgdpna", &rgdpna)?,
        slice("rkna", &rkna)?,
        slice("emp", &emp)?,
        slice("avh", &avh)?,
        slice("hc", &hc)?,
        slice("labsh", &labsh)?,
        slice("cgdpo", &cgdpo)?,
        slice("ck", &ck)?,
    );
    let tfp = py
        .detach(|| pwt_tfp(&input, &reference))
        .map_err(|e| relabel(e, Some(&labels)))
        .py()?;
    let d = PyDict::new(py);
    d.set_item("hours", tfp.hours.into_pyarray(py))?;
    d.set_item("hours_defined", tfp.hours_defined.into_pyarray(py))?;
    d.set_item("rtfpna", tfp.rtfpna.into_pyarray(py))?;
    d.set_item("rtfpna_defined", tfp.rtfpna_defined.into_pyarray(py))?;
    d.set_item("ctfp", tfp.ctfp.into_pyarray(py))?;
    d.set_item("ctfp_defined", tfp.ctfp_defined.into_pyarray(py))?;
    Ok(d)
}
