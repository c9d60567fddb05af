"""Fuzzing the HTML reader: malformed input of every kind gives a govdisclosure error
(or a report), never another exception and never a hang (the Word reader: ``test_read_fuzz_docx.py``;
the PDF reader: ``test_read_fuzz_pdf.py``, 10,240 examples).

Examples per run (hypothesis, ``max_examples`` below): HTML 10,350 (random bytes 3,500; tag soup with
deep nesting, unclosed and stray tags, huge spans 4,500; declared encodings over random bytes 1,500;
mutated (truncated, shuffled, flipped) report pages 700; huge cells and deep nesting 150).  Linear
reading time (up to 50 MB): ``test_read_fuzz_linear.py``.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_support import report_from_expected
from govdisclosure.errors import GovDisclosureError
from govdisclosure.plugins.registry import default_registry
from govdisclosure.reading import read_bytes

REG = default_registry()
REPORT = report_from_expected("102")
HTML_REPORT = REG.writers["html"].write(REPORT)
FAST = {"deadline": 2000, "suppress_health_check": list(HealthCheck), "database": None}


def only_documented_errors(data: bytes, reader: str) -> None:
    try:
        result = read_bytes(data, source=f"fuzz.{reader}", registry=REG, reader=reader)
    except GovDisclosureError as exc:
        assert str(exc)
        return
    assert result.report is not None


# -- HTML ------------------------------------------------------------------------------------------

FRAGMENTS = [
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<td rowspan=3>",
    "<td colspan=99999>",
    "<td rowspan=0 colspan=-1>",
    "<td rowspan='abc'>",
    "<tbody>",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<br>",
    "<span>",
    "</span>",
    "<o:p>",
    "</o:p>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![if !x]>",
    "<![endif]>",
    "<!DOCTYPE html>",
    "<meta charset=gbk>",
    "<nav>",
    "</nav>",
    "<div class=footer>",
    "&nbsp;",
    "&#0;",
    "&#xFFFFFF;",
    "&amp",
    "<",
    ">",
    "</",
    "<a href='",
    "'",
    '"',
    "1",
    "22",
    "0",
    "-",
    "/",
    "—",
    "（其中修订16件）",
    "一、本年新收政府信息公开申请数量",
    "（一）予以公开",
    "三、收到和处理政府信息公开申请情况",
    "自然人",
    "总计",
    "行政复议",
    "结果维持",
    "规章",
    "第二十条第（一）项",
    "\x00",
    "\ufeff",
    "\n",
    " ",
]


@settings(max_examples=3500, **FAST)
@given(st.binary(max_size=3000))
def test_html_random_bytes(data):
    only_documented_errors(data, "html")


@settings(max_examples=4500, **FAST)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=120))
def test_html_tag_soup(parts):
    only_documented_errors("".join(parts).encode("utf-8"), "html")


@settings(max_examples=1500, **FAST)
@given(
    st.sampled_from(["gbk", "gb2312", "utf-8", "big5", "latin-1", "utf-16", "x-unknown", "gb18030", ""]),
    st.binary(max_size=2000),
)
def test_html_declared_encodings(charset, body):
    only_documented_errors(f"<html><head><meta charset={charset}></head><body>".encode() + body, "html")


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


@settings(max_examples=700, **FAST)
@given(mutated(HTML_REPORT))
def test_html_mutated_report(data):
    only_documented_errors(data, "html")


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    st.integers(1, 5_000),
    st.sampled_from(
        [
            "1",
            "中",
            "<span>1</span>",
            "<div>",
            "<table><tr><td>",
            "<a href='x",
            "<td rowspan=9999 colspan=9999>",
            "<!--",
            "&#",
        ]
    ),
)
def test_html_huge_cells_and_nesting(n, unit):
    start = time.perf_counter()
    only_documented_errors(
        f"<table><tr><td>自然人</td><td>总计</td><td>{unit * n}</td></tr></table>".encode(), "html"
    )
    assert time.perf_counter() - start < 20
