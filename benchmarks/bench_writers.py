"""Benchmark: render time of the text, Markdown and HTML writers, and the tidy CSV of many reports.

* Text / Markdown / HTML: median time to render one report (target ≤ 1 ms), over N generated
  reports of both national variants, printed next to ``json.dumps`` of the same report's dict as a
  baseline measured in the same run.
* CSV: time to stream 1,000 … 10,000 reports into one CSV; the time per report at each size is
  printed as a ratio to the 1,000-report baseline of the same run (linear: all ratios ≈ 1).

Run: ``.venv/bin/python benchmarks/bench_writers.py [N]`` (exit 1 if a target is missed).
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Report, to_dict
from govdisclosure.testing import reports
from govdisclosure.writers.csv import write_csv
from govdisclosure.writers.html import render_html
from govdisclosure.writers.markdown import render_markdown
from govdisclosure.writers.text import render_text

TARGET_MS = 1.0
LINEAR_TOLERANCE = 1.5


def generate(n: int) -> list[Report]:
    out: list[Report] = []

    @settings(max_examples=n, database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports))
    def collect(r: Report) -> None:
        out.append(r)

    collect()
    return out


def median_ms(fn, items: list[Report], repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        for r in items:
            t0 = time.perf_counter()
            fn(r)
            times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def csv_seconds(items: list[Report], count: int) -> float:
    stream = (items[i % len(items)] for i in range(count))
    sink = io.StringIO()
    t0 = time.perf_counter()
    write_csv(stream, sink)
    return time.perf_counter() - t0


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    items = generate(n)
    ok = True
    dicts = [to_dict(r) for r in items]
    baseline = statistics.median(
        t for d in dicts for t in [_timed(lambda d=d: json.dumps(d, ensure_ascii=False))]
    )
    print(f"{len(items)} generated reports (national-2021 and national-2019)")
    print(f"baseline json.dumps of the report dict: {baseline * 1000:.3f} ms median")
    for name, fn in (("text", render_text), ("md", render_markdown), ("html", render_html)):
        for r in items[:5]:
            fn(r)  # warm the layout caches
        ms = median_ms(fn, items)
        verdict = "ok" if ms <= TARGET_MS else "SLOW"
        ok &= ms <= TARGET_MS
        print(
            f"{name:5s} {ms:.3f} ms median per report  ({ms / (baseline * 1000):.1f}× baseline)  "
            f"target ≤ {TARGET_MS} ms: {verdict}"
        )
    base_n = 1000
    base = csv_seconds(items, base_n) / base_n
    print(f"csv   {base_n:>6} reports: {base * base_n:.2f} s  ({base * 1e6:.0f} µs per report, baseline)")
    for count in (2000, 5000, 10000):
        per = csv_seconds(items, count) / count
        ratio = per / base
        ok &= ratio <= LINEAR_TOLERANCE
        print(
            f"csv   {count:>6} reports: {per * count:.2f} s  per-report ratio to baseline {ratio:.2f}"
            f"  (linear: ≤ {LINEAR_TOLERANCE}) {'ok' if ratio <= LINEAR_TOLERANCE else 'NOT LINEAR'}"
        )
    return 0 if ok else 1


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
