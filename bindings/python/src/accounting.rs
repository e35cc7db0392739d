//! Growth accounting and PWT TFP on numpy buffers: inputs are borrowed without copying, the GIL
//! is released while the core computes, and result columns are moved into numpy (single
//! series) or written straight into numpy arrays the caller or the Python layer owns (panels).
//! The column names come from the core's one column list (`Field::ALL`, `Mask::ALL`).

use crate::errors::{IntoPy, relabel};
use crate::interrupt::interruptible;
use crate::json::to_python;
use nangsuat::accounting::pwt::{PwtInput, pwt_tfp};
use nangsuat::accounting::{AccountingBuffers, Mask, PeriodColumns, PeriodSummary};
use nangsuat::share::Share;
use nangsuat::{
    Accounting, AccountingInput, Error, Field, GrowthAccounting, LabourShare, NanPolicy, Profile,
};
use numpy::{IntoPyArray, PyArray1, PyArrayMethods, PyReadonlyArray1, PyReadwriteArray1};
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
        let mut input = AccountingInput::new(
            self.year,
            self.output,
            self.capital,
            self.labour,
            self.share,
        );
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

/// A single-series result: its columns, moved out of the core's [`Accounting`] into numpy
/// once (read-only arrays, no copy), and the options, for period figures.
#[pyclass(frozen, module = "nangsuat._nangsuat", name = "Accounting")]
pub(crate) struct PyAccounting {
    columns: Py<PyDict>,
    options: GrowthAccounting,
    provenance: Py<PyAny>,
    len: usize,
}

impl PyAccounting {
    fn new(py: Python<'_>, mut acc: Accounting) -> PyResult<PyAccounting> {
        let d = PyDict::new(py);
        d.set_item("year", std::mem::take(&mut acc.years).into_pyarray(py))?;
        for mask in Mask::ALL {
            d.set_item(mask.name(), acc.take_mask(mask).into_pyarray(py))?;
        }
        for field in Field::ALL {
            d.set_item(field.name(), acc.take(field).into_pyarray(py))?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("write", false)?;
        for (_, array) in d.iter() {
            array.call_method("setflags", (), Some(&kwargs))?;
        }
        Ok(PyAccounting {
            len: d.get_item("year")?.map_or(0, |y| y.len().unwrap_or(0)),
            provenance: to_python(py, &acc.provenance)?.unbind(),
            options: acc.provenance.options,
            columns: d.unbind(),
        })
    }

    /// Runs `f` on the period columns, borrowed from the numpy arrays.
    fn with_period_columns<T>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(PeriodColumns<'_>) -> nangsuat::Result<T> + Send,
    ) -> PyResult<T>
    where
        T: Send,
    {
        let d = self.columns.bind(py);
        let get = |name: &str| -> PyResult<Bound<'_, PyAny>> {
            d.get_item(name)?
                .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(name.to_string()))
        };
        let f64s = |name: &str| -> PyResult<PyReadonlyArray1<'_, f64>> {
            Ok(get(name)?.cast_into::<PyArray1<f64>>()?.readonly())
        };
        let bools = |name: &str| -> PyResult<PyReadonlyArray1<'_, bool>> {
            Ok(get(name)?.cast_into::<PyArray1<bool>>()?.readonly())
        };
        let years = get("year")?.cast_into::<PyArray1<i32>>()?.readonly();
        let (gd, y, ck, cl, cq, tfp, index, index_d, share, share_d) = (
            bools(Mask::Growth.name())?,
            f64s(Field::OutputGrowth.name())?,
            f64s(Field::CapitalContribution.name())?,
            f64s(Field::LabourContribution.name())?,
            f64s(Field::LabourQualityContribution.name())?,
            f64s(Field::TfpGrowth.name())?,
            f64s(Field::TfpIndex.name())?,
            bools(Mask::TfpIndex.name())?,
            f64s(Field::TfpShare.name())?,
            bools(Mask::TfpShare.name())?,
        );
        let mut c = PeriodColumns::new(self.options, slice("year", &years)?);
        c.growth_defined = slice("growth_defined", &gd)?;
        c.output_growth = slice("output_growth", &y)?;
        c.capital_contribution = slice("capital_contribution", &ck)?;
        c.labour_contribution = slice("labour_contribution", &cl)?;
        c.labour_quality_contribution = slice("labour_quality_contribution", &cq)?;
        c.tfp_growth = slice("tfp_growth", &tfp)?;
        c.tfp_index = slice("tfp_index", &index)?;
        c.tfp_index_defined = slice("tfp_index_defined", &index_d)?;
        c.tfp_share = slice("tfp_share", &share)?;
        c.tfp_share_defined = slice("tfp_share_defined", &share_d)?;
        py.detach(|| f(c)).py()
    }
}

