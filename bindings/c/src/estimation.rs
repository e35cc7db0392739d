//! Production functions on firm panels (OLS, FE, Olley–Pakes, Levinsohn–Petrin, ACF,
//! Wooldridge) and the Olley–Pakes and Melitz–Polanec decompositions, on caller-owned arrays.

use crate::handles::{copy_out, give_string, ref_arg, slice_arg};
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::estimation::decomposition::{melitz_polanec, melitz_polanec_by_year, olley_pakes};
use nangsuat::estimation::{
    FirmPanel, Method, ProductionEstimate, ProductionFunction, StdErrorSource,
};
use std::ffi::c_char;

/// Method: pooled OLS (the biased reference).
pub const NS_PF_OLS: i32 = 0;
/// Method: the within (firm fixed-effects) estimator.
pub const NS_PF_FE: i32 = 1;
/// Method: Olley & Pakes (1996), investment as the proxy.
pub const NS_PF_OP: i32 = 2;
/// Method: Levinsohn & Petrin (2003), intermediate inputs as the proxy.
pub const NS_PF_LP: i32 = 3;
/// Method: Ackerberg, Caves & Frazer (2015).
pub const NS_PF_ACF: i32 = 4;
/// Method: Wooldridge's (2009) one-step GMM, with the analytic variance.
pub const NS_PF_WOOLDRIDGE: i32 = 5;

/// A firm × year panel, borrowed for the call: `rows` firm-years in any order. Matrices are
/// column-major (`free[j * rows + r]` is free input `j` at row `r`). Output, inputs and proxy
/// are positive levels (logarithms are taken) unless `in_logs`. In messages the columns are
/// called `output`, `free[j]`, `state[j]`, `proxy` and `control[j]`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsFirmPanel {
    /// Number of rows (firm-years).
    pub rows: usize,
    /// `rows` firm identifiers.
    pub firm: *const i64,
    /// `rows` years.
    pub year: *const i32,
    /// `rows` values of output (value added, or gross output with `gross_output`).
    pub output: *const f64,
    /// Number of free inputs (labour…), columns of `free`.
    pub n_free: usize,
    /// `rows × n_free` values, column-major.
    pub free: *const f64,
    /// Number of state inputs (capital…), columns of `state`.
    pub n_state: usize,
    /// `rows × n_state` values, column-major.
    pub state: *const f64,
    /// `rows` values of the proxy (investment for OP, intermediate inputs otherwise), or NULL
    /// (OLS and FE on value added only).
    pub proxy: *const f64,
    /// `rows` exit flags (true in a firm's last year before it leaves), or NULL; needed by
    /// Olley–Pakes's selection correction.
    pub exit: *const bool,
    /// Number of controls (dummies or other regressors used as given).
    pub n_controls: usize,
    /// `rows × n_controls` values, column-major, or NULL when `n_controls` is 0.
    pub controls: *const f64,
    /// Output, inputs and proxy are already natural logarithms.
    pub in_logs: bool,
}

/// Options of `ns_production_function`. Fill with `ns_production_options_default`, then
/// change what you need; `ns_production_function` checks every field.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsProductionOptions {
    /// `NS_PF_OLS`, `NS_PF_FE`, `NS_PF_OP`, `NS_PF_LP`, `NS_PF_ACF` or `NS_PF_WOOLDRIDGE`.
    pub method: i32,
    /// Gross output: the proxy is also an input of the function.
    pub gross_output: bool,
    /// Translog instead of Cobb–Douglas.
    pub translog: bool,
    /// Olley–Pakes's survival correction (needs `NsFirmPanel.exit`).
    pub selection: bool,
    /// Degree of the first-stage polynomial, 1–6 (default 3).
    pub first_stage_degree: u32,
    /// Degree of the law of motion of productivity, 1–6 (default 3).
    pub law_of_motion_degree: u32,
    /// Firm-level bootstrap replications; 0 (the default) for none.
    pub bootstrap: usize,
    /// Seed of the bootstrap (default 0): the same seed gives the same standard errors.
    pub seed: u64,
    /// Relative tolerance of the minimisation, in (0, 1) (default 1e-9).
    pub tolerance: f64,
}

