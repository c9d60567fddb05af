"""Numbers stated in the prose of sections 一, 三 and 四, and what the tables say they should be.

:func:`text_claims` scans the text sentence by sentence and returns :class:`Claim` objects: the
matched words, the stated number, and the table values it may stand for (``受理…件`` may mean
本年新收 or 本年新收 + 上年结转 — both are candidates and the claim says which one matched).
Words are taken from the layout's labels where the layout has them (``予以公开`` is the core of
the label ``（一）予以公开``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from attrs import frozen

from ..cells import Placeholder, numeric_sum
from ..layout import CellRef, ResolvedLayout
from ..relations import expand
from .labels import label_core

if TYPE_CHECKING:
    from .engine import RuleContext

__all__ = [
    "Candidate",
    "Claim",
    "cells_total",
    "has_stated_count",
    "join_lines",
    "joined_text",
    "joined_texts",
    "legal_columns",
    "percent_ok",
    "row_total",
    "sentences",
    "sentences_containing",
    "sentences_with",
    "split_sentences",
    "text_claims",
]

TEXT_SECTIONS = ("overview", "requests", "appeals")
_SENTENCE = re.compile(r"[^。；;！!？?]+")
"""A sentence (reference definition; :func:`split_sentences` splits the same way, faster)."""
_BREAK = re.compile(r"\s*\n\s*")
"""A line break and the white space around it (reference definition; see :func:`join_lines`)."""
_GAP = r"[^，,。；;\d]{0,%d}?"
_N = r"(\d+)\s*件"
STATED = re.compile(r"\d\s*件")
"""A stated count (``3件``, ``3 件``): every claim pattern contains one."""
NOT_REQUESTS = re.compile(r"问政|信访|咨询|留言|来电|热线|诉求|建议|提案|投诉")
_PCT = re.compile(
    r"(\d+)\s*件\s*(?:[（(]\s*(?:占比?|占总数的?)?\s*(\d+(?:\.\d+)?)\s*[%％]\s*[）)]"
    r"|[，,]\s*占(?:比|总数的?|总量的?)?\s*(\d+(?:\.\d+)?)\s*[%％])"
)

_NEW = re.compile("新收" + _GAP % 24 + _N)
_CARRIED = re.compile("(?:上年度?|上一年度?|去年)" + _GAP % 4 + "结转" + _GAP % 20 + _N)
_RECEIVED = re.compile("(?:收到|受理|接收|接到)" + _GAP % 24 + _N)
_PROCESSED = re.compile("(?:办结|答复|办理完毕|处理完毕)" + _GAP % 16 + _N)
_FORWARD = re.compile(
    "(?:结转(?:至|到)?下一?年度?|转入下一?年度?|顺延(?:至|到)?下一?年度?|结转(?:至|到)?\\d{4}\\s*年)"
    + _GAP % 16
    + _N
)
_FORWARD_AFTER = re.compile(_N + _GAP % 10 + "(?:结转|顺延|转入)(?:至|到)?下一?年")
_NATURAL = re.compile("自然人" + _GAP % 10 + _N)
_LEGAL = re.compile("法人(?:或|和|及)?其他组织" + _GAP % 10 + _N)
_REVIEW = re.compile("行政复议" + _GAP % 12 + _N)
_LAWSUIT = re.compile("行政诉讼" + _GAP % 12 + _N)
NO_REQUESTS = re.compile(r"(?:未|没有|无)(?:收到|受理|接到)[^。；;\d，,]{0,40}申请")
APPEALS_WORDS = re.compile(r"复议|诉讼")
"""A statement about 行政复议/行政诉讼 is never one about the applications of 表三."""
ALL_DONE = re.compile(
    r"(?:均已|已全部|全部|均)(?:按时|依法|按期|及时)?(?:办结|办理完毕|办理完成|处理完毕|答复)"
)


@frozen(kw_only=True)
class Candidate:
    """One table value a stated number may stand for."""

    name_zh: str
    name_en: str
    value: int | Decimal | None
    cells: tuple[CellRef, ...]


@frozen(kw_only=True)
class Claim:
    """A number stated in the text and the table values it may stand for."""

    kind: str
    section: str
    sentence: str
    matched: str
    stated: int
    candidates: tuple[Candidate, ...]
    percent: Decimal | None = None

    @property
    def match(self) -> Candidate | None:
        """The first candidate equal to the stated number."""
        return next((c for c in self.candidates if c.value is not None and c.value == self.stated), None)

    @property
    def reading(self) -> Candidate | None:
        """The candidate agreeing with the text: :attr:`match`, or for a percentage its base."""
        if self.percent is None:
            return self.match
        pct, n = self.percent, self.stated
        return next((c for c in self.candidates if c.value is not None and percent_ok(n, pct, c.value)), None)

    @property
    def assessable(self) -> bool:
        """Whether the table values needed to judge the claim are printed."""
        if self.percent is not None:
            return any(c.value is not None for c in self.candidates)
        return self.match is not None or all(c.value is not None for c in self.candidates)

    @property
    def agrees(self) -> bool | None:
        """Whether the stated number agrees with the table (``None``: not assessable)."""
        if self.reading is not None:
            return True
        return False if self.assessable else None


def percent_ok(stated: int, percent: Decimal, base: int | Decimal) -> bool:
    """Whether ``percent`` (as printed) is ``stated / base × 100`` rounded or truncated to its decimals."""
    if base == 0:
        return False
    exponent = percent.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    unit = Decimal(1).scaleb(-places)
    exact = Decimal(stated) * 100 / Decimal(base)
    return abs(exact - percent) <= unit


def _number(ctx: RuleContext, ref: CellRef) -> int | Decimal | None:
    v = ctx.value(ref)
    return None if v is None or isinstance(v, Placeholder) else v


def cells_total(
    ctx: RuleContext, refs: tuple[CellRef, ...]
) -> tuple[int | Decimal | None, tuple[CellRef, ...]]:
    """The sum of the cells ``refs`` (``None`` when one of them is not a printed number)."""
    return _sum(*((_number(ctx, r), (r,)) for r in refs))


def row_total(ctx: RuleContext, table: str, row: str) -> tuple[int | Decimal | None, tuple[CellRef, ...]]:
    """The row's 总计 cell, or the sum of its other columns when 总计 was not printed (once per context)."""
    key = ("row total", table, row)
    found: tuple[int | Decimal | None, tuple[CellRef, ...]] | None = ctx.cache.get(key)
    if found is None:
        found = ctx.cache[key] = _row_total(ctx, table, row)
    return found


