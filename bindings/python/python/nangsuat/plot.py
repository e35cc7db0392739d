"""Plots (matplotlib, optional: ``pip install nangsuat[plot]``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .accounting import GrowthAccountingResult
    from .efficiency import MalmquistResult
    from .monitoring import Report

#: Colours: inputs in muted tones, TFP highlighted.
_PARTS = (
    ("capital_contribution", "capital", "#9db4c0"),
    ("labour_contribution", "labour", "#c2b280"),
    ("labour_quality_contribution", "labour quality", "#d9c9a3"),
    ("tfp_growth", "TFP", "#d1495b"),
)


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'nangsuat[plot]'") from None
    return plt


def plot_contributions(
    result: GrowthAccountingResult, ax: Axes | None = None, *, title: str | None = None
) -> Axes:
    """Stacked contributions to output growth by year (positive parts stack up, negative down),
    TFP highlighted, output growth as a line. Percent per year."""
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    cols = result.to_dict()
    defined = cols["growth_defined"]
    years = cols["year"][defined]
    up = np.zeros(len(years))
    down = np.zeros(len(years))
    for name, label, colour in _PARTS:
        values = 100.0 * cols[name][defined]
        if name == "labour_quality_contribution" and not np.any(values):
            continue
        bottom = np.where(values >= 0, up, down)
        ax.bar(
            years,
            values,
            bottom=bottom,
            color=colour,
            label=label,
            edgecolor="black" if name == "tfp_growth" else "none",
            linewidth=0.8,
        )
        up += np.where(values >= 0, values, 0)
        down += np.where(values < 0, values, 0)
    ax.plot(years, 100.0 * cols["output_growth"][defined], "k.-", label="output growth")
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_ylabel("% per year" + (" (log)" if result.profile == "tornqvist" else ""))
    ax.set_title(title or f"Contributions to output growth ({result.profile})")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_report(report: Report, *, goals: Iterable[str] | None = None, ncols: int = 3) -> Figure:
    """One panel per goal that a progress method measured: baseline and current value (dots),
    the target path from the baseline (dashed, geometric) and the target (star), in the units
    the method used."""
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    wanted = set(goals) if goals is not None else None
    panels = []
    for g in report.goals():
        p = g.get("progress")
        if wanted is not None and g["goal"] not in wanted:
            continue
        if not p or not p.get("target") or not p.get("current"):
            continue
        panels.append((g, p))
    nrows = max(1, -(-len(panels) // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 3.2 * nrows), squeeze=False)
    for ax, (g, p) in zip(axes.flat, panels):
        b, t, c = p["baseline"], p["target"], p["current"]
        span = np.linspace(b["year"], t["year"], 50)
        if b["value"] > 0 and t["value"] > 0:
            path = b["value"] * (t["value"] / b["value"]) ** ((span - b["year"]) / (t["year"] - b["year"]))
        else:
            path = np.interp(span, [b["year"], t["year"]], [b["value"], t["value"]])
        ax.plot(span, path, "--", color="#888888", label="target path")
        ax.plot([t["year"]], [t["value"]], "*", color="#d1495b", markersize=12, label="target")
        # The method's own points: same units as the target (a growth target is tracked as
        # the level path it implies, so cited growth rates are not drawn against it).
        ax.plot([b["year"], c["year"]], [b["value"], c["value"]], "o-", color="#1f4e79",
                label="observed")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(f"{g['plan']}: {g['goal']}\n{g['status'].replace('_', ' ')}", fontsize="small")
        ax.tick_params(labelsize="small")
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    if panels:
        axes.flat[0].legend(fontsize="x-small")
    fig.tight_layout()
    return fig


def plot_malmquist(
    result: MalmquistResult, ax: Axes | None = None, *, title: str | None = None
) -> Axes:
    """Cumulative TFP change (chained geometric period means) and its efficiency and technical
    parts; 1 is the first period's level."""
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    means = result.period_means
    periods = np.concatenate([means["period_from"].to_numpy()[:1], means["period_to"].to_numpy()])
    for name, label, colour in (
        ("tfpch", "TFP change", "#d1495b"),
        ("effch", "efficiency change", "#9db4c0"),
        ("techch", "technical change", "#c2b280"),
    ):
        steps = means[name].to_numpy(dtype=float, na_value=np.nan)
        ax.plot(periods, np.concatenate([[1.0], np.cumprod(steps)]), marker="o", label=label,
                color=colour, linewidth=2.5 if name == "tfpch" else 1.5)
    ax.axhline(1.0, color="black", linewidth=0.6)
    ax.set_ylabel("cumulative index (first period = 1)")
    ax.set_title(title or f"Malmquist index ({result.orientation}-oriented, geometric means)")
    ax.legend(frameon=False)
    return ax


def plot_sfa(result: Any, ax: Axes | None = None, *, title: str | None = None) -> Axes:
    """Efficiencies of a stochastic frontier by period: a box per period and the mean as a
    line; without periods, a histogram."""
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    frame = result.to_pandas()
    eff = frame["efficiency"].to_numpy(dtype=float, na_value=np.nan)
    label = "cost efficiency" if eff[np.isfinite(eff)].min(initial=1.0) >= 1.0 else "efficiency"
    if "period" in frame:
        periods = np.unique(frame["period"].to_numpy())
        groups = [eff[(frame["period"].to_numpy() == p) & np.isfinite(eff)] for p in periods]
        positions = np.arange(len(periods))
        ax.boxplot(groups, positions=positions, widths=0.5, showfliers=False)
        means = result.mean_efficiency_by_period["mean_efficiency"].to_numpy()
        ax.plot(positions, means, marker="o", color="#d1495b", label="mean")
        ax.set_xticks(positions, [str(p) for p in periods])
        ax.set_xlabel("period")
        ax.legend(frameon=False)
    else:
        ax.hist(eff[np.isfinite(eff)], bins=20, color="#9db4c0", edgecolor="white")
        if result.mean_efficiency is not None:
            ax.axvline(result.mean_efficiency, color="#d1495b", label="mean")
        ax.set_xlabel(label)
        ax.legend(frameon=False)
    ax.set_ylabel(label if "period" in frame else "rows")
    mean = result.mean_efficiency
    ax.set_title(title or f"Stochastic frontier: {label}"
                 + (f" (mean {mean:.3f})" if mean is not None else ""))
    return ax
