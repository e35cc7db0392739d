//! The Malmquist productivity index over a panel of units, from DEA distance functions.
//!
//! Färe, Grosskopf, Norris & Zhang (1994), "Productivity growth, technical progress, and
//! efficiency change in industrialized countries", *American Economic Review* 84(1), 66–83;
//! Coelli, Rao, O'Donnell & Battese (2005), *An Introduction to Efficiency and Productivity
//! Analysis*, 2nd ed., ch. 11; computed as Coelli's DEAP 2.1 prints it.
//!
//! For a unit observed in periods `t` and `t+1`, write `Dˢ(r)` for the Farrell efficiency of
//! its period-`r` data against the technology of period `s` (a Shephard distance function:
//! `D_o` for output orientation, `1/D_i` for input orientation), under constant returns to
//! scale unless marked `ᵥ` (the model's returns to scale, VRS by default). Then
//!
//! * `effch  = Dᵗ⁺¹(t+1) / Dᵗ(t)` — technical efficiency change (catching up);
//! * `techch = [Dᵗ(t+1)/Dᵗ⁺¹(t+1) · Dᵗ(t)/Dᵗ⁺¹(t)]^½` — technical change (frontier shift);
//! * `tfpch  = effch × techch` — the Malmquist TFP index (FGNZ eq. 5);
//! * `pech   = Dᵥᵗ⁺¹(t+1) / Dᵥᵗ(t)` — pure technical efficiency change;
//! * `sech   = effch / pech` — scale efficiency change, so `effch = pech × sech`.
//!
//! **Every index above 1 means improvement, below 1 deterioration**, in both orientations:
//! with input orientation the index is built from Farrell input efficiencies (the reciprocal
//! of Shephard's input distance), as DEAP does, so it is the reciprocal of the input-oriented
//! index written with `d_i` in Coelli et al. (2005, eq. 11.11). Under constant returns both
//! orientations give the same `effch`, `techch` and `tfpch`; `pech` and `sech` depend on the
//! orientation.
//!
//! With returns to scale other than constant, the cross-period problems are also solved under
//! that assumption to give Ray & Desli's (1997, *AER* 87(5)) decomposition:
//! `rts_techch = [Dᵥᵗ(t+1)/Dᵥᵗ⁺¹(t+1) · Dᵥᵗ(t)/Dᵥᵗ⁺¹(t)]^½` (technical change of the VRS
//! frontier) and `rts_sech = tfpch / (pech × rts_techch)`. A cross-period problem under
//! variable returns can be infeasible (a unit outside the other period's convex hull): those
//! values are `None` — undefined for that unit and pair only, never an error for the run.
//! So is an index that overflows or vanishes on extreme data (units many orders of magnitude
//! apart): a defined index is always a finite positive number.
//!
//! **Panels.** Rows are `(unit, period)`; periods need not be consecutive integers, and pairs
//! are formed between consecutive periods present in the data. The technology of a period is
//! spanned by every unit observed in it. A unit enters a pair of periods only if it is observed
//! in both (an unbalanced panel loses that unit for that pair, not the run). Data are divided
//! by each variable's mean over the whole panel before solving (see [`crate::efficiency::dea`]).
//!
//! **Means** are geometric, as in DEAP: by period pair over units, by unit over pairs, and
//! overall as the geometric mean of the period means (for a balanced panel, the geometric
//! mean of all rows). Geometric means keep `tfpch = effch × techch` exact for every mean.
//!
//! # Example
//! One input, one output, constant returns: the index is the change in the output/input
//! ratio, technical change is the change in the best ratio.
//! ```
//! use nangsuat::efficiency::dea::{Orientation, Production, ReturnsToScale};
//! use nangsuat::efficiency::malmquist::Malmquist;
//! let unit = ["a", "b", "a", "b"];
//! let period = [2020, 2020, 2021, 2021];
//! let x = [2.0, 4.0, 2.0, 4.0];
//! let y = [1.0, 4.0, 1.5, 6.0]; // ratios 0.5, 1 then 0.75, 1.5
//! let data = Production::new(&x, 1, &y, 1)?;
//! let m = Malmquist::new(Orientation::Output, ReturnsToScale::Variable)
//!     .compute(&unit, &period, &data)?;
//! let change = &m.changes[0];
//! assert_eq!((change.unit, change.period_from, change.period_to), ("a", 2020, 2021));
//! let a = &change.indices;
//! assert!((a.tfpch.unwrap() - 1.5).abs() < 1e-12);  // 0.75 / 0.5
//! assert!((a.techch.unwrap() - 1.5).abs() < 1e-12); // 1.5 / 1
//! assert!((a.effch.unwrap() - 1.0).abs() < 1e-12);
//! # Ok::<(), nangsuat::Error>(())
//! ```

