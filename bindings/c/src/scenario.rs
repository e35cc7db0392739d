//! Feasibility: the Cobb–Douglas/PIM scenario, its sensitivity, what it takes to meet each
//! goal, consistency of a plan's targets and historical realism.

use crate::handles::{NsPlan, copy_out, give_string, out_arg, ref_arg, slice_arg};
use crate::monitoring::json;
use crate::status::{Failure, NsStatus, boundary};
use nangsuat::monitoring::feasibility::{LevelSeries, Measure, Scenario, consistency, realism};
use nangsuat::monitoring::requirement::{
    Assumption, Outcome, Requirement, ScenarioTarget, what_it_takes,
};
use nangsuat::report::{Lang, words};
use std::ffi::c_char;

/// Assumptions of a scenario (fractions per year). The name is the core's default.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct NsScenario {
    /// Base year (levels known at its end).
    pub base_year: i32,
    /// Last projected year (after the base year).
    pub end_year: i32,
    /// Capital–output ratio in the base year.
    pub capital_output_ratio: f64,
    /// Gross investment as a share of GDP, σ.
    pub investment_rate: f64,
    /// Depreciation rate δ.
    pub depreciation: f64,
    /// Employment growth.
    pub employment_growth: f64,
    /// TFP growth.
    pub tfp_growth: f64,
    /// Labour's share of income.
    pub labour_share: f64,
}

fn core(s: &NsScenario) -> Result<Scenario, Failure> {
    Ok(Scenario::new(
        "c_api",
        s.base_year,
        s.end_year,
        s.capital_output_ratio,
        s.investment_rate,
        s.depreciation,
        s.employment_growth,
        s.tfp_growth,
        s.labour_share,
    )?)
}

/// Writes Viet Nam's 2021–2025 baseline (assumptions from the embedded sources: PWT 10.01's
/// capital–output ratio and δ in 2019, the mean published investment share 2016–2022,
/// employment growth 1 %/yr, TFP growth 2 %/yr, labour share 0.48) into `out`.
///
/// # Safety
/// `out` is NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_scenario_vietnam_2021_2025(out: *mut NsScenario) -> NsStatus {
    boundary(|| {
        out_arg(out, "out")?;
        let s = nangsuat::vietnam::scenario_2021_2025();
        // SAFETY: checked non-NULL.
        unsafe {
            *out = NsScenario {
                base_year: s.base_year,
                end_year: s.end_year,
                capital_output_ratio: s.capital_output_ratio,
                investment_rate: s.investment_rate,
                depreciation: s.depreciation,
                employment_growth: s.employment_growth,
                tfp_growth: s.tfp_growth,
                labour_share: s.labour_share,
            }
        };
        Ok(())
    })
}

/// The period averages of a projection.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct NsProjection {
    /// Average GDP growth, a fraction per year.
    pub gdp_growth: f64,
    /// Average labour-productivity growth.
    pub lp_growth: f64,
    /// Average capital growth.
    pub capital_growth: f64,
    /// Whether `tfp_share` is defined (GDP changed).
    pub tfp_share_defined: bool,
    /// TFP's share of GDP growth, a fraction (NaN when undefined).
    pub tfp_share: f64,
}

/// Projects a scenario (`Y = A K^(1−s) L^s`, `K_{t+1} = (1 − δ)K_t + σY_t`; METHODS §8).
/// `gdp`, `capital` and `employment` are NULL or hold `end_year − base_year + 1` values
/// (GDP and employment with base = 1, capital in units of base GDP).
///
/// # Safety
/// `scenario` and `out` are valid; the arrays NULL or of the stated length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_scenario_project(
    scenario: *const NsScenario,
    out: *mut NsProjection,
    gdp: *mut f64,
    capital: *mut f64,
    employment: *mut f64,
) -> NsStatus {
    boundary(|| {
        out_arg(out, "out")?;
        // SAFETY: the caller's contract.
        let s = core(unsafe { ref_arg(scenario, "scenario")? })?;
        let p = s.project()?;
        // SAFETY: `out` checked; arrays NULL or `years` long.
        unsafe {
            *out = NsProjection {
                gdp_growth: p.gdp_growth,
                lp_growth: p.lp_growth,
                capital_growth: p.capital_growth,
                tfp_share_defined: p.tfp_share.is_some(),
                tfp_share: p.tfp_share.unwrap_or(f64::NAN),
            };
            copy_out(gdp, &p.gdp);
            copy_out(capital, &p.capital);
            copy_out(employment, &p.employment);
        }
        Ok(())
    })
}

