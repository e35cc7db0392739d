//! Monitoring: progress of one target, observations, the assessment and its report.

use crate::errors::IntoPy;
use crate::json::to_python;
use crate::plans::PyPlan;
use nangsuat::Error;
use nangsuat::monitoring::assess::AssessOptions;
use nangsuat::monitoring::observation::Observations;
use nangsuat::monitoring::progress::{Method, Point, ProgressInput, progress as core_progress};
use nangsuat::plan::Plan;
use nangsuat::report::{Lang, Report, assess_with};
use pyo3::prelude::*;

/// Progress of one target by one method, as a dict of the core's `Progress`.
#[pyfunction]
#[pyo3(signature = (baseline, observations, target=None, *, higher_is_better=true,
    method="statcan", natural_limit=None))]
pub(crate) fn progress<'py>(
    py: Python<'py>,
    baseline: (i32, f64),
    observations: Vec<(i32, f64)>,
    target: Option<(i32, f64)>,
    higher_is_better: bool,
    method: &str,
    natural_limit: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let method = Method::from_name(method).py()?;
    let point = |(year, value): (i32, f64)| Point::new(year, value);
    let mut input = ProgressInput::new(
        point(baseline),
        observations.into_iter().map(point).collect(),
        target.map(point),
    )
    .higher_is_better(higher_is_better);
    if let Some(limit) = natural_limit {
        input = input.natural_limit(limit);
    }
    to_python(py, &core_progress(&input, method).py()?)
}

/// Observed values with their sources (the core's `Observations`).
#[pyclass(frozen, module = "nangsuat._nangsuat", name = "Observations")]
pub(crate) struct PyObservations {
    inner: Observations,
}

impl PyObservations {
    /// Wraps a core set (derived values added to observations).
    pub(crate) fn from_inner(inner: Observations) -> Self {
        PyObservations { inner }
    }

    /// The core set.
    pub(crate) fn inner(&self) -> &Observations {
        &self.inner
    }
}

#[pymethods]
impl PyObservations {
    /// The embedded Viet Nam observations.
    #[staticmethod]
    fn vietnam() -> Self {
        PyObservations {
            inner: Observations::vietnam(),
        }
    }

    /// Reads observations from CSV text
    /// (`scope, indicator, year, value, unit, note, source_url, evidence`).
    #[staticmethod]
    fn from_csv(text: &str) -> PyResult<Self> {
        Observations::from_csv(text)
            .py()
            .map(|inner| PyObservations { inner })
    }

    /// Reads an observations CSV file (UTF-8, with or without a byte-order mark).
    #[staticmethod]
    fn read_csv(path: &str) -> PyResult<Self> {
        Observations::load(path)
            .py()
            .map(|inner| PyObservations { inner })
    }

    /// The rows as dicts.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.rows())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// The monitoring report (the core's `Report`).
#[pyclass(frozen, module = "nangsuat._nangsuat", name = "Report")]
pub(crate) struct PyReport {
    inner: Report,
}

#[pymethods]
impl PyReport {
    /// The report in Markdown, labels in `lang` (`"vi"` or `"en"`).
    #[pyo3(signature = (lang="vi"))]
    fn to_markdown(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_markdown(Lang::from_code(lang).py()?))
    }

    /// The report as JSON.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().py()
    }

    /// The report as plain Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    /// The report as one self-contained HTML document (inline CSS and SVG charts, no
    /// script), labels in `lang` (`"vi"` or `"en"`).
    #[pyo3(signature = (lang="vi"))]
    fn to_html(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        let lang = Lang::from_code(lang).py()?;
        Ok(py.detach(|| self.inner.to_html(lang)))
    }

    /// Writes the report as an Excel workbook to `path` (sheet names in `lang`).
    #[pyo3(signature = (path, lang="vi"))]
    fn to_xlsx(&self, py: Python<'_>, path: std::path::PathBuf, lang: &str) -> PyResult<()> {
        let lang = Lang::from_code(lang).py()?;
        py.detach(|| self.inner.write_xlsx(lang, &path)).py()
    }
}

/// Every goal of `plans` assessed against `observations`.
#[pyfunction]
#[pyo3(signature = (plans, observations, *, method="statcan", about_tolerance=0.05))]
pub(crate) fn assess(
    py: Python<'_>,
    plans: Vec<Bound<'_, PyPlan>>,
    observations: &PyObservations,
    method: &str,
    about_tolerance: f64,
) -> PyResult<PyReport> {
    if !(about_tolerance.is_finite() && about_tolerance >= 0.0) {
        return Err(Error::OutOfRange {
            name: "about_tolerance".into(),
            year: None,
            value: about_tolerance,
            expected: "a non-negative fraction (0.05 = ±5 %)".into(),
        })
        .py();
    }
    let mut options = AssessOptions::default();
    options.method = Method::from_name(method).py()?;
    options.about_tolerance = about_tolerance;
    let plans: Vec<Plan> = plans.iter().map(|p| p.get().inner.clone()).collect();
    let inner = py.detach(|| assess_with(&plans, &observations.inner, &options));
    Ok(PyReport { inner })
}

/// The Viet Nam report: embedded plans and observations, growth-accounting history and
/// feasibility (the main job).
#[pyfunction]
pub(crate) fn vietnam_report(py: Python<'_>) -> PyResult<PyReport> {
    let inner = py.detach(Report::vietnam).py()?;
    Ok(PyReport { inner })
}
