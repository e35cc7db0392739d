//! Panel growth accounting on 300,000 entities × 10 years (`NANGSUAT_BENCH_ENTITIES` to change
//! it), beside a floor that only reads the same input columns once: rows sorted by (entity,
//! year) and scrambled, every column and a three-column selection.
//!
//! `cargo bench -p nangsuat-benches --bench panel` (add `--features rayon` for the parallel
//! kernel). Figures are in the README.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nangsuat::accounting::{AccountingBuffers, Field, FieldSet};
use nangsuat::{AccountingInput, GrowthAccounting, LabourShare};
use std::hint::black_box;

const YEARS: i32 = 10;

/// Entities in the panel (default 300,000: the benchmark).
fn entities() -> u32 {
    std::env::var("NANGSUAT_BENCH_ENTITIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300_000)
}

/// The three-column selection: TFP growth, index and share.
fn three() -> FieldSet {
    [Field::TfpGrowth, Field::TfpIndex, Field::TfpShare]
        .into_iter()
        .collect()
}

/// Input columns of a synthetic firm panel, sorted by (entity, year).
struct Panel {
    entity: Vec<u32>,
    year: Vec<i32>,
    output: Vec<f64>,
    capital: Vec<f64>,
    labour: Vec<f64>,
    hours: Vec<f64>,
    human_capital: Vec<f64>,
    labour_share: Vec<f64>,
}

impl Panel {
    fn new() -> Self {
        let n = (entities() as usize) * (YEARS as usize);
        let mut p = Panel {
            entity: Vec::with_capacity(n),
            year: Vec::with_capacity(n),
            output: Vec::with_capacity(n),
            capital: Vec::with_capacity(n),
            labour: Vec::with_capacity(n),
            hours: Vec::with_capacity(n),
            human_capital: Vec::with_capacity(n),
            labour_share: Vec::with_capacity(n),
        };
        // A cheap deterministic generator (xorshift) for growth noise.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut noise = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        for e in 0..entities() {
            let (mut y, mut k, mut l) = (100.0, 300.0, 50.0);
            for t in 0..YEARS {
                p.entity.push(e);
                p.year.push(2010 + t);
                y *= 1.06 + 0.1 * noise();
                k *= 1.08 + 0.05 * noise();
                l *= 1.01 + 0.05 * noise();
                p.output.push(y);
                p.capital.push(k);
                p.labour.push(l);
                p.hours.push(2000.0 + 100.0 * noise());
                p.human_capital.push(2.5 + 0.01 * f64::from(t));
                p.labour_share.push(0.55 + 0.1 * noise());
            }
        }
        p
    }

    fn input(&self) -> AccountingInput<'_> {
        AccountingInput::new(
            &self.year,
            &self.output,
            &self.capital,
            &self.labour,
            LabourShare::PerRow(&self.labour_share),
        )
        .hours(&self.hours)
        .human_capital(&self.human_capital)
    }

    /// The floor: read every input column once.
    fn read_once(&self) -> f64 {
        let mut acc = 0.0;
        let mut ids = 0u64;
        for i in 0..self.year.len() {
            ids = ids.wrapping_add(u64::from(self.entity[i])) ^ self.year[i] as u64;
            acc += self.output[i]
                + self.capital[i]
                + self.labour[i]
                + self.hours[i]
                + self.human_capital[i]
                + self.labour_share[i];
        }
        acc + ids as f64
    }

    /// The same rows in a scrambled order: a uniformly random permutation (Fisher–Yates with
    /// a fixed seed), so each row's previous year sits anywhere in memory, as in a file that
    /// arrives in no particular order. (A permutation by a multiplicative hash, used before,
    /// keeps each row's previous year at a fixed distance and flatters any method.)
    fn shuffled(&self) -> Panel {
        let n = self.year.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for i in (1..n).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = (state % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let g = |c: &[f64]| order.iter().map(|&i| c[i]).collect::<Vec<f64>>();
        Panel {
            entity: order.iter().map(|&i| self.entity[i]).collect(),
            year: order.iter().map(|&i| self.year[i]).collect(),
            output: g(&self.output),
            capital: g(&self.capital),
            labour: g(&self.labour),
            hours: g(&self.hours),
            human_capital: g(&self.human_capital),
            labour_share: g(&self.labour_share),
        }
    }
}

/// Reusable output columns for `compute_panel_into`.
struct Buffers {
    f: Vec<Vec<f64>>,
    masks: Vec<Vec<bool>>,
}

impl Buffers {
    fn new(n: usize) -> Self {
        Buffers {
            f: (0..13).map(|_| vec![0.0; n]).collect(),
            masks: (0..3).map(|_| vec![false; n]).collect(),
        }
    }

    fn view(&mut self) -> AccountingBuffers<'_> {
        let [g, i, s] = &mut self.masks[..] else {
            unreachable!("three masks")
        };
        let [a, b, c, d, e, f, h, j, k, l, m, n, o] = &mut self.f[..] else {
            unreachable!("thirteen columns")
        };
        let mut buffers = AccountingBuffers::default();
        buffers.growth_defined = g;
        buffers.tfp_index_defined = i;
        buffers.tfp_share_defined = s;
        buffers.output_growth = a;
        buffers.capital_growth = b;
        buffers.labour_growth = c;
        buffers.labour_quality_growth = d;
        buffers.labour_weight = e;
        buffers.capital_contribution = f;
        buffers.labour_contribution = h;
        buffers.labour_quality_contribution = j;
        buffers.tfp_growth = k;
        buffers.labour_productivity_growth = l;
        buffers.capital_deepening = m;
        buffers.tfp_index = n;
        buffers.tfp_share = o;
        buffers
    }
}

fn panel(c: &mut Criterion) {
    let panel = Panel::new();
    let rows = panel.year.len() as u64;
    let mut group = c.benchmark_group(format!("panel_{}_entities_x_10_years", entities()));
    group.sample_size(10);
    group.throughput(Throughput::Elements(rows));
    group.bench_function("floor_read_inputs_once", |b| {
        b.iter(|| black_box(panel.read_once()))
    });
    let accounting = GrowthAccounting::tornqvist();
    group.bench_function("tornqvist_sorted", |b| {
        b.iter(|| {
            black_box(
                accounting
                    .compute_panel(&panel.entity, &panel.input())
                    .expect("valid panel"),
            )
        })
    });
    let mut buffers = Buffers::new(panel.year.len());
    group.bench_function("tornqvist_sorted_into_reused_buffers", |b| {
        b.iter(|| {
            black_box(
                accounting
                    .compute_panel_into(&panel.entity, &panel.input(), buffers.view())
                    .expect("valid panel"),
            )
        })
    });
    drop(buffers);
    group.bench_function("tornqvist_sorted_three_columns", |b| {
        b.iter(|| {
            black_box(
                accounting
                    .compute_panel_columns(&panel.entity, &panel.input(), three())
                    .expect("valid panel"),
            )
        })
    });
    let shuffled = panel.shuffled();
    drop(panel);
    group.bench_function("tornqvist_scrambled", |b| {
        b.iter(|| {
            black_box(
                accounting
                    .compute_panel(&shuffled.entity, &shuffled.input())
                    .expect("valid panel"),
            )
        })
    });
    group.bench_function("tornqvist_scrambled_three_columns", |b| {
        b.iter(|| {
            black_box(
                accounting
                    .compute_panel_columns(&shuffled.entity, &shuffled.input(), three())
                    .expect("valid panel"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, panel);
criterion_main!(benches);
