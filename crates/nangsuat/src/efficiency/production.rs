//! The production data set: inputs and outputs of a set of units, and the mean-scaled
//! envelopment columns the solver prices.

use crate::efficiency::envelopment::{Technology, column_width, push_column, transpose};
use crate::error::{Error, Result};

/// Inputs and outputs of a set of units, borrowed, row-major: row `j` of `inputs` holds unit
/// `j`'s `n_inputs` inputs.
///
/// Every value must be finite and non-negative, every unit must use some input and make some
/// output, and every input and output must be positive for some unit.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Production<'a> {
    pub(super) inputs: &'a [f64],
    pub(super) outputs: &'a [f64],
    pub(super) n_inputs: usize,
    pub(super) n_outputs: usize,
    pub(super) input_names: Option<&'a [String]>,
    pub(super) output_names: Option<&'a [String]>,
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
    pub(super) fn rows(&self) -> impl Iterator<Item = (&'a [f64], &'a [f64])> + 'a {
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
