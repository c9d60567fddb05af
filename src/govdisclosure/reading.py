"""Reading reports from files: the reader protocol, the result type and reader selection."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from .errors import ReadError
from .findings import Finding, Provenance
from .layout import CellRef
from .model import Report

__all__ = ["ReadResult", "Reader", "choose_reader", "read_bytes", "read_path"]

SNIFF_BYTES = 64 * 1024


@frozen(kw_only=True)
class ReadResult:
    """A report read from a source, where each value came from, and what the reader noticed."""

    report: Report
    source: str
    reader: str
    provenance: Mapping[CellRef, Provenance] = field(factory=dict, hash=False)
    findings: tuple[Finding, ...] = ()


@runtime_checkable
class Reader(Protocol):
    """What a reader plugin registers through ``gd_register_readers``."""

    name: str
    suffixes: tuple[str, ...]

    def sniff(self, head: bytes, name: str) -> float:
        """How likely (0–1) ``head`` (the first bytes of a file called ``name``) is this reader's kind."""

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        """Read a report; raise :class:`~govdisclosure.errors.ReadError` if it holds none."""


def choose_reader(data: bytes, name: str, registry: Any) -> Reader:
    """The reader with the best sniff score for these bytes (ties: the suffix decides)."""
    head = data[:SNIFF_BYTES]
    suffix = Path(name).suffix.lower()
    best: tuple[float, int, str] | None = None
    chosen: Reader | None = None
    for reader in registry.readers.values():
        try:
            score = float(reader.sniff(head, name))
        except Exception:  # a sniffing plugin must not break reading
            score = 0.0
        rank = (score, 1 if suffix in reader.suffixes else 0, reader.name)
        if score > 0 and (best is None or rank > best):
            best, chosen = rank, reader
    if chosen is None:
        raise ReadError("无法识别的文件类型 unrecognised file type (no reader accepts it)", source=name)
    return chosen


def read_bytes(
    data: bytes, *, source: str = "<bytes>", registry: Any = None, reader: str | None = None
) -> ReadResult:
    """Read a report from bytes with the named reader, or the one that sniffs best."""
    if registry is None:
        from .plugins.registry import default_registry

        registry = default_registry()
    if reader is not None:
        try:
            r: Reader = registry.readers[reader]
        except KeyError:
            raise ReadError(
                f"unknown reader {reader!r} (available: {', '.join(sorted(registry.readers))})", source=source
            ) from None
    else:
        r = choose_reader(data, source, registry)
    return r.read(data, source=source, registry=registry)


def read_path(path: str | Path, *, registry: Any = None, reader: str | None = None) -> ReadResult:
    """Read a report file of any supported type (the file is only read, never modified)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件 cannot read file: {exc.strerror or exc}", source=str(p)) from None
    return read_bytes(data, source=str(p), registry=registry, reader=reader)
