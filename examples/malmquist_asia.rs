//! Where does productivity change come from — catching up with best practice, or best
//! practice moving? The Malmquist index (Färe, Grosskopf, Norris & Zhang 1994) of 21 Asian
//! economies, 2000–2019, from Penn World Table 10.01: output real GDP (`rgdpna`), inputs the
//! capital stock (`rnna`) and human-capital-adjusted employment (`emp × hc`), all at constant
//! 2017 national prices converted at 2017 PPPs. Output orientation; `pech`/`sech` under VRS.
//!
//! `cargo run --release --example malmquist_asia [PATH/TO/pwt1001.csv]` (default: the PWT
//! extract the tests use, `crates/nangsuat/tests/fixtures/pwt1001.csv`).
//!
//! Source: Feenstra, Inklaar & Timmer (2015), AER 105(10); GGDC (2023), PWT 10.01,
//! doi:10.34894/QT5BCC, CC BY 4.0.

use nangsuat::efficiency::dea::{Orientation, Production, ReturnsToScale};
use nangsuat::efficiency::malmquist::{Malmquist, Means};
use std::error::Error;

const ECONOMIES: [&str; 21] = [
    "BGD", "BRN", "CHN", "HKG", "IDN", "IND", "JPN", "KHM", "KOR", "LAO", "LKA", "MMR", "MNG",
    "MYS", "NPL", "PAK", "PHL", "SGP", "THA", "TWN", "VNM",
];
const FIRST: i32 = 2000;
const LAST: i32 = 2019;

/// (economy, year, capital, labour, output) rows of the panel.
type Row = (String, i32, f64, f64, f64);

fn read_panel(path: &str) -> Result<Vec<Row>, Box<dyn Error>> {
    let mut reader = csv::Reader::from_path(path)?;
    let header = reader.headers()?.clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("{path} has no column `{name}`"))
    };
    let (code, year, y, k, emp, hc) = (
        col("countrycode")?,
        col("year")?,
        col("rgdpna")?,
        col("rnna")?,
        col("emp")?,
        col("hc")?,
    );
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        let year: i32 = record[year].parse()?;
        if !ECONOMIES.contains(&&record[code]) || !(FIRST..=LAST).contains(&year) {
            continue;
        }
        let number = |i: usize| -> Result<f64, Box<dyn Error>> {
            let field = &record[i];
            field.parse().map_err(|_| {
                format!(
                    "{} {year}: `{field}` in column {} is not a number",
                    &record[code], &header[i]
                )
                .into()
            })
        };
        rows.push((
            record[code].to_string(),
            year,
            number(k)?,
            number(emp)? * number(hc)?,
            number(y)?,
        ));
    }
    Ok(rows)
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{:+.2}", 100.0 * (v - 1.0)))
}

fn line(label: &str, m: &Means) -> String {
    format!(
        "| {label} | {} | {} | {} | {} | {} |",
        percent(m.indices.tfpch),
        percent(m.indices.effch),
        percent(m.indices.techch),
        percent(m.indices.pech),
        percent(m.indices.sech)
    )
}

fn main() -> Result<(), Box<dyn Error>> {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/nangsuat/tests/fixtures/pwt1001.csv"
    );
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_string());
    let rows = read_panel(&path)?;
    let unit: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let period: Vec<i32> = rows.iter().map(|r| r.1).collect();
    let inputs: Vec<f64> = rows.iter().flat_map(|r| [r.2, r.3]).collect();
    let outputs: Vec<f64> = rows.iter().map(|r| r.4).collect();
    let names = (
        vec![
            "capital (rnna)".to_string(),
            "labour (emp × hc)".to_string(),
        ],
        vec!["GDP (rgdpna)".to_string()],
    );
    let data = Production::new(&inputs, 2, &outputs, 1)?.with_names(&names.0, &names.1)?;
    let index = Malmquist::new(Orientation::Output, ReturnsToScale::Variable)
        .compute(&unit, &period, &data)?;

    println!("# Malmquist TFP change, 21 Asian economies, {FIRST}–{LAST} (PWT 10.01)\n");
    println!("Average % per year (geometric means). tfpch = effch × techch; effch = pech × sech.");
    println!("Above 0: improvement. Output-oriented; pech under variable returns to scale.\n");
    println!(
        "| economy | TFP change | efficiency change | technical change | pure efficiency | scale |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    let mut by_tfp: Vec<_> = index.unit_means.iter().collect();
    by_tfp.sort_by(|a, b| {
        b.means
            .indices
            .tfpch
            .partial_cmp(&a.means.indices.tfpch)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for u in by_tfp {
        let label = if u.unit == "VNM" { "**VNM**" } else { u.unit };
        println!("{}", line(label, &u.means));
    }
    println!("{}", line("all (mean of years)", &index.overall));

    let vn: Vec<_> = index.changes.iter().filter(|c| c.unit == "VNM").collect();
    let cumulative =
        |f: fn(&nangsuat::efficiency::malmquist::Change<&str>) -> Option<f64>| -> Option<f64> {
            vn.iter().map(|c| f(c)).product()
        };
    println!(
        "\nViet Nam, {FIRST}→{LAST} cumulative: TFP × {:.3}, of which efficiency × {:.3} and \
         technical change × {:.3}.",
        cumulative(|c| c.indices.tfpch).unwrap_or(f64::NAN),
        cumulative(|c| c.indices.effch).unwrap_or(f64::NAN),
        cumulative(|c| c.indices.techch).unwrap_or(f64::NAN),
    );
    let frontier = index
        .changes
        .iter()
        .filter(|c| c.indices.rts_techch.is_none())
        .count();
    println!(
        "{} of {} unit-years have no cross-period VRS solution (Ray–Desli columns undefined).",
        frontier,
        index.changes.len()
    );
    Ok(())
}
