"""Concrete calculation relations (like an XBRL calculation linkbase) and their evaluation.

A layout declares relation *templates* (:class:`~govdisclosure.layout.AxisSum`,
:class:`~govdisclosure.layout.GroupSum`, :class:`~govdisclosure.layout.Balance`).
:func:`relations_for` expands them, for one resolved layout, into :class:`Relation` objects of
the form ``Σ lhs = Σ rhs`` over concrete cells, each with a stable ID such as
``requests.balance[natural_person]``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache
from typing import NamedTuple, cast, overload

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

__all__ = [
    "Relation",
    "RelationResult",
    "RelationResults",
    "Status",
    "evaluate",
    "evaluator_for",
    "expand",
    "relations_for",
]


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
        """The ID of the relation template this relation was expanded from (``requests.balance``)."""
        return self.template.id

    @property
    def cells(self) -> tuple[CellRef, ...]:
        """Every cell the relation reads: the left-hand side, then the right-hand side."""
        return self.lhs + self.rhs

    def coefficient(self, ref: CellRef) -> int:
        """The net coefficient of ``ref`` in ``Σ lhs − Σ rhs`` (0 if it does not matter)."""
        return self.lhs.count(ref) - self.rhs.count(ref)

    def formula(self, labels: dict[CellRef, str] | None = None) -> str:
        """The relation as ``lhs = rhs`` text, naming cells by their dotted path or by ``labels``."""
        name = (lambda r: labels[r]) if labels else str
        return f"{' + '.join(map(name, self.lhs))} = {' + '.join(map(name, self.rhs))}"


class RelationResult(NamedTuple):
    """One relation evaluated on one report.

    A printed 总计 of 3 where the parts add up to 2:

    >>> from govdisclosure import NATIONAL_2021, CellRef, Status, build_report
    >>> r = build_report(NATIONAL_2021, agency="某县人民政府", year=2024,
    ...                  cells={CellRef("appeals", "review", "upheld"): 2}, missing=0)
    >>> wrong = r.with_cells({CellRef("appeals", "review", "total"): 3})
    >>> [(x.relation.id, x.actual, x.expected, x.difference)
    ...  for x in wrong.relations() if x.status is Status.FAILS]
    [('appeals.total[review]', 3, 2, 1)]
    """

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
        """``actual − expected``, when both are known."""
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
                        f"{tpl.id}[{col}]",
                        tpl,
                        key,
                        [CellRef(key, tpl.total, col)],
                        [CellRef(key, p, col) for p in parts],
                        idx,
                    )
            else:
                totals = expand(table, "column", tpl.total, features)
                if totals != [tpl.total]:
                    continue
                parts = [p for part in tpl.parts for p in expand(table, "column", part, features)]
                for row in table.row_paths:
                    yield _make(
                        f"{tpl.id}[{row}]",
                        tpl,
                        key,
                        [CellRef(key, row, tpl.total)],
                        [CellRef(key, row, p) for p in parts],
                        idx,
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
                    f"{tpl.id}[{col}]",
                    tpl,
                    key,
                    [CellRef(key, r, col) for r in lhs_rows],
                    [CellRef(key, r, col) for r in rhs_rows],
                    idx,
                )


@cache
def relations_for(resolved: ResolvedLayout) -> tuple[Relation, ...]:
    """Every concrete relation of a resolved layout, in layout order (cached).

    >>> from govdisclosure import NATIONAL_2021
    >>> rels = {r.id: r for r in relations_for(NATIONAL_2021.resolve())}
    >>> balance = rels["requests.balance[natural_person]"]
    >>> [str(c) for c in balance.lhs]
    ['requests.received.natural_person', 'requests.carried_over.natural_person']
    >>> [str(c) for c in balance.rhs]
    ['requests.total.natural_person', 'requests.carried_forward.natural_person']
    """
    return tuple(r for t in resolved.tables for r in _table_relations(resolved, t))


def evaluate(
    relations: Sequence[Relation], values: Sequence[CellValue], cells: Sequence[CellRef]
) -> list[RelationResult]:
    """Evaluate relations on a flat value vector aligned with ``cells`` (see also :func:`evaluator_for`)."""
    return [_slow(rel, values, cells) for rel in relations]


def _total(values: Sequence[CellValue], indices: Sequence[int]) -> int | Decimal:
    """Σ of cells already known to hold numbers."""
    total: int | Decimal = 0
    for i in indices:
        total += cast("int | Decimal", values[i])
    return total


def _slow(rel: Relation, values: Sequence[CellValue], cells: Sequence[CellRef]) -> RelationResult:
    missing = [
        cells[i]
        for i in rel.lhs_index + rel.rhs_index
        if values[i] is None or isinstance(values[i], Placeholder)
    ]
    if missing:
        return RelationResult(rel, Status.NOT_ASSESSABLE, None, None, tuple(dict.fromkeys(missing)))
    lhs = _total(values, rel.lhs_index)
    rhs = _total(values, rel.rhs_index)
    return RelationResult(rel, Status.HOLDS if lhs == rhs else Status.FAILS, lhs, rhs)


class RelationResults(Sequence[RelationResult]):
    """Every relation of a layout evaluated on one report, in layout order (a read-only sequence).

    Evaluation is eager — every sum is computed once, when the sequence is made — and the
    :class:`RelationResult` objects are created when they are read, so a report whose caller
    only asks "does everything hold?" (:meth:`all_hold`) or "which fail?" (:meth:`problems`)
    never pays for the others.  Compares equal to a list or tuple of the same results.
    """

    __slots__ = ("_relations", "_results", "_sums")

    def __init__(
        self,
        relations: Sequence[Relation],
        sums: Sequence[int | Decimal] = (),
        results: Sequence[RelationResult] | None = None,
    ) -> None:
        self._relations = relations
        self._sums = sums
        """``(Σlhs₀, Σrhs₀, Σlhs₁, Σrhs₁, …)`` when every relation could be summed."""
        self._results = results
        """The results, when some relation was not assessable (built by the careful path)."""

    def __len__(self) -> int:
        return len(self._relations)

    def _make(self, i: int) -> RelationResult:
        if self._results is not None:
            return self._results[i]
        a, b = self._sums[2 * i], self._sums[2 * i + 1]
        return RelationResult(self._relations[i], Status.HOLDS if a == b else Status.FAILS, a, b)

    @overload
    def __getitem__(self, i: int) -> RelationResult: ...

    @overload
    def __getitem__(self, i: slice) -> list[RelationResult]: ...

    def __getitem__(self, i: int | slice) -> RelationResult | list[RelationResult]:
        if isinstance(i, slice):
            return [self._make(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("relation index out of range")
        return self._make(i)

    def __iter__(self) -> Iterator[RelationResult]:
        if self._results is not None:
            return iter(self._results)
        return map(self._make, range(len(self._relations)))

    def all_hold(self) -> bool:
        """Whether every relation holds."""
        if self._results is not None:
            return all(r.status is Status.HOLDS for r in self._results)
        sums = self._sums
        return sums[0::2] == sums[1::2]

    def failing(self) -> list[tuple[int, RelationResult]]:
        """``(position, result)`` of every relation that fails or cannot be assessed, in layout order."""
        if self._results is not None:
            return [(i, r) for i, r in enumerate(self._results) if r.status is not Status.HOLDS]
        sums = self._sums
        if sums[0::2] == sums[1::2]:
            return []
        return [(i, self._make(i)) for i in range(len(self._relations)) if sums[2 * i] != sums[2 * i + 1]]

    def problems(self) -> list[RelationResult]:
        """The relations that fail or cannot be assessed, in layout order."""
        return [r for _, r in self.failing()]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RelationResults | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"RelationResults({list(self)!r})"


Evaluator = Callable[[Sequence[CellValue]], RelationResults]


@cache
def evaluator_for(resolved: ResolvedLayout) -> Evaluator:
    """A function evaluating every relation of ``resolved`` on a value vector (generated code, cached).

    The fast path computes every relation's two sums in one tuple display, adding the printed
    numbers directly.  A cell that is not a number makes an addition fail; the vector is then
    evaluated relation by relation, and the relations whose addition fails take the careful path
    (NOT_ASSESSABLE).
    """
    relations = relations_for(resolved)
    cells = resolved.cells
    used = {i for rel in relations for i in (*rel.lhs_index, *rel.rhs_index)}

    def total(positions: tuple[int, ...], name: str) -> str:
        # a single cell is added to 0 too, so that a placeholder or None raises TypeError
        terms = [*(f"{name}{i}" if name else f"v[{i}]" for i in positions), "0"]
        return " + ".join(terms[: max(2, len(positions))])

    sums = ", ".join(f"{total(rel.lhs_index, 'c')}, {total(rel.rhs_index, 'c')}" for rel in relations)
    fast = [
        "def _evaluate(v):",
        f"    if len(v) == {len(cells)}:",
        f"        {', '.join(f'c{i}' if i in used else '_' for i in range(len(cells)))}, = v",
        "        try:",
        f"            return RS(RELATIONS, ({sums},))",
        "        except TypeError:",
        "            pass",
    ]
    careful = ["    out = []", "    append = out.append"]
    for n, rel in enumerate(relations):
        careful += [
            "    try:",
            f"        a = {total(rel.lhs_index, '')}",
            f"        b = {total(rel.rhs_index, '')}",
            f"        append(new(R, (r{n}, H if a == b else F, a, b, ())))",
            "    except TypeError:",
            f"        append(slow(r{n}, v, cells))",
        ]
    lines = [*fast, *careful, "    return RS(RELATIONS, (), out)"]
    namespace: dict[str, object] = {
        "new": tuple.__new__,
        "R": RelationResult,
        "RS": RelationResults,
        "RELATIONS": relations,
        "H": Status.HOLDS,
        "F": Status.FAILS,
        "slow": _slow,
        "cells": cells,
    }
    namespace.update((f"r{n}", rel) for n, rel in enumerate(relations))
    exec(compile("\n".join(lines), f"<govdisclosure relations {resolved.layout.id}>", "exec"), namespace)
    fn = cast(Evaluator, namespace["_evaluate"])
    return fn
