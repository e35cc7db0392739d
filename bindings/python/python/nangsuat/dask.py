"""The panel functions on a Dask cluster (``pip install nangsuat[dask]``).

The same calls as the in-memory functions, on a :class:`dask.dataframe.DataFrame`:

* :func:`growth_accounting_panel` — the rows are arranged so that each entity's rows sit in
  one partition (a hash shuffle on the entity column, unless the frame is already indexed by
  the entity with known divisions), then one core call per partition, with the GIL released.
  The result has the same columns and, row for row, the same values (to the bit) as
  :func:`nangsuat.growth_accounting_panel` on the same rows, with the frame's index.
* :func:`dea_by_group` and :func:`malmquist_by_group` — one frontier per group (an industry ×
  year, a region): the frame is shuffled by group and each group is one core call.

Everything runs wherever the frame's scheduler runs: threads, processes, or a
``distributed`` cluster (``Client("tcp://scheduler:8786")``); nangsuat must be installed on the
workers. A nangsuat error raised in a worker reaches the caller as the same
:class:`~nangsuat.exceptions.NangsuatError` subclass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .accounting import COLUMNS, Profile, growth_accounting_panel as _panel
from .efficiency import dea as _dea, malmquist as _malmquist
from .exceptions import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["growth_accounting_panel", "dea_by_group", "malmquist_by_group"]


def _require(frame: Any, names: list[str]) -> None:
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise InvalidParameterError(
            f"the frame has no column(s) {', '.join(map(repr, missing))}; "
            f"it has {', '.join(map(str, frame.columns))}"
        )


def _by_entity(frame: dd.DataFrame, entity: str, partitioned: bool) -> dd.DataFrame:
    """``frame`` with every entity's rows in one partition (shuffled only when needed)."""
    if partitioned or frame.npartitions == 1:
        return frame
    return frame.shuffle(on=entity)


