//! Where labour-productivity growth comes from: growth within sectors (or provinces) or
//! workers moving between them (METHODS §5).
//!
//! **Shift-share** (Fabricant 1942; Timmer & Szirmai 2000; de Vries, Timmer & de Vries 2015).
//! Aggregate labour productivity `P = Σ P_i S_i`, with `P_i = Y_i/L_i` and employment shares
//! `S_i = L_i/L`. From period 0 to T:
//! within `Σ(P_i^T − P_i^0)S_i^0` + static shift `Σ(S_i^T − S_i^0)P_i^0` + dynamic shift
//! `Σ(P_i^T − P_i^0)(S_i^T − S_i^0)` = `P^T − P^0` exactly; divided by `P^0` they are
//! contributions to growth. The same decomposition across provinces says which provinces pulled
//! the national figure.
//!
//! **Product taxes.** Viet Nam's national LP uses GDP, which includes net taxes on products;
//! sectors use gross value added. With `τ = T/GDP`, `P = Σ P_i S_i/(1 − τ)`; the decomposition
//! then scales the sector terms by `1/(1 − τ^0)` and adds a tax term
//! `G^T (1/(1 − τ^T) − 1/(1 − τ^0))` with `G = Σ P_i S_i`.
//!
//! **Additivity.** Shift-share needs volumes that add up (fixed-base prices).
//! [`check_additivity`] refuses chain-linked volumes whose sectors do not sum to the aggregate;
//! use [`gead`] then — the generalized exactly additive decomposition (Tang & Wang 2004; Diewert
//! 2015): with relative prices `p_i = P_i/P` (sector deflator over aggregate deflator),
//! `X = Y/L = Σ p_i X_i S_i` holds exactly, and
//! `X^T − X^0 = Σ p_i^0 S_i^0 (X_i^T − X_i^0)` (within) `+ Σ X_i^T (p_i^T S_i^T − p_i^0 S_i^0)`
//! (reallocation of labour and relative prices).
//!
//! **Domar aggregation** (Domar 1961; Hulten 1978): aggregate TFP growth is the sum of sector
//! TFP growth weighted by sector gross output over aggregate value added (weights above 1 in
//! total), averaged over the two periods.

use crate::error::{Error, Result};
use crate::summation;
use serde::{Deserialize, Serialize};

/// One unit's terms (a sector or a province), in levels (output per worker).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnitTerms {
    /// Within-unit productivity change weighted by the base share.
    pub within: f64,
    /// Change of the unit's employment share valued at base productivity.
    pub static_shift: f64,
    /// Interaction of productivity and share changes.
    pub dynamic_shift: f64,
}

impl UnitTerms {
    /// The unit's total contribution to the aggregate change.
    pub fn total(&self) -> f64 {
        self.within + self.static_shift + self.dynamic_shift
    }
}

/// A shift-share decomposition between two periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShiftShare {
    /// Aggregate LP in the base period.
    pub base_level: f64,
    /// Aggregate LP in the end period.
    pub end_level: f64,
    /// Σ within terms (levels; scaled by 1/(1 − τ⁰) when taxes are given).
    pub within: f64,
    /// Σ static shift terms.
    pub static_shift: f64,
    /// Σ dynamic shift terms.
    pub dynamic_shift: f64,
    /// Product-tax term (0 without taxes).
    pub tax: f64,
    /// Unit by unit (before the tax scaling).
    pub units: Vec<UnitTerms>,
}

impl ShiftShare {
    /// `P^T − P^0`, the sum of the terms.
    pub fn change(&self) -> f64 {
        self.end_level - self.base_level
    }

    /// The terms as contributions to growth (÷ P⁰): (within, static, dynamic, tax).
    pub fn contributions(&self) -> (f64, f64, f64, f64) {
        let p = self.base_level;
        (
            self.within / p,
            self.static_shift / p,
            self.dynamic_shift / p,
            self.tax / p,
        )
    }
}

/// A positive finite number, or an error naming it.
fn positive(name: &str, v: f64) -> Result<()> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            name: name.into(),
            year: None,
            value: v,
            expected: "a positive finite number".into(),
        })
    }
}

