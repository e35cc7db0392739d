//! The proof that the engine is right: Penn World Table 10.01's published `rtfpna` and `ctfp`
//! reproduced from PWT's own inputs, for every country-year that carries a published value
//! (Feenstra, Inklaar & Timmer 2015; METHODS §3).

// Parallel PWT columns are read by row index; an iterator over one column would hide that.
#![allow(clippy::needless_range_loop)]

mod common;

use common::{CTFP_TOLERANCE, RTFPNA_TOLERANCE, load_pwt};
use nangsuat::accounting::pwt::{PwtInput, pwt_tfp};
use std::collections::BTreeSet;

#[test]
fn reproduces_every_published_rtfpna_and_ctfp() {
    let pwt = load_pwt();
    let codes: Vec<&str> = pwt.countrycode.iter().map(String::as_str).collect();
    let input = PwtInput::new(
        &codes,
        &pwt.year,
        pwt.col("rgdpna"),
        pwt.col("rkna"),
        pwt.col("emp"),
        pwt.col("avh"),
        pwt.col("hc"),
        pwt.col("labsh"),
        pwt.col("cgdpo"),
        pwt.col("ck"),
    );
    let tfp = pwt_tfp(&input, &"USA").expect("PWT inputs are valid");

    let published_countries: BTreeSet<&str> = (0..codes.len())
        .filter(|&i| pwt.col("rtfpna")[i].is_finite())
        .map(|i| codes[i])
        .collect();
    assert_eq!(published_countries.len(), 20);

    // One published measure against ours: every published value reproduced within `tolerance`,
    // and, for the countries PWT publishes, nothing defined that PWT leaves blank.
    let check = |name: &str, published: &[f64], ours: &[f64], defined: &[bool], tolerance: f64| {
        let (mut n, mut worst) = (0, 0.0f64);
        for i in 0..codes.len() {
            let (country, year) = (codes[i], pwt.year[i]);
            if published[i].is_finite() {
                assert!(defined[i], "{name} undefined for {country} {year}");
                let err = (ours[i] / published[i] - 1.0).abs();
                assert!(
                    err <= tolerance,
                    "{name} {country} {year}: {} vs {}",
                    ours[i],
                    published[i]
                );
                worst = worst.max(err);
                n += 1;
            } else if published_countries.contains(country) {
                // PWT publishes TFP exactly where its inputs exist: so do we.
                assert!(
                    !defined[i],
                    "{name} defined for {country} {year} but not published"
                );
            }
        }
        eprintln!("PWT 10.01 {name}: {n} values reproduced, worst relative error {worst:.2e}");
        n
    };
    let n_r = check(
        "rtfpna",
        pwt.col("rtfpna"),
        &tfp.rtfpna,
        &tfp.rtfpna_defined,
        RTFPNA_TOLERANCE,
    );
    let n_c = check(
        "ctfp",
        pwt.col("ctfp"),
        &tfp.ctfp,
        &tfp.ctfp_defined,
        CTFP_TOLERANCE,
    );
    assert_eq!((n_r, n_c), (1263, 1263));
}

#[test]
fn vietnam_default_labour_share_is_the_peer_median() {
    let pwt = load_pwt();
    let mut means: Vec<f64> = nangsuat::vietnam::data::VIETNAM_LABOUR_SHARE_PEERS
        .iter()
        .map(|c| {
            let v: Vec<f64> = (0..pwt.year.len())
                .filter(|&i| pwt.countrycode[i] == *c && (2010..=2019).contains(&pwt.year[i]))
                .map(|i| pwt.col("labsh")[i])
                .collect();
            assert_eq!(v.len(), 10, "{c}");
            v.iter().sum::<f64>() / 10.0
        })
        .collect();
    means.sort_by(f64::total_cmp);
    let median = (means[2] + means[3]) / 2.0;
    assert!((median - 0.476).abs() < 5e-4, "{median}");
    assert_eq!(
        (median * 100.0).round() / 100.0,
        nangsuat::vietnam::data::VIETNAM_DEFAULT_LABOUR_SHARE
    );
}
