"""Split points a clerk set by hand for a file holding several packets.

A table of its own (not a column of ``source_files``), so a desk already running gets it
from ``create_all`` without a migration.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from shenbao.models.base import Model, utcnow


class PacketSplit(Model):
    """The first page of each packet of one stored file, as the clerk set them."""

    __tablename__ = "packet_splits"

    source_id: Mapped[int] = mapped_column(ForeignKey("source_files.id"), primary_key=True)
    first_pages: Mapped[list[int]] = mapped_column(JSON)
    set_by: Mapped[str] = mapped_column(String(80), default="")
    set_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def __str__(self) -> str:
        return f"file {self.source_id}: {self.first_pages}"
