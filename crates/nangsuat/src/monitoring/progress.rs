//! Progress of one target: is it achieved, on track, or does it need acceleration (METHODS §7)?
//!
//! Notation: base `(b, y_b)`, current `(c, y_c)`, target `(T, y_T)`, `d = +1` when higher is
//! better, else `−1`; `CAGR_a = (y_c/y_b)^(1/(c−b)) − 1`, `CAGR_r = (y_T/y_b)^(1/(T−b)) − 1`.
//!
//! Methods, each returning its figure, a status and the fact behind it ([`ProgressFact`], with
//! its numbers; the words are the report's):
//!
//! * [`Method::StatCan`] (default) — Statistics Canada's method as implemented by Open SDG
//!   (open-sdg/sdg-build `sdg/ProgressMeasure.py`; open-sdg.readthedocs.io
//!   "progress-methodology"). With a target: achieved when the current value meets it; else
//!   `R = sign(y_b)·d·CAGR_a/|CAGR_r|`, ≥ 0.95 substantial (on track), 0.60–0.95 moderate
//!   (needs acceleration), 0–0.60 limited, < 0 deterioration; score `min(7.1429R − 4.2857, 5)`
//!   if `R ≥ 0.6`, else `max(4.1667R − 2.5, −5)`, 5 when achieved. Without a target:
//!   `P = sign(y_b)·d·CAGR_a` against 1.5 %, 0.5 %, 0, each multiplied by the natural-limit
//!   coefficient `C = 1 − (y_b/L)^4.44` (`1 − ((2L − y_b)/L)^4.44` above the limit, 1 beyond
//!   twice it). A zero base or target is replaced by 0.001, with a warning, as Open SDG does.
//! * [`Method::UnsdProgressChart`] — UN Statistics Division SDG progress chart (as EUSTAT
//!   uses it): `Q = (y_c(1+CAGR_a)^(T−c) − y_b)/(y_T − y_b)`, the share of the required change
//!   the current trend reaches by T; ≥ 0.95 on track, 0.10–0.95 needs acceleration, 0–0.10
//!   limited, < 0 deterioration.
//! * [`Method::EscapCurrentStatus`] — ESCAP current status: the share of the needed change
//!   achieved, `(y_c − y_b)/(y_T − y_b)`, divided by the share of time elapsed
//!   `(c − b)/(T − b)`; ≥ 1 on track, 0–1 needs acceleration, ≤ 0 deterioration.
//! * [`Method::EscapAnticipated`] — ESCAP anticipated progress: a recency-weighted linear trend
//!   through every observation from the base on, projected to T; `(ŷ_T − y_b)/(y_T − y_b)`,
//!   ≥ 1 on track, 0–1 needs acceleration, ≤ 0 deterioration. ESCAP's working paper SD/WP/04
//!   (2017) sets the recency weights; they could not be checked here, so the weights are a
//!   parameter ([`RecencyWeights`]) and the default (weight `k` for the `k`-th year from the
//!   base) is this library's choice, stated in every result.
//! * [`Method::PsaPace`] — Philippine Statistics Authority, Philippine Development Plan results
//!   matrix (StatDev): pace = actual ÷ required annual rate `CAGR_a/CAGR_r`; > 0.9 on track,
//!   0.5–0.9 needs acceleration, 0–0.5 limited, < 0 deterioration.
//!
//! Degenerate cases have a defined answer: one data point (insufficient data); target equal
//! to the base (achieved if held, deterioration if left); zero base or target (0.001); base and
//! current of opposite signs (insufficient data: growth rates undefined); target year already
//! past (achieved, or missed: limited progress or deterioration, with the shortfall).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// A value in a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
}

impl Point {
    /// A point.
    pub fn new(year: i32, value: f64) -> Self {
        Point { year, value }
    }
}

/// How progress is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// Statistics Canada / Open SDG (the default).
    #[default]
    #[serde(rename = "statcan")]
    StatCan,
    /// UNSD SDG progress chart.
    #[serde(rename = "unsd")]
    UnsdProgressChart,
    /// ESCAP current status.
    #[serde(rename = "escap_current")]
    EscapCurrentStatus,
    /// ESCAP anticipated progress.
    #[serde(rename = "escap_anticipated")]
    EscapAnticipated,
    /// Philippine Statistics Authority pace ratio.
    #[serde(rename = "psa")]
    PsaPace,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 5] = [
        Method::StatCan,
        Method::UnsdProgressChart,
        Method::EscapCurrentStatus,
        Method::EscapAnticipated,
        Method::PsaPace,
    ];

    /// Stable name (`statcan`, `unsd`, `escap_current`, `escap_anticipated`, `psa`).
    pub fn name(self) -> &'static str {
        match self {
            Method::StatCan => "statcan",
            Method::UnsdProgressChart => "unsd",
            Method::EscapCurrentStatus => "escap_current",
            Method::EscapAnticipated => "escap_anticipated",
            Method::PsaPace => "psa",
        }
    }

    /// The method by its stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown name.
    pub fn from_name(name: &str) -> Result<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.name() == name)
            .ok_or_else(|| {
                Error::invalid_parameter(
                    "method",
                    format!("`{name}`; expected one of statcan, unsd, escap_current, escap_anticipated, psa"),
                )
            })
    }

    /// The reference of the method.
    pub fn reference(self) -> &'static str {
        match self {
            Method::StatCan => "Statistics Canada / Open SDG, sdg-build ProgressMeasure.py",
            Method::UnsdProgressChart => {
                "UN Statistics Division, SDG progress chart technical note"
            }
            Method::EscapCurrentStatus => {
                "UN ESCAP, SDG progress assessment methodology: current status"
            }
            Method::EscapAnticipated => {
                "UN ESCAP, SDG progress assessment methodology: anticipated progress"
            }
            Method::PsaPace => {
                "Philippine Statistics Authority, PDP results matrix pace of progress"
            }
        }
    }
}

