"""Helpers for the writer tests: independent expectations, and a label-anchored check of a printed table.

Nothing here uses ``govdisclosure.writers``: the expected printed text of a value is derived from
the cell-value rules (int as digits, ``Decimal`` in fixed notation, a placeholder as its mark,
``None`` empty), and a printed table is checked by locating every data cell through its official
labels (taken from the layout) in an *expanded* matrix of texts, where a merged cell's text is
repeated in every position it covers (what python-docx and a span-expanded HTML/XLSX give).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal
from html.parser import HTMLParser

from govdisclosure import NATIONAL_2021, CellRef, Placeholder, Report
from govdisclosure.extension import extend
from govdisclosure.layout import Layout, Node, TableSpec

Matrix = list[list[str]]


def printed(value: object, note: str | None = None) -> str:
    """The text a value must be printed as (independent of the writers)."""
    if value is None:
        text = ""
    elif isinstance(value, Placeholder):
        text = value.value
    elif isinstance(value, Decimal):
        text = format(value, "f")
    else:
        assert type(value) is int
        text = str(value)
    return text + (note or "")


def _chain(nodes: dict[str, Node], path: str, has_children: bool) -> list[str]:
    """Labels identifying a row/column: the node's label, its scoped ancestors, a subtotal label."""
    parts = path.split(".")
    labels = [nodes[".".join(parts[: i + 1])].label for i in range(len(parts))]
    node = nodes[path]
    if has_children and node.subtotal_label:
        labels.append(node.subtotal_label)
    return labels


def _has_present_children(report: Report, table: str, axis: str, path: str) -> bool:
    t = report.resolved.table(table)
    nodes = t.row_nodes if axis == "row" else t.column_nodes
    return any(p.startswith(path + ".") for p in nodes) or any(
        c.present(report.features) for c in nodes[path].children
    )


def locate(matrix: Matrix, report: Report, ref: CellRef) -> set[str]:
    """The texts at every matrix position identified by the cell's row and column labels."""
    t = report.resolved.table(ref.table)
    spec = t.spec
    row_chain = _chain(t.row_nodes, ref.row, _has_present_children(report, ref.table, "row", ref.row))
    col_chain = _chain(
        t.column_nodes, ref.column, _has_present_children(report, ref.table, "column", ref.column)
    )
    width = max(len(r) for r in matrix)
    cols = [[row[c] if c < len(row) else "" for row in matrix] for c in range(width)]
    if spec.single_line:
        columns = [c for c in range(width) if all(lbl in cols[c] for lbl in row_chain + col_chain)]
        # the value line is the last line whose cell in these columns is not a label
        out = set()
        for c in columns:
            rows = [r for r in range(len(matrix)) if matrix[r][c] not in row_chain + col_chain]
            assert rows, f"{ref}: no value line"
            out.add(matrix[rows[-1]][c])
        return out
    rows = [r for r, row in enumerate(matrix) if all(lbl in row for lbl in row_chain)]
    # the row label must be the row's last label; a row listing a deeper label belongs to a child
    rows = [
        r
        for r in rows
        if not any(
            lbl in matrix[r]
            for p, n in t.row_nodes.items()
            if p.startswith(ref.row + ".")
            for lbl in (n.label,)
        )
    ]
    # the column headers of this table's block: the rows above its body, up to another table's body
    own = {n.label for n in t.row_nodes.values()}
    others = {
        n.label for o in report.resolved.tables if o.spec.key != ref.table for n in o.row_nodes.values()
    }
    assert len(rows) == 1, f"{ref}: {len(rows)} rows match {row_chain}"
    header: list[int] = []
    for r in range(rows[0] - 1, -1, -1):
        texts = set(matrix[r])
        if texts & others - own:
            break
        if not texts & own:
            header.append(r)
    cols = [[matrix[r][c] for r in header] for c in range(width)]
    columns = [c for c in range(width) if all(lbl in cols[c] for lbl in col_chain)]
    columns = [
        c
        for c in columns
        if not any(
            n.label in cols[c]
            for p, n in t.column_nodes.items()
            if p != ref.column and p in _descendants(t, ref.column)
        )
    ]
    return {matrix[r][c] for r in rows for c in columns}


def _descendants(t: object, column: str) -> set[str]:
    node = t.column_nodes[column]  # type: ignore[attr-defined]
    out: set[str] = set()
    stack = list(node.children)
    while stack:
        n = stack.pop()
        out.add(n.key)
        stack.extend(n.children)
    return out


def check_tables(matrices: dict[str, Matrix], report: Report) -> int:
    """Every data cell of the report is found, by its labels, with its printed text; returns the count.

    ``matrices`` maps each table key to the expanded matrix of the printed table holding it.
    """
    n = 0
    for ref, value in report.items():
        want = printed(value, report.annotations.get(ref))
        got = locate(matrices[ref.table], report, ref)
        assert got == {want}, f"{ref}: printed {got!r}, expected {want!r}"
        n += 1
    return n


ADDED_ROW_LABEL = "其他公开文件（地方增列）"
ADDED_TABLE_LABEL = "政府信息公开听证情况（地方增列）"
ADDED_TABLE_ROWS = ("组织听证", "未组织听证")
ADDED_TABLE_COLUMNS = ("本年件数", "涉及申请人数")


