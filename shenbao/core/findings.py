"""A finding (what is missing, which rule is broken) and what supplies plugin rules.

The rule engine that produces findings is :mod:`shenbao.ingest.findings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from shenbao.core.notice import Notice


@dataclass(frozen=True)
class Finding:
    code: str  # missing_field | missing_attachment | rule
    key: str
    severity: str  # error | warning
    message: str

    @property
    def ident(self) -> str:
        return f"{self.code}:{self.key}"

    def as_contract(self) -> dict[str, str]:
        return {"code": self.code, "key": self.key, "severity": self.severity, "message": self.message}


class SubmissionRules(Protocol):
    """What supplies the rules that need code (the plugin manager's ``validate_submission``
    hook): handed to the rule engine by its caller, so ingest never asks for the manager."""

    def validate_submission(
        self, notice: Notice, fields: dict[str, Any], attachments: dict[str, bool]
    ) -> list[Finding]: ...
