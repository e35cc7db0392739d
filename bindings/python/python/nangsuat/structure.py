"""Structure and index numbers (``nangsuat::structure``; METHODS §5–6).

**Shift-share** (Fabricant 1942; Timmer & Szirmai 2000; de Vries, Timmer & de Vries 2015):
aggregate labour productivity ``P = Σ P_i S_i``; from 0 to T, within ``Σ(P_i^T − P_i^0)S_i^0``
+ static shift ``Σ(S_i^T − S_i^0)P_i^0`` + dynamic shift ``Σ(P_i^T − P_i^0)(S_i^T − S_i^0)``
= ``P^T − P^0`` exactly; ÷ ``P^0`` they are contributions to growth. With net product taxes
(GDP-based national LP, GVA-based sectors) a tax term closes the identity. Units are sectors or
provinces. **GEAD** (Tang & Wang 2004; Diewert 2015) for chain-linked volumes. **Domar**
aggregation (Domar 1961; Hulten 1978).

**Index numbers** exactly as the ILO/IMF *Consumer Price Index Manual* (2004, ch. 15–17) and
*Producer Price Index Manual* define them: Laspeyres ``Σp¹q⁰/Σp⁰q⁰``, Paasche ``Σp¹q¹/Σp⁰q¹``,
Fisher ``√(L·P)``, Törnqvist ``ln P = Σ ½(s⁰ + s¹) ln(p¹/p⁰)``; quantity indices swap p and q;
fixed base, chained, or the GEKS multilateral index (Fisher: GEKS; Törnqvist: CCDI). An item
missing (NaN) in either period of a comparison is left out of it (matched sample), and each
period says how many items were matched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import _nangsuat as _native
from ._inputs import _values, float_column, index_of, year_column
from .exceptions import EmptySeriesError, InvalidParameterError, MissingYearError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

Formula = Literal["laspeyres", "paasche", "fisher", "tornqvist"]
Linking = Literal["fixed_base", "chained", "multilateral", "geks", "ccdi"]

#: Shift-share terms, in the order they are stacked.
TERMS = ("within", "static_shift", "dynamic_shift", "tax")
_COLOURS = {"within": "#d1495b", "static_shift": "#9db4c0", "dynamic_shift": "#c2b280",
            "tax": "#8d8d8d", "reallocation": "#9db4c0"}


def _labels(units: Any, n: int) -> list[Any]:
    if units is None:
        return list(range(n))
    labels = list(_values(units))
    if len(labels) != n:
        raise InvalidParameterError(f"`units` has {len(labels)} labels for {n} units")
    return labels


class ShiftShareResult:
    """A shift-share decomposition between two periods.

    ``within``, ``static_shift``, ``dynamic_shift``, ``tax`` are in levels (output per worker)
    and sum to ``change = end_level − base_level``; ``contributions`` are the same ÷
    ``base_level`` (fractions of growth). ``units`` are per unit (before the tax scaling).
    """

    def __init__(self, columns: dict[str, Any], units: list[Any], gva_base_level: float) -> None:
        self._columns = columns
        self.units = units
        self._gva_base_level = gva_base_level
        self.base_level: float = columns["base_level"]
        self.end_level: float = columns["end_level"]
        self.within: float = columns["within"]
        self.static_shift: float = columns["static_shift"]
        self.dynamic_shift: float = columns["dynamic_shift"]
        self.tax: float = columns["tax"]

    @property
    def change(self) -> float:
        """``end_level − base_level``."""
        return self.end_level - self.base_level

    @property
    def growth(self) -> float:
        """Aggregate LP growth, ``end_level/base_level − 1``."""
        return self.end_level / self.base_level - 1.0

    @property
    def contributions(self) -> dict[str, float]:
        """Each term ÷ ``base_level``: contributions to LP growth (they sum to ``growth``)."""
        return {t: getattr(self, t) / self.base_level for t in TERMS}

    def to_pandas(self) -> pd.DataFrame:
        """One row per unit: within, static_shift, dynamic_shift, total (levels) and
        contribution (÷ base level)."""
        import pandas as pd

        c = self._columns
        df = pd.DataFrame(
            {
                "within": c["unit_within"],
                "static_shift": c["unit_static_shift"],
                "dynamic_shift": c["unit_dynamic_shift"],
            },
            index=pd.Index(self.units, name="unit"),
        )
        df["total"] = df.sum(axis=1)
        # Unit terms are before the 1/(1 − τ⁰) tax scaling: ÷ the GVA-based base level.
        df["contribution"] = df["total"] / self._gva_base_level
        return df

    def plot(self, ax: Axes | None = None, *, title: str | None = None) -> Axes:
        """Contributions to LP growth by unit, stacked by term (percent)."""
        from .plot import _pyplot

        plt = _pyplot()
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 4.5))
        c = self._columns
        labels = [str(u) for u in self.units]
        up = np.zeros(len(labels))
        down = np.zeros(len(labels))
        for term in ("within", "static_shift", "dynamic_shift"):
            values = 100.0 * c[f"unit_{term}"] / self._gva_base_level
            ax.bar(labels, values, bottom=np.where(values >= 0, up, down),
                   color=_COLOURS[term], label=term.replace("_", " "))
            up += np.where(values >= 0, values, 0)
            down += np.where(values < 0, values, 0)
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_ylabel("% of base-period LP")
        ax.set_title(title or "Shift-share: contributions to LP growth by unit")
        ax.legend(loc="best", fontsize="small")
        return ax


def shift_share(
    y0: Any, l0: Any, yt: Any, lt: Any, *, units: Any = None, taxes: tuple[float, float] | None = None
) -> ShiftShareResult:
    """Shift-share decomposition of aggregate labour productivity between two periods.

    ``y0, l0, yt, lt``: output (additive, fixed-base volumes) and employment by unit (sector
    or province), aligned. ``taxes = (T⁰, Tᵀ)``: net taxes on products, for GDP-based LP from
    GVA-based sectors (adds the tax term). For chain-linked volumes use :func:`gead`.

    METHODS §5's worked check:

    >>> import nangsuat as ns
    >>> l0, lt = [60, 20, 20], [50, 25, 25]
    >>> s = ns.shift_share([60, 80, 60], l0, [60, 110, 82.5], lt, units=["agri", "ind", "serv"])
    >>> round(s.within, 12), round(s.static_shift, 12), round(s.dynamic_shift, 12)
    (0.26, 0.25, 0.015)
    >>> round(s.change, 12)
    0.525
    """
    a, b = float_column("y0", y0), float_column("l0", l0)
    cols = _native.shift_share_columns(
        a, b, float_column("yt", yt), float_column("lt", lt),
        None if taxes is None else (float(taxes[0]), float(taxes[1])),
    )
    units = units if units is not None else index_of(y0, l0, yt, lt)
    return ShiftShareResult(cols, _labels(units, len(cols["unit_within"])), a.sum() / b.sum())


class ShiftShareSeries:
    """Year-by-year shift-share: one :class:`ShiftShareResult` per pair of adjacent years
    (``pairs``: (from, to))."""

    def __init__(self, pairs: list[tuple[int, int]], results: list[ShiftShareResult]) -> None:
        self.pairs = pairs
        self.results = results

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, i: int) -> ShiftShareResult:
        return self.results[i]

    def to_pandas(self) -> pd.DataFrame:
        """One row per year pair: levels, each term, change, growth and each term's
        contribution to growth."""
        import pandas as pd

        rows = []
        for (a, b), r in zip(self.pairs, self.results):
            row: dict[str, Any] = {"from": a, "to": b, "base_level": r.base_level,
                                   "end_level": r.end_level}
            row.update({t: getattr(r, t) for t in TERMS})
            row["change"] = r.change
            row["growth"] = r.growth
            row.update({f"{t}_contribution": v for t, v in r.contributions.items()})
            rows.append(row)
        return pd.DataFrame(rows)

    def units_to_pandas(self) -> pd.DataFrame:
        """One row per year pair and unit."""
        import pandas as pd

        frames = []
        for (a, b), r in zip(self.pairs, self.results):
            df = r.to_pandas().reset_index()
            df.insert(0, "to", b)
            df.insert(0, "from", a)
            frames.append(df)
        return pd.concat(frames, ignore_index=True)

    def plot(self, ax: Axes | None = None, *, title: str | None = None) -> Axes:
        """Contributions of the within, static, dynamic (and tax) terms to LP growth, by year
        (stacked bars, percent), with LP growth as a line."""
        from .plot import _pyplot

        plt = _pyplot()
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 4.5))
        years = [b for _, b in self.pairs]
        up = np.zeros(len(years))
        down = np.zeros(len(years))
        for term in TERMS:
            values = np.array([100.0 * r.contributions[term] for r in self.results])
            if term == "tax" and not np.any(values):
                continue
            ax.bar(years, values, bottom=np.where(values >= 0, up, down),
                   color=_COLOURS[term], label=term.replace("_", " "))
            up += np.where(values >= 0, values, 0)
            down += np.where(values < 0, values, 0)
        ax.plot(years, [100.0 * r.growth for r in self.results], "k.-", label="LP growth")
        ax.axhline(0, color="black", linewidth=0.5)
        ax.set_ylabel("% per year")
        ax.set_title(title or "Shift-share contributions to LP growth")
        ax.legend(loc="best", fontsize="small")
        return ax


def shift_share_by_year(
    unit: Any, year: Any, output: Any, labour: Any, *, taxes: Mapping[int, float] | None = None
) -> ShiftShareSeries:
    """Year-by-year shift-share from long rows (unit, year, output, labour) in any order; every
    unit must be present in every year. ``taxes`` maps each year to net product taxes.

    >>> import nangsuat as ns
    >>> r = ns.shift_share_by_year(["a", "b"] * 3, [2020, 2020, 2021, 2021, 2022, 2022],
    ...                            [1, 2, 2, 2, 2, 3], [1] * 6)
    >>> [round(x.change, 12) for x in r]
    [0.5, 0.5]
    """
    years = year_column("year", year)
    units = np.asarray([str(u) for u in _values(unit)])
    out = float_column("output", output)
    lab = float_column("labour", labour)
    n = len(years)
    if not (len(units) == len(out) == len(lab) == n):
        raise InvalidParameterError("unit, year, output and labour must have one value per row")
    if n == 0:
        raise EmptySeriesError("series `output` is empty: at least 1 observation(s) are needed")
    labels = sorted(set(units.tolist()))
    periods = sorted(set(years.tolist()))
    pos = {u: i for i, u in enumerate(labels)}
    yp = {y: i for i, y in enumerate(periods)}
    y_grid = np.full((len(periods), len(labels)), np.nan)
    l_grid = np.full_like(y_grid, np.nan)
    for u, y, o, w in zip(units.tolist(), years.tolist(), out, lab):
        if not np.isnan(y_grid[yp[y], pos[u]]):
            raise InvalidParameterError(f"unit `{u}` has more than one row for {y}")
        y_grid[yp[y], pos[u]] = o
        l_grid[yp[y], pos[u]] = w
    missing = np.argwhere(np.isnan(y_grid))
    if len(missing):
        t, i = missing[0]
        exc = MissingYearError(f"unit `{labels[i]}` has no row for {periods[t]} (others do)")
        exc.year, exc.entity = periods[t], labels[i]
        raise exc
    results = []
    for t in range(1, len(periods)):
        tx = None
        if taxes is not None:
            tx = (float(taxes[periods[t - 1]]), float(taxes[periods[t]]))
        results.append(shift_share(y_grid[t - 1], l_grid[t - 1], y_grid[t], l_grid[t],
                                   units=labels, taxes=tx))
    return ShiftShareSeries(list(zip(periods[:-1], periods[1:])), results)


class GeadResult:
    """GEAD: ``within + reallocation = end_level − base_level`` exactly, with chain-linked
    volumes (relative prices weight the terms)."""

    def __init__(self, columns: dict[str, Any], units: list[Any]) -> None:
        self._columns = columns
        self.units = units
        self.base_level: float = columns["base_level"]
        self.end_level: float = columns["end_level"]
        self.within: float = columns["within"]
        self.reallocation: float = columns["reallocation"]

    def to_pandas(self) -> pd.DataFrame:
        """One row per unit: within and reallocation (levels)."""
        import pandas as pd

        return pd.DataFrame(
            {"within": self._columns["unit_within"],
             "reallocation": self._columns["unit_reallocation"]},
            index=pd.Index(self.units, name="unit"),
        )


def gead(
    nominal0: Any, real0: Any, labour0: Any, aggregate_real0: float,
    nominal_t: Any, real_t: Any, labour_t: Any, aggregate_real_t: float, *, units: Any = None,
) -> GeadResult:
    """The generalized exactly additive decomposition (Tang & Wang 2004; Diewert 2015) for
    chain-linked volumes: sector output at current prices, in chained volumes, employment,
    and the aggregate chained volume (not the sum of the sectors) in each period.

    >>> import nangsuat as ns
    >>> g = ns.gead([60, 80, 60], [60, 80, 60], [60, 20, 20], 200,
    ...             [66, 110, 90], [55, 120, 80], [50, 25, 25], 250)
    >>> abs(g.within + g.reallocation - (g.end_level - g.base_level)) < 1e-12
    True
    """
    cols = _native.gead_columns(
        float_column("nominal0", nominal0), float_column("real0", real0),
        float_column("labour0", labour0), float(aggregate_real0),
        float_column("nominal_t", nominal_t), float_column("real_t", real_t),
        float_column("labour_t", labour_t), float(aggregate_real_t),
    )
    return GeadResult(cols, _labels(units, len(cols["unit_within"])))


class RegionsResult:
    """Regions → nation, one entry per pair of adjacent years: national output and
    employment, and each region's contribution to national LP growth (they sum to it)."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def to_pandas(self) -> pd.DataFrame:
        """One row per year pair and region: output, labour, within, static_shift,
        dynamic_shift, contribution (fraction of national LP growth), national_growth."""
        import pandas as pd

        out = []
        for r in self.rows:
            d = r["decomposition"]
            growth = d["end_level"] / d["base_level"] - 1.0
            for k, region in enumerate(r["regions"]):
                u = d["units"][k]
                out.append({
                    "from": r["from"], "to": r["to"], "region": region,
                    "output_from": r["region_output"][k][0], "output_to": r["region_output"][k][1],
                    "within": u["within"], "static_shift": u["static_shift"],
                    "dynamic_shift": u["dynamic_shift"],
                    "contribution": r["contributions"][k], "national_growth": growth,
                })
        return pd.DataFrame(out)

    def plot(self, ax: Axes | None = None, *, pair: int = -1, top: int | None = 15) -> Axes:
        """Each region's contribution to national LP growth in one year pair (default: the
        last), largest first (percent)."""
        from .plot import _pyplot

        plt = _pyplot()
        r = self.rows[pair]
        order = sorted(range(len(r["regions"])), key=lambda k: -abs(r["contributions"][k]))
        if top is not None:
            order = order[:top]
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 0.35 * len(order) + 1.5))
        values = [100.0 * r["contributions"][k] for k in order]
        ax.barh([str(r["regions"][k]) for k in order], values,
                color=["#d1495b" if v >= 0 else "#9db4c0" for v in values])
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.5)
        ax.set_xlabel("percentage points of national LP growth")
        ax.set_title(f"Contributions to national LP growth, {r['from']}–{r['to']}")
        return ax


