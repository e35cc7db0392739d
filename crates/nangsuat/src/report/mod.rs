//! The monitoring report: every goal of every plan with its status, the facts behind it and
//! what would be needed; validation findings; and, when a territory supplies them, the growth
//! accounting of its recent history and the feasibility of its targets.
//!
//! One model, one renderer per format, one place for the words:
//!
//! * this module — the model ([`Report`] and its sections), built by [`assess`] /
//!   [`assess_with`] (and, for Viet Nam, by [`crate::vietnam::report`]);
//! * [`markdown`] and [`json`] — the renderers;
//! * [`words`] — every label and sentence a reader sees, in Vietnamese and English, as
//!   `pub fn`s of a [`Lang`] and a fact (for the HTML and Excel renderers too);
//! * [`number`] — numbers as each language writes them (`5,24 %` / `5.24 %`);
//! * [`errors`] — every [`Error`] in the reader's language (the tool's error messages).
//!
//! ```
//! use nangsuat::report::{Lang, Report};
//! let report = nangsuat::vietnam::report()?;
//! let md = report.to_markdown(Lang::En);
//! assert!(md.contains("vn-d36-2021"));
//! let vi = report.to_markdown(Lang::Vi);
//! assert!(vi.contains("Trạng thái"));
//! assert_eq!(Report::from_json(&report.to_json()?)?, report);
//! # Ok::<(), nangsuat::Error>(())
//! ```

pub mod accounting;
pub mod errors;
pub mod html;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod number;
pub mod svg;
pub mod words;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use crate::accounting::UndefinedShare;
use crate::error::{Error, Result};
use crate::monitoring::assess::{AssessOptions, Cited, PlanAssessment, assess_plans};
use crate::monitoring::feasibility::{
    ConsistencyCheck, Projection, Realism, Scenario, Sensitivity,
};
use crate::monitoring::observation::Observations;
use crate::monitoring::progress::{Method, Status};
use crate::plan::Plan;
use crate::plan::validation::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Language of a rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lang {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

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

    /// `"vi"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// The display names of a place (a scope or territory code such as a plan's `territory`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Place {
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
}

impl Place {
    /// A place's names.
    pub fn new(name_vi: impl Into<String>, name_en: impl Into<String>) -> Self {
        Place {
            name_vi: name_vi.into(),
            name_en: name_en.into(),
        }
    }
}

/// Display names of places by code; a code without an entry is shown as written.
pub type Places = BTreeMap<String, Place>;

/// What a history section rests on, one fact each (the words are [`words::history_note`]'s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
#[non_exhaustive]
pub enum HistoryNote {
    /// The data and their citation (kept as published).
    Data {
        /// The citation.
        citation: String,
    },
    /// Capital is a stock series because the source has no capital services for the territory.
    CapitalStock {
        /// The series' name in the source.
        series: String,
    },
    /// Labour is persons × average hours × a human-capital index.
    LabourPersonsHoursHumanCapital,
    /// The labour share is an assumption: the median of peers' shares over a period.
    AssumedLabourShare {
        /// The share.
        value: f64,
        /// The peers (codes).
        peers: Vec<String>,
        /// First year of the period.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// Employment has a source break.
    EmploymentBreak {
        /// Year of the break.
        year: i32,
        /// Employment before, millions.
        before: f64,
        /// Employment after, millions.
        after: f64,
    },
    /// The published figures rest on other capital series and shares: compare the ranges.
    CompareRanges,
    /// The official (GSO) profile: persons only, discrete growth, labour quality inside TFP.
    OfficialProfile,
}

/// Growth accounting over one period of the history section. Values are in percent.
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
    /// Why the Törnqvist share is undefined, when it is.
    pub tfp_share_tornqvist_undefined: Option<UndefinedShare>,
    /// TFP share of growth, Törnqvist, mean of the annual shares, %.
    pub tfp_share_mean_of_annual: Option<f64>,
    /// TFP share of growth, GSO form, ratio of cumulative growths, %.
    pub tfp_share_gso: Option<f64>,
    /// Why the GSO-form share is undefined, when it is.
    pub tfp_share_gso_undefined: Option<UndefinedShare>,
    /// The published figure for the same period, if any.
    pub published: Option<Cited>,
}

