//! `nangsuat capital`: capital stocks by the perpetual inventory method (METHODS §4) from a CSV
//! of real investment, one series or one per entity, with the options of the Python and C faces.

use crate::commands::{emit, s};
use crate::table::{Table, cell, to_csv};
use crate::{Failure, Outcome, tr};
use clap::ArgMatches;
use nangsuat::AnnualSeries;
use nangsuat::accounting::capital::{GrowthBasis, PerpetualInventory, Timing};
use nangsuat::accounting::inventory::accumulate;
use std::collections::HashMap;
use std::path::PathBuf;

/// `nangsuat capital`.
pub fn capital(m: &ArgMatches) -> Result<Outcome, Failure> {
    // A numeric rate is checked before any file is read (a usage error), as --labour-share is.
    let rate_arg = s(m, "depreciation");
    let constant_rate = match rate_arg.parse::<f64>() {
        Ok(v) => Some(
            PerpetualInventory::new(v)
                .map_err(|e| {
                    Failure::usage(format!("--depreciation {rate_arg}: {}", crate::said(&e)))
                })?
                .depreciation,
        ),
        Err(_) => None,
    };
    if let Some(k0) = m.get_one::<f64>("initial-stock")
        && !(k0.is_finite() && *k0 > 0.0)
    {
        return Err(Failure::usage(tr(
            format!("--initial-stock {k0}: cần một số dương hữu hạn"),
            format!("--initial-stock {k0}: a positive finite stock is expected"),
        )));
    }
    let timing = match s(m, "timing") {
        "mid_year" => Timing::MidYear,
        _ => Timing::EndOfYear,
    };
    let t = Table::read(m.get_one::<PathBuf>("input").expect("required"))?;
    let year_col = s(m, "year");
    let years = t.years(year_col)?;
    let investment = t.numbers(s(m, "investment"), false)?;
    if t.len() == 0 {
        return Err(Failure::data(tr(
            format!("{}: tệp không có dòng số liệu nào", t.path),
            format!("{}: the file has no data rows", t.path),
        )));
    }
    let rates = match constant_rate {
        Some(r) => vec![r; t.len()],
        None => {
            let rates = t.positive(rate_arg, false)?;
            if let Some(i) = rates.iter().position(|r| *r >= 1.0) {
                return Err(Failure::data(tr(
                    format!(
                        "{}, dòng {}, cột `{rate_arg}`: `{}` không phải là tỷ lệ trong (0, 1) (0.05 là 5 %/năm)",
                        t.path,
                        t.line(i),
                        rates[i]
                    ),
                    format!(
                        "{}, line {}, column `{rate_arg}`: `{}` is not a rate in (0, 1) (0.05 for 5 %/year)",
                        t.path,
                        t.line(i),
                        rates[i]
                    ),
                )));
            }
            rates
        }
    };
    let output = match s(m, "basis") {
        "output" => Some(t.positive(s(m, "gdp"), false)?),
        _ => None,
    };
    let entity_col = m.get_one::<String>("entity");
    let entities = match entity_col {
        Some(c) => t.text(c)?,
        None => vec![String::new(); t.len()],
    };
    // Rows of each entity (in order of first appearance), sorted by year.
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        groups
            .entry(e.as_str())
            .or_insert_with(|| {
                order.push(e.clone());
                Vec::new()
            })
            .push(i);
    }
    let mut rows = Vec::with_capacity(t.len());
    for entity in &order {
        let mut idx = groups[entity.as_str()].clone();
        idx.sort_by_key(|&i| years[i]);
        let label = if entity_col.is_some() {
            format!(" (`{entity}`)")
        } else {
            String::new()
        };
        for w in idx.windows(2) {
            let (a, b) = (w[0], w[1]);
            if years[b] == years[a] {
                return Err(Failure::data(tr(
                    format!(
                        "{}, dòng {}, cột `{year_col}`: năm {} đã có ở dòng {}{label}",
                        t.path,
                        t.line(b),
                        years[b],
                        t.line(a)
                    ),
                    format!(
                        "{}, line {}, column `{year_col}`: the year {} is already on line {}{label}",
                        t.path,
                        t.line(b),
                        years[b],
                        t.line(a)
                    ),
                )));
            }
            if years[b] != years[a] + 1 {
                return Err(Failure::data(tr(
                    format!(
                        "{}, dòng {}, cột `{year_col}`: thiếu năm {} sau năm {} ở dòng {}{label}; kiểm kê liên tục cần các năm liên tiếp",
                        t.path,
                        t.line(b),
                        years[a] + 1,
                        years[a],
                        t.line(a)
                    ),
                    format!(
                        "{}, line {}, column `{year_col}`: the year {} is missing after {} on line {}{label}; the perpetual inventory needs consecutive years",
                        t.path,
                        t.line(b),
                        years[a] + 1,
                        years[a],
                        t.line(a)
                    ),
                )));
            }
        }
        let ys: Vec<i32> = idx.iter().map(|&i| years[i]).collect();
        let inv: Vec<f64> = idx.iter().map(|&i| investment[i]).collect();
        let dep: Vec<f64> = idx.iter().map(|&i| rates[i]).collect();
        let context =
            |e: nangsuat::Error| Failure::data(format!("{}{label}: {}", t.path, crate::said(&e)));
        let (stock, initial, growth) = match m.get_one::<f64>("initial-stock") {
            Some(k0) => (
                accumulate(&inv, &dep, timing, *k0).map_err(context)?,
                *k0,
                None,
            ),
            None => {
                let basis = match (s(m, "basis"), &output) {
                    ("trend", _) => GrowthBasis::LogLinearTrend,
                    ("output", Some(out)) => GrowthBasis::Output(
                        AnnualSeries::new(
                            s(m, "gdp"),
                            ys.clone(),
                            idx.iter().map(|&i| out[i]).collect(),
                        )
                        .map_err(context)?,
                    ),
                    _ => GrowthBasis::Investment,
                };
                let series = AnnualSeries::new(s(m, "investment"), ys.clone(), inv.clone())
                    .map_err(context)?;
                // Harberger's K0 at the first year's rate; the recursion then uses each year's.
                let est = PerpetualInventory::new(dep[0])
                    .map_err(context)?
                    .timing(timing)
                    .window(*m.get_one::<usize>("window").unwrap_or(&5))
                    .basis(basis)
                    .estimate(&series)
                    .map_err(context)?;
                (
                    accumulate(&inv, &dep, timing, est.initial_stock).map_err(context)?,
                    est.initial_stock,
                    Some(est.initial_growth),
                )
            }
        };
        for (k, &i) in idx.iter().enumerate() {
            let mut row = Vec::with_capacity(7);
            if entity_col.is_some() {
                row.push(entity.clone());
            }
            row.extend([
                ys[k].to_string(),
                cell(Some(inv[k])),
                cell(Some(rates[i])),
                cell(Some(stock[k])),
                cell(Some(initial)),
                cell(growth),
            ]);
            rows.push(row);
        }
    }
    let mut header: Vec<String> = Vec::new();
    if let Some(c) = entity_col {
        header.push(c.clone());
    }
    header.extend(
        [
            year_col,
            "investment",
            "depreciation",
            "capital_stock",
            "initial_stock",
            "initial_growth",
        ]
        .iter()
        .map(|h| h.to_string()),
    );
    emit(m, to_csv(&header, &rows)?.into_bytes())
}
