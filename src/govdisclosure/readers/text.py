"""The text reader: reports as plain text extracted from PDFs and web pages.

Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; splits the text into lines
(form feeds mark page breaks, each line keeps its page and line number) and hands them to the
shared, label-anchored :func:`~govdisclosure.readers.assemble.assemble`.

Crawled pages are sometimes flattened into one line where every heading, table label and
number runs into the next (``…规章000行政规范性文件6233440第二十条第（五）项…``).  Such a line
is cut back into lines at the official labels (:func:`unglue_lines`): first at the section
headings, then, inside the sections that hold tables, at the table and row labels; a row label
keeps its numbers (after a tab, split later with the table's relations), header text keeps none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any

from attrs import evolve, frozen

from ..errors import ReadError
from ..plugins import hookimpl
from ..reading import ReadResult
from .assemble import assemble
from .base import RUN_TOGETHER, Document, TextLine
from .detect import heading_stems
from .grids import make_line, make_provenance, per_layouts
from .normalize import HAS_RADICAL, RADICALS, label_key

__all__ = ["TextReader", "decode_text", "text_document"]

# label keys of a few official labels that nearly every report prints (for sniffing)
_SNIFF_KEYS = tuple(
    label_key(s).encode("utf-8") for s in ("政府信息公开", "本年新收", "结转下年度", "予以公开", "行政复议")
)
_SNIFF_GB = tuple(
    s.encode("gb18030") for s in ("政府信息公开", "本年新收", "结转下年度", "予以公开", "行政复议")
)


def decode_text(data: bytes, *, source: str) -> str:
    """Decode text bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030.

    Raises :class:`~govdisclosure.errors.ReadError` for bytes that are none of these (binary).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError("无法解码的文本 cannot decode the text (bad UTF-16)", source=source) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ReadError(
                "无法解码的文本（不是UTF-8或GB18030）cannot decode the text (not UTF-8 or GB18030)",
                source=source,
            ) from None
    if "\x00" in text:
        raise ReadError("不是文本文件 not a text file (NUL bytes)", source=source)
    return text


def text_document(text: str, *, source: str) -> Document:
    """The lines of a text, with page (form feeds) and line numbers."""
    lines: list[TextLine] = []
    page = 1
    pages = "\f" in text
    if HAS_RADICAL.search(text):  # text taken out of a PDF whose font names ideographs as radicals
        text = text.translate(RADICALS)
    # no "\r" is left after the replacements: each piece is the line as printed
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        lines.append(make_line(line, make_provenance(source, n, None, page=page)))
        if pages:
            page += line.count("\f")
    return Document(source=source, lines=tuple(lines))


_RUN_TOGETHER_MIN = 3
"""A line printing at least this many 表三 row labels has run together (rows are one per line)."""
_TITLE = re.compile(r"(?:^|(?<=\s))(\S{2,80}?政府信息公开(?:工作)?年度报告\S{0,12}?)(?=\s+\S)")
"""A title run into the first sentence after a space (``…工作年度报告 根据《条例》…``), at the start
or after the page's breadcrumb (``当前位置： 首页…政府信息公开年报 平潭…工作年度报告 来源：…``)."""
_RUN_TOGETHER_LENGTH = 60
"""Shorter lines cannot hold three 表三 row labels."""
_STEM_REST = re.compile(r"\s*及[^\d\s\u3000，。、；：,.;:（）()“”]{1,12}")
"""The second part of a heading printed with the official first part (``…存在的主要问题`` + ``及明年工作
计划``), up to the number, space or punctuation that starts the text under it."""
_UNIT = r"(?:万元|元|件|个|项|条|宗|次|笔)"
"""The units printed after a value (``2笔``, ``984361元``), as :func:`~.normalize.parse_value` reads them."""
_TRAILING_NUMBERS = re.compile(rf"(\d(?:[\d.,，\s\u3000]|{_UNIT}(?=[\s\u3000]*\d))*{_UNIT}?)\s*$")
"""The numbers that end a piece of a table (a unit may follow each: ``2笔 984361元``)."""
_LEADING_NUMBERS = re.compile(rf"\s*\d(?:[\d.,，\s\u3000]|{_UNIT}(?=[\s\u3000]*\d))*{_UNIT}?")
"""The numbers that follow a row label (before the text printed after the table's last row)."""


def _row_labels(nodes: Iterable[Any]) -> list[str]:
    out: list[str] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        out.extend([node.label, *node.aliases])
        if node.subtotal_label:  # a group's subtotal row or column (``小计``)
            out.append(node.subtotal_label)
        stack.extend(node.children)
    return out


