//! Derived indicators against published numbers, against the accounting engine on random
//! inputs, and through a plan's assessment.

use nangsuat::monitoring::assess::{AssessOptions, assess_plans};
use nangsuat::monitoring::derived::{
    CapitalInput, Derived, Series, TfpForm, TfpInputs, extend_observations,
    labour_productivity_growth, provincial_tfp,
};
use nangsuat::monitoring::observation::{Evidence, Observations, ObservedWhen};
use nangsuat::plan::Plan;
use nangsuat::{AccountingInput, GrowthAccounting, LabourShare, Share};
use proptest::prelude::*;

/// GDP at constant 2010 prices, billion VND: GSO's national summary data page, SDMX-ML file
/// `shared/data/published/nsdp_sdmx/GDPVNM.xml`, series INDICATOR="NGDP_R_PA_XDC" FREQ="A"
/// (UNIT_MULT = 9), observations TIME_PERIOD 2021, 2022, 2023 as printed (more digits than an
/// f64 holds, kept so the constant reads exactly as the file).
#[allow(clippy::excessive_precision)]
const NSDP_GDP_CONSTANT_2010: [(i32, f64); 3] = [
    (2021, 5_133_589.055_868_646_1),
    (2022, 5_550_616.912_393_711_5),
    (2023, 5_830_724.947_794_264_2),
];

#[test]
fn lp_growth_from_nsdp_gdp_and_gso_employment_matches_nso_published_lp_growth() {
    // Employment (million persons) and NSO's published LP growth (%) are the embedded
    // observations (shared/data/vietnam/observations.csv, each row citing its page).
    let obs = nangsuat::vietnam::Vietnam::get().observations().clone();
    let employment = Series::from_observations(&obs, "viet_nam", "employed_persons");
    let mut gdp = Series::new("gdp_constant_2010", "billion_vnd");
    for (year, value) in NSDP_GDP_CONSTANT_2010 {
        gdp.insert(year, value, false, "GDPVNM.xml NGDP_R_PA_XDC")
            .unwrap();
    }
    let derived = labour_productivity_growth("viet_nam", &gdp, &employment).unwrap();
    // 2022 and 2023: the years where GDP, employment in both years (on the basis GSO used from
    // 2021) and a published LP growth all exist. (2021 needs 2020 employment on the new basis,
    // which exists only as a derived figure, so it is not a test of the world.)
    let published = [(2022, 4.8, 0.05), (2023, 3.65, 0.005)];
    for (year, value, half_digit) in published {
        let d = derived
            .iter()
            .find(|d| d.when == ObservedWhen::Year(year))
            .unwrap();
        let o = obs
            .best("viet_nam", "lp_growth", ObservedWhen::Year(year))
            .unwrap();
        assert_eq!((o.value, o.evidence), (value, Evidence::Confirmed));
        // Employment is published to 0.1 million: the derived growth is known only within the
        // interval those roundings allow, and the published figure within half its last digit.
        let (l0, l1) = (
            employment.get(year - 1).unwrap().value,
            employment.get(year).unwrap().value,
        );
        let y_ratio = gdp.get(year).unwrap().value / gdp.get(year - 1).unwrap().value;
        let lo = 100.0 * (y_ratio / ((l1 + 0.05) / (l0 - 0.05)) - 1.0);
        let hi = 100.0 * (y_ratio / ((l1 - 0.05) / (l0 + 0.05)) - 1.0);
        assert!(lo <= d.value && d.value <= hi);
        assert!(
            lo - half_digit <= value && value <= hi + half_digit,
            "{year}: published {value} outside [{lo:.3}, {hi:.3}] (derived {:.3})",
            d.value
        );
        assert_eq!(d.inputs.len(), 4);
    }
}

fn series(name: &str, years: &[i32], values: &[f64]) -> Series {
    Series::from_values(name, "u", years, values, "test").unwrap()
}

fn annual<'a>(d: &'a [Derived], indicator: &str, year: i32) -> Option<&'a Derived> {
    d.iter()
        .find(|x| x.indicator == indicator && x.when == ObservedWhen::Year(year))
}