/// Recency weights of the ESCAP anticipated-progress trend.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecencyWeights {
    /// Weight `k` for the observation `k` years after the year before the base (1, 2, 3…).
    #[default]
    Linear,
    /// Weight `ratio^k`.
    Geometric(f64),
    /// Ordinary least squares.
    Equal,
}

/// A status, in the words statistics offices use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// The target is met.
    Achieved,
    /// On the current pace the target will be met.
    OnTrack,
    /// Progress, but too slow: acceleration is needed.
    NeedsAcceleration,
    /// Little progress.
    LimitedProgress,
    /// Moving away from the target.
    Deteriorating,
    /// Not enough data to judge (e.g. one data point, growth undefined).
    InsufficientData,
    /// Nothing to measure yet (the period has not begun, or no value has been published).
    NotYetMeasurable,
}

impl Status {
    /// Every status, from the best to the least measurable.
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::LimitedProgress,
        Status::Deteriorating,
        Status::InsufficientData,
        Status::NotYetMeasurable,
    ];

    /// Stable snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::NeedsAcceleration => "needs_acceleration",
            Status::LimitedProgress => "limited_progress",
            Status::Deteriorating => "deteriorating",
            Status::InsufficientData => "insufficient_data",
            Status::NotYetMeasurable => "not_yet_measurable",
        }
    }
}

/// The question put to a method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProgressInput {
    /// Base year and value.
    pub baseline: Point,
    /// Observations after the base, by year (the last is the current value). The base itself
    /// may be included; it is ignored here.
    pub observations: Vec<Point>,
    /// Target year and value; `None` for "make progress" without a number (StatCan method 1).
    pub target: Option<Point>,
    /// Whether higher values are better.
    pub higher_is_better: bool,
    /// Natural limit of the indicator (e.g. 100 %), used without a target.
    pub natural_limit: Option<f64>,
    /// Recency weights for [`Method::EscapAnticipated`].
    pub weights: RecencyWeights,
}

impl ProgressInput {
    /// Progress from a baseline to the latest of `observations`, toward `target`.
    pub fn new(baseline: Point, observations: Vec<Point>, target: Option<Point>) -> Self {
        ProgressInput {
            baseline,
            observations,
            target,
            higher_is_better: true,
            natural_limit: None,
            weights: RecencyWeights::default(),
        }
    }

    /// Sets the direction.
    pub fn higher_is_better(mut self, higher: bool) -> Self {
        self.higher_is_better = higher;
        self
    }

    /// Sets the natural limit.
    pub fn natural_limit(mut self, limit: f64) -> Self {
        self.natural_limit = Some(limit);
        self
    }

    /// Sets the ESCAP recency weights.
    pub fn weights(mut self, weights: RecencyWeights) -> Self {
        self.weights = weights;
        self
    }
}

/// What a method concluded, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Progress {
    /// The method.
    pub method: Method,
    /// The status.
    pub status: Status,
    /// Why: the fact behind the status, with its numbers (renderers put it in words).
    pub reason: ProgressFact,
    /// The method's figure: StatCan R (or P without a target), UNSD Q, ESCAP index, PSA pace.
    pub figure: Option<f64>,
    /// StatCan score in [−5, 5] (StatCan only).
    pub score: Option<f64>,
    /// Value projected to the target year on the current trend (UNSD, ESCAP anticipated).
    pub projected: Option<f64>,
    /// Achieved annual growth `CAGR_a`, a fraction.
    pub achieved_growth: Option<f64>,
    /// Required annual growth from the base `CAGR_r`, a fraction.
    pub required_growth: Option<f64>,
    /// Annual growth still required from the current value to the target, a fraction.
    pub remaining_growth: Option<f64>,
    /// The base used (after any 0 → 0.001 replacement).
    pub baseline: Point,
    /// The current value used, if any.
    pub current: Option<Point>,
    /// The target used.
    pub target: Option<Point>,
    /// Things a reader should know (replacements of zero values).
    pub warnings: Vec<ProgressWarning>,
    /// The observations the method was given, in order: the observed path a chart draws.
    #[serde(default)]
    pub path: Vec<Point>,
}

