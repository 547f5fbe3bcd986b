"""The ingest queue: Huey on SQLite in the instance folder, or on Redis.

Workers run :func:`work` (a plain dequeue/execute loop) so that the same loop serves the
embedded worker thread of ``shenbao serve`` and the ``shenbao worker`` processes. Each task
pushes its own app context. A file is ingested at most once even if its task were delivered
twice: :func:`shenbao.admin.leases.claim` moves it from ``queued`` to ``ingesting`` with one
conditional UPDATE. Beside the loop, every worker sweeps for files of dead workers
(:class:`Sweeper`); a worker that loses the queue or the database retries with backoff and
says so in one line per retry.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from sqlalchemy.exc import SQLAlchemyError

from shenbao.admin.companions import ingest_file
from shenbao.admin.failures import QUEUE_ERRORS, QueueUnavailable, StorageError, describe
from shenbao.admin.ingest import QUEUE_EXTENSION
from shenbao.admin.leases import orphans, sweep
from shenbao.core.errors import ConfigError

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger(__name__)
EXTENSION = QUEUE_EXTENSION
RETRY_FIRST, RETRY_MAX = 1.0, 30.0  # seconds between retries of a lost queue/database


class IngestQueue:
    """Huey instance plus the one task shenbao queues: ingest a stored file."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.huey = make_huey(app.config)
        self._ingest = self.huey.task(name="shenbao.ingest", retries=0)(self._run_ingest)

    def _run_ingest(self, source_id: int) -> str:
        """The task. A lost database is one line (Huey would log a traceback); the file's
        lease then runs out and a sweep queues it again."""
        try:
            with self.app.app_context():
                return ingest_file(source_id)
        except (SQLAlchemyError, OSError, *QUEUE_ERRORS) as exc:
            error = describe(exc, *urls_of(self.app))
            if error is None:
                raise
            log.error("worker: file %s interrupted: %s", source_id, error)
            return "interrupted"

    def enqueue(self, source_id: int) -> None:
        try:
            self._ingest(source_id)
        except QUEUE_ERRORS as exc:
            raise self.unavailable(exc) from None

    def pending(self) -> int:
        return self.huey.pending_count()

    def check(self) -> None:
        """Raise QueueUnavailable (one line) unless the queue answers."""
        try:
            self.huey.pending_count()
        except QUEUE_ERRORS as exc:
            raise self.unavailable(exc) from None

    def unavailable(self, exc: BaseException) -> QueueUnavailable:
        error = describe(exc, None, self.app.config.get("REDIS_URL"))
        return error if isinstance(error, QueueUnavailable) else QueueUnavailable(str(exc))


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
    try:
        return SqliteHuey(name, filename=str(path), timeout=30, results=False)
    except sqlite3.OperationalError as exc:
        raise StorageError(f"识别队列 {path} 无法打开 (SQLite queue: {exc}; is the disk full?)") from None


def get_queue(app: Flask) -> IngestQueue:
    return app.extensions[EXTENSION]


