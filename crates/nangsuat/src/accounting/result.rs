//! The result of growth accounting (columns with validity masks, `Option` accessors, the
//! reason a TFP share is undefined in each row) and period summaries.

use super::columns::{Field, FieldSet, Mask, accounting_columns};
use super::input::{GrowthAccounting, Profile};
use crate::error::{Error, Result};
use crate::summation::CompensatedSum;
use serde::{Deserialize, Serialize};

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
    /// Output growth is within the tolerance of zero, or so small next to TFP growth that
    /// their ratio does not fit in a double.
    OutputGrowthNearZero,
    /// TFP growth and output growth have opposite signs.
    OppositeSigns,
    /// A growth rate needed for it is itself undefined (missing data, base year absent).
    MissingGrowth,
}

impl UndefinedShare {
    /// Stable snake-case name (as in JSON and the Python face).
    pub fn name(self) -> &'static str {
        match self {
            UndefinedShare::OutputGrowthNearZero => "output_growth_near_zero",
            UndefinedShare::OppositeSigns => "opposite_signs",
            UndefinedShare::MissingGrowth => "missing_growth",
        }
    }

    /// Why the share is undefined, in English words (for notes and error messages; the
    /// report's renderers word it in each language).
    ///
    /// ```
    /// use nangsuat::accounting::UndefinedShare;
    /// assert_eq!(UndefinedShare::OppositeSigns.describe(), "TFP and output moved in opposite directions");
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            UndefinedShare::OutputGrowthNearZero => "output growth is near zero",
            UndefinedShare::OppositeSigns => "TFP and output moved in opposite directions",
            UndefinedShare::MissingGrowth => "a growth rate it needs is missing",
        }
    }
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
        let share = tfp_growth / output_growth;
        if share.is_finite() {
            Ok(share)
        } else {
            // Output growth above the tolerance but tiny next to TFP growth (a tolerance of 0
            // and a subnormal growth rate): no share means anything.
            Err(UndefinedShare::OutputGrowthNearZero)
        }
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
    /// let input = AccountingInput::new(&years, &y, &k, &l,
    ///     LabourShare::Constant(Share::new(0.6)?));
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

macro_rules! define_accounting {
    ($($field:ident $variant:ident $name:literal $mask:ident $doc:literal;)*) => {
        /// The result of growth accounting, aligned with the input rows.
        ///
        /// Growth columns are undefined in a row with no previous year (an entity's first row,
        /// a row after a gap, a row with missing input). One representation of "undefined":
        /// raw columns hold NaN exactly where the matching mask is `false`, and
        /// [`Accounting::get`], [`Accounting::row`] and [`Accounting::tfp_share_undefined`]
        /// give `Option`s instead. A column left out of the call's [`FieldSet`] is empty.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct Accounting {
            /// How the result was made.
            pub provenance: Provenance,
            /// Years, as given.
            pub years: Vec<i32>,
            /// Whether the growth columns are defined in each row.
            pub growth_defined: Vec<bool>,
            /// Whether the TFP index is defined (the row is chained to the base year).
            pub tfp_index_defined: Vec<bool>,
            /// Whether TFP's share is defined (see [`Accounting::tfp_share_undefined`]).
            pub tfp_share_defined: Vec<bool>,
            $(#[doc = $doc] pub $field: Vec<f64>,)*
        }

        impl Accounting {
            /// The values of `field` (empty when it was not selected).
            pub fn values(&self, field: Field) -> &[f64] {
                match field {
                    $(Field::$variant => &self.$field,)*
                }
            }

            /// Moves the column `field` out of the result (leaving it empty): for faces that
            /// hand columns to another owner without copying.
            pub fn take(&mut self, field: Field) -> Vec<f64> {
                match field {
                    $(Field::$variant => std::mem::take(&mut self.$field),)*
                }
            }

            pub(super) fn from_columns(
                provenance: Provenance,
                years: Vec<i32>,
                columns: super::columns::Columns,
            ) -> Accounting {
                let [$($field,)*] = columns.f;
                Accounting {
                    provenance,
                    years,
                    growth_defined: columns.growth_defined,
                    tfp_index_defined: columns.index_defined,
                    tfp_share_defined: columns.share_defined,
                    $($field,)*
                }
            }
        }
    };
}
accounting_columns!(define_accounting);

