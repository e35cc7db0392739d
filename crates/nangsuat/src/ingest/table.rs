//! The tidy table every reader produces.
//!
//! A published table, whatever its format, becomes dimensions (each with its categories: code,
//! label, and for the time dimension the parsed [`Period`]) and cells (one value per
//! combination of categories, with its status, the symbol that produced the status, a note,
//! a unit and where in the file it came from), plus the table's [`Metadata`].
//!
//! Invariant: a cell's `value` is `None` exactly when its `status` is a
//! [`Status::Missing`]; a reader never produces a NaN.

use std::fmt;

use super::period::Period;

/// The format a table was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// PC-Axis `.px` (Statistics Sweden's PX file format).
    PcAxis,
    /// JSON-stat 1.x or 2.0.
    JsonStat,
    /// SDMX-ML 2.1 (structure-specific or generic data).
    SdmxMl,
    /// SDMX-CSV 1.0 or 2.0.
    SdmxCsv,
    /// Office Open XML workbook (`.xlsx`).
    Xlsx,
    /// Legacy Excel workbook (`.xls`, BIFF).
    Xls,
    /// A CSV table as PX-Web exports it (wide: one column per period/indicator).
    Csv,
}

impl Format {
    /// Stable lower-case name (`px`, `jsonstat`, `sdmx`, `sdmx-csv`, `xlsx`, `xls`, `csv`).
    pub fn name(self) -> &'static str {
        match self {
            Format::PcAxis => "px",
            Format::JsonStat => "jsonstat",
            Format::SdmxMl => "sdmx",
            Format::SdmxCsv => "sdmx-csv",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Csv => "csv",
        }
    }

    /// The format named by `name` (as [`Format::name`] gives it, or a usual file extension:
    /// `pcaxis`, `json`, `json-stat`, `xml`, `sdmx-ml`, `sdmxcsv`).
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.trim().to_ascii_lowercase().as_str() {
            "px" | "pcaxis" | "pc-axis" => Format::PcAxis,
            "jsonstat" | "json-stat" | "json" => Format::JsonStat,
            "sdmx" | "sdmx-ml" | "sdmxml" | "xml" => Format::SdmxMl,
            "sdmx-csv" | "sdmxcsv" => Format::SdmxCsv,
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "csv" | "txt" | "tsv" => Format::Csv,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a cell has no value: the meaning of the publisher's missing-value symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MissingKind {
    /// Magnitude nil (`-`): nothing to report, not a measured zero.
    Nil,
    /// Not applicable, logically impossible (`.`).
    NotApplicable,
    /// Not available (`..`, `...`, `na`, `n.a.`, `:`, an empty field, JSON `null`).
    NotAvailable,
    /// Confidential or suppressed (`x`).
    Confidential,
    /// Text that is not a number and not a known symbol (kept in the cell's `symbol`).
    Unreadable,
}

impl MissingKind {
    /// Stable snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            MissingKind::Nil => "nil",
            MissingKind::NotApplicable => "not_applicable",
            MissingKind::NotAvailable => "not_available",
            MissingKind::Confidential => "confidential",
            MissingKind::Unreadable => "unreadable",
        }
    }
}

/// The status of one cell (or of one period label).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// No value; why.
    Missing(MissingKind),
    /// Preliminary / provisional (`Sơ bộ`, `Prel.`, `sb`, `p`, SDMX `P`).
    Preliminary,
    /// Estimate (`Ước tính`, `Est.`, `e`, SDMX `E`).
    Estimate,
    /// Forecast or projection (SDMX `F`).
    Forecast,
    /// A publisher's flag that has no meaning here (kept verbatim).
    Flag(String),
}

impl Status {
    /// Whether this status means the cell has no value.
    pub fn is_missing(&self) -> bool {
        matches!(self, Status::Missing(_))
    }

    /// Stable name: `preliminary`, `estimate`, `forecast`, the missing kind's name
    /// (`nil`, `not_applicable`, `not_available`, `confidential`, `unreadable`), or the flag.
    pub fn name(&self) -> &str {
        match self {
            Status::Missing(kind) => kind.name(),
            Status::Preliminary => "preliminary",
            Status::Estimate => "estimate",
            Status::Forecast => "forecast",
            Status::Flag(flag) => flag,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a dimension stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// Time: every category should carry a [`Period`].
    Time,
    /// Territory (JSON-stat `geo`, SDMX `REF_AREA`).
    Geo,
    /// What is measured (PX `CONTVARIABLE`, JSON-stat `metric`, SDMX `INDICATOR`).
    Metric,
    /// Anything else.
    Other,
}

impl Role {
    /// Stable name: `time`, `geo`, `metric`, `other`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Time => "time",
            Role::Geo => "geo",
            Role::Metric => "metric",
            Role::Other => "other",
        }
    }
}

