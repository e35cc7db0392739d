"""Editing a plan file a person wrote keeps what the edit did not touch, byte for byte."""

from __future__ import annotations

import nangsuat as ns

WRITTEN = """\ufeff# Kế hoạch năng suất — bản nháp của Sở KH&CN Thanh Hóa

title_vi = "Kế hoạch nâng cao năng suất giai đoạn 2021 – 2030"
id = "th-draft-2021"   # mã kế hoạch
schema_version = 1
level = "provincial"
status = "commitment"
issuing_body = "Sở Khoa học và Công nghệ tỉnh Thanh Hóa"
territory = "thanh_hoa"
period = { start = 2021, end = 2030 }

# Mục tiêu
[[goals]]
indicator = "d36_plan_completed"
id = "plan-2025"
target = { comparator = "equal", value = 1.00 } # hoàn thành
unit = "milestone"
horizon.end = 2025
scope = { level = "province", name = "thanh_hoa" }
source_text = "hoàn thành việc xây dựng kế hoạch\\u00A0theo tinh thần của Quyết định 36"
note = "Ghi chú cũ"  # sẽ sửa
"""


def test_an_edit_changes_only_the_edited_value(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    doc = ns.PlanDocument.load(path)

    def change(plan):
        plan["goals"][0]["note"] = "năng suất\u00a0lao động"

    doc.edit(change)
    doc.save(path)
    saved = path.read_text(encoding="utf-8")
    assert saved == WRITTEN.replace('note = "Ghi chú cũ"', 'note = "năng suất\\u00A0lao động"')
    assert ns.Plan.load(path) == doc.plan
    assert doc.plan.goals[0].note == "năng suất\u00a0lao động"


def test_an_unchanged_plan_leaves_the_text_as_written():
    doc = ns.PlanDocument.from_toml(WRITTEN)
    doc.set_plan(doc.plan)
    assert doc.to_toml() == WRITTEN
