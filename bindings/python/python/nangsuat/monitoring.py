"""Monitoring: the progress of a target, observations, the assessment of every goal of a set
of plans, and the report (``nangsuat::progress``, ``nangsuat::assess``, ``nangsuat::report``).

Progress methods (METHODS §7): ``statcan`` (Statistics Canada / Open SDG, the default),
``unsd`` (UNSD progress chart), ``escap_current`` and ``escap_anticipated`` (UN ESCAP),
``psa`` (Philippine Statistics Authority pace ratio).
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from . import _nangsuat as _native
from ._inputs import number, whole_year
from .capital import capital_stock
from .exceptions import InvalidParameterError, MissingYearError, typed_errors
from .plans import Plan

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

Method = Literal["statcan", "unsd", "escap_current", "escap_anticipated", "psa"]
Point = tuple[int, float]


Progress = _native.Progress
"""What a progress method concluded about one target, with the numbers behind it: a frozen
class of the compiled module, read through its attributes.

``status`` is one of ``achieved``, ``on_track``, ``needs_acceleration``,
``limited_progress``, ``deteriorating``, ``insufficient_data``, ``not_yet_measurable``.
``ratio`` is the method's figure (StatCan R — or P without a target —, UNSD Q, ESCAP index,
PSA pace); ``score`` the StatCan score in [−5, 5]. Growth rates (``achieved_growth``,
``required_growth``, ``remaining_growth``) are fractions per year; ``baseline``, ``current``
and ``target`` are ``(year, value)`` pairs. ``reason`` says why in English
(``reason_in("vi")`` in Vietnamese); ``fact`` is the same fact with its numbers (a dict tagged
by ``fact``, e.g. ``growth_against_required``), for programs; ``warnings`` in English;
``to_dict()`` the whole result in the core's JSON form."""


def _point(name: str, p: Any) -> Point:
    try:
        year, value = p
    except (TypeError, ValueError):
        raise InvalidParameterError(f"`{name}` = {p!r}: expected a (year, value) pair") from None
    return (whole_year(f"{name} year", year), number(f"{name} value", value))


@typed_errors
def progress(
    baseline: Point,
    current: Point | Sequence[Point],
    target: Point | None = None,
    *,
    higher_is_better: bool = True,
    method: Method = "statcan",
    natural_limit: float | None = None,
) -> Progress:
    """Progress of one target from ``baseline`` to ``current`` toward ``target``.

    ``current`` is one ``(year, value)`` pair or a sequence of them (the last is the current
    value; ``escap_anticipated`` fits a trend through all). Without a target, StatCan's
    "progress without a target" rule applies (``natural_limit`` scales its thresholds).

    >>> p = progress(baseline=(2020, 100.0), current=(2023, 110.0), target=(2030, 150.0))
    >>> p.status, round(p.ratio, 4)
    ('needs_acceleration', 0.7801)
    """
    points: list[Point]
    if len(current) == 2 and all(isinstance(x, (int, float)) for x in current):
        points = [_point("current", current)]
    else:
        points = [_point("current", p) for p in current]
    return _native.progress(
        _point("baseline", baseline),
        points,
        None if target is None else _point("target", target),
        higher_is_better=higher_is_better,
        method=method,
        natural_limit=natural_limit,
    )


OBSERVATION_COLUMNS = ("scope", "indicator", "year", "value", "unit", "note", "source_url", "evidence")
PROVENANCE_COLUMNS = ("status", "source_file", "source_table", "source_cell")


