//! The Penn World Table 10.01 profile: `rtfpna` and `ctfp` from PWT's own inputs (METHODS §3).
//!
//! Reference: Feenstra, Robert C., Robert Inklaar and Marcel P. Timmer (2015), "The Next
//! Generation of the Penn World Table", *American Economic Review* 105(10), 3150–3182;
//! Groningen Growth and Development Centre (2023), PWT 10.01, doi:10.34894/QT5BCC (CC BY 4.0).
//!
//! The rules, each reproduced here:
//! * Hours `H_t`: the country's `avh` where published; gaps inside its published span filled by
//!   linear interpolation of levels; before and after that span, extended with the reference
//!   country's (USA's) `avh` growth; a country with no `avh` at all takes the USA's level.
//! * Labour input `L = emp × hc × H`; capital input = capital services `rkna`; labour weight
//!   `w_t = (labsh_t + labsh_{t−1})/2`; `Δln A = Δln rgdpna − w Δln L − (1 − w) Δln rkna`
//!   (the Törnqvist profile of [`crate::accounting`]); `rtfpna` chained, 1 in 2017.
//! * `ctfp`, each year over the set S of countries with all inputs that year:
//!   `lnT_j = (ln cgdpo_j − mean ln cgdpo) − v_j (ln L_j − mean ln L) − (1 − v_j)(ln ck_j − mean ln ck)`
//!   with `v_j = (labsh_j + mean labsh)/2`; `ctfp_j = exp(lnT_j − lnT_USA)`.
//!
//! Missing values are NaN in the input columns and leave the matching outputs undefined.
//! The crate's tests reproduce every published `rtfpna` and `ctfp` of the 20 countries kept in
//! the PWT extract that ships with the tests.

use crate::accounting::{AccountingInput, GrowthAccounting, LabourShare, PanelEntity};
use crate::error::{Error, Result};
use crate::series::NanPolicy;
use crate::summation::CompensatedSum;
use std::collections::BTreeMap;
use std::fmt::Display;

/// PWT 10.01's base year for `rtfpna` (2017 = 1).
pub const PWT_BASE_YEAR: i32 = 2017;

/// Input columns in PWT 10.01 layout, aligned row by row; NaN marks a missing value.
///
/// Units are PWT's: national-accounts series in million 2017 US$, `emp` in millions,
/// `avh` hours per person engaged per year, `rkna` 2017 = 1, `ck` USA = 1.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct PwtInput<'a, E> {
    /// Country code of each row.
    pub countrycode: &'a [E],
    /// Year of each row.
    pub year: &'a [i32],
    /// Real GDP at constant national prices.
    pub rgdpna: &'a [f64],
    /// Capital services at constant national prices (2017 = 1).
    pub rkna: &'a [f64],
    /// Persons engaged (millions).
    pub emp: &'a [f64],
    /// Average annual hours worked by persons engaged.
    pub avh: &'a [f64],
    /// Human-capital index.
    pub hc: &'a [f64],
    /// Share of labour compensation in GDP.
    pub labsh: &'a [f64],
    /// Output-side real GDP at current PPPs.
    pub cgdpo: &'a [f64],
    /// Capital services levels at current PPPs (USA = 1).
    pub ck: &'a [f64],
}

impl<'a, E> PwtInput<'a, E> {
    /// Bundles the columns.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        countrycode: &'a [E],
        year: &'a [i32],
        rgdpna: &'a [f64],
        rkna: &'a [f64],
        emp: &'a [f64],
        avh: &'a [f64],
        hc: &'a [f64],
        labsh: &'a [f64],
        cgdpo: &'a [f64],
        ck: &'a [f64],
    ) -> Self {
        PwtInput {
            countrycode,
            year,
            rgdpna,
            rkna,
            emp,
            avh,
            hc,
            labsh,
            cgdpo,
            ck,
        }
    }
}

/// PWT's TFP measures, aligned with the input rows.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PwtTfp {
    /// Hours per person used for labour input (published, interpolated or extended).
    pub hours: Vec<f64>,
    /// Whether `hours` is defined.
    pub hours_defined: Vec<bool>,
    /// TFP at constant national prices, 2017 = 1; NaN where `rtfpna_defined` is false.
    pub rtfpna: Vec<f64>,
    /// Whether `rtfpna` is defined.
    pub rtfpna_defined: Vec<bool>,
    /// TFP level at current PPPs, USA = 1; NaN where `ctfp_defined` is false.
    pub ctfp: Vec<f64>,
    /// Whether `ctfp` is defined.
    pub ctfp_defined: Vec<bool>,
}

