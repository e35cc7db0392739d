"""DEA and the Malmquist index through the Python face: DEAP 2.1's published examples, a
scipy (HiGHS) reference implementation on random panels, errors, pandas and plots."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import nangsuat as ns
from nangsuat._inputs import matrix
from nangsuat.exceptions import (
    DuplicateYearError,
    InsufficientDataError,
    InvalidParameterError,
    LengthMismatchError,
    NonFiniteError,
    OutOfRangeError,
)

import reference_dea

#: DEAP eg1: five firms, inputs (x1, x2), one output.
EG1_X = [[2, 5], [2, 4], [6, 6], [3, 2], [6, 2]]
EG1_Y = [1, 2, 3, 1, 2]


def eg4() -> pd.DataFrame:
    """DEAP eg4: five firms, three years, one input, one output."""
    years = {
        1: [(1, 2), (2, 4), (3, 3), (4, 5), (5, 6)],
        2: [(1, 2), (3, 4), (4, 3), (3, 5), (5, 5)],
        3: [(1, 2), (3, 4), (4, 3), (3, 5), (5, 5)],
    }
    rows = [
        dict(firm=f"firm {i + 1}", year=t, x=float(x), y=float(y))
        for t, data in years.items()
        for i, (y, x) in enumerate(data)
    ]
    return pd.DataFrame(rows)


def test_deap_example_1():
    r = ns.dea(EG1_X, EG1_Y, orientation="input", rts="crs")
    assert_allclose(r.efficiency, [0.5, 1.0, 0.833, 0.714, 1.0], atol=5e-4)
    assert_allclose(r.input_slacks[0], [0.0, 0.5], atol=1e-12)
    assert [p for p, _ in r.peers(3)] == [1, 4]
    assert_allclose([w for _, w in r.peers(3)], [0.214, 0.286], atol=5e-4)
    x_target, y_target = r.targets()
    assert_allclose(x_target[3], [2.143, 1.429], atol=5e-4)
    assert_allclose(y_target[:, 0], EG1_Y, atol=1e-12)
    table = r.peer_table()
    assert table.groupby("peer").size().to_dict() == {1: 4, 4: 3}


def test_deap_example_4_malmquist():
    df = eg4()
    m = ns.malmquist(df.firm, df.year, df[["x"]], df[["y"]], orientation="output", rts="vrs")
    frame = m.to_pandas()
    year2 = frame[frame.period_to == 2].set_index("unit")
    published = {
        "firm 2": (1.125, 1.333, 1.222, 0.920, 1.500),
        "firm 4": (0.562, 1.333, 0.650, 0.865, 0.750),
        "firm 5": (0.900, 1.333, 1.000, 0.900, 1.200),
    }
    for firm, values in published.items():
        ours = year2.loc[firm, ["effch", "techch", "pech", "sech", "tfpch"]].to_numpy(float)
        assert_allclose(ours, values, atol=5.01e-4)
    overall = [m.overall[k] for k in ("effch", "techch", "pech", "sech", "tfpch")]
    assert_allclose(overall, [0.918, 1.155, 0.977, 0.940, 1.061], atol=5e-4)
    means = m.period_means
    assert means["count"].tolist() == [5, 5]
    assert_allclose(means["tfpch"].to_numpy(float), [1.125, 1.0], atol=5e-4)
    assert m.unit_means["unit"].tolist() == [f"firm {i}" for i in range(1, 6)]
    d = m.distances()
    assert_allclose(d["crs_d_t_t1"].to_numpy(float)[:5], [0.5, 0.75, 1.333, 0.6, 1.0], atol=5e-4)


def _random_panel(rng: np.random.Generator, units: int, periods: int, m: int, s: int):
    unit = np.tile(np.arange(units), periods)
    period = np.repeat(np.arange(2001, 2001 + periods), units)
    x = rng.uniform(0.5, 20.0, size=(units * periods, m))
    y = rng.uniform(0.5, 20.0, size=(units * periods, s))
    return unit, period, x, y


@pytest.mark.parametrize("orientation", ["input", "output"])
@pytest.mark.parametrize("rts", ["crs", "vrs", "nirs", "ndrs"])
def test_dea_matches_scipy(orientation, rts):
    rng = np.random.default_rng(7)
    _, _, x, y = _random_panel(rng, 40, 1, 3, 2)
    r = ns.dea(x, y, orientation=orientation, rts=rts)
    expected = [reference_dea.farrell(x, y, x[j], y[j], orientation, rts) for j in range(40)]
    assert_allclose(r.efficiency, expected, rtol=1e-6)


@pytest.mark.parametrize("orientation", ["input", "output"])
def test_malmquist_matches_scipy(orientation):
    rng = np.random.default_rng(11)
    unit, period, x, y = _random_panel(rng, 25, 3, 3, 2)
    keep = rng.random(len(unit)) > 0.15  # unbalanced
    unit, period, x, y = unit[keep], period[keep], x[keep], y[keep]
    m = ns.malmquist(unit, period, x, y, orientation=orientation, rts="vrs")
    expected = reference_dea.malmquist(unit, period, x, y, orientation, "vrs")
    frame = m.to_pandas()
    assert len(frame) == len(expected)
    for row in frame.itertuples():
        ref = expected[row.unit, row.period_from]
        for name in ("effch", "techch", "pech", "sech", "tfpch"):
            assert getattr(row, name) == pytest.approx(ref[name], rel=1e-6), (row, name)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 12), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_malmquist_identities(units, periods, seed):
    rng = np.random.default_rng(seed)
    unit, period, x, y = _random_panel(rng, units, periods, 2, 2)
    m = ns.malmquist(unit, period, x, y)
    d = m.to_dict()
    assert_allclose(d["tfpch"], d["effch"] * d["techch"], rtol=1e-12)
    assert_allclose(d["effch"], d["pech"] * d["sech"], rtol=1e-12)
    ok = d["rts_techch_defined"]
    assert_allclose(d["tfpch"][ok], (d["pech"] * d["rts_techch"] * d["rts_sech"])[ok], rtol=1e-12)
    # Units of measurement do not matter.
    m2 = ns.malmquist(unit, period, x * [1000.0, 0.01], y * [3.0, 1e-4])
    assert_allclose(m2.to_dict()["tfpch"], d["tfpch"], rtol=1e-9)


def test_pandas_labels_and_index():
    x = pd.DataFrame({"capital": [2.0, 2, 6, 3, 6], "labour": [5.0, 4, 6, 2, 2]},
                     index=["HN", "HP", "DN", "CT", "HCM"])
    y = pd.Series([1.0, 2, 3, 1, 2], index=x.index, name="grdp")
    r = ns.dea(x, y)
    frame = r.to_pandas()
    assert list(frame.index) == ["HN", "HP", "DN", "CT", "HCM"]
    assert "slack_labour" in frame and "slack_grdp" in frame
    assert frame.loc["HN", "slack_labour"] == pytest.approx(0.5)
    assert r.peers(0) == [("HP", pytest.approx(0.5))]
    assert frame["efficiency"].dtype == "Float64"


def test_contiguous_float64_matrices_are_not_copied():
    x = np.ascontiguousarray(np.random.default_rng(1).uniform(1, 2, size=(10, 3)))
    array, names = matrix("inputs", x)
    assert array is x and names is None
    f = pd.DataFrame(x, columns=["a", "b", "c"])
    array, names = matrix("inputs", f)
    assert names == ["a", "b", "c"] and array.flags.c_contiguous


def test_undefined_cross_period_vrs_values_are_na():
    unit = ["big", "mid", "small"] * 2
    period = [2020] * 3 + [2021] * 3
    x = [10.0, 6.0, 4.0, 10.0, 6.0, 1.0]
    y = [8.0, 5.0, 2.0, 9.0, 5.5, 1.0]
    frame = ns.malmquist(unit, period, x, y).to_pandas().set_index("unit")
    assert frame.loc["small", "rts_techch"] is pd.NA
    assert frame.loc["small", "tfpch"] is not pd.NA


def test_errors_name_what_is_wrong():
    with pytest.raises(InvalidParameterError, match="orientation"):
        ns.dea(EG1_X, EG1_Y, orientation="sideways")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="returns-to-scale"):
        ns.dea(EG1_X, EG1_Y, rts="VRS")  # type: ignore[arg-type]
    bad = pd.DataFrame({"capital": [1.0, np.nan], "labour": [1.0, 1.0]})
    with pytest.raises(NonFiniteError, match="input `capital`") as err:
        ns.dea(bad, [1.0, 1.0])
    assert err.value.entity == "row 1"
    with pytest.raises(OutOfRangeError, match="output `output_1` of unit `b`"):
        ns.malmquist(["a", "b", "a", "b"], [1, 1, 2, 2], [1.0] * 4, [1.0, -1.0, 1.0, 1.0])
    with pytest.raises(DuplicateYearError) as dup:
        ns.malmquist(["a", "a", "b", "b"], [1, 1, 2, 2], [1.0] * 4, [1.0] * 4)
    assert dup.value.entity == "a"
    with pytest.raises(InsufficientDataError):
        ns.malmquist(["a", "b"], [1, 1], [1.0, 2.0], [1.0, 1.0])
    with pytest.raises(LengthMismatchError):
        ns.malmquist(["a", "b"], [1, 1, 2], [1.0, 2.0], [1.0, 1.0])
    with pytest.raises(LengthMismatchError):
        ns.dea([[1.0], [2.0]], [[1.0], [2.0], [3.0]])
    with pytest.raises(InvalidParameterError, match="every input is zero"):
        ns.dea([[0.0], [2.0]], [1.0, 1.0])


def test_malmquist_plot_chains_the_period_means():
    import matplotlib

    matplotlib.use("Agg")
    df = eg4()
    m = ns.malmquist(df.firm, df.year, df[["x"]], df[["y"]])
    ax = m.plot()
    tfp = ax.get_lines()[0]
    assert_allclose(tfp.get_xdata(), [1, 2, 3])
    assert_allclose(tfp.get_ydata(), [1.0, 1.125, 1.125], atol=5e-4)


def test_frontier_efficiency_of_points_matches_the_malmquist_cross_period_distances():
    rng = np.random.default_rng(5)
    unit, period, x, y = _random_panel(rng, 30, 2, 2, 2)
    m = ns.malmquist(unit, period, x, y, orientation="output", rts="vrs")
    first, second = period == period.min(), period == period.max()
    for rts, column in (("crs", "crs_d_t_t1"), ("vrs", "rts_d_t_t1")):
        e = ns.frontier_efficiency(x[first], y[first], x[second], y[second],
                                   orientation="output", rts=rts)
        expected = m.to_dict()[column]
        defined = m.to_dict()[f"{column}_defined"]
        assert_allclose(np.ma.getdata(e)[defined], expected[defined], rtol=1e-9)
        assert (np.ma.getmaskarray(e) == ~defined).all()


def test_frontier_efficiency_errors():
    with pytest.raises(InvalidParameterError, match="2 inputs"):
        ns.frontier_efficiency([[1.0], [2.0]], [1.0, 2.0], [[1.0, 1.0]], [1.0])
    with pytest.raises(OutOfRangeError, match="row 0"):
        ns.frontier_efficiency([1.0, 2.0], [1.0, 2.0], [-1.0], [1.0])