_Official = tuple[
    dict[str, str], list[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]
]


def _official(registry: Any) -> _Official:
    """:func:`_official_labels` of the registry's layouts (cached per layout set)."""
    return per_layouts(registry, _official_labels)


def _official_labels(layouts: Sequence[Any]) -> _Official:
    """(printed heading → section key, the labels tables are cut at, the row labels, every official
    label a cut may be followed by, 表三's row labels, the headings' first parts, the keys of the
    sections that hold tables), labels without white space.  A heading's first part
    (``五、存在的主要问题`` of ``…及改进情况``) is a heading too.

    A table's label, row header, corner note and row labels are cut at; a table printed on one line
    of numbers under its header (表四) is cut at its column labels too, so that its numbers end
    on a line of their own.
    """
    headings: dict[str, str] = {}
    labels: dict[str, set[str]] = {}
    row_labels: set[str] = set()
    followers: set[str] = set()
    requests: set[str] = set()
    stems: set[str] = set()
    for layout in layouts:
        numerals = {s.key: s.heading.split("、", 1)[0] + "、" for s in layout.sections if "、" in s.heading}
        for section in layout.sections:
            headings[section.heading] = section.key
            numeral = numerals.get(section.key, "")
            for alias in section.aliases:
                headings[numeral + alias] = section.key
        for stem, key in heading_stems(layout):
            stems.add(numerals[key] + stem)
            headings.setdefault(numerals[key] + stem, key)
        for table in layout.tables:
            here = labels.setdefault(table.section, set())
            here.update(x for x in (table.label, table.row_header, table.corner_note) if x)
            rows = _row_labels(table.rows)
            here.update(rows)
            row_labels.update(_compact(x) for x in rows)
            columns = _row_labels(table.columns)
            followers.update(columns)
            if table.single_line:
                here.update(columns)
            if table.key == "requests":
                requests.update(x for x in rows if len(x) >= 4)
    # a section heading may be misprinted: every table section is cut at every table's labels
    cut_at = {_compact(x) for found in labels.values() for x in found}
    followers.update(cut_at)
    followers.update(headings)
    return (
        {_compact(h): k for h, k in headings.items()},
        sorted((x for x in cut_at if len(x) >= 2), key=len, reverse=True),
        frozenset(row_labels),
        frozenset(_compact(x) for x in followers if len(_compact(x)) >= 2),
        frozenset(_compact(x) for x in requests),
        frozenset(_compact(x) for x in stems),
        frozenset(labels),
    )


def _compact(text: str) -> str:
    return "".join(text.split())


_NUMBERED = re.compile(r"[一二三四五六七八九十]、")


def _cut(
    text: str, labels: Sequence[str], followers: frozenset[str] | None = None
) -> list[tuple[str, str | None]]:
    """``text`` cut before every label (longest first, left to right): (piece, label it starts with).

    Labels are matched ignoring white space (``三、本年度办 理结果``); the pieces keep it.  With
    ``followers``, a label counts only where it ends the text or is followed by a number, by one of
    the ``followers`` or by a numbered item (``四、…``): ``行政诉讼`` inside a misprinted heading
    ``…行政法复议、行政诉讼情况`` is no cut; and every numbered item is a cut (a heading that is no
    official label still starts a line).
    """
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    compact = "".join(text[i] for i in index)
    by_first: dict[str, list[str]] = {}
    for label in labels:  # already longest first
        by_first.setdefault(label[0], []).append(label)
    cuts: list[tuple[int, str | None]] = []
    i = 0

    def followed(at: int) -> bool:
        if followers is None or at >= len(compact) or compact[at].isdigit() or _NUMBERED.match(compact, at):
            return True
        return any(compact.startswith(x, at) for x in follow_first.get(compact[at], ()))

    follow_first: dict[str, list[str]] = {}
    for label in followers or ():
        follow_first.setdefault(label[0], []).append(label)
    while i < len(compact):
        hit = next(
            (x for x in by_first.get(compact[i], ()) if compact.startswith(x, i) and followed(i + len(x))),
            None,
        )
        if hit is None and followers is not None and _NUMBERED.match(compact, i):
            cuts.append((index[i], None))
            i += 2
            continue
        if hit is None:
            i += 1
            continue
        cuts.append((index[i], hit))
        i += len(hit)
    pieces: list[tuple[str, str | None]] = []
    starts = [*cuts, (len(text), None)]
    if not cuts or cuts[0][0] > 0:
        pieces.append((text[: starts[0][0]], None))
    for (at, starting), (nxt, _next) in pairwise(starts):
        pieces.append((text[at:nxt], starting))
    return [(p, starting) for p, starting in pieces if p]