/// Computes `rtfpna` and `ctfp` by PWT 10.01's rules, with `reference` (PWT: `"USA"`) as the
/// country whose hours extend others' and whose TFP level is 1.
///
/// # Errors
/// [`Error::LengthMismatch`] for columns of different lengths; [`Error::DuplicateYear`] for a
/// repeated country-year; [`Error::NonPositive`] for a zero or negative volume.
///
/// # Examples
/// ```
/// use nangsuat::accounting::pwt::{pwt_tfp, PwtInput};
/// let c = ["USA", "USA"];
/// let year = [2016, 2017];
/// let one = [1.0, 1.0];
/// let rgdpna = [100.0, 103.0];
/// let emp = [150.0, 151.5];
/// let avh = [1780.0, 1780.0];
/// let labsh = [0.6, 0.6];
/// let input = PwtInput::new(&c, &year, &rgdpna, &one, &emp, &avh, &one, &labsh, &rgdpna, &one);
/// let tfp = pwt_tfp(&input, &"USA")?;
/// assert_eq!(tfp.rtfpna[1], 1.0);
/// let expected = (-(1.03f64.ln() - 0.6 * 1.01f64.ln())).exp();
/// assert!((tfp.rtfpna[0] - expected).abs() < 1e-12);
/// assert_eq!(tfp.ctfp, vec![1.0, 1.0]);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn pwt_tfp<E: PanelEntity>(input: &PwtInput<'_, E>, reference: &E) -> Result<PwtTfp> {
    let n = input.countrycode.len();
    if n == 0 {
        return Err(Error::Empty {
            series: "countrycode".into(),
            needed: 1,
        });
    }
    for (name, len) in [
        ("year", input.year.len()),
        ("rgdpna", input.rgdpna.len()),
        ("rkna", input.rkna.len()),
        ("emp", input.emp.len()),
        ("avh", input.avh.len()),
        ("hc", input.hc.len()),
        ("labsh", input.labsh.len()),
        ("cgdpo", input.cgdpo.len()),
        ("ck", input.ck.len()),
    ] {
        if len != n {
            return Err(Error::LengthMismatch {
                series: name.into(),
                expected: n,
                actual: len,
            });
        }
    }
    check_values(input)?;
    let (hours, hours_defined) = pwt_hours(input, reference)?;

    let accounting = GrowthAccounting::tornqvist()
        .nan_policy(NanPolicy::Propagate)
        .base_year(PWT_BASE_YEAR);
    let acc_input = AccountingInput::new(
        input.year,
        input.rgdpna,
        input.rkna,
        input.emp,
        LabourShare::PerRow(input.labsh),
    )
    .hours(&hours)
    .human_capital(input.hc);
    let acc = accounting.compute_panel(input.countrycode, &acc_input)?;

    let (ctfp, ctfp_defined) = pwt_ctfp(input, reference, &hours)?;
    Ok(PwtTfp {
        hours,
        hours_defined,
        rtfpna: acc.tfp_index,
        rtfpna_defined: acc.tfp_index_defined,
        ctfp,
        ctfp_defined,
    })
}

/// NaN is a missing value; anything else must be a value PWT could publish: finite, positive
/// for levels, and in [0, 1] for the labour share. (An infinite `cgdpo` or a negative `ck`
/// silently became a missing row, while a negative `rkna` was an error.)
fn check_values<E: Display>(input: &PwtInput<'_, E>) -> Result<()> {
    let levels = [
        ("rgdpna", input.rgdpna),
        ("rkna", input.rkna),
        ("emp", input.emp),
        ("avh", input.avh),
        ("hc", input.hc),
        ("cgdpo", input.cgdpo),
        ("ck", input.ck),
    ];
    for i in 0..input.countrycode.len() {
        let (entity, year) = (Some(input.countrycode[i].to_string()), input.year[i]);
        for (name, column) in levels {
            let value = column[i];
            if value.is_nan() {
                continue;
            }
            if value.is_infinite() {
                return Err(Error::NonFinite {
                    series: name.into(),
                    entity,
                    year,
                    value,
                });
            }
            if value <= 0.0 {
                return Err(Error::NonPositive {
                    series: name.into(),
                    entity,
                    year,
                    value,
                });
            }
        }
        let share = input.labsh[i];
        if !share.is_nan() && !(0.0..=1.0).contains(&share) {
            return Err(Error::OutOfRange {
                name: "labsh".into(),
                year: Some(year),
                value: share,
                expected: "a share in [0, 1]".into(),
            }
            .with_entity(&input.countrycode[i]));
        }
    }
    Ok(())
}

fn usable(v: f64) -> bool {
    v.is_finite() && v > 0.0
}

