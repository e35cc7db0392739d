//! Name matching and provincial TFP at the scale of a national table: every label of NSO's
//! E02.01 (70 rows: country, 6 regions, 63 provinces) resolved, with the matcher built once;
//! and TFP with a perpetual-inventory stock for 63 provinces × 20 years in one call.

use criterion::{Criterion, criterion_group, criterion_main};
use nangsuat::accounting::capital::PerpetualInventory;
use nangsuat::monitoring::derived::{
    CapitalInput, Series, TfpForm, TfpInputs, provincial_tfp_many,
};
use nangsuat::share::Share;
use nangsuat::vietnam::territory::{Catalogue, Vintage};
use std::hint::black_box;

fn labels() -> Vec<String> {
    // The English labels as NSO prints them, plus Vietnamese ones with the new tone placement.
    let c = Catalogue::builtin();
    let mut out: Vec<String> = c
        .regions()
        .iter()
        .map(|r| format!(" {}", r.name_en))
        .collect();
    out.extend(c.provinces().map(|p| p.name_en.replace(' ', "  ")));
    out.extend(
        c.provinces()
            .map(|p| format!("Tỉnh {}", p.name_vi.replace("òa", "oà"))),
    );
    out
}

fn matching(c: &mut Criterion) {
    let labels = labels();
    let matcher = Catalogue::builtin().matcher(Vintage::Provinces63);
    c.bench_function("resolve_133_labels", |b| {
        b.iter(|| {
            for (row, l) in labels.iter().enumerate() {
                black_box(matcher.resolve(l, "bench", row).unwrap());
            }
        })
    });
    c.bench_function("build_matcher", |b| {
        b.iter(|| black_box(Catalogue::builtin().matcher(Vintage::Provinces63)))
    });
}

fn tfp(c: &mut Criterion) {
    let years: Vec<i32> = (2005..2025).collect();
    let mut data = Vec::new();
    for p in 0..63 {
        let g = 1.05 + 0.0005 * p as f64;
        let level =
            |base: f64, rate: f64| -> Vec<f64> { (0..20).map(|t| base * rate.powi(t)).collect() };
        let s =
            |name: &str, v: Vec<f64>| Series::from_values(name, "u", &years, &v, "bench").unwrap();
        data.push((
            format!("p{p}"),
            s("grdp", level(1000.0, g + 0.02)),
            s("employed", level(500.0, 1.01)),
            s("investment", level(300.0, g)),
        ));
    }
    let pim = PerpetualInventory::new(0.05).unwrap();
    let form = TfpForm::Gso {
        capital_share: Share::new(0.5).unwrap(),
    };
    let inputs: Vec<TfpInputs<'_>> = data
        .iter()
        .map(|(scope, y, l, i)| {
            let capital = CapitalInput::Investment {
                investment: i,
                deflator: None,
                inventory: &pim,
            };
            TfpInputs::new(scope, y, l, capital, form)
        })
        .collect();
    c.bench_function("provincial_tfp_63_provinces_x_20_years", |b| {
        b.iter(|| black_box(provincial_tfp_many(&inputs, &[(2021, 2024)])))
    });
}

criterion_group!(benches, matching, tfp);
criterion_main!(benches);
