//! The reference estimators: pooled OLS and the within (fixed-effects) estimator.

use super::linalg::{Singular, least_squares};
use super::model::Model;
use super::panel::Work;

/// Coefficients of the production terms and of the controls.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinearFit {
    pub(crate) beta: Vec<f64>,
    pub(crate) controls: Vec<f64>,
}

/// Which regressor was collinear (index into terms, then controls; the constant is `None`).
pub(crate) fn collinear_name(
    model: &Model,
    controls: &[String],
    column: usize,
    with_constant: bool,
) -> String {
    let col = if with_constant {
        if column == 0 {
            return "the constant".into();
        }
        column - 1
    } else {
        column
    };
    if col < model.terms.len() {
        format!("`{}`", model.terms[col].name)
    } else {
        controls
            .get(col - model.terms.len())
            .map(|c| format!("control `{c}`"))
            .unwrap_or_else(|| format!("column {col}"))
    }
}

/// Pooled OLS of log output on a constant, the terms and the controls.
pub(crate) fn pooled_ols(w: &Work, model: &Model) -> Result<LinearFit, Singular> {
    let p = model.terms.len();
    let c = w.ctrl.len();
    let (b, _) = least_squares(w.rows(), 1 + p + c, |r, buf| {
        buf[0] = 1.0;
        for t in 0..p {
            buf[1 + t] = model.value(w, t, r);
        }
        for (j, col) in w.ctrl.iter().enumerate() {
            buf[1 + p + j] = col[r];
        }
        Some(w.y[r])
    })?;
    Ok(LinearFit {
        beta: b[1..1 + p].to_vec(),
        controls: b[1 + p..].to_vec(),
    })
}

/// The within estimator: every variable demeaned by firm (firms with one row drop out).
#[allow(clippy::needless_range_loop)]
pub(crate) fn fixed_effects(w: &Work, model: &Model) -> Result<LinearFit, Singular> {
    let p = model.terms.len();
    let c = w.ctrl.len();
    let k = p + c;
    let n = w.rows();
    // Column-major demeaned regressors and outcome.
    let mut cols = vec![vec![0.0; n]; k + 1];
    for f in 0..w.firms() {
        let (a, b) = (w.firm_start[f], w.firm_start[f + 1]);
        let len = (b - a) as f64;
        for j in 0..=k {
            let v = |r: usize| -> f64 {
                if j < p {
                    model.value(w, j, r)
                } else if j < k {
                    w.ctrl[j - p][r]
                } else {
                    w.y[r]
                }
            };
            let mean = (a..b).map(v).sum::<f64>() / len;
            for r in a..b {
                cols[j][r] = v(r) - mean;
            }
        }
    }
    let (b, _) = least_squares(n, k, |r, buf| {
        for j in 0..k {
            buf[j] = cols[j][r];
        }
        Some(cols[k][r])
    })?;
    Ok(LinearFit {
        beta: b[..p].to_vec(),
        controls: b[p..].to_vec(),
    })
}
