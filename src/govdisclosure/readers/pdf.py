"""Built-in plugin: the PDF reader (needs the ``[pdf]`` extra: ``pip install 'govdisclosure[pdf]'``).

pdfplumber is imported only when a PDF is read; without it reading a PDF raises
:class:`~govdisclosure.errors.ReadError` saying which extra to install.  The page text and the
ruled tables (:mod:`govdisclosure.readers.pdfgrid`) go to the shared label-anchored assembly.
A damaged or hostile PDF raises :class:`~govdisclosure.errors.ReadError`; the work done on a PDF
is bounded by :mod:`govdisclosure.readers.pdflimits` (at most 300 pages and 4 MB of decompressed
page content).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..plugins import hookimpl
from ..reading import ReadResult
from .base import Document
from .grids import assemble_document, report_labels
from .pdfgrid import pdf_document

__all__ = ["PdfReader", "gd_register_readers"]


@frozen
class PdfReader:
    """Reads a report published as a PDF with a text layer (scanned PDFs need OCR first)."""

    name: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def sniff(self, head: bytes, name: str) -> float:
        """0.95 for bytes that start like a PDF (``%PDF-`` within the first kilobyte)."""
        if b"%PDF-" in head[:1024]:
            return 0.95
        return 0.0

    def document(self, data: bytes, *, source: str, registry: Any) -> Document:
        """The text lines and report grids of the PDF (before assembly)."""
        return pdf_document(data, source=source, labels=report_labels(registry))

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        """Read the report in a PDF; :class:`~govdisclosure.errors.ReadError` if it holds none."""
        return assemble_document(
            self.document(data, source=source, registry=registry), registry=registry, reader=self.name
        )


@hookimpl
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register the PDF reader."""
    register(PdfReader())
