"""The text reader on text pulled out of the real corpus PDFs (001, 002, 011).

``tests/data/readers/pdftext-NNN.txt`` is ``pdfplumber`` 0.11 ``page.extract_text()`` of each
corpus PDF, pages joined by form feeds: single-space separated cells, the vertical
三、本年度办理结果 label printed one character per line in front of other labels, numbers centred
between the lines of a wrapped label or printed on the line *before* their label, page numbers.
Every cell must equal the hand-entered ``*.expected.json`` (printed errors of 001 included).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_support import expected, report_from_expected
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_path

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
