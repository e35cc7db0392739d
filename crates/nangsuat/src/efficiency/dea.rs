//! Data envelopment analysis (DEA): technical, pure technical and scale efficiency of many
//! units against the frontier they span, with slacks, peers and peer weights.
//!
//! The envelopment form of Charnes, Cooper & Rhodes (1978, constant returns) and Banker,
//! Charnes & Cooper (1984, variable returns), as in Coelli, Rao, O'Donnell & Battese (2005),
//! *An Introduction to Efficiency and Productivity Analysis*, 2nd ed., ch. 8, and as printed
//! by Coelli's DEAP 2.1:
//!
//! * **Input orientation**: `θ = min θ` such that a combination `λ` of the units uses at most
//!   `θ·x_o` of every input and makes at least `y_o` of every output. Efficiency is `θ`.
//! * **Output orientation**: `φ = max φ` such that a combination uses at most `x_o` and makes
//!   at least `φ·y_o`. Efficiency is the Farrell output measure `1/φ`.
//! * **Returns to scale** restrict `Σλ`: none (CRS), `= 1` (VRS), `≤ 1` (NIRS), `≥ 1` (NDRS).
//!
//! Every efficiency here lies in (0, 1], and 1 means on the frontier. Every run also reports
//! technical efficiency under CRS, pure technical efficiency under VRS, scale efficiency
//! `SE = TE_crs / TE_vrs`, and whether a scale-inefficient unit is below or above its
//! optimal scale (DEAP's `irs`/`drs`, from the NIRS problem: Coelli et al. 2005, p. 175).
//!
//! **Slacks** (second stage, Coelli et al. 2005, eq. 8.8): with θ or φ fixed, the sum of the
//! remaining input and output slacks is maximised. Before solving, every input and output is
//! divided by its mean over the units: efficiencies do not depend on units of measurement
//! anyway, and with scaled data neither does the second stage's choice of slacks (nor the
//! solver's tolerances). Slacks are reported in the data's own units. A variable that is
//! zero for every unit constrains nothing and is left as it is. DEAP's default
//! "multi-stage" slack method can pick a different point when the slack-maximising point is
//! not unique; the efficiencies never differ.
//!
//! # Example
//! DEAP 2.1's first example (Coelli 1996, `eg1`: five firms, one output, two inputs):
//! ```
//! use nangsuat::efficiency::dea::{Dea, Orientation, Production, ReturnsToScale};
//! let inputs = [2.0, 5.0, 2.0, 4.0, 6.0, 6.0, 3.0, 2.0, 6.0, 2.0]; // x1, x2 per firm
//! let outputs = [1.0, 2.0, 3.0, 1.0, 2.0];
//! let data = Production::new(&inputs, 2, &outputs, 1)?;
//! let result = Dea::new(Orientation::Input, ReturnsToScale::Constant).compute(&data)?;
//! let te: Vec<f64> = result.efficiency.iter().map(|e| e.unwrap()).collect();
//! let published = [0.500, 1.000, 0.833, 0.714, 1.000];
//! for (ours, theirs) in te.iter().zip(published) {
//!     assert!((ours - theirs).abs() < 5e-4);
//! }
//! // Firm 1 could also save 0.5 of input 2 beyond the radial contraction; its peer is firm 2.
//! let slack = result.input_slack(0).unwrap_or_default();
//! assert!((slack[1] - 0.5).abs() < 1e-9 && slack[0] == 0.0);
//! assert_eq!(result.peers(0).next().map(|(unit, _)| unit), Some(1));
//! # Ok::<(), nangsuat::Error>(())
//! ```

use crate::cancel::Cancel;
use crate::efficiency::envelopment::Simplex;
pub use crate::efficiency::frontier::Frontier;
use crate::efficiency::frontier::farrell;
pub use crate::efficiency::model::{Orientation, ReturnsToScale};
pub use crate::efficiency::production::Production;
use crate::efficiency::production::Scaled;
use crate::error::Result;

/// Where a unit stands relative to its most productive scale size (DEAP's last column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScaleRegion {
    /// Too small: increasing returns to scale (`irs`).
    Increasing,
    /// At the most productive scale size (scale efficiency 1).
    Constant,
    /// Too large: decreasing returns to scale (`drs`).
    Decreasing,
}

impl ScaleRegion {
    /// DEAP's label: `irs`, `-` or `drs`.
    pub fn name(self) -> &'static str {
        match self {
            ScaleRegion::Increasing => "irs",
            ScaleRegion::Constant => "-",
            ScaleRegion::Decreasing => "drs",
        }
    }
}

