"""Seed 002 prints no 汇总表: the export is the 拟支持项目名单 (第八条), amounts per 第五条.

第五条 支持标准:
- 首次获评国家“双跨”平台: 500 万元 one-off; 首次获批国家试点示范: 100 万元 one-off;
- 第三方工业互联网安全服务机构: not above 10% of the 2 years' service revenue, at most 100 万元;
- 标识解析二级节点, 市级行业工业互联网平台: at most 200 万元.
The 拟支持金额 never exceeds the amount applied for, and is 0 for a submission whose
eligibility rules (第四条 thresholds, declarations) fail; the 备注 says why.
"""

from __future__ import annotations

from typing import Any

from shenbao.core.summary import SummaryTable, numbered, text
from shenbao.plugins import Notice, hookimpl

NOTICE_ID = "wuhan-fund-2022"
COLUMNS = [
    "序号",
    "申报单位名称",
    "所在区（开发区）",
    "项目名称",
    "申报类别",
    "申请支持金额（万元）",
    "拟支持金额（万元）",
    "备注",
]
FIXED = {"首次获评国家“双跨”工业互联网平台": 500.0, "首次获批国家试点示范企业或项目": 100.0}
CAPPED = {"工业互联网标识解析二级节点": 200.0, "市级行业工业互联网平台": 200.0}
SECURITY = "第三方工业互联网安全服务机构"
# rule keys of the catalog that decide eligibility (a failed one means no support)
ELIGIBILITY = (
    "security.revenue_min",
    "node.scenarios_min",
    "node.enterprise_nodes_min",
    "node.registrations_min",
    "node.resolutions_min",
    "platform.enterprises_min",
    "platform.devices_min",
    "compliance.wuhan_registration",
    "compliance.accident_free",
    "compliance.no_dishonesty",
    "applicant.in_wuhan",
)


def support_amount(values: dict[str, Any]) -> float | None:
    """The 第五条 amount in 万元, or None when the category or an input is missing."""
    category = values.get("project.category")
    requested = values.get("project.requested_amount")
    if category in FIXED:
        return FIXED[category]
    if category == SECURITY:
        revenue = values.get("security.revenue_total")
        if revenue is None:
            return None
        cap = min(0.1 * float(revenue), 100.0)
    elif category in CAPPED:
        cap = CAPPED[category]
    else:
        return None
    amount = cap if requested is None else min(float(requested), cap)
    return round(amount, 2)


def failed_eligibility(submission: dict[str, Any]) -> list[str]:
    return [f for f in submission.get("_findings", ()) if f.startswith("rule:") and f.split(":", 1)[1] in ELIGIBILITY]


def remark(submission: dict[str, Any], amount: float | None) -> str:
    failed = failed_eligibility(submission)
    if failed:
        return "不符合支持条件：" + "、".join(f.split(":", 1)[1] for f in failed)
    if amount is None:
        return "缺少计算支持金额所需信息"
    requested = submission.get("project.requested_amount")
    if requested is not None and float(requested) > amount:
        return f"申请金额超过第五条标准，按 {amount:g} 万元核定"
    return ""


@hookimpl
def get_summary_table(notice: Notice, submissions: list[dict[str, Any]]) -> SummaryTable | None:
    if notice.id != NOTICE_ID:
        return None
    rows = []
    for s in submissions:
        amount = support_amount(s)
        granted = 0.0 if failed_eligibility(s) else amount
        rows.append(
            [
                text(s, "applicant.name"),
                text(s, "applicant.district"),
                text(s, "project.name", "platform.name"),
                text(s, "project.category"),
                s.get("project.requested_amount"),
                granted,
                remark(s, amount),
            ]
        )
    return SummaryTable(
        title="武汉市工业互联网发展专项资金拟支持项目名单",
        columns=COLUMNS,
        rows=numbered(rows),
        sheet_name="拟支持项目名单",
    )
