"""Conversion of array-likes (lists, numpy, pandas, polars, pyarrow) to the contiguous
buffers the core borrows without copying."""

from __future__ import annotations

from typing import Any

import numpy as np

from .exceptions import InvalidParameterError, InvalidTypeError


# What a column of quantities cannot be, by numpy dtype kind: converting these to float64
# would silently drop an imaginary part, turn True into 1.0, a date into days since 1970, or
# parse text.
_NOT_QUANTITIES = {
    "c": "complex numbers",
    "b": "booleans (True/False)",
    "M": "dates or times",
    "m": "time spans",
    "U": "text",
    "S": "bytes",
    "V": "raw records",
}


def _reject_non_quantities(name: str, raw: Any) -> None:
    """Raises a typed error when ``raw`` holds values that are not real numbers."""
    kind = getattr(getattr(raw, "dtype", None), "kind", None)
    if kind in _NOT_QUANTITIES:
        raise InvalidParameterError(
            f"`{name}` holds {_NOT_QUANTITIES[kind]} (dtype {raw.dtype}): expected real numbers"
        )
    if kind == "O" or (kind is None and isinstance(raw, (list, tuple))):
        for i, v in enumerate(raw):
            if v is None or isinstance(v, (int, float, np.integer, np.floating)):
                if isinstance(v, (bool, np.bool_)):
                    raise InvalidParameterError(
                        f"`{name}` has {v!r} in row {i}: expected a real number, not a boolean"
                    )
                continue
            if isinstance(v, (complex, np.complexfloating)):
                raise InvalidParameterError(
                    f"`{name}` has {v!r} in row {i}: expected a real number, not a complex one"
                )
            if v is getattr(np.ma, "masked", object()) or _is_missing(v):
                continue
            raise InvalidParameterError(
                f"`{name}` has {v!r} ({type(v).__name__}) in row {i}: expected a real number"
            )


def _is_missing(v: Any) -> bool:
    """pandas.NA / NaT-like scalars (without importing pandas)."""
    return type(v).__name__ in ("NAType", "NaTType")


def _masked_as_nan(raw: Any) -> Any:
    """A numpy masked array with its masked values as NaN (missing), never their fill value."""
    if isinstance(raw, np.ma.MaskedArray):
        if raw.dtype.kind in "iuf":
            return np.ma.filled(raw.astype(np.float64), np.nan)
        return np.ma.filled(raw)
    return raw


def number(name: str, value: Any) -> float:
    """A real-number parameter: an int or float (numpy scalars included); not text, a
    boolean or a complex number."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (int, float, np.integer, np.floating)
    ):
        raise InvalidParameterError(
            f"`{name}` = {value!r} ({type(value).__name__}): expected a real number"
        )
    return float(value)


def whole_year(name: str, value: Any) -> int:
    """A year parameter: a whole number (2020 or 2020.0), not 2020.5, text or a boolean."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (int, float, np.integer, np.floating)
    ):
        raise InvalidParameterError(
            f"`{name}` = {value!r} ({type(value).__name__}): expected a year (a whole number)"
        )
    if isinstance(value, (float, np.floating)) and not float(value).is_integer():
        raise InvalidParameterError(f"`{name}` = {value!r}: a year is a whole number")
    year = int(value)
    if not np.iinfo(np.int32).min <= year <= np.iinfo(np.int32).max:
        raise InvalidParameterError(f"`{name}` = {value!r} is outside the 32-bit year range")
    return year


