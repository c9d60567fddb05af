"""Structure and narrative rules: the six sections, section 五, the year, the format version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..findings import Finding, FindingStatus, Severity
from ..layout import Layout, SectionSpec
from .engine import Rule, RuleContext
from .labels import numbering
from .plugin import national_root

__all__ = ["normalise_heading", "structure_rules"]

_SPACE = re.compile(r"\s+")
_HALF = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "："})
TOKEN_TEXTS = frozenset({"无", "暂无", "无。", "暂无。", "没有", "无问题", "/", "-", "—"})
MIN_PROBLEMS_CHARS = 10

_PERIOD = re.compile(
    r"(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:至|到|—|－|-|~|～)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日"
)
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_TRIAL_FORMAT = re.compile(r"年度报告格式\s*[（(]\s*试行\s*[）)]")


_PERIOD_END = re.compile(r"12\s*月\s*31\s*日")
_PERIOD_SPAN = 48
"""How far before ``12月31日`` a period may start (``2024 年 1 月 1 日至 2024 年 12 月 31 日`` and spaces)."""


def _periods(text: str) -> Iterator[re.Match[str]]:
    """The statistics periods in ``text`` (found from their literal end, which is much faster)."""
    if "31" not in text:  # every period ends in 12月31日
        return
    for end in _PERIOD_END.finditer(text):
        start = max(0, end.start() - _PERIOD_SPAN)
        m = _PERIOD.search(text, start, end.end())
        if m is not None:
            yield m


def years_in(text: str) -> Iterator[int]:
    """Every ``YYYY年`` / ``YYYY 年`` in ``text``."""
    pos = text.find("年")
    while pos != -1:
        k = pos
        while k > 0 and text[k - 1] in " \u3000":
            k -= 1
        digits = text[k - 4 : k]
        if k >= 4 and digits.isascii() and digits.isdigit() and not (k >= 5 and text[k - 5].isdigit()):
            yield int(digits)
        pos = text.find("年", pos + 1)


def normalise_heading(text: str) -> str:
    """A heading without spaces, with half-width brackets and commas made full-width."""
    return _SPACE.sub("", text).translate(_HALF)


def _national(layout: Layout) -> Layout:
    return national_root(layout) or layout


def _has_text(ctx: RuleContext) -> bool:
    return bool(ctx.report.sections)


def _sections(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    if not _has_text(ctx):
        yield ctx.finding(
            rule,
            severity=Severity.INFO,
            status=FindingStatus.NOT_ASSESSABLE,
            message_zh="报告未包含章节文本（仅有表格数据），无法检查六个部分",
            message_en="the report carries no section text (tables only); the six sections cannot be checked",
        )
        return
    order = [s.key for s in ctx.layout.sections]
    printed = [s.key for s in ctx.report.sections if s.key is not None]
    for spec in ctx.layout.sections:
        if spec.key not in printed:
            yield ctx.finding(
                rule,
                message_zh=f"缺少第{spec.heading.split('、')[0]}部分“{spec.heading}”",
                message_en=f"section {spec.heading} ({spec.key}) is missing",
                data={"section": spec.key},
            )
    known = [k for k in printed if k in order]
    positions = [order.index(k) for k in known]
    if positions != sorted(positions) or len(set(known)) != len(known):
        headings = " → ".join(s.heading for s in ctx.report.sections if s.key in order)
        yield ctx.finding(
            rule,
            message_zh=f"各部分顺序或编号与模板不符：{headings}",
            message_en=f"the sections are out of the template's order or repeated: {headings}",
            data={"printed": known},
        )
    for s in ctx.report.sections:
        if s.key is None:
            yield ctx.finding(
                rule,
                severity=Severity.WARNING,
                message_zh=f"无法识别的部分标题“{s.heading}”",
                message_en=f"unrecognised section heading '{s.heading}'",
                data={"heading": s.heading},
            )


@cache
def _accepted(spec: SectionSpec) -> frozenset[str]:
    """The official heading and its numbered aliases, normalised."""
    num = numbering(spec.heading) or ""
    return frozenset({normalise_heading(spec.heading), *(normalise_heading(num + a) for a in spec.aliases)})


def _headings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    specs = {s.key: s for s in ctx.layout.sections}
    for s in ctx.report.sections:
        spec = specs.get(s.key) if s.key else None
        if spec is None:
            continue
        if s.heading != spec.heading and normalise_heading(s.heading) not in _accepted(spec):
            yield ctx.finding(
                rule,
                message_zh=f"标题“{s.heading}”与模板“{spec.heading}”不一致",
                message_en=f"heading '{s.heading}' differs from the template's '{spec.heading}'",
                data={"section": spec.key, "heading": s.heading, "official": spec.heading},
            )


def _long_enough(text: str) -> bool:
    """Whether ``text`` has at least ``MIN_PROBLEMS_CHARS`` non-space characters (looking at a prefix).

    Every token text is shorter than that, so such a text is neither empty nor a token.
    """
    return len(_SPACE.sub("", text[: 4 * MIN_PROBLEMS_CHARS])) >= MIN_PROBLEMS_CHARS


def _problems(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    section = ctx.report.section("problems")
    if section is None:
        return
    if _long_enough(section.text):
        return
    text = _SPACE.sub("", section.text)
    if text in TOKEN_TEXTS or len(text) < MIN_PROBLEMS_CHARS:
        yield ctx.finding(
            rule,
            message_zh=f"“{section.heading}”内容为空或仅为“{text or '（空）'}”，"
            "应报告存在的主要问题及改进情况",
            message_en=f"section {section.heading} is empty or a token ('{text}'); it must report the main "
            "problems and the improvements",
            data={"section": "problems", "text": text},
        )


def _years(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    year = ctx.report.year
    title = ctx.report.title or ""
    m = _YEAR.search(title)
    if m and int(m.group(1)) != year:
        yield ctx.finding(
            rule,
            message_zh=f"标题所述年度 {m.group(1)} 与报告年度 {year} 不一致",
            message_en=f"the title names the year {m.group(1)} but the report is for {year}",
            data={"where": "title", "found": int(m.group(1))},
        )
    texts = [ctx.report.preamble, *(s.text for s in ctx.report.sections)]
    for text in texts:
        for p in _periods(text):
            start, end = int(p.group(1)), int(p.group(2) or p.group(1))
            if start != year or end != year:
                yield ctx.finding(
                    rule,
                    message_zh=f"统计期“{p.group(0)}”与报告年度 {year} 不一致",
                    message_en=f"the statistics period '{p.group(0)}' does not match the report year {year}",
                    data={"where": "period", "found": p.group(0)},
                )
    lead = " ".join([ctx.report.preamble, ctx.report.section_text("overview")])
    found = set(years_in(lead))
    if found and year not in found and (year - 1 in found or year + 1 in found):
        yield ctx.finding(
            rule,
            severity=Severity.WARNING,
            message_zh=f"前言和总体情况提到 {sorted(found)} 年，却未提到报告年度 {year}",
            message_en=f"the preamble and overview mention {sorted(found)} but never the report year {year}",
            data={"where": "text", "found": sorted(found)},
        )


def _format_version(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    base = _national(ctx.layout)
    year = ctx.report.year
    if not base.applies_to(year):
        right = "2021" if year >= 2021 else "2019"
        yield ctx.finding(
            rule,
            message_zh=f"{year} 年度报告使用了 {base.document_number}《{base.title}》"
            f"（适用于 {base.first_year}"
            f"—{base.last_year or ''} 年度），应使用 {right} 年格式",
            message_en=f"a {year} report uses the {base.id} format ({base.document_number}, for "
            f"{base.first_year}–{base.last_year or 'today'}); the {right} format applies",
            data={"variant": ctx.layout.id, "year": year},
        )
    texts = [ctx.report.preamble, *(s.text for s in ctx.report.sections)]
    if base.last_year is None and any("报告格式" in t and _TRIAL_FORMAT.search(t) for t in texts):
        yield ctx.finding(
            rule,
            severity=Severity.WARNING,
            message_zh="正文称依据《…年度报告格式（试行）》编制，该格式已被国办公开办函〔2021〕30号取代",
            message_en="the text says the report follows the trial (2019) format, "
            "replaced by the 2021 format",
            data={"where": "text"},
        )


def structure_rules() -> list[Rule]:
    """The structure and narrative rules of the national variants."""
    sections: Rule = Rule(
        id="national.structure.sections",
        severity=Severity.ERROR,
        title_zh="六个部分齐全且顺序正确",
        title_en="The six sections are present, in order",
        formula="一、总体情况 … 六、其他需要报告的事项 各出现一次，顺序与模板一致",
        basis="条例第五十条；国办公开办函〔2021〕30号 附件模板（format spec §2.2）",
        example_pass="一 二 三 四 五 六",
        example_fail="一 二 三 五 六（缺少四）",
        func=lambda ctx: _sections(sections, ctx),
        tags=frozenset({"structure", "text"}),
    )
    headings: Rule = Rule(
        id="national.structure.headings",
        severity=Severity.WARNING,
        title_zh="部分标题与模板一致",
        title_en="Section headings as in the template",
        formula="标题 = 模板标题，或编号 + 常见的较长写法（别名）",
        basis="format spec §2.2（readers accept variants; generators emit the template headings）",
        example_pass="五、存在主要问题及改进情况（别名）",
        example_fail="五、存在的主要问题及整改措施",
        func=lambda ctx: _headings(headings, ctx),
        tags=frozenset({"structure", "text"}),
    )
    problems: Rule = Rule(
        id="national.structure.problems_not_empty",
        severity=Severity.ERROR,
        title_zh="第五部分不为空",
        title_en="Section 五 is not empty",
        formula=f"第五部分文本（去空白）不是“无”等套话，且不少于 {MIN_PROBLEMS_CHARS} 个字",
        basis="条例第五十条第（四）项；format spec §2.3",
        example_pass="存在的问题：一是…；改进措施：一是…",
        example_fail="五、存在的主要问题及改进情况　无",
        func=lambda ctx: _problems(problems, ctx),
        tags=frozenset({"structure", "text"}),
    )
    years: Rule = Rule(
        id="national.structure.year",
        severity=Severity.ERROR,
        title_zh="年度前后一致",
        title_en="The year is consistent",
        formula="标题年度 = 统计期“YYYY年1月1日至12月31日”的年度 = 报告年度",
        basis="format spec §2.6（统计期为 1月1日–12月31日）；rule candidates #39",
        example_pass="2024 年报告，统计数据从 2024 年 1 月 1 日至 12 月 31 日",
        example_fail="2024 年报告，统计期 2023年1月1日至12月31日",
        func=lambda ctx: _years(years, ctx),
        tags=frozenset({"structure", "text"}),
    )
    version: Rule = Rule(
        id="national.structure.format_version",
        severity=Severity.ERROR,
        title_zh="格式版本与年度相符",
        title_en="The format version matches the year",
        formula="2019、2020 年度用 2019 年格式（试行）；2021 年度起用 2021 年格式",
        basis="国办公开办函〔2021〕30号 适用于 2021 年度起；format spec §6 #3",
        example_pass="2023 年度报告，2021 年格式",
        example_fail="2023 年度报告，2019 年格式（试行）",
        func=lambda ctx: _format_version(version, ctx),
        tags=frozenset({"structure"}),
    )
    return [sections, headings, problems, years, version]
