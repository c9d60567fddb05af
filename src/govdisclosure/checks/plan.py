"""Per-layout plans: what the rules need from a resolved layout, worked out once per layout.

A :class:`LayoutPlan` holds the positions, value kinds, labels and generated checks the rules
read on every report of one :class:`~govdisclosure.layout.ResolvedLayout`.  Plans are cached by
the resolved layout object itself (resolved layouts compare by identity), so a plan can neither
go stale nor be shared between two layouts, two feature sets or two registries' variants.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter
from typing import Any, cast

from ..cells import CellValue
from ..layout import CellRef, ResolvedLayout, ValueKind
from ..relations import Relation, relations_for
from .labels import cell_label

__all__ = ["FLOW_ROWS", "LayoutPlan", "plan_for"]

Getter = Callable[[Sequence[CellValue]], tuple[CellValue, ...]]
FLOW_ROWS = ("received", "carried_over", "carried_forward")
"""The 表三 rows of the forward-carry bound: 一 本年新收, 二 上年结转, 四 结转下年度."""


def _runs(positions: Sequence[int]) -> list[tuple[int, int]]:
    """The maximal runs of consecutive positions, as ``(start, stop)`` slices."""
    runs: list[tuple[int, int]] = []
    for i in positions:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _getter(positions: Sequence[int]) -> Getter:
    """``values → tuple of the values at positions`` (a bare ``itemgetter`` gives a value for one).

    Positions that form a few runs of consecutive cells are read as tuple slices (much faster
    than picking each cell); the result is the same tuple either way.
    """
    if len(positions) == 1:
        (i,) = positions
        return lambda values: (values[i],)
    if not positions:
        return lambda values: ()
    runs = _runs(positions)
    if len(runs) <= 8 and sorted(positions) == list(positions):
        parts = " + ".join(f"tuple(v[{a}:{b}])" for a, b in runs)
        namespace: dict[str, object] = {}
        exec(
            compile(f"def _get(v):\n    return {parts}\n", "<govdisclosure cells getter>", "exec"), namespace
        )
        return cast(Getter, namespace["_get"])
    get: Getter = itemgetter(*positions)
    return get


def _weighted_cells(lhs: tuple[CellRef, ...], rhs: tuple[CellRef, ...]) -> frozenset[CellRef]:
    """The cells whose value matters to ``Σ lhs = Σ rhs`` (a cell on both sides may cancel out)."""
    left, right = set(lhs), set(rhs)
    if left & right:
        return frozenset(c for c in left | right if lhs.count(c) - rhs.count(c))
    return frozenset(left | right)


class LayoutPlan:
    """What the rules read from one resolved layout, computed once (see :func:`plan_for`)."""

    __slots__ = (
        "amount_positions",
        "amount_values",
        "cell_relations",
        "cell_sets",
        "count_values",
        "flow",
        "kinds",
        "labels",
        "memo",
        "only_counts",
        "relation_cells",
        "relations",
        "resolved",
        "table_keys",
        "template_ids",
        "whole_values",
    )

    def __init__(self, resolved: ResolvedLayout) -> None:
        self.resolved: ResolvedLayout = resolved
        self.table_keys: frozenset[str] = frozenset(t.spec.key for t in resolved.tables)
        self.kinds: tuple[ValueKind, ...] = tuple(
            resolved.table(ref.table).column_nodes[ref.column].kind for ref in resolved.cells
        )
        positions = {kind: [i for i, k in enumerate(self.kinds) if k is kind] for kind in ValueKind}
        counts, signed = positions[ValueKind.COUNT], positions[ValueKind.SIGNED_COUNT]
        self.count_values: Getter = _getter(counts)
        """The values of the count cells (non-negative whole numbers)."""
        self.whole_values: Getter = _getter(sorted(counts + signed))
        """The values of the count and signed count cells (whole numbers)."""
        self.only_counts: bool = not signed
        """Whether every whole-number cell is a count (no signed count cells)."""
        self.amount_positions: tuple[int, ...] = tuple(positions[ValueKind.AMOUNT])
        self.amount_values: Getter = _getter(self.amount_positions)
        """The values of the amount cells."""
        self.relations: tuple[Relation, ...] = relations_for(resolved)
        self.template_ids: tuple[str, ...] = tuple(rel.template.id for rel in relations_for(resolved))
        """Per relation (in :func:`relations_for` order): the ID of its template."""
        self.relation_cells: tuple[frozenset[CellRef], ...] = tuple(
            _weighted_cells(rel.lhs, rel.rhs) for rel in relations_for(resolved)
        )
        """Per relation (in :func:`relations_for` order): the cells whose value matters to it."""
        self.cell_sets: tuple[frozenset[CellRef], ...] = tuple(frozenset(rel.cells) for rel in self.relations)
        """Per relation (in :func:`relations_for` order): every cell it reads."""
        by_cell: dict[CellRef, list[int]] = {}
        for n, cells in enumerate(self.relation_cells):
            for ref in cells:
                by_cell.setdefault(ref, []).append(n)
        self.cell_relations: dict[CellRef, tuple[int, ...]] = {c: tuple(ns) for c, ns in by_cell.items()}
        """Per cell: the relations (positions in :func:`relations_for` order) its value matters to."""
        self.flow: tuple[tuple[str, int, int, int], ...] = ()
        """Per 表三 column: the positions of 一 本年新收, 二 上年结转 and 四 结转下年度 (or nothing)."""
        if "requests" in self.table_keys:
            table = resolved.table("requests")
            if all(r in table.row_paths for r in FLOW_ROWS):
                index = resolved.index
                received, carried_over, carried_forward = FLOW_ROWS
                self.flow = tuple(
                    (
                        col,
                        index[CellRef("requests", received, col)],
                        index[CellRef("requests", carried_over, col)],
                        index[CellRef("requests", carried_forward, col)],
                    )
                    for col in table.column_keys
                )
        self.labels: dict[CellRef, str] = {}
        """Memo of :meth:`label` (cells of this layout only)."""
        self.memo: dict[object, Any] = {}
        """Memo of what rules derive from this layout alone (e.g. the wording of a relation)."""

    def label(self, ref: CellRef) -> str:
        """``表三 （四）1 自然人`` (memoised for the cells of this layout)."""
        label = self.labels.get(ref)
        if label is None:
            label = cell_label(self.resolved, ref)
            if ref in self.resolved.index:
                self.labels[ref] = label
        return label


@cache
def plan_for(resolved: ResolvedLayout) -> LayoutPlan:
    """The plan of a resolved layout (cached by the resolved layout object)."""
    return LayoutPlan(resolved)