/// Caller-allocated outputs of `ns_production_function`; every pointer may be NULL when not
/// wanted. Coefficient arrays hold `ns_production_term_count(...)` elements in the core's
/// term order (free inputs, state inputs, the proxy with gross output; then, for translog,
/// squares and products in the order `a^2`, `a*b`, …); per-row arrays hold
/// `NsFirmPanel.rows` elements in the input's row order. Undefined values are NaN with their
/// flag false. Nothing is written on failure.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsProductionOutput {
    /// Coefficients.
    pub coefficients: *mut f64,
    /// Standard errors (bootstrap, or Wooldridge's analytic variance).
    pub std_errors: *mut f64,
    /// Whether standard errors were computed (one flag for all).
    pub std_errors_defined: *mut bool,
    /// Covariance of the coefficients, row-major, `n_terms²` (NaN when not computed).
    pub covariance: *mut f64,
    /// The GMM objective at the estimate (NaN for OLS and FE).
    pub objective: *mut f64,
    /// Whether the winning search met its tolerance (true for OLS and FE).
    pub converged: *mut bool,
    /// Iterations of the winning search (0 for OLS and FE).
    pub iterations: *mut usize,
    /// Number of starts tried (0 for OLS and FE).
    pub start_count: *mut usize,
    /// Index of the winning start among them (0 for OLS and FE).
    pub winner: *mut usize,
    /// Bootstrap replications that failed and are left out of the standard errors.
    pub bootstrap_failed: *mut usize,
    /// Log TFP `ω̂ = y − Σ β x` per input row.
    pub tfp: *mut f64,
    /// Whether each row's TFP is defined (false for a row left out: a NaN, a non-positive
    /// level).
    pub tfp_defined: *mut bool,
    /// Returns to scale per input row (defined where `tfp_defined`).
    pub returns_to_scale: *mut f64,
    /// Firm-years used.
    pub observations: *mut usize,
    /// Firm-years in the dynamic (second-stage) moments.
    pub dynamic_observations: *mut usize,
    /// Firms used.
    pub firms: *mut usize,
    /// Receives the search as JSON — `{"starts": [{"name", "start", "estimate", "objective",
    /// "converged", "iterations", "method"}], "winner", "roots": [{"estimate", "objective",
    /// "starts"}]}` (`null` for OLS and FE; `method` is `gauss-newton` or `nelder-mead`; the
    /// rule that picks `winner` among roots is `nangsuat::estimation::Optimisation`'s) —
    /// freed with `ns_string_free`.
    pub optimisation_json: *mut *mut c_char,
}

fn method_of(code: i32) -> Result<Method, Failure> {
    Ok(match code {
        NS_PF_OLS => Method::Ols,
        NS_PF_FE => Method::FixedEffects,
        NS_PF_OP => Method::OlleyPakes,
        NS_PF_LP => Method::LevinsohnPetrin,
        NS_PF_ACF => Method::Acf,
        NS_PF_WOOLDRIDGE => Method::Wooldridge,
        other => {
            return Err(Failure::new(
                NsStatus::InvalidEnum,
                format!(
                    "method = {other}: expected NS_PF_OLS (0), NS_PF_FE (1), NS_PF_OP (2), \
                     NS_PF_LP (3), NS_PF_ACF (4) or NS_PF_WOOLDRIDGE (5)"
                ),
            ));
        }
    })
}

fn estimator_of(o: &NsProductionOptions) -> Result<ProductionFunction, Failure> {
    Ok(ProductionFunction::new(method_of(o.method)?)
        .gross_output(o.gross_output)
        .translog(o.translog)
        .selection(o.selection)
        .first_stage_degree(o.first_stage_degree)
        .law_of_motion_degree(o.law_of_motion_degree)
        .bootstrap(o.bootstrap)
        .seed(o.seed)
        .tolerance(o.tolerance))
}

