//! Stochastic frontier analysis: the Battese–Coelli models as FRONTIER 4.1 estimates them.
//!
//! Production frontier `y_it = x_it β + v_it − u_it` (cost frontier: `+ u_it`), data in logs as
//! given, `v ~ N(0, σ_v²)`, `u ≥ 0`, in FRONTIER's parameters `σ² = σ_v² + σ_u²` and
//! `γ = σ_u²/σ²` (Coelli 1996, *A Guide to FRONTIER Version 4.1*, CEPA WP 96/07):
//!
//! * [`Model::ErrorComponents`] (Battese & Coelli 1992): `u_it = exp(−η(t − T))·u_i`,
//!   `u_i ~ N⁺(μ, σ_u²)`; μ = 0 is half-normal, η = 0 time-invariant. `T` is the last period of
//!   the sample (as in FRONTIER and R's `frontier`), so `u_it = u_i` in the last period.
//!   Panels may be unbalanced; without units every row is its own unit (a cross-section).
//! * [`Model::InefficiencyEffects`] (Battese & Coelli 1995): `u_it ~ N⁺(z_it δ, σ_u²)`
//!   independently, with or without the intercept `δ₀`.
//!
//! **Estimation** follows FRONTIER: OLS; a grid search over `γ = 0.1, 0.2, …, 0.9` and then
//! ±0.05 around the best in steps of 0.01, with `σ²` and `β₀` adjusted from OLS by the
//! corrected-OLS formulas (`σ² = s²_ML/(1 − 2γ/π)`, `β₀ += √(2γσ²/π)`) and μ, η, δ at zero;
//! then quasi-Newton maximisation of the log-likelihood. FRONTIER uses Davidon–Fletcher–Powell
//! with a Coggin line search and numerical-free analytic gradients; here BFGS with a
//! strong-Wolfe line search and the analytic gradient, over `(β, δ, ln σ², logit γ, μ, η)`
//! so that every trial point is admissible. Convergence: the scaled gradient
//! `max_i |∂ℓ/∂φ_i|·max(1, |φ_i|)/max(1, |ℓ|)` below [`Sfa::tolerance`] (default 1e-9) —
//! far tighter than FRONTIER's test (relative changes in ℓ and in every parameter
//! below 1e-5 between iterations), so the estimates here sit at the maximum where FRONTIER's
//! stop a little short of it; [`Convergence`] reports what happened.
//!
//! **Standard errors** come from the inverse of the negative Hessian at the optimum, the
//! Hessian taken by central differences of the analytic gradient in FRONTIER's parameters.
//! FRONTIER prints the DFP approximation to the inverse Hessian accumulated along its
//! iteration path instead; it approaches the true inverse Hessian only as the path gets long,
//! so FRONTIER's standard errors depend on the starting values and differ from these (by a
//! few per cent on FRONTIER's first example).
//!
//! **Results**: named parameters, standard errors, t-ratios, log-likelihoods (OLS and
//! frontier), the one-sided LR test of no inefficiency with Kodde & Palm's critical values
//! ([`kodde_palm`]), technical efficiencies `E[exp(−u_it) | ε_i]` (Battese & Coelli 1988; for a
//! cost frontier the cost efficiency `E[exp(u_it) | ε_i] ≥ 1`, as FRONTIER reports it), Jondrow
//! et al.'s (1982) `E[u_it | ε_i]`, mean efficiency by period and, for BC95, the marginal
//! effects of `z` on `E[u]`. OLS residuals skewed the wrong way (positive for a production
//! frontier) are reported in [`SfaFit::wrong_skewness`]: the maximum is then at or near
//! `γ = 0`, reported in [`SfaFit::boundary`].
//!
//! # Example
//! FRONTIER 4.1's first example (Coelli 1996, `eg1`: 60 firms, one period):
//! ```
//! use nangsuat::efficiency::sfa::{Sfa, SfaInput};
//! # let text = include_str!("../../../tests/fixtures/frontier41/eg1-dta.txt");
//! # let rows: Vec<Vec<f64>> = text.lines().filter(|l| !l.trim().is_empty())
//! #     .map(|l| l.split_whitespace().map(|v| v.parse().unwrap()).collect()).collect();
//! # let y: Vec<f64> = rows.iter().map(|r| r[2]).collect();
//! # let x: Vec<f64> = rows.iter().flat_map(|r| [r[3], r[4]]).collect();
//! // y: 60 log outputs; x: 60 rows of (log capital, log labour), row-major.
//! let input = SfaInput::new(&y, &x, 2)?;
//! let fit = Sfa::error_components().fit(&input)?;
//! // FRONTIER prints −17.027229: its likelihood uses π ≈ 3.1415926 in single precision.
//! assert!((fit.log_likelihood - -17.027231).abs() < 1e-6);
//! assert!((fit.params[4] - 0.79720730).abs() < 1e-3); // γ
//! assert!((fit.efficiency[0].unwrap() - 0.65068880).abs() < 1e-4);
//! assert!(fit.lr_test.statistic > fit.lr_test.critical_value_5pct); // inefficiency matters
//! # Ok::<(), nangsuat::Error>(())
//! ```

mod likelihood;
mod linalg;
mod normal;
mod optimize;
mod report;
mod translog;

pub mod kodde_palm;

pub use translog::{Design, translog};

use std::collections::BTreeMap;

use crate::cancel::Cancel;
use crate::error::{Error, Result};
use likelihood::{Layout, Problem};
use optimize::Stop;

