"""Indicators derived from a territory's own tables, and Viet Nam's territory names
(``nangsuat::monitoring::derived``, ``nangsuat::vietnam::territory``).

Every function takes a long table — one row per (territory, year), any number of
territories — as arrays or pandas columns, and returns :class:`DerivedIndicators`: each value
with evidence ``derived``, its formula with every assumption, the inputs it was computed from,
and a preliminary flag (set when any input was preliminary). NaN marks a missing input; a value
exists only where every input it needs exists. Growth rates and shares are in percent, as
observations store them.

>>> import nangsuat as ns
>>> d = ns.provincial_tfp("x", [2020, 2021], [100, 107], [50, 51], capital=[300, 321],
...                       form="gso", capital_share=0.4)
>>> frame = d.to_pandas()
>>> round(float(frame.query("indicator == 'tfp_growth'").value.iloc[0]), 6)
3.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import _nangsuat as _native
from ._inputs import float_column, year_column
from .exceptions import InvalidParameterError
from .monitoring import Observations

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

DERIVED_COLUMNS = (
    "scope",
    "indicator",
    "start",
    "end",
    "value",
    "unit",
    "preliminary",
    "formula",
    "inputs",
)


class DerivedIndicators:
    """Derived values: ``to_pandas()`` (one row each; ``start == end`` for a year),
    ``rows()`` (dicts with every input), ``notes`` (assumptions, undefined periods) and
    ``extend(observations)`` (observations with these added, behind published values)."""

    def __init__(self, native: _native.DerivedSet) -> None:
        self._native = native

    def to_pandas(self) -> pd.DataFrame:
        """One row per value: scope, indicator, start, end, value, unit, preliminary, formula,
        inputs."""
        import pandas as pd

        columns = self._native.columns()
        return pd.DataFrame({c: columns[c] for c in DERIVED_COLUMNS})

    def rows(self) -> list[dict[str, Any]]:
        """Every value as a dict, with its inputs (series, year, value, preliminary, source)."""
        rows: list[dict[str, Any]] = self._native.rows()
        return rows

    @property
    def notes(self) -> list[tuple[str, str]]:
        """(territory, note) pairs: the assumptions of each TFP computation and why a requested
        period has no value."""
        return list(self._native.notes())

    def extend(self, observations: Observations | None = None) -> Observations:
        """``observations`` (default: the embedded Viet Nam set) with these values added as
        evidence ``derived``; a confirmed published value for the same territory, indicator
        and time is still preferred by the assessment."""
        obs = Observations.vietnam() if observations is None else observations
        return Observations(self._native.extend(obs._native))

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<DerivedIndicators: {len(self)} values>"


def _rows(scope: Any, year: Any) -> tuple[list[str], np.ndarray]:
    years = year_column("year", year)
    if isinstance(scope, str):
        return [scope] * len(years), years
    scopes = [str(s) for s in (scope.tolist() if hasattr(scope, "tolist") else list(scope))]
    if len(scopes) != len(years):
        raise InvalidParameterError(
            f"`scope` has {len(scopes)} values but `year` has {len(years)}: one per row"
        )
    return scopes, years


def _flags(preliminary: Any) -> np.ndarray | None:
    if preliminary is None:
        return None
    raw = np.asarray(getattr(preliminary, "to_numpy", lambda: preliminary)())
    if raw.dtype.kind != "b":
        raise InvalidParameterError("`preliminary` must be booleans, one per row")
    return np.ascontiguousarray(raw, dtype=np.bool_)


def labour_productivity(
    scope: str | Sequence[str] | Any,
    year: Any,
    output: Any,
    employment: Any,
    *,
    scale: float = 1.0,
    unit: str = "million_vnd_per_person",
    preliminary: Any = None,
    source: str = "",
) -> DerivedIndicators:
    """Labour productivity ``output / employment × scale`` (indicator ``lp_level_const``):
    GRDP at constant prices ÷ employed persons. With output in billion VND and employment in
    thousand persons, ``scale=1`` gives million VND per person."""
    scopes, years = _rows(scope, year)
    return DerivedIndicators(
        _native.derive_ratio(
            scopes,
            years,
            float_column("output", output),
            float_column("employment", employment),
            preliminary=_flags(preliminary),
            names=("output", "employment"),
            source=source,
            indicator="lp_level_const",
            unit=unit,
            scale=scale,
        )
    )


def labour_productivity_growth(
    scope: str | Sequence[str] | Any,
    year: Any,
    output: Any,
    employment: Any,
    *,
    preliminary: Any = None,
    source: str = "",
) -> DerivedIndicators:
    """Annual labour-productivity growth in percent (indicator ``lp_growth``):
    ``100 × ((Y_t/L_t)/(Y_{t−1}/L_{t−1}) − 1)`` where output and employment exist in both
    years."""
    scopes, years = _rows(scope, year)
    return DerivedIndicators(
        _native.derive_growth(
            scopes,
            years,
            float_column("output", output),
            float_column("employment", employment),
            preliminary=_flags(preliminary),
            names=("output", "employment"),
            source=source,
            indicator="lp_growth",
        )
    )


def growth(
    scope: str | Sequence[str] | Any,
    year: Any,
    level: Any,
    *,
    indicator: str = "grdp_growth",
    start: int | None = None,
    end: int | None = None,
    preliminary: Any = None,
    source: str = "",
) -> DerivedIndicators:
    """Annual growth of a level in percent (GRDP growth by default); with ``start`` and
    ``end``, the period-average growth (CAGR) from ``start`` to ``end`` instead."""
    scopes, years = _rows(scope, year)
    return DerivedIndicators(
        _native.derive_growth(
            scopes,
            years,
            float_column("level", level),
            preliminary=_flags(preliminary),
            names=(indicator, ""),
            source=source,
            indicator=indicator,
            start=start,
            end=end,
        )
    )


def per_10000(
    scope: str | Sequence[str] | Any,
    year: Any,
    count: Any,
    population: Any,
    *,
    indicator: str,
    persons_per_unit: float = 1000.0,
    preliminary: Any = None,
    source: str = "",
) -> DerivedIndicators:
    """``count`` per 10,000 people; ``persons_per_unit`` is the population column's unit in
    persons (1,000 for thousand persons, as NSO publishes population)."""
    if not (np.isfinite(persons_per_unit) and persons_per_unit > 0):
        raise InvalidParameterError(
            f"`persons_per_unit` = {persons_per_unit}: expected a positive number of persons"
        )
    scopes, years = _rows(scope, year)
    return DerivedIndicators(
        _native.derive_ratio(
            scopes,
            years,
            float_column("count", count),
            float_column("population", population),
            preliminary=_flags(preliminary),
            names=("count", "population"),
            source=source,
            indicator=indicator,
            unit="per_10000_people",
            scale=10_000.0 / persons_per_unit,
        )
    )


def provincial_tfp(
    scope: str | Sequence[str] | Any,
    year: Any,
    output: Any,
    employment: Any,
    *,
    capital: Any = None,
    investment: Any = None,
    deflator: Any = None,
    deflator_base: float = 100.0,
    depreciation: float = 0.05,
    timing: Literal["end_of_year", "mid_year"] = "end_of_year",
    window: int = 5,
    form: Literal["gso", "tornqvist"] = "gso",
    capital_share: float | None = None,
    labour_share: Any = None,
    periods: Sequence[tuple[int, int]] = (),
    preliminary: Any = None,
    source: str = "",
) -> DerivedIndicators:
    """TFP growth and TFP's share of growth per territory from its own tables.

    Capital is either ``capital`` (a series at constant prices) or ``investment`` (realised
    investment; nominal with a ``deflator`` whose base-year value is ``deflator_base``, else at
    constant prices), accumulated by the perpetual inventory method with geometric
    ``depreciation``, ``timing`` and a Harberger initial stock from the first ``window`` years.
    ``form="gso"`` needs ``capital_share`` (b_K; b_L = 1 − b_K); ``form="tornqvist"`` needs
    ``labour_share`` (one per row). ``periods`` are ``(start, end)`` pairs of growth years;
    each gives the period's TFP share as the ratio of cumulative growths. Values: annual
    ``tfp_growth``, ``tfp_contribution``, ``capital_contribution``, ``labour_contribution``;
    per period ``tfp_contribution`` and ``tfp_growth_avg`` (percent)."""
    scopes, years = _rows(scope, year)

    def opt(name: str, v: Any) -> np.ndarray | None:
        return None if v is None else float_column(name, v)

    return DerivedIndicators(
        _native.derive_tfp(
            scopes,
            years,
            float_column("output", output),
            float_column("employment", employment),
            capital=opt("capital", capital),
            investment=opt("investment", investment),
            deflator=opt("deflator", deflator),
            deflator_base=deflator_base,
            depreciation=depreciation,
            timing=timing,
            window=window,
            form=form,
            capital_share=capital_share,
            labour_share=opt("labour_share", labour_share),
            periods=[(int(a), int(b)) for a, b in periods],
            preliminary=_flags(preliminary),
            source=source,
        )
    )


def match_territories(
    names: Sequence[str] | Any,
    *,
    vintage: Literal["provinces63", "units34"] = "provinces63",
    file: str = "",
    first_row: int = 1,
) -> pd.DataFrame:
    """Resolves names as published tables write them (any Unicode form, tone placement,
    spacing, prefix, English without diacritics, region and country rows) to Viet Nam's
    territories: columns name, id, level (``nation``, ``region``, ``province``, ``defunct``,
    ``unit_2025``), code, name_vi, name_en. An unmatched name raises :class:`ParseError`
    naming ``file``, the row (``first_row`` + position) and the closest candidates.

    >>> match_territories(["Thanh Hoá", " WHOLE COUNTRY"]).id.tolist()
    ['thanh_hoa', 'viet_nam']
    """
    import pandas as pd

    labels = [str(n) for n in (names.tolist() if hasattr(names, "tolist") else list(names))]
    matched = _native.match_territories(labels, vintage=vintage, file=file, first_row=first_row)
    frame = pd.DataFrame(matched, columns=["id", "level", "code", "name_vi", "name_en"])
    frame.insert(0, "name", labels)
    return frame


def territory_catalogue() -> dict[str, Any]:
    """The embedded catalogue: ``provinces`` (63 and Hà Tây, with codes, names, region,
    2025 unit), ``regions`` (the nation and six statistical regions), ``units_2025`` (the 34
    units of Resolution 202/2025/QH15 with the old codes they were formed from)."""
    catalogue: dict[str, Any] = _native.territory_catalogue()
    return catalogue
