"""Detection: the report's sections, title, agency and year, its format variant and layout features.

Everything is decided from the labels the document prints (spec §3.3 for 2019 vs 2021) and
from the layout: section headings and their aliases, the children of （六）其他处理, the
法人或其他组织 subtotal column, and category subtotal rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from attrs import frozen

from ..layout import Layout, Node, TableSpec
from ..plugins.registry import VariantHints
from .normalize import LabelIndex, label_key, split_numbering
from .records import Record

__all__ = ["Metadata", "SectionHit", "detect_features", "detect_metadata", "find_sections", "variant_hints"]

_BREADCRUMB = re.compile(r"[>›»＞]|&gt;")
# a page's <title> adds the column and the site after the report's title
# (``…工作年度报告_政府信息公开年报_某某网``, ``…年度报告 - 某某人民政府``, ``…年度报告-某县发改局``:
# a dash without blanks only before a short name without digits)
_SITE_SUFFIX = re.compile(
    r"(?<=报告)(?:[（(][^）)]{1,20}[）)])?\s*(?:[_|｜]|\s[-–—－]\s|[-–—－](?=[^\d\s]{2,20}$)).*$"
)
_PROSE = re.compile(r"^(?:本(?:年度)?报告|根据|依据|按照)|条例》|[。；]")
"""A sentence naming the report (``本报告根据《中华人民共和国政府信息公开条例》…编制``), never its title."""
_FIELD = re.compile(r"^(?:文章|信息)?(?:标题|题名|名称)\s*[:：]\s*")
"""A field name in front of the title (a crawler's or a CMS's metadata block: ``标题: 某县…年度报告``)."""
_YEAR_IN_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2}|二[〇○零Ｏ][〇○零Ｏ一二三四五六七八九]{2})\s*年\s*度?")
"""A year as printed in a title: ``2024年``, ``2024 年度``, or in Chinese numerals ``二〇二四年``."""
_CN_DIGITS = str.maketrans("〇○零Ｏ一二三四五六七八九", "000012345678" + "9")


def _year_value(m: re.Match[str]) -> int:
    """The year a :data:`_YEAR_IN_TITLE` match names (``二〇二四`` → 2024)."""
    return int(m.group("year").translate(_CN_DIGITS))


_PERIOD = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|-|～|~)")
_SUBTOTAL_KEY = label_key("小计")


@frozen
class SectionHit:
    """A section heading found at ``position`` (an index into the records)."""

    key: str
    heading: str
    position: int
    rest: str = ""
    """The section's text printed on the heading's line after it (``六、其他需要报告的事项。无。``)."""


@frozen
class Metadata:
    """Title, agency and year found in the document head, and where the head ends."""

    title: str | None
    agency: str | None
    year: int | None
    year_source: str | None
    """``title`` or ``period`` (统计期) or ``text``; ``None`` if no year was found."""
    title_end: int
    """Index (into the records) after the last title line."""
    period_year: int | None = None


def _clean(text: str) -> str:
    # plain string operations: a regex anchored at the end would backtrack over long blank runs
    # Markdown and OCR frame a heading as a one-cell table row (``| 五、存在的主要问题及改进情况 |``)
    return text.strip().lstrip("#> *\t\u3000|｜│").rstrip("* \t\u3000|｜│").strip()


_TOP_NUMBERING = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．,，]")
_PART_NUMBERING = re.compile(r"^第([一二三四五六七八九十]{1,3})部分[\s\u3000:：、]*")
_PAREN_NUMBERING = re.compile(r"^\s*[（(【\[]\s*[一二三四五六七八九十\d]{1,3}\s*[）)】\]]")


@frozen
class _Heading:
    """What a short line says as a possible section heading (see :func:`_section_hits`)."""

    printed: str
    owner: str
    """The section whose heading (or alias) the line matches."""
    numbered: bool
    body: str
    parenthesised: bool
    """Numbered like a sub-heading: ``（一）``."""
    stem: bool = False
    """Only the first part of a heading matches (``五、存在的主要问题及明年工作计划``): looked for
    only where the section must be (:func:`_fill_gaps`), and never in a sentence."""


class _SectionIndex:
    """The section headings of one layout, and what each line text seen so far says (memo)."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.index = LabelIndex(
            ((s.key, (s.heading, *s.aliases)) for s in layout.sections), allow_prefix=False
        )
        self.order = [s.key for s in layout.sections]
        self.top_level = {s.key for s in layout.sections if _TOP_NUMBERING.match(s.heading)}
        self.bodies = {
            s.key: {split_numbering(h)[1] for h in (s.heading, *s.aliases)} for s in layout.sections
        }
        self.stems = heading_stems(layout)
        numerals = {  # the top-level numeral of each section's heading (五 of 五、…)
            s.key: numeral
            for s in layout.sections
            if _TOP_NUMBERING.match(s.heading) and (numeral := split_numbering(s.heading)[0])
        }
        top = [s for s in layout.sections if s.key in numerals]
        self.run_in_bodies = {  # heading and alias bodies, longest first
            s.key: (
                numerals[s.key],
                sorted(
                    {_compact(_TOP_NUMBERING.sub("", h, count=1)) for h in (s.heading, *s.aliases)},
                    key=len,
                    reverse=True,
                ),
            )
            for s in top
        }
        self.keywords = {s.key: (numerals[s.key], s.keywords) for s in top if s.keywords}
        self._memo: dict[str, _Heading | None] = {}

    def heading(self, raw: str) -> _Heading | None:
        """The section ``raw`` (a record's text) may be the heading of, before the order checks."""
        try:
            return self._memo[raw]
        except KeyError:
            pass
        if len(self._memo) > 8192:
            self._memo.clear()
        found = self._memo[raw] = self._heading(raw)
        return found

    def _heading(self, raw: str) -> _Heading | None:
        printed = _clean(raw)
        text = _part_as_numeral(printed)
        num, body = split_numbering(text)
        if not body or len(body) > 40:
            return None
        m = self.index.match(text)
        if m is None:
            # 五、存在的主要问题及明年工作计划: the official heading's first part, another second part
            if not _TOP_NUMBERING.match(text):
                return None
            owner = next((key for stem, key in self.stems if body.startswith(label_key(stem))), None)
            return None if owner is None else _Heading(printed, owner, True, body, False, stem=True)
        return _Heading(printed, m.owner, num is not None, body, bool(_PAREN_NUMBERING.match(text)))

    def worded_otherwise(self, raw: str, key: str) -> bool:
        """Whether ``raw`` is a short heading with section ``key``'s own top-level numeral that
        says one word of each of the section's keyword groups (``五、存在问题及改进情况``)."""
        numeral, groups = self.keywords.get(key, (None, ()))
        if not groups:
            return False
        text = _part_as_numeral(_clean(raw))
        if not _TOP_NUMBERING.match(text) or text.endswith(_SENTENCE_END):
            return False
        num, body = split_numbering(text)
        return (
            num == numeral
            and 0 < len(body) <= _KEYWORD_HEADING_MAX
            and all(any(word in body for word in group) for group in groups)
        )

    def run_in(self, raw: str, key: str) -> tuple[str, str] | None:
        """(heading, rest) when ``raw`` starts with section ``key``'s own numeral and its heading (or
        an alias) and goes on with the section's text (``六、其他需要报告的事项：本年度未收取费用。``)."""
        numeral, bodies = self.run_in_bodies.get(key, (None, []))
        printed = _clean(raw)
        text = _part_as_numeral(printed)
        m = _TOP_NUMBERING.match(text)
        if m is None or not bodies or split_numbering(text[: m.end()])[0] != numeral:
            return None
        after = text[m.end() :]
        compact = _compact(after)
        body = next((b for b in bodies if compact.startswith(b)), None)
        if body is None:
            return None
        end, seen = 0, 0  # where the heading ends in the printed text (blanks inside it skipped)
        while seen < len(body):
            if not after[end].isspace():
                seen += 1
            end += 1
        rest = after[end:].lstrip(_RUN_IN_JOINERS)
        if not rest:
            return None
        return printed[: len(printed) - len(rest)].rstrip(_RUN_IN_JOINERS), rest  # the heading as printed


