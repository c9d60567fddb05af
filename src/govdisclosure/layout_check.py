"""Well-formedness of a layout: what a registered variant must satisfy.

Checked when a variant is registered (so a broken plugin is named at load time):

* identifiers: table, section, row and column keys are Python identifiers (they become JSON keys
  and dotted paths), unique where they must be, labels non-empty, features declared once and every
  feature a node names is declared;
* relations: every relation names existing rows and columns and expands under every combination
  of layout features;
* a regional extension (``layout.base`` set) keeps every section, table, row, column, label and
  relation of its base unchanged.  Each row or column it adds to a base table names its ``anchor``
  (the base node or table it is placed under), and its additions may not change what any base
  relation sums: under every combination of the base's layout features, every base cell exists
  and every concrete base relation has the same cells.  So a report of the extension always
  projects onto a report of the base (:func:`govdisclosure.projection.project`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from .layout import AxisSum, Balance, GroupSum, Layout, Node, TableSpec
from .relations import relations_for

__all__ = ["feature_combinations", "validate_layout"]

_RESERVED = frozenset(
    {
        "format",
        "schema_version",
        "agency",
        "year",
        "title",
        "features",
        "preamble",
        "sections",
        "derived",
        "annotations",
    }
)
_MAX_EXHAUSTIVE_FEATURES = 6
_NODE_FIELDS = (
    "label",
    "kind",
    "unit",
    "data",
    "data_when",
    "excluded_by",
    "requires",
    "scope",
    "subtotal_label",
)


def feature_combinations(keys: frozenset[str] | set[str]) -> Iterator[frozenset[str]]:
    """Every subset of ``keys`` (or, beyond six features, none, each single one and all of them)."""
    ordered = sorted(keys)
    if len(ordered) <= _MAX_EXHAUSTIVE_FEATURES:
        for n in range(len(ordered) + 1):
            for combo in itertools.combinations(ordered, n):
                yield frozenset(combo)
    else:
        yield frozenset()
        for k in ordered:
            yield frozenset({k})
        yield frozenset(ordered)


def _node_paths(nodes: tuple[Node, ...], prefix: str = "") -> dict[str, Node]:
    """Every node of an axis by its path (unscoped group labels by their own key), duplicates rejected."""
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


def _parents(nodes: tuple[Node, ...], prefix: str = "", parent: str | None = None) -> dict[str, str | None]:
    """Each node path → the path of the node it is printed under (``None`` at the top)."""
    out: dict[str, str | None] = {}
    for n in nodes:
        path = (f"{prefix}.{n.key}" if prefix else n.key) if n.scope else n.key
        out[path] = parent
        out.update(_parents(n.children, path if n.scope else prefix, path))
    return out


def _check_nodes(where: str, nodes: dict[str, Node], features: frozenset[str]) -> None:
    for path, n in nodes.items():
        if not n.key.isidentifier():
            raise ValueError(f"{where}: key {n.key!r} of {path!r} is not an identifier")
        if not n.label.strip():
            raise ValueError(f"{where}: {path!r} has an empty label")
        unknown = (n.data_when | n.excluded_by | n.requires) - features
        if unknown:
            raise ValueError(f"{where}: {path!r} names undeclared layout feature(s) {sorted(unknown)}")


def _check_table(layout: Layout, t: TableSpec) -> None:
    if not t.key.isidentifier() or t.key in _RESERVED:
        raise ValueError(f"table key {t.key!r} is not an identifier or is reserved")
    if t.section not in {s.key for s in layout.sections}:
        raise ValueError(f"table {t.key!r} is in unknown section {t.section!r}")
    if not t.label.strip():
        raise ValueError(f"table {t.key!r} has an empty label")
    try:
        rows = _node_paths(t.rows)
        cols = _node_paths(t.columns)
    except ValueError as exc:
        raise ValueError(f"table {t.key!r}: {exc}") from None
    if not rows or not cols:
        raise ValueError(f"table {t.key!r} needs at least one row and one column")
    features = layout.feature_keys()
    _check_nodes(f"table {t.key!r} rows", rows, features)
    _check_nodes(f"table {t.key!r} columns", cols, features)
    ids = [r.id for r in t.relations]
    if len(ids) != len(set(ids)):
        raise ValueError(f"table {t.key!r} has duplicate relation IDs in {ids}")
    for tpl in t.relations:
        if isinstance(tpl, AxisSum | GroupSum) and tpl.axis not in ("row", "column"):
            raise ValueError(f"relation {tpl.id!r} has unknown axis {tpl.axis!r}")
        if isinstance(tpl, AxisSum):
            names = rows if tpl.axis == "row" else cols
            for p in (tpl.total, *tpl.parts):
                if p not in names:
                    raise ValueError(f"relation {tpl.id!r} names unknown {tpl.axis} {p!r} of table {t.key!r}")
        elif isinstance(tpl, Balance):
            for p in (*tpl.lhs, *tpl.rhs):
                if p not in rows:
                    raise ValueError(f"relation {tpl.id!r} names unknown row {p!r} of table {t.key!r}")


def _check_axis_extension(table: TableSpec, base_table: TableSpec, axis: str) -> None:
    base_nodes, nodes = (
        (base_table.rows, table.rows) if axis == "row" else (base_table.columns, table.columns)
    )
    base_paths = _node_paths(base_nodes)
    mine = _node_paths(nodes)
    key = base_table.key
    for path, node in base_paths.items():
        got = mine.get(path)
        if got is None:
            raise ValueError(f"may not remove base {axis} {key}.{path} ({node.label})")
        for name in _NODE_FIELDS:
            if getattr(got, name) != getattr(node, name):
                raise ValueError(
                    f"may not redefine base {axis} {key}.{path} ({node.label}): its {name} "
                    f"{getattr(node, name)!r} became {getattr(got, name)!r}"
                )
        if not set(node.aliases) <= set(got.aliases):
            raise ValueError(f"may not remove printed label variants (aliases) of base {axis} {key}.{path}")
    parents = _parents(nodes)
    for path, node in mine.items():
        if path in base_paths:
            continue
        parent = parents[path]
        if parent is not None and parent not in base_paths:
            continue  # inside an added subtree: the subtree's root carries the anchor
        if node.anchor is None:
            raise ValueError(
                f"added {axis} {key}.{path} ({node.label}) needs an anchor: the base {axis} or table it is "
                f"placed under (use govdisclosure.extension.extend)"
            )
        if node.anchor != key and node.anchor not in base_paths:
            raise ValueError(
                f"added {axis} {key}.{path} ({node.label}) is anchored under {node.anchor!r}, "
                f"which is neither "
                f"table {key!r} nor one of its base {axis}s"
            )


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
        for name in ("section", "label", "number_zh", "row_header", "corner_note", "single_line"):
            if getattr(t, name) != getattr(bt, name):
                raise ValueError(f"may not redefine the {name} of base table {bt.key!r} ({bt.label})")
        _check_axis_extension(t, bt, "row")
        _check_axis_extension(t, bt, "column")
        my_rel = {r.id: r for r in t.relations}
        for rel in bt.relations:
            if my_rel.get(rel.id) != rel:
                raise ValueError(f"may not redefine or remove base relation {rel.id!r} of table {bt.key!r}")
    mine = {f.key: f for f in layout.features}
    for f in base.features:
        if mine.get(f.key) != f:
            raise ValueError(f"may not redefine or remove base layout feature {f.key!r}")
    _check_concrete(layout, base)


def _check_concrete(layout: Layout, base: Layout) -> None:
    """Under every feature combination, every base cell exists and every base relation is unchanged."""
    own = layout.feature_keys() - base.feature_keys()
    for combo in feature_combinations(base.feature_keys()):
        for extra in {frozenset(), frozenset(own)}:
            features = combo | extra
            base_res = base.resolve(combo)
            res = layout.resolve(features)
            missing = [ref for ref in base_res.cells if ref not in res.index]
            if missing:
                raise ValueError(
                    f"may not remove base cell {missing[0]} (features {sorted(features)}): a row or column "
                    f"added under a base data node turns it into a group"
                )
            mine = {r.id: r for r in relations_for(res)}
            for rel in relations_for(base_res):
                got = mine.get(rel.id)
                if got is None:
                    raise ValueError(f"may not remove base relation {rel.id} (features {sorted(features)})")
                if got.lhs != rel.lhs or sorted(got.rhs) != sorted(rel.rhs):
                    added = sorted(str(c) for c in set(got.cells) - set(rel.cells))
                    removed = sorted(str(c) for c in set(rel.cells) - set(got.cells))
                    raise ValueError(
                        f"may not change base relation {rel.id} (features {sorted(features)}): it would also "
                        f"sum {', '.join(added) or 'nothing'}"
                        + (f" and no longer {', '.join(removed)}" if removed else "")
                        + "; place added rows and columns outside the base sums"
                    )


def validate_layout(layout: Layout) -> None:
    """Raise ``ValueError`` describing the first problem of a malformed layout."""
    if not layout.id or layout.id != layout.id.strip() or any(ch.isspace() for ch in layout.id):
        raise ValueError(f"a variant needs a non-empty id without spaces, got {layout.id!r}")
    fkeys = [f.key for f in layout.features]
    if len(fkeys) != len(set(fkeys)):
        raise ValueError(f"duplicate layout feature keys in {fkeys}")
    keys = [t.key for t in layout.tables]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate table keys in {keys}")
    skeys = [s.key for s in layout.sections]
    if len(skeys) != len(set(skeys)):
        raise ValueError(f"duplicate section keys in {skeys}")
    for s in layout.sections:
        if not s.key.isidentifier() or not s.heading.strip():
            raise ValueError(f"section {s.key!r} needs an identifier key and a heading")
    for t in layout.tables:
        _check_table(layout, t)
    if layout.base is not None:
        if layout.base.id == layout.id:
            raise ValueError(f"variant {layout.id!r} cannot extend a variant with its own id")
        _check_extension(layout, layout.base)
    # every relation must expand under every combination of layout features
    for features in feature_combinations(layout.feature_keys()):
        try:
            relations_for(layout.resolve(features))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"relations do not expand under features {sorted(features)}: {exc}") from None
