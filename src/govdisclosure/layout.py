"""The declarative layout of a format variant: sections, tables, rows, columns and relations.

A :class:`Layout` is the single source of truth for one format variant (``national-2021``,
``national-2019``, or a regional extension).  The typed model, the relations, the hypothesis
strategies, total-filling, the readers and the writers all walk it; nothing else restates a
label or a sum.

Rows and columns are both :class:`Node` trees ("axes").  A node either carries numbers
(``data``) or is a pure group label (``三、本年度办理结果``, ``（三）不予公开``).  Some real
reports print extra or fewer rows and columns than the template; those *layout features*
(e.g. ``single_other_row``) switch nodes on or off, and :meth:`Layout.resolve` gives the
concrete grid for a set of features.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from functools import cache

from attrs import field, frozen

__all__ = [
    "AxisSum",
    "Balance",
    "CellRef",
    "Feature",
    "GroupSum",
    "Layout",
    "Node",
    "RelationTemplate",
    "ResolvedLayout",
    "SectionSpec",
    "TableSpec",
    "ValueKind",
]


class ValueKind(enum.StrEnum):
    """What a numeric cell holds."""

    COUNT = "count"
    """A non-negative integer (件)."""
    SIGNED_COUNT = "signed_count"
    """An integer that may be negative (2019 ``本年增/减``)."""
    AMOUNT = "amount"
    """An exact decimal amount (万元)."""


@frozen(kw_only=True)
class Node:
    """A row or a column of a table, possibly with children.

    ``key`` is a stable English identifier; ``label`` is the official Chinese label verbatim.
    A node with ``scope=False`` is a printed group label that does not add to the key path
    (``三、本年度办理结果`` groups rows whose keys are ``disclosed``, ``withheld`` ...).
    """

    key: str
    label: str
    children: tuple[Node, ...] = ()
    data: bool = True
    """Carries numbers in the plain layout (leaf rows/columns).  Group nodes default to False."""
    data_when: frozenset[str] = frozenset()
    """Layout features that make a group node carry numbers (a printed subtotal)."""
    excluded_by: frozenset[str] = frozenset()
    """Layout features under which this node (and its subtree) is not printed."""
    requires: frozenset[str] = frozenset()
    """Layout features that must be on for this node to exist (an added column)."""
    scope: bool = True
    kind: ValueKind = ValueKind.COUNT
    unit: str = "件"
    aliases: tuple[str, ...] = ()
    """Printed label variants that readers accept (typos, half-width brackets are handled generically)."""
    subtotal_label: str | None = None
    """Label printed for a group's own data cell (``小计``) when it carries numbers."""
    anchor: str | None = None
    """For nodes added by a regional extension: the national node they are anchored under."""

    def present(self, features: frozenset[str]) -> bool:
        """Whether the node is printed under these layout features."""
        return self.requires <= features and not (self.excluded_by & features)

    def has_data(self, features: frozenset[str]) -> bool:
        """Whether the node carries numbers under these layout features."""
        if not self.present(features):
            return False
        if self.children and any(c.present(features) for c in self.children):
            return bool(self.data_when & features) or (self.data and not self.children)
        return self.data or bool(self.data_when & features)


@frozen(kw_only=True)
class Feature:
    """A layout variant seen in real reports that the model must be able to hold."""

    key: str
    label_zh: str
    label_en: str


@frozen(kw_only=True)
class AxisSum:
    """``total = Σ parts`` along one axis, for every data node of the other axis.

    ``axis="row"``: the total is a row and the parts are rows (one relation per column).
    ``axis="column"``: the total is a column and the parts are columns (one relation per row).
    A part that is a group without data in the resolved layout expands to its data descendants.
    """

    id: str
    axis: str
    total: str
    parts: tuple[str, ...]
    description_zh: str
    description_en: str


@frozen(kw_only=True)
class GroupSum:
    """Every group node on ``axis`` that carries numbers equals the sum of its children."""

    id: str
    axis: str
    description_zh: str
    description_en: str


@frozen(kw_only=True)
class Balance:
    """``Σ lhs rows = Σ rhs rows`` for every column (the 勾稽 of 表三)."""

    id: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    description_zh: str
    description_en: str


RelationTemplate = AxisSum | GroupSum | Balance


