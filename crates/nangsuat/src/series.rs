//! [`AnnualSeries`]: one named quantity observed by year, and alignment of several.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// What to do with a missing data point (a NaN or infinite value, or an absent year).
///
/// The names follow scipy's `nan_policy`. The default, [`NanPolicy::Raise`], makes every gap an
/// error that names the series and year, so a missing value can never turn silently into a
/// result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NanPolicy {
    /// A non-finite value or a gap in the years is an error.
    #[default]
    Raise,
    /// A missing point leaves every result that needs it undefined (`None`, or `false` in a
    /// validity mask): the growth into and out of it, and the link of a chained index across it.
    Propagate,
    /// A missing point is dropped and the computation steps over it: the next growth is measured
    /// from the last valid year (a multi-year step), so chained indices stay linked.
    Omit,
}

impl NanPolicy {
    /// Stable lower-case name (`"raise"`, `"propagate"`, `"omit"`), scipy's words.
    pub fn name(self) -> &'static str {
        match self {
            NanPolicy::Raise => "raise",
            NanPolicy::Propagate => "propagate",
            NanPolicy::Omit => "omit",
        }
    }

    /// The policy by its stable name.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an unknown name.
    ///
    /// ```
    /// use nangsuat::NanPolicy;
    /// assert_eq!(NanPolicy::from_name("omit")?, NanPolicy::Omit);
    /// # Ok::<(), nangsuat::Error>(())
    /// ```
    pub fn from_name(name: &str) -> Result<NanPolicy> {
        [NanPolicy::Raise, NanPolicy::Propagate, NanPolicy::Omit]
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| {
                Error::invalid_parameter(
                    "nan_policy",
                    format!("`{name}`; expected raise, propagate or omit"),
                )
            })
    }
}

/// One quantity observed by year: years strictly increasing, values finite.
///
/// Years may have gaps (a year that was never observed is simply absent); methods that need
/// consecutive years say so and report the first missing year.
///
/// # Examples
/// ```
/// use nangsuat::AnnualSeries;
/// let gdp = AnnualSeries::new("gdp", vec![2019, 2020, 2021], vec![100.0, 102.9, 105.5])?;
/// assert_eq!(gdp.value(2020), Some(102.9));
/// let g = gdp.simple_growth()?;
/// assert!((g.value(2020).unwrap() - 0.029).abs() < 1e-12);
/// # Ok::<(), nangsuat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualSeries {
    name: String,
    years: Vec<i32>,
    values: Vec<f64>,
}

impl AnnualSeries {
    /// Builds a series from years and values given in any order.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] if the lengths differ, [`Error::DuplicateYear`] for a repeated
    /// year, [`Error::NonFinite`] for NaN or ±inf (use [`AnnualSeries::with_missing`] to treat
    /// those as missing instead).
    pub fn new(name: impl Into<String>, years: Vec<i32>, values: Vec<f64>) -> Result<Self> {
        Self::build(name.into(), years, values, NanPolicy::Raise)
    }

    /// Builds a series in which NaN or ±inf mark a missing observation: those years are left out.
    ///
    /// # Errors
    /// As [`AnnualSeries::new`], except for non-finite values.
    pub fn with_missing(
        name: impl Into<String>,
        years: Vec<i32>,
        values: Vec<f64>,
    ) -> Result<Self> {
        Self::build(name.into(), years, values, NanPolicy::Omit)
    }

    fn build(name: String, years: Vec<i32>, values: Vec<f64>, policy: NanPolicy) -> Result<Self> {
        if years.len() != values.len() {
            return Err(Error::LengthMismatch {
                series: name,
                expected: years.len(),
                actual: values.len(),
            });
        }
        let mut pairs: Vec<(i32, f64)> = years.into_iter().zip(values).collect();
        pairs.sort_by_key(|p| p.0);
        for w in pairs.windows(2) {
            if w[0].0 == w[1].0 {
                return Err(Error::DuplicateYear {
                    series: name,
                    entity: None,
                    year: w[0].0,
                });
            }
        }
        if policy == NanPolicy::Raise {
            if let Some(&(year, value)) = pairs.iter().find(|p| !p.1.is_finite()) {
                return Err(Error::NonFinite {
                    series: name,
                    entity: None,
                    year,
                    value,
                });
            }
        } else {
            pairs.retain(|p| p.1.is_finite());
        }
        let (years, values) = pairs.into_iter().unzip();
        Ok(AnnualSeries {
            name,
            years,
            values,
        })
    }

    /// The series' name, used in error messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Years, strictly increasing.
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    /// Values, one per year, all finite.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Number of observations.
    pub fn len(&self) -> usize {
        self.years.len()
    }

