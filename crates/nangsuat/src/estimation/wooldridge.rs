//! Wooldridge (2009): both proxy-variable stages as one GMM system.
//!
//! With `c(k, m)` the full polynomial of the stated degree (no constant) in the state inputs
//! and the proxy, standardised, and `F` the terms involving a free input:
//!
//! * equation 1 (every firm-year): `y_t = α₁ + Σ_F β x_t + c(k_t, m_t) λ + γ'd_t + e_t`,
//!   instruments `1, x_t (F), c(k_t, m_t), d_t`;
//! * equation 2 (firm-years with the previous year present):
//!   `y_t = α₂ + Σ β x_t + Σ_j ρ_j ω_t−1^j + γ'd_t + u_t` with
//!   `ω_t−1 = c(k_t−1, m_t−1) λ − Σ_{not F} β x_t−1`, instruments `1`, each term with free
//!   inputs lagged, `c(k_t−1, m_t−1)`, `d_t`.
//!
//! The linear state terms sit inside `c` in equation 1 (Wooldridge's `x γ + c(x, m) λ`), so
//! the parameters are identified by the system, not by equation 1 alone. The objective
//! `m(θ)ᵀ W m(θ)` with `W` the inverse of the block-diagonal instrument moment matrix (one
//! step, no re-weighting) is minimised by Levenberg–Marquardt-damped Gauss–Newton from each
//! start; the variance is the GMM sandwich `(GᵀWG)⁻¹ GᵀW S W G (GᵀWG)⁻¹ / N` with `S` the
//! firm-clustered outer product of the moment contributions.

use super::linalg::{Cholesky, Sym, at_w_a, at_w_m, least_squares, quad_form};
use super::model::{Model, Role};
use super::panel::{NO_LAG, Work};
use super::polynomial::Polynomial;
use super::{Optimisation, Search, StartOutcome};
use crate::cancel::Cancel;
use crate::error::{Error, Result};

/// A Wooldridge fit: coefficients of the terms and controls, and the covariance of the
/// term coefficients (row-major `p × p`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WooldridgeFit {
    pub(crate) beta: Vec<f64>,
    pub(crate) controls: Vec<f64>,
    pub(crate) covariance: Option<Vec<f64>>,
    pub(crate) optimisation: Option<Optimisation>,
    pub(crate) stage2_rows: usize,
}

struct System<'a> {
    w: &'a Work,
    model: &'a Model,
    free_terms: Vec<usize>,
    nonfree_terms: Vec<usize>,
    /// c(k, m) at every row (no constant), row-major.
    c: Vec<f64>,
    nc: usize,
    g: usize,
    nctrl: usize,
    p: usize,
    k1: usize,
    k2: usize,
}

