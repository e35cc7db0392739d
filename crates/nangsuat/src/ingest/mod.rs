//! Readers of the tables statistics offices publish.
//!
//! Every reader gives the same tidy [`Table`]: dimensions with their categories (code,
//! label, and for time the parsed [`Period`] with the status its label carries), cells with
//! `value` (never NaN: a missing value is `None` with a [`Status::Missing`] saying why and
//! the symbol that said so), `status`, `note`, `unit`, and where in the file each value was,
//! plus [`Metadata`] (title, unit, multiplier, source, last update, language).
//!
//! | format | reader | specification |
//! |---|---|---|
//! | PC-Axis `.px` | [`px::parse_px`] | Statistics Sweden, *PX file format specification* (2013) |
//! | JSON-stat 1.x and 2.0 | [`jsonstat::parse_jsonstat`] | json-stat.org format 1.03 / 2.0 |
//! | SDMX-ML 2.1 data | [`sdmx::parse_sdmx_ml`] | SDMX 2.1 Section 3B (structure-specific and generic) |
//! | SDMX-CSV 1.0 / 2.0 | [`sdmx::parse_sdmx_csv`] | SDMX-CSV format 1.0 (SDMX 2.1) and 2.0 (SDMX 3.0) |
//! | XLSX, XLS | [`spreadsheet::parse_spreadsheet`] | read by `calamine`; layout by [`spreadsheet::SheetOptions`] |
//! | CSV (PX-Web) | [`csv_table::parse_csv`] | RFC 4180 with PX-Web's headers |
//!
//! [`read_path`] and [`read_bytes`] detect the format from the bytes (or take it from
//! [`ReadOptions::format`]). Malformed input is an [`Error::Parse`] naming the file, the
//! line or cell, and what was expected; no input makes a reader panic.
//!
//! ```
//! use nangsuat::ingest::{read_bytes, ReadOptions};
//! let px = br#"MATRIX="T1";
//! STUB="region";
//! HEADING="year";
//! VALUES("region")="North","South";
//! VALUES("year")="2023","Prel. 2024";
//! DATA=
//! 1.5 ".."
//! 2 3;
//! "#;
//! let table = read_bytes(px, &ReadOptions::default())?;
//! assert_eq!(table.cells.len(), 4);
//! assert_eq!(table.value(&["South", "Prel. 2024"]), Some(3.0));
//! assert!(table.cell(&["North", "Prel. 2024"]).unwrap().value.is_none());
//! # Ok::<(), nangsuat::Error>(())
//! ```

pub mod csv_table;
pub mod jsonstat;
pub mod mapping;
pub mod period;
pub mod px;
pub mod sdmx;
pub mod spreadsheet;
pub mod symbols;
pub mod table;
pub mod tcvn3;

use std::path::Path;

use crate::error::{Error, Result};

pub use period::{Frequency, Period};
pub use spreadsheet::SheetOptions;
pub use table::{Category, Cell, Dimension, Format, Metadata, MissingKind, Role, Status, Table};

/// How to read a file.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// The format; detected from the bytes when `None`.
    pub format: Option<Format>,
    /// Language of the labels (PC-Axis `LANGUAGES`); the file's own language when `None`.
    pub language: Option<String>,
    /// Sheet of a workbook (name, or 1-based position as text), or dataset of a JSON-stat
    /// bundle; the first visible sheet / first dataset when `None`.
    pub sheet: Option<String>,
    /// File name used in messages and provenance.
    pub name: Option<String>,
    /// Layout of a spreadsheet sheet (header rows, label columns, unit cell).
    pub layout: SheetOptions,
}

impl ReadOptions {
    /// Sets the format.
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Sets the language.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// Sets the sheet (or JSON-stat dataset).
    pub fn sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    /// Sets the file name used in messages.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the spreadsheet layout.
    pub fn layout(mut self, layout: SheetOptions) -> Self {
        self.layout = layout;
        self
    }

    pub(crate) fn file(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }
}