/// One category of a dimension.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Category {
    /// The publisher's code (the label where the file has no codes).
    pub code: String,
    /// The label, as published (whitespace kept, TCVN3 converted).
    pub label: String,
    /// The period, for categories of a time dimension whose label could be read as one.
    pub period: Option<Period>,
    /// Status carried by the label (`Prel. 2024` → preliminary).
    pub status: Option<Status>,
    /// Unit of the cells in this category (PX `CONTVARIABLE` units, JSON-stat `unit`).
    pub unit: Option<String>,
    /// Notes on this category (PX `VALUENOTE`, JSON-stat category `note`).
    pub note: Option<String>,
    /// Decimals the publisher shows for this category (PX `PRECISION`, JSON-stat unit
    /// `decimals`); values are kept as stored, never rounded.
    pub decimals: Option<u32>,
}

impl Category {
    /// A category with a code and a label and nothing else.
    pub fn new(code: impl Into<String>, label: impl Into<String>) -> Self {
        Category {
            code: code.into(),
            label: label.into(),
            period: None,
            status: None,
            unit: None,
            note: None,
            decimals: None,
        }
    }
}

/// One dimension of a table.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Dimension {
    /// Identifier (PX variable code, JSON-stat id, SDMX concept id).
    pub id: String,
    /// Label as published.
    pub label: String,
    /// What the dimension stands for.
    pub role: Role,
    /// Categories, in the file's order.
    pub categories: Vec<Category>,
    /// Note on the whole dimension (PX `NOTE("var")`).
    pub note: Option<String>,
}

impl Dimension {
    /// A dimension with the given categories.
    pub fn new(
        id: impl Into<String>,
        label: impl Into<String>,
        role: Role,
        categories: Vec<Category>,
    ) -> Self {
        Dimension {
            id: id.into(),
            label: label.into(),
            role,
            categories,
            note: None,
        }
    }

    /// Position of the category with this code.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.code == code)
    }
}

/// One value of the table.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Cell {
    /// Category positions, one per dimension, in the order of [`Table::dimensions`].
    pub coords: Vec<u32>,
    /// The value; `None` exactly when `status` is a [`Status::Missing`].
    pub value: Option<f64>,
    /// Status (missing, preliminary, estimate, a publisher's flag), if any.
    pub status: Option<Status>,
    /// The text in the file that gave the status (`..`, `sb`, `e`, `x`, `Prel.`).
    pub symbol: Option<String>,
    /// Notes on this cell (PX `CELLNOTE`, SDMX attributes, a spreadsheet's section).
    pub note: Option<String>,
    /// Unit, where the file gives one per cell, content or series.
    pub unit: Option<String>,
    /// Power of ten the value is expressed in (SDMX `UNIT_MULT`: 6 = millions), if stated.
    pub unit_multiplier: Option<i32>,
    /// Where the value is in the file: `DATA value 17 (line 58)`, `Sheet!C9`, `line 4, column 2`,
    /// `series 3, observation 12`.
    pub location: String,
}

impl Cell {
    /// A cell; a missing value gets [`MissingKind::NotAvailable`] if no missing status is given,
    /// and a missing status drops the value, so the invariant always holds.
    pub fn new(
        coords: Vec<u32>,
        value: Option<f64>,
        status: Option<Status>,
        symbol: Option<String>,
        location: String,
    ) -> Self {
        let value = value.filter(|v| v.is_finite());
        let (value, status) = match (value, status) {
            (_, Some(s)) if s.is_missing() => (None, Some(s)),
            (None, _) => (None, Some(Status::Missing(MissingKind::NotAvailable))),
            (v, s) => (v, s),
        };
        Cell {
            coords,
            value,
            status,
            symbol,
            note: None,
            unit: None,
            unit_multiplier: None,
            location,
        }
    }

    /// Whether the cell has no value.
    pub fn is_missing(&self) -> bool {
        self.value.is_none()
    }
}

/// What the file says about the whole table.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Metadata {
    /// The format it was read from.
    pub format: Option<Format>,
    /// File name (as given to the reader), for messages and provenance.
    pub file: Option<String>,
    /// Table identifier (PX `MATRIX`, JSON-stat dataset name, SDMX dataflow, sheet name).
    pub table_id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Unit of the whole table, where one is stated.
    pub unit: Option<String>,
    /// Power of ten of the whole table, where one is stated.
    pub unit_multiplier: Option<i32>,
    /// Source.
    pub source: Option<String>,
    /// Last update, as written in the file.
    pub last_updated: Option<String>,
    /// Language of the labels read (`en`, `vi`, …), where known.
    pub language: Option<String>,
    /// Languages the file offers (PX `LANGUAGES`).
    pub languages: Vec<String>,
    /// Number of decimals the publisher shows (PX `DECIMALS`), where stated.
    pub decimals: Option<u32>,
    /// Table notes, in file order.
    pub notes: Vec<String>,
    /// What the reader had to repair or guess (a code page that did not match the bytes,
    /// TCVN3 text converted, a placeholder date dropped), in words.
    pub warnings: Vec<String>,
}

