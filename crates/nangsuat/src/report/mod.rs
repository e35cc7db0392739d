//! The monitoring report: every goal of every plan with its status, the numbers behind it and
//! what would be needed; validation findings; and the growth accounting of recent history.
//! Rendered as Markdown (Vietnamese or English labels) or JSON.
//!
//! ```
//! use nangsuat::report::{Lang, Report};
//! let report = Report::vietnam()?;
//! let md = report.to_markdown(Lang::En);
//! assert!(md.contains("vn-d36-2021"));
//! let vi = report.to_markdown(Lang::Vi);
//! assert!(vi.contains("Trạng thái"));
//! let back: Report = serde_json::from_str(&report.to_json()?).unwrap();
//! assert_eq!(back, report);
//! # Ok::<(), nangsuat::Error>(())
//! ```

use crate::accounting::{AccountingInput, GrowthAccounting, LabourShare};
use crate::error::{Error, Result};
use crate::monitoring::assess::{AssessOptions, Cited, PlanAssessment, assess_plans};
use crate::monitoring::feasibility::{
    ConsistencyCheck, Projection, Realism, Scenario, Sensitivity, consistency, lp_growth_realism,
    required_tfp_growth, tfp_growth_realism,
};
use crate::monitoring::observation::{Observations, ObservedWhen};
use crate::monitoring::progress::{Method, Status};
use crate::plan::Plan;
use crate::plan::validation::{Finding, Severity};
use crate::share::Share;
use crate::vietnam::data::{PWT_CITATION, VIETNAM_DEFAULT_LABOUR_SHARE, vietnam_pwt};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// Label language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lang {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `"vi"` or `"en"`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for another code.
    pub fn from_code(code: &str) -> Result<Lang> {
        match code {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(Error::invalid_parameter(
                "lang",
                format!("`{code}`; expected vi or en"),
            )),
        }
    }
}

/// Growth accounting over one period of the history section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HistoryPeriod {
    /// First year of growth.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Average GDP growth, %/yr.
    pub gdp_growth: Option<f64>,
    /// Average labour-productivity growth per worker, %/yr.
    pub lp_growth: Option<f64>,
    /// Average TFP growth (Törnqvist), %/yr.
    pub tfp_growth: Option<f64>,
    /// TFP share of growth, Törnqvist, ratio of cumulative growths, %.
    pub tfp_share_tornqvist: Option<f64>,
    /// TFP share of growth, GSO form, ratio of cumulative growths, %.
    pub tfp_share_gso: Option<f64>,
    /// GSO's published figure for the same period, if any.
    pub published: Option<Cited>,
}

/// The growth-accounting history of a territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct History {
    /// Territory.
    pub territory: String,
    /// Data and assumptions, in words.
    pub basis: String,
    /// Periods.
    pub periods: Vec<HistoryPeriod>,
    /// Published annual TFP contributions (GSO), for comparison.
    pub published_annual: Vec<Cited>,
}

/// The monitoring report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Progress method used.
    pub method: Method,
    /// Relative tolerance applied to "about" targets without one.
    pub about_tolerance: f64,
    /// Latest year with data in the observations.
    pub latest_data_year: Option<i32>,
    /// Number of observations available.
    pub observation_count: usize,
    /// Plan by plan.
    pub plans: Vec<PlanAssessment>,
    /// Validation findings (errors and warnings; informational findings are counted).
    pub findings: Vec<Finding>,
    /// Growth accounting of recent history, when available.
    pub history: Option<History>,
    /// Consistency, realism and a scenario, when computed.
    pub feasibility: Option<Feasibility>,
}

/// A realism check tied to a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoalRealism {
    /// Plan id.
    pub plan: String,
    /// Goal id.
    pub goal: String,
    /// The check.
    pub realism: Realism,
}

/// A goal's verdict under a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenarioGoal {
    /// Plan id.
    pub plan: String,
    /// Goal id.
    pub goal: String,
    /// The projected value in the goal's unit (%/yr or % of growth).
    pub projected: f64,
    /// Whether the projection meets the goal.
    pub met: bool,
}

