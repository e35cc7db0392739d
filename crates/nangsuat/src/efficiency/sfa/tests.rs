//! Unit tests of the estimator's pieces; the published and simulated checks are in
//! `tests/sfa_*.rs`.
use super::*;

fn eg1() -> (Vec<f64>, Vec<f64>) {
    let text = include_str!("../../../tests/fixtures/frontier41/eg1-dta.txt");
    let rows: Vec<Vec<f64>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(|v| v.parse().unwrap()).collect())
        .collect();
    (
        rows.iter().map(|r| r[2]).collect(),
        rows.iter().flat_map(|r| [r[3], r[4]]).collect(),
    )
}

#[test]
fn eg1_quick_look() {
    let (y, x) = eg1();
    let input = SfaInput::new(&y, &x, 2).unwrap();
    let fit = Sfa::error_components().fit(&input).unwrap();
    eprintln!("{}", fit.frontier_report());
    assert!(fit.convergence.converged);
}

/// The Hessian behind the standard errors (central differences of the analytic gradient)
/// against second differences of the log-likelihood itself, at FRONTIER eg1's optimum.
#[test]
fn hessian_matches_second_differences_of_the_likelihood() {
    let (y, x) = eg1();
    let input = SfaInput::new(&y, &x, 2).unwrap();
    let sfa = Sfa::error_components();
    let fit = sfa.fit(&input).unwrap();
    let prep = prepare(&sfa, &input).unwrap();
    let lay = prep.problem.layout();
    let h = hessian(&prep.problem, &lay, &fit.params);
    let ll = |t: &[f64]| prep.problem.log_likelihood(t, None);
    let n = lay.len;
    for i in 0..n {
        for j in 0..n {
            let (hi, hj) = (1e-4 * fit.params[i].abs(), 1e-4 * fit.params[j].abs());
            let at = |di: f64, dj: f64| {
                let mut t = fit.params.clone();
                t[i] += di;
                t[j] += dj;
                ll(&t)
            };
            let fd = (at(hi, hj) - at(hi, -hj) - at(-hi, hj) + at(-hi, -hj)) / (4.0 * hi * hj);
            let scale = (h[i * n + i] * h[j * n + j]).abs().sqrt();
            assert!(
                (fd - h[i * n + j]).abs() < 1e-4 * scale,
                "H[{i}][{j}] = {} vs {fd}",
                h[i * n + j]
            );
        }
    }
}

/// User starting values (FRONTIER's "starting values: y") reach the same maximum.
#[test]
fn starting_values_reach_the_same_maximum() {
    let (y, x) = eg1();
    let input = SfaInput::new(&y, &x, 2).unwrap();
    let fit = Sfa::error_components().fit(&input).unwrap();
    let from = Sfa::error_components()
        .fit_from(&input, &[0.2, 0.3, 0.5, 0.1, 0.3])
        .unwrap();
    for (a, b) in fit.params.iter().zip(&from.params) {
        assert!((a - b).abs() < 1e-6, "{a} vs {b}");
    }
    assert_eq!(from.grid_start, [0.2, 0.3, 0.5, 0.1, 0.3]);
}
