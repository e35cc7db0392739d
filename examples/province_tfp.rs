//! TFP's share of growth from a territory's own tables, by the GSO form, with every assumption
//! stated — here for Viet Nam as a whole, from the national tables in `shared/data`; a
//! province runs the same code on its GRDP, realised investment and employment.
//!
//! Run with `cargo run --release --example province_tfp`.
//!
//! Inputs (typed from the files, each cited):
//! * GDP at constant 2010 prices: GSO's national summary data page (NSDP), SDMX-ML
//!   `shared/data/published/nsdp_sdmx/GDPVNM.xml`, series `NGDP_R_PA_XDC` (annual, billion VND).
//! * Investment: gross fixed capital formation at constant 2010 prices, the same file, series
//!   `NFI_R_XDC`. The file prints 0 for 2004–2009 (no data), so the stock starts in 2010.
//! * Employment: NSO's employed persons aged 15+ for 2020–2023 from the embedded observations
//!   (`shared/data/vietnam/observations.csv`; 2020 is the restated ~50.0 million on the basis
//!   used from 2021, evidence `derived`). The shared tables have no NSO employment for
//!   2010–2019, so that block uses Penn World Table 10.01 `emp` (persons engaged, built from
//!   the same labour-force surveys), and stops in 2018: PWT's `emp` breaks in 2019 (54.07 →
//!   50.40 million).
//!
//! Assumptions: GSO form `G_A = G_Y − b_K·G_K − b_L·G_L` with `b_K` = 0.52 (one minus
//! `data::VIETNAM_DEFAULT_LABOUR_SHARE`; GSO's own `b_K`, from its input–output table, is not
//! in the shared data), with the TFP share's sensitivity to `b_K`; capital = perpetual
//! inventory of real GFCF, geometric depreciation δ = 0.05, end-of-year timing, Harberger
//! initial stock from the average growth of real GFCF 2010–2014.

use nangsuat::accounting::capital::PerpetualInventory;
use nangsuat::monitoring::derived::{
    CapitalInput, ProvincialTfp, Series, TfpForm, TfpInputs, provincial_tfp,
};
use nangsuat::monitoring::observation::{Observations, ObservedWhen};
use nangsuat::vietnam::data::{PWT_CITATION, VIETNAM_DEFAULT_LABOUR_SHARE, vietnam_pwt};
use nangsuat::{Result, Share};

const NSDP: &str = "GSO NSDP GDPVNM.xml";

/// `NGDP_R_PA_XDC`, billion VND at constant 2010 prices, as printed (rounded to 0.01 here).
const GDP: [(i32, f64); 14] = [
    (2010, 2_739_843.17),
    (2011, 2_915_553.94),
    (2012, 3_076_041.91),
    (2013, 3_246_870.23),
    (2014, 3_455_392.13),
    (2015, 3_696_825.71),
    (2016, 3_944_143.68),
    (2017, 4_217_874.76),
    (2018, 4_532_739.40),
    (2019, 4_866_315.60),
    (2020, 5_005_755.65),
    (2021, 5_133_589.06),
    (2022, 5_550_616.91),
    (2023, 5_830_724.95),
];

/// `NFI_R_XDC`, billion VND at constant 2010 prices, as printed (rounded to 0.01 here).
const GFCF: [(i32, f64); 14] = [
    (2010, 963_320.27),
    (2011, 917_334.26),
    (2012, 938_799.88),
    (2013, 993_719.67),
    (2014, 1_085_936.86),
    (2015, 1_192_358.67),
    (2016, 1_311_594.54),
    (2017, 1_449_311.97),
    (2018, 1_568_735.27),
    (2019, 1_689_198.87),
    (2020, 1_758_456.03),
    (2021, 1_807_700.92),
    (2022, 1_909_293.71),
    (2023, 1_996_739.36),
];

fn table(values: &[(i32, f64)], name: &str, unit: &str, source: &str) -> Result<Series> {
    let mut s = Series::new(name, unit);
    for &(year, value) in values {
        s.insert(year, value, false, format!("{source} {name} {year}"))?;
    }
    Ok(s)
}

fn print_block(r: &ProvincialTfp, published: &Observations) {
    println!(
        "| year | G_Y % | G_K % | G_L % | TFP growth % | TFP share % | GSO published share % |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|");
    for i in 0..r.accounting.len() {
        let Some(row) = r.accounting.row(i) else {
            continue;
        };
        let gso = published
            .best("viet_nam", "tfp_contribution", ObservedWhen::Year(row.year))
            .map_or("—".to_string(), |o| {
                format!("{:.2} ({})", o.value, o.evidence.name())
            });
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {gso} |",
            row.year,
            100.0 * row.output_growth,
            100.0 * row.capital_growth,
            100.0 * row.labour_growth,
            100.0 * row.tfp_growth,
            row.tfp_share
                .map_or("undefined".into(), |s| format!("{:.2}", 100.0 * s)),
        );
    }
    for d in r
        .derived
        .iter()
        .filter(|d| matches!(d.when, ObservedWhen::Period { .. }))
    {
        println!(
            "\n{} {}: {:.2} ({}{})",
            d.indicator,
            d.when,
            d.value,
            d.unit,
            if d.preliminary { ", preliminary" } else { "" }
        );
    }
    for u in &r.undefined {
        println!("\nundefined: {u}");
    }
}