/// Which inefficiency model to estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Model {
    /// Battese & Coelli (1992): `u_it = exp(−η(t − T))·u_i`, `u_i ~ N⁺(μ, σ_u²)`.
    ErrorComponents {
        /// Estimate μ (truncated normal); otherwise μ = 0 (half-normal).
        mu: bool,
        /// Estimate η (time-varying); otherwise η = 0 (time-invariant). Needs periods.
        eta: bool,
    },
    /// Battese & Coelli (1995): `u_it ~ N⁺(z_it δ, σ_u²)`.
    InefficiencyEffects {
        /// Include the intercept `δ₀`.
        intercept: bool,
    },
}

/// The data of a frontier: logged output (or cost), logged regressors, and optionally units,
/// periods and inefficiency regressors. Slices are borrowed; rows may come in any order.
#[derive(Debug, Clone)]
pub struct SfaInput<'a> {
    y: &'a [f64],
    x: &'a [f64],
    k: usize,
    units: Option<&'a [i64]>,
    periods: Option<&'a [i64]>,
    z: Option<(&'a [f64], usize)>,
    x_names: Option<Vec<String>>,
    z_names: Option<Vec<String>>,
}

fn check_finite(name: &str, values: &[f64], width: usize) -> Result<()> {
    if let Some((i, v)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        let place = if width > 1 {
            format!("{name}[row {}, column {}]", i / width, i % width)
        } else {
            format!("{name}[row {i}]")
        };
        return Err(Error::OutOfRange {
            name: place,
            year: None,
            value: *v,
            expected: "a finite number (frontier data are logs of positive values)".into(),
        });
    }
    Ok(())
}

impl<'a> SfaInput<'a> {
    /// `y`: one value per row; `x`: row-major `rows × k` regressors (no column of ones: the
    /// intercept `β₀` is added). Every value must be finite.
    pub fn new(y: &'a [f64], x: &'a [f64], k: usize) -> Result<Self> {
        if y.is_empty() {
            return Err(Error::Empty {
                series: "y".into(),
                needed: 1,
            });
        }
        if x.len() != y.len() * k {
            return Err(Error::LengthMismatch {
                series: "x".into(),
                expected: y.len() * k,
                actual: x.len(),
            });
        }
        check_finite("y", y, 1)?;
        check_finite("x", x, k)?;
        Ok(SfaInput {
            y,
            x,
            k,
            units: None,
            periods: None,
            z: None,
            x_names: None,
            z_names: None,
        })
    }

    /// The unit (firm) of each row; rows of one unit share its `u_i` in the error-components
    /// model. Without units every row is its own unit. In the inefficiency-effects model units
    /// only label rows (with periods, a repeated unit-period is still an error).
    pub fn units(mut self, units: &'a [i64]) -> Result<Self> {
        if units.len() != self.y.len() {
            return Err(Error::LengthMismatch {
                series: "unit".into(),
                expected: self.y.len(),
                actual: units.len(),
            });
        }
        self.units = Some(units);
        Ok(self)
    }

    /// The period of each row (integers, e.g. years or 1…T).
    pub fn periods(mut self, periods: &'a [i64]) -> Result<Self> {
        if periods.len() != self.y.len() {
            return Err(Error::LengthMismatch {
                series: "period".into(),
                expected: self.y.len(),
                actual: periods.len(),
            });
        }
        self.periods = Some(periods);
        Ok(self)
    }

    /// Inefficiency regressors for [`Model::InefficiencyEffects`]: row-major `rows × p`,
    /// without a column of ones (`δ₀` is added when asked for).
    pub fn effects(mut self, z: &'a [f64], p: usize) -> Result<Self> {
        if z.len() != self.y.len() * p {
            return Err(Error::LengthMismatch {
                series: "z".into(),
                expected: self.y.len() * p,
                actual: z.len(),
            });
        }
        check_finite("z", z, p)?;
        self.z = Some((z, p));
        Ok(self)
    }

    /// Names of the columns of `x` (for labels in reports; parameters are always named
    /// `beta_0, beta_1, …`).
    pub fn x_names(mut self, names: Vec<String>) -> Result<Self> {
        if names.len() != self.k {
            return Err(Error::LengthMismatch {
                series: "x names".into(),
                expected: self.k,
                actual: names.len(),
            });
        }
        self.x_names = Some(names);
        Ok(self)
    }

    /// Names of the columns of `z`.
    pub fn z_names(mut self, names: Vec<String>) -> Result<Self> {
        let p = self.z.map_or(0, |(_, p)| p);
        if names.len() != p {
            return Err(Error::LengthMismatch {
                series: "z names".into(),
                expected: p,
                actual: names.len(),
            });
        }
        self.z_names = Some(names);
        Ok(self)
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.y.len()
    }
}

/// A stochastic frontier specification: model, production or cost, and the optimiser's
/// settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sfa {
    model: Model,
    cost: bool,
    tolerance: f64,
    max_iterations: usize,
}

impl Sfa {
    /// The error-components model, half-normal and time-invariant until [`Sfa::mu`] or
    /// [`Sfa::eta`] say otherwise.
    pub fn error_components() -> Sfa {
        Sfa::new(Model::ErrorComponents {
            mu: false,
            eta: false,
        })
    }

    /// The inefficiency-effects model with `δ₀` (see [`Sfa::delta0`]).
    pub fn inefficiency_effects() -> Sfa {
        Sfa::new(Model::InefficiencyEffects { intercept: true })
    }

    /// Any model, production frontier, default tolerance (1e-9) and iteration limit (1000).
    pub fn new(model: Model) -> Sfa {
        Sfa {
            model,
            cost: false,
            tolerance: 1e-9,
            max_iterations: 1000,
        }
    }

    /// Estimate μ (error-components model; ignored for the effects model).
    pub fn mu(mut self, mu: bool) -> Sfa {
        if let Model::ErrorComponents { eta, .. } = self.model {
            self.model = Model::ErrorComponents { mu, eta };
        }
        self
    }

