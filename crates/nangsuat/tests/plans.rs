//! The embedded plans against their seed documents, plan files round trips, and every
//! validation code.

use nangsuat::plan::goal::{Goal, Horizon, Relation, Scope, Target};
use nangsuat::plan::validation::{FindingCode, Severity, validate_plans};
use nangsuat::plan::{
    BudgetLine, LegalReference, Period, Plan, PlanLevel, PlanStatus, Source, Task,
};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The seed documents (shared/seeds beside the repository, as CI lays it out).
fn seeds() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("seed documents expected at {}: {e}", dir.display()))
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    assert_eq!(texts.len(), 4);
    texts
}

#[test]
fn every_wording_is_verbatim_from_a_seed_document() {
    let seeds = seeds();
    let in_seeds = |s: &str| seeds.iter().any(|t| t.contains(s));
    let mut checked = 0;
    for plan in nangsuat::vietnam::plans::builtin() {
        assert!(in_seeds(&plan.title_vi), "{}: title", plan.id);
        for o in &plan.objectives {
            assert!(in_seeds(o), "{}: objective {o}", plan.id);
            checked += 1;
        }
        for g in &plan.goals {
            if let Some(text) = &g.source_text {
                assert!(in_seeds(text), "{}/{}: {text}", plan.id, g.id);
                checked += 1;
            } else {
                // Only goals read from press summaries of the decision lack the wording.
                assert!(
                    g.note.as_deref().unwrap_or("").contains("Press summar"),
                    "{}/{}",
                    plan.id,
                    g.id
                );
            }
        }
        for t in &plan.tasks {
            assert!(in_seeds(&t.text), "{}/{}: {}", plan.id, t.id, t.text);
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked}");
}

/// Every quantitative target of the seed documents, as embedded. A change to a target fails here.
#[test]
fn lists_the_embedded_targets() {
    let mut lines = Vec::new();
    for plan in nangsuat::vietnam::plans::builtin() {
        for g in &plan.goals {
            let target = match &g.target {
                Target::Between { low, high } => format!("between {low}-{high}"),
                Target::About { value, tolerance } => format!("about {value} tol {tolerance:?}"),
                t => format!(
                    "{} {}",
                    t.comparator(),
                    t.lower_bound().or(t.upper_bound()).unwrap()
                ),
            };
            let horizon = match g.horizon {
                Some(Horizon {
                    start: Some(s),
                    end,
                }) => format!("{s}-{end}"),
                Some(Horizon { start: None, end }) => format!("by {end}"),
                None => "plan period".into(),
            };
            lines.push(format!(
                "{} | {} | {} | {target} {} | {horizon} | {}",
                plan.id, g.id, g.indicator, g.unit, g.scope.name
            ));
        }
    }
    let expected = "\
vn-d36-2021 | lp-growth-2021-2025 | lp_growth_avg | above 7 percent_per_year | 2021-2025 | viet_nam
vn-d36-2021 | tfp-share-2021-2025 | tfp_contribution | about 45 tol None percent_of_growth | 2021-2025 | viet_nam
vn-d36-2021 | provinces-2025 | provinces_with_d36_plan | between 12-15 count | by 2025 | viet_nam
vn-d36-2021 | corporations-2025 | corporations_with_productivity_plan | between 3-5 count | by 2025 | viet_nam
vn-d36-2021 | lp-growth-2026-2030 | lp_growth_avg | above 7.5 percent_per_year | 2026-2030 | viet_nam
vn-d36-2021 | tfp-share-2026-2030 | tfp_contribution | about 50 tol None percent_of_growth | 2026-2030 | viet_nam
vn-d36-2021 | provinces-2030 | provinces_with_d36_plan | between 30-35 count | by 2030 | viet_nam
vn-d36-2021 | corporations-2030 | corporations_with_productivity_plan | between 5-7 count | by 2030 | viet_nam
vn-d36-2021 | smes-2030 | smes_with_pilot_projects | at_least 500 count | by 2030 | viet_nam
qn-d36-2021 | lp-growth | lp_growth_avg | above 11 percent_per_year | plan period | quang_ninh
qn-d36-2021 | smes-2030 | smes_with_pilot_projects | about 50 tol None count | by 2030 | quang_ninh
qn-d36-2021 | student-clubs | productivity_clubs | at_least 1 count | plan period | quang_ninh
th-d36-commitment-2021 | d36-plan-2025 | d36_plan_completed | equal 1 milestone | by 2025 | thanh_hoa
th-st-breakthrough-2021 | st-enterprises-new | st_enterprises_new | at_least 30 count | plan period | thanh_hoa
th-st-breakthrough-2021 | st-enterprises-2025 | st_enterprises | at_least 60 count | by 2025 | thanh_hoa
th-st-breakthrough-2021 | software-incubated | software_enterprises_incubated | at_least 10 count | plan period | thanh_hoa
th-st-breakthrough-2021 | researchers | researchers_per_10k_pop | at_least 7 per_10000_people | plan period | thanh_hoa
th-st-breakthrough-2021 | smart-hospitals-provincial-2025 | smart_hospitals_provincial | at_least 2 count | by 2025 | thanh_hoa
th-st-breakthrough-2021 | smart-hospitals-district-2025 | smart_hospitals_district | at_least 6 count | by 2025 | thanh_hoa
th-st-breakthrough-2021 | primary-health-ehr | primary_health_ehr_share | equal 100 percent | plan period | thanh_hoa
th-st-breakthrough-2021 | tfp-share-2021-2025 | tfp_contribution | about 45 tol None percent_of_growth | 2021-2025 | thanh_hoa
th-st-breakthrough-2021 | digital-economy-2025 | digital_economy_share_grdp | about 20 tol None percent | by 2025 | thanh_hoa
th-st-breakthrough-2021 | lp-growth-2021-2025 | lp_growth_avg | at_least 7 percent_per_year | 2021-2025 | thanh_hoa
th-st-breakthrough-2021 | broadband-communes-2025 | broadband_commune_coverage | equal 100 percent | by 2025 | thanh_hoa";
    assert_eq!(lines.join("\n"), expected);
}

#[test]
fn hierarchy_points_to_decision_36() {
    let plans = nangsuat::vietnam::plans::builtin();
    for id in ["qn-d36-2021", "th-d36-commitment-2021"] {
        let p = plans.iter().find(|p| p.id == id).unwrap();
        assert_eq!(p.parent.as_deref(), Some("vn-d36-2021"));
        assert_eq!(p.legal_basis[0].document, "36/QĐ-TTg");
        assert_eq!(p.legal_basis[0].date.as_deref(), Some("11/01/2021"));
    }
}

#[test]
fn embedded_plans_round_trip_through_toml_and_json() {
    for (name, text) in nangsuat::vietnam::plans::PLAN_FILES {
        let plan = Plan::from_toml(text).unwrap();
        let json = plan.to_json().unwrap();
        let from_json = Plan::from_json(&json).unwrap();
        assert_eq!(from_json, plan, "{name}");
        let toml = from_json.to_toml().unwrap();
        assert_eq!(Plan::from_toml(&toml).unwrap(), plan, "{name}");
        // Writing is deterministic: the same model gives the same text.
        assert_eq!(Plan::from_toml(&toml).unwrap().to_toml().unwrap(), toml);
    }
}

/// What the Thanh Hóa meeting of 25/02/2021 said of the draft, validation says too.
#[test]
fn validation_reports_what_the_seed_meeting_reported() {
    let findings = validate_plans(nangsuat::vietnam::plans::builtin());
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let without_task: BTreeSet<_> = findings
        .iter()
        .filter(|f| {
            f.code == FindingCode::GoalWithoutTask && f.location.plan == "th-st-breakthrough-2021"
        })
        .map(|f| f.location.goal.clone().unwrap())
        .collect();
    // Nine of the eleven goals have no solution; the two digital goals have one.
    assert_eq!(without_task.len(), 9, "{without_task:?}");
    assert!(!without_task.contains("digital-economy-2025"));
    // "đề xuất các phương án về kinh phí thực hiện": no task has a budget.
    assert!(
        findings
            .iter()
            .any(|f| f.code == FindingCode::TaskWithoutBudget
                && f.location.plan == "th-st-breakthrough-2021")
    );
}

// ---------------------------------------------------------------------------------------------
// Every validation code, each triggered by one change to a clean plan.

fn clean_plan() -> Plan {
    let text = r#"
schema_version = 1
id = "clean"
title_vi = "Kế hoạch mẫu"
level = "provincial"
status = "issued"
issuing_body = "UBND tỉnh"
territory = "thanh_hoa"
period = { start = 2021, end = 2025 }
parent = "national"

[[legal_basis]]
document = "36/QĐ-TTg"

[[goals]]
id = "lp"
indicator = "lp_growth_avg"
target = { comparator = "above", value = 8.0 }
unit = "percent_per_year"
horizon = { start = 2021, end = 2025 }
scope = { level = "province", name = "thanh_hoa" }
baseline = { year = 2020, value = 6.0 }
source_text = "tăng năng suất lao động bình quân trên 8%/năm"

[[tasks]]
id = "t1"
text = "Hỗ trợ doanh nghiệp"
goals = ["lp"]
responsible_unit = "Sở KH&CN"
budget = { amount = 1e9, currency = "VND", source = "ngân sách tỉnh" }
"#;
    Plan::from_toml(text).unwrap()
}

fn national() -> Plan {
    let mut p = clean_plan();
    p.id = "national".into();
    p.level = PlanLevel::National;
    p.parent = None;
    p.goals[0].scope =
        serde_json::from_value::<Scope>(serde_json::json!({"level": "nation", "name": "viet_nam"}))
            .unwrap();
    p.goals[0].target = Target::Above { value: 7.0 };
    p
}

fn codes(plans: &[Plan]) -> BTreeSet<FindingCode> {
    validate_plans(plans).into_iter().map(|f| f.code).collect()
}

#[test]
fn clean_plan_has_no_findings() {
    assert!(
        validate_plans(&[national(), clean_plan()]).is_empty(),
        "{:#?}",
        validate_plans(&[national(), clean_plan()])
    );
}

#[test]
fn every_validation_code_fires() {
    type Mutation = fn(&mut Vec<Plan>);
    let cases: Vec<(FindingCode, Mutation)> = vec![
        (FindingCode::DuplicateId, |ps| {
            let t = ps[1].tasks[0].clone();
            ps[1].tasks.push(t);
        }),
        (FindingCode::ParentCycle, |ps| {
            ps[0].parent = Some("clean".into())
        }),
        (FindingCode::UnknownParent, |ps| {
            ps[1].parent = Some("nowhere".into())
        }),
        (FindingCode::UnknownIndicator, |ps| {
            ps[1].goals[0].indicator = "happiness".into()
        }),
        (FindingCode::UnknownUnit, |ps| {
            ps[1].goals[0].unit = "furlongs".into();
        }),
        (FindingCode::UnitMismatch, |ps| {
            ps[1].goals[0].unit = "percent".into()
        }),
        (FindingCode::InvalidTarget, |ps| {
            ps[1].goals[0].target = Target::Between {
                low: 9.0,
                high: 8.0,
            }
        }),
        (FindingCode::HorizonOutsidePeriod, |ps| {
            ps[1].goals[0].horizon = Some(Horizon {
                start: Some(2021),
                end: 2030,
            })
        }),
        (FindingCode::GoalWithoutTask, |ps| {
            ps[1].tasks[0].goals.clear()
        }),
        (FindingCode::TaskUnknownGoal, |ps| {
            ps[1].tasks[0].goals.push("ghost".into())
        }),
        (FindingCode::DuplicateGoal, |ps| {
            let mut g = ps[1].goals[0].clone();
            g.id = "lp-again".into();
            ps[1].goals.push(g);
            ps[1].tasks[0].goals.push("lp-again".into());
        }),
        (FindingCode::OverlappingGoals, |ps| {
            let mut g = ps[1].goals[0].clone();
            g.id = "lp-other".into();
            g.target = Target::AtLeast { value: 9.0 };
            ps[1].goals.push(g);
            ps[1].tasks[0].goals.push("lp-other".into());
        }),
        (FindingCode::GoalWithoutLegalBasis, |ps| {
            ps[1].legal_basis.clear()
        }),
        (FindingCode::GoalWithoutBaseline, |ps| {
            ps[1].goals[0].baseline = None
        }),
        (FindingCode::GoalWithoutSourceText, |ps| {
            ps[1].goals[0].source_text = None
        }),
        (FindingCode::WeakerThanParent, |ps| {
            ps[1].goals[0].target = Target::Above { value: 6.5 }
        }),
        (FindingCode::TaskWithoutBudget, |ps| {
            ps[1].tasks[0].budget = None
        }),
        (FindingCode::TaskWithoutResponsibleUnit, |ps| {
            ps[1].tasks[0].responsible_unit = None
        }),
    ];
    let mut seen = BTreeSet::new();
    for (code, mutate) in cases {
        let mut plans = vec![national(), clean_plan()];
        mutate(&mut plans);
        let found = codes(&plans);
        assert!(found.contains(&code), "{code}: found {found:?}");
        seen.insert(code);
    }
    // Each finding carries the location and a message.
    let mut plans = vec![national(), clean_plan()];
    plans[1].tasks[0].goals.clear();
    let f = validate_plans(&plans)
        .into_iter()
        .find(|f| f.code == FindingCode::GoalWithoutTask)
        .unwrap();
    assert_eq!(f.location.plan, "clean");
    assert_eq!(f.location.goal.as_deref(), Some("lp"));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(seen.len(), 18, "every code is covered");
}

#[test]
fn natural_limit_and_non_finite_targets_are_invalid() {
    let mut p = clean_plan();
    p.goals[0].indicator = "broadband_commune_coverage".into();
    p.goals[0].unit = "percent".into();
    p.goals[0].target = Target::AtLeast { value: 120.0 };
    assert!(
        p.validate()
            .iter()
            .any(|f| f.code == FindingCode::InvalidTarget && f.message.contains("natural limit"))
    );
    p.goals[0].target = Target::Equal { value: f64::NAN };
    assert!(
        p.validate()
            .iter()
            .any(|f| f.code == FindingCode::InvalidTarget)
    );
    assert!(p.to_json().is_err());
}

// ---------------------------------------------------------------------------------------------
// Lossless round trips of arbitrary plans.

fn text() -> impl Strategy<Value = String> {
    // Vietnamese letters, punctuation TOML must escape, and non-breaking spaces.
    "[a-zA-Zđơưăâêôàáảãạếềểễệ0-9 ,.;:/%–\"\\\\\u{a0}\n]{0,40}"
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6f64..1e6,
        Just(0.0),
        Just(-0.0),
        Just(1e-300),
        Just(0.1 + 0.2)
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        number().prop_map(|value| Target::Above { value }),
        number().prop_map(|value| Target::AtLeast { value }),
        number().prop_map(|value| Target::Below { value }),
        number().prop_map(|value| Target::AtMost { value }),
        number().prop_map(|value| Target::Equal { value }),
        (number(), prop::option::of(number()))
            .prop_map(|(value, tolerance)| Target::About { value, tolerance }),
        (number(), number()).prop_map(|(low, high)| Target::Between { low, high }),
        (text(), any::<bool>()).prop_map(|(reference, above)| Target::Relative {
            reference,
            relation: if above {
                Relation::Above
            } else {
                Relation::Below
            },
        }),
    ]
}

