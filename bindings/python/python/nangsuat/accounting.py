"""Growth accounting (Törnqvist and GSO profiles) and Penn World Table 10.01 TFP.

The math is the Rust core's (``nangsuat::accounting``, ``nangsuat::pwt``); this module converts
inputs to contiguous numpy buffers (no copy when they already are float64), calls the core with
the GIL released, and wraps the result columns, which move into numpy without a copy.

References: OECD (2001) *Measuring Productivity*; O'Mahony & Timmer (2009) EU KLEMS; GSO
indicator metadata (TFP growth and contribution shares); Feenstra, Inklaar & Timmer (2015) PWT.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import _nangsuat as _native
from ._inputs import entity_codes, float_column, index_of, number, year_column
from .exceptions import EmptySeriesError, InvalidParameterError, typed_errors

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

Profile = Literal["tornqvist", "gso"]
NanPolicy = Literal["raise", "propagate", "omit"]

#: Value columns of a result, in order, each with the mask that says where it is defined.
COLUMNS: dict[str, str] = {
    "output_growth": "growth_defined",
    "capital_growth": "growth_defined",
    "labour_growth": "growth_defined",
    "labour_quality_growth": "growth_defined",
    "labour_weight": "growth_defined",
    "capital_contribution": "growth_defined",
    "labour_contribution": "growth_defined",
    "labour_quality_contribution": "growth_defined",
    "tfp_growth": "growth_defined",
    "labour_productivity_growth": "growth_defined",
    "capital_deepening": "growth_defined",
    "tfp_index": "tfp_index_defined",
    "tfp_share": "tfp_share_defined",
}
MASKS = ("growth_defined", "tfp_index_defined", "tfp_share_defined")


PeriodSummary = _native.PeriodSummary
"""Figures over a period ``[start, end]`` (growth over the years ``start+1 … end``): a frozen
class of the compiled module, read through its attributes (``start``, ``end``,
``cumulative_output_growth``, ``cumulative_tfp_growth``, ``average_output_growth``,
``average_tfp_growth``, ``mean_capital_contribution``, ``mean_labour_contribution``,
``mean_labour_quality_contribution``, ``mean_tfp_growth``, ``tfp_share_of_cumulative_growth``,
``tfp_share_undefined_reason``, ``mean_of_annual_tfp_shares``) or ``to_dict()``.

