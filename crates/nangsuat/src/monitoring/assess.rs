//! Assessment of plans against observations: each goal's status, the numbers behind it, and
//! what would be needed to meet it (METHODS §7).
//!
//! How each kind of target is read:
//!
//! * **Period-average growth** ("bình quân trên 7 %/năm 2021–2025") is tracked as a level path
//!   (METHODS §7): an index 100 in the year before the period, chained with the observed annual
//!   growth rates (or a published average over part of the period); target level
//!   `100·(1 + g*)^(years)`; the growth still required in the remaining years is reported.
//! * **Share of growth** ("TFP ≈ 45 % of growth"): a published value for the whole period, else
//!   the mean of the published annual shares in the period (named as such), else — when
//!   output, capital and employment series are given — the growth-accounting engine's ratio of
//!   cumulative growths.
//! * **Levels, counts, shares of a total, ratios per 10,000, milestones**: base = the goal's
//!   baseline, else the latest observation before the period, else the first in it; current =
//!   the latest observation.
//! * "About" targets use the document's tolerance, else [`AssessOptions::about_tolerance`]
//!   (relative, stated in the result); for an indicator where higher is better, being above
//!   the band is not a failure. Ranges are met inside the bounds.
//!
//! No value is ever invented: a goal with no observation is *insufficient data* (or *not yet
//! measurable* if its period starts after the latest data), with the reason.

use crate::accounting::{AccountingInput, GrowthAccounting, LabourShare};
use crate::monitoring::observation::{Evidence, Observation, Observations, ObservedWhen};
use crate::monitoring::progress::{Method, Point, Progress, ProgressInput, Status, num, progress};
use crate::plan::Plan;
use crate::plan::goal::{Goal, Target};
use crate::plan::indicator::{Direction, Indicator, IndicatorKind, builtin_indicators};
use crate::plan::validation::{Finding, validate_plans};
use crate::share::Share;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Raw series from which the engine computes a share-of-growth indicator for a scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountingData {
    /// Years, consecutive.
    pub years: Vec<i32>,
    /// Output (GDP/GRDP at constant prices).
    pub output: Vec<f64>,
    /// Capital (services or stock).
    pub capital: Vec<f64>,
    /// Employed persons.
    pub labour: Vec<f64>,
    /// Labour's share of income (constant; GSO form).
    pub labour_share: f64,
}

/// Options of an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssessOptions {
    /// The progress method.
    pub method: Method,
    /// Relative tolerance applied to "about" targets whose document states none (0.05 = ±5 %).
    pub about_tolerance: f64,
    /// Raw series by scope, for share-of-growth goals without a published share.
    pub accounting: BTreeMap<String, AccountingData>,
    /// Population (persons) by scope and year, to form ratios per 10,000 people from counts
    /// when the ratio itself is not published.
    pub population: BTreeMap<String, Vec<Point>>,
}

impl Default for AssessOptions {
    fn default() -> Self {
        AssessOptions {
            method: Method::StatCan,
            about_tolerance: 0.05,
            accounting: BTreeMap::new(),
            population: BTreeMap::new(),
        }
    }
}

/// An observation as the report cites it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cited {
    /// When.
    pub when: ObservedWhen,
    /// Value, in `unit`.
    pub value: f64,
    /// Unit as published.
    pub unit: String,
    /// Evidence level.
    pub evidence: Evidence,
    /// Where it was read.
    pub source_url: String,
    /// Vintage and caveats.
    pub note: String,
}

impl From<&Observation> for Cited {
    fn from(o: &Observation) -> Self {
        Cited {
            when: o.when,
            value: o.value,
            unit: o.unit.clone(),
            evidence: o.evidence,
            source_url: o.source_url.clone(),
            note: o.note.clone(),
        }
    }
}

/// The assessment of one goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoalAssessment {
    /// Plan id.
    pub plan: String,
    /// Goal id.
    pub goal: String,
    /// Indicator code.
    pub indicator: String,
    /// Indicator name in Vietnamese, when known.
    pub indicator_vi: String,
    /// Indicator name in English, when known.
    pub indicator_en: String,
    /// The target as written (comparator and values, unit).
    pub target: String,
    /// First and last year the target covers.
    pub period: (Option<i32>, i32),
    /// Status.
    pub status: Status,
    /// Why, with the numbers.
    pub reason: String,
    /// What would be needed to meet the target, in words, when it can be said.
    pub needed: Option<String>,
    /// The value the status rests on (a level, an average growth in %/yr, a share in %).
    pub current: Option<f64>,
    /// The progress method's result, when a method applied.
    pub progress: Option<Progress>,
    /// Observations used, with evidence and source.
    pub observations: Vec<Cited>,
    /// Other published values for the same times (other vintages), shown beside the used ones.
    pub alternatives: Vec<Cited>,
    /// The document's wording.
    pub source_text: Option<String>,
}

