"""Stochastic frontiers from Python: FRONTIER 4.1's first example reproduced, the result
objects, an independent scipy implementation of the likelihood, and the errors."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import nangsuat as ns
from nangsuat.exceptions import InvalidParameterError, NangsuatError

pd = pytest.importorskip("pandas")

FIXTURES = Path(__file__).resolve().parents[3] / "crates" / "nangsuat" / "tests" / "fixtures"
EG1_OUT = (FIXTURES / "frontier41" / "eg1-out.txt").read_text()


def _printed(section: str) -> list[tuple[str, list[float]]]:
    """(label, numbers) lines of the FRONTIER output section starting with `section`."""
    text = EG1_OUT[EG1_OUT.index(section) + len(section):]
    rows, started = [], False
    for line in text.splitlines():
        nums = re.findall(r"-?\d\.\d{8}E[+-]\d\d", line)
        if not nums:
            if started and not line.strip():
                break
            continue
        started = True
        label = line[: line.index(nums[0])].strip()
        rows.append((label, [float(n) for n in nums]))
    return rows


@pytest.fixture(scope="module")
def eg1() -> np.ndarray:
    return np.loadtxt(ns.sfa_example_path())


@pytest.fixture(scope="module")
def fit(eg1: np.ndarray) -> ns.SfaResult:
    frame = pd.DataFrame(eg1[:, 3:5], columns=["lnK", "lnL"])
    return ns.sfa(pd.Series(eg1[:, 2], name="lnY"), frame)


def test_example_data_ships_with_the_package(eg1: np.ndarray) -> None:
    assert eg1.shape == (60, 5)
    data = np.loadtxt(FIXTURES / "frontier41" / "eg1-dta.txt")
    np.testing.assert_array_equal(eg1, data)


def test_eg1_ols_to_every_printed_digit(fit: ns.SfaResult) -> None:
    ols = _printed("the ols estimates are :")
    for j in range(3):
        coef, se, _ = ols[j][1]
        assert abs(fit.ols["beta"][j] - coef) <= 5e-9 * max(1.0, abs(coef)) * 10
        assert fit.ols["std_errors"][j] == pytest.approx(se, rel=1e-7)
    assert fit.ols["sigma_sq"] == pytest.approx(ols[3][1][0], rel=1e-7)
    # FRONTIER's likelihood constant uses π ≈ 3.1415926 (single precision): 1.4e-6 apart.
    assert fit.ols["log_likelihood"] == pytest.approx(-18.446849, abs=3e-6)


def test_eg1_maximum_likelihood(fit: ns.SfaResult) -> None:
    printed = _printed("the final mle estimates are :")
    names = ["beta_0", "beta_1", "beta_2", "sigma_sq", "gamma"]
    assert list(fit.params.index) == names
    for name, (label, (coef, se, t)) in zip(names, printed):
        # FRONTIER stops at 1e-5 relative changes; its standard errors are DFP's
        # approximation of the inverse Hessian (ours: the Hessian at the maximum).
        assert fit.params[name] == pytest.approx(coef, rel=1e-5), label
        assert fit.std_errors[name] == pytest.approx(se, rel=0.02), label
        assert fit.t_ratios[name] == pytest.approx(t, rel=0.02), label
    assert fit.log_likelihood == pytest.approx(-17.027229, abs=3e-6)
    assert fit.lr_test.statistic == pytest.approx(2.8392402, abs=1e-6)
    assert fit.lr_test.restrictions == 1
    assert fit.lr_test.critical_value_5pct == pytest.approx(2.706, abs=5e-4)
    assert fit.lr_test.rejects_no_inefficiency
    assert fit.convergence["converged"]
    assert not fit.wrong_skewness and fit.boundary is None
    cov = fit.covariance
    assert cov is not None and cov.shape == (5, 5)
    assert np.allclose(cov.to_numpy(), cov.to_numpy().T)


def test_eg1_every_firms_efficiency(fit: ns.SfaResult) -> None:
    printed = _printed("technical efficiency estimates :")
    assert len(printed) == 60
    want = np.array([v[0] for _, v in printed])
    eff = fit.efficiency.to_numpy(dtype=float)
    assert np.max(np.abs(eff - want)) < 2e-6
    assert fit.mean_efficiency == pytest.approx(0.74056772, abs=1e-6)
    # Aligned with the input rows (the Series' index), JLMS E[u|ε] alongside.
    assert list(fit.efficiency.index) == list(range(60))
    u = fit.inefficiency.to_numpy(dtype=float)
    assert np.all(u > 0)
    assert np.corrcoef(u, -np.log(eff))[0, 1] > 0.99


def test_summary_prints_like_frontier(fit: ns.SfaResult) -> None:
    text = fit.summary()
    assert "  beta 1         0.28049246E+00  0.48066617E-01  0.58354940E+01" in text
    assert "the final mle estimates are :" in text
    assert "technical efficiency estimates :" in text
    assert "Kodde & Palm" in text


def test_independent_scipy_likelihood_agrees(eg1: np.ndarray, fit: ns.SfaResult) -> None:
    from reference_sfa import fit as scipy_fit
    from reference_sfa import negative_log_likelihood

    y = eg1[:, 2]
    x = np.column_stack([np.ones(60), eg1[:, 3:5]])
    ours = fit.params.to_numpy()
    # The two likelihoods agree at our estimates …
    assert -negative_log_likelihood(ours, y, x, None) == pytest.approx(
        fit.log_likelihood, abs=1e-9
    )
    # … and scipy's optimiser finds no higher point.
    res = scipy_fit(y, x)
    assert -res.fun <= fit.log_likelihood + 1e-7
    np.testing.assert_allclose(res.x, ours, rtol=2e-3, atol=2e-3)


def _panel(seed: int, n: int = 120, t: int = 4, effects: bool = False):
    rng = np.random.default_rng(seed)
    rows = []
    u_i = np.abs(rng.normal(0, 0.3, n))
    for i in range(n):
        for s in range(1, t + 1):
            x1, x2, z1 = rng.uniform(0, 2), rng.uniform(0, 3), rng.uniform()
            if effects:
                u = -1.0
                while u < 0:
                    u = rng.normal(0.1 + 0.6 * z1, 0.25)
            else:
                u = u_i[i] * np.exp(-0.1 * (s - t))
            y = 1.0 + 0.5 * x1 + 0.3 * x2 + rng.normal(0, 0.15) - u
            rows.append((f"firm-{i:03d}", 2000 + s, y, x1, x2, z1))
    return pd.DataFrame(rows, columns=["firm", "year", "lny", "lnk", "lnl", "z1"])


def test_panel_with_labels_and_a_custom_index() -> None:
    df = _panel(3).sample(frac=1.0, random_state=1)  # rows shuffled
    df.index = [f"obs{i}" for i in range(len(df))]
    r = ns.sfa(df["lny"], df[["lnk", "lnl"]], unit=df["firm"], period=df["year"], eta=True)
    assert list(r.params.index) == ["beta_0", "beta_1", "beta_2", "sigma_sq", "gamma", "eta"]
    assert list(r.efficiency.index) == list(df.index)
    frame = r.to_pandas()
    assert list(frame.columns) == ["unit", "period", "efficiency", "inefficiency"]
    assert frame["unit"].iloc[0] == df["firm"].iloc[0]
    by_period = r.mean_efficiency_by_period
    assert list(by_period.index) == [2001, 2002, 2003, 2004]
    assert by_period["rows"].sum() == len(df)
    # η > 0 was simulated: efficiency rises.
    assert by_period["mean_efficiency"].iloc[-1] > by_period["mean_efficiency"].iloc[0]
    assert abs(r.params["eta"] - 0.1) < 4 * r.std_errors["eta"]


def test_inefficiency_effects_with_delta0() -> None:
    df = _panel(5, n=600, t=1, effects=True)
    r = ns.sfa(df["lny"], df[["lnk", "lnl"]], z=df[["z1"]], mu=True)
    assert list(r.params.index) == [
        "beta_0", "beta_1", "beta_2", "delta_0", "delta_1", "sigma_sq", "gamma"
    ]
    assert abs(r.params["delta_1"] - 0.6) < 4 * r.std_errors["delta_1"]
    assert r.lr_test.restrictions == 3
    assert list(r.marginal_effects.index) == ["delta_1"]
    assert 0 < r.marginal_effects["delta_1"] < r.params["delta_1"]
    # The scipy reference reaches the same maximum.
    from reference_sfa import fit as scipy_fit

    x = np.column_stack([np.ones(len(df)), df[["lnk", "lnl"]].to_numpy()])
    z = np.column_stack([np.ones(len(df)), df["z1"].to_numpy()])
    res = scipy_fit(df["lny"].to_numpy(), x, z)
    assert -res.fun <= r.log_likelihood + 1e-6
    np.testing.assert_allclose(res.x, r.params.to_numpy(), rtol=1e-2, atol=1e-2)


def test_cost_frontier_and_wrong_skewness() -> None:
    df = _panel(7, n=300, t=1)
    # y = xβ + v − u seen as a cost frontier has the wrong skewness.
    r = ns.sfa(df["lny"], df[["lnk", "lnl"]], cost=True)
    assert r.wrong_skewness
    assert "skewed the wrong way" in r.summary()


def test_errors_are_typed_and_name_the_problem(eg1: np.ndarray) -> None:
    y, x = eg1[:, 2], eg1[:, 3:5]
    with pytest.raises(InvalidParameterError, match="single period"):
        ns.sfa(y, x, unit=eg1[:, 0].astype(int), period=eg1[:, 1].astype(int), eta=True)
    with pytest.raises(InvalidParameterError, match=r"beta_3 \(twice_k\)"):
        ns.sfa(y, np.column_stack([x, 2 * x[:, 0]]), names=["k", "l", "twice_k"])
    bad = y.copy()
    bad[7] = np.nan
    with pytest.raises(NangsuatError, match=r"y\[row 7\]"):
        ns.sfa(bad, x)
    with pytest.raises(ValueError):  # every invalid input is also a ValueError
        ns.sfa(y, x, z=x, eta=True)
    with pytest.raises(NangsuatError, match="gamma"):
        ns.sfa(y, x, start=[0.2, 0.3, 0.5, 0.1, 1.5])


def test_plot(fit: ns.SfaResult) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = fit.plot()
    assert "efficiency" in ax.get_title()
    df = _panel(9, n=40)
    r = ns.sfa(df["lny"], df[["lnk", "lnl"]], unit=df["firm"], period=df["year"])
    ax = r.plot()
    assert ax.get_xlabel() == "period"
