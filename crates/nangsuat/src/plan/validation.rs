//! Validation of plans: every finding, not the first, each with a stable code, a severity, a
//! location and a message.
//!
//! The checks follow what reviewers of Vietnamese plans ask (the Thanh Hóa meeting of
//! 25/02/2021 found "nhiều mục tiêu đề ra chưa có giải pháp cụ thể thực hiện, có một số nội
//! dung trùng lặp": goals without solutions, duplicated content) and the logframe rules of
//! METHODS §9 (each result has an indicator, a baseline, a target and a legal basis).
//!
//! ```
//! use nangsuat::plan::validation::{validate_plans, FindingCode};
//! let findings = validate_plans(nangsuat::vietnam::Vietnam::get().plans());
//! // The Thanh Hóa draft was criticised for goals without solutions: so it is here.
//! assert!(findings.iter().any(|f| f.code == FindingCode::GoalWithoutTask
//!     && f.location.plan == "th-st-breakthrough-2021"));
//! ```

use crate::plan::goal::{Goal, Target};
use crate::plan::indicator::{Direction, Indicator, IndicatorKind, is_known_unit};
use crate::plan::{Plan, PlanLevel};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// The plan is inconsistent and cannot be monitored as written.
    Error,
    /// The plan can be monitored, but a reviewer should act.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// Stable snake-case name (`error`, `warning`, `info`), as in the JSON form.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The stable code of a finding (its snake-case name never changes meaning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FindingCode {
    /// Two plans, goals or tasks share an id.
    DuplicateId,
    /// Following parent links comes back to the same plan.
    ParentCycle,
    /// The parent plan is not among the plans validated.
    UnknownParent,
    /// The goal's indicator is neither built in nor declared by the plan.
    UnknownIndicator,
    /// The unit is not a known unit code.
    UnknownUnit,
    /// The goal's unit is not its indicator's unit.
    UnitMismatch,
    /// The target's numbers are inconsistent (non-finite, low > high, beyond a natural limit).
    InvalidTarget,
    /// The target year or period lies outside the plan's period.
    HorizonOutsidePeriod,
    /// No task or solution serves the goal.
    GoalWithoutTask,
    /// A task names a goal the plan does not have.
    TaskUnknownGoal,
    /// Two goals say the same thing.
    DuplicateGoal,
    /// Two goals set different targets for the same indicator, scope and time.
    OverlappingGoals,
    /// Neither the goal nor its plan has a legal basis.
    GoalWithoutLegalBasis,
    /// The goal has no baseline (value and year).
    GoalWithoutBaseline,
    /// The goal does not keep its source wording.
    GoalWithoutSourceText,
    /// A goal asks less than the parent plan's goal for the same indicator.
    WeakerThanParent,
    /// A task has no budget.
    TaskWithoutBudget,
    /// A task has no responsible unit.
    TaskWithoutResponsibleUnit,
}

impl FindingCode {
    /// The stable snake-case code.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::DuplicateId => "duplicate_id",
            FindingCode::ParentCycle => "parent_cycle",
            FindingCode::UnknownParent => "unknown_parent",
            FindingCode::UnknownIndicator => "unknown_indicator",
            FindingCode::UnknownUnit => "unknown_unit",
            FindingCode::UnitMismatch => "unit_mismatch",
            FindingCode::InvalidTarget => "invalid_target",
            FindingCode::HorizonOutsidePeriod => "horizon_outside_period",
            FindingCode::GoalWithoutTask => "goal_without_task",
            FindingCode::TaskUnknownGoal => "task_unknown_goal",
            FindingCode::DuplicateGoal => "duplicate_goal",
            FindingCode::OverlappingGoals => "overlapping_goals",
            FindingCode::GoalWithoutLegalBasis => "goal_without_legal_basis",
            FindingCode::GoalWithoutBaseline => "goal_without_baseline",
            FindingCode::GoalWithoutSourceText => "goal_without_source_text",
            FindingCode::WeakerThanParent => "weaker_than_parent",
            FindingCode::TaskWithoutBudget => "task_without_budget",
            FindingCode::TaskWithoutResponsibleUnit => "task_without_responsible_unit",
        }
    }

    /// The severity findings of this code carry.
    pub fn severity(self) -> Severity {
        use FindingCode::*;
        match self {
            DuplicateId | ParentCycle | UnknownIndicator | UnknownUnit | UnitMismatch
            | InvalidTarget | HorizonOutsidePeriod | TaskUnknownGoal => Severity::Error,
            UnknownParent
            | GoalWithoutTask
            | DuplicateGoal
            | OverlappingGoals
            | GoalWithoutLegalBasis
            | WeakerThanParent
            | TaskWithoutBudget
            | TaskWithoutResponsibleUnit => Severity::Warning,
            GoalWithoutBaseline | GoalWithoutSourceText => Severity::Info,
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// Plan id.
    pub plan: String,
    /// Goal id, when about a goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Task id, when about a task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.plan)?;
        if let Some(g) = &self.goal {
            write!(f, "/goal:{g}")?;
        }
        if let Some(t) = &self.task {
            write!(f, "/task:{t}")?;
        }
        Ok(())
    }
}

