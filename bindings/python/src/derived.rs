//! Derived indicators (the core's `monitoring::derived`) and territory matching
//! (`vietnam::territory`) on long tables: one row per (territory, year), any number of
//! territories in one call. Only translation happens here.

use crate::errors::IntoPy;
use crate::json::to_python;
use crate::monitoring::PyObservations;
use nangsuat::Error;
use nangsuat::accounting::capital::{PerpetualInventory, Timing};
use nangsuat::monitoring::derived::{
    self as core, CapitalInput, Derived, Series, TfpForm, TfpInputs,
};
use nangsuat::monitoring::observation::ObservedWhen;
use nangsuat::share::Share;
use nangsuat::vietnam::territory::{Catalogue, Territory, Vintage};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::collections::BTreeMap;

type Column<'py> = PyReadonlyArray1<'py, f64>;

fn slice<'a, T: numpy::Element>(name: &str, a: &'a PyReadonlyArray1<'_, T>) -> PyResult<&'a [T]> {
    a.as_slice().map_err(|_| {
        crate::errors::to_py_err(Error::InvalidParameter {
            name: name.into(),
            reason: "the array is not contiguous; pass numpy.ascontiguousarray(x)".into(),
        })
    })
}

/// The rows of a long table: territory and year per row, a preliminary flag per row.
struct Rows<'a> {
    scope: &'a [String],
    year: &'a [i32],
    preliminary: Option<&'a [bool]>,
}

impl Rows<'_> {
    fn check(&self, name: &str, len: usize) -> PyResult<()> {
        if len == self.scope.len() {
            Ok(())
        } else {
            Err(Error::LengthMismatch {
                series: name.into(),
                expected: self.scope.len(),
                actual: len,
            })
            .py()
        }
    }

    /// One series per territory from a column (NaN = missing).
    fn series(
        &self,
        name: &str,
        unit: &str,
        source: &str,
        values: &[f64],
    ) -> PyResult<BTreeMap<String, Series>> {
        self.check(name, values.len())?;
        if self.year.len() != self.scope.len() {
            self.check("year", self.year.len())?;
        }
        if let Some(p) = self.preliminary {
            self.check("preliminary", p.len())?;
        }
        let mut out: BTreeMap<String, Series> = BTreeMap::new();
        for (i, (&v, scope)) in values.iter().zip(self.scope).enumerate() {
            let s = out
                .entry(scope.clone())
                .or_insert_with(|| Series::new(name, unit));
            if v.is_nan() {
                continue;
            }
            let prelim = self.preliminary.is_some_and(|p| p[i]);
            s.insert(
                self.year[i],
                v,
                prelim,
                format!("{source} row {i}").trim_start(),
            )
            .map_err(|e| with_scope(e, scope))
            .py()?;
        }
        Ok(out)
    }
}

/// Names the territory in an error that has an entity field.
fn with_scope(mut err: Error, scope: &str) -> Error {
    if let Error::DuplicateYear { entity, .. }
    | Error::MissingYear { entity, .. }
    | Error::NonFinite { entity, .. }
    | Error::NonPositive { entity, .. } = &mut err
        && entity.is_none()
    {
        *entity = Some(scope.to_string());
    }
    err
}

/// Derived values (the core's `Vec<Derived>`), kept to extend observations.
#[pyclass(frozen, module = "nangsuat._nangsuat", name = "DerivedSet")]
pub(crate) struct PyDerivedSet {
    inner: Vec<Derived>,
    /// Per-territory notes (assumptions, undefined periods), when the computation gives them.
    notes: Vec<(String, String)>,
}

