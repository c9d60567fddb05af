"""Benchmark: load N generated reports from JSON and evaluate every relation.

Prints the time as a ratio to ``json.loads`` of the same bytes, measured in the same run
(target ≤ 1.5×), and the memory held per loaded report (target ≤ 15 KB).
Run: ``.venv/bin/python benchmarks/bench_model.py [N]``.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Report, dump_json, from_dict
from govdisclosure.testing import reports


def generate(n: int) -> list[str]:
    out: list[Report] = []

    @settings(max_examples=n, database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(
        st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(lambda lay: reports(lay, with_sections=False))
    )
    def collect(r: Report) -> None:
        out.append(r)

    collect()
    return [dump_json(r, indent=None) for r in out]


def best_of(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    docs = generate(n)
    n = len(docs)
    loads = json.loads

    def baseline() -> None:
        for d in docs:
            loads(d)

    def ours() -> None:
        gc.disable()
        try:
            for d in docs:
                from_dict(loads(d)).relations()
        finally:
            gc.enable()

    base = best_of(baseline)
    mine = best_of(ours)
    print(f"reports: {n}, mean JSON size {sum(map(len, docs)) / n:.0f} chars")
    print(f"json.loads:                    {base / n * 1e6:8.1f} µs/report")
    print(f"load + evaluate all relations: {mine / n * 1e6:8.1f} µs/report")
    print(f"ratio: {mine / base:.2f}x json.loads (target <= 1.5x)")

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = [from_dict(loads(d)) for d in docs]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"memory held: {(after - before) / len(held) / 1024:.1f} KB/report (target <= 15 KB)")


if __name__ == "__main__":
    main()
