"""Human-readable names of cells and rows, taken from the layout's own labels (never restated).

``cell_label(resolved, ref)`` gives the short form reviewers use, e.g. ``表三 （四）1 自然人``:
the table's number, the numbering of the row (its group's numbering plus the item number for a
nested row, the full label otherwise) and the column label.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..cells import CellValue, Placeholder
from ..layout import CellRef, Node, ResolvedLayout, ResolvedTable

__all__ = ["cell_label", "column_label", "fmt_value", "numbering", "row_label", "table_title"]

_NUMBERING = re.compile(
    r"^\s*(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.、．])"
)


def numbering(label: str) -> str | None:
    """The numbering a label starts with (``（四）``, ``一、``, ``1.``), or ``None``."""
    m = _NUMBERING.match(label)
    return m.group(1) if m else None


def label_core(label: str) -> str:
    """A label without its numbering and without a trailing parenthetical note (``部分公开``)."""
    n = numbering(label)
    core = label[len(n) :] if n else label
    core = re.sub(r"（[^）]*）$", "", core.strip())
    return core.strip()


def _parents(nodes: tuple[Node, ...], features: frozenset[str]) -> dict[str, tuple[Node, ...]]:
    """Row path → the chain of ancestor nodes (scoped or not), outermost first."""
    out: dict[str, tuple[Node, ...]] = {}

    def walk(ns: tuple[Node, ...], prefix: str, chain: tuple[Node, ...]) -> None:
        for n in ns:
            if not n.present(features):
                continue
            path = (f"{prefix}.{n.key}" if prefix else n.key) if n.scope else prefix
            if n.scope:
                out[path] = chain
            walk(n.children, path if n.scope else prefix, (*chain, n))

    walk(nodes, "", ())
    return out


_ROW_LABELS: dict[int, tuple[ResolvedTable, dict[str, str]]] = {}


def _row_labels(table: ResolvedTable, features: frozenset[str]) -> dict[str, str]:
    cached = _ROW_LABELS.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    labels = _compute_row_labels(table, features)
    _ROW_LABELS[id(table)] = (table, labels)
    return labels


def _compute_row_labels(table: ResolvedTable, features: frozenset[str]) -> dict[str, str]:
    parents = _parents(table.spec.rows, features)
    labels: dict[str, str] = {}
    for path, node in table.row_nodes.items():
        chain = parents.get(path, ())
        own = numbering(node.label)
        scoped = [p for p in chain if p.scope]
        if scoped and own:
            parent_num = numbering(scoped[-1].label)
            item = own.rstrip(".、．")
            labels[path] = f"{parent_num}{item}" if parent_num else node.label
            continue
        unscoped = [p.label for p in chain if not p.scope and numbering(p.label) is None]
        labels[path] = " ".join([*unscoped, node.label])
    return labels


def row_label(resolved: ResolvedLayout, table: str, row: str) -> str:
    """The short printed name of a row (``（四）1``, ``一、本年新收政府信息公开申请数量``)."""
    t = resolved.table(table)
    label = _row_labels(t, resolved.features).get(row)
    return label if label is not None else row


def column_label(resolved: ResolvedLayout, table: str, column: str) -> str:
    """The printed label of a column (``自然人``); a subtotal column gets its ``小计`` label."""
    node = resolved.table(table).column_nodes.get(column)
    if node is None:
        return column
    if node.children and node.subtotal_label:
        return f"{node.label}{node.subtotal_label}"
    return node.label


def table_title(resolved: ResolvedLayout, table: str) -> str:
    """``表三`` or, for the blocks of 表二, ``表二 第二十条第（一）项``."""
    spec = resolved.table(table).spec
    same_number = [t for t in resolved.tables if t.spec.number_zh == spec.number_zh]
    return f"{spec.number_zh} {spec.label}" if len(same_number) > 1 else spec.number_zh


def cell_label(resolved: ResolvedLayout, ref: CellRef) -> str:
    """``表三 （四）1 自然人``; a table with one column omits the column label."""
    t = resolved.table(ref.table)
    parts = [table_title(resolved, ref.table), row_label(resolved, ref.table, ref.row)]
    if len(t.column_keys) > 1 or t.spec.single_line:
        parts.append(column_label(resolved, ref.table, ref.column))
    return " ".join(parts)


def fmt_value(value: CellValue | int | Decimal) -> str:
    """A printed value as text: numbers as printed, placeholders as their mark, ``None`` as 未印."""
    if value is None:
        return "（未印）"
    if isinstance(value, Placeholder):
        return f"“{value.value}”"
    return str(value)