fn term_count(p: &NsFirmPanel, o: &NsProductionOptions) -> Result<usize, Failure> {
    estimator_of(o)?
        .term_count(p.n_free, p.n_state)
        .ok_or_else(|| {
            Failure::new(
                NsStatus::InvalidParameter,
                format!(
                    "panel.n_free = {} and panel.n_state = {}: the number of terms overflows",
                    p.n_free, p.n_state
                ),
            )
        })
}

/// `rows × columns` with the overflow reported.
fn cells(rows: usize, columns: usize, name: &str) -> Result<usize, Failure> {
    rows.checked_mul(columns).ok_or_else(|| {
        Failure::new(
            NsStatus::InvalidParameter,
            format!("{name}: {rows} × {columns} elements overflow"),
        )
    })
}

/// The columns of a column-major matrix.
///
/// # Safety
/// `ptr` is NULL or points to `rows × columns` readable values.
unsafe fn columns<'a>(
    ptr: *const f64,
    rows: usize,
    columns: usize,
    name: &str,
) -> Result<Vec<&'a [f64]>, Failure> {
    let total = cells(rows, columns, name)?;
    // SAFETY: the caller's contract.
    let all = unsafe { slice_arg(ptr, total, name) }?;
    Ok((0..columns)
        .map(|j| &all[j * rows..(j + 1) * rows])
        .collect())
}

/// Runs the estimator on the caller's panel.
///
/// # Safety
/// As `ns_production_function`.
unsafe fn estimate(
    p: &NsFirmPanel,
    o: &NsProductionOptions,
) -> Result<ProductionEstimate, Failure> {
    let estimator = estimator_of(o)?;
    let n = p.rows;
    // SAFETY: the caller's contract on the panel's arrays.
    let (firm, year, output, free, state) = unsafe {
        (
            slice_arg(p.firm, n, "panel.firm")?,
            slice_arg(p.year, n, "panel.year")?,
            slice_arg(p.output, n, "panel.output")?,
            columns(p.free, n, p.n_free, "panel.free")?,
            columns(p.state, n, p.n_state, "panel.state")?,
        )
    };
    // SAFETY: as above.
    let controls = unsafe { columns(p.controls, n, p.n_controls, "panel.controls")? };
    let names =
        |what: &str, k: usize| -> Vec<String> { (0..k).map(|j| format!("{what}[{j}]")).collect() };
    let (free_names, state_names, control_names) = (
        names("free", p.n_free),
        names("state", p.n_state),
        names("control", p.n_controls),
    );
    let mut panel = FirmPanel::new(firm, year, "output", output);
    for (name, values) in free_names.iter().zip(&free) {
        panel = panel.free(name, values);
    }
    for (name, values) in state_names.iter().zip(&state) {
        panel = panel.state(name, values);
    }
    for (name, values) in control_names.iter().zip(&controls) {
        panel = panel.control(name, values);
    }
    if !p.proxy.is_null() {
        // SAFETY: as above.
        panel = panel.proxy("proxy", unsafe { slice_arg(p.proxy, n, "panel.proxy")? });
    }
    if !p.exit.is_null() {
        // SAFETY: as above.
        panel = panel.exit(unsafe { slice_arg(p.exit, n, "panel.exit")? });
    }
    if p.in_logs {
        panel = panel.in_logs();
    }
    Ok(estimator.estimate(&panel)?)
}