/// A DEA model: orientation, returns to scale, and whether to compute slacks and peers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dea {
    orientation: Orientation,
    returns_to_scale: ReturnsToScale,
    slacks: bool,
}

/// Efficiencies, slacks and peers of every unit (row-aligned with the input).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct Efficiency {
    /// The model's orientation.
    pub orientation: Orientation,
    /// The model's returns to scale.
    pub returns_to_scale: ReturnsToScale,
    /// Efficiency under the model's returns to scale, in (0, 1]; `None` only if the solver
    /// failed on that unit (never seen on valid data).
    pub efficiency: Vec<Option<f64>>,
    /// Technical efficiency under constant returns (DEAP's `crste`).
    pub technical: Vec<Option<f64>>,
    /// Pure technical efficiency under variable returns (DEAP's `vrste`).
    pub pure_technical: Vec<Option<f64>>,
    /// Scale efficiency, `technical / pure_technical` (DEAP's `scale`).
    pub scale: Vec<Option<f64>>,
    /// Below (`Increasing`) or above (`Decreasing`) the most productive scale size.
    pub scale_region: Vec<Option<ScaleRegion>>,
    /// Input slacks under the model, `units × n_inputs`, row-major, in the data's units
    /// (zero when slacks are not computed).
    pub input_slacks: Vec<f64>,
    /// Output slacks, `units × n_outputs`, row-major.
    pub output_slacks: Vec<f64>,
    /// Peers of unit `j` are `peer_units[peer_offsets[j]..peer_offsets[j + 1]]`, with weights
    /// (λ) at the same positions of `peer_weights`.
    pub peer_offsets: Vec<usize>,
    /// Peer unit indices (rows of the input), by unit.
    pub peer_units: Vec<usize>,
    /// Peer weights λ, by unit.
    pub peer_weights: Vec<f64>,
    n_inputs: usize,
    n_outputs: usize,
}

impl Efficiency {
    /// Number of units.
    pub fn units(&self) -> usize {
        self.efficiency.len()
    }

    /// Unit `j`'s input slacks, or `None` past the last unit.
    pub fn input_slack(&self, j: usize) -> Option<&[f64]> {
        self.input_slacks.chunks_exact(self.n_inputs).nth(j)
    }

    /// Unit `j`'s output slacks, or `None` past the last unit.
    pub fn output_slack(&self, j: usize) -> Option<&[f64]> {
        self.output_slacks.chunks_exact(self.n_outputs).nth(j)
    }

    /// Unit `j`'s peers as `(unit, λ)`, in increasing unit order (none past the last unit).
    pub fn peers(&self, j: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let start = self.peer_offsets.get(j).copied().unwrap_or(0);
        let end = self.peer_offsets.get(j + 1).copied().unwrap_or(start);
        self.peer_units[start..end]
            .iter()
            .copied()
            .zip(self.peer_weights[start..end].iter().copied())
    }

    /// Input targets of unit `j` (`Σλx`: the efficient point), or `None` if undefined (or
    /// `data` is not the data of this result).
    pub fn input_targets(&self, data: &Production<'_>, j: usize) -> Option<Vec<f64>> {
        self.targets(j, data.n_inputs(), |peer| data.inputs_of(peer))
    }

    /// Output targets of unit `j` (`Σλy`), or `None` if undefined (or `data` is not the data
    /// of this result).
    pub fn output_targets(&self, data: &Production<'_>, j: usize) -> Option<Vec<f64>> {
        self.targets(j, data.n_outputs(), |peer| data.outputs_of(peer))
    }

    /// `Σλ·row(peer)` over unit `j`'s peers, for rows of `width` values.
    fn targets<'d>(
        &self,
        j: usize,
        width: usize,
        row: impl Fn(usize) -> Option<&'d [f64]>,
    ) -> Option<Vec<f64>> {
        self.efficiency.get(j).copied().flatten()?;
        let mut target = vec![0.0; width];
        for (peer, weight) in self.peers(j) {
            for (t, v) in target.iter_mut().zip(row(peer)?) {
                *t += weight * v;
            }
        }
        Some(target)
    }

    /// Number of times each unit is a peer of another (DEAP's peer count).
    pub fn peer_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.units()];
        for j in 0..self.units() {
            for (peer, _) in self.peers(j) {
                if peer != j {
                    counts[peer] += 1;
                }
            }
        }
        counts
    }
}

