"""The real published reports (PDF and crawled HTML) read with every cell equal to the hand-entered
``*.expected.json`` — values as printed, printed errors included — with provenance for each value."""

from __future__ import annotations

import re

import pytest

from corpus_support import CORPUS, expected, report_from_expected
from govdisclosure.cells import is_number
from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers.docx import DocxReader
from govdisclosure.readers.html import HtmlReader
from govdisclosure.readers.pdf import PdfReader
from govdisclosure.reading import read_path

GRID_CORPUS = ("001", "002", "011", "102")


def _path(corpus_id: str):
    (path,) = [p for p in CORPUS.glob(f"{corpus_id}-*") if not p.name.endswith(".json")]
    return path


@pytest.fixture(scope="module")
def results():
    return {cid: read_path(_path(cid)) for cid in GRID_CORPUS}


@pytest.mark.parametrize("corpus_id", GRID_CORPUS)
def test_every_cell_as_printed(results, corpus_id):
    got = results[corpus_id].report
    want = report_from_expected(corpus_id)
    assert got.features == want.features
    assert got.resolved.cells == want.resolved.cells
    diffs = {
        str(ref): (g, w)
        for ref, g, w in zip(want.resolved.cells, got.cells, want.cells, strict=True)
        if g != w
    }
    assert diffs == {}


@pytest.mark.parametrize("corpus_id", GRID_CORPUS)
def test_agency_and_year(results, corpus_id):
    exp = expected(corpus_id)
    report = results[corpus_id].report
    assert report.agency.name == exp["agency"]
    assert report.year == exp["year"]


@pytest.mark.parametrize("corpus_id", GRID_CORPUS)
def test_reader_chosen_by_content(results, corpus_id):
    assert results[corpus_id].reader == ("html" if corpus_id == "102" else "pdf")


def test_printed_errors_of_001_reproduced(results):
    report = results["001"].report
    appeals = report.resolved.table("appeals")
    review = appeals.row_paths[0]
    assert report.value("appeals", review, appeals.column_keys[0]) == 10
    assert report.value("appeals", review, "total") == 0  # printed 0 although 10+1 were printed before it


def test_102_empty_legal_entity_columns_are_not_printed(results):
    report = results["102"].report
    req = report.resolved.table("requests")
    for path in req.row_paths:
        values = [report.value("requests", path, col) for col in req.column_keys]
        assert values[1:6] == [None] * 5
        assert is_number(values[0]) and is_number(values[6])


@pytest.mark.parametrize("corpus_id", GRID_CORPUS)
def test_provenance_of_every_printed_number(results, corpus_id):
    result = results[corpus_id]
    report = result.report
    for ref, value in zip(report.resolved.cells, report.cells, strict=True):
        if value is None:
            continue
        prov = result.provenance[ref]
        assert prov.source == str(_path(corpus_id))
        assert re.sub(r"\s", "", prov.raw) == str(value), ref
        if corpus_id == "102":
            assert re.fullmatch(r"table\[\d+\]/tr\[\d+\](/td\[\d+\])?", prov.element or ""), ref
        else:
            assert prov.page is not None and prov.page >= 1 and prov.line is not None, ref


def test_pdf_provenance_points_at_the_page(results):
    # 011: the 依申请 table breaks after the 不掌握 row; the row after it is on the next page
    result = results["011"]
    req = result.report.resolved.table("requests")
    unable = [p for p in req.row_paths if p.startswith("unable.")]
    first = result.provenance[
        next(r for r in result.provenance if r.table == "requests" and r.row == unable[0])
    ]
    second = result.provenance[
        next(r for r in result.provenance if r.table == "requests" and r.row == unable[1])
    ]
    assert second.page == first.page + 1


# -- the grids themselves (independent of the assembly) -----------------------------------------


@pytest.mark.parametrize("corpus_id", GRID_CORPUS)
def test_grid_of_table_three_holds_the_printed_rows(corpus_id):
    """Every 依申请 row printed in the expected file appears, in order, as a grid row's numbers."""
    reader = HtmlReader() if corpus_id == "102" else PdfReader()
    doc = reader.document(_path(corpus_id).read_bytes(), source=corpus_id, registry=default_registry())
    want = [["" if v is None else str(v) for v in values] for values in expected(corpus_id)["t3"].values()]
    got = []
    for grid in doc.grids:
        for row in grid:
            cells = [c.text for c in row.cells if not c.spanned]
            numbers = cells[-7:]
            labelled = any(t and not t.isdigit() for t in cells[:-7])
            if (
                labelled
                and len(numbers) == 7
                and all(re.fullmatch(r"\d*", t) for t in numbers)
                and any(numbers)
            ):
                got.append(numbers)
    assert got == want


def test_docx_reader_is_registered():
    assert isinstance(default_registry().readers["docx"], DocxReader)
