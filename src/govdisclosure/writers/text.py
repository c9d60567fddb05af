"""Plain text in the official layout, as text extracted from a published PDF looks.

The format (documented in ``docs/writers/text.md``) is simple and deterministic, so that the
text reader can read it back exactly:

* blocks separated by one blank line: the title line, the preamble (if any), then for each
  section its heading line, its prose (verbatim, if any) and its tables;
* a table is one line per matrix row of its :class:`~govdisclosure.writers.grid.TableGrid`,
  cells separated by TAB; every line of a table has the same number of fields; a merged cell's
  text is in its top-left position and the positions it covers are empty (so a group label is
  on its first child's line); values are printed by
  :func:`~govdisclosure.writers.document.value_text`;
* TABs and line breaks inside a cell become spaces; the file ends with one newline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..model import Report
from ..plugins import hookimpl
from .document import outline, report_title, value_text
from .grid import CellKind, TableGrid

__all__ = ["TextWriter", "render_text", "table_lines"]

_CLEAN = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def table_lines(report: Report, grid: TableGrid) -> list[str]:
    """The table as TAB-separated lines (one per matrix row)."""
    cells = report.cells
    notes = report.annotations
    lines: list[str] = []
    for row in grid.matrix():
        fields = []
        for c in row:
            if c is None:
                fields.append("")
            elif c.kind is CellKind.VALUE:
                assert c.ref is not None
                fields.append(
                    value_text(cells[c.index], notes.get(c.ref) if notes else None).translate(_CLEAN)
                )
            else:
                fields.append(c.text.translate(_CLEAN))
        lines.append("\t".join(fields))
    return lines


def render_text(report: Report) -> str:
    """The whole report as text in the official layout."""
    blocks: list[str] = [report_title(report)]
    if report.preamble:
        blocks.append(report.preamble)
    for section in outline(report):
        if section.heading:
            blocks.append(section.heading)
        if section.text:
            blocks.append(section.text)
        blocks.extend("\n".join(table_lines(report, g)) for g in section.tables)
    return "\n\n".join(blocks) + "\n"


@frozen
class TextWriter:
    """``--to text``: UTF-8 plain text in the official layout."""

    name: str = "text"
    suffix: str = ".txt"
    binary: bool = False
    media_type: str = "text/plain; charset=utf-8"

    def write(self, report: Report, **options: Any) -> bytes:
        """Render ``report``; no options."""
        return render_text(report).encode("utf-8")


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register the text writer."""
    register(TextWriter())
