"""nangsuat.dask on a distributed LocalCluster with two worker processes: results equal to the
in-memory calls (to the bit), entities split across input partitions, an empty partition, a
column selection, and a worker's error reaching the caller as the nangsuat error type."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import nangsuat as ns  # noqa: E402
from nangsuat import dask as nsd  # noqa: E402
from nangsuat.exceptions import NangsuatError, NonPositiveError  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as c:
        yield c


def firm_panel(entities: int = 60, years: int = 7, seed: int = 5) -> pd.DataFrame:
    """A scrambled panel with string firm labels and per-row labour shares."""
    rng = np.random.default_rng(seed)
    n = entities * years
    level = lambda sd: np.exp(rng.normal(0.03, sd, (entities, years)).cumsum(axis=1)).ravel()  # noqa: E731
    frame = pd.DataFrame(
        {
            "firm": np.repeat([f"firm-{i:03d}" for i in range(entities)], years),
            "year": np.tile(np.arange(2011, 2011 + years), entities),
            "va": 10 * level(0.08),
            "k": 30 * level(0.04),
            "l": 5 * level(0.03),
            "h": 1900 + 50 * rng.random(n),
            "hc": np.tile(2.0 + 0.02 * np.arange(years), entities),
            "s": rng.uniform(0.4, 0.7, n),
        }
    )
    return frame.sample(frac=1.0, random_state=seed).set_index(pd.RangeIndex(n) * 3 + 7)


def in_memory(frame: pd.DataFrame, **kw) -> pd.DataFrame:
    r = ns.growth_accounting_panel(
        frame["firm"], frame["year"], frame["va"], frame["k"], frame["l"],
        labour_share=frame["s"], hours=frame["h"], human_capital=frame["hc"], **kw,
    )
    return r.to_pandas().rename(columns={"entity": "firm"})


def on_dask(frame: dd.DataFrame, **kw) -> dd.DataFrame:
    return nsd.growth_accounting_panel(
        frame, entity="firm", year="year", output="va", capital="k", labour="l",
        labour_share="s", hours="h", human_capital="hc", **kw,
    )


def test_equal_to_in_memory_with_entities_split_across_partitions(client):
    pdf = firm_panel()
    ddf = dd.from_pandas(pdf, npartitions=4, sort=False)
    # The scrambled rows put most firms in several input partitions.
    parts = [set(p["firm"]) for p in ddf.partitions]
    assert any(len(a & b) for i, a in enumerate(parts) for b in parts[i + 1:])
    got = on_dask(ddf).compute().sort_index()
    expected = in_memory(pdf).sort_index()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    # Bit for bit, NaN payloads aside: the same float64 words where defined.
    for name in ns.accounting.COLUMNS:
        a, b = got[name].to_numpy(np.float64, na_value=np.nan), expected[name].to_numpy(
            np.float64, na_value=np.nan)
        assert np.array_equal(a.view(np.uint64)[~np.isnan(a)], b.view(np.uint64)[~np.isnan(b)])


def test_column_selection_and_options(client):
    pdf = firm_panel(entities=20, seed=9)
    ddf = dd.from_pandas(pdf, npartitions=3, sort=False)
    got = on_dask(ddf, columns=["tfp_index", "tfp_growth"], base_year=2014).compute()
    expected = in_memory(pdf, columns=["tfp_index", "tfp_growth"], base_year=2014)
    assert list(got.columns) == ["firm", "year", "tfp_growth", "tfp_index"]
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index(), check_exact=True)


def test_an_empty_partition(client):
    pdf = firm_panel(entities=10, seed=2)
    empty = dd.from_pandas(pdf.iloc[:0], npartitions=1)
    ddf = dd.concat([empty, dd.from_pandas(pdf, npartitions=2, sort=False)])
    assert ddf.npartitions == 3 and len(ddf.partitions[0].compute()) == 0
    got = on_dask(ddf).compute().sort_index()
    pd.testing.assert_frame_equal(got, in_memory(pdf).sort_index(), check_exact=True)
    # Already partitioned by entity (one partition per firm group): no shuffle, same values.
    grouped = pdf.sort_values(["firm", "year"])
    ddf = dd.from_pandas(grouped.set_index("firm", drop=False), npartitions=3, sort=True)
    ddf = ddf.reset_index(drop=True)
    got = on_dask(ddf, partitioned_by_entity=True).compute()
    expected = in_memory(grouped.reset_index(drop=True))
    pd.testing.assert_frame_equal(
        got.sort_values(["firm", "year"]).reset_index(drop=True),
        expected.sort_values(["firm", "year"]).reset_index(drop=True),
        check_exact=True,
    )


def test_worker_error_is_the_nangsuat_error(client):
    pdf = firm_panel(entities=12, seed=3)
    bad = pdf.index[pdf["firm"] == "firm-007"][2]
    pdf.loc[bad, "va"] = -1.0
    ddf = dd.from_pandas(pdf, npartitions=3, sort=False)
    with pytest.raises(NonPositiveError) as caught:
        on_dask(ddf).compute()
    assert isinstance(caught.value, NangsuatError) and isinstance(caught.value, ValueError)
    assert caught.value.entity == "firm-007" and caught.value.series == "output"
    with pytest.raises(NangsuatError):
        nsd.growth_accounting_panel(ddf, entity="nope", year="year", output="va", capital="k",
                                    labour="l", labour_share=0.6)
    with pytest.raises(NangsuatError):
        on_dask(ddf, columns=["not_a_column"])


def test_dea_and_malmquist_by_group(client):
    rng = np.random.default_rng(11)
    n = 40
    frame = pd.DataFrame(
        {
            "industry": np.repeat(["C10", "C13", "C25", "F41"], n // 4),
            "year": np.tile([2020, 2021], n // 2),
            "unit": np.tile(np.repeat([f"u{i}" for i in range(5)], 2), 4),
            "capital": rng.uniform(1, 10, n),
            "labour": rng.uniform(1, 10, n),
            "output": rng.uniform(1, 10, n),
        }
    ).sample(frac=1.0, random_state=1)
    ddf = dd.from_pandas(frame, npartitions=3, sort=False)
    got = nsd.dea_by_group(
        ddf, by=["industry", "year"], inputs=["capital", "labour"], outputs=["output"],
        rts="vrs",
    ).compute()
    for (industry, year), group in frame.groupby(["industry", "year"]):
        expected = ns.dea(group[["capital", "labour"]], group[["output"]], rts="vrs").to_pandas()
        mine = got[(got["industry"] == industry) & (got["year"] == year)].drop(
            columns=["industry", "year"])
        pd.testing.assert_frame_equal(mine.sort_index(), expected.sort_index(), check_exact=True)
    got = nsd.malmquist_by_group(
        ddf, by="industry", unit="unit", period="year", inputs=["capital", "labour"],
        outputs=["output"],
    ).compute()
    assert len(got) == 4 * 5
    for industry, group in frame.groupby("industry"):
        expected = ns.malmquist(group["unit"], group["year"], group[["capital", "labour"]],
                                group[["output"]]).to_pandas()
        mine = got[got["industry"] == industry].drop(columns=["industry"])
        pd.testing.assert_frame_equal(
            mine.sort_values("unit").reset_index(drop=True),
            expected.sort_values("unit").reset_index(drop=True), check_exact=True,
        )


def production_panel(firms: int = 120, years: int = 6, seed: int = 3) -> pd.DataFrame:
    """A firm panel with the ACF timing: labour chosen after productivity, materials as proxy."""
    rng = np.random.default_rng(seed)
    rows = []
    for f in range(firms):
        omega, k = 0.3 * rng.normal(), 2.5 + 0.5 * rng.normal()
        for t in range(years):
            omega = 0.7 * omega + 0.2 * rng.normal()
            lab = (np.log(0.6) + omega + 0.4 * k - 0.3 * rng.normal()) / 0.4
            rows.append((f"f{f:03d}", 2010 + t, 0.6 * lab + 0.4 * k + omega + 0.1 * rng.normal(),
                         lab, k, 0.6 * lab + 0.4 * k + omega + 0.3))
            k = np.log(0.8 * np.exp(k) + np.exp(0.5 * k + 1.2 * 0 + 1.5 * omega - 1.6))
    return pd.DataFrame(rows, columns=["firm", "year", "y", "l", "k", "m"])


@pytest.mark.parametrize("method", ["acf", "wrdg"])
def test_production_bootstrap_on_the_cluster_equals_in_memory(client, method):
    frame = production_panel()
    call = dict(firm="firm", year="year", output="y", free="l", state="k", proxy="m",
                method=method, bootstrap=11, seed=5, in_logs=True, data=frame)
    here = ns.production_function(**call)
    with distributed.get_task_stream(client) as stream:
        there = ns.production_function(**call, client=client)
    parts = [t for t in stream.data if "_bootstrap_part" in str(t["key"])]
    assert len(parts) == 8  # four parts per worker, every one on a worker
    # Every replication ran on a worker: the draws, the standard errors and the covariance
    # are the in-memory call's, to the bit.
    assert here.bootstrap_draws.shape == (11, 2)
    pd.testing.assert_frame_equal(there.bootstrap_draws, here.bootstrap_draws)
    pd.testing.assert_frame_equal(there.covariance, here.covariance)
    np.testing.assert_array_equal(there.std_errors, here.std_errors)
    np.testing.assert_array_equal(there.coefficients, here.coefficients)
    assert there.std_error_source == here.std_error_source
    pd.testing.assert_series_equal(there.tfp, here.tfp)