    /// Estimate η (error-components model; ignored for the effects model).
    pub fn eta(mut self, eta: bool) -> Sfa {
        if let Model::ErrorComponents { mu, .. } = self.model {
            self.model = Model::ErrorComponents { mu, eta };
        }
        self
    }

    /// Include `δ₀` (effects model; ignored for the error-components model).
    pub fn delta0(mut self, intercept: bool) -> Sfa {
        if let Model::InefficiencyEffects { .. } = self.model {
            self.model = Model::InefficiencyEffects { intercept };
        }
        self
    }

    /// A cost frontier (`+u`) instead of a production frontier.
    pub fn cost(mut self, cost: bool) -> Sfa {
        self.cost = cost;
        self
    }

    /// The convergence tolerance on the scaled gradient (see the module docs); must be in
    /// (0, 1e-3].
    pub fn tolerance(mut self, tolerance: f64) -> Sfa {
        self.tolerance = tolerance;
        self
    }

    /// The iteration limit of the quasi-Newton stage (at least 1).
    pub fn max_iterations(mut self, max_iterations: usize) -> Sfa {
        self.max_iterations = max_iterations;
        self
    }

    /// The model.
    pub fn model(&self) -> Model {
        self.model
    }

    /// Whether this is a cost frontier.
    pub fn is_cost(&self) -> bool {
        self.cost
    }
}

/// Ordinary least squares, FRONTIER's first stage.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Ols {
    /// `β₀, β₁, …`.
    pub beta: Vec<f64>,
    /// Their standard errors `√(s² (X'X)⁻¹)_jj`.
    pub std_errors: Vec<f64>,
    /// `s² = SSE/(n − K − 1)` (FRONTIER's "sigma-squared").
    pub sigma_sq: f64,
    /// Gaussian log-likelihood `−n/2 (ln 2π + ln(SSE/n) + 1)`.
    pub log_likelihood: f64,
    /// Sample skewness of the residuals, `m₃/m₂^{3/2}`.
    pub skewness: f64,
}

/// Why the quasi-Newton stage stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StopReason {
    /// The scaled gradient fell below the tolerance: converged.
    Gradient,
    /// No step improves the likelihood any more and the scaled gradient is below the square
    /// root of the tolerance: converged to machine precision.
    NoProgress,
    /// The line search could not improve the likelihood although the gradient is not small:
    /// not converged (often a maximum on the boundary of the parameter space).
    LineSearchFailed,
    /// The iteration limit was reached: not converged.
    MaxIterations,
}

impl StopReason {
    /// Why the iterations stopped, in words (as the FRONTIER-style output file says it).
    ///
    /// ```
    /// use nangsuat::efficiency::sfa::StopReason;
    /// assert_eq!(StopReason::Gradient.describe(), "converged (scaled gradient below tolerance)");
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            StopReason::Gradient => "converged (scaled gradient below tolerance)",
            StopReason::NoProgress => "converged to machine precision (no step improves)",
            StopReason::LineSearchFailed => {
                "not converged (the line search could not improve the likelihood)"
            }
            StopReason::MaxIterations => "not converged (iteration limit reached)",
        }
    }
}

/// How the maximisation went.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Convergence {
    /// Whether the estimates are a maximum (stop reason `Gradient` or `NoProgress`).
    pub converged: bool,
    /// Why the iterations stopped.
    pub stop: StopReason,
    /// Quasi-Newton iterations.
    pub iterations: usize,
    /// Likelihood evaluations, grid search included (each with its gradient after the grid).
    pub evaluations: usize,
    /// The scaled gradient at the estimates.
    pub scaled_gradient: f64,
    /// The tolerance it was compared with.
    pub tolerance: f64,
}

/// Where on the boundary of the parameter space the estimate of γ lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Boundary {
    /// γ below 1e-6: no detectable inefficiency (the frontier is the OLS line).
    GammaZero,
    /// γ above 1 − 1e-6: no detectable noise (a deterministic frontier).
    GammaOne,
}

/// The one-sided likelihood-ratio test of `H₀`: no inefficiency (γ = 0 and μ, η or δ zero).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct LrTest {
    /// `2 (ℓ_frontier − ℓ_OLS)`.
    pub statistic: f64,
    /// Number of restrictions (γ, plus μ and η where estimated, or every δ).
    pub restrictions: usize,
    /// The Kodde–Palm 5 % critical value for that many restrictions.
    pub critical_value_5pct: f64,
    /// The Kodde–Palm 1 % critical value.
    pub critical_value_1pct: f64,
    /// The p-value under the mixture `½ χ²(q − 1) + ½ χ²(q)`.
    pub p_value: f64,
}

/// The mean efficiency over the rows of one period.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct PeriodMean {
    /// The period.
    pub period: i64,
    /// Mean of the efficiencies of its rows.
    pub mean: f64,
    /// How many rows it has.
    pub rows: usize,
}

/// The likelihood and efficiencies at given parameters ([`Sfa::evaluate`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Evaluation {
    /// The log-likelihood.
    pub log_likelihood: f64,
    /// Efficiency per input row (as [`SfaFit::efficiency`]).
    pub efficiency: Vec<Option<f64>>,
    /// `E[u_it|ε_i]` per input row.
    pub inefficiency: Vec<Option<f64>>,
}

