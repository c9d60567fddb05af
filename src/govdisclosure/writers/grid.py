"""The printed grid of a table: header block and body as a matrix of cells with spans.

Every writer that draws a table (text, HTML, DOCX, XLSX) draws the same :class:`TableGrid`,
computed from the variant's layout only, so a regional variant that adds rows, columns or
tables renders with no change to any writer.  The rules reproduce the national template:

* the top-left *corner* cell spans the column-header rows and the row-label columns and holds
  the table's ``corner_note`` (表三's 勾稽 note) or its ``row_header`` (表二's ``信息内容``);
* a column group spans its leaf columns (``申请人情况`` over 自然人 | 法人或其他组织 | 总计;
  ``法人或其他组织`` over its five sub-columns); leaf headers stretch down to the body;
* a row group spans its rows in its own label column (the vertical ``三、本年度办理结果``,
  ``（三）不予公开``); a leaf row label stretches right to the values; a group that carries
  numbers (a printed subtotal) gets its own first row labelled with ``subtotal_label``;
* a ``single_line`` table (表四) prints every data row side by side as column groups on one
  line: ``行政复议`` (5) | ``行政诉讼`` → ``未经复议直接起诉`` (5) | ``复议后起诉`` (5);
* consecutive tables of one section with the same ``number_zh`` (the blocks of 表二) form one
  printed table; each block is headed by a label row (``第二十条第（一）项``) and a block with
  fewer columns stretches its last column, as in the template.

Grids depend only on ``(layout, features)`` and are cached; value cells carry the position of
their value in ``report.cells``.
"""

from __future__ import annotations

import enum
from functools import cache

from attrs import frozen

from ..layout import CellRef, Layout, Node, TableSpec

__all__ = ["Block", "CellKind", "GridCell", "TableGrid", "flat_label", "table_grids"]


class CellKind(enum.StrEnum):
    """What a grid cell is."""

    CORNER = "corner"
    """The top-left cell (勾稽 note or ``信息内容``)."""
    BLOCK_LABEL = "block_label"
    """A label row heading a block (``第二十条第（一）项``) spanning the whole width."""
    COLUMN_HEADER = "column_header"
    ROW_HEADER = "row_header"
    VALUE = "value"


@frozen(kw_only=True)
class GridCell:
    """One printed cell: its origin (row, col) in the table's matrix and its spans."""

    kind: CellKind
    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None
    """The layout path of the row or column node a header cell prints."""
    group: bool = False
    """A header cell printing a group label (spans several leaves)."""
    vertical: bool = False
    """Printed vertically in the template (the ``三、本年度办理结果`` group label)."""
    ref: CellRef | None = None
    """For value cells: the cell's address."""
    index: int = -1
    """For value cells: the position of the value in ``report.cells``."""


@frozen(kw_only=True)
class Block:
    """The rows of a printed table that come from one :class:`TableSpec`."""

    spec: TableSpec
    first_row: int
    label_rows: int
    """0 or 1: the block label row."""
    header_rows: int
    """Rows of column headers (after the label row)."""
    body_rows: int

    @property
    def end_row(self) -> int:
        return self.first_row + self.label_rows + self.header_rows + self.body_rows


@frozen(kw_only=True, eq=False)
class TableGrid:
    """A printed table: one or more blocks laid out on a common matrix."""

    key: str
    """The key of the first table spec (``regulations`` for the whole of 表二)."""
    number_zh: str
    section: str
    blocks: tuple[Block, ...]
    cells: tuple[GridCell, ...]
    """Every cell, in row-major order of their origins."""
    n_rows: int
    n_cols: int
    label_cols: int
    """How many columns at the left hold row labels."""

    @property
    def specs(self) -> tuple[TableSpec, ...]:
        return tuple(b.spec for b in self.blocks)

    def rows(self) -> list[list[GridCell]]:
        """The cells whose origin is on each row (what an HTML ``<tr>`` holds)."""
        out: list[list[GridCell]] = [[] for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row].append(c)
        return out

    def matrix(self) -> list[list[GridCell | None]]:
        """The full matrix: each cell at its origin, ``None`` where a span covers the position."""
        return _matrix(self)

    def value_cells(self) -> list[GridCell]:
        """The cells of the grid that hold a report value (not labels), in order."""
        return [c for c in self.cells if c.kind is CellKind.VALUE]