/// Guesses the format from the first bytes (and, if given, the file extension).
///
/// ```
/// use nangsuat::ingest::{detect_format, Format};
/// assert_eq!(detect_format(b"{\"version\":\"2.0\"}", None), Some(Format::JsonStat));
/// assert_eq!(detect_format(b"CHARSET=\"ANSI\";\nDATA=1;", None), Some(Format::PcAxis));
/// assert_eq!(detect_format(b"PK\x03\x04", None), Some(Format::Xlsx));
/// ```
pub fn detect_format(bytes: &[u8], extension: Option<&str>) -> Option<Format> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if b.starts_with(b"PK\x03\x04") {
        return Some(Format::Xlsx);
    }
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(Format::Xls);
    }
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(0);
    let b = &b[start..];
    match b.first() {
        Some(b'{') => return Some(Format::JsonStat),
        Some(b'<') => return Some(Format::SdmxMl),
        _ => {}
    }
    let head = &b[..b.len().min(4096)];
    let head_upper: Vec<u8> = head.iter().map(u8::to_ascii_uppercase).collect();
    let first_line = head_upper.split(|&c| c == b'\n').next().unwrap_or_default();
    let first_field: Vec<u8> = first_line
        .iter()
        .copied()
        .skip_while(|&c| c == b'"')
        .take_while(|&c| !matches!(c, b'"' | b',' | b';' | b'\t' | b'\r'))
        .collect();
    if first_field == b"DATAFLOW" || first_field == b"STRUCTURE" {
        return Some(Format::SdmxCsv);
    }
    let is_px_keyword = |k: &[u8]| head_upper.windows(k.len()).any(|w| w == k);
    if (is_px_keyword(b"STUB=") || is_px_keyword(b"HEADING=") || is_px_keyword(b"CHARSET="))
        || (is_px_keyword(b"MATRIX=") && is_px_keyword(b"VALUES("))
        || first_line.starts_with(b"AXIS-VERSION")
        || (first_line.ends_with(b";") && is_px_keyword(b"DATA="))
    {
        return Some(Format::PcAxis);
    }
    if let Some(f) = extension.and_then(Format::from_name) {
        return Some(f);
    }
    if !b.is_empty() {
        return Some(Format::Csv);
    }
    None
}

/// Reads a table from bytes (see the module docs).
///
/// # Errors
/// [`Error::Parse`] when the bytes are not a table of the format (named file, line or cell,
/// and what was expected); [`Error::InvalidParameter`] for a sheet or language the file does
/// not have.
pub fn read_bytes(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let ext = options
        .name
        .as_deref()
        .and_then(|n| Path::new(n).extension())
        .and_then(|e| e.to_str());
    let format = match options.format {
        Some(f) => f,
        None => detect_format(bytes, ext).ok_or_else(|| {
            parse_error(
                "table",
                options.file(),
                None,
                "the file is empty: expected a PC-Axis, JSON-stat, SDMX, XLSX, XLS or CSV table",
            )
        })?,
    };
    let mut table = match format {
        Format::PcAxis => px::parse_px(bytes, options),
        Format::JsonStat => jsonstat::parse_jsonstat(bytes, options),
        Format::SdmxMl => sdmx::parse_sdmx_ml(bytes, options),
        Format::SdmxCsv => sdmx::parse_sdmx_csv(bytes, options),
        Format::Xlsx | Format::Xls => spreadsheet::parse_spreadsheet(bytes, options),
        Format::Csv => csv_table::parse_csv(bytes, options),
    }?;
    if table.metadata.file.is_none() {
        table.metadata.file = options.name.clone();
    }
    Ok(table)
}

/// Reads a table from a file (see the module docs); the file name goes into messages.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; otherwise as [`read_bytes`].
pub fn read_path(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Table> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut options = options.clone();
    if options.name.is_none() {
        options.name = Some(path.display().to_string());
    }
    read_bytes(&bytes, &options)
}

/// An [`Error::Parse`] for `format`, naming the file and, where known, the line.
pub(crate) fn parse_error(
    format: &str,
    file: &str,
    line: Option<usize>,
    message: impl Into<String>,
) -> Error {
    Error::Parse {
        format: format.to_string(),
        path: file.to_string(),
        line,
        column: None,
        message: message.into(),
    }
}

/// Bytes of memory a reader may give a table per byte of its file (with [`MIN_TABLE_BYTES`]
/// for small files). A cell takes about 250 bytes (its fields, coordinates and location)
/// and every cell a file writes takes at least 2 of its bytes (`1,`), so tables read from
/// what a file holds stay well under; only cells or coordinates the file declares without
/// writing them reach it (a status for every cell of a sparse table, thousands of one-category
/// dimensions each added to every cell).
const TABLE_BYTES_PER_FILE_BYTE: usize = 512;
/// See [`TABLE_BYTES_PER_FILE_BYTE`].
const MIN_TABLE_BYTES: usize = 64 << 20;

