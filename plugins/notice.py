"""A notice plugin's hook from its :class:`~shenbao.core.notice.Notice` (the types and the
TOML loader are in :mod:`shenbao.core.notice`)."""

from __future__ import annotations

from collections.abc import Callable

from shenbao.core.notice import Notice
from shenbao.plugins.markers import hookimpl


def notice_registration(notice: Notice) -> Callable[[], list[Notice]]:
    """A ``register_notices`` hook implementation that declares ``notice``: a notice plugin
    module says ``register_notices = notice_registration(NOTICE)``."""

    @hookimpl
    def register_notices() -> list[Notice]:
        return [notice]

    return register_notices
