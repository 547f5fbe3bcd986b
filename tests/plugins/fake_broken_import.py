"""A third-party notice plugin whose import fails (a dependency that is not installed)."""

from __future__ import annotations

# the missing module is the point of this plugin: its import must fail
import shenbao_fake_dependency_that_is_not_installed  # type: ignore[import-not-found]  # noqa: F401

from shenbao.plugins import hookimpl


@hookimpl
def register_notices() -> list:
    return []
