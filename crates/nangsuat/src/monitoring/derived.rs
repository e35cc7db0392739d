//! Indicators derived from a province's own data, each marked evidence `derived` and citing
//! every input it was computed from (METHODS §1, §2, §4, §7):
//!
//! * labour productivity — GRDP at constant prices ÷ employed persons ([`labour_productivity`]),
//!   its annual growth ([`labour_productivity_growth`]) and period-average growth;
//! * growth of any level ([`annual_growth`], [`period_average_growth`]: GRDP growth);
//! * ratios per 10,000 people ([`per_10000`]);
//! * TFP growth and TFP's share of growth for a province from its own tables
//!   ([`provincial_tfp`], one province; [`provincial_tfp_many`], every province in one call):
//!   GRDP at constant prices, employment, and either a capital series or realised investment
//!   deflated to constant prices and accumulated by the perpetual inventory method
//!   ([`crate::accounting::capital`]), by the GSO form with a stated `b_K` (and `b_L = 1 − b_K`) or the
//!   Törnqvist form with labour shares ([`crate::accounting`] does the accounting).
//!
//! Nothing is invented: a derived value exists only for a year (or period) where every input
//! it needs exists; a preliminary or estimated input ("sơ bộ", "ước tính") makes the result
//! preliminary. [`extend_observations`] adds derived values to an [`Observations`] set, where
//! [`Observations::best`] still prefers a confirmed published value; an assessment of a plan's
//! TFP-share goal then uses the derived value when nothing is published.
//!
//! Growth rates and shares are in percent here (as GSO publishes them and as observations
//! store them): 7.0 is 7 %.
//!
//! # Examples
//! The worked check of METHODS §2 by the GSO form (`b_K` = 0.4):
//! ```
//! use nangsuat::monitoring::derived::{provincial_tfp, CapitalInput, Series, TfpForm, TfpInputs};
//! use nangsuat::Share;
//! let y = Series::from_values("grdp_const", "billion_vnd", &[2020, 2021], &[100.0, 107.0], "tbl1")?;
//! let k = Series::from_values("capital", "billion_vnd", &[2020, 2021], &[300.0, 321.0], "tbl2")?;
//! let l = Series::from_values("employed", "thousand_persons", &[2020, 2021], &[50.0, 51.0], "tbl3")?;
//! let form = TfpForm::Gso { capital_share: Share::new(0.4)? };
//! let r = provincial_tfp(&TfpInputs::new("x", &y, &l, CapitalInput::Stock(&k), form), &[])?;
//! let tfp = r.derived.iter().find(|d| d.indicator == "tfp_growth").unwrap();
//! assert!((tfp.value - 3.0).abs() < 1e-12);           // 7 − 0.4·7 − 0.6·2
//! let share = r.derived.iter().find(|d| d.indicator == "tfp_contribution").unwrap();
//! assert!((share.value - 300.0 / 7.0).abs() < 1e-12);  // 42.86 % of growth
//! assert_eq!(share.inputs.len(), 6);                   // Y, L, K in 2020 and 2021
//! # Ok::<(), nangsuat::Error>(())
//! ```

use crate::accounting::capital::{CapitalStock, PerpetualInventory};
use crate::accounting::{
    Accounting, AccountingInput, GrowthAccounting, LabourShare, UndefinedShare,
};
use crate::error::{Error, Result};
use crate::monitoring::observation::{Evidence, Observation, Observations, ObservedWhen};
use crate::series::{AnnualSeries, NanPolicy};
use crate::share::Share;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One input value with its status and where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Datum {
    /// The value, in the series' unit.
    pub value: f64,
    /// Preliminary or estimated.
    pub preliminary: bool,
    /// Where it was read (file and cell, page, table).
    pub source: String,
}

/// A named annual series of one territory, with status and source per year. A year without a
/// value is simply absent (never a NaN).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    name: String,
    unit: String,
    data: BTreeMap<i32, Datum>,
}

impl Series {
    /// An empty series.
    pub fn new(name: impl Into<String>, unit: impl Into<String>) -> Self {
        Series {
            name: name.into(),
            unit: unit.into(),
            data: BTreeMap::new(),
        }
    }

    /// Adds one year's value.
    ///
    /// # Errors
    /// [`Error::NonFinite`] for NaN or ±inf (leave a missing year out instead);
    /// [`Error::DuplicateYear`] if the year is already there.
    pub fn insert(
        &mut self,
        year: i32,
        value: f64,
        preliminary: bool,
        source: impl Into<String>,
    ) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::NonFinite {
                series: self.name.clone(),
                entity: None,
                year,
                value,
            });
        }
        if self.data.contains_key(&year) {
            return Err(Error::DuplicateYear {
                series: self.name.clone(),
                entity: None,
                year,
            });
        }
        self.data.insert(
            year,
            Datum {
                value,
                preliminary,
                source: source.into(),
            },
        );
        Ok(())
    }

    /// A series of final (not preliminary) values from one source; NaN marks a missing year.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if the lengths differ; [`Error::DuplicateYear`]; ±inf is
    /// [`Error::NonFinite`].
    pub fn from_values(
        name: impl Into<String>,
        unit: impl Into<String>,
        years: &[i32],
        values: &[f64],
        source: &str,
    ) -> Result<Self> {
        let mut s = Series::new(name, unit);
        if years.len() != values.len() {
            return Err(Error::LengthMismatch {
                series: s.name,
                expected: years.len(),
                actual: values.len(),
            });
        }
        for (&y, &v) in years.iter().zip(values) {
            if !v.is_nan() {
                s.insert(y, v, false, source)?;
            }
        }
        Ok(s)
    }

    /// Marks a year's value as preliminary (as a builder).
    #[must_use]
    pub fn preliminary_in(mut self, year: i32) -> Self {
        if let Some(d) = self.data.get_mut(&year) {
            d.preliminary = true;
        }
        self
    }

    /// The annual values of one scope and indicator in an observation set (one per year, by
    /// [`Observations::best`]), with their preliminary flags and source pages.
    pub fn from_observations(observations: &Observations, scope: &str, indicator: &str) -> Self {
        let annual = observations.annual(scope, indicator);
        let unit = annual.first().map_or("", |(_, o)| o.unit.as_str());
        let mut s = Series::new(indicator, unit);
        for (year, o) in annual {
            s.data.insert(
                year,
                Datum {
                    value: o.value,
                    preliminary: o.preliminary,
                    source: o.source_url.clone(),
                },
            );
        }
        s
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Unit.
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// The value of a year, if present.
    pub fn get(&self, year: i32) -> Option<&Datum> {
        self.data.get(&year)
    }

    /// Years with a value, increasing.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.data.keys().copied()
    }

    /// Number of years with a value.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether no year has a value.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn points(&self) -> BTreeMap<i32, Point> {
        self.data
            .iter()
            .map(|(&year, d)| {
                (
                    year,
                    Point {
                        value: d.value,
                        preliminary: d.preliminary,
                        inputs: vec![Cite {
                            series: self.name.clone(),
                            year,
                            value: d.value,
                            preliminary: d.preliminary,
                            source: d.source.clone(),
                        }],
                    },
                )
            })
            .collect()
    }
}