/// Feasibility of the plans' targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Feasibility {
    /// Employment growth assumed to link LP and GDP (a fraction per year), and its basis.
    pub employment_growth: (f64, String),
    /// Consistency of each plan's targets.
    pub consistency: Vec<ConsistencyCheck>,
    /// Historical realism of growth targets.
    pub realism: Vec<GoalRealism>,
    /// A baseline scenario.
    pub scenario: Scenario,
    /// Its projection.
    pub projection: Projection,
    /// One-at-a-time sensitivity.
    pub sensitivity: Vec<Sensitivity>,
    /// Goals judged under the scenario.
    pub goals: Vec<ScenarioGoal>,
}

/// Assesses `plans` against `observations` with default options (StatCan method).
pub fn assess(plans: &[Plan], observations: &Observations) -> Report {
    assess_with(plans, observations, &AssessOptions::default())
}

/// Assesses `plans` against `observations`.
pub fn assess_with(plans: &[Plan], observations: &Observations, options: &AssessOptions) -> Report {
    let (assessed, findings) = assess_plans(plans, observations, options);
    Report {
        method: options.method,
        about_tolerance: options.about_tolerance,
        latest_data_year: observations.latest_year(),
        observation_count: observations.len(),
        plans: assessed,
        findings,
        history: None,
        feasibility: None,
    }
}

impl Report {
    /// The report for the embedded plans and observations, with Viet Nam's growth accounting
    /// (PWT 10.01, default labour share) beside GSO's published TFP shares.
    ///
    /// # Errors
    /// Only if the embedded data were inconsistent, which the tests rule out.
    pub fn vietnam() -> Result<Report> {
        let observations = Observations::vietnam();
        let mut report = assess(&Plan::builtin(), &observations);
        report.history = Some(vietnam_history(&observations)?);
        report.feasibility = Some(feasibility(
            &Plan::builtin(),
            Scenario::vietnam_2021_2025(),
        )?);
        Ok(report)
    }

    /// Counts of goals by status.
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        let mut counts: Vec<(Status, usize)> = Vec::new();
        for g in self.plans.iter().flat_map(|p| &p.goals) {
            match counts.iter_mut().find(|c| c.0 == g.status) {
                Some(c) => c.1 += 1,
                None => counts.push((g.status, 1)),
            }
        }
        counts.sort();
        counts
    }

    /// The report as JSON.
    ///
    /// # Errors
    /// [`Error::Parse`] if a number cannot be written (never for a report made here).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Parse {
            format: "json".into(),
            path: "report".into(),
            line: None,
            column: None,
            message: e.to_string(),
        })
    }

    /// The report as Markdown.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let l = Labels::new(lang);
        let mut md = String::new();
        let _ = writeln!(md, "# {}\n", l.title);
        let _ = writeln!(
            md,
            "{} `{}` ({}); {} {}; {} {}.\n",
            l.method,
            self.method.name(),
            self.method.reference(),
            l.observations,
            self.observation_count,
            l.latest,
            self.latest_data_year.map_or("—".into(), |y| y.to_string())
        );
        let _ = writeln!(md, "{}\n", l.never_invented);
        let _ = writeln!(md, "| {} | {} |\n|---|---:|", l.status, l.goals);
        for (s, n) in self.status_counts() {
            let _ = writeln!(md, "| {} | {n} |", l.status_label(s));
        }
        md.push('\n');
        if let Some(h) = &self.history {
            write_history(&mut md, h, &l);
        }
        for plan in &self.plans {
            write_plan(&mut md, plan, &l);
        }
        if let Some(f) = &self.feasibility {
            write_feasibility(&mut md, f, &l);
        }
        write_findings(&mut md, &self.findings, &l);
        md
    }
}

struct Labels {
    lang: Lang,
    title: &'static str,
    method: &'static str,
    observations: &'static str,
    latest: &'static str,
    never_invented: &'static str,
    status: &'static str,
    goals: &'static str,
    history: &'static str,
    period: &'static str,
    target: &'static str,
    value: &'static str,
    evidence: &'static str,
    reason: &'static str,
    needed: &'static str,
    wording: &'static str,
    sources: &'static str,
    also: &'static str,
    findings: &'static str,
    info_count: &'static str,
    feasibility: &'static str,
    scenario: &'static str,
}

