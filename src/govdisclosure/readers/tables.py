"""Label-anchored table assembly: find each table row by its official label and read its numbers.

Rows are found by ANCHORING ON THE OFFICIAL ROW LABELS of the layout, never by counting lines
or numbers.  A printed row's numbers map to the table's columns from the left; fewer numbers
than columns leave the rest not printed (``None``) and say so in a finding.  Group labels
printed on the first child's line, labels wrapped over several lines with the numbers on
any of them, header lines, page numbers and blank lines in the middle of a table are handled
here.  表四, printed as one line of numbers under a multi-line header, is read from the value
lines that follow its header.  Rows whose numbers do not match their columns one to one (digits
run together, one number too many, numbers wrapped in narrow columns) are settled by
:mod:`.rowsplit`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal

from attrs import define, field

from ..cells import CellValue
from ..findings import Finding, Provenance, Severity
from ..layout import CellRef, Layout, ResolvedLayout, ResolvedTable, ValueKind
from ..relations import relations_for
from .columns import header_columns, printed_orders
from .normalize import LabelIndex, LabelMatch, label_key, parse_value, split_numbering
from .records import Record, ValueCell
from .rowsplit import SEP as _SEP
from .rowsplit import RowSplits
from .splits import local_check

__all__ = ["TableReading", "header_labels", "read_tables"]

_SUBTOTAL = label_key("小计")


@define(kw_only=True)
class TableReading:
    """What was read from one source (a grid or the text lines) for every table."""

    cells: dict[CellRef, CellValue] = field(factory=dict)
    provenance: dict[CellRef, Provenance] = field(factory=dict)
    annotations: dict[CellRef, str] = field(factory=dict)
    findings: list[Finding] = field(factory=list)
    rows_found: dict[str, set[str]] = field(factory=dict)
    """Table key → row paths read."""
    short_rows: dict[str, list[tuple[str, int]]] = field(factory=dict)
    """Table key → (row path, numbers printed) for rows printing fewer numbers than columns."""
    table_records: set[int] = field(factory=set)
    """Indexes of the records that belong to a table (labels, headers, numbers)."""
    rows_labelled: dict[str, set[str]] = field(factory=dict)
    """Table key → row paths whose label was printed with no number after it (a blank row)."""


def header_labels(layout: Layout) -> list[tuple[str, list[str]]]:
    """Each table's key and its header texts: caption, row header, 勾稽 note, column labels and aliases."""
    out: list[tuple[str, list[str]]] = []
    for spec in layout.tables:
        texts = [spec.label]
        if spec.row_header:
            texts.append(spec.row_header)
        if spec.corner_note:
            texts.append(spec.corner_note)
        stack = list(spec.columns)
        while stack:
            node = stack.pop()
            texts.append(node.label)
            texts.extend(node.aliases)
            if node.subtotal_label:
                texts.append(node.label + node.subtotal_label)
                texts.append(node.subtotal_label)
            stack.extend(node.children)
        out.append((spec.key, texts))
    return out


