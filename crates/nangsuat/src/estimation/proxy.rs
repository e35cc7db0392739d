//! The two-stage proxy-variable estimators: Olley & Pakes (1996), Levinsohn & Petrin (2003)
//! and Ackerberg, Caves & Frazer (2015).
//!
//! Stage 1 regresses log output on a full polynomial of the stated degree (in standardised
//! variables) and the controls; OP and LP also identify the coefficients of the terms that
//! involve a free input here, ACF identifies nothing but `φ`. Stage 2 writes
//! `ω_t(β) = φ̂_t − x_t β`, regresses it on a polynomial of `ω_t−1(β)` (and, with OP's
//! selection correction, of the survival probability), and minimises the GMM objective
//! `m(β)ᵀ W m(β)` with `m = Σ z_t ξ_t(β) / N` and `W = (Σ z̃ z̃ᵀ / N)⁻¹` (`z̃` the centred
//! instruments), where the instrument of a term is the term with free inputs (and a
//! gross-output proxy) lagged and state inputs current — prodest's choices (Rovigatti &
//! Mollisi 2018). The moments are computed in one pass per evaluation and the criterion is
//! solved by Levenberg–Marquardt (see `optim`), Nelder–Mead as the fallback.

use super::linalg::{Cholesky, Singular, Sym, least_squares, quad_form};
use super::model::Model;
use super::optim::{levenberg_marquardt, nelder_mead};
use super::panel::{NO_LAG, Work};
use super::polynomial::Polynomial;
use super::{Optimisation, Search, StartOutcome};
use crate::cancel::Cancel;
use crate::error::{Error, Result};

/// Which two-stage estimator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProxyKind {
    OlleyPakes,
    LevinsohnPetrin,
    Acf,
}

/// Options of the two-stage estimators.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ProxyOptions {
    pub(crate) kind: ProxyKind,
    pub(crate) first_stage_degree: u32,
    pub(crate) law_of_motion_degree: u32,
    pub(crate) selection: bool,
    pub(crate) tolerance: f64,
}

/// A two-stage fit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProxyFit {
    pub(crate) beta: Vec<f64>,
    pub(crate) controls: Vec<f64>,
    pub(crate) optimisation: Optimisation,
    pub(crate) stage2_rows: usize,
}

/// Standardises columns (mean 0, sd 1; a constant column is only centred).
fn standardise(cols: &[&[f64]]) -> Vec<(f64, f64)> {
    cols.iter()
        .map(|c| {
            let n = c.len().max(1) as f64;
            let mean = crate::summation::sum(c.iter().copied()) / n;
            let var = c.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
            let sd = if var > 0.0 { var.sqrt() } else { 1.0 };
            (mean, sd)
        })
        .collect()
}

fn first_stage_error(what: &str, s: Singular, names: &[String]) -> Error {
    let name = names
        .get(s.column)
        .cloned()
        .unwrap_or_else(|| format!("column {}", s.column));
    Error::invalid_parameter(
        "first_stage",
        format!(
            "the {what} cannot be estimated: regressor `{name}` is collinear with the ones \
             before it (too few distinct values for the polynomial degree, or a constant \
             control?); lower the polynomial degree or drop the control"
        ),
    )
}

/// Probit of `outcome` on the rows' regressors (`x` row-major, `p` columns) by Fisher
/// scoring; returns the coefficients.
fn probit(x: &[f64], p: usize, outcome: &[bool]) -> Option<Vec<f64>> {
    let n = outcome.len();
    let mut b = vec![0.0; p];
    for _ in 0..100 {
        let mut info = Sym::zeros(p);
        let mut score = vec![0.0; p];
        for i in 0..n {
            let xi = &x[i * p..(i + 1) * p];
            let eta: f64 = xi.iter().zip(&b).map(|(a, b)| a * b).sum();
            let cdf = normal_cdf(eta).clamp(1e-12, 1.0 - 1e-12);
            let pdf = (-0.5 * eta * eta).exp() / (2.0 * std::f64::consts::PI).sqrt();
            let y = if outcome[i] { 1.0 } else { 0.0 };
            let g = pdf * (y - cdf) / (cdf * (1.0 - cdf));
            for (s, v) in score.iter_mut().zip(xi) {
                *s += g * v;
            }
            info.rank_one_upper(xi, pdf * pdf / (cdf * (1.0 - cdf)));
        }
        info.mirror();
        let step = Cholesky::new(&info).ok()?.solve(&score);
        let change = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        for (b, s) in b.iter_mut().zip(&step) {
            *b += s;
        }
        if !change.is_finite() {
            return None;
        }
        if change < 1e-10 {
            return Some(b);
        }
    }
    Some(b)
}

