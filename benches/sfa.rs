//! A Battese–Coelli (1995) inefficiency-effects frontier on 10,000 firm-years (1,000 firms ×
//! 10 years): a translog in 5 logged inputs (20 regressors + β₀) and 3 z variables with δ₀,
//! 27 parameters, the design of `bindings/python/benches/bench_sfa.py` (own generator).
//! Beside the whole fit, one evaluation at the estimates (data preparation, the
//! log-likelihood and every efficiency).
//!
//! `cargo bench -p nangsuat-benches --bench sfa`. Figures are in the README.

use criterion::{Criterion, criterion_group, criterion_main};
use nangsuat::efficiency::sfa::{Sfa, SfaInput, translog};
use std::hint::black_box;

/// splitmix64 with Box–Muller normals.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (((z ^ (z >> 31)) >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

struct Data {
    y: Vec<f64>,
    x: Vec<f64>,
    k: usize,
    z: Vec<f64>,
}

fn data(firms: usize, years: usize) -> Data {
    let mut rng = Rng(2024);
    let n = firms * years;
    let firm_level: Vec<f64> = (0..firms * 5).map(|_| 0.5 * rng.normal()).collect();
    let mut lnx = Vec::with_capacity(n * 5);
    for i in 0..firms {
        for _ in 0..years {
            for j in 0..5 {
                lnx.push(firm_level[i * 5 + j] + 0.5 * rng.normal());
            }
        }
    }
    let names: Vec<String> = (1..=5).map(|j| format!("lnx{j}")).collect();
    let design = translog(&lnx, &names).expect("valid inputs");
    let k = design.columns();
    let beta: Vec<f64> = (0..k)
        .map(|j| if j < 5 { 0.15 } else { 0.02 * rng.normal() })
        .collect();
    let mut y = Vec::with_capacity(n);
    let mut z = Vec::with_capacity(n * 3);
    for r in 0..n {
        let zr = [rng.uniform(), rng.uniform(), rng.uniform()];
        let mu = 0.1 + 0.4 * zr[0] - 0.2 * zr[1] + 0.2 * zr[2];
        let u = loop {
            let d = mu + 0.25 * rng.normal();
            if d >= 0.0 {
                break d;
            }
        };
        let fit: f64 = design.values[r * k..(r + 1) * k]
            .iter()
            .zip(&beta)
            .map(|(x, b)| x * b)
            .sum();
        y.push(1.0 + fit + 0.15 * rng.normal() - u);
        z.extend(zr);
    }
    Data {
        y,
        x: design.values,
        k,
        z,
    }
}

fn sfa(c: &mut Criterion) {
    let d = data(1_000, 10);
    let input = SfaInput::new(&d.y, &d.x, d.k)
        .and_then(|i| i.effects(&d.z, 3))
        .expect("valid data");
    let model = Sfa::inefficiency_effects();
    let fit = model.fit(&input).expect("the fit converges");
    assert!(fit.convergence.converged);
    let mut group = c.benchmark_group("sfa_bc95_10000_firm_years_translog5_z3");
    group.sample_size(10);
    group.bench_function("fit", |b| {
        b.iter(|| black_box(model.fit(black_box(&input)).expect("fit")))
    });
    group.bench_function("evaluate_at_estimates", |b| {
        b.iter(|| {
            black_box(
                model
                    .evaluate(black_box(&input), &fit.params)
                    .expect("eval"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, sfa);
criterion_main!(benches);
