"""The batch summary: per unit, errors and warnings by rule; per rule, how many units fail.

:class:`SummaryBuilder` folds :class:`~govdisclosure.batch.run.UnitResult` objects one at a time
(keeping only counts, not the findings), :meth:`SummaryBuilder.build` gives a
:class:`BatchSummary`, and :func:`summary_csv`, :func:`summary_json`, :func:`summary_html`
render it; :func:`write_summary` picks the format from the file suffix.  The HTML page is
self-contained: a reviewer can sort by any column (click its header) and filter by text or by
status, and each unit links to its rendered report with the failed cells marked.  The page
also takes its filter from the address: ``summary.html#status=error&q=淮安&sort=4&desc=1``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import frozen

from ..findings import Severity
from .coverage import CoverageResult
from .run import UnitResult

__all__ = [
    "BatchSummary",
    "RuleStat",
    "SummaryBuilder",
    "UnitSummary",
    "summarize",
    "summary_csv",
    "summary_html",
    "summary_json",
    "write_summary",
]


@frozen(kw_only=True)
class UnitSummary:
    """One unit's line in the summary."""

    index: int
    unit: str
    source: str
    year: int | None
    variant: str | None
    readable: bool
    errors: int
    warnings: int
    infos: int
    rules: tuple[tuple[str, str, int], ...]
    """(rule ID, severity, findings) for every rule with a finding."""
    rendered: str | None = None

    @property
    def status(self) -> str:
        """``unreadable``, ``error``, ``warning`` or ``ok``."""
        if not self.readable:
            return "unreadable"
        return "error" if self.errors else "warning" if self.warnings else "ok"


@frozen(kw_only=True)
class RuleStat:
    """One rule across the batch."""

    rule_id: str
    severity: str
    units: int
    """How many units have at least one finding of this rule."""
    findings: int


@frozen(kw_only=True)
class BatchSummary:
    """The whole batch."""

    units: tuple[UnitSummary, ...]
    rules: tuple[RuleStat, ...]
    coverage: CoverageResult | None = None

    @property
    def failing_units(self) -> int:
        """Units with at least one error-severity finding (unreadable ones included)."""
        return sum(1 for u in self.units if u.errors)

    @property
    def unreadable(self) -> int:
        """Units whose file could not be read."""
        return sum(1 for u in self.units if not u.readable)


class SummaryBuilder:
    """Fold unit results into a summary (keeps counts only, so memory stays small)."""

    def __init__(self) -> None:
        self.units: list[UnitSummary] = []
        self._rules: dict[str, list[Any]] = {}

    def add(self, result: UnitResult) -> UnitSummary:
        """Add one unit's result; returns its summary line."""
        by_rule = result.by_rule()
        line = UnitSummary(
            index=result.index,
            unit=result.unit,
            source=result.source,
            year=result.year,
            variant=result.variant,
            readable=result.readable,
            errors=result.errors,
            warnings=result.warnings,
            infos=result.count(Severity.INFO),
            rules=tuple((rid, str(sev), n) for rid, (sev, n) in sorted(by_rule.items())),
            rendered=result.rendered,
        )
        self.units.append(line)
        for rid, (sev, n) in by_rule.items():
            stat = self._rules.setdefault(rid, [sev, 0, 0])
            if sev.rank < stat[0].rank:
                stat[0] = sev
            stat[1] += 1
            stat[2] += n
        return line

    def build(self, coverage: CoverageResult | None = None) -> BatchSummary:
        """The summary so far (rules ordered by severity, then by how many units fail)."""
        rules = sorted(
            (
                RuleStat(rule_id=rid, severity=str(s[0]), units=s[1], findings=s[2])
                for rid, s in self._rules.items()
            ),
            key=lambda r: (Severity(r.severity).rank, -r.units, r.rule_id),
        )
        return BatchSummary(
            units=tuple(sorted(self.units, key=lambda u: u.index)), rules=tuple(rules), coverage=coverage
        )


def summarize(results: Iterable[UnitResult], coverage: CoverageResult | None = None) -> BatchSummary:
    """Summarize unit results in one go."""
    b = SummaryBuilder()
    for r in results:
        b.add(r)
    return b.build(coverage)


_UNIT_FIELDS = ("unit", "source", "year", "variant", "status", "errors", "warnings", "infos")


