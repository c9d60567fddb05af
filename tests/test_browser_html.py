"""The HTML page in a real browser: headless Chromium renders it (screenshot kept under artifacts/)
and a script-injection attempt in the section text does not execute."""

from __future__ import annotations

from pathlib import Path

from browser_support import ARTIFACTS, chromium
from corpus_support import report_from_expected
from govdisclosure import NATIONAL_2021, build_report
from govdisclosure.writers.html import render_html

PAYLOAD = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
TITLE_SCRIPT = "<script>document.title='pwned'</script>"


def _title_after_load(tmp_path: Path, page: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(page, "utf-8")
    dom = chromium(tmp_path, "--virtual-time-budget=2000", "--dump-dom", path.as_uri()).stdout
    start = dom.index("<title>") + len("<title>")
    return dom[start : dom.index("</title>", start)]


def test_injection_in_section_text_does_not_execute(tmp_path: Path) -> None:
    report = build_report(
        NATIONAL_2021,
        agency="某县人民政府",
        year=2024,
        missing=0,
        sections={"overview": PAYLOAD, "problems": TITLE_SCRIPT},
    )
    page = render_html(report)
    assert _title_after_load(tmp_path, page, "hostile.html") == "某县人民政府2024年政府信息公开工作年度报告"


def test_the_probe_detects_a_script_that_runs(tmp_path: Path) -> None:
    """Control: the same payload inserted unescaped does change the title, so the check above can fail."""
    page = render_html(build_report(NATIONAL_2021, agency="某县人民政府", year=2024, missing=0))
    unsafe = page.replace("</main>", PAYLOAD + "</main>")
    assert _title_after_load(tmp_path, unsafe, "unsafe.html") == "pwned"


def test_screenshot_of_the_page(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = tmp_path / "report.html"
    page.write_text(render_html(report_from_expected("011")), "utf-8")
    shot = ARTIFACTS / "html-011.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, "--window-size=1100,3600", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1100, 3600)
    assert len(data) > 50_000  # a rendered page, not a blank image
