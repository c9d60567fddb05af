"""The Word reader: merged cells (gridSpan / vMerge / gridBefore), content order, bad files, and round
trips through the DOCX writer."""

from __future__ import annotations

import io
import random
import sys
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_support import CORPUS, report_from_expected
from govdisclosure import CellRef
from govdisclosure.errors import ReadError
from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers.docx import DocxReader
from govdisclosure.readers.html import HtmlReader
from govdisclosure.reading import read_bytes
from govdisclosure.testing.kit import check_reader
from grid_roundtrip_support import ALL_VARIANT_REPORTS, REGISTRY, comparable, wrong_values

REG = default_registry()


def read_docx(data: bytes):
    return read_bytes(data, source="report.docx", registry=REG, reader="docx")


def _docx_from_document(document) -> bytes:
    """Re-typeset a reader Document in Word: paragraphs, and tables whose merged cells are merged again."""
    out = docx.Document()
    grids = iter(document.grids)
    table_rows = {
        ln.provenance.element.split("/")[0]
        for ln in document.lines
        if (ln.provenance.element or "").startswith("table[")
    }
    done: set[str] = set()
    for line in document.lines:
        element = line.provenance.element or ""
        if element.startswith("table["):
            name = element.split("/")[0]
            if name in done:
                continue
            done.add(name)
            grid = next(grids)
            width = len(grid[0].cells)
            table = out.add_table(rows=len(grid), cols=width)
            spans: dict[object, list[tuple[int, int]]] = {}
            for r, row in enumerate(grid):
                for c, cell in enumerate(row.cells):
                    key = (
                        cell.provenance.element
                        if cell.provenance.element and "/td[" in cell.provenance.element
                        else (r, c)
                    )
                    spans.setdefault(key, []).append((r, c))
            for positions in spans.values():
                (r0, c0), (r1, c1) = positions[0], positions[-1]
                target = table.cell(r0, c0)
                if (r1, c1) != (r0, c0):
                    target = target.merge(table.cell(r1, c1))
                target.text = grid[r0].cells[c0].text
        else:
            out.add_paragraph(line.text)
    assert len(done) == len(table_rows)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_crawled_report_retypeset_in_word():
    """102 (HTML) → Word with the same merged cells → read: every cell as in 102.expected.json."""
    page = (CORPUS / "102-shuyang-fagaiju-2023.html").read_bytes()
    document = HtmlReader().document(page, source="102", registry=REG)
    data = _docx_from_document(document)
    result = read_docx(data)
    want = report_from_expected("102")
    assert result.report.cells == want.cells
    assert result.report.agency.name == want.agency.name and result.report.year == want.year
    ref = next(r for r in want.resolved.cells if r.table == "requests")
    assert result.provenance[ref].element.startswith("table[")


def test_merged_cells_expanded():
    d = docx.Document()
    d.add_paragraph("标题")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "第二十条第（一）项"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "信息内容"
    t.cell(1, 1).text, t.cell(1, 2).text = "规章", "1"
    t.cell(2, 1).text, t.cell(2, 2).text = "行政许可", "2"
    buf = io.BytesIO()
    d.save(buf)
    doc = DocxReader().document(buf.getvalue(), source="m.docx", registry=REG)
    (grid,) = doc.grids
    assert [[c.text for c in row.cells] for row in grid] == [
        ["第二十条第（一）项"] * 3,
        ["信息内容", "规章", "1"],
        ["信息内容", "行政许可", "2"],
    ]
    assert [[c.spanned for c in row.cells] for row in grid] == [
        [False, True, True],
        [False, False, False],
        [True, False, False],
    ]
    assert doc.lines[0].text == "标题" and doc.lines[0].provenance.element == "p[1]"


def test_bad_files():
    with pytest.raises(ReadError, match=r"report\.docx"):
        read_docx(b"PK\x03\x04 not really a zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ReadError):
        read_docx(buf.getvalue())
    with pytest.raises(ReadError, match=r"\.docx"):
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def test_not_a_report():
    d = docx.Document()
    d.add_paragraph("会议通知")
    buf = io.BytesIO()
    d.save(buf)
    with pytest.raises(ReadError, match="三、收到和处理政府信息公开申请情况"):
        read_docx(buf.getvalue())


def test_missing_extra(monkeypatch):
    data = REG.writers["docx"].write(report_from_expected("102"))
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ReadError, match=r"govdisclosure\[docx\]"):
        read_docx(data)


def test_sniff():
    data = REG.writers["docx"].write(report_from_expected("102"))
    assert DocxReader().sniff(data[:65536], "x.bin") >= 0.6
    assert DocxReader().sniff(b"<html>", "x.docx") == 0.0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ALL_VARIANT_REPORTS)
def test_roundtrip(report):
    """Every variant (the example regional plugin included), all layout features drawn."""
    data = REGISTRY.writer("docx").write(report)
    got = read_bytes(data, source="r.docx", registry=REGISTRY, reader="docx")
    assert got.report.layout is report.layout
    assert comparable(got.report) == comparable(report)
    assert {ref for ref, v in got.report.items() if v is not None} <= set(got.provenance)


