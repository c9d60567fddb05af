"""Writing reports: the writer protocol, rendering by format name, atomic file output."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

from .model import Report

__all__ = ["Writer", "atomic_output", "atomic_write", "render", "write_path"]


@runtime_checkable
class Writer(Protocol):
    """What a writer plugin registers through ``gd_register_writers``."""

    name: str
    suffix: str
    binary: bool

    def write(self, report: Report, **options: Any) -> bytes:
        """Render the report to bytes (text formats are UTF-8)."""


def render(report: Report, fmt: str, *, registry: Any = None, **options: Any) -> bytes:
    """Render ``report`` with the writer registered as ``fmt``."""
    if registry is None:
        from .plugins.registry import default_registry

        registry = default_registry()
    writer: Writer = registry.writer(fmt)
    return writer.write(report, **options)


@contextlib.contextmanager
def atomic_output(path: str | Path, *, text: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only if the block succeeds.

    An existing file keeps its permissions; a new one gets the usual ``0666 & ~umask``.
    """
    p = Path(path)
    try:
        mode = p.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent or Path("."))
    try:
        os.fchmod(fd, mode)
        fh: IO[Any] = os.fdopen(fd, "w", encoding="utf-8", newline="") if text else os.fdopen(fd, "wb")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: an existing file is replaced only if writing succeeded."""
    with atomic_output(path) as fh:
        fh.write(data)


def write_path(
    report: Report, path: str | Path, fmt: str | None = None, *, registry: Any = None, **options: Any
) -> None:
    """Render and write atomically; the format defaults to the one whose suffix matches ``path``."""
    if registry is None:
        from .plugins.registry import default_registry

        registry = default_registry()
    if fmt is None:
        suffix = Path(path).suffix.lower()
        matches = [w.name for w in registry.writers.values() if w.suffix == suffix]
        if not matches:
            raise KeyError(f"no writer for suffix {suffix!r}; pass a format")
        fmt = matches[0]
    atomic_write(path, render(report, fmt, registry=registry, **options))
