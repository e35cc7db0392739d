"""Panel growth accounting on 1,000,000 entities × 10 years: nangsuat against a straightforward
pandas implementation (groupby + shift + log) and a vectorised numpy one.

    python bindings/python/benches/bench_panel.py [--entities N] [--repeat R]

All three compute the same Törnqvist columns (labour = persons × hours × human capital,
per-row labour shares): output growth, the contributions of capital, labour and labour
quality, TFP growth, the TFP index (chained within each entity) and TFP's share. The script
checks that they agree before it prints the times. Figures are in the README.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import nangsuat as ns


def make_panel(entities: int, years: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = entities * years
    growth = lambda mean, sd: np.exp(  # noqa: E731
        (mean + sd * rng.standard_normal(n)).reshape(entities, years).cumsum(axis=1).ravel()
    )
    return pd.DataFrame(
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


def with_pandas(df: pd.DataFrame) -> pd.DataFrame:
    """The way an analyst writes it: groupby, shift, log."""
    g = df.groupby("entity", sort=False)
    labour_input = df["labour"] * df["hours"]
    out = pd.DataFrame(index=df.index)
    dly = np.log(df["output"]) - np.log(g["output"].shift())
    dlk = np.log(df["capital"]) - np.log(g["capital"].shift())
    dll = np.log(labour_input) - np.log(labour_input.groupby(df["entity"]).shift())
    dlq = np.log(df["hc"]) - np.log(g["hc"].shift())
    s = (df["labour_share"] + g["labour_share"].shift()) / 2
    out["output_growth"] = dly
    out["capital_contribution"] = (1 - s) * dlk
    out["labour_contribution"] = s * dll
    out["labour_quality_contribution"] = s * dlq
    out["tfp_growth"] = dly - out["capital_contribution"] - out["labour_contribution"] - out["labour_quality_contribution"]
    out["tfp_index"] = np.exp(out["tfp_growth"].fillna(0).groupby(df["entity"]).cumsum())
    out["tfp_share"] = out["tfp_growth"] / dly
    return out


def with_numpy(c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Vectorised numpy on rows sorted by (entity, year)."""
    e = c["entity"]
    first = np.empty(e.size, dtype=bool)
    first[0] = True
    np.not_equal(e[1:], e[:-1], out=first[1:])

    def dlog(x: np.ndarray) -> np.ndarray:
        lx = np.log(x)
        d = np.empty_like(lx)
        d[0] = np.nan
        np.subtract(lx[1:], lx[:-1], out=d[1:])
        d[first] = np.nan
        return d

    s = np.empty_like(c["labour_share"])
    s[0] = np.nan
    s[1:] = (c["labour_share"][1:] + c["labour_share"][:-1]) / 2
    dly = dlog(c["output"])
    kc = (1 - s) * dlog(c["capital"])
    lc = s * dlog(c["labour"] * c["hours"])
    qc = s * dlog(c["hc"])
    tfp = dly - kc - lc - qc
    t0 = np.where(first, 0.0, tfp)
    cs = np.cumsum(t0)
    start = np.maximum.accumulate(np.where(first, np.arange(e.size), 0))
    index = np.exp(cs - cs[start])
    return {"output_growth": dly, "capital_contribution": kc, "labour_contribution": lc,
            "labour_quality_contribution": qc, "tfp_growth": tfp, "tfp_index": index,
            "tfp_share": tfp / dly}


def with_nangsuat(c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return ns.growth_accounting_panel(
        c["entity"], c["year"], c["output"], c["capital"], c["labour"],
        hours=c["hours"], human_capital=c["hc"], labour_share=c["labour_share"],
    ).to_dict()


def best_of(repeat: int, f, *args):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = f(*args)
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entities", type=int, default=1_000_000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    df = make_panel(args.entities, args.years)
    cols = {k: df[k].to_numpy() for k in df.columns}
    rows = len(df)
    t_ns, ours = best_of(args.repeat, with_nangsuat, cols)
    t_np, vec = best_of(args.repeat, with_numpy, cols)
    t_pd, pan = best_of(args.repeat, with_pandas, df)
    for name in ("tfp_growth", "tfp_index", "labour_quality_contribution"):
        np.testing.assert_allclose(ours[name], vec[name], rtol=1e-9, atol=1e-12, equal_nan=True)
        np.testing.assert_allclose(ours[name], pan[name].to_numpy(), rtol=1e-9, atol=1e-12, equal_nan=True)
    print(f"panel growth accounting, {args.entities:,} entities x {args.years} years = {rows:,} rows "
          f"(best of {args.repeat})")
    print(f"{'implementation':<32}{'seconds':>10}{'M rows/s':>10}{'nangsuat x faster':>20}")
    for name, t in (("nangsuat.growth_accounting_panel", t_ns), ("numpy, vectorised", t_np),
                    ("pandas, groupby + shift + log", t_pd)):
        print(f"{name:<32}{t:>10.3f}{rows / t / 1e6:>10.1f}{t / t_ns:>20.1f}")


if __name__ == "__main__":
    main()
