"""The HTML reader: encodings, markup quirks of real sites, spans, placeholders, page furniture,
and round trips through the HTML writer (plain and mangled the way real sites mangle it)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_support import CORPUS, report_from_expected
from govdisclosure.cells import Placeholder
from govdisclosure.errors import ReadError
from govdisclosure.layout import CellRef
from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers.grids import clean_text
from govdisclosure.readers.html import HtmlReader
from govdisclosure.readers.htmlgrid import decode_html
from govdisclosure.reading import read_bytes
from govdisclosure.testing.kit import check_reader
from grid_roundtrip_support import ALL_VARIANT_REPORTS, LAYOUTS, REGISTRY, comparable

REG = default_registry()
PAGE = (CORPUS / "102-shuyang-fagaiju-2023.html").read_bytes()
WRITER = REG.writers["html"]
_CELL = re.compile(r'(<td data-ref="([^"]+)"[^>]*>)([^<]*)(</td>)')


def read_html(data: bytes, source: str = "page.html"):
    return read_bytes(data, source=source, registry=REG, reader="html")


def base_report():
    return report_from_expected("102")


def test_crawled_page_cells():
    assert read_html(PAGE).report.cells == base_report().cells


def test_sniff():
    reader = HtmlReader()
    assert reader.sniff(PAGE[:4096], "x.bin") >= 0.9
    assert reader.sniff(b"<table><tr><td>1</td></tr></table>", "x.htm") > 0.5
    assert reader.sniff(b"%PDF-1.7", "x.pdf") == 0.0
    assert reader.sniff(b"just text", "x.txt") == 0.0


# -- encodings ------------------------------------------------------------------------------------


def _as_gbk(page: bytes, declared: str | None) -> bytes:
    text = page.decode("utf-8").replace('<meta charset="utf-8" />', "")
    if declared:
        text = text.replace(
            "<head>", f'<head><meta http-equiv="Content-Type" content="text/html; charset={declared}">'
        )
    return text.encode("gb18030")


@pytest.mark.parametrize("declared", ["gbk", "GB2312", "gb18030", None, "utf-8"])
def test_gbk_pages(declared):
    """Declared GBK/GB2312/GB18030, undeclared, and GBK bytes wrongly declared as UTF-8."""
    data = _as_gbk(PAGE, declared)
    text, _enc = decode_html(data)
    assert "沭阳县发展和改革局" in text
    result = read_html(data)
    assert result.report.cells == base_report().cells
    assert result.report.agency.name == "沭阳县发展和改革局"


def test_utf8_bom_and_utf16():
    assert read_html(b"\xef\xbb\xbf" + PAGE).report.cells == base_report().cells
    utf16 = b"\xff\xfe" + PAGE.decode("utf-8").encode("utf-16-le")
    assert read_html(utf16).report.cells == base_report().cells


# -- cell text --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "printed_text"),
    [
        ("１２３", "123"),
        ("1,234", "1234"),
        ("１，２３４", "1234"),
        ("7,730.28", "7730.28"),
        ("\u00a012\u00a0", "12"),
        ("-", "-"),
        ("—", "—"),
        ("/", "/"),
        ("", ""),
        ("22（其中修订16件）", "22（其中修订16件）"),
        ("三\n、\n本\n年\n度", "三、本年度"),
        (
            "（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
    ],
)
def test_clean_text(raw, printed_text):
    assert clean_text(raw) == printed_text


def _grid_of(html: str):
    doc = HtmlReader().document(html.encode(), source="t.html", registry=REG)
    return doc


def test_spans_rowspan_colspan_and_word_markup():
    html = """<html><body><table class=MsoTableGrid>
    <tr><td rowspan=2 colspan=2><p class=MsoNormal><span>信息内容</span><o:p></o:p></p></td>
        <td colspan=2>本年制发件数</td></tr>
    <tr><td>本年废止件数</td><td>现行有效件数</td></tr>
    <tr><td colspan=2>规章</td><td><span>1</span><span lang=EN-US>2</span></td><td>&nbsp;</td></tr>
    </table></body></html>"""
    (grid,) = _grid_of(html).grids
    texts = [[c.text for c in row.cells] for row in grid]
    spanned = [[c.spanned for c in row.cells] for row in grid]
    assert texts == [
        ["信息内容", "信息内容", "本年制发件数", "本年制发件数"],
        ["信息内容", "信息内容", "本年废止件数", "现行有效件数"],
        ["规章", "规章", "12", ""],
    ]
    assert spanned == [[False, True, False, True], [True, True, False, False], [False, True, False, False]]
    assert grid[2].cells[2].provenance.element == "table[1]/tr[3]/td[2]"


def test_metadata_table_navigation_and_scripts_ignored():
    doc = HtmlReader().document(PAGE, source="p.html", registry=REG)
    assert len(doc.grids) == 3  # the page-metadata table (名称/索引号/发布机构) is not a report table
    texts = [ln.text for ln in doc.lines]
    assert not any("索引号" in t for t in texts)
    assert not any("getElementById" in t for t in texts)
    assert "六、其他需要报告的事项" in texts


def test_layout_table_around_the_report():
    """Old sites wrap the whole page in a layout table; the report tables inside are still grids."""
    inner = PAGE.decode("utf-8")
    start, end = inner.index("<ucapcontent>"), inner.index("</ucapcontent>")
    wrapped = (
        f"<html><body><table><tr><td><div class=nav-menu><a>首页</a></div></td></tr>"
        f"<tr><td>{inner[start:end]}</td></tr></table></body></html>"
    )
    result = read_html(wrapped.encode())
    assert result.report.cells == base_report().cells


def test_report_inside_a_region_named_like_navigation():
    """Some sites put the report in ``<div class="share-content">``; it is still read."""
    inner = PAGE.decode("utf-8")
    start, end = inner.index("<ucapcontent>"), inner.index("</ucapcontent>")
    page = f"<html><body><div class='share-content'>{inner[start:end]}</div></body></html>"
    assert read_html(page.encode()).report.cells == base_report().cells


def test_placeholder_blank_and_annotation():
    r = base_report()
    ref_dash = CellRef("requests", "received", "commercial")
    ref_ann = CellRef("regulations", r.resolved.table("regulations").row_paths[1], "issued")
    html = WRITER.write(r).decode("utf-8")
    html = html.replace(f'<td data-ref="{ref_dash}"></td>', f'<td data-ref="{ref_dash}">-</td>')
    html = html.replace(f'<td data-ref="{ref_ann}">8</td>', f'<td data-ref="{ref_ann}">8（其中修订3件）</td>')
    result = read_html(html.encode())
    assert result.report[ref_dash] is Placeholder.HYPHEN
    assert result.report[ref_ann] == 8
    assert "其中修订3件" in result.report.annotations[ref_ann]
    assert result.report[CellRef("requests", "received", "research")] is None  # blank stays None, never 0


def test_not_a_report():
    with pytest.raises(ReadError, match="三、收到和处理政府信息公开申请情况"):
        read_html(
            "<html><body><p>通知公告</p><table><tr><td>a</td><td>b</td></tr></table></body></html>".encode()
        )
    with pytest.raises(ReadError):
        read_html(b"<html></html>")


# -- round trips --------------------------------------------------------------------------------------

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_variant_is_covered():
    assert {"national-2019", "national-2021", "hubei-2020"} <= {layout.id for layout in LAYOUTS}


def read_all(data: bytes):
    return read_bytes(data, source="page.html", registry=REGISTRY, reader="html")


@SETTINGS
@given(ALL_VARIANT_REPORTS)
def test_roundtrip(report):
    got = read_all(REGISTRY.writer("html").write(report))
    assert got.report.layout is report.layout
    assert comparable(got.report) == comparable(report)
    assert {ref for ref, v in got.report.items() if v is not None} <= set(got.provenance)


def _mangle_number(text: str, how: int) -> str:
    if not text or not re.fullmatch(r"\d+(\.\d+)?", text):
        return text
    if how == 1 and len(text) > 1:
        return f"<span>{text[0]}</span><span lang=EN-US style='font-size:10.5pt'>{text[1:]}</span>"
    if how == 2:
        return f"&nbsp;{text}&nbsp;"
    if how == 3:
        return text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    if how == 4 and "." not in text and len(text) > 3:
        return f"{int(text):,}"
    if how == 5:
        return f"<p class=MsoNormal align=center><span>{text}<o:p></o:p></span></p>"
    return text


@st.composite
def mangled(draw):
    report = draw(ALL_VARIANT_REPORTS)
    html = REGISTRY.writer("html").write(report).decode("utf-8")
    hows = draw(st.lists(st.integers(0, 5), min_size=1, max_size=8))
    counter = iter(range(10**9))
    html = _CELL.sub(
        lambda m: m.group(1) + _mangle_number(m.group(3), hows[next(counter) % len(hows)]) + m.group(4), html
    )
    if draw(st.booleans()):  # page furniture around the report
        html = html.replace(
            "<body>",
            "<body><div class=header><ul class=nav><li>首页</li><li>政务公开</li></ul></div>"
            "<table><tr><td>索引号</td><td>123/2024-1</td></tr></table><div class=wrap>",
            1,
        )
        html = html.replace("</body>", "</div><div class=footer>版权所有 网站标识码</div></body>", 1)
    encoding = draw(st.sampled_from(["utf-8", "gbk"]))
    if encoding == "gbk":
        html = re.sub(r'<meta charset="utf-8">', '<meta charset="gbk">', html, flags=re.I)
        data = html.encode("gb18030")
    else:
        data = html.encode("utf-8")
    return report, data


@SETTINGS
@given(mangled())
def test_roundtrip_mangled(case):
    report, data = case
    got = read_all(data).report
    assert comparable(got) == comparable(report)


def test_mangled_amount_keeps_decimal():
    r = base_report()
    fees = r.resolved.table("fees")
    ref = CellRef("fees", fees.row_paths[0], fees.column_keys[0])
    r = r.with_cells({ref: Decimal("7730.28")})
    html = WRITER.write(r).decode().replace(">7730.28<", "><span>7,7</span><span>30.28</span><")
    assert read_html(html.encode()).report[ref] == Decimal("7730.28")


def test_plugin_kit_conformance():
    """The plugin author kit's reader checks (protocol, sniff, garbage input, writer round trips)."""
    check_reader(REGISTRY.readers["html"], registry=REGISTRY, max_examples=3)