def regions_to_nation(region: Any, year: Any, output: Any, labour: Any) -> RegionsResult:
    """Provincial rows (any number of sector rows per province and year, in any order) summed
    to national output and employment; national LP change decomposed across provinces for each
    pair of adjacent years. A province missing a year others have is an error.

    >>> import nangsuat as ns
    >>> r = ns.regions_to_nation(["a", "b", "a", "b"], [2020, 2020, 2021, 2021],
    ...                          [10, 30, 12, 30], [10, 10, 10, 10])
    >>> round(sum(r.rows[0]["contributions"]), 12)   # national LP 2 → 2.1
    0.05
    """
    labels = [str(x) for x in _values(region)]
    return RegionsResult(_native.regions_to_nation_rows(
        labels, year_column("year", year), float_column("output", output),
        float_column("labour", labour)))


def domar_aggregate(
    sector_tfp_growth: Any, gross_output0: Any, gross_output_t: Any,
    value_added0: float, value_added_t: float,
) -> float:
    """Aggregate TFP growth from sector TFP growth by Domar weights (Domar 1961; Hulten 1978):
    ``Σ w̄_i g_i`` with ``w_i = gross output_i / aggregate value added``, averaged over the two
    periods (weights sum above 1).

    >>> import nangsuat as ns
    >>> round(ns.domar_aggregate([0.01, 0.02], [150, 100], [150, 100], 100, 100), 12)
    0.035
    """
    return float(_native.domar_aggregate(
        float_column("sector_tfp_growth", sector_tfp_growth),
        float_column("gross_output0", gross_output0),
        float_column("gross_output_t", gross_output_t),
        float(value_added0), float(value_added_t)))


