"""Derived indicators and territory names from Python: long tables in, pandas out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import nangsuat as ns

FIXTURES = Path(__file__).resolve().parents[3] / "crates" / "nangsuat" / "tests" / "fixtures"


def test_methods_worked_check_gso_and_tornqvist():
    # METHODS §2: Y 100→107, K 300→321, L 50→51.
    d = ns.provincial_tfp("x", [2020, 2021], [100, 107], [50, 51], capital=[300, 321],
                          capital_share=0.4, periods=[(2021, 2021)])
    f = d.to_pandas()
    tfp = f[(f.indicator == "tfp_growth")].value.iloc[0]
    assert_allclose(tfp, 3.0, atol=1e-12)  # 7 − 0.4·7 − 0.6·2
    share = f[(f.indicator == "tfp_contribution") & (f.start == 2021)].value
    assert_allclose(share.iloc[0], 300 / 7, atol=1e-12)
    assert list(f.columns) == list(ns.derived.DERIVED_COLUMNS)
    assert not f.preliminary.any()
    t = ns.provincial_tfp("x", [2020, 2021], [100, 107], [50, 51], capital=[300, 321],
                          form="tornqvist", labour_share=[0.60, 0.62]).to_pandas()
    assert_allclose(t[t.indicator == "tfp_growth"].value.iloc[0], 2.9192, atol=1e-4)
    assert_allclose(t[t.indicator == "tfp_contribution"].value.iloc[0], 43.15, atol=5e-3)
    assert any("b_K = 0.4" in note for _, note in d.notes)


def test_many_provinces_one_call_with_missing_and_preliminary_inputs():
    frame = pd.DataFrame({
        "province": ["a"] * 4 + ["b"] * 4,
        "year": [2020, 2021, 2022, 2023] * 2,
        "grdp": [100, 105, 110, 116, 50, 52, 55, 57],
        "employed": [10, 10.1, np.nan, 10.3, 5, 5.1, 5.2, 5.3],
        "prelim": [False, False, False, True] * 2,
    })
    g = ns.labour_productivity_growth(frame.province, frame.year, frame.grdp, frame.employed,
                                      preliminary=frame.prelim).to_pandas()
    # a: 2022 employment missing, so only 2021 exists; b: every year.
    assert g[g.scope == "a"].start.tolist() == [2021]
    assert g[g.scope == "b"].start.tolist() == [2021, 2022, 2023]
    assert g[g.scope == "b"].preliminary.tolist() == [False, False, True]
    assert_allclose(g[g.scope == "b"].value.iloc[0], 100 * ((52 / 5.1) / (50 / 5) - 1), rtol=1e-12)
    lp = ns.labour_productivity(frame.province, frame.year, frame.grdp, frame.employed).to_pandas()
    assert len(lp) == 7 and (lp.indicator == "lp_level_const").all()
    gr = ns.growth(frame.province, frame.year, frame.grdp).to_pandas()
    assert_allclose(gr[(gr.scope == "a") & (gr.start == 2021)].value.iloc[0], 5.0, rtol=1e-12)
    avg = ns.growth(frame.province, frame.year, frame.grdp, indicator="grdp_growth_avg",
                    start=2020, end=2023).to_pandas()
    assert_allclose(avg[avg.scope == "a"].value.iloc[0], 100 * (1.16 ** (1 / 3) - 1), rtol=1e-12)
    per = ns.per_10000("x", [2023], [1200], [3600], indicator="researchers_per_10k_pop").to_pandas()
    assert_allclose(per.value.iloc[0], 10_000 / 3000, rtol=1e-12)


def test_tfp_from_deflated_investment_by_the_perpetual_inventory():
    years = list(range(2010, 2016))
    real = [100 * 1.05 ** t for t in range(6)]
    d = ns.provincial_tfp(
        "x", years, [100, 106, 112, 118, 125, 131], [50, 50.5, 51, 51.5, 52, 52.5],
        investment=[v * 1.1 for v in real], deflator=[110] * 6, deflator_base=100,
        depreciation=0.05, window=5, capital_share=0.45,
    ).to_pandas()
    g_k = 1055 / 1000 - 1  # Harberger K_2010 = 100/(0.05 + 0.05); K_2011 = 0.95·1000 + 105
    expected = 100 * (0.06 - 0.45 * g_k - 0.55 * (50.5 / 50 - 1))
    assert_allclose(d[(d.indicator == "tfp_growth") & (d.start == 2011)].value.iloc[0], expected,
                    rtol=1e-10)


def test_derived_values_feed_the_assessment():
    plan = ns.Plan.from_toml("""schema_version = 1
