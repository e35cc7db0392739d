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
//! The wing's rooms: [`input`] (columns, labour share, profile, options), [`result`] (the
//! result, its `Option` accessors and period summaries), [`columns`] (the column list, written
//! once, and the selection of columns a call computes), [`order`] (panel ordering in linear
//! time) and the kernel (private).
//!
//! # Examples
//! The worked check of METHODS §2:
//! ```
//! use nangsuat::{AccountingInput, GrowthAccounting, LabourShare};
//! let years = [2020, 2021];
//! let (y, k, l, s) = ([100.0, 107.0], [300.0, 321.0], [50.0, 51.0], [0.60, 0.62]);
//! let input = AccountingInput::new(&years, &y, &k, &l, LabourShare::PerRow(&s));
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
pub mod columns;
pub mod input;
pub mod inventory;
mod kernel;
pub mod labour_productivity;
pub mod order;
mod permuted;
pub mod pwt;
pub mod result;

pub use columns::{AccountingBuffers, Field, FieldSet, Mask};
pub use input::{AccountingInput, GrowthAccounting, LabourShare, Profile};
pub use order::PanelEntity;
pub use result::{
    Accounting, AccountingRow, ContributionShares, PeriodColumns, PeriodSummary, Provenance,
    UndefinedShare, tfp_share,
};

use crate::cancel::Cancel;
use crate::error::{Error, Result};
use crate::prefetch::prefetch;
use columns::{Columns, View};
use kernel::Ctx;
use order::Order;
use permuted::Outcome;
use std::fmt::Display;

impl GrowthAccounting {
    fn validate(&self, input: &AccountingInput<'_>) -> Result<(Ctx, Provenance)> {
        if !(self.zero_growth_tolerance.is_finite() && self.zero_growth_tolerance >= 0.0) {
            return Err(Error::OutOfRange {
                name: "zero_growth_tolerance".into(),
                year: None,
                value: self.zero_growth_tolerance,
                expected: "a finite number ≥ 0".into(),
            });
        }
        let share = input.labour_share;
        input.check_lengths()?;
        if input.len() > u32::MAX as usize {
            return Err(Error::invalid_parameter(
                "year",
                format!("{} rows; at most {} rows per call", input.len(), u32::MAX),
            ));
        }
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
    /// [`Error::MissingYear`] (under [`NanPolicy`](crate::NanPolicy)`::Raise`),
    /// [`Error::NonPositive`] for a non-positive volume, [`Error::OutOfRange`] for a share
    /// outside [0, 1], [`Error::InvalidParameter`] for an option the profile does not allow
    /// (GSO with a per-row share or a human-capital index), [`Error::YearNotFound`] if the
    /// base year is not a row.
    pub fn compute(&self, input: &AccountingInput<'_>) -> Result<Accounting> {
        let entity = vec![SingleSeries; input.len()];
        let result = self.compute_panel(&entity, input)?;
        self.check_base_year(input)?;
        Ok(result)
    }

    /// [`GrowthAccounting::compute`] writing into caller-owned buffers (the non-empty value
    /// buffers are the selection, see [`AccountingBuffers`]).
    ///
    /// # Errors
    /// As [`GrowthAccounting::compute`] and [`GrowthAccounting::compute_panel_into`].
    pub fn compute_into(
        &self,
        input: &AccountingInput<'_>,
        buffers: AccountingBuffers<'_>,
    ) -> Result<Provenance> {
        let entity = vec![SingleSeries; input.len()];
        let provenance = self.compute_panel_into(&entity, input, buffers)?;
        self.check_base_year(input)?;
        Ok(provenance)
    }

    fn check_base_year(&self, input: &AccountingInput<'_>) -> Result<()> {
        match self.base_year {
            Some(base) if !input.is_empty() && !input.years.contains(&base) => {
                Err(Error::YearNotFound {
                    series: "year".into(),
                    year: base,
                    first: input.years.iter().copied().min().unwrap_or(base),
                    last: input.years.iter().copied().max().unwrap_or(base),
                })
            }
            _ => Ok(()),
        }
    }

    /// Growth accounting of many entities in one call, every column computed.
    ///
    /// `entity` labels each row; rows may come in any order, and results are aligned with the
    /// input rows. Input already sorted by (entity, year) is processed in one pass with no
    /// reordering; otherwise integer entities are ordered in linear time (see [`order`]).
    /// With the `rayon` feature, entities are processed in parallel. An entity without the
    /// base year has an undefined TFP index.
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
    /// let input = AccountingInput::new(&years, &y, &k, &l,
    ///     LabourShare::Constant(Share::new(0.6)?));
    /// let r = GrowthAccounting::tornqvist().compute_panel(&entity, &input)?;
    /// assert_eq!(r.growth_defined, vec![true, false, false, true]);
    /// assert!((r.tfp_growth[0] - 1.1f64.ln()).abs() < 1e-15);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn compute_panel<E: PanelEntity>(
        &self,
        entity: &[E],
        input: &AccountingInput<'_>,
    ) -> Result<Accounting> {
        self.compute_panel_columns(entity, input, FieldSet::ALL)
    }

