//! The Viet Nam monitoring report: the embedded plans against the embedded observations, the
//! growth-accounting history from PWT 10.01 beside GSO's published TFP shares, and the
//! feasibility of the targets with the 2021–2025 scenario.
//!
//! Each computation runs once per report: one Törnqvist and one GSO-form accounting of the PWT
//! rows serve the history table, the annual table, the TFP record of the realism checks and
//! the 0.48 row of the labour-share sensitivity (the other labour shares are computations of
//! their own).

use crate::accounting::{
    Accounting, AccountingInput, GrowthAccounting, LabourShare, PeriodSummary, UndefinedShare,
    tfp_share,
};
use crate::error::Result;
use crate::monitoring::assess::{AssessOptions, Cited};
use crate::monitoring::feasibility::{
    LevelSeries, Measure, Scenario, consistency, implied_output_growth, is_average_growth_of,
    is_tfp_share, realism, required_tfp_growth,
};
use crate::monitoring::observation::ObservedWhen;
use crate::plan::indicator::Computation;
use crate::report::accounting::AccountingAnnex;
use crate::report::{
    AnnualRow, EmploymentBasis, Feasibility, GoalRealism, GoalRequirement, History, HistoryNote,
    HistoryPeriod, LabourShareSensitivity, Report, ScenarioGoal, assess_with,
};
use crate::share::Share;
use crate::vietnam::data::{
    PWT_CITATION, VIETNAM_DEFAULT_LABOUR_SHARE, VIETNAM_LABOUR_SHARE_PEERS,
};
use crate::vietnam::{SCOPE, Vietnam};
use std::cell::Cell;

/// The periods of the history table: (year before the first year of growth, last year).
const PERIODS: [(i32, i32); 5] = [
    (1990, 2000),
    (2000, 2010),
    (2010, 2015),
    (2015, 2019),
    (2015, 2018),
];

/// Labour shares of the sensitivity table.
const SENSITIVITY_SHARES: [f64; 8] = [0.35, 0.40, 0.45, 0.48, 0.50, 0.55, 0.60, 0.65];

/// The last year of PWT's employment before its 2019 source break (54.07 → 50.40 million):
/// records stop there, or the break would fake one.
const BEFORE_BREAK: i32 = 2018;

/// Base year of the TFP index in the annual table.
const INDEX_BASE_YEAR: i32 = 2010;

/// The indicator of GSO's TFP contribution in the observations.
const TFP_CONTRIBUTION: &str = "tfp_contribution";

thread_local! {
    /// Growth-accounting runs on this thread (a test checks one per computation).
    static ACCOUNTING_RUNS: Cell<usize> = const { Cell::new(0) };
}

fn run(profile: GrowthAccounting, input: &AccountingInput<'_>) -> Result<Accounting> {
    ACCOUNTING_RUNS.with(|c| c.set(c.get() + 1));
    profile.compute(input)
}

/// The two accountings of Viet Nam's PWT rows every section uses.
struct Accountings {
    tornqvist: Accounting,
    gso: Accounting,
}

fn accountings(vn: &Vietnam) -> Result<Accountings> {
    let pwt = vn.pwt();
    let share = LabourShare::Constant(Share::new(VIETNAM_DEFAULT_LABOUR_SHARE)?);
    let persons = AccountingInput::new(&pwt.year, &pwt.rgdpna, &pwt.rnna, &pwt.emp, share);
    let full = persons.hours(&pwt.avh).human_capital(&pwt.hc);
    Ok(Accountings {
        tornqvist: run(
            GrowthAccounting::tornqvist().base_year(INDEX_BASE_YEAR),
            &full,
        )?,
        gso: run(GrowthAccounting::gso(), &persons)?,
    })
}

/// The Viet Nam monitoring report (the main job).
///
/// # Errors
/// Only if the embedded data were inconsistent, which the tests rule out.
///
/// ```
/// use nangsuat::report::Lang;
/// let report = nangsuat::vietnam::report()?;
/// let vi = report.to_markdown(Lang::Vi);
/// assert!(vi.contains("Việt Nam") && vi.contains("5,24"));
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn report() -> Result<Report> {
    report_with(&Vietnam::get().assess_options())
}

