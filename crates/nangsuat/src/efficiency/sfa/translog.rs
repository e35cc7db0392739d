//! Translog design matrices with names.

use crate::error::{Error, Result};

/// A design matrix (row-major) with a name for each column.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Design {
    /// Values, row-major: `rows × names.len()`.
    pub values: Vec<f64>,
    /// Column names.
    pub names: Vec<String>,
}

impl Design {
    /// Number of columns.
    pub fn columns(&self) -> usize {
        self.names.len()
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        if self.names.is_empty() {
            0
        } else {
            self.values.len() / self.names.len()
        }
    }
}

/// The translog terms of `k` logged inputs (row-major `x`, `rows × k`, named `names`):
/// the `k` first-order terms `x_j`, the `k` squares `½·x_j²` and the `k(k−1)/2` cross
/// products `x_j·x_l` (`j < l`), in that order, so that
/// `ln y = β₀ + Σ β_j x_j + ½ Σ_j Σ_l β_jl x_j x_l` with `β_jl = β_lj` (Christensen, Jorgenson &
/// Lau 1973; Coelli et al. 2005, eq. 9.9). Names are `x`, `0.5*x^2` and `x*z`. The intercept is
/// not a column (the frontier adds `β₀`). Inputs are used as given: centre them on their means
/// first if the first-order coefficients should be elasticities at the mean.
///
/// ```
/// use nangsuat::efficiency::sfa::translog;
/// let x = [1.0, 2.0, 3.0, 4.0]; // two rows of (ln K, ln L)
/// let d = translog(&x, &["lnK".to_string(), "lnL".to_string()])?;
/// assert_eq!(d.names, ["lnK", "lnL", "0.5*lnK^2", "0.5*lnL^2", "lnK*lnL"]);
/// assert_eq!(&d.values[..5], &[1.0, 2.0, 0.5, 2.0, 2.0]);
/// # Ok::<(), nangsuat::Error>(())
/// ```
pub fn translog(x: &[f64], names: &[String]) -> Result<Design> {
    let k = names.len();
    if k == 0 {
        return Err(Error::InvalidParameter {
            name: "names".into(),
            reason: "a translog needs at least one input (one name per column of x)".into(),
        });
    }
    if !x.len().is_multiple_of(k) {
        return Err(Error::LengthMismatch {
            series: "x".into(),
            expected: (x.len() / k + 1) * k,
            actual: x.len(),
        });
    }
    let mut out_names: Vec<String> = names.to_vec();
    out_names.extend(names.iter().map(|n| format!("0.5*{n}^2")));
    for j in 0..k {
        for l in j + 1..k {
            out_names.push(format!("{}*{}", names[j], names[l]));
        }
    }
    let width = out_names.len();
    let rows = x.len() / k;
    let mut values = Vec::with_capacity(rows * width);
    for row in x.chunks_exact(k) {
        values.extend_from_slice(row);
        values.extend(row.iter().map(|v| 0.5 * v * v));
        for j in 0..k {
            for l in j + 1..k {
                values.push(row[j] * row[l]);
            }
        }
    }
    Ok(Design {
        values,
        names: out_names,
    })
}
