"""Build the printed values of the hand-written "unseen reports" (``tests/data/unseen/``) as Reports.

Generalises :mod:`corpus_support` to the 2019 format, the layout features (one-row （六）, the added
法人或其他组织小计 column, category subtotal rows) and annotated cells.  The expected files use the corpus
keys (``三.三.1``, ``复议``) plus:

* ``"format"``: ``"2021"`` or ``"2019"``;
* ``"features"``: the layout features the report prints (list of feature keys, may be empty);
* ``"t3"`` rows list the values in printed column order (8 values when ``legal_entity_subtotal``:
  自然人, 法人或其他组织小计, five sub-columns, 总计); the keys ``三.三`` … ``三.六`` are the subtotal rows
  of ``category_subtotals``; ``三.六`` alone is the single （六） row;
* ``"t2"`` for 2019: ``{label: [values]}`` for every 2019 row label (``规范性文件``, ``其他对外管理服务事项``,
  ``政府集中采购`` …);
* ``"annotations"``: ``{str(CellRef): text the annotation must contain}``.

The mapping from keys to layout paths walks the layout (the Nth child of a group) rather than restating
labels, as ``corpus_support`` does.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Report, build_report
from govdisclosure.cells import CellValue, parse_placeholder
from govdisclosure.layout import Layout, Node

UNSEEN = Path(__file__).parent / "data" / "unseen"

_NUMERALS = "一二三四五六七八九十"


def unseen_ids(root: Path = UNSEEN) -> list[str]:
    """The stems of every fixture in ``root`` that has an expected file, sorted."""
    return sorted(p.name.removesuffix(".expected.json") for p in root.glob("*.expected.json"))


def expected(stem: str, root: Path = UNSEEN) -> dict[str, Any]:
    """The hand-entered expected values of one fixture (in ``root``)."""
    data: dict[str, Any] = json.loads((root / f"{stem}.expected.json").read_text("utf-8"))
    return data


def fixture_path(stem: str, root: Path = UNSEEN) -> Path:
    """The fixture file itself (named in the expected file)."""
    return root / str(expected(stem, root)["file"])


def _value(v: object) -> CellValue:
    if v is None:
        return None
    if isinstance(v, str):
        ph = parse_placeholder(v)
        return ph if ph is not None else Decimal(v)
    assert isinstance(v, int)
    return v


def layout_of(exp: dict[str, Any]) -> Layout:
    """The national layout named by the expected file's ``format``."""
    return {"2021": NATIONAL_2021, "2019": NATIONAL_2019}[exp["format"]]


def _t3_row_path(layout: Layout, key: str) -> str:
    (rows,) = [t.rows for t in layout.tables if t.key == "requests"]
    top = list(rows)
    parts = key.split(".")
    if len(parts) == 1:
        return {"一": top[0].key, "二": top[1].key, "四": top[-1].key}[parts[0]]
    outcomes: Node = next(n for n in top if n.children and len(n.children) > 3)
    group = outcomes.children[_NUMERALS.index(parts[1])]
    if len(parts) == 2:
        return group.key
    return f"{group.key}.{group.children[int(parts[2]) - 1].key}"


def report_from_expected(stem: str, root: Path = UNSEEN) -> Report:
    """The fixture's report built from its printed values (no totals filled)."""
    exp = expected(stem, root)
    layout = layout_of(exp)
    features = frozenset(exp.get("features", ()))
    resolved = layout.resolve(features)
    cells: dict[CellRef, CellValue] = {}
    req = resolved.table("requests")
    for key, values in exp["t3"].items():
        path = _t3_row_path(layout, key)
        assert path in req.row_paths, (stem, key, path)
        for col, v in zip(req.column_keys, values, strict=True):
            cells[CellRef("requests", path, col)] = _value(v)
    assert len(exp["t3"]) == len(req.row_paths), (stem, "t3 rows", len(exp["t3"]), len(req.row_paths))
    app = resolved.table("appeals")
    for key, values in exp["t4"].items():
        path = app.row_paths[["复议", "直诉", "复议后"].index(key)]
        for col, v in zip(app.column_keys, values, strict=True):
            cells[CellRef("appeals", path, col)] = _value(v)
    t2 = exp["t2"]
    for rt in resolved.tables:
        if rt.spec.key in ("requests", "appeals"):
            continue
        for path in rt.row_paths:
            node = rt.row_nodes[path]
            label = next(lbl for lbl in (node.label, *node.aliases) if lbl in t2)
            raw = t2[label]
            values = raw if isinstance(raw, list) else [raw]
            for col, v in zip(rt.column_keys, values, strict=True):
                cells[CellRef(rt.spec.key, path, col)] = _value(v)
    assert len(cells) == len(resolved.cells), (stem, len(cells), len(resolved.cells))
    return build_report(
        layout, agency=exp["agency"], year=exp["year"], cells=cells, features=features, fill=False
    )


def cells_without_provenance(result: Any) -> list[CellRef]:
    """The printed (not derived) cells of a read report that do not say where they were read."""
    report = result.report
    return [
        ref
        for ref, value in zip(report.resolved.cells, report.cells, strict=True)
        if value is not None and ref not in report.derived and ref not in result.provenance
    ]


def differences(got: Report, want: Report) -> dict[str, tuple[object, object]]:
    """The cells ``got`` reads otherwise than ``want`` prints them, unread cells included (read, printed)."""
    return {str(ref): (v, want[ref]) for ref, v in got.items() if v != want[ref]}
