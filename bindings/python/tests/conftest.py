from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
PWT_FIXTURE = REPO / "crates" / "nangsuat" / "tests" / "fixtures" / "pwt1001.csv"


@pytest.fixture(scope="session")
def pwt_frame():
    pd = pytest.importorskip("pandas")
    return pd.read_csv(PWT_FIXTURE, keep_default_na=True)
