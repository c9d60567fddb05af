"""Validate many report files at once, on every core, never stopping at a bad file.

:func:`validate_many` is a generator of :class:`UnitResult`, one per input, in input order.  An
input that cannot be read (garbage, an empty file, an unsupported type, a reader failure) becomes
a ``batch.unreadable`` finding for that unit; a report of another year than the one reviewed
gets ``batch.wrong_year``.  With ``jobs > 1`` the files are read and checked in worker processes
(each builds its own plugin registry); at most a few chunks per worker are in flight, so memory
does not grow with the number of files.  Nothing is printed: the CLI adds the progress bar.
"""

from __future__ import annotations

import os
import re
import time
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from attrs import frozen

from ..errors import GovDisclosureError
from ..findings import Finding, FindingStatus, Severity
from ..layout import CellRef

__all__ = ["UnitResult", "check_file", "expand_inputs", "failed_cells", "validate_many"]


@frozen(kw_only=True)
class UnitResult:
    """The outcome for one input file."""

    index: int
    source: str
    unit: str
    """The agency's name, or the file name when the file could not be read."""
    year: int | None
    variant: str | None
    reader: str | None
    readable: bool
    findings: tuple[Finding, ...]
    region_code: str | None = None
    rendered: str | None = None
    """The rendered report with failed cells marked (a path), when asked for."""
    seconds: float = 0.0

    def count(self, severity: Severity) -> int:
        """How many findings of this severity."""
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        """How many error-severity findings."""
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many warnings."""
        return self.count(Severity.WARNING)

    def by_rule(self) -> dict[str, tuple[Severity, int]]:
        """Rule ID → (its most severe severity, number of findings)."""
        out: dict[str, tuple[Severity, int]] = {}
        for f in self.findings:
            sev, n = out.get(f.rule_id, (f.severity, 0))
            if f.severity.rank < sev.rank:
                sev = f.severity
            out[f.rule_id] = (sev, n + 1)
        return out


def expand_inputs(inputs: Iterable[str | Path], suffixes: Collection[str]) -> Iterator[Path]:
    """Files named in ``inputs``; a directory stands for its files (recursively, sorted) whose
    suffix is one a reader takes.  Hidden files and directories are skipped."""
    wanted = {s.lower() for s in suffixes}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if (
                    f.is_file()
                    and not any(part.startswith(".") for part in rel)
                    and f.suffix.lower() in wanted
                ):
                    yield f
        else:
            yield p


def _unreadable(source: str, message: str) -> Finding:
    return Finding(
        rule_id="batch.unreadable",
        severity=Severity.ERROR,
        message_zh=f"无法读取该文件，未能检查：{message}",
        message_en=f"the file could not be read and was not checked: {message}",
        data={"source": source},
    )


def failed_cells(report: Any, findings: Iterable[Finding]) -> Iterator[tuple[CellRef, str]]:
    """The cells to mark for the errors and warnings: the located cell when the checks pinned the
    failure to one cell, else every cell of the finding; with the finding's Chinese message."""
    for f in findings:
        if f.severity is Severity.INFO or f.status is not FindingStatus.FAIL:
            continue
        located = f.data.get("located_cell") if isinstance(f.data, Mapping) else None
        refs: Iterable[CellRef] = f.cells
        if isinstance(located, str):
            try:
                refs = (CellRef.parse(located, report.layout),)
            except KeyError:
                refs = f.cells
        elif isinstance(located, CellRef):
            refs = (located,)
        for ref in refs:
            yield ref, f.message_zh


_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


def _render(
    report: Any, findings: Iterable[Finding], registry: Any, render_dir: Path, index: int, source: str
) -> str:
    from ..writing import atomic_write, render

    marks: dict[CellRef, str] = {}
    for ref, message in failed_cells(report, findings):
        marks[ref] = f"{marks[ref]}；{message}" if ref in marks else message
    name = f"{index:05d}-{_UNSAFE.sub('_', Path(source).stem)[:60]}.html"
    render_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(render_dir / name, render(report, "html", registry=registry, marks=marks))
    return str(render_dir / name)


