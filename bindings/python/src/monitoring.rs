//! Monitoring: progress of one target, observations, the assessment and its report.

use crate::errors::IntoPy;
use crate::json::to_python;
use crate::plans::PyPlan;
use nangsuat::ingest::mapping::Mapping;
use nangsuat::monitoring::assess::{AccountingData, AssessOptions};
use nangsuat::monitoring::derived::{Series, extend_observations, labour_productivity_growth};
use nangsuat::monitoring::observation::{Observation, Observations, Provenance};
use nangsuat::monitoring::progress::{
    Method, Point, Progress, ProgressInput, progress as core_progress,
};
use nangsuat::plan::Plan;
use nangsuat::report::{Lang, Report, assess_with, words};
use nangsuat::vietnam::Vietnam;
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Progress of one target by one method.
#[pyfunction]
#[pyo3(signature = (baseline, observations, target=None, *, higher_is_better=true,
    method="statcan", natural_limit=None))]
pub(crate) fn progress(
    baseline: (i32, f64),
    observations: Vec<(i32, f64)>,
    target: Option<(i32, f64)>,
    higher_is_better: bool,
    method: &str,
    natural_limit: Option<f64>,
) -> PyResult<PyProgress> {
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
    Ok(PyProgress {
        inner: core_progress(&input, method).py()?,
    })
}

/// What a progress method concluded about one target, with the numbers behind it (the
/// core's `Progress`, read through getters rather than a JSON copy).
#[pyclass(frozen, eq, module = "nangsuat._nangsuat", name = "Progress")]
#[derive(PartialEq)]
pub(crate) struct PyProgress {
    inner: Progress,
}

fn pair(p: Point) -> (i32, f64) {
    (p.year, p.value)
}

