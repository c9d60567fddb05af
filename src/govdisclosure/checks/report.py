"""The result of validating one report: an envelope plus the findings, JSON-ready, with its schema."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from ..cells import CellValue, Placeholder
from ..findings import Finding, Provenance, Severity
from ..layout import CellRef
from .claims import Candidate, Claim

__all__ = [
    "REPORT_SCHEMA_ID",
    "ValidationReport",
    "claim_to_dict",
    "finding_to_dict",
    "validation_report_schema",
]

REPORT_SCHEMA_ID = "https://govdisclosure.example/schema/validation-report-1.json"
SCHEMA_VERSION = 1
"""2: the ``claims`` (numbers stated in the prose, as compared with the tables) were added."""


def _number(v: int | Decimal | None) -> int | str | None:
    if v is None or isinstance(v, int):
        return v
    return str(v)


def _cell_json(v: CellValue) -> int | str | None:
    if isinstance(v, Placeholder):
        return v.value
    return _number(v)


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, Placeholder):
        return v.value
    if isinstance(v, CellRef):
        return str(v)
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple | set | frozenset):
        return [_jsonable(x) for x in v]
    return str(v)


def _provenance(p: Provenance | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"source": p.source, "page": p.page, "line": p.line, "element": p.element, "raw": p.raw}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """One finding as a JSON-ready dict (numbers exact: decimals as strings)."""
    return {
        "rule_id": f.rule_id,
        "severity": str(f.severity),
        "status": str(f.status),
        "message_zh": f.message_zh,
        "message_en": f.message_en,
        "cells": [str(c) for c in f.cells],
        "values": [_cell_json(v) for v in f.values],
        "expected": _number(f.expected),
        "actual": _number(f.actual),
        "difference": _number(f.difference),
        "provenance": [_provenance(p) for p in f.provenance],
        "data": _jsonable(f.data),
    }


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "name_zh": c.name_zh,
        "name_en": c.name_en,
        "value": _number(c.value),
        "cells": [str(r) for r in c.cells],
    }


def claim_to_dict(c: Claim) -> dict[str, Any]:
    """One number claim of the prose as a JSON-ready dict: what it was compared with, which reading agreed."""
    reading = c.reading
    return {
        "section": c.section,
        "kind": c.kind,
        "text": c.matched,
        "sentence": c.sentence,
        "stated": c.stated,
        "percent": None if c.percent is None else str(c.percent),
        "compared_with": [_candidate(x) for x in c.candidates],
        "agrees": c.agrees,
        "reading": None if reading is None else _candidate(reading),
    }


@frozen(kw_only=True)
class ValidationReport:
    """Every finding on one report, in deterministic order, with the run's envelope.

    ``waived`` maps a waived rule ID to the reason given; its findings are kept apart in
    ``waived_findings`` and do not count toward :attr:`has_errors`.  ``claims`` are the numbers
    stated in the prose that the text rules compared with the tables — agreeing or not — each
    saying which reading agreed (``受理…件`` = 本年新收, or 本年新收 + 上年结转).
    """

    findings: tuple[Finding, ...]
    variant: str
    ruleset_version: str
    input_name: str | None = None
    year: int | None = None
    agency: str | None = None
    waived: Mapping[str, str] = field(factory=dict)
    waived_findings: tuple[Finding, ...] = ()
    rules_run: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def has_errors(self) -> bool:
        """Whether any (not waived) finding has error severity."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def count(self, severity: Severity) -> int:
        """How many findings have this severity (waived findings excluded)."""
        return sum(1 for f in self.findings if f.severity is severity)

    def by_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule (or of every rule under an ID prefix ending in ``.``)."""
        if rule_id.endswith("."):
            return tuple(f for f in self.findings if f.rule_id.startswith(rule_id))
        return tuple(f for f in self.findings if f.rule_id == rule_id)

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict, valid against :func:`validation_report_schema`."""
        return {
            "schema_version": SCHEMA_VERSION,
            "ruleset_version": self.ruleset_version,
            "variant": self.variant,
            "input_name": self.input_name,
            "year": self.year,
            "agency": self.agency,
            "summary": {
                "error": self.count(Severity.ERROR),
                "warning": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO),
                "has_errors": self.has_errors,
                "rules_run": len(self.rules_run),
            },
            "findings": [finding_to_dict(f) for f in self.findings],
            "waived": [
                {
                    "rule_id": rid,
                    "reason": reason,
                    "findings": [finding_to_dict(f) for f in self.waived_findings if f.rule_id == rid],
                }
                for rid, reason in sorted(self.waived.items())
            ],
            "claims": [claim_to_dict(c) for c in self.claims],
        }


