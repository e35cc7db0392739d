//! Monitoring: progress of one target, observations, the assessment and its report.

use crate::errors::IntoPy;
use crate::json::to_python;
use crate::plans::PyPlan;
use nangsuat::ingest::mapping::Mapping;
use nangsuat::monitoring::assess::AssessOptions;
use nangsuat::monitoring::observation::Observations;
use nangsuat::monitoring::progress::{Method, Point, ProgressInput, progress as core_progress};
use nangsuat::plan::Plan;
use nangsuat::report::{Lang, Report, assess_with, words};
use nangsuat::vietnam::Vietnam;
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
    let p = core_progress(&input, method).py()?;
    // The fact with its numbers, and the same in English words (the Python `reason`).
    let reason = words::progress_fact(Lang::En, &p.reason, "");
    let warnings: Vec<&str> = p
        .warnings
        .iter()
        .map(|w| words::progress_warning(Lang::En, *w))
        .collect();
    let dict = to_python(py, &p)?;
    dict.set_item("reason_text", reason)?;
    dict.set_item("warning_texts", warnings)?;
    Ok(dict)
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
            inner: Vietnam::get().observations().clone(),
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

    /// Observations from published tables by a mapping file (TOML), territory labels resolved
    /// in Viet Nam's catalogue; with the selected cells that had no value, as dicts
    /// (`scope, indicator, year, status, symbol, file, table, cell`).
    #[staticmethod]
    fn from_tables<'py>(
        py: Python<'py>,
        paths: Vec<std::path::PathBuf>,
        mapping: std::path::PathBuf,
    ) -> PyResult<(Self, Bound<'py, PyAny>)> {
        let mapped = py
            .detach(|| {
                let mapping = Mapping::load(&mapping)?;
                nangsuat::vietnam::territory::map_files(&paths, &mapping)
            })
            .py()?;
        let skipped: Vec<serde_json::Value> = mapped
            .skipped
            .iter()
            .map(|k| {
                serde_json::json!({
                    "scope": k.scope, "indicator": k.indicator, "year": k.year,
                    "status": k.status, "symbol": k.symbol, "file": k.provenance.file,
                    "table": k.provenance.table, "cell": k.provenance.cell,
                })
            })
            .collect();
        Ok((
            PyObservations {
                inner: mapped.observations,
            },
            to_python(py, &skipped)?,
        ))
    }

    /// The observations as CSV, with the status and provenance columns.
    fn to_csv(&self) -> String {
        self.inner.to_csv()
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

/// One goal's words: target, status, reason and what is needed.
type GoalTexts = (String, String, String, Option<String>);

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

    /// Each goal's words in `lang`: (target, status, reason, needed) per goal, plan by plan.
    #[pyo3(signature = (lang="en"))]
    fn goal_texts(&self, lang: &str) -> PyResult<Vec<GoalTexts>> {
        let lang = Lang::from_code(lang).py()?;
        let places = &self.inner.places;
        Ok(self
            .inner
            .plans
            .iter()
            .flat_map(|p| &p.goals)
            .map(|g| {
                (
                    words::target(lang, &g.target, &g.unit, places),
                    words::status(lang, g.status).to_string(),
                    words::reason(lang, &g.reason, &g.unit, places),
                    g.needed.as_ref().map(|n| words::needed(lang, n, &g.unit)),
                )
            })
            .collect())
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
    let options = AssessOptions::new(Method::from_name(method).py()?, about_tolerance)
        .py()?
        .with_reference_scope(nangsuat::vietnam::SCOPE);
    let plans: Vec<Plan> = plans.iter().map(|p| p.get().inner.clone()).collect();
    let places = Vietnam::get().places().clone();
    let inner =
        py.detach(|| assess_with(&plans, &observations.inner, &options).with_places(places));
    Ok(PyReport { inner })
}

/// The Viet Nam report: embedded plans and observations, growth-accounting history and
/// feasibility (the main job).
#[pyfunction]
pub(crate) fn vietnam_report(py: Python<'_>) -> PyResult<PyReport> {
    let inner = py.detach(nangsuat::vietnam::report).py()?;
    Ok(PyReport { inner })
}
