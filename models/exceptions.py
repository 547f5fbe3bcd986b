"""Errors of the models package: a stored record cannot be changed as asked."""

from __future__ import annotations


class ModelError(Exception):
    """Base error, carrying the record (submission, field) it concerns."""

    def __init__(self, message: str, *, submission: int | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.submission = submission
        self.key = key

    def __str__(self) -> str:
        where = []
        if self.submission is not None:
            where.append(f"申报 #{self.submission}")
        if self.key:
            where.append(self.key)
        return f"{' '.join(where)}: {self.message}" if where else self.message


class StaleEdit(ModelError):
    """Someone else saved the same field or attachment after this page was loaded."""


class InvalidState(ModelError):
    """The record is not in a state that allows the change (e.g. still ingesting)."""
