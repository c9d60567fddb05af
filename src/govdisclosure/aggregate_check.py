"""Check a printed 汇总 report against its components and say which unit explains each gap.

:func:`check_aggregate` adds the components up on the printed report's grid and compares cell by
cell.  For every cell where the printed aggregate differs from the sum of its components (a
*gap*), it looks for the explanation, in this order:

1. **a component that is inconsistent at that cell**: one of its own relations that reads the
   cell fails, and the value that relation implies for the cell differs from the printed one by
   exactly the gap (the aggregate was made from the corrected figure, or the component's figure
   was mistyped after the aggregate was made);
2. **the printed aggregate is inconsistent at that cell**: its own relations imply exactly the
   computed sum (a typo in the 汇总 report itself);
3. **a component omitted or counted twice**: the whole gap vector equals minus (or plus) one
   component's values;
4. otherwise, as a weaker hint, the components whose value at the cell equals the gap.

Cells that no relation reads (表二) can only be explained by 3 or 4.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from attrs import frozen

from .aggregate import AggregateResult, Component, Number, aggregate, alignment
from .cells import CellValue
from .findings import Finding, FindingStatus, Severity
from .layout import CellRef, ResolvedLayout
from .model import Report
from .relations import Status

__all__ = ["AggregateCheck", "Explanation", "Gap", "check_aggregate", "describe_cell"]


def describe_cell(resolved: ResolvedLayout, ref: CellRef) -> str:
    """A reviewer's name for a cell (``表三 （四）1 自然人``), from the layout's labels."""
    from .checks.labels import cell_label

    return cell_label(resolved, ref)


@frozen(kw_only=True)
class Explanation:
    """Why the printed aggregate and the sum of its components differ at one cell."""

    kind: str
    """``component_inconsistent``, ``printed_inconsistent``, ``component_omitted``,
    ``component_counted_twice`` or ``value_equals_gap`` (a weak hint)."""
    cell: CellRef
    component: Component | None = None
    """The component that explains the gap (``None`` for ``printed_inconsistent``)."""
    value: CellValue = None
    """The value printed at the cell (in the component, or in the aggregate)."""
    implied: Number | None = None
    """The value its own relations imply."""
    relations: tuple[str, ...] = ()


@frozen(kw_only=True)
class Gap:
    """One cell where the printed aggregate is not the sum of its components."""

    cell: CellRef
    label: str
    printed: Number
    computed: Number
    explanations: tuple[Explanation, ...]

    @property
    def difference(self) -> Number:
        """Printed minus computed."""
        return self.printed - self.computed

    @property
    def components(self) -> tuple[Component, ...]:
        """The components named by the explanations, in input order."""
        seen = {e.component.index: e.component for e in self.explanations if e.component is not None}
        return tuple(seen[k] for k in sorted(seen))


@frozen(kw_only=True, eq=False)
class AggregateCheck:
    """The printed aggregate compared with the sum of its components."""

    printed: Report
    aggregate: AggregateResult
    gaps: tuple[Gap, ...]
    not_assessable: tuple[CellRef, ...]
    """Cells printed as a number whose sum is incomplete (some component prints no number there)."""
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when every assessable cell of the printed aggregate equals the sum."""
        return not self.gaps

    def explained_by(self) -> tuple[Component, ...]:
        """Every component named by some gap's explanation, in input order."""
        seen = {c.index: c for g in self.gaps for c in g.components}
        return tuple(seen[k] for k in sorted(seen))


def _implied(report: Report) -> dict[CellRef, list[tuple[Number, Number, str]]]:
    """For each cell on a failed relation: (printed value, value the relation implies, relation id)."""
    out: dict[CellRef, list[tuple[Number, Number, str]]] = {}
    for res in report.relations():
        if res.status is not Status.FAILS or res.actual is None or res.expected is None:
            continue
        diff = res.actual - res.expected
        for ref in dict.fromkeys(res.relation.cells):
            coef = res.relation.coefficient(ref)
            v = report[ref]
            if coef == 0 or not isinstance(v, int | Decimal) or diff % coef:
                continue
            step = diff // coef if isinstance(diff, int) else diff / coef
            out.setdefault(ref, []).append((v, v - step, res.relation.id))
    return out


