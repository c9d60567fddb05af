"""Grids: which grid column holds which column of a table, read from the printed header rows.

Real tables do not always print their columns in the template's order (software adds a
``小计`` after the five 法人或其他组织 columns instead of before them) and leave whole columns
blank.  When a grid's header rows name every data column of a table exactly once, the values
of that table's rows are taken by grid column, whatever the order; otherwise the caller falls
back to reading from the left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..layout import ResolvedTable
from .normalize import label_key
from .records import Record

__all__ = ["header_columns", "printed_orders"]


def _column_labels(table: ResolvedTable) -> dict[str, str]:
    """Label key → column key for the data columns of a table (a group's 小计 included)."""
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
) -> dict[str, dict[int, str]]:
    """For each table whose header rows name every data column once: grid column → column key.

    Only header rows (grid rows without numbers) printed before the table's first data row are
    used; a deeper header row overrides the one above it for the same grid column.
    """
    first_row: dict[str, int] = {}
    for pos, rec in enumerate(records):
        if rec.values:
            owner = owner_of(rec)
            if owner is not None:
                first_row.setdefault(owner, pos)
    out: dict[str, dict[int, str]] = {}
    for table in tables:
        key = table.spec.key
        if table.spec.single_line or key not in first_row:
            continue
        labels = _column_labels(table)
        mapping: dict[int, str] = {}
        for rec in records[: first_row[key]]:
            if rec.values or not rec.columns:
                continue
            for ci, text in enumerate(rec.columns):
                col = labels.get(label_key(text)) if text else None
                if col is not None:
                    mapping = {c: k for c, k in mapping.items() if c != ci}
                    mapping[ci] = col
        if len(mapping) == len(table.column_keys) and set(mapping.values()) == set(table.column_keys):
            out[key] = mapping
    return out


def printed_orders(tables: Sequence[ResolvedTable], records: Sequence[Record]) -> dict[str, list[str]]:
    """Tables whose header prints a group's 小计 column after the group's own columns (some
    software does): the column keys in printed order.  The template puts the subtotal first."""
    out: dict[str, list[str]] = {}
    for table in tables:
        keys = list(table.column_keys)
        for path, node in table.column_nodes.items():
            if path not in table.column_keys or not node.children or not node.subtotal_label:
                continue
            names = {label_key(node.subtotal_label), label_key(node.label + node.subtotal_label)}
            children = {label_key(c.label) for c in node.children}
            child_keys = [k for k in keys if k != path and table.column_nodes[k] in node.children]
            for rec in records:
                if rec.values:
                    continue
                found = [label_key(x) for x in rec.labels]
                at = [i for i, k in enumerate(found) if k in names]
                kids = [i for i, k in enumerate(found) if k in children]
                if at and kids:
                    if at[0] > max(kids) and child_keys:
                        keys.remove(path)
                        keys.insert(keys.index(child_keys[-1]) + 1, path)
                        out[table.spec.key] = keys
                    break
    return out
