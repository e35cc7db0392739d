//! Replays every committed fuzz input (minimised corpora and regression inputs) through the
//! same checks the fuzzers run, on stable Rust: a crash found once stays fixed.

use std::path::{Path, PathBuf};

#[path = "../../../fuzz/harness.rs"]
mod harness;

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
fn every_corpus_and_regression_input_passes() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut replayed = 0;
    for (name, check) in harness::TARGETS {
        let mut files = inputs(&root.join("corpus").join(name));
        files.extend(inputs(&root.join("regressions").join(name)));
        assert!(!files.is_empty(), "no corpus for fuzz target {name}");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{name}: {} fails", file.display());
            replayed += 1;
        }
    }
    println!("replayed {replayed} fuzz inputs");
}
