"""Findings: what a check (or a reader) has to say about a report.

Checks never raise on bad data; they return findings.  A finding has a stable, namespaced rule
ID, a severity, a status, the cells involved with their printed values (and where they came
from, when read from a file), expected vs actual, and a message in Chinese and in English.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from .cells import CellValue
from .layout import CellRef

__all__ = ["Finding", "FindingStatus", "Provenance", "Severity"]


class Severity(enum.StrEnum):
    """How serious a finding is: an ``error`` makes ``validate`` exit 1; warnings and infos do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Sort key, most serious first (error 0, warning 1, info 2)."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class FindingStatus(enum.StrEnum):
    """Whether the rule was assessed and failed, or could not be assessed."""

    FAIL = "fail"
    """The rule was assessed and does not hold."""
    NOT_ASSESSABLE = "not_assessable"
    """The rule could not be assessed (a cell it reads was not printed or holds a placeholder)."""


@frozen(kw_only=True)
class Provenance:
    """Where a value came from in a source file."""

    source: str
    page: int | None = None
    line: int | None = None
    element: str | None = None
    """An element path (HTML/DOCX), e.g. ``table[2]/tr[5]/td[3]``."""
    raw: str = ""
    """The raw text the value was read from."""

    def describe_zh(self) -> str:
        """Where, in Chinese (``第3页 第12行``); the source name if nothing finer is known."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.element:
            parts.append(self.element)
        return " ".join(parts) or self.source

    def describe_en(self) -> str:
        """Where, in English (``page 3, line 12``); the source name if nothing finer is known."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.element:
            parts.append(self.element)
        return ", ".join(parts) or self.source


@frozen(kw_only=True)
class Finding:
    """One problem (or an impossibility to assess) found in a report."""

    rule_id: str
    severity: Severity
    message_zh: str
    message_en: str
    status: FindingStatus = FindingStatus.FAIL
    cells: tuple[CellRef, ...] = ()
    values: tuple[CellValue, ...] = ()
    """The printed values of ``cells``, in the same order."""
    expected: int | Decimal | None = None
    actual: int | Decimal | None = None
    provenance: tuple[Provenance | None, ...] = ()
    """Where each of ``cells`` came from, when the report was read from a file."""
    data: Mapping[str, Any] = field(factory=dict, hash=False)
    """Rule-specific details (e.g. the located cell and its corrected value, the matched text)."""

    @property
    def difference(self) -> int | Decimal | None:
        """``actual − expected``, when both are known."""
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"en"`` for English; anything else gives Chinese)."""
        return self.message_en if lang == "en" else self.message_zh