/// One finding of validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// Severity (fixed by the code).
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What, in words, with the values involved.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} {} at {}: {}",
            self.severity, self.code, self.location, self.message
        )
    }
}

struct Sink<'p> {
    plan: &'p str,
    out: Vec<Finding>,
}

impl Sink<'_> {
    fn push(&mut self, code: FindingCode, goal: Option<&str>, task: Option<&str>, message: String) {
        self.out.push(Finding {
            code,
            severity: code.severity(),
            location: Location {
                plan: self.plan.to_string(),
                goal: goal.map(str::to_string),
                task: task.map(str::to_string),
            },
            message,
        });
    }
}

impl Plan {
    /// Validates this plan on its own (no parent checks; see [`validate_plans`]).
    pub fn validate(&self) -> Vec<Finding> {
        validate_one(self, crate::plan::indicator::catalogue())
    }
}

/// Validates a set of plans: each plan, then what needs the set (duplicate plan ids, unknown
/// parents, parent cycles, goals weaker than the parent's).
pub fn validate_plans(plans: &[Plan]) -> Vec<Finding> {
    let catalogue = crate::plan::indicator::catalogue();
    let mut out: Vec<Finding> = plans
        .iter()
        .flat_map(|p| validate_one(p, catalogue))
        .collect();
    let by_id: BTreeMap<&str, &Plan> = plans.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut seen = BTreeSet::new();
    for plan in plans {
        let mut sink = Sink {
            plan: &plan.id,
            out: Vec::new(),
        };
        if !seen.insert(plan.id.as_str()) {
            sink.push(
                FindingCode::DuplicateId,
                None,
                None,
                format!("plan id `{}` is used by more than one plan", plan.id),
            );
        }
        if let Some(parent_id) = &plan.parent {
            match by_id.get(parent_id.as_str()) {
                None => sink.push(
                    FindingCode::UnknownParent,
                    None,
                    None,
                    format!("parent plan `{parent_id}` is not among the plans validated"),
                ),
                Some(parent) => {
                    if has_cycle(plan, &by_id) {
                        sink.push(
                            FindingCode::ParentCycle,
                            None,
                            None,
                            format!("following parents from `{}` returns to it", plan.id),
                        );
                    } else {
                        weaker_than_parent(plan, parent, catalogue, &mut sink);
                    }
                }
            }
        }
        out.extend(sink.out);
    }
    out
}

fn has_cycle(plan: &Plan, by_id: &BTreeMap<&str, &Plan>) -> bool {
    let mut current = plan;
    for _ in 0..=by_id.len() {
        match current.parent.as_deref().and_then(|p| by_id.get(p)) {
            Some(next) if next.id == plan.id => return true,
            Some(next) => current = next,
            None => return false,
        }
    }
    true
}

fn lookup<'a>(plan: &'a Plan, catalogue: &'a [Indicator], code: &str) -> Option<&'a Indicator> {
    plan.indicators
        .iter()
        .chain(catalogue)
        .find(|i| i.code == code)
}

