//! Feasibility of targets: are they consistent with each other, have they ever been achieved,
//! and what would a scenario deliver (METHODS §8)?
//!
//! * **Consistency.** `g_Y = (1 + g_LP)(1 + g_L) − 1` (≈ `g_LP + g_L`): a labour-productivity
//!   target and employment growth imply a GDP growth; a TFP-share target `S*` with GDP growth
//!   `g_Y` needs TFP growth `S*·g_Y` (in logs: `ln(1+g_TFP) = S*·ln(1+g_Y)`). Pairs of goals
//!   whose bounds cannot both hold are flagged.
//! * **Historical realism.** The growth a target requires is compared with the best record of
//!   the same length in the data: Viet Nam's own (PWT 10.01) and its peers' (ASEAN members in
//!   PWT, China, Korea, Japan, Taiwan, India), stated as "achieved by N of M peers" or "never
//!   achieved".
//! * **Scenarios.** A Cobb–Douglas economy `Y = A K^(1−s) L^s` with perpetual-inventory capital
//!   `K_{t+1} = (1 − δ)K_t + σY_t`, from a capital–output ratio, projected year by year under
//!   stated assumptions (investment rate σ, depreciation δ, employment growth, TFP growth,
//!   labour share s); the period's GDP growth, labour-productivity growth and TFP share follow,
//!   and one-at-a-time sensitivity shows which assumption moves each result most.

use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::plan::goal::Target;
use crate::plan::indicator::{Computation, IndicatorKind, catalogue};
use serde::{Deserialize, Serialize};

/// GDP growth implied by labour-productivity growth and employment growth (fractions):
/// `(1 + g_LP)(1 + g_L) − 1`.
pub fn implied_output_growth(lp_growth: f64, employment_growth: f64) -> f64 {
    (1.0 + lp_growth) * (1.0 + employment_growth) - 1.0
}

/// TFP growth (a fraction per year) that gives TFP the share `tfp_share` (a fraction) of output
/// growth `output_growth`, in the log form of a period share:
/// `exp(S*·ln(1 + g_Y)) − 1`.
pub fn required_tfp_growth(tfp_share: f64, output_growth: f64) -> f64 {
    (tfp_share * output_growth.ln_1p()).exp_m1()
}

/// A growth record: the best average growth over a window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// Country or territory.
    pub country: String,
    /// Base year of the window.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Average annual growth, a fraction.
    pub growth: f64,
}

/// The best average annual growth (CAGR) over any window of `years` consecutive years of growth
/// in a level series (NaN or non-positive values break windows). `None` if no window fits.
///
/// ```
/// use nangsuat::monitoring::feasibility::best_record;
/// let years = [2000, 2001, 2002, 2003];
/// let levels = [100.0, 110.0, 111.0, 130.0];
/// let (from, to, g) = best_record(&years, &levels, 2).unwrap();
/// assert_eq!((from, to), (2001, 2003));
/// assert!((g - ((130.0f64 / 110.0).sqrt() - 1.0)).abs() < 1e-12);
/// ```
pub fn best_record(years: &[i32], levels: &[f64], years_long: usize) -> Option<(i32, i32, f64)> {
    let n = years.len().min(levels.len());
    let span = i32::try_from(years_long).ok()?;
    let mut best: Option<(i32, i32, f64)> = None;
    for i in 0..n {
        let Some(j) = (i + 1..n).find(|&j| years[j] == years[i] + span) else {
            continue;
        };
        let window_ok = (i..=j).all(|k| levels[k].is_finite() && levels[k] > 0.0)
            && (i + 1..=j).all(|k| years[k] == years[k - 1] + 1);
        if !window_ok {
            continue;
        }
        let g = (levels[j] / levels[i]).powf(1.0 / f64::from(span)) - 1.0;
        if best.is_none_or(|b| g > b.2) {
            best = Some((years[i], years[j], g));
        }
    }
    best
}

/// A level series of one country or territory (labour productivity, a TFP index…), for
/// records; NaN marks a missing year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LevelSeries {
    /// Country or territory (a code or a name).
    pub country: String,
    /// Years, ascending.
    pub years: Vec<i32>,
    /// Levels, one per year.
    pub levels: Vec<f64>,
}

