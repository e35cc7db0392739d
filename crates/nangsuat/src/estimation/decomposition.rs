//! Decompositions of aggregate (share-weighted) productivity.
//!
//! With weights `s_it` normalised to sum to one within each year (output or employment
//! shares) and firm productivity `ω_it` (log TFP from [`super::ProductionFunction`], or log
//! labour productivity):
//!
//! * Olley & Pakes (1996, section 6): `Ω_t = Σ s_it ω_it = ω̄_t + Σ (s_it − s̄_t)(ω_it − ω̄_t)`,
//!   the unweighted mean plus the covariance (allocation) term.
//! * Melitz & Polanec (2015, *RAND Journal of Economics* 46(2), eq. 8): between years 1 and 2
//!   with survivors S, entrants E (in 2 only) and exiters X (in 1 only),
//!   `ΔΩ = Δω̄_S + Δcov_S + s_E2 (Ω_E2 − Ω_S2) + s_X1 (Ω_S1 − Ω_X1)`, where `Ω_G` is the
//!   group's share-weighted mean (shares renormalised within the group), `s_G` the group's
//!   aggregate share, and ω̄_S, cov_S the Olley–Pakes terms of the survivors.
//!
//! Both are identities; every sum is compensated ([`crate::summation`]) so the parts add up to
//! the total to within a few units in the last place on panels of millions of firms.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::summation::{CompensatedSum, sum};

/// The Olley–Pakes decomposition of one year.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct OlleyPakesYear {
    /// The year.
    pub year: i32,
    /// Firms in the year.
    pub firms: usize,
    /// Aggregate productivity `Ω_t = Σ s ω`.
    pub aggregate: f64,
    /// Unweighted mean `ω̄_t`.
    pub mean: f64,
    /// Covariance (allocation) term `Σ (s − s̄)(ω − ω̄)`.
    pub covariance: f64,
}

/// The Melitz–Polanec dynamic decomposition between two years.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct MelitzPolanec {
    /// The first year.
    pub from: i32,
    /// The second year.
    pub to: i32,
    /// `Ω_2 − Ω_1`.
    pub total: f64,
    /// Survivors' within term `Δω̄_S`.
    pub survivors_within: f64,
    /// Survivors' reallocation term `Δcov_S`.
    pub survivors_reallocation: f64,
    /// Entrants' term `s_E2 (Ω_E2 − Ω_S2)` (0 without entrants).
    pub entrants: f64,
    /// Exiters' term `s_X1 (Ω_S1 − Ω_X1)` (0 without exiters).
    pub exiters: f64,
    /// Survivors, entrants and exiters counted.
    pub survivors: usize,
    /// Entrants counted.
    pub entrant_count: usize,
    /// Exiters counted.
    pub exiter_count: usize,
}

type Year = BTreeMap<i64, (f64, f64)>;

fn by_year(
    firm: &[i64],
    year: &[i32],
    productivity: &[f64],
    weight: &[f64],
) -> Result<BTreeMap<i32, Year>> {
    let n = year.len();
    for (name, len) in [
        ("firm", firm.len()),
        ("productivity", productivity.len()),
        ("weight", weight.len()),
    ] {
        if len != n {
            return Err(Error::LengthMismatch {
                series: name.into(),
                expected: n,
                actual: len,
            });
        }
    }
    if n == 0 {
        return Err(Error::Empty {
            series: "year".into(),
            needed: 1,
        });
    }
    let mut out: BTreeMap<i32, Year> = BTreeMap::new();
    for r in 0..n {
        for (name, v) in [("productivity", productivity[r]), ("weight", weight[r])] {
            if !v.is_finite() {
                return Err(Error::NonFinite {
                    series: name.into(),
                    entity: Some(firm[r].to_string()),
                    year: year[r],
                    value: v,
                });
            }
        }
        if weight[r] < 0.0 {
            return Err(Error::OutOfRange {
                name: format!("weight of firm {}", firm[r]),
                year: Some(year[r]),
                value: weight[r],
                expected: "a non-negative weight (output or employment)".into(),
            });
        }
        if out
            .entry(year[r])
            .or_default()
            .insert(firm[r], (productivity[r], weight[r]))
            .is_some()
        {
            return Err(Error::DuplicateYear {
                series: "year".into(),
                entity: Some(firm[r].to_string()),
                year: year[r],
            });
        }
    }
    for (y, firms) in &out {
        if sum(firms.values().map(|v| v.1)).partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            return Err(Error::InvalidParameter {
                name: "weight".into(),
                reason: format!("the weights of year {y} sum to zero: shares are undefined"),
            });
        }
    }
    Ok(out)
}