def _table_lines(piece: str, label: str | None, rows: frozenset[str]) -> list[str]:
    """A piece of a table section as lines: a row label and its numbers on one line (tab between);
    numbers printed after header text (表四's line of numbers) on a line of their own."""
    m = _TRAILING_NUMBERS.search(piece)
    if m is None or m.start() == 0:
        return [piece]
    head, numbers = piece[: m.start()].rstrip(), m.group(1).strip()
    if label is not None and label in rows and _compact(head) == label:
        return [f"{head}\t{numbers}"]
    return [head, numbers]


def _prose_after(piece: str, label: str | None, rows: frozenset[str]) -> tuple[str, str]:
    """The last piece of a table section cut after its row's numbers: (the row, the text after it).

    The text that follows a table up to the next heading (``行政事业性收费18651.064104 (二)主动公开政府
    信息的主要类别…``) is no part of the row; a piece that ends in numbers is left whole.
    """
    if label is None or label not in rows or _TRAILING_NUMBERS.search(piece):
        return piece, ""
    body = _drop_heading(piece, label)
    m = _LEADING_NUMBERS.match(body)
    if m is None:
        return piece, ""
    cut = len(piece) - len(body) + m.end()
    return piece[:cut], piece[cut:]


def _drop_heading(part: str, heading: str) -> str:
    """``part`` without its leading heading (matched ignoring white space)."""
    seen = 0
    for i, ch in enumerate(part):
        if not ch.isspace():
            seen += 1
            if seen == len(heading):
                return part[i + 1 :]
    return ""


def unglue_lines(lines: Sequence[TextLine], registry: Any) -> list[TextLine]:
    """Cut the lines whose table rows ran together back into one line per heading and row.

    Only a line printing several 表三 row labels is touched: every other line is kept as it is.
    The lines cut out carry the :data:`~.base.RUN_TOGETHER` provenance element.
    """
    if not any(len(line.text) >= _RUN_TOGETHER_LENGTH for line in lines):
        return list(lines)
    headings, labels, rows, followers, requests, stems, table_sections = _official(registry)
    if not requests:
        return list(lines)
    ordered_headings = sorted(headings, key=len, reverse=True)
    out: list[TextLine] = []
    for line in lines:
        if len(line.text) < _RUN_TOGETHER_LENGTH:
            out.append(line)
            continue
        compact = _compact(line.text)
        if sum(1 for x in requests if x in compact) < _RUN_TOGETHER_MIN and (
            len({m.group() for m in per_layouts(registry, _heading_starts).finditer(compact)}) < 2
        ):
            out.append(line)  # neither a table's rows nor sections run together
            continue
        prov = evolve(line.provenance, element=RUN_TOGETHER)
        cut = _cut(line.text, ordered_headings)
        # a heading worded otherwise (``五、存在问题及改进情况``) where no official one is printed
        worded = [
            pattern
            for key, pattern in per_layouts(registry, _worded_headings)
            if key not in {headings[h] for _p, h in cut if h is not None}
        ]
        for n, (part, heading) in enumerate(cut):
            if (
                heading is None
                and sum(1 for x in requests if x in _compact(_official_numbering(part))) >= _RUN_TOGETHER_MIN
            ):
                # a table's rows run together under a heading printed on a line of its own
                pieces = _table_pieces(part, labels, followers, rows)
            elif heading is None:
                title = _TITLE.search(part) if n == 0 else None
                pieces = [part[: title.start(1)], title.group(1), part[title.end(1) :]] if title else [part]
            elif headings[heading] not in table_sections:
                body = _drop_heading(part, heading)
                if heading in stems:  # the heading goes on with its own second part
                    more = _STEM_REST.match(body)
                    body = body[more.end() :] if more else body
                pieces = [part[: len(part) - len(body)], body]
            else:
                body = _drop_heading(part, heading)
                pieces = [part[: len(part) - len(body)], *_table_pieces(body, labels, followers, rows)]
            if worded:
                pieces = [q for piece in pieces for q in _cut_worded(piece, worded)]
            out.extend(TextLine(text=p.strip(), provenance=prov) for p in pieces if p.strip())
    return out


