"""Relations evaluated on the printed values of the real corpus (hand-computed expectations, issue 2)."""

from __future__ import annotations

from collections import Counter

from corpus_support import report_from_expected
from govdisclosure import CellRef, Status


def _by_status(corpus_id: str) -> dict[Status, list[str]]:
    out: dict[Status, list[str]] = {s: [] for s in Status}
    for r in report_from_expected(corpus_id).relations():
        out[r.status].append(r.relation.id)
    return out


def test_001_fails_exactly_the_two_printed_table_four_totals() -> None:
    results = report_from_expected("001").relations()
    failed = {r.relation.id: r for r in results if r.status is Status.FAILS}
    assert set(failed) == {"appeals.total[review]", "appeals.total[lawsuit_after_review]"}
    review = failed["appeals.total[review]"]
    assert (review.actual, review.expected, review.difference) == (0, 11, -11)  # printed 10,1,0,0 总计 0
    after = failed["appeals.total[lawsuit_after_review]"]
    assert (after.actual, after.expected) == (0, 5)
    assert review.relation.lhs == (CellRef("appeals", "review", "total"),)
    assert not [r for r in results if r.status is Status.NOT_ASSESSABLE]


def test_002_and_011_hold_everywhere() -> None:
    for cid in ("002", "011"):
        statuses = _by_status(cid)
        assert statuses[Status.FAILS] == [] and statuses[Status.NOT_ASSESSABLE] == [], cid
        assert len(statuses[Status.HOLDS]) > 30


def test_011_balance_as_printed() -> None:
    r = report_from_expected("011")
    assert r.requests.received.total + r.requests.carried_over.total == 3119 + 34
    assert r.requests.total.total + r.requests.carried_forward.total == 3050 + 103


def test_000_total_column_relations_are_not_assessable() -> None:
    results = report_from_expected("000").relations()
    row_totals = [r for r in results if r.relation.template_id == "requests.row_total"]
    assert row_totals and all(r.status is Status.NOT_ASSESSABLE for r in row_totals)
    for r in row_totals:
        assert CellRef("requests", r.relation.lhs[0].row, "total") in r.missing
    assert not [r for r in results if r.status is Status.FAILS]
    # the balance of each printed column still holds (all zeros)
    balance = {r.relation.id: r.status for r in results if r.relation.template_id == "requests.balance"}
    assert balance["requests.balance[natural_person]"] is Status.HOLDS
    assert balance["requests.balance[total]"] is Status.NOT_ASSESSABLE


def test_102_blank_legal_entity_columns_are_not_assessable_not_zero() -> None:
    r = report_from_expected("102")
    assert r.requests.received.commercial is None
    statuses = Counter((x.relation.template_id, x.status) for x in r.relations())
    assert statuses[("requests.row_total", Status.NOT_ASSESSABLE)] == 25
    assert statuses[("requests.balance", Status.HOLDS)] == 2  # 自然人 and 总计: 26 + 0 = 26 + 0
