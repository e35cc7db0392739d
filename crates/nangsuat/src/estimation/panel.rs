//! The firm × year panel: columns borrowed from the caller, validated row by row, sorted by
//! firm and year with each row's lag (the same firm's previous year) found once.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// A firm × year panel for production-function estimation, borrowed from the caller.
///
/// Output, inputs and the proxy are positive levels (their logarithms are taken) unless
/// [`FirmPanel::in_logs`] says they are already natural logarithms (prodest's convention).
/// Controls (industry, region or year dummies, or any other regressor) enter as given.
/// The panel may be unbalanced, with entry, exit and gaps; rows may come in any order.
///
/// # Examples
/// ```
/// use nangsuat::estimation::FirmPanel;
/// let firm = [1, 1, 2, 2];
/// let year = [2020, 2021, 2020, 2021];
/// let (va, labour, capital, materials) = ([10.0, 11.0, 5.0, 6.0], [3.0, 3.0, 2.0, 2.5],
///     [20.0, 21.0, 9.0, 9.5], [4.0, 4.5, 2.0, 2.2]);
/// let panel = FirmPanel::new(&firm, &year, "va", &va)
///     .free("labour", &labour)
///     .state("capital", &capital)
///     .proxy("materials", &materials);
/// assert_eq!(panel.rows(), 4);
/// ```
#[derive(Debug, Clone)]
pub struct FirmPanel<'a> {
    pub(crate) firm: &'a [i64],
    pub(crate) year: &'a [i32],
    pub(crate) output: (String, &'a [f64]),
    pub(crate) free: Vec<(String, &'a [f64])>,
    pub(crate) state: Vec<(String, &'a [f64])>,
    pub(crate) proxy: Option<(String, &'a [f64])>,
    pub(crate) exit: Option<&'a [bool]>,
    pub(crate) controls: Vec<(String, &'a [f64])>,
    pub(crate) in_logs: bool,
}

impl<'a> FirmPanel<'a> {
    /// A panel of `firm` identifiers, `year`s and `output` (value added or gross output).
    pub fn new(firm: &'a [i64], year: &'a [i32], output_name: &str, output: &'a [f64]) -> Self {
        FirmPanel {
            firm,
            year,
            output: (output_name.to_string(), output),
            free: Vec::new(),
            state: Vec::new(),
            proxy: None,
            exit: None,
            controls: Vec::new(),
            in_logs: false,
        }
    }

    /// Adds a freely chosen input (labour; materials in a gross-output function are the proxy).
    pub fn free(mut self, name: &str, values: &'a [f64]) -> Self {
        self.free.push((name.to_string(), values));
        self
    }

    /// Adds a state input (capital), chosen a period ahead.
    pub fn state(mut self, name: &str, values: &'a [f64]) -> Self {
        self.state.push((name.to_string(), values));
        self
    }

    /// Sets the proxy: investment (Olley–Pakes) or intermediate inputs (Levinsohn–Petrin,
    /// ACF, Wooldridge). OLS and fixed effects do not need one unless the output is gross.
    pub fn proxy(mut self, name: &str, values: &'a [f64]) -> Self {
        self.proxy = Some((name.to_string(), values));
        self
    }

    /// Sets the exit indicator: `true` in a firm's last year before it leaves the market
    /// (prodest's `exit`). It enables Olley–Pakes's survival correction.
    pub fn exit(mut self, values: &'a [bool]) -> Self {
        self.exit = Some(values);
        self
    }

    /// Adds a control regressor (a dummy or any other variable), used as given.
    pub fn control(mut self, name: &str, values: &'a [f64]) -> Self {
        self.controls.push((name.to_string(), values));
        self
    }

    /// Says that output, inputs and proxy are already natural logarithms.
    pub fn in_logs(mut self) -> Self {
        self.in_logs = true;
        self
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.year.len()
    }
}

/// What became of one input row.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RowStatus {
    /// Used in estimation; `lagged` says the firm's previous year is present, so the row
    /// also enters the dynamic (second-stage) moments.
    Used {
        /// The same firm's previous year is in the panel.
        lagged: bool,
    },
    /// A value is NaN or infinite.
    NonFinite {
        /// The offending column.
        series: String,
    },
    /// A level that must be positive (to take its logarithm) is zero or negative — e.g. zero
    /// investment, which Olley–Pakes's inversion cannot use.
    NonPositive {
        /// The offending column.
        series: String,
    },
}

impl RowStatus {
    /// The row entered estimation.
    pub fn is_used(&self) -> bool {
        matches!(self, RowStatus::Used { .. })
    }
}

pub(crate) const NO_LAG: u32 = u32::MAX;

/// The validated panel in log form, sorted by firm and year, in the estimator's layout.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    pub(crate) y: Vec<f64>,
    /// Log inputs in the order: free…, state…, proxy (if any).
    pub(crate) x: Vec<Vec<f64>>,
    pub(crate) ctrl: Vec<Vec<f64>>,
    /// Exit in this row's year (the firm leaves after it); `None` without an exit column.
    pub(crate) exit: Option<Vec<bool>>,
    /// The row is in the last year of the panel (survival afterwards is unknown).
    pub(crate) last_year: Vec<bool>,
    pub(crate) lag: Vec<u32>,
    /// Start of each firm's block of rows, plus the end.
    pub(crate) firm_start: Vec<usize>,
}

impl Work {
    pub(crate) fn rows(&self) -> usize {
        self.y.len()
    }

    pub(crate) fn firms(&self) -> usize {
        self.firm_start.len() - 1
    }

    /// The panel made of the given firms (by block index, repetition allowed), each copy a
    /// firm of its own: a firm-level (block) bootstrap sample.
    pub(crate) fn resample(&self, firms: &[usize]) -> Work {
        let rows: usize = firms
            .iter()
            .map(|&f| self.firm_start[f + 1] - self.firm_start[f])
            .sum();
        let mut out = Work {
            y: Vec::with_capacity(rows),
            x: vec![Vec::with_capacity(rows); self.x.len()],
            ctrl: vec![Vec::with_capacity(rows); self.ctrl.len()],
            exit: self.exit.as_ref().map(|_| Vec::with_capacity(rows)),
            last_year: Vec::with_capacity(rows),
            lag: Vec::with_capacity(rows),
            firm_start: Vec::with_capacity(firms.len() + 1),
        };
        for &f in firms {
            let (a, b) = (self.firm_start[f], self.firm_start[f + 1]);
            let offset = out.y.len();
            out.firm_start.push(offset);
            out.y.extend_from_slice(&self.y[a..b]);
            for (o, s) in out.x.iter_mut().zip(&self.x) {
                o.extend_from_slice(&s[a..b]);
            }
            for (o, s) in out.ctrl.iter_mut().zip(&self.ctrl) {
                o.extend_from_slice(&s[a..b]);
            }
            if let (Some(o), Some(s)) = (out.exit.as_mut(), self.exit.as_ref()) {
                o.extend_from_slice(&s[a..b]);
            }
            out.last_year.extend_from_slice(&self.last_year[a..b]);
            out.lag.extend(self.lag[a..b].iter().map(|&l| {
                if l == NO_LAG {
                    NO_LAG
                } else {
                    (l as usize - a + offset) as u32
                }
            }));
        }
        out.firm_start.push(out.y.len());
        out
    }
}

/// The validated panel: the estimator's layout plus the way back to the caller's rows.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub(crate) work: Work,
    /// Input row of each work row.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) source: Vec<usize>,
    pub(crate) status: Vec<RowStatus>,
    pub(crate) one_year_firms: Vec<i64>,
    pub(crate) input_names: Vec<String>,
    pub(crate) control_names: Vec<String>,
    /// Log output and log inputs of every input row (`None` where undefined), for TFP.
    pub(crate) row_logs: Vec<Option<(f64, Vec<f64>)>>,
}

pub(crate) fn prepare(panel: &FirmPanel<'_>, need_proxy: bool) -> Result<Prepared> {
    let n = panel.year.len();
    let check = |name: &str, len: usize| -> Result<()> {
        if len != n {
            Err(Error::LengthMismatch {
                series: name.to_string(),
                expected: n,
                actual: len,
            })
        } else {
            Ok(())
        }
    };
    check("firm", panel.firm.len())?;
    check(&panel.output.0, panel.output.1.len())?;
    if panel.free.is_empty() && panel.state.is_empty() {
        return Err(Error::invalid_parameter(
            "inputs",
            "at least one free or state input is needed",
        ));
    }
    if need_proxy && panel.proxy.is_none() {
        return Err(Error::invalid_parameter(
            "proxy",
            "this method needs a proxy (investment or intermediate inputs)",
        ));
    }
    let mut inputs: Vec<&(String, &[f64])> = panel.free.iter().chain(&panel.state).collect();
    if let Some(p) = &panel.proxy {
        inputs.push(p);
    }
    for (name, v) in inputs
        .iter()
        .map(|p| (&p.0, p.1))
        .chain(panel.controls.iter().map(|p| (&p.0, p.1)))
    {
        check(name, v.len())?;
    }
    if let Some(e) = panel.exit {
        check("exit", e.len())?;
    }
    let mut names: Vec<&str> = vec![&panel.output.0];
    names.extend(inputs.iter().map(|p| p.0.as_str()));
    names.extend(panel.controls.iter().map(|p| p.0.as_str()));
    for (i, a) in names.iter().enumerate() {
        if names[..i].contains(a) {
            return Err(Error::invalid_parameter(
                "names",
                format!("the name `{a}` is given to two columns; names must differ"),
            ));
        }
    }
    if n == 0 {
        return Err(Error::Empty {
            series: "year".into(),
            needed: 1,
        });
    }
    // Duplicate firm-years are a data error for the whole panel.
    let mut seen: BTreeMap<(i64, i32), usize> = BTreeMap::new();
    for r in 0..n {
        if seen.insert((panel.firm[r], panel.year[r]), r).is_some() {
            return Err(Error::DuplicateYear {
                series: "year".into(),
                entity: Some(panel.firm[r].to_string()),
                year: panel.year[r],
            });
        }
    }
    let to_log = |v: f64, name: &str| -> std::result::Result<f64, RowStatus> {
        if !v.is_finite() {
            Err(RowStatus::NonFinite {
                series: name.to_string(),
            })
        } else if panel.in_logs {
            Ok(v)
        } else if v <= 0.0 {
            Err(RowStatus::NonPositive {
                series: name.to_string(),
            })
        } else {
            Ok(v.ln())
        }
    };
    let mut status = Vec::with_capacity(n);
    let mut row_logs = Vec::with_capacity(n);
    let mut row_controls = Vec::with_capacity(n);
    for r in 0..n {
        let row = (|| {
            let y = to_log(panel.output.1[r], &panel.output.0)?;
            let xs = inputs
                .iter()
                .map(|(name, v)| to_log(v[r], name))
                .collect::<std::result::Result<Vec<f64>, _>>()?;
            let cs = panel
                .controls
                .iter()
                .map(|(name, v)| {
                    if v[r].is_finite() {
                        Ok(v[r])
                    } else {
                        Err(RowStatus::NonFinite {
                            series: name.clone(),
                        })
                    }
                })
                .collect::<std::result::Result<Vec<f64>, _>>()?;
            Ok((y, xs, cs))
        })();
        match row {
            Ok((y, xs, cs)) => {
                status.push(RowStatus::Used { lagged: false });
                row_logs.push(Some((y, xs)));
                row_controls.push(cs);
            }
            Err(s) => {
                status.push(s);
                row_logs.push(None);
                row_controls.push(Vec::new());
            }
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&r| row_logs[r].is_some()).collect();
    order.sort_by_key(|&r| (panel.firm[r], panel.year[r]));
    let last_panel_year = order.iter().map(|&r| panel.year[r]).max();
    let m = order.len();
    let mut work = Work {
        y: Vec::with_capacity(m),
        x: vec![Vec::with_capacity(m); inputs.len()],
        ctrl: vec![Vec::with_capacity(m); panel.controls.len()],
        exit: panel.exit.map(|_| Vec::with_capacity(m)),
        last_year: Vec::with_capacity(m),
        lag: Vec::with_capacity(m),
        firm_start: Vec::new(),
    };
    let mut one_year_firms = Vec::new();
    for (w, &r) in order.iter().enumerate() {
        let new_firm = w == 0 || panel.firm[order[w - 1]] != panel.firm[r];
        if new_firm {
            work.firm_start.push(w);
        }
        let lagged = !new_firm && panel.year[order[w - 1]] == panel.year[r] - 1;
        work.lag.push(if lagged { (w - 1) as u32 } else { NO_LAG });
        status[r] = RowStatus::Used { lagged };
        let Some((y, xs)) = &row_logs[r] else {
            continue;
        };
        work.y.push(*y);
        for (col, v) in work.x.iter_mut().zip(xs) {
            col.push(*v);
        }
        for (col, v) in work.ctrl.iter_mut().zip(&row_controls[r]) {
            col.push(*v);
        }
        if let (Some(e), Some(src)) = (work.exit.as_mut(), panel.exit) {
            e.push(src[r]);
        }
        work.last_year.push(Some(panel.year[r]) == last_panel_year);
    }
    work.firm_start.push(m);
    for f in 0..work.firm_start.len() - 1 {
        if work.firm_start[f + 1] - work.firm_start[f] == 1 {
            one_year_firms.push(panel.firm[order[work.firm_start[f]]]);
        }
    }
    Ok(Prepared {
        work,
        source: order,
        status,
        one_year_firms,
        input_names: inputs.iter().map(|p| p.0.clone()).collect(),
        control_names: panel.controls.iter().map(|p| p.0.clone()).collect(),
        row_logs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lags_across_gaps_and_marks_bad_rows() {
        let firm = [2, 1, 1, 1, 2];
        let year = [2001, 2003, 2001, 2002, 2000];
        let y = [1.0, 2.0, 3.0, 4.0, 0.0];
        let l = [1.0, 1.0, 1.0, f64::NAN, 1.0];
        let p = FirmPanel::new(&firm, &year, "y", &y).free("l", &l);
        let prep = prepare(&p, false).unwrap();
        // Rows 3 (NaN labour) and 4 (zero output) are out; firm 1 has 2001 and 2003 (a gap).
        assert_eq!(prep.status[3], RowStatus::NonFinite { series: "l".into() });
        assert_eq!(
            prep.status[4],
            RowStatus::NonPositive { series: "y".into() }
        );
        assert_eq!(prep.source, vec![2, 1, 0]);
        assert_eq!(prep.work.lag, vec![NO_LAG, NO_LAG, NO_LAG]);
        assert_eq!(prep.one_year_firms, vec![2]);
    }

    #[test]
    fn resampled_firms_keep_their_lags_inside_each_copy() {
        let firm = [1, 1, 2, 2, 2];
        let year = [1, 2, 1, 2, 3];
        let y = [1.0; 5];
        let p = FirmPanel::new(&firm, &year, "y", &y).free("l", &y);
        let w = prepare(&p, false).unwrap().work;
        let r = w.resample(&[1, 1, 0]);
        assert_eq!(r.firm_start, vec![0, 3, 6, 8]);
        assert_eq!(r.lag, vec![NO_LAG, 0, 1, NO_LAG, 3, 4, NO_LAG, 6]);
    }

    #[test]
    fn rejects_duplicates_and_length_mismatches() {
        let y = [1.0, 2.0];
        let e = prepare(
            &FirmPanel::new(&[1, 1], &[5, 5], "y", &y).free("l", &y),
            false,
        );
        assert!(matches!(e, Err(Error::DuplicateYear { year: 5, .. })));
        let e = prepare(
            &FirmPanel::new(&[1, 1], &[5, 6], "y", &y).free("l", &y[..1]),
            false,
        );
        assert!(matches!(e, Err(Error::LengthMismatch { .. })));
    }
}
