//! The small dense linear algebra a frontier fit needs: Cholesky factorisation, solves and the
//! inverse of a symmetric positive-definite matrix (OLS normal equations, the covariance of the
//! ML estimates). Matrices are row-major `Vec<f64>` of `n × n`; `n` is the number of parameters
//! (tens at most), so a hand-written Cholesky is both enough and faster than pulling in a
//! linear-algebra crate.

/// The lower Cholesky factor `L` (row-major) of a symmetric matrix, or the index of the first
/// pivot that is not positive relative to the matrix's scale (the matrix is then singular or
/// not positive definite).
pub(crate) fn cholesky(a: &[f64], n: usize) -> Result<Vec<f64>, usize> {
    let mut l = vec![0.0; n * n];
    let scale = (0..n).map(|i| a[i * n + i].abs()).fold(0.0, f64::max);
    let tiny = scale * 1e-13 * n as f64;
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= l[j * n + k] * l[j * n + k];
        }
        if d.is_nan() || d <= tiny {
            return Err(j);
        }
        let d = d.sqrt();
        l[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            l[i * n + j] = s / d;
        }
    }
    Ok(l)
}

/// Solves `L Lᵀ x = b` in place.
pub(crate) fn cholesky_solve(l: &[f64], n: usize, b: &mut [f64]) {
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= l[i * n + k] * b[k];
        }
        b[i] = s / l[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= l[k * n + i] * b[k];
        }
        b[i] = s / l[i * n + i];
    }
}

/// The inverse of `L Lᵀ`.
pub(crate) fn cholesky_inverse(l: &[f64], n: usize) -> Vec<f64> {
    let mut inv = vec![0.0; n * n];
    let mut col = vec![0.0; n];
    for j in 0..n {
        col.iter_mut().for_each(|c| *c = 0.0);
        col[j] = 1.0;
        cholesky_solve(l, n, &mut col);
        for i in 0..n {
            inv[i * n + j] = col[i];
        }
    }
    // Symmetrise the rounding.
    for i in 0..n {
        for j in 0..i {
            let m = 0.5 * (inv[i * n + j] + inv[j * n + i]);
            inv[i * n + j] = m;
            inv[j * n + i] = m;
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_of_a_known_matrix() {
        // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8.
        let l = cholesky(&[4.0, 2.0, 2.0, 3.0], 2).unwrap();
        let inv = cholesky_inverse(&l, 2);
        let want = [0.375, -0.25, -0.25, 0.5];
        for (g, w) in inv.iter().zip(want) {
            assert!((g - w).abs() < 1e-15);
        }
    }

    #[test]
    fn singular_matrix_is_reported_at_its_pivot() {
        // Second column twice the first.
        assert_eq!(cholesky(&[1.0, 2.0, 2.0, 4.0], 2), Err(1));
        assert_eq!(cholesky(&[-1.0, 0.0, 0.0, 1.0], 2), Err(0));
    }
}