/// Why a method reached its status: the fact and its numbers, never a sentence. Growth rates,
/// shares and ratios are fractions (0.07 is 7 %); values are in the target's unit. The words
/// live in [`crate::report::words::progress_fact`] (Vietnamese and English).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProgressFact {
    /// Only the base value is known: at least two data points are needed.
    OnlyBase {
        /// The base.
        base: Point,
    },
    /// The current value meets the target.
    TargetMet {
        /// The current value.
        current: Point,
        /// The target.
        target: Point,
    },
    /// The target equals the base value and the current value has moved away from it.
    LeftTargetAtBase {
        /// The target (equal to the base value).
        target: Point,
        /// The current value.
        current: Point,
    },
    /// The base and the current value have opposite signs: growth rates are undefined.
    OppositeSigns {
        /// The base.
        base: Point,
        /// The current value.
        current: Point,
    },
    /// The base and the target have opposite signs: the required growth is undefined.
    TargetOppositeSign {
        /// The base.
        base: Point,
        /// The target.
        target: Point,
    },
    /// Growth rates are undefined (values of opposite signs) between base, current and target.
    GrowthUndefined {
        /// The current value.
        current: Point,
        /// The target.
        target: Point,
    },
    /// The method needs a numeric target.
    NeedsTarget {
        /// The method.
        method: Method,
    },
    /// StatCan with a target: achieved growth against the growth required, `R`.
    GrowthAgainstRequired {
        /// The base year.
        since: i32,
        /// Achieved annual growth `CAGR_a`.
        achieved: f64,
        /// Required annual growth `CAGR_r`.
        required: f64,
        /// The target.
        target: Point,
        /// `R`.
        ratio: f64,
    },
    /// StatCan without a target: growth in the desired direction against the thresholds.
    GrowthWithoutTarget {
        /// The base year.
        since: i32,
        /// Growth in the desired direction, `P`.
        growth: f64,
        /// Threshold of substantial progress.
        high: f64,
        /// Threshold of moderate progress.
        medium: f64,
        /// Whether the thresholds were reduced near the natural limit.
        near_limit: bool,
    },
    /// UNSD: the current trend projected to the target year, as a share of the change needed.
    TrendProjection {
        /// The base year.
        since: i32,
        /// Trend growth per year.
        growth: f64,
        /// Value projected to the target year.
        projected: f64,
        /// The target.
        target: Point,
        /// Share of the change to the target the projection reaches, `Q`.
        share: f64,
    },
    /// ESCAP current status: share of the change achieved against share of the time elapsed.
    ChangeAgainstTime {
        /// Share of the needed change achieved.
        change: f64,
        /// Share of the time elapsed.
        time: f64,
        /// Their ratio.
        index: f64,
    },
    /// ESCAP anticipated progress: a recency-weighted trend projected to the target year.
    WeightedTrend {
        /// The weights.
        weights: RecencyWeights,
        /// Number of points in the fit.
        points: usize,
        /// Value projected to the target year.
        projected: f64,
        /// The target.
        target: Point,
        /// Share of the change to the target the projection reaches.
        share: f64,
    },
    /// PSA: actual against required annual growth.
    Pace {
        /// Actual annual growth.
        actual: f64,
        /// Required annual growth.
        required: f64,
        /// Their ratio.
        pace: f64,
    },
    /// The target year has passed and the target was missed.
    TargetYearPassed {
        /// The target.
        target: Point,
        /// The current value.
        current: Point,
        /// By how much the target is missed (absolute, in the target's unit).
        shortfall: f64,
        /// What the method found before the year passed.
        method_fact: Box<ProgressFact>,
    },
}

/// Something a reader should know about a progress result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProgressWarning {
    /// A base value of 0 was replaced by 0.001 (Open SDG rule).
    BaseZeroReplaced,
    /// A target value of 0 was replaced by 0.001 (Open SDG rule).
    TargetZeroReplaced,
}

/// `(to/from)^(1/years) − 1` as Open SDG computes it; where the ratio itself overflows or
/// vanishes (values of one sign hundreds of orders of magnitude apart), through the difference
/// of logarithms, so a rate that fits is still computed.
fn cagr(from: f64, to: f64, years: f64) -> f64 {
    let ratio = to / from;
    if ratio.is_normal() || !same_sign(from, to) {
        ratio.powf(1.0 / years) - 1.0
    } else {
        ((to.abs().ln() - from.abs().ln()) / years).exp_m1()
    }
}