#[pymethods]
impl PyDerivedSet {
    /// Columns: scope, indicator, start, end (equal for a year), value (numpy), unit,
    /// preliminary, formula, inputs (each input as `series year = value [preliminary] <source>`).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let (mut start, mut end) = (Vec::new(), Vec::new());
        for x in &self.inner {
            let (a, b) = match x.when {
                ObservedWhen::Year(y) => (y, y),
                ObservedWhen::Period { start, end } => (start, end),
                _ => (0, 0),
            };
            start.push(a);
            end.push(b);
        }
        let text =
            |f: &dyn Fn(&Derived) -> String| -> Vec<String> { self.inner.iter().map(f).collect() };
        d.set_item("scope", text(&|x| x.scope.clone()))?;
        d.set_item("indicator", text(&|x| x.indicator.clone()))?;
        d.set_item("start", start.into_pyarray(py))?;
        d.set_item("end", end.into_pyarray(py))?;
        let values: Vec<f64> = self.inner.iter().map(|x| x.value).collect();
        d.set_item("value", values.into_pyarray(py))?;
        d.set_item("unit", text(&|x| x.unit.clone()))?;
        let prelim: Vec<bool> = self.inner.iter().map(|x| x.preliminary).collect();
        d.set_item("preliminary", prelim.into_pyarray(py))?;
        d.set_item("formula", text(&|x| x.formula.clone()))?;
        d.set_item(
            "inputs",
            text(&|x| {
                x.inputs
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {} = {}{} <{}>",
                            c.series,
                            c.year,
                            c.value,
                            if c.preliminary { " preliminary" } else { "" },
                            c.source
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
        )?;
        Ok(d)
    }

    /// Every derived value as a dict (the core's JSON form, inputs included).
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    /// (territory, note) pairs: assumptions and why a requested period has no value.
    fn notes(&self) -> Vec<(String, String)> {
        self.notes.clone()
    }

    /// A copy of `observations` with these values added (evidence `derived`).
    fn extend(&self, observations: &PyObservations) -> PyObservations {
        PyObservations::from_inner(core::extend_observations(observations.inner(), &self.inner))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

fn set(inner: Vec<Derived>) -> PyDerivedSet {
    PyDerivedSet {
        inner,
        notes: Vec::new(),
    }
}

/// `numerator / denominator × scale` per territory and year (labour productivity, ratios).
#[pyfunction]
#[pyo3(signature = (scope, year, numerator, denominator, *, preliminary=None,
    names=("numerator".to_string(), "denominator".to_string()), source="",
    indicator="lp_level_const", unit="", scale=1.0))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn derive_ratio(
    py: Python<'_>,
    scope: Vec<String>,
    year: PyReadonlyArray1<'_, i32>,
    numerator: Column<'_>,
    denominator: Column<'_>,
    preliminary: Option<PyReadonlyArray1<'_, bool>>,
    names: (String, String),
    source: &str,
    indicator: &str,
    unit: &str,
    scale: f64,
) -> PyResult<PyDerivedSet> {
    let rows = Rows {
        scope: &scope,
        year: slice("year", &year)?,
        preliminary: preliminary
            .as_ref()
            .map(|p| slice("preliminary", p))
            .transpose()?,
    };
    let num = rows.series(&names.0, "", source, slice(&names.0, &numerator)?)?;
    let den = rows.series(&names.1, "", source, slice(&names.1, &denominator)?)?;
    py.detach(|| {
        let mut out = Vec::new();
        for (s, n) in &num {
            let d = &den[s];
            out.extend(core::ratio(s, indicator, unit, n, d, scale).map_err(|e| with_scope(e, s))?);
        }
        Ok(set(out))
    })
    .py()
}

/// Annual growth (percent) of a level, or of `numerator / denominator` (labour productivity
/// growth) when a denominator is given; with `start` and `end`, the period-average growth.
#[pyfunction]
#[pyo3(signature = (scope, year, level, denominator=None, *, preliminary=None,
    names=("level".to_string(), "denominator".to_string()), source="",
    indicator="grdp_growth", start=None, end=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn derive_growth(
    py: Python<'_>,
    scope: Vec<String>,
    year: PyReadonlyArray1<'_, i32>,
    level: Column<'_>,
    denominator: Option<Column<'_>>,
    preliminary: Option<PyReadonlyArray1<'_, bool>>,
    names: (String, String),
    source: &str,
    indicator: &str,
    start: Option<i32>,
    end: Option<i32>,
) -> PyResult<PyDerivedSet> {
    let rows = Rows {
        scope: &scope,
        year: slice("year", &year)?,
        preliminary: preliminary
            .as_ref()
            .map(|p| slice("preliminary", p))
            .transpose()?,
    };
    let lvl = rows.series(&names.0, "", source, slice(&names.0, &level)?)?;
    let den = denominator
        .as_ref()
        .map(|d| slice(&names.1, d).and_then(|d| rows.series(&names.1, "", source, d)))
        .transpose()?;
    py.detach(|| {
        let mut out = Vec::new();
        for (s, l) in &lvl {
            let r = match (&den, start, end) {
                (Some(d), None, None) => core::labour_productivity_growth(s, l, &d[s]),
                (None, None, None) => core::annual_growth(s, indicator, l),
                (None, Some(a), Some(b)) => core::period_average_growth(s, indicator, l, a, b)
                    .map(|d| d.into_iter().collect()),
                _ => Err(Error::InvalidParameter {
                    name: "start, end".into(),
                    reason: "give both start and end (period-average growth of one level), or \
                             neither; a period average of a ratio is the average of its level"
                        .into(),
                }),
            };
            out.extend(r.map_err(|e| with_scope(e, s))?);
        }
        Ok(set(out))
    })
    .py()
}

/// TFP growth and TFP's share of growth per territory (the core's `provincial_tfp`).
#[pyfunction]
#[pyo3(signature = (scope, year, output, employment, *, capital=None, investment=None,
    deflator=None, deflator_base=100.0, depreciation=0.05, timing="end_of_year", window=5,
    form="gso", capital_share=None, labour_share=None, periods=Vec::new(), preliminary=None,
    source=""))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn derive_tfp(
    py: Python<'_>,
    scope: Vec<String>,
    year: PyReadonlyArray1<'_, i32>,
    output: Column<'_>,
    employment: Column<'_>,
    capital: Option<Column<'_>>,
    investment: Option<Column<'_>>,
    deflator: Option<Column<'_>>,
    deflator_base: f64,
    depreciation: f64,
    timing: &str,
    window: usize,
    form: &str,
    capital_share: Option<f64>,
    labour_share: Option<Column<'_>>,
    periods: Vec<(i32, i32)>,
    preliminary: Option<PyReadonlyArray1<'_, bool>>,
    source: &str,
) -> PyResult<PyDerivedSet> {
    let rows = Rows {
        scope: &scope,
        year: slice("year", &year)?,
        preliminary: preliminary
            .as_ref()
            .map(|p| slice("preliminary", p))
            .transpose()?,
    };
    let col = |name: &str, c: &Option<Column<'_>>| -> PyResult<Option<BTreeMap<String, Series>>> {
        c.as_ref()
            .map(|c| slice(name, c).and_then(|v| rows.series(name, "", source, v)))
            .transpose()
    };
    let y = rows.series("output", "", source, slice("output", &output)?)?;
    let l = rows.series("employment", "", source, slice("employment", &employment)?)?;
    let k = col("capital", &capital)?;
    let inv = col("investment", &investment)?;
    let defl = col("deflator", &deflator)?;
    let shares = col("labour_share", &labour_share)?;
    let timing = match timing {
        "end_of_year" => Timing::EndOfYear,
        "mid_year" => Timing::MidYear,
        other => {
            return Err(Error::InvalidParameter {
                name: "timing".into(),
                reason: format!("`{other}`; expected end_of_year or mid_year"),
            })
            .py();
        }
    };
    let pim = PerpetualInventory::new(depreciation)
        .py()?
        .timing(timing)
        .window(window);
    let gso_share = match (form, capital_share, &shares) {
        ("gso", Some(b), None) => Some(Share::new(b).py()?),
        ("tornqvist", None, Some(_)) => None,
        _ => {
            return Err(Error::InvalidParameter {
                name: "form".into(),
                reason: format!(
                    "`{form}`: use form=\"gso\" with capital_share (b_K), or \
                     form=\"tornqvist\" with labour_share (one per row)"
                ),
            })
            .py();
        }
    };
    if k.is_some() == inv.is_some() {
        return Err(Error::InvalidParameter {
            name: "capital, investment".into(),
            reason: "give exactly one: a capital series, or investment (with a deflator \
                     when it is at current prices)"
                .into(),
        })
        .py();
    }
    py.detach(|| {
        let mut out = Vec::new();
        let mut notes = Vec::new();
        for (s, ys) in &y {
            let capital = match (&k, &inv) {
                (Some(k), _) => CapitalInput::Stock(&k[s]),
                (None, Some(i)) => CapitalInput::Investment {
                    investment: &i[s],
                    deflator: defl.as_ref().map(|d| (&d[s], deflator_base)),
                    inventory: &pim,
                },
                (None, None) => unreachable!("checked above"),
            };
            let form = match (gso_share, &shares) {
                (Some(b), _) => TfpForm::Gso { capital_share: b },
                (None, Some(sh)) => TfpForm::Tornqvist {
                    labour_share: &sh[s],
                },
                (None, None) => unreachable!("checked above"),
            };
            let r = core::provincial_tfp(&TfpInputs::new(s, ys, &l[s], capital, form), &periods)
                .map_err(|e| with_scope(e, s))?;
            notes.push((s.clone(), r.assumptions.clone()));
            notes.extend(r.undefined.iter().map(|u| (s.clone(), u.clone())));
            out.extend(r.derived);
        }
        Ok(PyDerivedSet { inner: out, notes })
    })
    .py()
}

