"""nangsuat.read_table on every published sample (crates/nangsuat/tests/fixtures/published,
byte-for-byte copies of shared/data/published) and on the hand-written quirk files."""

from __future__ import annotations

import math

import numpy as np
import pytest

import nangsuat as ns
from nangsuat import exceptions

from conftest import REPO

pd = pytest.importorskip("pandas")

PUBLISHED = REPO / "crates" / "nangsuat" / "tests" / "fixtures" / "published"
QUIRKS = REPO / "crates" / "nangsuat" / "tests" / "fixtures" / "ingest"
MISSING = {"not_available", "not_applicable", "nil", "confidential", "unreadable"}

FILES = [
    ("pcaxis/NAAC01_20230728-205316.px", 6720, 1445),
    ("pcaxis/27067.px", 812, 460),
    ("nso_jsonstat/E02.01.json", 2940, 0),
    ("jsonstat2/oecd.json", 432, 0),
    ("nsdp_sdmx/GDPVNM.xml", 5818, 0),
    ("gso_csv/vietnam-2020-average-population-by-province.csv", 70, 0),
    ("nso_xlsx/24_labour_productivity_by_province_2018_2024.xlsx", 490, 0),
    ("gso_monthly_xlsx/2024-12-29-02.Bieu-T12.2024.xlsx", 168, 0),
]


@pytest.mark.parametrize(("name", "cells", "missing"), FILES)
def test_every_published_file(name: str, cells: int, missing: int) -> None:
    df = ns.read_table(PUBLISHED / name)
    assert len(df) == cells
    assert df["value"].dtype == np.float64
    is_missing = df["status"].isin(MISSING)
    # NaN exactly where the status is a missing status.
    assert (df["value"].isna() == is_missing).all()
    assert int(is_missing.sum()) == missing
    assert df.attrs["format"] in {"px", "jsonstat", "sdmx", "csv", "xlsx"}
    for dim in df.attrs["dimensions"]:
        assert dim["column"] in df.columns
        assert f"{dim['column']}_code" in df.columns


def test_pcaxis_values_and_symbols() -> None:
    df = ns.read_table(PUBLISHED / "pcaxis" / "NAAC01_20230728-205316.px")
    row = df[
        (df["reporting country_code"] == "EU")
        & (df["national accounts indicator_code"] == "P7")
        & (df["unit_dim_code"] == "PCGDP")  # "unit" is a fixed column
        & (df["time_code"] == "2022")
    ]
    assert row["value"].item() == pytest.approx(54.30)
    assert row["period"].item() == "2022"
    missing = df[df["value"].isna()]
    assert set(missing["symbol"]) == {".."}
    assert df.attrs["table_id"] == "NAAC01"
    assert df.attrs["language"] == "en"


def test_xlsx_preliminary_year_and_location() -> None:
    df = ns.read_table(PUBLISHED / "nso_xlsx" / "24_labour_productivity_by_province_2018_2024.xlsx")
    hn = df[(df["row_code"] == "Ha Noi") & (df["time"] == "Prel. 2024")]
    assert hn["value"].item() == pytest.approx(345.63)
    assert hn["status"].item() == "preliminary"
    assert hn["period"].item() == "2024"
    assert hn["location"].item() == "E02.58!H6"


def test_monthly_workbook_sheet_and_units() -> None:
    path = PUBLISHED / "gso_monthly_xlsx" / "2024-12-29-02.Bieu-T12.2024.xlsx"
    df = ns.read_table(path, sheet="47.Laodong")
    assert df.attrs["unit"] == "Nghìn người"
    emp = df[(df["row_code"] == "Lao động có việc làm [A16]") & (df["time"] == "Ước tính năm 2024")]
    assert emp["value"].item() == pytest.approx(51872.110782854455)
    assert emp["status"].item() == "estimate"
    assert emp["unit"].item() == "Nghìn người"
    share = df[(df["row_code"] == "Nam [A25]") & (df["time"] == "Ước tính năm 2024")]
    assert share["unit"].item() == "Cơ cấu - %"
    with pytest.raises(exceptions.InvalidParameterError, match="6NN"):
        ns.read_table(path, sheet="no such sheet")
    gdp = ns.read_table(path, sheet=3)  # 1-based position: "2. GDP SS"
    assert gdp.attrs["table_id"] == "2. GDP SS"


def test_sdmx_multiplier_and_quarters() -> None:
    df = ns.read_table(PUBLISHED / "nsdp_sdmx" / "GDPVNM.xml")
    q = df[(df["INDICATOR_code"] == "NGDP_R_PA_XDC") & (df["TIME_PERIOD_code"] == "2024-Q3")]
    assert q["value"].item() == pytest.approx(1561963.0887278125)
    assert q["unit_multiplier"].item() == 9
    assert q["period"].item() == "2024-Q3"


def test_jsonstat_status_estimate() -> None:
    df = ns.read_table(PUBLISHED / "jsonstat2" / "oecd.json")
    assert (df["status"] == "estimate").sum() == 72
    assert set(df.loc[df["status"] == "estimate", "symbol"]) == {"e"}


def test_languages_and_keys() -> None:
    vi = ns.read_table(QUIRKS / "keys_languages_cellnote.px")
    en = ns.read_table(QUIRKS / "keys_languages_cellnote.px", language="en")
    assert vi.attrs["title"] == "Năng suất lao động theo tỉnh"
    assert en.attrs["title"] == "Labour productivity by province"
    assert list(en.columns[:2]) == ["Province", "Province_code"]
    assert len(vi) == len(en) == 12
    with pytest.raises(exceptions.InvalidParameterError, match="vi, en"):
        ns.read_table(QUIRKS / "keys_languages_cellnote.px", language="fr")


def test_parse_errors_name_the_file(tmp_path) -> None:
    bad = tmp_path / "bad.px"
    bad.write_bytes(b'STUB="a";\nVALUES("a")="x","y";\nDATA=1 2 3;')
    with pytest.raises(exceptions.ParseError, match=r"bad\.px.*DATA has 3 values.*need 2"):
        ns.read_table(bad)
    with pytest.raises(ValueError):  # ParseError is also a ValueError
        ns.read_table(bad)
    with pytest.raises(exceptions.InvalidParameterError, match="not a table format"):
        ns.read_table(bad, format="docx")  # type: ignore[arg-type]
    with pytest.raises(exceptions.NangsuatIOError):
        ns.read_table(tmp_path / "missing.csv")


def test_value_is_never_nan_without_a_status() -> None:
    for name, _, _ in FILES:
        df = ns.read_table(PUBLISHED / name)
        nan_rows = df[df["value"].isna()]
        assert nan_rows["status"].notna().all()
        assert all(isinstance(v, float) and not math.isinf(v) for v in df["value"])


def test_readme_read_table_example_runs(monkeypatch) -> None:
    """The README's ``py`` block of the ingest section, run from the repository root (its
    workbook and multilingual file names are placeholders, swapped for the fixtures)."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reading published tables", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```py\n(.*?)```", section, flags=re.S)
    block = block.replace(
        '"Bieu-T12.2024.xlsx"',
        repr(str(PUBLISHED / "gso_monthly_xlsx" / "2024-12-29-02.Bieu-T12.2024.xlsx")),
    ).replace('"table.px"', repr(str(QUIRKS / "keys_languages_cellnote.px")))
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    df = namespace["df"]
    assert df.attrs["table_id"] == "NAAC01"  # type: ignore[attr-defined]
