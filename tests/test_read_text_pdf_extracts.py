"""The text reader on text pulled out of the real corpus PDFs (001, 002, 011).

``tests/data/readers/pdftext-NNN.txt`` is ``pdfplumber`` 0.11 ``page.extract_text()`` of each
corpus PDF, pages joined by form feeds: single-space separated cells, the vertical
三、本年度办理结果 label printed one character per line in front of other labels, numbers centred
between the lines of a wrapped label or printed on the line *before* their label, page numbers.
Every cell must equal the hand-entered ``*.expected.json`` (printed errors of 001 included).

More extracts by the common tools, read cell for cell too: ``pdftotext-layout-001.txt`` (poppler
22.12 ``pdftotext -layout``) and ``pymupdf-sorted-011.txt`` (PyMuPDF ``page.get_text(sort=True)``).
``pdfplumber-layout-00N.txt`` is pdfplumber 0.11 ``page.extract_text(layout=True)`` of 001 and 002.
``pdftotext-raw-001.txt`` (plain ``pdftotext``) and ``pdfminer-011.txt`` (pdfminer.six
``extract_text``) print the tables block by block and are therefore not read at all
(``read.table_order_lost``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_support import expected, report_from_expected
from govdisclosure.findings import Provenance
from govdisclosure.plugins.registry import make_registry
from govdisclosure.readers.base import TextLine
from govdisclosure.readers.records import _record_from_line
from govdisclosure.reading import read_path
from grid_roundtrip_support import wrong_values
from unseen_support import differences
from unseen_support import report_from_expected as unseen_expected

FIXTURES = Path(__file__).parent / "data" / "readers"
REGISTRY = make_registry(entry_points=False)


@pytest.mark.parametrize("corpus_id", ["001", "002", "011"])
def test_pdf_text_reads_every_cell_as_printed(corpus_id: str) -> None:
    result = read_path(FIXTURES / f"pdftext-{corpus_id}.txt", registry=REGISTRY, reader="text")
    want = report_from_expected(corpus_id)
    got = result.report
    assert got.layout is want.layout
    assert got.features == want.features
    diffs = {
        str(ref): (v, want[ref]) for ref, v in got.items() if v != want[ref] or type(v) is not type(want[ref])
    }
    assert diffs == {}
    exp = expected(corpus_id)
    assert (got.agency.name, got.year) == (exp["agency"], exp["year"])
    assert not [f for f in result.findings if f.rule_id in ("read.row_not_found", "read.table_not_found")]


def test_printed_errors_of_001_are_kept() -> None:
    result = read_path(FIXTURES / "pdftext-001.txt", registry=REGISTRY, reader="text")
    review = result.report.appeals.review.values()
    assert (review["upheld"], review["corrected"], review["total"]) == (10, 1, 0)
    failing = {r.relation.id for r in result.report.relations() if r.status.value == "fails"}
    assert "appeals.total[review]" in failing


def test_pdftotext_layout_text_reads_every_cell() -> None:
    # ``pdftotext -layout`` (poppler 22.12) of 001: columns aligned with spaces, header cells one space apart
    result = read_path(FIXTURES / "pdftotext-layout-001.txt", registry=REGISTRY, reader="text")
    want = report_from_expected("001")
    assert result.report.layout is want.layout and result.report.features == want.features
    assert {str(ref): v for ref, v in result.report.items() if v != want[ref]} == {}


@pytest.mark.parametrize("name", ["pdftotext-raw-001.txt", "pdfminer-011.txt"])
def test_text_taken_out_block_by_block_is_not_read_into_wrong_cells(name: str) -> None:
    # plain ``pdftotext`` (poppler 22.12) of 001 and pdfminer.six ``extract_text`` of 011 print the tables
    # in the order of the PDF's text blocks (a column of ten rows' numbers, then those rows' labels): no
    # number may land in a cell; one warning says why and what to read instead
    result = read_path(FIXTURES / name, registry=REGISTRY, reader="text")
    report = result.report
    assert all(v is None for v in report.cells)
    (lost,) = [f for f in result.findings if f.rule_id == "read.table_order_lost"]
    assert lost.severity.value == "warning" and "pdftotext -layout" in lost.message_zh
    assert set(lost.cells) == set(report.resolved.cells)
    # the rest of the report is still read
    want = expected(name[-7:-4])
    assert (report.agency.name, report.year) == (want["agency"], want["year"])
    assert [s.key for s in report.sections][:1] == ["overview"]


def test_pymupdf_sorted_text_reads_every_cell() -> None:
    # PyMuPDF ``page.get_text(sort=True)`` of 011: the vertical group labels' pieces land after a row's
    # numbers (``4.保护第三方合法权益  6 0 0 0 0 0 6   （三）不``) or glued to its last number (``… 0 8结``)
    result = read_path(FIXTURES / "pymupdf-sorted-011.txt", registry=REGISTRY, reader="text")
    want = report_from_expected("011")
    assert result.report.layout is want.layout and result.report.features == want.features
    assert {str(ref): v for ref, v in result.report.items() if v != want[ref]} == {}


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("5.属于三类内部事务信息  7  1  0  0  0  0  8结", [7, 1, 0, 0, 0, 0, 8]),
        ("4.保护第三方合法权益  6  0  0  0  0  0  6   （三）不", [6, 0, 0, 0, 0, 0, 6]),
        ("规章  0  0  8件", [0, 0, 8]),  # a unit stays part of its value
    ],
)
def test_a_label_piece_after_the_numbers_is_a_label(line: str, values: list[int]) -> None:
    rec = _record_from_line(0, TextLine(text=line, provenance=Provenance(source="t")))
    assert [v.parsed.value if v.parsed else None for v in rec.values] == values


@pytest.mark.parametrize("corpus_id", ["001", "002"])
def test_pdfplumber_layout_text_reads_every_cell(corpus_id: str) -> None:
    # pdfplumber 0.11 ``page.extract_text(layout=True)``: 4.无正当理由大量反复申请 wraps inside its own
    # line (``4.无正当理由大量反复  申请``) under the numbers printed on the line above it, after the
    # group label （五）不予处理
    result = read_path(FIXTURES / f"pdfplumber-layout-{corpus_id}.txt", registry=REGISTRY, reader="text")
    want = report_from_expected(corpus_id)
    got = result.report
    assert got.features == want.features
    assert {str(ref): (v, want[ref]) for ref, v in got.items() if v != want[ref]} == {}
    assert "read.row_blank" not in {f.rule_id for f in result.findings}


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        # row labels cut short by narrow columns (``1.属于`` / ``国家秘`` / ``密``, ``2.其他`` / ``法律行``…):
        # a numbered piece names the one label of that number it begins; ``2.其他`` is not ``3.其他``
        ("pdfplumber-unseen17.txt", "17-pdf-city-2023"),
        ("pdftotext-layout-unseen32.txt", "32-pdf-borderless-2023"),
        # and 表四's three-digit numbers wrapped in narrow columns (``3 4 3 9 …`` / ``1 5 8 6 …`` / ``2 …``),
        # joined column by column where the text keeps the columns
        ("pdftotext-layout-unseen18.txt", "18-pdf-split-narrow-2022"),
    ],
)
def test_narrow_pdf_columns_read_cell_for_cell(name: str, stem: str) -> None:
    result = read_path(FIXTURES / name, registry=REGISTRY, reader="text")
    want = unseen_expected(stem)
    assert differences(result.report, want) == {}


def test_wrapped_numbers_without_their_columns_are_not_read() -> None:
    # pdfplumber ``extract_text()`` of the same narrow 表四: the spacing that kept the columns is gone,
    # so where each number ends is lost; 表四 stays unread (before: 3, 4, 3, 9, 4 … as printed values)
    result = read_path(FIXTURES / "pdfplumber-unseen18.txt", registry=REGISTRY, reader="text")
    want = unseen_expected("18-pdf-split-narrow-2022")
    got = dict(result.report.items())
    assert wrong_values(result.report, want) == {}
    assert all(v is None for ref, v in got.items() if ref.table == "appeals")
    assert all(v == want[ref] for ref, v in got.items() if ref.table != "appeals")
    assert any(f.rule_id == "read.digits_ambiguous" for f in result.findings)
