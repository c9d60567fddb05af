"""The shared, label-anchored assembly of a report from any reader's :class:`~.base.Document`.

Every format reader (text, Markdown, HTML, PDF, DOCX) turns its input into a ``Document`` and
calls :func:`assemble`, which finds the title, preamble, agency, year and the six sections,
chooses the format variant and layout features from the labels printed, reads every table by
anchoring on the official row labels, and reports what it had to guess or could not find as
``read.*`` findings.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

import attrs

from ..agency_level import infer_level
from ..cells import CellValue
from ..errors import ReadError
from ..findings import Finding, Provenance, Severity
from ..layout import CellRef, Layout, ResolvedLayout
from ..model import Agency, Report, Section
from ..reading import ReadResult
from .base import Document
from .detect import (
    SectionHit,
    choose_layout,
    detect_features,
    detect_metadata,
    find_sections,
    variant_hints,
)
from .grids import normalise_label, report_labels
from .prose import header_residue, leading_chrome, trailing_chrome
from .records import Record, grid_records, is_page_mark, line_records, split_spaced_labels
from .scramble import order_lost
from .tables import TableReading, read_tables, row_cells

__all__ = ["assemble"]


_SHORT_ZH = "{table}有{n}行印出的数字少于列数，已从左到右对应各列，其余视为未印出"
_SHORT_EN = (
    "{table}: {n} row(s) print fewer numbers than columns; "
    "the numbers were mapped from the left and the rest left as not printed"
)


def _finding(rule: str, severity: Severity, zh: str, en: str, **kw: Any) -> Finding:
    return Finding(rule_id=rule, severity=severity, message_zh=zh, message_en=en, **kw)


_SENTENCE_END = "。；;：:！!？?”’）)」』>》】…—"
_BROKEN_MIN = 25


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _join_broken_sentences(lines: list[str]) -> list[str]:
    """Rejoin a sentence cut by a page break: a long line ending mid-sentence (a CJK character, no
    closing punctuation) and, after one or two blank lines, a line going on with a CJK character
    (``…自然人、法`` / ``人或其他社会组织…``)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        while j < len(lines) and j - i <= 3 and not lines[j].strip():
            j += 1
        stripped = line.rstrip()
        if (
            1 < j - i <= 3
            and j < len(lines)
            and len(stripped) >= _BROKEN_MIN
            and _is_cjk(stripped[-1])
            and lines[j][:1]
            and _is_cjk(lines[j][0])
        ):
            lines[j] = stripped + lines[j]
            i = j
            continue
        out.append(line)
        i += 1
    return out


_ITEM_START = re.compile(
    r"^\s*(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[、.．]|第[一二三四五六七八九十]+)"
)
_PARAGRAPH_END = "。！!？?；;：:"


