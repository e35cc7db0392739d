//! `nangsuat shift-share`, `index`, `capital` and `scenario` (issue 16): the worked examples of
//! METHODS §4, §5 and §8, the PPI Manual's chapter 19 tables, components summing to totals in
//! the output, what it takes inverted back through the library, and every error path.

use assert_cmd::Command;
use nangsuat::monitoring::feasibility::Scenario;
use nangsuat::monitoring::requirement::Assumption;
use predicates::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

type Row = HashMap<String, String>;

fn nangsuat() -> Command {
    let mut c = Command::cargo_bin("nangsuat").expect("binary built");
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    c
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("temp file");
    p
}

/// Runs a command that must succeed and returns its CSV rows.
fn rows(c: &mut Command) -> Vec<Row> {
    let out = c.assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            h.iter()
                .zip(rec.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn num(row: &Row, k: &str) -> f64 {
    row[k]
        .parse()
        .unwrap_or_else(|_| panic!("{k} = {:?} in {row:?}", row[k]))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Sums `column` over the rows of `kind` for one comparison.
fn sum(rows: &[Row], kind: &str, from: &str, column: &str) -> f64 {
    rows.iter()
        .filter(|r| r["kind"] == kind && r["from"] == from)
        .map(|r| num(r, column))
        .sum()
}

fn total<'a>(rows: &'a [Row], from: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["kind"] == "total" && r["from"] == from)
        .expect("total row")
}

// --- shift-share -------------------------------------------------------------------------------

/// METHODS §5's check: P⁰ = (1, 4, 3), Pᵀ = (1.2, 4.4, 3.3), L⁰ = (60, 20, 20),
/// Lᵀ = (50, 25, 25); outputs Y = P·L. Rows in any order, Vietnamese column names.
const SECTORS: &str = "nganh,nam,gva,lao_dong,thue_sp\n\
    cong_nghiep,2021,110,25,30\n\
    nong_nghiep,2020,60,60,20\n\
    cong_nghiep,2020,80,20,20\n\
    dich_vu,2020,60,20,20\n\
    nong_nghiep,2021,60,50,30\n\
    dich_vu,2021,82.5,25,30\n";

fn sector_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "--unit", "nganh", "--year", "nam", "--gdp", "gva", "--labour", "lao_dong",
    ];
    v.extend_from_slice(extra);
    v
}

#[test]
fn shift_share_reproduces_methods_section_5_and_units_sum_to_the_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "nganh.csv", SECTORS);
    let r = rows(
        nangsuat()
            .arg("shift-share")
            .arg(&input)
            .args(sector_args(&[])),
    );
    assert_eq!(r.len(), 4, "three sectors and the total");
    // Units in order of first appearance, then the total.
    assert_eq!(r[0]["nganh"], "cong_nghiep");
    let t = total(&r, "2020");
    assert!(close(num(t, "within"), 0.26, 1e-12));
    assert!(close(num(t, "static_shift"), 0.25, 1e-12));
    assert!(close(num(t, "dynamic_shift"), 0.015, 1e-12));
    assert!(close(num(t, "change"), 0.525, 1e-12));
    assert!(close(num(t, "base_level"), 2.0, 1e-12) && close(num(t, "end_level"), 2.525, 1e-12));
    assert!(close(num(t, "growth"), 0.2625, 1e-12));
    for c in [
        "within",
        "static_shift",
        "dynamic_shift",
        "change",
        "growth_contribution",
    ] {
        assert!(close(sum(&r, "unit", "2020", c), num(t, c), 1e-12), "{c}");
    }
    // Manufacturing: P 4 → 4.4 at S⁰ = 0.2: within 0.08.
    assert!(close(num(&r[0], "within"), 0.08, 1e-12));
}

#[test]
fn shift_share_with_product_taxes_adds_an_exact_term() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "nganh.csv", SECTORS);
    let r = rows(
        nangsuat()
            .arg("shift-share")
            .arg(&input)
            .args(sector_args(&["--taxes", "thue_sp"])),
    );
    let t = total(&r, "2020");
    // GDP per worker: (200 + 20)/100 = 2.2 and (252.5 + 30)/100 = 2.825 (the core's test).
    assert!(close(num(t, "base_level"), 2.2, 1e-12));
    assert!(close(num(t, "end_level"), 2.825, 1e-12));
    let parts = num(t, "within") + num(t, "static_shift") + num(t, "dynamic_shift") + num(t, "tax");
    assert!(close(parts, num(t, "change"), 1e-12));
    assert!(num(t, "tax") > 0.0);
    // Unit terms are on the GDP basis, so they sum to the total's; the tax is the total's own.
    for c in ["within", "static_shift", "dynamic_shift"] {
        assert!(close(sum(&r, "unit", "2020", c), num(t, c), 1e-12), "{c}");
    }
    let growth = sum(&r, "unit", "2020", "growth_contribution") + num(t, "tax") / 2.2;
    assert!(close(growth, num(t, "growth"), 1e-12));
}

