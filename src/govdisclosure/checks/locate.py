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


def _groups(cell_sets: Sequence[frozenset[CellRef]]) -> list[tuple[list[int], frozenset[CellRef]]]:
    """Positions of the sets grouped by shared members, with the members common to each whole group.

    Groups are connected through shared members (as a union-find would join them), listed in
    order of their first position, positions ascending.
    """
    if len(cell_sets) == 1:
        return [([0], cell_sets[0])]
    groups: list[tuple[set[CellRef], list[int]]] = []
    for n, cells in enumerate(cell_sets):
        touching = [k for k, (seen, _) in enumerate(groups) if not cells.isdisjoint(seen)]
        if not touching:
            groups.append((set(cells), [n]))
            continue
        merged_cells, members = groups[touching[0]]
        merged_cells |= cells
        members.append(n)
        for k in reversed(touching[1:]):
            other_cells, other_members = groups.pop(k)
            merged_cells |= other_cells
            members.extend(other_members)
    out = []
    for _, members in groups:
        members.sort()
        out.append((members, frozenset.intersection(*(cell_sets[n] for n in members))))
    out.sort(key=lambda g: g[0][0])
    return out


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
    i = ctx.resolved.index.get(ref)
    if i is not None:  # a cell of the layout: the kind of its column (kept in the plan)
        kind = ctx.plan.kinds[i]
    else:
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
    failures = ctx.failures
    failed = [(i, r) for i, r in failures if r.status is Status.FAILS]
    if not failed:
        return ()
    not_holding = frozenset(i for i, _ in failures)
    plan = ctx.plan
    relations_of, cell_sets = plan.cell_relations, plan.cell_sets

    def on_holding_relation(ref: CellRef) -> bool:
        """Whether ``ref`` matters to a relation that holds (a cell on both sides may cancel out)."""
        return any(i not in not_holding for i in relations_of.get(ref, ()))

    out: list[Cluster] = []
    for members, common in _groups([cell_sets[i] for i, _ in failed]):
        group = [failed[n][1] for n in members]
        candidates: list[tuple[CellRef, int | Decimal]] = []
        for ref in sorted(common, key=ctx.resolved.index.__getitem__):
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
    if len(clusters) == 1:
        (only,) = clusters
        return only if any(r.relation.id == relation_id for r in only.results) else None
    for c in clusters:
        if relation_id in c.relation_ids:
            return c
    return None