fn validate_one(plan: &Plan, catalogue: &[Indicator]) -> Vec<Finding> {
    let mut sink = Sink {
        plan: &plan.id,
        out: Vec::new(),
    };
    let mut goal_ids = BTreeSet::new();
    for goal in &plan.goals {
        if !goal_ids.insert(goal.id.as_str()) {
            sink.push(
                FindingCode::DuplicateId,
                Some(&goal.id),
                None,
                format!("goal id `{}` is used twice in the plan", goal.id),
            );
        }
    }
    let mut task_ids = BTreeSet::new();
    for task in &plan.tasks {
        if !task_ids.insert(task.id.as_str()) {
            sink.push(
                FindingCode::DuplicateId,
                None,
                Some(&task.id),
                format!("task id `{}` is used twice in the plan", task.id),
            );
        }
    }
    for indicator in &plan.indicators {
        if !is_known_unit(&indicator.unit) {
            sink.push(
                FindingCode::UnknownUnit,
                None,
                None,
                format!(
                    "declared indicator `{}` has unknown unit `{}`",
                    indicator.code, indicator.unit
                ),
            );
        }
    }
    for goal in &plan.goals {
        check_goal(plan, goal, catalogue, &mut sink);
    }
    check_duplicates(plan, &mut sink);
    for task in &plan.tasks {
        let t = Some(task.id.as_str());
        for g in &task.goals {
            if !goal_ids.contains(g.as_str()) {
                sink.push(
                    FindingCode::TaskUnknownGoal,
                    None,
                    t,
                    format!("task links to goal `{g}`, which the plan does not have"),
                );
            }
        }
        if task.budget.is_none() {
            sink.push(
                FindingCode::TaskWithoutBudget,
                None,
                t,
                "the task has no budget (amount, currency, source)".into(),
            );
        }
        if task.responsible_unit.is_none() {
            sink.push(
                FindingCode::TaskWithoutResponsibleUnit,
                None,
                t,
                "the task names no responsible unit".into(),
            );
        }
    }
    sink.out
}

fn check_goal(plan: &Plan, goal: &Goal, catalogue: &[Indicator], sink: &mut Sink<'_>) {
    let g = Some(goal.id.as_str());
    let indicator = lookup(plan, catalogue, &goal.indicator);
    match indicator {
        None => sink.push(
            FindingCode::UnknownIndicator,
            g,
            None,
            format!(
                "indicator `{}` is neither built in nor declared by the plan",
                goal.indicator
            ),
        ),
        Some(ind) if ind.unit != goal.unit => sink.push(
            FindingCode::UnitMismatch,
            g,
            None,
            format!(
                "unit `{}` does not fit indicator `{}`, which is measured in `{}`",
                goal.unit, ind.code, ind.unit
            ),
        ),
        Some(_) => {}
    }
    if !is_known_unit(&goal.unit) {
        sink.push(
            FindingCode::UnknownUnit,
            g,
            None,
            format!("unit `{}` is not a known unit code", goal.unit),
        );
    }
    check_target(goal, indicator, sink);
    if let Some(h) = goal.horizon {
        let start_ok = h
            .start
            .is_none_or(|s| plan.period.contains(s) && s <= h.end);
        if !plan.period.contains(h.end) || !start_ok {
            let span = match h.start {
                Some(s) => format!("{s}–{}", h.end),
                None => h.end.to_string(),
            };
            sink.push(
                FindingCode::HorizonOutsidePeriod,
                g,
                None,
                format!(
                    "target {span} lies outside the plan period {}–{}",
                    plan.period.start, plan.period.end
                ),
            );
        }
    }
    if !plan.tasks.iter().any(|t| t.goals.contains(&goal.id)) {
        sink.push(
            FindingCode::GoalWithoutTask,
            g,
            None,
            "no task or solution serves this goal (nhiều mục tiêu chưa có giải pháp cụ thể)".into(),
        );
    }
    if plan.legal_basis.is_empty() && goal.legal_basis.is_empty() {
        sink.push(
            FindingCode::GoalWithoutLegalBasis,
            g,
            None,
            "neither the goal nor its plan names a legal basis".into(),
        );
    }
    if goal.baseline.is_none() {
        sink.push(
            FindingCode::GoalWithoutBaseline,
            g,
            None,
            "no baseline value and year: progress can only be judged from observations".into(),
        );
    }
    if goal.source_text.is_none() {
        sink.push(
            FindingCode::GoalWithoutSourceText,
            g,
            None,
            "the goal does not keep the document's wording".into(),
        );
    }
}

