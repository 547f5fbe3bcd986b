"""Errors of the ingest package.

Every error carries the context a clerk needs (file, page, field); the CLI and the
web app print ``str(error)``, one line, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """Base error: something about one input file could not be processed."""

    def __init__(
        self, message: str, *, file: str | Path | None = None, page: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.page = page
        self.field = field

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.field:
            where.append(f"field {self.field}")
        prefix = ": ".join([", ".join(where)]) if where else ""
        return f"{prefix}: {self.message}" if prefix else self.message


class UnreadableFile(IngestError):
    """The file is empty, truncated, encrypted or not a PDF/image at all."""


class UnknownNotice(IngestError):
    """The document is not a submission of any installed notice, or the id is unknown."""


class OcrError(IngestError):
    """The OCR engine could not be loaded or failed on a page."""
