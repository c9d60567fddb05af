"""Concrete calculation relations (like an XBRL calculation linkbase) and their evaluation.

A layout declares relation *templates* (:class:`~govdisclosure.layout.AxisSum`,
:class:`~govdisclosure.layout.GroupSum`, :class:`~govdisclosure.layout.Balance`).
:func:`relations_for` expands them, for one resolved layout, into :class:`Relation` objects of
the form ``Σ lhs = Σ rhs`` over concrete cells, each with a stable ID such as
``requests.balance[natural_person]``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache

from attrs import frozen

from .cells import CellValue, Placeholder
from .layout import (
    AxisSum,
    Balance,
    CellRef,
    GroupSum,
    Node,
    RelationTemplate,
    ResolvedLayout,
    ResolvedTable,
)

__all__ = ["Relation", "RelationResult", "Status", "evaluate", "expand", "relations_for"]


class Status(enum.StrEnum):
    """The outcome of evaluating one relation."""

    HOLDS = "holds"
    FAILS = "fails"
    NOT_ASSESSABLE = "not_assessable"


@frozen(kw_only=True)
class Relation:
    """``Σ lhs = Σ rhs`` over concrete cells.

    For a sum, ``lhs`` is the printed total and ``rhs`` its parts; for a balance,
    ``lhs`` is 一 + 二 and ``rhs`` is （七） + 四.
    """

    id: str
    template: RelationTemplate
    table: str
    lhs: tuple[CellRef, ...]
    rhs: tuple[CellRef, ...]
    lhs_index: tuple[int, ...]
    rhs_index: tuple[int, ...]

    @property
    def template_id(self) -> str:
        return self.template.id

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return self.lhs + self.rhs

    def coefficient(self, ref: CellRef) -> int:
        """The net coefficient of ``ref`` in ``Σ lhs − Σ rhs`` (0 if it does not matter)."""
        return self.lhs.count(ref) - self.rhs.count(ref)

    def formula(self, labels: dict[CellRef, str] | None = None) -> str:
        name = (lambda r: labels[r]) if labels else str
        return f"{' + '.join(map(name, self.lhs))} = {' + '.join(map(name, self.rhs))}"


@frozen(kw_only=True)
class RelationResult:
    """One relation evaluated on one report."""

    relation: Relation
    status: Status
    actual: int | Decimal | None = None
    """``Σ lhs`` as printed (the printed total, or 一 + 二)."""
    expected: int | Decimal | None = None
    """``Σ rhs`` (the sum of the printed parts, or （七） + 四)."""
    missing: tuple[CellRef, ...] = ()
    """Cells that were not printed or hold a placeholder (status NOT_ASSESSABLE)."""

    @property
    def difference(self) -> int | Decimal | None:
        if self.actual is None or self.expected is None:
            return None
        return self.actual - self.expected


def expand(resolved: ResolvedTable, axis: str, path: str, features: frozenset[str]) -> list[str]:
    """The data nodes that stand for ``path`` on an axis: itself, or its data descendants."""
    nodes = resolved.row_nodes if axis == "row" else resolved.column_nodes
    node = nodes.get(path)
    if node is None:
        return []
    if node.has_data(features):
        return [path]
    out: list[str] = []
    prefix = path if node.scope else ""
    for child in node.children:
        if not child.present(features):
            continue
        child_path = (f"{prefix}.{child.key}" if prefix else child.key) if child.scope else child.key
        out.extend(expand(resolved, axis, child_path, features))
    return out


def _children_paths(node: Node, path: str, features: frozenset[str]) -> list[str]:
    prefix = path if node.scope else ""
    return [
        (f"{prefix}.{c.key}" if prefix else c.key) if c.scope else c.key
        for c in node.children
        if c.present(features)
    ]


def _make(
    rid: str,
    template: RelationTemplate,
    table: str,
    lhs: Sequence[CellRef],
    rhs: Sequence[CellRef],
    index: dict[CellRef, int],
) -> Relation:
    return Relation(
        id=rid,
        template=template,
        table=table,
        lhs=tuple(lhs),
        rhs=tuple(rhs),
        lhs_index=tuple(index[c] for c in lhs),
        rhs_index=tuple(index[c] for c in rhs),
    )


def _table_relations(resolved: ResolvedLayout, table: ResolvedTable) -> Iterable[Relation]:
    features = resolved.features
    key = table.spec.key
    idx = resolved.index
    for tpl in table.spec.relations:
        if isinstance(tpl, AxisSum):
            if tpl.axis == "row":
                totals = expand(table, "row", tpl.total, features)
                if totals != [tpl.total]:
                    continue
                parts = [p for part in tpl.parts for p in expand(table, "row", part, features)]
                for col in table.column_keys:
                    yield _make(
                        f"{tpl.id}[{col}]", tpl, key, [CellRef(key, tpl.total, col)],
                        [CellRef(key, p, col) for p in parts], idx,
                    )
            else:
                totals = expand(table, "column", tpl.total, features)
                if totals != [tpl.total]:
                    continue
                parts = [p for part in tpl.parts for p in expand(table, "column", part, features)]
                for row in table.row_paths:
                    yield _make(
                        f"{tpl.id}[{row}]", tpl, key, [CellRef(key, row, tpl.total)],
                        [CellRef(key, row, p) for p in parts], idx,
                    )
        elif isinstance(tpl, GroupSum):
            nodes = table.row_nodes if tpl.axis == "row" else table.column_nodes
            data = table.row_paths if tpl.axis == "row" else table.column_keys
            for path, node in nodes.items():
                if path not in data or not node.children:
                    continue
                parts = [
                    p
                    for child in _children_paths(node, path, features)
                    for p in expand(table, tpl.axis, child, features)
                ]
                if not parts:
                    continue
                others = table.column_keys if tpl.axis == "row" else table.row_paths
                for other in others:
                    if tpl.axis == "row":
                        lhs, rhs = [CellRef(key, path, other)], [CellRef(key, p, other) for p in parts]
                    else:
                        lhs, rhs = [CellRef(key, other, path)], [CellRef(key, other, p) for p in parts]
                    yield _make(f"{tpl.id}[{path}][{other}]", tpl, key, lhs, rhs, idx)
        elif isinstance(tpl, Balance):
            lhs_rows = [p for r in tpl.lhs for p in expand(table, "row", r, features)]
            rhs_rows = [p for r in tpl.rhs for p in expand(table, "row", r, features)]
            if not lhs_rows or not rhs_rows:
                continue
            for col in table.column_keys:
                yield _make(
                    f"{tpl.id}[{col}]", tpl, key,
                    [CellRef(key, r, col) for r in lhs_rows],
                    [CellRef(key, r, col) for r in rhs_rows], idx,
                )


@cache
def relations_for(resolved: ResolvedLayout) -> tuple[Relation, ...]:
    """Every concrete relation of a resolved layout, in layout order (cached)."""
    return tuple(r for t in resolved.tables for r in _table_relations(resolved, t))


def evaluate(
    relations: Sequence[Relation], values: Sequence[CellValue], cells: Sequence[CellRef]
) -> list[RelationResult]:
    """Evaluate relations on a flat value vector aligned with ``cells``."""
    out: list[RelationResult] = []
    for rel in relations:
        lhs = 0
        rhs = 0
        missing: list[int] = []
        for i in rel.lhs_index:
            v = values[i]
            if v is None or v.__class__ is Placeholder:
                missing.append(i)
            else:
                lhs += v  # type: ignore[operator]
        for i in rel.rhs_index:
            v = values[i]
            if v is None or v.__class__ is Placeholder:
                missing.append(i)
            else:
                rhs += v  # type: ignore[operator]
        if missing:
            out.append(
                RelationResult(
                    relation=rel,
                    status=Status.NOT_ASSESSABLE,
                    missing=tuple(dict.fromkeys(cells[i] for i in missing)),
                )
            )
        else:
            status = Status.HOLDS if lhs == rhs else Status.FAILS
            out.append(RelationResult(relation=rel, status=status, actual=lhs, expected=rhs))
    return out
