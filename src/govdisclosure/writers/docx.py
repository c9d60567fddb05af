"""Word document (python-docx, extra ``[docx]``) in the customary layout of government documents.

A4 with the margins of GB/T 9704; the title in 方正小标宋简体 二号, section headings in 黑体 三号
(``Heading 1``, so they appear in the navigation pane), body text in 仿宋_GB2312 三号 with a
two-character first-line indent, tables in 仿宋_GB2312 小五 with the template's merged cells
(from :mod:`.grid`; the ``三、本年度办理结果`` group label set vertically).  East-Asian fonts are
set through ``w:eastAsia`` (Latin text in Times New Roman) and the font table names fallbacks
(``w:altName``: 仿宋, 黑体, 宋体) for machines without the GB2312 fonts.

The bytes are deterministic: fixed core-property timestamps (1 January of the year after the
report year) and fixed ZIP entry timestamps.  python-docx is imported when a document is written.

Option ``mark_derived=True`` sets derived values in italics.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..errors import GovDisclosureError
from ..model import Report
from ..plugins import hookimpl
from ._zip import normalize_zip
from .document import outline, report_title, value_text
from .grid import CellKind, GridCell, TableGrid

__all__ = ["BODY_FONT", "HEADING_FONT", "TITLE_FONT", "DocxWriter", "render_docx"]

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
_FALLBACKS = {BODY_FONT: "仿宋", HEADING_FONT: "SimHei", TITLE_FONT: "宋体"}
_TEXT_WIDTH_MM = 210 - 28 - 26
_TABLE_STYLE = "GD Table Text"


def _load() -> Any:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise GovDisclosureError(
            "写出 DOCX 需要 python-docx：pip install 'govdisclosure[docx]' / "
            "writing DOCX needs python-docx: pip install 'govdisclosure[docx]'"
        ) from exc
    return docx


def _set_fonts(rpr_owner: Any, east_asia: str) -> None:
    """Set Latin and East-Asian fonts on a style or run (dropping theme fonts)."""
    from docx.oxml.ns import qn

    rpr_owner.font.name = LATIN_FONT
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _styles(doc: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    normal = doc.styles["Normal"]
    _set_fonts(normal, BODY_FONT)
    normal.font.size = Pt(16)
    pf = normal.paragraph_format
    pf.first_line_indent = Pt(32)
    pf.line_spacing = Pt(28)
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    heading = doc.styles["Heading 1"]
    _set_fonts(heading, HEADING_FONT)
    heading.font.size = Pt(16)
    heading.font.bold = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    hf = heading.paragraph_format
    hf.first_line_indent = Pt(32)
    hf.space_before, hf.space_after = Pt(6), Pt(6)
    hf.line_spacing = Pt(28)
    hf.keep_with_next = True

    table = doc.styles.add_style(_TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = normal
    _set_fonts(table, BODY_FONT)
    table.font.size = Pt(9)
    tf = table.paragraph_format
    tf.first_line_indent = Pt(0)
    tf.line_spacing = 1.0
    tf.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _font_table(doc: Any) -> None:
    """Declare the Chinese fonts with GB2312 charset and a fallback name in ``word/fontTable.xml``."""
    from lxml import etree  # type: ignore[import-untyped]

    for part in doc.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        root = etree.fromstring(part.blob)
        for name, alt in _FALLBACKS.items():
            font = etree.SubElement(root, f"{{{ns}}}font", {f"{{{ns}}}name": name})
            etree.SubElement(font, f"{{{ns}}}altName", {f"{{{ns}}}val": alt})
            etree.SubElement(font, f"{{{ns}}}charset", {f"{{{ns}}}val": "86"})
            etree.SubElement(
                font, f"{{{ns}}}family", {f"{{{ns}}}val": "modern" if name == HEADING_FONT else "roman"}
            )
            etree.SubElement(font, f"{{{ns}}}pitch", {f"{{{ns}}}val": "variable"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _column_widths(grid: TableGrid) -> list[float]:
    """Millimetres per matrix column: labels as wide as they need (capped), values share the rest."""
    n_values = grid.n_cols - grid.label_cols
    if grid.label_cols == 0:
        return [_TEXT_WIDTH_MM / grid.n_cols] * grid.n_cols
    chars = [1] * grid.label_cols
    vertical = {c.col for c in grid.cells if c.vertical}
    for c in grid.cells:
        if c.kind is CellKind.ROW_HEADER and c.colspan == 1 and not c.vertical:
            chars[c.col] = max(chars[c.col], len(c.text))
    natural = [9.0 if i in vertical else min(max(n * 3.4 + 4, 14.0), 60.0) for i, n in enumerate(chars)]
    room = _TEXT_WIDTH_MM - min(16.0, _TEXT_WIDTH_MM * 0.55 / max(n_values, 1)) * n_values
    if sum(natural) > room:
        flexible = sum(w for i, w in enumerate(natural) if i not in vertical)
        fixed = sum(w for i, w in enumerate(natural) if i in vertical)
        natural = [w if i in vertical else w * (room - fixed) / flexible for i, w in enumerate(natural)]
    value_w = (_TEXT_WIDTH_MM - sum(natural)) / max(n_values, 1)
    return natural + [value_w] * n_values


def _table(doc: Any, report: Report, grid: TableGrid, mark_derived: bool) -> None:
    """Build the table's XML row by row (spans as ``w:gridSpan``/``w:vMerge``; linear in the cells)."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm
    from docx.table import _Cell

    table = doc.add_table(rows=0, cols=grid.n_cols)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(fixed)
    widths = [Mm(w) for w in _column_widths(grid)]
    for i, col in enumerate(table._tbl.tblGrid.gridCol_lst):
        col.w = widths[i]
    style_id = doc.styles[_TABLE_STYLE].style_id
    cells, notes = report.cells, report.annotations
    header_rows = grid.blocks[0].label_rows + grid.blocks[0].header_rows if len(grid.blocks) == 1 else 0
    covered: dict[tuple[int, int], GridCell] = {}
    for spanning in grid.cells:
        for r in range(spanning.row + 1, spanning.row + spanning.rowspan):
            covered[(r, spanning.col)] = spanning
    matrix = grid.matrix()
    for r in range(grid.n_rows):
        tr = table._tbl.add_tr()
        if r < header_rows:
            tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        c = 0
        while c < grid.n_cols:
            gc = matrix[r][c]
            owner = gc if gc is not None else covered.get((r, c))
            if owner is None:
                c += 1  # covered by a cell to the left
                continue
            tc = tr.add_tc()
            tc.width = sum(widths[c : c + owner.colspan], Mm(0))
            tc_pr = tc.get_or_add_tcPr()
            if owner.colspan > 1:
                tc.grid_span = owner.colspan
            if owner.rowspan > 1:
                tc.vMerge = "restart" if gc is not None else "continue"
            cell = _Cell(tc, table)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = cell.paragraphs[0]
            para._p.get_or_add_pPr().style = style_id
            c += owner.colspan
            if gc is None:
                continue
            if gc.vertical:
                direction = OxmlElement("w:textDirection")
                direction.set(qn("w:val"), "tbRlV")
                tc_pr.append(direction)
            italic = False
            if gc.kind is CellKind.VALUE:
                assert gc.ref is not None
                text = value_text(cells[gc.index], notes.get(gc.ref) if notes else None)
                italic = mark_derived and gc.ref in report.derived
            else:
                text = gc.text
                if gc.kind is not CellKind.COLUMN_HEADER and not gc.vertical:
                    para.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if text:
                run = para.add_run(text)
                if italic:
                    run.italic = True


