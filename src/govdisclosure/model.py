"""The typed domain model: a report as frozen objects, with its cells as printed.

A :class:`Report` holds its variant's :class:`~govdisclosure.layout.Layout`, the layout features
it was printed with, the agency, year, sections and one flat tuple of cell values aligned with
the resolved layout.  Labels and relations come from the layout, never from this module.

Attribute access reads naturally and is derived from the layout's keys::

    report.requests.received.natural_person          # 表三 一、本年新收 × 自然人
    report.requests.withheld.state_secret.commercial # 表三 （三）1 × 商业企业
    report.value("appeals", "review", "total")      # generic access for code that walks any variant
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
from attrs import field, frozen

from .cells import CellValue
from .layout import CellRef, Layout, ResolvedLayout, ResolvedTable
from .relations import RelationResults, evaluator_for

__all__ = ["Agency", "AgencyLevel", "Report", "RowView", "Section", "TableView"]


class AgencyLevel(enum.StrEnum):
    """The administrative level of the reporting body."""

    CENTRAL = "central"
    """国务院部门 and other central bodies."""
    PROVINCIAL = "provincial"
    PREFECTURAL = "prefectural"
    COUNTY = "county"
    TOWNSHIP = "township"
    UNKNOWN = "unknown"


def _check_region_code(_inst: object, _attr: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not (len(value) == 6 and value.isascii() and value.isdigit()):
        raise ValueError(f"region_code must be 6 ASCII digits (GB/T 2260), got {value!r}")


@frozen(kw_only=True)
class Agency:
    """The body that publishes the report."""

    name: str
    level: AgencyLevel = AgencyLevel.UNKNOWN
    region_code: str | None = field(default=None, validator=_check_region_code)
    """Optional 6-digit administrative division code (GB/T 2260)."""


@frozen(kw_only=True)
class Section:
    """One numbered section as printed: its key (``None`` if unrecognised), heading and text."""

    heading: str
    key: str | None = None
    text: str = ""


def _tables_view_error(name: str, layout: Layout) -> AttributeError:
    return AttributeError(f"{layout.id} has no table {name!r} (tables: {', '.join(layout.table_keys)})")


@frozen(kw_only=True, eq=False)
class TableView:
    """A read-only view of one table of a report; attributes are row keys."""

    report: Report
    table: ResolvedTable

    def __getattr__(self, name: str) -> RowView:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self.table.row_nodes:
            return RowView(report=self.report, table=self.table, path=name)
        raise AttributeError(f"table {self.table.spec.key!r} has no row {name!r}")

    def row(self, path: str) -> RowView:
        """A view of the row (or row group) at this dotted path (``withheld.state_secret``)."""
        if path not in self.table.row_nodes:
            raise KeyError(f"table {self.table.spec.key!r} has no row {path!r}")
        return RowView(report=self.report, table=self.table, path=path)

    def __iter__(self) -> Iterator[RowView]:
        for p in self.table.row_paths:
            yield RowView(report=self.report, table=self.table, path=p)


@frozen(kw_only=True, eq=False)
class RowView:
    """A view of one row (or row group); attributes are column keys or child row keys."""

    report: Report
    table: ResolvedTable
    path: str

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self.table.column_nodes and self.path in self.table.row_paths:
            return self.report.value(self.table.spec.key, self.path, name)
        child = f"{self.path}.{name}"
        if child in self.table.row_nodes:
            return RowView(report=self.report, table=self.table, path=child)
        raise AttributeError(f"row {self.table.spec.key}.{self.path} has no column or child {name!r}")

    def values(self) -> dict[str, CellValue]:
        """The row's cells by column key (data rows only)."""
        key = self.table.spec.key
        return {c: self.report.value(key, self.path, c) for c in self.table.column_keys}