/// The assessment of one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanAssessment {
    /// Plan id.
    pub id: String,
    /// Vietnamese title.
    pub title_vi: String,
    /// English title.
    pub title_en: Option<String>,
    /// Territory.
    pub territory: String,
    /// Period.
    pub period: (i32, i32),
    /// Goal by goal.
    pub goals: Vec<GoalAssessment>,
}

/// Assesses every goal of `plans` against `observations`, with validation findings.
///
/// ```
/// use nangsuat::monitoring::assess::{assess_plans, AssessOptions};
/// use nangsuat::monitoring::observation::Observations;
/// use nangsuat::plan::Plan;
/// use nangsuat::monitoring::progress::Status;
/// let (plans, findings) = assess_plans(&Plan::builtin(), &Observations::vietnam(), &AssessOptions::default());
/// let d36 = &plans[0];
/// let lp = d36.goals.iter().find(|g| g.goal == "lp-growth-2021-2025").unwrap();
/// // 2021–2024 averaged 4.76 %/yr against more than 7 %: not on track.
/// assert_ne!(lp.status, Status::OnTrack);
/// assert!(!findings.is_empty());
/// ```
pub fn assess_plans(
    plans: &[Plan],
    observations: &Observations,
    options: &AssessOptions,
) -> (Vec<PlanAssessment>, Vec<Finding>) {
    let catalogue = builtin_indicators();
    let latest_year = observations.latest_year().unwrap_or(i32::MIN);
    let assessed = plans
        .iter()
        .map(|plan| PlanAssessment {
            id: plan.id.clone(),
            title_vi: plan.title_vi.clone(),
            title_en: plan.title_en.clone(),
            territory: plan.territory.clone(),
            period: (plan.period.start, plan.period.end),
            goals: plan
                .goals
                .iter()
                .map(|g| {
                    let indicator = plan
                        .indicators
                        .iter()
                        .chain(&catalogue)
                        .find(|i| i.code == g.indicator);
                    assess_goal(plan, g, indicator, observations, options, latest_year)
                })
                .collect(),
        })
        .collect();
    (assessed, validate_plans(plans))
}

struct Ctx<'a> {
    goal: &'a Goal,
    scope: &'a str,
    start: Option<i32>,
    end: i32,
    higher: bool,
    observations: &'a Observations,
    options: &'a AssessOptions,
    latest_year: i32,
}

impl Ctx<'_> {
    /// Whether `value` reaches `bound` in the goal's direction.
    fn meets(&self, value: f64, bound: f64) -> bool {
        if self.higher {
            value >= bound
        } else {
            value <= bound
        }
    }
}

fn target_text(goal: &Goal) -> String {
    let t = match &goal.target {
        Target::Above { value } => format!("> {value}"),
        Target::AtLeast { value } => format!("≥ {value}"),
        Target::Below { value } => format!("< {value}"),
        Target::AtMost { value } => format!("≤ {value}"),
        Target::Equal { value } => format!("= {value}"),
        Target::About {
            value,
            tolerance: Some(t),
        } => format!("≈ {value} ± {t}"),
        Target::About { value, .. } => format!("≈ {value}"),
        Target::Between { low, high } => format!("{low}–{high}"),
        Target::Relative {
            reference,
            relation,
        } => format!("{relation:?} {reference}").to_lowercase(),
    };
    format!("{t} {}", goal.unit)
}

/// The band a value must reach, as (threshold for "higher is better" or "lower is better").
fn threshold(ctx: &Ctx<'_>) -> Option<f64> {
    let t = &ctx.goal.target;
    match t {
        Target::About {
            value, tolerance, ..
        } => {
            let tol = tolerance.unwrap_or(ctx.options.about_tolerance * value.abs());
            Some(if ctx.higher { value - tol } else { value + tol })
        }
        Target::Between { low, high } => Some(if ctx.higher { *low } else { *high }),
        _ => {
            if ctx.higher {
                t.lower_bound().or(t.upper_bound())
            } else {
                t.upper_bound().or(t.lower_bound())
            }
        }
    }
}