def _compact(text: str) -> str:
    return "".join(text.split())


def _part_as_numeral(text: str) -> str:
    """``第五部分　存在…`` written ``五、存在…`` (the part number stands for the numeral)."""
    part = _PART_NUMBERING.match(text)
    return text if part is None else part.group(1) + "、" + text[part.end() :].strip()


_RUN_IN_JOINERS = "。：:；;，, \t\u3000"
"""What a report prints between a run-in heading and its text."""

_SENTENCE_END = ("。", "；", ";", "：", ":")
"""A line ending like a sentence or a lead-in is no heading (``五、问题如下：`` is prose)."""
_KEYWORD_HEADING_MAX = 24
"""The longest heading body accepted by keywords alone (the official ones have 4–21 characters)."""


_STEM_JOIN = "及"
"""The conjunction that joins the two parts of a heading (``存在的主要问题及改进情况``)."""
_STEM_MIN = 4
"""A shorter first part says too little to stand for the heading."""


def heading_stems(layout: Layout) -> tuple[tuple[str, str], ...]:
    """(first part, section key) of every top-level heading or alias printed as two parts joined by
    及: a report may print the first part with another second part (``存在的主要问题及明年工作计划``)."""
    out: list[tuple[str, str]] = []
    for section in layout.sections:
        if not _TOP_NUMBERING.match(section.heading):
            continue
        for text in (section.heading, *section.aliases):
            body = _TOP_NUMBERING.sub("", text, count=1)
            stem = body.split(_STEM_JOIN, 1)[0]
            if stem != body and len(stem) >= _STEM_MIN and (stem, section.key) not in out:
                out.append((stem, section.key))
    return tuple(out)


