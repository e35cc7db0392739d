//! FRONTIER 4.1's first example (Coelli 1996, *A Guide to FRONTIER Version 4.1*, CEPA WP
//! 96/07): the manual's data (`eg1-dta.txt`), instructions (`eg1-ins.txt`: error components,
//! production, logged, 60 firms, 1 period, no μ, no η) and printed output (`eg1-out.txt`),
//! copied from `shared/data/frontier41`. Every printed number is read from the output file
//! and compared with ours; the comments say to what precision and why.
//!
//! Two facts about FRONTIER explain every difference:
//! * its Fortran declares `data pi/3.1415926/`, a single-precision literal (π_F =
//!   3.14159250259…, 1.5e-7 below π). It enters the likelihood's constant `(n/2) ln 2π` and the
//!   grid search's `2γ/π`; we use π. Substituting π_F into our numbers reproduces FRONTIER's
//!   printed digits exactly, which the tests show;
//! * it stops when ℓ and every parameter change by less than 1e-5 (relative) between DFP
//!   iterations, a little short of the maximum; and its standard errors are the DFP
//!   approximation of the inverse Hessian. Ours converge to a scaled gradient below 1e-9
//!   (a higher ℓ, shown below) and use the Hessian at the optimum.

use nangsuat::efficiency::sfa::{Sfa, SfaFit, SfaInput};

const DATA: &str = include_str!("fixtures/frontier41/eg1-dta.txt");
const OUTPUT: &str = include_str!("fixtures/frontier41/eg1-out.txt");

/// FRONTIER's π: the single-precision literal 3.1415926 (the float nearest to it,
/// 3.14159250259…, not the float nearest to π) widened to double.
#[allow(clippy::approx_constant)] // deliberately FRONTIER's inexact constant
const PI_F: f64 = 3.141_592_6_f32 as f64;

fn data() -> (Vec<f64>, Vec<f64>) {
    let rows: Vec<Vec<f64>> = DATA
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 60);
    (
        rows.iter().map(|r| r[2]).collect(),
        rows.iter().flat_map(|r| [r[3], r[4]]).collect(),
    )
}

