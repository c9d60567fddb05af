"""Fuzzing the Word reader: more than 10,000 malformed inputs, only govdisclosure errors come out.

Examples per run (hypothesis, :func:`strategies`): random bytes 3,000; mutated packages of a real
report (truncated, flipped, deleted, inserted, swapped bytes = broken zips) 2,500 and of the full
package Word writes 300; a valid zip around a mutated ``word/document.xml`` 1,000; well-formed
hostile bodies (tables in cells, spans, merges, content controls) 2,000; tag soup 1,000; hostile
packages and sizes (deep nesting, huge ``gridSpan``, ``vMerge`` chains, thousands of cells, huge runs,
entity expansion, external entities and DTDs, undefined and wrong namespaces, wrong content types,
missing parts, lying relationships) 600 — 10,400 in all.  Zip bombs, entity expansion and external
entities are also checked one by one, with memory measured.  No wall-clock limit in the reader: every
bound is a size; a hang shows as an example over the generous :data:`SLOW` seconds.
"""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docx_fuzz_support as S
from govdisclosure.errors import GovDisclosureError, ReadError
from govdisclosure.plugins.registry import make_registry
from govdisclosure.readers.docx import MAX_PART_BYTES
from govdisclosure.readers.grids import MAX_COLUMNS, MAX_GRID_CELLS
from govdisclosure.reading import read_bytes

REGISTRY = make_registry(entry_points=False)
SLOW = 20.0
"""Seconds one example may take on a loaded CI machine (the slowest take well under a second)."""


def read(data: bytes):
    return read_bytes(data, source="fuzz.docx", registry=REGISTRY, reader="docx")


def docx_document(data: bytes):
    return REGISTRY.readers["docx"].document(data, source="fuzz.docx", registry=REGISTRY)


SEEN: Counter[str] = Counter()


def only_documented_errors(data: bytes) -> None:
    """Reading gives a report or a govdisclosure error naming the file — nothing else, never slowly."""
    start = time.perf_counter()
    try:
        result = read(data)
    except GovDisclosureError as exc:
        assert "fuzz.docx" in str(exc)
    else:
        assert len(result.report.cells) == len(result.report.resolved.cells)
    assert time.perf_counter() - start < SLOW


# -- strategies ------------------------------------------------------------------------------------

TEXTS = [
    "",
    "1",
    "22",
    "0",
    "-",
    "自然人",
    "总计",
    "规章",
    "第二十条第（一）项",
    "（一）予以公开",
    "&lt;",
    "&#x4E00;",
]
CELL_PROPS = [
    "",
    '<w:gridSpan w:val="2"/>',
    '<w:gridSpan w:val="64"/>',
    '<w:gridSpan w:val="99999999"/>',
    '<w:gridSpan w:val="-3"/>',
    '<w:gridSpan w:val="x"/>',
    "<w:gridSpan/>",
    "<w:vMerge/>",
    '<w:vMerge w:val="restart"/>',
    '<w:vMerge w:val="continue"/>',
    "<w:hMerge/>",
    '<w:hMerge w:val="restart"/>',
]
ROW_PROPS = ["", '<w:trPr><w:gridBefore w:val="3"/></w:trPr>', '<w:trPr><w:gridBefore w:val="-5"/></w:trPr>']
ROW_PROPS.append('<w:trPr><w:gridBefore w:val="100000000"/></w:trPr>')

_leaf = st.one_of(
    st.sampled_from(TEXTS).map(S.p),
    st.just("<w:p/>"),
    st.sampled_from(["<w:p><w:r><w:tab/><w:br/><w:cr/><w:noBreakHyphen/></w:r></w:p>", "<w:bookmarkStart/>"]),
)


def _table(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    cell = st.tuples(st.sampled_from(CELL_PROPS), children, st.booleans()).map(
        lambda t: (
            f"<w:sdt><w:sdtContent><w:tc><w:tcPr>{t[0]}</w:tcPr>{t[1]}</w:tc></w:sdtContent></w:sdt>"
            if t[2]
            else f"<w:tc><w:tcPr>{t[0]}</w:tcPr>{t[1]}</w:tc>"
        )
    )
    row = st.tuples(st.sampled_from(ROW_PROPS), st.lists(cell, max_size=6)).map(
        lambda t: f"<w:tr>{t[0]}{''.join(t[1])}</w:tr>"
    )
    return st.lists(row, max_size=6).map(lambda rows: f"<w:tbl>{''.join(rows)}</w:tbl>")


hostile_body = st.recursive(
    _leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4).map("".join),
        _table(children),
        st.lists(children, max_size=3).map(
            lambda xs: f"<w:sdt><w:sdtContent>{''.join(xs)}</w:sdtContent></w:sdt>"
        ),
    ),
    max_leaves=40,
)