class Backoff:
    """Waits of 1, 2, 4 ... 30 s while something is away; one log line per retry."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.delay = 0.0
        self.said = False  # a retry was logged, so its end is too

    def failed(
        self, exc: BaseException, stop: threading.Event, urls: tuple[str | None, str | None], quiet: bool = False
    ) -> None:
        self.delay = min(RETRY_MAX, self.delay * 2) if self.delay else RETRY_FIRST
        error = describe(exc, *urls)
        self.said = self.said or not quiet
        if not quiet:
            shown = str(error) if error is not None else first(exc)
            log.warning("%s: %s; retry in %.0f s", self.what, shown.rstrip("."), self.delay)
        stop.wait(self.delay)

    def succeeded(self) -> None:
        if self.delay and self.said:
            log.warning("%s: working again", self.what)
        self.delay, self.said = 0.0, False


def first(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"


def urls_of(app: Flask) -> tuple[str | None, str | None]:
    return app.config.get("SQLALCHEMY_DATABASE_URI"), app.config.get("REDIS_URL")


class Sweeper(threading.Thread):
    """Every ``SWEEP_SECONDS``: files of dead workers back to the queue (or failed after too
    many attempts), and files whose tasks were lost queued again when the queue is empty."""

    def __init__(self, app: Flask, stop: threading.Event) -> None:
        super().__init__(name="shenbao-sweeper", daemon=True)
        self.app, self.stop = app, stop
        self.every = float(app.config["SWEEP_SECONDS"])
        self.backoff = Backoff("worker: sweep for interrupted files")

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with self.app.app_context():
                    self.sweep_once()
            except (SQLAlchemyError, *QUEUE_ERRORS) as exc:  # a lost queue: the loop says so
                self.backoff.failed(exc, self.stop, urls_of(self.app), quiet=isinstance(exc, QUEUE_ERRORS))
                continue
            self.backoff.succeeded()
            self.stop.wait(self.every)

    def sweep_once(self) -> None:
        queue = get_queue(self.app)
        requeued, failed = sweep()
        for source_id in requeued:
            queue.enqueue(source_id)
        if requeued:
            log.warning("worker: files %s of a stopped worker queued again", requeued)
        if failed:
            log.warning("worker: files %s failed: their workers stopped too often", failed)
        if queue.pending() == 0:
            lost = orphans(self.every)
            for source_id in lost:
                queue.enqueue(source_id)
            if lost:
                log.warning("worker: files %s had no task in the queue; queued again", lost)


def work(app: Flask, stop: threading.Event | None = None, *, idle_exit: float | None = None, poll: float = 0.3) -> int:
    """Run queued tasks until ``stop`` is set (or the queue stayed empty ``idle_exit`` seconds).

    Returns the number of tasks executed. A failing task is logged; the loop goes on. A lost
    queue or database is retried with backoff, one line per retry.
    """
    huey = get_queue(app).huey
    stop = stop or threading.Event()
    sweeping = threading.Event()
    sweeper = Sweeper(app, sweeping)
    sweeper.start()
    backoff = Backoff("worker: queue")
    done = 0
    idle_since = time.monotonic()
    try:
        while not stop.is_set():
            try:
                task = huey.dequeue()
            except QUEUE_ERRORS as exc:
                backoff.failed(exc, stop, urls_of(app))
                continue
            backoff.succeeded()
            if task is None:
                if idle_exit is not None and time.monotonic() - idle_since > idle_exit:
                    break
                if not isinstance(huey, RedisHuey):  # Redis dequeue already blocks read_timeout
                    stop.wait(poll)
                continue
            execute(huey, task, app)
            done += 1
            idle_since = time.monotonic()
    finally:
        sweeping.set()
        sweeper.join(timeout=10)
    return done


def execute(huey: Huey, task: Any, app: Flask) -> None:
    """Run one task; the task records its own failure on the file. A queue lost while Huey
    books the task is one line; bugs a traceback."""
    try:
        huey.execute(task)
    except QUEUE_ERRORS as exc:
        log.error("worker: task %s: %s", task.id, describe(exc, *urls_of(app)))
    except Exception:
        log.exception("task %s failed", task.id)


def say_what_workers_do() -> None:
    """Workers' retries and take-overs are warnings; show them unless -v shows more already."""
    if logging.getLogger("shenbao.admin").getEffectiveLevel() > logging.WARNING:
        logging.getLogger("shenbao.admin").setLevel(logging.WARNING)


def start_embedded_worker(app: Flask) -> tuple[threading.Thread, threading.Event]:
    """The worker thread of ``shenbao serve``."""
    say_what_workers_do()
    stop = threading.Event()
    thread = threading.Thread(target=work, args=(app, stop), name="shenbao-worker", daemon=True)
    thread.start()
    return thread, stop
