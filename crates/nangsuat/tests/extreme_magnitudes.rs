//! Finite positive data hundreds of orders of magnitude apart: every computation gives figures
//! that are finite numbers, or a typed error naming what does not fit — never an infinity, a
//! NaN or a vanished zero passed on as a value.
//!
//! A hostile-input probe of the Python package found such results on valid data (a Törnqvist
//! index, a GEAD term, a capital stock, a shift-share growth, a progress rate, a labour
//! productivity and an Olley–Pakes mean of +∞); each is fixed where it arose, and this test
//! keeps the class closed for the computations it covers.

use nangsuat::accounting::capital::{PerpetualInventory, Timing};
use nangsuat::accounting::inventory::accumulate;
use nangsuat::estimation::decomposition::{melitz_polanec, olley_pakes};
use nangsuat::monitoring::derived::{Series, labour_productivity, labour_productivity_growth};
use nangsuat::monitoring::progress::{Method, Point, ProgressInput, progress};
use nangsuat::series::AnnualSeries;
use nangsuat::structure::index::{Formula, Linking, index_series};
use nangsuat::structure::shift_share::{GeadPeriod, domar_aggregate, gead, shift_share};
use proptest::prelude::*;

/// An ordinary quantity, or one at the edges of a double.
fn magnitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.5f64..500.0,
        2 => prop::sample::select(vec![
            5e-324, 1e-308, 1e-300, 1e-200, 1e-100, 1e-9, 1e9, 1e100, 1e200, 1e300, 1.7e308,
        ]),
    ]
}

fn column(len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(magnitude(), len)
}

fn finite(what: &str, v: f64) -> Result<(), TestCaseError> {
    prop_assert!(v.is_finite(), "{what} = {v}");
    Ok(())
}

