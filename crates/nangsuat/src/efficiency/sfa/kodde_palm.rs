//! Critical values for the one-sided likelihood-ratio test of no inefficiency.
//!
//! Under `H₀: γ = 0` (with μ, η or δ also zero where free) γ lies on the boundary of its
//! space, so the LR statistic is not χ²(q) but a mixture. Kodde & Palm (1986), "Wald criteria
//! for jointly testing equality and inequality restrictions", *Econometrica* 54(5),
//! 1243–1248, Table 1, give the upper-bound critical values used by Coelli (1995) and by
//! FRONTIER's users: with `q` restrictions of which one is the boundary parameter, the
//! statistic is distributed as `½ χ²(q − 1) + ½ χ²(q)` (`χ²(0)` is a point mass at zero), and the
//! critical value `c` at level `α` solves `½ P(χ²(q−1) ≥ c) + ½ P(χ²(q) ≥ c) = α`.
//!
//! [`KODDE_PALM_TABLE`] holds the published values (Table 1, the columns α = 0.05 and 0.01;
//! q = 1…10); [`critical_value`] computes any `q` and `α` from the mixture, and the tests
//! check that the computation reproduces the table.

/// The significance levels of [`KODDE_PALM_TABLE`]'s columns.
pub const KODDE_PALM_LEVELS: [f64; 2] = [0.05, 0.01];

/// Kodde & Palm (1986), Table 1: upper-bound critical values of the mixed χ² for
/// `q = 1…10` restrictions (rows) at the levels of [`KODDE_PALM_LEVELS`] (columns).
pub const KODDE_PALM_TABLE: [[f64; 2]; 10] = [
    [2.706, 5.412],
    [5.138, 8.273],
    [7.045, 10.501],
    [8.761, 12.483],
    [10.371, 14.325],
    [11.911, 16.074],
    [13.401, 17.755],
    [14.853, 19.384],
    [16.274, 20.972],
    [17.670, 22.525],
];

/// `P(χ²(k) ≥ c)` for an integer `k ≥ 0` (closed forms: Abramowitz & Stegun 26.4.4–26.4.5).
pub fn chi_square_survival(k: usize, c: f64) -> f64 {
    if c <= 0.0 {
        return 1.0;
    }
    if k == 0 {
        return 0.0;
    }
    let half = 0.5 * c;
    if k.is_multiple_of(2) {
        let mut term = 1.0;
        let mut sum = 1.0;
        for j in 1..k / 2 {
            term *= half / j as f64;
            sum += term;
        }
        (-half).exp() * sum
    } else {
        let mut sum = 0.0;
        let mut term = (2.0 * c / std::f64::consts::PI).sqrt() * (-half).exp();
        for j in 1..=(k - 1) / 2 {
            sum += term;
            term *= c / (2 * j + 1) as f64;
        }
        libm::erfc(half.sqrt()) + sum
    }
}

/// The tail probability of the mixture `½ χ²(q − 1) + ½ χ²(q)` beyond `c`: the p-value of
/// an LR statistic `c` with `q ≥ 1` restrictions.
pub fn mixed_chi_square_p_value(q: usize, c: f64) -> f64 {
    if q == 0 {
        return if c > 0.0 { 0.0 } else { 1.0 };
    }
    0.5 * chi_square_survival(q - 1, c) + 0.5 * chi_square_survival(q, c)
}

/// The Kodde–Palm critical value for `q ≥ 1` restrictions at level `alpha ∈ (0, 0.5)`.
/// Returns `None` for `q = 0` or a level outside that range.
pub fn critical_value(q: usize, alpha: f64) -> Option<f64> {
    if q == 0 || !(alpha > 0.0 && alpha < 0.5) {
        return None;
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while mixed_chi_square_p_value(q, hi) > alpha {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mixed_chi_square_p_value(q, mid) > alpha {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 * hi {
            break;
        }
    }
    Some(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computation_reproduces_the_published_table() {
        for (q, row) in KODDE_PALM_TABLE.iter().enumerate() {
            for (alpha, published) in KODDE_PALM_LEVELS.iter().zip(row) {
                let c = critical_value(q + 1, *alpha).unwrap();
                assert!(
                    (c - published).abs() <= 0.0005 + 1e-12,
                    "q = {}, α = {alpha}: computed {c:.4}, published {published}",
                    q + 1
                );
            }
        }
    }

    #[test]
    fn survival_functions_match_known_values() {
        // χ²(1) 5 % point 3.841459, χ²(2) 5 % point 5.991465, χ²(5) 5 % point 11.070498.
        assert!((chi_square_survival(1, 3.841_459) - 0.05).abs() < 1e-7);
        assert!((chi_square_survival(2, 5.991_465) - 0.05).abs() < 1e-7);
        assert!((chi_square_survival(5, 11.070_498) - 0.05).abs() < 1e-7);
        assert_eq!(critical_value(0, 0.05), None);
        assert_eq!(critical_value(1, 0.7), None);
    }
}
