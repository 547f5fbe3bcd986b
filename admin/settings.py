"""Settings an admin edits in the web app; stored in the ``settings`` table."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy import insert, select

from shenbao.admin.review import audit, recompute
from shenbao.core.errors import ConfigError
from shenbao.models import LIVE_STATES, Setting, Submission, User, db, utcnow

THRESHOLD = "auto_accept_threshold"


def ensure_defaults(conn: Any) -> None:
    """Insert missing settings with their configured defaults (inside the schema transaction)."""
    if conn.execute(select(Setting.key).where(Setting.key == THRESHOLD)).first() is None:
        conn.execute(
            insert(Setting).values(
                key=THRESHOLD, value=str(current_app.config["AUTO_ACCEPT_THRESHOLD"]), updated_at=utcnow()
            )
        )


def validate_setting(key: str, value: str) -> str:
    if key == THRESHOLD:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{value!r} is not a number between 0 and 1", field=key) from None
        if not 0 < number <= 1:
            raise ConfigError(f"{number} is not between 0 and 1", field=key)
        return str(number)
    return value


def apply_setting(key: str, user: User | str) -> int:
    """A new threshold changes which fields need review: recount every submission."""

    if key != THRESHOLD:
        return 0
    ids = list(db.session.scalars(select(Submission.id).where(Submission.status.in_(LIVE_STATES))))
    for start in range(0, len(ids), 200):
        for submission in db.session.scalars(select(Submission).where(Submission.id.in_(ids[start : start + 200]))):
            recompute(submission, user)
        db.session.commit()
    audit(None, "setting", key, "update", user, new=db.session.get_one(Setting, key).value)
    db.session.commit()
    return len(ids)
