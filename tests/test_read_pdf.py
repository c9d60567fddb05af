"""The PDF reader: page text with page/line provenance, page numbers, tables across pages, errors."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from corpus_support import CORPUS
from govdisclosure.errors import ReadError
from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers.pdf import PdfReader
from govdisclosure.readers.pdftext import positioned_lines
from govdisclosure.reading import read_bytes
from govdisclosure.testing.kit import check_reader

REG = default_registry()
PDF_011 = (CORPUS / "011-huaian-city-2024.pdf").read_bytes()


def _blank_pdf() -> bytes:
    """A valid one-page PDF without any text (what a scan without OCR looks like to us)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.fixture(scope="module")
def doc011():
    return PdfReader().document(PDF_011, source="011.pdf", registry=REG)


def test_text_lines_have_page_and_line(doc011):
    assert doc011.lines[0].provenance.page == 1 and doc011.lines[0].provenance.line == 1
    pages = [ln.provenance.page for ln in doc011.lines]
    assert pages == sorted(pages) and pages[-1] == 6
    assert "六、其他需要报告的事项" in [ln.text for ln in doc011.lines]


def test_page_numbers_dropped(doc011):
    assert not any(re.fullmatch(r"[-—\s]*\d{1,3}[-—\s]*", ln.text) for ln in doc011.lines)


def test_table_across_pages_is_one_grid(doc011):
    """The 依申请 table breaks after the 不掌握 row; the label （四）无法提供 is split by the break."""
    (table3,) = [
        g for g in doc011.grids if any(c.text == "四、结转下年度继续办理" for r in g for c in r.cells)
    ]
    rows = [[c.text for c in r.cells] for r in table3]
    unable = [r for r in rows if r[1] == "（四）无法提供"]
    assert len(unable) == 3  # the group label spans its three rows across the page break
    assert all(r[0] == "三、本年度办理结果" for r in rows if re.match("（[一二三四五六七]）", r[1]))
    pages = {c.provenance.page for r in table3 for c in r.cells if c.text == "1"}
    assert pages == {4, 5}


def test_multi_line_labels_joined(doc011):
    labels = {c.text for g in doc011.grids for r in g for c in r.cells}
    assert "3、其他" in labels
    assert any(t.startswith("1、申请人无正当理由逾期不补正、行政机关不再处理") for t in labels)


def test_sniff():
    assert PdfReader().sniff(PDF_011[:1024], "x.bin") >= 0.9
    assert PdfReader().sniff(b"<html>", "x.pdf") == 0.0


