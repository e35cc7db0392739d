//! Growth accounting: TFP growth, factor contributions, the TFP index and TFP's share of growth
//! (METHODS §2).
//!
//! Two profiles, and every result records which one made it:
//!
//! * [`Profile::Tornqvist`] — OECD, *Measuring Productivity* manual (2001), ch. 3; EU KLEMS
//!   (O'Mahony & Timmer 2009); Penn World Table (Feenstra, Inklaar & Timmer 2015). Log growth;
//!   labour's share averaged over adjacent years `s̄_t = (s_t + s_{t−1})/2`;
//!   `Δln TFP = Δln Y − (1 − s̄)Δln K − s̄ Δln H − s̄ Δln hc`, where `H` is persons (× average
//!   hours, when given) and `hc` a human-capital (labour-quality) index.
//! * [`Profile::Gso`] — the General Statistics Office of Viet Nam's official form (GSO indicator
//!   metadata, "Tốc độ tăng năng suất các nhân tố tổng hợp (TFP)"): discrete growth rates,
//!   fixed shares, `G_A = G_Y − b_K·G_K − b_L·G_L`. Labour quality is not separated; it stays
//!   inside TFP. The two profiles' TFP shares are not comparable.
//!
//! Contributions add up to output growth exactly: TFP is the residual, so
//! `output_growth = capital + labour + labour quality + TFP` to the last bits of a double.
//!
//! The same kernel runs a single series ([`GrowthAccounting::compute`]) and a panel of many
//! entities ([`GrowthAccounting::compute_panel`]); results are aligned with the input rows.
//!
//! # Examples
//! The worked check of METHODS §2:
//! ```
//! use nangsuat::{AccountingInput, GrowthAccounting, LabourShare};
//! let years = [2020, 2021];
//! let (y, k, l, s) = ([100.0, 107.0], [300.0, 321.0], [50.0, 51.0], [0.60, 0.62]);
//! let input = AccountingInput::new(&years, &y, &k, &l).labour_share(LabourShare::PerRow(&s));
//! let r = GrowthAccounting::tornqvist().compute(&input)?;
//! let row = r.row(1).unwrap();
//! assert!((row.output_growth - 0.067659).abs() < 1e-6);
//! assert!((row.capital_contribution - 0.026387).abs() < 1e-6);
//! assert!((row.labour_contribution - 0.012080).abs() < 1e-6);
//! assert!((row.tfp_growth - 0.029192).abs() < 1e-6);
//! assert!((row.tfp_share.unwrap() - 0.4315).abs() < 1e-4);
//! assert!((row.capital_deepening - 0.018664).abs() < 1e-6);
//! # Ok::<(), nangsuat::Error>(())
//! ```

pub mod capital;
pub mod inventory;
pub mod labour_productivity;
pub mod pwt;

use crate::error::{Error, Result};
use crate::series::NanPolicy;
use crate::share::Share;
use crate::summation::CompensatedSum;
use serde::{Deserialize, Serialize};
use std::fmt::Display;

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
/// hours per person; `human_capital` an index of labour quality (e.g. PWT's `hc`).
#[derive(Debug, Clone, Copy)]
pub struct AccountingInput<'a> {
    years: &'a [i32],
    output: &'a [f64],
    capital: &'a [f64],
    labour: &'a [f64],
    hours: Option<&'a [f64]>,
    human_capital: Option<&'a [f64]>,
    labour_share: Option<LabourShare<'a>>,
}

impl<'a> AccountingInput<'a> {
    /// The required columns. Set the labour share with [`AccountingInput::labour_share`].
    pub fn new(years: &'a [i32], output: &'a [f64], capital: &'a [f64], labour: &'a [f64]) -> Self {
        AccountingInput {
            years,
            output,
            capital,
            labour,
            hours: None,
            human_capital: None,
            labour_share: None,
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

    /// Labour's share of income (required).
    pub fn labour_share(mut self, share: LabourShare<'a>) -> Self {
        self.labour_share = Some(share);
        self
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.years.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    fn check_lengths(&self) -> Result<()> {
        let n = self.years.len();
        let mut columns = vec![
            ("output", Some(self.output)),
            ("capital", Some(self.capital)),
            ("labour", Some(self.labour)),
            ("hours", self.hours),
            ("human_capital", self.human_capital),
        ];
        if let Some(LabourShare::PerRow(s)) = self.labour_share {
            columns.push(("labour_share", Some(s)));
        }
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
    fn slice(&self, lo: usize, hi: usize) -> AccountingInput<'a> {
        AccountingInput {
            years: &self.years[lo..hi],
            output: &self.output[lo..hi],
            capital: &self.capital[lo..hi],
            labour: &self.labour[lo..hi],
            hours: self.hours.map(|h| &h[lo..hi]),
            human_capital: self.human_capital.map(|h| &h[lo..hi]),
            labour_share: self.labour_share.map(|s| match s {
                LabourShare::PerRow(v) => LabourShare::PerRow(&v[lo..hi]),
                c => c,
            }),
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

/// Where the TFP index is rebased, and how labour was measured: the provenance of a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provenance {
    /// The options used.
    pub options: GrowthAccounting,
    /// Labour input measure: `"persons"` or `"persons_x_hours"`.
    pub labour_measure: String,
    /// Whether a human-capital index was used for labour quality.
    pub human_capital: bool,
    /// The constant labour share, or `None` when it varied by row.
    pub constant_labour_share: Option<f64>,
    /// The method's reference.
    pub reference: String,
}

/// Why a share of growth is undefined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UndefinedShare {
    /// Output growth is within the tolerance of zero.
    OutputGrowthNearZero,
    /// TFP growth and output growth have opposite signs.
    OppositeSigns,
    /// A growth rate needed for it is itself undefined (missing data, base year absent).
    MissingGrowth,
}

/// TFP's share of output growth (a fraction), or why it is undefined (METHODS §2).
pub fn tfp_share(
    tfp_growth: f64,
    output_growth: f64,
    tolerance: f64,
) -> Result<f64, UndefinedShare> {
    if output_growth.abs() <= tolerance {
        Err(UndefinedShare::OutputGrowthNearZero)
    } else if tfp_growth != 0.0 && tfp_growth.signum() != output_growth.signum() {
        Err(UndefinedShare::OppositeSigns)
    } else {
        Ok(tfp_growth / output_growth)
    }
}

/// One row of a result, with every growth defined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountingRow {
    /// The year.
    pub year: i32,
    /// Output growth (log for Törnqvist, discrete for GSO), a fraction.
    pub output_growth: f64,
    /// Capital growth.
    pub capital_growth: f64,
    /// Labour-quantity growth (persons, or persons × hours).
    pub labour_growth: f64,
    /// Labour-quality growth (`Δln hc`; 0 without an index and for GSO).
    pub labour_quality_growth: f64,
    /// The labour weight used: `s̄_t` (Törnqvist) or `b_L` (GSO).
    pub labour_weight: f64,
    /// Capital's contribution to output growth.
    pub capital_contribution: f64,
    /// Labour quantity's contribution.
    pub labour_contribution: f64,
    /// Labour quality's contribution.
    pub labour_quality_contribution: f64,
    /// TFP growth (the residual).
    pub tfp_growth: f64,
    /// TFP index (1 in the base year), when linked to the base year.
    pub tfp_index: Option<f64>,
    /// TFP's share of output growth, a fraction, when defined.
    pub tfp_share: Option<f64>,
    /// Labour-productivity growth: `Δln(Y/H)` (Törnqvist) or `(Y/L)_t/(Y/L)_{t−1} − 1` (GSO).
    pub labour_productivity_growth: f64,
    /// Capital deepening: `s̄_K Δln(K/H)` (Törnqvist) or `b_K (G_K − G_L)` (GSO).
    pub capital_deepening: f64,
}

/// Each factor's share of output growth, as the GSO publishes them ("Tỷ trọng đóng góp của các
/// yếu tố vốn, lao động, TFP vào tốc độ tăng trưởng chung"): contribution ÷ output growth.
/// Fractions that add up to 1 (multiply by 100 for GSO's percent). A factor's share may be
/// negative or above 1 (GSO 2020: capital 104 %, labour −48.6 %).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContributionShares {
    /// Capital's share of output growth.
    pub capital: f64,
    /// Labour's share (quantity and quality).
    pub labour: f64,
    /// TFP's share.
    pub tfp: f64,
}

impl AccountingRow {
    /// Contribution shares of capital, labour and TFP in output growth; `None` when output
    /// growth is within `tolerance` of zero (the shares have no meaning then).
    ///
    /// Unlike [`AccountingRow::tfp_share`], which follows METHODS §2 and is undefined when TFP
    /// and output move in opposite directions, these are the plain ratios the GSO tables print.
    ///
    /// ```
    /// use nangsuat::{AccountingInput, GrowthAccounting, LabourShare, Share};
    /// let (years, y, k, l) = ([2019, 2020], [100.0, 107.0], [300.0, 321.0], [50.0, 51.0]);
    /// let input = AccountingInput::new(&years, &y, &k, &l)
    ///     .labour_share(LabourShare::Constant(Share::new(0.6)?));
    /// let row = GrowthAccounting::gso().compute(&input)?.row(1).unwrap();
    /// let shares = row.contribution_shares(1e-6).unwrap();
    /// assert!((shares.capital - 0.4).abs() < 1e-12); // 0.4 · 7 % of 7 %
    /// assert!((shares.capital + shares.labour + shares.tfp - 1.0).abs() < 1e-12);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn contribution_shares(&self, tolerance: f64) -> Option<ContributionShares> {
        if self.output_growth.abs() <= tolerance {
            return None;
        }
        let y = self.output_growth;
        Some(ContributionShares {
            capital: self.capital_contribution / y,
            labour: (self.labour_contribution + self.labour_quality_contribution) / y,
            tfp: self.tfp_growth / y,
        })
    }
}

/// The result of growth accounting, aligned with the input rows.
///
/// Growth columns are undefined in a row with no previous year (an entity's first row, a row
/// after a gap, a row with missing input). Raw columns hold NaN exactly where the matching mask
/// is `false`; [`Accounting::row`] and [`Accounting::get`] give `Option`s instead. The masks
/// make the undefined values explicit for bindings (numpy, C) that move the columns as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Accounting {
    /// How the result was made.
    pub provenance: Provenance,
    /// Years, as given.
    pub years: Vec<i32>,
    /// Whether the growth columns are defined in each row.
    pub growth_defined: Vec<bool>,
    /// See [`AccountingRow::output_growth`].
    pub output_growth: Vec<f64>,
    /// See [`AccountingRow::capital_growth`].
    pub capital_growth: Vec<f64>,
    /// See [`AccountingRow::labour_growth`].
    pub labour_growth: Vec<f64>,
    /// See [`AccountingRow::labour_quality_growth`].
    pub labour_quality_growth: Vec<f64>,
    /// See [`AccountingRow::labour_weight`].
    pub labour_weight: Vec<f64>,
    /// See [`AccountingRow::capital_contribution`].
    pub capital_contribution: Vec<f64>,
    /// See [`AccountingRow::labour_contribution`].
    pub labour_contribution: Vec<f64>,
    /// See [`AccountingRow::labour_quality_contribution`].
    pub labour_quality_contribution: Vec<f64>,
    /// See [`AccountingRow::tfp_growth`].
    pub tfp_growth: Vec<f64>,
    /// See [`AccountingRow::labour_productivity_growth`].
    pub labour_productivity_growth: Vec<f64>,
    /// See [`AccountingRow::capital_deepening`].
    pub capital_deepening: Vec<f64>,
    /// TFP index, 1 in the base year; NaN where `tfp_index_defined` is false.
    pub tfp_index: Vec<f64>,
    /// Whether the TFP index is defined (the row is chained to the base year).
    pub tfp_index_defined: Vec<bool>,
    /// TFP's share of output growth (fraction); NaN where `tfp_share_defined` is false.
    pub tfp_share: Vec<f64>,
    /// Whether TFP's share is defined.
    pub tfp_share_defined: Vec<bool>,
}

