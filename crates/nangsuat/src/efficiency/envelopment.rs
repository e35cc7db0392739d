//! The DEA envelopment linear programme and the revised simplex that solves it.
//!
//! Every DEA problem in this crate has the same shape (Coelli, Rao, O'Donnell & Battese 2005,
//! *An Introduction to Efficiency and Productivity Analysis*, 2nd ed., ch. 8, eqs. 8.1–8.7):
//! one column per reference unit (its inputs, its outputs and, except under constant returns,
//! a 1 in the convexity row), one radial variable (θ or φ), and one slack per row. In
//! equality form, for the evaluated unit `o`:
//!
//! | orientation | rows `i` (inputs)            | rows `r` (outputs)          | objective |
//! |-------------|------------------------------|-----------------------------|-----------|
//! | input       | Σλx_ij − θx_io + s_i = 0     | Σλy_rj − t_r = y_ro         | min θ     |
//! | output      | Σλx_ij + s_i = x_io          | Σλy_rj − φy_ro − t_r = 0    | max φ     |
//!
//! plus `Σλ = 1` (VRS), `Σλ + s = 1` (NIRS) or `Σλ − t = 1` (NDRS). The second stage
//! (slacks) fixes θ or φ at its optimum, moves it to the right-hand side, and maximises the
//! sum of slacks (Coelli et al. 2005, eq. 8.8).
//!
//! The number of rows `k` is tiny (inputs + outputs + 1) while the number of columns is the
//! number of units, so a revised simplex with an explicit `k × k` basis inverse is the right
//! tool: each iteration prices every unit's column as `−π·a_j`, accumulated over the data
//! laid out by variable (one contiguous row per input or output across units: `k`
//! vectorised passes, skipping zero multipliers), and touches nothing else of size `n`. All
//! buffers live in a reusable [`Simplex`], so solving many problems allocates nothing after
//! the first. Degenerate stalls switch pricing from Dantzig's rule to Bland's rule, which
//! cannot cycle; the basis is refactorised when each phase ends, so answers carry no drift
//! from the updates.

use crate::efficiency::model::{Orientation, ReturnsToScale};

/// A reduced cost below `-COST_TOLERANCE` improves the objective.
const COST_TOLERANCE: f64 = 1e-10;
/// A unit's reduced cost below `-RELATIVE_COST_TOLERANCE` times the magnitude of its terms
/// means the solver stopped short of the optimum (see [`Simplex::optimal_on_own_scale`]).
const RELATIVE_COST_TOLERANCE: f64 = 1e-6;
/// Below this magnitude a double has fewer than its 53 significant bits in the products the
/// solver forms (`MIN_POSITIVE / EPSILON` ≈ 10⁻²⁹²).
const SMALLEST_PRECISE: f64 = f64::MIN_POSITIVE / f64::EPSILON;
/// Pivot elements smaller than this are treated as zero in the ratio test.
const PIVOT_TOLERANCE: f64 = 1e-9;
/// Phase 1 ends feasible when the artificials sum to at most this times the largest
/// right-hand side (at least 1; data are mean-scaled).
const FEASIBILITY_TOLERANCE: f64 = 1e-9;
/// Degenerate pivots in a row before pricing switches to Bland's rule.
const DEGENERATE_STREAK: usize = 50;
/// Iterations per problem before giving up (never reached on well-posed data in our tests).
const ITERATION_LIMIT: usize = 100_000;

/// A reference technology, mean-scaled, in two layouts: by unit (`columns`: each unit's
/// inputs, outputs and a 1 for the convexity row, `width` values apart), for the few columns
/// a pivot needs; and by variable (`rows`), for pricing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Technology<'a> {
    /// `units × width` values, by unit.
    pub columns: &'a [f64],
    /// Stride between units: [`column_width`] of the inputs and outputs.
    pub width: usize,
    /// Inputs per unit.
    pub n_inputs: usize,
    /// Outputs per unit.
    pub n_outputs: usize,
    /// The same data by variable: row `r` (inputs, outputs, then ones) holds every unit's
    /// value at `rows[r * stride + offset..][..units]`, so pricing runs along contiguous rows.
    pub rows: &'a [f64],
    /// Distance between two variables' rows in `rows`.
    pub stride: usize,
    /// Position of this technology's first unit within each row.
    pub offset: usize,
}

