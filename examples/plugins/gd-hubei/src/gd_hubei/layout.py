"""The ``hubei-2020`` variant: the national 2019 (试行) format plus one row in 第二十条第（一）项.

湖北's template for the 2020 annual reports is the annotated 2019 national template with an extra
row ``其他主动公开文件`` under 第二十条第（一）项 (format spec §5.2).  It is built with
:func:`govdisclosure.extension.extend`, so no national label is restated here: every national
row, column and relation is the base's own object.
"""

from __future__ import annotations

from govdisclosure.extension import extend
from govdisclosure.layout import Node
from govdisclosure.variants.national import NATIONAL_2019

__all__ = ["HUBEI_2020", "OTHER_DOCUMENTS", "OTHER_DOCUMENTS_LABEL"]

OTHER_DOCUMENTS = "other_documents"
"""Row key of the added row (its cells: ``regulations.other_documents.<column>``)."""

OTHER_DOCUMENTS_LABEL = "其他主动公开文件"
"""The label printed in 湖北's 2020 template (spec §5.2), verbatim."""

HUBEI_2020 = extend(
    NATIONAL_2019,
    id="hubei-2020",
    title="湖北省政府信息公开工作年度报告格式（2020年度）",
    add_rows={
        # printed right after 规范性文件, the last national row of 第二十条第（一）项
        "regulations": [("normative_documents", Node(key=OTHER_DOCUMENTS, label=OTHER_DOCUMENTS_LABEL))],
    },
    first_year=2020,
    last_year=2020,
    description_zh="湖北省2020年度报告模板：在国办2019年格式（试行）第二十条第（一）项下增加“其他主动公开文件”一行。",
    description_en="湖北's 2020 template: the national 2019 (trial) format with an extra row in "
    "第二十条第（一）项: "
    "其他主动公开文件 (other proactively published documents).",
)
