//! Spreadsheets (XLSX and legacy XLS, read by `calamine`) laid out as statistics offices
//! lay out their tables.
//!
//! A sheet is read as a title, header rows, label columns and a block of values. Each part
//! is detected, or stated in [`SheetOptions`]:
//! * label columns: the leading columns left of the first column that holds numbers in
//!   rows that have a text label (indented hierarchies over two columns are one row
//!   dimension: a row's label is its rightmost label cell);
//! * the first data row: the first row with a text label and a number;
//! * header rows: the rows between the title and the first data row; a column's header is
//!   its header-row texts joined top to bottom, merged cells filling every column they span
//!   (`Sơ bộ` / `quý III` / `năm` / `2024` → `Sơ bộ quý III năm 2024` → 2024-Q3,
//!   preliminary); if every column's header reads as a distinct period the column
//!   dimension is time;
//! * the unit: a row above the data with a single text cell (`Tỷ đồng` in a corner), or
//!   [`SheetOptions::unit_cell`]; a row inside the data with a single text cell in the value
//!   columns (`Cơ cấu - %`) sets the unit of the rows below it;
//! * rows with a label but no value (group headings, footnotes) carry no cells.
//!
//! The first visible sheet is read unless [`ReadOptions::sheet`](super::ReadOptions) names
//! one (hidden sheets are listed in the warnings). Text in the TCVN3 (ABC) font encoding
//! is detected and converted to Unicode ([`super::tcvn3`]).

use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible, Sheets, Xls, Xlsx, open_workbook_from_rs};

use super::period::parse_label;
use super::symbols::{DecimalMark, parse_value};
use super::table::{Category, Cell, Dimension, Format, Metadata, MissingKind, Role, Status, Table};
use super::{ReadOptions, clean_label, parse_error, tcvn3};
use crate::error::{Error, Result};

/// Where the parts of a sheet are, when detection is not enough. Rows and columns are
/// 1-based, as a spreadsheet shows them.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct SheetOptions {
    /// First and last header rows.
    pub header_rows: Option<(u32, u32)>,
    /// Number of leading label columns.
    pub label_columns: Option<u32>,
    /// First and last data rows.
    pub data_rows: Option<(u32, u32)>,
    /// The cell that holds the unit (`H3`).
    pub unit_cell: Option<String>,
}

impl SheetOptions {
    /// Sets the header rows (1-based, inclusive).
    pub fn header_rows(mut self, first: u32, last: u32) -> Self {
        self.header_rows = Some((first, last));
        self
    }

    /// Sets the number of label columns.
    pub fn label_columns(mut self, n: u32) -> Self {
        self.label_columns = Some(n);
        self
    }

    /// Sets the data rows (1-based, inclusive).
    pub fn data_rows(mut self, first: u32, last: u32) -> Self {
        self.data_rows = Some((first, last));
        self
    }

