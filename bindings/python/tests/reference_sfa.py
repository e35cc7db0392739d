"""A straightforward scipy implementation of the Battese–Coelli (1995) likelihood (the
half-normal cross-section is its special case with no z and δ = 0), written from the paper,
independently of the Rust core: the tests compare the two, and the README's benchmark times it.

ℓ_i = −½ ln 2π − ½ ln σ² − ½ (e_i + μ_i)²/σ² + ln Φ(μ*_i/σ*) − ln Φ(μ_i/σ_u),
e = y − xβ, μ_i = z_i δ, σ_u² = γσ², σ_v² = (1 − γ)σ², μ* = (σ_v² μ − σ_u² e)/σ²,
σ* = σ_u σ_v / σ (Battese & Coelli 1995, appendix).
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, special


def negative_log_likelihood(theta: np.ndarray, y: np.ndarray, x: np.ndarray,
                            z: np.ndarray | None) -> float:
    k = x.shape[1]
    beta = theta[:k]
    p = 0 if z is None else z.shape[1]
    delta = theta[k:k + p]
    s2, g = theta[k + p], theta[k + p + 1]
    if not (s2 > 0 and 0 < g < 1):
        return np.inf
    e = y - x @ beta
    mu = np.zeros_like(y) if z is None else z @ delta
    su2, sv2 = g * s2, (1 - g) * s2
    mstar = (sv2 * mu - su2 * e) / s2
    sstar = np.sqrt(su2 * sv2 / s2)
    ll = (-0.5 * np.log(2 * np.pi) - 0.5 * np.log(s2) - 0.5 * (e + mu) ** 2 / s2
          + special.log_ndtr(mstar / sstar) - special.log_ndtr(mu / np.sqrt(su2)))
    return -float(np.sum(ll))


def fit(y: np.ndarray, x: np.ndarray, z: np.ndarray | None = None) -> optimize.OptimizeResult:
    """OLS start (β, δ = 0, σ² = 2·s², γ = 0.5), then L-BFGS-B with numerical gradients and
    bounds σ² > 0, 0 < γ < 1. `x` and `z` include their columns of ones."""
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    s2 = resid.var()
    p = 0 if z is None else z.shape[1]
    start = np.concatenate([beta, np.zeros(p), [2 * s2, 0.5]])
    start[0] += np.sqrt(2 * 0.5 * 2 * s2 / np.pi)
    bounds = [(None, None)] * (x.shape[1] + p) + [(1e-8, None), (1e-6, 1 - 1e-6)]
    return optimize.minimize(negative_log_likelihood, start, args=(y, x, z),
                             method="L-BFGS-B", bounds=bounds,
                             options={"maxiter": 5000, "maxfun": 100000})
