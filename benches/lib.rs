//! Benchmarks live beside this file; see `cargo bench -p nangsuat-benches`.