#[test]
fn shift_share_year_by_year_or_between_two_years() {
    let dir = tempfile::tempdir().expect("tempdir");
    let three = format!(
        "{SECTORS}nong_nghiep,2022,61,45,0\ncong_nghiep,2022,130,28,0\ndich_vu,2022,95,27,0\n"
    );
    let input = write(dir.path(), "ba-nam.csv", &three);
    let r = rows(
        nangsuat()
            .arg("shift-share")
            .arg(&input)
            .args(sector_args(&[])),
    );
    assert_eq!(r.len(), 8);
    assert_eq!(
        (r[4]["from"].as_str(), r[4]["to"].as_str()),
        ("2021", "2022")
    );
    let direct = rows(
        nangsuat()
            .arg("shift-share")
            .arg(&input)
            .args(sector_args(&["--from", "2020", "--to", "2022"])),
    );
    assert_eq!(direct.len(), 4);
    let t = total(&direct, "2020");
    assert!(close(num(t, "base_level"), 2.0, 1e-12));
    assert!(close(
        num(t, "end_level"),
        (61.0 + 130.0 + 95.0) / 100.0,
        1e-12
    ));
    assert!(close(
        num(t, "within") + num(t, "static_shift") + num(t, "dynamic_shift"),
        num(t, "change"),
        1e-12
    ));
}

#[test]
fn regions_to_nation_sums_sector_rows_and_contributions_sum_to_national_growth() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Hà Nội has two sector rows a year; they are summed.
    let input = write(
        dir.path(),
        "cac-tinh.csv",
        "tinh,nam,grdp,lao_dong\n\
         Hà Nội,2020,4,5\nHà Nội,2020,6,5\nHuế,2020,30,10\n\
         Hà Nội,2021,5,5\nHà Nội,2021,7,5\nHuế,2021,30,10\n",
    );
    let r = rows(nangsuat().arg("shift-share").arg(&input).args([
        "--method", "regions", "--unit", "tinh", "--year", "nam", "--gdp", "grdp", "--labour",
        "lao_dong",
    ]));
    let t = total(&r, "2020");
    // Nation: 40/20 = 2 → 42/20 = 2.1, growth 5 %, all of it Hà Nội's (1 → 1.2 at a half share).
    assert!(close(num(t, "growth"), 0.05, 1e-12));
    let hn = r.iter().find(|x| x["tinh"] == "Hà Nội").expect("Hà Nội");
    assert_eq!(hn["kind"], "region");
    assert!(close(num(hn, "growth_contribution"), 0.05, 1e-12));
    assert!(close(
        sum(&r, "region", "2020", "growth_contribution"),
        0.05,
        1e-12
    ));
}

#[test]
fn gead_on_additive_volumes_is_the_shift_share_and_sums_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "gead.csv",
        "unit,year,nominal,output,labour,aggregate_real\n\
         agri,2020,60,60,60,200\nind,2020,80,80,20,200\nserv,2020,60,60,20,200\n\
         agri,2021,60,60,50,252.5\nind,2021,110,110,25,252.5\nserv,2021,82.5,82.5,25,252.5\n",
    );
    let r = rows(
        nangsuat()
            .arg("shift-share")
            .arg(&input)
            .args(["--method", "gead"]),
    );
    let t = total(&r, "2020");
    // Relative prices are 1: GEAD's within is the shift-share's, reallocation the two shifts.
    assert!(close(num(t, "within"), 0.26, 1e-12));
    assert!(close(num(t, "reallocation"), 0.265, 1e-12));
    assert!(close(
        num(t, "within") + num(t, "reallocation"),
        num(t, "change"),
        1e-12
    ));
    for c in ["within", "reallocation", "change"] {
        assert!(close(sum(&r, "unit", "2020", c), num(t, c), 1e-12), "{c}");
    }
}

#[test]
fn domar_weights_and_contributions_sum_to_the_aggregate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "domar.csv",
        "nganh,nam,tang_tfp,gtsx,gdp_hh\na,2020,,150,100\nb,2020,,100,100\na,2021,0.01,150,100\nb,2021,0.02,100,100\n",
    );
    let r = rows(nangsuat().arg("shift-share").arg(&input).args([
        "--method",
        "domar",
        "--unit",
        "nganh",
        "--year",
        "nam",
        "--tfp-growth",
        "tang_tfp",
        "--gross-output",
        "gtsx",
        "--value-added",
        "gdp_hh",
    ]));
    // Σ w̄ g = 1.5 × 0.01 + 1 × 0.02 (Domar weights above 1 in total: Hulten 1978).
    let t = total(&r, "2020");
    assert!(close(num(t, "contribution"), 0.035, 1e-15));
    assert!(close(num(&r[0], "domar_weight"), 1.5, 1e-15));
    assert!(close(sum(&r, "unit", "2020", "contribution"), 0.035, 1e-15));
}

