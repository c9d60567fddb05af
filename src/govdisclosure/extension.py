"""Regional variants: build an extension layout from its base without restating a national label.

A regional variant (like an XBRL extension taxonomy) names its base variant and may add sections,
tables, rows, columns and relations; it may not redefine or remove anything of the base
(:func:`govdisclosure.layout_check.validate_layout` enforces that when the variant is registered).
:func:`extend` copies every national node from the base and places the additions::

    from govdisclosure.extension import extend
    from govdisclosure.layout import Node
    from govdisclosure.variants.national import NATIONAL_2019

    HUBEI_2020 = extend(
        NATIONAL_2019,
        id="hubei-2020",
        title="湖北省政府信息公开工作年度报告格式（2020）",
        add_rows={"regulations": [
            ("normative_documents", Node(key="other_documents", label="其他主动公开文件")),
        ]},
    )

An added row or column is given as ``(anchor, node)``: ``anchor`` is a base row path (column key)
of that table — the node is printed right after it, as its sibling — or the table key itself —
the node is appended at the end of the table's top level.  The node's ``anchor`` field is set to
``anchor``.  Nodes added inside a base group change that group's sums and are rejected at
registration: put regional rows next to national rows, never inside a national sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from .layout import Feature, Layout, Node, RelationTemplate, SectionSpec, TableSpec

__all__ = ["extend"]

Addition = tuple[str, Node]
"""``(anchor, node)``: a base row path / column key, or the table key to append at the top level."""


def _insert(
    nodes: tuple[Node, ...], anchor: str, new: Node, prefix: str = ""
) -> tuple[tuple[Node, ...], bool]:
    """``nodes`` with ``new`` inserted right after the node at path ``anchor``, as its sibling."""
    out: list[Node] = []
    done = False
    for node in nodes:
        n = node
        path = (f"{prefix}.{n.key}" if prefix else n.key) if n.scope else n.key
        if not done and n.children:
            children, done = _insert(n.children, anchor, new, path if n.scope else prefix)
            if done:
                n = attrs.evolve(n, children=children)
        out.append(n)
        if not done and path == anchor:
            out.append(new)
            done = True
    return tuple(out), done


def _add_nodes(spec: TableSpec, axis: str, additions: Iterable[Addition]) -> TableSpec:
    nodes = spec.rows if axis == "row" else spec.columns
    for anchor, node in additions:
        if not isinstance(node, Node):
            raise TypeError(f"table {spec.key!r}: expected a Node to add, got {type(node).__name__}")
        placed = attrs.evolve(node, anchor=anchor)
        if anchor == spec.key:
            nodes, found = (*nodes, placed), True
        else:
            nodes, found = _insert(nodes, anchor, placed)
        if not found:
            raise KeyError(f"table {spec.key!r} has no {axis} {anchor!r} to anchor {node.key!r} under")
    return attrs.evolve(spec, rows=nodes) if axis == "row" else attrs.evolve(spec, columns=nodes)


def extend(
    base: Layout,
    *,
    id: str,
    title: str,
    add_rows: Mapping[str, Sequence[Addition]] | None = None,
    add_columns: Mapping[str, Sequence[Addition]] | None = None,
    add_tables: Sequence[TableSpec] = (),
    add_sections: Sequence[SectionSpec] = (),
    add_relations: Mapping[str, Sequence[RelationTemplate]] | None = None,
    add_features: Sequence[Feature] = (),
    document_number: str | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    description_zh: str = "",
    description_en: str = "",
) -> Layout:
    """A new :class:`~govdisclosure.layout.Layout` extending ``base``.

    ``add_rows`` / ``add_columns``: ``{table key: [(anchor, Node), ...]}`` for base or added
    tables.  ``add_tables``: new tables, placed after the last table of their section (new
    sections' tables at the end); their ``anchor`` is set to that preceding table's key.
    ``add_sections``: new sections, appended after the base's.  ``add_relations``:
    ``{table key: [relation template, ...]}`` appended to the table's relations.
    ``add_features``: extra layout features.  Year range and document number default to the base's.
    Raises ``KeyError`` for an unknown table or anchor; well-formedness is checked by
    :func:`~govdisclosure.layout_check.validate_layout` (called at registration).
    """
    add_rows = dict(add_rows or {})
    add_columns = dict(add_columns or {})
    add_relations = dict(add_relations or {})
    tables = list(base.tables)
    for new in add_tables:
        positions = [i for i, t in enumerate(tables) if t.section == new.section]
        at = positions[-1] + 1 if positions else len(tables)
        anchor = tables[at - 1].key if at else None
        tables.insert(at, new if new.anchor else attrs.evolve(new, anchor=anchor))
    by_key = {t.key: i for i, t in enumerate(tables)}
    for what, mapping in (("rows", add_rows), ("columns", add_columns), ("relations", add_relations)):
        unknown = set(mapping) - set(by_key)
        if unknown:
            raise KeyError(f"{id}: cannot add {what} to unknown table(s) {sorted(unknown)}")
    for key, i in by_key.items():
        spec = tables[i]
        if key in add_rows:
            spec = _add_nodes(spec, "row", add_rows[key])
        if key in add_columns:
            spec = _add_nodes(spec, "column", add_columns[key])
        if key in add_relations:
            spec = attrs.evolve(spec, relations=(*spec.relations, *add_relations[key]))
        tables[i] = spec
    return Layout(
        id=id,
        title=title,
        document_number=base.document_number if document_number is None else document_number,
        first_year=base.first_year if first_year is None else first_year,
        last_year=base.last_year if last_year is None else last_year,
        sections=(*base.sections, *add_sections),
        tables=tuple(tables),
        features=(*base.features, *add_features),
        base=base,
        description_zh=description_zh,
        description_en=description_en,
    )
