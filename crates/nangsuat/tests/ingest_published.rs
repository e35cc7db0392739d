//! Every file in `tests/fixtures/published/` (byte-for-byte copies of `shared/data/published`,
//! see its README for sources and quirks) read through the public API: cell counts, values
//! and every missing symbol checked against the file's own text.

// Values are copied verbatim from the files, digits and all.
#![allow(clippy::excessive_precision)]

use nangsuat::ingest::{
    Format, Frequency, MissingKind, Period, ReadOptions, Role, Status, Table, read_path,
};

fn read(rel: &str) -> Table {
    read_with(rel, ReadOptions::default())
}

fn read_with(rel: &str, options: ReadOptions) -> Table {
    let path = format!(
        "{}/tests/fixtures/published/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    read_path(&path, &options).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap_or_else(|| panic!("no value where {b} was expected"));
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

/// Nordic Statistics NAAC01: iso-8859-15, 1,445 quoted `".."` cells, TIMEVAL TLIST(A1).
#[test]
fn pcaxis_nordic_naac01() {
    let t = read("pcaxis/NAAC01_20230728-205316.px");
    assert_eq!(t.metadata.format, Some(Format::PcAxis));
    assert_eq!(t.metadata.table_id.as_deref(), Some("NAAC01"));
    assert_eq!(t.metadata.language.as_deref(), Some("en"));
    assert!(t.metadata.warnings.is_empty(), "{:?}", t.metadata.warnings);
    // 10 countries × 8 indicators × 3 units × 28 years.
    assert_eq!(t.cells.len(), 10 * 8 * 3 * 28);
    let sizes: Vec<usize> = t.dimensions.iter().map(|d| d.categories.len()).collect();
    assert_eq!(sizes, [10, 8, 3, 28]);
    // The file's own count of `".."`.
    assert_eq!(t.missing_count(), 1445);
    for c in t.cells.iter().filter(|c| c.value.is_none()) {
        assert_eq!(c.symbol.as_deref(), Some(".."));
        assert_eq!(c.status, Some(Status::Missing(MissingKind::NotAvailable)));
    }
    // iso-8859-15 decoded: Åland.
    assert_eq!(t.dimensions[0].categories[4].label, "Åland");
    assert_eq!(t.dimensions[0].categories[4].code, "AX");
    let time = &t.dimensions[3];
    assert_eq!(time.role, Role::Time);
    assert_eq!(time.categories[0].period, Some(Period::year(1995)));
    for (codes, v) in [
        (["DK", "B1GQ", "CPMEUR", "1995"], 141441.40),
        (["DK", "B1GQ", "CPMEUR", "2022"], 375241.10),
        (["DK", "B1GQ", "CLV10MEUR", "1995"], 194141.20),
        (["DK", "P3", "CPMEUR", "2011"], 184617.30),
        (["FO", "P3S13", "PCGDP", "2015"], 28.26),
        (["FI", "P3S13", "PCGDP", "2016"], 23.70),
        (["IS", "P7", "CLV10MEUR", "2018"], 7717.10),
        (["SE", "P3S13", "CLV10MEUR", "2011"], 94608.70),
        (["EU", "P7", "PCGDP", "2022"], 54.30),
    ] {
        close(t.value(&codes), v);
    }
    let c = t.cell(&["DK", "P52", "CLV10MEUR", "1996"]).unwrap();
    assert_eq!((c.value, c.symbol.as_deref()), (None, Some("..")));
    assert_eq!(c.location, "DATA value 450 (line 71)");
    // VALUENOTE onto categories; a NOTE split over quoted lines.
    let greenland = &t.dimensions[0].categories[2];
    assert_eq!(
        greenland.note.as_deref(),
        Some("Preliminary figures: 2019 and 2020.")
    );
    assert!(t.metadata.notes[0].starts_with("Data is compiled according to the European System"));
    assert!(
        t.metadata
            .source
            .as_deref()
            .unwrap()
            .contains("statbank.hagstova.fo/pxweb/en/H2/")
    );
}

/// INE Spain 27067: CRLF, CODEPAGE late in the header, a NOTE split mid-word, quoted `"."`
/// and `".."`, periods in reverse order, no TIMEVAL, PRECISION.
#[test]
fn pcaxis_ine_27067() {
    let t = read("pcaxis/27067.px");
    assert_eq!(t.cells.len(), 29 * 4 * 7);
    assert_eq!(t.missing_count(), 208 + 252);
    let dots = t
        .cells
        .iter()
        .filter(|c| c.symbol.as_deref() == Some("."))
        .count();
    let two = t
        .cells
        .iter()
        .filter(|c| c.symbol.as_deref() == Some(".."))
        .count();
    assert_eq!((dots, two), (252, 208));
    for c in t.cells.iter().filter(|c| c.symbol.as_deref() == Some(".")) {
        assert_eq!(c.status, Some(Status::Missing(MissingKind::NotApplicable)));
    }
    assert_eq!(
        t.metadata.title.as_deref(),
        Some("Índices nacionales y por comunidad autónoma de divisiones.")
    );
    // The note continued mid-word: "cub" + "ierta".
    assert!(
        t.metadata.notes[0].contains("no está cubierta en el IPRI"),
        "{:?}",
        t.metadata.notes
    );
    let per = &t.dimensions[3];
    assert_eq!(per.role, Role::Time);
    assert_eq!(per.categories[0].period, Period::month(2018, 12));
    assert_eq!(per.categories[6].period, Period::month(2018, 6));
    assert_eq!(
        per.categories[6].period.unwrap().frequency,
        Frequency::Monthly
    );
    assert_eq!(t.dimensions[2].categories[0].decimals, Some(3));
    let cab = "CA06";
    let d23 = "23 Fabricación de otros productos minerales no metálicos";
    close(t.value(&[cab, d23, "Índice", "2018M11"]), 101.516);
    close(t.value(&[cab, d23, "Índice", "2018M10"]), 100.701);
    close(
        t.value(&[
            cab,
            "24 Metalurgia; fabricación de productos de hierro, acero y ferroaleaciones",
            "Variación en lo que va de año",
            "2018M09",
        ]),
        9.3,
    );
    close(
        t.value(&[
            cab,
            "22 Fabricación de productos de caucho y plásticos",
            "Índice",
            "2018M12",
        ]),
        105.854,
    );
    let c = t
        .cell(&[
            cab,
            "32 Otras industrias manufactureras",
            "Índice",
            "2018M12",
        ])
        .unwrap();
    assert_eq!(c.symbol.as_deref(), Some("."));
    let c = t
        .cell(&[cab, "11 Fabricación de bebidas", "Índice", "2018M12"])
        .unwrap();
    assert_eq!(c.symbol.as_deref(), Some("."));
}

/// NSO Viet Nam PX-Web JSON-stat 1.x bundle: positional keys, trailing NUL, placeholder date.
#[test]
fn jsonstat_nso_bundle() {
    let t = read("nso_jsonstat/E02.01.json");
    assert_eq!(t.cells.len(), 70 * 14 * 3);
    assert_eq!(t.missing_count(), 0);
    assert_eq!(t.metadata.last_updated, None);
    assert!(t.metadata.warnings[0].contains("9999-12-31T16:59:59Z"));
    let prov = &t.dimensions[0];
    assert_eq!(prov.categories[0].label, " WHOLE COUNTRY");
    assert_eq!(prov.categories[20].label, "Thai  Nguyen");
    assert_eq!(t.dimensions[1].role, Role::Time);
    assert_eq!(
        t.dimensions[1].categories[13].period,
        Some(Period::year(2024))
    );
    // Codes are positions ("0", "1", …); values checked against the file.
    close(t.value(&["0", "0", "0"]), 330957.6);
    close(t.value(&["0", "0", "1"]), 88145.825);
    close(t.value(&["0", "0", "2"]), 266.335702821147);
    close(t.value(&["2", "5", "1"]), 7590.8); // Ha Noi, 2016, average population
    close(t.value(&["69", "13", "2"]), 229.783998892788); // Ca Mau, 2024, density
    close(t.value(&["20", "9", "1"]), 1307.87065007383); // Thai  Nguyen, 2020
}

/// json-stat.org's OECD sample: JSON-stat 2.0, `status` an object keyed by position.
#[test]
fn jsonstat2_oecd() {
    let t = read("jsonstat2/oecd.json");
    assert_eq!(t.cells.len(), 36 * 12);
    assert_eq!(t.metadata.last_updated.as_deref(), Some("2012-11-27"));
    assert_eq!(t.dimensions[0].categories[0].unit.as_deref(), Some("%"));
    assert_eq!(t.dimensions[1].role, Role::Geo);
    assert_eq!(t.dimensions[2].role, Role::Time);
    let estimates = t
        .cells
        .iter()
        .filter(|c| c.status == Some(Status::Estimate))
        .count();
    assert_eq!(estimates, 72);
    close(t.value(&["UNR", "AU", "2003"]), 5.943826289);
    close(t.value(&["UNR", "CZ", "2006"]), 7.142271671);
    close(t.value(&["UNR", "OECD", "2013"]), 8.15379125);
    let c = t.cell(&["UNR", "OECD", "2014"]).unwrap();
    close(c.value, 8.004598637);
    assert_eq!(
        (c.status.clone(), c.symbol.as_deref()),
        (Some(Status::Estimate), Some("e"))
    );
    assert_eq!(t.cell(&["UNR", "AU", "2003"]).unwrap().status, None);
}

/// GSO NSDP SDMX-ML 2.1 structure-specific (IMF ECOFIN DSD), one line, quarters.
#[test]
fn sdmx_nsdp_gdp() {
    let t = read("nsdp_sdmx/GDPVNM.xml");
    assert_eq!(t.cells.len(), 5818);
    assert_eq!(t.missing_count(), 0);
    let ids: Vec<&str> = t.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "DATA_DOMAIN",
            "REF_AREA",
            "INDICATOR",
            "COUNTERPART_AREA",
            "FREQ",
            "TIME_PERIOD"
        ]
    );
    let key = |ind: &str, freq: &str, time: &str| -> Vec<String> {
        ["NAG", "VN", ind, "_Z", freq, time]
            .map(String::from)
            .to_vec()
    };
    let v = |ind: &str, freq: &str, time: &str| {
        let k = key(ind, freq, time);
        let refs: Vec<&str> = k.iter().map(String::as_str).collect();
        t.value(&refs)
    };
    close(v("NGDP_XDC", "A", "2004"), 779337.6704454578);
    close(v("NGDP_XDC", "A", "2003"), 613443.0256831826);
    close(v("NGDP_R_XDC", "A", "2022"), 5545715.929079668);
    // The published error, read as published.
    close(v("NGDP_R_XDC", "A", "2023"), -4900.9833140436094);
    close(v("NGDP_R_PA_XDC", "A", "2023"), 5830724.9477942642);
    close(v("NGDP_R_PA_XDC", "Q", "2010-Q1"), 672310.83055942121);
    close(v("NGDP_R_PA_XDC", "Q", "2024-Q3"), 1561963.0887278125);
    close(v("NGDP_PA_XDC", "Q", "2010-Q2"), 667213.4373593635);
    let k = key("NGDP_R_XDC", "A", "2023");
    let refs: Vec<&str> = k.iter().map(String::as_str).collect();
    let c = t.cell(&refs).unwrap();
    assert_eq!(c.unit_multiplier, Some(9));
    assert_eq!(c.note.as_deref(), Some("BASE_PER=2010"));
    let time = &t.dimensions[5];
    assert_eq!(time.role, Role::Time);
    assert_eq!(
        time.categories.last().unwrap().period,
        Period::quarter(2024, 3)
    );
    // Periods sorted: annual before quarterly of the same year? By (year, frequency, sub).
    assert!(
        time.categories
            .windows(2)
            .all(|w| w[0].period <= w[1].period)
    );
}

