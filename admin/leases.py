"""Leases on the files being ingested: no file is left 识别中 by a worker that died.

A worker that claims a file (``queued`` → ``ingesting``) holds a lease on it, named by a
token of its own, until ``lease_until``; a thread renews the lease while the worker reads the
file (:func:`keep_lease`). The worker writes its result only if it still holds the lease
(:func:`finish`), in the same transaction as the result, so a file taken over by another
worker is never written twice. Every worker sweeps now and then (:func:`sweep`): a file whose
lease expired goes back to the queue, or is failed after ``MAX_ATTEMPTS`` claims.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from flask import current_app
from sqlalchemy import CursorResult, and_, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from shenbao.models import SourceFile, db, utcnow

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger(__name__)
HOST = socket.gethostname()[:40]


def interrupted_message(attempts: int) -> str:
    return f"识别进程多次中断（已尝试 {attempts} 次），请重新上传或联系管理员 (the worker stopped {attempts} times)"


def lease_length() -> timedelta:
    return timedelta(seconds=float(current_app.config["LEASE_SECONDS"]))


def new_token() -> str:
    """Which worker holds a file: host, process, and a part unique to this claim."""
    return f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _rowcount(result: Any) -> int:
    # an UPDATE gives a CursorResult, which Session.execute's signature does not say
    return cast("CursorResult[Any]", result).rowcount


def claim(source_id: int) -> str | None:
    """Move a file from ``queued`` to ``ingesting`` under a new lease. Returns the lease's
    token, or None if another worker has (or had) the file."""
    token, now = new_token(), utcnow()
    result = db.session.execute(
        update(SourceFile)
        .where(SourceFile.id == source_id, SourceFile.status == "queued")
        .values(
            status="ingesting",
            attempts=SourceFile.attempts + 1,
            started_at=now,
            lease_owner=token,
            lease_until=now + lease_length(),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return token if _rowcount(result) == 1 else None


def held(source_id: int, token: str) -> ColumnElement[bool]:
    return and_(SourceFile.id == source_id, SourceFile.status == "ingesting", SourceFile.lease_owner == token)


def renew(source_id: int, token: str) -> bool:
    """Extend the lease, on a connection of its own (the worker's session is busy). False if lost."""
    with db.engine.begin() as conn:
        result = conn.execute(
            update(SourceFile).where(held(source_id, token)).values(lease_until=utcnow() + lease_length())
        )
    return result.rowcount == 1


@contextmanager
def keep_lease(source_id: int, token: str) -> Iterator[None]:
    """Renew the lease every quarter of its length while the body runs (a heartbeat thread)."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = threading.Event()

    def beat() -> None:
        every = float(app.config["LEASE_SECONDS"]) / 4
        with app.app_context():
            while not stop.wait(every):
                try:
                    if not renew(source_id, token):
                        log.warning("file %s: lease lost to another worker", source_id)
                        return
                except Exception as exc:  # the database is away: try again at the next beat
                    log.warning("file %s: lease not renewed: %s", source_id, str(exc).splitlines()[0])
                finally:
                    db.session.remove()

    thread = threading.Thread(target=beat, name=f"shenbao-lease-{source_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def finish(source_id: int, token: str, status: str, error: str | None = None) -> bool:
    """Mark the file ``done``/``failed`` if this worker still holds it, inside the session's
    transaction (the caller adds the result and commits). False: another worker took it over."""
    result = db.session.execute(
        update(SourceFile)
        .where(held(source_id, token))
        .values(
            status=status,
            error=error,
            finished_at=utcnow(),
            lease_owner=None,
            lease_until=None,
            ingest_count=SourceFile.ingest_count + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if _rowcount(result) != 1:
        db.session.rollback()
        log.warning("file %s: taken over by another worker; this result is dropped", source_id)
        return False
    source = db.session.get_one(SourceFile, source_id)
    db.session.refresh(source, ["status", "error", "finished_at", "ingest_count", "lease_owner", "lease_until"])
    return True


def fail_submissions(source: SourceFile, message: str) -> None:
    for submission in source.submissions:
        if submission.extraction is None:  # a packet already read keeps its reading
            submission.status, submission.error = "failed", message


def expired(now: datetime) -> ColumnElement[bool]:
    """An ``ingesting`` file whose lease ran out (a row from before leases: by its start)."""
    old = now - lease_length()
    return and_(
        SourceFile.status == "ingesting",
        or_(
            SourceFile.lease_until < now,
            and_(SourceFile.lease_until.is_(None), or_(SourceFile.started_at.is_(None), SourceFile.started_at < old)),
        ),
    )


def sweep() -> tuple[list[int], list[int]]:
    """Release the files of dead workers: (ids back in ``queued``, ids failed after too many
    attempts). Each change is conditional, so workers sweeping at once change a file once."""
    now = utcnow()
    limit = int(current_app.config["MAX_ATTEMPTS"])
    requeued, failed = [], []
    for source_id, attempts in db.session.execute(select(SourceFile.id, SourceFile.attempts).where(expired(now))):
        if attempts >= limit:
            values: dict[str, Any] = {"status": "failed", "error": interrupted_message(attempts), "finished_at": now}
        else:
            values = {"status": "queued"}
        result = db.session.execute(
            update(SourceFile)
            .where(SourceFile.id == source_id, expired(now))
            .values(lease_owner=None, lease_until=None, **values)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(result) != 1:
            continue
        if values["status"] == "failed":
            fail_submissions(db.session.get_one(SourceFile, source_id), values["error"])
            failed.append(source_id)
        else:
            requeued.append(source_id)
        db.session.commit()
    db.session.commit()
    return requeued, failed


def orphans(older_than: float) -> list[int]:
    """Files ``queued`` for a while: with an empty queue, their tasks were lost (a queue that
    was down at upload, or flushed). Queuing one twice is harmless (:func:`claim`)."""
    limit = utcnow() - timedelta(seconds=older_than)
    query = select(SourceFile.id).where(
        SourceFile.status == "queued",
        SourceFile.created_at < limit,
        or_(SourceFile.started_at.is_(None), SourceFile.started_at < limit),
    )
    return list(db.session.scalars(query))
