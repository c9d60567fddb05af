"""Printed rows as records of label cells and value cells, from text lines or from grid rows.

A text line is cut into cells at tabs, at runs of two or more spaces (full-width spaces
included) and, in a line holding a pipe (``规章 | 0 | 0 | 0 |``), at its pipes; a cell holding
several space-separated numbers is cut further.  A grid row's cells
are used as they are (merged-cell copies dropped).  The label cells are the leading cells; the
value cells are the longest run at the end of the row made of values and blanks (blank cells
between values keep their position, as ``None``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from itertools import pairwise

import attrs
from attrs import define

from ..findings import Provenance
from .base import Document, GridRow, TextLine
from .normalize import ParsedValue, parse_value

__all__ = ["Record", "ValueCell", "grid_records", "is_page_mark", "is_page_number", "line_records"]

_CELL_SPLIT = re.compile(r"\t|[ \u3000\xa0]{2,}|\u3000")
_PIPES = "|｜丨\u2500-\u257f"
"""Cell borders as converters and OCR print them: ``|``, ``｜``, OCR's ``丨``, and every box-drawing
character (``│`` ``┃`` ``├──┬──┤``: w3m and other text renderers draw ruled tables with them)."""
_BOX_RULE = re.compile(r"^[\s\u2500-\u257f]*$")
"""A line drawn with box-drawing characters only (a table's rule): no cells."""
_PIPE = re.compile(f"[{_PIPES}]")
_PIPE_CELL_SPLIT = re.compile(rf"[ \t\u3000\xa0]*[{_PIPES}][ \t\u3000\xa0]*|\t|[ \u3000\xa0]{{2,}}|\u3000")
"""Cells of a row that a converter printed between pipes (``规章 | 0 | 0 | 0 |``, ``| a | b |``)."""
_PIPE_RULE = re.compile(rf"^\s*[{_PIPES}]?\s*:?-{{3,}}:?\s*(?:[{_PIPES}]\s*:?-{{3,}}:?\s*)*[{_PIPES}]?\s*$")
"""A Markdown table's rule line (``| --- | ---: |``): no cells."""
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–_－]+\s*\d{1,4}\s*[-—–_－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)\s*$"
)
_BARE_NUMBER = re.compile(r"^\s*([0-9]{1,3})\s*$")
_GLUED = re.compile(r"^(.*[\u4e00-\u9fff）)”])(\d+)$")
_SPACED_DIGITS = re.compile(r"^\d(?: \d)+$")
_GLUED_FIRST = re.compile(r"^(.*[\u4e00-\u9fff）)”])(\d+)$")
_FRAGMENT = re.compile(r"^[（(]?[一二三四五六七八九十]{0,2}[）)]?[\u4e00-\u9fff]{1,3}$")
"""A short piece of a label (no digit): ``（三）不``, ``结``, ``法提供``."""
_NUMBER_THEN_FRAGMENT = re.compile(r"^(\d+)([^\d\s].*)$")
_ANNOTATION = re.compile(r"^[(（].*[)）]$")
_MAX_VALUE_TEXT = 200
"""Longer texts are never values (:func:`~.normalize.parse_value` refuses them)."""


@lru_cache(maxsize=16384)
def _parse(token: str) -> ParsedValue | None:
    """:func:`parse_value` (signed) keyed by the token alone: a cheaper cache key on the hot path."""
    if token.isascii() and token.isdigit() and len(token) <= _MAX_VALUE_TEXT:
        return ParsedValue(int(token), None, token)  # plain digits, what parse_value gives for them
    return parse_value(token, signed=True)