def _heading_starts(layouts: Sequence[Any]) -> re.Pattern[str]:
    """Official section headings where a heading can start in text without white space: at the
    start, or after a sentence's end, a number or Markdown's ``**`` (prose whose paragraphs a crawler
    joined into one line: ``…工作。二、主动公开政府信息情况…``), never inside a sentence naming them."""
    headings = sorted(
        {_compact(s.heading) for layout in layouts for s in layout.sections}, key=len, reverse=True
    )
    alternatives = "|".join(map(re.escape, headings)) or "(?!)"
    return re.compile(rf"(?:^|(?<=[。；！？!?;”’」）)*#\d]))(?:{alternatives})")


_HEADING_END = "(?:情况|事项|措施|计划|概述|概况)"
"""How a section heading worded otherwise ends (``…改进情况``, ``…报告的事项``, ``一、概述``)."""
_HEADING_END_WEAK = "(?:问题|工作)"
"""Ends taken only when none of :data:`_HEADING_END` follows (``五、存在问题及改进情况``, not
``五、存在问题``)."""
_HEADING_CHAR = r"[^\d\s，。；：！？,.;:!?、（）()“”《》]"


def _worded_headings(layouts: Sequence[Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per section with keywords: a pattern of its heading worded otherwise, run in with other text
    (the section's numeral, a few characters saying each keyword group, a heading's last word)."""
    out: dict[str, re.Pattern[str]] = {}
    for layout in layouts:
        for section in layout.sections:
            if not section.keywords or "、" not in section.heading or section.key in out:
                continue
            numeral = re.escape(section.heading.split("、", 1)[0])
            says = "".join(
                rf"(?={_HEADING_CHAR}{{0,16}}?(?:{'|'.join(map(re.escape, group))}))"
                for group in section.keywords
            )
            out[section.key] = re.compile(
                rf"(?:^|(?<=[\s\d。；！？”]))({numeral}、{says}"
                rf"(?:{_HEADING_CHAR}{{0,16}}?{_HEADING_END}|{_HEADING_CHAR}{{0,16}}?{_HEADING_END_WEAK}))"
            )
    return tuple(out.items())


def _cut_worded(piece: str, patterns: Sequence[re.Pattern[str]]) -> list[str]:
    """``piece`` cut before and after each heading worded otherwise that it runs in."""
    for pattern in patterns:
        m = pattern.search(piece)
        if m is not None:
            return [piece[: m.start(1)], m.group(1), *_cut_worded(piece[m.end(1) :], patterns)]
    return [piece]


_HALF_WIDTH_ITEM = re.compile(r"\(([一二三四五六七八九十]{1,2})\)")
_COMMA_ITEM = re.compile(r"(?<![\d.])([1-9])、")


def _official_numbering(text: str) -> str:
    """A table's text with its items numbered as the official labels are: ``(一)`` → ``（一）``,
    ``1、`` → ``1.`` (for cutting run-together rows at the labels; the rows are matched tolerantly after)."""
    return _COMMA_ITEM.sub(r"\1.", _HALF_WIDTH_ITEM.sub(r"（\1）", text))


def _table_pieces(
    body: str, labels: Sequence[str], followers: frozenset[str], rows: frozenset[str]
) -> list[str]:
    """A table's text run together, cut back into one line per row (and the prose after its last row)."""
    pieces: list[str] = []
    cut = _cut(_official_numbering(body), labels, followers)
    for k, (piece, label) in enumerate(cut):
        row, after = _prose_after(piece, label, rows) if k == len(cut) - 1 else (piece, "")
        pieces.extend(_table_lines(row, label, rows))
        pieces.append(after)
    return pieces


@frozen
class TextReader:
    """Reads reports as plain text (tab- or space-separated table rows)."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text")

    def sniff(self, head: bytes, name: str) -> float:
        """High when the text prints the official labels; a little for any ``.txt``."""
        if b"\x00" in head[:4096]:
            return 0.0
        stripped = head.lstrip()[:1]
        if stripped in (b"{", b"<", b"%", b"P"):
            return 0.0
        hits = sum(1 for k in _SNIFF_KEYS if k in head) or sum(1 for k in _SNIFF_GB if k in head)
        if hits >= 2:
            return 0.6
        return 0.2 if name.lower().endswith(self.suffixes) else 0.0

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        """Read a report from text bytes; :class:`~govdisclosure.errors.ReadError` if it holds none."""
        text = decode_text(data, source=source)
        document = text_document(text, source=source)
        lines = unglue_lines(document.lines, registry)
        if len(lines) != len(document.lines):
            document = Document(source=source, lines=tuple(lines))
        return assemble(document, registry=registry, reader=self.name)


@hookimpl
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register the text reader."""
    register(TextReader())
