//! Shared helpers for the integration tests: the PWT fixture and tolerances.
#![allow(dead_code)]

use std::path::PathBuf;

/// Relative tolerance for `rtfpna` (issue 2: PWT stores 4-byte floats).
pub const RTFPNA_TOLERANCE: f64 = 1e-6;
/// Relative tolerance for `ctfp`.
pub const CTFP_TOLERANCE: f64 = 5e-6;

/// PWT 10.01 in columns; NaN for empty fields.
pub struct Pwt {
    pub countrycode: Vec<String>,
    pub year: Vec<i32>,
    pub cols: std::collections::BTreeMap<String, Vec<f64>>,
}

impl Pwt {
    pub fn col(&self, name: &str) -> &[f64] {
        &self.cols[name]
    }
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn load_pwt() -> Pwt {
    let mut reader = csv::Reader::from_path(fixture("pwt1001.csv")).expect("PWT fixture");
    let headers = reader.headers().expect("header").clone();
    let mut pwt = Pwt {
        countrycode: vec![],
        year: vec![],
        cols: Default::default(),
    };
    for record in reader.records() {
        let record = record.expect("record");
        for (h, v) in headers.iter().zip(record.iter()) {
            match h {
                "countrycode" => pwt.countrycode.push(v.to_string()),
                "country" => {}
                "year" => pwt.year.push(v.parse().expect("year")),
                _ => pwt
                    .cols
                    .entry(h.to_string())
                    .or_default()
                    .push(if v.is_empty() {
                        f64::NAN
                    } else {
                        v.parse().expect("number")
                    }),
            }
        }
    }
    pwt
}
