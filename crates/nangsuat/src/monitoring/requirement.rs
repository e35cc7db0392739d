//! What it takes: the value of one assumption of a [`Scenario`] that just meets a goal, all
//! other assumptions held (METHODS §8, inverted).
//!
//! A planner's question is rarely "what does this scenario give?" but "what investment rate
//! (TFP growth, employment growth, depreciation) would meet the 7.5 %/yr target?". For each
//! goal on a projected outcome (average GDP growth, labour-productivity growth, TFP's share of
//! growth) and one chosen [`Assumption`], [`what_it_takes`] finds the set of admissible values
//! of that assumption at which the projection meets the goal, and the boundary of that set
//! nearest the assumption as held: the value that *just* meets it. When no admissible value
//! meets it, the result says so ([`Requirement::Never`]) with the closest the projection gets —
//! a typed fact for the report to word, not a sentence.
//!
//! **Method.** The outcome `m(x)` of the projection as a function of the assumption `x` is
//! continuous on the admissible range. Average GDP and LP growth are monotone in the investment
//! rate and TFP growth (increasing) and in depreciation (decreasing): with `Y = A K^(1−s) L^s`
//! and `K_{t+1} = (1 − δ)K_t + σY_t`, each `K_t` and `Y_t` increases with σ and with TFP growth
//! and decreases with δ by induction on `t`. GDP growth increases with employment growth; LP
//! growth and the TFP share need not be monotone in every assumption (capital dilution, a
//! ratio of two growths). So the search does not assume monotonicity: the range is scanned at
//! [`GRID`] + 1 evenly spaced points, every change between meeting and missing the goal is
//! bracketed between neighbours, and each bracket is bisected until its two ends are adjacent
//! floating-point numbers (or `m` equals the bound exactly). The reported boundary is the end
//! of the bracket that meets the goal, so projecting with it meets the goal, and `m` there is
//! within rounding of the bound. Bisection, not Brent or ITP, because it cannot fail on a
//! valid bracket and a projection costs well under a microsecond per year; for the monotone
//! pairs above the result is exact; for the others, two boundaries closer together than one
//! grid step (a 1/[`GRID`] of the range) could be missed.

use crate::error::{Error, Result};
use crate::monitoring::feasibility::{Projection, Scenario};
use crate::plan::Plan;
use crate::plan::goal::Target;
use serde::{Deserialize, Serialize};

/// Number of grid intervals scanned over the admissible range.
pub const GRID: usize = 100;

/// The assumption of a scenario that is solved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Assumption {
    /// Gross investment as a share of GDP, σ.
    InvestmentRate,
    /// TFP growth, a fraction per year.
    TfpGrowth,
    /// Employment growth, a fraction per year.
    EmploymentGrowth,
    /// Depreciation rate δ.
    Depreciation,
}

impl Assumption {
    /// Every assumption that can be solved for.
    pub const ALL: [Assumption; 4] = [
        Assumption::InvestmentRate,
        Assumption::TfpGrowth,
        Assumption::EmploymentGrowth,
        Assumption::Depreciation,
    ];