/// A matched name: id, level, code, Vietnamese name, English name.
type Matched = (String, String, String, String, String);

/// Resolves territory names: one (id, level, code, name_vi, name_en) per name; an unmatched
/// name raises ParseError naming the file, the row and the closest candidates.
#[pyfunction]
#[pyo3(signature = (names, *, vintage="provinces63", file="", first_row=1))]
pub(crate) fn match_territories(
    names: Vec<String>,
    vintage: &str,
    file: &str,
    first_row: usize,
) -> PyResult<Vec<Matched>> {
    let vintage = match vintage {
        "provinces63" => Vintage::Provinces63,
        "units34" => Vintage::Units34,
        other => {
            return Err(Error::InvalidParameter {
                name: "vintage".into(),
                reason: format!(
                    "`{other}`; expected provinces63 (before 1 July 2025) or units34 (from then)"
                ),
            })
            .py();
        }
    };
    let m = Catalogue::builtin().matcher(vintage);
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let t = m.resolve(n, file, first_row + i).py()?;
            let (level, code, en) = match t {
                Territory::Nation(r) => ("nation", String::new(), r.name_en.clone()),
                Territory::Region(r) => ("region", String::new(), r.name_en.clone()),
                Territory::Province(p) => ("province", p.code.clone(), p.name_en.clone()),
                Territory::Defunct(p) => ("defunct", p.code.clone(), p.name_en.clone()),
                Territory::Unit2025(u) => ("unit_2025", String::new(), u.name_en.clone()),
                _ => ("other", String::new(), String::new()),
            };
            Ok((
                t.id().to_string(),
                level.to_string(),
                code,
                t.name_vi().to_string(),
                en,
            ))
        })
        .collect()
}

/// The catalogue as plain Python objects: provinces, regions, units of 2025.
#[pyfunction]
pub(crate) fn territory_catalogue(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_python(py, Catalogue::builtin())
}