/// An input a derived value was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cite {
    /// Series name.
    pub series: String,
    /// Year.
    pub year: i32,
    /// The value used.
    pub value: f64,
    /// Whether it was preliminary.
    pub preliminary: bool,
    /// Where it was read.
    pub source: String,
}

/// A derived value with its formula and inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Derived {
    /// Territory (scope of observations).
    pub scope: String,
    /// Indicator code (`lp_level_const`, `lp_growth`, `grdp_growth`, `tfp_growth`,
    /// `tfp_contribution`…).
    pub indicator: String,
    /// Year or period.
    pub when: ObservedWhen,
    /// The value, in `unit`.
    pub value: f64,
    /// Unit.
    pub unit: String,
    /// Computed from at least one preliminary input.
    pub preliminary: bool,
    /// How it was computed, with every assumption.
    pub formula: String,
    /// Every input value used.
    pub inputs: Vec<Cite>,
}

impl Derived {
    /// The observation it becomes: evidence `derived`, the formula and inputs in the note,
    /// the inputs' sources as the source.
    pub fn to_observation(&self) -> Observation {
        let inputs: Vec<String> = self
            .inputs
            .iter()
            .map(|c| {
                format!(
                    "{} {} = {}{}",
                    c.series,
                    c.year,
                    c.value,
                    if c.preliminary { " (preliminary)" } else { "" }
                )
            })
            .collect();
        let mut sources: Vec<&str> = Vec::new();
        for c in &self.inputs {
            if !c.source.is_empty() && !sources.contains(&c.source.as_str()) {
                sources.push(&c.source);
            }
        }
        Observation {
            scope: self.scope.clone(),
            indicator: self.indicator.clone(),
            when: self.when,
            value: self.value,
            unit: self.unit.clone(),
            note: format!(
                "derived{}: {}; inputs: {}",
                if self.preliminary {
                    " from preliminary inputs"
                } else {
                    ""
                },
                self.formula,
                inputs.join(", ")
            ),
            source_url: sources.join(" | "),
            evidence: Evidence::Derived,
            preliminary: self.preliminary,
            provenance: None,
        }
    }
}

/// A copy of `observations` with the derived values added (evidence `derived`). Published
/// values stay: [`Observations::best`] prefers a confirmed value to a derived one for the same
/// scope, indicator and time, so a derived value is used only where nothing was published.
pub fn extend_observations(observations: &Observations, derived: &[Derived]) -> Observations {
    let mut rows = observations.rows().to_vec();
    rows.extend(derived.iter().map(Derived::to_observation));
    Observations::new(rows)
}

#[derive(Debug, Clone)]
struct Point {
    value: f64,
    preliminary: bool,
    inputs: Vec<Cite>,
}

fn joined(a: &Point, b: &Point, value: f64) -> Point {
    let mut inputs = a.inputs.clone();
    inputs.extend(b.inputs.iter().cloned());
    Point {
        value,
        preliminary: a.preliminary || b.preliminary,
        inputs,
    }
}

/// One derived value, or an error naming it when it does not fit in a double (a hostile-input
/// probe found labour productivity of +∞ from an employment of 4.9e-324 persons).
fn derived(
    scope: &str,
    indicator: &str,
    unit: &str,
    formula: &str,
    when: ObservedWhen,
    p: Point,
) -> Result<Derived> {
    if !p.value.is_finite() {
        let year = match when {
            ObservedWhen::Year(y) => Some(y),
            ObservedWhen::Period { end, .. } => Some(end),
            _ => None,
        };
        return Err(Error::OutOfRange {
            name: format!("{indicator} of `{scope}` ({formula})"),
            year,
            value: p.value,
            expected: "a finite number: the inputs are so many orders of magnitude apart that \
                       the result does not fit in a double; check the units of each series"
                .into(),
        });
    }
    Ok(Derived {
        scope: scope.into(),
        indicator: indicator.into(),
        when,
        value: p.value,
        unit: unit.into(),
        preliminary: p.preliminary,
        formula: formula.into(),
        inputs: p.inputs,
    })
}

fn positive(series: &str, year: i32, value: f64) -> Result<()> {
    if value > 0.0 {
        Ok(())
    } else {
        Err(Error::NonPositive {
            series: series.into(),
            entity: None,
            year,
            value,
        })
    }
}

