"""汇总: add up the reports of many units into one report of the same variant.

:func:`aggregate` returns an :class:`AggregateResult`: a :class:`~govdisclosure.model.Report` whose
every cell is the sum of the inputs (all cells marked derived), the contribution of each unit to
each cell, and findings that say what could not be added:

* a cell that is not printed or holds a placeholder in some input makes that cell's sum
  *incomplete*: the aggregate report leaves it unprinted (``None``) and the partial sum and the
  units that lack a number are kept in :attr:`AggregateResult.totals` / :attr:`AggregateResult.missing`
  (``aggregate.incomplete``) — never silently treated as 0;
* inputs of another variant or layout are aligned cell by cell: a cell is comparable when the
  table, row and column have the same keys *and* the same official labels; a group row or column
  printed as one cell in the target is the sum of its parts in an input that prints the parts.
  Input cells with no counterpart are listed (``aggregate.left_out``).

The sum is associative and commutative (integers and :class:`~decimal.Decimal` add exactly), so
:class:`Aggregator` is a streaming fold: ``add`` reports one at a time, ``merge`` partial
aggregates computed elsewhere (another process, a Dask bag fold, a Spark reduce — see
``docs/scale.md``).  Checking a printed 汇总 report against its components is in
:mod:`govdisclosure.aggregate_check`.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from attrs import frozen

from .cells import CellValue, numeric_sum
from .findings import Finding, Severity
from .layout import CellRef, Layout, ResolvedLayout, ResolvedTable
from .model import Agency, Report
from .relations import expand

__all__ = [
    "AggregateResult",
    "Aggregator",
    "Component",
    "Contribution",
    "aggregate",
    "alignment",
]

Number = int | Decimal


@frozen(kw_only=True)
class Component:
    """One input of an aggregate: which unit it is and where it came from."""

    index: int
    name: str
    year: int
    variant: str
    features: frozenset[str]
    source: str | None = None


@frozen(kw_only=True)
class Contribution:
    """What one component adds to one cell (``None``: not printed, absent or a placeholder)."""

    component: Component
    value: CellValue


@frozen(kw_only=True, eq=False)
class Alignment:
    """How the cells of one (layout, features) map onto a target grid.

    ``sources[i]`` lists the source cell positions whose sum is target cell ``i`` (empty: the
    source has no comparable cell); ``left_out`` the source cells no target cell uses.
    """

    sources: tuple[tuple[int, ...], ...]
    left_out: tuple[CellRef, ...]
    identity: bool


def _labels(table: ResolvedTable, row: str, column: str) -> tuple[str, str, str] | None:
    rnode = table.row_nodes.get(row)
    cnode = table.column_nodes.get(column)
    if rnode is None or cnode is None:
        return None
    return (table.spec.label, rnode.label, cnode.label)


@cache
def alignment(target: ResolvedLayout, source: ResolvedLayout) -> Alignment:
    """Align the cells of ``source`` onto ``target`` (same keys and the same official labels)."""
    if target is source:
        return Alignment(sources=tuple((i,) for i in range(len(target.cells))), left_out=(), identity=True)
    src_tables = {t.spec.key: t for t in source.tables}
    sources: list[tuple[int, ...]] = []
    used: set[int] = set()
    for ref in target.cells:
        st = src_tables.get(ref.table)
        tt = target.table(ref.table)
        if st is None or _labels(st, ref.row, ref.column) != _labels(tt, ref.row, ref.column):
            sources.append(())
            continue
        rows = expand(st, "row", ref.row, source.features)
        cols = expand(st, "column", ref.column, source.features)
        idx = [source.index.get(CellRef(ref.table, r, c)) for r in rows for c in cols]
        if not idx or any(i is None for i in idx):
            sources.append(())
            continue
        found = tuple(i for i in idx if i is not None)
        sources.append(found)
        used.update(found)
    left_out = tuple(c for i, c in enumerate(source.cells) if i not in used)
    return Alignment(sources=tuple(sources), left_out=left_out, identity=False)


def _same_grid(a: ResolvedLayout, b: ResolvedLayout) -> bool:
    """The same variant and layout features (the same object, or a copy from another process)."""
    return a is b or (a.layout.id == b.layout.id and a.features == b.features)


def _is_number(v: object) -> bool:
    t = v.__class__
    return t is int or t is Decimal


class Aggregator:
    """A streaming 汇总: :meth:`add` reports (or :meth:`merge` other aggregators), then :meth:`result`.

    Memory is one running total per cell plus the components that findings name.  With
    ``contributions=True`` (the default) every component's record and aligned values are kept as
    well, for the per-cell breakdown and for :func:`~govdisclosure.aggregate_check.check_aggregate`;
    with ``False`` memory does not grow with the number of reports (beyond the incomplete cells).
    """

    SAMPLES = 5
    """How many components per year are remembered when contributions are not kept."""

    def __init__(
        self,
        layout: Layout | None = None,
        features: frozenset[str] = frozenset(),
        *,
        contributions: bool = True,
    ) -> None:
        self.target: ResolvedLayout | None = layout.resolve(features) if layout is not None else None
        self.keep: bool = contributions
        self.totals: list[Number] = []
        self.missing: dict[int, list[int]] = {}
        self.components: list[Component] = []
        """Every component (only when contributions are kept)."""
        self.notable: dict[int, Component] = {}
        """Components named by a finding, or sampled per year (when contributions are not kept)."""
        self.years: Counter[int] = Counter()
        self.values: list[tuple[CellValue, ...]] = []
        self.left_out: dict[tuple[str, frozenset[str]], tuple[list[int], tuple[CellRef, ...]]] = {}
        self.count: int = 0

    def _start(self, resolved: ResolvedLayout) -> ResolvedLayout:
        if self.target is None:
            self.target = resolved
        if not self.totals:
            self.totals = [0] * len(self.target.cells)
        return self.target

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the target grid by variant ID and features (re-resolved on unpickling), so that
        partial aggregates can travel between processes (Dask, Spark, a process pool)."""
        state = dict(self.__dict__)
        target = state.pop("target")
        state["_grid"] = (target.layout.id, target.features) if target is not None else None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        grid = state.pop("_grid")
        self.__dict__.update(state)
        self.target = None
        if grid is not None:
            from .plugins.registry import default_registry

            self.target = default_registry().variant(grid[0]).resolve(grid[1])

    def component(self, index: int) -> Component:
        """The record of one component (those named by findings are always kept)."""
        return self.components[index] if self.keep else self.notable[index]

    def add(self, report: Report, *, name: str | None = None, source: str | None = None) -> None:
        """Add one report (aligned onto the target grid if its variant or layout differs)."""
        resolved = report.resolved
        target = self._start(resolved)
        index = self.count
        self.count += 1
        comp = Component(
            index=index,
            name=name if name is not None else report.agency.name,
            year=report.year,
            variant=report.layout.id,
            features=report.features,
            source=source,
        )
        self.years[comp.year] += 1
        if self.keep:
            self.components.append(comp)
        elif self.years[comp.year] <= self.SAMPLES:
            self.notable[index] = comp
        cells = report.cells
        if _same_grid(resolved, target):
            try:
                self.totals = list(map(operator.add, self.totals, cells))
            except TypeError:
                self._add_slow(comp, cells)
            if self.keep:
                self.values.append(cells)
            return
        al = alignment(target, resolved)
        if al.left_out:
            key = (report.layout.id, report.features)
            entry = self.left_out.setdefault(key, ([], al.left_out))
            entry[0].append(index)
            self.notable[index] = comp
        aligned: list[CellValue] = []
        for srcs in al.sources:
            if not srcs:
                aligned.append(None)
                continue
            parts = [cells[i] for i in srcs]
            aligned.append(numeric_sum(parts) if all(_is_number(v) for v in parts) else None)
        self._add_slow(comp, tuple(aligned))
        if self.keep:
            self.values.append(tuple(aligned))

    def _add_slow(self, comp: Component, cells: tuple[CellValue, ...]) -> None:
        totals = self.totals
        for i, v in enumerate(cells):
            if v.__class__ is int or v.__class__ is Decimal:
                totals[i] += v
            else:
                self.missing.setdefault(i, []).append(comp.index)
                self.notable[comp.index] = comp

    def merge(self, other: Aggregator) -> Aggregator:
        """Fold another aggregator (over the same target grid) into this one; returns ``self``."""
        if other.target is None:
            return self
        target = self._start(other.target)
        if not _same_grid(other.target, target):
            raise ValueError(
                "cannot merge aggregates over different layouts: give every partial Aggregator the same "
                "layout and features"
            )
        offset = self.count

        def moved(c: Component) -> Component:
            return Component(
                index=c.index + offset,
                name=c.name,
                year=c.year,
                variant=c.variant,
                features=c.features,
                source=c.source,
            )

        self.totals = list(map(operator.add, self.totals, other.totals))
        for i, comps in other.missing.items():
            self.missing.setdefault(i, []).extend(c + offset for c in comps)
        for key, (comps, cells) in other.left_out.items():
            entry = self.left_out.setdefault(key, ([], cells))
            entry[0].extend(c + offset for c in comps)
        keep = self.keep and other.keep
        if self.keep and not keep:
            self.notable.update({c.index: c for c in self.components})
            self.components, self.values = [], []
        if keep:
            self.components.extend(moved(c) for c in other.components)
            self.values.extend(other.values)
        else:
            self.notable.update(
                {
                    c.index + offset: moved(c)
                    for c in (other.components if other.keep else other.notable.values())
                }
            )
        self.keep = keep
        self.years.update(other.years)
        self.count += other.count
        return self

    def result(
        self, *, agency: Agency | str | None = None, year: int | None = None, title: str | None = None
    ) -> AggregateResult:
        """The aggregate report and what could not be added."""
        if self.target is None:
            raise ValueError("汇总没有输入 nothing to aggregate: no report was added")
        target = self.target
        top = max(self.years.values())
        year = year if year is not None else min(y for y, n in self.years.items() if n == top)
        if agency is None:
            agency = f"汇总（{self.count}个单位）"
        if isinstance(agency, str):
            agency = Agency(name=agency)
        cells = tuple(None if i in self.missing else t for i, t in enumerate(self.totals))
        report = Report(
            layout=target.layout,
            agency=agency,
            year=year,
            cells=cells,
            features=target.features,
            title=title,
            derived=frozenset(target.cells),
        )
        return AggregateResult(
            report=report,
            components=tuple(self.components)
            if self.keep
            else tuple(self.notable[k] for k in sorted(self.notable)),
            count=self.count,
            totals=tuple(self.totals),
            missing={target.cells[i]: tuple(c) for i, c in sorted(self.missing.items())},
            values=tuple(self.values) if self.keep else None,
            findings=tuple(self._findings(year)),
        )

    def _findings(self, year: int) -> Iterator[Finding]:
        assert self.target is not None
        cells = self.target.cells
        by_component: dict[int, list[CellRef]] = {}
        for i, comps in sorted(self.missing.items()):
            for c in comps:
                by_component.setdefault(c, []).append(cells[i])
        for c, refs in sorted(by_component.items()):
            comp = self.component(c)
            yield Finding(
                rule_id="aggregate.incomplete",
                severity=Severity.WARNING,
                message_zh=f"{comp.name}：{len(refs)}个单元格未印数值、为占位符或无可比单元格，这些单元格的汇总不完整（未按0计）",
                message_en=f"{comp.name}: {len(refs)} cell(s) not printed, a placeholder or not comparable; "
                "their sums are incomplete (not counted as 0)",
                cells=tuple(refs),
                data={"component": comp.index, "source": comp.source},
            )
        for (variant, features), (comps, left) in sorted(self.left_out.items(), key=lambda kv: kv[1][0][0]):
            names = "、".join(self.component(c).name for c in comps[:5]) + ("等" if len(comps) > 5 else "")
            yield Finding(
                rule_id="aggregate.left_out",
                severity=Severity.WARNING,
                message_zh=f"{names}（{variant}）有{len(left)}个单元格在汇总格式中没有可比单元格，未计入汇总",
                message_en=f"{len(comps)} report(s) of {variant} have {len(left)} cell(s) with no comparable "
                f"cell in the aggregate's layout; left out",
                cells=left,
                data={"components": tuple(comps), "variant": variant, "features": tuple(sorted(features))},
            )
        n_other = sum(n for y, n in self.years.items() if y != year)
        if n_other:
            known = self.components if self.keep else [self.notable[k] for k in sorted(self.notable)]
            other_years = [c for c in known if c.year != year]
            names = "、".join(f"{c.name}（{c.year}）" for c in other_years[:5]) + (
                "等" if n_other > 5 else ""
            )
            yield Finding(
                rule_id="aggregate.year_mismatch",
                severity=Severity.WARNING,
                message_zh=f"{n_other}份报告的年度不是{year}年：{names}；已计入汇总",
                message_en=f"{n_other} report(s) are not for {year}; they were added anyway",
                data={"components": tuple(c.index for c in other_years), "count": n_other},
            )