/// Measures progress by `method`.
///
/// # Errors
/// [`Error::NonFinite`] for a NaN or infinite value; [`Error::UnsortedYears`] or
/// [`Error::DuplicateYear`] for observations out of order; [`Error::InvalidParameter`] for a
/// target year not after the base year; [`Error::OutOfRange`] for a growth rate that does not
/// fit in a double (values hundreds of orders of magnitude apart). Everything else — one point,
/// zero or sign-changing values, a target already past — is a status with a reason, never an
/// error.
///
/// # Examples
/// ```
/// use nangsuat::monitoring::progress::{progress, Method, Point, ProgressInput, Status};
/// // Base 100 in 2020, 110 in 2023, target 150 in 2030.
/// let input = ProgressInput::new(Point::new(2020, 100.0), vec![Point::new(2023, 110.0)],
///     Some(Point::new(2030, 150.0)));
/// let p = progress(&input, Method::StatCan)?;
/// assert_eq!(p.status, Status::NeedsAcceleration); // R = 3.23 %/yr ÷ 4.14 %/yr ≈ 0.78
/// let r = (1.1f64.powf(1.0 / 3.0) - 1.0) / (1.5f64.powf(0.1) - 1.0);
/// assert!((p.figure.unwrap() - r).abs() < 1e-12);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn progress(input: &ProgressInput, method: Method) -> Result<Progress> {
    check_input(input)?;
    let d = if input.higher_is_better { 1.0 } else { -1.0 };
    let mut warnings = Vec::new();
    let mut base = input.baseline;
    let mut target = input.target;
    let current = input
        .observations
        .iter()
        .copied()
        .rfind(|p| p.year > base.year);
    let mut out = Progress {
        method,
        status: Status::InsufficientData,
        reason: ProgressFact::OnlyBase { base },
        figure: None,
        score: None,
        projected: None,
        achieved_growth: None,
        required_growth: None,
        remaining_growth: None,
        baseline: base,
        current,
        target,
        warnings: Vec::new(),
        path: input.observations.clone(),
    };
    let Some(cur) = current else {
        return Ok(out);
    };
    let meets = |t: &Point| d * (cur.value - t.value) >= 0.0;
    if let Some(t) = target {
        if meets(&t) {
            out.status = Status::Achieved;
            out.score = (method == Method::StatCan).then_some(5.0);
            out.reason = ProgressFact::TargetMet {
                current: cur,
                target: t,
            };
            out.warnings = warnings;
            return Ok(out);
        }
        if t.value == base.value {
            out.status = Status::Deteriorating;
            out.reason = ProgressFact::LeftTargetAtBase {
                target: t,
                current: cur,
            };
            return Ok(out);
        }
    }
    // Open SDG's replacements for zero values, which have no growth rate.
    if base.value == 0.0 && method_uses_growth(method) {
        warnings.push(ProgressWarning::BaseZeroReplaced);
        base.value = 0.001;
    }
    if let Some(t) = target.as_mut()
        && t.value == 0.0
        && method_uses_growth(method)
    {
        warnings.push(ProgressWarning::TargetZeroReplaced);
        t.value = 0.001;
    }
    out.baseline = base;
    out.target = target;
    let sign = if base.value < 0.0 { -1.0 } else { 1.0 };
    let growth_defined = same_sign(base.value, cur.value);
    if growth_defined {
        out.achieved_growth = Some(rate("achieved", base, cur)?);
    }
    if let Some(t) = target {
        if same_sign(base.value, t.value) {
            out.required_growth = Some(rate("required", base, t)?);
        }
        if t.year > cur.year && same_sign(t.value, cur.value) {
            out.remaining_growth = Some(rate("remaining", cur, t)?);
        }
    }

    let result = match (method, target) {
        (Method::StatCan, None) => {
            statcan_without_target(input, base, cur, d, sign, growth_defined, &mut out)
        }
        (Method::StatCan, Some(t)) => {
            statcan_with_target(base, cur, t, d, sign, growth_defined, &mut out)
        }
        (_, None) => {
            out.reason = ProgressFact::NeedsTarget { method };
            Status::InsufficientData
        }
        (Method::UnsdProgressChart, Some(t)) => unsd(base, cur, t, growth_defined, &mut out),
        (Method::EscapCurrentStatus, Some(t)) => escap_current(base, cur, t, &mut out),
        (Method::EscapAnticipated, Some(t)) => escap_anticipated(input, base, t, &mut out),
        (Method::PsaPace, Some(t)) => psa(cur, t, d, &mut out),
    };
    out.status = result;
    // A target year already past: the verdict is final — missed, by how much.
    if let Some(t) = target
        && cur.year >= t.year
        && out.status != Status::InsufficientData
    {
        let moved_right_way = d * (cur.value - base.value) > 0.0;
        out.status = if moved_right_way {
            Status::LimitedProgress
        } else {
            Status::Deteriorating
        };
        let method_fact = std::mem::replace(&mut out.reason, ProgressFact::OnlyBase { base });
        out.reason = ProgressFact::TargetYearPassed {
            target: t,
            current: cur,
            shortfall: (t.value - cur.value).abs(),
            method_fact: Box::new(method_fact),
        };
    }
    out.warnings = warnings;
    // A projection or ratio beyond a double (a growth of 1e100-fold carried forward) is an
    // error naming it, never an infinity shown as a figure.
    for (which, value) in [
        ("figure", out.figure),
        ("score", out.score),
        ("projected value", out.projected),
    ] {
        if let Some(v) = value.filter(|v| !v.is_finite()) {
            return Err(Error::OutOfRange {
                name: format!("{} {which}", method.name()),
                year: target.map(|t| t.year),
                value: v,
                expected: "a finite number: the values are so many orders of magnitude apart \
                           that the method's figure does not fit in a double; check the units \
                           of the baseline, observations and target"
                    .into(),
            });
        }
    }
    Ok(out)
}

/// Both values nonzero and of one sign (a product would vanish for values near 1e-200).
fn same_sign(a: f64, b: f64) -> bool {
    a != 0.0 && b != 0.0 && a.is_sign_negative() == b.is_sign_negative()
}