fn check_columns(named: &[(&str, &[f64])]) -> Result<usize> {
    let n = named[0].1.len();
    if n == 0 {
        return Err(Error::Empty {
            series: named[0].0.into(),
            needed: 1,
        });
    }
    for (name, col) in named {
        if col.len() != n {
            return Err(Error::LengthMismatch {
                series: (*name).into(),
                expected: n,
                actual: col.len(),
            });
        }
        // Scan without allocating; name the offending element only on failure.
        if let Some((i, v)) = col
            .iter()
            .enumerate()
            .find(|(_, v)| !(v.is_finite() && **v > 0.0))
        {
            positive(&format!("{name}[{i}]"), *v)?;
        }
    }
    Ok(n)
}

/// Shift-share decomposition of aggregate LP between period 0 and T over units (sectors or
/// provinces) with output `y` and employment `l`, aligned by unit.
///
/// # Errors
/// [`Error::LengthMismatch`], [`Error::Empty`], or [`Error::OutOfRange`] for a non-positive or
/// non-finite value (naming the column and the unit's position) or a term beyond the range of
/// an `f64` (naming the term and the unit).
///
/// # Examples
/// The worked check of METHODS §5:
/// ```
/// use nangsuat::structure::shift_share::shift_share;
/// let (p0, pt) = ([1.0, 4.0, 3.0], [1.2, 4.4, 3.3]);
/// let (l0, lt) = ([60.0, 20.0, 20.0], [50.0, 25.0, 25.0]);
/// let y0: Vec<f64> = p0.iter().zip(&l0).map(|(p, l)| p * l).collect();
/// let yt: Vec<f64> = pt.iter().zip(&lt).map(|(p, l)| p * l).collect();
/// let s = shift_share(&y0, &l0, &yt, &lt)?;
/// assert!((s.within - 0.26).abs() < 1e-12);
/// assert!((s.static_shift - 0.25).abs() < 1e-12);
/// assert!((s.dynamic_shift - 0.015).abs() < 1e-12);
/// assert!((s.change() - 0.525).abs() < 1e-12);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn shift_share(y0: &[f64], l0: &[f64], yt: &[f64], lt: &[f64]) -> Result<ShiftShare> {
    check_columns(&[("y0", y0), ("l0", l0), ("yt", yt), ("lt", lt)])?;
    // Compensated sums: the components can be large and of opposite signs.
    let total = |v: &[f64]| summation::sum(v.iter().copied());
    let (sum_l0, sum_lt) = (total(l0), total(lt));
    let units: Vec<UnitTerms> = (0..y0.len())
        .map(|i| {
            let (p0, pt) = (y0[i] / l0[i], yt[i] / lt[i]);
            let (s0, st) = (l0[i] / sum_l0, lt[i] / sum_lt);
            UnitTerms {
                within: (pt - p0) * s0,
                static_shift: (st - s0) * p0,
                dynamic_shift: (pt - p0) * (st - s0),
            }
        })
        .collect();
    let sum = |f: fn(&UnitTerms) -> f64| summation::sum(units.iter().map(f));
    ShiftShare {
        base_level: total(y0) / sum_l0,
        end_level: total(yt) / sum_lt,
        within: sum(|u| u.within),
        static_shift: sum(|u| u.static_shift),
        dynamic_shift: sum(|u| u.dynamic_shift),
        tax: 0.0,
        units,
    }
    .finite()
}

/// The first of `terms` (name, value) that is not a finite number, as an
/// [`Error::OutOfRange`] saying what was `expected`.
fn first_non_finite(terms: impl IntoIterator<Item = (String, f64)>, expected: &str) -> Result<()> {
    match terms.into_iter().find(|(_, v)| !v.is_finite()) {
        None => Ok(()),
        Some((name, value)) => Err(Error::OutOfRange {
            name,
            year: None,
            value,
            expected: expected.into(),
        }),
    }
}

