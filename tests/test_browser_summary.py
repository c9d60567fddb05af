"""The HTML batch summary opened in headless Chromium: it renders, and its inline script sorts and
filters (the DOM after the script ran is checked).  The screenshot is kept under ``artifacts/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import ARTIFACTS, chromium
from corpus_support import report_from_expected
from govdisclosure import dump_json
from govdisclosure.batch import summarize, validate_many, write_summary


@pytest.fixture(scope="module")
def summary_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("units")
    for cid in ("000", "001", "002", "011"):
        (d / f"{cid}.json").write_text(dump_json(report_from_expected(cid)), "utf-8")
    (d / "garbage.pdf").write_bytes(b"%PDF-1.4 broken")
    out = tmp_path_factory.mktemp("review")
    results = list(validate_many([d], jobs=1, render_dir=out / "reports"))
    page = out / "summary.html"
    write_summary(summarize(results), page)
    return page


def test_summary_screenshot(summary_page: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "batch-summary.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", summary_page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def _rows(dom: str) -> list[str]:
    body = dom.split('id="units"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr")[1:]


def test_filter_and_sort_run_in_the_browser(summary_page: Path, tmp_path: Path) -> None:
    url = summary_page.as_uri() + "#status=unreadable"
    proc = chromium(tmp_path, "--dump-dom", url)
    rows = _rows(proc.stdout)
    shown = [r for r in rows if "display: none" not in r]
    assert len(rows) == 5 and len(shown) == 1 and "garbage.pdf" in shown[0]
    # sort by the errors column (index 4), descending: 001 (two wrong 表四 totals) first
    proc = chromium(tmp_path, "--dump-dom", summary_page.as_uri() + "#sort=4&desc=1")
    rows = _rows(proc.stdout)
    assert "001.json" in rows[0]
    errors = [int(r.split('class="n">')[2].split("<")[0]) for r in rows]
    assert errors == sorted(errors, reverse=True)


def test_linked_report_screenshot(summary_page: Path, tmp_path: Path) -> None:
    # the unit link of 001 opens its rendered report, with the two wrong 表四 totals marked
    page = summary_page.read_text("utf-8")
    href = next(part.split('"', 1)[0] for part in page.split('href="')[1:] if "001" in part.split('"', 1)[0])
    target = summary_page.parent / href
    assert target.is_file() and target.read_text("utf-8").count('class="gd-mark"') == 2
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "batch-marked-report.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1800", target.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