#[test]
fn shift_share_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(
        dir.path(),
        "loi.csv",
        "unit,year,output,labour\na,2020,1o,5\na,2021,2,5\n",
    );
    nangsuat()
        .arg("shift-share")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "loi.csv, line 2, column `output`: `1o`",
        ));
    let zero = write(
        dir.path(),
        "khong.csv",
        "unit,year,output,labour\na,2020,1,5\na,2021,2,0\n",
    );
    nangsuat()
        .args(["--lang", "vi", "shift-share"])
        .arg(&zero)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("khong.csv, dòng 3, cột `labour`")
                .and(predicate::str::contains("cần một số dương")),
        );
    let twice = write(
        dir.path(),
        "lap.csv",
        "unit,year,output,labour\na,2020,1,5\na,2020,2,5\n",
    );
    nangsuat()
        .arg("shift-share")
        .arg(&twice)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("lap.csv, line 3")
                .and(predicate::str::contains("already on line 2")),
        );
    let missing = write(
        dir.path(),
        "thieu.csv",
        "unit,year,output,labour\na,2020,1,5\nb,2020,1,5\na,2021,2,5\n",
    );
    nangsuat()
        .arg("shift-share")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`b` has no row for 2021"));
    let input = write(dir.path(), "nganh.csv", SECTORS);
    // Taxes that differ between rows of a year.
    nangsuat()
        .arg("shift-share")
        .arg(&input)
        .args(sector_args(&["--taxes", "lao_dong"]))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("column `lao_dong`")
                .and(predicate::str::contains("the same on every row")),
        );
    // Usage errors: exit 2.
    for args in [
        vec!["--from", "2020"],
        vec!["--from", "2021", "--to", "2020"],
        vec!["--method", "cobb"],
    ] {
        nangsuat()
            .arg("shift-share")
            .arg(&input)
            .args(sector_args(&args))
            .assert()
            .code(2);
    }
    nangsuat()
        .arg("shift-share")
        .arg(&input)
        .args(sector_args(&["--from", "2019", "--to", "2021"]))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no row for the year 2019"));
}

// --- index -------------------------------------------------------------------------------------

/// ILO/IMF PPI Manual (2004), ch. 19, the six commodities over five periods, as long rows.
fn ppi_manual_ch19() -> String {
    let p = [
        [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        [1.2, 3.0, 1.3, 0.7, 1.4, 0.8],
        [1.0, 1.0, 1.5, 0.5, 1.7, 0.6],
        [0.8, 0.5, 1.6, 0.3, 1.9, 0.4],
        [1.0, 1.0, 1.6, 0.1, 2.0, 0.2],
    ];
    let q = [
        [1.0, 1.0, 2.0, 1.0, 4.5, 0.5],
        [0.8, 0.9, 1.9, 1.3, 4.7, 0.6],
        [1.0, 1.1, 1.8, 3.0, 5.0, 0.8],
        [1.2, 1.2, 1.9, 6.0, 5.6, 1.3],
        [0.9, 1.2, 2.0, 12.0, 6.5, 2.5],
    ];
    let mut s = String::from("ky,mat_hang,gia,luong\n");
    // Items first, periods last, and the last period first: the order of rows does not matter.
    for i in 0..6 {
        for t in (0..5).rev() {
            s.push_str(&format!(
                "{},hang_{},{},{}\n",
                t + 1,
                i + 1,
                p[t][i],
                q[t][i]
            ));
        }
    }
    s
}

const INDEX_COLUMNS: [&str; 8] = [
    "--period",
    "ky",
    "--item",
    "mat_hang",
    "--price",
    "gia",
    "--quantity",
    "luong",
];

#[test]
fn index_reproduces_ppi_manual_tables_19_1_to_19_3() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "gia-luong.csv", &ppi_manual_ch19());
    let r = rows(
        nangsuat()
            .arg("index")
            .arg(&input)
            .args(INDEX_COLUMNS)
            .args(["--formula", "all", "--linking", "fixed_base"]),
    );
    assert_eq!(r.len(), 20);
    // The fixed-base price indices printed in tables 19.3 (Laspeyres, Paasche, Fisher) and
    // 19.3's Törnqvist column, to their four decimals.
    let published = [
        ("laspeyres", [1.0, 1.4200, 1.3450, 1.3550, 1.4400]),
        ("paasche", [1.0, 1.3824, 1.2031, 1.0209, 0.7968]),
        ("fisher", [1.0, 1.4011, 1.2721, 1.1762, 1.0712]),
        ("tornqvist", [1.0, 1.4052, 1.2890, 1.2268, 1.2477]),
    ];
    for (formula, values) in published {
        let series: Vec<&Row> = r.iter().filter(|x| x["formula"] == formula).collect();
        for (t, v) in values.iter().enumerate() {
            assert_eq!(series[t]["ky"], (t + 1).to_string(), "periods in order");
            assert!(
                close(num(series[t], "price_index"), *v, 5e-5),
                "{formula} period {}: {}",
                t + 1,
                series[t]["price_index"]
            );
            assert_eq!(series[t]["matched"], "6");
        }
    }
    // Identities of the manual: the Laspeyres quantity index's implicit deflator is the Paasche
    // price index; Fisher's is Fisher's (P_F · Q_F = V¹/V⁰).
    for t in 0..5 {
        assert!(close(
            num(&r[t], "implicit_deflator"),
            num(&r[5 + t], "price_index"),
            1e-12
        ));
        assert!(close(
            num(&r[10 + t], "implicit_deflator"),
            num(&r[10 + t], "price_index"),
            1e-12
        ));
    }
}

