"""JSON Schema (draft 2020-12) of the report document, generated from a variant's layout."""

from __future__ import annotations

from typing import Any

from .cells import PLACEHOLDER_TEXTS
from .layout import Layout, Node, TableSpec, ValueKind
from .model import AgencyLevel
from .serialize import SCHEMA_VERSION

__all__ = ["json_schema"]

_PLACEHOLDERS = sorted(PLACEHOLDER_TEXTS)


def _cell_schema(node: Node) -> dict[str, Any]:
    ph = {"type": "string", "enum": _PLACEHOLDERS, "description": "printed placeholder"}
    none = {"type": "null", "description": "not printed"}
    if node.kind is ValueKind.AMOUNT:
        num: dict[str, Any] = {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"},
                {"type": "integer", "minimum": 0},
            ],
            "description": f"amount ({node.unit or 'unit not printed'}), exact decimal",
        }
    elif node.kind is ValueKind.SIGNED_COUNT:
        num = {"type": "integer", "description": "count, may be negative"}
    else:
        num = {"type": "integer", "minimum": 0, "description": f"count ({node.unit})"}
    return {"title": node.label, "anyOf": [num, ph, none]}


def _data_columns(nodes: tuple[Node, ...]) -> dict[str, Node]:
    """Every column that may carry data under some layout feature."""
    out: dict[str, Node] = {}
    for n in nodes:
        if n.data or n.data_when or not n.children:
            out[n.key] = n
        out.update(_data_columns(n.children))
    return {k: v for k, v in out.items() if v.data or v.data_when}


def _row_schema(node: Node | None, children: tuple[Node, ...], columns: dict[str, Node]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if node is not None and (node.data or node.data_when):
        props.update({k: _cell_schema(c) for k, c in columns.items()})
    props.update(_rows(children, columns))
    schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if node is not None:
        schema["title"] = node.label
    return schema


def _rows(nodes: tuple[Node, ...], columns: dict[str, Node]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in nodes:
        if not n.scope:
            out.update(_rows(n.children, columns))
        else:
            out[n.key] = _row_schema(n, n.children, columns)
    return out


def _table_schema(t: TableSpec) -> dict[str, Any]:
    s = _row_schema(None, t.rows, _data_columns(t.columns))
    s["title"] = f"{t.number_zh} {t.label}"
    return s


def json_schema(layout: Layout) -> dict[str, Any]:
    """The JSON Schema of report documents of ``layout`` (every cell optional: absent = not printed)."""
    tables = {t.key: _table_schema(t) for t in layout.tables}
    cell_paths = {"type": "string", "pattern": "^(" + "|".join(layout.table_keys) + r")\.[a-z_.]+$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://govdisclosure.invalid/schema/v{SCHEMA_VERSION}/{layout.id}.json",
        "title": f"{layout.title} ({layout.document_number}) — govdisclosure report document",
        "type": "object",
        "required": ["format", "schema_version", "agency", "year"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": layout.id},
            "schema_version": {"const": SCHEMA_VERSION},
            "agency": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string"},
                    "level": {"enum": [m.value for m in AgencyLevel]},
                    "region_code": {"anyOf": [{"type": "string", "pattern": "^[0-9]{6}$"}, {"type": "null"}]},
                },
            },
            "year": {"type": "integer", "minimum": 1900, "maximum": 2200},
            "title": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "features": {
                "type": "array",
                "items": {"enum": sorted(layout.feature_keys())},
                "uniqueItems": True,
            },
            "preamble": {"type": "string"},
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["heading"],
                    "additionalProperties": False,
                    "properties": {
                        "key": {"anyOf": [{"enum": [s.key for s in layout.sections]}, {"type": "null"}]},
                        "heading": {"type": "string"},
                        "text": {"type": "string"},
                    },
                },
            },
            **tables,
            "derived": {"type": "array", "items": cell_paths},
            "annotations": {
                "type": "object",
                "propertyNames": cell_paths,
                "additionalProperties": {"type": "string"},
            },
        },
    }
