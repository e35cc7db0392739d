//! `nangsuat shift-share` and `nangsuat index`: the structure wing on long (tidy) CSV files.
//!
//! Each reads one row per unit (sector, province) or item and period, arranges the rows into the
//! aligned columns the core takes, calls it, and writes one row per unit and comparison plus the
//! aggregate. Every number comes from `nangsuat::structure`; this file only arranges rows.

use crate::commands::{emit, s, with_spinner};
use crate::table::{Table, cell, to_csv};
use crate::{Failure, Outcome, tr};
use clap::ArgMatches;
use nangsuat::structure::index::{Formula, Linking, bilateral, index_series};
use nangsuat::structure::shift_share::{
    GeadPeriod, ShiftShare, domar_aggregate, gead, regions_to_nation, shift_share,
    shift_share_with_taxes,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// Rows of a long table keyed by (period, unit): units in order of first appearance, periods
/// ascending, at most one row per pair.
struct Panel {
    units: Vec<String>,
    years: Vec<i32>,
    rows: HashMap<(i32, usize), usize>,
}

impl Panel {
    /// One row per (unit, year), or an error naming both lines of a duplicate.
    fn new(
        t: &Table,
        unit_column: &str,
        units: &[String],
        years: &[i32],
    ) -> Result<Panel, Failure> {
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut rows = HashMap::new();
        for (i, (u, y)) in units.iter().zip(years).enumerate() {
            let k = *index.entry(u.as_str()).or_insert_with(|| {
                names.push(u.clone());
                names.len() - 1
            });
            if let Some(first) = rows.insert((*y, k), i) {
                return Err(Failure::data(tr(
                    format!(
                        "{}, dòng {}, cột `{unit_column}`: `{u}` năm {y} đã có ở dòng {}; mỗi đơn vị một dòng mỗi năm",
                        t.path,
                        t.line(i),
                        t.line(first)
                    ),
                    format!(
                        "{}, line {}, column `{unit_column}`: `{u}` in {y} is already on line {}; one row per unit and year",
                        t.path,
                        t.line(i),
                        t.line(first)
                    ),
                )));
            }
        }
        let years: Vec<i32> = years
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        Ok(Panel {
            units: names,
            years,
            rows,
        })
    }

    /// The pairs of years compared: `--from/--to`, else every adjacent pair.
    fn pairs(&self, t: &Table, m: &ArgMatches) -> Result<Vec<(i32, i32)>, Failure> {
        let pairs: Vec<(i32, i32)> = match (m.get_one::<i32>("from"), m.get_one::<i32>("to")) {
            (Some(a), Some(b)) => {
                if a >= b {
                    return Err(Failure::usage(tr(
                        format!("--from {a} --to {b}: năm cuối phải sau năm gốc"),
                        format!("--from {a} --to {b}: the end year must be after the base year"),
                    )));
                }
                for y in [a, b] {
                    if !self.years.contains(y) {
                        return Err(Failure::data(tr(
                            format!(
                                "{}: không có dòng nào của năm {y} (các năm: {})",
                                t.path,
                                join(&self.years)
                            ),
                            format!(
                                "{}: no row for the year {y} (years: {})",
                                t.path,
                                join(&self.years)
                            ),
                        )));
                    }
                }
                vec![(*a, *b)]
            }
            _ => self.years.windows(2).map(|w| (w[0], w[1])).collect(),
        };
        if pairs.is_empty() {
            return Err(Failure::data(tr(
                format!(
                    "{}: cần ít nhất hai năm để so sánh (các năm: {})",
                    t.path,
                    join(&self.years)
                ),
                format!(
                    "{}: at least two years are needed (years: {})",
                    t.path,
                    join(&self.years)
                ),
            )));
        }
        Ok(pairs)
    }

    /// The row of every unit in `year`, in unit order; an error names the first unit missing.
    fn year_rows(&self, t: &Table, year: i32) -> Result<Vec<usize>, Failure> {
        self.units
            .iter()
            .enumerate()
            .map(|(k, u)| {
                self.rows.get(&(year, k)).copied().ok_or_else(|| {
                    Failure::data(tr(
                        format!(
                            "{}: `{u}` không có dòng nào của năm {year}; mỗi đơn vị cần có ở cả hai năm so sánh",
                            t.path
                        ),
                        format!(
                            "{}: `{u}` has no row for {year}; every unit must be in both years compared",
                            t.path
                        ),
                    ))
                })
            })
            .collect()
    }
}

fn join(years: &[i32]) -> String {
    years
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn pick(values: &[f64], rows: &[usize]) -> Vec<f64> {
    rows.iter().map(|&i| values[i]).collect()
}

/// A value of the year repeated on each of its rows (net product taxes, aggregate real GDP,
/// aggregate value added): the same on every row, or an error naming the two lines that differ.
fn year_value(
    t: &Table,
    column: &str,
    values: &[f64],
    rows: &[usize],
    year: i32,
) -> Result<f64, Failure> {
    let first = rows[0];
    for &i in &rows[1..] {
        if values[i] != values[first] {
            return Err(Failure::data(tr(
                format!(
                    "{}, dòng {}, cột `{column}`: `{}` khác `{}` ở dòng {}; giá trị của năm {year} phải như nhau trên mọi dòng của năm",
                    t.path,
                    t.line(i),
                    values[i],
                    values[first],
                    t.line(first)
                ),
                format!(
                    "{}, line {}, column `{column}`: `{}` differs from `{}` on line {}; the value of {year} must be the same on every row of the year",
                    t.path,
                    t.line(i),
                    values[i],
                    values[first],
                    t.line(first)
                ),
            )));
        }
    }
    Ok(values[first])
}

fn with_file(t: &Table, years: (i32, i32), e: nangsuat::Error) -> Failure {
    Failure::data(format!(
        "{}, {}→{}: {}",
        t.path,
        years.0,
        years.1,
        crate::said(&e)
    ))
}

/// The CSV of shift-share decomposition rows (`from, to, kind, <unit column>`, then the terms).
fn decomposition_csv(unit_col: &str, rows: &[Vec<String>]) -> Result<String, Failure> {
    let mut h = header(&["from", "to", "kind", unit_col]);
    h.extend(header(&SHIFT_SHARE_COLUMNS));
    to_csv(&h, rows)
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|h| h.to_string()).collect()
}

/// `nangsuat shift-share`.
pub fn shift_share_cmd(m: &ArgMatches) -> Result<Outcome, Failure> {
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let unit_col = s(m, "unit");
    let units = t.text(unit_col)?;
    let years = t.years(s(m, "year"))?;
    let csv = match s(m, "method") {
        "gead" => gead_rows(&t, m, unit_col, &units, &years)?,
        "regions" => regions_rows(&t, m, unit_col, &units, &years)?,
        "domar" => domar_rows(&t, m, unit_col, &units, &years)?,
        _ => classic_rows(&t, m, unit_col, &units, &years)?,
    };
    emit(m, csv.into_bytes())
}

/// The columns of the classic (and regional) decomposition.
const SHIFT_SHARE_COLUMNS: [&str; 9] = [
    "within",
    "static_shift",
    "dynamic_shift",
    "tax",
    "change",
    "growth_contribution",
    "base_level",
    "end_level",
    "growth",
];

/// Rows of one decomposition: each unit's terms scaled by `scale` (1, or 1/(1 − τ⁰) with product
/// taxes so that units sum to the total), then the total.
fn decomposition_rows(
    from: i32,
    to: i32,
    names: &[String],
    d: &ShiftShare,
    scale: f64,
    unit_kind: &str,
    rows: &mut Vec<Vec<String>>,
) {
    let p0 = d.base_level;
    for (name, u) in names.iter().zip(&d.units) {
        let (w, st, dy) = (
            u.within * scale,
            u.static_shift * scale,
            u.dynamic_shift * scale,
        );
        let change = w + st + dy;
        rows.push(vec![
            from.to_string(),
            to.to_string(),
            unit_kind.to_string(),
            name.clone(),
            cell(Some(w)),
            cell(Some(st)),
            cell(Some(dy)),
            String::new(),
            cell(Some(change)),
            cell(Some(change / p0)),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    rows.push(vec![
        from.to_string(),
        to.to_string(),
        "total".into(),
        String::new(),
        cell(Some(d.within)),
        cell(Some(d.static_shift)),
        cell(Some(d.dynamic_shift)),
        cell(Some(d.tax)),
        cell(Some(d.change())),
        cell(Some(d.change() / p0)),
        cell(Some(d.base_level)),
        cell(Some(d.end_level)),
        cell(Some(d.end_level / p0 - 1.0)),
    ]);
}

fn classic_rows(
    t: &Table,
    m: &ArgMatches,
    unit_col: &str,
    units: &[String],
    years: &[i32],
) -> Result<String, Failure> {
    let output = t.positive(s(m, "gdp"), false)?;
    let labour = t.positive(s(m, "labour"), false)?;
    let taxes_col = m.get_one::<String>("taxes");
    let taxes = taxes_col.map(|c| t.numbers(c, false)).transpose()?;
    let panel = Panel::new(t, unit_col, units, years)?;
    let mut rows = Vec::new();
    for (y0, yt) in panel.pairs(t, m)? {
        let (r0, rt) = (panel.year_rows(t, y0)?, panel.year_rows(t, yt)?);
        let (a, b, c, d) = (
            pick(&output, &r0),
            pick(&labour, &r0),
            pick(&output, &rt),
            pick(&labour, &rt),
        );
        let plain = shift_share(&a, &b, &c, &d).map_err(|e| with_file(t, (y0, yt), e))?;
        let (decomposition, scale) = match (&taxes, taxes_col) {
            (Some(tx), Some(col)) => {
                let (t0, tt) = (
                    year_value(t, col, tx, &r0, y0)?,
                    year_value(t, col, tx, &rt, yt)?,
                );
                let with = shift_share_with_taxes(&a, &b, &c, &d, t0, tt)
                    .map_err(|e| with_file(t, (y0, yt), e))?;
                // The core's unit terms are in GVA-based LP; the total's are scaled by
                // 1/(1 − τ⁰) = GDP-based over GVA-based base level.
                let scale = with.base_level / plain.base_level;
                (with, scale)
            }
            _ => (plain, 1.0),
        };
        decomposition_rows(
            y0,
            yt,
            &panel.units,
            &decomposition,
            scale,
            "unit",
            &mut rows,
        );
    }
    decomposition_csv(unit_col, &rows)
}

fn regions_rows(
    t: &Table,
    m: &ArgMatches,
    unit_col: &str,
    units: &[String],
    years: &[i32],
) -> Result<String, Failure> {
    // A sector row may have no output or employment; the core checks each province's totals.
    let output = t.numbers(s(m, "gdp"), false)?;
    let labour = t.numbers(s(m, "labour"), false)?;
    let changes = regions_to_nation(units, years, &output, &labour)
        .map_err(|e| Failure::data(format!("{}: {}", t.path, crate::said(&e))))?;
    let wanted = match (m.get_one::<i32>("from"), m.get_one::<i32>("to")) {
        (Some(a), Some(b)) => Some((*a, *b)),
        _ => None,
    };
    let mut rows = Vec::new();
    for c in &changes {
        if wanted.is_some_and(|w| w != (c.from, c.to)) {
            continue;
        }
        decomposition_rows(
            c.from,
            c.to,
            &c.regions,
            &c.decomposition,
            1.0,
            "region",
            &mut rows,
        );
    }
    if let Some((a, b)) = wanted
        && rows.is_empty()
    {
        return Err(Failure::usage(tr(
            format!(
                "--from {a} --to {b}: vùng → cả nước so sánh hai năm liền nhau có trong tệp {}",
                t.path
            ),
            format!(
                "--from {a} --to {b}: regions → nation compares adjacent years present in {}",
                t.path
            ),
        )));
    }
    decomposition_csv(unit_col, &rows)
}

fn gead_rows(
    t: &Table,
    m: &ArgMatches,
    unit_col: &str,
    units: &[String],
    years: &[i32],
) -> Result<String, Failure> {
    let nominal = t.positive(s(m, "nominal"), false)?;
    let real = t.positive(s(m, "gdp"), false)?;
    let labour = t.positive(s(m, "labour"), false)?;
    let aggregate_col = s(m, "aggregate");
    let aggregate = t.positive(aggregate_col, false)?;
    let panel = Panel::new(t, unit_col, units, years)?;
    let mut rows = Vec::new();
    for (y0, yt) in panel.pairs(t, m)? {
        let (r0, rt) = (panel.year_rows(t, y0)?, panel.year_rows(t, yt)?);
        let (n0, q0, l0) = (pick(&nominal, &r0), pick(&real, &r0), pick(&labour, &r0));
        let (nt, qt, lt) = (pick(&nominal, &rt), pick(&real, &rt), pick(&labour, &rt));
        let g = gead(
            GeadPeriod {
                nominal: &n0,
                real: &q0,
                labour: &l0,
                aggregate_real: year_value(t, aggregate_col, &aggregate, &r0, y0)?,
            },
            GeadPeriod {
                nominal: &nt,
                real: &qt,
                labour: &lt,
                aggregate_real: year_value(t, aggregate_col, &aggregate, &rt, yt)?,
            },
        )
        .map_err(|e| with_file(t, (y0, yt), e))?;
        let p0 = g.base_level;
        for (name, (w, r)) in panel.units.iter().zip(&g.units) {
            rows.push(vec![
                y0.to_string(),
                yt.to_string(),
                "unit".into(),
                name.clone(),
                cell(Some(*w)),
                cell(Some(*r)),
                cell(Some(w + r)),
                cell(Some((w + r) / p0)),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        let change = g.end_level - g.base_level;
        rows.push(vec![
            y0.to_string(),
            yt.to_string(),
            "total".into(),
            String::new(),
            cell(Some(g.within)),
            cell(Some(g.reallocation)),
            cell(Some(change)),
            cell(Some(change / p0)),
            cell(Some(g.base_level)),
            cell(Some(g.end_level)),
            cell(Some(g.end_level / p0 - 1.0)),
        ]);
    }
    let h = header(&[
        "from",
        "to",
        "kind",
        unit_col,
        "within",
        "reallocation",
        "change",
        "growth_contribution",
        "base_level",
        "end_level",
        "growth",
    ]);
    to_csv(&h, &rows)
}

fn domar_rows(
    t: &Table,
    m: &ArgMatches,
    unit_col: &str,
    units: &[String],
    years: &[i32],
) -> Result<String, Failure> {
    let growth = t.numbers(s(m, "tfp-growth"), true)?;
    let gross = t.positive(s(m, "gross-output"), false)?;
    let va_col = s(m, "value-added");
    let va = t.positive(va_col, false)?;
    let panel = Panel::new(t, unit_col, units, years)?;
    let mut rows = Vec::new();
    for (y0, yt) in panel.pairs(t, m)? {
        let (r0, rt) = (panel.year_rows(t, y0)?, panel.year_rows(t, yt)?);
        let g = pick(&growth, &rt);
        if let Some(k) = g.iter().position(|v| v.is_nan()) {
            return Err(Failure::data(tr(
                format!(
                    "{}, dòng {}, cột `{}`: ô trống; cần tăng TFP của `{}` từ {y0} đến {yt}",
                    t.path,
                    t.line(rt[k]),
                    s(m, "tfp-growth"),
                    panel.units[k]
                ),
                format!(
                    "{}, line {}, column `{}`: empty cell; the TFP growth of `{}` from {y0} to {yt} is needed",
                    t.path,
                    t.line(rt[k]),
                    s(m, "tfp-growth"),
                    panel.units[k]
                ),
            )));
        }
        let (go0, got) = (pick(&gross, &r0), pick(&gross, &rt));
        let (va0, vat) = (
            year_value(t, va_col, &va, &r0, y0)?,
            year_value(t, va_col, &va, &rt, yt)?,
        );
        let total =
            domar_aggregate(&g, &go0, &got, va0, vat).map_err(|e| with_file(t, (y0, yt), e))?;
        // Each sector's contribution is the aggregate with every other sector's growth at 0
        // (the aggregate is linear in the growths); its Domar weight is that at growth 1.
        for (k, name) in panel.units.iter().enumerate() {
            let mut one = vec![0.0; g.len()];
            one[k] = 1.0;
            let weight = domar_aggregate(&one, &go0, &got, va0, vat)
                .map_err(|e| with_file(t, (y0, yt), e))?;
            rows.push(vec![
                y0.to_string(),
                yt.to_string(),
                "unit".into(),
                name.clone(),
                cell(Some(g[k])),
                cell(Some(weight)),
                cell(Some(weight * g[k])),
            ]);
        }
        rows.push(vec![
            y0.to_string(),
            yt.to_string(),
            "total".into(),
            String::new(),
            String::new(),
            String::new(),
            cell(Some(total)),
        ]);
    }
    let h = header(&[
        "from",
        "to",
        "kind",
        unit_col,
        "tfp_growth",
        "domar_weight",
        "contribution",
    ]);
    to_csv(&h, &rows)
}

/// `nangsuat index`.
pub fn index(m: &ArgMatches) -> Result<Outcome, Failure> {
    let linking_name = s(m, "linking");
    let linking = Linking::from_name(linking_name).map_err(|e| Failure::usage(crate::said(&e)))?;
    let formulas: Vec<Formula> = match m.get_one::<String>("formula").map(String::as_str) {
        Some("all") => vec![
            Formula::Laspeyres,
            Formula::Paasche,
            Formula::Fisher,
            Formula::Tornqvist,
        ],
        Some(name) => vec![Formula::from_name(name).map_err(|e| Failure::usage(crate::said(&e)))?],
        None if linking_name == "ccdi" => vec![Formula::Tornqvist],
        None => vec![Formula::Fisher],
    };
    for f in &formulas {
        let fits = match linking_name {
            "geks" => *f == Formula::Fisher,
            "ccdi" => *f == Formula::Tornqvist,
            "multilateral" => matches!(f, Formula::Fisher | Formula::Tornqvist),
            _ => true,
        };
        if !fits {
            return Err(Failure::usage(tr(
                format!(
                    "--formula {} --linking {linking_name}: chỉ số đa phương cần Fisher (GEKS) hoặc Törnqvist (CCDI), vì Laspeyres và Paasche không qua được phép thử đảo thời gian",
                    f.name()
                ),
                format!(
                    "--formula {} --linking {linking_name}: a multilateral index needs Fisher (GEKS) or Törnqvist (CCDI); Laspeyres and Paasche fail the time-reversal test",
                    f.name()
                ),
            )));
        }
    }
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let (period_col, item_col) = (s(m, "period"), s(m, "item"));
    let periods = t.text(period_col)?;
    let items = t.text(item_col)?;
    let price = t.positive(s(m, "price"), true)?;
    let quantity = t.positive(s(m, "quantity"), true)?;
    // Periods: numerically if every one is an integer, else in order of appearance.
    let mut order: Vec<String> = Vec::new();
    for p in &periods {
        if !order.contains(p) {
            order.push(p.clone());
        }
    }
    if order.iter().all(|p| p.parse::<i64>().is_ok()) {
        order.sort_by_key(|p| p.parse::<i64>().unwrap_or(0));
    }
    let mut item_names: Vec<String> = Vec::new();
    let mut item_index: HashMap<&str, usize> = HashMap::new();
    for it in &items {
        item_index.entry(it.as_str()).or_insert_with(|| {
            item_names.push(it.clone());
            item_names.len() - 1
        });
    }
    let period_index: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(k, p)| (p.as_str(), k))
        .collect();
    let (np, ni) = (order.len(), item_names.len());
    let mut p = vec![vec![f64::NAN; ni]; np];
    let mut q = vec![vec![f64::NAN; ni]; np];
    let mut seen: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for i in 0..t.len() {
        let (a, b) = (
            period_index[periods[i].as_str()],
            item_index[items[i].as_str()],
        );
        if let Some(first) = seen.insert((a, b), i) {
            return Err(Failure::data(tr(
                format!(
                    "{}, dòng {}, cột `{item_col}`: `{}` kỳ `{}` đã có ở dòng {}; mỗi mặt hàng một dòng mỗi kỳ",
                    t.path,
                    t.line(i),
                    items[i],
                    periods[i],
                    t.line(first)
                ),
                format!(
                    "{}, line {}, column `{item_col}`: `{}` in period `{}` is already on line {}; one row per item and period",
                    t.path,
                    t.line(i),
                    items[i],
                    periods[i],
                    t.line(first)
                ),
            )));
        }
        // An item is in a period only with both its price and its quantity.
        if price[i].is_nan() || quantity[i].is_nan() {
            continue;
        }
        p[a][b] = price[i];
        q[a][b] = quantity[i];
    }
    if np == 0 {
        return Err(Failure::data(tr(
            format!("{}: tệp không có dòng số liệu nào", t.path),
            format!("{}: the file has no data rows", t.path),
        )));
    }
    let mut rows = Vec::new();
    for f in formulas {
        let series = with_spinner("nangsuat index", || index_series(&p, &q, f, linking))
            .map_err(|e| index_failure(&t, &order, &item_names, e))?;
        // The implicit deflator: the value ratio of the same comparisons ÷ the quantity index.
        let mut value = vec![1.0; np];
        for k in 1..np {
            let from = if linking == Linking::Chained {
                k - 1
            } else {
                0
            };
            let b = bilateral(&p[from], &q[from], &p[k], &q[k])
                .map_err(|e| index_failure(&t, &order, &item_names, e))?;
            value[k] = if linking == Linking::Chained {
                value[k - 1] * b.value_ratio
            } else {
                b.value_ratio
            };
        }
        for k in 0..np {
            let deflator = value[k] / series.quantity[k];
            if !(deflator.is_finite() && deflator > 0.0) {
                // A chained value ratio beyond a double: an error, never an infinity printed.
                let e = nangsuat::Error::OutOfRange {
                    name: format!("implicit_deflator (period {k})"),
                    year: None,
                    value: deflator,
                    expected: "a finite positive deflator: the values differ by so many orders \
                               of magnitude that their ratio does not fit in a double"
                        .into(),
                };
                return Err(index_failure(&t, &order, &item_names, e));
            }
            rows.push(vec![
                order[k].clone(),
                f.name().to_string(),
                linking_name.to_string(),
                cell(Some(series.price[k])),
                cell(Some(series.quantity[k])),
                cell(Some(deflator)),
                series.matched[k].to_string(),
                series.unmatched[k].to_string(),
            ]);
        }
    }
    let h = header(&[
        period_col,
        "formula",
        "linking",
        "price_index",
        "quantity_index",
        "implicit_deflator",
        "matched",
        "unmatched",
    ]);
    emit(m, to_csv(&h, &rows)?.into_bytes())
}

/// A core error of the index, with the file and the items and periods in the core's order (its
/// messages name positions).
fn index_failure(t: &Table, periods: &[String], items: &[String], e: nangsuat::Error) -> Failure {
    Failure::data(tr(
        format!(
            "{}: {} (kỳ theo thứ tự: {}; mặt hàng theo thứ tự, từ 0: {})",
            t.path,
            crate::said(&e),
            periods.join(", "),
            items.join(", ")
        ),
        format!(
            "{}: {} (periods in order: {}; items in order, from 0: {})",
            t.path,
            crate::said(&e),
            periods.join(", "),
            items.join(", ")
        ),
    ))
}
