"""GitHub-flavoured Markdown: headings, prose and the tables with merged cells flattened.

GFM tables have no spans, so every table is written with one header row and one line per data
row: a column's header is its label preceded by its group labels (``法人或其他组织 · 商业企业``;
a group over every column, ``申请人情况``, is left out), a row's label likewise
(``三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密``).  A single-line table (表四) is written
with its rows as rows.  The corner note is printed above its table, each block of 表二 is
headed by its label.  Report text is escaped so that it cannot form Markdown or HTML.

Option ``mark_derived=True`` prints derived values in italics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from attrs import frozen

from ..layout import CellRef, Layout, TableSpec
from ..model import Report
from ..plugins import hookimpl
from .document import outline, report_title, value_text
from .grid import flat_label

__all__ = ["MarkdownWriter", "escape_markdown", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!$])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown or inline HTML could interpret (and list/heading starts)."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(
        lambda m: (
            m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(1) + m.group(2) + "\\"
        ),
        text,
    )


def _cell(text: str) -> str:
    return escape_markdown(text).replace("\n", " ").replace("\r", " ")


@cache
def _skeleton(
    layout: Layout, features: frozenset[str], key: str, labelled: bool
) -> tuple[list[str], list[tuple[str, list[tuple[CellRef, int]]]]]:
    """The fixed lines above a table and, per data row, its escaped label and its cells (cached)."""
    spec = layout.table(key)
    resolved = layout.resolve(features)
    table = resolved.table(key)
    head: list[str] = []
    if labelled:
        head += [f"**{escape_markdown(spec.label)}**", ""]
    if spec.corner_note:
        head += [escape_markdown(spec.corner_note), ""]
    header = [spec.row_header] + [flat_label(layout, features, key, "column", c) for c in table.column_keys]
    head.append("| " + " | ".join(_cell(h) for h in header) + " |")
    head.append("| --- |" + " ---: |" * len(table.column_keys))
    rows = []
    for row in table.row_paths:
        refs = [CellRef(key, row, col) for col in table.column_keys]
        rows.append(
            (_cell(flat_label(layout, features, key, "row", row)), [(r, resolved.index[r]) for r in refs])
        )
    return head, rows


def _table(report: Report, spec: TableSpec, mark_derived: bool, labelled: bool) -> list[str]:
    head, rows = _skeleton(report.layout, report.features, spec.key, labelled)
    cells, notes, derived = report.cells, report.annotations, report.derived
    out = list(head)
    for label, refs in rows:
        fields = [label]
        for ref, i in refs:
            value = cells[i]
            note = notes.get(ref) if notes else None
            text = str(value) if type(value) is int and not note else _cell(value_text(value, note))
            if mark_derived and text and ref in derived:
                text = f"*{text}*"
            fields.append(text)
        out.append("| " + " | ".join(fields) + " |")
    out.append("")
    return out


def render_markdown(report: Report, *, mark_derived: bool = False) -> str:
    """The report as GitHub-flavoured Markdown."""
    lines = [f"# {escape_markdown(report_title(report))}", ""]
    if report.preamble:
        lines += [escape_markdown(p) + "\n" for p in report.preamble.split("\n") if p.strip()]
    for s in outline(report):
        if s.heading:
            lines += [f"## {escape_markdown(s.heading)}", ""]
        lines += [escape_markdown(p) + "\n" for p in s.text.split("\n") if p.strip()]
        for grid in s.tables:
            for block in grid.blocks:
                lines += _table(report, block.spec, mark_derived, block.label_rows > 0)
    return "\n".join(lines).rstrip("\n") + "\n"


@frozen
class MarkdownWriter:
    """``--to md``: GitHub-flavoured Markdown."""

    name: str = "md"
    suffix: str = ".md"
    binary: bool = False
    media_type: str = "text/markdown; charset=utf-8"

    def write(self, report: Report, **options: Any) -> bytes:
        """Render ``report``; option ``mark_derived`` (bool)."""
        return render_markdown(report, mark_derived=bool(options.get("mark_derived", False))).encode("utf-8")


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register the Markdown writer."""
    register(MarkdownWriter())