/// One year of the history's annual accounting (Törnqvist). Values are in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnnualRow {
    /// Year.
    pub year: i32,
    /// Output growth (log), %.
    pub output_growth: f64,
    /// Capital's contribution, percentage points.
    pub capital: f64,
    /// Labour's contribution (hours), percentage points.
    pub labour: f64,
    /// Labour quality's contribution, percentage points.
    pub labour_quality: f64,
    /// TFP growth, %.
    pub tfp_growth: f64,
    /// TFP's share of output growth, %, when defined.
    pub tfp_share: Option<f64>,
    /// Why the share is undefined, when it is.
    pub tfp_share_undefined: Option<UndefinedShare>,
    /// Labour-productivity growth per hour, %.
    pub lp_growth_per_hour: f64,
    /// TFP index (1 in the index base year).
    pub tfp_index: Option<f64>,
}

/// The TFP share of each history period for a range of assumed labour shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LabourShareSensitivity {
    /// The labour shares (fractions).
    pub labour_shares: Vec<f64>,
    /// The periods (first year of growth, last year).
    pub periods: Vec<(i32, i32)>,
    /// TFP share (Törnqvist, cumulative), %, by labour share then period.
    pub tfp_share: Vec<Vec<Option<f64>>>,
}

/// The growth-accounting history of a territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct History {
    /// Territory code.
    pub territory: String,
    /// Data and assumptions.
    pub notes: Vec<HistoryNote>,
    /// Periods.
    pub periods: Vec<HistoryPeriod>,
    /// Published annual TFP contributions, for comparison.
    pub published_annual: Vec<Cited>,
    /// Base year of the TFP index in `annual`.
    pub index_base_year: i32,
    /// The annual accounting.
    pub annual: Vec<AnnualRow>,
    /// The TFP share's sensitivity to the labour share.
    pub sensitivity: Option<LabourShareSensitivity>,
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

/// What an assumed employment growth rests on: the growth observed over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmploymentBasis {
    /// Observed growth, a fraction per year.
    pub observed_growth: f64,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Whether the observed series begins after a definition break (so it is not comparable
    /// with the years before).
    pub definition_break: bool,
}

/// Feasibility of the plans' targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Feasibility {
    /// Employment growth assumed to link LP and GDP (a fraction per year).
    pub employment_growth: f64,
    /// What it rests on, when stated.
    pub employment_basis: Option<EmploymentBasis>,
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
    /// What it takes: for each goal the scenario speaks to, the investment rate and the TFP
    /// growth that would just meet it with the other assumptions held (or that none would).
    #[serde(default)]
    pub what_it_takes: Vec<GoalRequirement>,
}

/// What it takes to meet one goal of one plan (a typed fact; renderers word it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoalRequirement {
    /// Plan id.
    pub plan: String,
    /// The goal (its id is `result.target.id`), the assumption solved for and the answer.
    pub result: crate::monitoring::requirement::WhatItTakes,
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
    /// Display names of the places the plans name.
    #[serde(default)]
    pub places: Places,
    /// Growth accounting of recent history, when available.
    pub history: Option<History>,
    /// Consistency, realism and a scenario, when computed.
    pub feasibility: Option<Feasibility>,
    /// Growth contributions by year and period and the labour-share sensitivity, as the
    /// charts draw them, when computed.
    #[serde(default)]
    pub accounting: Option<accounting::AccountingAnnex>,
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
        places: Places::new(),
        history: None,
        feasibility: None,
        accounting: None,
    }
}

impl Report {
    /// Counts of goals by status, in the order of [`Status::ALL`], statuses with no goal left
    /// out.
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        Status::ALL
            .into_iter()
            .map(|s| {
                let n = self
                    .plans
                    .iter()
                    .flat_map(|p| &p.goals)
                    .filter(|g| g.status == s)
                    .count();
                (s, n)
            })
            .filter(|c| c.1 > 0)
            .collect()
    }

    /// Sets the display names of places.
    pub fn with_places(mut self, places: Places) -> Self {
        self.places = places;
        self
    }

    /// The report as JSON (see [`json`]).
    ///
    /// # Errors
    /// [`Error::Parse`] if a number cannot be written (never for a report made here).
    pub fn to_json(&self) -> Result<String> {
        json::to_json(self)
    }

    /// A report read back from its JSON.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the JSON path, line and column of the first problem.
    pub fn from_json(text: &str) -> Result<Report> {
        json::from_json(text)
    }

    /// The report as Markdown in `lang` (see [`markdown`]).
    pub fn to_markdown(&self, lang: Lang) -> String {
        markdown::render(self, lang)
    }
}