impl<'a> Technology<'a> {
    /// Number of reference units.
    pub fn units(&self) -> usize {
        self.columns.len() / self.width
    }

    /// Variable `r`'s values over the units.
    fn row(&self, r: usize) -> &'a [f64] {
        let start = r * self.stride + self.offset;
        &self.rows[start..start + self.units()]
    }
}

/// The rows (by variable, ones last) of packed columns: `(n_inputs + n_outputs + 1) × units`.
pub(crate) fn transpose(columns: &[f64], width: usize, variables: usize) -> Vec<f64> {
    let units = columns.len() / width;
    let mut rows = vec![0.0; variables * units];
    for (j, column) in columns.chunks_exact(width).enumerate() {
        for (r, &v) in column[..variables].iter().enumerate() {
            rows[r * units + j] = v;
        }
    }
    rows
}

/// Width of a packed column: inputs, outputs and the convexity 1.
pub(crate) fn column_width(n_inputs: usize, n_outputs: usize) -> usize {
    n_inputs + n_outputs + 1
}

/// Appends one unit's packed column.
pub(crate) fn push_column(columns: &mut Vec<f64>, x: &[f64], y: &[f64], width: usize) {
    let start = columns.len();
    columns.extend_from_slice(x);
    columns.extend_from_slice(y);
    columns.push(1.0);
    debug_assert_eq!(columns.len(), start + width);
}

/// Why a problem has no optimal solution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No point of the technology lies on the unit's ray.
    Infeasible,
    /// The objective has no bound.
    Unbounded,
    /// The iteration limit was reached.
    NotConverged,
    /// The solver stopped at a point that is not optimal on the problem's own scale: a unit's
    /// column still improves the objective, by less than the absolute tolerance but by all
    /// its own magnitude (data spanning more orders of magnitude than a double resolves).
    Imprecise,
}

/// Which of the two DEA stages a solve is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// Optimise θ (input) or φ (output).
    Radial,
    /// θ or φ fixed at the given value; maximise the sum of slacks.
    Slacks(f64),
}

/// Reusable workspace for envelopment problems with at most a few dozen rows.
#[derive(Debug, Default)]
pub(crate) struct Simplex {
    k: usize,
    n: usize,
    m: usize,
    s: usize,
    /// Right-hand side per row.
    rhs: Vec<f64>,
    /// Coefficient of each row's slack: +1, −1, or 0 (no slack: equality row).
    slack_sign: Vec<f64>,
    /// The radial variable's column, when it is a variable (first stage).
    radial: Vec<f64>,
    radial_active: bool,
    /// Phase-2 cost of the radial variable and of each slack.
    radial_cost: f64,
    slack_cost: Vec<f64>,
    /// Basis inverse, row-major `k × k`.
    binv: Vec<f64>,
    /// Variable in each basis position.
    basis: Vec<usize>,
    /// Basis position of each variable (`usize::MAX` if nonbasic); indexed by variable.
    position: Vec<usize>,
    /// Values of the basic variables.
    xb: Vec<f64>,
    /// Simplex multipliers.
    pi: Vec<f64>,
    /// Reduced costs of the units' columns.
    reduced: Vec<f64>,
    /// Entering column, and `B⁻¹` times it.
    column: Vec<f64>,
    /// Scratch for [`Simplex::refactor`].
    refactor_work: Vec<f64>,
    direction: Vec<f64>,
    /// Scratch: the evaluated unit's radial direction divided by its largest element.
    scaled_direction: Vec<f64>,
    /// What λ and the slacks of the last solution are multiplied by to be in the problem's
    /// own units (`d` of a constant-returns [`Simplex::radial`]; 1 otherwise).
    solution_scale: f64,
}

/// Below this, an optimal φ of the scaled problem (see [`Simplex::radial`]) is zero up to
/// round-off: the technology cannot make any positive multiple of the unit's outputs from its
/// inputs (its efficiency would be infinite). Found by the property tests: φ ≈ 3e-18 came out
/// of a problem whose exact answer is φ = 0.
pub(crate) const ZERO_EXPANSION: f64 = 1e-9;

