"""Structure and narrative rules: the six sections, section 五, the year, the format version."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from operator import attrgetter

from ..findings import Finding, FindingStatus, Severity
from ..layout import Layout, SectionSpec
from ..model import Section
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
"""The end of a statistics period (reference definition; :func:`_period_ends` finds it faster)."""
_PERIOD_SPAN = 48
"""How far before ``12月31日`` a period may start (``2024 年 1 月 1 日至 2024 年 12 月 31 日`` and spaces)."""


_AFTER_MONTH = re.compile(r"\s*31\s*日")
"""What follows ``12`` (and white space) ``月`` in a period end."""


def _period_ends(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every ``_PERIOD_END`` match in ``text``, as ``finditer`` gives them.

    Found from each ``月`` (a one-character search is much faster than the expression): before
    it white space and ``12``, after it white space, ``31``, white space and ``日``.
    """
    out: list[tuple[int, int]] = []
    pos = text.find("月")
    while pos != -1:
        k = pos
        while k and text[k - 1].isspace():
            k -= 1
        if k >= 2 and text[k - 2 : k] == "12" and (m := _AFTER_MONTH.match(text, pos + 1)) is not None:
            out.append((k - 2, m.end()))
            pos = text.find("月", m.end())
        else:
            pos = text.find("月", pos + 1)
    return out