fn ratio_points(
    numerator: &Series,
    denominator: &Series,
    scale: f64,
) -> Result<BTreeMap<i32, Point>> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(Error::OutOfRange {
            name: "scale".into(),
            year: None,
            value: scale,
            expected: "a finite number > 0".into(),
        });
    }
    let (n, d) = (numerator.points(), denominator.points());
    let mut out = BTreeMap::new();
    for (year, a) in &n {
        if let Some(b) = d.get(year) {
            positive(denominator.name(), *year, b.value)?;
            out.insert(*year, joined(a, b, a.value / b.value * scale));
        }
    }
    Ok(out)
}

fn growth_points(level: &BTreeMap<i32, Point>, name: &str) -> Result<BTreeMap<i32, Point>> {
    let mut out = BTreeMap::new();
    for (year, p) in level {
        if let Some(prev) = level.get(&(year - 1)) {
            positive(name, year - 1, prev.value)?;
            positive(name, *year, p.value)?;
            out.insert(*year, joined(prev, p, 100.0 * (p.value / prev.value - 1.0)));
        }
    }
    Ok(out)
}

fn annual(
    scope: &str,
    indicator: &str,
    unit: &str,
    formula: &str,
    points: BTreeMap<i32, Point>,
) -> Result<Vec<Derived>> {
    points
        .into_iter()
        .map(|(y, p)| derived(scope, indicator, unit, formula, ObservedWhen::Year(y), p))
        .collect()
}

/// `numerator / denominator × scale` for every year where both exist.
///
/// # Errors
/// [`Error::NonPositive`] for a zero or negative denominator (naming series and year);
/// [`Error::OutOfRange`] for a scale that is not a positive finite number.
pub fn ratio(
    scope: &str,
    indicator: &str,
    unit: &str,
    numerator: &Series,
    denominator: &Series,
    scale: f64,
) -> Result<Vec<Derived>> {
    let formula = format!("{} / {} × {scale}", numerator.name(), denominator.name());
    annual(
        scope,
        indicator,
        unit,
        &formula,
        ratio_points(numerator, denominator, scale)?,
    )
}

/// Labour productivity `Y/L` (indicator `lp_level_const`): output at constant prices ÷ employed
/// persons × `scale`, in `unit` (Viet Nam's official definition, METHODS §1). With output in
/// billion VND and employment in thousand persons, `scale` = 1 gives million VND per person.
///
/// # Errors
/// As [`ratio`].
pub fn labour_productivity(
    scope: &str,
    output: &Series,
    employment: &Series,
    scale: f64,
    unit: &str,
) -> Result<Vec<Derived>> {
    ratio(scope, "lp_level_const", unit, output, employment, scale)
}

/// Annual labour-productivity growth (indicator `lp_growth`, percent):
/// `(Y_t/L_t)/(Y_{t−1}/L_{t−1}) − 1`, where output and employment exist in both years.
///
/// # Errors
/// [`Error::NonPositive`] for a non-positive output or employment.
pub fn labour_productivity_growth(
    scope: &str,
    output: &Series,
    employment: &Series,
) -> Result<Vec<Derived>> {
    let lp = ratio_points(output, employment, 1.0)?;
    let formula = format!(
        "100 × (({y}_t/{l}_t)/({y}_t−1/{l}_t−1) − 1)",
        y = output.name(),
        l = employment.name()
    );
    annual(
        scope,
        "lp_growth",
        "percent_per_year",
        &formula,
        growth_points(&lp, "labour productivity")?,
    )
}

/// Annual growth of a level (percent): `100 × (x_t/x_{t−1} − 1)` where both years exist (GSO's
/// discrete growth). Use `grdp_growth` for a province's GRDP at constant prices.
///
/// # Errors
/// [`Error::NonPositive`] for a non-positive level.
pub fn annual_growth(scope: &str, indicator: &str, level: &Series) -> Result<Vec<Derived>> {
    let formula = format!("100 × ({n}_t/{n}_t−1 − 1)", n = level.name());
    annual(
        scope,
        indicator,
        "percent_per_year",
        &formula,
        growth_points(&level.points(), level.name())?,
    )
}

/// Period-average growth of a level over `[from, to]` (percent per year), the CAGR
/// `100 × ((x_to/x_from)^(1/(to−from)) − 1)` (METHODS §1), for the period `from+1 ..= to`;
/// `None` when either end is missing.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `from < to`; [`Error::NonPositive`] for a non-positive end.
pub fn period_average_growth(
    scope: &str,
    indicator: &str,
    level: &Series,
    from: i32,
    to: i32,
) -> Result<Option<Derived>> {
    if from >= to {
        return Err(Error::invalid_parameter(
            "from, to",
            format!("the first year ({from}) must be before the last ({to})"),
        ));
    }
    let points = level.points();
    let (Some(a), Some(b)) = (points.get(&from), points.get(&to)) else {
        return Ok(None);
    };
    positive(level.name(), from, a.value)?;
    positive(level.name(), to, b.value)?;
    let g = 100.0 * crate::growth::cagr(a.value, b.value, f64::from(to - from));
    let formula = format!(
        "100 × (({n}_{to}/{n}_{from})^(1/{}) − 1)",
        to - from,
        n = level.name()
    );
    Ok(Some(derived(
        scope,
        indicator,
        "percent_per_year",
        &formula,
        ObservedWhen::Period {
            start: from + 1,
            end: to,
        },
        joined(a, b, g),
    )?))
}

/// A ratio per 10,000 people (e.g. researchers per 10,000 inhabitants):
/// `count / (population × persons_per_unit) × 10,000`, with `persons_per_unit` the population
/// series' unit in persons (1,000 for "thousand persons", as NSO publishes population).
///
/// # Errors
/// As [`ratio`].
pub fn per_10000(
    scope: &str,
    indicator: &str,
    count: &Series,
    population: &Series,
    persons_per_unit: f64,
) -> Result<Vec<Derived>> {
    if !(persons_per_unit.is_finite() && persons_per_unit > 0.0) {
        return Err(Error::OutOfRange {
            name: "persons_per_unit".into(),
            year: None,
            value: persons_per_unit,
            expected: "a positive number of persons per unit of the population series".into(),
        });
    }
    ratio(
        scope,
        indicator,
        "per_10000_people",
        count,
        population,
        10_000.0 / persons_per_unit,
    )
}

