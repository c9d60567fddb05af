"""Build a report from its parts, computing every total from the layout's relations.

For software that *generates* reports: give the leaf cells (and optionally some totals); every
total that is not given is computed from the relations and marked as derived.  Given totals are
kept as they are, even when they disagree (values as printed); the checks report the mismatch.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import cast

from .cells import CellValue, Placeholder
from .layout import AxisSum, CellRef, GroupSum, Layout, ValueKind
from .model import Agency, Report, Section
from .relations import relations_for

__all__ = ["build_report", "derivable_cells", "fill_totals"]


def derivable_cells(layout: Layout, features: frozenset[str] = frozenset()) -> frozenset[CellRef]:
    """Cells that are the total of some sum relation (what :func:`fill_totals` can compute)."""
    resolved = layout.resolve(features)
    return frozenset(
        r.lhs[0]
        for r in relations_for(resolved)
        if isinstance(r.template, AxisSum | GroupSum) and len(r.lhs) == 1
    )


def fill_totals(report: Report) -> Report:
    """Fill every not-printed total that its relation can compute, marking it derived."""
    resolved = report.resolved
    sums = [
        r for r in relations_for(resolved) if isinstance(r.template, AxisSum | GroupSum) and len(r.lhs) == 1
    ]
    cells: list[CellValue] = list(report.cells)
    filled: set[CellRef] = set()
    changed = True
    while changed:
        changed = False
        for rel in sums:
            target = rel.lhs_index[0]
            if cells[target] is not None:
                continue
            parts = [cells[i] for i in rel.rhs_index]
            if any(p is None or isinstance(p, Placeholder) for p in parts):
                continue
            total: int | Decimal = 0
            for p in parts:
                total += cast("int | Decimal", p)  # checked above: no None, no placeholder
            cells[target] = total
            filled.add(rel.lhs[0])
            changed = True
    if not filled:
        return report
    return report.with_cells({ref: cells[resolved.index[ref]] for ref in filled}, derived=True)


def _section_tuple(layout: Layout, sections: Mapping[str, str]) -> tuple[Section, ...]:
    unknown = set(sections) - {s.key for s in layout.sections}
    if unknown:
        raise KeyError(f"{layout.id}: unknown section key(s) {sorted(unknown)}")
    return tuple(
        Section(key=s.key, heading=s.heading, text=sections[s.key])
        for s in layout.sections
        if s.key in sections
    )


def build_report(
    layout: Layout,
    *,
    agency: Agency | str,
    year: int,
    cells: Mapping[CellRef, CellValue] | Mapping[str, Mapping[str, Mapping[str, CellValue]]] = {},
    sections: Mapping[str, str] | None = None,
    features: frozenset[str] = frozenset(),
    title: str | None = None,
    preamble: str = "",
    fill: bool = True,
    missing: CellValue = None,
) -> Report:
    """Build a report of ``layout`` from its parts.

    ``cells`` is either ``{CellRef: value}`` or nested ``{table: {row path: {column: value}}}``.
    Cells not given are not printed (``None``), or ``missing`` (e.g. ``0``) for every cell that is
    not a computable total; with ``fill=True`` every total that can be computed from its parts is
    filled and marked derived.
    """
    resolved = layout.resolve(features)
    totals = derivable_cells(layout, features) if missing is not None else frozenset()
    values: list[CellValue] = [None if ref in totals else missing for ref in resolved.cells]
    flat: dict[CellRef, CellValue] = {}
    for k, v in cells.items():
        if isinstance(k, CellRef):
            flat[k] = cast(CellValue, v)
        else:
            assert isinstance(v, Mapping)
            for row, cols in v.items():
                for col, value in cols.items():
                    flat[CellRef(k, row, col)] = value
    for ref, v in flat.items():
        try:
            values[resolved.index[ref]] = v
        except KeyError:
            raise KeyError(f"{layout.id} has no cell {ref}") from None
    for i, ref in enumerate(resolved.cells):  # an amount (万元) is always an exact Decimal
        v = values[i]
        if type(v) is int and resolved.table(ref.table).column_nodes[ref.column].kind is ValueKind.AMOUNT:
            values[i] = Decimal(v)
    if isinstance(agency, str):
        agency = Agency(name=agency)
    report = Report(
        layout=layout,
        agency=agency,
        year=year,
        cells=tuple(values),
        features=features,
        title=title,
        preamble=preamble,
        sections=_section_tuple(layout, sections or {}),
    )
    return fill_totals(report) if fill else report
