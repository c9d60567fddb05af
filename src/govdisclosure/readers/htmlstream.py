"""The streaming HTML pass behind :mod:`~govdisclosure.readers.htmlgrid`: markup → a flat list of items.

One regular expression finds the tags; text between them is taken as it is.  There is no tree and no
recursion, and every look-ahead is bounded, so deeply nested, unclosed or hostile markup costs
linear time.  The items are:

* ``("t", text, element, line)`` — a run of text, with the element path of its block (``p[12]``,
  ``table[2]/tr[5]/td[3]``) and its source line;
* ``("b",)`` — a break: a block element (``p``, ``div``, ``br``…) began or ended;
* ``("g", table index, rows)`` — a table without nested tables: its rows of
  ``(GridCell, rowspan, colspan)`` in document order, spans not yet expanded.

A table holding another table is page layout: its cells flow out as text and breaks.  Script, style,
navigation and footer regions (by tag, and optionally by class/id names) are skipped.

Speed: the most common shapes of a report page are each one match of the tokenizer and handled in one
step: a whole row of cells without inner markup (``<tr><td>1</td><td>2</td></tr>``), a single such
cell, and a run of balanced inline markup with its text (``<span><font>1</font></span>``, as Word
writes it).  Everything else goes element by element through the stack.  Both ways read the same
(``tests/test_read_html_tokenizer.py`` checks it by forcing the element path with empty comments).
A cell read whole keeps only its text (its text item is built only if its table turns out to be page
layout), and a page's cleaned texts and declared spans are remembered for the page
(``tests/test_read_html_speed_paths.py``).
"""

from __future__ import annotations

import html
import re
from typing import Any

from .base import GridCell
from .grids import cell_maker, clean_text

__all__ = ["BLOCK_TAGS", "SKIP_TAGS", "VOID_TAGS", "Item", "SpanCell", "parse_items"]

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
"""Elements that end a text line where they begin and end."""
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
"""Elements whose content is never read."""
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
"""Elements without content or end tag."""
_SKIP_CLASS = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|copyright|share|sidebar)(?:$|[\s_\-])", re.I
)
MAX_TABLE_DEPTH = 32
"""Tables nested deeper are read as plain elements."""
_END_SCAN = 256
"""An end tag closes a matching element at most this far down the element stack."""

Item = tuple[Any, ...]
"""``("t", text, element, line)``, ``("b",)`` or ``("g", table index, rows of SpanCell)``."""
SpanCell = tuple[GridCell, int, int]
"""A table cell before span expansion: ``(cell, rowspan, colspan)``."""
_BREAK: Item = ("b",)

_NAME_END = r"(?![A-Za-z0-9:_.\-])"
_GAP = r"[ \t\r\n]*"
_CELL_PARTS = r"<(t[dh]){e}([^>]{{0,2000}}+)>([^<]*)</\{n}{e}([^>]{{0,2000}}+)>"
_ROW_CELL = re.compile(f"({_GAP})" + _CELL_PARTS.format(e=_NAME_END, n=2), re.I | re.A)
"""A cell without inner markup and the blank text before it: (gap, tag, attrs, text, end tag rest)."""
_INLINE = (
    "span|font|o:p|b|strong|i|em|u|a|sup|sub|small|big|s|strike|ins|del|label|abbr|cite|code|kbd|var|q|tt"
)
"""Inline elements a run of markup may consist of (none of them starts a line, a table or a skip)."""
_TAG_REST = r"[^>]{0,2000}+>"


def _inline_element(outer: int, inner: int) -> str:
    """An inline element holding text and inline elements of text, and the text after it (no ``<``)."""
    return (
        rf"({_INLINE}){_NAME_END}{_TAG_REST}(?:[^<]++|<({_INLINE}){_NAME_END}{_TAG_REST}[^<]*+"
        rf"</\{inner}{_NAME_END}{_TAG_REST})*+</\{outer}{_NAME_END}{_TAG_REST}[^<]*+"
    )