impl System<'_> {
    fn params(&self) -> usize {
        self.p + self.nc + self.g + 2 + self.nctrl
    }

    fn omega_lag(&self, theta: &[f64], r: usize) -> f64 {
        let l = self.w.lag[r] as usize;
        let lam = &theta[self.p..self.p + self.nc];
        let cl = &self.c[l * self.nc..(l + 1) * self.nc];
        let mut o: f64 = cl.iter().zip(lam).map(|(a, b)| a * b).sum();
        for &t in &self.nonfree_terms {
            o -= theta[t] * self.model.value(self.w, t, l);
        }
        o
    }

    /// Moments, Jacobian (if asked) and per-firm contributions (if asked) at θ.
    #[allow(clippy::needless_range_loop)]
    fn evaluate(
        &self,
        theta: &[f64],
        jac: Option<&mut Vec<f64>>,
        per_firm: Option<&mut Vec<Vec<f64>>>,
    ) -> Vec<f64> {
        let (w, model, p, nc, g) = (self.w, self.model, self.p, self.nc, self.g);
        let np = self.params();
        let (k1, k2) = (self.k1, self.k2);
        let kk = k1 + k2;
        let n = w.rows() as f64;
        let beta = &theta[..p];
        let lam = &theta[p..p + nc];
        let rho = &theta[p + nc..p + nc + g];
        let a1 = theta[p + nc + g];
        let a2 = theta[p + nc + g + 1];
        let gam = &theta[p + nc + g + 2..];
        let mut m = vec![0.0; kk];
        let want_jac = jac.is_some();
        let mut jm = if want_jac {
            vec![0.0; kk * np]
        } else {
            Vec::new()
        };
        let mut z1 = vec![0.0; k1];
        let mut z2 = vec![0.0; k2];
        let mut d1 = vec![0.0; np];
        let mut d2 = vec![0.0; np];
        let mut firm_g = per_firm;
        if let Some(v) = firm_g.as_mut() {
            v.clear();
        }
        for f in 0..w.firms() {
            let mut gf = if firm_g.is_some() {
                vec![0.0; kk]
            } else {
                Vec::new()
            };
            for r in w.firm_start[f]..w.firm_start[f + 1] {
                let cr = &self.c[r * nc..(r + 1) * nc];
                let ctrl = |j: usize| w.ctrl[j][r];
                let xb_all: f64 = (0..p).map(|t| beta[t] * model.value(w, t, r)).sum();
                let xb_free: f64 = self
                    .free_terms
                    .iter()
                    .map(|&t| beta[t] * model.value(w, t, r))
                    .sum();
                let dg: f64 = (0..self.nctrl).map(|j| gam[j] * ctrl(j)).sum();
                let e = w.y[r]
                    - a1
                    - xb_free
                    - cr.iter().zip(lam).map(|(a, b)| a * b).sum::<f64>()
                    - dg;
                z1[0] = 1.0;
                for (i, &t) in self.free_terms.iter().enumerate() {
                    z1[1 + i] = model.value(w, t, r);
                }
                z1[1 + self.free_terms.len()..1 + self.free_terms.len() + nc].copy_from_slice(cr);
                for j in 0..self.nctrl {
                    z1[k1 - self.nctrl + j] = ctrl(j);
                }
                for (mi, zi) in m[..k1].iter_mut().zip(&z1) {
                    *mi += zi * e;
                }
                if let Some(gf) = firm_g.as_ref().map(|_| &mut gf) {
                    for (gi, zi) in gf[..k1].iter_mut().zip(&z1) {
                        *gi += zi * e;
                    }
                }
                if want_jac {
                    d1.iter_mut().for_each(|v| *v = 0.0);
                    for &t in &self.free_terms {
                        d1[t] = -model.value(w, t, r);
                    }
                    for j in 0..nc {
                        d1[p + j] = -cr[j];
                    }
                    d1[p + nc + g] = -1.0;
                    for j in 0..self.nctrl {
                        d1[p + nc + g + 2 + j] = -ctrl(j);
                    }
                    for (i, zi) in z1.iter().enumerate() {
                        let row = &mut jm[i * np..(i + 1) * np];
                        for (a, d) in row.iter_mut().zip(&d1) {
                            *a += zi * d;
                        }
                    }
                }
                if w.lag[r] == NO_LAG {
                    continue;
                }
                let l = w.lag[r] as usize;
                let ol = self.omega_lag(theta, r);
                let mut gval = 0.0;
                let mut gder = 0.0;
                let mut pw = 1.0; // ω^(j-1)
                for (j, rj) in rho.iter().enumerate() {
                    gder += (j + 1) as f64 * rj * pw;
                    pw *= ol;
                    gval += rj * pw;
                }
                let u = w.y[r] - a2 - xb_all - gval - dg;
                z2[0] = 1.0;
                for t in 0..p {
                    z2[1 + t] = model.instrument(w, t, r);
                }
                z2[1 + p..1 + p + nc].copy_from_slice(&self.c[l * nc..(l + 1) * nc]);
                for j in 0..self.nctrl {
                    z2[k2 - self.nctrl + j] = ctrl(j);
                }
                for (mi, zi) in m[k1..].iter_mut().zip(&z2) {
                    *mi += zi * u;
                }
                if let Some(gf) = firm_g.as_ref().map(|_| &mut gf) {
                    for (gi, zi) in gf[k1..].iter_mut().zip(&z2) {
                        *gi += zi * u;
                    }
                }
                if want_jac {
                    d2.iter_mut().for_each(|v| *v = 0.0);
                    for t in 0..p {
                        d2[t] = -model.value(w, t, r);
                    }
                    for &t in &self.nonfree_terms {
                        d2[t] += gder * model.value(w, t, l);
                    }
                    for j in 0..nc {
                        d2[p + j] = -gder * self.c[l * nc + j];
                    }
                    let mut pw = 1.0;
                    for j in 0..g {
                        pw *= ol;
                        d2[p + nc + j] = -pw;
                    }
                    d2[p + nc + g + 1] = -1.0;
                    for j in 0..self.nctrl {
                        d2[p + nc + g + 2 + j] = -ctrl(j);
                    }
                    for (i, zi) in z2.iter().enumerate() {
                        let row = &mut jm[(k1 + i) * np..(k1 + i + 1) * np];
                        for (a, d) in row.iter_mut().zip(&d2) {
                            *a += zi * d;
                        }
                    }
                }
            }
            if let Some(v) = firm_g.as_mut() {
                v.push(gf);
            }
        }
        for v in &mut m {
            *v /= n;
        }
        if let Some(j) = jac {
            for v in &mut jm {
                *v /= n;
            }
            *j = jm;
        }
        m
    }
}

