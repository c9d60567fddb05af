"""The printed grid reproduces the national template (spec §2.4), with spans counted by hand."""

from __future__ import annotations

from govdisclosure import NATIONAL_2019, NATIONAL_2021
from govdisclosure.writers.grid import CellKind, GridCell, TableGrid, flat_label, table_grids
from writer_support import regional_layout

CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _grid(layout, key: str, features: frozenset[str] = frozenset()) -> TableGrid:  # type: ignore[no-untyped-def]
    (g,) = [g for g in table_grids(layout, features) if key in {s.key for s in g.specs}]
    return g


def _cell(grid: TableGrid, text: str) -> GridCell:
    (c,) = [c for c in grid.cells if c.text == text and c.kind is not CellKind.VALUE]
    return c


def _covered_exactly_once(grid: TableGrid) -> None:
    seen: dict[tuple[int, int], GridCell] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                assert (r, k) not in seen, (c, seen.get((r, k)))
                seen[(r, k)] = c
    assert len(seen) == grid.n_rows * grid.n_cols


def test_requests_table_2021_like_the_template() -> None:
    g = _grid(NATIONAL_2021, "requests")
    _covered_exactly_once(g)
    # 3 label columns (一 | （三） | 1.) + 7 numeric columns; 3 header rows + 25 data rows
    assert (g.n_rows, g.n_cols, g.label_cols) == (3 + 25, 10, 3)
    corner = g.cells[0]
    assert (corner.kind, corner.text, corner.rowspan, corner.colspan) == (CellKind.CORNER, CORNER_NOTE, 3, 3)
    applicants = _cell(g, "申请人情况")
    assert (applicants.row, applicants.col, applicants.colspan, applicants.rowspan) == (0, 3, 7, 1)
    assert (_cell(g, "自然人").row, _cell(g, "自然人").rowspan) == (1, 2)
    legal = _cell(g, "法人或其他组织")
    assert (legal.row, legal.col, legal.colspan) == (1, 4, 5)
    assert [c.text for c in g.cells if c.row == 2 and c.kind is CellKind.COLUMN_HEADER] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert (_cell(g, "总计").row, _cell(g, "总计").col, _cell(g, "总计").rowspan) == (1, 9, 2)
    outcomes = _cell(g, "三、本年度办理结果")
    # （一）（二）, 8 + 3 + 5 + 3 items, （七）总计 = 22 rows, printed vertically in the first column
    assert (outcomes.col, outcomes.rowspan, outcomes.vertical) == (0, 22, True)
    assert _cell(g, "（三）不予公开").rowspan == 8
    assert _cell(g, "（四）无法提供").rowspan == 3
    assert _cell(g, "（五）不予处理").rowspan == 5
    assert _cell(g, "（六）其他处理").rowspan == 3
    assert _cell(g, "一、本年新收政府信息公开申请数量").colspan == 3
    assert _cell(g, "（一）予以公开").colspan == 2
    assert _cell(g, "1.属于国家秘密").colspan == 1
    # the group label is on its first child's line
    assert _cell(g, "（三）不予公开").row == _cell(g, "1.属于国家秘密").row
    assert len(g.value_cells()) == 25 * 7


def test_requests_2019_and_features() -> None:
    g = _grid(NATIONAL_2019, "requests")
    assert _cell(g, "三、本年度办理结果").rowspan == 20
    assert _cell(g, "（六）其他处理").colspan == 2  # a single row in 2019
    subtotals = frozenset({"category_subtotals", "legal_entity_subtotal"})
    g = _grid(NATIONAL_2021, "requests", subtotals)
    _covered_exactly_once(g)
    assert _cell(g, "法人或其他组织").colspan == 6
    assert _cell(g, "（三）不予公开").rowspan == 9  # a 小计 row then the 8 items
    small = [c for c in g.cells if c.text == "小计"]
    assert len(small) == 5  # four row subtotals and the column subtotal
    single = _grid(NATIONAL_2021, "requests", frozenset({"single_other_row"}))
    assert _cell(single, "（六）其他处理").colspan == 2