#[test]
fn index_chained_and_multilateral_with_matched_samples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "gia-luong.csv", &ppi_manual_ch19());
    let fixed = rows(
        nangsuat()
            .arg("index")
            .arg(&input)
            .args(INDEX_COLUMNS)
            .args(["--linking", "fixed_base"]),
    );
    let chained = rows(nangsuat().arg("index").arg(&input).args(INDEX_COLUMNS));
    assert_eq!(chained[0]["linking"], "chained");
    assert_eq!(chained[0]["formula"], "fisher");
    // The first link is the direct comparison.
    assert!(close(
        num(&chained[1], "price_index"),
        num(&fixed[1], "price_index"),
        1e-15
    ));
    // Chained Fisher: price × quantity = value ratio, so the implicit deflator is the price index.
    for r in &chained {
        assert!(close(
            num(r, "implicit_deflator"),
            num(r, "price_index"),
            1e-12
        ));
    }
    let geks = rows(
        nangsuat()
            .arg("index")
            .arg(&input)
            .args(INDEX_COLUMNS)
            .args(["--linking", "geks"]),
    );
    let ccdi = rows(
        nangsuat()
            .arg("index")
            .arg(&input)
            .args(INDEX_COLUMNS)
            .args(["--linking", "ccdi"]),
    );
    assert_eq!(ccdi[0]["formula"], "tornqvist");
    assert!(close(num(&geks[0], "price_index"), 1.0, 0.0));
    // GEKS from the first two periods alone is the bilateral Fisher index.
    let two: String = ppi_manual_ch19()
        .lines()
        .filter(|l| l.starts_with("ky") || l.starts_with("1,") || l.starts_with("2,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let two = write(dir.path(), "hai-ky.csv", &two);
    let g2 = rows(
        nangsuat()
            .arg("index")
            .arg(&two)
            .args(INDEX_COLUMNS)
            .args(["--linking", "geks"]),
    );
    assert!(close(num(&g2[1], "price_index"), 1.4011, 5e-5));
    // An item missing in a period (empty price) leaves the matched sample.
    let gap = write(
        dir.path(),
        "thieu.csv",
        "period,item,price,quantity\n2020,a,1,10\n2020,b,2,5\n2020,c,3,1\n2021,a,1.2,8\n2021,b,2,6\n2021,c,,1\n",
    );
    let r = rows(nangsuat().arg("index").arg(&gap).args([
        "--formula",
        "laspeyres",
        "--linking",
        "fixed_base",
    ]));
    assert_eq!(
        (r[1]["matched"].as_str(), r[1]["unmatched"].as_str()),
        ("2", "1")
    );
    assert!(close(num(&r[1], "price_index"), 22.0 / 20.0, 1e-15));
}

#[test]
fn index_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "gia-luong.csv", &ppi_manual_ch19());
    for (formula, linking) in [
        ("laspeyres", "geks"),
        ("paasche", "multilateral"),
        ("fisher", "ccdi"),
    ] {
        nangsuat()
            .arg("index")
            .arg(&input)
            .args(INDEX_COLUMNS)
            .args(["--formula", formula, "--linking", linking])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("time-reversal"));
    }
    nangsuat()
        .args(["--lang", "vi", "index"])
        .arg(&input)
        .args(INDEX_COLUMNS)
        .args(["--formula", "paasche", "--linking", "geks"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("phép thử đảo thời gian"));
    let negative = write(
        dir.path(),
        "am.csv",
        "period,item,price,quantity\n1,a,1,1\n2,a,-1,1\n",
    );
    nangsuat()
        .arg("index")
        .arg(&negative)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "am.csv, line 3, column `price`: `-1`",
        ));
    let twice = write(
        dir.path(),
        "lap.csv",
        "period,item,price,quantity\n1,a,1,1\n1,a,2,1\n",
    );
    nangsuat().arg("index").arg(&twice).assert().code(1).stderr(
        predicate::str::contains("lap.csv, line 3, column `item`")
            .and(predicate::str::contains("already on line 2")),
    );
    let disjoint = write(
        dir.path(),
        "roi.csv",
        "period,item,price,quantity\n1,a,1,1\n2,b,1,1\n",
    );
    nangsuat()
        .arg("index")
        .arg(&disjoint)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("roi.csv"));
    nangsuat()
        .arg("index")
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no column `period`"));
}

// --- capital -----------------------------------------------------------------------------------

