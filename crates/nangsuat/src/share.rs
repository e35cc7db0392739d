//! [`Share`]: a fraction in [0, 1], such as labour's share of income.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// A finite fraction in `[0, 1]` — a factor's share of income, for example.
///
/// Shares are fractions, never percent: `Share::new(35.0)` is rejected, so a capital share
/// typed as "35" cannot reach the arithmetic.
///
/// # Examples
/// ```
/// use nangsuat::Share;
/// let labour = Share::new(0.6)?;
/// assert!((labour.complement().get() - 0.4).abs() < 1e-15);
/// assert!(Share::new(35.0).is_err());
/// # Ok::<(), nangsuat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Share(f64);

impl Share {
    /// Builds a share.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] unless `value` is finite and in `[0, 1]`.
    pub fn new(value: f64) -> Result<Self> {
        Self::checked("share", None, value)
    }

    /// Builds a share, naming the series and year in the error.
    pub(crate) fn checked(name: &str, year: Option<i32>, value: f64) -> Result<Self> {
        if value.is_finite() && (0.0..=1.0).contains(&value) {
            Ok(Share(value))
        } else {
            Err(Error::OutOfRange {
                name: name.to_string(),
                year,
                value,
                expected: "a finite fraction in [0, 1] (write 0.6, not 60)".to_string(),
            })
        }
    }

    /// The fraction.
    pub fn get(self) -> f64 {
        self.0
    }

    /// `1 − self`: the other factor's share in a two-factor model.
    pub fn complement(self) -> Share {
        Share(1.0 - self.0)
    }
}

impl TryFrom<f64> for Share {
    type Error = Error;
    fn try_from(value: f64) -> Result<Self> {
        Share::new(value)
    }
}

impl From<Share> for f64 {
    fn from(s: Share) -> f64 {
        s.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_percent_nan_and_negative() {
        for bad in [35.0, f64::NAN, f64::INFINITY, -0.01, 1.000_001] {
            assert!(Share::new(bad).is_err(), "{bad}");
        }
        assert_eq!(Share::new(0.0).unwrap().get(), 0.0);
        assert_eq!(Share::new(1.0).unwrap().get(), 1.0);
    }

    #[test]
    fn serde_rejects_out_of_range() {
        assert!(serde_json::from_str::<Share>("0.5").is_ok());
        assert!(serde_json::from_str::<Share>("50").is_err());
    }
}