/// A column of [`Accounting`], for generic access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Field {
    /// [`Accounting::output_growth`]
    OutputGrowth,
    /// [`Accounting::capital_growth`]
    CapitalGrowth,
    /// [`Accounting::labour_growth`]
    LabourGrowth,
    /// [`Accounting::labour_quality_growth`]
    LabourQualityGrowth,
    /// [`Accounting::labour_weight`]
    LabourWeight,
    /// [`Accounting::capital_contribution`]
    CapitalContribution,
    /// [`Accounting::labour_contribution`]
    LabourContribution,
    /// [`Accounting::labour_quality_contribution`]
    LabourQualityContribution,
    /// [`Accounting::tfp_growth`]
    TfpGrowth,
    /// [`Accounting::labour_productivity_growth`]
    LabourProductivityGrowth,
    /// [`Accounting::capital_deepening`]
    CapitalDeepening,
    /// [`Accounting::tfp_index`]
    TfpIndex,
    /// [`Accounting::tfp_share`]
    TfpShare,
}

impl Field {
    /// Every field, in a stable order.
    pub const ALL: [Field; 13] = [
        Field::OutputGrowth,
        Field::CapitalGrowth,
        Field::LabourGrowth,
        Field::LabourQualityGrowth,
        Field::LabourWeight,
        Field::CapitalContribution,
        Field::LabourContribution,
        Field::LabourQualityContribution,
        Field::TfpGrowth,
        Field::LabourProductivityGrowth,
        Field::CapitalDeepening,
        Field::TfpIndex,
        Field::TfpShare,
    ];

    /// Stable snake-case column name (as in the Python and C faces).
    pub fn name(self) -> &'static str {
        match self {
            Field::OutputGrowth => "output_growth",
            Field::CapitalGrowth => "capital_growth",
            Field::LabourGrowth => "labour_growth",
            Field::LabourQualityGrowth => "labour_quality_growth",
            Field::LabourWeight => "labour_weight",
            Field::CapitalContribution => "capital_contribution",
            Field::LabourContribution => "labour_contribution",
            Field::LabourQualityContribution => "labour_quality_contribution",
            Field::TfpGrowth => "tfp_growth",
            Field::LabourProductivityGrowth => "labour_productivity_growth",
            Field::CapitalDeepening => "capital_deepening",
            Field::TfpIndex => "tfp_index",
            Field::TfpShare => "tfp_share",
        }
    }
}

impl Accounting {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.years.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// A column and its validity mask.
    pub fn column(&self, field: Field) -> (&[f64], &[bool]) {
        let mask = match field {
            Field::TfpIndex => &self.tfp_index_defined,
            Field::TfpShare => &self.tfp_share_defined,
            _ => &self.growth_defined,
        };
        let values = match field {
            Field::OutputGrowth => &self.output_growth,
            Field::CapitalGrowth => &self.capital_growth,
            Field::LabourGrowth => &self.labour_growth,
            Field::LabourQualityGrowth => &self.labour_quality_growth,
            Field::LabourWeight => &self.labour_weight,
            Field::CapitalContribution => &self.capital_contribution,
            Field::LabourContribution => &self.labour_contribution,
            Field::LabourQualityContribution => &self.labour_quality_contribution,
            Field::TfpGrowth => &self.tfp_growth,
            Field::LabourProductivityGrowth => &self.labour_productivity_growth,
            Field::CapitalDeepening => &self.capital_deepening,
            Field::TfpIndex => &self.tfp_index,
            Field::TfpShare => &self.tfp_share,
        };
        (values, mask)
    }

    /// The value of `field` in row `i`, or `None` where undefined or out of bounds.
    pub fn get(&self, field: Field, i: usize) -> Option<f64> {
        let (values, mask) = self.column(field);
        mask.get(i).copied().unwrap_or(false).then(|| values[i])
    }

