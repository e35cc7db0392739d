//! # nangsuat — productivity statistics for plan monitoring
//!
//! *Năng suất* is Vietnamese for productivity. This crate computes what statistics offices
//! report each year against productivity plans such as Viet Nam's Decision 36/QĐ-TTg
//! (2021–2030): labour productivity, TFP growth, and TFP's contribution to growth, by accepted
//! methods whose references are named in each module.
//!
//! * [`series`] — annual series, alignment, the missing-data policy ([`NanPolicy`]).
//! * [`growth`] — log and discrete growth, CAGR, labour productivity per worker and per hour.
//! * [`capital`] — perpetual-inventory capital stocks with a Harberger initial stock.
//! * [`accounting`] — growth accounting (Törnqvist and GSO profiles), single series and panels.
//! * [`pwt`] — Penn World Table 10.01's `rtfpna` and `ctfp` from PWT's own inputs.
//! * [`data`] — embedded data for Viet Nam (PWT 10.01 extract), with sources and licences.
//! * [`index`] — Laspeyres, Paasche, Fisher, Törnqvist indices; chained; GEKS; deflators.
//! * [`indicator`] — the indicator catalogue (codes, names in Vietnamese and English, units).
//! * [`goal`] and [`plan`] — plans, goals, tasks; TOML and JSON plan files; the embedded plans
//!   of Decision 36/QĐ-TTg and of Quảng Ninh and Thanh Hóa.
//! * [`validation`] — every finding about a plan, with stable codes.
//! * [`observation`] — observed values with source and evidence (embedded: Viet Nam, 218 values).
//! * [`assess`] — every goal of a set of plans against observations: status, numbers, needs.
//! * [`feasibility`] — consistency of targets, historical realism against PWT peers, scenarios.
//! * [`shift_share`] — shift-share (with product taxes), GEAD for chain-linked volumes, Domar.
//! * [`report`] — the monitoring report (Markdown in Vietnamese or English, JSON).
//! * [`dea`] — data envelopment analysis: technical, pure technical and scale efficiency,
//!   slacks, peers (input or output orientation; CRS, VRS, NIRS, NDRS).
//! * [`malmquist`] — the Malmquist productivity index over a panel of units, decomposed as
//!   DEAP prints it (`tfpch = effch × techch`, `effch = pech × sech`).
//! * [`progress`] — progress of one target by the StatCan/Open SDG, UNSD, ESCAP and PSA methods.
//!
//! Rates and shares are fractions (0.07 is 7 %). Undefined results are `None` (or `false` in
//! a validity mask), never a silent NaN. No input makes the crate panic.
//!
//! Feature `rayon`: panels are processed in parallel over entities.
//!
//! # Example
//! ```
//! use nangsuat::{AccountingInput, GrowthAccounting, LabourShare, Share};
//! let years = [2019, 2020, 2021];
//! let gdp = [100.0, 102.9, 105.5];
//! let capital = [300.0, 318.0, 335.0];
//! let employment = [54.7, 53.6, 49.1];
//! let input = AccountingInput::new(&years, &gdp, &capital, &employment)
//!     .labour_share(LabourShare::Constant(Share::new(0.55)?));
//! let result = GrowthAccounting::tornqvist().compute(&input)?;
//! let r = result.row(1).unwrap();
//! let sum = r.capital_contribution + r.labour_contribution + r.labour_quality_contribution
//!     + r.tfp_growth;
//! assert!((sum - r.output_growth).abs() < 1e-15);
//! # Ok::<(), nangsuat::Error>(())
//! ```

#![deny(missing_docs)]

pub mod accounting;
pub mod assess;
pub mod capital;
pub mod data;
pub mod dea;
mod envelopment;
pub mod error;
pub mod estimation;
pub mod feasibility;
pub mod goal;
pub mod growth;
pub mod index;
pub mod indicator;
pub mod malmquist;
pub mod observation;
pub mod plan;
pub mod progress;
pub mod pwt;
pub mod report;
pub mod series;
pub mod share;
pub mod shift_share;
pub mod summation;
pub mod validation;

pub use accounting::{
    Accounting, AccountingInput, AccountingRow, ContributionShares, Field, GrowthAccounting,
    LabourShare, PeriodSummary, Profile, UndefinedShare,
};
pub use error::{Error, ErrorKind, Result};
pub use plan::Plan;
pub use series::{AnnualSeries, NanPolicy};
pub use share::Share;

/// The crate version, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's examples, run as doctests so the README cannot drift from the code.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
