"""Built-in plugin: the native JSON and TOML documents as a reader and writers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from .errors import DocumentError, ReadError
from .model import Report
from .plugins import hookimpl
from .reading import ReadResult
from .serialize import dump_json, dump_toml, load_json, load_toml


@frozen
class JsonWriter:
    """Writes the native JSON document (see ``docs/json-format.md``)."""

    name: str = "json"
    suffix: str = ".json"
    binary: bool = False
    media_type: str = "application/json"

    def write(self, report: Report, **options: Any) -> bytes:
        """The report as UTF-8 JSON (no options)."""
        return dump_json(report).encode("utf-8")


@frozen
class TomlWriter:
    """Writes the native TOML document (cells not printed are omitted)."""

    name: str = "toml"
    suffix: str = ".toml"
    binary: bool = False
    media_type: str = "application/toml"

    def write(self, report: Report, **options: Any) -> bytes:
        """The report as UTF-8 TOML (no options)."""
        return dump_toml(report).encode("utf-8")


def _as_read_error(exc: DocumentError, source: str) -> ReadError:
    err = ReadError(str(exc).removeprefix(f"{source}: "), source=source)
    err.__cause__ = exc
    return err


@frozen
class NativeReader:
    """Reads govdisclosure's own JSON or TOML report documents."""

    name: str = "native"
    suffixes: tuple[str, ...] = (".json", ".toml")

    def sniff(self, head: bytes, name: str) -> float:
        """High for a JSON object or TOML text with the ``format`` / ``schema_version`` keys."""
        text = head.lstrip()[:4096]
        if text.startswith(b"{") and b'"format"' in text:
            return 0.95
        if b"schema_version" in text and b"format" in text and not text.startswith(b"<"):
            return 0.9
        return 0.0

    def read(self, data: bytes, *, source: str, registry: Any) -> ReadResult:
        """Load the document (JSON if it starts with ``{``, else TOML); problems raise ``ReadError``."""
        stripped = data.lstrip()
        loader = load_json if stripped.startswith(b"{") else load_toml
        try:
            report = loader(data, registry=registry, source=source)
        except DocumentError as exc:
            raise _as_read_error(exc, source) from exc
        return ReadResult(report=report, source=source, reader=self.name)


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register the ``json`` and ``toml`` writers."""
    register(JsonWriter())
    register(TomlWriter())


@hookimpl
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register the reader of native JSON/TOML documents."""
    register(NativeReader())