    /// The stable name (`investment_rate`, `tfp_growth`, `employment_growth`, `depreciation`),
    /// as the scenario's field.
    pub fn name(self) -> &'static str {
        match self {
            Assumption::InvestmentRate => "investment_rate",
            Assumption::TfpGrowth => "tfp_growth",
            Assumption::EmploymentGrowth => "employment_growth",
            Assumption::Depreciation => "depreciation",
        }
    }

    /// The assumption of a stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the accepted names.
    pub fn from_name(name: &str) -> Result<Self> {
        Assumption::ALL
            .into_iter()
            .find(|a| a.name() == name)
            .ok_or_else(|| {
                Error::invalid_parameter(
                    "assumption",
                    format!(
                        "`{name}` is not one of investment_rate, tfp_growth, \
                         employment_growth, depreciation"
                    ),
                )
            })
    }

    /// The range [`Scenario::project`] accepts for the assumption, the default admissible
    /// range.
    pub fn valid_range(self) -> (f64, f64) {
        match self {
            Assumption::InvestmentRate | Assumption::Depreciation => (0.0, 1.0),
            Assumption::TfpGrowth | Assumption::EmploymentGrowth => (-0.5, 1.0),
        }
    }

    /// The assumption's value in a scenario.
    pub fn get(self, scenario: &Scenario) -> f64 {
        match self {
            Assumption::InvestmentRate => scenario.investment_rate,
            Assumption::TfpGrowth => scenario.tfp_growth,
            Assumption::EmploymentGrowth => scenario.employment_growth,
            Assumption::Depreciation => scenario.depreciation,
        }
    }

    /// The scenario with the assumption set to `value`.
    pub fn set(self, scenario: &Scenario, value: f64) -> Scenario {
        let mut s = scenario.clone();
        *match self {
            Assumption::InvestmentRate => &mut s.investment_rate,
            Assumption::TfpGrowth => &mut s.tfp_growth,
            Assumption::EmploymentGrowth => &mut s.employment_growth,
            Assumption::Depreciation => &mut s.depreciation,
        } = value;
        s
    }
}

/// A projected outcome a goal constrains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// Average GDP growth over the projection, a fraction per year.
    GdpGrowth,
    /// Average labour-productivity growth, a fraction per year.
    LpGrowth,
    /// TFP's share of GDP growth, a fraction (undefined when GDP does not change).
    TfpShare,
}

impl Outcome {
    /// The stable name (`gdp_growth`, `lp_growth`, `tfp_share`).
    pub fn name(self) -> &'static str {
        match self {
            Outcome::GdpGrowth => "gdp_growth",
            Outcome::LpGrowth => "lp_growth",
            Outcome::TfpShare => "tfp_share",
        }
    }

    /// The outcome of a stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the accepted names.
    pub fn from_name(name: &str) -> Result<Self> {
        [Outcome::GdpGrowth, Outcome::LpGrowth, Outcome::TfpShare]
            .into_iter()
            .find(|o| o.name() == name)
            .ok_or_else(|| {
                Error::invalid_parameter(
                    "outcome",
                    format!("`{name}` is not one of gdp_growth, lp_growth, tfp_share"),
                )
            })
    }

    /// The outcome's value in a projection (`None` for an undefined TFP share).
    pub fn of(self, p: &Projection) -> Option<f64> {
        match self {
            Outcome::GdpGrowth => Some(p.gdp_growth),
            Outcome::LpGrowth => Some(p.lp_growth),
            Outcome::TfpShare => p.tfp_share,
        }
    }
}

/// A goal on a projected outcome: the outcome must be at least `low` and at most `high`
/// (either may be absent). Values are fractions (0.075 for 7.5 %/yr).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenarioTarget {
    /// An identifier (a plan goal's id, or any label).
    pub id: String,
    /// The outcome constrained.
    pub outcome: Outcome,
    /// Lower bound, a fraction.
    pub low: Option<f64>,
    /// Upper bound, a fraction.
    pub high: Option<f64>,
}

impl ScenarioTarget {
    /// The outcome must be at least `value`.
    pub fn at_least(id: impl Into<String>, outcome: Outcome, value: f64) -> Self {
        ScenarioTarget {
            id: id.into(),
            outcome,
            low: Some(value),
            high: None,
        }
    }

    /// The outcome must be at most `value`.
    pub fn at_most(id: impl Into<String>, outcome: Outcome, value: f64) -> Self {
        ScenarioTarget {
            id: id.into(),
            outcome,
            low: None,
            high: Some(value),
        }
    }

    /// The outcome must lie in `[low, high]`.
    pub fn between(id: impl Into<String>, outcome: Outcome, low: f64, high: f64) -> Self {
        ScenarioTarget {
            id: id.into(),
            outcome,
            low: Some(low),
            high: Some(high),
        }
    }