/// Olley–Pakes terms of a group of (ω, share) pairs with shares renormalised within the
/// group: (aggregate, mean, covariance).
fn op_terms(pairs: &[(f64, f64)]) -> (f64, f64, f64) {
    let total = sum(pairs.iter().map(|p| p.1));
    let n = pairs.len() as f64;
    let mean = sum(pairs.iter().map(|p| p.0)) / n;
    let share_mean = 1.0 / n;
    let mut agg = CompensatedSum::default();
    let mut cov = CompensatedSum::default();
    for &(w, s) in pairs {
        let s = s / total;
        agg.add(s * w);
        cov.add((s - share_mean) * (w - mean));
    }
    (agg.total(), mean, cov.total())
}

/// The Olley–Pakes static decomposition of each year.
///
/// `weight` is normalised to shares within each year; `productivity` is in logs.
///
/// # Errors
/// [`Error::LengthMismatch`], [`Error::Empty`], [`Error::NonFinite`] (naming the firm and
/// year), [`Error::OutOfRange`] for a negative weight, [`Error::DuplicateYear`] for a firm
/// twice in a year, [`Error::InvalidParameter`] for a year whose weights sum to zero.
///
/// # Examples
/// ```
/// use nangsuat::estimation::decomposition::olley_pakes;
/// let d = olley_pakes(&[1, 2], &[2020, 2020], &[1.0, 2.0], &[1.0, 3.0])?;
/// // Ω = 0.25·1 + 0.75·2 = 1.75 = mean 1.5 + covariance 0.25.
/// assert!((d[0].aggregate - 1.75).abs() < 1e-12);
/// assert!((d[0].mean - 1.5).abs() < 1e-12 && (d[0].covariance - 0.25).abs() < 1e-12);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn olley_pakes(
    firm: &[i64],
    year: &[i32],
    productivity: &[f64],
    weight: &[f64],
) -> Result<Vec<OlleyPakesYear>> {
    let years = by_year(firm, year, productivity, weight)?;
    years
        .iter()
        .map(|(&y, firms)| {
            let pairs: Vec<(f64, f64)> = firms.values().copied().collect();
            let (aggregate, mean, covariance) = op_terms(&pairs);
            finite_terms(
                &format!("Olley–Pakes decomposition of {y}"),
                &[
                    ("aggregate", aggregate),
                    ("mean", mean),
                    ("covariance", covariance),
                ],
            )?;
            Ok(OlleyPakesYear {
                year: y,
                firms: pairs.len(),
                aggregate,
                mean,
                covariance,
            })
        })
        .collect()
}

/// Every term of a decomposition is a finite number, or an error naming the first that is not
/// (a hostile-input probe found an Olley–Pakes mean of +∞ from log productivities of 1e300).
fn finite_terms(what: &str, terms: &[(&str, f64)]) -> Result<()> {
    match terms.iter().find(|(_, v)| !v.is_finite()) {
        None => Ok(()),
        Some((term, v)) => Err(Error::OutOfRange {
            name: format!("{term} of the {what}"),
            year: None,
            value: *v,
            expected: "a finite term: productivities (in logs) or weights so large that their \
                       sums do not fit in a double; check that productivity is in logs and \
                       the weights' units"
                .into(),
        }),
    }
}

