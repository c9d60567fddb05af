"""The two national format variants, as data.

* ``national-2021`` — 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》,
  for the 2021 annual reports onward.
* ``national-2019`` — 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》,
  for the 2019 and 2020 annual reports.

Every Chinese label below is copied verbatim from the format (spec §2.4, §3, §7).
"""

from __future__ import annotations

from ..layout import (
    AxisSum,
    Balance,
    Feature,
    GroupSum,
    Layout,
    Node,
    SectionSpec,
    TableSpec,
    ValueKind,
)

__all__ = ["NATIONAL_2019", "NATIONAL_2021", "SECTIONS"]

SINGLE_OTHER_ROW = "single_other_row"
LEGAL_ENTITY_SUBTOTAL = "legal_entity_subtotal"
CATEGORY_SUBTOTALS = "category_subtotals"

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(key="overview", heading="一、总体情况", keywords=(("总体", "概述", "概况", "基本情况"),)),
    SectionSpec(key="proactive", heading="二、主动公开政府信息情况", keywords=(("主动公开",),)),
    SectionSpec(key="requests", heading="三、收到和处理政府信息公开申请情况", keywords=(("申请",),)),
    SectionSpec(
        key="appeals",
        heading="四、政府信息公开行政复议、行政诉讼情况",
        aliases=(
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
        ),
        keywords=(("复议", "诉讼"),),
    ),
    SectionSpec(
        key="problems",
        heading="五、存在的主要问题及改进情况",
        aliases=(
            "政府信息公开工作存在的主要问题及改进情况",
            "存在主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
            "工作存在的主要问题及改进情况",
        ),
        keywords=(("问题", "不足", "短板"),),
    ),
    SectionSpec(
        key="other",
        heading="六、其他需要报告的事项",
        aliases=("其他需要报告事项", "其他需要报告的情况"),
        keywords=(("其他", "其它", "需要报告"),),
    ),
)

# ---------------------------------------------------------------------------------------------
# 表三 收到和处理政府信息公开申请情况

_APPLICANT_COLUMNS = (
    Node(
        key="applicants",
        label="申请人情况",
        data=False,
        scope=False,
        children=(
            Node(key="natural_person", label="自然人"),
            Node(
                key="legal_entity",
                label="法人或其他组织",
                data=False,
                scope=False,
                data_when=frozenset({LEGAL_ENTITY_SUBTOTAL}),
                subtotal_label="小计",
                aliases=("法人或其他组织小计",),
                children=(
                    Node(key="commercial", label="商业企业"),
                    Node(key="research", label="科研机构"),
                    Node(key="social_welfare", label="社会公益组织"),
                    Node(key="legal_services", label="法律服务机构"),
                    Node(key="other_org", label="其他"),
                ),
            ),
            Node(key="total", label="总计"),
        ),
    ),
)

_WITHHELD = Node(
    key="withheld",
    label="（三）不予公开",
    data=False,
    data_when=frozenset({CATEGORY_SUBTOTALS}),
    subtotal_label="小计",
    children=(
        Node(key="state_secret", label="1.属于国家秘密"),
        Node(key="prohibited_by_law", label="2.其他法律行政法规禁止公开", aliases=("2.其他法律行政止公开",)),
        Node(key="three_safeties", label="3.危及“三安全一稳定”"),
        Node(key="third_party", label="4.保护第三方合法权益"),
        Node(key="internal_affairs", label="5.属于三类内部事务信息"),
        Node(key="process_information", label="6.属于四类过程性信息"),
        Node(key="enforcement_files", label="7.属于行政执法案卷"),
        Node(key="administrative_query", label="8.属于行政查询事项"),
    ),
)

_UNABLE = Node(
    key="unable",
    label="（四）无法提供",
    data=False,
    data_when=frozenset({CATEGORY_SUBTOTALS}),
    subtotal_label="小计",
    children=(
        Node(key="not_held", label="1.本机关不掌握相关政府信息"),
        Node(key="needs_creation", label="2.没有现成信息需要另行制作"),
        Node(key="still_unclear", label="3.补正后申请内容仍不明确"),
    ),
)

_NOT_PROCESSED = Node(
    key="not_processed",
    label="（五）不予处理",
    data=False,
    data_when=frozenset({CATEGORY_SUBTOTALS}),
    subtotal_label="小计",
    children=(
        Node(key="petition_complaint", label="1.信访举报投诉类申请"),
        Node(key="repeated", label="2.重复申请"),
        Node(key="publications", label="3.要求提供公开出版物"),
        Node(key="excessive", label="4.无正当理由大量反复申请"),
        Node(key="confirmation", label="5.要求行政机关确认或重新出具已获取信息"),
    ),
)