#[test]
fn capital_harberger_initial_stock_and_the_recursion() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Investment growing 5 %/yr exactly: Harberger's K0 = I0/(g + δ) = 100/(0.05 + 0.05).
    let mut text = String::from("nam,dau_tu\n");
    for t in 0..10 {
        text.push_str(&format!("{},{}\n", 2000 + t, 100.0 * 1.05f64.powi(t)));
    }
    let input = write(dir.path(), "dau-tu.csv", &text);
    for basis in ["investment", "trend"] {
        let r = rows(nangsuat().arg("capital").arg(&input).args([
            "--year",
            "nam",
            "--investment",
            "dau_tu",
            "--depreciation",
            "0.05",
            "--basis",
            basis,
        ]));
        assert_eq!(r.len(), 10);
        assert!(close(num(&r[0], "initial_stock"), 1000.0, 1e-9), "{basis}");
        assert!(close(num(&r[0], "initial_growth"), 0.05, 1e-12), "{basis}");
        // K_t = (1 − δ)K_{t−1} + I_t, and in steady state K grows with I.
        for t in 1..10 {
            let k = 0.95 * num(&r[t - 1], "capital_stock") + num(&r[t], "investment");
            assert!(close(num(&r[t], "capital_stock"), k, 1e-9));
        }
    }
    // A given stock and per-year rates (the core's example), end of year and mid-year.
    let given = write(
        dir.path(),
        "k.csv",
        "year,investment,khau_hao\n2022,8,0.2\n2020,10,0.1\n2021,12,0.1\n",
    );
    let r = rows(nangsuat().arg("capital").arg(&given).args([
        "--depreciation",
        "khau_hao",
        "--initial-stock",
        "100",
    ]));
    assert_eq!(r[0]["year"], "2020");
    assert!(close(
        num(&r[1], "capital_stock"),
        0.9 * 100.0 + 12.0,
        1e-12
    ));
    assert!(close(num(&r[2], "capital_stock"), 0.8 * 102.0 + 8.0, 1e-12));
    assert_eq!(r[0]["initial_growth"], "");
    let mid = rows(nangsuat().arg("capital").arg(&given).args([
        "--depreciation",
        "khau_hao",
        "--initial-stock",
        "100",
        "--timing",
        "mid_year",
    ]));
    assert!(close(
        num(&mid[1], "capital_stock"),
        0.9 * 100.0 + 0.95 * 12.0,
        1e-12
    ));
}

#[test]
fn capital_by_entity_equals_each_series_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let panel = write(
        dir.path(),
        "cac-tinh.csv",
        "tinh,year,investment\nB,2001,6\nA,2001,11\nB,2000,5\nA,2000,10\nA,2002,12\nB,2002,7\n",
    );
    let all = rows(nangsuat().arg("capital").arg(&panel).args([
        "--entity",
        "tinh",
        "--depreciation",
        "0.1",
        "--window",
        "3",
    ]));
    assert_eq!(all.len(), 6);
    assert_eq!(all[0]["tinh"], "B");
    for (name, lines) in [
        ("A", "year,investment\n2000,10\n2001,11\n2002,12\n"),
        ("B", "year,investment\n2000,5\n2001,6\n2002,7\n"),
    ] {
        let one = write(dir.path(), &format!("{name}.csv"), lines);
        let alone = rows(nangsuat().arg("capital").arg(&one).args([
            "--depreciation",
            "0.1",
            "--window",
            "3",
        ]));
        let mine: Vec<&Row> = all.iter().filter(|r| r["tinh"] == name).collect();
        for (a, b) in mine.iter().zip(&alone) {
            assert_eq!(a["year"], b["year"]);
            assert_eq!(a["capital_stock"], b["capital_stock"]);
        }
    }
}

