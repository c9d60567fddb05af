"""Rows whose printed numbers do not match their columns one to one (a base of the table reader).

Digits run together (``230000023``: the splits the row's relations allow, settled by the rest of the
table when several do), one number more than the columns (the relations say which is extra), a
table printed on one line whose numbers a narrow column wrapped onto the lines under it
(:mod:`.wrapped`), and a one-line table whose numbers a PDF extractor printed above its header.
Never a guess: a row none of these settles is left unread with a finding that says why.
"""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..cells import CellValue
from ..findings import Finding, FindingStatus, Provenance, Severity
from ..layout import CellRef, ResolvedLayout, ResolvedTable
from ..relations import Relation
from .base import RUN_TOGETHER, TextLine
from .records import Record, ValueCell, _record_from_line
from .splits import candidate_splits, extra_position, local_check, narrow_by_relations
from .wrapped import continuation_lines, join_wrapped, wrapped_start

if TYPE_CHECKING:
    from .tables import TableReading, _Indexes

__all__ = ["SEP", "RowSplits"]

SEP = "\x1f"
"""Between a table key and a row path in a row owner (``requests<SEP>received``)."""
_SEP = SEP


def _digits(vc: ValueCell) -> str | None:
    if vc.parsed is None or vc.parsed.annotation or not isinstance(vc.parsed.value, int):
        return None
    t = unicodedata.normalize("NFKC", vc.parsed.raw.strip())
    return t if t.isascii() and t.isdigit() else None


def _unsplit(
    table: ResolvedTable,
    refs: Sequence[CellRef],
    prov: Provenance,
    digits: Sequence[str],
    candidates: list[tuple[int, ...]] | None,
) -> Finding:
    """``read.digits_ambiguous``: a row whose digits ran together left unread, because several splits
    fit its relations (``candidates``; ``None``: too many to list) or none does (``[]``)."""
    shown, where_zh, where_en = " ".join(digits), prov.describe_zh(), prov.describe_en()
    if candidates == []:
        why_zh, why_en = "没有一种拆分符合勾稽关系", "no split satisfies the relations"
    else:
        why_zh, why_en = "有多种拆分均符合勾稽关系，无法确定", "several splits satisfy the relations"
    return Finding(
        rule_id="read.digits_ambiguous",
        severity=Severity.WARNING,
        status=FindingStatus.NOT_ASSESSABLE,
        message_zh=f"{table.spec.number_zh}数字连在一起（{shown}），{why_zh}，该行按未印出处理（{where_zh}）",
        message_en=f"{table.spec.number_zh}: digits ran together ({shown}) and {why_en}; "
        f"the row is left unread ({where_en})",
        cells=tuple(refs),
        provenance=tuple(prov for _ in refs),
        data={
            "raw": list(digits),
            "candidates": [list(c) for c in candidates] if candidates is not None else [],
            "too_many": candidates is None,
        },
    )


