"""The text writer: the documented line format, the corpus layout, reading it back with the text reader."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings

from corpus_support import CORPUS, report_from_expected
from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, build_report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes
from govdisclosure.testing import reports
from govdisclosure.writers.text import render_text

REGISTRY = make_registry(entry_points=False)


def _corpus_text() -> list[str]:
    (path,) = CORPUS.glob("000-*.txt")
    return path.read_text("utf-8").split("\n")


def _table_blocks(text: str) -> list[list[str]]:
    """Runs of consecutive lines that contain a TAB."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def test_proactive_table_is_line_for_line_the_corpus_layout() -> None:
    """表二 of the real text report (000) is printed exactly so; our output gives the same lines."""
    report = report_from_expected("000")
    ours = render_text(report).split("\n")
    corpus = _corpus_text()
    start = corpus.index("第二十条第（一）项\t\t\t")
    expected = corpus[start : start + 17]
    i = ours.index(expected[0])
    assert ours[i : i + 17] == expected


def test_appeals_value_line_matches_the_corpus() -> None:
    report = report_from_expected("000")
    corpus = _corpus_text()
    value_line = next(ln for ln in corpus if ln.count("\t") == 14 and set(ln.split("\t")) == {"0"})
    assert value_line in render_text(report).split("\n")
    first = next(ln for ln in corpus if ln.startswith("行政复议\t"))
    assert first in render_text(report).split("\n")


def test_every_table_line_has_the_same_number_of_fields() -> None:
    for layout, feats in ((NATIONAL_2021, frozenset()), (NATIONAL_2019, frozenset({"category_subtotals"}))):
        report = build_report(
            layout, agency="某县人民政府", year=layout.first_year, missing=0, features=feats
        )
        blocks = _table_blocks(render_text(report))
        widths = [{len(line.split("\t")) for line in b} for b in blocks]
        # 表二: label + 3 value columns; 表三: 3 label columns + 7; 表四: 15 on one line
        assert widths == [{4}, {10}, {15}]


def test_document_order_title_headings_blank_lines() -> None:
    report = build_report(
        NATIONAL_2021,
        agency="某县人民政府",
        year=2024,
        missing=0,
        sections={"overview": "第一段。\n第二段。", "other": "其他。"},
        preamble="前言。",
    )
    text = render_text(report)
    assert text.endswith("。\n") and not text.endswith("\n\n")
    lines = text.split("\n")
    assert lines[:5] == ["某县人民政府2024年政府信息公开工作年度报告", "", "前言。", "", "一、总体情况"]
    headings = [s.heading for s in NATIONAL_2021.sections]
    positions = [lines.index(h) for h in headings]
    assert positions == sorted(positions)
    assert lines[positions[0] + 2 : positions[0] + 4] == ["第一段。", "第二段。"]


def test_tabs_and_newlines_inside_a_cell_become_spaces() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    ref = CellRef("regulations", "rules", "issued")
    report = attrs.evolve(report, annotations={ref: "（其中\t修订\n1件）"})
    line = next(ln for ln in render_text(report).split("\n") if ln.startswith("规章\t"))
    assert line.split("\t")[1] == "0（其中 修订 1件）"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(NATIONAL_2021))
def test_text_reader_reads_back_every_cell(report) -> None:  # type: ignore[no-untyped-def]
    result = read_bytes(render_text(report).encode("utf-8"), source="report.txt", registry=REGISTRY)
    got = result.report
    assert got.layout is report.layout
    assert got.features == report.features
    assert list(got.cells) == list(report.cells)
    assert [type(v) for v in got.cells] == [type(v) for v in report.cells]
    assert got.year == report.year
    for s in report.sections:
        assert got.section_text(s.key or "") == s.text


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(NATIONAL_2019))
def test_text_reader_reads_back_2019(report) -> None:  # type: ignore[no-untyped-def]
    got = read_bytes(render_text(report).encode("utf-8"), source="report.txt", registry=REGISTRY).report
    assert got.layout is report.layout and list(got.cells) == list(report.cells)
