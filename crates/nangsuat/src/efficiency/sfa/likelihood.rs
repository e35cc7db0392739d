//! The log-likelihoods of the Battese–Coelli models and their analytic gradients, in
//! FRONTIER's parameters `(β, δ, σ², γ, μ, η)`.
//!
//! Both models are written as one: observations are grouped into *units*; unit `i` has
//! residuals `e_it = s·(y_it − x_it β)` (`s = 1` production, `−1` cost, so that always
//! `e = v − u`), weights `η_it = exp(−η(t − T))` and a truncation mean `m_i`. With
//! `a = σ_v² = (1 − γ)σ²`, `b = σ_u² = γσ²`, `S = Σ η_it²`, `P = Σ η_it e_it`, `Q = Σ e_it²`,
//! `D = a + bS`, `A = m a − b P`, `c = A/√(abD)` and `k = m/√b` (Battese & Coelli 1992, eq. A.2
//! rearranged):
//!
//! ```text
//! ℓ_i = −(T_i/2) ln 2π − ((T_i − 1)/2) ln a − ½ ln D − Q/(2a) + h(c) − h(k),   h(x) = x²/2 + ln Φ(x)
//! ```
//!
//! Error components (BC92): a unit is a firm, `m = μ` (0 without μ). Inefficiency effects
//! (BC95): every observation is its own unit with `η_it = 1` and `m = z_it δ`. Given the
//! residuals, `u_i | e_i ~ N⁺(A/D, ab/D)`, from which the efficiencies follow.

use super::normal::{LN_2PI, h_and_derivative};

/// `φ(0)/Φ(0) = √(2/π)`.
const H_PRIME_AT_ZERO: f64 = 0.797_884_560_802_865_4;

/// The data of one fit, rows grouped by unit.
pub(crate) struct Problem {
    /// Number of β (including the intercept β₀).
    pub kb: usize,
    /// Number of δ (including δ₀ where present); 0 for the error-components model.
    pub kz: usize,
    /// μ is estimated (error components).
    pub mu: bool,
    /// η is estimated (error components).
    pub eta: bool,
    /// `1` production, `−1` cost.
    pub sign: f64,
    /// Dependent variable, in unit order.
    pub y: Vec<f64>,
    /// Regressors with the leading 1, row-major `rows × kb`, in unit order.
    pub x: Vec<f64>,
    /// Inefficiency regressors, row-major `rows × kz`, in unit order.
    pub z: Vec<f64>,
    /// `t − T` for every row (0 without periods).
    pub t_minus_last: Vec<f64>,
    /// Half-open row ranges of the units.
    pub units: Vec<(usize, usize)>,
}

/// Index of each parameter group in the parameter vector.
#[derive(Clone, Copy)]
pub(crate) struct Layout {
    pub kb: usize,
    pub kz: usize,
    pub mu: Option<usize>,
    pub eta: Option<usize>,
    pub len: usize,
}

impl Layout {
    pub fn sigma_sq(&self) -> usize {
        self.kb + self.kz
    }
    pub fn gamma(&self) -> usize {
        self.kb + self.kz + 1
    }
}

impl Problem {
    pub fn layout(&self) -> Layout {
        let mut len = self.kb + self.kz + 2;
        let mu = self.mu.then(|| {
            len += 1;
            len - 1
        });
        let eta = self.eta.then(|| {
            len += 1;
            len - 1
        });
        Layout {
            kb: self.kb,
            kz: self.kz,
            mu,
            eta,
            len,
        }
    }

    pub fn rows(&self) -> usize {
        self.y.len()
    }

