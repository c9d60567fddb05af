"""Page chrome and table-header text are left out of the prose (``readers/prose.py``), nothing else is.

Expected texts are copied by hand from the fixtures (``tests/data/real``, ``tests/data/corpus``) and from
the chrome that content-management systems of government sites print; never from the reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclosure import NATIONAL_2019, NATIONAL_2021
from govdisclosure.plugins.registry import default_registry
from govdisclosure.readers.prose import header_residue, leading_chrome, trailing_chrome
from govdisclosure.reading import read_bytes
from govdisclosure.testing import section_texts

DATA = Path(__file__).parent / "data"

# chrome printed before an article, as sites print it (one piece per entry)
LEADING = [
    "来源：某某县人民政府办公室",
    "来源：",
    "时间：2024-01-30 11:44",
    "发布时间：2023-02-20 15:07:31",
    "发布日期：2020年1月31日",
    "采集时间：2025-12-30T21:37:37+08:00",
    "信息来源：县发改局",
    "浏览次数：",
    "索引号：11320000014751061R/2024-00012",
    "【字体：大 中 小】",
    "字号：大 中 小",
    "微信 微博 QQ空间",
    "全真版 文字版 文件下载 相关链接：",
    "【打印本页】【关闭窗口】",
    "-->",
]
TRAILING = [
    "附件下载",
    "扫一扫在手机上查看当前页面",
    "文字解读 图片解读 H5解读",
    "【打印本页】 【关闭窗口】",
    "上一篇：关于2023年政府信息公开工作年度报告的说明",
    "下一篇：无",
    "主办单位：某某县人民政府办公室 网站标识码：3213220001",
    "版权所有：某某县人民政府 苏ICP备05000000号",
    "返回顶部",
]
SEP = st.sampled_from(["\n", " ", "\n\n", "\u3000"])


@settings(max_examples=200, deadline=None)
@given(section_texts(), st.lists(st.sampled_from(LEADING), min_size=1, max_size=5), SEP)
def test_leading_chrome_goes_and_the_prose_stays(prose, pieces, sep):
    chrome = sep.join(pieces)
    assert leading_chrome(chrome + sep + prose) == (chrome, prose)


@settings(max_examples=200, deadline=None)
@given(section_texts(), st.lists(st.sampled_from(TRAILING), min_size=1, max_size=5))
def test_trailing_chrome_goes_and_the_prose_stays(prose, pieces):
    chrome = "\n".join(pieces)
    assert trailing_chrome(prose + "\n" + chrome) == (prose, chrome)


@settings(max_examples=300, deadline=None)
@given(section_texts())
def test_prose_alone_is_never_cut(prose):
    assert leading_chrome(prose) == ("", prose)
    assert trailing_chrome(prose) == (prose, "")
    for layout in (NATIONAL_2021, NATIONAL_2019):
        for section in ("proactive", "requests", "appeals"):
            assert not any(header_residue(layout, section, line) for line in prose.split("\n"))


def test_chrome_words_inside_prose_stay():
    # a field name or a button word inside a sentence is prose
    text = "来源于群众的申请均已办结。本机关通过微信公众号发布信息，打印材料12份。"
    assert leading_chrome(text) == ("", text)
    assert trailing_chrome("本年度通过网站公开文件下载") == ("本年度通过网站公开文件下载", "")
    # a field whose value runs straight into the prose (no blank after it, over 40 characters) is not cut
    glued = "来源：" + "根据《中华人民共和国政府信息公开条例》" * 3
    assert leading_chrome(glued) == ("", glued)


def test_title_printed_again_after_the_chrome_goes_too():
    title = "某某局2020年度政府信息公开工作年度报告"
    text = "来源： 时间：2021-01-28 09:43 全真版 相关链接： 某某局2020年度 政府信息公开工作年度报告 根据"
    assert leading_chrome(text, title) == (
        "来源： 时间：2021-01-28 09:43 全真版 相关链接： 某某局2020年度 政府信息公开工作年度报告",
        "根据",
    )
    # without chrome before it, a sentence starting like the title is left alone
    assert leading_chrome(title + "根据《条例》", title) == ("", title + "根据《条例》")


def test_header_residue_by_hand():
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    for layout in (NATIONAL_2021, NATIONAL_2019):
        assert header_residue(layout, "requests", note + "申请人情况自然人法人或其他组织")
        assert header_residue(layout, "requests", "总计商业企业科研机构社会公益 组织 法律服务 机构 其他")
        assert header_residue(layout, "requests", "总计 商业 企业 科研 机构 社会公益组织 法律服务机构 其他")
        assert not header_residue(layout, "requests", "其他")  # one label alone may be prose
        assert not header_residue(layout, "requests", "自然人申请3件，法人或其他组织申请2件。")
        assert not header_residue(layout, "overview", "申请人情况自然人法人或其他组织")  # no table there
    assert header_residue(NATIONAL_2021, "proactive", "信息内容 本年制发件数 本年废止件数 现行有效件数")
    assert header_residue(NATIONAL_2019, "proactive", "信息内容 本年新制作数量 本年新公开数量 对外公开总数量")
    assert not header_residue(NATIONAL_2019, "proactive", "信息内容 本年制发件数 本年废止件数 现行有效件数")


def _read(path: Path):
    return read_bytes(path.read_bytes(), source=path.name, registry=default_registry())


CHROME_BEFORE = {  # the chrome each page prints before its preamble, as printed (blanks aside)
    "real/13-pingtan-czj-page-chrome-2020.txt": "来源：时间：2021-01-2809:43-->微信微博QQ空间"
    "全真版文字版文件下载相关链接：平潭综合实验区财政金融局2020年度政府信息公开工作年度报告",
    "real/19-pingtan-hzs-breadcrumb-title-2022.txt": "来源：时间：2023-01-0916:22-->微信微博QQ空间"
    "全真版文字版文件下载相关链接：",
    "real/20-pingtan-jtj-fullpage-2023.html": "来源：平潭综合实验区交通与建设局时间：2024-01-3011:44"
    "全真版文字版文件下载相关链接：",
    "real/03-pingtan-vertical-appeals-2022.html": "来源：平潭县人民政府时间：2023-02-2015:07",
    "real/01-shanghai-bgt-js-fragment-2019.html": "发布日期：2020-01-31",
}
CHROME_AFTER = {
    "real/13-pingtan-czj-page-chrome-2020.txt": "附件下载",
    "real/19-pingtan-hzs-breadcrumb-title-2022.txt": "附件下载",
    "real/20-pingtan-jtj-fullpage-2023.html": "附件下载扫一扫在手机上查看当前页面文字解读图片解读H5解读",
}


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", sorted(set(CHROME_BEFORE) | set(CHROME_AFTER)))
def test_real_pages_lose_their_chrome_into_a_finding(name):
    result = _read(DATA / name)
    (finding,) = [f for f in result.findings if f.rule_id == "read.page_chrome"]
    assert _squeeze(finding.data["before"]) == CHROME_BEFORE.get(name, "")
    assert _squeeze(finding.data["after"]) == CHROME_AFTER.get(name, "")
    report = result.report
    assert report.preamble.startswith(("根据", "本年度报告根据", "本报告根据"))
    assert not report.sections[-1].text.endswith(("附件下载", "解读", '0">'))


def test_a_complete_page_keeps_no_markup_scraps():
    # fixture 20's header holds ``ms-visible="list.length > 0"``: the ``>`` in quotes ends no tag
    report = _read(DATA / "real/20-pingtan-jtj-fullpage-2023.html").report
    assert all('">' not in s.text for s in report.sections)
    assert report.sections[-1].text.endswith("平潭综合实验区交通与建设局\n2024年1月30日")


def test_a_site_header_longer_than_the_head_is_no_preamble():
    # page 102: crawler fields, the site's header and breadcrumb (14 lines), then the article title
    report = _read(DATA / "corpus/102-shuyang-fagaiju-2023.html").report
    assert report.title == "沭阳县发展和改革局2023年政府信息公开年度报告"  # "-沭阳县发改局" is the site's
    assert report.preamble.startswith("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求")


@pytest.mark.parametrize(
    "name",
    [p.relative_to(DATA).as_posix() for p in sorted((DATA / "real").glob("*.txt"))],
)
def test_table_headers_run_together_are_no_prose(name):
    report = _read(DATA / name).report
    for section in report.sections:
        if section.key in ("proactive", "requests", "appeals"):
            assert "申请人情况" not in section.text and "勾稽关系" not in section.text