fn main() -> Result<()> {
    let observations = nangsuat::vietnam::Vietnam::get().observations().clone();
    let gdp = table(&GDP, "gdp_constant_2010", "billion_vnd", NSDP)?;
    let gfcf = table(&GFCF, "gfcf_constant_2010", "billion_vnd", NSDP)?;
    let pwt = vietnam_pwt();
    let mut emp_pwt = Series::new("employment_pwt", "million_persons");
    for (year, emp) in pwt.year.iter().zip(&pwt.emp) {
        if (2010..=2018).contains(year) {
            emp_pwt.insert(*year, *emp, false, "PWT 10.01 emp")?;
        }
    }
    let emp_nso = Series::from_observations(&observations, "viet_nam", "employed_persons");
    let mut emp_nso_new_basis = Series::new("employed_persons_nso", "million_persons");
    for year in 2020..=2023 {
        // 2020: the restated value on the 2021 basis (derived), not the 53.4 of the old basis.
        let o = if year == 2020 {
            observations
                .all("viet_nam", "employed_persons", ObservedWhen::Year(2020))
                .into_iter()
                .find(|o| o.evidence == nangsuat::monitoring::observation::Evidence::Derived)
        } else {
            observations.best("viet_nam", "employed_persons", ObservedWhen::Year(year))
        };
        if let Some(o) = o {
            emp_nso_new_basis.insert(year, o.value, o.preliminary, o.source_url.clone())?;
        }
    }
    let _ = emp_nso; // the best-evidence series mixes bases in 2020; the explicit one is used

    let pim = PerpetualInventory::new(0.05)?.window(5);
    let capital = CapitalInput::Investment {
        investment: &gfcf,
        deflator: None,
        inventory: &pim,
    };
    let b_k = 1.0 - VIETNAM_DEFAULT_LABOUR_SHARE;
    let form = TfpForm::Gso {
        capital_share: Share::new(b_k)?,
    };

    println!("# Viet Nam's TFP share of GDP growth from NSO/GSO tables, GSO form\n");
    let a = provincial_tfp(
        &TfpInputs::new("viet_nam", &gdp, &emp_pwt, capital, form),
        &[(2011, 2018), (2016, 2018)],
    )?;
    println!("Assumptions: {}\n", a.assumptions);
    if let Some(k) = &a.capital_stock {
        println!(
            "Capital stock 2010 = {:.0} billion VND ({:.2} × GDP 2010); 2023 = {:.0}.\n",
            k.initial_stock,
            k.initial_stock / GDP[0].1,
            k.stock.values().last().copied().unwrap_or(f64::NAN)
        );
    }
    println!("## 2011–2018, employment from PWT 10.01 ({PWT_CITATION})\n");
    print_block(&a, &observations);

    println!("\n## 2021–2023, employment from NSO (new basis from 2021)\n");
    let b = provincial_tfp(
        &TfpInputs::new("viet_nam", &gdp, &emp_nso_new_basis, capital, form),
        &[(2021, 2023)],
    )?;
    print_block(&b, &observations);

    println!("\n## Sensitivity of the period shares to b_K\n");
    println!("| b_K | 2016–2018 % | 2021–2023 % |");
    println!("|---:|---:|---:|");
    for b_k in [0.35, 0.45, 0.52, 0.60, 0.65] {
        let form = TfpForm::Gso {
            capital_share: Share::new(b_k)?,
        };
        let share = |r: &ProvincialTfp, start: i32, end: i32| {
            r.derived
                .iter()
                .find(|d| {
                    d.indicator == "tfp_contribution"
                        && d.when == ObservedWhen::Period { start, end }
                })
                .map_or("undefined".to_string(), |d| format!("{:.2}", d.value))
        };
        let a = provincial_tfp(
            &TfpInputs::new("viet_nam", &gdp, &emp_pwt, capital, form),
            &[(2016, 2018)],
        )?;
        let b = provincial_tfp(
            &TfpInputs::new("viet_nam", &gdp, &emp_nso_new_basis, capital, form),
            &[(2021, 2023)],
        )?;
        println!(
            "| {b_k:.2} | {} | {} |",
            share(&a, 2016, 2018),
            share(&b, 2021, 2023)
        );
    }
    println!(
        "\nGSO publishes 44.87, 46.09 and 44.76 % for 2016–2018 with its own b_K and capital \
         series; the shares above move with b_K, δ and the initial stock, which is why each is \
         stated. Sources: GSO/NSO Viet Nam (NSDP GDPVNM.xml; observations.csv pages); {PWT_CITATION}."
    );
    Ok(())
}