    /// The log-likelihood at `theta`; with `grad`, also its gradient. Returns NaN outside
    /// the parameter space (σ² ≤ 0, γ ∉ (0, 1)).
    pub fn log_likelihood(&self, theta: &[f64], mut grad: Option<&mut [f64]>) -> f64 {
        let lay = self.layout();
        let s2 = theta[lay.sigma_sq()];
        let g = theta[lay.gamma()];
        if !(s2 > 0.0 && g > 0.0 && g < 1.0) || theta.iter().any(|v| !v.is_finite()) {
            return f64::NAN;
        }
        let a = (1.0 - g) * s2;
        let b = g * s2;
        let sqrt_b = b.sqrt();
        let mu = lay.mu.map_or(0.0, |i| theta[i]);
        let eta = lay.eta.map_or(0.0, |i| theta[i]);
        let beta = &theta[..lay.kb];
        let delta = &theta[lay.kb..lay.kb + lay.kz];
        if let Some(gr) = grad.as_deref_mut() {
            gr.iter_mut().for_each(|v| *v = 0.0);
        }
        let (mut grad_a, mut grad_b) = (0.0, 0.0);
        let mut ll = 0.0;
        // Per-row scratch: residual and η_it.
        let mut e_buf: Vec<f64> = Vec::new();
        let mut w_buf: Vec<f64> = Vec::new();
        for &(lo, hi) in &self.units {
            let t = (hi - lo) as f64;
            e_buf.clear();
            w_buf.clear();
            let (mut p, mut q, mut s) = (0.0, 0.0, 0.0);
            for r in lo..hi {
                let xr = &self.x[r * lay.kb..(r + 1) * lay.kb];
                let fit: f64 = xr.iter().zip(beta).map(|(x, b)| x * b).sum();
                let e = self.sign * (self.y[r] - fit);
                let w = if self.eta {
                    (-eta * self.t_minus_last[r]).exp()
                } else {
                    1.0
                };
                p += w * e;
                q += e * e;
                s += w * w;
                e_buf.push(e);
                w_buf.push(w);
            }
            let m = if lay.kz > 0 {
                let zr = &self.z[lo * lay.kz..(lo + 1) * lay.kz];
                zr.iter().zip(delta).map(|(z, d)| z * d).sum()
            } else {
                mu
            };
            let d = a + b * s;
            let r = 1.0 / (a * b * d).sqrt();
            let big_a = m * a - b * p;
            let c = big_a * r;
            let k = m / sqrt_b;
            let (h_c, hc) = h_and_derivative(c);
            // Without μ or δ every unit shares k = 0: h(0) = ln ½, h'(0) = √(2/π).
            let (h_k, hk) = if m == 0.0 {
                (-std::f64::consts::LN_2, H_PRIME_AT_ZERO)
            } else {
                h_and_derivative(k)
            };
            ll += -0.5 * t * LN_2PI - 0.5 * (t - 1.0) * a.ln() - 0.5 * d.ln() - q / (2.0 * a) + h_c
                - h_k;
            let Some(gr) = grad.as_deref_mut() else {
                continue;
            };
            grad_a += -0.5 * (t - 1.0) / a - 0.5 / d
                + q / (2.0 * a * a)
                + hc * (m * r - c / (2.0 * a) - c / (2.0 * d));
            grad_b += -s / (2.0 * d)
                + hc * (-p * r - c / (2.0 * b) - c * s / (2.0 * d))
                + hk * k / (2.0 * b);
            let d_m = hc * a * r - hk / sqrt_b;
            let d_p = -hc * b * r;
            let d_s = -b / (2.0 * d) - hc * c * b / (2.0 * d);
            let d_q = -1.0 / (2.0 * a);
            let (mut dp_deta, mut ds_deta) = (0.0, 0.0);
            for (j, row) in (lo..hi).enumerate() {
                let (e, w) = (e_buf[j], w_buf[j]);
                let de = d_p * w + d_q * 2.0 * e;
                let xr = &self.x[row * lay.kb..(row + 1) * lay.kb];
                for (gb, x) in gr[..lay.kb].iter_mut().zip(xr) {
                    *gb -= de * self.sign * x;
                }
                if self.eta {
                    let tm = self.t_minus_last[row];
                    dp_deta -= tm * w * e;
                    ds_deta -= 2.0 * tm * w * w;
                }
            }
            if let Some(ie) = lay.eta {
                gr[ie] += d_p * dp_deta + d_s * ds_deta;
            }
            if lay.kz > 0 {
                let zr = &self.z[lo * lay.kz..(lo + 1) * lay.kz];
                for (gd, z) in gr[lay.kb..lay.kb + lay.kz].iter_mut().zip(zr) {
                    *gd += d_m * z;
                }
            } else if let Some(im) = lay.mu {
                gr[im] += d_m;
            }
        }
        if let Some(gr) = grad {
            gr[lay.sigma_sq()] = (1.0 - g) * grad_a + g * grad_b;
            gr[lay.gamma()] = s2 * (grad_b - grad_a);
        }
        ll
    }

