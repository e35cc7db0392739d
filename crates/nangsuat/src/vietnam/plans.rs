//! The plans of the seed documents, embedded: Decision 36/QĐ-TTg (2021–2030), Quảng Ninh's plan
//! implementing it, Thanh Hóa's commitment to it, Thanh Hóa's draft action plan for the S&T
//! breakthrough 2021–2025, and Thanh Hóa's S&T tasks for 2020. Parsed once per process by
//! [`crate::vietnam::Vietnam::get`].

use crate::error::Result;
use crate::plan::Plan;

/// The embedded plan files (name, TOML text), parent plans first.
pub const PLAN_FILES: [(&str, &str); 5] = [
    ("vn-d36-2021", include_str!("../../plans/vn-d36-2021.toml")),
    ("qn-d36-2021", include_str!("../../plans/qn-d36-2021.toml")),
    (
        "th-d36-commitment-2021",
        include_str!("../../plans/th-d36-commitment-2021.toml"),
    ),
    (
        "th-st-breakthrough-2021",
        include_str!("../../plans/th-st-breakthrough-2021.toml"),
    ),
    (
        "th-st-tasks-2020",
        include_str!("../../plans/th-st-tasks-2020.toml"),
    ),
];

/// Parses the embedded plan files.
///
/// # Errors
/// The first file's [`crate::Error::Parse`], its path naming the file.
pub(crate) fn parse() -> Result<Vec<Plan>> {
    PLAN_FILES
        .iter()
        .map(|(name, text)| {
            Plan::from_toml(text).map_err(|e| match e {
                crate::Error::Parse {
                    format,
                    line,
                    column,
                    message,
                    ..
                } => crate::Error::Parse {
                    format,
                    path: format!("{name}.toml"),
                    line,
                    column,
                    message,
                },
                other => other,
            })
        })
        .collect()
}

/// The embedded plans (borrowed from the value parsed once).
///
/// ```
/// let plans = nangsuat::vietnam::plans::builtin();
/// assert_eq!(plans[0].id, "vn-d36-2021");
/// ```
pub fn builtin() -> &'static [crate::plan::Plan] {
    crate::vietnam::Vietnam::get().plans()
}
