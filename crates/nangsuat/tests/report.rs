//! The monitoring report of the embedded plans against the embedded Viet Nam observations:
//! the verdicts a reader can check by hand against shared/data/vietnam/observations.csv.

use nangsuat::monitoring::assess::{Fact, GoalAssessment, Needed};
use nangsuat::monitoring::observation::Evidence;
use nangsuat::monitoring::progress::{ProgressFact, Status};
use nangsuat::report::{Lang, Report, words};
use nangsuat::vietnam::data::PWT_CITATION;

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
    let r = nangsuat::vietnam::report().unwrap();
    // Decision 36, LP > 7 %/yr 2021–2025: 5.24 %/yr was reported (press) for the period.
    let g = goal(&r, "vn-d36-2021", "lp-growth-2021-2025");
    assert_eq!(g.status, Status::LimitedProgress);
    assert_eq!(g.current, Some(5.24));
    assert_eq!(g.observations[0].evidence, Evidence::Press);
    let p = g.progress.as_ref().unwrap();
    assert!((p.figure.unwrap() - ((1.0524f64 - 1.0) / 0.07)).abs() < 1e-9);
    // The facts behind it: the level path (index 100·1.0524^5 against 100·1.07^5 by 2025),
    // then the target year passed with the method's finding.
    match &g.reason[0] {
        Fact::LevelPath {
            achieved,
            level,
            target_level,
            end,
            published_average,
            ..
        } => {
            assert_eq!((*achieved, *end, *published_average), (5.24, 2025, true));
            assert!((level - 100.0 * 1.0524f64.powi(5)).abs() < 1e-9);
            assert!((target_level - 100.0 * 1.07f64.powi(5)).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        &g.reason[1],
        Fact::Progress {
            progress: ProgressFact::TargetYearPassed { .. },
            on_index: true
        }
    ));
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
    match g.needed.as_ref().unwrap() {
        Needed::LevelGap {
            gap, by, from_year, ..
        } => {
            assert!((gap - 10.72).abs() < 1e-12);
            assert_eq!((*by, *from_year), (2025, 2023));
        }
        other => panic!("{other:?}"),
    }
    let needed = |lang| words::needed(lang, g.needed.as_ref().unwrap(), &g.unit);
    assert!(
        needed(Lang::En).starts_with("+10.72 % by 2025"),
        "{}",
        needed(Lang::En)
    );
    assert!(
        needed(Lang::Vi).starts_with("+10,72 % đến năm 2025"),
        "{}",
        needed(Lang::Vi)
    );
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
    let r = nangsuat::vietnam::report().unwrap();
    let f = r.feasibility.as_ref().unwrap();
    // LP 7 %/yr and employment 1 %/yr imply GDP 8.07 %/yr; TFP's 45 % needs 3.55 %/yr.
    let c = f
        .consistency
        .iter()
        .find(|c| c.plan == "vn-d36-2021")
        .unwrap();
    let en = words::consistency(Lang::En, c);
    assert!(en.contains("8.07 %/yr") && en.contains("3.55 %/yr"), "{en}");
    let vi = words::consistency(Lang::Vi, c);
    assert!(
        vi.contains("8,07 %/năm") && vi.contains("3,55 %/năm"),
        "{vi}"
    );
    // The 2026–2030 TFP requirement (4.20 %/yr) exceeds Viet Nam's best five years before 2019.
    let tfp = f
        .realism
        .iter()
        .find(|x| x.goal == "tfp-share-2026-2030")
        .unwrap();
    assert_eq!(tfp.realism.never_achieved_own(), Some(true));
    let en = words::realism(Lang::En, &tfp.realism, &r.places);
    assert!(
        en.contains("never achieved") && en.contains("Viet Nam"),
        "{en}"
    );
    let vi = words::realism(Lang::Vi, &tfp.realism, &r.places);
    assert!(
        vi.contains("chưa từng đạt") && vi.contains("Việt Nam"),
        "{vi}"
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
    let r = nangsuat::vietnam::report().unwrap();
    let en = r.to_markdown(Lang::En);
    let vi = r.to_markdown(Lang::Vi);
    assert!(en.contains("limited progress") && en.contains("Evidence"));
    assert!(vi.contains("tiến triển hạn chế") && vi.contains("Mức xác thực"));
    // verbatim wording is shown, and the history compares with GSO's published shares
    assert!(vi.contains("«phấn đấu đến năm 2025 góp phần đạt mục tiêu tăng năng suất lao động bình quân trên 7%/năm»"));
    assert!(en.contains("33.58 (confirmed)"));
    assert!(vi.contains("33,58 (có nguồn chính thức)"));
    // Decision 36's LP goal: 5.24 %/yr in English, 5,24 %/năm in Vietnamese.
    assert!(en.contains("average 5.24 %/yr over 2021–2025"), "{en}");
    assert!(
        vi.contains("bình quân 5,24 %/năm giai đoạn 2021–2025"),
        "{vi}"
    );
    // Places by name, units in words.
    assert!(vi.contains("· Quảng Ninh ·") && vi.contains("· Thanh Hóa ·"));
    assert!(en.contains("· Quang Ninh ·") && en.contains("· Viet Nam ·"));
    for text in [&en, &vi] {
        for raw in [
            "percent_per_year",
            "percent_of_growth",
            "viet_nam",
            "quang_ninh",
            "thanh_hoa",
        ] {
            assert!(!text.contains(raw), "{raw} shown as a code");
        }
        assert!(!text.contains("NaN") && !text.contains(" inf ") && !text.contains("-inf "));
        assert!(!text.contains("Some(") && !text.contains("None") && !text.contains("::"));
    }
    let json = r.to_json().unwrap();
    assert_eq!(Report::from_json(&json).unwrap(), r);
    // JSON carries the facts, tagged in snake_case.
    assert!(json.contains(r#""fact": "level_path""#), "facts are tagged");
    assert!(json.contains(r#""needed": "level_gap""#));
}

/// Removes what stays as written in any language: URLs, identifiers in backticks, quotations
/// «…», and the data citation.
fn set_aside_names_and_quotations(text: &str) -> String {
    let text = text.replace(PWT_CITATION, "");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        let skip_to = |open: &str, close: char| -> Option<usize> {
            rest.strip_prefix(open)
                .and_then(|r| r.find(close).map(|k| open.len() + k + close.len_utf8()))
        };
        let skip = if rest.starts_with("http://") || rest.starts_with("https://") {
            Some(
                rest.find(|c: char| c.is_whitespace() || c == ')' || c == ';')
                    .unwrap_or(rest.len()),
            )
        } else {
            skip_to("`", '`').or_else(|| skip_to("«", '»'))
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// English words a Vietnamese report must not contain (function words and the report's own
/// vocabulary).
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "with",
    "against",
    "growth",
    "target",
    "targets",
    "value",
    "values",
    "published",
    "year",
    "years",
    "by",
    "from",
    "needed",
    "average",
    "share",
    "labour",
    "capital",
    "status",
    "period",
    "data",
    "not",
    "met",
    "track",
    "limited",
    "progress",
    "insufficient",
    "evidence",
    "source",
    "sources",
    "press",
    "confirmed",
    "derived",
    "scenario",
    "employment",
    "investment",
    "peers",
    "achieved",
    "never",
    "missing",
    "for",
    "is",
    "at",
    "per",
    "yr",
    "index",
    "annex",
    "assumption",
    "step",
    "under",
    "basis",
    "wording",
    "also",
    "findings",
    "goal",
    "goals",
    "plan",
    "task",
    "warning",
    "error",
    "information",
    "undated",
    "path",
    "level",
    "required",
    "since",
    "above",
    "below",
    "between",
    "about",
    "must",
    "points",
    "rise",
    "reach",
    "reaches",
    "trend",
    "mean",
    "annual",
    "accounting",
    "history",
    "recent",
    "productivity",
    "persons",
    "hours",
    "quality",
    "has",
    "was",
    "be",
    "no",
    "one",
    "two",
    "only",
    "yet",
    "passed",
    "misses",
    "form",
    "profile",
    "report",
    "monitoring",
    "observations",
    "latest",
    "goal",
    "cannot",
    "each",
    "which",
    "sensitivity",
    "depreciation",
    "pace",
    "actual",
    "assumed",
];

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// `digit sep digit…` where `sep` followed by 1–2 or 4+ digits is a decimal separator, and by
/// exactly 3 a thousands separator (ambiguous, so not counted).
fn decimals_with(text: &str, sep: char) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == sep && chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit() {
            let n = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if n != 3 {
                let start = i.saturating_sub(6);
                found.push(chars[start..(i + 1 + n).min(chars.len())].iter().collect());
            }
        }
    }
    found
}

#[test]
fn the_vietnamese_report_reads_as_vietnamese_and_the_english_as_english() {
    let r = nangsuat::vietnam::report().unwrap();
    let vi = set_aside_names_and_quotations(&r.to_markdown(Lang::Vi));
    let en = set_aside_names_and_quotations(&r.to_markdown(Lang::En));
    let found = english_words(&vi);
    assert!(
        found.is_empty(),
        "English words in the Vietnamese report: {found:?}"
    );
    // The check can fail: the English report is full of them.
    assert!(english_words(&en).len() > 500);
    // Vietnamese writes a decimal comma, English a decimal point, everywhere.
    let points = decimals_with(&vi, '.');
    assert!(
        points.is_empty(),
        "decimal points in Vietnamese: {points:?}"
    );
    let commas = decimals_with(&en, ',');
    assert!(commas.is_empty(), "decimal commas in English: {commas:?}");
    assert!(!decimals_with(&vi, ',').is_empty() && !decimals_with(&en, '.').is_empty());
    // No Vietnamese label leaks into the English report.
    for word in ["Trạng thái", "Căn cứ", "năm", "đạt", "số liệu"] {
        assert!(!en.contains(word), "{word} in English");
    }
}
