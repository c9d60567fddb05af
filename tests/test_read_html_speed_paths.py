"""The speed shortcuts of the HTML reader give exactly what the plain way gives.

* cells read whole keep only their text; a table that turns out to be page layout rebuilds their text
  items from the cells (compared with the element-by-element path, forced by empty comments);
* the declared spans of a cell are remembered per attribute text, for the page;
* a page's cleaned texts are remembered for the page: cells, then its text lines;
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdisclosure.readers.grids import clean_text
from govdisclosure.readers.htmlgrid import html_document
from govdisclosure.readers.htmlstream import _spans, parse_items
from html_markup_support import cells, rows, token_by_token

SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))


# -- cells read whole, in a table that turns out to be page layout ------------------------------------
CELL_TEXT = st.sampled_from(["1", "自然人", "", " ", "a&amp;b", "&nbsp;2", "x\ny", "\n", "总计 ", "<b>3</b>"])
LAYOUT_CELL = cells(CELL_TEXT, ["", " colspan=2", ' rowspan="2"', " class=x"])
LAYOUT_ROW = rows(LAYOUT_CELL, ["", "\n", " "], max_size=4)


@SETTINGS
@given(st.lists(st.one_of(LAYOUT_ROW, LAYOUT_CELL), min_size=1, max_size=6), st.booleans())
def test_layout_table_cells_read_as_text_like_the_element_path(pieces, inner_first):
    inner = "<table><tr><td>9</td></tr></table>"
    body = "".join(pieces)
    markup = "<table>" + (inner + body if inner_first else body + inner) + "</table>"
    fast = parse_items(markup, source="t")
    assert fast == parse_items(token_by_token(markup), source="t")
    assert not any(item[0] == "g" and item[1] == 1 for item in fast)  # the outer table is page layout


def test_layout_table_text_by_hand():
    items = parse_items(
        "<table><tr><td>a&amp;b</td><td></td></tr>\n<tr><td>2</td></tr><table></table>", source="t"
    )
    texts = [item for item in items if item[0] == "t"]
    assert ("t", "a&b", "table[1]/tr[1]/td[1]", 1) in texts
    assert ("t", "2", "table[1]/tr[2]/td[1]", 2) in texts
    assert not any(item[2] == "table[1]/tr[1]/td[2]" for item in texts)  # an empty cell gives no text


# -- declared spans ------------------------------------------------------------------------------------
@SETTINGS
@given(
    st.integers(0, 600),
    st.integers(0, 600),
    st.sampled_from(["rowspan", "ROWSPAN", "RowSpan"]),
    st.sampled_from(['"{}"', "'{}'", "{}", '" {}"']),
    st.sampled_from(["", ' class="c"', " data-ref=x.y"]),
)
def test_spans_of_attribute_texts(rows, cols, name, quote, extra):
    attrs = f" {name}={quote.format(rows)}{extra} colspan={quote.format(cols)}"
    assert _spans(attrs) == (rows, cols)
    # a whole row: the second cell's spans come from the page's memo; the element path has no memo
    markup = f"<table><tr><td{attrs}>1</td><td>2</td><td{attrs}>3</td></tr></table>"
    for page in (markup, token_by_token(markup)):
        (grid,) = [item for item in parse_items(page, source="t") if item[0] == "g"]
        assert [(r, c) for _cell, r, c in grid[2][0]] == [(rows, cols), (1, 1), (rows, cols)]


def test_spans_in_a_whole_row_by_hand():
    markup = "<table><tr><td colspan=2>a</td><td rowspan=3>b</td><td colspan=2>c</td><td>d</td></tr></table>"
    (grid,) = [item for item in parse_items(markup, source="t") if item[0] == "g"]
    assert [(cell.text, r, c) for cell, r, c in grid[2][0]] == [
        ("a", 1, 2),
        ("b", 3, 1),
        ("c", 1, 2),
        ("d", 1, 1),
    ]


def test_spans_by_hand():
    assert _spans("") == (1, 1)
    assert _spans(' class="span"') == (1, 1)
    assert _spans(' colspan="3"') == (1, 3)
    assert _spans(' colspan="3" colspan="5"') == (1, 5)  # the last attribute wins
    assert _spans(' data-x="rowspan=4" colspan=2') == (1, 2)  # inside a value: not an attribute
    assert _spans(" rowspan=&#52;") == (4, 1)
    assert _spans(" rowspan=x") == (1, 1)


# -- cleaned texts remembered within a page -----------------------------------------------------------
RAW = st.text(st.sampled_from(list("01２３,，．. \n\t\u3000\xa0自然人（）-/")), max_size=12)


@SETTINGS
@given(st.lists(RAW, min_size=1, max_size=6))
def test_memo_filled_by_the_cells_gives_clean_text_to_the_lines(raws):
    cleaned: dict[str, str] = {}
    markup = "<table>" + "".join(f"<tr><td>{r}</td></tr>" for r in raws) + "</table>"
    markup += "".join(f"<p>{r}</p>" for r in raws)
    items = parse_items(markup, source="t", cleaned=cleaned)
    assert all(cleaned[raw] == clean_text(raw) for raw in cleaned)
    (grid,) = [item for item in items if item[0] == "g"]
    assert [row[0][0].text for row in grid[2]] == [clean_text(r) for r in raws]
    doc = html_document(markup.encode(), source="t.html", labels=frozenset())
    texts = [clean_text(r) for r in raws if clean_text(r)]
    assert [ln.text for ln in doc.lines] == texts + texts  # the grid rows, then the paragraphs


def test_pages_read_alike_in_any_order():
    first = "<p> １，２３４ </p><table><tr><td> ２ </td><td>1,234</td></tr></table>".encode()
    second = "<table><tr><td>1,234</td></tr></table><p>1,234</p><p> ２ </p>".encode()
    one = html_document(first, source="p.html", labels=frozenset())
    two = html_document(second, source="p.html", labels=frozenset())
    assert html_document(first, source="p.html", labels=frozenset()) == one
    assert [c.text for c in one.grids[0][0].cells] == ["2", "1234"]
    assert [ln.text for ln in one.lines] == ["1234", "2\t1234"]
    assert [ln.text for ln in two.lines] == ["1234", "1234", "2"]