def _single_sources(target: ResolvedLayout, source: ResolvedLayout) -> dict[CellRef, int]:
    """Source cells that map one-to-one onto a target cell → the target position."""
    al = alignment(target, source)
    return {source.cells[s[0]]: i for i, s in enumerate(al.sources) if len(s) == 1}


def _explain_by_components(
    components: list[Report], target: ResolvedLayout, agg: AggregateResult
) -> dict[int, list[Explanation]]:
    out: dict[int, list[Explanation]] = {}
    for comp, report in zip(agg.components, components, strict=True):
        implied = _implied(report)
        if not implied:
            continue
        where = _single_sources(target, report.resolved)
        for ref, entries in implied.items():
            i = where.get(ref)
            if i is None:
                continue
            for v, imp, rid in entries:
                out.setdefault(i, []).append(
                    Explanation(
                        kind="component_inconsistent",
                        cell=target.cells[i],
                        component=comp,
                        value=v,
                        implied=imp,
                        relations=(rid,),
                    )
                )
    return out


def _merge(expls: list[Explanation]) -> tuple[Explanation, ...]:
    """One explanation per (component, implied value), with every relation that implies it."""
    merged: dict[tuple[int | None, Number | None], Explanation] = {}
    for e in expls:
        key = (e.component.index if e.component else None, e.implied)
        if key in merged:
            old = merged[key]
            merged[key] = Explanation(
                kind=old.kind,
                cell=old.cell,
                component=old.component,
                value=old.value,
                implied=old.implied,
                relations=old.relations + e.relations,
            )
        else:
            merged[key] = e
    return tuple(merged.values())


def check_aggregate(
    printed: Report, components: Iterable[Report], *, names: Iterable[str] | None = None
) -> AggregateCheck:
    """Compare a printed aggregate report with the sum of ``components`` (see the module docstring)."""
    comps = list(components)
    target = printed.resolved
    agg = aggregate(
        comps,
        layout=printed.layout,
        features=printed.features,
        year=printed.year,
        agency=printed.agency,
        names=names,
        contributions=True,
    )
    by_comp = _explain_by_components(comps, target, agg)
    own = _implied(printed)
    raw: list[tuple[int, Number, Number]] = []
    not_assessable: list[CellRef] = []
    for i, ref in enumerate(target.cells):
        p = printed.cells[i]
        if not isinstance(p, int | Decimal):
            continue
        if ref in agg.missing:
            not_assessable.append(ref)
            continue
        c = agg.totals[i]
        if p != c:
            raw.append((i, p, c))
    gap_at = {i: p - c for i, p, c in raw}
    whole = _whole_component(agg, gap_at)
    gaps: list[Gap] = []
    for i, p, c in raw:
        ref = target.cells[i]
        d = p - c
        expls = [
            e
            for e in by_comp.get(i, [])
            if e.implied is not None and isinstance(e.value, int | Decimal) and e.implied - e.value == d
        ]
        if not expls:
            expls = [
                Explanation(kind="printed_inconsistent", cell=ref, value=v, implied=imp, relations=(rid,))
                for v, imp, rid in own.get(ref, [])
                if imp == c
            ]
        if not expls and whole:
            expls = [
                Explanation(kind=kind, cell=ref, component=comp, value=p, implied=c) for kind, comp in whole
            ]
        if not expls and agg.values is not None:
            expls = [
                Explanation(kind="value_equals_gap", cell=ref, component=comp, value=vals[i])
                for comp, vals in zip(agg.components, agg.values, strict=True)
                if vals[i] == abs(d) and d != 0
            ]
        gaps.append(
            Gap(cell=ref, label=describe_cell(target, ref), printed=p, computed=c, explanations=_merge(expls))
        )
    findings = tuple(_gap_finding(g) for g in gaps) + tuple(
        Finding(
            rule_id="aggregate.not_assessable",
            severity=Severity.INFO,
            status=FindingStatus.NOT_ASSESSABLE,
            message_zh=f"{describe_cell(target, ref)}：有单位未印数值，无法核对汇总数",
            message_en=f"{ref}: some component prints no number here; "
            "the printed aggregate cannot be checked",
            cells=(ref,),
        )
        for ref in not_assessable
    )
    return AggregateCheck(
        printed=printed,
        aggregate=agg,
        gaps=tuple(gaps),
        not_assessable=tuple(not_assessable),
        findings=findings,
    )