/// A published table in tidy form.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Table {
    /// What the file says about the table.
    pub metadata: Metadata,
    /// Dimensions, in the file's order (PX: stub then heading).
    pub dimensions: Vec<Dimension>,
    /// Cells, in the file's order.
    pub cells: Vec<Cell>,
}

impl Table {
    /// The table, or [`Error::Parse`](crate::Error::Parse) naming the two places in the file
    /// that give a value to the same cell (a repeated observation, row or key): a reader
    /// never keeps one of two values silently.
    pub(crate) fn with_unique_cells(self, format: &str, file: &str) -> crate::Result<Table> {
        let mut seen: std::collections::HashMap<&[u32], usize> =
            std::collections::HashMap::with_capacity(self.cells.len());
        for (i, cell) in self.cells.iter().enumerate() {
            if let Some(&first) = seen.get(cell.coords.as_slice()) {
                let key: Vec<&str> = self
                    .dimensions
                    .iter()
                    .zip(&cell.coords)
                    .map(|(d, &c)| d.categories[c as usize].code.as_str())
                    .collect();
                return Err(super::parse_error(
                    format,
                    file,
                    None,
                    format!(
                        "two values for the same cell ({}): {} and {}; expected one value per cell",
                        key.join(", "),
                        self.cells[first].location,
                        cell.location
                    ),
                ));
            }
            seen.insert(&cell.coords, i);
        }
        Ok(self)
    }

    /// Position of the dimension with this id.
    pub fn dimension_position(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }

    /// The time dimension, if there is one.
    pub fn time_dimension(&self) -> Option<usize> {
        self.dimensions.iter().position(|d| d.role == Role::Time)
    }

    /// The cell at these category codes (one per dimension, in dimension order).
    pub fn cell(&self, codes: &[&str]) -> Option<&Cell> {
        if codes.len() != self.dimensions.len() {
            return None;
        }
        let coords: Option<Vec<u32>> = self
            .dimensions
            .iter()
            .zip(codes)
            .map(|(d, c)| d.position(c).map(|p| p as u32))
            .collect();
        let coords = coords?;
        self.cells.iter().find(|c| c.coords == coords)
    }

    /// The value at these category codes; `None` if absent or missing.
    pub fn value(&self, codes: &[&str]) -> Option<f64> {
        self.cell(codes).and_then(|c| c.value)
    }

    /// The category of `cell` in dimension `dim`.
    pub fn category(&self, cell: &Cell, dim: usize) -> &Category {
        &self.dimensions[dim].categories[cell.coords[dim] as usize]
    }

    /// Number of cells with no value.
    pub fn missing_count(&self) -> usize {
        self.cells.iter().filter(|c| c.is_missing()).count()
    }

    /// The table as tidy JSON: `{"metadata": {...}, "dimensions": [...], "rows": [...]}` where
    /// each row has one `{code, label}` per dimension (and `period` for the time dimension),
    /// `value` (`null` when missing), `status`, `symbol`, `note`, `unit`, `unit_multiplier`,
    /// `location`.
    pub fn to_json(&self) -> String {
        use serde_json::{Map, Value, json};
        let m = &self.metadata;
        let metadata = json!({
            "format": m.format.map(|f| f.name()),
            "file": m.file, "table_id": m.table_id, "title": m.title, "unit": m.unit,
            "unit_multiplier": m.unit_multiplier, "source": m.source,
            "last_updated": m.last_updated, "language": m.language, "languages": m.languages,
            "decimals": m.decimals, "notes": m.notes, "warnings": m.warnings,
        });
        let dims: Vec<Value> = self
            .dimensions
            .iter()
            .map(|d| {
                json!({"id": d.id, "label": d.label, "role": d.role.name(),
                "size": d.categories.len()})
            })
            .collect();
        let rows: Vec<Value> = self
            .cells
            .iter()
            .map(|c| {
                let mut row = Map::new();
                for (i, d) in self.dimensions.iter().enumerate() {
                    let cat = &d.categories[c.coords[i] as usize];
                    let mut v = json!({"code": cat.code, "label": cat.label});
                    if let Some(p) = &cat.period {
                        v["period"] = Value::String(p.to_string());
                    }
                    row.insert(d.id.clone(), v);
                }
                row.insert("value".into(), json!(c.value));
                row.insert(
                    "status".into(),
                    json!(self.effective_status(c).map(|s| s.name().to_string())),
                );
                row.insert("symbol".into(), json!(c.symbol));
                row.insert("note".into(), json!(c.note));
                row.insert("unit".into(), json!(self.effective_unit(c)));
                row.insert("unit_multiplier".into(), json!(c.unit_multiplier));
                row.insert("location".into(), json!(c.location));
                Value::Object(row)
            })
            .collect();
        json!({"metadata": metadata, "dimensions": dims, "rows": rows}).to_string()
    }

