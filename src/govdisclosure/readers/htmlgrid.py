"""HTML → :class:`~govdisclosure.readers.base.Document`: decoding, text blocks and table grids.

The markup is read in one streaming pass (:mod:`~govdisclosure.readers.htmlstream`: no tree, no
recursion, bounded look-ahead, so deeply nested, unclosed or hostile markup costs linear time; the
standard library's ``html.parser`` is several times slower and superlinear on some inputs):

* block-level elements (``p``, ``div``, ``h1``…, ``li``, ``br``…) end a text line; inline markup
  (``span``, ``font``, Word's ``o:p``) does not, so ``<span>1</span><span>2</span>`` reads ``12``;
* ``script``/``style``/navigation/footer regions are skipped;
* a ``table`` holding another table is page layout: its cells are read as text blocks; a table
  without nested tables is a grid, its rowspan/colspan expanded (:class:`~.grids.SpanGrid`);
* grids that print no official labels (a page-metadata table) are dropped, with their text.

Element paths in provenance count from 1 in document order: ``table[2]/tr[5]/td[3]``, ``p[12]``.
"""

from __future__ import annotations

import codecs
import re

from .base import Document, GridRow, TextLine
from .grids import SpanGrid, clean_text, is_report_grid, make_line, make_provenance
from .htmlstream import CLASS_ID, Item, SpanCell, parse_items

__all__ = ["decode_html", "html_document"]

_GB_ALIASES = {
    "gb2312",
    "gbk",
    "x-gbk",
    "gb_2312-80",
    "cp936",
    "ms936",
    "gb18030",
    "euc-cn",
    "csgb2312",
    "chinese",
}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""", re.I)


def _codec(name: str) -> str | None:
    low = name.strip().lower()
    if low in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(low).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str]:
    """The text of an HTML page and the encoding used.

    Order: a byte-order mark; the declared ``<meta charset>`` / XML encoding (GB2312/GBK read as
    GB18030, their superset); UTF-8; GB18030; finally UTF-8 with replacement characters.
    """
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc
    head = data[:4096]
    declared: str | None = None
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        declared = _codec(m.group(1).decode("ascii", "replace"))
    candidates = [c for c in (declared, "utf-8", "gb18030") if c]
    for enc in dict.fromkeys(candidates):
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    enc = declared or "utf-8"
    try:
        return data.decode(enc, errors="replace"), enc
    except LookupError:
        return data.decode("utf-8", errors="replace"), "utf-8"


def _lines(items: list[Item], source: str, cleaned: dict[str, str]) -> list[TextLine]:
    """The text lines of a run of items (``cleaned``: the page's :func:`~.grids.clean_text` memo)."""
    lines: list[TextLine] = []
    buf: list[str] = []
    first: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal first
        if buf:
            raw = "".join(buf)
            text = cleaned.get(raw)
            if text is None:
                text = cleaned[raw] = clean_text(raw)
            if text and first is not None:
                lines.append(make_line(text, make_provenance(source, first[1], first[0], raw.strip())))
        buf.clear()
        first = None

    for item in items:
        if item[0] == "t":
            if first is None and item[1].strip():
                first = (item[2], item[3])
            buf.append(item[1])
        else:
            flush()
    flush()
    return lines


def html_document(data: bytes, *, source: str, labels: frozenset[str]) -> Document:
    """Parse an HTML page into text lines and the report's grids (see the module docstring).

    Navigation-like regions are recognised by their tag and by class/id names (``nav``, ``menu``,
    ``footer`` …); when that leaves no report table, the page is read again skipping only by tag
    (a site may well put its report in ``<div class="share-content">``).
    """
    text, _encoding = decode_html(data)
    document = _document(text, source, labels, skip_by_class=True)
    if not document.grids and CLASS_ID.search(text):
        retry = _document(text, source, labels, skip_by_class=False)
        if retry.grids:
            return retry
    return document


def _document(text: str, source: str, labels: frozenset[str], *, skip_by_class: bool) -> Document:
    cleaned: dict[str, str] = {}  # the page repeats texts: labels, numbers, blank runs between tags
    items = parse_items(text, source=source, skip_by_class=skip_by_class, cleaned=cleaned)
    lines: list[TextLine] = []
    grids: list[tuple[GridRow, ...]] = []
    run: list[Item] = []
    for item in items:
        if item[0] != "g":
            run.append(item)
            continue
        lines.extend(_lines(run, source, cleaned))
        run = []
        index = item[1]
        grid = _grid(index, item[2], source)
        if not is_report_grid(grid, labels):
            continue
        grids.append(grid)
        for r, row in enumerate(grid, start=1):
            texts = [c.text for c in row.cells if not c.spanned]
            if any(texts):
                joined = "\t".join(texts)
                lines.append(
                    make_line(joined, make_provenance(source, None, f"table[{index}]/tr[{r}]", joined))
                )
    lines.extend(_lines(run, source, cleaned))
    return Document(source=source, lines=tuple(_drop_repeated_title(lines)), grids=tuple(grids))


def _grid(index: int, rows: list[list[SpanCell]], source: str) -> tuple[GridRow, ...]:
    """The rectangular grid of a table's rows, spans expanded."""
    grid = SpanGrid()
    for row in rows:
        grid.add_row(row)
    return grid.grid(make_provenance(source, None, f"table[{index}]"))


def _drop_repeated_title(lines: list[TextLine]) -> list[TextLine]:
    """Drop the ``<title>`` line when the page body prints the same title, so it is not read twice."""
    titles = [ln for ln in lines if (ln.provenance.element or "").startswith("title[")]
    body = [ln.text for ln in lines if not (ln.provenance.element or "").startswith("title[")]
    drop = {id(t) for t in titles if t.text in body}
    return [ln for ln in lines if id(ln) not in drop]
