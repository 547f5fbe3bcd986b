"""Per-field values, attachment states, findings and the audit trail of a submission."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shenbao.models.base import Model, utcnow
from shenbao.models.entities import Submission

# state of a field: as extracted, corrected to a new value, or confirmed unchanged
FIELD_STATES = ("extracted", "corrected", "confirmed")


class FieldValue(Model):
    """The current value of one field; ``original_*`` keep what the extractor read."""

    __tablename__ = "field_values"
    __table_args__ = (
        UniqueConstraint("submission_id", "key", name="uq_field_values_submission_key"),
        Index("ix_field_values_key_value", "key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    raw: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None]
    page: Mapped[int | None]
    bbox: Mapped[list[float] | None] = mapped_column(JSON(none_as_null=True))
    source: Mapped[str | None] = mapped_column(String(10))
    original_value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="extracted")
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str | None] = mapped_column(String(80))
    updated_at: Mapped[datetime | None]

    submission: Mapped[Submission] = relationship(back_populates="fields")

    # read once when the class is mapped; DeclarativeBase types it as an instance attribute
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def __str__(self) -> str:
        return self.key


class AttachmentState(Model):
    """Whether one attachment is present; ``flag`` is a clerk's override with a note."""

    __tablename__ = "attachment_states"
    __table_args__ = (UniqueConstraint("submission_id", "key", name="uq_attachment_states_submission_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    extracted_present: Mapped[bool] = mapped_column(default=False)
    extracted_pages: Mapped[list[int] | None] = mapped_column(JSON(none_as_null=True))
    present: Mapped[bool] = mapped_column(default=False)
    pages: Mapped[list[int] | None] = mapped_column(JSON(none_as_null=True))
    flag: Mapped[str | None] = mapped_column(String(12))  # None | "missing" | "present"
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    updated_by: Mapped[str | None] = mapped_column(String(80))
    updated_at: Mapped[datetime | None]

    submission: Mapped[Submission] = relationship(back_populates="attachments")

    # read once when the class is mapped; DeclarativeBase types it as an instance attribute
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class FindingRecord(Model):
    """A finding as last computed; ``scope`` is ``submission`` or ``batch`` (cross-submission)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(10), default="submission")
    code: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(120))
    severity: Mapped[str] = mapped_column(String(10), default="error")
    message: Mapped[str] = mapped_column(Text, default="")

    submission: Mapped[Submission] = relationship(back_populates="findings")

    @property
    def label(self) -> str:
        return f"{self.code}:{self.key}"


class AuditEntry(Model):
    """Who changed what, when: old -> new, and the extracted original. Append-only."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"), index=True)
    target: Mapped[str] = mapped_column(String(12))  # field | attachment | submission | user | setting
    key: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    original_value: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    note: Mapped[str | None] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    submission: Mapped[Submission | None] = relationship()
