"""A straightforward DEA / Malmquist implementation with scipy's ``linprog`` (HiGHS): the
textbook envelopment LPs (Coelli et al. 2005, ch. 8 and 11) on the raw data, one call per
problem. The tests check nangsuat against it; ``benches/bench_malmquist.py`` times both."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog


def farrell(
    ref_x: np.ndarray, ref_y: np.ndarray, x0: np.ndarray, y0: np.ndarray,
    orientation: str, rts: str,
) -> float:
    """Farrell efficiency of (x0, y0) against the units (ref_x, ref_y); NaN if infeasible."""
    n, m = ref_x.shape
    s = ref_y.shape[1]
    # Variables: the radial factor (θ or φ), then λ_1..λ_n.
    if orientation == "input":
        c = np.r_[1.0, np.zeros(n)]
        a_ub = np.vstack([np.c_[-x0, ref_x.T], np.c_[np.zeros(s), -ref_y.T]])
        b_ub = np.r_[np.zeros(m), -y0]
    else:
        c = np.r_[-1.0, np.zeros(n)]
        a_ub = np.vstack([np.c_[np.zeros(m), ref_x.T], np.c_[y0, -ref_y.T]])
        b_ub = np.r_[x0, np.zeros(s)]
    ones = np.r_[0.0, np.ones(n)][None, :]
    a_eq = b_eq = None
    if rts == "vrs":
        a_eq, b_eq = ones, [1.0]
    elif rts == "nirs":
        a_ub, b_ub = np.vstack([a_ub, ones]), np.r_[b_ub, 1.0]
    elif rts == "ndrs":
        a_ub, b_ub = np.vstack([a_ub, -ones]), np.r_[b_ub, -1.0]
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None),
                  method="highs")
    if res.status != 0:
        return float("nan")
    if orientation == "input":
        return float(res.fun)
    phi = -float(res.fun)
    return 1.0 / phi if phi > 1e-12 else float("nan")


def malmquist(
    unit: np.ndarray, period: np.ndarray, x: np.ndarray, y: np.ndarray,
    orientation: str = "output", rts: str = "vrs",
) -> dict[tuple[object, int], dict[str, float]]:
    """{(unit, period_from): {effch, techch, pech, sech, tfpch}} for consecutive periods."""
    periods = np.unique(period)
    out: dict[tuple[object, int], dict[str, float]] = {}
    for a, b in zip(periods[:-1], periods[1:]):
        ia, ib = period == a, period == b
        xa, ya, xb, yb = x[ia], y[ia], x[ib], y[ib]
        rows_b = {u: j for j, u in enumerate(unit[ib])}
        for i, u in enumerate(unit[ia]):
            if u not in rows_b:
                continue
            j = rows_b[u]
            d = {}
            for tech_rts in ("crs", rts):
                d[tech_rts, "aa"] = farrell(xa, ya, xa[i], ya[i], orientation, tech_rts)
                d[tech_rts, "bb"] = farrell(xb, yb, xb[j], yb[j], orientation, tech_rts)
            d["ab"] = farrell(xa, ya, xb[j], yb[j], orientation, "crs")
            d["ba"] = farrell(xb, yb, xa[i], ya[i], orientation, "crs")
            effch = d["crs", "bb"] / d["crs", "aa"]
            techch = np.sqrt(d["ab"] / d["crs", "bb"] * d["crs", "aa"] / d["ba"])
            pech = d[rts, "bb"] / d[rts, "aa"]
            out[u, int(a)] = dict(effch=effch, techch=techch, pech=pech, sech=effch / pech,
                                  tfpch=effch * techch)
    return out