    /// [`GrowthAccounting::compute_panel`] computing and writing only the `selection` (other
    /// columns of the result are empty; `growth_defined` is always there). Selecting
    /// `tfp_share` also computes output and TFP growth, which say why a share is undefined.
    ///
    /// ```
    /// use nangsuat::accounting::{Field, FieldSet};
    /// use nangsuat::{AccountingInput, GrowthAccounting, LabourShare, Share};
    /// let input = AccountingInput::new(&[2000, 2001], &[1.0, 1.1], &[2.0, 2.0], &[1.0, 1.0],
    ///     LabourShare::Constant(Share::new(0.6)?));
    /// let only = FieldSet::empty().with(Field::TfpIndex);
    /// let r = GrowthAccounting::tornqvist().compute_panel_columns(&[1u32, 1], &input, only)?;
    /// assert!(r.capital_contribution.is_empty());
    /// assert!((r.tfp_index[1] - 1.1).abs() < 1e-12);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`GrowthAccounting::compute_panel`].
    pub fn compute_panel_columns<E: PanelEntity>(
        &self,
        entity: &[E],
        input: &AccountingInput<'_>,
        selection: FieldSet,
    ) -> Result<Accounting> {
        let mut out = Columns::new(input.len(), result::with_share_inputs(selection));
        let provenance = self.compute_into_view(entity, input, out.view(), &Cancel::never())?;
        Ok(Accounting::from_columns(
            provenance,
            input.years.to_vec(),
            out,
        ))
    }

    /// [`GrowthAccounting::compute_panel`] writing into caller-owned buffers: no output
    /// allocation when the rows are sorted by entity and year; the non-empty value buffers
    /// are the selection (see [`AccountingBuffers`]). For callers that reuse buffers across
    /// runs or own them elsewhere (numpy arrays, the C API).
    ///
    /// # Errors
    /// As [`GrowthAccounting::compute_panel`], plus [`Error::LengthMismatch`] for a buffer
    /// whose length is neither the input's nor zero. On error the buffers' contents are
    /// unspecified.
    pub fn compute_panel_into<E: PanelEntity>(
        &self,
        entity: &[E],
        input: &AccountingInput<'_>,
        buffers: AccountingBuffers<'_>,
    ) -> Result<Provenance> {
        self.compute_panel_into_cancellable(entity, input, buffers, &Cancel::never())
    }

    /// As [`GrowthAccounting::compute_panel_into`], stopping with [`Error::Interrupted`] once
    /// `cancel` is set (read before each chunk of rows of the kernel, on every worker). The
    /// buffers' contents are then unspecified.
    ///
    /// # Errors
    /// As [`GrowthAccounting::compute_panel_into`], plus [`Error::Interrupted`].
    pub fn compute_panel_into_cancellable<E: PanelEntity>(
        &self,
        entity: &[E],
        input: &AccountingInput<'_>,
        buffers: AccountingBuffers<'_>,
        cancel: &Cancel,
    ) -> Result<Provenance> {
        let view = buffers.into_view(input.len())?;
        self.compute_into_view(entity, input, view, cancel)
    }

