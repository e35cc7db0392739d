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
use crate::error::{Error, Result};
use crate::monitoring::observation::{Evidence, Observation, Observations, ObservedWhen};
use crate::monitoring::progress::{
    Method, Point, Progress, ProgressFact, ProgressInput, Status, progress,
};
use crate::plan::Plan;
use crate::plan::goal::{Goal, Target};
use crate::plan::indicator::{Direction, Indicator, IndicatorKind};
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

impl AccountingData {
    /// Raw series of one scope, checked: each series has one value per year, no year repeats,
    /// every value is finite and positive, and the labour share is a share.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] naming the series whose length differs from `years`;
    /// [`Error::DuplicateYear`] for a repeated year; [`Error::NonPositive`] or
    /// [`Error::NonFinite`] naming the series, year and value; [`Error::OutOfRange`] for a
    /// labour share outside [0, 1].
    ///
    /// ```
    /// use nangsuat::monitoring::assess::AccountingData;
    /// let d = AccountingData::new(vec![2020, 2021], vec![100.0, 107.0], vec![300.0, 321.0],
    ///     vec![50.0, 51.0], 0.6)?;
    /// assert_eq!(d.years, [2020, 2021]);
    /// assert!(AccountingData::new(vec![2020, 2021], vec![100.0], vec![1.0, 1.0], vec![1.0, 1.0], 0.6).is_err());
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn new(
        years: Vec<i32>,
        output: Vec<f64>,
        capital: Vec<f64>,
        labour: Vec<f64>,
        labour_share: f64,
    ) -> Result<Self> {
        Share::new(labour_share)?;
        for (name, values) in [
            ("output", &output),
            ("capital", &capital),
            ("labour", &labour),
        ] {
            // AnnualSeries checks lengths, order, gaps and finiteness with the series' name.
            crate::series::AnnualSeries::new(name, years.clone(), values.clone())?;
            if let Some((year, value)) = years.iter().zip(values).find(|(_, v)| **v <= 0.0) {
                return Err(Error::NonPositive {
                    series: name.into(),
                    entity: None,
                    year: *year,
                    value: *value,
                });
            }
        }
        Ok(AccountingData {
            years,
            output,
            capital,
            labour,
            labour_share,
        })
    }
}

/// Options of an assessment. Build them with [`AssessOptions::new`] (checked) and the
/// `with_*` methods; [`AssessOptions::default`] is the StatCan method with ±5 % for "about".
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
    /// The scope a relative target's reference names when it names none (a target "above the
    /// national average" written `lp_growth` rather than `<scope>:lp_growth`).
    pub reference_scope: Option<String>,
}

impl Default for AssessOptions {
    fn default() -> Self {
        AssessOptions {
            method: Method::StatCan,
            about_tolerance: 0.05,
            accounting: BTreeMap::new(),
            population: BTreeMap::new(),
            reference_scope: None,
        }
    }
}

impl AssessOptions {
    /// Options with a progress method and the relative tolerance of "about" targets whose
    /// document states none (0.05 = ±5 %).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for a tolerance that is not a finite fraction in [0, 1].
    ///
    /// ```
    /// use nangsuat::monitoring::assess::AssessOptions;
    /// use nangsuat::monitoring::progress::Method;
    /// let o = AssessOptions::new(Method::PsaPace, 0.1)?;
    /// assert_eq!(o.about_tolerance, 0.1);
    /// assert!(AssessOptions::new(Method::StatCan, 5.0).is_err()); // 5 % is 0.05
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn new(method: Method, about_tolerance: f64) -> Result<Self> {
        if !(about_tolerance.is_finite() && (0.0..=1.0).contains(&about_tolerance)) {
            return Err(Error::OutOfRange {
                name: "about_tolerance".into(),
                year: None,
                value: about_tolerance,
                expected: "a fraction in [0, 1] (0.05 = ±5 %)".into(),
            });
        }
        Ok(AssessOptions {
            method,
            about_tolerance,
            ..AssessOptions::default()
        })
    }

    /// Adds the raw series of a scope (see [`AccountingData::new`]).
    pub fn with_accounting(mut self, scope: impl Into<String>, data: AccountingData) -> Self {
        self.accounting.insert(scope.into(), data);
        self
    }