def _panel(name: str, values: Any) -> tuple[np.ndarray, list[Any] | None, list[str] | None]:
    """Periods × items matrix, period labels (a DataFrame's index) and item names."""
    periods = items = None
    if hasattr(values, "columns") and hasattr(values, "to_numpy"):
        periods = list(values.index)
        items = [str(c) for c in values.columns]
        array = values.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        try:
            array = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidParameterError(f"`{name}` cannot be read as numbers: {exc}") from None
    if array.ndim != 2:
        raise InvalidParameterError(
            f"`{name}` must be a table with one row per period and one column per item, "
            f"got shape {array.shape}")
    return np.ascontiguousarray(array), periods, items


class IndexResult:
    """An index series (period 0 = 1) with the matched-sample size of each comparison."""

    def __init__(self, kind: str, formula: str, linking: str, values: np.ndarray,
                 matched: np.ndarray, unmatched: np.ndarray, periods: list[Any]) -> None:
        self.kind = kind
        self.formula = formula
        self.linking = linking
        self.values = values
        self.matched = matched
        self.unmatched = unmatched
        self.periods = periods

    def __len__(self) -> int:
        return len(self.values)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return np.asarray(self.values, dtype=dtype)

    def to_pandas(self) -> pd.DataFrame:
        """period, index, matched, unmatched."""
        import pandas as pd

        return pd.DataFrame({"period": self.periods, "index": self.values,
                             "matched": self.matched, "unmatched": self.unmatched})

    def plot(self, ax: Axes | None = None, *, others: Sequence[IndexResult] = ()) -> Axes:
        """The index series (and any ``others`` for comparison), base period = 100."""
        from .plot import _pyplot

        plt = _pyplot()
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        for r in (self, *others):
            ax.plot([str(p) for p in r.periods], 100.0 * np.asarray(r.values), ".-",
                    label=f"{r.formula}, {r.linking.replace('_', ' ')}")
        ax.set_ylabel(f"{self.kind} index (base = 100)")
        ax.set_title(f"{self.kind.capitalize()} index")
        ax.legend(loc="best", fontsize="small")
        return ax


