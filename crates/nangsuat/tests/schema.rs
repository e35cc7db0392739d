//! The published JSON Schema of plan files (`schema/plan.schema.json`) is generated from the
//! model; this test fails when the two drift apart. Regenerate with
//! `NANGSUAT_BLESS=1 cargo test -p nangsuat --features schema --test schema`.
#![cfg(feature = "schema")]

use nangsuat::plan::Plan;
use std::path::PathBuf;

fn generated() -> String {
    let mut schema = schemars::schema_for!(Plan);
    schema.insert("$id".into(), "urn:nangsuat:schema:plan:1".into());
    schema.insert(
        "description".into(),
        "A nangsuat plan file (schema_version 1): a productivity plan with its goals, tasks, \
         budget and sources. TOML files have the same structure."
            .into(),
    );
    serde_json::to_string_pretty(&schema).unwrap() + "\n"
}

#[test]
fn published_schema_matches_the_model() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/plan.schema.json");
    let text = generated();
    if std::env::var_os("NANGSUAT_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("schema/plan.schema.json");
    assert_eq!(
        committed, text,
        "regenerate with NANGSUAT_BLESS=1 (see the file's doc)"
    );
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
