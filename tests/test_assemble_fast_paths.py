"""The shortcuts of the shared assembly keep its behaviour: a grid's table is not read again from
the page's text lines, a table only the text prints still is, label matching breaks ties as
before, and the agency prefix is found without compiling a pattern per agency."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import CellRef
from govdisclosure.findings import Provenance
from govdisclosure.plugins.registry import make_registry
from govdisclosure.readers.assemble import assemble
from govdisclosure.readers.base import Document, GridCell, GridRow, TextLine
from govdisclosure.readers.detect import _prefecture_before
from govdisclosure.readers.normalize import LabelIndex

REGISTRY = make_registry(entry_points=False)

_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
    "total",
)
_HEADER = ("", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_RECEIVED = "一、本年新收政府信息公开申请数量"
_CARRIED = "二、上年结转政府信息公开申请数量"


def _p(element: str, raw: str = "") -> Provenance:
    return Provenance(source="p.html", element=element, raw=raw)


def _grid_row(r: int, *texts: str) -> GridRow:
    return GridRow(
        cells=tuple(
            GridCell(text=t, provenance=_p(f"table[1]/tr[{r}]/td[{c + 1}]", t)) for c, t in enumerate(texts)
        )
    )


def _line(text: str, element: str) -> TextLine:
    return TextLine(text=text, provenance=_p(element, text))


def _page() -> Document:
    """表三 as a grid (two rows) and, as an HTML page gives it, again as text lines — with other
    numbers in the text copy, so that the numbers read show which copy they came from; 表四 is
    printed only as text lines."""
    grid = (
        _grid_row(1, *_HEADER),
        _grid_row(2, _RECEIVED, "5", "1", "0", "0", "0", "0", "6"),
        _grid_row(3, _CARRIED, "2", "0", "0", "0", "0", "0", "2"),
    )
    texts = [
        ("某县发展和改革局2023年政府信息公开工作年度报告", "h1[1]"),
        ("一、总体情况", "h2[1]"),
        ("本机关依法公开政府信息。", "p[1]"),
        ("三、收到和处理政府信息公开申请情况", "h2[2]"),
        ("\t".join(_HEADER), "table[1]/tr[1]"),
        ("\t".join((_RECEIVED, "9", "9", "9", "9", "9", "9", "54")), "table[1]/tr[2]"),
        ("\t".join((_CARRIED, "8", "8", "8", "8", "8", "8", "48")), "table[1]/tr[3]"),
        ("四、政府信息公开行政复议、行政诉讼情况", "h2[3]"),
        ("行政复议\t行政诉讼", "p[2]"),
        ("\t".join(("1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0")), "p[3]"),
        ("五、存在的主要问题及改进情况", "h2[4]"),
        ("问题。", "p[4]"),
    ]
    return Document(source="p.html", lines=tuple(_line(t, e) for t, e in texts), grids=(grid,))


def test_a_table_the_grid_prints_is_read_from_the_grid_not_from_its_text_copy() -> None:
    res = assemble(_page(), registry=REGISTRY, reader="html")
    rep = res.report
    assert [rep.value("requests", "received", c) for c in _COLUMNS] == [5, 1, 0, 0, 0, 0, 6]
    assert [rep.value("requests", "carried_over", c) for c in _COLUMNS] == [2, 0, 0, 0, 0, 0, 2]
    prov = res.provenance[CellRef("requests", "received", "total")]
    assert prov.element == "table[1]/tr[2]/td[8]" and prov.raw == "6"
    # the text copy of the grid's rows is table text: it stays out of the section's prose
    requests = rep.section_text("requests")
    assert "9" not in requests and "8" not in requests


def test_a_table_only_the_text_prints_is_still_read_from_the_text() -> None:
    res = assemble(_page(), registry=REGISTRY, reader="html")
    assert res.report.value("appeals", "review", "upheld") == 1
    assert res.report.value("appeals", "review", "total") == 1
    assert res.report.value("appeals", "lawsuit_direct", "total") == 0
    assert res.provenance[CellRef("appeals", "review", "upheld")].element == "p[3]"


def test_fuzzy_label_match_takes_the_closest_then_the_first_registered() -> None:
    index = LabelIndex([("a", ["本机关不掌握相关政府信息"]), ("b", ["本机关不掌握相关政府信急"])])
    # one edit from each label: the first registered wins
    tie = index.match("本机关不掌握相关政府信总")
    assert tie is not None and tie.owner == "a" and tie.distance == 1
    # one edit from b, two from a: the closer wins whatever the order
    found = index.match("本机关不掌握相关政府信急了")
    assert found is not None and found.owner == "b" and found.distance == 1


_ALPHABET = "由淮安市洪泽区人民政府办公室省州盟县a 。，"


@settings(max_examples=300)
@given(
    body=st.text(alphabet=_ALPHABET, max_size=40),
    agency=st.sampled_from(["洪泽区人民政府", "区人民政府", "政府", "市洪", "州", "a", "县"]),
)
def test_prefecture_prefix_is_what_the_pattern_search_finds(body: str, agency: str) -> None:
    found = re.search(r"由([\u4e00-\u9fff]{1,10}?[省市州盟])" + re.escape(agency), body)
    assert _prefecture_before(body, agency) == (found.group(1) if found else None)


def test_prefecture_prefix_examples() -> None:
    body = "本报告由淮安市洪泽区人民政府办公室编制。"
    assert _prefecture_before(body, "洪泽区人民政府") == "淮安市"
    assert _prefecture_before(body, "清江浦区人民政府") is None
    # twelve characters before the agency: longer than any prefecture name, not taken
    assert _prefecture_before("由一二三四五六七八九十一市洪泽区", "洪泽区") is None
