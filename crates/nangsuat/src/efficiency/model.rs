//! The choices that define a DEA model: orientation and returns to scale.

use crate::error::{Error, Result};

/// Whether efficiency is measured by shrinking inputs or by expanding outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Orientation {
    /// Radial contraction of inputs at given outputs (θ).
    Input,
    /// Radial expansion of outputs at given inputs (φ; efficiency is 1/φ).
    Output,
}

impl Orientation {
    /// The stable name: `input` or `output`.
    pub fn name(self) -> &'static str {
        match self {
            Orientation::Input => "input",
            Orientation::Output => "output",
        }
    }

    /// Parses a stable name (`in` and `out` are accepted too).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for any other text.
    pub fn from_name(name: &str) -> Result<Orientation> {
        match name {
            "input" | "in" => Ok(Orientation::Input),
            "output" | "out" => Ok(Orientation::Output),
            other => Err(Error::InvalidParameter {
                name: "orientation".into(),
                reason: format!("`{other}` is not an orientation; expected `input` or `output`"),
            }),
        }
    }
}

/// Returns to scale of the reference technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum ReturnsToScale {
    /// Constant returns (CCR): any scaling of an observed unit is feasible.
    #[serde(rename = "crs")]
    Constant,
    /// Variable returns (BCC): convex combinations only (`Σλ = 1`).
    #[serde(rename = "vrs")]
    Variable,
    /// Non-increasing returns (`Σλ ≤ 1`).
    #[serde(rename = "nirs")]
    NonIncreasing,
    /// Non-decreasing returns (`Σλ ≥ 1`).
    #[serde(rename = "ndrs")]
    NonDecreasing,
}

impl ReturnsToScale {
    /// The stable name: `crs`, `vrs`, `nirs` or `ndrs`.
    pub fn name(self) -> &'static str {
        match self {
            ReturnsToScale::Constant => "crs",
            ReturnsToScale::Variable => "vrs",
            ReturnsToScale::NonIncreasing => "nirs",
            ReturnsToScale::NonDecreasing => "ndrs",
        }
    }

    /// Parses a stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for any other text.
    pub fn from_name(name: &str) -> Result<ReturnsToScale> {
        match name {
            "crs" => Ok(ReturnsToScale::Constant),
            "vrs" => Ok(ReturnsToScale::Variable),
            "nirs" => Ok(ReturnsToScale::NonIncreasing),
            "ndrs" => Ok(ReturnsToScale::NonDecreasing),
            other => Err(Error::InvalidParameter {
                name: "rts".into(),
                reason: format!(
                    "`{other}` is not a returns-to-scale assumption; expected `crs`, `vrs`, \
                     `nirs` or `ndrs`"
                ),
            }),
        }
    }
}
