"""Readers on REAL published reports they were not developed on (``tests/data/real/``).

Each fixture is a public 政府信息公开工作年度报告 taken from stored public copies (a crawled government
page, a JavaScript string holding a page) and cut out of its wrapper; the report text is kept as
published.  Its ``.expected.json`` was entered by hand from the printed tables (blank cells ``null``,
printed units and errors kept) and never produced by the readers.  Every cell, the layout and its
features, the agency, the year and the section headings must come out as printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers.base import RUN_TOGETHER
from govdisclosure.readers.text import text_document, unglue_lines
from govdisclosure.reading import ReadResult, read_path
from unseen_support import cells_without_provenance, expected, fixture_path, report_from_expected, unseen_ids

REAL = Path(__file__).parent / "data" / "real"
IDS = unseen_ids(REAL)
_cache: dict[str, ReadResult] = {}


def _read(stem: str) -> ReadResult:
    if stem not in _cache:
        _cache[stem] = read_path(fixture_path(stem, REAL))
    return _cache[stem]


def test_the_set_is_real_and_varied() -> None:
    assert len(IDS) >= 3
    assert {expected(stem, REAL)["format"] for stem in IDS} == {"2019", "2021"}
    for stem in IDS:
        assert fixture_path(stem, REAL).is_file()
        assert stem in (REAL / "README.md").read_text("utf-8"), f"{stem} is not described in README.md"


@pytest.mark.parametrize("stem", IDS)
def test_layout_and_features(stem: str) -> None:
    got = _read(stem).report
    want = report_from_expected(stem, REAL)
    assert got.layout.id == want.layout.id
    assert got.features == want.features


@pytest.mark.parametrize("stem", IDS)
def test_every_cell_as_printed(stem: str) -> None:
    got = _read(stem).report
    want = report_from_expected(stem, REAL)
    unreadable = expected(stem, REAL).get("unreadable", {})
    wanted = dict(zip(want.resolved.cells, want.cells, strict=True))
    read = dict(zip(got.resolved.cells, got.cells, strict=True))
    diffs = {
        str(ref): (read.get(ref, "<absent>"), value)
        for ref, value in wanted.items()
        if str(ref) not in unreadable and read.get(ref, "<absent>") != value
    }
    assert diffs == {}, f"{len(diffs)} wrong cells (read, expected): {diffs}"


@pytest.mark.parametrize("stem", [s for s in IDS if expected(s, REAL).get("unreadable")])
def test_unrecoverable_cells_are_not_guessed(stem: str) -> None:
    """Cells whose printed digits ran together with no relation to tell the cuts apart (the
    expected file names them under ``unreadable``, with the printed values) are left unread and
    reported, never filled with a wrong number."""
    result = _read(stem)
    read = {
        str(ref): value for ref, value in zip(result.report.resolved.cells, result.report.cells, strict=True)
    }
    unreadable = set(expected(stem, REAL)["unreadable"])
    assert {ref: read[ref] for ref in unreadable} == dict.fromkeys(unreadable)
    flagged = {str(ref) for f in result.findings if f.rule_id == "read.digits_ambiguous" for ref in f.cells}
    assert unreadable <= flagged


@pytest.mark.parametrize("stem", IDS)
def test_agency_and_year(stem: str) -> None:
    exp = expected(stem, REAL)
    report = _read(stem).report
    assert (report.agency.name, report.year) == (exp["agency"], exp["year"])


@pytest.mark.parametrize("stem", IDS)
def test_provenance_for_every_printed_value(stem: str) -> None:
    assert cells_without_provenance(_read(stem)) == []


@pytest.mark.parametrize("stem", [s for s in IDS if expected(s, REAL).get("sections")])
def test_section_headings_found(stem: str) -> None:
    report = _read(stem).report
    assert [s.key for s in report.sections] == expected(stem, REAL)["sections"]


# -- text whose cells ran together (the crawler's one-line text of 07–09) ---------------------------


def _lines(text: str) -> list[str]:
    doc = text_document(text, source="t")
    return [line.text for line in unglue_lines(doc.lines, default_registry())]


def test_text_printed_line_by_line_is_left_alone() -> None:
    text = (
        "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n"
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
        "三、本年度办理结果\n（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n"
    )
    assert _lines(text) == text.split("\n")


def test_run_together_line_is_cut_at_headings_and_row_labels() -> None:
    text = (
        "某局2022年政府信息公开工作年度报告 根据条例编制。一、总体情况 正文。"
        "三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量 413000044"
        "二、上年结转政府信息公开申请数量0000000三、本年度办 理结果 （一）予以公开210000021"
        "四、政府信息公开行政法复议、行政诉讼情况行政复议 行政诉讼 结果维持总计1 0 0 0 1"
        "五、存在的主要问题及改进情况无。"
    )
    assert _lines(text) == [
        "某局2022年政府信息公开工作年度报告",
        "根据条例编制。",
        "一、总体情况",
        "正文。",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量\t413000044",
        "二、上年结转政府信息公开申请数量\t0000000",
        "三、本年度办 理结果",
        "（一）予以公开\t210000021",
        # a misprinted heading is not cut at the row label inside it (行政诉讼), but starts a line
        "四、政府信息公开行政法复议、行政诉讼情况",
        "行政复议",
        "行政诉讼",
        "结果维持",
        "总计",
        # numbers after 表四's header labels go on a line of their own
        "1 0 0 0 1",
        "五、存在的主要问题及改进情况",
        "无。",
    ]
    assert {
        line.provenance.element
        for line in unglue_lines(text_document(text, source="t").lines, default_registry())
    } == {RUN_TOGETHER}