impl Simplex {
    /// Index of the radial variable; slacks follow it, then artificials.
    fn radial_var(&self) -> usize {
        self.n
    }
    fn slack_var(&self, row: usize) -> usize {
        self.n + 1 + row
    }
    fn artificial_var(&self, row: usize) -> usize {
        self.n + 1 + self.k + row
    }

    /// Solves the first stage for the evaluated unit (`x`, `y`, mean-scaled) against `tech`:
    /// returns θ (input orientation) or φ (output orientation).
    ///
    /// The radial direction (the unit's inputs, or its outputs) is divided by its largest
    /// element before solving and the optimum multiplied back: θ·x_o = (θc)·(x_o/c). A unit
    /// a billion times less efficient than the frontier (θ ≈ 1e-12, or φ ≈ 1e12) then solves
    /// as a problem whose optimum is of order one, instead of drowning in the solver's
    /// tolerances. `Err(Infeasible)` where the scaled optimum is zero up to round-off
    /// ([`ZERO_EXPANSION`]): no point of the technology lies on the unit's ray.
    pub fn radial(
        &mut self,
        tech: Technology<'_>,
        x: &[f64],
        y: &[f64],
        orientation: Orientation,
        rts: ReturnsToScale,
    ) -> Result<f64, Failure> {
        let (direction, other) = match orientation {
            Orientation::Input => (x, y),
            Orientation::Output => (y, x),
        };
        let largest = |v: &[f64]| {
            let l = v.iter().fold(0.0f64, |a, &v| a.max(v.abs()));
            if l > 0.0 && l.is_finite() { l } else { 1.0 }
        };
        let c = largest(direction);
        // Under constant returns the problem is also homogeneous in the other side (λ scales
        // with it), so that side is brought to order one too: θ(x, y) = d·θ(x, y/d).
        let d = if rts == ReturnsToScale::Constant {
            largest(other)
        } else {
            1.0
        };
        let mut scaled = std::mem::take(&mut self.scaled_direction);
        scaled.clear();
        scaled.extend(direction.iter().map(|v| v / c));
        scaled.extend(other.iter().map(|v| v / d));
        let (scaled_direction, scaled_other) = scaled.split_at(direction.len());
        let (sx, sy) = match orientation {
            Orientation::Input => (scaled_direction, scaled_other),
            Orientation::Output => (scaled_other, scaled_direction),
        };
        self.setup(tech, sx, sy, orientation, rts, Stage::Radial);
        let outcome = self.run(tech);
        self.scaled_direction = scaled;
        self.solution_scale = d;
        outcome?;
        if !self.optimal_on_own_scale(tech) {
            return Err(Failure::Imprecise);
        }
        let value = self.value(self.radial_var());
        if orientation == Orientation::Output && value <= ZERO_EXPANSION {
            return Err(Failure::Infeasible);
        }
        // An optimum, or its value in the problem's units, in the subnormal range has lost
        // most of its digits (10⁻³¹³ came out 0.1 % off): no answer rather than a wrong one.
        let subnormal = |v: f64| v != 0.0 && v.abs() < SMALLEST_PRECISE;
        let radial = d * value / c;
        if subnormal(value) || subnormal(radial) {
            return Err(Failure::Imprecise);
        }
        Ok(radial)
    }

    /// Solves the second stage: θ or φ fixed at `radial`, slacks maximised. Afterwards
    /// [`Simplex::lambdas`] and [`Simplex::slack_values`] read the solution.
    pub fn slacks(
        &mut self,
        tech: Technology<'_>,
        x: &[f64],
        y: &[f64],
        orientation: Orientation,
        rts: ReturnsToScale,
        radial: f64,
    ) -> Result<(), Failure> {
        self.setup(tech, x, y, orientation, rts, Stage::Slacks(radial));
        self.solution_scale = 1.0;
        self.run(tech)
    }

