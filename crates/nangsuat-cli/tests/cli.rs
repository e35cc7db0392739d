//! Every subcommand of `nangsuat`, its exit status and error paths, against published numbers
//! where there are some (PWT 10.01, DEAP 2.1's examples, METHODS §2's worked check).

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

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

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
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

fn num(row: &std::collections::HashMap<String, String>, k: &str) -> f64 {
    row[k]
        .parse()
        .unwrap_or_else(|_| panic!("{k} = {:?}", row[k]))
}

// --- help and usage --------------------------------------------------------------------------

#[test]
fn help_in_english_and_vietnamese_with_vietnamese_examples() {
    let en = nangsuat().arg("--help").assert().success();
    let en = stdout(en.get_output());
    assert!(en.contains("Usage:") && en.contains("report") && en.contains("malmquist"));
    assert!(en.contains("nangsuat validate ke-hoach.toml"));
    let vi = nangsuat()
        .args(["--lang", "vi", "--help"])
        .assert()
        .success();
    let vi = stdout(vi.get_output());
    assert!(vi.contains("Cách dùng:") && vi.contains("Lệnh:") && vi.contains("Tùy chọn:"));
    assert!(vi.contains("Báo cáo theo dõi"));
    assert!(!vi.contains("Usage:") && !vi.contains("Print help"));
    // Clap's placeholders too: `[TÙY_CHỌN] <LỆNH>`, `<TỶ_PHẦN|CỘT>`, also in usage errors
    // and in the help printed for a bare `nangsuat`.
    assert!(vi.contains("nangsuat [TÙY_CHỌN] <LỆNH>"), "{vi}");
    assert!(!vi.contains("[OPTIONS]") && !vi.contains("<COMMAND>"));
    let account = nangsuat()
        .args(["--lang", "vi", "account", "--help"])
        .assert()
        .success();
    let account = stdout(account.get_output());
    assert!(
        account.contains("--labour-share <TỶ_PHẦN|CỘT>") && account.contains("<CỘT>"),
        "{account}"
    );
    assert!(!account.contains("COLUMN") && !account.contains("[OPTIONS]"));
    nangsuat()
        .args(["--lang", "vi", "account"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("<TỶ_PHẦN|CỘT>").and(predicate::str::contains("SHARE").not()),
        );
    nangsuat().args(["--lang", "vi"]).assert().code(2).stderr(
        predicate::str::contains("[TÙY_CHỌN] <LỆNH>")
            .and(predicate::str::contains("[OPTIONS]").not()),
    );
    // The LANG environment chooses too, and every subcommand's help is translated.
    for sub in [
        "report",
        "validate",
        "account",
        "pwt-tfp",
        "progress",
        "dea",
        "malmquist",
        "shift-share",
        "index",
        "capital",
        "scenario",
        "ingest",
        "schema",
    ] {
        let out = nangsuat()
            .env("LANG", "vi_VN.UTF-8")
            .args([sub, "--help"])
            .assert()
            .success();
        let text = stdout(out.get_output());
        assert!(
            text.contains("Cách dùng:") && text.contains("Ví dụ"),
            "{sub}: {text}"
        );
        assert!(!text.contains("Print help"), "{sub}");
        // No placeholder left in English: neither clap's `[OPTIONS]` nor an option's own
        // name (`<lang>`) nor an English value name (`<COLUMN>`).
        let english_placeholder = text.match_indices('<').any(|(i, _)| {
            let rest = &text[i + 1..];
            rest.starts_with(|c: char| c.is_ascii_lowercase())
                || [
                    "COLUMN", "FILE", "YEAR", "SHARE", "RATE", "TABLE", "PLAN", "SHEET",
                ]
                .iter()
                .any(|w| rest.starts_with(w))
        });
        assert!(
            !english_placeholder && !text.contains("[OPTIONS]"),
            "{sub}: {text}"
        );
        assert!(
            !text.contains("[default:") && !text.contains("possible values"),
            "{sub}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    nangsuat().assert().code(2);
    nangsuat().arg("frobnicate").assert().code(2);
    nangsuat()
        .args(["report", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pdf"));
    // A binary format needs a file.
    nangsuat()
        .args(["report", "--format", "xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o"));
    nangsuat().args(["validate"]).assert().code(2);
}

// --- report ------------------------------------------------------------------------------------

#[test]
fn report_markdown_on_stdout_by_default() {
    let out = nangsuat().arg("report").assert().success();
    let md = stdout(out.get_output());
    assert!(md.starts_with("# Productivity plan monitoring report"));
    assert!(md.contains("vn-d36-2021"));
    let vi = nangsuat()
        .args(["report", "--lang", "vi"])
        .assert()
        .success();
    assert!(stdout(vi.get_output()).contains("Trạng thái"));
}

#[test]
fn report_in_every_format_to_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = dir.path().join("bao-cao.html");
    nangsuat()
        .args(["report", "--format", "html", "--lang", "vi", "-o"])
        .arg(&html)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&html).expect("html written");
    assert!(text.starts_with("<!DOCTYPE html>") && text.contains("lang=\"vi\""));
    let xlsx = dir.path().join("bao-cao.xlsx");
    nangsuat()
        .args(["report", "--format", "xlsx", "-o"])
        .arg(&xlsx)
        .assert()
        .success();
    assert_eq!(&std::fs::read(&xlsx).expect("xlsx")[..2], b"PK");
    let json = nangsuat()
        .args(["report", "--format", "json", "--method", "unsd"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&stdout(json.get_output())).expect("JSON");
    assert_eq!(v["method"], "unsd");
    assert!(
        v["accounting"]["years"]
            .as_array()
            .is_some_and(|y| !y.is_empty())
    );
}

#[test]
fn report_errors_name_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    nangsuat()
        .args(["report", "--plan", "khong-co.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("khong-co.toml"));
    let bad = write(
        dir.path(),
        "so-lieu.csv",
        "scope,indicator,year,value,unit,note,source_url,evidence\nnational,lp_growth,2023,abc,percent,,,confirmed\n",
    );
    nangsuat()
        .args(["report", "--observations"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("so-lieu.csv").and(predicate::str::contains("line 2")));
}

// --- validate and the round trip of a hand-edited plan ------------------------------------------

/// A plan as a person writes it: comments, keys in their own order, Vietnamese text.
const HAND_EDITED: &str = r#"
# Kế hoạch nâng cao năng suất của tỉnh — bản chỉnh sửa tay
id = "th-ns-2026"   # mã kế hoạch
schema_version = 1
territory = "thanh_hoa"
title_vi = "Kế hoạch nâng cao năng suất lao động tỉnh Thanh Hóa giai đoạn 2021–2025"
status = "issued"
level = "provincial"
issuing_body = "UBND tỉnh Thanh Hóa"
period = { end = 2025, start = 2021 }

[[legal_basis]]
document = "36/QĐ-TTg"

# Mục tiêu 1: năng suất lao động
[[goals]]
source_text = "Tốc độ tăng năng suất lao động bình quân đạt trên 7,5%/năm"
scope = { name = "thanh_hoa", level = "province" }
unit = "percent_per_year"
target = { value = 7.5, comparator = "above" }
indicator = "lp_growth_avg"
horizon = { start = 2021, end = 2025 }
baseline = { year = 2020, value = 6.0 }
id = "tang-nang-suat"

[[tasks]]
goals = ["tang-nang-suat"]
id = "ho-tro-doanh-nghiep"
text = "Hỗ trợ doanh nghiệp đổi mới công nghệ"
responsible_unit = "Sở Khoa học và Công nghệ"
budget = { amount = 5e9, currency = "VND", source = "ngân sách tỉnh" }
"#;

#[test]
fn a_hand_edited_plan_validates_and_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = write(dir.path(), "ke-hoach-thanh-hoa.toml", HAND_EDITED);
    let out = nangsuat()
        .args(["validate", "--format", "json"])
        .arg(&plan)
        .assert()
        .success();
    let findings: serde_json::Value =
        serde_json::from_str(&stdout(out.get_output())).expect("JSON findings");
    assert!(
        findings
            .as_array()
            .expect("array")
            .iter()
            .all(|f| f["severity"] != "error")
    );
    let out = nangsuat()
        .args(["report", "--lang", "vi", "--plan"])
        .arg(&plan)
        .assert()
        .success();
    let md = stdout(out.get_output());
    assert!(md.contains("th-ns-2026") && md.contains("tang-nang-suat"));
    assert!(md.contains("Tốc độ tăng năng suất lao động bình quân đạt trên 7,5%/năm"));
    let html_path = dir.path().join("r.html");
    nangsuat()
        .args(["report", "--format", "html", "--plan"])
        .arg(&plan)
        .arg("-o")
        .arg(&html_path)
        .assert()
        .success();
    let html = std::fs::read_to_string(&html_path).expect("html");
    assert!(html.contains("id=\"goal--th-ns-2026--tang-nang-suat\""));
}

#[test]
fn validate_exits_1_on_an_error_finding_and_on_a_broken_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A task pointing at a goal that does not exist (a typo in the goal's id): an error.
    let typo = HAND_EDITED.replace(
        "goals = [\"tang-nang-suat\"]",
        "goals = [\"tang-nang-xuat\"]",
    );
    let plan = write(dir.path(), "sai-ma.toml", &typo);
    nangsuat()
        .arg("validate")
        .arg(&plan)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("task_unknown_goal")
                .and(predicate::str::contains("tang-nang-xuat")),
        );
    let broken = write(
        dir.path(),
        "hong.toml",
        &HAND_EDITED.replace("level = \"provincial\"", "level = provincial"),
    );
    nangsuat()
        .arg("validate")
        .arg(&broken)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("hong.toml").and(predicate::str::contains("line")));
    let unknown = write(
        dir.path(),
        "la.toml",
        &HAND_EDITED.replace(
            "status = \"issued\"",
            "status = \"issued\"\nmuc_tieu_la = 1",
        ),
    );
    nangsuat()
        .arg("validate")
        .arg(&unknown)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("muc_tieu_la"));
}

// --- account -------------------------------------------------------------------------------------

#[test]
fn account_reproduces_the_worked_check_of_methods_section_2() {
    // Y 100→107, K 300→321, L 50→51, labour share 0.60→0.62: TFP 0.029192, share 43.15 %.
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "so-lieu.csv",
        "nam,grdp,von,lao_dong,ty_phan\n2020,100,300,50,0.60\n2021,107,321,51,0.62\n",
    );
    let out = nangsuat()
        .arg("account")
        .arg(&input)
        .args([
            "--year",
            "nam",
            "--gdp",
            "grdp",
            "--capital",
            "von",
            "--labour",
            "lao_dong",
            "--labour-share",
            "ty_phan",
        ])
        .assert()
        .success();
    let rows = csv_rows(&stdout(out.get_output()));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["tfp_growth"], ""); // no previous year: undefined, not 0
    assert!((num(&rows[1], "tfp_growth") - 0.029192).abs() < 1e-6);
    assert!((num(&rows[1], "tfp_share") - 0.4315).abs() < 1e-4);
    assert!((num(&rows[1], "labour_productivity_growth") - 0.047856).abs() < 1e-6);
}

