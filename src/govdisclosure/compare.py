"""Year-over-year comparison of two reports: per-cell changes and per-section text reuse (重复率).

:func:`compare` aligns the old report onto the new one's grid (same keys and official labels; a
group printed as one cell is the sum of its parts in the other year), and gives for every cell the
absolute and relative change, flagged when both exceed the :class:`Thresholds`.  For each section
it measures how much of the new text was carried over from the old one: the share of sentences
found again and the share of characters inside long common passages.  Digits are folded before
comparing, so a paragraph copied with only its year or figures updated still counts as reused;
very high reuse is flagged as likely copy-paste.

:func:`comparison_text`, :func:`comparison_dict` and :func:`comparison_html` render the result.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from attrs import frozen

from .aggregate import Number, alignment
from .aggregate_check import describe_cell
from .cells import CellValue, is_number, numeric_sum
from .findings import Finding, Severity
from .layout import CellRef
from .model import Report

__all__ = [
    "CellChange",
    "Comparison",
    "SectionReuse",
    "Thresholds",
    "compare",
    "comparison_dict",
    "comparison_html",
    "comparison_text",
    "text_reuse",
]


@frozen(kw_only=True)
class Thresholds:
    """When a change or a reuse rate is worth a reviewer's attention."""

    relative: float = 0.5
    """A cell change is flagged when ``|new − old| / old`` reaches this (or ``old`` is 0) …"""
    absolute: int = 10
    """… and ``|new − old|`` reaches this (small counts swing a lot)."""
    copy_paste: float = 0.9
    """A section whose character reuse reaches this is flagged as likely copy-paste."""
    rewrite: float = 0.4
    """Below this character reuse a section counts as largely rewritten."""
    min_block: int = 8
    """The shortest common passage (characters) that counts as carried over."""


@frozen(kw_only=True)
class CellChange:
    """One cell in both years."""

    cell: CellRef
    label: str
    old: CellValue
    new: CellValue
    absolute: Number | None
    relative: float | None
    """``(new − old) / old``; ``None`` when old is 0 or either value is not a number."""
    flagged: bool


@frozen(kw_only=True)
class SectionReuse:
    """How much of one section's text was carried over from the previous year."""

    key: str
    heading: str
    sentences: int
    """Sentences in the new text."""
    sentences_reused: int
    sentence_share: float | None
    char_share: float | None
    """Share of the new text's characters inside passages also found in the old text."""
    level: str
    """``copy_paste``, ``normal``, ``rewrite`` or ``absent`` (no text in one of the years)."""


@frozen(kw_only=True, eq=False)
class Comparison:
    """Two reports of one unit compared."""

    old: Report
    new: Report
    cells: tuple[CellChange, ...]
    only_old: tuple[CellRef, ...]
    """Cells of the old report with no comparable cell in the new one."""
    only_new: tuple[CellRef, ...]
    sections: tuple[SectionReuse, ...]
    overall: SectionReuse
    thresholds: Thresholds
    findings: tuple[Finding, ...]

    def changes(self) -> Iterator[CellChange]:
        """The cells whose value changed."""
        return (c for c in self.cells if c.old != c.new)

    def flagged(self) -> Iterator[CellChange]:
        """The changes over the thresholds."""
        return (c for c in self.cells if c.flagged)