SOUP = [
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>1</w:t></w:r>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    '<w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr>',
    "<w:tcPr><w:vMerge/></w:tcPr>",
    '<w:trPr><w:gridBefore w:val="-5"/></w:trPr>',
    "<w:sdt><w:sdtContent>",
    "</w:sdtContent></w:sdt>",
    "<w:t>自然人</w:t>",
    "<w:tab/>",
    "<x:p>",
    "<w:p xmlns:w='urn:other'>",
    "&amp;",
    "&#0;",
    "&undefined;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?pi x?>",
    "\x00",
    "\ufeff",
]

_sized_bodies = st.one_of(
    st.integers(1, 300).map(S.nested_tables),
    st.tuples(st.integers(1, 3000), st.sampled_from([1, 64, 10**9])).map(lambda t: S.grid_spans(*t)),
    st.tuples(st.integers(1, 2000), st.integers(1, 8)).map(lambda t: S.vmerge_chain(*t)),
    st.tuples(st.integers(1, 300), st.integers(1, 40)).map(lambda t: S.many_cells(*t)),
    st.tuples(st.integers(1, 20_000), st.integers(1, 800)).map(lambda t: S.empty_rows(*t)),
    st.integers(1, 200_000).map(S.huge_run),
    st.integers(1, 5000).map(S.many_runs),
    st.integers(1, 300).map(S.sdt_nesting),
).map(lambda body: S.package(S.document_xml(body)))

_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'


def _encoded(encoding: str) -> bytes:
    """A small document in another declared encoding (latin-1 cannot print Chinese: an empty body)."""
    body = S.p("规章") if encoding != "latin-1" else ""
    xml = f'<?xml version="1.0" encoding="{encoding}"?><w:document {S.W}><w:body>{body}</w:body></w:document>'
    return S.package(xml.encode(encoding))


HOSTILE_PACKAGES = S.hostile_packages()
_report_body = S.document_xml(S.p("规章"))
_hostile_packages = st.one_of(
    st.sampled_from([data for _what, data in HOSTILE_PACKAGES]),
    st.binary(max_size=500).map(lambda b: S.package(_report_body, package_rels=b)),
    st.binary(max_size=500).map(lambda b: S.package(_report_body, content_types=b)),
    st.binary(max_size=2000).map(S.package),
    st.sampled_from(["utf-16", "utf-16-le", "gb18030", "latin-1"]).map(_encoded),
)

_tag_soup = st.lists(st.sampled_from(SOUP), max_size=150).map(
    lambda parts: S.package(S.document_xml("".join(parts)))
)


def strategies() -> list[tuple[str, st.SearchStrategy[bytes], int]]:
    """(name, strategy, number of examples): more than 10,000 inputs, cheap ones weighted up."""
    return [
        (
            "random bytes",
            st.one_of(st.binary(max_size=3000), st.binary(max_size=2000).map(b"PK\x03\x04".__add__)),
            3000,
        ),
        ("mutated package", S.mutated(S.minimal_report_docx()), 2500),
        ("mutated Word package", S.mutated(S.report_docx(), max_ops=3), 300),
        ("mutated document.xml", S.mutated(S.report_document_xml()).map(S.package), 1000),
        ("hostile body", hostile_body.map(lambda b: S.package(S.document_xml(b))), 2000),
        ("tag soup", _tag_soup, 1000),
        ("hostile sizes", _sized_bodies, 300),
        ("hostile package", _hostile_packages, 300),
    ]


def test_more_than_ten_thousand_inputs() -> None:
    assert sum(n for _name, _s, n in strategies()) >= 10_000


@pytest.mark.parametrize("case", range(len(strategies())), ids=[name for name, _s, _n in strategies()])
def test_fuzz(case: int) -> None:
    name, strategy, n = strategies()[case]
    before = SEEN[name]

    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(data=strategy)
    def prop(data: bytes) -> None:
        SEEN[name] += 1
        only_documented_errors(data)

    prop()
    assert SEEN[name] - before >= n // 2  # hypothesis really fed (most of) the examples


# -- one by one --------------------------------------------------------------------------------------


def _peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 2**20


def _refused(data: bytes) -> ReadError:
    with pytest.raises(ReadError) as info:
        read(data)
    return info.value


def test_zip_bomb_refused_before_inflating() -> None:
    """400 MiB of document.xml in a 0.4 MB zip: refused by its declared size, without inflating it."""
    bomb = S.zip_bomb(400)
    assert len(bomb) < 2**20
    with zipfile.ZipFile(__import__("io").BytesIO(bomb)) as zf:
        assert zf.getinfo("word/document.xml").file_size == 400 * 2**20 > MAX_PART_BYTES
    err: list[ReadError] = []
    assert _peak_mb(lambda: err.append(_refused(bomb))) < 16
    assert err[0].place == "word/document.xml" and "fuzz.docx" in str(err[0])


def test_zip_bomb_lying_about_its_size() -> None:
    """A bomb declaring 1 KB: zipfile stops at the declared size and the checksum fails."""
    bomb = S.zip_bomb(400, declared=1000)
    err: list[ReadError] = []
    assert _peak_mb(lambda: err.append(_refused(bomb))) < 16
    assert "CRC" in str(err[0]) or "XML" in str(err[0])