/// A fitted stochastic frontier.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SfaFit {
    /// The model estimated.
    pub model: Model,
    /// Whether it is a cost frontier.
    pub cost: bool,
    /// Parameter names in order: `beta_0, …, beta_K, [delta_0,] delta_1, …, sigma_sq, gamma,
    /// [mu,] [eta]`.
    pub names: Vec<String>,
    /// Labels for reports: the variable behind each β and δ where names were given.
    pub labels: Vec<Option<String>>,
    /// Maximum-likelihood estimates, in the order of `names`.
    pub params: Vec<f64>,
    /// Standard errors; `None` when the Hessian is not negative definite at the estimates
    /// (e.g. γ on the boundary), or for that parameter when its variance is not positive.
    pub std_errors: Vec<Option<f64>>,
    /// The covariance matrix (row-major, `params.len()²`), when the Hessian is invertible.
    pub covariance: Option<Vec<f64>>,
    /// The frontier's log-likelihood at the estimates.
    pub log_likelihood: f64,
    /// The first stage.
    pub ols: Ols,
    /// The starting values after FRONTIER's grid search.
    pub grid_start: Vec<f64>,
    /// The log-likelihood at `grid_start`.
    pub grid_log_likelihood: f64,
    /// How the maximisation went.
    pub convergence: Convergence,
    /// The LR test of no inefficiency.
    pub lr_test: LrTest,
    /// OLS residuals skewed the wrong way (positive for production, negative for cost): the
    /// data show no inefficiency and γ is driven to (or near) zero.
    pub wrong_skewness: bool,
    /// Where γ ended up on the boundary, if it did.
    pub boundary: Option<Boundary>,
    /// Technical efficiency `E[exp(−u_it)|ε_i]` per input row (cost: `E[exp(u_it)|ε_i]`);
    /// `None` where it cannot be computed.
    pub efficiency: Vec<Option<f64>>,
    /// Jondrow et al.'s `E[u_it|ε_i]` per input row.
    pub inefficiency: Vec<Option<f64>>,
    /// Mean of the defined efficiencies (`None` if none is defined).
    pub mean_efficiency: Option<f64>,
    /// Mean efficiency by period (empty without periods).
    pub mean_efficiency_by_period: Vec<PeriodMean>,
    /// BC95: the mean over rows of `∂E[u_it]/∂z_j = δ_j (1 − λ(m)(m + λ(m)))`,
    /// `m = z_it δ/σ_u`, `λ = φ/Φ`, for each `z_j` (not δ₀), named as in `names`.
    pub marginal_effects: Vec<(String, f64)>,
    /// Number of units (cross-sections).
    pub units: usize,
    /// Number of distinct periods (1 without periods).
    pub periods: usize,
    /// Number of rows.
    pub rows: usize,
}

impl SfaFit {
    /// The estimate named `name` (e.g. `"gamma"`).
    pub fn param(&self, name: &str) -> Option<f64> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| self.params[i])
    }

    /// t-ratios (estimate / standard error).
    pub fn t_ratios(&self) -> Vec<Option<f64>> {
        self.params
            .iter()
            .zip(&self.std_errors)
            .map(|(p, s)| s.map(|s| p / s))
            .collect()
    }

    /// The output as FRONTIER 4.1 prints it (OLS, grid search, final estimates with standard
    /// errors and t-ratios, log-likelihood, LR test, covariance, every efficiency).
    pub fn frontier_report(&self) -> String {
        report::frontier_report(self)
    }
}

/// Data prepared for the likelihood: rows sorted by unit, with the map back to input rows.
struct Prepared {
    problem: Problem,
    /// `order[r]` = input row of internal row `r`.
    order: Vec<usize>,
    units: usize,
    n_periods: usize,
}

fn prepare(sfa: &Sfa, input: &SfaInput<'_>) -> Result<Prepared> {
    let n = input.rows();
    let (mu, eta, kz, effects) = match sfa.model {
        Model::ErrorComponents { mu, eta } => {
            if input.z.is_some() {
                return Err(Error::InvalidParameter {
                    name: "z".into(),
                    reason: "inefficiency regressors belong to the inefficiency-effects model \
                             (Battese & Coelli 1995); the error-components model has none"
                        .into(),
                });
            }
            (mu, eta, 0, false)
        }
        Model::InefficiencyEffects { intercept } => {
            let p = input.z.map_or(0, |(_, p)| p);
            if p == 0 && !intercept {
                return Err(Error::InvalidParameter {
                    name: "z".into(),
                    reason: "the inefficiency-effects model needs δ₀ or at least one z variable"
                        .into(),
                });
            }
            (false, false, p + usize::from(intercept), true)
        }
    };
    if eta && input.periods.is_none() {
        return Err(Error::InvalidParameter {
            name: "eta".into(),
            reason: "time-varying inefficiency needs the period of each row".into(),
        });
    }
    if eta && input.units.is_none() {
        return Err(Error::InvalidParameter {
            name: "eta".into(),
            reason: "time-varying inefficiency needs the unit (firm) of each row".into(),
        });
    }
    // Sort rows by unit (then period) for the error-components model; keep input order
    // otherwise.
    let mut order: Vec<usize> = (0..n).collect();
    if let (Some(units), false) = (input.units, effects) {
        match input.periods {
            Some(p) => order.sort_by_key(|&r| (units[r], p[r])),
            None => order.sort_by_key(|&r| units[r]),
        }
    }
    // Duplicate (unit, period) pairs.
    if let (Some(units), Some(periods)) = (input.units, input.periods) {
        let mut seen = BTreeMap::new();
        for r in 0..n {
            if let Some(first) = seen.insert((units[r], periods[r]), r) {
                return Err(Error::InvalidParameter {
                    name: "unit, period".into(),
                    reason: format!(
                        "rows {first} and {r} are both unit {} in period {}: each unit may have \
                         one row per period",
                        units[r], periods[r]
                    ),
                });
            }
        }
    }
    let n_periods = input.periods.map_or(1, |p| {
        p.iter().collect::<std::collections::BTreeSet<_>>().len()
    });
    if eta && n_periods < 2 {
        return Err(Error::InvalidParameter {
            name: "eta".into(),
            reason: "η (time-varying inefficiency) is not identified with a single period: \
                     estimate the time-invariant model (eta = false)"
                .into(),
        });
    }
    let last = input
        .periods
        .map_or(0, |p| p.iter().copied().max().unwrap_or(0));
    let kb = input.k + 1;
    let mut y = Vec::with_capacity(n);
    let mut x = Vec::with_capacity(n * kb);
    let mut z = Vec::with_capacity(n * kz);
    let mut t_minus_last = Vec::with_capacity(n);
    for &r in &order {
        y.push(input.y[r]);
        x.push(1.0);
        x.extend_from_slice(&input.x[r * input.k..(r + 1) * input.k]);
        if effects {
            if kz > input.z.map_or(0, |(_, p)| p) {
                z.push(1.0);
            }
            if let Some((zv, p)) = input.z {
                z.extend_from_slice(&zv[r * p..(r + 1) * p]);
            }
        }
        t_minus_last.push(input.periods.map_or(0.0, |p| (p[r] - last) as f64));
    }
    let mut units_ranges = Vec::new();
    match (input.units, effects) {
        (Some(u), false) => {
            let mut lo = 0;
            for r in 1..=n {
                if r == n || u[order[r]] != u[order[lo]] {
                    units_ranges.push((lo, r));
                    lo = r;
                }
            }
        }
        _ => units_ranges.extend((0..n).map(|r| (r, r + 1))),
    }
    let units = match input.units {
        Some(u) => u.iter().collect::<std::collections::BTreeSet<_>>().len(),
        None => n,
    };
    let problem = Problem {
        kb,
        kz,
        mu,
        eta,
        sign: if sfa.cost { -1.0 } else { 1.0 },
        y,
        x,
        z,
        t_minus_last,
        units: units_ranges,
    };
    let params = problem.layout().len;
    if n <= params {
        return Err(Error::InsufficientData {
            what: format!("a stochastic frontier with {params} parameters"),
            needed: params + 1,
            available: n,
        });
    }
    Ok(Prepared {
        problem,
        order,
        units,
        n_periods,
    })
}

