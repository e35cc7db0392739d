//! What each fuzz target checks, written once.
//!
//! Every function takes the fuzzer's bytes and panics only when nangsuat breaks a promise:
//! a panic inside nangsuat, an accepted input that does not survive its own round trip, or a
//! result that holds a number where it should hold none. Errors are the expected answer to
//! most inputs and are not failures.
//!
//! This file is a module of two crates: `fuzz/fuzz_targets/*.rs` (cargo-fuzz, nightly) call
//! its functions, and `crates/nangsuat/tests/fuzz_replay.rs` calls them on stable for every
//! input under `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/`, so CI replays every
//! corpus without a nightly toolchain.

use nangsuat::monitoring::observation::Observations;
use nangsuat::plan::Plan;
use nangsuat::plan::validation::validate_plans;

/// What a fuzz target runs on one input.
pub type Check = fn(&[u8]);

/// The fuzz targets, by name: the folder names under `fuzz/corpus` and `fuzz/regressions`.
pub const TARGETS: &[(&str, Check)] = &[
    ("plan_toml", plan_toml),
    ("plan_json", plan_json),
    ("observations_csv", observations_csv),
];

/// Text of the input, if it is UTF-8 (the readers take `&str`).
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A plan that loads survives TOML → model → TOML and → JSON → model unchanged, and can be
/// validated.
fn round_trips(plan: &Plan) {
    let toml = plan.to_toml().expect("a loaded plan writes as TOML");
    let again = Plan::from_toml(&toml)
        .unwrap_or_else(|e| panic!("a plan's own TOML does not load: {e}\n{toml}"));
    assert_eq!(&again, plan, "TOML round trip changed the plan\n{toml}");
    let json = plan.to_json().expect("a loaded plan writes as JSON");
    let again = Plan::from_json(&json)
        .unwrap_or_else(|e| panic!("a plan's own JSON does not load: {e}\n{json}"));
    assert_eq!(&again, plan, "JSON round trip changed the plan\n{json}");
    let _ = validate_plans(std::slice::from_ref(plan));
}

/// Plan files in TOML: no panic; what loads round-trips.
pub fn plan_toml(data: &[u8]) {
    if let Some(Ok(plan)) = text(data).map(Plan::from_toml) {
        round_trips(&plan);
    }
}

/// Plan files in JSON: no panic; what loads round-trips.
pub fn plan_json(data: &[u8]) {
    if let Some(Ok(plan)) = text(data).map(Plan::from_json) {
        round_trips(&plan);
    }
}

/// The observations CSV: no panic; every value read is finite.
pub fn observations_csv(data: &[u8]) {
    if let Some(Ok(observations)) = text(data).map(Observations::from_csv) {
        for row in observations.rows() {
            assert!(
                row.value.is_finite(),
                "a non-finite value was read: {row:?}"
            );
        }
    }
}
