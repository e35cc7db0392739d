//! The input of growth accounting: the columns borrowed from the caller, the labour share
//! (required when the input is built), the profile and the run's options.

use crate::error::{Error, Result};
use crate::series::NanPolicy;
use crate::share::Share;
use serde::{Deserialize, Serialize};

/// Which growth-accounting convention to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Profile {
    /// Törnqvist: log growth, adjacent-year average shares (OECD manual, EU KLEMS, PWT).
    Tornqvist,
    /// Vietnam GSO: discrete growth, fixed shares, labour quality inside TFP.
    Gso,
}

impl Profile {
    /// Stable lower-case name (`"tornqvist"`, `"gso"`).
    pub fn name(self) -> &'static str {
        match self {
            Profile::Tornqvist => "tornqvist",
            Profile::Gso => "gso",
        }
    }

    /// The profile by its stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown name.
    ///
    /// ```
    /// use nangsuat::Profile;
    /// assert_eq!(Profile::from_name("gso")?, Profile::Gso);
    /// assert!(Profile::from_name("solow").is_err());
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<Profile> {
        [Profile::Tornqvist, Profile::Gso]
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| {
                Error::invalid_parameter("profile", format!("`{name}`; expected tornqvist or gso"))
            })
    }
}

/// Labour's share of income, the weight of labour input.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum LabourShare<'a> {
    /// One share for every row.
    Constant(Share),
    /// One share per row (a fraction in [0, 1]), aligned with the other columns.
    PerRow(&'a [f64]),
}

/// The input columns of growth accounting, borrowed from the caller.
///
/// All columns are aligned row by row. Output and capital are volumes (constant prices;
/// capital ideally as capital services); `labour` is persons employed; `hours` average annual
/// hours per person; `human_capital` an index of labour quality (e.g. PWT's `hc`). Labour's
/// income share is required, so it is given when the input is built.
#[derive(Debug, Clone, Copy)]
pub struct AccountingInput<'a> {
    pub(super) years: &'a [i32],
    pub(super) output: &'a [f64],
    pub(super) capital: &'a [f64],
    pub(super) labour: &'a [f64],
    pub(super) hours: Option<&'a [f64]>,
    pub(super) human_capital: Option<&'a [f64]>,
    pub(super) labour_share: LabourShare<'a>,
}

impl<'a> AccountingInput<'a> {
    /// The required columns and labour's share of income (constant or one per row).
    ///
    /// ```
    /// use nangsuat::{AccountingInput, LabourShare, Share};
    /// let input = AccountingInput::new(&[2020, 2021], &[1.0, 1.1], &[3.0, 3.2], &[2.0, 2.0],
    ///     LabourShare::Constant(Share::new(0.6)?));
    /// assert_eq!(input.len(), 2);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn new(
        years: &'a [i32],
        output: &'a [f64],
        capital: &'a [f64],
        labour: &'a [f64],
        labour_share: LabourShare<'a>,
    ) -> Self {
        AccountingInput {
            years,
            output,
            capital,
            labour,
            hours: None,
            human_capital: None,
            labour_share,
        }
    }

    /// Average annual hours per person: labour input becomes persons × hours.
    pub fn hours(mut self, hours: &'a [f64]) -> Self {
        self.hours = Some(hours);
        self
    }

    /// A human-capital (labour-quality) index; its growth is the labour-quality contribution.
    pub fn human_capital(mut self, index: &'a [f64]) -> Self {
        self.human_capital = Some(index);
        self
    }

    /// The same columns under another labour share (a sensitivity table reruns one input
    /// under several shares).
    ///
    /// ```
    /// use nangsuat::{AccountingInput, LabourShare, Share};
    /// let base = AccountingInput::new(&[2020, 2021], &[1.0, 1.1], &[3.0, 3.2], &[2.0, 2.0],
    ///     LabourShare::Constant(Share::new(0.6)?));
    /// let other = base.with_labour_share(LabourShare::Constant(Share::new(0.5)?));
    /// assert_eq!(other.len(), base.len());
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn with_labour_share(mut self, labour_share: LabourShare<'a>) -> Self {
        self.labour_share = labour_share;
        self
    }

    /// The years column.
    pub fn years(&self) -> &'a [i32] {
        self.years
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.years.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    pub(super) fn check_lengths(&self) -> Result<()> {
        let n = self.years.len();
        let per_row_share = match self.labour_share {
            LabourShare::PerRow(s) => Some(s),
            LabourShare::Constant(_) => None,
        };
        let columns = [
            ("output", Some(self.output)),
            ("capital", Some(self.capital)),
            ("labour", Some(self.labour)),
            ("hours", self.hours),
            ("human_capital", self.human_capital),
            ("labour_share", per_row_share),
        ];
        for (name, col) in columns {
            if let Some(c) = col
                && c.len() != n
            {
                return Err(Error::LengthMismatch {
                    series: name.into(),
                    expected: n,
                    actual: c.len(),
                });
            }
        }
        Ok(())
    }

    #[cfg(feature = "rayon")]
    pub(super) fn slice(&self, lo: usize, hi: usize) -> AccountingInput<'a> {
        AccountingInput {
            years: &self.years[lo..hi],
            output: &self.output[lo..hi],
            capital: &self.capital[lo..hi],
            labour: &self.labour[lo..hi],
            hours: self.hours.map(|h| &h[lo..hi]),
            human_capital: self.human_capital.map(|h| &h[lo..hi]),
            labour_share: match self.labour_share {
                LabourShare::PerRow(v) => LabourShare::PerRow(&v[lo..hi]),
                c => c,
            },
        }
    }
}

/// Options of a growth-accounting run; build with [`GrowthAccounting::tornqvist`] or
/// [`GrowthAccounting::gso`], then call [`GrowthAccounting::compute`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GrowthAccounting {
    /// The convention.
    pub profile: Profile,
    /// What a missing value or a gap in the years does (default: error).
    pub nan_policy: NanPolicy,
    /// Year in which the TFP index is 1; default: each entity's first year.
    pub base_year: Option<i32>,
    /// Below this absolute output growth, TFP's share of growth is undefined. Default 1e-6.
    pub zero_growth_tolerance: f64,
}

impl Default for GrowthAccounting {
    fn default() -> Self {
        Self::tornqvist()
    }
}

impl GrowthAccounting {
    /// Törnqvist profile with default options.
    pub fn tornqvist() -> Self {
        GrowthAccounting {
            profile: Profile::Tornqvist,
            nan_policy: NanPolicy::Raise,
            base_year: None,
            zero_growth_tolerance: 1e-6,
        }
    }

    /// GSO profile with default options.
    pub fn gso() -> Self {
        GrowthAccounting {
            profile: Profile::Gso,
            ..Self::tornqvist()
        }
    }

    /// Options for a profile.
    pub fn with_profile(profile: Profile) -> Self {
        GrowthAccounting {
            profile,
            ..Self::tornqvist()
        }
    }

    /// Sets the missing-data policy.
    pub fn nan_policy(mut self, policy: NanPolicy) -> Self {
        self.nan_policy = policy;
        self
    }

    /// Sets the year in which the TFP index is 1.
    pub fn base_year(mut self, year: i32) -> Self {
        self.base_year = Some(year);
        self
    }

    /// Sets the tolerance below which output growth counts as zero for shares.
    pub fn zero_growth_tolerance(mut self, tolerance: f64) -> Self {
        self.zero_growth_tolerance = tolerance;
        self
    }
}
