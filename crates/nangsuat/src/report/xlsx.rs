//! The report as an Excel workbook (feature `xlsx`, written by rust_xlsxwriter): sheets for
//! the summary, the goals (one row per goal), the observations used (with source and
//! evidence), the validation findings and the growth accounting. Numbers are stored as
//! numbers with number formats, header rows are frozen, column widths set, and sheet names
//! are in the report's language.
//!
//! ```
//! use nangsuat::report::{Lang, Report};
//! let bytes = nangsuat::vietnam::report()?.to_xlsx(Lang::En)?;
//! assert_eq!(&bytes[..2], b"PK"); // a zip container, as every .xlsx
//! # Ok::<(), nangsuat::Error>(())
//! ```

use super::labels::Labels;
use super::{Lang, Report, words};
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

fn write_error(path: &str) -> impl Fn(XlsxError) -> Error + '_ {
    move |e| Error::Write {
        path: path.to_string(),
        message: e.to_string(),
    }
}

struct Formats {
    header: Format,
    number: Format,
    integer: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("#E7EBEF")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            number: Format::new().set_num_format("#,##0.00"),
            integer: Format::new().set_num_format("0"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// A sheet being written row by row.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
}

enum Cell<'a> {
    Text(&'a str),
    Wrapped(&'a str),
    Num(Option<f64>),
    Int(Option<f64>),
}

impl Sheet<'_> {
    fn header(&mut self, names: &[&str], widths: &[f64]) -> std::result::Result<(), XlsxError> {
        for (c, (name, width)) in names.iter().zip(widths).enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            self.ws
                .write_string_with_format(0, c, *name, &self.f.header)?;
            self.ws.set_column_width(c, *width)?;
        }
        self.ws.set_freeze_panes(1, 0)?;
        self.row = 1;
        Ok(())
    }

    fn push(&mut self, cells: &[Cell<'_>]) -> std::result::Result<(), XlsxError> {
        for (c, cell) in cells.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(t) => {
                    self.ws.write_string(self.row, c, *t)?;
                }
                Cell::Wrapped(t) => {
                    self.ws
                        .write_string_with_format(self.row, c, *t, &self.f.wrap)?;
                }
                Cell::Num(Some(v)) if v.is_finite() => {
                    self.ws
                        .write_number_with_format(self.row, c, *v, &self.f.number)?;
                }
                Cell::Int(Some(v)) if v.is_finite() => {
                    self.ws
                        .write_number_with_format(self.row, c, *v, &self.f.integer)?;
                }
                // Undefined numbers are empty cells, never text.
                Cell::Num(_) | Cell::Int(_) => {}
            }
        }
        self.row += 1;
        Ok(())
    }
}

impl Report {
    /// The report as the bytes of an `.xlsx` workbook in `lang`.
    ///
    /// # Errors
    /// [`Error::Write`] if the workbook cannot be assembled (never for a report made here).
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>> {
        let mut wb = self
            .workbook(&Labels::new(lang))
            .map_err(write_error("workbook"))?;
        wb.save_to_buffer().map_err(write_error("workbook"))
    }

    /// Writes the report as an `.xlsx` workbook to `path`.
    ///
    /// # Errors
    /// [`Error::Write`] naming the path when it cannot be written.
    pub fn write_xlsx(&self, lang: Lang, path: impl AsRef<std::path::Path>) -> Result<()> {
        let bytes = self.to_xlsx(lang)?;
        let p = path.as_ref();
        std::fs::write(p, bytes).map_err(|e| Error::Write {
            path: p.display().to_string(),
            message: e.to_string(),
        })
    }

