//! The accounting columns, written once.
//!
//! `accounting_columns!` (crate-private) lists every value column with its stable name, its documentation
//! and the mask that says where it is defined. From that one list come [`Field`] (names,
//! masks, [`Field::ALL`]), the [`Accounting`](super::Accounting) result's columns, the
//! caller-owned [`AccountingBuffers`], the Python face's dict and the C face's outputs (both
//! iterate [`Field::ALL`] and match on [`Field`] exhaustively, so a new column cannot be missed
//! by either). A [`FieldSet`] selects the columns a call computes and writes.

use super::scatter;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// Calls `$m!` with the list of value columns:
/// `field_name Variant "stable name" Mask "documentation";`.
macro_rules! accounting_columns {
    ($m:ident) => {
        $m! {
            output_growth OutputGrowth "output_growth" Growth
                "Output growth (log for Törnqvist, discrete for GSO), a fraction.";
            capital_growth CapitalGrowth "capital_growth" Growth
                "Capital growth.";
            labour_growth LabourGrowth "labour_growth" Growth
                "Labour-quantity growth (persons, or persons × hours).";
            labour_quality_growth LabourQualityGrowth "labour_quality_growth" Growth
                "Labour-quality growth (`Δln hc`; 0 without an index and for GSO).";
            labour_weight LabourWeight "labour_weight" Growth
                "The labour weight used: `s̄_t` (Törnqvist) or `b_L` (GSO).";
            capital_contribution CapitalContribution "capital_contribution" Growth
                "Capital's contribution to output growth.";
            labour_contribution LabourContribution "labour_contribution" Growth
                "Labour quantity's contribution.";
            labour_quality_contribution LabourQualityContribution "labour_quality_contribution" Growth
                "Labour quality's contribution.";
            tfp_growth TfpGrowth "tfp_growth" Growth
                "TFP growth (the residual): the contributions and TFP growth add up to output growth.";
            labour_productivity_growth LabourProductivityGrowth "labour_productivity_growth" Growth
                "Labour-productivity growth: `Δln(Y/H)` (Törnqvist) or `(Y/L)_t/(Y/L)_{t−1} − 1` (GSO).";
            capital_deepening CapitalDeepening "capital_deepening" Growth
                "Capital deepening: `s̄_K Δln(K/H)` (Törnqvist) or `b_K (G_K − G_L)` (GSO).";
            tfp_index TfpIndex "tfp_index" TfpIndex
                "TFP index, 1 in the base year, where the row is chained to the base year.";
            tfp_share TfpShare "tfp_share" TfpShare
                "TFP's share of output growth (a fraction), where defined (METHODS §2).";
        }
    };
}
pub(crate) use accounting_columns;

/// The validity mask a column belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mask {
    /// `growth_defined`: the row has a previous year and every input it needs.
    Growth,
    /// `tfp_index_defined`: the row is chained to the base year.
    TfpIndex,
    /// `tfp_share_defined`: TFP's share is defined (see [`super::UndefinedShare`]).
    TfpShare,
}

impl Mask {
    /// Every mask, in a stable order.
    pub const ALL: [Mask; 3] = [Mask::Growth, Mask::TfpIndex, Mask::TfpShare];

    /// Stable snake-case name (as in the Python and C faces).
    pub fn name(self) -> &'static str {
        match self {
            Mask::Growth => "growth_defined",
            Mask::TfpIndex => "tfp_index_defined",
            Mask::TfpShare => "tfp_share_defined",
        }
    }
}

