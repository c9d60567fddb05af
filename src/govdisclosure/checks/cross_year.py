"""Cross-year rules: this year's report against the same agency's report for the year before.

* 表三 二、上年结转 (every column) = last year's 四、结转下年度继续办理 (error);
* 表二 第二十条第（一）项 现行有效件数 = last year's + 本年制发 − 本年废止 (warning: regions clean up
  their stock lists);
* 2019 → 2021: the 表三 columns are the same and are compared; the 2019 表二 has no 现行有效件数,
  so the roll-forward is not assessable.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cells import Placeholder
from ..findings import Finding, FindingStatus, Severity
from ..layout import CellRef
from ..model import Report
from .engine import Rule, RuleContext

__all__ = ["cross_year_rules"]


def _num(report: Report, ref: CellRef) -> int | None:
    i = report.resolved.index.get(ref)
    v = None if i is None else report.cells[i]
    return v if isinstance(v, int) and not isinstance(v, Placeholder) else None


def _pair(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    prev = ctx.previous
    if prev is None:
        return
    if prev.year != ctx.report.year - 1:
        yield ctx.finding(
            rule,
            severity=Severity.WARNING,
            status=FindingStatus.NOT_ASSESSABLE,
            message_zh=f"上年报告的年度为 {prev.year}，不是 {ctx.report.year - 1}",
            message_en=f"the previous report is for {prev.year}, not {ctx.report.year - 1}",
            data={"previous_year": prev.year},
        )
    if prev.agency.name != ctx.report.agency.name:
        yield ctx.finding(
            rule,
            severity=Severity.WARNING,
            message_zh=f"上年报告的机关“{prev.agency.name}”与本报告“{ctx.report.agency.name}”不同",
            message_en=f"the previous report's agency '{prev.agency.name}' differs from "
            f"'{ctx.report.agency.name}'",
            data={"previous_agency": prev.agency.name},
        )


def _carry_over(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    prev = ctx.previous
    if prev is None or "requests" not in ctx.plan.table_keys or "requests" not in prev.layout.table_keys:
        return
    cur_t = ctx.resolved.table("requests")
    prev_t = prev.resolved.table("requests")
    for col in cur_t.column_keys:
        ref = CellRef("requests", "carried_over", col)
        prev_ref = CellRef("requests", "carried_forward", col)
        if col not in prev_t.column_keys or ref not in ctx.resolved.index:
            continue
        now, before = ctx.number(ref), _num(prev, prev_ref)
        label = ctx.where_zh(ref)
        if now is None or before is None:
            yield ctx.finding(
                rule,
                severity=Severity.INFO,
                status=FindingStatus.NOT_ASSESSABLE,
                cells=(ref,),
                message_zh=f"{label} 无法与上年结转下年度核对：本年或上年该格未印",
                message_en=f"{ctx.where_en(ref)} cannot be compared with last year's carried-forward: "
                "not printed",
                data={"previous_cell": str(prev_ref)},
            )
            continue
        if now != before:
            yield ctx.finding(
                rule,
                cells=(ref,),
                expected=before,
                actual=now,
                message_zh=f"{label} 为 {now}，而 {prev.year} 年报告 {ctx.label(prev_ref)} 为 {before}",
                message_en=f"{ctx.where_en(ref)} = {now} but the {prev.year} report carried forward {before} "
                f"({prev_ref})",
                data={"previous_cell": str(prev_ref), "previous_value": before},
            )


_STOCK = ("in_force", "issued", "repealed")


def _rollforward(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    prev = ctx.previous
    if prev is None or "regulations" not in ctx.plan.table_keys:
        return
    cur_t = ctx.resolved.table("regulations")
    if not all(c in cur_t.column_keys for c in _STOCK):
        return
    prev_cols = (
        prev.resolved.table("regulations").column_keys if "regulations" in prev.layout.table_keys else ()
    )
    for row in cur_t.row_paths:
        now_ref = CellRef("regulations", row, "in_force")
        if "in_force" not in prev_cols:
            yield ctx.finding(
                rule,
                severity=Severity.INFO,
                status=FindingStatus.NOT_ASSESSABLE,
                cells=(now_ref,),
                message_zh=f"{ctx.label(now_ref)}：上年报告（{prev.variant}）没有现行有效件数，无法滚动核对",
                message_en=f"{ctx.label(now_ref)}: the previous report ({prev.variant}) has no in-force "
                "count; "
                "the roll-forward is not assessable",
            )
            continue
        before = _num(prev, CellRef("regulations", row, "in_force"))
        now, issued, repealed = (ctx.number(CellRef("regulations", row, c)) for c in _STOCK)
        if before is None or now is None or issued is None or repealed is None:
            yield ctx.finding(
                rule,
                severity=Severity.INFO,
                status=FindingStatus.NOT_ASSESSABLE,
                cells=(now_ref,),
                message_zh=f"{ctx.label(now_ref)}：有单元格未印，无法滚动核对",
                message_en=f"{ctx.label(now_ref)}: a cell is not printed; the roll-forward is not assessable",
            )
            continue
        expected = before + issued - repealed
        if now != expected:
            refs = tuple(CellRef("regulations", row, c) for c in _STOCK)
            yield ctx.finding(
                rule,
                cells=refs,
                expected=expected,
                actual=now,
                message_zh=f"{ctx.where_zh(now_ref)} 为 {now}，按上年 {before} + 本年制发 {issued} "
                f"− 本年废止 "
                f"{repealed} 应为 {expected}（存量清理时可能不同）",
                message_en=f"{ctx.where_en(now_ref)} = {now}; last year's {before} + issued {issued} "
                f"− repealed "
                f"{repealed} gives {expected} (may differ after a stock clean-up)",
                data={"previous_value": before},
            )


def cross_year_rules() -> list[Rule]:
    """The rules that need the previous year's report (they yield nothing without one)."""
    pair: Rule = Rule(
        id="national.cross_year.pair",
        severity=Severity.WARNING,
        title_zh="上年报告为同一机关的上一年度",
        title_en="The previous report is the same agency's year before",
        formula="上年报告年度 = 本年度 − 1，机关名称相同",
        basis="跨年核对的前提 [derived]",
        example_pass="洪泽区 2023 → 洪泽区 2024",
        example_fail="洪泽区 2022 → 洪泽区 2024",
        func=lambda ctx: _pair(pair, ctx) if ctx.previous is not None else (),
        tags=frozenset({"cross-year"}),
    )
    carry: Rule = Rule(
        id="national.cross_year.carry_over",
        severity=Severity.ERROR,
        title_zh="上年结转等于上年报告的结转下年度",
        title_en="Carried over equals last year's carried forward",
        formula="表三 每列：本年 二、上年结转政府信息公开申请数量 = 上年 四、结转下年度继续办理",
        basis="format spec §2.5(5)；rule candidates #16（全部七列）",
        example_pass="2023 年 四 总计 0 → 2024 年 二 总计 0（洪泽区）",
        example_fail="2023 年 四 总计 5 → 2024 年 二 总计 3",
        func=lambda ctx: _carry_over(carry, ctx) if ctx.previous is not None else (),
        tags=frozenset({"cross-year", "tables", "requests"}),
    )
    roll: Rule = Rule(
        id="national.cross_year.in_force",
        severity=Severity.WARNING,
        title_zh="现行有效件数逐年滚动",
        title_en="In-force count rolls forward",
        formula="表二 第二十条第（一）项 每行：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
        basis="format spec §2.5(6)（仅警告：存量清理、统计口径不同）；rule candidates #17",
        example_pass="上年 18 + 制发 8 − 废止 0 = 26",
        example_fail="上年 18 + 制发 8 − 废止 0，现行有效印为 40",
        func=lambda ctx: _rollforward(roll, ctx) if ctx.previous is not None else (),
        tags=frozenset({"cross-year", "tables"}),
    )
    return [pair, carry, roll]
