"""Benchmark: the PDF reader works in time linear in the size of its input (or refuses it early).

One function per format section (this file holds the PDF section; the Word and HTML readers have
``bench_read_linear_formats.py``).  PDF inputs, built with ``tests/pdf_fuzz_support.py``, at sizes
growing by doubling (given in MB on the command line; default 1 2 4 8; the pages case at an eighth of these):

* ``pdf pages``: pages of report text and a ruled table, each page its own content stream (the
  content limit of :mod:`govdisclosure.readers.pdflimits`, 4 MB, caps this case);
* ``pdf padding``: a one-page report and an unreferenced padding stream (cross-reference table
  present: pdfminer seeks past the padding);
* ``pdf padding, no xref``: the same without a cross-reference table (pdfminer scans every line
  of the file for objects);
* ``pdf scanned``: pages holding only a 1 MB image each (no text layer: refused after reading).

For each size the CPU time (wall clock is printed too) is shown per MB and as a ratio to the time
per MB of the smallest size measured in the same run: linear reading keeps the ratio near 1.  The
outcome (report read, or the error) is printed.  Exit 1 if a ratio exceeds :data:`MAX_RATIO`.

Run: ``.venv/bin/python benchmarks/bench_read_linear.py [MB ...]``.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from govdisclosure.errors import GovDisclosureError  # noqa: E402
from govdisclosure.plugins.registry import make_registry  # noqa: E402
from govdisclosure.reading import read_bytes  # noqa: E402
from pdf_fuzz_support import CID_FONT, pdf_file, stream, table_ops, text_ops  # noqa: E402

MB = 1024 * 1024
MAX_RATIO = 3.0
SIZES_MB = (1.0, 2.0, 4.0, 8.0)

ROWS = [
    ["三、收到和处理政府信息公开申请情况", "自然人", "商业企业", "科研机构", "总计"],
    ["一、本年新收政府信息公开申请数量", "3", "1", "0", "4"],
    ["二、上年结转政府信息公开申请数量", "0", "0", "0", "0"],
    ["（一）予以公开", "2", "1", "0", "3"],
    ["（二）部分公开", "1", "0", "0", "1"],
]
PROSE = "本年度本机关认真贯彻落实政府信息公开条例，主动公开政府信息，依法办理政府信息公开申请。"


def _page_content(number: int) -> bytes:
    out = bytearray(text_ops(50, 800, f"第{number}页"))
    for i in range(20):
        out += text_ops(50, 780 - 12 * i, PROSE)
    out += table_ops(ROWS, top=520)
    return bytes(out)


def pdf_pages(size: int) -> bytes:
    """Pages of prose and a ruled table, each with its own (uncompressed) content stream."""
    per_page = len(_page_content(1))
    pages = max(1, size // per_page)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    objects.append(CID_FONT)
    for i in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i)
        )
        objects.append(stream(_page_content(i + 1)))
    return pdf_file(objects)


def _report_objects(pad: bytes) -> list[bytes]:
    content = text_ops(50, 800, "某县人民政府2023年政府信息公开工作年度报告", size=14) + table_ops(ROWS)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>",
        CID_FONT,
        stream(content),
        stream(pad),
    ]


def _padding(size: int) -> bytes:
    return (bytes(range(256)) * (size // 256 + 1))[:size]


def pdf_padding(size: int) -> bytes:
    """A one-page report and an unreferenced padding stream, with a cross-reference table."""
    return pdf_file(_report_objects(_padding(size)))


def pdf_padding_no_xref(size: int) -> bytes:
    """The same without a cross-reference table (pdfminer rebuilds it by scanning the file)."""
    return pdf_file(_report_objects(_padding(size)), xref="none")


def pdf_scanned(size: int) -> bytes:
    """Pages showing only a 1 MB image (what a scan without OCR looks like)."""
    pages = max(1, size // MB)
    image = stream(
        _padding(MB),
        extra=b"/Type /XObject /Subtype /Image /Width 1000 /Height 1000 /BitsPerComponent 8 "
        b"/ColorSpace /DeviceGray /Filter /DCTDecode",
    )
    kids = b" ".join(b"%d 0 R" % (3 + 3 * i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    for i in range(pages):
        objects += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (4 + 3 * i, 5 + 3 * i),
            stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
            image,
        ]
    return pdf_file(objects)


def measure(data: bytes, registry: object) -> tuple[float, float, str]:
    """CPU and wall seconds of one read, and its outcome."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    try:
        result = read_bytes(data, source="big.pdf", registry=registry, reader="pdf")
        outcome = f"read (received {result.report.requests.received.natural_person})"
    except GovDisclosureError as exc:
        outcome = f"refused: {str(exc)[:70]}"
    return time.process_time() - c0, time.perf_counter() - t0, outcome


def run_cases(cases: list[tuple[str, Callable[[int], bytes], tuple[float, ...]]], registry: object) -> float:
    """Print the per-MB figures of every case; the worst ratio to the smallest size."""
    worst = 0.0
    for name, build, sizes in cases:
        base: float | None = None
        for mb in sizes:
            data = build(int(mb * MB))
            cpu, wall, outcome = measure(data, registry)
            per_mb = cpu / (len(data) / MB)
            base = base or per_mb
            ratio = per_mb / base
            worst = max(worst, ratio)
            print(
                f"{name:22s} {len(data) / MB:6.2f} MB  cpu {cpu:7.3f} s  wall {wall:7.3f} s  "
                f"{per_mb * 1000:8.1f} ms/MB  ratio to {sizes[0]:g} MB: {ratio:4.2f}  {outcome}",
                flush=True,
            )
            del data
    return worst


def pdf_section(sizes: tuple[float, ...], registry: object) -> float:
    """The PDF inputs (pages at an eighth of the sizes: reading stops at 300 pages, about 2 MB)."""
    page_sizes = tuple(s / 8 for s in sizes)
    return run_cases(
        [
            ("pdf pages", pdf_pages, page_sizes),
            ("pdf padding", pdf_padding, sizes),
            ("pdf padding, no xref", pdf_padding_no_xref, sizes),
            ("pdf scanned", pdf_scanned, sizes),
        ],
        registry,
    )


def main(argv: list[str]) -> int:
    sizes = tuple(float(a) for a in argv[1:]) or SIZES_MB
    registry = make_registry(entry_points=False)
    read_bytes(pdf_padding(1024), source="warm.pdf", registry=registry, reader="pdf")  # warm up
    worst = pdf_section(sizes, registry)
    verdict = "linear" if worst <= MAX_RATIO else "NOT LINEAR"
    print(f"worst ratio {worst:.2f} (limit {MAX_RATIO}): {verdict}")
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
