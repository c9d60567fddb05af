"""The rule ``hubei.other_documents.published_within_total`` (warning).

For the added row 其他主动公开文件 of 第二十条第（一）项: documents newly published this year
(本年新公开数量) are part of all documents published (对外公开总数量), so the first may not exceed
the second.  Labels are taken from the layout, never restated.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from govdisclosure.checks.engine import Rule, RuleContext
from govdisclosure.findings import Finding, Severity
from govdisclosure.layout import CellRef

from .layout import OTHER_DOCUMENTS

__all__ = ["PUBLISHED_WITHIN_TOTAL", "RULE_ID"]

RULE_ID = "hubei.other_documents.published_within_total"


def _check(ctx: RuleContext) -> Iterable[Finding]:
    published = CellRef("regulations", OTHER_DOCUMENTS, "published")
    total = CellRef("regulations", OTHER_DOCUMENTS, "total_published")
    if not (ctx.has_cell(published) and ctx.has_cell(total)):
        return
    new, all_ = ctx.number(published), ctx.number(total)
    if not isinstance(new, int | Decimal) or not isinstance(all_, int | Decimal):
        return  # not printed or a placeholder: nothing to compare
    if new > all_:
        yield Finding(
            rule_id=RULE_ID,
            severity=Severity.WARNING,
            message_zh=f"{ctx.label(published)} 为 {new}，大于 {ctx.label(total)} {all_}",
            message_en=f"{ctx.label(published)} is {new}, more than {ctx.label(total)} {all_}",
            cells=(published, total),
            values=(new, all_),
            expected=all_,
            actual=new,
        )


PUBLISHED_WITHIN_TOTAL = Rule(
    id=RULE_ID,
    severity=Severity.WARNING,
    title_zh="其他主动公开文件：本年新公开数量不大于对外公开总数量",
    title_en="other proactively published documents: newly published ≤ total published",
    formula="regulations.other_documents.published ≤ regulations.other_documents.total_published",
    basis="湖北2020年度报告模板（格式说明 §5.2）；对外公开总数量包含本年新公开的文件",
    example_pass="本年新公开数量 3，对外公开总数量 12",
    example_fail="本年新公开数量 15，对外公开总数量 12",
    func=_check,
    tags=frozenset({"hubei", "proactive"}),
)