Rates and shares are fractions; ``None`` where undefined, with the reason for the TFP share
in ``tfp_share_undefined_reason``. ``tfp_share_of_cumulative_growth`` is
``ln(TFP_end/TFP_start) / ln(Y_end/Y_start)``, how a plan target such as "TFP ≈ 45 % of
growth 2021–2025" is read; ``mean_of_annual_tfp_shares`` is the other convention, named as
such (METHODS §2)."""


class _Columns:
    """Result columns (numpy) with their validity masks, and conversions."""

    _columns: dict[str, np.ndarray]
    _index: Any
    provenance: dict[str, Any]

    def __len__(self) -> int:
        return len(self._columns["year"])

    def __getitem__(self, name: str) -> np.ndarray:
        """A column by name (values are NaN exactly where the matching mask is False)."""
        return self._columns[name]

    @property
    def profile(self) -> str:
        """``"tornqvist"`` or ``"gso"``."""
        return str(self.provenance["options"]["profile"])

    def to_dict(self) -> dict[str, np.ndarray]:
        """Every column as a numpy array, the masks ``growth_defined``, ``tfp_index_defined``
        and ``tfp_share_defined`` included (the arrays are the result's own, not copies)."""
        return dict(self._columns)

    def to_pandas(self) -> pd.DataFrame:
        """A DataFrame with the caller's index (when the input had one). Undefined values are
        ``<NA>`` in nullable ``Float64`` columns, never a bare NaN."""
        import pandas as pd

        data: dict[str, Any] = {}
        for name, values in self._columns.items():
            if name in MASKS:
                continue
            if name in COLUMNS:
                mask = ~self._columns[COLUMNS[name]]
                data[name] = pd.arrays.FloatingArray(values, mask)
            else:
                data[name] = values
        frame = pd.DataFrame(data, index=self._index)
        frame.attrs["provenance"] = self.provenance
        return frame


class GrowthAccountingResult(_Columns):
    """Growth accounting of one series: annual columns, period figures and provenance.

    Columns: ``year``, ``output_growth``, ``capital_growth``, ``labour_growth``,
    ``labour_quality_growth``, ``labour_weight``, ``capital_contribution``,
    ``labour_contribution``, ``labour_quality_contribution``, ``tfp_growth``,
    ``labour_productivity_growth``, ``capital_deepening``, ``tfp_index``, ``tfp_share``
    (fractions; log growth under Törnqvist, discrete growth under GSO). The contributions and
    TFP growth add up to output growth exactly.
    """

    def __init__(self, native: _native.Accounting, index: Any = None) -> None:
        self._native = native
        self._columns = native.columns()
        self._index = index
        self.provenance = native.provenance()
        self.summary: PeriodSummary | None = native.summary()
        """Period figures over the whole span (earliest to latest year, whatever the row
        order); ``None`` with fewer than two years."""

    def period(self, start: int, end: int) -> PeriodSummary:
        """Period figures over ``[start, end]``.

        Raises :class:`~nangsuat.exceptions.YearNotFoundError` if a year is not in the result
        and :class:`~nangsuat.exceptions.InvalidParameterError` unless ``start < end``.
        """
        return self._native.period(int(start), int(end))

    def plot(self, ax: Axes | None = None, *, title: str | None = None) -> Axes:
        """Stacked contributions to output growth by year, TFP highlighted (matplotlib)."""
        from .plot import plot_contributions

        return plot_contributions(self, ax=ax, title=title)

    def __repr__(self) -> str:
        years = self._columns["year"]
        span = f"{years.min()}–{years.max()}" if len(years) else "empty"
        return f"<GrowthAccountingResult {self.profile} {span}, {len(self)} rows>"


class PanelAccountingResult(_Columns):
    """Growth accounting of many entities, aligned with the input rows: the columns of
    :class:`GrowthAccountingResult` plus ``entity``."""

    def __init__(
        self, columns: dict[str, np.ndarray], provenance: dict[str, Any], entity: Any, index: Any
    ) -> None:
        self._columns = {"entity": entity, **columns}
        self.provenance = provenance
        self._index = index

    def __repr__(self) -> str:
        return f"<PanelAccountingResult {self.profile}, {len(self)} rows>"


def _labour_share_args(labour_share: Any) -> dict[str, Any]:
    if labour_share is None:
        raise InvalidParameterError(
            "`labour_share` is required: a fraction in [0, 1], constant or one per year"
        )
    if np.ndim(labour_share) == 0:
        return {"labour_share": number("labour_share", labour_share)}
    return {"labour_share_per_row": float_column("labour_share", labour_share)}


def _optional(name: str, values: Any) -> np.ndarray | None:
    return None if values is None else float_column(name, values)


def _arguments(
    year: Any,
    output: Any,
    capital: Any,
    labour: Any,
    labour_share: Any,
    hours: Any,
    human_capital: Any,
    **options: Any,
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], dict[str, Any]]:
    """The compiled functions' positional columns and keyword options."""
    columns = (
        year_column("year", year),
        float_column("output", output),
        float_column("capital", capital),
        float_column("labour", labour),
    )
    options.update(
        hours=_optional("hours", hours),
        human_capital=_optional("human_capital", human_capital),
        **_labour_share_args(labour_share),
    )
    return columns, options


