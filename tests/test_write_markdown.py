"""The Markdown writer: GFM tables with merged cells flattened, escaped report text."""

from __future__ import annotations

from corpus_support import report_from_expected
from govdisclosure import NATIONAL_2021, build_report
from govdisclosure.writers.markdown import escape_markdown, render_markdown
from writer_support import md_tables, md_unescape


def test_tables_are_flattened_with_group_labels() -> None:
    text = render_markdown(report_from_expected("011"))
    tables = md_tables(text)
    assert len(tables) == 4 + 1 + 1  # the four blocks of 表二, 表三, 表四
    header, body = tables[4]
    assert header[1:] == [
        "自然人",
        "法人或其他组织 · 商业企业",
        "法人或其他组织 · 科研机构",
        "法人或其他组织 · 社会公益组织",
        "法人或其他组织 · 法律服务机构",
        "法人或其他组织 · 其他",
        "总计",
    ]
    assert len(body) == 25
    assert body[4][0] == "三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密"
    header, body = tables[5]
    assert header[1:] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [r[0] for r in body] == ["行政复议", "行政诉讼 · 未经复议直接起诉", "行政诉讼 · 复议后起诉"]
    assert "**第二十条第（八）项**" in text
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in text


def test_report_text_cannot_form_markup() -> None:
    hostile = "# 标题\n<script>alert(1)</script> *强调* [链接](http://x) | 表格\n- 列表\n1. 编号"
    report = build_report(
        NATIONAL_2021, agency="某县人民政府", year=2024, missing=0, sections={"overview": hostile}
    )
    text = render_markdown(report)
    assert (
        "<script>" not in text
        and "\n# 标题" not in text
        and "\n- 列表" not in text
        and "\n1. 编号" not in text
    )
    assert "[链接](" not in text and "*强调*" not in text
    for line in hostile.split("\n"):
        assert md_unescape(escape_markdown(line)) == line


def test_derived_values_in_italics_on_request() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    plain, marked = render_markdown(report), render_markdown(report, mark_derived=True)
    assert "*0*" not in plain
    assert marked.count("*0*") == len(report.derived)
