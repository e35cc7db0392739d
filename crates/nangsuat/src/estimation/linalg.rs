//! Small dense linear algebra for the estimators: symmetric positive-definite solves by
//! Cholesky on an equilibrated matrix, inverses, and least squares by normal equations.
//!
//! The systems here are small (tens of columns) while the panels are long (millions of rows),
//! so forming `X'X` in one pass and factoring it is the economical choice; the polynomial
//! regressors are built from standardised variables so `X'X` stays well conditioned. A crate
//! such as nalgebra would add a dependency tree to the core for a few dozen lines; the tests
//! below check these routines against closed forms.

/// A dense symmetric matrix stored in full, row-major.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sym {
    pub(crate) n: usize,
    pub(crate) a: Vec<f64>,
}

impl Sym {
    pub(crate) fn zeros(n: usize) -> Self {
        Sym {
            n,
            a: vec![0.0; n * n],
        }
    }

    #[inline]
    pub(crate) fn get(&self, i: usize, j: usize) -> f64 {
        self.a[i * self.n + j]
    }

    /// Adds `w · x xᵀ` (upper triangle only; call [`Sym::mirror`] after accumulating).
    #[inline]
    pub(crate) fn rank_one_upper(&mut self, x: &[f64], w: f64) {
        let n = self.n;
        for i in 0..n {
            let wi = w * x[i];
            if wi == 0.0 {
                continue;
            }
            let row = &mut self.a[i * n..(i + 1) * n];
            for j in i..n {
                row[j] += wi * x[j];
            }
        }
    }

    /// Copies the upper triangle into the lower.
    pub(crate) fn mirror(&mut self) {
        let n = self.n;
        for i in 0..n {
            for j in 0..i {
                self.a[i * n + j] = self.a[j * n + i];
            }
        }
    }
}

/// The Cholesky factor of an equilibrated symmetric positive-definite matrix.
#[derive(Debug, Clone)]
pub(crate) struct Cholesky {
    n: usize,
    l: Vec<f64>,
    scale: Vec<f64>,
}

/// A matrix that is singular (or not positive definite) at column `column`: that column is
/// (numerically) a linear combination of the ones before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Singular {
    pub(crate) column: usize,
}

/// Relative pivot below which a column counts as collinear with the ones before it.
const PIVOT_TOLERANCE: f64 = 1e-11;