/// The Viet Nam monitoring report with other assessment options (another progress method or
/// tolerance), from [`Vietnam::assess_options`] as a start.
///
/// # Errors
/// Only if the embedded data were inconsistent, which the tests rule out.
///
/// ```
/// use nangsuat::monitoring::progress::Method;
/// let vn = nangsuat::vietnam::Vietnam::get();
/// let mut options = vn.assess_options();
/// options.method = Method::EscapCurrentStatus;
/// let report = nangsuat::vietnam::report_with(&options)?;
/// assert_eq!(report.method, Method::EscapCurrentStatus);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn report_with(options: &AssessOptions) -> Result<Report> {
    let vn = Vietnam::get();
    let mut report =
        assess_with(vn.plans(), vn.observations(), options).with_places(vn.places().clone());
    let acc = accountings(vn)?;
    report.history = Some(history_from(vn, &acc)?);
    report.feasibility = Some(feasibility_from(vn, &acc, scenario_2021_2025())?);
    report.accounting = report
        .history
        .as_ref()
        .map(|h| AccountingAnnex::from_history(h, vn.plans(), VIETNAM_DEFAULT_LABOUR_SHARE));
    Ok(report)
}

/// Viet Nam's growth accounting from the embedded PWT 10.01 extract (capital stock `rnna`,
/// labour = persons × hours × hc, labour share [`VIETNAM_DEFAULT_LABOUR_SHARE`]), with GSO's
/// published TFP shares for the same periods, the annual accounting and the labour share's
/// sensitivity.
///
/// # Errors
/// Only if the embedded data were inconsistent.
pub fn history() -> Result<History> {
    let vn = Vietnam::get();
    history_from(vn, &accountings(vn)?)
}

fn pct(v: Option<f64>) -> Option<f64> {
    v.map(|v| 100.0 * v)
}

fn history_from(vn: &Vietnam, acc: &Accountings) -> Result<History> {
    let pwt = vn.pwt();
    let observations = vn.observations();
    let lp = crate::accounting::labour_productivity::labour_productivity(
        &crate::AnnualSeries::new("rgdpna", pwt.year.clone(), pwt.rgdpna.clone())?,
        &crate::AnnualSeries::new("emp", pwt.year.clone(), pwt.emp.clone())?,
    )?;
    let mut periods = Vec::new();
    for (a, b) in PERIODS {
        let t: PeriodSummary = acc.tornqvist.period(a, b)?;
        let g: PeriodSummary = acc.gso.period(a, b)?;
        let published = observations
            .best(
                SCOPE,
                TFP_CONTRIBUTION,
                ObservedWhen::Period {
                    start: a + 1,
                    end: b,
                },
            )
            .map(Cited::from);
        periods.push(HistoryPeriod {
            from: a + 1,
            to: b,
            gdp_growth: pct(t.average_output_growth),
            lp_growth: Some(100.0 * lp.cagr(a, b)?),
            tfp_growth: pct(t.average_tfp_growth),
            tfp_share_tornqvist: pct(t.tfp_share_of_cumulative_growth),
            tfp_share_tornqvist_undefined: undefined(&t),
            tfp_share_mean_of_annual: pct(t.mean_of_annual_tfp_shares),
            tfp_share_gso: pct(g.tfp_share_of_cumulative_growth),
            tfp_share_gso_undefined: undefined(&g),
            published,
        });
    }
    let tolerance = acc.tornqvist.provenance.options.zero_growth_tolerance;
    let annual = (0..acc.tornqvist.len())
        .filter_map(|i| acc.tornqvist.row(i))
        .filter(|r| r.year > PERIODS[0].0)
        .map(|r| {
            let share = tfp_share(r.tfp_growth, r.output_growth, tolerance);
            AnnualRow {
                year: r.year,
                output_growth: 100.0 * r.output_growth,
                capital: 100.0 * r.capital_contribution,
                labour: 100.0 * r.labour_contribution,
                labour_quality: 100.0 * r.labour_quality_contribution,
                tfp_growth: 100.0 * r.tfp_growth,
                tfp_share: share.ok().map(|s| 100.0 * s),
                tfp_share_undefined: share.err(),
                lp_growth_per_hour: 100.0 * r.labour_productivity_growth,
                tfp_index: r.tfp_index,
            }
        })
        .collect();
    Ok(History {
        territory: SCOPE.into(),
        notes: vec![
            HistoryNote::Data {
                citation: PWT_CITATION.into(),
            },
            HistoryNote::CapitalStock {
                series: "rnna".into(),
            },
            HistoryNote::LabourPersonsHoursHumanCapital,
            HistoryNote::AssumedLabourShare {
                value: VIETNAM_DEFAULT_LABOUR_SHARE,
                peers: VIETNAM_LABOUR_SHARE_PEERS.map(String::from).to_vec(),
                from: 2010,
                to: 2019,
            },
            HistoryNote::EmploymentBreak {
                year: BEFORE_BREAK + 1,
                before: employment(vn, BEFORE_BREAK),
                after: employment(vn, BEFORE_BREAK + 1),
            },
            HistoryNote::OfficialProfile,
            HistoryNote::CompareRanges,
        ],
        periods,
        published_annual: observations
            .annual(SCOPE, TFP_CONTRIBUTION)
            .into_iter()
            .map(|(_, o)| Cited::from(o))
            .collect(),
        index_base_year: INDEX_BASE_YEAR,
        annual,
        sensitivity: Some(sensitivity(vn, &acc.tornqvist)?),
    })
}

