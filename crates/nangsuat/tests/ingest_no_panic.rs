//! No input makes a reader panic or hang: arbitrary bytes, and mutations of real files,
//! give a table or a typed error.

use nangsuat::ingest::{Format, ReadOptions, read_bytes};
use proptest::prelude::*;

const FORMATS: [Format; 7] = [
    Format::PcAxis,
    Format::JsonStat,
    Format::SdmxMl,
    Format::SdmxCsv,
    Format::Xlsx,
    Format::Xls,
    Format::Csv,
];

fn seeds() -> Vec<Vec<u8>> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    [
        "published/pcaxis/27067.px",
        "published/nso_jsonstat/E02.01.json",
        "published/jsonstat2/oecd.json",
        "published/gso_csv/vietnam-2020-average-population-by-province.csv",
        "ingest/keys_languages_cellnote.px",
        "ingest/contvariable.px",
    ]
    .iter()
    .map(|f| std::fs::read(format!("{dir}/{f}")).unwrap())
    .collect()
}

fn check(bytes: &[u8]) {
    for f in FORMATS {
        // Ok or Err, never a panic; a table never holds NaN.
        if let Ok(t) = read_bytes(bytes, &ReadOptions::default().format(f)) {
            for c in &t.cells {
                assert!(c.value.is_none_or(f64::is_finite));
                assert_eq!(
                    c.value.is_none(),
                    c.status.as_ref().is_some_and(|s| s.is_missing())
                );
                assert_eq!(c.coords.len(), t.dimensions.len());
            }
        }
    }
    let _ = read_bytes(bytes, &ReadOptions::default());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn mutated_real_files(seed in 0usize..6, cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), truncate in any::<prop::sample::Index>()) {
        let mut bytes = seeds()[seed].clone();
        for (i, b) in cuts {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        let keep = truncate.index(bytes.len() + 1);
        bytes.truncate(keep.max(bytes.len() / 2));
        check(&bytes);
    }

    #[test]
    fn text_like_px(lines in proptest::collection::vec("[A-Z\"(),=;. 0-9\\-\\[\\]a-z\n]{0,40}", 0..20)) {
        let text = lines.join("\n");
        check(text.as_bytes());
    }
}