/// Where capital comes from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum CapitalInput<'a> {
    /// A capital series at constant prices (stock or services), used as it is.
    Stock(&'a Series),
    /// Realised investment, deflated to constant prices when a deflator is given, accumulated
    /// by the perpetual inventory method with the stated depreciation, timing and Harberger
    /// initial stock ([`PerpetualInventory`]).
    Investment {
        /// Investment (nominal when `deflator` is given, else already at constant prices).
        investment: &'a Series,
        /// Price index and the value it has in the base year of constant prices (100 for an
        /// index with base = 100): real investment = nominal × base / index.
        deflator: Option<(&'a Series, f64)>,
        /// Depreciation, timing, window and basis of the initial stock.
        inventory: &'a PerpetualInventory,
    },
}

/// The growth-accounting form.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum TfpForm<'a> {
    /// GSO's official form: discrete growth, `G_A = G_Y − b_K·G_K − b_L·G_L` with the stated
    /// capital share `b_K` and `b_L = 1 − b_K`.
    Gso {
        /// `b_K`, a fraction.
        capital_share: Share,
    },
    /// Törnqvist: log growth, labour's share averaged over adjacent years; a year's TFP needs
    /// the labour share in both years.
    Tornqvist {
        /// Labour's share of income by year, fractions.
        labour_share: &'a Series,
    },
}

/// One province's inputs to [`provincial_tfp`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct TfpInputs<'a> {
    /// Territory (scope of the derived values).
    pub scope: &'a str,
    /// GRDP (GDP) at constant prices.
    pub output: &'a Series,
    /// Employed persons.
    pub employment: &'a Series,
    /// Capital, or the investment to build it from.
    pub capital: CapitalInput<'a>,
    /// GSO or Törnqvist.
    pub form: TfpForm<'a>,
}

impl<'a> TfpInputs<'a> {
    /// Bundles one province's inputs.
    pub fn new(
        scope: &'a str,
        output: &'a Series,
        employment: &'a Series,
        capital: CapitalInput<'a>,
        form: TfpForm<'a>,
    ) -> Self {
        TfpInputs {
            scope,
            output,
            employment,
            capital,
            form,
        }
    }
}

/// A province's TFP derived from its own data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProvincialTfp {
    /// Territory.
    pub scope: String,
    /// The capital stock built from investment, with its parameters (`None` when a capital
    /// series was given).
    pub capital_stock: Option<CapitalStock>,
    /// The growth-accounting result on the years where every input exists.
    pub accounting: Accounting,
    /// Annual `tfp_growth` (percent), `tfp_contribution`, `capital_contribution` and
    /// `labour_contribution` (percent of output growth, where defined), and each requested
    /// period's `tfp_contribution` (the ratio of cumulative growths) and `tfp_growth_avg`.
    pub derived: Vec<Derived>,
    /// Why a requested period has no value.
    pub undefined: Vec<String>,
    /// Every assumption, in words.
    pub assumptions: String,
}

fn capital_points(
    capital: &CapitalInput<'_>,
) -> Result<(BTreeMap<i32, Point>, Option<CapitalStock>, String)> {
    match capital {
        CapitalInput::Stock(k) => Ok((
            k.points(),
            None,
            format!("capital: the series `{}` as given", k.name()),
        )),
        CapitalInput::Investment {
            investment,
            deflator,
            inventory,
        } => {
            let mut real = investment.points();
            if let Some((index, base)) = deflator {
                if !(base.is_finite() && *base > 0.0) {
                    return Err(Error::OutOfRange {
                        name: "deflator base".into(),
                        year: None,
                        value: *base,
                        expected: "the positive value of the index in the base year (e.g. 100)"
                            .into(),
                    });
                }
                let idx = index.points();
                let mut deflated = BTreeMap::new();
                for (year, p) in &real {
                    let Some(d) = idx.get(year) else {
                        return Err(Error::MissingYear {
                            series: index.name().into(),
                            entity: None,
                            year: *year,
                        });
                    };
                    positive(index.name(), *year, d.value)?;
                    deflated.insert(*year, joined(p, d, p.value * base / d.value));
                }
                real = deflated;
            }
            let years: Vec<i32> = real.keys().copied().collect();
            let values: Vec<f64> = real.values().map(|p| p.value).collect();
            let series = AnnualSeries::new("real_investment", years.clone(), values)?;
            let stock = inventory.estimate(&series)?;
            // K_t depends on every investment up to t: its inputs are I_t (and the deflator),
            // and it is preliminary once any earlier input was.
            let mut out = BTreeMap::new();
            let mut preliminary = false;
            for (i, year) in years.iter().enumerate() {
                let p = &real[year];
                preliminary |= p.preliminary;
                let mut inputs = p.inputs.clone();
                for c in &mut inputs {
                    c.series = format!("{} (into the capital stock)", c.series);
                }
                out.insert(
                    *year,
                    Point {
                        value: stock.stock.values()[i],
                        preliminary,
                        inputs,
                    },
                );
            }
            let basis = match &inventory.basis {
                crate::accounting::capital::GrowthBasis::Investment => {
                    "the average growth of real investment"
                }
                crate::accounting::capital::GrowthBasis::Output(_) => {
                    "the average growth of output"
                }
                crate::accounting::capital::GrowthBasis::LogLinearTrend => {
                    "the trend growth of ln(investment) (Nehru–Dhareshwar)"
                }
            };
            let text = format!(
                "capital: perpetual inventory of `{}`{} from {}, geometric depreciation δ = {}, \
                 {} timing, Harberger initial stock K_{} = I/(g + δ) = {:.6} with g = {:.6} \
                 ({basis} over the first {} years)",
                investment.name(),
                deflator.map_or(String::new(), |(d, b)| format!(
                    " deflated by `{}` (base = {b})",
                    d.name()
                )),
                years[0],
                inventory.depreciation,
                match inventory.timing {
                    crate::accounting::capital::Timing::MidYear => "mid-year",
                    _ => "end-of-year",
                },
                years[0],
                stock.initial_stock,
                stock.initial_growth,
                inventory.window
            );
            Ok((out, Some(stock), text))
        }
    }
}

