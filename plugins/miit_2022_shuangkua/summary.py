"""附件3 of seed 001: 2022 年跨行业跨领域工业互联网平台推荐信息汇总表."""

from __future__ import annotations

from typing import Any

from shenbao.core.summary import SummaryTable, numbered, text
from shenbao.plugins import Notice, hookimpl

NOTICE_ID = "miit-2022-shuangkua"
COLUMNS = ["序号", "工业互联网平台名称", "依托企业", "联系人", "联系方式（手机）"]


@hookimpl
def get_summary_table(notice: Notice, submissions: list[dict[str, Any]]) -> SummaryTable | None:
    if notice.id != NOTICE_ID:
        return None
    rows = [
        [
            text(s, "platform.name"),
            text(s, "applicant.name", "platform.builder"),
            text(s, "contact.name"),
            text(s, "contact.mobile", "contact.phone"),
        ]
        for s in submissions
    ]
    return SummaryTable(
        title="2022 年跨行业跨领域工业互联网平台推荐信息汇总表",
        columns=COLUMNS,
        rows=numbered(rows),
        header_lines=["推荐单位（盖章）：", "联系人：", "联系方式："],
    )
