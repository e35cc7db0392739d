//! Derivative-free minimisation (Nelder–Mead) for the second-stage GMM objectives of the
//! proxy-variable estimators, as prodest does (Rovigatti & Mollisi 2018 use Nelder–Mead for
//! the ACF, OP and LP second stages).

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
}
