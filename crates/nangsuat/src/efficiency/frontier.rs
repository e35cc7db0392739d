//! Measuring any point (a unit of another year, a planned target, a new firm) against the
//! frontier spanned by a set of units.

use crate::cancel::Cancel;
use crate::efficiency::envelopment::{Failure, Simplex, Technology};
use crate::efficiency::model::{Orientation, ReturnsToScale};
use crate::efficiency::production::{Production, Scaled};
use crate::error::{Error, Result};

/// Farrell efficiency of `(x, y)` against `tech`: θ, or 1/φ; `Err` where no point of the
/// technology lies on the unit's ray (φ = 0 included), or the solver fails.
pub(crate) fn farrell(
    lp: &mut Simplex,
    tech: Technology<'_>,
    x: &[f64],
    y: &[f64],
    orientation: Orientation,
    rts: ReturnsToScale,
) -> std::result::Result<f64, Failure> {
    efficiency_of_radial(lp.radial(tech, x, y, orientation, rts)?, orientation)
}

/// The Farrell efficiency of an optimal θ (input) or φ (output): θ, or 1/φ, where φ below
/// zero means no point on the ray (the solver reports a φ that is zero up to round-off as
/// infeasible already).
fn efficiency_of_radial(value: f64, orientation: Orientation) -> std::result::Result<f64, Failure> {
    let efficiency = match orientation {
        Orientation::Input => value,
        Orientation::Output if value > 0.0 => 1.0 / value,
        Orientation::Output => return Err(Failure::Infeasible),
    };
    if efficiency.is_finite() && efficiency > 0.0 {
        Ok(efficiency)
    } else {
        Err(Failure::Infeasible)
    }
}

/// The frontier spanned by a set of units, for measuring any point against it: a unit of
/// another year, a planned target, a new firm.
///
/// # Example
/// Is a province's planned input–output point for 2025 beyond this year's best practice?
/// ```
/// use nangsuat::efficiency::dea::{Frontier, Orientation, Production, ReturnsToScale};
/// let x = [2.0, 4.0, 3.0]; // one input per unit
/// let y = [1.0, 2.0, 3.0]; // one output per unit
/// let frontier = Frontier::new(&Production::new(&x, 1, &y, 1)?)?;
/// let e = frontier.efficiency(&[3.0], &[4.5], Orientation::Output, ReturnsToScale::Constant)?;
/// assert!((e.unwrap() - 1.5).abs() < 1e-12); // 50 % beyond the best observed ratio
/// // Under VRS, no convex combination uses as little as 1 unit of input: undefined.
/// let e = frontier.efficiency(&[1.0], &[1.0], Orientation::Output, ReturnsToScale::Variable)?;
/// assert_eq!(e, None);
/// # Ok::<(), nangsuat::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Frontier {
    scaled: Scaled,
    names: Option<(Vec<String>, Vec<String>)>,
}

impl Frontier {
    /// The frontier of `data`'s units (validated and mean-scaled once).
    ///
    /// # Errors
    /// As [`Dea::compute`](crate::efficiency::dea::Dea::compute).
    pub fn new(data: &Production<'_>) -> Result<Frontier> {
        data.validate(|j| format!("row {j}"), |_| None)?;
        Ok(Frontier {
            scaled: data.scaled(),
            names: data
                .input_names
                .zip(data.output_names)
                .map(|(i, o)| (i.to_vec(), o.to_vec())),
        })
    }

    /// Farrell efficiency of the point `(inputs, outputs)` against the frontier: θ or `1/φ`.
    /// Points beyond the frontier score above 1. `None` where the frontier has no point on
    /// the point's ray (possible for points outside the units' range under VRS, NIRS or NDRS,
    /// or for outputs no unit makes).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for the wrong number of inputs or outputs;
    /// [`Error::NonFinite`] or [`Error::OutOfRange`] for a NaN, infinite or negative value;
    /// [`Error::InvalidParameter`] when every input or every output is zero.
    pub fn efficiency(
        &self,
        inputs: &[f64],
        outputs: &[f64],
        orientation: Orientation,
        returns_to_scale: ReturnsToScale,
    ) -> Result<Option<f64>> {
        let (m, s) = (self.scaled.n_inputs, self.scaled.n_outputs);
        for (kind, count, expected) in [("input", inputs.len(), m), ("output", outputs.len(), s)] {
            check_variables(kind, count, expected)?;
        }
        let mut point = Production::new(inputs, m, outputs, s)?;
        if let Some((input_names, output_names)) = &self.names {
            point = point.with_names(input_names, output_names)?;
        }
        point.validate(|_| "point".into(), |_| None)?;
        let x: Vec<f64> = inputs
            .iter()
            .zip(&self.scaled.input_means)
            .map(|(v, mean)| v / mean)
            .collect();
        let y: Vec<f64> = outputs
            .iter()
            .zip(&self.scaled.output_means)
            .map(|(v, mean)| v / mean)
            .collect();
        let mut lp = Simplex::default();
        let tech = self.scaled.technology();
        Ok(farrell(&mut lp, tech, &x, &y, orientation, returns_to_scale).ok())
    }

