//! The report as JSON: the model as it is, with the structured facts (tagged enums,
//! snake_case) and every number, source and evidence level; it reads back to an equal report.

use crate::error::{Error, Result};
use crate::report::Report;

/// The report as pretty-printed JSON.
///
/// # Errors
/// [`Error::Parse`] if a number cannot be written (never for a report made here).
pub fn to_json(report: &Report) -> Result<String> {
    serde_json::to_string_pretty(report).map_err(|e| Error::Parse {
        format: "json".into(),
        path: "report".into(),
        line: None,
        column: None,
        message: e.to_string(),
    })
}

/// A report read back from its JSON.
///
/// # Errors
/// [`Error::Parse`] naming the JSON path, line and column of the first problem.
pub fn from_json(text: &str) -> Result<Report> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        Error::Parse {
            format: "json".into(),
            path: if path == "." {
                "report".into()
            } else {
                format!("report.{path}")
            },
            line: Some(inner.line()),
            column: Some(inner.column()),
            message: inner.to_string(),
        }
    })
}
