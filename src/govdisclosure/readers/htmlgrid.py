"""HTML → :class:`~govdisclosure.readers.base.Document`: decoding, text blocks and table grids.

A single streaming pass over the markup with a small regular-expression tokenizer (no tree, no
recursion, bounded look-ahead, so deeply nested, unclosed or hostile markup costs linear time;
the standard library's ``html.parser`` is several times slower and superlinear on some inputs):

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
import html
import re
from collections import Counter
from typing import Any

from attrs import define, field

from ..findings import Provenance
from .base import Document, GridCell, GridRow, TextLine
from .grids import SpanGrid, clean_text, is_report_grid

__all__ = ["decode_html", "html_document"]

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "blockquote",
        "pre",
        "center",
        "caption",
        "title",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "details",
        "summary",
    ]
)
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "aside",
        "select",
        "button",
        "svg",
        "iframe",
        "object",
        "textarea",
        "footer",
    ]
)
VOID_TAGS = frozenset(
    [
        "br",
        "img",
        "meta",
        "link",
        "input",
        "hr",
        "area",
        "base",
        "col",
        "embed",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
_SKIP_CLASS = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|copyright|share|sidebar)(?:$|[\s_\-])", re.I
)
MAX_TABLE_DEPTH = 32
_END_SCAN = 256

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


# -- parse state -------------------------------------------------------------------------------

_Item = tuple[Any, ...]
"""``("t", text, element, source line)``, ``("g", table index, grid)`` or ``("b",)`` (a break)."""
_BREAK: _Item = ("b",)


@define
class _Cell:
    tag: str
    element: str
    rowspan: int
    colspan: int
    depth: int
    line: int
    items: list[_Item] = field(factory=list)


@define
class _Row:
    cells: list[_Cell] = field(factory=list)
    depth: int | None = None


@define
class _Table:
    index: int
    depth: int
    rows: list[_Row] = field(factory=list)
    row: _Row | None = None
    cell: _Cell | None = None
    nested: bool = False
    pre: list[_Item] = field(factory=list)


@define
class _Entry:
    tag: str
    skip: bool
    block: str
    kind: str = ""


_SPAN_VALUE = re.compile(r"\s*(\d{1,6})")


def _span(value: str | None) -> int:
    if not value:
        return 1
    m = _SPAN_VALUE.match(value)
    return int(m.group(1)) if m else 1


_TOKEN = re.compile(
    r"<(?:(/?)([A-Za-z][A-Za-z0-9:_.\-]{0,63})([^>]{0,2000}+)>"
    r"|!--.*?(?:-->|\Z)|![^>]{0,2000}+>|\?[^>]{0,2000}+>)",
    re.S,
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noembed", "noframes"})
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in _RAW_TEXT}


_CLASS_ID = re.compile(r"(?i)(?:class|id)\s*=")


def _attrs(text: str) -> list[tuple[str, str | None]]:
    if not text or "=" not in text:
        return []
    out: list[tuple[str, str | None]] = []
    for m in _ATTR.finditer(text):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        out.append((m.group(1).lower(), html.unescape(value) if value else value))
    return out


class _Parser:
    def __init__(self, source: str, *, skip_by_class: bool = True) -> None:
        self.source = source
        self.skip_by_class = skip_by_class
        self.lineno = 1
        self.stack: list[_Entry] = []
        self.counts: Counter[str] = Counter()
        self.block_counts: Counter[str] = Counter()
        self.skip_depth = 0
        self.tables: list[_Table] = []
        self.table_count = 0
        self.items: list[_Item] = []

    # -- where text goes ----------------------------------------------------------------------
    def _sink(self) -> list[_Item]:
        if self.tables:
            t = self.tables[-1]
            return t.cell.items if t.cell is not None else t.pre
        return self.items

    def _block(self) -> str:
        return self.stack[-1].block if self.stack else "body"

    # -- stack --------------------------------------------------------------------------------
    def _push(self, entry: _Entry) -> None:
        self.stack.append(entry)
        self.counts[entry.tag] += 1
        if entry.skip:
            self.skip_depth += 1

    def _pop_to(self, depth: int) -> None:
        """Close every open element at stack position ``depth`` and above."""
        while len(self.stack) > depth:
            entry = self.stack.pop()
            self.counts[entry.tag] -= 1
            if entry.skip:
                self.skip_depth -= 1
            if entry.kind == "td":
                self._close_cell()
            elif entry.kind == "tr":
                self._close_row()
            elif entry.kind == "table":
                self._close_table()
            elif entry.tag in BLOCK_TAGS and not self.skip_depth:
                self._sink().append(_BREAK)

    # -- tables -------------------------------------------------------------------------------
    def _close_cell(self) -> None:
        t = self.tables[-1]
        if t.cell is not None:
            if t.row is None:
                t.row = _Row()
                t.rows.append(t.row)
            t.row.cells.append(t.cell)
            t.cell = None

    def _close_row(self) -> None:
        t = self.tables[-1]
        self._close_cell()
        t.row = None

    def _close_table(self) -> None:
        t = self.tables.pop()
        if t.cell is not None:
            self.tables.append(t)
            self._close_cell()
            self.tables.pop()
        out = self._sink()
        out.append(_BREAK)
        out.extend(t.pre)
        out.append(_BREAK)
        if t.nested:  # a layout table: its cells are blocks of text
            for row in t.rows:
                for cell in row.cells:
                    out.extend(cell.items)
                    out.append(_BREAK)
        elif t.rows:
            out.append(("g", t.index, self._grid(t)))
            out.append(_BREAK)
        if self.tables:
            self.tables[-1].nested = True

    def _grid(self, t: _Table) -> tuple[GridRow, ...]:
        grid = SpanGrid()
        for row in t.rows:
            cells = []
            for c in row.cells:
                items = c.items
                if len(items) == 1 and items[0][0] == "t":
                    raw = items[0][1]  # the common case: one run of text
                else:
                    raw = "".join(i[1] if i[0] == "t" else "\n" for i in items if i[0] in "tb")
                prov = Provenance(source=self.source, line=c.line, element=c.element, raw=raw.strip())
                cells.append((GridCell(text=clean_text(raw), provenance=prov), c.rowspan, c.colspan))
            grid.add_row(cells)
        return grid.grid(Provenance(source=self.source, element=f"table[{t.index}]"))

    # -- tokenizer ----------------------------------------------------------------------------
    def feed(self, text: str) -> None:
        """Tokenize the whole page and dispatch start tags, end tags and text."""
        pos = 0
        n = len(text)
        while pos < n:
            m = _TOKEN.search(text, pos)
            end = m.start() if m else n
            if end > pos:
                self._text(text, pos, end)
            if m is None:
                break
            self.lineno += text.count("\n", end, m.end())
            pos = m.end()
            name = m.group(2)
            if name is None:
                continue  # comment, declaration, processing instruction
            tag = name.lower()
            if m.group(1):
                self.handle_endtag(tag)
                continue
            self.handle_starttag(tag, m.group(3))
            if tag in _RAW_TEXT:
                close = _RAW_END[tag].search(text, pos)
                stop = close.start() if close else n
                if tag in ("title", "textarea"):
                    self._text(text, pos, stop)
                else:
                    self.lineno += text.count("\n", pos, stop)
                pos = stop
                if close is not None:
                    self.lineno += text.count("\n", stop, close.end())
                    pos = close.end()
                    self.handle_endtag(tag)

    def _text(self, text: str, start: int, end: int) -> None:
        chunk = text[start:end]
        if not self.skip_depth:
            data = html.unescape(chunk) if "&" in chunk else chunk
            if data:
                self._sink().append(("t", data, self.stack[-1].block if self.stack else "body", self.lineno))
        self.lineno += chunk.count("\n")

    def getpos(self) -> tuple[int, int]:
        return self.lineno, 0

    # -- callbacks ----------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: str) -> None:
        if tag in VOID_TAGS:
            if tag in ("br", "hr") and not self.skip_depth:
                self._sink().append(_BREAK)
            return
        block = self._block()
        if not self.skip_depth and len(self.tables) < MAX_TABLE_DEPTH:
            if tag == "table":
                self.table_count += 1
                if self.tables and self.tables[-1].cell is None:
                    self.tables[-1].nested = True
                self._push(_Entry(tag, False, block, "table"))
                self.tables.append(_Table(index=self.table_count, depth=len(self.stack) - 1))
                return
            if self.tables and tag in ("tr", "td", "th"):
                self._table_tag(tag, attrs, block)
                return
        elif not self.skip_depth and self.tables and tag in ("tr", "td", "th"):
            self._table_tag(tag, attrs, block)
            return
        skip = tag in SKIP_TAGS
        if not skip and self.skip_by_class and _CLASS_ID.search(attrs):
            for name, value in _attrs(attrs):
                if name in ("class", "id") and value and _SKIP_CLASS.search(value):
                    skip = True
                    break
        if tag in BLOCK_TAGS:
            self.block_counts[tag] += 1
            block = f"{tag}[{self.block_counts[tag]}]"
            if not self.skip_depth:
                self._sink().append(_BREAK)
        self._push(_Entry(tag, skip, block))

    def _table_tag(self, tag: str, attrs: str, block: str) -> None:
        t = self.tables[-1]
        if tag == "tr":
            if t.row is not None and t.row.depth is not None:
                self._pop_to(t.row.depth)
            elif t.cell is not None:
                self._pop_to(t.cell.depth)
            self._close_row()
            t.row = _Row(depth=len(self.stack))
            t.rows.append(t.row)
            self._push(_Entry(tag, False, block, "tr"))
            return
        if t.cell is not None:
            self._pop_to(t.cell.depth)
        row = t.row
        if row is None:
            row = t.row = _Row()
            t.rows.append(row)
        rowspan = colspan = 1
        if "span" in attrs.lower():
            a = dict(_attrs(attrs))
            rowspan, colspan = _span(a.get("rowspan")), _span(a.get("colspan"))
        element = f"table[{t.index}]/tr[{len(t.rows)}]/{tag}[{len(row.cells) + 1}]"
        t.cell = _Cell(tag, element, rowspan, colspan, len(self.stack), self.lineno)
        self._push(_Entry(tag, False, element, "td"))

    def handle_endtag(self, tag: str) -> None:
        if not self.counts[tag]:
            return
        if self.tables and not self.skip_depth:
            t = self.tables[-1]
            if tag == "table":
                self._pop_to(t.depth)
                return
            if tag in ("td", "th") and t.cell is not None:
                self._pop_to(t.cell.depth)
                return
            if tag == "tr" and t.row is not None and t.row.depth is not None:
                self._pop_to(t.row.depth)
                return
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _END_SCAN), -1):
            entry = self.stack[i]
            if entry.tag == tag:
                self._pop_to(i)
                return
            if entry.kind and not self.skip_depth:
                return  # never close a table structure with a stray end tag

    def finish(self) -> list[_Item]:
        self._pop_to(0)
        while self.tables:  # tables opened while their parent was skipped, never closed
            self._close_table()
        return self.items


def _lines(items: list[_Item], source: str) -> list[TextLine]:
    lines: list[TextLine] = []
    buf: list[str] = []
    first: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal first
        if buf:
            raw = "".join(buf)
            text = clean_text(raw)
            if text and first is not None:
                lines.append(
                    TextLine(
                        text=text,
                        provenance=Provenance(
                            source=source, line=first[1], element=first[0], raw=raw.strip()
                        ),
                    )
                )
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
    if not document.grids and _CLASS_ID.search(text):
        retry = _document(text, source, labels, skip_by_class=False)
        if retry.grids:
            return retry
    return document


def _document(text: str, source: str, labels: frozenset[str], *, skip_by_class: bool) -> Document:
    parser = _Parser(source, skip_by_class=skip_by_class)
    parser.feed(text)
    items = parser.finish()
    lines: list[TextLine] = []
    grids: list[tuple[GridRow, ...]] = []
    run: list[_Item] = []
    for item in items:
        if item[0] != "g":
            run.append(item)
            continue
        lines.extend(_lines(run, source))
        run = []
        index, grid = item[1], item[2]
        if not is_report_grid(grid, labels):
            continue
        grids.append(grid)
        for r, row in enumerate(grid, start=1):
            texts = [c.text for c in row.cells if not c.spanned]
            if any(texts):
                lines.append(
                    TextLine(
                        text="\t".join(texts),
                        provenance=Provenance(
                            source=source, element=f"table[{index}]/tr[{r}]", raw="\t".join(texts)
                        ),
                    )
                )
    lines.extend(_lines(run, source))
    return Document(source=source, lines=tuple(_drop_repeated_title(lines)), grids=tuple(grids))


def _drop_repeated_title(lines: list[TextLine]) -> list[TextLine]:
    """Drop the ``<title>`` line when the page body prints the same title, so it is not read twice."""
    titles = [ln for ln in lines if (ln.provenance.element or "").startswith("title[")]
    body = [ln.text for ln in lines if not (ln.provenance.element or "").startswith("title[")]
    drop = {id(t) for t in titles if t.text in body}
    return [ln for ln in lines if id(ln) not in drop]