/// The polynomial degrees of Wooldridge's control function `c(k, m)` and of the law of motion
/// of productivity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Degrees {
    pub(crate) first_stage: u32,
    pub(crate) law_of_motion: u32,
}

pub(crate) fn wooldridge_fit(
    w: &Work,
    model: &Model,
    degrees: Degrees,
    tolerance: f64,
    starts: &[(String, Vec<f64>)],
    with_variance: bool,
    cancel: &Cancel,
) -> Result<WooldridgeFit> {
    let (first_stage_degree, law_of_motion_degree) = (degrees.first_stage, degrees.law_of_motion);
    let n = w.rows();
    let p = model.terms.len();
    if model.roles.get(model.inputs) != Some(&Role::Proxy) {
        return Err(Error::invalid_parameter(
            "gross_output",
            "Wooldridge's first equation cannot identify a gross-output function (the proxy \
             enters both the production function and c(k, m)); use ACF for gross output",
        ));
    }
    let free_terms: Vec<usize> = (0..p).filter(|&t| model.involves_free(t)).collect();
    let nonfree_terms: Vec<usize> = (0..p).filter(|&t| !model.involves_free(t)).collect();
    let c_vars: Vec<usize> = (0..model.roles.len())
        .filter(|&v| model.roles[v] != Role::Free)
        .collect();
    let poly = Polynomial::new(c_vars.len(), first_stage_degree);
    let nc = poly.len() - 1;
    let scales: Vec<(f64, f64)> = c_vars
        .iter()
        .map(|&v| {
            let col = &w.x[v];
            let nn = col.len().max(1) as f64;
            let mean = crate::summation::sum(col.iter().copied()) / nn;
            let var = col.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / nn;
            (mean, if var > 0.0 { var.sqrt() } else { 1.0 })
        })
        .collect();
    let mut c = vec![0.0; n * nc];
    let mut buf = vec![0.0; poly.len()];
    let mut zz = vec![0.0; c_vars.len()];
    for r in 0..n {
        for (i, &v) in c_vars.iter().enumerate() {
            zz[i] = (w.x[v][r] - scales[i].0) / scales[i].1;
        }
        poly.eval(&zz, &mut buf);
        c[r * nc..(r + 1) * nc].copy_from_slice(&buf[1..]);
    }
    let nctrl = w.ctrl.len();
    let g = law_of_motion_degree.max(1) as usize;
    let sys = System {
        w,
        model,
        k1: 1 + free_terms.len() + nc + nctrl,
        k2: 1 + p + nc + nctrl,
        free_terms,
        nonfree_terms,
        c,
        nc,
        g,
        nctrl,
        p,
    };
    let rows2 = (0..n).filter(|&r| w.lag[r] != NO_LAG).count();
    let np = sys.params();
    if rows2 <= np {
        return Err(Error::InsufficientData {
            what: "Wooldridge's second equation (firm-years whose previous year is present)".into(),
            needed: np + 1,
            available: rows2,
        });
    }
    // Weighting matrix: inverse of the block-diagonal instrument moment matrices.
    let (k1, k2) = (sys.k1, sys.k2);
    // Σ z zᵀ / N of each equation's instruments (N = all firm-years, as in the moments).
    let mut s1 = Sym::zeros(k1);
    let mut s2 = Sym::zeros(k2);
    {
        let mut z1 = vec![0.0; k1];
        let mut z2 = vec![0.0; k2];
        for r in 0..n {
            z1[0] = 1.0;
            for (i, &t) in sys.free_terms.iter().enumerate() {
                z1[1 + i] = model.value(w, t, r);
            }
            let nf = sys.free_terms.len();
            z1[1 + nf..1 + nf + nc].copy_from_slice(&sys.c[r * nc..(r + 1) * nc]);
            for j in 0..nctrl {
                z1[k1 - nctrl + j] = w.ctrl[j][r];
            }
            s1.rank_one_upper(&z1, 1.0 / n as f64);
            if w.lag[r] == NO_LAG {
                continue;
            }
            let l = w.lag[r] as usize;
            z2[0] = 1.0;
            for t in 0..p {
                z2[1 + t] = model.instrument(w, t, r);
            }
            z2[1 + p..1 + p + nc].copy_from_slice(&sys.c[l * nc..(l + 1) * nc]);
            for j in 0..nctrl {
                z2[k2 - nctrl + j] = w.ctrl[j][r];
            }
            s2.rank_one_upper(&z2, 1.0 / n as f64);
        }
        s1.mirror();
        s2.mirror();
    }
    let inv = |s: &Sym, eq: &str| -> Result<Sym> {
        Cholesky::new(s).map(|c| c.inverse()).map_err(|e| {
            Error::invalid_parameter(
                "instruments",
                format!(
                    "the instruments of equation {eq} are collinear (column {}): too few \
                     distinct values for the polynomial degree, or a constant control",
                    e.column
                ),
            )
        })
    };
    let w1 = inv(&s1, "1")?;
    let w2 = inv(&s2, "2")?;
    let mut weight = Sym::zeros(k1 + k2);
    for i in 0..k1 {
        for j in 0..k1 {
            weight.a[i * (k1 + k2) + j] = w1.get(i, j);
        }
    }
    for i in 0..k2 {
        for j in 0..k2 {
            weight.a[(k1 + i) * (k1 + k2) + k1 + j] = w2.get(i, j);
        }
    }
    let objective = |theta: &[f64]| quad_form(&weight, &sys.evaluate(theta, None, None));

    let mut outcomes = Vec::new();
    let mut thetas = Vec::new();
    let mut scale = f64::INFINITY;
    for (name, start) in starts {
        let Some(theta0) = initial(&sys, start) else {
            continue;
        };
        scale = scale.min(objective(&theta0));
        let (theta, value, iterations, converged) =
            gauss_newton(&sys, &weight, &objective, theta0, tolerance, cancel)?;
        outcomes.push(StartOutcome {
            name: name.clone(),
            start: start.clone(),
            estimate: theta[..p].to_vec(),
            objective: value,
            converged,
            iterations,
            search: Search::GaussNewton,
        });
        thetas.push(theta);
    }
    let sign_terms = if model.terms.len() == model.inputs {
        model.inputs
    } else {
        0
    };
    let optimisation =
        Optimisation::choose(outcomes, scale, tolerance, sign_terms).ok_or_else(|| {
            Error::invalid_parameter(
                "starts",
                "the GMM objective is not finite at any starting point",
            )
        })?;
    let theta = thetas.swap_remove(optimisation.winner);
    let covariance = if with_variance {
        variance(&sys, &weight, &theta)
    } else {
        None
    };
    Ok(WooldridgeFit {
        beta: theta[..p].to_vec(),
        controls: theta[np - nctrl..].to_vec(),
        covariance,
        optimisation: Some(optimisation),
        stage2_rows: rows2,
    })
}

