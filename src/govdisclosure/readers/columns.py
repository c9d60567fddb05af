"""Grids: which grid column holds which column of a table, read from the printed header rows.

Real tables do not always print their columns in the template's order (software adds a
``小计`` after the five 法人或其他组织 columns instead of before them) and leave whole columns
blank.  When a grid's header rows name every data column of a table exactly once, the values
of that table's rows are taken by grid column, whatever the order; otherwise the caller falls
back to reading from the left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..layout import Node, ResolvedTable
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


_HEADER_REACH = 4
"""How many records after a group's header row its children's header row may come."""


def _names(node: Node) -> set[str]:
    return {label_key(t) for t in (node.label, *node.aliases)}


def _sibling_order(
    siblings: Sequence[Node], records: Sequence[Record], start: int, stop: int
) -> tuple[list[Node], int] | None:
    """The siblings in the order the first header row naming every one of them prints them."""
    for pos in range(start, min(stop, len(records))):
        rec = records[pos]
        if rec.values:
            continue
        found = [label_key(x) for x in rec.labels]
        at: dict[int, Node] = {}
        for node in siblings:
            names = _names(node)
            hits = [j for j, k in enumerate(found) if k in names]
            if not hits:
                break
            at[hits[0]] = node
        else:
            if len(at) == len(siblings):
                return [at[j] for j in sorted(at)], pos
    return None


def _flatten(
    table: ResolvedTable, nodes: Sequence[Node], paths: dict[int, str], records: Sequence[Record], start: int
) -> list[str] | None:
    """Column keys of a header level (and the levels under it) in printed order, or None."""
    if len(nodes) == 1 and nodes[0].children and paths[id(nodes[0])] not in table.column_keys:
        return _flatten(table, nodes[0].children, paths, records, start)  # one enclosing group (申请人情况)
    stop = len(records) if start == 0 else start + _HEADER_REACH
    got = _sibling_order(nodes, records, start, stop)
    if got is None:
        return None
    ordered, pos = got
    out: list[str] = []
    for node in ordered:
        path = paths[id(node)]
        if not node.children:
            out.append(path)
            continue
        inner = _flatten(table, node.children, paths, records, pos + 1)
        if inner is None:
            return None
        if path in table.column_keys:
            out.append(path)  # the group's own subtotal column, at the template's place (first)
        out.extend(inner)
    return out


def _header_order(table: ResolvedTable, records: Sequence[Record]) -> list[str] | None:
    """The data columns in the order the header rows print them, when they name every one."""
    paths = {id(node): path for path, node in table.column_nodes.items()}
    if table.spec.single_line or any(id(n) not in paths for n in table.spec.columns):
        return None
    order = _flatten(table, table.spec.columns, paths, records, 0)
    if order is None or sorted(order) != sorted(table.column_keys) or len(order) < 2:
        return None
    return order


def printed_orders(tables: Sequence[ResolvedTable], records: Sequence[Record]) -> dict[str, list[str]]:
    """Tables whose header prints their columns in another order than the template's: the column
    keys in printed order.  Header rows are matched level by level (申请人情况 → 自然人, 法人或其他组织,
    总计 → 商业企业 …), so a 总计 printed first is found; a group's 小计 printed after the group's own
    columns (some software does) is found by its label.  The template puts the subtotal first."""
    out: dict[str, list[str]] = {}
    for table in tables:
        general = _header_order(table, records)
        if general is not None and general != list(table.column_keys):
            out[table.spec.key] = general
            continue
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
