//! The report's forms people pass on: HTML (structure, escaping, self-containment), the Excel
//! workbook re-read by an independent reader (calamine), and reviewed snapshots of the
//! Markdown and HTML of the embedded plans.

use nangsuat::plan::Plan;
use nangsuat::report::{Lang, Report, assess};

fn vietnam() -> Report {
    nangsuat::vietnam::report().expect("embedded data are consistent")
}

#[test]
fn html_has_every_goal_every_chart_titled_and_nothing_external() {
    let r = vietnam();
    for lang in [Lang::Vi, Lang::En] {
        let html = r.to_html(lang);
        for p in &r.plans {
            for g in &p.goals {
                let id = format!("id=\"goal--{}--{}\"", p.id, g.goal);
                assert!(html.contains(&id), "{lang:?}: goal {} missing", g.goal);
            }
        }
        // Every SVG has a title element and axis text; none is empty.
        let svgs = html.matches("<svg").count();
        assert!(svgs >= 4, "{svgs} charts");
        assert_eq!(svgs, html.matches("<title id=").count());
        // Self-contained: no script, no external resource, no remote font or image.
        for bad in [
            "<script", "<link", "@import", "url(", "<img", "<iframe", "src=",
        ] {
            assert!(!html.contains(bad), "{lang:?}: {bad}");
        }
        assert!(html.contains("@media print"));
        // Status is a label, not colour alone.
        for (s, _) in r.status_counts() {
            let label = nangsuat::report::words::status(lang, s);
            assert!(html.contains(label), "{label}");
        }
    }
    let vi = r.to_html(Lang::Vi);
    assert!(vi.contains("Đóng góp vào tăng trưởng GDP theo năm"));
    // Words, not codes; Vietnamese numbers (as the Markdown report's tests check in full).
    for code in [
        "percent_per_year",
        "percent_of_growth",
        "viet_nam",
        "quang_ninh",
    ] {
        let visible = vi
            .replace(&format!("\"{code}"), "")
            .replace(&format!("--{code}"), "");
        assert!(
            !visible.contains(&format!(">{code}<")) && !visible.contains(&format!(" {code}")),
            "{code}"
        );
    }
    assert!(vi.contains("5,24") && !vi.contains(">5.24"));
    assert!(vi.contains("Độ nhạy của tỷ trọng TFP"));
    let en = r.to_html(Lang::En);
    assert!(en.contains("Contributions to GDP growth by period"));
}

#[test]
fn text_from_plan_files_cannot_inject_html() {
    let toml = r#"
schema_version = 1
id = "evil<script>alert(1)</script>"
title_vi = "</title><script>alert('vi')</script>"
title_en = "<img src=x onerror=alert(1)>"
level = "provincial"
status = "issued"
issuing_body = "<i>UBND</i>"
territory = "thanh_hoa"
period = { start = 2021, end = 2025 }

[[goals]]
id = "g\"><script>x</script>"
indicator = "lp_growth_avg"
target = { comparator = "above", value = 7.0 }
unit = "percent_per_year"
horizon = { start = 2021, end = 2025 }
scope = { level = "province", name = "thanh_hoa" }
source_text = "<b onmouseover=alert(1)>bold</b> & 'quoted'"
"#;
    let plan = Plan::from_toml(toml).expect("a valid plan");
    let r = assess(
        &[plan],
        &nangsuat::vietnam::Vietnam::get().observations().clone(),
    );
    for lang in [Lang::Vi, Lang::En] {
        let html = r.to_html(lang);
        assert!(!html.contains("<script"), "{lang:?}");
        assert!(!html.contains("<img"), "{lang:?}");
        assert!(!html.contains("<b onmouseover"), "{lang:?}");
        assert!(html.contains("&lt;script&gt;"));
    }
}

#[cfg(feature = "xlsx")]
mod workbook {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn open(r: &Report, lang: Lang) -> Xlsx<Cursor<Vec<u8>>> {
        let bytes = r.to_xlsx(lang).expect("workbook");
        Xlsx::new(Cursor::new(bytes)).expect("calamine reads the workbook")
    }

