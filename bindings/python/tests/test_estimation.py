"""Production-function estimation and productivity decompositions through the Python face:
OLS against numpy's least squares, the Olley–Pakes investment design with known truth,
Wooldridge's analytic errors, row alignment, decompositions that add up, and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import nangsuat as ns
from nangsuat.exceptions import InvalidParameterError, LengthMismatchError


def op_design(firms: int = 300, periods: int = 6, seed: int = 1) -> pd.DataFrame:
    """Olley–Pakes design in logs: y = 0.6 l + 0.4 k + ω + ε, ω AR(1) 0.7, labour from the
    static first-order condition with an i.i.d. wage, investment strictly increasing in ω."""
    rng = np.random.default_rng(seed)
    rows = []
    for f in range(firms):
        omega = 0.3 * rng.normal()
        k = 2.5 + 0.5 * rng.normal()
        for t in range(periods + 20):
            omega = 0.7 * omega + 0.214 * rng.normal()
            l = (np.log(0.6) + omega + 0.4 * k - 0.3 * rng.normal()) / 0.4
            y = 0.6 * l + 0.4 * k + omega + 0.1 * rng.normal()
            i = np.log(0.2) + 0.5 * k + 1.2 + 1.5 * omega
            m = 0.6 * l + 0.4 * k + omega
            if t >= 20:
                rows.append((f"firm-{f}", 2000 + t - 20, y, l, k, i, m))
            k = np.log(0.8 * np.exp(k) + np.exp(i))
    return pd.DataFrame(rows, columns=["firm", "year", "y", "l", "k", "i", "m"])


def test_ols_matches_numpy_least_squares() -> None:
    df = op_design(80, 4)
    r = ns.production_function(
        "firm", "year", "y", "l", "k", method="ols", in_logs=True, bootstrap=0, data=df
    )
    x = np.column_stack([np.ones(len(df)), df["l"], df["k"]])
    beta = np.linalg.lstsq(x, df["y"], rcond=None)[0]
    assert_allclose(r.coefficients.to_numpy(), beta[1:], rtol=1e-9)
    assert list(r.coefficients.index) == ["l", "k"]
    assert r.std_errors is None
    # TFP is y − Σ β x, aligned with the DataFrame's index.
    assert_allclose(r.tfp.to_numpy(dtype=float), df["y"] - x[:, 1:] @ beta[1:], rtol=1e-9)
    assert r.tfp.index.equals(df.index)


def test_olley_pakes_and_wooldridge_recover_the_truth_where_ols_does_not() -> None:
    df = op_design()
    op = ns.production_function(
        df["firm"], df["year"], df["y"], df["l"], df["k"], df["i"],
        method="op", in_logs=True, bootstrap=0, law_of_motion_degree=1,
    )
    wr = ns.production_function(
        df["firm"], df["year"], df["y"], df["l"], df["k"], df["i"],
        method="wrdg", in_logs=True, bootstrap=0, law_of_motion_degree=1,
    )
    ols = ns.production_function(
        df["firm"], df["year"], df["y"], df["l"], df["k"], method="ols", in_logs=True,
        bootstrap=0,
    )
    assert abs(op.coefficients["l"] - 0.6) < 0.01
    assert abs(wr.coefficients["l"] - 0.6) < 0.01
    assert abs(wr.coefficients["k"] - 0.4) < 4 * wr.std_errors["k"]
    assert ols.coefficients["l"] > 0.7  # OLS's upward labour bias
    assert wr.std_error_source.startswith("analytic")
    assert {s["start"] for s in wr.starts} == {"ols", "fe"}
    # OP's second stage: Gauss–Newton from both starts, every root listed with its starts.
    assert all(s["search"] in ("gauss-newton", "nelder-mead") for s in op.starts)
    assert op.roots and sorted(n for r in op.roots for n in r["starts"]) == ["fe", "ols"]
    assert any(
        max(abs(a - b) for a, b in zip(r["estimate"], op.coefficients)) < 1e-5 for r in op.roots
    )
    assert "Wooldridge" in wr.summary() and "Hàm sản xuất" in wr.summary()


def test_bootstrap_is_reproducible_from_the_seed() -> None:
    df = op_design(100, 5)
    kw = dict(method="acf", in_logs=True, bootstrap=8, data=df)
    a = ns.production_function("firm", "year", "y", "l", "k", "m", seed=5, **kw)
    b = ns.production_function("firm", "year", "y", "l", "k", "m", seed=5, **kw)
    c = ns.production_function("firm", "year", "y", "l", "k", "m", seed=6, **kw)
    pd.testing.assert_series_equal(a.std_errors, b.std_errors)
    assert not a.std_errors.equals(c.std_errors)


def test_bad_rows_are_marked_not_nan() -> None:
    df = op_design(50, 4)
    levels = np.exp(df[["y", "l", "k", "m"]])
    levels.loc[3, "m"] = 0.0
    r = ns.production_function(
        df["firm"], df["year"], levels["y"], levels["l"], levels["k"], levels["m"],
        method="lp", bootstrap=0,
    )
    assert r.tfp.isna().sum() == 1 and pd.isna(r.tfp.iloc[3])
    assert r.row_status[3] == "non-positive m"
    frame = r.to_pandas()
    assert list(frame.columns) == [
        "tfp", "elasticity_l", "elasticity_k", "returns_to_scale", "row_status"
    ]


def test_decompositions_add_up() -> None:
    df = op_design(60, 4)
    df = df.drop(index=df.index[(df["firm"] == "firm-3") & (df["year"] == 2003)])
    df = df.drop(index=df.index[(df["firm"] == "firm-4") & (df["year"] == 2000)])
    weight = np.exp(df["y"])
    op = ns.productivity_decomposition(df["firm"], df["year"], df["l"], weight)
    assert_allclose(op["mean"] + op["covariance"], op["aggregate"], rtol=0, atol=1e-12)
    mp = ns.productivity_decomposition(df["firm"], df["year"], df["l"], weight, method="mp")
    parts = mp[["survivors_within", "survivors_reallocation", "entrants", "exiters"]].sum(axis=1)
    assert_allclose(parts, mp["total"], rtol=0, atol=1e-12)
    assert mp["exiter_count"].iloc[-1] == 1 and mp["entrant_count"].iloc[0] == 1


def test_errors_are_clear() -> None:
    df = op_design(10, 3)
    with pytest.raises(InvalidParameterError, match="unknown method"):
        ns.production_function(
            "firm", "year", "y", "l", "k", "m", method="gmm", data=df, in_logs=True
        )
    with pytest.raises(LengthMismatchError, match="`l`"):
        ns.production_function(
            df["firm"], df["year"], df["y"], df["l"][:5], df["k"], df["m"],
            in_logs=True,
        )
    with pytest.raises(ValueError):  # invalid input is also a ValueError
        ns.productivity_decomposition([1], [2020], [1.0], [-1.0])
