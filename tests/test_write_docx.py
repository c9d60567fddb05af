"""The DOCX writer: customary fonts, A4, merged cells as in the template, deterministic bytes."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.shared import Mm

from corpus_support import report_from_expected
from govdisclosure.writers.docx import render_docx
from writer_support import zip_names_and_times


def _doc(data: bytes):  # type: ignore[no-untyped-def]
    return docx.Document(io.BytesIO(data))


def test_fonts_page_and_headings() -> None:
    report = report_from_expected("011")
    d = _doc(render_docx(report))
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    normal = d.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.get(qn("w:asciiTheme")) is None
    heading = d.styles["Heading 1"].element.rPr.rFonts
    assert heading.get(qn("w:eastAsia")) == "黑体"
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert report.title is None
    assert d.paragraphs[0].text == f"{report.agency.name}{report.year}年政府信息公开工作年度报告"
    title_fonts = d.paragraphs[0].runs[0].element.rPr.rFonts
    assert title_fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    with zipfile.ZipFile(io.BytesIO(render_docx(report_from_expected("011")))) as z:
        fonts = z.read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:altName w:val="仿宋"' in fonts


def test_tables_have_the_template_merges() -> None:
    d = _doc(render_docx(report_from_expected("011")))
    assert len(d.tables) == 3
    requests = d.tables[1]
    tcs = requests._tbl.xpath(".//w:tc")
    spans = [
        int(tc.tcPr.gridSpan.val) if tc.tcPr is not None and tc.tcPr.gridSpan is not None else 1 for tc in tcs
    ]
    assert 7 in spans and 5 in spans  # 申请人情况, 法人或其他组织
    vertical = requests._tbl.xpath(".//w:textDirection")
    assert len(vertical) == 1  # 三、本年度办理结果
    first_column = [row.cells[0].text for row in requests.rows]
    assert first_column.count("三、本年度办理结果") == 22
    assert sum(1 for r in requests.rows if r._tr.trPr is not None and r._tr.trPr.xpath("w:tblHeader")) == 3
    appeals = d.tables[2]
    assert len(appeals.columns) == 15 and len(appeals.rows) == 4
    assert sum(c.width for c in appeals.rows[3].cells) <= Mm(157)


def test_deterministic_bytes_and_fixed_timestamps() -> None:
    report = report_from_expected("001")
    data = render_docx(report)
    assert data == render_docx(report)
    assert {t for _, t in zip_names_and_times(data)} == {(1980, 1, 1, 0, 0, 0)}
    props = _doc(data).core_properties
    assert props.created is not None and (props.created.year, props.created.month, props.created.day) == (
        2024,
        1,
        1,
    )
    assert props.modified == props.created


def test_derived_in_italics_on_request() -> None:
    from govdisclosure import NATIONAL_2021, build_report

    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    plain = _doc(render_docx(report))
    marked = _doc(render_docx(report, mark_derived=True))

    def italics(d) -> int:  # type: ignore[no-untyped-def]
        return sum(
            1
            for t in d.tables
            for tc in t._tbl.xpath(".//w:tc")
            for r in tc.xpath(".//w:r")
            if r.xpath("w:rPr/w:i")
        )

    assert italics(plain) == 0
    assert italics(marked) == len(report.derived)