    /// The table as tidy CSV (RFC 4180, UTF-8, a header row): for each dimension a label
    /// column `<id>` and a code column `<id>_code`, `period` (ISO, for the time dimension),
    /// then `value` (empty when missing), `status`, `symbol`, `note`, `unit`,
    /// `unit_multiplier`, `location`.
    ///
    /// ```
    /// use nangsuat::ingest::{read_bytes, ReadOptions};
    /// let t = read_bytes(b"STUB=\"year\";\nVALUES(\"year\")=\"2023\",\"Prel. 2024\";\nDATA=1.5 \"..\";",
    ///     &ReadOptions::default())?;
    /// let csv = t.to_csv();
    /// assert!(csv.starts_with("year,year_code,period,value,status,symbol,"));
    /// assert!(csv.contains("Prel. 2024,Prel. 2024,2024,,not_available,..,"));
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let time = self.time_dimension();
        let mut header: Vec<String> = Vec::new();
        for d in &self.dimensions {
            header.push(d.id.clone());
            header.push(format!("{}_code", d.id));
        }
        if time.is_some() {
            header.push("period".into());
        }
        for h in [
            "value",
            "status",
            "symbol",
            "note",
            "unit",
            "unit_multiplier",
            "location",
        ] {
            header.push(h.into());
        }
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&header);
        for c in &self.cells {
            let mut rec: Vec<String> = Vec::with_capacity(header.len());
            for (i, d) in self.dimensions.iter().enumerate() {
                let cat = &d.categories[c.coords[i] as usize];
                rec.push(cat.label.clone());
                rec.push(cat.code.clone());
            }
            if let Some(t) = time {
                let cat = &self.dimensions[t].categories[c.coords[t] as usize];
                rec.push(cat.period.map(|p| p.to_string()).unwrap_or_default());
            }
            rec.push(c.value.map(|v| v.to_string()).unwrap_or_default());
            rec.push(
                self.effective_status(c)
                    .map(|s| s.name().to_string())
                    .unwrap_or_default(),
            );
            rec.push(c.symbol.clone().unwrap_or_default());
            rec.push(c.note.clone().unwrap_or_default());
            rec.push(self.effective_unit(c).unwrap_or_default().to_string());
            rec.push(c.unit_multiplier.map(|m| m.to_string()).unwrap_or_default());
            rec.push(c.location.clone());
            let _ = w.write_record(&rec);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The cell's status, or else the status of its period label (a value in a
    /// `Prel. 2024` column is preliminary).
    pub fn effective_status<'a>(&'a self, cell: &'a Cell) -> Option<&'a Status> {
        cell.status.as_ref().or_else(|| {
            self.dimensions
                .iter()
                .zip(&cell.coords)
                .find_map(|(d, &i)| d.categories[i as usize].status.as_ref())
        })
    }

    /// The cell's unit, or its categories', or the table's.
    pub fn effective_unit<'a>(&'a self, cell: &'a Cell) -> Option<&'a str> {
        cell.unit
            .as_deref()
            .or_else(|| {
                self.dimensions
                    .iter()
                    .zip(&cell.coords)
                    .find_map(|(d, &i)| d.categories[i as usize].unit.as_deref())
            })
            .or(self.metadata.unit.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_status_and_value_agree() {
        let c = Cell::new(vec![0], Some(f64::NAN), None, None, String::new());
        assert_eq!(c.value, None);
        assert_eq!(c.status, Some(Status::Missing(MissingKind::NotAvailable)));
        let c = Cell::new(
            vec![0],
            Some(1.0),
            Some(Status::Missing(MissingKind::Nil)),
            Some("-".into()),
            String::new(),
        );
        assert_eq!(c.value, None);
        let c = Cell::new(
            vec![0],
            Some(1.0),
            Some(Status::Estimate),
            None,
            String::new(),
        );
        assert_eq!(c.value, Some(1.0));
    }

    #[test]
    fn format_names_round_trip() {
        for f in [
            Format::PcAxis,
            Format::JsonStat,
            Format::SdmxMl,
            Format::SdmxCsv,
            Format::Xlsx,
            Format::Xls,
            Format::Csv,
        ] {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
    }
}