def summary_csv(summary: BatchSummary) -> str:
    """Per unit, one row: its counts and one column per rule (findings of that rule).

    The last row, ``units failing``, gives per rule how many units have a finding of it.
    """
    rule_ids = [r.rule_id for r in summary.rules]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([*_UNIT_FIELDS, *rule_ids])
    for u in summary.units:
        counts = {rid: n for rid, _, n in u.rules}
        w.writerow(
            [
                u.unit,
                u.source,
                u.year if u.year is not None else "",
                u.variant or "",
                u.status,
                u.errors,
                u.warnings,
                u.infos,
                *(counts.get(rid, "") for rid in rule_ids),
            ]
        )
    w.writerow(
        [
            "单位数 units failing",
            "",
            "",
            "",
            "",
            summary.failing_units,
            "",
            "",
            *(r.units for r in summary.rules),
        ]
    )
    return out.getvalue()


def _coverage_dict(cov: CoverageResult) -> dict[str, Any]:
    return {
        "year": cov.year,
        "missing": [{"name": u.name, "region_code": u.region_code} for u in cov.missing],
        "unmatched": [{"name": r.name, "source": r.source, "year": r.year} for r in cov.unmatched],
        "other_year": [{"name": r.name, "source": r.source, "year": r.year} for r in cov.other_year],
        "matched": [{"name": u.name, "sources": [r.source for r in rs]} for u, rs in cov.matched],
    }


def summary_dict(summary: BatchSummary) -> dict[str, Any]:
    """The summary as a JSON-ready dict."""
    return {
        "units": [
            {
                "unit": u.unit,
                "source": u.source,
                "year": u.year,
                "variant": u.variant,
                "status": u.status,
                "errors": u.errors,
                "warnings": u.warnings,
                "infos": u.infos,
                "rendered": u.rendered,
                "rules": [{"rule_id": rid, "severity": sev, "findings": n} for rid, sev, n in u.rules],
            }
            for u in summary.units
        ],
        "rules": [
            {"rule_id": r.rule_id, "severity": r.severity, "units": r.units, "findings": r.findings}
            for r in summary.rules
        ],
        "totals": {
            "units": len(summary.units),
            "failing": summary.failing_units,
            "unreadable": summary.unreadable,
        },
        "coverage": _coverage_dict(summary.coverage) if summary.coverage else None,
    }


def summary_json(summary: BatchSummary) -> str:
    """The summary as JSON text."""
    return json.dumps(summary_dict(summary), ensure_ascii=False, indent=1) + "\n"


_ORDER = ("unreadable", "error", "warning", "ok")
_STATUS_ZH = {"unreadable": "无法读取", "error": "有错误", "warning": "有警告", "ok": "通过"}

_CSS = """body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;
margin:1.2em;color:#222}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}table{border-collapse:collapse;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .5em}th{background:#eef;cursor:pointer;user-select:none}
th.asc:after{content:" ▲"}th.desc:after{content:" ▼"}td.n{text-align:right}
tr.unreadable td{background:#f4d4d4}tr.error td{background:#fde9e7}tr.warning td{background:#fff6dc}
.bar{margin:.6em 0}.bar input{padding:.2em;width:20em}code{font-size:.9em}"""

_JS = """function sortBy(th){var t=th.closest('table'),i=[].indexOf.call(th.parentNode.children,th),
b=t.tBodies[0],rs=[].slice.call(b.rows),d=th.classList.contains('asc')?-1:1;
[].forEach.call(th.parentNode.children,function(h){h.classList.remove('asc','desc')});
th.classList.add(d>0?'asc':'desc');rs.sort(function(x,y){var a=x.cells[i].dataset.v||x.cells[i].textContent,
c=y.cells[i].dataset.v||y.cells[i].textContent,na=parseFloat(a),nc=parseFloat(c);
if(!isNaN(na)&&!isNaN(nc))return d*(na-nc);return d*a.localeCompare(c,'zh')});
rs.forEach(function(r){b.appendChild(r)})}
function filt(){var q=document.getElementById('q').value.toLowerCase(),s=document.getElementById('s').value;
[].forEach.call(document.querySelectorAll('#units tbody tr'),function(r){
var ok=(!q||r.textContent.toLowerCase()
.indexOf(q)>=0)&&(!s||r.className===s);r.style.display=ok?'':'none'})}
document.querySelectorAll('th').forEach(function(th){th.addEventListener('click',function(){sortBy(th)})});
(function(){var h=new URLSearchParams(location.hash.slice(1));
if(h.get('q'))document.getElementById('q').value=h.get('q');
if(h.get('status'))document.getElementById('s').value=h.get('status');filt();var c=h.get('sort');
if(c!==null){var th=document.querySelectorAll('#units th')[+c];
if(th){sortBy(th);if(h.get('desc'))sortBy(th)}}})();"""


