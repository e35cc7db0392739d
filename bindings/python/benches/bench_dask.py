"""Panel growth accounting of 10 million rows on a two-worker distributed LocalCluster,
against the in-memory call on the same rows.

    python bindings/python/benches/bench_dask.py [--entities 1000000] [--partitions 16]

The partitions are generated on the workers (as if read from Parquet files there), each
holding rows of every entity in scrambled order, so the entity shuffle is needed. Timed:
the in-memory call (one process, all cores); on the cluster, ``persist`` of the result (the
shuffle and one core call per partition; results stay on the workers) and ``compute`` (the
same, plus sending every result row back to this process). Both results are checked equal.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import pandas as pd

import nangsuat as ns


def make_partition(i: int, entities: int, years: int, partitions: int) -> pd.DataFrame:
    """Rows ``i::partitions`` of the scrambled panel (deterministic)."""
    n = entities * years
    rows = np.random.default_rng(0).permutation(n)[i::partitions]
    entity, t = rows // years, rows % years
    noise = np.sin(rows * 0.7) * 0.02
    return pd.DataFrame(
        {
            "entity": entity.astype(np.int64),
            "year": (2010 + t).astype(np.int32),
            "output": 100 * np.exp(0.06 * t + noise),
            "capital": 300 * np.exp(0.08 * t + noise / 2),
            "labour": 50 * np.exp(0.01 * t - noise),
            "labour_share": 0.55 + noise,
        },
        index=pd.RangeIndex(0, len(rows)) * partitions + i,
    )


def main() -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster, wait

    from nangsuat import dask as nsd

    ap = argparse.ArgumentParser()
    ap.add_argument("--entities", type=int, default=1_000_000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--partitions", type=int, default=16)
    args = ap.parse_args()
    e, t, p = args.entities, args.years, args.partitions
    kw = dict(entity="entity", year="year", output="output", capital="capital",
              labour="labour", labour_share="labour_share")

    frame = pd.concat([make_partition(i, e, t, p) for i in range(p)])
    start = time.perf_counter()
    mem = ns.growth_accounting_panel(
        frame["entity"], frame["year"], frame["output"], frame["capital"], frame["labour"],
        labour_share=frame["labour_share"]).to_pandas()
    t_mem = time.perf_counter() - start

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.from_map(make_partition, range(p), entities=e, years=t, partitions=p)
        ddf = ddf.persist()
        wait(ddf)
        start = time.perf_counter()
        result = nsd.growth_accounting_panel(ddf, **kw).persist()
        wait(result)
        t_persist = time.perf_counter() - start
        start = time.perf_counter()
        got = nsd.growth_accounting_panel(ddf, **kw).compute()
        t_compute = time.perf_counter() - start
    got = got.rename(columns={"entity": "entity"}).sort_index()
    pd.testing.assert_frame_equal(got, mem.sort_index(), check_exact=True)
    print(f"{len(frame):,} rows, {p} partitions, load average {os.getloadavg()[0]:.1f}")
    print(f"in memory (one process):                   {t_mem:8.2f} s")
    print(f"LocalCluster, 2 workers, persist (shuffle + per-partition calls): {t_persist:8.2f} s")
    print(f"LocalCluster, 2 workers, compute (+ results sent back):          {t_compute:8.2f} s")


if __name__ == "__main__":
    main()