/// Column names of β: `x` names or `x1, x2, …` for error messages.
fn x_label(input: &SfaInput<'_>, j: usize) -> String {
    match &input.x_names {
        Some(names) if j > 0 => format!("beta_{j} ({})", names[j - 1]),
        _ => format!("beta_{j}"),
    }
}

fn ols(p: &Problem, input: &SfaInput<'_>) -> Result<Ols> {
    let (n, kb) = (p.rows(), p.kb);
    let mut xtx = vec![0.0; kb * kb];
    let mut xty = vec![0.0; kb];
    for r in 0..n {
        let xr = &p.x[r * kb..(r + 1) * kb];
        for i in 0..kb {
            xty[i] += xr[i] * p.y[r];
            for j in 0..=i {
                xtx[i * kb + j] += xr[i] * xr[j];
            }
        }
    }
    for i in 0..kb {
        for j in 0..i {
            xtx[j * kb + i] = xtx[i * kb + j];
        }
    }
    let l = linalg::cholesky(&xtx, kb).map_err(|j| Error::InvalidParameter {
        name: "x".into(),
        reason: format!(
            "the design matrix is singular: {} is a linear combination of the intercept and \
             the columns before it (do not include a column of ones: β₀ is added)",
            x_label(input, j)
        ),
    })?;
    let mut beta = xty;
    linalg::cholesky_solve(&l, kb, &mut beta);
    let resid: Vec<f64> = (0..n)
        .map(|r| {
            let xr = &p.x[r * kb..(r + 1) * kb];
            p.y[r] - xr.iter().zip(&beta).map(|(x, b)| x * b).sum::<f64>()
        })
        .collect();
    let sse: f64 = resid.iter().map(|e| e * e).sum();
    let nf = n as f64;
    let sigma_sq = sse / (n - kb) as f64;
    let inv = linalg::cholesky_inverse(&l, kb);
    let std_errors = (0..kb)
        .map(|j| (sigma_sq * inv[j * kb + j]).sqrt())
        .collect();
    let mean = resid.iter().sum::<f64>() / nf;
    let m2 = resid.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / nf;
    let m3 = resid.iter().map(|e| (e - mean).powi(3)).sum::<f64>() / nf;
    let skewness = if m2 > 0.0 { m3 / m2.powf(1.5) } else { 0.0 };
    if sse.is_nan() || sse <= 0.0 {
        return Err(Error::InvalidParameter {
            name: "y".into(),
            reason: "the regressors fit y exactly (zero residuals): there is neither noise nor \
                     inefficiency to estimate"
                .into(),
        });
    }
    let log_likelihood = -0.5 * nf * (normal::LN_2PI + (sse / nf).ln() + 1.0);
    Ok(Ols {
        beta,
        std_errors,
        sigma_sq,
        log_likelihood,
        skewness,
    })
}

/// FRONTIER's grid search over γ (Coelli 1996, §3): returns the best start and its ℓ, and the
/// number of likelihood evaluations.
fn grid_search(p: &Problem, lay: &Layout, o: &Ols) -> (Vec<f64>, f64, usize) {
    let n = p.rows() as f64;
    let var = o.sigma_sq * (n - p.kb as f64) / n;
    let mut best: Option<(Vec<f64>, f64)> = None;
    let mut evals = 0;
    let mut try_gamma = |g: f64, best: &mut Option<(Vec<f64>, f64)>| {
        let mut th = vec![0.0; lay.len];
        th[..p.kb].copy_from_slice(&o.beta);
        let s2 = var / (1.0 - normal::TWO_OVER_PI * g);
        th[0] += p.sign * (g * s2 * normal::TWO_OVER_PI).sqrt();
        th[lay.sigma_sq()] = s2;
        th[lay.gamma()] = g;
        evals += 1;
        let ll = p.log_likelihood(&th, None);
        if ll.is_finite() && best.as_ref().is_none_or(|(_, b)| ll > *b) {
            *best = Some((th, ll));
        }
    };
    for j in 1..=9 {
        try_gamma(j as f64 * 0.1, &mut best);
    }
    let centre = best.as_ref().map_or(0.5, |(t, _)| t[lay.gamma()]);
    for j in 0..=10 {
        try_gamma(centre - 0.05 + j as f64 * 0.01, &mut best);
    }
    let (th, ll) = best.unwrap_or_else(|| {
        let mut th = vec![0.0; lay.len];
        th[..p.kb].copy_from_slice(&o.beta);
        th[lay.sigma_sq()] = var / (1.0 - normal::TWO_OVER_PI * 0.5);
        th[lay.gamma()] = 0.5;
        (th, f64::NEG_INFINITY)
    });
    (th, ll, evals)
}