fn employment(vn: &Vietnam, year: i32) -> f64 {
    let pwt = vn.pwt();
    pwt.year
        .iter()
        .position(|y| *y == year)
        .map_or(f64::NAN, |i| pwt.emp[i])
}

fn undefined(p: &PeriodSummary) -> Option<UndefinedShare> {
    match (
        p.tfp_share_of_cumulative_growth,
        p.tfp_share_of_cumulative_growth_undefined,
    ) {
        (Some(_), _) => None,
        (None, Some(why)) => Some(why),
        (None, None) => Some(UndefinedShare::MissingGrowth),
    }
}

/// The TFP share of each period for each labour share; the default share reuses the main
/// accounting.
fn sensitivity(vn: &Vietnam, main: &Accounting) -> Result<LabourShareSensitivity> {
    let pwt = vn.pwt();
    let mut rows = Vec::new();
    for s in SENSITIVITY_SHARES {
        let other;
        let accounting = if s == VIETNAM_DEFAULT_LABOUR_SHARE {
            main
        } else {
            let input = AccountingInput::new(
                &pwt.year,
                &pwt.rgdpna,
                &pwt.rnna,
                &pwt.emp,
                LabourShare::Constant(Share::new(s)?),
            )
            .hours(&pwt.avh)
            .human_capital(&pwt.hc);
            other = run(GrowthAccounting::tornqvist(), &input)?;
            &other
        };
        let row = PERIODS
            .iter()
            .map(|&(a, b)| Ok(pct(accounting.period(a, b)?.tfp_share_of_cumulative_growth)))
            .collect::<Result<Vec<_>>>()?;
        rows.push(row);
    }
    Ok(LabourShareSensitivity {
        labour_shares: SENSITIVITY_SHARES.to_vec(),
        periods: PERIODS.iter().map(|&(a, b)| (a + 1, b)).collect(),
        tfp_share: rows,
    })
}

/// Viet Nam, 2021–2025, with assumptions taken from the embedded sources (each can be
/// changed): capital–output ratio `rnna/rgdpna` and depreciation `delta` of PWT 10.01 in 2019
/// (≈ 2.65 and ≈ 0.054); investment = the mean of the published total-social-investment shares
/// of GDP, 2016–2022 (embedded observations, ≈ 33.6 %); employment growth 1 %/yr (GSO employed
/// persons grew ≈ 1.7 %/yr in 2021–2025, after the 2021 definition break, so a lower, stated
/// figure); TFP growth 2 %/yr (an assumption to vary); labour share 0.48
/// ([`VIETNAM_DEFAULT_LABOUR_SHARE`]).
pub fn scenario_2021_2025() -> Scenario {
    let vn = Vietnam::get();
    let pwt = vn.pwt();
    let i2019 = pwt
        .year
        .iter()
        .position(|y| *y == 2019)
        .unwrap_or(pwt.year.len() - 1);
    let shares: Vec<f64> = vn
        .observations()
        .annual(SCOPE, "investment_share_gdp")
        .into_iter()
        .filter(|(y, _)| (2016..=2022).contains(y))
        .map(|(_, o)| o.value / 100.0)
        .collect();
    Scenario {
        name: "viet_nam_2021_2025_baseline".into(),
        base_year: 2020,
        end_year: 2025,
        capital_output_ratio: pwt.rnna[i2019] / pwt.rgdpna[i2019],
        investment_rate: shares.iter().sum::<f64>() / shares.len().max(1) as f64,
        depreciation: pwt.delta[i2019],
        employment_growth: 0.01,
        tfp_growth: 0.02,
        labour_share: VIETNAM_DEFAULT_LABOUR_SHARE,
    }
}

