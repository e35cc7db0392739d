//! The growth-accounting section of the report as charts and tables draw it: each factor's
//! contribution to output growth by year and by period, TFP's share of growth beside a plan's
//! target, and the sensitivity of that share to the assumed labour share.
//!
//! The Viet Nam report builds its annex from its history section ([`AccountingAnnex::from_history`],
//! no accounting run twice); [`accounting_annex`] computes one for any territory's series.
//!
//! ```
//! let report = nangsuat::vietnam::report()?;
//! let annex = report.accounting.as_ref().unwrap();
//! let y2010 = annex.years.iter().find(|y| y.year == 2010).unwrap();
//! let c = &y2010.contributions;
//! // Contributions add up to output growth (percentage points).
//! assert!((c.capital + c.labour + c.labour_quality + c.tfp - c.output).abs() < 1e-9);
//! // Decision 36's "TFP about 45 % of growth" is drawn as the target line.
//! assert_eq!(annex.tfp_share_target.as_ref().unwrap().value, 45.0);
//! # Ok::<(), nangsuat::Error>(())
//! ```

use crate::accounting::{AccountingInput, GrowthAccounting, LabourShare};
use crate::error::Result;
use crate::plan::Plan;
use crate::plan::goal::Target;
use crate::report::{History, HistoryNote};
use crate::share::Share;
use serde::{Deserialize, Serialize};

/// Contributions to output growth, in percentage points (Törnqvist: 100 × log growth).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contributions {
    /// Output growth.
    pub output: f64,
    /// Capital's contribution.
    pub capital: f64,
    /// Labour quantity's contribution.
    pub labour: f64,
    /// Labour quality's contribution.
    pub labour_quality: f64,
    /// TFP growth (the residual).
    pub tfp: f64,
}

/// One year's contributions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContributionYear {
    /// The year.
    pub year: i32,
    /// Contributions, percentage points.
    pub contributions: Contributions,
    /// TFP's share of output growth, %, when defined.
    pub tfp_share: Option<f64>,
}

/// A period's mean annual contributions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ContributionPeriod {
    /// First year of growth.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Mean annual contributions, percentage points; `None` when a year is missing.
    pub contributions: Option<Contributions>,
    /// TFP's share of growth as the ratio of cumulative growths, %, when defined.
    pub tfp_share: Option<f64>,
}

/// A plan's target for TFP's share of growth, drawn beside the periods' shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareTarget {
    /// Plan id.
    pub plan: String,
    /// Goal id.
    pub goal: String,
    /// The target, % of growth (its lower bound, or its upper bound when it has none).
    pub value: f64,
    /// The target as the plan states it.
    pub target: Target,
    /// The goal's unit code (worded by [`crate::report::words`]).
    pub unit: String,
}

/// TFP's share of growth by period under one labour share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SensitivityRow {
    /// The labour share assumed, a fraction.
    pub labour_share: f64,
    /// TFP's share (ratio of cumulative growths, %) for each of the annex's periods.
    pub tfp_share: Vec<Option<f64>>,
}

/// The growth-accounting annex of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountingAnnex {
    /// Territory code.
    pub territory: String,
    /// Data and assumptions (worded by [`crate::report::words::history_note`]).
    pub notes: Vec<HistoryNote>,
    /// The labour share of the main results, a fraction.
    pub labour_share: f64,
    /// Year by year.
    pub years: Vec<ContributionYear>,
    /// Period by period.
    pub periods: Vec<ContributionPeriod>,
    /// The plan's target for TFP's share of growth, if a plan for the territory states one.
    pub tfp_share_target: Option<ShareTarget>,
    /// TFP's share by period under other labour shares.
    pub sensitivity: Vec<SensitivityRow>,
}

/// What [`accounting_annex`] computes from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct AnnexSpec<'a> {
    /// Territory (matched against plans' `territory` for the target line).
    pub territory: &'a str,
    /// Data and assumptions.
    pub notes: &'a [HistoryNote],
    /// Output, capital, labour (hours and quality if any); its labour share is replaced.
    pub input: AccountingInput<'a>,
    /// The labour share of the main results, a fraction.
    pub labour_share: f64,
    /// First year shown in the annual table.
    pub first_year: i32,
    /// Periods `(base year, last year)`; growth runs over `base+1..=last`.
    pub periods: &'a [(i32, i32)],
    /// Labour shares of the sensitivity table.
    pub sensitivity_shares: &'a [f64],
}

impl<'a> AnnexSpec<'a> {
    /// A specification with the defaults: every year, no periods, no sensitivity.
    pub fn new(
        territory: &'a str,
        notes: &'a [HistoryNote],
        input: AccountingInput<'a>,
        labour_share: f64,
    ) -> Self {
        AnnexSpec {
            territory,
            notes,
            input,
            labour_share,
            first_year: i32::MIN,
            periods: &[],
            sensitivity_shares: &[],
        }
    }
}

fn pct(v: Option<f64>) -> Option<f64> {
    v.map(|v| 100.0 * v)
}

