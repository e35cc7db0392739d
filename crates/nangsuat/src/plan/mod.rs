//! Plans: the results framework of a productivity plan and its files (METHODS §9).
//!
//! A plan has a legal basis, an issuing body, a period, a parent plan, objectives, goals
//! ([`crate::plan::goal::Goal`]), tasks and solutions linked to goals, budget lines and responsible
//! units — the EU logframe and IATI 2.03 results structure, with the fields Vietnamese plans
//! carry (e.g. legal basis "36/QĐ-TTg, 11/01/2021").
//!
//! Plan files: TOML for people, JSON for machines, both UTF-8, both with a `schema_version`.
//! Reading is strict: an unknown field is an error that names it, so nothing is silently
//! dropped, and a round trip TOML → model → JSON → model → TOML loses nothing. The JSON
//! Schema of the format is `crates/nangsuat/schema/plan.schema.json`.
//!
//! # Examples
//! ```
//! use nangsuat::plan::Plan;
//! let plans = nangsuat::vietnam::Vietnam::get().plans();
//! let d36 = plans.iter().find(|p| p.id == "vn-d36-2021").unwrap();
//! let toml = d36.to_toml()?;
//! let back = Plan::from_toml(&toml)?;
//! assert_eq!(&back, d36);
//! assert_eq!(Plan::from_json(&back.to_json()?)?, back);
//! # Ok::<(), nangsuat::Error>(())
//! ```

pub mod document;
pub mod goal;
pub mod indicator;
mod number;
pub mod validation;

pub use number::Amount;

use crate::error::{Error, Result};
use crate::plan::goal::Goal;
use crate::plan::indicator::Indicator;
use crate::text::without_bom;
use serde::{Deserialize, Serialize};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The plan-file format version this crate reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Administrative level of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlanLevel {
    /// A national plan (e.g. a Prime Minister's decision).
    National,
    /// A provincial plan.
    Provincial,
    /// A plan of a sector or ministry.
    Sectoral,
    /// A plan of an enterprise or group.
    Enterprise,
}

/// How far the document behind a plan has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlanStatus {
    /// Issued and in force.
    Issued,
    /// A draft under consultation.
    Draft,
    /// A declared commitment to build a plan.
    Commitment,
}

/// A document a plan or goal rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LegalReference {
    /// Document number as written (e.g. `36/QĐ-TTg`).
    pub document: String,
    /// Date as written in Vietnamese practice, `dd/mm/yyyy`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Title of the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A span of years, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First year.
    pub start: i32,
    /// Last year.
    pub end: i32,
}

impl Period {
    /// Whether `year` lies in the period.
    pub fn contains(&self, year: i32) -> bool {
        (self.start..=self.end).contains(&year)
    }
}

/// Money assigned to a task or budget line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Budget {
    /// Amount in `currency`, whole numbers kept exact.
    pub amount: Amount,
    /// ISO 4217 code (`VND`).
    pub currency: String,
    /// Funding source (state budget, enterprises, ODA…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A task or solution of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Task {
    /// Identifier, unique within the plan.
    pub id: String,
    /// What is to be done (the document's words).
    pub text: String,
    /// Ids of the goals it serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    /// The unit in charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_unit: Option<String>,
    /// When it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Period>,
    /// Its budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
}

/// A budget line of the plan as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BudgetLine {
    /// What the money is for.
    pub description: String,
    /// The money.
    pub budget: Budget,
}

/// A document a plan was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// Identifier that goals cite.
    pub id: String,
    /// Title or description.
    pub title: String,
    /// Address, when public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// A productivity plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Plan {
    /// File-format version; must equal [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Identifier, unique among plans (e.g. `vn-d36-2021`).
    pub id: String,
    /// Title in Vietnamese, as in the document.
    pub title_vi: String,
    /// Title in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Administrative level.
    pub level: PlanLevel,
    /// Stage of the document.
    pub status: PlanStatus,
    /// Who issues (or drafts) it.
    pub issuing_body: String,
    /// Where it applies (`viet_nam`, `thanh_hoa`, `quang_ninh`…).
    pub territory: String,
    /// The period it covers.
    pub period: Period,
    /// Documents it rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_basis: Vec<LegalReference>,
    /// Id of the plan it implements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// General objectives, in the document's words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<String>,
    /// Indicators the plan declares beyond the built-in catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Tasks and solutions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Budget lines of the plan as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget: Vec<BudgetLine>,
    /// Units responsible for carrying it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_units: Vec<String>,
    /// Documents it was read from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

