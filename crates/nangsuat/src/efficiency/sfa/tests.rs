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
