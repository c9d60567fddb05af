"""Structure, narrative and value rules."""

from __future__ import annotations

from decimal import Decimal

import attrs

from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef, Placeholder, Section, build_report, load_toml
from govdisclosure.checks import validate
from govdisclosure.commands import example_text
from govdisclosure.findings import FindingStatus, Severity


def _example():
    """The bundled example (海原县郑旗乡 2024, entered from its printed values, with its six sections)."""
    return load_toml(example_text())


def _structure(vr):
    return [f for f in vr.findings if f.rule_id.startswith("national.structure.")]


def test_bundled_example_structure_is_clean() -> None:
    report = _example()
    assert [s.key for s in report.sections] == [s.key for s in NATIONAL_2021.sections]
    # its 五 heading is the accepted longer variant "五、存在主要问题及改进情况"; its period has spaces
    assert report.sections[4].heading != NATIONAL_2021.sections[4].heading
    assert "2024 年 1 月 1 日至 12 月 31 日" in report.preamble
    vr = validate(report)
    assert not _structure(vr), [f.message_zh for f in _structure(vr)]
    assert not vr.has_errors


def test_missing_and_reordered_sections() -> None:
    report = _example()
    without_four = attrs.evolve(report, sections=tuple(s for s in report.sections if s.key != "appeals"))
    (f,) = validate(without_four).by_rule("national.structure.sections")
    assert f.severity is Severity.ERROR and f.data["section"] == "appeals"
    assert NATIONAL_2021.section("appeals").heading in f.message_zh
    s = list(report.sections)
    s[4], s[5] = s[5], s[4]
    (g,) = validate(attrs.evolve(report, sections=tuple(s))).by_rule("national.structure.sections")
    assert g.severity is Severity.ERROR and g.data["printed"][-2:] == ["other", "problems"]


def test_tables_only_report_is_not_assessable_for_structure() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells={}, missing=0)
    (f,) = validate(report).by_rule("national.structure.sections")
    assert f.status is FindingStatus.NOT_ASSESSABLE and f.severity is Severity.INFO


def test_heading_variants() -> None:
    report = _example()
    s = list(report.sections)
    s[4] = attrs.evolve(s[4], heading="五、存在的主要问题及整改措施")  # 102 沭阳 prints this
    (f,) = validate(attrs.evolve(report, sections=tuple(s))).by_rule("national.structure.headings")
    assert f.severity is Severity.WARNING
    s[4] = attrs.evolve(s[4], heading="五、政府信息公开工作存在的主要问题及改进情况")  # an accepted alias
    assert not validate(attrs.evolve(report, sections=tuple(s))).by_rule("national.structure.headings")
    s[0] = attrs.evolve(s[0], heading="一、总体情况 ")  # spaces do not matter
    assert not validate(attrs.evolve(report, sections=tuple(s))).by_rule("national.structure.headings")
    # 第N部分 numbering for N、 (as many reports print it), the heading itself official
    s = [attrs.evolve(x, heading="第" + x.heading.replace("、", "部分　", 1)) for x in report.sections]
    assert s[0].heading == "第一部分　总体情况"
    assert not validate(attrs.evolve(report, sections=tuple(s))).by_rule("national.structure.headings")
    s[1] = attrs.evolve(s[1], heading="第三部分　主动公开政府信息情况")  # the wrong number still counts
    (f,) = validate(attrs.evolve(report, sections=tuple(s))).by_rule("national.structure.headings")
    assert "第三部分" in f.message_zh


def test_section_five_token() -> None:
    report = _example()
    for token in ("无", "", "暂无。"):
        s = [
            Section(key=x.key, heading=x.heading, text=token if x.key == "problems" else x.text)
            for x in report.sections
        ]
        (f,) = validate(attrs.evolve(report, sections=tuple(s))).by_rule(
            "national.structure.problems_not_empty"
        )
        assert f.severity is Severity.ERROR


