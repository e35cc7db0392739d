//! One exhaustive mapping from the core's [`ErrorKind`] to the Python exception classes of
//! `nangsuat.exceptions`, carrying the error's context as attributes.

use nangsuat::{Error, ErrorKind};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// The Python class (in `nangsuat/exceptions.py`) of each error kind.
pub(crate) fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::LengthMismatch => "LengthMismatchError",
        ErrorKind::Empty => "EmptySeriesError",
        ErrorKind::DuplicateYear => "DuplicateYearError",
        ErrorKind::UnsortedYears => "UnsortedYearsError",
        ErrorKind::MissingYear => "MissingYearError",
        ErrorKind::YearNotFound => "YearNotFoundError",
        ErrorKind::NonFinite => "NonFiniteError",
        ErrorKind::NonPositive => "NonPositiveError",
        ErrorKind::OutOfRange => "OutOfRangeError",
        ErrorKind::InvalidParameter => "InvalidParameterError",
        ErrorKind::InsufficientData => "InsufficientDataError",
        ErrorKind::Parse => "ParseError",
        ErrorKind::Io => "NangsuatIOError",
        ErrorKind::Interrupted => "InterruptedComputationError",
        // A kind added to the core later still raises a NangsuatError.
        _ => "NangsuatError",
    }
}

/// Converts a core error into the matching Python exception.
pub(crate) fn to_py_err(err: Error) -> PyErr {
    Python::attach(|py| build(py, &err).unwrap_or_else(|e| e))
}

/// Extension trait: `core_call().py()?`.
pub(crate) trait IntoPy<T> {
    /// The result with the error converted.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let module = py.import("nangsuat.exceptions").map_err(|e| {
        PyRuntimeError::new_err(format!(
            "{err} (and nangsuat.exceptions cannot be imported: {e})"
        ))
    })?;
    let class = module.getattr(class_name(err.kind()))?;
    let exc = class.call1((err.to_string(),))?;
    exc.setattr("kind", err.kind().name())?;
    let set = |name: &str, value: Bound<'_, PyAny>| exc.setattr(name, value);
    match err {
        Error::LengthMismatch {
            series,
            expected,
            actual,
        } => {
            set("series", series.into_pyobject(py)?.into_any())?;
            set("expected", expected.into_pyobject(py)?.into_any())?;
            set("actual", actual.into_pyobject(py)?.into_any())?;
        }
        Error::Empty { series, .. } => set("series", series.into_pyobject(py)?.into_any())?,
        Error::DuplicateYear {
            series,
            entity,
            year,
        }
        | Error::MissingYear {
            series,
            entity,
            year,
        } => {
            set("series", series.into_pyobject(py)?.into_any())?;
            set("entity", entity.into_pyobject(py)?.into_any())?;
            set("year", year.into_pyobject(py)?.into_any())?;
        }
        Error::UnsortedYears { series, year, .. } | Error::YearNotFound { series, year, .. } => {
            set("series", series.into_pyobject(py)?.into_any())?;
            set("year", year.into_pyobject(py)?.into_any())?;
        }
        Error::NonFinite {
            series,
            entity,
            year,
            value,
        }
        | Error::NonPositive {
            series,
            entity,
            year,
            value,
        } => {
            set("series", series.into_pyobject(py)?.into_any())?;
            set("entity", entity.into_pyobject(py)?.into_any())?;
            set("year", year.into_pyobject(py)?.into_any())?;
            set("value", value.into_pyobject(py)?.into_any())?;
        }
        Error::OutOfRange {
            name,
            year,
            value,
            expected,
        } => {
            set("series", name.into_pyobject(py)?.into_any())?;
            set("year", year.into_pyobject(py)?.into_any())?;
            set("value", value.into_pyobject(py)?.into_any())?;
            set("expected", expected.into_pyobject(py)?.into_any())?;
        }
        Error::InvalidParameter { name, .. } => {
            set("parameter", name.into_pyobject(py)?.into_any())?
        }
        Error::Parse {
            path, line, column, ..
        } => {
            set("path", path.into_pyobject(py)?.into_any())?;
            set("line", line.into_pyobject(py)?.into_any())?;
            set("column", column.into_pyobject(py)?.into_any())?;
        }
        Error::Io { path, .. } | Error::Write { path, .. } => {
            set("path", path.into_pyobject(py)?.into_any())?
        }
        _ => {}
    }
    Ok(PyErr::from_value(exc))
}

/// Replaces entity codes (row numbers into `labels`) in an error by the caller's labels,
/// range errors included (the core knows where each error names its entity).
pub(crate) fn relabel(err: Error, labels: Option<&[String]>) -> Error {
    let Some(labels) = labels else { return err };
    err.rename_entity(|code| {
        code.parse::<usize>()
            .ok()
            .and_then(|i| labels.get(i).cloned())
    })
}

/// The kinds and their classes, for the test that every class exists.
#[pyfunction]
pub(crate) fn _error_classes() -> Vec<(u32, &'static str, &'static str)> {
    ErrorKind::ALL
        .iter()
        .map(|&k| (k as u32, k.name(), class_name(k)))
        .collect()
}
