"""汇总: the aggregate of valid reports is valid, the sum is associative and commutative, incomplete
cells are never counted as 0, mixed layouts are aligned by label, and a printed aggregate's gaps
are traced to the component that explains them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_support import expected, report_from_expected
from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Placeholder, Report, build_report
from govdisclosure.aggregate import Aggregator, aggregate
from govdisclosure.aggregate_check import check_aggregate
from govdisclosure.relations import Status, relations_for
from govdisclosure.testing import reports

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEATURES = st.sampled_from(
    [frozenset(), frozenset({"single_other_row"}), frozenset({"legal_entity_subtotal", "category_subtotals"})]
)


@st.composite
def same_layout_reports(draw: st.DrawFn, min_size: int = 1, max_size: int = 4) -> list[Report]:
    layout = draw(st.sampled_from([NATIONAL_2021, NATIONAL_2019]))
    features = draw(FEATURES) if layout is NATIONAL_2021 else frozenset()
    return draw(
        st.lists(
            reports(layout, features=features, with_sections=False), min_size=min_size, max_size=max_size
        )
    )


def _numbers(r: Report) -> tuple[object, ...]:
    return r.cells


@SETTINGS
@given(same_layout_reports())
def test_aggregate_of_valid_reports_is_valid(rs: list[Report]) -> None:
    result = aggregate(rs)
    statuses = {res.relation.id: res.status for res in result.report.relations()}
    assert statuses and set(statuses.values()) == {Status.HOLDS}
    assert result.complete
    assert {f.rule_id for f in result.findings} <= {"aggregate.year_mismatch"}
    # every cell is the plain sum of the inputs, and marked derived
    for i in range(len(result.report.resolved.cells)):
        assert result.report.cells[i] == sum((r.cells[i] for r in rs), start=0)  # type: ignore[arg-type]
    assert result.report.derived == frozenset(result.report.resolved.cells)


@SETTINGS
@given(same_layout_reports(min_size=3, max_size=3), st.randoms(use_true_random=False))
def test_aggregation_is_associative_and_commutative(rs: list[Report], rnd: object) -> None:
    a, b, c = rs
    left = aggregate([aggregate([a, b]).report, c]).report
    right = aggregate([a, aggregate([b, c]).report]).report
    flat = aggregate([a, b, c]).report
    shuffled = list(rs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert left.cells == right.cells == flat.cells == aggregate(shuffled).report.cells
    # the streaming fold: partial aggregates merged in any grouping give the same result
    x, y = Aggregator(), Aggregator()
    x.add(c)
    y.add(a)
    y.add(b)
    assert x.merge(y).result().report.cells == flat.cells


@SETTINGS
@given(same_layout_reports(min_size=2, max_size=4), st.data())
def test_printed_aggregate_check_names_exactly_the_mutated_component(
    rs: list[Report], data: st.DataObject
) -> None:
    printed = attrs.evolve(aggregate(rs).report, derived=frozenset())
    resolved = rs[0].resolved
    on_relations = sorted(
        {ref for rel in relations_for(resolved) for ref in rel.cells}, key=resolved.index.get
    )
    k = data.draw(st.integers(0, len(rs) - 1), label="component")
    ref = data.draw(st.sampled_from(on_relations), label="cell")
    delta = data.draw(st.integers(1, 500) | st.integers(-500, -1), label="delta")
    mutated = list(rs)
    mutated[k] = rs[k].with_cells({ref: rs[k][ref] + delta})  # type: ignore[operator]
    check = check_aggregate(printed, mutated)
    assert [g.cell for g in check.gaps] == [ref]
    (gap,) = check.gaps
    assert gap.difference == -delta
    assert [c.index for c in check.explained_by()] == [k]
    (expl,) = gap.explanations
    assert expl.kind == "component_inconsistent"
    assert expl.implied == rs[k][ref]
    assert check.findings[0].rule_id == "aggregate.gap"
    assert mutated[k].agency.name in check.findings[0].message_zh


def _corpus_sum(cell_key: str, ids: tuple[str, ...], column: int) -> int:
    return sum(int(expected(i)["t3"][cell_key][column]) for i in ids)


def test_corpus_aggregate_mixes_single_and_detailed_other_rows() -> None:
    # 001 prints （六）其他处理 as one row, 011 prints its three items: the detailed items of 011
    # are added up into the single row of the target grid (001's layout).
    a, c = report_from_expected("001"), report_from_expected("011")
    result = aggregate([a, c])
    assert result.report.features == a.features
    received = result.report.value("requests", "received", "natural_person")
    assert received == _corpus_sum("一", ("001", "011"), 0)
    other_011 = sum(int(v[0]) for k, v in expected("011")["t3"].items() if k.startswith("三.六."))
    other_001 = int(expected("001")["t3"]["三.六"][0])
    assert result.report.value("requests", "other", "natural_person") == other_001 + other_011
    assert not [f for f in result.findings if f.rule_id == "aggregate.left_out"]
    # the other way round, 001's single row has no counterpart for 011's three items
    back = aggregate([c, a])
    missing = {ref for ref in back.missing if ref.row.startswith("other.")}
    assert missing and all(back.missing[ref] == (1,) for ref in missing)
    assert back.report.value(*sorted(missing)[0]) is None
    (left,) = [f for f in back.findings if f.rule_id == "aggregate.left_out"]
    assert {r.row for r in left.cells} == {"other"}
    assert any(f.rule_id == "aggregate.year_mismatch" for f in result.findings)  # 2023 + 2024


def test_contribution_breakdown_names_each_unit() -> None:
    ids = ("000", "002", "011")
    rs = [report_from_expected(i) for i in ids]
    result = aggregate(rs)
    ref = CellRef("requests", "received", "total")
    contributions = result.contributions(ref)
    assert [c.component.name for c in contributions] == [expected(i)["agency"] for i in ids]
    assert [c.value for c in contributions] == [expected(i)["t3"]["一"][6] for i in ids]
    assert result.total(ref) == sum(expected(i)["t3"]["一"][6] or 0 for i in ids)


def test_placeholder_or_unprinted_input_makes_the_sum_incomplete_not_zero() -> None:
    ref = CellRef("requests", "received", "natural_person")
    a = build_report(NATIONAL_2021, agency="甲县", year=2024, cells={ref: 5}, missing=0)
    b = build_report(NATIONAL_2021, agency="乙县", year=2024, cells={ref: 7}, missing=0)
    c = b.with_cells({ref: Placeholder.HYPHEN})
    d = b.with_cells({ref: None})
    assert aggregate([a, b]).report[ref] == 12
    for odd in (c, d):
        result = aggregate([a, odd])
        assert result.report[ref] is None  # not 5: the sum is incomplete
        assert result.total(ref) == 5 and result.missing[ref] == (1,)
        (f,) = [f for f in result.findings if f.rule_id == "aggregate.incomplete"]
        assert ref in f.cells and "乙县" in f.message_zh


def test_amounts_add_exactly() -> None:
    fee = CellRef("fees", "fees", "amount")
    rs = [
        build_report(NATIONAL_2021, agency=n, year=2024, cells={fee: Decimal(v)}, missing=0)
        for n, v in (("甲", "0.1"), ("乙", "0.2"), ("丙", "7730.28"))
    ]
    assert aggregate(rs).report[fee] == Decimal("7730.58")


def test_2019_and_2021_reports_aggregate_what_is_comparable() -> None:
    old = build_report(NATIONAL_2019, agency="甲县", year=2020, missing=1)
    new = build_report(NATIONAL_2021, agency="乙县", year=2021, missing=1)
    result = aggregate([new, old], year=2021)
    (left,) = [f for f in result.findings if f.rule_id == "aggregate.left_out"]
    only_2019 = {t.key for t in NATIONAL_2019.tables} - {t.key for t in NATIONAL_2021.tables}
    assert only_2019 and {r.table for r in left.cells} >= only_2019
    # 表四 has the same labels in both formats: its cells are complete sums
    appeals = [ref for ref in result.report.resolved.cells if ref.table == "appeals"]
    assert appeals and all(ref not in result.missing for ref in appeals)
    assert result.report[appeals[0]] == new[appeals[0]] + old[appeals[0]]  # type: ignore[operator]


def test_printed_corpus_aggregate_gap_is_explained_by_the_inconsistent_unit() -> None:
    # 001 prints 表四 行政复议 10,1,0,0 with 总计 0 (a printed error): an aggregate made from its
    # parts differs from the sum of the printed 总计 cells, and 001 is named as the reason.
    a, b = report_from_expected("001"), report_from_expected("011")
    review_total = CellRef("appeals", "review", "total")
    fixed = a.with_cells({review_total: sum(expected("001")["t4"]["复议"][:4])})
    printed = attrs.evolve(aggregate([fixed, b]).report, derived=frozenset())
    check = check_aggregate(printed, [a, b])
    gap = next(g for g in check.gaps if g.cell == review_total)
    assert gap.difference == sum(expected("001")["t4"]["复议"][:4]) - expected("001")["t4"]["复议"][4]
    assert [c.name for c in gap.components] == [expected("001")["agency"]]


def test_omitted_component_is_named() -> None:
    rs = [
        build_report(NATIONAL_2021, agency=n, year=2024, missing=v)
        for n, v in (("甲", 1), ("乙", 2), ("丙", 3))
    ]
    printed = attrs.evolve(aggregate(rs[:2]).report, derived=frozenset())
    check = check_aggregate(printed, rs)
    assert check.gaps
    assert {e.kind for g in check.gaps for e in g.explanations} == {"component_omitted"}
    assert [c.name for c in check.explained_by()] == ["丙"]


def test_empty_input_is_an_error() -> None:
    with pytest.raises(ValueError, match="nothing to aggregate"):
        aggregate([])


SINGLE = frozenset({"single_other_row"})


def _partial(paths: list[str]) -> Aggregator:
    from govdisclosure import load_path

    agg = Aggregator(NATIONAL_2021, SINGLE, contributions=False)  # a fixed target, as in docs/scale.md
    for p in paths:
        agg.add(load_path(p), source=p)
    return agg


def test_partial_aggregates_fold_across_processes(tmp_path: Path) -> None:
    # the Dask/Spark pattern of docs/scale.md with a plain process pool: each worker folds its
    # share, the partial aggregates are pickled back and merged
    from concurrent.futures import ProcessPoolExecutor

    from govdisclosure import dump_json

    paths = []
    for cid in ("000", "002", "011"):
        p = tmp_path / f"{cid}.json"
        p.write_text(dump_json(report_from_expected(cid)), "utf-8")
        paths.append(str(p))
    with ProcessPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(_partial, [paths[:1], paths[1:]]))
    merged = parts[0].merge(parts[1]).result()
    direct = aggregate(
        (report_from_expected(c) for c in ("000", "002", "011")), layout=NATIONAL_2021, features=SINGLE
    )
    assert merged.report.cells == direct.report.cells
    assert merged.count == 3
    ref = CellRef("requests", "received", "natural_person")
    assert merged.report[ref] == sum(expected(c)["t3"]["一"][0] for c in ("000", "002", "011"))
    # 000 prints no 总计 column: those sums are incomplete, and the merged record says which unit
    total = CellRef("requests", "received", "total")
    assert expected("000")["t3"]["一"][6] is None
    assert merged.report[total] is None and merged.missing[total] == (0,)