fn optimisation_json(fit: &ProductionEstimate) -> serde_json::Value {
    let Some(o) = &fit.optimisation else {
        return serde_json::Value::Null;
    };
    let starts: Vec<serde_json::Value> = o
        .starts
        .iter()
        .map(|s| {
            serde_json::json!({
                "name": s.name,
                "start": s.start,
                "estimate": s.estimate,
                "objective": s.objective,
                "converged": s.converged,
                "iterations": s.iterations,
                "method": s.search.name(),
            })
        })
        .collect();
    let roots: Vec<serde_json::Value> = o
        .roots
        .iter()
        .map(|r| {
            serde_json::json!({
                "estimate": r.estimate,
                "objective": r.objective,
                "starts": r.starts,
            })
        })
        .collect();
    serde_json::json!({
        "starts": starts,
        "winner": o.winner,
        "roots": roots,
    })
}

/// Fills `out` with the default options of `method`: Cobb–Douglas, value added, polynomials
/// of degree 3, no selection correction, no bootstrap, seed 0, tolerance 1e-9.
///
/// Errors: `NS_STATUS_NULL_ARGUMENT`; `NS_STATUS_INVALID_ENUM` for an unknown method.
///
/// # Safety
/// `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_production_options_default(
    method: i32,
    out: *mut NsProductionOptions,
) -> NsStatus {
    boundary(|| {
        method_of(method)?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        let options = NsProductionOptions {
            method,
            gross_output: false,
            translog: false,
            selection: false,
            first_stage_degree: 3,
            law_of_motion_degree: 3,
            bootstrap: 0,
            seed: 0,
            tolerance: 1e-9,
        };
        // SAFETY: non-NULL and writable by contract.
        unsafe { *out = options };
        Ok(())
    })
}

/// The number of coefficients `ns_production_function` estimates for `panel` and `options`,
/// written to `out`: the length of `NsProductionOutput.coefficients` (and the side of
/// `covariance`). Only the counts of `panel` are read.
///
/// Errors: `NS_STATUS_NULL_ARGUMENT`; `NS_STATUS_INVALID_ENUM` for an unknown method;
/// `NS_STATUS_INVALID_PARAMETER` when the count overflows.
///
/// # Safety
/// `panel`, `options` and `out` are NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_production_term_count(
    panel: *const NsFirmPanel,
    options: *const NsProductionOptions,
    out: *mut usize,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (p, o) = unsafe { (ref_arg(panel, "panel")?, ref_arg(options, "options")?) };
        let count = term_count(p, o)?;
        if out.is_null() {
            return Err(Failure::null("out"));
        }
        // SAFETY: non-NULL and writable by contract.
        unsafe { *out = count };
        Ok(())
    })
}

