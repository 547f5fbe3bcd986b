"""Seed 002 prints no 汇总表: the export is the 拟支持项目名单 (第八条), amounts per 第五条.

The columns are data (``summary.toml``); only 拟支持金额 and 备注 are computed here. The
amounts are not written here: they are read from the award rules of ``notice.toml`` (one
source), i.e. the rules that apply to one ``project.category`` and bound the requested amount:

- ``formula`` ``{project.requested_amount} == X``: a one-off award of X (双跨 500, 试点示范 100);
- ``formula`` ``{project.requested_amount} <= X`` and ``max`` on the requested amount: at most
  X (安全服务 min(10% of 2 years' revenue, 100), 二级节点 200, 市级平台 200).

The 拟支持金额 never exceeds the amount applied for, and is 0 for a submission whose
eligibility rules (第四条 thresholds, declarations) fail; the 备注 says why.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from shenbao.ingest.safe_eval import evaluate, placeholders
from shenbao.plugins import Notice
from shenbao.plugins.summary import ColumnSummary

CATEGORY = "project.category"
REQUESTED = "project.requested_amount"
_BOUND = re.compile(r"^\{" + re.escape(REQUESTED) + r"\}\s*(?P<op><=|==)\s*(?P<amount>.+)$")
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


def award_rules(notice: Notice, category: Any) -> list[tuple[str, str]]:
    """(``==`` or ``<=``, amount expression) of each rule bounding the award of ``category``."""
    found = []
    for rule in notice.rules:
        when = rule.get("when") or {}
        if when.get("field") != CATEGORY or category not in when.get("in", ()):
            continue
        if rule["kind"] == "max" and rule.get("field") == REQUESTED:
            found.append(("<=", repr(float(rule["value"]))))
        elif rule["kind"] == "formula" and (match := _BOUND.match(rule["check"].strip())):
            found.append((match["op"], match["amount"]))
    return found


def support_amount(notice: Notice, values: dict[str, Any]) -> float | None:
    """The 第五条 amount in 万元, or None when the category or an input is missing."""
    bounds = award_rules(notice, values.get(CATEGORY))
    if not bounds:
        return None
    amounts: list[tuple[str, float]] = []
    for op, expression in bounds:
        if any(values.get(key) is None for key in placeholders(expression)):
            return None
        amounts.append((op, float(evaluate(expression, values))))
    fixed = [amount for op, amount in amounts if op == "=="]
    if fixed:
        return fixed[0]
    cap = min(amount for _, amount in amounts)
    requested = values.get(REQUESTED)
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
    requested = submission.get(REQUESTED)
    if requested is not None and float(requested) > amount:
        return f"申请金额超过第五条标准，按 {amount:g} 万元核定"
    return ""


def summary_builder(notice: Notice) -> ColumnSummary:
    """The 拟支持项目名单 of ``notice``: columns from ``summary.toml``, amounts from its rules."""

    def granted(submission: dict[str, Any]) -> float | None:
        return 0.0 if failed_eligibility(submission) else support_amount(notice, submission)

    def remark_of(submission: dict[str, Any]) -> str:
        return remark(submission, support_amount(notice, submission))

    return ColumnSummary(Path(__file__).with_name("summary.toml"), {"granted": granted, "remark": remark_of})
