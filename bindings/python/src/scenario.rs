//! Feasibility: consistency of a plan's targets, historical realism, the Cobb–Douglas/PIM
//! scenario with its sensitivity, and what it takes to meet each goal.

use crate::errors::IntoPy;
use crate::json::to_python;
use crate::plans::PyPlan;
use nangsuat::Error;
use nangsuat::monitoring::feasibility::{
    LevelSeries, Measure, Projection, Scenario, consistency as core_consistency,
    realism as core_realism,
};
use nangsuat::monitoring::requirement::{Assumption, Outcome, ScenarioTarget, what_it_takes};
use nangsuat::report::{Lang, words};
use nangsuat::vietnam::Vietnam;
use numpy::PyArray1;
use pyo3::prelude::*;

/// A scenario's projection (the core's `Projection`, read through getters): paths as numpy
/// arrays, period averages as fractions per year.
#[pyclass(frozen, module = "nangsuat._nangsuat", name = "Projection")]
pub(crate) struct PyProjection {
    inner: Projection,
}

#[pymethods]
impl PyProjection {
    /// Years of the path.
    #[getter]
    fn years<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i32>> {
        PyArray1::from_slice(py, &self.inner.years)
    }

    /// GDP, base year = 1.
    #[getter]
    fn gdp<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.gdp)
    }

    /// Capital, in units of base-year GDP.
    #[getter]
    fn capital<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.capital)
    }

    /// Employment, base year = 1.
    #[getter]
    fn employment<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.inner.employment)
    }

    /// Average GDP growth over the period (a fraction per year).
    #[getter]
    fn gdp_growth(&self) -> f64 {
        self.inner.gdp_growth
    }

    /// Average labour-productivity growth (a fraction per year).
    #[getter]
    fn lp_growth(&self) -> f64 {
        self.inner.lp_growth
    }

    /// Average capital growth (a fraction per year).
    #[getter]
    fn capital_growth(&self) -> f64 {
        self.inner.capital_growth
    }

    /// TFP's share of growth over the period, `None` where undefined.
    #[getter]
    fn tfp_share(&self) -> Option<f64> {
        self.inner.tfp_share
    }
}

/// A scenario (the core's `Scenario`), immutable.
#[pyclass(frozen, module = "nangsuat._nangsuat", name = "Scenario")]
pub(crate) struct PyScenario {
    inner: Scenario,
}

#[pymethods]
impl PyScenario {
    /// A scenario from its assumptions (fractions per year).
    #[new]
    #[pyo3(signature = (name, base_year, end_year, *, capital_output_ratio, investment_rate,
        depreciation, employment_growth, tfp_growth, labour_share))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        name: String,
        base_year: i32,
        end_year: i32,
        capital_output_ratio: f64,
        investment_rate: f64,
        depreciation: f64,
        employment_growth: f64,
        tfp_growth: f64,
        labour_share: f64,
    ) -> PyResult<Self> {
        Scenario::new(
            name,
            base_year,
            end_year,
            capital_output_ratio,
            investment_rate,
            depreciation,
            employment_growth,
            tfp_growth,
            labour_share,
        )
        .py()
        .map(|inner| PyScenario { inner })
    }

    /// Viet Nam's 2021–2025 baseline (assumptions from the embedded sources).
    #[staticmethod]
    fn vietnam_2021_2025() -> Self {
        PyScenario {
            inner: nangsuat::vietnam::scenario_2021_2025(),
        }
    }

    /// The assumptions as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    /// The projection, year by year, and its period averages.
    fn project(&self) -> PyResult<PyProjection> {
        Ok(PyProjection {
            inner: self.inner.project().py()?,
        })
    }

    /// One-at-a-time sensitivity, rows sorted by the effect on LP growth.
    fn sensitivity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.sensitivity().py()?)
    }

    /// For each goal (id, outcome, low, high), the value of `assumption` that just meets it.
    #[pyo3(signature = (targets, assumption, range=None))]
    fn what_it_takes<'py>(
        &self,
        py: Python<'py>,
        targets: Vec<(String, String, Option<f64>, Option<f64>)>,
        assumption: &str,
        range: Option<(f64, f64)>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let assumption = Assumption::from_name(assumption).py()?;
        let targets = targets
            .into_iter()
            .map(|(id, outcome, low, high)| {
                let outcome = Outcome::from_name(&outcome)?;
                Ok(match (low, high) {
                    (Some(l), Some(h)) => ScenarioTarget::between(id, outcome, l, h),
                    (Some(l), None) => ScenarioTarget::at_least(id, outcome, l),
                    (None, Some(h)) => ScenarioTarget::at_most(id, outcome, h),
                    (None, None) => {
                        return Err(Error::InvalidParameter {
                            name: format!("goal `{id}`"),
                            reason: "it has neither a lower nor an upper bound".into(),
                        });
                    }
                })
            })
            .collect::<nangsuat::Result<Vec<_>>>()
            .py()?;
        let inner = &self.inner;
        let r = py
            .detach(|| what_it_takes(inner, &targets, assumption, range))
            .py()?;
        to_python(py, &r)
    }
}

