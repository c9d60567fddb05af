"""Built-in plugin: registers the national variants and chooses between them (spec §3.3)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..layout import Layout, Node
from ..plugins import hookimpl
from ..plugins.registry import VariantHints
from .national import NATIONAL_2019, NATIONAL_2021


def _printed_labels(layout: Layout) -> frozenset[str]:
    """Every table and row/column label the layout can print (the labels ``VariantHints`` carries)."""

    def walk(nodes: tuple[Node, ...]) -> Iterator[str]:
        for n in nodes:
            yield n.label
            yield from walk(n.children)

    return frozenset(label for t in layout.tables for label in (t.label, *walk(t.rows), *walk(t.columns)))


# Labels that only one of the two national formats prints (spec §3.3), from the layouts.
ONLY_2019 = _printed_labels(NATIONAL_2019) - _printed_labels(NATIONAL_2021)
ONLY_2021 = _printed_labels(NATIONAL_2021) - _printed_labels(NATIONAL_2019)


@hookimpl
def gd_register_variants(register: Callable[[Layout], None]) -> None:
    """Register ``national-2021`` and ``national-2019``."""
    register(NATIONAL_2021)
    register(NATIONAL_2019)


@hookimpl(trylast=True)
def gd_choose_variant(hints: VariantHints) -> str | None:
    """2019 vs 2021 by the labels printed; by the year when the labels say nothing."""
    old = len(hints.labels & ONLY_2019)
    new = len(hints.labels & ONLY_2021)
    if old > new:
        return NATIONAL_2019.id
    if new > old:
        return NATIONAL_2021.id
    if hints.year is not None and hints.year <= 2020:
        return NATIONAL_2019.id
    return NATIONAL_2021.id