    /// [`Frontier::efficiency`] of every unit of `points` (with the `rayon` feature, in
    /// parallel): `None` where the frontier has no point on a unit's ray.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `points` has other numbers of inputs or outputs than
    /// the frontier; otherwise the errors of [`Dea::compute`](crate::efficiency::dea::Dea::compute) for `points`' values, naming the row.
    pub fn efficiencies(
        &self,
        points: &Production<'_>,
        orientation: Orientation,
        returns_to_scale: ReturnsToScale,
    ) -> Result<Vec<Option<f64>>> {
        self.efficiencies_cancellable(points, orientation, returns_to_scale, &Cancel::never())
    }

    /// As [`Frontier::efficiencies`], stopping with [`Error::Interrupted`] once `cancel` is
    /// set (read before each point's linear programme, on every worker).
    ///
    /// # Errors
    /// As [`Frontier::efficiencies`], plus [`Error::Interrupted`].
    pub fn efficiencies_cancellable(
        &self,
        points: &Production<'_>,
        orientation: Orientation,
        returns_to_scale: ReturnsToScale,
        cancel: &Cancel,
    ) -> Result<Vec<Option<f64>>> {
        for (kind, count, expected) in [
            ("input", points.n_inputs, self.scaled.n_inputs),
            ("output", points.n_outputs, self.scaled.n_outputs),
        ] {
            check_variables(kind, count, expected)?;
        }
        points.validate(|j| format!("row {j}"), |_| None)?;
        let tech = self.scaled.technology();
        let (x_scale, y_scale) = (&self.scaled.input_means, &self.scaled.output_means);
        let rows: Vec<(&[f64], &[f64])> = points.rows().collect();
        let solve = |(lp, x, y): &mut (Simplex, Vec<f64>, Vec<f64>),
                     (xj, yj): &(&[f64], &[f64])| {
            for ((scaled, v), m) in x.iter_mut().zip(*xj).zip(x_scale) {
                *scaled = v / m;
            }
            for ((scaled, v), m) in y.iter_mut().zip(*yj).zip(y_scale) {
                *scaled = v / m;
            }
            farrell(lp, tech, x, y, orientation, returns_to_scale).ok()
        };
        let workspace = || {
            (
                Simplex::default(),
                vec![0.0; points.n_inputs],
                vec![0.0; points.n_outputs],
            )
        };
        cancel.map_init("efficiency against a frontier", &rows, workspace, solve)
    }
}