/// One-at-a-time sensitivity of a scenario as JSON (an array of `assumption`, `step`, and
/// the changes at −step and +step of `gdp_growth`, `lp_growth`, `tfp_share`), sorted by the
/// effect on LP growth; owned by the caller (`ns_string_free`).
///
/// # Safety
/// `scenario` and `json_out` are valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_scenario_sensitivity_json(
    scenario: *const NsScenario,
    json_out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        out_arg(json_out, "json_out")?;
        // SAFETY: the caller's contract.
        let s = core(unsafe { ref_arg(scenario, "scenario")? })?;
        let rows = s.sensitivity()?;
        // SAFETY: checked non-NULL.
        unsafe { give_string(json_out, json(&rows)?) }
    })
}

/// Outcome of a goal: average GDP growth.
pub const NS_OUTCOME_GDP_GROWTH: i32 = 0;
/// Outcome of a goal: average labour-productivity growth.
pub const NS_OUTCOME_LP_GROWTH: i32 = 1;
/// Outcome of a goal: TFP's share of GDP growth.
pub const NS_OUTCOME_TFP_SHARE: i32 = 2;
/// Assumption solved for: the investment rate σ.
pub const NS_ASSUMPTION_INVESTMENT_RATE: i32 = 0;
/// Assumption solved for: TFP growth.
pub const NS_ASSUMPTION_TFP_GROWTH: i32 = 1;
/// Assumption solved for: employment growth.
pub const NS_ASSUMPTION_EMPLOYMENT_GROWTH: i32 = 2;
/// Assumption solved for: the depreciation rate δ.
pub const NS_ASSUMPTION_DEPRECIATION: i32 = 3;
/// What it takes: `value` just meets the goal.
pub const NS_REQUIREMENT_VALUE: i32 = 0;
/// What it takes: every admissible value meets the goal.
pub const NS_REQUIREMENT_ALWAYS: i32 = 1;
/// What it takes: no admissible value meets the goal.
pub const NS_REQUIREMENT_NEVER: i32 = 2;

/// A goal on a projected outcome: at least `low` (when `has_low`) and at most `high` (when
/// `has_high`), fractions.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct NsScenarioGoal {
    /// `NS_OUTCOME_GDP_GROWTH`, `NS_OUTCOME_LP_GROWTH` or `NS_OUTCOME_TFP_SHARE`.
    pub outcome: i32,
    /// Whether `low` applies.
    pub has_low: bool,
    /// Lower bound.
    pub low: f64,
    /// Whether `high` applies.
    pub has_high: bool,
    /// Upper bound.
    pub high: f64,
}

/// What it takes to meet one goal.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct NsWhatItTakes {
    /// `NS_REQUIREMENT_VALUE`, `NS_REQUIREMENT_ALWAYS` or `NS_REQUIREMENT_NEVER`.
    pub kind: i32,
    /// For `NS_REQUIREMENT_VALUE`: the value of the assumption that just meets the goal, the
    /// boundary of the meeting values nearest the value held; NaN otherwise.
    pub value: f64,
    /// The outcome projected at `value` (VALUE), or the closest the range gets (NEVER; NaN
    /// when the outcome is nowhere defined); NaN for ALWAYS.
    pub outcome: f64,
    /// For `NS_REQUIREMENT_NEVER`: where the outcome comes closest (NaN otherwise).
    pub closest_at: f64,
    /// The assumption as held in the scenario.
    pub held: f64,
    /// Whether the scenario as held meets the goal.
    pub met_as_held: bool,
}