    /// Whether the series has no observation.
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// The value in `year`, if observed.
    pub fn value(&self, year: i32) -> Option<f64> {
        self.years.binary_search(&year).ok().map(|i| self.values[i])
    }

    /// The value in `year`.
    ///
    /// # Errors
    /// [`Error::YearNotFound`] if the year was not observed.
    pub fn require(&self, year: i32) -> Result<f64> {
        self.value(year).ok_or_else(|| self.not_found(year))
    }

    fn not_found(&self, year: i32) -> Error {
        Error::YearNotFound {
            series: self.name.clone(),
            year,
            first: self.years.first().copied().unwrap_or(year),
            last: self.years.last().copied().unwrap_or(year),
        }
    }

    /// The first year missing between the first and the last, if any.
    pub fn first_gap(&self) -> Option<i32> {
        self.years
            .windows(2)
            .find(|w| w[1] != w[0] + 1)
            .map(|w| w[0] + 1)
    }

    /// Checks that every year between the first and the last is present.
    ///
    /// # Errors
    /// [`Error::MissingYear`] naming the first missing year.
    pub fn require_consecutive(&self) -> Result<()> {
        match self.first_gap() {
            Some(year) => Err(Error::MissingYear {
                series: self.name.clone(),
                entity: None,
                year,
            }),
            None => Ok(()),
        }
    }

    /// Checks that every value is strictly positive (needed for logarithms and ratios).
    ///
    /// # Errors
    /// [`Error::NonPositive`] naming the first offending year and value.
    pub fn require_positive(&self) -> Result<()> {
        match self.years.iter().zip(&self.values).find(|p| *p.1 <= 0.0) {
            Some((&year, &value)) => Err(Error::NonPositive {
                series: self.name.clone(),
                entity: None,
                year,
                value,
            }),
            None => Ok(()),
        }
    }

    /// Log growth `ln x_t − ln x_{t−1}` for each year whose previous year is observed.
    ///
    /// The result is named `dln_<name>` and holds only the years where growth is defined:
    /// a year that follows a gap has none.
    ///
    /// # Errors
    /// [`Error::NonPositive`] if a value is zero or negative.
    pub fn log_growth(&self) -> Result<AnnualSeries> {
        self.require_positive()?;
        Ok(self.adjacent(format!("dln_{}", self.name), |a, b| (b / a).ln()))
    }

    /// Discrete growth `x_t / x_{t−1} − 1` for each year whose previous year is observed.
    ///
    /// # Errors
    /// [`Error::NonPositive`] if a value is zero or negative (a ratio from a non-positive base
    /// has no meaning as growth).
    pub fn simple_growth(&self) -> Result<AnnualSeries> {
        self.require_positive()?;
        Ok(self.adjacent(format!("growth_{}", self.name), |a, b| b / a - 1.0))
    }

    fn adjacent(&self, name: String, f: impl Fn(f64, f64) -> f64) -> AnnualSeries {
        let mut years = Vec::with_capacity(self.len().saturating_sub(1));
        let mut values = Vec::with_capacity(years.capacity());
        for i in 1..self.len() {
            if self.years[i] == self.years[i - 1] + 1 {
                years.push(self.years[i]);
                values.push(f(self.values[i - 1], self.values[i]));
            }
        }
        AnnualSeries {
            name,
            years,
            values,
        }
    }

    /// Compound annual growth rate from year `from` to year `to`:
    /// `(x_to / x_from)^(1/(to − from)) − 1` (METHODS §1). A fraction: 0.07 is 7 %/year.
    ///
    /// This is also the period-average growth of a level series over `[from, to]`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `from < to`; [`Error::YearNotFound`] if either year is
    /// not observed; [`Error::NonPositive`] if either value is not positive.
    pub fn cagr(&self, from: i32, to: i32) -> Result<f64> {
        if from >= to {
            return Err(Error::invalid_parameter(
                "from, to",
                format!("the first year ({from}) must be before the last ({to})"),
            ));
        }
        let (a, b) = (self.require(from)?, self.require(to)?);
        for (year, value) in [(from, a), (to, b)] {
            if value <= 0.0 {
                return Err(Error::NonPositive {
                    series: self.name.clone(),
                    entity: None,
                    year,
                    value,
                });
            }
        }
        Ok(crate::growth::cagr(a, b, f64::from(to - from)))
    }