class Observations:
    """Observed values with their unit, source and evidence level (``confirmed``,
    ``derived``, ``press``). ``year`` is ``YYYY``, ``YYYY-YYYY`` (a period) or ``undated``."""

    def __init__(self, native: _native.Observations) -> None:
        self._native = native

    @classmethod
    @typed_errors
    def vietnam(cls) -> Observations:
        """The embedded Viet Nam observations (GSO/NSO and provincial releases)."""
        return cls(_native.Observations.vietnam())

    @classmethod
    @typed_errors
    def from_csv(cls, text: str) -> Observations:
        """From CSV text with the columns ``scope, indicator, year, value, unit, note,
        source_url, evidence``; errors name the line and column."""
        return cls(_native.Observations.from_csv(text))

    @classmethod
    @typed_errors
    def read_csv(cls, path: str | os.PathLike[str]) -> Observations:
        """From a CSV file (UTF-8, with or without a byte-order mark); a file in an older
        Vietnamese encoding is a :class:`ParseError` naming the line and column."""
        return cls(_native.Observations.read_csv(os.fspath(path)))

    @classmethod
    @typed_errors
    def from_tables(
        cls,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        mapping: str | os.PathLike[str],
    ) -> Observations:
        """From published tables (PX, JSON-stat, SDMX, XLSX/XLS, CSV) by a mapping file
        (TOML, ``nangsuat schema mapping``): territory labels are resolved in Viet Nam's
        catalogue, units converted to the indicators', and every row keeps its source file,
        table and cell and the cell's status (``preliminary``, ``estimate``) in ``provenance``.
        Nothing is invented: a selected cell without a value makes no row and a
        :class:`UserWarning` naming it. Errors name the file and the cell."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        native, skipped = _native.Observations.from_tables(
            [os.fspath(p) for p in paths], os.fspath(mapping)
        )
        for k in skipped:
            warnings.warn(
                f"skipped a cell with no value: {k['scope']} {k['indicator']} {k['year']} at "
                f"{k['file']} {k['cell']} (symbol {k['symbol']!r}, {k['status']})",
                UserWarning,
                stacklevel=3,
            )
        return cls(native)

    def to_csv(self) -> str:
        """The observations as CSV: the eight columns of :meth:`from_csv` and ``status,
        source_file, source_table, source_cell``; :meth:`from_csv` reads it back unchanged."""
        return self._native.to_csv()

    @classmethod
    @typed_errors
    def from_frame(cls, frame: pd.DataFrame) -> Observations:
        """From a DataFrame with the CSV's columns (and, when all four are there, ``status,
        source_file, source_table, source_cell``, as :meth:`to_pandas` writes them)."""
        missing = [c for c in OBSERVATION_COLUMNS if c not in frame.columns]
        if missing:
            raise InvalidParameterError(
                f"the frame lacks column(s) {', '.join(missing)}; expected "
                + ", ".join(OBSERVATION_COLUMNS)
            )
        columns = list(OBSERVATION_COLUMNS)
        if all(c in frame.columns for c in PROVENANCE_COLUMNS):
            columns += list(PROVENANCE_COLUMNS)
        buffer = io.StringIO()
        frame.loc[:, columns].to_csv(buffer, index=False)
        return cls.from_csv(buffer.getvalue())

    def rows(self) -> list[dict[str, Any]]:
        """The rows as dicts (``when`` is ``{"year": Y}``, ``{"period": {...}}`` or
        ``"undated"``)."""
        rows: list[dict[str, Any]] = self._native.rows()
        return rows

    def to_pandas(self) -> pd.DataFrame:
        """One row per observation; ``year`` as in the CSV (``YYYY``, ``YYYY-YYYY``,
        ``undated``); ``status`` (``preliminary``, ``estimate`` or empty) and where a value
        read from a published table came from (``source_file``, ``source_table``,
        ``source_cell``; empty for values typed in). :meth:`from_frame` reads it back."""
        import pandas as pd

        columns = self._native.columns()
        names = list(OBSERVATION_COLUMNS) + list(PROVENANCE_COLUMNS)
        return pd.DataFrame({c: columns[c] for c in names})

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<Observations: {len(self)} values>"


class Report:
    """The monitoring report: every goal's status with the numbers and sources behind it,
    validation findings and, for Viet Nam, growth-accounting history and feasibility."""

    def __init__(self, native: _native.Report) -> None:
        self._native = native

    def to_markdown(self, lang: Literal["vi", "en"] = "vi") -> str:
        """The report in Markdown, with Vietnamese (``vi``) or English (``en``) labels."""
        return self._native.to_markdown(lang)

    def to_json(self) -> str:
        """The report as JSON (every number, source and reason)."""
        return self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """The report as plain Python objects."""
        d: dict[str, Any] = self._native.to_dict()
        return d

    def to_html(self, lang: Literal["vi", "en"] = "vi") -> str:
        """The report as one self-contained HTML document: inline CSS with a print style
        sheet and SVG charts drawn by nangsuat, no script, nothing fetched; labels in
        Vietnamese (``vi``) or English (``en``). Write it to a file and open it in a browser,
        or show it in a notebook with ``IPython.display.HTML``."""
        return self._native.to_html(lang)

    def to_xlsx(self, path: str | os.PathLike[str], lang: Literal["vi", "en"] = "vi") -> None:
        """Writes the report as an Excel workbook: sheets for the summary, goals (one row
        each), observations used (source, evidence), validation findings and growth
        accounting; numbers stored as numbers; sheet names in ``lang``."""
        self._native.to_xlsx(path, lang)

    def goals(self) -> list[dict[str, Any]]:
        """Every assessed goal (the JSON form), plan by plan."""
        return [g for p in self.to_dict()["plans"] for g in p["goals"]]

    def goal_rows(self, lang: Literal["vi", "en"] = "en") -> list[_native.GoalRow]:
        """One frozen row per goal, plan by plan: ``plan``, ``goal``, ``indicator``,
        ``indicator_en``, ``scope``, ``target`` (words), ``period_start``, ``period_end``,
        ``status``, ``current``, ``ratio``, ``score``, ``reason`` and ``needed`` (words in
        ``lang``), ``source_text``."""
        return self._native.goal_rows(lang)

    def to_pandas(self, lang: Literal["vi", "en"] = "en") -> pd.DataFrame:
        """One row per goal: plan, goal, indicator, target, period, status, the value the status
        rests on, the method's ratio and score, the reason, what is needed (words in ``lang``),
        the wording."""
        import pandas as pd

        columns = ("plan", "goal", "indicator", "indicator_en", "target", "period_start",
                   "period_end", "status", "current", "ratio", "score", "reason", "needed",
                   "source_text")
        rows = [{c: getattr(g, c) for c in columns} for g in self.goal_rows(lang)]
        frame = pd.DataFrame.from_records(rows, columns=list(columns))
        for col in ("current", "ratio", "score"):
            frame[col] = frame[col].astype("Float64")
        frame["period_start"] = frame["period_start"].astype("Int64")
        return frame

    def status_counts(self) -> dict[str, int]:
        """Number of goals by status (statuses with no goal left out)."""
        return dict(self._native.status_counts())

    def plot(self, *, goals: Iterable[str] | None = None, ncols: int = 3) -> Figure:
        """Each goal's observed path against its target path (goals with a baseline, target
        and observations), one panel per goal (matplotlib)."""
        from .plot import plot_report

        return plot_report(self, goals=goals, ncols=ncols)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.status_counts().items()))
        return f"<Report: {counts}>"


YearSeries = Any
"""A yearly series: a pandas Series indexed by year, or a mapping ``{year: value}``."""


def _yearly(name: str, series: YearSeries) -> dict[int, float]:
    """``{year: value}`` of a pandas Series indexed by year or a mapping; missing values (NaN,
    ``None``, ``pd.NA``) are left out."""
    items = series.items() if hasattr(series, "items") else None
    if items is None:
        raise InvalidParameterError(
            f"`{name}` is a {type(series).__name__}: expected a pandas Series indexed by year "
            "or a mapping {year: value}"
        )
    out: dict[int, float] = {}
    for year, value in items:
        if value is None or type(value).__name__ == "NAType":
            continue
        v = number(f"{name} in {year}", value)
        if v == v:  # not NaN
            out[whole_year(f"{name} year", year)] = v
    return out


def _scope_of(plans: Sequence[Plan], scope: str | None) -> str:
    """The scope raw series belong to: ``scope``, else the one territory all plans share."""
    if scope is not None:
        return scope
    territories = sorted({p.territory for p in plans})
    if len(territories) != 1:
        raise InvalidParameterError(
            f"the plans cover {len(territories)} territories ({', '.join(territories)}): say "
            "which one the raw series describe with `scope=`"
        )
    return territories[0]


def _aligned(name: str, series: dict[int, float], years: list[int]) -> list[float]:
    """``series`` at ``years`` (those of ``output``); a year it lacks is an error."""
    missing = [y for y in years if y not in series]
    if missing:
        raise MissingYearError(
            f"`{name}` has no value for year {missing[0]}, a year of `output` "
            f"({years[0]}–{years[-1]})"
        )
    return [series[y] for y in years]


@typed_errors
def assess(
    plans: Iterable[Plan],
    observations: Observations | pd.DataFrame | str | os.PathLike[str] | None = None,
    *,
    method: Method = "statcan",
    about_tolerance: float = 0.05,
    scope: str | None = None,
    output: YearSeries | None = None,
    capital: YearSeries | None = None,
    investment: YearSeries | None = None,
    employment: YearSeries | None = None,
    labour_share: float | None = None,
    depreciation: float = 0.05,
    population: YearSeries | None = None,
) -> Report:
    """Assesses every goal of ``plans`` against ``observations``.

    ``observations`` is an :class:`Observations`, a DataFrame with its columns, a CSV path, or
    ``None`` for the embedded Viet Nam observations. ``about_tolerance`` is the relative
    tolerance of "khoảng" (about) targets whose document states none (0.05 = ±5 %).

    A territory's own raw series can stand in where nothing is published (each a pandas
    Series indexed by year, or a mapping ``{year: value}``, for ``scope`` — by default the
    territory the plans share):

    * ``output`` (GRDP at constant prices), ``employment`` (employed persons) and ``capital``
      (a stock at constant prices) — or ``investment`` (real investment, accumulated by the
      perpetual inventory method with geometric ``depreciation`` and a Harberger initial
      stock) — with ``labour_share`` (b_L; b_K = 1 − b_L): TFP's share of growth over a goal's
      period by the GSO form, as the ratio of cumulative growths; and annual labour-
      productivity growth ``lp_growth`` (output ÷ employment);
    * ``population`` (persons): ratios per 10,000 people from the counts they divide.

    A published value for the same indicator and time is still preferred.

    >>> from nangsuat import builtin_plans
    >>> report = assess(builtin_plans())
    >>> "đúng tiến độ" in report.to_markdown("vi")
    True
    """
    plans = list(plans)
    if observations is None:
        obs = Observations.vietnam()
    elif isinstance(observations, Observations):
        obs = observations
    elif isinstance(observations, (str, os.PathLike)):
        obs = Observations.read_csv(observations)
    elif hasattr(observations, "columns"):
        obs = Observations.from_frame(observations)
    else:
        raise InvalidParameterError(
            f"`observations` is a {type(observations).__name__}: expected Observations, a "
            "DataFrame, a CSV path or None"
        )
    accounting = None
    raw = {"output": output, "capital": capital, "investment": investment,
           "employment": employment}
    if any(v is not None for v in raw.values()):
        if capital is not None and investment is not None:
            raise InvalidParameterError("give `capital` or `investment`, not both")
        lacking = [n for n in ("output", "employment") if raw[n] is None]
        if capital is None and investment is None:
            lacking.append("capital (or investment)")
        if lacking:
            raise InvalidParameterError(
                f"raw series need {', '.join(lacking)} as well (output, employment and capital "
                "or investment go together)"
            )
        if labour_share is None:
            raise InvalidParameterError(
                "`labour_share` is required with raw series: labour's share of income b_L "
                "(a fraction; the GSO form uses b_K = 1 − b_L)"
            )
        out = _yearly("output", output)
        if not out:
            raise InvalidParameterError("`output` has no value")
        years = sorted(out)
        if investment is not None:
            inv = _yearly("investment", investment)
            inv_years = sorted(inv)
            stock = capital_stock(inv_years, [inv[y] for y in inv_years], depreciation).stock
            cap = {y: float(k) for y, k in zip(inv_years, stock)}
            capital_name = "capital (from investment)"
        else:
            cap = _yearly("capital", capital)
            capital_name = "capital"
        accounting = (
            _scope_of(plans, scope),
            years,
            [out[y] for y in years],
            _aligned(capital_name, cap, years),
            _aligned("employment", _yearly("employment", employment), years),
            number("labour_share", labour_share),
        )
    people = None
    if population is not None:
        pop = _yearly("population", population)
        people = (_scope_of(plans, scope), sorted(pop.items()))
    native = _native.assess(
        [p._native for p in plans],
        obs._native,
        method=method,
        about_tolerance=about_tolerance,
        accounting=accounting,
        population=people,
    )
    return Report(native)


@typed_errors
def vietnam_report() -> Report:
    """The main job: the embedded plans against the embedded observations, with Viet Nam's
    growth accounting (PWT 10.01) beside GSO's published TFP shares, and feasibility."""
    return Report(_native.vietnam_report())
