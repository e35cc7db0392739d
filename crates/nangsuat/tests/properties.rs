//! Identities of growth accounting, proved on random inputs, and the promise that no input
//! makes the crate panic.

use nangsuat::accounting::capital::{GrowthBasis, PerpetualInventory, Timing};
use nangsuat::{
    AccountingInput, AnnualSeries, Field, GrowthAccounting, LabourShare, NanPolicy, Profile, Share,
};
use proptest::prelude::*;

/// Tolerance for identities that hold by construction (issue 2: 1e-12).
const EXACT: f64 = 1e-12;

#[derive(Debug, Clone)]
struct Series {
    years: Vec<i32>,
    y: Vec<f64>,
    k: Vec<f64>,
    l: Vec<f64>,
    h: Vec<f64>,
    q: Vec<f64>,
    s: Vec<f64>,
}

fn level() -> impl Strategy<Value = f64> {
    (1e-3f64..1e6).prop_map(|v| v)
}

fn series(max_len: usize) -> impl Strategy<Value = Series> {
    (2..max_len, 1900i32..2100).prop_flat_map(|(n, start)| {
        (
            prop::collection::vec(level(), n),
            prop::collection::vec(level(), n),
            prop::collection::vec(level(), n),
            prop::collection::vec(100.0f64..3000.0, n),
            prop::collection::vec(1.0f64..4.0, n),
            prop::collection::vec(0.0f64..=1.0, n),
        )
            .prop_map(move |(y, k, l, h, q, s)| Series {
                years: (start..start + n as i32).collect(),
                y,
                k,
                l,
                h,
                q,
                s,
            })
    })
}

fn input(s: &Series) -> AccountingInput<'_> {
    AccountingInput::new(&s.years, &s.y, &s.k, &s.l, LabourShare::PerRow(&s.s))
        .hours(&s.h)
        .human_capital(&s.q)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tornqvist_contributions_add_up_exactly(s in series(30)) {
        let r = GrowthAccounting::tornqvist().compute(&input(&s)).unwrap();
        for i in 0..r.len() {
            let Some(row) = r.row(i) else { continue };
            let sum = row.capital_contribution + row.labour_contribution
                + row.labour_quality_contribution + row.tfp_growth;
            let scale = [row.output_growth, row.capital_growth, row.labour_growth, row.tfp_growth]
                .iter()
                .fold(1.0f64, |m, v| m.max(v.abs()));
            prop_assert!((sum - row.output_growth).abs() <= EXACT * scale);
            let lp = row.capital_deepening + row.labour_quality_contribution + row.tfp_growth;
            prop_assert!((lp - row.labour_productivity_growth).abs() <= EXACT * row.labour_productivity_growth.abs().max(1.0));
        }
    }

    #[test]
    fn gso_contributions_add_up_exactly(s in series(30), share in 0.0f64..=1.0) {
        let inp = AccountingInput::new(&s.years, &s.y, &s.k, &s.l, LabourShare::Constant(Share::new(share).unwrap()));
        let r = GrowthAccounting::gso().compute(&inp).unwrap();
        for i in 0..r.len() {
            let Some(row) = r.row(i) else { continue };
            let sum = row.capital_contribution + row.labour_contribution + row.tfp_growth;
            // Exact to rounding relative to the largest term summed (discrete growth rates of
            // wild inputs reach 1e8; no floating-point sum is exact beyond that).
            let scale = [row.output_growth, row.capital_growth, row.labour_growth, row.tfp_growth]
                .iter()
                .fold(1.0f64, |m, v| m.max(v.abs()));
            prop_assert!((sum - row.output_growth).abs() <= EXACT * scale);
            if let Some(c) = row.contribution_shares(1e-3) {
                let tol = EXACT * scale / row.output_growth.abs();
                prop_assert!((c.capital + c.labour + c.tfp - 1.0).abs() <= tol);
            }
            // G_Y − G_L = capital deepening + TFP
            let lhs = row.output_growth - row.labour_growth;
            prop_assert!((lhs - (row.capital_deepening + row.tfp_growth)).abs() <= EXACT * scale);
        }
    }

    #[test]
    fn units_do_not_change_growth(s in series(15), a in 1e-3f64..1e3, b in 1e-3f64..1e3) {
        let r0 = GrowthAccounting::tornqvist().compute(&input(&s)).unwrap();
        let mut t = s.clone();
        t.y.iter_mut().for_each(|v| *v *= a);
        t.k.iter_mut().for_each(|v| *v *= b);
        let r1 = GrowthAccounting::tornqvist().compute(&input(&t)).unwrap();
        for i in 1..r0.len() {
            for f in [Field::TfpGrowth, Field::OutputGrowth, Field::TfpIndex] {
                let (x, y) = (r0.get(f, i).unwrap(), r1.get(f, i).unwrap());
                prop_assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{:?} {} {}", f, x, y);
            }
        }
    }

    #[test]
    fn panel_rows_in_any_order_give_the_same_results(
        a in series(12), b in series(12), seed in any::<u64>()
    ) {
        // Two entities, rows scrambled by a seeded permutation.
        let mut rows: Vec<(u8, usize)> = (0..a.years.len()).map(|i| (0u8, i))
            .chain((0..b.years.len()).map(|i| (1u8, i))).collect();
        let mut state = seed | 1;
        for i in (1..rows.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            rows.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let pick = |f: &dyn Fn(&Series, usize) -> f64| rows.iter()
            .map(|&(e, i)| f(if e == 0 { &a } else { &b }, i)).collect::<Vec<f64>>();
        let entity: Vec<u8> = rows.iter().map(|r| r.0).collect();
        let years: Vec<i32> = rows.iter().map(|&(e, i)| if e == 0 { a.years[i] } else { b.years[i] }).collect();
        let (y, k, l) = (pick(&|s, i| s.y[i]), pick(&|s, i| s.k[i]), pick(&|s, i| s.l[i]));
        let (h, q, sh) = (pick(&|s, i| s.h[i]), pick(&|s, i| s.q[i]), pick(&|s, i| s.s[i]));
        let inp = AccountingInput::new(&years, &y, &k, &l, LabourShare::PerRow(&sh)).hours(&h).human_capital(&q);
        let panel = GrowthAccounting::tornqvist().compute_panel(&entity, &inp).unwrap();
        let single = [
            GrowthAccounting::tornqvist().compute(&input(&a)).unwrap(),
            GrowthAccounting::tornqvist().compute(&input(&b)).unwrap(),
        ];
        for (row, &(e, i)) in rows.iter().enumerate() {
            for f in Field::ALL {
                prop_assert_eq!(panel.get(f, row), single[e as usize].get(f, i));
            }
        }
    }

    #[test]
    fn period_share_is_the_ratio_of_summed_log_growths(s in series(20)) {
        let r = GrowthAccounting::tornqvist().compute(&input(&s)).unwrap();
        let (a, b) = (s.years[0], *s.years.last().unwrap());
        let p = r.period(a, b).unwrap();
        let dy: f64 = (1..r.len()).map(|i| r.output_growth[i]).sum();
        let dt: f64 = (1..r.len()).map(|i| r.tfp_growth[i]).sum();
        prop_assert!((p.cumulative_output_growth.unwrap() - dy).abs() < 1e-9);
        prop_assert!((p.cumulative_tfp_growth.unwrap() - dt).abs() < 1e-9);
        if let Some(share) = p.tfp_share_of_cumulative_growth {
            prop_assert!(share.is_finite() && share >= 0.0);
        }
    }
}

fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e3f64..1e3,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(0.0),
        1 => any::<f64>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the input, the engine returns a value or an error, never a panic, and a
    /// defined output is finite.
    #[test]
    fn no_input_panics(
        years in prop::collection::vec(1990i32..2000, 0..12),
        cols in prop::collection::vec(prop::collection::vec(any_value(), 0..12), 6),
        entity in prop::collection::vec(0u8..3, 0..12),
        policy in prop_oneof![Just(NanPolicy::Raise), Just(NanPolicy::Propagate), Just(NanPolicy::Omit)],
        gso in any::<bool>(),
        base in prop::option::of(1990i32..2000),
        constant in prop::option::of(any_value()),
    ) {
        let share = match constant.map(Share::new) {
            Some(Ok(s)) => LabourShare::Constant(s),
            Some(Err(_)) => return Ok(()),
            None => LabourShare::PerRow(&cols[5]),
        };
        let mut inp = AccountingInput::new(&years, &cols[0], &cols[1], &cols[2], share);
        if !gso {
            inp = inp.hours(&cols[3]).human_capital(&cols[4]);
        }
        let mut opts = GrowthAccounting::with_profile(if gso { Profile::Gso } else { Profile::Tornqvist })
            .nan_policy(policy);
        if let Some(b) = base { opts = opts.base_year(b); }
        // An error is a fine answer; a result must keep its promises.
        for r in [opts.compute(&inp), opts.compute_panel(&entity, &inp)].into_iter().flatten() {
                for f in Field::ALL {
                    let (values, mask) = r.column(f);
                    for (v, m) in values.iter().zip(mask) {
                        prop_assert!(!*m || v.is_finite(), "{:?} defined but {}", f, v);
                        prop_assert!(*m || v.is_nan());
                    }
                }
                if let (Some(&a), Some(&b)) = (years.iter().min(), years.iter().max()) {
                    let _ = r.period(a, b);
                }
        }
    }

    #[test]
    fn series_and_capital_never_panic(
        years in prop::collection::vec(1990i32..2010, 0..15),
        values in prop::collection::vec(any_value(), 0..15),
        delta in any_value(),
        window in 0usize..20,
        mid in any::<bool>(),
    ) {
        let Ok(s) = AnnualSeries::with_missing("x", years, values) else { return Ok(()) };
        let _ = s.log_growth();
        let _ = s.simple_growth();
        let _ = s.cagr(1995, 2005);
        if let Ok(p) = PerpetualInventory::new(delta) {
            let timing = if mid { Timing::MidYear } else { Timing::EndOfYear };
            for basis in [GrowthBasis::Investment, GrowthBasis::LogLinearTrend, GrowthBasis::Output(s.clone())] {
                if let Ok(k) = p.clone().window(window).timing(timing).basis(basis).estimate(&s) {
                    prop_assert!(k.stock.values().iter().all(|v| v.is_finite()));
                }
            }
        }
    }
}
