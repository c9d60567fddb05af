"""One self-contained HTML page in the official layout (no external assets, no script).

Tables are semantic ``<table>`` markup with the template's merged cells (``rowspan``/``colspan``
from :mod:`.grid`), ``<th scope>`` on every header, ``lang="zh-CN"`` and a print stylesheet for
A4.  Every text that comes from the report is escaped, so hostile section text renders as text.
Section prose is one ``<p>`` per line (the lines joined by ``\\n`` give the text back).

Options: ``mark_derived=True`` gives derived cells the class ``gd-derived``;
``marks={CellRef: message}`` gives those cells the class ``gd-mark`` and the message as
``title`` (e.g. the cells of a failed check).  Both are off by default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from attrs import frozen

from ..layout import CellRef
from ..model import Report
from ..plugins import hookimpl
from .document import outline, report_title, value_text
from .grid import CellKind, GridCell, TableGrid

__all__ = ["STYLESHEET", "HtmlWriter", "render_html"]

_SERIF = '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif'
_SANS = '"黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
_TITLE = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", serif'

STYLESHEET = f"""
:root {{ color: #000; background: #fff; }}
body {{ font-family: {_SERIF}; font-size: 16px; line-height: 1.8; max-width: 62em; margin: 2em auto;
  padding: 0 1.5em; }}
h1 {{ font-family: {_TITLE}; font-size: 1.6em; font-weight: normal; text-align: center; margin: 1em 0; }}
h2 {{ font-family: {_SANS}; font-size: 1em; font-weight: normal; margin: 1.2em 0 .4em; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; }}
p:empty {{ height: .9em; }}
table {{ border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; font-size: 13px; line-height: 1.4; }}
th, td {{ border: 1px solid #000; padding: .3em .4em; text-align: center; vertical-align: middle;
  font-weight: normal; }}
th[scope=col] {{ min-width: 3.4em; }}
td {{ min-width: 2.6em; white-space: nowrap; }}
th[scope=row], th[scope=rowgroup] {{ text-align: left; }}
th.gd-vertical {{ writing-mode: vertical-rl; text-align: center; letter-spacing: .2em; width: 1.6em; }}
.gd-corner {{ font-size: .9em; text-align: left; }}
.gd-block {{ font-family: {_SANS}; text-align: left; }}
td.gd-derived {{ font-style: italic; color: #444; }}
td.gd-mark {{ background: #fde2e1; outline: 2px solid #c0392b; outline-offset: -2px; }}
@media print {{
  @page {{ size: A4 portrait; margin: 25mm 20mm 25mm 20mm; }}
  body {{ max-width: none; margin: 0; padding: 0; font-size: 12pt; }}
  table {{ font-size: 8.5pt; }}
  thead {{ display: table-header-group; }}
  tr, th, td {{ page-break-inside: avoid; break-inside: avoid; }}
  h1, h2 {{ page-break-after: avoid; break-after: avoid; }}
  td.gd-mark {{ background: none; }}
}}
""".strip()


def _attrs(c: GridCell) -> str:
    out = ""
    if c.rowspan > 1:
        out += f' rowspan="{c.rowspan}"'
    if c.colspan > 1:
        out += f' colspan="{c.colspan}"'
    return out


def _header(c: GridCell) -> str:
    if c.kind is CellKind.CORNER:
        return f'<td class="gd-corner"{_attrs(c)}>{escape(c.text)}</td>'
    if c.kind is CellKind.BLOCK_LABEL:
        return f'<th scope="colgroup" class="gd-block"{_attrs(c)}>{escape(c.text)}</th>'
    if c.kind is CellKind.COLUMN_HEADER:
        scope = "colgroup" if c.group else "col"
        return f'<th scope="{scope}"{_attrs(c)}>{escape(c.text)}</th>'
    scope = "rowgroup" if c.group else "row"
    cls = ' class="gd-vertical"' if c.vertical else ""
    return f'<th scope="{scope}"{cls}{_attrs(c)}>{escape(c.text)}</th>'


def _table(report: Report, grid: TableGrid, mark_derived: bool, marks: Mapping[CellRef, str]) -> str:
    cells = report.cells
    notes = report.annotations
    derived = report.derived if mark_derived else frozenset()
    rows = grid.rows()
    label = f"{grid.number_zh} {grid.specs[0].label}" if len(grid.blocks) == 1 else grid.number_zh
    out = [f'<table class="gd-table" data-table="{escape(grid.key)}" aria-label="{escape(label)}">']
    for block in grid.blocks:
        head_end = block.first_row + block.label_rows + block.header_rows
        if len(grid.blocks) == 1:
            parts: tuple[tuple[str, int, int], ...] = (
                ("thead", block.first_row, head_end),
                ("tbody", head_end, block.end_row),
            )
        else:
            parts = (("tbody", block.first_row, block.end_row),)
        for tag, start, end in parts:
            out.append(f'<{tag} data-block="{escape(block.spec.key)}">')
            for r in range(start, end):
                html_cells = []
                for c in rows[r]:
                    if c.kind is not CellKind.VALUE:
                        html_cells.append(_header(c))
                        continue
                    ref = c.ref
                    assert ref is not None
                    classes = []
                    title = ""
                    if ref in derived:
                        classes.append("gd-derived")
                    if ref in marks:
                        classes.append("gd-mark")
                        title = f' title="{escape(marks[ref])}"'
                    cls = f' class="{" ".join(classes)}"' if classes else ""
                    text = escape(value_text(cells[c.index], notes.get(ref) if notes else None))
                    html_cells.append(f'<td data-ref="{escape(str(ref))}"{cls}{title}{_attrs(c)}>{text}</td>')
                out.append("<tr>" + "".join(html_cells) + "</tr>")
            out.append(f"</{tag}>")
    out.append("</table>")
    return "\n".join(out)


def _paragraphs(text: str) -> str:
    return "\n".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))


def render_html(
    report: Report, *, mark_derived: bool = False, marks: Mapping[CellRef, str] | None = None
) -> str:
    """The report as one self-contained HTML page."""
    marks = marks or {}
    title = escape(report_title(report))
    body = [f"<h1>{title}</h1>"]
    if report.preamble:
        body.append(f'<div class="gd-preamble">{_paragraphs(report.preamble)}</div>')
    for s in outline(report):
        key = f' data-section="{escape(s.key)}"' if s.key else ""
        body.append(f"<section{key}>")
        if s.heading:
            body.append(f"<h2>{escape(s.heading)}</h2>")
        if s.text:
            body.append(f'<div class="gd-text">{_paragraphs(s.text)}</div>')
        body.extend(_table(report, g, mark_derived, marks) for g in s.tables)
        body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="govdisclosure">\n'
        f'<meta name="gd-variant" content="{escape(report.variant)}">\n'
        f"<title>{title}</title>\n<style>\n{STYLESHEET}\n</style>\n</head>\n<body>\n"
        f'<main class="gd-report">\n' + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


@frozen
class HtmlWriter:
    """``--to html``: one self-contained page."""

    name: str = "html"
    suffix: str = ".html"
    binary: bool = False
    media_type: str = "text/html; charset=utf-8"

    def write(self, report: Report, **options: Any) -> bytes:
        """Render ``report``; options ``mark_derived`` (bool) and ``marks`` (``{CellRef: message}``)."""
        return render_html(
            report, mark_derived=bool(options.get("mark_derived", False)), marks=options.get("marks")
        ).encode("utf-8")


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register the HTML writer."""
    register(HtmlWriter())