@typed_errors
def growth_accounting(
    year: Any,
    output: Any,
    capital: Any,
    labour: Any,
    *,
    labour_share: Any,
    hours: Any = None,
    human_capital: Any = None,
    profile: Profile = "tornqvist",
    base_year: int | None = None,
    nan_policy: NanPolicy = "raise",
    zero_growth_tolerance: float | None = None,
) -> GrowthAccountingResult:
    """Growth accounting of one economy (or province, sector, firm) over consecutive years.

    ``Δln Y = s̄_K Δln K + s̄_L Δln L + s̄_L Δln hc + Δln TFP`` (Törnqvist: log growth,
    adjacent-year average shares; OECD 2001, EU KLEMS, PWT), or ``G_A = G_Y − b_K G_K − b_L G_L``
    (``profile="gso"``: discrete growth, a constant share, Viet Nam GSO's official form).

    Args:
        year: years, consecutive (gaps need ``nan_policy``).
        output, capital, labour: volumes (constant prices; labour in persons).
        labour_share: labour's share of income, a fraction: one number, or one per year.
        hours: average annual hours per person (labour input becomes persons × hours).
        human_capital: a labour-quality index (e.g. PWT ``hc``).
        profile: ``"tornqvist"`` or ``"gso"``.
        base_year: year in which the TFP index is 1 (default: the first year).
        nan_policy: ``"raise"`` (default), ``"propagate"`` or ``"omit"`` for missing values.
        zero_growth_tolerance: below this absolute output growth the TFP share is undefined.

    Array-likes may be lists, numpy arrays, pandas Series, polars or pyarrow arrays; a pandas
    index on the inputs is kept in :meth:`GrowthAccountingResult.to_pandas`.

    Raises:
        nangsuat.exceptions.NangsuatError: a subclass naming the series, year and value.

    >>> r = growth_accounting([2020, 2021], [100, 107], [300, 321], [50, 51],
    ...                       labour_share=[0.60, 0.62])
    >>> round(float(r["tfp_growth"][1]), 6), round(r.summary.tfp_share_of_cumulative_growth, 4)
    (0.029192, 0.4315)
    """
    columns, options = _arguments(
        year, output, capital, labour, labour_share, hours, human_capital,
        profile=profile, base_year=base_year, nan_policy=nan_policy,
        zero_growth_tolerance=zero_growth_tolerance,
    )
    native = _native.growth_accounting(*columns, **options)
    return GrowthAccountingResult(native, index_of(output, year, capital, labour))


def _selection(columns: Any) -> list[str]:
    """The value columns asked for, in the core's order."""
    if columns is None:
        return list(COLUMNS)
    if isinstance(columns, str):
        columns = [columns]
    try:
        wanted = [str(c) for c in columns]
    except TypeError:
        raise InvalidParameterError(
            f"`columns` must be a list of column names, got {columns!r}"
        ) from None
    unknown = [c for c in wanted if c not in COLUMNS]
    if unknown:
        raise InvalidParameterError(
            f"unknown column(s) {', '.join(map(repr, unknown))} in `columns`; "
            f"expected some of {', '.join(COLUMNS)}"
        )
    return [c for c in COLUMNS if c in wanted]


def _buffers(n: int, selection: list[str], out: Any) -> dict[str, np.ndarray]:
    """The arrays the core writes: the caller's ``out`` arrays where given, new ones else."""
    names = ["growth_defined", *selection]
    names += sorted({COLUMNS[c] for c in selection} - {"growth_defined"})
    given = {} if out is None else dict(out)
    extra = [k for k in given if k not in names]
    if extra:
        raise InvalidParameterError(
            f"`out` has array(s) for {', '.join(map(repr, extra))}, which this call does not "
            f"write (columns written: {', '.join(names)})"
        )
    buffers: dict[str, np.ndarray] = {}
    for name in names:
        dtype = np.bool_ if name in MASKS else np.float64
        if name in given:
            array = given[name]
            if not isinstance(array, np.ndarray) or array.dtype != dtype or array.ndim != 1:
                raise InvalidParameterError(
                    f"`out[{name!r}]` must be a one-dimensional numpy array of {np.dtype(dtype)}"
                )
            buffers[name] = array
        else:
            buffers[name] = np.empty(n, dtype=dtype)
    return buffers