#[test]
fn capital_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gap = write(
        dir.path(),
        "thieu.csv",
        "year,investment\n2020,10\n2022,12\n",
    );
    nangsuat()
        .arg("capital")
        .arg(&gap)
        .args(["--depreciation", "0.05", "--initial-stock", "100"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "thieu.csv, line 3, column `year`: the year 2021 is missing",
        ));
    nangsuat()
        .args(["--lang", "vi", "capital"])
        .arg(&gap)
        .args(["--depreciation", "0.05", "--initial-stock", "100"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "thieu.csv, dòng 3, cột `year`: thiếu năm 2021",
        ));
    let percent = write(
        dir.path(),
        "phan-tram.csv",
        "year,investment,delta\n2020,10,5\n2021,12,5\n",
    );
    nangsuat()
        .arg("capital")
        .arg(&percent)
        .args(["--depreciation", "delta", "--initial-stock", "100"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "phan-tram.csv, line 2, column `delta`: `5` is not a rate in (0, 1)",
        ));
    let short = write(
        dir.path(),
        "ngan.csv",
        "year,investment\n2020,10\n2021,12\n",
    );
    nangsuat()
        .arg("capital")
        .arg(&short)
        .args(["--depreciation", "0.05"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ngan.csv"));
    for args in [
        vec!["--depreciation", "5"],
        vec!["--depreciation", "0.05", "--initial-stock", "-1"],
        vec!["--depreciation", "0.05", "--timing", "start"],
        vec!["--initial-stock", "100"],
    ] {
        nangsuat()
            .arg("capital")
            .arg(&gap)
            .args(&args)
            .assert()
            .code(2);
    }
}

// --- scenario ----------------------------------------------------------------------------------

/// Viet Nam's baseline assumptions (PWT 10.01's K/Y and δ in 2019, investment 33.6 % of GDP)
/// moved to 2026–2030, and a faster scenario.
const SCENARIOS: &str = "name,base_year,end_year,capital_output_ratio,investment_rate,depreciation,employment_growth,tfp_growth,labour_share\n\
    co-so,2025,2030,2.65,0.336,0.054,0.01,0.02,0.48\n\
    nhanh,2025,2030,2.65,0.40,0.054,0.01,0.03,0.48\n";

fn scenario_of(name: &str) -> Scenario {
    let (sigma, tfp) = if name == "co-so" {
        (0.336, 0.02)
    } else {
        (0.40, 0.03)
    };
    Scenario::new(name, 2025, 2030, 2.65, sigma, 0.054, 0.01, tfp, 0.48).expect("scenario")
}

#[test]
fn scenario_paths_averages_and_sensitivity_are_the_cores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "kich-ban.csv", SCENARIOS);
    let path = rows(nangsuat().arg("scenario").arg(&input));
    assert_eq!(path.len(), 12);
    let p = scenario_of("co-so").project().expect("projection");
    for (k, r) in path.iter().take(6).enumerate() {
        assert_eq!(r["year"], (2025 + k).to_string());
        assert_eq!(num(r, "gdp"), p.gdp[k]);
        assert_eq!(num(r, "capital"), p.capital[k]);
        assert!(close(
            num(r, "labour_productivity"),
            p.gdp[k] / p.employment[k],
            1e-15
        ));
    }
    // Base year: Y = 1, K = K/Y.
    assert_eq!(
        (num(&path[0], "gdp"), num(&path[0], "capital")),
        (1.0, 2.65)
    );
    let avg = rows(
        nangsuat()
            .arg("scenario")
            .arg(&input)
            .args(["--show", "averages"]),
    );
    for r in &avg {
        // LP growth = GDP growth net of 1 %/yr employment growth (in ratios), METHODS §8.
        let lp = (1.0 + num(r, "gdp_growth")) / 1.01 - 1.0;
        assert!(close(num(r, "lp_growth"), lp, 1e-12));
        let core = scenario_of(&r["scenario"]).project().expect("projection");
        assert_eq!(num(r, "lp_growth"), core.lp_growth);
    }
    let sens = rows(
        nangsuat()
            .arg("scenario")
            .arg(&input)
            .args(["--show", "sensitivity"]),
    );
    assert_eq!(sens.len(), 10, "five assumptions for each of two scenarios");
    // Sorted by the effect on LP growth; more investment raises it.
    let inv = sens
        .iter()
        .find(|r| r["scenario"] == "co-so" && r["assumption"] == "investment_rate")
        .expect("row");
    assert!(num(inv, "lp_growth_up") > 0.0 && num(inv, "lp_growth_down") < 0.0);
}

#[test]
fn what_it_takes_inverted_back_meets_each_goal_to_1e_9() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "kich-ban.csv", SCENARIOS);
    for assumption in ["investment_rate", "tfp_growth", "depreciation"] {
        let r = rows(nangsuat().arg("scenario").arg(&input).args([
            "--show",
            "what-it-takes",
            "--solve-for",
            assumption,
            "--goal",
            "nang-suat-2030:lp_growth:0.075:",
            "--goal",
            "xa:lp_growth:0.6:",
        ]));
        assert_eq!(r.len(), 4);
        for row in r.iter().filter(|x| x["goal"] == "nang-suat-2030") {
            assert_eq!(row["requirement"], "value", "{assumption}: {row:?}");
            let a = Assumption::from_name(assumption).expect("assumption");
            let p = a
                .set(&scenario_of(&row["scenario"]), num(row, "value"))
                .project()
                .expect("projection");
            assert!(
                p.lp_growth >= 0.075 && p.lp_growth - 0.075 < 1e-9,
                "{assumption}: {}",
                p.lp_growth
            );
            assert_eq!(num(row, "outcome_at_value"), p.lp_growth);
        }
        // 60 %/yr: no investment rate or depreciation in [0, 1] gives it (TFP growth of
        // 100 %/yr, the top of its admissible range, would).
        let far = r.iter().find(|x| x["goal"] == "xa").expect("row");
        if assumption != "tfp_growth" {
            assert_eq!(far["requirement"], "never", "{assumption}");
            assert_eq!(far["value"], "");
            assert!(num(far, "closest_outcome") < 0.6);
        }
    }
    // Decision 36's 7.5 %/yr from the baseline: an investment rate near 48 % of GDP.
    let r = rows(nangsuat().arg("scenario").arg(&input).args([
        "--show",
        "what-it-takes",
        "--goal",
        "lp:lp_growth:0.075:",
        "--goal",
        "band:gdp_growth:0.065:0.07",
    ]));
    assert!(
        close(num(&r[0], "value"), 0.4826, 1e-3),
        "{}",
        r[0]["value"]
    );
    assert_eq!(r[0]["met_as_held"], "false");
    // A narrower range: the 48 % it takes is outside [0.2, 0.4], so no rate in it will do.
    let narrow = rows(nangsuat().arg("scenario").arg(&input).args([
        "--show",
        "what-it-takes",
        "--goal",
        "lp:lp_growth:0.075:",
        "--range",
        "0.2,0.4",
    ]));
    assert_eq!(
        (num(&narrow[0], "range_low"), num(&narrow[0], "range_high")),
        (0.2, 0.4)
    );
    assert_eq!(narrow[0]["requirement"], "never");
    assert_eq!(num(&narrow[0], "closest_at"), 0.4);
    // A band gives an interval whose ends both meet it.
    let band = &r[1];
    let (lo, hi) = band["meets"].split_once("..").expect("interval");
    for x in [lo, hi] {
        let g = Assumption::InvestmentRate
            .set(&scenario_of("co-so"), x.parse().expect("number"))
            .project()
            .expect("projection")
            .gdp_growth;
        assert!((0.065..=0.07).contains(&g), "{x}: {g}");
    }
}

