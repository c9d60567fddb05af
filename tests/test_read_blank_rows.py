"""A row printed with blank cells is there (``read.row_blank``); only a row printed nowhere is missing."""

from __future__ import annotations

from pathlib import Path

from govdisclosure import NATIONAL_2019
from govdisclosure.layout import CellRef
from govdisclosure.reading import ReadResult, read_bytes, read_path
from unseen_support import fixture_path, report_from_expected

REAL = Path(__file__).parent / "data" / "real"
READERS = Path(__file__).parent / "data" / "readers"


def _rule_cells(result: ReadResult, rule_id: str) -> set[CellRef]:
    return {c for f in result.findings if f.rule_id == rule_id for c in f.cells}


def test_blank_rows_of_a_real_report_are_not_called_missing() -> None:
    # 上海市人民政府办公厅 2019: eight 表三 rows print their labels over cells left blank (&nbsp;)
    stem = "01-shanghai-bgt-js-fragment-2019"
    printed = report_from_expected(stem, REAL)
    assert printed.layout is NATIONAL_2019
    table = printed.resolved.table("requests")
    blank_rows = {
        p for p in table.row_paths if all(printed.value("requests", p, c) is None for c in table.column_keys)
    }
    assert len(blank_rows) == 8  # by hand: 三.三.2-4, 三.三.7, 三.五.3-5, 三.六
    result = read_path(fixture_path(stem, REAL))
    assert not _rule_cells(result, "read.row_not_found")
    assert {c.row for c in _rule_cells(result, "read.row_blank")} == blank_rows
    assert all(result.report.value("requests", p, c) is None for p in blank_rows for c in table.column_keys)


def test_a_label_without_numbers_is_blank_and_a_dropped_line_is_missing() -> None:
    text = (READERS / "full-2023.txt").read_text("utf-8")
    lines = text.splitlines()
    (secret,) = [i for i, line in enumerate(lines) if "三安全一稳定" in line]
    (case_file,) = [i for i, line in enumerate(lines) if "属于行政执法案卷" in line]
    lines[secret] = lines[secret].split("\t1")[0]  # the label stays, its numbers are gone
    del lines[case_file]  # the whole row is gone
    result = read_bytes("\n".join(lines).encode("utf-8"), source="edited.txt")
    blank = {c.row for c in _rule_cells(result, "read.row_blank")}
    missing = {c.row for c in _rule_cells(result, "read.row_not_found")}
    labels = {p: result.report.resolved.table("requests").row_nodes[p].label for p in blank | missing}
    assert len(blank) == 1 and len(missing) == 1
    assert "属于行政执法案卷" in labels[next(iter(missing))]
    assert "三安全一稳定" in labels[next(iter(blank))]
