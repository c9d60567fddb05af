"""The exceptions govdisclosure raises (on bad *input*; bad *data* gives findings instead)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DocumentError",
    "GovDisclosureError",
    "PluginError",
    "ReadError",
    "UnknownVariantError",
]


class GovDisclosureError(Exception):
    """Base class of every error this library raises on purpose."""


class DocumentError(GovDisclosureError, ValueError):
    """A JSON/TOML document that is not a valid report.  Names the source and the place of each problem.

    ``problems`` is a list of ``(path, message)``: ``path`` is a dotted JSON path
    (``requests.withheld.state_secret.commercial``) or ``line N`` / ``line N, column M`` for
    syntax errors.
    """

    def __init__(self, problems: Sequence[tuple[str, str]], *, source: str | None = None) -> None:
        self.problems: list[tuple[str, str]] = list(problems)
        self.source: str | None = source
        super().__init__(self._format())

    def _format(self) -> str:
        prefix = f"{self.source}: " if self.source else ""
        lines = [f"{prefix}{path}: {msg}" if path else f"{prefix}{msg}" for path, msg in self.problems]
        return "\n".join(lines)


class UnknownVariantError(GovDisclosureError, KeyError):
    """No registered format variant has this ID."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown variant"


class ReadError(GovDisclosureError):
    """A file that cannot be read as a report at all (unreadable, unrelated, or no table found).

    ``source`` names the file; ``place`` (optional) where in it the problem is.
    """

    def __init__(self, message: str, *, source: str | None = None, place: str | None = None) -> None:
        self.message = message
        self.source = source
        self.place = place
        where = ":".join(p for p in (source, place) if p)
        super().__init__(f"{where}: {message}" if where else message)


class PluginError(GovDisclosureError):
    """A plugin failed to load or registered something invalid.  The message names the plugin."""
