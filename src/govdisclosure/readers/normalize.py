"""Label normalisation and tolerant label matching, shared by every reader.

Printed labels differ from the template in many harmless ways: full- or half-width brackets
and digits, ``1、`` / ``1.`` / ``1．`` numbering, spaces inside a label, ``**`` bold marks,
curly or straight quotes, ``，`` vs ``、``, and the odd typo.  :func:`label_key` folds all of
these away; :func:`split_numbering` separates the numbering (``一、``, ``（三）``, ``2.``) from
the body; :class:`LabelIndex` matches printed text against the labels of a layout (exact key,
then aliases, then a small edit-distance tolerance, then prefixes of labels wrapped over lines).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from attrs import frozen

from ..cells import CellValue, parse_placeholder

__all__ = [
    "HAS_RADICAL",
    "RADICALS",
    "LabelIndex",
    "LabelMatch",
    "ParsedValue",
    "edit_distance",
    "label_key",
    "parse_value",
    "split_numbering",
]

# characters that never matter in a label: whitespace, markup, quotes and separators
_DROP = re.compile(r"[\s*_#`>\"'“”‘’「」『』、，,.．。:：;；·•・]+")
_OPEN = re.compile(r"[（(【\[〔［]")
_CLOSE = re.compile(r"[）)】\]〕］]")
_NUMERALS = "一二三四五六七八九十"
_NUMBERING = re.compile(
    r"^\s*(?:"
    r"(?P<zh>[一二三四五六七八九十]{1,3})\s*[、.．,，]"  # 一、
    r"|[（(【\[]\s*(?P<par>[一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)】\]]\s*[、.．]?"  # （一） (1)
    r"|(?P<dig>\d{1,2})\s*(?:[、.．,，](?!\d)|\s)"  # 1、 1. 1．
    r")"
)


_SIMPLIFIED_RADICALS = (
    "⺠民⻓长⻔门⻋车⻅见⻉贝⻢马⻬齐⻘青⻝食⻥鱼⻦鸟⻛风"  # the radical, then the ideograph it stands for
    "⻜飞⻩黄⻚页⻰龙⻄西⻆角⻣骨⻤鬼⻨麦⻮齿⻙韦⻗雨⺟母⻳龟"
)
RADICALS: dict[int, str] = {
    **{cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)},  # Kangxi radicals
    **{ord(a): b for a, b in zip(_SIMPLIFIED_RADICALS[::2], _SIMPLIFIED_RADICALS[1::2], strict=True)},
}
"""``str.translate`` table: radical code points → the ideographs they stand for.  A PDF's font
often maps the glyphs of common characters to the Kangxi radicals (U+2F00…) or the radicals
supplement (U+2E80…): its text then reads ``⼀、总体情况``, ``⼈⺠政府``, ``⾏政复议`` for
``一、总体情况``, ``人民政府``, ``行政复议``.  The printed characters are the ideographs; only the
text layer names them otherwise."""
HAS_RADICAL = re.compile("[\u2e80-\u2fdf]")
"""Text that holds a radical code point (then :data:`RADICALS` applies)."""


def _fold(text: str) -> str:
    """NFKC (full-width digits/brackets to half-width) and the other width/markup folding."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """The comparison key of a printed label: folded, no spaces, markup, quotes or separators.

    ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）`` and
    ``(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)`` have the same key.
    """
    t = _fold(text)
    t = _OPEN.sub("(", t)
    t = _CLOSE.sub(")", t)
    return _DROP.sub("", t)


@lru_cache(maxsize=65536)
def split_numbering(text: str) -> tuple[str | None, str]:
    """``（三）不予公开`` → ``("三", key of 不予公开)``; ``2.重复申请`` → ``("2", key of 重复申请)``.

    The numbering is returned as printed (Chinese numeral or Arabic digits, brackets dropped);
    the body is a :func:`label_key`.  Labels without numbering give ``(None, key)``.
    """
    folded = _fold(text).replace("*", "")
    m = _NUMBERING.match(folded)
    if not m:
        return None, label_key(folded)
    num = m.group("zh") or m.group("par") or m.group("dig")
    return num, label_key(folded[m.end() :])


def numbering_kind(num: str | None) -> str:
    """``zh`` (一、), ``digit`` (1.) or ``none``."""
    if num is None:
        return "none"
    return "digit" if num.isdigit() else "zh"


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` as soon as it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def tolerance(length: int) -> int:
    """How many edits a label body of this length may differ by (0 for short labels)."""
    if length < 6:
        return 0
    return 1 if length < 12 else 2


@frozen
class LabelMatch:
    """A printed text matched to a label: its owner and how (``exact``/``alias``/``fuzzy``/``prefix``)."""

    owner: str
    how: str
    distance: int = 0


_SHORT_BODY = 2
"""A label body this short (``其他``) matches only under its own numbering, when one is printed."""


class LabelIndex:
    """Match printed text against a set of labels (each with aliases) owned by keys.

    ``owner`` is whatever the caller uses to identify a label (a row path, a column key, a
    section key).  Matching compares bodies (numbering stripped); a numbering that disagrees with
    the label's kind of numbering is still accepted, since reports renumber freely — except for a
    body of :data:`_SHORT_BODY` characters (``3.其他``), which another number makes another label.
    """

    def __init__(self, labels: Iterable[tuple[str, Iterable[str]]], *, allow_prefix: bool = True) -> None:
        self._exact: dict[str, str] = {}
        self._alias: dict[str, str] = {}
        self._bodies: list[tuple[str, str]] = []
        self._by_length: dict[int, list[tuple[int, str, str, frozenset[str], int]]] = {}
        """Body length → (position in ``_bodies``, body, owner, its characters, its tolerance)."""
        self._numbered: list[tuple[str, str, str]] = []
        """(numbering, body, owner) of every numbered label (``1``, ``属于国家秘密``, …)."""
        self._numbers: dict[str, str] = {}
        """A short body (``其他``) → the numbering of the label it belongs to (``3``)."""
        self._memo: dict[str, LabelMatch | None] = {}
        self._prefix_memo: dict[str, LabelMatch | None] = {}
        self.allow_prefix = allow_prefix
        for owner, texts in labels:
            for i, text in enumerate(texts):
                _num, body = split_numbering(text)
                if not body:
                    continue
                table = self._exact if i == 0 else self._alias
                table.setdefault(body, owner)
                if len(body) <= _SHORT_BODY and _num is not None:
                    self._numbers.setdefault(body, _num)
                self._by_length.setdefault(len(body), []).append(
                    (len(self._bodies), body, owner, frozenset(body), tolerance(len(body)))
                )
                self._bodies.append((body, owner))
                if _num is not None:
                    self._numbered.append((_num, body, owner))

    def match(self, text: str) -> LabelMatch | None:
        """The label ``text`` is (exactly, via an alias, or within the edit tolerance), if any."""
        try:
            return self._memo[text]
        except KeyError:
            pass
        found = self._match(text)
        if len(self._memo) > 8192:
            self._memo.clear()
        self._memo[text] = found
        return found

    def _match(self, text: str) -> LabelMatch | None:
        num, body = split_numbering(text)
        if not body:
            return None
        if num is not None and self._numbers.get(body, num) != num:
            # a short body under another number (``2.其他`` of a wrapped ``2.其他法律行政法规禁止公开``)
            # is the start of another label, not ``3.其他``
            return None
        owner = self._exact.get(body)
        if owner is not None:
            return LabelMatch(owner, "exact")
        owner = self._alias.get(body)
        if owner is not None:
            return LabelMatch(owner, "alias")
        limit = tolerance(len(body))
        if limit == 0 or len(body) > 80:
            return None
        best: tuple[int, int, str] | None = None  # (distance, position, owner): the first closest label
        chars = frozenset(body)
        n = len(body)
        for length in range(n - limit, n + limit + 1):
            for at, cand, own, cand_chars, cand_tolerance in self._by_length.get(length, ()):
                lim = min(limit, cand_tolerance)
                # each edit brings in at most one character the label lacks: a cheap lower bound
                if lim == 0 or abs(length - n) > lim or len(chars - cand_chars) > lim:
                    continue
                d = edit_distance(body, cand, lim)
                if d <= lim and (best is None or (d, at) < best[:2]):
                    best = (d, at, own)
        return LabelMatch(best[2], "fuzzy", best[0]) if best is not None else None

    def match_prefix(self, text: str) -> LabelMatch | None:
        """The label that ``text`` is the beginning of (a label wrapped over several lines)."""
        if not self.allow_prefix:
            return None
        try:
            return self._prefix_memo[text]
        except KeyError:
            pass
        found = self._match_prefix(text)
        if len(self._prefix_memo) > 8192:
            self._prefix_memo.clear()
        self._prefix_memo[text] = found
        return found

    def _match_prefix(self, text: str) -> LabelMatch | None:
        num, body = split_numbering(text)
        if num is not None and 1 <= len(body) < 4:
            # a numbered label cut short by a narrow column (``1.属于`` over ``国家秘`` / ``密``): the
            # one label of that number it begins
            owners = {own for n, cand, own in self._numbered if n == num and cand.startswith(body)}
            return LabelMatch(owners.pop(), "prefix") if len(owners) == 1 else None
        if len(body) < 4 or len(body) > 80:
            return None
        found: str | None = None
        for cand, own in self._bodies:
            if len(cand) > len(body) and cand.startswith(body):
                if found is not None and found != own:
                    return None
                found = own
        return LabelMatch(found, "prefix") if found is not None else None

    def owners_containing(self, text: str) -> set[str]:
        """Owners whose label body contains ``text`` (a continuation fragment of a wrapped label)."""
        body = label_key(text)
        if len(body) < 2:
            return set()
        return {own for cand, own in self._bodies if body in cand and body != cand}


@frozen
class ParsedValue:
    """A value cell as read: the value, the annotation printed after it, the raw text."""

    value: CellValue
    annotation: str | None
    raw: str


_NUMBER = re.compile(
    r"^(?P<sign>[+\-−])?(?P<num>\d{1,3}(?:[,，]\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"\s*(?:件|万元|元|个|项|条|宗|次|笔)?\s*(?P<note>[(（].*[)）])?$"
)


_ZERO_WORDS = frozenset({"零", "〇"})


@lru_cache(maxsize=16384)
def parse_value(text: str, *, signed: bool = False) -> ParsedValue | None:
    """Parse a printed value cell, or ``None`` if ``text`` is not one.

    ``"22（其中修订16件）"`` → 22 with annotation ``（其中修订16件）``; ``"1,234"`` → 1234;
    ``"０"`` and ``"零"`` → 0; ``"0.04"`` → ``Decimal("0.04")``; ``"-"`` / ``"/"`` / ``"—"`` /
    ``"无"`` → the :class:`~govdisclosure.cells.Placeholder`.  A blank cell is not a value (``None``).
    """
    raw = text
    t = text.strip().replace("*", "").strip()
    if not t:
        return None
    ph = parse_placeholder(t)
    if ph is not None:
        return ParsedValue(ph, None, raw)
    if t in _ZERO_WORDS:
        return ParsedValue(0, None, raw)  # the numeral zero written out (零): a number, not a mark
    folded = unicodedata.normalize("NFKC", t)
    if len(folded) > 200:
        return None
    m = _NUMBER.match(folded)
    if not m:
        return None
    if m.group("sign") and not signed and m.group("sign") != "+":
        return None
    digits = m.group("num").replace(",", "").replace("，", "")
    note = m.group("note")
    annotation: str | None = None
    if note:
        # keep the annotation as printed (the original, unfolded brackets)
        idxs = [i for i in (t.find("（"), t.find("(")) if i >= 0]
        annotation = t[min(idxs) :] if idxs else note
    value: CellValue
    if m.group("frac"):
        try:
            value = Decimal(digits + m.group("frac"))
        except InvalidOperation:  # pragma: no cover - the regex only lets digits through
            return None
    else:
        value = int(digits)
    if m.group("sign") in ("-", "−"):
        value = -value
    return ParsedValue(value, annotation, raw)


def chinese_numeral(index: int) -> str:
    """1 → 一 … 10 → 十 (section and group numbering)."""
    return _NUMERALS[index - 1] if 1 <= index <= len(_NUMERALS) else str(index)
