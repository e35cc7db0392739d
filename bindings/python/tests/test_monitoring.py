"""Progress of a target, observations, assessment and the report."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import nangsuat as ns


def test_progress_statcan_worked_example():
    # Base 100 (2020), 110 (2023), target 150 (2030): R = 3.23 %/yr ÷ 4.14 %/yr.
    p = ns.progress(baseline=(2020, 100.0), current=(2023, 110.0), target=(2030, 150.0))
    r = (1.1 ** (1 / 3) - 1) / (1.5 ** 0.1 - 1)
    assert p.status == "needs_acceleration" and p.method == "statcan"
    assert_allclose(p.ratio, r, rtol=1e-12)
    assert_allclose(p.score, 7.1429 * r - 4.2857, rtol=1e-4)
    assert p.current == (2023, 110.0) and p.target == (2030, 150.0)


@pytest.mark.parametrize("method", ["statcan", "unsd", "escap_current", "escap_anticipated", "psa"])
def test_every_method(method):
    p = ns.progress((2020, 100.0), [(2021, 104.0), (2022, 109.0), (2023, 113.0)], (2030, 150.0), method=method)
    assert p.method == method and p.status in {"on_track", "needs_acceleration", "limited_progress"}


def test_progress_lower_is_better_and_achieved():
    p = ns.progress((2020, 10.0), (2022, 7.0), (2025, 8.0), higher_is_better=False)
    assert p.status == "achieved"
    p = ns.progress((2020, 10.0), (2022, 12.0), (2025, 8.0), higher_is_better=False)
    assert p.status == "deteriorating"


def test_observations_round_trip_through_a_frame():
    obs = ns.Observations.vietnam()
    frame = obs.to_pandas()
    assert len(obs) == len(frame) == 218
    again = ns.Observations.from_frame(frame)
    assert again.rows() == obs.rows()


def test_assess_builtin_plans():
    report = ns.assess(ns.builtin_plans())
    df = report.to_pandas()
    assert len(df) == 24
    lp = df.set_index(["plan", "goal"]).loc[("vn-d36-2021", "lp-growth-2021-2025")]
    assert lp["status"] != "on_track"
    assert "đúng tiến độ" in report.to_markdown("vi") or "on track" in report.to_markdown("en")
    assert json.loads(report.to_json())["method"] == "statcan"
    assert sum(report.status_counts().values()) == 24
    with pytest.raises(ns.exceptions.InvalidParameterError):
        report.to_markdown("fr")  # type: ignore[arg-type]
    with pytest.raises(ns.exceptions.OutOfRangeError):
        ns.assess(ns.builtin_plans(), about_tolerance=-1)


def test_assess_with_own_observations(tmp_path):
    frame = ns.Observations.vietnam().to_pandas()
    path = tmp_path / "obs.csv"
    frame.to_csv(path, index=False)
    a = ns.assess(ns.builtin_plans(), path).to_dict()
    b = ns.assess(ns.builtin_plans(), frame).to_dict()
    assert a == b
    empty = ns.assess(ns.builtin_plans(), frame.iloc[:0])
    assert set(empty.status_counts()) <= {"not_yet_measurable", "insufficient_data"}


def test_vietnam_report_has_history_and_feasibility():
    report = ns.vietnam_report()
    d = report.to_dict()
    assert d["history"] is not None and d["feasibility"] is not None
    md = report.to_markdown("en")
    assert "Decision" in md or "36/QĐ-TTg" in md
    assert isinstance(report.to_pandas(), pd.DataFrame)


# GSO NSDP GDPVNM.xml (examples/province_tfp.rs): GDP (NGDP_R_PA_XDC) and real GFCF (NFI_R_XDC),
# billion VND at constant 2010 prices; NSO employed persons aged 15+ (million; 2020 restated
# on the 2021 basis), from the embedded observations.
_GDP = {2020: 5_005_755.65, 2021: 5_133_589.06, 2022: 5_550_616.91, 2023: 5_830_724.95}
_GFCF = {2010: 963_320.27, 2011: 917_334.26, 2012: 938_799.88, 2013: 993_719.67,
         2014: 1_085_936.86, 2015: 1_192_358.67, 2016: 1_311_594.54, 2017: 1_449_311.97,
         2018: 1_568_735.27, 2019: 1_689_198.87, 2020: 1_758_456.03, 2021: 1_807_700.92,
         2022: 1_909_293.71, 2023: 1_996_739.36}
_EMPLOYED = {2020: 50.0, 2021: 49.0, 2022: 50.6, 2023: 51.3}

_PROVINCE_PLAN = """schema_version = 1
id = "x-plan"
title_vi = "Kế hoạch năng suất tỉnh X"
level = "provincial"
status = "issued"
issuing_body = "UBND tỉnh X"
territory = "x"
period = { start = 2021, end = 2023 }
[[goals]]
id = "tfp"
indicator = "tfp_contribution"
target = { comparator = "about", value = 45.0 }
unit = "percent_of_growth"
horizon = { start = 2021, end = 2023 }
scope = { level = "province", name = "x" }
[[goals]]
id = "lp"
indicator = "lp_growth_avg"
target = { comparator = "above", value = 5.0 }
unit = "percent_per_year"
horizon = { start = 2021, end = 2023 }
scope = { level = "province", name = "x" }
"""


def test_assess_computes_a_provinces_tfp_share_and_lp_growth_from_its_own_series():
    plan = ns.Plan.from_toml(_PROVINCE_PLAN)
    empty = ns.Observations.from_csv("scope,indicator,year,value,unit,note,source_url,evidence\n")
    report = ns.assess(
        [plan], empty,
        output=pd.Series(_GDP), investment=pd.Series(_GFCF), employment=pd.Series(_EMPLOYED),
        labour_share=0.48, depreciation=0.05,
    )
    rows = {g.goal: g for g in report.goal_rows("en")}
    # Independently: capital by the perpetual inventory method, then the GSO form over
    # 2020–2023 through the public accounting API.
    years = sorted(_GFCF)
    stock = ns.capital_stock(years, [_GFCF[y] for y in years], 0.05).stock
    capital = dict(zip(years, stock))
    acc = ns.growth_accounting(
        sorted(_GDP), [_GDP[y] for y in sorted(_GDP)], [capital[y] for y in sorted(_GDP)],
        [_EMPLOYED[y] for y in sorted(_GDP)], labour_share=0.48, profile="gso",
    )
    expected = 100 * acc.period(2020, 2023).tfp_share_of_cumulative_growth
    assert_allclose(rows["tfp"].current, expected, rtol=1e-12)
    # The same share from the derived-indicator path (provincial_tfp, b_K = 1 − b_L).
    derived = ns.provincial_tfp("x", sorted(_GFCF), [_GDP.get(y, np.nan) for y in years],
                               [_EMPLOYED.get(y, np.nan) for y in years],
                               investment=[_GFCF[y] for y in years], capital_share=0.52,
                               periods=[(2021, 2023)]).to_pandas()
    share = derived[(derived.indicator == "tfp_contribution") & (derived.start == 2021)
                    & (derived.end == 2023)].value.iloc[0]
    assert_allclose(rows["tfp"].current, share, rtol=1e-9)
    # Labour productivity: the average of the derived annual growth rates' chain, i.e. the
    # CAGR of output per employed person 2020–2023.
    lp = {y: _GDP[y] / _EMPLOYED[y] for y in _GDP}
    assert_allclose(rows["lp"].current, 100 * ((lp[2023] / lp[2020]) ** (1 / 3) - 1), rtol=1e-9)
    assert rows["lp"].status in {"achieved", "limited_progress"}
    # Plain mappings work too, and the raw series are for the plans' one territory.
    again = ns.assess([plan], empty, output=_GDP, investment=_GFCF, employment=_EMPLOYED,
                      labour_share=0.48)
    assert again.goal_rows()[0].current == rows["tfp"].current


def test_assess_raw_series_errors_say_what_is_missing():
    plan = ns.Plan.from_toml(_PROVINCE_PLAN)
    with pytest.raises(ns.exceptions.InvalidParameterError, match="labour_share"):
        ns.assess([plan], None, output=_GDP, capital=_GDP, employment=_EMPLOYED)
    with pytest.raises(ns.exceptions.InvalidParameterError, match="employment"):
        ns.assess([plan], None, output=_GDP, capital=_GDP, labour_share=0.5)
    with pytest.raises(ns.exceptions.MissingYearError, match="employment.*2023"):
        ns.assess([plan], None, output=_GDP, capital=_GDP, labour_share=0.5,
                  employment={y: v for y, v in _EMPLOYED.items() if y != 2023})
    with pytest.raises(ns.exceptions.OutOfRangeError):
        ns.assess([plan], None, output=_GDP, capital=_GDP, employment=_EMPLOYED,
                  labour_share=48.0)
    with pytest.raises(ns.exceptions.InvalidParameterError, match="scope"):
        ns.assess(ns.builtin_plans(), None, population={2020: 1.0})


def test_results_are_frozen_classes_not_json_copies():
    p = ns.progress((2020, 100.0), (2023, 110.0), (2030, 150.0))
    assert isinstance(p, ns.Progress) and p.fact["fact"]
    assert p == ns.progress((2020, 100.0), (2023, 110.0), (2030, 150.0))
    assert "tăng" in p.reason_in("vi") or p.reason_in("vi") != p.reason
    with pytest.raises(AttributeError):
        p.status = "achieved"  # type: ignore[misc]
    report = ns.vietnam_report()
    counts = report.status_counts()
    assert sum(counts.values()) == len(report.goals())
    rows = report.goal_rows("vi")
    assert [r.goal for r in rows] == [g["goal"] for g in report.goals()]
    with pytest.raises(AttributeError):
        rows[0].status = "x"  # type: ignore[misc]
    finding = ns.validate(ns.builtin_plans())[0]
    assert isinstance(finding, ns.Finding) and finding.location.startswith(finding.plan)