    fn compute_into_view<E: PanelEntity>(
        &self,
        entity: &[E],
        input: &AccountingInput<'_>,
        out: View<'_>,
        cancel: &Cancel,
    ) -> Result<Provenance> {
        let (ctx, provenance) = self.validate(input)?;
        let n = input.len();
        if n == 0 {
            return Err(Error::Empty {
                series: "output".into(),
                needed: 1,
            });
        }
        if entity.len() != n {
            return Err(Error::LengthMismatch {
                series: "entity".into(),
                expected: n,
                actual: entity.len(),
            });
        }
        match order::order(entity, input.years) {
            Order::Sorted => kernel::run(&ctx, entity, input, out, cancel)?,
            Order::Duplicate(i) => return Err(duplicate(entity, input.years, i)),
            Order::Permuted(perm) => {
                let mut out = out;
                if let Outcome::Done = permuted::run(&ctx, input, &perm, out.reborrow(), cancel)? {
                    return Ok(provenance);
                }
                // Rows that need the kernel's diagnosis, in (entity, year) order.
                let order = perm.order;
                let sorted_entity = gather(entity, &order);
                let sorted = Gathered::new(&order, input);
                let selection: FieldSet = Field::ALL
                    .into_iter()
                    .filter(|f| !out.f[*f as usize].is_empty())
                    .collect();
                let mut tmp = Columns::new(n, selection);
                kernel::run(&ctx, &sorted_entity, &sorted.input(), tmp.view(), cancel)?;
                drop(sorted);
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

impl PanelEntity for SingleSeries {
    fn radix_key(&self) -> Option<u64> {
        Some(0)
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

/// `column` in `order` (in parallel chunks with the `rayon` feature).
fn gather<T: Copy + Send + Sync>(column: &[T], order: &[u32]) -> Vec<T> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        order
            .par_iter()
            .enumerate()
            .map(|(j, &i)| gather_one(column, order, j, i))
            .collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        order
            .iter()
            .enumerate()
            .map(|(j, &i)| gather_one(column, order, j, i))
            .collect()
    }
}

/// `dst[order[j]] = src[j]` for every `j` (the inverse of [`gather`]), requesting each
/// destination [`PREFETCH_DISTANCE`] places ahead; an empty `dst` (an unselected column) is
/// left alone.
fn scatter<T: Copy>(dst: &mut [T], src: &[T], order: &[u32]) {
    if dst.is_empty() {
        return;
    }
    for (j, (&i, &v)) in order.iter().zip(src).enumerate() {
        if let Some(&ahead) = order.get(j + PREFETCH_DISTANCE) {
            prefetch(dst, ahead as usize);
        }
        dst[i as usize] = v;
    }
}

/// Rows ahead whose memory the random-access loops of the panel path request early.
pub(super) const PREFETCH_DISTANCE: usize = 16;

/// `column[i]`, the `j`-th element of the gather by `order`, requesting the element
/// [`PREFETCH_DISTANCE`] places ahead.
#[inline(always)]
fn gather_one<T: Copy>(column: &[T], order: &[u32], j: usize, i: u32) -> T {
    if let Some(&ahead) = order.get(j + PREFETCH_DISTANCE) {
        prefetch(column, ahead as usize);
    }
    column[i as usize]
}

/// Inputs copied into (entity, year) order for unsorted panels.
struct Gathered<'a> {
    years: Vec<i32>,
    output: Vec<f64>,
    capital: Vec<f64>,
    labour: Vec<f64>,
    hours: Option<Vec<f64>>,
    human_capital: Option<Vec<f64>>,
    share: Option<Vec<f64>>,
    constant_share: LabourShare<'a>,
}

impl<'a> Gathered<'a> {
    fn new(order: &[u32], input: &AccountingInput<'a>) -> Self {
        let g = |c: &[f64]| gather(c, order);
        let share = match input.labour_share {
            LabourShare::PerRow(s) => Some(g(s)),
            LabourShare::Constant(_) => None,
        };
        Gathered {
            years: gather(input.years, order),
            output: g(input.output),
            capital: g(input.capital),
            labour: g(input.labour),
            hours: input.hours.map(g),
            human_capital: input.human_capital.map(g),
            share,
            constant_share: input.labour_share,
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
                Some(s) => LabourShare::PerRow(s),
                None => self.constant_share,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::series::NanPolicy;
    use crate::share::Share;

    fn share(s: f64) -> LabourShare<'static> {
        LabourShare::Constant(Share::new(s).unwrap())
    }

    #[test]
    fn worked_check_methods_section_2() {
        let years = [2020, 2021];
        let (y, k, l, s) = ([100.0, 107.0], [300.0, 321.0], [50.0, 51.0], [0.60, 0.62]);
        let input = AccountingInput::new(&years, &y, &k, &l, LabourShare::PerRow(&s));
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
        let input = AccountingInput::new(&years, &y, &k, &l, share(0.6));
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
        let bad = AccountingInput::new(&years, &y, &k, &l, LabourShare::PerRow(&s));
        assert_eq!(
            GrowthAccounting::gso().compute(&bad).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
        let bad = AccountingInput::new(&years, &y, &k, &l, share(0.6)).human_capital(&s);
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
        let input = AccountingInput::new(&years, &y, &k, &k, share(0.5));
        let e = GrowthAccounting::tornqvist().compute(&input).unwrap_err();
        assert!(
            matches!(e, Error::NonFinite { ref series, year: 2001, value, .. } if series == "output" && value.is_nan())
        );
        let neg = [1.0, -2.0, 1.0];
        let input = AccountingInput::new(&years, &k, &neg, &k, share(0.5));
        let e = GrowthAccounting::tornqvist().compute(&input).unwrap_err();
        assert!(
            matches!(e, Error::NonPositive { ref series, year: 2001, value, .. } if series == "capital" && value == -2.0)
        );
        let s = [0.5, 50.0, 0.5];
        let input = AccountingInput::new(&years, &k, &k, &k, LabourShare::PerRow(&s));
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
        let input = AccountingInput::new(&years, &k, &short, &k, share(0.5));
        assert_eq!(
            GrowthAccounting::tornqvist()
                .compute(&input)
                .unwrap_err()
                .kind(),
            ErrorKind::LengthMismatch
        );
        let gap = [2000, 2001, 2003];
        let input = AccountingInput::new(&gap, &k, &k, &k, share(0.5));
        let e = GrowthAccounting::tornqvist().compute(&input).unwrap_err();
        assert!(matches!(e, Error::MissingYear { year: 2002, .. }));
        let dup = [2000, 2001, 2001];
        let input = AccountingInput::new(&dup, &k, &k, &k, share(0.5));
        assert_eq!(
            GrowthAccounting::tornqvist()
                .compute(&input)
                .unwrap_err()
                .kind(),
            ErrorKind::DuplicateYear
        );
        let input = AccountingInput::new(&years, &k, &k, &k, share(0.5));
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
        let input = AccountingInput::new(&years, &y, &k, &k, share(0.5));
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
        // With no tolerance, a subnormal output growth would give an infinite share.
        assert_eq!(
            tfp_share(0.02, 1e-320, 0.0),
            Err(UndefinedShare::OutputGrowthNearZero)
        );
        assert_eq!(tfp_share(-0.01, -0.02, 1e-6), Ok(0.5));
    }

    #[test]
    fn period_figures() {
        let years: Vec<i32> = (2015..=2020).collect();
        let y: Vec<f64> = [100.0, 106.0, 113.0, 121.0, 130.0, 131.0].to_vec();
        let k: Vec<f64> = (0..6).map(|t| 300.0 * 1.08f64.powi(t)).collect();
        let l: Vec<f64> = (0..6).map(|t| 50.0 * 1.01f64.powi(t)).collect();
        let input = AccountingInput::new(&years, &y, &k, &l, share(0.5));
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
        let input = AccountingInput::new(&years, &y, &k, &l, share(0.6));
        let r = GrowthAccounting::tornqvist()
            .compute_panel(&entity, &input)
            .unwrap();
        for ent in [1u8, 2] {
            let rows: Vec<usize> = (0..6).filter(|&i| entity[i] == ent).collect();
            let pick = |c: &[f64]| rows.iter().map(|&i| c[i]).collect::<Vec<_>>();
            let ys: Vec<i32> = rows.iter().map(|&i| years[i]).collect();
            let (yy, kk, ll) = (pick(&y), pick(&k), pick(&l));
            let single = AccountingInput::new(&ys, &yy, &kk, &ll, share(0.6));
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
                &AccountingInput::new(&[1, 1, 1], &[1.0; 3], &[1.0; 3], &[1.0; 3], share(0.5)),
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
        let input = AccountingInput::new(&years, &y, &k, &l, share(0.6));
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

    /// Issue 18 item 1: a single series out of year order is summarised over its first and
    /// last *years*; descending years work.
    #[test]
    fn period_summary_uses_years_not_rows() {
        let sorted_years = [2000, 2001, 2002, 2003];
        let y = [100.0, 105.0, 112.0, 119.0];
        let k = [300.0, 310.0, 325.0, 333.0];
        let l = [50.0, 50.5, 51.0, 51.2];
        let input = AccountingInput::new(&sorted_years, &y, &k, &l, share(0.6));
        let expected = GrowthAccounting::tornqvist()
            .compute(&input)
            .unwrap()
            .summary()
            .unwrap()
            .unwrap();
        assert_eq!((expected.from, expected.to), (2000, 2003));
        assert!(
            (expected.cumulative_output_growth.unwrap() - (119.0f64 / 100.0).ln()).abs() < 1e-14
        );
        // Rows 2001, 2000, 2002, 2003 and descending rows: the same summary.
        for perm in [[1usize, 0, 2, 3], [3, 2, 1, 0]] {
            let pick = |c: &[f64]| perm.iter().map(|&i| c[i]).collect::<Vec<_>>();
            let years: Vec<i32> = perm.iter().map(|&i| sorted_years[i]).collect();
            let (yy, kk, ll) = (pick(&y), pick(&k), pick(&l));
            let input = AccountingInput::new(&years, &yy, &kk, &ll, share(0.6));
            let r = GrowthAccounting::tornqvist().compute(&input).unwrap();
            let got = r.summary().unwrap().unwrap();
            assert_eq!((got.from, got.to), (2000, 2003), "{perm:?}");
            let (a, b) = (
                got.cumulative_output_growth.unwrap(),
                expected.cumulative_output_growth.unwrap(),
            );
            assert!((a - b).abs() < 1e-15, "{perm:?}");
            assert_eq!(
                got.tfp_share_of_cumulative_growth,
                expected.tfp_share_of_cumulative_growth
            );
            assert_eq!(r.period(2000, 2003).unwrap(), got);
        }
        // A result with one year has no summary; a reversed period names the period.
        let one = AccountingInput::new(&[2000], &[1.0], &[1.0], &[1.0], share(0.6));
        let r = GrowthAccounting::tornqvist().compute(&one).unwrap();
        assert_eq!(r.summary().unwrap(), None);
        let e = r.period(2001, 2000).unwrap_err();
        assert!(
            matches!(e, Error::InvalidParameter { ref name, .. } if name == "period"),
            "{e}"
        );
    }

    /// Issue 18 item 2: the period summary is linear in the rows (it was quadratic: 100,000
    /// rows took 3.5 s). 200,000 rows must take well under a second even in a debug build.
    #[test]
    fn period_summary_is_linear() {
        let n = 200_000;
        let years: Vec<i32> = (0..n).map(|t| 1 + t as i32).rev().collect();
        let y: Vec<f64> = (0..n).map(|t| 1.0 + 1e-6 * (n - t) as f64).collect();
        let ones = vec![1.0; n];
        let input = AccountingInput::new(&years, &y, &ones, &ones, share(0.5));
        let r = GrowthAccounting::tornqvist().compute(&input).unwrap();
        let t = std::time::Instant::now();
        let p = r.summary().unwrap().unwrap();
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
        assert_eq!((p.from, p.to), (1, n as i32));
        let expected = (y[0] / y[n - 1]).ln();
        assert!((p.cumulative_output_growth.unwrap() - expected).abs() < 1e-9);
        // Sparse years (a span far larger than the rows) use the sorted table.
        let years = [-2_000_000_000, 0, 2_000_000_000];
        let input =
            AccountingInput::new(&years, &[1.0, 1.1, 1.2], &[1.0; 3], &[1.0; 3], share(0.5));
        let r = GrowthAccounting::tornqvist()
            .nan_policy(NanPolicy::Omit)
            .compute(&input)
            .unwrap();
        let p = r.period(-2_000_000_000, 2_000_000_000).unwrap();
        assert_eq!(p.cumulative_output_growth, None);
        assert!((p.cumulative_tfp_growth.unwrap() - 1.2f64.ln()).abs() < 1e-15);
        // A panel result has no single-series summary.
        let input =
            AccountingInput::new(&[2000, 2000], &[1.0; 2], &[1.0; 2], &[1.0; 2], share(0.5));
        let r = GrowthAccounting::tornqvist()
            .compute_panel(&[1, 2], &input)
            .unwrap();
        assert_eq!(r.summary().unwrap(), None);
        let input = AccountingInput::new(
            &[2000, 2001, 2000, 2001],
            &[1.0; 4],
            &[1.0; 4],
            &[1.0; 4],
            share(0.5),
        );
        let r = GrowthAccounting::tornqvist()
            .compute_panel(&[1, 1, 2, 2], &input)
            .unwrap();
        assert_eq!(
            r.period(2000, 2001).unwrap_err().kind(),
            ErrorKind::DuplicateYear
        );
    }

    /// Issue 18 item 7: a range error names the entity, and a face that passed codes can name
    /// it with the caller's label.
    #[test]
    fn range_errors_name_the_entity() {
        let s = [0.5, 0.5, 0.5, 1.5];
        let input = AccountingInput::new(
            &[2000, 2001, 2000, 2001],
            &[1.0; 4],
            &[1.0; 4],
            &[1.0; 4],
            LabourShare::PerRow(&s),
        );
        let e = GrowthAccounting::tornqvist()
            .compute_panel(&[3i64, 3, 8, 8], &input)
            .unwrap_err();
        assert!(e.to_string().contains("(entity `8`)"), "{e}");
        let labels = ["a", "b", "c", "d", "e", "f", "g", "h", "USA"];
        let e = e.rename_entity(|code| code.parse::<usize>().ok().map(|i| labels[i].to_string()));
        assert!(
            e.to_string().contains("(entity `USA`)") && !e.to_string().contains('8'),
            "{e}"
        );
        assert!(matches!(
            e,
            Error::OutOfRange {
                year: Some(2001),
                ..
            }
        ));
        let e = GrowthAccounting::tornqvist()
            .compute_panel(&["x", "x", "b", "b"], &input)
            .unwrap_err();
        assert!(e.to_string().contains("(entity `b`)"), "{e}");
    }

    /// A deterministic scrambled panel: rows of `entities` entities × `years` years.
    fn scrambled_panel(
        entities: u64,
        years: i32,
        seed: u64,
    ) -> (Vec<i64>, Vec<i32>, Vec<[f64; 4]>) {
        let mut rows = Vec::new();
        let mut state = seed | 1;
        let mut noise = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for e in 0..entities {
            // Sparse entity codes, some negative.
            let code = (e as i64 * 7_919 - 40_000) * if e % 3 == 0 { -1 } else { 1 };
            let (mut y, mut k) = (100.0, 300.0);
            for t in 0..years {
                y *= 1.0 + 0.1 * noise() - 0.03;
                k *= 1.0 + 0.05 * noise();
                rows.push((
                    noise(),
                    code,
                    1990 + t,
                    [y, k, 50.0 + noise(), 0.4 + 0.3 * noise()],
                ));
            }
        }
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        (
            rows.iter().map(|r| r.1).collect(),
            rows.iter().map(|r| r.2).collect(),
            rows.iter().map(|r| r.3).collect(),
        )
    }

    /// The radix order gives, bit for bit, what the comparison order (string labels) gives,
    /// and a column selection writes the same bits as the full result.
    #[test]
    fn radix_order_and_selection_match_the_full_computation() {
        let (entity, years, v) = scrambled_panel(300, 12, 42);
        let col = |j: usize| v.iter().map(|r| r[j]).collect::<Vec<f64>>();
        let (y, k, l, s) = (col(0), col(1), col(2), col(3));
        let input = AccountingInput::new(&years, &y, &k, &l, LabourShare::PerRow(&s));
        // Zero-padded strings sort as the integers do (all codes here shifted positive).
        let labels: Vec<String> = entity
            .iter()
            .map(|e| format!("{:012}", e + 1_000_000_000))
            .collect();
        let label_refs: Vec<&str> = labels.iter().map(|s| s.as_str()).collect();
        for opts in [
            GrowthAccounting::tornqvist(),
            GrowthAccounting::tornqvist().base_year(1995),
        ] {
            let by_code = opts.compute_panel(&entity, &input).unwrap();
            let by_label = opts.compute_panel(&label_refs, &input).unwrap();
            for f in Field::ALL {
                let (a, b) = (by_code.values(f), by_label.values(f));
                assert!(
                    a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()),
                    "{f:?}"
                );
            }
            let three: FieldSet = [
                Field::TfpGrowth,
                Field::TfpIndex,
                Field::LabourProductivityGrowth,
            ]
            .into_iter()
            .collect();
            let part = opts.compute_panel_columns(&entity, &input, three).unwrap();
            for f in Field::ALL {
                if three.contains(f) {
                    let (a, b) = (part.values(f), by_code.values(f));
                    assert!(
                        a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()),
                        "{f:?}"
                    );
                    assert_eq!(part.mask(f.mask()), by_code.mask(f.mask()));
                } else {
                    assert!(part.values(f).is_empty(), "{f:?}");
                }
            }
            assert!(part.tfp_share_defined.is_empty());
        }
        // A duplicate (entity, year) is found by the radix order too, naming the entity.
        let mut dup_entity = entity.clone();
        let mut dup_years = years.clone();
        let (i, j) = (5, 900);
        dup_entity[j] = dup_entity[i];
        dup_years[j] = dup_years[i];
        let input = AccountingInput::new(&dup_years, &y, &k, &l, LabourShare::PerRow(&s));
        let e = GrowthAccounting::tornqvist()
            .compute_panel(&dup_entity, &input)
            .unwrap_err();
        assert!(
            matches!(e, Error::DuplicateYear { entity: Some(ref x), year, .. } if *x == entity[i].to_string() && year == years[i]),
            "{e}"
        );
    }

    /// Scrambled rows, computed in input order, give bit for bit what the sorted kernel gives
    /// on the same rows sorted — for both profiles, a base year, missing values under each
    /// lenient policy, gaps, and enough rows for the parallel split; and rows that need a
    /// diagnosis give the sorted kernel's error (the first bad row in (entity, year) order).
    #[test]
    fn input_order_path_matches_the_sorted_kernel() {
        use crate::series::NanPolicy;
        let (entity, years, v) = scrambled_panel(7_000, 12, 7);
        let n = entity.len();
        let col = |j: usize| v.iter().map(|r| r[j]).collect::<Vec<f64>>();
        let (mut y, k, l, s) = (col(0), col(1), col(2), col(3));
        // Every 97th row missing an output value; every 89th row dropped (a gap or a shorter
        // series).
        for (i, value) in y.iter_mut().enumerate() {
            if i % 97 == 3 {
                *value = f64::NAN;
            }
        }
        let keep: Vec<usize> = (0..n).filter(|i| i % 89 != 5).collect();
        let pick = |c: &[f64], rows: &[usize]| rows.iter().map(|&i| c[i]).collect::<Vec<_>>();
        let mut sorted_rows: Vec<usize> = keep.clone();
        sorted_rows.sort_by_key(|&i| (entity[i], years[i]));
        let cases = [
            (GrowthAccounting::tornqvist(), NanPolicy::Omit, true),
            (GrowthAccounting::tornqvist(), NanPolicy::Propagate, true),
            (
                GrowthAccounting::tornqvist().base_year(1996),
                NanPolicy::Omit,
                true,
            ),
            (
                GrowthAccounting::tornqvist().base_year(1996),
                NanPolicy::Propagate,
                true,
            ),
            (GrowthAccounting::gso(), NanPolicy::Omit, false),
            (
                GrowthAccounting::gso().base_year(1993),
                NanPolicy::Propagate,
                false,
            ),
        ];
        for (opts, policy, per_row_share) in cases {
            let opts = opts.nan_policy(policy);
            let run = |rows: &[usize]| {
                let ent: Vec<i64> = rows.iter().map(|&i| entity[i]).collect();
                let yrs: Vec<i32> = rows.iter().map(|&i| years[i]).collect();
                let (yy, kk, ll, ss) = (
                    pick(&y, rows),
                    pick(&k, rows),
                    pick(&l, rows),
                    pick(&s, rows),
                );
                let share_value = if per_row_share {
                    LabourShare::PerRow(&ss)
                } else {
                    share(0.55)
                };
                let input = AccountingInput::new(&yrs, &yy, &kk, &ll, share_value);
                opts.compute_panel(&ent, &input).unwrap()
            };
            let scrambled = run(&keep);
            let sorted = run(&sorted_rows);
            let position: std::collections::HashMap<usize, usize> =
                keep.iter().enumerate().map(|(j, &i)| (i, j)).collect();
            for f in Field::ALL {
                let (a, am) = scrambled.column(f);
                let (b, bm) = sorted.column(f);
                for (j, &i) in sorted_rows.iter().enumerate() {
                    let p = position[&i];
                    assert_eq!(am[p], bm[j], "{f:?} {policy:?} row {i}");
                    assert!(
                        a[p].to_bits() == b[j].to_bits() || (a[p].is_nan() && b[j].is_nan()),
                        "{f:?} {policy:?} row {i}: {} vs {}",
                        a[p],
                        b[j]
                    );
                }
            }
        }
        // Under Raise, the first bad row in (entity, year) order is reported, as for sorted
        // rows: here a gap in the first entity and a missing value in a later one.
        let first = *entity.iter().min().unwrap();
        let last = *entity.iter().max().unwrap();
        let mut y = col(0);
        let bad_value = (0..n)
            .find(|&i| entity[i] == last && years[i] == 1995)
            .unwrap();
        y[bad_value] = f64::NAN;
        let rows: Vec<usize> = (0..n)
            .filter(|&i| !(entity[i] == first && years[i] == 1992))
            .collect();
        let ent: Vec<i64> = rows.iter().map(|&i| entity[i]).collect();
        let yrs: Vec<i32> = rows.iter().map(|&i| years[i]).collect();
        let (yy, kk, ll, ss) = (
            pick(&y, &rows),
            pick(&k, &rows),
            pick(&l, &rows),
            pick(&s, &rows),
        );
        let input = AccountingInput::new(&yrs, &yy, &kk, &ll, LabourShare::PerRow(&ss));
        let e = GrowthAccounting::tornqvist()
            .compute_panel(&ent, &input)
            .unwrap_err();
        assert!(
            matches!(e, Error::MissingYear { entity: Some(ref x), year: 1992, .. } if *x == first.to_string()),
            "{e}"
        );
    }

    /// The reason a TFP share is undefined is kept per row.
    #[test]
    fn undefined_share_reason_per_row() {
        let years = [2000, 2001, 2002, 2003];
        let y = [1.0, 1.1, 1.1, 1.12];
        let k = [1.0, 1.0, 1.0, 1.2];
        let input = AccountingInput::new(&years, &y, &k, &[1.0; 4], share(0.5));
        let r = GrowthAccounting::tornqvist().compute(&input).unwrap();
        assert_eq!(
            r.tfp_share_undefined(0),
            Some(UndefinedShare::MissingGrowth)
        );
        assert_eq!(r.tfp_share_undefined(1), None);
        assert_eq!(
            r.tfp_share_undefined(2),
            Some(UndefinedShare::OutputGrowthNearZero)
        );
        assert_eq!(
            r.tfp_share_undefined(3),
            Some(UndefinedShare::OppositeSigns)
        );
        assert_eq!(r.tfp_share_undefined(4), None);
    }
}
