"""The reading shortcuts: a table taken from another source is only located, never ordered or read."""

from __future__ import annotations

import pytest

from corpus_support import CORPUS, expected, t3_row_path
from govdisclosure.layout import ResolvedLayout
from govdisclosure.plugins.registry import make_registry
from govdisclosure.readers.columns import printed_orders
from govdisclosure.readers.records import Record, line_records
from govdisclosure.readers.tables import read_tables
from govdisclosure.readers.text import decode_text, text_document
from govdisclosure.reading import read_bytes

REGISTRY = make_registry(entry_points=False)


def _text_case() -> tuple[ResolvedLayout, list[Record]]:
    (path,) = CORPUS.glob("000-*.txt")
    data = path.read_bytes()
    result = read_bytes(data, source=path.name, registry=REGISTRY, reader="text")
    doc = text_document(decode_text(data, source=path.name), source=path.name)
    return result.report.resolved, list(line_records(doc))


def test_no_table_no_order() -> None:
    _resolved, records = _text_case()
    assert printed_orders([], records) == {}


@pytest.mark.parametrize("skipped", ["requests", "appeals", "all"])
def test_skipped_tables_are_located_like_read_ones(skipped: str) -> None:
    resolved, records = _text_case()
    keys = {t.spec.key for t in resolved.tables}
    skip = keys if skipped == "all" else {skipped}
    (full,) = read_tables(resolved, [records])
    (located,) = read_tables(resolved, [records], skip=skip)
    for key in skip:
        assert located.rows_found.get(key) == full.rows_found.get(key)
    assert located.table_records == full.table_records
    # the skipped tables give no values; the others are read as without the skip
    assert not any(ref.table in skip for ref in located.cells)
    assert {r: v for r, v in full.cells.items() if r.table not in skip} == located.cells


def test_text_requests_rows_all_located_when_skipped() -> None:
    """Every 表三 row the corpus report prints (its expected.json, written by hand) is located."""
    resolved, records = _text_case()
    (located,) = read_tables(resolved, [records], skip={"requests"})
    printed = expected("000")["t3"]
    assert printed, "the corpus report prints 表三"
    assert located.rows_found["requests"] == {t3_row_path(k) for k in printed}
    assert not any(ref.table == "requests" for ref in located.cells)