/// Hours per person by PWT's rules; NaN where they cannot be formed.
fn pwt_hours<E: Ord + Display>(
    input: &PwtInput<'_, E>,
    reference: &E,
) -> Result<(Vec<f64>, Vec<bool>)> {
    let n = input.countrycode.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        input.countrycode[a]
            .cmp(&input.countrycode[b])
            .then(input.year[a].cmp(&input.year[b]))
    });
    if let Some(w) = order.windows(2).find(|w| {
        input.countrycode[w[0]] == input.countrycode[w[1]] && input.year[w[0]] == input.year[w[1]]
    }) {
        return Err(Error::DuplicateYear {
            series: "year".into(),
            entity: Some(input.countrycode[w[1]].to_string()),
            year: input.year[w[1]],
        });
    }
    let reference_avh: BTreeMap<i32, f64> = (0..n)
        .filter(|&i| input.countrycode[i] == *reference && usable(input.avh[i]))
        .map(|i| (input.year[i], input.avh[i]))
        .collect();
    let mut hours = vec![f64::NAN; n];
    let mut lo = 0;
    while lo < n {
        let mut hi = lo + 1;
        while hi < n && input.countrycode[order[hi]] == input.countrycode[order[lo]] {
            hi += 1;
        }
        let rows = &order[lo..hi];
        let published: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&i| usable(input.avh[i]))
            .collect();
        match (published.first(), published.last()) {
            (Some(&first), Some(&last)) => {
                let (y_first, y_last) = (input.year[first], input.year[last]);
                let mut k = 0; // position in `published` of the last published row ≤ current
                for &i in rows {
                    let y = input.year[i];
                    hours[i] = if usable(input.avh[i]) {
                        input.avh[i]
                    } else if y < y_first {
                        extend(&reference_avh, input.avh[first], y_first, y)
                    } else if y > y_last {
                        extend(&reference_avh, input.avh[last], y_last, y)
                    } else {
                        while k + 1 < published.len() && input.year[published[k + 1]] < y {
                            k += 1;
                        }
                        let (a, b) = (published[k], published[k + 1]);
                        let (ya, yb) = (input.year[a], input.year[b]);
                        let t = f64::from(y - ya) / f64::from(yb - ya);
                        input.avh[a] + (input.avh[b] - input.avh[a]) * t
                    };
                }
            }
            _ => {
                for &i in rows {
                    hours[i] = reference_avh
                        .get(&input.year[i])
                        .copied()
                        .unwrap_or(f64::NAN);
                }
            }
        }
        lo = hi;
    }
    let defined = hours.iter().map(|h| h.is_finite()).collect();
    Ok((hours, defined))
}

/// `level` in `from` carried to `to` with the reference's hours growth.
fn extend(reference: &BTreeMap<i32, f64>, level: f64, from: i32, to: i32) -> f64 {
    match (reference.get(&from), reference.get(&to)) {
        (Some(a), Some(b)) => level * b / a,
        _ => f64::NAN,
    }
}

