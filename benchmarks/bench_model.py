"""Benchmark: load N generated reports from JSON and evaluate every relation.

Prints the time as a ratio to ``json.loads`` of the same bytes, measured in the same run
(target ≤ 1.5×), and the memory held per loaded report (target ≤ 15 KB).

Two ways of loading are measured on the same documents:

* **bulk (the target)** — load N documents and keep them, as a program that loads N reports to
  work with them does: ``load_json_many`` (collector paused, as the issue suggests) and every
  relation evaluated, against ``[json.loads(d) for d in docs]`` with the collector as it is;
  the same baseline with the collector paused is printed too, for information;
* **one at a time** — each document loaded, its relations evaluated and the result dropped
  before the next, against ``json.loads`` dropping each dict (for information: the baseline
  then reuses one warm block of memory, the hardest case for the ratio).

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

from govdisclosure import (
    NATIONAL_2019,
    NATIONAL_2021,
    Report,
    dump_json,
    gc_paused,
    load_json,
    load_json_many,
)
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


def best_of(*fns: Callable[[], object], rounds: int = 11) -> list[float]:
    """The best time of each function over ``rounds`` rounds, the functions taking turns in each
    round, so that a slow spell of the (shared, noisy) machine hits every one of them alike."""
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            gc.collect()
            t0 = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def measure(label: str, docs: list[str]) -> float:
    """Print the figures of one set of documents; return the bulk ratio (the target)."""
    n = len(docs)
    loads = json.loads

    def base_bulk() -> None:
        held = [loads(d) for d in docs]
        del held

    def base_bulk_paused() -> None:
        with gc_paused():
            held = [loads(d) for d in docs]
        del held

    def ours_bulk() -> None:
        held = load_json_many(docs)
        for r in held:
            r.relations()
        del held

    def base_each() -> None:
        for d in docs:
            loads(d)

    def ours_each() -> None:
        for d in docs:
            load_json(d).relations()

    ours_each()  # warm the per-layout caches (generated readers and evaluators)
    bulk = best_of(base_bulk, base_bulk_paused, ours_bulk)
    each = best_of(base_each, ours_each)
    us = 1e6 / n
    print(f"{label}: {n} documents, mean JSON size {sum(map(len, docs)) / n:.0f} chars")
    print(f"  bulk, N held:  json.loads {bulk[0] * us:6.1f} µs/report (collector paused {bulk[1] * us:6.1f})")
    print(f"                 load_json_many + all relations {bulk[2] * us:6.1f} µs/report")
    print(
        f"                 ratio {bulk[2] / bulk[0]:.2f}x json.loads"
        f" ({bulk[2] / bulk[1]:.2f}x json.loads with the collector paused)"
    )
    print(f"  one at a time: json.loads {each[0] * us:6.1f} µs/report")
    print(f"                 load_json + all relations {each[1] * us:6.1f} µs/report")
    print(f"                 ratio {each[1] / each[0]:.2f}x json.loads (for information)")
    return bulk[2] / bulk[0]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    docs = generate(n)
    ratio = measure("reports", docs)
    print(
        f"  bulk ratio: {ratio:.2f}x json.loads (target <= {TARGET}x){'' if ratio <= TARGET else '  MISSED'}"
    )
    tables = measure("tables only", generate(n, with_sections=False))
    print(f"  bulk ratio: {tables:.2f}x json.loads (for information)")

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = [load_json(d) for d in docs]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"memory held: {(after - before) / len(held) / 1024:.1f} KB/report (target <= 15 KB)")


if __name__ == "__main__":
    main()
