//! Mappings: from the tables statistics offices publish to [`Observations`].
//!
//! A mapping is a small TOML file (JSON Schema: `crates/nangsuat/schema/mapping.schema.json`)
//! that says, for one kind of published table:
//!
//! * which dimension is the territory — its labels resolved through a territory catalogue
//!   ([`TerritoryResolver`]; the country catalogues live in their own wing, see
//!   [`crate::vietnam::territory`]) — or a fixed scope;
//! * which dimension is the time (the table's own time dimension when not named); only
//!   annual periods become observations;
//! * which categories are which indicator (codes of the plan's indicator catalogue,
//!   [`crate::plan::indicator`]), in which unit and power of ten; values are converted to the
//!   indicator's unit, and a unit that cannot be converted is an error naming both;
//! * the evidence level and the source (citation and address).
//!
//! ```toml
//! schema_version = 1
//! id = "office_x_t2_productivity"
//!
//! [source]
//! citation = "Statistics office X, PX-Web table T2: labour productivity by region"
//! url = "https://stat.example/px-web/T2"
//! evidence = "confirmed"
//!
//! [territory]
//! dimension = "Region"              # a dimension id or label
//! catalogue = "regions2020"         # which of the resolver's catalogues
//!
//! [[series]]
//! indicator = "lp_level_current"
//! unit = "million_vnd_per_worker"
//! ```
//!
//! Every observation keeps its [`Provenance`] (file, table, cell) and the status of its cell
//! or period label (`Prel. 2024` → preliminary). Nothing is invented: a missing cell makes no
//! observation and is listed in [`Mapped::skipped`] with its symbol. The same scope,
//! indicator and year read twice — from one table or from two — is an error naming both
//! cells.
//!
//! Unknown keys are errors naming the key, the line and the column.
//!
//! ```
//! use nangsuat::ingest::mapping::{map_tables, Mapping};
//! use nangsuat::ingest::{read_bytes, ReadOptions};
//! let table = read_bytes(
//!     b"MATRIX=\"T1\";\nSTUB=\"year\";\nUNITS=\"thousand persons\";\nVALUES(\"year\")=\"2023\",\"Prel. 2024\",\"2025\";\nDATA=51300 51900 \"..\";",
//!     &ReadOptions::default().name("t1.px"),
//! )?;
//! let mapping = Mapping::from_toml(r#"
//!     schema_version = 1
//!     id = "t1"
//!     source = { citation = "Office X, table T1", evidence = "confirmed" }
//!     territory = { scope = "country" }
//!     [[series]]
//!     indicator = "employed_persons"
//!     unit = "thousand_persons"
//! "#)?;
//! let mapped = map_tables(&[table], &mapping, None)?;
//! let rows = mapped.observations.rows();
//! assert_eq!(rows.len(), 2);
//! assert_eq!((rows[1].value, rows[1].unit.as_str()), (51.9, "million_persons"));
//! assert!(rows[1].preliminary);
//! assert_eq!(rows[1].provenance.as_ref().unwrap().cell, "DATA value 2 (line 5)");
//! assert_eq!(mapped.skipped[0].symbol.as_deref(), Some(".."));
//! # Ok::<(), nangsuat::Error>(())
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::table::{Status, Table};
use super::{ReadOptions, clean_label};
use crate::error::{Error, Result};
use crate::monitoring::observation::{
    Evidence, Observation, Observations, ObservedWhen, Provenance,
};
use crate::plan::indicator::find_builtin;

/// The version of the mapping format this crate reads.
pub const MAPPING_SCHEMA_VERSION: u32 = 1;

/// A mapping from one kind of published table to observations (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Mapping {
    /// Version of the mapping format; 1.
    pub schema_version: u32,
    /// A short identifier of the mapping.
    pub id: String,
    /// What the mapping reads, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the numbers come from.
    pub source: Source,
    /// How to read the files ([`map_files`]): sheet, language, format.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<TableOptions>,
    /// Where the values apply.
    pub territory: TerritoryRule,
    /// When the values apply; the table's time dimension when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeRule>,
    /// Which cells are which indicator.
    pub series: Vec<SeriesRule>,
}

