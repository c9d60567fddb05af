"""What of a page's text is the report's prose: page chrome and table-header text left out.

A report published on a government site is read with the site's page around it, and text pulled
out of a page (by a crawler, or by copying) keeps some of it.  Two kinds of text are not prose:

* **page chrome** — the content-management system's fields and buttons printed around the
  article: ``来源：… 时间：2024-01-30 11:44``, ``发布日期：``, ``索引号：``, ``【字体：大 中 小】``,
  ``微信 微博 QQ空间``, ``全真版 文字版 文件下载 相关链接：`` before the report, and ``附件下载``,
  ``扫一扫在手机上查看当前页面``, ``文字解读``, ``【打印本页】【关闭窗口】``, ``上一篇：…``, the site
  footer (``版权所有``, ``ICP备…``) after it.  The vocabulary is the one these systems share, not
  any one site's.  Only a run of such pieces at the very start of the preamble (fields, then
  buttons, then the title printed again) or at the very end of the last section is taken out,
  never a word inside the prose; what is taken out is kept in a ``read.page_chrome`` finding.
* **table-header residue** — in text whose table cells ran together, a table's header cells
  (``（本列数据的勾稽关系为：…）申请人情况自然人法人或其他组织``, ``总计商业企业科研机构…``) form
  lines of their own that no row label anchors.  A line of a table's section made only of that
  table's header labels (:func:`~.tables.header_labels`: caption, column labels and their aliases,
  row header, 勾稽 note; two different ones at least) is table text, not prose.
"""

from __future__ import annotations

import re
from functools import cache

from ..layout import Layout
from .normalize import label_key
from .tables import header_labels

__all__ = ["header_residue", "leading_chrome", "trailing_chrome"]

_FIELD = (
    r"(?:信息|文章)?来源|稿源|发布(?:时间|日期|机构|单位)|(?:更新|采集)时间|时间|日期|作者|(?:责任)?编辑|"
    r"浏览(?:次数|量)|阅读(?:次数|量)|点击(?:数|量|次数)|访问(?:量|次数)|字号|字体|发文机关|"
    r"所属机构|单位|标题|索引号|(?:发文)?文号|(?:主题|信息|体裁|组配)分类|(?:成文|公开|生成)日期|"
    r"公开(?:方式|范围)|有效性|分享到"
)
"""Field names a content-management system prints before an article (``来源：``, ``发布日期：``)."""
_DATE = (
    r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}(?:\s*日)?"
    r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:?\d{2}|Z)?)?"
)
_BUTTON = (
    r"微信|微博|QQ空间|QQ|分享到?|收藏|全真版|文字版|图文版|文件下载|附件下载|下载附件|打印本页|打印|"
    r"关闭本页|关闭窗口|关闭|返回顶部|返回|视力保护色|-->|<!--|大|中|小|扫一扫\S{0,20}|"
    r"(?:文字|图片|图解|视频|音频|动漫|H5|h5)解读|上一篇\S{0,80}|下一篇\S{0,80}|相关(?:链接|文件)[:：]?|"
    r"【[^】\n]{0,20}】|\[[^\]\n]{0,10}\]"
)
"""Buttons and links printed around an article, each a whole piece between blanks (or brackets)."""
_FIELD_VALUE = (
    rf"(?:[ \t\u3000]*(?:{_DATE}|https?://\S+)(?=\s|\Z)|[^\s:：]{{0,40}}?(?=\s|\Z|(?:{_FIELD})[:：]))"
)
"""A field's value: a date or an address (after blanks or not), else up to 40 characters right after the
colon (``来源： 某某`` is an empty field and prose: the text after a blank is never taken as a value)."""
_LEADING = re.compile(
    rf"\A(?:\s*(?:(?:{_FIELD})[ \t\u3000]*[:：]{_FIELD_VALUE}|(?:{_BUTTON})(?=\s|\Z|[【\[])))+\s*"
)
_TRAILING_PIECE = re.compile(rf"(?:\A|(?<=[\s】\]]))(?:{_BUTTON})\s*\Z")
_FOOTER = re.compile(
    r"版权所有|ICP备|网站标识码|公网安备|(?:主办|承办|协办)单位[:：]|技术支持[:：]|网站地图|联系我们"
)
"""A site footer line (taken out at the end only, as a whole line)."""
_FOOTER_LINE_MAX = 160


