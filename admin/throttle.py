"""Login throttling: after too many wrong passwords for one user name or from one address
within a window (default 10 in 15 minutes), every attempt is refused until the window has
moved past them, even with the right password.

Failures are rows of ``login_failures`` (shared by every web process), logged, and listed
for admins (views.LoginFailureView). Refused attempts are recorded as ``throttled`` and do
not count, so the lock ends on time however often the locked-out user tries.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from shenbao.models import LoginFailure, db, utcnow

log = logging.getLogger(__name__)
NAME_LENGTH = 80  # LoginFailure.username, as User.username


def _limit() -> tuple[int, timedelta]:
    config = current_app.config
    return int(config["LOGIN_FAILURE_LIMIT"]), timedelta(minutes=float(config["LOGIN_FAILURE_WINDOW_MINUTES"]))


def _unlock_time(column: str, value: str, now: datetime) -> datetime | None:
    """When the failures for ``column == value`` fall below the limit again (None: not locked)."""
    limit, window = _limit()
    times = list(
        db.session.scalars(
            select(LoginFailure.created_at)
            .where(getattr(LoginFailure, column) == value, LoginFailure.kind == "password")
            .where(LoginFailure.created_at > now - window)
            .order_by(LoginFailure.created_at.desc())
            .limit(limit)
        )
    )
    if len(times) < limit:
        return None
    return times[-1] + window


def locked_minutes(username: str, address: str) -> int:
    """Minutes until this user name and this address may try again; 0 when they may now."""
    now = utcnow()
    unlocks = [
        t for t in (_unlock_time("username", username[:NAME_LENGTH], now), _unlock_time("address", address, now)) if t
    ]
    if not unlocks:
        return 0
    return max(1, math.ceil((max(unlocks) - now).total_seconds() / 60))


def record_failure(username: str, address: str, kind: str) -> None:
    log.warning("login refused (%s) for user %r from %s", kind, username[:NAME_LENGTH], address)
    db.session.add(LoginFailure(username=username[:NAME_LENGTH], address=address, kind=kind))
    db.session.commit()


def forget_failures(username: str) -> int:
    """An admin's password reset lifts the user name's lock (the address keeps its own)."""
    failures = list(db.session.scalars(select(LoginFailure).where(LoginFailure.username == username[:NAME_LENGTH])))
    for failure in failures:
        failure.kind = "cleared" if failure.kind == "password" else failure.kind
    db.session.commit()
    return len(failures)