/// GSO PX-Web CSV: CRLF, every field quoted, a header combining year and indicator.
#[test]
fn csv_gso_population() {
    let t = read("gso_csv/vietnam-2020-average-population-by-province.csv");
    assert_eq!(t.cells.len(), 70);
    let time = t.time_dimension().unwrap();
    assert_eq!(t.dimensions[time].categories[0].label, "2020 (*)");
    assert_eq!(
        t.dimensions[time].categories[0].period,
        Some(Period::year(2020))
    );
    let ind = &t.dimensions[2];
    assert_eq!(ind.categories[0].label, "Average population (Thous. pers.)");
    assert_eq!(ind.categories[0].unit.as_deref(), Some("Thous. pers."));
    let ap = "Average population (Thous. pers.)";
    close(t.value(&["WHOLE COUNTRY", "2020", ap]), 97582.70);
    close(t.value(&["Ha Noi", "2020", ap]), 8246.60);
    close(t.value(&["Red River Delta", "2020", ap]), 22920.20);
    close(t.value(&["Cao Bang", "2020", ap]), 533.10);
    assert_eq!(t.cells[2].location, "line 4, column 2");
}

/// NSO PX-Web XLSX export: `x:`-prefixed XML, BOM, title row, "Prel. 2024".
#[test]
fn xlsx_nso_labour_productivity() {
    let t = read("nso_xlsx/24_labour_productivity_by_province_2018_2024.xlsx");
    assert_eq!(t.metadata.format, Some(Format::Xlsx));
    assert_eq!(
        t.metadata.title.as_deref(),
        Some("Labour productivity by province by Cities, provincies and Year")
    );
    assert_eq!(t.cells.len(), 70 * 7);
    assert_eq!(t.missing_count(), 0);
    let time = &t.dimensions[1];
    assert_eq!(time.role, Role::Time);
    let prel = &time.categories[6];
    assert_eq!(prel.label, "Prel. 2024");
    assert_eq!(
        (prel.period, prel.status.clone()),
        (Some(Period::year(2024)), Some(Status::Preliminary))
    );
    close(t.value(&["WHOLE COUNTRY", "2018"]), 129.12);
    close(t.value(&["WHOLE COUNTRY", "Prel. 2024"]), 221.95);
    close(t.value(&["Ha Noi", "2021"]), 278.43);
    close(t.value(&["Ha Noi", "Prel. 2024"]), 345.63);
    close(t.value(&["Quang Ninh", "2023"]), 438.65);
    close(t.value(&["Cao Bang", "2021"]), 123.57);
    close(t.value(&["Thai Nguyen", "2018"]), 145.64); // "Thai  Nguyen" in the file
    let c = t.cell(&["Ha Noi", "Prel. 2024"]).unwrap();
    assert_eq!(c.location, "E02.58!H6");
    assert_eq!(t.effective_status(c), Some(&Status::Preliminary));
}

