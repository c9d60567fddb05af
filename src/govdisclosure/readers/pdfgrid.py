"""PDF → :class:`~govdisclosure.readers.base.Document` with pdfplumber (the ``[pdf]`` extra).

* Ruled tables are found with ``Page.find_tables`` (the lines strategy: published reports draw
  every cell border), background rectangles left out (a web page printed to PDF fills the page
  white: its edges would frame the whole page as one table).  A position pdfplumber leaves empty
  (``None``) is covered by a merged cell; it becomes a ``spanned`` copy of the cell whose box
  covers it, so the vertical ``三、本年度办理结果`` label and the group labels repeat on every row
  they span.
* A table that continues on the next page (the last table of a page and the first of the next
  with the same number of columns) is joined: the continued label cells (blank, or the rest of a
  label cut by the page break such as ``（四）无`` + ``法提供``) extend the cell above.
* Text lines (prose, headings) come from ``extract_text_lines`` with page and line numbers; the
  lines inside a report table are replaced by one tab-separated line per table row; lone page
  numbers (``- 3 -``, ``第3页``) at the top or bottom of a page are dropped.
* The cell texts are those of pdfplumber's ``Table.extract`` (a character belongs to the cell its
  centre lies in), found through the page's characters sorted by height instead of a scan of the
  whole page per table row.
* Work is bounded before pdfminer interprets a page (:mod:`.pdflimits`: page count, decompressed
  content, form XObjects, reference cycles); any pdfminer/pdfplumber failure becomes a
  :class:`~govdisclosure.errors.ReadError` naming the file.
* A page without ruled tables simply contributes its text lines (the assembly then reads the
  tables from the lines, as from extracted text); :mod:`.pdftext` keeps the cells of a
  borderless table apart (TAB-separated, by the characters' positions) and joins labels
  wrapped inside their cells.
"""

from __future__ import annotations

import io
import logging
import re
from bisect import bisect_left
from typing import Any

from attrs import define, field

from ..errors import ReadError
from ..findings import Provenance
from .base import Document, GridCell, GridRow, TextLine
from .grids import clean_text, is_report_grid
from .pdflimits import MAX_PAGES, ContentBudget, guard_reference_cycles
from .pdftext import positioned_lines

__all__ = ["MAX_PAGES", "pdf_document"]

PDF_EXTRA_HINT = "需要安装 PDF 支持 PDF support is not installed: pip install 'govdisclosure[pdf]'"

_WRAPPED_NUMBER = re.compile(r"\s*\d{1,6}(?:\s*\n\s*\d{1,6})+\s*")
"""A ruled cell holding digit runs on several lines: one number a narrow column wrapped (``975`` / ``46``)."""
_WRAPPED_NUMBER_BREAK = re.compile(r"\s+")

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?[0-9]{1,4}\s*页?)?[\s\-—–－·•]*$"
)
_LABEL_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第)"
)
_NUMBER = re.compile(r"^[\s\d.,，．\-—/／－]*$")

Key = tuple[int, int, float, float]
"""A merged cell: (page, table on page, x0, top)."""


@define
class _Table:
    page: int
    index: int
    bbox: tuple[float, float, float, float]
    keys: list[list[Key]]
    texts: dict[Key, str]
    raws: dict[Key, str]
    where: dict[Key, tuple[int, int]]
    """Row and column of each merged cell in its page table (for provenance)."""
    row_tops: list[float] = field(factory=list)
    row_refs: list[tuple[int, int, int]] = field(factory=list)
    """(page, table on page, row in that table) of every row."""
    last_on_page: bool = False
    first_on_page: bool = False
    alias: dict[Key, Key] = field(factory=dict)
    boxes: list[tuple[int, tuple[float, float, float, float]]] = field(factory=list)
    """The page regions of the table (several when it continues over a page break)."""


def _load_pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise ReadError(PDF_EXTRA_HINT) from None
    guard_reference_cycles()
    quiet = logging.getLogger("pdfminer")
    if not any(isinstance(h, logging.NullHandler) for h in quiet.handlers):
        # pdfminer warns about every damaged object; without a handler configured by the
        # application, Python would print those warnings to stderr (records still propagate)
        quiet.addHandler(logging.NullHandler())
    return pdfplumber


