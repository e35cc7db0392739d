//! The monitoring report of the embedded plans against the embedded Viet Nam observations:
//! the verdicts a reader can check by hand against shared/data/vietnam/observations.csv.

use nangsuat::monitoring::assess::GoalAssessment;
use nangsuat::monitoring::observation::Evidence;
use nangsuat::monitoring::progress::Status;
use nangsuat::report::{Lang, Report};

fn goal<'a>(report: &'a Report, plan: &str, goal: &str) -> &'a GoalAssessment {
    report
        .plans
        .iter()
        .find(|p| p.id == plan)
        .and_then(|p| p.goals.iter().find(|g| g.goal == goal))
        .unwrap_or_else(|| panic!("{plan}/{goal}"))
}

#[test]
fn verdicts_on_the_embedded_data() {
    let r = Report::vietnam().unwrap();
    // Decision 36, LP > 7 %/yr 2021–2025: 5.24 %/yr was reported (press) for the period.
    let g = goal(&r, "vn-d36-2021", "lp-growth-2021-2025");
    assert_eq!(g.status, Status::LimitedProgress);
    assert_eq!(g.current, Some(5.24));
    assert_eq!(g.observations[0].evidence, Evidence::Press);
    let p = g.progress.as_ref().unwrap();
    assert!((p.figure.unwrap() - ((1.0524f64 - 1.0) / 0.07)).abs() < 1e-9);
    // TFP ≈ 45 % of growth 2021–2025: mean of the press values 43.8, 44.8, 46.4 = 45.0.
    let g = goal(&r, "vn-d36-2021", "tfp-share-2021-2025");
    assert_eq!(g.status, Status::OnTrack);
    assert!((g.current.unwrap() - 45.0).abs() < 1e-12);
    assert!(g.observations.iter().all(|o| o.evidence == Evidence::Press));
    // 2026–2030 goals: nothing to measure yet.
    for id in [
        "lp-growth-2026-2030",
        "tfp-share-2026-2030",
        "provinces-2030",
        "corporations-2030",
        "smes-2030",
    ] {
        assert_eq!(
            goal(&r, "vn-d36-2021", id).status,
            Status::NotYetMeasurable,
            "{id}"
        );
    }
    // Thanh Hóa: 60 S&T enterprises by 2025, 32 (2023) then 31 (2025): missed, moving away.
    let g = goal(&r, "th-st-breakthrough-2021", "st-enterprises-2025");
    assert_eq!((g.status, g.current), (Status::Deteriorating, Some(31.0)));
    // Thanh Hóa LP ≥ 7 %/yr: 10.4 %/yr 2021–2025 (press).
    let g = goal(&r, "th-st-breakthrough-2021", "lp-growth-2021-2025");
    assert_eq!((g.status, g.current), (Status::Achieved, Some(10.4)));
    // Digital economy ≈ 20 % of GRDP by 2025: one value, 8.28 (2023): what is needed is said.
    let g = goal(&r, "th-st-breakthrough-2021", "digital-economy-2025");
    assert_eq!(g.status, Status::InsufficientData);
    assert!(g.needed.as_deref().unwrap().starts_with("+10.72 by 2025"));
    // Quảng Ninh LP > 11 %/yr: annual values only for 2022 and 2024: no average is invented.
    let g = goal(&r, "qn-d36-2021", "lp-growth");
    assert_eq!(g.status, Status::InsufficientData);
    assert!(g.current.is_none());
    // Every number in the report is finite.
    for g in r.plans.iter().flat_map(|p| &p.goals) {
        assert!(g.current.is_none_or(f64::is_finite), "{}", g.goal);
        if let Some(p) = &g.progress {
            assert!(p.figure.is_none_or(f64::is_finite) && p.score.is_none_or(f64::is_finite));
        }
    }
    let total: usize = r.status_counts().iter().map(|c| c.1).sum();
    assert_eq!(total, 24);
}

#[test]
fn feasibility_on_the_embedded_plans() {
    let r = Report::vietnam().unwrap();
    let f = r.feasibility.as_ref().unwrap();
    // LP 7 %/yr and employment 1 %/yr imply GDP 8.07 %/yr; TFP's 45 % needs 3.55 %/yr.
    let c = f
        .consistency
        .iter()
        .find(|c| c.plan == "vn-d36-2021")
        .unwrap();
    assert!(
        c.message.contains("8.07 %/yr") && c.message.contains("3.55 %/yr"),
        "{}",
        c.message
    );
    // The 2026–2030 TFP requirement (4.20 %/yr) exceeds Viet Nam's best five years before 2019.
    let tfp = f
        .realism
        .iter()
        .find(|x| x.goal == "tfp-share-2026-2030")
        .unwrap();
    assert!(
        tfp.realism.verdict.contains("never achieved"),
        "{}",
        tfp.realism.verdict
    );
    // Viet Nam's own LP record ends in 2018 (PWT's 2019 employment break is excluded).
    let lp = f
        .realism
        .iter()
        .find(|x| x.goal == "lp-growth-2021-2025")
        .unwrap();
    assert!(lp.realism.own_best.as_ref().unwrap().to <= 2018);
    // The baseline scenario does not deliver 7 %/yr LP growth.
    let g = f
        .goals
        .iter()
        .find(|g| g.goal == "lp-growth-2021-2025")
        .unwrap();
    assert!(!g.met && g.projected < 7.0);
    assert_eq!(f.sensitivity.len(), 5);
}

#[test]
fn renders_in_both_languages_and_json() {
    let r = Report::vietnam().unwrap();
    let en = r.to_markdown(Lang::En);
    let vi = r.to_markdown(Lang::Vi);
    assert!(en.contains("limited progress") && en.contains("Evidence"));
    assert!(vi.contains("tiến triển hạn chế") && vi.contains("Mức xác thực"));
    // verbatim wording is shown, and the history compares with GSO's published shares
    assert!(vi.contains("«phấn đấu đến năm 2025 góp phần đạt mục tiêu tăng năng suất lao động bình quân trên 7%/năm»"));
    assert!(en.contains("33.58 (confirmed)"));
    assert!(!en.contains("NaN") && !en.contains(" inf ") && !en.contains("-inf"));
    let json = r.to_json().unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}