#[test]
fn what_it_takes_for_a_plan_file_goal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "kich-ban.csv", SCENARIOS);
    let plan = write(
        dir.path(),
        "ke-hoach.toml",
        r#"
id = "vn-2026"
schema_version = 1
territory = "viet_nam"
title_vi = "Kế hoạch năng suất 2026–2030"
status = "issued"
level = "national"
issuing_body = "Thủ tướng Chính phủ"
period = { start = 2026, end = 2030 }

[[goals]]
id = "nang-suat-2026-2030"
source_text = "Tốc độ tăng năng suất lao động bình quân đạt trên 7,5%/năm"
scope = { name = "viet_nam", level = "nation" }
indicator = "lp_growth_avg"
unit = "percent_per_year"
target = { value = 7.5, comparator = "above" }
"#,
    );
    let r = rows(
        nangsuat()
            .arg("scenario")
            .arg(&input)
            .args([
                "--show",
                "what-it-takes",
                "--solve-for",
                "tfp_growth",
                "--plan",
            ])
            .arg(&plan),
    );
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["goal"], "nang-suat-2026-2030");
    assert_eq!(num(&r[0], "low"), 0.075);
    let p = Assumption::TfpGrowth
        .set(&scenario_of("co-so"), num(&r[0], "value"))
        .project()
        .expect("projection");
    assert!(p.lp_growth >= 0.075 && p.lp_growth - 0.075 < 1e-9);
}

#[test]
fn scenario_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "kich-ban.csv", SCENARIOS);
    let percent = write(
        dir.path(),
        "phan-tram.csv",
        &SCENARIOS.replace("0.336", "33.6"),
    );
    nangsuat()
        .arg("scenario")
        .arg(&percent)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("phan-tram.csv, line 2")
                .and(predicate::str::contains("investment_rate"))
                .and(predicate::str::contains("33.6")),
        );
    let missing = write(dir.path(), "thieu.csv", "name,base_year\nx,2025\n");
    nangsuat()
        .arg("scenario")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no column `end_year`"));
    for args in [
        vec!["--show", "what-it-takes"],
        vec!["--show", "what-it-takes", "--goal", "lp:lp_growth:7.5:"],
        vec!["--show", "what-it-takes", "--goal", "lp:labour:0.075:"],
        vec!["--show", "what-it-takes", "--goal", "lp:lp_growth::"],
        vec![
            "--show",
            "what-it-takes",
            "--goal",
            "lp:lp_growth:0.08:0.07",
        ],
        vec!["--show", "what-it-takes", "--goal", "lp"],
        vec![
            "--show",
            "what-it-takes",
            "--goal",
            "lp:lp_growth:0.075:",
            "--range",
            "0.1,0.2,0.3",
        ],
        vec![
            "--show",
            "what-it-takes",
            "--goal",
            "lp:lp_growth:0.075:",
            "--range",
            "0.5,0.2",
        ],
        vec!["--show", "averages", "--goal", "lp:lp_growth:0.075:"],
        vec!["--solve-for", "savings"],
    ] {
        nangsuat()
            .arg("scenario")
            .arg(&input)
            .args(&args)
            .assert()
            .code(2);
    }
    nangsuat()
        .args(["--lang", "vi", "scenario"])
        .arg(&input)
        .args(["--show", "what-it-takes", "--goal", "lp:lp_growth:7.5:"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("0.075 là 7,5 %/năm"));
}

// --- help and output ---------------------------------------------------------------------------