_SECTION_INDEX: dict[int, _SectionIndex] = {}


def find_sections(records: Sequence[Record], layout: Layout) -> list[SectionHit]:
    """The section headings printed, in order (each at most once, in the layout's order).

    A heading numbered like a sub-heading (``（一）``) does not stand for a section whose official
    heading carries a top-level numeral (``二、``): reports print ``（一）主动公开政府信息情况`` inside
    一、总体情况.
    """
    index = _SECTION_INDEX.get(id(layout))
    if index is None or index.layout is not layout:
        index = _SECTION_INDEX[id(layout)] = _SectionIndex(layout)
    hits = _section_hits(records, index, None)
    if not hits:
        # no numbered heading at all: a template that strips the numerals (总体情况 …)
        hits = _section_hits(records, index, index.bodies)
    if len(hits) < len(index.order):
        hits = _fill_gaps(records, index, hits)
    return hits


def _fill_gaps(records: Sequence[Record], index: _SectionIndex, hits: list[SectionHit]) -> list[SectionHit]:
    """``hits`` with each missing section found where it must be: after the heading found before
    it, before the one found after it — a heading worded otherwise (``五、存在问题及改进情况``), one
    matching only in its first part (``五、存在的主要问题及明年工作计划``), or one run in with the
    section's first sentence (``六、其他需要报告的事项：无。``).
    """
    found = {h.key: h for h in hits}
    order = index.order
    out: list[SectionHit] = []
    start = 0
    for k, key in enumerate(order):
        hit = found.get(key)
        if hit is None:
            end = next((found[o].position for o in order[k + 1 :] if o in found), len(records))
            hit = _gap_heading(records, index, key, start, end)
        if hit is not None:
            out.append(hit)
            start = hit.position + 1
    return out


def _gap_heading(
    records: Sequence[Record], index: _SectionIndex, key: str, start: int, end: int
) -> SectionHit | None:
    """The first line in ``records[start:end]`` that is section ``key``'s heading worded otherwise
    (short, no numbers read) or its heading run in with the section's first sentence."""
    for pos in range(start, end):
        rec = records[pos]
        if rec.blank:
            continue
        if not rec.values and len(rec.text) <= 60:
            h = index.heading(rec.text)
            stem = h is not None and h.stem and h.owner == key and not h.printed.endswith(_SENTENCE_END)
            if stem or index.worded_otherwise(rec.text, key):
                return SectionHit(key, _clean(rec.text), pos)
        run_in = index.run_in(rec.text, key)
        if run_in is not None:
            return SectionHit(key, run_in[0], pos, run_in[1])
    return None