@frozen(kw_only=True)
class Report:
    """A 政府信息公开工作年度报告, with every value as printed.

    Build one with :func:`govdisclosure.build_report` (totals filled and marked derived), load
    one with :func:`govdisclosure.load_json` / :func:`~govdisclosure.load_toml`, or read one
    from a published file.  ``cells`` is aligned with ``layout.resolve(features).cells``.
    """

    layout: Layout
    agency: Agency
    year: int
    cells: tuple[CellValue, ...]
    features: frozenset[str] = frozenset()
    title: str | None = None
    preamble: str = ""
    sections: tuple[Section, ...] = ()
    derived: frozenset[CellRef] = frozenset()
    """Cells whose value was computed (e.g. totals filled by :func:`build_report`), not printed."""
    annotations: Mapping[CellRef, str] = field(factory=dict, hash=False)
    """Printed qualifiers next to a value, e.g. ``（其中修订16件）`` after 22."""

    def __attrs_post_init__(self) -> None:
        expected = len(self.resolved.cells)
        if len(self.cells) != expected:
            raise ValueError(f"{self.layout.id}: expected {expected} cells, got {len(self.cells)}")

    @property
    def variant(self) -> str:
        """The variant ID (``national-2021``)."""
        return self.layout.id

    @property
    def resolved(self) -> ResolvedLayout:
        """The layout resolved under this report's features (its concrete cells and tables)."""
        return self.layout.resolve(self.features)

    def __getattr__(self, name: str) -> TableView:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            table = self.layout.resolve(self.features).table(name)
        except KeyError:
            raise _tables_view_error(name, self.layout) from None
        return TableView(report=self, table=table)

    def table(self, key: str) -> TableView:
        """A view of one table by key (``report.table("requests")`` is ``report.requests``)."""
        return TableView(report=self, table=self.resolved.table(key))

    def value(self, table: str, row: str, column: str) -> CellValue:
        """The cell at (table key, row path, column key); ``KeyError`` if the layout has no such cell."""
        ref = CellRef(table, row, column)
        try:
            return self.cells[self.resolved.index[ref]]
        except KeyError:
            raise KeyError(f"{self.layout.id} has no cell {ref}") from None

    def __getitem__(self, ref: CellRef | str) -> CellValue:
        if isinstance(ref, str) and not isinstance(ref, CellRef):
            ref = CellRef.parse(ref, self.layout)
        return self.value(*ref)

    def items(self) -> Iterator[tuple[CellRef, CellValue]]:
        """Every cell with its value, in layout order."""
        return zip(self.resolved.cells, self.cells, strict=True)

    def section(self, key: str) -> Section | None:
        """The first printed section with this key, if any."""
        for s in self.sections:
            if s.key == key:
                return s
        return None

    def section_text(self, key: str) -> str:
        """The text of the section with this key, or ``""`` if it was not printed."""
        s = self.section(key)
        return s.text if s else ""

    def relations(self) -> RelationResults:
        """Evaluate every relation of the layout on this report (a sequence in layout order)."""
        return evaluator_for(self.resolved)(self.cells)

    def with_cells(self, changes: Mapping[CellRef, CellValue], *, derived: bool = False) -> Report:
        """A copy with some cells replaced (the originals are never modified)."""
        index = self.resolved.index
        cells = list(self.cells)
        for ref, v in changes.items():
            try:
                cells[index[ref]] = v
            except KeyError:
                raise KeyError(f"{self.layout.id} has no cell {ref}") from None
        new_derived = (self.derived | set(changes)) if derived else (self.derived - set(changes))
        return attrs.evolve(self, cells=tuple(cells), derived=frozenset(new_derived))

    def numeric_total(self, refs: tuple[CellRef, ...]) -> int | Decimal | None:
        """Sum of the printed numbers at refs, or ``None`` if any is not a number."""
        total: int | Decimal = 0
        for r in refs:
            v = self.value(*r)
            if v is None or not isinstance(v, int | Decimal) or isinstance(v, bool):
                return None
            total += v
        return total
