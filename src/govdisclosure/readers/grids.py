"""Helpers shared by the grid readers (HTML, PDF, Word): cell text clean-up, span expansion and
telling the report's tables from other tables on the page.

* :func:`clean_text` turns the raw text of a cell or a block into what was *printed*: whitespace
  collapsed, line breaks inside Chinese text removed (PDF cells wrap labels over several lines,
  a vertical label prints one character per line), full-width digits made ASCII and thousands
  separators dropped from numbers.  Placeholders (``-``, ``/``, ``—``) are kept as printed and a
  blank cell stays blank (the assembly reads it as "not printed", never as 0).
* :class:`SpanGrid` expands rowspan/colspan (HTML, Word ``gridSpan``/``vMerge``) into a
  rectangular grid; the copies a merged cell leaves are marked ``spanned``.
* :func:`report_labels` / :func:`is_report_grid` keep only the grids that print official labels of a
  registered layout, so a page-metadata table (名称/索引号/发布机构) is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

from attrs import define, field

from ..errors import ReadError
from ..findings import Provenance
from ..reading import ReadResult
from ..slotfill import slot_setters
from .base import Document, GridCell, GridRow, TextLine
from .normalize import HAS_RADICAL, RADICALS

__all__ = [
    "MAX_COLSPAN",
    "MAX_COLUMNS",
    "MAX_GRID_CELLS",
    "MAX_ROWSPAN",
    "SpanGrid",
    "assemble_document",
    "cell_maker",
    "clean_text",
    "is_report_grid",
    "make_cell",
    "make_line",
    "make_provenance",
    "make_row",
    "normalise_label",
    "report_labels",
]

MAX_COLSPAN = 64
"""Larger declared colspans are clamped (no real report table is wider)."""
MAX_ROWSPAN = 512
MAX_COLUMNS = 512
"""Cells beyond this grid column are dropped."""
MAX_GRID_CELLS = 100_000
"""A grid stops growing beyond this many positions (protects against hostile spans)."""

_WS = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_CJK = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019\u2014\u2026\u00b7"
)
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}0-9])|(?<=[{_CJK}0-9])\s+(?=[{_CJK}])")
_PLAIN = re.compile(r"[^\s\u00a0\u3000\u200b\ufeff０-９,，．\u2e80-\u2fdf]*")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_NUMERIC = re.compile(r"^[+\-]?\d{1,3}(?:[,，]\d{3})+(?:[.．]\d+)?$")
_FULLWIDTH_DECIMAL = re.compile(r"^[+\-]?\d+．\d+$")


def clean_text(raw: str) -> str:
    """The printed text of a cell or block: whitespace and wrapped lines normalised.

    Lines are joined without a space when the break falls between Chinese characters (wrapped or
    vertical labels), with one space otherwise.  A whole-cell number such as ``１，２３４`` becomes
    ``1234``; radical code points a PDF font put for ideographs (``⼈⺠``) become them (``人民``,
    :data:`~.normalize.RADICALS`).  Everything else (placeholders, annotations such as
    ``22（其中修订16件）``) is kept.
    """
    if not raw:
        return ""
    if _PLAIN.fullmatch(raw):
        return raw  # fast path: nothing to normalise
    parts = [_WS.sub(" ", piece).strip() for piece in raw.splitlines()]
    out = ""
    for piece in parts:
        if not piece:
            continue
        if out and not (_is_cjk(out[-1]) or _is_cjk(piece[0])):
            out += " "
        out += piece
    out = _CJK_GAP.sub("", out)
    out = out.translate(_FULLWIDTH_DIGITS)
    if HAS_RADICAL.search(out):
        out = out.translate(RADICALS)
    if _NUMERIC.match(out):
        out = out.replace(",", "").replace("，", "").replace("．", ".")
    elif _FULLWIDTH_DECIMAL.match(out):
        out = out.replace("．", ".")
    return out


def _is_cjk(ch: str) -> bool:
    return bool(re.match(f"[{_CJK}]", ch))


def normalise_label(text: str) -> str:
    """A label reduced for comparison: NFKC (half-width brackets), no whitespace or quote style."""
    t = unicodedata.normalize("NFKC", text)
    t = _WS.sub("", t)
    return t.replace("“", '"').replace("”", '"').replace("，", ",").replace("、", ".")


T = TypeVar("T")
_LAYOUT_MEMOS: dict[tuple[Callable[..., Any], tuple[int, ...]], tuple[tuple[Any, ...], Any]] = {}


def per_layouts(registry: Any, build: Callable[[tuple[Any, ...]], T]) -> T:
    """``build(layouts)`` of the registry's layouts, remembered per function and set of layouts
    (the layout objects themselves are kept and compared, so a reused ``id`` never hits)."""
    layouts = tuple((getattr(registry, "variants", {}) or {}).values())
    key = (build, tuple(id(x) for x in layouts))
    hit = _LAYOUT_MEMOS.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], layouts, strict=True)):
        return cast(T, hit[1])
    value = build(layouts)
    if len(_LAYOUT_MEMOS) > 64:
        _LAYOUT_MEMOS.clear()
    _LAYOUT_MEMOS[key] = (layouts, value)
    return value


def report_labels(registry: Any) -> frozenset[str]:
    """Every official label (and alias) of every registered layout, normalised (cached per layout set)."""
    return per_layouts(registry, _labels)


def _labels(layouts: tuple[Any, ...]) -> frozenset[str]:
    labels: set[str] = set()
    for layout in layouts:
        for section in getattr(layout, "sections", ()):
            labels.add(section.heading)
            labels.update(section.aliases)
        for table in getattr(layout, "tables", ()):
            labels.update(x for x in (table.label, table.row_header, table.corner_note) if x)
            stack = [*table.rows, *table.columns]
            while stack:
                node = stack.pop()
                labels.add(node.label)
                labels.update(node.aliases)
                if node.subtotal_label:
                    labels.add(node.subtotal_label)
                stack.extend(node.children)
    return frozenset(n for n in (normalise_label(x) for x in labels) if len(n) >= 2)


def is_report_grid(rows: Sequence[GridRow], labels: frozenset[str], *, minimum: int = 2) -> bool:
    """True when the grid prints at least ``minimum`` distinct official labels.

    With no labels known (an empty registry) every grid counts.
    """
    if not labels:
        return True
    found: set[str] = set()
    for row in rows:
        for cell in row.cells:
            if cell.spanned or not cell.text:
                continue
            norm = normalise_label(cell.text)
            if norm in labels:
                found.add(norm)
                if len(found) >= minimum:
                    return True
    return False


@define
class SpanGrid:
    """Builds a rectangular grid from rows of (possibly merged) cells, expanding the spans."""

    rows: list[list[GridCell | None]] = field(factory=list)
    _pending: dict[int, list[Any]] = field(factory=dict)
    """Grid column → ``[spanned copy, rows still to fill]`` of the cells spanning down."""
    _size: int = 0
    full: bool = False
    """Set once :data:`MAX_GRID_CELLS` was reached; further cells are dropped."""

    def add_row(self, cells: Iterable[tuple[GridCell, int, int]], *, skip: int = 0) -> None:
        """Add one row of ``(cell, rowspan, colspan)``; ``skip`` leading grid columns are left empty."""
        if self.full:
            return
        row: list[GridCell | None] = [None] * skip
        col = skip
        pending = self._pending
        over = self._size > MAX_GRID_CELLS
        for cell, declared_rows, declared_cols in cells:
            if pending and col in pending:
                col = self._fill_pending(row, col)
            if col >= MAX_COLUMNS:
                break  # no report table is this wide; the rest of the row is dropped
            if declared_rows == 1 and declared_cols == 1:  # the common case: a plain cell
                if len(row) == col:
                    row.append(cell)
                else:
                    _put(row, col, cell)
                col += 1
            else:
                rowspan = max(1, min(declared_rows, MAX_ROWSPAN))
                colspan = max(1, min(declared_cols, MAX_COLSPAN))
                copy = _copy(cell)  # one immutable copy serves every position the cell spans
                for c in range(col, col + colspan):
                    if c != col:
                        pending.pop(c, None)  # overlapping spans: the later cell wins
                    _put(row, c, cell if c == col else copy)
                    if rowspan > 1:
                        pending[c] = [copy, rowspan - 1]
                col += colspan
            if over:
                self.full = True
                break
        if pending:
            self._fill_pending(row, col, to_end=True)
        self.rows.append(row)
        self._size += len(row)

    def _fill_pending(self, row: list[GridCell | None], col: int, *, to_end: bool = False) -> int:
        """Place the cells spanning down from the rows above, at ``col`` on (``to_end``: all to the right)."""
        if to_end:
            for c in sorted(k for k in self._pending if k >= col):
                if len(row) <= c or row[c] is None:
                    self._take(row, c)
            return col
        while col in self._pending and (len(row) <= col or row[col] is None):
            self._take(row, col)
            col += 1
        return col

    def _take(self, row: list[GridCell | None], col: int) -> None:
        pend = self._pending[col]
        _put(row, col, pend[0])
        pend[1] -= 1
        if pend[1] <= 0:
            del self._pending[col]

    def grid(self, provenance: Provenance) -> tuple[GridRow, ...]:
        """The rectangular grid; holes are blank (not printed) cells with ``provenance``."""
        width = max((len(r) for r in self.rows), default=0)
        blank = make_cell("", provenance)
        out = []
        for r in self.rows:
            cells = [blank if c is None else c for c in r]
            if len(cells) < width:
                cells += [blank] * (width - len(cells))
            out.append(make_row(tuple(cells)))
        return tuple(out)


def _put(row: list[GridCell | None], col: int, cell: GridCell) -> None:
    while len(row) <= col:
        row.append(None)
    row[col] = cell


def _copy(cell: GridCell) -> GridCell:
    return make_cell(cell.text, cell.provenance, True)


# -- building the document objects fast --------------------------------------------------------------
# A page has hundreds of cells; the attrs-generated ``__init__`` of these frozen classes costs about
# three times a plain write of their slots.  When the class is exactly a set of slots filled in
# (no validator, converter or init hook), the factories below write the slots directly; otherwise
# they call the class (the slot writers come from :mod:`govdisclosure.slotfill`).
# ``tests/test_read_html_tokenizer.py`` checks both give equal objects.

_NEW = object.__new__
_PROVENANCE_SLOTS = slot_setters(Provenance, ("source", "page", "line", "element", "raw"))
_CELL_SLOTS = slot_setters(GridCell, ("text", "provenance", "spanned"))
_LINE_SLOTS = slot_setters(TextLine, ("text", "provenance"))
_ROW_SLOTS = slot_setters(GridRow, ("cells",))


def make_provenance(
    source: str, line: int | None, element: str | None, raw: str = "", page: int | None = None
) -> Provenance:
    """``Provenance(source=…, page=…, line=…, element=…, raw=…)``, built fast."""
    if _PROVENANCE_SLOTS is None:
        return Provenance(source=source, page=page, line=line, element=element, raw=raw)
    out: Provenance = _NEW(Provenance)
    set_source, set_page, set_line, set_element, set_raw = _PROVENANCE_SLOTS
    set_source(out, source)
    set_page(out, page)
    set_line(out, line)
    set_element(out, element)
    set_raw(out, raw)
    return out


def make_cell(text: str, provenance: Provenance, spanned: bool = False) -> GridCell:
    """``GridCell(text=…, provenance=…, spanned=…)``, built fast."""
    if _CELL_SLOTS is None:
        return GridCell(text=text, provenance=provenance, spanned=spanned)
    out: GridCell = _NEW(GridCell)
    set_text, set_provenance, set_spanned = _CELL_SLOTS
    set_text(out, text)
    set_provenance(out, provenance)
    set_spanned(out, spanned)
    return out


def make_line(text: str, provenance: Provenance) -> TextLine:
    """``TextLine(text=…, provenance=…)``, built fast."""
    if _LINE_SLOTS is None:
        return TextLine(text=text, provenance=provenance)
    out: TextLine = _NEW(TextLine)
    set_text, set_provenance = _LINE_SLOTS
    set_text(out, text)
    set_provenance(out, provenance)
    return out


def assemble_document(document: Document, *, registry: Any, reader: str) -> ReadResult:
    """Hand a non-empty document to the shared label-anchored assembly.

    A document without any text raises :class:`~govdisclosure.errors.ReadError` naming the source.
    """
    if not document.grids and not any(line.text for line in document.lines):
        raise ReadError("文件中没有可读的文字 no readable text in the file", source=document.source)
    from .assemble import assemble

    return assemble(document, registry=registry, reader=reader)


def make_row(cells: tuple[GridCell, ...]) -> GridRow:
    """``GridRow(cells=…)``, built fast."""
    if _ROW_SLOTS is None:
        return GridRow(cells=cells)
    out: GridRow = _NEW(GridRow)
    _ROW_SLOTS[0](out, cells)
    return out


def cell_maker(source: str) -> Callable[[str, int | None, str | None, str], GridCell]:
    """A function ``(text, line, element, raw) -> GridCell`` of cells read from ``source``, built fast."""
    if _PROVENANCE_SLOTS is None or _CELL_SLOTS is None:

        def make_slow(text: str, line: int | None, element: str | None, raw: str) -> GridCell:
            return make_cell(text, make_provenance(source, line, element, raw))

        return make_slow
    new = _NEW
    set_source, set_page, set_line, set_element, set_raw = _PROVENANCE_SLOTS
    set_text, set_provenance, set_spanned = _CELL_SLOTS

    def make(text: str, line: int | None, element: str | None, raw: str) -> GridCell:
        provenance = new(Provenance)
        set_source(provenance, source)
        set_page(provenance, None)
        set_line(provenance, line)
        set_element(provenance, element)
        set_raw(provenance, raw)
        cell: GridCell = new(GridCell)
        set_text(cell, text)
        set_provenance(cell, provenance)
        set_spanned(cell, False)
        return cell

    return make