    /// Weights of the reference units in the last solution, as `(unit, λ)` with `λ > 0`.
    pub fn lambdas(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.basis
            .iter()
            .zip(&self.xb)
            .filter(|&(&var, &value)| var < self.n && value > PIVOT_TOLERANCE)
            .map(|(&var, &value)| (var, value * self.solution_scale))
    }

    /// Input slacks then output slacks of the last solution (mean-scaled units); round-off
    /// below the pivot tolerance is reported as the zero it is.
    pub fn slack_values(&self, out: &mut [f64]) {
        for (row, slot) in out.iter_mut().enumerate().take(self.m + self.s) {
            let value = self.value(self.slack_var(row));
            *slot = if value > PIVOT_TOLERANCE {
                value * self.solution_scale
            } else {
                0.0
            };
        }
    }

    /// Whether the final basis is optimal in relative terms, not only within the absolute
    /// tolerance the iterations price with: no unit's column or slack has a reduced cost
    /// below zero by more than [`RELATIVE_COST_TOLERANCE`] of the magnitude of its terms
    /// (`Σ|π_r a_rj|` for a unit), where that magnitude is above round-off. On data spanning twenty orders
    /// of magnitude (found by the C-boundary fuzz target: one unit's input 10⁻³¹¹ beside
    /// others of 10¹⁰), the whole problem's duals are of order 10⁻⁸, the best unit's reduced
    /// cost was −5·10⁻¹² (all of its magnitude) and the solver stopped with an efficiency
    /// 10³⁰⁹ times too large; this check turns that into no answer.
    fn optimal_on_own_scale(&mut self, tech: Technology<'_>) -> bool {
        let k = self.k;
        // π = c_B B⁻¹ from the fresh inverse.
        self.pi.iter_mut().for_each(|p| *p = 0.0);
        for r in 0..k {
            let c = self.cost(self.basis[r], false);
            if c != 0.0 {
                for (p, b) in self.pi.iter_mut().zip(&self.binv[r * k..(r + 1) * k]) {
                    *p += c * b;
                }
            }
        }
        let pi_size = self.pi.iter().fold(0.0f64, |m, p| m.max(p.abs()));
        let round_off = 64.0 * f64::EPSILON * (k as f64) * pi_size;
        // A slack's reduced cost is `c − π_r·sign`: its one term is all its magnitude, so any
        // multiplier of the wrong sign above round-off is a slack that still improves.
        let slacks_optimal = (0..k).all(|row| {
            let var = self.slack_var(row);
            let sign = self.slack_sign[row];
            if sign == 0.0 || self.position[var] != usize::MAX {
                return true;
            }
            let term = self.pi[row] * sign;
            let reduced = self.cost(var, false) - term;
            !(term.abs() > round_off && reduced < -RELATIVE_COST_TOLERANCE * term.abs())
        });
        slacks_optimal
            && (0..tech.units()).all(|j| {
                if self.position[j] != usize::MAX {
                    return true;
                }
                let a = &tech.columns[j * tech.width..j * tech.width + k];
                let (mut dot, mut magnitude, mut largest) = (0.0f64, 0.0f64, 0.0f64);
                for (p, a) in self.pi.iter().zip(a) {
                    dot += p * a;
                    magnitude += (p * a).abs();
                    largest = largest.max(a.abs());
                }
                let reduced = -dot;
                !(magnitude > round_off * largest && reduced < -RELATIVE_COST_TOLERANCE * magnitude)
            })
    }

    fn value(&self, var: usize) -> f64 {
        match self.position.get(var) {
            Some(&p) if p != usize::MAX => self.xb[p],
            _ => 0.0,
        }
    }

