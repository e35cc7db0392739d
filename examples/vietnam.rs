//! The main job: the monitoring report of the embedded plans (Decision 36/QĐ-TTg, Quảng Ninh,
//! Thanh Hóa) against the embedded Viet Nam observations, then, as an annex, the annual growth
//! accounting of Viet Nam from the embedded Penn World Table 10.01 extract with the TFP share's
//! sensitivity to the assumed labour share.
//!
//! Run with `cargo run --release --example vietnam` (English labels) or
//! `cargo run --release --example vietnam -- --lang vi` (Vietnamese labels).

use nangsuat::report::{Lang, Report};
use nangsuat::vietnam::data::{PWT_CITATION, VIETNAM_DEFAULT_LABOUR_SHARE, vietnam_pwt};
use nangsuat::{
    Accounting, AccountingInput, GrowthAccounting, LabourShare, PeriodSummary, Result, Share,
    UndefinedShare, accounting::tfp_share,
};

/// Official GSO figures for the same periods, for comparison (observations.csv, evidence
/// `confirmed`): TFP contribution to GDP growth, percent.
const GSO_TFP_SHARES: [(i32, i32, f64, &str); 2] = [
    (2010, 2015, 33.58, "GSO via english.vtv.vn"),
    (
        2015,
        2019,
        44.46,
        "GSO, 2016-2019 average, via english.vtv.vn",
    ),
];

const PERIODS: [(i32, i32); 5] = [
    (1990, 2000),
    (2000, 2010),
    (2010, 2015),
    (2015, 2019),
    (2015, 2018),
];

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "undefined".to_string(), |v| format!("{:.2}", 100.0 * v))
}

/// A share in percent, or why it is undefined.
fn share_or_reason(share: std::result::Result<f64, UndefinedShare>) -> String {
    match share {
        Ok(v) => format!("{:.2}", 100.0 * v),
        Err(UndefinedShare::OppositeSigns) => "— (TFP fell)".to_string(),
        Err(UndefinedShare::OutputGrowthNearZero) => "— (no growth)".to_string(),
        Err(_) => "— (missing data)".to_string(),
    }
}

fn period_share(p: &PeriodSummary) -> String {
    match (
        p.tfp_share_of_cumulative_growth,
        p.tfp_share_of_cumulative_growth_undefined,
    ) {
        (Some(v), _) => share_or_reason(Ok(v)),
        (None, Some(reason)) => share_or_reason(Err(reason)),
        (None, None) => share_or_reason(Err(UndefinedShare::MissingGrowth)),
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let lang = match args.iter().position(|a| a == "--lang") {
        Some(i) => Lang::from_code(args.get(i + 1).map_or("", String::as_str))?,
        None => Lang::En,
    };
    print!("{}", Report::vietnam()?.to_markdown(lang));
    println!("\n---\n");
    annex()
}

/// Annual growth accounting and the labour-share sensitivity.
fn annex() -> Result<()> {
    let vn = vietnam_pwt();
    let share = Share::new(VIETNAM_DEFAULT_LABOUR_SHARE)?;

    println!(
        "# Annex: Viet Nam — growth accounting (nangsuat {})\n",
        nangsuat::VERSION
    );
    println!("Data: {PWT_CITATION}.");
    println!(
        "Output rgdpna; capital rnna (PWT has no capital services for Viet Nam, so the stock \
         stands in); labour = persons engaged × average hours × human-capital index."
    );
    println!(
        "Labour share: {:.2}, a stated assumption (PWT publishes none for Viet Nam): the median \
         2010–2019 PWT labour share of CHN, IDN, LAO, MYS, PHL, THA.",
        share.get()
    );
    println!(
        "Caveat: PWT employment falls from 54.07 (2018) to 50.40 million (2019), a source break; \
         2019 labour growth and TFP growth carry it.\n"
    );

    let input = AccountingInput::new(
        &vn.year,
        &vn.rgdpna,
        &vn.rnna,
        &vn.emp,
        LabourShare::Constant(share),
    )
    .hours(&vn.avh)
    .human_capital(&vn.hc);
    let tornqvist = GrowthAccounting::tornqvist()
        .base_year(2010)
        .compute(&input)?;

    println!("## Annual (Törnqvist profile; percent, log growth)\n");
    println!(
        "| year | GDP growth | capital | labour (hours) | labour quality | TFP growth | TFP share | LP growth per hour | TFP index (2010=1) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for i in 0..tornqvist.len() {
        let Some(r) = tornqvist.row(i) else { continue };
        if r.year < 1991 {
            continue;
        }
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {:.2} | {:.3} |",
            r.year,
            100.0 * r.output_growth,
            100.0 * r.capital_contribution,
            100.0 * r.labour_contribution,
            100.0 * r.labour_quality_contribution,
            100.0 * r.tfp_growth,
            share_or_reason(tfp_share(
                r.tfp_growth,
                r.output_growth,
                tornqvist.provenance.options.zero_growth_tolerance
            )),
            100.0 * r.labour_productivity_growth,
            r.tfp_index.unwrap_or(f64::NAN),
        );
    }

    let gso_input = AccountingInput::new(
        &vn.year,
        &vn.rgdpna,
        &vn.rnna,
        &vn.emp,
        LabourShare::Constant(share),
    );
    let gso = GrowthAccounting::gso().compute(&gso_input)?;

    println!("\n## Annex: periods (percent)\n");
    println!(
        "TFP share of growth two ways: the ratio of cumulative growths ln(TFP_b/TFP_a)/ln(Y_b/Y_a) \
         — how a period target is read — and the mean of annual shares. GSO profile: persons \
         only, discrete growth, labour quality inside TFP (GSO's official form).\n"
    );
    println!(
        "| period | avg GDP growth | avg TFP growth | TFP share (cumulative) | TFP share (mean of annual) | GSO profile: TFP share (cumulative) | GSO published |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|");
    for (a, b) in PERIODS {
        let t = tornqvist.period(a, b)?;
        let g = gso.period(a, b)?;
        let published = GSO_TFP_SHARES
            .iter()
            .find(|p| p.0 == a && p.1 == b)
            .map_or_else(String::new, |p| format!("{:.2} ({})", p.2, p.3));
        println!(
            "| {}–{} | {} | {} | {} | {} | {} | {} |",
            a + 1,
            b,
            pct(t.average_output_growth),
            pct(t.average_tfp_growth),
            period_share(&t),
            pct(t.mean_of_annual_tfp_shares),
            period_share(&g),
            published
        );
    }

    println!("\n## Sensitivity of the TFP share to the labour share (Törnqvist, cumulative)\n");
    let shares = [0.35, 0.40, 0.45, 0.48, 0.50, 0.55, 0.60, 0.65];
    print!("| labour share |");
    for (a, b) in PERIODS {
        print!(" {}–{} |", a + 1, b);
    }
    println!("\n|---|{}", "---:|".repeat(PERIODS.len()));
    for s in shares {
        let input = input.labour_share(LabourShare::Constant(Share::new(s)?));
        let r: Accounting = GrowthAccounting::tornqvist().compute(&input)?;
        print!("| {s:.2} |");
        for (a, b) in PERIODS {
            let p: PeriodSummary = r.period(a, b)?;
            print!(" {} |", period_share(&p));
        }
        println!();
    }
    println!(
        "\nThe two profiles' TFP shares are not comparable (GSO keeps labour quality inside TFP \
         and uses discrete growth), and neither equals GSO's published figure, which rests on \
         GSO's own capital series and input-output shares. Read them with the labour-share \
         sensitivity above."
    );
    Ok(())
}
