"""The other copy of a submission: the scan of the signed paper copy of a Word file (or the
Word file of a scanned one), attached by the bureau to the submission.

The copy's own reading is kept with it (``extraction``: its contract JSON); the desk's one
findings path compares it with the submission's values (``copy_mismatch``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shenbao.models.base import Model, utcnow

if TYPE_CHECKING:
    from shenbao.models.entities import SourceFile, Submission

COMPANION_STATES = ("queued", "done", "failed")


class CompanionFile(Model):
    __tablename__ = "companion_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), unique=True, index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source_files.id"), index=True)
    role: Mapped[str] = mapped_column(String(12), default="paper")  # paper | electronic: what this copy is
    status: Mapped[str] = mapped_column(String(20), default="queued")
    error: Mapped[str | None] = mapped_column(Text)
    extraction: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    attached_by: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="companion")
    source: Mapped[SourceFile] = relationship()

    def __str__(self) -> str:
        return f"{self.role} copy of #{self.submission_id}"
