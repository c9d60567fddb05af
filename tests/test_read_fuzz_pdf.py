"""Fuzzing the PDF reader: malformed input of every kind gives a govdisclosure error (or a report),
never another exception and never a hang; hostile sizes are refused by deterministic limits.

Examples per run (hypothesis ``max_examples`` below), 10,240 in all: random bytes 3,500; a
``%PDF-1.x`` header over random bytes 3,000; hand-built PDFs with hostile pieces (operator soup,
huge strings, deep nesting, reference cycles, cycles in the page tree and in form XObjects, lying
page counts, bad fonts, broken stream lengths and cross-reference tables) 2,000; mutated
(truncated, flipped, shuffled) bytes of a generated one-page report 1,600; truncated real reports
60; chunk-shuffled and byte-flipped real reports 30; report pages of random label/number cells 50.
Plus explicit checks of the limits of :mod:`govdisclosure.readers.pdflimits` (page count,
decompressed content, form XObject bombs, self-invoking forms, reference cycles) and of reading
time growing linearly with padding.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_support import CORPUS
from govdisclosure.errors import GovDisclosureError, ReadError
from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers import pdflimits
from govdisclosure.readers.pdf import PdfReader
from govdisclosure.readers.pdflimits import MAX_CONTENT_BYTES, MAX_PAGES
from govdisclosure.reading import read_bytes
from pdf_fuzz_support import (
    CID_FONT,
    LATIN_FONT,
    many_pages_pdf,
    page_pdf,
    pdf_file,
    report_page_pdf,
    stream,
    table_ops,
    text_ops,
)

REG = default_registry()
REAL = [(CORPUS / name).read_bytes() for name in ("002-huaian-hongze-2024.pdf", "011-huaian-city-2024.pdf")]
FAST = {"deadline": None, "suppress_health_check": list(HealthCheck), "database": None}
HANG_SECONDS = 30
"""A generous per-input guard against hangs (the limits themselves count bytes, not seconds)."""


def only_documented_errors(data: bytes) -> None:
    start = time.perf_counter()
    try:
        result = read_bytes(data, source="fuzz.pdf", registry=REG, reader="pdf")
    except GovDisclosureError as exc:
        assert "fuzz.pdf" in str(exc)
    else:
        assert result.report is not None
    assert time.perf_counter() - start < HANG_SECONDS


# -- random bytes ----------------------------------------------------------------------------------


@settings(max_examples=3500, **FAST)
@given(st.binary(max_size=3000))
def test_pdf_random_bytes(data):
    only_documented_errors(data)


@settings(max_examples=3000, **FAST)
@given(st.sampled_from([b"1.0", b"1.4", b"1.7", b"2.0", b"9.9", b""]), st.binary(max_size=3000))
def test_pdf_header_random_body(version, body):
    only_documented_errors(b"%PDF-" + version + b"\n" + body)


# -- hand-built hostile PDFs -----------------------------------------------------------------------

LABELS = [
    "三、收到和处理政府信息公开申请情况",
    "一、本年新收政府信息公开申请数量",
    "（一）予以公开",
    "自然人",
    "总计",
    "行政复议",
    "结果维持",
    "规章",
    "第二十条第（一）项",
    "四、结转下年度继续办理",
    "3",
    "0",
    "-",
    "12,345",
]
OPERATORS = [
    b"BT",
    b"ET",
    b"/F1 12 Tf",
    b"/F2 9 Tf",
    b"/Nope 10 Tf",
    b"1 0 0 1 50 700 Tm",
    b"50 700 Td",
    b"<4E2D6587> Tj",
    b"(abc) Tj",
    b"[(a) -500 <4E2D> 120 (b)] TJ",
    b"T*",
    b"12 TL",
    b"(x) '",
    b'1 2 (y) "',
    b"q",
    b"Q",
    b"1 0 0 1 0 0 cm",
    b"0 0 0 0 0 0 cm",
    b"1e308 0 0 1e308 0 0 cm",
    b"0 0 m 100 0 l S",
    b"10 10 100 100 re f",
    b"10 10 100 100 re S",
    b"50 50 m 60 60 70 70 80 50 c h f",
    b"/Fm1 Do",
    b"/Fm2 Do",
    b"/Im9 Do",
    b"BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\x01\x02\x03 EI",
    b"BI /W 99999 /H 99999 ID",
    b"/P <</MCID 0>> BDC",
    b"/Span <</ActualText (x)>> BDC",
    b"EMC",
    b"0 Tz",
    b"3 Tr",
    b"0.5 g",
    b"1 0 0 RG",
    b"/GS1 gs",
    b"[3 2] 0 d",
    b"%comment\n",
    b"(\\",
    b")",
    b"<",
    b">>",
    b"[",
    b"]",
    b"<<",
    b"{",
    b"}",
    b"1 0 R",
    b"999999999999999999999999",
    b"-.",
    b"NaN",
    b"Tj",
    b"TJ",
    b"Tf",
    b"cm",
    b"Do",
]
FONTS = [
    CID_FONT,
    LATIN_FONT,
    b"<< /Type /Font /Subtype /Type3 >>",
    b"<< /Type /Font /Subtype /Type1 /FirstChar -5 /LastChar 99999999 /Widths [1 2 3] >>",
    b"<< /Type /Font /Subtype /Type0 /Encoding /NoSuchCMap /DescendantFonts [4 0 R] >>",
    b"<< /Type /Font /Subtype /Type0 /Encoding 8 0 R /DescendantFonts 4 0 R >>",
    b"<< /Type /Font /Subtype /TrueType /FontDescriptor << /FontFile2 8 0 R /FontBBox [1 2] >> >>",
    b"<< /Type /Font /Subtype /Type1 /FontDescriptor << /FontFile 8 0 R >> /ToUnicode 8 0 R >>",
    b"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 8 0 R "
    b"/DescendantFonts [<< /Subtype /CIDFontType2 /W [1 [2 3] 5 9 -1] /DW (x) >>] >>",
    b"4 0 R",
    b"null",
    b"[1 2 3]",
]
PAGE_TREES = [
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",
    b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    b"<< /Type /Pages /Kids [3 0 R 3 0 R 2 0 R] /Count -1 >>",
    b"<< /Type /Pages /Kids 3 0 R /Count 1 >>",
    b"<< /Type /Pages /Kids [1 0 R] >>",
    b"<< /Type /Pages /Kids [3 0 R 99 0 R (x)] /Count 2 >>",
    b"<< /Type /Pages >>",
]
MEDIA_BOXES = [b"[0 0 595 842]", b"[0 0 0 0]", b"[0 0 1e30 1e30]", b"[(a) 1]", b"[842 595 0 0]", b"9 0 R"]
CONTENTS = [b"5 0 R", b"[5 0 R 5 0 R]", b"[5 0 R 99 0 R]", b"[]", b"3 0 R", b"[5 0 R 6 0 R]"]
EXTRAS = [b"", b"/Rotate 90", b"/Rotate 45", b"/Rotate 1000000000", b"/Parent 3 0 R", b"/Annots 9 0 R"]
FORM = b"/Type /XObject /Subtype /Form /BBox [0 0 100 100]"


@st.composite
def content_soup(draw) -> bytes:
    parts = draw(st.lists(st.sampled_from(OPERATORS), max_size=60))
    out = bytearray(b"\n".join(parts))
    for _ in range(draw(st.integers(0, 3))):
        n = draw(st.integers(1, 20_000))
        kind = draw(st.sampled_from(["string", "hex", "array", "dict", "text", "table", "number"]))
        if kind == "string":
            out += b"\nBT /F1 10 Tf (" + b"A" * n + b") Tj ET"
        elif kind == "hex":
            out += b"\nBT /F1 10 Tf <" + b"4E2D" * n + b"> Tj ET"
        elif kind == "array":
            out += b"\n" + b"[" * n + b"]" * draw(st.integers(0, n))
        elif kind == "dict":
            out += b"\n" + b"<< /A " * n + b">>" * draw(st.integers(0, n))
        elif kind == "text":
            out += text_ops(50, 700, draw(st.sampled_from(LABELS)) * min(n, 500))
        elif kind == "table":
            cells = st.lists(st.sampled_from(LABELS), min_size=1, max_size=8)
            out += table_ops(draw(st.lists(cells, min_size=1, max_size=12)))
        else:
            out += b"\n" + b"9" * min(n, 5000) + b" 0 Td"
    return bytes(out)


@st.composite
def hostile_pdf(draw) -> bytes:
    content = draw(content_soup())
    length = draw(st.sampled_from(["ok", "short", "long", "ref"]))
    body = stream(content, flate=draw(st.booleans()))
    if length != "ok":
        head, _, rest = body.partition(b" ")
        _, _, rest = rest.partition(b" ")
        fake = {"short": b"3", "long": b"99999999", "ref": b"99 0 R"}[length]
        body = head + b" " + fake + b" " + rest
    form_content = draw(st.sampled_from([b"/Fm1 Do", b"/Fm2 Do " * 50, text_ops(10, 10, "自然人"), b""]))
    forms = [
        stream(form_content, extra=FORM),
        stream(draw(st.sampled_from([b"/Fm1 Do", b"/Fm2 Do", b"q Q"])), extra=FORM),
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /Length 1 >>\nstream\nx\nendstream",
        b"null",
    ]
    depth = draw(st.integers(0, 5000))
    nested = draw(st.sampled_from([b"[" * depth + b"]" * depth, b"<< /A " * depth + b">>" * depth, b"9 0 R"]))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        draw(st.sampled_from(PAGE_TREES)),
        b"<< /Type /Page /Parent 2 0 R /MediaBox "
        + draw(st.sampled_from(MEDIA_BOXES))
        + b" /Contents "
        + draw(st.sampled_from(CONTENTS))
        + b" /Resources << /Font << /F1 4 0 R /F2 4 0 R >> /XObject << /Fm1 6 0 R /Fm2 7 0 R >> >> "
        + draw(st.sampled_from(EXTRAS))
        + b" >>",
        draw(st.sampled_from(FONTS)),
        body,
        draw(st.sampled_from(forms)),
        draw(st.sampled_from(forms)),
        stream(draw(st.binary(max_size=300)) + draw(st.sampled_from([b"", b"begincmap beginbfchar <01>"]))),
        nested,
    ]
    return pdf_file(
        objects,
        root=draw(st.sampled_from([1, 1, 1, 2, 99])),
        version=draw(st.sampled_from([b"1.4", b"1.7"])),
        xref=draw(st.sampled_from(["good", "good", "none", "wrong"])),
    )


@settings(max_examples=2000, **FAST)
@given(hostile_pdf())
def test_pdf_hand_built_hostile(data):
    only_documented_errors(data)


# -- mutated reports -------------------------------------------------------------------------------


@st.composite
def mutated(draw, base: bytes, max_ops: int = 6):
    data = bytearray(base)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(["truncate", "flip", "delete", "insert", "swap"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if op == "truncate":
            del data[i:]
        elif op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 4096))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        else:
            j = draw(st.integers(0, len(data) - 1))
            a, b = sorted((i, j))
            n = min(draw(st.integers(1, 2048)), b - a)
            data[a : a + n], data[b : b + n] = data[b : b + n], data[a : a + n]
    return bytes(data)


SMALL_REPORT = report_page_pdf(
    "某县人民政府2023年政府信息公开工作年度报告",
    [
        ["三、收到和处理政府信息公开申请情况", "自然人", "总计"],
        ["一、本年新收政府信息公开申请数量", "3", "3"],
        ["二、上年结转政府信息公开申请数量", "0", "0"],
        ["（一）予以公开", "2", "2"],
    ],
    ["一、总体情况", "本年度共收到申请3件。"],
)


@settings(max_examples=1600, **FAST)
@given(mutated(SMALL_REPORT))
def test_pdf_mutated_generated_report(data):
    only_documented_errors(data)


@settings(max_examples=50, **FAST)
@given(
    st.lists(st.lists(st.sampled_from(LABELS), min_size=1, max_size=9), min_size=1, max_size=30),
    st.lists(st.sampled_from(LABELS), max_size=10),
)
def test_pdf_random_report_pages(rows, lines):
    only_documented_errors(report_page_pdf("2023年政府信息公开工作年度报告", rows, lines))


@settings(max_examples=60, **FAST)
@given(st.sampled_from(REAL), st.floats(0.0, 1.0))
def test_pdf_truncated_real(data, fraction):
    only_documented_errors(data[: int(len(data) * fraction)])


@settings(max_examples=30, **FAST)
@given(st.sampled_from(REAL).flatmap(lambda base: mutated(base, max_ops=3)))
def test_pdf_mutated_bytes(data):
    only_documented_errors(data)


# -- deterministic limits --------------------------------------------------------------------------

LINE = text_ops(50, 700, "本年度共收到政府信息公开申请3件。")


def _refused(data: bytes, words: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(data, source="big.pdf", registry=REG, reader="pdf")
    assert words in str(info.value) and "big.pdf" in str(info.value)


def test_too_many_pages_refused():
    _refused(many_pages_pdf(MAX_PAGES + 1, LINE), "too many pages")


def test_lying_page_count_is_harmless():
    doc = PdfReader().document(many_pages_pdf(3, LINE, count=10**9), source="x.pdf", registry=REG)
    assert [ln.provenance.page for ln in doc.lines] == [1, 2, 3]


def test_content_over_the_limit_refused():
    # a 20 KB "zip bomb": the content stream inflates past the limit (never interpreted)
    bomb = b"q Q\n" * (MAX_CONTENT_BYTES // 4 + 1)
    data = pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(bomb, flate=True),
        ]
    )
    assert len(data) < MAX_CONTENT_BYTES // 100
    _refused(data, "page content too large")


def test_content_limit_counts_the_whole_document(monkeypatch):
    """Pages under the limit one by one, over it together (a shared stream is counted per page)."""
    monkeypatch.setattr(pdflimits, "MAX_CONTENT_BYTES", 40 * len(LINE))
    doc = PdfReader().document(many_pages_pdf(40, LINE), source="x.pdf", registry=REG)
    assert len(doc.lines) == 40
    _refused(many_pages_pdf(41, LINE), "page content too large")


def test_content_limit_is_large_enough_for_long_reports():
    """A hundred pages of 40 KB (a dense table page of the corpus has about that much content)."""
    assert MAX_CONTENT_BYTES >= 100 * 40_000


def test_form_bomb_refused():
    """Forms invoking forms 2,000 times each would make pdfminer draw 4 million forms."""
    data = page_pdf(
        b"/Fm1 Do\n" * 2000,
        extra_objects=[stream(b"/Fm2 Do\n" * 2000, extra=FORM), stream(LINE, extra=FORM)],
    )
    _refused(data, "page content too large")


@pytest.mark.parametrize(
    "forms",
    [
        [stream(b"/Fm1 Do", extra=FORM), stream(b"", extra=FORM)],
        [stream(b"/Fm2 Do", extra=FORM), stream(b"/Fm1 Do", extra=FORM)],
    ],
)
def test_self_invoking_forms_refused(forms):
    _refused(page_pdf(LINE + b"/Fm1 Do", extra_objects=forms), "form XObjects")


def test_forms_within_the_limits_are_read():
    data = page_pdf(b"/Fm1 Do\n", extra_objects=[stream(b"/Fm2 Do\n", extra=FORM), stream(LINE, extra=FORM)])
    doc = PdfReader().document(data, source="x.pdf", registry=REG)
    assert [ln.text for ln in doc.lines] == ["本年度共收到政府信息公开申请3件。"]


def _padded(report: bytes, megabytes: float) -> bytes:
    """``report`` with an unreferenced padding stream object inserted before the cross-reference table."""
    pad = stream(bytes(range(256)) * int(megabytes * 4096))
    head, sep, tail = report.partition(b"xref\n")
    objects = head.count(b" 0 obj\n")
    padded = head + b"%d 0 obj\n" % (objects + 1) + pad + b"\nendobj\n"
    # the xref offsets before the padding are unchanged; the table itself moved
    return padded + sep + tail.replace(b"startxref\n%d" % len(head), b"startxref\n%d" % len(padded))


def test_fifty_megabytes_of_padding_read_like_the_report():
    small = PdfReader().document(SMALL_REPORT, source="x.pdf", registry=REG)
    big = _padded(SMALL_REPORT, 50)
    assert len(big) > 50 * 1024 * 1024
    doc = PdfReader().document(big, source="x.pdf", registry=REG)
    assert [ln.text for ln in doc.lines] == [ln.text for ln in small.lines]


def test_reading_time_grows_linearly_without_a_cross_reference_table():
    """Without an xref pdfminer scans the whole file for objects: twice the bytes, about twice the time."""

    def cost(megabytes: float) -> float:
        data = _padded(SMALL_REPORT, megabytes)
        data = data[: data.index(b"xref\n")] + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
        start = time.perf_counter()
        only_documented_errors(data)
        return time.perf_counter() - start

    cost(0.5)  # warm up
    small, large = cost(1), cost(4)
    assert large < small * 4 * 2.5


@pytest.mark.parametrize(
    ("font", "trailer"),
    [
        (b"4 0 R", b""),  # the font object is a reference to itself
        (b"6 0 R", b""),  # 4 -> 6 -> 7 -> 4
        (CID_FONT, b"/Info 6 0 R"),  # the document information is a cycle (read before any page)
    ],
)
def test_reference_cycles_refused(font, trailer):
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>",
        font,
        stream(LINE),
        b"7 0 R",
        b"4 0 R" if font != CID_FONT else b"6 0 R",
    ]
    _refused(pdf_file(objects, trailer_extra=trailer), "circular reference")


def test_reference_chains_that_end_are_followed():
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>",
        b"6 0 R",
        stream(LINE),
        CID_FONT,
    ]
    doc = PdfReader().document(pdf_file(objects), source="x.pdf", registry=REG)
    assert [ln.text for ln in doc.lines] == ["本年度共收到政府信息公开申请3件。"]