impl LevelSeries {
    /// A level series.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if `levels` is not as long as `years`.
    pub fn new(country: impl Into<String>, years: Vec<i32>, levels: Vec<f64>) -> Result<Self> {
        let country = country.into();
        if years.len() != levels.len() {
            return Err(Error::LengthMismatch {
                series: format!("levels of {country}"),
                expected: years.len(),
                actual: levels.len(),
            });
        }
        Ok(LevelSeries {
            country,
            years,
            levels,
        })
    }

    /// The best average growth over `years_long` years ([`best_record`]).
    pub fn best(&self, years_long: usize) -> Option<Record> {
        record(
            self.country.clone(),
            best_record(&self.years, &self.levels, years_long),
        )
    }
}

/// What a realism check measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// Labour productivity.
    LabourProductivity,
    /// Total factor productivity.
    Tfp,
}

/// What the record says about a required growth. The words are the report's
/// ([`crate::report::words::realism`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Realism {
    /// What is measured.
    pub measure: Measure,
    /// The growth required, a fraction per year.
    pub required: f64,
    /// Over how many years.
    pub years: usize,
    /// The best record of the territory itself, when data were given.
    pub own_best: Option<Record>,
    /// Each peer's best record of that length.
    pub peers: Vec<Record>,
    /// How many peers reached the required growth at least once.
    pub achieved_by: usize,
}

impl Realism {
    /// The peers whose best record reaches the required growth.
    pub fn achieved(&self) -> impl Iterator<Item = &Record> {
        self.peers.iter().filter(|r| r.growth >= self.required)
    }

    /// Whether the territory's own record never reached the required growth (`None` without
    /// an own record).
    pub fn never_achieved_own(&self) -> Option<bool> {
        self.own_best.as_ref().map(|o| o.growth < self.required)
    }
}

/// Compares a required growth (a fraction per year) over `years` years with the best record
/// of the same length of each peer's level series and, when given, of the territory's own.
///
/// ```
/// use nangsuat::monitoring::feasibility::{realism, LevelSeries, Measure};
/// let peer = LevelSeries::new("A", vec![2000, 2001, 2002], vec![100.0, 108.0, 116.64])?;
/// let r = realism(Measure::LabourProductivity, 0.07, 2, None, &[peer]);
/// assert_eq!(r.achieved_by, 1); // 8 %/yr for two years
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn realism(
    measure: Measure,
    required: f64,
    years: usize,
    own: Option<&LevelSeries>,
    peers: &[LevelSeries],
) -> Realism {
    let peers: Vec<Record> = peers.iter().filter_map(|p| p.best(years)).collect();
    let own_best = own.and_then(|o| o.best(years));
    let achieved_by = peers.iter().filter(|r| r.growth >= required).count();
    Realism {
        measure,
        required,
        years,
        own_best,
        peers,
        achieved_by,
    }
}

fn record(country: String, best: Option<(i32, i32, f64)>) -> Option<Record> {
    best.map(|(from, to, growth)| Record {
        country,
        from,
        to,
        growth,
    })
}

/// A pair of goals of one plan that cannot both be met, or a consistency figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConsistencyCheck {
    /// Plan id.
    pub plan: String,
    /// The goals involved.
    pub goals: Vec<String>,
    /// Whether the goals contradict each other.
    pub contradiction: bool,
    /// The identity and its numbers (the words are [`crate::report::words::consistency`]'s).
    pub finding: Consistency,
}

/// What a consistency check found. Growth rates are fractions per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Consistency {
    /// A labour-productivity target and employment growth imply a GDP growth; each TFP-share
    /// target of the same period then needs a TFP growth.
    Implied {
        /// The LP growth target.
        lp_growth: f64,
        /// The employment growth assumed.
        employment_growth: f64,
        /// The GDP growth implied.
        gdp_growth: f64,
        /// First year of the period.
        start: i32,
        /// Last year.
        end: i32,
        /// What each TFP-share target of the period needs.
        tfp: Vec<TfpRequirement>,
    },
    /// The GDP growth an LP target implies is above a GDP target's ceiling.
    AboveGdpCeiling {
        /// The LP growth target.
        lp_growth: f64,
        /// The employment growth assumed.
        employment_growth: f64,
        /// The GDP growth implied.
        gdp_growth: f64,
        /// The GDP target's ceiling.
        ceiling: f64,
    },
    /// Two goals for the same indicator, scope and time whose bounds exclude each other.
    ExclusiveBounds {
        /// The indicator.
        indicator: String,
    },
}

