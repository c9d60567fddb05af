"""The title of a COMPLETE web page: the page's ``<title>`` (with the column and site names the site
appends) and the article's own title printed again below the site's header (``tests/data/real/20-…``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govdisclosure.readers.detect import _strip_site_suffix
from govdisclosure.reading import read_bytes, read_path

FULL_PAGE = Path(__file__).parent / "data" / "real" / "20-pingtan-jtj-fullpage-2023.html"


def _article_title() -> str:
    """The article title as the page states it (its ``ArticleTitle`` meta tag), not via the reader."""
    m = re.search(r'<meta name="ArticleTitle" content="([^"]+)"', FULL_PAGE.read_text("utf-8"))
    assert m is not None
    return m.group(1)


def test_full_page_title_is_the_article_title_without_site_suffix() -> None:
    report = read_path(FULL_PAGE).report
    assert report.title == _article_title()


def test_full_page_preamble_starts_after_the_site_header() -> None:
    preamble = read_path(FULL_PAGE).report.preamble
    # the header's search box and elder-mode links sit between the <title> and the article title
    assert "长者模式" not in preamble and "热门搜索" not in preamble
    assert "根据新修订的《中华人民共和国政府信息公开条例》" in preamble


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        (
            "某局2023年度政府信息公开工作年度报告_政府信息公开年报_某某网",
            "某局2023年度政府信息公开工作年度报告",
        ),
        (
            "某县政府信息公开工作年度报告（2022年度） - 某县人民政府",
            "某县政府信息公开工作年度报告（2022年度）",
        ),
        ("某市2021年政府信息公开工作年度报告|某市人民政府", "某市2021年政府信息公开工作年度报告"),
        # no site suffix: unchanged, including a dash inside the title and a title ending in 报告
        ("某县2022年政府信息公开工作年度报告", "某县2022年政府信息公开工作年度报告"),
        ("某区2020年度政府信息公开年度报告（修订-版）", "某区2020年度政府信息公开年度报告（修订-版）"),
    ],
)
def test_site_suffix_is_cut_after_the_report_title(printed: str, title: str) -> None:
    assert _strip_site_suffix(printed) == title


@pytest.mark.parametrize("field", ["标题: ", "标题：", "文章标题：", "题名: "])
def test_a_field_name_before_the_title_is_no_part_of_it(field: str) -> None:
    # a crawler's metadata block above the body (the stored page.txt of the 平潭 reports starts so)
    body = (Path(__file__).parent / "data" / "real" / "07-pingtan-crawled-text-2024.txt").read_text("utf-8")
    title, rest = body.split("\n", 1)
    page = (
        f"{field}{title}\n发布时间: 2025-03-10 09:00\n文号: \n发布机构: 平潭综合实验区管委会办公室\n"
        f"栏目: 政府信息公开年报\n==================== 正文 ====================\n{rest}"
    )
    report = read_bytes(page.encode(), source="page.txt", reader="text").report
    assert (report.title, report.agency.name, report.year) == (title, "平潭综合实验区", 2024)


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告根据《中华人民共和国政府信息公开条例》编制",
        "根据《中华人民共和国政府信息公开条例》规定编制本报告。",
        "本年度报告依据《中华人民共和国政府信息公开条例》要求编制",
    ],
)
def test_a_sentence_naming_the_report_is_no_title(sentence: str) -> None:
    # text without its title (trafilatura and html2text drop a page's <title>): the first sentence
    # names the report and 政府信息公开, but the agency is not 本报告根据《中华人民共和国
    body = (Path(__file__).parent / "data" / "real" / "07-pingtan-crawled-text-2024.txt").read_text("utf-8")
    _title, rest = body.split("\n", 1)
    result = read_bytes(f"{sentence}\n{rest}".encode(), source="page.txt", reader="text")
    assert result.report.agency.name == ""
    assert "read.agency_not_found" in {f.rule_id for f in result.findings}


@pytest.mark.parametrize("cut", [3, 8, 11])
def test_a_title_wrapped_inside_its_tail_is_one_title(cut: int) -> None:
    # a centred title a PDF wraps inside 政府信息公开工作年度报告 (``…年政府信`` / ``息公开工作年度报告``),
    # above a sentence line that names the report and the agency too (``…现公布某局…报告。本报告…``)
    body = (Path(__file__).parent / "data" / "real" / "07-pingtan-crawled-text-2024.txt").read_text("utf-8")
    title, rest = body.split("\n", 1)
    tail = "政府信息公开工作年度报告"
    assert title.endswith(tail)
    at = len(title) - len(tail) + cut
    page = f"{title[:at]}\n{title[at:]}\n现公布{title}。本报告数据统计期限为2024年1月1日至12月31日\n{rest}"
    report = read_bytes(page.encode(), source="page.txt", reader="text").report
    assert (report.title, report.agency.name) == (title, "平潭综合实验区")
