//! Observations: values reported for the indicators plans track, each with its source and
//! evidence level.
//!
//! The embedded set ([`Observations::vietnam`]) holds 218 values collected from public pages
//! crediting the General Statistics Office of Viet Nam (now the National Statistics Office),
//! provincial statistics offices and the press, with the page each was read from. Columns:
//! `scope, indicator, year, value, unit, note, source_url, evidence`; `year` is a year, a period
//! (`2016-2020`, an average over it) or `undated`. Revisions keep both vintages.
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
    /// Where (`national`, `thanh_hoa`, `quang_ninh`…).
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

const VIETNAM_CSV: &str = include_str!("../../data/vietnam_observations.csv");

/// Observation codes that measure a catalogue indicator under another name.
const ALIASES: [(&str, &str); 1] = [
    // GSO's annual labour-productivity growth, at constant prices.
    ("lp_growth_const", "lp_growth"),
];

/// Scope names of observations that mean the same territory as a goal's scope.
const SCOPE_ALIASES: [(&str, &str); 1] = [("national", "viet_nam")];

impl Observations {
    /// Builds a set from rows.
    pub fn new(rows: Vec<Observation>) -> Self {
        Observations { rows }
    }

    /// The embedded Viet Nam observations (218 values with sources and evidence levels).
    pub fn vietnam() -> Self {
        Self::from_csv(VIETNAM_CSV)
            .unwrap_or_else(|e| unreachable!("the embedded observations are checked by tests: {e}"))
    }

    /// Reads observations from CSV with the columns
    /// `scope, indicator, year, value, unit, note, source_url, evidence`.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the line and column of a malformed row, an unknown evidence
    /// level, a year that is neither `YYYY`, `YYYY-YYYY` nor `undated`, or a non-finite value.
    pub fn from_csv(text: &str) -> Result<Self> {
        // Excel's "CSV UTF-8" starts with a byte-order mark; it is not part of the header.
        let records = parse_csv(crate::text::without_bom(text))?;
        let Some((header, body)) = records.split_first() else {
            return Ok(Observations::default());
        };
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
        if header.1 != expected {
            return Err(csv_error(
                1,
                format!("the header must be {}", expected.join(",")),
            ));
        }
        let mut rows = Vec::with_capacity(body.len());
        for (line, fields) in body {
            if fields.len() != expected.len() {
                return Err(csv_error(
                    *line,
                    format!("{} fields, {} expected", fields.len(), expected.len()),
                ));
            }
            let value: f64 = fields[3]
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    csv_error(
                        *line,
                        format!("value `{}` is not a finite number", fields[3]),
                    )
                })?;
            let when = parse_when(&fields[2]).ok_or_else(|| {
                csv_error(
                    *line,
                    format!("year `{}` is not YYYY, YYYY-YYYY or undated", fields[2]),
                )
            })?;
            let evidence = Evidence::parse(&fields[7]).ok_or_else(|| {
                csv_error(
                    *line,
                    format!(
                        "evidence `{}` is not confirmed, derived or press",
                        fields[7]
                    ),
                )
            })?;
            let indicator = ALIASES
                .iter()
                .find(|(from, _)| *from == fields[1])
                .map_or_else(|| fields[1].clone(), |(_, to)| (*to).to_string());
            let scope = SCOPE_ALIASES
                .iter()
                .find(|(from, _)| *from == fields[0])
                .map_or_else(|| fields[0].clone(), |(_, to)| (*to).to_string());
            rows.push(Observation {
                scope,
                indicator,
                when,
                value,
                unit: fields[4].clone(),
                note: fields[5].clone(),
                source_url: fields[6].clone(),
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

/// RFC 4180 CSV: fields separated by commas, quoted with `"` (a quote inside doubled), quoted
/// fields may hold commas and line breaks. Returns each record with its first line number.
fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut record_line) = (1usize, 1usize);
    let mut quoted = false;
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            '"' => return Err(csv_error(line, "a quote inside an unquoted field".into())),
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut fields)));
                line += 1;
                record_line = line;
                any = false;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(csv_error(
            record_line,
            "a quoted field is not closed".into(),
        ));
    }
    if any {
        fields.push(field);
        records.push((record_line, fields));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn embedded_set_parses_completely() {
        let obs = Observations::vietnam();
        assert_eq!(obs.len(), 218);
        let count = |e| obs.rows().iter().filter(|o| o.evidence == e).count();
        assert_eq!(
            (
                count(Evidence::Confirmed),
                count(Evidence::Press),
                count(Evidence::Derived)
            ),
            (154, 51, 13)
        );
        // quoted field with a comma survives
        assert!(obs.rows().iter().any(|o| o.note.contains("\"tăng 6%\"")));
    }

    #[test]
    fn best_prefers_evidence_then_revision() {
        let obs = Observations::vietnam();
        // 2019 LP growth: 6.2 first estimate, then 6.62 revised, both confirmed -> the revision.
        let lp = obs
            .best("viet_nam", "lp_growth", ObservedWhen::Year(2019))
            .unwrap();
        assert_eq!(lp.value, 6.62);
        // 2016: GSO 5.31 confirmed beats 5.29 press.
        let lp = obs
            .best("viet_nam", "lp_growth", ObservedWhen::Year(2016))
            .unwrap();
        assert_eq!(lp.value, 5.31);
        let annual = obs.annual("viet_nam", "tfp_contribution");
        let years: Vec<i32> = annual.iter().map(|a| a.0).collect();
        assert_eq!(years, vec![2016, 2017, 2018, 2019, 2020, 2022, 2023, 2024]);
        let p = obs
            .best(
                "viet_nam",
                "tfp_contribution",
                ObservedWhen::Period {
                    start: 2016,
                    end: 2020,
                },
            )
            .unwrap();
        assert_eq!((p.value, p.evidence), (45.72, Evidence::Derived));
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
        let e = Observations::from_csv(&format!("{head}national,x,2020,1,u,\"open,s,confirmed\n"))
            .unwrap_err();
        assert!(e.to_string().contains("not closed"));
        let e =
            Observations::from_csv(&format!("{head}national,x,2020,1,u,n,s,rumour\n")).unwrap_err();
        assert!(e.to_string().contains("rumour"));
        assert!(Observations::from_csv("").unwrap().is_empty());
    }
}
