"""Built-in plugin: the Word (.docx) reader (the ``[docx]`` extra: ``pip install 'govdisclosure[docx]'``).

The package is opened with :mod:`zipfile` and only its main document part (found through
``_rels/.rels``, ``word/document.xml`` by default) is parsed, with the lxml that python-docx
brings, by a parser that expands no entities, loads no DTD and touches no network; a part that
declares a DTD is refused (Word never writes one).  Sizes are checked *before* inflating: a part
declaring more than :data:`MAX_PART_BYTES` (a zip bomb) is refused, and a part that inflates to more
than it declared fails its checksum.  The body is then walked in document order: paragraphs become
text lines (``p[N]``, line N), tables become grids with merged cells expanded — ``gridSpan`` (and
the legacy ``hMerge``) across, ``vMerge`` down, and ``gridBefore`` leading gaps — the copies marked
``spanned``; a table stops growing at :data:`~govdisclosure.readers.grids.MAX_COLUMNS` columns and
:data:`~govdisclosure.readers.grids.MAX_GRID_CELLS` positions, so reading time and memory stay
linear in the input.  Content controls (``w:sdt``) are descended into.  A table whose cells hold
tables is page layout (a Word template that puts the whole report in a one-cell box): its cells
are walked like the body, paragraphs becoming lines (``table[1]/tr[1]/td[1]/p[N]``) and the nested
tables grids of their own; so is a one-column table printing no official label (a frame around
prose).  Other tables printing no official label (metadata boxes) are dropped.  The old binary
``.doc`` format is refused with a clear :class:`~govdisclosure.errors.ReadError`; so is every damaged
package, naming the file and the part.
"""

from __future__ import annotations

import importlib
import io
import posixpath
import zipfile
from collections.abc import Callable
from typing import Any

from attrs import frozen

from ..errors import GovDisclosureError, ReadError
from ..findings import Provenance
from ..plugins import hookimpl
from ..reading import ReadResult
from .base import Document, GridCell, GridRow, TextLine
from .grids import (
    MAX_COLSPAN,
    MAX_COLUMNS,
    MAX_GRID_CELLS,
    assemble_document,
    clean_text,
    is_report_grid,
    report_labels,
)

__all__ = ["DocxReader", "docx_document", "gd_register_readers"]

DOCX_EXTRA_HINT = "需要安装 Word 支持 Word support is not installed: pip install 'govdisclosure[docx]'"
MAX_PART_BYTES = 64 * 1024 * 1024
"""A package part declaring more bytes than this is refused before it is inflated (zip bombs)."""
MAX_TABLE_DEPTH = 16
"""Tables nested deeper than this inside table cells are not walked."""
MAIN_PART = "word/document.xml"
_OFFICE_DOCUMENT = "/officeDocument"
_CHUNK = 2**20
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR, _HYPHEN = (f"{_W}{t}" for t in ("t", "tab", "br", "cr", "noBreakHyphen"))
_TR_PR, _TC_PR, _GRID_BEFORE, _GRID_SPAN, _V_MERGE, _H_MERGE = (
    f"{_W}{t}" for t in ("trPr", "tcPr", "gridBefore", "gridSpan", "vMerge", "hMerge")
)
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
            content = _child(child, _SDT_CONTENT)
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
            content = _child(child, _SDT_CONTENT)
            if content is not None:
                out.extend(x for x in content if x.tag == _TR)
    return out


def _child(el: Any, tag: str) -> Any:
    """The first child of ``el`` with this tag (None when ``el`` is None or has none)."""
    if el is None:
        return None
    for child in el.iterchildren(tag):
        return child
    return None