fn check_target(goal: &Goal, indicator: Option<&Indicator>, sink: &mut Sink<'_>) {
    let g = Some(goal.id.as_str());
    let numbers = goal.target.numbers();
    if let Some(v) = numbers.iter().find(|v| !v.is_finite()) {
        sink.push(
            FindingCode::InvalidTarget,
            g,
            None,
            format!("target value {v} is not a finite number"),
        );
        return;
    }
    match &goal.target {
        Target::Between { low, high } if low > high => sink.push(
            FindingCode::InvalidTarget,
            g,
            None,
            format!("range {low}–{high}: the low end is above the high end"),
        ),
        Target::About {
            tolerance: Some(t), ..
        } if *t < 0.0 => sink.push(
            FindingCode::InvalidTarget,
            g,
            None,
            format!("tolerance {t} is negative"),
        ),
        Target::Relative { reference, .. } if reference.trim().is_empty() => sink.push(
            FindingCode::InvalidTarget,
            g,
            None,
            "a relative target needs the reference series it is compared with".into(),
        ),
        _ => {}
    }
    if let Some(limit) = indicator.and_then(|i| i.natural_limit)
        && let Some(v) = goal.target.lower_bound().filter(|v| *v > limit)
    {
        sink.push(
            FindingCode::InvalidTarget,
            g,
            None,
            format!("target {v} exceeds the indicator's natural limit {limit}"),
        );
    }
}

fn same_time(a: &Goal, b: &Goal) -> bool {
    match (a.horizon, b.horizon) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            let (xs, ys) = (x.start.unwrap_or(x.end), y.start.unwrap_or(y.end));
            xs <= y.end && ys <= x.end
        }
        _ => false,
    }
}

fn check_duplicates(plan: &Plan, sink: &mut Sink<'_>) {
    for (i, a) in plan.goals.iter().enumerate() {
        for b in &plan.goals[i + 1..] {
            if a.indicator != b.indicator || a.scope != b.scope || !same_time(a, b) {
                continue;
            }
            let (code, what) = if a.target == b.target && a.horizon == b.horizon {
                (FindingCode::DuplicateGoal, "repeats")
            } else {
                (FindingCode::OverlappingGoals, "overlaps")
            };
            sink.push(
                code,
                Some(&b.id),
                None,
                format!(
                    "goal `{}` {what} goal `{}`: same indicator `{}`, scope and time",
                    b.id, a.id, a.indicator
                ),
            );
        }
    }
}

/// A child goal asks less than the parent's for an intensive indicator (growth, share, ratio):
/// counts are not compared across territories.
fn weaker_than_parent(plan: &Plan, parent: &Plan, catalogue: &[Indicator], sink: &mut Sink<'_>) {
    if plan.level == PlanLevel::National {
        return;
    }
    for goal in &plan.goals {
        let Some(ind) = lookup(plan, catalogue, &goal.indicator) else {
            continue;
        };
        if matches!(
            ind.kind,
            IndicatorKind::Count | IndicatorKind::Milestone | IndicatorKind::Level
        ) {
            continue;
        }
        for pg in parent
            .goals
            .iter()
            .filter(|p| p.indicator == goal.indicator && p.unit == goal.unit)
        {
            let weaker = match ind.direction {
                Direction::HigherIsBetter => goal
                    .target
                    .lower_bound()
                    .zip(pg.target.lower_bound())
                    .filter(|(c, p)| c < p),
                Direction::LowerIsBetter => goal
                    .target
                    .upper_bound()
                    .zip(pg.target.upper_bound())
                    .filter(|(c, p)| c > p),
            };
            if let Some((c, p)) = weaker {
                sink.push(
                    FindingCode::WeakerThanParent,
                    Some(&goal.id),
                    None,
                    format!(
                        "{} {c} {} is weaker than parent plan `{}`'s goal `{}` ({} {p})",
                        goal.target.comparator(),
                        goal.unit,
                        parent.id,
                        pg.id,
                        pg.target.comparator()
                    ),
                );
            }
        }
    }
}
