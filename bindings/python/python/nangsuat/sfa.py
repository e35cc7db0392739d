"""Stochastic frontier analysis: the Battese–Coelli models as FRONTIER 4.1 estimates them.

Production frontier ``y = xβ + v − u`` (cost: ``+ u``), data in logs as given,
``v ~ N(0, σ_v²)``, ``u ≥ 0``, in FRONTIER's parameters ``σ² = σ_v² + σ_u²`` and
``γ = σ_u²/σ²``:

* error components (Battese & Coelli 1992): ``u_it = exp(−η(t − T)) u_i``,
  ``u_i ~ N⁺(μ, σ_u²)`` — half-normal without ``mu``, time-invariant without ``eta``;
* inefficiency effects (Battese & Coelli 1995), when ``z`` is given: ``u_it ~ N⁺(z_it δ, σ_u²)``.

The estimation (OLS, FRONTIER's grid search over γ, BFGS with analytic gradients, standard
errors from the Hessian at the maximum) is the Rust core's (``nangsuat::efficiency::sfa``),
run with the GIL released. References: Battese & Coelli (1988, 1992, 1995); Jondrow et al.
(1982); Kodde & Palm (1986); Coelli (1996), *A Guide to FRONTIER Version 4.1*.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from . import _nangsuat as _native
from ._inputs import entity_codes, float_column, index_of, matrix
from .exceptions import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes


class LrTest:
    """The one-sided likelihood-ratio test of no inefficiency (γ = 0, and μ, η or δ = 0).

    ``statistic`` = 2(ℓ_frontier − ℓ_OLS) follows the mixed χ² ``½χ²(q−1) + ½χ²(q)`` under the
    null; ``critical_value_5pct`` and ``critical_value_1pct`` are Kodde & Palm's (1986)."""

    def __init__(self, d: dict[str, Any]) -> None:
        self.statistic: float = float(d["statistic"])
        self.restrictions: int = int(d["restrictions"])
        self.critical_value_5pct: float = float(d["critical_value_5pct"])
        self.critical_value_1pct: float = float(d["critical_value_1pct"])
        self.p_value: float = float(d["p_value"])

    @property
    def rejects_no_inefficiency(self) -> bool:
        """True when the statistic exceeds the 5 % critical value."""
        return self.statistic > self.critical_value_5pct

    def __repr__(self) -> str:
        return (
            f"<LrTest statistic={self.statistic:.4f} restrictions={self.restrictions} "
            f"5% critical={self.critical_value_5pct:.3f} p={self.p_value:.4f}>"
        )


