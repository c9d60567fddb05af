"""The tidy CSV: one row per cell with labels and status, many reports in one file, the datapackage."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import attrs

from corpus_support import CORPUS_IDS, report_from_expected
from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Placeholder, build_report
from govdisclosure.cli import main
from govdisclosure.writers.csv import CsvWriter, datapackage, write_csv, write_dataset
from writer_support import read_csv

HEADER = [
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
]


def _report():  # type: ignore[no-untyped-def]
    r = build_report(
        NATIONAL_2021,
        agency="某县人民政府",
        year=2024,
        missing=0,
        cells={
            CellRef("fees", "fees", "amount"): Decimal("0.50"),
            CellRef("requests", "received", "research"): Placeholder.SLASH,
        },
    )
    r = r.with_cells({CellRef("appeals", "review", "pending"): None})
    return attrs.evolve(r, annotations={CellRef("regulations", "rules", "issued"): "（其中修订1件）"})


def test_one_row_per_cell_with_labels_and_status() -> None:
    report = _report()
    rows = read_csv(CsvWriter().write(report))
    assert list(rows[0]) == HEADER
    assert len(rows) == len(report.cells)
    by_key = {(r["table"], r["row"], r["column"]): r for r in rows}
    fee = by_key[("fees", "fees", "amount")]
    assert (fee["value"], fee["unit"], fee["status"], fee["column_label"]) == (
        "0.50",
        "万元",
        "printed",
        "本年收费金额（单位：万元）",
    )
    ph = by_key[("requests", "received", "research")]
    assert (ph["value"], ph["status"], ph["row_label"], ph["column_label"]) == (
        "/",
        "placeholder",
        "一、本年新收政府信息公开申请数量",
        "科研机构",
    )
    assert (
        by_key[("requests", "received", "total")]["status"] == "not_printed"
    )  # not derivable: a placeholder
    assert (
        by_key[("appeals", "review", "pending")]["value"],
        by_key[("appeals", "review", "pending")]["status"],
    ) == ("", "not_printed")
    assert by_key[("requests", "disclosed", "total")]["status"] == "derived"
    assert by_key[("requests", "disclosed", "natural_person")]["status"] == "printed"
    assert by_key[("regulations", "rules", "issued")]["annotation"] == "（其中修订1件）"
    assert by_key[("regulations", "rules", "issued")]["value"] == "0"
    assert {r["variant"] for r in rows} == {"national-2021"} and {r["year"] for r in rows} == {"2024"}


def test_many_reports_stream_into_one_file(tmp_path: Path) -> None:
    reports = [report_from_expected(i) for i in CORPUS_IDS] + [
        build_report(NATIONAL_2019, agency="某市人民政府", year=2020, missing=0)
    ]
    out = tmp_path / "cells.csv"
    n = write_dataset(iter(reports), out)
    rows = read_csv(out.read_bytes())
    assert n == len(rows) == sum(len(r.cells) for r in reports)
    assert [r["agency"] for r in rows][:: len(reports[0].cells)][0] == reports[0].agency.name
    descriptor = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    (resource,) = descriptor["resources"]
    assert resource["path"] == "cells.csv"
    assert [f["name"] for f in resource["schema"]["fields"]] == HEADER
    assert {f["name"]: f["type"] for f in resource["schema"]["fields"]}["value"] == "number"
    assert {"", "-", "/", "—", "无"} <= set(resource["schema"]["missingValues"])
    # every non-missing value parses as a number, as the descriptor declares
    missing = set(resource["schema"]["missingValues"])
    for r in rows:
        if r["value"] not in missing:
            Decimal(r["value"])


def test_write_csv_counts_rows_and_writes_one_header() -> None:
    buf = io.StringIO(newline="")
    n = write_csv([report_from_expected("001"), report_from_expected("002")], buf)
    text = buf.getvalue()
    assert text.count("variant,agency,year") == 1
    assert n == text.count("\r\n") - 1
    assert datapackage("x.csv")["resources"][0]["name"] == "x"


def test_convert_command_writes_every_format(tmp_path: Path) -> None:
    src = tmp_path / "report.json"
    from govdisclosure.serialize import dump_json

    src.write_text(dump_json(report_from_expected("011")), "utf-8")
    for fmt in ("text", "html", "md", "docx", "xlsx", "csv"):
        out = tmp_path / f"out.{fmt}"
        out.write_bytes(b"old")
        code = main(
            ["convert", str(src), "--to", fmt, "-o", str(out)], stdout=io.StringIO(), stderr=io.StringIO()
        )
        assert code == 0, fmt
        assert out.read_bytes() != b"old" and out.stat().st_size > 500
    stdout = io.StringIO()
    assert main(["convert", str(src), "--to", "docx"], stdout=stdout, stderr=io.StringIO()) == 2


def test_dataset_command_streams_many_reports_into_one_csv(tmp_path: Path) -> None:
    import csv as _csv

    from govdisclosure import dump_json

    for cid in ("001", "002"):
        (tmp_path / f"{cid}.json").write_text(dump_json(report_from_expected(cid)), encoding="utf-8")
    out = tmp_path / "out" / "cells.csv"
    out.parent.mkdir()
    err = io.StringIO()
    assert main(["dataset", str(tmp_path), "-o", str(out)], stdout=io.StringIO(), stderr=err) == 0
    rows = list(_csv.DictReader(out.open(encoding="utf-8", newline="")))
    cells = len(report_from_expected("001").cells) + len(report_from_expected("002").cells)
    assert len(rows) == cells
    assert {r["year"] for r in rows} == {"2023", "2024"}
    review = [r for r in rows if r["year"] == "2023" and r["table"] == "appeals" and r["row"] == "review"]
    assert [r["value"] for r in review] == ["10", "1", "0", "0", "0"]  # printed, including the wrong 总计
    descriptor = json.loads((out.parent / "datapackage.json").read_text("utf-8"))
    assert descriptor["resources"][0]["path"] == "cells.csv"