/// For each of `n_goals` goals, the value of `assumption` that just meets it with the other
/// assumptions held (bisection on brackets found by scanning the admissible range: `range`
/// is NULL for the valid range or two values `[low, high]`). Writes `n_goals` results.
///
/// # Safety
/// `scenario` is valid; `goals` and `out` hold `n_goals` elements; `range` is NULL or holds
/// two values.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_what_it_takes(
    scenario: *const NsScenario,
    n_goals: usize,
    goals: *const NsScenarioGoal,
    assumption: i32,
    range: *const f64,
    out: *mut NsWhatItTakes,
) -> NsStatus {
    boundary(|| {
        // SAFETY: the caller's contract.
        let s = core(unsafe { ref_arg(scenario, "scenario")? })?;
        // SAFETY: the caller's contract.
        let goals = unsafe { slice_arg(goals, n_goals, "goals")? };
        out_arg(out, "out")?;
        let assumption = match assumption {
            NS_ASSUMPTION_INVESTMENT_RATE => Assumption::InvestmentRate,
            NS_ASSUMPTION_TFP_GROWTH => Assumption::TfpGrowth,
            NS_ASSUMPTION_EMPLOYMENT_GROWTH => Assumption::EmploymentGrowth,
            NS_ASSUMPTION_DEPRECIATION => Assumption::Depreciation,
            other => {
                return Err(Failure::new(
                    NsStatus::InvalidEnum,
                    format!(
                        "assumption = {other}: expected NS_ASSUMPTION_INVESTMENT_RATE (0), _TFP_GROWTH (1), _EMPLOYMENT_GROWTH (2) or _DEPRECIATION (3)"
                    ),
                ));
            }
        };
        let range = if range.is_null() {
            None
        } else {
            // SAFETY: two values by contract.
            let r = unsafe { slice_arg(range, 2, "range")? };
            Some((r[0], r[1]))
        };
        let targets = goals
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let outcome = match g.outcome {
                    NS_OUTCOME_GDP_GROWTH => Outcome::GdpGrowth,
                    NS_OUTCOME_LP_GROWTH => Outcome::LpGrowth,
                    NS_OUTCOME_TFP_SHARE => Outcome::TfpShare,
                    other => {
                        return Err(Failure::new(
                            NsStatus::InvalidEnum,
                            format!("goals[{i}].outcome = {other}: expected NS_OUTCOME_GDP_GROWTH (0), _LP_GROWTH (1) or _TFP_SHARE (2)"),
                        ));
                    }
                };
                let id = format!("goals[{i}]");
                match (g.has_low, g.has_high) {
                    (true, true) => Ok(ScenarioTarget::between(id, outcome, g.low, g.high)),
                    (true, false) => Ok(ScenarioTarget::at_least(id, outcome, g.low)),
                    (false, true) => Ok(ScenarioTarget::at_most(id, outcome, g.high)),
                    (false, false) => Err(Failure::new(
                        NsStatus::InvalidParameter,
                        format!("{id}: neither has_low nor has_high is set"),
                    )),
                }
            })
            .collect::<Result<Vec<_>, Failure>>()?;
        let results = what_it_takes(&s, &targets, assumption, range)?;
        let rows: Vec<NsWhatItTakes> = results
            .iter()
            .map(|r| {
                let (kind, value, outcome, closest_at) = match &r.requirement {
                    Requirement::Value { value, outcome, .. } => {
                        (NS_REQUIREMENT_VALUE, *value, *outcome, f64::NAN)
                    }
                    Requirement::Never {
                        closest_at,
                        closest_outcome,
                    } => (
                        NS_REQUIREMENT_NEVER,
                        f64::NAN,
                        closest_outcome.unwrap_or(f64::NAN),
                        closest_at.unwrap_or(f64::NAN),
                    ),
                    _ => (NS_REQUIREMENT_ALWAYS, f64::NAN, f64::NAN, f64::NAN),
                };
                NsWhatItTakes {
                    kind,
                    value,
                    outcome,
                    closest_at,
                    held: r.held,
                    met_as_held: r.met_as_held,
                }
            })
            .collect();
        // SAFETY: `out` holds `n_goals` elements.
        unsafe { copy_out(out, &rows) };
        Ok(())
    })
}

