"""The printed document shared by every writer: title, preamble, sections with prose and tables.

Also the one place that turns a cell value into its printed text (:func:`value_text`) and
classifies it (:class:`CellStatus`), so every format prints a value the same way.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

from ..cells import CellValue, Placeholder
from ..layout import CellRef
from ..model import Report
from .grid import TableGrid, table_grids

__all__ = [
    "CellStatus",
    "SectionBlock",
    "cell_status",
    "outline",
    "report_title",
    "table_title",
    "value_text",
]


class CellStatus(enum.StrEnum):
    """How a cell's value came to be."""

    PRINTED = "printed"
    DERIVED = "derived"
    """Computed (e.g. a total filled by :func:`~govdisclosure.build_report`), not printed."""
    PLACEHOLDER = "placeholder"
    NOT_PRINTED = "not_printed"


@frozen(kw_only=True)
class SectionBlock:
    """One section as printed: heading, prose and the tables that belong to it."""

    key: str | None
    heading: str
    text: str
    tables: tuple[TableGrid, ...]


def value_text(value: CellValue, annotation: str | None = None) -> str:
    """A value as printed: ``None`` → ``""``; a placeholder → its mark; an amount exactly as stored.

    An annotation is appended as printed (``22（其中修订16件）``).
    """
    if value is None:
        text = ""
    elif type(value) is int:
        text = str(value)
    elif isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, Placeholder):
        text = value.value
    else:
        text = str(value)
    return text + annotation if annotation else text


def cell_status(report: Report, ref: CellRef, value: CellValue) -> CellStatus:
    """``not_printed`` (None), ``placeholder``, ``derived`` (in ``report.derived``) or ``printed``."""
    if value is None:
        return CellStatus.NOT_PRINTED
    if isinstance(value, Placeholder):
        return CellStatus.PLACEHOLDER
    if ref in report.derived:
        return CellStatus.DERIVED
    return CellStatus.PRINTED


def report_title(report: Report) -> str:
    """The report's printed title, or the customary one (``某机关2024年政府信息公开工作年度报告``)."""
    return report.title or f"{report.agency.name}{report.year}年政府信息公开工作年度报告"


def outline(report: Report) -> tuple[SectionBlock, ...]:
    """The sections in printed order, each with its tables.

    Sections are printed as the report has them (headings as printed); a section of the
    layout that the report lacks is printed with the template heading at its layout place,
    so every heading and every table of the format appears.  Tables follow their section's
    prose; a table whose section key matches no section gets a block of its own at the end.
    """
    layout = report.layout
    order = {s.key: i for i, s in enumerate(layout.sections)}
    have = {s.key for s in report.sections if s.key is not None}
    missing = [s for s in layout.sections if s.key not in have]
    entries: list[tuple[str | None, str, str]] = []
    for s in report.sections:
        if s.key in order:
            pos = order[s.key]
            while missing and order[missing[0].key] < pos:
                m = missing.pop(0)
                entries.append((m.key, m.heading, ""))
        entries.append((s.key, s.heading, s.text))
    entries.extend((m.key, m.heading, "") for m in missing)
    grids = table_grids(layout, report.features)
    placed: set[str] = set()
    blocks: list[SectionBlock] = []
    for key, heading, text in entries:
        tables: tuple[TableGrid, ...] = ()
        if key is not None and key not in placed:
            placed.add(key)
            tables = tuple(g for g in grids if g.section == key)
        blocks.append(SectionBlock(key=key, heading=heading, text=text, tables=tables))
    for g in grids:
        if g.section not in placed:
            blocks.append(SectionBlock(key=g.section, heading="", text="", tables=(g,)))
    return tuple(blocks)


def table_title(report: Report, grid: TableGrid) -> str:
    """A caption for a printed table: ``表三 收到和处理政府信息公开申请情况``.

    A table of several blocks (表二) is named after its section heading (numeral dropped).
    """
    if len(grid.blocks) == 1:
        name = grid.specs[0].label
    else:
        try:
            name = report.layout.section(grid.section).heading.split("、", 1)[-1]
        except KeyError:
            name = grid.specs[0].label
    return f"{grid.number_zh} {name}".strip()
