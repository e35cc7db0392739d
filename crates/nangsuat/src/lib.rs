//! # nangsuat — productivity statistics for plan monitoring
//!
//! *Năng suất* is Vietnamese for productivity. This crate computes what statistics offices
//! report each year against productivity plans such as Viet Nam's Decision 36/QĐ-TTg
//! (2021–2030): labour productivity, TFP growth, and TFP's contribution to growth, by accepted
//! methods whose references are named in each module.
//!
//! The crate is a house with wings; primitives live at the root and each wing is a folder
//! that imports only the root and the wings below it (see the README's "Architecture"):
//!
//! * root — [`error`], [`share`], [`summation`], [`series`] (annual series, alignment,
//!   [`NanPolicy`]), [`growth`] (log and discrete growth, CAGR).
//! * [`accounting`] — growth accounting (Törnqvist and GSO profiles), labour productivity,
//!   [`accounting::capital`] stocks (perpetual inventory, Harberger) and Penn World Table's
//!   [`accounting::pwt`] TFP.
//! * [`structure`] — [`structure::shift_share`] (with product taxes, GEAD, regions → nation,
//!   Domar) and [`structure::index`] numbers (Laspeyres, Paasche, Fisher, Törnqvist, GEKS).
//! * [`efficiency`] — the production data set, DEA, frontiers and the Malmquist index.
//! * [`plan`] — plans, [`plan::goal`]s, the [`plan::indicator`] catalogue and
//!   [`plan::validation`].
//! * [`monitoring`] — [`monitoring::observation`]s, [`monitoring::progress`] of one target by
//!   five methods, [`monitoring::assess`]ment of every goal, [`monitoring::feasibility`].
//! * [`ingest`] — readers of the tables statistics offices publish (PC-Axis, JSON-stat,
//!   SDMX, XLSX/XLS, CSV) into one tidy table model, and [`ingest::mapping`]s from those
//!   tables to observations that keep their file, table and cell.
//! * [`report`] — the monitoring report and its renderers.
//! * [`vietnam`] — Viet Nam: the embedded data (PWT 10.01 extract), plans and observations;
//!   the territory catalogue (63 provinces, regions, the 2025 units) and name matching.
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
//! let input = AccountingInput::new(&years, &gdp, &capital, &employment, LabourShare::Constant(Share::new(0.55)?));
//! let result = GrowthAccounting::tornqvist().compute(&input)?;
//! let r = result.row(1).unwrap();
//! let sum = r.capital_contribution + r.labour_contribution + r.labour_quality_contribution
//!     + r.tfp_growth;
//! assert!((sum - r.output_growth).abs() < 1e-15);
//! # Ok::<(), nangsuat::Error>(())
//! ```

#![deny(missing_docs)]

pub mod accounting;
pub mod cancel;
pub mod efficiency;
pub mod error;
pub mod estimation;
pub mod growth;
pub mod ingest;
pub mod monitoring;
pub mod plan;
mod prefetch;
pub mod report;
pub mod series;
pub mod share;
pub mod structure;
pub mod summation;
pub mod text;
pub mod vietnam;

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