impl Accounting {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.years.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// A validity mask (empty when none of its columns was selected).
    pub fn mask(&self, mask: Mask) -> &[bool] {
        match mask {
            Mask::Growth => &self.growth_defined,
            Mask::TfpIndex => &self.tfp_index_defined,
            Mask::TfpShare => &self.tfp_share_defined,
        }
    }

    /// Moves a validity mask out of the result (leaving it empty).
    pub fn take_mask(&mut self, mask: Mask) -> Vec<bool> {
        std::mem::take(match mask {
            Mask::Growth => &mut self.growth_defined,
            Mask::TfpIndex => &mut self.tfp_index_defined,
            Mask::TfpShare => &mut self.tfp_share_defined,
        })
    }

    /// A column and its validity mask.
    pub fn column(&self, field: Field) -> (&[f64], &[bool]) {
        (self.values(field), self.mask(field.mask()))
    }

    /// The value of `field` in row `i`, or `None` where undefined, not selected or out of
    /// bounds.
    pub fn get(&self, field: Field, i: usize) -> Option<f64> {
        let (values, mask) = self.column(field);
        match (values.get(i), mask.get(i)) {
            (Some(v), Some(true)) => Some(*v),
            _ => None,
        }
    }

    /// Why TFP's share is undefined in row `i`; `None` where it is defined or `i` is out of
    /// bounds.
    pub fn tfp_share_undefined(&self, i: usize) -> Option<UndefinedShare> {
        if i >= self.len() || self.tfp_share_defined.get(i) == Some(&true) {
            return None;
        }
        if !self.growth_defined[i] {
            return Some(UndefinedShare::MissingGrowth);
        }
        let tol = self.provenance.options.zero_growth_tolerance;
        match (self.output_growth.get(i), self.tfp_growth.get(i)) {
            (Some(&y), Some(&t)) => tfp_share(t, y, tol).err(),
            // Selecting `tfp_share` computes output and TFP growth too (see compute_panel_columns).
            _ => Some(UndefinedShare::MissingGrowth),
        }
    }

    /// Row `i` where its growth is defined (a column that was not selected reads as NaN).
    pub fn row(&self, i: usize) -> Option<AccountingRow> {
        if !*self.growth_defined.get(i)? {
            return None;
        }
        let v = |f: Field| self.values(f).get(i).copied().unwrap_or(f64::NAN);
        Some(AccountingRow {
            year: self.years[i],
            output_growth: v(Field::OutputGrowth),
            capital_growth: v(Field::CapitalGrowth),
            labour_growth: v(Field::LabourGrowth),
            labour_quality_growth: v(Field::LabourQualityGrowth),
            labour_weight: v(Field::LabourWeight),
            capital_contribution: v(Field::CapitalContribution),
            labour_contribution: v(Field::LabourContribution),
            labour_quality_contribution: v(Field::LabourQualityContribution),
            tfp_growth: v(Field::TfpGrowth),
            tfp_index: self.get(Field::TfpIndex, i),
            tfp_share: self.get(Field::TfpShare, i),
            labour_productivity_growth: v(Field::LabourProductivityGrowth),
            capital_deepening: v(Field::CapitalDeepening),
        })
    }

    /// The row index of `year` (single-series results; the first match in a panel).
    pub fn index_of(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|y| *y == year)
    }

    /// The columns a period summary reads, borrowed.
    pub fn period_columns(&self) -> PeriodColumns<'_> {
        PeriodColumns {
            options: self.provenance.options,
            years: &self.years,
            growth_defined: &self.growth_defined,
            output_growth: &self.output_growth,
            capital_contribution: &self.capital_contribution,
            labour_contribution: &self.labour_contribution,
            labour_quality_contribution: &self.labour_quality_contribution,
            tfp_growth: &self.tfp_growth,
            tfp_index: &self.tfp_index,
            tfp_index_defined: &self.tfp_index_defined,
            tfp_share: &self.tfp_share,
            tfp_share_defined: &self.tfp_share_defined,
        }
    }

    /// Period figures over `[from, to]` for a single-series result (METHODS §2, "TFP share of
    /// growth"): plan targets such as "TFP ≈ 45 % of growth 2021–2025" are read this way.
    /// Rows may be in any year order. Time is linear in the number of rows.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `from < to` or when a column it needs was not
    /// selected; [`Error::YearNotFound`] if either year is not a row;
    /// [`Error::DuplicateYear`] for a panel result (a year repeats). Undefined figures are
    /// `None` with a reason, never an error.
    pub fn period(&self, from: i32, to: i32) -> Result<PeriodSummary> {
        self.period_columns().period(from, to)
    }

    /// Period figures over the whole span, from the earliest year to the latest (whatever
    /// the row order); `None` with fewer than two distinct years.
    ///
    /// # Errors
    /// As [`Accounting::period`].
    pub fn summary(&self) -> Result<Option<PeriodSummary>> {
        self.period_columns().summary()
    }
}

