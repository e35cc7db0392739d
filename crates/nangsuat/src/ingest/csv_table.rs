//! CSV tables as PX-Web exports them (wide: label columns, then one column per period and/or
//! indicator).
//!
//! What is read: RFC 4180 quoting, CRLF or LF, a UTF-8 or UTF-16 byte-order mark (UTF-8
//! otherwise, Windows-1252 when the bytes are not UTF-8), the delimiter (`,`, `;` or tab,
//! from the header line), decimal commas (Vietnamese exports: `97582,7`, detected from the
//! values), and header cells that combine a period and an indicator with its unit
//! (`"2020 (*) Average population (Thous. pers.)"` → period 2020, indicator `Average
//! population (Thous. pers.)`, unit `Thous. pers.`). The leading columns whose values are
//! text are the label dimensions; the others are values. When any value header holds a
//! period, the columns become two dimensions, `time` and (if any header has more text)
//! `indicator`; otherwise one dimension `column`. Values go through
//! [`super::symbols::parse_value`]: missing symbols and dirty numbers become a
//! status, never an error for the whole file.

use encoding_rs::{Encoding, WINDOWS_1252};

use super::period::parse_code_label;
use super::sdmx::Builder;
use super::symbols::{DecimalMark, missing_kind, parse_number, parse_value};
use super::table::{Cell, Format, Metadata, Role, Table};
use super::{ReadOptions, clean_label, parse_error};
use crate::error::Result;

const FORMAT: &str = "CSV";