id = "p"
title_vi = "Kế hoạch"
level = "provincial"
status = "issued"
issuing_body = "UBND"
territory = "x"
period = { start = 2021, end = 2023 }
[[goals]]
id = "tfp"
indicator = "tfp_contribution"
target = { comparator = "about", value = 45.0 }
unit = "percent_of_growth"
horizon = { start = 2021, end = 2023 }
scope = { level = "province", name = "x" }
""")
    years = [2020, 2021, 2022, 2023]
    lv = lambda g: [100 * (1 + g) ** t for t in range(4)]  # noqa: E731
    d = ns.provincial_tfp("x", years, lv(0.08), lv(0.01), capital=lv(0.09), capital_share=0.5,
                          periods=[(2021, 2023)])
    obs = d.extend(ns.Observations.from_csv(
        "scope,indicator,year,value,unit,note,source_url,evidence\n"))
    goal = ns.assess([plan], obs).goals()[0]
    assert_allclose(goal["current"], 100 * np.log(1.03) / np.log(1.08), rtol=1e-9)
    assert goal["observations"][0]["evidence"] == "derived"


def test_bad_input_raises_typed_errors_naming_the_province():
    with pytest.raises(ns.exceptions.NonPositiveError) as e:
        ns.labour_productivity(["a", "b"], [2020, 2020], [1, 1], [1, 0])
    assert "`b`" in str(e.value) and "employment" in str(e.value)
    with pytest.raises(ns.exceptions.InvalidParameterError):
        ns.provincial_tfp("x", [2020, 2021], [1, 2], [1, 1], capital=[1, 1])  # no b_K
    with pytest.raises(ns.exceptions.InvalidParameterError):
        ns.provincial_tfp("x", [2020, 2021], [1, 2], [1, 1], capital=[1, 1], investment=[1, 1],
                          capital_share=0.4)
    with pytest.raises(ns.exceptions.LengthMismatchError):
        ns.growth(["a", "a"], [2020, 2021], [1.0])
    with pytest.raises(ns.exceptions.InvalidParameterError):
        ns.labour_productivity("a", [2020], [1.0], [1.0], preliminary=[1])


def test_every_label_of_the_published_files_matches():
    raw = (FIXTURES / "nso_E02.01.json").read_bytes().rstrip(b"\0")
    ds = next(iter(json.loads(raw).values()))
    labels = ds["dimension"]["Cities, provincies"]["category"]["label"]
    names = [labels[str(i)] for i in range(len(labels))]
    m = ns.match_territories(names, file="E02.01.json")
    assert m.level.value_counts().to_dict() == {"province": 63, "region": 6, "nation": 1}
    assert m[m.name == "Thua Thien-Hue"].id.iloc[0] == "hue"
    csv = pd.read_csv(FIXTURES / "gso_average_population_2020.csv")
    assert (ns.match_territories(csv.iloc[:, 0]).level != "").all()
    with pytest.raises(ns.exceptions.ParseError) as e:
        ns.match_territories(["Ha Noi", "Thanh Hao"], file="t.csv", first_row=2)
    assert "t.csv, row 3" in str(e.value) and "Thanh Hóa" in str(e.value)
    new = ns.match_territories(["Bắc Ninh", "Huế"], vintage="units34")
    assert new.id.tolist() == ["bac_ninh_2025", "hue"]
    cat = ns.territory_catalogue()
    assert len(cat["units_2025"]) == 34 and len(cat["provinces"]) == 64