def leading_chrome(text: str, title: str | None = None) -> tuple[str, str]:
    """``(chrome, rest)``: the page chrome at the start of ``text`` (then ``title`` printed again,
    spaces aside), and the text after it.

    >>> leading_chrome("来源：某县人民政府时间：2024-01-30 11:44\\n全真版\\n文字版\\n根据《条例》……")
    ('来源：某县人民政府时间：2024-01-30 11:44\\n全真版\\n文字版', '根据《条例》……')
    >>> leading_chrome("根据来源：略")
    ('', '根据来源：略')
    """
    m = _LEADING.match(text)
    cut = m.end() if m else 0
    if title and cut:
        cut = _after_title(text, cut, title)
    return text[:cut].strip(), text[cut:]


def _after_title(text: str, start: int, title: str) -> int:
    """The end of ``title`` printed at ``start`` (blanks inside it allowed), else ``start``."""
    wanted = "".join(title.split())
    i, k = start, 0
    while i < len(text) and k < len(wanted):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch != wanted[k]:
            return start
        i += 1
        k += 1
    if k < len(wanted):
        return start
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def trailing_chrome(text: str) -> tuple[str, str]:
    """``(rest, chrome)``: ``text`` without the page chrome at its end, and that chrome.

    >>> trailing_chrome("无。\\n某县人民政府\\n2024年1月30日\\n附件下载\\n扫一扫在手机上查看当前页面")
    ('无。\\n某县人民政府\\n2024年1月30日', '附件下载\\n扫一扫在手机上查看当前页面')
    >>> trailing_chrome("本年度未收取信息处理费。")
    ('本年度未收取信息处理费。', '')
    """
    end = len(text.rstrip())
    while True:
        body = text[:end]
        line_start = body.rfind("\n") + 1
        line = body[line_start:]
        if line_start and len(line) <= _FOOTER_LINE_MAX and _FOOTER.search(line):
            end = len(body[:line_start].rstrip())
            continue
        m = _TRAILING_PIECE.search(body)
        if m is None or m.start() == 0:
            break
        end = len(body[: m.start()].rstrip())
    return text[:end], text[end:].strip()


@cache
def _header_keys(layout: Layout) -> dict[str, re.Pattern[str]]:
    """Section key → a pattern of the comparison keys of the header labels of its tables."""
    section_of = {spec.key: spec.section for spec in layout.tables}
    keys: dict[str, set[str]] = {}
    for table, texts in header_labels(layout):
        keys.setdefault(section_of[table], set()).update(filter(None, map(label_key, texts)))
    return {
        section: re.compile("|".join(map(re.escape, sorted(found, key=len, reverse=True))))
        for section, found in keys.items()
        if found
    }


_BRACKETS = re.compile(r"[()]+")


def header_residue(layout: Layout, section: str, line: str) -> bool:
    """Whether ``line`` of ``section`` is made only of its tables' header labels (two different
    ones at least) and blanks.

    >>> from govdisclosure import NATIONAL_2021
    >>> header_residue(NATIONAL_2021, "requests", "申请人情况自然人法人或其他组织")
    True
    >>> header_residue(NATIONAL_2021, "requests", "本年度共收到申请5件，其中自然人3件。")
    False
    """
    pattern = _header_keys(layout).get(section)
    key = label_key(line)
    if pattern is None or not key:
        return False
    # two different labels at least: a paragraph saying only "其他" may well be prose
    return len(set(pattern.findall(key))) >= 2 and not _BRACKETS.sub("", pattern.sub("", key))