    /// The goals of `plan` that a projection from `base_year` to `end_year` speaks to: those on
    /// average LP growth (`lp_growth_avg`), GDP or GRDP growth (`gdp_growth_avg`,
    /// `grdp_growth_avg`) and TFP's contribution (`tfp_contribution`) whose period is
    /// `base_year + 1 ..= end_year`, with their bounds converted from percent to fractions.
    /// "Above" and "at least" give a lower bound, "below" and "at most" an upper bound,
    /// "between" both; "about" with a stated tolerance gives `value ± tolerance`, and without
    /// one (as Decision 36's "khoảng 45 %") or "equal" a lower bound, as the report's scenario
    /// verdict reads them. Relative targets are left out.
    pub fn from_plan(plan: &Plan, base_year: i32, end_year: i32) -> Vec<ScenarioTarget> {
        plan.goals
            .iter()
            .filter_map(|g| {
                let outcome = match g.indicator.as_str() {
                    "lp_growth_avg" => Outcome::LpGrowth,
                    "gdp_growth_avg" | "grdp_growth_avg" => Outcome::GdpGrowth,
                    "tfp_contribution" => Outcome::TfpShare,
                    _ => return None,
                };
                let (start, end) = match g.horizon {
                    Some(h) => (h.start.unwrap_or(h.end), h.end),
                    None => (plan.period.start, plan.period.end),
                };
                if (start, end) != (base_year + 1, end_year) {
                    return None;
                }
                let (low, high) = match &g.target {
                    Target::Above { value } | Target::AtLeast { value } => (Some(*value), None),
                    Target::Below { value } | Target::AtMost { value } => (None, Some(*value)),
                    Target::Between { low, high } => (Some(*low), Some(*high)),
                    Target::About {
                        value,
                        tolerance: Some(tol),
                    } => (Some(value - tol), Some(value + tol)),
                    // As the report reads them without a stated tolerance: reach the value.
                    Target::About {
                        value,
                        tolerance: None,
                    }
                    | Target::Equal { value } => (Some(*value), None),
                    _ => return None,
                };
                Some(ScenarioTarget {
                    id: g.id.clone(),
                    outcome,
                    low: low.map(|v| v / 100.0),
                    high: high.map(|v| v / 100.0),
                })
            })
            .collect()
    }

    fn check(&self) -> Result<()> {
        for (name, v) in [("low", self.low), ("high", self.high)] {
            if let Some(v) = v
                && !v.is_finite()
            {
                return Err(Error::OutOfRange {
                    name: format!("goal `{}`: {name}", self.id),
                    year: None,
                    value: v,
                    expected: "a finite fraction (0.075 for 7.5 %/yr)".into(),
                });
            }
        }
        match (self.low, self.high) {
            (None, None) => Err(Error::invalid_parameter(
                format!("goal `{}`", self.id),
                "it has neither a lower nor an upper bound",
            )),
            (Some(lo), Some(hi)) if lo > hi => Err(Error::invalid_parameter(
                format!("goal `{}`", self.id),
                format!("its lower bound {lo} is above its upper bound {hi}"),
            )),
            _ => Ok(()),
        }
    }

    /// Whether a value of the outcome meets the goal (an undefined value does not).
    pub fn is_met(&self, value: Option<f64>) -> bool {
        value.is_some_and(|v| {
            self.low.is_none_or(|lo| v >= lo) && self.high.is_none_or(|hi| v <= hi)
        })
    }
}

/// What it takes to meet one goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Requirement {
    /// Some admissible values meet the goal, others do not.
    Value {
        /// The boundary of the values that meet the goal nearest the assumption as held: the
        /// value that just meets it (if the goal is met as held, how far the assumption can
        /// move before it is missed). Projecting with it meets the goal.
        value: f64,
        /// The outcome projected at `value` (within rounding of the goal's bound).
        outcome: f64,
        /// The intervals of admissible values that meet the goal, in increasing order.
        meets: Vec<(f64, f64)>,
    },
    /// Every admissible value meets the goal.
    Always,
    /// No admissible value meets the goal.
    Never {
        /// The admissible value (on the grid) at which the outcome comes closest to the goal,
        /// if the outcome is defined anywhere.
        closest_at: Option<f64>,
        /// The outcome there.
        closest_outcome: Option<f64>,
    },
}

