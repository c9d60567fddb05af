"""The text reader: reports as plain text extracted from PDFs and web pages.

Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; splits the text into lines
(form feeds mark page breaks, each line keeps its page and line number) and hands them to the
shared, label-anchored :func:`~govdisclosure.readers.assemble.assemble`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..errors import ReadError
from ..findings import Provenance
from ..plugins import hookimpl
from ..reading import ReadResult
from .assemble import assemble
from .base import Document, TextLine
from .normalize import label_key

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
    # no "\r" is left after the replacements: each piece is the line as printed
    for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        lines.append(TextLine(text=line, provenance=Provenance(source=source, page=page, line=n)))
        if pages:
            page += line.count("\f")
    return Document(source=source, lines=tuple(lines))


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
        return assemble(text_document(text, source=source), registry=registry, reader=self.name)


@hookimpl
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register the text reader."""
    register(TextReader())
