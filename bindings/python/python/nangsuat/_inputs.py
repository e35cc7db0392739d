"""Conversion of array-likes (lists, numpy, pandas, polars, pyarrow) to the contiguous
buffers the core borrows without copying."""

from __future__ import annotations

from typing import Any

import numpy as np

from .exceptions import InvalidParameterError


def float_column(name: str, values: Any) -> np.ndarray:
    """``values`` as a contiguous float64 array: no copy for a contiguous float64 numpy array
    (or a pandas/polars column backed by one); one conversion otherwise."""
    try:
        array = np.ascontiguousarray(_values(values, float_na=True), dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidParameterError(f"`{name}` cannot be read as numbers: {exc}") from None
    if array.ndim != 1:
        raise InvalidParameterError(f"`{name}` must be one-dimensional, got shape {array.shape}")
    return array


def year_column(name: str, values: Any) -> np.ndarray:
    """Years as contiguous int32 (converted once from int64, checked to be whole numbers)."""
    raw = np.asarray(_values(values))
    if raw.ndim != 1:
        raise InvalidParameterError(f"`{name}` must be one-dimensional, got shape {raw.shape}")
    if raw.dtype.kind == "f":
        bad = ~np.isfinite(raw) | (raw != np.round(raw))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidParameterError(
                f"`{name}` has {raw[i]!r} in row {i}: years must be whole numbers"
            )
    elif raw.dtype.kind not in "iu":
        raise InvalidParameterError(f"`{name}` must hold integer years, got dtype {raw.dtype}")
    if raw.size and (raw.min() < np.iinfo(np.int32).min or raw.max() > np.iinfo(np.int32).max):
        raise InvalidParameterError(f"`{name}` holds a year outside the 32-bit range")
    return np.ascontiguousarray(raw, dtype=np.int32)


def entity_codes(values: Any) -> tuple[np.ndarray, list[str] | None]:
    """Entities as int64 codes. Integer entities are passed as they are; other labels are
    factorised in linear time (a hash table; the labels sorted), and the labels are returned
    to name entities in messages and results. A missing label (None, NaN) is an error."""
    raw = np.asarray(_values(values))
    if raw.ndim != 1:
        raise InvalidParameterError(f"`entity` must be one-dimensional, got shape {raw.shape}")
    if raw.dtype.kind in "iu":
        return np.ascontiguousarray(raw, dtype=np.int64), None
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        uniques, codes = np.unique(raw.astype(str), return_inverse=True)
        return np.ascontiguousarray(codes, dtype=np.int64), [str(u) for u in uniques]
    codes, uniques = pd.factorize(raw, sort=True, use_na_sentinel=True)
    if codes.size and codes.min() < 0:
        i = int(np.flatnonzero(codes < 0)[0])
        raise InvalidParameterError(
            f"`entity` has a missing label ({raw[i]!r}) in row {i}: every row needs an entity"
        )
    return np.ascontiguousarray(codes, dtype=np.int64), [str(u) for u in uniques]


def index_of(*values: Any) -> Any:
    """The pandas index of the first argument that has one (a Series), else None."""
    for v in values:
        index = getattr(v, "index", None)
        if index is not None and hasattr(v, "to_numpy") and not callable(index):
            return index
    return None


def _values(values: Any, float_na: bool = False) -> Any:
    """numpy view of a pandas/polars/pyarrow column (missing values as NaN when `float_na`),
    or the object itself."""
    to_numpy = getattr(values, "to_numpy", None)
    if callable(to_numpy) and not isinstance(values, np.ndarray):
        if isinstance(getattr(values, "dtype", None), np.dtype):
            return to_numpy()  # numpy-backed pandas column: a view, no copy
        if float_na:
            try:  # pandas: nullable columns become NaN, not object arrays of pd.NA
                return to_numpy(dtype=np.float64, na_value=np.nan)
            except TypeError:
                pass
        return to_numpy()
    return values


def matrix(name: str, values: Any) -> tuple[np.ndarray, list[str] | None]:
    """A 2-D C-contiguous float64 matrix (one row per unit) and its column names.

    Accepts a DataFrame (its columns are the variables, named after them), a Series or 1-D
    array (one variable), or a 2-D array-like. A C-contiguous float64 array is not copied.
    """
    names: list[str] | None = None
    columns = getattr(values, "columns", None)
    if columns is not None and hasattr(values, "to_numpy"):
        names = [str(c) for c in columns]
        frame_values = [float_column(f"{name}[{c!r}]", values[c]) for c in columns]
        array = (
            np.column_stack(frame_values) if frame_values else np.empty((len(values), 0))
        )
    else:
        raw = _values(values, float_na=True)
        try:
            array = np.asarray(raw, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InvalidParameterError(f"`{name}` cannot be read as numbers: {exc}") from None
        if array.ndim == 1:
            series_name = getattr(values, "name", None)
            names = [str(series_name)] if series_name is not None else None
            array = array.reshape(-1, 1)
    if array.ndim != 2:
        raise InvalidParameterError(
            f"`{name}` must be a table with one row per unit, got shape {array.shape}"
        )
    return np.ascontiguousarray(array, dtype=np.float64), names
