//! The fit printed as FRONTIER 4.1 prints it (Coelli 1996, appendix output files).

use std::fmt::Write;

use super::{Model, SfaFit};

/// `x` in Fortran's `E16.8` style without the padding: `0.24489834E+00`, `-0.18446849E+02`.
pub(crate) fn fortran_e(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == 0.0 {
        return "0.00000000E+00".into();
    }
    // Rust rounds correctly: d.ddddddde±X → 0.dddddddd E±(X+1).
    let s = format!("{:.7e}", x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0) + 1;
    let sign = if x < 0.0 { "-" } else { "" };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0.{digits}E{esign}{:02}", exp.abs())
}

fn label(name: &str) -> String {
    match name {
        "sigma_sq" => "sigma-squared".into(),
        other => other.replacen('_', " ", 1),
    }
}

pub(crate) fn frontier_report(fit: &SfaFit) -> String {
    let mut out = String::new();
    let w = &mut out;
    let e = |x: f64| format!("{:>16}", fortran_e(x));
    let _ = writeln!(
        w,
        "Output in the form of FRONTIER 4.1 (nangsuat {})\n",
        crate::VERSION
    );
    let (mu, eta, te_model) = match fit.model {
        Model::ErrorComponents { mu, eta } => (mu, eta, false),
        Model::InefficiencyEffects { .. } => (false, false, true),
    };
    if te_model {
        let _ = writeln!(w, " Tech. Eff. Effects Frontier (see B&C 1993)");
    } else {
        let _ = writeln!(w, " Error Components Frontier (see B&C 1992)");
    }
    let kind = if fit.cost { "cost" } else { "production" };
    let _ = writeln!(w, " The model is a {kind} function");
    let _ = writeln!(w, " The dependent variable is logged\n\n");
    let _ = writeln!(w, "the ols estimates are :\n");
    let _ = writeln!(
        w,
        "                 coefficient     standard-error    t-ratio\n"
    );
    for (j, (b, se)) in fit.ols.beta.iter().zip(&fit.ols.std_errors).enumerate() {
        let _ = writeln!(
            w,
            "  {:<13}{}{}{}",
            format!("beta {j}"),
            e(*b),
            e(*se),
            e(b / se)
        );
    }
    let _ = writeln!(w, "  {:<13}{}\n", "sigma-squared", e(fit.ols.sigma_sq));
    let _ = writeln!(
        w,
        "log likelihood function = {}\n",
        e(fit.ols.log_likelihood)
    );
    let _ = writeln!(w, "the estimates after the grid search were :\n");
    let restricted = |w: &mut String| {
        if !te_model {
            if !mu {
                let _ = writeln!(w, "   mu is restricted to be zero");
            }
            if !eta {
                let _ = writeln!(w, "   eta is restricted to be zero");
            }
        }
    };
    for (name, v) in fit.names.iter().zip(&fit.grid_start) {
        let _ = writeln!(w, "  {:<13}{}", label(name), e(*v));
    }
    restricted(w);
    let _ = writeln!(w, "\n\nthe final mle estimates are :\n");
    let _ = writeln!(
        w,
        "                 coefficient     standard-error    t-ratio\n"
    );
    for ((name, v), se) in fit.names.iter().zip(&fit.params).zip(&fit.std_errors) {
        match se {
            Some(se) => {
                let _ = writeln!(w, "  {:<13}{}{}{}", label(name), e(*v), e(*se), e(v / se));
            }
            None => {
                let _ = writeln!(w, "  {:<13}{}{:>16}", label(name), e(*v), "n/a");
            }
        }
    }
    restricted(w);
    let _ = writeln!(w, "\nlog likelihood function = {}\n", e(fit.log_likelihood));
    let _ = writeln!(
        w,
        "LR test of the one-sided error = {}",
        e(fit.lr_test.statistic)
    );
    let _ = writeln!(
        w,
        "with number of restrictions = {}",
        fit.lr_test.restrictions
    );
    let _ = writeln!(
        w,
        " [note that this statistic has a mixed chi-square distribution:\n  Kodde & Palm (1986) 5 % critical value {:.3}, 1 % {:.3}, p-value {:.4}]\n",
        fit.lr_test.critical_value_5pct, fit.lr_test.critical_value_1pct, fit.lr_test.p_value
    );
    if fit.wrong_skewness {
        let _ = writeln!(
            w,
            " warning: the OLS residuals are skewed the wrong way (skewness {:.4}): the data \
             show no inefficiency\n",
            fit.ols.skewness
        );
    }
    let c = &fit.convergence;
    let _ = writeln!(w, "number of iterations = {:>6}\n", c.iterations);
    let _ = writeln!(
        w,
        "(quasi-Newton BFGS, analytic gradient; stop: {}, scaled gradient {:.1e}, tolerance {:.1e})\n",
        c.stop.describe(),
        c.scaled_gradient,
        c.tolerance
    );
    let _ = writeln!(w, "number of cross-sections = {:>6}\n", fit.units);
    let _ = writeln!(w, "number of time periods = {:>6}\n", fit.periods);
    let _ = writeln!(w, "total number of observations = {:>6}\n", fit.rows);
    if let Some(cov) = &fit.covariance {
        let n = fit.params.len();
        let _ = writeln!(w, "\ncovariance matrix :\n");
        for i in 0..n {
            let row: String = (0..n).map(|j| e(cov[i * n + j])).collect();
            let _ = writeln!(w, "{row}");
        }
        let _ = writeln!(w);
    }
    if !fit.marginal_effects.is_empty() {
        let _ = writeln!(w, "\nmean marginal effects of z on E[u] :\n");
        for (name, v) in &fit.marginal_effects {
            let _ = writeln!(w, "  {:<13}{}", label(name), e(*v));
        }
    }
    let what = if fit.cost { "cost" } else { "technical" };
    let _ = writeln!(w, "\n{what} efficiency estimates :\n\n");
    let _ = writeln!(w, "      row             eff.-est.\n");
    for (r, v) in fit.efficiency.iter().enumerate() {
        match v {
            Some(v) => {
                let _ = writeln!(w, "{:>8}        {}", r + 1, e(*v));
            }
            None => {
                let _ = writeln!(w, "{:>8}        {:>16}", r + 1, "n/a");
            }
        }
    }
    let _ = writeln!(w);
    for pm in &fit.mean_efficiency_by_period {
        let _ = writeln!(w, " mean eff. in period {:>6} = {}", pm.period, e(pm.mean));
    }
    match fit.mean_efficiency {
        Some(m) => {
            let _ = writeln!(w, "\n mean efficiency = {}", e(m));
        }
        None => {
            let _ = writeln!(w, "\n mean efficiency = {:>16}", "n/a");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fortran_e;

    #[test]
    fn fortran_e_format() {
        assert_eq!(fortran_e(0.24489834), "0.24489834E+00");
        assert_eq!(fortran_e(-18.446849), "-0.18446849E+02");
        assert_eq!(fortran_e(0.0031446721), "0.31446721E-02");
        assert_eq!(fortran_e(0.999999999), "0.10000000E+01");
        assert_eq!(fortran_e(0.0), "0.00000000E+00");
    }
}