def _section_hits(
    records: Sequence[Record], index: _SectionIndex, bare: dict[str, set[str]] | None
) -> list[SectionHit]:
    """Heading lines in layout order; unnumbered ones only with ``bare`` (section → heading bodies)
    and only when the line is a whole heading."""
    hits: list[SectionHit] = []
    last = -1
    order = index.order
    for pos, rec in enumerate(records):
        if rec.blank or rec.values:
            continue
        # a heading framed as a cell of a drawn table (w3m: ``│三、收到和处理…情况        │``) is its label
        text = rec.labels[0] if len(rec.text) > 60 and len(rec.labels) == 1 else rec.text
        if len(text) > 60:
            continue
        h = index.heading(text)
        if h is None or h.stem:
            continue
        k = order.index(h.owner)
        if k <= last:
            continue
        if not h.numbered and (bare is None or h.body not in bare[h.owner]):
            continue  # an unnumbered line counts only when it is the whole heading (总体情况)
        if h.parenthesised and h.owner in index.top_level:
            continue  # （一）主动公开政府信息情况 is a sub-heading, not section 二、
        hits.append(SectionHit(h.owner, h.printed, pos))
        last = k
    return hits


def _agency_from_title(title: str, year_match: re.Match[str] | None) -> str | None:
    """The name in front of the year or of 政府信息公开, whichever comes first
    (``淳安县千岛湖镇人民政府政府信息公开工作年度报告（2022年度）``); after the year when the
    title starts with it (``2023年度北京市海淀区人民政府政府信息公开工作年度报告``)."""
    t = title.replace("*", "").strip()
    ym = _YEAR_IN_TITLE.search(t) if year_match is not None else None
    info = t.find("政府信息公开")
    if ym is not None and not t[: ym.start()].strip(" 　:：,，关于"):
        after = t[ym.end() :]
        cut = after.find("政府信息公开")
        return (after[:cut].strip() or None) if cut > 0 else None
    ends = [p for p in (ym.start() if ym else -1, info) if p > 0]
    if not ends:
        return None
    name = t[: min(ends)].strip(" 　:：,，（(").removeprefix("关于").strip()
    return name or None


def _strip_site_suffix(title: str) -> str:
    """The report's title without the column and site names a page's ``<title>`` appends to it."""
    m = _SITE_SUFFIX.search(title)
    if m is None:
        return title
    paren = re.match(r"[（(][^）)]{1,20}[）)]", m.group(0))  # 报告（2022年度） stays whole
    return title[: m.start()] + (paren.group(0) if paren else "")


_TITLE_TAILS = (
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "信息公开工作年度报告",
    "政府信息公开工作年报",
)
"""How a report's title ends; a title wrapped inside its tail is one line (``…2022年政府信`` /
``息公开工作年度报告``)."""


def _wraps_in_report(line: str, following: str) -> bool:
    """Whether a title line wraps inside 报告 (``…工作年度报`` / ``告``) or inside the title's tail
    (``…年政府信`` / ``息公开工作年度报告``, a centred title in a PDF): the pair is one line."""
    if len(line) + len(following) > 80 or "报告" in line or "。" in following:
        return False
    if line.endswith("报") and following.startswith("告"):
        return True
    return any(
        line.endswith(tail[:k]) and following.startswith(tail[k:])
        for tail in _TITLE_TAILS
        for k in range(1, len(tail) - 1)
    )


