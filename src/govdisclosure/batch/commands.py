"""Built-in plugin: the ``aggregate``, ``compare``, ``series`` and ``coverage`` commands, and the
batch mode of ``validate`` (many files, ``--summary``, ``--jobs``, ``--expected-units``).

The ``validate`` command itself belongs to the checks; it calls :func:`add_batch_arguments` when
configuring its parser and hands over to :func:`run_batch` when :func:`wants_batch` says so.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CliContext, Command, load_input
from ..findings import Finding, Severity
from ..plugins import hookimpl
from .coverage import CoverageResult, ReportedUnit, coverage, read_expected_units
from .run import UnitResult, expand_inputs, validate_many
from .summary import SummaryBuilder, summary_json, write_summary

__all__ = ["Progress", "add_batch_arguments", "run_batch", "wants_batch"]


class Progress:
    """A one-line progress bar on a terminal; silent when the stream is not a terminal (a pipe, a file)."""

    def __init__(self, stream: IO[str], total: int, *, width: int = 30) -> None:
        isatty = getattr(stream, "isatty", None)
        self.enabled: bool = bool(isatty and isatty()) and total > 0
        self.stream: IO[str] = stream
        self.total: int = total
        self.width: int = width
        self.done: int = 0

    def step(self, label: str = "") -> None:
        """Count one more item done and redraw the bar (``label``: what was just done)."""
        if not self.enabled:
            return
        self.done += 1
        filled = self.width * self.done // self.total
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} {label[:40]:<40}"
        )
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar (a no-op when not on a terminal)."""
        if self.enabled:
            self.stream.write("\r" + " " * (self.width + 60) + "\r")
            self.stream.flush()


# -- validate, batch mode ---------------------------------------------------------------------------


def add_batch_arguments(p: argparse.ArgumentParser) -> None:
    """The batch options of ``validate`` (its inputs may then be directories and many files)."""
    g = p.add_argument_group("批量检查 batch review")
    g.add_argument("--summary", metavar="OUT", help="写出汇总表 write a summary (.csv, .json or .html)")
    g.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="并行进程数 worker processes (default: all cores)"
    )
    g.add_argument(
        "--expected-units", metavar="CSV", help="应报送单位清单 CSV of expected units (name[,region_code])"
    )
    g.add_argument(
        "--year", type=int, default=None, help="审查年度 the year under review (default: the most common)"
    )
    g.add_argument(
        "--reports-dir",
        metavar="DIR",
        help="标注报告目录 where to render each report with failed cells marked (HTML summary: "
        "default OUT's folder/reports)",
    )


def wants_batch(args: argparse.Namespace) -> bool:
    """Batch mode: a directory among the inputs, or any batch option (several plain files without
    one keep the per-file problem lists of ``validate``)."""
    inputs = list(getattr(args, "inputs", None) or getattr(args, "input", None) or [])
    return (
        any(Path(i).is_dir() for i in inputs)
        or bool(getattr(args, "summary", None))
        or getattr(args, "jobs", None) is not None
        or bool(getattr(args, "expected_units", None))
        or getattr(args, "year", None) is not None
        or bool(getattr(args, "reports_dir", None))
    )


def _reported(results: Iterable[UnitResult]) -> list[ReportedUnit]:
    return [
        ReportedUnit(name=r.unit, year=r.year, source=r.source, region_code=r.region_code)
        for r in results
        if r.readable
    ]


