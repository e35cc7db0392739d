//! Hand-written files for the quirks the published samples do not show (README of
//! `shared/data/published`, last paragraph): PX with KEYS, LANGUAGES, CELLNOTE, utf-8, a
//! CODEPAGE that does not match the bytes, CONTVARIABLE; JSON-stat 2.0 status arrays; SDMX
//! generic data and SDMX-CSV with NSO's dirty values; TCVN3 text in CSV and workbooks.

use nangsuat::ErrorKind;
use nangsuat::ingest::{
    Format, MissingKind, Period, ReadOptions, Role, Status, read_bytes, read_path,
};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/ingest/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn px_keys_languages_cellnotes_default_language() {
    let t = read_path(
        fixture("keys_languages_cellnote.px"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.metadata.language.as_deref(), Some("vi"));
    assert_eq!(t.metadata.languages, ["vi", "en"]);
    assert_eq!(
        t.metadata.title.as_deref(),
        Some("Năng suất lao động theo tỉnh")
    );
    assert_eq!(t.metadata.unit.as_deref(), Some("Triệu đồng/lao động"));
    // KEYS: 4 data lines × 3 years; the two absent stub rows are absent, not invented.
    assert_eq!(t.cells.len(), 12);
    assert!(t.cell(&["38", "Tăng trưởng", "2022"]).is_none());
    assert_eq!(t.value(&["01", "Giá hiện hành", "2024"]), Some(345.63));
    assert_eq!(t.value(&["38", "Giá hiện hành", "2024"]), Some(131.9));
    // Two DATASYMBOLs spelled alike: both present as "..", meaning from the text.
    let c = t.cell(&["38", "Giá hiện hành", "2023"]).unwrap();
    assert_eq!((c.value, c.symbol.as_deref()), (None, Some("..")));
    let c = t.cell(&["01", "Tăng trưởng", "2024"]).unwrap();
    assert_eq!((c.value, c.symbol.as_deref()), (None, Some("..")));
    assert_eq!(c.status, Some(Status::Missing(MissingKind::NotAvailable)));
    let c = t.cell(&["22", "Tăng trưởng", "2022"]).unwrap();
    assert_eq!(c.status, Some(Status::Missing(MissingKind::Nil)));
    // TIMEVAL gives periods; the label "Sơ bộ 2024" gives the status.
    let year = &t.dimensions[2];
    assert_eq!(year.role, Role::Time);
    assert_eq!(year.categories[2].period, Some(Period::year(2024)));
    assert_eq!(year.categories[2].status, Some(Status::Preliminary));
    let c = t.cell(&["38", "Giá hiện hành", "2024"]).unwrap();
    assert_eq!(t.effective_status(c), Some(&Status::Preliminary));
    // CELLNOTE with a wildcard; CELLNOTEX on one cell.
    assert_eq!(c.note.as_deref(), Some("Số liệu sơ bộ của Cục Thống kê"));
    let c = t.cell(&["01", "Giá hiện hành", "2022"]).unwrap();
    assert_eq!(c.note.as_deref(), Some("Đã điều chỉnh"));
    assert!(t.metadata.warnings.is_empty(), "{:?}", t.metadata.warnings);
}

#[test]
fn px_second_language() {
    let t = read_path(
        fixture("keys_languages_cellnote.px"),
        &ReadOptions::default().language("en"),
    )
    .unwrap();
    assert_eq!(t.metadata.language.as_deref(), Some("en"));
    assert_eq!(
        t.metadata.title.as_deref(),
        Some("Labour productivity by province")
    );
    assert_eq!(t.dimensions[0].label, "Province");
    assert_eq!(t.dimensions[0].categories[1].label, "Thanh Hoa");
    assert_eq!(t.dimensions[2].categories[2].label, "Prel. 2024");
    assert_eq!(
        t.dimensions[2].categories[2].status,
        Some(Status::Preliminary)
    );
    // KEYS lines carry the default language's values; they still match.
    assert_eq!(t.value(&["01", "Current prices", "2024"]), Some(345.63));
    let c = t.cell(&["38", "Current prices", "2024"]).unwrap();
    assert_eq!(
        c.note.as_deref(),
        Some("Preliminary figures of the provincial office")
    );
    // The untranslated CELLNOTEX still lands on its cell.
    let c = t.cell(&["01", "Current prices", "2022"]).unwrap();
    assert_eq!(c.note.as_deref(), Some("Đã điều chỉnh"));
    let e = read_path(
        fixture("keys_languages_cellnote.px"),
        &ReadOptions::default().language("fr"),
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
    assert!(e.to_string().contains("vi, en"), "{e}");
}

#[test]
fn px_codepage_that_does_not_match_the_bytes() {
    // Declares iso-8859-1, bytes are UTF-8: read as UTF-8, with a warning, no mojibake.
    let t = read_path(
        fixture("codepage_says_latin1_bytes_utf8.px"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.metadata.title.as_deref(), Some("Giá trị sản xuất"));
    assert_eq!(t.dimensions[0].categories[1].label, "Đà Nẵng");
    assert!(
        t.metadata.warnings[0].contains("bytes are UTF-8"),
        "{:?}",
        t.metadata.warnings
    );
    // Declares utf-8, bytes are Latin-1: read as windows-1252, with a warning naming the line.
    let t = read_path(
        fixture("codepage_says_utf8_bytes_latin1.px"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.metadata.title.as_deref(), Some("São Paulo"));
    assert_eq!(t.dimensions[0].categories[1].label, "Brasília");
    assert!(
        t.metadata.warnings[0].contains("line 3"),
        "{:?}",
        t.metadata.warnings
    );
    let c = &t.cells[1];
    assert_eq!((c.value, c.symbol.as_deref()), (None, Some(".")));
}

#[test]
fn px_contvariable_units_and_quarters() {
    let t = read_path(fixture("contvariable.px"), &ReadOptions::default()).unwrap();
    let contents = &t.dimensions[0];
    assert_eq!(contents.role, Role::Metric);
    assert_eq!(contents.categories[0].unit.as_deref(), Some("billion VND"));
    assert_eq!(
        contents.categories[1].unit.as_deref(),
        Some("thousand persons")
    );
    assert_eq!(contents.categories[0].decimals, Some(1));
    assert_eq!(
        contents.categories[0].note.as_deref(),
        Some("At constant 2010 prices.")
    );
    assert_eq!(
        t.dimensions[1].note.as_deref(),
        Some("Quarters are calendar quarters.")
    );
    assert_eq!(
        t.dimensions[1].categories[1].period,
        Period::quarter(2024, 2)
    );
    assert_eq!(t.metadata.last_updated.as_deref(), Some("20240715 09:00"));
    let c = t.cell(&["Employment", "2024-Q2"]).unwrap();
    assert_eq!(t.effective_unit(c), Some("thousand persons"));
    assert_eq!(c.value, Some(51449.56));
}

#[test]
fn px_errors_name_file_line_and_expectation() {
    let opts = ReadOptions::default().name("bad.px");
    let e = read_bytes(
        b"STUB=\"a\";\nVALUES(\"a\")=\"x\";\nCODES(\"a\")=\"1\",\"2\";\nDATA=1;",
        &opts.clone().format(Format::PcAxis),
    )
    .unwrap_err();
    let m = e.to_string();
    assert!(
        m.contains("bad.px") && m.contains("line 3") && m.contains("2 codes"),
        "{m}"
    );
    let e = read_bytes(
        b"STUB=\"a\";\nDATA=1;",
        &opts.clone().format(Format::PcAxis),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no VALUES(\"a\")"), "{e}");
    let e = read_bytes(
        b"STUB=\"a\";\nVALUES(\"a\")=\"x\";\nKEYS(\"a\")=VALUES;\nDATA=\n\"y\",1;",
        &opts.clone().format(Format::PcAxis),
    )
    .unwrap_err();
    assert!(e.to_string().contains("`y` is not among the VALUES"), "{e}");
}

#[test]
fn jsonstat2_status_one_element_array_means_all() {
    let j = br#"{"version":"2.0","class":"dataset","label":"t","id":["geo","time"],"size":[1,3],
        "role":{"time":["time"],"geo":["geo"]},
        "dimension":{"geo":{"category":{"index":["VN"]}},
                     "time":{"category":{"index":["2024Q1","2024Q2","2024Q3"]}}},
        "value":{"0":1.5,"2":"519.4sb"},"status":["p"]}"#;
    let t = read_bytes(j, &ReadOptions::default()).unwrap();
    // Position 1 has a status and no value: a missing cell; 0 and 2 are preliminary.
    assert_eq!(t.cells.len(), 3);
    assert_eq!(t.cells[0].status, Some(Status::Preliminary));
    assert_eq!(t.cells[1].value, None);
    assert_eq!(t.cells[2].value, Some(519.4));
    assert_eq!(t.cells[2].symbol.as_deref(), Some("sb"));
    assert_eq!(
        t.dimensions[1].categories[2].period,
        Period::quarter(2024, 3)
    );
}

#[test]
fn sdmx_structure_specific_dirty_nso_values() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<msg:StructureSpecificData xmlns:msg=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">\
<msg:Header><msg:Prepared>2025-01-06T00:00:00</msg:Prepared></msg:Header>\
<msg:DataSet><Series FREQ=\"A\" REF_AREA=\"VN\" INDICATOR=\"LE_PE_NUM\" UNIT_MULT=\"3\">\
<Obs TIME_PERIOD=\"2022\" OBS_VALUE=\"50 604.7\"/>\
<Obs TIME_PERIOD=\"2023\" OBS_VALUE=\"51 286.5\" OBS_STATUS=\"P\"/>\
<Obs TIME_PERIOD=\"2024\" OBS_VALUE=\"519.4sb\"/>\
<Obs TIME_PERIOD=\"2021\" OBS_VALUE=\"na\"/>\
<Obs TIME_PERIOD=\"2020\" OBS_VALUE=\"n/a?\"/>\
</Series></msg:DataSet></msg:StructureSpecificData>";
    let t = read_bytes(xml.as_bytes(), &ReadOptions::default()).unwrap();
    assert_eq!(t.metadata.format, Some(Format::SdmxMl));
    assert_eq!(t.value(&["A", "VN", "LE_PE_NUM", "2022"]), Some(50604.7));
    let c = t.cell(&["A", "VN", "LE_PE_NUM", "2023"]).unwrap();
    assert_eq!(
        (c.value, c.status.clone()),
        (Some(51286.5), Some(Status::Preliminary))
    );
    let c = t.cell(&["A", "VN", "LE_PE_NUM", "2024"]).unwrap();
    assert_eq!(
        (c.value, c.status.clone(), c.symbol.as_deref()),
        (Some(519.4), Some(Status::Preliminary), Some("sb"))
    );
    let c = t.cell(&["A", "VN", "LE_PE_NUM", "2021"]).unwrap();
    assert_eq!((c.value, c.symbol.as_deref()), (None, Some("na")));
    let c = t.cell(&["A", "VN", "LE_PE_NUM", "2020"]).unwrap();
    assert_eq!(c.status, Some(Status::Missing(MissingKind::Unreadable)));
    assert_eq!(c.symbol.as_deref(), Some("n/a?"));
    assert_eq!(c.unit_multiplier, Some(3));
    // Sorted by period.
    assert_eq!(t.dimensions[3].categories[0].code, "2020");
}

#[test]
fn tcvn3_csv_labels_converted() {
    // A legacy GSO CSV: labels typed in .VnTime (TCVN3), saved as Windows-1252 bytes.
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"\"Ch\xd8 ti\xaau\",\"2022\",\"2023\"\r\n");
    bytes.extend_from_slice(b"\"Gi\xb8 tr\xde s\xb6n xu\xcat\",\"1 234,5\",\"1 300,2\"\r\n");
    let t = read_bytes(&bytes, &ReadOptions::default().format(Format::Csv)).unwrap();
    assert_eq!(t.dimensions[0].id, "Chỉ tiêu");
    assert_eq!(t.dimensions[0].categories[0].label, "Giá trị sản xuất");
    assert_eq!(t.value(&["Giá trị sản xuất", "2023"]), Some(1300.2));
    assert!(t.metadata.warnings.iter().any(|w| w.contains("TCVN3")));
}

#[test]
fn two_values_for_one_cell_are_an_error_naming_both() {
    // Found by the sdmx_csv and csv_table fuzz targets: the second value was kept beside the
    // first, and `Table::value` answered whichever came first.
    let sdmx = b"DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\nX,VN,2023,1\nX,VN,2023,2\n";
    let e = read_bytes(sdmx, &ReadOptions::default().name("gdp.csv")).unwrap_err();
    let m = e.to_string();
    assert!(m.contains("gdp.csv") && m.contains("VN, 2023"), "{m}");
    assert!(m.contains("line 2") && m.contains("line 3"), "{m}");
    let pxweb = b"\"region\",\"2023\"\n\"North\",1\n\"North\",2\n";
    let e = read_bytes(pxweb, &ReadOptions::default().format(Format::Csv)).unwrap_err();
    assert!(
        e.to_string().contains("two values for the same cell"),
        "{e}"
    );
}