def test_year_title_and_statistics_period() -> None:
    report = _example()
    found = validate(attrs.evolve(report, year=2023)).by_rule(
        "national.structure.year"
    )  # title, period: 2024
    wheres = {f.data["where"]: f.severity for f in found}
    # title and period are errors; the overview speaking only of 2024 is a warning
    assert wheres == {"title": Severity.ERROR, "period": Severity.ERROR, "text": Severity.WARNING}
    vr = validate(attrs.evolve(report, year=2023, title=None))
    (g,) = [f for f in vr.by_rule("national.structure.year") if f.severity is Severity.ERROR]
    assert g.data["where"] == "period" and "2024 年 1 月 1 日至 12 月 31 日" in g.message_zh
    shifted = attrs.evolve(report, preamble=report.preamble.replace("从 2024 年", "从 2023 年"))
    (h,) = validate(shifted).by_rule("national.structure.year")
    assert h.severity is Severity.ERROR and h.data["where"] == "period"
    spaced = attrs.evolve(report, preamble="统计期为2024年1月1日至2024年12月31日。")
    assert not validate(spaced).by_rule("national.structure.year")


def test_format_version_matches_the_year() -> None:
    old_2023 = build_report(NATIONAL_2019, agency="长春某局", year=2023, cells={}, missing=0)
    (f,) = validate(old_2023).by_rule("national.structure.format_version")
    assert f.severity is Severity.ERROR and "2023" in f.message_zh
    assert not validate(build_report(NATIONAL_2019, agency="某局", year=2020, cells={}, missing=0)).by_rule(
        "national.structure.format_version"
    )
    new_2020 = build_report(NATIONAL_2021, agency="某局", year=2020, cells={}, missing=0)
    assert validate(new_2020).by_rule("national.structure.format_version")
    trial = attrs.evolve(
        _example(), preamble="根据《中华人民共和国政府信息公开工作年度报告格式（试行）》编制。"
    )
    (w,) = validate(trial).by_rule("national.structure.format_version")
    assert w.severity is Severity.WARNING


def test_value_rules() -> None:
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells={}, missing=0)
    neg = CellRef("licensing", "licensing", "decisions")
    (f,) = validate(report.with_cells({neg: -3})).by_rule("national.values.count")
    assert f.cells == (neg,) and f.values == (-3,) and f.severity is Severity.ERROR
    (g,) = validate(report.with_cells({neg: Decimal("2.5")})).by_rule("national.values.count")
    assert "not a whole number" in g.message_en
    fee = CellRef("fees", "fees", "amount")
    assert not validate(report.with_cells({fee: Decimal("0.04")})).by_rule("national.values.amount")
    (h,) = validate(report.with_cells({fee: Decimal("-1.5")})).by_rule("national.values.amount")
    assert h.severity is Severity.ERROR
    (p,) = validate(report.with_cells({neg: Placeholder.HYPHEN})).by_rule("national.values.placeholder")
    assert p.severity is Severity.WARNING and p.cells == (neg,)


def test_forward_carry_bound() -> None:
    cells = {
        CellRef("requests", "received", "commercial"): 2,
        CellRef("requests", "carried_over", "commercial"): 1,
        CellRef("requests", "carried_forward", "commercial"): 5,
    }
    report = build_report(NATIONAL_2021, agency="某县人民政府", year=2024, cells=cells, missing=0)
    found = validate(report).by_rule("national.requests.forward_bound")
    assert {f.cells[-1].column for f in found} == {"commercial", "total"}
    assert all((f.actual, f.expected) == (5, 3) for f in found)
    for f in found:  # the finding names 一 本年新收, 二 上年结转 and 四 结转下年度 of its column
        col = f.cells[-1].column
        assert f.cells == tuple(
            CellRef("requests", row, col) for row in ("received", "carried_over", "carried_forward")
        )


def test_years_in_text() -> None:
    from govdisclosure.checks.structure import years_in

    text = "2024 年，本机关……截止2024年12月31日；力争 2025　年；编号12024年不算；2023-2024年度"
    assert list(years_in(text)) == [2024, 2024, 2025, 2024]