    /// A new series of `f(self_t, other_t)` over the years both observe.
    ///
    /// # Errors
    /// [`Error::MissingYear`] if a year of one series is absent from the other: alignment
    /// never drops data silently.
    pub fn zip_with(
        &self,
        other: &AnnualSeries,
        name: impl Into<String>,
        f: impl Fn(f64, f64) -> f64,
    ) -> Result<AnnualSeries> {
        let aligned = align(&[self, other])?;
        let values = aligned.columns[0]
            .iter()
            .zip(&aligned.columns[1])
            .map(|(a, b)| f(*a, *b))
            .collect();
        Ok(AnnualSeries {
            name: name.into(),
            years: aligned.years,
            values,
        })
    }
}

/// Several series on one common set of years (see [`align`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Aligned {
    /// The common years, increasing.
    pub years: Vec<i32>,
    /// One column per input series, in the input order.
    pub columns: Vec<Vec<f64>>,
}

/// Aligns series that must cover the same years.
///
/// # Errors
/// [`Error::Empty`] if no series is given; [`Error::MissingYear`] naming the series and the
/// first year it lacks that another series has.
///
/// # Examples
/// ```
/// use nangsuat::{series::align, AnnualSeries};
/// let y = AnnualSeries::new("gdp", vec![2020, 2021], vec![1.0, 2.0])?;
/// let l = AnnualSeries::new("employment", vec![2021, 2020], vec![4.0, 3.0])?;
/// let a = align(&[&y, &l])?;
/// assert_eq!(a.columns[1], vec![3.0, 4.0]);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn align(series: &[&AnnualSeries]) -> Result<Aligned> {
    let first = series.first().ok_or(Error::Empty {
        series: "series list".into(),
        needed: 1,
    })?;
    for s in series {
        for other in series {
            if let Some(year) = other
                .years
                .iter()
                .find(|y| s.years.binary_search(y).is_err())
            {
                return Err(Error::MissingYear {
                    series: s.name.clone(),
                    entity: None,
                    year: *year,
                });
            }
        }
    }
    Ok(Aligned {
        years: first.years.clone(),
        columns: series.iter().map(|s| s.values.clone()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn s(years: &[i32], values: &[f64]) -> AnnualSeries {
        AnnualSeries::new("x", years.to_vec(), values.to_vec()).unwrap()
    }

    #[test]
    fn sorts_and_rejects_duplicates_and_nan() {
        let a = s(&[2021, 2019, 2020], &[3.0, 1.0, 2.0]);
        assert_eq!(a.years(), &[2019, 2020, 2021]);
        assert_eq!(a.values(), &[1.0, 2.0, 3.0]);
        let e = AnnualSeries::new("gdp", vec![2019, 2020], vec![1.0, f64::NAN]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NonFinite);
        assert!(e.to_string().contains("gdp") && e.to_string().contains("2020"));
        let e = AnnualSeries::new("gdp", vec![2019], vec![1.0, 2.0]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::LengthMismatch);
    }

    #[test]
    fn missing_values_become_gaps() {
        let a = AnnualSeries::with_missing("x", vec![1, 2, 3], vec![1.0, f64::NAN, 3.0]).unwrap();
        assert_eq!(a.years(), &[1, 3]);
        assert_eq!(a.first_gap(), Some(2));
        assert_eq!(
            a.require_consecutive().unwrap_err().kind(),
            ErrorKind::MissingYear
        );
        // no growth across the gap
        assert!(a.log_growth().unwrap().is_empty());
    }

    #[test]
    fn growth_and_cagr() {
        let a = s(&[2000, 2001, 2002], &[100.0, 110.0, 121.0]);
        let g = a.simple_growth().unwrap();
        assert_eq!(g.years(), &[2001, 2002]);
        assert!((g.values()[1] - 0.1).abs() < 1e-14);
        assert!((a.cagr(2000, 2002).unwrap() - 0.1).abs() < 1e-14);
        let l = a.log_growth().unwrap();
        assert!((l.values()[0] - 1.1f64.ln()).abs() < 1e-15);
        assert_eq!(
            a.cagr(2002, 2000).unwrap_err().kind(),
            ErrorKind::InvalidParameter
        );
        assert_eq!(
            a.cagr(1999, 2002).unwrap_err().kind(),
            ErrorKind::YearNotFound
        );
        let neg = s(&[1, 2], &[1.0, -1.0]);
        assert_eq!(neg.log_growth().unwrap_err().kind(), ErrorKind::NonPositive);
    }

    #[test]
    fn alignment_never_drops_data() {
        let a = s(&[1, 2, 3], &[1.0, 2.0, 3.0]);
        let b = s(&[1, 2], &[1.0, 2.0]);
        let e = align(&[&a, &b]).unwrap_err();
        assert_eq!(
            e,
            Error::MissingYear {
                series: "x".into(),
                entity: None,
                year: 3
            }
        );
    }
}