fn mp_between(a: &Year, b: &Year, from: i32, to: i32) -> Result<MelitzPolanec> {
    let total1 = sum(a.values().map(|v| v.1));
    let total2 = sum(b.values().map(|v| v.1));
    let mut s1 = Vec::new();
    let mut s2 = Vec::new();
    let mut x1 = Vec::new();
    let mut e2 = Vec::new();
    for (f, v) in a {
        if let Some(w) = b.get(f) {
            s1.push(*v);
            s2.push(*w);
        } else {
            x1.push(*v);
        }
    }
    for (f, v) in b {
        if !a.contains_key(f) {
            e2.push(*v);
        }
    }
    if s1.is_empty() {
        return Err(Error::InsufficientData {
            what: format!("Melitz–Polanec decomposition {from}–{to} (surviving firms)"),
            needed: 1,
            available: 0,
        });
    }
    let (agg1, _, _) = op_terms(&a.values().copied().collect::<Vec<_>>());
    let (agg2, _, _) = op_terms(&b.values().copied().collect::<Vec<_>>());
    let (omega_s1, mean_s1, cov_s1) = op_terms(&s1);
    let (omega_s2, mean_s2, cov_s2) = op_terms(&s2);
    let share = |g: &[(f64, f64)], total: f64| sum(g.iter().map(|p| p.1)) / total;
    let group = |g: &[(f64, f64)]| {
        if g.is_empty()
            || sum(g.iter().map(|p| p.1)).partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater)
        {
            None
        } else {
            Some(op_terms(g).0)
        }
    };
    let entrants = group(&e2).map_or(0.0, |o| share(&e2, total2) * (o - omega_s2));
    let exiters = group(&x1).map_or(0.0, |o| share(&x1, total1) * (omega_s1 - o));
    finite_terms(
        &format!("Melitz–Polanec decomposition {from}–{to}"),
        &[
            ("total", agg2 - agg1),
            ("survivors' within", mean_s2 - mean_s1),
            ("survivors' reallocation", cov_s2 - cov_s1),
            ("entrants", entrants),
            ("exiters", exiters),
        ],
    )?;
    Ok(MelitzPolanec {
        from,
        to,
        total: agg2 - agg1,
        survivors_within: mean_s2 - mean_s1,
        survivors_reallocation: cov_s2 - cov_s1,
        entrants,
        exiters,
        survivors: s1.len(),
        entrant_count: e2.len(),
        exiter_count: x1.len(),
    })
}

/// The Melitz–Polanec dynamic decomposition between years `from` and `to`.
///
/// A survivors' group with zero total weight in either year makes its shares undefined: an
/// error. Entrants or exiters with zero total weight contribute 0.
///
/// # Errors
/// As [`olley_pakes`], plus [`Error::YearNotFound`] for a year not in the data and
/// [`Error::InsufficientData`] when no firm is present in both years.
///
/// # Examples
/// ```
/// use nangsuat::estimation::decomposition::melitz_polanec;
/// // Firm 1 survives, 2 exits, 3 enters.
/// let d = melitz_polanec(&[1, 2, 1, 3], &[1, 1, 2, 2], &[1.0, 0.5, 1.2, 2.0],
///     &[1.0, 1.0, 1.0, 1.0], 1, 2)?;
/// let parts = d.survivors_within + d.survivors_reallocation + d.entrants + d.exiters;
/// assert!((parts - d.total).abs() < 1e-15);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn melitz_polanec(
    firm: &[i64],
    year: &[i32],
    productivity: &[f64],
    weight: &[f64],
    from: i32,
    to: i32,
) -> Result<MelitzPolanec> {
    let years = by_year(firm, year, productivity, weight)?;
    let first = *years.keys().next().unwrap_or(&from);
    let last = *years.keys().next_back().unwrap_or(&to);
    let get = |y: i32| {
        years.get(&y).ok_or_else(|| Error::YearNotFound {
            series: "year".into(),
            year: y,
            first,
            last,
        })
    };
    mp_between(get(from)?, get(to)?, from, to)
}