_TOKEN = re.compile(
    # 1-5: a run of balanced inline elements (at most two deep) and text: <span><font>x</font></span>y
    rf"<(?:({_inline_element(2, 3)}(?:<{_inline_element(4, 5)})*+)"
    # 6-10: a whole row of cells without inner markup: <tr attrs> cells </tr> (body 7, end gap 9)
    rf"|tr{_NAME_END}([^>]{{0,2000}}+)>((?:{_GAP}<(t[dh]){_NAME_END}{_TAG_REST}[^<]*</\8{_NAME_END}"
    rf"{_TAG_REST})*+)({_GAP})</tr{_NAME_END}([^>]{{0,2000}}+)>"
    # 11-14: a whole cell without inner markup: <td attrs>text</td> (end tag checked by the caller)
    rf"|(t[dh]){_NAME_END}([^>]{{0,2000}}+)>([^<]*)</(t[dh]){_NAME_END}{_TAG_REST}"
    # 15-17: a start or end tag
    r"|(/?)([A-Za-z][A-Za-z0-9:_.\-]{0,63})([^>]{0,2000}+)>"
    # comments, declarations, processing instructions
    r"|!--.*?(?:-->|\Z)|![^>]{0,2000}+>|\?[^>]{0,2000}+>)",
    re.S | re.I | re.A,
)
_CELL_TAGS = {tag: tag.lower() for tag in ("td", "tD", "Td", "TD", "th", "tH", "Th", "TH")}
_RUN, _ROW, _CELL, _TAG = 1, 10, 14, 17
"""``lastindex`` of a token that is a run of inline markup, a whole row, a whole cell, a start or end tag."""
_PLAIN_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_.\-]{0,63})([^>]{0,2000}+)>", re.A)
"""A start or end tag (inside a run of inline markup)."""
_RUN_PARTS = re.compile(r"(<[^>]*>)")
"""Splits a run of inline markup into text, tag, text, … (its tags hold no ``>``, its text no ``<``)."""
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noembed", "noframes"})
_RAW_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in _RAW_TEXT}
CLASS_ID = re.compile(r"(?i)(?:class|id)\s*=")
"""Markup that may carry a class or id attribute."""
_SPAN_VALUE = re.compile(r"\s*(\d{1,6})")
_TABLE_TAGS = frozenset({"table", "tr", "td", "th"})
_SPECIAL_START = BLOCK_TAGS | SKIP_TAGS | VOID_TAGS | _RAW_TEXT | _TABLE_TAGS
"""Tag names that need more than a push on the element stack when they start."""

_Entry = tuple[str, bool, str, str]
"""An open element: ``(tag, skipped, block element path, kind)``; kind: ``table``/``tr``/``td`` or ``""``."""


def _attrs(text: str) -> list[tuple[str, str | None]]:
    if not text or "=" not in text:
        return []
    out: list[tuple[str, str | None]] = []
    for m in _ATTR.finditer(text):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        out.append((m.group(1).lower(), html.unescape(value) if value else value))
    return out


def _span(value: str | None) -> int:
    if not value:
        return 1
    m = _SPAN_VALUE.match(value)
    return int(m.group(1)) if m else 1


def _spans(attrs: str) -> tuple[int, int]:
    """``(rowspan, colspan)`` of a cell's attribute text (1 when absent or unreadable)."""
    if "span" not in attrs.lower():
        return 1, 1
    return _declared_spans(attrs)


def _declared_spans(attrs: str) -> tuple[int, int]:
    """:func:`_spans` of attributes that name a span."""
    a = dict(_attrs(attrs))
    return _span(a.get("rowspan")), _span(a.get("colspan"))


class _Cell:
    __slots__ = ("colspan", "depth", "element", "items", "line", "rowspan")

    def __init__(self, element: str, rowspan: int, colspan: int, depth: int, line: int) -> None:
        self.element = element
        self.rowspan = rowspan
        self.colspan = colspan
        self.depth = depth
        self.line = line
        self.items: list[Item] = []


class _Row:
    __slots__ = ("cells", "depth", "items")

    def __init__(self, depth: int | None = None) -> None:
        self.cells: list[SpanCell] = []
        self.items: list[list[Item] | str] = []
        """The items of each cell (read as text when the table turns out to be page layout); a cell read
        whole (no inner markup) keeps only its text: its item is built from the cell when needed."""
        self.depth = depth