use std::fmt::Display;

use crate::cancel::Cancel;
use crate::efficiency::envelopment::{Simplex, Technology};
use crate::efficiency::frontier::farrell;
use crate::efficiency::model::{Orientation, ReturnsToScale};
use crate::efficiency::production::{Production, Scaled};
use crate::error::{Error, Result};

/// A Malmquist model: the orientation of the distance functions and the returns to scale
/// used for `pech` (and the Ray–Desli columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Malmquist {
    orientation: Orientation,
    returns_to_scale: ReturnsToScale,
}

impl Default for Malmquist {
    /// Output orientation, variable returns for the decomposition (DEAP's usual choice).
    fn default() -> Self {
        Malmquist::new(Orientation::Output, ReturnsToScale::Variable)
    }
}

/// Four Farrell efficiencies of one unit between periods `t` and `t+1`.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
#[non_exhaustive]
pub struct Distances {
    /// `Dᵗ(t)`: period-`t` data against period-`t` technology.
    pub tech_t_data_t: Option<f64>,
    /// `Dᵗ(t+1)`: period-`t+1` data against period-`t` technology.
    pub tech_t_data_t1: Option<f64>,
    /// `Dᵗ⁺¹(t)`: period-`t` data against period-`t+1` technology.
    pub tech_t1_data_t: Option<f64>,
    /// `Dᵗ⁺¹(t+1)`: period-`t+1` data against period-`t+1` technology.
    pub tech_t1_data_t1: Option<f64>,
}

/// Productivity change of one unit from one period to the next.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Change<E> {
    /// The unit.
    pub unit: E,
    /// First period of the pair.
    pub period_from: i32,
    /// Second period of the pair.
    pub period_to: i32,
    /// Input row of the unit in `period_from`.
    pub row_from: usize,
    /// Input row of the unit in `period_to`.
    pub row_to: usize,
    /// The indices (serialised inline: `effch`, `techch`, …).
    #[serde(flatten)]
    pub indices: Indices,
    /// The CRS distance functions.
    pub crs: Distances,
    /// The distance functions under the model's returns to scale.
    pub rts: Distances,
}

/// The Malmquist indices of one unit-pair, or their geometric means over a group. `None`
/// where undefined.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
#[non_exhaustive]
pub struct Indices {
    /// Technical efficiency change (CRS).
    pub effch: Option<f64>,
    /// Technical change (CRS).
    pub techch: Option<f64>,
    /// Pure technical efficiency change (model's returns to scale).
    pub pech: Option<f64>,
    /// Scale efficiency change, `effch / pech`.
    pub sech: Option<f64>,
    /// Malmquist TFP index, `effch × techch`.
    pub tfpch: Option<f64>,
    /// Technical change of the model's frontier (Ray & Desli 1997).
    pub rts_techch: Option<f64>,
    /// Scale change of Ray & Desli (1997): `tfpch / (pech × rts_techch)`.
    pub rts_sech: Option<f64>,
}

impl Indices {
    /// The stable names of the indices, in the order of [`Indices::values`].
    pub const NAMES: [&'static str; 7] = [
        "effch",
        "techch",
        "pech",
        "sech",
        "tfpch",
        "rts_techch",
        "rts_sech",
    ];

    /// The indices in the order of [`Indices::NAMES`].
    pub fn values(&self) -> [Option<f64>; 7] {
        [
            self.effch,
            self.techch,
            self.pech,
            self.sech,
            self.tfpch,
            self.rts_techch,
            self.rts_sech,
        ]
    }