    /// Row `i` where its growth is defined.
    pub fn row(&self, i: usize) -> Option<AccountingRow> {
        if !*self.growth_defined.get(i)? {
            return None;
        }
        Some(AccountingRow {
            year: self.years[i],
            output_growth: self.output_growth[i],
            capital_growth: self.capital_growth[i],
            labour_growth: self.labour_growth[i],
            labour_quality_growth: self.labour_quality_growth[i],
            labour_weight: self.labour_weight[i],
            capital_contribution: self.capital_contribution[i],
            labour_contribution: self.labour_contribution[i],
            labour_quality_contribution: self.labour_quality_contribution[i],
            tfp_growth: self.tfp_growth[i],
            tfp_index: self.get(Field::TfpIndex, i),
            tfp_share: self.get(Field::TfpShare, i),
            labour_productivity_growth: self.labour_productivity_growth[i],
            capital_deepening: self.capital_deepening[i],
        })
    }

    /// The row index of `year` (single-series results; the first match in a panel).
    pub fn index_of(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| *y == year)
    }

    /// Period figures over `[from, to]` for a single-series result (METHODS §2, "TFP share of
    /// growth"): plan targets such as "TFP ≈ 45 % of growth 2021–2025" are read this way.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `from < to`; [`Error::YearNotFound`] if either year
    /// is not a row. Undefined figures are `None` with a reason, never an error.
    pub fn period(&self, from: i32, to: i32) -> Result<PeriodSummary> {
        if from >= to {
            return Err(Error::invalid_parameter(
                "from, to",
                format!("the first year ({from}) must be before the last ({to})"),
            ));
        }
        let find = |year: i32| {
            self.index_of(year).ok_or_else(|| Error::YearNotFound {
                series: "accounting result".into(),
                year,
                first: self.years.iter().copied().min().unwrap_or(year),
                last: self.years.iter().copied().max().unwrap_or(year),
            })
        };
        let (a, b) = (find(from)?, find(to)?);
        let tol = self.provenance.options.zero_growth_tolerance;
        let gso = self.provenance.options.profile == Profile::Gso;
        // Sum annual figures over the years from+1 ..= to; all must be defined.
        let mut sums = [CompensatedSum::default(); 6];
        let mut shares = CompensatedSum::default();
        let mut all_growth = true;
        let mut all_shares = true;
        for year in from + 1..=to {
            match self.index_of(year).filter(|&i| self.growth_defined[i]) {
                Some(i) => {
                    let log = |g: f64| if gso { g.ln_1p() } else { g };
                    sums[0].add(log(self.output_growth[i]));
                    sums[1].add(log(self.tfp_growth[i]));
                    sums[2].add(self.capital_contribution[i]);
                    sums[3].add(self.labour_contribution[i]);
                    sums[4].add(self.labour_quality_contribution[i]);
                    sums[5].add(self.tfp_growth[i]);
                    match self.get(Field::TfpShare, i) {
                        Some(s) => shares.add(s),
                        None => all_shares = false,
                    }
                }
                None => {
                    all_growth = false;
                    all_shares = false;
                }
            }
        }
        let years = f64::from(to - from);
        let linked = self.tfp_index_defined[a] && self.tfp_index_defined[b];
        let cumulative_output = all_growth.then(|| sums[0].total());
        let cumulative_tfp = if linked {
            Some((self.tfp_index[b] / self.tfp_index[a]).ln())
        } else {
            None
        };
        let share = match (cumulative_tfp, cumulative_output) {
            (Some(t), Some(y)) => tfp_share(t, y, tol),
            _ => Err(UndefinedShare::MissingGrowth),
        };
        let mean = |s: &CompensatedSum| all_growth.then(|| s.total() / years);
        Ok(PeriodSummary {
            from,
            to,
            cumulative_output_growth: cumulative_output,
            cumulative_tfp_growth: cumulative_tfp,
            average_output_growth: cumulative_output.map(|c| (c / years).exp_m1()),
            average_tfp_growth: cumulative_tfp.map(|c| (c / years).exp_m1()),
            mean_capital_contribution: mean(&sums[2]),
            mean_labour_contribution: mean(&sums[3]),
            mean_labour_quality_contribution: mean(&sums[4]),
            mean_tfp_growth: mean(&sums[5]),
            tfp_share_of_cumulative_growth: share.ok(),
            tfp_share_of_cumulative_growth_undefined: share.err(),
            mean_of_annual_tfp_shares: all_shares.then(|| shares.total() / years),
        })
    }
}

