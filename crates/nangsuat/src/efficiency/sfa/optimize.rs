//! BFGS quasi-Newton minimisation with a strong-Wolfe line search (Nocedal & Wright 2006,
//! *Numerical Optimization*, 2nd ed., algorithms 6.1, 3.5 and 3.6), for smooth objectives
//! with an analytic gradient.
//!
//! Hand-written because the objective is cheap to pair with its gradient in one pass over
//! the data (one closure returns both) and because a frontier fit needs only this one method;
//! `tests::rosenbrock` and the Monte Carlo tests check it, and the README's benchmark times it.

/// Why the minimisation stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The scaled gradient fell below the tolerance.
    Gradient,
    /// No step along the search direction decreases the objective any more while the
    /// gradient is already small (the optimum is found to machine precision).
    NoProgress,
    /// The line search failed with a gradient still large.
    LineSearchFailed,
    /// The iteration limit was reached.
    MaxIterations,
}

/// The outcome of [`minimize`].
pub(crate) struct Minimum {
    pub x: Vec<f64>,
    pub iterations: usize,
    pub evaluations: usize,
    pub scaled_gradient: f64,
    pub stop: Stop,
}

/// `max_i |g_i|·max(1, |x_i|) / max(1, |f|)`: the relative change of `f` per relative change of
/// each parameter, the convergence measure (dimensionless, so independent of data scaling).
pub(crate) fn scaled_gradient(x: &[f64], g: &[f64], f: f64) -> f64 {
    let denom = f.abs().max(1.0);
    x.iter()
        .zip(g)
        .map(|(xi, gi)| gi.abs() * xi.abs().max(1.0) / denom)
        .fold(0.0, f64::max)
}

use crate::cancel::Cancel;
use crate::error::Result;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises `f` from `x0`. `fg(x, g)` returns `f(x)` and writes the gradient into `g`; a
/// non-finite value means "outside the domain" and makes the line search step back.
/// `cancel` is read before each iteration ([`crate::Error::Interrupted`] once set).
pub(crate) fn minimize<F>(
    mut fg: F,
    x0: Vec<f64>,
    gtol: f64,
    max_iter: usize,
    cancel: &Cancel,
) -> Result<Minimum>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let n = x0.len();
    let mut x = x0;
    let mut g = vec![0.0; n];
    let mut f = fg(&x, &mut g);
    let mut evaluations = 1;
    // Inverse Hessian approximation, row-major.
    let mut h = vec![0.0; n * n];
    for i in 0..n {
        h[i * n + i] = 1.0;
    }
    let mut first = true;
    let mut d = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut iterations = 0;
    let mut stop = Stop::MaxIterations;
    while iterations < max_iter {
        cancel.check("the stochastic frontier fit")?;
        let sg = scaled_gradient(&x, &g, f);
        if sg < gtol {
            stop = Stop::Gradient;
            break;
        }
        for i in 0..n {
            d[i] = -(0..n).map(|j| h[i * n + j] * g[j]).sum::<f64>();
        }
        let mut slope = dot(&d, &g);
        if slope.is_nan() || slope >= 0.0 {
            // Not a descent direction (rounding in H): restart from steepest descent.
            for i in 0..n {
                for j in 0..n {
                    h[i * n + j] = if i == j { 1.0 } else { 0.0 };
                }
                d[i] = -g[i];
            }
            first = true;
            slope = -dot(&g, &g);
        }
        // First step: a unit-length move, since nothing is known of the scale yet.
        let alpha0 = if first {
            1.0 / dot(&d, &d).sqrt().max(1.0)
        } else {
            1.0
        };
        let found = line_search(
            &mut fg,
            &x,
            f,
            slope,
            &d,
            alpha0,
            &mut x_new,
            &mut g_new,
            &mut evaluations,
        );
        let Some(f_new) = found else {
            stop = if sg < gtol.sqrt() {
                Stop::NoProgress
            } else {
                Stop::LineSearchFailed
            };
            break;
        };
        iterations += 1;
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-300 {
            if first {
                // Nocedal & Wright (6.20): scale the initial matrix before the first update.
                let scale = sy / dot(&y, &y);
                h.iter_mut().for_each(|v| *v = 0.0);
                for i in 0..n {
                    h[i * n + i] = scale;
                }
                first = false;
            }
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n)
                .map(|i| (0..n).map(|j| h[i * n + j] * y[j]).sum())
                .collect();
            let yhy = dot(&y, &hy);
            for i in 0..n {
                for j in 0..n {
                    h[i * n + j] +=
                        rho * ((1.0 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
                }
            }
        }
        let f_old = f;
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        f = f_new;
        if (f_old - f).abs() <= 1e-15 * f.abs().max(1.0) && scaled_gradient(&x, &g, f) < gtol.sqrt()
        {
            stop = Stop::NoProgress;
            break;
        }
    }
    let scaled = scaled_gradient(&x, &g, f);
    if stop == Stop::MaxIterations && scaled < gtol {
        stop = Stop::Gradient;
    }
    Ok(Minimum {
        x,
        iterations,
        evaluations,
        scaled_gradient: scaled,
        stop,
    })
}

const C1: f64 = 1e-4;
const C2: f64 = 0.9;

