"""Built-in plugin: registers the national variants and chooses between them (spec §3.3)."""

from __future__ import annotations

from collections.abc import Callable

from ..layout import Layout
from ..plugins import hookimpl
from ..plugins.registry import VariantHints
from .national import NATIONAL_2019, NATIONAL_2021

# Labels that only one of the two national formats prints (spec §3.3).
ONLY_2019 = frozenset(
    {
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "第二十条第（九）项",
        "其他对外管理服务事项",
        "上一年项目数量",
        "采购项目数量",
        "政府集中采购",
    }
)
ONLY_2021 = frozenset(
    {"本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）", "本年处理决定数量"}
)


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
