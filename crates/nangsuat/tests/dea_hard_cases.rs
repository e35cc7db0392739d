//! DEA and Malmquist on data that random tests rarely produce: hundreds of identical units
//! (every pivot a tie, maximal degeneracy), a few values repeated with many zeros, and
//! variables twelve orders of magnitude apart. Each must solve every problem, with no
//! undefined efficiency and the frontier's properties intact.

use nangsuat::efficiency::dea::{Dea, Orientation, Production, ReturnsToScale};
use nangsuat::efficiency::malmquist::Malmquist;

const ALL_RTS: [ReturnsToScale; 4] = [
    ReturnsToScale::Constant,
    ReturnsToScale::Variable,
    ReturnsToScale::NonIncreasing,
    ReturnsToScale::NonDecreasing,
];
const BOTH: [Orientation; 2] = [Orientation::Input, Orientation::Output];

/// Every model on `data`: every efficiency defined, in (0, 1], and an efficient unit under CRS.
fn every_model_solves(data: &Production<'_>) {
    for orientation in BOTH {
        for rts in ALL_RTS {
            let r = Dea::new(orientation, rts).compute(data).unwrap();
            for (j, e) in r.efficiency.iter().enumerate() {
                let e = e.unwrap_or_else(|| panic!("{orientation:?} {rts:?} unit {j}: undefined"));
                assert!(
                    e > 0.0 && e <= 1.0 + 1e-9,
                    "{orientation:?} {rts:?} unit {j}: {e}"
                );
            }
            let best = r.technical.iter().map(|e| e.unwrap()).fold(0.0, f64::max);
            assert!(
                (best - 1.0).abs() < 1e-9,
                "{orientation:?}: best CRS efficiency {best}"
            );
        }
    }
}

#[test]
fn five_hundred_identical_units_are_all_efficient() {
    let x = vec![2.0; 500 * 3];
    let y = vec![1.0; 500 * 2];
    let data = Production::new(&x, 3, &y, 2).unwrap();
    every_model_solves(&data);
    for rts in ALL_RTS {
        let r = Dea::new(Orientation::Output, rts).compute(&data).unwrap();
        assert!(r.efficiency.iter().all(|e| (e.unwrap() - 1.0).abs() < 1e-9));
    }
}

#[test]
fn repeated_values_and_many_zeros() {
    let n = 400;
    let x: Vec<f64> = (0..n)
        .flat_map(|j| [(j % 3 + 1) as f64, if j % 2 == 0 { 0.0 } else { 1.0 }])
        .collect();
    let y: Vec<f64> = (0..n)
        .flat_map(|j| [(j % 5) as f64, 1.0 + (j % 2) as f64])
        .collect();
    every_model_solves(&Production::new(&x, 2, &y, 2).unwrap());
}

#[test]
fn variables_twelve_orders_of_magnitude_apart() {
    // A fixed xorshift stream, uniform on [0, 1).
    let mut state = 0x1234_5678_9abc_def0u64;
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for _ in 0..300 {
        x.extend([
            1e9 * (0.5 + uniform()),
            1e-6 * (0.5 + uniform()),
            0.1 + 3.0 * uniform(),
        ]);
        y.extend([1.0 + 1e12 * uniform(), 1e-9 * (0.01 + uniform())]);
    }
    every_model_solves(&Production::new(&x, 3, &y, 2).unwrap());
}

#[test]
fn a_period_repeated_gives_indices_of_one_despite_ties() {
    let unit: Vec<u32> = (0..200).chain(0..200).collect();
    let period: Vec<i32> = [2020; 200].into_iter().chain([2021; 200]).collect();
    let x: Vec<f64> = (0..400)
        .flat_map(|j| [((j % 200) % 7 + 1) as f64, 1.0])
        .collect();
    let y: Vec<f64> = (0..400).map(|j| ((j % 200) % 5 + 1) as f64).collect();
    let data = Production::new(&x, 2, &y, 1).unwrap();
    for orientation in BOTH {
        let m = Malmquist::new(orientation, ReturnsToScale::Variable)
            .compute(&unit, &period, &data)
            .unwrap();
        assert_eq!(m.changes.len(), 200);
        for c in &m.changes {
            for v in c.indices.values() {
                assert!(
                    (v.unwrap() - 1.0).abs() < 1e-9,
                    "{orientation:?} unit {}",
                    c.unit
                );
            }
        }
    }
}