proptest! {
    /// The derived TFP share equals the accounting engine's, year by year and over the period,
    /// by both forms; with a year missing, the derived values are the engine's on each side.
    #[test]
    fn derived_tfp_share_equals_the_engines(
        n in 3usize..9,
        y in proptest::collection::vec(0.9f64..1.15, 9),
        k in proptest::collection::vec(0.95f64..1.2, 9),
        l in proptest::collection::vec(0.97f64..1.05, 9),
        s in proptest::collection::vec(0.3f64..0.7, 9),
        b_k in 0.2f64..0.7,
        gap in proptest::option::of(1usize..8),
    ) {
        let years: Vec<i32> = (2010..2010 + n as i32).collect();
        let level = |g: &[f64]| -> Vec<f64> {
            g[..n].iter().scan(100.0, |acc, x| { *acc *= x; Some(*acc) }).collect()
        };
        let (yv, kv, lv) = (level(&y), level(&k), level(&l));
        let gap = gap.filter(|g| *g < n);
        let mut lv_gappy = lv.clone();
        if let Some(g) = gap { lv_gappy[g] = f64::NAN; }
        let (ys, ks, ls) = (series("y", &years, &yv), series("k", &years, &kv), series("l", &years, &lv_gappy));
        let shares = series("s_l", &years, &s[..n]);
        for tornqvist in [false, true] {
            let form = if tornqvist {
                TfpForm::Tornqvist { labour_share: &shares }
            } else {
                TfpForm::Gso { capital_share: Share::new(b_k).unwrap() }
            };
            let last = years[n - 1];
            let r = provincial_tfp(&TfpInputs::new("x", &ys, &ls, CapitalInput::Stock(&ks), form), &[(2011, last)]).unwrap();
            // The engine on each run of consecutive years.
            let runs: Vec<(usize, usize)> = match gap {
                Some(g) => vec![(0, g), (g + 1, n)],
                None => vec![(0, n)],
            };
            for (from, to) in runs {
                let run = from..to;
                if run.len() < 2 { continue; }
                let (engine, share) = if tornqvist {
                    (GrowthAccounting::tornqvist(), LabourShare::PerRow(&s[run.clone()]))
                } else {
                    (GrowthAccounting::gso(), LabourShare::Constant(Share::new(1.0 - b_k).unwrap()))
                };
                let input = AccountingInput::new(&years[run.clone()], &yv[run.clone()], &kv[run.clone()], &lv[run.clone()], share);
                let e = engine.compute(&input).unwrap();
                for i in 1..run.len() {
                    let year = years[run.start + i];
                    let row = e.row(i).unwrap();
                    let d = annual(&r.derived, "tfp_growth", year).unwrap();
                    prop_assert!((d.value - 100.0 * row.tfp_growth).abs() < 1e-9);
                    match (row.tfp_share, annual(&r.derived, "tfp_contribution", year)) {
                        (Some(share), Some(d)) => prop_assert!((d.value - 100.0 * share).abs() < 1e-9),
                        (None, None) => {}
                        (a, b) => prop_assert!(false, "{year}: engine {a:?}, derived {b:?}"),
                    }
                }
                if gap.is_none() {
                    let p = e.period(years[0], last).unwrap();
                    let when = ObservedWhen::Period { start: 2011, end: last };
                    let d = r.derived.iter().find(|d| d.indicator == "tfp_contribution" && d.when == when);
                    match (p.tfp_share_of_cumulative_growth, d) {
                        (Some(share), Some(d)) => prop_assert!((d.value - 100.0 * share).abs() < 1e-9),
                        (None, None) => {}
                        (a, b) => prop_assert!(false, "period: engine {a:?}, derived {b:?}"),
                    }
                }
            }
            if let Some(g) = gap {
                // Nothing is invented across the gap: the gap year and the one after are absent.
                prop_assert!(annual(&r.derived, "tfp_growth", years[g]).is_none());
                if g + 1 < n {
                    prop_assert!(annual(&r.derived, "tfp_growth", years[g + 1]).is_none());
                }
                let no_period = r.derived.iter().all(|d| matches!(d.when, ObservedWhen::Year(_)));
                prop_assert!(no_period);
            }
        }
    }
}

#[test]
fn a_tfp_share_goal_is_assessed_from_derived_values_when_nothing_is_published() {
    let plan = Plan::from_toml(
        r#"schema_version = 1
id = "p"
title_vi = "Kế hoạch"
level = "provincial"
status = "issued"
issuing_body = "UBND"
territory = "thanh_hoa"
period = { start = 2021, end = 2023 }
[[goals]]
id = "tfp"
indicator = "tfp_contribution"
target = { comparator = "about", value = 45.0 }
unit = "percent_of_growth"
horizon = { start = 2021, end = 2023 }
scope = { level = "province", name = "thanh_hoa" }
"#,
    )
    .unwrap();
    let years = [2020, 2021, 2022, 2023];
    // Y +8 %/yr, K +9 %/yr, L +1 %/yr, b_K = 0.5: G_A = 8 − 4.5 − 0.5 = 3 %/yr.
    let lv = |g: f64| -> Vec<f64> { (0..4).map(|t| 100.0 * (1.0 + g).powi(t)).collect() };
    let (y, k, l) = (
        series("grdp_const", &years, &lv(0.08)),
        series("capital", &years, &lv(0.09)),
        series("employed", &years, &lv(0.01)),
    );
    let form = TfpForm::Gso {
        capital_share: Share::new(0.5).unwrap(),
    };
    let r = provincial_tfp(
        &TfpInputs::new("thanh_hoa", &y, &l, CapitalInput::Stock(&k), form),
        &[(2021, 2023)],
    )
    .unwrap();
    let empty = Observations::default();
    let (before, _) = assess_plans(
        std::slice::from_ref(&plan),
        &empty,
        &AssessOptions::default(),
    );
    assert!(before[0].goals[0].current.is_none());
    let obs = extend_observations(&empty, &r.derived);
    let (after, _) = assess_plans(std::slice::from_ref(&plan), &obs, &AssessOptions::default());
    let goal = &after[0].goals[0];
    let expected = 100.0 * 1.03f64.ln() / 1.08f64.ln();
    assert!((goal.current.unwrap() - expected).abs() < 1e-9, "{goal:?}");
    assert_eq!(goal.observations[0].evidence, Evidence::Derived);
    assert!(goal.observations[0].note.contains("b_K = 0.5"));
}