macro_rules! define_field {
    ($($field:ident $variant:ident $name:literal $mask:ident $doc:literal;)*) => {
        /// A value column of [`Accounting`](super::Accounting), for generic access and for
        /// selecting what a call computes ([`FieldSet`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Field {
            $(#[doc = $doc] $variant,)*
        }

        impl Field {
            /// Every field, in a stable order (the order of the C and Python faces).
            pub const ALL: [Field; Field::COUNT] = [$(Field::$variant,)*];

            /// Stable snake-case column name (as in the Python and C faces).
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name,)*
                }
            }

            /// The mask that says where the column is defined.
            pub fn mask(self) -> Mask {
                match self {
                    $(Field::$variant => Mask::$mask,)*
                }
            }
        }

        /// Caller-owned output columns for
        /// [`GrowthAccounting::compute_panel_into`](super::GrowthAccounting::compute_panel_into).
        ///
        /// A value column is either exactly as long as the input (it is computed and every
        /// cell written) or empty (it is neither computed nor written): the non-empty columns
        /// are the selection. `growth_defined` is always required; `tfp_index_defined` and
        /// `tfp_share_defined` are required when their column is selected. Values are NaN
        /// exactly where the matching mask is `false`. Build with `Default::default()` and
        /// set the fields wanted.
        #[derive(Debug, Default)]
        #[non_exhaustive]
        pub struct AccountingBuffers<'o> {
            /// Whether the growth columns are defined in each row (required).
            pub growth_defined: &'o mut [bool],
            /// Whether the TFP index is defined (required with `tfp_index`).
            pub tfp_index_defined: &'o mut [bool],
            /// Whether TFP's share is defined (required with `tfp_share`).
            pub tfp_share_defined: &'o mut [bool],
            $(#[doc = $doc] pub $field: &'o mut [f64],)*
        }

        impl<'o> AccountingBuffers<'o> {
            /// The value columns' slots in [`Field::ALL`] order, so a face that receives its
            /// caller's arrays by column name fills them without spelling the columns out.
            ///
            /// ```
            /// use nangsuat::accounting::{AccountingBuffers, Field};
            /// let mut tfp = vec![0.0; 3];
            /// let mut b = AccountingBuffers::default();
            /// let i = Field::ALL.iter().position(|f| *f == Field::TfpGrowth).unwrap();
            /// *b.columns_mut()[i] = &mut tfp;
            /// assert_eq!(b.tfp_growth.len(), 3);
            /// ```
            pub fn columns_mut(&mut self) -> [&mut &'o mut [f64]; Field::COUNT] {
                [$(&mut self.$field,)*]
            }

            /// The slot of a validity mask.
            pub fn mask_mut(&mut self, mask: Mask) -> &mut &'o mut [bool] {
                match mask {
                    Mask::Growth => &mut self.growth_defined,
                    Mask::TfpIndex => &mut self.tfp_index_defined,
                    Mask::TfpShare => &mut self.tfp_share_defined,
                }
            }

            pub(super) fn into_view(self, n: usize) -> Result<View<'o>> {
                let f: [&'o mut [f64]; Field::COUNT] = [$(self.$field,)*];
                for (field, col) in Field::ALL.iter().zip(&f) {
                    if !col.is_empty() && col.len() != n {
                        return Err(buffer_length(field.name(), n, col.len()));
                    }
                }
                let selection: FieldSet = Field::ALL
                    .iter()
                    .zip(&f)
                    .filter(|(_, col)| !col.is_empty())
                    .map(|(field, _)| *field)
                    .collect();
                let masks = [
                    (Mask::Growth, self.growth_defined.len(), true),
                    (Mask::TfpIndex, self.tfp_index_defined.len(), selection.contains(Field::TfpIndex)),
                    (Mask::TfpShare, self.tfp_share_defined.len(), selection.contains(Field::TfpShare)),
                ];
                for (mask, len, required) in masks {
                    if (required || len != 0) && len != n {
                        return Err(buffer_length(mask.name(), n, len));
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
    };
}
accounting_columns!(define_field);

impl Field {
    /// The number of value columns.
    pub const COUNT: usize = 13;

    /// The field by its stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the known columns.
    pub fn from_name(name: &str) -> Result<Field> {
        Field::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                Error::invalid_parameter(
                    "columns",
                    format!(
                        "unknown column `{name}`; expected one of {}",
                        known.join(", ")
                    ),
                )
            })
    }
}

fn buffer_length(name: &str, expected: usize, actual: usize) -> Error {
    Error::LengthMismatch {
        series: format!("output buffer `{name}` (give one element per row, or none)"),
        expected,
        actual,
    }
}

/// A selection of [`Field`]s: what a call computes and writes (a bit mask, bit `i` for
/// `Field::ALL[i]`, as in the C face).
///
/// ```
/// use nangsuat::accounting::{Field, FieldSet};
/// let s: FieldSet = [Field::TfpGrowth, Field::TfpIndex].into_iter().collect();
/// assert!(s.contains(Field::TfpIndex) && !s.contains(Field::TfpShare));
/// assert_eq!(FieldSet::from_names(["tfp_growth", "tfp_index"])?, s);
/// assert_eq!(FieldSet::from_bits(s.bits())?, s);
/// # Ok::<(), nangsuat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldSet(u32);

impl FieldSet {
    /// Every column (the default).
    pub const ALL: FieldSet = FieldSet((1 << Field::COUNT) - 1);

    /// No column (only `growth_defined` is written).
    pub const fn empty() -> FieldSet {
        FieldSet(0)
    }

    /// The selection with `field` added.
    pub const fn with(self, field: Field) -> FieldSet {
        FieldSet(self.0 | 1 << field as u32)
    }

    /// Whether `field` is selected.
    pub const fn contains(self, field: Field) -> bool {
        self.0 & (1 << field as u32) != 0
    }

    /// The bit mask (bit `i` is `Field::ALL[i]`).
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// The selection of a bit mask.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a bit beyond the last column.
    pub fn from_bits(bits: u32) -> Result<FieldSet> {
        if bits & !Self::ALL.0 != 0 {
            return Err(Error::invalid_parameter(
                "columns",
                format!(
                    "mask {bits:#x} has bits beyond the {} columns (expected at most {:#x})",
                    Field::COUNT,
                    Self::ALL.0
                ),
            ));
        }
        Ok(FieldSet(bits))
    }