/// The source of the mapped numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// Publisher, title and table, as one would cite them.
    pub citation: String,
    /// Address of the page or file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Evidence level of the values (`confirmed` for an official publication).
    pub evidence: Evidence,
}

/// How to read the files of a mapping.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TableOptions {
    /// Sheet of a workbook (name or 1-based position), or dataset of a JSON-stat bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Language of the labels (PC-Axis `LANGUAGES`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Format (`px`, `jsonstat`, `sdmx`, `sdmx-csv`, `xlsx`, `xls`, `csv`); detected when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

/// Where the values apply: a dimension of territories, or one fixed scope.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TerritoryRule {
    /// The dimension (id or label) whose categories are territories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// The territory catalogue the labels are resolved in, by the name the resolver gives
    /// it (the country wing documents its names and default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<String>,
    /// Leave out aggregate rows (the statistical regions); the nation is kept.
    #[serde(default)]
    pub skip_regions: bool,
    /// One scope for every value (a table of one territory), instead of a dimension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// When the values apply.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TimeRule {
    /// The time dimension (id or label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
}

/// Which cells are one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SeriesRule {
    /// Indicator code of the catalogue (`employed_persons`, `gdp_constant`, …).
    pub indicator: String,
    /// For each other dimension (id or label), the category (code or label) that holds this
    /// indicator. A dimension with more than one category must be named.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub select: BTreeMap<String, String>,
    /// Unit of the values as published (a code of [`SOURCE_UNITS`]), before the multiplier.
    pub unit: String,
    /// Power of ten the values are in (6 = millions); when absent, the file's (SDMX
    /// `UNIT_MULT`) or 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<i32>,
    /// First year to read (earlier years are left out: a publisher's placeholder zeros for
    /// years it did not compile, or another base year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    /// Last year to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_year: Option<i32>,
    /// Definition, vintage or caveat to carry in each observation's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The units values may be published in: code, what it measures, and its power of ten.
/// A value converts to an indicator's unit when both measure the same thing.
pub const SOURCE_UNITS: [(&str, &str, i32); 18] = [
    ("vnd", "vnd", 0),
    ("thousand_vnd", "vnd", 3),
    ("million_vnd", "vnd", 6),
    ("billion_vnd", "vnd", 9),
    ("thousand_billion_vnd", "vnd", 12),
    ("persons", "persons", 0),
    ("thousand_persons", "persons", 3),
    ("million_persons", "persons", 6),
    ("vnd_per_worker", "vnd_per_worker", 0),
    ("thousand_vnd_per_worker", "vnd_per_worker", 3),
    ("million_vnd_per_worker", "vnd_per_worker", 6),
    ("percent", "percent", 0),
    ("percent_per_year", "percent_per_year", 0),
    ("percent_of_growth", "percent_of_growth", 0),
    ("count", "count", 0),
    ("per_10000_people", "per_10000_people", 0),
    ("milestone", "milestone", 0),
    ("rank", "rank", 0),
];

fn source_unit(code: &str) -> Option<(&'static str, i32)> {
    SOURCE_UNITS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, m, p)| (*m, *p))
}

/// What a territory label resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedTerritory {
    /// The scope code observations use.
    pub scope: String,
    /// Whether it is a statistical region (an aggregate below the nation).
    pub is_region: bool,
}

impl ResolvedTerritory {
    /// A resolved territory.
    pub fn new(scope: impl Into<String>, is_region: bool) -> Self {
        ResolvedTerritory {
            scope: scope.into(),
            is_region,
        }
    }
}

/// Resolves the territory labels of a table to scope codes (the country wing implements it
/// for its catalogue, in [`crate::vietnam::territory`]).
pub trait TerritoryResolver {
    /// The territory `label` (category `code`) refers to, in the file `file` at cell `cell`.
    ///
    /// # Errors
    /// An error naming the file, the cell, the label and the closest candidates when the
    /// label names no territory.
    fn resolve(&self, label: &str, code: &str, file: &str, cell: &str)
    -> Result<ResolvedTerritory>;
}

