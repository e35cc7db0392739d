//! The main job: the monitoring report of the embedded plans (Decision 36/QĐ-TTg, Quảng Ninh,
//! Thanh Hóa) against the embedded Viet Nam observations, with Viet Nam's growth accounting
//! from the embedded Penn World Table 10.01 extract beside GSO's published TFP shares, the
//! feasibility of the targets, and, as an annex, the annual accounting and the TFP share's
//! sensitivity to the assumed labour share — all in one language.
//!
//! Run with `cargo run --release --example vietnam` (English) or
//! `cargo run --release --example vietnam -- --lang vi` (Vietnamese).

use nangsuat::Result;
use nangsuat::report::Lang;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let lang = match args.iter().position(|a| a == "--lang") {
        Some(i) => Lang::from_code(args.get(i + 1).map_or("", String::as_str))?,
        None => Lang::En,
    };
    print!("{}", nangsuat::vietnam::report()?.to_markdown(lang));
    Ok(())
}
