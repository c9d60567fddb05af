"""Text-vs-table rules: the numbers stated in sections 一/三/四 agree with 表三 and 表四."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from decimal import Decimal

from ..findings import Finding, FindingStatus, Severity
from ..layout import CellRef
from .claims import (
    ALL_DONE,
    APPEALS_WORDS,
    NO_REQUESTS,
    NOT_REQUESTS,
    Claim,
    cells_total,
    legal_columns,
    percent_ok,
    row_total,
    sentences_with,
    text_claims,
)
from .engine import Rule, RuleContext

__all__ = ["CLAIM_RULES", "checked_claims", "percent_ok", "text_rules"]


CLAIM_RULES: dict[str, str] = {
    "new_received": "national.text.new_received",
    "carried_over": "national.text.carried_over",
    "received": "national.text.received",
    "processed": "national.text.processed",
    "carried_forward": "national.text.carried_forward",
    "outcome": "national.text.outcomes",
    "percentage": "national.text.percentages",
    "applicants": "national.text.applicants",
    "appeals": "national.text.appeals",
}
"""The rule that checks each :attr:`Claim.kind <govdisclosure.checks.claims.Claim.kind>`."""


def checked_claims(ctx: RuleContext, rules_run: Collection[str] | None = None) -> tuple[Claim, ...]:
    """The claims the text rules compared with the tables (found by the rules, never computed anew).

    ``rules_run`` names the rules that ran (``None``: every rule of the variant); a claim is kept
    when the rule of its kind ran.  When no text rule ran there are none.
    """
    claims: tuple[Claim, ...] = ctx.cache.get("text_claims", ())
    if not claims or rules_run is None:
        return claims
    ran = frozenset(rules_run)
    return tuple(c for c in claims if CLAIM_RULES.get(c.kind) in ran)


def _claim_findings(rule: Rule, ctx: RuleContext, kinds: tuple[str, ...]) -> Iterable[Finding]:
    found = ctx.cache.get("text_claims")
    if found is None:
        found = text_claims(ctx)
    if not found:
        return ()  # the common case: the prose states no count
    claims = [c for c in found if c.kind in kinds]
    return _findings_of_claims(rule, ctx, claims) if claims else ()


def _findings_of_claims(rule: Rule, ctx: RuleContext, claims: list[Claim]) -> Iterator[Finding]:
    for c in claims:
        if c.kind == "percentage":
            yield from _percent_finding(rule, ctx, c)
            continue
        if c.match is not None:
            continue
        cells = tuple(x for cand in c.candidates for x in cand.cells)
        data = {
            "sentence": c.sentence,
            "matched_text": c.matched,
            "section": c.section,
            "candidates": {cand.name_en: cand.value for cand in c.candidates},
        }
        if not c.assessable:
            yield ctx.finding(
                rule,
                severity=Severity.INFO,
                status=FindingStatus.NOT_ASSESSABLE,
                cells=cells,
                message_zh=f"正文“{c.matched}”无法与表格核对：相关单元格未印或为占位符",
                message_en=f"the text '{c.matched}' cannot be compared with the table: cells not printed",
                data=data,
            )
            continue
        table_zh = "，或".join(f"{cand.name_zh} {cand.value}" for cand in c.candidates)
        table_en = ", or ".join(f"{cand.name_en} {cand.value}" for cand in c.candidates)
        first = c.candidates[0].value
        yield ctx.finding(
            rule,
            cells=cells,
            actual=c.stated,
            expected=first,
            message_zh=f"正文“{c.matched}”称 {c.stated} 件，表格为 {table_zh}（句子：“{c.sentence}”）",
            message_en=f"the text '{c.matched}' states {c.stated} but the table gives {table_en}",
            data=data,
        )


def _percent_finding(rule: Rule, ctx: RuleContext, c: Claim) -> Iterator[Finding]:
    assert c.percent is not None
    bases = [cand for cand in c.candidates if cand.value is not None]
    if any(percent_ok(c.stated, c.percent, cand.value) for cand in bases if cand.value is not None):
        return
    data = {
        "sentence": c.sentence,
        "matched_text": c.matched,
        "percent": str(c.percent),
        "bases": {cand.name_en: cand.value for cand in c.candidates},
    }
    if not bases:
        yield ctx.finding(
            rule,
            severity=Severity.INFO,
            status=FindingStatus.NOT_ASSESSABLE,
            message_zh=f"正文“{c.matched}”的百分比无法核对：表格合计未印",
            message_en=f"the percentage in '{c.matched}' cannot be checked: the table totals are not printed",
            data=data,
        )
        return
    main = bases[0]
    assert main.value is not None
    exact = (Decimal(c.stated) * 100 / Decimal(main.value)).quantize(Decimal("0.01")) if main.value else None
    yield ctx.finding(
        rule,
        cells=main.cells,
        message_zh=f"正文“{c.matched}”：{c.stated} 件占{main.name_zh} {main.value} 件应为 {exact}%，"
        f"而非 {c.percent}%",
        message_en=f"the text '{c.matched}': {c.stated} of the {main.name_en} {main.value} is {exact}%, "
        f"not {c.percent}%",
        data=data,
    )


def _no_requests(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    if "requests" not in ctx.plan.table_keys:
        return ()
    value = row_total(ctx, "requests", "received")[0]
    if value is None or value <= 0:
        return ()
    about = sentences_with(ctx, "申请")  # the pattern ends in 申请
    return _no_requests_findings(rule, ctx, about) if about else ()


_GENERIC = re.compile(
    r"任何|政府信息公开|信息公开|依申请公开|公开|本机关|本单位|我局|我委|我办|我乡|我镇|向|有关|相关|"
    r"公民|自然人|个人|法人|其他社会组织|社会组织|其他组织|组织|和|或|及|与|、|提出|提交|递交|的|\s"
)
"""What an unqualified "no application received" says between its verb and 申请."""
_NATURAL_WORDS = re.compile(r"公民|自然人|个人")
_LEGAL_WORDS = re.compile(r"法人|组织")


def _no_requests_scope(ctx: RuleContext, matched: str) -> tuple[str, tuple[CellRef, ...]] | None:
    """(whose applications, their 本年新收 cells) a "no application received" statement is about:
    everyone's (``("", ())``: the row's total), 自然人 or 法人或其他组织 only; ``None`` when it is
    qualified otherwise (``未收到以信函方式提交的申请`` is not about every application)."""
    middle = _VERB.sub("", matched)
    if _GENERIC.sub("", middle):
        return None
    natural, legal = bool(_NATURAL_WORDS.search(middle)), bool(_LEGAL_WORDS.search(middle))
    if natural == legal:
        return "", ()
    if natural:
        return "自然人", (CellRef("requests", "received", "natural_person"),)
    return "法人或其他组织", tuple(CellRef("requests", "received", c) for c in legal_columns(ctx))


_VERB = re.compile(r"^(?:未|没有|无)(?:收到|受理|接到)|申请$")


def _no_requests_findings(
    rule: Rule, ctx: RuleContext, about: tuple[tuple[str, str], ...]
) -> Iterator[Finding]:
    for key, s in about:
        m = NO_REQUESTS.search(s)
        if not m or APPEALS_WORDS.search(m.group(0)) or NOT_REQUESTS.search(m.group(0)):
            continue
        scope = _no_requests_scope(ctx, m.group(0))
        if scope is None:
            continue
        whose, refs = scope
        value, cells = cells_total(ctx, refs) if refs else row_total(ctx, "requests", "received")
        if value is None or value <= 0:
            continue
        yield ctx.finding(
            rule,
            cells=cells,
            actual=value,
            message_zh=f"正文称“{m.group(0)}”，但表三 本年新收{' ' + whose if whose else ''}为 {value} 件",
            message_en=f"the text says no application was received ('{m.group(0)}') but 表三 counts "
            f"{value} new applications{' (' + whose + ')' if whose else ''}",
            data={"sentence": s, "section": key},
        )


def _all_done(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    if "requests" not in ctx.plan.table_keys:
        return ()
    value, cells = row_total(ctx, "requests", "carried_forward")
    if value is None or value <= 0:
        return ()
    about = sentences_with(ctx, "申请")
    return _all_done_findings(rule, ctx, value, cells, about) if about else ()


_ACCOUNTED = re.compile(r"结转(?:至|到)?下一?年|转入下一?年|顺延|继续办理|其余|剩余")
"""The sentence accounts for the applications not yet completed (``除3件结转下年度外，其余均已办结``)."""
_QUALIFIED = re.compile(r"\d\s*件|结转|(?:办结|答复|办理完毕|处理完毕|办理)的")
"""The clause says which applications were all completed (``上年结转的申请均已办结``,
``其中3016件均已办结``, ``已办结的申请均依法答复``): not every one."""


def _all_done_findings(
    rule: Rule,
    ctx: RuleContext,
    value: int | Decimal,
    cells: tuple[CellRef, ...],
    about: tuple[tuple[str, str], ...],
) -> Iterator[Finding]:
    for key, s in about:
        # every match starts with 均已/已全部/全部/均
        m = ALL_DONE.search(s) if "均" in s or "全部" in s else None
        if not m or NOT_REQUESTS.search(s) or APPEALS_WORDS.search(s) or _ACCOUNTED.search(s):
            continue
        clause = s[max(s.rfind("，", 0, m.start()), s.rfind(",", 0, m.start())) + 1 : m.start()]
        if not _QUALIFIED.search(clause):
            yield ctx.finding(
                rule,
                cells=cells,
                actual=value,
                message_zh=f"正文称“{m.group(0)}”，但表三 结转下年度继续办理为 {value} 件",
                message_en=f"the text says every application was completed ('{m.group(0)}') but {value} are "
                "carried forward to next year in 表三",
                data={"sentence": s, "section": key},
            )


_SECTIONS_ZH = "第一、三、四部分正文"


def text_rules() -> list[Rule]:
    """The text-vs-table rules of the national variants."""

    def claim_rule(
        rid: str, kinds: tuple[str, ...], zh: str, en: str, formula: str, ok: str, bad: str
    ) -> Rule:
        assert all(CLAIM_RULES[k] == f"national.text.{rid}" for k in kinds), rid
        rule: Rule = Rule(
            id=f"national.text.{rid}",
            severity=Severity.WARNING,
            title_zh=zh,
            title_en=en,
            formula=formula,
            basis=f"{_SECTIONS_ZH}与表格须一致（条例第五十条；国办公开办函〔2021〕30号“内容不准确”）；"
            "rule candidates #21–#30",
            example_pass=ok,
            example_fail=bad,
            func=lambda ctx: _claim_findings(rule, ctx, kinds),
            tags=frozenset({"text", "tables"}),
        )
        return rule

    rules = [
        claim_rule(
            "new_received",
            ("new_received",),
            "正文所述本年新收与表三一致",
            "New applications stated in the text match 表三",
            "“新收…N件”：N = 表三 一 总计",
            "本年新收政府信息公开申请95件；表三 一 总计 95",
            "本年新收…90件；表三 95",
        ),
        claim_rule(
            "carried_over",
            ("carried_over",),
            "正文所述上年结转与表三一致",
            "Carried-over applications stated in the text match 表三",
            "“上年结转…N件”：N = 表三 二 总计",
            "上年结转36件；表三 二 36",
            "上年结转30件；表三 二 36",
        ),
        claim_rule(
            "received",
            ("received",),
            "正文所述收到/受理申请数与表三一致",
            "Received applications stated in the text match 表三",
            "“收到/受理…申请…N件”：N = 表三 一 总计，或 = 一 + 二（两种用法均接受，并注明匹配哪一种）",
            "受理749件 = 新收713 + 结转36（沭阳式）",
            "受理政府信息公开申请17件；表三 一 95（002 洪泽区 2024）",
        ),
        claim_rule(
            "processed",
            ("processed",),
            "正文所述办结/答复数与表三一致",
            "Processed applications stated in the text match 表三",
            "“办结/答复…N件”：N = 表三（七）总计",
            "办结21件；（七）总计 21",
            "办结20件；（七）总计 21",
        ),
        claim_rule(
            "carried_forward",
            ("carried_forward",),
            "正文所述结转下年度与表三一致",
            "Carried-forward applications stated in the text match 表三",
            "“结转下年度/顺延…N件”：N = 表三 四 总计",
            "结转下年度继续办理3件；表三 四 3",
            "顺延至下年度2件；表三 四 3",
        ),
        claim_rule(
            "outcomes",
            ("outcome",),
            "正文所述各类办理结果与表三一致",
            "Outcome counts stated in the text match 表三",
            "“予以公开/部分公开/不予公开/无法提供/不予处理/其他处理 N件”：N = 该类各行总计之和；"
            "几类合称一数（“予以公开及部分公开N件”）时 N = 这几类之和",
            "予以公开26件；表三（一）26",
            "不予公开5件；表三（三）各项之和 3",
        ),
        claim_rule(
            "percentages",
            ("percentage",),
            "正文所述百分比与件数一致",
            "Percentages stated in the text match the counts",
            "“N件（p%）”：p ≈ N ÷ 表三（七）总计（或新收、新收+结转）× 100，容差为印出的最后一位",
            "予以公开 1200件（39.34%），（七）总计 3050",
            "予以公开 1200件（45%），（七）总计 3050",
        ),
        claim_rule(
            "applicants",
            ("applicants",),
            "正文所述自然人/法人申请数与表三一致",
            "Applicant split stated in the text matches 表三",
            "“自然人…a件，法人或其他组织…b件”：a = 一 自然人，b = 一 各法人列之和（或均加上二）",
            "自然人申请3001件；表三 一 自然人 3001",
            "自然人申请3000件；表三 3001",
        ),
        claim_rule(
            "appeals",
            ("appeals",),
            "正文所述行政复议、行政诉讼数与表四一致",
            "Review and lawsuit counts stated in the text match 表四",
            "“行政复议N件（维持a件、纠正b件…）”= 表四 行政复议；“行政诉讼N件”= 两类诉讼总计之和",
            "行政复议2件，维持1件、纠正1件；表四 复议 1/1/0/0/2",
            "行政复议3件；表四 行政复议 总计 2",
        ),
    ]
    no_requests: Rule = Rule(
        id="national.text.no_requests_contradiction",
        severity=Severity.ERROR,
        title_zh="“未收到申请”与本年新收矛盾",
        title_en="'No application received' contradicts 表三",
        formula="正文称未收到/未受理申请 ⇒ 表三 一 总计 = 0；只说自然人或法人或其他组织时 ⇒ 该类各列 = 0；"
        "限定了方式或事项（“未收到以信函方式提交的申请”）时不判断",
        basis="正文与表格须一致；rule candidates #32（按表格判断）",
        example_pass="未收到…政府信息公开申请；表三 一 0（000 郑旗乡 2024）",
        example_fail="未收到…政府信息公开申请；表三 一 3",
        func=lambda ctx: _no_requests(no_requests, ctx),
        tags=frozenset({"text", "tables"}),
    )
    all_done: Rule = Rule(
        id="national.text.all_done_contradiction",
        severity=Severity.ERROR,
        title_zh="“均已办结”与结转下年度矛盾",
        title_en="'All completed' contradicts carried-forward applications",
        formula="正文称申请均已办结/答复 ⇒ 表三 四 总计 = 0；句中已说明结转下年度/其余，或只说某些申请"
        "（“上年结转的申请均已办结”“其中N件均已办结”）时不判断",
        basis="正文与表格须一致；rule candidates #32",
        example_pass="申请均已按时办结；表三 四 0",
        example_fail="申请均已按时办结；表三 四 3",
        func=lambda ctx: _all_done(all_done, ctx),
        tags=frozenset({"text", "tables"}),
    )
    return [*rules, no_requests, all_done]