def _index(kind: str, prices: Any, quantities: Any, formula: str, linking: str,
           periods: Any) -> IndexResult:
    p, p_periods, _ = _panel("prices", prices)
    q, _, _ = _panel("quantities", quantities)
    cols = _native.index_series_columns(p, q, formula, linking)
    labels = list(_values(periods)) if periods is not None else (p_periods or list(range(len(p))))
    return IndexResult(kind, formula, linking, cols[kind], cols["matched"], cols["unmatched"],
                       labels)


def price_index(
    prices: Any, quantities: Any, *, formula: Formula = "fisher",
    linking: Linking = "chained", periods: Any = None,
) -> IndexResult:
    """A price index series: ``prices`` and ``quantities`` are tables with one row per period
    and one column per item (NaN: the item is missing that period). ``linking``:
    ``fixed_base`` (each period against period 0), ``chained`` (adjacent links multiplied) or
    ``multilateral``/``geks``/``ccdi`` (GEKS with Fisher or Törnqvist; transitive).

    ILO/IMF CPI Manual (2004), ch. 15: Laspeyres ``Σp¹q⁰/Σp⁰q⁰``:

    >>> import nangsuat as ns
    >>> p = [[1.0, 2.0], [1.2, 2.0]]; q = [[10, 5], [8, 6]]
    >>> float(ns.price_index(p, q, formula="laspeyres").values[1])   # 22 / 20
    1.1
    >>> round(float(ns.price_index(p, q, formula="paasche").values[1]), 12)   # 21.6 / 20
    1.08
    """
    return _index("price", prices, quantities, formula, linking, periods)


def quantity_index(
    prices: Any, quantities: Any, *, formula: Formula = "fisher",
    linking: Linking = "chained", periods: Any = None,
) -> IndexResult:
    """A quantity index series (prices and quantities swap roles; see :func:`price_index`).
    Fisher passes the factor-reversal test: ``P_F · Q_F = V¹/V⁰``.

    >>> import nangsuat as ns
    >>> p = [[1.0, 2.0], [1.2, 2.0]]; q = [[10, 5], [8, 6]]
    >>> P = ns.price_index(p, q).values[1]; Q = ns.quantity_index(p, q).values[1]
    >>> round(float(P * Q), 12)   # V¹/V⁰ = 21.6 / 20
    1.08
    """
    return _index("quantity", prices, quantities, formula, linking, periods)


def bilateral_index(p0: Any, q0: Any, p1: Any, q1: Any) -> dict[str, Any]:
    """Every bilateral index between two periods (Laspeyres, Paasche, Fisher, Törnqvist;
    price and quantity), the value ratio, and the matched and unmatched item counts."""
    return dict(_native.bilateral_index(float_column("p0", p0), float_column("q0", q0),
                                        float_column("p1", p1), float_column("q1", q1)))