/// The TFP growth a TFP-share target needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TfpRequirement {
    /// The share target, a fraction.
    pub share: f64,
    /// TFP growth needed, a fraction per year.
    pub tfp_growth: f64,
    /// What capital and labour together must add, a fraction per year.
    pub factor_growth: f64,
}

/// What a goal's indicator is, for the identities: its catalogue entry (the plan's own
/// declarations first).
fn computed(plan: &Plan, code: &str) -> Option<(IndicatorKind, Option<Computation>)> {
    plan.indicators
        .iter()
        .chain(catalogue())
        .find(|i| i.code == code)
        .map(|i| (i.kind, i.computed_from))
}

/// Whether a goal's indicator is a period-average growth computed as `what`.
pub(crate) fn is_average_growth_of(plan: &Plan, code: &str, what: Computation) -> bool {
    computed(plan, code) == Some((IndicatorKind::PeriodAverageGrowth, Some(what)))
}

/// Whether a goal's indicator is TFP's share of growth.
pub(crate) fn is_tfp_share(plan: &Plan, code: &str) -> bool {
    matches!(
        computed(plan, code),
        Some((_, Some(Computation::TfpShareOfGrowth)))
    )
}

/// Consistency of one plan's targets, with `employment_growth` (a fraction per year) as the
/// assumption that links productivity and output: implied GDP growth of each LP target, TFP
/// growth required by each TFP-share target of the same period, and contradictory pairs.
/// Indicators are recognised by their catalogue entry (kind and how growth accounting
/// computes them), not by their codes.
pub fn consistency(plan: &Plan, employment_growth: f64) -> Vec<ConsistencyCheck> {
    let mut out = Vec::new();
    let period = |g: &crate::plan::goal::Goal| match g.horizon {
        Some(h) => (h.start.unwrap_or(h.end), h.end),
        None => (plan.period.start, plan.period.end),
    };
    for lp in plan
        .goals
        .iter()
        .filter(|g| is_average_growth_of(plan, &g.indicator, Computation::LabourProductivityGrowth))
    {
        let Some(g_lp) = lp.target.lower_bound() else {
            continue;
        };
        let g_y = implied_output_growth(g_lp / 100.0, employment_growth);
        let (a, b) = period(lp);
        let mut goals = vec![lp.id.clone()];
        let mut tfp = Vec::new();
        for share in plan
            .goals
            .iter()
            .filter(|g| is_tfp_share(plan, &g.indicator) && period(g) == (a, b))
        {
            if let Some(s) = share.target.lower_bound() {
                let g_tfp = required_tfp_growth(s / 100.0, g_y);
                tfp.push(TfpRequirement {
                    share: s / 100.0,
                    tfp_growth: g_tfp,
                    factor_growth: g_y - g_tfp,
                });
                goals.push(share.id.clone());
            }
        }
        for gdp in plan.goals.iter().filter(|g| {
            matches!(
                computed(plan, &g.indicator),
                Some((_, Some(Computation::OutputGrowth)))
            )
        }) {
            if let Some(hi) = gdp.target.upper_bound()
                && 100.0 * g_y > hi
                && period(gdp) == (a, b)
            {
                out.push(ConsistencyCheck {
                    plan: plan.id.clone(),
                    goals: vec![lp.id.clone(), gdp.id.clone()],
                    contradiction: true,
                    finding: Consistency::AboveGdpCeiling {
                        lp_growth: g_lp / 100.0,
                        employment_growth,
                        gdp_growth: g_y,
                        ceiling: hi / 100.0,
                    },
                });
            }
        }
        out.push(ConsistencyCheck {
            plan: plan.id.clone(),
            goals,
            contradiction: false,
            finding: Consistency::Implied {
                lp_growth: g_lp / 100.0,
                employment_growth,
                gdp_growth: g_y,
                start: a,
                end: b,
                tfp,
            },
        });
    }
    // Same indicator, scope and time with bounds that exclude each other.
    for (i, a) in plan.goals.iter().enumerate() {
        for b in &plan.goals[i + 1..] {
            if a.indicator != b.indicator || a.scope != b.scope || period(a) != period(b) {
                continue;
            }
            let excl = |x: &Target, y: &Target| matches!((x.lower_bound(), y.upper_bound()), (Some(lo), Some(hi)) if lo > hi);
            if excl(&a.target, &b.target) || excl(&b.target, &a.target) {
                out.push(ConsistencyCheck {
                    plan: plan.id.clone(),
                    goals: vec![a.id.clone(), b.id.clone()],
                    contradiction: true,
                    finding: Consistency::ExclusiveBounds {
                        indicator: a.indicator.clone(),
                    },
                });
            }
        }
    }
    out
}

