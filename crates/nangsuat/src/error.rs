//! The crate's one error type.
//!
//! Every variant carries the context a statistician needs to fix the input: which series,
//! which year, which value, and what was expected. [`Error::kind`] gives a `Copy`
//! discriminant that the Python and C bindings map to an exception class and a status code.

use std::fmt;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in nangsuat.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Two columns that must describe the same rows have different lengths.
    #[error("series `{series}` has {actual} values but {expected} were expected (one per row)")]
    LengthMismatch {
        /// The offending series.
        series: String,
        /// Length required (that of the years column).
        expected: usize,
        /// Length given.
        actual: usize,
    },
    /// A series holds no observation at all.
    #[error("series `{series}` is empty: at least {needed} observation(s) are needed")]
    Empty {
        /// The offending series.
        series: String,
        /// How many observations the computation needs.
        needed: usize,
    },
    /// The same year appears twice in one series (or twice for one entity of a panel).
    #[error("series `{series}` has year {year} more than once{}", entity_suffix(.entity))]
    DuplicateYear {
        /// The offending series.
        series: String,
        /// The entity (panel input), if any.
        entity: Option<String>,
        /// The repeated year.
        year: i32,
    },
    /// Years are not in increasing order where increasing order is required.
    #[error("series `{series}`: year {year} follows year {previous}; years must increase")]
    UnsortedYears {
        /// The offending series.
        series: String,
        /// The year before.
        previous: i32,
        /// The year that does not increase.
        year: i32,
    },
    /// A year between the first and last is absent.
    #[error(
        "series `{series}` has no value for year {year}{}: consecutive years are required \
         (use NanPolicy::Omit to bridge gaps, or NanPolicy::Propagate to leave them undefined)",
        entity_suffix(.entity)
    )]
    MissingYear {
        /// The offending series.
        series: String,
        /// The entity (panel input), if any.
        entity: Option<String>,
        /// The first missing year.
        year: i32,
    },
    /// A year asked for is not in the data.
    #[error("year {year} is not in series `{series}` (it covers {first}–{last})")]
    YearNotFound {
        /// The series searched.
        series: String,
        /// The year asked for.
        year: i32,
        /// First year of the series.
        first: i32,
        /// Last year of the series.
        last: i32,
    },
    /// NaN or ±infinity where a finite number is required.
    #[error(
        "series `{series}` has a non-finite value {value} in year {year}{}: a finite number is \
         expected (choose a NanPolicy to treat it as missing)",
        entity_suffix(.entity)
    )]
    NonFinite {
        /// The offending series.
        series: String,
        /// The entity (panel input), if any.
        entity: Option<String>,
        /// Year of the value.
        year: i32,
        /// The value itself.
        value: f64,
    },
    /// Zero or a negative number where a logarithm or a ratio needs a positive one.
    #[error(
        "series `{series}` has value {value} in year {year}{}: a positive number is expected \
         (growth is measured in logarithms or ratios)",
        entity_suffix(.entity)
    )]
    NonPositive {
        /// The offending series.
        series: String,
        /// The entity (panel input), if any.
        entity: Option<String>,
        /// Year of the value.
        year: i32,
        /// The value itself.
        value: f64,
    },
    /// A value outside the range its meaning allows (e.g. a share outside [0, 1]).
    #[error("{name} = {value}{} is out of range: expected {expected}", year_suffix(.year))]
    OutOfRange {
        /// Name of the series or parameter.
        name: String,
        /// Year, where the value belongs to one.
        year: Option<i32>,
        /// The value given.
        value: f64,
        /// The range expected, in words.
        expected: String,
    },
    /// A parameter combination that the chosen method does not allow.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter.
        name: String,
        /// Why it is rejected and what to do instead.
        reason: String,
    },
    /// Too few observations for the computation asked for.
    #[error("{what}: {needed} observation(s) are needed, {available} available")]
    InsufficientData {
        /// The computation.
        what: String,
        /// Observations needed.
        needed: usize,
        /// Observations available.
        available: usize,
    },
    /// A plan (or other) file that cannot be read as its format says.
    #[error("cannot read {format}{}{}: {message}", path_suffix(.path), position(*.line, *.column))]
    Parse {
        /// `toml` or `json`.
        format: String,
        /// File and/or field path where known (e.g. `goals[2].target`).
        path: String,
        /// 1-based line, where known.
        line: Option<usize>,
        /// 1-based column, where known.
        column: Option<usize>,
        /// What is wrong, and what was expected.
        message: String,
    },
    /// A file that cannot be opened or read.
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's reason.
        message: String,
    },
    /// A file that cannot be written (kind [`ErrorKind::Io`]).
    #[error("cannot write `{path}`: {message}")]
    Write {
        /// The file.
        path: String,
        /// The reason.
        message: String,
    },
    /// The caller cancelled a long computation through its [`crate::cancel::Cancel`] token
    /// (for example on Ctrl-C) before it finished; no partial result is returned.
    #[error("{what} was interrupted before it finished (cancelled by the caller)")]
    Interrupted {
        /// The computation that stopped (e.g. "the Malmquist index").
        what: String,
    },
}

fn path_suffix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" `{path}`")
    }
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
        (Some(l), None) => format!(" at line {l}"),
        _ => String::new(),
    }
}

fn entity_suffix(entity: &Option<String>) -> String {
    entity
        .as_ref()
        .map(|e| format!(" for entity `{e}`"))
        .unwrap_or_default()
}

