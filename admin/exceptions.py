"""Errors only the review desk raises, as kinds of :class:`~shenbao.core.errors.ShenbaoError`.

The web app shows ``str(error)`` as one message, never a traceback (``admin/app.py``).
"""

from __future__ import annotations

from shenbao.core.errors import ExitCode, InputError, ShenbaoError

# The web's one mapping of an error kind to an HTTP status (used by the app's error handler
# and by the JSON endpoints that answer an error themselves).
HTTP_STATUS = {
    ExitCode.conflict: 409,  # StaleEdit, InvalidState
    ExitCode.not_allowed: 403,
    ExitCode.unknown_notice: 404,
    ExitCode.config: 500,
}


def http_status(exc: ShenbaoError) -> int:
    """The HTTP status for ``exc``: by its kind, 400 (bad request) for the rest."""
    return HTTP_STATUS.get(exc.exit_code, 400)


class UploadRejected(InputError):
    """An uploaded file is empty, too large, or not a PDF or page image."""


class InvalidEntry(InputError):
    """A typed value does not fit the field's type (e.g. a bad credit-code check character)."""

    exit_code = ExitCode.bad_args


class ExportError(ShenbaoError):
    """An export cannot be produced (unknown notice, no summary table for it)."""

    exit_code = ExitCode.bad_args


class UserError(ShenbaoError):
    """A user cannot be created or changed as asked (duplicate name, unknown role, empty password)."""

    exit_code = ExitCode.bad_args
