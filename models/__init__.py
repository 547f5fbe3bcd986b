"""Database models of the review desk (Flask-SQLAlchemy), shared by the web app and workers."""

from __future__ import annotations

from shenbao.models.base import db, utcnow
from shenbao.models.companions import COMPANION_STATES, CompanionFile
from shenbao.models.entities import (
    FILE_STATES,
    ROLE_RIGHTS,
    ROLES,
    SUBMISSION_STATES,
    LoginFailure,
    Setting,
    SourceFile,
    Submission,
    User,
)
from shenbao.models.packets import PacketSplit
from shenbao.models.review import AttachmentState, AuditEntry, FieldValue, FindingRecord

__all__ = [
    "COMPANION_STATES",
    "FILE_STATES",
    "ROLES",
    "ROLE_RIGHTS",
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
    "utcnow",
]