class _Table:
    __slots__ = ("cell", "depth", "index", "nested", "pre", "row", "rows")

    def __init__(self, index: int, depth: int) -> None:
        self.index = index
        self.depth = depth
        self.rows: list[_Row] = []
        self.row: _Row | None = None
        self.cell: _Cell | None = None
        self.nested = False
        self.pre: list[Item] = []


def parse_items(
    text: str, *, source: str, skip_by_class: bool = True, cleaned: dict[str, str] | None = None
) -> list[Item]:
    """The items of a decoded page, in document order (see the module docstring).

    ``cleaned`` (raw text → :func:`~.grids.clean_text` of it) is filled with the cell texts read, for
    the caller to reuse on the page's text lines.
    """
    parser = _Parser(source, skip_by_class=skip_by_class, cleaned=cleaned)
    parser.feed(_QUOTED_GT.sub(_escape_gt, text))
    return parser.finish()


_QUOTED_GT = re.compile(r"""=[ \t\r\n]*+(?:"[^"<>]*+>[^"<]*+"|'[^'<>]*+>[^'<]*+')""")
"""An attribute value in quotes holding ``>`` (``ms-visible="list.length > 0"``), which would end
the tag early for the tokenizer's ``[^>]`` patterns.  A quoted value holding ``<`` is left alone
(and so is an unclosed quote): every scan stops at the next quote or ``<``, so this stays linear."""


def _escape_gt(m: re.Match[str]) -> str:
    # the value's ``>`` as a character reference: attribute values are unescaped when read, and text
    # (the pattern can match in text too) is unescaped the same way, so nothing else changes
    return m.group().replace(">", "&gt;")


