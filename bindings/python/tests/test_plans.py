"""Plans: built-ins, verbatim wording, lossless TOML/JSON round trips, validation, read-only goals."""

from __future__ import annotations

import json

import pytest

import nangsuat as ns
from nangsuat.exceptions import ParseError


def test_builtin_plans_and_goals():
    plans = ns.builtin_plans()
    ids = {p.id for p in plans}
    assert {"vn-d36-2021", "qn-d36-2021", "th-d36-commitment-2021"} <= ids
    d36 = next(p for p in plans if p.id == "vn-d36-2021")
    g = d36.goal("lp-growth-2021-2025")
    assert g.comparator == "above" and g.target["value"] == 7.0 and g.unit == "percent_per_year"
    assert g.source_text == "phấn đấu đến năm 2025 góp phần đạt mục tiêu tăng năng suất lao động bình quân trên 7%/năm"
    assert d36.period == (2021, 2030) and d36.territory == "viet_nam"
    assert d36.title_vi.startswith("Kế hoạch tổng thể")
    assert sum(len(p.goals) for p in plans) == 24
    with pytest.raises(AttributeError):  # a frozen class of the extension
        g.unit = "x"  # type: ignore[misc]
    with pytest.raises(KeyError):
        d36.goal("nope")


@pytest.mark.parametrize("plan", ns.builtin_plans(), ids=lambda p: p.id)
def test_every_builtin_plan_round_trips(plan):
    via_toml = ns.Plan.from_toml(plan.to_toml())
    via_json = ns.Plan.from_json(plan.to_json())
    assert via_toml == plan and via_json == plan
    assert via_toml.to_toml() == plan.to_toml()
    assert json.loads(via_json.to_json()) == plan.to_dict()


def test_load_from_file(tmp_path):
    plan = ns.builtin_plans()[0]
    path = tmp_path / "plan.toml"
    path.write_text(plan.to_toml(), encoding="utf-8")
    assert ns.Plan.load(path) == plan


def test_parse_errors_name_line_and_field():
    text = ns.builtin_plans()[0].to_toml().replace("schema_version = 1", "schema_version = 1\nbogus = 2")
    with pytest.raises(ParseError) as e:
        ns.Plan.from_toml(text)
    assert "bogus" in str(e.value) and e.value.line == 2
    with pytest.raises(ParseError):
        ns.Plan.from_json("{")


def test_validation_findings():
    plans = ns.builtin_plans()
    findings = ns.validate(plans)
    assert findings and all(f.code and f.severity and f.message and f.plan for f in findings)
    draft = next(p for p in plans if p.id == "th-st-breakthrough-2021")
    own = draft.validate()
    assert any(f.code == "goal_without_task" for f in own)
    assert all(isinstance(f, ns.Finding) for f in own)


def test_plan_fields_come_from_the_core_and_to_dict_is_a_copy():
    plan = next(p for p in ns.builtin_plans() if p.id == "vn-d36-2021")
    assert plan.goals == plan.goals and plan.goals[0] == plan.goal(plan.goals[0].id)
    assert plan.goals[0].to_dict() == plan.to_dict()["goals"][0]
    d = plan.to_dict()
    d["goals"].clear()
    d["id"] = "changed"
    assert plan.id == "vn-d36-2021" and len(plan.goals) > 0
    assert plan.to_dict()["goals"]