/// The goals of `plan` a projection from `base_year` to `end_year` speaks to, as
/// (id, outcome, low, high) with fractions.
#[pyfunction]
pub(crate) fn scenario_targets(
    plan: &PyPlan,
    base_year: i32,
    end_year: i32,
) -> Vec<(String, String, Option<f64>, Option<f64>)> {
    ScenarioTarget::from_plan(&plan.inner, base_year, end_year)
        .into_iter()
        .map(|t| (t.id, t.outcome.name().to_string(), t.low, t.high))
        .collect()
}

/// Consistency checks of one plan's targets.
#[pyfunction]
#[pyo3(signature = (plan, employment_growth, lang="en"))]
pub(crate) fn consistency<'py>(
    py: Python<'py>,
    plan: &PyPlan,
    employment_growth: f64,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    if !employment_growth.is_finite() {
        return Err(Error::OutOfRange {
            name: "employment_growth".into(),
            year: None,
            value: employment_growth,
            expected: "a finite fraction per year (0.01 for 1 %/yr)".into(),
        })
        .py();
    }
    let lang = Lang::from_code(lang).py()?;
    let checks = core_consistency(&plan.inner, employment_growth);
    let list = pyo3::types::PyList::empty(py);
    for c in &checks {
        let d = to_python(py, c)?;
        d.set_item("message", words::consistency(lang, c))?;
        list.append(d)?;
    }
    Ok(list.into_any())
}

/// A required growth against the best records of Viet Nam's PWT peers (and the territory's
/// own levels when given).
#[pyfunction]
#[pyo3(signature = (measure, required, years, own=None, lang="en"))]
pub(crate) fn realism<'py>(
    py: Python<'py>,
    measure: &str,
    required: f64,
    years: usize,
    own: Option<(String, Vec<i32>, Vec<f64>)>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = Lang::from_code(lang).py()?;
    if !required.is_finite() || years == 0 {
        return Err(Error::InvalidParameter {
            name: "required, years".into(),
            reason: format!(
                "a finite required growth over at least one year, got {required} over {years}"
            ),
        })
        .py();
    }
    let own = own
        .map(|(name, y, v)| LevelSeries::new(name, y, v))
        .transpose()
        .py()?;
    let vn = Vietnam::get();
    let (measure, peers): (Measure, Vec<LevelSeries>) = match measure {
        "lp" | "labour_productivity" => (
            Measure::LabourProductivity,
            vn.peers().iter().map(|p| p.labour_productivity()).collect(),
        ),
        "tfp" => (Measure::Tfp, vn.peers().iter().map(|p| p.tfp()).collect()),
        _ => {
            return Err(Error::InvalidParameter {
                name: "measure".into(),
                reason: format!("`{measure}` is not one of labour_productivity, tfp"),
            })
            .py();
        }
    };
    let r = core_realism(measure, required, years, own.as_ref(), &peers);
    let d = to_python(py, &r)?;
    d.set_item("verdict", words::realism(lang, &r, vn.places()))?;
    Ok(d)
}