/// Strong-Wolfe line search along `d` from `x` (N&W algorithm 3.5 with zoom, 3.6). On
/// success `x_new`, `g_new` hold the accepted point and its gradient.
#[allow(clippy::too_many_arguments)]
fn line_search<F>(
    fg: &mut F,
    x: &[f64],
    f0: f64,
    slope0: f64,
    d: &[f64],
    alpha0: f64,
    x_new: &mut [f64],
    g_new: &mut [f64],
    evaluations: &mut usize,
) -> Option<f64>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let mut eval = |alpha: f64, xn: &mut [f64], gn: &mut [f64], evals: &mut usize| {
        for i in 0..x.len() {
            xn[i] = x[i] + alpha * d[i];
        }
        *evals += 1;
        let f = fg(xn, gn);
        let slope = dot(gn, d);
        if f.is_finite() && slope.is_finite() {
            (f, slope)
        } else {
            (f64::INFINITY, f64::NAN)
        }
    };
    let (mut a_prev, mut f_prev, mut s_prev) = (0.0, f0, slope0);
    let mut alpha = alpha0;
    for i in 0..40 {
        let (f, s) = eval(alpha, x_new, g_new, evaluations);
        if !f.is_finite() {
            // Outside the domain: shrink towards the last good point.
            alpha = a_prev + 0.1 * (alpha - a_prev);
            continue;
        }
        if f > f0 + C1 * alpha * slope0 || (i > 0 && f >= f_prev) {
            return zoom(
                &mut eval,
                f0,
                slope0,
                a_prev,
                f_prev,
                s_prev,
                alpha,
                f,
                x_new,
                g_new,
                evaluations,
            );
        }
        if s.abs() <= -C2 * slope0 {
            return Some(f);
        }
        if s >= 0.0 {
            return zoom(
                &mut eval,
                f0,
                slope0,
                alpha,
                f,
                s,
                a_prev,
                f_prev,
                x_new,
                g_new,
                evaluations,
            );
        }
        a_prev = alpha;
        f_prev = f;
        s_prev = s;
        alpha *= 2.0;
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn zoom<E>(
    eval: &mut E,
    f0: f64,
    slope0: f64,
    mut lo: f64,
    mut f_lo: f64,
    mut s_lo: f64,
    mut hi: f64,
    mut f_hi: f64,
    x_new: &mut [f64],
    g_new: &mut [f64],
    evaluations: &mut usize,
) -> Option<f64>
where
    E: FnMut(f64, &mut [f64], &mut [f64], &mut usize) -> (f64, f64),
{
    // Twenty halvings shrink the bracket a million-fold; beyond that the objective's
    // differences are rounding (a search there only burns evaluations).
    for _ in 0..20 {
        // Quadratic interpolation from f_lo, s_lo and f_hi, safeguarded into the middle 80 %.
        let width = hi - lo;
        let denom = 2.0 * (f_hi - f_lo - s_lo * width);
        let mut a = if denom.is_finite() && denom > 0.0 {
            lo - s_lo * width * width / denom
        } else {
            lo + 0.5 * width
        };
        let (left, right) = if lo < hi { (lo, hi) } else { (hi, lo) };
        let margin = 0.1 * (right - left);
        if !(a > left + margin && a < right - margin) {
            a = 0.5 * (lo + hi);
        }
        if (hi - lo).abs() < 1e-16 * lo.abs().max(1e-300) {
            break;
        }
        let (f, s) = eval(a, x_new, g_new, evaluations);
        if !f.is_finite() || f > f0 + C1 * a * slope0 || f >= f_lo {
            hi = a;
            f_hi = f;
            if !f_hi.is_finite() {
                f_hi = f_lo + 1e300;
            }
        } else {
            if s.abs() <= -C2 * slope0 {
                return Some(f);
            }
            if s * (hi - lo) >= 0.0 {
                hi = lo;
                f_hi = f_lo;
            }
            lo = a;
            f_lo = f;
            s_lo = s;
        }
    }
    // No Wolfe point, but accept a strict decrease if the bracket found one.
    if lo != 0.0 && f_lo < f0 {
        let (f, _) = eval(lo, x_new, g_new, evaluations);
        return Some(f);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rosenbrock() {
        let fg = |x: &[f64], g: &mut [f64]| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        };
        let m = minimize(fg, vec![-1.2, 1.0], 1e-10, 500, &Cancel::never()).unwrap();
        assert!(
            matches!(m.stop, Stop::Gradient | Stop::NoProgress),
            "{:?}",
            m.stop
        );
        assert!(
            (m.x[0] - 1.0).abs() < 1e-8 && (m.x[1] - 1.0).abs() < 1e-8,
            "{:?}",
            m.x
        );
        assert!(m.iterations < 100, "{}", m.iterations);
    }

    #[test]
    fn domain_limits_are_respected() {
        // f = x − ln x on x > 0 (minimum at 1); outside the domain the objective is infinite.
        let fg = |x: &[f64], g: &mut [f64]| {
            if x[0] <= 0.0 {
                return f64::INFINITY;
            }
            g[0] = 1.0 - 1.0 / x[0];
            x[0] - x[0].ln()
        };
        let m = minimize(fg, vec![8.0], 1e-12, 200, &Cancel::never()).unwrap();
        assert!((m.x[0] - 1.0).abs() < 1e-9, "{:?}", m.x);
    }
}