def _accounting_partition(part: pd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    if len(part) == 0:
        # The core refuses an empty panel (an empty input is an error, not an empty answer),
        # but an empty partition is ordinary here: it gets the columns and types of a result,
        # computed on one valid probe row, with no rows and the partition's (empty) index.
        return _accounting_rows(_probe(part, kwargs), kwargs).iloc[:0].set_axis(part.index)
    return _accounting_rows(part, kwargs)


def _probe(part: pd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    """One valid row with the partition's entity kind (integer or label)."""
    import pandas as pd

    entity = part[kwargs["entity"]]
    label: Any = 0 if pd.api.types.is_integer_dtype(entity.dtype) else "probe"
    row: dict[str, list[Any]] = {kwargs["entity"]: [label], kwargs["year"]: [2000]}
    for name in ("output", "capital", "labour", "hours", "human_capital"):
        if kwargs[name] is not None:
            row[kwargs[name]] = [1.0]
    if isinstance(kwargs["labour_share"], str):
        row[kwargs["labour_share"]] = [0.5]
    return pd.DataFrame(row)


def _accounting_rows(part: pd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    share = kwargs["labour_share"]
    column = lambda name: None if name is None else part[name]  # noqa: E731
    result = _panel(
        part[kwargs["entity"]],
        part[kwargs["year"]],
        part[kwargs["output"]],
        part[kwargs["capital"]],
        part[kwargs["labour"]],
        labour_share=part[share] if isinstance(share, str) else share,
        hours=column(kwargs["hours"]),
        human_capital=column(kwargs["human_capital"]),
        profile=kwargs["profile"],
        base_year=kwargs["base_year"],
        nan_policy=kwargs["nan_policy"],
        zero_growth_tolerance=kwargs["zero_growth_tolerance"],
        columns=kwargs["columns"],
    )
    frame = result.to_pandas()
    frame.attrs.clear()  # provenance differs by nothing but is not a Dask-friendly attribute
    return frame.rename(columns={"entity": kwargs["entity"]})


def growth_accounting_panel(
    frame: dd.DataFrame,
    *,
    entity: str,
    year: str,
    output: str,
    capital: str,
    labour: str,
    labour_share: str | float,
    hours: str | None = None,
    human_capital: str | None = None,
    profile: Profile = "tornqvist",
    columns: list[str] | None = None,
    base_year: int | None = None,
    nan_policy: str = "raise",
    zero_growth_tolerance: float | None = None,
    partitioned_by_entity: bool = False,
) -> dd.DataFrame:
    """Growth accounting of a panel held in a Dask DataFrame.

    Column arguments name columns of ``frame``; ``labour_share`` is a column name or one
    number. Returns a lazy DataFrame with the in-memory result's columns (``entity`` under
    the frame's entity column name, ``year``, then the value columns as nullable
    ``Float64``, ``<NA>`` where undefined), indexed by the frame's index: join it back on the
    index. ``partitioned_by_entity=True`` says each entity's rows already sit in one
    partition (files written by entity range, a frame shuffled before): no shuffle then; an
    entity split across partitions would be computed as several entities, so say it only when
    it is true. Other arguments as :func:`nangsuat.growth_accounting_panel`.

    >>> import dask.dataframe as dd, pandas as pd
    >>> df = pd.DataFrame({"firm": ["b", "a", "b", "a"], "year": [2001, 2000, 2000, 2001],
    ...                    "va": [2.2, 1.0, 2.0, 1.1], "k": [4.0, 2, 4, 2], "l": [1.0, 1, 1, 1]})
    >>> out = growth_accounting_panel(dd.from_pandas(df, npartitions=2), entity="firm",
    ...     year="year", output="va", capital="k", labour="l", labour_share=0.6,
    ...     columns=["tfp_growth"]).compute().sort_index()
    >>> out["tfp_growth"].round(6).tolist()
    [0.09531, <NA>, <NA>, 0.09531]
    """
    names = [entity, year, output, capital, labour]
    names += [c for c in (hours, human_capital) if c is not None]
    if isinstance(labour_share, str):
        names.append(labour_share)
    _require(frame, names)
    kwargs = dict(
        entity=entity, year=year, output=output, capital=capital, labour=labour,
        labour_share=labour_share, hours=hours, human_capital=human_capital, profile=profile,
        base_year=base_year, nan_policy=nan_policy,
        zero_growth_tolerance=zero_growth_tolerance, columns=columns,
    )
    # The schema, from the same function on the empty frame (checks the arguments too).
    meta = _accounting_partition(frame._meta, kwargs)
    arranged = _by_entity(frame, entity, partitioned_by_entity)
    return arranged.map_partitions(
        _accounting_partition, kwargs, meta=meta, enforce_metadata=False, align_dataframes=False
    )


def _group_keys(group: pd.DataFrame, by: list[str]) -> list[tuple[str, Any]]:
    """The group's key values (pandas passes them as the group's name, not as columns)."""
    key = group.name
    values = key if isinstance(key, tuple) else (key,)
    return list(zip(by, values))


def _dea_group(group: pd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    if len(group) == 0:
        return kwargs["meta"].iloc[:0]
    result = _dea(
        group[kwargs["inputs"]],
        group[kwargs["outputs"]],
        orientation=kwargs["orientation"],
        rts=kwargs["rts"],
        slacks=kwargs["slacks"],
    ).to_pandas()
    for name, value in reversed(_group_keys(group, kwargs["by"])):
        result.insert(0, name, np.repeat(np.asarray([value]), len(result)))
    return result


def dea_by_group(
    frame: dd.DataFrame,
    *,
    by: str | list[str],
    inputs: list[str],
    outputs: list[str],
    orientation: str = "input",
    rts: str = "crs",
    slacks: bool = True,
) -> dd.DataFrame:
    """DEA with one frontier per group (e.g. ``by=["industry", "year"]``): each group is one
    call of :func:`nangsuat.dea` on its rows, run where the group's partition lives. Returns
    the groups' :meth:`~nangsuat.efficiency.DeaResult.to_pandas` frames, the ``by`` columns
    first, indexed by the frame's index."""
    by = [by] if isinstance(by, str) else list(by)
    _require(frame, [*by, *inputs, *outputs])
    kwargs: dict[str, Any] = dict(
        by=by, inputs=list(inputs), outputs=list(outputs), orientation=orientation, rts=rts,
        slacks=slacks,
    )
    kwargs["meta"] = _dea_meta(frame, kwargs)
    return frame.groupby(by, group_keys=False).apply(_dea_group, kwargs, meta=kwargs["meta"])


def _dea_meta(frame: dd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    """The schema of a group's result, from a one-unit problem (empty, the frame's dtypes)."""
    import pandas as pd

    one = pd.DataFrame({c: [1.0] for c in [*kwargs["inputs"], *kwargs["outputs"]]})
    result = _dea(
        one[kwargs["inputs"]], one[kwargs["outputs"]], orientation=kwargs["orientation"],
        rts=kwargs["rts"], slacks=kwargs["slacks"],
    ).to_pandas().iloc[:0]
    for name in reversed(kwargs["by"]):
        result.insert(0, name, pd.Series(dtype=frame._meta[name].dtype))
    return result.set_axis(frame._meta.index[:0])


def _malmquist_group(group: pd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    if len(group) == 0:
        return kwargs["meta"].iloc[:0]
    result = _malmquist(
        group[kwargs["unit"]],
        group[kwargs["period"]],
        group[kwargs["inputs"]],
        group[kwargs["outputs"]],
        orientation=kwargs["orientation"],
        rts=kwargs["rts"],
    ).to_pandas()
    for name, value in reversed(_group_keys(group, kwargs["by"])):
        result.insert(0, name, np.repeat(np.asarray([value]), len(result)))
    return result.reset_index(drop=True)


def malmquist_by_group(
    frame: dd.DataFrame,
    *,
    by: str | list[str],
    unit: str,
    period: str,
    inputs: list[str],
    outputs: list[str],
    orientation: str = "output",
    rts: str = "vrs",
) -> dd.DataFrame:
    """The Malmquist index with one panel per group (e.g. ``by="region"``): each group is one
    call of :func:`nangsuat.malmquist`. Returns the groups' result frames (one row per unit
    and pair of consecutive periods), the ``by`` columns first."""
    by = [by] if isinstance(by, str) else list(by)
    _require(frame, [*by, unit, period, *inputs, *outputs])
    kwargs: dict[str, Any] = dict(
        by=by, unit=unit, period=period, inputs=list(inputs), outputs=list(outputs),
        orientation=orientation, rts=rts,
    )
    kwargs["meta"] = _malmquist_meta(frame, kwargs)
    return frame.groupby(by, group_keys=False).apply(
        _malmquist_group, kwargs, meta=kwargs["meta"]
    )


def _malmquist_meta(frame: dd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    """The schema of a group's result, from a two-unit problem (empty, the frame's dtypes)."""
    import pandas as pd

    toy = pd.DataFrame({c: [1.0] * 4 for c in [*kwargs["inputs"], *kwargs["outputs"]]})
    result = _malmquist(
        [0, 1, 0, 1], [0, 0, 1, 1], toy[kwargs["inputs"]], toy[kwargs["outputs"]],
        orientation=kwargs["orientation"], rts=kwargs["rts"],
    ).to_pandas().iloc[:0]
    result["unit"] = result["unit"].astype(frame._meta[kwargs["unit"]].dtype)
    for name in ("period_from", "period_to"):
        result[name] = result[name].astype(frame._meta[kwargs["period"]].dtype)
    for name in reversed(kwargs["by"]):
        result.insert(0, name, pd.Series(dtype=frame._meta[name].dtype))
    return result.reset_index(drop=True)
