"""Regenerate the browser-printed PDF fixtures in ``tests/data/readers/browser-pdf``.

Each ``NAME.json`` there is a report (drawn by ``govdisclosure.testing.reports``); ``NAME.pdf`` is
that report written by the HTML writer and printed to PDF by headless Chromium, as a web page
printed from a browser is published.  Such PDFs fill the page with a white background rectangle
and map common ideographs to radical code points (``⼈⺠``), which the PDF reader must see through.

Run: ``.venv/bin/python scripts/browser_pdf_fixtures.py`` (needs ``chromium``:
``scripts/install-system-deps.sh``).
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
            print(source.with_suffix(".pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
