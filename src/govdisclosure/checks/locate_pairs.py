"""Two wrong cells: the pairs of cells whose corrected values make every failed relation hold.

The single-cell locator (:mod:`.locate`) names a cell when one corrected value explains a group of
failed relations.  A report with two wrong cells — two typing errors, or two numbers swapped
between columns, so that a row total still holds while two column sums fail — has no such cell.
This module searches the pairs: cells ``a`` and ``b`` with corrections ``δa``, ``δb`` explain the
failures when, for every relation that reads either cell, ``difference + kₐ·δa + k_b·δb = 0``
(``k`` the cell's coefficient, ``difference`` = Σlhs − Σrhs as printed, 0 for a relation that
holds), every failed relation reads ``a`` or ``b``, both corrections are non-zero, and the
corrected values are plausible (whole, non-negative counts).  A relation that cannot be assessed
constrains nothing.  Several pairs may fit (a swap in 一、本年新收 fits the same balance as one in
二、上年结转): all are returned, and the caller says which when exactly one does.  Nothing is
ever repaired.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from attrs import frozen

from ..findings import Finding, FindingStatus, Severity
from ..layout import CellRef, ValueKind
from ..relations import RelationResult, Status
from .engine import Rule, RuleContext, RuleLike

__all__ = ["MAX_CELLS", "PairExplanation", "explain_pairs", "pair_rule"]

MAX_CELLS = 80
"""The search is skipped when the failed relations read more cells than this (too many to tell)."""

Number = int | Decimal


@frozen(kw_only=True)
class PairExplanation:
    """Two cells whose corrected values make every one of the failed relations hold."""

    cells: tuple[CellRef, CellRef]
    printed: tuple[Number, Number]
    corrected: tuple[Number, Number]


def _as_number(value: Fraction, like: Number) -> Number:
    if isinstance(like, Decimal):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return int(value)


def _solve(
    equations: list[tuple[int, int, Fraction]],
) -> tuple[Fraction, Fraction] | None:
    """``(δa, δb)`` with ``ka·δa + kb·δb = rhs`` for every ``(ka, kb, rhs)``, if exactly one exists."""
    da: Fraction | None = None
    db: Fraction | None = None
    for ka, kb, rhs in equations:  # equations in one unknown fix it
        if ka and not kb:
            v = rhs / ka
            if da is not None and da != v:
                return None
            da = v
        elif kb and not ka:
            v = rhs / kb
            if db is not None and db != v:
                return None
            db = v
    for ka, kb, rhs in equations:  # a mixed equation fixes the other one
        if ka and kb:
            if da is not None and db is None:
                db = (rhs - ka * da) / kb
            elif db is not None and da is None:
                da = (rhs - kb * db) / ka
    if da is None and db is None:
        pairs = [(ka, kb, rhs) for ka, kb, rhs in equations if ka and kb]
        for (ka1, kb1, r1), (ka2, kb2, r2) in pairwise(pairs):
            det = ka1 * kb2 - ka2 * kb1
            if det:
                da = (r1 * kb2 - r2 * kb1) / det
                db = (ka1 * r2 - ka2 * r1) / det
                break
    if da is None or db is None:
        return None  # not determined: many corrections would do, so none can be named
    if any(ka * da + kb * db != rhs for ka, kb, rhs in equations):
        return None
    return da, db


def explain_pairs(
    results: Sequence[RelationResult],
    failed: Sequence[int],
    relations_of: Mapping[CellRef, Sequence[int]],
    number: Callable[[CellRef], Number | None],
    kind: Callable[[CellRef], ValueKind],
    order: Callable[[CellRef], int],
) -> list[PairExplanation]:
    """Every pair of cells that explains the failed relations at positions ``failed``.

    ``results`` are all the relations evaluated on the report (positions as in ``relations_of``,
    which maps a cell to the positions of the relations that read it); ``number`` gives a
    cell's printed number (``None`` if it is not one), ``kind`` its value kind and ``order`` its
    position in the layout (for a stable order of the answer).
    """
    must = frozenset(failed)
    if not must:
        return []
    cells = sorted({c for i in must for c in results[i].relation.cells}, key=order)
    if len(cells) > MAX_CELLS:
        return []
    covers = {c: must.intersection(relations_of.get(c, ())) for c in cells}
    out: list[PairExplanation] = []
    for n, a in enumerate(cells):
        pa = number(a)
        if pa is None:
            continue
        for b in cells[n + 1 :]:
            if covers[a] | covers[b] != must:
                continue
            pb = number(b)
            if pb is None:
                continue
            explained = _pair(results, relations_of, a, b, pa, pb, kind)
            if explained is not None:
                out.append(explained)
    return out


def _pair(
    results: Sequence[RelationResult],
    relations_of: Mapping[CellRef, Sequence[int]],
    a: CellRef,
    b: CellRef,
    pa: Number,
    pb: Number,
    kind: Callable[[CellRef], ValueKind],
) -> PairExplanation | None:
    equations: list[tuple[int, int, Fraction]] = []
    for i in sorted({*relations_of.get(a, ()), *relations_of.get(b, ())}):
        res = results[i]
        if res.status is Status.NOT_ASSESSABLE:
            continue
        diff = res.difference
        if diff is None:
            continue
        rel = res.relation
        equations.append((rel.coefficient(a), rel.coefficient(b), -Fraction(diff)))
    solved = _solve(equations)
    if solved is None:
        return None
    da, db = solved
    if not da or not db:
        return None  # one cell alone would do: the single-cell locator's case
    corrected: list[Number] = []
    for ref, printed, delta in ((a, pa, da), (b, pb, db)):
        value = Fraction(printed) + delta
        k = kind(ref)
        if k is not ValueKind.AMOUNT and value.denominator != 1:
            return None
        if k is not ValueKind.SIGNED_COUNT and value < 0:
            return None
        corrected.append(_as_number(value, printed))
    return PairExplanation(cells=(a, b), printed=(pa, pb), corrected=(corrected[0], corrected[1]))


# -- the rule ---------------------------------------------------------------------------------------

MAX_LISTED = 4
"""At most this many candidate pairs are named in a finding."""


def _pair_text(ctx: RuleContext, e: PairExplanation) -> tuple[str, str]:
    (a, b), (pa, pb), (ca, cb) = e.cells, e.printed, e.corrected
    return (
        f"{ctx.where_zh(a)} 印为 {pa}，应为 {ca}；{ctx.where_zh(b)} 印为 {pb}，应为 {cb}",
        f"{ctx.where_en(a)} printed {pa}, should be {ca}; {ctx.where_en(b)} printed {pb}, should be {cb}",
    )


def pair_findings(rule: RuleLike, ctx: RuleContext) -> Iterator[Finding]:
    """Findings of the two-cell locator: run only when a group of failed relations has no single cell."""
    unexplained = {r.relation.id for c in ctx.locations if c.cell is None for r in c.results}
    if not unexplained:
        return
    positions = [i for i, r in ctx.failures if r.status is Status.FAILS and r.relation.id in unexplained]
    plan, index = ctx.plan, ctx.resolved.index
    found = explain_pairs(
        ctx.relations,
        positions,
        plan.cell_relations,
        ctx.number,
        lambda ref: plan.kinds[index[ref]],
        index.__getitem__,
    )
    if not found:
        return
    ids = sorted(unexplained, key=lambda rid: min(i for i, r in ctx.failures if r.relation.id == rid))
    listed = found[:MAX_LISTED]
    pairs = [[str(c) for c in e.cells] for e in found]
    if len(found) == 1:
        zh, en = _pair_text(ctx, found[0])
        yield ctx.finding(
            rule,
            cells=found[0].cells,
            message_zh=f"没有一个单元格能单独解释这些不成立的关系，两个单元格可以：{zh}。仅为提示，未作修改",
            message_en=f"no single cell explains the failed relations, two cells do: {en}. "
            "A suggestion only; nothing was changed",
            data={"relations": ids, "pairs": pairs},
        )
        return
    texts = [_pair_text(ctx, e) for e in listed]
    more_zh = f"等 {len(found)} 种" if len(found) > MAX_LISTED else f"{len(found)} 种"
    yield ctx.finding(
        rule,
        cells=tuple(dict.fromkeys(c for e in listed for c in e.cells)),
        status=FindingStatus.NOT_ASSESSABLE,
        message_zh=f"这些不成立的关系可由两个单元格解释，但有{more_zh}可能，无法确定："
        + "；或 ".join(zh for zh, _ in texts),
        message_en=f"two cells explain the failed relations, but {len(found)} pairs fit and none can be "
        "named: " + "; or ".join(en for _, en in texts),
        data={"relations": ids, "pairs": pairs},
    )


def pair_rule() -> Rule:
    """The two-cell locator rule (informational, like the single-cell locator)."""
    rule = Rule(
        id="national.locate.cell_pair",
        severity=Severity.INFO,
        title_zh="定位两个出错的单元格",
        title_en="Locate two wrong cells",
        formula="没有单一单元格能解释一组不成立的关系时，找出两个单元格及其唯一修正值，使所有读取它们的关系都成立"
        "（成立的关系保持成立，修正值为非负整数）",
        basis="由表格勾稽关系推出 [derived]；两处笔误或两列数字互换时行合计仍成立、两列合计不成立",
        example_pass="所有关系成立，或一个单元格即可解释：无结果",
        example_fail="表三 （一）自然人 印为 2，应为 5；商业企业 印为 5，应为 2（两数互换，行总计 7 仍成立）",
        func=lambda ctx: pair_findings(rule, ctx) if ctx.locations else (),
        tags=frozenset({"relations", "locate", "tables"}),
    )
    return rule