/// A cell a mapping selected that gave no observation: it has no value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Skipped {
    /// Scope.
    pub scope: String,
    /// Indicator code.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// File, table and cell.
    pub provenance: Provenance,
    /// The status (`not_available`, `nil`, `confidential`, …).
    pub status: String,
    /// The publisher's symbol (`..`, `-`, `x`), if any.
    pub symbol: Option<String>,
}

impl serde::Serialize for Skipped {
    /// One flat object, as the faces hand it on: `scope, indicator, year, status, symbol,
    /// file, table, cell` (the cell's status is the missing status, so the provenance's own
    /// status is not repeated).
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut o = serializer.serialize_struct("Skipped", 8)?;
        o.serialize_field("scope", &self.scope)?;
        o.serialize_field("indicator", &self.indicator)?;
        o.serialize_field("year", &self.year)?;
        o.serialize_field("status", &self.status)?;
        o.serialize_field("symbol", &self.symbol)?;
        o.serialize_field("file", &self.provenance.file)?;
        o.serialize_field("table", &self.provenance.table)?;
        o.serialize_field("cell", &self.provenance.cell)?;
        o.end()
    }
}

/// The observations a mapping made, and the selected cells without a value.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Mapped {
    /// One observation per selected cell with a value, in table and cell order.
    pub observations: Observations,
    /// Selected cells with no value (missing symbols), in table and cell order.
    pub skipped: Vec<Skipped>,
}

