//! Plans: the core's [`Plan`] behind an immutable handle; files read and written by the core.

use crate::errors::IntoPy;
use crate::json::to_python;
use nangsuat::plan::Plan;
use nangsuat::plan::document::PlanDocument;
use nangsuat::plan::validation::validate_plans;
use pyo3::prelude::*;

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

    /// Findings of this plan on its own, as dicts.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.validate())
    }

    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
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

/// Findings of a set of plans (each plan, then parents, cycles and duplicates), as dicts.
#[pyfunction]
pub(crate) fn validate_plan_set<'py>(
    py: Python<'py>,
    plans: Vec<Bound<'_, PyPlan>>,
) -> PyResult<Bound<'py, PyAny>> {
    let plans: Vec<Plan> = plans.iter().map(|p| p.get().inner.clone()).collect();
    to_python(py, &validate_plans(&plans))
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
