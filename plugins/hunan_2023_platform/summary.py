"""附件2 of seed 003: 2023 年度省级工业互联网平台建设项目计划推荐汇总表.

The form has no field for the city/county or the park; both are read from the 单位地址.
"""

from __future__ import annotations

from typing import Any

from shenbao.core.summary import SummaryTable, city_county, joined, numbered, park, text
from shenbao.plugins import Notice, hookimpl

NOTICE_ID = "hunan-2023-platform"
COLUMNS = ["序号", "平台名称", "建设单位", "所在市州/县市区", "所在园区", "联系人及电话"]


@hookimpl
def get_summary_table(notice: Notice, submissions: list[dict[str, Any]]) -> SummaryTable | None:
    if notice.id != NOTICE_ID:
        return None
    rows = []
    for s in submissions:
        address = text(s, "applicant.address")
        rows.append(
            [
                text(s, "project.platform_name", "cover.platform_name"),
                text(s, "applicant.name", "cover.company"),
                city_county(address),
                park(address),
                joined(text(s, "cover.contact", "leader.name"), text(s, "cover.phone", "leader.mobile")),
            ]
        )
    return SummaryTable(
        title="2023 年度省级工业互联网平台建设项目计划推荐汇总表",
        columns=COLUMNS,
        rows=numbered(rows),
        header_lines=["推荐单位（盖章）：", "联系人及电话："],
    )
