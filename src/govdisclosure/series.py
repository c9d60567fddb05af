"""One unit's reports over several years, validated as a chain.

:func:`validate_series` orders the reports by year and validates each one with the report of the
year before as ``previous``, so the cross-year rules (上年结转 = last year's 结转下年度, the
现行有效件数 roll-forward, …) run between every consecutive pair.  It also says when the chain
is broken: a missing year (the pair cannot be checked), two reports for one year, or reports that
seem to come from different units.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from attrs import frozen

from .batch.coverage import normalise_name
from .findings import Finding, Severity
from .model import Report

__all__ = ["SeriesStep", "series_findings", "validate_series"]


@frozen(kw_only=True, eq=False)
class SeriesStep:
    """One year of the chain: the report, the one it was checked against, and the result."""

    report: Report
    previous: Report | None
    validation: Any
    """The :class:`~govdisclosure.checks.report.ValidationReport` (cross-year rules included)."""
    findings: tuple[Finding, ...]
    """What is wrong with the chain at this step (``series.*``)."""
    source: str | None = None

    @property
    def year(self) -> int:
        """The report's year."""
        return self.report.year


def series_findings(previous: Report | None, report: Report, first: Report) -> list[Finding]:
    """The chain's own findings for one step: a gap in the years, a duplicate year, another unit."""
    out: list[Finding] = []
    if previous is not None and report.year == previous.year:
        out.append(
            Finding(
                rule_id="series.duplicate_year",
                severity=Severity.ERROR,
                message_zh=f"{report.year}年有两份报告，只用其中一份作上年对照",
                message_en=f"two reports for {report.year}; only one is used as the previous year",
            )
        )
    elif previous is not None and report.year != previous.year + 1:
        missing = ", ".join(str(y) for y in range(previous.year + 1, report.year))
        out.append(
            Finding(
                rule_id="series.gap",
                severity=Severity.WARNING,
                message_zh=f"缺少{missing}年的报告，{report.year}年的跨年度核对无法进行",
                message_en=f"no report for {missing}; the cross-year checks of {report.year} cannot run",
                data={"missing_years": tuple(range(previous.year + 1, report.year))},
            )
        )
    if normalise_name(report.agency.name) != normalise_name(first.agency.name):
        out.append(
            Finding(
                rule_id="series.other_unit",
                severity=Severity.WARNING,
                message_zh=f"{report.year}年报告的单位“{report.agency.name}”与“{first.agency.name}”不同",
                message_en=f"the {report.year} report is by {report.agency.name!r}, "
                f"not {first.agency.name!r}",
            )
        )
    return out


def validate_series(
    reports: Iterable[Report],
    *,
    sources: Iterable[str] | None = None,
    registry: Any = None,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    waivers: Mapping[str, str] | None = None,
) -> Iterator[SeriesStep]:
    """Validate one unit's reports in year order, each against the year before (a generator).

    A step whose previous year is missing is validated without ``previous`` (its cross-year rules
    are then not assessed) and carries a ``series.gap`` finding.
    """
    from .checks.validate import validate

    items = list(zip(reports, sources if sources is not None else _nones(), strict=False))
    items.sort(key=lambda rs: rs[0].year)
    if not items:
        return
    first = items[0][0]
    previous: Report | None = None
    for report, source in items:
        chain = series_findings(previous, report, first)
        usable = previous if previous is not None and previous.year == report.year - 1 else None
        result = validate(
            report,
            previous=usable,
            registry=registry,
            select=select,
            ignore=ignore,
            waivers=waivers,
            input_name=source,
        )
        yield SeriesStep(
            report=report, previous=usable, validation=result, findings=tuple(chain), source=source
        )
        if previous is None or report.year != previous.year:
            previous = report


def _nones() -> Iterator[None]:
    while True:
        yield None
