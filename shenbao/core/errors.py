"""The one error tree of shenbao.

Every error a user can cause (a bad file, an unknown notice id, a stale edit, a broken
plugin) is a :class:`ShenbaoError`. It carries the context a clerk needs (file, page,
field, ...), prints as one line naming that context and the problem, and has a
class-level :class:`ExitCode`, as ocrmypdf's ``exceptions.py`` does. The CLI maps it to
one stderr line and its exit code in one place (``shenbao/cli.py``), the web app to a
flash message or JSON with a status per kind in one place (``admin/app.py``).

The kinds used by more than one layer live here; kinds only one layer raises live in
that layer's ``exceptions.py``, as subclasses of these.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import ClassVar


class ExitCode(IntEnum):
    """Exit status of the ``shenbao`` command, one per kind of error."""

    ok = 0
    other_error = 1
    bad_args = 2  # the command line or a typed value cannot be used
    input_file = 4  # the input file is unreadable, or not what was expected
    unknown_notice = 5  # no installed notice has that id, or the document matches none
    ocr = 6  # the OCR engine cannot be loaded or failed
    plugin = 7  # a plugin or notice definition is broken
    config = 8  # a setting (environment, database, queue) cannot be used
    conflict = 9  # a stale edit, or a record in the wrong state for the change
    not_allowed = 10  # the user's role does not allow the action
    interrupted = 130  # Ctrl-C, as a shell reports SIGINT


class ShenbaoError(Exception):
    """Base of every shenbao error: a message plus where it happened.

    ``file``, ``page`` and ``field`` locate the problem in an input; ``plugin`` and
    ``submission`` name the plugin or the stored 申报 it concerns.
    """

    exit_code: ClassVar[ExitCode] = ExitCode.other_error

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        page: int | None = None,
        field: str | None = None,
        plugin: str | None = None,
        submission: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message  # the problem alone, without its context
        self.file = str(file) if file is not None else None
        self.page = page
        self.field = field
        self.plugin = plugin
        self.submission = submission

    def where(self) -> list[str]:
        """The context, most general first: plugin, file, submission, page, field."""
        parts = [self.plugin or "", self.file or ""]
        if self.submission is not None:
            parts.append(f"申报 #{self.submission}")
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        if self.field:
            parts.append(f"字段 {self.field}")
        return [p for p in parts if p]

    def __str__(self) -> str:
        """One line: where (if known), then the problem."""
        where = self.where()
        return f"{', '.join(where)}: {self.message}" if where else self.message


class UsageError(ShenbaoError):
    """A command cannot run as asked (a missing argument file, passwords that differ)."""

    exit_code = ExitCode.bad_args


class InputError(ShenbaoError):
    """An input (file or typed value) cannot be used."""

    exit_code = ExitCode.input_file


class UnreadableFile(InputError):
    """The file is empty, truncated, encrypted or not a PDF/image at all."""


class UnknownNotice(ShenbaoError):
    """No installed notice has the requested id, or the document is a submission of none."""

    exit_code = ExitCode.unknown_notice


class OcrError(ShenbaoError):
    """The OCR engine could not be loaded or failed on a page."""

    exit_code = ExitCode.ocr


class PluginError(ShenbaoError):
    """A notice plugin or engine cannot be used, or an authoring tool cannot do as asked."""

    exit_code = ExitCode.plugin


class NoticeDefinitionError(PluginError):
    """A notice's field map or rules are malformed (bad type, duplicate key, ...)."""


class ConfigError(ShenbaoError):
    """A setting (environment variable, database or queue URL) cannot be used."""

    exit_code = ExitCode.config


class ConflictError(ShenbaoError):
    """A stored record cannot be changed as asked: someone changed it first, or its state forbids it."""

    exit_code = ExitCode.conflict


class NotAllowed(ShenbaoError):
    """The user's role does not allow the action."""

    exit_code = ExitCode.not_allowed