fn tolerance_note(ctx: &Ctx<'_>) -> Option<String> {
    match ctx.goal.target {
        Target::About {
            value,
            tolerance: None,
        } => Some(format!(
            "'about' read with ±{:.0} % of the target ({:.4}), as the document states no tolerance",
            100.0 * ctx.options.about_tolerance,
            ctx.options.about_tolerance * value.abs()
        )),
        _ => None,
    }
}

fn assess_goal(
    plan: &Plan,
    goal: &Goal,
    indicator: Option<&Indicator>,
    observations: &Observations,
    options: &AssessOptions,
    latest_year: i32,
) -> GoalAssessment {
    let (start, end) = match goal.horizon {
        Some(h) => (h.start, h.end),
        None => (Some(plan.period.start), plan.period.end),
    };
    let higher = match &goal.target {
        Target::Below { .. } | Target::AtMost { .. } => false,
        Target::Above { .. } | Target::AtLeast { .. } => true,
        _ => indicator.is_none_or(|i| i.direction == Direction::HigherIsBetter),
    };
    let ctx = Ctx {
        goal,
        scope: &goal.scope.name,
        start,
        end,
        higher,
        observations,
        options,
        latest_year,
    };
    let mut out = GoalAssessment {
        plan: plan.id.clone(),
        goal: goal.id.clone(),
        indicator: goal.indicator.clone(),
        indicator_vi: indicator.map(|i| i.name_vi.clone()).unwrap_or_default(),
        indicator_en: indicator.map(|i| i.name_en.clone()).unwrap_or_default(),
        target: target_text(goal),
        period: (start, end),
        status: Status::InsufficientData,
        reason: String::new(),
        needed: None,
        current: None,
        progress: None,
        observations: Vec::new(),
        alternatives: Vec::new(),
        source_text: goal.source_text.clone(),
    };
    if let Target::Relative { .. } = goal.target {
        relative(&ctx, &mut out);
    } else {
        match indicator.map(|i| i.kind) {
            Some(IndicatorKind::PeriodAverageGrowth) => period_average_growth(&ctx, &mut out),
            Some(IndicatorKind::ShareOfGrowth) => share_of_growth(&ctx, &mut out),
            _ => level(&ctx, indicator, &mut out),
        }
    }
    if let Some(note) = tolerance_note(&ctx) {
        out.reason = format!("{}; {note}", out.reason);
    }
    out
}

fn cite_alternatives(
    ctx: &Ctx<'_>,
    indicator: &str,
    used: &[&Observation],
    out: &mut GoalAssessment,
) {
    for o in used {
        out.observations.push(Cited::from(*o));
        for alt in ctx.observations.all(ctx.scope, indicator, o.when) {
            if !std::ptr::eq(alt, *o) {
                out.alternatives.push(Cited::from(alt));
            }
        }
    }
}

fn no_data(ctx: &Ctx<'_>, what: &str, out: &mut GoalAssessment) {
    let begins = ctx.start.unwrap_or(ctx.end);
    if ctx.latest_year != i32::MIN && begins > ctx.latest_year {
        out.status = Status::NotYetMeasurable;
        out.reason = format!(
            "the target period begins in {begins}, after the latest data ({})",
            ctx.latest_year
        );
    } else {
        out.status = Status::InsufficientData;
        out.reason = format!("no published value of {what} for `{}` was found", ctx.scope);
    }
}

fn run_progress(ctx: &Ctx<'_>, input: ProgressInput, out: &mut GoalAssessment) {
    match progress(&input, ctx.options.method) {
        Ok(p) => {
            out.status = p.status;
            out.reason = p.reason.clone();
            out.progress = Some(p);
        }
        Err(e) => {
            out.status = Status::InsufficientData;
            out.reason = format!("the observations cannot be assessed: {e}");
        }
    }
}