fn year_suffix(year: &Option<i32>) -> String {
    year.map(|y| format!(" in year {y}")).unwrap_or_default()
}

/// The kind of an [`Error`], for bindings that map errors to classes or status codes.
///
/// The numeric values are stable: the C API exposes them, so they are never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum ErrorKind {
    /// See [`Error::LengthMismatch`].
    LengthMismatch = 1,
    /// See [`Error::Empty`].
    Empty = 2,
    /// See [`Error::DuplicateYear`].
    DuplicateYear = 3,
    /// See [`Error::UnsortedYears`].
    UnsortedYears = 4,
    /// See [`Error::MissingYear`].
    MissingYear = 5,
    /// See [`Error::YearNotFound`].
    YearNotFound = 6,
    /// See [`Error::NonFinite`].
    NonFinite = 7,
    /// See [`Error::NonPositive`].
    NonPositive = 8,
    /// See [`Error::OutOfRange`].
    OutOfRange = 9,
    /// See [`Error::InvalidParameter`].
    InvalidParameter = 10,
    /// See [`Error::InsufficientData`].
    InsufficientData = 11,
    /// See [`Error::Parse`].
    Parse = 12,
    /// See [`Error::Io`].
    Io = 13,
    /// See [`Error::Interrupted`].
    Interrupted = 14,
}

impl ErrorKind {
    /// Every kind, in the order of their numbers.
    pub const ALL: [ErrorKind; 14] = [
        ErrorKind::LengthMismatch,
        ErrorKind::Empty,
        ErrorKind::DuplicateYear,
        ErrorKind::UnsortedYears,
        ErrorKind::MissingYear,
        ErrorKind::YearNotFound,
        ErrorKind::NonFinite,
        ErrorKind::NonPositive,
        ErrorKind::OutOfRange,
        ErrorKind::InvalidParameter,
        ErrorKind::InsufficientData,
        ErrorKind::Parse,
        ErrorKind::Io,
        ErrorKind::Interrupted,
    ];

    /// Stable snake-case name, used by the bindings.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::LengthMismatch => "length_mismatch",
            ErrorKind::Empty => "empty",
            ErrorKind::DuplicateYear => "duplicate_year",
            ErrorKind::UnsortedYears => "unsorted_years",
            ErrorKind::MissingYear => "missing_year",
            ErrorKind::YearNotFound => "year_not_found",
            ErrorKind::NonFinite => "non_finite",
            ErrorKind::NonPositive => "non_positive",
            ErrorKind::OutOfRange => "out_of_range",
            ErrorKind::InvalidParameter => "invalid_parameter",
            ErrorKind::InsufficientData => "insufficient_data",
            ErrorKind::Parse => "parse",
            ErrorKind::Io => "io",
            ErrorKind::Interrupted => "interrupted",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Error {
    /// The kind of this error.
    ///
    /// ```
    /// use nangsuat::{AnnualSeries, ErrorKind};
    /// let err = AnnualSeries::new("gdp", vec![2019, 2019], vec![1.0, 2.0]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::DuplicateYear);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::LengthMismatch { .. } => ErrorKind::LengthMismatch,
            Error::Empty { .. } => ErrorKind::Empty,
            Error::DuplicateYear { .. } => ErrorKind::DuplicateYear,
            Error::UnsortedYears { .. } => ErrorKind::UnsortedYears,
            Error::MissingYear { .. } => ErrorKind::MissingYear,
            Error::YearNotFound { .. } => ErrorKind::YearNotFound,
            Error::NonFinite { .. } => ErrorKind::NonFinite,
            Error::NonPositive { .. } => ErrorKind::NonPositive,
            Error::OutOfRange { .. } => ErrorKind::OutOfRange,
            Error::InvalidParameter { .. } => ErrorKind::InvalidParameter,
            Error::InsufficientData { .. } => ErrorKind::InsufficientData,
            Error::Parse { .. } => ErrorKind::Parse,
            Error::Io { .. } | Error::Write { .. } => ErrorKind::Io,
            Error::Interrupted { .. } => ErrorKind::Interrupted,
        }
    }

    pub(crate) fn invalid_parameter(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidParameter {
            name: name.into(),
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_series_year_and_value() {
        let e = Error::NonPositive {
            series: "capital".into(),
            entity: Some("VNM".into()),
            year: 2005,
            value: -3.0,
        };
        let msg = e.to_string();
        assert!(msg.contains("capital") && msg.contains("2005") && msg.contains("-3"));
        assert!(msg.contains("VNM"));
        assert_eq!(e.kind(), ErrorKind::NonPositive);
    }

    #[test]
    fn out_of_range_message() {
        let e = Error::OutOfRange {
            name: "labour_share".into(),
            year: Some(2010),
            value: 35.0,
            expected: "a fraction in [0, 1]".into(),
        };
        assert_eq!(
            e.to_string(),
            "labour_share = 35 in year 2010 is out of range: expected a fraction in [0, 1]"
        );
    }

    #[test]
    fn kind_names_are_unique() {
        use std::collections::BTreeSet;
        let kinds = ErrorKind::ALL;
        let names: BTreeSet<_> = kinds.iter().map(|k| k.name()).collect();
        let codes: BTreeSet<_> = kinds.iter().map(|k| *k as i32).collect();
        assert_eq!(names.len(), kinds.len());
        assert_eq!(codes.len(), kinds.len());
    }
}