/// One unit's results, before they are gathered into columns.
#[derive(Debug, Clone, Default)]
struct UnitResult {
    efficiency: Option<f64>,
    technical: Option<f64>,
    pure_technical: Option<f64>,
    scale_region: Option<ScaleRegion>,
    slacks: Vec<f64>,
    peers: Vec<(usize, f64)>,
}

/// Two efficiencies are equal for the returns-to-scale test within this relative tolerance.
const SCALE_TOLERANCE: f64 = 1e-7;

impl Dea {
    /// A model with slacks and peers computed.
    pub fn new(orientation: Orientation, returns_to_scale: ReturnsToScale) -> Self {
        Dea {
            orientation,
            returns_to_scale,
            slacks: true,
        }
    }

    /// Whether to run the second stage (slacks) and report peers (default: yes). Without it,
    /// peers and weights come from the radial stage and slacks are reported as zero. (If the
    /// second stage ever fails numerically, the radial stage's slacks — valid, not maximal —
    /// are reported.)
    pub fn slacks(mut self, compute: bool) -> Self {
        self.slacks = compute;
        self
    }

    /// Efficiency of every unit against the frontier of all units.
    ///
    /// With the `rayon` feature, units are solved in parallel.
    ///
    /// # Errors
    /// [`Error::NonFinite`](crate::Error::NonFinite) or [`Error::OutOfRange`](crate::Error::OutOfRange) for a NaN, infinite or negative value
    /// (naming the variable and the unit, counted from 0); [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a
    /// unit with no positive input or output. (A variable that is zero for every unit is
    /// allowed: it constrains nothing.)
    pub fn compute(&self, data: &Production<'_>) -> Result<Efficiency> {
        self.compute_cancellable(data, &Cancel::never())
    }

    /// As [`Dea::compute`], stopping with [`Error::Interrupted`](crate::Error::Interrupted)
    /// once `cancel` is set (read before each unit's linear programmes, on every worker).
    ///
    /// # Errors
    /// As [`Dea::compute`], plus [`Error::Interrupted`](crate::Error::Interrupted).
    pub fn compute_cancellable(
        &self,
        data: &Production<'_>,
        cancel: &Cancel,
    ) -> Result<Efficiency> {
        data.validate(|j| format!("row {j}"), |_| None)?;
        let scaled = data.scaled();
        let units = data.units();
        let rows: Vec<usize> = (0..units).collect();
        let results: Vec<UnitResult> = cancel.map_init(
            "data envelopment analysis",
            &rows,
            Simplex::default,
            |lp, &j| self.unit(lp, &scaled, j),
        )?;
        let (m, s) = (data.n_inputs(), data.n_outputs());
        let mut out = Efficiency {
            orientation: self.orientation,
            returns_to_scale: self.returns_to_scale,
            efficiency: Vec::with_capacity(units),
            technical: Vec::with_capacity(units),
            pure_technical: Vec::with_capacity(units),
            scale: Vec::with_capacity(units),
            scale_region: Vec::with_capacity(units),
            input_slacks: Vec::with_capacity(units * m),
            output_slacks: Vec::with_capacity(units * s),
            peer_offsets: Vec::with_capacity(units + 1),
            peer_units: Vec::new(),
            peer_weights: Vec::new(),
            n_inputs: m,
            n_outputs: s,
        };
        out.peer_offsets.push(0);
        for r in results {
            out.efficiency.push(r.efficiency);
            out.technical.push(r.technical);
            out.pure_technical.push(r.pure_technical);
            out.scale.push(match (r.technical, r.pure_technical) {
                (Some(t), Some(p)) => Some(t / p),
                _ => None,
            });
            out.scale_region.push(r.scale_region);
            if r.slacks.is_empty() {
                out.input_slacks.extend(std::iter::repeat_n(0.0, m));
                out.output_slacks.extend(std::iter::repeat_n(0.0, s));
            } else {
                let (xs, ys) = r.slacks.split_at(m);
                out.input_slacks
                    .extend(xs.iter().zip(&scaled.input_means).map(|(v, mean)| v * mean));
                out.output_slacks.extend(
                    ys.iter()
                        .zip(&scaled.output_means)
                        .map(|(v, mean)| v * mean),
                );
            }
            for (peer, weight) in r.peers {
                out.peer_units.push(peer);
                out.peer_weights.push(weight);
            }
            out.peer_offsets.push(out.peer_units.len());
        }
        Ok(out)
    }

