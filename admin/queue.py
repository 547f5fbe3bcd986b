"""The ingest queue: Huey on SQLite in the instance folder, or on Redis.

Workers run :func:`work` (a plain dequeue/execute loop) so that the same loop serves the
embedded worker thread of ``shenbao serve`` and the ``shenbao worker`` processes. Each task
pushes its own app context. A file is ingested at most once even if its task were delivered
twice: :func:`shenbao.admin.ingest.claim` moves it from ``queued`` to ``ingesting`` with one
conditional UPDATE.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey

from shenbao.admin.companions import ingest_file
from shenbao.admin.ingest import QUEUE_EXTENSION, requeue_stale
from shenbao.core.errors import ConfigError

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger(__name__)
EXTENSION = QUEUE_EXTENSION


class IngestQueue:
    """Huey instance plus the one task shenbao queues: ingest a stored file."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.huey = make_huey(app.config)
        self._ingest = self.huey.task(name="shenbao.ingest", retries=0)(self._run_ingest)

    def _run_ingest(self, source_id: int) -> str:
        with self.app.app_context():
            return ingest_file(source_id)

    def enqueue(self, source_id: int) -> None:
        self._ingest(source_id)

    def pending(self) -> int:
        return self.huey.pending_count()


def make_huey(config: dict) -> Huey:
    name = config.get("QUEUE_NAME") or "shenbao"
    if config.get("QUEUE_IMMEDIATE"):
        return MemoryHuey(name, immediate=True, results=False)
    url = config.get("REDIS_URL")
    if url:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError(f"unsupported queue URL {url!r} (use redis://host:port/db)")
        return RedisHuey(name, url=url, blocking=True, read_timeout=1, results=False)
    path = Path(config["SHENBAO_HOME"]) / "queue.db"
    return SqliteHuey(name, filename=str(path), timeout=30, results=False)


def get_queue(app: Flask) -> IngestQueue:
    return app.extensions[EXTENSION]


def work(app: Flask, stop: threading.Event | None = None, *, idle_exit: float | None = None, poll: float = 0.3) -> int:
    """Run queued tasks until ``stop`` is set (or the queue stayed empty ``idle_exit`` seconds).

    Returns the number of tasks executed. A failing task is logged; the loop goes on.
    """
    huey = get_queue(app).huey
    stop = stop or threading.Event()
    with app.app_context():
        if requeue_stale(app.config.get("STALE_MINUTES", 30)):
            log.warning("requeued files left ingesting by a stopped worker")
    done = 0
    idle_since = time.monotonic()
    while not stop.is_set():
        task = huey.dequeue()
        if task is None:
            if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                break
            if not isinstance(huey, RedisHuey):  # Redis dequeue already blocks read_timeout
                stop.wait(poll)
            continue
        try:
            huey.execute(task)
        except Exception:  # the task records its own failure on the file; keep working
            log.exception("task %s failed", task.id)
        done += 1
        idle_since = time.monotonic()
    return done


def start_embedded_worker(app: Flask) -> tuple[threading.Thread, threading.Event]:
    """The worker thread of ``shenbao serve``."""
    stop = threading.Event()
    thread = threading.Thread(target=work, args=(app, stop), name="shenbao-worker", daemon=True)
    thread.start()
    return thread, stop
