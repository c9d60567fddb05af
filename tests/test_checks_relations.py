"""Relation rules and the wrong-cell locator: the mutation property and hand-made cases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Placeholder, build_report, relations_for
from govdisclosure.checks import validate
from govdisclosure.findings import FindingStatus, Severity
from govdisclosure.testing.strategies import Perturbation, perturbed_reports, reports

LOCATE = "national.locate.cell"
RELATIONS_ONLY = ("relations",)


def _relation_failures(vr) -> dict[str, str]:
    """relation instance id -> rule id, for every failing relation finding."""
    return {
        f.data["relation"]: f.rule_id
        for f in vr.findings
        if f.status is FindingStatus.FAIL and f.severity is Severity.ERROR and "relation" in f.data
    }


def _check_mutation(p: Perturbation) -> None:
    relations = relations_for(p.report.resolved)
    reading = {r.id: r for r in relations if r.coefficient(p.cell) != 0}
    # the original, valid report: no relation fails
    assert not _relation_failures(validate(p.original, select=RELATIONS_ONLY))
    vr = validate(p.report, select=RELATIONS_ONLY)
    failed = _relation_failures(vr)
    assert set(failed) == set(reading), (p.cell, p.old, p.new)
    # each failure is reported by the rule generated from its own relation template
    for rid, rule_id in failed.items():
        assert rule_id == f"national.{reading[rid].template.id}"
    if len(reading) >= 2:
        (loc,) = [f for f in vr.findings if f.rule_id == LOCATE]
        assert loc.cells == (p.cell,)
        assert loc.actual == p.new
        assert loc.expected == p.old
        assert loc.data["located_cell"] == str(p.cell)
        assert not loc.data["assumed"]


@settings(max_examples=60, deadline=None)
@given(perturbed_reports(NATIONAL_2021))
def test_mutating_one_cell_fails_exactly_its_relations_2021(p: Perturbation) -> None:
    _check_mutation(p)


@settings(max_examples=40, deadline=None)
@given(perturbed_reports(NATIONAL_2019))
def test_mutating_one_cell_fails_exactly_its_relations_2019(p: Perturbation) -> None:
    _check_mutation(p)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports))
def test_generated_valid_reports_have_no_table_errors(report) -> None:
    vr = validate(report, select=("relations", "values"))
    assert not [f for f in vr.findings if f.severity is Severity.ERROR]
    assert not vr.by_rule(LOCATE)


def _t3(row: str, col: str) -> CellRef:
    return CellRef("requests", row, col)


def _valid_requests() -> dict[CellRef, int]:
    """A balanced 表三 by hand: 3075 not held + 25 disclosed = 3100 new, nothing carried."""
    return {
        _t3("received", "natural_person"): 3100,
        _t3("disclosed", "natural_person"): 25,
        _t3("unable.not_held", "natural_person"): 3075,
    }


def test_locator_names_the_cell_on_a_row_and_a_column_total() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=_valid_requests(), missing=0)
    ref = _t3("unable.not_held", "natural_person")
    wrong = report.with_cells({ref: 3057})
    vr = validate(wrong)
    (loc,) = vr.by_rule(LOCATE)
    assert loc.message_zh == "表三 （四）1 自然人 印为 3057，按行列合计应为 3075"
    assert "3057" in loc.message_en and "3075" in loc.message_en and str(ref) in loc.message_en
    errors = [f for f in vr.findings if f.severity is Severity.ERROR]
    # the row total of （四）1 and the （七）总计 of 自然人 fail; both point at the cell
    assert {f.data["relation"] for f in errors} == {
        "requests.row_total[unable.not_held]",
        "requests.outcome_total[natural_person]",
    }
    assert all(f.data["located_cell"] == str(ref) and f.data["corrected"] == 3075 for f in errors)
    assert all(f.difference == f.actual - f.expected for f in errors)


def test_two_independent_errors_are_not_pinned_to_one_cell() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=_valid_requests(), missing=0)
    wrong = report.with_cells(
        {_t3("unable.not_held", "natural_person"): 3057, _t3("disclosed", "commercial"): 4}
    )
    vr = validate(wrong)
    locs = vr.by_rule(LOCATE)
    assert locs and all("无法归因于单一单元格" in f.message_zh for f in locs)
    assert all("cannot be pinned to a single cell" in f.message_en for f in locs)


def test_split_digits_are_suggested_never_repaired() -> None:
    cells = {_t3("received", "natural_person"): 12, _t3("disclosed", "natural_person"): 12}
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0)
    # the extraction split "12" into 自然人 1 and 商业企业 2; the printed 总计 stays 12
    split = report.with_cells({_t3("received", "natural_person"): 1, _t3("received", "commercial"): 2})
    vr = validate(split)
    (hint,) = vr.by_rule("national.locate.split_digits")
    assert hint.cells == (_t3("received", "natural_person"), _t3("received", "commercial"))
    assert hint.data["glued"] == 12
    assert hint.severity is Severity.INFO
    assert split.value("requests", "received", "natural_person") == 1  # the report is not modified


def test_placeholder_and_blank_make_relations_not_assessable_never_pass() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=_valid_requests(), missing=0)
    ref = _t3("received", "total")
    for value in (Placeholder.SLASH, None):
        vr = validate(report.with_cells({ref: value}))
        na = [f for f in vr.findings if f.status is FindingStatus.NOT_ASSESSABLE and "relation" in f.data]
        assert {f.data["relation"] for f in na} == {"requests.row_total[received]", "requests.balance[total]"}
        assert all(ref in f.cells for f in na)
        assert not vr.has_errors


def test_appeals_total_single_relation_names_the_total_under_an_assumption() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells={}, missing=0)
    wrong = report.with_cells(
        {CellRef("appeals", "review", "upheld"): 3, CellRef("appeals", "review", "total"): 1}
    )
    vr = validate(wrong)
    (err,) = [f for f in vr.findings if f.severity is Severity.ERROR]
    assert err.rule_id == "national.appeals.total"
    assert (err.actual, err.expected, err.difference) == (1, 3, -2)
    # two cells could explain it (总计 → 3, or 结果维持 → 1): the total is named, marked as an assumption
    assert err.data["located_cell"] == "appeals.review.total" and err.data["assumed"] is True
    assert "假定各分项无误" in err.message_zh