impl Labels {
    fn new(lang: Lang) -> Labels {
        match lang {
            Lang::Vi => Labels {
                lang,
                title: "Báo cáo theo dõi thực hiện mục tiêu năng suất",
                method: "Phương pháp đánh giá",
                observations: "số liệu quan sát",
                latest: "năm có số liệu gần nhất",
                never_invented: "Số liệu chưa được công bố được ghi là thiếu, không bao giờ ước đoán. Mỗi số liệu kèm mức độ xác thực (confirmed: có nguồn chính thức; derived: tính từ số liệu chính thức; press: báo chí) và nguồn.",
                status: "Trạng thái",
                goals: "Số mục tiêu",
                history: "Hạch toán tăng trưởng giai đoạn gần đây",
                period: "Giai đoạn",
                target: "Chỉ tiêu",
                value: "Giá trị hiện tại",
                evidence: "Mức xác thực",
                reason: "Căn cứ",
                needed: "Cần đạt",
                wording: "Nguyên văn",
                sources: "Nguồn",
                also: "Số liệu khác đã công bố",
                findings: "Kết quả rà soát kế hoạch",
                info_count: "phát hiện mức thông tin (thiếu năm gốc, thiếu nguyên văn) không liệt kê",
                feasibility: "Tính khả thi của chỉ tiêu",
                scenario: "Kịch bản",
            },
            Lang::En => Labels {
                lang,
                title: "Productivity plan monitoring report",
                method: "Progress method",
                observations: "observations",
                latest: "latest year with data",
                never_invented: "Values not yet published are reported as missing, never estimated. Every number carries its evidence level (confirmed: official source; derived: computed from official numbers; press) and its source.",
                status: "Status",
                goals: "Goals",
                history: "Growth accounting of recent history",
                period: "Period",
                target: "Target",
                value: "Current value",
                evidence: "Evidence",
                reason: "Basis",
                needed: "Needed",
                wording: "Wording",
                sources: "Sources",
                also: "Also published",
                findings: "Plan validation findings",
                info_count: "informational findings (no baseline, no wording) not listed",
                feasibility: "Feasibility of the targets",
                scenario: "Scenario",
            },
        }
    }

    fn status_label(&self, s: Status) -> &'static str {
        match self.lang {
            Lang::Vi => s.label_vi(),
            Lang::En => s.label_en(),
        }
    }
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.2}"))
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn write_history(md: &mut String, h: &History, l: &Labels) {
    let _ = writeln!(md, "## {} — {}\n", l.history, h.territory);
    let _ = writeln!(md, "{}\n", h.basis);
    let _ = writeln!(
        md,
        "| {} | GDP %/yr | LP %/yr | TFP %/yr | TFP % (Törnqvist) | TFP % (GSO form) | GSO |\n|---|---:|---:|---:|---:|---:|---|",
        l.period
    );
    for p in &h.periods {
        let published = p.published.as_ref().map_or(String::new(), |c| {
            format!("{:.2} ({})", c.value, c.evidence.name())
        });
        let _ = writeln!(
            md,
            "| {}–{} | {} | {} | {} | {} | {} | {} |",
            p.from,
            p.to,
            fmt_opt(p.gdp_growth),
            fmt_opt(p.lp_growth),
            fmt_opt(p.tfp_growth),
            fmt_opt(p.tfp_share_tornqvist),
            fmt_opt(p.tfp_share_gso),
            published
        );
    }
    if !h.published_annual.is_empty() {
        let annual: Vec<String> = h
            .published_annual
            .iter()
            .map(|c| format!("{} {:.2} ({})", c.when, c.value, c.evidence.name()))
            .collect();
        let _ = writeln!(md, "\nGSO TFP %: {}\n", annual.join("; "));
    }
}