/// Text from bytes: a BOM's encoding, else UTF-8, else Windows-1252.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The delimiter of the first line: the most frequent of `,`, `;`, tab outside quotes (a
/// comma when none occurs, or on a tie with it).
///
/// ```
/// use nangsuat::ingest::csv_table::sniff_delimiter;
/// assert_eq!(sniff_delimiter("năm;GRDP;\"vốn; tỷ đồng\"\n2020;1,5;2\n"), b';');
/// assert_eq!(sniff_delimiter("year,output\n"), b',');
/// ```
pub fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut in_quote = false;
    for c in line.chars() {
        match c {
            '"' => in_quote = !in_quote,
            ',' if !in_quote => counts[0] += 1,
            ';' if !in_quote => counts[1] += 1,
            '\t' if !in_quote => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Decimal mark of the value fields: the mark more of them show than the other, a comma
/// where a comma cannot be a thousands separator (`97582,7`) or follows a point (`1.234,5`),
/// a point likewise (`97582.7`, `1,234.5`); `otherwise` when the fields do not tell
/// (`1.234`, whole numbers, or as many of each).
///
/// ```
/// use nangsuat::ingest::csv_table::sniff_decimal;
/// use nangsuat::ingest::symbols::DecimalMark;
/// assert_eq!(sniff_decimal(&["97582,7", "12"], DecimalMark::Point), DecimalMark::Comma);
/// assert_eq!(sniff_decimal(&["1.234", "12"], DecimalMark::Comma), DecimalMark::Comma);
/// assert_eq!(sniff_decimal(&["1.234", "0.5"], DecimalMark::Comma), DecimalMark::Point);
/// ```
pub fn sniff_decimal(fields: &[&str], otherwise: DecimalMark) -> DecimalMark {
    let mut comma = 0usize;
    let mut point = 0usize;
    for f in fields {
        let f = f.trim();
        if f.is_empty() || !f.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        match (f.rfind(','), f.rfind('.')) {
            (Some(c), Some(p)) if p < c => comma += 1,
            (Some(_), Some(_)) => point += 1,
            (Some(c), None) => {
                let after = &f[c + 1..];
                if after.len() != 3 || f.matches(',').count() == 1 && f[..c].len() > 3 {
                    comma += 1;
                }
            }
            (None, Some(p)) => {
                let after = &f[p + 1..];
                if after.len() != 3 {
                    point += 1;
                }
            }
            (None, None) => {}
        }
    }
    match comma.cmp(&point) {
        std::cmp::Ordering::Greater => DecimalMark::Comma,
        std::cmp::Ordering::Less => DecimalMark::Point,
        std::cmp::Ordering::Equal => otherwise,
    }
}

/// Reads a PX-Web style CSV table (see the module docs).
///
/// # Errors
/// [`Error::Parse`](crate::Error::Parse) naming the line when the text is not CSV, has no header, or a row has
/// more fields than the header.
///
/// ```
/// use nangsuat::ingest::{csv_table::parse_csv, ReadOptions};
/// let csv = b"\"Region\",\"2023\",\"Prel. 2024\"\r\n\"Ha Noi\",\"1,5\",\"..\"\r\n";
/// let t = parse_csv(csv, &ReadOptions::default())?;
/// assert_eq!(t.cells[0].value, Some(1.5));
/// assert!(t.cells[1].value.is_none());
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn parse_csv(bytes: &[u8], options: &ReadOptions) -> Result<Table> {
    let file = options.file();
    let text = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut rec = csv::StringRecord::new();
    let bytes_text = text.as_bytes();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    loop {
        // The line a record starts on, from its byte offset (the reader may not have
        // consumed the previous line's terminator yet).
        let mut at = rdr.position().byte() as usize;
        while at < bytes_text.len() && matches!(bytes_text[at], b'\r' | b'\n') {
            at += 1;
        }
        let line = line_starts.partition_point(|&s| s <= at);
        let more = rdr.read_record(&mut rec).map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            parse_error(FORMAT, file, line, format!("not readable as CSV: {e}"))
        })?;
        if !more {
            break;
        }
        let fields: Vec<String> = rec.iter().map(str::to_string).collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows.push((line, fields));
    }
    let Some((_, header)) = rows.first().cloned() else {
        return Err(parse_error(
            FORMAT,
            file,
            Some(1),
            "no header row: the file is empty",
        ));
    };
    let data = &rows[1..];
    let width = header.len();
    if let Some((line, r)) = data.iter().find(|(_, r)| r.len() > width) {
        return Err(parse_error(
            FORMAT,
            file,
            Some(*line),
            format!("{} fields but the header has {width}", r.len()),
        ));
    }
    // Label columns: leading columns whose data are not all numbers or missing symbols.
    let numeric_col = |c: usize| {
        data.iter().all(|(_, r)| {
            let f = r.get(c).map(String::as_str).unwrap_or("").trim();
            missing_kind(f).is_some()
                || parse_number(f, DecimalMark::Point).is_some()
                || parse_number(f, DecimalMark::Comma).is_some()
                || parse_value(f, DecimalMark::Point).value.is_some()
        })
    };
    let n_labels = (0..width).find(|&c| numeric_col(c)).unwrap_or(width);
    if n_labels == width {
        return Err(parse_error(
            FORMAT,
            file,
            Some(2),
            "no value column: every column holds text; expected label columns then values",
        ));
    }
    let value_fields: Vec<&str> = data
        .iter()
        .flat_map(|(_, r)| r.iter().skip(n_labels).map(String::as_str))
        .collect();
    let decimal = sniff_decimal(&value_fields, DecimalMark::Point);

    // Value headers: period (+status) and indicator text.
    let heads: Vec<Head> = header[n_labels..]
        .iter()
        .map(|h| split_header(&clean_label(h)))
        .collect();
    let with_period = heads.iter().any(|(p, _)| p.is_some());
    let with_indicator = heads.iter().any(|(_, rest)| !rest.is_empty());

    let mut b = Builder::new(FORMAT, file, bytes.len());
    let label_ids: Vec<String> = header[..n_labels]
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = clean_label(&super::tcvn3::convert_if_tcvn3(h).unwrap_or_else(|| h.clone()));
            if h.is_empty() {
                format!("label{}", i + 1)
            } else {
                h
            }
        })
        .collect();
    for id in &label_ids {
        b.dim(id);
    }
    let (time_dim, ind_dim) = if with_period {
        (
            Some(b.dim("time")),
            with_indicator.then(|| b.dim("indicator")),
        )
    } else {
        (None, Some(b.dim("column")))
    };
    let mut warned_tcvn3 = false;
    for (line, r) in data {
        let labels: Vec<String> = (0..n_labels)
            .map(|c| {
                let raw = r.get(c).map(String::as_str).unwrap_or("");
                match super::tcvn3::convert_if_tcvn3(raw) {
                    Some(u) => {
                        warned_tcvn3 = true;
                        u
                    }
                    None => raw.to_string(),
                }
            })
            .collect();
        for (j, (head, rest)) in heads.iter().enumerate() {
            let c = n_labels + j;
            let mut keys: Vec<(&str, &str, &str)> = label_ids
                .iter()
                .zip(&labels)
                .map(|(id, l)| (id.as_str(), l.trim(), l.as_str()))
                .collect();
            let time_code;
            if let (Some(_), Some((p, _, label))) = (time_dim, head) {
                time_code = p.to_string();
                keys.push(("time", time_code.as_str(), label.as_str()));
            }
            if ind_dim.is_some() {
                let id = if with_period { "indicator" } else { "column" };
                let text = if with_period {
                    rest.as_str()
                } else {
                    header[c].as_str()
                };
                keys.push((id, text.trim(), text));
            }
            let coords = b.coords(&keys);
            let field = r.get(c).map(String::as_str).unwrap_or("");
            let p = parse_value(field, decimal);
            let cell = Cell::new(
                coords,
                p.value,
                p.status,
                p.symbol,
                format!("line {line}, column {}", c + 1),
            );
            b.push(cell)?;
        }
    }
    let (mut dims, cells) = b.finish();
    // Periods, statuses and units onto the categories.
    for d in &mut dims {
        if d.id == "time" && with_period {
            d.role = Role::Time;
            for cat in &mut d.categories {
                if let Some((p, s, _)) = heads
                    .iter()
                    .filter_map(|(h, _)| h.as_ref())
                    .find(|(_, _, l)| *l == cat.label)
                {
                    cat.period = Some(*p);
                    cat.status = s.clone();
                }
            }
        }
        if d.id == "indicator" || d.id == "column" {
            for cat in &mut d.categories {
                cat.unit = unit_in_label(&cat.label);
            }
        }
    }
    let mut warnings = Vec::new();
    if warned_tcvn3 {
        warnings.push("labels in the TCVN3 (ABC) font encoding were converted to Unicode".into());
    }
    Table {
        metadata: Metadata {
            format: Some(Format::Csv),
            file: options.name.clone(),
            warnings,
            ..Metadata::default()
        },
        dimensions: dims,
        cells,
    }
    .with_unique_cells(FORMAT, file)
}

