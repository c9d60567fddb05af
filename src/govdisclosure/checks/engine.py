"""The rule engine: rules, the shared context they read, and :func:`validate`.

A rule never raises on bad data: it yields :class:`~govdisclosure.findings.Finding` objects.  The
engine runs every selected rule that applies to the report's variant, collects every finding
(a rule that crashes becomes a finding too), applies waivers and returns a
:class:`~govdisclosure.checks.report.ValidationReport` in a deterministic order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar, overload, runtime_checkable

from attrs import field, frozen

from ..cells import CellValue, Placeholder
from ..findings import Finding, FindingStatus, Provenance, Severity
from ..layout import CellRef, Layout, ResolvedLayout, ValueKind
from ..model import Report
from ..relations import RelationResult, RelationResults
from .locate import locate
from .plan import LayoutPlan, plan_for

__all__ = ["RULESET_VERSION", "Rule", "RuleContext", "RuleLike", "rule_matches", "run_rules"]

RULESET_VERSION = "1.0.0"
"""Version of the built-in rule set; bumped when a rule is added, changed or retired (IDs never reused)."""

CRASH_RULE_ID = "checks.rule_crashed"

_INT_ONLY: frozenset[type] = frozenset({int})
_NO_TYPES: frozenset[type] = frozenset()


def _new_finding(
    rule_id: str,
    severity: Severity,
    message_zh: str,
    message_en: str,
    status: FindingStatus,
    cells: tuple[CellRef, ...],
    values: tuple[CellValue, ...],
    expected: int | Decimal | None,
    actual: int | Decimal | None,
    provenance: tuple[Provenance | None, ...],
    data: dict[str, Any],
) -> Finding:
    """``Finding(...)`` from its fields in declaration order."""
    return Finding(
        rule_id=rule_id,
        severity=severity,
        message_zh=message_zh,
        message_en=message_en,
        status=status,
        cells=cells,
        values=values,
        expected=expected,
        actual=actual,
        provenance=provenance,
        data=data,
    )


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


T = TypeVar("T")


class cached(Generic[T]):
    """:func:`functools.cached_property` without its lock (Python 3.11 takes one per first access).

    The value is computed on first access and stored in the instance's ``__dict__``, where later
    lookups find it directly.  The values cached here are pure functions of the context, so two
    threads computing one at the same time would compute the same value.
    """

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name: str = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object, owner: type | None = None) -> T | cached[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


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
        self.plan: LayoutPlan = plan_for(self.resolved)
        """What the rules read from the resolved layout (computed once per layout)."""
        self._index = self.resolved.index
        self._cells = report.cells
        self.cache: dict[object, Any] = {}
        """Scratch space for analyses shared between rules (e.g. the text claims)."""

    # -- shared evaluations ---------------------------------------------------------------
    @cached
    def relations(self) -> RelationResults:
        """Every relation of the layout evaluated on the report (once; result objects built when read)."""
        return self.report.relations()

    @cached
    def all_hold(self) -> bool:
        """Whether every relation holds."""
        return not self.failures

    @cached
    def failures(self) -> tuple[tuple[int, RelationResult], ...]:
        """The relations that fail or cannot be assessed: (position in layout order, result)."""
        return tuple(self.relations.failing())

    @cached
    def problems(self) -> dict[str, list[RelationResult]]:
        """The relations that fail or cannot be assessed, by template ID (in layout order)."""
        out: dict[str, list[RelationResult]] = {}
        template_ids = self.plan.template_ids
        for i, r in self.failures:
            out.setdefault(template_ids[i], []).append(r)
        return out

    @cached
    def kinds(self) -> tuple[ValueKind, ...]:
        """The value kind of every cell, aligned with ``report.cells``."""
        return self.plan.kinds

    @cached
    def whole_values(self) -> tuple[CellValue, ...]:
        """The values of the count and signed count cells (see :attr:`LayoutPlan.whole_values`)."""
        return self.plan.whole_values(self._cells)

    @cached
    def whole_types(self) -> frozenset[type]:
        """The types of the values of the count and signed count cells."""
        return frozenset(map(type, self.whole_values))

    @cached
    def whole_ints(self) -> bool:
        """Whether every count and signed count cell holds an ``int`` (exactly; not a ``bool``)."""
        return _INT_ONLY.issuperset(map(type, self.whole_values))

    @cached
    def value_types(self) -> frozenset[type]:
        """The types of the printed values (``int``, ``Decimal``, ``Placeholder``, ``NoneType`` …)."""
        amounts = map(type, self.plan.amount_values(self._cells))
        if self.whole_ints:  # known without collecting the types of the whole-number cells
            return (_INT_ONLY if self.whole_values else _NO_TYPES).union(amounts)
        return self.whole_types.union(amounts)

    @cached
    def section_texts(self) -> dict[str, str]:
        """Section key → text of the first printed section with that key (``report.section_text``)."""
        out: dict[str, str] = {}
        for s in self.report.sections:
            if s.key is not None and s.key not in out:
                out[s.key] = s.text
        return out

    def section_text(self, key: str) -> str:
        """The text of the section with this key, or ``""`` if it was not printed (as the report gives it)."""
        return self.section_texts.get(key, "")

    @cached
    def prose(self) -> str:
        """The preamble and every section's text, one per line (for literal pre-filters).

        A word without a line break occurs in it exactly when it occurs in one of the texts.
        """
        return "\n".join([self.report.preamble, *(s.text for s in self.report.sections)])

    @cached
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
        return self.plan.label(ref)

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
        prov: tuple[Provenance | None, ...] = ()
        if self.provenance and refs:
            prov = tuple(map(self.provenance.get, refs))
            if all(p is None for p in prov):
                prov = ()
        values: tuple[CellValue, ...] = ()
        if refs:
            index, printed = self._index, self._cells
            try:  # the common case: cells of the layout
                values = tuple(map(printed.__getitem__, map(index.__getitem__, refs)))
            except KeyError:
                values = tuple([None if (i := index.get(r)) is None else printed[i] for r in refs])
        return _new_finding(
            rule.id,
            severity or rule.severity,
            message_zh,
            message_en,
            status,
            refs,
            values,
            expected,
            actual,
            prov,
            dict(data) if data else {},
        )


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
            # a built-in Rule's check is its func: call it directly (one call less per rule)
            found = rule.func(ctx) if type(rule) is Rule else rule.check(ctx)
            if found.__class__ is not tuple or found:  # most rules find nothing: an empty tuple
                out.extend(found)
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
