"""A Battese–Coelli (1995) inefficiency-effects frontier on 10,000 firm-years (1,000 firms ×
10 years): a translog in 5 logged inputs (20 regressors + β₀) and 3 z variables with δ₀, 27
parameters. nangsuat against a straightforward scipy implementation of the same likelihood
(``tests/reference_sfa.py``: L-BFGS-B with numerical gradients), and R's ``frontier`` if an
``Rscript`` with the package is on the PATH.

    python bindings/python/benches/bench_sfa.py [--firms N] [--years T] [--repeat R]

The script checks that the fits reach the same log-likelihood before it prints the times
(medians of ``--repeat`` runs for nangsuat; one run for scipy). Figures are in the README.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import nangsuat as ns

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import reference_sfa  # noqa: E402


def make_data(firms: int, years: int, seed: int = 0):
    """Logged inputs around their means, a translog frontier, u ~ N⁺(zδ, 0.25²), v ~ N(0, 0.15²)."""
    rng = np.random.default_rng(seed)
    n = firms * years
    unit = np.repeat(np.arange(firms), years)
    period = np.tile(np.arange(2011, 2011 + years), firms)
    x = rng.normal(0.0, 0.5, (n, 5)) + rng.normal(0.0, 0.5, (firms, 5))[unit]
    names = [f"lnx{i + 1}" for i in range(5)]
    design = ns_translog(x)
    k = design.shape[1]
    beta = np.concatenate([[1.0], np.full(5, 0.15), rng.normal(0.0, 0.02, k - 5)])
    z = rng.random((n, 3))
    delta = np.array([0.1, 0.4, -0.2, 0.2])
    mu = delta[0] + z @ delta[1:]
    u = np.empty(n)
    todo = np.arange(n)
    while todo.size:  # N⁺(μ, σ_u²) by rejection
        draw = mu[todo] + 0.25 * rng.standard_normal(todo.size)
        ok = draw >= 0
        u[todo[ok]] = draw[ok]
        todo = todo[~ok]
    y = beta[0] + design @ beta[1:] + 0.15 * rng.standard_normal(n) - u
    return y, design, z, unit, period, names


def ns_translog(x: np.ndarray) -> np.ndarray:
    """x_j, ½x_j², x_j·x_l (j < l): the layout of nangsuat's `translog` helper."""
    k = x.shape[1]
    cross = [x[:, j] * x[:, m] for j in range(k) for m in range(j + 1, k)]
    return np.column_stack([x, 0.5 * x**2, *cross])


def time_nangsuat(y, design, z, repeat: int):
    """Median wall and CPU (process) seconds per fit: on a shared machine CPU time is the
    steadier figure."""
    wall, cpu, fit = [], [], None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fit = ns.sfa(y, design, z=z, mu=True)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return float(np.median(wall)), float(np.median(cpu)), fit


def time_scipy(y, design, z):
    x1 = np.column_stack([np.ones(len(y)), design])
    z1 = np.column_stack([np.ones(len(y)), z])
    t0, c0 = time.perf_counter(), time.process_time()
    res = reference_sfa.fit(y, x1, z1)
    return time.perf_counter() - t0, time.process_time() - c0, -float(res.fun), res


R_SCRIPT = r"""
suppressMessages(library(frontier))
d <- read.csv(commandArgs(TRUE)[1])
xs <- grep("^x", names(d), value = TRUE)
zs <- grep("^z", names(d), value = TRUE)
f <- as.formula(paste("y ~", paste(xs, collapse = " + "), "|", paste(zs, collapse = " + ")))
t0 <- proc.time()[["elapsed"]]
m <- sfa(f, data = d, zIntercept = TRUE)
cat(proc.time()[["elapsed"]] - t0, logLik(m), "\n")
"""


def time_r(y, design, z):
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    probe = subprocess.run([rscript, "-e", "library(frontier)"], capture_output=True)
    if probe.returncode != 0:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.csv"
        cols = {"y": y}
        cols.update({f"x{j}": design[:, j] for j in range(design.shape[1])})
        cols.update({f"z{j}": z[:, j] for j in range(z.shape[1])})
        header = ",".join(cols)
        np.savetxt(path, np.column_stack(list(cols.values())), delimiter=",", header=header,
                   comments="")
        script = Path(tmp) / "fit.R"
        script.write_text(R_SCRIPT)
        out = subprocess.run([rscript, str(script), str(path)], capture_output=True, text=True,
                             check=True)
        seconds, llf = out.stdout.split()
        return float(seconds), float(llf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--firms", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    y, design, z, *_ = make_data(args.firms, args.years)
    print(f"{len(y)} firm-years, {design.shape[1]} regressors + intercept, 3 z + δ₀")
    t_ns, c_ns, fit = time_nangsuat(y, design, z, args.repeat)
    print(f"nangsuat.sfa: median {t_ns * 1e3:.0f} ms wall, {c_ns * 1e3:.0f} ms CPU over "
          f"{args.repeat} runs, "
          f"llf {fit.log_likelihood:.6f}, {fit.convergence['iterations']} iterations, "
          f"converged {fit.convergence['converged']}")
    t_sp, c_sp, llf_sp, res = time_scipy(y, design, z)
    print(f"scipy L-BFGS-B: {t_sp:.2f} s wall, {c_sp:.2f} s CPU, llf {llf_sp:.6f}, "
          f"{res.nit} iterations, "
          f"{res.nfev} function evaluations ({res.message})")
    gap = fit.log_likelihood - llf_sp
    assert gap > -1e-6, f"scipy found a higher likelihood by {-gap}"
    print(f"llf(nangsuat) − llf(scipy) = {gap:.2e}; scipy / nangsuat = {t_sp / t_ns:.0f}× "
          f"(wall), {c_sp / c_ns:.0f}× (CPU)")
    r = time_r(y, design, z)
    if r is None:
        print("R frontier: not available (no Rscript with the frontier package)")
    else:
        print(f"R frontier::sfa: {r[0]:.2f} s, llf {r[1]:.6f}; R / nangsuat = {r[0] / t_ns:.0f}×")


if __name__ == "__main__":
    main()