    /// The indices of one unit between two periods from its distance functions.
    fn from_distances(crs: &Distances, rts: &Distances) -> Indices {
        let frontier_shift = |d: &Distances| {
            let a = ratio(d.tech_t_data_t1, d.tech_t1_data_t1)?;
            let b = ratio(d.tech_t_data_t, d.tech_t1_data_t)?;
            let product = a * b;
            // The geometric mean of two representable ratios is representable even when
            // their product is not.
            index(if product.is_finite() && product > 0.0 {
                product.sqrt()
            } else {
                a.sqrt() * b.sqrt()
            })
        };
        let effch = ratio(crs.tech_t1_data_t1, crs.tech_t_data_t);
        let techch = frontier_shift(crs);
        let pech = ratio(rts.tech_t1_data_t1, rts.tech_t_data_t);
        let tfpch = effch.zip(techch).and_then(|(e, t)| index(e * t));
        let rts_techch = frontier_shift(rts);
        Indices {
            effch,
            techch,
            pech,
            sech: ratio(effch, pech),
            tfpch,
            rts_techch,
            rts_sech: match (tfpch, pech, rts_techch) {
                (Some(m), Some(p), Some(t)) => index(m / (p * t)),
                _ => None,
            },
        }
    }

    /// Geometric means, index by index, over the defined values of `group`.
    fn geometric_means<'a>(group: impl Iterator<Item = &'a Indices> + Clone) -> Indices {
        let mean = |f: fn(&Indices) -> Option<f64>| geometric_mean(group.clone().map(f));
        Indices {
            effch: mean(|i| i.effch),
            techch: mean(|i| i.techch),
            pech: mean(|i| i.pech),
            sech: mean(|i| i.sech),
            tfpch: mean(|i| i.tfpch),
            rts_techch: mean(|i| i.rts_techch),
            rts_sech: mean(|i| i.rts_sech),
        }
    }
}

/// Geometric means of the indices over a group of [`Change`]s (each over its defined values).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
#[non_exhaustive]
pub struct Means {
    /// The means (serialised inline).
    #[serde(flatten)]
    pub indices: Indices,
    /// Rows in the group.
    pub count: usize,
}

/// Means over the units of one pair of periods.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct PeriodMeans {
    /// First period of the pair.
    pub period_from: i32,
    /// Second period of the pair.
    pub period_to: i32,
    /// The means.
    pub means: Means,
}

/// Means over the pairs of periods of one unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct UnitMeans<E> {
    /// The unit.
    pub unit: E,
    /// The means.
    pub means: Means,
}

/// The Malmquist index of a panel: one [`Change`] per unit and pair of periods, and means.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct MalmquistIndex<E> {
    /// Orientation of the distance functions.
    pub orientation: Orientation,
    /// Returns to scale of `pech` and the Ray–Desli columns.
    pub returns_to_scale: ReturnsToScale,
    /// Changes, ordered by pair of periods, then by unit.
    pub changes: Vec<Change<E>>,
    /// Geometric means by pair of periods (DEAP's "annual means").
    pub period_means: Vec<PeriodMeans>,
    /// Geometric means by unit, in unit order (DEAP's "firm means").
    pub unit_means: Vec<UnitMeans<E>>,
    /// Geometric mean of the period means.
    pub overall: Means,
}

/// One pair of rows (positions in period-sorted order) to compare.
#[derive(Debug, Clone, Copy)]
struct Pair {
    from_period: usize,
    to_period: usize,
    from: usize,
    to: usize,
}

/// The scaled panel in (period, unit) order, with each period's rows contiguous.
struct SortedPanel {
    scaled: Scaled,
    /// Position range of each period.
    ranges: Vec<std::ops::Range<usize>>,
}

impl SortedPanel {
    fn technology(&self, period: usize) -> Technology<'_> {
        let r = &self.ranges[period];
        let w = self.scaled.width;
        Technology {
            columns: &self.scaled.columns[r.start * w..r.end * w],
            offset: r.start,
            ..self.scaled.technology()
        }
    }
}

impl Malmquist {
    /// A model with the given orientation and returns to scale for the decomposition.
    pub fn new(orientation: Orientation, returns_to_scale: ReturnsToScale) -> Self {
        Malmquist {
            orientation,
            returns_to_scale,
        }
    }