/// The compound annual growth from `from` to `to` (values of one sign), or an error when it
/// does not fit in a double: a hostile-input probe found a remaining growth of +∞ shown as a
/// rate (5e-324 to 580 in two years).
fn rate(which: &str, from: Point, to: Point) -> Result<f64> {
    let g = cagr(from.value, to.value, f64::from(to.year - from.year));
    if g.is_finite() {
        Ok(g)
    } else {
        Err(Error::OutOfRange {
            name: format!("{which} growth {}–{}", from.year, to.year),
            year: None,
            value: g,
            expected: "a finite growth rate: the values are so many orders of magnitude apart \
                       that their compound annual growth does not fit in a double; check the \
                       units of the baseline, observations and target"
                .into(),
        })
    }
}

fn method_uses_growth(method: Method) -> bool {
    matches!(
        method,
        Method::StatCan | Method::UnsdProgressChart | Method::PsaPace
    )
}

fn check_input(input: &ProgressInput) -> Result<()> {
    let mut points = vec![("baseline", input.baseline)];
    points.extend(input.observations.iter().map(|p| ("observations", *p)));
    points.extend(input.target.map(|t| ("target", t)));
    for (name, p) in &points {
        if !p.value.is_finite() {
            return Err(Error::NonFinite {
                series: (*name).into(),
                entity: None,
                year: p.year,
                value: p.value,
            });
        }
    }
    for w in input.observations.windows(2) {
        if w[1].year == w[0].year {
            return Err(Error::DuplicateYear {
                series: "observations".into(),
                entity: None,
                year: w[0].year,
            });
        }
        if w[1].year < w[0].year {
            return Err(Error::UnsortedYears {
                series: "observations".into(),
                previous: w[0].year,
                year: w[1].year,
            });
        }
    }
    if let Some(t) = input.target
        && t.year <= input.baseline.year
    {
        return Err(Error::invalid_parameter(
            "target",
            format!(
                "target year {} must be after the base year {}",
                t.year, input.baseline.year
            ),
        ));
    }
    if let Some(limit) = input.natural_limit
        && !limit.is_finite()
    {
        return Err(Error::NonFinite {
            series: "natural_limit".into(),
            entity: None,
            year: input.baseline.year,
            value: limit,
        });
    }
    if let RecencyWeights::Geometric(r) = input.weights
        && !(r.is_finite() && r > 0.0)
    {
        return Err(Error::OutOfRange {
            name: "recency weight ratio".into(),
            year: None,
            value: r,
            expected: "a finite ratio > 0".into(),
        });
    }
    Ok(())
}

fn band(x: f64, high: f64, med: f64, low: f64) -> Status {
    if x >= high {
        Status::OnTrack
    } else if x >= med {
        Status::NeedsAcceleration
    } else if x >= low {
        Status::LimitedProgress
    } else {
        Status::Deteriorating
    }
}

fn opposite_signs(base: Point, cur: Point, out: &mut Progress) -> Status {
    out.reason = ProgressFact::OppositeSigns { base, current: cur };
    Status::InsufficientData
}

fn statcan_with_target(
    base: Point,
    cur: Point,
    t: Point,
    d: f64,
    sign: f64,
    growth_defined: bool,
    out: &mut Progress,
) -> Status {
    if !growth_defined {
        return opposite_signs(base, cur, out);
    }
    let Some(required) = out.required_growth else {
        out.reason = ProgressFact::TargetOppositeSign { base, target: t };
        return Status::InsufficientData;
    };
    let achieved = out.achieved_growth.unwrap_or(0.0);
    let r = sign * d * achieved / required.abs();
    out.figure = Some(r);
    out.score = Some(if r >= 0.6 {
        (7.1429 * r - 4.2857).min(5.0)
    } else {
        (4.1667 * r - 2.5).max(-5.0)
    });
    out.reason = ProgressFact::GrowthAgainstRequired {
        since: base.year,
        achieved,
        required,
        target: t,
        ratio: r,
    };
    band(r, 0.95, 0.6, 0.0)
}

/// Open SDG's natural-limit coefficient (sdg-build, `get_progress_thresholds`).
fn limit_coefficient(base: f64, limit: f64) -> f64 {
    let (b, l) = (base.abs(), limit.abs());
    const A: f64 = 4.44;
    if b >= 2.0 * l {
        1.0
    } else if b <= l {
        1.0 - (b / l).powf(A)
    } else {
        1.0 - ((2.0 * l - b) / l).powf(A)
    }
}

fn statcan_without_target(
    input: &ProgressInput,
    base: Point,
    cur: Point,
    d: f64,
    sign: f64,
    growth_defined: bool,
    out: &mut Progress,
) -> Status {
    if !growth_defined {
        return opposite_signs(base, cur, out);
    }
    let p = sign * d * out.achieved_growth.unwrap_or(0.0);
    let coeff = input
        .natural_limit
        .map_or(1.0, |l| limit_coefficient(base.value, l));
    let (high, med, low) = (0.015 * coeff, 0.005 * coeff, 0.0);
    out.figure = Some(p);
    out.score = Some(if p < low {
        (125.0 * p - 2.5).max(-5.0)
    } else if coeff == 0.0 {
        5.0
    } else if p >= high {
        (500.0 * p / coeff - 5.0).min(5.0)
    } else if p >= med {
        250.0 * p / coeff - 1.25
    } else {
        500.0 * p / coeff - 2.5
    });
    out.reason = ProgressFact::GrowthWithoutTarget {
        since: base.year,
        growth: p,
        high,
        medium: med,
        near_limit: coeff < 1.0,
    };
    if coeff == 0.0 && p >= 0.0 {
        return Status::OnTrack;
    }
    band(p, high, med, low)
}

