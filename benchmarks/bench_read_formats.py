"""Benchmark: the HTML, Word and PDF readers (targets: HTML ≤ 2 ms per report, PDF ≤ 150 ms per page).

Every figure is also printed as a ratio against a baseline measured in the same run on the same
bytes, so results compare across machines:

* HTML: ``html.parser.HTMLParser`` fed the same page (no handlers) — the cost of merely tokenizing;
  split into our document extraction (decode, tokenize, grids), the shared assembly alone (on the
  documents extracted beforehand) and the full read (both).
* Word: ``python-docx`` opening the same file.
* PDF: pdfplumber opening the file and touching every page's characters (``len(page.chars)``).

Inputs: the corpus page 102 and the PDFs 001/002/011, plus N generated reports (both national
variants) written by the HTML and DOCX writers.  Median per report (per page for PDF), wall clock
and CPU time (CPU is robust on a loaded machine).  Exit 1 if a median CPU time misses its target.

Run: ``.venv/bin/python benchmarks/bench_read_formats.py [N]``.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import docx
import pdfplumber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, Report
from govdisclosure.plugins.registry import make_registry
from govdisclosure.readers.base import Document
from govdisclosure.readers.grids import assemble_document
from govdisclosure.readers.htmlgrid import decode_html
from govdisclosure.reading import read_bytes

HTML_TARGET_MS = 2.0
PDF_TARGET_MS_PER_PAGE = 150.0
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"


def generate(n: int) -> list[Report]:
    from govdisclosure.testing import reports

    out: list[Report] = []

    @settings(max_examples=n, database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports))
    def collect(r: Report) -> None:
        out.append(r)

    collect()
    return out


def timed(fn: Callable[[bytes], object], inputs: list[bytes], repeat: int = 3) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``fn`` over the inputs."""
    wall, cpu = [], []
    for _ in range(repeat):
        for data in inputs:
            t0, c0 = time.perf_counter(), time.process_time()
            fn(data)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def html_baseline(data: bytes) -> None:
    parser = HTMLParser()
    parser.feed(decode_html(data)[0])
    parser.close()


def pdf_baseline(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(p.chars) for p in pdf.pages)


def pages(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def row(
    name: str, n: int, ms: tuple[float, float], base: tuple[float, float], unit: str, target: float | None
) -> bool:
    ok = target is None or ms[1] <= target
    ratio = ms[1] / base[1] if base[1] else float("nan")
    goal = f"target {target:g} ms" if target is not None else ""
    print(
        f"{name:22s} {n:4d} inputs  median {ms[0]:7.2f} ms wall {ms[1]:7.2f} ms cpu /{unit:6s}"
        f"  baseline {base[1]:7.2f} ms cpu  ratio {ratio:5.2f}x  {goal} {'' if ok else 'MISSED'}"
    )
    return ok


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 30
    registry = make_registry(entry_points=False)
    html_reader, docx_reader = registry.readers["html"], registry.readers["docx"]
    generated = generate(n)
    html_inputs = [registry.writer("html").write(r) for r in generated]
    page102 = (CORPUS / "102-shuyang-fagaiju-2023.html").read_bytes()
    docx_inputs = [registry.writer("docx").write(r) for r in generated]
    pdfs = sorted(CORPUS.glob("*.pdf"))

    def html_doc(data: bytes) -> Document:
        document: Document = html_reader.document(data, source="b.html", registry=registry)
        return document

    def html_read(data: bytes) -> object:
        return read_bytes(data, source="b.html", registry=registry, reader="html")

    ok = True
    for label, inputs in (("generated reports", html_inputs), ("crawled page 102", [page102])):
        timed(html_read, inputs[:2], repeat=1)  # warm up
        base = timed(html_baseline, inputs)
        documents = {data: html_doc(data) for data in inputs}

        def html_assemble(data: bytes, documents: dict[bytes, Document] = documents) -> object:
            return assemble_document(documents[data], registry=registry, reader="html")

        print(f"HTML, {label} (baseline: html.parser over the same bytes)")
        row("  document (grids)", len(inputs), timed(html_doc, inputs), base, "report", None)
        row("  assembly only", len(inputs), timed(html_assemble, inputs), base, "report", None)
        ok &= row("  full read", len(inputs), timed(html_read, inputs), base, "report", HTML_TARGET_MS)

    print("Word (baseline: python-docx opening the same file)")
    base = timed(lambda d: docx.Document(io.BytesIO(d)), docx_inputs)
    row(
        "  full read",
        len(docx_inputs),
        timed(lambda d: read_bytes(d, source="b.docx", registry=registry, reader="docx"), docx_inputs),
        base,
        "report",
        None,
    )
    row(
        "  document (grids)",
        len(docx_inputs),
        timed(lambda d: docx_reader.document(d, source="b.docx", registry=registry), docx_inputs),
        base,
        "report",
        None,
    )

    print("PDF (baseline: pdfplumber opening the file and reading every page's characters)")
    for path in pdfs:
        data = path.read_bytes()
        count = pages(data)

        def pdf_read(d: bytes, name: str = path.name) -> object:
            return read_bytes(d, source=name, registry=registry, reader="pdf")

        wall, cpu = timed(pdf_read, [data], 3)
        bwall, bcpu = timed(pdf_baseline, [data], 3)
        ok &= row(
            f"  {path.name[:20]}",
            count,
            (wall / count, cpu / count),
            (bwall / count, bcpu / count),
            "page",
            PDF_TARGET_MS_PER_PAGE,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
