"""Errors of the review desk. The web app shows ``str(error)`` as one message, never a traceback."""

from __future__ import annotations


class AdminError(Exception):
    """Base error, carrying what it concerns (file, submission, field) for the message."""

    def __init__(
        self, message: str, *, file: str | None = None, submission: int | None = None, key: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.submission = submission
        self.key = key

    def __str__(self) -> str:
        where = [w for w in (self.file, self.submission is not None and f"申报 #{self.submission}", self.key) if w]
        return f"{', '.join(str(w) for w in where)}: {self.message}" if where else self.message


class ConfigError(AdminError):
    """A setting (environment variable, database or queue URL) cannot be used."""


class UploadRejected(AdminError):
    """An uploaded file is empty, too large, or not a PDF or page image."""


class NotAllowed(AdminError):
    """The user's role does not allow the action."""


class InvalidEntry(AdminError):
    """A typed value does not fit the field's type (e.g. a bad credit-code check character)."""


class ExportError(AdminError):
    """An export cannot be produced (unknown notice, no summary table for it)."""


class UserError(AdminError):
    """A user cannot be created or changed as asked (duplicate name, unknown role, empty password)."""
