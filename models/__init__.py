"""Database models of the review desk (Flask-SQLAlchemy), shared by the web app and workers."""
from __future__ import annotations

from shenbao.models.base import db, utcnow
from shenbao.models.entities import (FILE_STATES, ROLE_RIGHTS, ROLES, SUBMISSION_STATES, Setting,
                                     SourceFile, Submission, User)
from shenbao.models.review import AttachmentState, AuditEntry, FieldValue, FindingRecord

__all__ = [
    "db", "utcnow", "User", "SourceFile", "Submission", "Setting", "FieldValue", "AttachmentState",
    "FindingRecord", "AuditEntry", "ROLES", "ROLE_RIGHTS", "FILE_STATES", "SUBMISSION_STATES",
]
