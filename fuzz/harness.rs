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

use std::collections::HashSet;

use nangsuat::ingest::mapping::{Mapping, map_tables};
use nangsuat::ingest::{Format, ReadOptions, Table, read_bytes};
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
    ("mapping_toml", mapping_toml),
    ("px", px),
    ("jsonstat", jsonstat),
    ("sdmx_ml", sdmx_ml),
    ("sdmx_csv", sdmx_csv),
    ("spreadsheet", spreadsheet),
    ("csv_table", csv_table),
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

/// The observations CSV: no panic; every value read is finite; what is read survives
/// `to_csv` → `from_csv` unchanged (status and provenance included).
pub fn observations_csv(data: &[u8]) {
    if let Some(Ok(observations)) = text(data).map(Observations::from_csv) {
        for row in observations.rows() {
            assert!(
                row.value.is_finite(),
                "a non-finite value was read: {row:?}"
            );
        }
        let csv = observations.to_csv();
        let again = Observations::from_csv(&csv)
            .unwrap_or_else(|e| panic!("observations' own CSV does not load: {e}\n{csv}"));
        assert_eq!(
            again, observations,
            "CSV round trip changed the observations"
        );
    }
}

/// A small table with a time, a territory and an item dimension, one missing cell, for the
/// mapping target to map.
const MAPPING_TABLE: &[u8] = b"MATRIX=\"T\";\nSTUB=\"region\",\"item\";\nHEADING=\"year\";\n\
VALUES(\"region\")=\"North\",\"South\";\nVALUES(\"item\")=\"emp\",\"gdp\";\n\
VALUES(\"year\")=\"2023\",\"Prel. 2024\";\nDATA=\n1 2 10 20\n3 \"..\" 30 40;\n";

/// Mapping files in TOML: no panic; what loads survives TOML → model → TOML unchanged, and
/// mapping a small table with it gives observations or an error, never a panic or a
/// non-finite value.
pub fn mapping_toml(data: &[u8]) {
    let Some(Ok(mapping)) = text(data).map(Mapping::from_toml) else {
        return;
    };
    let toml = mapping.to_toml().expect("a loaded mapping writes as TOML");
    let again = Mapping::from_toml(&toml)
        .unwrap_or_else(|e| panic!("a mapping's own TOML does not load: {e}\n{toml}"));
    assert_eq!(
        again, mapping,
        "TOML round trip changed the mapping\n{toml}"
    );
    let table = read_bytes(MAPPING_TABLE, &ReadOptions::default().name("t.px"))
        .expect("the fixed table reads");
    let territories = nangsuat::vietnam::territory::matcher_for(None).expect("provinces63");
    if let Ok(mapped) = map_tables(&[table], &mapping, Some(&territories)) {
        for row in mapped.observations.rows() {
            assert!(row.value.is_finite(), "a non-finite value: {row:?}");
            assert!(row.provenance.is_some(), "no provenance: {row:?}");
        }
    }
}

/// What every table a reader returns must hold: no NaN or infinite value; a missing value
/// exactly where the status says missing (so every missing cell has a status); one
/// coordinate per dimension, each naming a category the dimension has; no two cells at the
/// same coordinates, so the cell count is at most the product of the dimension sizes (the
/// sparse count) and, for a `dense` format, exactly that product. The tidy JSON and CSV
/// writers accept the table.
fn table_holds(table: &Table, dense: bool) {
    let mut seen = HashSet::with_capacity(table.cells.len());
    for cell in &table.cells {
        assert!(
            cell.value.is_none_or(f64::is_finite),
            "a non-finite value was read: {cell:?}"
        );
        assert_eq!(
            cell.value.is_none(),
            cell.status.as_ref().is_some_and(|s| s.is_missing()),
            "a missing value without a missing status (or the reverse): {cell:?}"
        );
        assert_eq!(
            cell.coords.len(),
            table.dimensions.len(),
            "a cell's coordinates do not match the dimensions: {cell:?}"
        );
        for (dim, &at) in table.dimensions.iter().zip(&cell.coords) {
            assert!(
                (at as usize) < dim.categories.len(),
                "a cell points past dimension `{}`'s {} categories: {cell:?}",
                dim.id,
                dim.categories.len()
            );
        }
        assert!(
            seen.insert(cell.coords.as_slice()),
            "two cells at the same coordinates: {cell:?}"
        );
    }
    let product = table
        .dimensions
        .iter()
        .try_fold(1usize, |n, d| n.checked_mul(d.categories.len()));
    if let Some(product) = product {
        assert!(
            table.cells.len() <= product,
            "{} cells in a table of {product} positions",
            table.cells.len()
        );
        if dense {
            assert_eq!(
                table.cells.len(),
                product,
                "a dense table has a cell count other than the product of its dimension sizes"
            );
        }
    }
    let _ = table.to_json();
    let _ = table.to_csv();
}

/// Reads the bytes as `format` and, if they are a table, checks it.
fn read_as(data: &[u8], format: Format, dense: bool) {
    if let Ok(table) = read_bytes(data, &ReadOptions::default().format(format)) {
        table_holds(&table, dense);
    }
}

/// PC-Axis files: no panic; a table holds. A matrix is dense unless the file lists its rows
/// by `KEYS` (then only the rows given are cells).
pub fn px(data: &[u8]) {
    let keyed = data.windows(4).any(|w| w.eq_ignore_ascii_case(b"KEYS"));
    read_as(data, Format::PcAxis, !keyed);
}

/// JSON-stat 1.x and 2.0: no panic; a table holds.
pub fn jsonstat(data: &[u8]) {
    read_as(data, Format::JsonStat, false);
}

/// SDMX-ML 2.1 data (structure-specific and generic): no panic; a table holds.
pub fn sdmx_ml(data: &[u8]) {
    read_as(data, Format::SdmxMl, false);
}

/// SDMX-CSV 1.0 and 2.0: no panic; a table holds.
pub fn sdmx_csv(data: &[u8]) {
    read_as(data, Format::SdmxCsv, false);
}

/// XLSX and XLS workbooks (calamine, through the same entry point as files): no panic; a
/// table holds.
pub fn spreadsheet(data: &[u8]) {
    let format = if data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Format::Xls
    } else {
        Format::Xlsx
    };
    read_as(data, format, false);
}

/// PX-Web CSV: no panic; a table holds.
pub fn csv_table(data: &[u8]) {
    read_as(data, Format::Csv, false);
}
