"""Users, stored originals and submissions: what the batch view lists."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from shenbao.models.base import Model, utcnow

if TYPE_CHECKING:  # the relationships' other ends; review.py imports this module
    from shenbao.models.companions import CompanionFile
    from shenbao.models.review import AttachmentState, FieldValue, FindingRecord

ROLES = ("clerk", "reviewer", "admin")
# What each role may do; a role has the rights of the roles before it.
ROLE_RIGHTS = {
    "clerk": {"upload", "correct", "flag"},
    "reviewer": {"upload", "correct", "flag", "confirm", "export", "withdraw"},
    "admin": {"upload", "correct", "flag", "confirm", "export", "withdraw", "restore", "users", "settings"},
}

FILE_STATES = ("queued", "ingesting", "done", "failed")


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default="clerk")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # in every session cookie of the user (get_id): a logout or a new password raises it, so
    # every copy of an older cookie stops opening pages
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.end_sessions()

    def end_sessions(self) -> None:
        """Every session cookie issued so far is refused from now on."""
        self.session_version = (self.session_version or 0) + 1

    def get_id(self) -> str:  # flask-login: what the session cookie carries
        return f"{self.id}:{self.session_version}"

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # flask-login
        return bool(self.active)

    def can(self, right: str) -> bool:
        return right in ROLE_RIGHTS.get(self.role, set())

    def __str__(self) -> str:
        return self.username


class LoginFailure(Model):
    """A refused login: a wrong password, or an attempt while throttled. Admins see them."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="password")  # password | throttled
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SourceFile(Model):
    """One uploaded file. The bytes live under SHENBAO_HOME/originals/<sha256>, never changed."""

    __tablename__ = "source_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[str] = mapped_column(String(36), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(default=0)
    media_type: Mapped[str] = mapped_column(String(100), default="")  # a Word MIME type is 71 long
    uploaded_by: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    ingest_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # the worker ingesting the file holds it until lease_until and renews that while it runs;
    # an expired lease is a dead worker's file, taken up again (admin/leases.py)
    lease_owner: Mapped[str | None] = mapped_column(String(80))
    lease_until: Mapped[datetime | None]
    # a page image bound with others into one packet PDF: the packet's own SourceFile
    packet_id: Mapped[int | None] = mapped_column(ForeignKey("source_files.id"), index=True)

    # one submission per packet: a file holding a stack of packets has several, in page order
    submissions: Mapped[list[Submission]] = relationship(back_populates="source", order_by="Submission.id")

    @property
    def submission(self) -> Submission | None:
        """The file's first submission (its only one unless the file is a stack)."""
        return self.submissions[0] if self.submissions else None

    @submission.setter
    def submission(self, value: Submission | None) -> None:
        self.submissions = [] if value is None else [value]

    def __str__(self) -> str:
        return self.filename


class Submission(Model):
    """One packet (申报书) and the summary numbers the batch view sorts and filters on."""

    __tablename__ = "submissions"
    __table_args__ = (Index("ix_submissions_notice_status", "notice_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source_files.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255), default="")
    notice_id: Mapped[str | None] = mapped_column(String(64), index=True)
    notice_confidence: Mapped[float | None]
    pages: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20), default="ingesting", index=True)
    error: Mapped[str | None] = mapped_column(Text)
    applicant_name: Mapped[str | None] = mapped_column(String(255), index=True)
    applicant_code: Mapped[str | None] = mapped_column(String(32), index=True)
    project_name: Mapped[str | None] = mapped_column(String(255))
    # applicant, code, project and file name in one column: the list's search scans one column
    search_text: Mapped[str] = mapped_column(Text, default="")
    completeness: Mapped[float | None] = mapped_column(index=True)
    to_review: Mapped[int] = mapped_column(default=0, index=True)
    open_findings: Mapped[int] = mapped_column(default=0, index=True)
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(80))  # who confirmed it (已确认)
    reviewed_at: Mapped[datetime | None]
    # the reviewer's 推荐排序 of a recommended packet: 1 is the first row of the 汇总表
    recommend_rank: Mapped[int | None]
    # why it is 不推荐 (required), withdrawn or a duplicate
    decision_note: Mapped[str | None] = mapped_column(Text)
    # the state before withdrawn/duplicate, where an admin's restore returns it
    prior_status: Mapped[str | None] = mapped_column(String(20))
    # a first-run sample (scripts/serve.sh): never in a real export, removable at once
    demo: Mapped[bool] = mapped_column(default=False, server_default=sa_false(), index=True)

    source: Mapped[SourceFile | None] = relationship(back_populates="submissions")
    fields: Mapped[list[FieldValue]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="FieldValue.position"
    )
    attachments: Mapped[list[AttachmentState]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="AttachmentState.position"
    )
    findings: Mapped[list[FindingRecord]] = relationship(back_populates="submission", cascade="all, delete-orphan")
    # the submission's other copy, when the bureau attached one (see models/companions.py)
    companion: Mapped[CompanionFile | None] = relationship(
        back_populates="submission", cascade="all, delete-orphan", uselist=False
    )

    def __str__(self) -> str:
        return f"#{self.id} {self.applicant_name or self.filename}"


class Setting(Model):
    """Settings an admin changes in the web app (e.g. the auto-accept threshold)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))
    updated_by: Mapped[str | None] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