#[test]
fn account_a_panel_with_an_entity_column_in_any_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "cac-tinh.csv",
        "tinh,year,output,capital,labour\nB,2021,107,321,51\nA,2020,100,300,50\nB,2020,100,300,50\nA,2021,110,300,50\n",
    );
    let out = nangsuat()
        .arg("account")
        .arg(&input)
        .args([
            "--entity",
            "tinh",
            "--labour-share",
            "0.6",
            "--profile",
            "gso",
        ])
        .assert()
        .success();
    let rows = csv_rows(&stdout(out.get_output()));
    // Rows come back in the input's order; A 2021: output +10 % with flat inputs is all TFP.
    assert_eq!(rows[3]["tinh"], "A");
    assert!((num(&rows[3], "tfp_growth") - 0.10).abs() < 1e-12);
    // GSO form for B: 0.07 − 0.4·0.07 − 0.6·0.02 = 0.03.
    assert!((num(&rows[0], "tfp_growth") - 0.03).abs() < 1e-12);
}

#[test]
fn account_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "loi.csv",
        "year,output,capital,labour\n2020,100,300,50\n2021,1o7,321,51\n",
    );
    nangsuat()
        .arg("account")
        .arg(&input)
        .args(["--labour-share", "0.6"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "loi.csv, line 3, column `output`: `1o7`",
        ));
    let good = write(
        dir.path(),
        "dung.csv",
        "year,output,capital,labour\n2020,100,300,50\n2021,107,321,51\n",
    );
    nangsuat()
        .arg("account")
        .arg(&good)
        .args(["--labour-share", "0.6", "--capital", "von"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no column `von`"));
    nangsuat()
        .arg("account")
        .arg(&input)
        .args(["--labour-share", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--labour-share 1.5"));
    let unsorted = write(
        dir.path(),
        "nam.csv",
        "year,output,capital,labour\n2020,100,300,50\n2020,107,321,51\n",
    );
    nangsuat()
        .arg("account")
        .arg(&unsorted)
        .args(["--labour-share", "0.6"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nam.csv").and(predicate::str::contains("2020")));
}

/// The library's errors reach a Vietnamese user in Vietnamese, with the file, series, year and
/// value (in Vietnamese number conventions), and so do failed reads and writes.
#[test]
fn library_errors_in_vietnamese_under_lang_vi() {
    let dir = tempfile::tempdir().expect("tempdir");
    let negative = write(
        dir.path(),
        "am.csv",
        "year,output,capital,labour\n2020,100,300,50\n2021,-1234.5,321,51\n",
    );
    let run = |lang: &str| {
        nangsuat()
            .args(["--lang", lang, "account"])
            .arg(&negative)
            .args(["--labour-share", "0.6"])
            .assert()
            .code(1)
    };
    run("vi").stderr(predicate::str::contains(
        "am.csv: chuỗi `output` có giá trị -1.234,5 ở năm 2021: cần một số dương",
    ));
    run("en").stderr(predicate::str::contains(
        "am.csv: series `output` has value -1234.5 in year 2021: a positive number is expected",
    ));
    let repeated = write(
        dir.path(),
        "nam.csv",
        "year,output,capital,labour\n2020,100,300,50\n2020,107,321,51\n",
    );
    nangsuat()
        .args(["--lang", "vi", "account"])
        .arg(&repeated)
        .args(["--labour-share", "0.6"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("có năm 2020 nhiều hơn một lần"));
    nangsuat()
        .args(["--lang", "vi", "report", "--observations"])
        .arg(dir.path().join("khong-co.csv"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("khong-co.csv")
                .and(predicate::str::contains("không có tệp hoặc thư mục này")),
        );
    nangsuat()
        .args(["--lang", "vi", "report", "-o"])
        .arg(dir.path().join("khong-co").join("bao-cao.md"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("không ghi được").and(predicate::str::contains("bao-cao.md")),
        );
    // A table saved in Windows-1258 ("Hà" with 0xE0 for "à"): the line and column of the first
    // such byte, and what to do; the same table saved by Excel as "CSV UTF-8" (with a BOM) reads.
    let legacy = dir.path().join("cp1258.csv");
    std::fs::write(
        &legacy,
        b"year,output,capital,labour,note\n2020,100,300,50,H\xe0\n2021,107,321,51,\n",
    )
    .expect("temp file");
    nangsuat()
        .args(["--lang", "vi", "account"])
        .arg(&legacy)
        .args(["--labour-share", "0.6"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("không đọc được tệp văn bản `").and(predicate::str::contains(
                "cp1258.csv` ở dòng 2, cột 18: byte 0xE0",
            )),
        );
    let bom = write(
        dir.path(),
        "bom.csv",
        "\u{feff}year,output,capital,labour\r\n2020,100,300,50\r\n2021,107,321,51\r\n",
    );
    nangsuat()
        .args(["--lang", "vi", "account"])
        .arg(&bom)
        .args(["--labour-share", "0.6"])
        .assert()
        .success();
}

/// A table as Excel saves "CSV" under Vietnamese regional settings (semicolons, decimal
/// commas, points grouping thousands) gives the figures of the same table written with commas
/// and decimal points; a ragged row is named by line, in the reader's language.
#[test]
fn tables_saved_by_excel_under_vietnamese_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let points = write(
        dir.path(),
        "points.csv",
        "year,output,capital,labour\n2020,1234.5,3000,50\n2021,1300.25,3210.5,51\n",
    );
    let commas = write(
        dir.path(),
        "commas.csv",
        "year;output;capital;labour\r\n2020;1.234,5;3.000;50\r\n2021;1.300,25;3210,5;51\r\n",
    );
    let run = |p: &Path| {
        let out = nangsuat()
            .arg("account")
            .arg(p)
            .args(["--labour-share", "0.6"])
            .assert()
            .success();
        stdout(out.get_output())
    };
    let (a, b) = (run(&points), run(&commas));
    assert_eq!(a, b);
    assert!((num(&csv_rows(&a)[1], "output_growth") - (1300.25f64 / 1234.5).ln()).abs() < 1e-15);
    // Tabs with decimal points (as pasted from an English spreadsheet).
    let tabs = write(
        dir.path(),
        "tabs.tsv",
        "year\toutput\tcapital\tlabour\n2020\t1234.5\t3000\t50\n2021\t1300.25\t3210.5\t51\n",
    );
    assert_eq!(run(&tabs), a);
    // In a semicolon file a point is a thousands separator: `1.5` is not a number there.
    let mixed = write(
        dir.path(),
        "mixed.csv",
        "year;output;capital;labour\n2020;1.234,5;3000;50\n2021;1.5;3210,5;51\n",
    );
    nangsuat()
        .args(["--lang", "vi", "account"])
        .arg(&mixed)
        .args(["--labour-share", "0.6"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "mixed.csv, dòng 3, cột `output`: `1.5` không phải là một số hữu hạn (dấu thập phân của tệp này là dấu phẩy",
        ));
    let ragged = write(
        dir.path(),
        "ragged.csv",
        "year,output,capital,labour\n2020,1,2,3\n2021,1.1,2.2\n",
    );
    let run = |lang: &str| {
        nangsuat()
            .args(["--lang", lang, "account"])
            .arg(&ragged)
            .args(["--labour-share", "0.6"])
            .assert()
            .code(1)
    };
    run("vi").stderr(predicate::str::contains(
        "ragged.csv, dòng 3: có 3 ô nhưng dòng tiêu đề có 4 cột",
    ));
    run("en").stderr(predicate::str::contains(
        "ragged.csv, line 3: 3 cells but the header has 4 columns",
    ));
    let twice = write(
        dir.path(),
        "twice.csv",
        "year,output,capital,labour,output\n2020,1,2,3,4\n2021,1.1,2.2,3,4\n",
    );
    nangsuat()
        .args(["--lang", "vi", "account"])
        .arg(&twice)
        .args(["--labour-share", "0.6"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "twice.csv, dòng 1: cột `output` có hai lần (cột thứ 2 và thứ 5)",
        ));
}

// --- pwt-tfp ------------------------------------------------------------------------------------

#[test]
fn pwt_tfp_reproduces_pwt_1001_rtfpna_and_ctfp() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../nangsuat/tests/fixtures/pwt1001.csv");
    let out = nangsuat().arg("pwt-tfp").arg(&fixture).assert().success();
    let ours = csv_rows(&stdout(out.get_output()));
    let text = std::fs::read_to_string(&fixture).expect("fixture");
    let published = csv_rows(&text);
    assert_eq!(ours.len(), published.len());
    let mut compared = 0;
    for (o, p) in ours.iter().zip(&published) {
        assert_eq!(o["countrycode"], p["countrycode"]);
        for col in ["rtfpna", "ctfp"] {
            if p[col].is_empty() {
                continue;
            }
            let (a, b) = (num(o, col), num(p, col));
            assert!(
                (a - b).abs() <= 2e-6 * b.abs(),
                "{} {} {col}: {a} vs {b}",
                p["countrycode"],
                p["year"]
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 2 * 1263);
}

// --- progress -----------------------------------------------------------------------------------

#[test]
fn progress_by_every_method() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(dir.path(), "nsld.csv", "year,value\n2020,100\n2023,110\n");
    let out = nangsuat()
        .arg("progress")
        .arg(&input)
        .args(["--target", "150", "--target-year", "2030"])
        .assert()
        .success();
    let rows = csv_rows(&stdout(out.get_output()));
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0]["method"], "statcan");
    assert_eq!(rows[0]["status"], "needs_acceleration");
    let r = (1.1f64.powf(1.0 / 3.0) - 1.0) / (1.5f64.powf(0.1) - 1.0);
    assert!((num(&rows[0], "figure") - r).abs() < 1e-12);
    nangsuat()
        .arg("progress")
        .arg(&input)
        .args(["--target-year", "2030"])
        .assert()
        .code(2);
    nangsuat()
        .arg("progress")
        .arg(&input)
        .args([
            "--base-year",
            "2019",
            "--target",
            "150",
            "--target-year",
            "2030",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2019"));
}

// --- dea and malmquist: DEAP 2.1's examples ----------------------------------------------------

#[test]
fn dea_reproduces_deap_example_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "eg1.csv",
        "firm,y,x1,x2\n1,1,2,5\n2,2,2,4\n3,3,6,6\n4,1,3,2\n5,2,6,2\n",
    );
    let out = nangsuat()
        .arg("dea")
        .arg(&input)
        .args(["--unit", "firm", "--inputs", "x1,x2", "--outputs", "y"])
        .assert()
        .success();
    let rows = csv_rows(&stdout(out.get_output()));
    for (row, te) in rows.iter().zip([0.500, 1.000, 0.833, 0.714, 1.000]) {
        assert!((num(row, "efficiency") - te).abs() < 5.01e-4, "{row:?}");
    }
    assert_eq!(rows[0]["peers"], "2:0.5");
    nangsuat()
        .arg("dea")
        .arg(&input)
        .args(["--unit", "firm", "--inputs", "x1,x9", "--outputs", "y"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("x9"));
}

#[test]
fn malmquist_reproduces_deap_example_4() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("firm,nam,y,x\n");
    let data = [
        (
            1,
            [(1.0, 2.0), (2.0, 4.0), (3.0, 3.0), (4.0, 5.0), (5.0, 6.0)],
        ),
        (
            2,
            [(1.0, 2.0), (3.0, 4.0), (4.0, 3.0), (3.0, 5.0), (5.0, 5.0)],
        ),
        (
            3,
            [(1.0, 2.0), (3.0, 4.0), (4.0, 3.0), (3.0, 5.0), (5.0, 5.0)],
        ),
    ];
    for (t, rows) in data {
        for (i, (y, x)) in rows.iter().enumerate() {
            text.push_str(&format!("{},{t},{y},{x}\n", i + 1));
        }
    }
    let input = write(dir.path(), "eg4.csv", &text);
    let out = nangsuat()
        .arg("malmquist")
        .arg(&input)
        .args([
            "--unit",
            "firm",
            "--period",
            "nam",
            "--inputs",
            "x",
            "--outputs",
            "y",
            "--orientation",
            "output",
            "--rts",
            "vrs",
        ])
        .assert()
        .success();
    let rows = csv_rows(&stdout(out.get_output()));
    let published = [
        [0.750, 1.333, 1.000, 0.750, 1.000],
        [1.125, 1.333, 1.222, 0.920, 1.500],
        [1.000, 1.333, 1.000, 1.000, 1.333],
        [0.562, 1.333, 0.650, 0.865, 0.750],
        [0.900, 1.333, 1.000, 0.900, 1.200],
    ];
    let first: Vec<_> = rows.iter().filter(|r| r["period_from"] == "1").collect();
    assert_eq!(first.len(), 5);
    for (row, p) in first.iter().zip(published) {
        for (name, v) in ["effch", "techch", "pech", "sech", "tfpch"].iter().zip(p) {
            assert!((num(row, name) - v).abs() < 5.01e-4, "{row:?} {name}");
        }
    }
}

// --- schema ---------------------------------------------------------------------------------------

#[test]
fn schema_plan_is_the_published_json_schema() {
    let out = nangsuat().args(["schema", "plan"]).assert().success();
    let v: serde_json::Value = serde_json::from_str(&stdout(out.get_output())).expect("JSON");
    assert_eq!(v["$id"], "urn:nangsuat:schema:plan:1");
    // `schema mapping` exists now (tests/ingest.rs); an unknown schema is a usage error.
    nangsuat().args(["schema", "table"]).assert().code(2);
}
