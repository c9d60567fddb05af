"""Value rules: what each printed cell may hold, and the forward-carry sanity bound of 表三."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import cast

from ..cells import Placeholder
from ..findings import Finding, FindingStatus, Severity
from ..layout import CellRef, ValueKind
from .engine import Rule, RuleContext
from .labels import table_title
from .plan import FLOW_ROWS

__all__ = ["value_rules"]


def _counts(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    if ctx.whole_ints:
        plan = ctx.plan
        counts = ctx.whole_values if plan.only_counts else plan.count_values(ctx.report.cells)
        whole = cast("tuple[int, ...]", counts)
        try:
            array("Q", whole)  # every value an int: this fails exactly for a negative (or a huge) one
            return ()  # the common case: every count a whole number, none negative
        except OverflowError:
            if min(whole) >= 0:
                return ()
    return _count_findings(rule, ctx)


def _count_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    count = ValueKind.COUNT
    for ref, v, kind in zip(ctx.resolved.cells, ctx.report.cells, ctx.kinds, strict=True):
        if v.__class__ is int and (v >= 0 or kind is not count):
            continue  # the common case: a whole number
        if v is None or kind is ValueKind.AMOUNT or isinstance(v, Placeholder):
            continue
        bad_type = type(v) is not int
        negative = kind is ValueKind.COUNT and v < 0
        if bad_type or negative:
            what_zh = "不是整数" if bad_type else "为负数"
            what_en = "is not a whole number" if bad_type else "is negative"
            yield ctx.finding(
                rule,
                cells=(ref,),
                message_zh=f"{ctx.where_zh(ref)} 印为 {v}：件数{what_zh}",
                message_en=f"{ctx.where_en(ref)} is printed as {v}: a count {what_en}",
            )


def _amounts(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    values = ctx.report.cells
    for i in ctx.plan.amount_positions:
        v = values[i]
        if v is None or isinstance(v, Placeholder):
            continue
        if (v.__class__ is int or v.__class__ is Decimal) and v >= 0:
            continue  # the common case: a non-negative amount
        return _amount_findings(rule, ctx)
    return ()


def _amount_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    cells, values = ctx.resolved.cells, ctx.report.cells
    for i in ctx.plan.amount_positions:
        ref, v = cells[i], values[i]
        if v is None or isinstance(v, Placeholder):
            continue
        if not isinstance(v, int | Decimal) or v < 0:
            yield ctx.finding(
                rule,
                cells=(ref,),
                message_zh=f"{ctx.where_zh(ref)} 印为 {v}：金额不能为负",
                message_en=f"{ctx.where_en(ref)} is printed as {v}: an amount cannot be negative",
            )


_NONE_TYPE = type(None)


def _grouped(rule: Rule, ctx: RuleContext, placeholder: bool) -> Iterable[Finding]:
    if (Placeholder if placeholder else _NONE_TYPE) not in ctx.value_types:
        return ()  # the common case: no placeholder / no unprinted cell
    return _grouped_findings(rule, ctx, placeholder)


def _grouped_findings(rule: Rule, ctx: RuleContext, placeholder: bool) -> Iterator[Finding]:
    by_table: dict[str, list[CellRef]] = {}
    cells = ctx.resolved.cells
    for i, v in enumerate(ctx.report.cells):
        if (v.__class__ is Placeholder) if placeholder else v is None:
            by_table.setdefault(cells[i].table, []).append(cells[i])
    groups: list[tuple[str, list[CellRef], bool]] = []
    for table, refs in by_table.items():
        if placeholder:
            groups.append((table, refs, False))
            continue
        # a blank cell has no printed text; a cell the reader could not read (digits run
        # together, read.digits_ambiguous) keeps the text it saw in its provenance
        unread = [r for r in refs if _printed_text(ctx, r)]
        blank = [r for r in refs if not _printed_text(ctx, r)]
        groups += [(table, group, group is unread) for group in (blank, unread) if group]
    for table, refs, printed_unread in groups:
        title = table_title(ctx.resolved, table)
        shown = "、".join(ctx.label(r).removeprefix(title).strip() for r in refs[:4])
        more = f"等 {len(refs)} 格" if len(refs) > 4 else ""
        if printed_unread:
            texts = "、".join(dict.fromkeys(f"“{_printed_text(ctx, r)}”" for r in refs))
            zh = f"{title}：{shown}{more}印有数字（{texts}）但未能逐格读出，用到它们的勾稽关系无法检查"
            en = (
                f"{title}: {len(refs)} cell(s) print numbers ({texts}) that could not be read cell by cell; "
                "relations reading them cannot be assessed"
            )
        elif placeholder:
            marks = "".join(sorted({str(ctx.value(r)) for r in refs}))
            zh = f"{title}：{shown}{more}印为占位符（{marks}）而非数字，用到它们的勾稽关系无法检查"
            en = (
                f"{title}: {len(refs)} cell(s) hold a placeholder ({marks}) instead of a number; "
                "relations reading them cannot be assessed"
            )
        else:
            zh = f"{title}：{shown}{more}未印数值（应填 0 而非留空），用到它们的勾稽关系无法检查"
            en = (
                f"{title}: {len(refs)} cell(s) are not printed (0 should be written, not a blank); "
                "relations reading them cannot be assessed"
            )
        yield ctx.finding(rule, cells=refs, status=FindingStatus.NOT_ASSESSABLE, message_zh=zh, message_en=en)


def _printed_text(ctx: RuleContext, ref: CellRef) -> str:
    """The text the reader saw where ``ref`` is printed ('' for a blank cell or without provenance)."""
    where = ctx.provenance.get(ref)
    return where.raw.strip() if where is not None else ""


def _number(v: object) -> int | Decimal | None:
    return v if isinstance(v, int | Decimal) and not isinstance(v, bool) else None


def _forward_bound(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    values = ctx.report.cells
    for _, i, j, k in ctx.plan.flow:
        new, co, fwd = values[i], values[j], values[k]
        if new.__class__ is int and co.__class__ is int and fwd.__class__ is int and fwd <= new + co:
            continue  # the common case: whole numbers within the bound
        return _forward_findings(rule, ctx)
    return ()


def _forward_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    values = ctx.report.cells
    for col, i, j, k in ctx.plan.flow:
        new, co, fwd = values[i], values[j], values[k]
        if new.__class__ is int and co.__class__ is int and fwd.__class__ is int:
            if fwd <= new + co:
                continue  # the common case: whole numbers within the bound
        else:
            new, co, fwd = _number(new), _number(co), _number(fwd)
            if new is None or co is None or fwd is None or fwd <= new + co:
                continue
        refs = tuple(CellRef("requests", r, col) for r in FLOW_ROWS)
        fwd_ref = refs[2]
        yield ctx.finding(
            rule,
            cells=refs,
            expected=new + co,
            actual=fwd,
            message_zh=f"{ctx.where_zh(fwd_ref)} 为 {fwd}，超过本年新收与上年结转之和 {new + co}",
            message_en=f"{ctx.where_en(fwd_ref)} = {fwd} exceeds new plus carried-over applications "
            f"({new + co})",
        )


def value_rules() -> list[Rule]:
    """The cell-value rules of the national variants."""
    counts: Rule = Rule(
        id="national.values.count",
        severity=Severity.ERROR,
        title_zh="件数为非负整数",
        title_en="Counts are non-negative whole numbers",
        formula="每个件数单元格 ∈ {0, 1, 2, …}（“本年增/减”可为负整数）",
        basis="format spec §2.4 单位“件”，§2.5(7) [derived]",
        example_pass="行政许可 550",
        example_fail="自然人 -3；或 自然人 2.5",
        func=lambda ctx: _counts(counts, ctx),
        tags=frozenset({"values", "tables"}),
    )
    amounts: Rule = Rule(
        id="national.values.amount",
        severity=Severity.ERROR,
        title_zh="金额为非负数",
        title_en="Amounts are non-negative",
        formula="本年收费金额（万元）≥ 0，可有小数",
        basis="format spec §2.4（单位：万元），§2.5(7) [derived]",
        example_pass="行政事业性收费 7730.28",
        example_fail="行政事业性收费 -1.5",
        func=lambda ctx: _amounts(amounts, ctx),
        tags=frozenset({"values", "tables"}),
    )
    placeholders: Rule = Rule(
        id="national.values.placeholder",
        severity=Severity.WARNING,
        title_zh="数字格印为占位符",
        title_en="Placeholder printed in a numeric cell",
        formula="单元格印为 -、/、—、无 等：记为占位符（绝不当作 0），相关关系“无法检查”",
        basis="format spec §2.6（实践中每格填写，零写作 0）、§6 #5",
        example_pass="行政强制 0",
        example_fail="行政强制 “-”",
        func=lambda ctx: _grouped(placeholders, ctx, True),
        tags=frozenset({"values", "tables", "completeness"}),
    )
    unprinted: Rule = Rule(
        id="national.values.not_printed",
        severity=Severity.WARNING,
        title_zh="数字格未印数值",
        title_en="Numeric cell left blank",
        formula="单元格为空（未印）：记为未印（绝不当作 0），相关关系“无法检查”",
        basis="format spec §2.6、§6 #4（总计须填写）",
        example_pass="总计 0",
        example_fail="总计列整列空白（000 郑旗乡 2024）",
        func=lambda ctx: _grouped(unprinted, ctx, False),
        tags=frozenset({"values", "tables", "completeness"}),
    )
    forward: Rule = Rule(
        id="national.requests.forward_bound",
        severity=Severity.ERROR,
        title_zh="结转下年度不超过新收与上年结转之和",
        title_en="Carried forward does not exceed new plus carried over",
        formula="表三 每列：四、结转下年度继续办理 ≤ 一、本年新收 + 二、上年结转",
        basis="由勾稽关系与非负性推出（rule candidates #10）[derived]",
        example_pass="新收 20 + 结转 2，结转下年度 3",
        example_fail="新收 20 + 结转 2，结转下年度 30",
        func=lambda ctx: _forward_bound(forward, ctx),
        tags=frozenset({"values", "tables", "requests"}),
    )
    return [counts, amounts, placeholders, unprinted, forward]
