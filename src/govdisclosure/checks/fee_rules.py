"""Section 六 and the 信息处理费 (国办函〔2020〕109号).

Section 六 of a report for 2021 or later should state the 信息处理费 situation (amount collected,
or that none was collected): the 办法 was issued in November 2020 and applies from 2021, so the
reports for 2019 and 2020 are not asked for it.
When 表三 （六）2 (applications dropped because a fee notice was not paid) is non-zero, fee
notices were issued, so a statement that none was issued contradicts the table.  Section 六 is
never compared with 表二 行政事业性收费: that is a different figure (format spec §4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..findings import Finding, Severity
from ..layout import CellRef
from ..model import Section
from .claims import row_total
from .engine import Rule, RuleContext
from .labels import row_label, table_title

__all__ = ["FEE_STATEMENT", "NO_FEE", "NO_NOTICE", "fee_rules"]

FEE_STATEMENT = re.compile(
    r"信息处理费|(?:未|没有|无|不)(?:发生|产生)?收(?:取)?费|收费(?:情况|通知)|收取[^。；]{0,10}费|\d+(?:\.\d+)?\s*元"
)
NO_NOTICE = re.compile(
    r"(?:未|没有|无|不)(?:发生|产生|发出|发放|出具|送达)[^。；，]{0,6}收费(?:通知|情况)?|未发生收费"
)
NO_FEE = re.compile(r"(?:未|没有|无|不|均未)(?:收取|收)[^。；，]{0,8}(?:信息处理)?费")

FEE_ROW = "other.fee_unpaid"
FEES_FROM_YEAR = 2021
"""The first report year the 办法 (国办函〔2020〕109号, issued 2020-11-17) applies to."""


def _states_fee(text: str) -> bool:
    """Whether ``FEE_STATEMENT`` occurs in ``text`` (literal shortcuts first: every match has 费 or 元)."""
    if "信息处理费" in text:
        return True
    if "费" not in text and "元" not in text:
        return False
    return FEE_STATEMENT.search(text) is not None


def _no_fee(text: str) -> re.Match[str] | None:
    """``NO_FEE.search(text)``, trying only where a match can start: just before a ``收``.

    Every match is a negation (one or two characters) followed by ``收``; the starts are tried
    in order, so the first match is the leftmost one, as ``search`` finds it.
    """
    pos = text.find("收")
    while pos != -1:
        for start in (pos - 2, pos - 1):
            if start >= 0 and (m := NO_FEE.match(text, start)) is not None:
                return m
        pos = text.find("收", pos + 1)
    return None


def _statement(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    if not ctx.report.sections or ctx.report.year < FEES_FROM_YEAR:
        return ()
    section = ctx.report.section("other")
    if _states_fee(section.text if section else ""):
        return ()
    return _statement_findings(rule, ctx, section)


def _statement_findings(rule: Rule, ctx: RuleContext, section: Section | None) -> Iterator[Finding]:
    heading = section.heading if section else ctx.layout.section("other").heading
    yield ctx.finding(
        rule,
        message_zh=f"“{heading}”未说明信息处理费情况（收取金额，或未收取）",
        message_en=f"section {heading} does not state the 信息处理费 (information processing fee) "
        "situation (amount collected, or none collected)",
        data={"section": "other"},
    )


def _fee_row_label(ctx: RuleContext) -> str:
    """``表三 （六）2``: the table and the row, from the layout (once per layout)."""
    label: str | None = ctx.plan.memo.get("fee row label")
    if label is None:
        label = f"{table_title(ctx.resolved, 'requests')} {row_label(ctx.resolved, 'requests', FEE_ROW)}"
        ctx.plan.memo["fee row label"] = label
    return label


def _unpaid_notice(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    if "requests" not in ctx.plan.table_keys:
        return ()
    value, cells = row_total(ctx, "requests", FEE_ROW)  # (None, ()) when the layout has no such row
    if value is None or value <= 0:
        return ()
    return _unpaid_findings(rule, ctx, value, cells)


def _unpaid_findings(
    rule: Rule, ctx: RuleContext, value: int | Decimal, cells: tuple[CellRef, ...]
) -> Iterator[Finding]:
    text = ctx.section_text("other")
    notice = NO_NOTICE.search(text) if "收费" in text else None  # every match has 收费
    if notice:
        label = _fee_row_label(ctx)
        yield ctx.finding(
            rule,
            cells=cells,
            actual=value,
            message_zh=f"第六部分称“{notice.group(0)}”，但{label} 为 {value} 件，说明已发出收费通知",
            message_en=f"section 六 says '{notice.group(0)}' but {label} counts {value}: "
            "fee notices were issued",
            data={"matched_text": notice.group(0)},
        )
        return
    none = _no_fee(text) if "费" in text else None  # every match ends in 费
    if none:
        label = _fee_row_label(ctx)
        yield ctx.finding(
            rule,
            cells=cells,
            actual=value,
            severity=Severity.INFO,
            message_zh=f"第六部分称“{none.group(0)}”，而{label} 为 {value} 件：已发出收费通知但申请人未缴费，"
            "宜写明发出收费通知的件数",
            message_en=f"section 六 says '{none.group(0)}' while {label} counts {value}: "
            "fee notices were issued "
            "but not paid; the notices should be stated",
            data={"matched_text": none.group(0)},
        )


def fee_rules() -> list[Rule]:
    """The section-六 fee rules."""
    statement: Rule = Rule(
        id="national.fees.statement",
        severity=Severity.WARNING,
        title_zh="第六部分说明信息处理费情况",
        title_en="Section 六 states the information processing fee",
        formula="报告年度 ≥ 2021 ⇒ 第六部分含信息处理费的收取情况（金额，或“未收取”）",
        basis="国办函〔2020〕109号《政府信息公开信息处理费管理办法》；format spec §2.3、§4、§6 #11",
        example_pass="本机关 2024 年未收取信息处理费。（000 郑旗乡 2024）",
        example_fail="六、其他需要报告的事项　无",
        func=lambda ctx: _statement(statement, ctx),
        tags=frozenset({"fees", "text"}),
    )
    unpaid: Rule = Rule(
        id="national.fees.unpaid_notice",
        severity=Severity.WARNING,
        title_zh="逾期未缴费与“未发出收费通知”矛盾",
        title_en="Unpaid fee notices contradict 'no fee notice'",
        formula="表三 （六）2 总计 > 0 ⇒ 第六部分不得称未发出收费通知/未发生收费"
        "（称“未收取”时提示写明通知件数）",
        basis="条例第四十二条；国办函〔2020〕109号；format spec §1.3、§4（不与表二 行政事业性收费比较）",
        example_pass="（六）2 为 0；第六部分：未收取信息处理费",
        example_fail="（六）2 为 6；第六部分：未发生收费情况",
        func=lambda ctx: _unpaid_notice(unpaid, ctx),
        tags=frozenset({"fees", "text", "tables"}),
    )
    return [statement, unpaid]
