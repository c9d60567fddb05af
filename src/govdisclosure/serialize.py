"""Lossless, strict dict / JSON / TOML serialization of reports (schema version 1).

The document shape is a public, versioned contract (see ``docs/json-format.md``)::

    {"format": "national-2021", "schema_version": 1,
     "agency": {"name": "...", "level": "township"}, "year": 2024,
     "sections": [{"key": "overview", "heading": "一、总体情况", "text": "..."}],
     "regulations": {"rules": {"issued": 0, "repealed": 0, "in_force": 0}, ...},
     "requests": {"received": {"natural_person": 3, ...}, "withheld": {"state_secret": {...}}},
     "derived": ["requests.received.total"], "annotations": {...}}

Cells: a count is a JSON integer; an amount a decimal string (``"7730.28"``, an integer is also
accepted); a printed placeholder the string it was (``"-"``, ``"/"``, ``"—"``, ``"无"``); a cell
not printed is ``null`` in JSON and absent in TOML (an absent key also means "not printed").
Loading is strict: unknown keys, ``"3"``, ``true``, ``3.7`` or ``-1`` for a count are rejected
with the path of every problem.

One private cattrs ``Converter`` (strict scalar hooks, extra keys forbidden) handles the
envelope classes; cells are structured directly against the variant's layout.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

import cattrs
import tomli_w

from .cells import PLACEHOLDER_TEXTS, CellValue, Placeholder
from .errors import DocumentError
from .layout import CellRef, Layout, Node, ResolvedLayout, ValueKind
from .loadplan import document_reader
from .model import Agency, AgencyLevel, Report, Section
from .slotfill import builder

__all__ = [
    "SCHEMA_VERSION",
    "dump_json",
    "dump_toml",
    "from_dict",
    "load_json",
    "load_path",
    "load_toml",
    "to_dict",
]

SCHEMA_VERSION = 1
_ENVELOPE = ("format", "schema_version", "agency", "year", "title", "features", "preamble", "sections")
_TRAILER = ("derived", "annotations")
_AMOUNT_RE = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def _make_converter() -> cattrs.Converter:
    c = cattrs.Converter(forbid_extra_keys=True)

    def strict_str(v: object, _t: type) -> str:
        if type(v) is not str:
            raise TypeError(f"expected a string, got {_show(v)}")
        return v

    def strict_optional_str(v: object, _t: object) -> str | None:
        if v is None:
            return None
        return strict_str(v, str)

    def level(v: object, _t: type) -> AgencyLevel:
        if type(v) is not str or v not in AgencyLevel._value2member_map_:
            raise ValueError(f"expected one of {[m.value for m in AgencyLevel]}, got {_show(v)}")
        return AgencyLevel(v)

    c.register_structure_hook(str, strict_str)
    c.register_structure_hook(str | None, strict_optional_str)
    c.register_structure_hook(AgencyLevel, level)
    return c


_CONVERTER = _make_converter()


def _show(v: object) -> str:
    try:
        return json.dumps(v, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(v)


def _cattrs_problems(exc: Exception, path: str) -> list[tuple[str, str]]:
    out = []
    for msg in cattrs.transform_error(exc, path=path):
        text, _, where = msg.rpartition(" @ ")
        out.append((where or path, text or msg))
    return out


# ---------------------------------------------------------------------------------------------
# cells


def _structure_cell(v: object, kind: ValueKind, path: str, problems: list[tuple[str, str]]) -> CellValue:
    if v is None:
        return None
    if isinstance(v, str):
        ph = PLACEHOLDER_TEXTS.get(v)
        if ph is not None:
            return ph
        if kind is ValueKind.AMOUNT and _AMOUNT_RE.match(v):
            return Decimal(v)
    elif isinstance(v, int) and not isinstance(v, bool) and (kind is ValueKind.SIGNED_COUNT or v >= 0):
        return Decimal(v) if kind is ValueKind.AMOUNT else v
    expected = {
        ValueKind.COUNT: "a non-negative integer",
        ValueKind.SIGNED_COUNT: "an integer",
        ValueKind.AMOUNT: 'a non-negative decimal string such as "0.04"',
    }[kind]
    problems.append((path, f"expected {expected} or a placeholder, got {_show(v)}"))
    return None


Columns = dict[str, tuple[int, ValueKind]]
Entry = tuple[Columns | None, "Plan", list[str] | None, int]
Plan = dict[str, Entry]


@cache
def _plan(resolved: ResolvedLayout, table_key: str) -> Plan:
    """How a table's nested JSON object maps to positions in the flat cell vector (cached).

    ``{json key: (columns of the row if it carries data: {column: (index, kind)}, child plan)}``;
    printed group labels without a key (``三、本年度办理结果``) do not nest.
    """
    table = resolved.table(table_key)
    data_rows = set(table.row_paths)

    def build(nodes: tuple[Node, ...], prefix: str) -> Plan:
        out: Plan = {}
        for n in nodes:
            if not n.scope:
                out.update(build(n.children, prefix))
                continue
            path = f"{prefix}.{n.key}" if prefix else n.key
            if path not in table.row_nodes:
                continue
            cols = (
                {
                    c: (resolved.index[CellRef(table_key, path, c)], table.column_nodes[c].kind)
                    for c in table.column_keys
                }
                if path in data_rows
                else None
            )
            sub = build(n.children, path)
            # fast path: a leaf row of counts stored contiguously, keys in layout order
            fast = None
            if cols is not None and not sub:
                idx = [i for i, _ in cols.values()]
                if all(k is ValueKind.COUNT for _, k in cols.values()) and idx == list(
                    range(idx[0], idx[0] + len(idx))
                ):
                    fast = list(cols)
            out[n.key] = (cols, sub, fast, next(iter(cols.values()))[0] if cols else 0)
        return out

    return build(table.spec.rows, "")


TableReader = Callable[[object], "list[int] | None"]


@cache
def _table_reader(resolved: ResolvedLayout, table_key: str) -> tuple[TableReader, int] | None:
    """A fast reader of one table's JSON object (generated code, cached) and the table's first position.

    The reader handles the common case only — exactly the layout's rows and columns, every cell a
    non-negative integer count — and returns the table's values in cell order; on anything else
    (a missing or unknown key, a placeholder, ``null``, another type) it returns ``None`` and the
    careful path structures the table and names every problem.  Tables with amount or signed
    columns always take the careful path.
    """
    plan = _plan(resolved, table_key)
    table = resolved.table(table_key)
    if not table.row_paths or any(
        table.column_nodes[c].kind is not ValueKind.COUNT for c in table.column_keys
    ):
        return None
    objects: list[tuple[str, int]] = [("t", len(plan))]
    rows: list[tuple[int, str]] = []

    def walk(p: Plan, parent: str) -> None:
        for key, (cols, sub, _fast, start) in p.items():
            name = f"o{len(objects)}"
            objects.append((f"{name} = {parent}[{key!r}]", len(cols or ()) + len(sub)))
            if cols is not None:
                rows.append((start, name))
            walk(sub, name)

    walk(plan, "t")
    first = resolved.index[CellRef(table_key, table.row_paths[0], table.column_keys[0])]
    width = len(table.column_keys)
    if sorted(start for start, _ in rows) != [first + k * width for k in range(len(table.row_paths))]:
        return None  # not one contiguous block in cell order: no fast path
    names = [name for _, name in sorted(rows)]
    checks = " and ".join(
        f"o{n}.__class__ is dict and len(o{n}) == {size}" for n, (_, size) in enumerate(objects) if n
    )
    lines = [
        "def _read(t):",
        f"    if t.__class__ is not dict or len(t) != {objects[0][1]}:",
        "        return None",
        "    try:",
        *(f"        {assign}" for assign, _ in objects[1:]),
        f"        if not ({checks}):",
        "            return None",
        f"        values = [*chain(*map(columns, ({', '.join(names)},)))]",
        "    except (KeyError, TypeError):",
        "        return None",
        "    if set(map(type, values)) == INT_ONLY and min(values) >= 0:",
        "        return values",
        "    return None",
    ]
    namespace: dict[str, object] = {
        "chain": chain,
        "columns": itemgetter(*table.column_keys) if width > 1 else lambda row: (row[table.column_keys[0]],),
        "INT_ONLY": {int},
    }
    exec(compile("\n".join(lines), f"<govdisclosure table reader {table_key}>", "exec"), namespace)
    reader = cast(TableReader, namespace["_read"])
    return reader, first


@cache
def _table_readers(resolved: ResolvedLayout) -> dict[str, tuple[TableReader, int] | None]:
    """Table key → its fast reader (see :func:`_table_reader`), for every table of the layout (cached)."""
    return {t.spec.key: _table_reader(resolved, t.spec.key) for t in resolved.tables}


_INT_ONLY = {int}


def _structure_row(
    row: object,
    entry: Entry,
    jpath: str,
    values: list[CellValue],
    problems: list[tuple[str, str]],
) -> None:
    if type(row) is not dict:
        problems.append((jpath, f"expected a row (an object), got {_show(row)}"))
        return
    cols, sub, fast, start = entry
    if fast is not None and list(row) == fast:
        vals = list(row.values())
        if set(map(type, vals)) == _INT_ONLY and min(vals) >= 0:
            values[start : start + len(vals)] = vals
            return
    count = ValueKind.COUNT
    for ck, v in row.items():
        col = cols.get(ck) if cols is not None else None
        if col is not None:
            i, kind = col
            if type(v) is int and v >= 0 and kind is count:
                values[i] = v
            else:
                values[i] = _structure_cell(v, kind, f"{jpath}.{ck}", problems)
            continue
        child = sub.get(ck)
        if child is not None:
            _structure_row(v, child, f"{jpath}.{ck}", values, problems)
        else:
            allowed = list(cols or ()) + list(sub)
            problems.append((f"{jpath}.{ck}", f"unknown key (expected one of: {', '.join(allowed)})"))


def _structure_rows(
    obj: object, plan: Plan, jpath: str, values: list[CellValue], problems: list[tuple[str, str]]
) -> None:
    if type(obj) is not dict:
        problems.append((jpath, f"expected a table of rows (an object), got {_show(obj)}"))
        return
    for k, row in obj.items():
        entry = plan.get(k)
        if entry is None:
            problems.append((f"{jpath}.{k}", f"unknown key (expected one of: {', '.join(plan)})"))
        else:
            _structure_row(row, entry, f"{jpath}.{k}", values, problems)


def from_dict(data: object, *, registry: Any = None, source: str | None = None) -> Report:
    """Structure a report from a JSON-like dict; raise :class:`DocumentError` naming every bad path.

    A well-formed document takes a generated fast path (:mod:`govdisclosure.loadplan`); anything
    else is structured cell by cell, collecting every problem with its path.
    """
    problems: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        raise DocumentError([("", f"expected a report (an object), got {_show(data)}")], source=source)
    fmt = data.get("format")
    if type(fmt) is not str:
        raise DocumentError(
            [("format", f"expected the variant ID as a string, got {_show(fmt)}")], source=source
        )
    if registry is None:
        registry = _default_registry()
    try:
        layout: Layout = registry.variant(fmt)
    except KeyError as exc:
        raise DocumentError([("format", str(exc))], source=source) from None
    quick = _fast_report(data, layout)
    if quick is not None:
        return quick
    return _careful(data, layout, problems, source)


@cache
def _allowed_keys(layout: Layout) -> frozenset[str]:
    return frozenset((*_ENVELOPE, *_TRAILER, *layout.table_keys))


_NO_FEATURES: frozenset[str] = frozenset()
_NO_TITLE = object()
_NO_ANNOTATIONS: dict[str, str] = {}


def _fast_report(data: dict[str, Any], layout: Layout) -> Report | None:
    """The report of a well-formed document through the generated fast path, or ``None``.

    ``None`` means "take the careful path", which gives the same result or names the problems.
    """
    if not data.keys() <= _allowed_keys(layout):
        return None
    year, version = data.get("year"), data.get("schema_version")
    if type(year) is not int or not 1900 <= year <= 2200:
        return None
    if type(version) is not int or version != SCHEMA_VERSION:
        return None
    raw_features = data.get("features", _NO_FEATURES)
    if raw_features is _NO_FEATURES or (type(raw_features) is list and not raw_features):
        features = _NO_FEATURES
    elif type(raw_features) is list and set(map(type, raw_features)) == _STR_ONLY:
        features = frozenset(raw_features)
        if not features <= layout.feature_keys():
            return None
    else:
        return None
    title, preamble = data.get("title", _NO_TITLE), data.get("preamble", "")
    if title is _NO_TITLE:
        title = None
    elif type(title) is not str:
        return None
    if type(preamble) is not str:
        return None
    agency = _plain_agency(data.get("agency"))
    raw_sections = data.get("sections", [])
    if agency is None or type(raw_sections) is not list:
        return None
    sections = tuple(map(_plain_section, raw_sections))
    if None in sections:
        return None
    resolved = layout.resolve(features)
    reader = document_reader(resolved)
    values = reader(data) if reader is not None else None
    if values is None:
        return None
    derived: frozenset[CellRef] = frozenset()
    raw_derived = data.get("derived", [])
    if type(raw_derived) is not list:
        return None
    if raw_derived:
        if set(map(type, raw_derived)) != _STR_ONLY:
            return None
        try:
            derived = frozenset(map(_cell_paths(resolved).__getitem__, raw_derived))
        except KeyError:
            return None
    annotations = data.get("annotations", _NO_ANNOTATIONS)
    if annotations is not _NO_ANNOTATIONS and (type(annotations) is not dict or annotations):
        return None
    sections_ = cast("tuple[Section, ...]", sections)
    return _NEW_REPORT(layout, agency, year, tuple(values), features, title, preamble, sections_, derived, {})


# the fast path's builders (slot writers where the class's __init__ only stores, else the class);
# the generated reader returns exactly one value per cell of the resolved layout, which is what
# Report's post-init hook checks, and the region code's validator passes None
_NEW_REPORT = builder(Report, post_init_checked=True)
_NEW_SECTION = builder(Section)
_NEW_AGENCY = builder(Agency, checked=frozenset({"region_code"}))


_DEFAULT_REGISTRY: list[Callable[[], Any]] = []


def _default_registry() -> Any:
    """The default plugin registry (imported on first use: the registry imports this module)."""
    if not _DEFAULT_REGISTRY:
        from .plugins.registry import default_registry

        _DEFAULT_REGISTRY.append(default_registry)
    return _DEFAULT_REGISTRY[0]()


def _careful(
    data: dict[str, Any], layout: Layout, problems: list[tuple[str, str]], source: str | None
) -> Report:
    """Structure a document cell by cell, naming every problem (the path that never guesses)."""
    version = data.get("schema_version")
    if version != SCHEMA_VERSION or type(version) is not int:
        problems.append(("schema_version", f"expected {SCHEMA_VERSION}, got {_show(version)}"))
    features_raw = data.get("features", [])
    features: frozenset[str] = frozenset()
    if type(features_raw) is list and not features_raw:
        pass  # the common case: no layout features
    elif not isinstance(features_raw, list) or any(type(f) is not str for f in features_raw):
        problems.append(("features", f"expected a list of layout feature names, got {_show(features_raw)}"))
    else:
        bad = set(features_raw) - layout.feature_keys()
        if bad:
            problems.append(
                (
                    "features",
                    f"unknown layout feature(s) {sorted(bad)} (known: {sorted(layout.feature_keys())})",
                )
            )
        else:
            features = frozenset(features_raw)
    resolved = layout.resolve(features)
    values: list[CellValue] = [None] * len(resolved.cells)
    year = data.get("year")
    if type(year) is not int or not 1900 <= year <= 2200:
        problems.append(("year", f"expected a year such as 2024, got {_show(year)}"))
    agency: Agency | None = None
    if "agency" not in data:
        problems.append(("agency", "missing (expected an object with at least a name)"))
    else:
        agency = _plain_agency(data["agency"])
        if agency is None:
            try:
                agency = _CONVERTER.structure(data["agency"], Agency)
            except Exception as exc:
                problems.extend(_cattrs_problems(exc, "agency"))
    sections: tuple[Section, ...] = ()
    raw_sections = data.get("sections", [])
    if not isinstance(raw_sections, list):
        problems.append(("sections", f"expected a list of sections, got {_show(raw_sections)}"))
    else:
        out_sections = []
        for i, s in enumerate(raw_sections):
            section = _plain_section(s)
            if section is not None:
                out_sections.append(section)
                continue
            try:
                out_sections.append(_CONVERTER.structure(s, Section))
            except Exception as exc:
                problems.extend(_cattrs_problems(exc, f"sections[{i}]"))
        sections = tuple(out_sections)
    for name in ("title", "preamble"):
        if name in data and type(data[name]) is not str:
            problems.append((name, f"expected a string, got {_show(data[name])}"))
    readers = _table_readers(resolved)
    for k, v in data.items():
        if k in readers:
            fast = readers[k]
            got = fast[0](v) if fast is not None else None
            if got is not None and fast is not None:
                values[fast[1] : fast[1] + len(got)] = got
            else:
                _structure_rows(v, _plan(resolved, k), k, values, problems)
        elif k not in _ENVELOPE and k not in _TRAILER:
            problems.append((k, f"unknown key (tables of {layout.id}: {', '.join(layout.table_keys)})"))
    derived = _refs(data.get("derived", []), "derived", resolved, problems)
    annotations: dict[CellRef, str] = {}
    raw_ann = data.get("annotations", {})
    if not isinstance(raw_ann, dict):
        problems.append(("annotations", f"expected an object of cell path → text, got {_show(raw_ann)}"))
    else:
        for k, v in raw_ann.items():
            refs = _refs([k], f"annotations.{k}", resolved, problems)
            if type(v) is not str:
                problems.append((f"annotations.{k}", f"expected a string, got {_show(v)}"))
            elif refs:
                annotations[next(iter(refs))] = v
    if problems or agency is None or type(year) is not int:
        raise DocumentError(problems, source=source)
    return Report(
        layout=layout,
        agency=agency,
        year=year,
        cells=tuple(values),
        features=features,
        title=data.get("title"),
        preamble=data.get("preamble", ""),
        sections=sections,
        derived=derived,
        annotations=annotations,
    )


@cache
def _cell_paths(resolved: ResolvedLayout) -> dict[str, CellRef]:
    """Dotted path → cell, for every cell of a resolved layout (cached).

    Only paths that :meth:`CellRef.parse` reads back as the same cell are listed (table and
    column keys without dots), so a lookup here accepts exactly what parsing would accept.
    """
    return {str(ref): ref for ref in resolved.cells if "." not in ref.table and "." not in ref.column}


def _refs(
    raw: object, where: str, resolved: ResolvedLayout, problems: list[tuple[str, str]]
) -> frozenset[CellRef]:
    if not isinstance(raw, list):
        problems.append((where, f"expected a list of cell paths, got {_show(raw)}"))
        return frozenset()
    paths = _cell_paths(resolved)
    try:
        found = [*map(paths.get, raw)]
    except TypeError:  # an unhashable item: named below
        found = [None]
    if set(map(type, raw)) <= _STR_ONLY:
        refs = [r for r in found if r is not None]
        if len(refs) == len(found):
            return frozenset(refs)
    out = set()
    for i, item in enumerate(raw):
        ref = paths.get(item) if type(item) is str else None
        if ref is None:
            problems.append(
                (f"{where}[{i}]" if where == "derived" else where, f"unknown cell path {_show(item)}")
            )
        else:
            out.add(ref)
    return frozenset(out)


_STR_ONLY = frozenset({str})
_AGENCY_KEYS = frozenset({"name", "level", "region_code"})
_SECTION_KEYS = frozenset({"heading", "key", "text"})
_LEVELS: dict[str, AgencyLevel] = {level.value: level for level in AgencyLevel}


def _plain_agency(raw: object) -> Agency | None:
    """The agency of a well-formed object, or ``None`` (the converter then names the problems)."""
    if type(raw) is not dict or not raw.keys() <= _AGENCY_KEYS:
        return None
    name, level, region = raw.get("name"), raw.get("level", "unknown"), raw.get("region_code")
    if type(name) is not str or type(level) is not str or level not in _LEVELS:
        return None
    if region is None:
        return _NEW_AGENCY(name, _LEVELS[level], None)
    if region is not None and type(region) is not str:
        return None
    try:
        return Agency(name=name, level=_LEVELS[level], region_code=region)
    except ValueError:
        return None


def _plain_section(raw: object) -> Section | None:
    """The section of a well-formed object, or ``None`` (the converter then names the problems)."""
    if type(raw) is not dict or not raw.keys() <= _SECTION_KEYS:
        return None
    heading, key, text = raw.get("heading"), raw.get("key"), raw.get("text", "")
    if type(heading) is not str or type(text) is not str or (key is not None and type(key) is not str):
        return None
    return _NEW_SECTION(heading, key, text)


# ---------------------------------------------------------------------------------------------
# unstructure


def _dump_cell(v: CellValue) -> Any:
    if isinstance(v, Placeholder):
        return v.value
    if isinstance(v, Decimal):
        return format(v, "f")
    return v


def to_dict(report: Report, *, nulls: bool = True) -> dict[str, Any]:
    """The report as a JSON-compatible dict (``nulls=False`` omits not-printed cells, for TOML)."""
    agency: dict[str, Any] = {"name": report.agency.name, "level": report.agency.level.value}
    if report.agency.region_code is not None:
        agency["region_code"] = report.agency.region_code
    out: dict[str, Any] = {
        "format": report.layout.id,
        "schema_version": SCHEMA_VERSION,
        "agency": agency,
        "year": report.year,
    }
    if report.title is not None:
        out["title"] = report.title
    if report.features:
        out["features"] = sorted(report.features)
    if report.preamble:
        out["preamble"] = report.preamble
    out["sections"] = [
        ({"key": s.key} if s.key is not None or nulls else {}) | {"heading": s.heading, "text": s.text}
        for s in report.sections
    ]
    resolved = report.resolved
    values = report.cells

    def emit(plan: Plan) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        for k, (cols, sub, _fast, _start) in plan.items():
            row: dict[str, Any] = {}
            if cols is not None:
                for c, (i, _kind) in cols.items():
                    v = values[i]
                    if v is not None or nulls:
                        row[c] = _dump_cell(v)
            row.update(emit(sub))
            if row or nulls:
                obj[k] = row
        return obj

    for key in resolved.layout.table_keys:
        out[key] = emit(_plan(resolved, key))
    if report.derived:
        out["derived"] = [str(r) for r in resolved.cells if r in report.derived]
    if report.annotations:
        out["annotations"] = {
            str(r): report.annotations[r] for r in resolved.cells if r in report.annotations
        }
    return out


# ---------------------------------------------------------------------------------------------
# JSON / TOML text


def dump_json(report: Report, *, indent: int | None = 1) -> str:
    """The report as JSON text (UTF-8, non-ASCII kept, stable key order)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent) + "\n"


