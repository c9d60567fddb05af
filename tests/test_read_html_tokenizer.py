"""The fast paths of the streaming HTML pass (whole rows, whole cells, runs of inline markup, fast object
construction) read exactly what the element-by-element path reads, and stay linear on hostile markup.

The element-by-element path is forced by writing the same markup with an empty comment ``<!---->``
between all tokens: a comment is no text and no element, so the page reads the same, but no row, cell
or inline run can then be matched whole.
"""

from __future__ import annotations

import gc
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.findings import Provenance
from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers.base import GridCell, GridRow, TextLine
from govdisclosure.readers.grids import (
    cell_maker,
    make_cell,
    make_line,
    make_provenance,
    make_row,
    report_labels,
)
from govdisclosure.readers.htmlgrid import html_document
from govdisclosure.readers.htmlstream import _INLINE, _SPECIAL_START, parse_items
from html_markup_support import cells, rows, token_by_token

LABELS = report_labels(default_registry())
SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "database": None}

# well-formed pieces only (no raw-text elements, comments or open quotes: the comment trick must not change
# what they mean)
TAGS = [
    "<table>", "</table>", "<TABLE class=t>", "<tbody>", "</tbody>", "<tr>", "</tr>", "<TR>", "<td>", "</td>",
    "<th>", "</th>", "<TD>", "</TD>", "<td rowspan=2>", "<td colspan=3>", '<th rowspan="2" colspan="2">',
    "<td ROWSPAN=0>", "<td class=nav>", "<td\ncolspan=2>", "</td >", "<p>", "</p>", "<div>", "</div>", "<br>",
    "<span>", "</span>", "<SPAN style='a:b'>", "<font color=red>", "</font>", "<o:p>", "</o:p>", "<b>",
    "</b>",
    "<a href=x>", "</a>", "<span class=menu>", "<div class=footer>", "<nav>", "</nav>", "<span id=x>",
    "<h2>", "</h2>", "<li>", "<x-tag>", "</x-tag>", "<img src=x>",
]  # fmt: skip
TEXTS = [
    "1", "22", "-", "自然人", "总计", "规章", "行政复议", "结果维持", "第二十条第（一）项", "（一）予以公开",
    " ", "\n", "\n  ", "&nbsp;", "&amp;", "&am", "p;", "a b", "１，２３４", "\u3000",
]  # fmt: skip
PIECES = st.lists(st.sampled_from(TAGS + TEXTS), max_size=80)


def read(markup: str, labels: frozenset[str] = LABELS):
    return html_document(markup.encode("utf-8"), source="t.html", labels=labels)


@settings(max_examples=400, **SETTINGS)
@given(PIECES, st.booleans())
def test_fast_paths_read_what_the_element_path_reads(pieces, all_grids):
    markup = "".join(pieces)
    labels = frozenset() if all_grids else LABELS
    assert read(markup, labels) == read(token_by_token(markup), labels)


CELL_TEXT = st.sampled_from([*TEXTS[:10], "<span>1</span>", "<b>x</b><o:p></o:p>", ""])
CELL = cells(CELL_TEXT, ["", " colspan=2", " rowspan=2", ' rowspan="3" colspan="2"'])
ROW = rows(CELL, ["", "\n", " \n  "], max_size=5)
TABLE_PIECES = st.lists(
    st.one_of(ROW, CELL, st.sampled_from(["<tr>", "</tr>", "<td>x", "<p>", "\n", "</td>"]))
)


@settings(max_examples=300, **SETTINGS)
@given(TABLE_PIECES, st.booleans())
def test_tables_read_the_same_either_way(pieces, nested):
    markup = (
        "<table>" + "".join(pieces) + ("<table><tr><td>1</td></tr></table>" if nested else "") + "</table>"
    )
    assert read(markup, frozenset()) == read(token_by_token(markup), frozenset())


def with_quoted_gt(markup: str) -> str:
    """The same markup with an attribute whose quoted value holds ``>`` on every start tag."""
    attrs = " v-if=\"a.length > 0\" t='>'"
    return re.sub(r"<([A-Za-z][A-Za-z0-9:-]*)", lambda m: f"<{m.group(1)}{attrs}", markup)