/// A point measured against a frontier must have the frontier's numbers of variables.
fn check_variables(kind: &str, count: usize, expected: usize) -> Result<()> {
    if count == expected {
        return Ok(());
    }
    Err(Error::InvalidParameter {
        name: format!("{kind}s"),
        reason: format!("{count} {kind}s where the frontier's units have {expected}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_radial_value_that_is_no_number_is_no_efficiency() {
        for phi in [0.0, -1.0, f64::NAN] {
            assert_eq!(
                efficiency_of_radial(phi, Orientation::Output),
                Err(Failure::Infeasible)
            );
        }
        assert_eq!(efficiency_of_radial(0.5, Orientation::Output), Ok(2.0));
        assert_eq!(efficiency_of_radial(0.5, Orientation::Input), Ok(0.5));
        assert_eq!(
            efficiency_of_radial(f64::NAN, Orientation::Input),
            Err(Failure::Infeasible)
        );
    }

    /// Found by the C-boundary fuzz target: one unit's input 2·10⁻³¹¹ beside another's
    /// 4·10¹⁰. Every constant-returns efficiency is then of order 10⁻³¹⁰ (each unit is
    /// dominated by the first one's ray); the solver stopped short of that optimum by less
    /// than its absolute cost tolerance and reported efficiencies up to 10³⁰⁹ times too
    /// large, and scale efficiency infinite. Now each is either right or undefined.
    #[test]
    fn units_twenty_orders_of_magnitude_apart_get_no_wrong_efficiency() {
        use crate::efficiency::dea::Dea;
        let x = [
            483.05,
            195.05,
            78.05,
            528.05,
            38671482879.99999,
            50.05,
            2040.05,
            2.1877776604847e-311,
        ];
        let y = [
            40.05, 208.05, 0.05, 0.05, 0.05, 0.05, 0.05, 48.05, 384.05, 1365.05, 543.05, 102.05,
            416.05, 255.05, 1785.05, 0.05,
        ];
        let data = Production::new(&x, 1, &y, 2).unwrap();
        for orientation in [Orientation::Input, Orientation::Output] {
            let r = Dea::new(orientation, ReturnsToScale::Variable)
                .compute(&data)
                .unwrap();
            for j in 0..x.len() {
                // The exact constant-returns efficiency: the best ratio of any unit's input to
                // the input it needs to cover unit j's outputs, over unit j's input.
                let exact = (0..x.len())
                    .map(|i| {
                        let lambda = (0..2)
                            .map(|o| y[2 * j + o] / y[2 * i + o])
                            .fold(0.0, f64::max);
                        lambda * x[i] / x[j]
                    })
                    .fold(f64::INFINITY, f64::min);
                if let Some(t) = r.technical[j] {
                    assert!(
                        (t / exact - 1.0).abs() < 1e-6,
                        "{orientation:?} unit {j}: {t} vs {exact}"
                    );
                }
                if let (Some(t), Some(p)) = (r.technical[j], r.pure_technical[j]) {
                    assert!(t <= p * (1.0 + 1e-9), "unit {j}: CRS {t} above VRS {p}");
                }
                if let Some(s) = r.scale[j] {
                    assert!(
                        s.is_finite() && s > 0.0 && s <= 1.0 + 1e-9,
                        "unit {j}: scale {s}"
                    );
                }
            }
        }
        // Unit 3's variable-returns optimum is exact arithmetic: 48/102 of unit 5 and the rest
        // of unit 7 cover its outputs with 48/102 × 50.05 (+ 10⁻³¹¹) of input.
        let r = Dea::new(Orientation::Input, ReturnsToScale::Variable)
            .compute(&data)
            .unwrap();
        let expected = 48.0 / 102.0 * 50.05 / 528.05;
        let got = r.pure_technical[3].expect("unit 3 under VRS");
        assert!((got / expected - 1.0).abs() < 1e-9, "{got} vs {expected}");
    }

    #[test]
    fn units_a_trillion_times_less_efficient_are_measured() {
        // Issue 18, item 11: data spanning 8 and more orders of magnitude gave no efficiency.
        use crate::efficiency::dea::Dea;
        for k in [6, 9, 10, 12, 14] {
            let tiny = 10f64.powi(-k);
            let x = [1.0, 1.0, 1.0, 1.0, 1.0];
            let y = [1.0, 0.5, 0.25, 2.0, tiny];
            let data = Production::new(&x, 1, &y, 1).unwrap();
            for orientation in [Orientation::Input, Orientation::Output] {
                let r = Dea::new(orientation, ReturnsToScale::Constant)
                    .compute(&data)
                    .unwrap();
                let e = r.efficiency[4].unwrap_or_else(|| panic!("k = {k}, {orientation:?}"));
                assert!((e / (tiny / 2.0) - 1.0).abs() < 1e-9, "k = {k}: {e}");
            }
            // One unit using 10^k times the input of the others: every variable is divided by
            // its mean before solving, so the others' inputs become ~10^-k and the problem
            // itself spans k orders of magnitude. Measured up to k = 9; beyond, the result is
            // undefined (None), never wrong (README, "DEA and the Malmquist index").
            if k > 9 {
                continue;
            }
            let big = [1.0, 1.0, 1.0, 1.0, 10f64.powi(k)];
            let y = [1.0, 0.5, 0.25, 2.0, 1.0];
            let data = Production::new(&big, 1, &y, 1).unwrap();
            let r = Dea::new(Orientation::Input, ReturnsToScale::Constant)
                .compute(&data)
                .unwrap();
            let e = r.efficiency[4].unwrap();
            assert!(
                (e / (0.5 * 10f64.powi(-k)) - 1.0).abs() < 1e-9,
                "k = {k}: {e}"
            );
        }
    }
}
