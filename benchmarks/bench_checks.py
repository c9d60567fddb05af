"""Benchmark: load a report JSON and run every check, as a ratio to ``json.loads`` of the same bytes.

Usage: ``python benchmarks/bench_checks.py [N_REPORTS] [REPEAT]``.  The reports are generated
(balanced 表三 with random leaves, the bundled example's prose, one wrong cell in every other
report so the locator works too); the timings are the best of ``REPEAT`` runs over all of them.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable

from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Layout, build_report, dump_json, load_json
from govdisclosure.checks import validate
from govdisclosure.commands import example_text
from govdisclosure.plugins.registry import make_registry
from govdisclosure.serialize import load_toml


def _report_bytes(layout: Layout, rng: random.Random, sections: dict[str, str], wrong: bool) -> bytes:
    resolved = layout.resolve(frozenset())
    t3 = resolved.table("requests")
    outcome_rows = [
        r for r in t3.row_paths if r not in ("received", "carried_over", "total", "carried_forward")
    ]
    cells: dict[CellRef, int] = {}
    for col in t3.column_keys:
        if col == "total":
            continue
        outcomes = [rng.choice((0, 0, 1, 2, rng.randint(0, 500))) for _ in outcome_rows]
        fwd, co = rng.randint(0, 20), rng.randint(0, 20)
        co = min(co, sum(outcomes) + fwd)
        for row, v in zip(outcome_rows, outcomes, strict=True):
            cells[CellRef("requests", row, col)] = v
        cells[CellRef("requests", "carried_over", col)] = co
        cells[CellRef("requests", "carried_forward", col)] = fwd
        cells[CellRef("requests", "received", col)] = sum(outcomes) + fwd - co
    for col in ("upheld", "corrected", "other", "pending"):
        for row in resolved.table("appeals").row_paths:
            cells[CellRef("appeals", row, col)] = rng.randint(0, 9)
    year = layout.first_year + 1 if layout.last_year else 2024
    report = build_report(
        layout,
        agency="某县人民政府",
        year=year,
        cells=cells,
        missing=0,
        sections=sections,
        title=f"某县人民政府{year}年政府信息公开工作年度报告",
    )
    if wrong:
        ref = rng.choice([c for c in resolved.cells if c.table == "requests"])
        value = report[ref]
        assert isinstance(value, int)
        report = report.with_cells({ref: value + rng.randint(1, 99)})
    return dump_json(report).encode("utf-8")


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 200
    repeat = int(argv[2]) if len(argv) > 2 else 5
    rng = random.Random(20240101)
    registry = make_registry(entry_points=False)
    example = load_toml(example_text(), registry=registry)
    sections = {s.key: s.text for s in example.sections if s.key}
    docs = [
        _report_bytes(NATIONAL_2021 if i % 3 else NATIONAL_2019, rng, sections, wrong=bool(i % 2))
        for i in range(n)
    ]

    def parse_only() -> None:
        for b in docs:
            json.loads(b)

    def load_only() -> None:
        for b in docs:
            load_json(b, registry=registry)

    def load_and_check() -> None:
        for b in docs:
            validate(load_json(b, registry=registry), registry=registry)

    load_and_check()  # warm the caches (resolved layouts, relations, rule lists)
    t_json = _best(parse_only, repeat)
    t_load = _best(load_only, repeat)
    t_all = _best(load_and_check, repeat)
    size = sum(map(len, docs)) / len(docs)
    print(f"{n} generated reports, {size:.0f} bytes of JSON each, best of {repeat}")
    print(f"json.loads            {t_json / n * 1e6:9.1f} µs/report   1.00×")
    print(f"load_json             {t_load / n * 1e6:9.1f} µs/report   {t_load / t_json:.2f}×")
    print(f"load_json + validate  {t_all / n * 1e6:9.1f} µs/report   {t_all / t_json:.2f}×")
    print(f"ratio (load + all checks) / json.loads = {t_all / t_json:.2f}")


if __name__ == "__main__":
    main(sys.argv)
