"""Benchmark: time to read one report with the text reader (target ≤ 2 ms median) and the Markdown reader.

Reads the corpus text report (000), the hand-made fixtures of ``tests/data/readers`` and N
reports generated for both national variants and printed by the text and Markdown writers;
prints the median time per report for each reader (exit 1 if the text reader misses the target;
the issue sets no target for Markdown, its time is printed for information).

Run: ``.venv/bin/python benchmarks/bench_read_text.py [N]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes
from govdisclosure.testing import reports

TARGET_MS = 2.0
ROOT = Path(__file__).resolve().parents[1]


def generate(n: int) -> list[Report]:
    out: list[Report] = []

    @settings(max_examples=n, database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports))
    def collect(r: Report) -> None:
        out.append(r)

    collect()
    return out


def median_ms(
    inputs: list[tuple[bytes, str]], reader: str, registry: object, repeat: int = 3
) -> tuple[float, float]:
    """Median wall-clock and CPU time per report, in ms (CPU time is robust on a loaded machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        for data, name in inputs:
            t0, c0 = time.perf_counter(), time.process_time()
            read_bytes(data, source=name, registry=registry, reader=reader)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 50
    registry = make_registry(entry_points=False)
    generated = generate(n)
    text_inputs = [(p.read_bytes(), p.name) for p in (ROOT / "tests" / "data" / "corpus").glob("*.txt")]
    text_inputs += [(p.read_bytes(), p.name) for p in (ROOT / "tests" / "data" / "readers").glob("*.txt")]
    md_inputs = [(p.read_bytes(), p.name) for p in (ROOT / "tests" / "data" / "readers").glob("*.md")]
    text_inputs += [(registry.writer("text").write(r), "g.txt") for r in generated]
    md_inputs += [(registry.writer("md").write(r), "g.md") for r in generated]
    failed = False
    for reader, inputs in (("text", text_inputs), ("markdown", md_inputs)):
        median_ms(inputs[:3], reader, registry, repeat=1)  # warm up (caches of label matching)
        wall, cpu = median_ms(inputs, reader, registry)
        ok = cpu <= TARGET_MS
        if reader == "text":
            failed |= not ok
        verdict = ("ok" if ok else "MISSED") if reader == "text" else "(no target)"
        print(
            f"{reader:9s} {len(inputs):4d} reports  median {wall:6.2f} ms wall, {cpu:6.2f} ms CPU per report"
            f"  (target {TARGET_MS} ms CPU)  {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