/// "bình quân … %/năm": the level path of METHODS §7.
fn period_average_growth(ctx: &Ctx<'_>, out: &mut GoalAssessment) {
    let Some(g_target) = threshold(ctx) else {
        out.reason = "the target has no numeric bound".into();
        return;
    };
    let start = ctx.start.unwrap_or(ctx.end);
    let years = f64::from(ctx.end - start + 1);
    let annual_code = ctx.goal.indicator.trim_end_matches("_avg");
    let obs = ctx.observations;
    // Published average over the whole period, or over [start, c].
    let period_avg = (start..=ctx.end).rev().find_map(|c| {
        obs.best(
            ctx.scope,
            &ctx.goal.indicator,
            ObservedWhen::Period { start, end: c },
        )
    });
    // Annual rates chained from the start, as long as they are consecutive.
    let annual: Vec<(i32, &Observation)> = obs
        .annual(ctx.scope, annual_code)
        .into_iter()
        .filter(|(y, _)| (start..=ctx.end).contains(y))
        .collect();
    let chained: Vec<(i32, &Observation)> = annual
        .iter()
        .enumerate()
        .take_while(|(k, (y, _))| *y == start + *k as i32)
        .map(|(_, a)| *a)
        .collect();
    let chain_end = chained.last().map(|c| c.0);
    let avg_end = period_avg.and_then(|o| match o.when {
        ObservedWhen::Period { end, .. } => Some(end),
        _ => None,
    });
    let base = Point::new(start - 1, 100.0);
    let target = Point::new(ctx.end, 100.0 * (1.0 + g_target / 100.0).powf(years));
    let mut path = Vec::new();
    let used: Vec<&Observation>;
    if avg_end.is_some() && avg_end >= chain_end {
        let (o, c) = (
            period_avg.unwrap_or_else(|| unreachable!()),
            avg_end.unwrap_or(start),
        );
        path.push(Point::new(
            c,
            100.0 * (1.0 + o.value / 100.0).powi(c - start + 1),
        ));
        used = vec![o];
    } else if !chained.is_empty() {
        let mut level = 100.0;
        for (y, o) in &chained {
            level *= 1.0 + o.value / 100.0;
            path.push(Point::new(*y, level));
        }
        used = chained.iter().map(|c| c.1).collect();
    } else {
        if let Some((y, _)) = annual.first() {
            out.reason = format!(
                "annual values start in {y}, not {start}: the average since {start} cannot be formed"
            );
            cite_alternatives(
                ctx,
                annual_code,
                &annual.iter().map(|a| a.1).collect::<Vec<_>>(),
                out,
            );
            return;
        }
        return no_data(ctx, "its growth in the period", out);
    }
    cite_alternatives(
        ctx,
        if used.len() == 1 && used[0].indicator == ctx.goal.indicator {
            &ctx.goal.indicator
        } else {
            annual_code
        },
        &used,
        out,
    );
    let cur = path[path.len() - 1];
    // A published average is reported as published; a chained one from its level.
    let achieved = match used.as_slice() {
        [o] if o.indicator == ctx.goal.indicator => o.value,
        _ => 100.0 * ((cur.value / 100.0).powf(1.0 / f64::from(cur.year - start + 1)) - 1.0),
    };
    out.current = Some(achieved);
    let input = ProgressInput::new(base, path, Some(target)).higher_is_better(ctx.higher);
    run_progress(ctx, input, out);
    out.reason = format!(
        "average {achieved:.2} %/yr over {start}–{} against {} (level path: index {:.2} against \
         {:.2} needed by {}); {}",
        cur.year, out.target, cur.value, target.value, ctx.end, out.reason
    );
    if cur.year < ctx.end && out.status != Status::Achieved {
        let remaining = (target.value / cur.value).powf(1.0 / f64::from(ctx.end - cur.year)) - 1.0;
        out.needed = Some(format!(
            "{:.2} %/yr in {}–{} to reach the target average",
            100.0 * remaining,
            cur.year + 1,
            ctx.end
        ));
    }
}