fn write_plan(md: &mut String, plan: &PlanAssessment, l: &Labels) {
    let title = match (l.lang, &plan.title_en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => plan.title_vi.clone(),
    };
    let _ = writeln!(
        md,
        "## {title}\n\n`{}` · {} · {}–{}\n",
        plan.id, plan.territory, plan.period.0, plan.period.1
    );
    if plan.goals.is_empty() {
        let _ = writeln!(md, "—\n");
        return;
    }
    let _ = writeln!(
        md,
        "| # | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---:|---|---|",
        l.target, l.period, l.status, l.value, l.evidence, l.needed
    );
    for g in &plan.goals {
        let name = match l.lang {
            Lang::Vi if !g.indicator_vi.is_empty() => &g.indicator_vi,
            Lang::En if !g.indicator_en.is_empty() => &g.indicator_en,
            _ => &g.indicator,
        };
        let period = match g.period {
            (Some(s), e) if s != e => format!("{s}–{e}"),
            (_, e) => e.to_string(),
        };
        let evidence: Vec<&str> = g.observations.iter().map(|c| c.evidence.name()).collect();
        let mut evidence = evidence;
        evidence.dedup();
        let _ = writeln!(
            md,
            "| `{}` | {}: {} | {} | **{}** | {} | {} | {} |",
            g.goal,
            cell(name),
            cell(&g.target),
            period,
            l.status_label(g.status),
            fmt_opt(g.current),
            if evidence.is_empty() {
                "—".into()
            } else {
                evidence.join(", ")
            },
            cell(g.needed.as_deref().unwrap_or("—"))
        );
    }
    md.push('\n');
    for g in &plan.goals {
        let _ = writeln!(md, "- `{}` — {}: {}", g.goal, l.reason, g.reason);
        if let Some(t) = &g.source_text {
            let _ = writeln!(md, "  - {}: «{}»", l.wording, t.replace('\u{a0}', " "));
        }
        if !g.observations.is_empty() {
            let cites: Vec<String> = g
                .observations
                .iter()
                .map(|c| {
                    format!(
                        "{} = {} {} ({}, {})",
                        c.when,
                        c.value,
                        c.unit,
                        c.evidence.name(),
                        c.source_url
                    )
                })
                .collect();
            let _ = writeln!(md, "  - {}: {}", l.sources, cites.join("; "));
        }
        if !g.alternatives.is_empty() {
            let alts: Vec<String> = g
                .alternatives
                .iter()
                .map(|c| {
                    format!(
                        "{} = {} ({}; {})",
                        c.when,
                        c.value,
                        c.evidence.name(),
                        c.note
                    )
                })
                .collect();
            let _ = writeln!(md, "  - {}: {}", l.also, alts.join("; "));
        }
    }
    md.push('\n');
}

fn write_findings(md: &mut String, findings: &[Finding], l: &Labels) {
    let _ = writeln!(md, "## {}\n", l.findings);
    let mut info = 0;
    for f in findings {
        if f.severity == Severity::Info {
            info += 1;
            continue;
        }
        let _ = writeln!(
            md,
            "- {:?} `{}` {} — {}",
            f.severity, f.code, f.location, f.message
        );
    }
    let _ = writeln!(md, "\n{info} {}.", l.info_count);
}

