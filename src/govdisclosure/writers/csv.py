"""Tidy CSV: one row per cell, for many reports at once, with a Frictionless ``datapackage.json``.

Columns (:data:`FIELDS`): ``variant, agency, year, table, row, row_label, column, column_label,
value, unit, status, annotation``.  ``row``/``column`` are layout keys (``withheld.state_secret``,
``commercial``), the labels are the official labels verbatim; ``value`` is the value as printed
(a number, a placeholder mark such as ``-``, or empty when nothing was printed); ``status`` is
``printed``, ``derived``, ``placeholder`` or ``not_printed``.

:func:`write_csv` streams any number of reports into one file in time linear in the number of
cells (labels are computed once per variant); :func:`write_dataset` writes the CSV and the
``datapackage.json`` descriptor beside it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from attrs import frozen

from ..cells import PLACEHOLDER_TEXTS
from ..layout import CellRef, Layout
from ..model import Report
from ..plugins import hookimpl
from ..writing import atomic_output, atomic_write
from .document import cell_status, value_text

__all__ = ["FIELDS", "CsvWriter", "csv_rows", "datapackage", "write_csv", "write_dataset"]

FIELDS: tuple[str, ...] = (
    "variant",
    "agency",
    "year",
    "table",
    "row",
    "row_label",
    "column",
    "column_label",
    "value",
    "unit",
    "status",
    "annotation",
)

_DESCRIPTIONS = {
    "variant": "格式变体 format variant ID (national-2021, national-2019, or a regional variant)",
    "agency": "发布机关 the reporting agency",
    "year": "报告年度 report year",
    "table": "表格键 table key (regulations, licensing, enforcement, fees, requests, appeals, ...)",
    "row": "行键 row key path (e.g. withheld.state_secret)",
    "row_label": "行标签 official row label, verbatim",
    "column": "列键 column key",
    "column_label": "列标签 official column label, verbatim",
    "value": "数值 the value as printed (empty: not printed; a placeholder mark such as - or /)",
    "unit": "单位 unit of the value (件, 万元)",
    "status": "状态 printed / derived (computed, not printed) / placeholder / not_printed",
    "annotation": "注记 text printed next to the value, e.g. （其中修订16件）",
}


@cache
def _labels(layout: Layout, features: frozenset[str]) -> tuple[tuple[CellRef, str, str, str], ...]:
    resolved = layout.resolve(features)
    out = []
    for ref in resolved.cells:
        t = resolved.table(ref.table)
        col = t.column_nodes[ref.column]
        out.append((ref, t.row_nodes[ref.row].label, col.label, col.unit))
    return tuple(out)


def csv_rows(report: Report) -> Iterator[list[str]]:
    """The tidy rows of one report (without the header)."""
    head = [report.variant, report.agency.name, str(report.year)]
    notes = report.annotations
    for (ref, row_label, col_label, unit), value in zip(
        _labels(report.layout, report.features), report.cells, strict=True
    ):
        note = notes.get(ref, "") if notes else ""
        yield [
            *head,
            ref.table,
            ref.row,
            row_label,
            ref.column,
            col_label,
            value_text(value),
            unit,
            cell_status(report, ref, value).value,
            note,
        ]


def write_csv(reports: Iterable[Report], out: IO[str], *, header: bool = True) -> int:
    """Stream the tidy rows of every report into ``out`` (opened with ``newline=""``).

    Returns the number of data rows written.
    """
    w = csv.writer(out, lineterminator="\r\n")
    if header:
        w.writerow(FIELDS)
    n = 0
    for report in reports:
        rows = list(csv_rows(report))
        w.writerows(rows)
        n += len(rows)
    return n


def datapackage(csv_name: str = "govdisclosure.csv", *, name: str = "govdisclosure-cells") -> dict[str, Any]:
    """The Frictionless Data Package descriptor for a tidy CSV called ``csv_name``."""
    types = {"year": "integer", "value": "number"}
    fields = [{"name": f, "type": types.get(f, "string"), "description": _DESCRIPTIONS[f]} for f in FIELDS]
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": "政府信息公开工作年度报告 表格数据 / tables of China's FOI annual reports",
        "resources": [
            {
                "name": re.sub(r"[^a-z0-9._-]+", "-", Path(csv_name).stem.lower()).strip("-") or "cells",
                "path": csv_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\r\n"},
                "schema": {
                    "fields": fields,
                    "missingValues": ["", *sorted(PLACEHOLDER_TEXTS)],
                    "primaryKey": ["variant", "agency", "year", "table", "row", "column"],
                },
            }
        ],
    }


def write_dataset(reports: Iterable[Report], csv_path: str | Path) -> int:
    """Stream the tidy CSV of ``reports`` to ``csv_path`` and write ``datapackage.json`` beside it.

    Both files are replaced atomically; returns the number of data rows.
    """
    path = Path(csv_path)
    with atomic_output(path, text=True) as fh:
        n = write_csv(reports, fh)
    descriptor = json.dumps(datapackage(path.name), ensure_ascii=False, indent=2) + "\n"
    atomic_write(path.with_name("datapackage.json"), descriptor.encode("utf-8"))
    return n


@frozen
class CsvWriter:
    """``--to csv``: the tidy CSV of one report (see :func:`write_dataset` for many)."""

    name: str = "csv"
    suffix: str = ".csv"
    binary: bool = False
    media_type: str = "text/csv; charset=utf-8"

    def write(self, report: Report, **options: Any) -> bytes:
        """Render ``report``; option ``header`` (default True)."""
        buf = io.StringIO(newline="")
        write_csv([report], buf, header=bool(options.get("header", True)))
        return buf.getvalue().encode("utf-8")


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register the CSV writer."""
    register(CsvWriter())


def _dataset_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs", nargs="+", metavar="IN", help="输入报告（任意支持的格式）或目录 / reports or folders"
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT.csv", help="输出 CSV；datapackage.json 写在旁边"
    )


def _dataset_run(args: argparse.Namespace, ctx: Any) -> int:
    from ..cli import load_input

    files: list[Path] = []
    for name in args.inputs:
        p = Path(name)
        if p.is_dir():
            suffixes = {sfx for r in ctx.registry.readers.values() for sfx in r.suffixes}
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes))
        else:
            files.append(p)
    n = write_dataset((load_input(str(f), ctx).report for f in files), args.output)
    print(f"{len(files)} 份报告 reports, {n} 行 rows → {args.output} (+ datapackage.json)", file=ctx.stderr)
    return 0


@hookimpl
def gd_register_commands(register: Callable[[Any], None]) -> None:
    """Register ``dataset``: many reports → one tidy CSV plus its Frictionless descriptor."""
    from ..cli import Command

    register(
        Command(
            name="dataset",
            help="多份报告合成整洁 CSV / many reports → one tidy CSV + datapackage.json",
            configure=_dataset_configure,
            run=_dataset_run,
        )
    )
