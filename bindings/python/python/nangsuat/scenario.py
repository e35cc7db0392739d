"""Feasibility of targets (``nangsuat::monitoring::feasibility``, ``::requirement``; METHODS §8).

* :func:`consistency` — a plan's targets against the identity ``g_Y = (1 + g_LP)(1 + g_L) − 1``
  and ``ln(1 + g_TFP) = S*·ln(1 + g_Y)``; pairs of goals that cannot both hold.
* :func:`realism` — a required growth against the best record of the same length of Viet Nam's
  PWT 10.01 peers (and the territory's own, when given): "achieved by N of M peers".
* :class:`Scenario` — a Cobb–Douglas economy ``Y = A K^(1−s) L^s`` with perpetual-inventory
  capital ``K_{t+1} = (1 − δ)K_t + σY_t`` projected under stated assumptions;
  :meth:`Scenario.sensitivity` moves one assumption at a time; :meth:`Scenario.what_it_takes`
  finds the value of one assumption (investment rate, TFP growth, employment growth,
  depreciation) that just meets each goal with the others held, or says that no admissible
  value does.

Rates and shares are fractions (0.075 is 7.5 %/yr).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace as _replace
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import _nangsuat as _native
from .exceptions import InvalidParameterError, typed_errors
from .plans import Plan

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

Assumption = Literal["investment_rate", "tfp_growth", "employment_growth", "depreciation"]
Outcome = Literal["gdp_growth", "lp_growth", "tfp_share"]
#: A goal on a projected outcome: (id, outcome, low, high), fractions, either bound may be None.
Target = tuple[str, str, "float | None", "float | None"]


class Records:
    """A list of result records (dicts) with ``to_pandas()``."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> dict[str, Any]:
        return self.rows[i]

    def __iter__(self) -> Any:
        return iter(self.rows)

    def to_pandas(self) -> pd.DataFrame:
        """One row per record (lists kept as cells)."""
        import pandas as pd

        return pd.DataFrame(self.rows)


def consistency(plan: Plan, employment_growth: float = 0.01, *, lang: str = "en") -> Records:
    """Consistency of one plan's targets with ``employment_growth`` (a fraction per year)
    linking productivity and output. Each record: plan, goals, contradiction, ``finding``
    (the identity and its numbers, typed) and ``message`` (its words in ``lang``, "vi" or
    "en").

    >>> import nangsuat as ns
    >>> d36 = next(p for p in ns.builtin_plans() if p.id == "vn-d36-2021")
    >>> c = ns.consistency(d36, 0.01)
    >>> "8.07 %/yr" in c[0]["message"], c[0]["contradiction"]
    (True, False)
    """
    return Records(list(_native.consistency(plan._native, float(employment_growth), lang)))


@dataclass(frozen=True)
class Realism:
    """What the record says about a required growth: ``achieved_by`` of ``len(peers)`` peers
    reached it; ``own_best`` is the territory's own best (or None); ``verdict`` in words (in
    the ``lang`` asked for)."""

    measure: str
    required: float
    years: int
    own_best: dict[str, Any] | None
    peers: list[dict[str, Any]]
    achieved_by: int
    verdict: str

    def to_pandas(self) -> pd.DataFrame:
        """One row per peer: country, from, to, growth, achieved."""
        import pandas as pd

        df = pd.DataFrame(self.peers)
        if len(df):
            df["achieved"] = df["growth"] >= self.required
        return df


def realism(
    required: float,
    years: int,
    *,
    measure: Literal["labour_productivity", "tfp"] = "labour_productivity",
    own: tuple[str, Sequence[int], Sequence[float]] | None = None,
    lang: str = "en",
) -> Realism:
    """A required average growth over ``years`` years against the best record of that length
    of Viet Nam's PWT 10.01 peers (labour productivity ``rgdpna/emp``, or TFP ``rtfpna``) and,
    when ``own = (name, years, levels)`` is given, the territory's own.

    >>> import nangsuat as ns
    >>> r = ns.realism(0.07, 5)
    >>> len(r.peers), r.achieved_by >= 2
    (14, True)
    """
    own_arg = None
    if own is not None:
        own_arg = (str(own[0]), [int(y) for y in own[1]], [float(v) for v in own[2]])
    d = _native.realism(measure, float(required), int(years), own_arg, lang)
    return Realism(d["measure"], d["required"], d["years"], d["own_best"], d["peers"],
                   d["achieved_by"], d["verdict"])


