"""The hook implementations of gd-hubei (the target of its ``govdisclosure`` entry point)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govdisclosure.layout import Layout
from govdisclosure.plugins import hookimpl
from govdisclosure.plugins.registry import VariantHints

from .layout import HUBEI_2020, OTHER_DOCUMENTS_LABEL
from .rules import PUBLISHED_WITHIN_TOTAL
from .writer import HubeiSummaryWriter

HUBEI_REGION_PREFIX = "42"
"""GB/T 2260 codes of 湖北省 start with 42."""


@hookimpl
def gd_register_variants(register: Callable[[Layout], None]) -> None:
    register(HUBEI_2020)


@hookimpl
def gd_register_rules(register: Callable[[Any], None], layout: Layout) -> None:
    if layout is HUBEI_2020:
        register(PUBLISHED_WITHIN_TOTAL)


@hookimpl
def gd_register_writers(register: Callable[[Any], None]) -> None:
    register(HubeiSummaryWriter())


@hookimpl
def gd_choose_variant(hints: VariantHints) -> str | None:
    """``hubei-2020`` when the document prints 其他主动公开文件 and is not a 2021+ report."""
    if OTHER_DOCUMENTS_LABEL in hints.labels and (hints.year is None or hints.year <= 2020):
        return HUBEI_2020.id
    return None