/// Consistency checks of a plan's targets with `employment_growth` (a fraction per year) as
/// JSON (an array of `plan`, `goals`, `contradiction`, `finding` — the identity and its
/// numbers — and `message` with its words, `{"vi": …, "en": …}`), owned by the caller.
///
/// # Safety
/// `plan` and `json_out` are valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_consistency_json(
    plan: *const NsPlan,
    employment_growth: f64,
    json_out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        out_arg(json_out, "json_out")?;
        // SAFETY: the caller's contract.
        let plan = unsafe { ref_arg(plan, "plan")? };
        if !employment_growth.is_finite() {
            return Err(Failure::new(
                NsStatus::OutOfRange,
                format!(
                    "employment_growth = {employment_growth}: expected a finite fraction per year"
                ),
            ));
        }
        let checks: Vec<serde_json::Value> = consistency(&plan.plan, employment_growth)
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                v["message"] = serde_json::json!({
                    "vi": words::consistency(Lang::Vi, c),
                    "en": words::consistency(Lang::En, c),
                });
                v
            })
            .collect();
        // SAFETY: checked non-NULL.
        unsafe { give_string(json_out, json(&checks)?) }
    })
}

/// Realism measure: labour productivity (PWT `rgdpna/emp`).
pub const NS_MEASURE_LABOUR_PRODUCTIVITY: i32 = 0;
/// Realism measure: TFP (PWT `rtfpna`).
pub const NS_MEASURE_TFP: i32 = 1;

/// A required average growth over `years` years against the best records of that length of
/// Viet Nam's PWT 10.01 peers, as JSON (`measure`, `required`, `years`, `own_best`, `peers`,
/// `achieved_by`, and `verdict` with its words: `{"vi": …, "en": …}`), owned by the caller.
///
/// # Safety
/// `json_out` is valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ns_realism_json(
    measure: i32,
    required: f64,
    years: usize,
    json_out: *mut *mut c_char,
) -> NsStatus {
    boundary(|| {
        out_arg(json_out, "json_out")?;
        if !required.is_finite() || years == 0 {
            return Err(Failure::new(
                NsStatus::InvalidParameter,
                format!(
                    "required = {required} over {years} years: expected a finite growth over at least one year"
                ),
            ));
        }
        let vn = nangsuat::vietnam::Vietnam::get();
        let (measure, peers): (Measure, Vec<LevelSeries>) = match measure {
            NS_MEASURE_LABOUR_PRODUCTIVITY => (
                Measure::LabourProductivity,
                vn.peers().iter().map(|p| p.labour_productivity()).collect(),
            ),
            NS_MEASURE_TFP => (Measure::Tfp, vn.peers().iter().map(|p| p.tfp()).collect()),
            other => {
                return Err(Failure::new(
                    NsStatus::InvalidEnum,
                    format!(
                        "measure = {other}: expected NS_MEASURE_LABOUR_PRODUCTIVITY (0) or NS_MEASURE_TFP (1)"
                    ),
                ));
            }
        };
        let r = realism(measure, required, years, None, &peers);
        let mut value = serde_json::to_value(&r).map_err(|e| {
            Failure::new(
                NsStatus::InvalidParameter,
                format!("cannot write JSON: {e}"),
            )
        })?;
        value["verdict"] = serde_json::json!({
            "vi": words::realism(Lang::Vi, &r, vn.places()),
            "en": words::realism(Lang::En, &r, vn.places()),
        });
        let r = value;
        // SAFETY: checked non-NULL.
        unsafe { give_string(json_out, json(&r)?) }
    })
}