def summary_html(summary: BatchSummary, *, base: str | Path | None = None, title: str = "") -> str:
    """A self-contained HTML page; links to rendered reports are made relative to ``base``."""
    e = html.escape

    def link(u: UnitSummary) -> str:
        if not u.rendered:
            return e(u.unit)
        target = os.path.relpath(u.rendered, base) if base is not None else u.rendered
        return f'<a href="{e(Path(target).as_posix())}">{e(u.unit)}</a>'

    urows = []
    for u in summary.units:
        rules = "<br>".join(f"<code>{e(rid)}</code>×{n}" for rid, sev, n in u.rules if sev != "info")
        urows.append(
            f'<tr class="{u.status}"><td>{link(u)}</td><td>{e(Path(u.source).name)}</td>'
            f'<td class="n">{u.year if u.year is not None else ""}</td>'
            f'<td data-v="{_ORDER.index(u.status)}">{_STATUS_ZH[u.status]} {u.status}</td>'
            f'<td class="n">{u.errors}</td><td class="n">{u.warnings}</td><td>{rules}</td></tr>'
        )
    rrows = [
        f'<tr><td><code>{e(r.rule_id)}</code></td><td>{e(r.severity)}</td><td class="n">{r.units}</td>'
        f'<td class="n">{r.findings}</td></tr>'
        for r in summary.rules
    ]
    cov = ""
    if summary.coverage is not None:
        c = summary.coverage
        miss = "".join(
            f"<li>{e(u.name)}{' ' + e(u.region_code) if u.region_code else ''}</li>" for u in c.missing
        )
        unm = "".join(f"<li>{e(r.name)} <small>{e(r.source)}</small></li>" for r in c.unmatched)
        cov = (
            f"<h2>报送情况 coverage（{c.year or ''}）</h2><p>未报送 no report: {len(c.missing)}；"
            f'不在清单 not on the list: {len(c.unmatched)}</p><h3>未报送</h3><ul id="missing">{miss}</ul>'
            f'<h3>不在清单</h3><ul id="unmatched">{unm}</ul>'
        )
    heading = title or "政府信息公开工作年度报告 批量检查汇总 batch review summary"
    n = len(summary.units)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(heading)}</title><style>{_CSS}</style></head><body><h1>{e(heading)}</h1>"
        f"<p>单位 units: {n}；有错误 with errors: {summary.failing_units}；"
        f"无法读取 unreadable: {summary.unreadable}</p>"
        '<div class="bar"><input id="q" placeholder="筛选 filter…" oninput="filt()"> '
        '<select id="s" onchange="filt()"><option value="">全部 all</option>'
        + "".join(f'<option value="{k}">{v} {k}</option>' for k, v in _STATUS_ZH.items())
        + '</select></div><table id="units"><thead><tr><th>单位 unit</th><th>文件 file</th><th>年度 year</th>'
        "<th>状态 status</th><th>错误 errors</th><th>警告 warnings</th><th>规则 rules</th>"
        "</tr></thead><tbody>"
        + "".join(urows)
        + '</tbody></table><h2>按规则 by rule</h2><table id="rules"><thead><tr><th>规则 rule</th>'
        "<th>级别 severity</th><th>单位数 units</th><th>问题数 findings</th></tr></thead><tbody>"
        + "".join(rrows)
        + f"</tbody></table>{cov}<script>{_JS}</script></body></html>\n"
    )


def write_summary(summary: BatchSummary, path: str | Path) -> None:
    """Write the summary as CSV, JSON or HTML according to the suffix of ``path`` (atomically)."""
    from ..writing import atomic_write

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        text = summary_csv(summary)
    elif suffix == ".json":
        text = summary_json(summary)
    elif suffix in (".html", ".htm"):
        text = summary_html(summary, base=p.parent)
    else:
        raise ValueError(f"summary format must be .csv, .json or .html, got {p.name!r}")
    atomic_write(p, text.encode("utf-8"))