/// Figures over a period `[from, to]` (growth over the years `from+1 ..= to`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PeriodSummary {
    /// First year (the base of the period).
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// `ln(Y_to / Y_from)`.
    pub cumulative_output_growth: Option<f64>,
    /// `ln(TFP_to / TFP_from)` from the TFP index (GSO: index chained by `1 + G_A`).
    pub cumulative_tfp_growth: Option<f64>,
    /// Average annual output growth (CAGR), a fraction.
    pub average_output_growth: Option<f64>,
    /// Average annual TFP growth (CAGR of the index), a fraction.
    pub average_tfp_growth: Option<f64>,
    /// Mean annual capital contribution.
    pub mean_capital_contribution: Option<f64>,
    /// Mean annual labour-quantity contribution.
    pub mean_labour_contribution: Option<f64>,
    /// Mean annual labour-quality contribution.
    pub mean_labour_quality_contribution: Option<f64>,
    /// Mean annual TFP growth.
    pub mean_tfp_growth: Option<f64>,
    /// TFP's share as the ratio of cumulative growths `ln(TFP_b/TFP_a)/ln(Y_b/Y_a)` — how a
    /// period target ("TFP ≈ 45 % of growth 2021–2025") is read. A fraction.
    pub tfp_share_of_cumulative_growth: Option<f64>,
    /// Why `tfp_share_of_cumulative_growth` is undefined, when it is.
    pub tfp_share_of_cumulative_growth_undefined: Option<UndefinedShare>,
    /// The arithmetic mean of the annual TFP shares (undefined if any annual share is).
    pub mean_of_annual_tfp_shares: Option<f64>,
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

    fn validate(&self, input: &AccountingInput<'_>) -> Result<(Ctx, Provenance)> {
        if !(self.zero_growth_tolerance.is_finite() && self.zero_growth_tolerance >= 0.0) {
            return Err(Error::OutOfRange {
                name: "zero_growth_tolerance".into(),
                year: None,
                value: self.zero_growth_tolerance,
                expected: "a finite number ≥ 0".into(),
            });
        }
        let share = input.labour_share.ok_or_else(|| {
            Error::invalid_parameter(
                "labour_share",
                "growth accounting needs labour's income share (a constant or one per row)",
            )
        })?;
        input.check_lengths()?;
        if self.profile == Profile::Gso {
            if matches!(share, LabourShare::PerRow(_)) {
                return Err(Error::invalid_parameter(
                    "labour_share",
                    "the GSO profile uses fixed shares (b_K + b_L = 1 from the input-output \
                     table); give a constant share, or use the Törnqvist profile",
                ));
            }
            if input.human_capital.is_some() {
                return Err(Error::invalid_parameter(
                    "human_capital",
                    "the GSO profile does not separate labour quality (it stays inside TFP); \
                     drop the index, or use the Törnqvist profile",
                ));
            }
        }
        let constant = match share {
            LabourShare::Constant(s) => Some(s.get()),
            LabourShare::PerRow(_) => None,
        };
        let reference = match self.profile {
            Profile::Tornqvist => {
                "Törnqvist growth accounting: OECD (2001) Measuring Productivity, ch. 3; \
                 O'Mahony & Timmer (2009) EU KLEMS; Feenstra, Inklaar & Timmer (2015) PWT"
            }
            Profile::Gso => {
                "GSO Viet Nam indicator metadata: Tốc độ tăng năng suất các nhân tố tổng hợp \
                 (TFP), G_A = G_Y − b_K·G_K − b_L·G_L"
            }
        };
        let provenance = Provenance {
            options: *self,
            labour_measure: if input.hours.is_some() {
                "persons_x_hours".into()
            } else {
                "persons".into()
            },
            human_capital: input.human_capital.is_some(),
            constant_labour_share: constant,
            reference: reference.into(),
        };
        let ctx = Ctx {
            options: *self,
            constant_share: constant,
        };
        Ok((ctx, provenance))
    }

    /// Growth accounting of one series (one economy, province or firm).
    ///
    /// Rows may come in any year order; results are aligned with them.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`], [`Error::DuplicateYear`], [`Error::NonFinite`] and
    /// [`Error::MissingYear`] (under [`NanPolicy::Raise`]), [`Error::NonPositive`] for a
    /// non-positive volume, [`Error::OutOfRange`] for a share outside [0, 1],
    /// [`Error::InvalidParameter`] for an option the profile does not allow (GSO with a
    /// per-row share or a human-capital index), [`Error::YearNotFound`] if the base year is
    /// not a row.
    pub fn compute(&self, input: &AccountingInput<'_>) -> Result<Accounting> {
        let entity = vec![SingleSeries; input.len()];
        let result = self.compute_panel(&entity, input)?;
        if let Some(base) = self.base_year
            && !result.is_empty()
            && result.index_of(base).is_none()
        {
            return Err(Error::YearNotFound {
                series: "year".into(),
                year: base,
                first: input.years.iter().copied().min().unwrap_or(base),
                last: input.years.iter().copied().max().unwrap_or(base),
            });
        }
        Ok(result)
    }

    /// Growth accounting of many entities in one call.
    ///
    /// `entity` labels each row; rows may come in any order, and results are aligned with the
    /// input rows. Input already sorted by (entity, year) is processed in one pass with no
    /// reordering. With the `rayon` feature, entities are processed in parallel. An entity
    /// without the base year has an undefined TFP index.
    ///
    /// # Errors
    /// As [`GrowthAccounting::compute`]; the message names the entity. With several bad rows,
    /// the error is about the first in (entity, year) order.
    ///
    /// # Examples
    /// ```
    /// use nangsuat::{AccountingInput, GrowthAccounting, LabourShare, Share};
    /// let entity = ["b", "a", "b", "a"];
    /// let years = [2001, 2000, 2000, 2001];
    /// let y = [2.2, 1.0, 2.0, 1.1];
    /// let k = [4.0, 2.0, 4.0, 2.0];
    /// let l = [1.0, 1.0, 1.0, 1.0];
    /// let input = AccountingInput::new(&years, &y, &k, &l)
    ///     .labour_share(LabourShare::Constant(Share::new(0.6)?));
    /// let r = GrowthAccounting::tornqvist().compute_panel(&entity, &input)?;
    /// assert_eq!(r.growth_defined, vec![true, false, false, true]);
    /// assert!((r.tfp_growth[0] - 1.1f64.ln()).abs() < 1e-15);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn compute_panel<E>(&self, entity: &[E], input: &AccountingInput<'_>) -> Result<Accounting>
    where
        E: Ord + Copy + Display + Sync,
    {
        let mut out = Columns::new(input.len());
        let provenance = self.compute_into_view(entity, input, out.view())?;
        Ok(out.finish(provenance, input.years.to_vec()))
    }

    /// [`GrowthAccounting::compute_panel`] writing into caller-owned buffers (no output
    /// allocation when the rows are sorted by entity and year): for callers that reuse
    /// buffers across runs or own them elsewhere (the C API).
    ///
    /// # Errors
    /// As [`GrowthAccounting::compute_panel`], plus [`Error::LengthMismatch`] for a buffer whose
    /// length differs from the input's. On error the buffers' contents are unspecified.
    pub fn compute_panel_into<E>(
        &self,
        entity: &[E],
        input: &AccountingInput<'_>,
        buffers: AccountingBuffers<'_>,
    ) -> Result<Provenance>
    where
        E: Ord + Copy + Display + Sync,
    {
        let view = buffers.into_view(input.len())?;
        self.compute_into_view(entity, input, view)
    }

    fn compute_into_view<E>(
        &self,
        entity: &[E],
        input: &AccountingInput<'_>,
        mut out: View<'_>,
    ) -> Result<Provenance>
    where
        E: Ord + Copy + Display + Sync,
    {
        let (ctx, provenance) = self.validate(input)?;
        let n = input.len();
        if entity.len() != n {
            return Err(Error::LengthMismatch {
                series: "entity".into(),
                expected: n,
                actual: entity.len(),
            });
        }
        match sorted_check(entity, input.years) {
            Order::Sorted => run(&ctx, entity, input, out)?,
            Order::Duplicate(i) => return Err(duplicate(entity, input.years, i)),
            Order::Unsorted => {
                // Sort contiguous (entity, year, row) keys: no random access while comparing.
                let mut keys: Vec<(E, i32, usize)> =
                    (0..n).map(|i| (entity[i], input.years[i], i)).collect();
                keys.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
                if let Some(w) = keys
                    .windows(2)
                    .find(|w| w[0].0 == w[1].0 && w[0].1 == w[1].1)
                {
                    return Err(duplicate(entity, input.years, w[1].2));
                }
                let sorted_entity: Vec<E> = keys.iter().map(|k| k.0).collect();
                let order: Vec<usize> = keys.into_iter().map(|k| k.2).collect();
                let sorted = Gathered::new(&order, input);
                let mut tmp = Columns::new(n);
                run(&ctx, &sorted_entity, &sorted.input(), tmp.view())?;
                out.scatter_from(&tmp, &order);
            }
        }
        Ok(provenance)
    }
}

/// The entity of a single series: no label in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SingleSeries;

impl Display for SingleSeries {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

fn duplicate<E: Display>(entity: &[E], years: &[i32], i: usize) -> Error {
    Error::DuplicateYear {
        series: "year".into(),
        entity: None,
        year: years[i],
    }
    .with_entity(&entity[i])
}

enum Order {
    Sorted,
    Unsorted,
    Duplicate(usize),
}

fn sorted_check<E: Ord>(entity: &[E], years: &[i32]) -> Order {
    for i in 1..entity.len() {
        match entity[i - 1]
            .cmp(&entity[i])
            .then(years[i - 1].cmp(&years[i]))
        {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Equal => return Order::Duplicate(i),
            std::cmp::Ordering::Greater => return Order::Unsorted,
        }
    }
    Order::Sorted
}

/// Inputs copied into (entity, year) order for unsorted panels.
struct Gathered {
    years: Vec<i32>,
    output: Vec<f64>,
    capital: Vec<f64>,
    labour: Vec<f64>,
    hours: Option<Vec<f64>>,
    human_capital: Option<Vec<f64>>,
    share: Option<Vec<f64>>,
    constant_share: Option<LabourShare<'static>>,
}

impl Gathered {
    fn new(order: &[usize], input: &AccountingInput<'_>) -> Self {
        let g = |c: &[f64]| order.iter().map(|&i| c[i]).collect::<Vec<f64>>();
        let (share, constant_share) = match input.labour_share {
            Some(LabourShare::PerRow(s)) => (Some(g(s)), None),
            Some(LabourShare::Constant(c)) => (None, Some(LabourShare::Constant(c))),
            None => (None, None),
        };
        Gathered {
            years: order.iter().map(|&i| input.years[i]).collect(),
            output: g(input.output),
            capital: g(input.capital),
            labour: g(input.labour),
            hours: input.hours.map(g),
            human_capital: input.human_capital.map(g),
            share,
            constant_share,
        }
    }

    fn input(&self) -> AccountingInput<'_> {
        AccountingInput {
            years: &self.years,
            output: &self.output,
            capital: &self.capital,
            labour: &self.labour,
            hours: self.hours.as_deref(),
            human_capital: self.human_capital.as_deref(),
            labour_share: match &self.share {
                Some(s) => Some(LabourShare::PerRow(s)),
                None => self.constant_share,
            },
        }
    }
}

#[derive(Clone, Copy)]
struct Ctx {
    options: GrowthAccounting,
    constant_share: Option<f64>,
}