def render_docx(report: Report, *, mark_derived: bool = False) -> bytes:
    """The report as a Word document (deterministic bytes)."""
    docx = _load()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    _styles(doc)
    _font_table(doc)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = Pt(16)
    title.paragraph_format.line_spacing = 1.2
    run = title.add_run(report_title(report))
    _set_fonts(run, TITLE_FONT)
    run.font.size = Pt(22)
    for line in report.preamble.split("\n"):
        if line.strip():
            doc.add_paragraph(line)
    for s in outline(report):
        if s.heading:
            doc.add_paragraph(s.heading, style="Heading 1")
        for line in s.text.split("\n"):
            if line.strip():
                doc.add_paragraph(line)
        for grid in s.tables:
            _table(doc, report, grid, mark_derived)
            doc.add_paragraph()

    stamp = dt.datetime(report.year + 1, 1, 1, tzinfo=dt.UTC)
    props = doc.core_properties
    props.created = props.modified = props.last_printed = stamp
    props.author = props.last_modified_by = "govdisclosure"
    props.title = report_title(report)
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


@frozen
class DocxWriter:
    """``--to docx``: a Word document (needs the ``[docx]`` extra)."""

    name: str = "docx"
    suffix: str = ".docx"
    binary: bool = True
    media_type: str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write(self, report: Report, **options: Any) -> bytes:
        """Render ``report``; option ``mark_derived`` (bool)."""
        return render_docx(report, mark_derived=bool(options.get("mark_derived", False)))


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register the DOCX writer."""
    register(DocxWriter())
