"""The two-cell locator: two wrong cells in 表三 are always among the pairs it names."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Report, Status, build_report
from govdisclosure.checks.locate_pairs import explain_pairs
from govdisclosure.layout import ValueKind
from govdisclosure.relations import relations_for
from govdisclosure.testing import reports


def _explain(report: Report) -> list[tuple[tuple[CellRef, CellRef], tuple[object, object]]]:
    resolved = report.resolved
    relations_of: dict[CellRef, list[int]] = defaultdict(list)
    for i, rel in enumerate(relations_for(resolved)):
        for ref in dict.fromkeys(rel.cells):
            relations_of[ref].append(i)
    results = list(report.relations())
    failed = [i for i, r in enumerate(results) if r.status is Status.FAILS]

    def number(ref: CellRef) -> int | None:
        v = report[ref]
        return v if isinstance(v, int) else None

    found = explain_pairs(
        results,
        failed,
        relations_of,
        number,
        lambda ref: ValueKind.COUNT,
        resolved.index.__getitem__,
    )
    return [(e.cells, e.corrected) for e in found]


@settings(max_examples=200, suppress_health_check=list(HealthCheck), deadline=None)
@given(st.sampled_from([NATIONAL_2021, NATIONAL_2019]).flatmap(reports), st.data())
def test_two_wrong_cells_are_among_the_pairs(report: Report, data: st.DataObject) -> None:
    cells = [ref for ref, v in report.items() if ref.table == "requests" and isinstance(v, int)]
    assume(len(cells) >= 2)
    a, b = data.draw(st.lists(st.sampled_from(cells), min_size=2, max_size=2, unique=True))
    a, b = sorted((a, b), key=report.resolved.index.__getitem__)
    va, vb = report[a], report[b]
    assert isinstance(va, int) and isinstance(vb, int)
    da = data.draw(st.integers(-va, 50).filter(bool))
    db = data.draw(st.integers(-vb, 50).filter(bool))
    wrong = report.with_cells({a: va + da, b: vb + db})
    assume(any(r.status is Status.FAILS for r in wrong.relations()))
    assert ((a, b), (va, vb)) in _explain(wrong)


def test_swapped_numbers_in_a_row_are_named_as_a_pair() -> None:
    received = {"natural_person": 5, "commercial": 2}
    cells = {CellRef("requests", "received", c): v for c, v in received.items()}
    cells |= {CellRef("requests", "disclosed", c): v for c, v in received.items()}
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0)
    np_, co = (
        CellRef("requests", "disclosed", "natural_person"),
        CellRef("requests", "disclosed", "commercial"),
    )
    swapped = report.with_cells({np_: 2, co: 5})  # the row total 7 still holds; two columns fail
    status = {r.relation.id: r.status for r in swapped.relations()}
    assert status["requests.row_total[disclosed]"] is Status.HOLDS
    assert status["requests.outcome_total[natural_person]"] is Status.FAILS
    assert status["requests.outcome_total[commercial]"] is Status.FAILS
    assert ((np_, co), (5, 2)) in _explain(swapped)


def test_validate_names_the_swapped_pair() -> None:
    from govdisclosure.checks import validate

    received = {"natural_person": 5, "commercial": 2}
    cells = {CellRef("requests", "received", c): v for c, v in received.items()}
    cells |= {CellRef("requests", "disclosed", c): v for c, v in received.items()}
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0)
    np_, co = (
        CellRef("requests", "disclosed", "natural_person"),
        CellRef("requests", "disclosed", "commercial"),
    )
    findings = validate(report.with_cells({np_: 2, co: 5})).findings
    single = [f for f in findings if f.rule_id == "national.locate.cell"]
    assert single and all(f.cells not in ((np_,), (co,)) for f in single)  # no single cell
    (pair,) = [f for f in findings if f.rule_id == "national.locate.cell_pair"]
    assert pair.cells == (np_, co)
    assert pair.status.value == "fail"
    assert "印为 2，应为 5" in pair.message_zh and "印为 5，应为 2" in pair.message_zh


def test_validate_is_silent_when_one_cell_explains() -> None:
    from govdisclosure.checks import validate

    cells = {CellRef("requests", row, "natural_person"): 5 for row in ("received", "disclosed")}
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0)
    assert report.relations().all_hold()
    wrong = report.with_cells({CellRef("requests", "received", "total"): 6})
    findings = validate(wrong).findings
    (located,) = [f for f in findings if f.rule_id == "national.locate.cell"]
    assert located.cells == (CellRef("requests", "received", "total"),)
    assert "national.locate.cell_pair" not in {f.rule_id for f in findings}