/// The answer for one goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WhatItTakes {
    /// The goal.
    pub target: ScenarioTarget,
    /// The assumption solved for.
    pub assumption: Assumption,
    /// Its value as held in the scenario.
    pub held: f64,
    /// The outcome projected with the assumption as held (`None` if undefined).
    pub projected: Option<f64>,
    /// Whether the scenario as held meets the goal.
    pub met_as_held: bool,
    /// The admissible range searched.
    pub range: (f64, f64),
    /// What it takes.
    pub requirement: Requirement,
}

impl WhatItTakes {
    /// The value that just meets the goal, if one exists (`None` for
    /// [`Requirement::Always`] and [`Requirement::Never`]).
    pub fn value(&self) -> Option<f64> {
        match self.requirement {
            Requirement::Value { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// For each goal, the value of `assumption` that just meets it with the scenario's other
/// assumptions held, searching the admissible `range` (default: the range the projection
/// accepts, [`Assumption::valid_range`]).
///
/// # Errors
/// [`Error::OutOfRange`] for a scenario assumption out of range or a non-finite bound;
/// [`Error::InvalidParameter`] for a goal without bounds or with crossed bounds, or a range
/// that is empty, not finite or outside the valid range.
///
/// # Examples
/// What investment rate gives Viet Nam 7.5 %/yr LP growth in 2026–2030, other assumptions as
/// in the 2021–2025 baseline?
/// ```
/// use nangsuat::monitoring::feasibility::Scenario;
/// use nangsuat::monitoring::requirement::{what_it_takes, Assumption, Outcome, ScenarioTarget};
/// let mut s = nangsuat::vietnam::scenario_2021_2025();
/// (s.base_year, s.end_year) = (2025, 2030);
/// let goal = ScenarioTarget::at_least("lp-7.5", Outcome::LpGrowth, 0.075);
/// let r = &what_it_takes(&s, &[goal], Assumption::InvestmentRate, None)?[0];
/// let sigma = r.value().unwrap();
/// let p = Assumption::InvestmentRate.set(&s, sigma).project()?;
/// assert!(p.lp_growth >= 0.075 && p.lp_growth - 0.075 < 1e-9);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn what_it_takes(
    scenario: &Scenario,
    targets: &[ScenarioTarget],
    assumption: Assumption,
    range: Option<(f64, f64)>,
) -> Result<Vec<WhatItTakes>> {
    let projection = scenario.project()?;
    let valid = assumption.valid_range();
    let (lo, hi) = range.unwrap_or(valid);
    if !(lo.is_finite() && hi.is_finite() && lo < hi && lo >= valid.0 && hi <= valid.1) {
        return Err(Error::invalid_parameter(
            "range",
            format!(
                "[{lo}, {hi}] for {} must be a non-empty finite interval within [{}, {}]",
                assumption.name(),
                valid.0,
                valid.1
            ),
        ));
    }
    for t in targets {
        t.check()?;
    }
    // One projection per grid point, shared by all goals.
    let step = (hi - lo) / GRID as f64;
    let xs: Vec<f64> = (0..=GRID)
        .map(|k| if k == GRID { hi } else { lo + step * k as f64 })
        .collect();
    let projections: Vec<Projection> = xs
        .iter()
        .map(|&x| assumption.set(scenario, x).project())
        .collect::<Result<_>>()?;
    let held = assumption.get(scenario);
    targets
        .iter()
        .map(|t| {
            let projected = t.outcome.of(&projection);
            let values: Vec<Option<f64>> = projections.iter().map(|p| t.outcome.of(p)).collect();
            let requirement = solve(scenario, t, assumption, &xs, &values, held)?;
            Ok(WhatItTakes {
                target: t.clone(),
                assumption,
                held,
                projected,
                met_as_held: t.is_met(projected),
                range: (lo, hi),
                requirement,
            })
        })
        .collect()
}

fn solve(
    scenario: &Scenario,
    t: &ScenarioTarget,
    assumption: Assumption,
    xs: &[f64],
    values: &[Option<f64>],
    held: f64,
) -> Result<Requirement> {
    let met: Vec<bool> = values.iter().map(|v| t.is_met(*v)).collect();
    if met.iter().all(|m| *m) {
        return Ok(Requirement::Always);
    }
    if !met.iter().any(|m| *m) {
        // Distance to the goal's bounds, for the closest value.
        let gap = |v: f64| {
            t.low.map_or(0.0, |lo| (lo - v).max(0.0)) + t.high.map_or(0.0, |hi| (v - hi).max(0.0))
        };
        let closest = xs
            .iter()
            .zip(values)
            .filter_map(|(x, v)| v.map(|v| (*x, v)))
            .min_by(|a, b| gap(a.1).total_cmp(&gap(b.1)));
        return Ok(Requirement::Never {
            closest_at: closest.map(|c| c.0),
            closest_outcome: closest.map(|c| c.1),
        });
    }
    let outcome_at = |x: f64| -> Result<Option<f64>> {
        Ok(t.outcome.of(&assumption.set(scenario, x).project()?))
    };
    // Boundaries between meeting and missing, each refined by bisection; `edges[k]` is the
    // meeting end of the bracket.
    let mut intervals: Vec<(f64, f64)> = Vec::new();
    let mut start = met[0].then_some(xs[0]);
    for k in 1..xs.len() {
        if met[k] == met[k - 1] {
            continue;
        }
        let (mut a, mut b) = (xs[k - 1], xs[k]); // met(a) != met(b)
        let a_met = met[k - 1];
        loop {
            let mid = a + (b - a) / 2.0;
            if mid <= a || mid >= b {
                break;
            }
            let v = outcome_at(mid)?;
            if t.is_met(v) == a_met {
                a = mid;
            } else {
                b = mid;
            }
            if v.is_some() && (t.low == v || t.high == v) {
                break; // exactly on a (closed) bound: `mid` meets it and is the boundary
            }
        }
        if a_met {
            intervals.push((start.take().unwrap_or(a), a));
        } else {
            start = Some(b);
        }
    }
    if let Some(s) = start {
        intervals.push((s, xs[xs.len() - 1]));
    }
    let (lo, hi) = (xs[0], xs[xs.len() - 1]);
    // Boundaries of the meeting set that are interior (not the ends of the range).
    let boundaries = intervals
        .iter()
        .flat_map(|&(a, b)| [(a, a > lo), (b, b < hi)])
        .filter(|(_, interior)| *interior)
        .map(|(x, _)| x);
    let value = boundaries
        .min_by(|a, b| (a - held).abs().total_cmp(&(b - held).abs()))
        .unwrap_or(intervals[0].0);
    let outcome = outcome_at(value)?.unwrap_or(f64::NAN);
    Ok(Requirement::Value {
        value,
        outcome,
        meets: intervals,
    })
}

impl Scenario {
    /// A scenario from its assumptions (rates are fractions per year), checked as
    /// [`Scenario::project`] checks them.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for an assumption outside its range (an investment rate written
    /// as 33 instead of 0.33); [`Error::InvalidParameter`] if `end_year` is not after
    /// `base_year`.
    ///
    /// ```
    /// use nangsuat::monitoring::feasibility::Scenario;
    /// let s = Scenario::new("flat", 2025, 2030, 3.0, 0.3, 0.05, 0.01, 0.02, 0.5)?;
    /// assert!(s.project()?.gdp_growth > 0.0);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: impl Into<String>,
        base_year: i32,
        end_year: i32,
        capital_output_ratio: f64,
        investment_rate: f64,
        depreciation: f64,
        employment_growth: f64,
        tfp_growth: f64,
        labour_share: f64,
    ) -> Result<Scenario> {
        let s = Scenario {
            name: name.into(),
            base_year,
            end_year,
            capital_output_ratio,
            investment_rate,
            depreciation,
            employment_growth,
            tfp_growth,
            labour_share,
        };
        s.project()?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario_2026_2030() -> Scenario {
        let mut s = crate::vietnam::scenario_2021_2025();
        s.name = "test 2026-2030".into();
        s.base_year = 2025;
        s.end_year = 2030;
        s
    }

    fn check_inversion(s: &Scenario, t: &ScenarioTarget, a: Assumption, r: &WhatItTakes) {
        let Requirement::Value { value, outcome, .. } = r.requirement else {
            panic!("{:?}", r.requirement)
        };
        let p = a.set(s, value).project().unwrap();
        let v = t.outcome.of(&p).unwrap();
        assert!(t.is_met(Some(v)), "{t:?} {a:?} {value} -> {v}");
        assert_eq!(v, outcome);
        let bound = [t.low, t.high]
            .into_iter()
            .flatten()
            .min_by(|x, y| (x - v).abs().total_cmp(&(y - v).abs()))
            .unwrap();
        assert!((v - bound).abs() < 1e-9, "{t:?} {a:?}: {v} vs {bound}");
    }

    #[test]
    fn inverted_back_meets_each_goal_to_1e9() {
        let s = scenario_2026_2030();
        let goals = [
            ScenarioTarget::at_least("lp", Outcome::LpGrowth, 0.075),
            ScenarioTarget::at_least("gdp", Outcome::GdpGrowth, 0.08),
            ScenarioTarget::at_least("share", Outcome::TfpShare, 0.45),
            ScenarioTarget::at_most("gdp-cap", Outcome::GdpGrowth, 0.09),
        ];
        for a in Assumption::ALL {
            let rs = what_it_takes(&s, &goals, a, None).unwrap();
            for (g, r) in goals.iter().zip(&rs) {
                if let Requirement::Value { .. } = r.requirement {
                    check_inversion(&s, g, a, r);
                }
            }
        }
        // The monotone pairs all have an interior answer for 7.5 %/yr LP growth.
        for a in [
            Assumption::InvestmentRate,
            Assumption::TfpGrowth,
            Assumption::Depreciation,
        ] {
            let r = &what_it_takes(&s, &goals[..1], a, None).unwrap()[0];
            assert!(r.value().is_some(), "{a:?}: {:?}", r.requirement);
        }
    }

    #[test]
    fn investment_rate_for_decision_36_lp_target() {
        let s = scenario_2026_2030();
        let goal = ScenarioTarget::at_least("lp", Outcome::LpGrowth, 0.075);
        let r = &what_it_takes(
            &s,
            std::slice::from_ref(&goal),
            Assumption::InvestmentRate,
            None,
        )
        .unwrap()[0];
        let Requirement::Value { value, meets, .. } = &r.requirement else {
            panic!()
        };
        // Monotone: one interval from the value to the top of the range.
        assert_eq!(meets.len(), 1);
        assert_eq!(meets[0], (*value, 1.0));
        // The value just below does not meet it.
        let below = Assumption::InvestmentRate
            .set(&s, value - 1e-9)
            .project()
            .unwrap();
        assert!(below.lp_growth < 0.075);
        // The answer agrees with an independent solution of the same monotone equation by
        // the sensitivity direction: more investment, more LP growth.
        assert!(*value > s.investment_rate || r.met_as_held);
    }

    #[test]
    fn unreachable_and_always() {
        let s = scenario_2026_2030();
        // LP growth of 60 %/yr: no investment rate in [0, 1] gives it.
        let far = ScenarioTarget::at_least("far", Outcome::LpGrowth, 0.60);
        let r = &what_it_takes(&s, &[far], Assumption::InvestmentRate, None).unwrap()[0];
        let Requirement::Never {
            closest_at,
            closest_outcome,
        } = r.requirement
        else {
            panic!("{:?}", r.requirement)
        };
        assert_eq!(closest_at, Some(1.0));
        assert!(closest_outcome.unwrap() < 0.60);
        assert_eq!(r.value(), None);
        // GDP growth above −60 %/yr: every admissible rate.
        let easy = ScenarioTarget::at_least("easy", Outcome::GdpGrowth, -0.6);
        let r = &what_it_takes(&s, &[easy], Assumption::InvestmentRate, None).unwrap()[0];
        assert_eq!(r.requirement, Requirement::Always);
    }

    #[test]
    fn between_goal_gives_an_interval() {
        let s = scenario_2026_2030();
        let g = ScenarioTarget::between("band", Outcome::GdpGrowth, 0.065, 0.07);
        let r =
            &what_it_takes(&s, std::slice::from_ref(&g), Assumption::TfpGrowth, None).unwrap()[0];
        let Requirement::Value { meets, .. } = &r.requirement else {
            panic!("{:?}", r.requirement)
        };
        assert_eq!(meets.len(), 1);
        for (x, bound) in [(meets[0].0, 0.065), (meets[0].1, 0.07)] {
            let v = Assumption::TfpGrowth
                .set(&s, x)
                .project()
                .unwrap()
                .gdp_growth;
            assert!(g.is_met(Some(v)) && (v - bound).abs() < 1e-9, "{x} {v}");
        }
    }

    #[test]
    fn narrower_range_and_errors() {
        let s = scenario_2026_2030();
        let goal = ScenarioTarget::at_least("lp", Outcome::LpGrowth, 0.075);
        let r = &what_it_takes(
            &s,
            std::slice::from_ref(&goal),
            Assumption::InvestmentRate,
            Some((0.2, 0.4)),
        )
        .unwrap()[0];
        assert_eq!(r.range, (0.2, 0.4));
        for bad in [(0.5, 0.4), (-0.1, 0.4), (0.2, f64::NAN)] {
            let e = what_it_takes(
                &s,
                std::slice::from_ref(&goal),
                Assumption::InvestmentRate,
                Some(bad),
            )
            .unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidParameter, "{bad:?}");
        }
        let mut none = goal.clone();
        none.low = None;
        assert!(what_it_takes(&s, &[none], Assumption::TfpGrowth, None).is_err());
        let mut nan = goal.clone();
        nan.low = Some(f64::NAN);
        let e = what_it_takes(&s, &[nan], Assumption::TfpGrowth, None).unwrap_err();
        assert!(e.to_string().contains("goal `lp`"), "{e}");
        let mut bad = s.clone();
        bad.investment_rate = 33.0;
        assert!(what_it_takes(&bad, &[goal], Assumption::TfpGrowth, None).is_err());
        assert!(Assumption::from_name("savings").is_err());
        assert_eq!(
            Assumption::from_name("tfp_growth").unwrap(),
            Assumption::TfpGrowth
        );
        assert_eq!(Outcome::from_name("lp_growth").unwrap(), Outcome::LpGrowth);
    }

    #[test]
    fn goals_from_decision_36() {
        let plans = crate::vietnam::Vietnam::get().plans();
        let d36 = plans.iter().find(|p| p.id == "vn-d36-2021").unwrap();
        let t = ScenarioTarget::from_plan(d36, 2020, 2025);
        let lp = t.iter().find(|g| g.id == "lp-growth-2021-2025").unwrap();
        assert_eq!(
            (lp.outcome, lp.low, lp.high),
            (Outcome::LpGrowth, Some(0.07), None)
        );
        let share = t.iter().find(|g| g.outcome == Outcome::TfpShare).unwrap();
        assert_eq!((share.low, share.high), (Some(0.45), None)); // "khoảng 45 %"
        let later = ScenarioTarget::from_plan(d36, 2025, 2030);
        let lp = later
            .iter()
            .find(|g| g.id == "lp-growth-2026-2030")
            .unwrap();
        assert_eq!(lp.low, Some(0.075));
    }
}
