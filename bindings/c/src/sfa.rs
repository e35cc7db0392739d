//! Stochastic frontiers (Battese & Coelli 1992, 1995; as FRONTIER 4.1) on caller-owned arrays.

use crate::handles::{copy_out, give_string, ref_arg, slice_arg};
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::efficiency::sfa::{Boundary, Model, Sfa, SfaFit, SfaInput};
use std::ffi::c_char;

/// Model: error components (Battese & Coelli 1992), with optional μ and η.
pub const NS_SFA_ERROR_COMPONENTS: i32 = 0;
/// Model: technical-inefficiency effects (Battese & Coelli 1995), `u ~ N⁺(zδ, σ_u²)`.
pub const NS_SFA_INEFFICIENCY_EFFECTS: i32 = 1;
/// `NsSfaOutput.boundary`: γ is inside (0, 1).
pub const NS_SFA_BOUNDARY_NONE: i32 = 0;
/// `NsSfaOutput.boundary`: γ went to 0 (no inefficiency; the frontier is the OLS line).
pub const NS_SFA_BOUNDARY_GAMMA_ZERO: i32 = 1;
/// `NsSfaOutput.boundary`: γ went to 1 (no noise).
pub const NS_SFA_BOUNDARY_GAMMA_ONE: i32 = 2;

/// The data of a frontier, borrowed for the call. `y` holds `rows` logged outputs (or costs);
/// `x` is row-major `rows × n_x` logged regressors without a column of ones (β₀ is added).
/// `unit` and `period` (each `rows` elements) may be NULL: without units every row is its own
/// unit (a cross-section). `z` is row-major `rows × n_z` (NULL when `n_z` is 0), for the
/// inefficiency-effects model only.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsSfaData {
    /// Number of rows.
    pub rows: usize,
    /// Number of regressors (columns of `x`).
    pub n_x: usize,
    /// `rows` values.
    pub y: *const f64,
    /// `rows × n_x` values.
    pub x: *const f64,
    /// `rows` unit identifiers, or NULL.
    pub unit: *const i64,
    /// `rows` periods (integers, e.g. years), or NULL.
    pub period: *const i64,
    /// Number of inefficiency regressors (columns of `z`).
    pub n_z: usize,
    /// `rows × n_z` values, or NULL when `n_z` is 0.
    pub z: *const f64,
}

/// The model and estimation settings.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsSfaOptions {
    /// `NS_SFA_ERROR_COMPONENTS` or `NS_SFA_INEFFICIENCY_EFFECTS`.
    pub model: i32,
    /// Error components: estimate μ (truncated normal).
    pub mu: bool,
    /// Error components: estimate η (time-varying; needs `unit` and `period`).
    pub eta: bool,
    /// Inefficiency effects: estimate the intercept δ₀.
    pub delta0: bool,
    /// A cost frontier (`+u`) instead of a production frontier.
    pub cost: bool,
    /// Convergence tolerance on the scaled gradient; 0 selects the default (1e-9).
    pub tolerance: f64,
    /// Iteration limit; 0 selects the default (1000).
    pub max_iterations: usize,
}

/// Caller-allocated outputs of `ns_sfa`; every pointer may be NULL when not wanted.
/// Parameter arrays hold `ns_sfa_param_count(...)` elements in the order
/// `β₀…β_K, [δ₀,] δ₁…δ_P, σ², γ, [μ,] [η]`; per-row arrays hold `rows` elements in the
/// input's row order. Undefined values are NaN with their `*_defined` flag false.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsSfaOutput {
    /// Maximum-likelihood estimates.
    pub params: *mut f64,
    /// Standard errors (inverse Hessian at the maximum).
    pub std_errors: *mut f64,
    /// Whether each standard error is defined (false with γ on the boundary).
    pub std_errors_defined: *mut bool,
    /// The covariance matrix, row-major, `n_params²` (NaN when undefined).
    pub covariance: *mut f64,
    /// The frontier's log-likelihood.
    pub log_likelihood: *mut f64,
    /// The OLS log-likelihood.
    pub ols_log_likelihood: *mut f64,
    /// The one-sided LR statistic of no inefficiency.
    pub lr_statistic: *mut f64,
    /// Its number of restrictions.
    pub lr_restrictions: *mut usize,
    /// Kodde & Palm's 5 % critical value for that many restrictions.
    pub lr_critical_5pct: *mut f64,
    /// The p-value under the mixed χ².
    pub lr_p_value: *mut f64,
    /// Technical efficiency `E[exp(−u)|ε]` per row (cost frontier: `E[exp(u)|ε]`).
    pub efficiency: *mut f64,
    /// Whether each efficiency is defined.
    pub efficiency_defined: *mut bool,
    /// Jondrow et al.'s `E[u|ε]` per row (NaN where undefined).
    pub inefficiency: *mut f64,
    /// Mean efficiency (NaN if no efficiency is defined).
    pub mean_efficiency: *mut f64,
    /// Whether the maximisation converged.
    pub converged: *mut bool,
    /// Quasi-Newton iterations.
    pub iterations: *mut usize,
    /// OLS residuals skewed the wrong way.
    pub wrong_skewness: *mut bool,
    /// `NS_SFA_BOUNDARY_*`.
    pub boundary: *mut i32,
    /// Receives FRONTIER 4.1's printout of the fit, to be freed with `ns_string_free`.
    pub report: *mut *mut c_char,
}

