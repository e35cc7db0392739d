//! CSV in and out: columns by name, every error naming the file, line and column.
//!
//! A table is read as its author's spreadsheet wrote it: separated by commas, semicolons or
//! tabs (from the header line), and, in a file separated by semicolons (Excel's CSV under
//! Vietnamese regional settings), with decimal commas (`1234,5`, `1.234,5`) unless its numbers
//! show decimal points.

use crate::{Failure, tr};
use nangsuat::ingest::csv_table::{sniff_decimal, sniff_delimiter};
use nangsuat::ingest::symbols::{DecimalMark, parse_number};
use std::path::Path;

/// A CSV file read whole: header and rows.
pub struct Table {
    /// The file name, as given.
    pub path: String,
    header: Vec<String>,
    rows: Vec<csv::StringRecord>,
    /// 1-based file line of each row.
    lines: Vec<u64>,
    /// The decimal mark of the numbers.
    decimal: DecimalMark,
}

impl Table {
    /// Reads `path` (`-` for standard input).
    pub fn read(path: &Path) -> Result<Table, Failure> {
        let name = path.display().to_string();
        let bytes = if name == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                .map_err(|e| crate::unreadable_file(path, &e))?;
            bytes
        } else {
            std::fs::read(path).map_err(|e| crate::unreadable_file(path, &e))?
        };
        // UTF-8 with or without Excel's byte-order mark; an older Vietnamese encoding is an
        // error naming the line and column of its first such byte.
        let text = nangsuat::text::decode_utf8(&bytes, &name)?;
        let delimiter = sniff_delimiter(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| csv_failure(&name, &e))?
            .iter()
            .map(str::to_string)
            .collect();
        // A column named twice is ambiguous: which one the user meant cannot be guessed.
        for (j, h) in header.iter().enumerate() {
            if let Some(i) = header[..j].iter().position(|g| g == h)
                && !h.is_empty()
            {
                let (i, j) = (i + 1, j + 1);
                return Err(Failure::data(tr(
                    format!(
                        "{name}, dòng 1: cột `{h}` có hai lần (cột thứ {i} và thứ {j}); mỗi tên cột chỉ được có một lần"
                    ),
                    format!(
                        "{name}, line 1: column `{h}` appears twice (columns {i} and {j}); each column name must be unique"
                    ),
                )));
            }
        }
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_failure(&name, &e))?;
            lines.push(record.position().map_or(0, |p| p.line()));
            rows.push(record);
        }
        // A comma-separated file has decimal points (a decimal comma would split its cell);
        // otherwise the numbers tell, and a semicolon means Vietnamese regional settings.
        let decimal = match delimiter {
            b',' => DecimalMark::Point,
            _ => {
                let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
                let otherwise = if delimiter == b';' {
                    DecimalMark::Comma
                } else {
                    DecimalMark::Point
                };
                sniff_decimal(&cells, otherwise)
            }
        };
        Ok(Table {
            path: name,
            header,
            rows,
            lines,
            decimal,
        })
    }

    /// The number in `cell`, read with the file's decimal mark: with decimal points, as Rust
    /// reads a float (no grouping); with decimal commas, points may group thousands.
    fn number(&self, cell: &str) -> Option<f64> {
        match self.decimal {
            DecimalMark::Comma => parse_number(cell, DecimalMark::Comma),
            _ => cell.parse::<f64>().ok().filter(|v| v.is_finite()),
        }
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    fn index(&self, column: &str) -> Result<usize, Failure> {
        self.header.iter().position(|h| h == column).ok_or_else(|| {
            Failure::data(tr(
                format!(
                    "{}, dòng 1: không có cột `{column}` (các cột: {})",
                    self.path,
                    self.header.join(", ")
                ),
                format!(
                    "{}, line 1: no column `{column}` (columns: {})",
                    self.path,
                    self.header.join(", ")
                ),
            ))
        })
    }

    /// The 1-based file line of data row `i`.
    pub fn line(&self, i: usize) -> u64 {
        self.lines.get(i).copied().unwrap_or(0)
    }

    /// A numeric column whose every value must be positive (output, employment, prices…):
    /// a zero or negative cell is an error naming its line; empty cells as in [`Table::numbers`].
    pub fn positive(&self, column: &str, missing_ok: bool) -> Result<Vec<f64>, Failure> {
        let values = self.numbers(column, missing_ok)?;
        if let Some(i) = values.iter().position(|v| *v <= 0.0) {
            let line = self.line(i);
            let v = values[i];
            return Err(Failure::data(tr(
                format!(
                    "{}, dòng {line}, cột `{column}`: `{v}`; cần một số dương",
                    self.path
                ),
                format!(
                    "{}, line {line}, column `{column}`: `{v}`; a positive number is expected",
                    self.path
                ),
            )));
        }
        Ok(values)
    }

    /// The text of a column.
    pub fn text(&self, column: &str) -> Result<Vec<String>, Failure> {
        let c = self.index(column)?;
        Ok(self.rows.iter().map(|r| r[c].to_string()).collect())
    }

    /// A numeric column; empty cells are an error unless `missing_ok` (then NaN).
    pub fn numbers(&self, column: &str, missing_ok: bool) -> Result<Vec<f64>, Failure> {
        let c = self.index(column)?;
        let mut out = Vec::with_capacity(self.rows.len());
        for (r, line) in self.rows.iter().zip(&self.lines) {
            let cell = &r[c];
            if cell.is_empty() {
                if missing_ok {
                    out.push(f64::NAN);
                    continue;
                }
                return Err(Failure::data(tr(
                    format!(
                        "{}, dòng {line}, cột `{column}`: ô trống; cần một số",
                        self.path
                    ),
                    format!(
                        "{}, line {line}, column `{column}`: empty cell; a number is expected",
                        self.path
                    ),
                )));
            }
            match self.number(cell) {
                Some(v) => out.push(v),
                None => {
                    let (vi, en) = match self.decimal {
                        DecimalMark::Comma => (
                            "dấu thập phân của tệp này là dấu phẩy, dấu chấm chỉ để phân cách hàng nghìn",
                            "this file's decimal mark is a comma; points only group thousands",
                        ),
                        _ => (
                            "dấu thập phân là dấu chấm, không có dấu phân cách hàng nghìn",
                            "the decimal mark is a point, with no thousands separator",
                        ),
                    };
                    return Err(Failure::data(tr(
                        format!(
                            "{}, dòng {line}, cột `{column}`: `{cell}` không phải là một số hữu hạn ({vi})",
                            self.path
                        ),
                        format!(
                            "{}, line {line}, column `{column}`: `{cell}` is not a finite number ({en})",
                            self.path
                        ),
                    )));
                }
            }
        }
        Ok(out)
    }

    /// A column of years (integers).
    pub fn years(&self, column: &str) -> Result<Vec<i32>, Failure> {
        let c = self.index(column)?;
        let mut out = Vec::with_capacity(self.rows.len());
        for (r, line) in self.rows.iter().zip(&self.lines) {
            let cell = &r[c];
            match cell.parse::<i32>() {
                Ok(v) => out.push(v),
                Err(_) => {
                    return Err(Failure::data(tr(
                        format!(
                            "{}, dòng {line}, cột `{column}`: `{cell}` không phải là một năm",
                            self.path
                        ),
                        format!(
                            "{}, line {line}, column `{column}`: `{cell}` is not a year",
                            self.path
                        ),
                    )));
                }
            }
        }
        Ok(out)
    }
}