    /// Sets the unit cell (`A1` notation).
    pub fn unit_cell(mut self, cell: impl Into<String>) -> Self {
        self.unit_cell = Some(cell.into());
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
enum G {
    Empty,
    Num(f64),
    Text(String),
    Err(String),
}

impl G {
    fn text(&self) -> Option<&str> {
        match self {
            G::Text(s) => Some(s),
            _ => None,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            G::Empty => true,
            G::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    fn header_text(&self) -> String {
        match self {
            G::Num(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", *v as i64),
            G::Num(v) => v.to_string(),
            G::Text(s) => clean_label(s),
            G::Err(e) => e.clone(),
            G::Empty => String::new(),
        }
    }
}

/// `A1` notation of a 0-based cell.
pub fn cell_ref(row: usize, col: usize) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// 0-based (row, col) of `A1` notation.
fn parse_ref(s: &str) -> Option<(usize, usize)> {
    let s = s.trim().replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters
        .to_ascii_uppercase()
        .bytes()
        .try_fold(0usize, |acc, b| {
            acc.checked_mul(26)?.checked_add((b - b'A' + 1) as usize)
        })?;
    let row: usize = digits.parse().ok()?;
    (row >= 1 && col >= 1).then(|| (row - 1, col - 1))
}

/// An XLS workbook (an OLE compound file) or an XLSX one (a ZIP package), and nothing else:
/// calamine's automatic detection also tries XLSB and ODS, and its XLSB reader panicked on a
/// fuzzed ZIP (an index out of bounds in `xlsb/mod.rs`, calamine 0.35; regression input
/// `fuzz/regressions/spreadsheet/calamine_xlsb_panic`). Formats nangsuat does not read are
/// not opened at all.
fn open_workbook(bytes: &[u8]) -> std::result::Result<Sheets<Cursor<&[u8]>>, String> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(OLE) {
        open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes))
            .map(Sheets::Xls)
            .map_err(|e| e.to_string())
    } else {
        open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
            .map(Sheets::Xlsx)
            .map_err(|e| e.to_string())
    }
}

/// Reads a sheet of an XLSX or XLS workbook (see the module docs).
///
/// # Errors
/// [`Error::Parse`] when the bytes are not a workbook or the sheet has no values;
/// [`Error::InvalidParameter`] for a sheet the workbook lacks (the message lists them).
pub fn parse_spreadsheet(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let file = options.file();
    let mut wb = open_workbook(bytes).map_err(|e| {
        parse_error(
            "spreadsheet",
            file,
            None,
            format!("not an XLSX or XLS workbook: {e}"),
        )
    })?;
    let format = match &wb {
        Sheets::Xls(_) => Format::Xls,
        _ => Format::Xlsx,
    };
    let meta = wb.sheets_metadata().to_vec();
    if meta.is_empty() {
        return Err(parse_error(
            "spreadsheet",
            file,
            None,
            "the workbook has no sheet",
        ));
    }
    let listing = || {
        meta.iter()
            .map(|m| {
                if m.visible == SheetVisible::Visible {
                    format!("`{}`", m.name)
                } else {
                    format!("`{}` (hidden)", m.name)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let name = match options.sheet.as_deref() {
        Some(want) => {
            let exact = meta.iter().find(|m| m.name == want);
            let loose = || {
                meta.iter()
                    .find(|m| m.name.trim().eq_ignore_ascii_case(want.trim()))
            };
            let by_pos = || {
                want.trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| meta.get(i))
            };
            match exact.or_else(loose).or_else(by_pos) {
                Some(m) => m.name.clone(),
                None => {
                    return Err(Error::invalid_parameter(
                        "sheet",
                        format!("{file}: no sheet `{want}`; the workbook has {}", listing()),
                    ));
                }
            }
        }
        None => meta
            .iter()
            .find(|m| m.visible == SheetVisible::Visible)
            .unwrap_or(&meta[0])
            .name
            .clone(),
    };
    let range = wb.worksheet_range(&name).map_err(|e| {
        parse_error(
            "spreadsheet",
            file,
            None,
            format!("sheet `{name}` cannot be read: {e}"),
        )
    })?;
    let merges: Vec<Merge> = match &mut wb {
        Sheets::Xlsx(x) => x
            .worksheet_merge_cells(&name)
            .and_then(|r| r.ok())
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect(),
        Sheets::Xls(x) => x
            .worksheet_merge_cells(&name)
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect(),
        _ => Vec::new(),
    };
    // The grid, in absolute coordinates.
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (h, w) = range.get_size();
    let (rows_n, cols_n) = (r0 as usize + h, c0 as usize + w);
    if rows_n.saturating_mul(cols_n) > 20_000_000 {
        return Err(parse_error(
            "spreadsheet",
            file,
            None,
            format!(
                "sheet `{name}` spans {rows_n} rows × {cols_n} columns: too large for a published table"
            ),
        ));
    }
    let mut grid = vec![vec![G::Empty; cols_n]; rows_n];
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            grid[r0 as usize + r][c0 as usize + c] = match d {
                Data::Empty => G::Empty,
                Data::Int(i) => G::Num(*i as f64),
                Data::Float(f) if f.is_finite() => G::Num(*f),
                Data::Float(f) => G::Err(f.to_string()),
                Data::String(s) => G::Text(s.clone()),
                Data::Bool(b) => G::Text(b.to_string()),
                Data::DateTime(dt) => G::Text(dt.to_string()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => G::Text(s.clone()),
                Data::Error(e) => G::Err(format!("{e}")),
            };
        }
    }
    let mut warnings = Vec::new();
    let hidden: Vec<&str> = meta
        .iter()
        .filter(|m| m.visible != SheetVisible::Visible)
        .map(|m| m.name.as_str())
        .collect();
    if !hidden.is_empty() {
        warnings.push(format!("hidden sheets not read: {}", hidden.join(", ")));
    }
    // TCVN3: if any text looks like it, convert every text with TCVN3 letters.
    let tcvn = grid
        .iter()
        .flatten()
        .filter_map(G::text)
        .any(tcvn3::looks_like_tcvn3);
    if tcvn {
        for g in grid.iter_mut().flatten() {
            if let G::Text(s) = g
                && s.chars().all(|c| (c as u32) <= 0xFF)
            {
                *s = tcvn3::to_unicode(s);
            }
        }
        warnings.push("text in the TCVN3 (ABC) font encoding was converted to Unicode".into());
    }
    let layout = Layout::detect(&grid, &merges, &options.layout, file, &name)?;
    let mut table = layout
        .build(&grid, &merges, &name)?
        .with_unique_cells("spreadsheet", file)?;
    table.metadata.format = Some(format);
    table.metadata.file = options.name.clone();
    table.metadata.warnings.extend(warnings);
    if tcvn && tcvn3::looks_like_tcvn3(&name) {
        table.metadata.table_id = Some(tcvn3::to_unicode(&name));
    }
    Ok(table)
}

/// A merged region: (first row, first column), (last row, last column), 0-based.
type Merge = ((u32, u32), (u32, u32));

struct Layout {
    title_row: Option<usize>,
    header: (usize, usize), // inclusive; header.0 > header.1 means none
    labels: usize,          // label columns 0..labels
    data: (usize, usize),   // inclusive
    unit: Option<(usize, usize)>,
}

impl Layout {
    #[allow(clippy::needless_range_loop)] // rows are compared with their neighbours by index
    fn detect(
        grid: &[Vec<G>],
        _merges: &[Merge],
        opts: &SheetOptions,
        file: &str,
        sheet: &str,
    ) -> Result<Layout> {
        let n_rows = grid.len();
        let no_values = || {
            parse_error(
                "spreadsheet",
                file,
                None,
                format!("sheet `{sheet}` has no numbers: expected a table of values"),
            )
        };
        // Label columns: the most common "first number column" among rows with a text label
        // before their first number.
        let labels = match opts.label_columns {
            Some(n) => n as usize,
            None => {
                let mut votes: std::collections::BTreeMap<usize, usize> = Default::default();
                for row in grid {
                    let Some(first_num) = row.iter().position(|g| matches!(g, G::Num(_))) else {
                        continue;
                    };
                    if row[..first_num]
                        .iter()
                        .any(|g| !g.is_empty() && g.text().is_some())
                    {
                        *votes.entry(first_num).or_default() += 1;
                    }
                }
                // Ties: the leftmost.
                let best = votes
                    .iter()
                    .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)));
                match best {
                    Some((&c, _)) => c,
                    None => return Err(no_values()),
                }
            }
        };
        let has_label = |r: usize| {
            grid[r][..labels.min(grid[r].len())]
                .iter()
                .any(|g| g.text().is_some_and(|t| !t.trim().is_empty()))
        };
        let has_num = |r: usize| grid[r].iter().skip(labels).any(|g| matches!(g, G::Num(_)));
        let (first_data, last_data) = match opts.data_rows {
            Some((a, b)) => (
                (a as usize).saturating_sub(1),
                (b as usize).saturating_sub(1).min(n_rows.saturating_sub(1)),
            ),
            None => {
                let first = (0..n_rows)
                    .find(|&r| has_label(r) && has_num(r))
                    .or_else(|| (0..n_rows).find(|&r| has_num(r)))
                    .ok_or_else(no_values)?;
                let last = (first..n_rows).rev().find(|&r| has_num(r)).unwrap_or(first);
                (first, last)
            }
        };
        let non_empty = |r: usize| grid[r].iter().filter(|g| !g.is_empty()).count();
        let title_row = (0..first_data)
            .find(|&r| non_empty(r) > 0)
            .filter(|&r| non_empty(r) == 1 && grid[r].iter().any(|g| g.text().is_some()));
        let mut unit = opts.unit_cell.as_deref().and_then(parse_ref);
        let header = match opts.header_rows {
            Some((a, b)) => (
                (a as usize).saturating_sub(1),
                (b as usize).saturating_sub(1),
            ),
            None => {
                let start = title_row.map_or(0, |t| t + 1);
                (start, first_data.saturating_sub(1))
            }
        };
        if unit.is_none() {
            // A row above the data with one text cell, in a value column.
            let from = title_row.map_or(0, |t| t + 1);
            for r in from..first_data {
                let cells: Vec<usize> = (0..grid[r].len())
                    .filter(|&c| !grid[r][c].is_empty())
                    .collect();
                if let [c] = cells.as_slice()
                    && *c >= labels
                    && grid[r][*c].text().is_some()
                {
                    unit = Some((r, *c));
                }
            }
        }
        Ok(Layout {
            title_row,
            header,
            labels,
            data: (first_data, last_data),
            unit,
        })
    }

    #[allow(clippy::needless_range_loop)] // rows are compared with their neighbours by index
    fn build(&self, grid: &[Vec<G>], merges: &[Merge], sheet: &str) -> Result<Table> {
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        let labels = self.labels.min(width);
        // Header texts per value column, merged cells filling their span.
        let header_cell = |r: usize, c: usize| -> String {
            if let Some(((mr, mc), _)) = merges.iter().find(|((r1, c1), (r2, c2))| {
                (*r1 as usize..=*r2 as usize).contains(&r)
                    && (*c1 as usize..=*c2 as usize).contains(&c)
            }) {
                return grid
                    .get(*mr as usize)
                    .and_then(|row| row.get(*mc as usize))
                    .map(G::header_text)
                    .unwrap_or_default();
            }
            grid.get(r)
                .and_then(|row| row.get(c))
                .map(G::header_text)
                .unwrap_or_default()
        };
        let header_rows: Vec<usize> = if self.header.0 <= self.header.1 {
            (self.header.0..=self.header.1)
                .filter(|&r| Some(r) != self.unit.map(|u| u.0) && Some(r) != self.title_row)
                .collect()
        } else {
            Vec::new()
        };
        let col_texts: Vec<String> = (labels..width)
            .map(|c| {
                let mut parts: Vec<String> = Vec::new();
                for &r in &header_rows {
                    let t = header_cell(r, c);
                    if !t.is_empty() && parts.last() != Some(&t) {
                        parts.push(t);
                    }
                }
                parts.join(" ")
            })
            .collect();
        // Which value columns hold anything in the data rows.
        let used: Vec<usize> = (labels..width)
            .filter(|&c| {
                (self.data.0..=self.data.1).any(|r| {
                    grid.get(r)
                        .and_then(|row| row.get(c))
                        .is_some_and(|g| !g.is_empty())
                })
            })
            .collect();
        let mut col_cats: Vec<Category> = Vec::new();
        let mut col_index = vec![u32::MAX; width];
        for &c in &used {
            let text = &col_texts[c - labels];
            let label = if text.is_empty() {
                cell_ref(0, c).trim_end_matches('1').to_string()
            } else {
                text.clone()
            };
            let mut cat = Category::new(label.clone(), label.clone());
            if let Some((p, s)) = parse_label(&label) {
                cat.period = Some(p);
                cat.status = s;
            }
            col_index[c] = col_cats.len() as u32;
            col_cats.push(cat);
        }
        // Distinct codes.
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        for cat in &col_cats {
            *seen.entry(cat.code.clone()).or_default() += 1;
        }
        for (i, &c) in used.iter().enumerate() {
            if seen[&col_cats[i].code] > 1 {
                col_cats[i].code = format!(
                    "{} [{}]",
                    col_cats[i].code,
                    cell_ref(0, c).trim_end_matches('1')
                );
            }
        }
        let periods: Vec<_> = col_cats.iter().map(|c| c.period).collect();
        let distinct = {
            let mut p: Vec<_> = periods.iter().flatten().collect();
            p.sort();
            p.dedup();
            p.len()
        };
        let is_time = !col_cats.is_empty()
            && periods.iter().all(Option::is_some)
            && distinct == col_cats.len();

        // Rows.
        let row_dim_label = header_rows
            .iter()
            .flat_map(|&r| (0..labels).map(move |c| (r, c)))
            .map(|(r, c)| header_cell(r, c))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        let mut row_cats: Vec<Category> = Vec::new();
        let mut cells = Vec::new();
        let mut section_unit: Option<String> = None;
        let mut label_count = std::collections::BTreeMap::<String, usize>::new();
        // (column, cleaned label, label as written).
        let row_label_raw = |r: usize| -> Option<(usize, String, String)> {
            (0..labels).rev().find_map(|c| {
                let raw = grid[r].get(c).and_then(G::text)?;
                let clean = clean_label(raw);
                (!clean.is_empty()).then(|| (c, clean, raw.to_string()))
            })
        };
        let row_label = |r: usize| row_label_raw(r).map(|(c, l, _)| (c, l));
        for r in self.data.0..=self.data.1.min(grid.len().saturating_sub(1)) {
            let has_num = used
                .iter()
                .any(|&c| matches!(grid[r].get(c), Some(G::Num(_))));
            if let (true, Some((_, l))) = (has_num, row_label(r)) {
                *label_count.entry(l).or_default() += 1;
            }
        }
        for r in self.data.0..=self.data.1.min(grid.len().saturating_sub(1)) {
            let row = &grid[r];
            let nums = used
                .iter()
                .filter(|&&c| matches!(row.get(c), Some(G::Num(_))))
                .count();
            if nums == 0 {
                let values: Vec<usize> = used
                    .iter()
                    .copied()
                    .filter(|&c| row.get(c).is_some_and(|g| !g.is_empty()))
                    .collect();
                if let ([c], None) = (values.as_slice(), row_label(r))
                    && let Some(t) = row[*c].text()
                {
                    section_unit = Some(clean_label(t));
                }
                continue;
            }
            let (label_col, label, raw) = row_label_raw(r)
                .unwrap_or_else(|| (0, format!("row {}", r + 1), format!("row {}", r + 1)));
            let code = if label_count.get(&label).copied().unwrap_or(0) > 1 {
                format!("{label} [{}]", cell_ref(r, label_col))
            } else {
                label.clone()
            };
            let ri = row_cats.len() as u32;
            row_cats.push(Category::new(code, raw));
            for &c in &used {
                let g = row.get(c).cloned().unwrap_or(G::Empty);
                let location = format!("{sheet}!{}", cell_ref(r, c));
                let coords = vec![ri, col_index[c]];
                let mut cell = match g {
                    G::Num(v) => Cell::new(coords, Some(v), None, None, location),
                    G::Text(t) => {
                        let p = parse_value(&t, DecimalMark::Point);
                        Cell::new(coords, p.value, p.status, p.symbol, location)
                    }
                    G::Empty => Cell::new(
                        coords,
                        None,
                        Some(Status::Missing(MissingKind::NotAvailable)),
                        Some(String::new()),
                        location,
                    ),
                    G::Err(e) => Cell::new(
                        coords,
                        None,
                        Some(Status::Missing(MissingKind::Unreadable)),
                        Some(e),
                        location,
                    ),
                };
                cell.unit = section_unit.clone();
                cells.push(cell);
            }
        }
        let title = self
            .title_row
            .and_then(|r| grid[r].iter().find_map(G::text).map(clean_label));
        let unit = self
            .unit
            .and_then(|(r, c)| grid.get(r)?.get(c))
            .and_then(G::text)
            .map(clean_label);
        let row_dim = Dimension::new(
            if row_dim_label.is_empty() {
                "row".to_string()
            } else {
                row_dim_label.clone()
            },
            if row_dim_label.is_empty() {
                "row".to_string()
            } else {
                row_dim_label
            },
            Role::Other,
            row_cats,
        );
        let col_dim = Dimension::new(
            if is_time { "time" } else { "column" },
            if is_time { "time" } else { "column" },
            if is_time { Role::Time } else { Role::Other },
            col_cats,
        );
        Ok(Table {
            metadata: Metadata {
                table_id: Some(sheet.to_string()),
                title,
                unit,
                ..Metadata::default()
            },
            dimensions: vec![row_dim, col_dim],
            cells,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(8, 27), "AB9");
        assert_eq!(parse_ref("H3"), Some((2, 7)));
        assert_eq!(parse_ref("$AB$9"), Some((8, 27)));
        assert_eq!(parse_ref("9"), None);
    }

    #[test]
    fn not_a_workbook() {
        let e = parse_spreadsheet(b"PK\x03\x04garbage", &ReadOptions::default().name("x.xlsx"))
            .unwrap_err();
        assert!(e.to_string().contains("x.xlsx"), "{e}");
    }
}