class ValueCell:
    """One value position of a row: the parsed value (``None`` for a blank cell) and where it came from."""

    __slots__ = ("_at", "_memo", "_prov", "parsed", "raw")

    def __init__(
        self,
        parsed: ParsedValue | None,
        at: Provenance,
        raw: str,
        memo: dict[str, Provenance] | None = None,
    ) -> None:
        self.parsed: ParsedValue | None = parsed
        self._at = at
        self.raw: str = raw
        self._memo = memo
        """Shared by the cells of one text line (same ``at``): one provenance per distinct raw text."""
        self._prov: Provenance | None = None

    @property
    def provenance(self) -> Provenance:
        """The row's provenance with this cell's raw text (built on first use)."""
        p = self._prov
        if p is not None:
            return p
        at, raw = self._at, self.raw
        if at.raw == raw:
            p = at  # a grid cell read as printed: its own provenance already says it (frozen, shared)
        elif self._memo is not None:
            p = self._memo.get(raw)
            if p is None:
                p = self._memo[raw] = Provenance(
                    source=at.source, page=at.page, line=at.line, element=at.element, raw=raw
                )
        else:
            p = Provenance(source=at.source, page=at.page, line=at.line, element=at.element, raw=raw)
        self._prov = p
        return p


@define(kw_only=True)
class Record:
    """One printed row (a text line or a grid row) split into labels and values."""

    index: int
    labels: list[str]
    values: list[ValueCell]
    provenance: Provenance
    text: str
    """The whole row as printed (for section text and messages)."""
    from_grid: bool = False
    blank: bool = False
    page_break: bool = False
    """A page break (form feed) sits in this line."""
    glued: bool = False
    """Text lines: the only value is digits glued to the label (``行政规范性文件3011``): cells that ran
    together, never one number by that fact alone."""
    first_col: int | None = None
    """Grid rows: the grid column of the first value cell."""
    columns: list[str] | None = None
    """Grid rows: the text of every grid column (merged-cell copies blank)."""


def _peel(stripped: str) -> list[str] | None:
    """A cell holding space-separated values ("0 0 0", "标签 0 0") as label + value tokens, else None."""
    parts = stripped.split()
    if len(parts) < 2 or (_parse(parts[-1]) is None and not _ANNOTATION.match(parts[-1])):
        return None
    tail: list[str] = []
    while parts:
        last = parts[-1]
        if _parse(last) is not None:
            tail.append(parts.pop())
        elif _ANNOTATION.match(last) and len(parts) > 1 and _parse(parts[-2]) is not None:
            parts.pop()
            parts[-1] += last  # "22 （其中修订16件）"
        else:
            break
    if not tail:
        return None
    out = [" ".join(parts)] if parts else []
    if out:
        # the first number glued to the label in borderless PDF text: "规章0 0 0"
        glued = _GLUED_FIRST.match(out[0])
        if glued:
            out = [glued.group(1), glued.group(2)]
    out.extend(reversed(tail))
    return out


