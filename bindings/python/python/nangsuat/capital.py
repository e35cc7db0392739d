"""Capital stocks by the perpetual inventory method (``nangsuat::accounting::capital``,
``nangsuat::accounting::inventory``; METHODS §4).

``K_t = (1 − δ_t)K_{t−1} + I_t`` (end of year) or ``(1 − δ_t)K_{t−1} + (1 − δ_t/2)I_t``
(mid-year; OECD, *Measuring Capital*, 2009, ch. 6). The initial stock is given, or Harberger's
(1978) ``K_0 = I_0/(g + δ)`` with ``g`` the average growth of real investment (or of output,
or the trend of ``ln I_t = a + b·t``, Nehru & Dhareshwar 1993) over a first window.
Investment must be real (constant prices).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import _nangsuat as _native
from ._inputs import float_column, year_column

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

Timing = Literal["end_of_year", "mid_year"]
Basis = Literal["investment", "output", "trend"]


class CapitalStockResult:
    """A capital stock by year with what made it: ``stock`` (end of year), ``initial_stock``,
    ``initial_growth`` (Harberger's ``g``; ``None`` for a given initial stock), ``depreciation``
    (one rate per year) and ``timing``."""

    def __init__(
        self,
        year: np.ndarray,
        investment: np.ndarray,
        depreciation: np.ndarray,
        columns: dict[str, Any],
        timing: str,
    ) -> None:
        self.year = year
        self.investment = investment
        self.depreciation = depreciation
        self.stock: np.ndarray = columns["stock"]
        self.initial_stock: float = columns["initial_stock"]
        self.initial_growth: float | None = columns["initial_growth"]
        self.timing = timing

    def __len__(self) -> int:
        return len(self.stock)

    def to_pandas(self) -> pd.DataFrame:
        """year, investment, depreciation, capital_stock."""
        import pandas as pd

        return pd.DataFrame(
            {
                "year": self.year,
                "investment": self.investment,
                "depreciation": self.depreciation,
                "capital_stock": self.stock,
            }
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """The stock (line) and investment (bars) by year."""
        from .plot import _pyplot

        plt = _pyplot()
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        ax.bar(self.year, self.investment, color="#c2b280", label="investment")
        ax.plot(self.year, self.stock, "k.-", label="capital stock")
        ax.set_title(f"Perpetual inventory ({self.timing.replace('_', ' ')})")
        ax.legend(loc="best", fontsize="small")
        return ax


def capital_stock(
    year: Any,
    investment: Any,
    depreciation: Any,
    *,
    timing: Timing = "end_of_year",
    initial_stock: float | None = None,
    window: int = 5,
    basis: Basis = "investment",
    output: Any = None,
) -> CapitalStockResult:
    """The capital stock by the perpetual inventory method.

    ``depreciation`` is one rate (e.g. 0.05) or one per year. Without ``initial_stock`` the
    first year's stock is Harberger's ``I_0·e/(g + δ_0)`` (``e = 1 − δ_0/2`` mid-year), ``g``
    averaged over the first ``window`` years of ``basis``: real investment, ``output`` (give
    the series), or the fitted trend. Years must be consecutive.

    >>> import nangsuat as ns
    >>> k = ns.capital_stock(range(2000, 2010), [100 * 1.05**t for t in range(10)], 0.05)
    >>> round(k.initial_stock, 9)   # Harberger: 100 / (0.05 + 0.05)
    1000.0
    >>> k = ns.capital_stock([1, 2, 3], [10, 12, 8], [0.1, 0.1, 0.2], initial_stock=100)
    >>> [round(float(v), 10) for v in k.stock]   # 0.9·100 + 12, then 0.8·102 + 8
    [100.0, 102.0, 89.6]
    """
    years = year_column("year", year)
    inv = float_column("investment", investment)
    rates = np.atleast_1d(float_column("depreciation", np.atleast_1d(depreciation)))
    out = None if output is None else float_column("output", output)
    columns = _native.capital_stock_columns(
        years,
        inv,
        rates,
        timing=timing,
        initial_stock=None if initial_stock is None else float(initial_stock),
        window=int(window),
        basis=basis,
        output=out,
    )
    per_year = np.full(len(inv), rates[0]) if len(rates) == 1 else rates
    return CapitalStockResult(years, inv, per_year, columns, timing)
