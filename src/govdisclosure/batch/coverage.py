"""Coverage: which expected units have no report for the year, and which reports match no unit.

The list of expected units is a CSV file with the unit name and, optionally, its 6-digit region
code (GB/T 2260).  Names are compared after :func:`normalise_name` (full-/half-width, spaces and
punctuation folded); a report matches a unit when the normalised names are equal, or — if that
finds nothing — when one name ends with the other (``淮安市洪泽区人民政府`` for an expected
``洪泽区人民政府``) and exactly one unit fits, or the region codes agree.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from attrs import frozen

from ..errors import ReadError

__all__ = [
    "CoverageResult",
    "ExpectedUnit",
    "ReportedUnit",
    "coverage",
    "normalise_name",
    "read_expected_units",
]

_DROP = re.compile(r"[\s\u3000()（）\[\]【】〔〕<>《》“”\"'‘’·・,，、.。:：;；\-－—_]+")
_HEADER = {"name", "unit", "单位", "单位名称", "名称", "机关", "机关名称"}


def normalise_name(name: str) -> str:
    """A unit name folded for comparison (NFKC, no spaces, brackets or punctuation)."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name)).casefold()


@frozen(kw_only=True)
class ExpectedUnit:
    """A unit that should publish a report."""

    name: str
    region_code: str | None = None
    line: int | None = None

    @property
    def key(self) -> str:
        """The normalised name used for matching."""
        return normalise_name(self.name)


@frozen(kw_only=True)
class ReportedUnit:
    """A report found in the batch: whose it is, for which year, from which file."""

    name: str
    year: int | None
    source: str
    region_code: str | None = None

    @property
    def key(self) -> str:
        """The normalised name used for matching."""
        return normalise_name(self.name)


@frozen(kw_only=True)
class CoverageResult:
    """Expected units against the reports found."""

    year: int | None
    matched: tuple[tuple[ExpectedUnit, tuple[ReportedUnit, ...]], ...]
    missing: tuple[ExpectedUnit, ...]
    """Expected units with no report for the year."""
    unmatched: tuple[ReportedUnit, ...]
    """Reports for the year that match no expected unit."""
    other_year: tuple[ReportedUnit, ...]
    """Reports of another year (they do not cover the year)."""

    @property
    def complete(self) -> bool:
        """True when every expected unit reported and every report is on the list."""
        return not self.missing and not self.unmatched


def read_expected_units(path: str | Path) -> list[ExpectedUnit]:
    """Read the CSV of expected units (``name[,region_code]``, an optional header row, UTF-8 or GBK)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(
            f"无法读取单位清单 cannot read the unit list: {exc.strerror or exc}", source=str(p)
        ) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ReadError("单位清单编码无法识别 unknown encoding of the unit list", source=str(p))
    units: list[ExpectedUnit] = []
    for lineno, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        if lineno == 1 and cells[0].casefold() in _HEADER:
            continue
        code = cells[1] if len(cells) > 1 and cells[1] else None
        if code is not None and not (len(code) == 6 and code.isdigit()):
            raise ReadError(
                f"区划代码应为6位数字 region code must be 6 digits, got {code!r}",
                source=str(p),
                place=f"line {lineno}",
            )
        units.append(ExpectedUnit(name=cells[0], region_code=code, line=lineno))
    return units


def _suffix_match(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.endswith(short)


def coverage(
    expected: Iterable[ExpectedUnit], reported: Iterable[ReportedUnit], *, year: int | None = None
) -> CoverageResult:
    """Match reports to expected units for ``year`` (default: the most common year of the reports)."""
    units = list(expected)
    reports = list(reported)
    if year is None:
        years = [r.year for r in reports if r.year is not None]
        year = max(set(years), key=lambda y: (years.count(y), -y)) if years else None
    in_year = [r for r in reports if year is None or r.year == year]
    other = tuple(r for r in reports if year is not None and r.year != year)
    by_key: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        by_key.setdefault(u.key, []).append(i)
    found: dict[int, list[ReportedUnit]] = {}
    unmatched: list[ReportedUnit] = []
    for r in in_year:
        hits = by_key.get(r.key, [])
        if not hits:
            hits = [
                i
                for i, u in enumerate(units)
                if r.region_code and u.region_code == r.region_code and _suffix_match(u.key, r.key)
            ]
        if not hits:
            fuzzy = [i for i, u in enumerate(units) if _suffix_match(u.key, r.key)]
            hits = fuzzy if len(fuzzy) == 1 else []
        if hits:
            found.setdefault(hits[0], []).append(r)
        else:
            unmatched.append(r)
    return CoverageResult(
        year=year,
        matched=tuple((units[i], tuple(found[i])) for i in sorted(found)),
        missing=tuple(u for i, u in enumerate(units) if i not in found),
        unmatched=tuple(unmatched),
        other_year=other,
    )