impl ShiftShare {
    /// The decomposition, or [`Error::OutOfRange`] naming the first term that is not a finite
    /// number: finite positive data whose output per worker (or its products with the shares)
    /// goes beyond the range of an `f64` (found by the C-boundary fuzz target: the terms were
    /// NaN with a success status).
    fn finite(self) -> Result<ShiftShare> {
        let base = self.base_level;
        let units = self.units.iter().enumerate().flat_map(|(i, u)| {
            [
                ("within", u.within),
                ("static_shift", u.static_shift),
                ("dynamic_shift", u.dynamic_shift),
            ]
            .map(|(term, v)| {
                [
                    (format!("{term}[{i}]"), v),
                    (format!("{term}[{i}] / base_level"), v / base),
                ]
            })
        });
        let totals = [
            ("within", self.within),
            ("static_shift", self.static_shift),
            ("dynamic_shift", self.dynamic_shift),
            ("tax", self.tax),
        ]
        .map(|(term, v)| {
            [
                (term.to_string(), v),
                (format!("{term} / base_level"), v / base),
            ]
        });
        // Beside the terms, what readers are shown: the change, the growth and each term as a
        // contribution to growth (÷ base level). A hostile-input probe found a growth of +∞
        // from finite levels (a base level of 1e-306).
        let levels = [
            ("base_level".to_string(), base),
            ("end_level".to_string(), self.end_level),
            ("change".to_string(), self.end_level - base),
            ("growth".to_string(), self.end_level / base - 1.0),
        ];
        first_non_finite(
            // Unit by unit first: a term that does not fit is named where it arises.
            units
                .flatten()
                .chain(totals.into_iter().flatten())
                .chain(levels),
            "a finite term: output per worker (y / l) and its changes must stay within the range \
             of a 64-bit float; rescale output or employment",
        )?;
        Ok(self)
    }
}

/// [`shift_share`] of GDP-based productivity when sectors are measured in value added: `taxes0`
/// and `taxes_t` are net taxes on products (same units as output).
///
/// # Errors
/// As [`shift_share`]; [`Error::OutOfRange`] for taxes that are not finite or not below GDP.
pub fn shift_share_with_taxes(
    y0: &[f64],
    l0: &[f64],
    yt: &[f64],
    lt: &[f64],
    taxes0: f64,
    taxes_t: f64,
) -> Result<ShiftShare> {
    let mut s = shift_share(y0, l0, yt, lt)?;
    let tau = |t: f64, y: &[f64], name: &str| {
        let gva: f64 = y.iter().sum();
        let tau = t / (gva + t);
        if t.is_finite() && tau < 1.0 && gva + t > 0.0 {
            Ok(tau)
        } else {
            Err(Error::OutOfRange {
                name: name.into(),
                year: None,
                value: t,
                expected: "finite net product taxes with GDP = GVA + taxes > 0".into(),
            })
        }
    };
    let (tau0, tau_t) = (tau(taxes0, y0, "taxes0")?, tau(taxes_t, yt, "taxes_t")?);
    let (g0, gt) = (s.base_level, s.end_level);
    let k0 = 1.0 / (1.0 - tau0);
    s.within *= k0;
    s.static_shift *= k0;
    s.dynamic_shift *= k0;
    s.tax = gt * (1.0 / (1.0 - tau_t) - k0);
    s.base_level = g0 * k0;
    s.end_level = gt / (1.0 - tau_t);
    s.finite()
}

/// Year-by-year (chained) shift-share: `output[t][i]` and `labour[t][i]` for periods `t` and
/// units `i`; one decomposition per pair of adjacent periods.
///
/// # Errors
/// As [`shift_share`] for each pair; [`Error::LengthMismatch`] if the two panels differ.
pub fn shift_share_by_period(output: &[Vec<f64>], labour: &[Vec<f64>]) -> Result<Vec<ShiftShare>> {
    if output.is_empty() {
        return Err(Error::Empty {
            series: "output (periods)".into(),
            needed: 1,
        });
    }
    if output.len() != labour.len() {
        return Err(Error::LengthMismatch {
            series: "labour (periods)".into(),
            expected: output.len(),
            actual: labour.len(),
        });
    }
    (1..output.len())
        .map(|t| shift_share(&output[t - 1], &labour[t - 1], &output[t], &labour[t]))
        .collect()
}

