"""Grids: which grid column holds which column of a table, read from the printed header rows.

Real tables do not always print their columns in the template's order (software adds a
``小计`` after the five 法人或其他组织 columns instead of before them) and leave whole columns
blank.  When a grid's header rows name every data column of a table exactly once, the values
of that table's rows are taken by grid column, whatever the order; otherwise the caller falls
back to reading from the left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from unicodedata import east_asian_width

from ..layout import Node, ResolvedTable
from .normalize import label_key
from .records import Record

__all__ = ["header_columns", "printed_orders"]


_LABELS: dict[int, tuple[ResolvedTable, dict[str, str]]] = {}


def _column_labels(table: ResolvedTable) -> dict[str, str]:
    """Label key → column key for the data columns of a table (a group's 小计 included); cached."""
    hit = _LABELS.get(id(table))
    if hit is None or hit[0] is not table:
        if len(_LABELS) > 256:
            _LABELS.clear()
        hit = _LABELS[id(table)] = (table, _build_column_labels(table))
    return hit[1]


def _build_column_labels(table: ResolvedTable) -> dict[str, str]:
    out: dict[str, str] = {}
    data = set(table.column_keys)
    for path, node in table.column_nodes.items():
        if path not in data:
            continue
        texts = [node.label, *node.aliases]
        if node.children and node.subtotal_label:
            # a group that carries its own subtotal: 小计 / 法人或其他组织小计 name it
            texts += [node.subtotal_label, node.label + node.subtotal_label]
            texts.remove(node.label)  # the group label alone heads the group, not the subtotal
        for text in texts:
            out.setdefault(label_key(text), path)
    return out


def header_columns(
    tables: Sequence[ResolvedTable], records: Sequence[Record], owner_of: Callable[[Record], str | None]
) -> dict[str, dict[int, tuple[str, int]]]:
    """For each table whose header rows name every data column once: grid column → (column key,
    last grid column of that header cell).

    Only header rows (grid rows without numbers) printed before the table's first data row, and
    after the data rows of any other table, are used (the blocks of a stacked 表二 each print
    their own header); a deeper header row overrides the one above it for the same grid column.
    A header cell merged over several grid columns covers them all: the merged copies are blank
    positions after it in its row (a value under it may sit in any of them, since the value cells
    of a row need not be merged like the header: ``上一年项目数量`` over one column with its value
    merged over two, ``本年增/减`` over the next two).
    """
    first_row: dict[str, int] = {}
    owners: dict[int, str] = {}  # record position → table of a data row
    for pos, rec in enumerate(records):
        if rec.values:
            owner = owner_of(rec)
            if owner is not None:
                first_row.setdefault(owner, pos)
                owners[pos] = owner
    out: dict[str, dict[int, tuple[str, int]]] = {}
    keys: dict[int, list[str | None]] = {}  # record position → label key of each grid column (on use)
    for table in tables:
        key = table.spec.key
        if table.spec.single_line or key not in first_row:
            continue
        labels = _column_labels(table)
        mapping: dict[int, str] = {}
        ends: dict[int, int] = {}
        for pos in range(first_row[key]):
            rec = records[pos]
            if rec.values:
                if owners.get(pos, key) != key:  # another table's data row: its headers were above it
                    mapping, ends = {}, {}
                continue
            if not rec.columns:
                continue
            texts = keys.get(pos)
            if texts is None:
                texts = keys[pos] = [label_key(text) if text else None for text in rec.columns]
            for ci, text_key in enumerate(texts):
                col = labels.get(text_key) if text_key is not None else None
                if col is not None:
                    mapping.pop(ci, None)
                    mapping[ci] = col
                    end = ci
                    while end + 1 < len(texts) and texts[end + 1] is None:
                        end += 1
                    ends[ci] = end
        if len(mapping) == len(table.column_keys) and set(mapping.values()) == set(table.column_keys):
            cols = sorted(mapping)
            out[key] = {
                gc: (mapping[gc], min(ends[gc], nxt - 1) if nxt is not None else ends[gc])
                for gc, nxt in zip(cols, [*cols[1:], None], strict=True)
            }
    return out


_HEADER_REACH = 4
"""How many records after a group's header row its children's header row may come."""
_RUN_MAX = 48
"""How many label-only lines before a table's first row may be its header printed one cell per line."""


_NAMES: dict[int, tuple[Node, frozenset[str]]] = {}


def _names(node: Node) -> frozenset[str]:
    """The label keys naming a column node (its label and aliases); cached per node."""
    hit = _NAMES.get(id(node))
    if hit is None or hit[0] is not node:
        if len(_NAMES) > 4096:
            _NAMES.clear()
        hit = _NAMES[id(node)] = (node, frozenset(label_key(t) for t in (node.label, *node.aliases)))
    return hit[1]


class _Headers:
    """The label keys of the header rows (records without values) of one source, computed once per
    call of :func:`printed_orders`."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.size = len(records)
        self.keys: list[list[str] | None] = [
            None if rec.values else [label_key(x) for x in rec.labels] for rec in records
        ]
        # text printed one cell per line (BeautifulSoup ``get_text("\n")``, lynx, docx2txt): the header
        # cells of a row are consecutive label-only lines; their run, read as one row, gives the order
        run: list[int] = []
        for pos, rec in enumerate([*records, None]):
            if rec is not None and (
                rec.blank or (not rec.from_grid and not rec.values and len(rec.labels) == 1)
            ):
                if not rec.blank:
                    run.append(pos)
                continue
            run = run[-_RUN_MAX:]  # the header is at the end of a run (prose may come before it)
            if len(run) >= 2:
                self.keys[run[0]] = [k for p in run for k in (self.keys[p] or ())]
            run = []
        self._records = records
        self._aligned: list[tuple[int, dict[str, int]]] | None = None
        self.first_at: list[dict[str, int]] = []
        """Per record: label key → its first position in the row (empty for rows with values)."""
        self.rows_of: dict[str, list[int]] = {}
        """Label key → the header rows printing it, in order."""
        for pos, keys in enumerate(self.keys):
            first: dict[str, int] = {}
            if keys is not None:
                for j, k in enumerate(keys):
                    if k not in first:
                        first[k] = j
                        self.rows_of.setdefault(k, []).append(pos)
            self.first_at.append(first)

    @property
    def aligned(self) -> list[tuple[int, dict[str, int]]]:
        """Header lines laid out in columns (w3m, pdftotext -layout): ``(first line, label key → its
        rank from left to right)`` of each block of label-only lines, by where each label is printed
        (computed on first use: only when no single header row names a level's columns)."""
        if self._aligned is None:
            self._aligned = _aligned_headers(self._records)
        return self._aligned


def _sibling_order(
    siblings: Sequence[Node], headers: _Headers, start: int, stop: int
) -> tuple[list[Node], int] | None:
    """The siblings in the order the first header row naming every one of them prints them (else
    the first block of header lines laid out in columns that names them all)."""
    stop = min(stop, headers.size)
    if not siblings:
        return None  # an empty header level orders nothing (the caller needs at least two columns)
    names = [_names(node) for node in siblings]
    # only the rows naming the first sibling can name them all
    rows = sorted({pos for k in names[0] for pos in headers.rows_of.get(k, ())})
    printed = [(pos, headers.first_at[pos]) for pos in rows if start <= pos < stop]
    found = _first_naming(siblings, names, printed)
    if found is None:
        found = _first_naming(siblings, names, [(p, f) for p, f in headers.aligned if start <= p < stop])
    return found


def _first_naming(
    siblings: Sequence[Node], names: list[frozenset[str]], candidates: list[tuple[int, dict[str, int]]]
) -> tuple[list[Node], int] | None:
    """The siblings ordered by the first candidate row (position, label key → rank) naming them all."""
    for pos, first in candidates:
        at: dict[int, Node] = {}
        for node, node_names in zip(siblings, names, strict=True):
            hits = [first[k] for k in node_names if k in first]
            if not hits:
                break
            at[min(hits)] = node
        else:
            if len(at) == len(siblings):
                return [at[j] for j in sorted(at)], pos
    return None


_ALIGNED_MAX = 12
"""A header laid out in columns takes at most this many lines."""


def _aligned_headers(records: Sequence[Record]) -> list[tuple[int, dict[str, int]]]:
    """Blocks of label-only text lines without tabs, at least one of them with several labels: each
    block's labels ranked by the display column they are printed at (a wide character takes two),
    so that a header whose levels a renderer centred on different lines (w3m prints ``法人或其他组织``
    above ``总计│自然人``) still gives the printed order."""
    out: list[tuple[int, dict[str, int]]] = []
    run: list[Record] = []
    start = 0
    for pos, rec in enumerate([*records, None]):
        if rec is not None and not rec.from_grid and not rec.values and "\t" not in rec.text:
            if not rec.blank:
                if not run:
                    start = pos
                run.append(rec)
            continue
        if 2 <= len(run) <= _ALIGNED_MAX and any(len(r.labels) > 1 for r in run):
            placed: list[tuple[int, int, str]] = []
            for line, r in enumerate(run):
                at = 0
                for label in r.labels:
                    found = r.text.find(label, at)
                    if found < 0:
                        break
                    placed.append((_width(r.text[:found]), line, label_key(label)))
                    at = found + len(label)
            ranks: dict[str, int] = {}
            for rank, (_x, _line, key) in enumerate(sorted(placed)):
                ranks.setdefault(key, rank)
            out.append((start, ranks))
        run = []
    return out


def _width(text: str) -> int:
    """Display columns of ``text`` in a fixed-width rendering (CJK and full-width characters take two)."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _flatten(
    table: ResolvedTable, nodes: Sequence[Node], paths: dict[int, str], headers: _Headers, start: int
) -> list[str] | None:
    """Column keys of a header level (and the levels under it) in printed order, or None."""
    if len(nodes) == 1 and nodes[0].children and paths[id(nodes[0])] not in table.column_keys:
        return _flatten(table, nodes[0].children, paths, headers, start)  # one enclosing group (申请人情况)
    stop = headers.size if start == 0 else start + _HEADER_REACH
    got = _sibling_order(nodes, headers, start, stop)
    if got is None:
        return None
    ordered, pos = got
    out: list[str] = []
    for node in ordered:
        path = paths[id(node)]
        if not node.children:
            out.append(path)
            continue
        inner = _flatten(table, node.children, paths, headers, pos + 1)
        if inner is None:  # a header printed one cell per line: every level is in the one run
            inner = _flatten(table, node.children, paths, headers, pos)
        if inner is None:
            return None
        if path in table.column_keys:
            out.append(path)  # the group's own subtotal column, at the template's place (first)
        out.extend(inner)
    return out


def _header_order(table: ResolvedTable, headers: _Headers) -> list[str] | None:
    """The data columns in the order the header rows print them, when they name every one."""
    paths = {id(node): path for path, node in table.column_nodes.items()}
    if table.spec.single_line or any(id(n) not in paths for n in table.spec.columns):
        return None
    order = _flatten(table, table.spec.columns, paths, headers, 0)
    if order is None or sorted(order) != sorted(table.column_keys) or len(order) < 2:
        return None
    return order


def printed_orders(tables: Sequence[ResolvedTable], records: Sequence[Record]) -> dict[str, list[str]]:
    """Tables whose header prints their columns in another order than the template's: the column
    keys in printed order.  Header rows are matched level by level (申请人情况 → 自然人, 法人或其他组织,
    总计 → 商业企业 …), so a 总计 printed first is found; a group's 小计 printed after the group's own
    columns (some software does) is found by its label.  The template puts the subtotal first."""
    out: dict[str, list[str]] = {}
    if not tables:
        return out
    headers = _Headers(records)
    for table in tables:
        if len(table.column_keys) < 2:
            continue  # one column: no order to find
        general = _header_order(table, headers)
        if general is not None and general != list(table.column_keys):
            out[table.spec.key] = general
            continue
        keys = list(table.column_keys)
        for path, node in table.column_nodes.items():
            if path not in table.column_keys or not node.children or not node.subtotal_label:
                continue
            names = {label_key(node.subtotal_label), label_key(node.label + node.subtotal_label)}
            children = {label_key(c.label) for c in node.children}
            if not (names & headers.rows_of.keys() and children & headers.rows_of.keys()):
                continue  # no header row names both
            child_keys = [k for k in keys if k != path and table.column_nodes[k] in node.children]
            for found in headers.keys:
                if found is None:
                    continue
                at = [i for i, k in enumerate(found) if k in names]
                kids = [i for i, k in enumerate(found) if k in children]
                if at and kids:
                    if at[0] > max(kids) and child_keys:
                        keys.remove(path)
                        keys.insert(keys.index(child_keys[-1]) + 1, path)
                        out[table.spec.key] = keys
                    break
    return out
