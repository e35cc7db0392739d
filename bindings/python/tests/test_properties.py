"""Invariants (hypothesis): contributions add up, units do not matter, row order does not matter."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

import nangsuat as ns

positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
share = st.floats(min_value=0.0, max_value=1.0)


@st.composite
def series(draw):
    n = draw(st.integers(min_value=2, max_value=12))
    cols = [draw(st.lists(positive, min_size=n, max_size=n)) for _ in range(4)]
    shares = draw(st.lists(share, min_size=n, max_size=n))
    return n, cols, shares


@settings(max_examples=60, deadline=None)
@given(series())
def test_contributions_add_up(data):
    n, (y, k, lab, hc), shares = data
    r = ns.growth_accounting(list(range(2000, 2000 + n)), y, k, lab, human_capital=hc, labour_share=shares)
    d = r.to_dict()
    total = d["capital_contribution"] + d["labour_contribution"] + d["labour_quality_contribution"] + d["tfp_growth"]
    m = d["growth_defined"]
    scale = np.maximum.reduce([np.abs(d[c][m]) for c in ("capital_contribution", "labour_contribution",
                                                          "labour_quality_contribution", "tfp_growth", "output_growth")])
    assert np.all(np.abs(total[m] - d["output_growth"][m]) <= 1e-12 * np.maximum(scale, 1.0))


@settings(max_examples=40, deadline=None)
@given(series(), st.floats(min_value=1e-3, max_value=1e3))
def test_units_do_not_matter(data, factor):
    n, (y, k, lab, _), shares = data
    years = list(range(2000, 2000 + n))
    a = ns.growth_accounting(years, y, k, lab, labour_share=shares)
    b = ns.growth_accounting(years, np.array(y) * factor, np.array(k) * factor, np.array(lab) / factor, labour_share=shares)
    assert_allclose(a["tfp_growth"][1:], b["tfp_growth"][1:], atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=6), st.integers(min_value=2, max_value=6), st.randoms(use_true_random=False))
def test_panel_row_order_does_not_matter(n_ent, n_year, rnd):
    rng = np.random.default_rng(rnd.randint(0, 2**32 - 1))
    entity = np.repeat(np.arange(n_ent), n_year)
    year = np.tile(np.arange(n_year) + 2000, n_ent)
    y, k, lab = (np.exp(rng.normal(0, 0.2, entity.size)) for _ in range(3))
    a = ns.growth_accounting_panel(entity, year, y, k, lab, labour_share=0.6).to_dict()
    perm = rng.permutation(entity.size)
    b = ns.growth_accounting_panel(entity[perm], year[perm], y[perm], k[perm], lab[perm], labour_share=0.6).to_dict()
    for col in ("tfp_growth", "tfp_index", "growth_defined"):
        assert_allclose(b[col], a[col][perm], rtol=0, atol=1e-15, equal_nan=True)