_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_NOISE = re.compile(r"[\s\u3000*#>_`]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _NOISE.sub("", text)
    return _DIGITS.sub("0", text)


def _sentences(text: str) -> list[str]:
    return [s for s in (_normalise(p) for p in _SENTENCE_END.split(text)) if len(s) >= 6]


def text_reuse(old: str, new: str, *, min_block: int = 8) -> tuple[int, int, float | None, float | None]:
    """``(sentences in new, of them found in old, sentence share, character share)``.

    Shares are ``None`` when the new text is empty.  Whitespace and markup are ignored and
    digits folded, so a copied paragraph with updated figures still counts as reused.
    """
    new_sents = _sentences(new)
    old_sents = set(_sentences(old))
    reused = sum(1 for s in new_sents if s in old_sents)
    a, b = _normalise(old), _normalise(new)
    if not b:
        return len(new_sents), reused, None, None
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    common = sum(m.size for m in matcher.get_matching_blocks() if m.size >= min_block)
    share = reused / len(new_sents) if new_sents else None
    return len(new_sents), reused, share, common / len(b)


def _reuse(key: str, heading: str, old: str, new: str, th: Thresholds) -> SectionReuse:
    n, reused, sshare, cshare = text_reuse(old, new, min_block=th.min_block)
    if cshare is None or not _normalise(old):
        level = "absent"
    elif cshare >= th.copy_paste:
        level = "copy_paste"
    elif cshare < th.rewrite:
        level = "rewrite"
    else:
        level = "normal"
    return SectionReuse(
        key=key,
        heading=heading,
        sentences=n,
        sentences_reused=reused,
        sentence_share=sshare,
        char_share=cshare,
        level=level,
    )


def _change(old: CellValue, new: CellValue, th: Thresholds) -> tuple[Number | None, float | None, bool]:
    if not isinstance(old, int | Decimal) or not isinstance(new, int | Decimal):
        return None, None, False
    absolute = new - old
    relative = float(absolute / old) if old else None
    magnitude = absolute if absolute >= 0 else -absolute
    big = magnitude >= th.absolute and (relative is None or abs(relative) >= th.relative)
    return absolute, relative, big


def compare(old: Report, new: Report, *, thresholds: Thresholds | None = None) -> Comparison:
    """Compare two reports of one unit (normally consecutive years); see the module docstring."""
    th = thresholds or Thresholds()
    target = new.resolved
    al = alignment(target, old.resolved)
    changes: list[CellChange] = []
    only_new: list[CellRef] = []
    for i, ref in enumerate(target.cells):
        srcs = al.sources[i]
        if not srcs:
            only_new.append(ref)
            continue
        vals = [old.cells[j] for j in srcs]
        ov: CellValue = vals[0]
        if len(vals) > 1:
            ov = numeric_sum(vals) if all(is_number(v) for v in vals) else None
        nv = new.cells[i]
        absolute, relative, flagged = _change(ov, nv, th)
        changes.append(
            CellChange(
                cell=ref,
                label=describe_cell(target, ref),
                old=ov,
                new=nv,
                absolute=absolute,
                relative=relative,
                flagged=flagged,
            )
        )
    sections = []
    for spec in new.layout.sections:
        old_text, new_text = old.section_text(spec.key), new.section_text(spec.key)
        if old_text or new_text:
            sections.append(_reuse(spec.key, spec.heading, old_text, new_text, th))
    all_old = "\n".join(s.text for s in old.sections) or old.preamble
    all_new = "\n".join(s.text for s in new.sections) or new.preamble
    overall = _reuse("*", "全文", all_old, all_new, th)
    findings = [
        Finding(
            rule_id="compare.large_change",
            severity=Severity.INFO,
            message_zh=f"{c.label}：由{c.old}变为{c.new}（{_pct(c.relative)}）",
            message_en=f"{c.cell}: {c.old} → {c.new} ({_pct(c.relative)})",
            cells=(c.cell,),
            values=(c.new,),
            expected=c.old if isinstance(c.old, int | Decimal) else None,
            actual=c.new if isinstance(c.new, int | Decimal) else None,
        )
        for c in changes
        if c.flagged
    ]
    findings += [
        Finding(
            rule_id="compare.copy_paste",
            severity=Severity.WARNING,
            message_zh=f"{s.heading}：与上年文字重复率{_pct(s.char_share)}，疑似照搬上年报告",
            message_en=f"section {s.key}: {_pct(s.char_share)} of the text carried over from last year; "
            "likely copy-paste",
            data={"section": s.key, "char_share": s.char_share, "sentence_share": s.sentence_share},
        )
        for s in sections
        if s.level == "copy_paste"
    ]
    return Comparison(
        old=old,
        new=new,
        cells=tuple(changes),
        only_old=al.left_out,
        only_new=tuple(only_new),
        sections=tuple(sections),
        overall=overall,
        thresholds=th,
        findings=tuple(findings),
    )


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:+.0%}" if x < 0 else f"{x:.0%}"


def _num(v: CellValue | Number | None) -> Any:
    if v is None or isinstance(v, int):
        return v
    return str(v)


def comparison_dict(comp: Comparison, *, all_cells: bool = False) -> dict[str, Any]:
    """A JSON-ready dict: the changed cells (or every cell), the sections' reuse, the findings."""

    def unit(r: Report) -> dict[str, Any]:
        return {"agency": r.agency.name, "year": r.year, "variant": r.variant}

    return {
        "old": unit(comp.old),
        "new": unit(comp.new),
        "thresholds": {
            "relative": comp.thresholds.relative,
            "absolute": comp.thresholds.absolute,
            "copy_paste": comp.thresholds.copy_paste,
            "rewrite": comp.thresholds.rewrite,
        },
        "cells": [
            {
                "cell": str(c.cell),
                "label": c.label,
                "old": _num(c.old),
                "new": _num(c.new),
                "absolute": _num(c.absolute),
                "relative": c.relative,
                "flagged": c.flagged,
            }
            for c in comp.cells
            if all_cells or c.old != c.new
        ],
        "only_old": [str(c) for c in comp.only_old],
        "only_new": [str(c) for c in comp.only_new],
        "sections": [_section_dict(s) for s in comp.sections],
        "overall": _section_dict(comp.overall),
        "findings": [
            {
                "rule_id": f.rule_id,
                "severity": str(f.severity),
                "message_zh": f.message_zh,
                "message_en": f.message_en,
            }
            for f in comp.findings
        ],
    }


