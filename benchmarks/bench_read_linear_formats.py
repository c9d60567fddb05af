"""Benchmark: the Word and HTML readers read a 50 MB input in time linear in its size.

Four inputs, each at 1, 5, 10, 25 and 50 MB (the sizes can be given on the command line):

* ``html page``: the real crawled report page 102 with navigation, markup and paragraphs around it;
* ``html table``: page 102 followed by one huge table (labels, numbers split over spans, rowspan and
  colspan, placeholders, annotations);
* ``docx paragraphs``: report 102 written by the DOCX writer, ``word/document.xml`` grown with
  paragraphs (the .docx itself stays small: it is deflated);
* ``docx table``: the same with one huge table (``vMerge`` chains, ``gridSpan``, labels).

The size is the HTML page's bytes, or the inflated size of ``word/document.xml``.  For each size the
CPU time (robust on a loaded machine; wall clock is printed too) is shown per MB and as a ratio to
the time per MB at the smallest size, measured in the same run: linear reading keeps the ratio near
1 (a quadratic step would make it grow with the size, ~50 at 50 MB).  The report in front of the
filler must still be read.  Exit 1 if a ratio exceeds :data:`MAX_RATIO`.

Run: ``.venv/bin/python benchmarks/bench_read_linear_formats.py [MB ...]`` (about 4 minutes of
CPU and 2 GB of memory for the 50 MB sizes).
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import docx_fuzz_support as inputs  # noqa: E402  (the test support module builds the inputs)
from govdisclosure.plugins.registry import make_registry  # noqa: E402
from govdisclosure.reading import read_bytes  # noqa: E402

MAX_RATIO = 3.0
SIZES_MB = (1, 5, 10, 25, 50)
CASES: list[tuple[str, str, Callable[[int], bytes]]] = [
    ("html page", "html", inputs.big_html_page),
    ("html table", "html", inputs.big_html_table),
    ("docx paragraphs", "docx", inputs.big_docx_paragraphs),
    ("docx table", "docx", inputs.big_docx_table),
]


def measure(data: bytes, reader: str, registry: object) -> tuple[float, float, int]:
    """CPU and wall seconds of one read, and the received count of the report read (it must be there)."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    result = read_bytes(data, source=f"big.{reader}", registry=registry, reader=reader)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    received = result.report.requests.received.natural_person
    assert isinstance(received, int), received
    return cpu, wall, received


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv[1:]] or list(SIZES_MB)
    registry = make_registry(entry_points=False)
    worst = 0.0
    for name, reader, build in CASES:
        base: float | None = None
        for mb in sizes:
            data = build(mb * inputs.MB)
            size = len(data) if reader == "html" else inputs.document_part_size(data)
            cpu, wall, received = measure(data, reader, registry)
            per_mb = cpu / (size / inputs.MB)
            base = base or per_mb
            ratio = per_mb / base
            worst = max(worst, ratio)
            print(
                f"{name:16s} {size / inputs.MB:6.1f} MB (file {len(data) / inputs.MB:6.2f} MB)  "
                f"cpu {cpu:7.2f} s  wall {wall:7.2f} s  {per_mb * 1000:7.1f} ms/MB  "
                f"ratio to {sizes[0]} MB: {ratio:4.2f}  (report read: received {received})",
                flush=True,
            )
            del data
    verdict = "linear" if worst <= MAX_RATIO else "NOT LINEAR"
    print(f"worst ratio {worst:.2f} (limit {MAX_RATIO}): {verdict}")
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