    fn setup(
        &mut self,
        tech: Technology<'_>,
        x: &[f64],
        y: &[f64],
        orientation: Orientation,
        rts: ReturnsToScale,
        stage: Stage,
    ) {
        let (m, s) = (tech.n_inputs, tech.n_outputs);
        let convexity = rts != ReturnsToScale::Constant;
        let k = m + s + usize::from(convexity);
        self.k = k;
        self.n = tech.units();
        self.m = m;
        self.s = s;
        for buffer in [
            &mut self.rhs,
            &mut self.slack_sign,
            &mut self.radial,
            &mut self.slack_cost,
            &mut self.xb,
            &mut self.pi,
            &mut self.column,
            &mut self.direction,
        ] {
            buffer.clear();
            buffer.resize(k, 0.0);
        }
        self.binv.clear();
        self.binv.resize(k * k, 0.0);
        self.basis.clear();
        self.basis.resize(k, usize::MAX);
        self.position.clear();
        self.position.resize(self.n + 1 + 2 * k, usize::MAX);

        // Rows: inputs have a slack (≤), outputs a surplus (≥).
        for row in 0..m {
            self.slack_sign[row] = 1.0;
        }
        for row in m..m + s {
            self.slack_sign[row] = -1.0;
        }
        if convexity {
            self.slack_sign[k - 1] = match rts {
                ReturnsToScale::NonIncreasing => 1.0,
                ReturnsToScale::NonDecreasing => -1.0,
                _ => 0.0,
            };
            self.rhs[k - 1] = 1.0;
        }
        match (orientation, stage) {
            (Orientation::Input, Stage::Radial) => {
                self.rhs[m..m + s].copy_from_slice(y);
                for (c, &xi) in self.radial[..m].iter_mut().zip(x) {
                    *c = -xi;
                }
                self.radial_cost = 1.0;
            }
            (Orientation::Output, Stage::Radial) => {
                self.rhs[..m].copy_from_slice(x);
                for (c, &yr) in self.radial[m..m + s].iter_mut().zip(y) {
                    *c = -yr;
                }
                self.radial_cost = -1.0;
            }
            (Orientation::Input, Stage::Slacks(theta)) => {
                for (b, &xi) in self.rhs[..m].iter_mut().zip(x) {
                    *b = theta * xi;
                }
                self.rhs[m..m + s].copy_from_slice(y);
            }
            (Orientation::Output, Stage::Slacks(phi)) => {
                self.rhs[..m].copy_from_slice(x);
                for (b, &yr) in self.rhs[m..m + s].iter_mut().zip(y) {
                    *b = phi * yr;
                }
            }
        }
        self.radial_active = stage == Stage::Radial;
        if !self.radial_active {
            self.radial_cost = 0.0;
            for cost in &mut self.slack_cost[..m + s] {
                *cost = -1.0;
            }
        }
        // Starting basis: a slack with coefficient +1 (or −1 on a zero right-hand side),
        // otherwise an artificial.
        for row in 0..k {
            let b = self.rhs[row].max(0.0);
            self.rhs[row] = b;
            let sign = self.slack_sign[row];
            let var = if sign > 0.0 || (sign < 0.0 && b == 0.0) {
                self.binv[row * k + row] = sign;
                self.slack_var(row)
            } else {
                self.binv[row * k + row] = 1.0;
                self.artificial_var(row)
            };
            self.basis[row] = var;
            self.position[var] = row;
            self.xb[row] = b;
        }
    }

    fn is_artificial(&self, var: usize) -> bool {
        var > self.n + self.k
    }

    fn run(&mut self, tech: Technology<'_>) -> Result<(), Failure> {
        let k = self.k;
        if (0..k).any(|r| self.is_artificial(self.basis[r])) {
            self.iterate(tech, true)?;
            self.refactor(tech);
            let infeasibility: f64 = (0..k)
                .filter(|&r| self.is_artificial(self.basis[r]))
                .map(|r| self.xb[r].abs())
                .sum();
            let scale = self.rhs.iter().fold(1.0f64, |m, b| m.max(b.abs()));
            if infeasibility > FEASIBILITY_TOLERANCE * scale {
                return Err(Failure::Infeasible);
            }
            self.drive_out_artificials(tech);
        }
        self.iterate(tech, false)?;
        // The answer is read from a fresh inverse, not from the updates' accumulated round-off.
        self.refactor(tech);
        Ok(())
    }

