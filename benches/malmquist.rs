//! The Malmquist index on 1,000 units × 10 periods (3 inputs, 2 outputs), output orientation,
//! VRS decomposition: 56,000 envelopment LPs with 1,000 reference units each (own period: CRS
//! and VRS for 10,000 rows; cross period: CRS and VRS both ways for 9,000 pairs).
//!
//! Beside it, one such LP — a unit of period 1 against the frontier of period 0 — by nangsuat's
//! dedicated simplex and by microlp, the well-kept pure-Rust LP crate, to show what the
//! dedicated solver buys.
//!
//! `cargo bench -p nangsuat-benches --bench malmquist` (add `--features rayon` for the
//! parallel run). Figures are in the README.

use criterion::{Criterion, criterion_group, criterion_main};
use microlp::{ComparisonOp, OptimizationDirection, Problem};
use nangsuat::efficiency::dea::{Frontier, Orientation, Production, ReturnsToScale};
use nangsuat::efficiency::malmquist::Malmquist;
use nangsuat_benches::ProductionPanel;
use std::hint::black_box;

const UNITS: usize = 1_000;
const PERIODS: usize = 10;

/// The output-oriented VRS envelopment LP of `(x_o, y_o)` against `units` rows, by microlp.
fn microlp_vrs_output(panel: &ProductionPanel, rows: std::ops::Range<usize>, o: usize) -> f64 {
    let (m, s) = (panel.n_inputs, panel.n_outputs);
    let mut lp = Problem::new(OptimizationDirection::Maximize);
    let phi = lp.add_var(1.0, (0.0, f64::INFINITY));
    let lambda: Vec<_> = rows
        .clone()
        .map(|_| lp.add_var(0.0, (0.0, f64::INFINITY)))
        .collect();
    for i in 0..m {
        let row: Vec<_> = rows
            .clone()
            .zip(&lambda)
            .map(|(j, &l)| (l, panel.inputs[j * m + i]))
            .collect();
        lp.add_constraint(&row, ComparisonOp::Le, panel.inputs[o * m + i]);
    }
    for r in 0..s {
        let mut row: Vec<_> = rows
            .clone()
            .zip(&lambda)
            .map(|(j, &l)| (l, panel.outputs[j * s + r]))
            .collect();
        row.push((phi, -panel.outputs[o * s + r]));
        lp.add_constraint(&row, ComparisonOp::Ge, 0.0);
    }
    let ones: Vec<_> = lambda.iter().map(|&l| (l, 1.0)).collect();
    lp.add_constraint(&ones, ComparisonOp::Eq, 1.0);
    lp.solve()
        .ok()
        .and_then(|outcome| outcome.into_solution().ok())
        .map_or(f64::NAN, |solution| solution.objective())
}

fn malmquist(c: &mut Criterion) {
    let panel = ProductionPanel::new(UNITS, PERIODS, 3, 2);
    let data = Production::new(&panel.inputs, 3, &panel.outputs, 2).expect("valid panel");
    let mut group = c.benchmark_group("malmquist_1000_units_x_10_periods");
    group.sample_size(10);
    let model = Malmquist::new(Orientation::Output, ReturnsToScale::Variable);
    group.bench_function("output_vrs", |b| {
        b.iter(|| {
            black_box(
                model
                    .compute(&panel.unit, &panel.period, &data)
                    .expect("valid panel"),
            )
        })
    });
    group.finish();

    // One cross-period LP: unit 0 of period 1 against period 0's 1,000 units.
    let first = Production::new(
        &panel.inputs[..UNITS * 3],
        3,
        &panel.outputs[..UNITS * 2],
        2,
    )
    .expect("valid period");
    let frontier = Frontier::new(&first).expect("valid frontier");
    let o = UNITS; // row 0 of period 1
    let (x, y) = (
        &panel.inputs[o * 3..o * 3 + 3],
        &panel.outputs[o * 2..o * 2 + 2],
    );
    let ours = frontier
        .efficiency(x, y, Orientation::Output, ReturnsToScale::Variable)
        .expect("valid point")
        .expect("feasible");
    let theirs = 1.0 / microlp_vrs_output(&panel, 0..UNITS, o);
    assert!(
        (ours - theirs).abs() < 1e-6,
        "ours {ours}, microlp {theirs}"
    );
    let mut group = c.benchmark_group("one_vrs_lp_1000_reference_units");
    group.bench_function("nangsuat_simplex", |b| {
        b.iter(|| {
            black_box(
                frontier
                    .efficiency(x, y, Orientation::Output, ReturnsToScale::Variable)
                    .expect("valid point"),
            )
        })
    });
    group.bench_function("microlp", |b| {
        b.iter(|| black_box(microlp_vrs_output(&panel, 0..UNITS, o)))
    });
    group.finish();
}

criterion_group!(benches, malmquist);
criterion_main!(benches);