    /// The conditional distribution of `u_i` given the residuals, `N⁺(μ*, σ*²)`, for every
    /// unit at `theta`, with each row's `η_it`: `(μ*_i, σ*_i)` per unit and `η_it` per row.
    #[allow(clippy::needless_range_loop)]
    pub fn conditional(&self, theta: &[f64]) -> (Vec<(f64, f64)>, Vec<f64>) {
        let lay = self.layout();
        let s2 = theta[lay.sigma_sq()];
        let g = theta[lay.gamma()];
        let a = (1.0 - g) * s2;
        let b = g * s2;
        let mu = lay.mu.map_or(0.0, |i| theta[i]);
        let eta = lay.eta.map_or(0.0, |i| theta[i]);
        let beta = &theta[..lay.kb];
        let delta = &theta[lay.kb..lay.kb + lay.kz];
        let mut per_unit = Vec::with_capacity(self.units.len());
        let mut weights = vec![1.0; self.rows()];
        for &(lo, hi) in &self.units {
            let (mut p, mut s) = (0.0, 0.0);
            for r in lo..hi {
                let xr = &self.x[r * lay.kb..(r + 1) * lay.kb];
                let fit: f64 = xr.iter().zip(beta).map(|(x, b)| x * b).sum();
                let e = self.sign * (self.y[r] - fit);
                let w = if self.eta {
                    (-eta * self.t_minus_last[r]).exp()
                } else {
                    1.0
                };
                weights[r] = w; // (indexing two buffers by row)
                p += w * e;
                s += w * w;
            }
            let m = if lay.kz > 0 {
                let zr = &self.z[lo * lay.kz..(lo + 1) * lay.kz];
                zr.iter().zip(delta).map(|(z, d)| z * d).sum()
            } else {
                mu
            };
            let d = a + b * s;
            per_unit.push(((m * a - b * p) / d, (a * b / d).sqrt()));
        }
        (per_unit, weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small panel exercising every parameter: 3 units, unbalanced, with z.
    fn problem(mu: bool, eta: bool, kz: usize, sign: f64) -> Problem {
        let y = [1.0, 1.4, 0.7, 2.1, 1.9, 0.3, 0.9];
        let x1 = [0.5, 0.9, 0.1, 1.5, 1.2, -0.2, 0.4];
        let tl = [-2.0, -1.0, 0.0, -1.0, 0.0, -2.0, 0.0];
        let units = if kz > 0 {
            (0..7).map(|i| (i, i + 1)).collect()
        } else {
            vec![(0, 3), (3, 5), (5, 7)]
        };
        let zcol = [0.3, -0.5, 1.1, 0.2, 0.8, -1.0, 0.6];
        Problem {
            kb: 2,
            kz,
            mu,
            eta,
            sign,
            y: y.to_vec(),
            x: x1.iter().flat_map(|v| [1.0, *v]).collect(),
            z: zcol
                .iter()
                .flat_map(|v| [1.0, *v].into_iter().take(kz))
                .collect(),
            t_minus_last: tl.to_vec(),
            units,
        }
    }

    /// The analytic gradient against central differences of the likelihood.
    #[test]
    fn gradient_matches_finite_differences() {
        let cases = [
            (false, false, 0, 1.0),
            (true, false, 0, 1.0),
            (true, true, 0, 1.0),
            (false, true, 0, -1.0),
            (false, false, 2, 1.0),
            (false, false, 1, -1.0),
        ];
        for (mu, eta, kz, sign) in cases {
            let p = problem(mu, eta, kz, sign);
            let lay = p.layout();
            let mut theta = vec![0.2, 0.7];
            theta.extend([0.3, -0.4].iter().take(kz));
            theta.extend([0.6, 0.7]);
            if mu {
                theta.push(0.25);
            }
            if eta {
                theta.push(0.15);
            }
            assert_eq!(theta.len(), lay.len);
            let mut g = vec![0.0; lay.len];
            p.log_likelihood(&theta, Some(&mut g));
            for i in 0..lay.len {
                let h = 1e-6;
                let mut up = theta.clone();
                up[i] += h;
                let mut dn = theta.clone();
                dn[i] -= h;
                let fd = (p.log_likelihood(&up, None) - p.log_likelihood(&dn, None)) / (2.0 * h);
                assert!(
                    (fd - g[i]).abs() < 1e-7 * fd.abs().max(1.0),
                    "mu {mu} eta {eta} kz {kz} sign {sign} param {i}: analytic {} fd {fd}",
                    g[i]
                );
            }
        }
    }

    /// A cross-section half-normal likelihood equals the textbook ALS form
    /// `ln 2 − ½ ln(2πσ²) − e²/(2σ²) + ln Φ(−eλ/σ)`, `λ = σ_u/σ_v`.
    #[test]
    fn cross_section_is_aigner_lovell_schmidt() {
        let mut p = problem(false, false, 0, 1.0);
        p.units = (0..7).map(|i| (i, i + 1)).collect();
        let theta = [0.2, 0.7, 0.6, 0.7];
        let (s2, g) = (0.6_f64, 0.7_f64);
        let lambda = (g / (1.0 - g)).sqrt();
        let sigma = s2.sqrt();
        let want: f64 = (0..7)
            .map(|r| {
                let e = p.y[r] - 0.2 - 0.7 * p.x[2 * r + 1];
                std::f64::consts::LN_2 - 0.5 * (LN_2PI + s2.ln()) - e * e / (2.0 * s2)
                    + super::super::normal::ln_cdf(-e * lambda / sigma)
            })
            .sum();
        let got = p.log_likelihood(&theta, None);
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
}