@frozen(kw_only=True)
class TableSpec:
    """One table (or one block of 表二) with its row and column axes and its relations."""

    key: str
    section: str
    label: str
    """The heading printed above the table or block (``第二十条第（一）项``)."""
    number_zh: str
    """How people refer to the table (``表二``, ``表三``)."""
    rows: tuple[Node, ...]
    columns: tuple[Node, ...]
    row_header: str = ""
    """The label of the header cell above the row labels (``信息内容``)."""
    corner_note: str = ""
    """The note printed in the top-left cell (the 勾稽 note of 表三)."""
    relations: tuple[RelationTemplate, ...] = ()
    single_line: bool = False
    """The template prints all rows side by side as column groups on one line (表四)."""
    anchor: str | None = None


@frozen(kw_only=True)
class SectionSpec:
    """One of the report's numbered sections."""

    key: str
    heading: str
    """The heading exactly as in the template, numeral included (``一、总体情况``)."""
    aliases: tuple[str, ...] = ()
    """Longer or older heading texts seen in real reports (without the numeral)."""
    keywords: tuple[tuple[str, ...], ...] = ()
    """What a heading worded otherwise must say to stand for this section: one word of each
    group (``(("问题", "不足"), ("改进", "措施"))``).  Readers accept such a heading only when it
    carries this section's own top-level numeral (``五、存在问题及改进情况``) and is short."""


class CellRef(tuple[str, str, str]):
    """The address of one cell: ``(table key, row path, column key)``.

    ``str(ref)`` is the dotted path used in JSON errors and findings
    (``requests.withheld.state_secret.commercial``).

    >>> ref = CellRef("requests", "withheld.state_secret", "commercial")
    >>> str(ref)
    'requests.withheld.state_secret.commercial'
    >>> ref.table, ref.row, ref.column
    ('requests', 'withheld.state_secret', 'commercial')
    """

    __slots__ = ()

    def __new__(cls, table: str, row: str, column: str) -> CellRef:
        return tuple.__new__(cls, (table, row, column))

    def __getnewargs__(self) -> tuple[str, str, str]:  # so that pickle (multiprocessing) can rebuild it
        return (self[0], self[1], self[2])

    @property
    def table(self) -> str:
        """The table key (``requests``)."""
        return self[0]

    @property
    def row(self) -> str:
        """The row path, dotted below a group (``withheld.state_secret``)."""
        return self[1]

    @property
    def column(self) -> str:
        """The column key (``natural_person``)."""
        return self[2]

    def __str__(self) -> str:
        return f"{self[0]}.{self[1]}.{self[2]}"

    def __repr__(self) -> str:
        return f"CellRef({self[0]!r}, {self[1]!r}, {self[2]!r})"

    @classmethod
    def parse(cls, text: str, layout: Layout) -> CellRef:
        """Parse a dotted path against a layout (row paths may contain dots)."""
        table, _, rest = text.partition(".")
        row, _, column = rest.rpartition(".")
        ref = cls(table, row, column)
        if table not in layout.table_keys:
            raise KeyError(f"unknown table {table!r} in {text!r}")
        return ref


@frozen(kw_only=True, eq=False, repr=False)
class ResolvedTable:
    """A table's concrete data rows and columns under one set of layout features."""

    spec: TableSpec
    row_paths: tuple[str, ...]
    column_keys: tuple[str, ...]
    row_nodes: dict[str, Node] = field(eq=False, repr=False)
    column_nodes: dict[str, Node] = field(eq=False, repr=False)
    all_row_paths: tuple[str, ...] = field(eq=False, repr=False)
    """Every present row path, group rows included, in printed order."""


@frozen(kw_only=True, eq=False, repr=False)
class ResolvedLayout:
    """A layout with its features applied: the flat list of cells and the concrete relations."""

    layout: Layout
    features: frozenset[str]
    tables: tuple[ResolvedTable, ...]
    cells: tuple[CellRef, ...]
    index: dict[CellRef, int] = field(repr=False)

    def table(self, key: str) -> ResolvedTable:
        """The resolved table with this key; ``KeyError`` if there is none."""
        for t in self.tables:
            if t.spec.key == key:
                return t
        raise KeyError(key)


