"""PDFs printed from a browser read cell for cell (``tests/data/readers/browser-pdf``, see its README).

The expected report of each PDF is the JSON document it was printed from (through the HTML writer and
headless Chromium), never the reader's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure import Report, load_json
from govdisclosure.findings import Severity
from govdisclosure.plugins.registry import make_registry
from govdisclosure.readers.grids import clean_text
from govdisclosure.readers.normalize import RADICALS
from govdisclosure.reading import ReadResult, read_bytes

DATA = Path(__file__).parent / "data" / "readers" / "browser-pdf"
REGISTRY = make_registry(entry_points=False)
NAMES = sorted(p.stem for p in DATA.glob("*.pdf"))


def test_the_fixtures_are_there() -> None:
    assert NAMES == ["2019-category-subtotals", "2019-plain", "2021-legal-entity-subtotal"]


def _read_as_printed(name: str, file: str, reader: str | None) -> tuple[Report, ReadResult]:
    """The source report of fixture ``name`` and what ``reader`` reads from its ``file``, checked
    for what every form must give: layout, features, every cell, title, agency, year, no warning."""
    expected = load_json((DATA / f"{name}.json").read_bytes(), registry=REGISTRY)
    got = read_bytes((DATA / file).read_bytes(), source=file, registry=REGISTRY, reader=reader)
    report = got.report
    assert report.layout is expected.layout and report.features == expected.features
    assert report.cells == expected.cells
    # the title (wrapped inside 报告 in two of them) and the agency, in ideographs, not radicals
    assert (report.title, report.agency.name, report.year) == (
        expected.title,
        expected.agency.name,
        expected.year,
    )
    assert not [f for f in got.findings if f.severity is not Severity.INFO]
    return expected, got


@pytest.mark.parametrize("name", NAMES)
def test_browser_printed_pdf_reads_as_written(name: str) -> None:
    expected, got = _read_as_printed(name, f"{name}.pdf", None)  # found to be a PDF by its bytes
    report = got.report
    assert got.reader == "pdf"
    assert [s.heading for s in report.sections] == [s.heading for s in report.layout.sections]
    assert {s.key: s.text for s in report.sections if s.text} == {
        s.key: s.text for s in expected.sections if s.text
    }
    assert {ref for ref, v in report.items() if v is not None} <= set(got.provenance)


@pytest.mark.parametrize("tool", ["pdftotext-layout", "w3m"])
@pytest.mark.parametrize("name", NAMES)
def test_the_same_report_as_tools_turn_it_into_text(name: str, tool: str) -> None:
    # ``pdftotext -layout`` of the PDF and ``w3m -dump`` of the page: header cells separated by single
    # spaces (``自然人 小计 商业企``), 表四's heads over its one line of numbers, vertical group labels in
    # the middle of their rows and the category 小计 rows printed without them
    _read_as_printed(name, f"{name}.{tool}.txt", "text")


def test_radicals_become_ideographs() -> None:
    assert clean_text("⼀、总体情况") == "一、总体情况"
    assert clean_text("⼈⺠政府 ⾏政复议") == "人民政府行政复议"
    assert "⻔⻋⻓".translate(RADICALS) == "门车长"
    assert clean_text("行政复议") == "行政复议"  # ideographs stay as they are


def test_text_taken_out_of_such_a_pdf_reads_too() -> None:
    # pdftotext keeps the radicals: the text reader maps them the same way
    text = "\n".join(
        [
            "某县⼈⺠政府2024年政府信息公开⼯作年度报",
            "告",
            "⼀、总体情况",
            "本机关依法公开政府信息。",
            "三、收到和处理政府信息公开申请情况",
            "⼀、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
        ]
    )
    got = read_bytes(text.encode(), source="t.txt", registry=REGISTRY, reader="text")
    assert got.report.title == "某县人民政府2024年政府信息公开工作年度报告"
    assert got.report.agency.name == "某县人民政府"
    assert got.report.sections[0].heading == "一、总体情况"
    assert got.report.requests.received.natural_person == 1
