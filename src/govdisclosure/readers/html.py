"""Built-in plugin: the HTML reader (web pages, Word-pasted HTML, crawled pages).

The page is decoded (BOM, declared charset, UTF-8, GB18030), parsed into text lines and table grids
(:mod:`govdisclosure.readers.htmlgrid`) and handed to the shared label-anchored assembly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..errors import GovDisclosureError, ReadError
from ..plugins import hookimpl
from ..reading import ReadResult
from .base import Document
from .grids import assemble_document, report_labels
from .htmlgrid import html_document

__all__ = ["HtmlReader", "gd_register_readers"]

_TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
"""Text and Markdown may quote some markup; the tag alone does not make them web pages."""
_MARKUP = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|table|div|p|tr|td)[\s>/]", re.I)


@frozen
class HtmlReader:
    """Reads a report published as an HTML page (the whole page or a fragment)."""

    name: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".shtml", ".xhtml")

    def sniff(self, head: bytes, name: str) -> float:
        """0.9 for markup that opens like HTML, 0.5 for an HTML suffix with some markup, else 0."""
        text = head[:8192]
        if text.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = text.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
        stripped = text.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if stripped.startswith((b"<!doctype html", b"<html")):
            return 0.9
        if _MARKUP.search(text):
            if name.lower().endswith(self.suffixes):
                return 0.8
            return 0.25 if name.lower().endswith(_TEXT_SUFFIXES) else 0.6
        if name.lower().endswith(self.suffixes) and b"<" in text:
            return 0.3
        return 0.0

    def document(self, data: bytes, *, source: str, registry: Any) -> Document:
        """The text lines and report grids of the page (before assembly)."""
        try:
            return html_document(data, source=source, labels=report_labels(registry))
        except GovDisclosureError:
            raise
        except (
            RecursionError,
            MemoryError,
            ValueError,
            AssertionError,
            IndexError,
            KeyError,
            TypeError,
        ) as exc:
            raise ReadError(
                f"无法解析HTML cannot parse the HTML: {type(exc).__name__}", source=source
            ) from exc

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        """Read the report on an HTML page; :class:`ReadError` if the page holds none."""
        document = self.document(data, source=source, registry=registry)
        return assemble_document(document, registry=registry, reader=self.name)


@hookimpl
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register the HTML reader."""
    register(HtmlReader())