@settings(max_examples=300, **SETTINGS)
@given(PIECES, TABLE_PIECES, st.booleans())
def test_a_quoted_gt_in_an_attribute_ends_no_tag(pieces, table_pieces, all_grids):
    # browsers end a tag at a ``>`` outside quotes only; a page with such attributes (Vue/Avalon templates
    # print ``ms-visible="list.length > 0"``) reads as the same page without them
    markup = "".join(pieces) + "<table>" + "".join(table_pieces) + "</table>"
    labels = frozenset() if all_grids else LABELS
    assert read(with_quoted_gt(markup), labels) == read(markup, labels)


def test_quoted_gt_by_hand():
    doc = read('<div ms-visible="list.length > 0"><p title="a>b">正文</p></div><p>下一段</p>', frozenset())
    assert [ln.text for ln in doc.lines] == ["正文", "下一段"]
    # not inside quotes (or the quote never closes before the next tag): the tag ends at the ``>``
    doc = read('<p title=a>b">x</p><p data-x="1>2>3</p>', frozenset())
    assert [ln.text for ln in doc.lines] == ['b">x', "2>3"]


def test_a_whole_row_by_hand():
    doc = read(
        "<table><tr><td>自然人</td><th colspan=2>总计</th></tr>\n<tr><td>1</td><td>2</td></tr></table>"
    )
    (grid,) = doc.grids
    assert [[c.text for c in row.cells] for row in grid] == [["自然人", "总计", "总计"], ["1", "2", ""]]
    assert [c.spanned for c in grid[0].cells] == [False, False, True]
    assert grid[0].cells[1].provenance.element == "table[1]/tr[1]/th[2]"
    assert grid[1].cells[1].provenance == Provenance(
        source="t.html", line=2, element="table[1]/tr[2]/td[2]", raw="2"
    )


def test_inline_run_by_hand():
    items = parse_items("<p><span>a&am</span><b>p;</b><o:p></o:p>\n<span> b</span></p>", source="t")
    # entities are decoded piece by piece, as the element path does
    assert items == [("b",), ("t", "a&amp;\n b", "p[1]", 1), ("b",)]
    items = parse_items("<p><span> </span>\n<span>x</span></p>", source="t")
    assert items[1][3] == 2  # the line of the first text that is not blank


def test_a_class_in_a_run_can_still_skip():
    doc = read("<p><span>kept</span><span class=menu>dropped</span></p>", frozenset())
    assert [ln.text for ln in doc.lines] == ["kept"]


def test_inline_names_are_plain_elements():
    assert not set(_INLINE.split("|")) & _SPECIAL_START


def test_fast_constructors_equal_the_classes():
    prov = Provenance(source="s", line=3, element="table[1]/tr[1]/td[1]", raw=" 1 ")
    assert make_provenance("s", 3, "table[1]/tr[1]/td[1]", " 1 ") == prov
    assert make_cell("1", prov) == GridCell(text="1", provenance=prov)
    assert make_cell("1", prov, True) == GridCell(text="1", provenance=prov, spanned=True)
    assert cell_maker("s")("1", 3, "table[1]/tr[1]/td[1]", " 1 ") == GridCell(text="1", provenance=prov)
    assert make_line("1", prov) == TextLine(text="1", provenance=prov)
    assert make_row((make_cell("1", prov),)) == GridRow(cells=(GridCell(text="1", provenance=prov),))
    assert hash(make_provenance("s", 3, "e", "r")) == hash(
        Provenance(source="s", line=3, element="e", raw="r")
    )


def _seconds(markup: str) -> float:
    """CPU seconds of one parse, best of three (a collection or a busy neighbour inflates one run)."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        start = time.process_time()
        parse_items(markup, source="t")
        best = min(best, time.process_time() - start)
    return best


def test_hostile_runs_rows_and_cells_stay_linear():
    patterns = [
        lambda n: "<span>" + "<font>x</font>" * n + "<span class=nav>",  # a run that must be re-read
        lambda n: "<span>" * n + "x" + "</span>" * n,  # deeper than a run
        lambda n: "<table><tr>" + "<td>1</td>" * n,  # a row never closed
        lambda n: "<table>" + "<tr><td>1</td>" * n,
        lambda n: "<p>" + "<span>1</span><font>2</font>" * n + "<a class=x>",
        lambda n: "<table><tr>" + "<td>1</th>" * n + "</tr>",
        lambda n: '<p a="' + "x>" * n,  # a quoted value never closed, full of ">"
        lambda n: '="x>' * n + "<p>",  # quoted values holding ">", opened again and again
    ]
    for pattern in patterns:
        small, large = _seconds(pattern(5_000)), _seconds(pattern(20_000))
        assert large < max(small, 0.01) * 4 * 3, pattern(2)