_OTHER_2021 = Node(
    key="other",
    label="（六）其他处理",
    data=False,
    data_when=frozenset({CATEGORY_SUBTOTALS, SINGLE_OTHER_ROW}),
    subtotal_label="小计",
    children=(
        Node(
            key="no_correction",
            label="1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            excluded_by=frozenset({SINGLE_OTHER_ROW}),
        ),
        Node(
            key="fee_unpaid",
            label="2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            excluded_by=frozenset({SINGLE_OTHER_ROW}),
        ),
        Node(key="other", label="3.其他", excluded_by=frozenset({SINGLE_OTHER_ROW})),
    ),
)

_OTHER_2019 = Node(key="other", label="（六）其他处理")


def _request_rows(other: Node) -> tuple[Node, ...]:
    return (
        Node(key="received", label="一、本年新收政府信息公开申请数量"),
        Node(key="carried_over", label="二、上年结转政府信息公开申请数量"),
        Node(
            key="outcomes",
            label="三、本年度办理结果",
            data=False,
            scope=False,
            children=(
                Node(key="disclosed", label="（一）予以公开"),
                Node(
                    key="partially_disclosed",
                    label="（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                ),
                _WITHHELD,
                _UNABLE,
                _NOT_PROCESSED,
                other,
                Node(key="total", label="（七）总计"),
            ),
        ),
        Node(key="carried_forward", label="四、结转下年度继续办理"),
    )


_REQUEST_RELATIONS = (
    AxisSum(
        id="requests.row_total",
        axis="column",
        total="total",
        parts=("natural_person", "legal_entity"),
        description_zh="每行“总计”等于自然人与各类法人或其他组织之和",
        description_en="each row's 总计 equals 自然人 plus every 法人或其他组织 column",
    ),
    GroupSum(
        id="requests.legal_entity_subtotal",
        axis="column",
        description_zh="“法人或其他组织小计”等于五类法人或其他组织之和",
        description_en="the 法人或其他组织 subtotal column equals the sum of its five columns",
    ),
    AxisSum(
        id="requests.outcome_total",
        axis="row",
        total="total",
        parts=("disclosed", "partially_disclosed", "withheld", "unable", "not_processed", "other"),
        description_zh="“（七）总计”等于（一）至（六）各项办理结果之和",
        description_en="（七）总计 equals the sum of every outcome row （一）–（六）",
    ),
    GroupSum(
        id="requests.category_subtotal",
        axis="row",
        description_zh="（三）至（六）类别小计等于其各子项之和",
        description_en="each printed category subtotal （三）–（六） equals the sum of its items",
    ),
    Balance(
        id="requests.balance",
        lhs=("received", "carried_over"),
        rhs=("total", "carried_forward"),
        description_zh="第一项加第二项之和，等于第三项加第四项之和（表格自身的勾稽关系）",
        description_en="一 + 二 = 三（七）总计 + 四, the table's own printed 勾稽 note",
    ),
)

_CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _requests_table(other: Node) -> TableSpec:
    return TableSpec(
        key="requests",
        section="requests",
        label="收到和处理政府信息公开申请情况",
        number_zh="表三",
        rows=_request_rows(other),
        columns=_APPLICANT_COLUMNS,
        corner_note=_CORNER_NOTE,
        relations=_REQUEST_RELATIONS,
    )


# ---------------------------------------------------------------------------------------------
# 表四 政府信息公开行政复议、行政诉讼情况

_RESULT_COLUMNS = (
    Node(key="upheld", label="结果维持"),
    Node(key="corrected", label="结果纠正"),
    Node(key="other", label="其他结果"),
    Node(key="pending", label="尚未审结"),
    Node(key="total", label="总计"),
)

APPEALS = TableSpec(
    key="appeals",
    section="appeals",
    label="政府信息公开行政复议、行政诉讼情况",
    number_zh="表四",
    rows=(
        Node(key="review", label="行政复议"),
        Node(
            key="lawsuit",
            label="行政诉讼",
            data=False,
            scope=False,
            children=(
                Node(key="lawsuit_direct", label="未经复议直接起诉"),
                Node(key="lawsuit_after_review", label="复议后起诉"),
            ),
        ),
    ),
    columns=_RESULT_COLUMNS,
    single_line=True,
    relations=(
        AxisSum(
            id="appeals.total",
            axis="column",
            total="total",
            parts=("upheld", "corrected", "other", "pending"),
            description_zh="每组“总计”等于结果维持、结果纠正、其他结果、尚未审结之和",
            description_en="each 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        ),
    ),
)

# ---------------------------------------------------------------------------------------------
# 表二 主动公开政府信息情况 (2021)

_DECISIONS_2021 = (Node(key="decisions", label="本年处理决定数量"),)

_PROACTIVE_2021 = (
    TableSpec(
        key="regulations",
        section="proactive",
        label="第二十条第（一）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(
            Node(key="rules", label="规章"),
            Node(key="normative_documents", label="行政规范性文件", aliases=("规范性文件",)),
        ),
        columns=(
            Node(key="issued", label="本年制发件数"),
            Node(key="repealed", label="本年废止件数"),
            Node(key="in_force", label="现行有效件数"),
        ),
    ),
    TableSpec(
        key="licensing",
        section="proactive",
        label="第二十条第（五）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(Node(key="licensing", label="行政许可"),),
        columns=_DECISIONS_2021,
    ),
    TableSpec(
        key="enforcement",
        section="proactive",
        label="第二十条第（六）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(Node(key="penalties", label="行政处罚"), Node(key="coercion", label="行政强制")),
        columns=_DECISIONS_2021,
    ),
    TableSpec(
        key="fees",
        section="proactive",
        label="第二十条第（八）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(Node(key="fees", label="行政事业性收费"),),
        columns=(
            Node(
                key="amount",
                label="本年收费金额（单位：万元）",
                kind=ValueKind.AMOUNT,
                unit="万元",
            ),
        ),
    ),
)

# ---------------------------------------------------------------------------------------------
# 表二 主动公开政府信息情况 (2019 试行)

_ITEM_COLUMNS_2019 = (
    Node(key="previous_items", label="上一年项目数量"),
    Node(key="change", label="本年增/减", kind=ValueKind.SIGNED_COUNT),
)
_DECISION_COLUMNS_2019 = (*_ITEM_COLUMNS_2019, Node(key="decisions", label="处理决定数量"))

_PROACTIVE_2019 = (
    TableSpec(
        key="regulations",
        section="proactive",
        label="第二十条第（一）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(
            Node(key="rules", label="规章"),
            Node(key="normative_documents", label="规范性文件", aliases=("行政规范性文件",)),
        ),
        columns=(
            Node(key="produced", label="本年新制作数量"),
            Node(key="published", label="本年新公开数量"),
            Node(key="total_published", label="对外公开总数量"),
        ),
    ),
    TableSpec(
        key="licensing",
        section="proactive",
        label="第二十条第（五）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(
            Node(key="licensing", label="行政许可"),
            Node(key="other_services", label="其他对外管理服务事项"),
        ),
        columns=_DECISION_COLUMNS_2019,
    ),
    TableSpec(
        key="enforcement",
        section="proactive",
        label="第二十条第（六）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(Node(key="penalties", label="行政处罚"), Node(key="coercion", label="行政强制")),
        columns=_DECISION_COLUMNS_2019,
    ),
    TableSpec(
        key="fees",
        section="proactive",
        label="第二十条第（八）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(Node(key="fees", label="行政事业性收费"),),
        columns=_ITEM_COLUMNS_2019,
    ),
    TableSpec(
        key="procurement",
        section="proactive",
        label="第二十条第（九）项",
        number_zh="表二",
        row_header="信息内容",
        rows=(Node(key="procurement", label="政府集中采购"),),
        columns=(
            Node(key="projects", label="采购项目数量"),
            Node(key="amount", label="采购总金额", kind=ValueKind.AMOUNT, unit=""),
        ),
    ),
)