def test_zip_bomb_in_the_relationships() -> None:
    bomb = S.zip_bomb(400, part="_rels/.rels")
    err: list[ReadError] = []
    assert _peak_mb(lambda: err.append(_refused(bomb))) < 16
    assert err[0].place == "_rels/.rels"


def test_part_just_under_the_limit_is_read() -> None:
    """The size limit leaves room for a real (even a 50 MB) document part."""
    assert MAX_PART_BYTES >= 60 * 2**20


def test_billion_laughs_not_expanded() -> None:
    """Entity expansion would make 10**9 copies: refused (by libxml2's amplification limit or because
    Word never writes a DTD) without expanding anything."""
    for levels in (1, 3, 9):
        err: list[ReadError] = []
        assert _peak_mb(lambda n=levels, out=err: out.append(_refused(S.package(S.billion_laughs(n))))) < 16
        assert err[0].place == "word/document.xml"
        assert "lol" not in str(err[0])


def test_external_entity_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    err = _refused(S.package(S.external_entity(secret)))
    assert "TOP-SECRET-MARKER" not in str(err)
    body = S.document_xml(S.p("规章&xxe;"))  # the same reference without a DTD: an undefined entity
    assert "TOP-SECRET-MARKER" not in str(_refused(S.package(body)))


def test_external_dtd_not_fetched() -> None:
    start = time.perf_counter()
    assert "DTD" in str(_refused(S.package(S.external_dtd())))
    assert time.perf_counter() - start < SLOW


def test_deep_nesting_refused_or_bounded() -> None:
    """Tables in cells 80 deep read (walked to a bounded depth); 300 deep exceed lxml's depth limit."""
    doc = docx_document(S.package(S.document_xml(S.nested_tables(80) + S.p("第二十条第（一）项"))))
    assert [ln.text for ln in doc.lines][-1] == "第二十条第（一）项"
    assert "fuzz.docx" in str(_refused(S.package(S.document_xml(S.nested_tables(300)))))


def test_huge_spans_and_empty_rows_bounded() -> None:
    """gridSpan 10**9 x 3,000 cells and 20,000 empty rows under a 3,000-wide row stay within the bounds."""
    for body in (S.grid_spans(3000, 10**9), S.empty_rows(20_000, 3000), S.vmerge_chain(1000, 8)):
        data = S.package(S.document_xml(body + S.many_cells(1, 2)))
        doc: list = []
        peak = _peak_mb(lambda d=data, out=doc: out.append(docx_document(d)))
        for grid in doc[0].grids:
            assert len(grid[0].cells) <= MAX_COLUMNS
            assert len(grid) * len(grid[0].cells) <= MAX_GRID_CELLS
        assert peak < 400


def test_vmerge_chain_copies_the_first_cell() -> None:
    doc = docx_document(S.package(S.document_xml(S.vmerge_chain(50, 2))))
    grid = doc.grids[0]
    assert len(grid) == 52 and all(c.text == "总计" for row in grid[1:] for c in row.cells)
    assert [c.spanned for c in grid[-1].cells] == [True, True]


def test_huge_text_node_refused_or_read() -> None:
    """libxml2 refuses a single text node over 10 MB (without huge_tree); a 1 MB run reads."""
    assert "fuzz.docx" in str(_refused(S.package(S.document_xml(S.huge_run(4_000_000)))))
    doc = docx_document(S.package(S.document_xml(S.huge_run(1_000_000))))
    assert len(doc.lines[0].text) == 1_000_000


@pytest.mark.parametrize("case", range(len(HOSTILE_PACKAGES)), ids=[what for what, _d in HOSTILE_PACKAGES])
def test_hostile_package_refused(case: int) -> None:
    """Each fixed hostile package is refused with a ReadError naming the file."""
    assert "fuzz.docx" in str(_refused(HOSTILE_PACKAGES[case][1]))


def test_wrong_content_type_is_harmless() -> None:
    """[Content_Types].xml is not trusted: the report is found through the relationships and read."""
    data = S.package(
        S.report_document_xml(),
        content_types=S.CONTENT_TYPES.format(main="application/vnd.ms-excel").encode(),
        extra={"word/media/x.png": b"\x89PNG\r\n\x1a\n" * 100},
    )
    assert read(data).report.cells == read(S.minimal_report_docx()).report.cells


def test_missing_and_wrong_parts_named() -> None:
    assert _refused(S.package(None)).place == "word/document.xml"
    rels = S.rels("word/elsewhere.xml")
    assert _refused(S.package(S.document_xml(S.p("x")), package_rels=rels)).place == "word/elsewhere.xml"
    assert _refused(S.package(b"<a/>")).place == "word/document.xml"
    assert _refused(S.package(b"<w:document")).place == "word/document.xml"
    assert _refused(S.package(S.document_xml(""), package_rels=b"<oops")).place == "_rels/.rels"
