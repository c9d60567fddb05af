"""The HTML writer: self-contained page, semantic tables, escaping, marks, reading it back."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings

from corpus_support import report_from_expected
from govdisclosure import NATIONAL_2021, CellRef, build_report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes
from govdisclosure.testing import reports
from govdisclosure.writers.html import render_html
from writer_support import parse_html

REGISTRY = make_registry(entry_points=False)
HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">&amp;"


def _report(**sections: str):  # type: ignore[no-untyped-def]
    return build_report(NATIONAL_2021, agency="某县<b>人民政府</b>", year=2024, missing=0, sections=sections)


def test_page_is_self_contained_chinese_and_printable() -> None:
    page = render_html(report_from_expected("011"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"<(script|link|iframe|object|embed|img)\b", page)
    assert not re.search(r"\b(src|href)=", page)
    assert "url(" not in page
    assert re.search(r"@media print\s*{\s*@page\s*{\s*size:\s*A4", page)


def test_every_header_has_a_scope_and_the_template_spans() -> None:
    parsed = parse_html(render_html(report_from_expected("011")).encode())
    headers = [cell for t in parsed.tables for row in t for cell in row if cell[0] == "th"]
    assert headers and all(c[4].get("scope") in {"col", "colgroup", "row", "rowgroup"} for c in headers)
    requests = parsed.tables[1]
    corner = requests[0][0]
    assert corner[1].startswith("（本列数据的勾稽关系为") and (corner[2], corner[3]) == (3, 3)
    spans = {c[1]: (c[2], c[3], c[4].get("scope")) for row in requests for c in row if c[0] == "th"}
    assert spans["申请人情况"] == (1, 7, "colgroup")
    assert spans["法人或其他组织"] == (1, 5, "colgroup")
    assert spans["自然人"] == (2, 1, "col")
    assert spans["三、本年度办理结果"] == (22, 1, "rowgroup")
    assert spans["1.属于国家秘密"] == (1, 1, "row")
    appeals = parsed.tables[2]
    top = [(c[1], c[3]) for c in appeals[0]]
    assert top == [("行政复议", 5), ("行政诉讼", 10)]
    assert [(c[1], c[3]) for c in appeals[1][-2:]] == [("未经复议直接起诉", 5), ("复议后起诉", 5)]
    assert len(appeals[-1]) == 15 and all(c[0] == "td" for c in appeals[-1])


def test_hostile_text_is_escaped_everywhere() -> None:
    report = _report(overview=HOSTILE, problems="a\nb & <c>")
    page = render_html(report)
    parsed = parse_html(page.encode())
    assert not {"script", "img"} & set(parsed.tags)
    assert HOSTILE in parsed.paragraphs
    assert parsed.paragraphs[-2:] == ["a", "b & <c>"]
    assert parsed.title == "某县<b>人民政府</b>2024年政府信息公开工作年度报告"
    assert "b" not in parsed.tags


def test_marks_are_off_by_default_and_mark_cells_when_given() -> None:
    report = report_from_expected("011")
    plain = render_html(report)
    assert "gd-mark" not in plain.split("</style>")[1] and "gd-derived" not in plain.split("</style>")[1]
    ref = CellRef("requests", "received", "total")
    marked = render_html(report, marks={ref: "勾稽关系不成立 <balance>"})
    parsed = parse_html(marked.encode())
    cells = [
        c
        for t in parsed.tables
        for row in t
        for c in row
        if c[0] == "td" and "gd-mark" in c[4].get("class", "")
    ]
    assert len(cells) == 1
    assert cells[0][4]["data-ref"] == str(ref) and cells[0][4]["title"] == "勾稽关系不成立 <balance>"


def test_derived_cells_marked_on_request() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    parsed = parse_html(render_html(report, mark_derived=True).encode())
    derived = {
        c[4]["data-ref"]
        for t in parsed.tables
        for row in t
        for c in row
        if "gd-derived" in c[4].get("class", "")
    }
    assert derived == {str(r) for r in report.derived} and derived


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(NATIONAL_2021))
def test_html_reader_reads_back_every_cell(report) -> None:  # type: ignore[no-untyped-def]
    got = read_bytes(render_html(report).encode("utf-8"), source="report.html", registry=REGISTRY).report
    assert got.layout is report.layout
    assert got.features == report.features
    assert list(got.cells) == list(report.cells)
