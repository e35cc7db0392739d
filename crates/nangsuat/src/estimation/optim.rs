//! Minimisation of the second-stage GMM criteria of the proxy-variable estimators.
//!
//! The criterion is `m(β)ᵀ W m(β)` with a moment vector `m` of as many elements as there are
//! coefficients (just identified), so a minimum is a root of `m`. [`levenberg_marquardt`]
//! (Gauss–Newton on `m`, damped as Marquardt 1963, with a forward-difference Jacobian) finds
//! it in a few dozen evaluations of `m`; [`nelder_mead`] — prodest's choice (Rovigatti &
//! Mollisi 2018) — is the fallback when it does not converge.

use super::linalg::{Cholesky, Sym, at_w_a, at_w_m, quad_form};

use crate::cancel::Cancel;
use crate::error::Result;

/// The outcome of one minimisation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Minimum {
    pub(crate) x: Vec<f64>,
    pub(crate) value: f64,
    pub(crate) iterations: usize,
    pub(crate) converged: bool,
}

/// Nelder–Mead with the standard coefficients (1, 2, ½, ½), an initial simplex of relative
/// size `step`, stopping when the simplex diameter is below `tol` relative to the size of the
/// best point and the spread of function values below `tol·|best| + tol²`, or after `max_iter`
/// iterations. Non-finite values count as +∞. `cancel` is read before each iteration
/// ([`crate::Error::Interrupted`] once set).
pub(crate) fn nelder_mead(
    mut f: impl FnMut(&[f64]) -> f64,
    x0: &[f64],
    step: f64,
    tol: f64,
    max_iter: usize,
    cancel: &Cancel,
) -> Result<Minimum> {
    let n = x0.len();
    let mut eval = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    if n == 0 {
        let v = eval(x0);
        return Ok(Minimum {
            x: Vec::new(),
            value: v,
            iterations: 0,
            converged: true,
        });
    }
    let mut simplex: Vec<Vec<f64>> = vec![x0.to_vec()];
    for i in 0..n {
        let mut x = x0.to_vec();
        x[i] += if x[i].abs() > 1e-8 {
            step * x[i].abs()
        } else {
            step
        };
        simplex.push(x);
    }
    let mut values: Vec<f64> = simplex.iter().map(|x| eval(x)).collect();
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iter {
        cancel.check("the production-function estimation")?;
        // Order.
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        simplex = order.iter().map(|&i| simplex[i].clone()).collect();
        values = order.iter().map(|&i| values[i]).collect();
        let (best, worst) = (values[0], values[n]);
        let spread = (worst - best).abs();
        let diameter = simplex[1..]
            .iter()
            .flat_map(|x| x.iter().zip(&simplex[0]).map(|(a, b)| (a - b).abs()))
            .fold(0.0f64, f64::max);
        let xscale = simplex[0].iter().fold(1.0f64, |m, v| m.max(v.abs()));
        if spread <= tol * best.abs() + tol * tol && diameter <= tol * xscale {
            converged = true;
            break;
        }
        iterations += 1;
        let centroid: Vec<f64> = (0..n)
            .map(|j| simplex[..n].iter().map(|x| x[j]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            centroid
                .iter()
                .zip(&simplex[n])
                .map(|(c, w)| c + t * (w - c))
                .collect()
        };
        let xr = along(-1.0);
        let fr = eval(&xr);
        if fr < values[0] {
            let xe = along(-2.0);
            let fe = eval(&xe);
            if fe < fr {
                simplex[n] = xe;
                values[n] = fe;
            } else {
                simplex[n] = xr;
                values[n] = fr;
            }
        } else if fr < values[n - 1] {
            simplex[n] = xr;
            values[n] = fr;
        } else {
            let (xc, fc) = if fr < values[n] {
                let x = along(-0.5);
                let v = eval(&x);
                (x, v)
            } else {
                let x = along(0.5);
                let v = eval(&x);
                (x, v)
            };
            if fc < values[n].min(fr) {
                simplex[n] = xc;
                values[n] = fc;
            } else {
                // Shrink towards the best point.
                for i in 1..=n {
                    let x: Vec<f64> = simplex[i]
                        .iter()
                        .zip(&simplex[0])
                        .map(|(x, b)| b + 0.5 * (x - b))
                        .collect();
                    values[i] = eval(&x);
                    simplex[i] = x;
                }
            }
        }
    }
    let best = (0..=n)
        .min_by(|&a, &b| values[a].total_cmp(&values[b]))
        .unwrap_or(0);
    Ok(Minimum {
        x: simplex[best].clone(),
        value: values[best],
        iterations,
        converged,
    })
}

/// Levenberg–Marquardt on the GMM criterion `m(x)ᵀ W m(x)`: Gauss–Newton steps
/// `(JᵀWJ + μ diag(JᵀWJ)) δ = −JᵀW m` with a forward-difference Jacobian `J` of the moments
/// (step `√ε·max(|x_j|, 1)`), the damping `μ` divided by 10 after an accepted step and
/// multiplied by 10 after a rejected one. Converged when an accepted step is below `tol`
/// relative to `1 + |x_j|` in every coordinate, or the criterion no longer falls by more
/// than `tol²` relative; not converged after `max_iter` iterations, a non-finite criterion,
/// or a point where no damping gives descent while the criterion is still above `tol²` times
/// its starting value. `moments` returns `None` where the moments cannot be computed (they
/// count as a non-finite criterion). `iterations` counts Jacobians formed. `cancel` is read
/// before each iteration ([`crate::Error::Interrupted`] once set).
pub(crate) fn levenberg_marquardt(
    mut moments: impl FnMut(&[f64]) -> Option<Vec<f64>>,
    weight: &Sym,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
    cancel: &Cancel,
) -> Result<Minimum> {
    let n = x0.len();
    let k = weight.n;
    let mut x = x0.to_vec();
    let Some(mut m) = moments(&x).filter(|m| m.iter().all(|v| v.is_finite())) else {
        return Ok(Minimum {
            x,
            value: f64::INFINITY,
            iterations: 0,
            converged: false,
        });
    };
    let mut value = quad_form(weight, &m);
    let start_value = value;
    if n == 0 || value == 0.0 {
        return Ok(Minimum {
            x,
            value,
            iterations: 0,
            converged: true,
        });
    }
    let mut mu = 1e-3;
    let mut jac = vec![0.0; k * n];
    for iteration in 0..max_iter {
        cancel.check("the production-function estimation")?;
        // Forward-difference Jacobian, k × n row-major.
        for j in 0..n {
            let h = f64::EPSILON.sqrt() * x[j].abs().max(1.0);
            let mut xh = x.clone();
            xh[j] += h;
            let h = xh[j] - x[j];
            let Some(mh) = moments(&xh).filter(|m| m.iter().all(|v| v.is_finite())) else {
                return Ok(Minimum {
                    x,
                    value,
                    iterations: iteration,
                    converged: false,
                });
            };
            for i in 0..k {
                jac[i * n + j] = (mh[i] - m[i]) / h;
            }
        }
        let h = at_w_a(&jac, weight, n);
        let grad = at_w_m(&jac, weight, &m, n);
        let mut accepted = false;
        for _ in 0..40 {
            let mut damped: Sym = h.clone();
            for i in 0..n {
                damped.a[i * n + i] += mu * h.get(i, i).max(1e-300);
            }
            let Ok(chol) = Cholesky::new(&damped) else {
                mu *= 10.0;
                continue;
            };
            let step: Vec<f64> = chol.solve(&grad).into_iter().map(|v| -v).collect();
            let trial: Vec<f64> = x.iter().zip(&step).map(|(a, b)| a + b).collect();
            let Some(mt) = moments(&trial).filter(|m| m.iter().all(|v| v.is_finite())) else {
                mu *= 10.0;
                continue;
            };
            let tv = quad_form(weight, &mt);
            if tv <= value {
                let small = step
                    .iter()
                    .zip(&x)
                    .all(|(s, t)| s.abs() <= tol * (1.0 + t.abs()));
                let flat = value - tv <= tol * tol * value;
                x = trial;
                m = mt;
                value = tv;
                mu = (mu / 10.0).max(1e-12);
                accepted = true;
                if small || flat || value == 0.0 {
                    return Ok(Minimum {
                        x,
                        value,
                        iterations: iteration + 1,
                        converged: true,
                    });
                }
                break;
            }
            mu *= 10.0;
        }
        if !accepted {
            // No descent at any damping: a numerical minimum if the criterion has fallen to
            // rounding level, a stall otherwise.
            return Ok(Minimum {
                x,
                value,
                iterations: iteration + 1,
                converged: value <= tol * tol * start_value,
            });
        }
    }
    Ok(Minimum {
        x,
        value,
        iterations: max_iter,
        converged: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let m = nelder_mead(
            |x| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2),
            &[-1.2, 1.0],
            0.1,
            1e-9,
            5000,
            &Cancel::never(),
        )
        .unwrap();
        assert!(m.converged);
        assert!(
            (m.x[0] - 1.0).abs() < 1e-4 && (m.x[1] - 1.0).abs() < 1e-4,
            "{m:?}"
        );
    }

    #[test]
    fn reports_non_convergence_and_survives_nan() {
        let m = nelder_mead(
            |x| {
                if x[0] > 2.0 {
                    f64::NAN
                } else {
                    (x[0] - 1.0).powi(2)
                }
            },
            &[0.0],
            0.1,
            1e-14,
            3,
            &Cancel::never(),
        )
        .unwrap();
        assert!(!m.converged);
        assert!(m.value.is_finite());
    }

    #[test]
    fn levenberg_marquardt_finds_a_root_of_nonlinear_moments() {
        // m(x) = (x0² + x1 − 11, x0 + x1² − 7): Himmelblau's roots, one at (3, 2).
        let weight = Sym {
            n: 2,
            a: vec![1.0, 0.0, 0.0, 1.0],
        };
        let moments = |x: &[f64]| Some(vec![x[0] * x[0] + x[1] - 11.0, x[0] + x[1] * x[1] - 7.0]);
        let m = levenberg_marquardt(moments, &weight, &[2.5, 2.5], 1e-10, 100, &Cancel::never())
            .unwrap();
        assert!(m.converged, "{m:?}");
        assert!(
            (m.x[0] - 3.0).abs() < 1e-7 && (m.x[1] - 2.0).abs() < 1e-7,
            "{m:?}"
        );
        assert!(m.iterations < 20);
    }

    #[test]
    fn levenberg_marquardt_reports_moments_that_cannot_be_computed() {
        let weight = Sym { n: 1, a: vec![1.0] };
        let m = levenberg_marquardt(|_| None, &weight, &[1.0], 1e-9, 10, &Cancel::never()).unwrap();
        assert!(!m.converged && m.value.is_infinite());
        // A criterion with no root stalls without claiming convergence.
        let m = levenberg_marquardt(
            |x| Some(vec![x[0] * x[0] + 1.0]),
            &weight,
            &[3.0],
            1e-9,
            200,
            &Cancel::never(),
        )
        .unwrap();
        assert!(
            (m.x[0]).abs() < 1e-3 && (m.value - 1.0).abs() < 1e-6,
            "{m:?}"
        );
    }
}