/// Feasibility of the plans' growth targets: consistency (with the scenario's employment
/// growth), realism against Viet Nam's own record (PWT 10.01) and its peers', and the scenario.
///
/// # Errors
/// [`Error::OutOfRange`] for a scenario assumption out of range.
pub fn feasibility(plans: &[Plan], scenario: Scenario) -> Result<Feasibility> {
    let projection = scenario.project()?;
    let sensitivity = scenario.sensitivity()?;
    let g_l = scenario.employment_growth;
    let vn = vietnam_pwt();
    // Viet Nam's own LP record stops at 2018: PWT's 2019 employment is a source break
    // (54.07 → 50.40 million) that would fake a record.
    let before_break = vn.year.iter().take_while(|y| **y <= 2018).count();
    let lp: Vec<f64> = vn.rgdpna[..before_break]
        .iter()
        .zip(&vn.emp[..before_break])
        .map(|(y, l)| y / l)
        .collect();
    let tfp = GrowthAccounting::tornqvist().compute(
        &AccountingInput::new(
            &vn.year,
            &vn.rgdpna,
            &vn.rnna,
            &vn.emp,
            LabourShare::Constant(Share::new(VIETNAM_DEFAULT_LABOUR_SHARE)?),
        )
        .hours(&vn.avh)
        .human_capital(&vn.hc),
    )?;
    let own_name = |plan: &Plan| plan.territory == "viet_nam";
    let mut realism = Vec::new();
    let mut goals = Vec::new();
    for plan in plans {
        for g in &plan.goals {
            let (start, end) = match g.horizon {
                Some(h) => (h.start.unwrap_or(h.end), h.end),
                None => (plan.period.start, plan.period.end),
            };
            let years = usize::try_from(end - start + 1).unwrap_or(1);
            let Some(bound) = g.target.lower_bound() else {
                continue;
            };
            let check = match g.indicator.as_str() {
                "lp_growth_avg" => Some(lp_growth_realism(
                    bound / 100.0,
                    years,
                    own_name(plan).then_some((
                        "VNM (PWT, per worker, to 2018)",
                        &vn.year[..before_break],
                        lp.as_slice(),
                    )),
                )),
                "tfp_contribution" => {
                    let lp_goal = plan
                        .goals
                        .iter()
                        .find(|o| o.indicator == "lp_growth_avg" && o.horizon == g.horizon);
                    lp_goal
                        .and_then(|o| o.target.lower_bound())
                        .map(|lp_target| {
                            let g_y = crate::monitoring::feasibility::implied_output_growth(
                                lp_target / 100.0,
                                g_l,
                            );
                            tfp_growth_realism(
                                required_tfp_growth(bound / 100.0, g_y),
                                years,
                                own_name(plan).then_some((
                                    "VNM (PWT, labour share 0.48, to 2018)",
                                    &vn.year[..before_break],
                                    &tfp.tfp_index[..before_break],
                                )),
                            )
                        })
                }
                _ => None,
            };
            if let Some(r) = check {
                realism.push(GoalRealism {
                    plan: plan.id.clone(),
                    goal: g.id.clone(),
                    realism: r,
                });
            }
            if (start, end) == (scenario.base_year + 1, scenario.end_year)
                && plan.territory == "viet_nam"
            {
                let projected = match g.indicator.as_str() {
                    "lp_growth_avg" => Some(100.0 * projection.lp_growth),
                    "gdp_growth_avg" => Some(100.0 * projection.gdp_growth),
                    "tfp_contribution" => projection.tfp_share.map(|s| 100.0 * s),
                    _ => None,
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
    Ok(Feasibility {
        employment_growth: (
            g_l,
            "the scenario's assumption (GSO employed persons 2021–2025 grew ≈ 1.7 %/yr across the 2021 definition break)".into(),
        ),
        consistency: plans.iter().flat_map(|p| consistency(p, g_l)).collect(),
        realism,
        scenario,
        projection,
        sensitivity,
        goals,
    })
}

fn write_feasibility(md: &mut String, f: &Feasibility, l: &Labels) {
    let _ = writeln!(
        md,
        "## {}
",
        l.feasibility
    );
    for c in &f.consistency {
        let mark = if c.contradiction { "⚠ " } else { "" };
        let _ = writeln!(
            md,
            "- {mark}`{}` ({}): {}",
            c.plan,
            c.goals.join(", "),
            c.message
        );
    }
    for r in &f.realism {
        let _ = writeln!(md, "- `{}/{}`: {}", r.plan, r.goal, r.realism.verdict);
    }
    let s = &f.scenario;
    let p = &f.projection;
    let _ = writeln!(
        md,
        "\n### {} `{}` ({}–{})\n\nK/Y {:.2}, investment {:.0} % of GDP, depreciation {:.1} %, employment {:+.1} %/yr, TFP {:+.1} %/yr, labour share {:.2} → GDP {:.2} %/yr, LP {:.2} %/yr, capital {:.2} %/yr, TFP share {}.\n",
        l.scenario,
        s.name,
        s.base_year + 1,
        s.end_year,
        s.capital_output_ratio,
        100.0 * s.investment_rate,
        100.0 * s.depreciation,
        100.0 * s.employment_growth,
        100.0 * s.tfp_growth,
        s.labour_share,
        100.0 * p.gdp_growth,
        100.0 * p.lp_growth,
        100.0 * p.capital_growth,
        p.tfp_share
            .map_or("—".into(), |v| format!("{:.1} %", 100.0 * v))
    );
    for g in &f.goals {
        let _ = writeln!(
            md,
            "- `{}/{}`: {:.2} under the scenario — {}",
            g.plan,
            g.goal,
            g.projected,
            if g.met { "met" } else { "not met" }
        );
    }
    let _ = writeln!(
        md,
        "\n| assumption | step | Δ GDP growth (pp) | Δ LP growth (pp) | Δ TFP share (pp) |\n|---|---:|---:|---:|---:|"
    );
    for r in &f.sensitivity {
        let _ = writeln!(
            md,
            "| {} | ±{:.1} pp | {:+.2} / {:+.2} | {:+.2} / {:+.2} | {:+.1} / {:+.1} |",
            r.assumption,
            100.0 * r.step,
            100.0 * r.gdp_growth.0,
            100.0 * r.gdp_growth.1,
            100.0 * r.lp_growth.0,
            100.0 * r.lp_growth.1,
            100.0 * r.tfp_share.0,
            100.0 * r.tfp_share.1
        );
    }
    md.push('\n');
}

/// Viet Nam's growth accounting from the embedded PWT 10.01 extract (capital stock `rnna`,
/// labour = persons × hours × hc, labour share [`VIETNAM_DEFAULT_LABOUR_SHARE`]), with GSO's
/// published TFP shares for the same periods.
pub fn vietnam_history(observations: &Observations) -> Result<History> {
    let vn = vietnam_pwt();
    let share = Share::new(VIETNAM_DEFAULT_LABOUR_SHARE)?;
    let tornqvist_input = AccountingInput::new(
        &vn.year,
        &vn.rgdpna,
        &vn.rnna,
        &vn.emp,
        LabourShare::Constant(share),
    )
    .hours(&vn.avh)
    .human_capital(&vn.hc);
    let tornqvist = GrowthAccounting::tornqvist().compute(&tornqvist_input)?;
    let gso_input = AccountingInput::new(
        &vn.year,
        &vn.rgdpna,
        &vn.rnna,
        &vn.emp,
        LabourShare::Constant(share),
    );
    let gso = GrowthAccounting::gso().compute(&gso_input)?;
    let lp = crate::accounting::labour_productivity::labour_productivity(
        &crate::AnnualSeries::new("rgdpna", vn.year.clone(), vn.rgdpna.clone())?,
        &crate::AnnualSeries::new("emp", vn.year.clone(), vn.emp.clone())?,
    )?;
    let pct = |v: Option<f64>| v.map(|v| 100.0 * v);
    let mut periods = Vec::new();
    for (a, b) in [(2000, 2010), (2010, 2015), (2015, 2019), (2015, 2018)] {
        let t = tornqvist.period(a, b)?;
        let g = gso.period(a, b)?;
        let published = observations
            .best(
                "viet_nam",
                "tfp_contribution",
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
            tfp_share_gso: pct(g.tfp_share_of_cumulative_growth),
            published,
        });
    }
    Ok(History {
        territory: "viet_nam".into(),
        basis: format!(
            "{PWT_CITATION}. Capital: rnna (PWT has no capital services for Viet Nam); labour: \
             persons × hours × hc; labour share {VIETNAM_DEFAULT_LABOUR_SHARE} (an assumption: \
             the median PWT share of CHN, IDN, LAO, MYS, PHL, THA, 2010–2019). PWT's 2019 \
             employment is a source break. GSO's figures rest on its own capital series and \
             input–output shares: compare the ranges, not the digits."
        ),
        periods,
        published_annual: observations
            .annual("viet_nam", "tfp_contribution")
            .into_iter()
            .map(|(_, o)| Cited::from(o))
            .collect(),
    })
}
