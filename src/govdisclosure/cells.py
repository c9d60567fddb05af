"""What a table cell holds: a value exactly as printed.

* ``int`` — a count (件) as printed;
* :class:`decimal.Decimal` — an amount (万元) as printed, exact;
* ``None`` — nothing printed in the cell (blank, or the column was not printed at all);
* :class:`Placeholder` — a printed placeholder such as ``-``, ``/``, ``—`` or ``无``.

None of these silently becomes 0: relations that read a ``None`` or a placeholder are
*not assessable*.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal

__all__ = ["PLACEHOLDER_TEXTS", "CellValue", "Placeholder", "is_number", "numeric_sum", "parse_placeholder"]


class Placeholder(enum.Enum):
    """A non-numeric mark printed in a numeric cell, kept as printed."""

    HYPHEN = "-"
    FULLWIDTH_HYPHEN = "－"
    SLASH = "/"
    FULLWIDTH_SLASH = "／"
    BACKSLASH = "\\"
    EM_DASH = "—"
    DOUBLE_EM_DASH = "——"
    EN_DASH = "–"
    NONE_ZH = "无"
    NOT_APPLICABLE_ZH = "不适用"
    CROSS = "×"

    def __str__(self) -> str:
        return self.value


PLACEHOLDER_TEXTS: dict[str, Placeholder] = {p.value: p for p in Placeholder}

CellValue = int | Decimal | Placeholder | None
"""The type of a cell value: a printed number, a printed placeholder, or ``None`` (not printed)."""


def parse_placeholder(text: str) -> Placeholder | None:
    """The placeholder printed as ``text`` (stripped), or ``None`` if it is not one.

    >>> parse_placeholder(" — ")
    <Placeholder.EM_DASH: '—'>
    >>> parse_placeholder("0") is None
    True
    """
    return PLACEHOLDER_TEXTS.get(text.strip())


def is_number(value: object) -> bool:
    """True for an ``int`` (not ``bool``) or a ``Decimal``: a value a relation can use.

    >>> [is_number(v) for v in (3, Decimal("0.04"), Placeholder.SLASH, None, True)]
    [True, True, False, False, False]
    """
    t = type(value)
    return t is int or t is Decimal


def numeric_sum(values: Iterable[CellValue]) -> int | Decimal:
    """Σ of values that must all be printed numbers; ``TypeError`` if one is not printed or a placeholder.

    >>> numeric_sum([1, Decimal("0.5")])
    Decimal('1.5')
    """
    total: int | Decimal = 0
    for v in values:
        if v is None or isinstance(v, Placeholder):
            raise TypeError(f"not a number: {v!r}")
        total += v
    return total