impl Mapping {
    /// Reads a mapping from TOML.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the line and column of malformed TOML or of an unknown key;
    /// naming the entry (`series[1].unit`) for a schema version other than 1, an indicator
    /// not in the catalogue, a unit not in [`SOURCE_UNITS`] or one that does not convert to
    /// the indicator's unit (both named), or a territory rule that is neither a dimension nor
    /// a scope.
    pub fn from_toml(text: &str) -> Result<Mapping> {
        let text = crate::text::without_bom(text);
        let mapping: Mapping = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| crate::plan::line_column(text, s.start))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            Error::Parse {
                format: "mapping".into(),
                path: String::new(),
                line,
                column,
                message: crate::text::abbreviate(e.message(), 300),
            }
        })?;
        mapping.check()?;
        Ok(mapping)
    }

    /// Reads a mapping file (UTF-8 TOML).
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read; otherwise as [`Mapping::from_toml`], with
    /// the file named.
    pub fn load(path: impl AsRef<Path>) -> Result<Mapping> {
        let path = path.as_ref();
        let text = crate::text::read_utf8(path)?;
        Mapping::from_toml(&text).map_err(|e| match e {
            Error::Parse {
                format,
                path: inner,
                line,
                column,
                message,
            } => Error::Parse {
                format,
                path: if inner.is_empty() {
                    path.display().to_string()
                } else {
                    format!("{} {inner}", path.display())
                },
                line,
                column,
                message,
            },
            other => other,
        })
    }

    /// The mapping as TOML, which [`Mapping::from_toml`] reads back unchanged.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if the mapping cannot be written as TOML.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self)
            .map_err(|e| Error::invalid_parameter("mapping", format!("cannot write TOML: {e}")))
    }

    fn check(&self) -> Result<()> {
        let err = |at: String, message: String| Error::Parse {
            format: "mapping".into(),
            path: at,
            line: None,
            column: None,
            message,
        };
        if self.schema_version != MAPPING_SCHEMA_VERSION {
            return Err(err(
                "schema_version".into(),
                format!(
                    "version {} is not supported: expected {MAPPING_SCHEMA_VERSION}",
                    self.schema_version
                ),
            ));
        }
        let t = &self.territory;
        match (&t.dimension, &t.scope) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(err(
                    "territory".into(),
                    "give either `dimension` (territories in a dimension) or `scope` (one \
                     fixed scope), not both or neither"
                        .into(),
                ));
            }
            (None, Some(s)) if s.trim().is_empty() => {
                return Err(err("territory.scope".into(), "the scope is empty".into()));
            }
            _ => {}
        }
        if let Some(f) = self.table.as_ref().and_then(|t| t.format.as_deref())
            && super::Format::from_name(f).is_none()
        {
            return Err(err(
                "table.format".into(),
                format!(
                    "`{f}` is not a format: expected px, jsonstat, sdmx, sdmx-csv, xlsx, xls or csv"
                ),
            ));
        }
        if self.series.is_empty() {
            return Err(err(
                "series".into(),
                "no [[series]]: at least one indicator must be mapped".into(),
            ));
        }
        for (i, s) in self.series.iter().enumerate() {
            let ind = find_builtin(&s.indicator).ok_or_else(|| {
                err(
                    format!("series[{i}].indicator"),
                    format!(
                        "`{}` is not an indicator of the catalogue (nangsuat::plan::indicator)",
                        s.indicator
                    ),
                )
            })?;
            if let (Some(a), Some(b)) = (s.from_year, s.to_year)
                && a > b
            {
                return Err(err(
                    format!("series[{i}].from_year"),
                    format!("from_year {a} is after to_year {b}"),
                ));
            }
            let (from, _) = source_unit(&s.unit).ok_or_else(|| {
                let known: Vec<&str> = SOURCE_UNITS.iter().map(|u| u.0).collect();
                err(
                    format!("series[{i}].unit"),
                    format!(
                        "unit `{}` is not known: expected one of {}",
                        s.unit,
                        known.join(", ")
                    ),
                )
            })?;
            match source_unit(&ind.unit) {
                Some((to, _)) if to == from => {}
                _ => {
                    return Err(err(
                        format!("series[{i}].unit"),
                        format!(
                            "unit `{}` cannot be converted to `{}`, the unit of indicator `{}`",
                            s.unit, ind.unit, ind.code
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The options to read this mapping's files with.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a format name that is not known.
    pub fn read_options(&self) -> Result<ReadOptions> {
        let mut o = ReadOptions::default();
        if let Some(t) = &self.table {
            if let Some(s) = &t.sheet {
                o = o.sheet(s.clone());
            }
            if let Some(l) = &t.language {
                o = o.language(l.clone());
            }
            if let Some(f) = &t.format {
                o = o.format(super::Format::from_name(f).ok_or_else(|| {
                    Error::invalid_parameter(
                        "table.format",
                        format!(
                            "`{f}` is not a format: expected px, jsonstat, sdmx, sdmx-csv, xlsx, \
                             xls or csv"
                        ),
                    )
                })?);
            }
        }
        Ok(o)
    }
}

/// Position of the dimension named `name` (id first, then label, whitespace-insensitive).
fn find_dimension(table: &Table, name: &str) -> Option<usize> {
    table.dimension_position(name).or_else(|| {
        let want = clean_label(name);
        table
            .dimensions
            .iter()
            .position(|d| clean_label(&d.label) == want || clean_label(&d.id) == want)
    })
}

/// Position of the category named `name` in dimension `dim` (code first, then label).
fn find_category(table: &Table, dim: usize, name: &str) -> Option<usize> {
    let d = &table.dimensions[dim];
    d.position(name).or_else(|| {
        let want = clean_label(name);
        d.categories
            .iter()
            .position(|c| clean_label(&c.label) == want)
    })
}

fn table_name(table: &Table) -> String {
    table
        .metadata
        .table_id
        .clone()
        .or_else(|| table.metadata.title.clone())
        .unwrap_or_default()
}

fn mapping_error(file: &str, message: String) -> Error {
    Error::Parse {
        format: "mapped table".into(),
        path: file.to_string(),
        line: None,
        column: None,
        message,
    }
}

/// One series rule, located in one table.
struct Located<'a> {
    rule: &'a SeriesRule,
    /// For each dimension, the category required (None: any).
    fixed: Vec<Option<u32>>,
    unit: String,
    factor_power: i32,
}

/// Builds observations from tables by one mapping (see the [module docs](self)).
///
/// `territories` resolves the labels of the territory dimension; it may be `None` when the
/// mapping names a fixed scope.
///
/// Cells of periods that are not years (quarters, months) are left out; they are not errors.
///
/// # Errors
/// [`Error::Parse`] naming the file and what is wrong: a dimension or category the mapping
/// names that the table lacks (with what it has); a dimension left unselected that has more
/// than one category; the same scope, indicator and year read twice (both cells named); a
/// territory label the resolver does not know (the resolver's error, naming the cell and the
/// closest candidates). [`Error::InvalidParameter`] when the mapping needs a resolver and
/// none is given.
pub fn map_tables(
    tables: &[Table],
    mapping: &Mapping,
    territories: Option<&dyn TerritoryResolver>,
) -> Result<Mapped> {
    let mut rows: Vec<Observation> = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: BTreeMap<(String, String, i32), Provenance> = BTreeMap::new();
    for table in tables {
        map_one(
            table,
            mapping,
            territories,
            &mut rows,
            &mut skipped,
            &mut seen,
        )?;
    }
    Ok(Mapped {
        observations: Observations::new(rows),
        skipped,
    })
}

/// Reads each file (with the mapping's [`TableOptions`]) and maps them all into one set, as
/// [`map_tables`].
///
/// # Errors
/// As [`crate::ingest::read_path`] for a file that cannot be read, then as [`map_tables`].
pub fn map_files<P: AsRef<Path>>(
    paths: &[P],
    mapping: &Mapping,
    territories: Option<&dyn TerritoryResolver>,
) -> Result<Mapped> {
    let options = mapping.read_options()?;
    let tables = paths
        .iter()
        .map(|p| super::read_path(p, &options))
        .collect::<Result<Vec<_>>>()?;
    map_tables(&tables, mapping, territories)
}

fn map_one(
    table: &Table,
    mapping: &Mapping,
    territories: Option<&dyn TerritoryResolver>,
    rows: &mut Vec<Observation>,
    skipped: &mut Vec<Skipped>,
    seen: &mut BTreeMap<(String, String, i32), Provenance>,
) -> Result<()> {
    let file = table.metadata.file.clone().unwrap_or_default();
    let tname = table_name(table);
    let dims_list = || {
        table
            .dimensions
            .iter()
            .map(|d| format!("`{}` ({})", d.id, d.label))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let time = match mapping.time.as_ref().and_then(|t| t.dimension.as_deref()) {
        Some(name) => find_dimension(table, name).ok_or_else(|| {
            mapping_error(
                &file,
                format!(
                    "no time dimension `{name}` in table `{tname}`: it has {}",
                    dims_list()
                ),
            )
        })?,
        None => table.time_dimension().ok_or_else(|| {
            mapping_error(
                &file,
                format!(
                    "table `{tname}` has no time dimension: name it in [time] dimension (it has {})",
                    dims_list()
                ),
            )
        })?,
    };
    let territory_dim = match &mapping.territory.dimension {
        Some(name) => Some(find_dimension(table, name).ok_or_else(|| {
            mapping_error(
                &file,
                format!(
                    "no territory dimension `{name}` in table `{tname}`: it has {}",
                    dims_list()
                ),
            )
        })?),
        None => None,
    };
    let resolver = match (territory_dim, territories) {
        (Some(_), None) => {
            return Err(Error::invalid_parameter(
                "territories",
                "the mapping reads territories from a dimension: a territory catalogue is needed",
            ));
        }
        (_, r) => r,
    };
    // Locate every series rule.
    let mut located = Vec::with_capacity(mapping.series.len());
    for rule in &mapping.series {
        let mut fixed: Vec<Option<u32>> = vec![None; table.dimensions.len()];
        for (dname, cname) in &rule.select {
            let d = find_dimension(table, dname).ok_or_else(|| {
                mapping_error(
                    &file,
                    format!(
                        "series `{}` selects dimension `{dname}`, which table `{tname}` does not \
                         have: it has {}",
                        rule.indicator,
                        dims_list()
                    ),
                )
            })?;
            let c = find_category(table, d, cname).ok_or_else(|| {
                let some: Vec<String> = table.dimensions[d]
                    .categories
                    .iter()
                    .take(8)
                    .map(|c| format!("`{}`", c.code))
                    .collect();
                mapping_error(
                    &file,
                    format!(
                        "series `{}`: dimension `{dname}` of table `{tname}` has no category \
                         `{cname}` (it has {}{})",
                        rule.indicator,
                        some.join(", "),
                        if table.dimensions[d].categories.len() > 8 {
                            ", …"
                        } else {
                            ""
                        }
                    ),
                )
            })?;
            fixed[d] = Some(c as u32);
        }
        for (i, d) in table.dimensions.iter().enumerate() {
            if i != time && Some(i) != territory_dim && fixed[i].is_none() && d.categories.len() > 1
            {
                return Err(mapping_error(
                    &file,
                    format!(
                        "series `{}` does not select a category of dimension `{}` ({}), which \
                         has {} in table `{tname}`: add it to `select`",
                        rule.indicator,
                        d.id,
                        d.label,
                        d.categories.len()
                    ),
                ));
            }
        }
        // The rule's unit was checked against the catalogue when the mapping was read.
        let ind = find_builtin(&rule.indicator).ok_or_else(|| {
            mapping_error(&file, format!("unknown indicator `{}`", rule.indicator))
        })?;
        let from = source_unit(&rule.unit).map_or(0, |u| u.1);
        let to = source_unit(&ind.unit).map_or(0, |u| u.1);
        located.push(Located {
            rule,
            fixed,
            unit: ind.unit,
            factor_power: from - to,
        });
    }
    let mut territory_cache: BTreeMap<u32, Option<ResolvedTerritory>> = BTreeMap::new();
    for cell in &table.cells {
        for loc in &located {
            if loc
                .fixed
                .iter()
                .zip(&cell.coords)
                .any(|(f, c)| f.is_some_and(|f| f != *c))
            {
                continue;
            }
            let period_cat = table.category(cell, time);
            let Some(year) = period_cat
                .period
                .filter(|p| p.frequency == super::Frequency::Annual)
                .map(|p| p.year)
                .filter(|y| {
                    loc.rule.from_year.is_none_or(|f| *y >= f)
                        && loc.rule.to_year.is_none_or(|t| *y <= t)
                })
            else {
                continue;
            };
            let scope = match (territory_dim, resolver) {
                (Some(d), Some(r)) => {
                    let pos = cell.coords[d];
                    let resolved = match territory_cache.get(&pos) {
                        Some(t) => t.clone(),
                        None => {
                            let cat = &table.dimensions[d].categories[pos as usize];
                            let t = r.resolve(&cat.label, &cat.code, &file, &cell.location)?;
                            let t = (!(mapping.territory.skip_regions && t.is_region)).then_some(t);
                            territory_cache.insert(pos, t.clone());
                            t
                        }
                    };
                    match resolved {
                        Some(t) => t.scope,
                        None => continue,
                    }
                }
                _ => mapping.territory.scope.clone().unwrap_or_default(),
            };
            let status = table.effective_status(cell);
            let provenance = Provenance::new(
                file.clone(),
                tname.clone(),
                cell.location.clone(),
                status.map(|s| s.name().to_string()),
            );
            let Some(value) = cell.value else {
                skipped.push(Skipped {
                    scope,
                    indicator: loc.rule.indicator.clone(),
                    year,
                    status: status.map_or("not_available".into(), |s| s.name().to_string()),
                    symbol: cell.symbol.clone(),
                    provenance,
                });
                continue;
            };
            let key = (scope.clone(), loc.rule.indicator.clone(), year);
            if let Some(first) = seen.get(&key) {
                return Err(mapping_error(
                    &file,
                    format!(
                        "{} {} {year} is read twice: from `{}` table `{}` cell {} and from `{}` \
                         table `{}` cell {}",
                        key.0,
                        key.1,
                        first.file,
                        first.table,
                        first.cell,
                        provenance.file,
                        provenance.table,
                        provenance.cell
                    ),
                ));
            }
            seen.insert(key, provenance.clone());
            let multiplier = loc
                .rule
                .multiplier
                .or(cell.unit_multiplier)
                .or(table.metadata.unit_multiplier)
                .unwrap_or(0);
            let power = loc.factor_power + multiplier;
            let value = scale(value, power);
            let mut notes: Vec<String> = Vec::new();
            if let Some(n) = &loc.rule.note {
                notes.push(n.clone());
            }
            if let Some(n) = &cell.note {
                notes.push(n.clone());
            }
            if period_cat.label.trim() != year.to_string() {
                notes.push(format!("period `{}`", clean_label(&period_cat.label)));
            }
            let mut o = Observation::new(
                scope,
                loc.rule.indicator.clone(),
                ObservedWhen::Year(year),
                value,
                loc.unit.clone(),
                mapping.source.evidence,
            );
            o.note = notes.join("; ");
            o.source_url = mapping
                .source
                .url
                .clone()
                .unwrap_or_else(|| mapping.source.citation.clone());
            o.preliminary = matches!(
                status,
                Some(Status::Preliminary | Status::Estimate | Status::Forecast)
            );
            o.provenance = Some(provenance);
            rows.push(o);
        }
    }
    Ok(())
}

/// `value × 10^power`, dividing by an exact power of ten for negative powers (so 51872.11
/// thousand persons is 51.87211 million persons to the last digit a division can give).
fn scale(value: f64, power: i32) -> f64 {
    match power {
        0 => value,
        p if p > 0 => value * 10f64.powi(p),
        p => value / 10f64.powi(-p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::ingest::read_bytes;

    const HEAD: &str =
        "schema_version = 1\nid = \"t\"\nsource = { citation = \"c\", evidence = \"confirmed\" }\n";

    fn px(data: &str) -> Table {
        read_bytes(data.as_bytes(), &ReadOptions::default().name("t.px")).unwrap()
    }

    struct Names;
    impl TerritoryResolver for Names {
        fn resolve(
            &self,
            label: &str,
            _code: &str,
            file: &str,
            cell: &str,
        ) -> Result<ResolvedTerritory> {
            match label {
                "North" => Ok(ResolvedTerritory::new("north", true)),
                "Alpha" => Ok(ResolvedTerritory::new("alpha", false)),
                _ => Err(mapping_error(file, format!("`{label}` at {cell}"))),
            }
        }
    }

    #[test]
    fn unknown_keys_name_the_key_and_line() {
        let e = Mapping::from_toml(&format!(
            "{HEAD}territory = {{ scope = \"x\" }}\n[[series]]\nindicator = \"employed_persons\"\nunit = \"persons\"\nunits = 3\n"
        ))
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Parse);
        let m = e.to_string();
        assert!(m.contains("units") && m.contains("line 8"), "{m}");
    }

    #[test]
    fn units_that_do_not_convert_name_both() {
        let e = Mapping::from_toml(&format!(
            "{HEAD}territory = {{ scope = \"x\" }}\n[[series]]\nindicator = \"employed_persons\"\nunit = \"billion_vnd\"\n"
        ))
        .unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("billion_vnd") && m.contains("million_persons") && m.contains("series[0]"),
            "{m}"
        );
        let e = Mapping::from_toml(&format!(
            "{HEAD}territory = {{ scope = \"x\" }}\n[[series]]\nindicator = \"no_such\"\nunit = \"persons\"\n"
        ))
        .unwrap_err();
        assert!(e.to_string().contains("no_such"));
        let e = Mapping::from_toml(&format!(
            "{HEAD}territory = {{ }}\n[[series]]\nindicator = \"employed_persons\"\nunit = \"persons\"\n"
        ))
        .unwrap_err();
        assert!(e.to_string().contains("either `dimension`"), "{e}");
    }

    const REGIONS: &str = "MATRIX=\"R\";\nSTUB=\"region\",\"item\";\nHEADING=\"year\";\nVALUES(\"region\")=\"North\",\"Alpha\";\nVALUES(\"item\")=\"emp\",\"pop\";\nVALUES(\"year\")=\"2023\",\"2024\";\nDATA=\n1 2 10 20\n3 \"-\" 30 40;\n";

    fn regions_mapping(extra: &str) -> Mapping {
        Mapping::from_toml(&format!(
            "{HEAD}[territory]\ndimension = \"region\"\n{extra}\n[[series]]\nindicator = \"employed_persons\"\nunit = \"million_persons\"\nselect = {{ item = \"emp\" }}\n"
        ))
        .unwrap()
    }

    #[test]
    fn territories_resolve_missing_cells_are_skipped_not_invented() {
        let t = px(REGIONS);
        let m = map_tables(std::slice::from_ref(&t), &regions_mapping(""), Some(&Names)).unwrap();
        let got: Vec<(&str, i32, f64)> = m
            .observations
            .rows()
            .iter()
            .map(|o| {
                let ObservedWhen::Year(y) = o.when else {
                    unreachable!()
                };
                (o.scope.as_str(), y, o.value)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("north", 2023, 1.0),
                ("north", 2024, 2.0),
                ("alpha", 2023, 3.0)
            ]
        );
        assert_eq!(m.skipped.len(), 1);
        assert_eq!(m.skipped[0].symbol.as_deref(), Some("-"));
        assert_eq!(m.skipped[0].status, "nil");
        assert_eq!(m.skipped[0].scope, "alpha");
        let m = map_tables(
            std::slice::from_ref(&t),
            &regions_mapping("skip_regions = true"),
            Some(&Names),
        )
        .unwrap();
        assert_eq!(m.observations.len(), 1);
        // No resolver: an error, not a guess.
        let e = map_tables(std::slice::from_ref(&t), &regions_mapping(""), None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidParameter);
        // The same table twice: a duplicate naming both cells.
        let e = map_tables(&[t.clone(), t], &regions_mapping(""), Some(&Names)).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("read twice") && msg.matches("DATA value 1").count() == 2,
            "{msg}"
        );
    }

    #[test]
    fn unselected_dimensions_and_unknown_categories_are_errors() {
        let t = px(REGIONS);
        let m = Mapping::from_toml(&format!(
            "{HEAD}territory = {{ dimension = \"region\" }}\n[[series]]\nindicator = \"employed_persons\"\nunit = \"persons\"\n"
        ))
        .unwrap();
        let e = map_tables(std::slice::from_ref(&t), &m, Some(&Names)).unwrap_err();
        assert!(e.to_string().contains("`item`"), "{e}");
        let m = Mapping::from_toml(&format!(
            "{HEAD}territory = {{ dimension = \"region\" }}\n[[series]]\nindicator = \"employed_persons\"\nunit = \"persons\"\nselect = {{ item = \"jobs\" }}\n"
        ))
        .unwrap();
        let e = map_tables(&[t], &m, Some(&Names)).unwrap_err();
        assert!(
            e.to_string().contains("jobs") && e.to_string().contains("`emp`"),
            "{e}"
        );
    }

    #[test]
    fn unknown_territory_is_the_resolvers_error() {
        let t = px(&REGIONS.replace("\"Alpha\"", "\"Gamma\""));
        let e = map_tables(&[t], &regions_mapping(""), Some(&Names)).unwrap_err();
        assert!(
            e.to_string().contains("Gamma") && e.to_string().contains("t.px"),
            "{e}"
        );
    }

    #[test]
    fn scaling_is_exact_for_powers_of_ten() {
        assert_eq!(scale(51872.11, -3), 51.87211);
        assert_eq!(scale(1.5, 3), 1500.0);
    }
}
