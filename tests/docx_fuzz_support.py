"""Hostile Word packages built in memory (zipfile and string templates; python-docx's writer is slow).

Used by ``test_read_fuzz_docx.py`` (more than 10,000 malformed inputs) and the linear-time checks
(``test_read_fuzz_linear.py``, ``benchmarks/bench_read_linear_formats.py``).  Every package holds the
three parts a reader needs — ``[Content_Types].xml``, ``_rels/.rels`` and ``word/document.xml`` —
unless a case leaves one out on purpose.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from pathlib import Path

from hypothesis import strategies as st

CORPUS = Path(__file__).parent / "data" / "corpus"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="{type}" Target="{target}"{mode}/></Relationships>'
)


def rels(target: str = "word/document.xml", *, type_: str = OFFICE_DOCUMENT, mode: str = "") -> bytes:
    """A package relationships part pointing the main document at ``target``."""
    return RELS.format(type=type_, target=target, mode=mode).encode()


def package(
    document: bytes | None,
    *,
    content_types: bytes | None = None,
    package_rels: bytes | None = None,
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_STORED,
) -> bytes:
    """A .docx package; ``document=None`` leaves ``word/document.xml`` out."""
    parts = {
        "[Content_Types].xml": content_types or CONTENT_TYPES.format(main=DOCUMENT_MAIN).encode(),
        "_rels/.rels": package_rels if package_rels is not None else rels(),
    }
    if document is not None:
        parts["word/document.xml"] = document
    parts.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


def document_xml(body: str, *, prolog: str = "") -> bytes:
    """``word/document.xml`` around ``body`` (``prolog`` goes before the root: a DTD, say)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W}>'
    return f"{head}<w:body>{body}</w:body></w:document>".encode()


def p(text: str) -> str:
    """A paragraph of one run."""
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def tc(text: str, props: str = "") -> str:
    """A table cell (``props`` inside ``w:tcPr``)."""
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


@functools.cache
def report_docx() -> bytes:
    """The corpus report 102 as written by the DOCX writer (every part Word writes)."""
    from corpus_support import report_from_expected
    from govdisclosure.plugins.registry import default_registry

    return bytes(default_registry().writers["docx"].write(report_from_expected("102")))


@functools.cache
def report_document_xml() -> bytes:
    """The main document part of :func:`report_docx`: a real report's paragraphs and tables."""
    with zipfile.ZipFile(io.BytesIO(report_docx())) as zf:
        return zf.read("word/document.xml")


@functools.cache
def minimal_report_docx() -> bytes:
    """The report's document part in a minimal (stored, uncompressed) package: cheap to read."""
    return package(report_document_xml())


def with_body_suffix(xml: bytes, extra: bytes) -> bytes:
    """The document part with ``extra`` (body XML) added at the end of the body."""
    i = xml.rindex(b"</w:body>")
    j = xml.rfind(b"<w:sectPr", 0, i)
    at = j if j > 0 else i
    return xml[:at] + extra + xml[at:]


# -- hostile bodies ------------------------------------------------------------------------------


def nested_tables(depth: int) -> str:
    """``w:tbl`` inside ``w:tc`` ``depth`` times (lxml refuses beyond 256 element levels)."""
    return "<w:tbl><w:tr><w:tc>" * depth + p("自然人") + "</w:tc></w:tr></w:tbl>" * depth


def grid_spans(n: int, span: int) -> str:
    """One row of ``n`` cells each spanning ``span`` columns."""
    cells = tc("1", f'<w:gridSpan w:val="{span}"/>') * n
    return f"<w:tbl><w:tr>{tc('规章')}{cells}</w:tr><w:tr>{tc('自然人')}</w:tr></w:tbl>"