impl Plan {
    /// Reads a plan from TOML.
    ///
    /// # Errors
    /// [`Error::Parse`] with the line, column and field of the first problem (an unknown
    /// field, a missing one, a value of the wrong type), or a `schema_version` other than
    /// [`SCHEMA_VERSION`].
    pub fn from_toml(text: &str) -> Result<Plan> {
        let text = without_bom(text);
        let plan: Plan = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_column(text, s.start))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            Error::Parse {
                format: "toml".into(),
                path: String::new(),
                line,
                column,
                message: crate::text::abbreviate(e.message(), MESSAGE_CHARS),
            }
        })?;
        plan.check_version("toml").map(Plan::with_nfc_identifiers)
    }

    /// Reads a plan from JSON.
    ///
    /// # Errors
    /// As [`Plan::from_toml`]; the error's `path` is the JSON path of the field.
    pub fn from_json(text: &str) -> Result<Plan> {
        let de = &mut serde_json::Deserializer::from_str(without_bom(text));
        let plan: Plan = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            Error::Parse {
                format: "json".into(),
                path: if path == "." {
                    String::new()
                } else {
                    crate::text::abbreviate(&path, MESSAGE_CHARS)
                },
                line: Some(inner.line()),
                column: Some(inner.column()),
                message: crate::text::abbreviate(&inner.to_string(), MESSAGE_CHARS),
            }
        })?;
        // One plan per text: `{plan} garbage` or two plans back to back are errors, not a
        // plan with the rest silently dropped.
        de.end().map_err(|e| Error::Parse {
            format: "json".into(),
            path: String::new(),
            line: Some(e.line()),
            column: Some(e.column()),
            message: "text after the end of the plan: a plan file holds one JSON object".into(),
        })?;
        plan.check_version("json").map(Plan::with_nfc_identifiers)
    }

    /// The plan with every identifier and reference in Unicode NFC, so that `Hóa` typed as
    /// `o` + combining acute matches `ó` (an id is compared, never shown altered: the two
    /// forms are canonically equivalent).
    fn with_nfc_identifiers(mut self) -> Plan {
        fn nfc(s: &mut String) {
            if !unicode_normalization::is_nfc(s) {
                *s = s.nfc().collect();
            }
        }
        nfc(&mut self.id);
        nfc(&mut self.territory);
        self.parent.iter_mut().for_each(nfc);
        self.sources.iter_mut().for_each(|s| nfc(&mut s.id));
        self.indicators.iter_mut().for_each(|i| {
            nfc(&mut i.code);
            nfc(&mut i.unit);
        });
        for goal in &mut self.goals {
            nfc(&mut goal.id);
            nfc(&mut goal.indicator);
            nfc(&mut goal.unit);
            nfc(&mut goal.scope.name);
            goal.source.iter_mut().for_each(nfc);
        }
        for task in &mut self.tasks {
            nfc(&mut task.id);
            task.goals.iter_mut().for_each(nfc);
        }
        self
    }

    fn check_version(self, format: &str) -> Result<Plan> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(format_error(
                format,
                "schema_version",
                format!(
                    "schema_version {} is not supported: this version of nangsuat reads {}",
                    self.schema_version, SCHEMA_VERSION
                ),
            ));
        }
        Ok(self)
    }

    /// Writes the plan as TOML.
    ///
    /// # Errors
    /// [`Error::Parse`] if a value cannot be written (a non-finite number).
    ///
    /// Invisible characters in text (a no-break space U+00A0, zero-width marks) are written
    /// as `\u00A0`-style escapes a person can see ([`document::visible_escapes`]). To edit
    /// a file a person wrote without losing its comments and layout, use
    /// [`document::PlanDocument`].
    pub fn to_toml(&self) -> Result<String> {
        let text = toml::to_string(self).map_err(|e| format_error("toml", "", e.to_string()))?;
        let mut doc = text
            .parse::<toml_edit::DocumentMut>()
            .map_err(|e| format_error("toml", "", e.to_string()))?;
        doc.as_table_mut()
            .iter_mut()
            .for_each(|(_, item)| document::item_visible(item));
        Ok(doc.to_string())
    }

    /// Writes the plan as pretty-printed JSON.
    ///
    /// # Errors
    /// [`Error::Parse`] if a value cannot be written (a non-finite number).
    pub fn to_json(&self) -> Result<String> {
        let nonfinite = self
            .goals
            .iter()
            .flat_map(|g| g.target.numbers())
            .find(|v| !v.is_finite());
        if let Some(v) = nonfinite {
            return Err(format_error(
                "json",
                "goals.target",
                format!("{v} cannot be written in JSON; targets must be finite"),
            ));
        }
        serde_json::to_string_pretty(self).map_err(|e| format_error("json", "", e.to_string()))
    }

    /// Reads a plan file, TOML or JSON by its extension (`.toml`, `.json`).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read; [`Error::Parse`] as in [`Plan::from_toml`],
    /// with the file name in the path.
    pub fn load(path: impl AsRef<Path>) -> Result<Plan> {
        let path = path.as_ref();
        let text = crate::text::read_utf8(path)?;
        let parsed = match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Plan::from_json(&text),
            Some("toml") => Plan::from_toml(&text),
            _ => {
                return Err(Error::invalid_parameter(
                    "path",
                    format!("{}: plan files end in .toml or .json", path.display()),
                ));
            }
        };
        parsed.map_err(|e| match e {
            Error::Parse {
                format,
                path: field,
                line,
                column,
                message,
            } => Error::Parse {
                format,
                path: if field.is_empty() {
                    path.display().to_string()
                } else {
                    format!("{}: {field}", path.display())
                },
                line,
                column,
                message,
            },
            other => other,
        })
    }

    /// The goal with this id.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// Reads a list of plans from a JSON array (as [`Plan::list_to_json`] writes it).
    ///
    /// # Errors
    /// [`Error::Parse`] naming the plan's index and field (`plans[2].goals[0].target`), line
    /// and column, or a `schema_version` other than [`SCHEMA_VERSION`].
    ///
    /// ```
    /// use nangsuat::plan::Plan;
    /// let plans = nangsuat::vietnam::Vietnam::get().plans();
    /// let back = Plan::list_from_json(&Plan::list_to_json(plans)?)?;
    /// assert_eq!(back, plans);
    /// let e = Plan::list_from_json(r#"[{"schema_version": 1, "id": 3}]"#).unwrap_err();
    /// assert!(e.to_string().contains("[0].id"), "{e}");
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn list_from_json(text: &str) -> Result<Vec<Plan>> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let plans: Vec<Plan> = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            Error::Parse {
                format: "json".into(),
                path: if path == "." {
                    "plans (expected an array of plans)".into()
                } else {
                    format!("plans{path}")
                },
                line: Some(inner.line()),
                column: Some(inner.column()),
                message: inner.to_string(),
            }
        })?;
        plans
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                p.check_version("json").map_err(|e| match e {
                    Error::Parse {
                        format,
                        line,
                        column,
                        message,
                        ..
                    } => Error::Parse {
                        format,
                        path: format!("plans[{i}].schema_version"),
                        line,
                        column,
                        message,
                    },
                    other => other,
                })
            })
            .collect()
    }

    /// Writes a list of plans as a pretty-printed JSON array.
    ///
    /// # Errors
    /// As [`Plan::to_json`], for the first plan that cannot be written.
    pub fn list_to_json(plans: &[Plan]) -> Result<String> {
        let values = plans
            .iter()
            .map(|p| {
                p.to_json().and_then(|text| {
                    serde_json::from_str::<serde_json::Value>(&text)
                        .map_err(|e| format_error("json", &p.id, e.to_string()))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        serde_json::to_string_pretty(&values).map_err(|e| format_error("json", "", e.to_string()))
    }

    /// Reads every plan file of `paths` (TOML or JSON by extension, as [`Plan::load`]), in
    /// order.
    ///
    /// # Errors
    /// The first file's error, as [`Plan::load`].
    pub fn load_all<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Result<Vec<Plan>> {
        paths.into_iter().map(Plan::load).collect()
    }
}

/// The longest message a parse error carries (a person's 1,000,000-character typo is
/// quoted, not echoed whole).
const MESSAGE_CHARS: usize = 500;

fn format_error(format: &str, path: &str, message: String) -> Error {
    Error::Parse {
        format: format.into(),
        path: path.into(),
        line: None,
        column: None,
        message,
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
pub(crate) fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    const MINIMAL: &str = r#"
schema_version = 1
id = "x"
title_vi = "Kế hoạch thử"
level = "provincial"
status = "draft"
issuing_body = "UBND tỉnh"
territory = "thanh_hoa"
period = { start = 2021, end = 2025 }
"#;

    #[test]
    fn minimal_plan_round_trips() {
        let p = Plan::from_toml(MINIMAL).unwrap();
        assert_eq!(p.title_vi, "Kế hoạch thử");
        assert_eq!(Plan::from_toml(&p.to_toml().unwrap()).unwrap(), p);
        assert_eq!(Plan::from_json(&p.to_json().unwrap()).unwrap(), p);
    }

    #[test]
    fn unknown_field_names_position_and_field() {
        let text = format!("{MINIMAL}colour = \"red\"\n");
        let e = Plan::from_toml(&text).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Parse);
        let msg = e.to_string();
        assert!(msg.contains("colour") && msg.contains("line 10"), "{msg}");
        let json = r#"{"schema_version": 1, "id": "x", "title_vi": "t", "level": "national",
            "status": "issued", "issuing_body": "b", "territory": "t",
            "period": {"start": 2021, "end": "2030"}}"#;
        let e = Plan::from_json(json).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("period.end") && msg.contains("line 3"),
            "{msg}"
        );
    }

    #[test]
    fn wrong_schema_version() {
        let text = MINIMAL.replace("schema_version = 1", "schema_version = 9");
        let e = Plan::from_toml(&text).unwrap_err();
        assert!(e.to_string().contains("schema_version 9"), "{e}");
    }

    #[test]
    fn load_names_the_file() {
        let e = Plan::load("/no/such/plan.toml").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Io);
        let dir = std::env::temp_dir().join(format!("nangsuat-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("bad.toml");
        std::fs::write(&f, "schema_version = 1\nid = 3\n").unwrap();
        let e = Plan::load(&f).unwrap_err();
        assert!(e.to_string().contains("bad.toml"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn line_columns_count_characters() {
        assert_eq!(line_column("ab\nđếx", 8), (2, 3));
        // an offset inside a character counts from its start, and never panics
        assert_eq!(line_column("ab\nđếx", 7), (2, 2));
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    const WITH_GOAL: &str = r#"
schema_version = 1
id = "x"
title_vi = "Kế hoạch thử"
level = "provincial"
status = "draft"
issuing_body = "UBND tỉnh"
territory = "thanh_hoa"
period = { start = 2021, end = 2025 }

[[goals]]
id = "g"
indicator = "lp_growth"
unit = "percent_per_year"
target = { comparator = "above", value = 7.0 }
scope = { level = "province", name = "thanh_hoa" }
baseline = { year = 2020, value = VALUE }

[[tasks]]
id = "t"
text = "Nhiệm vụ"
goals = ["g"]
budget = { amount = AMOUNT, currency = "VND" }
"#;

    fn with(value: &str, amount: &str) -> String {
        WITH_GOAL.replace("VALUE", value).replace("AMOUNT", amount)
    }

    #[test]
    fn non_finite_numbers_are_errors_with_their_line() {
        for bad in ["nan", "inf", "-inf", "+nan"] {
            let err = Plan::from_toml(&with(bad, "1")).unwrap_err();
            let Error::Parse { line, message, .. } = &err else {
                panic!("{bad}: {err}")
            };
            assert_eq!(*line, Some(17), "{bad}: {err}");
            assert!(message.contains("finite"), "{bad}: {message}");
            let err = Plan::from_toml(&with("1.5", bad)).unwrap_err();
            assert!(err.to_string().contains("finite"), "{bad}: {err}");
        }
        let tolerance = MINIMAL.to_owned()
            + "[[goals]]\nid = \"g\"\nindicator = \"lp_growth\"\nunit = \"percent\"\n\
               target = { comparator = \"about\", value = 1.0, tolerance = nan }\n\
               scope = { level = \"nation\", name = \"n\" }\n";
        assert!(Plan::from_toml(&tolerance).is_err());
    }

    #[test]
    fn whole_budgets_round_trip_exactly_through_json_and_toml() {
        let plan = Plan::from_toml(&with("1.5", "9007199254740993")).unwrap();
        let budget = plan.tasks[0].budget.as_ref().unwrap();
        assert_eq!(budget.amount, Amount::Whole(9_007_199_254_740_993));
        let json = plan.to_json().unwrap();
        assert!(json.contains("9007199254740993"), "{json}");
        assert_eq!(Plan::from_json(&json).unwrap(), plan);
        assert_eq!(Plan::from_toml(&plan.to_toml().unwrap()).unwrap(), plan);
    }

    #[test]
    fn a_byte_order_mark_is_accepted_in_both_formats() {
        let plan = Plan::from_toml(MINIMAL).unwrap();
        let json = plan.to_json().unwrap();
        assert_eq!(Plan::from_json(&format!("\u{feff}{json}")).unwrap(), plan);
        assert_eq!(
            Plan::from_toml(&format!("\u{feff}{MINIMAL}")).unwrap(),
            plan
        );
    }

    #[test]
    fn text_after_the_plan_is_an_error_with_its_position() {
        let json = Plan::from_toml(MINIMAL).unwrap().to_json().unwrap();
        for tail in [" garbage {", &json, "}", "[]"] {
            let err = Plan::from_json(&format!("{json}\n{tail}")).unwrap_err();
            let Error::Parse { line, .. } = &err else {
                panic!("{err}")
            };
            assert!(line.is_some(), "{err}");
            assert!(err.to_string().contains("after the end"), "{err}");
        }
        // White space after the plan is fine.
        assert!(Plan::from_json(&format!("{json}\n\n  \t")).is_ok());
    }

    #[test]
    fn identifiers_typed_in_nfd_match_nfc() {
        // "hóa" with a combining acute (NFD) in the goal id, precomposed (NFC) in the task.
        let text = with("1.5", "1")
            .replace("id = \"g\"", "id = \"tho\u{301}a\"")
            .replace("goals = [\"g\"]", "goals = [\"th\u{f3}a\"]");
        let plan = Plan::from_toml(&text).unwrap();
        assert_eq!(plan.goals[0].id, "th\u{f3}a");
        assert_eq!(plan.tasks[0].goals[0], plan.goals[0].id);
        let findings = crate::plan::validation::validate_plans(std::slice::from_ref(&plan));
        assert!(
            findings
                .iter()
                .all(|f| f.code != crate::plan::validation::FindingCode::TaskUnknownGoal)
        );
    }

    #[test]
    fn a_legacy_encoding_names_line_and_column() {
        let dir = std::env::temp_dir().join(format!("nangsuat-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("legacy.toml");
        // Windows-1258 "Hóa": 0xF3 is "ó" there.
        let bytes = MINIMAL.replace("thanh_hoa", "Thanh H\u{1}a").into_bytes();
        let bytes: Vec<u8> = bytes
            .into_iter()
            .map(|b| if b == 1 { 0xF3 } else { b })
            .collect();
        std::fs::write(&path, bytes).unwrap();
        let err = Plan::load(&path).unwrap_err();
        let Error::Parse { line, column, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!((*line, *column), (Some(8), Some(21)), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_huge_unknown_key_is_quoted_not_echoed() {
        let key = "k".repeat(1_000_000);
        let err = Plan::from_toml(&format!("{MINIMAL}{key} = 1\n")).unwrap_err();
        assert!(
            err.to_string().len() < 2_000,
            "{} bytes",
            err.to_string().len()
        );
        let json = Plan::from_toml(MINIMAL).unwrap().to_json().unwrap();
        let json = json.replacen('{', &format!("{{\"{key}\": 1,"), 1);
        let err = Plan::from_json(&json).unwrap_err();
        assert!(
            err.to_string().len() < 2_000,
            "{} bytes",
            err.to_string().len()
        );
    }
}