    /// Rebuilds `B⁻¹` from the basis columns (Gauss–Jordan with partial pivoting, `k³` with
    /// `k` tiny) and recomputes `x_B = B⁻¹ b`. Keeps the updated inverse if the fresh one is
    /// numerically singular.
    fn refactor(&mut self, tech: Technology<'_>) {
        let k = self.k;
        // [B | I] in `work`, row-major k × 2k.
        let mut work = std::mem::take(&mut self.refactor_work);
        work.clear();
        work.resize(k * 2 * k, 0.0);
        for c in 0..k {
            self.load_column(tech, self.basis[c]);
            for r in 0..k {
                work[r * 2 * k + c] = self.column[r];
            }
        }
        for r in 0..k {
            work[r * 2 * k + k + r] = 1.0;
        }
        let mut singular = false;
        for c in 0..k {
            let pivot = (c..k)
                .max_by(|&a, &b| {
                    work[a * 2 * k + c]
                        .abs()
                        .total_cmp(&work[b * 2 * k + c].abs())
                })
                .unwrap_or(c);
            let p = work[pivot * 2 * k + c];
            if p.abs() < 1e-13 {
                singular = true;
                break;
            }
            if pivot != c {
                for j in 0..2 * k {
                    work.swap(pivot * 2 * k + j, c * 2 * k + j);
                }
            }
            for j in 0..2 * k {
                work[c * 2 * k + j] /= p;
            }
            for r in 0..k {
                let factor = work[r * 2 * k + c];
                if r != c && factor != 0.0 {
                    for j in 0..2 * k {
                        work[r * 2 * k + j] -= factor * work[c * 2 * k + j];
                    }
                }
            }
        }
        if !singular {
            for r in 0..k {
                self.binv[r * k..(r + 1) * k]
                    .copy_from_slice(&work[r * 2 * k + k..(r + 1) * 2 * k]);
            }
            for r in 0..k {
                let row = &self.binv[r * k..(r + 1) * k];
                self.xb[r] = row.iter().zip(&self.rhs).map(|(b, v)| b * v).sum();
            }
        }
        self.refactor_work = work;
    }

    /// Cost of a variable in phase 1 (artificials) or phase 2 (the objective).
    fn cost(&self, var: usize, phase_one: bool) -> f64 {
        if phase_one {
            return if self.is_artificial(var) { 1.0 } else { 0.0 };
        }
        if var < self.n {
            0.0
        } else if var == self.n {
            self.radial_cost
        } else if var <= self.n + self.k {
            self.slack_cost[var - self.n - 1]
        } else {
            0.0
        }
    }

    /// `a_var` into `self.column`.
    fn load_column(&mut self, tech: Technology<'_>, var: usize) {
        let k = self.k;
        self.column.iter_mut().for_each(|c| *c = 0.0);
        if var < self.n {
            let start = var * tech.width;
            self.column.copy_from_slice(&tech.columns[start..start + k]);
        } else if var == self.n {
            self.column.copy_from_slice(&self.radial);
        } else if var <= self.n + k {
            let row = var - self.n - 1;
            self.column[row] = self.slack_sign[row];
        } else {
            self.column[var - self.n - 1 - k] = 1.0;
        }
    }

    /// Reduced cost `c_j − π·a_j` of the radial variable or a slack, or `None` if the
    /// variable may not enter (the fixed radial variable, artificials).
    fn reduced_cost(&self, var: usize, phase_one: bool) -> Option<f64> {
        if var == self.n {
            if !self.radial_active {
                return None;
            }
            let dot: f64 = self.pi.iter().zip(&self.radial).map(|(p, a)| p * a).sum();
            return Some(self.cost(var, phase_one) - dot);
        }
        let row = var - self.n - 1;
        if row < self.k && self.slack_sign[row] != 0.0 {
            return Some(self.cost(var, phase_one) - self.pi[row] * self.slack_sign[row]);
        }
        None
    }

    /// The entering variable and its reduced cost: the most negative reduced cost (Dantzig),
    /// or the first negative one (Bland). The units' columns are priced in one pass over
    /// their rows; the few other columns after them.
    fn price(
        &mut self,
        tech: Technology<'_>,
        phase_one: bool,
        bland: bool,
    ) -> (Option<usize>, f64) {
        let k = self.k;
        let (mut entering, mut best) = self.price_units(tech, bland);
        if bland && entering.is_some() {
            return (entering, best);
        }
        for var in self.n..self.n + 1 + k {
            if self.position[var] != usize::MAX {
                continue;
            }
            if let Some(d) = self.reduced_cost(var, phase_one)
                && d < best
            {
                entering = Some(var);
                best = d;
                if bland {
                    break;
                }
            }
        }
        (entering, best)
    }