def _int(el: Any, tag: str, default: int) -> int:
    node = _child(el, tag)
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
        size = width = 0
        for r, tr in enumerate(_rows(tbl), start=1):
            col = max(0, min(_int(_child(tr, _TR_PR), _GRID_BEFORE, 0), MAX_COLSPAN))
            row: list[GridCell] = [GridCell(text="", provenance=Provenance(source=self.source))] * col
            for c, child in enumerate((x for x in tr if x.tag in (_TC, _SDT)), start=1):
                if col >= MAX_COLUMNS:
                    break  # cells beyond the widest real table are dropped
                tc = _child(_child(child, _SDT_CONTENT), _TC) if child.tag == _SDT else child
                if tc is None:
                    continue
                tc_pr = _child(tc, _TC_PR)
                span = max(1, min(_int(tc_pr, _GRID_SPAN, 1), MAX_COLSPAN, MAX_COLUMNS - col))
                vmerge = _child(tc_pr, _V_MERGE)
                hmerge = _child(tc_pr, _H_MERGE)
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
            width = max(width, len(row))
            if size > MAX_GRID_CELLS or len(rows) * width > MAX_GRID_CELLS:
                break
        if holds_table and depth < MAX_TABLE_DEPTH:
            self.container(cells, depth)
            return
        del rows[max(1, MAX_GRID_CELLS // max(width, 1)) :]  # the padded grid stays within the bound
        blank = GridCell(text="", provenance=Provenance(source=self.source, element=f"table[{index}]"))
        grid = tuple(GridRow(cells=tuple(r + [blank] * (width - len(r)))) for r in rows)
        if grid and is_report_grid(grid, self.labels):
            self.items.append((index, grid))
        elif width == 1:
            self.container(cells, depth)  # a one-column frame around text: read as paragraphs


def _load_docx() -> Any:
    """lxml's etree, once the ``[docx]`` extra (python-docx, which brings lxml) is known to be installed."""
    try:
        import docx  # noqa: F401  (the extra's marker: python-docx pulls in lxml)

        return importlib.import_module("lxml.etree")
    except ImportError:
        raise ReadError(DOCX_EXTRA_HINT) from None


def _read_part(zf: zipfile.ZipFile, name: str, source: str) -> bytes:
    """A part's bytes; refused before inflating when it declares more than :data:`MAX_PART_BYTES`."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise ReadError(
            "Word文件缺少部件 the .docx package lacks this part", source=source, place=name
        ) from None
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(
            f"Word文件部件解压后过大 the part unpacks to {info.file_size} bytes, more than {MAX_PART_BYTES}",
            source=source,
            place=name,
        )
    chunks: list[bytes] = []
    left = info.file_size + 1
    with zf.open(info) as f:
        # in steps of 1 MiB: zipfile inflates up to the size asked for before it cuts at the declared
        # size, so one big read of a bomb lying about its size would inflate it whole; the lie then
        # fails the CRC check at the declared size
        while left > 0 and (chunk := f.read(min(_CHUNK, left))):
            chunks.append(chunk)
            left -= len(chunk)
    return b"".join(chunks)


def _parse(etree: Any, data: bytes, source: str, place: str) -> Any:
    """The root element of an XML part: no entity expansion, no DTD, no network, depth bounded by lxml."""
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"XML格式错误 malformed XML: {exc}"[:300], source=source, place=place) from None
    if root.getroottree().docinfo.doctype:
        raise ReadError("Word文件不应包含DTD a .docx part must not declare a DTD", source=source, place=place)
    return root


def _main_part(etree: Any, zf: zipfile.ZipFile, source: str) -> str:
    """The main document part named by the package relationships (``word/document.xml`` if none)."""
    if "_rels/.rels" not in zf.NameToInfo:
        return MAIN_PART
    rels = _parse(etree, _read_part(zf, "_rels/.rels", source), source, "_rels/.rels")
    for rel in rels.iter(_RELS):
        if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            target = posixpath.normpath("/" + str(rel.get("Target", ""))).lstrip("/")
            if target:
                return target
    return MAIN_PART


def _body(data: bytes, source: str) -> tuple[Any, str]:
    """The ``w:body`` element of the package's main document part, and the part's name."""
    etree = _load_docx()
    part = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            part = _main_part(etree, zf, source)
            root = _parse(etree, _read_part(zf, part, source), source, part)
    except GovDisclosureError:
        raise
    except Exception as exc:  # zipfile raises many unrelated types on damaged archives
        raise ReadError(
            f"无法解析Word文件 cannot open the .docx package: {type(exc).__name__}: {exc}"[:300],
            source=source,
            place=part,
        ) from None
    body = root.find(f"{_W}body") if root.tag == f"{_W}document" else None
    if body is None:
        raise ReadError(
            f"不是Word文档 not a Word document (root element {str(root.tag)[:80]})", source=source, place=part
        )
    return body, part


def docx_document(data: bytes, *, source: str, labels: frozenset[str]) -> Document:
    """Read the paragraphs and report tables of a .docx file (see the module docstring)."""
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            "旧版Word(.doc)或WPS(.wps)二进制格式不受支持，请另存为.docx  the old binary .doc/.wps format "
            "is not supported; save the file as .docx",
            source=source,
        )
    body, part = _body(data, source)
    builder = _Builder(source, labels)
    try:
        builder.walk(body)
    except Exception as exc:  # pragma: no cover - defensive: the walk is bounded and typed
        raise ReadError(
            f"无法解析Word文件 cannot read the document: {type(exc).__name__}: {exc}"[:300],
            source=source,
            place=part,
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
        """0.9 for a zip holding ``word/``; 0.6 for a zip named like a Word file; 0.5 for an old binary
        file (OLE) named ``.doc`` or ``.wps``, which :meth:`document` refuses with a clear message."""
        if head.startswith(b"PK\x03\x04"):
            if b"word/" in head:
                return 0.9
            return 0.6 if name.lower().endswith(self.suffixes) else 0.0
        if head.startswith(_OLE_MAGIC) and name.lower().endswith((".doc", ".docx", ".wps")):
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
