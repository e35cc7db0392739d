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

const PEERS_CSV: &str = include_str!("../../data/pwt1001_peers.csv");

/// PWT 10.01 columns of Viet Nam's peers: (country, years, real GDP, employment, rtfpna).
type PeerSeries = (String, Vec<i32>, Vec<f64>, Vec<f64>, Vec<f64>);

fn peers() -> Vec<PeerSeries> {
    let mut out: Vec<PeerSeries> = Vec::new();
    for line in PEERS_CSV.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let num = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
        let (Some(code), Some(year)) = (f.first(), f.get(1).and_then(|y| y.parse::<i32>().ok()))
        else {
            continue;
        };
        if out.last().is_none_or(|p| p.0 != *code) {
            out.push(((*code).to_string(), vec![], vec![], vec![], vec![]));
        }
        if let Some(p) = out.last_mut() {
            p.1.push(year);
            p.2.push(num(f.get(2).copied().unwrap_or("")));
            p.3.push(num(f.get(3).copied().unwrap_or("")));
            p.4.push(num(f.get(4).copied().unwrap_or("")));
        }
    }
    out
}

/// What the record says about a required growth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Realism {
    /// What is measured (`labour productivity`, `TFP`).
    pub measure: String,
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
    /// The verdict in words.
    pub verdict: String,
}

/// Compares a required labour-productivity growth over `years` years with the best records of
/// Viet Nam's PWT peers (LP = `rgdpna/emp`) and, when given, the territory's own LP levels.
pub fn lp_growth_realism(
    required: f64,
    years: usize,
    own: Option<(&str, &[i32], &[f64])>,
) -> Realism {
    let peers: Vec<Record> = peers()
        .into_iter()
        .filter_map(|(c, y, gdp, emp, _)| {
            let lp: Vec<f64> = gdp.iter().zip(&emp).map(|(g, e)| g / e).collect();
            record(c, best_record(&y, &lp, years))
        })
        .collect();
    realism("labour productivity", required, years, own, peers)
}

/// Compares a required TFP growth over `years` years with the best records of the peers whose
/// TFP PWT publishes (`rtfpna`), and, when given, the territory's own TFP index.
pub fn tfp_growth_realism(
    required: f64,
    years: usize,
    own: Option<(&str, &[i32], &[f64])>,
) -> Realism {
    let peers: Vec<Record> = peers()
        .into_iter()
        .filter_map(|(c, y, _, _, tfp)| record(c, best_record(&y, &tfp, years)))
        .collect();
    realism("TFP", required, years, own, peers)
}

fn record(country: String, best: Option<(i32, i32, f64)>) -> Option<Record> {
    best.map(|(from, to, growth)| Record {
        country,
        from,
        to,
        growth,
    })
}

fn realism(
    measure: &str,
    required: f64,
    years: usize,
    own: Option<(&str, &[i32], &[f64])>,
    peers: Vec<Record>,
) -> Realism {
    let own_best = own.and_then(|(name, y, v)| record(name.to_string(), best_record(y, v, years)));
    let achieved: Vec<&Record> = peers.iter().filter(|r| r.growth >= required).collect();
    let mut verdict = format!(
        "{measure} growth of {:.2} %/yr over {years} years: achieved by {} of {} peers",
        100.0 * required,
        achieved.len(),
        peers.len()
    );
    if !achieved.is_empty() {
        let names: Vec<String> = achieved
            .iter()
            .map(|r| {
                format!(
                    "{} {}–{} {:.1} %",
                    r.country,
                    r.from + 1,
                    r.to,
                    100.0 * r.growth
                )
            })
            .collect();
        verdict.push_str(&format!(" ({})", names.join(", ")));
    }
    if let Some(o) = &own_best {
        verdict.push_str(&format!(
            "; {}'s best was {:.2} %/yr ({}–{}){}",
            o.country,
            100.0 * o.growth,
            o.from + 1,
            o.to,
            if o.growth >= required {
                ""
            } else {
                ": never achieved"
            }
        ));
    }
    Realism {
        measure: measure.into(),
        required,
        years,
        own_best,
        achieved_by: achieved.len(),
        peers,
        verdict,
    }
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
    /// The identity and the numbers, in words.
    pub message: String,
}

