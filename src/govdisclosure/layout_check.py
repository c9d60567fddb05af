"""Well-formedness of a layout: what a registered variant must satisfy.

Checked when a variant is registered (so a broken plugin is named at load time):
unique keys, every relation resolvable, and — for a regional extension — that it keeps every
section, table, row, column, label and relation of its base unchanged.
"""

from __future__ import annotations

from .layout import AxisSum, Balance, GroupSum, Layout, Node, TableSpec
from .relations import relations_for

__all__ = ["validate_layout"]

_RESERVED = frozenset(
    {"format", "schema_version", "agency", "year", "title", "features", "preamble", "sections",
     "derived", "annotations"}
)


def _node_paths(nodes: tuple[Node, ...], prefix: str = "") -> dict[str, Node]:
    out: dict[str, Node] = {}
    for n in nodes:
        path = (f"{prefix}.{n.key}" if prefix else n.key) if n.scope else n.key
        if path in out:
            raise ValueError(f"duplicate key {path!r}")
        out[path] = n
        for k, v in _node_paths(n.children, path if n.scope else prefix).items():
            if k in out:
                raise ValueError(f"duplicate key {k!r}")
            out[k] = v
    return out


def _check_table(layout: Layout, t: TableSpec) -> None:
    if not t.key.isidentifier() or t.key in _RESERVED:
        raise ValueError(f"table key {t.key!r} is not an identifier or is reserved")
    if t.section not in {s.key for s in layout.sections}:
        raise ValueError(f"table {t.key!r} is in unknown section {t.section!r}")
    rows = _node_paths(t.rows)
    cols = _node_paths(t.columns)
    for tpl in t.relations:
        if isinstance(tpl, AxisSum):
            names = rows if tpl.axis == "row" else cols
            for p in (tpl.total, *tpl.parts):
                if p not in names:
                    raise ValueError(f"relation {tpl.id!r} names unknown {tpl.axis} {p!r} of table {t.key!r}")
        elif isinstance(tpl, Balance):
            for p in (*tpl.lhs, *tpl.rhs):
                if p not in rows:
                    raise ValueError(f"relation {tpl.id!r} names unknown row {p!r} of table {t.key!r}")
        elif isinstance(tpl, GroupSum):
            if tpl.axis not in ("row", "column"):
                raise ValueError(f"relation {tpl.id!r} has unknown axis {tpl.axis!r}")


def _check_extension(layout: Layout, base: Layout) -> None:
    sections = {s.key: s for s in layout.sections}
    for s in base.sections:
        if sections.get(s.key) != s:
            raise ValueError(f"may not redefine or remove base section {s.key!r} ({s.heading})")
    tables = {t.key: t for t in layout.tables}
    for bt in base.tables:
        t = tables.get(bt.key)
        if t is None:
            raise ValueError(f"may not remove base table {bt.key!r} ({bt.label})")
        for axis, base_nodes, nodes in (("row", bt.rows, t.rows), ("column", bt.columns, t.columns)):
            mine = _node_paths(nodes)
            for path, node in _node_paths(base_nodes).items():
                got = mine.get(path)
                if got is None:
                    raise ValueError(f"may not remove base {axis} {bt.key}.{path} ({node.label})")
                if got.label != node.label or got.kind != node.kind or got.data != node.data:
                    raise ValueError(
                        f"may not redefine base {axis} {bt.key}.{path}: label {node.label!r} became {got.label!r}"
                    )
        base_rel = {r.id: r for r in bt.relations}
        my_rel = {r.id: r for r in t.relations}
        for rid, rel in base_rel.items():
            if my_rel.get(rid) != rel:
                raise ValueError(f"may not redefine or remove base relation {rid!r}")
    for f in base.features:
        if f not in layout.features:
            raise ValueError(f"may not remove base layout feature {f.key!r}")


def validate_layout(layout: Layout) -> None:
    """Raise ``ValueError`` describing the first problem of a malformed layout."""
    if not layout.id or layout.id != layout.id.strip():
        raise ValueError("a variant needs a non-empty id")
    keys = [t.key for t in layout.tables]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate table keys in {keys}")
    skeys = [s.key for s in layout.sections]
    if len(skeys) != len(set(skeys)):
        raise ValueError(f"duplicate section keys in {skeys}")
    for t in layout.tables:
        _check_table(layout, t)
    if layout.base is not None:
        _check_extension(layout, layout.base)
    # every relation must expand on the plain layout
    relations_for(layout.resolve(frozenset()))
