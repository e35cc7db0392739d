"""The report's HTML and Excel forms from Python: Report.to_html(), Report.to_xlsx(path)."""

import zipfile

import pytest

import nangsuat as ns


def test_to_html_is_self_contained_in_both_languages():
    report = ns.vietnam_report()
    goals = report.goals()
    for lang in ("vi", "en"):
        html = report.to_html(lang)
        assert html.startswith("<!DOCTYPE html>")
        assert f'<html lang="{lang}">' in html
        assert "<script" not in html and "<link" not in html
        for g in goals:
            assert f'id="goal--{g["plan"]}--{g["goal"]}"' in html
        assert html.count("<svg") >= 4


def test_to_xlsx_writes_a_workbook_with_sheets_in_the_language(tmp_path):
    report = ns.vietnam_report()
    path = tmp_path / "bao-cao.xlsx"
    report.to_xlsx(path, "vi")
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8")
    for name in ("Tóm tắt", "Mục tiêu", "Số liệu sử dụng", "Rà soát kế hoạch", "Hạch toán tăng trưởng"):
        assert f'name="{name}"' in workbook
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    goals = pd.read_excel(path, sheet_name="Mục tiêu")
    assert len(goals) == len(report.goals())
    current = goals["Giá trị hiện tại"].dropna()
    assert current.dtype.kind == "f"


def test_bad_language_and_unwritable_path_are_clear_errors(tmp_path):
    report = ns.vietnam_report()
    with pytest.raises(ValueError, match="lang"):
        report.to_html("fr")
    with pytest.raises(ns.NangsuatError, match="cannot write"):
        report.to_xlsx(tmp_path / "no-such-dir" / "r.xlsx", "en")
