"""Generate the Word (and Word→PDF) fixtures of the unseen set.

Run: ``.venv/bin/python tests/data/unseen/make_docx.py`` (the PDFs need LibreOffice ``soffice``).

The values are typed by hand below (they are the printed values, also entered by hand in the
``*.expected.json`` files); the tables are laid out the way a Word template of the official format is:
merged header cells (``cell.merge``), the vertical 三、本年度办理结果 and group labels merged down, 表四
with a three-row header.  The generated ``.docx`` files are committed; this script documents them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Cm
from docx.table import Table

HERE = Path(__file__).parent
TABLE_STYLE = ["Table Grid"]  # "Normal Table" = no borders (fixture 32)

T3_LABELS_2021 = [
    ("一、本年新收政府信息公开申请数量", None, None),
    ("二、上年结转政府信息公开申请数量", None, None),
    ("三、本年度办理结果", "（一）予以公开", None),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请"),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "三、本年度办理结果",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "三、本年度办理结果",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("三、本年度办理结果", "（六）其他处理", "3.其他"),
    ("三、本年度办理结果", "（七）总计", None),
    ("四、结转下年度继续办理", None, None),
]

# 15: a township, every （六） sub-row printed.
T3_15 = [
    "11 0 0 0 0 0 11",
    "1 0 0 0 0 0 1",
    "7 0 0 0 0 0 7",
    "1 0 0 0 0 0 1",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "3 0 0 0 0 0 3",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "1 0 0 0 0 0 1",
    "12 0 0 0 0 0 12",
    "0 0 0 0 0 0 0",
]
T4_15 = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"

# 16: a county bureau that prints （六）其他处理 as ONE row (2021 format, single_other_row).
T3_16 = [
    "42 5 0 0 1 2 50",
    "3 0 0 0 0 0 3",
    "20 3 0 0 1 1 25",
    "4 0 0 0 0 0 4",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "1 1 0 0 0 0 2",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "12 1 0 0 0 1 14",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "2 0 0 0 0 0 2",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "0 0 0 0 0 0 0",
    "1 0 0 0 0 0 1",
    "40 5 0 0 1 2 48",
    "5 0 0 0 0 0 5",
]
T4_16 = "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0"
# 32: 16's values with the three （六） sub-rows printed (the one 1 under 3.其他)
T3_16_FULL = [*T3_16[:20], "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "1 0 0 0 0 0 1", *T3_16[21:]]

# 17: a city-level aggregate converted Word -> PDF by LibreOffice; long prose pushes 表三 across a page break.
T3_17 = [
    "12,486 1,732 45 88 203 316 14,870",
    "521 97 2 3 11 26 660",
    "4,215 512 18 30 61 95 4,931",
    "1,102 231 6 9 25 40 1,413",
    "12 1 0 0 0 0 13",
    "25 4 0 0 1 0 30",
    "8 2 0 0 0 0 10",
    "96 38 1 0 5 4 144",
    "41 3 0 0 0 1 45",
    "187 22 0 2 4 6 221",
    "63 5 0 0 3 1 72",
    "210 9 0 0 12 3 234",
    "3,119 420 9 21 47 73 3,689",
    "402 86 3 5 10 17 523",
    "215 31 1 2 6 12 267",
    "1,204 78 0 6 9 22 1,319",
    "623 45 1 3 8 14 694",
    "38 2 0 0 0 1 41",
    "156 12 0 0 2 9 179",
    "72 6 0 1 1 2 82",
    "388 41 2 4 9 18 462",
    "17 2 0 0 0 1 20",
    "201 30 1 2 4 8 246",
    "12,394 1,580 42 85 207 327 14,635",
    "613 249 5 6 7 15 895",
]
T4_17 = "312 45 38 96 491 128 9 31 57 225 41 3 8 22 74"


def _widths(table: Table, cms: list[float]) -> None:
    """Fixed column widths (as a Word template sets them), so that numbers do not wrap."""
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, cms, strict=False):
            cell.width = Cm(w)


def _merge(table: Table, r0: int, c0: int, r1: int, c1: int, text: str) -> None:
    cell = table.cell(r0, c0).merge(table.cell(r1, c1))
    cell.text = text


def _table2(doc: Any, rows: list[tuple[str, list[str]]]) -> None:
    """表二 as one 4-column table; one-value blocks span three columns."""
    t = doc.add_table(rows=0, cols=4)
    t.style = TABLE_STYLE[0]
    for label, values in rows:
        cells = t.add_row().cells
        if not values:
            idx = len(t.rows) - 1
            _merge(t, idx, 0, idx, 3, label)
            continue
        cells[0].text = label
        if len(values) == 1:
            idx = len(t.rows) - 1
            _merge(t, idx, 1, idx, 3, values[0])
        else:
            for c, v in zip(cells[1:], values, strict=True):
                c.text = v


def _table3(doc: Any, values: list[str], single_other: bool) -> None:
    labels = list(T3_LABELS_2021)
    if single_other:
        labels = [lb for lb in labels if lb[1] != "（六）其他处理"]
        labels.insert(-2, ("三、本年度办理结果", "（六）其他处理", None))
    assert len(labels) == len(values)
    t = doc.add_table(rows=3 + len(labels), cols=10)
    t.style = TABLE_STYLE[0]
    _widths(t, [1.0, 2.2, 3.8] + [1.5] * 7)
    _merge(t, 0, 0, 2, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    _merge(t, 0, 3, 0, 9, "申请人情况")
    _merge(t, 1, 3, 2, 3, "自然人")
    _merge(t, 1, 4, 1, 8, "法人或其他组织")
    _merge(t, 1, 9, 2, 9, "总计")
    for c, text in zip(
        range(4, 9), ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], strict=True
    ):
        t.cell(2, c).text = text
    first_outcome = next(i for i, lb in enumerate(labels) if lb[1]) + 3
    last_outcome = max(i for i, lb in enumerate(labels) if lb[1]) + 3
    _merge(t, first_outcome, 0, last_outcome, 0, "三、本年度办理结果")
    i = 0
    while i < len(labels):
        top, group, item = labels[i]
        r = i + 3
        if group is None:
            _merge(t, r, 0, r, 2, top)
            i += 1
        elif item is None:
            _merge(t, r, 1, r, 2, group)
            i += 1
        else:
            j = i
            while j < len(labels) and labels[j][1] == group:
                t.cell(j + 3, 2).text = labels[j][2] or ""
                j += 1
            _merge(t, r, 1, j - 1 + 3, 1, group)
            i = j
    for k, vals in enumerate(values):
        for c, v in zip(range(3, 10), vals.split(), strict=True):
            t.cell(k + 3, c).text = v


def _table4(doc: Any, values: str, width: float = 1.16) -> None:
    t = doc.add_table(rows=4, cols=15)
    t.style = TABLE_STYLE[0]
    _widths(t, [width] * 15)
    if width < 1.0:  # a narrow table: the grid columns too (LibreOffice lays out by the grid)
        for col in t._tbl.tblGrid.gridCol_lst:
            col.w = Cm(width)
    _merge(t, 0, 0, 1, 4, "行政复议")
    _merge(t, 0, 5, 0, 14, "行政诉讼")
    _merge(t, 1, 5, 1, 9, "未经复议直接起诉")
    _merge(t, 1, 10, 1, 14, "复议后起诉")
    for c in range(15):
        t.cell(2, c).text = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"][c % 5]
    for c, v in enumerate(values.split()):
        t.cell(3, c).text = v


def _report(
    path: Path,
    title: str,
    year: int,
    intro: str,
    t2: list[tuple[str, list[str]]],
    t3: list[str],
    t4: str,
    single_other: bool,
    prose: int = 1,
    t4_width: float = 1.16,
) -> None:
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2)
    doc.add_heading(title, level=1)
    doc.add_paragraph(intro)
    doc.add_paragraph("一、总体情况")
    for _ in range(prose):
        doc.add_paragraph(
            f"{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实做好政府信息公开工作，"
            "围绕中心工作深化决策、执行、管理、服务、结果公开，持续加强政策解读和回应关切，"
            "规范依申请公开办理流程，强化政府信息管理和平台建设，政务公开质量和实效不断提升。"
        )
    doc.add_paragraph("二、主动公开政府信息情况")
    _table2(doc, t2)
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    _table3(doc, t3, single_other)
    doc.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    _table4(doc, t4, t4_width)
    doc.add_paragraph("五、存在的主要问题及改进情况")
    doc.add_paragraph("政府信息公开工作力量较为薄弱，信息更新不够及时。下一步将加强人员培训。")
    doc.add_paragraph("六、其他需要报告的事项")
    doc.add_paragraph("本年度未收取信息处理费。")
    doc.core_properties.author = "Administrator"
    doc.save(str(path))


def _t2_2021(rules: str, docs: str, lic: str, pen: str, coe: str, fee: str) -> list[tuple[str, list[str]]]:
    return [
        ("第二十条第（一）项", []),
        ("信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"]),
        ("规章", rules.split()),
        ("行政规范性文件", docs.split()),
        ("第二十条第（五）项", []),
        ("信息内容", ["本年处理决定数量"]),
        ("行政许可", [lic]),
        ("第二十条第（六）项", []),
        ("信息内容", ["本年处理决定数量"]),
        ("行政处罚", [pen]),
        ("行政强制", [coe]),
        ("第二十条第（八）项", []),
        ("信息内容", ["本年收费金额（单位：万元）"]),
        ("行政事业性收费", [fee]),
    ]


def _nested_report(path: Path) -> None:
    """27: the whole report inside a one-cell layout table (a common Word template), tables nested in it."""
    doc = Document()
    outer = doc.add_table(rows=1, cols=1)
    box = outer.cell(0, 0)
    box.paragraphs[0].text = "海宁市许村镇人民政府2023年政府信息公开工作年度报告"
    box.add_paragraph(
        "本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为2023年1月1日至2023年12月31日。"
    )
    box.add_paragraph("一、总体情况")
    box.add_paragraph("2023年，许村镇收到政府信息公开申请11件，上年结转1件，均已办结。")
    box.add_paragraph("二、主动公开政府信息情况")
    _table2(box, _t2_2021("0 0 0", "0 0 0", "0", "12", "0", "0"))
    box.add_paragraph("三、收到和处理政府信息公开申请情况")
    _table3(box, T3_15, single_other=False)
    box.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    _table4(box, T4_15)
    box.add_paragraph("五、存在的主要问题及改进情况")
    box.add_paragraph("基层政务公开工作力量薄弱。")
    box.add_paragraph("六、其他需要报告的事项")
    box.add_paragraph("无。")
    doc.save(str(path))


def main() -> None:
    """Write both fixtures next to this script."""
    _report(
        HERE / "15-docx-township-2023.docx",
        "桐乡市乌镇镇人民政府2023年政府信息公开工作年度报告",
        2023,
        "本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为2023年1月1日至2023年12月31日。",
        _t2_2021("0 0 0", "0 0 0", "0", "12", "0", "0"),
        T3_15,
        T4_15,
        single_other=False,
    )
    _report(
        HERE / "16-docx-bureau-single-other-2022.docx",
        "南京市玄武区财政局2022年政府信息公开工作年度报告",
        2022,
        "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自2022年1月1日起至2022年12月31日止。",
        _t2_2021("0 0 0", "2 1 13", "0", "3", "0", "0"),
        T3_16,
        T4_16,
        single_other=True,
    )
    _nested_report(HERE / "27-docx-nested-layout-table-2023.docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        word = Path(tmp) / "17-pdf-city-2023.docx"
        _report(
            word,
            "绍兴市人民政府2023年政府信息公开工作年度报告",
            2023,
            "本报告依据《中华人民共和国政府信息公开条例》第五十条编制，所列数据来自全市编制发布政府信息公开工作"
            "年度报告的单位，统计期限为2023年1月1日至2023年12月31日。",
            _t2_2021("6 2 128", "87 35 1,043", "286,531", "41,207", "3,119", "52,318.47"),
            T3_17,
            T4_17,
            single_other=False,
            prose=14,
        )
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(word)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shutil.copyfile(Path(tmp) / "17-pdf-city-2023.pdf", HERE / "17-pdf-city-2023.pdf")
        # 18: the same kind of city report whose 表四 is a narrow table: 3-digit numbers wrap inside cells.
        word = Path(tmp) / "18-pdf-split-narrow-2022.docx"
        _report(
            word,
            "嘉兴市人民政府2022年政府信息公开工作年度报告",
            2022,
            "本报告所列数据来自全市编制发布政府信息公开工作年度报告的单位，统计期限为2022年1月1日至2022年12月31日。",
            _t2_2021("6 2 128", "87 35 1,043", "286,531", "41,207", "3,119", "52,318.47"),
            T3_17,
            T4_17,
            single_other=False,
            prose=3,
            t4_width=0.62,
        )
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(word)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shutil.copyfile(Path(tmp) / "18-pdf-split-narrow-2022.pdf", HERE / "18-pdf-split-narrow-2022.pdf")
        # 32: a Word file whose tables have no borders (style "Normal Table"): no ruling lines in the PDF.
        TABLE_STYLE[0] = "Normal Table"
        word = Path(tmp) / "32-pdf-borderless-2023.docx"
        _report(
            word,
            "南通市崇川区教育体育局2023年政府信息公开工作年度报告",
            2023,
            "本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为2023年1月1日至2023年12月31日。",
            _t2_2021("0 0 0", "2 1 13", "0", "3", "0", "0"),
            T3_16_FULL,
            T4_16,
            single_other=False,
        )
        TABLE_STYLE[0] = "Table Grid"
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(word)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        shutil.copyfile(Path(tmp) / "32-pdf-borderless-2023.pdf", HERE / "32-pdf-borderless-2023.pdf")


if __name__ == "__main__":
    main()