/// The growth of employed persons 2021–2025 in the observations (after the 2021 definition
/// break), the basis of the scenario's lower assumption.
fn employment_basis(vn: &Vietnam) -> Option<EmploymentBasis> {
    let annual = vn.observations().annual(SCOPE, "employed_persons");
    let at = |year: i32| {
        annual
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, o)| o.value)
    };
    let (a, b) = (at(2021)?, at(2025)?);
    Some(EmploymentBasis {
        observed_growth: (b / a).powf(1.0 / 4.0) - 1.0,
        from: 2021,
        to: 2025,
        definition_break: true,
    })
}

/// Feasibility of the embedded plans' growth targets under `scenario`: consistency (with the
/// scenario's employment growth), realism against Viet Nam's own record (PWT 10.01, to 2018)
/// and its peers', and the scenario's verdict on Viet Nam's 2021–2025 goals.
///
/// # Errors
/// [`crate::Error::OutOfRange`] for a scenario assumption out of range.
pub fn feasibility(scenario: Scenario) -> Result<Feasibility> {
    let vn = Vietnam::get();
    feasibility_from(vn, &accountings(vn)?, scenario)
}

fn feasibility_from(vn: &Vietnam, acc: &Accountings, scenario: Scenario) -> Result<Feasibility> {
    let projection = scenario.project()?;
    let scenario_sensitivity = scenario.sensitivity()?;
    let g_l = scenario.employment_growth;
    let pwt = vn.pwt();
    let n = pwt.year.iter().take_while(|y| **y <= BEFORE_BREAK).count();
    let own_lp = vn.labour_productivity(BEFORE_BREAK);
    let own_tfp = LevelSeries::new(
        SCOPE,
        pwt.year[..n].to_vec(),
        acc.tornqvist.tfp_index[..n].to_vec(),
    )?;
    let peer_lp: Vec<LevelSeries> = vn.peers().iter().map(|p| p.labour_productivity()).collect();
    let peer_tfp: Vec<LevelSeries> = vn.peers().iter().map(|p| p.tfp()).collect();
    let mut checks = Vec::new();
    let mut goals = Vec::new();
    for plan in vn.plans() {
        let own = plan.territory == SCOPE;
        for g in &plan.goals {
            let (start, end) = match g.horizon {
                Some(h) => (h.start.unwrap_or(h.end), h.end),
                None => (plan.period.start, plan.period.end),
            };
            let years = usize::try_from(end - start + 1).unwrap_or(1);
            let Some(bound) = g.target.lower_bound() else {
                continue;
            };
            let lp_goal = |code: &str| {
                is_average_growth_of(plan, code, Computation::LabourProductivityGrowth)
            };
            let check = if lp_goal(&g.indicator) {
                Some(realism(
                    Measure::LabourProductivity,
                    bound / 100.0,
                    years,
                    own.then_some(&own_lp),
                    &peer_lp,
                ))
            } else if is_tfp_share(plan, &g.indicator) {
                plan.goals
                    .iter()
                    .find(|o| lp_goal(&o.indicator) && o.horizon == g.horizon)
                    .and_then(|o| o.target.lower_bound())
                    .map(|lp_target| {
                        let g_y = implied_output_growth(lp_target / 100.0, g_l);
                        realism(
                            Measure::Tfp,
                            required_tfp_growth(bound / 100.0, g_y),
                            years,
                            own.then_some(&own_tfp),
                            &peer_tfp,
                        )
                    })
            } else {
                None
            };
            if let Some(r) = check {
                checks.push(GoalRealism {
                    plan: plan.id.clone(),
                    goal: g.id.clone(),
                    realism: r,
                });
            }
            if own && (start, end) == (scenario.base_year + 1, scenario.end_year) {
                let projected = if lp_goal(&g.indicator) {
                    Some(100.0 * projection.lp_growth)
                } else if is_average_growth_of(plan, &g.indicator, Computation::OutputGrowth) {
                    Some(100.0 * projection.gdp_growth)
                } else if is_tfp_share(plan, &g.indicator) {
                    projection.tfp_share.map(|s| 100.0 * s)
                } else {
                    None
                };
                if let Some(v) = projected {
                    goals.push(ScenarioGoal {
                        plan: plan.id.clone(),
                        goal: g.id.clone(),
                        projected: v,
                        met: v >= bound,
                    });
                }
            }
        }
    }
    let what_it_takes = what_it_takes(vn, &scenario)?;
    Ok(Feasibility {
        employment_growth: g_l,
        employment_basis: employment_basis(vn),
        consistency: vn
            .plans()
            .iter()
            .flat_map(|p| consistency(p, g_l))
            .collect(),
        realism: checks,
        scenario,
        projection,
        sensitivity: scenario_sensitivity,
        goals,
        what_it_takes,
    })
}