/// The starting θ from a vector of term coefficients: λ, α₁ and γ by least squares in
/// equation 1, α₂ and ρ by least squares in equation 2.
fn initial(sys: &System<'_>, beta: &[f64]) -> Option<Vec<f64>> {
    let (w, model, p, nc, g, nctrl) = (sys.w, sys.model, sys.p, sys.nc, sys.g, sys.nctrl);
    if beta.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let n = w.rows();
    let (b1, _) = least_squares(n, 1 + nc + nctrl, |r, buf| {
        buf[0] = 1.0;
        buf[1..1 + nc].copy_from_slice(&sys.c[r * nc..(r + 1) * nc]);
        for j in 0..nctrl {
            buf[1 + nc + j] = w.ctrl[j][r];
        }
        let xb: f64 = sys
            .free_terms
            .iter()
            .map(|&t| beta[t] * model.value(w, t, r))
            .sum();
        Some(w.y[r] - xb)
    })
    .ok()?;
    let mut theta = vec![0.0; sys.params()];
    theta[..p].copy_from_slice(&beta[..p]);
    theta[p..p + nc].copy_from_slice(&b1[1..1 + nc]);
    theta[p + nc + g] = b1[0];
    theta[p + nc + g + 2..].copy_from_slice(&b1[1 + nc..]);
    let gam = b1[1 + nc..].to_vec();
    let (b2, _) = least_squares(n, 1 + g, |r, buf| {
        if w.lag[r] == NO_LAG {
            return None;
        }
        let ol = sys.omega_lag(&theta, r);
        buf[0] = 1.0;
        for j in 1..=g {
            buf[j] = buf[j - 1] * ol;
        }
        let xb: f64 = (0..p).map(|t| beta[t] * model.value(w, t, r)).sum();
        let dg: f64 = (0..nctrl).map(|j| gam[j] * w.ctrl[j][r]).sum();
        Some(w.y[r] - xb - dg)
    })
    .ok()?;
    theta[p + nc..p + nc + g].copy_from_slice(&b2[1..]);
    theta[p + nc + g + 1] = b2[0];
    Some(theta)
}