/// Cross-country TFP levels relative to the reference, year by year.
fn pwt_ctfp<E: Ord>(
    input: &PwtInput<'_, E>,
    reference: &E,
    hours: &[f64],
) -> Result<(Vec<f64>, Vec<bool>)> {
    let n = input.countrycode.len();
    let mut ctfp = vec![f64::NAN; n];
    let mut defined = vec![false; n];
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, &h) in hours.iter().enumerate() {
        let ok = [input.cgdpo[i], input.ck[i], input.emp[i], input.hc[i], h]
            .iter()
            .all(|v| usable(*v))
            && input.labsh[i].is_finite()
            && (0.0..=1.0).contains(&input.labsh[i]);
        if ok {
            by_year.entry(input.year[i]).or_default().push(i);
        }
    }
    for rows in by_year.values() {
        let Some(&r) = rows.iter().find(|&&i| input.countrycode[i] == *reference) else {
            continue;
        };
        // Sums of logs, not the log of a product: emp × hc × hours can overflow on finite
        // inputs where each log is an ordinary number.
        let ln_l = |i: usize| input.emp[i].ln() + input.hc[i].ln() + hours[i].ln();
        let mut sums = [CompensatedSum::default(); 4];
        for &i in rows {
            sums[0].add(input.cgdpo[i].ln());
            sums[1].add(ln_l(i));
            sums[2].add(input.ck[i].ln());
            sums[3].add(input.labsh[i]);
        }
        let m = sums.map(|s| s.total() / rows.len() as f64);
        let ln_t = |i: usize| {
            let v = 0.5 * (input.labsh[i] + m[3]);
            (input.cgdpo[i].ln() - m[0])
                - v * (ln_l(i) - m[1])
                - (1.0 - v) * (input.ck[i].ln() - m[2])
        };
        let reference_level = ln_t(r);
        for &i in rows {
            // A level beyond what an f64 holds (relative to the reference) is undefined,
            // never an infinity or NaN flagged as a number.
            let level = (ln_t(i) - reference_level).exp();
            if level.is_finite() && level > 0.0 {
                ctfp[i] = level;
                defined[i] = true;
            }
        }
    }
    Ok((ctfp, defined))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_rules() {
        // USA publishes 2000-2003; XXX publishes 2001 and 2003 only; ZZZ publishes nothing.
        let c = [
            "USA", "USA", "USA", "USA", "XXX", "XXX", "XXX", "XXX", "ZZZ",
        ];
        let year = [2000, 2001, 2002, 2003, 2000, 2001, 2002, 2003, 2002];
        let nan = f64::NAN;
        let avh = [
            2000.0, 1900.0, 1800.0, 1700.0, nan, 1000.0, nan, 1200.0, nan,
        ];
        let ones = [1.0; 9];
        let input = PwtInput::new(
            &c, &year, &ones, &ones, &ones, &avh, &ones, &[0.5; 9], &ones, &ones,
        );
        let (h, _) = pwt_hours(&input, &"USA").unwrap();
        assert_eq!(h[5], 1000.0);
        assert_eq!(h[6], 1100.0); // interpolated
        assert!((h[4] - 1000.0 * 2000.0 / 1900.0).abs() < 1e-9); // extended back with USA growth
        assert_eq!(h[8], 1800.0); // USA level
    }

    #[test]
    fn ctfp_two_countries() {
        let c = ["USA", "AAA"];
        let year = [2017, 2017];
        let cgdpo = [100.0, 50.0];
        let ck = [1.0, 0.5];
        let emp = [10.0, 10.0];
        let ones = [1.0, 1.0];
        let labsh = [0.6, 0.4];
        let avh = [1.0, 1.0];
        let input = PwtInput::new(
            &c, &year, &cgdpo, &ones, &emp, &avh, &ones, &labsh, &cgdpo, &ck,
        );
        let t = pwt_tfp(&input, &"USA").unwrap();
        // v_AAA = (0.4 + 0.5)/2 = 0.45, v_USA = 0.55; labour equal.
        let ln_t = |y: f64, k: f64, v: f64| y - (1.0 - v) * k;
        let my = (100.0f64.ln() + 50.0f64.ln()) / 2.0;
        let mk = 0.5f64.ln() / 2.0;
        let usa = ln_t(100.0f64.ln() - my, 0.0 - mk, 0.55);
        let aaa = ln_t(50.0f64.ln() - my, 0.5f64.ln() - mk, 0.45);
        assert!((t.ctfp[1] - (aaa - usa).exp()).abs() < 1e-14);
        assert_eq!(t.ctfp[0], 1.0);
    }

    #[test]
    fn values_pwt_could_not_publish_are_errors_and_extremes_are_never_flagged_defined() {
        let code = ["USA", "AAA"];
        let year = [2017, 2017];
        let one = [1.0, 1.0];
        let labsh = [0.6, 0.5];
        let base = |cgdpo: &[f64; 2], ck: &[f64; 2]| -> Result<PwtTfp> {
            let input = PwtInput::new(
                &code,
                &year,
                &one,
                &one,
                &one,
                &[2000.0, 2000.0],
                &one,
                &labsh,
                cgdpo,
                ck,
            );
            pwt_tfp(&input, &"USA")
        };
        let err = base(&[1.0, f64::INFINITY], &[1.0, 1.0]).unwrap_err();
        assert!(
            matches!(err, Error::NonFinite { ref series, .. } if series == "cgdpo"),
            "{err}"
        );
        let err = base(&[1.0, 1.0], &[1.0, -2.0]).unwrap_err();
        assert!(
            matches!(err, Error::NonPositive { ref series, .. } if series == "ck"),
            "{err}"
        );
        // NaN stays a missing value.
        let t = base(&[1.0, f64::NAN], &[1.0, 1.0]).unwrap();
        assert!(t.ctfp_defined[0] && !t.ctfp_defined[1]);
        // Finite extremes: a level 1e300 times the reference's overflows; undefined, not inf.
        let t = base(&[1e-300, 1e300], &[1.0, 1.0]).unwrap();
        for (v, d) in t.ctfp.iter().zip(&t.ctfp_defined) {
            assert!(!d || v.is_finite(), "{v} flagged defined");
        }
        assert!(!t.ctfp_defined[1]);
    }
}
