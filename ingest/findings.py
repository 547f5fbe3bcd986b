"""Findings: what is missing and which of the notice's rules are broken.

The catalog rules (``sum``, ``min``, ``max``, ``required_if``, ``formula``, ``custom``,
``limit_per_applicant``) are data; this module evaluates them exactly as
``catalog/README.md`` defines; so are a notice's ``[[limits]]`` on what a bureau recommends.
Rules that need code are bound to their notice by its plugin and called through the
``SubmissionRules`` the caller hands in (the plugin manager's ``validate_submission``).

:func:`submission_findings` is the one findings path: extraction (``shenbao extract``),
the review desk and the variant generator's truth all call it with the same inputs, the
bound 推荐汇总表 rows included, so their findings cannot differ.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shenbao.core.findings import Finding, SubmissionRules
from shenbao.core.notice import Notice
from shenbao.ingest.copies import copy_mismatches
from shenbao.ingest.orgcode import is_valid as org_code_is_valid
from shenbao.ingest.safe_eval import evaluate as evaluate_formula
from shenbao.ingest.safe_eval import placeholders

Fields = Mapping[str, Any]
REL_TOL = 1e-6


def evaluate(
    notice: Notice,
    fields: Fields,
    attachments: Mapping[str, bool],
    manager: SubmissionRules | None = None,
    *,
    summary_rows: list[dict[str, Any]] | None = None,
) -> list[Finding]:
    """All findings of one submission, catalog rules first, then plugin rules.

    ``summary_rows`` are the rows of a 推荐汇总表 bound into the document (for
    ``limit_per_applicant``); each row maps field keys to values.
    """
    findings = missing_fields(notice, fields) + missing_attachments(notice, fields, attachments)
    for rule in notice.rules:
        if rule["kind"] == "limit_per_applicant":
            if summary_rows and applies(rule, fields) and over_limit(rule, summary_rows):
                findings.append(rule_finding(rule))
            continue
        if rule["kind"] == "required_if" or not applies(rule, fields):
            continue
        check = RULE_CHECKS[rule["kind"]]
        if check(rule, fields) is False:
            findings.append(rule_finding(rule))
    if manager is not None:
        findings += manager.validate_submission(notice, dict(fields), dict(attachments))
    return dedupe(findings)


def submission_findings(
    notice: Notice,
    fields: Fields,
    attachments: Mapping[str, bool],
    manager: SubmissionRules | None,
    bound_rows: list[dict[str, Any]],
    other_copy: tuple[str, Fields] | None = None,
) -> list[Finding]:
    """The findings of one submission: its values, attachments and the rows of the 推荐汇总表
    bound into its document (``[]`` when none; required, so no caller forgets them).

    ``other_copy`` is (role, values) of the submission's other copy, when there is one: the
    paper copy of an electronic submission or the reverse (``paper`` | ``electronic``,
    :mod:`shenbao.ingest.copies`); the fields the two print differently are findings."""
    found = evaluate(notice, fields, attachments, manager, summary_rows=bound_rows)
    if other_copy is not None:
        found += copy_mismatches(notice, fields, other_copy[1], other_copy[0])
    return found


def dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for finding in findings:
        if finding.ident not in seen:
            seen.add(finding.ident)
            out.append(finding)
    return out


def rule_finding(rule: dict[str, Any]) -> Finding:
    return Finding("rule", rule["key"], rule.get("severity", "warning"), rule.get("message", rule["key"]))


def present(fields: Fields, key: str) -> bool:
    value = fields.get(key)
    return value is not None and value != "" and value != []


def applies(rule: dict[str, Any], fields: Fields) -> bool:
    """The rule's ``when`` condition holds (or it has none)."""
    when = rule.get("when")
    if not when:
        return True
    if not present(fields, when["field"]):
        return False
    value, allowed = fields[when["field"]], when["in"]
    if isinstance(value, list):
        return any(v in allowed for v in value)
    return value in allowed


def missing_fields(notice: Notice, fields: Fields) -> list[Finding]:
    out = [
        Finding("missing_field", f.key, "error", f"必填项未填写：{f.label}")
        for f in notice.fields
        if f.required and not present(fields, f.key)
    ]
    for rule in notice.rules:
        if rule["kind"] != "required_if" or not applies(rule, fields):
            continue
        for key in rule.get("fields", []):
            if not present(fields, key):
                out.append(Finding("missing_field", key, "error", rule["message"]))
        for group in rule.get("any_of", []):
            if group and not any(present(fields, key) for key in group):
                out.append(Finding("missing_field", group[0], "error", rule["message"]))
    return out


