"""A notice bound to its own code: the 汇总表 builder and the rules that need Python.

A notice plugin declares its notice with ``register_notices`` and hands the code that
belongs to that notice in the same object, so the manager calls a summary builder or a
code rule only for the notice it was registered with (no ``if notice.id != ...`` guards)::

    NOTICE = load_notice(Path(__file__).with_name("notice.toml"))
    register_notices = notice_registration(NOTICE, summary=build_summary, rules=[check_dates])

This is datasette's "return what you provide from one register hook" style, keyed by the
notice id instead of a firstresult hook every plugin has to decline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shenbao.plugins.markers import hookimpl

if TYPE_CHECKING:
    from shenbao.core.findings import Finding
    from shenbao.core.notice import Notice
    from shenbao.core.summary import SummaryTable

# (notice, submissions in upload order) -> the notice's 推荐汇总表
SummaryBuilder = Callable[["Notice", list[dict[str, Any]]], "SummaryTable"]
# (notice, fields, attachments) -> findings of one submission
CodeRule = Callable[["Notice", dict[str, Any], dict[str, bool]], list["Finding"]]


@dataclass(frozen=True)
class BoundNotice:
    """A notice with the code that belongs to it (both optional: most notices are data)."""

    notice: Notice
    summary: SummaryBuilder | None = None
    rules: tuple[CodeRule, ...] = ()


def bound(declared: Notice | BoundNotice) -> BoundNotice:
    """What a ``register_notices`` implementation returned, as a :class:`BoundNotice` (a
    plain ``Notice`` is a notice without code)."""
    return declared if isinstance(declared, BoundNotice) else BoundNotice(declared)


def notice_registration(
    notice: Notice, *, summary: SummaryBuilder | None = None, rules: Sequence[CodeRule] = ()
) -> Callable[[], list[BoundNotice]]:
    """A ``register_notices`` hook implementation that declares ``notice`` with its code:
    a notice plugin module says ``register_notices = notice_registration(NOTICE, ...)``."""
    declared = BoundNotice(notice, summary, tuple(rules))

    @hookimpl
    def register_notices() -> list[BoundNotice]:
        return [declared]

    return register_notices