def _tokens(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """The tokens of cells some of which hold spaces, and the cell each token comes from."""
    tokens: list[str] = []
    owner: list[int] = []
    several: bool | None = None  # more than one non-blank cell (computed when first needed)
    for ci, text in enumerate(texts):
        stripped = text.strip()
        if " " not in stripped and "\u3000" not in stripped:
            tokens.append(stripped)
            owner.append(ci)
            continue
        if several is None:
            several = sum(1 for t in texts if t.strip()) > 1
        if several and _SPACED_DIGITS.match(stripped):
            # a letter-spaced number in its own cell (narrow PDF columns): "3 1 2" is 312
            tokens.append(stripped.replace(" ", ""))
            owner.append(ci)
            continue
        peeled = _peel(stripped)
        if peeled is None:
            tokens.append(stripped)
            owner.append(ci)
        else:
            tokens.extend(peeled)
            owner.extend(ci for _t in peeled)
    return tokens, owner


def _split_values(
    texts: Sequence[str], provs: Sequence[Provenance]
) -> tuple[list[str], list[ValueCell], int | None]:
    """Label cells, value cells and the column of the first value (when cells map 1:1 to tokens).

    ``provs`` holds each cell's provenance (one entry for all cells when they share it: a text line,
    whose values then share one provenance per distinct raw text).
    """
    owner: list[int] | None = None  # the cell of each token, when some cell gave several
    joined = "\t".join(texts)
    if " " not in joined and "\u3000" not in joined:
        tokens = [t.strip() for t in texts]  # the common case: one token per cell, nothing to split
    else:
        tokens, owner = _tokens(texts)
    # a label with its digits glued on (crawled text): "一、本年新收…数量230000023"
    last = len(tokens) - 1
    while last >= 0 and not tokens[last]:
        last -= 1
    if last >= 0 and tokens[last][-1:].isdigit() and not tokens[last].isdigit():
        glued = _GLUED.match(tokens[last])
        if glued:
            tokens[last : last + 1] = [glued.group(1), glued.group(2)]
            if owner is None:
                owner = list(range(len(texts)))
            owner.insert(last, owner[last])
    # a piece of a vertical group label printed after a row's numbers (PDF text sorted by position:
    # ``4.保护第三方合法权益  6 0 … 6  （三）不``, or glued to the last number: ``… 0 8结``) is a label,
    # put in front of the row's own; a value with its unit (``8件``) or a placeholder (``无``) is a value
    fragment = None
    if len(provs) == 1 and len(tokens) > 2 and _parse(tokens[-1]) is None and _parse(tokens[-2]) is not None:
        glued_piece = _NUMBER_THEN_FRAGMENT.match(tokens[-1])
        if _FRAGMENT.match(tokens[-1]):
            fragment = tokens.pop()
        elif glued_piece is not None and _FRAGMENT.match(glued_piece.group(2)):
            fragment = glued_piece.group(2)
            tokens[-1] = glued_piece.group(1)
    # value run at the end: values and blanks, starting at a value
    n = len(tokens)
    start = end = n
    parsed: list[ParsedValue | None] = [None] * n
    i = n - 1
    while i >= 0:
        token = tokens[i]
        if token:
            value = _parse(token)
            if value is None:
                break
            if start == n:
                end = i + 1  # blanks after the last value are not value positions
            parsed[i] = value
            start = i
        i -= 1
    if i >= 0 and start < n and len(provs) == 1:
        # text: a header label glued to the first number (``…尚未审结  总计1  1  0``): the digits are a value
        glued = _GLUED.match(tokens[i])
        if glued is not None:
            tokens[i : i + 1] = [glued.group(1), glued.group(2)]
            parsed.insert(i + 1, _parse(glued.group(2)))
            if owner is not None:
                owner.insert(i, owner[i])
            start, end, n = i + 1, end + 1, n + 1
    labels = [t for t in tokens[:start] if t]
    if fragment is not None:
        labels.insert(0, fragment)
    if start == n:
        return labels, [], None
    if len(provs) == 1:
        at = provs[0]
        memo: dict[str, Provenance] = {}
        values = [ValueCell(parsed[j], at, tokens[j], memo) for j in range(start, end)]
    else:
        cell = owner if owner is not None else range(n)
        values = [ValueCell(parsed[j], provs[cell[j]], tokens[j]) for j in range(start, end)]
    first_col = start if n == len(texts) else None
    return labels, values, first_col


def _record_from_line(index: int, line: TextLine) -> Record:
    text = line.text
    if "\xa0" in text:
        text = text.replace("\xa0", " ")  # a no-break space (web pages) is a space: cells one apart
    page_break = "\f" in text
    if page_break:
        text = text.replace("\f", "")
    pipes = _PIPE.search(text) is not None
    if not text.strip() or (pipes and (_PIPE_RULE.match(text) or _BOX_RULE.match(text))):
        return Record(
            index=index,
            labels=[],
            values=[],
            provenance=line.provenance,
            text=text.rstrip(),
            blank=True,
            page_break=page_break,
        )
    if pipes:
        cells = _PIPE_CELL_SPLIT.split(text)
    elif "  " in text or "\u3000" in text or "\xa0" in text:
        cells = _CELL_SPLIT.split(text)
    else:
        cells = text.split("\t")  # what the pattern gives without any run of blanks
    labels, values, _first = _split_values(cells, (line.provenance,))
    text = text.rstrip()
    return Record(
        index=index,
        labels=labels,
        values=values,
        provenance=line.provenance,
        text=text,
        page_break=page_break,
        glued=len(values) == 1 and len(values[0].raw) > 1 and _GLUED.match(text) is not None,
    )


def _record_from_grid_row(index: int, row: GridRow, default: Provenance) -> Record:
    # merged-cell copies stay as blank positions, so that a cell's position is its grid column
    texts = ["" if c.spanned else c.text.replace("\n", "").replace("\r", "") for c in row.cells]
    labels, values, first_col = _split_values(texts, [c.provenance for c in row.cells])
    prov = row.cells[0].provenance if row.cells else default
    return Record(
        index=index,
        labels=labels,
        values=values,
        provenance=prov,
        text="\t".join(c for c in texts if c),
        from_grid=True,
        blank=not labels and not values,  # every non-blank cell gave a label or a value
        first_col=first_col,
        columns=texts,
    )


def is_page_mark(text: str) -> bool:
    """Whether a line is an unmistakable page mark (``- 3 -``, ``第3页``, ``3/10``), never prose."""
    return bool(_PAGE_NUMBER.match(text.replace("\f", ""))) if text.strip() else False


_LABEL_MAX = 40
"""A longer line is prose (a page may end with it), not a row label waiting for its numbers."""
_SENTENCE_END = ("。", "；", "：", "！", "？", ".", ";", ":")


def is_page_number(records: Sequence[Record], i: int) -> bool:
    """Whether record ``i`` is a page number (``- 3 -``, ``第3页``, or a bare number at a page edge)."""
    rec = records[i]
    if rec.from_grid or rec.blank:
        return False
    if _PAGE_NUMBER.match(rec.text):
        return True
    bare = _BARE_NUMBER.match(rec.text)
    if bare is None or int(bare.group(1)) == 0:
        return False  # pages are numbered from 1
    prev = records[i - 1] if i > 0 else None
    nxt = records[i + 1] if i + 1 < len(records) else None
    if prev is not None and _BARE_NUMBER.match(prev.text):
        return False  # one number per line: the last cell of a row printed cell by cell
    if rec.page_break or (nxt is not None and nxt.page_break) or prev is None or nxt is None:
        return True
    if prev.provenance.page != rec.provenance.page or nxt.provenance.page != rec.provenance.page:
        return True
    if not (prev.blank and nxt.blank):
        return False
    # text with a blank line between cells (lynx, BeautifulSoup ``get_text()``): a number next to
    # another cell, or under a short label waiting for its numbers, is a cell
    before, after = _neighbour(records, i, -1), _neighbour(records, i, 1)
    if any(r is not None and r.values and not r.labels for r in (before, after)):
        return False
    return not (
        before is not None
        and len(before.labels) == 1
        and not before.values
        and len(before.text) <= _LABEL_MAX
        and not before.text.endswith(_SENTENCE_END)
    )


_LABEL_PARTS = re.compile(r"\s*[·・/／>＞]\s*|\s+")
"""What separates labels printed in one cell: blanks, or the steps of a group path as other tools
export rows (``三、本年度办理结果 · （一）予以公开``, ``三、本年度办理结果/（一）予以公开``)."""


def split_spaced_labels(
    records: Sequence[Record], known: Collection[str], normalise: Callable[[str], str]
) -> None:
    """Labels printed in one cell as separate labels, when every piece is an official label
    (``known``, compared after ``normalise``): header cells one space apart (text copied from a PDF
    viewer or a web page: ``结果维持 结果纠正 其他结果 尚未审结 总计``) or a row's group path
    (``三、本年度办理结果 · （五）不予处理 · 2.重复申请``).  A label with a stray space in it
    (``行政 许可``) stays whole."""
    for rec in records:
        if rec.from_grid or not rec.labels:
            continue
        if _TEXT_BREAK.search(rec.text) is None:
            if not rec.values and len(rec.labels) == 1:
                _split_glued_header(rec.labels, known, normalise)
            continue
        labels = rec.labels
        for j in range(len(labels) - 1, -1, -1):
            label = labels[j]
            m = _LABEL_BREAK.search(label) if len(label) <= _SPLIT_MAX else None
            # the first piece decides for most lines (prose, a label with a stray space): look no further
            if m is None or not m.start() or normalise(label[: m.start()]) not in known:
                continue
            pieces = [p for p in _LABEL_PARTS.split(label) if p]
            if all(normalise(p) in known for p in pieces):
                labels[j : j + 1] = pieces


_HEADER_ANCHORS = ("自然人", "企业", "机构", "总计", "小计", "结果", "件数", "数量")
"""A label without separators holding one of these may be header cells glued together."""
_GLUED_MAX = 60


def _split_glued_header(labels: list[str], known: Collection[str], normalise: Callable[[str], str]) -> None:
    """A header line whose cells a converter glued with nothing between them (BeautifulSoup
    ``get_text()``: ``商业企业科研机构社会公益组织法律服务机构其他小计``): split into official labels when
    the whole line is a run of them (the fewest pieces), so that the printed column order is found."""
    label = labels[0]
    if not 4 <= len(label) <= _GLUED_MAX or not any(a in label for a in _HEADER_ANCHORS):
        return
    text = normalise(label)
    if text in known:
        return
    n = len(text)
    best: list[list[int] | None] = [None] * (n + 1)  # best[i]: cut positions of text[:i] (fewest pieces)
    best[0] = [0]
    for i in range(n):
        cuts = best[i]
        if cuts is None:
            continue
        for j in range(i + 2, min(n, i + 20) + 1):
            prior = best[j]
            if text[i:j] in known and (prior is None or len(prior) > len(cuts) + 1):
                best[j] = [*cuts, j]
    cuts = best[n]
    if cuts is not None and len(cuts) > 2:
        labels[:] = [text[a:b] for a, b in pairwise(cuts)]


_LABEL_BREAK = re.compile(r"[\s·・/／>＞]")
"""Where the first piece of :data:`_LABEL_PARTS` ends (a plain character class: a fast scan)."""
_TEXT_BREAK = re.compile(r"[ \u3000·・/／>＞]")
"""A record whose text has none of these has no label to split."""
_SPLIT_MAX = 240
"""A longer text is prose, not labels printed side by side (15 header cells of 表四 take about 80)."""


def line_records(doc: Document) -> list[Record]:
    """The records of a document's text lines, page-number lines dropped."""
    records = [_record_from_line(i, line) for i, line in enumerate(doc.lines)]
    _spelled_out_labels(records)
    return [r for i, r in enumerate(records) if not is_page_number(records, i)]


def _spelled_out_labels(records: list[Record]) -> None:
    """A vertical label printed one character per line (``（`` ``四`` ``）`` ``无`` ``法`` ``提`` ``供``):
    its ``无`` is a character of the label, not the placeholder 无, when a one-character label line is
    next to it."""
    for i, rec in enumerate(records):
        if rec.labels or len(rec.values) != 1 or not "\u4e00" <= rec.values[0].raw <= "\u9fff":
            continue
        near = [_neighbour(records, i, -1), _neighbour(records, i, 1)]
        if any(r is not None and not r.values and len(r.labels) == 1 and len(r.labels[0]) == 1 for r in near):
            records[i] = attrs.evolve(rec, labels=[rec.values[0].raw], values=[])


def _neighbour(records: Sequence[Record], i: int, step: int) -> Record | None:
    """The nearest non-blank record before (``step`` -1) or after (1) record ``i``."""
    j = i + step
    while 0 <= j < len(records) and records[j].blank:
        j += step
    return records[j] if 0 <= j < len(records) else None


def grid_records(doc: Document) -> list[list[Record]]:
    """The records of each grid of a document (merged-cell copies dropped)."""
    default = Provenance(source=doc.source)
    out: list[list[Record]] = []
    base = len(doc.lines)
    for grid in doc.grids:
        recs = []
        for row in grid:
            recs.append(_record_from_grid_row(base, row, default))
            base += 1
        out.append(recs)
    return out