class Projection:
    """A scenario's projection: ``years``, ``gdp`` (base = 1), ``capital`` (in units of base
    GDP), ``employment`` (base = 1) and the period's ``gdp_growth``, ``lp_growth``,
    ``capital_growth`` (fractions per year) and ``tfp_share`` (None if undefined)."""

    def __init__(self, native: _native.Projection, scenario: Scenario) -> None:
        self.scenario = scenario
        self.years: np.ndarray = native.years
        self.gdp: np.ndarray = native.gdp
        self.capital: np.ndarray = native.capital
        self.employment: np.ndarray = native.employment
        self.gdp_growth: float = native.gdp_growth
        self.lp_growth: float = native.lp_growth
        self.capital_growth: float = native.capital_growth
        self.tfp_share: float | None = native.tfp_share

    def to_pandas(self) -> pd.DataFrame:
        """year, gdp, capital, employment, labour_productivity (all base = 1 except capital)."""
        import pandas as pd

        return pd.DataFrame({"year": self.years, "gdp": self.gdp, "capital": self.capital,
                             "employment": self.employment,
                             "labour_productivity": self.gdp / self.employment})

    def plot(self, ax: Axes | None = None, *,
             targets: dict[str, float] | None = None) -> Axes:
        """Projected labour productivity and GDP (base = 100) against target paths: each entry
        of ``targets`` maps a label to a required average LP growth (a fraction per year),
        drawn as the geometric path from the base year."""
        from .plot import _pyplot

        plt = _pyplot()
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4.5))
        lp = self.gdp / self.employment
        ax.plot(self.years, 100 * lp, "o-", color="#d1495b", label="LP, projected")
        ax.plot(self.years, 100 * self.gdp, ".-", color="#9db4c0", label="GDP, projected")
        t = self.years - self.years[0]
        for label, g in (targets or {}).items():
            ax.plot(self.years, 100 * (1 + g) ** t, "--", color="black",
                    label=f"{label} ({100 * g:.1f} %/yr)")
        ax.set_ylabel(f"index, {self.years[0]} = 100")
        ax.set_title(f"Scenario `{self.scenario.name}`: LP growth "
                     f"{100 * self.lp_growth:.2f} %/yr")
        ax.legend(loc="best", fontsize="small")
        return ax


class Sensitivity(Records):
    """One-at-a-time sensitivity: each assumption moved by −step and +step, with the change in
    average GDP growth, LP growth and the TFP share; sorted by the effect on LP growth."""

    def to_pandas(self) -> pd.DataFrame:
        """assumption, step, and the low/high effects on gdp_growth, lp_growth, tfp_share."""
        import pandas as pd

        rows = []
        for r in self.rows:
            row = {"assumption": r["assumption"], "step": r["step"]}
            for k in ("gdp_growth", "lp_growth", "tfp_share"):
                row[f"{k}_low"], row[f"{k}_high"] = r[k]
            rows.append(row)
        return pd.DataFrame(rows)

    def plot(self, ax: Axes | None = None, *, outcome: Outcome = "lp_growth") -> Axes:
        """Tornado chart: the change in ``outcome`` when each assumption moves down (left bar
        colour) or up by its step, largest effect on top (percentage points)."""
        from .plot import _pyplot

        plt = _pyplot()
        rows = sorted(self.rows, key=lambda r: max(abs(v) for v in r[outcome]
                                                   if v == v) if any(v == v for v in r[outcome])
                      else 0.0)
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 0.5 * len(rows) + 1.5))
        labels = [f"{r['assumption']} ±{100 * r['step']:g} pp" for r in rows]
        low = [100 * r[outcome][0] for r in rows]
        high = [100 * r[outcome][1] for r in rows]
        ax.barh(labels, low, color="#9db4c0", label="−step")
        ax.barh(labels, high, color="#d1495b", label="+step")
        ax.axvline(0, color="black", linewidth=0.5)
        ax.set_xlabel(f"change in {outcome.replace('_', ' ')} (percentage points)")
        ax.set_title("Sensitivity of the scenario")
        ax.legend(loc="best", fontsize="small")
        return ax


class WhatItTakes(Records):
    """For each goal: the assumption's value that just meets it (``value``), or ``always``
    (every admissible value meets it) or ``never`` (none does; ``closest_at`` and
    ``closest_outcome`` say how near the range gets). Records are the core's
    ``WhatItTakes``: ``target``, ``assumption``, ``held``, ``projected``, ``met_as_held``,
    ``range``, ``requirement`` (``kind`` = ``value`` / ``always`` / ``never``)."""

    def value(self, goal: str) -> float | None:
        """The value that just meets ``goal`` (None for always/never)."""
        for r in self.rows:
            if r["target"]["id"] == goal:
                req = r["requirement"]
                return float(req["value"]) if req["kind"] == "value" else None
        raise KeyError(goal)

    def to_pandas(self) -> pd.DataFrame:
        """goal, outcome, low, high, assumption, held, projected, met_as_held, requirement
        (value/always/never), value, outcome_at_value, closest_at, closest_outcome."""
        import pandas as pd

        out = []
        for r in self.rows:
            t, req = r["target"], r["requirement"]
            out.append({
                "goal": t["id"], "outcome": t["outcome"], "low": t["low"], "high": t["high"],
                "assumption": r["assumption"], "held": r["held"], "projected": r["projected"],
                "met_as_held": r["met_as_held"], "requirement": req["kind"],
                "value": req.get("value"), "outcome_at_value": req.get("outcome"),
                "closest_at": req.get("closest_at"),
                "closest_outcome": req.get("closest_outcome"),
            })
        return pd.DataFrame(out)