@cache
def _matrix_cached(grid: TableGrid) -> tuple[tuple[GridCell | None, ...], ...]:
    m: list[list[GridCell | None]] = [[None] * grid.n_cols for _ in range(grid.n_rows)]
    for c in grid.cells:
        m[c.row][c.col] = c
    return tuple(tuple(r) for r in m)


def _matrix(grid: TableGrid) -> list[list[GridCell | None]]:
    return [list(r) for r in _matrix_cached(grid)]


# --------------------------------------------------------------------------------------------
# the printed node trees


@frozen(kw_only=True)
class _Tree:
    path: str
    node: Node
    children: tuple[_Tree, ...]
    data: bool

    @property
    def leaves(self) -> int:
        """Printed lines (rows, or columns) this node occupies."""
        if not self.children:
            return 1
        return int(self.data) + sum(c.leaves for c in self.children)

    @property
    def depth(self) -> int:
        if not self.children:
            return 1
        return 1 + max(c.depth for c in self.children)


def _trees(nodes: tuple[Node, ...], features: frozenset[str], prefix: str = "") -> tuple[_Tree, ...]:
    """The present nodes as trees, with the same paths as :meth:`Layout.resolve`."""
    out: list[_Tree] = []
    for node in nodes:
        if not node.present(features):
            continue
        if node.scope:
            path = f"{prefix}.{node.key}" if prefix else node.key
            child_prefix = path
        else:
            path, child_prefix = node.key, prefix
        children = _trees(node.children, features, child_prefix)
        data = node.has_data(features)
        if not children and not data:
            continue  # a group with nothing printed under it
        out.append(_Tree(path=path, node=node, children=children, data=data))
    return tuple(out)


def _data_leaves(trees: tuple[_Tree, ...]) -> list[str]:
    out: list[str] = []
    for t in trees:
        if t.data:
            out.append(t.path)
        out.extend(_data_leaves(t.children))
    return out


def _subtotal_text(node: Node) -> str:
    return node.subtotal_label or node.label


# --------------------------------------------------------------------------------------------
# building