def check_file(
    path: str | Path,
    *,
    index: int = 0,
    registry: Any = None,
    year: int | None = None,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    waivers: Mapping[str, str] | None = None,
    render_dir: str | Path | None = None,
) -> UnitResult:
    """Read and validate one file; never raises on a bad file (it becomes a finding)."""
    from ..checks.validate import validate_result
    from ..reading import read_path

    if registry is None:
        from ..plugins.registry import default_registry

        registry = default_registry()
    start = time.perf_counter()
    source = str(path)
    try:
        result = read_path(path, registry=registry)
    except Exception as exc:  # an unreadable file, or a reader bug, must not stop the batch
        why = (
            str(exc)
            if isinstance(exc, GovDisclosureError)
            else f"读取器内部错误 reader failure: {type(exc).__name__}: {exc}"
        )
        return UnitResult(
            index=index,
            source=source,
            unit=Path(source).name,
            year=None,
            variant=None,
            reader=None,
            readable=False,
            findings=(_unreadable(source, why),),
            seconds=time.perf_counter() - start,
        )
    report = result.report
    findings: list[Finding] = []
    try:
        findings.extend(
            validate_result(
                result, registry=registry, select=select, ignore=ignore, waivers=waivers, input_name=source
            ).findings
        )
    except Exception as exc:  # a rule bug must not stop the batch either
        findings.append(
            Finding(
                rule_id="batch.check_failed",
                severity=Severity.ERROR,
                message_zh=f"检查过程出错，结果不完整：{type(exc).__name__}: {exc}",
                message_en=f"the checks failed on this file; results are incomplete: "
                f"{type(exc).__name__}: {exc}",
            )
        )
    if year is not None and report.year != year:
        findings.insert(
            0,
            Finding(
                rule_id="batch.wrong_year",
                severity=Severity.ERROR,
                message_zh=f"报告年度为{report.year}年，不是本次审查的{year}年",
                message_en=f"the report is for {report.year}, not for {year} under review",
                data={"year": report.year, "expected": year},
            ),
        )
    rendered = None
    if render_dir is not None and "html" in registry.writers:
        try:
            rendered = _render(report, findings, registry, Path(render_dir), index, source)
        except Exception as exc:
            findings.append(
                Finding(
                    rule_id="batch.render_failed",
                    severity=Severity.INFO,
                    message_zh=f"未能生成标注报告：{type(exc).__name__}: {exc}",
                    message_en=f"the marked-up report could not be rendered: {type(exc).__name__}: {exc}",
                )
            )
    return UnitResult(
        index=index,
        source=source,
        unit=report.agency.name,
        year=report.year,
        variant=report.variant,
        reader=result.reader,
        readable=True,
        findings=tuple(findings),
        region_code=report.agency.region_code,
        rendered=rendered,
        seconds=time.perf_counter() - start,
    )


_WORKER_REGISTRY: Any = None


def _init_worker(entry_points: bool | None) -> None:
    global _WORKER_REGISTRY  # noqa: PLW0603
    from ..plugins.registry import make_registry

    _WORKER_REGISTRY = make_registry(entry_points=entry_points, strict=False)


def _check_chunk(chunk: list[tuple[int, str]], options: dict[str, Any]) -> list[UnitResult]:
    return [check_file(path, index=i, registry=_WORKER_REGISTRY, **options) for i, path in chunk]


def _chunks(items: Iterable[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def validate_many(
    inputs: Iterable[str | Path],
    *,
    jobs: int | None = 1,
    year: int | None = None,
    registry: Any = None,
    entry_points: bool | None = None,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    waivers: Mapping[str, str] | None = None,
    render_dir: str | Path | None = None,
    chunksize: int = 16,
) -> Iterator[UnitResult]:
    """Validate every input (files, or directories of files) and yield one result per file, in order.

    ``jobs``: worker processes (``None`` or 0: every core; 1: in this process with ``registry``).
    ``year``: the year under review (reports of another year get ``batch.wrong_year``).
    ``render_dir``: also render each readable report as HTML with its failed cells marked.
    ``entry_points``: whether workers load third-party plugins (default: as :func:`make_registry`).
    """
    if registry is None:
        from ..plugins.registry import default_registry, make_registry

        registry = default_registry() if entry_points is None else make_registry(entry_points=entry_points)
    suffixes = {s for r in registry.readers.values() for s in r.suffixes}
    paths = ((i, str(p)) for i, p in enumerate(expand_inputs(inputs, suffixes)))
    options: dict[str, Any] = {
        "year": year,
        "select": tuple(select),
        "ignore": tuple(ignore),
        "waivers": dict(waivers or {}),
        "render_dir": render_dir,
    }
    workers = jobs if jobs else (os.cpu_count() or 1)
    if workers <= 1:
        for i, p in paths:
            yield check_file(p, index=i, registry=registry, **options)
        return
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(entry_points,)) as pool:
        pending: deque[Future[list[UnitResult]]] = deque()
        for chunk in _chunks(paths, chunksize):
            pending.append(pool.submit(_check_chunk, chunk, options))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