/// Consistency of one plan's targets, with `employment_growth` (a fraction per year) as the
/// assumption that links productivity and output: implied GDP growth of each LP target, TFP
/// growth required by each TFP-share target of the same period, and contradictory pairs.
pub fn consistency(plan: &Plan, employment_growth: f64) -> Vec<ConsistencyCheck> {
    let mut out = Vec::new();
    let period = |g: &crate::plan::goal::Goal| match g.horizon {
        Some(h) => (h.start.unwrap_or(h.end), h.end),
        None => (plan.period.start, plan.period.end),
    };
    for lp in plan.goals.iter().filter(|g| g.indicator == "lp_growth_avg") {
        let Some(g_lp) = lp.target.lower_bound() else {
            continue;
        };
        let g_y = implied_output_growth(g_lp / 100.0, employment_growth);
        let (a, b) = period(lp);
        let mut message = format!(
            "LP growth {g_lp} %/yr with employment growth {:.2} %/yr implies GDP growth {:.2} %/yr ({a}–{b})",
            100.0 * employment_growth,
            100.0 * g_y
        );
        let mut goals = vec![lp.id.clone()];
        for share in plan
            .goals
            .iter()
            .filter(|g| g.indicator == "tfp_contribution" && period(g) == (a, b))
        {
            if let Some(s) = share.target.lower_bound() {
                let g_tfp = required_tfp_growth(s / 100.0, g_y);
                message.push_str(&format!(
                    "; TFP's {s} % of that growth needs TFP growth of {:.2} %/yr, and capital and \
                     labour together must add {:.2} %/yr",
                    100.0 * g_tfp,
                    100.0 * (g_y - g_tfp)
                ));
                goals.push(share.id.clone());
            }
        }
        for gdp in plan.goals.iter().filter(|g| {
            g.indicator.starts_with("gdp_growth") || g.indicator.starts_with("grdp_growth")
        }) {
            if let Some(hi) = gdp.target.upper_bound()
                && 100.0 * g_y > hi
                && period(gdp) == (a, b)
            {
                out.push(ConsistencyCheck {
                    plan: plan.id.clone(),
                    goals: vec![lp.id.clone(), gdp.id.clone()],
                    contradiction: true,
                    message: format!(
                        "LP growth {g_lp} %/yr and employment growth {:.2} %/yr imply GDP growth \
                         {:.2} %/yr, above the GDP target's ceiling {hi} %/yr: one of them cannot be met \
                         unless employment falls",
                        100.0 * employment_growth,
                        100.0 * g_y
                    ),
                });
            }
        }
        out.push(ConsistencyCheck {
            plan: plan.id.clone(),
            goals,
            contradiction: false,
            message,
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
                    message: format!(
                        "goals `{}` ({}) and `{}` ({}) for `{}` cannot both be met",
                        a.id,
                        a.target.comparator(),
                        b.id,
                        b.target.comparator(),
                        a.indicator
                    ),
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
    /// use nangsuat::monitoring::feasibility::Scenario;
    /// let mut s = Scenario::vietnam_2021_2025();
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

    /// Viet Nam, 2021–2025, with assumptions taken from the embedded sources (each can be
    /// changed): capital–output ratio `rnna/rgdpna` and depreciation `delta` of PWT 10.01 in
    /// 2019 (≈ 2.65 and ≈ 0.054); investment = the mean of the published total-social-investment
    /// shares of GDP, 2016–2022 (embedded observations, ≈ 33.6 %); employment growth 1 %/yr
    /// (GSO employed persons 2021–2025 grew ≈ 1.7 %/yr across the 2021 definition break, so a
    /// lower, stated figure); TFP growth 2 %/yr (an assumption to vary); labour share 0.48 (the
    /// default assumption of [`crate::vietnam::data`]).
    pub fn vietnam_2021_2025() -> Scenario {
        let vn = crate::vietnam::data::vietnam_pwt();
        let i2019 = vn
            .year
            .iter()
            .position(|y| *y == 2019)
            .unwrap_or(vn.year.len() - 1);
        let obs = crate::monitoring::observation::Observations::vietnam();
        let shares: Vec<f64> = obs
            .annual("viet_nam", "investment_share_gdp")
            .into_iter()
            .filter(|(y, _)| (2016..=2022).contains(y))
            .map(|(_, o)| o.value / 100.0)
            .collect();
        Scenario {
            name: "viet_nam_2021_2025_baseline".into(),
            base_year: 2020,
            end_year: 2025,
            capital_output_ratio: vn.rnna[i2019] / vn.rgdpna[i2019],
            investment_rate: shares.iter().sum::<f64>() / shares.len().max(1) as f64,
            depreciation: vn.delta[i2019],
            employment_growth: 0.01,
            tfp_growth: 0.02,
            labour_share: crate::vietnam::data::VIETNAM_DEFAULT_LABOUR_SHARE,
        }
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
    fn projection_matches_growth_accounting() {
        let s = Scenario::vietnam_2021_2025();
        let p = s.project().unwrap();
        // Accounting the projection recovers the assumed TFP growth (Cobb–Douglas, GSO-free
        // log form): Δln Y − (1−s)Δln K − sΔln L = ln(1+g_A) every year.
        for t in 1..p.years.len() {
            let dy = (p.gdp[t] / p.gdp[t - 1]).ln();
            let dk = (p.capital[t] / p.capital[t - 1]).ln();
            let dl = (p.employment[t] / p.employment[t - 1]).ln();
            let tfp = dy - (1.0 - s.labour_share) * dk - s.labour_share * dl;
            assert!((tfp - 1.02f64.ln()).abs() < 1e-12);
        }
        assert!(p.tfp_share.unwrap() > 0.0 && p.tfp_share.unwrap() < 1.0);
        let mut bad = s.clone();
        bad.investment_rate = 33.0;
        assert!(
            bad.project()
                .unwrap_err()
                .to_string()
                .contains("investment_rate")
        );
    }

    #[test]
    fn vietnam_defaults_come_from_the_sources() {
        let s = Scenario::vietnam_2021_2025();
        // PWT 10.01, Viet Nam 2019: rnna 1964750.125 / rgdpna, delta 0.05441349
        assert!(
            (s.capital_output_ratio - 2.649).abs() < 1e-3,
            "{}",
            s.capital_output_ratio
        );
        assert!((s.depreciation - 0.05441349).abs() < 1e-9);
        // observations: 33, 33.3, 34.4, 33.8 % of GDP (2016, 2017, 2020, 2022)
        assert!(
            (s.investment_rate - 0.33625).abs() < 1e-12,
            "{}",
            s.investment_rate
        );
    }

    #[test]
    fn sensitivity_ranks_tfp_growth_and_investment() {
        let rows = Scenario::vietnam_2021_2025().sensitivity().unwrap();
        assert_eq!(rows.len(), 5);
        // +0.5 pp of TFP growth adds about 0.5 pp to LP growth and more than it to GDP growth
        let tfp = rows.iter().find(|r| r.assumption == "tfp_growth").unwrap();
        assert!(tfp.lp_growth.1 > 0.004 && tfp.lp_growth.0 < 0.0);
        for w in rows.windows(2) {
            let m = |r: &Sensitivity| r.lp_growth.0.abs().max(r.lp_growth.1.abs());
            assert!(m(&w[0]) >= m(&w[1]));
        }
    }

    #[test]
    fn records_and_realism() {
        assert_eq!(best_record(&[1, 2], &[1.0, 2.0], 3), None);
        assert_eq!(best_record(&[1, 3], &[1.0, 2.0], 2), None);
        let r = lp_growth_realism(0.07, 5, None);
        assert_eq!(r.peers.len(), 14);
        // China and Korea grew LP above 7 %/yr for five years at some point (PWT 10.01)
        assert!(
            r.peers
                .iter()
                .any(|p| p.country == "CHN" && p.growth > 0.07)
        );
        assert!(
            r.peers
                .iter()
                .any(|p| p.country == "KOR" && p.growth > 0.07)
        );
        assert!(r.achieved_by >= 2 && r.verdict.contains("of 14 peers"));
        let r = tfp_growth_realism(0.5, 5, None);
        assert_eq!(r.achieved_by, 0);
    }

    #[test]
    fn contradictory_targets_are_flagged() {
        let mut plan = Plan::builtin()
            .into_iter()
            .find(|p| p.id == "vn-d36-2021")
            .unwrap();
        // A GDP ceiling of 6.5–7 %/yr cannot hold with LP > 7 %/yr and growing employment.
        let mut gdp = plan.goals[0].clone();
        gdp.id = "gdp".into();
        gdp.indicator = "gdp_growth_avg".into();
        gdp.target = Target::Between {
            low: 6.5,
            high: 7.0,
        };
        plan.goals.push(gdp);
        // Two LP goals for the same period that exclude each other.
        let mut low = plan.goals[0].clone();
        low.id = "lp-low".into();
        low.target = Target::Below { value: 6.0 };
        plan.goals.push(low);
        let checks = consistency(&plan, 0.01);
        let bad: Vec<_> = checks.iter().filter(|c| c.contradiction).collect();
        assert!(
            bad.iter()
                .any(|c| c.goals == ["lp-growth-2021-2025", "gdp"] && c.message.contains("8.07"))
        );
        assert!(bad.iter().any(|c| c.goals.contains(&"lp-low".to_string())));
        assert!(
            consistency(&Plan::builtin()[0], 0.01)
                .iter()
                .all(|c| !c.contradiction)
        );
    }

    #[test]
    fn consistency_of_decision_36() {
        let plans = Plan::builtin();
        let d36 = plans.iter().find(|p| p.id == "vn-d36-2021").unwrap();
        let checks = consistency(d36, 0.01);
        let first = &checks[0];
        assert!(!first.contradiction);
        assert!(first.message.contains("8.07 %/yr"), "{}", first.message);
        assert_eq!(
            first.goals,
            vec!["lp-growth-2021-2025", "tfp-share-2021-2025"]
        );
    }
}