def missing_attachments(notice: Notice, fields: Fields, attachments: Mapping[str, bool]) -> list[Finding]:
    out = [
        Finding("missing_attachment", a.key, "error", f"缺少附件：{a.label}")
        for a in notice.attachments
        if a.required and not attachments.get(a.key)
    ]
    for rule in notice.rules:
        if rule["kind"] == "required_if" and applies(rule, fields):
            out += [
                Finding("missing_attachment", key, "error", rule["message"])
                for key in rule.get("attachments", [])
                if not attachments.get(key)
            ]
    return out


# -- rule kinds: each returns True (holds), False (violated) or None (inputs missing) ----


def _numbers_equal(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def check_sum(rule: dict[str, Any], fields: Fields) -> bool | None:
    keys = [rule["total"], *rule["parts"]]
    if not all(present(fields, k) for k in keys):
        return None
    return _numbers_equal(sum(float(fields[k]) for k in rule["parts"]), float(fields[rule["total"]]))


def _bound(rule: dict[str, Any], fields: Fields, name: str) -> Any:
    if f"{name}_field" in rule:
        key = rule[f"{name}_field"]
        return fields[key] if present(fields, key) else None
    return rule.get("value")


def _comparable(value: Any, bound: Any) -> tuple[Any, Any]:
    """Dates compare as ISO strings; a month-only bound against the value's month."""
    if isinstance(bound, str) and isinstance(value, str):
        return value[: len(bound)], bound
    return float(value), float(bound)


def check_min(rule: dict[str, Any], fields: Fields) -> bool | None:
    bound = _bound(rule, fields, "min")
    if not present(fields, rule["field"]) or bound is None:
        return None
    value, bound = _comparable(fields[rule["field"]], bound)
    return value > bound if rule.get("strict") else value >= bound


def check_max(rule: dict[str, Any], fields: Fields) -> bool | None:
    bound = _bound(rule, fields, "max")
    if not present(fields, rule["field"]) or bound is None:
        return None
    value, bound = _comparable(fields[rule["field"]], bound)
    return value < bound if rule.get("strict") else value <= bound


def check_formula(rule: dict[str, Any], fields: Fields) -> bool | None:
    keys = placeholders(rule["check"])
    if not all(present(fields, k) for k in keys):
        return None
    return bool(evaluate_formula(rule["check"], fields))


def check_custom(rule: dict[str, Any], fields: Fields) -> bool | None:
    if not present(fields, rule["field"]):
        return None
    value = fields[rule["field"]]
    kind = rule["check"]
    if kind == "gb32100":
        return org_code_is_valid(str(value))
    if kind == "pattern":
        return re.match(rule["pattern"], str(value)) is not None
    if kind == "equals":
        return value == rule["value"]
    raise ValueError(f"rule {rule['key']}: unknown custom check {kind!r}")


RULE_CHECKS: dict[str, Callable[[dict[str, Any], Fields], bool | None]] = {
    "sum": check_sum,
    "min": check_min,
    "max": check_max,
    "formula": check_formula,
    "custom": check_custom,
}


def over_limit(rule: dict[str, Any], rows: Sequence[Fields]) -> set[Any]:
    """The (applicant, group) pairs that exceed the rule's limit."""
    counts: Counter[tuple[Any, Any]] = Counter()
    for row in rows:
        applicant = row.get(rule["applicant"])
        if applicant in (None, ""):
            continue
        group = row.get(rule["group_by"]) if rule.get("group_by") else None
        counts[(applicant, group)] += 1
    return {pair for pair, n in counts.items() if n > rule["value"]}


def limit_findings(notice: Notice, recommended: Sequence[Fields]) -> list[Finding]:
    """The notice's ``[[limits]]`` broken by the packets a bureau recommends (code ``limit``):
    findings of the batch, not of one packet (``max_recommended``: 推荐数量超过 N 个)."""
    out = []
    for limit in notice.limits:
        counted = sum(1 for fields in recommended if applies(limit, fields))
        if limit["kind"] == "max_recommended" and counted > limit["value"]:
            message = f"推荐数量超过 {limit['value']} 个（已推荐 {counted} 个）"
            if limit.get("text"):
                message += f"：{limit['text']}"
            out.append(Finding("limit", limit["key"], limit.get("severity", "warning"), message))
    return out


def batch_findings(notice: Notice, submissions: Sequence[Fields]) -> list[list[Finding]]:
    """``limit_per_applicant`` findings for each submission of one batch (same notice)."""
    out: list[list[Finding]] = [[] for _ in submissions]
    for rule in notice.rules:
        if rule["kind"] != "limit_per_applicant":
            continue
        rows = [s for s in submissions if applies(rule, s)]
        exceeded = over_limit(rule, rows)
        for i, fields in enumerate(submissions):
            pair = (fields.get(rule["applicant"]), fields.get(rule["group_by"]) if rule.get("group_by") else None)
            if applies(rule, fields) and pair in exceeded:
                out[i].append(rule_finding(rule))
    return out