def run_batch(args: argparse.Namespace, ctx: CliContext, inputs: list[str] | None = None) -> int:
    """Validate many inputs; one line per unit on stdout, the summary file, exit 2/1/0."""
    names = (
        inputs
        if inputs is not None
        else list(getattr(args, "inputs", None) or getattr(args, "input", None) or [])
    )
    for name in names:
        if not Path(name).exists():
            return ctx.error(f"{name}: 文件不存在 no such file or directory")
    suffixes = {s for r in ctx.registry.readers.values() for s in r.suffixes}
    paths = [str(p) for p in expand_inputs(names, suffixes)]
    if not paths:
        return ctx.error("没有可检查的文件 no input file to check")
    expected = read_expected_units(args.expected_units) if getattr(args, "expected_units", None) else None
    summary_path = getattr(args, "summary", None)
    render_dir = getattr(args, "reports_dir", None)
    if render_dir is None and summary_path and Path(summary_path).suffix.lower() in (".html", ".htm"):
        render_dir = str(Path(summary_path).parent / "reports")
    lang = getattr(args, "lang", "zh")
    as_json = getattr(args, "format", "text") == "json"
    waivers: dict[str, str] = {}
    for item in getattr(args, "waive", None) or ():
        rid, sep, reason = item.partition("=")
        if not sep or not rid.strip() or not reason.strip():
            return ctx.error(f"--waive expects ID=REASON, got {item!r}")
        waivers[rid.strip()] = reason.strip()
    if getattr(args, "previous", None):
        ctx.warn(
            "批量检查不使用 --previous，请用 series 命令 --previous is ignored in batch mode; use `series`"
        )
    builder = SummaryBuilder()
    reported: list[ReportedUnit] = []
    progress = Progress(ctx.stderr, len(paths))
    no_plugins = bool(getattr(args, "no_plugins", False))
    results = validate_many(
        paths,
        jobs=args.jobs,
        year=args.year,
        registry=ctx.registry,
        entry_points=False if no_plugins else None,
        select=tuple(getattr(args, "select", None) or ()),
        ignore=tuple(getattr(args, "ignore", None) or ()),
        waivers=waivers,
        render_dir=render_dir,
    )
    try:
        for r in results:
            progress.step(Path(r.source).name)
            line = builder.add(r)
            reported.extend(_reported([r]))
            if not as_json:
                _print_unit(ctx.stdout, r, line.status, lang)
    finally:
        progress.close()
    cov: CoverageResult | None = (
        coverage(expected, reported, year=args.year) if expected is not None else None
    )
    summary = builder.build(cov)
    if as_json:
        ctx.stdout.write(summary_json(summary))
    elif cov is not None:
        _print_coverage(ctx.stdout, cov)
    if not as_json:
        print(
            f"共 {len(summary.units)} 个单位 units；有错误 with errors {summary.failing_units}；"
            f"无法读取 unreadable {summary.unreadable}",
            file=ctx.stdout,
        )
    if summary_path:
        try:
            write_summary(summary, summary_path)
        except (OSError, ValueError) as exc:
            return ctx.error(f"{summary_path}: {exc}")
    if summary.unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if summary.failing_units else EXIT_OK


def _print_unit(out: IO[str], r: UnitResult, status: str, lang: str) -> None:
    rules = ", ".join(
        f"{rid}×{n}" for rid, (sev, n) in sorted(r.by_rule().items()) if sev is not Severity.INFO
    )
    print(
        f"{status:<10} {r.unit} ({r.source}): {r.errors} error(s), {r.warnings} warning(s)"
        + (f" — {rules}" if rules else ""),
        file=out,
    )
    if not r.readable:
        print(f"           {r.findings[0].message(lang)}", file=out)


def _print_coverage(out: IO[str], cov: CoverageResult) -> None:
    print(
        f"报送情况 coverage {cov.year or ''}: 未报送 missing {len(cov.missing)}, "
        f"不在清单 unmatched {len(cov.unmatched)}",
        file=out,
    )
    for u in cov.missing:
        print(f"  未报送 missing: {u.name}", file=out)
    for r in cov.unmatched:
        print(f"  不在清单 unmatched: {r.name} ({r.source})", file=out)
    for r in cov.other_year:
        print(f"  其他年度 other year: {r.name} {r.year} ({r.source})", file=out)


# -- aggregate --------------------------------------------------------------------------------------


def _inputs(ctx: CliContext, names: Iterable[str]) -> list[str]:
    suffixes = {s for r in ctx.registry.readers.values() for s in r.suffixes}
    return [str(p) for p in expand_inputs(names, suffixes)]


def _print_findings(out: IO[str], findings: Iterable[Finding], lang: str) -> None:
    for f in findings:
        print(f"{f.severity}: [{f.rule_id}] {f.message(lang)}", file=out)


