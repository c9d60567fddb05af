"""PDF text lines from positioned characters: table cells kept apart, wrapped cells joined.

A table printed without ruling lines (Word's "Normal Table" style) leaves pdfplumber no table to
find, so it reaches the assembly as text lines.  Extracted naively, the cells of a row run
together with single spaces (``行政规范性文件 2 1 13``; the CJK clean-up would then glue
``行政规范性文件2``), and a label wrapped inside a narrow cell goes on over the next lines,
interleaved with the pieces of its neighbours (``（三） 1.属于 0 0 …`` / ``不予公 国家秘`` /
``开 密``).  Using the characters' positions:

* a line is cut into cells where the horizontal gap between two characters is at least one
  character wide (cell padding; words in prose are never that far apart); the cells are joined
  with a TAB, so the assembly reads them as cells and the CJK clean-up never crosses them;
* in a table row (a line of two or more cells), a piece on the next lines that is aligned with a
  cell (same left edge or same centre), at most about one line pitch below its last piece, not
  reaching into the next cell of the row, neither a number nor the start of a new numbered label
  (``（四）``, ``2.``, ``三、``, ``第二十条…``), and not on a line printing numbers (the next row) is
  the wrapped rest of that cell and is appended to it.  A new cell below interrupts the column.

Lines of a single cell (prose, headings) are left exactly as extracted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from attrs import define, field

from .grids import clean_text
from .normalize import parse_value

__all__ = ["positioned_lines"]

CELL_GAP = 1.0
"""A gap of at least this many character sizes separates two cells of a line."""
WRAP_PITCH = 1.6
"""A wrapped piece of a cell starts at most this many character sizes below the cell's last piece."""
ALIGN = 2.0
"""Points of tolerance when comparing left edges or centres."""

_LABEL_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)]"
    r"|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十百\d]+条)"
)


@define
class _Piece:
    text: str
    x0: float
    x1: float
    top: float
    size: float


@define
class _Cell:
    parts: list[str]
    x0: float
    x1: float
    last_top: float
    size: float
    in_row: bool
    """The cell's first piece is on a line of two or more cells (a table row)."""
    value: bool
    limit: float = float("inf")
    """Where the next cell of its row starts: a wrapped piece never reaches past it."""


@define
class _Line:
    number: int
    top: float
    raw: str
    cells: list[_Cell] = field(factory=list)


def _pieces(line: dict[str, Any]) -> list[_Piece]:
    """The cells of one extracted line, cut at character-wide gaps."""
    chars = sorted(
        (c for c in line.get("chars") or () if str(c.get("text", "")).strip()), key=lambda c: c["x0"]
    )
    out: list[_Piece] = []
    for ch in chars:
        size = float(ch.get("size") or (ch["bottom"] - ch["top"]) or 1.0)
        x0, x1, text = float(ch["x0"]), float(ch["x1"]), str(ch["text"])
        if out:
            last = out[-1]
            gap = x0 - last.x1
            if gap < CELL_GAP * max(size, last.size):
                last.text += (" " if gap > 0.25 * size else "") + text
                last.x1 = max(last.x1, x1)
                continue
        out.append(_Piece(text=text, x0=x0, x1=x1, top=float(ch["top"]), size=size))
    return out


def _aligned(cell: _Cell, piece: _Piece) -> bool:
    return (
        abs(cell.x0 - piece.x0) <= ALIGN or abs((cell.x0 + cell.x1) / 2 - (piece.x0 + piece.x1) / 2) <= ALIGN
    )


def _is_value(text: str) -> bool:
    return parse_value(clean_text(text), signed=True) is not None


def positioned_lines(lines: Sequence[tuple[int, dict[str, Any]]]) -> list[tuple[int, float, str, str]]:
    """``(line number, top, text, raw)`` of a page's lines (``(number, pdfplumber text line)`` with chars).

    Cells are TAB-separated and wrapped cells joined (see the module docstring); a line whose
    pieces all went to the cells above is dropped.
    """
    out: list[_Line] = []
    open_cells: list[_Cell] = []
    for number, ln in sorted(lines, key=lambda x: float(x[1]["top"])):
        pieces = _pieces(ln)
        line = _Line(number=number, top=float(ln["top"]), raw=str(ln.get("text", "")))
        out.append(line)
        if len(pieces) <= 1:
            single = clean_text(line.raw)
            if pieces and _continue(open_cells, pieces[0]):
                continue
            if single:
                line.cells.append(_Cell([line.raw], 0.0, 0.0, line.top, 1.0, in_row=False, value=False))
            open_cells = [c for c in open_cells if not (pieces and _overlaps(c, pieces[0]))]
            continue
        with_values = any(_is_value(p.text) for p in pieces)
        for k, piece in enumerate(pieces):
            if not with_values and _continue(open_cells, piece):
                continue
            cell = _Cell(
                [piece.text],
                piece.x0,
                piece.x1,
                piece.top,
                piece.size,
                in_row=True,
                value=_is_value(piece.text),
            )
            cell.limit = pieces[k + 1].x0 if k + 1 < len(pieces) else cell.limit
            open_cells = [c for c in open_cells if not _overlaps(c, piece)]
            open_cells.append(cell)
            line.cells.append(cell)
    result: list[tuple[int, float, str, str]] = []
    for line in out:
        if not line.cells:
            continue
        if len(line.cells) == 1 and not line.cells[0].in_row:
            result.append((line.number, line.top, clean_text(line.raw), line.raw))
            continue
        texts = [clean_text("\n".join(c.parts)) for c in line.cells]
        raw = "\t".join(" ".join(c.parts) for c in line.cells)
        result.append((line.number, line.top, "\t".join(texts), raw))
    return result


def _overlaps(cell: _Cell, piece: _Piece) -> bool:
    return piece.x0 < cell.x1 and cell.x0 < piece.x1


def _continue(open_cells: list[_Cell], piece: _Piece) -> bool:
    """Append ``piece`` to the table cell it is the wrapped rest of, if any."""
    if _LABEL_START.match(piece.text) or _is_value(piece.text):
        return False
    for cell in open_cells:
        pitch = piece.top - cell.last_top
        if (
            cell.in_row
            and not cell.value
            and 0 < pitch <= WRAP_PITCH * max(cell.size, piece.size)
            and piece.x1 <= cell.limit + ALIGN
            and _aligned(cell, piece)
        ):
            cell.parts.append(piece.text)
            cell.last_top = piece.top
            cell.x1 = max(cell.x1, piece.x1)
            return True
    return False
