"""Text whose tables a converter printed with pipes between the cells reads cell for cell.

Web pages turned into text by the common converters (and the stored copies of published pages) print each
table row as its cells between ``|``: ``信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |``,
``规章 | 0 | 0 | 0 |``, with or without a leading pipe and a Markdown rule line, a blank cell as
``|  |``.  The rows are built here from the official layout's grid as the HTML writer prints it (one
line per table row, merged-cell copies left out, blank cells kept), independently of the text reader.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes
from govdisclosure.testing.strategies import reports

REGISTRY = make_registry(entry_points=False)
STYLES = {
    "pages": lambda cells: " | ".join(cells) + " |",  # 规章 | 0 | 0 | 0 |
    "markdown": lambda cells: "| " + " | ".join(cells) + " |",  # | 规章 | 0 | 0 | 0 |
    "full-width": "｜".join,  # 规章｜0｜0｜0
    "ocr": " 丨 ".join,  # OCR reads a table's rules as 丨
    "box": lambda cells: "│" + "│".join(cells) + "│",  # box-drawing borders
}


def pipe_text(report: Report, style: str, *, rules: bool) -> str:
    """The report as the HTML writer prints it, each table row as its cells between pipes."""
    page = REGISTRY.writer("html").write(report)
    document = REGISTRY.readers["html"].document(page, source="r.html", registry=REGISTRY)
    out: list[str] = []
    for line in document.lines:
        if line.provenance.element and "/tr[" in line.provenance.element:
            cells = line.text.split("\t")
            out.append(STYLES[style](cells))
            if rules and line.provenance.element.endswith("/tr[1]"):
                out.append("| " + " | ".join("---" for _ in cells) + " |")  # a Markdown rule under the header
        else:
            out.append(line.text)
    return "\n".join(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports),
    st.sampled_from(sorted(STYLES)),
    st.booleans(),
)
def test_pipe_tables_read_cell_for_cell(report: Report, style: str, rules: bool) -> None:
    text = pipe_text(report, style, rules=rules)
    got = read_bytes(text.encode("utf-8"), source="r.txt", registry=REGISTRY, reader="text")
    assert got.report.layout is report.layout
    assert got.report.features == report.features
    assert got.report.cells == report.cells
    assert got.report.annotations == report.annotations
    assert {ref for ref, v in got.report.items() if v is not None} <= set(got.provenance)


def test_a_stored_page_by_hand() -> None:
    # the shape of a stored copy of a published page (上海市人民政府参事室 2022, 表二 as printed there)
    rows = [
        "二、主动公开政府信息情况",
        "第二十条第(一)项 | |||",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "规章 | 0 | 0 | 0 |",
        "行政规范性文件 | 2 | 1 | 7 |",
        "第二十条第(五)项 | |||",
        "信息内容 | 本年处理决定数量 | ||",
        "行政许可 | 3 | ||",
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | | | | | | |",
        "| 自然人 | 法人或其他组织 | | | | | 总计 |",
        "| | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |",
        "一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
    ]
    got = read_bytes("\n".join(rows).encode(), source="p.txt", registry=REGISTRY, reader="text")
    r = got.report
    assert r.layout is NATIONAL_2021
    normative = r.regulations.normative_documents
    assert (normative.issued, normative.repealed, normative.in_force) == (2, 1, 7)
    assert r.licensing.licensing.decisions == 3
    assert r.requests.received.natural_person == 5 and r.requests.received.total == 6
    total = next(ref for ref in r.resolved.cells if str(ref) == "requests.received.total")
    assert got.provenance[total].raw == "6"
