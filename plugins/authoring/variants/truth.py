"""The truth of a generated document (contract section 3) and a check that it is well typed.

Findings come from the project's one findings path, :func:`shenbao.ingest.findings.submission_findings`,
with the notice and plugin manager: the truth says what a correct checker reports for the
values that are printed, so it must use the same reading of the catalog rules.
"""

from __future__ import annotations

import math
import re
from typing import Any

from shenbao.core.errors import PluginError
from shenbao.core.notice import Notice
from shenbao.ingest.findings import submission_findings
from shenbao.plugins.authoring.variants.docxedit import Doc
from shenbao.plugins.manager import PluginManager

ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")
PHONE = re.compile(r"\d{3,4}-\d{7,8}|1\d{10}")


class VariantError(PluginError):
    """A generated document whose truth is not what the contract allows (a generator bug)."""


def build_truth(doc: Doc, manager: PluginManager | None) -> dict[str, Any]:
    findings = submission_findings(doc.notice, doc.fields, doc.attachments, manager, doc.summary_rows or [])
    return {
        "notice": doc.notice.id,
        "fields": dict(doc.fields),
        "attachments": dict(doc.attachments),
        "findings": sorted(f.ident for f in findings),
    }


def type_problems(notice: Notice, fields: dict[str, Any]) -> list[str]:
    """Truth values that are not in the normalized form of their contract type."""
    problems = []
    for key, value in fields.items():
        try:
            spec = notice.field(key)
        except KeyError:
            problems.append(f"{key}: not a field of {notice.id}")
            continue
        if not _well_typed(spec.type, value, spec.options):
            problems.append(f"{key}: {value!r} is not a normalized {spec.type}")
    return problems


def _well_typed(ftype: str, value: Any, options: tuple[str, ...]) -> bool:
    if ftype == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if ftype in ("decimal", "money_wan", "percent"):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if ftype == "bool":
        return isinstance(value, bool)
    if ftype == "date":
        return isinstance(value, str) and ISO_DATE.fullmatch(value) is not None
    if ftype == "choice":
        return isinstance(value, str) and (not options or value in options)
    if ftype == "multichoice":
        return isinstance(value, list) and bool(value) and all(v in options for v in value)
    if ftype == "org_code":
        return isinstance(value, str) and len(value) == 18 and value == value.upper()
    if ftype == "email":
        return isinstance(value, str) and "@" in value and value == value.strip()
    if ftype == "phone":
        return isinstance(value, str) and PHONE.fullmatch(value) is not None
    return isinstance(value, str) and bool(value.strip())


def check_truth(doc: Doc) -> None:
    problems = type_problems(doc.notice, doc.fields)
    if problems:
        raise VariantError(f"{doc.name}: " + "; ".join(problems))
