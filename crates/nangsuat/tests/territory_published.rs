//! Every territory label of the published NSO/GSO files in `tests/fixtures` resolves, and the
//! provinces add up to the region and country rows the same tables publish.

use nangsuat::vietnam::territory::{Catalogue, Territory, Vintage, check_sum};
use std::collections::BTreeSet;

const JSONSTAT: &[u8] = include_bytes!("fixtures/nso_E02.01.json");
const CSV: &str = include_str!("fixtures/gso_average_population_2020.csv");
const LABELS: &str = include_str!("fixtures/published_territory_labels.txt");

/// Counts nation, region and province rows; asserts each province appears once.
fn classify<'a>(
    labels: impl Iterator<Item = (usize, &'a str)>,
    file: &str,
) -> (usize, usize, usize) {
    let m = Catalogue::builtin().matcher(Vintage::Provinces63);
    let (mut nation, mut regions) = (0, 0);
    let mut provinces = BTreeSet::new();
    for (row, label) in labels {
        match m
            .resolve(label, file, row)
            .unwrap_or_else(|e| panic!("{e}"))
        {
            Territory::Nation(_) => nation += 1,
            Territory::Region(_) => regions += 1,
            Territory::Province(p) => assert!(provinces.insert(p.code.clone()), "{label} twice"),
            other => panic!("{label}: unexpected {other:?}"),
        }
    }
    (nation, regions, provinces.len())
}

fn jsonstat() -> serde_json::Value {
    // PX-Web ends the file with a NUL byte.
    let text = std::str::from_utf8(JSONSTAT)
        .unwrap()
        .trim_end_matches('\0');
    let bundle: serde_json::Value = serde_json::from_str(text).unwrap();
    bundle.as_object().unwrap().values().next().unwrap().clone()
}

#[test]
fn jsonstat_e02_01_labels_all_match() {
    let ds = jsonstat();
    let labels = ds["dimension"]["Cities, provincies"]["category"]["label"]
        .as_object()
        .unwrap();
    let rows = (0..labels.len()).map(|i| (i, labels[&i.to_string()].as_str().unwrap()));
    assert_eq!(classify(rows, "E02.01.json"), (1, 6, 63));
}

#[test]
fn workbook_labels_all_match() {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in LABELS.lines() {
        if line.starts_with("## ") {
            blocks.push(Vec::new());
        } else if let Some(label) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            blocks.last_mut().unwrap().push(label);
        }
    }
    assert_eq!(blocks.len(), 2);
    // NSO E02.58 XLSX: country, 6 regions and 63 provinces mixed (spelled "Hue", "Thai  Nguyen").
    let xlsx = blocks[0].iter().enumerate().map(|(i, l)| (i + 4, *l));
    assert_eq!(
        classify(xlsx, "24_labour_productivity_by_province_2018_2024.xlsx"),
        (1, 6, 63)
    );
    // GSO monthly workbook: Vietnamese, trailing spaces, "Thừa Thiên - Huế", "TP. Hồ Chí Minh".
    let monthly = blocks[1].iter().enumerate().map(|(i, l)| (i + 9, *l));
    assert_eq!(
        classify(monthly, "2024-12-29-02.Bieu-T12.2024.xlsx"),
        (1, 0, 63)
    );
}

/// Average population 2020 (thousand persons) from the CSV: (label, value) rows.
fn csv_rows() -> Vec<(String, f64)> {
    let mut reader = csv::Reader::from_reader(CSV.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].parse().unwrap())
        })
        .collect()
}

#[test]
fn csv_provinces_add_up_to_the_published_region_and_country_rows() {
    let rows = csv_rows();
    let labels = rows.iter().enumerate().map(|(i, r)| (i + 2, r.0.as_str()));
    assert_eq!(
        classify(labels, "vietnam-2020-average-population-by-province.csv"),
        (1, 6, 63)
    );
    let m = Catalogue::builtin().matcher(Vintage::Provinces63);
    let mut values = Vec::new();
    let mut published = Vec::new();
    for (label, value) in &rows {
        match m.find(label).unwrap() {
            Territory::Province(p) => values.push((p.code.as_str(), *value)),
            t => published.push((t.id().to_string(), *value)),
        }
    }
    let sums = Catalogue::builtin().aggregate_to_regions(&values).unwrap();
    assert_eq!(published.len(), 7);
    for (id, total) in &published {
        let s = sums.iter().find(|s| &s.unit == id).unwrap();
        let n = if id == "viet_nam" {
            63
        } else {
            Catalogue::builtin().region_members(id).len()
        };
        // Every cell is rounded to 0.1: the parts may differ from the total by 0.05 each, + 0.05.
        let check = check_sum(&[s.value.unwrap()], *total, 0.05 * (n as f64 + 1.0));
        assert!(check.within, "{id}: sum {} vs published {total}", check.sum);
    }
    // The 34 units of 2025 cover the same population.
    let units = Catalogue::builtin().aggregate_to_2025(&values).unwrap();
    let parts: Vec<f64> = units.iter().map(|u| u.value.unwrap()).collect();
    assert!(check_sum(&parts, 97_582.70, 0.05 * 64.0).within);
    let hcm = units
        .iter()
        .find(|u| u.unit == "ho_chi_minh_2025")
        .unwrap()
        .value
        .unwrap();
    let by = |name: &str| rows.iter().find(|r| r.0 == name).unwrap().1;
    assert!(
        (hcm - (by("Ho Chi Minh city") + by("Binh  Duong") + by("Ba Ria - Vung Tau"))).abs() < 1e-9
    );
}

#[test]
fn jsonstat_population_adds_up_every_year() {
    // Average population (item 1), every year 2011-2024: provinces vs region and country rows.
    let ds = jsonstat();
    let dim = &ds["dimension"];
    let size: Vec<usize> = dim["size"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    assert_eq!(size, vec![70, 14, 3]);
    let labels = dim["Cities, provincies"]["category"]["label"]
        .as_object()
        .unwrap();
    let value = |area: usize, year: usize, item: usize| {
        ds["value"][(area * size[1] + year) * size[2] + item].as_f64()
    };
    let m = Catalogue::builtin().matcher(Vintage::Provinces63);
    let mut checked = 0;
    for year in 0..size[1] {
        let mut values = Vec::new();
        let mut published = Vec::new();
        for area in 0..size[0] {
            let label = labels[&area.to_string()].as_str().unwrap();
            let Some(v) = value(area, year, 1) else {
                continue;
            };
            match m.find(label).unwrap() {
                Territory::Province(p) => values.push((p.code.as_str(), v)),
                t => published.push((t.id().to_string(), v)),
            }
        }
        let sums = Catalogue::builtin().aggregate_to_regions(&values).unwrap();
        for (id, total) in published {
            let Some(sum) = sums.iter().find(|s| s.unit == id).and_then(|s| s.value) else {
                continue;
            };
            let n = if id == "viet_nam" {
                63.0
            } else {
                Catalogue::builtin().region_members(&id).len() as f64
            };
            // Values are printed with at most two decimals (thousand persons).
            let check = check_sum(&[sum], total, 0.05 * (n + 1.0));
            assert!(
                check.within,
                "year index {year}, {id}: {} vs {total}",
                check.sum
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 14 * 7);
}