/// Φ(x).
pub(crate) fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// The second stage's data, computed once per fit: `φ̂` and the stage-2 term values now and
/// at the lag, the instruments, and (OP with selection) the survival probabilities, with the
/// first and second moments of `φ̂_t−1` and the lagged terms so that the standardisation of
/// `ω_t−1(β)` costs nothing per evaluation.
struct Stage2 {
    phi_now: Vec<f64>,
    phi_lag: Vec<f64>,
    /// `n × p` row-major term values at t and at t−1.
    x: Vec<f64>,
    x_lag: Vec<f64>,
    /// `n × nz` row-major instruments.
    z: Vec<f64>,
    survival: Option<Vec<f64>>,
    g_poly: Option<Polynomial>,
    gk: usize,
    p: usize,
    nz: usize,
    /// Mean of `φ̂_t−1` and of each lagged term.
    mean_phi: f64,
    mean_x: Vec<f64>,
    /// Variance of `φ̂_t−1`, covariances of the lagged terms with it and among themselves.
    var_phi: f64,
    cov_x_phi: Vec<f64>,
    cov_x: Vec<f64>,
}

impl Stage2 {
    #[allow(clippy::too_many_arguments)]
    fn new(
        phi_now: Vec<f64>,
        phi_lag: Vec<f64>,
        x: Vec<f64>,
        x_lag: Vec<f64>,
        z: Vec<f64>,
        survival: Option<Vec<f64>>,
        g_poly: Option<Polynomial>,
        gk: usize,
        p: usize,
        nz: usize,
    ) -> Self {
        let n = phi_lag.len();
        let nf = n as f64;
        let mean_phi = crate::summation::sum(phi_lag.iter().copied()) / nf;
        let mean_x: Vec<f64> = (0..p)
            .map(|j| crate::summation::sum((0..n).map(|i| x_lag[i * p + j])) / nf)
            .collect();
        let mut var_phi = 0.0;
        let mut cov_x_phi = vec![0.0; p];
        let mut cov_x = vec![0.0; p * p];
        let mut d = vec![0.0; p];
        for i in 0..n {
            let dp = phi_lag[i] - mean_phi;
            var_phi += dp * dp;
            for j in 0..p {
                d[j] = x_lag[i * p + j] - mean_x[j];
                cov_x_phi[j] += d[j] * dp;
            }
            for j in 0..p {
                for k in 0..p {
                    cov_x[j * p + k] += d[j] * d[k];
                }
            }
        }
        var_phi /= nf;
        cov_x_phi.iter_mut().for_each(|v| *v /= nf);
        cov_x.iter_mut().for_each(|v| *v /= nf);
        Stage2 {
            phi_now,
            phi_lag,
            x,
            x_lag,
            z,
            survival,
            g_poly,
            gk,
            p,
            nz,
            mean_phi,
            mean_x,
            var_phi,
            cov_x_phi,
            cov_x,
        }
    }

