//! `nangsuat ingest`, `nangsuat schema mapping` and `nangsuat report --tables … --mapping …`
//! on the real published files and the committed mappings.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn nangsuat() -> Command {
    let mut c = Command::cargo_bin("nangsuat").expect("binary built");
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn published(rel: &str) -> PathBuf {
    root()
        .join("crates/nangsuat/tests/fixtures/published")
        .join(rel)
}

fn mapping(name: &str) -> PathBuf {
    root().join("mappings").join(name)
}

fn csv_rows(out: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(out);
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

const LP: &str = "nso_xlsx/24_labour_productivity_by_province_2018_2024.xlsx";
const WORKBOOK: &str = "gso_monthly_xlsx/2024-12-29-02.Bieu-T12.2024.xlsx";

#[test]
fn ingest_a_table_to_tidy_csv() {
    let out = nangsuat()
        .arg("ingest")
        .arg(published(LP))
        .assert()
        .success();
    let rows = csv_rows(&out.get_output().stdout);
    assert_eq!(rows.len(), 490);
    let hn = rows
        .iter()
        .find(|r| r["row"] == "Ha Noi" && r["time"] == "Prel. 2024")
        .unwrap();
    assert_eq!(hn["value"], "345.63");
    assert_eq!(hn["period"], "2024");
    assert_eq!(hn["status"], "preliminary");
    assert_eq!(hn["location"], "E02.58!H6");
    // A sheet of a workbook, to a file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lao-dong.csv");
    nangsuat()
        .arg("ingest")
        .arg(published(WORKBOOK))
        .args(["--sheet", "47.Laodong", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read(&path).unwrap();
    let rows = csv_rows(&text);
    assert!(
        rows.iter()
            .any(|r| r["time"] == "Ước tính năm 2024" && r["status"] == "estimate")
    );
}

#[test]
fn ingest_through_a_mapping_gives_observations_with_provenance() {
    let out = nangsuat()
        .arg("ingest")
        .arg(published(LP))
        .arg(published(WORKBOOK))
        .arg("--mapping")
        .arg(mapping("nso_e02_58_labour_productivity.toml"))
        .assert()
        .failure()
        .code(1);
    // The workbook's first sheet is not the LP table: the error names the file.
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("Bieu-T12.2024.xlsx") && err.lines().count() == 1,
        "{err}"
    );

    let out = nangsuat()
        .arg("ingest")
        .arg(published(LP))
        .arg("--mapping")
        .arg(mapping("nso_e02_58_labour_productivity.toml"))
        .assert()
        .success();
    let rows = csv_rows(&out.get_output().stdout);
    assert_eq!(rows.len(), 490);
    let hn = rows
        .iter()
        .find(|r| r["scope"] == "ha_noi" && r["year"] == "2024")
        .unwrap();
    assert_eq!(hn["value"], "345.63");
    assert_eq!(hn["indicator"], "lp_level_current");
    assert_eq!(hn["status"], "preliminary");
    assert_eq!(hn["source_table"], "E02.58");
    assert_eq!(hn["source_cell"], "E02.58!H6");
    assert!(hn["source_file"].ends_with("24_labour_productivity_by_province_2018_2024.xlsx"));

    // Many files of one kind into one set: the NSDP file twice is a duplicate naming both.
    let sdmx = published("nsdp_sdmx/GDPVNM.xml");
    nangsuat()
        .arg("ingest")
        .arg(&sdmx)
        .arg(&sdmx)
        .arg("--mapping")
        .arg(mapping("nsdp_gdp.toml"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("read twice").and(
                predicate::str::contains("gfcf_constant 2010")
                    .and(predicate::str::contains("series 17, observation 7")),
            ),
        );
}

#[test]
fn ingest_errors_exit_1_for_contents_and_2_for_usage_in_the_runs_language() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("sai.toml");
    std::fs::write(
        &bad,
        "schema_version = 1\nid = \"x\"\nsource = { citation = \"c\", evidence = \"confirmed\" }\nterritory = { scope = \"viet_nam\" }\n[[series]]\nindicator = \"employed_persons\"\nunit = \"thousand_persons\"\nmultipler = 3\n",
    )
    .unwrap();
    nangsuat()
        .arg("ingest")
        .arg(published(LP))
        .arg("--mapping")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("sai.toml")
                .and(predicate::str::contains("multipler"))
                .and(predicate::str::contains("line 8")),
        );
    nangsuat()
        .args(["--lang", "vi", "ingest"])
        .arg(published(LP))
        .arg("--mapping")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("không đọc được tệp ánh xạ `")
                .and(predicate::str::contains("sai.toml` ở dòng 8")),
        );
    // Two tables without a mapping: a usage error, in either language.
    nangsuat()
        .arg("ingest")
        .arg(published(LP))
        .arg(published(LP))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--mapping"));
    nangsuat()
        .args(["--lang", "vi", "ingest"])
        .arg(published(LP))
        .arg(published(LP))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("không có --mapping"));
    nangsuat()
        .args(["ingest", "--format", "odt", "x.odt"])
        .assert()
        .code(2);
    // A file that is not a table of the format named.
    let junk = dir.path().join("bang.px");
    std::fs::write(
        &junk,
        "STUB=\"a\";\nVALUES(\"a\")=\"x\",\"y\";\nDATA=1 2 3;\n",
    )
    .unwrap();
    nangsuat()
        .arg("ingest")
        .arg(&junk)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bang.px"));
}

