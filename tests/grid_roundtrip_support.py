"""Helpers for the HTML/Word reader round trips: every variant (the example regional plugin
``gd-hubei`` included) and what a read report must reproduce of the written one."""

from __future__ import annotations

import sys
from pathlib import Path

import attrs
from hypothesis import strategies as st

from govdisclosure.agency_level import infer_level
from govdisclosure.model import Agency, Report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.testing.strategies import reports

_HUBEI = Path(__file__).resolve().parents[1] / "examples" / "plugins" / "gd-hubei" / "src"
if str(_HUBEI) not in sys.path:
    sys.path.insert(0, str(_HUBEI))

import gd_hubei.plugin  # noqa: E402

REGISTRY = make_registry(entry_points=False, plugins=[gd_hubei.plugin])
LAYOUTS = sorted(REGISTRY.variants.values(), key=lambda layout: layout.id)
ALL_VARIANT_REPORTS = st.sampled_from(LAYOUTS).flatmap(reports)


def comparable(report: Report) -> Report:
    """What a published document prints: the agency's *level* is not printed (a reader infers it from the
    name), nor empty sections."""
    name = report.agency.name
    return attrs.evolve(
        report,
        agency=Agency(name=name, level=infer_level(name)),
        sections=tuple(s for s in report.sections if s.text),
    )


def wrong_values(got: Report, printed: Report) -> dict[str, tuple[object, object]]:
    """The cells ``got`` reads with a value other than the one ``printed`` (read, printed); a cell
    left unread (``None``) is not wrong, and a cell the printed report's layout lacks is."""
    want = dict(printed.items())
    return {str(ref): (v, want.get(ref)) for ref, v in got.items() if v is not None and v != want.get(ref)}