fn unsd(base: Point, cur: Point, t: Point, growth_defined: bool, out: &mut Progress) -> Status {
    if !growth_defined {
        return opposite_signs(base, cur, out);
    }
    let a = out.achieved_growth.unwrap_or(0.0);
    let projected = cur.value * (1.0 + a).powf(f64::from(t.year - cur.year));
    let q = (projected - base.value) / (t.value - base.value);
    out.projected = Some(projected);
    out.figure = Some(q);
    out.reason = ProgressFact::TrendProjection {
        since: base.year,
        growth: a,
        projected,
        target: t,
        share: q,
    };
    band(q, 0.95, 0.10, 0.0)
}

fn escap_current(base: Point, cur: Point, t: Point, out: &mut Progress) -> Status {
    let made = (cur.value - base.value) / (t.value - base.value);
    let elapsed = f64::from(cur.year - base.year) / f64::from(t.year - base.year);
    let index = made / elapsed;
    out.figure = Some(index);
    out.reason = ProgressFact::ChangeAgainstTime {
        change: made,
        time: elapsed,
        index,
    };
    escap_band(index)
}

fn escap_band(x: f64) -> Status {
    if x >= 1.0 {
        Status::OnTrack
    } else if x > 0.0 {
        Status::NeedsAcceleration
    } else {
        Status::Deteriorating
    }
}

fn escap_anticipated(input: &ProgressInput, base: Point, t: Point, out: &mut Progress) -> Status {
    let mut points = vec![base];
    points.extend(
        input
            .observations
            .iter()
            .copied()
            .filter(|p| p.year > base.year),
    );
    let weight = |p: &Point| {
        let k = f64::from(p.year - base.year + 1);
        match input.weights {
            RecencyWeights::Linear => k,
            RecencyWeights::Geometric(r) => r.powf(k),
            RecencyWeights::Equal => 1.0,
        }
    };
    let (mut sw, mut sx, mut sy) = (0.0, 0.0, 0.0);
    for p in &points {
        let w = weight(p);
        sw += w;
        sx += w * f64::from(p.year);
        sy += w * p.value;
    }
    let (mx, my) = (sx / sw, sy / sw);
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for p in &points {
        let (w, dx) = (weight(p), f64::from(p.year) - mx);
        sxy += w * dx * (p.value - my);
        sxx += w * dx * dx;
    }
    let slope = sxy / sxx;
    let projected = my + slope * (f64::from(t.year) - mx);
    let index = (projected - base.value) / (t.value - base.value);
    out.projected = Some(projected);
    out.figure = Some(index);
    out.reason = ProgressFact::WeightedTrend {
        weights: input.weights,
        points: points.len(),
        projected,
        target: t,
        share: index,
    };
    escap_band(index)
}