#[pymethods]
impl PyProgress {
    /// The method's stable name (`statcan`, `unsd`, …).
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.name()
    }

    /// The status's stable name (`achieved`, `on_track`, …).
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.name()
    }

    /// Why, in English words (the core's `report::words`).
    #[getter]
    fn reason(&self) -> String {
        words::progress_fact(Lang::En, &self.inner.reason, "")
    }

    /// Why, in `lang` (`"vi"` or `"en"`).
    #[pyo3(signature = (lang="en"))]
    fn reason_in(&self, lang: &str) -> PyResult<String> {
        Ok(words::progress_fact(
            Lang::from_code(lang).py()?,
            &self.inner.reason,
            "",
        ))
    }

    /// The same fact with its numbers, a dict tagged by `fact`.
    #[getter]
    fn fact<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.reason)
    }

    /// The method's figure (StatCan R or P, UNSD Q, ESCAP index, PSA pace).
    #[getter]
    fn ratio(&self) -> Option<f64> {
        self.inner.figure
    }

    /// The StatCan score in [−5, 5].
    #[getter]
    fn score(&self) -> Option<f64> {
        self.inner.score
    }

    /// The value projected to the target year.
    #[getter]
    fn projected(&self) -> Option<f64> {
        self.inner.projected
    }

    /// Growth achieved since the baseline, a fraction per year.
    #[getter]
    fn achieved_growth(&self) -> Option<f64> {
        self.inner.achieved_growth
    }

    /// Growth the target requires from the baseline, a fraction per year.
    #[getter]
    fn required_growth(&self) -> Option<f64> {
        self.inner.required_growth
    }

    /// Growth still required from the current value, a fraction per year.
    #[getter]
    fn remaining_growth(&self) -> Option<f64> {
        self.inner.remaining_growth
    }

    /// `(year, value)` of the baseline.
    #[getter]
    fn baseline(&self) -> (i32, f64) {
        pair(self.inner.baseline)
    }

    /// `(year, value)` of the current value.
    #[getter]
    fn current(&self) -> Option<(i32, f64)> {
        self.inner.current.map(pair)
    }

    /// `(year, value)` of the target.
    #[getter]
    fn target(&self) -> Option<(i32, f64)> {
        self.inner.target.map(pair)
    }

    /// Warnings, in English words (a tuple).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.inner
                .warnings
                .iter()
                .map(|w| words::progress_warning(Lang::En, *w)),
        )
    }

    /// The result as plain Python objects (the core's JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let ratio = self
            .inner
            .figure
            .map_or_else(|| "None".to_string(), |r| format!("{r:.4}"));
        format!(
            "Progress(method={:?}, status={:?}, ratio={ratio})",
            self.inner.method.name(),
            self.inner.status.name()
        )
    }
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
        Ok((
            PyObservations {
                inner: mapped.observations,
            },
            to_python(py, &mapped.skipped)?,
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

    /// The CSV's columns, one list each (`year` as the CSV writes it: `YYYY`, `YYYY-YYYY` or
    /// `undated`; `value` as a numpy array).
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let rows = self.inner.rows();
        let text = |f: fn(&Observation) -> &str| -> Vec<&str> { rows.iter().map(f).collect() };
        let d = PyDict::new(py);
        d.set_item("scope", text(|o| &o.scope))?;
        d.set_item("indicator", text(|o| &o.indicator))?;
        let years: Vec<String> = rows.iter().map(|o| o.when.csv_field()).collect();
        d.set_item("year", years)?;
        let values: Vec<f64> = rows.iter().map(|o| o.value).collect();
        d.set_item("value", values.into_pyarray(py))?;
        d.set_item("unit", text(|o| &o.unit))?;
        d.set_item("note", text(|o| &o.note))?;
        d.set_item("source_url", text(|o| &o.source_url))?;
        d.set_item("evidence", text(|o| o.evidence.name()))?;
        // Where a value read from a published table came from, and the publisher's status
        // (a value typed in as preliminary says so without a table).
        let status: Vec<&str> = rows
            .iter()
            .map(|o| match &o.provenance {
                Some(Provenance {
                    status: Some(s), ..
                }) => s.as_str(),
                _ if o.preliminary => "preliminary",
                _ => "",
            })
            .collect();
        d.set_item("status", status)?;
        let source = |f: fn(&Provenance) -> &str| -> Vec<&str> {
            rows.iter()
                .map(|o| o.provenance.as_ref().map_or("", f))
                .collect()
        };
        d.set_item("source_file", source(|p| &p.file))?;
        d.set_item("source_table", source(|p| &p.table))?;
        d.set_item("source_cell", source(|p| &p.cell))?;
        Ok(d)
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

/// One assessed goal as a row: its identity, the status and the numbers it rests on, and
/// its words in one language (the core's `GoalAssessment` through `report::words`).
#[pyclass(frozen, get_all, module = "nangsuat._nangsuat", name = "GoalRow")]
pub(crate) struct PyGoalRow {
    /// Plan id.
    plan: String,
    /// Goal id.
    goal: String,
    /// Indicator code.
    indicator: String,
    /// Indicator name in English.
    indicator_en: String,
    /// Scope code.
    scope: String,
    /// The target in words.
    target: String,
    /// First year the target covers, when stated.
    period_start: Option<i32>,
    /// Last year the target covers.
    period_end: i32,
    /// Status (stable name).
    status: &'static str,
    /// The value the status rests on.
    current: Option<f64>,
    /// The progress method's figure.
    ratio: Option<f64>,
    /// The StatCan score.
    score: Option<f64>,
    /// Why, in words.
    reason: String,
    /// What is needed, in words, when it can be said.
    needed: Option<String>,
    /// The document's wording.
    source_text: Option<String>,
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

    /// One row per goal, plan by plan, its words in `lang`.
    #[pyo3(signature = (lang="en"))]
    fn goal_rows(&self, lang: &str) -> PyResult<Vec<PyGoalRow>> {
        let lang = Lang::from_code(lang).py()?;
        let places = &self.inner.places;
        Ok(self
            .inner
            .plans
            .iter()
            .flat_map(|p| &p.goals)
            .map(|g| PyGoalRow {
                plan: g.plan.clone(),
                goal: g.goal.clone(),
                indicator: g.indicator.clone(),
                indicator_en: g.indicator_en.clone(),
                scope: g.scope.clone(),
                target: words::target(lang, &g.target, &g.unit, places),
                period_start: g.period.0,
                period_end: g.period.1,
                status: g.status.name(),
                current: g.current,
                ratio: g.progress.as_ref().and_then(|p| p.figure),
                score: g.progress.as_ref().and_then(|p| p.score),
                reason: words::reason(lang, &g.reason, &g.unit, places),
                needed: g.needed.as_ref().map(|n| words::needed(lang, n, &g.unit)),
                source_text: g.source_text.clone(),
            })
            .collect())
    }

    /// Counts of goals by status (stable names), in the core's order of statuses, statuses
    /// with no goal left out.
    fn status_counts(&self) -> Vec<(&'static str, usize)> {
        self.inner
            .status_counts()
            .into_iter()
            .map(|(s, n)| (s.name(), n))
            .collect()
    }
}

/// Raw series of one scope for the engine's share-of-growth computation:
/// (scope, years, output, capital, employment, labour share).
type RawAccounting = (String, Vec<i32>, Vec<f64>, Vec<f64>, Vec<f64>, f64);

/// Every goal of `plans` assessed against `observations`; `accounting` and `population` are
/// the raw series of one scope the core's assessment derives indicators from (a TFP share of
/// growth where none is published; ratios per 10,000 people from counts).
#[pyfunction]
#[pyo3(signature = (plans, observations, *, method="statcan", about_tolerance=0.05,
    accounting=None, population=None))]
