"""The shared reading core: label normalisation, digit splits, detection and grid assembly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govdisclosure import CellRef
from govdisclosure.cells import Placeholder
from govdisclosure.errors import ReadError
from govdisclosure.findings import Provenance
from govdisclosure.plugins.registry import make_registry
from govdisclosure.readers.assemble import assemble
from govdisclosure.readers.base import Document, GridCell, GridRow, TextLine
from govdisclosure.readers.normalize import LabelIndex, label_key, parse_value, split_numbering
from govdisclosure.readers.splits import candidate_splits

REGISTRY = make_registry(entry_points=False)


# -- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed",
    [
        "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "**（二）部分公开（区分处理的、只计这一情形、不计其他情形）**",
        "（二） 部分 公开（区分处理的，只计这一情形，不计其他情形）",
    ],
)
def test_label_key_folds_width_spaces_markup_and_commas(printed: str) -> None:
    assert label_key(printed) == label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")


def test_label_key_folds_quotes() -> None:
    assert label_key('3.危及"三安全一稳定"') == label_key("3.危及“三安全一稳定”")


@pytest.mark.parametrize(
    ("printed", "num"),
    [
        ("1.属于国家秘密", "1"),
        ("1、属于国家秘密", "1"),
        ("1．属于国家秘密", "1"),
        ("１.属于国家秘密", "1"),
        ("（一）属于国家秘密", "一"),
        ("(1)属于国家秘密", "1"),
        ("一、属于国家秘密", "一"),
        ("属于国家秘密", None),
    ],
)
def test_split_numbering(printed: str, num: str | None) -> None:
    assert split_numbering(printed) == (num, "属于国家秘密")


def test_label_index_exact_alias_fuzzy_prefix() -> None:
    index = LabelIndex(
        [("secret", ["1.属于国家秘密"]), ("law", ["2.其他法律行政法规禁止公开", "2.其他法律行政止公开"])]
    )
    assert (
        index.match("2.其他法律行政止公开") is not None and index.match("2.其他法律行政止公开").how == "alias"
    )
    fuzzy = index.match("2.其他法律行政法规禁止公幵")  # one wrong character
    assert fuzzy is not None and (fuzzy.owner, fuzzy.how) == ("law", "fuzzy")
    assert index.match("属于国家") is None  # short labels are never fuzzy
    prefix = index.match_prefix("2、其他法律行政")
    assert prefix is not None and prefix.owner == "law"


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("0", 0, None),
        ("１２", 12, None),
        ("1,234", 1234, None),
        ("0.04", Decimal("0.04"), None),
        ("22（其中修订16件）", 22, "（其中修订16件）"),
        ("5件", 5, None),
        ("-", Placeholder.HYPHEN, None),
        ("/", Placeholder.SLASH, None),
        ("—", Placeholder.EM_DASH, None),
        ("无", Placeholder.NONE_ZH, None),
        ("零", 0, None),  # the numeral zero written out is a number
        ("〇", 0, None),
    ],
)
def test_parse_value(text: str, value: object, note: str | None) -> None:
    parsed = parse_value(text)
    assert parsed is not None and parsed.value == value and type(parsed.value) is type(value)
    assert parsed.annotation == note


@pytest.mark.parametrize("text", ["", " ", "自然人", "1.属于国家秘密", "12a", "-3"])
def test_not_values(text: str) -> None:
    assert parse_value(text) is None
    assert parse_value("-3", signed=True) is not None and parse_value("-3", signed=True).value == -3


# -- digit splits ----------------------------------------------------------------------------


def _row_total(values: object) -> bool:
    v = list(values)  # type: ignore[call-overload]
    return sum(v[:6]) == v[6]


def test_split_unique() -> None:
    assert candidate_splits(["230000023"], 7, _row_total) == [(23, 0, 0, 0, 0, 0, 23)]


def test_split_ambiguous() -> None:
    assert sorted(candidate_splits(["119400832"], 7, _row_total) or []) == [
        (1, 19, 4, 0, 0, 8, 32),
        (11, 9, 4, 0, 0, 8, 32),
    ]


def test_split_respects_token_boundaries_and_leading_zeros() -> None:
    # "10" may not become 1,0 across the boundary with "5"; no number starts with 0
    got = candidate_splits(["10", "5"], 3, lambda v: True)
    assert got == [(1, 0, 5)]
    assert candidate_splits(["05"], 1, lambda v: True) == []
    assert candidate_splits(["1" * 60], 15, lambda v: True) is None  # too many ways: not enumerated


# -- assembly from grids ---------------------------------------------------------------------


def _p(element: str, raw: str = "") -> Provenance:
    return Provenance(source="g.html", element=element, raw=raw)


def _grid_row(r: int, *texts: str, spanned: tuple[int, ...] = ()) -> GridRow:
    return GridRow(
        cells=tuple(
            GridCell(text=t, provenance=_p(f"table[1]/tr[{r}]/td[{c + 1}]", t), spanned=c in spanned)
            for c, t in enumerate(texts)
        )
    )


def _document() -> Document:
    heads = [
        "某县发展和改革局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "概述。",
        "三、收到和处理政府信息公开申请情况",
        "五、存在的主要问题及改进情况",
        "问题。",
    ]
    lines = tuple(TextLine(text=t, provenance=_p(f"p[{i}]")) for i, t in enumerate(heads))
    rows = [
        _grid_row(
            1, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"
        ),
        _grid_row(2, "", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"),
        _grid_row(3, "", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""),
        # the label cell spans three columns: its copies are marked spanned
        _grid_row(
            4,
            "一、本年新收政府信息公开申请数量",
            "一、本年新收政府信息公开申请数量",
            "一、本年新收政府信息公开申请数量",
            "5",
            "",
            "",
            "",
            "",
            "",
            "5",
            spanned=(1, 2),
        ),
        _grid_row(
            5,
            "三、本年度办理结果",
            "（一）予以公开",
            "（一）予以公开",
            "3",
            "",
            "",
            "",
            "",
            "",
            "3",
            spanned=(2,),
        ),
        _grid_row(
            6,
            "三、本年度办理结果",
            "（三）不予公开",
            "1.属于国家秘密",
            "—",
            "",
            "",
            "",
            "",
            "",
            "—",
            spanned=(0,),
        ),
    ]
    return Document(source="g.html", lines=lines, grids=(tuple(rows),))


def test_grid_values_by_position_blanks_are_none() -> None:
    res = assemble(_document(), registry=REGISTRY, reader="test")
    rep = res.report
    assert rep.layout.id == "national-2021" and rep.year == 2023 and rep.agency.name == "某县发展和改革局"
    assert rep.requests.received.values() == {
        "natural_person": 5,
        "commercial": None,
        "research": None,
        "social_welfare": None,
        "legal_services": None,
        "other_org": None,
        "total": 5,
    }
    assert rep.requests.disclosed.natural_person == 3
    assert rep.requests.withheld.state_secret.natural_person is Placeholder.EM_DASH
    prov = res.provenance[CellRef("requests", "received", "total")]
    assert prov.element == "table[1]/tr[4]/td[10]" and prov.raw == "5"
    # rows never printed are reported, not invented
    assert rep.requests.carried_over.natural_person is None
    assert "read.row_not_found" in {f.rule_id for f in res.findings}
    assert [s.key for s in rep.sections] == ["overview", "requests", "problems"]


def test_grid_leading_blank_cells_keep_their_columns() -> None:
    """A row whose 自然人 cell is blank: its numbers stay under their header, not shifted left."""
    doc = _document()
    extra = _grid_row(
        7, "二、上年结转政府信息公开申请数量", "", "", "", "2", "", "", "", "", "2", spanned=(1, 2)
    )
    doc = Document(source=doc.source, lines=doc.lines, grids=((*doc.grids[0], extra),))
    rep = assemble(doc, registry=REGISTRY, reader="test").report
    assert rep.requests.carried_over.values() == {
        "natural_person": None,
        "commercial": 2,
        "research": None,
        "social_welfare": None,
        "legal_services": None,
        "other_org": None,
        "total": 2,
    }


def test_grid_header_decides_when_a_whole_column_is_blank() -> None:
    headers = _document().grids[0][:3]
    blank_first = _grid_row(
        4, "一、本年新收政府信息公开申请数量", "", "", "", "1", "0", "0", "0", "0", "1", spanned=(1, 2)
    )
    grid = (*headers, blank_first)
    doc = Document(source="g", lines=_document().lines, grids=(grid,))
    rep = assemble(doc, registry=REGISTRY, reader="test").report
    assert rep.requests.received.natural_person is None
    assert rep.requests.received.commercial == 1 and rep.requests.received.total == 1


def test_document_without_requests_table_is_a_read_error() -> None:
    doc = Document(source="x", lines=(TextLine(text="一、总体情况", provenance=_p("p")),))
    with pytest.raises(ReadError, match="三、收到和处理政府信息公开申请情况"):
        assemble(doc, registry=REGISTRY, reader="test")


def test_year_from_statistics_period_when_title_has_none() -> None:
    text = [
        "某某街道办事处政府信息公开工作年度报告",
        "本报告统计期限为2022年1月1日至2022年12月31日。",
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
    ]
    doc = Document(
        source="t", lines=tuple(TextLine(text=t, provenance=_p(f"l{i}")) for i, t in enumerate(text))
    )
    res = assemble(doc, registry=REGISTRY, reader="test")
    assert res.report.year == 2022
    assert res.report.agency.name == "某某街道办事处"
    assert res.report.requests.received.total == 1


@pytest.mark.parametrize(
    ("head", "agency", "year"),
    [
        (
            "首页 > 政务公开 > 年报\n海原县郑旗乡人民政府2024年政府信息公开工作年度报告",
            "海原县郑旗乡人民政府",
            2024,
        ),
        ("海原县郑旗乡人民政府\n2024 年政府信息公开工作年度报告", "海原县郑旗乡人民政府", 2024),
        ("海原县郑旗乡人民政府2024年政府信息公开\n工作年度报告", "海原县郑旗乡人民政府", 2024),
        ("2023年度北京市海淀区人民政府政府信息公开工作年度报告", "北京市海淀区人民政府", 2023),
        ("淳安县千岛湖镇人民政府政府信息公开工作年度报告（2022年度）", "淳安县千岛湖镇人民政府", 2022),
        ("**关于淮安市洪泽区人民政府2023年政府信息公开工作年度报告**", "淮安市洪泽区人民政府", 2023),
        # the year in Chinese numerals, 〇 or ○ or 零
        ("某县人民政府二〇二三年政府信息公开工作年度报告", "某县人民政府", 2023),
        ("某县财政局二○二一年度政府信息公开工作年度报告", "某县财政局", 2021),
        ("二零二二年某镇人民政府政府信息公开工作年度报告", "某镇人民政府", 2022),
        # 年报 for 年度报告, with the year; a column name 政府信息公开年报 above it is no title
        ("政府信息公开年报\n某县发展和改革局2024年政府信息公开工作年报", "某县发展和改革局", 2024),
    ],
)
def test_title_agency_year(head: str, agency: str, year: int) -> None:
    from govdisclosure.readers.detect import detect_metadata
    from govdisclosure.readers.records import line_records
    from govdisclosure.readers.text import text_document

    records = line_records(text_document(head + "\n一、总体情况\n", source="t"))
    meta = detect_metadata(records, len(records) - 2)
    assert (meta.agency, meta.year) == (agency, year)


def test_sub_heading_numbered_like_an_item_is_not_a_top_level_section() -> None:
    """（一）主动公开政府信息情况 inside 一、总体情况 stays overview text; 二、… starts the section."""
    doc = _document()
    heads = [
        "某县发展和改革局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "概述。",
        "（一）主动公开政府信息情况",
        "本年主动公开信息249条。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "五、存在的主要问题及改进情况",
        "问题。",
    ]
    lines = tuple(TextLine(text=t, provenance=_p(f"p[{i}]")) for i, t in enumerate(heads))
    rep = assemble(
        Document(source="g.html", lines=lines, grids=doc.grids), registry=REGISTRY, reader="t"
    ).report
    by_key = {s.key: s for s in rep.sections}
    assert by_key["proactive"].heading == "二、主动公开政府信息情况"
    assert "本年主动公开信息249条。" in by_key["overview"].text
    assert "（一）主动公开政府信息情况" in by_key["overview"].text