/// The printed numbers of the section that starts with `heading`, as (label, numbers) lines.
fn section(heading: &str) -> Vec<(String, Vec<String>)> {
    let start = OUTPUT
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}`"));
    let mut out = Vec::new();
    let mut started = false;
    for line in OUTPUT[start + heading.len()..].lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("coefficient") {
            if started && t.is_empty() {
                break;
            }
            continue;
        }
        let parts: Vec<&str> = t.split_whitespace().collect();
        let first_number = parts
            .iter()
            .position(|p| p.contains("E+") || p.contains("E-"));
        let Some(k) = first_number else {
            if started {
                break;
            }
            continue;
        };
        started = true;
        out.push((
            parts[..k].join(" "),
            parts[k..].iter().map(|s| s.to_string()).collect(),
        ));
    }
    out
}

/// The number after `label =` in the output.
fn printed_after(label: &str, after: &str) -> String {
    let from = OUTPUT.find(after).unwrap();
    let rest = &OUTPUT[from..];
    let at = rest.find(label).unwrap_or_else(|| panic!("no `{label}`"));
    rest[at + label.len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// Half a unit in the last printed place of a FRONTIER `E16.8` number.
fn half_ulp(printed: &str) -> f64 {
    let exp: i32 = printed.split('E').nth(1).unwrap().parse().unwrap();
    0.5 * 10f64.powi(exp - 8)
}

/// `ours` rounds to `printed` (8 significant digits), allowing 1e-13 relative for the
/// rounding of the comparison itself.
fn assert_printed(what: &str, ours: f64, printed: &str) {
    let p: f64 = printed.parse().unwrap();
    assert!(
        (ours - p).abs() <= half_ulp(printed) + 1e-13 * p.abs(),
        "{what}: ours {ours:.10e}, FRONTIER printed {printed}"
    );
}

fn fit() -> SfaFit {
    let (y, x) = data();
    let input = SfaInput::new(&y, &x, 2).unwrap();
    Sfa::error_components().fit(&input).unwrap()
}

/// `(n/2) ln(π/π_F)`: what FRONTIER's π adds to a log-likelihood of `n` observations.
fn pi_shift(n: f64) -> f64 {
    0.5 * n * (std::f64::consts::PI / PI_F).ln()
}

#[test]
fn ols_estimates_standard_errors_and_t_ratios_to_every_printed_digit() {
    let fit = fit();
    let rows = section("the ols estimates are :");
    assert_eq!(rows.len(), 4);
    for (j, (label, nums)) in rows.iter().take(3).enumerate() {
        assert_eq!(label, &format!("beta {j}"));
        let b = fit.ols.beta[j];
        let se = fit.ols.std_errors[j];
        assert_printed(label, b, &nums[0]);
        assert_printed(label, se, &nums[1]);
        assert_printed(label, b / se, &nums[2]);
    }
    assert_eq!(rows[3].0, "sigma-squared");
    assert_printed("OLS sigma-squared", fit.ols.sigma_sq, &rows[3].1[0]);
    // The OLS log-likelihood: with FRONTIER's π, to the printed digit; with π, 1.4e-6 lower.
    let printed = printed_after("log likelihood function =", "the ols estimates");
    assert_printed("OLS llf", fit.ols.log_likelihood + pi_shift(60.0), &printed);
    assert!((fit.ols.log_likelihood - printed.parse::<f64>().unwrap()).abs() < 3e-6);
    // A production frontier's OLS residuals should be negatively skewed; here they are.
    assert!(!fit.wrong_skewness && fit.ols.skewness < 0.0);
}

#[test]
fn grid_search_picks_frontiers_gamma_and_starting_values() {
    let fit = fit();
    let rows = section("the estimates after the grid search were :");
    assert_eq!(rows.len(), 5);
    let names = ["beta 0", "beta 1", "beta 2", "sigma-squared", "gamma"];
    for ((label, _), name) in rows.iter().zip(names) {
        assert_eq!(label, name);
    }
    // γ = 0.8 (the fine grid 0.75, 0.76, …, 0.85 found nothing better), β₁, β₂ = OLS.
    assert_eq!(fit.grid_start[4], 0.8);
    for (j, (label, nums)) in rows.iter().enumerate() {
        let tol = half_ulp(&nums[0]) + 2e-8 * fit.grid_start[j].abs();
        let p: f64 = nums[0].parse().unwrap();
        assert!((fit.grid_start[j] - p).abs() <= tol, "{label}");
    }
    // With FRONTIER's π the corrected-OLS formulas give the printed digits exactly.
    let n = 60.0;
    let var = fit.ols.sigma_sq * (n - 3.0) / n;
    let s2 = var / (1.0 - 2.0 * 0.8 / PI_F);
    let b0 = fit.ols.beta[0] + (0.8 * s2 * 2.0 / PI_F).sqrt();
    assert_printed("grid beta 0", b0, &rows[0].1[0]);
    assert_printed("grid sigma-squared", s2, &rows[3].1[0]);
    assert_printed("grid beta 1", fit.grid_start[1], &rows[1].1[0]);
    assert_printed("grid beta 2", fit.grid_start[2], &rows[2].1[0]);
    // FRONTIER's iteration 0 prints ℓ at the grid point: −17.034854.
    assert_printed(
        "llf at the grid point",
        fit.grid_log_likelihood + pi_shift(n),
        "-0.17034854E+02",
    );
}

#[test]
fn final_estimates_log_likelihood_and_lr_test() {
    let fit = fit();
    assert!(fit.convergence.converged, "{:?}", fit.convergence);
    let rows = section("the final mle estimates are :");
    assert_eq!(rows.len(), 5);
    let (y, x) = data();
    let input = SfaInput::new(&y, &x, 2).unwrap();
    let frontier_params: Vec<f64> = rows.iter().map(|(_, n)| n[0].parse().unwrap()).collect();
    // FRONTIER stops when parameters change by less than 1e-5 relative: its estimates lie
    // within that of ours (they agree to 5–6 significant digits) …
    for (j, (label, nums)) in rows.iter().enumerate() {
        let p: f64 = nums[0].parse().unwrap();
        let rel = (fit.params[j] - p).abs() / p.abs();
        assert!(
            rel < 1e-5,
            "{label}: ours {}, FRONTIER {p}, relative {rel:.1e}",
            fit.params[j]
        );
    }
    // … and ours are the higher point of the likelihood.
    let at_frontier = Sfa::error_components()
        .evaluate(&input, &frontier_params)
        .unwrap();
    assert!(fit.log_likelihood >= at_frontier.log_likelihood);
    assert!(fit.log_likelihood - at_frontier.log_likelihood < 1e-8);
    // The printed log-likelihood: ℓ at FRONTIER's printed estimates, with FRONTIER's π, is
    // the printed number to its last digit; our maximum is the same to 1e-6.
    let printed = printed_after("log likelihood function =", "the final mle estimates");
    assert_printed(
        "final llf",
        at_frontier.log_likelihood + pi_shift(60.0),
        &printed,
    );
    assert!((fit.log_likelihood + pi_shift(60.0) - printed.parse::<f64>().unwrap()).abs() < 1e-6);
    // LR test of the one-sided error (π cancels in the difference): 2.8392402 printed; ours
    // differs by FRONTIER's early stop only.
    let lr = printed_after("LR test of the one-sided error =", "the final mle");
    let lr: f64 = lr.parse().unwrap();
    assert!(
        (fit.lr_test.statistic - lr).abs() < 1e-6,
        "{}",
        fit.lr_test.statistic
    );
    // At FRONTIER's estimates: 2.83923995 against 2.8392402 printed. Both log-likelihoods
    // are reproduced to their printed digits, but FRONTIER evaluates them with its
    // single-precision constants, and the difference carries 2.5e-7 of that.
    let lr_at_f = 2.0 * (at_frontier.log_likelihood - fit.ols.log_likelihood);
    assert!((lr_at_f - lr).abs() < 3e-7, "{lr_at_f}");
    assert_eq!(fit.lr_test.restrictions, 1);
    // Kodde & Palm: 2.706 at 5 % for one restriction, so the one-sided error is significant.
    assert!((fit.lr_test.critical_value_5pct - 2.706).abs() < 5e-4);
    assert!(fit.lr_test.statistic > fit.lr_test.critical_value_5pct);
    assert!(fit.lr_test.p_value > 0.01 && fit.lr_test.p_value < 0.05);
}

#[test]
fn standard_errors_agree_with_frontiers_dfp_approximation_to_two_percent() {
    // FRONTIER's standard errors are the square roots of its DFP inverse-Hessian
    // approximation after 7 iterations; ours invert the Hessian at the maximum. They agree to
    // 1.5 % (γ), 0.8 % (σ²), 0.3 % (β₁) and better for β₀, β₂.
    let fit = fit();
    let rows = section("the final mle estimates are :");
    for (j, (label, nums)) in rows.iter().enumerate() {
        let se: f64 = nums[1].parse().unwrap();
        let ours = fit.std_errors[j].unwrap();
        let rel = (ours - se).abs() / se;
        assert!(
            rel < 0.02,
            "{label}: ours {ours}, FRONTIER {se}, relative {rel:.3}"
        );
        let t: f64 = nums[2].parse().unwrap();
        assert!((fit.t_ratios()[j].unwrap() - t).abs() / t < 0.02);
    }
    // The printed covariance matrix, element by element, to 5 % of the larger diagonal scale.
    let cov = section("covariance matrix :");
    let ours = fit.covariance.as_ref().unwrap();
    for (i, (_, nums)) in cov.iter().enumerate() {
        for (j, v) in nums.iter().enumerate() {
            let v: f64 = v.parse().unwrap();
            let scale = (ours[i * 5 + i] * ours[j * 5 + j]).sqrt();
            assert!((ours[i * 5 + j] - v).abs() < 0.05 * scale, "cov[{i}][{j}]");
        }
    }
}

#[test]
fn every_firms_efficiency() {
    let fit = fit();
    let (y, x) = data();
    let input = SfaInput::new(&y, &x, 2).unwrap();
    let rows = section("the final mle estimates are :");
    let frontier_params: Vec<f64> = rows.iter().map(|(_, n)| n[0].parse().unwrap()).collect();
    let at_frontier = Sfa::error_components()
        .evaluate(&input, &frontier_params)
        .unwrap();
    let printed = section("technical efficiency estimates :");
    assert_eq!(printed.len(), 60);
    let mut worst = 0.0_f64;
    for (i, (firm, nums)) in printed.iter().enumerate() {
        assert_eq!(firm, &(i + 1).to_string());
        // Battese & Coelli (1988)'s E[exp(−u)|ε] at FRONTIER's printed estimates: the printed
        // efficiency to within 2 units of its last digit (the printed estimates are themselves
        // rounded to 8 digits) for 59 firms. Firm 12 (truncation point ≈ −2.17) is printed
        // 2.0e-7 too high: FRONTIER's own normal-CDF approximation; the exact value at those
        // estimates (mpmath, 30 digits) is 0.937394998522, which ours matches to 1e-11.
        let p: f64 = nums[0].parse().unwrap();
        let e = at_frontier.efficiency[i].unwrap();
        if i + 1 == 12 {
            assert!((e - 0.937_394_998_522).abs() < 1e-11, "{e}");
            assert!((e - p).abs() < 2.1e-7);
        } else {
            assert!(
                (e - p).abs() <= 4.0 * half_ulp(&nums[0]),
                "firm {}: {e} vs {p}",
                i + 1
            );
        }
        // At our (slightly higher) maximum: within 2e-6.
        let ours = fit.efficiency[i].unwrap();
        worst = worst.max((ours - p).abs());
    }
    assert!(worst < 2e-6, "worst difference {worst:e}");
    let mean = printed_after("mean efficiency =", "technical efficiency estimates");
    // The mean carries firm 12's 2.0e-7 / 60.
    let at_f_mean = at_frontier.efficiency.iter().flatten().sum::<f64>() / 60.0;
    assert!((at_f_mean - mean.parse::<f64>().unwrap()).abs() <= 4.0 * half_ulp(&mean) + 3.4e-9);
    assert!((fit.mean_efficiency.unwrap() - mean.parse::<f64>().unwrap()).abs() < 1e-6);
}

#[test]
fn the_report_prints_like_frontier() {
    let report = fit().frontier_report();
    // The OLS block is character for character FRONTIER's (the OLS involves no π).
    for line in [
        "  beta 0         0.24489834E+00  0.21360307E+00  0.11465114E+01",
        "  beta 1         0.28049246E+00  0.48066617E-01  0.58354940E+01",
        "  beta 2         0.53330637E+00  0.51498586E-01  0.10355748E+02",
        "  sigma-squared  0.11398496E+00",
        "   mu is restricted to be zero",
        "with number of restrictions = 1",
    ] {
        assert!(report.contains(line), "missing `{line}` in\n{report}");
    }
}