/// Refuses, before building them, `cells` cells over `dims` dimensions whose memory is out of
/// proportion to a file of `file_len` bytes. `what` says where the count comes from (the
/// dimension sizes and their product, the observations read so far).
pub(crate) fn check_table_size(
    format: &str,
    file: &str,
    file_len: usize,
    cells: usize,
    dims: usize,
    what: impl FnOnce() -> String,
) -> Result<()> {
    let per_cell = std::mem::size_of::<Cell>() + 32 + 4 * dims;
    let need = cells.checked_mul(per_cell);
    let limit = file_len
        .saturating_mul(TABLE_BYTES_PER_FILE_BYTE)
        .max(MIN_TABLE_BYTES);
    if need.is_some_and(|n| n <= limit) {
        return Ok(());
    }
    let mib = |b: usize| b as f64 / (1 << 20) as f64;
    Err(parse_error(
        format,
        file,
        None,
        format!(
            "{}: {cells} cells over {dims} dimensions would take {} of memory, out of \
             proportion to a file of {file_len} bytes (at most {:.0} MiB)",
            what(),
            need.map_or_else(
                || "more than can be addressed".to_string(),
                |n| { format!("about {:.0} MiB", mib(n)) }
            ),
            mib(limit)
        ),
    ))
}

/// Dimension sizes and their product for a message: `3 × 2^14 × 1^3000 = 49152` (a run of
/// three or more equal sizes as a power).
pub(crate) fn sizes_text(sizes: &[usize]) -> String {
    let product = sizes
        .iter()
        .try_fold(1usize, |a, &b| a.checked_mul(b))
        .map_or_else(|| format!("more than {}", usize::MAX), |p| p.to_string());
    let factors: Vec<String> = sizes
        .chunk_by(|a, b| a == b)
        .flat_map(|run| match run.len() {
            1 | 2 => run.iter().map(usize::to_string).collect(),
            n => vec![format!("{}^{n}", run[0])],
        })
        .collect();
    format!("{} = {product}", factors.join(" × "))
}

/// Collapses runs of whitespace (including line breaks inside labels) to one space and trims.
pub(crate) fn clean_label(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marks a dimension as time when every category reads as a period; sets the periods.
pub(crate) fn detect_time(dim: &mut Dimension, name_hint: bool) {
    if dim.categories.is_empty() {
        return;
    }
    let parsed: Vec<Option<(Period, Option<Status>)>> = dim
        .categories
        .iter()
        .map(|c| {
            period::parse_label(&c.label).or_else(|| Period::parse(&c.code).map(|p| (p, None)))
        })
        .collect();
    if parsed.iter().all(Option::is_some) || (name_hint && parsed.iter().any(Option::is_some)) {
        for (c, p) in dim.categories.iter_mut().zip(parsed) {
            if let Some((p, s)) = p {
                c.period = Some(p);
                if c.status.is_none() {
                    c.status = s;
                }
            }
        }
        dim.role = Role::Time;
    }
}

/// Whether a dimension name says "time".
pub(crate) fn time_name(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    matches!(
        n.as_str(),
        "time"
            | "year"
            | "years"
            | "period"
            | "periodo"
            | "periode"
            | "tid"
            | "år"
            | "vuosi"
            | "aika"
            | "ár"
            | "jahr"
            | "zeit"
            | "année"
            | "annee"
            | "año"
            | "anno"
            | "năm"
            | "thời gian"
            | "thời kỳ"
            | "kỳ"
            | "time_period"
            | "quarter"
            | "month"
            | "quý"
            | "tháng"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_size_is_bounded_by_the_file() {
        // 6000 cells with 6000 coordinates each (~140 MiB) from a 200 KB file: refused.
        let e = check_table_size("X", "f", 200_000, 6000, 6000, || "what".into()).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("what: 6000 cells over 6000 dimensions"),
            "{msg}"
        );
        assert!(
            msg.contains("out of proportion to a file of 200000 bytes"),
            "{msg}"
        );
        // A dense table read from its file: 10^6 values of 2 bytes over 10 dimensions.
        assert!(check_table_size("X", "f", 2_000_000, 1_000_000, 10, String::new).is_ok());
        // Small tables from small files, and a count past usize.
        assert!(check_table_size("X", "f", 10, 100_000, 10, String::new).is_ok());
        assert!(check_table_size("X", "f", 10, usize::MAX, 10, String::new).is_err());
        assert_eq!(sizes_text(&[3, 2, 2, 2, 1, 1]), "3 × 2^3 × 1 × 1 = 24");
        assert!(sizes_text(&[usize::MAX, 2]).contains("more than"));
    }

    #[test]
    fn empty_input_is_an_error_not_a_panic() {
        let e = read_bytes(b"", &ReadOptions::default()).unwrap_err();
        assert!(e.to_string().contains("empty"), "{e}");
    }

    #[test]
    fn sdmx_csv_detected_by_header() {
        assert_eq!(
            detect_format(b"DATAFLOW,FREQ,TIME_PERIOD,OBS_VALUE\n", None),
            Some(Format::SdmxCsv)
        );
        assert_eq!(
            detect_format(b"\"Cities\",\"2020\"\r\n\"Ha Noi\",1\r\n", None),
            Some(Format::Csv)
        );
    }
}