/// One year-pair of [`regions_to_nation`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegionalChange<R> {
    /// Base year.
    pub from: i32,
    /// End year.
    pub to: i32,
    /// Regions, in order.
    pub regions: Vec<R>,
    /// National output (sum of regions) in each year.
    pub output: (f64, f64),
    /// National employment in each year.
    pub labour: (f64, f64),
    /// Each region's output in each year, in `regions` order.
    pub region_output: Vec<(f64, f64)>,
    /// The decomposition across regions; `units[k]` belongs to `regions[k]`.
    pub decomposition: ShiftShare,
}

impl<R> RegionalChange<R> {
    /// Each region's contribution to the national LP level in each year, `P_i S_i = Y_i/L`
    /// (they sum to national output per worker).
    pub fn level_contributions(&self) -> Vec<(f64, f64)> {
        self.region_output
            .iter()
            .map(|(y0, yt)| (y0 / self.labour.0, yt / self.labour.1))
            .collect()
    }

    /// Each region's contribution to national LP growth (a fraction): its terms ÷ P⁰.
    pub fn contributions(&self) -> Vec<f64> {
        let p0 = self.decomposition.base_level;
        self.decomposition
            .units
            .iter()
            .map(|u| u.total() / p0)
            .collect()
    }
}

/// Aggregates provincial rows (any number of sector rows per region and year, in any order) to
/// national output and employment, and decomposes national LP change across regions for each
/// pair of adjacent years present for every region.
///
/// # Errors
/// [`Error::LengthMismatch`] for misaligned columns; [`Error::OutOfRange`] for a negative or
/// non-finite value; [`Error::MissingYear`] when a region lacks a year others have (the
/// national total would silently change its coverage).
pub fn regions_to_nation<R>(
    region: &[R],
    year: &[i32],
    output: &[f64],
    labour: &[f64],
) -> Result<Vec<RegionalChange<R>>>
where
    R: Ord + Clone + std::fmt::Display,
{
    use std::collections::{BTreeMap, BTreeSet};
    let n = region.len();
    if n == 0 {
        return Err(Error::Empty {
            series: "region".into(),
            needed: 1,
        });
    }
    for (name, len) in [
        ("year", year.len()),
        ("output", output.len()),
        ("labour", labour.len()),
    ] {
        if len != n {
            return Err(Error::LengthMismatch {
                series: name.into(),
                expected: n,
                actual: len,
            });
        }
    }
    let mut totals: BTreeMap<(&R, i32), (f64, f64)> = BTreeMap::new();
    for i in 0..n {
        for (name, v) in [("output", output[i]), ("labour", labour[i])] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(Error::OutOfRange {
                    name: format!("{name} of `{}`", region[i]),
                    year: Some(year[i]),
                    value: v,
                    expected: "a finite number ≥ 0".into(),
                });
            }
        }
        let e = totals.entry((&region[i], year[i])).or_insert((0.0, 0.0));
        e.0 += output[i];
        e.1 += labour[i];
    }
    let regions: BTreeSet<&R> = totals.keys().map(|k| k.0).collect();
    let years: BTreeSet<i32> = totals.keys().map(|k| k.1).collect();
    for r in &regions {
        if let Some(y) = years.iter().find(|y| !totals.contains_key(&(*r, **y))) {
            return Err(Error::MissingYear {
                series: "regional rows".into(),
                entity: Some(r.to_string()),
                year: *y,
            });
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let column = |y: i32, k: usize| -> Vec<f64> {
        regions
            .iter()
            .map(|r| {
                let t = totals[&(*r, y)];
                if k == 0 { t.0 } else { t.1 }
            })
            .collect()
    };
    years
        .windows(2)
        .map(|w| {
            let (y0, l0, yt, lt) = (
                column(w[0], 0),
                column(w[0], 1),
                column(w[1], 0),
                column(w[1], 1),
            );
            Ok(RegionalChange {
                from: w[0],
                to: w[1],
                regions: regions.iter().map(|r| (*r).clone()).collect(),
                output: (y0.iter().sum(), yt.iter().sum()),
                labour: (l0.iter().sum(), lt.iter().sum()),
                region_output: y0.iter().copied().zip(yt.iter().copied()).collect(),
                decomposition: shift_share(&y0, &l0, &yt, &lt)?,
            })
        })
        .collect()
}

/// Checks that sector volumes add up to the aggregate within a relative tolerance.
///
/// # Errors
/// [`Error::InvalidParameter`] naming the gap when they do not: chain-linked volumes are not
/// additive, and shift-share on them is wrong; use [`gead`].
pub fn check_additivity(aggregate: f64, sectors: &[f64], relative_tolerance: f64) -> Result<()> {
    let sum: f64 = sectors.iter().sum();
    let gap = (sum - aggregate) / aggregate;
    if gap.abs() <= relative_tolerance {
        Ok(())
    } else {
        Err(Error::invalid_parameter(
            "sector volumes",
            format!(
                "they sum to {sum}, not the aggregate {aggregate} ({:+.3} %): volumes are not \
                 additive (chain-linked?); use the GEAD decomposition (shift_share::gead)",
                100.0 * gap
            ),
        ))
    }
}

/// The GEAD decomposition of aggregate LP change for chain-linked volumes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Gead {
    /// Aggregate real output per worker, base period.
    pub base_level: f64,
    /// Aggregate real output per worker, end period.
    pub end_level: f64,
    /// Σ `p_i^0 S_i^0 (X_i^T − X_i^0)`.
    pub within: f64,
    /// Σ `X_i^T (p_i^T S_i^T − p_i^0 S_i^0)`.
    pub reallocation: f64,
    /// Unit by unit: (within, reallocation).
    pub units: Vec<(f64, f64)>,
}