def vmerge_chain(n: int, width: int) -> str:
    """A row of labels, then ``n`` + 1 rows of ``width`` cells, each continuing the merge of the one above."""
    labels = "<w:tr>" + tc("自然人") + tc("行政复议") * (width - 1) + "</w:tr>"
    first = labels + "<w:tr>" + tc("总计", '<w:vMerge w:val="restart"/>') * width + "</w:tr>"
    rest = ("<w:tr>" + tc("", "<w:vMerge/>") * width + "</w:tr>") * n
    return f"<w:tbl>{first}{rest}</w:tbl>"


def many_cells(rows: int, cols: int) -> str:
    """A ``rows`` x ``cols`` table printing labels and digits."""
    row = "<w:tr>" + tc("行政复议") + tc("7") * (cols - 1) + "</w:tr>"
    return "<w:tbl>" + row * rows + "</w:tbl>"


def empty_rows(n: int, wide: int) -> str:
    """One very wide row, then ``n`` empty rows (padding them to the width would be a memory bomb)."""
    return "<w:tbl><w:tr>" + tc("规章") * wide + "</w:tr>" + "<w:tr/>" * n + "</w:tbl>"


def huge_run(n: int) -> str:
    """A paragraph of one run of ``n`` characters."""
    return p("规" * n)


def many_runs(n: int) -> str:
    """A paragraph of ``n`` runs (digits split over runs: ``<w:r>1</w:r><w:r>2</w:r>``)."""
    return "<w:p>" + "<w:r><w:t>1</w:t></w:r><w:r><w:tab/></w:r>" * n + "</w:p>"


def sdt_nesting(depth: int) -> str:
    """Content controls nested ``depth`` deep around a paragraph."""
    return "<w:sdt><w:sdtContent>" * depth + p("规章") + "</w:sdtContent></w:sdt>" * depth


def billion_laughs(levels: int) -> bytes:
    """The classic entity expansion: 10 ** ``levels`` copies of ``lol`` if entities were expanded."""
    ents = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)
    )
    return document_xml(p(f"&lol{levels};"), prolog=f"<!DOCTYPE w:document [{ents}]>")


def external_entity(path: Path) -> bytes:
    """A document printing the contents of a local file, if external entities were resolved."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>'
    return document_xml(p("规章&xxe;"), prolog=prolog)


def external_dtd() -> bytes:
    """A document whose DTD lives on the network."""
    return document_xml(p("规章"), prolog='<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">')


# -- zip bombs -----------------------------------------------------------------------------------


def _deflated_filler(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MiB of ``<`` built without compressing them all."""
    chunk = b"<" * 2**20
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    steady = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    stream = head + steady * (megabytes - 1) + c.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def _entry(name: str, payload: bytes, size: int, crc: int, method: int, flags: int) -> tuple[bytes, bytes]:
    """The local header (with the payload) and the central directory record of one zip entry."""
    fname = name.encode()
    fields = (20, flags, method, 0, 0x21, crc, len(payload), size, len(fname), 0)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + fname + payload
    central = struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIHH", *fields)
    return local, central + struct.pack("<HHHII", 0, 0, 0, 0, 0) + fname


def raw_zip(entries: list[tuple[str, bytes, int, int, int]], *, flags: int = 0) -> bytes:
    """A zip written by hand: ``(name, payload, declared size, crc, method)`` each (lies allowed);
    ``flags`` is every entry's general purpose bit flag (1: encrypted)."""
    body = b""
    directory = b""
    for name, payload, size, crc, method in entries:
        local, central = _entry(name, payload, size, crc, method, flags)
        central = central[:42] + struct.pack("<I", len(body)) + central[46:]
        body += local
        directory += central
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    return body + directory + end


@functools.cache
def zip_bomb(megabytes: int = 400, *, declared: int | None = None, part: str = "word/document.xml") -> bytes:
    """A small package whose ``part`` inflates to ``megabytes`` MiB (declaring ``declared`` bytes)."""
    stream, crc = _deflated_filler(megabytes)
    size = megabytes * 2**20 if declared is None else declared
    small = [
        ("[Content_Types].xml", CONTENT_TYPES.format(main=DOCUMENT_MAIN).encode()),
        ("_rels/.rels", rels()),
    ]
    entries = [(n, d, len(d), zlib.crc32(d), 0) for n, d in small if n != part]
    entries.append((part, stream, size, crc, zipfile.ZIP_DEFLATED))
    return raw_zip(entries)


