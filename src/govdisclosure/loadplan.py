"""The generated fast path of loading: a whole, well-formed document of one resolved layout.

:func:`document_reader` compiles, once per :class:`~govdisclosure.layout.ResolvedLayout`, a
function that reads every table of a JSON-like dict into the flat cell vector in one pass:
one subscript per nested object, one ``itemgetter`` call per data row, one key count for the
whole tree (every expected key was found, so equal totals mean no unknown key anywhere) and
C-level checks of the values.  It handles the common case only — every table present with
exactly the layout's rows and columns, counts as non-negative integers, signed counts as
integers, amounts as decimal strings or non-negative integers — and returns ``None`` on
anything else (``null``, a placeholder, a missing or unknown key, another type); the careful
path of :mod:`govdisclosure.serialize` then structures the document and names every problem.
The result of the fast path is always what the careful path would give.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import cast

from .cells import CellValue
from .layout import CellRef, Node, ResolvedLayout, ValueKind

__all__ = ["DocumentReader", "document_reader"]

DocumentReader = Callable[[dict[str, object]], "list[CellValue] | None"]
"""``document → the cell vector, or None`` (take the careful path)."""

AMOUNT_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def _rows(resolved: ResolvedLayout, table_key: str) -> list[tuple[str, Node, list[str]]]:
    """(JSON path of the row object, node, key path) for every keyed row of a table, in print order."""
    table = resolved.table(table_key)
    out: list[tuple[str, Node, list[str]]] = []

    def walk(nodes: tuple[Node, ...], prefix: str, keys: list[str]) -> None:
        for n in nodes:
            if not n.scope:
                walk(n.children, prefix, keys)
                continue
            path = f"{prefix}.{n.key}" if prefix else n.key
            if path not in table.row_nodes:
                continue
            out.append((path, n, [*keys, n.key]))
            walk(n.children, path, [*keys, n.key])

    walk(table.spec.rows, "", [])
    return out


@cache
def document_reader(resolved: ResolvedLayout) -> DocumentReader | None:
    """The generated fast reader of the tables of ``resolved`` (cached), or ``None`` if the
    layout's cells are not laid out row by row (the careful path then always runs)."""
    index = resolved.index
    objects: list[tuple[str, str, int]] = []  # (name, assignment, expected key count)
    row_exprs: list[tuple[int, int, str]] = []  # (first position, width, expression giving the row)
    getters: dict[tuple[str, ...], str] = {}
    namespace: dict[str, object] = {}
    kinds: list[ValueKind] = [ValueKind.COUNT] * len(resolved.cells)
    for t in resolved.tables:
        key = t.spec.key
        rows = _rows(resolved, key)
        name = f"t{len(objects)}"
        top = [r for r in rows if len(r[2]) == 1]
        objects.append((name, f"{name} = d[{key!r}]", len(top)))
        names: dict[str, str] = {}
        for path, _node, keys in rows:
            parent = names[".".join(keys[:-1])] if len(keys) > 1 else name
            obj = f"o{len(objects)}"
            names[path] = obj
            children = sum(1 for r in rows if r[2][:-1] == keys and len(r[2]) == len(keys) + 1)
            data = path in t.row_paths
            size = children + (len(t.column_keys) if data else 0)
            objects.append((obj, f"{obj} = {parent}[{keys[-1]!r}]", size))
            if not data:
                continue
            cols = tuple(t.column_keys)
            positions = [index[CellRef(key, path, c)] for c in cols]
            if positions != list(range(positions[0], positions[0] + len(cols))):
                return None
            for c, i in zip(cols, positions, strict=True):
                kinds[i] = t.column_nodes[c].kind
            if len(cols) == 1:
                row_exprs.append((positions[0], 1, f"({obj}[{cols[0]!r}],)"))
            else:
                g = getters.setdefault(cols, f"g{len(getters)}")
                namespace[g] = itemgetter(*cols)
                row_exprs.append((positions[0], len(cols), f"{g}({obj})"))
    row_exprs.sort()
    end = 0
    for start, width, _ in row_exprs:  # the rows must tile the cell vector in order
        if start != end:
            return None
        end = start + width
    if end != len(resolved.cells):
        return None
    allowed = "INT_STR" if ValueKind.AMOUNT in kinds else "INT"
    lines = [
        "def _read(d):",
        "    try:",
        *(f"        {assign}" for _, assign, _ in objects),
        f"        v = [*chain({', '.join(e for _, _, e in row_exprs)})]",
        "    except (KeyError, TypeError):",
        "        return None",
        f"    if sum(map(len, ({', '.join(n for n, _, _ in objects)},))) != {sum(s for _, _, s in objects)}:",
        "        return None",
        # one C-level pass rejects null, placeholders, booleans and floats; then the counts and
        # signed counts are checked segment by segment (array rejects negatives, strings, floats
        # and null, but takes a bool for 0 or 1)
        f"    if not set(map(type, v)) <= {allowed}:",
        "        return None",
        "    try:",
        *(f"        array({code!r}, v[{a}:{b}])" for code, a, b in _segments(kinds)),
        "    except (TypeError, OverflowError):",
        "        return None",
    ]
    for i in (i for i, k in enumerate(kinds) if k is ValueKind.AMOUNT):
        lines += [
            f"    a = v[{i}]",
            "    if (a >= 0) if a.__class__ is int else (a.__class__ is str and AMOUNT(a)):",
            f"        v[{i}] = Decimal(a)",
            "    else:",
            "        return None",
        ]
    lines.append("    return v")
    namespace.update(
        chain=chain,
        array=array,
        Decimal=Decimal,
        AMOUNT=AMOUNT_RE.match,
        INT={int},
        INT_STR={int, str},
    )
    code = compile("\n".join(lines), f"<govdisclosure document reader {resolved.layout.id}>", "exec")
    exec(code, namespace)
    return cast(DocumentReader, namespace["_read"])


def _segments(kinds: list[ValueKind]) -> list[tuple[str, int, int]]:
    """Runs of counts (array code ``Q``: non-negative) and signed counts (``q``) in the vector."""
    out: list[tuple[str, int, int]] = []
    for i, kind in enumerate(kinds):
        code = {ValueKind.COUNT: "Q", ValueKind.SIGNED_COUNT: "q"}.get(kind)
        if code is None:
            continue
        if out and out[-1][0] == code and out[-1][2] == i:
            out[-1] = (code, out[-1][1], i + 1)
        else:
            out.append((code, i, i + 1))
    return out
