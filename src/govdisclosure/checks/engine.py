"""The rule engine: rules, the shared context they read, and :func:`validate`.

A rule never raises on bad data: it yields :class:`~govdisclosure.findings.Finding` objects.  The
engine runs every selected rule that applies to the report's variant, collects every finding
(a rule that crashes becomes a finding too), applies waivers and returns a
:class:`~govdisclosure.checks.report.ValidationReport` in a deterministic order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from ..cells import CellValue, Placeholder
from ..findings import Finding, FindingStatus, Provenance, Severity
from ..layout import CellRef, Layout, ResolvedLayout, ValueKind
from ..model import Report
from ..relations import RelationResult, Status
from .labels import cell_label
from .locate import locate

__all__ = ["RULESET_VERSION", "Rule", "RuleContext", "RuleLike", "rule_matches", "run_rules"]

RULESET_VERSION = "1.0.0"
"""Version of the built-in rule set; bumped when a rule is added, changed or retired (IDs never reused)."""

CRASH_RULE_ID = "checks.rule_crashed"


@runtime_checkable
class RuleLike(Protocol):
    """What the engine needs from a rule (plugins may register any object of this shape)."""

    @property
    def id(self) -> str:
        """The namespaced, never reused rule ID."""

    @property
    def severity(self) -> Severity:
        """The severity of a failure of this rule."""

    @property
    def tags(self) -> frozenset[str]:
        """Tags for ``--select`` / ``--ignore``."""

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        """Yield the findings of this rule on ``ctx.report``."""


@frozen(kw_only=True)
class Rule:
    """A documented check: metadata for the catalogue plus the function that checks.

    ``id`` is namespaced (``national.requests.balance``) and never reused; ``formula``,
    ``basis``, ``example_pass`` and ``example_fail`` feed ``docs/rules.md``.
    """

    id: str
    severity: Severity
    title_zh: str
    title_en: str
    formula: str
    basis: str
    example_pass: str
    example_fail: str
    func: Callable[[RuleContext], Iterable[Finding]] = field(repr=False, eq=False)
    tags: frozenset[str] = frozenset()

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        """Yield the findings of this rule on ``ctx.report``."""
        return self.func(ctx)


class RuleContext:
    """Everything a rule reads, computed once per report and shared by all rules.

    ``relations`` (every relation evaluated) and ``locations`` (the wrong-cell analysis) are
    computed on first use.
    """

    def __init__(
        self,
        report: Report,
        *,
        previous: Report | None = None,
        provenance: Mapping[CellRef, Provenance] | None = None,
    ) -> None:
        self.report = report
        self.previous = previous
        self.provenance: Mapping[CellRef, Provenance] = provenance or {}
        self.layout: Layout = report.layout
        self.resolved: ResolvedLayout = report.resolved
        self._index = self.resolved.index
        self._cells = report.cells
        self.cache: dict[str, Any] = {}
        """Scratch space for analyses shared between rules (e.g. the text claims)."""

    # -- shared evaluations ---------------------------------------------------------------
    @cached_property
    def relations(self) -> tuple[RelationResult, ...]:
        """Every relation of the layout evaluated on the report (once)."""
        return tuple(self.report.relations())

    @cached_property
    def problems(self) -> dict[str, list[RelationResult]]:
        """The relations that fail or cannot be assessed, by template ID (in layout order)."""
        out: dict[str, list[RelationResult]] = {}
        for r in self.relations:
            if r.status is not Status.HOLDS:
                out.setdefault(r.relation.template.id, []).append(r)
        return out

    @cached_property
    def kinds(self) -> tuple[ValueKind, ...]:
        """The value kind of every cell, aligned with ``report.cells``."""
        return cell_kinds(self.resolved)

    @cached_property
    def locations(self) -> Any:
        """The wrong-cell analysis of the failed relations (see :mod:`.locate`)."""
        return locate(self)

    # -- cell access ----------------------------------------------------------------------
    def has_cell(self, ref: CellRef) -> bool:
        """Whether the report's resolved layout has this cell."""
        return ref in self._index

    def value(self, ref: CellRef) -> CellValue:
        """The printed value of a cell (``None`` when the layout has no such cell)."""
        i = self._index.get(ref)
        return None if i is None else self._cells[i]

    def number(self, ref: CellRef) -> int | Decimal | None:
        """The printed number of a cell, or ``None`` for not printed / placeholder / no such cell."""
        v = self.value(ref)
        return None if v is None or isinstance(v, Placeholder) else v

    def label(self, ref: CellRef) -> str:
        """``表三 （四）1 自然人``."""
        return cell_label(self.resolved, ref)

    def where_zh(self, ref: CellRef) -> str:
        """The cell label plus, when known, where it was printed (``第3页 第12行``)."""
        p = self.provenance.get(ref)
        return f"{self.label(ref)}（{p.describe_zh()}）" if p else self.label(ref)

    def where_en(self, ref: CellRef) -> str:
        """The cell label and path plus, when known, where it was printed (``[page 3, line 12]``)."""
        p = self.provenance.get(ref)
        base = f"{self.label(ref)} ({ref})"
        return f"{base} [{p.describe_en()}]" if p else base

    def finding(
        self,
        rule: RuleLike,
        *,
        message_zh: str,
        message_en: str,
        cells: Iterable[CellRef] = (),
        status: FindingStatus = FindingStatus.FAIL,
        severity: Severity | None = None,
        expected: int | Decimal | None = None,
        actual: int | Decimal | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Finding:
        """A finding of ``rule`` with the cells' printed values and provenance filled in."""
        refs = tuple(cells)
        prov = tuple(self.provenance.get(r) for r in refs) if self.provenance else ()
        return Finding(
            rule_id=rule.id,
            severity=severity or rule.severity,
            message_zh=message_zh,
            message_en=message_en,
            status=status,
            cells=refs,
            values=tuple(self.value(r) for r in refs),
            expected=expected,
            actual=actual,
            provenance=prov if any(p is not None for p in prov) else (),
            data=dict(data or {}),
        )


_KINDS: dict[int, tuple[ResolvedLayout, tuple[ValueKind, ...]]] = {}


def cell_kinds(resolved: ResolvedLayout) -> tuple[ValueKind, ...]:
    """The value kind of every cell of a resolved layout (cached per resolved layout)."""
    hit = _KINDS.get(id(resolved))
    if hit is not None and hit[0] is resolved:
        return hit[1]
    kinds = tuple(resolved.table(ref.table).column_nodes[ref.column].kind for ref in resolved.cells)
    _KINDS[id(resolved)] = (resolved, kinds)
    return kinds


def rule_matches(rule: RuleLike, patterns: Collection[str]) -> bool:
    """Whether a rule is named by one of ``patterns``: its ID, an ID prefix, a tag or its severity."""
    for p in patterns:
        if (
            p == rule.id
            or rule.id.startswith(p.rstrip(".") + ".")
            or p in rule.tags
            or p == str(rule.severity)
        ):
            return True
    return False


def run_rules(rules: Iterable[RuleLike], ctx: RuleContext) -> list[Finding]:
    """Run rules on a context; a rule that raises becomes a not-assessable finding naming it."""
    out: list[Finding] = []
    for rule in rules:
        try:
            out.extend(rule.check(ctx))
        except Exception as exc:  # a broken rule must not stop the others
            out.append(
                Finding(
                    rule_id=CRASH_RULE_ID,
                    severity=Severity.WARNING,
                    status=FindingStatus.NOT_ASSESSABLE,
                    message_zh=f"规则 {rule.id} 运行出错，未能检查：{type(exc).__name__}: {exc}",
                    message_en=f"rule {rule.id} crashed and was not assessed: {type(exc).__name__}: {exc}",
                    data={"rule": rule.id},
                )
            )
    return out