    /// Pricing of the units' columns: λ costs nothing in either phase, so the reduced costs
    /// are `−π·a_j`, accumulated row by row over contiguous memory (a vectorised axpy per
    /// nonzero multiplier); then the most negative wins (Dantzig), or the first (Bland).
    fn price_units(&mut self, tech: Technology<'_>, bland: bool) -> (Option<usize>, f64) {
        let n = tech.units();
        let reduced = &mut self.reduced;
        reduced.clear();
        reduced.resize(n, 0.0);
        for (r, &p) in self.pi.iter().enumerate() {
            if p != 0.0 {
                for (d, a) in reduced.iter_mut().zip(tech.row(r)) {
                    *d -= p * a;
                }
            }
        }
        let mut entering = None;
        let mut best = -COST_TOLERANCE;
        for (j, &d) in reduced.iter().enumerate() {
            if d < best && self.position[j] == usize::MAX {
                entering = Some(j);
                best = d;
                if bland {
                    break;
                }
            }
        }
        (entering, best)
    }

    fn iterate(&mut self, tech: Technology<'_>, phase_one: bool) -> Result<(), Failure> {
        let k = self.k;
        let mut degenerate = 0usize;
        for _ in 0..ITERATION_LIMIT {
            // π = c_B B⁻¹
            self.pi.iter_mut().for_each(|p| *p = 0.0);
            for r in 0..k {
                let c = self.cost(self.basis[r], phase_one);
                if c != 0.0 {
                    let row = &self.binv[r * k..(r + 1) * k];
                    for (p, b) in self.pi.iter_mut().zip(row) {
                        *p += c * b;
                    }
                }
            }
            // Pricing: Dantzig's rule, or Bland's after a run of degenerate pivots.
            let bland = degenerate >= DEGENERATE_STREAK;
            let (entering, _) = self.price(tech, phase_one, bland);
            let Some(q) = entering else {
                return Ok(());
            };
            // Direction u = B⁻¹ a_q.
            self.load_column(tech, q);
            for r in 0..k {
                let row = &self.binv[r * k..(r + 1) * k];
                self.direction[r] = row.iter().zip(&self.column).map(|(b, a)| b * a).sum();
            }
            // Ratio test (ties: the larger pivot, or the smaller variable under Bland).
            let mut leaving: Option<usize> = None;
            let mut best_ratio = f64::INFINITY;
            for r in 0..k {
                let u = self.direction[r];
                if u <= PIVOT_TOLERANCE {
                    continue;
                }
                let ratio = self.xb[r].max(0.0) / u;
                let better = match leaving {
                    None => true,
                    Some(l) => {
                        if ratio < best_ratio - 1e-12 {
                            true
                        } else if ratio <= best_ratio + 1e-12 {
                            if bland {
                                self.basis[r] < self.basis[l]
                            } else {
                                u > self.direction[l]
                            }
                        } else {
                            false
                        }
                    }
                };
                if better {
                    leaving = Some(r);
                    best_ratio = ratio;
                }
            }
            let Some(p) = leaving else {
                return Err(Failure::Unbounded);
            };
            degenerate = if best_ratio <= 1e-12 {
                degenerate + 1
            } else {
                0
            };
            self.pivot(p, q, best_ratio);
        }
        Err(Failure::NotConverged)
    }

    /// Replaces the basic variable of row `p` by `q`, whose direction is in `self.direction`.
    fn pivot(&mut self, p: usize, q: usize, step: f64) {
        let k = self.k;
        let up = self.direction[p];
        for r in 0..k {
            if r != p {
                self.xb[r] -= step * self.direction[r];
            }
        }
        self.xb[p] = step;
        for c in 0..k {
            self.binv[p * k + c] /= up;
        }
        for r in 0..k {
            let factor = self.direction[r];
            if r == p || factor == 0.0 {
                continue;
            }
            for c in 0..k {
                self.binv[r * k + c] -= factor * self.binv[p * k + c];
            }
        }
        let old = self.basis[p];
        self.position[old] = usize::MAX;
        self.basis[p] = q;
        self.position[q] = p;
    }

