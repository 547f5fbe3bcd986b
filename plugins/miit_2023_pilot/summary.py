"""附件2 of seed 004: 2023年工业互联网试点示范推荐项目汇总表 (rows in the recommender's order)."""

from __future__ import annotations

from typing import Any

from shenbao.core.summary import SummaryTable, joined, numbered, text
from shenbao.plugins import Notice, hookimpl

NOTICE_ID = "miit-2023-pilot"
COLUMNS = ["序号", "项目名称", "项目类别和方向", "申报单位名称", "联系人", "联系方式（手机与邮箱）"]


def _priority(submission: dict[str, Any]) -> tuple[int, int]:
    """各单位推荐项目应按优先级排序: by 推荐排序 when given, else upload order."""
    rank = submission.get("recommender.rank")
    return (0, int(rank)) if isinstance(rank, (int, float)) else (1, 0)


@hookimpl
def get_summary_table(notice: Notice, submissions: list[dict[str, Any]]) -> SummaryTable | None:
    if notice.id != NOTICE_ID:
        return None
    ordered = sorted(submissions, key=_priority)  # stable: upload order within one rank
    rows = [
        [
            text(s, "project.name"),
            joined(text(s, "project.category"), text(s, "project.direction"), sep="/"),
            text(s, "applicant.name"),
            text(s, "contact.name"),
            joined(text(s, "contact.mobile"), text(s, "contact.email")),
        ]
        for s in ordered
    ]
    return SummaryTable(
        title="2023年工业互联网试点示范推荐项目汇总表",
        columns=COLUMNS,
        rows=numbered(rows),
        header_lines=["推荐单位（盖章）："],
    )
