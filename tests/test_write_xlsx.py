"""The XLSX writer: official layout sheets with merges and number formats, a tidy sheet, no formulas."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from corpus_support import report_from_expected
from govdisclosure import NATIONAL_2021, CellRef, Placeholder, build_report
from govdisclosure.writers.csv import CsvWriter
from govdisclosure.writers.xlsx import render_xlsx
from writer_support import read_csv, zip_names_and_times


def _wb(data: bytes):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(data))


def test_sheets_merges_and_labels() -> None:
    wb = _wb(render_xlsx(report_from_expected("011")))
    assert wb.sheetnames == ["表二", "表三", "表四", "数据"]
    ws = wb["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # grid from row 3: corner A3:C5, 申请人情况 D3:J3, 法人或其他组织 E4:I4, 自然人 D4:D5, 总计 J4:J5
    assert {"A3:C5", "D3:J3", "E4:I4", "D4:D5", "J4:J5"} <= merged
    assert ws["A3"].value.startswith("（本列数据的勾稽关系为")
    assert ws["A8"].value == "三、本年度办理结果" and "A8:A29" in merged
    assert ws["A8"].alignment.textRotation == 255
    assert ws["A1"].value == "表三 收到和处理政府信息公开申请情况"
    t4 = wb["表四"]
    assert {"A3:E3", "F3:O3", "F4:J4", "K4:O4", "A4:A5"} <= {str(r) for r in t4.merged_cells.ranges}


def test_values_number_formats_and_no_formulas() -> None:
    report = build_report(
        NATIONAL_2021,
        agency="某县人民政府",
        year=2024,
        missing=0,
        cells={
            CellRef("fees", "fees", "amount"): Decimal("12.345"),
            CellRef("requests", "received", "research"): Placeholder.EM_DASH,
        },
    )
    wb = _wb(render_xlsx(report))
    t2 = wb["表二"]
    fee = next(c for row in t2.iter_rows() for c in row if c.number_format == "0.000")
    assert fee.value == 12.345
    layout_sheets = [ws for ws in wb.worksheets if ws.title != "数据"]
    counts = [c for ws in layout_sheets for row in ws.iter_rows() for c in row if isinstance(c.value, int)]
    assert len(counts) == sum(1 for v in report.cells if type(v) is int)
    assert all(c.number_format == "0" for c in counts)
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    assert all(
        not (isinstance(c.value, str) and c.value.startswith("="))
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
    )
    t3 = wb["表三"]
    assert "—" in [c.value for row in t3.iter_rows() for c in row]


def test_tidy_sheet_equals_the_csv() -> None:
    report = report_from_expected("001")
    ws = _wb(render_xlsx(report))["数据"]
    rows = list(ws.iter_rows(values_only=True))
    csv_rows = read_csv(CsvWriter().write(report))
    assert list(rows[0]) == list(csv_rows[0].keys())
    assert len(rows) - 1 == len(csv_rows) == len(report.cells)
    for got, want in zip(rows[1:], csv_rows, strict=True):
        as_text = [
            "" if v is None else (format(Decimal(repr(v)), "f") if isinstance(v, float) else str(v))
            for v in got
        ]
        want_values = list(want.values())
        value_at = list(want).index("value")
        assert (
            as_text[:value_at] + as_text[value_at + 1 :]
            == want_values[:value_at] + want_values[value_at + 1 :]
        )
        if want["value"]:
            assert (
                Decimal(as_text[value_at]) == Decimal(want["value"])
                if want["status"] != "placeholder"
                else as_text[value_at] == want["value"]
            )


def test_deterministic_bytes_and_fixed_timestamps() -> None:
    report = report_from_expected("002")
    data = render_xlsx(report)
    assert data == render_xlsx(report)
    assert {t for _, t in zip_names_and_times(data)} == {(1980, 1, 1, 0, 0, 0)}
    props = _wb(data).properties
    assert (props.created.year, props.modified.year) == (report.year + 1, report.year + 1)
