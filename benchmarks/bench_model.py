"""Benchmark: load N generated reports from JSON and evaluate every relation.

Prints the time as a ratio to ``json.loads`` of the same bytes, measured in the same run
(target ≤ 1.5×), and the memory held per loaded report (target ≤ 15 KB).

Two sets of documents are measured:

* **reports** — as the shipped strategy ``govdisclosure.testing.reports`` draws them (both national
  variants, every layout feature, the tables and short prose in the six sections): the target;
* **tables only** — the same without the sections, where ``json.loads`` has the least to do and
  the ratio is the hardest (printed for information).

Run: ``.venv/bin/python benchmarks/bench_model.py [N]``.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Report, dump_json, load_json
from govdisclosure.testing import reports

TARGET = 1.5


def generate(n: int, *, with_sections: bool = True) -> list[str]:
    out: list[Report] = []

    @settings(max_examples=n, database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(
        st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(
            lambda lay: reports(lay, with_sections=with_sections)
        )
    )
    def collect(r: Report) -> None:
        out.append(r)

    collect()
    return [dump_json(r, indent=None) for r in out]


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(label: str, docs: list[str]) -> float:
    n = len(docs)
    loads = json.loads

    def baseline() -> None:
        for d in docs:
            loads(d)

    def ours() -> None:
        for d in docs:
            load_json(d).relations()

    ours()  # warm the per-layout caches (generated readers and evaluators)
    base, mine = best_of(baseline), best_of(ours)
    print(f"{label}: {n} documents, mean JSON size {sum(map(len, docs)) / n:.0f} chars")
    print(f"  json.loads:                    {base / n * 1e6:8.1f} µs/report")
    print(f"  load + evaluate all relations: {mine / n * 1e6:8.1f} µs/report")
    return mine / base


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    docs = generate(n)
    ratio = measure("reports", docs)
    print(f"  ratio: {ratio:.2f}x json.loads (target <= {TARGET}x){'' if ratio <= TARGET else '  MISSED'}")
    tables = measure("tables only", generate(n, with_sections=False))
    print(f"  ratio: {tables:.2f}x json.loads (for information)")

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = [load_json(d) for d in docs]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"memory held: {(after - before) / len(held) / 1024:.1f} KB/report (target <= 15 KB)")


if __name__ == "__main__":
    main()