/// TFP growth and TFP's share of growth for one province from its own data (see the
/// [module docs](self)). `periods` are `(start, end)` pairs of growth years (`(2021, 2025)`
/// measures growth from 2020 to 2025), each giving the period's TFP share as the ratio of
/// cumulative growths (METHODS §2) when every year from `start − 1` to `end` has every input.
///
/// # Errors
/// [`Error::NonPositive`] for a non-positive output, employment, capital or deflator;
/// [`Error::MissingYear`] for investment years that are not consecutive (the stock cannot be
/// accumulated across a gap) or a deflator missing in an investment year; the
/// [`PerpetualInventory`] errors; [`Error::OutOfRange`] for a labour share outside [0, 1].
pub fn provincial_tfp(inputs: &TfpInputs<'_>, periods: &[(i32, i32)]) -> Result<ProvincialTfp> {
    let scope = inputs.scope;
    let y = inputs.output.points();
    let l = inputs.employment.points();
    let (k, stock, capital_text) = capital_points(&inputs.capital)?;
    let shares = match inputs.form {
        TfpForm::Tornqvist { labour_share } => Some(labour_share.points()),
        TfpForm::Gso { .. } => None,
    };
    // Rows: the years where every input exists.
    let years: Vec<i32> = y
        .keys()
        .copied()
        .filter(|t| l.contains_key(t) && k.contains_key(t))
        .filter(|t| shares.as_ref().is_none_or(|s| s.contains_key(t)))
        .collect();
    for &t in &years {
        positive(inputs.output.name(), t, y[&t].value)?;
        positive(inputs.employment.name(), t, l[&t].value)?;
        positive("capital", t, k[&t].value)?;
    }
    let col = |m: &BTreeMap<i32, Point>| years.iter().map(|t| m[t].value).collect::<Vec<f64>>();
    let (yv, kv, lv) = (col(&y), col(&k), col(&l));
    let sv = shares.as_ref().map(col);
    let (engine, form_text) = match inputs.form {
        TfpForm::Gso { capital_share } => (
            GrowthAccounting::gso(),
            format!(
                "GSO form: G_A = G_Y − b_K·G_K − b_L·G_L, discrete growth, b_K = {}, b_L = {}",
                capital_share.get(),
                capital_share.complement().get()
            ),
        ),
        TfpForm::Tornqvist { labour_share } => (
            GrowthAccounting::tornqvist(),
            format!(
                "Törnqvist form: Δln A = Δln Y − s̄_L·Δln L − (1 − s̄_L)·Δln K, s̄_L the mean of \
                 `{}` in adjacent years",
                labour_share.name()
            ),
        ),
    };
    let make_input = |r: std::ops::Range<usize>| {
        let share = match (&inputs.form, &sv) {
            (TfpForm::Tornqvist { .. }, Some(s)) => LabourShare::PerRow(&s[r.clone()]),
            (TfpForm::Gso { capital_share }, _) => {
                LabourShare::Constant(capital_share.complement())
            }
            (TfpForm::Tornqvist { .. }, None) => {
                unreachable!("Törnqvist shares are collected above")
            }
        };
        AccountingInput::new(
            &years[r.clone()],
            &yv[r.clone()],
            &kv[r.clone()],
            &lv[r],
            share,
        )
    };
    let input = make_input(0..years.len());
    let engine = engine.nan_policy(NanPolicy::Propagate);
    let accounting = engine.compute(&input)?;
    let assumptions = format!(
        "{form_text}; output: `{}`; labour: `{}` (persons, quality inside TFP for GSO); \
         {capital_text}; a year's value needs every input in that year and the year before",
        inputs.output.name(),
        inputs.employment.name()
    );
    let tolerance = engine.zero_growth_tolerance;
    let row_inputs = |t: i32| -> Point {
        let mut parts = vec![
            &y[&(t - 1)],
            &y[&t],
            &l[&(t - 1)],
            &l[&t],
            &k[&(t - 1)],
            &k[&t],
        ];
        if let Some(s) = &shares {
            parts.push(&s[&(t - 1)]);
            parts.push(&s[&t]);
        }
        Point {
            value: 0.0,
            preliminary: parts.iter().any(|p| p.preliminary),
            inputs: parts
                .iter()
                .flat_map(|p| p.inputs.iter().cloned())
                .collect(),
        }
    };
    let mut out = Vec::new();
    for i in 0..accounting.len() {
        let Some(row) = accounting.row(i) else {
            continue;
        };
        let base = row_inputs(row.year);
        let mut push = |indicator: &str, unit: &str, formula: &str, value: f64| -> Result<()> {
            let p = Point {
                value,
                ..base.clone()
            };
            out.push(derived(
                scope,
                indicator,
                unit,
                &format!("{formula}; {assumptions}"),
                ObservedWhen::Year(row.year),
                p,
            )?);
            Ok(())
        };
        push(
            "tfp_growth",
            "percent_per_year",
            "100 × TFP growth",
            100.0 * row.tfp_growth,
        )?;
        if let Some(share) = row.tfp_share {
            push(
                "tfp_contribution",
                "percent_of_growth",
                "100 × TFP growth / output growth",
                100.0 * share,
            )?;
        }
        if let Some(c) = row.contribution_shares(tolerance) {
            push(
                "capital_contribution",
                "percent_of_growth",
                "100 × capital's contribution / output growth",
                100.0 * c.capital,
            )?;
            push(
                "labour_contribution",
                "percent_of_growth",
                "100 × labour's contribution / output growth",
                100.0 * c.labour,
            )?;
        }
    }
    let mut undefined = Vec::new();
    for &(start, end) in periods {
        if start > end {
            return Err(Error::invalid_parameter(
                "periods",
                format!("({start}, {end}): the first growth year must not be after the last"),
            ));
        }
        let label = format!("{start}–{end}");
        let missing: Vec<String> = (start - 1..=end)
            .filter(|t| !years.contains(t))
            .map(|t| t.to_string())
            .collect();
        if !missing.is_empty() {
            undefined.push(format!(
                "{label}: no value; some input is missing in {}",
                missing.join(", ")
            ));
            continue;
        }
        // The period on its own rows, so that a gap before it does not break the TFP index.
        let (a, b) = (
            years.iter().position(|t| *t == start - 1).unwrap_or(0),
            years.iter().position(|t| *t == end).unwrap_or(0),
        );
        let sub = make_input(a..b + 1);
        let summary = engine.compute(&sub)?.period(start - 1, end)?;
        let mut parts = Point {
            value: 0.0,
            preliminary: false,
            inputs: Vec::new(),
        };
        for t in start..=end {
            let p = row_inputs(t);
            parts.preliminary |= p.preliminary;
            for c in p.inputs {
                if !parts.inputs.contains(&c) {
                    parts.inputs.push(c);
                }
            }
        }
        let when = ObservedWhen::Period { start, end };
        if let Some(g) = summary.average_tfp_growth {
            out.push(derived(
                scope,
                "tfp_growth_avg",
                "percent_per_year",
                &format!("100 × average annual TFP growth (CAGR of the TFP index); {assumptions}"),
                when,
                Point {
                    value: 100.0 * g,
                    ..parts.clone()
                },
            )?);
        }
        match summary.tfp_share_of_cumulative_growth {
            Some(s) => out.push(derived(
                scope,
                "tfp_contribution",
                "percent_of_growth",
                &format!(
                    "100 × ln(TFP_{end}/TFP_{}) / ln(Y_{end}/Y_{}) (ratio of cumulative growths); \
                     {assumptions}",
                    start - 1,
                    start - 1
                ),
                when,
                Point {
                    value: 100.0 * s,
                    ..parts
                },
            )?),
            None => undefined.push(format!(
                "{label}: TFP's share is undefined ({})",
                summary
                    .tfp_share_of_cumulative_growth_undefined
                    .unwrap_or(UndefinedShare::MissingGrowth)
                    .describe()
            )),
        }
    }
    Ok(ProvincialTfp {
        scope: scope.into(),
        capital_stock: stock,
        accounting,
        derived: out,
        undefined,
        assumptions,
    })
}