    /// The selection of columns by their stable names.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown name.
    pub fn from_names<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Result<FieldSet> {
        names.into_iter().try_fold(FieldSet::empty(), |set, name| {
            Ok(set.with(Field::from_name(name.as_ref())?))
        })
    }

    /// The selected fields, in [`Field::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl Default for FieldSet {
    fn default() -> Self {
        FieldSet::ALL
    }
}

impl FromIterator<Field> for FieldSet {
    fn from_iter<I: IntoIterator<Item = Field>>(iter: I) -> Self {
        iter.into_iter().fold(FieldSet::empty(), FieldSet::with)
    }
}

/// Owned output columns (unselected ones empty).
pub(super) struct Columns {
    pub(super) growth_defined: Vec<bool>,
    pub(super) f: [Vec<f64>; Field::COUNT],
    pub(super) index_defined: Vec<bool>,
    pub(super) share_defined: Vec<bool>,
}

impl Columns {
    pub(super) fn new(n: usize, selection: FieldSet) -> Self {
        let len = |on: bool| if on { n } else { 0 };
        Columns {
            growth_defined: vec![false; n],
            // Zeroed allocations come from untouched pages; the kernel writes every cell.
            f: std::array::from_fn(|j| vec![0.0; len(selection.contains(Field::ALL[j]))]),
            index_defined: vec![false; len(selection.contains(Field::TfpIndex))],
            share_defined: vec![false; len(selection.contains(Field::TfpShare))],
        }
    }

    pub(super) fn view(&mut self) -> View<'_> {
        let mut it = self.f.iter_mut();
        View {
            growth_defined: &mut self.growth_defined,
            f: std::array::from_fn(|_| it.next().map(|v| v.as_mut_slice()).unwrap_or_default()),
            index_defined: &mut self.index_defined,
            share_defined: &mut self.share_defined,
        }
    }
}

/// Mutable view of output columns for a contiguous range of rows; an unselected column is an
/// empty slice (writes to it are skipped by [`put`]).
pub(super) struct View<'o> {
    pub(super) growth_defined: &'o mut [bool],
    pub(super) f: [&'o mut [f64]; Field::COUNT],
    pub(super) index_defined: &'o mut [bool],
    pub(super) share_defined: &'o mut [bool],
}

/// Writes `v` to row `i` of a selected column; an unselected (empty) column is skipped.
#[inline(always)]
pub(super) fn put<T>(col: &mut [T], i: usize, v: T) {
    if let Some(c) = col.get_mut(i) {
        *c = v;
    }
}

impl<'o> View<'o> {
    /// Writes row `k` of `sorted` to row `order[k]` of `self` (one column at a time, in
    /// parallel over columns with the `rayon` feature).
    pub(super) fn scatter_from(self, sorted: &Columns, order: &[u32]) {
        let View {
            growth_defined,
            f,
            index_defined,
            share_defined,
        } = self;
        let mut masks = [
            (growth_defined, &sorted.growth_defined),
            (index_defined, &sorted.index_defined),
            (share_defined, &sorted.share_defined),
        ];
        let mut values: Vec<(&mut [f64], &Vec<f64>)> = f.into_iter().zip(&sorted.f).collect();
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            rayon::join(
                || {
                    values
                        .par_iter_mut()
                        .for_each(|(d, s)| scatter(d, s, order))
                },
                || masks.par_iter_mut().for_each(|(d, s)| scatter(d, s, order)),
            );
        }
        #[cfg(not(feature = "rayon"))]
        {
            for (d, s) in values.iter_mut() {
                scatter(d, s, order);
            }
            for (d, s) in masks.iter_mut() {
                scatter(d, s, order);
            }
        }
    }

    /// The same columns, borrowed for a shorter time.
    pub(super) fn reborrow(&mut self) -> View<'_> {
        let mut it = self.f.iter_mut();
        View {
            growth_defined: self.growth_defined,
            f: std::array::from_fn(|_| it.next().map(|c| &mut **c).unwrap_or_default()),
            index_defined: self.index_defined,
            share_defined: self.share_defined,
        }
    }

    #[cfg(feature = "rayon")]
    pub(super) fn split_at(self, mid: usize) -> (View<'o>, View<'o>) {
        fn split<T>(s: &mut [T], mid: usize) -> (&mut [T], &mut [T]) {
            if s.is_empty() {
                (&mut [], &mut [])
            } else {
                s.split_at_mut(mid)
            }
        }
        let (g0, g1) = split(self.growth_defined, mid);
        let (i0, i1) = split(self.index_defined, mid);
        let (s0, s1) = split(self.share_defined, mid);
        let mut left: [&'o mut [f64]; Field::COUNT] = Default::default();
        let mut right: [&'o mut [f64]; Field::COUNT] = Default::default();
        for (j, col) in self.f.into_iter().enumerate() {
            let (a, b) = split(col, mid);
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