def test_appeals_on_one_line() -> None:
    g = _grid(NATIONAL_2021, "appeals")
    _covered_exactly_once(g)
    assert (g.n_rows, g.n_cols, g.label_cols) == (4, 15, 0)
    review = _cell(g, "行政复议")
    assert (review.row, review.col, review.colspan, review.rowspan) == (0, 0, 5, 1)
    lawsuit = _cell(g, "行政诉讼")
    assert (lawsuit.col, lawsuit.colspan) == (5, 10)
    direct, after = _cell(g, "未经复议直接起诉"), _cell(g, "复议后起诉")
    assert (direct.row, direct.col, direct.colspan, after.col, after.colspan) == (1, 5, 5, 10, 5)
    upheld = sorted((c.row, c.col, c.rowspan) for c in g.cells if c.text == "结果维持")
    assert upheld == [(1, 0, 2), (2, 5, 1), (2, 10, 1)]
    values = g.value_cells()
    assert {c.row for c in values} == {3} and [c.col for c in values] == list(range(15))
    assert [str(c.ref) for c in values[:6]] == [
        "appeals.review.upheld",
        "appeals.review.corrected",
        "appeals.review.other",
        "appeals.review.pending",
        "appeals.review.total",
        "appeals.lawsuit_direct.upheld",
    ]


def test_proactive_blocks_form_one_table() -> None:
    g = _grid(NATIONAL_2021, "regulations")
    _covered_exactly_once(g)
    assert [s.key for s in g.specs] == ["regulations", "licensing", "enforcement", "fees"]
    assert g.n_cols == 4
    labels = [c for c in g.cells if c.kind is CellKind.BLOCK_LABEL]
    assert [c.text for c in labels] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert all(c.colspan == 4 for c in labels)
    assert [c.text for c in g.cells if c.kind is CellKind.CORNER] == ["信息内容"] * 4
    # a one-column block stretches its column over the three value columns, as in the template
    assert _cell(g, "本年收费金额（单位：万元）").colspan == 3
    fee = [c for c in g.value_cells() if c.ref is not None and c.ref.table == "fees"]
    assert [(c.col, c.colspan) for c in fee] == [(1, 3)]
    assert g.n_rows == (1 + 1 + 2) + (1 + 1 + 1) + (1 + 1 + 2) + (1 + 1 + 1)
    g19 = _grid(NATIONAL_2019, "regulations")
    assert [s.key for s in g19.specs] == ["regulations", "licensing", "enforcement", "fees", "procurement"]


def test_regional_additions_are_placed_by_the_layout() -> None:
    layout = regional_layout()
    g = _grid(layout, "regulations")
    rows = [c.text for c in g.cells if c.kind is CellKind.ROW_HEADER]
    assert rows[:3] == ["规章", "行政规范性文件", "其他公开文件（地方增列）"]
    added = _grid(layout, "hearings")
    assert added.section == "other"
    assert added.cells[0].kind is CellKind.BLOCK_LABEL  # its label differs from the section heading
    assert [c.text for c in added.cells if c.kind is CellKind.COLUMN_HEADER] == ["本年件数", "涉及申请人数"]


def test_flat_labels() -> None:
    f = frozenset({"legal_entity_subtotal", "category_subtotals"})
    assert flat_label(NATIONAL_2021, f, "requests", "column", "commercial") == "法人或其他组织 · 商业企业"
    assert flat_label(NATIONAL_2021, f, "requests", "column", "legal_entity") == "法人或其他组织 · 小计"
    assert flat_label(NATIONAL_2021, f, "requests", "column", "natural_person") == "自然人"
    assert (
        flat_label(NATIONAL_2021, f, "requests", "row", "withheld")
        == "三、本年度办理结果 · （三）不予公开 · 小计"
    )
    assert flat_label(NATIONAL_2021, f, "appeals", "row", "lawsuit_direct") == "行政诉讼 · 未经复议直接起诉"
