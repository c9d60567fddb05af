"""Regional variants: ``extend``, the extension rules of ``validate_layout``, and ``project``."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given, settings

from govdisclosure.build import build_report
from govdisclosure.cells import Placeholder
from govdisclosure.extension import extend
from govdisclosure.layout import AxisSum, Balance, CellRef, Layout, Node, SectionSpec, TableSpec
from govdisclosure.layout_check import validate_layout
from govdisclosure.model import Section
from govdisclosure.projection import ProjectionError, project
from govdisclosure.relations import Status, relations_for
from govdisclosure.testing.strategies import reports
from govdisclosure.variants.national import NATIONAL_2019, NATIONAL_2021

EXTRA = Node(key="other_documents", label="其他主动公开文件")

# A regional layout touching every kind of addition: a row after a national row, a column appended
# to a national table, a new section with a new table and its own relation.
REGION = extend(
    NATIONAL_2021,
    id="region-2021",
    title="某省年度报告格式",
    add_rows={"regulations": [("normative_documents", EXTRA)]},
    add_columns={"appeals": [("appeals", Node(key="mediated", label="调解结案"))]},
    add_sections=(SectionSpec(key="supplement", heading="七、补充说明"),),
    add_tables=(
        TableSpec(
            key="hotline",
            section="supplement",
            label="热线咨询情况",
            number_zh="表五",
            rows=(
                Node(key="calls", label="来电"),
                Node(key="visits", label="来访"),
                Node(key="all", label="合计"),
            ),
            columns=(Node(key="count", label="件数"),),
            relations=(),
        ),
    ),
    add_relations={
        "hotline": [
            AxisSum(
                id="hotline.total",
                axis="row",
                total="all",
                parts=("calls", "visits"),
                description_zh="合计等于来电加来访",
                description_en="all = calls + visits",
            ),
        ]
    },
)


def with_rows(layout: Layout, table: str, rows: tuple[Node, ...]) -> Layout:
    tables = tuple(attrs.evolve(t, rows=rows) if t.key == table else t for t in layout.tables)
    return attrs.evolve(layout, tables=tables)


def test_extend_copies_the_national_nodes_and_places_additions() -> None:
    validate_layout(REGION)
    base_table = NATIONAL_2021.table("regulations")
    table = REGION.table("regulations")
    assert table.rows[:2] == base_table.rows
    assert all(a is b for a, b in zip(table.rows, base_table.rows, strict=False))
    assert [r.key for r in table.rows] == ["rules", "normative_documents", "other_documents"]
    assert table.rows[2].anchor == "normative_documents"
    assert [c.key for c in REGION.table("appeals").columns][-1] == "mediated"
    assert REGION.table("appeals").columns[-1].anchor == "appeals"
    assert REGION.table_keys == (*NATIONAL_2021.table_keys, "hotline")
    assert REGION.table("hotline").anchor == "appeals"
    assert [s.key for s in REGION.sections][-1] == "supplement"
    assert REGION.base is NATIONAL_2021
    assert REGION.feature_keys() == NATIONAL_2021.feature_keys()


def test_extend_rejects_unknown_anchor_and_table() -> None:
    with pytest.raises(KeyError, match="has no row 'nowhere'"):
        extend(NATIONAL_2019, id="x", title="x", add_rows={"regulations": [("nowhere", EXTRA)]})
    with pytest.raises(KeyError, match="unknown table"):
        extend(NATIONAL_2019, id="x", title="x", add_rows={"no_table": [("no_table", EXTRA)]})


def test_rows_added_inside_a_national_sum_are_rejected() -> None:
    inside = extend(
        NATIONAL_2021,
        id="x",
        title="x",
        add_rows={"requests": [("withheld.administrative_query", Node(key="other", label="9.其他"))]},
    )
    with pytest.raises(
        ValueError,
        match=r"may not change base relation requests\.outcome_total\[natural_person\] "
        r"\(features \[\]\): it would also sum requests\.withheld\.other\.natural_person",
    ):
        validate_layout(inside)


def test_child_under_a_national_data_row_is_rejected() -> None:
    table = NATIONAL_2019.table("regulations")
    child = Node(key="local", label="地方性规章", anchor="rules")
    rows = (attrs.evolve(table.rows[0], children=(child,)), *table.rows[1:])
    layout = with_rows(extend(NATIONAL_2019, id="x", title="x"), "regulations", rows)
    with pytest.raises(ValueError, match=r"may not remove base cell regulations\.rules\.produced"):
        validate_layout(layout)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows[1:], "may not remove base row regulations.rules (规章)"),
        (lambda rows: (attrs.evolve(rows[0], kind="amount"), *rows[1:]), "its kind"),
        (
            lambda rows: (*rows, Node(key="extra", label="其他")),
            "added row regulations.extra (其他) needs an anchor",
        ),
        (lambda rows: (*rows, Node(key="extra", label="其他", anchor="rulez")), "is anchored under 'rulez'"),
    ],
)
def test_national_rows_cannot_be_removed_or_redefined(change: object, message: str) -> None:
    layout = extend(NATIONAL_2019, id="x", title="x")
    rows = change(layout.table("regulations").rows)  # type: ignore[operator]
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_layout(with_rows(layout, "regulations", rows))


def test_national_relations_and_sections_cannot_be_dropped() -> None:
    layout = extend(NATIONAL_2021, id="x", title="x")
    tables = tuple(
        attrs.evolve(t, relations=t.relations[1:]) if t.key == "requests" else t for t in layout.tables
    )
    with pytest.raises(
        ValueError, match=re.escape("may not redefine or remove base relation 'requests.row_total'")
    ):
        validate_layout(attrs.evolve(layout, tables=tables))
    with pytest.raises(ValueError, match="may not redefine or remove base section 'problems'"):
        validate_layout(attrs.evolve(layout, sections=layout.sections[:4]))
    relabelled = (attrs.evolve(layout.features[0], label_zh="改"), *layout.features[1:])
    with pytest.raises(ValueError, match="may not redefine or remove base layout feature 'single_other_row'"):
        validate_layout(attrs.evolve(layout, features=relabelled))
    with pytest.raises(ValueError, match="names undeclared layout feature"):
        validate_layout(attrs.evolve(layout, features=()))


def test_added_relations_are_checked_like_national_ones() -> None:
    bad = Balance(id="hubei.bad", lhs=("rules",), rhs=("nowhere",), description_zh="x", description_en="x")
    layout = extend(NATIONAL_2019, id="x", title="x", add_relations={"regulations": [bad]})
    with pytest.raises(ValueError, match="names unknown row 'nowhere' of table 'regulations'"):
        validate_layout(layout)


def _region_report() -> object:
    return build_report(
        REGION,
        agency="某县人民政府",
        year=2022,
        missing=0,
        cells={
            "regulations": {"other_documents": {"issued": 7, "in_force": 30}, "rules": {"issued": 2}},
            "requests": {"received": {"natural_person": 4}, "disclosed": {"natural_person": 4}},
            "appeals": {"review": {"upheld": 2, "mediated": 5}},
            "hotline": {"calls": {"count": 9}, "visits": {"count": 1}},
        },
        sections={"overview": "总体", "supplement": "补充"},
    )


def test_project_keeps_national_cells_exactly() -> None:
    report = _region_report()
    report = report.with_cells(  # type: ignore[attr-defined]
        {
            CellRef("regulations", "rules", "repealed"): Placeholder.HYPHEN,
            CellRef("fees", "fees", "amount"): None,
        }
    )
    report = attrs.evolve(
        report,
        annotations={
            CellRef("regulations", "rules", "issued"): "（其中修订1件）",
            CellRef("regulations", "other_documents", "issued"): "（地方）",
        },
        sections=(*report.sections, Section(heading="附：说明", key=None, text="未识别的小节")),
    )
    national = project(report)
    assert national.layout is NATIONAL_2021
    assert national.features == report.features
    assert len(national.cells) == len(NATIONAL_2021.resolve(national.features).cells)
    assert national.value("regulations", "rules", "issued") == 2
    assert national.value("regulations", "rules", "repealed") is Placeholder.HYPHEN
    assert national.value("fees", "fees", "amount") is None
    assert national.value("requests", "received", "total") == 4
    assert national.value("appeals", "review", "total") == 2  # 调解结案 5 is not in the national total
    for ref, value in national.items():
        assert report.value(*ref) == value  # type: ignore[attr-defined]
    assert dict(national.annotations) == {CellRef("regulations", "rules", "issued"): "（其中修订1件）"}
    assert [s.key for s in national.sections] == ["overview", None]
    assert national.derived == {
        ref
        for ref in report.derived
        if ref.table != "hotline"  # type: ignore[attr-defined]
        and ref.column != "mediated"
        and ref.row != "other_documents"
    }
    assert CellRef("requests", "received", "total") in national.derived
    assert (national.agency, national.year, national.title) == (report.agency, report.year, report.title)
    with pytest.raises(KeyError):
        national.value("regulations", "other_documents", "issued")


def test_project_checks_the_base_chain() -> None:
    report = _region_report()
    assert project(report, REGION) is report
    with pytest.raises(ProjectionError, match="does not extend 'national-2019'"):
        project(report, NATIONAL_2019)
    plain = build_report(NATIONAL_2019, agency="x", year=2020)
    with pytest.raises(ProjectionError, match="has no base variant"):
        project(plain)


def test_project_through_two_levels() -> None:
    city = extend(
        REGION,
        id="city-2021",
        title="某市",
        add_rows={"licensing": [("licensing", Node(key="filing", label="备案"))]},
    )
    validate_layout(city)
    report = build_report(
        city, agency="x", year=2023, missing=0, cells={"licensing": {"filing": {"decisions": 3}}}
    )
    assert project(report, REGION).layout is REGION
    national = project(report, NATIONAL_2021)
    assert national.layout is NATIONAL_2021
    assert national.value("licensing", "licensing", "decisions") == 0


@settings(max_examples=15)
@given(reports(REGION))
def test_projection_of_valid_regional_reports_satisfies_national_relations(report: object) -> None:
    national = project(report)  # type: ignore[arg-type]
    results = national.relations()
    assert [r.relation.id for r in results] == [rel.id for rel in relations_for(national.resolved)]
    assert all(r.status is Status.HOLDS for r in results)
    for ref, value in national.items():
        assert report.value(*ref) == value  # type: ignore[attr-defined]