/// Levenberg–Marquardt-damped Gauss–Newton on `m(θ)ᵀ W m(θ)`.
fn gauss_newton(
    sys: &System<'_>,
    weight: &Sym,
    objective: &impl Fn(&[f64]) -> f64,
    mut theta: Vec<f64>,
    tolerance: f64,
    cancel: &Cancel,
) -> Result<(Vec<f64>, f64, usize, bool)> {
    let np = sys.params();
    let mut jac = Vec::new();
    let mut mu = 1e-6;
    let mut value = f64::INFINITY;
    for iteration in 0..200 {
        cancel.check("the production-function estimation")?;
        let m = sys.evaluate(&theta, Some(&mut jac), None);
        value = quad_form(weight, &m);
        if !value.is_finite() {
            return Ok((theta, f64::INFINITY, iteration, false));
        }
        let h = at_w_a(&jac, weight, np);
        let grad = at_w_m(&jac, weight, &m, np);
        let mut accepted = false;
        for _ in 0..30 {
            let mut hd = h.clone();
            for i in 0..np {
                hd.a[i * np + i] += mu * h.get(i, i).max(1e-300);
            }
            let Ok(chol) = Cholesky::new(&hd) else {
                mu *= 10.0;
                continue;
            };
            let step: Vec<f64> = chol.solve(&grad).into_iter().map(|v| -v).collect();
            let trial: Vec<f64> = theta.iter().zip(&step).map(|(a, b)| a + b).collect();
            let tv = objective(&trial);
            if tv.is_finite() && tv <= value {
                let small = step
                    .iter()
                    .zip(&theta)
                    .all(|(s, t)| s.abs() <= tolerance * (1.0 + t.abs()));
                let flat = value - tv <= tolerance * tolerance * (1.0 + value);
                theta = trial;
                value = tv;
                mu = (mu / 10.0).max(1e-12);
                accepted = true;
                if small || flat {
                    return Ok((theta, value, iteration + 1, true));
                }
                break;
            }
            mu *= 10.0;
        }
        if !accepted {
            // No descent step at any damping: a (numerical) minimum.
            return Ok((theta, value, iteration + 1, true));
        }
    }
    Ok((theta, value, 200, false))
}

/// The GMM sandwich variance of the term coefficients, clustered by firm.
fn variance(sys: &System<'_>, weight: &Sym, theta: &[f64]) -> Option<Vec<f64>> {
    let np = sys.params();
    let n = sys.w.rows() as f64;
    let mut jac = Vec::new();
    let mut firms = Vec::new();
    sys.evaluate(theta, Some(&mut jac), Some(&mut firms));
    let kk = weight.n;
    let mut s = Sym::zeros(kk);
    for gf in &firms {
        s.rank_one_upper(gf, 1.0 / n);
    }
    s.mirror();
    let bread = Cholesky::new(&at_w_a(&jac, weight, np)).ok()?.inverse();
    // meat = Jᵀ W S W J
    let mut wsw = Sym::zeros(kk);
    let ws: Vec<f64> = (0..kk * kk)
        .map(|ij| {
            let (i, j) = (ij / kk, ij % kk);
            (0..kk).map(|l| weight.get(i, l) * s.get(l, j)).sum()
        })
        .collect();
    for i in 0..kk {
        for j in 0..kk {
            wsw.a[i * kk + j] = (0..kk).map(|l| ws[i * kk + l] * weight.get(l, j)).sum();
        }
    }
    let meat = at_w_a(&jac, &wsw, np);
    let p = sys.p;
    let mut cov = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..p {
            let mut v = 0.0;
            for a in 0..np {
                for b in 0..np {
                    v += bread.get(i, a) * meat.get(a, b) * bread.get(b, j);
                }
            }
            cov[i * p + j] = v / n;
        }
    }
    Some(cov)
}