fn psa(cur: Point, t: Point, d: f64, out: &mut Progress) -> Status {
    let (Some(actual), Some(required)) = (out.achieved_growth, out.required_growth) else {
        out.reason = ProgressFact::GrowthUndefined {
            current: cur,
            target: t,
        };
        return Status::InsufficientData;
    };
    let pace = d * actual / (d * required);
    out.figure = Some(pace);
    out.reason = ProgressFact::Pace {
        actual,
        required,
        pace,
    };
    if pace > 0.9 {
        Status::OnTrack
    } else if pace >= 0.5 {
        Status::NeedsAcceleration
    } else if pace >= 0.0 {
        Status::LimitedProgress
    } else {
        Status::Deteriorating
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn serialized_method_names_are_the_stable_names() {
        for m in Method::ALL {
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(json, format!("\"{}\"", m.name()));
            assert_eq!(Method::from_name(m.name()).unwrap(), m);
        }
    }

    use super::*;

    fn input(base: (i32, f64), obs: &[(i32, f64)], target: Option<(i32, f64)>) -> ProgressInput {
        ProgressInput::new(
            Point::new(base.0, base.1),
            obs.iter().map(|&(y, v)| Point::new(y, v)).collect(),
            target.map(|(y, v)| Point::new(y, v)),
        )
    }

    /// Found by a hostile-input probe: 5e-324 to 580 in two years gave a remaining growth of
    /// +∞ as a rate, though the rate (1.6e163) fits. A rate that fits is computed even where
    /// the ratio overflows; one that does not is an error naming it; values near 1e-200 are
    /// not taken for opposite signs.
    #[test]
    fn growth_beyond_a_double_is_an_error_and_tiny_values_keep_their_sign() {
        let huge = input((2020, 3.51), &[(2023, 5e-324)], Some((2025, 579.9)));
        for method in Method::ALL {
            let p = progress(&huge, method).unwrap();
            let g = p.remaining_growth.unwrap();
            let expected = ((579.9f64.ln() - 5e-324f64.ln()) / 2.0).exp_m1();
            assert!(
                (g / expected - 1.0).abs() < 1e-12,
                "{method:?}: {g} vs {expected}"
            );
        }
        let huge = input((2020, 3.51), &[(2023, 5e-324)], Some((2024, 1.7e308)));
        let e = progress(&huge, Method::StatCan).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange);
        assert!(e.to_string().contains("remaining growth 2023–2024"), "{e}");
        let e = progress(
            &input((2020, 5e-324), &[(2021, 1e300)], None),
            Method::StatCan,
        )
        .unwrap_err();
        assert!(e.to_string().contains("achieved growth 2020–2021"), "{e}");
        // 1e-200 to 2e-200 over ten years: 7.18 %/yr, not "opposite signs".
        let tiny = input((2020, 1e-200), &[(2030, 2e-200)], Some((2040, 4e-200)));
        let p = progress(&tiny, Method::StatCan).unwrap();
        let g = p.achieved_growth.unwrap();
        assert!((g - (2f64.powf(0.1) - 1.0)).abs() < 1e-12, "{g}");
        assert!(p.remaining_growth.unwrap() > 0.07);
    }

    /// Hand-computed StatCan cases, one per status.
    #[test]
    fn statcan_every_status() {
        let t = Some((2030, 200.0));
        let req = 2f64.powf(0.1) - 1.0; // 7.177 %/yr
        // on track: grows at the required rate
        let on = 100.0 * (1.0 + req).powi(5);
        let p = progress(&input((2020, 100.0), &[(2025, on)], t), Method::StatCan).unwrap();
        assert_eq!(p.status, Status::OnTrack);
        assert!((p.figure.unwrap() - 1.0).abs() < 1e-12);
        assert!((p.score.unwrap() - 2.8572).abs() < 1e-9);
        // R = 0.8 → needs acceleration, score 7.1429·0.8 − 4.2857
        let g = 0.8 * req;
        let p = progress(
            &input((2020, 100.0), &[(2025, 100.0 * (1.0 + g).powi(5))], t),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.status, Status::NeedsAcceleration);
        assert!((p.figure.unwrap() - 0.8).abs() < 1e-12);
        assert!((p.score.unwrap() - (7.1429 * 0.8 - 4.2857)).abs() < 1e-9);
        // R = 0.3 → limited, score 4.1667·0.3 − 2.5
        let g = 0.3 * req;
        let p = progress(
            &input((2020, 100.0), &[(2025, 100.0 * (1.0 + g).powi(5))], t),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.status, Status::LimitedProgress);
        assert!((p.score.unwrap() - (4.1667 * 0.3 - 2.5)).abs() < 1e-9);
        // falling → deteriorating
        let p = progress(&input((2020, 100.0), &[(2025, 90.0)], t), Method::StatCan).unwrap();
        assert_eq!(p.status, Status::Deteriorating);
        assert!(p.figure.unwrap() < 0.0);
        // achieved
        let p = progress(&input((2020, 100.0), &[(2025, 210.0)], t), Method::StatCan).unwrap();
        assert_eq!((p.status, p.score), (Status::Achieved, Some(5.0)));
        // lower is better: 100 → 90 toward a target of 50 is progress
        let i = input((2020, 100.0), &[(2025, 70.0)], Some((2030, 50.0))).higher_is_better(false);
        assert_eq!(
            progress(&i, Method::StatCan).unwrap().status,
            Status::OnTrack
        );
    }

    #[test]
    fn degenerate_cases_have_answers() {
        // one data point
        let p = progress(
            &input((2020, 100.0), &[], Some((2030, 200.0))),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.status, Status::InsufficientData);
        // target equal to base: held → achieved, left → deteriorating
        let p = progress(
            &input((2020, 100.0), &[(2022, 100.0)], Some((2030, 100.0))),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.status, Status::Achieved);
        let p = progress(
            &input((2020, 100.0), &[(2022, 95.0)], Some((2030, 100.0))),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.status, Status::Deteriorating);
        // zero base: replaced by 0.001 with a warning
        let p = progress(
            &input((2020, 0.0), &[(2022, 5.0)], Some((2030, 60.0))),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.baseline.value, 0.001);
        assert!(!p.warnings.is_empty());
        assert!(p.figure.unwrap().is_finite());
        // zero target with lower-is-better
        let i = input((2020, 10.0), &[(2022, 8.0)], Some((2030, 0.0))).higher_is_better(false);
        let p = progress(&i, Method::StatCan).unwrap();
        assert_eq!(p.target.unwrap().value, 0.001);
        assert!(p.figure.unwrap().is_finite());
        // sign change
        let p = progress(
            &input((2020, -2.0), &[(2022, 1.0)], Some((2030, 3.0))),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.status, Status::InsufficientData);
        // target year already past and missed
        let p = progress(
            &input((2020, 100.0), &[(2031, 150.0)], Some((2030, 200.0))),
            Method::StatCan,
        )
        .unwrap();
        assert_eq!(p.status, Status::LimitedProgress);
        assert!(matches!(p.reason, ProgressFact::TargetYearPassed { .. }));
        for m in Method::ALL {
            for i in [
                input((2020, 0.0), &[(2021, 0.0)], Some((2030, 0.0))),
                input((2020, 1.0), &[(2021, -1.0)], Some((2030, -5.0))),
                input((2020, 1.0), &[], Some((2021, 2.0))),
                input((2020, 1.0), &[(2025, 1.5)], Some((2021, 2.0))),
            ] {
                let p = progress(&i, m).unwrap();
                assert!(p.figure.is_none_or(f64::is_finite), "{m:?} {p:?}");
                assert!(p.score.is_none_or(f64::is_finite));
            }
        }
    }

    #[test]
    fn statcan_without_target_and_natural_limit() {
        // 2 %/yr growth → substantial (≥ 1.5 %)
        let p = progress(&input((2020, 50.0), &[(2021, 51.0)], None), Method::StatCan).unwrap();
        assert_eq!(p.status, Status::OnTrack);
        assert!((p.figure.unwrap() - 0.02).abs() < 1e-12);
        // near a 100 % limit the thresholds shrink: base 95 → C = 1 − 0.95^4.44
        let c = 1.0 - 0.95f64.powf(4.44);
        assert!((limit_coefficient(95.0, 100.0) - c).abs() < 1e-15);
        let g = 0.01; // 1 %/yr: moderate without a limit, substantial near it
        let i = input((2020, 95.0), &[(2021, 95.0 * (1.0 + g))], None);
        assert_eq!(
            progress(&i, Method::StatCan).unwrap().status,
            Status::NeedsAcceleration
        );
        let p = progress(&i.clone().natural_limit(100.0), Method::StatCan).unwrap();
        assert_eq!(p.status, Status::OnTrack);
        assert!((p.score.unwrap() - (500.0 * g / c - 5.0).min(5.0)).abs() < 1e-9);
        assert_eq!(limit_coefficient(250.0, 100.0), 1.0);
        assert!((limit_coefficient(150.0, 100.0) - (1.0 - 0.5f64.powf(4.44))).abs() < 1e-15);
    }

    #[test]
    fn unsd_escap_psa_hand_computed() {
        let i = input(
            (2020, 100.0),
            &[(2022, 110.0), (2024, 120.0)],
            Some((2030, 200.0)),
        );
        // UNSD: a = (1.2)^(1/4) − 1; projected = 120·(1+a)^6; Q = (proj − 100)/100
        let a = 1.2f64.powf(0.25) - 1.0;
        let proj = 120.0 * (1.0 + a).powi(6);
        let p = progress(&i, Method::UnsdProgressChart).unwrap();
        assert!((p.projected.unwrap() - proj).abs() < 1e-9);
        assert!((p.figure.unwrap() - (proj - 100.0) / 100.0).abs() < 1e-12);
        assert_eq!(p.status, Status::NeedsAcceleration);
        // ESCAP current status: 20 % of the change in 40 % of the time → 0.5
        let p = progress(&i, Method::EscapCurrentStatus).unwrap();
        assert!((p.figure.unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(p.status, Status::NeedsAcceleration);
        // ESCAP anticipated with equal weights: an exact line 5/yr → 150 in 2030 → 0.5
        let p = progress(
            &i.clone().weights(RecencyWeights::Equal),
            Method::EscapAnticipated,
        )
        .unwrap();
        assert!((p.projected.unwrap() - 150.0).abs() < 1e-9);
        assert!((p.figure.unwrap() - 0.5).abs() < 1e-12);
        // recency weights pull the line toward the latest points
        let j = input(
            (2020, 100.0),
            &[(2021, 100.0), (2022, 100.0), (2023, 130.0)],
            Some((2030, 200.0)),
        );
        let eq = progress(
            &j.clone().weights(RecencyWeights::Equal),
            Method::EscapAnticipated,
        )
        .unwrap();
        let lin = progress(&j, Method::EscapAnticipated).unwrap();
        assert!(lin.projected.unwrap() > eq.projected.unwrap());
        // PSA pace: actual / required
        let p = progress(&i, Method::PsaPace).unwrap();
        let req = 2f64.powf(0.1) - 1.0;
        assert!((p.figure.unwrap() - a / req).abs() < 1e-12);
        assert_eq!(p.status, Status::NeedsAcceleration);
        assert_eq!(Method::from_name("psa").unwrap(), Method::PsaPace);
        assert!(Method::from_name("guess").is_err());
    }

    #[test]
    fn bad_input_is_an_error() {
        let e = progress(
            &input((2020, f64::NAN), &[(2021, 1.0)], None),
            Method::StatCan,
        )
        .unwrap_err();
        assert!(e.to_string().contains("baseline"));
        assert!(
            progress(
                &input((2020, 1.0), &[(2022, 1.0), (2021, 1.0)], None),
                Method::StatCan
            )
            .is_err()
        );
        assert!(
            progress(
                &input((2020, 1.0), &[(2021, 1.0)], Some((2019, 2.0))),
                Method::StatCan
            )
            .is_err()
        );
    }
}