def _section_dict(s: SectionReuse) -> dict[str, Any]:
    return {
        "key": s.key,
        "heading": s.heading,
        "sentences": s.sentences,
        "sentences_reused": s.sentences_reused,
        "sentence_share": s.sentence_share,
        "char_share": s.char_share,
        "level": s.level,
    }


_LEVEL_ZH = {"copy_paste": "疑似照搬", "normal": "正常", "rewrite": "大幅改写", "absent": "无可比文字"}


def comparison_text(comp: Comparison, *, lang: str = "zh") -> str:
    """A plain-text report: the flagged changes, then every other change, then the sections' reuse."""
    o, n = comp.old, comp.new
    lines = [
        f"{n.agency.name}：{o.year}年 → {n.year}年"
        if lang == "zh"
        else f"{n.agency.name}: {o.year} → {n.year}"
    ]
    changed = list(comp.changes())
    flagged = [c for c in changed if c.flagged]
    lines.append(
        f"变化的单元格 {len(changed)} 个，其中超过阈值 {len(flagged)} 个"
        if lang == "zh"
        else f"{len(changed)} cell(s) changed, {len(flagged)} over the thresholds"
    )
    for c in flagged + [c for c in changed if not c.flagged]:
        mark = "!" if c.flagged else " "
        name = c.label if lang == "zh" else str(c.cell)
        delta = "" if c.absolute is None else f"  {c.absolute:+}  {_pct(c.relative)}"
        lines.append(f" {mark} {name}: {c.old} → {c.new}{delta}")
    for title, refs in (
        ("仅上年有 only last year", comp.only_old),
        ("仅本年有 only this year", comp.only_new),
    ):
        if refs:
            lines.append(f"{title}: {len(refs)}")
    lines.append("文字重复率 text reuse:")
    for s in (*comp.sections, comp.overall):
        level = _LEVEL_ZH[s.level] if lang == "zh" else s.level
        lines.append(
            f"  {s.heading}: 句 {_pct(s.sentence_share)} 字 {_pct(s.char_share)}  {level}"
            if lang == "zh"
            else f"  {s.key}: sentences {_pct(s.sentence_share)} characters {_pct(s.char_share)}  {level}"
        )
    return "\n".join(lines) + "\n"


_STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}tr.flag td{background:#fde2e1}
tr.copy_paste td{background:#fff3cd}
caption{text-align:left;font-weight:bold;padding:.3em 0}"""


def comparison_html(comp: Comparison) -> str:
    """A self-contained HTML page of the comparison."""
    e = html.escape
    o, n = comp.old, comp.new
    rows = []
    for c in sorted(comp.changes(), key=lambda c: not c.flagged):
        delta = "" if c.absolute is None else f"{c.absolute:+}"
        rows.append(
            f'<tr class="{"flag" if c.flagged else ""}"><td>{e(c.label)}</td><td>{e(str(c.old))}</td>'
            f"<td>{e(str(c.new))}</td><td>{e(delta)}</td><td>{e(_pct(c.relative))}</td></tr>"
        )
    srows = [
        f'<tr class="{s.level}"><td>{e(s.heading)}</td><td>{s.sentences}</td>'
        f"<td>{_pct(s.sentence_share)}</td>"
        f"<td>{_pct(s.char_share)}</td><td>{e(_LEVEL_ZH[s.level])} {s.level}</td></tr>"
        for s in (*comp.sections, comp.overall)
    ]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(n.agency.name)} {o.year}–{n.year} 对比 comparison</title>"
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>{e(n.agency.name)}：{o.year}年 → {n.year}年</h1>"
        "<table><caption>单元格变化 changed cells</caption><tr><th>单元格 cell</th><th>上年 old</th>"
        "<th>本年 new</th><th>变化 change</th><th>变化率 relative</th></tr>"
        + "".join(rows)
        + "</table><table><caption>文字重复率 text reuse</caption>"
        "<tr><th>部分 section</th><th>句数 sentences</th>"
        "<th>句子重复 sentences reused</th><th>字符重复 characters reused</th><th>判断 level</th></tr>"
        + "".join(srows)
        + "</table></body></html>\n"
    )