    /// Adds the population (persons) of a scope by year.
    ///
    /// # Errors
    /// [`Error::NonFinite`] / [`Error::NonPositive`] naming the year of a value that is not
    /// a finite positive number; [`Error::DuplicateYear`] for a repeated year.
    pub fn with_population(
        mut self,
        scope: impl Into<String>,
        population: Vec<Point>,
    ) -> Result<Self> {
        let scope = scope.into();
        for (k, p) in population.iter().enumerate() {
            if !p.value.is_finite() {
                return Err(Error::NonFinite {
                    series: format!("population of {scope}"),
                    entity: None,
                    year: p.year,
                    value: p.value,
                });
            }
            if p.value <= 0.0 {
                return Err(Error::NonPositive {
                    series: format!("population of {scope}"),
                    entity: None,
                    year: p.year,
                    value: p.value,
                });
            }
            if population[..k].iter().any(|q| q.year == p.year) {
                return Err(Error::DuplicateYear {
                    series: format!("population of {scope}"),
                    entity: None,
                    year: p.year,
                });
            }
        }
        self.population.insert(scope, population);
        Ok(self)
    }

    /// Sets the scope that relative targets refer to when their reference names none.
    pub fn with_reference_scope(mut self, scope: impl Into<String>) -> Self {
        self.reference_scope = Some(scope.into());
        self
    }
}

/// Why a goal has its status: one fact with its numbers. Values are in the goal's unit
/// (7.0 is 7 %/yr); the words are [`crate::report::words::fact`]'s, in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fact {
    /// The target has no numeric bound to compare with.
    NoNumericBound,
    /// The target period begins after the latest data.
    PeriodNotBegun {
        /// First year of the target period.
        begins: i32,
        /// Latest year with data.
        latest_data: i32,
    },
    /// No published value for this scope and indicator.
    NoPublishedValue {
        /// Scope.
        scope: String,
        /// Indicator code.
        indicator: String,
    },
    /// The indicator and the series it is compared with share no year.
    NoCommonYear {
        /// Scope.
        scope: String,
        /// Indicator code.
        indicator: String,
        /// The reference (`scope:indicator`).
        reference: String,
    },
    /// Annual values begin after the first year of the period: no average since then.
    AnnualValuesStartLate {
        /// First year with a value.
        first: i32,
        /// First year of the period.
        start: i32,
    },
    /// The observations could not be assessed (the error's message).
    CannotAssess {
        /// What went wrong.
        message: String,
    },
    /// What the progress method found.
    Progress {
        /// The method's fact.
        progress: ProgressFact,
        /// Whether the method's values are the level-path index (100 in the year before the
        /// period) rather than values in the goal's unit.
        #[serde(default)]
        on_index: bool,
    },
    /// A period-average growth target tracked as a level path (METHODS §7): index 100 in the
    /// year before the period.
    LevelPath {
        /// Average growth achieved, %/yr.
        achieved: f64,
        /// First year of the period.
        start: i32,
        /// Last year with data.
        through: i32,
        /// The index reached in `through`.
        level: f64,
        /// The index the target requires by `end`.
        target_level: f64,
        /// Last year of the period.
        end: i32,
        /// Whether `achieved` is a published period average (else chained annual rates).
        published_average: bool,
    },
    /// A share-of-growth value and the threshold it is compared with (both in %).
    ShareOfGrowth {
        /// Where the value comes from.
        basis: ShareBasis,
        /// The value, %.
        value: f64,
        /// The threshold, %.
        threshold: f64,
    },
    /// Growth accounting on the raw series failed (the error's message).
    AccountingFailed {
        /// What went wrong.
        message: String,
    },
    /// An undated value, and whether it meets the target.
    UndatedValue {
        /// The value.
        value: f64,
        /// Whether it meets the target.
        meets: bool,
    },
    /// The value lies in the target range.
    InRange {
        /// The value.
        value: f64,
        /// Its year.
        year: i32,
    },
    /// One value only, and whether it meets the target; progress needs a second one.
    OneValue {
        /// The value.
        value: f64,
        /// Its year.
        year: i32,
        /// Whether it meets the target.
        meets: bool,
    },
    /// A relative target: the value against its reference in the latest common year.
    Relative {
        /// The value.
        value: f64,
        /// The common year.
        year: i32,
        /// The reference (`scope:indicator`).
        reference: String,
        /// The reference's value.
        reference_value: f64,
        /// Whether the value is above the reference.
        above: bool,
    },
    /// "About" read with a tolerance the document does not state.
    AboutTolerance {
        /// Relative tolerance applied (0.05 = ±5 %).
        relative: f64,
        /// The same in the goal's unit.
        absolute: f64,
    },
}