def _aggregate_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="各单位报告（文件或目录）component reports (files or folders)",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="汇总报告输出文件 output file (format from suffix)",
    )
    p.add_argument(
        "--printed", metavar="FILE", help="已印发的汇总报告，与各单位核对 a printed aggregate to check"
    )
    p.add_argument("--agency", help="汇总报告的单位名称 the aggregate's agency name")
    p.add_argument("--year", type=int, help="年度 year (default: the most common)")
    p.add_argument(
        "--breakdown", metavar="CSV", help="写出每个单元格的构成 write each cell's contributions (CSV)"
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _aggregate_run(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..aggregate import aggregate
    from ..aggregate_check import check_aggregate
    from ..writing import atomic_write, write_path

    paths = _inputs(ctx, args.inputs)
    if not paths:
        return ctx.error("没有输入文件 no input file")
    reports = [load_input(p, ctx).report for p in paths]
    names = [f"{r.agency.name}" for r in reports]
    printed = load_input(args.printed, ctx).report if args.printed else None
    layout = printed.layout if printed is not None else None
    features = printed.features if printed is not None else None
    result = aggregate(
        reports, layout=layout, features=features, agency=args.agency, year=args.year, names=names
    )
    write_path(result.report, args.output, registry=ctx.registry)
    _print_findings(ctx.stdout, result.findings, args.lang)
    print(
        f"已汇总 {len(reports)} 份报告 aggregated {len(reports)} report(s) → {args.output}", file=ctx.stdout
    )
    if args.breakdown:
        atomic_write(args.breakdown, _breakdown_csv(result, paths).encode("utf-8"))
    if printed is None:
        return EXIT_OK
    check = check_aggregate(printed, reports, names=names)
    _print_findings(ctx.stdout, check.findings, args.lang)
    print(f"汇总核对：{len(check.gaps)} 处不一致 {len(check.gaps)} gap(s)", file=ctx.stdout)
    return EXIT_FINDINGS if check.gaps else EXIT_OK


def _breakdown_csv(result: Any, sources: list[str]) -> str:
    from ..aggregate_check import describe_cell

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["cell", "label", "total", "complete", "unit", "source", "value"])
    resolved = result.report.resolved
    for ref, total, complete, contributions in result.breakdown():
        label = describe_cell(resolved, ref)
        for c in contributions:
            v = c.value
            w.writerow(
                [
                    str(ref),
                    label,
                    total,
                    int(complete),
                    c.component.name,
                    sources[c.component.index],
                    "" if v is None else str(v),
                ]
            )
    return out.getvalue()


# -- compare ----------------------------------------------------------------------------------------


def _compare_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help="上年报告 last year's report")
    p.add_argument("new", metavar="NEW", help="本年报告 this year's report")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件 output file (default: standard output)")
    p.add_argument(
        "--relative", type=float, default=0.5, help="变化率阈值 relative-change threshold (0.5 = 50%%)"
    )
    p.add_argument("--absolute", type=int, default=10, help="变化量阈值 absolute-change threshold")
    p.add_argument(
        "--copy-paste", type=float, default=0.9, help="疑似照搬的重复率 reuse flagged as copy-paste"
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _compare_run(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..compare import Thresholds, compare, comparison_dict, comparison_html, comparison_text
    from ..writing import atomic_write

    old = load_input(args.old, ctx).report
    new = load_input(args.new, ctx).report
    comp = compare(
        old,
        new,
        thresholds=Thresholds(relative=args.relative, absolute=args.absolute, copy_paste=args.copy_paste),
    )
    if args.format == "json":
        text = json.dumps(comparison_dict(comp), ensure_ascii=False, indent=1) + "\n"
    elif args.format == "html":
        text = comparison_html(comp)
    else:
        text = comparison_text(comp, lang=args.lang)
    if args.output:
        atomic_write(args.output, text.encode("utf-8"))
    else:
        ctx.stdout.write(text)
    return EXIT_OK


# -- series -----------------------------------------------------------------------------------------


def _series_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="同一单位各年度报告 one unit's reports, any order"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _series_run(args: argparse.Namespace, ctx: CliContext) -> int:
    from ..series import validate_series

    paths = _inputs(ctx, args.inputs)
    results = [load_input(p, ctx) for p in paths]
    steps = validate_series(
        [r.report for r in results], sources=[r.source for r in results], registry=ctx.registry
    )
    errors = False
    out: list[dict[str, Any]] = []
    for step in steps:
        findings = (*step.findings, *step.validation.findings)
        errors = errors or any(f.severity is Severity.ERROR for f in findings)
        cross_ids = _cross_year_rules(ctx, step.report.layout)
        cross = [f for f in findings if f.rule_id.startswith("series.") or f.rule_id in cross_ids]
        if args.format == "json":
            out.append(
                {
                    "year": step.year,
                    "source": step.source,
                    "previous": step.previous.year if step.previous is not None else None,
                    "validation": step.validation.to_dict(),
                    "series": [
                        {
                            "rule_id": f.rule_id,
                            "severity": str(f.severity),
                            "message_zh": f.message_zh,
                            "message_en": f.message_en,
                        }
                        for f in step.findings
                    ],
                }
            )
            continue
        prev = f"← {step.previous.year}" if step.previous is not None else "（无上年 no previous year）"
        n_err = sum(1 for f in findings if f.severity is Severity.ERROR)
        n_warn = sum(1 for f in findings if f.severity is Severity.WARNING)
        print(f"{step.year} {prev} {step.source}: {n_err} error(s), {n_warn} warning(s)", file=ctx.stdout)
        _print_findings(ctx.stdout, cross, args.lang)
    if args.format == "json":
        ctx.stdout.write(json.dumps(out, ensure_ascii=False, indent=1, default=str) + "\n")
    return EXIT_FINDINGS if errors else EXIT_OK


def _cross_year_rules(ctx: CliContext, layout: Any) -> set[str]:
    """IDs of the rules tagged ``cross-year`` (or named so) for this layout."""
    return {
        str(r.id)
        for r in ctx.registry.rules(layout)
        if "cross-year" in getattr(r, "tags", ()) or "cross_year" in str(r.id) or "cross-year" in str(r.id)
    }


# -- coverage ---------------------------------------------------------------------------------------


def _coverage_configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="已收到的报告（文件或目录） reports received")
    p.add_argument("--expected", required=True, metavar="CSV", help="应报送单位清单 CSV of expected units")
    p.add_argument("--year", type=int, help="审查年度 year under review (default: the most common)")
    p.add_argument("--format", choices=("text", "json"), default="text")


def _read_units(ctx: CliContext, paths: list[str]) -> Iterator[ReportedUnit | str]:
    from ..errors import GovDisclosureError

    for p in paths:
        try:
            r = load_input(p, ctx).report
        except GovDisclosureError as exc:
            yield str(exc)
            continue
        yield ReportedUnit(name=r.agency.name, year=r.year, source=p, region_code=r.agency.region_code)


def _coverage_run(args: argparse.Namespace, ctx: CliContext) -> int:
    from .summary import _coverage_dict

    expected = read_expected_units(args.expected)
    units: list[ReportedUnit] = []
    for item in _read_units(ctx, _inputs(ctx, args.inputs)):
        if isinstance(item, str):
            ctx.warn(f"{item} — 已跳过 skipped")
        else:
            units.append(item)
    cov = coverage(expected, units, year=args.year)
    if args.format == "json":
        ctx.stdout.write(json.dumps(_coverage_dict(cov), ensure_ascii=False, indent=1) + "\n")
    else:
        _print_coverage(ctx.stdout, cov)
    return EXIT_OK if cov.complete else EXIT_FINDINGS


@hookimpl
def gd_register_commands(register: Callable[[Any], None]) -> None:
    """Register the batch subcommands (``aggregate``, ``compare``, ``coverage``, ``series``)."""
    register(
        Command(
            name="aggregate",
            help="汇总多份报告 / add up many reports into one (汇总)",
            configure=_aggregate_configure,
            run=_aggregate_run,
        )
    )
    register(
        Command(
            name="compare",
            help="两年度报告对比 / compare two years' reports",
            configure=_compare_configure,
            run=_compare_run,
        )
    )
    register(
        Command(
            name="series",
            help="同一单位多年度连续检查 / validate one unit's reports as a chain",
            configure=_series_configure,
            run=_series_run,
        )
    )
    register(
        Command(
            name="coverage",
            help="报送情况 / which expected units have not reported",
            configure=_coverage_configure,
            run=_coverage_run,
        )
    )
