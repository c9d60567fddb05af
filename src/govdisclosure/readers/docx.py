"""Built-in plugin: the Word (.docx) reader (the ``[docx]`` extra: ``pip install 'govdisclosure[docx]'``).

python-docx opens the package (imported only when a Word file is read); the body is then walked
in document order: paragraphs become text lines (``p[N]``, line N), tables become grids with
merged cells expanded — ``gridSpan`` (and the legacy ``hMerge``) across, ``vMerge`` down, and
``gridBefore`` leading gaps — the copies marked ``spanned``.  Content controls (``w:sdt``) are
descended into.  A table whose cells hold tables is page layout (a Word template that puts the
whole report in a one-cell box): its cells are walked like the body, paragraphs becoming lines
(``table[1]/tr[1]/td[1]/p[N]``) and the nested tables grids of their own; so is a one-column
table printing no official label (a frame around prose).  Other tables printing no official label
(metadata boxes) are dropped.  The old binary ``.doc`` format is refused with a clear
:class:`~govdisclosure.errors.ReadError`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..errors import GovDisclosureError, ReadError
from ..findings import Provenance
from ..plugins import hookimpl
from ..reading import ReadResult
from .base import Document, GridCell, GridRow, TextLine
from .grids import MAX_COLSPAN, MAX_GRID_CELLS, assemble_document, clean_text, is_report_grid, report_labels

__all__ = ["DocxReader", "docx_document", "gd_register_readers"]

DOCX_EXTRA_HINT = "需要安装 Word 支持 Word support is not installed: pip install 'govdisclosure[docx]'"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_TABLE_DEPTH = 16

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR, _HYPHEN = (f"{_W}{t}" for t in ("t", "tab", "br", "cr", "noBreakHyphen"))
_VAL = f"{_W}val"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for el in p.iter(_T, _TAB, _BR, _CR, _HYPHEN):
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _TAB:
            parts.append("\t")
        elif el.tag == _HYPHEN:
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _blocks(parent: Any) -> list[Any]:
    """The paragraphs and tables directly in ``parent``, content controls unwrapped."""
    out: list[Any] = []
    stack = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag in (_P, _TBL):
            out.append(child)
        elif child.tag == _SDT and len(stack) < 32:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                stack.append(iter(content))
    return out


def _rows(tbl: Any) -> list[Any]:
    """The rows of a table (content-control wrapped rows included, nested tables' rows not)."""
    out: list[Any] = []
    for child in tbl:
        if child.tag == _TR:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(x for x in content if x.tag == _TR)
    return out


def _int(el: Any, name: str, default: int) -> int:
    node = el.find(f"{_W}{name}") if el is not None else None
    if node is None:
        return default
    try:
        return int(str(node.get(_VAL, default)))
    except ValueError:
        return default


class _Builder:
    def __init__(self, source: str, labels: frozenset[str]) -> None:
        self.source = source
        self.labels = labels
        self.items: list[TextLine | tuple[int, tuple[GridRow, ...]]] = []
        """Text lines and ``(table index, report grid)`` in document order."""
        self.paragraphs = 0
        self.tables = 0

    def walk(self, body: Any) -> None:
        """Walk the document body: paragraphs are lines ``p[N]``, tables go to :meth:`table`."""
        for block in _blocks(body):
            if block.tag == _P:
                self.paragraphs += 1
                self.paragraph(block, element=f"p[{self.paragraphs}]", line=self.paragraphs)
            else:
                self.table(block, 0)

    def paragraph(self, p: Any, *, element: str, line: int | None) -> None:
        raw = _paragraph_text(p)
        text = clean_text(raw)
        if text:
            prov = Provenance(source=self.source, line=line, element=element, raw=raw.strip())
            self.items.append(TextLine(text=text, provenance=prov))

    def container(self, cells: list[tuple[str, list[Any]]], depth: int) -> None:
        """A layout table: every cell is walked like the body (its paragraphs, then its tables, in order)."""
        for element, blocks in cells:
            k = 0
            for block in blocks:
                if block.tag == _P:
                    k += 1
                    self.paragraph(block, element=f"{element}/p[{k}]", line=None)
                elif depth < MAX_TABLE_DEPTH:
                    self.table(block, depth + 1)

    def table(self, tbl: Any, depth: int) -> None:
        """A report grid, a layout table (holds tables, or one column printing no labels), or dropped."""
        self.tables += 1
        index = self.tables
        rows: list[list[GridCell]] = []
        cells: list[tuple[str, list[Any]]] = []
        holds_table = False
        size = 0
        for r, tr in enumerate(_rows(tbl), start=1):
            tr_pr = tr.find(f"{_W}trPr")
            col = max(0, min(_int(tr_pr, "gridBefore", 0), MAX_COLSPAN))
            row: list[GridCell] = [GridCell(text="", provenance=Provenance(source=self.source))] * col
            for c, child in enumerate((x for x in tr if x.tag in (_TC, _SDT)), start=1):
                tc = child.find(f"{_SDT_CONTENT}/{_TC}") if child.tag == _SDT else child
                if tc is None:
                    continue
                tc_pr = tc.find(f"{_W}tcPr")
                span = max(1, min(_int(tc_pr, "gridSpan", 1), MAX_COLSPAN))
                vmerge = tc_pr.find(f"{_W}vMerge") if tc_pr is not None else None
                hmerge = tc_pr.find(f"{_W}hMerge") if tc_pr is not None else None
                blocks = _blocks(tc)
                element = f"table[{index}]/tr[{r}]/td[{c}]"
                cells.append((element, blocks))
                holds_table = holds_table or any(b.tag == _TBL for b in blocks)
                raw = "\n".join(_paragraph_text(b) for b in blocks if b.tag == _P)
                cell = GridCell(
                    text=clean_text(raw),
                    provenance=Provenance(source=self.source, element=element, raw=raw.strip()),
                )
                if vmerge is not None and vmerge.get(_VAL, "continue") != "restart" and rows:
                    above = rows[-1][col] if col < len(rows[-1]) else None
                    if above is not None:
                        cell = GridCell(text=above.text, provenance=above.provenance, spanned=True)
                elif hmerge is not None and hmerge.get(_VAL, "continue") != "restart" and row:
                    left = row[-1]
                    cell = GridCell(text=left.text, provenance=left.provenance, spanned=True)
                row.append(cell)
                row.extend([GridCell(text=cell.text, provenance=cell.provenance, spanned=True)] * (span - 1))
                col += span
            rows.append(row)
            size += len(row)
            if size > MAX_GRID_CELLS:
                break
        if holds_table and depth < MAX_TABLE_DEPTH:
            self.container(cells, depth)
            return
        width = max((len(r) for r in rows), default=0)
        blank = GridCell(text="", provenance=Provenance(source=self.source, element=f"table[{index}]"))
        grid = tuple(GridRow(cells=tuple(r + [blank] * (width - len(r)))) for r in rows)
        if grid and is_report_grid(grid, self.labels):
            self.items.append((index, grid))
        elif width == 1:
            self.container(cells, depth)  # a one-column frame around text: read as paragraphs


def _load_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise ReadError(DOCX_EXTRA_HINT) from None
    return docx


def docx_document(data: bytes, *, source: str, labels: frozenset[str]) -> Document:
    """Read the paragraphs and report tables of a .docx file (see the module docstring)."""
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            "旧版Word(.doc)格式不受支持，请另存为.docx  the old binary .doc format is not supported; "
            "save the file as .docx",
            source=source,
        )
    docx = _load_docx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(max(0, i.file_size) for i in zf.infolist()) > MAX_UNCOMPRESSED:
                raise ReadError("Word文件解压后过大 the .docx unpacks to too much data", source=source)
        body = docx.Document(io.BytesIO(data)).element.body
        builder = _Builder(source, labels)
        builder.walk(body)
    except GovDisclosureError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many unrelated types on damaged files
        raise ReadError(
            f"无法解析Word文件 cannot parse the .docx file: {type(exc).__name__}: {exc}"[:300], source=source
        ) from exc
    lines: list[TextLine] = []
    grids: list[tuple[GridRow, ...]] = []
    for item in builder.items:
        if isinstance(item, TextLine):
            lines.append(item)
            continue
        index, grid = item
        grids.append(grid)
        for r, row in enumerate(grid, start=1):
            texts = [c.text for c in row.cells if not c.spanned]
            if any(texts):
                prov = Provenance(source=source, element=f"table[{index}]/tr[{r}]", raw="\t".join(texts))
                lines.append(TextLine(text="\t".join(texts), provenance=prov))
    return Document(source=source, lines=tuple(lines), grids=tuple(grids))


@frozen
class DocxReader:
    """Reads a report published as a Word .docx file."""

    name: str = "docx"
    suffixes: tuple[str, ...] = (".docx", ".docm")

    def sniff(self, head: bytes, name: str) -> float:
        """0.9 for a zip holding ``word/``; 0.6 for a zip or an old .doc named like a Word file."""
        if head.startswith(b"PK\x03\x04"):
            if b"word/" in head:
                return 0.9
            return 0.6 if name.lower().endswith(self.suffixes) else 0.0
        if head.startswith(_OLE_MAGIC) and name.lower().endswith((".doc", ".docx")):
            return 0.5
        return 0.0

    def document(self, data: bytes, *, source: str, registry: Any) -> Document:
        """The paragraphs and report grids of the file (before assembly)."""
        return docx_document(data, source=source, labels=report_labels(registry))

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        """Read the report in a .docx file; :class:`~govdisclosure.errors.ReadError` if it holds none."""
        return assemble_document(
            self.document(data, source=source, registry=registry), registry=registry, reader=self.name
        )


@hookimpl
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register the Word reader."""
    register(DocxReader())
