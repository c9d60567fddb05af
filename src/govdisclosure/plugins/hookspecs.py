"""The hook specifications of govdisclosure (the source of the hooks reference in ``docs/``).

Every registering hook takes a ``register`` callback: call it once per thing you contribute.
Implementations may accept any subset of a hook's arguments, so adding an argument to a hook in
a later version never breaks an existing plugin.  Plugins that need a newer argument should
require a matching ``govdisclosure`` version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import hookspec

if TYPE_CHECKING:
    from ..layout import Layout
    from .registry import VariantHints


@hookspec
def gd_register_variants(register: Callable[[Layout], None]) -> None:
    """Register format variants: call ``register(layout)`` with each :class:`~govdisclosure.layout.Layout`.

    A regional variant sets ``base`` to the national layout it extends; it may add sections,
    tables, rows and columns but may not redefine or remove anything of its base.

    .. versionadded:: 0.1.0
    """


@hookspec
def gd_register_rules(register: Callable[[Any], None], layout: Layout) -> None:
    """Register check rules that apply to reports of ``layout``: call ``register(rule)`` per rule.

    Called once per registered variant.  Rule IDs are namespaced (``plugin-name.rule``) and
    never reused.

    .. versionadded:: 0.1.0
    """


@hookspec
def gd_register_readers(register: Callable[[Any], None]) -> None:
    """Register readers of published reports: call ``register(reader)`` per reader.

    A reader has a ``name``, the file ``suffixes`` it takes, a ``sniff(head, name)`` method that
    scores how likely the bytes are its kind (0–1), and ``read(data, source=..., registry=...)``.

    .. versionadded:: 0.1.0
    """


@hookspec
def gd_register_writers(register: Callable[[Any], None]) -> None:
    """Register output formats: call ``register(writer)`` per writer.

    A writer has a ``name`` (the ``--to`` value), a default ``suffix``, ``binary`` and
    ``write(report, **options) -> bytes``.

    .. versionadded:: 0.1.0
    """


@hookspec(firstresult=True)
def gd_choose_variant(hints: VariantHints) -> str | None:
    """Choose the variant ID for a document being read; the first non-``None`` answer wins.

    ``hints`` carries the year, the labels found and the title.  Return ``None`` to abstain.

    .. versionadded:: 0.1.0
    """


@hookspec
def gd_register_commands(register: Callable[[Any], None]) -> None:
    """Add CLI subcommands: call ``register(command)`` with a :class:`~govdisclosure.cli.Command`.

    .. versionadded:: 0.1.0
    """