@dataclass(frozen=True)
class Scenario:
    """Assumptions of a projection (fractions per year): capital–output ratio in the base
    year, investment rate σ, depreciation δ, employment growth, TFP growth, labour share s.

    >>> import nangsuat as ns
    >>> s = ns.Scenario("flat", 2025, 2030, capital_output_ratio=3.0, investment_rate=0.3,
    ...                 depreciation=0.05, employment_growth=0.01, tfp_growth=0.02,
    ...                 labour_share=0.5)
    >>> p = s.project()
    >>> round(p.lp_growth - ((1 + p.gdp_growth) / 1.01 - 1), 12)
    0.0
    >>> w = s.what_it_takes([("lp", "lp_growth", 0.075, None)], "investment_rate")
    >>> sigma = w.value("lp")
    >>> 0 <= s.replace(investment_rate=sigma).project().lp_growth - 0.075 < 1e-9
    True
    """

    name: str
    base_year: int
    end_year: int
    capital_output_ratio: float
    investment_rate: float
    depreciation: float
    employment_growth: float
    tfp_growth: float
    labour_share: float

    def __post_init__(self) -> None:
        self._native()  # checks every assumption now, with the core's message

    def _native(self) -> Any:
        return _native.Scenario(
            self.name, int(self.base_year), int(self.end_year),
            capital_output_ratio=float(self.capital_output_ratio),
            investment_rate=float(self.investment_rate),
            depreciation=float(self.depreciation),
            employment_growth=float(self.employment_growth),
            tfp_growth=float(self.tfp_growth), labour_share=float(self.labour_share))

    @classmethod
    @typed_errors
    def vietnam_2021_2025(cls) -> Scenario:
        """Viet Nam 2021–2025 from the embedded sources: capital–output ratio and δ of PWT
        10.01 (2019), investment the mean published share 2016–2022, employment growth
        1 %/yr, TFP growth 2 %/yr, labour share 0.48."""
        d = _native.Scenario.vietnam_2021_2025().to_dict()
        return cls(**d)

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some assumptions changed."""
        return _replace(self, **changes)

    def project(self) -> Projection:
        """The projection year by year and its period averages."""
        return Projection(self._native().project(), self)

    def sensitivity(self) -> Sensitivity:
        """One-at-a-time sensitivity (steps: investment 5 pp, depreciation 1 pp, employment
        and TFP growth 0.5 pp, labour share 5 pp)."""
        return Sensitivity(list(self._native().sensitivity()))

    def what_it_takes(
        self,
        goals: Plan | Iterable[Plan] | Iterable[Target],
        assumption: Assumption = "investment_rate",
        *,
        range: tuple[float, float] | None = None,
    ) -> WhatItTakes:
        """For each goal, the value of ``assumption`` that just meets it with the other
        assumptions held (searching ``range``, default the valid range: [0, 1] for rates,
        [−0.5, 1] for growths). ``goals`` are plans (their goals on LP growth, GDP growth and
        TFP's share for the period ``base_year + 1 … end_year``) or tuples
        ``(id, outcome, low, high)`` with ``outcome`` one of ``gdp_growth``, ``lp_growth``,
        ``tfp_share`` and fractions as bounds."""
        targets: list[tuple[str, str, float | None, float | None]] = []
        items: list[Any] = [goals] if isinstance(goals, Plan) else list(goals)
        for g in items:
            if isinstance(g, Plan):
                targets.extend(_native.scenario_targets(g._native, int(self.base_year),
                                                        int(self.end_year)))
            else:
                try:
                    gid, outcome, low, high = g
                except (TypeError, ValueError):
                    raise InvalidParameterError(
                        f"goal {g!r}: expected a Plan or (id, outcome, low, high)") from None
                targets.append((str(gid), str(outcome),
                                None if low is None else float(low),
                                None if high is None else float(high)))
        rng = None if range is None else (float(range[0]), float(range[1]))
        return WhatItTakes(list(self._native().what_it_takes(targets, assumption, rng)))