class _RowTotalPlan(NamedTuple):
    """Where a row's total is read from (it depends on the layout only)."""

    has_row: bool
    total: CellRef | None
    total_index: int | None
    parts: tuple[CellRef, ...]
    part_indexes: tuple[int | None, ...]


def _row_total_plan(ctx: RuleContext, table: str, row: str) -> _RowTotalPlan:
    key = ("row total", table, row)
    found: _RowTotalPlan | None = ctx.plan.memo.get(key)
    if found is None:
        found = ctx.plan.memo[key] = _make_row_total_plan(ctx.resolved, table, row)
    return found


def _make_row_total_plan(resolved: ResolvedLayout, table: str, row: str) -> _RowTotalPlan:
    t = resolved.table(table)
    if row not in t.row_paths:
        return _RowTotalPlan(False, None, None, (), ())
    index = resolved.index
    total = CellRef(table, row, "total") if "total" in t.column_keys else None
    parts = list(expand(t, "column", "natural_person", resolved.features))
    parts += expand(t, "column", "legal_entity", resolved.features)
    if table != "requests":
        parts = [c for c in t.column_keys if c != "total"]
    refs = tuple(CellRef(table, row, c) for c in parts)
    return _RowTotalPlan(
        True,
        total,
        None if total is None else index.get(total),
        refs,
        tuple(index.get(r) for r in refs),
    )


def _row_total(ctx: RuleContext, table: str, row: str) -> tuple[int | Decimal | None, tuple[CellRef, ...]]:
    plan = _row_total_plan(ctx, table, row)
    if not plan.has_row:
        return None, ()
    values = ctx.report.cells
    if plan.total is not None:
        i = plan.total_index
        v = None if i is None else values[i]
        if v is not None and not isinstance(v, Placeholder):
            return v, (plan.total,)
    refs = plan.parts
    vals = [None if i is None else values[i] for i in plan.part_indexes]
    if not refs or any(x is None or isinstance(x, Placeholder) for x in vals):
        return None, refs
    return numeric_sum(vals), refs


