//! Observations: values reported for the indicators plans track, each with its source and
//! evidence level.
//!
//! Observations are read from CSV ([`Observations::from_csv`], the `csv` crate) with the
//! columns `scope, indicator, year, value, unit, note, source_url, evidence`; `year` is a year,
//! a period (`2016-2020`, an average over it) or `undated`. Revisions keep both vintages. The
//! embedded Viet Nam set lives in [`crate::vietnam`].
//!
//! When several values exist for the same scope, indicator and year, [`Observations::best`]
//! picks by a stated rule: the stronger evidence (`confirmed` > `derived` > `press`), then the
//! later row of the file (the file lists a revision after the first estimate). The others stay
//! available as alternatives, so a report can show them.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// How well a number is attested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Evidence {
    /// Printed on a page crediting an official source.
    Confirmed,
    /// Computed from confirmed numbers (the note says how).
    Derived,
    /// From the press without a clear official source, or only a bound.
    Press,
}

impl Evidence {
    /// Stable lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Evidence::Confirmed => "confirmed",
            Evidence::Derived => "derived",
            Evidence::Press => "press",
        }
    }

    fn parse(text: &str) -> Option<Evidence> {
        match text {
            "confirmed" => Some(Evidence::Confirmed),
            "derived" => Some(Evidence::Derived),
            "press" => Some(Evidence::Press),
            _ => None,
        }
    }
}

/// When a value applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObservedWhen {
    /// One year.
    Year(i32),
    /// An average or total over the years `start..=end`.
    Period {
        /// First year.
        start: i32,
        /// Last year.
        end: i32,
    },
    /// The source gives no date.
    Undated,
}

impl ObservedWhen {
    /// The observations CSV's `year` field (`YYYY`, `YYYY-YYYY` or `undated`), which
    /// [`Observations::from_csv`] reads back to the same value.
    ///
    /// ```
    /// use nangsuat::monitoring::observation::ObservedWhen;
    /// assert_eq!(ObservedWhen::Period { start: 2016, end: 2020 }.csv_field(), "2016-2020");
    /// assert_eq!(ObservedWhen::Undated.csv_field(), "undated");
    /// ```
    pub fn csv_field(&self) -> String {
        match self {
            ObservedWhen::Year(y) => y.to_string(),
            ObservedWhen::Period { start, end } => format!("{start}-{end}"),
            ObservedWhen::Undated => "undated".into(),
        }
    }
}

impl std::fmt::Display for ObservedWhen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ObservedWhen::Year(y) => write!(f, "{y}"),
            ObservedWhen::Period { start, end } => write!(f, "{start}–{end}"),
            ObservedWhen::Undated => f.write_str("undated"),
        }
    }
}

/// One observed value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Observation {
    /// Where (a territory or sector code).
    pub scope: String,
    /// Indicator code.
    pub indicator: String,
    /// When.
    pub when: ObservedWhen,
    /// The value, in `unit`.
    pub value: f64,
    /// Unit as the source states it.
    pub unit: String,
    /// Vintage, definition, caveats.
    pub note: String,
    /// The page it was read from.
    pub source_url: String,
    /// How well attested.
    pub evidence: Evidence,
    /// Whether the value is preliminary ("sơ bộ", "Prel.") or an estimate ("ước tính"), or —
    /// for a derived value — computed from at least one such input. `false` when not known.
    #[serde(default)]
    pub preliminary: bool,
}

/// A set of observations.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Observations {
    rows: Vec<Observation>,
}

impl Observations {
    /// Builds a set from rows.
    pub fn new(rows: Vec<Observation>) -> Self {
        Observations { rows }
    }

    /// Renames scopes and indicators: each `(from, to)` pair of `scopes` (`indicators`)
    /// gives the rows written `from` the code `to` — a source's names for the codes plans use
    /// (a statistics office's "national" for a country's code; an indicator published under
    /// another name).
    pub fn renamed(mut self, scopes: &[(&str, &str)], indicators: &[(&str, &str)]) -> Self {
        for row in &mut self.rows {
            if let Some((_, to)) = scopes.iter().find(|(from, _)| *from == row.scope) {
                row.scope = (*to).to_string();
            }
            if let Some((_, to)) = indicators.iter().find(|(from, _)| *from == row.indicator) {
                row.indicator = (*to).to_string();
            }
        }
        self
    }

