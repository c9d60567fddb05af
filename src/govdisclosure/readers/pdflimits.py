"""Deterministic work limits for the PDF reader: a hostile or huge PDF is refused, never a hang.

pdfminer interprets page content in pure Python (about half a megabyte of content stream per
second), decompresses streams without a size limit and expands form XObjects (``/Fm1 Do``) as
often as they are invoked, so a small file can ask for unbounded work (a "zip bomb" content stream,
forms that invoke forms a hundred times each, forms that invoke themselves).  Before a page is
interpreted its content is measured, and the reading stops with a
:class:`~govdisclosure.errors.ReadError` when

* the document has more than :data:`MAX_PAGES` pages (annual reports have a few dozen at most);
* the page content of the document, form XObjects counted as often as they are invoked, exceeds
  :data:`MAX_CONTENT_BYTES` once decompressed (a dense report page has about 40 KB);
* form XObjects nest deeper than :data:`MAX_FORM_DEPTH` or invoke themselves;
* an object is a reference to itself, directly or through other bare references (``4 0 obj 4 0 R
  endobj``): pdfminer's ``resolve1`` would follow such a chain forever.  :func:`guard_reference_cycles`
  makes ``PDFDocument.getobj`` raise ``PDFSyntaxError`` for such an object instead (installed once,
  when the reader first imports pdfminer; a chain that ends is returned exactly as before).

The limits count bytes and objects, not seconds: the same file is refused on every machine.
Padding, images and unused objects do not count (pdfminer never decodes images for the reader),
so a 50 MB scanned PDF is read in time linear in its size and refused for having no text layer.
Flate streams are decompressed here with a size limit, in chunks (a damaged stream keeps what
decodes, as pdfminer does, in linear time); pdfminer then uses the decoded bytes.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

from ..errors import ReadError

__all__ = ["MAX_CONTENT_BYTES", "MAX_FORM_DEPTH", "MAX_PAGES", "ContentBudget", "guard_reference_cycles"]

MAX_PAGES = 300
"""Longer PDFs are not annual reports; reading stops with a :class:`ReadError`."""
MAX_CONTENT_BYTES = 4 * 1024 * 1024
"""Decompressed page content (form XObjects counted per invocation) a document may have.

About a hundred dense report pages; pdfminer interprets real report content at roughly 0.5 MB
per second and the densest possible content (``q Q`` repeated) at about 0.06 MB per second."""
MAX_FORM_DEPTH = 16
"""Form XObjects nested deeper than this are refused."""

MAX_REFERENCE_CHAIN = 64
"""An object that is a bare reference may lead through at most this many others to a value."""

_CHUNK = 64 * 1024
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _name(raw: bytes) -> str:
    return _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


class ContentBudget:
    """The decompressed content a document may still use; :meth:`charge_page` before interpreting a page."""

    def __init__(self, source: str, limit: int | None = None) -> None:
        if limit is None:
            limit = MAX_CONTENT_BYTES
        self.source = source
        self.left = limit
        self.limit = limit
        self._expanded: dict[tuple[int, int], int] = {}

    def charge_page(self, page: Any) -> None:
        """Measure a pdfminer ``PDFPage`` (its content streams and the forms they invoke)."""
        from pdfminer.pdftypes import resolve1

        total = 0
        for item in page.contents:
            stream = resolve1(item)
            if _is_stream(stream):
                total += self._stream_size(stream)
                total += self._forms(stream, page.resources, depth=0, active=set())
        self._charge(total)

    def _charge(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise ReadError(
                f"PDF页面内容过大 page content too large (over {self.limit:,} bytes decompressed; "
                "not an annual report)",
                source=self.source,
            )

    def _stream_size(self, stream: Any) -> int:
        """Decode ``stream`` (bounded by what is left of the budget) and return its decoded size."""
        if stream.data is None:
            if not _plain_flate(stream):
                stream.get_data()
            else:
                stream.data = self._inflate(stream.rawdata or b"")
                stream.rawdata = None
        size = len(stream.data or b"")
        if size > self.left:
            self._charge(size)
        return size

    def _inflate(self, raw: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out: list[bytes] = []
        size = 0
        try:
            for start in range(0, len(raw), _CHUNK):
                piece = inflater.decompress(raw[start : start + _CHUNK], self.left + 1 - size)
                out.append(piece)
                size += len(piece)
                if size > self.left or inflater.unconsumed_tail:
                    self._charge(max(size, self.left + 1))
                if inflater.eof:
                    break
        except zlib.error:
            pass  # keep what decoded before the damage
        return b"".join(out)

    def _forms(self, stream: Any, resources: Any, *, depth: int, active: set[int]) -> int:
        """The content size of the form XObjects ``stream`` invokes, counted per invocation."""
        from pdfminer.pdftypes import dict_value, resolve1

        data = stream.data or b""
        if b"Do" not in data:
            return 0
        xobjects = dict_value(dict_value(resources).get("XObject")) if resources else {}
        total = 0
        counts: dict[str, int] = {}
        for match in _DO.finditer(data):
            name = _name(match.group(1))
            counts[name] = counts.get(name, 0) + 1
        for name, count in counts.items():
            form = resolve1(xobjects.get(name))
            if not _is_stream(form) or getattr(resolve1(form.attrs.get("Subtype")), "name", None) != "Form":
                continue
            if id(form) in active or depth >= MAX_FORM_DEPTH:
                raise ReadError(
                    "PDF表单对象嵌套过深或循环引用 form XObjects nested too deep or invoking themselves",
                    source=self.source,
                )
            own = form.attrs.get("Resources")
            scope = own if own else resources
            key = (id(form), id(scope))
            if key not in self._expanded:
                size = self._stream_size(form)
                inner = self._forms(form, scope, depth=depth + 1, active=active | {id(form)})
                self._expanded[key] = size + inner
            total += count * self._expanded[key]
            if total > self.left:
                self._charge(total)
        return total


def _is_stream(obj: Any) -> bool:
    from pdfminer.pdftypes import PDFStream

    return isinstance(obj, PDFStream)


def _plain_flate(stream: Any) -> bool:
    """A stream pdfminer would simply ``zlib.decompress`` (one FlateDecode filter, no predictor)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    if stream.decipher is not None:
        return False
    filters = stream.get_filters()
    return len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE and not filters[0][1]


def guard_reference_cycles() -> None:
    """Make pdfminer's ``PDFDocument.getobj`` refuse an object whose reference chain never ends.

    Idempotent.  Only objects whose value is itself a reference are followed (a few in real
    files); their chain is walked up to :data:`MAX_REFERENCE_CHAIN` steps and a cycle raises
    ``PDFSyntaxError`` (which the reader turns into a :class:`ReadError`).
    """
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.pdftypes import PDFObjectNotFound, PDFObjRef

    original = PDFDocument.getobj
    if getattr(original, "_gd_guarded", False):
        return

    def getobj(self: Any, objid: int) -> object:
        obj = original(self, objid)
        probe, seen = obj, {objid}
        while isinstance(probe, PDFObjRef):
            if probe.objid in seen or len(seen) > MAX_REFERENCE_CHAIN:
                raise PDFSyntaxError(f"circular reference: object {objid} refers to itself")
            seen.add(probe.objid)
            try:
                probe = original(self, probe.objid)
            except PDFObjectNotFound:
                break
        return obj

    getobj._gd_guarded = True  # type: ignore[attr-defined]
    getobj.__doc__ = original.__doc__
    PDFDocument.getobj = getobj  # type: ignore[method-assign]