/// Inputs of one period for [`gead`], aligned by sector.
#[derive(Debug, Clone, Copy)]
pub struct GeadPeriod<'a> {
    /// Sector output at current prices.
    pub nominal: &'a [f64],
    /// Sector output in chained volumes.
    pub real: &'a [f64],
    /// Sector employment.
    pub labour: &'a [f64],
    /// Aggregate output in chained volumes (not the sum of `real`).
    pub aggregate_real: f64,
}

/// GEAD (Tang & Wang 2004; Diewert 2015) between two periods.
///
/// # Errors
/// As [`shift_share`] for the columns; [`Error::OutOfRange`] for a non-positive aggregate, and
/// for a term that does not fit in a double (data hundreds of orders of magnitude apart).
pub fn gead(base: GeadPeriod<'_>, end: GeadPeriod<'_>) -> Result<Gead> {
    let n = check_columns(&[
        ("nominal0", base.nominal),
        ("real0", base.real),
        ("labour0", base.labour),
        ("nominal_t", end.nominal),
        ("real_t", end.real),
        ("labour_t", end.labour),
    ])?;
    positive("aggregate_real0", base.aggregate_real)?;
    positive("aggregate_real_t", end.aggregate_real)?;
    // Relative prices p_i = P_i / P with P = nominal total / aggregate real.
    let parts = |p: &GeadPeriod<'_>| {
        let agg_deflator = p.nominal.iter().sum::<f64>() / p.aggregate_real;
        let l: f64 = p.labour.iter().sum();
        (0..n)
            .map(|i| {
                let rel_price = (p.nominal[i] / p.real[i]) / agg_deflator;
                (rel_price, p.labour[i] / l, p.real[i] / p.labour[i])
            })
            .collect::<Vec<_>>()
    };
    let (a, b) = (parts(&base), parts(&end));
    let units: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let ((p0, s0, x0), (pt, st, xt)) = (a[i], b[i]);
            (p0 * s0 * (xt - x0), xt * (pt * st - p0 * s0))
        })
        .collect();
    Gead {
        base_level: base.aggregate_real / base.labour.iter().sum::<f64>(),
        end_level: end.aggregate_real / end.labour.iter().sum::<f64>(),
        within: units.iter().map(|u| u.0).sum(),
        reallocation: units.iter().map(|u| u.1).sum(),
        units,
    }
    .finite()
}