/// GSO monthly "Biểu số liệu", December 2024: merged multi-row headers, units in a corner
/// cell and inside the data, a hidden sheet, labels with line breaks.
#[test]
fn xlsx_gso_monthly_workbook() {
    let file = "gso_monthly_xlsx/2024-12-29-02.Bieu-T12.2024.xlsx";
    // The first visible sheet (the first, 6NN, is hidden).
    let first = read(file);
    assert_eq!(first.metadata.table_id.as_deref(), Some("1.GDP HH"));
    assert!(first.metadata.warnings.iter().any(|w| w.contains("6NN")));

    let gdp = read_with(file, ReadOptions::default().sheet("2. GDP SS"));
    assert_eq!(gdp.metadata.unit.as_deref(), Some("Tỷ đồng"));
    assert_eq!(
        gdp.metadata.title.as_deref(),
        Some("2. Tổng sản phẩm trong nước theo giá so sánh 2010")
    );
    let cols = &gdp.dimensions[1].categories;
    assert_eq!(cols.len(), 6);
    assert_eq!(cols[0].label, "Sơ bộ quý III năm 2024");
    assert_eq!(
        (cols[0].period, cols[0].status.clone()),
        (Period::quarter(2024, 3), Some(Status::Preliminary))
    );
    assert_eq!(cols[1].label, "Ước tính quý IV năm 2024");
    assert_eq!(
        (cols[1].period, cols[1].status.clone()),
        (Period::quarter(2024, 4), Some(Status::Estimate))
    );
    assert_eq!(cols[2].period, Some(Period::year(2024)));
    // The merged "So với cùng kỳ năm trước (%)" spans F:G.
    assert_eq!(
        cols[3].label,
        "So với cùng kỳ năm trước (%) Quý III năm 2024"
    );
    assert_eq!(
        cols[4].label,
        "So với cùng kỳ năm trước (%) Quý IV năm 2024"
    );
    assert_eq!(gdp.cells.len(), 28 * 6);
    close(
        gdp.value(&["TỔNG SỐ", "Sơ bộ quý III năm 2024"]),
        1567922.6179313809,
    );
    close(
        gdp.value(&["TỔNG SỐ", "Ước tính quý IV năm 2024"]),
        1773651.8212343655,
    );
    close(
        gdp.value(&["TỔNG SỐ", "Cộng dồn cả năm 2024"]),
        6269209.955681868,
    );
    close(
        gdp.value(&["Công nghiệp chế biến, chế tạo", "Sơ bộ quý III năm 2024"]),
        381448.1748422024,
    );
    // A label with a line break inside, joined.
    close(
        gdp.value(&[
            "Sản xuất và phân phối điện, khí đốt, nước nóng, hơi nước và điều hòa không khí",
            "Sơ bộ quý III năm 2024",
        ]),
        56758.73249522532,
    );

    let inv = read_with(file, ReadOptions::default().sheet("22.VĐT"));
    assert_eq!(inv.metadata.unit.as_deref(), Some("Nghìn tỷ đồng"));
    close(inv.value(&["TỔNG SỐ", "Năm 2024"]), 3692.125150663548);
    close(
        inv.value(&[
            "Vốn đầu tư trực tiếp nước ngoài",
            "Ước tính quý IV năm 2024",
        ]),
        193.02528,
    );

    let lab = read_with(file, ReadOptions::default().sheet("47.Laodong"));
    assert_eq!(lab.metadata.unit.as_deref(), Some("Nghìn người"));
    let time = &lab.dimensions[1];
    assert_eq!(time.role, Role::Time);
    assert_eq!(time.categories[4].label, "Ước tính năm 2024");
    close(
        lab.value(&["Lao động có việc làm [A16]", "Ước tính năm 2024"]),
        51872.110782854455,
    );
    close(
        lab.value(&["Lao động có việc làm [A16]", "Quý II năm 2024"]),
        51449.56331904449,
    );
    // The structure section below "Cơ cấu - %" has its own unit.
    let c = lab.cell(&["Nam [A25]", "Ước tính năm 2024"]).unwrap();
    close(c.value, 53.355399614338225);
    assert_eq!(c.unit.as_deref(), Some("Cơ cấu - %"));
    let c = lab.cell(&["Nam [A11]", "Ước tính năm 2024"]).unwrap();
    assert_eq!(c.unit, None);
    assert_eq!(lab.effective_unit(c), Some("Nghìn người"));
    // Rows with a label and no number (group headings) carry no cells.
    assert!(
        lab.dimensions[0]
            .categories
            .iter()
            .all(|c| !c.label.starts_with("Phân theo"))
    );
}

#[test]
fn unknown_sheet_lists_the_sheets() {
    let path = format!(
        "{}/tests/fixtures/published/gso_monthly_xlsx/2024-12-29-02.Bieu-T12.2024.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let e = read_path(&path, &ReadOptions::default().sheet("99. Không có")).unwrap_err();
    let m = e.to_string();
    assert!(
        m.contains("no sheet `99. Không có`") && m.contains("`6NN` (hidden)"),
        "{m}"
    );
}