def float_column(name: str, values: Any) -> np.ndarray:
    """``values`` as a contiguous float64 array: no copy for a contiguous float64 numpy array
    (or a pandas/polars column backed by one); one conversion otherwise. Masked values are
    missing (NaN); complex numbers, booleans, dates and text are typed errors."""
    if values is None:
        raise InvalidTypeError(f"`{name}` is None: expected an array of numbers")
    raw = _masked_as_nan(_values(values, float_na=True))
    if np.ndim(raw) == 0:
        raise InvalidParameterError(
            f"`{name}` = {values!r} is a single value: expected one value per row"
        )
    _reject_non_quantities(name, raw)
    try:
        array = np.ascontiguousarray(raw, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidParameterError(f"`{name}` cannot be read as numbers: {exc}") from None
    if array.ndim != 1:
        raise InvalidParameterError(f"`{name}` must be one-dimensional, got shape {array.shape}")
    return array


def year_column(name: str, values: Any) -> np.ndarray:
    """Years as contiguous int32 (converted once from int64, checked to be whole numbers)."""
    raw = _values(values)
    if isinstance(raw, np.ma.MaskedArray) and np.ma.is_masked(raw):
        i = int(np.flatnonzero(np.ma.getmaskarray(raw))[0])
        raise InvalidParameterError(f"`{name}` has a masked (missing) year in row {i}")
    _reject_non_quantities(name, raw)
    try:
        raw = np.asarray(raw)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidParameterError(f"`{name}` cannot be read as years: {exc}") from None
    if raw.dtype.kind == "O":
        try:
            raw = raw.astype(np.float64)
        except (TypeError, ValueError, OverflowError) as exc:
            raise InvalidParameterError(f"`{name}` cannot be read as years: {exc}") from None
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
    if raw.size == 0:
        # No rows: no label to type-check; the core says what is empty.
        return np.zeros(0, dtype=np.int64), (None if raw.dtype.kind in "iu" else [])
    if raw.dtype.kind in "iu":
        if raw.dtype == np.uint64 and raw.size and raw.max() > np.iinfo(np.int64).max:
            raise InvalidParameterError("`entity` holds a code beyond the 64-bit signed range")
        return np.ascontiguousarray(raw, dtype=np.int64), None
    if raw.dtype.kind in "fcbMm":
        raise InvalidParameterError(
            f"`entity` holds {raw.dtype} values: entities are labels or integer codes"
        )
    # Labels: a missing label is an error (never an entity named "nan" or "None"), and labels
    # of different types stay different entities (1 and "1" are two entities).
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        pd = None
    if pd is not None:
        # Linear time in C: factorize hashes the objects themselves, so 1 and "1" differ.
        codes, uniques = pd.factorize(raw, sort=False, use_na_sentinel=True)
        if codes.size and codes.min() < 0:
            i = int(np.flatnonzero(codes < 0)[0])
            raise InvalidParameterError(
                f"`entity` is missing in row {i} ({raw[i]!r}): every row needs one"
            )
        keys = [(type(v).__name__, str(v)) for v in uniques]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        rank = np.empty(len(keys), dtype=np.int64)
        rank[order] = np.arange(len(keys), dtype=np.int64)
        codes = rank[codes]
        uniques_sorted = [keys[k] for k in order]
    else:
        keys = []
        for i, v in enumerate(raw.tolist()):
            if v is None or _is_missing(v) or (isinstance(v, float) and v != v):
                raise InvalidParameterError(
                    f"`entity` is missing in row {i}: every row needs one"
                )
            keys.append((type(v).__name__, str(v)))
        uniques_sorted = sorted(set(keys))
        code_of = {k: c for c, k in enumerate(uniques_sorted)}
        codes = np.fromiter((code_of[k] for k in keys), dtype=np.int64, count=len(keys))
    labels = [label for _, label in uniques_sorted]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    if any(n > 1 for n in seen.values()):
        labels = [
            f"{label} ({kind})" if seen[label] > 1 else label for kind, label in uniques_sorted
        ]
    return np.ascontiguousarray(codes, dtype=np.int64), labels


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
        if values is None:
            raise InvalidTypeError(f"`{name}` is None: expected a table of numbers")
        raw = _masked_as_nan(_values(values, float_na=True))
        _reject_non_quantities(name, raw if np.ndim(raw) != 2 else np.asarray(raw))
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
