//! The growth-accounting section of the report as charts and tables draw it: each factor's
//! contribution to output growth by year and by period, TFP's share of growth beside a plan's
//! target, and the sensitivity of that share to the assumed labour share.
//!
//! ```
//! use nangsuat::report::accounting::vietnam_annex;
//! use nangsuat::plan::Plan;
//! let annex = vietnam_annex(&Plan::builtin())?;
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
use crate::share::Share;
use crate::vietnam::data::{PWT_CITATION, VIETNAM_DEFAULT_LABOUR_SHARE, vietnam_pwt};
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
    /// The target, % of growth.
    pub value: f64,
    /// The target as written (comparator, value, unit).
    pub text: String,
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
    /// Territory.
    pub territory: String,
    /// Data and assumptions, in words.
    pub basis: String,
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
    /// Data and assumptions, in words.
    pub basis: &'a str,
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
        basis: &'a str,
        input: AccountingInput<'a>,
        labour_share: f64,
    ) -> Self {
        AnnexSpec {
            territory,
            basis,
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
            .labour_share(LabourShare::Constant(Share::new(share)?));
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
    let tfp_share_target = plans
        .iter()
        .filter(|p| p.territory == spec.territory)
        .flat_map(|p| p.goals.iter().map(move |g| (p, g)))
        .find(|(_, g)| g.indicator == "tfp_contribution")
        .and_then(|(p, g)| {
            let value = g.target.lower_bound().or(g.target.upper_bound())?;
            Some(ShareTarget {
                plan: p.id.clone(),
                goal: g.id.clone(),
                value,
                text: format!("{} {}", target_comparator(&g.target), g.unit),
            })
        });
    Ok(AccountingAnnex {
        territory: spec.territory.to_string(),
        basis: spec.basis.to_string(),
        labour_share: spec.labour_share,
        years,
        periods,
        tfp_share_target,
        sensitivity,
    })
}

fn target_comparator(t: &crate::plan::goal::Target) -> String {
    use crate::plan::goal::Target;
    match t {
        Target::Above { value } => format!("> {value}"),
        Target::AtLeast { value } => format!("≥ {value}"),
        Target::Below { value } => format!("< {value}"),
        Target::AtMost { value } => format!("≤ {value}"),
        Target::Equal { value } => format!("= {value}"),
        Target::About { value, .. } => format!("≈ {value}"),
        Target::Between { low, high } => format!("{low}–{high}"),
        _ => String::new(),
    }
}

/// Labour shares of the sensitivity table (Viet Nam's 0.48 and a band around it).
pub const SENSITIVITY_SHARES: [f64; 8] = [0.35, 0.40, 0.45, 0.48, 0.50, 0.55, 0.60, 0.65];

/// Viet Nam's annex from the embedded PWT 10.01 extract: capital `rnna`, labour persons ×
/// hours × `hc`, labour share [`VIETNAM_DEFAULT_LABOUR_SHARE`], years from 1991, the periods
/// 1991–2000, 2001–2010, 2011–2015, 2016–2019 and 2016–2018, and the target of the first
/// Viet Nam plan in `plans` on TFP's share of growth.
///
/// # Errors
/// Only if the embedded data were inconsistent, which the tests rule out.
pub fn vietnam_annex(plans: &[Plan]) -> Result<AccountingAnnex> {
    let vn = vietnam_pwt();
    let input = AccountingInput::new(&vn.year, &vn.rgdpna, &vn.rnna, &vn.emp)
        .hours(&vn.avh)
        .human_capital(&vn.hc);
    let basis = format!(
        "{PWT_CITATION}. Capital: rnna; labour: persons × hours × hc; labour share \
         {VIETNAM_DEFAULT_LABOUR_SHARE} (assumed). PWT's 2019 employment is a source break."
    );
    let spec = AnnexSpec {
        first_year: 1991,
        periods: &[
            (1990, 2000),
            (2000, 2010),
            (2010, 2015),
            (2015, 2019),
            (2015, 2018),
        ],
        sensitivity_shares: &SENSITIVITY_SHARES,
        ..AnnexSpec::new("viet_nam", &basis, input, VIETNAM_DEFAULT_LABOUR_SHARE)
    };
    accounting_annex(&spec, plans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_sensitivity_line_up() {
        let a = vietnam_annex(&Plan::builtin()).unwrap();
        assert_eq!(a.periods.len(), 5);
        assert_eq!(a.sensitivity.len(), SENSITIVITY_SHARES.len());
        assert!(a.sensitivity.iter().all(|r| r.tfp_share.len() == 5));
        // The 0.48 row is the main result.
        let row = a
            .sensitivity
            .iter()
            .find(|r| r.labour_share == 0.48)
            .unwrap();
        for (p, s) in a.periods.iter().zip(&row.tfp_share) {
            assert_eq!(p.tfp_share, *s);
        }
        // A higher labour share leaves more of growth to TFP in Viet Nam (capital grows faster
        // than labour): the share rises with the labour share wherever it is defined (it is
        // undefined where TFP falls while output grows).
        let mut compared = 0;
        for w in a.sensitivity.windows(2) {
            for (lo, hi) in w[0].tfp_share.iter().zip(&w[1].tfp_share) {
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    assert!(hi > lo);
                    compared += 1;
                }
            }
        }
        assert!(compared >= 20, "{compared}");
        assert_eq!(a.years.first().unwrap().year, 1991);
    }
}