class SfaResult:
    """A fitted stochastic frontier.

    ``params`` and ``std_errors`` are pandas Series named ``beta_0, beta_1, …, [delta_0,
    delta_1, …,] sigma_sq, gamma[, mu][, eta]``; ``efficiency`` has one value per input row
    (the input's index), ``<NA>`` where undefined. ``summary()`` is FRONTIER 4.1's printout.
    """

    def __init__(self, d: dict[str, Any], index: Any, unit: Any, period: Any) -> None:
        self._d = d
        self._index = index
        self._unit = unit
        self._period = period
        self.names: list[str] = list(d["names"])
        self.log_likelihood: float = float(d["log_likelihood"])
        self.lr_test = LrTest(d["lr_test"])
        self.wrong_skewness: bool = bool(d["wrong_skewness"])
        """OLS residuals skewed the wrong way (the data show no inefficiency)."""
        self.boundary: str | None = d["boundary"]
        """``"gamma_zero"`` or ``"gamma_one"`` when γ ended on the boundary, else None."""
        self.convergence: dict[str, Any] = dict(d["convergence"])
        self.ols: dict[str, Any] = dict(d["ols"])
        self.mean_efficiency: float | None = (
            None if d["mean_efficiency"] is None else float(d["mean_efficiency"])
        )
        """Mean of the defined efficiencies (None if none is defined)."""

    def _series(self, values: np.ndarray, defined: np.ndarray | None = None) -> Any:
        import pandas as pd

        if defined is None:
            return pd.Series(values, index=self.names, dtype="float64")
        return pd.Series(pd.arrays.FloatingArray(values, ~defined), index=self.names)

    @property
    def params(self) -> pd.Series:
        """Maximum-likelihood estimates, by name."""
        return self._series(self._d["params"])

    @property
    def std_errors(self) -> pd.Series:
        """Standard errors (inverse Hessian at the maximum); ``<NA>`` when γ is on the
        boundary or the Hessian is not negative definite."""
        return self._series(self._d["std_errors"], self._d["std_errors_defined"])

    @property
    def t_ratios(self) -> pd.Series:
        """Estimates over standard errors."""
        return self.params / self.std_errors

    @property
    def covariance(self) -> pd.DataFrame | None:
        """The covariance matrix of the estimates, or None where it is undefined."""
        import pandas as pd

        cov = self._d["covariance"]
        if cov is None:
            return None
        return pd.DataFrame(cov, index=self.names, columns=self.names)

    def _rows(self, name: str) -> Any:
        import pandas as pd

        values = pd.arrays.FloatingArray(self._d[name], ~self._d[f"{name}_defined"])
        return pd.Series(values, index=self._index, name=name)

    @property
    def efficiency(self) -> pd.Series:
        """Technical efficiency ``E[exp(−u)|ε]`` (Battese & Coelli 1988) per input row; for a
        cost frontier the cost efficiency ``E[exp(u)|ε] ≥ 1`` (as FRONTIER)."""
        return self._rows("efficiency")

    @property
    def inefficiency(self) -> pd.Series:
        """Jondrow et al.'s (1982) ``E[u|ε]`` per input row."""
        return self._rows("inefficiency")

    @property
    def mean_efficiency_by_period(self) -> pd.DataFrame:
        """Mean efficiency and number of rows by period (empty without periods)."""
        import pandas as pd

        return pd.DataFrame(
            {"mean_efficiency": self._d["period_mean"], "rows": self._d["period_rows"]},
            index=pd.Index(self._d["period"], name="period"),
        )

    @property
    def marginal_effects(self) -> pd.Series:
        """BC95: mean marginal effect of each z on E[u] (empty otherwise)."""
        import pandas as pd

        me = self._d["marginal_effects"]
        return pd.Series([v for _, v in me], index=[n for n, _ in me], dtype="float64")

    def to_pandas(self) -> pd.DataFrame:
        """One row per input row: unit, period (when given), efficiency and ``E[u|ε]``."""
        import pandas as pd

        data: dict[str, Any] = {}
        if self._unit is not None:
            data["unit"] = self._unit
        if self._period is not None:
            data["period"] = self._period
        data["efficiency"] = self.efficiency.array
        data["inefficiency"] = self.inefficiency.array
        return pd.DataFrame(data, index=self._index)

    def summary(self) -> str:
        """The estimates as FRONTIER 4.1 prints them (``print(result.summary())``)."""
        return str(self._d["report"])

    def plot(self, ax: Axes | None = None, *, title: str | None = None) -> Axes:
        """Efficiencies by period: each period's distribution (box) and mean (line); without
        periods, a histogram of the efficiencies."""
        from .plot import plot_sfa

        return plot_sfa(self, ax, title=title)

    def __repr__(self) -> str:
        gamma = float(self._d["params"][self.names.index("gamma")])
        return (
            f"<SfaResult {len(self._d['efficiency'])} rows, llf={self.log_likelihood:.4f}, "
            f"gamma={gamma:.4f}>"
        )


