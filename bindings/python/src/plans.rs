//! Plans: the core's [`Plan`] behind an immutable handle; files read and written by the core.

use crate::errors::IntoPy;
use crate::json::to_python;
use nangsuat::plan::Plan;
use nangsuat::plan::document::PlanDocument;
use nangsuat::plan::goal::Goal;
use nangsuat::plan::validation::{Finding, validate_plans};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A plan held by the core (immutable).
#[pyclass(frozen, eq, module = "nangsuat._nangsuat", name = "Plan")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyPlan {
    pub(crate) inner: Plan,
}

#[pymethods]
impl PyPlan {
    /// Reads a plan from TOML text.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<Self> {
        py.detach(|| Plan::from_toml(text))
            .py()
            .map(|inner| PyPlan { inner })
    }

    /// Reads a plan from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        py.detach(|| Plan::from_json(text))
            .py()
            .map(|inner| PyPlan { inner })
    }

    /// Reads a plan file (`.toml` or `.json`).
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        py.detach(|| Plan::load(&path))
            .py()
            .map(|inner| PyPlan { inner })
    }

    /// The plan as TOML.
    fn to_toml(&self) -> PyResult<String> {
        self.inner.to_toml().py()
    }

    /// The plan as JSON.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().py()
    }

    /// The plan as plain Python objects (the JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    /// Findings of this plan on its own.
    fn validate(&self) -> Vec<PyFinding> {
        self.inner
            .validate()
            .into_iter()
            .map(PyFinding::from)
            .collect()
    }

    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Title in Vietnamese, as in the document.
    #[getter]
    fn title_vi(&self) -> &str {
        &self.inner.title_vi
    }

    /// Title in English, when known.
    #[getter]
    fn title_en(&self) -> Option<&str> {
        self.inner.title_en.as_deref()
    }

    /// Where the plan applies.
    #[getter]
    fn territory(&self) -> &str {
        &self.inner.territory
    }

    /// First and last year.
    #[getter]
    fn period(&self) -> (i32, i32) {
        (self.inner.period.start, self.inner.period.end)
    }

    /// Id of the plan this one implements.
    #[getter]
    fn parent(&self) -> Option<&str> {
        self.inner.parent.as_deref()
    }

    /// The goals.
    #[getter]
    fn goals(&self) -> Vec<PyGoal> {
        self.inner
            .goals
            .iter()
            .map(|g| PyGoal { inner: g.clone() })
            .collect()
    }
}

/// A goal (target) of a plan (the core's `Goal`, read through getters). The target, scope,
/// horizon and baseline are small tagged values, given as dicts in their JSON form.
#[pyclass(frozen, eq, module = "nangsuat._nangsuat", name = "Goal")]
#[derive(PartialEq)]
pub(crate) struct PyGoal {
    inner: Goal,
}

#[pymethods]
impl PyGoal {
    /// Goal id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Indicator code.
    #[getter]
    fn indicator(&self) -> &str {
        &self.inner.indicator
    }

    /// The comparator and its values in `unit`, as the document states them.
    #[getter]
    fn target<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.target)
    }

    /// `above`, `at_least`, `below`, `at_most`, `equal`, `about`, `between` or `relative`.
    #[getter]
    fn comparator(&self) -> &'static str {
        self.inner.target.comparator()
    }

    /// Unit code of the target.
    #[getter]
    fn unit(&self) -> &str {
        &self.inner.unit
    }

    /// Where the goal applies (level and name).
    #[getter]
    fn scope<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.scope)
    }

    /// The years the target covers, when stated.
    #[getter]
    fn horizon<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .horizon
            .as_ref()
            .map(|h| to_python(py, h))
            .transpose()
    }

    /// The baseline the document states, when it does.
    #[getter]
    fn baseline<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .baseline
            .as_ref()
            .map(|b| to_python(py, b))
            .transpose()
    }

    /// The document's wording, verbatim.
    #[getter]
    fn source_text(&self) -> Option<&str> {
        self.inner.source_text.as_deref()
    }

    /// Legal references of the goal (a tuple).
    #[getter]
    fn legal_basis<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.legal_basis)
    }

    /// Source id.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }

    /// Note.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// The goal as plain Python objects (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Goal(id={:?}, indicator={:?}, comparator={:?}, unit={:?})",
            self.inner.id,
            self.inner.indicator,
            self.inner.target.comparator(),
            self.inner.unit
        )
    }
}

/// The plans embedded from the seed documents.
#[pyfunction]
pub(crate) fn builtin_plans() -> Vec<PyPlan> {
    nangsuat::vietnam::Vietnam::get()
        .plans()
        .iter()
        .map(|inner| PyPlan {
            inner: inner.clone(),
        })
        .collect()
}

/// Findings of a set of plans (each plan, then parents, cycles and duplicates).
#[pyfunction]
pub(crate) fn validate_plan_set(plans: Vec<Bound<'_, PyPlan>>) -> Vec<PyFinding> {
    let plans: Vec<Plan> = plans.iter().map(|p| p.get().inner.clone()).collect();
    validate_plans(&plans)
        .into_iter()
        .map(PyFinding::from)
        .collect()
}

/// One validation finding (the core's `Finding`, read through getters): a stable code, its
/// severity, where it is and a message with the values.
#[pyclass(frozen, eq, module = "nangsuat._nangsuat", name = "Finding")]
#[derive(PartialEq)]
pub(crate) struct PyFinding {
    inner: Finding,
}

impl From<Finding> for PyFinding {
    fn from(inner: Finding) -> Self {
        PyFinding { inner }
    }
}

#[pymethods]
impl PyFinding {
    /// Stable code (e.g. `goal_without_task`).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }

    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.name()
    }

    /// Where: `plan`, `plan/goal:g` or `plan/task:t` (the core's `Location` display).
    #[getter]
    fn location(&self) -> String {
        self.inner.location.to_string()
    }

    /// What, in words, with the values involved.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// Plan id.
    #[getter]
    fn plan(&self) -> &str {
        &self.inner.location.plan
    }

    /// Goal id, when about a goal.
    #[getter]
    fn goal(&self) -> Option<&str> {
        self.inner.location.goal.as_deref()
    }

    /// Task id, when about a task.
    #[getter]
    fn task(&self) -> Option<&str> {
        self.inner.location.task.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "Finding(code={:?}, severity={:?}, location={:?})",
            self.inner.code.as_str(),
            self.inner.severity.name(),
            self.inner.location.to_string()
        )
    }
}

/// A TOML plan file with its text kept: edits rewrite only what changed.
#[pyclass(module = "nangsuat._nangsuat", name = "PlanDocument")]
pub(crate) struct PyPlanDocument {
    inner: PlanDocument,
}

#[pymethods]
impl PyPlanDocument {
    /// Reads a plan file's TOML text.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<Self> {
        py.detach(|| PlanDocument::from_toml(text))
            .py()
            .map(|inner| PyPlanDocument { inner })
    }

    /// Reads a TOML plan file.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        py.detach(|| PlanDocument::load(&path))
            .py()
            .map(|inner| PyPlanDocument { inner })
    }

    /// The plan the document holds.
    #[getter]
    fn plan(&self) -> PyPlan {
        PyPlan {
            inner: self.inner.plan().clone(),
        }
    }

    /// Replaces the plan; the text changes only where the plan does.
    fn set_plan(&mut self, plan: &PyPlan) -> PyResult<()> {
        self.inner.set_plan(plan.inner.clone()).py()
    }

    /// The document's text.
    fn to_toml(&self) -> String {
        self.inner.to_toml()
    }

    /// Writes the document's text to a file.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save(&path)).py()
    }
}