/// Figures over a period `[start, end]` (the core's `PeriodSummary`, read through getters):
/// rates and shares are fractions, `None` where undefined.
#[pyclass(frozen, eq, module = "nangsuat._nangsuat", name = "PeriodSummary")]
#[derive(PartialEq)]
pub(crate) struct PyPeriodSummary {
    inner: PeriodSummary,
}

#[pymethods]
impl PyPeriodSummary {
    /// First year (the base of the period).
    #[getter]
    fn start(&self) -> i32 {
        self.inner.from
    }

    /// Last year.
    #[getter]
    fn end(&self) -> i32 {
        self.inner.to
    }

    /// `ln(Y_end / Y_start)`.
    #[getter]
    fn cumulative_output_growth(&self) -> Option<f64> {
        self.inner.cumulative_output_growth
    }

    /// `ln(TFP_end / TFP_start)`.
    #[getter]
    fn cumulative_tfp_growth(&self) -> Option<f64> {
        self.inner.cumulative_tfp_growth
    }

    /// Average annual output growth (CAGR).
    #[getter]
    fn average_output_growth(&self) -> Option<f64> {
        self.inner.average_output_growth
    }

    /// Average annual TFP growth (CAGR of the index).
    #[getter]
    fn average_tfp_growth(&self) -> Option<f64> {
        self.inner.average_tfp_growth
    }

    /// Mean annual capital contribution.
    #[getter]
    fn mean_capital_contribution(&self) -> Option<f64> {
        self.inner.mean_capital_contribution
    }

    /// Mean annual labour-quantity contribution.
    #[getter]
    fn mean_labour_contribution(&self) -> Option<f64> {
        self.inner.mean_labour_contribution
    }

    /// Mean annual labour-quality contribution.
    #[getter]
    fn mean_labour_quality_contribution(&self) -> Option<f64> {
        self.inner.mean_labour_quality_contribution
    }

    /// Mean annual TFP growth.
    #[getter]
    fn mean_tfp_growth(&self) -> Option<f64> {
        self.inner.mean_tfp_growth
    }

    /// `ln(TFP_end/TFP_start) / ln(Y_end/Y_start)`.
    #[getter]
    fn tfp_share_of_cumulative_growth(&self) -> Option<f64> {
        self.inner.tfp_share_of_cumulative_growth
    }

    /// Why the TFP share is undefined (`output_growth_near_zero`, `opposite_signs`,
    /// `missing_growth`), when it is.
    #[getter]
    fn tfp_share_undefined_reason(&self) -> Option<&'static str> {
        self.inner
            .tfp_share_of_cumulative_growth_undefined
            .map(|u| u.name())
    }

    /// The arithmetic mean of the annual TFP shares.
    #[getter]
    fn mean_of_annual_tfp_shares(&self) -> Option<f64> {
        self.inner.mean_of_annual_tfp_shares
    }

    /// The figures as plain Python objects (the core's JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let f = |v: Option<f64>| v.map_or_else(|| "None".to_string(), |v| format!("{v:.6}"));
        format!(
            "PeriodSummary(start={}, end={}, average_output_growth={}, \
             tfp_share_of_cumulative_growth={})",
            self.inner.from,
            self.inner.to,
            f(self.inner.average_output_growth),
            f(self.inner.tfp_share_of_cumulative_growth)
        )
    }
}

#[pymethods]
impl PyAccounting {
    /// Columns as read-only numpy arrays (NaN exactly where the matching `*_defined` mask is
    /// false); the same arrays on every call, never copies.
    fn columns<'py>(&self, py: Python<'py>) -> Bound<'py, PyDict> {
        self.columns.bind(py).clone()
    }

    /// Period figures over `[start, end]` (fractions; `None` where undefined).
    fn period(&self, py: Python<'_>, start: i32, end: i32) -> PyResult<PyPeriodSummary> {
        let inner = self.with_period_columns(py, |c| c.period(start, end))?;
        Ok(PyPeriodSummary { inner })
    }

    /// Period figures over the whole span (earliest to latest year, whatever the row order),
    /// or `None` with fewer than two years.
    fn summary(&self, py: Python<'_>) -> PyResult<Option<PyPeriodSummary>> {
        let p = self.with_period_columns(py, |c| c.summary())?;
        Ok(p.map(|inner| PyPeriodSummary { inner }))
    }

    /// How the result was made (profile, options, labour measure, reference).
    fn provenance<'py>(&self, py: Python<'py>) -> Bound<'py, PyAny> {
        self.provenance.bind(py).clone()
    }

    fn __len__(&self) -> usize {
        self.len
    }
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
    let result = py.detach(|| opts.compute(&inputs.core())).py()?;
    PyAccounting::new(py, result)
}