fn logistic(v: f64) -> f64 {
    if v >= 0.0 {
        1.0 / (1.0 + (-v).exp())
    } else {
        let e = v.exp();
        e / (1.0 + e)
    }
}

/// FRONTIER parameters → optimisation parameters `(β, δ, ln σ², logit γ, μ, η)`.
fn to_free(lay: &Layout, theta: &[f64]) -> Vec<f64> {
    let mut phi = theta.to_vec();
    phi[lay.sigma_sq()] = theta[lay.sigma_sq()].ln();
    let g = theta[lay.gamma()];
    phi[lay.gamma()] = (g / (1.0 - g)).ln();
    phi
}

fn from_free(lay: &Layout, phi: &[f64], theta: &mut [f64]) {
    theta.copy_from_slice(phi);
    theta[lay.sigma_sq()] = phi[lay.sigma_sq()].exp();
    theta[lay.gamma()] = logistic(phi[lay.gamma()]);
}

/// The Hessian of ℓ at `theta` by central differences of the analytic gradient, symmetrised.
fn hessian(p: &Problem, lay: &Layout, theta: &[f64]) -> Vec<f64> {
    let n = lay.len;
    let mut h = vec![0.0; n * n];
    let mut gp = vec![0.0; n];
    let mut gm = vec![0.0; n];
    for j in 0..n {
        let mut step = 1e-5 * theta[j].abs().max(1e-2);
        if j == lay.sigma_sq() {
            step = step.min(0.25 * theta[j]);
        }
        if j == lay.gamma() {
            step = step.min(0.25 * theta[j].min(1.0 - theta[j]));
        }
        let mut tp = theta.to_vec();
        tp[j] += step;
        let mut tm = theta.to_vec();
        tm[j] -= step;
        p.log_likelihood(&tp, Some(&mut gp));
        p.log_likelihood(&tm, Some(&mut gm));
        for i in 0..n {
            h[i * n + j] = (gp[i] - gm[i]) / (2.0 * step);
        }
    }
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (h[i * n + j] + h[j * n + i]);
            h[i * n + j] = m;
            h[j * n + i] = m;
        }
    }
    h
}

impl Sfa {
    /// Estimates the frontier on `input`.
    ///
    /// Errors: a model/data mismatch (z without the effects model, η without units and
    /// periods or with one period), duplicate unit-period rows, too few rows for the
    /// parameters, a singular design (collinear `x` or `z`), an invalid tolerance.
    pub fn fit(&self, input: &SfaInput<'_>) -> Result<SfaFit> {
        self.fit_inner(input, None, &Cancel::never())
    }

    /// Estimates the frontier from the caller's starting values (FRONTIER's "starting values:
    /// y" instruction) instead of the grid search: `start` in the order of
    /// [`SfaFit::names`], with `σ² > 0` and `0 < γ < 1`.
    pub fn fit_from(&self, input: &SfaInput<'_>, start: &[f64]) -> Result<SfaFit> {
        self.fit_inner(input, Some(start), &Cancel::never())
    }

    /// As [`Sfa::fit`] (from the grid search, or from `start` when given, as
    /// [`Sfa::fit_from`]), stopping with [`Error::Interrupted`] once `cancel` is set (read
    /// before each iteration of the optimiser).
    ///
    /// # Errors
    /// As [`Sfa::fit`], plus [`Error::Interrupted`].
    pub fn fit_cancellable(
        &self,
        input: &SfaInput<'_>,
        start: Option<&[f64]>,
        cancel: &Cancel,
    ) -> Result<SfaFit> {
        self.fit_inner(input, start, cancel)
    }

    /// The log-likelihood, efficiencies and `E[u|ε]` at the given parameters (in the order of
    /// [`SfaFit::names`]), without estimating: e.g. to evaluate published estimates.
    pub fn evaluate(&self, input: &SfaInput<'_>, params: &[f64]) -> Result<Evaluation> {
        let prep = prepare(self, input)?;
        let lay = prep.problem.layout();
        check_params(&lay, params, self.model, "params")?;
        let (efficiency, inefficiency) = efficiencies(&prep, params, self.cost);
        Ok(Evaluation {
            log_likelihood: prep.problem.log_likelihood(params, None),
            efficiency,
            inefficiency,
        })
    }

