//! Index-number identities (ILO/IMF CPI Manual 2004, ch. 16: the axiomatic tests) and the
//! shift-share and GEAD identities (METHODS §5), on random data.

use nangsuat::structure::index::{Formula, bilateral, chained, geks};
use proptest::prelude::*;

fn items(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.01f64..100.0, n)
}

fn two_periods() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>)> {
    (1usize..12).prop_flat_map(|n| (items(n), items(n), items(n), items(n)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Factor reversal: P_F · Q_F = V¹/V⁰ exactly (to rounding).
    #[test]
    fn fisher_passes_factor_reversal((p0, q0, p1, q1) in two_periods()) {
        let b = bilateral(&p0, &q0, &p1, &q1).unwrap();
        prop_assert!((b.fisher_price * b.fisher_quantity / b.value_ratio - 1.0).abs() < 1e-12);
    }

    /// Time reversal: P(0,1)·P(1,0) = 1 for Fisher and Törnqvist.
    #[test]
    fn time_reversal((p0, q0, p1, q1) in two_periods()) {
        let a = bilateral(&p0, &q0, &p1, &q1).unwrap();
        let b = bilateral(&p1, &q1, &p0, &q0).unwrap();
        for f in [Formula::Fisher, Formula::Tornqvist] {
            prop_assert!((a.price(f) * b.price(f) - 1.0).abs() < 1e-12);
            prop_assert!((a.quantity(f) * b.quantity(f) - 1.0).abs() < 1e-12);
        }
    }

    /// Commensurability: measuring item i in other units (price × c, quantity ÷ c) changes nothing.
    #[test]
    fn invariant_to_units((p0, q0, p1, q1) in two_periods(), c in 0.001f64..1000.0) {
        let a = bilateral(&p0, &q0, &p1, &q1).unwrap();
        let s = |v: &[f64], k: f64| v.iter().enumerate().map(|(i, x)| if i == 0 { x * k } else { *x }).collect::<Vec<_>>();
        let b = bilateral(&s(&p0, c), &s(&q0, 1.0 / c), &s(&p1, c), &s(&q1, 1.0 / c)).unwrap();
        for f in [Formula::Laspeyres, Formula::Paasche, Formula::Fisher, Formula::Tornqvist] {
            prop_assert!((a.price(f) / b.price(f) - 1.0).abs() < 1e-12);
            prop_assert!((a.quantity(f) / b.quantity(f) - 1.0).abs() < 1e-12);
        }
    }

    /// Chained over two periods equals direct; GEKS is transitive (path-independent).
    #[test]
    fn chain_and_geks(n in 1usize..6, t in 3usize..6, seed in prop::collection::vec(0.01f64..100.0, 72)) {
        let p: Vec<Vec<f64>> = (0..t).map(|k| (0..n).map(|i| seed[(k * n + i) % 72]).collect()).collect();
        let q: Vec<Vec<f64>> = (0..t).map(|k| (0..n).map(|i| seed[(k * n + i + 31) % 72]).collect()).collect();
        let (c, _) = chained(&p[..2], &q[..2], Formula::Tornqvist).unwrap();
        let d = bilateral(&p[0], &q[0], &p[1], &q[1]).unwrap();
        prop_assert!((c[1] - d.tornqvist_price).abs() < 1e-15);
        // transitivity: rebasing the GEKS series on period 1 gives the GEKS computed with the
        // periods reordered so that period 1 comes first
        let (g, _) = geks(&p, &q, Formula::Fisher).unwrap();
        let mut order: Vec<usize> = (0..t).collect();
        order.swap(0, 1);
        let (pr, qr): (Vec<_>, Vec<_>) = order.iter().map(|&k| (p[k].clone(), q[k].clone())).unzip();
        let (h, _) = geks(&pr, &qr, Formula::Fisher).unwrap();
        for k in 0..t {
            let pos = order.iter().position(|&o| o == k).unwrap();
            prop_assert!((g[k] / g[1] - h[pos]).abs() < 1e-10);
        }
    }
}

mod decompositions {
    //! Shift-share and GEAD identities on random data (METHODS §5).
    use nangsuat::structure::shift_share::{GeadPeriod, gead, shift_share, shift_share_with_taxes};
    use proptest::prelude::*;

    fn units() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>)> {
        (1usize..70).prop_flat_map(|n| {
            let v = || prop::collection::vec(0.01f64..1e4, n);
            (v(), v(), v(), v())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// within + static + dynamic (+ tax) = P^T − P^0, for any number of units.
        #[test]
        fn components_sum_to_the_change((y0, l0, yt, lt) in units(), t0 in 0.0f64..500.0, tt in 0.0f64..500.0) {
            // The identity holds to rounding of the terms added: components can be ±1e6 and
            // cancel to a change of 0.3 (a shrunk case), so the scale is the largest of them.
            let scale = |s: &nangsuat::structure::shift_share::ShiftShare| {
                [s.base_level, s.end_level, s.within, s.static_shift, s.dynamic_shift, s.tax]
                    .iter()
                    .fold(0.0f64, |m, v| m.max(v.abs()))
            };
            let s = shift_share(&y0, &l0, &yt, &lt).unwrap();
            prop_assert!((s.within + s.static_shift + s.dynamic_shift - s.change()).abs() <= 1e-12 * scale(&s));
            let s = shift_share_with_taxes(&y0, &l0, &yt, &lt, t0, tt).unwrap();
            prop_assert!((s.within + s.static_shift + s.dynamic_shift + s.tax - s.change()).abs() <= 1e-12 * scale(&s));
        }

        /// GEAD is exact for chain-linked volumes that do not add up.
        #[test]
        fn gead_is_exactly_additive((n0, r0, l0, rt) in units(), agg0 in 1.0f64..1e6, aggt in 1.0f64..1e6, k in 0.5f64..2.0) {
            let nt: Vec<f64> = n0.iter().map(|v| v * k).collect();
            let g = gead(
                GeadPeriod { nominal: &n0, real: &r0, labour: &l0, aggregate_real: agg0 },
                GeadPeriod { nominal: &nt, real: &rt, labour: &l0, aggregate_real: aggt },
            ).unwrap();
            let scale = g.base_level.abs().max(g.end_level.abs());
            prop_assert!((g.within + g.reallocation - (g.end_level - g.base_level)).abs() <= 1e-10 * scale);
        }
    }
}
