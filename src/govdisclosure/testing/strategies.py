"""Hypothesis strategies for reports, derived from a variant's layout.

* :func:`reports` — valid-by-construction reports of any variant (national or regional): the
  leaf cells are drawn, every balance (一 + 二 = （七） + 四) is satisfied by drawing a composition
  of its total, and every total is computed from its relation.  Nothing is filtered.
* :func:`perturbed_reports` — a valid report with one chosen numeric cell changed.

Everything is generic over the layout: a regional variant's added rows and relations are drawn
the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

import attrs
from attrs import frozen
from hypothesis import strategies as st

from ..build import build_report
from ..cells import CellValue
from ..layout import AxisSum, Balance, CellRef, GroupSum, Layout, ResolvedLayout, ValueKind
from ..model import Agency, AgencyLevel, Report
from ..relations import Relation, relations_for

__all__ = ["Perturbation", "agencies", "perturbed_reports", "reports", "section_texts"]

_HAN = (
    "政府信息公开工作年度报告本机关依法主动申请办理结果"
    "行政复议诉讼情况存在问题改进其他需要事项全面推进规范加强"
)
_SAFE_TEXT = st.text(alphabet=_HAN + "，。；：（）0123456789", min_size=1, max_size=60)


def section_texts() -> st.SearchStrategy[str]:
    """Prose for a section: one to three paragraphs of plain Chinese text (never empty)."""
    return st.lists(_SAFE_TEXT, min_size=1, max_size=3).map("\n".join)


def agencies() -> st.SearchStrategy[Agency]:
    """A reporting agency with a Chinese name, a level and an optional region code."""
    return st.builds(
        Agency,
        name=st.text(alphabet="海原淮安洪泽沭阳郑旗乡县区市省发展改革局", min_size=2, max_size=10).map(
            lambda s: s + "人民政府"
        ),
        level=st.sampled_from(list(AgencyLevel)),
        region_code=st.none() | st.from_regex(r"\A[1-6][0-9]{5}\Z"),
    )


def _counts() -> st.SearchStrategy[int]:
    return st.integers(0, 30) | st.integers(0, 100_000)


def _value(kind: ValueKind) -> st.SearchStrategy[CellValue]:
    if kind is ValueKind.AMOUNT:
        return st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
    if kind is ValueKind.SIGNED_COUNT:
        return st.integers(-50, 50)
    return _counts()


def _definitions(relations: Sequence[Relation]) -> dict[CellRef, Relation]:
    out: dict[CellRef, Relation] = {}
    for r in relations:
        if isinstance(r.template, AxisSum | GroupSum) and len(r.lhs) == 1:
            out.setdefault(r.lhs[0], r)
    return out


def _expand(
    ref: CellRef, defs: dict[CellRef, Relation], memo: dict[CellRef, Counter[CellRef]]
) -> Counter[CellRef]:
    if ref not in memo:
        rel = defs.get(ref)
        if rel is None:
            memo[ref] = Counter({ref: 1})
        else:
            total: Counter[CellRef] = Counter()
            for part in rel.rhs:
                total.update(_expand(part, defs, memo))
            memo[ref] = total
    return memo[ref]


@st.composite
def _composition(draw: st.DrawFn, total: int, n: int) -> list[int]:
    """``n`` non-negative integers summing to ``total`` (drawn, never filtered)."""
    out = []
    remaining = total
    for _ in range(n - 1):
        x = draw(st.integers(0, remaining))
        out.append(x)
        remaining -= x
    out.append(remaining)
    return draw(st.permutations(out))


@st.composite
def _cells(draw: st.DrawFn, resolved: ResolvedLayout) -> dict[CellRef, CellValue]:
    relations = relations_for(resolved)
    defs = _definitions(relations)
    memo: dict[CellRef, Counter[CellRef]] = {}
    kinds = {ref: resolved.table(ref.table).column_nodes[ref.column].kind for ref in resolved.cells}
    values: dict[CellRef, int] = {}
    drawn: dict[CellRef, CellValue] = {}
    forms: list[tuple[Relation, Counter[CellRef]]] = []
    for rel in relations:
        if not isinstance(rel.template, Balance):
            continue
        form: Counter[CellRef] = Counter()
        for c in rel.lhs:
            form.update(_expand(c, defs, memo))
        for c in rel.rhs:
            form.subtract(_expand(c, defs, memo))
        forms.append((rel, form))
    # most specific balances first: a balance over a subtotal column is implied by its columns' balances
    forms.sort(key=lambda item: sum(1 for k in item[1].values() if k))
    for rel, form in forms:
        lhs = sorted((c for c, k in form.items() if k > 0), key=resolved.index.__getitem__)
        rhs = sorted((c for c, k in form.items() if k < 0), key=resolved.index.__getitem__)
        if all(c in values for c in lhs + rhs):
            continue  # implied by the balances already satisfied (e.g. the 总计 column)
        for c in lhs:
            if c not in values:
                values[c] = draw(_counts())
        free = [c for c in rhs if c not in values]
        n = sum(form[c] * values[c] for c in lhs) + sum(form[c] * values[c] for c in rhs if c in values)
        if n < 0 or not free:
            raise AssertionError(f"balance {rel.id} cannot be satisfied by construction")
        for c, v in zip(free, draw(_composition(n, len(free))), strict=True):
            values[c] = v
    drawn.update(values)
    for ref in resolved.cells:
        if ref not in drawn and ref not in defs:
            drawn[ref] = draw(_value(kinds[ref]))
    return drawn


@st.composite
def _reports(
    draw: st.DrawFn,
    layout: Layout,
    features: frozenset[str] | None,
    mark_derived: bool,
    with_sections: bool,
) -> Report:
    if features is None:
        features = frozenset(
            draw(st.sets(st.sampled_from(sorted(layout.feature_keys())))) if layout.features else frozenset()
        )
    resolved = layout.resolve(features)
    cells = draw(_cells(resolved))
    last = layout.last_year if layout.last_year is not None else layout.first_year + 10
    year = draw(st.integers(layout.first_year, last))
    sections = (
        {
            s.key: draw(section_texts())
            for s in layout.sections
            if s.key not in {t.section for t in layout.tables}
        }
        if with_sections
        else {}
    )
    agency = draw(agencies())
    report = build_report(
        layout,
        agency=agency,
        year=year,
        cells=cells,
        features=features,
        sections=sections,
        title=f"{agency.name}{year}年政府信息公开工作年度报告",
    )
    if not mark_derived:
        report = attrs.evolve(report, derived=frozenset())
    return report


def reports(
    layout: Layout | None = None,
    *,
    features: frozenset[str] | None = None,
    mark_derived: bool = False,
    with_sections: bool = True,
) -> st.SearchStrategy[Report]:
    """Valid-by-construction reports of ``layout`` (default ``national-2021``).

    ``features=None`` draws a set of the layout's features; pass a set to fix it.
    ``mark_derived=True`` keeps the computed totals marked as derived (default: as if printed).
    Every relation of the layout holds on every generated report.
    """
    if layout is None:
        from ..variants import NATIONAL_2021

        layout = NATIONAL_2021
    return _reports(layout, features, mark_derived, with_sections)


@frozen(kw_only=True)
class Perturbation:
    """A valid report and a copy with one numeric cell changed."""

    original: Report
    report: Report
    cell: CellRef
    old: int | Decimal
    new: int | Decimal


@st.composite
def _perturbed(draw: st.DrawFn, base: st.SearchStrategy[Report], cell: CellRef | None) -> Perturbation:
    original = draw(base)
    numeric = [ref for ref, v in original.items() if isinstance(v, int | Decimal)]
    ref = cell if cell is not None else draw(st.sampled_from(numeric))
    old = original[ref]
    assert isinstance(old, int | Decimal)
    kind = original.resolved.table(ref.table).column_nodes[ref.column].kind
    if kind is ValueKind.AMOUNT:
        new: int | Decimal = draw(
            st.decimals(min_value=0, max_value=10**7, places=2).filter(lambda d: d != old)
        )
    else:
        assert isinstance(old, int)
        low = -old if kind is ValueKind.COUNT else -100
        delta = draw(st.integers(low, 1000).filter(lambda d: d != 0))
        new = old + delta
    return Perturbation(original=original, report=original.with_cells({ref: new}), cell=ref, old=old, new=new)


def perturbed_reports(
    layout: Layout | None = None,
    *,
    features: frozenset[str] | None = None,
    cell: CellRef | None = None,
) -> st.SearchStrategy[Perturbation]:
    """A valid report with one numeric cell (``cell``, or a drawn one) set to a different valid value."""
    return _perturbed(reports(layout, features=features), cell)
