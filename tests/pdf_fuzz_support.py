"""A tiny PDF writer for tests: objects, a cross-reference table, content streams with text operators.

``pdf_file`` lays out numbered objects with a correct ``xref`` table (or none, or a wrong one);
``stream`` makes a stream object (optionally Flate-compressed); ``report_page_pdf`` draws a page of
text lines and a ruled table whose cells hold the given strings (Chinese text through the
predefined ``UniGB-UCS2-H`` CMap, so no font program is needed).  The hypothesis strategies of
:mod:`test_read_fuzz_pdf` combine these with hostile pieces (huge strings, deep nesting, cycles,
bad fonts, bombs).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

CID_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
    b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>] >>"
)
"""A Type0 font that pdfminer maps to Unicode without any embedded data."""
LATIN_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_file(
    objects: Sequence[bytes],
    *,
    root: int = 1,
    version: bytes = b"1.4",
    xref: str = "good",
    trailer_extra: bytes = b"",
) -> bytes:
    """A PDF file of ``objects`` (object *i* is ``objects[i - 1]``); ``xref``: good, none or wrong."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    start = len(out)
    if xref != "none":
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % (off + (7 if xref == "wrong" else 0))
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (len(objects) + 1, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % (start if xref != "none" else 0)
    return bytes(out)


def stream(data: bytes, *, extra: bytes = b"", flate: bool = False) -> bytes:
    """A stream object body (dictionary + data), Flate-compressed on request."""
    if flate:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def ucs2(text: str) -> bytes:
    """A hex string for the ``UniGB-UCS2-H`` font (BMP characters only)."""
    return b"<" + "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF).encode() + b">"


def text_ops(x: float, y: float, text: str, size: float = 10.0) -> bytes:
    """Content-stream operators showing ``text`` at (x, y) in the CID font ``/F1``."""
    return b"BT /F1 %.2f Tf %.2f %.2f Td %s Tj ET\n" % (size, x, y, ucs2(text))


def table_ops(rows: Sequence[Sequence[str]], *, x: float = 40, top: float = 700) -> bytes:
    """A ruled table: every cell bordered, each cell's text inside it (a wide first column)."""
    height = 20.0
    ncols = max((len(r) for r in rows), default=0)
    edges = [x + (0 if c == 0 else 250 + 45 * (c - 1)) for c in range(ncols + 1)]
    out = bytearray(b"0.5 w\n")
    for r in range(len(rows) + 1):
        y = top - r * height
        out += b"%.2f %.2f m %.2f %.2f l S\n" % (x, y, edges[-1], y)
    for edge in edges:
        out += b"%.2f %.2f m %.2f %.2f l S\n" % (edge, top, edge, top - len(rows) * height)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            out += text_ops(edges[c] + 2, top - (r + 1) * height + 6, text, size=8)
    return bytes(out)


def page_pdf(content: bytes, *, fonts: bytes = b"/F1 4 0 R", extra_objects: Sequence[bytes] = ()) -> bytes:
    """A one-page PDF: catalog 1, pages 2, page 3, CID font 4, content 5, then ``extra_objects`` (6, …)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << " + fonts + b" >> /XObject << /Fm1 6 0 R /Fm2 7 0 R >> >> >>",
        CID_FONT,
        stream(content),
        *extra_objects,
    ]
    return pdf_file(objects)


def report_page_pdf(title: str, rows: Sequence[Sequence[str]], lines: Sequence[str] = ()) -> bytes:
    """A one-page PDF with a title, text lines and a ruled table of ``rows``."""
    content = bytearray(text_ops(50, 780, title, size=14))
    for i, line in enumerate(lines):
        content += text_ops(50, 760 - 14 * i, line)
    content += table_ops(rows, top=740 - 14 * len(lines))
    return page_pdf(bytes(content))


def many_pages_pdf(pages: int, content: bytes = b"", *, count: int | None = None) -> bytes:
    """A PDF of ``pages`` pages sharing one content stream (``count``: the /Count printed)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (pages if count is None else count),
        CID_FONT,
        stream(content),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> >>"
    ] * pages
    return pdf_file(objects)