fn goal() -> impl Strategy<Value = Goal> {
    (
        (text(), text(), target(), text()),
        (
            prop::option::of((prop::option::of(1990i32..2050), 1990i32..2050)),
            prop::option::of((1990i32..2050, number(), prop::option::of(text()))),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
            prop::option::of(text()),
            prop::option::of(text()),
            text(),
        ),
    )
        .prop_map(|((id, indicator, target, unit), (horizon, baseline, source_text, legal_basis, source, note, scope_name))| {
            let json = serde_json::json!({
                "id": id, "indicator": indicator, "target": target, "unit": unit,
                "horizon": horizon.map(|(start, end)| Horizon { start, end }),
                "scope": {"level": "province", "name": scope_name},
                "baseline": baseline.map(|(year, value, source)| serde_json::json!({"year": year, "value": value, "source": source})),
                "source_text": source_text, "legal_basis": legal_basis, "source": source, "note": note,
            });
            serde_json::from_value(json).unwrap()
        })
}

fn task() -> impl Strategy<Value = Task> {
    (text(), text(), prop::collection::vec(text(), 0..3), prop::option::of(text()), prop::option::of((1990i32..2050, 1990i32..2050)), prop::option::of((number(), text())))
        .prop_map(|(id, text, goals, responsible_unit, timeline, budget)| {
            serde_json::from_value(serde_json::json!({
                "id": id, "text": text, "goals": goals, "responsible_unit": responsible_unit,
                "timeline": timeline.map(|(start, end)| Period { start, end }),
                "budget": budget.map(|(amount, currency)| serde_json::json!({"amount": amount, "currency": currency})),
            }))
            .unwrap()
        })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        (text(), text(), prop::option::of(text()), text(), text(), 1990i32..2050, 0i32..20),
        (
            prop::collection::vec((text(), prop::option::of(text()), prop::option::of(text())), 0..3),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(goal(), 0..4),
            prop::collection::vec(task(), 0..3),
            prop::collection::vec((text(), number(), text()), 0..2),
            prop::collection::vec(text(), 0..2),
            prop::collection::vec((text(), text(), prop::option::of(text())), 0..2),
        ),
    )
        .prop_map(|((id, title_vi, title_en, body, territory, start, len), (legal, parent, objectives, goals, tasks, budget, units, sources))| {
            let mut p = Plan::from_toml(&format!(
                "schema_version = 1\nid = \"x\"\ntitle_vi = \"x\"\nlevel = \"sectoral\"\nstatus = \"draft\"\n\
                 issuing_body = \"x\"\nterritory = \"x\"\nperiod = {{ start = {start}, end = {} }}\n", start + len)).unwrap();
            p.id = id;
            p.title_vi = title_vi;
            p.title_en = title_en;
            p.issuing_body = body;
            p.territory = territory;
            p.status = PlanStatus::Issued;
            p.legal_basis = legal.into_iter().map(|(document, date, title)| {
                serde_json::from_value::<LegalReference>(serde_json::json!({"document": document, "date": date, "title": title})).unwrap()
            }).collect();
            p.parent = parent;
            p.objectives = objectives;
            p.goals = goals;
            p.tasks = tasks;
            p.budget = budget.into_iter().map(|(description, amount, currency)| {
                serde_json::from_value::<BudgetLine>(serde_json::json!({"description": description, "budget": {"amount": amount, "currency": currency}})).unwrap()
            }).collect();
            p.responsible_units = units;
            p.sources = sources.into_iter().map(|(id, title, url)| {
                serde_json::from_value::<Source>(serde_json::json!({"id": id, "title": title, "url": url})).unwrap()
            }).collect();
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_plan_round_trips_losslessly(p in plan()) {
        let toml = p.to_toml().unwrap();
        let from_toml = Plan::from_toml(&toml).unwrap();
        prop_assert_eq!(&from_toml, &p);
        let json = from_toml.to_json().unwrap();
        let from_json = Plan::from_json(&json).unwrap();
        prop_assert_eq!(&from_json, &p);
        prop_assert_eq!(from_json.to_toml().unwrap(), toml);
        // -0.0 == 0.0 in PartialEq: check the bits of every target number too.
        let bits = |p: &Plan| p.goals.iter().flat_map(|g| g.target.numbers()).map(f64::to_bits).collect::<Vec<_>>();
        prop_assert_eq!(bits(&from_json), bits(&p));
    }

    #[test]
    fn malformed_files_are_errors_not_panics(s in "\\PC{0,200}") {
        let _ = Plan::from_toml(&s);
        let _ = Plan::from_json(&s);
    }
}