class RowSplits(ABC):
    """What :class:`~.tables._Reader` does with a row whose numbers do not match its columns one to one:
    digits run together, one number too many, a one-line table wrapped in narrow columns, a one-line
    table printed before its header."""

    resolved: ResolvedLayout
    ix: _Indexes
    out: TableReading
    relations: Sequence[Relation]
    ambiguous: list[tuple[int, ResolvedTable, list[CellRef], list[tuple[int, ...]], Provenance, list[str]]]

    @abstractmethod
    def assign(
        self,
        table: ResolvedTable,
        paths: Sequence[str],
        values: list[ValueCell],
        rec: Record,
        order: Sequence[str] | None = None,
    ) -> None:
        """Map printed values onto the cells of ``paths`` (the table reader's own mapping)."""

    def _drop_extra(
        self,
        table: ResolvedTable,
        refs: list[CellRef],
        values: list[ValueCell],
        rec: Record,
        check: Callable[[Sequence[int]], bool],
    ) -> list[ValueCell]:
        """``values`` without the one number the row's relations (``check``) say is extra, or none at all."""
        ints = [v.parsed.value for v in values if v.parsed is not None and type(v.parsed.value) is int]
        one_more = len(ints) == len(values) == len(refs) + 1
        at = extra_position(ints, check) if one_more else None
        where_zh, where_en = rec.provenance.describe_zh(), rec.provenance.describe_en()
        name, n, k = table.spec.number_zh, len(values), len(refs)
        if at is None:
            message = (
                f"{name}一行印有{n}个数字，多于{k}列，勾稽关系不能确定哪个是多余的，本行未读取（{where_zh}）",
                f"{name}: a row prints {n} numbers for {k} columns and the relations do not tell which "
                f"one is extra; the row was not read ({where_en})",
            )
        else:
            raw = values[at].raw
            message = (
                f"{name}一行印有{n}个数字，多于{k}列；按勾稽关系第{at + 1}个（{raw}）"
                f"为表头未列出的一列，已略去（{where_zh}）",
                f"{name}: a row prints {n} numbers for {k} columns; by the relations number {at + 1} "
                f"({raw}) is a column the header does not name and was left out ({where_en})",
            )
        self.out.findings.append(
            Finding(
                rule_id="read.extra_values",
                severity=Severity.WARNING,
                message_zh=message[0],
                message_en=message[1],
                cells=tuple(refs),
                provenance=(rec.provenance,),
                data={"raw": [v.raw for v in values], "left_out": at},
            )
        )
        return [] if at is None else [*values[:at], *values[at + 1 :]]

    def _try_split(
        self, table: ResolvedTable, refs: list[CellRef], values: list[ValueCell], rec: Record
    ) -> list[tuple[CellValue, Provenance, str | None]] | None:
        if not values or all(len(v.raw) < 2 for v in values):
            return None
        # a line whose cells ran together: its runs are several cells, never one number
        glued = rec.glued or rec.provenance.element == RUN_TOGETHER
        tokens = [_digits(v) for v in values]
        # a count never prints a leading zero (``00000``, ``012``): cells that ran together
        glued = glued or any(t is not None and len(t) > 1 and t[0] == "0" for t in tokens)
        candidates: list[tuple[int, ...]] | None
        if not tokens or any(t is None for t in tokens):
            if not glued:
                return None
            # a decimal or a unit ran into the other cells (13575394432.52元): no cut can be trusted
            digits = [v.raw for v in values]
            candidates = None
        else:
            digits = [t for t in tokens if t is not None]
            if all(len(t) == 1 for t in digits):
                return None
            if sum(len(t) for t in digits) < len(refs):
                if not glued:
                    return None
                candidates = []  # cells that ran together with blanks among them: the cuts are lost
            else:
                check = local_check(refs, self.relations)
                if check is None:
                    if not glued:
                        return None

                    # no relation to choose between the splits: a unique split is used, several
                    # leave the row unread
                    def check(_values: Sequence[int]) -> bool:
                        return True

                candidates = candidate_splits(digits, len(refs), check)
        prov = Provenance(
            source=rec.provenance.source,
            page=rec.provenance.page,
            line=rec.provenance.line,
            element=rec.provenance.element,
            raw=" ".join(digits),
        )
        where_zh, where_en = prov.describe_zh(), prov.describe_en()
        if candidates == []:
            if not glued:
                return None
            # cells that ran together with no split fitting the relations: never one number
            self.out.findings.append(_unsplit(table, refs, prov, digits, []))
            return [(None, prov, None) for _ in refs]
        if candidates is not None and len(candidates) == 1:
            (split,) = candidates
            self.out.findings.append(
                Finding(
                    rule_id="read.digits_split",
                    severity=Severity.INFO,
                    message_zh=f"{table.spec.number_zh}数字连在一起（{' '.join(digits)}），"
                    f"按表内勾稽关系唯一拆分为 {' '.join(map(str, split))}（{where_zh}）",
                    message_en=f"{table.spec.number_zh}: digits ran together ({' '.join(digits)}); "
                    "the only split "
                    f"satisfying the table's relations is {' '.join(map(str, split))} ({where_en})",
                    cells=tuple(refs),
                    values=tuple(split),
                    provenance=tuple(prov for _ in refs),
                    data={"raw": digits, "split": list(split)},
                )
            )
            return [(v, prov, None) for v in split]
        if candidates is not None:
            self.ambiguous.append((len(self.out.findings), table, refs, candidates, prov, digits))
        self.out.findings.append(_unsplit(table, refs, prov, digits, candidates))
        return [(None, prov, None) for _ in refs]

    def resolve_ambiguous(self) -> None:
        """Settle rows whose digits ran together ambiguously with the rest of the table.

        A candidate split is kept only if every relation of the table that touches the row and
        whose other cells were read as numbers holds (e.g. （七）总计 = Σ outcomes per column).
        Exactly one survivor: the row takes it (``read.digits_split``, resolved by the table);
        otherwise the row stays not printed.
        """
        progress = True
        while progress and self.ambiguous:
            progress = False
            for entry in list(self.ambiguous):
                at, table, refs, candidates, prov, digits = entry
                fitting = narrow_by_relations(refs, candidates, self.out.cells, self.relations)
                if len(fitting) != 1:
                    continue
                (split,) = fitting
                self.ambiguous.remove(entry)
                progress = True
                for ref, v in zip(refs, split, strict=True):
                    self.out.cells[ref] = v
                shown = " ".join(map(str, split))
                self.out.findings[at] = Finding(
                    rule_id="read.digits_split",
                    severity=Severity.INFO,
                    message_zh=f"{table.spec.number_zh}数字连在一起（{' '.join(digits)}），本行有多种拆分，"
                    f"结合表内其他行的勾稽关系唯一确定为 {shown}（{prov.describe_zh()}）",
                    message_en=f"{table.spec.number_zh}: digits ran together ({' '.join(digits)}); of the "
                    f"row's possible splits only {shown} agrees with the rest of the table "
                    f"({prov.describe_en()})",
                    cells=tuple(refs),
                    values=tuple(split),
                    provenance=tuple(prov for _ in refs),
                    data={
                        "raw": digits,
                        "split": list(split),
                        "candidates": [list(c) for c in candidates],
                        "resolved_by": "table",
                    },
                )

    def _single_line_tables(
        self, records: Sequence[Record], orphans: list[tuple[int, Record]], anchors: dict[str, int]
    ) -> None:
        for table in self.resolved.tables:
            key = table.spec.key
            if not table.spec.single_line or self.out.rows_found.get(key) or key not in anchors:
                continue
            start = anchors[key]
            later = [a for k, a in anchors.items() if a > start and k != key]
            stop = min(later) if later else len(records)
            need = len(table.row_paths) * len(table.column_keys)
            values: list[ValueCell] = []
            first: Record | None = None
            used: list[int] = []
            for pos, rec in orphans:
                if start < pos < stop and len(values) < need:
                    first = first or rec
                    values.extend(rec.values)
                    used.append(pos)
                    self.out.table_records.add(rec.index)
            if first is None:
                first, values = self._numbers_before_header(records, orphans, start, need)
            elif wrapped_start(first, need) and (rest := continuation_lines(records, used[0])):
                self._wrapped(table, first, rest)  # one digit per column, the rest wrapped below
                continue
            if first is not None:
                self.assign(table, table.row_paths, values, first)

    def _wrapped_row(self, owner: str, rec: Record, records: Sequence[Record]) -> bool:
        """Whether a line with more numbers than ``owner``'s row, of a table printed on one line, has
        its numbers wrapped onto the lines under it (then read by :meth:`_wrapped`)."""
        table = self.ix.tables[owner.split(_SEP, 1)[0]]
        if not table.spec.single_line:
            return False
        rest = continuation_lines(records, next(i for i, r in enumerate(records) if r is rec))
        if not rest:
            return False
        self._wrapped(table, rec, rest)
        return True

    def _wrapped(self, table: ResolvedTable, first: Record, rest: list[Record]) -> None:
        """A table printed on one line whose numbers a narrow column wrapped onto the lines under it
        (:mod:`.wrapped`): the numbers joined column by column when the relations hold, else unread."""
        for rec in rest:
            self.out.table_records.add(rec.index)
        refs = [ref for ref, _amount in self.ix.cells_of(table, table.row_paths)]
        numbers = join_wrapped(first, rest)
        check = local_check(refs, self.relations)
        if (
            numbers is not None
            and len(numbers) == len(refs)
            and (check is None or check(list(map(int, numbers))))
        ):
            joined = _record_from_line(
                first.index, TextLine(text="\t".join(numbers), provenance=first.provenance)
            )
            self.assign(table, table.row_paths, joined.values, first)
            return
        self.out.rows_found.setdefault(table.spec.key, set()).update(table.row_paths)
        prov = first.provenance
        digits = [first.text.strip(), *(r.text.strip() for r in rest)]
        self.out.findings.append(_unsplit(table, refs, prov, digits, []))

    def _numbers_before_header(
        self, records: Sequence[Record], orphans: list[tuple[int, Record]], start: int, need: int
    ) -> tuple[Record | None, list[ValueCell]]:
        """A one-line table whose numbers a PDF extractor printed just above its header rows: the
        label-less number lines directly before the header, taken only when they hold exactly as
        many values as the table has cells."""
        by_pos = dict(orphans)
        run: list[Record] = []
        pos = start - 1
        while pos >= 0 and (records[pos].blank or pos in by_pos):
            if not records[pos].blank:
                if records[pos].labels or records[pos].index in self.out.table_records:
                    break
                run.insert(0, records[pos])
            pos -= 1
        values = [v for rec in run for v in rec.values]
        if not run or len(values) != need:
            return None, []
        for rec in run:
            self.out.table_records.add(rec.index)
        return run[0], values