@typed_errors
def growth_accounting_panel(
    entity: Any,
    year: Any,
    output: Any,
    capital: Any,
    labour: Any,
    *,
    labour_share: Any,
    hours: Any = None,
    human_capital: Any = None,
    profile: Profile = "tornqvist",
    base_year: int | None = None,
    nan_policy: NanPolicy = "raise",
    zero_growth_tolerance: float | None = None,
    columns: Any = None,
    out: Any = None,
) -> PanelAccountingResult:
    """Growth accounting of many entities (provinces, sectors, firms) in one call.

    Rows may come in any order; results are aligned with the input rows. Each entity's first
    year has undefined growth. Entities may be integers (passed as they are) or labels
    (strings, categories), which name the entity in error messages. Arguments as
    :func:`growth_accounting`, and:

    Args:
        columns: the value columns to compute (default: all of :data:`COLUMNS`); only these
            are computed and written, with the masks they need (``growth_defined`` always).
        out: caller-owned numpy arrays to write into, by column or mask name (one element
            per row; float64 for values, bool for masks); the result holds these very arrays.

    Rows in (entity, year) order are processed in one pass; other orders are put in order in
    linear time.

    >>> r = growth_accounting_panel(["b", "a", "b", "a"], [2001, 2000, 2000, 2001],
    ...                             [2.2, 1.0, 2.0, 1.1], [4, 2, 4, 2], [1, 1, 1, 1],
    ...                             labour_share=0.6)
    >>> r["growth_defined"].tolist()
    [True, False, False, True]
    """
    codes, labels = entity_codes(entity)
    inputs, options = _arguments(
        year, output, capital, labour, labour_share, hours, human_capital,
        profile=profile, base_year=base_year, nan_policy=nan_policy,
        zero_growth_tolerance=zero_growth_tolerance,
    )
    buffers = _buffers(len(inputs[0]), _selection(columns), out)
    provenance = _native.growth_accounting_panel(
        codes, *inputs, buffers, entity_labels=labels, **options
    )
    raw_entity = entity.to_numpy() if hasattr(entity, "to_numpy") else np.asarray(entity)
    result_columns = {"year": inputs[0], **buffers}
    return PanelAccountingResult(
        result_columns, provenance, raw_entity, index_of(output, entity, year, capital, labour)
    )


PWT_COLUMNS = ("countrycode", "year", "rgdpna", "rkna", "emp", "avh", "hc", "labsh", "cgdpo", "ck")


@typed_errors
def pwt_tfp(frame: pd.DataFrame, *, reference: str = "USA") -> pd.DataFrame:
    """Penn World Table 10.01's ``rtfpna`` (TFP at constant national prices, 2017 = 1) and
    ``ctfp`` (TFP level at current PPPs, ``reference`` = 1) from PWT's own inputs.

    ``frame`` has PWT's columns ``countrycode, year, rgdpna, rkna, emp, avh, hc, labsh, cgdpo,
    ck`` (missing values as NaN). Hours follow PWT's rules (interpolated inside a country's
    published span, extended with the reference country's growth outside it). Returns a
    DataFrame ``countrycode, year, rtfpna, ctfp`` with ``frame``'s index; undefined values
    are ``<NA>``. Feenstra, Inklaar & Timmer (2015), AER 105(10).
    """
    import pandas as pd

    missing = [c for c in PWT_COLUMNS if c not in frame.columns]
    if missing:
        raise InvalidParameterError(
            f"the frame lacks PWT column(s) {', '.join(missing)}; expected {', '.join(PWT_COLUMNS)}"
        )
    codes, labels = entity_codes(frame["countrycode"].astype(str))
    assert labels is not None
    if len(codes) == 0:
        raise EmptySeriesError("series `countrycode` is empty: at least 1 observation(s) are needed")
    if reference not in labels:
        raise InvalidParameterError(
            f"the reference country `{reference}` is not in the frame: PWT's hours and ctfp "
            "are relative to it"
        )
    out = _native.pwt_tfp_columns(
        codes,
        labels,
        labels.index(reference),
        year_column("year", frame["year"]),
        *(float_column(c, frame[c]) for c in PWT_COLUMNS[2:]),
    )
    return pd.DataFrame(
        {
            "countrycode": frame["countrycode"].to_numpy(),
            "year": frame["year"].to_numpy(),
            "rtfpna": pd.arrays.FloatingArray(out["rtfpna"], ~out["rtfpna_defined"]),
            "ctfp": pd.arrays.FloatingArray(out["ctfp"], ~out["ctfp_defined"]),
        },
        index=frame.index,
    )
