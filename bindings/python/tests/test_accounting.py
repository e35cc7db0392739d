"""Growth accounting through the Python face: METHODS §2 worked check, the GSO form, panels,
PWT 10.01 reproduction, pandas index preservation, zero-copy inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import nangsuat as ns
from nangsuat.exceptions import (
    DuplicateYearError,
    InvalidParameterError,
    LengthMismatchError,
    MissingYearError,
    NonPositiveError,
    OutOfRangeError,
    YearNotFoundError,
)

WORKED = dict(year=[2020, 2021], output=[100.0, 107.0], capital=[300.0, 321.0], labour=[50.0, 51.0])


def test_methods_worked_check():
    # METHODS §2: s̄_L = 0.61, Δln Y = 0.067659, K 0.026387, L 0.012080, TFP 0.029192, 43.15 %.
    r = ns.growth_accounting(**WORKED, labour_share=[0.60, 0.62])
    assert_allclose(r["output_growth"][1], 0.067659, atol=5e-7)
    assert_allclose(r["capital_contribution"][1], 0.026387, atol=5e-7)
    assert_allclose(r["labour_contribution"][1], 0.012080, atol=5e-7)
    assert_allclose(r["tfp_growth"][1], 0.029192, atol=5e-7)
    assert_allclose(r["tfp_share"][1], 0.4315, atol=5e-5)
    assert_allclose(r["labour_productivity_growth"][1], 0.047856, atol=5e-7)
    assert_allclose(r["capital_deepening"][1], 0.018664, atol=5e-7)
    assert r.summary is not None
    assert_allclose(r.summary.tfp_share_of_cumulative_growth, 0.4315, atol=5e-5)
    assert r.provenance["options"]["profile"] == "tornqvist"


def test_gso_profile_discrete_growth_fixed_share():
    r = ns.growth_accounting(**WORKED, labour_share=0.6, profile="gso")
    # 0.07 − 0.4·0.07 − 0.6·0.02
    assert_allclose(r["tfp_growth"][1], 0.03, atol=1e-12)
    assert r.profile == "gso"


def test_to_pandas_columns_undefined_is_na_and_index_kept():
    idx = pd.Index(["a", "b"], name="row")
    out = pd.Series(WORKED["output"], index=idx)
    r = ns.growth_accounting(WORKED["year"], out, WORKED["capital"], WORKED["labour"], labour_share=0.6)
    df = r.to_pandas()
    for col in ("year", "output_growth", "capital_contribution", "labour_contribution",
                "labour_quality_contribution", "tfp_growth", "tfp_index", "tfp_share"):
        assert col in df.columns
    assert df.index.equals(idx)
    assert df["output_growth"].isna().tolist() == [True, False]
    assert str(df["tfp_share"].dtype) == "Float64"
    d = r.to_dict()
    assert d["growth_defined"].tolist() == [False, True]
    assert np.isnan(d["output_growth"][0])


def test_period_and_base_year():
    years = list(range(2015, 2021))
    y = [100 * 1.06**i for i in range(6)]
    k = [300 * 1.08**i for i in range(6)]
    lab = [50 * 1.01**i for i in range(6)]
    r = ns.growth_accounting(years, y, k, lab, labour_share=0.5, base_year=2017)
    assert r["tfp_index"][2] == 1.0
    p = r.period(2016, 2019)
    tfp = np.log(1.06) - 0.5 * np.log(1.08) - 0.5 * np.log(1.01)
    assert_allclose(p.cumulative_tfp_growth, 3 * tfp, rtol=1e-12)
    assert_allclose(p.tfp_share_of_cumulative_growth, tfp / np.log(1.06), rtol=1e-12)
    with pytest.raises(YearNotFoundError) as e:
        r.period(2000, 2019)
    assert e.value.year == 2000
    with pytest.raises(InvalidParameterError):
        r.period(2019, 2016)
    with pytest.raises(YearNotFoundError):
        ns.growth_accounting(years, y, k, lab, labour_share=0.5, base_year=1990)


def test_hours_and_human_capital():
    r = ns.growth_accounting(**WORKED, labour_share=0.6, hours=[2000, 1980], human_capital=[2.0, 2.02])
    row = {k: r[k][1] for k in ns.accounting.COLUMNS}
    assert_allclose(row["labour_quality_contribution"], 0.6 * np.log(1.01), rtol=1e-12)
    total = row["capital_contribution"] + row["labour_contribution"] + row["labour_quality_contribution"] + row["tfp_growth"]
    assert_allclose(total, row["output_growth"], atol=1e-15)
    assert r.provenance["labour_measure"] == "persons_x_hours"


def test_errors_name_series_year_value():
    with pytest.raises(NonPositiveError) as e:
        ns.growth_accounting([2020, 2021], [100, -1], [300, 321], [50, 51], labour_share=0.6)
    assert isinstance(e.value, ValueError) and isinstance(e.value, ns.NangsuatError)
    assert (e.value.series, e.value.year, e.value.value) == ("output", 2021, -1.0)
    assert "output" in str(e.value) and "2021" in str(e.value) and "-1" in str(e.value)
    with pytest.raises(OutOfRangeError) as e:
        ns.growth_accounting(**WORKED, labour_share=60)
    assert e.value.value == 60
    with pytest.raises(LengthMismatchError) as e:
        ns.growth_accounting([2020, 2021], [100], [300, 321], [50, 51], labour_share=0.6)
    assert e.value.series == "output"
    with pytest.raises(MissingYearError):
        ns.growth_accounting([2020, 2022], [100, 107], [300, 321], [50, 51], labour_share=0.6)
    with pytest.raises(DuplicateYearError):
        ns.growth_accounting([2020, 2020], [100, 107], [300, 321], [50, 51], labour_share=0.6)
    with pytest.raises(InvalidParameterError):
        ns.growth_accounting(**WORKED, labour_share=0.6, profile="solow")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError):
        ns.growth_accounting(**WORKED, labour_share=0.6, nan_policy="skip")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError):
        ns.growth_accounting(**WORKED, labour_share=None)
    with pytest.raises(InvalidParameterError):
        ns.growth_accounting([2020.5, 2021], **{k: v for k, v in WORKED.items() if k != "year"}, labour_share=0.6)


def test_nan_policy_propagate_and_omit():
    years = [2018, 2019, 2020, 2021]
    y = [100.0, np.nan, 110.0, 115.0]
    k = [300.0, 310.0, 320.0, 330.0]
    lab = [50.0, 50.5, 51.0, 51.5]
    with pytest.raises(ns.exceptions.NonFiniteError) as e:
        ns.growth_accounting(years, y, k, lab, labour_share=0.6)
    assert e.value.year == 2019
    prop = ns.growth_accounting(years, y, k, lab, labour_share=0.6, nan_policy="propagate")
    assert prop["growth_defined"].tolist() == [False, False, False, True]
    omit = ns.growth_accounting(years, y, k, lab, labour_share=0.6, nan_policy="omit")
    assert omit["tfp_index_defined"].tolist() == [True, False, True, True]


def test_nullable_pandas_input_is_missing_not_an_error_of_type():
    y = pd.Series([100.0, None, 110.0], dtype="Float64")
    with pytest.raises(ns.exceptions.NonFiniteError):
        ns.growth_accounting([2019, 2020, 2021], y, [1, 2, 3], [1, 1, 1], labour_share=0.6)


def test_panel_rows_in_any_order_and_labels_in_errors():
    r = ns.growth_accounting_panel(["b", "a", "b", "a"], [2001, 2000, 2000, 2001],
                                   [2.2, 1.0, 2.0, 1.1], [4, 2, 4, 2], [1, 1, 1, 1], labour_share=0.6)
    assert r["growth_defined"].tolist() == [True, False, False, True]
    assert_allclose(r["tfp_growth"][[0, 3]], [np.log(1.1)] * 2, rtol=1e-14)
    df = r.to_pandas()
    assert df["entity"].tolist() == ["b", "a", "b", "a"]
    with pytest.raises(NonPositiveError) as e:
        ns.growth_accounting_panel(["VNM", "VNM", "THA"], [2000, 2001, 2000], [1, 0, 1], [1, 1, 1],
                                   [1, 1, 1], labour_share=0.6)
    assert e.value.entity == "VNM" and "VNM" in str(e.value)
    with pytest.raises(DuplicateYearError):
        ns.growth_accounting_panel([1, 1], [2000, 2000], [1, 1], [1, 1], [1, 1], labour_share=0.6)


def test_panel_matches_single_series_and_keeps_index():
    rng = np.random.default_rng(1)
    n_ent, n_year = 5, 8
    entity = np.repeat(np.arange(n_ent), n_year)
    year = np.tile(np.arange(2000, 2000 + n_year), n_ent)
    y = np.exp(rng.normal(0, 0.1, entity.size).cumsum())
    k = np.exp(rng.normal(0, 0.1, entity.size).cumsum())
    lab = np.exp(rng.normal(0, 0.1, entity.size).cumsum())
    perm = rng.permutation(entity.size)
    frame = pd.DataFrame({"e": entity, "t": year, "y": y, "k": k, "l": lab}).iloc[perm]
    frame.index = pd.RangeIndex(100, 100 + entity.size)[perm]
    r = ns.growth_accounting_panel(frame["e"], frame["t"], frame["y"], frame["k"], frame["l"], labour_share=0.55)
    df = r.to_pandas()
    assert df.index.equals(frame.index)
    for e in range(n_ent):
        sub = frame[frame["e"] == e].sort_values("t")
        single = ns.growth_accounting(sub["t"], sub["y"], sub["k"], sub["l"], labour_share=0.55).to_pandas()
        got = df.loc[sub.index]
        assert_allclose(got["tfp_growth"].to_numpy(dtype=float, na_value=np.nan),
                        single["tfp_growth"].to_numpy(dtype=float, na_value=np.nan), rtol=1e-13, equal_nan=True)


def test_float64_contiguous_input_is_not_copied():
    # The Python layer passes a contiguous float64 array through as it is.
    from nangsuat._inputs import float_column

    a = np.linspace(1, 2, 10)
    assert float_column("x", a) is a
    assert np.shares_memory(float_column("x", pd.Series(a, copy=False)), a)
    strided = np.linspace(1, 2, 20)[::2]
    assert float_column("x", strided).flags["C_CONTIGUOUS"]


def test_other_array_likes():
    r1 = ns.growth_accounting(np.array(WORKED["year"], dtype=np.int64), tuple(WORKED["output"]),
                              np.array(WORKED["capital"], dtype=np.float32), pd.Series(WORKED["labour"]),
                              labour_share=np.float64(0.6))
    r2 = ns.growth_accounting(**WORKED, labour_share=0.6)
    assert_allclose(r1["tfp_growth"][1], r2["tfp_growth"][1], rtol=1e-6)


def test_pwt_reproduction(pwt_frame):
    """PWT 10.01's own rtfpna and ctfp from its inputs, for every published value."""
    out = ns.pwt_tfp(pwt_frame)
    assert out.index.equals(pwt_frame.index)
    for col in ("rtfpna", "ctfp"):
        published = pwt_frame[col].to_numpy(dtype=float)
        have = ~np.isnan(published)
        ours = out[col].to_numpy(dtype=float, na_value=np.nan)
        assert have.sum() > 1000
        assert not np.isnan(ours[have]).any(), f"{col}: undefined where PWT publishes a value"
        rel = np.abs(ours[have] / published[have] - 1)
        assert rel.max() < 2e-6, f"{col}: worst relative error {rel.max():.2e}"


def test_pwt_tfp_checks_columns_and_reference(pwt_frame):
    with pytest.raises(InvalidParameterError, match="ck"):
        ns.pwt_tfp(pwt_frame.drop(columns=["ck"]))
    with pytest.raises(InvalidParameterError, match="XYZ"):
        ns.pwt_tfp(pwt_frame, reference="XYZ")