/// Assumptions of a projection. Rates are fractions per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scenario {
    /// Name.
    pub name: String,
    /// Base year (levels known at its end).
    pub base_year: i32,
    /// Last projected year.
    pub end_year: i32,
    /// Capital–output ratio in the base year.
    pub capital_output_ratio: f64,
    /// Gross investment as a share of GDP, σ.
    pub investment_rate: f64,
    /// Depreciation rate δ.
    pub depreciation: f64,
    /// Employment growth.
    pub employment_growth: f64,
    /// TFP growth.
    pub tfp_growth: f64,
    /// Labour's share of income s.
    pub labour_share: f64,
}

/// The projection of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Projection {
    /// Years from the base year to the end year.
    pub years: Vec<i32>,
    /// GDP (base = 1).
    pub gdp: Vec<f64>,
    /// Capital (in units of base GDP).
    pub capital: Vec<f64>,
    /// Employment (base = 1).
    pub employment: Vec<f64>,
    /// Average GDP growth over the projection, a fraction per year.
    pub gdp_growth: f64,
    /// Average labour-productivity growth, a fraction per year.
    pub lp_growth: f64,
    /// Average capital growth.
    pub capital_growth: f64,
    /// TFP's share of GDP growth, `ln(A_T/A_0)/ln(Y_T/Y_0)`, a fraction.
    pub tfp_share: Option<f64>,
}

impl Scenario {
    fn check(&self) -> Result<()> {
        let fields = [
            (
                "capital_output_ratio",
                self.capital_output_ratio,
                0.0,
                100.0,
            ),
            ("investment_rate", self.investment_rate, 0.0, 1.0),
            ("depreciation", self.depreciation, 0.0, 1.0),
            ("employment_growth", self.employment_growth, -0.5, 1.0),
            ("tfp_growth", self.tfp_growth, -0.5, 1.0),
            ("labour_share", self.labour_share, 0.0, 1.0),
        ];
        for (name, v, lo, hi) in fields {
            if !(v.is_finite() && v >= lo && v <= hi) {
                return Err(Error::OutOfRange {
                    name: format!("scenario `{}`: {name}", self.name),
                    year: None,
                    value: v,
                    expected: format!("a fraction in [{lo}, {hi}]"),
                });
            }
        }
        if self.end_year <= self.base_year {
            return Err(Error::invalid_parameter(
                "end_year",
                format!(
                    "{} must be after the base year {}",
                    self.end_year, self.base_year
                ),
            ));
        }
        Ok(())
    }

