//! Goals: a target for one indicator, with its wording in the source document (METHODS §7, §9).
//!
//! Values are written in the goal's unit as the plan states them: "trên 7 %/năm" is
//! `Target::Above { value: 7.0 }` with unit `percent_per_year`, not 0.07. (The computational
//! modules use fractions; the conversion happens when a goal is assessed.)

use serde::{Deserialize, Serialize};

/// What a goal asks of its indicator.
///
/// In TOML: `target = { comparator = "above", value = 7.0 }`,
/// `target = { comparator = "between", low = 12.0, high = 15.0 }`,
/// `target = { comparator = "about", value = 45.0 }` (tolerance optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "comparator", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Target {
    /// Strictly above ("trên", "hơn").
    Above {
        /// The bound.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        value: f64,
    },
    /// At least ("ít nhất", "tối thiểu", or a level to reach: "đạt", "lên").
    AtLeast {
        /// The bound.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        value: f64,
    },
    /// Strictly below ("dưới").
    Below {
        /// The bound.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        value: f64,
    },
    /// At most ("tối đa", "không quá").
    AtMost {
        /// The bound.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        value: f64,
    },
    /// Exactly (a milestone, 100 %).
    Equal {
        /// The value.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        value: f64,
    },
    /// About ("khoảng"), within a tolerance. The document rarely states the tolerance; when it
    /// does not, `tolerance` is left empty and the assessment states the one it applies.
    About {
        /// The central value.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        value: f64,
        /// Allowed absolute deviation in the goal's unit, if the document states one.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::plan::number::finite_option"
        )]
        tolerance: Option<f64>,
    },
    /// Within a range, bounds included ("từ 12 đến 15", "6,5–7 %").
    Between {
        /// Lower bound.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        low: f64,
        /// Upper bound.
        #[serde(deserialize_with = "crate::plan::number::finite")]
        high: f64,
    },
    /// Relative to another series ("cao hơn bình quân cả nước").
    Relative {
        /// The code of the series compared with (e.g. `national:lp_growth_avg`).
        reference: String,
        /// Whether the goal's value must be above or below it.
        relation: Relation,
    },
}

/// Above or below a reference series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relation {
    /// Higher than the reference.
    Above,
    /// Lower than the reference.
    Below,
}

impl Target {
    /// The numeric threshold a value must reach for a "higher is better" reading: the bound of
    /// above/at-least/equal/about, the low end of a range. `None` for relative targets and for
    /// upper bounds.
    pub fn lower_bound(&self) -> Option<f64> {
        match self {
            Target::Above { value }
            | Target::AtLeast { value }
            | Target::Equal { value }
            | Target::About { value, .. } => Some(*value),
            Target::Between { low, .. } => Some(*low),
            _ => None,
        }
    }

    /// The numeric ceiling of below/at-most/equal/about targets, the high end of a range.
    pub fn upper_bound(&self) -> Option<f64> {
        match self {
            Target::Below { value }
            | Target::AtMost { value }
            | Target::Equal { value }
            | Target::About { value, .. } => Some(*value),
            Target::Between { high, .. } => Some(*high),
            _ => None,
        }
    }

    /// Every number in the target, for checks of finiteness.
    pub fn numbers(&self) -> Vec<f64> {
        match self {
            Target::Above { value }
            | Target::AtLeast { value }
            | Target::Below { value }
            | Target::AtMost { value }
            | Target::Equal { value } => vec![*value],
            Target::About { value, tolerance } => {
                std::iter::once(*value).chain(*tolerance).collect()
            }
            Target::Between { low, high } => vec![*low, *high],
            Target::Relative { .. } => vec![],
        }
    }

    /// The comparator's stable name.
    pub fn comparator(&self) -> &'static str {
        match self {
            Target::Above { .. } => "above",
            Target::AtLeast { .. } => "at_least",
            Target::Below { .. } => "below",
            Target::AtMost { .. } => "at_most",
            Target::Equal { .. } => "equal",
            Target::About { .. } => "about",
            Target::Between { .. } => "between",
            Target::Relative { .. } => "relative",
        }
    }
}

/// When the target applies: by a year (`end` only) or over a period (`start..=end`).
///
/// A period-average target ("bình quân trên 7 %/năm giai đoạn 2021–2025") has both; a level
/// to reach by a year ("đến năm 2025 … 60 doanh nghiệp") has only `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// First year of the period, for period targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i32>,
    /// The target year (the last year of a period).
    pub end: i32,
}

/// A measured starting point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Baseline {
    /// Year of the baseline value.
    pub year: i32,
    /// The value, in the goal's unit.
    #[serde(deserialize_with = "crate::plan::number::finite")]
    pub value: f64,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Where a goal applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Scope {
    /// Nation, province or sector.
    pub level: ScopeLevel,
    /// Name or code (e.g. `viet_nam`, `thanh_hoa`, `manufacturing`).
    pub name: String,
}

/// The level of a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScopeLevel {
    /// The whole country.
    Nation,
    /// A province or centrally-run city.
    Province,
    /// An economic sector.
    Sector,
    /// A group of enterprises or an enterprise.
    Enterprise,
}

/// A goal (target) of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Goal {
    /// Identifier, unique within the plan.
    pub id: String,
    /// Indicator code (built-in or declared by the plan).
    pub indicator: String,
    /// What is asked of it.
    pub target: Target,
    /// Unit of the target values (a code of [`crate::plan::indicator::UNITS`]).
    pub unit: String,
    /// When; empty when the document states no year, in which case the plan's period applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<Horizon>,
    /// Where the goal applies.
    pub scope: Scope,
    /// The starting point, when the document gives one (never invented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// The document's own words, verbatim (Vietnamese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// Legal basis of this goal when it differs from the plan's (document numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<String>,
    /// Where the goal was read (a source id of the plan, or a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Remarks, e.g. how the wording was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        let t = Target::Between {
            low: 12.0,
            high: 15.0,
        };
        assert_eq!((t.lower_bound(), t.upper_bound()), (Some(12.0), Some(15.0)));
        let t = Target::Above { value: 7.0 };
        assert_eq!((t.lower_bound(), t.upper_bound()), (Some(7.0), None));
        assert_eq!(t.comparator(), "above");
        let t = Target::About {
            value: 45.0,
            tolerance: Some(2.0),
        };
        assert_eq!(t.numbers(), vec![45.0, 2.0]);
    }

    #[test]
    fn toml_form() {
        #[derive(Debug, Deserialize)]
        struct W {
            target: Target,
        }
        let w: W =
            toml::from_str(r#"target = { comparator = "between", low = 12, high = 15 }"#).unwrap();
        assert_eq!(
            w.target,
            Target::Between {
                low: 12.0,
                high: 15.0
            }
        );
        let e = toml::from_str::<W>(r#"target = { comparator = "between", low = 12 }"#);
        assert!(e.unwrap_err().to_string().contains("high"));
    }
}