class _Builder:
    def __init__(self, resolved_index: dict[CellRef, int]) -> None:
        self.cells: list[GridCell] = []
        self.index = resolved_index

    def add(self, cell: GridCell) -> None:
        self.cells.append(cell)

    def column_headers(
        self, trees: tuple[_Tree, ...], row: int, col: int, bottom: int, stretch_last: int
    ) -> list[tuple[str, int, int]]:
        """Place column headers from ``row`` down to ``bottom`` (exclusive); return data columns.

        Returns ``(column path, matrix column, colspan)`` for every data column in order.
        ``stretch_last`` extra columns are given to the last leaf (a narrow block of 表二).
        """
        out: list[tuple[str, int, int]] = []
        for i, t in enumerate(trees):
            last = i == len(trees) - 1
            extra = stretch_last if last else 0
            if not t.children:
                self.add(
                    GridCell(
                        kind=CellKind.COLUMN_HEADER,
                        row=row,
                        col=col,
                        text=t.node.label,
                        rowspan=bottom - row,
                        colspan=1 + extra,
                        path=t.path,
                    )
                )
                out.append((t.path, col, 1 + extra))
                col += 1 + extra
                continue
            width = t.leaves + extra
            self.add(
                GridCell(
                    kind=CellKind.COLUMN_HEADER,
                    row=row,
                    col=col,
                    text=t.node.label,
                    colspan=width,
                    path=t.path,
                    group=True,
                )
            )
            c = col
            if t.data:
                self.add(
                    GridCell(
                        kind=CellKind.COLUMN_HEADER,
                        row=row + 1,
                        col=c,
                        text=_subtotal_text(t.node),
                        rowspan=bottom - row - 1,
                        path=t.path,
                    )
                )
                out.append((t.path, c, 1))
                c += 1
            out.extend(self.column_headers(t.children, row + 1, c, bottom, extra))
            col += width
        return out

    def row_headers(
        self, trees: tuple[_Tree, ...], row: int, col: int, label_cols: int
    ) -> list[tuple[str, int]]:
        """Place row labels from ``col`` to ``label_cols``; return ``(row path, matrix row)``."""
        out: list[tuple[str, int]] = []
        for t in trees:
            if not t.children:
                self.add(
                    GridCell(
                        kind=CellKind.ROW_HEADER,
                        row=row,
                        col=col,
                        text=t.node.label,
                        colspan=label_cols - col,
                        path=t.path,
                    )
                )
                out.append((t.path, row))
                row += 1
                continue
            height = t.leaves
            self.add(
                GridCell(
                    kind=CellKind.ROW_HEADER,
                    row=row,
                    col=col,
                    text=t.node.label,
                    rowspan=height,
                    path=t.path,
                    group=True,
                    vertical=col == 0 and height >= 3,
                )
            )
            r = row
            if t.data:
                self.add(
                    GridCell(
                        kind=CellKind.ROW_HEADER,
                        row=r,
                        col=col + 1,
                        text=_subtotal_text(t.node),
                        colspan=label_cols - col - 1,
                        path=t.path,
                    )
                )
                out.append((t.path, r))
                r += 1
            out.extend(self.row_headers(t.children, r, col + 1, label_cols))
            row += height
        return out

    def value(self, table: str, row_path: str, col_path: str, row: int, col: int, colspan: int) -> None:
        ref = CellRef(table, row_path, col_path)
        self.add(
            GridCell(kind=CellKind.VALUE, row=row, col=col, colspan=colspan, ref=ref, index=self.index[ref])
        )

    def single_line_headers(
        self, trees: tuple[_Tree, ...], cols: tuple[_Tree, ...], row: int, col: int, bottom: int, width: int
    ) -> list[tuple[str, str, int]]:
        """表四: row nodes as column groups, each data row's columns under it."""
        out: list[tuple[str, str, int]] = []
        for t in trees:
            span = t.leaves * width
            self.add(
                GridCell(
                    kind=CellKind.COLUMN_HEADER,
                    row=row,
                    col=col,
                    text=t.node.label,
                    colspan=span,
                    path=t.path,
                    group=True,
                )
            )
            c = col
            if t.data and t.children:
                self.add(
                    GridCell(
                        kind=CellKind.COLUMN_HEADER,
                        row=row + 1,
                        col=c,
                        text=_subtotal_text(t.node),
                        colspan=width,
                        path=t.path,
                        group=True,
                    )
                )
                out.extend((t.path, p, mc) for p, mc, _ in self.column_headers(cols, row + 2, c, bottom, 0))
                c += width
            if t.children:
                out.extend(self.single_line_headers(t.children, cols, row + 1, c, bottom, width))
            else:
                out.extend((t.path, p, mc) for p, mc, _ in self.column_headers(cols, row + 1, c, bottom, 0))
            col += span
        return out


def _block_label_shown(spec: TableSpec, group_size: int, headings: dict[str, str]) -> bool:
    """Blocks of a multi-block table are labelled; a lone table only if its label is not its section's."""
    if group_size > 1:
        return True
    heading = headings.get(spec.section, "")
    return bool(spec.label) and not heading.endswith(spec.label)