/// Where a share-of-growth value comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ShareBasis {
    /// A value published for the whole period.
    PublishedForPeriod {
        /// First year.
        start: i32,
        /// Last year.
        end: i32,
    },
    /// The mean of the published annual shares.
    MeanOfAnnual {
        /// The years with a value.
        years: Vec<i32>,
        /// Years of the period up to the latest data without a value.
        missing: Vec<i32>,
    },
    /// The growth-accounting engine (GSO form) on raw series.
    GrowthAccounting {
        /// The labour share used.
        labour_share: f64,
    },
}

/// What would be needed to meet a target, with its numbers (in the goal's unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "needed", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Needed {
    /// Growth still required each remaining year to reach the target average.
    GrowthStillRequired {
        /// Annual growth, %/yr.
        rate: f64,
        /// First remaining year.
        from: i32,
        /// Last year of the period.
        to: i32,
    },
    /// A share must rise (or fall) to the threshold.
    ShareChange {
        /// Points of change (absolute).
        points: f64,
        /// The threshold, %.
        to: f64,
    },
    /// A level must change by `gap` by `by`.
    LevelGap {
        /// Change needed (signed).
        gap: f64,
        /// Target year.
        by: i32,
        /// The latest value.
        from_value: f64,
        /// Its year.
        from_year: i32,
        /// Change needed per year (signed).
        per_year: f64,
    },
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
    /// Scope (territory, sector) of the goal.
    pub scope: String,
    /// The target (comparator and values), in `unit`.
    pub target: Target,
    /// Unit code of the target.
    pub unit: String,
    /// First and last year the target covers.
    pub period: (Option<i32>, i32),
    /// Status.
    pub status: Status,
    /// Why: the facts behind the status, with their numbers, in order.
    pub reason: Vec<Fact>,
    /// What would be needed to meet the target, when it can be said.
    pub needed: Option<Needed>,
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
/// use nangsuat::monitoring::assess::assess_plans;
/// use nangsuat::monitoring::progress::Status;
/// let vn = nangsuat::vietnam::Vietnam::get();
/// let (plans, findings) = assess_plans(vn.plans(), vn.observations(), &vn.assess_options());
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
    let catalogue = crate::plan::indicator::catalogue();
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
                        .chain(catalogue)
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

