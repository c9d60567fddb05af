"""Project a report of a regional variant onto its base variant (national cells only).

A regional variant (see :mod:`govdisclosure.extension`) only ever adds to its base, so every cell
of the base exists in the extension with the same meaning.  :func:`project` keeps exactly those:
the added rows, columns, tables and sections are dropped; the national cells keep their printed
values (placeholders and not-printed cells stay what they were — nothing is computed, nothing is
turned into 0), their derived marks and annotations; agency, year, title and preamble are kept.
The result is an ordinary report of the base variant, so every national rule applies to it.
"""

from __future__ import annotations

import attrs

from .errors import GovDisclosureError
from .layout import Layout
from .model import Report

__all__ = ["ProjectionError", "base_chain", "project"]


class ProjectionError(GovDisclosureError, ValueError):
    """The report's variant does not extend the layout it should be projected onto."""


def base_chain(layout: Layout) -> tuple[Layout, ...]:
    """``layout`` followed by its base, the base's base, and so on."""
    chain = [layout]
    while chain[-1].base is not None:
        nxt = chain[-1].base
        assert nxt is not None
        if nxt in chain:
            raise ProjectionError(f"variant {layout.id!r} extends itself through {nxt.id!r}")
        chain.append(nxt)
    return tuple(chain)


def project(report: Report, base_layout: Layout | None = None) -> Report:
    """``report`` as a report of ``base_layout`` (default: the report variant's immediate base).

    ``base_layout`` may be any variant on the report's base chain; the report itself is returned
    when it already is of that variant.  Raises :class:`ProjectionError` when the report's variant
    does not extend ``base_layout``.
    """
    layout = report.layout
    if base_layout is None:
        if layout.base is None:
            raise ProjectionError(f"variant {layout.id!r} has no base variant to project onto")
        base_layout = layout.base
    if base_layout is layout:
        return report
    if base_layout not in base_chain(layout)[1:]:
        raise ProjectionError(
            f"无法投影 cannot project: variant {layout.id!r} does not extend {base_layout.id!r}"
        )
    features = frozenset(report.features & base_layout.feature_keys())
    target = base_layout.resolve(features)
    source = report.resolved.index
    try:
        cells = tuple(report.cells[source[ref]] for ref in target.cells)
    except KeyError as exc:  # only for a layout that bypassed validate_layout
        raise ProjectionError(f"variant {layout.id!r} lacks base cell {exc.args[0]}") from None
    kept = set(target.cells)
    section_keys = {s.key for s in base_layout.sections}
    return attrs.evolve(
        report,
        layout=base_layout,
        features=features,
        cells=cells,
        sections=tuple(s for s in report.sections if s.key is None or s.key in section_keys),
        derived=frozenset(ref for ref in report.derived if ref in kept),
        annotations={ref: text for ref, text in report.annotations.items() if ref in kept},
    )