/// Owned output columns.
struct Columns {
    growth_defined: Vec<bool>,
    f: [Vec<f64>; 13],
    index_defined: Vec<bool>,
    share_defined: Vec<bool>,
}

// Positions in `Columns::f`, matching `Field::ALL`.
const OUT_Y: usize = 0;
const OUT_K: usize = 1;
const OUT_L: usize = 2;
const OUT_Q: usize = 3;
const OUT_W: usize = 4;
const OUT_CK: usize = 5;
const OUT_CL: usize = 6;
const OUT_CQ: usize = 7;
const OUT_TFP: usize = 8;
const OUT_LP: usize = 9;
const OUT_CD: usize = 10;
const OUT_INDEX: usize = 11;
const OUT_SHARE: usize = 12;

impl Columns {
    fn new(n: usize) -> Self {
        Columns {
            growth_defined: vec![false; n],
            // Zeroed allocations come from untouched pages; the kernel writes every cell.
            f: std::array::from_fn(|_| vec![0.0; n]),
            index_defined: vec![false; n],
            share_defined: vec![false; n],
        }
    }

    fn view(&mut self) -> View<'_> {
        let mut it = self.f.iter_mut();
        View {
            growth_defined: &mut self.growth_defined,
            f: std::array::from_fn(|_| it.next().map(|v| v.as_mut_slice()).unwrap_or_default()),
            index_defined: &mut self.index_defined,
            share_defined: &mut self.share_defined,
        }
    }

    fn finish(self, provenance: Provenance, years: Vec<i32>) -> Accounting {
        let [y, k, l, q, w, ck, cl, cq, tfp, lp, cd, index, share] = self.f;
        Accounting {
            provenance,
            years,
            growth_defined: self.growth_defined,
            output_growth: y,
            capital_growth: k,
            labour_growth: l,
            labour_quality_growth: q,
            labour_weight: w,
            capital_contribution: ck,
            labour_contribution: cl,
            labour_quality_contribution: cq,
            tfp_growth: tfp,
            labour_productivity_growth: lp,
            capital_deepening: cd,
            tfp_index: index,
            tfp_index_defined: self.index_defined,
            tfp_share: share,
            tfp_share_defined: self.share_defined,
        }
    }
}

/// Caller-owned output columns for [`GrowthAccounting::compute_panel_into`], each exactly as
/// long as the input. Every cell is written; values are NaN exactly where the matching mask is
/// `false` (see [`Accounting`] for what each column holds). Build with `Default::default()`
/// and set every field.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct AccountingBuffers<'o> {
    /// See [`Accounting::growth_defined`].
    pub growth_defined: &'o mut [bool],
    /// See [`Accounting::output_growth`].
    pub output_growth: &'o mut [f64],
    /// See [`Accounting::capital_growth`].
    pub capital_growth: &'o mut [f64],
    /// See [`Accounting::labour_growth`].
    pub labour_growth: &'o mut [f64],
    /// See [`Accounting::labour_quality_growth`].
    pub labour_quality_growth: &'o mut [f64],
    /// See [`Accounting::labour_weight`].
    pub labour_weight: &'o mut [f64],
    /// See [`Accounting::capital_contribution`].
    pub capital_contribution: &'o mut [f64],
    /// See [`Accounting::labour_contribution`].
    pub labour_contribution: &'o mut [f64],
    /// See [`Accounting::labour_quality_contribution`].
    pub labour_quality_contribution: &'o mut [f64],
    /// See [`Accounting::tfp_growth`].
    pub tfp_growth: &'o mut [f64],
    /// See [`Accounting::labour_productivity_growth`].
    pub labour_productivity_growth: &'o mut [f64],
    /// See [`Accounting::capital_deepening`].
    pub capital_deepening: &'o mut [f64],
    /// See [`Accounting::tfp_index`].
    pub tfp_index: &'o mut [f64],
    /// See [`Accounting::tfp_index_defined`].
    pub tfp_index_defined: &'o mut [bool],
    /// See [`Accounting::tfp_share`].
    pub tfp_share: &'o mut [f64],
    /// See [`Accounting::tfp_share_defined`].
    pub tfp_share_defined: &'o mut [bool],
}

impl<'o> AccountingBuffers<'o> {
    fn into_view(self, n: usize) -> Result<View<'o>> {
        let f = [
            self.output_growth,
            self.capital_growth,
            self.labour_growth,
            self.labour_quality_growth,
            self.labour_weight,
            self.capital_contribution,
            self.labour_contribution,
            self.labour_quality_contribution,
            self.tfp_growth,
            self.labour_productivity_growth,
            self.capital_deepening,
            self.tfp_index,
            self.tfp_share,
        ];
        let masks = [
            ("growth_defined", self.growth_defined.len()),
            ("tfp_index_defined", self.tfp_index_defined.len()),
            ("tfp_share_defined", self.tfp_share_defined.len()),
        ];
        let lengths = Field::ALL
            .iter()
            .zip(&f)
            .map(|(field, col)| (field.name(), col.len()))
            .chain(masks);
        for (name, len) in lengths {
            if len != n {
                return Err(Error::LengthMismatch {
                    series: format!("output buffer `{name}`"),
                    expected: n,
                    actual: len,
                });
            }
        }
        Ok(View {
            growth_defined: self.growth_defined,
            f,
            index_defined: self.tfp_index_defined,
            share_defined: self.tfp_share_defined,
        })
    }
}

/// Mutable view of output columns for a contiguous range of rows.
struct View<'o> {
    growth_defined: &'o mut [bool],
    f: [&'o mut [f64]; 13],
    index_defined: &'o mut [bool],
    share_defined: &'o mut [bool],
}

impl<'o> View<'o> {
    /// Writes row `k` of `sorted` to row `order[k]` of `self`.
    fn scatter_from(&mut self, sorted: &Columns, order: &[usize]) {
        for (k, &i) in order.iter().enumerate() {
            self.growth_defined[i] = sorted.growth_defined[k];
            self.index_defined[i] = sorted.index_defined[k];
            self.share_defined[i] = sorted.share_defined[k];
            for (dst, src) in self.f.iter_mut().zip(&sorted.f) {
                dst[i] = src[k];
            }
        }
    }

