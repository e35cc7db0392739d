//! Indicators: what a goal measures (METHODS §9, the GSO indicator passport).
//!
//! The built-in catalogue ([`builtin_indicators`]) has stable codes, Vietnamese and English
//! names, a unit, the desired direction, a natural limit where one exists, the indicator's kind,
//! and — for the indicators that growth accounting produces — how it is computed. Plans may
//! declare further indicators of their own ([`crate::plan::Plan::indicators`]).
//!
//! Codes match the indicator column of the embedded Viet Nam observations, so a goal and the
//! values observed for it meet by code.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// More is better (productivity, coverage).
    HigherIsBetter,
    /// Less is better (e.g. energy intensity).
    LowerIsBetter,
}

/// What sort of quantity an indicator is; it decides how progress is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IndicatorKind {
    /// A level (e.g. labour productivity in million VND per worker).
    Level,
    /// An annual growth rate.
    GrowthRate,
    /// The average annual growth of a level over a period ("bình quân … %/năm").
    PeriodAverageGrowth,
    /// A share of a total, bounded by its natural limit (e.g. digital economy in % of GRDP).
    Share,
    /// A share of growth (e.g. TFP's contribution to GDP growth); may exceed 100 %.
    ShareOfGrowth,
    /// A count of units (enterprises, provinces, hospitals).
    Count,
    /// A ratio per 10,000 people; needs a population series.
    RatioPer10000,
    /// Done or not done (1 or 0).
    Milestone,
}

/// How an indicator comes out of growth accounting, when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Computation {
    /// Labour-productivity growth (output ÷ employment), from [`crate::accounting`].
    LabourProductivityGrowth,
    /// TFP's share of output growth over a period (ratio of cumulative growths).
    TfpShareOfGrowth,
    /// Output (GDP or GRDP) growth.
    OutputGrowth,
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Indicator {
    /// Stable code, snake_case (e.g. `lp_growth_avg`).
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Unit code (see [`UNITS`]).
    pub unit: String,
    /// Desired direction.
    pub direction: Direction,
    /// Kind of quantity.
    pub kind: IndicatorKind,
    /// Natural limit (e.g. 100 for a percentage of communes covered), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub natural_limit: Option<f64>,
    /// How growth accounting computes it, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computed_from: Option<Computation>,
    /// For a ratio per 10,000 people: the count indicator it divides by population, so the
    /// ratio can be formed from a count and a population series when it is not published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_10000_of: Option<String>,
    /// Definition and source, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

/// The unit codes indicators and goals may use, with their meaning.
pub const UNITS: [(&str, &str); 10] = [
    ("percent", "percent of a total (0–100)"),
    ("percent_per_year", "percent per year (growth rate)"),
    ("percent_of_growth", "percent of output growth"),
    ("count", "number of units"),
    ("per_10000_people", "number per 10,000 inhabitants"),
    (
        "million_vnd_per_worker",
        "million VND per employed person, current prices",
    ),
    ("billion_vnd", "billion VND"),
    ("million_persons", "million persons"),
    ("milestone", "1 when done, 0 when not"),
    ("rank", "rank (1 is best)"),
];

/// Whether `unit` is a known unit code.
pub fn is_known_unit(unit: &str) -> bool {
    UNITS.iter().any(|(u, _)| *u == unit)
}

const CATALOGUE_TOML: &str = include_str!("../../catalogue/indicators.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    indicators: Vec<Indicator>,
}

/// The built-in indicator catalogue, in a stable order.
///
/// ```
/// let lp = nangsuat::plan::indicator::find_builtin("lp_growth_avg").unwrap();
/// assert_eq!(lp.unit, "percent_per_year");
/// assert_eq!(lp.name_vi, "Tốc độ tăng năng suất lao động bình quân");
/// ```
pub fn builtin_indicators() -> Vec<Indicator> {
    catalogue().to_vec()
}

/// The built-in indicator catalogue, parsed once per process and borrowed.
pub fn catalogue() -> &'static [Indicator] {
    static CATALOGUE: OnceLock<Vec<Indicator>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        parse_catalogue(CATALOGUE_TOML)
            .map(|c| c.indicators)
            .unwrap_or_else(|e| unreachable!("the embedded catalogue is checked by tests: {e}"))
    })
}

fn parse_catalogue(text: &str) -> Result<Catalogue> {
    toml::from_str(text).map_err(|e| Error::Parse {
        format: "toml".into(),
        path: "indicators".into(),
        line: None,
        column: None,
        message: e.to_string(),
    })
}

/// A built-in indicator by code.
pub fn find_builtin(code: &str) -> Option<Indicator> {
    catalogue().iter().find(|i| i.code == code).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn catalogue_parses_with_unique_codes_and_known_units() {
        let all = parse_catalogue(CATALOGUE_TOML).unwrap().indicators;
        assert!(all.len() >= 20);
        let codes: BTreeSet<_> = all.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes.len(), all.len(), "duplicate code");
        for i in &all {
            assert!(is_known_unit(&i.unit), "{}: unit {}", i.code, i.unit);
            assert!(!i.name_vi.is_empty() && !i.name_en.is_empty(), "{}", i.code);
            if i.kind == IndicatorKind::Share {
                assert_eq!(i.natural_limit, Some(100.0), "{}", i.code);
            }
        }
    }
}
