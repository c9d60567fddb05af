"""The ``govdisclosure validate`` command: check report files and print the problem list.

Exit codes: 0 no error-severity finding, 1 at least one, 2 an input that cannot be read (or bad
usage).  The per-file work is :func:`govdisclosure.checks.validate_result`; this module only
parses options and prints.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import IO, Any

from ..cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CliContext, Command, load_input
from ..errors import GovDisclosureError
from ..findings import Finding, Severity
from ..layout import ResolvedLayout
from ..model import Report
from .claims import Claim
from .labels import table_title
from .report import ValidationReport
from .validate import validate_result

__all__ = ["VALIDATE_COMMAND", "format_claims", "format_text", "parse_waivers"]

_SEVERITY = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


def parse_waivers(items: Sequence[str]) -> dict[str, str]:
    """``["ID=REASON", ...]`` → ``{ID: REASON}``; raises ``ValueError`` naming a malformed item."""
    out: dict[str, str] = {}
    for item in items:
        rid, sep, reason = item.partition("=")
        if not sep or not rid.strip() or not reason.strip():
            raise ValueError(f"--waive expects ID=REASON, got {item!r}")
        out[rid.strip()] = reason.strip()
    return out


def _group(f: Finding, resolved: ResolvedLayout) -> tuple[int, str]:
    if not f.cells:
        return (-1, "")
    key = f.cells[0].table
    order = [t.spec.key for t in resolved.tables]
    return (order.index(key) if key in order else len(order), key)


def format_text(vr: ValidationReport, report: Report, lang: str = "zh") -> str:
    """The problem list of one report, grouped by table, each line with the cells and numbers."""
    names = _SEVERITY["en" if lang == "en" else "zh"]
    resolved = report.resolved
    counts = ", ".join(f"{vr.count(s)} {names[s]}" for s in Severity)
    head = f"{vr.input_name or '<report>'} — {vr.variant} · {vr.agency or ''} {vr.year or ''} · {counts}"
    lines = [head]
    groups: dict[tuple[int, str], list[Finding]] = {}
    for f in vr.findings:
        groups.setdefault(_group(f, resolved), []).append(f)
    for (_, table), findings in sorted(groups.items()):
        if table:
            spec = resolved.table(table).spec
            title = table_title(resolved, table)
            lines.append(f"  {title} {spec.label}" if title == spec.number_zh else f"  {title}")
        else:
            lines.append("  报告整体" if lang != "en" else "  whole report")
        for f in sorted(findings, key=lambda x: x.severity.rank):
            lines.append(f"    [{names[f.severity]}] {f.rule_id}: {f.message(lang)}")
    for rid, reason in sorted(vr.waived.items()):
        n = sum(1 for f in vr.waived_findings if f.rule_id == rid)
        lines.append(f"  已豁免 waived {rid} ({n}): {reason}")
    if not vr.findings:
        lines.append("  未发现问题" if lang != "en" else "  no problem found")
    lines += format_claims(vr.claims, report, lang)
    return "\n".join(lines)


_VERDICT = {
    "zh": {True: "一致", False: "不一致", None: "无法核对"},
    "en": {True: "agrees", False: "differs", None: "not assessable"},
}


def format_claims(claims: Sequence[Claim], report: Report, lang: str = "zh") -> list[str]:
    """The 正文数字核对 block: each number of the prose, what it was compared with, which reading agreed."""
    if not claims:
        return []
    en = lang == "en"
    verdict = _VERDICT["en" if en else "zh"]
    headings = {s.key: s.heading.split("、")[0] for s in report.layout.sections}
    lines = ["  numbers in the text" if en else "  正文数字核对"]
    for c in claims:
        where = c.section if en else headings.get(c.section, c.section)
        stated = f"{c.stated} ({c.percent}%)" if c.percent is not None else str(c.stated)
        if c.percent is not None and not en:
            stated = f"{c.stated}（{c.percent}%）"
        reading = c.reading
        if reading is not None:
            name = reading.name_en if en else reading.name_zh
            table = f"{name} {reading.value}"
        else:
            sep = ", or " if en else "，或 "
            table = sep.join(f"{x.name_en if en else x.name_zh} {_shown(x.value, en)}" for x in c.candidates)
        text = f'"{c.matched}"' if en else f"“{c.matched}”"
        if en:
            what = "base" if c.percent is not None else "table"
            lines.append(f"    [{verdict[c.agrees]}] {where} {text}: {stated} — {what}: {table}")
        else:
            what = "基数" if c.percent is not None else "表格"
            lines.append(f"    [{verdict[c.agrees]}] {where} {text}：{stated} — {what}：{table}")
    return lines


def _shown(v: object, en: bool) -> str:
    if v is None:
        return "not printed" if en else "未印"
    return str(v)


_EPILOG = (
    "文本输出在问题清单之后列出“正文数字核对”：正文第一、三、四部分所述的每个数字、与之核对的表格数值，"
    "以及是否一致（受理/收到…件 注明匹配的是本年新收还是本年新收 + 上年结转）；JSON 输出中为 claims。 "
    "After the problem list, the text output has a 'numbers in the text' block: each number stated in "
    "sections 一/三/四, the table values it was compared with and whether it agrees (for 受理/收到…件, "
    "which reading matched: new, or new + carried over); in JSON output, the claims."
)


def _configure(p: argparse.ArgumentParser) -> None:
    p.epilog = _EPILOG
    p.add_argument("inputs", nargs="+", metavar="FILE", help="报告文件 report files (any supported type)")
    p.add_argument(
        "--previous", metavar="FILE", help="同一机关上一年度的报告 the same agency's previous report"
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 output format")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言 message language")
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="ID_OR_TAG[,...]",
        help="只运行这些规则（ID、ID 前缀、标签或严重程度；可重复或用逗号分隔） run only these rules "
        "(rule ID, ID prefix, tag or severity; repeat or separate with commas)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="ID_OR_TAG[,...]",
        help="不运行这些规则 skip these rules (same names as --select)",
    )
    p.add_argument(
        "--waive",
        action="append",
        default=[],
        metavar="ID=REASON",
        help="豁免规则并注明理由（理由保留在结果中） waive a rule, with the reason kept in the output",
    )
    batch = _batch()
    if batch is not None:
        batch.add_batch_arguments(p)


def _batch() -> Any:
    """The batch-mode extension of ``validate`` (directories, ``--summary``, ``--jobs``), if installed."""
    try:
        from ..batch import commands
    except ImportError:
        return None
    return commands


def _names(values: list[str]) -> list[str]:
    """``["a,b", "c"]`` → ``["a", "b", "c"]``."""
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _emit(vrs: list[tuple[ValidationReport, Report]], args: argparse.Namespace, out: IO[str]) -> None:
    if args.format == "json":
        docs = [vr.to_dict() for vr, _ in vrs]
        payload = docs[0] if len(docs) == 1 else docs
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    for vr, report in vrs:
        out.write(format_text(vr, report, args.lang) + "\n")


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    args.select, args.ignore = _names(args.select), _names(args.ignore)
    batch = _batch()
    if batch is not None and batch.wants_batch(args):
        return int(batch.run_batch(args, ctx))
    try:
        waivers = parse_waivers(args.waive)
    except ValueError as exc:
        return ctx.error(str(exc))
    previous = None
    if args.previous:
        try:
            previous = load_input(args.previous, ctx).report
        except GovDisclosureError as exc:
            return ctx.error(str(exc))
    code = EXIT_OK
    done: list[tuple[ValidationReport, Report]] = []
    for path in args.inputs:
        try:
            result = load_input(path, ctx)
        except GovDisclosureError as exc:
            ctx.error(str(exc))
            code = EXIT_USAGE
            continue
        vr = validate_result(
            result,
            previous=previous,
            registry=ctx.registry,
            select=args.select,
            ignore=args.ignore,
            waivers=waivers,
            input_name=path,
        )
        done.append((vr, result.report))
        if vr.has_errors and code == EXIT_OK:
            code = EXIT_FINDINGS
    _emit(done, args, ctx.stdout)
    return code


VALIDATE_COMMAND = Command(
    name="validate",
    help="检查报告并列出问题 / check reports and list the problems",
    configure=_configure,
    run=_run,
)