    /// After phase 1, pivots zero-valued artificials out of the basis where any real column
    /// has a nonzero entry in their row; a row where none has is redundant and keeps its
    /// artificial at zero (no pivot can change it).
    fn drive_out_artificials(&mut self, tech: Technology<'_>) {
        let k = self.k;
        for p in 0..k {
            if !self.is_artificial(self.basis[p]) {
                continue;
            }
            self.xb[p] = 0.0;
            let candidates = self.n + 1 + k;
            for var in 0..candidates {
                if self.position[var] != usize::MAX {
                    continue;
                }
                if var == self.n && !self.radial_active {
                    continue;
                }
                if var > self.n && var <= self.n + k && self.slack_sign[var - self.n - 1] == 0.0 {
                    continue;
                }
                self.load_column(tech, var);
                let row = &self.binv[p * k..(p + 1) * k];
                let entry: f64 = row.iter().zip(&self.column).map(|(b, a)| b * a).sum();
                if entry.abs() > PIVOT_TOLERANCE {
                    for r in 0..k {
                        let row = &self.binv[r * k..(r + 1) * k];
                        self.direction[r] = row.iter().zip(&self.column).map(|(b, a)| b * a).sum();
                    }
                    self.pivot(p, var, 0.0);
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::efficiency::production::Scaled;

    /// A technology of one input and one output per unit (unscaled).
    fn one_input_one_output(x: &[f64], y: &[f64]) -> Scaled {
        let width = column_width(1, 1);
        let mut columns = Vec::new();
        for (xi, yi) in x.iter().zip(y) {
            push_column(&mut columns, &[*xi], &[*yi], width);
        }
        Scaled::new(columns, width, 1, 1, (vec![1.0], vec![1.0]))
    }

    /// One input, one output: the CRS frontier is the best output/input ratio.
    #[test]
    fn one_input_one_output_crs_is_the_ratio_to_the_best_ratio() {
        let x = [2.0, 4.0, 3.0, 5.0, 6.0];
        let y = [1.0, 2.0, 3.0, 4.0, 5.0];
        let scaled = one_input_one_output(&x, &y);
        let tech = scaled.technology();
        let mut lp = Simplex::default();
        for o in 0..5 {
            let expected = y[o] / x[o]; // the best ratio is 1
            for orientation in [Orientation::Input, Orientation::Output] {
                let value = lp
                    .radial(
                        tech,
                        &x[o..=o],
                        &y[o..=o],
                        orientation,
                        ReturnsToScale::Constant,
                    )
                    .unwrap_or(f64::NAN);
                // θ is the efficiency; φ its reciprocal.
                let efficiency = match orientation {
                    Orientation::Input => value,
                    Orientation::Output => 1.0 / value,
                };
                assert!(
                    (efficiency - expected).abs() < 1e-12,
                    "{orientation:?} unit {o}"
                );
            }
        }
    }

    #[test]
    fn a_unit_outside_the_vrs_hull_is_infeasible_not_an_error() {
        // Reference units use 2..6 of the input; a unit with input 1 has no convex
        // combination using at most its input.
        let x = [2.0, 4.0, 6.0];
        let y = [1.0, 2.0, 3.0];
        let scaled = one_input_one_output(&x, &y);
        let tech = scaled.technology();
        let mut lp = Simplex::default();
        let result = lp.radial(
            tech,
            &[1.0],
            &[1.0],
            Orientation::Output,
            ReturnsToScale::Variable,
        );
        assert_eq!(result, Err(Failure::Infeasible));
        // Input orientation: output 10 exceeds every convex combination's output.
        let result = lp.radial(
            tech,
            &[3.0],
            &[10.0],
            Orientation::Input,
            ReturnsToScale::Variable,
        );
        assert_eq!(result, Err(Failure::Infeasible));
    }
}