fn tolerance_note(ctx: &Ctx<'_>) -> Option<Fact> {
    match ctx.goal.target {
        Target::About {
            value,
            tolerance: None,
        } => Some(Fact::AboutTolerance {
            relative: ctx.options.about_tolerance,
            absolute: ctx.options.about_tolerance * value.abs(),
        }),
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
        scope: goal.scope.name.clone(),
        target: goal.target.clone(),
        unit: goal.unit.clone(),
        period: (start, end),
        status: Status::InsufficientData,
        reason: Vec::new(),
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
    out.reason.extend(tolerance_note(&ctx));
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

/// No value: not yet measurable if the period begins after the latest data, else the fact
/// `missing` (no published value, or none in a common year).
fn no_data(ctx: &Ctx<'_>, missing: Fact, out: &mut GoalAssessment) {
    let begins = ctx.start.unwrap_or(ctx.end);
    if ctx.latest_year != i32::MIN && begins > ctx.latest_year {
        out.status = Status::NotYetMeasurable;
        out.reason.push(Fact::PeriodNotBegun {
            begins,
            latest_data: ctx.latest_year,
        });
    } else {
        out.status = Status::InsufficientData;
        out.reason.push(missing);
    }
}

fn no_value(ctx: &Ctx<'_>, indicator: &str) -> Fact {
    Fact::NoPublishedValue {
        scope: ctx.scope.to_string(),
        indicator: indicator.to_string(),
    }
}

fn run_progress(ctx: &Ctx<'_>, input: ProgressInput, on_index: bool, out: &mut GoalAssessment) {
    match progress(&input, ctx.options.method) {
        Ok(p) => {
            out.status = p.status;
            out.reason.push(Fact::Progress {
                progress: p.reason.clone(),
                on_index,
            });
            out.progress = Some(p);
        }
        Err(e) => {
            out.status = Status::InsufficientData;
            out.reason.push(Fact::CannotAssess {
                message: e.to_string(),
            });
        }
    }
}

/// "bình quân … %/năm": the level path of METHODS §7.
fn period_average_growth(ctx: &Ctx<'_>, out: &mut GoalAssessment) {
    let Some(g_target) = threshold(ctx) else {
        out.reason.push(Fact::NoNumericBound);
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
            out.reason
                .push(Fact::AnnualValuesStartLate { first: *y, start });
            cite_alternatives(
                ctx,
                annual_code,
                &annual.iter().map(|a| a.1).collect::<Vec<_>>(),
                out,
            );
            return;
        }
        return no_data(ctx, no_value(ctx, &ctx.goal.indicator), out);
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
    let published_average = matches!(used.as_slice(), [o] if o.indicator == ctx.goal.indicator);
    let achieved = match used.as_slice() {
        [o] if published_average => o.value,
        _ => 100.0 * ((cur.value / 100.0).powf(1.0 / f64::from(cur.year - start + 1)) - 1.0),
    };
    out.current = Some(achieved);
    out.reason.push(Fact::LevelPath {
        achieved,
        start,
        through: cur.year,
        level: cur.value,
        target_level: target.value,
        end: ctx.end,
        published_average,
    });
    let input = ProgressInput::new(base, path, Some(target)).higher_is_better(ctx.higher);
    run_progress(ctx, input, true, out);
    if cur.year < ctx.end && out.status != Status::Achieved {
        let remaining = (target.value / cur.value).powf(1.0 / f64::from(ctx.end - cur.year)) - 1.0;
        out.needed = Some(Needed::GrowthStillRequired {
            rate: 100.0 * remaining,
            from: cur.year + 1,
            to: ctx.end,
        });
    }
}

/// "TFP đóng góp khoảng 45 % vào tăng trưởng".
fn share_of_growth(ctx: &Ctx<'_>, out: &mut GoalAssessment) {
    let Some(bound) = threshold(ctx) else {
        out.reason.push(Fact::NoNumericBound);
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
    let (value, basis, last_year) = if let Some(o) = full {
        cite_alternatives(ctx, &ctx.goal.indicator, &[o], out);
        (
            o.value,
            ShareBasis::PublishedForPeriod {
                start,
                end: ctx.end,
            },
            ctx.end,
        )
    } else if !annual.is_empty() {
        let used: Vec<&Observation> = annual.iter().map(|a| a.1).collect();
        cite_alternatives(ctx, &ctx.goal.indicator, &used, out);
        let mean = used.iter().map(|o| o.value).sum::<f64>() / used.len() as f64;
        let years: Vec<i32> = annual.iter().map(|a| a.0).collect();
        let missing: Vec<i32> = (start..=ctx.end.min(ctx.latest_year))
            .filter(|y| !years.contains(y))
            .collect();
        (
            mean,
            ShareBasis::MeanOfAnnual { years, missing },
            annual[annual.len() - 1].0,
        )
    } else if let Some(data) = ctx.options.accounting.get(ctx.scope) {
        match engine_share(data, start, ctx.end) {
            Ok(share) => (
                share,
                ShareBasis::GrowthAccounting {
                    labour_share: data.labour_share,
                },
                ctx.end,
            ),
            Err(e) => {
                out.reason.push(Fact::AccountingFailed {
                    message: e.to_string(),
                });
                return;
            }
        }
    } else {
        return no_data(ctx, no_value(ctx, &ctx.goal.indicator), out);
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
    out.reason.push(Fact::ShareOfGrowth {
        basis,
        value,
        threshold: bound,
    });
    if !meets {
        out.needed = Some(Needed::ShareChange {
            points: (bound - value).abs(),
            to: bound,
        });
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
                "TFP share {start}–{end} ({})",
                p.tfp_share_of_cumulative_growth_undefined
                    .unwrap_or(crate::accounting::UndefinedShare::MissingGrowth)
                    .describe()
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
        out.reason.push(Fact::NoNumericBound);
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
            out.reason.push(Fact::UndatedValue {
                value: o.value,
                meets,
            });
            return;
        }
        return no_data(ctx, no_value(ctx, code), out);
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
        out.reason.push(Fact::InRange {
            value: current.value,
            year: current.year,
        });
        return;
    }
    if rest.is_empty() || target.year <= base.year {
        let meets = ctx.meets(current.value, bound);
        out.status = if meets {
            Status::Achieved
        } else {
            Status::InsufficientData
        };
        out.reason.push(Fact::OneValue {
            value: current.value,
            year: current.year,
            meets,
        });
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
        run_progress(ctx, input, false, out);
    }
    if out.status != Status::Achieved && current.year < ctx.end {
        let per_year = gap / f64::from(ctx.end - current.year);
        out.needed = Some(Needed::LevelGap {
            gap,
            by: ctx.end,
            from_value: current.value,
            from_year: current.year,
            per_year,
        });
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

/// "cao hơn bình quân cả nước": compare with the reference series in the latest common year.
fn relative(ctx: &Ctx<'_>, out: &mut GoalAssessment) {
    let Target::Relative {
        reference,
        relation,
    } = &ctx.goal.target
    else {
        return;
    };
    let (ref_scope, ref_indicator) = match reference.split_once(':') {
        Some(pair) => pair,
        None => (
            ctx.options.reference_scope.as_deref().unwrap_or_default(),
            reference.as_str(),
        ),
    };
    let ours = ctx.observations.annual(ctx.scope, &ctx.goal.indicator);
    let theirs = ctx.observations.annual(ref_scope, ref_indicator);
    let common = ours.iter().rev().find_map(|(y, o)| {
        theirs
            .iter()
            .find(|(yy, _)| yy == y)
            .map(|(_, r)| (*y, *o, *r))
    });
    let Some((year, o, r)) = common else {
        let missing = Fact::NoCommonYear {
            scope: ctx.scope.to_string(),
            indicator: ctx.goal.indicator.clone(),
            reference: format!("{ref_scope}:{ref_indicator}"),
        };
        return no_data(ctx, missing, out);
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
    out.reason.push(Fact::Relative {
        value: o.value,
        year,
        reference: format!("{ref_scope}:{ref_indicator}"),
        reference_value: r.value,
        above,
    });
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
        match a.needed.unwrap() {
            Needed::GrowthStillRequired { rate, from, to } => {
                assert!((rate - 100.0 * remaining).abs() < 1e-12);
                assert_eq!((from, to), (2023, 2025));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            a.reason[0],
            Fact::LevelPath {
                through: 2022,
                end: 2025,
                ..
            }
        ));
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
        assert!(
            matches!(&a.reason[0], Fact::ShareOfGrowth { basis: ShareBasis::MeanOfAnnual { missing, .. }, .. } if missing[0] == 2021),
            "{:?}",
            a.reason
        );
        assert!(matches!(a.reason[1], Fact::AboutTolerance { relative, .. } if relative == 0.05));
        // From raw series with the engine (GSO form): Y +7 %, K +10 %, L +1 %, b_L = 0.5
        let years: Vec<i32> = (2020..=2025).collect();
        let n = years.len() as i32;
        let data = AccountingData::new(
            years,
            (0..n).map(|t| 1.07f64.powi(t)).collect(),
            (0..n).map(|t| 1.10f64.powi(t)).collect(),
            (0..n).map(|t| 1.01f64.powi(t)).collect(),
            0.5,
        )
        .unwrap();
        let options = AssessOptions::default().with_accounting("x", data);
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
        assert!(matches!(
            a.reason[0],
            Fact::Progress {
                progress: ProgressFact::TargetYearPassed { .. },
                ..
            }
        ));
        let a = one(&plan, &obs("x,st_enterprises,2023,32,u,,s,confirmed\n"));
        assert_eq!(a.status, Status::InsufficientData);
        assert!(matches!(a.needed, Some(Needed::LevelGap { gap, by: 2025, .. }) if gap == 28.0));
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
        let options = AssessOptions::default()
            .with_population(
                "x",
                vec![Point::new(2019, 3_600_000.0), Point::new(2023, 3_700_000.0)],
            )
            .unwrap();
        assert!(
            AssessOptions::default()
                .with_population("x", vec![Point::new(2019, -1.0)])
                .is_err()
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
target = { comparator = "relative", reference = "nation:lp_growth", relation = "above" }
unit = "percent_per_year""#,
        );
        let o =
            obs("x,lp_growth,2023,6,u,,s,confirmed\nnation,lp_growth,2023,3.65,u,,s,confirmed\n");
        let a = one(&plan, &o);
        assert_eq!((a.status, a.current), (Status::OnTrack, Some(6.0)));
        let o =
            obs("x,lp_growth,2023,3,u,,s,confirmed\nnation,lp_growth,2023,3.65,u,,s,confirmed\n");
        assert_eq!(one(&plan, &o).status, Status::LimitedProgress);
        let o =
            obs("x,lp_growth,2022,3,u,,s,confirmed\nnation,lp_growth,2023,3.65,u,,s,confirmed\n");
        assert_eq!(one(&plan, &o).status, Status::InsufficientData);
        // A reference without a scope names the options' reference scope.
        let plan = plan_with(
            r#"id = "g"
indicator = "lp_growth"
target = { comparator = "relative", reference = "lp_growth", relation = "above" }
unit = "percent_per_year""#,
        );
        let o = obs("x,lp_growth,2023,6,u,,s,confirmed\nn,lp_growth,2023,3.65,u,,s,confirmed\n");
        let options = AssessOptions::default().with_reference_scope("n");
        let a = assess_plans(std::slice::from_ref(&plan), &o, &options).0[0].goals[0].clone();
        assert_eq!(a.status, Status::OnTrack);
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
