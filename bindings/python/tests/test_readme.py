"""The README's Python example runs (with a small panel and the PWT extract as its inputs)."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from conftest import REPO  # noqa: E402


def test_readme_python_example_runs(pwt_frame):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "the README has a Python example"
    df = pd.DataFrame(
        {
            "firm": ["a", "a", "b", "b"],
            "year": [2020, 2021, 2020, 2021],
            "va": [1.0, 1.1, 2.0, 2.1],
            "k": [3.0, 3.2, 5.0, 5.1],
            "emp": [1.0, 1.0, 2.0, 2.0],
            "ls": [0.5, 0.5, 0.6, 0.6],
        }
    )
    namespace = {"df": df, "pwt_frame": pwt_frame}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert round(namespace["r"].summary.tfp_share_of_cumulative_growth, 4) == 0.4315
