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
//! use nangsuat::dea::{Dea, Orientation, Production, ReturnsToScale};
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

use crate::envelopment::{Failure, Simplex, Technology, column_width, push_column, transpose};
use crate::error::{Error, Result};

/// Whether efficiency is measured by shrinking inputs or by expanding outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    /// Radial contraction of inputs at given outputs (θ).
    Input,
    /// Radial expansion of outputs at given inputs (φ; efficiency is 1/φ).
    Output,
}

impl Orientation {
    /// The stable name: `input` or `output`.
    pub fn name(self) -> &'static str {
        match self {
            Orientation::Input => "input",
            Orientation::Output => "output",
        }
    }

    /// Parses a stable name (`in` and `out` are accepted too).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for any other text.
    pub fn from_name(name: &str) -> Result<Orientation> {
        match name {
            "input" | "in" => Ok(Orientation::Input),
            "output" | "out" => Ok(Orientation::Output),
            other => Err(Error::InvalidParameter {
                name: "orientation".into(),
                reason: format!("`{other}` is not an orientation; expected `input` or `output`"),
            }),
        }
    }
}

/// Returns to scale of the reference technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ReturnsToScale {
    /// Constant returns (CCR): any scaling of an observed unit is feasible.
    #[serde(rename = "crs")]
    Constant,
    /// Variable returns (BCC): convex combinations only (`Σλ = 1`).
    #[serde(rename = "vrs")]
    Variable,
    /// Non-increasing returns (`Σλ ≤ 1`).
    #[serde(rename = "nirs")]
    NonIncreasing,
    /// Non-decreasing returns (`Σλ ≥ 1`).
    #[serde(rename = "ndrs")]
    NonDecreasing,
}

impl ReturnsToScale {
    /// The stable name: `crs`, `vrs`, `nirs` or `ndrs`.
    pub fn name(self) -> &'static str {
        match self {
            ReturnsToScale::Constant => "crs",
            ReturnsToScale::Variable => "vrs",
            ReturnsToScale::NonIncreasing => "nirs",
            ReturnsToScale::NonDecreasing => "ndrs",
        }
    }

    /// Parses a stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for any other text.
    pub fn from_name(name: &str) -> Result<ReturnsToScale> {
        match name {
            "crs" => Ok(ReturnsToScale::Constant),
            "vrs" => Ok(ReturnsToScale::Variable),
            "nirs" => Ok(ReturnsToScale::NonIncreasing),
            "ndrs" => Ok(ReturnsToScale::NonDecreasing),
            other => Err(Error::InvalidParameter {
                name: "rts".into(),
                reason: format!(
                    "`{other}` is not a returns-to-scale assumption; expected `crs`, `vrs`, \
                     `nirs` or `ndrs`"
                ),
            }),
        }
    }
}

/// Where a unit stands relative to its most productive scale size (DEAP's last column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// Inputs and outputs of a set of units, borrowed, row-major: row `j` of `inputs` holds unit
/// `j`'s `n_inputs` inputs.
///
/// Every value must be finite and non-negative, every unit must use some input and make some
/// output, and every input and output must be positive for some unit.
#[derive(Debug, Clone, Copy)]
pub struct Production<'a> {
    inputs: &'a [f64],
    outputs: &'a [f64],
    n_inputs: usize,
    n_outputs: usize,
    input_names: Option<&'a [String]>,
    output_names: Option<&'a [String]>,
}

impl<'a> Production<'a> {
    /// Wraps row-major input and output matrices.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for zero variables or a length that is not a whole number of
    /// rows; [`Error::LengthMismatch`] when the two matrices have different numbers of rows;
    /// [`Error::Empty`] for no units. Values are checked by the computations, which name the
    /// unit.
    pub fn new(
        inputs: &'a [f64],
        n_inputs: usize,
        outputs: &'a [f64],
        n_outputs: usize,
    ) -> Result<Self> {
        for (what, values, count) in [
            ("inputs", inputs, n_inputs),
            ("outputs", outputs, n_outputs),
        ] {
            if count == 0 {
                return Err(Error::InvalidParameter {
                    name: format!("n_{what}"),
                    reason: format!("DEA needs at least one of the {what}"),
                });
            }
            if values.len() % count != 0 {
                return Err(Error::InvalidParameter {
                    name: what.into(),
                    reason: format!(
                        "{} values do not make whole rows of {count} {what} each",
                        values.len()
                    ),
                });
            }
        }
        let units = inputs.len() / n_inputs;
        if outputs.len() / n_outputs != units {
            return Err(Error::LengthMismatch {
                series: "outputs (rows)".into(),
                expected: units,
                actual: outputs.len() / n_outputs,
            });
        }
        if units == 0 {
            return Err(Error::Empty {
                series: "inputs".into(),
                needed: 1,
            });
        }
        Ok(Production {
            inputs,
            outputs,
            n_inputs,
            n_outputs,
            input_names: None,
            output_names: None,
        })
    }

