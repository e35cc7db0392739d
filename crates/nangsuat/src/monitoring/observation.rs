//! Observations: values reported for the indicators plans track, each with its source and
//! evidence level.
//!
//! Observations are read from CSV ([`Observations::from_csv`], the `csv` crate) with the
//! columns `scope, indicator, year, value, unit, note, source_url, evidence`; `year` is a year,
//! a period (`2016-2020`, an average over it) or `undated`. Revisions keep both vintages. The
//! embedded Viet Nam set lives in [`crate::vietnam`].
//!
//! Observations built from published tables ([`crate::ingest::mapping`]) also carry their
//! [`Provenance`] — the file, the table and the cell — and the status the publisher gave the
//! cell (`preliminary`, `estimate`). [`Observations::to_csv`] writes four more columns
//! `status, source_file, source_table, source_cell`, and [`Observations::from_csv`] reads
//! both layouts, so the provenance and the status survive a round trip.
//!
//! When several values exist for the same scope, indicator and year, [`Observations::best`]
//! picks by a stated rule: the stronger evidence (`confirmed` > `derived` > `press`), then the
//! later row of the file (the file lists a revision after the first estimate). The others stay
//! available as alternatives, so a report can show them.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// How well a number is attested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

    /// The level named `text` (`confirmed`, `derived`, `press`).
    pub fn parse(text: &str) -> Option<Evidence> {
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
    /// Where the value was read: file, table and cell, and the status the publisher gave it;
    /// `None` for values typed in by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

impl Observation {
    /// An observation of `indicator` in `scope` for `when`, with no note, source or provenance
    /// (set the public fields for those), not preliminary.
    pub fn new(
        scope: impl Into<String>,
        indicator: impl Into<String>,
        when: ObservedWhen,
        value: f64,
        unit: impl Into<String>,
        evidence: Evidence,
    ) -> Self {
        Observation {
            scope: scope.into(),
            indicator: indicator.into(),
            when,
            value,
            unit: unit.into(),
            note: String::new(),
            source_url: String::new(),
            evidence,
            preliminary: false,
            provenance: None,
        }
    }

    /// The status to write in the `status` column: the publisher's (from the provenance),
    /// else `preliminary` for a preliminary value, else empty.
    pub fn status_name(&self) -> &str {
        match self.provenance.as_ref().and_then(|p| p.status.as_deref()) {
            Some(s) => s,
            None if self.preliminary => "preliminary",
            None => "",
        }
    }
}

/// Where an observation was read in a published table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provenance {
    /// The file, as it was given to the reader.
    pub file: String,
    /// The table in the file (PX `MATRIX`, SDMX dataflow, sheet name, JSON-stat dataset).
    pub table: String,
    /// The cell: `E02.58!H6`, `series 3, observation 12`, `DATA value 17 (line 58)`.
    pub cell: String,
    /// The status the publisher gave the value (`preliminary`, `estimate`, `forecast`, or a
    /// flag kept verbatim), if any.
    pub status: Option<String>,
}

impl Provenance {
    /// Provenance of a cell.
    pub fn new(
        file: impl Into<String>,
        table: impl Into<String>,
        cell: impl Into<String>,
        status: Option<String>,
    ) -> Self {
        Provenance {
            file: file.into(),
            table: table.into(),
            cell: cell.into(),
            status,
        }
    }
}