#[test]
fn schema_mapping_is_the_published_json_schema() {
    let out = nangsuat().args(["schema", "mapping"]).assert().success();
    let committed =
        std::fs::read(root().join("crates/nangsuat/schema/mapping.schema.json")).unwrap();
    assert_eq!(out.get_output().stdout, committed);
}

#[test]
fn report_from_published_tables_and_a_mapping() {
    let out = nangsuat()
        .args(["report", "--format", "json", "--tables"])
        .arg(published("nsdp_sdmx/GDPVNM.xml"))
        .arg("--mapping")
        .arg(mapping("nsdp_gdp.toml"))
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(json.is_object());
    let md = nangsuat()
        .args(["report", "--tables"])
        .arg(published("nsdp_sdmx/GDPVNM.xml"))
        .arg("--mapping")
        .arg(mapping("nsdp_gdp.toml"))
        .assert()
        .success();
    let md = String::from_utf8(md.get_output().stdout.clone()).unwrap();
    assert!(
        md.contains("observations 72; latest year with data 2023"),
        "{md}"
    );
    // --tables needs --mapping, and does not go with --observations.
    nangsuat()
        .args(["report", "--tables", "a.xml"])
        .assert()
        .code(2);
    nangsuat()
        .args([
            "report",
            "--observations",
            "o.csv",
            "--mapping",
            "m.toml",
            "--tables",
            "a.xml",
        ])
        .assert()
        .code(2);
}

#[test]
fn missing_cells_are_named_on_stderr_not_invented() {
    let dir = tempfile::tempdir().unwrap();
    let px = dir.path().join("lao-dong.px");
    std::fs::write(
        &px,
        "MATRIX=\"L1\";\nSTUB=\"year\";\nVALUES(\"year\")=\"2023\",\"Prel. 2024\",\"2025\";\nDATA=51300 51900 \"..\";\n",
    )
    .unwrap();
    let toml = dir.path().join("lao-dong.toml");
    std::fs::write(
        &toml,
        "schema_version = 1\nid = \"l1\"\nsource = { citation = \"c\", evidence = \"confirmed\" }\nterritory = { scope = \"viet_nam\" }\n[[series]]\nindicator = \"employed_persons\"\nunit = \"thousand_persons\"\n",
    )
    .unwrap();
    let out = nangsuat()
        .arg("ingest")
        .arg(&px)
        .arg("--mapping")
        .arg(&toml)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("skipped")
                .and(predicate::str::contains("2025"))
                .and(predicate::str::contains("`..`")),
        );
    let rows = csv_rows(&out.get_output().stdout);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["value"], "51.9");
    assert_eq!(rows[1]["status"], "preliminary");
    nangsuat()
        .args(["--lang", "vi", "ingest"])
        .arg(&px)
        .arg("--mapping")
        .arg(&toml)
        .assert()
        .success()
        .stderr(predicate::str::contains("bỏ qua ô không có số liệu"));
}

#[test]
fn report_from_tables_of_levels_derives_labour_productivity_growth() {
    // GDP at constant prices and employment, two years: LP growth 2023 = (110/51)/(100/50) − 1,
    // which the plan's labour-productivity goal then uses (a derived observation).
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("levels.px");
    std::fs::write(
        &table,
        "MATRIX=\"LEVELS\";\nSTUB=\"item\";\nHEADING=\"year\";\n\
         VALUES(\"item\")=\"gdp\",\"emp\";\nVALUES(\"year\")=\"2022\",\"2023\";\n\
         DATA=\n100 110\n50 51;\n",
    )
    .unwrap();
    let mapping_file = dir.path().join("levels.toml");
    std::fs::write(
        &mapping_file,
        r#"schema_version = 1
id = "levels"
description = "GDP at constant prices and employment"

[source]
citation = "a statistics office's levels table"
url = "https://example.org/levels"
evidence = "confirmed"

[territory]
scope = "viet_nam"

[time]
dimension = "year"

[[series]]
indicator = "gdp_constant"
select = { item = "gdp" }
unit = "billion_vnd"

[[series]]
indicator = "employed_persons"
select = { item = "emp" }
unit = "million_persons"
"#,
    )
    .unwrap();
    let out = nangsuat()
        .args(["report", "--format", "json", "--tables"])
        .arg(&table)
        .arg("--mapping")
        .arg(&mapping_file)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let expected = 100.0 * ((110.0 / 51.0) / (100.0 / 50.0) - 1.0);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut found = Vec::new();
    fn walk(v: &serde_json::Value, found: &mut Vec<f64>) {
        match v {
            serde_json::Value::Object(m) => {
                if m.get("evidence").and_then(|e| e.as_str()) == Some("derived")
                    && let Some(x) = m.get("value").and_then(|x| x.as_f64())
                {
                    found.push(x);
                }
                m.values().for_each(|x| walk(x, found));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, found)),
            _ => {}
        }
    }
    walk(&json, &mut found);
    assert!(
        found.iter().any(|x| (x - expected).abs() < 1e-9),
        "no derived lp_growth {expected} in the report: {found:?}\n{text}"
    );
}
