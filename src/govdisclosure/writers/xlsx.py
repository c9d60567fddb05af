"""Excel workbook (openpyxl, extra ``[xlsx]``): one sheet per table in the official layout, plus a tidy sheet.

Each layout sheet has the table's caption in row 1 and the printed grid from row 3, with the
template's merged cells, thin borders and the labels verbatim.  Values are stored as printed, never
as formulas: counts as integers (format ``0``), amounts (万元) as exact decimals with as many
decimal places as stored, placeholders and annotated values as text.  The last sheet (``数据``)
holds the tidy rows of :mod:`.csv`, with typed values.

The bytes are deterministic: fixed document-property timestamps (1 January of the year after
the report year) and fixed ZIP entry timestamps.  openpyxl is imported when a workbook is written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from attrs import frozen

from ..cells import CellValue
from ..errors import GovDisclosureError
from ..model import Report
from ..plugins import hookimpl
from ._zip import normalize_zip
from .csv import FIELDS, csv_rows
from .document import outline, report_title, table_title, value_text
from .grid import CellKind, TableGrid

__all__ = ["TIDY_SHEET", "XlsxWriter", "number_format", "render_xlsx"]

TIDY_SHEET = "数据"
FONT = "仿宋_GB2312"
_FIRST_ROW = 3
_BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def number_format(value: CellValue) -> str:
    """``0`` for counts; ``0.00`` etc. for amounts (as many decimal places as stored)."""
    if isinstance(value, Decimal):
        exp = value.as_tuple().exponent
        places = -exp if isinstance(exp, int) and exp < 0 else 0
        return "0." + "0" * places if places else "0"
    return "0"


def _cell_value(value: CellValue, note: str | None) -> Any:
    if note or not (type(value) is int or isinstance(value, Decimal)):
        return value_text(value, note) or None
    return value


def _load() -> Any:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise GovDisclosureError(
            "写出 XLSX 需要 openpyxl：pip install 'govdisclosure[xlsx]' / "
            "writing XLSX needs openpyxl: pip install 'govdisclosure[xlsx]'"
        ) from exc
    return openpyxl


def _sheet_name(title: str, used: set[str]) -> str:
    base = title.translate(_BAD_SHEET_CHARS)[:31] or "Sheet"
    name, i = base, 2
    while name in used:
        suffix = f" ({i})"
        name, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(name)
    return name


def _layout_sheet(ws: Any, report: Report, grid: TableGrid, styles: Any) -> None:
    from openpyxl.utils import get_column_letter

    ws["A1"] = table_title(report, grid)
    ws["A1"].font = styles.title
    cells, notes = report.cells, report.annotations
    widths = [0.0] * grid.n_cols
    for c in grid.cells:
        r0, c0 = _FIRST_ROW + c.row, 1 + c.col
        target = ws.cell(row=r0, column=c0)
        if c.kind is CellKind.VALUE:
            assert c.ref is not None
            value = cells[c.index]
            target.value = _cell_value(value, notes.get(c.ref) if notes else None)
            target.number_format = number_format(value)
            target.alignment = styles.center
        else:
            target.value = c.text or None
            vertical = c.vertical
            left = c.kind in (CellKind.ROW_HEADER, CellKind.BLOCK_LABEL, CellKind.CORNER) and not vertical
            target.alignment = styles.vertical if vertical else styles.left if left else styles.center
            if c.colspan == 1 and not vertical:
                widths[c.col] = max(widths[c.col], min(2.1 * len(c.text) + 2, 48))
        target.font = styles.font
        for r in range(r0, r0 + c.rowspan):
            for col in range(c0, c0 + c.colspan):
                ws.cell(row=r, column=col).border = styles.border
        if c.rowspan > 1 or c.colspan > 1:
            ws.merge_cells(
                start_row=r0, start_column=c0, end_row=r0 + c.rowspan - 1, end_column=c0 + c.colspan - 1
            )
    # print on A4, as wide as the page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.n_cols > 8 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    final = [max(w, 9 if i >= grid.label_cols else 5) for i, w in enumerate(widths)]
    for i, w in enumerate(final):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    # wrapped labels need taller rows (spreadsheets do not grow merged or wrapped rows by themselves)
    heights: dict[int, float] = {}
    for c in grid.cells:
        if c.rowspan == 1 and c.text and not c.vertical:
            per_line = max(1, int(sum(final[c.col : c.col + c.colspan]) / 2.1))
            lines = -(-len(c.text) // per_line)
            heights[c.row] = max(heights.get(c.row, 15.0), 14.0 * lines + 2)
    for row, h in heights.items():
        if h > 15.0:
            ws.row_dimensions[_FIRST_ROW + row].height = h


def _tidy_sheet(ws: Any, report: Report, styles: Any) -> None:
    ws.append(list(FIELDS))
    for cell in ws[1]:
        cell.font = styles.bold
    values = iter(report.cells)
    value_col = FIELDS.index("value")
    year_col = FIELDS.index("year")
    for row in csv_rows(report):
        value = next(values)
        typed: list[Any] = list(row)
        typed[year_col] = report.year
        typed[value_col] = (
            value if type(value) is int or isinstance(value, Decimal) else (row[value_col] or None)
        )
        ws.append(typed)
        if isinstance(value, Decimal):
            ws.cell(row=ws.max_row, column=value_col + 1).number_format = number_format(value)
    ws.freeze_panes = "A2"


class _Styles:
    def __init__(self, openpyxl: Any) -> None:
        styles = openpyxl.styles
        side = styles.Side(style="thin", color="000000")
        self.border = styles.Border(left=side, right=side, top=side, bottom=side)
        self.font = styles.Font(name=FONT, size=10)
        self.bold = styles.Font(name=FONT, size=10, bold=True)
        self.title = styles.Font(name="黑体", size=14)
        self.center = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = styles.Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.vertical = styles.Alignment(
            horizontal="center", vertical="center", textRotation=255, wrap_text=True
        )


def render_xlsx(report: Report) -> bytes:
    """The workbook as bytes (deterministic)."""
    openpyxl = _load()
    from openpyxl.writer.excel import ExcelWriter

    wb = openpyxl.Workbook()
    styles = _Styles(openpyxl)
    used: set[str] = set()
    first = True
    for section in outline(report):
        for grid in section.tables:
            ws = wb.active if first else wb.create_sheet()
            first = False
            ws.title = _sheet_name(grid.number_zh or grid.key, used)
            _layout_sheet(ws, report, grid, styles)
    tidy = wb.active if first else wb.create_sheet()
    tidy.title = _sheet_name(TIDY_SHEET, used)
    _tidy_sheet(tidy, report, styles)
    stamp = dt.datetime(report.year + 1, 1, 1)
    props = wb.properties
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "govdisclosure"
    props.title = report_title(report)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return normalize_zip(buf.getvalue())


@frozen
class XlsxWriter:
    """``--to xlsx``: an Excel workbook (needs the ``[xlsx]`` extra)."""

    name: str = "xlsx"
    suffix: str = ".xlsx"
    binary: bool = True
    media_type: str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, report: Report, **options: Any) -> bytes:
        """Render ``report``; no options."""
        return render_xlsx(report)


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register the XLSX writer."""
    register(XlsxWriter())