#[test]
fn new_subcommands_have_help_in_both_languages_and_write_to_a_file() {
    for sub in ["shift-share", "index", "capital", "scenario"] {
        let vi = nangsuat()
            .env("LANG", "vi_VN.UTF-8")
            .args([sub, "--help"])
            .assert()
            .success();
        let vi = String::from_utf8(vi.get_output().stdout.clone()).expect("UTF-8");
        assert!(
            vi.contains("Cách dùng:") && vi.contains("Ví dụ:") && !vi.contains("Usage:"),
            "{sub}: {vi}"
        );
        let en = nangsuat().args([sub, "--help"]).assert().success();
        let en = String::from_utf8(en.get_output().stdout.clone()).expect("UTF-8");
        assert!(
            en.contains("Usage:") && en.contains("Example"),
            "{sub}: {en}"
        );
        assert!(en.contains("-o, --output"), "{sub}");
    }
    let top = nangsuat().arg("--help").assert().success();
    let top = String::from_utf8(top.get_output().stdout.clone()).expect("UTF-8");
    for sub in ["shift-share", "index", "capital", "scenario"] {
        assert!(top.contains(sub), "{sub}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "kich-ban.csv", SCENARIOS);
    let out = dir.path().join("ket-qua.csv");
    nangsuat()
        .arg("scenario")
        .arg(&input)
        .args(["--show", "averages", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).expect("file");
    assert!(text.starts_with("scenario,base_year,end_year,gdp_growth"));
}

#[test]
fn usage_errors_in_vietnamese_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "nganh.csv", SECTORS);
    let cases: [(&[&str], &str); 5] = [
        (
            &["shift-share", "--method", "cobb"],
            "giá trị `cobb` không hợp lệ cho `--method",
        ),
        (&["capital"], "thiếu đối số bắt buộc: --depreciation"),
        (&["index", "--bogus"], "không có đối số `--bogus`"),
        (
            &["shift-share", "--from", "x"],
            "giá trị `x` không hợp lệ cho `--from",
        ),
        (&["frobnicate"], "không có lệnh `frobnicate`"),
    ];
    for (args, message) in cases {
        nangsuat()
            .args(["--lang", "vi"])
            .args(args)
            .arg(&input)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(message)
                    .and(predicate::str::contains("Xem thêm"))
                    .and(predicate::str::contains("error:").not()),
            );
        // The same in English is clap's own wording.
        nangsuat()
            .args(args)
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("error:"));
    }
}

#[test]
fn decision_36_from_the_embedded_baseline_with_a_sentence_in_each_language() {
    let args = [
        "scenario",
        "--vietnam",
        "2025:2030",
        "--show",
        "what-it-takes",
        "--goal",
        "qd36:lp_growth:0.075:",
    ];
    let en = rows(nangsuat().args(args));
    let mut s = nangsuat::vietnam::scenario_2021_2025();
    (s.base_year, s.end_year) = (2025, 2030);
    let sigma = num(&en[0], "value");
    // The same answer as the Python and C faces' (README: 0.4836), inverted back to 1e-9.
    assert!(close(sigma, 0.4836, 5e-5), "{sigma}");
    let p = Assumption::InvestmentRate
        .set(&s, sigma)
        .project()
        .expect("projection");
    assert!(p.lp_growth >= 0.075 && p.lp_growth - 0.075 < 1e-9);
    assert!(en[0]["sentence"].starts_with("investment rate at least 48.36 %"));
    let vi = rows(nangsuat().args(["--lang", "vi"]).args(args));
    // Vietnamese number conventions in the Vietnamese sentence.
    assert!(
        vi[0]["sentence"].starts_with("tỷ lệ đầu tư/GDP tối thiểu 48,36 %"),
        "{}",
        vi[0]["sentence"]
    );
    assert_eq!(vi[0]["value"], en[0]["value"], "numbers stay numbers");
    // The baseline as embedded, and bad uses of the option.
    let base = rows(nangsuat().args(["scenario", "--vietnam", "--show", "averages"]));
    assert_eq!(
        (base[0]["base_year"].as_str(), base[0]["end_year"].as_str()),
        ("2020", "2025")
    );
    nangsuat()
        .args(["scenario", "--vietnam", "2030:2025"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--vietnam 2030:2025"));
    nangsuat()
        .args(["scenario", "kich-ban.csv", "--vietnam"])
        .assert()
        .code(2);
    nangsuat().arg("scenario").assert().code(2);
}

#[test]
fn text_periods_keep_their_order_and_standard_input_works() {
    // Quarters are not integers: kept in order of appearance (the file's order is the user's).
    let text = "period,item,price,quantity\n\
        2024Q3,a,1,10\n2024Q3,b,2,5\n2024Q4,a,1.2,8\n2024Q4,b,2,6\n2025Q1,a,1.1,9\n2025Q1,b,2.6,4\n";
    let r = rows(
        nangsuat()
            .args([
                "index",
                "-",
                "--formula",
                "laspeyres",
                "--linking",
                "fixed_base",
            ])
            .write_stdin(text),
    );
    let periods: Vec<&str> = r.iter().map(|x| x["period"].as_str()).collect();
    assert_eq!(periods, ["2024Q3", "2024Q4", "2025Q1"]);
    // The core's own example: (1.1·10 + 2.6·5)/20.
    assert!(close(
        num(&r[2], "price_index"),
        (1.1 * 10.0 + 2.6 * 5.0) / 20.0,
        1e-15
    ));
}