pub(crate) fn assess(
    py: Python<'_>,
    plans: Vec<Bound<'_, PyPlan>>,
    observations: &PyObservations,
    method: &str,
    about_tolerance: f64,
    accounting: Option<RawAccounting>,
    population: Option<(String, Vec<(i32, f64)>)>,
) -> PyResult<PyReport> {
    let mut options = AssessOptions::new(Method::from_name(method).py()?, about_tolerance)
        .py()?
        .with_reference_scope(nangsuat::vietnam::SCOPE);
    let mut derived_lp = Vec::new();
    if let Some((scope, years, output, capital, labour, labour_share)) = accounting {
        // Annual labour-productivity growth from the same output and employment, added behind
        // any published value (the assessment prefers a confirmed one).
        let source = "assess(output=…, employment=…)";
        let y = Series::from_values("output", "", &years, &output, source).py()?;
        let l = Series::from_values("employment", "", &years, &labour, source).py()?;
        derived_lp = labour_productivity_growth(&scope, &y, &l).py()?;
        let data = AccountingData::new(years, output, capital, labour, labour_share).py()?;
        options = options.with_accounting(scope, data);
    }
    if let Some((scope, points)) = population {
        let points = points.into_iter().map(|(y, v)| Point::new(y, v)).collect();
        options = options.with_population(scope, points).py()?;
    }
    let plans: Vec<Plan> = plans.iter().map(|p| p.get().inner.clone()).collect();
    let places = Vietnam::get().places().clone();
    let inner = py.detach(|| {
        let extended;
        let mut observations = &observations.inner;
        if !derived_lp.is_empty() {
            extended = extend_observations(observations, &derived_lp);
            observations = &extended;
        }
        assess_with(&plans, observations, &options).with_places(places)
    });
    Ok(PyReport { inner })
}

/// The Viet Nam report: embedded plans and observations, growth-accounting history and
/// feasibility (the main job).
#[pyfunction]
pub(crate) fn vietnam_report(py: Python<'_>) -> PyResult<PyReport> {
    let inner = py.detach(nangsuat::vietnam::report).py()?;
    Ok(PyReport { inner })
}
