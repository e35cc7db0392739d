//! `nangsuat scenario`: the Cobb–Douglas/perpetual-inventory scenarios of
//! `monitoring::feasibility` (METHODS §8) from a CSV of assumptions, one row per scenario: their
//! paths, period averages and sensitivity, and what it takes (`monitoring::requirement`) to meet
//! each goal.

use crate::commands::{emit, lang, load_plans, s, with_spinner};
use crate::table::{Table, cell, to_csv};
use crate::{Failure, Outcome, tr};
use clap::ArgMatches;
use nangsuat::monitoring::feasibility::Scenario;
use nangsuat::monitoring::requirement::{
    Assumption, Outcome as Measure, Requirement, ScenarioTarget, what_it_takes,
};
use nangsuat::plan::Plan;
use std::path::PathBuf;

/// The columns every scenario file has, in the order of `Scenario::new`.
pub const COLUMNS: [&str; 9] = [
    "name",
    "base_year",
    "end_year",
    "capital_output_ratio",
    "investment_rate",
    "depreciation",
    "employment_growth",
    "tfp_growth",
    "labour_share",
];

/// One `--goal ID:OUTCOME:LOW:HIGH`, checked before any file is read.
fn parse_goal(text: &str) -> Result<ScenarioTarget, Failure> {
    let usage = |why_vi: String, why_en: String| {
        Failure::usage(tr(
            format!("--goal {text}: {why_vi}"),
            format!("--goal {text}: {why_en}"),
        ))
    };
    let parts: Vec<&str> = text.rsplitn(4, ':').collect();
    let [high, low, outcome, id] = parts[..] else {
        return Err(usage(
            "cần dạng MÃ:KẾT_QUẢ:THẤP:CAO, ví dụ lp:lp_growth:0.075:".into(),
            "expected ID:OUTCOME:LOW:HIGH, e.g. lp:lp_growth:0.075:".into(),
        ));
    };
    let measure =
        Measure::from_name(outcome).map_err(|e| usage(crate::said(&e), crate::said(&e)))?;
    let bound = |v: &str, which: (&str, &str)| -> Result<Option<f64>, Failure> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        match v.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => {
                if measure != Measure::TfpShare && x.abs() > 1.0 {
                    return Err(usage(
                        format!("cận {} `{v}` là tỷ lệ mỗi năm: 0.075 là 7,5 %/năm", which.0),
                        format!(
                            "the {} bound `{v}` is a fraction per year: 0.075 for 7.5 %/yr",
                            which.1
                        ),
                    ));
                }
                Ok(Some(x))
            }
            _ => Err(usage(
                format!("cận {} `{v}` không phải là một số", which.0),
                format!("the {} bound `{v}` is not a number", which.1),
            )),
        }
    };
    let (lo, hi) = (
        bound(low, ("dưới", "lower"))?,
        bound(high, ("trên", "upper"))?,
    );
    let target = match (lo, hi) {
        (Some(l), Some(h)) if l <= h => ScenarioTarget::between(id, measure, l, h),
        (Some(l), None) => ScenarioTarget::at_least(id, measure, l),
        (None, Some(h)) => ScenarioTarget::at_most(id, measure, h),
        (Some(_), Some(_)) => {
            return Err(usage(
                "cận dưới lớn hơn cận trên".into(),
                "the lower bound is above the upper bound".into(),
            ));
        }
        (None, None) => {
            return Err(usage(
                "cần ít nhất một cận".into(),
                "at least one bound is needed".into(),
            ));
        }
    };
    Ok(target)
}

/// The scenarios of the file, each checked by the core, errors naming the line.
fn read_scenarios(t: &Table) -> Result<Vec<Scenario>, Failure> {
    let names = t.text(COLUMNS[0])?;
    let base = t.years(COLUMNS[1])?;
    let end = t.years(COLUMNS[2])?;
    let values: Vec<Vec<f64>> = COLUMNS[3..]
        .iter()
        .map(|c| t.numbers(c, false))
        .collect::<Result<_, _>>()?;
    if t.len() == 0 {
        return Err(Failure::data(tr(
            format!("{}: tệp không có kịch bản nào", t.path),
            format!("{}: the file has no scenario", t.path),
        )));
    }
    (0..t.len())
        .map(|i| {
            let v = |k: usize| values[k][i];
            Scenario::new(
                names[i].clone(),
                base[i],
                end[i],
                v(0),
                v(1),
                v(2),
                v(3),
                v(4),
                v(5),
            )
            .map_err(|e| {
                Failure::data(tr(
                    format!(
                        "{}, dòng {}: {} (tỷ lệ: 0.336 là 33,6 %)",
                        t.path,
                        t.line(i),
                        crate::said(&e)
                    ),
                    format!(
                        "{}, line {}: {} (fractions: 0.336 for 33.6 %)",
                        t.path,
                        t.line(i),
                        crate::said(&e)
                    ),
                ))
            })
        })
        .collect()
}