fn sfa_of(options: &NsSfaOptions) -> Result<Sfa, Failure> {
    let model = match options.model {
        NS_SFA_ERROR_COMPONENTS => Model::ErrorComponents {
            mu: options.mu,
            eta: options.eta,
        },
        NS_SFA_INEFFICIENCY_EFFECTS => Model::InefficiencyEffects {
            intercept: options.delta0,
        },
        other => {
            return Err(Failure::new(
                NsStatus::InvalidEnum,
                format!(
                    "model = {other}: expected NS_SFA_ERROR_COMPONENTS (0) or \
                     NS_SFA_INEFFICIENCY_EFFECTS (1)"
                ),
            ));
        }
    };
    let mut sfa = Sfa::new(model).cost(options.cost);
    if options.tolerance != 0.0 {
        sfa = sfa.tolerance(options.tolerance);
    }
    if options.max_iterations != 0 {
        sfa = sfa.max_iterations(options.max_iterations);
    }
    Ok(sfa)
}

/// The number of parameters of a model: `n_x + 1`, plus `n_z` (+1 with δ₀) for the effects
/// model, plus σ² and γ, plus μ and η where estimated.
fn param_count(d: &NsSfaData, o: &NsSfaOptions) -> Result<usize, Failure> {
    let extra = if o.model == NS_SFA_INEFFICIENCY_EFFECTS {
        d.n_z.checked_add(usize::from(o.delta0))
    } else {
        Some(usize::from(o.mu) + usize::from(o.eta))
    };
    // A count of regressors no array can have (found by the c_api fuzz target: an overflow
    // panic under debug assertions, a wrapped count in release).
    extra
        .and_then(|e| d.n_x.checked_add(3)?.checked_add(e))
        .ok_or_else(|| {
            Failure::new(
                NsStatus::InvalidParameter,
                format!(
                    "data.n_x = {} and data.n_z = {}: the parameter count overflows",
                    d.n_x, d.n_z
                ),
            )
        })
}

/// # Safety
/// As `ns_sfa`.
unsafe fn fit(data: &NsSfaData, options: &NsSfaOptions) -> Result<SfaFit, Failure> {
    let sfa = sfa_of(options)?;
    let n = data.rows;
    let cells = |columns: usize, name: &str| {
        n.checked_mul(columns).ok_or_else(|| {
            Failure::new(
                NsStatus::InvalidParameter,
                format!("{name}: {n} × {columns} elements overflow"),
            )
        })
    };
    let (nx, nz) = (cells(data.n_x, "data.x")?, cells(data.n_z, "data.z")?);
    // SAFETY: the caller's contract on `data`'s arrays.
    let (y, x) = unsafe {
        (
            slice_arg(data.y, n, "data.y")?,
            slice_arg(data.x, nx, "data.x")?,
        )
    };
    let mut input = SfaInput::new(y, x, data.n_x)?;
    if !data.unit.is_null() {
        // SAFETY: as above.
        input = input.units(unsafe { slice_arg(data.unit, n, "data.unit")? })?;
    }
    if !data.period.is_null() {
        // SAFETY: as above.
        input = input.periods(unsafe { slice_arg(data.period, n, "data.period")? })?;
    }
    if data.n_z > 0 {
        // SAFETY: as above.
        input = input.effects(unsafe { slice_arg(data.z, nz, "data.z")? }, data.n_z)?;
    }
    Ok(sfa.fit(&input)?)
}