class _PageChars:
    """A page's characters by vertical centre, for finding the characters of a table cell quickly.

    Same rule as pdfplumber's ``Table.extract`` (a character belongs to a cell when its centre lies
    in the cell's box, right and bottom edges excluded) without scanning every character of the page
    for every row.
    """

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        keyed = sorted(
            ((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, i, c) for i, c in enumerate(chars)
        )
        self.v_mids = [k[0] for k in keyed]
        self.keyed = keyed

    def in_box(self, bbox: tuple[float, float, float, float]) -> list[dict[str, Any]]:
        """The characters whose centre lies in ``bbox``, in page order."""
        x0, top, x1, bottom = bbox
        lo, hi = bisect_left(self.v_mids, top), bisect_left(self.v_mids, bottom)
        found = sorted((i, c) for _, h, i, c in self.keyed[lo:hi] if x0 <= h < x1)
        return [c for _, c in found]


def _extract(rows: list[Any], chars: _PageChars, extract_text: Any) -> list[list[str | None]]:
    """The text of every cell of a pdfplumber table (as ``Table.extract()`` gives it)."""
    out: list[list[str | None]] = []
    for row in rows:
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            found = chars.in_box(cell)
            texts.append(extract_text(found) if found else "")
        out.append(texts)
    return out


def _table(tbl: Any, page_no: int, index: int, chars: _PageChars, extract_text: Any) -> _Table | None:
    cells: list[tuple[float, float, float, float]] = list(tbl.cells)
    if not cells:
        return None
    rows = tbl.rows
    texts_rows = _extract(rows, chars, extract_text)
    xs = sorted({c[0] for c in cells})
    ys = sorted({c[1] for c in cells})
    x_end, y_end = tbl.bbox[2], tbl.bbox[3]
    texts: dict[Key, str] = {}
    raws: dict[Key, str] = {}
    where: dict[Key, tuple[int, int]] = {}
    bbox_text: dict[tuple[float, float, float, float], str] = {}
    for row, row_texts in zip(rows, texts_rows, strict=False):
        for bbox, text in zip(row.cells, row_texts, strict=False):
            if bbox is not None:
                bbox_text[tuple(bbox)] = text or ""
    keys: list[list[Key]] = []
    for r, row in enumerate(rows):
        out: list[Key] = []
        for c, found in enumerate(row.cells):
            bbox = found
            if bbox is None:
                if c >= len(xs) or r >= len(ys):
                    continue
                cx = (xs[c] + (xs[c + 1] if c + 1 < len(xs) else x_end)) / 2
                cy = (ys[r] + (ys[r + 1] if r + 1 < len(ys) else y_end)) / 2
                bbox = next((b for b in cells if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
                if bbox is None:
                    key: Key = (page_no, index, round(cx, 2), round(cy, 2))
                    texts.setdefault(key, "")
                    raws.setdefault(key, "")
                    where.setdefault(key, (r, c))
                    out.append(key)
                    continue
            b = tuple(bbox)
            key = (page_no, index, round(b[0], 2), round(b[1], 2))
            if key not in texts:
                raw = bbox_text.get(b, "")
                texts[key] = (
                    _WRAPPED_NUMBER_BREAK.sub("", raw) if _WRAPPED_NUMBER.fullmatch(raw) else clean_text(raw)
                )
                raws[key] = raw
                where[key] = (r, c)
            out.append(key)
        keys.append(out)
    tops = [float(row.bbox[1]) if row.bbox else 0.0 for row in rows]
    bbox = tuple(tbl.bbox)
    return _Table(
        page=page_no,
        index=index,
        bbox=bbox,
        keys=keys,
        texts=texts,
        raws=raws,
        where=where,
        row_tops=tops,
        boxes=[(page_no, bbox)],
        row_refs=[(page_no, index, r) for r in range(len(keys))],
    )


def _resolve(t: _Table, key: Key) -> Key:
    seen = 0
    while key in t.alias and seen < 64:
        key = t.alias[key]
        seen += 1
    return key


def _join(prev: _Table, nxt: _Table) -> None:
    """Append ``nxt`` (the continuation of ``prev`` on the next page) to ``prev``."""
    last, first = prev.keys[-1], nxt.keys[0]
    for c, key in enumerate(first):
        text = nxt.texts[key]
        if text and _NUMBER.match(text):
            break  # the label columns end where the numbers start
        if c >= len(last):
            break
        above = _resolve(prev, last[c])
        if not text:
            prev.alias[key] = above
        elif not _LABEL_START.match(text) and _LABEL_START.match(prev.texts[above]):
            prev.texts[above] = prev.texts[above] + text
            prev.raws[above] = prev.raws[above] + "\n" + nxt.raws[key]
            prev.alias[key] = above
    prev.keys.extend(nxt.keys)
    prev.texts.update({k: v for k, v in nxt.texts.items() if k not in prev.texts})
    prev.raws.update({k: v for k, v in nxt.raws.items() if k not in prev.raws})
    prev.where.update(nxt.where)
    prev.row_tops.extend(nxt.row_tops)
    prev.row_refs.extend(nxt.row_refs)
    prev.last_on_page = nxt.last_on_page
    prev.boxes.extend(nxt.boxes)


def _grid(t: _Table, source: str, line_of: dict[int, list[float]]) -> tuple[GridRow, ...]:
    width = max((len(r) for r in t.keys), default=0)
    seen: set[Key] = set()
    rows: list[GridRow] = []
    for keys in t.keys:
        cells: list[GridCell] = []
        for key in keys:
            origin = _resolve(t, key)
            page, index = origin[0], origin[1]
            r, c = t.where.get(origin, (0, 0))
            tops = line_of.get(page, [])
            prov = Provenance(
                source=source,
                page=page,
                line=_line_at(tops, origin[3]),
                element=f"table[{index}]/tr[{r + 1}]/td[{c + 1}]",
                raw=t.raws.get(origin, "").strip(),
            )
            cells.append(GridCell(text=t.texts.get(origin, ""), provenance=prov, spanned=origin in seen))
            seen.add(origin)
        if len(cells) < width:
            blank = GridCell(text="", provenance=Provenance(source=source, page=t.page))
            cells.extend([blank] * (width - len(cells)))
        rows.append(GridRow(cells=tuple(cells)))
    return tuple(rows)


BACKGROUND_WIDTH = 0.4
BACKGROUND_HEIGHT = 0.15
"""A filled, unstroked rectangle at least this share of the page wide and high is a background."""


def _without_backgrounds(page: Any) -> Any:
    """The page without background rectangles (a web page's ``background: #fff`` printed to PDF, a
    coloured panel): their edges would make the whole page one table around the report's tables."""
    width, height = float(page.width or 0), float(page.height or 0)

    def background(obj: dict[str, Any]) -> bool:
        return (
            obj.get("object_type") == "rect"
            and bool(obj.get("fill"))
            and not obj.get("stroke")
            and float(obj.get("width", 0)) >= BACKGROUND_WIDTH * width
            and float(obj.get("height", 0)) >= BACKGROUND_HEIGHT * height
        )

    if not any(background(r) for r in page.rects):
        return page
    return page.filter(lambda obj: not background(obj))


def _line_at(tops: list[float], top: float) -> int | None:
    """The page line number (1-based) of the first text line below ``top`` (a cell's upper border)."""
    if not tops:
        return None
    return min(bisect_left(tops, top - 1.0) + 1, len(tops))


def _inside(line: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cy = (line["top"] + line["bottom"]) / 2
    return bool(bbox[1] <= cy <= bbox[3] and line["x1"] >= bbox[0] and line["x0"] <= bbox[2])


def pdf_document(data: bytes, *, source: str, labels: frozenset[str]) -> Document:
    """Read the text lines and ruled report tables of a PDF (see the module docstring)."""
    pdfplumber = _load_pdfplumber()
    try:
        return _read(pdfplumber, data, source, labels)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise ReadError(
            f"无法解析PDF文件 cannot parse the PDF: {type(exc).__name__}: {exc}"[:300], source=source
        ) from exc


def _read(pdfplumber: Any, data: bytes, source: str, labels: frozenset[str]) -> Document:
    tables: list[_Table] = []
    page_lines: dict[int, list[dict[str, Any]]] = {}
    chars = 0
    extract_text = pdfplumber.utils.extract_text
    budget = ContentBudget(source)
    # pages past the limit are never built: the page tree is walked, the pages are not
    with pdfplumber.open(io.BytesIO(data), pages=range(1, MAX_PAGES + 2)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ReadError(f"PDF页数过多 too many pages (more than {MAX_PAGES})", source=source)
        for page_no, page in enumerate(pdf.pages, start=1):
            budget.charge_page(page.page_obj)
            chars += len(page.chars)
            page_tables = _without_backgrounds(page).find_tables()
            by_centre = _PageChars(page.chars) if page_tables else _PageChars([])
            found = [
                t
                for t in (
                    _table(tbl, page_no, i, by_centre, extract_text)
                    for i, tbl in enumerate(page_tables, start=1)
                )
                if t
            ]
            found = [t for t in found if max((len(r) for r in t.keys), default=0) >= 2]
            if found:
                found[0].first_on_page = True
                found[-1].last_on_page = True
            tables.extend(found)
            lines = page.extract_text_lines(return_chars=True)
            height = float(page.height or 0)
            keep = []
            for i, ln in enumerate(lines):
                edge = i in (0, len(lines) - 1) and (
                    ln["top"] < height * 0.12 or ln["bottom"] > height * 0.85
                )
                if edge and _PAGE_NUMBER.match(ln["text"]):
                    continue
                keep.append(ln)
            page_lines[page_no] = keep
    if chars == 0:
        raise ReadError(
            "PDF中没有文字（可能是扫描件，需先做文字识别）the PDF has no text layer (scanned? OCR it first)",
            source=source,
        )
    merged: list[_Table] = []
    for t in tables:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.last_on_page
            and t.first_on_page
            and t.page == prev.boxes[-1][0] + 1
            and prev.keys
            and t.keys
            and len(prev.keys[-1]) == len(t.keys[0])
        ):
            _join(prev, t)
        else:
            merged.append(t)
    line_of = {p: sorted(ln["top"] for ln in lns) for p, lns in page_lines.items()}
    grids: list[tuple[tuple[GridRow, ...], _Table]] = []
    for t in merged:
        grid = _grid(t, source, line_of)
        if is_report_grid(grid, labels):
            grids.append((grid, t))
    return Document(
        source=source,
        lines=tuple(_text_lines(page_lines, grids, source, line_of)),
        grids=tuple(g for g, _ in grids),
    )


def _text_lines(
    page_lines: dict[int, list[dict[str, Any]]],
    grids: list[tuple[tuple[GridRow, ...], _Table]],
    source: str,
    line_of: dict[int, list[float]],
) -> list[TextLine]:
    # the page regions of each kept table: (page, bbox) of every page table merged into it
    regions: dict[int, list[tuple[float, float, float, float]]] = {}
    row_lines: dict[int, list[tuple[float, TextLine]]] = {}
    for grid, t in grids:
        for page, box in t.boxes:
            regions.setdefault(page, []).append(box)
        for row, ref, top in zip(grid, t.row_refs, t.row_tops, strict=False):
            texts = [c.text for c in row.cells if not c.spanned]
            if not any(texts):
                continue
            page, index, r = ref
            prov = Provenance(
                source=source,
                page=page,
                line=_line_at(line_of.get(page, []), top),
                element=f"table[{index}]/tr[{r + 1}]",
                raw="\t".join(texts),
            )
            row_lines.setdefault(page, []).append((top, TextLine(text="\t".join(texts), provenance=prov)))
    out: list[TextLine] = []
    for page in sorted(page_lines):
        boxes = regions.get(page, [])
        entries: list[tuple[float, TextLine]] = list(row_lines.get(page, []))
        outside = [
            (n, ln)
            for n, ln in enumerate(page_lines[page], start=1)
            if not any(_inside(ln, b) for b in boxes)
        ]
        for n, top, text, raw in positioned_lines(outside):
            if text:
                out_prov = Provenance(source=source, page=page, line=n, raw=raw)
                entries.append((top, TextLine(text=text, provenance=out_prov)))
        entries.sort(key=lambda e: e[0])
        out.extend(tl for _, tl in entries)
    return out