    #[cfg(feature = "rayon")]
    fn split_at(self, mid: usize) -> (View<'o>, View<'o>) {
        let (g0, g1) = self.growth_defined.split_at_mut(mid);
        let (i0, i1) = self.index_defined.split_at_mut(mid);
        let (s0, s1) = self.share_defined.split_at_mut(mid);
        let mut left: [&'o mut [f64]; 13] = Default::default();
        let mut right: [&'o mut [f64]; 13] = Default::default();
        for (j, col) in self.f.into_iter().enumerate() {
            let (a, b) = col.split_at_mut(mid);
            left[j] = a;
            right[j] = b;
        }
        (
            View {
                growth_defined: g0,
                f: left,
                index_defined: i0,
                share_defined: s0,
            },
            View {
                growth_defined: g1,
                f: right,
                index_defined: i1,
                share_defined: s1,
            },
        )
    }
}

/// Runs the kernel over every entity of sorted rows (in parallel with the `rayon` feature).
fn run<E: Ord + Display + Sync>(
    ctx: &Ctx,
    entity: &[E],
    input: &AccountingInput<'_>,
    out: View<'_>,
) -> Result<()> {
    #[cfg(feature = "rayon")]
    {
        const MIN_ROWS: usize = 1 << 15;
        let n = entity.len();
        if n > MIN_ROWS {
            // Split at the first entity boundary at or after the middle.
            let mut mid = n / 2;
            while mid < n && entity[mid] == entity[mid - 1] {
                mid += 1;
            }
            if mid < n {
                let (out_l, out_r) = out.split_at(mid);
                let (left, right) = rayon::join(
                    || run(ctx, &entity[..mid], &input.slice(0, mid), out_l),
                    || run(ctx, &entity[mid..], &input.slice(mid, n), out_r),
                );
                // The left error comes first in (entity, year) order.
                return left.and(right);
            }
        }
    }
    run_sequential(ctx, entity, input, out)
}

fn run_sequential<E: Ord + Display>(
    ctx: &Ctx,
    entity: &[E],
    input: &AccountingInput<'_>,
    mut out: View<'_>,
) -> Result<()> {
    let n = entity.len();
    let mut lo = 0;
    while lo < n {
        let mut hi = lo + 1;
        while hi < n && entity[hi] == entity[lo] {
            hi += 1;
        }
        let result = match ctx.options.profile {
            Profile::Tornqvist => entity_kernel::<true>(ctx, input, lo, hi, &mut out),
            Profile::Gso => entity_kernel::<false>(ctx, input, lo, hi, &mut out),
        };
        result.map_err(|e| e.with_entity(&entity[lo]))?;
        lo = hi;
    }
    Ok(())
}

/// Log levels (Törnqvist) or levels (GSO) of one valid row.
#[derive(Clone, Copy)]
struct Point {
    year: i32,
    y: f64,
    k: f64,
    h: f64,
    q: f64,
    s: f64,
}

/// The per-entity kernel: rows `lo..hi` are one entity, sorted by year. It writes every output
/// cell of those rows exactly once (twice for the index when the base year is given) and does
/// not allocate.
fn entity_kernel<const TORNQVIST: bool>(
    ctx: &Ctx,
    input: &AccountingInput<'_>,
    lo: usize,
    hi: usize,
    out: &mut View<'_>,
) -> Result<()> {
    let opt = &ctx.options;
    let tornqvist = TORNQVIST;
    let policy = opt.nan_policy;
    // Without a base year the first valid row is the base: the index is final in one pass.
    let one_pass = opt.base_year.is_none();
    let mut prev: Option<Point> = None;
    // Index chaining: cumulative log TFP within a linked segment; segments are numbered from 1.
    let mut cum = 0.0;
    let mut segment = 0u32;
    let mut base: Option<(u32, f64)> = None;
    for i in lo..hi {
        let year = input.years[i];
        let Some(p) = read_point::<TORNQVIST>(ctx, input, i, year)? else {
            // A missing row: nothing is defined; under Propagate the chain breaks here.
            for col in out.f.iter_mut() {
                col[i] = f64::NAN;
            }
            out.growth_defined[i] = false;
            out.share_defined[i] = false;
            out.index_defined[i] = false;
            if policy == NanPolicy::Propagate {
                prev = None;
            }
            continue;
        };
        let step = match prev {
            Some(q) if q.year + 1 == year || policy == NanPolicy::Omit => Some(q),
            Some(q) if policy == NanPolicy::Raise => {
                return Err(Error::MissingYear {
                    series: "year".into(),
                    entity: None,
                    year: q.year + 1,
                });
            }
            _ => None,
        };
        let mut link = f64::NAN;
        let f = &mut out.f;
        if let Some(q) = step {
            let (gy, gk, gh, gq, w) = if tornqvist {
                (
                    p.y - q.y,
                    p.k - q.k,
                    p.h - q.h,
                    p.q - q.q,
                    0.5 * (p.s + q.s),
                )
            } else {
                (p.y / q.y - 1.0, p.k / q.k - 1.0, p.h / q.h - 1.0, 0.0, p.s)
            };
            let ck = (1.0 - w) * gk;
            let cl = w * gh;
            let cq = w * gq;
            let tfp = gy - ck - cl - cq;
            let lp = if tornqvist {
                gy - gh
            } else {
                (1.0 + gy) / (1.0 + gh) - 1.0
            };
            let cd = (1.0 - w) * (gk - gh);
            if let Some(bad) = [gy, gk, gh, gq, tfp, lp, cd]
                .into_iter()
                .find(|v| !v.is_finite())
            {
                return Err(overflow("growth", year, bad));
            }
            f[OUT_Y][i] = gy;
            f[OUT_K][i] = gk;
            f[OUT_L][i] = gh;
            f[OUT_Q][i] = gq;
            f[OUT_W][i] = w;
            f[OUT_CK][i] = ck;
            f[OUT_CL][i] = cl;
            f[OUT_CQ][i] = cq;
            f[OUT_TFP][i] = tfp;
            f[OUT_LP][i] = lp;
            f[OUT_CD][i] = cd;
            let share = tfp_share(tfp, gy, opt.zero_growth_tolerance);
            f[OUT_SHARE][i] = share.unwrap_or(f64::NAN);
            out.share_defined[i] = share.is_ok();
            out.growth_defined[i] = true;
            link = if tornqvist { tfp } else { tfp.ln_1p() };
        } else {
            for col in &mut f[..OUT_INDEX] {
                col[i] = f64::NAN;
            }
            f[OUT_SHARE][i] = f64::NAN;
            out.growth_defined[i] = false;
            out.share_defined[i] = false;
        }
        if link.is_finite() {
            cum += link;
        } else {
            segment += 1;
            cum = 0.0;
        }
        if one_pass {
            // The base is the first valid row: segment 1, cum 0.
            if segment == 1 {
                let index = cum.exp();
                if !(index.is_finite() && index > 0.0) {
                    return Err(overflow("tfp_index", year, index));
                }
                f[OUT_INDEX][i] = index;
                out.index_defined[i] = true;
            } else {
                f[OUT_INDEX][i] = f64::NAN;
                out.index_defined[i] = false;
            }
        } else {
            f[OUT_INDEX][i] = cum;
            out.index_defined[i] = true; // "level valid" until the rebasing pass
            if opt.base_year == Some(year) {
                base = Some((segment, cum));
            }
        }
        prev = Some(p);
    }
    if one_pass {
        return Ok(());
    }
    // Rebasing pass: keep the segment that holds the base year.
    let mut seg = 0u32;
    for i in lo..hi {
        if !out.index_defined[i] {
            continue;
        }
        // Same rule as the first pass: a row starts a segment when its link is undefined.
        let linked = out.growth_defined[i] && (tornqvist || out.f[OUT_TFP][i].ln_1p().is_finite());
        if !linked {
            seg += 1;
        }
        match base {
            Some((b, c)) if b == seg => {
                let index = (out.f[OUT_INDEX][i] - c).exp();
                if !(index.is_finite() && index > 0.0) {
                    return Err(overflow("tfp_index", input.years[i], index));
                }
                out.f[OUT_INDEX][i] = index;
            }
            _ => {
                out.index_defined[i] = false;
                out.f[OUT_INDEX][i] = f64::NAN;
            }
        }
    }
    Ok(())
}

fn overflow(name: &str, year: i32, value: f64) -> Error {
    Error::OutOfRange {
        name: name.into(),
        year: Some(year),
        value,
        expected: "a finite number: the inputs differ by so much between years that the \
                   result does not fit in a double; check the units of each series"
            .into(),
    }
}

/// `v` is a usable volume: finite and positive (NaN fails both comparisons).
#[inline(always)]
fn positive(v: f64) -> bool {
    v > 0.0 && v < f64::INFINITY
}

/// Reads row `i`: logs of the levels (Törnqvist) or the levels (GSO). `None` when the row is
/// missing under a lenient policy. The common case — every value usable — takes one branch.
#[inline(always)]
fn read_point<const TORNQVIST: bool>(
    ctx: &Ctx,
    input: &AccountingInput<'_>,
    i: usize,
    year: i32,
) -> Result<Option<Point>> {
    let y = input.output[i];
    let k = input.capital[i];
    let l = input.labour[i];
    let h = input.hours.map_or(1.0, |c| c[i]);
    let q = input.human_capital.map_or(1.0, |c| c[i]);
    let s = match (ctx.constant_share, input.labour_share) {
        (Some(s), _) => s,
        (None, Some(LabourShare::PerRow(v))) => v[i],
        _ => f64::NAN,
    };
    let usable = positive(y)
        & positive(k)
        & positive(l)
        & positive(h)
        & positive(q)
        & (0.0..=1.0).contains(&s);
    if !usable {
        check_row(ctx, [y, k, l, h, q], s, year)?;
        return Ok(None);
    }
    // Persons × hours as one number, so a log is taken once; absent columns cost no log.
    let labour = l * h;
    Ok(Some(if TORNQVIST {
        let q = if input.human_capital.is_some() {
            q.ln()
        } else {
            0.0
        };
        Point {
            year,
            y: y.ln(),
            k: k.ln(),
            h: labour.ln(),
            q,
            s,
        }
    } else {
        Point {
            year,
            y,
            k,
            h: labour,
            q,
            s,
        }
    }))
}

/// The slow path of [`read_point`]: the error a bad row deserves, or `Ok` when the row is
/// merely missing under a lenient policy.
#[cold]
fn check_row(ctx: &Ctx, values: [f64; 5], s: f64, year: i32) -> Result<()> {
    const NAMES: [&str; 5] = ["output", "capital", "labour", "hours", "human_capital"];
    let raise = ctx.options.nan_policy == NanPolicy::Raise;
    for (name, v) in NAMES.into_iter().zip(values) {
        if !v.is_finite() {
            if raise {
                return Err(Error::NonFinite {
                    series: name.into(),
                    entity: None,
                    year,
                    value: v,
                });
            }
        } else if v <= 0.0 {
            return Err(Error::NonPositive {
                series: name.into(),
                entity: None,
                year,
                value: v,
            });
        }
    }
    if !s.is_finite() {
        if raise {
            return Err(Error::NonFinite {
                series: "labour_share".into(),
                entity: None,
                year,
                value: s,
            });
        }
    } else {
        Share::checked("labour_share", Some(year), s)?;
    }
    Ok(())
}

impl Error {
    /// Attaches an entity label to an error that can carry one (panel input).
    fn with_entity<E: Display>(mut self, entity: &E) -> Self {
        let label = entity.to_string();
        if label.is_empty() {
            return self;
        }
        match &mut self {
            Error::DuplicateYear { entity, .. }
            | Error::MissingYear { entity, .. }
            | Error::NonFinite { entity, .. }
            | Error::NonPositive { entity, .. } => *entity = Some(label),
            Error::OutOfRange { name, .. } => *name = format!("{name} (entity `{label}`)"),
            _ => {}
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn share(s: f64) -> LabourShare<'static> {
        LabourShare::Constant(Share::new(s).unwrap())
    }

    #[test]
    fn worked_check_methods_section_2() {
        let years = [2020, 2021];
        let (y, k, l, s) = ([100.0, 107.0], [300.0, 321.0], [50.0, 51.0], [0.60, 0.62]);
        let input = AccountingInput::new(&years, &y, &k, &l).labour_share(LabourShare::PerRow(&s));
        let r = GrowthAccounting::tornqvist().compute(&input).unwrap();
        assert!(!r.growth_defined[0]);
        let row = r.row(1).unwrap();
        assert!((row.labour_weight - 0.61).abs() < 1e-15);
        assert!((row.output_growth - 0.067659).abs() < 5e-7);
        assert!((row.capital_contribution - 0.026387).abs() < 5e-7);
        assert!((row.labour_contribution - 0.012080).abs() < 5e-7);
        assert!((row.tfp_growth - 0.029192).abs() < 5e-7);
        assert!((row.tfp_share.unwrap() - 0.4315).abs() < 5e-5);
        assert!((row.labour_productivity_growth - 0.047856).abs() < 5e-7);
        assert!((row.capital_deepening - 0.018664).abs() < 5e-7);
        assert_eq!(r.tfp_index[0], 1.0);
        assert!((r.tfp_index[1] - row.tfp_growth.exp()).abs() < 1e-15);
    }

    #[test]
    fn gso_form() {
        let years = [2019, 2020];
        let (y, k, l) = ([100.0, 107.0], [300.0, 321.0], [50.0, 51.0]);
        let input = AccountingInput::new(&years, &y, &k, &l).labour_share(share(0.6));
        let r = GrowthAccounting::gso().compute(&input).unwrap();
        let row = r.row(1).unwrap();
        // G_A = 0.07 − 0.4·0.07 − 0.6·0.02 = 0.03
        assert!((row.tfp_growth - 0.03).abs() < 1e-15);
        assert!((row.tfp_share.unwrap() - 0.03 / 0.07).abs() < 1e-14);
        assert!(
            (row.output_growth
                - (row.capital_contribution + row.labour_contribution + row.tfp_growth))
                .abs()
                < 1e-15
        );
        assert!((row.labour_productivity_growth - (107.0 / 51.0 / 2.0 - 1.0)).abs() < 1e-14);
        assert_eq!(r.provenance.options.profile, Profile::Gso);
        // GSO refuses what it does not model
        let s = [0.6, 0.6];
        let bad = AccountingInput::new(&years, &y, &k, &l).labour_share(LabourShare::PerRow(&s));
        assert_eq!(
            GrowthAccounting::gso().compute(&bad).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
        let bad = AccountingInput::new(&years, &y, &k, &l)
            .labour_share(share(0.6))
            .human_capital(&s);
        assert_eq!(
            GrowthAccounting::gso().compute(&bad).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
    }

    #[test]
    fn errors_name_series_year_value() {
        let years = [2000, 2001, 2002];
        let y = [1.0, f64::NAN, 1.2];
        let k = [1.0, 1.0, 1.0];
        let input = AccountingInput::new(&years, &y, &k, &k).labour_share(share(0.5));
        let e = GrowthAccounting::tornqvist().compute(&input).unwrap_err();
        assert!(
            matches!(e, Error::NonFinite { ref series, year: 2001, value, .. } if series == "output" && value.is_nan())
        );
        let neg = [1.0, -2.0, 1.0];
        let input = AccountingInput::new(&years, &k, &neg, &k).labour_share(share(0.5));
        let e = GrowthAccounting::tornqvist().compute(&input).unwrap_err();
        assert!(
            matches!(e, Error::NonPositive { ref series, year: 2001, value, .. } if series == "capital" && value == -2.0)
        );
        let s = [0.5, 50.0, 0.5];
        let input = AccountingInput::new(&years, &k, &k, &k).labour_share(LabourShare::PerRow(&s));
        let e = GrowthAccounting::tornqvist().compute(&input).unwrap_err();
        assert!(
            matches!(
                e,
                Error::OutOfRange {
                    year: Some(2001),
                    ..
                }
            ),
            "{e}"
        );
        let short = [1.0];
        let input = AccountingInput::new(&years, &k, &short, &k).labour_share(share(0.5));
        assert_eq!(
            GrowthAccounting::tornqvist()
                .compute(&input)
                .unwrap_err()
                .kind(),
            ErrorKind::LengthMismatch
        );
        let input = AccountingInput::new(&years, &k, &k, &k);
        assert_eq!(
            GrowthAccounting::tornqvist()
                .compute(&input)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidParameter
        );
        let gap = [2000, 2001, 2003];
        let input = AccountingInput::new(&gap, &k, &k, &k).labour_share(share(0.5));
        let e = GrowthAccounting::tornqvist().compute(&input).unwrap_err();
        assert!(matches!(e, Error::MissingYear { year: 2002, .. }));
        let dup = [2000, 2001, 2001];
        let input = AccountingInput::new(&dup, &k, &k, &k).labour_share(share(0.5));
        assert_eq!(
            GrowthAccounting::tornqvist()
                .compute(&input)
                .unwrap_err()
                .kind(),
            ErrorKind::DuplicateYear
        );
        let input = AccountingInput::new(&years, &k, &k, &k).labour_share(share(0.5));
        assert_eq!(
            GrowthAccounting::tornqvist()
                .base_year(1990)
                .compute(&input)
                .unwrap_err()
                .kind(),
            ErrorKind::YearNotFound
        );
    }

    #[test]
    fn nan_policies() {
        let years = [2000, 2001, 2002, 2003];
        let y = [1.0, 1.1, f64::NAN, 1.331];
        let k = [1.0; 4];
        let input = AccountingInput::new(&years, &y, &k, &k).labour_share(share(0.5));
        let prop = GrowthAccounting::tornqvist()
            .nan_policy(NanPolicy::Propagate)
            .compute(&input)
            .unwrap();
        assert_eq!(prop.growth_defined, vec![false, true, false, false]);
        assert_eq!(prop.tfp_index_defined, vec![true, true, false, false]);
        assert!(prop.get(Field::TfpGrowth, 3).is_none());
        let omit = GrowthAccounting::tornqvist()
            .nan_policy(NanPolicy::Omit)
            .compute(&input)
            .unwrap();
        assert_eq!(omit.growth_defined, vec![false, true, false, true]);
        // the step 2001 -> 2003 spans two years
        assert!((omit.tfp_growth[3] - (1.331f64 / 1.1).ln()).abs() < 1e-15);
        assert!((omit.tfp_index[3] - 1.331).abs() < 1e-12);
        // base year in the later segment under Propagate: the earlier one is undefined
        let prop = GrowthAccounting::tornqvist()
            .nan_policy(NanPolicy::Propagate)
            .base_year(2003)
            .compute(&input)
            .unwrap();
        assert_eq!(prop.tfp_index_defined, vec![false, false, false, true]);
        assert_eq!(prop.tfp_index[3], 1.0);
    }

    #[test]
    fn share_rules() {
        assert_eq!(
            tfp_share(0.01, 0.0, 1e-6),
            Err(UndefinedShare::OutputGrowthNearZero)
        );
        assert_eq!(
            tfp_share(-0.01, 0.03, 1e-6),
            Err(UndefinedShare::OppositeSigns)
        );
        assert_eq!(tfp_share(0.0, 0.03, 1e-6), Ok(0.0));
        assert_eq!(tfp_share(-0.01, -0.02, 1e-6), Ok(0.5));
    }

    #[test]
    fn period_figures() {
        let years: Vec<i32> = (2015..=2020).collect();
        let y: Vec<f64> = [100.0, 106.0, 113.0, 121.0, 130.0, 131.0].to_vec();
        let k: Vec<f64> = (0..6).map(|t| 300.0 * 1.08f64.powi(t)).collect();
        let l: Vec<f64> = (0..6).map(|t| 50.0 * 1.01f64.powi(t)).collect();
        let input = AccountingInput::new(&years, &y, &k, &l).labour_share(share(0.5));
        let r = GrowthAccounting::tornqvist()
            .base_year(2015)
            .compute(&input)
            .unwrap();
        let p = r.period(2015, 2020).unwrap();
        let dy = (131.0f64 / 100.0).ln();
        let dtfp = dy - 5.0 * (0.5 * 1.08f64.ln() + 0.5 * 1.01f64.ln());
        assert!((p.cumulative_output_growth.unwrap() - dy).abs() < 1e-14);
        assert!((p.cumulative_tfp_growth.unwrap() - dtfp).abs() < 1e-13);
        assert!((p.tfp_share_of_cumulative_growth.unwrap() - dtfp / dy).abs() < 1e-13);
        // 2020 has TFP falling while output grows: annual share undefined, so the mean is too
        assert!(r.get(Field::TfpShare, 5).is_none());
        assert_eq!(p.mean_of_annual_tfp_shares, None);
        let p = r.period(2015, 2019).unwrap();
        let mean: f64 = (1..5).map(|i| r.tfp_share[i]).sum::<f64>() / 4.0;
        assert!((p.mean_of_annual_tfp_shares.unwrap() - mean).abs() < 1e-14);
        assert!((p.average_output_growth.unwrap() - (1.3f64.powf(0.25) - 1.0)).abs() < 1e-14);
        assert_eq!(
            r.period(2020, 2015).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
        assert_eq!(
            r.period(2010, 2015).unwrap_err().kind(),
            ErrorKind::YearNotFound
        );
    }

    #[test]
    fn panel_unsorted_matches_single_series() {
        let entity = [2u8, 1, 2, 1, 2, 1];
        let years = [2002, 2001, 2000, 2000, 2001, 2002];
        let y = [1.3, 1.1, 1.0, 2.0, 1.2, 2.3];
        let k = [1.0, 2.0, 1.1, 2.2, 1.05, 2.1];
        let l = [1.0, 1.0, 1.0, 1.0, 1.02, 1.05];
        let input = AccountingInput::new(&years, &y, &k, &l).labour_share(share(0.6));
        let r = GrowthAccounting::tornqvist()
            .compute_panel(&entity, &input)
            .unwrap();
        for ent in [1u8, 2] {
            let rows: Vec<usize> = (0..6).filter(|&i| entity[i] == ent).collect();
            let pick = |c: &[f64]| rows.iter().map(|&i| c[i]).collect::<Vec<_>>();
            let ys: Vec<i32> = rows.iter().map(|&i| years[i]).collect();
            let (yy, kk, ll) = (pick(&y), pick(&k), pick(&l));
            let single = AccountingInput::new(&ys, &yy, &kk, &ll).labour_share(share(0.6));
            let s = GrowthAccounting::tornqvist().compute(&single).unwrap();
            for (j, &i) in rows.iter().enumerate() {
                for f in Field::ALL {
                    assert_eq!(r.get(f, i), s.get(f, j), "{f:?} entity {ent} row {i}");
                }
            }
        }
        let e = GrowthAccounting::tornqvist()
            .compute_panel(
                &["a", "b", "a"],
                &AccountingInput::new(&[1, 1, 1], &[1.0; 3], &[1.0; 3], &[1.0; 3])
                    .labour_share(share(0.5)),
            )
            .unwrap_err();
        assert!(
            matches!(e, Error::DuplicateYear { entity: Some(ref x), year: 1, .. } if x == "a"),
            "{e}"
        );
    }

    #[test]
    fn into_buffers_matches_allocating_call() {
        let entity = [1u8, 1, 2, 2, 1];
        let years = [2000, 2001, 2001, 2000, 2002];
        let y = [1.0, 1.1, 2.2, 2.0, 1.2];
        let k = [1.0, 1.05, 2.1, 2.0, 1.1];
        let l = [1.0, 1.01, 1.0, 1.0, 1.02];
        let input = AccountingInput::new(&years, &y, &k, &l).labour_share(share(0.6));
        let opts = GrowthAccounting::tornqvist();
        let expected = opts.compute_panel(&entity, &input).unwrap();
        let mut f = vec![vec![-1.0; 5]; 13];
        let mut m = vec![vec![true; 5]; 3];
        {
            let mut it = f.iter_mut();
            let mut col = || it.next().unwrap().as_mut_slice();
            let [g, i, sh] = &mut m[..] else {
                unreachable!()
            };
            let b = AccountingBuffers {
                output_growth: col(),
                capital_growth: col(),
                labour_growth: col(),
                labour_quality_growth: col(),
                labour_weight: col(),
                capital_contribution: col(),
                labour_contribution: col(),
                labour_quality_contribution: col(),
                tfp_growth: col(),
                labour_productivity_growth: col(),
                capital_deepening: col(),
                tfp_index: col(),
                tfp_share: col(),
                growth_defined: g,
                tfp_index_defined: i,
                tfp_share_defined: sh,
            };
            opts.compute_panel_into(&entity, &input, b).unwrap();
        }
        for (j, field) in Field::ALL.iter().enumerate() {
            let (values, mask) = expected.column(*field);
            let got_mask = match field {
                Field::TfpIndex => &m[1],
                Field::TfpShare => &m[2],
                _ => &m[0],
            };
            assert_eq!(got_mask.as_slice(), mask, "{field:?}");
            for r in 0..5 {
                assert!(
                    values[r].to_bits() == f[j][r].to_bits(),
                    "{field:?} row {r}"
                );
            }
        }
        let mut short = [0.0; 2];
        let b = AccountingBuffers {
            output_growth: &mut short,
            ..Default::default()
        };
        let e = opts.compute_panel_into(&entity, &input, b).unwrap_err();
        assert!(
            matches!(
                e,
                Error::LengthMismatch {
                    expected: 5,
                    actual: 2,
                    ..
                }
            ),
            "{e}"
        );
    }
}