    /// The Malmquist index of every unit between consecutive periods.
    ///
    /// `unit[j]` and `period[j]` label row `j` of `data`; rows may come in any order. With the
    /// `rayon` feature, the linear programmes are solved in parallel.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when the labels and the data differ in length;
    /// [`Error::DuplicateYear`] for a unit observed twice in one period;
    /// [`Error::InsufficientData`] for fewer than two periods; and the errors of
    /// [`crate::efficiency::dea::Dea::compute`] for bad values, naming the unit and the period.
    pub fn compute<E>(
        &self,
        unit: &[E],
        period: &[i32],
        data: &Production<'_>,
    ) -> Result<MalmquistIndex<E>>
    where
        E: Ord + Copy + Display + Sync,
    {
        self.compute_cancellable(unit, period, data, &Cancel::never())
    }

    /// As [`Malmquist::compute`], stopping with [`Error::Interrupted`] once `cancel` is set
    /// (by another thread, for example on Ctrl-C): the token is read before each linear
    /// programme, so a large panel stops within one LP per worker.
    ///
    /// # Errors
    /// As [`Malmquist::compute`], plus [`Error::Interrupted`].
    ///
    /// ```
    /// use nangsuat::cancel::Cancel;
    /// use nangsuat::efficiency::dea::Production;
    /// use nangsuat::efficiency::malmquist::Malmquist;
    /// let (x, y) = ([2.0, 4.0, 2.0, 4.0], [1.0, 4.0, 1.5, 6.0]);
    /// let data = Production::new(&x, 1, &y, 1)?;
    /// let token = Cancel::new();
    /// token.cancel();
    /// let m = Malmquist::default();
    /// let r = m.compute_cancellable(&["a", "b", "a", "b"], &[1, 1, 2, 2], &data, &token);
    /// assert_eq!(r.unwrap_err().kind(), nangsuat::ErrorKind::Interrupted);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn compute_cancellable<E>(
        &self,
        unit: &[E],
        period: &[i32],
        data: &Production<'_>,
        cancel: &Cancel,
    ) -> Result<MalmquistIndex<E>>
    where
        E: Ord + Copy + Display + Sync,
    {
        let n = data.units();
        for (series, len) in [("unit", unit.len()), ("period", period.len())] {
            if len != n {
                return Err(Error::LengthMismatch {
                    series: series.into(),
                    expected: n,
                    actual: len,
                });
            }
        }
        data.validate(|j| unit[j].to_string(), |j| Some(period[j]))?;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&j| (period[j], unit[j]));
        if let Some(w) = order
            .windows(2)
            .find(|w| period[w[0]] == period[w[1]] && unit[w[0]] == unit[w[1]])
        {
            return Err(Error::DuplicateYear {
                series: "period".into(),
                entity: Some(unit[w[1]].to_string()),
                year: period[w[1]],
            });
        }
        let panel = sorted_panel(data, period, &order);
        if panel.ranges.len() < 2 {
            return Err(Error::InsufficientData {
                what: "the Malmquist index compares two periods".into(),
                needed: 2,
                available: panel.ranges.len(),
            });
        }
        let pairs = matched_pairs(&panel, unit, &order);
        let own = self.own_period(&panel, cancel)?;
        let cross = self.cross_period(&panel, &pairs, cancel)?;
        let changes: Vec<Change<E>> = pairs
            .iter()
            .zip(&cross)
            .map(|(pair, cross)| {
                let crs = Distances {
                    tech_t_data_t: own[pair.from].0,
                    tech_t_data_t1: cross[0],
                    tech_t1_data_t: cross[1],
                    tech_t1_data_t1: own[pair.to].0,
                };
                let rts = Distances {
                    tech_t_data_t: own[pair.from].1,
                    tech_t_data_t1: cross[2],
                    tech_t1_data_t: cross[3],
                    tech_t1_data_t1: own[pair.to].1,
                };
                let (row_from, row_to) = (order[pair.from], order[pair.to]);
                change(
                    unit[row_from],
                    period[row_from],
                    period[row_to],
                    (row_from, row_to),
                    crs,
                    rts,
                )
            })
            .collect();
        let period_means: Vec<PeriodMeans> = panel
            .ranges
            .windows(2)
            .enumerate()
            .map(|(p, _)| {
                let group: Vec<&Change<E>> = pairs
                    .iter()
                    .zip(&changes)
                    .filter(|(pair, _)| pair.from_period == p)
                    .map(|(_, c)| c)
                    .collect();
                PeriodMeans {
                    period_from: period[order[panel.ranges[p].start]],
                    period_to: period[order[panel.ranges[p + 1].start]],
                    means: means(&group),
                }
            })
            .collect();
        let mut by_unit: Vec<&Change<E>> = changes.iter().collect();
        by_unit.sort_by_key(|c| (c.unit, c.period_from));
        let unit_means = by_unit
            .chunk_by(|a, b| a.unit == b.unit)
            .map(|group| UnitMeans {
                unit: group[0].unit,
                means: means(group),
            })
            .collect();
        let overall = geometric_mean_of_means(&period_means);
        Ok(MalmquistIndex {
            orientation: self.orientation,
            returns_to_scale: self.returns_to_scale,
            changes,
            period_means,
            unit_means,
            overall,
        })
    }

    /// Own-period (CRS, model) efficiencies of every position.
    fn own_period(
        &self,
        panel: &SortedPanel,
        cancel: &Cancel,
    ) -> Result<Vec<(Option<f64>, Option<f64>)>> {
        let tasks: Vec<(usize, usize)> = panel
            .ranges
            .iter()
            .enumerate()
            .flat_map(|(p, r)| r.clone().map(move |i| (p, i)))
            .collect();
        let solve = |lp: &mut Simplex, &(p, i): &(usize, usize)| {
            let tech = panel.technology(p);
            let (x, y) = (panel.scaled.x(i), panel.scaled.y(i));
            let o = self.orientation;
            let crs = farrell(lp, tech, x, y, o, ReturnsToScale::Constant).ok();
            let rts = if self.returns_to_scale == ReturnsToScale::Constant {
                crs
            } else {
                farrell(lp, tech, x, y, o, self.returns_to_scale).ok()
            };
            (crs, rts)
        };
        cancel.map_init(WHAT, &tasks, Simplex::default, solve)
    }

    /// Cross-period efficiencies of every pair: CRS `Dᵗ(t+1)`, `Dᵗ⁺¹(t)`, then the same under
    /// the model's returns to scale.
    fn cross_period(
        &self,
        panel: &SortedPanel,
        pairs: &[Pair],
        cancel: &Cancel,
    ) -> Result<Vec<[Option<f64>; 4]>> {
        let solve = |lp: &mut Simplex, pair: &Pair| {
            let o = self.orientation;
            let (tech_t, tech_t1) = (
                panel.technology(pair.from_period),
                panel.technology(pair.to_period),
            );
            let (x_t, y_t) = (panel.scaled.x(pair.from), panel.scaled.y(pair.from));
            let (x_t1, y_t1) = (panel.scaled.x(pair.to), panel.scaled.y(pair.to));
            let mut solve_one = |tech, x, y, rts| farrell(lp, tech, x, y, o, rts).ok();
            let crs = ReturnsToScale::Constant;
            let c_t_t1 = solve_one(tech_t, x_t1, y_t1, crs);
            let c_t1_t = solve_one(tech_t1, x_t, y_t, crs);
            let (v_t_t1, v_t1_t) = if self.returns_to_scale == crs {
                (c_t_t1, c_t1_t)
            } else {
                (
                    solve_one(tech_t, x_t1, y_t1, self.returns_to_scale),
                    solve_one(tech_t1, x_t, y_t, self.returns_to_scale),
                )
            };
            [c_t_t1, c_t1_t, v_t_t1, v_t1_t]
        };
        cancel.map_init(WHAT, pairs, Simplex::default, solve)
    }
}

