//! Core values that derive `Serialize` cross into Python as plain dicts and lists, through JSON
//! (small objects only: plans, reports, provenance; never data columns).

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use serde::Serialize;

/// `value` as Python objects (dict, list, str, float, int, bool, None).
pub(crate) fn to_python<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot convert a result to Python: {e}")))?;
    py.import("json")?.call_method1("loads", (text,))
}
