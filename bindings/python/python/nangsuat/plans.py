"""Plans, goals and their validation (``nangsuat::plan``, ``nangsuat::validation``).

A :class:`Plan` is held by the Rust core: files are read and written there (TOML for people,
JSON for machines, lossless round trips), and goals are read-only views.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from . import _nangsuat as _native
from .exceptions import typed_errors


Goal = _native.Goal
"""A goal (target) of a plan, a frozen class of the compiled module: ``id``, ``indicator``,
``target`` (the comparator and its values in the goal's ``unit`` as the document states them,
``{"comparator": "above", "value": 7.0}`` for "trên 7 %/năm"), ``comparator``, ``unit``,
``scope``, ``horizon``, ``baseline``, ``source_text`` (the document's wording, verbatim),
``legal_basis``, ``source``, ``note``; ``to_dict()`` gives its JSON form."""


Finding = _native.Finding
"""One validation finding, a frozen class of the compiled module: a stable ``code`` (e.g.
``goal_without_task``), its ``severity`` (``error``, ``warning``, ``info``), ``location``
(``plan``, ``plan/goal:g`` or ``plan/task:t``), ``plan``, ``goal`` and ``task`` ids, and a
``message`` with the values."""


@dataclass(frozen=True, eq=False)
class Plan:
    """A productivity plan: legal basis, period, goals, tasks, budgets (METHODS §9).

    >>> plan = next(p for p in builtin_plans() if p.id == "vn-d36-2021")
    >>> plan.goal("lp-growth-2021-2025").target
    {'comparator': 'above', 'value': 7.0}
    >>> Plan.from_toml(plan.to_toml()) == plan
    True
    """

    _native: _native.Plan = field(repr=False)

    @classmethod
    @typed_errors
    def from_toml(cls, text: str) -> Plan:
        """Reads a plan from TOML text; errors name the line, column and field."""
        return cls(_native.Plan.from_toml(text))

    @classmethod
    @typed_errors
    def from_json(cls, text: str) -> Plan:
        """Reads a plan from JSON text; errors name the line, column and field."""
        return cls(_native.Plan.from_json(text))

    @classmethod
    @typed_errors
    def load(cls, path: str | os.PathLike[str]) -> Plan:
        """Reads a plan file (``.toml`` or ``.json``)."""
        return cls(_native.Plan.load(os.fspath(path)))

    def to_toml(self) -> str:
        """The plan as TOML (reads back to an equal plan)."""
        return self._native.to_toml()

    def to_json(self) -> str:
        """The plan as JSON (reads back to an equal plan)."""
        return self._native.to_json()

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain Python objects (its JSON form): a copy the caller may change."""
        d: dict[str, Any] = self._native.to_dict()
        return d

    @property
    def id(self) -> str:
        """Identifier, e.g. ``vn-d36-2021``."""
        return self._native.id

    @property
    def title_vi(self) -> str:
        """Title in Vietnamese, as in the document."""
        return self._native.title_vi

    @property
    def title_en(self) -> str | None:
        """Title in English, when known."""
        return self._native.title_en

    @property
    def territory(self) -> str:
        """Where the plan applies (``viet_nam``, ``thanh_hoa``…)."""
        return self._native.territory

    @property
    def period(self) -> tuple[int, int]:
        """First and last year."""
        return self._native.period

    @property
    def parent(self) -> str | None:
        """Id of the plan this one implements."""
        return self._native.parent

    @property
    def goals(self) -> tuple[Goal, ...]:
        """The goals, read-only."""
        return tuple(self._native.goals)

    def goal(self, goal_id: str) -> Goal:
        """The goal with this id; ``KeyError`` if there is none."""
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise KeyError(f"plan `{self.id}` has no goal `{goal_id}`")

    def validate(self) -> list[Finding]:
        """Every finding about this plan on its own (see :func:`validate` for a set)."""
        return self._native.validate()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plan) and self._native == other._native

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        return f"<Plan {self.id}: {len(self.goals)} goals, {self.period[0]}–{self.period[1]}>"


class PlanDocument:
    """A TOML plan file a person wrote, edited without losing what they wrote.

    An edit goes through the plan and only what changed is rewritten: comments, key order,
    layout, number spellings, escapes and a byte-order mark stay byte for byte; goals and
    tasks are matched by ``id``. Invisible characters in new text (a no-break space U+00A0)
    are written as ``\\u00A0`` escapes a person can see.

    >>> text = "# Kế hoạch\\n" + next(p for p in builtin_plans() if p.id == "vn-d36-2021").to_toml()
    >>> doc = PlanDocument.from_toml(text)
    >>> doc.edit(lambda plan: plan.update(parent="vn-root"))
    >>> doc.to_toml().startswith("# Kế hoạch")
    True
    >>> doc.plan.parent
    'vn-root'
    """

    def __init__(self, native: _native.PlanDocument) -> None:
        self._native = native

    @classmethod
    @typed_errors
    def from_toml(cls, text: str) -> PlanDocument:
        """Reads a plan file's TOML text; errors name the line, column and field."""
        return cls(_native.PlanDocument.from_toml(text))

    @classmethod
    @typed_errors
    def load(cls, path: str | os.PathLike[str]) -> PlanDocument:
        """Reads a TOML plan file (``.toml``)."""
        return cls(_native.PlanDocument.load(os.fspath(path)))

    @property
    def plan(self) -> Plan:
        """The plan the document now holds."""
        return Plan(self._native.plan)

    @typed_errors
    def set_plan(self, plan: Plan) -> None:
        """Replaces the plan; the text changes only where the new plan differs."""
        if not isinstance(plan, Plan):
            raise TypeError(f"set_plan takes a Plan, not {type(plan).__name__}")
        self._native.set_plan(plan._native)

    @typed_errors
    def edit(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Edits the plan as plain Python objects (its JSON form, changed in place by
        ``change``); the text changes only where the plan does."""
        data = self.plan.to_dict()
        change(data)
        self.set_plan(Plan.from_json(json.dumps(data)))

    def to_toml(self) -> str:
        """The document's text: the file as read, with the edits made."""
        return self._native.to_toml()

    @typed_errors
    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the document's text to ``path``."""
        self._native.save(os.fspath(path))

    def __repr__(self) -> str:
        return f"<PlanDocument {self.plan.id}>"


@typed_errors
def builtin_plans() -> list[Plan]:
    """The plans of the seed documents: Decision 36/QĐ-TTg, Quảng Ninh's plan, Thanh Hóa's
    commitment, S&T breakthrough draft 2021–2025 and S&T tasks 2020."""
    return [Plan(p) for p in _native.builtin_plans()]


@typed_errors
def validate(plans: Iterable[Plan]) -> list[Finding]:
    """Every finding about a set of plans: each plan, then duplicates, unknown parents, cycles
    and goals weaker than the parent's."""
    return _native.validate_plan_set([p._native for p in plans])