impl Gead {
    /// The decomposition, or [`Error::OutOfRange`] naming the first term that is not a finite
    /// number (found by a hostile-input probe: finite positive data, nominal output 1.7e308
    /// and employment 1e-300, gave a reallocation term of +∞ as a value).
    fn finite(self) -> Result<Gead> {
        let units = self
            .units
            .iter()
            .enumerate()
            .flat_map(|(i, &(within, reallocation))| {
                [
                    (format!("within[{i}]"), within),
                    (format!("reallocation[{i}]"), reallocation),
                ]
            });
        let totals = [
            ("base_level", self.base_level),
            ("end_level", self.end_level),
            ("within", self.within),
            ("reallocation", self.reallocation),
        ]
        .map(|(term, v)| (term.to_string(), v));
        first_non_finite(
            totals.into_iter().chain(units),
            "a finite term: relative prices, output per worker and their changes must stay \
             within the range of a 64-bit float; rescale output or employment",
        )?;
        Ok(self)
    }
}

/// Aggregate TFP growth from sector TFP growth by Domar weights: `Σ w̄_i g_i` with
/// `w_i = gross output_i / aggregate value added` (nominal), averaged over the two periods.
///
/// # Errors
/// [`Error::LengthMismatch`] for misaligned columns; [`Error::OutOfRange`] for non-positive
/// outputs or value added.
pub fn domar_aggregate(
    sector_tfp_growth: &[f64],
    gross_output0: &[f64],
    gross_output_t: &[f64],
    value_added0: f64,
    value_added_t: f64,
) -> Result<f64> {
    check_columns(&[
        ("gross_output0", gross_output0),
        ("gross_output_t", gross_output_t),
    ])?;
    if sector_tfp_growth.len() != gross_output0.len() {
        return Err(Error::LengthMismatch {
            series: "sector_tfp_growth".into(),
            expected: gross_output0.len(),
            actual: sector_tfp_growth.len(),
        });
    }
    positive("value_added0", value_added0)?;
    positive("value_added_t", value_added_t)?;
    if let Some((i, &g)) = sector_tfp_growth
        .iter()
        .enumerate()
        .find(|(_, g)| !g.is_finite())
    {
        return Err(Error::OutOfRange {
            name: format!("sector_tfp_growth[{i}]"),
            year: None,
            value: g,
            expected: "a finite growth rate".into(),
        });
    }
    let total: f64 = (0..gross_output0.len())
        .map(|i| {
            let w = 0.5 * (gross_output0[i] / value_added0 + gross_output_t[i] / value_added_t);
            w * sector_tfp_growth[i]
        })
        .sum();
    if !total.is_finite() {
        return Err(Error::OutOfRange {
            name: "aggregate TFP growth".into(),
            year: None,
            value: total,
            expected: "a finite number: the Domar weights (gross output / value added) times \
                 the growth rates go beyond the range of a 64-bit float"
                .into(),
        });
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domar_needs_finite_growth_and_gives_a_finite_aggregate() {
        let e = domar_aggregate(&[f64::NAN], &[1.0], &[1.0], 1.0, 1.0).unwrap_err();
        assert!(e.to_string().contains("sector_tfp_growth[0]"), "{e}");
        let e = domar_aggregate(&[1e300], &[1e300], &[1e300], 1e-300, 1e-300).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange, "{e}");
    }

    #[test]
    fn terms_beyond_f64_are_an_error_not_nan() {
        // Found by the C-boundary fuzz target: finite positive data whose output per worker
        // overflows gave NaN terms with a success status.
        let e =
            shift_share(&[1e300, 1.0], &[1e-300, 1.0], &[1e300, 1.0], &[1e-10, 1.0]).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange, "{e}");
        assert!(e.to_string().contains("[0]"), "{e}");
    }

    fn levels(p: &[f64], l: &[f64]) -> Vec<f64> {
        p.iter().zip(l).map(|(p, l)| p * l).collect()
    }

    #[test]
    fn worked_example_and_contributions() {
        let (l0, lt) = ([60.0, 20.0, 20.0], [50.0, 25.0, 25.0]);
        let s = shift_share(
            &levels(&[1.0, 4.0, 3.0], &l0),
            &l0,
            &levels(&[1.2, 4.4, 3.3], &lt),
            &lt,
        )
        .unwrap();
        assert!((s.base_level - 2.0).abs() < 1e-15);
        assert!((s.end_level - 2.525).abs() < 1e-15);
        let (w, st, d, t) = s.contributions();
        assert!(
            (w - 0.13).abs() < 1e-12 && (st - 0.125).abs() < 1e-12 && (d - 0.0075).abs() < 1e-12
        );
        assert_eq!(t, 0.0);
        let total: f64 = s.units.iter().map(UnitTerms::total).sum();
        assert!((total - s.change()).abs() < 1e-14);
    }

    #[test]
    fn taxes_add_an_exact_term() {
        let (l0, lt) = ([60.0, 20.0, 20.0], [50.0, 25.0, 25.0]);
        let (y0, yt) = (levels(&[1.0, 4.0, 3.0], &l0), levels(&[1.2, 4.4, 3.3], &lt));
        let s = shift_share_with_taxes(&y0, &l0, &yt, &lt, 20.0, 30.0).unwrap();
        // GDP per worker: (200 + 20)/100 = 2.2 and (252.5 + 30)/100 = 2.825
        assert!((s.base_level - 2.2).abs() < 1e-12 && (s.end_level - 2.825).abs() < 1e-12);
        let sum = s.within + s.static_shift + s.dynamic_shift + s.tax;
        assert!((sum - s.change()).abs() < 1e-12);
        assert!(s.tax > 0.0);
        assert!(shift_share_with_taxes(&y0, &l0, &yt, &lt, f64::NAN, 0.0).is_err());
    }

    /// Found by a hostile-input probe: finite levels whose growth overflows (a base level of
    /// about 1e-306) gave a growth of +∞ with no error.
    #[test]
    fn shift_share_growth_that_does_not_fit_is_an_error() {
        let e = shift_share(
            &[153.3, 350.7, 1e-308],
            &[53.9, 1.7e308, 345.7],
            &[2.18, 4.2, 1e300],
            &[568.1, 356.0, 179.4],
        )
        .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange);
        assert!(e.to_string().contains("a finite term"), "{e}");
    }

    /// Found by a hostile-input probe: finite positive data whose terms overflow gave a
    /// reallocation of +∞ with no error.
    #[test]
    fn gead_terms_that_do_not_fit_are_errors() {
        let e = gead(
            GeadPeriod {
                nominal: &[1.7e308, 7.0],
                real: &[1.7e308, 1e100],
                labour: &[167.7, 78.1],
                aggregate_real: 2.65,
            },
            GeadPeriod {
                nominal: &[376.4, 95.4],
                real: &[1e100, 1.6],
                labour: &[1e-300, 1e-300],
                aggregate_real: 3.85,
            },
        )
        .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange);
        assert!(e.to_string().contains("a finite term"), "{e}");
    }

    #[test]
    fn additivity_and_gead() {
        assert!(check_additivity(100.0, &[60.0, 40.0], 1e-9).is_ok());
        let e = check_additivity(100.0, &[60.0, 45.0], 1e-3).unwrap_err();
        assert!(
            e.to_string().contains("GEAD") && e.to_string().contains("+5.000 %"),
            "{e}"
        );
        // With fixed-base (additive) volumes, relative prices are 1 and GEAD's within term is
        // the shift-share within term; the rest is the two shift terms.
        let (l0, lt) = ([60.0, 20.0, 20.0], [50.0, 25.0, 25.0]);
        let (y0, yt) = (levels(&[1.0, 4.0, 3.0], &l0), levels(&[1.2, 4.4, 3.3], &lt));
        let g = gead(
            GeadPeriod {
                nominal: &y0,
                real: &y0,
                labour: &l0,
                aggregate_real: y0.iter().sum(),
            },
            GeadPeriod {
                nominal: &yt,
                real: &yt,
                labour: &lt,
                aggregate_real: yt.iter().sum(),
            },
        )
        .unwrap();
        let s = shift_share(&y0, &l0, &yt, &lt).unwrap();
        assert!((g.within - s.within).abs() < 1e-12);
        assert!((g.reallocation - (s.static_shift + s.dynamic_shift)).abs() < 1e-12);
        // Chain-linked volumes: the two GEAD terms still sum exactly to the aggregate change.
        let real_t = [55.0, 120.0, 80.0]; // sums to 255, aggregate chained volume 250
        let g = gead(
            GeadPeriod {
                nominal: &y0,
                real: &y0,
                labour: &l0,
                aggregate_real: 200.0,
            },
            GeadPeriod {
                nominal: &[66.0, 110.0, 90.0],
                real: &real_t,
                labour: &lt,
                aggregate_real: 250.0,
            },
        )
        .unwrap();
        assert!((g.within + g.reallocation - (g.end_level - g.base_level)).abs() < 1e-12);
    }

    #[test]
    fn domar_weights_sum_above_one() {
        // two sectors, gross output 150 and 100 against value added 100: weights 1.5 and 1.0
        let g = domar_aggregate(
            &[0.01, 0.02],
            &[150.0, 100.0],
            &[150.0, 100.0],
            100.0,
            100.0,
        )
        .unwrap();
        assert!((g - (1.5 * 0.01 + 1.0 * 0.02)).abs() < 1e-15);
        assert!(domar_aggregate(&[0.01], &[1.0, 2.0], &[1.0, 2.0], 1.0, 1.0).is_err());
    }

    #[test]
    fn regions_to_nation_sums_sectors_and_decomposes() {
        // Two provinces with two sectors each, rows in any order, three years.
        let region = ["b", "a", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b"];
        let year = [
            2020, 2020, 2020, 2020, 2021, 2021, 2021, 2021, 2022, 2022, 2022, 2022,
        ];
        let output = [
            30.0, 10.0, 20.0, 10.0, 35.0, 42.0, 1.0, 0.0, 40.0, 50.0, 0.0, 0.0,
        ];
        let labour = [
            10.0, 5.0, 5.0, 10.0, 11.0, 19.0, 1.0, 0.0, 12.0, 20.0, 0.0, 0.0,
        ];
        let changes = regions_to_nation(&region, &year, &output, &labour).unwrap();
        assert_eq!(changes.len(), 2);
        let c = &changes[0];
        assert_eq!(c.regions, vec!["a", "b"]);
        assert_eq!(c.output, (70.0, 78.0));
        assert_eq!(c.labour, (30.0, 31.0));
        let levels = c.level_contributions();
        assert!((levels.iter().map(|l| l.0).sum::<f64>() - 70.0 / 30.0).abs() < 1e-14);
        assert!((levels.iter().map(|l| l.1).sum::<f64>() - 78.0 / 31.0).abs() < 1e-14);
        let sum: f64 = c.contributions().iter().sum();
        assert!(
            (sum - (c.decomposition.end_level / c.decomposition.base_level - 1.0)).abs() < 1e-14
        );
        // a region missing a year is an error, not a silent change of coverage
        let e = regions_to_nation(&["a", "b", "a"], &[2020, 2020, 2021], &[1.0; 3], &[1.0; 3])
            .unwrap_err();
        assert!(matches!(e, Error::MissingYear { year: 2021, .. }), "{e}");
        let by_year = shift_share_by_period(
            &[vec![1.0, 2.0], vec![2.0, 2.0], vec![2.0, 3.0]],
            &vec![vec![1.0, 1.0]; 3],
        )
        .unwrap();
        assert_eq!(by_year.len(), 2);
        assert!((by_year[1].change() - 0.5).abs() < 1e-15);
    }

    #[test]
    fn bad_input_names_the_column() {
        let e = shift_share(&[1.0, 0.0], &[1.0, 1.0], &[1.0, 1.0], &[1.0, 1.0]).unwrap_err();
        assert!(e.to_string().contains("y0[1]"), "{e}");
        assert!(shift_share(&[], &[], &[], &[]).is_err());
    }
}