def regional_layout() -> Layout:
    """A small extension of national-2021: one row added to 第二十条第（一）项, one table added."""
    return extend(
        NATIONAL_2021,
        id="test-region-2021",
        title="测试地区政府信息公开工作年度报告格式",
        add_rows={
            "regulations": [("normative_documents", Node(key="other_documents", label=ADDED_ROW_LABEL))]
        },
        add_tables=[
            TableSpec(
                key="hearings",
                section="other",
                label=ADDED_TABLE_LABEL,
                number_zh="表五",
                row_header="事项",
                rows=(
                    Node(key="held", label=ADDED_TABLE_ROWS[0]),
                    Node(key="not_held", label=ADDED_TABLE_ROWS[1]),
                ),
                columns=(
                    Node(key="cases", label=ADDED_TABLE_COLUMNS[0]),
                    Node(key="applicants", label=ADDED_TABLE_COLUMNS[1]),
                ),
            )
        ],
    )


# --------------------------------------------------------------------------------------------
# independent readers of the written formats


class _TableParser(HTMLParser):
    """Every ``<table>`` as rows of ``(tag, text, rowspan, colspan, attrs)``, plus title and prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, str, int, int, dict[str, str]]]]] = []
        self.title = ""
        self.paragraphs: list[str] = []
        self.headings: list[str] = []
        self.tags: list[str] = []
        self._cell: list[object] | None = None
        self._text: list[str] | None = None
        self._in_table = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._in_table += 1
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = [tag, int(a.get("rowspan", 1)), int(a.get("colspan", 1)), a]
            self._text = []
        elif tag in ("title", "p", "h1", "h2") and not self._in_table:
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table -= 1
        elif tag in ("td", "th") and self._cell is not None and self._text is not None:
            t, rs, cs, a = self._cell
            self.tables[-1][-1].append((t, "".join(self._text), rs, cs, a))  # type: ignore[arg-type]
            self._cell = self._text = None
        elif tag in ("title", "p", "h1", "h2") and self._text is not None and not self._in_table:
            text = "".join(self._text)
            if tag == "title":
                self.title = text
            elif tag == "p":
                self.paragraphs.append(text)
            else:
                self.headings.append(text)
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def parse_html(data: bytes) -> _TableParser:
    p = _TableParser()
    p.feed(data.decode("utf-8"))
    p.close()
    return p


def expand(rows: list[list[tuple[str, str, int, int, dict[str, str]]]]) -> Matrix:
    """Expand HTML-style rows with spans into a full matrix, repeating a merged cell's text."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for _tag, text, rs, cs, _a in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text
            c += cs
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]


def html_matrices(data: bytes) -> list[Matrix]:
    return [expand(t) for t in parse_html(data).tables]


def docx_matrices(data: bytes) -> list[Matrix]:
    import docx

    d = docx.Document(io.BytesIO(data))
    return [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]


def xlsx_matrices(data: bytes, tidy: str = "数据") -> dict[str, Matrix]:
    """Each layout sheet as an expanded matrix (merged ranges filled from their top-left cell)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    out: dict[str, Matrix] = {}
    for ws in wb.worksheets:
        if ws.title == tidy:
            continue
        values = {
            (c.row, c.column): _xl_text(c.value, c.number_format) for row in ws.iter_rows() for c in row
        }
        for rng in ws.merged_cells.ranges:
            top = values.get((rng.min_row, rng.min_col))
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    values[(r, c)] = top
        rows = range(3, ws.max_row + 1)
        cols = range(1, ws.max_column + 1)
        out[ws.title] = [[values.get((r, c)) or "" for c in cols] for r in rows]
    return out


def _xl_text(v: object, number_format: str) -> str:
    """The text Excel displays: a number through its number format (``0``, ``0.00``)."""
    if v is None:
        return ""
    if isinstance(v, float | int):
        assert re.fullmatch(r"0(\.0+)?", number_format), number_format
        places = len(number_format) - 2 if "." in number_format else 0
        return f"{Decimal(repr(v)):.{places}f}"
    return str(v)


def assign(matrices: list[Matrix], report: Report) -> dict[str, Matrix]:
    """Which printed table holds each layout table: the one containing its first row's label."""
    out: dict[str, Matrix] = {}
    for t in report.resolved.tables:
        label = t.row_nodes[t.row_paths[0]].label
        holders = [m for m in matrices if any(label in row for row in m)]
        assert len(holders) == 1, f"{t.spec.key}: {len(holders)} printed tables hold {label!r}"
        out[t.spec.key] = holders[0]
    return out


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def md_unescape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


def md_tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """GFM tables as (header cells, body rows), cells unescaped."""
    out: list[tuple[list[str], list[list[str]]]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.fullmatch(r"\|( *-+:? *\|)+", lines[i + 1]):
            header = _md_cells(lines[i])
            body = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                body.append(_md_cells(lines[i]))
                i += 1
            out.append((header, body))
        else:
            i += 1
    return out


def _md_cells(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [md_unescape(c.strip()) for c in cells]


def zip_names_and_times(data: bytes) -> list[tuple[str, tuple[int, ...]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, i.date_time) for i in z.infolist()]


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
