"""Readers of the tables statistics offices publish (``nangsuat::ingest``).

``read_table`` reads PC-Axis ``.px``, JSON-stat (1.x bundles and 2.0), SDMX-ML 2.1 and
SDMX-CSV, XLSX/XLS workbooks and PX-Web CSV exports into one tidy DataFrame:

* one column per dimension with its labels (``<dimension>``) and one with its codes
  (``<dimension>_code``); for the time dimension also ``period`` (ISO: ``2024``,
  ``2024-Q3``, ``2018-06``); a dimension named like a fixed column below (NAAC01's
  ``unit``) gets the suffix ``_dim``;
* ``value`` (float64; NaN exactly where ``status`` is a missing status: ``not_available``,
  ``not_applicable``, ``nil``, ``confidential``, ``unreadable``);
* ``status`` (also ``preliminary``, ``estimate``, ``forecast`` or a publisher's flag),
  ``symbol`` (the text in the file that gave the status: ``..``, ``-``, ``sb``, ``e``),
  ``note``, ``unit``, ``unit_multiplier`` (power of ten, SDMX ``UNIT_MULT``) and
  ``location`` (where the value is in the file);
* the table's metadata in ``DataFrame.attrs`` (``title``, ``unit``, ``unit_multiplier``,
  ``source``, ``last_updated``, ``language``, ``notes``, ``warnings``, ``dimensions``…).

>>> import nangsuat as ns
>>> df = ns.read_table("crates/nangsuat/tests/fixtures/published/pcaxis/27067.px")  # doctest: +SKIP
>>> df.attrs["title"]  # doctest: +SKIP
'Índices nacionales y por comunidad autónoma de divisiones.'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal

from . import _nangsuat as _native

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

TableFormat = Literal["px", "jsonstat", "sdmx", "sdmx-csv", "xlsx", "xls", "csv"]

__all__ = ["read_table", "TableFormat"]


def read_table(
    path: str | os.PathLike[str],
    *,
    format: TableFormat | None = None,
    sheet: str | int | None = None,
    language: str | None = None,
) -> pd.DataFrame:
    """Reads a published table into a tidy pandas DataFrame (see the module docs).

    ``format`` is detected from the bytes when omitted. ``sheet`` picks a workbook sheet
    (name or 1-based position; the first visible sheet by default) or a JSON-stat bundle's
    dataset. ``language`` picks the labels of a multilingual PC-Axis file (``LANGUAGES``);
    the file's own language by default.

    Raises ``nangsuat.exceptions.ParseError`` for a file that is not a table of its format
    (the message names the file, the line or cell, and what was expected),
    ``InvalidParameterError`` for an unknown sheet, language or format, and
    ``NangsuatIOError`` when the file cannot be read.
    """
    import pandas as pd

    columns, meta = _native.read_table_columns(
        os.fspath(path),
        format=format,
        sheet=None if sheet is None else str(sheet),
        language=language,
    )
    df = pd.DataFrame(columns)
    for name in ("status", "symbol", "note", "unit", "location"):
        df[name] = df[name].astype(object)
    df["unit_multiplier"] = df["unit_multiplier"].astype("Int64")
    df.attrs.update(meta)
    return df