/// Computes the annex by the Törnqvist profile, with the target line taken from the first
/// goal on `tfp_contribution` of a plan for `spec.territory`.
///
/// # Errors
/// [`crate::Error::OutOfRange`] for a labour share outside [0, 1]; the accounting engine's
/// errors for inconsistent columns or a period outside the years.
pub fn accounting_annex(spec: &AnnexSpec<'_>, plans: &[Plan]) -> Result<AccountingAnnex> {
    let run = |share: f64| -> Result<crate::Accounting> {
        let input = spec
            .input
            .with_labour_share(LabourShare::Constant(Share::new(share)?));
        GrowthAccounting::tornqvist().compute(&input)
    };
    let main = run(spec.labour_share)?;
    let years = (0..main.len())
        .filter_map(|i| main.row(i))
        .filter(|r| r.year >= spec.first_year)
        .map(|r| ContributionYear {
            year: r.year,
            contributions: Contributions {
                output: 100.0 * r.output_growth,
                capital: 100.0 * r.capital_contribution,
                labour: 100.0 * r.labour_contribution,
                labour_quality: 100.0 * r.labour_quality_contribution,
                tfp: 100.0 * r.tfp_growth,
            },
            tfp_share: pct(r.tfp_share),
        })
        .collect();
    let mut periods = Vec::new();
    for &(a, b) in spec.periods {
        let p = main.period(a, b)?;
        let contributions = match (
            p.mean_capital_contribution,
            p.mean_labour_contribution,
            p.mean_labour_quality_contribution,
            p.mean_tfp_growth,
        ) {
            (Some(k), Some(l), Some(q), Some(t)) => Some(Contributions {
                output: 100.0 * (k + l + q + t),
                capital: 100.0 * k,
                labour: 100.0 * l,
                labour_quality: 100.0 * q,
                tfp: 100.0 * t,
            }),
            _ => None,
        };
        periods.push(ContributionPeriod {
            from: a + 1,
            to: b,
            contributions,
            tfp_share: pct(p.tfp_share_of_cumulative_growth),
        });
    }
    let mut sensitivity = Vec::new();
    for &s in spec.sensitivity_shares {
        let r = run(s)?;
        let mut shares = Vec::new();
        for &(a, b) in spec.periods {
            shares.push(pct(r.period(a, b)?.tfp_share_of_cumulative_growth));
        }
        sensitivity.push(SensitivityRow {
            labour_share: s,
            tfp_share: shares,
        });
    }
    let tfp_share_target = share_target(plans, spec.territory);
    Ok(AccountingAnnex {
        territory: spec.territory.to_string(),
        notes: spec.notes.to_vec(),
        labour_share: spec.labour_share,
        years,
        periods,
        tfp_share_target,
        sensitivity,
    })
}

/// The first goal on TFP's share of growth (`tfp_contribution`) of a plan for `territory`.
fn share_target(plans: &[Plan], territory: &str) -> Option<ShareTarget> {
    plans
        .iter()
        .filter(|p| p.territory == territory)
        .flat_map(|p| p.goals.iter().map(move |g| (p, g)))
        .find(|(_, g)| g.indicator == "tfp_contribution")
        .and_then(|(p, g)| {
            let value = g.target.lower_bound().or(g.target.upper_bound())?;
            Some(ShareTarget {
                plan: p.id.clone(),
                goal: g.id.clone(),
                value,
                target: g.target.clone(),
                unit: g.unit.clone(),
            })
        })
}

impl AccountingAnnex {
    /// The annex of a history section, from the accounting it already holds (nothing is
    /// computed again): the annual rows as contributions, each period's mean annual
    /// contributions (`None` when a year is missing) with its cumulative TFP share, the
    /// sensitivity table, and the target line of the first plan for the territory on TFP's
    /// share of growth. `labour_share` is the share of the main results.
    pub fn from_history(history: &History, plans: &[Plan], labour_share: f64) -> AccountingAnnex {
        let years: Vec<ContributionYear> = history
            .annual
            .iter()
            .map(|r| ContributionYear {
                year: r.year,
                contributions: Contributions {
                    output: r.output_growth,
                    capital: r.capital,
                    labour: r.labour,
                    labour_quality: r.labour_quality,
                    tfp: r.tfp_growth,
                },
                tfp_share: r.tfp_share,
            })
            .collect();
        let periods = history
            .periods
            .iter()
            .map(|p| {
                let inside: Vec<&Contributions> = years
                    .iter()
                    .filter(|y| (p.from..=p.to).contains(&y.year))
                    .map(|y| &y.contributions)
                    .collect();
                let complete = i32::try_from(inside.len()).ok() == Some(p.to - p.from + 1);
                let contributions = (complete && !inside.is_empty()).then(|| {
                    let n = inside.len() as f64;
                    let mean = |f: fn(&Contributions) -> f64| {
                        crate::summation::sum(inside.iter().map(|c| f(c))) / n
                    };
                    Contributions {
                        output: mean(|c| c.output),
                        capital: mean(|c| c.capital),
                        labour: mean(|c| c.labour),
                        labour_quality: mean(|c| c.labour_quality),
                        tfp: mean(|c| c.tfp),
                    }
                });
                ContributionPeriod {
                    from: p.from,
                    to: p.to,
                    contributions,
                    tfp_share: p.tfp_share_tornqvist,
                }
            })
            .collect();
        let sensitivity = history
            .sensitivity
            .as_ref()
            .map(|s| {
                s.labour_shares
                    .iter()
                    .zip(&s.tfp_share)
                    .map(|(&labour_share, shares)| SensitivityRow {
                        labour_share,
                        tfp_share: shares.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        AccountingAnnex {
            territory: history.territory.clone(),
            notes: history.notes.clone(),
            labour_share,
            years,
            periods,
            tfp_share_target: share_target(plans, &history.territory),
            sensitivity,
        }
    }
}
