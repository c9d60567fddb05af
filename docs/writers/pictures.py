"""Make the pictures of the writer pages (``docs/img/writers-*.png``) from a real corpus report.

Run by hand, not in CI (needs headless Chromium, LibreOffice with Writer and Calc, and pdftoppm)::

    .venv/bin/python docs/writers/pictures.py

The report is 淮安市人民政府 2024 (corpus 011), entered from its printed values.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[2]
IMG = ROOT / "docs" / "img"
sys.path.insert(0, str(ROOT / "tests"))

from corpus_support import report_from_expected  # noqa: E402
from govdisclosure.plugins.registry import make_registry  # noqa: E402
from govdisclosure.writing import render  # noqa: E402

CHROMIUM = [
    "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def shoot(page: Path, out: Path, width: int, height: int, tmp: Path) -> None:
    subprocess.run(
        [
            *CHROMIUM,
            f"--user-data-dir={tmp / 'profile'}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def office_pages(data: bytes, suffix: str, tmp: Path, first: int, last: int) -> list[Path]:
    src = tmp / f"doc{suffix}"
    src.write_bytes(data)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "110",
            "-f",
            str(first),
            "-l",
            str(last),
            "-png",
            str(tmp / "doc.pdf"),
            str(tmp / f"page{suffix}"),
        ],
        check=True,
        timeout=120,
    )
    return sorted(tmp.glob(f"page{suffix}*.png"))


def pre_page(text: str, tmp: Path, name: str) -> Path:
    page = tmp / name
    page.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><body style="margin:16px">'
        "<pre style=\"font: 13px/1.5 'Noto Sans Mono CJK SC', monospace; tab-size: 4\">"
        f"{html.escape(text)}</pre></body></html>",
        "utf-8",
    )
    return page


def save(im: Image.Image, name: str) -> None:
    im = im.convert("RGB")
    box = ImageOps.invert(im).getbbox()  # trim the white margin below and right of the content
    if box:
        im = im.crop((0, 0, min(im.width, box[2] + 24), min(im.height, box[3] + 24)))
    im.quantize(colors=32).save(IMG / name, optimize=True)
    print(IMG / name, im.size)


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    report = report_from_expected("011")
    registry = make_registry(entry_points=False)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        page = tmp / "report.html"
        page.write_bytes(render(report, "html", registry=registry))
        shoot(page, tmp / "html.png", 1000, 2600, tmp)
        save(Image.open(tmp / "html.png").crop((0, 0, 1000, 2000)), "writers-html.png")

        pages = [
            Image.open(p) for p in office_pages(render(report, "docx", registry=registry), ".docx", tmp, 1, 2)
        ]
        both = Image.new("RGB", (sum(p.width for p in pages), max(p.height for p in pages)), "white")
        x = 0
        for p in pages:
            both.paste(p, (x, 0))
            x += p.width
        save(both, "writers-docx.png")

        sheets = office_pages(render(report, "xlsx", registry=registry), ".xlsx", tmp, 1, 3)
        for i, sheet in enumerate(sheets):
            Image.open(sheet).save(tmp / f"sheet{i}.png")
        im = Image.open(sheets[1] if len(sheets) > 1 else sheets[0])
        save(im.crop((0, 0, im.width, im.height * 2 // 3)), "writers-xlsx.png")

        for fmt, lines in (("text", 60), ("md", 40), ("csv", 30)):
            text = render(report, fmt, registry=registry).decode("utf-8")
            start = text.index("二、主动公开政府信息情况") if fmt != "csv" else 0
            excerpt = "\n".join(text[start:].split("\n")[:lines])
            shoot(pre_page(excerpt, tmp, f"{fmt}.html"), tmp / f"{fmt}.png", 1400, 24 * lines + 40, tmp)
            save(Image.open(tmp / f"{fmt}.png"), f"writers-{fmt}.png")


if __name__ == "__main__":
    main()