/// Estimates a production function on a firm × year panel (`nangsuat::estimation`):
/// pooled OLS, fixed effects, Olley–Pakes (1996), Levinsohn–Petrin (2003),
/// Ackerberg–Caves–Frazer (2015) or Wooldridge (2009), with prodest's conventions (README,
/// "Firm productivity"). The GMM search runs from the OLS and FE estimates; the start with
/// the lowest objective wins and every start and distinct root is reported in
/// `optimisation_json`. Results go into the caller's arrays of `out`; nothing is written on
/// failure. A row with a NaN or a non-positive level is not an error: it is left out and its
/// `tfp_defined` is false.
///
/// Errors: `NS_STATUS_NULL_ARGUMENT`; `NS_STATUS_INVALID_ENUM` (method);
/// `NS_STATUS_OUT_OF_RANGE` (a polynomial degree outside 1–6, a tolerance outside (0, 1));
/// `NS_STATUS_LENGTH_MISMATCH`; `NS_STATUS_DUPLICATE_YEAR` (a firm-year twice, naming firm
/// and year); `NS_STATUS_INVALID_PARAMETER` (a missing proxy or exit column, collinear
/// regressors naming the term, sizes that overflow); `NS_STATUS_INSUFFICIENT_DATA` (too few
/// usable firm-years, or too few with their previous year).
///
/// # Safety
/// `panel` is NULL or valid, its arrays sized as `NsFirmPanel` says; `options` is NULL or
/// valid; `out` is NULL or valid, each non-NULL array sized as `NsProductionOutput` says.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_production_function(
    panel: *const NsFirmPanel,
    options: *const NsProductionOptions,
    out: *const NsProductionOutput,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let (p, o, out) = unsafe {
            (
                ref_arg(panel, "panel")?,
                ref_arg(options, "options")?,
                ref_arg(out, "out")?,
            )
        };
        // SAFETY: as above.
        let fit = unsafe { estimate(p, o) }?;
        let k = fit.coefficients.len();
        let se = fit.std_errors.clone().unwrap_or_else(|| vec![f64::NAN; k]);
        let cov = fit
            .covariance
            .clone()
            .unwrap_or_else(|| vec![f64::NAN; k * k]);
        let split = |v: &[Option<f64>]| -> (Vec<f64>, Vec<bool>) {
            v.iter()
                .map(|x| (x.unwrap_or(f64::NAN), x.is_some()))
                .unzip()
        };
        let (tfp, tfp_defined) = split(&fit.tfp);
        let (rts, _) = split(&fit.returns_to_scale);
        let failed = match fit.std_error_source {
            StdErrorSource::Bootstrap { failed, .. } => failed,
            _ => 0,
        };
        let (objective, converged, iterations, starts, winner) = match &fit.optimisation {
            Some(opt) => {
                let best = opt.best();
                (
                    best.objective,
                    best.converged,
                    best.iterations,
                    opt.starts.len(),
                    opt.winner,
                )
            }
            None => (f64::NAN, true, 0, 0, 0),
        };
        if !out.optimisation_json.is_null() {
            let text = crate::monitoring::json(&optimisation_json(&fit))?;
            // SAFETY: non-NULL and writable by contract.
            unsafe { give_string(out.optimisation_json, text)? };
        }
        // SAFETY: the caller's contract on `out`'s arrays.
        unsafe {
            copy_out(out.coefficients, &fit.coefficients);
            copy_out(out.std_errors, &se);
            copy_out(out.std_errors_defined, &[fit.std_errors.is_some()]);
            copy_out(out.covariance, &cov);
            copy_out(out.objective, &[objective]);
            copy_out(out.converged, &[converged]);
            copy_out(out.iterations, &[iterations]);
            copy_out(out.start_count, &[starts]);
            copy_out(out.winner, &[winner]);
            copy_out(out.bootstrap_failed, &[failed]);
            copy_out(out.tfp, &tfp);
            copy_out(out.tfp_defined, &tfp_defined);
            copy_out(out.returns_to_scale, &rts);
            copy_out(out.observations, &[fit.observations]);
            copy_out(out.dynamic_observations, &[fit.dynamic_observations]);
            copy_out(out.firms, &[fit.firms]);
        }
        Ok(())
    })
}

/// One year of the Olley–Pakes (1996) static decomposition: the share-weighted aggregate is
/// the unweighted mean plus the covariance of share and productivity.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsOlleyPakesYear {
    /// The year.
    pub year: i32,
    /// Firms in it.
    pub firms: usize,
    /// Share-weighted productivity Σ s_i ω_i.
    pub aggregate: f64,
    /// Unweighted mean of ω.
    pub mean: f64,
    /// Σ (s_i − s̄)(ω_i − ω̄): the allocation term; `mean + covariance = aggregate`.
    pub covariance: f64,
}

/// The Melitz–Polanec (2015) dynamic decomposition between two years: `total` (the change in
/// share-weighted productivity) is the sum of the four parts.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NsMelitzPolanec {
    /// First year.
    pub from: i32,
    /// Second year.
    pub to: i32,
    /// Change in share-weighted productivity.
    pub total: f64,
    /// Survivors' unweighted-mean change.
    pub survivors_within: f64,
    /// Survivors' covariance (reallocation) change.
    pub survivors_reallocation: f64,
    /// Entrants' contribution.
    pub entrants: f64,
    /// Exiters' contribution.
    pub exiters: f64,
    /// Surviving firms.
    pub survivors: usize,
    /// Entering firms.
    pub entrant_count: usize,
    /// Exiting firms.
    pub exiter_count: usize,
}