def detect_metadata(records: Sequence[Record], first_section: int | None) -> Metadata:
    """Title (the head lines up to the one ending with 报告), agency, year (title, else 统计期)."""
    end = first_section if first_section is not None else min(len(records), 12)
    head: list[tuple[int, str]] = []
    first_of: dict[int, int] = {}  # head line → the record its text starts on (a title wrapped in 报告)
    for i, r in enumerate(records[:end]):
        if not r.blank:
            text = _clean(r.text)
            if head and _wraps_in_report(head[-1][1], text):
                prev_i, prev_text = head.pop()
                first_of[i] = first_of.get(prev_i, prev_i)
                text = prev_text + text
            head.append((i, text))
            if len(head) >= 12:
                break
    title_lines: list[str] = []
    title_end = 0
    # the title is the first short line naming the report; when that line does not name the
    # agency itself ("2024 年政府信息公开工作年度报告"), the line above it is part of the title
    # (or 年报 with the year: ``某县2024年政府信息公开工作年报``)
    named = [
        k
        for k, (_i, t) in enumerate(head)
        if len(t) <= 80
        and ("报告" in t or (t.endswith("年报") and _YEAR_IN_TITLE.search(t)))
        and not _PROSE.search(t)
    ]
    # prefer a line naming the report itself over breadcrumbs such as "首页 > 信息公开 > 年度报告"
    best = [k for k in named if "政府信息公开" in head[k][1] or _YEAR_IN_TITLE.search(head[k][1])]
    # a breadcrumb that itself says 政府信息公开 (首页 > 政府信息公开 > 年度报告) is no title
    best = [k for k in best if not _BREADCRUMB.search(head[k][1])] or best
    if named:
        k = (best or named)[0]
        i, text = head[k]
        text = _FIELD.sub("", _strip_site_suffix(text), count=1)
        # a page's <title> comes again as the article's own title below the site's header: the
        # report starts after the last printing of it, so the header is no part of the preamble
        # (a site's header and breadcrumb may well be longer than the head lines looked at)
        repeats = [j for j in range(i + 1, end) if not records[j].blank and _clean(records[j].text) == text]
        if repeats:
            i = repeats[-1]
        title_lines, title_end = [text], i + 1
        start = first_of.get(head[k][0], head[k][0])  # the title's first line
        above = next((j for j in range(start - 1, -1, -1) if not records[j].blank), None)
        if above is not None and _agency_from_title(text, _YEAR_IN_TITLE.search(text)) is None:
            prev = _clean(records[above].text)
            if len(prev) <= 40 and "报告" not in prev:
                title_lines.insert(0, prev)
    title = "".join(title_lines) or None
    year: int | None = None
    year_source: str | None = None
    ym = _YEAR_IN_TITLE.search(title) if title else None
    if ym:
        year, year_source = _year_value(ym), "title"
    body = "\n".join(r.text for r in records[: end + 3])[:20000]
    pm = _PERIOD.search(body)
    period_year = int(pm.group("year")) if pm else None
    if year is None and period_year is not None:
        year, year_source = period_year, "period"
    if year is None:
        anyyear = _YEAR_IN_TITLE.search(body)
        if anyyear:
            year, year_source = _year_value(anyyear), "text"
    agency = _agency_from_title(title, ym) if title else None
    if agency:
        # [readers-html/pdf/docx engineer] minimal fix: a title naming only the district
        # (洪泽区人民政府) while the preamble names it in full (本报告由淮安市洪泽区人民政府办公室…):
        # take the full name when the preamble prefixes the title's name with a city/prefecture.
        prefix = _prefecture_before(body, agency)
        if prefix and not agency.startswith(prefix):
            agency = prefix + agency
    return Metadata(title, agency, year, year_source, title_end, period_year)


_PREFECTURE_END = "省市州盟"


def _prefecture_before(body: str, agency: str) -> str | None:
    """The ``X市`` of the first ``由X市<agency>`` in ``body`` (2 to 11 CJK characters ending with
    省/市/州/盟, the shortest first), as ``re.search(r"由([一-鿿]{1,10}?[省市州盟])" + agency)`` finds it,
    without compiling a pattern per agency."""
    at = body.find("由")
    while at >= 0:
        for end in range(at + 2, min(at + 13, len(body) + 1)):
            ch = body[end - 1]
            if not "\u4e00" <= ch <= "\u9fff":
                break
            if end > at + 2 and ch in _PREFECTURE_END and body.startswith(agency, end):
                return body[at + 1 : end]
        at = body.find("由", at + 1)
    return None


def _all_labels(layout: Layout) -> Iterable[str]:
    def walk(nodes: tuple[Node, ...]) -> Iterable[str]:
        for n in nodes:
            yield n.label
            yield from walk(n.children)

    for t in layout.tables:
        yield t.label
        yield from walk(t.rows)
        yield from walk(t.columns)


@cache
def _label_keys(layout: Layout) -> tuple[tuple[str, str, str], ...]:
    """Every table label of a layout with its key and its body (numbering stripped); cached per layout
    (layouts compare by identity and live as long as the registry)."""
    return tuple((label, label_key(label), split_numbering(label)[1]) for label in _all_labels(layout))


def variant_hints(
    records: Sequence[Record], layouts: Iterable[Layout], year: int | None, title: str | None
) -> VariantHints:
    """The official labels (verbatim, as the layouts spell them) that the document prints."""
    printed = {lab for rec in records for lab in rec.labels}
    keys = {label_key(lab) for lab in printed}
    keys.update(split_numbering(lab)[1] for lab in printed)
    found: set[str] = set()
    for layout in layouts:
        found.update(label for label, key, body in _label_keys(layout) if key in keys or body in keys)
    return VariantHints(year=year, labels=frozenset(found), title=title)


