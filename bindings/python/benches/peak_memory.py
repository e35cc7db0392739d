"""Peak memory of panel growth accounting on 10 million rows (1,000,000 entities x 10 years).

    python bindings/python/benches/peak_memory.py [--entities N] [--order sorted|scrambled]
        [--columns all|three]

Builds the input columns in this process, resets the kernel's high-water mark of resident
memory (Linux: ``/proc/self/clear_refs``), and reads the resident set size just before one
call and the high-water mark just after it: the difference is what the call added at its
peak (outputs, plus the working memory of scrambled rows).
"""

from __future__ import annotations

import argparse
import gc

import numpy as np

import nangsuat as ns


def status_mib(field: str) -> float:
    """A memory figure of this process from /proc/self/status (kB there), in MiB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def reset_peak() -> None:
    """Sets the high-water mark (VmHWM) to the current resident set size."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entities", type=int, default=1_000_000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--order", choices=["sorted", "scrambled"], default="scrambled")
    ap.add_argument("--columns", choices=["all", "three"], default="all")
    args = ap.parse_args()
    e, t = args.entities, args.years
    n = e * t
    # Columns built one at a time (in place where possible) so no temporary outgrows them.
    order = (np.random.default_rng(0).permutation(n) if args.order == "scrambled"
             else np.arange(n))
    cols: dict[str, np.ndarray] = {}
    cols["entity"] = (order // t).astype(np.int64)
    cols["year"] = (2010 + order % t).astype(np.int32)
    for name, base, rate in (("output", 100.0, 0.06), ("capital", 300.0, 0.08),
                             ("labour", 50.0, 0.01), ("hours", 2000.0, 0.0)):
        x = (order % t).astype(np.float64)
        x *= rate
        np.exp(x, out=x)
        x *= base
        cols[name] = x
    share = (order % 7).astype(np.float64)
    share *= 0.01
    share += 0.5
    cols["share"] = share
    del order, x, share
    gc.collect()
    inputs = sum(c.nbytes for c in cols.values()) / 2**20
    reset_peak()
    before = status_mib("VmRSS")
    columns = None if args.columns == "all" else ["tfp_growth", "tfp_index", "tfp_share"]
    r = ns.growth_accounting_panel(
        cols["entity"], cols["year"], cols["output"], cols["capital"], cols["labour"],
        hours=cols["hours"], labour_share=cols["share"], columns=columns)
    outputs = sum(a.nbytes for k, a in r.to_dict().items() if k not in ("entity", "year")) / 2**20
    after = status_mib("VmHWM")
    print(f"{n:,} rows, {args.order}, {args.columns} columns: inputs {inputs:,.0f} MiB, "
          f"outputs {outputs:,.0f} MiB; resident {before:,.0f} MiB before the call, "
          f"peak {after:,.0f} MiB during it: the call added {after - before:,.0f} MiB at its peak "
          f"({(after - before) / outputs:.2f} x the outputs)")


if __name__ == "__main__":
    main()