def _sum(
    *items: tuple[int | Decimal | None, tuple[CellRef, ...]],
) -> tuple[int | Decimal | None, tuple[CellRef, ...]]:
    cells = tuple(c for _, cs in items for c in cs)
    if any(v is None for v, _ in items):
        return None, cells
    return numeric_sum(v for v, _ in items), cells


def _cand(zh: str, en: str, vc: tuple[int | Decimal | None, tuple[CellRef, ...]]) -> Candidate:
    return Candidate(name_zh=zh, name_en=en, value=vc[0], cells=vc[1])


_GROUPS: dict[int, tuple[Any, list[tuple[str, str, list[str], re.Pattern[str]]]]] = {}


def _outcome_groups(ctx: RuleContext) -> list[tuple[str, str, list[str], re.Pattern[str]]]:
    """(word, row path, data rows, pattern) for each outcome group （一）–（六） (cached per layout)."""
    hit = _GROUPS.get(id(ctx.resolved))
    if hit is not None and hit[0] is ctx.resolved:
        return hit[1]
    t = ctx.resolved.table("requests")
    out = []
    for path, node in t.row_nodes.items():
        if path == "total" or "." in path or path not in t.all_row_paths:
            continue
        if path in ("received", "carried_over", "carried_forward") or not node.scope:
            continue
        rows = expand(t, "row", path, ctx.resolved.features)
        if rows:
            word = label_core(node.label)
            out.append((word, path, rows, re.compile(re.escape(word) + _OUTCOME_GAP + _N)))
    _GROUPS[id(ctx.resolved)] = (ctx.resolved, out)
    return out


_JOINED: dict[int, tuple[Any, re.Pattern[str]]] = {}
_OUTCOME_GAP = r"[^，,。；;\d等]{0,6}?"
"""Between an outcome word and its count; ``予以公开、部分公开等方式办理N件`` names some outcomes of N
(等), so 等 ends the gap and no count is claimed for them."""
_JOINERS = r"\s*(?:以及|及|和|与|、|或)\s*"
_JOINER_CHARS = frozenset("以及和与、或")


def _joined_outcomes(ctx: RuleContext) -> re.Pattern[str]:
    """Outcome words joined into one stated count (``予以公开及部分公开258件``: （一）+（二）), so
    that neither word alone is read as stating the whole number (cached per layout)."""
    hit = _JOINED.get(id(ctx.resolved))
    if hit is not None and hit[0] is ctx.resolved:
        return hit[1]
    words = "|".join(re.escape(w) for w, _p, _r, _m in sorted(_outcome_groups(ctx), key=lambda g: -len(g[0])))
    pattern = re.compile(f"(?:{words})(?:{_JOINERS}(?:{words}))+" + _OUTCOME_GAP + _N)
    _JOINED[id(ctx.resolved)] = (ctx.resolved, pattern)
    return pattern


def legal_columns(ctx: RuleContext) -> list[str]:
    """The 表三 columns of 法人或其他组织 in the report's layout (the subtotal column too, when printed)."""
    return _legal_columns_of(ctx.resolved)


@cache
def _legal_columns_of(resolved: ResolvedLayout) -> list[str]:
    return expand(resolved.table("requests"), "column", "legal_entity", resolved.features)


def join_lines(text: str) -> str:
    """``text`` without its line breaks and the white space around them (``_BREAK.sub("", text)``).

    A maximal run of white space that holds a line break is removed; other white space is kept.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    return "".join([lines[0].rstrip(), *(line.strip() for line in lines[1:-1]), lines[-1].lstrip()])


_OTHER_STOPS = tuple(c for c in "。；;！!？?" if c != "。")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (the stripped, non-empty runs between ``。；;！!？?``)."""
    for stop in _OTHER_STOPS:
        if stop in text:
            text = text.replace(stop, "。")
    return [s for s in map(str.strip, text.split("。")) if s]


def sentences(ctx: RuleContext) -> tuple[tuple[str, str], ...]:
    """(section key, sentence) of the prose of 一/三/四, line breaks inside sentences removed (cached)."""
    cached: tuple[tuple[str, str], ...] | None = ctx.cache.get("sentences")
    if cached is None:
        out: list[tuple[str, str]] = []
        for key, text in joined_texts(ctx):
            out.extend((key, s) for s in split_sentences(text))
        cached = tuple(out)
        ctx.cache["sentences"] = cached
    return cached