/// [`provincial_tfp`] for every province in one call: one outcome per province, in the order
/// given, so that one province's bad data does not hide the others' results.
pub fn provincial_tfp_many(
    provinces: &[TfpInputs<'_>],
    periods: &[(i32, i32)],
) -> Vec<(String, Result<ProvincialTfp>)> {
    provinces
        .iter()
        .map(|p| (p.scope.to_string(), provincial_tfp(p, periods)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn s(name: &str, years: &[i32], values: &[f64]) -> Series {
        Series::from_values(name, "u", years, values, &format!("{name}.csv")).unwrap()
    }

    fn find<'a>(d: &'a [Derived], indicator: &str, when: ObservedWhen) -> Option<&'a Derived> {
        d.iter()
            .find(|x| x.indicator == indicator && x.when == when)
    }

    #[test]
    fn methods_worked_check_tornqvist() {
        // METHODS §2: Y 100→107, K 300→321, L 50→51, s_L 0.60→0.62.
        let (y, k, l) = (
            s("y", &[2020, 2021], &[100.0, 107.0]),
            s("k", &[2020, 2021], &[300.0, 321.0]),
            s("l", &[2020, 2021], &[50.0, 51.0]),
        );
        let sl = s("labour_share", &[2020, 2021], &[0.60, 0.62]);
        let form = TfpForm::Tornqvist { labour_share: &sl };
        let r = provincial_tfp(
            &TfpInputs::new("x", &y, &l, CapitalInput::Stock(&k), form),
            &[(2021, 2021)],
        )
        .unwrap();
        let tfp = find(&r.derived, "tfp_growth", ObservedWhen::Year(2021)).unwrap();
        assert!((tfp.value - 2.9192).abs() < 1e-4);
        let share = find(&r.derived, "tfp_contribution", ObservedWhen::Year(2021)).unwrap();
        assert!((share.value - 43.15).abs() < 5e-3);
        assert_eq!(share.inputs.len(), 8); // Y, L, K, s_L in two years
        let period = ObservedWhen::Period {
            start: 2021,
            end: 2021,
        };
        let p = find(&r.derived, "tfp_contribution", period).unwrap();
        assert!((p.value - share.value).abs() < 1e-9);
        assert!(!p.preliminary);
    }

    #[test]
    fn lp_growth_and_ratios_by_hand() {
        let y = s("grdp", &[2021, 2022, 2023], &[100.0, 108.0, 113.4]);
        let l = s("employed", &[2021, 2022, 2023], &[50.0, 51.0, 51.0]);
        let lp = labour_productivity("x", &y, &l, 1.0, "million_vnd_per_person").unwrap();
        assert_eq!(lp.len(), 3);
        assert!((lp[1].value - 108.0 / 51.0).abs() < 1e-12);
        let g = labour_productivity_growth("x", &y, &l).unwrap();
        assert!((g[0].value - 100.0 * (108.0 / 51.0 / 2.0 - 1.0)).abs() < 1e-12);
        assert_eq!(g[0].when, ObservedWhen::Year(2022));
        assert_eq!(g[0].inputs.len(), 4);
        let gy = annual_growth("x", "grdp_growth", &y).unwrap();
        assert!((gy[1].value - 5.0).abs() < 1e-12);
        let avg = period_average_growth("x", "grdp_growth_avg", &y, 2021, 2023)
            .unwrap()
            .unwrap();
        assert!((avg.value - 100.0 * (1.134f64.sqrt() - 1.0)).abs() < 1e-12);
        assert_eq!(
            avg.when,
            ObservedWhen::Period {
                start: 2022,
                end: 2023
            }
        );
        assert!(
            period_average_growth("x", "g", &y, 2020, 2023)
                .unwrap()
                .is_none()
        );
        // 1,200 researchers in a population of 3,600 thousand: 3.33 per 10,000.
        let r = s("researchers", &[2023], &[1200.0]);
        let pop = s("population", &[2023], &[3600.0]);
        let per = per_10000("x", "researchers_per_10k_pop", &r, &pop, 1000.0).unwrap();
        assert!((per[0].value - 10_000.0 / 3000.0).abs() < 1e-12);
        assert_eq!(per[0].unit, "per_10000_people");
    }

    #[test]
    fn nothing_is_invented_and_preliminary_propagates() {
        let y = s(
            "grdp",
            &[2021, 2022, 2023, 2024],
            &[100.0, 105.0, 110.0, 116.0],
        )
        .preliminary_in(2024);
        let l = s("employed", &[2021, 2023, 2024], &[50.0, 51.0, 51.5]);
        let g = labour_productivity_growth("x", &y, &l).unwrap();
        // 2022 employment is missing: no LP in 2022, so no growth in 2022 or 2023.
        let years: Vec<ObservedWhen> = g.iter().map(|d| d.when).collect();
        assert_eq!(years, vec![ObservedWhen::Year(2024)]);
        assert!(g[0].preliminary);
        let gy = annual_growth("x", "grdp_growth", &y).unwrap();
        assert_eq!(gy.len(), 3);
        assert!(!gy[1].preliminary && gy[2].preliminary);
        assert!(gy[2].to_observation().note.contains("preliminary"));
        assert_eq!(gy[2].to_observation().evidence, Evidence::Derived);
        // TFP: the same gap leaves 2022 and 2023 undefined; a period across it has no value.
        let k = s(
            "k",
            &[2021, 2022, 2023, 2024],
            &[300.0, 310.0, 320.0, 330.0],
        );
        let form = TfpForm::Gso {
            capital_share: Share::new(0.5).unwrap(),
        };
        let r = provincial_tfp(
            &TfpInputs::new("x", &y, &l, CapitalInput::Stock(&k), form),
            &[(2022, 2024), (2024, 2024)],
        )
        .unwrap();
        let tfp: Vec<&Derived> = r
            .derived
            .iter()
            .filter(|d| d.indicator == "tfp_growth")
            .collect();
        assert_eq!(tfp.len(), 1);
        assert_eq!(tfp[0].when, ObservedWhen::Year(2024));
        assert!(tfp[0].preliminary);
        assert!(r.undefined[0].contains("2022–2024") && r.undefined[0].contains("2022"));
        assert!(
            find(
                &r.derived,
                "tfp_contribution",
                ObservedWhen::Period {
                    start: 2024,
                    end: 2024
                }
            )
            .is_some_and(|d| d.preliminary)
        );
    }

    #[test]
    fn capital_from_deflated_investment() {
        // Nominal investment growing 5 %/yr at constant real prices ×1.1: deflator 110.
        let years: Vec<i32> = (2010..2016).collect();
        let real: Vec<f64> = (0..6).map(|t| 100.0 * 1.05f64.powi(t)).collect();
        let nominal: Vec<f64> = real.iter().map(|v| v * 1.1).collect();
        let inv = s("investment_nominal", &years, &nominal).preliminary_in(2013);
        let defl = s("investment_deflator", &years, &[110.0; 6]);
        let pim = PerpetualInventory::new(0.05).unwrap();
        let y = s("grdp", &years, &[100.0, 106.0, 112.0, 118.0, 125.0, 131.0]);
        let l = s("employed", &years, &[50.0, 50.5, 51.0, 51.5, 52.0, 52.5]);
        let capital = CapitalInput::Investment {
            investment: &inv,
            deflator: Some((&defl, 100.0)),
            inventory: &pim,
        };
        let form = TfpForm::Gso {
            capital_share: Share::new(0.45).unwrap(),
        };
        let r =
            provincial_tfp(&TfpInputs::new("x", &y, &l, capital, form), &[(2011, 2015)]).unwrap();
        // Harberger: K_2010 = 100/(0.05 + 0.05) = 1000; K_2011 = 0.95·1000 + 105 = 1055.
        let stock = r.capital_stock.as_ref().unwrap();
        assert!((stock.initial_stock - 1000.0).abs() < 1e-9);
        assert!((stock.stock.values()[1] - 1055.0).abs() < 1e-9);
        let g_k = 1055.0 / 1000.0 - 1.0;
        let expected = 0.06 - 0.45 * g_k - 0.55 * (50.5 / 50.0 - 1.0);
        let t = find(&r.derived, "tfp_growth", ObservedWhen::Year(2011)).unwrap();
        assert!((t.value - 100.0 * expected).abs() < 1e-10);
        assert!(!t.preliminary);
        // K from 2013 on rests on the preliminary 2013 investment.
        for (year, prelim) in [(2012, false), (2013, true), (2014, true), (2015, true)] {
            let t = find(&r.derived, "tfp_growth", ObservedWhen::Year(year)).unwrap();
            assert_eq!(t.preliminary, prelim, "{year}");
        }
        assert!(r.assumptions.contains("δ = 0.05") && r.assumptions.contains("b_K = 0.45"));
        // A gap in investment cannot be bridged; a missing deflator is named.
        let gappy = s("investment_nominal", &[2010, 2011, 2013], &[1.0, 1.0, 1.0]);
        let capital = CapitalInput::Investment {
            investment: &gappy,
            deflator: None,
            inventory: &pim,
        };
        let e = provincial_tfp(&TfpInputs::new("x", &y, &l, capital, form), &[]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingYear);
        let short = s("investment_deflator", &[2010], &[100.0]);
        let capital = CapitalInput::Investment {
            investment: &inv,
            deflator: Some((&short, 100.0)),
            inventory: &pim,
        };
        let e = provincial_tfp(&TfpInputs::new("x", &y, &l, capital, form), &[]).unwrap_err();
        assert!(e.to_string().contains("investment_deflator") && e.to_string().contains("2011"));
    }

    /// Found by a hostile-input probe: an employment of 4.9e-324 persons gave labour
    /// productivity of +∞ as a value.
    #[test]
    fn a_value_beyond_a_double_is_an_error_naming_it() {
        let output = s("output", &[2019, 2020], &[1.7, 2.35]);
        let employment = s("employment", &[2019, 2020], &[118.8, 4.94e-324]);
        let e = labour_productivity("vn", &output, &employment, 1.0, "million_vnd_per_person")
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange);
        let text = e.to_string();
        assert!(
            text.contains("lp_level_const of `vn`") && text.contains("2020"),
            "{text}"
        );
    }

    #[test]
    fn bad_values_are_named() {
        let y = s("grdp", &[2021, 2022], &[100.0, 105.0]);
        let l = s("employed", &[2021, 2022], &[50.0, 0.0]);
        let e = labour_productivity("x", &y, &l, 1.0, "u").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NonPositive);
        assert!(e.to_string().contains("employed") && e.to_string().contains("2022"));
        let mut s = Series::new("a", "u");
        assert_eq!(
            s.insert(2020, f64::NAN, false, "x").unwrap_err().kind(),
            ErrorKind::NonFinite
        );
        s.insert(2020, 1.0, false, "x").unwrap();
        assert_eq!(
            s.insert(2020, 1.0, false, "x").unwrap_err().kind(),
            ErrorKind::DuplicateYear
        );
        assert!(per_10000("x", "i", &y, &y, 0.0).is_err());
        let k = Series::from_values("k", "u", &[2021, 2022], &[300.0, 310.0], "t").unwrap();
        let form = TfpForm::Gso {
            capital_share: Share::new(0.5).unwrap(),
        };
        let l = Series::from_values("l", "u", &[2021, 2022], &[50.0, 51.0], "t").unwrap();
        let inputs = TfpInputs::new("x", &y, &l, CapitalInput::Stock(&k), form);
        let e = provincial_tfp(&inputs, &[(2023, 2021)]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidParameter);
        assert!(period_average_growth("x", "g", &y, 2022, 2021).is_err());
    }

    #[test]
    fn many_provinces_keep_their_own_outcomes() {
        let y = s("grdp", &[2021, 2022], &[100.0, 105.0]);
        let l = s("employed", &[2021, 2022], &[50.0, 51.0]);
        let k = s("k", &[2021, 2022], &[300.0, 310.0]);
        let bad = s("k", &[2021, 2022], &[300.0, -1.0]);
        let form = TfpForm::Gso {
            capital_share: Share::new(0.5).unwrap(),
        };
        let out = provincial_tfp_many(
            &[
                TfpInputs::new("a", &y, &l, CapitalInput::Stock(&k), form),
                TfpInputs::new("b", &y, &l, CapitalInput::Stock(&bad), form),
            ],
            &[],
        );
        assert_eq!(out[0].0, "a");
        assert!(out[0].1.is_ok());
        assert_eq!(
            out[1].1.as_ref().unwrap_err().kind(),
            ErrorKind::NonPositive
        );
    }

    #[test]
    fn derived_values_fill_only_what_is_not_published() {
        let head = "scope,indicator,year,value,unit,note,source_url,evidence\n";
        let obs = Observations::from_csv(&format!(
            "{head}x,tfp_contribution,2022,40,percent_of_growth,,page,confirmed\n"
        ))
        .unwrap();
        let y = s("grdp", &[2021, 2022, 2023], &[100.0, 105.0, 110.0]);
        let l = s("employed", &[2021, 2022, 2023], &[50.0, 51.0, 51.5]);
        let k = s("k", &[2021, 2022, 2023], &[300.0, 310.0, 320.0]);
        let form = TfpForm::Gso {
            capital_share: Share::new(0.5).unwrap(),
        };
        let r = provincial_tfp(
            &TfpInputs::new("x", &y, &l, CapitalInput::Stock(&k), form),
            &[(2022, 2023)],
        )
        .unwrap();
        let all = extend_observations(&obs, &r.derived);
        let best = |when| all.best("x", "tfp_contribution", when).unwrap();
        assert_eq!(best(ObservedWhen::Year(2022)).evidence, Evidence::Confirmed);
        let y23 = best(ObservedWhen::Year(2023));
        assert_eq!(y23.evidence, Evidence::Derived);
        assert!(y23.note.contains("b_K = 0.5") && y23.source_url.contains("grdp.csv"));
        let p = best(ObservedWhen::Period {
            start: 2022,
            end: 2023,
        });
        assert_eq!(p.evidence, Evidence::Derived);
        // The series round-trips through observations.
        let back = Series::from_observations(&all, "x", "tfp_contribution");
        assert_eq!(back.get(2022).unwrap().value, 40.0);
    }
}