/// The Melitz–Polanec decomposition between each pair of consecutive years in the data.
///
/// # Errors
/// As [`melitz_polanec`].
pub fn melitz_polanec_by_year(
    firm: &[i64],
    year: &[i32],
    productivity: &[f64],
    weight: &[f64],
) -> Result<Vec<MelitzPolanec>> {
    let years = by_year(firm, year, productivity, weight)?;
    let keys: Vec<i32> = years.keys().copied().collect();
    keys.windows(2)
        .map(|w| mp_between(&years[&w[0]], &years[&w[1]], w[0], w[1]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn melitz_polanec_by_hand() {
        // Year 1: firm 1 (ω 1, w 1), firm 2 (ω 0.5, w 1) → Ω1 = 0.75.
        // Year 2: firm 1 (ω 1.2, w 1), firm 3 (ω 2, w 1) → Ω2 = 1.6.
        let d = melitz_polanec(
            &[1, 2, 1, 3],
            &[1, 1, 2, 2],
            &[1.0, 0.5, 1.2, 2.0],
            &[1.0, 1.0, 1.0, 1.0],
            1,
            2,
        )
        .unwrap();
        assert!((d.total - 0.85).abs() < 1e-15);
        assert!((d.survivors_within - 0.2).abs() < 1e-15);
        assert_eq!(d.survivors_reallocation, 0.0);
        assert!((d.entrants - 0.5 * (2.0 - 1.2)).abs() < 1e-15);
        assert!((d.exiters - 0.5 * (1.0 - 0.5)).abs() < 1e-15);
        assert_eq!((d.survivors, d.entrant_count, d.exiter_count), (1, 1, 1));
    }

    #[test]
    fn terms_beyond_a_double_are_errors() {
        let e = olley_pakes(&[1, 2], &[2020, 2020], &[1e308, 1.5e308], &[1.0, 1.0]).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::OutOfRange);
        assert!(
            e.to_string()
                .contains("of the Olley–Pakes decomposition of 2020"),
            "{e}"
        );
        let e = melitz_polanec(
            &[1, 2, 1, 2],
            &[2020, 2020, 2021, 2021],
            &[1.0, 2.0, 1.7e308, 1.7e308],
            &[1.0, 1.0, 1.0, 1e-300],
            2020,
            2021,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("Melitz–Polanec decomposition 2020–2021"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_firm_and_year() {
        let e = olley_pakes(&[7], &[2020], &[f64::NAN], &[1.0]).unwrap_err();
        assert!(e.to_string().contains("7") && e.to_string().contains("2020"));
        let e = olley_pakes(&[7], &[2020], &[1.0], &[0.0]).unwrap_err();
        assert!(e.to_string().contains("2020"));
        let e = melitz_polanec(&[1], &[2020], &[1.0], &[1.0], 2020, 2021).unwrap_err();
        assert!(matches!(e, Error::YearNotFound { year: 2021, .. }));
    }

    fn panel() -> impl Strategy<Value = Vec<(i64, i32, f64, f64)>> {
        prop::collection::vec((0i64..40, 0i32..4, -3.0f64..3.0, 0.01f64..1e6), 1..200).prop_map(
            |mut rows| {
                rows.sort_by_key(|r| (r.0, r.1));
                rows.dedup_by_key(|r| (r.0, r.1));
                rows
            },
        )
    }

    fn close(a: f64, b: f64, scale: f64) -> bool {
        (a - b).abs() <= 1e-12 * scale.max(1.0)
    }

    proptest! {
        #[test]
        fn parts_add_up(rows in panel()) {
            let firm: Vec<i64> = rows.iter().map(|r| r.0).collect();
            let year: Vec<i32> = rows.iter().map(|r| r.1).collect();
            let w: Vec<f64> = rows.iter().map(|r| r.2).collect();
            let s: Vec<f64> = rows.iter().map(|r| r.3).collect();
            for d in olley_pakes(&firm, &year, &w, &s).unwrap() {
                prop_assert!(close(d.mean + d.covariance, d.aggregate, 3.0));
            }
            if let Ok(ds) = melitz_polanec_by_year(&firm, &year, &w, &s) {
                for d in ds {
                    let parts = d.survivors_within + d.survivors_reallocation + d.entrants
                        + d.exiters;
                    prop_assert!(close(parts, d.total, 6.0), "{d:?}");
                }
            }
            // Scaling the weights (units) changes nothing; shifting ω shifts only levels.
            let s2: Vec<f64> = s.iter().map(|v| v * 1000.0).collect();
            let a = olley_pakes(&firm, &year, &w, &s).unwrap();
            let b = olley_pakes(&firm, &year, &w, &s2).unwrap();
            for (a, b) in a.iter().zip(&b) {
                prop_assert!(close(a.covariance, b.covariance, 3.0));
            }
        }
    }
}
