"""Section headings worded otherwise than the template and its aliases (``SectionSpec.keywords``).

A heading such as ``五、存在问题及改进情况`` carries the section's own numeral and says what the
section is about; it is accepted where that section must be (between the headings found around
it), never with another numeral, never as a sentence, never in another section's place.
The headings below are ways real reports word them, typed by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govdisclosure import Report
from govdisclosure.commands import example_text
from govdisclosure.plugins.registry import make_registry
from govdisclosure.reading import ReadResult, read_bytes
from govdisclosure.serialize import load_toml

REGISTRY = make_registry(entry_points=False)
REAL = Path(__file__).parent / "data" / "real"
EXAMPLE: Report = load_toml(example_text(), registry=REGISTRY)
KEYS = ["overview", "proactive", "requests", "appeals", "problems", "other"]


def _written() -> list[str]:
    data = REGISTRY.writer("text").write(EXAMPLE)
    assert isinstance(data, bytes)
    return data.decode("utf-8").splitlines()


def _read(lines: list[str]) -> ReadResult:
    return read_bytes("\n".join(lines).encode("utf-8"), source="r.txt", registry=REGISTRY, reader="text")


def _with_heading(key: str, printed: str) -> list[str]:
    lines = _written()
    official = EXAMPLE.section(key).heading
    at = lines.index(official)
    return [*lines[:at], printed, *lines[at + 1 :]]


@pytest.mark.parametrize(
    ("key", "printed"),
    [
        ("overview", "一、概述"),
        ("overview", "一、工作概况"),
        ("proactive", "二、主动公开情况"),
        ("requests", "三、依申请公开情况"),
        ("appeals", "四、行政复议和行政诉讼情况"),
        ("problems", "五、存在问题及改进情况"),
        ("problems", "五、工作中存在的不足及改进措施"),
        ("problems", "第五部分　存在的问题和不足"),
        ("other", "六、其它需报告的事项"),
    ],
)
def test_heading_worded_otherwise_is_found_and_nothing_moves(key: str, printed: str) -> None:
    result = _read(_with_heading(key, printed))
    report = result.report
    assert [s.key for s in report.sections] == KEYS
    assert report.section(key).heading == printed
    for want in EXAMPLE.sections:
        assert report.section(want.key).text == want.text, want.key
    assert report.cells == EXAMPLE.cells
    assert not [f for f in result.findings if f.rule_id == "read.section_not_found"]


@pytest.mark.parametrize(
    "printed",
    [
        "三、存在问题及改进情况",  # another section's numeral
        "（五）存在问题及改进情况",  # numbered like a sub-heading
        "五、存在的问题如下：",  # a lead-in, not a heading
        "五、本年度我乡在政府信息公开工作中仍存在一些问题和不足需要在今后加以改进",  # too long
    ],
)
def test_not_a_heading(printed: str) -> None:
    result = _read(_with_heading("problems", printed))
    report = result.report
    assert [s.key for s in report.sections] == [k for k in KEYS if k != "problems"]
    assert printed in report.section("appeals").text
    assert [f.data.get("section") for f in result.findings if f.rule_id == "read.section_not_found"] == [
        "problems"
    ]


def test_only_where_the_section_must_be() -> None:
    """A numbered line in 总体情况 that mentions 问题 is not section 五 when section 五 comes later."""
    lines = _with_heading("problems", "五、存在问题及改进情况")
    overview = lines.index(EXAMPLE.section("overview").heading)
    lines.insert(overview + 2, "五、抓好问题整改")
    report = _read(lines).report
    assert report.section("problems").heading == "五、存在问题及改进情况"
    assert "五、抓好问题整改" in report.section("overview").text


@pytest.mark.parametrize(
    "decoy",
    [
        "五、抓好问题整改",  # keywords and numeral of section 五
        "五、存在主要问题及改进情况将在第五部分说明。",  # a sentence starting with section 五's heading
    ],
)
def test_an_official_heading_wins_over_a_line_in_another_section(decoy: str) -> None:
    """With the heading printed, an earlier numbered line that looks like it is text, not the section."""
    lines = _written()
    overview = lines.index(EXAMPLE.section("overview").heading)
    lines.insert(overview + 2, decoy)
    report = _read(lines).report
    assert [s.key for s in report.sections] == KEYS
    assert report.section("problems").heading == EXAMPLE.section("problems").heading
    assert decoy in report.section("overview").text


@pytest.mark.parametrize(
    "printed",
    [
        "| 五、存在的主要问题及改进情况 |",
        "|五、存在的主要问题及改进情况",
        "｜五、存在问题及改进情况｜",
        "**五、存在问题及改进情况**",
    ],
)
def test_heading_framed_as_a_table_row_or_bold(printed: str) -> None:
    """OCR and Markdown converters print a heading as a one-cell table row or in bold."""
    result = _read(_with_heading("problems", printed))
    assert [s.key for s in result.report.sections] == KEYS
    assert result.report.section("problems").text == EXAMPLE.section("problems").text
    assert result.report.section("problems").heading == printed.strip("|｜* ")


def _run_in(key: str, joiner: str, heading: str | None = None) -> list[str]:
    """The written example with section ``key``'s first paragraph printed on its heading's line."""
    lines = _written()
    at = lines.index(EXAMPLE.section(key).heading)
    first = next(j for j in range(at + 1, len(lines)) if lines[j].strip())
    return [*lines[:at], (heading or lines[at]) + joiner + lines[first], *lines[first + 1 :]]


@pytest.mark.parametrize("key", ["overview", "problems", "other"])
@pytest.mark.parametrize("joiner", ["", "。", "：", ": ", " ", "\u3000"])
def test_run_in_heading_starts_its_section(key: str, joiner: str) -> None:
    """``六、其他需要报告的事项：本年度…`` — the heading, then the section's text on the same line."""
    result = _read(_run_in(key, joiner))
    report = result.report
    assert [s.key for s in report.sections] == KEYS
    assert report.section(key).heading == EXAMPLE.section(key).heading
    for want in EXAMPLE.sections:
        assert report.section(want.key).text == want.text, want.key
    assert report.cells == EXAMPLE.cells