    fn fit_inner(
        &self,
        input: &SfaInput<'_>,
        start: Option<&[f64]>,
        cancel: &Cancel,
    ) -> Result<SfaFit> {
        if !(self.tolerance > 0.0 && self.tolerance <= 1e-3) {
            return Err(Error::OutOfRange {
                name: "tolerance".into(),
                year: None,
                value: self.tolerance,
                expected: "a number in (0, 0.001]".into(),
            });
        }
        if self.max_iterations == 0 {
            return Err(Error::InvalidParameter {
                name: "max_iterations".into(),
                reason: "at least one iteration is needed".into(),
            });
        }
        let prep = prepare(self, input)?;
        let p = &prep.problem;
        let lay = p.layout();
        let o = ols(p, input)?;
        if lay.kz > 0 {
            check_z_rank(p, input, self.model)?;
        }
        let (start, grid_ll, grid_evals) = match start {
            Some(start) => {
                check_params(&lay, start, self.model, "start")?;
                (start.to_vec(), p.log_likelihood(start, None), 1)
            }
            None => grid_search(p, &lay, &o),
        };
        let mut theta = vec![0.0; lay.len];
        let objective = |phi: &[f64], g: &mut [f64]| -> f64 {
            let mut th = vec![0.0; lay.len];
            from_free(&lay, phi, &mut th);
            let mut gt = vec![0.0; lay.len];
            let ll = p.log_likelihood(&th, Some(&mut gt));
            if !ll.is_finite() {
                return f64::INFINITY;
            }
            for (gi, gti) in g.iter_mut().zip(&gt) {
                *gi = -gti;
            }
            g[lay.sigma_sq()] = -gt[lay.sigma_sq()] * th[lay.sigma_sq()];
            let gm = th[lay.gamma()];
            g[lay.gamma()] = -gt[lay.gamma()] * gm * (1.0 - gm);
            -ll
        };
        let m = optimize::minimize(
            objective,
            to_free(&lay, &start),
            self.tolerance,
            self.max_iterations,
            cancel,
        )?;
        from_free(&lay, &m.x, &mut theta);
        let log_likelihood = p.log_likelihood(&theta, None);
        let stop = match m.stop {
            Stop::Gradient => StopReason::Gradient,
            Stop::NoProgress => StopReason::NoProgress,
            Stop::LineSearchFailed => StopReason::LineSearchFailed,
            Stop::MaxIterations => StopReason::MaxIterations,
        };
        let gamma = theta[lay.gamma()];
        let boundary = if gamma < 1e-6 {
            Some(Boundary::GammaZero)
        } else if gamma > 1.0 - 1e-6 {
            Some(Boundary::GammaOne)
        } else {
            None
        };
        // Covariance from the negative inverse Hessian.
        let (std_errors, covariance) = if boundary.is_none() {
            let h = hessian(p, &lay, &theta);
            let neg: Vec<f64> = h.iter().map(|v| -v).collect();
            match linalg::cholesky(&neg, lay.len) {
                Ok(l) => {
                    let cov = linalg::cholesky_inverse(&l, lay.len);
                    let se = (0..lay.len)
                        .map(|i| {
                            let v = cov[i * lay.len + i];
                            (v > 0.0 && v.is_finite()).then(|| v.sqrt())
                        })
                        .collect();
                    (se, Some(cov))
                }
                Err(_) => (vec![None; lay.len], None),
            }
        } else {
            (vec![None; lay.len], None)
        };
        let restrictions = 1 + lay.kz + usize::from(p.mu) + usize::from(p.eta);
        let statistic = 2.0 * (log_likelihood - o.log_likelihood);
        let lr_test = LrTest {
            statistic,
            restrictions,
            critical_value_5pct: kodde_palm::critical_value(restrictions, 0.05).unwrap_or(f64::NAN),
            critical_value_1pct: kodde_palm::critical_value(restrictions, 0.01).unwrap_or(f64::NAN),
            p_value: kodde_palm::mixed_chi_square_p_value(restrictions, statistic.max(0.0)),
        };
        let wrong_skewness = if self.cost {
            o.skewness < 0.0
        } else {
            o.skewness > 0.0
        };
        let (efficiency, inefficiency) = efficiencies(&prep, &theta, self.cost);
        let n = p.rows();
        let defined: Vec<f64> = efficiency.iter().flatten().copied().collect();
        let mean_efficiency =
            (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64);
        let mean_efficiency_by_period = match input.periods {
            Some(periods) => {
                let mut acc: BTreeMap<i64, (f64, usize)> = BTreeMap::new();
                for (r, e) in efficiency.iter().enumerate() {
                    if let Some(e) = e {
                        let a = acc.entry(periods[r]).or_insert((0.0, 0));
                        a.0 += e;
                        a.1 += 1;
                    }
                }
                acc.into_iter()
                    .map(|(period, (s, c))| PeriodMean {
                        period,
                        mean: s / c as f64,
                        rows: c,
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let names = param_names(&lay, self.model);
        // An estimate beyond the range of an f64 (data whose magnitudes overflow the
        // likelihood) is an error, never a fit that holds inf or NaN (found by the c_api fuzz
        // target: σ² = inf returned with success).
        if let Some((i, &v)) = theta.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(Error::OutOfRange {
                name: names[i].to_string(),
                year: None,
                value: v,
                expected: "a finite estimate: the search left the range of a 64-bit float; \
                     rescale the data (logs of values of ordinary magnitude)"
                    .into(),
            });
        }
        let labels = param_labels(&lay, self.model, input);
        let marginal_effects = marginal_effects(p, &lay, &theta, &names, self.model);
        Ok(SfaFit {
            model: self.model,
            cost: self.cost,
            names,
            labels,
            params: theta,
            std_errors,
            covariance,
            log_likelihood,
            ols: o,
            grid_start: start,
            grid_log_likelihood: grid_ll,
            convergence: Convergence {
                converged: matches!(stop, StopReason::Gradient | StopReason::NoProgress),
                stop,
                iterations: m.iterations,
                evaluations: m.evaluations + grid_evals,
                scaled_gradient: m.scaled_gradient,
                tolerance: self.tolerance,
            },
            lr_test,
            wrong_skewness,
            boundary,
            efficiency,
            inefficiency,
            mean_efficiency,
            mean_efficiency_by_period,
            marginal_effects,
            units: prep.units,
            periods: prep.n_periods,
            rows: n,
        })
    }
}

/// Efficiency and `E[u|ε]` per input row at `theta`.
fn efficiencies(
    prep: &Prepared,
    theta: &[f64],
    cost: bool,
) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    let p = &prep.problem;
    let (cond, weights) = p.conditional(theta);
    let n = p.rows();
    let mut efficiency = vec![None; n];
    let mut inefficiency = vec![None; n];
    for (ui, &(lo, hi)) in p.units.iter().enumerate() {
        let (mstar, sstar) = cond[ui];
        let c = mstar / sstar;
        let ln_phi_c = normal::ln_cdf(c);
        let lambda = normal::mills(c);
        for r in lo..hi {
            let w = weights[r];
            // E[exp(−t u)] with t = w (production) or −w (cost).
            let t = if cost { -w } else { w };
            let ln_e =
                -t * mstar + 0.5 * t * t * sstar * sstar + normal::ln_cdf(c - t * sstar) - ln_phi_c;
            let e = ln_e.exp();
            let u = w * (mstar + sstar * lambda);
            efficiency[prep.order[r]] = e.is_finite().then_some(e);
            inefficiency[prep.order[r]] = u.is_finite().then_some(u);
        }
    }
    (efficiency, inefficiency)
}

fn check_params(lay: &Layout, params: &[f64], model: Model, what: &str) -> Result<()> {
    if params.len() != lay.len {
        return Err(Error::LengthMismatch {
            series: what.into(),
            expected: lay.len,
            actual: params.len(),
        });
    }
    let names = param_names(lay, model);
    for (i, v) in params.iter().enumerate() {
        let ok = if i == lay.sigma_sq() {
            *v > 0.0 && v.is_finite()
        } else if i == lay.gamma() {
            *v > 0.0 && *v < 1.0
        } else {
            v.is_finite()
        };
        if !ok {
            return Err(Error::OutOfRange {
                name: format!("{what}: {}", names[i]),
                year: None,
                value: *v,
                expected: if i == lay.sigma_sq() {
                    "σ² > 0".into()
                } else if i == lay.gamma() {
                    "0 < γ < 1".into()
                } else {
                    "a finite number".into()
                },
            });
        }
    }
    Ok(())
}

fn check_z_rank(p: &Problem, input: &SfaInput<'_>, model: Model) -> Result<()> {
    let (n, kz) = (p.rows(), p.kz);
    let mut ztz = vec![0.0; kz * kz];
    for r in 0..n {
        let zr = &p.z[r * kz..(r + 1) * kz];
        for i in 0..kz {
            for j in 0..kz {
                ztz[i * kz + j] += zr[i] * zr[j];
            }
        }
    }
    linalg::cholesky(&ztz, kz).map(|_| ()).map_err(|j| {
        let intercept = matches!(model, Model::InefficiencyEffects { intercept: true });
        let name = if intercept && j == 0 {
            "delta_0".to_string()
        } else {
            let idx = if intercept { j } else { j + 1 };
            match &input.z_names {
                Some(names) => format!("delta_{idx} ({})", names[idx - 1]),
                None => format!("delta_{idx}"),
            }
        };
        Error::InvalidParameter {
            name: "z".into(),
            reason: format!(
                "the inefficiency regressors are collinear: {name} is a linear combination of \
                 the columns before it (δ₀ is added when asked for: do not include a column of ones)"
            ),
        }
    })
}

fn param_names(lay: &Layout, model: Model) -> Vec<String> {
    let mut names: Vec<String> = (0..lay.kb).map(|j| format!("beta_{j}")).collect();
    let first_delta = match model {
        Model::InefficiencyEffects { intercept: true } => 0,
        _ => 1,
    };
    names.extend((0..lay.kz).map(|j| format!("delta_{}", j + first_delta)));
    names.push("sigma_sq".into());
    names.push("gamma".into());
    if lay.mu.is_some() {
        names.push("mu".into());
    }
    if lay.eta.is_some() {
        names.push("eta".into());
    }
    names
}

fn param_labels(lay: &Layout, model: Model, input: &SfaInput<'_>) -> Vec<Option<String>> {
    let mut labels = vec![None; lay.len];
    if let Some(names) = &input.x_names {
        for (j, n) in names.iter().enumerate() {
            labels[j + 1] = Some(n.clone());
        }
    }
    if let Some(names) = &input.z_names {
        let offset = lay.kb
            + usize::from(matches!(
                model,
                Model::InefficiencyEffects { intercept: true }
            ));
        for (j, n) in names.iter().enumerate() {
            labels[offset + j] = Some(n.clone());
        }
    }
    labels
}

fn marginal_effects(
    p: &Problem,
    lay: &Layout,
    theta: &[f64],
    names: &[String],
    model: Model,
) -> Vec<(String, f64)> {
    let Model::InefficiencyEffects { intercept } = model else {
        return Vec::new();
    };
    let sigma_u = (theta[lay.gamma()] * theta[lay.sigma_sq()]).sqrt();
    let delta = &theta[lay.kb..lay.kb + lay.kz];
    let n = p.rows();
    // Mean over rows of the common factor 1 − λ(m)(m + λ(m)).
    let factor: f64 = (0..n)
        .map(|r| {
            let zr = &p.z[r * lay.kz..(r + 1) * lay.kz];
            let m = zr.iter().zip(delta).map(|(z, d)| z * d).sum::<f64>() / sigma_u;
            let lam = normal::mills(m);
            1.0 - lam * normal::x_plus_mills(m)
        })
        .sum::<f64>()
        / n as f64;
    let skip = usize::from(intercept);
    (skip..lay.kz)
        .map(|j| (names[lay.kb + j].clone(), delta[j] * factor))
        .collect()
}

#[cfg(test)]
mod tests;