def test_errors_name_the_file():
    with pytest.raises(ReadError, match=r"bad\.pdf"):
        read_bytes(b"%PDF-1.4\n garbage", source="bad.pdf", registry=REG, reader="pdf")
    with pytest.raises(ReadError, match=r"cut\.pdf"):
        read_bytes(PDF_011[: len(PDF_011) // 3], source="cut.pdf", registry=REG, reader="pdf")
    with pytest.raises(ReadError, match="OCR"):
        read_bytes(_blank_pdf(), source="scan.pdf", registry=REG, reader="pdf")


def test_missing_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(ReadError, match=r"govdisclosure\[pdf\]"):
        read_bytes(PDF_011, source="a.pdf", registry=REG, reader="pdf")


def test_plugin_kit_conformance():
    """The plugin author kit's reader checks (protocol, sniff and garbage input; no PDF writer exists)."""
    check_reader(REG.readers["pdf"], registry=REG, max_examples=3)


def _line(top: float, *cells: tuple[float, str], size: float = 10.0) -> dict[str, object]:
    """A pdfplumber-like text line: each ``(x, text)`` set in ``size``-point characters one size wide."""
    chars = [
        {
            "text": ch,
            "x0": x + i * size,
            "x1": x + (i + 1) * size,
            "top": top,
            "bottom": top + size,
            "size": size,
        }
        for x, text in cells
        for i, ch in enumerate(text)
    ]
    return {"text": " ".join(t for _x, t in cells), "top": top, "chars": chars}


def test_borderless_table_cells_kept_apart_and_wrapped_labels_joined():
    """A table without ruling lines: cells TAB-separated (no CJK gluing of label and digits), labels
    wrapped inside narrow cells joined to their row, a new numbered label or a prose line not."""
    lines = [
        _line(100, (50, "行政规范性文件"), (200, "2"), (250, "1"), (300, "13")),
        _line(124, (50, "（三）"), (100, "1.属于"), (200, "0"), (250, "3"), (300, "3")),
        _line(138, (50, "不予公"), (100, "国家秘")),
        _line(152, (50, "开"), (100, "密")),
        _line(176, (100, "2.其他"), (200, "1"), (250, "0"), (300, "1")),
        _line(190, (100, "法律行政法规禁止公开")),
        _line(204, (100, "3.危及")),
        _line(230, (50, "本报告依据条例编制。")),
        _line(244, (50, "第二十条第（一）项")),
    ]
    got = positioned_lines(list(enumerate(lines, start=1)))
    assert [(n, text) for n, _top, text, _raw in got] == [
        (1, "行政规范性文件\t2\t1\t13"),
        (2, "（三）不予公开\t1.属于国家秘密\t0\t3\t3"),
        (5, "2.其他法律行政法规禁止公开\t1\t0\t1"),
        (7, "3.危及"),
        (8, "本报告依据条例编制。"),
        (9, "第二十条第（一）项"),
    ]


def test_borderless_rows_set_tight_stay_apart():
    """Rows one line pitch apart (no cell padding): an unnumbered label on a line printing numbers
    starts a row, and prose below the table (reaching past the label cell) is not joined to it."""
    lines = [
        _line(100, (50, "规章"), (200, "0"), (250, "0")),
        _line(112, (50, "行政规范性文件"), (200, "2"), (250, "1")),
        _line(124, (50, "本年度全县规范性文件均已按要求公开并备案。")),
    ]
    got = positioned_lines(list(enumerate(lines, start=1)))
    assert [text for _n, _top, text, _raw in got] == [
        "规章\t0\t0",
        "行政规范性文件\t2\t1",
        "本年度全县规范性文件均已按要求公开并备案。",
    ]


def test_pdf_prose_lines_wrapped_by_the_page_are_joined_into_paragraphs() -> None:
    from corpus_support import CORPUS
    from govdisclosure.reading import read_path

    (path,) = CORPUS.glob("011-*.pdf")
    report = read_path(path).report
    # printed over two lines (…管理 / 办法》…); one sentence, one paragraph
    assert (
        report.section_text("other")
        == "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"
    )
    overview = report.section_text("overview").split("\n")
    assert all(p.endswith("。") for p in overview), overview
    assert [p[:3] for p in overview[1:]] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert report.preamble.startswith("本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》")


def test_numbers_wrapped_in_narrow_ruled_cells_are_one_number() -> None:
    # a generated report (every layout feature, numbers up to five digits) written by the Word writer
    # and printed to PDF by LibreOffice 7: 表四's narrow cells wrap ``97546`` as ``975`` / ``46``;
    # a ruled cell of digit runs on several lines is one number (before: 975 and 46, every 表四 value
    # after it moved, and 表三 rows with wrapped numbers were left unread)
    from govdisclosure.plugins.registry import make_registry
    from govdisclosure.reading import read_path
    from govdisclosure.serialize import load_json
    from grid_roundtrip_support import wrong_values

    registry = make_registry(entry_points=False)
    data = Path(__file__).parent / "data" / "readers"
    printed = load_json((data / "libreoffice-generated-narrow.json").read_bytes(), registry=registry)
    got = read_path(data / "libreoffice-generated-narrow.pdf", registry=registry).report
    assert got.features == printed.features
    assert wrong_values(got, printed) == {}
    assert all(v == printed[ref] for ref, v in got.items() if ref.table == "appeals")
    assert sum(v is None for _ref, v in got.items()) <= 14
