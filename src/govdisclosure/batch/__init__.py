"""Batch review: validate many reports on every core, summarize, and check coverage.

The embeddable API (iterators and values, nothing printed):

* :func:`validate_many` — one :class:`UnitResult` per input file, in order, on ``jobs`` processes;
* :class:`SummaryBuilder` / :func:`summarize` and :func:`write_summary` (CSV, JSON, HTML);
* :func:`coverage` with :func:`read_expected_units` — which units have not reported.

Aggregation (汇总) is in :mod:`govdisclosure.aggregate`, year-over-year comparison in
:mod:`govdisclosure.compare`, a unit's series in :mod:`govdisclosure.series`.
"""

from __future__ import annotations

from .coverage import (
    CoverageResult,
    ExpectedUnit,
    ReportedUnit,
    coverage,
    normalise_name,
    read_expected_units,
)
from .run import UnitResult, check_file, expand_inputs, validate_many
from .summary import BatchSummary, RuleStat, SummaryBuilder, UnitSummary, summarize, write_summary

__all__ = [
    "BatchSummary",
    "CoverageResult",
    "ExpectedUnit",
    "ReportedUnit",
    "RuleStat",
    "SummaryBuilder",
    "UnitResult",
    "UnitSummary",
    "check_file",
    "coverage",
    "expand_inputs",
    "normalise_name",
    "read_expected_units",
    "summarize",
    "validate_many",
    "write_summary",
]