/// The computation a cancelled Malmquist run names.
const WHAT: &str = "the Malmquist index";

fn sorted_panel(data: &Production<'_>, period: &[i32], order: &[usize]) -> SortedPanel {
    let scaled = data.scaled();
    let w = scaled.width;
    let mut columns = Vec::with_capacity(scaled.columns.len());
    for &j in order {
        columns.extend_from_slice(&scaled.columns[j * w..(j + 1) * w]);
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 1..=order.len() {
        if i == order.len() || period[order[i]] != period[order[start]] {
            ranges.push(start..i);
            start = i;
        }
    }
    let scales = (scaled.input_means, scaled.output_means);
    SortedPanel {
        scaled: Scaled::new(columns, w, scaled.n_inputs, scaled.n_outputs, scales),
        ranges,
    }
}

/// Units present in both periods of each consecutive pair (positions sorted by unit within
/// each period, so a merge finds them).
fn matched_pairs<E: Ord>(panel: &SortedPanel, unit: &[E], order: &[usize]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (p, w) in panel.ranges.windows(2).enumerate() {
        let (mut a, mut b) = (w[0].start, w[1].start);
        while a < w[0].end && b < w[1].end {
            match unit[order[a]].cmp(&unit[order[b]]) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    pairs.push(Pair {
                        from_period: p,
                        to_period: p + 1,
                        from: a,
                        to: b,
                    });
                    a += 1;
                    b += 1;
                }
            }
        }
    }
    pairs
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    index(a? / b?)
}