    /// Projects the scenario year by year.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for an assumption outside its range (e.g. an investment rate
    /// written as 33 instead of 0.33); [`Error::InvalidParameter`] if the end year is not after
    /// the base year.
    ///
    /// ```
    /// let mut s = nangsuat::vietnam::scenario_2021_2025();
    /// s.tfp_growth = 0.02;
    /// let p = s.project()?;
    /// // Balanced growth check: LP growth = GDP growth − employment growth (in ratios).
    /// let lp = (1.0 + p.gdp_growth) / (1.0 + s.employment_growth) - 1.0;
    /// assert!((p.lp_growth - lp).abs() < 1e-12);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn project(&self) -> Result<Projection> {
        self.check()?;
        let n = usize::try_from(self.end_year - self.base_year).unwrap_or(0) + 1;
        let s = self.labour_share;
        let mut years = Vec::with_capacity(n);
        let (mut gdp, mut capital, mut employment) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut y, mut k, mut l) = (1.0, self.capital_output_ratio, 1.0);
        // A_0 such that Y_0 = 1: A_0 = 1 / (K^(1−s) L^s).
        let mut a = 1.0 / k.powf(1.0 - s);
        let a0 = a;
        for t in 0..n {
            years.push(self.base_year + t as i32);
            gdp.push(y);
            capital.push(k);
            employment.push(l);
            k = (1.0 - self.depreciation) * k + self.investment_rate * y;
            l *= 1.0 + self.employment_growth;
            a *= 1.0 + self.tfp_growth;
            y = a * k.powf(1.0 - s) * l.powf(s);
        }
        let span = (n - 1) as f64;
        let (y_t, k_t, l_t) = (gdp[n - 1], capital[n - 1], employment[n - 1]);
        let a_t = a0 * (1.0 + self.tfp_growth).powf(span);
        let ln_y = y_t.ln();
        Ok(Projection {
            gdp_growth: y_t.powf(1.0 / span) - 1.0,
            lp_growth: (y_t / l_t).powf(1.0 / span) - 1.0,
            capital_growth: (k_t / capital[0]).powf(1.0 / span) - 1.0,
            tfp_share: (ln_y.abs() > 1e-12).then(|| (a_t / a0).ln() / ln_y),
            years,
            gdp,
            capital,
            employment,
        })
    }

    /// One-at-a-time sensitivity: each assumption moved by its step (both ways), with the
    /// effect on average GDP growth, LP growth and the TFP share; rows sorted by the largest
    /// effect on LP growth.
    ///
    /// # Errors
    /// As [`Scenario::project`].
    pub fn sensitivity(&self) -> Result<Vec<Sensitivity>> {
        let base = self.project()?;
        let steps: [(&str, f64, AssumptionField); 5] = [
            ("investment_rate", 0.05, |s| &mut s.investment_rate),
            ("depreciation", 0.01, |s| &mut s.depreciation),
            ("employment_growth", 0.005, |s| &mut s.employment_growth),
            ("tfp_growth", 0.005, |s| &mut s.tfp_growth),
            ("labour_share", 0.05, |s| &mut s.labour_share),
        ];
        let mut rows = Vec::new();
        for (name, step, field) in steps {
            let mut effects = [[0.0; 3]; 2];
            for (k, sign) in [-1.0, 1.0].into_iter().enumerate() {
                let mut s = self.clone();
                *field(&mut s) += sign * step;
                let p = s.project()?;
                effects[k] = [
                    p.gdp_growth - base.gdp_growth,
                    p.lp_growth - base.lp_growth,
                    p.tfp_share.unwrap_or(f64::NAN) - base.tfp_share.unwrap_or(f64::NAN),
                ];
            }
            rows.push(Sensitivity {
                assumption: name.into(),
                step,
                gdp_growth: (effects[0][0], effects[1][0]),
                lp_growth: (effects[0][1], effects[1][1]),
                tfp_share: (effects[0][2], effects[1][2]),
            });
        }
        rows.sort_by(|a, b| {
            let m = |r: &Sensitivity| r.lp_growth.0.abs().max(r.lp_growth.1.abs());
            m(b).total_cmp(&m(a))
        });
        Ok(rows)
    }
}

/// Access to one assumption of a scenario, for the sensitivity loop.
type AssumptionField = fn(&mut Scenario) -> &mut f64;

/// Effect of moving one assumption by −step and +step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sensitivity {
    /// Which assumption.
    pub assumption: String,
    /// The step (a fraction).
    pub step: f64,
    /// Change in average GDP growth at −step and +step.
    pub gdp_growth: (f64, f64),
    /// Change in average LP growth.
    pub lp_growth: (f64, f64),
    /// Change in the TFP share.
    pub tfp_share: (f64, f64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities() {
        assert!((implied_output_growth(0.07, 0.01) - 0.0807).abs() < 1e-15);
        // share 45 % of 7 % growth
        let g = required_tfp_growth(0.45, 0.07);
        assert!(((1.0 + g).ln() / 1.07f64.ln() - 0.45).abs() < 1e-14);
    }

    #[test]
    fn records_and_realism() {
        assert_eq!(best_record(&[1, 2], &[1.0, 2.0], 3), None);
        assert_eq!(best_record(&[1, 3], &[1.0, 2.0], 2), None);
        let a = LevelSeries::new("A", vec![1, 2, 3], vec![1.0, 1.1, 1.21]).unwrap();
        let b = LevelSeries::new("B", vec![1, 2, 3], vec![1.0, 1.02, f64::NAN]).unwrap();
        let own = LevelSeries::new("own", vec![1, 2], vec![1.0, 1.05]).unwrap();
        let r = realism(Measure::Tfp, 0.08, 1, Some(&own), &[a, b]);
        assert_eq!((r.peers.len(), r.achieved_by), (2, 1));
        assert_eq!(r.achieved().next().unwrap().country, "A");
        assert_eq!(r.never_achieved_own(), Some(true));
        assert!(LevelSeries::new("x", vec![1], vec![]).is_err());
    }
}