def joined_texts(ctx: RuleContext) -> tuple[tuple[str, str], ...]:
    """(section key, text) of 一/三/四 with the line breaks removed (:func:`join_lines`; cached).

    A line or page break inside a sentence is common in extracted text (``法\\n\\n人或其他组织``).
    """
    return tuple((key, joined_text(ctx, key)) for key in TEXT_SECTIONS)


def joined_text(ctx: RuleContext, key: str) -> str:
    """The text of one section with the line breaks removed (:func:`join_lines`; cached)."""
    cache_key = ("joined text", key)
    text: str | None = ctx.cache.get(cache_key)
    if text is None:
        text = ctx.cache[cache_key] = join_lines(ctx.section_text(key))
    return text


_STOP = "。"


def _with_full_stops(text: str) -> str:
    """``text`` with every sentence stop written ``。`` (as :func:`split_sentences` splits)."""
    for stop in _OTHER_STOPS:
        if stop in text:
            text = text.replace(stop, _STOP)
    return text


def sentences_with(ctx: RuleContext, word: str) -> tuple[tuple[str, str], ...]:
    """The (section key, sentence) of :func:`sentences` that contain ``word``, in order (cached).

    Only the sentences around the occurrences of ``word`` are cut out; ``word`` must not contain
    a sentence stop.
    """
    key = ("sentences with", word)
    cached: tuple[tuple[str, str], ...] | None = ctx.cache.get(key)
    if cached is not None:
        return cached
    every: tuple[tuple[str, str], ...] | None = ctx.cache.get("sentences")
    if every is not None:
        cached = tuple((k, s) for k, s in every if word in s)
    else:
        out: list[tuple[str, str]] = []
        first = word[0]
        for section in TEXT_SECTIONS:
            # joining lines only removes white space: a text without the word's first character
            # never contains the word
            raw = ctx.section_text(section)
            if first in raw:
                out.extend((section, s) for s in _sentences_around(raw, word))
        cached = tuple(out)
    ctx.cache[key] = cached
    return cached


def sentences_containing(text: str, word: str) -> list[str]:
    """The sentences of :func:`split_sentences` (``text``) that contain ``word`` (which has no stop)."""
    text = _with_full_stops(text)
    out: list[str] = []
    pos = text.find(word)
    while pos != -1:
        start = text.rfind(_STOP, 0, pos) + 1
        end = text.find(_STOP, pos)
        if end == -1:
            end = len(text)
        out.append(text[start:end].strip())
        pos = text.find(word, end)
    return out


def _sentences_around(raw: str, word: str) -> list[str]:
    """The sentences of ``split_sentences(join_lines(raw))`` that contain ``word`` (which has no stop).

    Joining lines removes white space only, never a stop, so the sentences are the runs between
    stops of ``raw``, each joined and stripped on its own; only the runs holding the word's first
    character can contain the word.
    """
    text = _with_full_stops(raw)
    first = word[0]
    out: list[str] = []
    pos = text.find(first)
    while pos != -1:
        start = text.rfind(_STOP, 0, pos) + 1
        end = text.find(_STOP, pos)
        if end == -1:
            end = len(text)
        sentence = join_lines(text[start:end]).strip()
        if word in sentence:
            out.append(sentence)
        pos = text.find(first, end)
    return out


def has_stated_count(text: str) -> bool:
    """Whether ``STATED`` (a digit, white space, ``件``) occurs in ``text`` (found from each ``件``)."""
    pos = text.find("件")
    while pos != -1:
        k = pos
        while k and text[k - 1].isspace():
            k -= 1
        if k and text[k - 1].isdecimal():
            return True
        pos = text.find("件", pos + 1)
    return False


def _breakdown_part(sentence: str, start: int) -> bool:
    """Whether the statement at ``start`` is a part of a total stated before it, not a total:
    its clause opens with 其中 (``办结2件，其中公开答复1件``), or the word is 公开答复 (an outcome)."""
    if sentence.startswith("公开", max(0, start - 2)):
        return True
    clause = max(sentence.rfind("，", 0, start), sentence.rfind(",", 0, start)) + 1
    return sentence[clause:start].lstrip().startswith("其中")


