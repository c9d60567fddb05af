"""The Markdown reader: OCR and LLM conversions of published reports.

Such conversions print the tables as pipe tables, often in fragments: one table per section or
per page, generic headers (``| 列1 | 列2 |``) instead of the real ones, ``<br>`` inside cells,
HTML entities, ``**`` bold marks and ``#`` headings.  Each table row becomes a line of
tab-separated cells (a ``<br>`` inside a label joins the pieces, inside a number cell it keeps
the numbers apart), everything else stays a text line, and the shared label-anchored
:func:`~govdisclosure.readers.assemble.assemble` does the rest (it never relies on headers).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from attrs import frozen

from ..findings import Provenance
from ..plugins import hookimpl
from ..reading import ReadResult
from .assemble import assemble
from .base import Document, TextLine
from .normalize import parse_value
from .text import _SNIFF_KEYS, decode_text

__all__ = ["MarkdownReader", "markdown_document"]

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_FLAT_LABEL = re.compile(r"(?<=\s)[·・](?=\s)")  # lookarounds: no backtracking over long blanks
_ESCAPE = re.compile(r"\\([\\`*_\[\]<>|#~&!$.\-+=()])")
_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(.*?)\1$")


def _looks_like_separator(line: str) -> bool:
    """A cheap pre-check (the regex would backtrack over long runs of blanks)."""
    body = line.strip()
    return "-" in body and not body.strip("|-: \t")


def _unescape(text: str) -> str:
    """Undo Markdown backslash escapes and emphasis around a whole cell."""
    t = text.strip()
    m = _EMPHASIS.match(t)
    if m and m.group(2):
        t = m.group(2)
    return _ESCAPE.sub(r"\1", t)


def _cell(text: str) -> str:
    parts = [p.strip() for p in _BR.split(text)]
    parts = [_TAG.sub("", p).strip() for p in parts]
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(parse_value(p) is not None for p in parts):
        return "\t".join(parts)  # numbers stacked in one cell stay separate cells
    return "".join(parts).replace("\t", " ")


def _table_row(line: str) -> str | None:
    """The tab-joined cells of a pipe-table row, or ``None`` if ``line`` is not one."""
    s = line.strip()
    if not s.startswith("|") and s.count("|") < 2:
        return None
    cells = _PIPE_SPLIT.split(s)
    if s.startswith("|"):
        cells = cells[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        cells = cells[:-1]
    fields: list[str] = []
    for c in cells:
        fields.extend(_fields(c))
    return "\t".join(fields)


@lru_cache(maxsize=4096)
def _fields(cell: str) -> tuple[str, ...]:
    """The cell's text; a flattened label "三、本年度办理结果 · （三）不予公开 · 1.…" is several cells."""
    if not any(ch in cell for ch in "<\\*_·・&\t"):
        return (cell.strip(),)
    return tuple(_cell(_unescape(part)) for part in _FLAT_LABEL.split(cell))


_GENERIC = re.compile(r"^(?:列|栏|第\s*\d+\s*列|col(?:umn)?\s*_?)\s*\d*$", re.IGNORECASE)


def _is_generic_header(row: str) -> bool:
    if "列" not in row and "栏" not in row and "col" not in row.lower():
        return False
    cells = [c.strip() for c in row.split("\t") if c.strip()]
    return bool(cells) and all(_GENERIC.match(c) for c in cells)


def markdown_document(text: str, *, source: str) -> Document:
    """The lines of a Markdown text; pipe-table rows become tab-separated lines."""
    lines: list[TextLine] = []
    page = 1
    for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = raw.rstrip("\r")
        if "\f" in line:
            page += line.count("\f")
        if not line.strip() or (_looks_like_separator(line) and _SEPARATOR_ROW.match(line)):
            continue  # blank lines only separate Markdown paragraphs: a section's text is one line each
        row = _table_row(line)
        if row is not None and _is_generic_header(row):
            continue  # "| 列1 | 列2 |": a converter's made-up header, not printed text
        if row is None:
            prose = _BR.sub(" ", line) if "<" in line else line
            out = _ESCAPE.sub(r"\1", prose) if "\\" in prose else prose
        else:
            out = row
        if "&" in out:
            out = html.unescape(out)
        out = out.replace("\xa0", " ")
        lines.append(TextLine(text=out, provenance=Provenance(source=source, page=page, line=n)))
    return Document(source=source, lines=tuple(lines))


@frozen
class MarkdownReader:
    """Reads reports converted to Markdown (pipe tables in fragments, generic headers, ``<br>``)."""

    name: str = "markdown"
    suffixes: tuple[str, ...] = (".md", ".markdown")

    def sniff(self, head: bytes, name: str) -> float:
        """High for pipe tables with the official labels; some for any ``.md`` file."""
        if b"\x00" in head[:4096]:
            return 0.0
        pipes = head.count(b"|") >= 6 and (b"---" in head or b"| ---" in head)
        hits = sum(1 for k in _SNIFF_KEYS if k in head)
        if pipes and hits >= 1:
            return 0.7
        return 0.3 if name.lower().endswith(self.suffixes) else 0.0

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        """Read a report from Markdown bytes; :class:`~govdisclosure.errors.ReadError` if it holds none."""
        text = decode_text(data, source=source)
        return assemble(markdown_document(text, source=source), registry=registry, reader=self.name)


@hookimpl
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register the Markdown reader."""
    register(MarkdownReader())