    /// The moments `m(β) = Σ z_t ξ_t(β) / N` in one pass over the rows: `ω_t(β)` and
    /// `ω_t−1(β)` from the stored arrays, the polynomial of `ω_t−1` (standardised with its
    /// mean and spread, which follow from the stored moments: a constant shift or scale of
    /// `ω_t−1` only reparametrises `g`), and the cross products `BᵀB`, `Bᵀω`, `ZᵀB`, `Zᵀω`
    /// accumulated together, so that `ξ = ω − Bρ` with `ρ = (BᵀB)⁻¹Bᵀω` gives
    /// `Zᵀξ = Zᵀω − ZᵀB ρ` without a second pass. `None` when `BᵀB` is singular.
    fn moments(&self, b: &[f64]) -> Option<Vec<f64>> {
        let (p, nz, gk) = (self.p, self.nz, self.gk);
        let n = self.phi_lag.len();
        let dot = |x: &[f64]| x.iter().zip(b).map(|(a, c)| a * c).sum::<f64>();
        let centre = self.mean_phi - dot(&self.mean_x);
        let mut var = self.var_phi - 2.0 * dot(&self.cov_x_phi);
        for j in 0..p {
            for k in 0..p {
                var += b[j] * b[k] * self.cov_x[j * p + k];
            }
        }
        let spread = if var > 0.0 { var.sqrt() } else { 1.0 };
        let mut btb = Sym::zeros(gk);
        let mut bto = vec![0.0; gk];
        let mut ztb = vec![0.0; nz * gk];
        let mut zto = vec![0.0; nz];
        let mut basis = vec![0.0; gk];
        for i in 0..n {
            let omega = self.phi_now[i] - dot(&self.x[i * p..(i + 1) * p]);
            let lag = (self.phi_lag[i] - dot(&self.x_lag[i * p..(i + 1) * p]) - centre) / spread;
            match (&self.g_poly, &self.survival) {
                (Some(poly), Some(s)) => poly.eval(&[lag, s[i]], &mut basis),
                _ => {
                    basis[0] = 1.0;
                    for e in 1..gk {
                        basis[e] = basis[e - 1] * lag;
                    }
                }
            }
            btb.rank_one_upper(&basis, 1.0);
            for (a, v) in bto.iter_mut().zip(&basis) {
                *a += v * omega;
            }
            let zi = &self.z[i * nz..(i + 1) * nz];
            for (c, &zc) in zi.iter().enumerate() {
                zto[c] += zc * omega;
                let row = &mut ztb[c * gk..(c + 1) * gk];
                for (r, v) in row.iter_mut().zip(&basis) {
                    *r += zc * v;
                }
            }
        }
        btb.mirror();
        let rho = Cholesky::new(&btb).ok()?.solve(&bto);
        let nf = n as f64;
        Some(
            (0..nz)
                .map(|c| {
                    let fitted: f64 = ztb[c * gk..(c + 1) * gk]
                        .iter()
                        .zip(&rho)
                        .map(|(a, r)| a * r)
                        .sum();
                    (zto[c] - fitted) / nf
                })
                .collect(),
        )
    }
}