def choose_layout(registry: Any, hints: VariantHints) -> Layout:
    """The variant the registry's ``gd_choose_variant`` hook picks for these hints."""
    layout: Layout = registry.choose_variant(hints)
    return layout


def _requests_spec(layout: Layout) -> TableSpec | None:
    for t in layout.tables:
        if any(
            c.key == "natural_person" or any(g.key == "natural_person" for g in c.children) for c in t.columns
        ):
            return t
    return None


def _groups_with_children(nodes: tuple[Node, ...]) -> Iterable[Node]:
    for n in nodes:
        if n.children:
            if n.scope:
                yield n
            yield from _groups_with_children(n.children)


@frozen
class _GroupFacts:
    """A row group of a table, as :func:`detect_features` needs it."""

    body: str
    removable_bodies: tuple[str, ...]
    """Bodies of the children that a layout feature removes (（六）'s children)."""
    removed_by: frozenset[str]
    """The declared features removing them (empty: nothing to detect from this group)."""
    alternative: frozenset[str]
    """Every feature that removes some child of the group."""
    data_when: frozenset[str]


@frozen
class _TableFacts:
    groups: tuple[_GroupFacts, ...]
    child_bodies: frozenset[str]
    group_bodies: dict[str, _GroupFacts]
    group_of_child: dict[str, _GroupFacts]
    """A child row's label body → its group."""
    columns: tuple[tuple[frozenset[str], frozenset[str]], ...]
    """Column groups whose data depends on a declared feature: (header names, features)."""
    first_body: str
    row_bodies: frozenset[str] = frozenset()
    """The label bodies of every row (to find where the header ends when the first row's label
    is misprinted)."""


def _row_bodies(nodes: tuple[Node, ...]) -> Iterable[str]:
    for n in nodes:
        yield split_numbering(n.label)[1]
        yield from _row_bodies(n.children)


@cache
def _table_facts(layout: Layout) -> tuple[_TableFacts, ...]:
    """The tables of a layout that depend on a layout feature, reduced to label bodies (cached)."""
    declared = layout.feature_keys()
    out: list[_TableFacts] = []
    for spec in layout.tables:
        groups = list(_groups_with_children(spec.rows))
        col_groups = [c for c in _column_groups(spec.columns) if c.data_when & declared]
        if not any(g.data_when & declared for g in groups) and not col_groups:
            continue  # nothing in this table depends on a layout feature
        facts: list[_GroupFacts] = []
        for g in groups:
            removable = [c for c in g.children if c.excluded_by]
            alternative: set[str] = set()
            for c in g.children:
                alternative |= c.excluded_by
            facts.append(
                _GroupFacts(
                    body=split_numbering(g.label)[1],
                    removable_bodies=tuple(split_numbering(c.label)[1] for c in removable),
                    removed_by=frozenset(set().union(*(c.excluded_by for c in removable)) & declared),
                    alternative=frozenset(alternative),
                    data_when=g.data_when,
                )
            )
        group_bodies: dict[str, _GroupFacts] = {}
        group_of_child: dict[str, _GroupFacts] = {}
        for g, f in zip(groups, facts, strict=True):
            group_bodies[f.body] = f  # a later group with the same body wins, as in a dict display
            group_of_child.update((split_numbering(c.label)[1], f) for c in g.children)
        columns = tuple(
            (
                frozenset(
                    {label_key(a) for a in col.aliases} | {label_key(col.label + (col.subtotal_label or ""))}
                ),
                frozenset(col.data_when & declared),
            )
            for col in col_groups
        )
        out.append(
            _TableFacts(
                groups=tuple(facts),
                child_bodies=frozenset(split_numbering(c.label)[1] for grp in groups for c in grp.children),
                group_bodies=group_bodies,
                group_of_child=group_of_child,
                columns=columns,
                first_body=split_numbering(spec.rows[0].label)[1] if spec.rows else "",
                row_bodies=frozenset(_row_bodies(spec.rows)),
            )
        )
    return tuple(out)