    fn unit(&self, lp: &mut Simplex, scaled: &Scaled, j: usize) -> UnitResult {
        let tech = scaled.technology();
        let (x, y) = (scaled.x(j), scaled.y(j));
        let solve = |lp: &mut Simplex, rts| farrell(lp, tech, x, y, self.orientation, rts).ok();
        let technical = solve(lp, ReturnsToScale::Constant);
        let pure_technical = solve(lp, ReturnsToScale::Variable);
        let non_increasing = solve(lp, ReturnsToScale::NonIncreasing);
        let efficiency = match self.returns_to_scale {
            ReturnsToScale::Constant => technical,
            ReturnsToScale::Variable => pure_technical,
            ReturnsToScale::NonIncreasing => non_increasing,
            ReturnsToScale::NonDecreasing => solve(lp, ReturnsToScale::NonDecreasing),
        };
        let close = |a: f64, b: f64| (a - b).abs() <= SCALE_TOLERANCE * a.abs().max(b.abs());
        let scale_region = match (technical, pure_technical, non_increasing) {
            (Some(c), Some(v), _) if close(c, v) => Some(ScaleRegion::Constant),
            (Some(_), Some(v), Some(n)) if close(n, v) => Some(ScaleRegion::Decreasing),
            (Some(_), Some(_), Some(_)) => Some(ScaleRegion::Increasing),
            _ => None,
        };
        let mut result = UnitResult {
            efficiency,
            technical,
            pure_technical,
            scale_region,
            ..UnitResult::default()
        };
        let Some(e) = efficiency else {
            return result;
        };
        let radial = match self.orientation {
            Orientation::Input => e,
            Orientation::Output => 1.0 / e,
        };
        let rts = self.returns_to_scale;
        // The second stage maximises the slacks. Should it ever fail numerically, the first
        // stage's solution still gives valid (if not maximal) slacks and peers: never zeros.
        let second_stage =
            self.slacks && lp.slacks(tech, x, y, self.orientation, rts, radial).is_ok();
        let solved = second_stage || lp.radial(tech, x, y, self.orientation, rts).is_ok();
        if solved {
            if self.slacks {
                result.slacks = vec![0.0; scaled.n_inputs + scaled.n_outputs];
                lp.slack_values(&mut result.slacks);
            }
            result.peers = lp.lambdas().collect();
            result.peers.sort_by_key(|&(unit, _)| unit);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn names_round_trip() {
        for o in [Orientation::Input, Orientation::Output] {
            assert_eq!(Orientation::from_name(o.name()), Ok(o));
        }
        for r in [
            ReturnsToScale::Constant,
            ReturnsToScale::Variable,
            ReturnsToScale::NonIncreasing,
            ReturnsToScale::NonDecreasing,
        ] {
            assert_eq!(ReturnsToScale::from_name(r.name()), Ok(r));
        }
        assert!(ReturnsToScale::from_name("VRS").is_err());
        assert!(Orientation::from_name("sideways").is_err());
    }

    #[test]
    fn bad_values_name_the_variable_and_the_row() {
        let data = Production::new(&[1.0, f64::NAN], 1, &[1.0, 1.0], 1).unwrap();
        let err = Dea::new(Orientation::Input, ReturnsToScale::Constant)
            .compute(&data)
            .unwrap_err();
        assert!(err.to_string().contains("input 1"), "{err}");
        assert!(err.to_string().contains("row 1"), "{err}");
        let data = Production::new(&[1.0, 2.0], 1, &[1.0, -1.0], 1).unwrap();
        let err = Dea::new(Orientation::Input, ReturnsToScale::Constant)
            .compute(&data)
            .unwrap_err();
        assert!(
            err.to_string().contains("output 1 of unit `row 1`"),
            "{err}"
        );
        let data = Production::new(&[1.0, 2.0], 1, &[0.0, 1.0], 1).unwrap();
        let err = Dea::new(Orientation::Input, ReturnsToScale::Constant)
            .compute(&data)
            .unwrap_err();
        assert!(err.to_string().contains("every output is zero"), "{err}");
        assert!(Production::new(&[1.0, 2.0, 3.0], 2, &[1.0], 1).is_err());
        assert!(Production::new(&[1.0, 2.0], 1, &[1.0], 1).is_err());
        assert!(Production::new(&[], 1, &[], 1).is_err());
    }

    #[test]
    fn a_variable_that_is_zero_for_every_unit_constrains_nothing() {
        // Input 2 is zero everywhere: the efficiencies are those of input 1 alone.
        let with_zero =
            Production::new(&[2.0, 0.0, 4.0, 0.0, 3.0, 0.0], 2, &[1.0, 2.0, 3.0], 1).unwrap();
        let without = Production::new(&[2.0, 4.0, 3.0], 1, &[1.0, 2.0, 3.0], 1).unwrap();
        for rts in [ReturnsToScale::Constant, ReturnsToScale::Variable] {
            for o in [Orientation::Input, Orientation::Output] {
                let a = Dea::new(o, rts).compute(&with_zero).unwrap();
                let b = Dea::new(o, rts).compute(&without).unwrap();
                for (x, y) in a.efficiency.iter().zip(&b.efficiency) {
                    assert!((x.unwrap() - y.unwrap()).abs() < 1e-12);
                }
                assert!(a.input_slacks.iter().skip(1).step_by(2).all(|&s| s == 0.0));
            }
        }
    }

    #[test]
    fn rows_past_the_last_unit_are_none_not_a_panic() {
        let data = Production::new(&[1.0, 2.0], 1, &[1.0, 3.0], 1).unwrap();
        let r = Dea::new(Orientation::Input, ReturnsToScale::Variable)
            .compute(&data)
            .unwrap();
        assert_eq!(data.inputs_of(2), None);
        assert_eq!(r.input_slack(2), None);
        assert_eq!(r.output_slack(9), None);
        assert_eq!(r.peers(2).count(), 0);
        assert_eq!(r.input_targets(&data, 5), None);
        // Targets need this result's data: a smaller data set is refused, not indexed past.
        let other = Production::new(&[1.0], 1, &[1.0], 1).unwrap();
        assert_eq!(r.input_targets(&other, 1), None);
    }

    #[test]
    fn a_frontier_measures_many_points_as_it_measures_one() {
        let data = Production::new(&[2.0, 4.0, 3.0], 1, &[1.0, 2.0, 3.0], 1).unwrap();
        let frontier = Frontier::new(&data).unwrap();
        let (x, y) = ([3.0, 1.0, 10.0], [4.5, 1.0, 2.0]);
        let points = Production::new(&x, 1, &y, 1).unwrap();
        for o in [Orientation::Input, Orientation::Output] {
            for r in [ReturnsToScale::Constant, ReturnsToScale::Variable] {
                let all = frontier.efficiencies(&points, o, r).unwrap();
                for j in 0..3 {
                    let one = frontier.efficiency(&x[j..=j], &y[j..=j], o, r).unwrap();
                    assert_eq!(all[j], one, "{o:?} {r:?} point {j}");
                }
            }
        }
        let wrong = Production::new(&[1.0, 1.0], 2, &[1.0], 1).unwrap();
        let err = frontier
            .efficiencies(&wrong, Orientation::Input, ReturnsToScale::Constant)
            .unwrap_err();
        assert!(err.to_string().contains("2 inputs where"), "{err}");
        let negative = Production::new(&[1.0, -2.0], 1, &[1.0, 1.0], 1).unwrap();
        let err = frontier
            .efficiencies(&negative, Orientation::Input, ReturnsToScale::Constant)
            .unwrap_err();
        assert!(err.to_string().contains("unit `row 1`"), "{err}");
    }

    #[test]
    fn a_frontier_checks_the_point_it_measures() {
        let data = Production::new(&[1.0, 2.0], 1, &[1.0, 3.0], 1).unwrap();
        let frontier = Frontier::new(&data).unwrap();
        let (o, r) = (Orientation::Input, ReturnsToScale::Constant);
        let err = frontier.efficiency(&[1.0, 2.0], &[1.0], o, r).unwrap_err();
        assert!(
            err.to_string()
                .contains("2 inputs where the frontier's units have 1"),
            "{err}"
        );
        let err = frontier.efficiency(&[-1.0], &[1.0], o, r).unwrap_err();
        assert!(err.to_string().contains("input 1 of unit `point`"), "{err}");
        let err = frontier
            .efficiency(&[1.0], &[f64::INFINITY], o, r)
            .unwrap_err();
        assert!(matches!(err, Error::NonFinite { .. }), "{err}");
        // The best unit (ratio 1.5) scores 1; a point at ratio 3 scores 2 (beyond it).
        let e = frontier.efficiency(&[2.0], &[3.0], o, r).unwrap().unwrap();
        assert!((e - 1.0).abs() < 1e-12);
        let e = frontier.efficiency(&[1.0], &[3.0], o, r).unwrap().unwrap();
        assert!((e - 2.0).abs() < 1e-12);
    }
}
