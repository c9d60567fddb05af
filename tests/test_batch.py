"""Batch review over a folder of every corpus report plus broken files; summaries; coverage; series;
the aggregate and coverage commands."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from pathlib import Path

import attrs
import pytest

from corpus_support import CORPUS, CORPUS_IDS, expected, report_from_expected
from govdisclosure import NATIONAL_2021, CellRef, build_report, dump_json, load_path
from govdisclosure.batch import (
    ExpectedUnit,
    ReportedUnit,
    SummaryBuilder,
    coverage,
    read_expected_units,
    summarize,
    validate_many,
    write_summary,
)
from govdisclosure.batch.commands import Progress
from govdisclosure.batch.run import check_file
from govdisclosure.cli import main
from govdisclosure.plugins import hookimpl
from govdisclosure.plugins.registry import make_registry
from govdisclosure.series import validate_series

BROKEN = ("garbage.pdf", "garbage.html", "empty.json")
REVIEW_YEAR = 2024


def _originals() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".html", ".txt"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("batch")
    for p in _originals():
        shutil.copy(p, d / p.name)
    for cid in CORPUS_IDS:
        (d / f"{cid}.json").write_text(dump_json(report_from_expected(cid)), "utf-8")
    (d / "garbage.pdf").write_bytes(random.Random(7).randbytes(4000))
    (d / "garbage.html").write_text("<html><body><p>页面不存在 404</p></body></html>", "utf-8")
    (d / "empty.json").write_bytes(b"")
    (d / "wrong-year.json").write_text(
        dump_json(attrs.evolve(report_from_expected("002"), year=2019)), "utf-8"
    )
    return d


@pytest.fixture(scope="module")
def results(folder: Path) -> list:  # type: ignore[type-arg]
    return list(validate_many([folder], jobs=2, year=REVIEW_YEAR))


def test_batch_completes_and_reports_each_broken_file(folder: Path, results: list) -> None:  # type: ignore[type-arg]
    names = [Path(r.source).name for r in results]
    assert names == sorted(p.name for p in folder.iterdir())  # every file, in order, none dropped
    by_name = {Path(r.source).name: r for r in results}
    for broken in BROKEN:
        r = by_name[broken]
        assert not r.readable and [f.rule_id for f in r.findings] == ["batch.unreadable"]
        assert broken in r.findings[0].message_zh
    wrong = by_name["wrong-year.json"]
    assert wrong.readable and wrong.year == 2019
    assert "batch.wrong_year" in wrong.by_rule()


class _BuggyReader:
    """A reader that claims ``.bug`` files and then fails with a plain bug (not a ReadError)."""

    name = "buggy"
    suffixes = (".bug",)

    def sniff(self, head: bytes, name: str) -> float:
        return 1.0 if name.endswith(".bug") else 0.0

    def read(self, data: bytes, *, source: str, registry: object) -> object:
        raise RuntimeError("boom")


class _BuggyPlugin:
    @hookimpl
    def gd_register_readers(self, register) -> None:  # type: ignore[no-untyped-def]
        register(_BuggyReader())


def test_a_reader_bug_makes_the_file_unreadable_not_the_batch_fail(tmp_path: Path) -> None:
    (tmp_path / "x.bug").write_text("hi", "utf-8")
    registry = make_registry(entry_points=False, plugins=[_BuggyPlugin()])
    r = check_file(tmp_path / "x.bug", registry=registry)
    assert not r.readable and [f.rule_id for f in r.findings] == ["batch.unreadable"]
    assert "RuntimeError: boom" in r.findings[0].message_zh


def test_every_corpus_report_is_read_and_checked(results: list) -> None:  # type: ignore[type-arg]
    by_name = {Path(r.source).name: r for r in results}
    originals = [p.name for p in _originals()]
    assert len(originals) == len(CORPUS_IDS)
    for cid in CORPUS_IDS:
        exp = expected(cid)
        for name in (exp["file"], f"{cid}.json"):
            r = by_name[name]
            assert r.readable, (name, r.findings)
            assert r.year == exp["year"]
            assert ("batch.wrong_year" in r.by_rule()) == (exp["year"] != REVIEW_YEAR)
    # checked, not just read: 001 prints two wrong 表四 totals (corpus README), found in both copies
    for name in ("001.json", expected("001")["file"]):
        failed = {c for f in by_name[name].findings if f.severity == "error" for c in f.cells}
        assert {
            CellRef("appeals", "review", "total"),
            CellRef("appeals", "lawsuit_after_review", "total"),
        } <= failed


def test_one_process_gives_the_same_results(folder: Path, results: list) -> None:  # type: ignore[type-arg]
    serial = list(
        validate_many(
            [folder / "001.json", folder / "empty.json", folder / "002.json"], jobs=1, year=REVIEW_YEAR
        )
    )
    parallel = {Path(r.source).name: r for r in results}
    for r in serial:
        assert [f.rule_id for f in r.findings] == [f.rule_id for f in parallel[Path(r.source).name].findings]


def test_summary_per_unit_and_per_rule(folder: Path, results: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    summary = summarize(results)
    rules = {r.rule_id: r for r in summary.rules}
    assert rules["batch.unreadable"].units == len(BROKEN)
    n_wrong = 1 + sum(2 for cid in CORPUS_IDS if expected(cid)["year"] != REVIEW_YEAR)
    assert rules["batch.wrong_year"].units == n_wrong
    assert summary.unreadable == len(BROKEN)

    write_summary(summary, tmp_path / "s.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "s.csv").read_text("utf-8"))))
    header, body, last = rows[0], rows[1:-1], rows[-1]
    assert len(body) == len(results)
    col = header.index("batch.unreadable")
    assert sorted(Path(r[1]).name for r in body if r[col] == "1") == sorted(BROKEN)
    assert last[col] == str(len(BROKEN))

    write_summary(summary, tmp_path / "s.json")
    data = json.loads((tmp_path / "s.json").read_text("utf-8"))
    assert data["totals"] == {
        "units": len(results),
        "failing": summary.failing_units,
        "unreadable": len(BROKEN),
    }
    unit = next(u for u in data["units"] if Path(u["source"]).name == "empty.json")
    assert unit["status"] == "unreadable" and unit["rules"][0]["rule_id"] == "batch.unreadable"
    with pytest.raises(ValueError, match=r"csv, \.json or \.html"):
        write_summary(summary, tmp_path / "s.txt")


def test_html_summary_links_each_unit_to_its_marked_report(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "review"
    rs = list(
        validate_many([folder / "001.json", folder / "garbage.pdf"], jobs=1, render_dir=out / "reports")
    )
    b = SummaryBuilder()
    for r in rs:
        b.add(r)
    write_summary(b.build(), out / "summary.html")
    page = (out / "summary.html").read_text("utf-8")
    rendered = Path(rs[0].rendered or "")
    assert rendered.is_file() and f'href="reports/{rendered.name}"' in page
    marked = rendered.read_text("utf-8")
    # the two located wrong totals are marked, with the checks' message as the tooltip
    assert marked.count('class="gd-mark"') == 2
    assert "<script>" in page and "garbage.pdf" in page and rs[1].rendered is None


def test_coverage_names_missing_and_unmatched_units(tmp_path: Path) -> None:
    units_csv = tmp_path / "units.csv"
    units_csv.write_text(
        "单位名称,区划代码\n淮安市人民政府,320800\n洪泽区人民政府,\n金湖县人民政府,320831\n", "utf-8"
    )
    units = read_expected_units(units_csv)
    assert [u.name for u in units] == ["淮安市人民政府", "洪泽区人民政府", "金湖县人民政府"]
    reported = [
        ReportedUnit(name=expected("011")["agency"], year=2024, source="011.pdf"),
        ReportedUnit(
            name=expected("002")["agency"], year=2024, source="002.pdf"
        ),  # 淮安市洪泽区…: suffix match
        ReportedUnit(name=expected("000")["agency"], year=2024, source="000.txt"),
        ReportedUnit(name=expected("001")["agency"], year=2023, source="001.pdf"),
    ]
    cov = coverage(units, reported, year=2024)
    assert [u.name for u in cov.missing] == ["金湖县人民政府"]
    assert [r.source for r in cov.unmatched] == ["000.txt"]
    assert [r.source for r in cov.other_year] == ["001.pdf"]
    assert {u.name: [r.source for r in rs] for u, rs in cov.matched} == {
        "淮安市人民政府": ["011.pdf"],
        "洪泽区人民政府": ["002.pdf"],
    }
    # full-width spaces and brackets do not matter
    assert coverage([ExpectedUnit(name="淮安市 人民政府")], reported[:1]).missing == ()


def test_bad_unit_list_names_the_line(tmp_path: Path) -> None:
    from govdisclosure.errors import ReadError

    bad = tmp_path / "units.csv"
    bad.write_text("甲县,12\n", "utf-8")
    with pytest.raises(ReadError, match="line 1"):
        read_expected_units(bad)


def test_series_runs_cross_year_between_each_pair() -> None:
    r23, r24 = report_from_expected("001"), report_from_expected("002")
    steps = list(validate_series([r24, r23]))
    assert [s.year for s in steps] == [2023, 2024]
    assert steps[0].previous is None and steps[1].previous is r23
    assert not steps[0].findings and not steps[1].findings
    # the cross-year rules run between the pair: break 上年结转 of 2024 against 结转下年度 of 2023
    carried = CellRef("requests", "carried_over", "natural_person")
    assert r24[carried] == r23[CellRef("requests", "carried_forward", "natural_person")]
    broken = r24.with_cells({carried: r24[carried] + 1})  # type: ignore[operator]
    ok_ids = {f.rule_id for f in steps[1].validation.findings}
    bad = list(validate_series([r23, broken]))[1]
    new_ids = {f.rule_id for f in bad.validation.findings if carried in f.cells} - ok_ids
    assert any("cross_year" in rid for rid in new_ids), new_ids
    r21 = attrs.evolve(r23, year=2021)
    gap = list(validate_series([r21, r24]))
    assert gap[1].previous is None and [f.rule_id for f in gap[1].findings] == ["series.gap"]
    assert gap[1].findings[0].data["missing_years"] == (2022, 2023)
    other = attrs.evolve(r24, agency=attrs.evolve(r24.agency, name="金湖县人民政府"))
    dup = list(validate_series([r23, other, r24]))
    assert "series.other_unit" in [f.rule_id for s in dup for f in s.findings]
    assert "series.duplicate_year" in [f.rule_id for s in dup for f in s.findings]


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe, tty = io.StringIO(), Tty()
    for stream in (pipe, tty):
        p = Progress(stream, 2)
        p.step("a.pdf")
        p.step("b.pdf")
        p.close()
    assert pipe.getvalue() == ""
    assert "2/2" in tty.getvalue() and "#" in tty.getvalue()


def test_cli_validate_folder_writes_summary(folder: Path, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    summary = tmp_path / "summary.json"
    code = main(
        ["validate", str(folder), "--summary", str(summary), "--jobs", "1", "--year", "2024"],
        stdout=out,
        stderr=err,
    )
    assert code == 2  # some inputs are unreadable
    assert err.getvalue() == ""  # no progress bar on a pipe
    data = json.loads(summary.read_text("utf-8"))
    assert data["totals"]["unreadable"] == len(BROKEN)
    assert len(out.getvalue().splitlines()) == len(list(folder.iterdir())) + 3 * 1 + 1  # + reasons + total


def test_cli_validate_expected_units(folder: Path, tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text(f"{expected('011')['agency']}\n金湖县人民政府\n", "utf-8")
    out = io.StringIO()
    code = main(
        [
            "validate",
            str(folder / "011.json"),
            str(folder / "002.json"),
            "--expected-units",
            str(units),
            "--jobs",
            "1",
        ],
        stdout=out,
        stderr=io.StringIO(),
    )
    assert code == 0
    text = out.getvalue()
    assert "未报送 missing: 金湖县人民政府" in text
    assert f"不在清单 unmatched: {expected('002')['agency']}" in text


def test_cli_aggregate_and_printed_check(tmp_path: Path) -> None:
    files = []
    for cid in ("000", "002", "011"):
        p = tmp_path / f"{cid}.json"
        p.write_text(dump_json(report_from_expected(cid)), "utf-8")
        files.append(str(p))
    out_file = tmp_path / "agg.json"
    out = io.StringIO()
    assert (
        main(
            [
                "aggregate",
                *files,
                "-o",
                str(out_file),
                "--agency",
                "淮安市汇总",
                "--breakdown",
                str(tmp_path / "b.csv"),
            ],
            stdout=out,
            stderr=io.StringIO(),
        )
        == 0
    )
    agg = load_path(out_file)
    ref = CellRef("requests", "received", "natural_person")
    assert agg[ref] == sum(expected(c)["t3"]["一"][0] for c in ("000", "002", "011"))
    assert agg.agency.name == "淮安市汇总"
    rows = [
        r
        for r in csv.DictReader(io.StringIO((tmp_path / "b.csv").read_text("utf-8")))
        if r["cell"] == str(ref)
    ]
    assert [int(r["value"]) for r in rows] == [expected(c)["t3"]["一"][0] for c in ("000", "002", "011")]
    # a printed aggregate with one cell off by 3, explained by a unit that was changed afterwards
    changed = report_from_expected("011")
    changed = changed.with_cells({ref: changed[ref] + 3})  # type: ignore[operator]
    (tmp_path / "011.json").write_text(dump_json(changed), "utf-8")
    out = io.StringIO()
    code = main(
        ["aggregate", *files, "-o", str(tmp_path / "agg2.json"), "--printed", str(out_file)],
        stdout=out,
        stderr=io.StringIO(),
    )
    assert code == 1
    assert "aggregate.gap" in out.getvalue() and expected("011")["agency"] in out.getvalue()


def test_cli_coverage_and_series(tmp_path: Path) -> None:
    for cid in ("001", "002"):
        (tmp_path / f"{cid}.json").write_text(dump_json(report_from_expected(cid)), "utf-8")
    units = tmp_path / "units.csv"
    units.write_text("洪泽区人民政府\n", "utf-8")
    out = io.StringIO()
    assert (
        main(
            ["coverage", str(tmp_path / "002.json"), "--expected", str(units), "--format", "json"],
            stdout=out,
            stderr=io.StringIO(),
        )
        == 0
    )
    assert json.loads(out.getvalue())["missing"] == []
    out = io.StringIO()
    code = main(
        ["series", str(tmp_path / "002.json"), str(tmp_path / "001.json"), "--format", "json"],
        stdout=out,
        stderr=io.StringIO(),
    )
    steps = json.loads(out.getvalue())
    assert [s["year"] for s in steps] == [2023, 2024] and steps[1]["previous"] == 2023
    assert code == 1  # 001's printed 表四 errors


def test_many_chunks_in_flight_keep_input_order(tmp_path: Path) -> None:
    ref = CellRef("requests", "received", "natural_person")
    bad = {3, 17, 18, 39}
    for i in range(40):
        if i in bad:
            (tmp_path / f"{i:02d}.json").write_text("{ not json", "utf-8")
            continue
        r = build_report(NATIONAL_2021, agency=f"第{i}乡人民政府", year=2024, cells={ref: i}, missing=0)
        (tmp_path / f"{i:02d}.json").write_text(dump_json(r), "utf-8")
    rs = list(validate_many([tmp_path], jobs=2, chunksize=3))
    assert [Path(r.source).stem for r in rs] == [f"{i:02d}" for i in range(40)]
    assert [r.index for r in rs] == list(range(40))
    assert {i for i, r in enumerate(rs) if not r.readable} == bad
    assert all(r.unit == f"第{i}乡人民政府" for i, r in enumerate(rs) if i not in bad)