    /// Reads observations from CSV with the columns
    /// `scope, indicator, year, value, unit, note, source_url, evidence`.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the line and column of a malformed row, an unknown evidence
    /// level, a year that is neither `YYYY`, `YYYY-YYYY` nor `undated`, or a non-finite value.
    pub fn from_csv(text: &str) -> Result<Self> {
        // Excel's "CSV UTF-8" starts with a byte-order mark; it is not part of the header.
        let text = crate::text::without_bom(text);
        let expected = [
            "scope",
            "indicator",
            "year",
            "value",
            "unit",
            "note",
            "source_url",
            "evidence",
        ];
        if text.trim().is_empty() {
            return Ok(Observations::default());
        }
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| csv_failure(&e, "observations"))?
            .clone();
        if header.iter().ne(expected) {
            return Err(csv_error(
                1,
                format!("the header must be {}", expected.join(",")),
            ));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_failure(&e, "observations"))?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            let field = |k: usize| record.get(k).unwrap_or_default();
            let value: f64 = field(3)
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    csv_error(line, format!("value `{}` is not a finite number", field(3)))
                })?;
            let when = parse_when(field(2)).ok_or_else(|| {
                csv_error(
                    line,
                    format!("year `{}` is not YYYY, YYYY-YYYY or undated", field(2)),
                )
            })?;
            let evidence = Evidence::parse(field(7)).ok_or_else(|| {
                csv_error(
                    line,
                    format!("evidence `{}` is not confirmed, derived or press", field(7)),
                )
            })?;
            rows.push(Observation {
                scope: field(0).to_string(),
                indicator: field(1).to_string(),
                when,
                value,
                unit: field(4).to_string(),
                note: field(5).to_string(),
                source_url: field(6).to_string(),
                evidence,
                preliminary: false,
            });
        }
        Ok(Observations { rows })
    }

    /// Reads an observations CSV file (UTF-8, with or without a byte-order mark).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read; [`Error::Parse`] naming the file, line and
    /// column of text that is not UTF-8 (a legacy Vietnamese encoding) or of a malformed row
    /// (as [`Observations::from_csv`]).
    pub fn load(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = crate::text::read_utf8(path)?;
        Observations::from_csv(&text).map_err(|e| match e {
            Error::Parse {
                format,
                path: _,
                line,
                column,
                message,
            } => Error::Parse {
                format,
                path: path.display().to_string(),
                line,
                column,
                message,
            },
            other => other,
        })
    }

    /// All rows, in file order.
    pub fn rows(&self) -> &[Observation] {
        &self.rows
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The latest year any dated value covers (a year, or a period's end).
    pub fn latest_year(&self) -> Option<i32> {
        self.rows
            .iter()
            .filter_map(|o| match o.when {
                ObservedWhen::Year(y) | ObservedWhen::Period { end: y, .. } => Some(y),
                ObservedWhen::Undated => None,
            })
            .max()
    }

    /// Every value for a scope, indicator and time, in file order.
    pub fn all(&self, scope: &str, indicator: &str, when: ObservedWhen) -> Vec<&Observation> {
        self.rows
            .iter()
            .filter(|o| o.scope == scope && o.indicator == indicator && o.when == when)
            .collect()
    }

    /// The value to use for a scope, indicator and time (strongest evidence, then the later
    /// row), if any.
    pub fn best(&self, scope: &str, indicator: &str, when: ObservedWhen) -> Option<&Observation> {
        self.all(scope, indicator, when)
            .into_iter()
            .enumerate()
            .max_by_key(|(i, o)| (std::cmp::Reverse(o.evidence), *i))
            .map(|(_, o)| o)
    }

    /// One value per year (by [`Observations::best`]) for a scope and indicator, by year.
    pub fn annual(&self, scope: &str, indicator: &str) -> Vec<(i32, &Observation)> {
        let mut years: Vec<i32> = self
            .rows
            .iter()
            .filter(|o| o.scope == scope && o.indicator == indicator)
            .filter_map(|o| match o.when {
                ObservedWhen::Year(y) => Some(y),
                _ => None,
            })
            .collect();
        years.sort_unstable();
        years.dedup();
        years
            .into_iter()
            .filter_map(|y| {
                self.best(scope, indicator, ObservedWhen::Year(y))
                    .map(|o| (y, o))
            })
            .collect()
    }
}

fn csv_error(line: usize, message: String) -> Error {
    Error::Parse {
        format: "csv".into(),
        path: "observations".into(),
        line: Some(line),
        column: None,
        message,
    }
}

fn parse_when(text: &str) -> Option<ObservedWhen> {
    if text == "undated" {
        return Some(ObservedWhen::Undated);
    }
    if let Some((a, b)) = text.split_once('-') {
        let (start, end) = (a.parse().ok()?, b.parse().ok()?);
        return (start <= end).then_some(ObservedWhen::Period { start, end });
    }
    text.parse().ok().map(ObservedWhen::Year)
}

/// A `csv` crate error as [`Error::Parse`], with the line it names.
pub(crate) fn csv_failure(e: &csv::Error, path: &str) -> Error {
    let line = e.position().map(|p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields, {expected_len} expected"),
        csv::ErrorKind::Utf8 { .. } => "the text is not UTF-8".to_string(),
        _ => e.to_string(),
    };
    Error::Parse {
        format: "csv".into(),
        path: path.into(),
        line,
        column: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_field_reads_back() {
        for when in [
            ObservedWhen::Year(2023),
            ObservedWhen::Period {
                start: 2016,
                end: 2020,
            },
            ObservedWhen::Undated,
        ] {
            assert_eq!(parse_when(&when.csv_field()), Some(when));
        }
    }
    use crate::error::ErrorKind;

    #[test]
    fn best_prefers_evidence_then_revision() {
        let head = "scope,indicator,year,value,unit,note,source_url,evidence\n";
        let obs = Observations::from_csv(&format!(
            "{head}n,lp,2019,6.2,u,first,s,confirmed\nn,lp,2019,6.62,u,\"revised, later\",s,confirmed\n\
             n,lp,2016,5.31,u,,s,confirmed\nn,lp,2016,5.29,u,,s,press\nn,lp,2016-2020,5.9,u,,s,press\n"
        ))
        .unwrap();
        let lp = obs.best("n", "lp", ObservedWhen::Year(2019)).unwrap();
        assert_eq!((lp.value, lp.note.as_str()), (6.62, "revised, later"));
        let lp = obs.best("n", "lp", ObservedWhen::Year(2016)).unwrap();
        assert_eq!(lp.value, 5.31);
        let years: Vec<i32> = obs.annual("n", "lp").iter().map(|a| a.0).collect();
        assert_eq!(years, vec![2016, 2019]);
        assert_eq!(obs.latest_year(), Some(2020));
        let renamed = obs.renamed(&[("n", "nation")], &[("lp", "lp_growth")]);
        assert_eq!(renamed.annual("nation", "lp_growth").len(), 2);
    }

    #[test]
    fn malformed_csv_names_the_line() {
        let head = "scope,indicator,year,value,unit,note,source_url,evidence\n";
        let e = Observations::from_csv(&format!("{head}national,x,2020,abc,u,n,s,confirmed\n"))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Parse);
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("abc"),
            "{e}"
        );
        let e = Observations::from_csv(&format!("{head}national,x,20x0,1,u,n,s,confirmed\n"))
            .unwrap_err();
        assert!(e.to_string().contains("20x0"));
        let e = Observations::from_csv(&format!("{head}national,x,2020,1,u,n,s\n")).unwrap_err();
        assert!(e.to_string().contains("7 fields, 8 expected"), "{e}");
        let e =
            Observations::from_csv(&format!("{head}national,x,2020,1,u,n,s,rumour\n")).unwrap_err();
        assert!(e.to_string().contains("rumour"));
        let e = Observations::from_csv("scope,indicator\n").unwrap_err();
        assert!(e.to_string().contains("header"), "{e}");
        assert!(Observations::from_csv("").unwrap().is_empty());
    }
}
