"""Regenerate the browser-printed PDF fixtures in ``tests/data/readers/browser-pdf``.

Each ``NAME.json`` there is a report (drawn by ``govdisclosure.testing.reports``); ``NAME.pdf`` is
that report written by the HTML writer and printed to PDF by headless Chromium, as a web page
printed from a browser is published.  Such PDFs fill the page with a white background rectangle
and map common ideographs to radical code points (``⼈⺠``), which the PDF reader must see through.
Two texts of each are made as the common tools make them: ``NAME.pdftotext-layout.txt``
(``pdftotext -layout`` of the PDF) and ``NAME.w3m.txt`` (``w3m -dump`` of the HTML page).

Run: ``.venv/bin/python scripts/browser_pdf_fixtures.py`` (needs ``chromium``, ``pdftotext`` and
``w3m``: ``apt-get install chromium poppler-utils w3m``).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from govdisclosure import load_json
from govdisclosure.plugins.registry import make_registry

HERE = Path(__file__).resolve().parents[1] / "tests" / "data" / "readers" / "browser-pdf"


def main() -> int:
    registry = make_registry(entry_points=False)
    with tempfile.TemporaryDirectory() as tmp:
        for source in sorted(HERE.glob("*.json")):
            report = load_json(source.read_bytes(), registry=registry, source=str(source))
            page = Path(tmp) / (source.stem + ".html")
            page.write_bytes(registry.writer("html").write(report))
            subprocess.run(
                [
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                    f"--user-data-dir={tmp}/profile",
                    f"--print-to-pdf={source.with_suffix('.pdf')}",
                    str(page),
                ],
                check=True,
                capture_output=True,
            )
            pdf, layout_text = source.with_suffix(".pdf"), source.with_suffix(".pdftotext-layout.txt")
            subprocess.run(["pdftotext", "-layout", str(pdf), str(layout_text)], check=True)
            dump = subprocess.run(
                ["w3m", "-dump", "-cols", "200", "-I", "UTF-8", "-O", "UTF-8", str(page)],
                check=True,
                capture_output=True,
            )
            source.with_suffix(".w3m.txt").write_bytes(dump.stdout)
            print(source.with_suffix(".pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