impl Cholesky {
    pub(crate) fn new(m: &Sym) -> Result<Self, Singular> {
        let n = m.n;
        let mut scale = vec![1.0; n];
        for (i, s) in scale.iter_mut().enumerate() {
            let d = m.get(i, i);
            if !(d > 0.0 && d.is_finite()) {
                return Err(Singular { column: i });
            }
            *s = 1.0 / d.sqrt();
        }
        let mut l = vec![0.0; n * n];
        for j in 0..n {
            let mut d = m.get(j, j) * scale[j] * scale[j];
            for k in 0..j {
                d -= l[j * n + k] * l[j * n + k];
            }
            if d.is_nan() || d <= PIVOT_TOLERANCE {
                return Err(Singular { column: j });
            }
            let d = d.sqrt();
            l[j * n + j] = d;
            for i in j + 1..n {
                let mut s = m.get(i, j) * scale[i] * scale[j];
                for k in 0..j {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = s / d;
            }
        }
        Ok(Cholesky { n, l, scale })
    }

    /// Solves `M x = b`.
    #[allow(clippy::needless_range_loop)] // triangular solves read best with indices
    pub(crate) fn solve(&self, b: &[f64]) -> Vec<f64> {
        let n = self.n;
        let mut x: Vec<f64> = b.iter().zip(&self.scale).map(|(b, s)| b * s).collect();
        for i in 0..n {
            let mut s = x[i];
            for k in 0..i {
                s -= self.l[i * n + k] * x[k];
            }
            x[i] = s / self.l[i * n + i];
        }
        for i in (0..n).rev() {
            let mut s = x[i];
            for k in i + 1..n {
                s -= self.l[k * n + i] * x[k];
            }
            x[i] = s / self.l[i * n + i];
        }
        for (x, s) in x.iter_mut().zip(&self.scale) {
            *x *= s;
        }
        x
    }

    /// The inverse of `M`.
    #[allow(clippy::needless_range_loop)]
    pub(crate) fn inverse(&self) -> Sym {
        let n = self.n;
        let mut inv = Sym::zeros(n);
        let mut e = vec![0.0; n];
        for j in 0..n {
            e.iter_mut().for_each(|v| *v = 0.0);
            e[j] = 1.0;
            let col = self.solve(&e);
            for i in 0..n {
                inv.a[i * n + j] = col[i];
            }
        }
        // Symmetrise away rounding.
        for i in 0..n {
            for j in 0..i {
                let v = 0.5 * (inv.a[i * n + j] + inv.a[j * n + i]);
                inv.a[i * n + j] = v;
                inv.a[j * n + i] = v;
            }
        }
        inv
    }
}

/// `A b` for a symmetric `A`.
pub(crate) fn sym_mul_vec(a: &Sym, b: &[f64]) -> Vec<f64> {
    (0..a.n)
        .map(|i| (0..a.n).map(|j| a.get(i, j) * b[j]).sum())
        .collect()
}

/// `xᵀ A x`.
pub(crate) fn quad_form(a: &Sym, x: &[f64]) -> f64 {
    x.iter().zip(sym_mul_vec(a, x)).map(|(x, y)| x * y).sum()
}

/// `Aᵀ W A` (`A` is `k × p` row-major, `W` symmetric `k × k`).
pub(crate) fn at_w_a(a: &[f64], w: &Sym, p: usize) -> Sym {
    let k = w.n;
    let mut wa = vec![0.0; k * p];
    for i in 0..k {
        for l in 0..k {
            let wil = w.get(i, l);
            if wil == 0.0 {
                continue;
            }
            for j in 0..p {
                wa[i * p + j] += wil * a[l * p + j];
            }
        }
    }
    let mut out = Sym::zeros(p);
    for i in 0..p {
        for j in i..p {
            let s: f64 = (0..k).map(|l| a[l * p + i] * wa[l * p + j]).sum();
            out.a[i * p + j] = s;
        }
    }
    out.mirror();
    out
}

/// `Aᵀ W m`.
pub(crate) fn at_w_m(a: &[f64], w: &Sym, m: &[f64], p: usize) -> Vec<f64> {
    let wm = sym_mul_vec(w, m);
    (0..p)
        .map(|j| (0..w.n).map(|l| a[l * p + j] * wm[l]).sum())
        .collect()
}

/// Least squares by normal equations over rows produced by `row`, which writes the regressors
/// of row `r` into its buffer and returns `Some(y)` (or `None` to skip the row).
pub(crate) fn least_squares(
    rows: usize,
    p: usize,
    mut row: impl FnMut(usize, &mut [f64]) -> Option<f64>,
) -> Result<(Vec<f64>, usize), Singular> {
    let mut xtx = Sym::zeros(p);
    let mut xty = vec![0.0; p];
    let mut buf = vec![0.0; p];
    let mut used = 0;
    for r in 0..rows {
        if let Some(y) = row(r, &mut buf) {
            xtx.rank_one_upper(&buf, 1.0);
            for (a, x) in xty.iter_mut().zip(&buf) {
                *a += x * y;
            }
            used += 1;
        }
    }
    xtx.mirror();
    let chol = Cholesky::new(&xtx)?;
    Ok((chol.solve(&xty), used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_and_inverts_a_known_system() {
        // [[4, 2], [2, 3]] has inverse [[3, -2], [-2, 4]] / 8.
        let m = Sym {
            n: 2,
            a: vec![4.0, 2.0, 2.0, 3.0],
        };
        let c = Cholesky::new(&m).unwrap();
        let x = c.solve(&[2.0, 1.0]);
        assert!((x[0] - 0.5).abs() < 1e-15 && x[1].abs() < 1e-15);
        let inv = c.inverse();
        for (a, b) in inv.a.iter().zip([3.0 / 8.0, -0.25, -0.25, 0.5]) {
            assert!((a - b).abs() < 1e-15);
        }
    }

    #[test]
    fn reports_the_collinear_column() {
        let m = Sym {
            n: 3,
            a: vec![1.0, 2.0, 0.0, 2.0, 4.0, 0.0, 0.0, 0.0, 1.0],
        };
        assert_eq!(Cholesky::new(&m).unwrap_err(), Singular { column: 1 });
    }

    #[test]
    fn least_squares_recovers_an_exact_line_with_wide_scales() {
        // y = 3 + 2e-6 x over x in millions: equilibration keeps this exact.
        let xs: Vec<f64> = (0..50).map(|i| 1e6 * (i as f64)).collect();
        let (b, used) = least_squares(xs.len(), 2, |r, buf| {
            buf[0] = 1.0;
            buf[1] = xs[r];
            Some(3.0 + 2e-6 * xs[r])
        })
        .unwrap();
        assert_eq!(used, 50);
        assert!((b[0] - 3.0).abs() < 1e-9 && (b[1] - 2e-6).abs() < 1e-15);
    }
}
