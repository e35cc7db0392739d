"""Observations.from_tables: the committed mappings (mappings/) on the published samples
(crates/nangsuat/tests/fixtures/published); provenance and the cells' status survive to_csv."""

from __future__ import annotations

from pathlib import Path

import pytest

import nangsuat as ns
from nangsuat import exceptions
from conftest import REPO

PUBLISHED = REPO / "crates" / "nangsuat" / "tests" / "fixtures" / "published"
MAPPINGS = REPO / "mappings"


def test_labour_productivity_table_keeps_cell_and_status() -> None:
    obs = ns.Observations.from_tables(
        [PUBLISHED / "nso_xlsx" / "24_labour_productivity_by_province_2018_2024.xlsx"],
        MAPPINGS / "nso_e02_58_labour_productivity.toml",
    )
    assert len(obs) == 490
    rows = [r for r in obs.rows() if r["scope"] == "ha_noi" and r["when"] == {"year": 2024}]
    assert len(rows) == 1
    hn = rows[0]
    assert hn["value"] == 345.63
    assert hn["preliminary"] is True
    assert hn["provenance"]["cell"] == "E02.58!H6"
    assert hn["provenance"]["table"] == "E02.58"
    assert hn["provenance"]["status"] == "preliminary"
    again = ns.Observations.from_csv(obs.to_csv())
    assert again.rows() == obs.rows()


def test_many_tables_one_set_and_units_converted() -> None:
    obs = ns.Observations.from_tables(
        PUBLISHED / "gso_monthly_xlsx" / "2024-12-29-02.Bieu-T12.2024.xlsx",
        MAPPINGS / "gso_monthly_employment.toml",
    )
    (row,) = obs.rows()
    assert row["unit"] == "million_persons"
    assert row["value"] == pytest.approx(51.872110782854455, rel=1e-15)
    assert row["provenance"]["status"] == "estimate"
    assert "estimate" in obs.to_csv()


def test_missing_cells_warn_and_errors_are_typed(tmp_path: Path) -> None:
    px = tmp_path / "t.px"
    px.write_text(
        'MATRIX="T";\nSTUB="year";\nVALUES("year")="2023","2024";\nDATA=51300 "..";\n',
        encoding="utf-8",
    )
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        'schema_version = 1\nid = "t"\nsource = { citation = "c", evidence = "confirmed" }\n'
        'territory = { scope = "viet_nam" }\n[[series]]\nindicator = "employed_persons"\n'
        'unit = "thousand_persons"\n',
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match=r"2024.*'\.\.'"):
        obs = ns.Observations.from_tables([px], mapping)
    assert len(obs) == 1
    bad = tmp_path / "bad.toml"
    bad.write_text(mapping.read_text(encoding="utf-8") + "colour = 1\n", encoding="utf-8")
    with pytest.raises(exceptions.ParseError, match="colour"):
        ns.Observations.from_tables([px], bad)
    with pytest.raises(ValueError):
        ns.Observations.from_tables([px], bad)


def test_frame_round_trip_keeps_provenance() -> None:
    pytest.importorskip("pandas")
    obs = ns.Observations.from_tables(
        PUBLISHED / "nso_xlsx" / "24_labour_productivity_by_province_2018_2024.xlsx",
        MAPPINGS / "nso_e02_58_labour_productivity.toml",
    )
    frame = obs.to_pandas()
    hn = frame[(frame.scope == "ha_noi") & (frame.year == "2024")].iloc[0]
    assert (hn["status"], hn["source_cell"]) == ("preliminary", "E02.58!H6")
    assert ns.Observations.from_frame(frame).rows() == obs.rows()
