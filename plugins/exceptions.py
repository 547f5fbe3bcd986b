"""Errors of the plugins package: a notice plugin or engine that cannot be used."""

from __future__ import annotations


class PluginError(Exception):
    """Base error, carrying the plugin (and, where known, file and field) it concerns."""

    def __init__(
        self, message: str, *, plugin: str | None = None, file: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.plugin = plugin
        self.file = file
        self.field = field

    def __str__(self) -> str:
        where = [w for w in (self.plugin, self.file, self.field and f"field {self.field}") if w]
        return f"{', '.join(where)}: {self.message}" if where else self.message


class NoticeDefinitionError(PluginError):
    """A notice's field map or rules are malformed (bad type, duplicate key, ...)."""


class UnknownNoticeId(PluginError):
    """No installed plugin provides the requested notice id."""
