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
        "published/nsdp_sdmx/GDPVNM.xml",
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

    /// Multi-byte characters (a BOM, Vietnamese, a 4-byte symbol, a combining mark) inserted
    /// at any byte of a real file, sometimes with a stray byte that makes the file not UTF-8
    /// (so the readers fall back to a declared or guessed encoding): a reader that slices text
    /// at a byte offset next to an ASCII character it found must not land inside one.
    #[test]
    fn multibyte_chars_in_real_files(seed in 0usize..7, inserts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..5), 1..6), not_utf8 in any::<bool>()) {
        const CHARS: [&str; 5] = ["\u{feff}", "\u{1a1}", "\u{20ac}", "\u{1d11e}", "\u{301}"];
        let mut bytes = seeds()[seed].clone();
        if seed == 6 {
            bytes.truncate(4000); // the SDMX seed is long; its head has every kind of element
        }
        for (i, c) in inserts {
            // Half the time right after an ASCII delimiter (`=`, a quote, `(`, `,`, `:`…),
            // where readers look for what follows.
            let after: Vec<usize> = (1..=bytes.len())
                .filter(|&j| bytes[j - 1].is_ascii_punctuation())
                .collect();
            let at = if c % 2 == 0 && !after.is_empty() {
                after[i.index(after.len())]
            } else {
                i.index(bytes.len() + 1)
            };
            bytes.splice(at..at, CHARS[c].bytes());
        }
        if not_utf8 {
            bytes.push(0xFF);
        }
        check(&bytes);
    }

    #[test]
    fn text_like_px(lines in proptest::collection::vec("[A-Z\"(),=;. 0-9\\-\\[\\]a-z\n]{0,40}", 0..20)) {
        let text = lines.join("\n");
        check(text.as_bytes());
    }
}