def load_json(text: str | bytes, *, registry: Any = None, source: str | None = None) -> Report:
    """Load a report from JSON text; errors name ``line N, column M`` or the JSON path.

    >>> from govdisclosure import NATIONAL_2021, build_report
    >>> r = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0)
    >>> load_json(dump_json(r)) == r
    True
    >>> load_json('{"format": "national-2021", "schema_version": 1, "agency": {"name": "x"},'
    ...           ' "year": 2024, "requests": {"received": {"natural_person": -1}}}')
    Traceback (most recent call last):
    ...
    govdisclosure.errors.DocumentError: requests.received.natural_person: expected a non-negative integer ...
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [(f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}")], source=source
        ) from None
    except UnicodeDecodeError as exc:
        raise DocumentError([("", f"not UTF-8 text: {exc}")], source=source) from None
    return from_dict(data, registry=registry, source=source)


def dump_toml(report: Report) -> str:
    """The report as TOML text (cells not printed are omitted)."""
    return tomli_w.dumps(to_dict(report, nulls=False))


def load_toml(text: str | bytes, *, registry: Any = None, source: str | None = None) -> Report:
    """Load a report from TOML text; errors name the line or the path."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError([("", f"not UTF-8 text: {exc}")], source=source) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"line {m.group(1)}, column {m.group(2)}" if m else ""
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise DocumentError([(where, f"invalid TOML: {msg}")], source=source) from None
    return from_dict(data, registry=registry, source=source)


def load_path(path: str | Path, *, registry: Any = None) -> Report:
    """Load a ``.json`` or ``.toml`` report file (the file is only read)."""
    p = Path(path)
    data = p.read_bytes()
    if p.suffix.lower() == ".toml":
        return load_toml(data, registry=registry, source=str(p))
    return load_json(data, registry=registry, source=str(p))
