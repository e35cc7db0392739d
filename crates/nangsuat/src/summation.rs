//! Compensated (Neumaier) summation for long sums and means.
//!
//! Cross-country means over ~180 log values and period means are short, but the same code must
//! serve panels of millions of rows, where naive summation loses digits.

/// Running Neumaier–Kahan sum.
///
/// ```
/// use nangsuat::summation::CompensatedSum;
/// let mut s = CompensatedSum::default();
/// for x in [1e16, 1.0, -1e16] { s.add(x); }
/// assert_eq!(s.total(), 1.0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CompensatedSum {
    sum: f64,
    compensation: f64,
    count: usize,
}

impl CompensatedSum {
    /// Adds one term.
    #[inline]
    pub fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
        self.count += 1;
    }

    /// The compensated total.
    #[inline]
    pub fn total(&self) -> f64 {
        self.sum + self.compensation
    }

    /// Number of terms added.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The mean of the terms, or `None` when there are none.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.total() / self.count as f64)
    }
}

/// The compensated sum of `values`.
///
/// ```
/// assert_eq!(nangsuat::summation::sum([1e16, 1.0, -1e16]), 1.0);
/// ```
pub fn sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut s = CompensatedSum::default();
    for v in values {
        s.add(v);
    }
    s.total()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beats_naive_summation() {
        let mut s = CompensatedSum::default();
        let mut naive = 0.0;
        for _ in 0..10_000_000 {
            s.add(0.1);
            naive += 0.1;
        }
        assert!((s.total() - 1_000_000.0).abs() < 1e-6);
        assert!((naive - 1_000_000.0f64).abs() > 1e-6);
        assert_eq!(CompensatedSum::default().mean(), None);
    }
}