class _Indexes:
    """The row and header label indexes of one resolved layout (cached per layout and features)."""

    def __init__(self, resolved: ResolvedLayout) -> None:
        rows: list[tuple[str, list[str]]] = []
        self.data: set[str] = set()
        for t in resolved.tables:
            for path in t.all_row_paths:
                node = t.row_nodes[path]
                rows.append((f"{t.spec.key}{_SEP}{path}", [node.label, *node.aliases]))
            for path in t.row_paths:
                self.data.add(f"{t.spec.key}{_SEP}{path}")
        self.rows = LabelIndex(rows)
        self.unnumbered = {owner for owner, texts in rows if split_numbering(texts[0])[0] is None}
        self.headers = LabelIndex(header_labels(resolved.layout), allow_prefix=False)
        self.refs: dict[tuple[str, tuple[str, ...]], tuple[tuple[CellRef, bool], ...]] = {}
        """(table, row paths) → each cell and whether its column holds amounts (filled on use)."""
        self.tables: dict[str, ResolvedTable] = {t.spec.key: t for t in resolved.tables}
        self.widths: dict[str, int] = {}
        """Row owner (``table<SEP>path``) → the number of columns of its table (filled on use)."""
        self.first_columns: dict[str, list[str]] = {}
        """Label key of the first data column → the tables (not printed on one line) it starts."""
        for t in resolved.tables:
            if t.column_keys and not t.spec.single_line:
                first = label_key(t.column_nodes[t.column_keys[0]].label)
                self.first_columns.setdefault(first, []).append(t.spec.key)
        self.classified: dict[tuple[str, ...], tuple[str | None, bool, bool, bool]] = {}
        """The labels of a record → :meth:`_Reader.classify` (it depends on nothing else)."""

    def cells_of(self, table: ResolvedTable, paths: Sequence[str]) -> tuple[tuple[CellRef, bool], ...]:
        """The cells of ``paths`` in ``table``, row by row, each with whether it is an AMOUNT column."""
        key = (table.spec.key, tuple(paths))
        hit = self.refs.get(key)
        if hit is None:
            hit = self.refs[key] = tuple(
                (CellRef(table.spec.key, p, c), table.column_nodes[c].kind is ValueKind.AMOUNT)
                for p in paths
                for c in table.column_keys
            )
        return hit


_INDEX_CACHE: dict[tuple[int, frozenset[str]], tuple[Layout, _Indexes]] = {}


def _indexes(resolved: ResolvedLayout) -> _Indexes:
    """The label indexes of a resolved layout, built once per layout and features."""
    key = (id(resolved.layout), resolved.features)
    hit = _INDEX_CACHE.get(key)
    if hit is None or hit[0] is not resolved.layout:
        if len(_INDEX_CACHE) > 64:
            _INDEX_CACHE.clear()
        hit = _INDEX_CACHE[key] = (resolved.layout, _Indexes(resolved))
    return hit[1]


RowCells = Callable[[ResolvedTable, str], tuple[tuple[CellRef, bool], ...]]
"""(table, row path) → the row's cells in column order, each with whether it holds amounts."""


def row_cells(resolved: ResolvedLayout) -> RowCells:
    """The (cached) cells of each row of the tables of ``resolved``."""
    ix = _indexes(resolved)
    return lambda table, path: ix.cells_of(table, (path,))


_EMBEDDED = re.compile(r"(?<=[\u4e00-\u9fff])(\d{1,3}(?:,\d{3})+|\d+)(?=[\u4e00-\u9fff])")
"""A number inside a row label's text (``或重新出具已获取信72息``): no official row label holds one."""


_INNER_NUMBERING = re.compile(r"[（(][一二三四五六七八九十][）)]")
"""An item's numbering inside a label, where a glued piece of the group label ends."""


def _embedded_first(values: list[ValueCell], rec: Record) -> list[ValueCell]:
    """PDF text whose row label wraps around the row's first number, centred between the label's
    lines (``1.申请人无正当理由388逾期不补正…  41  2  4  9  18  462``): that number in front of the others."""
    found = _EMBEDDED.findall(rec.labels[-1]) if rec.labels else []
    if len(found) != 1:
        return values
    parsed = parse_value(found[0])
    return values if parsed is None else [ValueCell(parsed, rec.provenance, found[0]), *values]