def test_plugin_kit_conformance():
    """The plugin author kit's reader checks (protocol, sniff, garbage input, writer round trips)."""
    check_reader(REGISTRY.readers["docx"], registry=REGISTRY, max_examples=3)


def test_layout_table_cells_read_like_the_body():
    """A Word template boxing the report in layout tables: the cells' paragraphs are text lines in order,
    the table nested in a cell is a grid; a one-column frame is text; a metadata table is dropped."""
    d = docx.Document()
    outer = d.add_table(rows=2, cols=1)
    top = outer.cell(0, 0)
    top.paragraphs[0].text = "某某局2023年政府信息公开工作年度报告"
    top.add_paragraph("一、总体情况")
    box = outer.cell(1, 0)
    box.paragraphs[0].text = "二、主动公开政府信息情况"
    inner = box.add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "规章", "1"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "行政许可", "2"
    box.add_paragraph("表后文字")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "框内文字"
    meta = d.add_table(rows=1, cols=2)
    meta.cell(0, 0).text, meta.cell(0, 1).text = "索引号", "123"
    buf = io.BytesIO()
    d.save(buf)
    doc = DocxReader().document(buf.getvalue(), source="box.docx", registry=REG)
    assert [(ln.text, ln.provenance.element) for ln in doc.lines] == [
        ("某某局2023年政府信息公开工作年度报告", "table[1]/tr[1]/td[1]/p[1]"),
        ("一、总体情况", "table[1]/tr[1]/td[1]/p[2]"),
        ("二、主动公开政府信息情况", "table[1]/tr[2]/td[1]/p[1]"),
        ("规章\t1", "table[2]/tr[1]"),
        ("行政许可\t2", "table[2]/tr[2]"),
        ("表后文字", "table[1]/tr[2]/td[1]/p[3]"),  # python-docx puts an empty paragraph after a cell table
        ("框内文字", "table[3]/tr[1]/td[1]/p[1]"),
    ]
    (grid,) = doc.grids
    assert [[c.text for c in row.cells] for row in grid] == [["规章", "1"], ["行政许可", "2"]]


@pytest.mark.parametrize("name", ["r.doc", "R.WPS", "r.docx"])
def test_old_binary_word_and_wps_files_are_refused_clearly(name: str) -> None:
    # an OLE compound file (Word 97–2003 .doc, WPS 文字 .wps): not readable, and the message says what to do
    data = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + "政府信息公开".encode("utf-16-le")
    with pytest.raises(ReadError, match=r"另存为\.docx"):
        read_bytes(data, source=name, registry=default_registry())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ALL_VARIANT_REPORTS, st.integers(0, 2**32))
def test_misread_labels_in_every_cell_never_give_a_wrong_value(report, seed) -> None:
    """OCR'd Word tables: one character of about half the label cells misread (``口然人``,
    ``一、本年口口政府信息公开申请数量``), headers included.  Rows and columns may stay unread, but no value
    read may differ from the one printed."""
    rnd = random.Random(seed)
    document = docx.Document(io.BytesIO(REGISTRY.writer("docx").write(report)))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for run in (r for p in cell.paragraphs for r in p.runs[:1]):
                    han = [i for i, ch in enumerate(run.text) if "\u4e00" <= ch <= "\u9fff"]
                    if len(han) >= 3 and rnd.random() < 0.5:
                        i = rnd.choice(han)
                        run.text = run.text[:i] + "口" + run.text[i + 1 :]
    buf = io.BytesIO()
    document.save(buf)
    got = read_bytes(buf.getvalue(), source="r.docx", registry=REGISTRY, reader="docx")
    assert wrong_values(got.report, report) == {}


def test_category_subtotal_rows_above_misread_labels_are_no_subtotal_column() -> None:
    """表三 with category 小计 rows (unseen fixture 12's printed values) typeset in Word, the labels of
    the rows above 1.属于国家秘密 misread: the header ends at the first row read (that one), and the
    (三) 小计 row above it is no 法人或其他组织小计 column header — no column may shift."""
    from unseen_support import report_from_expected

    report = report_from_expected("12-category-subtotals-2024")
    assert "category_subtotals" in report.features and "legal_entity_subtotal" not in report.features
    document = docx.Document(io.BytesIO(REGISTRY.writer("docx").write(report)))
    misread = {"本年新收": "本年口收", "上年结转": "上口结转", "予以公开": "予口公开", "部分公开": "部口公开"}
    misread.update({"不予公开": "不口公开", "本年度办理结果": "本年度办口结果"})
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for run in (r for p in cell.paragraphs for r in p.runs):
                    for word, typo in misread.items():
                        run.text = run.text.replace(word, typo)
    buf = io.BytesIO()
    document.save(buf)
    got = read_bytes(buf.getvalue(), source="r.docx", registry=REGISTRY, reader="docx")
    assert "legal_entity_subtotal" not in got.report.features
    state_secret = CellRef("requests", "withheld.state_secret", "commercial")
    assert got.report[state_secret] == report[state_secret]
    assert wrong_values(got.report, report) == {}
