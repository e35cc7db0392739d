//! Replays every committed input of the C-boundary fuzz target (minimised corpus and
//! regression inputs) through the checks the fuzzer runs, on stable Rust: a crash found once
//! stays fixed. The checks are in `fuzz/harness_c.rs`. A unit test of the crate, not an
//! integration test: the C face's library and the core are both named `nangsuat`, so a test
//! crate could not name either.

use std::path::{Path, PathBuf};

use crate::harness_c;

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_c_api_corpus_and_regression_input_passes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let (name, check) = harness_c::TARGET;
    let mut files = inputs(&root.join("corpus").join(name));
    files.extend(inputs(&root.join("regressions").join(name)));
    assert!(!files.is_empty(), "no corpus for fuzz target {name}");
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{name}: {} fails", file.display());
    }
    println!("replayed {} fuzz inputs", files.len());
}