def _full_width(texts: Sequence[str]) -> int | None:
    """The length of a full printed line of prose (90th percentile), if there is enough prose."""
    widths = sorted(len(t.strip()) for t in texts if t.strip())
    return widths[(len(widths) * 9) // 10] if len(widths) >= 5 else None


def _reflow(lines: list[str], full: int) -> list[str]:
    """Prose read from a PDF: join the lines the page width wrapped back into paragraphs.

    A line continues on the next one when it is about as long as a full line of prose (``full``),
    does not end a sentence, and the next line neither is blank nor starts a numbered item
    (``（二）``, ``二、``, ``2.``).  Short lines (headings, the last line of a paragraph) and
    blank lines always end a paragraph.
    """
    out: list[str] = []
    joinable = False
    for line in lines:
        stripped = line.strip()
        if joinable and stripped and not _ITEM_START.match(stripped):
            out[-1] += stripped
        else:
            out.append(line.rstrip())
        last = out[-1].strip()
        joinable = bool(stripped) and len(stripped) >= 0.85 * full - 1 and last[-1:] not in _PARAGRAPH_END
    return out


def _text_of(texts: Sequence[str], *, rejoin: bool = False, reflow_width: int | None = None) -> str:
    lines = _join_broken_sentences(list(texts)) if rejoin else list(texts)
    if reflow_width is not None:
        lines = _reflow(lines, reflow_width)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _sections(
    document: Document,
    lines: Sequence[Record],
    hits: list[SectionHit],
    table_records: set[int],
    table_sections: set[str],
    layout: Layout,
    *,
    reflow_width: int | None = None,
) -> tuple[Section, ...]:
    out = []
    for i, hit in enumerate(hits):
        end = hits[i + 1].position if i + 1 < len(hits) else len(lines)
        if hit.key in table_sections:
            body = list(lines[hit.position + 1 : end])
            inside = [j for j, r in enumerate(body) if r.index in table_records]
            if inside:
                body = body[: inside[0]] + body[inside[-1] + 1 :]
            # header cells no row label anchored (cells run together): table text, not prose
            text = _text_of(
                [*_rest(hit), *(r.text for r in body if not header_residue(layout, hit.key, r.text))]
            )
        else:
            # prose sections keep every printed line (only page marks and form feeds go)
            stop = lines[end].index if end < len(lines) else len(document.lines)
            raw = document.lines[lines[hit.position].index + 1 : stop]
            text = _text_of(
                [*_rest(hit), *(t.text.replace("\f", "").rstrip() for t in raw if not is_page_mark(t.text))],
                rejoin=True,
                reflow_width=reflow_width,
            )
        out.append(Section(heading=hit.heading, key=hit.key, text=text))
    return tuple(out)


def _rest(hit: SectionHit) -> list[str]:
    """The section text printed on the heading's own line, as the section's first line."""
    return [hit.rest] if hit.rest else []


def _outside_prose(lines: Sequence[Record], hits: list[SectionHit], table_sections: set[str]) -> list[Record]:
    """The line records that are not inside a prose-only section (where no table is printed)."""
    skip: set[int] = set()
    for i, hit in enumerate(hits):
        if hit.key not in table_sections:
            end = hits[i + 1].position if i + 1 < len(hits) else len(lines)
            skip.update(range(hit.position, end))
    return [r for pos, r in enumerate(lines) if pos not in skip]


def _merge(resolved: ResolvedLayout, grid_readings: list[TableReading], text: TableReading) -> TableReading:
    """Rows from every grid (a table split over several grids: page breaks, one table per block),
    the first grid that printed a row wins; a table no grid printed at all is taken from the text."""
    if not grid_readings:
        return text
    merged = TableReading()
    cells_of = row_cells(resolved)
    for table in resolved.tables:
        key = table.spec.key
        sources = [r for r in grid_readings if r.rows_found.get(key)] or (
            [text] if text.rows_found.get(key) else []
        )
        owner: dict[str, TableReading] = {}
        for reading in sources:
            for path in sorted(reading.rows_found[key], key=table.row_paths.index):
                owner.setdefault(path, reading)
        if not owner:
            continue
        merged.rows_found[key] = set(owner)
        merged.short_rows[key] = [
            (p, n)
            for reading in sources
            for p, n in reading.short_rows.get(key, [])
            if owner.get(p) is reading
        ]
        for path, reading in owner.items():
            cells, provenance, annotations = reading.cells, reading.provenance, reading.annotations
            for ref, _amount in cells_of(table, path):
                if ref in cells:
                    merged.cells[ref] = cells[ref]
                where = provenance.get(ref)
                if where is not None:
                    merged.provenance[ref] = where
                note = annotations.get(ref)
                if note is not None:
                    merged.annotations[ref] = note
        for reading in sources:
            merged.findings.extend(
                f
                for f in reading.findings
                if f.cells and f.cells[0].table == key and owner.get(f.cells[0].row) is reading
            )
    for reading in (*grid_readings, text):
        merged.table_records |= reading.table_records
        for key, paths in reading.rows_labelled.items():
            merged.rows_labelled.setdefault(key, set()).update(paths)
    return merged


def _forget(reading: TableReading, key: str) -> None:
    """Drop everything ``reading`` read for table ``key`` (its lines stay table text, not prose)."""
    for store in (reading.rows_found, reading.rows_labelled, reading.short_rows):
        store.pop(key, None)
    for values in (reading.cells, reading.provenance, reading.annotations):
        for ref in [ref for ref in values if ref.table == key]:
            del values[ref]
    reading.findings[:] = [f for f in reading.findings if not (f.cells and f.cells[0].table == key)]


def _order_lost_finding(resolved: ResolvedLayout, lost: Collection[str], first: Record) -> Finding:
    tables = [t for t in resolved.tables if t.spec.key in lost]
    names = "、".join(dict.fromkeys(t.spec.number_zh for t in tables))
    return _finding(
        "read.table_order_lost",
        Severity.WARNING,
        f"{names}的数字在文本中不是逐行排列的（如普通 pdftotext、pdfminer 按文本块抽取的PDF文字："
        f"一列数字连续出现，多于一行所能容纳），无法确定各数字所属的单元格，均按未读出处理；"
        f"请读取PDF原件，或使用 pdftotext -layout 抽取的文字（{first.provenance.describe_zh()}起）",
        f"{names}: the numbers in this text are not printed row by row (text taken out of a PDF block by "
        f"block, as plain pdftotext or pdfminer do: a column of numbers runs longer than any row), so no "
        f"cell can be told its number; the tables are left unread. Read the PDF itself, or text from "
        f"pdftotext -layout (from {first.provenance.describe_en()})",
        cells=tuple(CellRef(t.spec.key, r, c) for t in tables for r in t.row_paths for c in t.column_keys),
        provenance=(first.provenance,),
    )


def _table_findings(
    resolved: ResolvedLayout, reading: TableReading, *, skip: Collection[str] = ()
) -> list[Finding]:
    findings: list[Finding] = []
    cells_of = row_cells(resolved)
    for table in resolved.tables:
        spec = table.spec
        if spec.key in skip:
            continue  # said once, by read.table_order_lost
        found = reading.rows_found.get(spec.key, set())
        # a row whose label is printed with blank cells is there, its cells are not printed (the
        # value rules report them); only a row whose label is nowhere is missing
        blank = [
            p for p in table.row_paths if p not in found and p in reading.rows_labelled.get(spec.key, ())
        ]
        name = f"{spec.number_zh}{spec.label}"
        if not found and not blank:
            findings.append(
                _finding(
                    "read.table_not_found",
                    Severity.WARNING,
                    f"未找到{name}表格，其数字均按未印出处理",
                    f"table {name} not found; its cells are left unread",
                    cells=tuple(CellRef(spec.key, r, c) for r in table.row_paths for c in table.column_keys),
                )
            )
            continue
        if blank:
            labels = "、".join(f"“{table.row_nodes[p].label}”" for p in blank)
            findings.append(
                _finding(
                    "read.row_blank",
                    Severity.INFO,
                    f"{spec.number_zh}{labels}行印出但没有数字，按未印出处理",
                    f"{spec.number_zh}: row(s) {labels} printed without numbers; their cells are left unread",
                    cells=tuple(CellRef(spec.key, p, c) for p in blank for c in table.column_keys),
                )
            )
        missing = [p for p in table.row_paths if p not in found and p not in blank]
        for path in missing:
            label = table.row_nodes[path].label
            findings.append(
                _finding(
                    "read.row_not_found",
                    Severity.WARNING,
                    f"{spec.number_zh}未找到“{label}”行",
                    f"{spec.number_zh}: row {label} not found",
                    cells=tuple(CellRef(spec.key, path, c) for c in table.column_keys),
                )
            )
        short = reading.short_rows.get(spec.key, [])
        if short:
            cells = tuple(
                CellRef(spec.key, p, c)
                for p, _n in short
                for c in table.column_keys
                if reading.cells.get(CellRef(spec.key, p, c)) is None
            )
            findings.append(
                _finding(
                    "read.values_not_printed",
                    Severity.INFO,
                    _SHORT_ZH.format(table=spec.number_zh, n=len(short)),
                    _SHORT_EN.format(table=spec.number_zh, n=len(short)),
                    cells=cells,
                    data={"rows": dict(short)},
                )
            )
        if len(table.column_keys) < 2:
            continue
        rows = [cells_of(table, p) for p in table.row_paths if p in found]
        for ci, col in enumerate(table.column_keys):
            if rows and all(reading.cells.get(row[ci][0]) is None for row in rows):
                refs = [row[ci][0] for row in rows]
                label = table.column_nodes[col].label
                findings.append(
                    _finding(
                        "read.column_not_printed",
                        Severity.WARNING,
                        f"{spec.number_zh}“{label}”列未印出任何数字（可能整列丢失）",
                        f"{spec.number_zh}: column {label} prints no number at all "
                        "(the column may have been lost)",
                        cells=tuple(refs),
                    )
                )
    return findings


def _chrome_finding(head: str, tail: str) -> Finding:
    shown = " … ".join(t.replace("\n", " ") for t in (head, tail) if t)
    return _finding(
        "read.page_chrome",
        Severity.INFO,
        f"网页框架文字（来源、时间、分享、下载等）未计入报告正文：{shown}",
        f"page chrome (source, time, share and download links) left out of the report text: {shown}",
        data={"before": head, "after": tail},
    )


def _requests_heading(layout: Layout) -> str:
    for s in layout.sections:
        if s.key == "requests":
            return s.heading
    return layout.sections[0].heading if layout.sections else layout.title


def assemble(document: Document, *, registry: Any, reader: str) -> ReadResult:
    """Build a :class:`~govdisclosure.reading.ReadResult` from a reader's document.

    ``document.lines`` holds all the text in reading order (with provenance); ``document.grids``
    optionally holds real table grids (HTML/DOCX/PDF, merged cells expanded).  Tables are read
    from the grids when they have them and from the text lines otherwise, by anchoring on the
    official row labels of the variant's layout.  The variant is chosen through
    ``registry.choose_variant`` from the labels printed; the layout features (one-row （六）,
    法人小计 column, category subtotal rows) are detected from the labels too.

    Values keep what was printed: blanks and columns not printed are ``None``, placeholders
    stay :class:`~govdisclosure.cells.Placeholder`, annotations such as ``（其中修订16件）`` go
    to ``report.annotations``.  Every value read has a :class:`~govdisclosure.findings.Provenance`
    in ``ReadResult.provenance``; everything missing or guessed gives a ``read.*`` finding.

    Raises :class:`~govdisclosure.errors.ReadError` when the document holds no 表三 at all.
    """
    lines = line_records(document)
    split_spaced_labels(lines, report_labels(registry), normalise_label)
    grids = grid_records(document)
    detection_records = [r for g in grids for r in g] + lines
    layouts = list(registry.variants.values())
    if not layouts:
        raise ReadError("没有已注册的格式变体 no format variant registered", source=document.source)
    prelim = find_sections(lines, layouts[0])
    meta = detect_metadata(lines, prelim[0].position if prelim else None)
    hints = variant_hints(detection_records, layouts, meta.year, meta.title)
    layout = choose_layout(registry, hints)
    features = detect_features(detection_records, layout)
    resolved = layout.resolve(features)
    hits = find_sections(lines, layout) if layout is not layouts[0] else prelim
    table_sections = {t.section for t in layout.tables}
    grid_readings = read_tables(resolved, grids)
    # a table some grid printed is taken from the grids (see _merge): the text lines only locate it
    in_grids = {key for r in grid_readings for key, rows in r.rows_found.items() if rows}
    (text_reading,) = read_tables(resolved, [_outside_prose(lines, hits, table_sections)], skip=in_grids)
    request_tables = [t.spec.key for t in resolved.tables if t.spec.section == "requests"]
    if request_tables and not any(
        r.rows_found.get(k) for r in (*grid_readings, text_reading) for k in request_tables
    ):
        # no 表三 where the sections put it: text whose extractor printed the tables after every
        # heading (trafilatura) — rows are then anchored on their labels wherever they are
        (text_reading,) = read_tables(resolved, [lines], skip=in_grids)
    # tables whose text lost the row order (cells taken out of a PDF block by block) are not read
    scrambled = order_lost(resolved, lines, hits)
    lost = {t.spec.key for t in resolved.tables if t.spec.key not in in_grids} if scrambled else set()
    for key in lost:
        _forget(text_reading, key)
    reading = _merge(resolved, grid_readings, text_reading)
    if request_tables and not any(reading.rows_found.get(k) or k in lost for k in request_tables):
        raise ReadError(
            f'未找到"{_requests_heading(layout)}"表格 no requests table found (not a report?)',
            source=document.source,
        )

    findings: list[Finding] = []
    if features:
        names = "、".join(f.label_zh for f in layout.features if f.key in features)
        findings.append(
            _finding(
                "read.layout_features",
                Severity.INFO,
                f"检测到版式变化：{names}",
                f"layout features detected: {', '.join(sorted(features))}",
                data={"features": sorted(features)},
            )
        )
    findings.extend(reading.findings)
    if scrambled is not None and lost:
        findings.append(_order_lost_finding(resolved, lost, scrambled))
    findings.extend(_table_findings(resolved, reading, skip=lost))
    if meta.agency is None:
        findings.append(
            _finding(
                "read.agency_not_found",
                Severity.WARNING,
                "未能从标题中识别报告机关",
                "the reporting agency was not found in the title",
            )
        )
    year = meta.year
    if year is None:
        findings.append(
            _finding(
                "read.year_not_found",
                Severity.WARNING,
                "未能识别报告年度（标题和统计期中均未找到），年度记为0",
                "the report year was not found (title, statistics period); recorded as 0",
            )
        )
    elif meta.period_year is not None and meta.period_year != year:
        findings.append(
            _finding(
                "read.year_mismatch",
                Severity.WARNING,
                f"标题年度{year}与统计期年度{meta.period_year}不一致",
                f"the title says {year} but the statistics period says {meta.period_year}",
                data={"title": year, "period": meta.period_year},
            )
        )
    found_keys = {h.key for h in hits}
    for s in layout.sections:
        if s.key not in found_keys:
            findings.append(
                _finding(
                    "read.section_not_found",
                    Severity.WARNING,
                    f"未找到“{s.heading}”部分",
                    f"section {s.heading} not found",
                    data={"section": s.key},
                )
            )

    cells: list[CellValue] = [reading.cells.get(ref) for ref in resolved.cells]
    first = hits[0].position if hits else len(lines)
    # PDF prose keeps the page's line wraps: rejoin them into paragraphs
    width = (
        _full_width([r.text for r in lines if r.index not in reading.table_records])
        if reader == "pdf"
        else None
    )
    preamble = _text_of(
        [r.text for r in lines[meta.title_end : first] if r.index not in reading.table_records],
        reflow_width=width,
    )
    head, preamble = leading_chrome(preamble, meta.title)
    sections = _sections(
        document, lines, hits, reading.table_records, table_sections, layout, reflow_width=width
    )
    tail = ""
    if sections:
        last_text, tail = trailing_chrome(sections[-1].text)
        if tail:
            sections = (*sections[:-1], attrs.evolve(sections[-1], text=last_text))
    if head or tail:
        findings.append(_chrome_finding(head, tail))
    report = Report(
        layout=layout,
        agency=Agency(name=meta.agency or "", level=infer_level(meta.agency or "")),
        year=year if year is not None else 0,
        cells=tuple(cells),
        features=features,
        title=meta.title,
        preamble=preamble,
        sections=sections,
        annotations=dict(reading.annotations),
    )
    # every cell read is a cell of ``resolved`` (its rows and columns come from the resolved tables)
    provenance: dict[CellRef, Provenance] = dict(reading.provenance)
    return ReadResult(
        report=report, source=document.source, reader=reader, provenance=provenance, findings=tuple(findings)
    )