def _period_in(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_PERIOD.search(text, start, end)``, trying only where a match can start.

    Every match starts with four digits, white space and ``年``: the starts before each ``年``
    are tried in order, so the first match is the leftmost one, as ``search`` finds it.
    """
    pos = text.find("年", start, end)
    while pos != -1:
        k = pos
        while k > start and text[k - 1].isspace():
            k -= 1
        if k - 4 >= start and (m := _PERIOD.match(text, k - 4, end)) is not None:
            return m
        pos = text.find("年", pos + 1, end)
    return None


def _periods(text: str) -> Iterator[re.Match[str]]:
    """The statistics periods in ``text`` (found from their literal end, which is much faster)."""
    for start, end in _period_ends(text):
        m = _period_in(text, max(0, start - _PERIOD_SPAN), end)
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


_PART = re.compile(r"^第([一二三四五六七八九十]+)部分[、.．:：]?")
"""``第一部分`` numbering, which many reports print for ``一、``."""


def normalise_heading(text: str) -> str:
    """A heading without spaces, with half-width brackets and commas made full-width, and the
    numbering ``第一部分`` written ``一、``.

    >>> normalise_heading("第一部分　总体情况") == normalise_heading("一、总体情况")
    True
    """
    return _PART.sub(r"\1、", _SPACE.sub("", text).translate(_HALF))


def _national(layout: Layout) -> Layout:
    return national_root(layout) or layout


def _has_text(ctx: RuleContext) -> bool:
    return bool(ctx.report.sections)


_KEY = attrgetter("key")
_HEADING = attrgetter("heading")


def _printed_keys(ctx: RuleContext) -> tuple[str | None, ...]:
    """The keys of the printed sections, in order (once per context)."""
    keys: tuple[str | None, ...] | None = ctx.cache.get("section keys")
    if keys is None:
        keys = ctx.cache["section keys"] = tuple(map(_KEY, ctx.report.sections))
    return keys


def _template(ctx: RuleContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The layout's section keys and official headings, in order (once per layout)."""
    found: tuple[tuple[str, ...], tuple[str, ...]] | None = ctx.plan.memo.get("sections")
    if found is None:
        specs = ctx.layout.sections
        found = ctx.plan.memo["sections"] = (tuple(map(_KEY, specs)), tuple(map(_HEADING, specs)))
    return found


def _sections(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    if ctx.report.sections and _printed_keys(ctx) == _template(ctx)[0]:
        return ()  # the common case: every section once, in the template's order
    return _section_findings(rule, ctx)


def _section_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
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


def _headings(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    keys, headings = _template(ctx)
    sections = ctx.report.sections
    if _printed_keys(ctx) == keys and tuple(map(_HEADING, sections)) == headings:
        return ()  # the common case: every section with its official heading
    return _heading_findings(rule, ctx)


def _heading_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
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
    # str.split() splits at the white space \s matches (both use str.isspace)
    return len("".join(text[: 4 * MIN_PROBLEMS_CHARS].split())) >= MIN_PROBLEMS_CHARS


def _problems(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    section = ctx.report.section("problems")
    if section is None or _long_enough(section.text):
        return ()
    return _problem_findings(rule, ctx, section)


def _problem_findings(rule: Rule, ctx: RuleContext, section: Section) -> Iterator[Finding]:
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


def _years(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    report, year = ctx.report, ctx.report.year
    title = report.title or ""
    m = _YEAR.search(title) if "年" in title else None
    if m and int(m.group(1)) != year:
        return _year_findings(rule, ctx)
    if "月" in ctx.prose:  # every period ends in 12月31日
        for text in (report.preamble, *(s.text for s in report.sections)):
            for p in _periods(text) if "月" in text else ():
                if int(p.group(1)) != year or int(p.group(2) or p.group(1)) != year:
                    return _year_findings(rule, ctx)
    # a finding needs the year before or after among the years found (4 digits: never across the join)
    preamble, overview = report.preamble, ctx.section_text("overview")
    before, after = str(year - 1), str(year + 1)
    if before in preamble or after in preamble or before in overview or after in overview:
        found = set(years_in(" ".join([preamble, overview])))
        if found and year not in found and (year - 1 in found or year + 1 in found):
            return _year_findings(rule, ctx)
    return ()  # the common case: every year stated is the report's


def _year_findings(rule: Rule, ctx: RuleContext) -> Iterator[Finding]:
    year = ctx.report.year
    title = ctx.report.title or ""
    m = _YEAR.search(title) if "年" in title else None
    if m and int(m.group(1)) != year:
        yield ctx.finding(
            rule,
            message_zh=f"标题所述年度 {m.group(1)} 与报告年度 {year} 不一致",
            message_en=f"the title names the year {m.group(1)} but the report is for {year}",
            data={"where": "title", "found": int(m.group(1))},
        )
    report = ctx.report
    for text in (report.preamble, *(s.text for s in report.sections)):
        if "月" not in text:  # every period ends in 12月31日
            continue
        for p in _periods(text):
            start, end = int(p.group(1)), int(p.group(2) or p.group(1))
            if start != year or end != year:
                yield ctx.finding(
                    rule,
                    message_zh=f"统计期“{p.group(0)}”与报告年度 {year} 不一致",
                    message_en=f"the statistics period '{p.group(0)}' does not match the report year {year}",
                    data={"where": "period", "found": p.group(0)},
                )
    lead = " ".join([report.preamble, report.section_text("overview")])
    # a finding needs the year before or after among the years found
    if str(year - 1) not in lead and str(year + 1) not in lead:
        return
    found = set(years_in(lead))
    if found and year not in found and (year - 1 in found or year + 1 in found):
        yield ctx.finding(
            rule,
            severity=Severity.WARNING,
            message_zh=f"前言和总体情况提到 {sorted(found)} 年，却未提到报告年度 {year}",
            message_en=f"the preamble and overview mention {sorted(found)} but never the report year {year}",
            data={"where": "text", "found": sorted(found)},
        )


def _format_version(rule: Rule, ctx: RuleContext) -> Iterable[Finding]:
    base: Layout | None = ctx.plan.memo.get("national base")
    if base is None:
        base = ctx.plan.memo["national base"] = _national(ctx.layout)
    report = ctx.report
    if base.applies_to(report.year) and (base.last_year is not None or "报告格式" not in ctx.prose):
        return ()  # the common case: the right format, no mention of the trial one
    return _format_findings(rule, ctx, base)


def _format_findings(rule: Rule, ctx: RuleContext, base: Layout) -> Iterator[Finding]:
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
        formula="标题 = 模板标题，或编号 + 常见的较长写法（别名）；编号“第一部分”同“一、”",
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
