"""Checks: the rule engine, the built-in national rule set and the validation report.

>>> from govdisclosure.checks import validate
>>> vr = validate(report)                        # doctest: +SKIP
>>> [f.message_zh for f in vr.findings]           # doctest: +SKIP

Rules come from the plugin hook ``gd_register_rules``; :func:`validate` runs the ones registered
for the report's variant (``registry.rules(report.layout)``).
"""

from .claims import Claim, text_claims
from .engine import RULESET_VERSION, Rule, RuleContext, RuleLike
from .locate import Cluster, locate
from .report import ValidationReport, finding_to_dict, validation_report_schema
from .validate import select_rules, validate, validate_result

__all__ = [
    "RULESET_VERSION",
    "Claim",
    "Cluster",
    "Rule",
    "RuleContext",
    "RuleLike",
    "ValidationReport",
    "finding_to_dict",
    "locate",
    "select_rules",
    "text_claims",
    "validate",
    "validate_result",
    "validation_report_schema",
]
