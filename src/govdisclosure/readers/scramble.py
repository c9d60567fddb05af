"""Text whose tables lost their reading order: cells taken out of a PDF block by block.

Plain ``pdftotext`` and pdfminer's ``extract_text`` print a ruled table in the order of the PDF's
text blocks, not row by row: a row's label and its numbers, then a column of ten rows' numbers, then
those rows' labels further down.  No rule of the format says which number belongs to which cell
there, and the tool scrambles every table of the text alike (pdfminer even moves headings), so no
table is read from such a text (its cells stay not printed) and a ``read.table_order_lost`` warning
says what happened and what to read instead (the PDF itself, or ``pdftotext -layout``).

The marks of such text: a printed row never holds more numbers than its table has columns (a table
printed on one line, 表四, holds all its cells), so a longer run of lines each holding one number
alone — longer than any table of the section could print in one row — is numbers printed column by
column; and so are two or more such lines right under a line made only of column heads
(``本年制发件数`` / ``23`` / ``5``), in a section whose tables are printed row by row.  Text printed
cell by cell but row by row (a label, then its numbers one per line) has neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from ..layout import Layout, ResolvedLayout, ResolvedTable
from .detect import SectionHit
from .normalize import label_key
from .records import Record
from .tables import header_labels

__all__ = ["order_lost"]


def _row_width(table: ResolvedTable) -> int:
    """The most numbers one printed row of ``table`` can hold."""
    width = len(table.column_keys)
    return width * len(table.row_paths) if table.spec.single_line else width


def order_lost(
    resolved: ResolvedLayout, lines: Sequence[Record], hits: Sequence[SectionHit]
) -> Record | None:
    """The first line of a run of lone numbers longer than any row of its section's tables can print
    (the whole text was then taken out of order: its tables are not read), or ``None``."""
    spans: list[tuple[list[ResolvedTable], int, int]] = []
    for i, hit in enumerate(hits):
        tables = [t for t in resolved.tables if t.spec.section == hit.key]
        if tables:
            end = hits[i + 1].position if i + 1 < len(hits) else len(lines)
            spans.append((tables, hit.position, end))
    if not hits:
        spans.append((list(resolved.tables), 0, len(lines)))
    for tables, start, end in spans:
        limit = max(map(_row_width, tables), default=0)
        # column heads followed by numbers: only where no table is printed on one line (表四's
        # numbers follow its heads by right)
        heads = (
            frozenset()
            if any(t.spec.single_line for t in tables)
            else _head_keys(resolved.layout, frozenset(t.spec.key for t in tables))
        )
        run: list[Record] = []
        after_head = False
        for rec in lines[start:end]:
            if rec.blank:
                continue
            if rec.labels or len(rec.values) != 1:
                run = []
                after_head = bool(heads) and not rec.values and all(label_key(x) in heads for x in rec.labels)
                continue
            run.append(rec)
            if len(run) > limit or (after_head and len(run) > 1):
                return run[0]
    return None


@cache
def _head_keys(layout: Layout, tables: frozenset[str]) -> frozenset[str]:
    """The comparison keys of the column heads of ``tables`` (a record made only of them heads a column).

    A bare ``小计`` is left out: it heads a category's subtotal row as well (printed one cell per line,
    its numbers follow it)."""
    keys = {
        label_key(text) for table, texts in header_labels(layout) if table in tables for text in texts if text
    }
    return frozenset(keys - {label_key("小计")})
