"""Capital stocks, shift-share, index numbers, feasibility and what it takes through the
Python face: the worked examples of METHODS §4–8, published numbers (the PPI Manual's
chapter 19), identities as hypothesis properties, and index numbers against an independent
numpy implementation of the ILO/IMF manuals' formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import nangsuat as ns
from nangsuat.exceptions import (
    InsufficientDataError,
    InvalidParameterError,
    LengthMismatchError,
    MissingYearError,
    OutOfRangeError,
)

# ILO/IMF PPI Manual (2004), ch. 19, tables 19.1–19.3 (Balk 2008, tables 3.1, 3.2, 3.4).
PPI_P = np.array([
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    [1.2, 3.0, 1.3, 0.7, 1.4, 0.8],
    [1.0, 1.0, 1.5, 0.5, 1.7, 0.6],
    [0.8, 0.5, 1.6, 0.3, 1.9, 0.4],
    [1.0, 1.0, 1.6, 0.1, 2.0, 0.2],
])
PPI_Q = np.array([
    [1.0, 1.0, 2.0, 1.0, 4.5, 0.5],
    [0.8, 0.9, 1.9, 1.3, 4.7, 0.6],
    [1.0, 1.1, 1.8, 3.0, 5.0, 0.8],
    [1.2, 1.2, 1.9, 6.0, 5.6, 1.3],
    [0.9, 1.2, 2.0, 12.0, 6.5, 2.5],
])
PPI_FIXED_BASE = {
    "laspeyres": [1.0, 1.4200, 1.3450, 1.3550, 1.4400],
    "paasche": [1.0, 1.3824, 1.2031, 1.0209, 0.7968],
    "fisher": [1.0, 1.4011, 1.2721, 1.1762, 1.0712],
    "tornqvist": [1.0, 1.4052, 1.2890, 1.2268, 1.2477],
}


# --- an independent implementation of the manuals' formulas (numpy) -----------------------
def ref_bilateral(p0, q0, p1, q1, formula):
    m = ~(np.isnan(p0) | np.isnan(q0) | np.isnan(p1) | np.isnan(q1))
    p0, q0, p1, q1 = p0[m], q0[m], p1[m], q1[m]
    lasp = (p1 @ q0) / (p0 @ q0)
    paas = (p1 @ q1) / (p0 @ q1)
    if formula == "laspeyres":
        return lasp
    if formula == "paasche":
        return paas
    if formula == "fisher":
        return math.sqrt(lasp * paas)
    s0 = p0 * q0 / (p0 @ q0)
    s1 = p1 * q1 / (p1 @ q1)
    return math.exp(np.sum(0.5 * (s0 + s1) * np.log(p1 / p0)))


def ref_series(p, q, formula, linking):
    n = len(p)
    if linking == "fixed_base":
        return [ref_bilateral(p[0], q[0], p[t], q[t], formula) for t in range(n)]
    if linking == "chained":
        out = [1.0]
        for t in range(1, n):
            out.append(out[-1] * ref_bilateral(p[t - 1], q[t - 1], p[t], q[t], formula))
        return out
    # GEKS: P^{0,t} = Π_l (P^{0,l} P^{l,t})^{1/N}
    b = [[ref_bilateral(p[a], q[a], p[c], q[c], formula) for c in range(n)] for a in range(n)]
    return [math.prod((b[0][l] * b[l][t]) ** (1.0 / n) for l in range(n)) for t in range(n)]


# --- index numbers -------------------------------------------------------------------------
@pytest.mark.parametrize("formula", list(PPI_FIXED_BASE))
def test_ppi_manual_fixed_base_published(formula):
    r = ns.price_index(PPI_P, PPI_Q, formula=formula, linking="fixed_base")
    assert_allclose(r.values, PPI_FIXED_BASE[formula], atol=5e-5)
    assert list(r.matched) == [6] * 5


@pytest.mark.parametrize("formula", ["laspeyres", "paasche", "fisher", "tornqvist"])
@pytest.mark.parametrize("linking", ["fixed_base", "chained", "multilateral"])
def test_index_against_independent_formulas(formula, linking):
    if linking == "multilateral" and formula in ("laspeyres", "paasche"):
        with pytest.raises(InvalidParameterError):
            ns.price_index(PPI_P, PPI_Q, formula=formula, linking=linking)
        return
    r = ns.price_index(PPI_P, PPI_Q, formula=formula, linking=linking)
    assert_allclose(r.values, ref_series(PPI_P, PPI_Q, formula, linking), rtol=1e-13)
    qi = ns.quantity_index(PPI_P, PPI_Q, formula=formula, linking=linking)
    assert_allclose(qi.values, ref_series(PPI_Q, PPI_P, formula, linking), rtol=1e-13)


positive = st.floats(0.05, 20.0)


@st.composite
def panels(draw):
    periods = draw(st.integers(2, 5))
    items = draw(st.integers(1, 5))
    p = np.array(draw(st.lists(st.lists(positive, min_size=items, max_size=items),
                               min_size=periods, max_size=periods)))
    q = np.array(draw(st.lists(st.lists(positive, min_size=items, max_size=items),
                               min_size=periods, max_size=periods)))
    return p, q


@settings(max_examples=60, deadline=None)
@given(panels(), st.sampled_from(["fisher", "tornqvist"]),
       st.sampled_from(["fixed_base", "chained", "geks"]))
def test_index_properties(pq, formula, linking):
    p, q = pq
    r = ns.price_index(p, q, formula=formula, linking=linking)
    assert_allclose(r.values, ref_series(p, q, formula, linking if linking != "geks"
                                         else "multilateral"), rtol=1e-11)
    if formula == "fisher" and linking != "chained":
        # factor reversal (and GEKS's per-period identity): P·Q = V^t/V^0
        qi = ns.quantity_index(p, q, formula=formula, linking=linking)
        v = np.sum(p * q, axis=1)
        assert_allclose(r.values * qi.values, v / v[0], rtol=1e-11)
    if linking == "geks" and len(p) > 2:
        # transitivity: the index from 1 to t does not depend on the base
        reordered = ns.price_index(p[1:].tolist() + [p[0].tolist()],
                                   q[1:].tolist() + [q[0].tolist()],
                                   formula=formula, linking=linking)
        assert_allclose(r.values[2] / r.values[1], reordered.values[1], rtol=1e-11)


def test_matched_sample_counts_and_errors():
    p = PPI_P.copy()
    p[2, 3] = np.nan  # item 4 missing in period 3
    r = ns.price_index(p, PPI_Q, formula="laspeyres", linking="chained")
    assert list(r.matched) == [6, 6, 5, 5, 6]
    assert list(r.unmatched) == [0, 0, 1, 1, 0]
    assert_allclose(r.values, ref_series(p, PPI_Q, "laspeyres", "chained"), rtol=1e-13)
    with pytest.raises(OutOfRangeError, match="item 1"):
        ns.price_index([[1.0, -2.0], [1.0, 1.0]], [[1, 1], [1, 1]])
    with pytest.raises(LengthMismatchError):
        ns.price_index([[1.0, 2.0], [1.0, 1.0]], [[1, 1, 1], [1, 1, 1]])
    with pytest.raises(InsufficientDataError):
        ns.price_index([[np.nan], [1.0]], [[1.0], [1.0]])
    with pytest.raises(InvalidParameterError, match="laspeyres"):
        ns.price_index(PPI_P, PPI_Q, formula="carli")
    b = ns.bilateral_index([1, 2], [10, 5], [1.2, 2], [8, 6])
    assert b["laspeyres_price"] == pytest.approx(1.1, abs=1e-15)
    assert b["matched"] == 2


def test_index_pandas_labels():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(PPI_P, index=[2019, 2020, 2021, 2022, 2023])
    r = ns.price_index(frame, PPI_Q, formula="fisher", linking="fixed_base")
    df = r.to_pandas()
    assert list(df["period"]) == [2019, 2020, 2021, 2022, 2023]
    assert list(df.columns) == ["period", "index", "matched", "unmatched"]


# --- shift-share ---------------------------------------------------------------------------
L0, LT = [60.0, 20.0, 20.0], [50.0, 25.0, 25.0]
Y0 = [60.0, 80.0, 60.0]      # P⁰ = (1, 4, 3)
YT = [60.0, 110.0, 82.5]     # Pᵀ = (1.2, 4.4, 3.3)


def test_methods_section_5_worked_check():
    s = ns.shift_share(Y0, L0, YT, LT, units=["agri", "industry", "services"])
    assert (s.within, s.static_shift, s.dynamic_shift) == pytest.approx((0.26, 0.25, 0.015),
                                                                          abs=1e-12)
    assert s.change == pytest.approx(0.525, abs=1e-12)
    df = s.to_pandas()
    assert list(df.index) == ["agri", "industry", "services"]
    assert df["total"].sum() == pytest.approx(s.change, abs=1e-12)
    assert df["contribution"].sum() == pytest.approx(s.growth, abs=1e-12)


def test_tax_term_closes_the_identity():
    s = ns.shift_share(Y0, L0, YT, LT, taxes=(20.0, 30.0))
    assert s.base_level == pytest.approx(2.2) and s.end_level == pytest.approx(2.825)
    assert sum(s.contributions.values()) == pytest.approx(s.growth, abs=1e-12)
    df = s.to_pandas()
    assert df["contribution"].sum() + s.contributions["tax"] == pytest.approx(s.growth,
                                                                             abs=1e-12)


@st.composite
def sectors(draw):
    n = draw(st.integers(1, 8))
    col = st.lists(st.floats(0.01, 1e6), min_size=n, max_size=n)
    return draw(col), draw(col), draw(col), draw(col)


@settings(max_examples=80, deadline=None)
@given(sectors(), st.one_of(st.none(), st.tuples(st.floats(0, 1e5), st.floats(0, 1e5))))
def test_shift_share_components_sum_to_total(data, taxes):
    y0, l0, yt, lt = data
    s = ns.shift_share(y0, l0, yt, lt, taxes=taxes)
    scale = max(abs(s.within), abs(s.static_shift), abs(s.dynamic_shift), abs(s.tax),
                abs(s.base_level), abs(s.end_level))
    total = s.within + s.static_shift + s.dynamic_shift + s.tax
    assert abs(total - s.change) <= 1e-12 * scale


def test_shift_share_by_year_and_missing_unit():
    rows = [("a", 2020, 60, 60), ("b", 2020, 80, 20), ("c", 2020, 60, 20),
            ("a", 2021, 60, 50), ("b", 2021, 110, 25), ("c", 2021, 82.5, 25),
            ("a", 2022, 66, 50), ("b", 2022, 110, 25), ("c", 2022, 90, 25)]
    unit, year, out, lab = zip(*reversed(rows))
    r = ns.shift_share_by_year(unit, year, out, lab)
    assert r.pairs == [(2020, 2021), (2021, 2022)]
    assert r[0].within == pytest.approx(0.26, abs=1e-12)
    df = r.to_pandas()
    assert df["growth"].iloc[0] == pytest.approx(0.2625, abs=1e-12)
    parts = df[[f"{t}_contribution" for t in ("within", "static_shift", "dynamic_shift",
                                              "tax")]].sum(axis=1)
    assert_allclose(parts, df["growth"], atol=1e-12)
    assert len(r.units_to_pandas()) == 6
    with pytest.raises(MissingYearError, match="`c`"):
        ns.shift_share_by_year(unit[1:], year[1:], out[1:], lab[1:])
    taxed = ns.shift_share_by_year(unit, year, out, lab, taxes={2020: 20, 2021: 30, 2022: 30})
    assert taxed[0].end_level == pytest.approx(2.825)


def test_gead_reduces_to_shift_share_and_stays_exact_when_chained():
    g = ns.gead(Y0, Y0, L0, sum(Y0), YT, YT, LT, sum(YT))
    s = ns.shift_share(Y0, L0, YT, LT)
    assert g.within == pytest.approx(s.within, abs=1e-12)
    assert g.reallocation == pytest.approx(s.static_shift + s.dynamic_shift, abs=1e-12)
    g = ns.gead(Y0, Y0, L0, 200, [66, 110, 90], [55, 120, 80], LT, 250)
    assert g.within + g.reallocation == pytest.approx(g.end_level - g.base_level, abs=1e-12)
    assert g.to_pandas().sum().sum() == pytest.approx(g.end_level - g.base_level, abs=1e-12)


def test_regions_to_nation():
    region = ["b", "a", "a", "b", "a", "b", "a", "b"]
    year = [2020, 2020, 2020, 2020, 2021, 2021, 2021, 2021]
    output = [30, 10, 20, 10, 35, 42, 1, 0]
    labour = [10, 5, 5, 10, 11, 19, 1, 0]
    r = ns.regions_to_nation(region, year, output, labour)
    row = r.rows[0]
    assert row["regions"] == ["a", "b"] and row["output"] == [70.0, 78.0]
    df = r.to_pandas()
    assert df["contribution"].sum() == pytest.approx(78 / 31 / (70 / 30) - 1, abs=1e-14)
    with pytest.raises(MissingYearError):
        ns.regions_to_nation(["a", "b", "a"], [2020, 2020, 2021], [1, 1, 1], [1, 1, 1])


def test_domar():
    assert ns.domar_aggregate([0.01, 0.02], [150, 100], [150, 100], 100, 100) == \
        pytest.approx(0.035, abs=1e-15)
    with pytest.raises(LengthMismatchError):
        ns.domar_aggregate([0.01], [1, 2], [1, 2], 1, 1)


# --- capital -------------------------------------------------------------------------------
def test_capital_harberger_and_recursion():
    inv = [100 * 1.05 ** t for t in range(10)]
    k = ns.capital_stock(range(2000, 2010), inv, 0.05, window=5)
    assert k.initial_stock == pytest.approx(1000.0, abs=1e-9)   # I_0 / (g + δ)
    assert k.initial_growth == pytest.approx(0.05, abs=1e-12)
    for t in range(1, 10):
        assert k.stock[t] == pytest.approx(0.95 * k.stock[t - 1] + inv[t], rel=1e-14)
    mid = ns.capital_stock(range(2000, 2010), inv, 0.05, timing="mid_year")
    assert mid.initial_stock == pytest.approx(1000.0 * 0.975, abs=1e-9)
    trend = ns.capital_stock(range(2000, 2010), inv, 0.05, basis="trend")
    assert trend.initial_growth == pytest.approx(0.05, abs=1e-12)
    df = k.to_pandas()
    assert list(df.columns) == ["year", "investment", "depreciation", "capital_stock"]


def test_capital_per_year_depreciation_and_given_stock():
    k = ns.capital_stock([1, 2, 3], [10, 12, 8], [0.1, 0.1, 0.2], initial_stock=100)
    assert_allclose(k.stock, [100, 102, 0.8 * 102 + 8], rtol=1e-15)
    assert k.initial_growth is None
    m = ns.capital_stock([1, 2, 3], [10, 12, 8], [0.1, 0.1, 0.2], initial_stock=100,
                         timing="mid_year")
    assert m.stock[1] == pytest.approx(90 + 0.95 * 12)
    with pytest.raises(OutOfRangeError, match=r"depreciation\[2\]"):
        ns.capital_stock([1, 2, 3], [10, 12, 8], [0.1, 0.1, 1.5], initial_stock=100)
    with pytest.raises(MissingYearError):
        ns.capital_stock([1, 3], [10, 12], 0.1, initial_stock=100)
    with pytest.raises(InvalidParameterError, match="output series"):
        ns.capital_stock([1, 2, 3], [10, 12, 8], 0.1, window=2, basis="output")
    with pytest.raises(InsufficientDataError):
        ns.capital_stock([1, 2], [10, 12], 0.1)


# --- feasibility and what it takes ---------------------------------------------------------
def d36():
    return next(p for p in ns.builtin_plans() if p.id == "vn-d36-2021")


def test_consistency_and_realism():
    c = ns.consistency(d36(), 0.01)
    assert "8.07 %/yr" in c[0]["message"]
    assert not c.to_pandas()["contradiction"].any()
    r = ns.realism(0.07, 5)
    assert len(r.peers) == 14 and r.achieved_by >= 2
    assert {"CHN", "KOR"} <= set(r.to_pandas().query("achieved")["country"])
    assert ns.realism(0.5, 5, measure="tfp").achieved_by == 0
    own = ns.realism(0.07, 2, own=("X", [2000, 2001, 2002], [100.0, 110.0, 121.0]))
    assert own.own_best["growth"] == pytest.approx(0.10)
    with pytest.raises(InvalidParameterError):
        ns.realism(0.07, 5, measure="gdp")


def scenario_2026_2030():
    return ns.Scenario.vietnam_2021_2025().replace(name="vn 2026-2030", base_year=2025,
                                                   end_year=2030)


def test_scenario_projection_and_sensitivity():
    s = ns.Scenario.vietnam_2021_2025()
    assert s.investment_rate == pytest.approx(0.33625, abs=1e-12)
    p = s.project()
    for t in range(1, len(p.years)):
        dy = math.log(p.gdp[t] / p.gdp[t - 1])
        dk = math.log(p.capital[t] / p.capital[t - 1])
        dl = math.log(p.employment[t] / p.employment[t - 1])
        tfp = dy - (1 - s.labour_share) * dk - s.labour_share * dl
        assert tfp == pytest.approx(math.log1p(s.tfp_growth), abs=1e-12)
    sens = s.sensitivity()
    df = sens.to_pandas()
    assert len(df) == 5 and "lp_growth_high" in df
    with pytest.raises(OutOfRangeError, match="investment_rate"):
        s.replace(investment_rate=33.0)


@pytest.mark.parametrize("assumption", ["investment_rate", "tfp_growth", "depreciation",
                                        "employment_growth"])
def test_what_it_takes_inverted_back(assumption):
    s = scenario_2026_2030()
    goals = [("lp", "lp_growth", 0.075, None), ("gdp", "gdp_growth", 0.08, None),
             ("share", "tfp_share", 0.45, None), ("band", "gdp_growth", 0.065, 0.07)]
    w = s.what_it_takes(goals, assumption)
    for row in w:
        req = row["requirement"]
        if req["kind"] != "value":
            continue
        p = s.replace(**{assumption: req["value"]}).project()
        got = {"lp_growth": p.lp_growth, "gdp_growth": p.gdp_growth,
               "tfp_share": p.tfp_share}[row["target"]["outcome"]]
        low, high = row["target"]["low"], row["target"]["high"]
        assert (low is None or got >= low) and (high is None or got <= high)
        assert min(abs(got - b) for b in (low, high) if b is not None) < 1e-9


def test_what_it_takes_decision_36_and_unreachable():
    s = scenario_2026_2030()
    w = s.what_it_takes(d36(), "investment_rate")
    df = w.to_pandas()
    assert "lp-growth-2026-2030" in set(df["goal"])
    sigma = w.value("lp-growth-2026-2030")
    assert sigma is not None and 0 < sigma < 1
    assert s.replace(investment_rate=sigma).project().lp_growth >= 0.075
    never = s.what_it_takes([("far", "lp_growth", 0.6, None)], "investment_rate")
    assert never[0]["requirement"]["kind"] == "never"
    assert never[0]["requirement"]["closest_at"] == 1.0
    assert never.value("far") is None
    always = s.what_it_takes([("easy", "gdp_growth", -0.6, None)], "tfp_growth",
                             range=(0.0, 0.05))
    assert always[0]["requirement"]["kind"] == "always"
    with pytest.raises(InvalidParameterError):
        s.what_it_takes([("x", "lp_growth", None, None)], "tfp_growth")
    with pytest.raises(InvalidParameterError, match="savings"):
        s.what_it_takes([("x", "lp_growth", 0.07, None)], "savings")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="range"):
        s.what_it_takes([("x", "lp_growth", 0.07, None)], "tfp_growth", range=(0.5, 0.1))


def test_plots_draw():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = ns.shift_share(Y0, L0, YT, LT, units=["a", "b", "c"])
    s.plot()
    ns.shift_share_by_year(["a", "b"] * 3, [1, 1, 2, 2, 3, 3], [1, 2, 2, 2, 2, 3], [1] * 6).plot()
    ns.regions_to_nation(["a", "b", "a", "b"], [1, 1, 2, 2], [1, 2, 2, 2], [1] * 4).plot()
    f = ns.price_index(PPI_P, PPI_Q, linking="fixed_base")
    f.plot(others=[ns.price_index(PPI_P, PPI_Q, linking="chained")])
    sc = scenario_2026_2030()
    sc.project().plot(targets={"Decision 36": 0.075})
    sc.sensitivity().plot()
    ns.capital_stock([1, 2, 3], [10, 12, 8], 0.1, initial_stock=100).plot()
    plt.close("all")
