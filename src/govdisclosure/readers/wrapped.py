"""Numbers a narrow column wrapped over several lines (PDF text of a table whose cells are too narrow).

``pdftotext -layout`` of a 表四 printed in 15 narrow columns::

    3 4 3 9 4 1 9 3 5 2 4 3 8 2 7
    1 5 8 6 9 2   1 7 2 1     2 4
    2       1 8       5

The first line looks like fifteen one-digit numbers, but the lines under it continue them: each
digit below belongs to the number printed in its column (312, 45, 38, 96, 491 …).  Where the text
keeps the columns (the digits below sit exactly under a number of the first line) the numbers are
joined column by column; otherwise where each number ends is lost.  The caller checks the joined
numbers against the table's relations before using them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from unicodedata import east_asian_width

from .records import Record

__all__ = ["continuation_lines", "join_wrapped", "wrapped_start"]

_DIGITS = re.compile(r"\d+")


def _columns(text: str) -> list[tuple[int, str]]:
    """``(display column, digits)`` of every run of digits in a line (a wide character takes two)."""
    out: list[tuple[int, str]] = []
    width = 0
    last = 0
    for m in _DIGITS.finditer(text):
        width += sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text[last : m.start()])
        out.append((width, m.group()))
        width += len(m.group())
        last = m.end()
    return out


def continuation_lines(records: Sequence[Record], after: int) -> list[Record]:
    """The lines right under record ``after`` that print digits only (no label, no blank line between)."""
    out: list[Record] = []
    for rec in records[after + 1 :]:
        if rec.blank or rec.labels or not rec.values or not all(v.raw.isdigit() for v in rec.values):
            break
        out.append(rec)
    return out


def join_wrapped(first: Record, rest: Sequence[Record]) -> list[str] | None:
    """The numbers of ``first`` with the digits printed under them in ``rest`` joined on, column by
    column; ``None`` when a digit below sits under no number of ``first`` (the columns are lost)."""
    heads = _columns(first.text)
    if any(len(d) != 1 for _x, d in heads):
        return None
    numbers = [d for _x, d in heads]
    where = {x: i for i, (x, _d) in enumerate(heads)}
    for rec in rest:
        for x, digits in _columns(rec.text):
            i = where.get(x)
            if i is None or len(digits) != 1:
                return None
            numbers[i] += digits
    if any(len(n) > 1 and n[0] == "0" for n in numbers):
        return None  # a count never starts with 0: these are no numbers wrapped in columns
    return numbers


def wrapped_start(first: Record, cells: int) -> bool:
    """Whether ``first`` prints one digit for each of ``cells`` columns (the first line of numbers a
    narrow column wrapped, whatever spacing split it into values)."""
    heads = _DIGITS.findall(first.text)
    return len(heads) == cells and all(len(d) == 1 for d in heads)
