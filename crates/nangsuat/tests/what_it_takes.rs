//! "What it takes" in the report: typed facts for every Viet Nam goal the scenario speaks to,
//! inverted back through the projection, worded in both languages.

use nangsuat::monitoring::requirement::{Outcome, Requirement};
use nangsuat::report::{Lang, Report};

#[test]
fn report_carries_what_it_takes_and_it_inverts_back() {
    let report = nangsuat::vietnam::report().unwrap();
    let f = report.feasibility.as_ref().unwrap();
    assert!(f.what_it_takes.len() >= 4, "{}", f.what_it_takes.len());
    for g in &f.what_it_takes {
        let r = &g.result;
        let Requirement::Value { value, .. } = r.requirement else {
            continue;
        };
        let p = r.assumption.set(&f.scenario, value).project().unwrap();
        let got = r.target.outcome.of(&p).unwrap();
        assert!(r.target.is_met(Some(got)), "{}: {got}", r.target.id);
        let bound = r.target.low.or(r.target.high).unwrap();
        assert!(
            (got - bound).abs() < 1e-9,
            "{}: {got} vs {bound}",
            r.target.id
        );
    }
    let lp = f
        .what_it_takes
        .iter()
        .find(|g| g.result.target.id == "lp-growth-2021-2025")
        .unwrap();
    assert_eq!(lp.result.target.outcome, Outcome::LpGrowth);
    assert!(lp.result.value().is_some());
    let en = report.to_markdown(Lang::En);
    assert!(
        en.contains("What it takes") && en.contains("at least"),
        "{en}"
    );
    let vi = report.to_markdown(Lang::Vi);
    assert!(vi.contains("Cần gì để đạt mục tiêu") && vi.contains("tối thiểu"));
    // The JSON form round-trips the typed facts.
    let back: Report = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    assert_eq!(
        back.feasibility.unwrap().what_it_takes,
        f.what_it_takes.clone()
    );
}