const FORMULAS: [Formula; 4] = [
    Formula::Laspeyres,
    Formula::Paasche,
    Formula::Fisher,
    Formula::Tornqvist,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn index_numbers_are_finite_and_positive_or_an_error(
        (periods, items) in (2usize..5, 1usize..4),
        values in column(2 * 4 * 3),
    ) {
        let table = |offset: usize| -> Vec<Vec<f64>> {
            (0..periods)
                .map(|t| (0..items).map(|i| values[offset + t * items + i]).collect())
                .collect()
        };
        let (p, q) = (table(0), table(12));
        for formula in FORMULAS {
            for linking in [Linking::FixedBase, Linking::Chained, Linking::Multilateral] {
                if let Ok(s) = index_series(&p, &q, formula, linking) {
                    for v in s.price.iter().chain(&s.quantity) {
                        prop_assert!(v.is_finite() && *v > 0.0, "{formula:?} {linking:?}: {v}");
                    }
                }
            }
        }
    }

    #[test]
    fn shift_share_terms_growth_and_contributions_are_finite_or_an_error(
        n in 1usize..4,
        values in column(4 * 3),
    ) {
        let c = |k: usize| values[k * 3..k * 3 + n].to_vec();
        if let Ok(s) = shift_share(&c(0), &c(1), &c(2), &c(3)) {
            for (what, v) in [
                ("base_level", s.base_level),
                ("end_level", s.end_level),
                ("within", s.within),
                ("static_shift", s.static_shift),
                ("dynamic_shift", s.dynamic_shift),
                ("change", s.change()),
                ("growth", s.end_level / s.base_level - 1.0),
            ] {
                finite(what, v)?;
            }
            let (a, b, d, t) = s.contributions();
            for v in [a, b, d, t] {
                finite("contribution", v)?;
            }
            for u in &s.units {
                for v in [u.within, u.static_shift, u.dynamic_shift] {
                    finite("unit term", v)?;
                    finite("unit contribution", v / s.base_level)?;
                }
            }
        }
    }

    #[test]
    fn gead_and_domar_are_finite_or_an_error(values in column(6 * 3 + 2)) {
        let c = |k: usize| &values[k * 3..k * 3 + 3];
        let period = |k: usize, aggregate: f64| GeadPeriod {
            nominal: c(k),
            real: c(k + 1),
            labour: c(k + 2),
            aggregate_real: aggregate,
        };
        if let Ok(g) = gead(period(0, values[18]), period(3, values[19])) {
            for v in [g.base_level, g.end_level, g.within, g.reallocation] {
                finite("GEAD", v)?;
            }
            for (w, r) in &g.units {
                finite("GEAD unit within", *w)?;
                finite("GEAD unit reallocation", *r)?;
            }
        }
        let growth: Vec<f64> = c(0).iter().map(|v| v.ln() / 100.0).collect();
        if let Ok(d) = domar_aggregate(&growth, c(1), c(2), values[18], values[19]) {
            finite("Domar aggregate", d)?;
        }
    }

    #[test]
    fn capital_stocks_are_finite_or_an_error(
        investment in column(8),
        initial in magnitude(),
        mid_year in any::<bool>(),
    ) {
        let timing = if mid_year { Timing::MidYear } else { Timing::EndOfYear };
        if let Ok(k) = accumulate(&investment, &[0.05; 8], timing, initial) {
            for v in k {
                finite("stock", v)?;
            }
        }
        let series = AnnualSeries::new("investment", (2000..2008).collect(), investment).unwrap();
        if let Ok(k) = PerpetualInventory::new(0.05).unwrap().timing(timing).estimate(&series) {
            finite("initial stock", k.initial_stock)?;
            for v in k.stock.values() {
                finite("stock", *v)?;
            }
        }
    }

    #[test]
    fn progress_figures_are_finite_or_an_error(
        values in column(3),
        years in (1i32..4, 1i32..4),
    ) {
        let base = Point::new(2020, values[0]);
        let current = Point::new(2020 + years.0, values[1]);
        let target = Point::new(2020 + years.0 + years.1, values[2]);
        for higher_is_better in [true, false] {
            let mut input = ProgressInput::new(base, vec![current], Some(target));
            input.higher_is_better = higher_is_better;
            for method in Method::ALL {
                if let Ok(p) = progress(&input, method) {
                    for (what, v) in [
                        ("figure", p.figure),
                        ("score", p.score),
                        ("projected", p.projected),
                        ("achieved growth", p.achieved_growth),
                        ("required growth", p.required_growth),
                        ("remaining growth", p.remaining_growth),
                    ] {
                        if let Some(v) = v {
                            finite(&format!("{method:?} {what}"), v)?;
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn derived_indicators_are_finite_or_an_error(values in column(8)) {
        let years = [2018, 2019, 2020, 2021];
        let series = |name: &str, v: &[f64]| {
            Series::from_values(name, "u", &years, v, &format!("{name}.csv")).unwrap()
        };
        let (output, employment) = (series("output", &values[..4]), series("employment", &values[4..]));
        if let Ok(d) = labour_productivity("vn", &output, &employment, 1.0, "million_vnd_per_person") {
            for x in d {
                finite("labour productivity", x.value)?;
            }
        }
        if let Ok(d) = labour_productivity_growth("vn", &output, &employment) {
            for x in d {
                finite("labour productivity growth", x.value)?;
            }
        }
    }

    #[test]
    fn productivity_decompositions_are_finite_or_an_error(
        productivity in column(6),
        weight in column(6),
        signs in prop::collection::vec(any::<bool>(), 6),
    ) {
        // Log productivities of either sign.
        let omega: Vec<f64> = productivity
            .iter()
            .zip(&signs)
            .map(|(v, negative)| if *negative { -v } else { *v })
            .collect();
        let (firm, year) = ([1, 2, 3, 1, 2, 4], [2020, 2020, 2020, 2021, 2021, 2021]);
        if let Ok(d) = olley_pakes(&firm, &year, &omega, &weight) {
            for y in d {
                for v in [y.aggregate, y.mean, y.covariance] {
                    finite("Olley–Pakes term", v)?;
                }
            }
        }
        if let Ok(d) = melitz_polanec(&firm, &year, &omega, &weight, 2020, 2021) {
            for v in [d.total, d.survivors_within, d.survivors_reallocation, d.entrants, d.exiters] {
                finite("Melitz–Polanec term", v)?;
            }
        }
    }
}