/// A ratio or product of distances as an index: defined when it is a finite positive number.
/// Distances of extreme data (units many orders of magnitude apart) can make a ratio or
/// product overflow or vanish; the index is then undefined, never an infinity or a zero.
fn index(v: f64) -> Option<f64> {
    (v.is_finite() && v > 0.0).then_some(v)
}

fn change<E>(
    unit: E,
    period_from: i32,
    period_to: i32,
    (row_from, row_to): (usize, usize),
    crs: Distances,
    rts: Distances,
) -> Change<E> {
    Change {
        unit,
        period_from,
        period_to,
        row_from,
        row_to,
        indices: Indices::from_distances(&crs, &rts),
        crs,
        rts,
    }
}

/// Geometric mean of the defined values, or `None` if there are none.
fn geometric_mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let (mut sum, mut count) = (0.0, 0usize);
    for v in values.flatten() {
        sum += v.ln();
        count += 1;
    }
    (count > 0).then(|| (sum / count as f64).exp())
}

fn means<E>(group: &[&Change<E>]) -> Means {
    Means {
        indices: Indices::geometric_means(group.iter().map(|c| &c.indices)),
        count: group.len(),
    }
}

fn geometric_mean_of_means(periods: &[PeriodMeans]) -> Means {
    Means {
        indices: Indices::geometric_means(periods.iter().map(|p| &p.means.indices)),
        count: periods.iter().map(|p| p.means.count).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distances(t_t: f64, t_t1: f64, t1_t: f64, t1_t1: f64) -> Distances {
        Distances {
            tech_t_data_t: Some(t_t),
            tech_t_data_t1: Some(t_t1),
            tech_t1_data_t: Some(t1_t),
            tech_t1_data_t1: Some(t1_t1),
        }
    }

    /// Distances of units far apart make ratios and products overflow or vanish: those
    /// indices are undefined, and every defined index is finite and positive (the C fuzz
    /// target found an infinite `effch` flagged defined).
    #[test]
    fn indices_of_extreme_distances_are_finite_or_undefined() {
        for d in [
            distances(1e-300, 1e300, 1e-300, 1e300),
            distances(1e300, 1e-300, 1e300, 1e-300),
            distances(1e-200, 1e200, 1e200, 1e-200),
            distances(f64::MIN_POSITIVE, 1.0, 1.0, f64::MAX),
        ] {
            let i = Indices::from_distances(&d, &d);
            for v in i.values().into_iter().flatten() {
                assert!(v.is_finite() && v > 0.0, "{v} in {i:?}");
            }
        }
        // Ratios each representable whose product is not: the geometric mean is defined.
        let d = distances(1e200, 1e200, 1.0, 1.0);
        let t = Indices::from_distances(&d, &d).techch.unwrap();
        assert!((t / 1e200 - 1.0).abs() < 1e-12, "{t}");
        // Ordinary distances keep their usual values.
        let d = distances(0.8, 0.9, 0.7, 0.85);
        let i = Indices::from_distances(&d, &d);
        assert_eq!(i.effch, Some(0.85 / 0.8));
        assert_eq!(i.techch, Some((0.9f64 / 0.85 * (0.8 / 0.7)).sqrt()));
    }
}
