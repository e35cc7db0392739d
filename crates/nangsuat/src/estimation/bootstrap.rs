//! Firm-level (block) bootstrap: whole firms are resampled with replacement, each copy a firm
//! of its own, so every firm's time series (and its lags) stays intact.
//!
//! Replication `b` draws from its own generator seeded by `(seed, b)`, so the draws, and thus
//! the standard errors, are identical whether replications run in order or in parallel
//! (feature `rayon`).

use super::panel::Work;
use crate::cancel::Cancel;
use crate::error::Result;

/// SplitMix64 (Steele, Lea & Flood 2014): a small, well-tested generator, enough for
/// drawing firm indices.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (Lemire's multiply-shift with rejection, unbiased).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        loop {
            let x = self.next_u64();
            let m = (x as u128) * (n as u128);
            let low = m as u64;
            if low >= n.wrapping_neg() % n {
                return (m >> 64) as u64;
            }
        }
    }
}

/// The generator of replication `b`.
pub(crate) fn replication_rng(seed: u64, b: usize) -> SplitMix64 {
    let mut mix = SplitMix64::new(seed);
    let base = mix.next_u64();
    SplitMix64::new(base ^ (b as u64).wrapping_mul(0xD1B5_4A32_D192_ED03))
}

/// The bootstrap sample of replication `b`.
pub(crate) fn sample(work: &Work, seed: u64, b: usize) -> Work {
    let mut rng = replication_rng(seed, b);
    let f = work.firms() as u64;
    let firms: Vec<usize> = (0..f).map(|_| rng.below(f) as usize).collect();
    work.resample(&firms)
}

/// Runs `fit` on the bootstrap samples of the replications in `replications`, in parallel
/// with feature `rayon`; the results come back in replication order. `cancel` is read before
/// each replicate, and an error from `fit` (an interruption) stops the run.
pub(crate) fn run<T: Send>(
    work: &Work,
    seed: u64,
    replications: std::ops::Range<usize>,
    cancel: &Cancel,
    fit: impl Fn(&Work) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let replicate = |b: usize| {
        cancel.check("the bootstrap")?;
        fit(&sample(work, seed, b))
    };
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        replications.into_par_iter().map(replicate).collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        replications.map(replicate).collect()
    }
}

/// Sample standard deviation of each coordinate over the successful replications.
pub(crate) fn std_errors(draws: &[Vec<f64>]) -> Option<Vec<f64>> {
    let b = draws.len();
    if b < 2 {
        return None;
    }
    let p = draws[0].len();
    Some(
        (0..p)
            .map(|j| {
                let mean = crate::summation::sum(draws.iter().map(|d| d[j])) / b as f64;
                let ss = crate::summation::sum(draws.iter().map(|d| (d[j] - mean).powi(2)));
                (ss / (b - 1) as f64).sqrt()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_matches_the_reference_sequence() {
        // Reference values of SplitMix64 seeded with 1234567 (from the C reference code by
        // Vigna, splitmix64.c).
        let mut r = SplitMix64::new(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut r = SplitMix64::new(7);
        let mut counts = [0usize; 5];
        for _ in 0..50_000 {
            counts[r.below(5) as usize] += 1;
        }
        for c in counts {
            assert!((9_500..10_500).contains(&c), "{counts:?}");
        }
    }
}

#[cfg(test)]
mod parallel_tests {
    use super::*;
    use crate::estimation::FirmPanel;
    use crate::estimation::panel::prepare;

    /// With feature `rayon` this compares the parallel run with a plain serial loop: the
    /// draws (and so the standard errors) must be identical.
    #[test]
    fn parallel_and_serial_draws_are_identical() {
        let firm: Vec<i64> = (0..300).map(|r| r / 3).collect();
        let year: Vec<i32> = (0..300).map(|r| r % 3).collect();
        let y: Vec<f64> = (0..300)
            .map(|r| 1.0 + (r as f64 * 0.37).sin().abs())
            .collect();
        let p = FirmPanel::new(&firm, &year, "y", &y).free("l", &y);
        let w = prepare(&p, false).unwrap().work;
        let stat = |w: &Work| crate::summation::sum(w.y.iter().copied());
        let never = Cancel::never();
        let parallel = run(&w, 42, 0..64, &never, |w| Ok(stat(w))).unwrap();
        let serial: Vec<f64> = (0..64).map(|b| stat(&sample(&w, 42, b))).collect();
        assert_eq!(parallel, serial);
        assert_ne!(run(&w, 43, 0..64, &never, |w| Ok(stat(w))).unwrap(), serial);
        // Any range of replications gives those replications' draws.
        let part = run(&w, 42, 20..37, &never, |w| Ok(stat(w))).unwrap();
        assert_eq!(part, serial[20..37]);
        let cancelled = Cancel::new();
        cancelled.cancel();
        let err = run(&w, 42, 0..64, &cancelled, |w| Ok(stat(w))).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Interrupted);
    }
}