_FEATURES_REQUESTS = (
    Feature(
        key=LEGAL_ENTITY_SUBTOTAL,
        label_zh="表三增列“法人或其他组织小计”",
        label_en="表三 has an added 法人或其他组织 subtotal column",
    ),
    Feature(
        key=CATEGORY_SUBTOTALS,
        label_zh="表三（三）至（六）印有类别小计行",
        label_en="表三 prints a subtotal row for each of （三）–（六）",
    ),
)

NATIONAL_2021 = Layout(
    id="national-2021",
    title="中华人民共和国政府信息公开工作年度报告格式",
    document_number="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=SECTIONS,
    tables=(*_PROACTIVE_2021, _requests_table(_OTHER_2021), APPEALS),
    features=(
        Feature(
            key=SINGLE_OTHER_ROW,
            label_zh="表三（六）其他处理印为一行（无1—3子项）",
            label_en="表三 （六）其他处理 printed as a single row (no items 1–3)",
        ),
        *_FEATURES_REQUESTS,
    ),
    description_zh="国办公开办函〔2021〕30号印发的年度报告格式，适用于2021年度及以后的年度报告。",
    description_en="The national format of 国办公开办函〔2021〕30号, for annual reports from 2021 on.",
)
"""The national format ``national-2021`` (国办公开办函〔2021〕30号), for the 2021 reports onward."""

NATIONAL_2019 = Layout(
    id="national-2019",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    document_number="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=SECTIONS,
    tables=(*_PROACTIVE_2019, _requests_table(_OTHER_2019), APPEALS),
    features=_FEATURES_REQUESTS,
    description_zh="国办公开办函〔2019〕60号印发的年度报告格式（试行），适用于2019、2020年度报告。",
    description_en="The trial national format of 国办公开办函〔2019〕60号, for the 2019 and 2020 reports.",
)
"""The trial national format ``national-2019`` (国办公开办函〔2019〕60号), for the 2019 and 2020 reports."""
