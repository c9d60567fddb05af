"""Benchmark of batch review and 汇总 at national scale.

Usage: ``python benchmarks/bench_batch.py [N_REPORTS] [N_FILES]`` (defaults 100000 and 2000).

1. **Validate N generated reports on one core** (JSON bytes → ``load_json`` → ``validate``),
   against a baseline measured in the same run: ``json.loads`` of the same bytes.  Target: N =
   100,000 in < 60 s.
2. **Scaling with cores**: ``validate_many`` over N_FILES report files with ``jobs=1`` and with
   every core; the speed-up is printed.
3. **Aggregate N reports** (streaming, ``contributions=False``), against the baseline of a bare
   list-comprehension sum of the same cell tuples (no checks, no bookkeeping).  Target: 100,000
   in < 5 s.
4. **Memory is bounded**: the peak traced memory of aggregating N/10 and N freshly made reports
   (each report is created, added and dropped) must be about the same.

Figures are printed; nothing is asserted (see ``docs/scale.md`` for the reasoning).  Targets are
judged on the CPU time of the measuring process; the wall-clock time is printed next to it
because on a shared machine it also counts other processes.  The scaling figure is wall-clock.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import attrs

from govdisclosure import NATIONAL_2021, CellRef, Report, build_report, dump_json, load_json
from govdisclosure.aggregate import aggregate
from govdisclosure.batch import validate_many
from govdisclosure.checks.validate import validate
from govdisclosure.commands import example_text
from govdisclosure.plugins.registry import make_registry
from govdisclosure.serialize import load_toml


def generate(rng: random.Random, sections: dict[str, str], name: str) -> Report:
    """A valid national-2021 report with random leaves (the 表三 balance holds per column)."""
    resolved = NATIONAL_2021.resolve(frozenset())
    t3 = resolved.table("requests")
    outcome_rows = [
        r for r in t3.row_paths if r not in ("received", "carried_over", "total", "carried_forward")
    ]
    cells: dict[CellRef, int] = {}
    for col in t3.column_keys:
        if col == "total":
            continue
        outcomes = [rng.choice((0, 0, 1, 2, rng.randint(0, 300))) for _ in outcome_rows]
        fwd = rng.randint(0, 20)
        co = min(rng.randint(0, 20), sum(outcomes) + fwd)
        for row, v in zip(outcome_rows, outcomes, strict=True):
            cells[CellRef("requests", row, col)] = v
        cells[CellRef("requests", "carried_over", col)] = co
        cells[CellRef("requests", "carried_forward", col)] = fwd
        cells[CellRef("requests", "received", col)] = sum(outcomes) + fwd - co
    for col in ("upheld", "corrected", "other", "pending"):
        for row in resolved.table("appeals").row_paths:
            cells[CellRef("appeals", row, col)] = rng.randint(0, 9)
    for ref in resolved.cells:
        if ref.table in ("regulations", "licensing", "enforcement"):
            cells[ref] = rng.randint(0, 50)
    return build_report(
        NATIONAL_2021,
        agency=name,
        year=2024,
        cells=cells,
        missing=0,
        sections=sections,
        title=f"{name}2024年政府信息公开工作年度报告",
    )


def timed(label: str, fn: object) -> float:
    """Run ``fn``; print wall-clock and CPU time; return the CPU time of this process.

    The CPU time is what the targets are judged on: on a shared machine the wall-clock time also
    counts other people's processes (both are printed).
    """
    start, cpu = time.perf_counter(), time.process_time()
    fn()  # type: ignore[operator]
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<46} {seconds:8.2f} s wall {cpu_s:8.2f} s CPU")
    return cpu_s


def timed_wall(label: str, fn: object) -> float:
    """Like :func:`timed` but returns the wall-clock time (for work done in worker processes)."""
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"  {label:<46} {seconds:8.2f} s wall")
    return seconds


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_files = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    cores = os.cpu_count() or 1
    rng = random.Random(20250101)
    example = load_toml(example_text())
    sections = {s.key: s.text for s in example.sections if s.key}
    templates = [generate(rng, sections, f"第{i}乡人民政府") for i in range(200)]
    blobs = [dump_json(t).encode("utf-8") for t in templates]
    registry = make_registry(entry_points=False)
    print(
        f"govdisclosure batch benchmark: N={n:,} reports, {cores} core(s), {len(blobs)} distinct documents "
        f"of ~{sum(map(len, blobs)) // len(blobs):,} bytes"
    )

    print("1. validate on one core (load_json + validate)")

    def baseline_json() -> None:
        for i in range(n):
            json.loads(blobs[i % len(blobs)])

    def validate_all() -> None:
        for i in range(n):
            validate(load_json(blobs[i % len(blobs)], registry=registry), registry=registry)

    base = timed("baseline: json.loads of the same bytes", baseline_json)
    val = timed(f"load + validate {n:,} reports", validate_all)
    per = val / n
    print(
        f"  → {per * 1e6:.0f} µs/report, {val / base:.1f}× json.loads; 100,000 reports ≈ {per * 1e5:.1f} s "
        f"on one core (target < 60 s: {'met' if per * 1e5 < 60 else 'MISSED'})"
    )

    print(f"2. scaling: validate_many over {n_files:,} files")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n_files):
            Path(tmp, f"{i:06d}.json").write_bytes(blobs[i % len(blobs)])
        one = timed_wall("jobs=1", lambda: sum(1 for _ in validate_many([tmp], jobs=1, registry=registry)))
        if cores > 1:
            many = timed_wall(
                f"jobs={cores}", lambda: sum(1 for _ in validate_many([tmp], jobs=cores, entry_points=False))
            )
            print(f"  → speed-up {one / many:.2f}× on {cores} cores ({n_files / many:,.0f} files/s)")
        else:
            print("  → one core only: no scaling figure")

    print("3. aggregate (streaming, contributions=False)")

    def stream() -> Iterator[Report]:
        for i in range(n):
            yield templates[i % len(templates)]

    def baseline_naive() -> None:
        width = len(templates[0].cells)
        totals: list[int] = [0] * width
        for r in stream():
            totals = [a + b for a, b in zip(totals, r.cells, strict=True)]  # type: ignore[operator]

    base = timed("baseline: bare list-comprehension cell sum", baseline_naive)
    agg_s = timed(f"aggregate {n:,} reports", lambda: aggregate(stream(), contributions=False))
    print(
        f"  → {agg_s / n * 1e6:.1f} µs/report, {agg_s / max(base, 1e-9):.2f}× the bare sum; "
        f"100,000 ≈ {agg_s / n * 1e5:.2f} s (target < 5 s: {'met' if agg_s / n * 1e5 < 5 else 'MISSED'})"
    )
    check = aggregate(templates[:3]).report
    print(
        f"  sanity: every relation of a 3-report aggregate holds: "
        f"{all(r.status == 'holds' for r in check.relations())}"
    )

    print("4. memory of streaming aggregation (fresh report objects, traced)")

    def fresh(count: int) -> Iterator[Report]:
        for i in range(count):
            t = templates[i % len(templates)]
            yield attrs.evolve(t, agency=attrs.evolve(t.agency, name=f"单位{i}"), cells=tuple(t.cells))

    peaks = []
    for count in (n // 10, n):
        tracemalloc.start()
        aggregate(fresh(count), contributions=False)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        print(f"  peak traced memory, {count:>7,} reports: {peaks[-1] / 2**10:8.1f} KiB")
    print(f"  → growth ×{peaks[1] / peaks[0]:.2f} for ×10 reports (bounded: nothing is kept per report)")


if __name__ == "__main__":
    main()
