//! The standard normal distribution as stochastic-frontier likelihoods need it: `ln Φ(x)`
//! accurate far into the left tail, the inverse Mills ratio `φ(x)/Φ(x)`, and `x + φ(x)/Φ(x)`
//! without cancellation.
//!
//! `erfc` is `libm`'s (a port of musl's, relative error below 1 ulp-ish over its range). For
//! `x < -ASYMPTOTIC` (where `erfc(−x/√2)` would underflow near `x ≈ −38`) the asymptotic
//! expansion `Φ(x) = φ(x)/(−x) · (1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − …)` is used; at |x| ≥ 30 the
//! truncation error is below `945/x¹⁰ < 2e-12` relative.

use std::f64::consts::{FRAC_1_SQRT_2, PI};

/// Below this the asymptotic (Mills-ratio) series replaces `erfc`.
const ASYMPTOTIC: f64 = 30.0;

/// `ln √(2π)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// `1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − 945/x¹⁰` minus one (so callers keep its small size).
fn mills_series_minus_one(x: f64) -> f64 {
    let r = 1.0 / (x * x);
    r * (-1.0 + r * (3.0 + r * (-15.0 + r * (105.0 - 945.0 * r))))
}

/// `ln φ(x)`, the log of the standard normal density.
pub(crate) fn ln_pdf(x: f64) -> f64 {
    -0.5 * x * x - LN_SQRT_2PI
}

/// `Φ(x)`, the standard normal CDF.
#[cfg(test)]
pub(crate) fn cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x * FRAC_1_SQRT_2)
}

/// `ln Φ(x)`, accurate to a few ulps relative for every finite `x`.
pub(crate) fn ln_cdf(x: f64) -> f64 {
    if x < -ASYMPTOTIC {
        ln_pdf(x) - (-x).ln() + mills_series_minus_one(x).ln_1p()
    } else if x < 0.0 {
        (0.5 * libm::erfc(-x * FRAC_1_SQRT_2)).ln()
    } else {
        // Φ(x) = 1 − Φ(−x): log1p keeps the tiny complement.
        (-0.5 * libm::erfc(x * FRAC_1_SQRT_2)).ln_1p()
    }
}

/// `φ(x)/Φ(x)`, the inverse Mills ratio.
pub(crate) fn mills(x: f64) -> f64 {
    if x < -ASYMPTOTIC {
        -x / (1.0 + mills_series_minus_one(x))
    } else {
        (ln_pdf(x) - ln_cdf(x)).exp()
    }
}

/// `x + φ(x)/Φ(x)`, the derivative of `x²/2 + ln Φ(x)`; positive for every `x`.
pub(crate) fn x_plus_mills(x: f64) -> f64 {
    if x < -ASYMPTOTIC {
        // x + (−x)/s = x (s − 1)/s with s − 1 computed directly (no cancellation).
        let sm1 = mills_series_minus_one(x);
        x * sm1 / (1.0 + sm1)
    } else {
        x + mills(x)
    }
}

/// `x²/2 + ln Φ(x)`, the part of the frontier likelihood that depends on one truncation point.
#[cfg(test)]
pub(crate) fn half_sq_plus_ln_cdf(x: f64) -> f64 {
    if x < -ASYMPTOTIC {
        -LN_SQRT_2PI - (-x).ln() + mills_series_minus_one(x).ln_1p()
    } else {
        0.5 * x * x + ln_cdf(x)
    }
}

/// `(x²/2 + ln Φ(x), x + φ(x)/Φ(x))` with one evaluation of `Φ`: the likelihood's term for
/// one truncation point and its derivative.
pub(crate) fn h_and_derivative(x: f64) -> (f64, f64) {
    if x < -ASYMPTOTIC {
        let sm1 = mills_series_minus_one(x);
        (
            -LN_SQRT_2PI - (-x).ln() + sm1.ln_1p(),
            x * sm1 / (1.0 + sm1),
        )
    } else {
        let ln_cdf = ln_cdf(x);
        (0.5 * x * x + ln_cdf, x + (ln_pdf(x) - ln_cdf).exp())
    }
}

/// `ln(2π)`.
pub(crate) const LN_2PI: f64 = 2.0 * LN_SQRT_2PI;

/// `2/π`, for the corrected-OLS grid of FRONTIER.
pub(crate) const TWO_OVER_PI: f64 = 2.0 / PI;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_cdf_matches_reference_values() {
        // Reference values: ln Φ(x) from the closed form with mpmath at 50 digits
        // (Φ(−1) = 0.158655253931457…, Φ(−10) = 7.61985302416e-24, Φ(−40) = 3.655893540915e-350
        // whose log is −804.6084420137538).
        let cases = [
            (0.0, -std::f64::consts::LN_2),
            (-1.0, 0.158_655_253_931_457_05_f64.ln()),
            (-10.0, 7.619_853_024_160_526e-24_f64.ln()),
            (-40.0, -804.608_442_013_753_8),
            (5.0, -2.866_516_129_637_636e-7),
        ];
        for (x, want) in cases {
            let got = ln_cdf(x);
            assert!(
                ((got - want) / want).abs() < 1e-13,
                "ln Φ({x}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn tails_join_smoothly() {
        // Either side of the switch to the asymptotic series the two forms agree.
        for x in [-29.999_999, -30.000_001] {
            let series = ln_pdf(x) - (-x).ln() + mills_series_minus_one(x).ln_1p();
            let direct = (0.5 * libm::erfc(-x * FRAC_1_SQRT_2)).ln();
            assert!(((series - direct) / direct).abs() < 1e-13);
        }
        assert!((x_plus_mills(-30.0 - 1e-9) - x_plus_mills(-30.0 + 1e-9)).abs() < 1e-9);
        // x + λ(x) → 1/(−x) in the far left tail, positive and finite.
        let v = x_plus_mills(-1e6);
        assert!((v - 1e-6).abs() < 1e-15, "{v}");
        assert!(cdf(0.0) == 0.5);
        for x in [-1e6, -31.0, -29.0, -3.0, 0.0, 2.5, 40.0] {
            let (h, dh) = h_and_derivative(x);
            assert_eq!(h, half_sq_plus_ln_cdf(x));
            assert_eq!(dh, x_plus_mills(x));
        }
    }
}
