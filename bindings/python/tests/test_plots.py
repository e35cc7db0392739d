"""Plots draw what they say: bars for each part, TFP highlighted; one panel per goal."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

import nangsuat as ns  # noqa: E402


def test_contribution_plot():
    years = list(range(2010, 2016))
    r = ns.growth_accounting(years, [100 * 1.06**i for i in range(6)], [300 * 1.08**i for i in range(6)],
                             [50 * 1.01**i for i in range(6)], labour_share=0.5)
    ax = r.plot()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(labels) == sorted(["capital", "labour", "TFP", "output growth"])
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 3 * 5
    tfp = 100 * (np.log(1.06) - 0.5 * np.log(1.08) - 0.5 * np.log(1.01))
    assert np.isclose(heights[-1], tfp)


def test_report_plot_has_a_panel_per_goal_with_a_path():
    report = ns.vietnam_report()
    fig = report.plot()
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert visible
    assert all(ax.get_title() for ax in visible)