@frozen(kw_only=True, eq=False)
class AggregateResult:
    """An aggregate report, the contribution of each component, and what could not be added."""

    report: Report
    """Every cell is the sum of the components (marked derived); incomplete cells are ``None``."""
    components: tuple[Component, ...]
    """Every component (with contributions kept), else those named by findings or sampled per year."""
    count: int
    """How many reports were added."""
    totals: tuple[Number, ...]
    """The running sum of each cell, partial where the cell is incomplete."""
    missing: Mapping[CellRef, tuple[int, ...]]
    """Incomplete cells: the components that print no number (or no comparable cell) there."""
    values: tuple[tuple[CellValue, ...], ...] | None
    """Each component's values aligned on the aggregate's grid (``None`` if not kept)."""
    findings: tuple[Finding, ...]

    @property
    def complete(self) -> bool:
        """True when every cell's sum is complete."""
        return not self.missing

    def total(self, ref: CellRef) -> Number:
        """The (possibly partial) sum of one cell."""
        return self.totals[self.report.resolved.index[ref]]

    def contributions(self, ref: CellRef) -> tuple[Contribution, ...]:
        """Each component's value in one cell (needs ``contributions=True``)."""
        if self.values is None:
            raise ValueError("contributions were not kept; aggregate with contributions=True")
        i = self.report.resolved.index[ref]
        return tuple(
            Contribution(component=c, value=v[i]) for c, v in zip(self.components, self.values, strict=True)
        )

    def breakdown(self) -> Iterator[tuple[CellRef, Number, bool, tuple[Contribution, ...]]]:
        """Every cell with its sum, whether it is complete, and its contributions."""
        for ref, total in zip(self.report.resolved.cells, self.totals, strict=True):
            yield ref, total, ref not in self.missing, self.contributions(ref)


def aggregate(
    reports: Iterable[Report],
    *,
    layout: Layout | None = None,
    features: frozenset[str] | None = None,
    agency: Agency | str | None = None,
    year: int | None = None,
    names: Iterable[str] | None = None,
    contributions: bool = True,
) -> AggregateResult:
    """Sum ``reports`` cell by cell into one report (see the module docstring).

    The target grid is ``layout``/``features`` if given, else the first report's.  ``names``
    (optional) labels the components (default: each report's agency name).  Reports are consumed
    one at a time; with ``contributions=False`` memory does not grow with the cell values.
    """
    agg = (
        Aggregator(layout, features or frozenset(), contributions=contributions)
        if layout
        else Aggregator(contributions=contributions)
    )
    name_iter = iter(names) if names is not None else None
    for r in reports:
        agg.add(r, name=next(name_iter) if name_iter is not None else None)
    return agg.result(agency=agency, year=year)