def _claims(ctx: RuleContext) -> Iterator[Claim]:
    # every statement below states "N件": only the sentences that have one are read
    # joining lines only removes white space, which \s* matches: the joined texts state a count
    # exactly when the texts do
    if not any(has_stated_count(ctx.section_text(key)) for key in TEXT_SECTIONS):
        return
    stating = [(key, s) for key, s in sentences_with(ctx, "件") if has_stated_count(s)]
    new = row_total(ctx, "requests", "received")
    co = row_total(ctx, "requests", "carried_over")
    total = row_total(ctx, "requests", "total")
    fwd = row_total(ctx, "requests", "carried_forward")
    new_c = _cand("本年新收", "new applications", new)
    both_c = _cand("本年新收 + 上年结转", "new + carried over", _sum(new, co))
    groups = _outcome_groups(ctx)
    legal = legal_columns(ctx)

    def cells_row(row: str, cols: list[str]) -> tuple[int | Decimal | None, tuple[CellRef, ...]]:
        return cells_total(ctx, tuple(CellRef("requests", row, c) for c in cols))

    has_appeals = "appeals" in ctx.plan.table_keys
    for key, s in stating:

        def claim(
            kind: str, m: re.Match[str], *cands: Candidate, n: int = 1, _s: str = s, _k: str = key
        ) -> Claim:
            return Claim(
                kind=kind,
                section=_k,
                sentence=_s,
                matched=m.group(0),
                stated=int(m.group(n)),
                candidates=cands,
            )

        about_requests = "申请" in s and not NOT_REQUESTS.search(s)
        for m in _NEW.finditer(s) if "新收" in s else ():
            yield claim("new_received", m, new_c)
        for m in _CARRIED.finditer(s) if "结转" in s else ():
            yield claim("carried_over", m, _cand("上年结转", "carried over", co))
        if about_requests:
            for m in _RECEIVED.finditer(s):
                if "新收" not in m.group(0) and not APPEALS_WORDS.search(m.group(0)):
                    yield claim("received", m, new_c, both_c)
            for m in _PROCESSED.finditer(s):
                if APPEALS_WORDS.search(m.group(0)) or _breakdown_part(s, m.start()):
                    continue
                yield claim("processed", m, _cand("办理结果总计", "outcomes total", total))
        forward = "结转" in s or "顺延" in s or "转入" in s
        for m in [*_FORWARD.finditer(s), *_FORWARD_AFTER.finditer(s)] if forward else ():
            yield claim("carried_forward", m, _cand("结转下年度", "carried forward", fwd))
        joined = list(_joined_outcomes(ctx).finditer(s)) if _JOINER_CHARS.intersection(s) else []
        for m in joined:
            parts = [(word, path, rows) for word, path, rows, _p in groups if word in m.group(0)]
            vc = _sum(*(row_total(ctx, "requests", r) for _w, _p, rows in parts for r in rows))
            zh, en = " + ".join(w for w, _p, _r in parts), " + ".join(p for _w, p, _r in parts)
            yield claim("outcome", m, _cand(zh, en, vc))
        for word, path, rows, pattern in groups:
            for m in pattern.finditer(s) if word in s else ():
                if any(j.start() <= m.start() < j.end() for j in joined):
                    continue  # part of a joined statement (予以公开及部分公开258件)
                vc = _sum(*(row_total(ctx, "requests", r) for r in rows))
                yield claim("outcome", m, _cand(word, path, vc))
        if about_requests or "自然人" in s:
            for m in _NATURAL.finditer(s):
                if APPEALS_WORDS.search(m.group(0)):
                    continue
                yield claim(
                    "applicants",
                    m,
                    _cand(
                        "本年新收 自然人", "new, natural persons", cells_row("received", ["natural_person"])
                    ),
                    _cand(
                        "新收 + 结转 自然人",
                        "new + carried over, natural persons",
                        _sum(
                            cells_row("received", ["natural_person"]),
                            cells_row("carried_over", ["natural_person"]),
                        ),
                    ),
                )
            for m in _LEGAL.finditer(s):
                if APPEALS_WORDS.search(m.group(0)):
                    continue
                yield claim(
                    "applicants",
                    m,
                    _cand("本年新收 法人或其他组织", "new, legal entities", cells_row("received", legal)),
                    _cand(
                        "新收 + 结转 法人或其他组织",
                        "new + carried over, legal entities",
                        _sum(cells_row("received", legal), cells_row("carried_over", legal)),
                    ),
                )
        for m in _PCT.finditer(s) if "%" in s or "％" in s else ():
            pct = Decimal(m.group(2) or m.group(3))
            yield Claim(
                kind="percentage",
                section=key,
                sentence=s,
                matched=m.group(0),
                stated=int(m.group(1)),
                percent=pct,
                candidates=(_cand("办理结果总计", "outcomes total", total), new_c, both_c),
            )
        if has_appeals and ("行政复议" in s or "行政诉讼" in s):
            yield from _appeal_claims(ctx, key, s)


