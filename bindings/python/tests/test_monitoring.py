"""Progress of a target, observations, assessment and the report."""

from __future__ import annotations

import json

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