    /// Names the inputs and outputs in error messages (otherwise `input 1`, `output 2`, …).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when a list does not have one name per variable.
    pub fn with_names(mut self, inputs: &'a [String], outputs: &'a [String]) -> Result<Self> {
        for (kind, names, expected) in [
            ("input", inputs, self.n_inputs),
            ("output", outputs, self.n_outputs),
        ] {
            if names.len() != expected {
                return Err(Error::InvalidParameter {
                    name: format!("{kind} names"),
                    reason: format!(
                        "{} names for {expected} {kind}s: one name per {kind}",
                        names.len()
                    ),
                });
            }
        }
        self.input_names = Some(inputs);
        self.output_names = Some(outputs);
        Ok(self)
    }

    /// How messages name variable `v` (from 0) of `kind` (`input` or `output`).
    fn variable(&self, kind: &str, v: usize) -> String {
        let names = if kind == "input" {
            self.input_names
        } else {
            self.output_names
        };
        match names.and_then(|n| n.get(v)) {
            Some(name) => format!("{kind} `{name}`"),
            None => format!("{kind} {}", v + 1),
        }
    }

    /// Number of units (rows).
    pub fn units(&self) -> usize {
        self.inputs.len() / self.n_inputs
    }

    /// Inputs per unit.
    pub fn n_inputs(&self) -> usize {
        self.n_inputs
    }

    /// Outputs per unit.
    pub fn n_outputs(&self) -> usize {
        self.n_outputs
    }