def _build(layout: Layout, features: frozenset[str], specs: tuple[TableSpec, ...]) -> TableGrid:
    resolved = layout.resolve(features)
    headings = {s.key: s.heading for s in layout.sections}
    b = _Builder(resolved.index)
    row_trees = {s.key: _trees(s.rows, features) for s in specs}
    col_trees = {s.key: _trees(s.columns, features) for s in specs}
    normal = [s for s in specs if not s.single_line]
    label_cols = max((max((t.depth for t in row_trees[s.key]), default=1) for s in normal), default=0)
    widths = {}
    for s in specs:
        n_data_cols = sum(t.leaves for t in col_trees[s.key])
        if s.single_line:
            widths[s.key] = sum(t.leaves for t in row_trees[s.key]) * n_data_cols
        else:
            widths[s.key] = n_data_cols
    n_cols = label_cols + max(widths.values()) if normal else max(widths.values())
    blocks: list[Block] = []
    row = 0
    for spec in specs:
        rows, cols = row_trees[spec.key], col_trees[spec.key]
        first = row
        labelled = _block_label_shown(spec, len(specs), headings)
        if labelled:
            b.add(
                GridCell(
                    kind=CellKind.BLOCK_LABEL, row=row, col=0, text=spec.label, colspan=n_cols, path=spec.key
                )
            )
            row += 1
        if spec.single_line:
            height = max((t.depth for t in rows), default=1) + max((t.depth for t in cols), default=1)
            width = sum(t.leaves for t in cols)
            placed = b.single_line_headers(rows, cols, row, 0, row + height, width)
            for r_path, c_path, mc in placed:
                b.value(spec.key, r_path, c_path, row + height, mc, 1)
            blocks.append(
                Block(spec=spec, first_row=first, label_rows=int(labelled), header_rows=height, body_rows=1)
            )
            row += height + 1
            continue
        height = max((t.depth for t in cols), default=1)
        corner = spec.corner_note or spec.row_header
        b.add(GridCell(kind=CellKind.CORNER, row=row, col=0, text=corner, rowspan=height, colspan=label_cols))
        stretch = n_cols - label_cols - widths[spec.key]
        data_cols = b.column_headers(cols, row, label_cols, row + height, stretch)
        body = b.row_headers(rows, row + height, 0, label_cols)
        for r_path, mr in body:
            for c_path, mc, span in data_cols:
                b.value(spec.key, r_path, c_path, mr, mc, span)
        n_body = sum(t.leaves for t in rows)
        blocks.append(
            Block(spec=spec, first_row=first, label_rows=int(labelled), header_rows=height, body_rows=n_body)
        )
        row += height + n_body
    cells = tuple(sorted(b.cells, key=lambda c: (c.row, c.col)))
    return TableGrid(
        key=specs[0].key,
        number_zh=specs[0].number_zh,
        section=specs[0].section,
        blocks=tuple(blocks),
        cells=cells,
        n_rows=row,
        n_cols=n_cols,
        label_cols=label_cols if normal else 0,
    )


def _groups(layout: Layout) -> list[tuple[TableSpec, ...]]:
    groups: list[list[TableSpec]] = []
    for spec in layout.tables:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.section == spec.section
            and prev.number_zh == spec.number_zh
            and spec.number_zh
            and not spec.single_line
            and not prev.single_line
        ):
            groups[-1].append(spec)
        else:
            groups.append([spec])
    return [tuple(g) for g in groups]


@cache
def table_grids(layout: Layout, features: frozenset[str] = frozenset()) -> tuple[TableGrid, ...]:
    """The printed tables of a variant under these layout features, in layout order (cached)."""
    return tuple(_build(layout, features, g) for g in _groups(layout))


# --------------------------------------------------------------------------------------------
# flattened labels (Markdown, tidy outputs)


@cache
def _flat_labels(layout: Layout, features: frozenset[str], table: str, axis: str) -> dict[str, str]:
    spec = layout.table(table)
    trees = _trees(spec.rows if axis == "row" else spec.columns, features)
    total = len(_data_leaves(trees))
    out: dict[str, str] = {}

    def walk(ts: tuple[_Tree, ...], chain: tuple[str, ...]) -> None:
        for t in ts:
            n_data = len(_data_leaves((t,)))
            # a group over every line of the axis adds nothing (申请人情况)
            skip = bool(t.children) and n_data == total and total > 1
            here = chain if skip else (*chain, t.node.label)
            if t.data:
                out[t.path] = " · ".join(
                    (*here, t.node.subtotal_label) if t.children and t.node.subtotal_label else here
                )
            walk(t.children, here)

    walk(trees, ())
    return out


def flat_label(layout: Layout, features: frozenset[str], table: str, axis: str, path: str) -> str:
    """A data row's or column's label with its group labels (``（三）不予公开 · 1.属于国家秘密``).

    Group labels that span the whole axis (``申请人情况``) are left out.
    """
    return _flat_labels(layout, features, table, axis)[path]
