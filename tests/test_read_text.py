"""The text reader on the real corpus text report (000) and on hand-made fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_support import CORPUS, expected, report_from_expected
from govdisclosure import CellRef
from govdisclosure.errors import ReadError
from govdisclosure.findings import Severity
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import read_bytes, read_path
from grid_roundtrip_support import wrong_values
from unseen_support import differences
from unseen_support import expected as unseen_meta
from unseen_support import report_from_expected as unseen_expected

FIXTURES = Path(__file__).parent / "data" / "readers"


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return make_registry(entry_points=False)


@pytest.fixture(scope="module")
def seed(registry):  # type: ignore[no-untyped-def]
    (path,) = CORPUS.glob("000-*.txt")
    return read_path(path, registry=registry)


def test_seed_is_read_by_the_text_reader(seed) -> None:  # type: ignore[no-untyped-def]
    assert seed.reader == "text"


def test_seed_every_cell_equals_expected(seed) -> None:  # type: ignore[no-untyped-def]
    want = report_from_expected("000")
    got = seed.report
    assert got.layout is want.layout
    assert got.features == want.features
    diffs = {
        str(ref): (v, want[ref]) for ref, v in got.items() if v != want[ref] or type(v) is not type(want[ref])
    }
    assert diffs == {}


def test_seed_metadata(seed) -> None:  # type: ignore[no-untyped-def]
    exp = expected("000")
    assert seed.report.agency.name == exp["agency"]
    assert seed.report.year == exp["year"]
    assert seed.report.title is not None and "年度报告" in seed.report.title


def test_seed_sections_found_in_order(seed) -> None:  # type: ignore[no-untyped-def]
    keys = [s.key for s in seed.report.sections]
    assert keys == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    assert seed.report.section_text("problems").startswith("存在的问题")
    assert "信息处理费" in seed.report.section_text("other")
    # table text is not section text
    assert "本年新收" not in seed.report.section_text("requests")
    assert "现发布" in seed.report.preamble


def test_seed_sentences_cut_by_page_breaks_are_rejoined(seed) -> None:  # type: ignore[no-untyped-def]
    # "…未收到自然人、法" / blank line / "人或其他社会组织…" in the file
    assert "未收到自然人、法人或其他社会组织提交的政府信息公开申请" in seed.report.section_text("overview")
    assert "倒逼业务人员" in seed.report.section_text("problems")
    # a short line (a sub-heading) is never joined to the next paragraph
    assert "\n" in seed.report.section_text("overview")


def test_seed_findings_say_what_was_not_printed(seed) -> None:  # type: ignore[no-untyped-def]
    rules = {f.rule_id for f in seed.findings}
    assert "read.values_not_printed" in rules
    lost = [f for f in seed.findings if f.rule_id == "read.column_not_printed"]
    assert lost and all(c.column == "total" and c.table == "requests" for f in lost for c in f.cells)
    assert all(f.rule_id.startswith("read.") for f in seed.findings)
    assert not [f for f in seed.findings if f.severity is Severity.ERROR]


def test_seed_provenance_for_every_printed_value(seed) -> None:  # type: ignore[no-untyped-def]
    for ref, value in seed.report.items():
        if value is not None:
            prov = seed.provenance[ref]
            assert prov.line is not None and prov.raw.strip() == "0"
    p = seed.provenance[CellRef("appeals", "lawsuit_after_review", "total")]
    assert (
        p.line is not None
        and p.line > seed.provenance[CellRef("requests", "received", "natural_person")].line
    )


def test_unrelated_text_is_a_read_error(registry) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReadError, match='未找到"三、收到和处理政府信息公开申请情况"表格'):
        read_bytes(
            "这是一篇与政府信息公开无关的文章。\n今天天气很好。\n".encode(),
            source="x.txt",
            registry=registry,
            reader="text",
        )


def test_gb18030_and_bom_decode_the_same(registry, seed) -> None:  # type: ignore[no-untyped-def]
    (path,) = CORPUS.glob("000-*.txt")
    text = path.read_text("utf-8")
    for data in (text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        got = read_bytes(data, source="seed.txt", registry=registry, reader="text")
        assert got.report.cells == seed.report.cells
        assert got.report.agency == seed.report.agency


# ---------------------------------------------------------------------------------------------
# hand-made fixtures (tests/data/readers); expected values entered by hand from the fixture text


def _read(registry, name: str):  # type: ignore[no-untyped-def]
    return read_path(FIXTURES / name, registry=registry)


def _row(result, table: str, path: str) -> list[object]:  # type: ignore[no-untyped-def]
    rt = result.report.resolved.table(table)
    return [result.report.value(table, path, c) for c in rt.column_keys]


def test_full_report_with_page_break_and_wrapped_labels(registry) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from govdisclosure.cells import Placeholder

    res = _read(registry, "full-2023.txt")
    rep = res.report
    assert rep.layout.id == "national-2021" and rep.features == frozenset()
    assert (rep.agency.name, rep.year) == ("某某市某某区人民政府办公室", 2023)
    assert _row(res, "regulations", "rules") == [22, 1, 1234]
    assert rep.annotations[CellRef("regulations", "rules", "issued")] == "（其中修订16件）"
    assert _row(res, "regulations", "normative_documents") == [3, 0, 45]  # full-width digits
    assert _row(res, "licensing", "licensing") == [1024]
    assert _row(res, "enforcement", "coercion") == [Placeholder.HYPHEN]
    assert _row(res, "fees", "fees") == [Decimal("0.04")]
    assert _row(res, "requests", "received") == [10, 2, 0, 1, 0, 0, 13]  # single-space separated
    assert _row(res, "requests", "withheld.prohibited_by_law") == [0] * 7  # typo label
    assert _row(res, "requests", "withheld.three_safeties") == [1, 0, 0, 0, 0, 0, 1]  # straight quotes
    assert _row(res, "requests", "withheld.internal_affairs") == [0] * 7  # after the page break
    assert _row(res, "requests", "unable.not_held") == [2, 0, 0, 1, 0, 0, 3]
    assert _row(res, "requests", "not_processed.repeated") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(res, "requests", "other.no_correction") == [0] * 7  # wrapped label
    assert _row(res, "requests", "other.fee_unpaid") == [0] * 7  # numbers on the middle line
    assert _row(res, "requests", "total") == [10, 1, 0, 1, 0, 0, 12]
    assert _row(res, "requests", "carried_forward") == [1, 1, 0, 0, 0, 0, 2]
    assert _row(res, "appeals", "review") == [1, 0, 0, 1, 2]
    assert _row(res, "appeals", "lawsuit_after_review") == [0, 0, 1, 0, 1]
    # the page number "- 3 -" was not taken for a value, and every relation holds
    assert all(r.status.value == "holds" for r in rep.relations())
    assert res.provenance[CellRef("requests", "withheld.internal_affairs", "total")].page == 2
    assert not [f for f in res.findings if f.severity is not Severity.INFO]


def test_2019_format_with_space_separated_cells(registry) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    res = _read(registry, "national-2019.txt")
    rep = res.report
    assert rep.layout.id == "national-2019"
    assert (rep.agency.name, rep.year) == ("XX县发展和改革局", 2019)
    assert _row(res, "regulations", "normative_documents") == [5, 5, 120]
    assert _row(res, "licensing", "licensing") == [30, -2, 1500]
    assert _row(res, "licensing", "other_services") == [10, 0, 200]
    assert _row(res, "fees", "fees") == [3, 0]
    assert _row(res, "procurement", "procurement") == [4, Decimal(251000)]
    assert _row(res, "requests", "other") == [1, 0, 0, 0, 1, 0, 2]  # the single （六） row of 2019
    assert _row(res, "requests", "withheld.process_information") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(res, "requests", "carried_forward") == [3, 1, 0, 0, 0, 0, 4]
    assert _row(res, "appeals", "lawsuit_direct") == [1, 0, 0, 0, 1]
    assert [s.key for s in rep.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other",
    ]
    assert rep.section_text("other") == "无。"
    assert all(r.status.value == "holds" for r in rep.relations())


def test_layout_features_detected(registry) -> None:  # type: ignore[no-untyped-def]
    res = _read(registry, "subtotals-2023.txt")
    rep = res.report
    assert rep.features == {"single_other_row", "category_subtotals", "legal_entity_subtotal"}
    # columns: 自然人, 法人或其他组织小计, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    assert _row(res, "requests", "received") == [90, 5, 3, 0, 0, 2, 0, 95]
    assert _row(res, "requests", "withheld") == [4, 0, 0, 0, 0, 0, 0, 4]
    assert _row(res, "requests", "unable") == [20, 1, 0, 0, 0, 1, 0, 21]
    assert _row(res, "requests", "other") == [6, 0, 0, 0, 0, 0, 0, 6]
    assert _row(res, "requests", "total") == [90, 3, 2, 0, 0, 1, 0, 93]
    assert "read.layout_features" in {f.rule_id for f in res.findings}


def test_run_together_digits(registry) -> None:  # type: ignore[no-untyped-def]
    res = _read(registry, "run-together-2022.txt")
    assert _row(res, "requests", "received") == [23, 0, 0, 0, 0, 0, 23]
    assert _row(res, "requests", "carried_over") == [1, 0, 0, 0, 0, 0, 1]  # digits glued to the label
    # 119400832 splits two ways within its row; the printed （七）总计 row (11 9 4 0 0 8 32) decides
    assert _row(res, "requests", "disclosed") == [11, 9, 4, 0, 0, 8, 32]
    splits = [f for f in res.findings if f.rule_id == "read.digits_split"]
    assert {tuple(f.data["split"]) for f in splits} == {
        (23, 0, 0, 0, 0, 0, 23),
        (1, 0, 0, 0, 0, 0, 1),
        (11, 9, 4, 0, 0, 8, 32),
    }
    (by_table,) = [f for f in splits if f.data.get("resolved_by") == "table"]
    assert sorted(map(tuple, by_table.data["candidates"])) == [
        (1, 19, 4, 0, 0, 8, 32),
        (11, 9, 4, 0, 0, 8, 32),
    ]
    assert "read.digits_ambiguous" not in {f.rule_id for f in res.findings}


def test_run_together_digits_ambiguous(registry) -> None:  # type: ignore[no-untyped-def]
    from govdisclosure.findings import FindingStatus

    # without the （七）总计 numbers nothing in the table can tell the two splits apart
    text = (FIXTURES / "run-together-2022.txt").read_text("utf-8")
    text = text.replace("\t（七）总计\t\t11\t9\t4\t0\t0\t8\t32", "\t（七）总计")
    res = read_bytes(text.encode(), source="r.txt", registry=registry, reader="text")
    assert _row(res, "requests", "disclosed") == [None] * 7
    (amb,) = [f for f in res.findings if f.rule_id == "read.digits_ambiguous"]
    assert amb.status is FindingStatus.NOT_ASSESSABLE
    assert sorted(map(tuple, amb.data["candidates"])) == [(1, 19, 4, 0, 0, 8, 32), (11, 9, 4, 0, 0, 8, 32)]


def test_one_line_appeals_digits_run_together(registry) -> None:  # type: ignore[no-untyped-def]
    text = (
        (FIXTURES / "full-2023.txt")
        .read_text("utf-8")
        .replace("1 0 0 1 2 0 0 0 0 0 0 0 1 0 1", "100120000000101")
    )
    res = read_bytes(text.encode(), source="t.txt", registry=registry, reader="text")
    assert _row(res, "appeals", "review") == [1, 0, 0, 1, 2]
    assert _row(res, "appeals", "lawsuit_after_review") == [0, 0, 1, 0, 1]
    assert "read.digits_split" in {f.rule_id for f in res.findings}


def test_partial_report_gives_findings_not_a_crash(registry) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "full-2023.txt").read_text("utf-8")
    cut = text[: text.index("(四)无法提供")]
    res = read_bytes(cut.encode(), source="cut.txt", registry=registry, reader="text")
    assert _row(res, "requests", "received") == [10, 2, 0, 1, 0, 0, 13]
    assert _row(res, "requests", "unable.not_held") == [None] * 7
    rules = {f.rule_id for f in res.findings}
    assert {"read.row_not_found", "read.table_not_found", "read.section_not_found"} <= rules


def test_bare_page_number_at_a_page_break_is_not_a_value(registry) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "full-2023.txt").read_text("utf-8")
    start = text.index("- 3 -")
    end = text.index("\t\t6、属于四类过程性信息")
    # a bare page number, a page break, then a label whose numbers follow on the next line
    text = text[:start] + "3\n\f\n\t\t5、属于三类内部事务信息\n" + "\t".join(["0"] * 7) + "\n" + text[end:]
    res = read_bytes(text.encode(), source="p.txt", registry=registry, reader="text")
    assert _row(res, "requests", "withheld.internal_affairs") == [0] * 7
    assert _row(res, "requests", "withheld.third_party") == [0] * 7
    assert not [f for f in res.findings if f.rule_id in ("read.extra_values", "read.duplicate_row")]


def test_numbers_printed_before_their_label(registry) -> None:  # type: ignore[no-untyped-def]
    # PDF text: numbers centred vertically land on the line above a label printed without numbers
    text = (FIXTURES / "full-2023.txt").read_text("utf-8")
    text = text.replace(
        "\t\t4、保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0", "2 0 0 0 0 0 2\n\t\t4、保护第三方合法权益"
    )
    res = read_bytes(text.encode(), source="p.txt", registry=registry, reader="text")
    assert _row(res, "requests", "withheld.third_party") == [2, 0, 0, 0, 0, 0, 2]
    assert _row(res, "requests", "withheld.three_safeties") == [1, 0, 0, 0, 0, 0, 1]


def test_one_cell_per_line(registry) -> None:  # type: ignore[no-untyped-def]
    # pdftotext without -layout: every cell of a row on its own line
    lines = []
    for line in (FIXTURES / "full-2023.txt").read_text("utf-8").split("\n"):
        if line.startswith(("一、本年新收", "\t\t2、重复申请")):
            lines.extend(cell for cell in line.replace(" ", "\t").split("\t") if cell)
        else:
            lines.append(line)
    res = read_bytes("\n".join(lines).encode(), source="c.txt", registry=registry, reader="text")
    assert _row(res, "requests", "received") == [10, 2, 0, 1, 0, 0, 13]
    assert _row(res, "requests", "not_processed.repeated") == [1, 0, 0, 0, 0, 0, 1]
    assert _row(res, "requests", "carried_over") == [1, 0, 0, 0, 0, 0, 1]


def test_letter_spaced_numbers_in_their_own_cells(registry) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "full-2023.txt").read_text("utf-8")
    text = text.replace(
        "一、本年新收政府信息公开申请数量 10 2 0 1 0 0 13",
        "一、本年新收政府信息公开申请数量\t1 0\t2\t0\t1\t0\t0\t1 3",
    )
    res = read_bytes(text.encode(), source="s.txt", registry=registry, reader="text")
    assert _row(res, "requests", "received") == [10, 2, 0, 1, 0, 0, 13]


def test_subtotal_column_printed_last(registry) -> None:  # type: ignore[no-untyped-def]
    out = []
    for line in (FIXTURES / "subtotals-2023.txt").read_text("utf-8").split("\n"):
        cells = line.split("  ")
        if "小计" in cells and "商业企业" in cells:  # header: 小计 moves after 其他
            cells.remove("小计")
            cells.insert(cells.index("其他") + 1, "小计")
        nums = [c for c in cells if c.isdigit()]
        if len(nums) == 8:  # a data row: its subtotal value moves to the 7th position too
            head = cells[: len(cells) - 8]
            tail = cells[len(cells) - 8 :]
            tail.insert(6, tail.pop(1))
            cells = head + tail
        out.append("  ".join(cells))
    res = read_bytes("\n".join(out).encode(), source="l.txt", registry=registry, reader="text")
    # 自然人, 法人或其他组织小计, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (template order)
    assert _row(res, "requests", "received") == [90, 5, 3, 0, 0, 2, 0, 95]
    assert _row(res, "requests", "unable") == [20, 1, 0, 0, 0, 1, 0, 21]


def _glued(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_digits_glued_to_their_label_are_cells_not_one_number(registry) -> None:  # type: ignore[no-untyped-def]
    # BeautifulSoup ``get_text()`` joins a row's cells with nothing between them: 行政规范性文件3011
    # is 3, 0, 11 or 30, 1, 1 (no relation in 表二 tells them apart), never the number 3011
    text = (FIXTURES / "full-2023.txt").read_text("utf-8")
    text = _glued(text, "行政规范性文件\t３\t０\t４５", "行政规范性文件3011")
    text = _glued(text, "规章\t22（其中修订16件）\t1\t1,234", "规章000")
    res = read_bytes(text.encode(), source="g.txt", registry=registry, reader="text")
    assert _row(res, "regulations", "normative_documents") == [None, None, None]
    assert _row(res, "regulations", "rules") == [0, 0, 0]  # the only split of 000
    amb = [f for f in res.findings if f.rule_id == "read.digits_ambiguous"]
    assert [sorted(map(tuple, f.data["candidates"])) for f in amb] == [[(3, 0, 11), (30, 1, 1)]]


def test_glued_digits_too_few_for_the_row_are_not_read(registry) -> None:  # type: ignore[no-untyped-def]
    # blank cells vanished between glued digits: 300000 for a row of seven cells has lost its cuts
    text = (FIXTURES / "full-2023.txt").read_text("utf-8")
    row = "(二)部分公开(区分处理的，只计这一情形，不计其他情形)"
    text = _glued(text, f"\t{row}\t\t1\t0\t0\t0\t0\t0\t1", f"\t{row}300000")
    res = read_bytes(text.encode(), source="g.txt", registry=registry, reader="text")
    assert _row(res, "requests", "partially_disclosed") == [None] * 7
    (amb,) = [f for f in res.findings if f.rule_id == "read.digits_ambiguous"]
    assert amb.data["candidates"] == [] and amb.data["raw"] == ["300000"]


def test_a_number_with_a_leading_zero_is_cells_run_together(registry) -> None:  # type: ignore[no-untyped-def]
    # 表四 under its header lines, glued five digits a line: 10012 / 00000 / 00000 is no count of 10012
    # but fifteen cells run together; the header's glued labels are split, so the three lines are the
    # one-line table's numbers, and the only split its totals allow is taken
    text = (FIXTURES / "bs4-gettext-unseen01.txt").read_text("utf-8")
    assert "\n10012\n" in text and "\n00000\n" in text
    res = read_bytes(text.encode(), source="g.txt", registry=registry, reader="text")
    rows = [_row(res, "appeals", p) for p in res.report.resolved.table("appeals").row_paths]
    assert rows == [[1, 0, 0, 1, 2], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]
    assert any(f.rule_id == "read.digits_split" and "10012" in f.data["raw"] for f in res.findings)


def test_beautifulsoup_text_never_gives_a_wrong_value(registry) -> None:  # type: ignore[no-untyped-def]
    # ``BeautifulSoup(page).get_text()`` of unseen fixture 01 (cells glued, numbers split over spans
    # glued back): every cell read is the printed value; cells whose cuts are lost stay None
    res = read_path(FIXTURES / "bs4-gettext-unseen01.txt", registry=registry, reader="text")
    want = unseen_expected("01-trs-county-scjg-2022")
    got = res.report
    wrong = wrong_values(res.report, want)
    assert wrong == {}
    assert sum(v is not None for _ref, v in got.items()) >= 180


def test_a_header_label_glued_to_the_first_number(registry) -> None:  # type: ignore[no-untyped-def]
    # 表四's header and its numbers on one line, the last header label glued to the first number
    # (rows joined without a break): 总计1 is the label 总计 and the value 1, not a label (which
    # would move every number one cell to the left)
    numbers = "1 0 0 1 2 0 0 0 0 0 0 0 1 0 1"
    text = _glued(
        (FIXTURES / "full-2023.txt").read_text("utf-8"),
        f"总计\n{numbers}",
        "总计" + numbers.replace(" ", "\t"),
    )
    res = read_bytes(text.encode(), source="g.txt", registry=registry, reader="text")
    assert _row(res, "appeals", "review") == [1, 0, 0, 1, 2]
    assert _row(res, "appeals", "lawsuit_direct") == [0, 0, 0, 0, 0]
    assert _row(res, "appeals", "lawsuit_after_review") == [0, 0, 1, 0, 1]


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        # BeautifulSoup ``get_text("\n")``: one cell per line; 21 prints the vertical label
        # （四）无法提供 one character per line (its 无 is no placeholder) and 表四 under a header of
        # one cell per line; 44 prints 总计 as the first column
        ("bs4-lines-unseen21.txt", "21-vertical-labels-single-other-2021"),
        ("bs4-lines-unseen44.txt", "44-html-total-column-first-2022"),
        # ``w3m -dump``: tables drawn with box-drawing characters (``│总计│自然人├────┬``), headings
        # framed as cells of the one big table (26), the header's levels centred on other lines (44)
        ("w3m-dump-unseen44.txt", "44-html-total-column-first-2022"),
        ("w3m-dump-unseen26.txt", "26-one-big-table-2022"),
        # ``lynx -dump`` of a table whose 小计 column comes last: cells one space apart (``0  1 6``),
        # rows shorter than the header or with digits run together taken in the printed order
        ("lynx-dump-unseen11.txt", "11-legal-entity-subtotal-2023"),
    ],
)
def test_web_page_text_dumps_read_cell_for_cell(registry, name: str, stem: str) -> None:  # type: ignore[no-untyped-def]
    res = read_path(FIXTURES / name, registry=registry, reader="text")
    want = unseen_expected(stem)
    assert res.report.features == want.features
    assert differences(res.report, want) == {}


def test_lynx_dump_cells_between_blank_lines_are_no_page_numbers(registry) -> None:  # type: ignore[no-untyped-def]
    # ``lynx -dump`` of unseen fixture 01: each cell on its own line with a blank line around it; a
    # lone number under a short row label or next to another cell is a cell (before, 12 and 3 of
    # 一、本年新收 were dropped as page numbers and the row read 0, 0, …)
    res = read_path(FIXTURES / "lynx-dump-unseen01.txt", registry=registry, reader="text")
    want = unseen_expected("01-trs-county-scjg-2022")
    got = dict(res.report.items())
    assert wrong_values(res.report, want) == {}
    requests = [ref for ref in got if ref.table == "requests"]
    assert all(got[ref] == want[ref] for ref in requests)


def test_a_short_or_cut_label_is_matched_by_its_number() -> None:
    from govdisclosure.readers.normalize import LabelIndex

    index = LabelIndex(
        [
            ("other", ["3.其他"]),
            ("prohibited", ["2.其他法律行政法规禁止公开"]),
            ("secret", ["1.属于国家秘密"]),
            ("internal", ["5.属于三类内部事务信息"]),
        ]
    )
    match = index.match("3.其他")
    assert match is not None and match.owner == "other"
    assert index.match("2.其他") is None  # the start of 2.其他法律…, not 3.其他 renumbered
    other = index.match("其他")  # no number printed: the body decides
    assert other is not None and other.owner == "other"
    for printed, owner in (("2.其他", "prohibited"), ("1.属于", "secret"), ("5.属于", "internal")):
        cut = index.match_prefix(printed)
        assert cut is not None and cut.owner == owner
    assert index.match_prefix("7.属于") is None  # no label of that number begins so


def test_a_number_inside_a_wrapped_row_label_is_the_first_value(registry) -> None:  # type: ignore[no-untyped-def]
    # PDF text: the row's first number, centred between the two lines of its wrapped label, comes
    # inside the label (``1、本机关不掌握相关2政府信息  0  0  1  0  0  3``); no official label holds a number
    text = (FIXTURES / "full-2023.txt").read_text("utf-8")
    text = _glued(text, "1、本机关不掌握相关政府信息\t2\t0", "1、本机关不掌握相关2政府信息\t0")
    res = read_bytes(text.encode(), source="g.txt", registry=registry, reader="text")
    assert _row(res, "requests", "unable.not_held") == [2, 0, 0, 1, 0, 0, 3]


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        # wrapped row labels with the numbers inside them (``或重新出具已获取信72息  6 …``,
        # ``不计其1,102他情形）``) and pieces of the vertical group label glued in front
        # (``三、本年（一）予以公开``)
        ("libreoffice-unseen05.pdf", "05-city-2023-large"),
        # 表三 continued on the next page without its header: the blank positions of merged cells
        ("libreoffice-unseen26.pdf", "26-one-big-table-2022"),
    ],
)
def test_libreoffice_pdf_of_a_web_page_reads_cell_for_cell(registry, name: str, stem: str) -> None:  # type: ignore[no-untyped-def]
    res = read_path(FIXTURES / name, registry=registry)
    want = unseen_expected(stem)
    assert differences(res.report, want) == {}
    assert res.report.agency.name == unseen_meta(stem)["agency"]


def test_tables_printed_after_every_heading_are_still_read(registry) -> None:  # type: ignore[no-untyped-def]
    # trafilatura's text of unseen fixture 01: the prose with every section heading comes first, the
    # tables after section 六; rows are then anchored on their labels wherever they are (before: ReadError)
    res = read_path(FIXTURES / "trafilatura-unseen01.txt", registry=registry, reader="text")
    want = unseen_expected("01-trs-county-scjg-2022")
    got = dict(res.report.items())
    assert wrong_values(res.report, want) == {}
    assert all(v == want[ref] for ref, v in got.items() if ref.table == "requests")


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        # header cells glued with nothing between them (``商业企业科研机构社会公益组织法律服务机构其他小计``):
        # split into official labels, so the added 小计 column and its printed place are found
        ("bs4-gettext-unseen11.txt", "11-legal-entity-subtotal-2023"),
        # category 小计 rows glued to their group label (``（三）不予公开小计1000001``)
        ("bs4-gettext-unseen31.txt", "31-html-category-subtotal-rows-2024"),
    ],
)
def test_glued_headers_and_subtotal_rows_give_the_layout(registry, name: str, stem: str) -> None:  # type: ignore[no-untyped-def]
    res = read_path(FIXTURES / name, registry=registry, reader="text")
    want = unseen_expected(stem)
    assert res.report.features == want.features
    got = dict(res.report.items())
    assert wrong_values(res.report, want) == {}
    assert sum(v is not None for v in got.values()) >= 150
