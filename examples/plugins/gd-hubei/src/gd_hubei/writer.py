"""The ``hubei-summary`` writer: a short plain-text summary of any report.

It names the agency, year and variant, then prints every row of 第二十条第（一）项 with its values
(so a ``hubei-2020`` report shows 其他主动公开文件), and 表三's 本年新收 and 结转下年度 totals.
Labels come from the report's layout.  Works for every variant: tables it does not find are skipped.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from govdisclosure.cells import CellValue, Placeholder
from govdisclosure.model import Report

__all__ = ["HubeiSummaryWriter"]


def _show(v: CellValue) -> str:
    if v is None:
        return "（未填）"
    if isinstance(v, Placeholder):
        return str(v.value)
    return str(v)


@frozen
class HubeiSummaryWriter:
    """Writes ``--to hubei-summary``."""

    name: str = "hubei-summary"
    suffix: str = ".hubei.txt"
    binary: bool = False
    media_type: str = "text/plain"

    def write(self, report: Report, **options: Any) -> bytes:
        """The summary as UTF-8 text."""
        resolved = report.resolved
        lines = [f"{report.agency.name} {report.year} [{report.layout.id}]"]
        keys = report.layout.table_keys
        if "regulations" in keys:
            table = resolved.table("regulations")
            lines.append(table.spec.label)
            for row in table.row_paths:
                cells = "，".join(
                    f"{table.column_nodes[c].label} {_show(report.value('regulations', row, c))}"
                    for c in table.column_keys
                )
                lines.append(f"  {table.row_nodes[row].label}：{cells}")
        if "requests" in keys:
            table = resolved.table("requests")
            total = table.column_keys[-1]
            for row in ("received", "carried_forward"):
                if row in table.row_paths:
                    lines.append(
                        f"{table.row_nodes[row].label}：{_show(report.value('requests', row, total))}"
                    )
        return ("\n".join(lines) + "\n").encode("utf-8")
