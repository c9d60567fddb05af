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

    A regional variant sets ``base`` to the registered variant it extends (build it with
    :func:`govdisclosure.extension.extend`); it may add sections, tables, rows, columns and
    relations but may not redefine or remove anything of its base, and its added rows and columns
    may not change what a base relation sums.  Every layout is checked with
    :func:`govdisclosure.layout_check.validate_layout` when it is registered; an invalid one, or
    a variant ID already registered by another plugin, is an error naming the plugin.

    .. versionadded:: 0.1.0
    """


@hookspec
def gd_register_rules(register: Callable[[Any], None], layout: Layout) -> None:
    """Register check rules that apply to reports of ``layout``: call ``register(rule)`` per rule.

    Called once per registered variant, with that variant's layout: register only the rules that
    apply to it (compare ``layout`` with your own layout object, or look at ``layout.base``).  A
    rule has ``id``, ``severity``, ``tags`` and ``check(ctx) -> Iterable[Finding]``
    (:class:`govdisclosure.checks.engine.Rule` is a ready-made one).  Rule IDs are namespaced
    (``hubei.other_documents.published_within_total``) and never reused.

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

    ``hints`` (:class:`~govdisclosure.plugins.registry.VariantHints`) carries the year, the
    official labels found in the document, the title and the region code, when known.  Return
    ``None`` to abstain.  The built-in national choice is ``trylast``, so a regional plugin that
    recognises its own labels is asked first.

    .. versionadded:: 0.1.0
    """


@hookspec
def gd_register_commands(register: Callable[[Any], None]) -> None:
    """Add CLI subcommands: call ``register(command)`` with a :class:`~govdisclosure.cli.Command`.

    A command has a ``name``, a ``help`` text (Chinese first, then English), ``configure(parser)``
    to add its arguments and ``run(args, ctx) -> int`` returning the exit code (0 ok, 1 an
    error-severity finding, 2 bad usage or unreadable input).

    .. versionadded:: 0.1.0
    """