/// Growth accounting of a panel into numpy arrays; `entity` holds integer codes (row numbers
/// into `entity_labels` when given, which then name entities in error messages). `buffers`
/// maps column and mask names (the core's) to writable contiguous arrays of one element per
/// row: the value columns present are the selection; `growth_defined` is required, and each
/// selected column's mask too. Returns the provenance.
#[pyfunction]
#[pyo3(signature = (entity, year, output, capital, labour, buffers, *, labour_share=None,
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
    buffers: Bound<'py, PyDict>,
    labour_share: Option<f64>,
    labour_share_per_row: Option<Column<'py>>,
    hours: Option<Column<'py>>,
    human_capital: Option<Column<'py>>,
    profile: &str,
    base_year: Option<i32>,
    nan_policy: &str,
    zero_growth_tolerance: Option<f64>,
    entity_labels: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
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
    for (name, _) in buffers.iter() {
        let name: String = name.extract()?;
        if Field::from_name(&name).is_err() && !Mask::ALL.iter().any(|m| m.name() == name) {
            return Err(crate::errors::to_py_err(Error::InvalidParameter {
                name: "out".into(),
                reason: format!("`{name}` is not a result column"),
            }));
        }
    }
    let writable = |array: Bound<'py, PyAny>, name: &str| -> PyResult<Bound<'py, PyAny>> {
        Ok(array).and_then(|a| {
            if a.getattr("flags")?
                .getattr("writeable")?
                .extract::<bool>()?
            {
                Ok(a)
            } else {
                Err(crate::errors::to_py_err(Error::InvalidParameter {
                    name: "out".into(),
                    reason: format!("the array for `{name}` is read-only"),
                }))
            }
        })
    };
    let mut values: Vec<Option<PyReadwriteArray1<'py, f64>>> = Vec::new();
    for field in Field::ALL {
        values.push(match buffers.get_item(field.name())? {
            Some(a) => Some(
                writable(a, field.name())?
                    .cast_into::<PyArray1<f64>>()
                    .map_err(|_| out_error(field.name(), "a float64 numpy array"))?
                    .try_readwrite()
                    .map_err(|_| out_error(field.name(), "an array not passed twice"))?,
            ),
            None => None,
        });
    }
    let mut masks: Vec<Option<PyReadwriteArray1<'py, bool>>> = Vec::new();
    for mask in Mask::ALL {
        masks.push(match buffers.get_item(mask.name())? {
            Some(a) => Some(
                writable(a, mask.name())?
                    .cast_into::<PyArray1<bool>>()
                    .map_err(|_| out_error(mask.name(), "a bool numpy array"))?
                    .try_readwrite()
                    .map_err(|_| out_error(mask.name(), "an array not passed twice"))?,
            ),
            None => None,
        });
    }
    let mut b = AccountingBuffers::default();
    {
        let mut slots = b.columns_mut();
        debug_assert_eq!(slots.len(), Field::COUNT);
        for ((slot, array), field) in slots.iter_mut().zip(values.iter_mut()).zip(Field::ALL) {
            if let Some(a) = array {
                **slot = a
                    .as_slice_mut()
                    .map_err(|_| out_error(field.name(), "a contiguous array"))?;
            }
        }
    }
    for (array, mask) in masks.iter_mut().zip(Mask::ALL) {
        if let Some(a) = array {
            *b.mask_mut(mask) = a
                .as_slice_mut()
                .map_err(|_| out_error(mask.name(), "a contiguous array"))?;
        }
    }
    let provenance = interruptible(py, |c| {
        opts.compute_panel_into_cancellable(entity, &inputs.core(), b, c)
    })?
    .map_err(|e| relabel(e, entity_labels.as_deref()))
    .py()?;
    to_python(py, &provenance)
}

fn out_error(name: &str, expected: &str) -> PyErr {
    crate::errors::to_py_err(Error::InvalidParameter {
        name: "out".into(),
        reason: format!("the array for `{name}` must be {expected}"),
    })
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