type Head = (
    Option<(super::Period, Option<super::Status>, String)>,
    String,
);

/// `2020 (*) Average population (Thous. pers.)` → (2020, `2020 (*)`), `Average population
/// (Thous. pers.)`. The longest leading (or else trailing) run of words that reads as a
/// period label is the period.
fn split_header(h: &str) -> Head {
    let words: Vec<&str> = h.split(' ').filter(|w| !w.is_empty()).collect();
    for n in (1..=words.len().min(4)).rev() {
        let lead = words[..n].join(" ");
        if let Some((p, s)) = parse_code_label(&lead) {
            return (Some((p, s, lead)), words[n..].join(" "));
        }
    }
    for n in (1..=words.len().min(4)).rev() {
        let tail = words[words.len() - n..].join(" ");
        if let Some((p, s)) = parse_code_label(&tail) {
            return (Some((p, s, tail)), words[..words.len() - n].join(" "));
        }
    }
    (None, h.to_string())
}

/// The unit written at the end of a label in parentheses: `Average population (Thous.
/// pers.)` → `Thous. pers.`; `Area (Km2(*)` → `Km2`.
pub(crate) fn unit_in_label(label: &str) -> Option<String> {
    let l = label.replace("(*)", "");
    let l = l.trim();
    let open = l.find(" (")?;
    let unit = l[open + 2..].trim().trim_end_matches(')').trim();
    (!unit.is_empty() && unit.len() < 40).then(|| unit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_headers_and_decimal_commas() {
        let csv = "\"Tỉnh\";\"2019 Dân số (Nghìn người)\";\"Sơ bộ 2020 Dân số (Nghìn người)\"\n\"Hà Nội\";8093,9;8246,6\n";
        let t = parse_csv(csv.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(t.dimensions.len(), 3);
        assert_eq!(t.dimensions[1].role, Role::Time);
        assert_eq!(
            t.value(&["Hà Nội", "2020", "Dân số (Nghìn người)"]),
            Some(8246.6)
        );
        let d = &t.dimensions[1];
        assert_eq!(
            d.categories[1].status,
            Some(super::super::Status::Preliminary)
        );
        assert_eq!(
            t.dimensions[2].categories[0].unit.as_deref(),
            Some("Nghìn người")
        );
    }

    #[test]
    fn ragged_rows_are_errors() {
        let e = parse_csv(b"a,b\nx,1,2\n", &ReadOptions::default().name("f.csv")).unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("3 fields"),
            "{e}"
        );
        assert_eq!(unit_in_label("Area (Km2(*)").as_deref(), Some("Km2"));
    }
}