def detect_features(records: Sequence[Record], layout: Layout) -> frozenset[str]:
    """The layout features this document prints (only features the layout declares)."""
    tables = _table_facts(layout)
    if not tables:
        return frozenset()
    declared = layout.feature_keys()
    features: set[str] = set()
    seg_keys: list[list[tuple[str | None, str]]] = [
        [split_numbering(lab) for lab in r.labels] for r in records
    ]
    bodies = {b for segs in seg_keys for _n, b in segs}
    joined = "".join(b for b in bodies)
    value_bodies = {b for r, segs in zip(records, seg_keys, strict=True) if r.values for _n, b in segs}
    for table in tables:
        for g in table.groups:
            if not g.removable_bodies or not g.removed_by:
                continue
            # [readers-html/pdf/docx engineer] minimal fix: a short child body such as 其他 (（六）3.其他)
            # also prints as a column header and inside 其他处理, so it only counts when a data row
            # (a record with values) prints it as its whole label body.
            child_seen = any(_child_printed(b, value_bodies, joined) for b in g.removable_bodies)
            if not child_seen and g.body in bodies:
                features |= g.removed_by
        # subtotal rows: a group label with values and no child label on that line, or a 小计 row
        for k, (rec, segs) in enumerate(zip(records, seg_keys, strict=True)):
            if not segs or segs[-1][1] in table.child_bodies:
                continue
            if not rec.values and not (segs[-1][1] == _SUBTOTAL_KEY and _numbers_follow(records, k)):
                continue  # a 小计 printed one cell per line has its numbers on the lines after it
            found = table.group_bodies.get(segs[-1][1])
            if found is None and segs[-1][1].endswith(_SUBTOTAL_KEY):  # glued: （三）不予公开小计
                found = table.group_bodies.get(segs[-1][1][: -len(_SUBTOTAL_KEY)])
            if found is None and segs[-1][1] == _SUBTOTAL_KEY and len(segs) >= 2:
                found = table.group_bodies.get(segs[-2][1])
            if found is None and segs[-1][1] == _SUBTOTAL_KEY:
                found = _group_below(table, seg_keys, k)
            if found is None or found.alternative & features:
                continue
            features |= (found.data_when - found.alternative) & declared
        # added columns (e.g. 法人或其他组织小计): a header cell naming the column's subtotal
        if table.columns:
            first_row = next(
                (i for i, segs in enumerate(seg_keys) if any(b == table.first_body for _n, b in segs)), None
            )
            if first_row is None:  # the first row's label misprinted (OCR): the first row read
                first_row = next(
                    (
                        i
                        for i, (rec, segs) in enumerate(zip(records, seg_keys, strict=True))
                        if rec.values and any(b in table.row_bodies for _n, b in segs)
                    ),
                    None,
                )
            head = records[:first_row] if first_row is not None else []
            for names, when in table.columns:
                for rec in head[-_HEADER_LINES:]:
                    if rec.values:
                        continue  # a row (a category 小计 row above a misprinted label), not a header
                    # header cells may be separated by single spaces (pdftotext -layout, w3m)
                    keys = {label_key(p) for x in rec.labels for p in (x, *x.split())}
                    if keys & names or _SUBTOTAL_KEY in keys:
                        features |= when
    return frozenset(features)


_HEADER_LINES = 16
"""How many lines above 表三's first row its header may take (one cell per line: one line a cell)."""


def _numbers_follow(records: Sequence[Record], k: int) -> bool:
    """Whether the next non-blank record after ``k`` prints numbers only (a row printed one cell per line)."""
    for rec in records[k + 1 : k + 8]:
        if not rec.blank:
            return bool(rec.values) and not rec.labels
    return False


def _group_below(
    table: _TableFacts, seg_keys: list[list[tuple[str | None, str]]], k: int
) -> _GroupFacts | None:
    """The group of the rows under a ``小计`` row printed without its group label (text whose vertical
    group label sits in the middle of the group): the group of the next labelled row, if a child
    (the row's numbers may come first, one per line)."""
    for segs in seg_keys[k + 1 : k + 4 + _HEADER_LINES]:
        if segs:
            return next((table.group_of_child[b] for _n, b in segs if b in table.group_of_child), None)
    return None


def _child_printed(body: str, value_bodies: set[str], joined: str) -> bool:
    """Whether a child row label is printed: long bodies by their first 8 characters anywhere,
    short ones (≤ 4 characters) only as the exact body of a data row's label."""
    if len(body) <= 4:
        return body in value_bodies
    return body[:8] in joined


def _column_groups(nodes: tuple[Node, ...]) -> Iterable[Node]:
    for n in nodes:
        if n.children:
            yield n
            yield from _column_groups(n.children)
