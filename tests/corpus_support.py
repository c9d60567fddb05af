"""Turn the hand-entered ``*.expected.json`` of the real corpus into reports (values as printed).

The expected files use their own keys (``三.三.1``, ``复议``); the mapping to layout paths is
done by walking the layout (the Nth child of a group), not by restating labels.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from govdisclosure import NATIONAL_2021, CellRef, Report, build_report
from govdisclosure.cells import CellValue, parse_placeholder
from govdisclosure.layout import Node

CORPUS = Path(__file__).parent / "data" / "corpus"
CORPUS_IDS = ("000", "001", "002", "011", "102")

_NUMERALS = "一二三四五六七八九十"


def expected(corpus_id: str) -> dict[str, Any]:
    (path,) = CORPUS.glob(f"{corpus_id}-*.expected.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _value(v: object) -> CellValue:
    if v is None:
        return None
    if isinstance(v, str):
        ph = parse_placeholder(v)
        return ph if ph is not None else Decimal(v)
    assert isinstance(v, int)
    return v


def _outcome_groups() -> list[Node]:
    (rows,) = [t.rows for t in NATIONAL_2021.tables if t.key == "requests"]
    outcomes = next(n for n in rows if n.key == "outcomes")
    return list(outcomes.children)


def t3_row_path(key: str) -> str:
    """``一`` → ``received``; ``三.三.2`` → ``withheld.prohibited_by_law``; ``三.七`` → ``total``."""
    (rows,) = [t.rows for t in NATIONAL_2021.tables if t.key == "requests"]
    top = list(rows)
    parts = key.split(".")
    if len(parts) == 1:
        # 一, 二 are the first two rows; 四 the last
        return {"一": top[0].key, "二": top[1].key, "四": top[-1].key}[parts[0]]
    group = _outcome_groups()[_NUMERALS.index(parts[1])]
    if len(parts) == 2:
        return group.key
    return f"{group.key}.{group.children[int(parts[2]) - 1].key}"


def report_from_expected(corpus_id: str) -> Report:
    """The corpus report built from its printed values (no totals filled)."""
    exp = expected(corpus_id)
    assert exp["format"] == "2021"
    layout = NATIONAL_2021
    features = frozenset({"single_other_row"}) if "三.六" in exp["t3"] else frozenset()
    resolved = layout.resolve(features)
    cells: dict[CellRef, CellValue] = {}
    req = resolved.table("requests")
    for key, values in exp["t3"].items():
        path = t3_row_path(key)
        for col, v in zip(req.column_keys, values, strict=True):
            cells[CellRef("requests", path, col)] = _value(v)
    app = resolved.table("appeals")
    for key, values in exp["t4"].items():
        path = app.row_paths[["复议", "直诉", "复议后"].index(key)]
        for col, v in zip(app.column_keys, values, strict=True):
            cells[CellRef("appeals", path, col)] = _value(v)
    t2 = exp["t2"]
    for table in ("regulations", "licensing", "enforcement", "fees"):
        rt = resolved.table(table)
        for path in rt.row_paths:
            node = rt.row_nodes[path]
            label = next(lbl for lbl in (node.label, *node.aliases) if lbl in t2)
            raw = t2[label]
            values = raw if isinstance(raw, list) else [raw]
            for col, v in zip(rt.column_keys, values, strict=True):
                cells[CellRef(table, path, col)] = _value(v)
    return build_report(
        layout, agency=exp["agency"], year=exp["year"], cells=cells, features=features, fill=False
    )
