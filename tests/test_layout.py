"""The layout is the single source of truth: official labels verbatim, keys stable, features resolvable."""

from __future__ import annotations

import pytest

from govdisclosure import NATIONAL_2019, NATIONAL_2021, CellRef
from govdisclosure.layout import Layout, Node
from govdisclosure.layout_check import validate_layout

# spec §7, "Complete label list (for constants)", copied from the spec text (an independent source).
SPEC_2021_LABELS = """
一、总体情况 / 二、主动公开政府信息情况 / 三、收到和处理政府信息公开申请情况 / 四、政府信息公开行政复议、行政诉讼情况 /
五、存在的主要问题及改进情况 / 六、其他需要报告的事项
第二十条第（一）项 · 第二十条第（五）项 · 第二十条第（六）项 · 第二十条第（八）项 · 信息内容 · 本年制发件数 · 本年废止件数 · 现行有效件数 ·
规章 · 行政规范性文件 · 本年处理决定数量 · 行政许可 · 行政处罚 · 行政强制 · 本年收费金额（单位：万元） · 行政事业性收费
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） · 申请人情况 · 自然人 · 法人或其他组织 · 商业企业 · 科研机构 ·
社会公益组织 · 法律服务机构 · 其他 · 总计 · 一、本年新收政府信息公开申请数量 · 二、上年结转政府信息公开申请数量 · 三、本年度办理结果 · （一）予以公开 ·
（二）部分公开（区分处理的，只计这一情形，不计其他情形） · （三）不予公开 · 1.属于国家秘密 · 2.其他法律行政法规禁止公开 · 3.危及“三安全一稳定” ·
4.保护第三方合法权益 · 5.属于三类内部事务信息 · 6.属于四类过程性信息 · 7.属于行政执法案卷 · 8.属于行政查询事项 · （四）无法提供 · 1.本机关不掌握相关政府信息 ·
2.没有现成信息需要另行制作 · 3.补正后申请内容仍不明确 · （五）不予处理 · 1.信访举报投诉类申请 · 2.重复申请 · 3.要求提供公开出版物 · 4.无正当理由大量反复申请 ·
5.要求行政机关确认或重新出具已获取信息 · （六）其他处理 · 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 ·
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 · 3.其他 · （七）总计 · 四、结转下年度继续办理
行政复议 · 行政诉讼 · 未经复议直接起诉 · 复议后起诉 · 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计
"""
SPEC_2019_ONLY = (
    "本年新制作数量 · 本年新公开数量 · 对外公开总数量 · 规范性文件 · 上一年项目数量 · 本年增/减 · 处理决定数量 · "
    "其他对外管理服务事项 · 第二十条第（九）项 · 采购项目数量 · 采购总金额 · 政府集中采购 · （六）其他处理"
)


def _split(text: str) -> set[str]:
    out = set()
    for raw in text.replace(" /\n", "·").replace(" / ", "·").replace("\n", "·").split("·"):
        chunk = raw.strip()
        if chunk:
            out.add(chunk)
    return out


def _all_labels(layout: Layout) -> set[str]:
    labels: set[str] = {s.heading for s in layout.sections}

    def walk(nodes: tuple[Node, ...]) -> None:
        for n in nodes:
            labels.add(n.label)
            walk(n.children)

    for t in layout.tables:
        labels.update({t.label, t.row_header, t.corner_note} - {""})
        walk(t.rows)
        walk(t.columns)
    return labels


@pytest.mark.parametrize(("layout", "spec"), [(NATIONAL_2021, SPEC_2021_LABELS)])
def test_every_official_2021_label_is_in_the_layout_verbatim(layout: Layout, spec: str) -> None:
    missing = _split(spec) - _all_labels(layout)
    assert not missing, missing


def test_every_2019_only_label_is_in_the_2019_layout() -> None:
    missing = _split(SPEC_2019_ONLY) - _all_labels(NATIONAL_2019)
    assert not missing


def test_2019_differs_from_2021_where_the_spec_says() -> None:
    assert "本年制发件数" not in _all_labels(NATIONAL_2019)
    assert "第二十条第（九）项" not in _all_labels(NATIONAL_2021)
    # 2019 (六) is one data row; 2021 has three sub-rows
    assert "other" in NATIONAL_2019.resolve().table("requests").row_paths
    assert {"other.no_correction", "other.fee_unpaid", "other.other"} <= set(
        NATIONAL_2021.resolve().table("requests").row_paths
    )


def test_table_three_has_25_data_rows_by_7_columns_in_2021_and_23_in_2019() -> None:
    t21 = NATIONAL_2021.resolve().table("requests")
    t19 = NATIONAL_2019.resolve().table("requests")
    assert (len(t21.row_paths), len(t21.column_keys)) == (25, 7)
    assert (len(t19.row_paths), len(t19.column_keys)) == (23, 7)
    assert "outcomes" not in t21.row_paths  # 三、本年度办理结果 is a group label, no data
    assert "withheld" not in t21.row_paths


def test_table_four_is_three_groups_of_five() -> None:
    t = NATIONAL_2021.resolve().table("appeals")
    assert t.row_paths == ("review", "lawsuit_direct", "lawsuit_after_review")
    assert len(t.column_keys) == 5


def test_layout_features_switch_rows_and_columns() -> None:
    single = NATIONAL_2021.resolve(frozenset({"single_other_row"})).table("requests")
    assert "other" in single.row_paths and "other.fee_unpaid" not in single.row_paths
    sub = NATIONAL_2021.resolve(frozenset({"legal_entity_subtotal"})).table("requests")
    assert "legal_entity" in sub.column_keys and len(sub.column_keys) == 8
    cat = NATIONAL_2021.resolve(frozenset({"category_subtotals"})).table("requests")
    assert {"withheld", "unable", "not_processed", "other"} <= set(cat.row_paths)
    assert len(cat.row_paths) == 29
    with pytest.raises(ValueError, match="unknown layout feature"):
        NATIONAL_2021.resolve(frozenset({"nope"}))


def test_cell_paths_are_dotted_and_parse_back() -> None:
    ref = CellRef("requests", "withheld.state_secret", "commercial")
    assert str(ref) == "requests.withheld.state_secret.commercial"
    assert CellRef.parse(str(ref), NATIONAL_2021) == ref


@pytest.mark.parametrize("layout", [NATIONAL_2021, NATIONAL_2019])
def test_builtin_layouts_are_well_formed(layout: Layout) -> None:
    validate_layout(layout)
    assert len(set(layout.resolve().cells)) == len(layout.resolve().cells)


def test_years_and_documents() -> None:
    assert NATIONAL_2021.document_number == "国办公开办函〔2021〕30号"
    assert NATIONAL_2019.document_number == "国办公开办函〔2019〕60号"
    assert NATIONAL_2021.applies_to(2024) and not NATIONAL_2021.applies_to(2020)
    assert NATIONAL_2019.applies_to(2020) and not NATIONAL_2019.applies_to(2021)
