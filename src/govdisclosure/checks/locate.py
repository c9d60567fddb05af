"""Locate the wrong cell behind failed relations.

Failed relations that share cells form a *cluster*.  A cell explains a cluster when it lies on
every relation of the cluster, on no relation that holds, and one corrected value of it (the
same for every relation, a non-negative whole number for counts) makes them all hold.  When
exactly one cell explains a cluster it is *located*; otherwise the cluster cannot be pinned to a
single cell and the findings say so.  Nothing is ever repaired: the corrected value is a
suggestion printed next to the printed one.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import frozen

from ..layout import AxisSum, CellRef, GroupSum, ValueKind
from ..relations import RelationResult, Status

if TYPE_CHECKING:
    from .engine import RuleContext

__all__ = ["Cluster", "locate"]


@frozen(kw_only=True)
class Cluster:
    """Failed relations that share cells, and the cell that explains them if there is one."""

    results: tuple[RelationResult, ...]
    cell: CellRef | None = None
    printed: int | Decimal | None = None
    corrected: int | Decimal | None = None
    candidates: tuple[CellRef, ...] = ()
    """Every cell that could explain the cluster on its own."""
    assumed: bool = False
    """Several cells could explain it; the printed total was named, assuming its parts are right."""

    @property
    def located(self) -> bool:
        return self.cell is not None

    @property
    def relation_ids(self) -> tuple[str, ...]:
        return tuple(r.relation.id for r in self.results)


def _clusters(failed: Sequence[RelationResult]) -> list[list[RelationResult]]:
    parent = list(range(len(failed)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[CellRef, int] = {}
    for i, res in enumerate(failed):
        for ref in res.relation.cells:
            j = owner.setdefault(ref, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[RelationResult]] = {}
    for i, res in enumerate(failed):
        groups.setdefault(find(i), []).append(res)
    return list(groups.values())


def _correction(ctx: RuleContext, ref: CellRef, results: Sequence[RelationResult]) -> int | Decimal | None:
    """The value of ``ref`` that makes every relation hold, if one exists and is plausible."""
    value = ctx.number(ref)
    if value is None:
        return None
    delta: int | Decimal | None = None
    for res in results:
        k = res.relation.coefficient(ref)
        diff = res.difference
        if k == 0 or diff is None:
            return None
        if isinstance(diff, int) and diff % k:
            return None
        d = -diff // k if isinstance(diff, int) else -diff / k
        if delta is None:
            delta = d
        elif d != delta:
            return None
    if delta is None:
        return None
    corrected = value + delta
    node = ctx.resolved.table(ref.table).column_nodes.get(ref.column)
    kind = node.kind if node is not None else ValueKind.COUNT
    if kind is not ValueKind.SIGNED_COUNT and corrected < 0:
        return None
    return corrected


def _is_total(ref: CellRef, results: Sequence[RelationResult]) -> bool:
    """Whether ``ref`` is the printed total (the single left-hand cell) of every sum in ``results``."""
    return all(
        isinstance(r.relation.template, AxisSum | GroupSum) and r.relation.lhs == (ref,) for r in results
    )


def locate(ctx: RuleContext) -> tuple[Cluster, ...]:
    """Cluster the failed relations of ``ctx`` and locate the wrong cell of each cluster."""
    if ctx.all_hold:
        return ()
    failed = [r for r in ctx.relations if r.status is Status.FAILS]
    if not failed:
        return ()
    results = ctx.relations
    relations_of = ctx.plan.cell_relations

    def on_holding_relation(ref: CellRef) -> bool:
        """Whether ``ref`` matters to a relation that holds (a cell on both sides may cancel out)."""
        return any(results[i].status is Status.HOLDS for i in relations_of.get(ref, ()))

    out: list[Cluster] = []
    for group in _clusters(failed):
        common = set(group[0].relation.cells)
        for res in group[1:]:
            common &= set(res.relation.cells)
        candidates: list[tuple[CellRef, int | Decimal]] = []
        for ref in sorted(common, key=lambda c: ctx.resolved.index[c]):
            if on_holding_relation(ref):
                continue
            corrected = _correction(ctx, ref, group)
            if corrected is not None:
                candidates.append((ref, corrected))
        if len(candidates) == 1:
            ref, corrected = candidates[0]
            out.append(
                Cluster(
                    results=tuple(group),
                    cell=ref,
                    printed=ctx.number(ref),
                    corrected=corrected,
                    candidates=(ref,),
                )
            )
        else:
            totals = [(c, v) for c, v in candidates if _is_total(c, group)]
            if len(candidates) > 1 and len(totals) == 1:
                ref, corrected = totals[0]
                out.append(
                    Cluster(
                        results=tuple(group),
                        cell=ref,
                        printed=ctx.number(ref),
                        corrected=corrected,
                        candidates=tuple(c for c, _ in candidates),
                        assumed=True,
                    )
                )
            else:
                out.append(Cluster(results=tuple(group), candidates=tuple(c for c, _ in candidates)))
    return tuple(out)


def cluster_of(clusters: Sequence[Cluster], relation_id: str) -> Cluster | None:
    """The cluster a failed relation belongs to."""
    for c in clusters:
        if relation_id in c.relation_ids:
            return c
    return None