    fn workbook(&self, w: &Labels) -> std::result::Result<Workbook, XlsxError> {
        let f = Formats::new();
        let mut wb = Workbook::new();
        // Summary.
        {
            let ws = wb.add_worksheet();
            ws.set_name(w.sheets[0])?;
            let mut s = Sheet { ws, f: &f, row: 0 };
            s.header(&[w.status, w.goals], &[28.0, 12.0])?;
            for (status, n) in self.status_counts() {
                s.push(&[
                    Cell::Text(words::status(w.lang, status)),
                    Cell::Int(Some(n as f64)),
                ])?;
            }
            s.row += 1;
            let method = self.method.name();
            let year = self.latest_data_year.map(f64::from);
            s.push(&[Cell::Text(w.method), Cell::Text(method)])?;
            s.push(&[
                Cell::Text(w.observations),
                Cell::Int(Some(self.observation_count as f64)),
            ])?;
            s.push(&[Cell::Text(w.latest), Cell::Int(year)])?;
        }
        // Goals: one row per goal.
        {
            let ws = wb.add_worksheet();
            ws.set_name(w.sheets[1])?;
            let mut s = Sheet { ws, f: &f, row: 0 };
            s.header(
                &[
                    w.plan,
                    w.goal,
                    w.indicator,
                    w.target,
                    w.period,
                    w.status,
                    w.value,
                    w.evidence,
                    w.reason,
                    w.needed,
                    w.wording,
                ],
                &[
                    16.0, 24.0, 30.0, 16.0, 11.0, 18.0, 12.0, 14.0, 60.0, 36.0, 60.0,
                ],
            )?;
            for p in &self.plans {
                for g in &p.goals {
                    let name = match w.lang {
                        Lang::Vi if !g.indicator_vi.is_empty() => &g.indicator_vi,
                        Lang::En if !g.indicator_en.is_empty() => &g.indicator_en,
                        _ => &g.indicator,
                    };
                    let period = match g.period {
                        (Some(a), b) if a != b => format!("{a}–{b}"),
                        (_, b) => b.to_string(),
                    };
                    let mut ev: Vec<&str> = g
                        .observations
                        .iter()
                        .map(|c| words::evidence(w.lang, c.evidence))
                        .collect();
                    ev.sort_unstable();
                    ev.dedup();
                    let ev = ev.join(", ");
                    let target = words::target(w.lang, &g.target, &g.unit, &self.places);
                    let reason = words::reason(w.lang, &g.reason, &g.unit, &self.places);
                    let needed = g
                        .needed
                        .as_ref()
                        .map(|n| words::needed(w.lang, n, &g.unit))
                        .unwrap_or_default();
                    s.push(&[
                        Cell::Text(&p.id),
                        Cell::Text(&g.goal),
                        Cell::Wrapped(name),
                        Cell::Text(&target),
                        Cell::Text(&period),
                        Cell::Text(words::status(w.lang, g.status)),
                        Cell::Num(g.current),
                        Cell::Text(&ev),
                        Cell::Wrapped(&reason),
                        Cell::Wrapped(&needed),
                        Cell::Wrapped(g.source_text.as_deref().unwrap_or("")),
                    ])?;
                }
            }
            s.ws.autofilter(0, 0, s.row.saturating_sub(1).max(1), 10)?;
        }
        // Observations used.
        {
            let ws = wb.add_worksheet();
            ws.set_name(w.sheets[2])?;
            let mut s = Sheet { ws, f: &f, row: 0 };
            s.header(
                &[
                    w.plan, w.goal, w.period, w.value, w.unit, w.evidence, w.source, w.note,
                ],
                &[16.0, 24.0, 11.0, 12.0, 14.0, 14.0, 50.0, 50.0],
            )?;
            for p in &self.plans {
                for g in &p.goals {
                    for c in &g.observations {
                        let when = words::when(w.lang, c.when);
                        let unit = words::unit(w.lang, &c.unit);
                        s.push(&[
                            Cell::Text(&p.id),
                            Cell::Text(&g.goal),
                            Cell::Text(&when),
                            Cell::Num(Some(c.value)),
                            Cell::Text(&unit),
                            Cell::Text(words::evidence(w.lang, c.evidence)),
                            Cell::Text(&c.source_url),
                            Cell::Wrapped(&c.note),
                        ])?;
                    }
                }
            }
        }
        // Validation findings.
        {
            let ws = wb.add_worksheet();
            ws.set_name(w.sheets[3])?;
            let mut s = Sheet { ws, f: &f, row: 0 };
            s.header(
                &[w.severity, w.code, w.location, w.message],
                &[12.0, 28.0, 40.0, 90.0],
            )?;
            for fi in &self.findings {
                let loc = words::location(w.lang, &fi.location);
                let message = words::finding(w.lang, fi);
                s.push(&[
                    Cell::Text(words::severity(w.lang, fi.severity)),
                    Cell::Text(words::finding_code(w.lang, fi.code)),
                    Cell::Text(&loc),
                    Cell::Wrapped(&message),
                ])?;
            }
        }
        // Growth accounting.
        {
            let ws = wb.add_worksheet();
            ws.set_name(w.sheets[4])?;
            let mut s = Sheet { ws, f: &f, row: 0 };
            s.header(
                &[
                    w.period,
                    w.output_growth,
                    w.capital,
                    w.labour,
                    w.labour_quality,
                    w.tfp,
                    w.tfp_share,
                ],
                &[14.0, 14.0, 12.0, 12.0, 14.0, 12.0, 14.0],
            )?;
            if let Some(a) = &self.accounting {
                for y in &a.years {
                    let c = y.contributions;
                    let label = y.year.to_string();
                    s.push(&[
                        Cell::Text(&label),
                        Cell::Num(Some(c.output)),
                        Cell::Num(Some(c.capital)),
                        Cell::Num(Some(c.labour)),
                        Cell::Num(Some(c.labour_quality)),
                        Cell::Num(Some(c.tfp)),
                        Cell::Num(y.tfp_share),
                    ])?;
                }
                for p in &a.periods {
                    let c = p.contributions;
                    let label = format!("{}–{}", p.from, p.to);
                    s.push(&[
                        Cell::Text(&label),
                        Cell::Num(c.map(|c| c.output)),
                        Cell::Num(c.map(|c| c.capital)),
                        Cell::Num(c.map(|c| c.labour)),
                        Cell::Num(c.map(|c| c.labour_quality)),
                        Cell::Num(c.map(|c| c.tfp)),
                        Cell::Num(p.tfp_share),
                    ])?;
                }
            }
        }
        Ok(wb)
    }
}
