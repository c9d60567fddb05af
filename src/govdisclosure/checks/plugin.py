"""Built-in plugin: the national rule set (for the national variants and every variant based on them)
and the ``validate`` command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..layout import Layout
from ..plugins import hookimpl
from .engine import Rule

__all__ = ["NATIONAL_VARIANTS", "national_root", "national_rules"]

NATIONAL_VARIANTS = frozenset({"national-2021", "national-2019"})

_STATIC: list[Rule] = []
_BY_LAYOUT: dict[int, tuple[Layout, list[Rule]]] = {}


def national_root(layout: Layout) -> Layout | None:
    """The national variant a layout is (or extends through its ``base`` chain), if any."""
    seen: set[int] = set()
    node: Layout | None = layout
    while node is not None and id(node) not in seen:
        if node.id in NATIONAL_VARIANTS:
            return node
        seen.add(id(node))
        node = node.base
    return None


def _static_rules() -> list[Rule]:
    if not _STATIC:
        from .cross_year import cross_year_rules
        from .fee_rules import fee_rules
        from .relation_rules import locator_rules
        from .structure import structure_rules
        from .text_rules import text_rules
        from .value_rules import value_rules

        _STATIC.extend(
            [
                *locator_rules(),
                *value_rules(),
                *structure_rules(),
                *text_rules(),
                *fee_rules(),
                *cross_year_rules(),
            ]
        )
    return _STATIC


def national_rules(layout: Layout) -> list[Rule]:
    """Every built-in rule for a layout: one per relation template, then the fixed national rules."""
    cached = _BY_LAYOUT.get(id(layout))
    if cached is not None and cached[0] is layout:
        return cached[1]
    from .relation_rules import relation_rules

    rules = [*relation_rules(layout), *_static_rules()]
    _BY_LAYOUT[id(layout)] = (layout, rules)
    return rules


@hookimpl
def gd_register_rules(register: Callable[[Any], None], layout: Layout) -> None:
    """Register the national rules for any layout whose root variant is a national one."""
    if national_root(layout) is None:
        return
    for rule in national_rules(layout):
        register(rule)


@hookimpl
def gd_register_commands(register: Callable[[Any], None]) -> None:
    """Register the ``validate`` subcommand."""
    from .cli import VALIDATE_COMMAND

    register(VALIDATE_COMMAND)
