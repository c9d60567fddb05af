"""The intermediate form every format reader produces, before label-anchored assembly.

A format reader (text, HTML, PDF, DOCX, Markdown) turns its input into a :class:`Document`:
the text blocks in reading order and the table-like grids it found, every cell with its
provenance.  :func:`govdisclosure.readers.assemble.assemble` then anchors on the official labels
of the variant's layout to build the report — the same code for every input type.
"""

from __future__ import annotations

from attrs import field, frozen

from ..findings import Provenance

__all__ = ["RUN_TOGETHER", "Document", "GridCell", "GridRow", "TextLine"]

RUN_TOGETHER = "连排 run-together"
"""The provenance ``element`` of a line cut out of a line whose cells ran together (crawled text
flattened into one line): its digit runs are known to be several cells printed without separators."""


@frozen(kw_only=True)
class GridCell:
    """One cell of a grid as printed (after rowspan/colspan expansion)."""

    text: str
    provenance: Provenance
    spanned: bool = False
    """True when this grid position is a copy of a merged cell (rowspan/colspan expansion)."""


@frozen(kw_only=True)
class GridRow:
    """One printed table row."""

    cells: tuple[GridCell, ...]


@frozen(kw_only=True)
class TextLine:
    """One line (or paragraph) of running text, in reading order."""

    text: str
    provenance: Provenance


@frozen(kw_only=True)
class Document:
    """Everything a format reader extracted from one source."""

    source: str
    lines: tuple[TextLine, ...] = ()
    """All text in reading order, table text included (the text reader only has this)."""
    grids: tuple[tuple[GridRow, ...], ...] = field(default=())
    """Tables found as real grids (HTML/DOCX/PDF), in document order."""