/// "TFP đóng góp khoảng 45 % vào tăng trưởng".
fn share_of_growth(ctx: &Ctx<'_>, out: &mut GoalAssessment) {
    let Some(bound) = threshold(ctx) else {
        out.reason = "the target has no numeric bound".into();
        return;
    };
    let start = ctx.start.unwrap_or(ctx.end);
    let obs = ctx.observations;
    let full = obs.best(
        ctx.scope,
        &ctx.goal.indicator,
        ObservedWhen::Period {
            start,
            end: ctx.end,
        },
    );
    let annual: Vec<(i32, &Observation)> = obs
        .annual(ctx.scope, &ctx.goal.indicator)
        .into_iter()
        .filter(|(y, _)| (start..=ctx.end).contains(y))
        .collect();
    let (value, what, last_year) = if let Some(o) = full {
        cite_alternatives(ctx, &ctx.goal.indicator, &[o], out);
        (
            o.value,
            format!("{start}–{}: {:.2} %", ctx.end, o.value),
            ctx.end,
        )
    } else if !annual.is_empty() {
        let used: Vec<&Observation> = annual.iter().map(|a| a.1).collect();
        cite_alternatives(ctx, &ctx.goal.indicator, &used, out);
        let mean = used.iter().map(|o| o.value).sum::<f64>() / used.len() as f64;
        let years: Vec<String> = annual.iter().map(|a| a.0.to_string()).collect();
        let missing: Vec<String> = (start..=ctx.end.min(ctx.latest_year))
            .filter(|y| !annual.iter().any(|a| a.0 == *y))
            .map(|y| y.to_string())
            .collect();
        let gap = if missing.is_empty() {
            String::new()
        } else {
            format!("; no value for {}", missing.join(", "))
        };
        (
            mean,
            format!(
                "mean of the published annual shares ({}) = {mean:.2} %{gap}",
                years.join(", ")
            ),
            annual[annual.len() - 1].0,
        )
    } else if let Some(data) = ctx.options.accounting.get(ctx.scope) {
        match engine_share(data, start, ctx.end) {
            Ok(share) => (
                share,
                format!(
                    "growth accounting (GSO form, labour share {}) = {share:.2} %",
                    data.labour_share
                ),
                ctx.end,
            ),
            Err(e) => {
                out.reason = format!("growth accounting could not compute the share: {e}");
                return;
            }
        }
    } else {
        return no_data(ctx, "TFP's share of growth in the period", out);
    };
    out.current = Some(value);
    let meets = ctx.meets(value, bound);
    let finished = last_year >= ctx.end;
    out.status = match (meets, finished) {
        (true, true) => Status::Achieved,
        (true, false) => Status::OnTrack,
        (false, false) => Status::NeedsAcceleration,
        (false, true) => Status::LimitedProgress,
    };
    out.reason = format!("{what} against {} (threshold {bound:.2})", out.target);
    if !meets {
        out.needed = Some(format!(
            "TFP's share must rise by {:.2} points to {bound:.2} %",
            (bound - value).abs()
        ));
    }
}

fn engine_share(data: &AccountingData, start: i32, end: i32) -> crate::Result<f64> {
    let input = AccountingInput::new(
        &data.years,
        &data.output,
        &data.capital,
        &data.labour,
        LabourShare::Constant(Share::new(data.labour_share)?),
    );
    let result = GrowthAccounting::gso().compute(&input)?;
    let p = result.period(start - 1, end)?;
    p.tfp_share_of_cumulative_growth
        .map(|s| 100.0 * s)
        .ok_or_else(|| crate::Error::InsufficientData {
            what: format!(
                "TFP share {start}–{end} ({:?})",
                p.tfp_share_of_cumulative_growth_undefined
            ),
            needed: 1,
            available: 0,
        })
}

/// Levels, counts, shares of a total, ratios per 10,000, milestones.
fn level(ctx: &Ctx<'_>, indicator: Option<&Indicator>, out: &mut GoalAssessment) {
    let derived;
    let mut obs = ctx.observations;
    let code = &ctx.goal.indicator;
    if obs.annual(ctx.scope, code).is_empty()
        && let Some(ratio) = per_10000(ctx, indicator)
    {
        derived = ratio;
        obs = &derived;
    }
    let annual = obs.annual(ctx.scope, code);
    let Some(bound) = threshold(ctx) else {
        out.reason = "the target has no numeric bound".into();
        return;
    };
    let start = ctx.start.unwrap_or(ctx.end);
    if annual.is_empty() {
        // An undated value can still say whether the target is met.
        if let Some(o) = obs.best(ctx.scope, code, ObservedWhen::Undated) {
            cite_alternatives(ctx, code, &[o], out);
            out.current = Some(o.value);
            let meets = ctx.meets(o.value, bound);
            out.status = if meets {
                Status::Achieved
            } else {
                Status::InsufficientData
            };
            out.reason = format!("undated value {} against {}", o.value, out.target);
            return;
        }
        return no_data(ctx, "the indicator", out);
    }
    let baseline = ctx
        .goal
        .baseline
        .as_ref()
        .map(|b| Point::new(b.year, b.value));
    let before = annual.iter().rev().find(|(y, _)| *y < start);
    let (base, rest): (Point, Vec<(i32, &Observation)>) = match (baseline, before) {
        (Some(b), _) => (
            b,
            annual
                .iter()
                .copied()
                .filter(|(y, _)| *y > b.year)
                .collect(),
        ),
        (None, Some(&(y, o))) => (
            Point::new(y, o.value),
            annual.iter().copied().filter(|(yy, _)| *yy > y).collect(),
        ),
        (None, None) => (
            Point::new(annual[0].0, annual[0].1.value),
            annual[1..].to_vec(),
        ),
    };
    let used: Vec<&Observation> = annual
        .iter()
        .filter(|(y, _)| *y >= base.year)
        .map(|a| a.1)
        .collect();
    cite_alternatives(ctx, code, &used, out);
    let current = rest.last().map_or(base, |(y, o)| Point::new(*y, o.value));
    out.current = Some(current.value);
    let target = Point::new(ctx.end, bound);
    let gap = bound - current.value;
    let in_range = match ctx.goal.target {
        Target::Between { low, high } => (low..=high).contains(&current.value),
        _ => false,
    };
    if in_range {
        out.status = Status::Achieved;
        out.reason = format!(
            "{} in {} lies in the range {}",
            current.value, current.year, out.target
        );
        return;
    }
    if rest.is_empty() || target.year <= base.year {
        let meets = ctx.meets(current.value, bound);
        out.status = if meets {
            Status::Achieved
        } else {
            Status::InsufficientData
        };
        out.reason = format!(
            "one value: {} in {} against {}{}",
            num(current.value),
            current.year,
            out.target,
            if meets {
                ""
            } else {
                "; progress needs a second data point"
            }
        );
    } else {
        let mut input = ProgressInput::new(
            base,
            rest.iter().map(|(y, o)| Point::new(*y, o.value)).collect(),
            Some(target),
        )
        .higher_is_better(ctx.higher);
        if let Some(limit) = indicator.and_then(|i| i.natural_limit) {
            input = input.natural_limit(limit);
        }
        run_progress(ctx, input, out);
    }
    if out.status != Status::Achieved && current.year < ctx.end {
        let per_year = gap / f64::from(ctx.end - current.year);
        out.needed = Some(format!(
            "{} by {} from {} in {} ({} a year)",
            signed(gap),
            ctx.end,
            num(current.value),
            current.year,
            signed(per_year)
        ));
    }
}