class _Reader(RowSplits):
    def __init__(self, resolved: ResolvedLayout, out: TableReading, skip: Collection[str] = ()) -> None:
        self.resolved = resolved
        self.ix = _indexes(resolved)
        self.relations = relations_for(resolved)
        self.out = out
        self.skip = skip
        """Tables whose rows are only located, not read (another source's reading of them is used)."""
        self.starts: dict[str, int] = {}
        self.header_cols: dict[str, dict[int, tuple[str, int]]] = {}
        self.header_pos: dict[str, list[tuple[int, int]]] = {}
        """Table → (first, last) grid column of the header cell of each of its columns, in template order."""
        self.orders: dict[str, list[str]] = {}
        self.ambiguous: list[
            tuple[int, ResolvedTable, list[CellRef], list[tuple[int, ...]], Provenance, list[str]]
        ] = []

    # -- label classification -------------------------------------------------------------
    def _row_match(self, seg: str) -> LabelMatch | None:
        num, body = split_numbering(seg)
        m = self.ix.rows.match(seg)
        if num is None and (m is None or m.owner not in self.ix.unnumbered):
            h = self.ix.headers.match(seg)
            if h is not None and (m is None or h.how != "fuzzy"):
                return None
        if (m is None and num is not None) or (m is None and len(body) >= 6):
            m = self.ix.rows.match_prefix(seg)
        return m

    def _segment_match(self, seg: str) -> LabelMatch | None:
        m = self._row_match(seg)
        if m is None and " " in seg.strip():
            # a vertical group label printed one character per line ("三 2.其他…", "度 4.保护…")
            pieces = seg.split()
            for i in range(1, min(len(pieces), 4)):
                m = self._row_match(" ".join(pieces[i:]))
                if m is not None:
                    break
        if m is None and len(seg) > 4:
            # PDF text: the row's first number inside its label (``…理由388逾期…``), or a piece of
            # the vertical group label glued in front (``三、本年（一）予以公开``, ``度办理结（二）…``)
            bare = _EMBEDDED.sub("", seg)
            if bare != seg:
                m = self._row_match(bare)
            inner = _INNER_NUMBERING.search(bare, 1)
            if m is None and inner is not None:
                m = self._row_match(bare[inner.start() :])
        return m

    def classify(self, rec: Record) -> tuple[str | None, bool, bool, bool]:
        """(matched data row owner, matched by its whole label, any row label seen, header label seen)."""
        labels = tuple(rec.labels)
        cache = self.ix.classified
        hit = cache.get(labels)
        if hit is None:
            if len(cache) > 16384:
                cache.clear()
            hit = cache[labels] = self._classify(labels)
        return hit

    def _classify(self, labels: Sequence[str]) -> tuple[str | None, bool, bool, bool]:
        matched: str | None = None
        whole = False
        group: str | None = None
        row_seen = header_seen = False
        rows_named: set[str] = set()  # data rows named by their whole label
        at = 0  # the label segment that matched the data row
        for i, seg in enumerate(labels):
            m = self._segment_match(seg)
            if m is not None:
                row_seen = True
                if m.owner in self.ix.data:
                    matched, whole, at = m.owner, m.how != "prefix", i
                    if whole:
                        rows_named.add(m.owner)
                else:
                    group = m.owner
                    matched = None
                continue
            if label_key(seg) == _SUBTOTAL and group is not None and group in self.ix.data:
                matched, whole = group, True
                continue
            if self.ix.headers.match(seg) is not None:
                header_seen = True
        if (
            len(rows_named) > 1
            and sum(not any(o != p and p.startswith(o + ".") for p in rows_named) for o in rows_named) > 1
        ):
            # several rows named side by side (a group with its child is one row): the header of a
            # table printed on one line (表四: ``未经复议直接起诉  复议后起诉`` over its numbers)
            return None, False, True, True
        if group is not None and matched is None and group in self.ix.data:
            matched, whole = group, True
        if matched is not None and not whole and at + 1 < len(labels):
            # a label wrapped inside its line (``4.无正当理由大量反复  申请``): whole when its pieces join
            m = self.ix.rows.match("".join(labels[at:]))
            whole = m is not None and m.owner == matched and m.how != "prefix"
        if matched is None and not row_seen and len(labels) > 1:
            m = self.ix.rows.match("".join(labels))
            if m is not None and m.owner in self.ix.data:
                matched, whole, row_seen = m.owner, True, True
        return matched, whole, row_seen, header_seen

    # -- assigning values ------------------------------------------------------------------
    def assign(
        self,
        table: ResolvedTable,
        paths: Sequence[str],
        values: list[ValueCell],
        rec: Record,
        order: Sequence[str] | None = None,
    ) -> None:
        """Map printed values (from the left) onto the cells of ``paths`` (one row, or 表四's rows),
        the columns taken in ``order`` (the printed order) when given."""
        key = table.spec.key
        found = self.out.rows_found.setdefault(key, set())
        if key in self.skip:
            found.update(paths)  # only where the rows are matters (the record indexes, done by the caller)
            return
        cells = self.ix.cells_of(table, paths)
        if order is not None and len(paths) == 1:
            # a short row, digits run together, an extra number: all of it in the printed order
            rank = {column: i for i, column in enumerate(order)}
            cells = tuple(sorted(cells, key=lambda cell: rank.get(cell[0].column, len(rank))))
        k = len(cells)
        if len(values) + 1 == k and len(paths) == 1 and not rec.from_grid:
            values = _embedded_first(values, rec)
        elif len(values) > k and rec.from_grid:
            # a grid without its header (a table's page continued): the blank positions of merged
            # cells among the numbers are no columns when the numbers alone fill the row
            filled = [v for v in values if v.raw.strip()]
            if len(filled) == k:
                values = filled
        if paths[0] in found if len(paths) == 1 else any(p in found for p in paths):
            self.out.findings.append(
                Finding(
                    rule_id="read.duplicate_row",
                    severity=Severity.INFO,
                    message_zh=f"{table.spec.number_zh}同一行再次出现，保留第一次读到的数字（{rec.provenance.describe_zh()}）",
                    message_en=f"{table.spec.number_zh}: a row printed again was ignored "
                    f"({rec.provenance.describe_en()})",
                    cells=tuple(ref for ref, _amount in cells[: len(table.column_keys)]),
                    provenance=(rec.provenance,),
                )
            )
            return
        found.update(paths)
        out_cells, out_provenance, out_notes = self.out.cells, self.out.provenance, self.out.annotations
        if len(values) < k:
            chosen = self._try_split(table, [ref for ref, _amount in cells], values, rec)
            if chosen is not None:
                for (ref, amount), (printed, prov, note) in zip(cells, chosen, strict=False):
                    out_cells[ref] = Decimal(printed) if amount and isinstance(printed, int) else printed
                    out_provenance[ref] = prov
                    if note:
                        out_notes[ref] = note
                return
            count = sum(1 for v in values if v.parsed is not None)
            short = self.out.short_rows.setdefault(key, [])
            short.extend((p, count) for p in paths)
        elif (
            len(values) > k
            and len(paths) == 1
            and (check := local_check(refs := [r for r, _a in cells], self.relations))
        ):
            # a column the header did not name: the relations say which number it printed, or nothing is read
            values = self._drop_extra(table, refs, values, rec, check)
        elif len(values) > k:
            self.out.findings.append(
                Finding(
                    rule_id="read.extra_values",
                    severity=Severity.WARNING,
                    message_zh=f"{table.spec.number_zh}一行印有{len(values)}个数字，多于{k}列，多余的已忽略"
                    f"（{rec.provenance.describe_zh()}）",
                    message_en=f"{table.spec.number_zh}: a row prints {len(values)} numbers "
                    f"for {k} columns; "
                    f"the extra ones were ignored ({rec.provenance.describe_en()})",
                    cells=tuple(ref for ref, _amount in cells),
                    provenance=(rec.provenance,),
                    data={"raw": [v.provenance.raw for v in values]},
                )
            )
        for (ref, amount), v in zip(cells, values, strict=False):
            parsed = v.parsed
            if parsed is None:
                out_cells[ref] = None
            else:
                printed = parsed.value
                out_cells[ref] = Decimal(printed) if amount and isinstance(printed, int) else printed
                if parsed.annotation:
                    out_notes[ref] = parsed.annotation
            out_provenance[ref] = v.provenance

    # -- walking the records --------------------------------------------------------------
    def walk(self, records: Sequence[Record]) -> None:
        """Read every table row printed in ``records`` (one grid, or the text lines).

        A row's numbers are on its label's line, or on a following line (a wrapped label), or —
        in text extracted from PDFs, where numbers are centred vertically — on the line just
        before a label printed without numbers ("floating" numbers).
        """
        grid = bool(records) and records[0].from_grid
        self.starts = self._value_columns(records) if grid else {}
        self.header_cols = header_columns(self.resolved.tables, records, self._table_of) if grid else {}
        self.header_pos = {  # table → the grid columns of each of its columns, in template order
            key: [
                next((c, end) for c, (k, end) in mapping.items() if k == col)
                for col in self.ix.tables[key].column_keys
            ]
            for key, mapping in self.header_cols.items()
        }
        # a table in ``skip`` is only located, its values are not read: its column order does not matter
        read = [t for t in self.resolved.tables if t.spec.key not in self.skip]
        self.orders = printed_orders(read, records)
        pending: str | None = None
        floating: int | None = None  # position (in orphans) of numbers waiting for their label
        orphans: dict[int, Record] = {}
        anchors: dict[str, int] = {}
        # the row being read: its numbers may go on over the next lines (one cell per line)
        open_row: tuple[str, list[ValueCell], Record] | None = None
        # a 小计 row printed without its group label: it belongs to the group of the next row read
        subtotal: Record | None = None

        def close() -> None:
            nonlocal open_row
            if open_row is not None:
                owner, values, rec = open_row
                # a line holding more numbers than the row (not numbers gathered one per line)
                if len(rec.values) <= self._width(owner) or not self._wrapped_row(owner, rec, records):
                    self._assign_owner(owner, values, rec)
                open_row = None

        for pos, rec in enumerate(records):
            if rec.blank:
                continue
            matched, whole, row_seen, header_seen = self.classify(rec)
            if matched is None and rec.values and rec.labels and label_key(rec.labels[-1]) == _SUBTOTAL:
                close()
                subtotal, pending, floating = rec, None, None
                continue
            if (
                matched is None
                and not rec.values
                and len(rec.labels) == 1
                and pending in self.ix.data
                and label_key(rec.labels[0]) == _SUBTOTAL
            ):
                # printed one cell per line: ``（三）不予公开`` / ``小计`` / its numbers
                self.out.table_records.add(rec.index)
                continue
            if matched is not None:
                close()
                if subtotal is not None:
                    self._subtotal_of_group(matched, subtotal)
                    subtotal = None
                table_key = matched.split(_SEP, 1)[0]
                anchors.setdefault(table_key, pos)
                self.out.table_records.add(rec.index)
                if rec.values:
                    open_row, pending = (matched, list(rec.values), rec), None
                elif (
                    whole
                    and floating is not None
                    and floating in orphans
                    # more numbers than the row has columns: a whole table's line, not this row's
                    and len(orphans[floating].values) <= self._width(matched)
                ):
                    early = orphans.pop(floating)
                    self.out.table_records.add(early.index)
                    open_row, pending = (matched, list(early.values), early), None
                else:
                    pending = matched
                    self.out.rows_labelled.setdefault(table_key, set()).add(matched.split(_SEP, 1)[1])
                floating = None
            elif rec.values:
                if open_row is not None and not rec.labels and len(open_row[1]) < self._reach(open_row[0]):
                    self.out.table_records.add(rec.index)
                    open_row[1].extend(rec.values)
                elif pending is not None and not row_seen:  # a vertical label fragment may look like a header
                    close()
                    self.out.table_records.add(rec.index)
                    open_row, pending, floating = (pending, list(rec.values), rec), None, None
                elif not rec.labels or header_seen:
                    close()
                    orphans[pos] = rec
                    floating = None if header_seen else pos
            elif header_seen or row_seen:
                close()
                self.out.table_records.add(rec.index)
                pending = None
                if header_seen:
                    floating = None
                for seg in rec.labels:
                    h = self.ix.headers.match(seg) or self.ix.rows.match(seg)
                    if h is not None:
                        anchors.setdefault(h.owner.split(_SEP, 1)[0], pos)
        close()
        self._single_line_tables(records, sorted(orphans.items()), anchors)

    def _subtotal_of_group(self, owner: str, subtotal: Record) -> None:
        """A ``小计`` row printed above ``owner`` without a group label: the subtotal row of its group,
        when the layout (category subtotal rows) gives that group numbers."""
        table_key, path = owner.split(_SEP, 1)
        group = f"{table_key}{_SEP}{path.rsplit('.', 1)[0]}" if "." in path else None
        if group is None or group not in self.ix.data:
            return
        self.out.table_records.add(subtotal.index)
        self._assign_owner(group, list(subtotal.values), subtotal)

    def _value_columns(self, records: Sequence[Record]) -> dict[str, int]:
        """Grids: the grid column of each table's first value column, from the header cell naming it
        (自然人, 本年制发件数 …).  A row whose first printed value sits further right had blank
        cells in front (``None``, not shifted).  Without such a header, rows are read from the left
        (merged cells make the columns of header-less fragments unreliable)."""
        starts: dict[str, int] = {}
        firsts = self.ix.first_columns
        for rec in records:
            if rec.columns and not rec.values:
                for ci, text in enumerate(rec.columns):
                    for table in firsts.get(label_key(text) if text else "", ()):
                        if table not in starts:
                            starts[table] = ci
        return starts

    def _table_of(self, rec: Record) -> str | None:
        owner = self.classify(rec)[0]
        return owner.split(_SEP, 1)[0] if owner is not None else None

    def _width(self, owner: str) -> int:
        width = self.ix.widths.get(owner)
        if width is None:
            width = self.ix.widths[owner] = len(self.ix.tables[owner.split(_SEP, 1)[0]].column_keys)
        return width

    def _reach(self, owner: str) -> int:
        """How many numbers printed one per line after ``owner``'s label are its own: its table's
        width, or every cell of a table printed on one line (表四) whose other rows were printed as
        labels without numbers (its header, one cell per line)."""
        table_key, path = owner.split(_SEP, 1)
        table = self.ix.tables[table_key]
        width = self._width(owner)
        if table.spec.single_line and path == table.row_paths[-1]:
            labelled = self.out.rows_labelled.get(table_key, set())
            if all(p in labelled for p in table.row_paths[:-1]):
                return width * len(table.row_paths)
        return width

    def _assign_owner(self, owner: str, values: list[ValueCell], rec: Record) -> None:
        table_key, path = owner.split(_SEP, 1)
        table = self.ix.tables[table_key]
        if table.spec.single_line and len(values) == len(table.row_paths) * self._width(owner) > self._width(
            owner
        ):
            self.assign(table, table.row_paths, values, rec)  # 表四 under its header, one cell per line
            return
        start = self.starts.get(table_key)
        by_header = self.header_cols.get(table_key)
        if by_header is not None and rec.first_col is not None:
            # take each value from the grid column its header names (any printed column order)
            table = self.ix.tables[table_key]
            n = len(values)
            picked: list[ValueCell] = []
            blank: ValueCell | None = None
            for gc, end in self.header_pos[table_key]:
                # under a header merged over several grid columns the value may sit in any of them
                lo, hi = max(gc - rec.first_col, 0), min(end - rec.first_col, n - 1)
                if lo <= hi:
                    picked.append(
                        next((values[j] for j in range(lo, hi + 1) if values[j].raw.strip()), values[lo])
                    )
                else:
                    if blank is None:
                        blank = ValueCell(None, rec.provenance, "")
                    picked.append(blank)
            self.assign(table, [path], picked, rec)
            return
        order = self.orders.get(table_key)  # the printed column order, when not the template's
        if order is None and start is not None and rec.first_col is not None and rec.first_col > start:
            values = [ValueCell(None, rec.provenance, "") for _ in range(rec.first_col - start)] + values
        self.assign(self.ix.tables[table_key], [path], values, rec, order)


def read_tables(
    resolved: ResolvedLayout, sources: Sequence[Sequence[Record]], *, skip: Collection[str] = ()
) -> list[TableReading]:
    """Read the tables from each source (each grid, then the text lines), one reading per source.

    The rows of the tables in ``skip`` are only located (``rows_found`` and ``table_records``),
    their values are not read: the caller takes them from another source.
    """
    out = []
    for records in sources:
        reading = TableReading()
        reader = _Reader(resolved, reading, skip)
        reader.walk(records)
        reader.resolve_ambiguous()
        out.append(reading)
    return out
