"""``validate()``: run the rules that apply to a report and collect a :class:`ValidationReport`."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from operator import attrgetter
from typing import Any

from ..findings import Finding, Provenance, Severity
from ..layout import CellRef
from ..model import Report
from .engine import RULESET_VERSION, RuleContext, RuleLike, rule_matches, run_rules
from .report import ValidationReport
from .text_rules import checked_claims

__all__ = ["select_rules", "validate", "validate_result"]

_ID = attrgetter("id")


def select_rules(
    rules: Iterable[RuleLike], select: Collection[str] = (), ignore: Collection[str] = ()
) -> list[RuleLike]:
    """The rules named by ``select`` (all when empty) minus those named by ``ignore``.

    A name is a rule ID, an ID prefix (``national.text``), a tag (``cross-year``) or a severity.
    """
    if not select and not ignore:
        return list(rules)
    return [
        r
        for r in rules
        if (not select or rule_matches(r, select)) and not (ignore and rule_matches(r, ignore))
    ]


_RANK = {s: s.rank for s in Severity}


def _order(findings: list[Finding], index: Mapping[CellRef, int]) -> tuple[Finding, ...]:
    """By severity, then the position of the first cell (none first, then layout order), then rule ID."""
    if len(findings) < 2:
        return tuple(findings)
    rank, end = _RANK, len(index)

    def key(f: Finding) -> tuple[int, int, str]:
        pos = index.get(f.cells[0], end) if f.cells else -1
        return (rank[f.severity], pos, f.rule_id)

    return tuple(sorted(findings, key=key))


def validate(
    report: Report,
    *,
    previous: Report | None = None,
    provenance: Mapping[CellRef, Provenance] | None = None,
    registry: Any = None,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    waivers: Mapping[str, str] | None = None,
    input_name: str | None = None,
    reader_findings: Iterable[Finding] = (),
) -> ValidationReport:
    """Check a report with every rule registered for its variant; never raises on bad data.

    ``previous`` is the same agency's report for the year before (cross-year rules);
    ``provenance`` says where each cell was printed (findings then cite it); ``select`` /
    ``ignore`` name rules by ID, ID prefix, tag or severity; ``waivers`` maps a rule ID to the
    reason it is waived (its findings are kept apart, the reason stays in the report);
    ``reader_findings`` (what the reader noticed) are included as they are.
    """
    if registry is None:
        from ..plugins.registry import default_registry

        registry = default_registry()
    rules = select_rules(registry.rules(report.layout), select, ignore)
    ctx = RuleContext(report, previous=previous, provenance=provenance)
    findings = [*reader_findings, *run_rules(rules, ctx)]
    rules_run = tuple(map(_ID, rules))
    waivers = dict(waivers) if waivers else {}
    kept, waived = findings, []
    if waivers:
        kept = [f for f in findings if f.rule_id not in waivers]
        waived = [f for f in findings if f.rule_id in waivers]
    index = ctx.resolved.index
    return ValidationReport(
        findings=_order(kept, index),
        variant=report.variant,
        ruleset_version=RULESET_VERSION,
        input_name=input_name,
        year=report.year,
        agency=report.agency.name,
        waived=waivers,
        waived_findings=_order(waived, index),
        rules_run=rules_run,
        claims=checked_claims(ctx, rules_run if select or ignore else None),
    )


def validate_result(
    result: Any,
    *,
    previous: Report | None = None,
    registry: Any = None,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    waivers: Mapping[str, str] | None = None,
    input_name: str | None = None,
) -> ValidationReport:
    """Validate a :class:`~govdisclosure.reading.ReadResult` (its provenance and reader findings included)."""
    return validate(
        result.report,
        previous=previous,
        provenance=result.provenance,
        registry=registry,
        select=select,
        ignore=ignore,
        waivers=waivers,
        input_name=input_name if input_name is not None else result.source,
        reader_findings=result.findings,
    )