/// A ratio per 10,000 people formed from the count it divides and a population series, for the
/// years both cover; each derived value says how it was made.
fn per_10000(ctx: &Ctx<'_>, indicator: Option<&Indicator>) -> Option<Observations> {
    let count = indicator?.per_10000_of.as_deref()?;
    let population = ctx.options.population.get(ctx.scope)?;
    let rows: Vec<Observation> = ctx
        .observations
        .annual(ctx.scope, count)
        .into_iter()
        .filter_map(|(year, o)| {
            let pop = population.iter().find(|p| p.year == year)?.value;
            (pop > 0.0).then(|| {
                let mut derived = o.clone();
                derived.indicator = ctx.goal.indicator.clone();
                derived.value = 10_000.0 * o.value / pop;
                derived.unit = "per_10000_people".into();
                derived.evidence = Evidence::Derived;
                derived.note = format!(
                    "derived: {} {count} / population {pop} × 10,000 ({})",
                    o.value, o.note
                );
                derived
            })
        })
        .collect();
    (!rows.is_empty()).then(|| Observations::new(rows))
}

fn signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", num(v))
    } else {
        num(v)
    }
}

/// "cao hơn bình quân cả nước": compare with the reference series in the latest common year.
fn relative(ctx: &Ctx<'_>, out: &mut GoalAssessment) {
    let Target::Relative {
        reference,
        relation,
    } = &ctx.goal.target
    else {
        return;
    };
    let (ref_scope, ref_indicator) = reference
        .split_once(':')
        .unwrap_or(("viet_nam", reference.as_str()));
    let ours = ctx.observations.annual(ctx.scope, &ctx.goal.indicator);
    let theirs = ctx.observations.annual(ref_scope, ref_indicator);
    let common = ours.iter().rev().find_map(|(y, o)| {
        theirs
            .iter()
            .find(|(yy, _)| yy == y)
            .map(|(_, r)| (*y, *o, *r))
    });
    let Some((year, o, r)) = common else {
        return no_data(ctx, "the indicator and its reference in a common year", out);
    };
    cite_alternatives(ctx, &ctx.goal.indicator, &[o], out);
    out.current = Some(o.value);
    let above = o.value > r.value;
    let meets = matches!(relation, crate::plan::goal::Relation::Above) == above;
    out.status = if meets {
        Status::OnTrack
    } else {
        Status::LimitedProgress
    };
    out.reason = format!(
        "{} in {year} against the reference `{reference}` = {} ({})",
        o.value,
        r.value,
        if above { "above" } else { "not above" }
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(rows: &str) -> Observations {
        let head = "scope,indicator,year,value,unit,note,source_url,evidence\n";
        Observations::from_csv(&format!("{head}{rows}")).unwrap()
    }

    fn plan_with(goal_toml: &str) -> Plan {
        Plan::from_toml(&format!(
            r#"schema_version = 1
id = "p"
title_vi = "t"
level = "provincial"
status = "issued"
issuing_body = "b"
territory = "x"
period = {{ start = 2021, end = 2025 }}
[[goals]]
{goal_toml}
scope = {{ level = "province", name = "x" }}
"#
        ))
        .unwrap()
    }

    fn one(plan: &Plan, o: &Observations) -> GoalAssessment {
        assess_plans(std::slice::from_ref(plan), o, &AssessOptions::default()).0[0].goals[0].clone()
    }

    #[test]
    fn period_average_growth_as_a_level_path() {
        let plan = plan_with(
            r#"id = "g"
indicator = "lp_growth_avg"
target = { comparator = "above", value = 7.0 }
unit = "percent_per_year"
horizon = { start = 2021, end = 2025 }"#,
        );
        let o = obs("x,lp_growth,2021,5,u,,s,confirmed\nx,lp_growth,2022,6,u,,s,confirmed\n");
        let a = one(&plan, &o);
        let level = 105.0 * 1.06;
        let achieved = 100.0 * ((level / 100.0f64).sqrt() - 1.0);
        assert!((a.current.unwrap() - achieved).abs() < 1e-12);
        // StatCan on the path: R = CAGR_a / CAGR_r = achieved / 7 %
        let p = a.progress.as_ref().unwrap();
        assert!((p.figure.unwrap() - (achieved / 100.0) / 0.07).abs() < 1e-12);
        assert_eq!(a.status, Status::NeedsAcceleration);
        // still needed: (1.07^5 / (1.05·1.06))^(1/3) − 1
        let remaining = (1.07f64.powi(5) / (1.05 * 1.06)).powf(1.0 / 3.0) - 1.0;
        assert!(
            a.needed
                .unwrap()
                .contains(&format!("{:.2}", 100.0 * remaining))
        );
        // a published average over the whole period gives the final verdict
        let o = obs("x,lp_growth_avg,2021-2025,7.5,u,,s,press\n");
        let a = one(&plan, &o);
        assert_eq!(a.status, Status::Achieved);
        assert_eq!(a.observations[0].evidence, Evidence::Press);
        // a gap at the start: no average can be formed, and nothing is invented
        let o = obs("x,lp_growth,2022,9,u,,s,confirmed\n");
        assert_eq!(one(&plan, &o).status, Status::InsufficientData);
        assert_eq!(one(&plan, &obs("")).status, Status::InsufficientData);
    }

    #[test]
    fn share_of_growth_from_annual_values_or_the_engine() {
        let plan = plan_with(
            r#"id = "g"
indicator = "tfp_contribution"
target = { comparator = "about", value = 45.0 }
unit = "percent_of_growth"
horizon = { start = 2021, end = 2025 }"#,
        );
        let o = obs(
            "x,tfp_contribution,2022,43.8,u,,s,press\nx,tfp_contribution,2023,44.8,u,,s,press\nx,tfp_contribution,2024,46.4,u,,s,press\n",
        );
        let a = one(&plan, &o);
        assert!((a.current.unwrap() - 45.0).abs() < 1e-12);
        assert_eq!(a.status, Status::OnTrack);
        assert!(a.reason.contains("no value for 2021"), "{}", a.reason);
        assert!(a.reason.contains("±5 %"));
        // From raw series with the engine (GSO form): Y +7 %, K +10 %, L +1 %, b_L = 0.5
        let mut options = AssessOptions::default();
        let years: Vec<i32> = (2020..=2025).collect();
        let n = years.len() as i32;
        options.accounting.insert(
            "x".into(),
            AccountingData {
                years,
                output: (0..n).map(|t| 1.07f64.powi(t)).collect(),
                capital: (0..n).map(|t| 1.10f64.powi(t)).collect(),
                labour: (0..n).map(|t| 1.01f64.powi(t)).collect(),
                labour_share: 0.5,
            },
        );
        let a = assess_plans(std::slice::from_ref(&plan), &obs(""), &options).0[0].goals[0].clone();
        let ga: f64 = 0.07 - 0.5 * 0.10 - 0.5 * 0.01; // 1.5 %/yr
        let share = 100.0 * (1.0 + ga).ln() / 1.07f64.ln();
        assert!((a.current.unwrap() - share).abs() < 1e-9, "{:?}", a.current);
        assert_eq!(a.status, Status::LimitedProgress);
        assert!(a.needed.is_some());
    }

    #[test]
    fn levels_counts_and_undated_values() {
        let plan = plan_with(
            r#"id = "g"
indicator = "st_enterprises"
target = { comparator = "at_least", value = 60.0 }
unit = "count"
horizon = { end = 2025 }"#,
        );
        let a = one(
            &plan,
            &obs("x,st_enterprises,2023,32,u,,s,confirmed\nx,st_enterprises,2025,31,u,,s,press\n"),
        );
        assert_eq!(a.status, Status::Deteriorating);
        assert!(a.reason.contains("has passed"));
        let a = one(&plan, &obs("x,st_enterprises,2023,32,u,,s,confirmed\n"));
        assert_eq!(a.status, Status::InsufficientData);
        assert!(a.needed.unwrap().contains("+28"));
        let plan = plan_with(
            r#"id = "g"
indicator = "broadband_commune_coverage"
target = { comparator = "equal", value = 100.0 }
unit = "percent""#,
        );
        let a = one(
            &plan,
            &obs("x,broadband_commune_coverage,undated,100,u,,s,derived\n"),
        );
        assert_eq!(a.status, Status::Achieved);
        let plan = plan_with(
            r#"id = "g"
indicator = "provinces_with_d36_plan"
target = { comparator = "between", low = 12.0, high = 15.0 }
unit = "count"
horizon = { end = 2025 }"#,
        );
        let a = one(
            &plan,
            &obs(
                "x,provinces_with_d36_plan,2021,2,u,,s,confirmed\nx,provinces_with_d36_plan,2023,13,u,,s,confirmed\n",
            ),
        );
        assert_eq!(a.status, Status::Achieved);
    }

    #[test]
    fn ratio_per_10000_from_a_population_series() {
        let plan = plan_with(
            r#"id = "g"
indicator = "researchers_per_10k_pop"
target = { comparator = "at_least", value = 7.0 }
unit = "per_10000_people""#,
        );
        let o = obs(
            "x,researchers_fte,2019,1229,persons_fte,,s,confirmed\nx,researchers_fte,2023,2000,persons_fte,,s,confirmed\n",
        );
        let mut options = AssessOptions::default();
        options.population.insert(
            "x".into(),
            vec![Point::new(2019, 3_600_000.0), Point::new(2023, 3_700_000.0)],
        );
        let a = assess_plans(std::slice::from_ref(&plan), &o, &options).0[0].goals[0].clone();
        assert!((a.current.unwrap() - 10_000.0 * 2000.0 / 3_700_000.0).abs() < 1e-12);
        assert_eq!(a.observations[0].evidence, Evidence::Derived);
        assert!(a.observations[0].note.contains("population"));
        assert!(a.progress.is_some());
        // without a population series nothing is formed
        assert_eq!(one(&plan, &o).status, Status::InsufficientData);
    }

    #[test]
    fn relative_targets_compare_with_the_reference() {
        let plan = plan_with(
            r#"id = "g"
indicator = "lp_growth"
target = { comparator = "relative", reference = "viet_nam:lp_growth", relation = "above" }
unit = "percent_per_year""#,
        );
        let o =
            obs("x,lp_growth,2023,6,u,,s,confirmed\nviet_nam,lp_growth,2023,3.65,u,,s,confirmed\n");
        let a = one(&plan, &o);
        assert_eq!((a.status, a.current), (Status::OnTrack, Some(6.0)));
        let o =
            obs("x,lp_growth,2023,3,u,,s,confirmed\nviet_nam,lp_growth,2023,3.65,u,,s,confirmed\n");
        assert_eq!(one(&plan, &o).status, Status::LimitedProgress);
        let o =
            obs("x,lp_growth,2022,3,u,,s,confirmed\nviet_nam,lp_growth,2023,3.65,u,,s,confirmed\n");
        assert_eq!(one(&plan, &o).status, Status::InsufficientData);
    }

    #[test]
    fn future_periods_are_not_yet_measurable() {
        let plan = plan_with(
            r#"id = "g"
indicator = "lp_growth_avg"
target = { comparator = "above", value = 7.5 }
unit = "percent_per_year"
horizon = { start = 2026, end = 2030 }"#,
        );
        let a = one(&plan, &obs("x,lp_growth,2024,6,u,,s,confirmed\n"));
        assert_eq!(a.status, Status::NotYetMeasurable);
    }
}
