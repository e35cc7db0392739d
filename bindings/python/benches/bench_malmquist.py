"""The Malmquist index on 1,000 units × 10 periods (3 inputs, 2 outputs), output orientation,
VRS decomposition: nangsuat against a straightforward Python implementation that solves the
same linear programmes one by one with scipy's ``linprog`` (HiGHS).

    python bindings/python/benches/bench_malmquist.py [--units N] [--periods T] [--scipy-units K]

scipy's run is long (tens of thousands of LPs), so by default it is timed on the first
``--scipy-units`` units of each period against the full frontiers, and its time per unit-pair
is scaled to the whole panel (the LPs all have the same size, so the scaling is linear). The
script checks that the two agree on every row scipy computed before it prints the times.
Figures are in the README.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

import nangsuat as ns

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import reference_dea  # noqa: E402


def make_panel(units: int, periods: int, seed: int = 0):
    """Cobb–Douglas units with persistent size and inefficiency, 2 % frontier shift a period."""
    rng = np.random.default_rng(seed)
    size = np.exp(3 * rng.random(units))
    skill = 0.6 + 0.4 * rng.random(units)
    unit = np.tile(np.arange(units), periods)
    period = np.repeat(np.arange(2015, 2015 + periods, dtype=np.int32), units)
    x = size[unit, None] * (0.5 + rng.random((units * periods, 3)))
    scale = np.exp(0.8 * np.log(x).mean(axis=1))
    level = 1.02 ** (period - 2015)
    eff = np.minimum(skill[unit] * (0.9 + 0.1 * rng.random(units * periods)), 1.0)
    y = (level * scale * eff)[:, None] * (0.5 + rng.random((units * periods, 2)))
    return unit, period, x, y


def scipy_subset(unit, period, x, y, k):
    """Malmquist rows of units 0..k-1 against the full frontiers, with scipy."""
    periods = np.unique(period)
    out = {}
    for a, b in zip(periods[:-1], periods[1:]):
        ia, ib = period == a, period == b
        xa, ya, xb, yb = x[ia], y[ia], x[ib], y[ib]
        for i in range(k):
            f = reference_dea.farrell
            crs_aa = f(xa, ya, xa[i], ya[i], "output", "crs")
            crs_bb = f(xb, yb, xb[i], yb[i], "output", "crs")
            crs_ab = f(xa, ya, xb[i], yb[i], "output", "crs")
            crs_ba = f(xb, yb, xa[i], ya[i], "output", "crs")
            vrs_aa = f(xa, ya, xa[i], ya[i], "output", "vrs")
            vrs_bb = f(xb, yb, xb[i], yb[i], "output", "vrs")
            # The cross-period VRS problems nangsuat also solves (Ray–Desli columns).
            f(xa, ya, xb[i], yb[i], "output", "vrs")
            f(xb, yb, xa[i], ya[i], "output", "vrs")
            effch = crs_bb / crs_aa
            techch = np.sqrt(crs_ab / crs_bb * crs_aa / crs_ba)
            out[i, int(a)] = dict(effch=effch, techch=techch, pech=vrs_bb / vrs_aa,
                                  tfpch=effch * techch)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--scipy-units", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    unit, period, x, y = make_panel(args.units, args.periods)

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = ns.malmquist(unit, period, x, y, orientation="output", rts="vrs")
        times.append(time.perf_counter() - start)
    ours = min(times)

    k = min(args.scipy_units, args.units)
    start = time.perf_counter()
    reference = scipy_subset(unit, period, x, y, k)
    scipy_time = time.perf_counter() - start
    scipy_full = scipy_time * args.units / k

    frame = result.to_pandas()
    worst = 0.0
    for row in frame[frame.unit < k].itertuples():
        ref = reference[row.unit, row.period_from]
        for name in ("effch", "techch", "pech", "tfpch"):
            worst = max(worst, abs(getattr(row, name) / ref[name] - 1.0))
    assert worst < 1e-6, f"nangsuat and scipy disagree: worst relative difference {worst}"

    pairs = args.units * (args.periods - 1)
    lps = 2 * args.units * args.periods + 4 * pairs
    print(f"{args.units} units x {args.periods} periods, 3 inputs, 2 outputs: {lps} LPs")
    print(f"nangsuat.malmquist      {ours:8.2f} s  (best of {args.repeat})")
    print(f"scipy linprog, per LP   {scipy_time / (lps * k / args.units) * 1e3:8.2f} ms "
          f"({k} units timed: {scipy_time:.1f} s)")
    print(f"scipy linprog, scaled   {scipy_full:8.1f} s  -> nangsuat is {scipy_full / ours:.0f}x faster")
    print(f"agreement: worst relative difference {worst:.1e} over {len(reference)} rows")


if __name__ == "__main__":
    main()