    #[test]
    fn sheets_in_the_report_language() {
        let r = vietnam();
        let vi = open(&r, Lang::Vi);
        assert_eq!(
            vi.sheet_names(),
            [
                "Tóm tắt",
                "Mục tiêu",
                "Số liệu sử dụng",
                "Rà soát kế hoạch",
                "Hạch toán tăng trưởng"
            ]
        );
        let en = open(&r, Lang::En);
        assert_eq!(
            en.sheet_names(),
            [
                "Summary",
                "Goals",
                "Observations used",
                "Validation findings",
                "Growth accounting"
            ]
        );
    }

    #[test]
    fn one_row_per_goal_and_numbers_stored_as_numbers() {
        let r = vietnam();
        let mut wb = open(&r, Lang::En);
        let goals = wb.worksheet_range("Goals").expect("goals sheet");
        let rows: Vec<_> = goals.rows().collect();
        let n_goals: usize = r.plans.iter().map(|p| p.goals.len()).sum();
        assert_eq!(rows.len(), 1 + n_goals);
        assert_eq!(rows[0][0], Data::String("Plan".into()));
        let mut k = 1;
        for p in &r.plans {
            for g in &p.goals {
                let row = &rows[k];
                assert_eq!(row[0], Data::String(p.id.clone()));
                assert_eq!(row[1], Data::String(g.goal.clone()));
                match g.current {
                    Some(v) => assert_eq!(row[6], Data::Float(v), "{}", g.goal),
                    None => assert_eq!(row[6], Data::Empty, "{}", g.goal),
                }
                k += 1;
            }
        }
        // Summary counts are numbers and add up to the goals.
        let summary = wb.worksheet_range("Summary").expect("summary");
        let counted: f64 = summary
            .rows()
            .skip(1)
            .take(r.status_counts().len())
            .map(|row| match row[1] {
                Data::Float(v) => v,
                ref other => panic!("count stored as {other:?}"),
            })
            .sum();
        assert_eq!(counted as usize, n_goals);
        // Observations used: one row per cited observation, values as numbers.
        let obs = wb
            .worksheet_range("Observations used")
            .expect("observations");
        let cited: usize = r
            .plans
            .iter()
            .flat_map(|p| &p.goals)
            .map(|g| g.observations.len())
            .sum();
        assert_eq!(obs.rows().count(), 1 + cited);
        assert!(
            obs.rows()
                .skip(1)
                .all(|row| matches!(row[3], Data::Float(_)))
        );
        // Growth accounting: contributions add up to output growth in every numeric row.
        let ga = wb.worksheet_range("Growth accounting").expect("accounting");
        let annex = r.accounting.as_ref().expect("annex");
        assert_eq!(
            ga.rows().count(),
            1 + annex.years.len() + annex.periods.len()
        );
        for row in ga.rows().skip(1) {
            let v: Vec<f64> = row[1..6]
                .iter()
                .map(|c| match c {
                    Data::Float(v) => *v,
                    other => panic!("{other:?}"),
                })
                .collect();
            assert!((v[1] + v[2] + v[3] + v[4] - v[0]).abs() < 1e-9);
        }
        // Findings: one row per finding.
        let f = wb.worksheet_range("Validation findings").expect("findings");
        assert_eq!(f.rows().count(), 1 + r.findings.len());
    }
}

#[test]
fn snapshot_markdown_en() {
    insta::assert_snapshot!("vietnam_report_en.md", vietnam().to_markdown(Lang::En));
}

#[test]
fn snapshot_markdown_vi() {
    insta::assert_snapshot!("vietnam_report_vi.md", vietnam().to_markdown(Lang::Vi));
}

#[test]
fn snapshot_html_en() {
    insta::assert_snapshot!("vietnam_report_en.html", vietnam().to_html(Lang::En));
}

#[test]
fn snapshot_html_vi() {
    insta::assert_snapshot!("vietnam_report_vi.html", vietnam().to_html(Lang::Vi));
}
