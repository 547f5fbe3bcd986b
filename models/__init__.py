"""Database models of the review desk (Flask-SQLAlchemy), shared by the web app and workers."""

from __future__ import annotations

from shenbao.models.base import db, utcnow
from shenbao.models.companions import COMPANION_STATES, CompanionFile
from shenbao.models.entities import (
    FILE_STATES,
    ROLE_RIGHTS,
    ROLES,
    LoginFailure,
    Setting,
    SourceFile,
    Submission,
    User,
)
from shenbao.models.packets import PacketSplit
from shenbao.models.review import AttachmentState, AuditEntry, FieldValue, FindingRecord
from shenbao.models.states import LIVE_STATES, STATE_LABELS, SUBMISSION_STATES, state_label

__all__ = [
    "COMPANION_STATES",
    "FILE_STATES",
    "LIVE_STATES",
    "ROLES",
    "ROLE_RIGHTS",
    "STATE_LABELS",
    "SUBMISSION_STATES",
    "AttachmentState",
    "AuditEntry",
    "CompanionFile",
    "FieldValue",
    "FindingRecord",
    "LoginFailure",
    "PacketSplit",
    "Setting",
    "SourceFile",
    "Submission",
    "User",
    "db",
    "state_label",
    "utcnow",
]
