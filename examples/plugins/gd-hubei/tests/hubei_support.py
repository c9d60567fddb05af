"""Shared data of gd-hubei's end-to-end tests (a hand-entered hubei-2020 report)."""

from __future__ import annotations

from govdisclosure.build import build_report
from govdisclosure.layout import Layout
from govdisclosure.model import Agency, AgencyLevel, Report

VARIANT = "hubei-2020"

SECTIONS = {
    "overview": "2020年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。"
    "本报告统计数据从2020年1月1日至12月31日。",
    "proactive": "",
    "requests": "",
    "appeals": "",
    "problems": "存在的问题：信息公开的及时性有待提高。改进措施：加强培训，完善审核发布流程。",
    "other": "本机关2020年未收取信息处理费。",
}


def hubei_report(layout: Layout, *, published: int = 12, total_published: int = 140) -> Report:
    """A 2020 report of hubei-2020 entered by hand; its tables balance (checked by hand below).

    表三 自然人: 一 5 + 二 0 = （七） 4 (3 予以公开 + 1 部分公开) + 四 1.
    """
    return build_report(
        layout,
        agency=Agency(name="武汉市生态环境局", level=AgencyLevel.PREFECTURAL, region_code="420100"),
        year=2020,
        title="武汉市生态环境局2020年政府信息公开工作年度报告",
        missing=0,
        cells={
            "regulations": {
                "normative_documents": {"produced": 3, "published": 3, "total_published": 25},
                "other_documents": {
                    "produced": 12,
                    "published": published,
                    "total_published": total_published,
                },
            },
            "licensing": {"licensing": {"previous_items": 10, "change": -2, "decisions": 35}},
            "enforcement": {"penalties": {"previous_items": 4, "change": 1, "decisions": 60}},
            "requests": {
                "received": {"natural_person": 5},
                "disclosed": {"natural_person": 3},
                "partially_disclosed": {"natural_person": 1},
                "carried_forward": {"natural_person": 1},
            },
            "appeals": {"review": {"upheld": 1}},
        },
        sections=SECTIONS,
    )