/// Whether a status name makes a value provisional (preliminary, estimate or forecast).
pub fn is_provisional_status(status: &str) -> bool {
    matches!(status, "preliminary" | "estimate" | "forecast")
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
    /// `scope, indicator, year, value, unit, note, source_url, evidence`, optionally followed
    /// by `status, source_file, source_table, source_cell` (as [`Observations::to_csv`] writes
    /// them): a `status` of `preliminary`, `estimate` or `forecast` makes the value
    /// preliminary, and the four columns become its [`Provenance`].
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
        let extended = header.len() == expected.len() + EXTRA_COLUMNS.len()
            && header
                .iter()
                .eq(expected.iter().chain(EXTRA_COLUMNS.iter()).copied());
        if !extended && header.iter().ne(expected) {
            return Err(csv_error(
                1,
                format!(
                    "the header must be {} (optionally followed by {})",
                    expected.join(","),
                    EXTRA_COLUMNS.join(",")
                ),
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
            let (preliminary, provenance) = if extended {
                let status = field(8).trim();
                let parts = [field(9), field(10), field(11)];
                let provenance =
                    (!status.is_empty() || parts.iter().any(|p| !p.is_empty())).then(|| {
                        Provenance::new(
                            parts[0],
                            parts[1],
                            parts[2],
                            (!status.is_empty()).then(|| status.to_string()),
                        )
                    });
                (is_provisional_status(status), provenance)
            } else {
                (false, None)
            };
            rows.push(Observation {
                scope: field(0).to_string(),
                indicator: field(1).to_string(),
                when,
                value,
                unit: field(4).to_string(),
                note: field(5).to_string(),
                source_url: field(6).to_string(),
                evidence,
                preliminary,
                provenance,
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

    /// The observations as CSV (RFC 4180, UTF-8, a header row) with the columns
    /// `scope, indicator, year, value, unit, note, source_url, evidence, status, source_file,
    /// source_table, source_cell`; [`Observations::from_csv`] reads it back unchanged.
    /// Values are written with Rust's shortest round-trip form, so no digit is lost.
    ///
    /// ```
    /// use nangsuat::monitoring::observation::{Evidence, Observation, Observations, ObservedWhen, Provenance};
    /// let mut o = Observation::new("viet_nam", "employed_persons", ObservedWhen::Year(2024),
    ///     51.872110782854455, "million_persons", Evidence::Confirmed);
    /// o.preliminary = true;
    /// o.provenance = Some(Provenance::new("Bieu-T12.2024.xlsx", "47.Laodong", "47.Laodong!F11",
    ///     Some("estimate".into())));
    /// let obs = Observations::new(vec![o]);
    /// let back = Observations::from_csv(&obs.to_csv())?;
    /// assert_eq!(back, obs);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let header = [
            "scope",
            "indicator",
            "year",
            "value",
            "unit",
            "note",
            "source_url",
            "evidence",
        ];
        // Writing to a Vec cannot fail.
        let _ = w.write_record(header.iter().chain(EXTRA_COLUMNS.iter()));
        for o in &self.rows {
            let when = match o.when {
                ObservedWhen::Year(y) => y.to_string(),
                ObservedWhen::Period { start, end } => format!("{start}-{end}"),
                ObservedWhen::Undated => "undated".to_string(),
            };
            let p = o.provenance.as_ref();
            let _ = w.write_record([
                o.scope.as_str(),
                o.indicator.as_str(),
                when.as_str(),
                o.value.to_string().as_str(),
                o.unit.as_str(),
                o.note.as_str(),
                o.source_url.as_str(),
                o.evidence.name(),
                o.status_name(),
                p.map_or("", |p| p.file.as_str()),
                p.map_or("", |p| p.table.as_str()),
                p.map_or("", |p| p.cell.as_str()),
            ]);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
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

/// The columns [`Observations::to_csv`] writes after the eight of the hand-typed layout.
const EXTRA_COLUMNS: [&str; 4] = ["status", "source_file", "source_table", "source_cell"];

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
    fn provenance_and_status_survive_the_csv_round_trip() {
        let mut a = Observation::new(
            "ha_noi",
            "lp_level_current",
            ObservedWhen::Year(2024),
            345.63,
            "million_vnd_per_worker",
            Evidence::Confirmed,
        );
        a.preliminary = true;
        a.note = "note, with \"quotes\"".into();
        a.provenance = Some(Provenance::new(
            "lp.xlsx",
            "E02.58",
            "E02.58!H6",
            Some("preliminary".into()),
        ));
        let mut b = a.clone();
        b.when = ObservedWhen::Period {
            start: 2021,
            end: 2025,
        };
        b.preliminary = false;
        b.provenance = None;
        let mut c = a.clone();
        c.provenance = Some(Provenance::new(
            "m.xlsx",
            "47",
            "47!F9",
            Some("estimate".into()),
        ));
        let obs = Observations::new(vec![a, b, c]);
        let text = obs.to_csv();
        assert!(
            text.contains(",preliminary,lp.xlsx,E02.58,E02.58!H6"),
            "{text}"
        );
        assert!(text.contains(",estimate,m.xlsx,47,47!F9"), "{text}");
        assert_eq!(Observations::from_csv(&text).unwrap(), obs);
        // A hand-typed preliminary value keeps its flag without a provenance.
        let mut d = Observation::new(
            "x",
            "y",
            ObservedWhen::Year(2020),
            1.0,
            "u",
            Evidence::Press,
        );
        d.preliminary = true;
        let back = Observations::from_csv(&Observations::new(vec![d.clone()]).to_csv()).unwrap();
        assert!(back.rows()[0].preliminary);
        assert_eq!(back.rows()[0].status_name(), "preliminary");
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
