"""Which fields and attachments a submission must carry, given its own values.

Unconditional requirements come from ``required = true``; conditional ones from the
notice's ``required_if`` rules whose ``when`` holds (e.g. Hunan 综合型/特色型 platforms must fill
the 13 indicators that 专业型 platforms may leave blank).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shenbao.core.notice import Notice
from shenbao.ingest.findings import applies, present


@dataclass(frozen=True)
class Requirement:
    kind: str  # field | attachment
    key: str
    label: str
    present: bool
    condition: str = ""  # the rule message when the requirement is conditional

    @property
    def conditional(self) -> bool:
        return bool(self.condition)


def requirements(notice: Notice, values: Mapping[str, Any], attachments: Mapping[str, bool]) -> list[Requirement]:
    labels = {f.key: f.label for f in notice.fields}
    att_labels = {a.key: a.label for a in notice.attachments}
    out: dict[tuple[str, str], Requirement] = {}
    for spec in notice.fields:
        if spec.required:
            out[("field", spec.key)] = Requirement("field", spec.key, spec.label, present(values, spec.key))
    for attachment in notice.attachments:
        if attachment.required:
            out[("attachment", attachment.key)] = Requirement(
                "attachment", attachment.key, attachment.label, bool(attachments.get(attachment.key))
            )
    for rule in notice.rules:
        if rule.get("kind") != "required_if" or not applies(rule, values):
            continue
        message = rule.get("message", rule.get("key", ""))
        for key in rule.get("fields", []):
            out.setdefault(
                ("field", key), Requirement("field", key, labels.get(key, key), present(values, key), message)
            )
        for group in rule.get("any_of", []):
            if not group:
                continue
            label = " / ".join(labels.get(k, k) for k in group)
            out.setdefault(
                ("field", group[0]),
                Requirement("field", group[0], label, any(present(values, k) for k in group), message),
            )
        for key in rule.get("attachments", []):
            out.setdefault(
                ("attachment", key),
                Requirement("attachment", key, att_labels.get(key, key), bool(attachments.get(key)), message),
            )
    return list(out.values())


def completeness(reqs: list[Requirement]) -> float:
    """Share of requirements met, in percent (100 when nothing is required)."""
    if not reqs:
        return 100.0
    return round(100.0 * sum(r.present for r in reqs) / len(reqs), 1)
