"""Panel growth accounting on rows in scrambled order, side by side: nangsuat, pandas
(sort + groupby + shift + log) and polars (sort + window functions ``.over()``), every one
returning results aligned with the input rows.

    python bindings/python/benches/bench_panel_scrambled.py [--entities 300000] [--repeat 5]

Two workloads: every column nangsuat computes by default (pandas and polars compute the
seven columns they have in common with it), and a three-column selection (``tfp_growth``,
``tfp_index``, ``tfp_share``). The script checks that the three implementations agree to
1e-9 before printing medians (and minima) of ``--repeat`` runs, with the machine's load.
Törnqvist with per-row labour shares, labour = persons × hours, a human-capital index.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np
import pandas as pd
import polars as pl

import nangsuat as ns

SEVEN = ["output_growth", "capital_contribution", "labour_contribution",
         "labour_quality_contribution", "tfp_growth", "tfp_index", "tfp_share"]
THREE = ["tfp_growth", "tfp_index", "tfp_share"]


def make_panel(entities: int, years: int, seed: int = 0) -> pd.DataFrame:
    """A firm panel in scrambled row order (a random permutation of entity × year rows)."""
    rng = np.random.default_rng(seed)
    n = entities * years
    growth = lambda mean, sd: np.exp(  # noqa: E731
        (mean + sd * rng.standard_normal(n)).reshape(entities, years).cumsum(axis=1).ravel()
    )
    frame = pd.DataFrame(
        {
            "entity": np.repeat(np.arange(entities, dtype=np.int64), years),
            "year": np.tile(np.arange(2010, 2010 + years, dtype=np.int32), entities),
            "output": 100 * growth(0.06, 0.05),
            "capital": 300 * growth(0.08, 0.03),
            "labour": 50 * growth(0.01, 0.03),
            "hours": 2000 + 100 * rng.standard_normal(n),
            "hc": np.tile(2.5 + 0.01 * np.arange(years), entities),
            "labour_share": 0.5 + 0.1 * rng.random(n),
        }
    )
    return frame.iloc[rng.permutation(n)].reset_index(drop=True)


def with_pandas(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The way an analyst writes it: sort, groupby + shift + log, back to the input order."""
    s = df.sort_values(["entity", "year"], kind="stable")
    g = s.groupby("entity", sort=False)
    labour_input = s["labour"] * s["hours"]
    dly = np.log(s["output"]) - np.log(g["output"].shift())
    dlk = np.log(s["capital"]) - np.log(g["capital"].shift())
    dll = np.log(labour_input) - np.log(labour_input.groupby(s["entity"], sort=False).shift())
    dlq = np.log(s["hc"]) - np.log(g["hc"].shift())
    w = (s["labour_share"] + g["labour_share"].shift()) / 2
    out = pd.DataFrame(index=s.index)
    kc, lc, qc = (1 - w) * dlk, w * dll, w * dlq
    tfp = dly - kc - lc - qc
    all_columns = {
        "output_growth": dly, "capital_contribution": kc, "labour_contribution": lc,
        "labour_quality_contribution": qc, "tfp_growth": tfp,
        "tfp_index": lambda: np.exp(tfp.fillna(0).groupby(s["entity"], sort=False).cumsum()),
        "tfp_share": lambda: tfp / dly,
    }
    for name in columns:
        value = all_columns[name]
        out[name] = value() if callable(value) else value
    return out.sort_index()


def with_polars(df: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """Window functions over each entity (``.over()``) on rows sorted by (entity, year)."""
    lag = lambda e: e.shift(1).over("entity")  # noqa: E731
    ly, lk, lq = pl.col("output").log(), pl.col("capital").log(), pl.col("hc").log()
    ll = (pl.col("labour") * pl.col("hours")).log()
    w = (pl.col("labour_share") + lag(pl.col("labour_share"))) / 2
    dly = ly - lag(ly)
    kc = (1 - w) * (lk - lag(lk))
    lc = w * (ll - lag(ll))
    qc = w * (lq - lag(lq))
    tfp = dly - kc - lc - qc
    exprs = {
        "output_growth": dly, "capital_contribution": kc, "labour_contribution": lc,
        "labour_quality_contribution": qc, "tfp_growth": tfp,
        "tfp_index": tfp.fill_null(0).cum_sum().over("entity").exp(),
        "tfp_share": tfp / dly,
    }
    return (
        df.with_row_index("row")
        .sort(["entity", "year"])
        .select("row", *(exprs[c].alias(c) for c in columns))
        .sort("row")
    )


def with_nangsuat(c: dict[str, np.ndarray], columns: list[str] | None) -> dict[str, np.ndarray]:
    return ns.growth_accounting_panel(
        c["entity"], c["year"], c["output"], c["capital"], c["labour"],
        hours=c["hours"], human_capital=c["hc"], labour_share=c["labour_share"],
        columns=columns,
    ).to_dict()


def timed(repeat: int, f, *args):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = f(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), result


def check(ours: dict[str, np.ndarray], theirs, columns: list[str], name: str) -> None:
    for c in columns:
        mask = ours[c.replace(c, {"tfp_index": "tfp_index_defined",
                                  "tfp_share": "tfp_share_defined"}.get(c, "growth_defined"))]
        got = np.asarray(theirs[c], dtype=np.float64)
        np.testing.assert_allclose(ours[c][mask], got[mask], rtol=1e-9, atol=1e-12,
                                   err_msg=f"{name}: {c}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entities", type=int, default=300_000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    df = make_panel(args.entities, args.years)
    cols = {k: df[k].to_numpy() for k in df.columns}
    pdf = pl.from_pandas(df)
    rows = len(df)
    print(f"{rows:,} rows ({args.entities:,} entities x {args.years} years) in scrambled order; "
          f"median (min) of {args.repeat} runs")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    for label, ns_columns, columns in (("default columns", None, SEVEN),
                                       ("three columns", THREE, THREE)):
        t_ns, m_ns, ours = timed(args.repeat, with_nangsuat, cols, ns_columns)
        t_pl, m_pl, pol = timed(args.repeat, with_polars, pdf, columns)
        t_pd, m_pd, pan = timed(max(1, args.repeat // 2), with_pandas, df, columns)
        check(ours, {c: pan[c].to_numpy() for c in columns}, columns, "pandas")
        check(ours, {c: pol[c].to_numpy() for c in columns}, columns, "polars")
        print(f"\n{label} (nangsuat: {len(ours) - 1} arrays; pandas/polars: {len(columns)} "
              "columns); values agree to 1e-9")
        print(f"{'implementation':<40}{'median s':>10}{'min s':>8}{'x nangsuat':>12}")
        for name, t, m in (("nangsuat.growth_accounting_panel", t_ns, m_ns),
                           ("polars, sort + .over()", t_pl, m_pl),
                           ("pandas, sort + groupby + shift + log", t_pd, m_pd)):
            print(f"{name:<40}{t:>10.3f}{m:>8.3f}{t / t_ns:>12.1f}")
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
