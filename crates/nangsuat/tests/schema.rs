//! The published JSON Schemas of plan files (`schema/plan.schema.json`) and of mapping files
//! (`schema/mapping.schema.json`) are generated from the models; this test fails when they
//! drift apart. Regenerate with
//! `NANGSUAT_BLESS=1 cargo test -p nangsuat --features schema --test schema`.
#![cfg(feature = "schema")]

use nangsuat::ingest::mapping::Mapping;
use nangsuat::plan::Plan;
use std::path::PathBuf;

/// The JSON Schema of `T` as committed: pretty JSON with its `$id` and description.
fn schema_text<T: schemars::JsonSchema>(id: &str, description: &str) -> String {
    let mut schema = schemars::schema_for!(T);
    schema.insert("$id".into(), id.into());
    schema.insert("description".into(), description.into());
    serde_json::to_string_pretty(&schema).unwrap() + "\n"
}

/// The committed file equals `text` (rewritten first under `NANGSUAT_BLESS`).
fn assert_committed(file: &str, text: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file);
    if std::env::var_os("NANGSUAT_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect(file);
    assert_eq!(
        committed, text,
        "regenerate with NANGSUAT_BLESS=1 (see the file's doc)"
    );
}

fn generated() -> String {
    schema_text::<Plan>(
        "urn:nangsuat:schema:plan:1",
        "A nangsuat plan file (schema_version 1): a productivity plan with its goals, tasks, \
         budget and sources. TOML files have the same structure.",
    )
}

#[test]
fn published_schema_matches_the_model() {
    assert_committed("schema/plan.schema.json", &generated());
}

#[test]
fn schema_forbids_unknown_fields_and_requires_the_version() {
    let schema: serde_json::Value = serde_json::from_str(&generated()).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in [
        "schema_version",
        "id",
        "title_vi",
        "level",
        "status",
        "period",
    ] {
        assert!(required.contains(&field), "{field}");
    }
    assert!(!required.contains(&"goals"));
}

fn generated_mapping() -> String {
    schema_text::<Mapping>(
        "urn:nangsuat:schema:mapping:1",
        "A nangsuat mapping file (schema_version 1, TOML): which dimension of a published \
         table is the territory and which the time, which categories are which indicator of \
         the catalogue, in which unit, with the evidence level and the source.",
    )
}

#[test]
fn published_mapping_schema_matches_the_model() {
    assert_committed("schema/mapping.schema.json", &generated_mapping());
}

#[test]
fn mapping_schema_forbids_unknown_fields_and_the_committed_mappings_parse() {
    let schema: serde_json::Value = serde_json::from_str(&generated_mapping()).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["schema_version", "id", "source", "territory", "series"] {
        assert!(required.contains(&field), "{field}");
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../mappings");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            Mapping::load(&path).unwrap();
            n += 1;
        }
    }
    assert!(n >= 3);
}