/// The columns of a single-series result that a period summary reads, borrowed (from an
/// [`Accounting`], or from arrays a face owns).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct PeriodColumns<'a> {
    /// The options the result was computed with.
    pub options: GrowthAccounting,
    /// Years, one per row, unique, in any order.
    pub years: &'a [i32],
    /// See [`Accounting::growth_defined`].
    pub growth_defined: &'a [bool],
    /// See [`Accounting::output_growth`].
    pub output_growth: &'a [f64],
    /// See [`Accounting::capital_contribution`].
    pub capital_contribution: &'a [f64],
    /// See [`Accounting::labour_contribution`].
    pub labour_contribution: &'a [f64],
    /// See [`Accounting::labour_quality_contribution`].
    pub labour_quality_contribution: &'a [f64],
    /// See [`Accounting::tfp_growth`].
    pub tfp_growth: &'a [f64],
    /// See [`Accounting::tfp_index`].
    pub tfp_index: &'a [f64],
    /// See [`Accounting::tfp_index_defined`].
    pub tfp_index_defined: &'a [bool],
    /// See [`Accounting::tfp_share`].
    pub tfp_share: &'a [f64],
    /// See [`Accounting::tfp_share_defined`].
    pub tfp_share_defined: &'a [bool],
}

/// Row of each year of a single series: a dense table when the years are compact, else
/// (year, row) pairs sorted by year.
enum YearRows {
    Dense { first: i32, rows: Vec<u32> },
    Sparse(Vec<(i32, u32)>),
}

impl YearRows {
    const ABSENT: u32 = u32::MAX;

    fn new(years: &[i32]) -> Result<YearRows> {
        let duplicate = |year: i32| Error::DuplicateYear {
            series: "year (a period summary is for a single series; group a panel first)".into(),
            entity: None,
            year,
        };
        let (Some(&min), Some(&max)) = (years.iter().min(), years.iter().max()) else {
            return Ok(YearRows::Sparse(Vec::new()));
        };
        let span = (i64::from(max) - i64::from(min)) as u64 + 1;
        if span <= 4 * years.len() as u64 + 64 {
            let mut rows = vec![Self::ABSENT; span as usize];
            for (i, &y) in years.iter().enumerate() {
                let slot = &mut rows[(y - min) as usize];
                if *slot != Self::ABSENT {
                    return Err(duplicate(y));
                }
                *slot = i as u32;
            }
            Ok(YearRows::Dense { first: min, rows })
        } else {
            let mut pairs: Vec<(i32, u32)> = years
                .iter()
                .enumerate()
                .map(|(i, &y)| (y, i as u32))
                .collect();
            pairs.sort_unstable();
            if let Some(w) = pairs.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(duplicate(w[0].0));
            }
            Ok(YearRows::Sparse(pairs))
        }
    }

    fn get(&self, year: i32) -> Option<usize> {
        match self {
            YearRows::Dense { first, rows } => {
                let k = i64::from(year) - i64::from(*first);
                let r = *rows.get(usize::try_from(k).ok()?)?;
                (r != Self::ABSENT).then_some(r as usize)
            }
            YearRows::Sparse(pairs) => pairs
                .binary_search_by_key(&year, |p| p.0)
                .ok()
                .map(|k| pairs[k].1 as usize),
        }
    }
}

impl<'a> PeriodColumns<'a> {
    /// The options and years of a result; set the other columns before asking for a period.
    pub fn new(options: GrowthAccounting, years: &'a [i32]) -> Self {
        PeriodColumns {
            options,
            years,
            growth_defined: &[],
            output_growth: &[],
            capital_contribution: &[],
            labour_contribution: &[],
            labour_quality_contribution: &[],
            tfp_growth: &[],
            tfp_index: &[],
            tfp_index_defined: &[],
            tfp_share: &[],
            tfp_share_defined: &[],
        }
    }