/// The four input columns of a decomposition: firm, year, productivity, weight.
type Columns<'a> = (&'a [i64], &'a [i32], &'a [f64], &'a [f64]);

/// The four input columns of a decomposition.
///
/// # Safety
/// Each pointer is NULL or points to `len` readable elements.
unsafe fn decomposition_columns<'a>(
    len: usize,
    firm: *const i64,
    year: *const i32,
    productivity: *const f64,
    weight: *const f64,
) -> Result<Columns<'a>, Failure> {
    // SAFETY: the caller's contract.
    unsafe {
        Ok((
            slice_arg(firm, len, "firm")?,
            slice_arg(year, len, "year")?,
            slice_arg(productivity, len, "productivity")?,
            slice_arg(weight, len, "weight")?,
        ))
    }
}

/// The Olley–Pakes static decomposition of every year (in increasing order) of a firm panel:
/// `len` rows of firm, year, productivity (log TFP or labour productivity) and a positive
/// weight (output or employment; shares are taken within each year). Writes one element per
/// year into `out` (which must hold `len` elements, an upper bound) and the count into
/// `out_len`.
///
/// Errors: `NS_STATUS_NULL_ARGUMENT`; `NS_STATUS_LENGTH_MISMATCH`; `NS_STATUS_EMPTY`;
/// `NS_STATUS_NON_FINITE` (naming firm and year); `NS_STATUS_OUT_OF_RANGE` (a negative
/// weight, naming the firm); `NS_STATUS_DUPLICATE_YEAR`; `NS_STATUS_INVALID_PARAMETER`
/// (sizes that cannot exist).
///
/// # Safety
/// The input arrays are NULL or hold `len` elements; `out` is NULL or holds `len` writable
/// elements; `out_len` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_olley_pakes_decomposition(
    len: usize,
    firm: *const i64,
    year: *const i32,
    productivity: *const f64,
    weight: *const f64,
    out: *mut NsOlleyPakesYear,
    out_len: *mut usize,
) -> NsStatus {
    boundary(|| {
        crate::handles::out_arg(out, "out")?;
        crate::handles::out_arg(out_len, "out_len")?;
        // SAFETY: the caller's contract.
        let (f, y, w, s) = unsafe { decomposition_columns(len, firm, year, productivity, weight) }?;
        let rows: Vec<NsOlleyPakesYear> = olley_pakes(f, y, w, s)?
            .iter()
            .map(|r| NsOlleyPakesYear {
                year: r.year,
                firms: r.firms,
                aggregate: r.aggregate,
                mean: r.mean,
                covariance: r.covariance,
            })
            .collect();
        // SAFETY: `out` holds `len` ≥ rows.len() elements (one row per distinct year of
        // `len` rows) by contract; `out_len` is non-NULL.
        unsafe {
            copy_out(out, &rows);
            *out_len = rows.len();
        }
        Ok(())
    })
}

fn mp_row(r: &nangsuat::estimation::decomposition::MelitzPolanec) -> NsMelitzPolanec {
    NsMelitzPolanec {
        from: r.from,
        to: r.to,
        total: r.total,
        survivors_within: r.survivors_within,
        survivors_reallocation: r.survivors_reallocation,
        entrants: r.entrants,
        exiters: r.exiters,
        survivors: r.survivors,
        entrant_count: r.entrant_count,
        exiter_count: r.exiter_count,
    }
}

