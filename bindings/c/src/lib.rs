//! # nangsuat C API
//!
//! A stable C ABI over the nangsuat core, for applications that embed it (a provincial
//! statistics portal in C or C++, a spreadsheet add-in, another language's FFI). The header
//! `include/nangsuat.h` is generated from this crate by cbindgen and committed.
//!
//! Conventions, for every function:
//! * The return value is an [`NsStatus`]; `NS_STATUS_OK` (0) is success. On failure
//!   [`ns_last_error_message`] copies a message that names the series, the year and the
//!   value, and out-params are left untouched.
//! * NULL where a pointer is required returns `NS_STATUS_NULL_ARGUMENT`; a panic returns
//!   `NS_STATUS_PANIC`. Nothing unwinds into, or aborts, the host.
//! * Input arrays are borrowed for the duration of the call. Strings returned through
//!   `char **` out-params belong to the caller, who frees them with [`ns_string_free`];
//!   handles are freed with their `*_free` function, which accepts NULL.
//!
//! | C | Rust core |
//! |---|---|
//! | `ns_growth_accounting` | `GrowthAccounting::compute_panel_into` (one entity) |
//! | `ns_growth_accounting_panel` | `GrowthAccounting::compute_panel_into` |
//! | `ns_pwt_tfp` | `pwt::pwt_tfp` |
//! | `ns_dea` | `dea::Dea::compute` |
//! | `ns_frontier_efficiency` | `dea::Frontier::efficiencies` |
//! | `ns_malmquist`, `ns_malmquist_json` | `malmquist::Malmquist::compute` |
//! | `ns_plan_from_json`, `ns_plan_from_toml`, `ns_plan_to_json`, `ns_plan_to_toml` | `Plan::{from_json, from_toml, to_json, to_toml}` |
//! | `ns_plan_validate` | `Plan::validate` |
//! | `ns_builtin_plans_json` | `vietnam::Vietnam::plans` |
//! | `ns_assess` | `report::assess_with` → `Report::{to_json, to_markdown}` |
//! | `ns_provincial_tfp` | `monitoring::derived::provincial_tfp` (GSO form) |
//! | `ns_sfa`, `ns_sfa_param_count` | `efficiency::sfa::Sfa::fit` |
//! | `ns_production_options_default`, `ns_production_term_count`, `ns_production_function` | `estimation::ProductionFunction::{term_count, estimate}` |
//! | `ns_olley_pakes_decomposition`, `ns_melitz_polanec_decomposition`, `ns_melitz_polanec_by_year` | `estimation::decomposition::{olley_pakes, melitz_polanec, melitz_polanec_by_year}` |
//! | `ns_read_table`, `ns_read_table_bytes` | `ingest::{read_path, read_bytes}` → `Table::{to_json, to_csv}` |
//! | `ns_observations_from_tables`, `ns_observations_to_csv`, `ns_observations_len`, `ns_observations_skipped_json`, `ns_observations_free` | `vietnam::territory::map_files` (`ingest::mapping`) → `Observations::to_csv` |
//! | `ns_capital_stock` | `capital::PerpetualInventory::estimate`, `inventory::accumulate` |
//! | `ns_shift_share` | `shift_share::{shift_share, shift_share_with_taxes}` |
//! | `ns_gead` | `shift_share::gead` |
//! | `ns_regions_to_nation_json` | `shift_share::regions_to_nation` |
//! | `ns_domar_aggregate` | `shift_share::domar_aggregate` |
//! | `ns_index_series` | `index::index_series` |
//! | `ns_scenario_vietnam_2021_2025`, `ns_scenario_project`, `ns_scenario_sensitivity_json` | `vietnam::scenario_2021_2025`, `feasibility::Scenario::{project, sensitivity}` |
//! | `ns_what_it_takes` | `requirement::what_it_takes` |
//! | `ns_consistency_json`, `ns_realism_json` | `feasibility::{consistency, lp_growth_realism, tfp_growth_realism}` |

#![deny(missing_docs)]
// The C ABI is raw pointers; every unsafe block states why it is sound.
#![allow(unsafe_code)]

mod accounting;
mod derived;
mod efficiency;
mod estimation;
mod handles;
mod ingest;
mod mapping;
mod monitoring;
mod plan_document;
mod scenario;
mod sfa;
mod status;
mod structure;

pub use accounting::*;
pub use derived::*;
pub use efficiency::*;
pub use estimation::*;
pub use handles::*;
pub use ingest::*;
pub use mapping::*;
pub use monitoring::*;
pub use plan_document::*;
pub use scenario::*;
pub use sfa::*;
pub use status::*;
pub use structure::*;

use std::ffi::c_char;

/// The library version, e.g. `"0.1.0"`: a static string the caller must not free. Equals the
/// header's `NANGSUAT_VERSION` when header and library match.
#[unsafe(no_mangle)]
pub extern "C" fn ns_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

// The C-boundary fuzz target's checks, replayed on stable over its committed inputs; the
// harness names this crate `nangsuat_c`, as the fuzz crate does.
#[cfg(test)]
extern crate self as nangsuat_c;
#[cfg(test)]
mod empty_inputs;
#[cfg(test)]
mod fuzz_replay;
#[cfg(test)]
#[path = "../../../fuzz/harness_c.rs"]
mod harness_c;
