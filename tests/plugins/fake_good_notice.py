"""A third-party notice plugin that works, registered beside the broken ones.

It binds a code rule and a 汇总表 builder to its notice exactly like the built-ins.
"""

from __future__ import annotations

from typing import Any

from shenbao.core.notice import notice_from_dict
from shenbao.plugins import Finding, Notice, SummaryTable, notice_registration

GOOD = {
    "notice": {"id": "fake-good", "name": "Good fake notice", "form_title": "Fake Form"},
    "fields": [{"key": "applicant.name", "label": "Company name", "section": "A", "type": "text", "required": True}],
}
NOTICE = notice_from_dict(GOOD, "fake_good_notice.py")


def name_is_short(notice: Notice, fields: dict[str, Any], attachments: dict[str, bool]) -> list[Finding]:
    name = fields.get("applicant.name") or ""
    return [Finding("rule", "fake.name_long", "warning", f"{notice.id}: name too long")] if len(name) > 10 else []


def summary(notice: Notice, submissions: list[dict[str, Any]]) -> SummaryTable:
    rows = [[i, s.get("applicant.name", "")] for i, s in enumerate(submissions, 1)]
    return SummaryTable(title=notice.name, columns=["序号", "Company name"], rows=rows)


register_notices = notice_registration(NOTICE, summary=summary, rules=[name_is_short])