    /// See [`Accounting::period`].
    ///
    /// # Errors
    /// As [`Accounting::period`].
    pub fn period(&self, from: i32, to: i32) -> Result<PeriodSummary> {
        if from >= to {
            return Err(Error::invalid_parameter(
                "period",
                format!("the first year ({from}) must be before the last ({to})"),
            ));
        }
        self.check()?;
        let rows = YearRows::new(self.years)?;
        self.period_with(&rows, from, to)
    }

    /// See [`Accounting::summary`].
    ///
    /// # Errors
    /// As [`Accounting::period`].
    pub fn summary(&self) -> Result<Option<PeriodSummary>> {
        let (Some(&from), Some(&to)) = (self.years.iter().min(), self.years.iter().max()) else {
            return Ok(None);
        };
        if from == to {
            return Ok(None);
        }
        self.check()?;
        let rows = YearRows::new(self.years)?;
        self.period_with(&rows, from, to).map(Some)
    }

    fn check(&self) -> Result<()> {
        let n = self.years.len();
        let columns = [
            ("growth_defined", self.growth_defined.len()),
            ("output_growth", self.output_growth.len()),
            ("capital_contribution", self.capital_contribution.len()),
            ("labour_contribution", self.labour_contribution.len()),
            (
                "labour_quality_contribution",
                self.labour_quality_contribution.len(),
            ),
            ("tfp_growth", self.tfp_growth.len()),
            ("tfp_index", self.tfp_index.len()),
            ("tfp_index_defined", self.tfp_index_defined.len()),
            ("tfp_share", self.tfp_share.len()),
            ("tfp_share_defined", self.tfp_share_defined.len()),
        ];
        match columns.into_iter().find(|c| c.1 != n) {
            Some((name, 0)) => Err(Error::invalid_parameter(
                "period",
                format!("a period summary needs the column `{name}`, which was not computed"),
            )),
            Some((name, len)) => Err(Error::LengthMismatch {
                series: name.into(),
                expected: n,
                actual: len,
            }),
            None => Ok(()),
        }
    }

    fn period_with(&self, rows: &YearRows, from: i32, to: i32) -> Result<PeriodSummary> {
        let find = |year: i32| {
            rows.get(year).ok_or_else(|| Error::YearNotFound {
                series: "accounting result".into(),
                year,
                first: self.years.iter().copied().min().unwrap_or(year),
                last: self.years.iter().copied().max().unwrap_or(year),
            })
        };
        let (a, b) = (find(from)?, find(to)?);
        let tol = self.options.zero_growth_tolerance;
        let gso = self.options.profile == Profile::Gso;
        // Sum annual figures over the years from+1 ..= to; all must be defined. A missing
        // year makes every sum undefined, so the loop stops there (at most one step per row).
        let mut sums = [CompensatedSum::default(); 6];
        let mut shares = CompensatedSum::default();
        let mut all_growth = true;
        let mut all_shares = true;
        for year in from + 1..=to {
            match rows.get(year).filter(|&i| self.growth_defined[i]) {
                Some(i) => {
                    let log = |g: f64| if gso { g.ln_1p() } else { g };
                    sums[0].add(log(self.output_growth[i]));
                    sums[1].add(log(self.tfp_growth[i]));
                    sums[2].add(self.capital_contribution[i]);
                    sums[3].add(self.labour_contribution[i]);
                    sums[4].add(self.labour_quality_contribution[i]);
                    sums[5].add(self.tfp_growth[i]);
                    if self.tfp_share_defined[i] {
                        shares.add(self.tfp_share[i]);
                    } else {
                        all_shares = false;
                    }
                }
                None => {
                    all_growth = false;
                    all_shares = false;
                    break;
                }
            }
        }
        let years = f64::from(to) - f64::from(from);
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

/// The selection a result needs so that its `Option` accessors can explain themselves: the
/// reason a TFP share is undefined is read from output and TFP growth.
pub(super) fn with_share_inputs(selection: FieldSet) -> FieldSet {
    if selection.contains(Field::TfpShare) {
        selection.with(Field::OutputGrowth).with(Field::TfpGrowth)
    } else {
        selection
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