    /// Unit `j`'s inputs, or `None` past the last unit.
    pub fn inputs_of(&self, j: usize) -> Option<&'a [f64]> {
        self.inputs.chunks_exact(self.n_inputs).nth(j)
    }

    /// Unit `j`'s outputs, or `None` past the last unit.
    pub fn outputs_of(&self, j: usize) -> Option<&'a [f64]> {
        self.outputs.chunks_exact(self.n_outputs).nth(j)
    }

    /// Every unit's inputs and outputs, in row order.
    fn rows(&self) -> impl Iterator<Item = (&'a [f64], &'a [f64])> + 'a {
        self.inputs
            .chunks_exact(self.n_inputs)
            .zip(self.outputs.chunks_exact(self.n_outputs))
    }

    /// Checks every value; `label(j)` names unit `j` and `period(j)` its period in messages.
    pub(crate) fn validate(
        &self,
        label: impl Fn(usize) -> String,
        period: impl Fn(usize) -> Option<i32>,
    ) -> Result<()> {
        for (j, (x, y)) in self.rows().enumerate() {
            for (kind, values) in [("input", x), ("output", y)] {
                for (v, &value) in values.iter().enumerate() {
                    if !value.is_finite() {
                        return Err(Error::NonFinite {
                            series: self.variable(kind, v),
                            entity: Some(label(j)),
                            year: period(j).unwrap_or(0),
                            value,
                        });
                    }
                    if value < 0.0 {
                        return Err(Error::OutOfRange {
                            name: format!("{} of unit `{}`", self.variable(kind, v), label(j)),
                            year: period(j),
                            value,
                            expected: "a non-negative quantity".into(),
                        });
                    }
                }
                if values.iter().all(|&v| v == 0.0) {
                    return Err(Error::InvalidParameter {
                        name: format!("{kind}s of unit `{}`", label(j)),
                        reason: format!(
                            "every {kind} is zero{}: DEA needs each unit to use some input and \
                             make some output",
                            period(j)
                                .map(|p| format!(" in period {p}"))
                                .unwrap_or_default()
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// The scale of each variable: its mean over the units, or 1 for a variable that is zero
    /// for every unit (it constrains nothing, and stays zero).
    fn scales(&self) -> (Vec<f64>, Vec<f64>) {
        let n = self.units() as f64;
        let mut x = vec![0.0; self.n_inputs];
        let mut y = vec![0.0; self.n_outputs];
        for (xj, yj) in self.rows() {
            for (m, v) in x.iter_mut().zip(xj) {
                *m += v / n;
            }
            for (m, v) in y.iter_mut().zip(yj) {
                *m += v / n;
            }
        }
        for m in x.iter_mut().chain(y.iter_mut()) {
            if *m <= 0.0 {
                *m = 1.0;
            }
        }
        (x, y)
    }

    /// The data divided by the column means, packed as envelopment columns.
    pub(crate) fn scaled(&self) -> Scaled {
        let (x_mean, y_mean) = self.scales();
        let width = column_width(self.n_inputs, self.n_outputs);
        let mut columns = Vec::with_capacity(self.units() * width);
        let mut x = vec![0.0; self.n_inputs];
        let mut y = vec![0.0; self.n_outputs];
        for (xj, yj) in self.rows() {
            for ((scaled, v), m) in x.iter_mut().zip(xj).zip(&x_mean) {
                *scaled = v / m;
            }
            for ((scaled, v), m) in y.iter_mut().zip(yj).zip(&y_mean) {
                *scaled = v / m;
            }
            push_column(&mut columns, &x, &y, width);
        }
        Scaled::new(
            columns,
            width,
            self.n_inputs,
            self.n_outputs,
            (x_mean, y_mean),
        )
    }
}

/// Mean-scaled copies of a [`Production`], packed as envelopment columns.
#[derive(Debug, Clone)]
pub(crate) struct Scaled {
    pub columns: Vec<f64>,
    /// The same values by variable (see [`Technology::rows`]).
    pub rows: Vec<f64>,
    pub width: usize,
    pub n_inputs: usize,
    pub n_outputs: usize,
    pub input_means: Vec<f64>,
    pub output_means: Vec<f64>,
}

impl Scaled {
    /// Packed columns, their width, the variable counts and the scales.
    pub fn new(
        columns: Vec<f64>,
        width: usize,
        n_inputs: usize,
        n_outputs: usize,
        (input_means, output_means): (Vec<f64>, Vec<f64>),
    ) -> Scaled {
        let rows = transpose(&columns, width, n_inputs + n_outputs + 1);
        Scaled {
            columns,
            rows,
            width,
            n_inputs,
            n_outputs,
            input_means,
            output_means,
        }
    }

    pub fn technology(&self) -> Technology<'_> {
        Technology {
            columns: &self.columns,
            width: self.width,
            n_inputs: self.n_inputs,
            n_outputs: self.n_outputs,
            rows: &self.rows,
            stride: self.columns.len() / self.width,
            offset: 0,
        }
    }
    pub fn x(&self, j: usize) -> &[f64] {
        let start = j * self.width;
        &self.columns[start..start + self.n_inputs]
    }
    pub fn y(&self, j: usize) -> &[f64] {
        let start = j * self.width + self.n_inputs;
        &self.columns[start..start + self.n_outputs]
    }
}

/// Below this, an optimal φ is zero up to round-off: the technology cannot make any positive
/// multiple of the unit's outputs from its inputs (its efficiency would be infinite).
const ZERO_EXPANSION: f64 = 1e-9;

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
/// [`ZERO_EXPANSION`] is zero up to round-off and means no point on the ray.
fn efficiency_of_radial(value: f64, orientation: Orientation) -> std::result::Result<f64, Failure> {
    let efficiency = match orientation {
        Orientation::Input => value,
        Orientation::Output if value > ZERO_EXPANSION => 1.0 / value,
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
/// use nangsuat::dea::{Frontier, Orientation, Production, ReturnsToScale};
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
pub struct Frontier {
    scaled: Scaled,
    names: Option<(Vec<String>, Vec<String>)>,
}

impl Frontier {
    /// The frontier of `data`'s units (validated and mean-scaled once).
    ///
    /// # Errors
    /// As [`Dea::compute`].
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
    /// the frontier; otherwise the errors of [`Dea::compute`] for `points`' values, naming the row.
    pub fn efficiencies(
        &self,
        points: &Production<'_>,
        orientation: Orientation,
        returns_to_scale: ReturnsToScale,
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
        #[cfg(feature = "rayon")]
        let out = {
            use rayon::prelude::*;
            rows.par_iter().map_init(workspace, solve).collect()
        };
        #[cfg(not(feature = "rayon"))]
        let out = {
            let mut w = workspace();
            rows.iter().map(|r| solve(&mut w, r)).collect()
        };
        Ok(out)
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

/// A DEA model: orientation, returns to scale, and whether to compute slacks and peers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dea {
    orientation: Orientation,
    returns_to_scale: ReturnsToScale,
    slacks: bool,
}

/// Efficiencies, slacks and peers of every unit (row-aligned with the input).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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
    /// [`Error::NonFinite`] or [`Error::OutOfRange`] for a NaN, infinite or negative value
    /// (naming the variable and the unit, counted from 0); [`Error::InvalidParameter`] for a
    /// unit with no positive input or output. (A variable that is zero for every unit is
    /// allowed: it constrains nothing.)
    pub fn compute(&self, data: &Production<'_>) -> Result<Efficiency> {
        data.validate(|j| format!("row {j}"), |_| None)?;
        let scaled = data.scaled();
        let units = data.units();
        let per_unit = |lp: &mut Simplex, j: usize| self.unit(lp, &scaled, j);
        #[cfg(feature = "rayon")]
        let results: Vec<UnitResult> = {
            use rayon::prelude::*;
            (0..units)
                .into_par_iter()
                .map_init(Simplex::default, per_unit)
                .collect()
        };
        #[cfg(not(feature = "rayon"))]
        let results: Vec<UnitResult> = {
            let mut lp = Simplex::default();
            (0..units).map(|j| per_unit(&mut lp, j)).collect()
        };
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
    fn a_zero_expansion_up_to_round_off_is_no_efficiency() {
        // φ ≈ 3e-18 once came out of a problem whose exact answer is φ = 0 (efficiency 3.6e17).
        for phi in [0.0, 3e-18, 1e-10] {
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
