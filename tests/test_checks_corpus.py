"""The checks on the printed values of the real corpus reports (tests/data/corpus/*.expected.json)."""

from __future__ import annotations

from corpus_support import expected, report_from_expected
from govdisclosure import CellRef
from govdisclosure.checks import validate
from govdisclosure.findings import FindingStatus, Severity


def _errors(vr):
    return [f for f in vr.findings if f.severity is Severity.ERROR]


def test_001_has_exactly_the_two_printed_appeals_total_errors() -> None:
    exp = expected("001")
    vr = validate(report_from_expected("001"))
    errors = _errors(vr)
    assert {f.rule_id for f in errors} == {"national.appeals.total"}
    # the corrected totals are the sums of the four printed parts (the expected file keeps 总计 as printed)
    want = {
        "appeals.review.total": sum(exp["t4"]["复议"][:4]),
        "appeals.lawsuit_after_review.total": sum(exp["t4"]["复议后"][:4]),
    }
    assert want == {"appeals.review.total": 11, "appeals.lawsuit_after_review.total": 5}
    got = {f.data["located_cell"]: f.data["corrected"] for f in errors}
    assert got == want
    for f in errors:
        assert f.actual == 0 and f.expected == want[f.data["located_cell"]]
    located = {f.data["located_cell"]: f.expected for f in vr.by_rule("national.locate.cell")}
    assert located == want
    assert vr.has_errors


def test_002_and_011_have_no_error() -> None:
    for cid in ("002", "011"):
        vr = validate(report_from_expected(cid))
        assert not _errors(vr), (cid, [f.message_en for f in _errors(vr)])
        assert not vr.has_errors


def test_000_total_column_checks_are_not_assessable_and_nothing_is_an_error() -> None:
    report = report_from_expected("000")
    vr = validate(report)
    assert not vr.has_errors
    row_total = list(vr.by_rule("national.requests.row_total"))
    assert row_total and all(f.status is FindingStatus.NOT_ASSESSABLE for f in row_total)
    # the 总计 column was not printed: every 表三 row's total check is not assessable
    rows = set(report.resolved.table("requests").row_paths)
    assert {f.data["relation"] for f in row_total} == {f"requests.row_total[{r}]" for r in rows}
    assert all(CellRef("requests", f.data["relation"][19:-1], "total") in f.cells for f in row_total)
    # no relation reading a blank cell is reported as failing (or silently passing as 0)
    assert not [f for f in vr.findings if "relation" in f.data and f.status is FindingStatus.FAIL]
    assert vr.by_rule("national.values.not_printed")


def test_cross_year_001_to_002() -> None:
    prev, cur = report_from_expected("001"), report_from_expected("002")
    vr = validate(cur, previous=prev)
    assert not _errors(vr)
    # derive the expectation from the two expected files: 二 (2024) vs 四 (2023), every column
    assert expected("002")["t3"]["二"] == expected("001")["t3"]["四"]
    assert not vr.by_rule("national.cross_year.carry_over")
    # 现行有效件数 roll-forward holds by hand: 5 + 3 − 0 = 8 and 0 + 0 − 0 = 0
    assert not vr.by_rule("national.cross_year.in_force")
    # a changed carry-over cell is an error naming both years' values
    ref = CellRef("requests", "carried_over", "natural_person")
    vr2 = validate(cur.with_cells({ref: 4}), previous=prev)
    (f,) = vr2.by_rule("national.cross_year.carry_over")
    assert f.severity is Severity.ERROR and f.cells == (ref,) and (f.actual, f.expected) == (4, 0)


def test_cross_year_roll_forward_warns_and_2019_previous_is_not_assessable() -> None:
    from govdisclosure import NATIONAL_2019, build_report

    prev, cur = report_from_expected("001"), report_from_expected("002")
    ref = CellRef("regulations", "normative_documents", "in_force")
    vr = validate(cur.with_cells({ref: 20}), previous=prev)
    (f,) = vr.by_rule("national.cross_year.in_force")
    assert f.severity is Severity.WARNING and (f.actual, f.expected) == (20, 8)
    old = build_report(NATIONAL_2019, agency=prev.agency, year=2023, cells={}, missing=0)
    vr = validate(cur, previous=old)
    roll = vr.by_rule("national.cross_year.in_force")
    assert roll and all(f.status is FindingStatus.NOT_ASSESSABLE for f in roll)
    # 表三 columns are the same in 2019 and 2021: the carry-over is compared (all zero here)
    assert not vr.by_rule("national.cross_year.carry_over")