def _walk(nodes: tuple[Node, ...], features: frozenset[str], prefix: str = "") -> Iterator[tuple[str, Node]]:
    """Yield ``(path, node)`` for every present node, depth first, in printed order."""
    for node in nodes:
        if not node.present(features):
            continue
        path = f"{prefix}.{node.key}" if prefix and node.scope else (node.key if node.scope else prefix)
        if node.scope:
            yield path, node
        else:
            # an unscoped group label: its own "path" is its key, but children keep the prefix
            yield node.key, node
        yield from _walk(node.children, features, path if node.scope else prefix)


def data_paths(nodes: tuple[Node, ...], features: frozenset[str]) -> list[tuple[str, Node]]:
    """The present nodes that carry numbers, with their paths, in printed order."""
    return [(p, n) for p, n in _walk(nodes, features) if n.has_data(features)]


@frozen(kw_only=True, eq=False, repr=False)
class Layout:
    """A format variant: its identity, sections, tables, features and relations.

    Layouts compare by identity; a variant is registered once, through the plugin hooks.
    """

    id: str
    title: str
    """The format's official name (``国办公开办函〔2021〕30号《…年度报告格式》``)."""
    document_number: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    features: tuple[Feature, ...] = ()
    base: Layout | None = None
    """For a regional extension: the variant it extends (its reports project onto it)."""
    description_zh: str = ""
    description_en: str = ""

    @property
    def table_keys(self) -> tuple[str, ...]:
        """The keys of the tables, in printed order."""
        return tuple(t.key for t in self.tables)

    def table(self, key: str) -> TableSpec:
        """The table with this key; ``KeyError`` if there is none."""
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(f"{self.id}: no table {key!r}")

    def section(self, key: str) -> SectionSpec:
        """The section with this key; ``KeyError`` if there is none."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(f"{self.id}: no section {key!r}")

    def tables_in(self, section: str) -> tuple[TableSpec, ...]:
        """The tables printed in the section with this key, in order."""
        return tuple(t for t in self.tables if t.section == section)

    def feature_keys(self) -> frozenset[str]:
        """The keys of the layout features this variant declares."""
        return frozenset(f.key for f in self.features)

    def resolve(self, features: frozenset[str] = frozenset()) -> ResolvedLayout:
        """The concrete grid under these layout features (cached)."""
        return _resolve(self, features)

    def __attrs_post_init__(self) -> None:
        _KNOWN_LAYOUTS.setdefault(self.id, self)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        # layouts compare by identity: pickle by ID so that a report sent to a worker process and
        # back still has the very same layout object
        return (_layout_by_id, (self.id,))

    def __repr__(self) -> str:
        return f"Layout({self.id!r})"

    def applies_to(self, year: int) -> bool:
        """Whether reports for this year use this format.

        >>> from govdisclosure import NATIONAL_2019
        >>> NATIONAL_2019.applies_to(2020), NATIONAL_2019.applies_to(2021)
        (True, False)
        """
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


_KNOWN_LAYOUTS: dict[str, Layout] = {}


def _layout_by_id(layout_id: str) -> Layout:
    """The first layout created with this ID in this process (used when unpickling)."""
    try:
        return _KNOWN_LAYOUTS[layout_id]
    except KeyError:
        raise KeyError(
            f"no layout {layout_id!r} in this process (import the plugin that defines it)"
        ) from None


@cache
def _resolve(layout: Layout, features: frozenset[str]) -> ResolvedLayout:
    unknown = features - layout.feature_keys()
    if unknown:
        raise ValueError(f"{layout.id}: unknown layout feature(s) {sorted(unknown)}")
    tables = []
    cells: list[CellRef] = []
    for spec in layout.tables:
        rows = data_paths(spec.rows, features)
        cols = data_paths(spec.columns, features)
        t = ResolvedTable(
            spec=spec,
            row_paths=tuple(p for p, _ in rows),
            column_keys=tuple(p for p, _ in cols),
            row_nodes=dict(_walk(spec.rows, features)),
            column_nodes=dict(_walk(spec.columns, features)),
            all_row_paths=tuple(p for p, _ in _walk(spec.rows, features)),
        )
        tables.append(t)
        for r, _ in rows:
            for c, _ in cols:
                cells.append(CellRef(spec.key, r, c))
    return ResolvedLayout(
        layout=layout,
        features=features,
        tables=tuple(tables),
        cells=tuple(cells),
        index={ref: i for i, ref in enumerate(cells)},
    )