def sfa(
    y: Any,
    x: Any,
    *,
    z: Any = None,
    unit: Any = None,
    period: Any = None,
    mu: bool = False,
    eta: bool = False,
    cost: bool = False,
    names: list[str] | None = None,
    start: Any = None,
    tolerance: float = 1e-9,
    max_iterations: int = 1000,
) -> SfaResult:
    """Estimates a stochastic frontier by maximum likelihood, as FRONTIER 4.1 does.

    ``y``: logged output (or cost), one value per row; ``x``: logged regressors, one row per
    observation (DataFrame, 2-D array, or 1-D for one regressor) — no column of ones, β₀ is
    added. ``unit`` and ``period`` identify panel rows (any order, unbalanced allowed).
    Without ``z``: the error-components model, with μ (``mu=True``: truncated normal) and η
    (``eta=True``: time-varying, needs ``unit`` and ``period``). With ``z``: the
    inefficiency-effects model; then ``mu`` says whether δ₀ is estimated (FRONTIER's
    "MU [OR DELTA0]" instruction). ``cost=True``: cost frontier. ``names`` name the x columns
    (a DataFrame's columns are used otherwise). ``start``: starting values instead of the grid
    search, in the order of ``params``.

    FRONTIER 4.1's first example (Coelli 1996, 60 firms):

    >>> import numpy as np, nangsuat as ns
    >>> data = np.loadtxt(ns.sfa_example_path())  # firm, period, ln y, ln K, ln L
    >>> r = ns.sfa(data[:, 2], data[:, 3:5])
    >>> round(float(r.params["gamma"]), 4), round(r.log_likelihood, 4)
    (0.7972, -17.0272)
    >>> round(float(r.efficiency[0]), 5)
    0.65069

    Raises:
        nangsuat.exceptions.NangsuatError: a subclass naming the row, column or parameter
            (non-finite data, a singular design, η with one period, duplicate unit-periods…).
    """
    yv = float_column("y", y)
    xm, x_names = matrix("x", x)
    if names is not None:
        x_names = [str(n) for n in names]
    if x_names is not None and len(x_names) != xm.shape[1]:
        raise InvalidParameterError(
            f"`names` has {len(x_names)} names but x has {xm.shape[1]} columns"
        )
    zm = None
    z_names = None
    if z is not None:
        zm, z_names = matrix("z", z)
        if eta:
            raise InvalidParameterError(
                "`eta` belongs to the error-components model; with `z` the "
                "inefficiency-effects model is estimated"
            )
    unit_codes = None
    unit_values = None
    if unit is not None:
        unit_codes, labels = entity_codes(unit)
        unit_values = np.asarray(labels, dtype=object)[unit_codes] if labels else unit_codes
    period_values = None
    if period is not None:
        raw = np.asarray(getattr(period, "to_numpy", lambda: period)())
        if raw.dtype.kind == "f":
            if not np.all(np.isfinite(raw)) or np.any(raw != np.round(raw)):
                raise InvalidParameterError("`period` must hold whole numbers (e.g. years)")
        elif raw.dtype.kind not in "iu":
            raise InvalidParameterError(f"`period` must hold integers, got dtype {raw.dtype}")
        period_values = np.ascontiguousarray(raw, dtype=np.int64)
    start_list = None if start is None else [float(v) for v in np.asarray(start).ravel()]
    d = _native.sfa_fit(
        yv,
        xm,
        z=zm,
        unit=unit_codes,
        period=period_values,
        mu=mu and z is None,
        eta=eta,
        effects=z is not None,
        delta0=mu,
        cost=cost,
        x_names=x_names,
        z_names=z_names,
        start=start_list,
        tolerance=tolerance,
        max_iterations=max_iterations,
    )
    return SfaResult(d, index_of(y, x), unit_values, period_values)


def sfa_example_path() -> str:
    """Path of FRONTIER 4.1's example data shipped with the package (``eg1-dta.txt``: firm,
    period, log output, log capital, log labour; Coelli 1996)."""
    from importlib.resources import files

    return str(files("nangsuat") / "data" / "frontier41-eg1-dta.txt")
