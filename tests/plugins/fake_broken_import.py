"""A third-party notice plugin whose import fails (a dependency that is not installed)."""

from __future__ import annotations

import shenbao_fake_dependency_that_is_not_installed  # noqa: F401

from shenbao.plugins import hookimpl


@hookimpl
def register_notices() -> list:
    return []
