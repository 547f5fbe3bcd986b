"""Errors of the models package: a stored record cannot be changed as asked."""

from __future__ import annotations

from shenbao.core.errors import ConflictError


class StaleEdit(ConflictError):
    """Someone else saved the same field or attachment after this page was loaded."""


class InvalidState(ConflictError):
    """The record is not in a state that allows the change (e.g. still ingesting)."""