def _whole_component(agg: AggregateResult, gap_at: Mapping[int, Number]) -> list[tuple[str, Component]]:
    """Components whose values equal minus (omitted) or plus (counted twice) the whole gap vector."""
    if not gap_at or agg.values is None:
        return []
    out: list[tuple[str, Component]] = []
    for comp, vals in zip(agg.components, agg.values, strict=True):
        nonzero = {i: v for i, v in enumerate(vals) if isinstance(v, int | Decimal) and v != 0}
        if set(nonzero) != set(gap_at):
            continue
        if all(gap_at[i] == -v for i, v in nonzero.items()):
            out.append(("component_omitted", comp))
        elif all(gap_at[i] == v for i, v in nonzero.items()):
            out.append(("component_counted_twice", comp))
    return out


def _explain_zh(e: Explanation) -> str:
    name = e.component.name if e.component else "汇总报告"
    if e.kind == "component_inconsistent":
        return f"{name}该单元格印为{e.value}，按其自身合计应为{e.implied}"
    if e.kind == "printed_inconsistent":
        return f"汇总报告该单元格印为{e.value}，按其自身合计应为{e.implied}"
    if e.kind == "component_omitted":
        return f"汇总报告似未计入{name}"
    if e.kind == "component_counted_twice":
        return f"汇总报告似重复计入{name}"
    return f"{name}该单元格的数值{e.value}恰等于差额（仅供参考）"


def _explain_en(e: Explanation) -> str:
    name = e.component.name if e.component else "the aggregate"
    if e.kind == "component_inconsistent":
        return f"{name} prints {e.value} here; its own totals imply {e.implied}"
    if e.kind == "printed_inconsistent":
        return f"the aggregate prints {e.value} here; its own totals imply {e.implied}"
    if e.kind == "component_omitted":
        return f"the aggregate seems to leave out {name}"
    if e.kind == "component_counted_twice":
        return f"the aggregate seems to count {name} twice"
    return f"{name}'s value {e.value} equals the gap (a hint only)"


def _gap_finding(g: Gap) -> Finding:
    why_zh = "；".join(_explain_zh(e) for e in g.explanations) or "未能定位到具体单位"
    why_en = "; ".join(_explain_en(e) for e in g.explanations) or "no single unit explains it"
    return Finding(
        rule_id="aggregate.gap",
        severity=Severity.ERROR,
        message_zh=f"{g.label}：汇总报告印为{g.printed}，各单位合计为{g.computed}（差{g.difference}）。{why_zh}",
        message_en=f"{g.cell}: the aggregate prints {g.printed}, its components add up to {g.computed} "
        f"(difference {g.difference}). {why_en}",
        cells=(g.cell,),
        values=(g.printed,),
        expected=g.computed,
        actual=g.printed,
        data={
            "components": tuple(c.index for c in g.components),
            "explanations": tuple(
                {
                    "kind": e.kind,
                    "component": e.component.name if e.component else None,
                    "value": e.value,
                    "implied": e.implied,
                    "relations": e.relations,
                }
                for e in g.explanations
            ),
        },
    )