_NUM = {
    "anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}, {"type": "null"}]
}
_VALUE = {"anyOf": [{"type": "integer"}, {"type": "string"}, {"type": "null"}]}


def validation_report_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of :meth:`ValidationReport.to_dict`."""
    finding = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "rule_id",
            "severity",
            "status",
            "message_zh",
            "message_en",
            "cells",
            "values",
            "expected",
            "actual",
            "difference",
            "provenance",
            "data",
        ],
        "properties": {
            "rule_id": {"type": "string", "pattern": r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$"},
            "severity": {"enum": [s.value for s in Severity]},
            "status": {"enum": ["fail", "not_assessable"]},
            "message_zh": {"type": "string", "minLength": 1},
            "message_en": {"type": "string", "minLength": 1},
            "cells": {"type": "array", "items": {"type": "string"}},
            "values": {
                "type": "array",
                "items": _VALUE,
                "description": "printed values of cells, same order",
            },
            "expected": _NUM,
            "actual": _NUM,
            "difference": _NUM,
            "provenance": {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": "null"},
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["source"],
                            "properties": {
                                "source": {"type": "string"},
                                "page": {"type": ["integer", "null"]},
                                "line": {"type": ["integer", "null"]},
                                "element": {"type": ["string", "null"]},
                                "raw": {"type": "string"},
                            },
                        },
                    ]
                },
            },
            "data": {"type": "object"},
        },
    }
    candidate = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name_zh", "name_en", "value", "cells"],
        "properties": {
            "name_zh": {"type": "string", "minLength": 1},
            "name_en": {"type": "string", "minLength": 1},
            "value": _NUM,
            "cells": {"type": "array", "items": {"type": "string"}},
        },
    }
    claim = {
        "type": "object",
        "description": "正文所述数字与表格的核对 — a number stated in the prose and the table values it was "
        "compared with; agrees is null when those values are not printed",
        "additionalProperties": False,
        "required": [
            "section",
            "kind",
            "text",
            "sentence",
            "stated",
            "percent",
            "compared_with",
            "agrees",
            "reading",
        ],
        "properties": {
            "section": {"type": "string"},
            "kind": {"type": "string"},
            "text": {"type": "string", "minLength": 1},
            "sentence": {"type": "string"},
            "stated": {"type": "integer", "minimum": 0},
            "percent": {"anyOf": [{"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"}, {"type": "null"}]},
            "compared_with": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/candidate"}},
            "agrees": {"type": ["boolean", "null"]},
            "reading": {"anyOf": [{"$ref": "#/$defs/candidate"}, {"type": "null"}]},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": REPORT_SCHEMA_ID,
        "title": "govdisclosure validation report",
        "description": "检查结果 — the findings of govdisclosure's checks on one report.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "schema_version",
            "ruleset_version",
            "variant",
            "input_name",
            "year",
            "agency",
            "summary",
            "findings",
            "waived",
            "claims",
        ],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "ruleset_version": {"type": "string"},
            "variant": {"type": "string"},
            "input_name": {"type": ["string", "null"]},
            "year": {"type": ["integer", "null"]},
            "agency": {"type": ["string", "null"]},
            "summary": {
                "type": "object",
                "additionalProperties": False,
                "required": ["error", "warning", "info", "has_errors", "rules_run"],
                "properties": {
                    "error": {"type": "integer", "minimum": 0},
                    "warning": {"type": "integer", "minimum": 0},
                    "info": {"type": "integer", "minimum": 0},
                    "has_errors": {"type": "boolean"},
                    "rules_run": {"type": "integer", "minimum": 0},
                },
            },
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "waived": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["rule_id", "reason", "findings"],
                    "properties": {
                        "rule_id": {"type": "string"},
                        "reason": {"type": "string", "minLength": 1},
                        "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
                    },
                },
            },
            "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
        },
        "$defs": {"finding": finding, "claim": claim, "candidate": candidate},
    }