/// The CSV reader's failure in the reader's language. Text is decoded before it is parsed,
/// so what remains is a row whose number of cells differs from the header's.
fn csv_failure(path: &str, e: &csv::Error) -> Failure {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
            ..
        } => {
            let line = pos.as_ref().map_or(0, csv::Position::line);
            Failure::data(tr(
                format!(
                    "{path}, dòng {line}: có {len} ô nhưng dòng tiêu đề có {expected_len} cột (ô có dấu phân cách phải nằm trong ngoặc kép)"
                ),
                format!(
                    "{path}, line {line}: {len} cells but the header has {expected_len} columns (a cell holding the separator must be quoted)"
                ),
            ))
        }
        _ => {
            let line = e.position().map(csv::Position::line);
            Failure::data(tr(
                match line {
                    Some(l) => format!("{path}, dòng {l}: không đọc được CSV ({e})"),
                    None => format!("{path}: không đọc được CSV ({e})"),
                },
                match line {
                    Some(l) => format!("{path}, line {l}: unreadable CSV ({e})"),
                    None => format!("{path}: unreadable CSV ({e})"),
                },
            ))
        }
    }
}

/// A number for a CSV cell: empty when undefined, else full precision.
pub fn cell(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v}"),
        _ => String::new(),
    }
}

/// Writes rows of cells as CSV to a string.
pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> Result<String, Failure> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err =
        |e: csv::Error| Failure::data(tr(format!("ghi CSV: {e}"), format!("CSV output: {e}")));
    w.write_record(header).map_err(err)?;
    for r in rows {
        w.write_record(r).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::data(tr(format!("ghi CSV: {e}"), format!("CSV output: {e}"))))?;
    String::from_utf8(bytes)
        .map_err(|e| Failure::data(tr(format!("ghi CSV: {e}"), format!("CSV output: {e}"))))
}