pub(crate) fn proxy_fit(
    w: &Work,
    model: &Model,
    control_names: &[String],
    opts: &ProxyOptions,
    starts: &[(String, Vec<f64>)],
    cancel: &Cancel,
) -> Result<ProxyFit> {
    let n = w.rows();
    let p = model.terms.len();
    let proxy = model.roles.len() - 1; // the proxy is the last of Work::x
    let n_free = model
        .roles
        .iter()
        .filter(|r| **r == super::model::Role::Free)
        .count();
    // Variables of φ and the terms estimated in stage 1.
    let (phi_vars, stage1_terms): (Vec<usize>, Vec<usize>) = match opts.kind {
        ProxyKind::Acf => ((0..=proxy).collect(), Vec::new()),
        _ => (
            (n_free..=proxy).collect(),
            (0..p).filter(|&t| model.involves_free(t)).collect(),
        ),
    };
    let stage2_terms: Vec<usize> = (0..p).filter(|t| !stage1_terms.contains(t)).collect();
    let poly = Polynomial::new(phi_vars.len(), opts.first_stage_degree);
    let scales = standardise(
        &phi_vars
            .iter()
            .map(|&v| w.x[v].as_slice())
            .collect::<Vec<_>>(),
    );
    let q = poly.len();
    let s1 = stage1_terms.len();
    let c = w.ctrl.len();
    let k1 = s1 + q + c;
    let fill_poly = |r: usize, z: &mut [f64], out: &mut [f64]| {
        for (i, &v) in phi_vars.iter().enumerate() {
            z[i] = (w.x[v][r] - scales[i].0) / scales[i].1;
        }
        poly.eval(z, out);
    };
    let mut zb = vec![0.0; phi_vars.len()];
    let (b1, _) = least_squares(n, k1, |r, buf| {
        for (j, &t) in stage1_terms.iter().enumerate() {
            buf[j] = model.value(w, t, r);
        }
        fill_poly(r, &mut zb, &mut buf[s1..s1 + q]);
        for (j, col) in w.ctrl.iter().enumerate() {
            buf[s1 + q + j] = col[r];
        }
        Some(w.y[r])
    })
    .map_err(|s| {
        let var_names: Vec<String> = phi_vars.iter().map(|&v| model.names[v].clone()).collect();
        let mut names: Vec<String> = stage1_terms
            .iter()
            .map(|&t| model.terms[t].name.clone())
            .collect();
        names.extend((0..q).map(|j| poly.term_name(j, &var_names)));
        names.extend(control_names.iter().cloned());
        first_stage_error("first stage", s, &names)
    })?;
    let mut phi = vec![0.0; n];
    let mut buf = vec![0.0; q];
    let mut zz = vec![0.0; phi_vars.len()];
    for (r, phi_r) in phi.iter_mut().enumerate() {
        fill_poly(r, &mut zz, &mut buf);
        *phi_r = buf.iter().zip(&b1[s1..s1 + q]).map(|(a, b)| a * b).sum();
    }
    let mut beta = vec![0.0; p];
    for (j, &t) in stage1_terms.iter().enumerate() {
        beta[t] = b1[j];
    }
    let controls = b1[s1 + q..].to_vec();

    // Stage 2 rows: those with a lag.
    let rows2: Vec<usize> = (0..n).filter(|&r| w.lag[r] != NO_LAG).collect();
    let p2 = stage2_terms.len();
    if rows2.len() <= p2 + opts.law_of_motion_degree as usize + 1 {
        return Err(Error::InsufficientData {
            what: "second stage (firm-years whose previous year is in the panel)".into(),
            needed: p2 + opts.law_of_motion_degree as usize + 2,
            available: rows2.len(),
        });
    }
    // Survival probabilities (OP's selection correction).
    let survival: Option<Vec<f64>> = if opts.selection {
        let exit = w.exit.as_ref().ok_or_else(|| {
            Error::invalid_parameter("exit", "the selection correction needs an exit column")
        })?;
        let sel_vars: Vec<usize> = (n_free..=proxy).collect();
        let sel_poly = Polynomial::new(sel_vars.len(), opts.first_stage_degree);
        let sel_scales = standardise(
            &sel_vars
                .iter()
                .map(|&v| w.x[v].as_slice())
                .collect::<Vec<_>>(),
        );
        let ps = sel_poly.len();
        let eval_row = |r: usize, out: &mut [f64]| {
            let zz: Vec<f64> = sel_vars
                .iter()
                .enumerate()
                .map(|(i, &v)| (w.x[v][r] - sel_scales[i].0) / sel_scales[i].1)
                .collect();
            sel_poly.eval(&zz, out);
        };
        let fit_rows: Vec<usize> = (0..n).filter(|&r| !w.last_year[r]).collect();
        let outcome: Vec<bool> = fit_rows.iter().map(|&r| !exit[r]).collect();
        let exits = outcome.iter().filter(|s| !**s).count();
        if exits == 0 || exits == outcome.len() {
            return Err(Error::invalid_parameter(
                "exit",
                format!(
                    "the survival probit needs both exits and survivors before the last year; \
                     found {exits} exits among {} firm-years",
                    outcome.len()
                ),
            ));
        }
        let mut xs = vec![0.0; fit_rows.len() * ps];
        for (i, &r) in fit_rows.iter().enumerate() {
            eval_row(r, &mut xs[i * ps..(i + 1) * ps]);
        }
        let delta = probit(&xs, ps, &outcome).ok_or_else(|| {
            Error::invalid_parameter(
                "exit",
                "the survival probit does not converge (exit perfectly predicted?); lower \
                 the polynomial degree",
            )
        })?;
        let mut out = vec![0.0; ps];
        Some(
            rows2
                .iter()
                .map(|&r| {
                    eval_row(w.lag[r] as usize, &mut out);
                    normal_cdf(out.iter().zip(&delta).map(|(a, b)| a * b).sum())
                })
                .collect(),
        )
    } else {
        None
    };

    // Stage-2 term values and instruments, and the weighting matrix.
    let n2 = rows2.len();
    // Instruments beyond one per term (none today; the layout allows over-identification).
    let extra: Vec<usize> = Vec::new();
    let nz = p2 + extra.len();
    let mut x2 = vec![0.0; n2 * p2];
    let mut z2 = vec![0.0; n2 * nz];
    let mut zz_mat = Sym::zeros(nz);
    for (i, &r) in rows2.iter().enumerate() {
        for (j, &t) in stage2_terms.iter().enumerate() {
            x2[i * p2 + j] = model.value(w, t, r);
            z2[i * nz + j] = model.instrument(w, t, r);
        }
        for (j, &t) in extra.iter().enumerate() {
            z2[i * nz + p2 + j] = model.value(w, t, w.lag[r] as usize);
        }
    }
    // The instruments centred: ξ has mean zero (g has a constant), so Σ z ξ is unchanged, and
    // the weight — the inverse of the instruments' covariance — no longer depends on the
    // units of the data (a change of units shifts logs by constants). The criterion, and so
    // the path of the search and the root it reaches, is then the same in any units.
    for c in 0..nz {
        let mean = crate::summation::sum((0..n2).map(|i| z2[i * nz + c])) / n2 as f64;
        for i in 0..n2 {
            z2[i * nz + c] -= mean;
        }
    }
    for i in 0..n2 {
        zz_mat.rank_one_upper(&z2[i * nz..(i + 1) * nz], 1.0 / n2 as f64);
    }
    zz_mat.mirror();
    let instrument_name = |c: usize| {
        if c < p2 {
            format!("instrument of `{}`", model.terms[stage2_terms[c]].name)
        } else {
            format!("lagged `{}`", model.terms[extra[c - p2]].name)
        }
    };
    let weight = if nz > 0 {
        Cholesky::new(&zz_mat)
            .map_err(|s| {
                Error::invalid_parameter(
                    "instruments",
                    format!(
                        "the {} is collinear with the other instruments",
                        instrument_name(s.column)
                    ),
                )
            })?
            .inverse()
    } else {
        Sym::zeros(0)
    };
    // Lagged-row term values: x at lag for stage-2 terms.
    let mut x2_lag = vec![0.0; n2 * p2];
    for (i, &r) in rows2.iter().enumerate() {
        let l = w.lag[r] as usize;
        for (j, &t) in stage2_terms.iter().enumerate() {
            x2_lag[i * p2 + j] = model.value(w, t, l);
        }
    }
    let phi_now: Vec<f64> = rows2.iter().map(|&r| phi[r]).collect();
    let phi_lag: Vec<f64> = rows2.iter().map(|&r| phi[w.lag[r] as usize]).collect();
    let g = opts.law_of_motion_degree;
    let g_poly = survival.as_ref().map(|_| Polynomial::new(2, g));
    let gk = g_poly.as_ref().map_or(g as usize + 1, |p| p.len());
    let stage2 = Stage2::new(
        phi_now, phi_lag, x2, x2_lag, z2, survival, g_poly, gk, p2, nz,
    );
    let objective = |b2: &[f64]| {
        stage2
            .moments(b2)
            .map_or(f64::INFINITY, |m| quad_form(&weight, &m))
    };

    let mut outcomes = Vec::new();
    let mut scale = f64::INFINITY;
    for (name, start) in starts {
        let x0: Vec<f64> = stage2_terms.iter().map(|&t| start[t]).collect();
        if x0.iter().any(|v| !v.is_finite()) {
            continue;
        }
        scale = scale.min(objective(&x0));
        let lm = levenberg_marquardt(
            |b| stage2.moments(b),
            &weight,
            &x0,
            opts.tolerance,
            200,
            cancel,
        )?;
        let (min, search) = if lm.converged && lm.value.is_finite() {
            (lm, Search::GaussNewton)
        } else {
            let mut nm = nelder_mead(objective, &x0, 0.1, opts.tolerance, 1000 + 400 * p2, cancel)?;
            nm.iterations += lm.iterations;
            (nm, Search::NelderMead)
        };
        let mut estimate = beta.clone();
        for (j, &t) in stage2_terms.iter().enumerate() {
            estimate[t] = min.x[j];
        }
        outcomes.push(StartOutcome {
            name: name.clone(),
            start: start.clone(),
            estimate,
            objective: min.value,
            converged: min.converged,
            iterations: min.iterations,
            search,
        });
    }
    let sign_terms = if model.terms.len() == model.inputs {
        model.inputs
    } else {
        0
    };
    let optimisation = Optimisation::choose(outcomes, scale, opts.tolerance, sign_terms)
        .ok_or_else(|| {
            Error::invalid_parameter(
                "starts",
                "the second-stage objective is not finite at any starting point",
            )
        })?;
    Ok(ProxyFit {
        beta: optimisation.best().estimate.clone(),
        controls,
        optimisation,
        stage2_rows: n2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_tables() {
        // Abramowitz & Stegun table 26.1.
        assert!((normal_cdf(1.96) - 0.975_002_104_851_780).abs() < 1e-14);
        assert!((normal_cdf(-1.0) - 0.158_655_253_931_457).abs() < 1e-14);
    }

    #[test]
    fn probit_recovers_its_coefficients() {
        // Deterministic design: outcome = 1 when 0.5 + x > u with u a fixed normal quantile grid.
        let n = 4000;
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..n {
            let xi = -2.0 + 4.0 * ((i * 7919) % n) as f64 / n as f64;
            let u = (i as f64 + 0.5) / n as f64;
            x.extend([1.0, xi]);
            y.push(u < normal_cdf(0.5 + 1.0 * xi));
        }
        let b = probit(&x, 2, &y).unwrap();
        assert!(
            (b[0] - 0.5).abs() < 0.1 && (b[1] - 1.0).abs() < 0.15,
            "{b:?}"
        );
    }
}