def _appeal_claims(ctx: RuleContext, key: str, s: str) -> Iterator[Claim]:
    t = ctx.resolved.table("appeals")
    rows = list(t.row_paths)
    review = [r for r in rows if r == "review"]
    lawsuits = [r for r in rows if r != "review"]
    cols = [c for c in t.column_keys if c != "total"]

    def block(rs: list[str], col: str | None) -> tuple[int | Decimal | None, tuple[CellRef, ...]]:
        if col is None:
            return _sum(*(row_total(ctx, "appeals", r) for r in rs))
        return _sum(*((_number(ctx, CellRef("appeals", r, col)), (CellRef("appeals", r, col),)) for r in rs))

    marks = sorted(
        [(m.start(), "review", m) for m in _REVIEW.finditer(s)]
        + [(m.start(), "lawsuit", m) for m in _LAWSUIT.finditer(s)],
        key=lambda x: x[0],
    )
    # candidate names from the layout's labels: 表四, 行政复议, 行政诉讼 (the lawsuit group), 总计
    review_label, lawsuit_label = t.row_nodes["review"].label, t.row_nodes["lawsuit"].label
    total_label = t.column_nodes["total"].label
    for i, (_, which, m) in enumerate(marks):
        rs = review if which == "review" else lawsuits
        name = review_label if which == "review" else lawsuit_label
        if which == "review" and "诉讼" in m.group(0):
            rs, name = rows, f"{review_label}和{lawsuit_label}"
        yield Claim(
            kind="appeals",
            section=key,
            sentence=s,
            matched=m.group(0),
            stated=int(m.group(1)),
            candidates=(_cand(f"{t.spec.number_zh} {name} {total_label}", f"{name} total", block(rs, None)),),
        )
        end = marks[i + 1][0] if i + 1 < len(marks) else len(s)
        segment = s[m.end() : end]
        for col, label, pattern in _appeal_patterns(t, cols):
            for sm in pattern.finditer(segment):
                yield Claim(
                    kind="appeals",
                    section=key,
                    sentence=s,
                    matched=sm.group(0),
                    stated=int(sm.group(1)),
                    candidates=(
                        _cand(f"{t.spec.number_zh} {name} {label}", f"{name} {col}", block(rs, col)),
                    ),
                )


_APPEAL_PATTERNS: dict[tuple[str, ...], list[tuple[str, str, re.Pattern[str]]]] = {}


def _appeal_patterns(t: Any, cols: list[str]) -> list[tuple[str, str, re.Pattern[str]]]:
    """(column, label, pattern) for the 表四 result columns; ``结果维持`` is also written ``维持``."""
    labels = tuple(t.column_nodes[c].label for c in cols)
    key = (*cols, *labels)
    if key not in _APPEAL_PATTERNS:
        out = []
        for col, label in zip(cols, labels, strict=True):
            words = sorted({label, label.removeprefix("结果")}, key=len, reverse=True)
            out.append(
                (col, label, re.compile("(?:" + "|".join(map(re.escape, words)) + ")" + _GAP % 4 + _N))
            )
        _APPEAL_PATTERNS[key] = out
    return _APPEAL_PATTERNS[key]


def text_claims(ctx: RuleContext) -> tuple[Claim, ...]:
    """Every number the prose of 一/三/四 states, with its candidates (computed once per context)."""
    cached: tuple[Claim, ...] | None = ctx.cache.get("text_claims")
    if cached is None:
        cached = tuple(_claims(ctx)) if "requests" in ctx.plan.table_keys else ()
        ctx.cache["text_claims"] = cached
    return cached