/// The number of parameters `ns_sfa` estimates for `data` and `options`, written to `out`:
/// the length of `NsSfaOutput.params` (and the side of `covariance`).
///
/// Errors: `NS_STATUS_NULL_ARGUMENT`; `NS_STATUS_INVALID_ENUM` for an unknown model;
/// `NS_STATUS_INVALID_PARAMETER` for `n_x` or `n_z` so large that the count overflows.
///
/// # Safety
/// `data`, `options` and `out` are NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_sfa_param_count(
    data: *const NsSfaData,
    options: *const NsSfaOptions,
    out: *mut usize,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (d, o) = unsafe { (ref_arg(data, "data")?, ref_arg(options, "options")?) };
        sfa_of(o)?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let count = param_count(d, o)?;
        // SAFETY: non-NULL and writable by contract.
        unsafe { *out = count };
        Ok(())
    })
}

/// Estimates a stochastic frontier by maximum likelihood as FRONTIER 4.1 does (OLS, grid
/// search over γ, then BFGS with analytic gradients; Coelli 1996): the error-components model
/// of Battese & Coelli (1992) or the inefficiency-effects model of Battese & Coelli (1995),
/// production or cost, in FRONTIER's parameters (σ², γ). Results go into the caller's arrays
/// of `out` (see `NsSfaOutput`); nothing is written on failure.
///
/// Errors: `NS_STATUS_NULL_ARGUMENT`; `NS_STATUS_OUT_OF_RANGE` (a non-finite value, naming its
/// row and column); `NS_STATUS_LENGTH_MISMATCH`; `NS_STATUS_EMPTY`;
/// `NS_STATUS_INVALID_PARAMETER` (collinear regressors, naming the column; η with one period
/// or without units and periods; duplicate unit-period rows; `z` with the error-components
/// model); `NS_STATUS_INSUFFICIENT_DATA` (no more rows than parameters);
/// `NS_STATUS_INVALID_ENUM`.
///
/// # Safety
/// `data` is NULL or valid, its arrays sized as `NsSfaData` says; `options` is NULL or valid;
/// `out` is NULL or valid, each non-NULL array sized as `NsSfaOutput` says.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_sfa(
    data: *const NsSfaData,
    options: *const NsSfaOptions,
    out: *const NsSfaOutput,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (d, o, out) = unsafe {
            (
                ref_arg(data, "data")?,
                ref_arg(options, "options")?,
                ref_arg(out, "out")?,
            )
        };
        // SAFETY: as above.
        let fit = unsafe { fit(d, o) }?;
        let (se, se_defined): (Vec<f64>, Vec<bool>) = fit
            .std_errors
            .iter()
            .map(|s| (s.unwrap_or(f64::NAN), s.is_some()))
            .unzip();
        let k = fit.params.len();
        let cov = fit
            .covariance
            .clone()
            .unwrap_or_else(|| vec![f64::NAN; k * k]);
        let (eff, eff_defined): (Vec<f64>, Vec<bool>) = fit
            .efficiency
            .iter()
            .map(|e| (e.unwrap_or(f64::NAN), e.is_some()))
            .unzip();
        let u: Vec<f64> = fit
            .inefficiency
            .iter()
            .map(|v| v.unwrap_or(f64::NAN))
            .collect();
        let boundary = match fit.boundary {
            None => NS_SFA_BOUNDARY_NONE,
            Some(Boundary::GammaZero) => NS_SFA_BOUNDARY_GAMMA_ZERO,
            Some(_) => NS_SFA_BOUNDARY_GAMMA_ONE,
        };
        if !out.report.is_null() {
            // SAFETY: non-NULL and writable by contract.
            unsafe { give_string(out.report, fit.frontier_report())? };
        }
        // SAFETY: the caller's contract on `out`'s arrays.
        unsafe {
            copy_out(out.params, &fit.params);
            copy_out(out.std_errors, &se);
            copy_out(out.std_errors_defined, &se_defined);
            copy_out(out.covariance, &cov);
            copy_out(out.log_likelihood, &[fit.log_likelihood]);
            copy_out(out.ols_log_likelihood, &[fit.ols.log_likelihood]);
            copy_out(out.lr_statistic, &[fit.lr_test.statistic]);
            copy_out(out.lr_restrictions, &[fit.lr_test.restrictions]);
            copy_out(out.lr_critical_5pct, &[fit.lr_test.critical_value_5pct]);
            copy_out(out.lr_p_value, &[fit.lr_test.p_value]);
            copy_out(out.efficiency, &eff);
            copy_out(out.efficiency_defined, &eff_defined);
            copy_out(out.inefficiency, &u);
            copy_out(
                out.mean_efficiency,
                &[fit.mean_efficiency.unwrap_or(f64::NAN)],
            );
            copy_out(out.converged, &[fit.convergence.converged]);
            copy_out(out.iterations, &[fit.convergence.iterations]);
            copy_out(out.wrong_skewness, &[fit.wrong_skewness]);
            copy_out(out.boundary, &[boundary]);
        }
        Ok(())
    })
}