class _Parser:
    def __init__(self, source: str, *, skip_by_class: bool, cleaned: dict[str, str] | None = None) -> None:
        self.source = source
        self.skip_by_class = skip_by_class
        self.cleaned: dict[str, str] = {} if cleaned is None else cleaned
        """Raw text → printed text (:func:`~.grids.clean_text` memo), shared with the caller."""
        self.spans: dict[str, tuple[int, int]] = {}
        """Attribute text naming a span → ``(rowspan, colspan)`` (a page repeats the same few)."""
        self.make_cell = cell_maker(source)
        self.lineno = 1
        self.stack: list[_Entry] = []
        self.counts: dict[str, int] = {}
        self.block_counts: dict[str, int] = {}
        self.skip_depth = 0
        self.tables: list[_Table] = []
        self.table_count = 0
        self.items: list[Item] = []
        self.sink: list[Item] = self.items
        """Where text goes: the open cell, else the open table (text outside cells), else the page."""

    def _resink(self) -> None:
        if self.tables:
            t = self.tables[-1]
            self.sink = t.cell.items if t.cell is not None else t.pre
        else:
            self.sink = self.items

    # -- stack --------------------------------------------------------------------------------
    def _push(self, entry: _Entry) -> None:
        self.stack.append(entry)
        tag = entry[0]
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if entry[1]:
            self.skip_depth += 1

    def _pop_to(self, depth: int) -> None:
        """Close every open element at stack position ``depth`` and above."""
        stack, counts = self.stack, self.counts
        while len(stack) > depth:
            tag, skip, _block, kind = stack.pop()
            counts[tag] -= 1
            if skip:
                self.skip_depth -= 1
            if kind == "td":
                self._close_cell()
            elif kind == "tr":
                self._close_cell()
                self.tables[-1].row = None
            elif kind == "table":
                self._close_table()
            elif tag in BLOCK_TAGS and not self.skip_depth:
                self.sink.append(_BREAK)

    # -- tables -------------------------------------------------------------------------------
    def _grid_cell(self, raw: str, line: int, element: str) -> GridCell:
        text = self.cleaned.get(raw)
        if text is None:
            text = self.cleaned[raw] = clean_text(raw)
        return self.make_cell(text, line, element, raw.strip())

    def _close_cell(self) -> None:
        t = self.tables[-1]
        c = t.cell
        if c is not None:
            if t.row is None:
                t.row = _Row()
                t.rows.append(t.row)
            items = c.items
            if len(items) == 1 and items[0][0] == "t":
                raw = items[0][1]  # the common case: one run of text
            else:
                raw = "".join([i[1] if i[0] == "t" else "\n" for i in items if i[0] in "tb"])
            t.row.cells.append((self._grid_cell(raw, c.line, c.element), c.rowspan, c.colspan))
            t.row.items.append(items)
            t.cell = None
            self.sink = t.pre

    def _close_table(self) -> None:
        t = self.tables[-1]
        self._close_cell()
        self.tables.pop()
        self._resink()
        out = self.sink
        out.append(_BREAK)
        out.extend(t.pre)
        out.append(_BREAK)
        if t.nested:  # a layout table: its cells are blocks of text
            for row in t.rows:
                for (cell, _rowspan, _colspan), items in zip(row.cells, row.items, strict=True):
                    if isinstance(items, str):  # a cell read whole: one run of text
                        if items:
                            at = cell.provenance
                            out.append(("t", items, at.element, at.line))
                    else:
                        out.extend(items)
                    out.append(_BREAK)
        elif t.rows:
            out.append(("g", t.index, [row.cells for row in t.rows]))
            out.append(_BREAK)
        if self.tables:
            self.tables[-1].nested = True

    # -- tokenizer ----------------------------------------------------------------------------
    def feed(self, text: str) -> None:
        """Tokenize the whole page and dispatch cells, start tags, end tags and text."""
        pos = 0
        n = len(text)
        search = _TOKEN.search
        count = text.count
        unescape = html.unescape
        special = _SPECIAL_START
        stack = self.stack
        while pos < n:
            m = search(text, pos)
            if m is None:
                self._text(text, pos, n)
                break
            start = m.start()
            if start > pos:  # text (inlined _text)
                chunk = text[pos:start]
                if not self.skip_depth:
                    data = unescape(chunk) if "&" in chunk else chunk
                    if data:
                        self.sink.append(("t", data, stack[-1][2] if stack else "body", self.lineno))
                if "\n" in chunk:
                    self.lineno += chunk.count("\n")
            pos = m.end()
            kind = m.lastindex
            if kind == _RUN:
                self._run(m, text)
                continue
            if kind == _ROW:
                if self.tables and not self.skip_depth:
                    self._row(m, text)
                    continue
                pos = m.start(7)  # not in a read table: the start tag alone, the rest tokenized again
                self.lineno += count("\n", start, pos)
                self._start("tr", m.group(6))
                continue
            if kind == _CELL:
                self._cell(m, text)
                continue
            self.lineno += count("\n", start, pos)
            if kind != _TAG:
                continue  # comment, declaration, processing instruction
            tag = m.group(16).lower()
            if m.group(15):
                top = stack[-1] if stack else None
                if top is not None and top[0] == tag and tag not in _TABLE_TAGS:  # closes the innermost
                    stack.pop()
                    self.counts[tag] -= 1
                    if top[1]:
                        self.skip_depth -= 1
                    if tag in BLOCK_TAGS and not self.skip_depth:
                        self.sink.append(_BREAK)
                else:
                    self._end(tag)
                continue
            attrs = m.group(17)
            if tag not in special and not (attrs and self.skip_by_class and CLASS_ID.search(attrs)):
                stack.append((tag, False, stack[-1][2] if stack else "body", ""))  # inline (inlined _push)
                self.counts[tag] = self.counts.get(tag, 0) + 1
                continue
            self._start(tag, attrs)
            if tag in _RAW_TEXT:
                close = _RAW_END[tag].search(text, pos)
                stop = close.start() if close else n
                if tag in ("title", "textarea"):
                    self._text(text, pos, stop)
                else:
                    self.lineno += count("\n", pos, stop)
                pos = stop
                if close is not None:
                    self.lineno += count("\n", stop, close.end())
                    pos = close.end()
                    self._end(tag)

    def _run(self, m: re.Match[str], text: str) -> None:
        """A run of balanced inline markup and text: its text, as one item (no element opens or closes)."""
        run = m.group()
        if self.skip_by_class and CLASS_ID.search(run):  # a class or id may begin a skipped region
            self._plain_region(text, m.start(), m.end())
            return
        if self.skip_depth:
            self.lineno += run.count("\n")
            return
        parts: list[str] = _RUN_PARTS.split(run)
        texts = parts[::2]
        if "&" in run:
            texts = [html.unescape(t) if "&" in t else t for t in texts]
        line = lineno = self.lineno
        if "\n" in run:  # the line of the first non-blank text
            first = None
            for k, part in enumerate(parts):
                if first is None and not k % 2 and texts[k // 2].strip():
                    first = lineno
                lineno += part.count("\n")
            line = lineno if first is None else first
            self.lineno = lineno
        data = "".join(texts)
        if data:
            self.sink.append(("t", data, self.stack[-1][2] if self.stack else "body", line))

    def _plain_region(self, text: str, start: int, end: int) -> None:
        """Tokens of ``text[start:end]`` (inline tags and text only) one by one."""
        pos = start
        while pos < end:
            m = _PLAIN_TOKEN.search(text, pos, end)
            if m is None:
                self._text(text, pos, end)
                break
            if m.start() > pos:
                self._text(text, pos, m.start())
            self.lineno += text.count("\n", m.start(), m.end())
            tag = m.group(2).lower()
            if m.group(1):
                self._end(tag)
            else:
                self._start(tag, m.group(3))
            pos = m.end()

    def _row(self, m: re.Match[str], text: str) -> None:
        """A whole ``<tr>`` of cells without inner markup, in a read table."""
        t = self.tables[-1]
        stack = self.stack
        block = stack[-1][2] if stack else "body"
        if t.row is not None and t.row.depth is not None:
            self._pop_to(t.row.depth)
        elif t.cell is not None:
            self._pop_to(t.cell.depth)
        if t.cell is not None:
            self._close_cell()
        t.row = None  # the row ends with the match
        row = _Row()
        t.rows.append(row)
        prefix = f"table[{t.index}]/tr[{len(t.rows)}]/"
        cells, cell_items, pre = row.cells, row.items, t.pre
        cleaned, make_cell, unescape, span_memo = self.cleaned, self.make_cell, html.unescape, self.spans
        body = m.group(7)
        spans = "span" in body or "span" in body.lower()
        multiline = text.count("\n", m.start(), m.end())
        lineno = self.lineno + (text.count("\n", m.start(), m.start(7)) if multiline else 0)
        for k, (gap, tag, attrs, chunk, rest) in enumerate(_ROW_CELL.findall(body), start=1):
            if gap:
                pre.append(("t", gap, block, lineno))
                if multiline:
                    lineno += gap.count("\n")
            if multiline:
                lineno += attrs.count("\n")
            data = unescape(chunk) if "&" in chunk else chunk
            printed = cleaned.get(data)
            if printed is None:
                printed = cleaned[data] = clean_text(data)
            cell = make_cell(printed, lineno, f"{prefix}{_CELL_TAGS[tag]}[{k}]", data.strip())
            if spans and "span" in attrs.lower():
                declared = span_memo.get(attrs)
                if declared is None:
                    declared = span_memo[attrs] = _declared_spans(attrs)
                cells.append((cell, *declared))
            else:
                cells.append((cell, 1, 1))
            cell_items.append(data)
            if multiline:
                lineno += chunk.count("\n") + rest.count("\n")
        gap = m.group(9)
        if gap:
            pre.append(("t", gap, block, lineno))
        if multiline:
            lineno += gap.count("\n") + m.group(10).count("\n")
        self.lineno = lineno

    def _cell(self, m: re.Match[str], text: str) -> None:
        """A whole ``<td …>text</td>``: in a read table, one cell; elsewhere, its three tokens."""
        tag = m.group(11).lower()
        text_start, text_end = m.span(13)
        if tag != m.group(14).lower() or not self.tables or self.skip_depth:
            self.lineno += text.count("\n", m.start(), text_start)
            self._start(tag, m.group(12))
            self._text(text, text_start, text_end)
            self.lineno += text.count("\n", text_end, m.end())
            self._end(m.group(14).lower())
            return
        t = self.tables[-1]
        if t.cell is not None:
            self._pop_to(t.cell.depth)
        row = t.row
        if row is None:
            row = t.row = _Row()
            t.rows.append(row)
        element = f"table[{t.index}]/tr[{len(t.rows)}]/{tag}[{len(row.cells) + 1}]"
        chunk = m.group(13)
        self.lineno += text.count("\n", m.start(), text_start)
        line = self.lineno
        self.lineno += text.count("\n", text_start, m.end())
        data = html.unescape(chunk) if "&" in chunk else chunk
        row.cells.append((self._grid_cell(data, line, element), *_spans(m.group(12))))
        row.items.append(data)

    def _text(self, text: str, start: int, end: int) -> None:
        chunk = text[start:end]
        if not self.skip_depth:
            data = html.unescape(chunk) if "&" in chunk else chunk
            if data:
                self.sink.append(("t", data, self.stack[-1][2] if self.stack else "body", self.lineno))
        self.lineno += chunk.count("\n")

    # -- elements -----------------------------------------------------------------------------
    def _start(self, tag: str, attrs: str) -> None:
        if tag in VOID_TAGS:
            if tag in ("br", "hr") and not self.skip_depth:
                self.sink.append(_BREAK)
            return
        block = self.stack[-1][2] if self.stack else "body"
        if not self.skip_depth and len(self.tables) < MAX_TABLE_DEPTH:
            if tag == "table":
                self.table_count += 1
                if self.tables and self.tables[-1].cell is None:
                    self.tables[-1].nested = True
                self._push((tag, False, block, "table"))
                self.tables.append(_Table(index=self.table_count, depth=len(self.stack) - 1))
                self.sink = self.tables[-1].pre
                return
            if self.tables and tag in ("tr", "td", "th"):
                self._table_tag(tag, attrs, block)
                return
        elif not self.skip_depth and self.tables and tag in ("tr", "td", "th"):
            self._table_tag(tag, attrs, block)
            return
        skip = tag in SKIP_TAGS
        if not skip and self.skip_by_class and CLASS_ID.search(attrs):
            for name, value in _attrs(attrs):
                if name in ("class", "id") and value and _SKIP_CLASS.search(value):
                    skip = True
                    break
        if tag in BLOCK_TAGS:
            number = self.block_counts[tag] = self.block_counts.get(tag, 0) + 1
            block = f"{tag}[{number}]"
            if not self.skip_depth:
                self.sink.append(_BREAK)
        self._push((tag, skip, block, ""))

    def _table_tag(self, tag: str, attrs: str, block: str) -> None:
        t = self.tables[-1]
        if tag == "tr":
            if t.row is not None and t.row.depth is not None:
                self._pop_to(t.row.depth)
            elif t.cell is not None:
                self._pop_to(t.cell.depth)
            self._close_cell()
            t.row = _Row(depth=len(self.stack))
            t.rows.append(t.row)
            self._push((tag, False, block, "tr"))
            return
        if t.cell is not None:
            self._pop_to(t.cell.depth)
        row = t.row
        if row is None:
            row = t.row = _Row()
            t.rows.append(row)
        rowspan, colspan = _spans(attrs)
        element = f"table[{t.index}]/tr[{len(t.rows)}]/{tag}[{len(row.cells) + 1}]"
        t.cell = _Cell(element, rowspan, colspan, len(self.stack), self.lineno)
        self.sink = t.cell.items
        self._push((tag, False, element, "td"))

    def _end(self, tag: str) -> None:
        if not self.counts.get(tag):
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
        stack = self.stack
        for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _END_SCAN), -1):
            entry = stack[i]
            if entry[0] == tag:
                self._pop_to(i)
                return
            if entry[3] and not self.skip_depth:
                return  # never close a table structure with a stray end tag

    def finish(self) -> list[Item]:
        """Close what is still open and return the items."""
        self._pop_to(0)
        while self.tables:  # tables opened while their parent was skipped, never closed
            self._close_table()
        return self.items