def raw_package(document: bytes, *, method: int = 0, flags: int = 0, declared: int | None = None) -> bytes:
    """A hand-written package whose document part is stored as given under ``method`` and ``flags``."""
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES.format(main=DOCUMENT_MAIN).encode()),
        ("_rels/.rels", rels()),
    ]
    entries = [(n, d, len(d), zlib.crc32(d), 0) for n, d in parts]
    size = len(document) if declared is None else declared
    entries.append(("word/document.xml", document, size, zlib.crc32(document), method))
    return raw_zip(entries, flags=flags)


def hostile_packages() -> list[tuple[str, bytes]]:
    """Fixed hostile packages: (what, bytes).  None of them holds a readable report."""
    decl = '<?xml version="1.0" encoding="UTF-8"?>'
    body = document_xml(p("规章"))
    out = [(f"billion laughs {n}", package(billion_laughs(n))) for n in (0, 1, 2, 5, 9)]
    out += [
        ("external DTD", package(external_dtd())),
        ("external entity", package(external_entity(Path("/etc/hostname")))),
        ("no document part", package(None)),
        (
            "external main part",
            package(body, package_rels=rels("http://x/d.xml", mode=' TargetMode="External"')),
        ),
        ("no office relationship", package(body, package_rels=rels(type_="urn:not-office"))),
        ("no relationships part", package(body, package_rels=b"").replace(b"_rels/.rels", b"_rels/.xxxx")),
        ("undefined prefix", package(f"{decl}<x:document><x:body/></x:document>".encode())),
        (
            "strict OOXML namespace",
            package(document_xml("").replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/w")),
        ),
        ("styles root", package(f"{decl}<w:styles {W}/>".encode())),
        ("no body", package(f"{decl}<w:document {W}/>".encode())),
        ("undefined prefix inside", package(document_xml("<w:p><x:r/></w:p>"))),
        ("empty part", package(b"")),
        ("unknown encoding", package(b'<?xml version="1.0" encoding="x-unknown"?><a/>')),
        ("XML 1.1", package(b'<?xml version="1.1"?><w:document/>')),
        ("latin-1 body", package(document_xml("").replace(b"UTF-8", b"latin-1") + b"\xff")),
        ("UTF-16 declared UTF-8", package(document_xml(p("规章")).decode().encode("utf-16-le"))),
        ("directory as document", package(None, extra={"word/document.xml/": b""})),
        ("encrypted entry", raw_package(body, flags=1)),
        ("unknown compression", raw_package(body, method=99)),
        ("bzip2 garbage", raw_package(body, method=12)),
        ("lzma garbage", raw_package(body, method=14)),
        ("deflate garbage", raw_package(body, method=8)),
        ("declared too small", raw_package(body, declared=10)),
        ("declared too large", raw_package(body, declared=len(body) + 10)),
        ("declared huge", raw_package(body, declared=2**32 - 1)),
    ]
    for target in (
        "word/missing.xml",
        "../../../etc/passwd",
        "/",
        "",
        "word/",
        "[Content_Types].xml",
        "_rels/.rels",
    ):
        out.append((f"main part {target!r}", package(body, package_rels=rels(target))))
    return out


# -- strategies ----------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, base: bytes, max_ops: int = 4) -> bytes:
    """``base`` truncated, with bytes flipped, deleted, inserted and blocks swapped."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, max_ops))):
        if not data:
            break
        op = draw(st.sampled_from(["truncate", "flip", "delete", "insert", "swap"]))
        i = draw(st.integers(0, len(data) - 1))
        if op == "truncate":
            del data[i:]
        elif op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 4096))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        else:
            j = draw(st.integers(0, len(data) - 1))
            a, b = sorted((i, j))
            n = min(draw(st.integers(1, 2048)), b - a)
            data[a : a + n], data[b : b + n] = data[b : b + n], data[a : a + n]
    return bytes(data)


# -- big inputs for the linear-time checks (Word and HTML) ----------------------------------------

MB = 2**20
_PROSE = "政府信息公开工作持续推进，依法依规做好主动公开和依申请公开，回应社会关切。"
_NAV = (
    '<div class="nav"><ul><li><a href="/col/1.html">首页</a></li><li><a href="/col/2.html">政务公开</a></li>'
    f'<li><a href="/col/3.html">政策文件</a></li></ul></div><div class="box"><p>{_PROSE}</p>'
    "<p><span>第</span><span>1</span><span>页</span>&nbsp;</p><!-- footer --></div>\n"
)
_HTML_ROWS = (
    "<tr><td rowspan=2>行政复议</td><td><span>1</span><span>2</span></td><td>-</td><td>3</td></tr>"
    "<tr><td>规章</td><td colspan=2>22（其中修订16件）</td><td>&nbsp;</td></tr>\n"
)
_W_PARAGRAPH = p(_PROSE) + p("<w:tab/>".join(["1", "2", "3"]).replace("<w:tab/>", "</w:t><w:tab/><w:t>"))
_W_ROWS = (
    "<w:tr>"
    + tc("行政复议", '<w:vMerge w:val="restart"/>')
    + tc("12", '<w:gridSpan w:val="2"/>')
    + tc("-")
    + "</w:tr><w:tr>"
    + tc("", "<w:vMerge/>")
    + tc("规章")
    + tc("22（其中修订16件）")
    + tc("")
    + "</w:tr>"
)


def report_page() -> bytes:
    """The real crawled report page 102 (a whole government page, about 110 KB)."""
    return (CORPUS / "102-shuyang-fagaiju-2023.html").read_bytes()


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


def big_html_page(size: int) -> bytes:
    """Page 102 with ``size`` bytes of navigation, markup and paragraphs around the report."""
    page = report_page()
    half = _repeat(_NAV, size // 2).encode()
    at = page.index(b"<body>") + len(b"<body>")
    end = page.rindex(b"</body>")
    return page[:at] + half + page[at:end] + half + page[end:]


def big_html_table(size: int) -> bytes:
    """Page 102 followed by one table of ``size`` bytes (labels, split numbers, spans, placeholders)."""
    page = report_page()
    end = page.rindex(b"</body>")
    table = f"<table>{_repeat(_HTML_ROWS, size)}</table>".encode()
    return page[:end] + table + page[end:]


def _docx_with_body_suffix(extra: str) -> bytes:
    """The report as Word writes it (every part, deflated) with ``extra`` appended to its body."""
    xml = with_body_suffix(report_document_xml(), extra.encode())
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(report_docx())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        for info in src.infolist():
            zf.writestr(info.filename, xml if info.filename == "word/document.xml" else src.read(info))
    return out.getvalue()


def big_docx_paragraphs(size: int) -> bytes:
    """The report in Word followed by ``size`` bytes of document.xml paragraphs (small when zipped)."""
    return _docx_with_body_suffix(_repeat(_W_PARAGRAPH, size))


def big_docx_table(size: int) -> bytes:
    """The report in Word followed by one table of ``size`` bytes (merges, spans, labels, annotations)."""
    return _docx_with_body_suffix(f"<w:tbl>{_repeat(_W_ROWS, size)}</w:tbl>")


def document_part_size(data: bytes) -> int:
    """The inflated size of a package's ``word/document.xml``."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.getinfo("word/document.xml").file_size


def big_html_unclosed(size: int) -> bytes:
    """Tables in divs never closed, one inside the other, then as many unclosed paragraphs: ``size`` bytes."""
    unit = "<div><table><tr><td rowspan=2>规章</td><td><span>1</span><span>2</span></td></tr>"
    n = max(1, -(-size // (len(unit.encode()) + 3)))
    return (unit * n + "<p>" * n).encode()