def test_run_in_heading_numbered_as_a_part_keeps_its_printing() -> None:
    result = _read(_run_in("other", "：", heading="第六部分　其他需要报告的事项"))
    report = result.report
    assert [s.key for s in report.sections] == KEYS
    assert report.section("other").heading == "第六部分　其他需要报告的事项"
    assert report.section("other").text == EXAMPLE.section("other").text


def test_run_in_heading_of_a_table_section_keeps_the_table() -> None:
    lines = _written()
    at = lines.index(EXAMPLE.section("requests").heading)
    lines[at] += "：本年度共收到政府信息公开申请0件。"
    report = _read(lines).report
    assert [s.key for s in report.sections] == KEYS
    assert report.section("requests").text.startswith("本年度共收到政府信息公开申请0件。")
    assert report.cells == EXAMPLE.cells


def test_run_in_needs_the_sections_own_numeral() -> None:
    lines = _run_in("other", "。", heading="三、其他需要报告的事项")
    result = _read(lines)
    assert "other" not in [s.key for s in result.report.sections]
    assert "三、其他需要报告的事项。" in result.report.section("problems").text


@pytest.mark.parametrize(
    ("official", "printed"),
    [
        ("五、存在的主要问题及改进情况", "五、存在问题及改进情况"),
        ("六、其他需要报告的事项", "六、其它需报告的事项"),
        ("一、总体情况", "一、概述"),
    ],
)
def test_worded_otherwise_heading_in_a_flattened_report(official: str, printed: str) -> None:
    # a crawler's text with the whole report on one line (real fixture 07): a heading worded otherwise
    # is cut out of the line like an official one, so its section and the sections around it keep their text
    text = (REAL / "07-pingtan-crawled-text-2024.txt").read_text("utf-8")
    assert official in text
    base = read_bytes(text.encode(), source="a.txt", registry=REGISTRY, reader="text").report
    got = read_bytes(
        text.replace(official, printed).encode(), source="a.txt", registry=REGISTRY, reader="text"
    ).report
    assert [s.key for s in got.sections] == [s.key for s in base.sections]
    assert [s.text for s in got.sections] == [s.text for s in base.sections]
    assert printed in [s.heading for s in got.sections]
    assert dict(got.items()) == dict(base.items())


@pytest.mark.parametrize(("joint", "frame"), [("", ""), (" ", ""), (" ", "**")])
def test_paragraphs_joined_into_one_line_keep_their_sections(joint: str, frame: str) -> None:
    # BeautifulSoup ``get_text()`` of a page whose <p> follow each other without a line break: the
    # title, the preamble, section 一 and section 二's heading and text run into one line (the tables
    # still have their own lines); html2text frames headings in ``**``
    lines = _written()
    first_table = next(i for i, line in enumerate(lines) if "\t" in line)
    heading = next(s.heading for s in EXAMPLE.layout.sections if s.key == "proactive")
    assert heading in lines[:first_table]
    framed = [f"{frame}{x}{frame}" if x.startswith(("一、", "二、")) else x for x in lines[:first_table]]
    got = _read([joint.join(framed), *lines[first_table:]]).report
    base = _read(lines).report
    assert [s.key for s in got.sections] == [s.key for s in base.sections] == KEYS
    for mine, theirs in zip(got.sections, base.sections, strict=True):
        assert "".join(mine.text.split()).strip("*") == "".join(theirs.text.split())
    assert dict(got.items()) == dict(base.items())