/// For each of Viet Nam's own plans, the investment rate and the TFP growth that would just
/// meet each goal the scenario speaks to, the other assumptions held.
fn what_it_takes(vn: &Vietnam, scenario: &Scenario) -> Result<Vec<GoalRequirement>> {
    use crate::monitoring::requirement::{self as req, Assumption, ScenarioTarget};
    let mut out = Vec::new();
    for plan in vn.plans().iter().filter(|p| p.territory == SCOPE) {
        let targets = ScenarioTarget::from_plan(plan, scenario.base_year, scenario.end_year);
        for assumption in [Assumption::InvestmentRate, Assumption::TfpGrowth] {
            for result in req::what_it_takes(scenario, &targets, assumption, None)? {
                out.push(GoalRequirement {
                    plan: plan.id.clone(),
                    result,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::feasibility::{Consistency, Sensitivity};
    use crate::monitoring::observation::Evidence;
    use crate::plan::goal::Target;

    #[test]
    fn each_file_parsed_once_and_each_computation_run_once() {
        let before = ACCOUNTING_RUNS.with(Cell::get);
        let first = report().unwrap();
        let runs = ACCOUNTING_RUNS.with(Cell::get) - before;
        // One Törnqvist and one GSO-form accounting, plus one per other labour share of the
        // sensitivity table (the default share reuses the main accounting).
        assert_eq!(runs, 2 + SENSITIVITY_SHARES.len() - 1);
        let second = report().unwrap();
        assert_eq!(first, second);
        // Plans, observations, PWT rows, peers: four files, parsed once in this process.
        assert_eq!(crate::vietnam::files_parsed(), 4);
    }

    #[test]
    fn embedded_observations_parse_completely() {
        let obs = Vietnam::get().observations();
        assert_eq!(obs.len(), 218);
        let count = |e| obs.rows().iter().filter(|o| o.evidence == e).count();
        assert_eq!(
            (
                count(Evidence::Confirmed),
                count(Evidence::Press),
                count(Evidence::Derived)
            ),
            (154, 51, 13)
        );
        // quoted field with a comma survives
        assert!(obs.rows().iter().any(|o| o.note.contains("\"tăng 6%\"")));
        // 2019 LP growth: 6.2 first estimate, then 6.62 revised, both confirmed -> the revision.
        let lp = obs
            .best(SCOPE, "lp_growth", ObservedWhen::Year(2019))
            .unwrap();
        assert_eq!(lp.value, 6.62);
        let lp = obs
            .best(SCOPE, "lp_growth", ObservedWhen::Year(2016))
            .unwrap();
        assert_eq!(lp.value, 5.31);
        let years: Vec<i32> = obs
            .annual(SCOPE, TFP_CONTRIBUTION)
            .iter()
            .map(|a| a.0)
            .collect();
        assert_eq!(years, vec![2016, 2017, 2018, 2019, 2020, 2022, 2023, 2024]);
        let p = obs
            .best(
                SCOPE,
                TFP_CONTRIBUTION,
                ObservedWhen::Period {
                    start: 2016,
                    end: 2020,
                },
            )
            .unwrap();
        assert_eq!((p.value, p.evidence), (45.72, Evidence::Derived));
    }

    #[test]
    fn projection_matches_growth_accounting() {
        let s = scenario_2021_2025();
        let p = s.project().unwrap();
        // Accounting the projection recovers the assumed TFP growth (Cobb–Douglas, log form):
        // Δln Y − (1−s)Δln K − sΔln L = ln(1+g_A) every year.
        for t in 1..p.years.len() {
            let dy = (p.gdp[t] / p.gdp[t - 1]).ln();
            let dk = (p.capital[t] / p.capital[t - 1]).ln();
            let dl = (p.employment[t] / p.employment[t - 1]).ln();
            let tfp = dy - (1.0 - s.labour_share) * dk - s.labour_share * dl;
            assert!((tfp - 1.02f64.ln()).abs() < 1e-12);
        }
        assert!(p.tfp_share.unwrap() > 0.0 && p.tfp_share.unwrap() < 1.0);
        let mut bad = s.clone();
        bad.investment_rate = 33.0;
        assert!(
            bad.project()
                .unwrap_err()
                .to_string()
                .contains("investment_rate")
        );
    }

    #[test]
    fn scenario_defaults_come_from_the_sources() {
        let s = scenario_2021_2025();
        // PWT 10.01, Viet Nam 2019: rnna 1964750.125 / rgdpna, delta 0.05441349
        assert!(
            (s.capital_output_ratio - 2.649).abs() < 1e-3,
            "{}",
            s.capital_output_ratio
        );
        assert!((s.depreciation - 0.05441349).abs() < 1e-9);
        // observations: 33, 33.3, 34.4, 33.8 % of GDP (2016, 2017, 2020, 2022)
        assert!(
            (s.investment_rate - 0.33625).abs() < 1e-12,
            "{}",
            s.investment_rate
        );
        // employed persons 49.0 (2021) → 52.4 million (2025)
        let b = employment_basis(Vietnam::get()).unwrap();
        assert!((b.observed_growth - ((52.4f64 / 49.0).powf(0.25) - 1.0)).abs() < 1e-12);
    }

    #[test]
    fn sensitivity_ranks_tfp_growth_and_investment() {
        let rows = scenario_2021_2025().sensitivity().unwrap();
        assert_eq!(rows.len(), 5);
        // +0.5 pp of TFP growth adds about 0.5 pp to LP growth
        let tfp = rows.iter().find(|r| r.assumption == "tfp_growth").unwrap();
        assert!(tfp.lp_growth.1 > 0.004 && tfp.lp_growth.0 < 0.0);
        for w in rows.windows(2) {
            let m = |r: &Sensitivity| r.lp_growth.0.abs().max(r.lp_growth.1.abs());
            assert!(m(&w[0]) >= m(&w[1]));
        }
    }

    #[test]
    fn peer_records() {
        let vn = Vietnam::get();
        let lp: Vec<LevelSeries> = vn.peers().iter().map(|p| p.labour_productivity()).collect();
        let r = realism(Measure::LabourProductivity, 0.07, 5, None, &lp);
        assert_eq!(r.peers.len(), 14);
        // China and Korea grew LP above 7 %/yr for five years at some point (PWT 10.01)
        assert!(
            r.peers
                .iter()
                .any(|p| p.country == "CHN" && p.growth > 0.07)
        );
        assert!(
            r.peers
                .iter()
                .any(|p| p.country == "KOR" && p.growth > 0.07)
        );
        assert!(r.achieved_by >= 2);
        let tfp: Vec<LevelSeries> = vn.peers().iter().map(|p| p.tfp()).collect();
        assert_eq!(realism(Measure::Tfp, 0.5, 5, None, &tfp).achieved_by, 0);
    }

    #[test]
    fn consistency_of_decision_36_and_contradictions() {
        let plans = Vietnam::get().plans();
        let d36 = plans.iter().find(|p| p.id == "vn-d36-2021").unwrap();
        let checks = consistency(d36, 0.01);
        let first = &checks[0];
        assert!(!first.contradiction);
        match &first.finding {
            Consistency::Implied {
                gdp_growth, tfp, ..
            } => {
                assert!((gdp_growth - 0.0807).abs() < 1e-12);
                assert!((tfp[0].tfp_growth - required_tfp_growth(0.45, 0.0807)).abs() < 1e-15);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            first.goals,
            vec!["lp-growth-2021-2025", "tfp-share-2021-2025"]
        );
        assert!(consistency(d36, 0.01).iter().all(|c| !c.contradiction));
        // A GDP ceiling of 6.5–7 %/yr cannot hold with LP > 7 %/yr and growing employment.
        let mut plan = d36.clone();
        let mut gdp = plan.goals[0].clone();
        gdp.id = "gdp".into();
        gdp.indicator = "gdp_growth_avg".into();
        gdp.target = Target::Between {
            low: 6.5,
            high: 7.0,
        };
        plan.goals.push(gdp);
        let mut low = plan.goals[0].clone();
        low.id = "lp-low".into();
        low.target = Target::Below { value: 6.0 };
        plan.goals.push(low);
        let checks = consistency(&plan, 0.01);
        let bad: Vec<_> = checks.iter().filter(|c| c.contradiction).collect();
        assert!(bad.iter().any(|c| c.goals == ["lp-growth-2021-2025", "gdp"]
            && matches!(c.finding, Consistency::AboveGdpCeiling { ceiling, .. } if ceiling == 0.07)));
        assert!(bad.iter().any(|c| c.goals.contains(&"lp-low".to_string())));
    }

    #[test]
    fn annex_periods_and_sensitivity_line_up() {
        let report = report().unwrap();
        let a = report.accounting.unwrap();
        assert_eq!(a.periods.len(), 5);
        assert_eq!(a.sensitivity.len(), 8);
        assert!(a.sensitivity.iter().all(|r| r.tfp_share.len() == 5));
        // The main labour share's row is the main result.
        let row = a
            .sensitivity
            .iter()
            .find(|r| r.labour_share == a.labour_share)
            .unwrap();
        for (p, s) in a.periods.iter().zip(&row.tfp_share) {
            assert_eq!(p.tfp_share, *s);
        }
        // A period's mean contributions add up to its mean output growth.
        for p in &a.periods {
            let c = p.contributions.unwrap();
            assert!((c.capital + c.labour + c.labour_quality + c.tfp - c.output).abs() < 1e-9);
        }
        // A higher labour share leaves more of growth to TFP in Viet Nam (capital grows faster
        // than labour): the share rises with the labour share wherever it is defined (it is
        // undefined where TFP falls while output grows).
        let mut compared = 0;
        for w in a.sensitivity.windows(2) {
            for (lo, hi) in w[0].tfp_share.iter().zip(&w[1].tfp_share) {
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    assert!(hi > lo);
                    compared += 1;
                }
            }
        }
        assert!(compared >= 20, "{compared}");
        assert_eq!(a.years.first().unwrap().year, 1991);
    }

    #[test]
    fn computed_annex_matches_the_one_built_from_history() {
        let report = report().unwrap();
        let from_history = report.accounting.unwrap();
        let pwt = Vietnam::get().pwt();
        let share = LabourShare::Constant(Share::new(from_history.labour_share).unwrap());
        let input = AccountingInput::new(&pwt.year, &pwt.rgdpna, &pwt.rnna, &pwt.emp, share)
            .hours(&pwt.avh)
            .human_capital(&pwt.hc);
        let periods: Vec<(i32, i32)> = from_history
            .periods
            .iter()
            .map(|p| (p.from - 1, p.to))
            .collect();
        let shares: Vec<f64> = from_history
            .sensitivity
            .iter()
            .map(|r| r.labour_share)
            .collect();
        let spec = crate::report::accounting::AnnexSpec {
            first_year: 1991,
            periods: &periods,
            sensitivity_shares: &shares,
            ..crate::report::accounting::AnnexSpec::new(
                &from_history.territory,
                &from_history.notes,
                input,
                from_history.labour_share,
            )
        };
        let computed =
            crate::report::accounting::accounting_annex(&spec, Vietnam::get().plans()).unwrap();
        assert_eq!(computed.years.len(), from_history.years.len());
        for (a, b) in computed.years.iter().zip(&from_history.years) {
            assert_eq!(a.year, b.year);
            assert!((a.contributions.tfp - b.contributions.tfp).abs() < 1e-12);
        }
        for (a, b) in computed.periods.iter().zip(&from_history.periods) {
            let (x, y) = (a.contributions.unwrap(), b.contributions.unwrap());
            assert!((x.tfp - y.tfp).abs() < 1e-9 && (x.capital - y.capital).abs() < 1e-9);
            assert_eq!(a.tfp_share.is_some(), b.tfp_share.is_some());
        }
        assert_eq!(computed.sensitivity, from_history.sensitivity);
        assert_eq!(computed.tfp_share_target, from_history.tfp_share_target);
    }
}