/// The Melitz–Polanec dynamic decomposition between years `from` and `to` of a firm panel
/// (columns as `ns_olley_pakes_decomposition`), written to `*out`.
///
/// Errors: as `ns_olley_pakes_decomposition`, plus `NS_STATUS_YEAR_NOT_FOUND` and
/// `NS_STATUS_INSUFFICIENT_DATA` (no firm present in both years).
///
/// # Safety
/// The input arrays are NULL or hold `len` elements; `out` is NULL or writable.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ns_melitz_polanec_decomposition(
    len: usize,
    firm: *const i64,
    year: *const i32,
    productivity: *const f64,
    weight: *const f64,
    from: i32,
    to: i32,
    out: *mut NsMelitzPolanec,
) -> NsStatus {
    boundary(|| {
        crate::handles::out_arg(out, "out")?;
        // SAFETY: the caller's contract.
        let (f, y, w, s) = unsafe { decomposition_columns(len, firm, year, productivity, weight) }?;
        let row = mp_row(&melitz_polanec(f, y, w, s, from, to)?);
        // SAFETY: non-NULL and writable by contract.
        unsafe { *out = row };
        Ok(())
    })
}

/// The Melitz–Polanec decomposition between each pair of consecutive years present (columns
/// as `ns_olley_pakes_decomposition`): one element per pair into `out` (which must hold
/// `len` elements, an upper bound) and the count into `out_len`.
///
/// Errors: as `ns_melitz_polanec_decomposition`.
///
/// # Safety
/// The input arrays are NULL or hold `len` elements; `out` is NULL or holds `len` writable
/// elements; `out_len` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_melitz_polanec_by_year(
    len: usize,
    firm: *const i64,
    year: *const i32,
    productivity: *const f64,
    weight: *const f64,
    out: *mut NsMelitzPolanec,
    out_len: *mut usize,
) -> NsStatus {
    boundary(|| {
        crate::handles::out_arg(out, "out")?;
        crate::handles::out_arg(out_len, "out_len")?;
        // SAFETY: the caller's contract.
        let (f, y, w, s) = unsafe { decomposition_columns(len, firm, year, productivity, weight) }?;
        let rows: Vec<NsMelitzPolanec> = melitz_polanec_by_year(f, y, w, s)?
            .iter()
            .map(mp_row)
            .collect();
        // SAFETY: `out` holds `len` > rows.len() elements by contract; `out_len` non-NULL.
        unsafe {
            copy_out(out, &rows);
            *out_len = rows.len();
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small panel in logs (deterministic pseudo-random numbers), free and state inputs
    /// column-major.
    type Data = (Vec<i64>, Vec<i32>, Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>);

    fn data() -> Data {
        let mut s = 7u64;
        let mut u = move || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 11) as f64 + 0.5) / (1u64 << 53) as f64 - 0.5
        };
        let (mut firm, mut year, mut y) = (vec![], vec![], vec![]);
        let (mut free, mut state, mut proxy) = (vec![], vec![], vec![]);
        for f in 0..60 {
            let (mut w, mut k) = (0.3 * u(), 1.0 + u());
            for t in 0..6 {
                w = 0.7 * w + 0.3 * u();
                let l = 0.5 + 0.8 * w + 0.2 * k + 0.3 * u();
                firm.push(f);
                year.push(2010 + t);
                free.push(l);
                state.push(k);
                proxy.push(0.2 + 1.2 * w + 0.3 * k + 0.1 * l + 0.05 * u());
                y.push(0.6 * l + 0.4 * k + w + 0.1 * u());
                k = 0.9 * k + 0.2 + 0.3 * w;
            }
        }
        // A second free input (column-major after the first).
        let second: Vec<f64> = free.iter().map(|l| 0.5 * l + 0.2 * u()).collect();
        free.extend(second);
        (firm, year, y, free, state, proxy)
    }

    #[test]
    fn every_method_equals_the_core_on_the_same_data() {
        let (firm, year, y, free, state, proxy) = data();
        let n = y.len();
        for (code, method) in [
            (NS_PF_OLS, Method::Ols),
            (NS_PF_FE, Method::FixedEffects),
            (NS_PF_OP, Method::OlleyPakes),
            (NS_PF_LP, Method::LevinsohnPetrin),
            (NS_PF_ACF, Method::Acf),
            (NS_PF_WOOLDRIDGE, Method::Wooldridge),
        ] {
            let panel = NsFirmPanel {
                rows: n,
                firm: firm.as_ptr(),
                year: year.as_ptr(),
                output: y.as_ptr(),
                n_free: 2,
                free: free.as_ptr(),
                n_state: 1,
                state: state.as_ptr(),
                proxy: proxy.as_ptr(),
                exit: std::ptr::null(),
                n_controls: 0,
                controls: std::ptr::null(),
                in_logs: true,
            };
            let mut options = std::mem::MaybeUninit::<NsProductionOptions>::uninit();
            // SAFETY: a writable options struct.
            let status = unsafe { ns_production_options_default(code, options.as_mut_ptr()) };
            assert_eq!(status, NsStatus::Ok);
            // SAFETY: initialised by the call above.
            let mut options = unsafe { options.assume_init() };
            options.bootstrap = 5;
            options.seed = 3;
            let (mut b, mut se, mut tfp) = (vec![0.0; 3], vec![0.0; 3], vec![0.0; n]);
            let mut defined = vec![false; n];
            let mut json: *mut c_char = std::ptr::null_mut();
            let out = NsProductionOutput {
                coefficients: b.as_mut_ptr(),
                std_errors: se.as_mut_ptr(),
                std_errors_defined: std::ptr::null_mut(),
                covariance: std::ptr::null_mut(),
                objective: std::ptr::null_mut(),
                converged: std::ptr::null_mut(),
                iterations: std::ptr::null_mut(),
                start_count: std::ptr::null_mut(),
                winner: std::ptr::null_mut(),
                bootstrap_failed: std::ptr::null_mut(),
                tfp: tfp.as_mut_ptr(),
                tfp_defined: defined.as_mut_ptr(),
                returns_to_scale: std::ptr::null_mut(),
                observations: std::ptr::null_mut(),
                dynamic_observations: std::ptr::null_mut(),
                firms: std::ptr::null_mut(),
                optimisation_json: &mut json,
            };
            // SAFETY: every array holds what NsProductionOutput says.
            let status = unsafe { ns_production_function(&panel, &options, &out) };
            let mut message = [0 as c_char; 512];
            // SAFETY: 512 writable bytes.
            unsafe { crate::status::ns_last_error_message(message.as_mut_ptr(), message.len()) };
            // SAFETY: NUL-terminated by the call above.
            let message = unsafe { std::ffi::CStr::from_ptr(message.as_ptr()) };
            assert_eq!(status, NsStatus::Ok, "{}: {message:?}", method.name());
            let core_panel = FirmPanel::new(&firm, &year, "output", &y)
                .free("free[0]", &free[..n])
                .free("free[1]", &free[n..])
                .state("state[0]", &state)
                .proxy("proxy", &proxy)
                .in_logs();
            let core = ProductionFunction::new(method)
                .bootstrap(5)
                .seed(3)
                .estimate(&core_panel)
                .unwrap();
            assert_eq!(b, core.coefficients, "{}", method.name());
            assert_eq!(Some(se), core.std_errors, "{}", method.name());
            let core_tfp: Vec<f64> = core.tfp.iter().map(|t| t.unwrap()).collect();
            assert_eq!(tfp, core_tfp);
            assert!(defined.iter().all(|d| *d));
            if core.optimisation.is_some() {
                assert!(!json.is_null());
                // SAFETY: a string this library returned.
                let text = unsafe { std::ffi::CStr::from_ptr(json) }.to_str().unwrap();
                let v: serde_json::Value = serde_json::from_str(text).unwrap();
                assert_eq!(
                    v["winner"].as_u64(),
                    core.optimisation.as_ref().map(|o| o.winner as u64)
                );
                assert!(!v["roots"].as_array().unwrap().is_empty());
            }
            // SAFETY: freed once.
            unsafe { crate::handles::ns_string_free(json) };
        }
    }
}