/// Viet Nam's embedded baseline moved to `BASE:END`.
fn vietnam_baseline(years: &str) -> Result<Scenario, Failure> {
    let parsed = years
        .split_once(':')
        .and_then(|(a, b)| Some((a.trim().parse::<i32>().ok()?, b.trim().parse::<i32>().ok()?)));
    let Some((base, end)) = parsed.filter(|(a, b)| a < b) else {
        return Err(Failure::usage(tr(
            format!(
                "--vietnam {years}: cần NĂM_GỐC:NĂM_CUỐI với năm cuối sau năm gốc, ví dụ 2025:2030"
            ),
            format!(
                "--vietnam {years}: expected BASE:END with the end after the base, e.g. 2025:2030"
            ),
        )));
    };
    let mut s = nangsuat::vietnam::scenario_2021_2025();
    if (base, end) != (s.base_year, s.end_year) {
        s.name = format!("viet_nam_{base}_{end}");
    }
    (s.base_year, s.end_year) = (base, end);
    Ok(s)
}

/// `nangsuat scenario`.
pub fn scenario(m: &ArgMatches) -> Result<Outcome, Failure> {
    let show = s(m, "show");
    let goals: Vec<ScenarioTarget> = m
        .get_many::<String>("goal")
        .map(|v| v.map(|g| parse_goal(g)).collect::<Result<_, _>>())
        .transpose()?
        .unwrap_or_default();
    let plan_paths: Vec<PathBuf> = m
        .get_many::<PathBuf>("plan")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let solving = show == "what-it-takes";
    if solving && goals.is_empty() && plan_paths.is_empty() {
        return Err(Failure::usage(tr(
            "--show what-it-takes cần mục tiêu: --goal MÃ:KẾT_QUẢ:THẤP:CAO hoặc --plan TỆP",
            "--show what-it-takes needs goals: --goal ID:OUTCOME:LOW:HIGH or --plan FILE",
        )));
    }
    if !solving && (!goals.is_empty() || !plan_paths.is_empty() || m.contains_id("range")) {
        return Err(Failure::usage(tr(
            "--goal, --plan và --range dùng với --show what-it-takes",
            "--goal, --plan and --range go with --show what-it-takes",
        )));
    }
    let range = match m
        .get_many::<f64>("range")
        .map(|v| v.copied().collect::<Vec<f64>>())
        .as_deref()
    {
        None => None,
        Some([lo, hi]) => Some((*lo, *hi)),
        Some(_) => {
            return Err(Failure::usage(tr(
                "--range cần hai số THẤP,CAO, ví dụ --range 0.2,0.6",
                "--range needs two numbers LOW,HIGH, e.g. --range 0.2,0.6",
            )));
        }
    };
    let assumption =
        Assumption::from_name(s(m, "solve-for")).map_err(|e| Failure::usage(crate::said(&e)))?;
    if let Some((lo, hi)) = range {
        let (a, b) = assumption.valid_range();
        if !(lo < hi && lo >= a && hi <= b) {
            return Err(Failure::usage(tr(
                format!(
                    "--range {lo},{hi}: cần một khoảng không rỗng trong [{a}, {b}] cho {}",
                    assumption.name()
                ),
                format!(
                    "--range {lo},{hi}: a non-empty interval within [{a}, {b}] is needed for {}",
                    assumption.name()
                ),
            )));
        }
    }
    let plans: Vec<Plan> = load_plans(&plan_paths)?;
    let (source, scenarios) = match m.get_one::<String>("vietnam") {
        Some(years) => ("--vietnam".to_string(), vec![vietnam_baseline(years)?]),
        None => {
            let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
            let scenarios = read_scenarios(&t)?;
            (t.path, scenarios)
        }
    };
    let failure = |sc: &Scenario, e: nangsuat::Error| {
        Failure::data(tr(
            format!("{source}, kịch bản `{}`: {}", sc.name, crate::said(&e)),
            format!("{source}, scenario `{}`: {}", sc.name, crate::said(&e)),
        ))
    };
    let (header, rows): (Vec<&str>, Vec<Vec<String>>) = match show {
        "averages" => {
            let mut rows = Vec::new();
            for sc in &scenarios {
                let p = sc.project().map_err(|e| failure(sc, e))?;
                rows.push(vec![
                    sc.name.clone(),
                    sc.base_year.to_string(),
                    sc.end_year.to_string(),
                    cell(Some(p.gdp_growth)),
                    cell(Some(p.lp_growth)),
                    cell(Some(p.capital_growth)),
                    cell(p.tfp_share),
                ]);
            }
            (
                vec![
                    "scenario",
                    "base_year",
                    "end_year",
                    "gdp_growth",
                    "lp_growth",
                    "capital_growth",
                    "tfp_share",
                ],
                rows,
            )
        }
        "sensitivity" => {
            let mut rows = Vec::new();
            for sc in &scenarios {
                for r in sc.sensitivity().map_err(|e| failure(sc, e))? {
                    rows.push(vec![
                        sc.name.clone(),
                        r.assumption.clone(),
                        cell(Some(r.step)),
                        cell(Some(r.gdp_growth.0)),
                        cell(Some(r.gdp_growth.1)),
                        cell(Some(r.lp_growth.0)),
                        cell(Some(r.lp_growth.1)),
                        cell(Some(r.tfp_share.0)),
                        cell(Some(r.tfp_share.1)),
                    ]);
                }
            }
            (
                vec![
                    "scenario",
                    "assumption",
                    "step",
                    "gdp_growth_down",
                    "gdp_growth_up",
                    "lp_growth_down",
                    "lp_growth_up",
                    "tfp_share_down",
                    "tfp_share_up",
                ],
                rows,
            )
        }
        "what-it-takes" => {
            let mut rows = Vec::new();
            for sc in &scenarios {
                let mut targets = goals.clone();
                for p in &plans {
                    targets.extend(ScenarioTarget::from_plan(p, sc.base_year, sc.end_year));
                }
                if targets.is_empty() {
                    continue;
                }
                let answers = with_spinner("nangsuat scenario", || {
                    what_it_takes(sc, &targets, assumption, range)
                })
                .map_err(|e| failure(sc, e))?;
                for a in answers {
                    let mut row = requirement_row(sc, &a);
                    row.push(nangsuat::report::words::what_it_takes(lang(m), &a));
                    rows.push(row);
                }
            }
            if rows.is_empty() {
                return Err(Failure::data(tr(
                    "không mục tiêu nào của kế hoạch nói về tăng GDP, năng suất lao động hay tỷ trọng TFP cho đúng thời kỳ của kịch bản (năm gốc + 1 đến năm cuối)",
                    "no goal of the plan(s) is on GDP growth, LP growth or TFP share over a scenario's period (base year + 1 to end year)",
                )));
            }
            (
                vec![
                    "scenario",
                    "goal",
                    "outcome",
                    "low",
                    "high",
                    "assumption",
                    "held",
                    "projected",
                    "met_as_held",
                    "range_low",
                    "range_high",
                    "requirement",
                    "value",
                    "outcome_at_value",
                    "meets",
                    "closest_at",
                    "closest_outcome",
                    "sentence",
                ],
                rows,
            )
        }
        _ => {
            let mut rows = Vec::new();
            for sc in &scenarios {
                let p = sc.project().map_err(|e| failure(sc, e))?;
                for k in 0..p.years.len() {
                    rows.push(vec![
                        sc.name.clone(),
                        p.years[k].to_string(),
                        cell(Some(p.gdp[k])),
                        cell(Some(p.capital[k])),
                        cell(Some(p.employment[k])),
                        cell(Some(p.gdp[k] / p.employment[k])),
                    ]);
                }
            }
            (
                vec![
                    "scenario",
                    "year",
                    "gdp",
                    "capital",
                    "employment",
                    "labour_productivity",
                ],
                rows,
            )
        }
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    emit(m, to_csv(&header, &rows)?.into_bytes())
}

fn requirement_row(
    sc: &Scenario,
    a: &nangsuat::monitoring::requirement::WhatItTakes,
) -> Vec<String> {
    let (kind, value, at, meets, closest_at, closest) = match &a.requirement {
        Requirement::Value {
            value,
            outcome,
            meets,
        } => (
            "value",
            Some(*value),
            Some(*outcome),
            meets
                .iter()
                .map(|(lo, hi)| format!("{lo}..{hi}"))
                .collect::<Vec<_>>()
                .join(";"),
            None,
            None,
        ),
        Requirement::Always => (
            "always",
            None,
            None,
            format!("{}..{}", a.range.0, a.range.1),
            None,
            None,
        ),
        Requirement::Never {
            closest_at,
            closest_outcome,
        } => (
            "never",
            None,
            None,
            String::new(),
            *closest_at,
            *closest_outcome,
        ),
        // A kind added to the core later: named, without numbers.
        _ => ("other", None, None, String::new(), None, None),
    };
    vec![
        sc.name.clone(),
        a.target.id.clone(),
        a.target.outcome.name().to_string(),
        cell(a.target.low),
        cell(a.target.high),
        a.assumption.name().to_string(),
        cell(Some(a.held)),
        cell(a.projected),
        a.met_as_held.to_string(),
        cell(Some(a.range.0)),
        cell(Some(a.range.1)),
        kind.to_string(),
        cell(value),
        cell(at),
        meets,
        cell(closest_at),
        cell(closest),
    ]
}
