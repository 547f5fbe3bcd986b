"""``kill -9`` of a worker mid-document, with real ``shenbao worker`` processes: a live worker
takes the file up within seconds (short leases from the environment), ingests it once, and
``shenbao ingest --wait`` returns even when the worker reading its file dies."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from admin_helpers import REDIS_URL, make_config, sample
from pdf_builders import stack
from sqlalchemy import text

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SHORT_LEASES = {"SHENBAO_LEASE_SECONDS": "2", "SHENBAO_SWEEP_SECONDS": "1"}


@pytest.fixture
def queued_app(backend: str, tmp_path: Path, pg_schema: str | None) -> Iterator[Any]:
    """An app on a real queue: the SQLite queue beside SQLite, Redis beside PostgreSQL."""
    from shenbao.admin import create_app
    from shenbao.admin.queue import get_queue
    from shenbao.models import db

    extra: dict[str, Any] = {"QUEUE_IMMEDIATE": False}
    if backend == "postgresql":
        if not REDIS_URL:
            pytest.skip("SHENBAO_TEST_REDIS_URL is not set")
        extra.update(REDIS_URL=REDIS_URL, QUEUE_NAME=f"shenbao-test-{uuid.uuid4().hex[:8]}")
    config = make_config(backend, tmp_path, pg_schema, **extra)
    app = create_app(config)
    if backend == "postgresql":
        with app.app_context():
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        app = create_app(config)
    yield app
    get_queue(app).huey.flush()
    with app.app_context():
        db.engine.dispose()


def env_of(app: Any, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHENBAO_")}
    env.update(
        SHENBAO_HOME=app.config["SHENBAO_HOME"],
        SHENBAO_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SHENBAO_QUEUE_NAME=app.config["QUEUE_NAME"],
        SHENBAO_SECRET_KEY="test-secret",
        **SHORT_LEASES,
        **extra,
    )
    if app.config.get("REDIS_URL"):
        env["SHENBAO_REDIS_URL"] = app.config["REDIS_URL"]
    options = app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("connect_args", {}).get("options")
    if options:
        env["PGOPTIONS"] = options
    return env


class Process:
    """``shenbao ARGS`` with its stderr in a file the test can read while it runs."""

    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        self.log = log
        self._err = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "shenbao", *args], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=self._err
        )
        self.pid = self.process.pid

    def stderr(self) -> str:
        if not self._err.closed:
            self._err.flush()
        return self.log.read_text(encoding="utf-8")

    def wait_for_line(self, needle: str, timeout: float = 60) -> None:
        until(lambda: needle in self.stderr() or self.process.poll() is not None, timeout)
        assert needle in self.stderr(), self.stderr()

    def end(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(timeout=timeout)
        self._err.close()
        return code


def until(test: Callable[[], bool], timeout: float, step: float = 0.05) -> float:
    """Wait for ``test()``; returns the seconds it took (fails the test after ``timeout``)."""
    start = time.monotonic()
    while not test():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(step)
    return time.monotonic() - start


PACKETS = 4


def stack_of(samples: Path, tmp_path: Path) -> Path:
    """A file of four packets: its reading takes a few seconds, time to kill the reader."""
    parts = [sample(samples, notice, n) for notice in ("wuhan-fund-2022", "miit-2023-pilot") for n in (1, 2)]
    return stack(parts, tmp_path / "stack.pdf")


def lease_of(app: Any, source_id: int) -> tuple[str, str | None, int, int]:
    from shenbao.models import SourceFile, db

    with app.app_context():
        source = db.session.get_one(SourceFile, source_id)
        row = (source.status, source.lease_owner, source.attempts, source.ingest_count)
        db.session.remove()
    return row


def held_by(app: Any, source_id: int, pid: int) -> bool:
    status, owner, _, _ = lease_of(app, source_id)
    return status == "ingesting" and f":{pid}:" in (owner or "")


def test_a_live_worker_takes_up_the_file_of_a_killed_one_and_ingests_it_once(queued_app, samples, tmp_path):
    """Two workers wait; the one that takes the file is killed mid-document; the other,
    alive all along, takes the file up once the lease ran out and ingests it once."""
    from shenbao.admin.ingest import ingest_upload, source_of
    from shenbao.models import FieldValue, SourceFile, Submission, db
    from shenbao.plugins.manager import get_manager

    app, pdf = queued_app, stack_of(samples, tmp_path)
    env = env_of(app)
    workers = [Process(env, tmp_path / f"worker-{n}.log", "worker") for n in (1, 2)]
    for worker in workers:
        worker.wait_for_line("worker ready")
    with app.app_context(), pdf.open("rb") as fh:
        _, subs = ingest_upload([(fh, pdf.name)], "test")
        source_id = source_of(subs[0]).id
    until(lambda: any(held_by(app, source_id, w.pid) for w in workers), 60)
    killed, alive = workers if held_by(app, source_id, workers[0].pid) else workers[::-1]
    killed.end(signal.SIGKILL)
    assert lease_of(app, source_id)[:3] == ("ingesting", lease_of(app, source_id)[1], 1)  # killed mid-document
    took = until(lambda: held_by(app, source_id, alive.pid) or lease_of(app, source_id)[0] == "done", 30)
    until(lambda: lease_of(app, source_id)[0] == "done", 120)
    assert alive.end() == 0
    log = alive.stderr()
    assert "queued again" in log
    assert "Traceback" not in log
    assert took < 10  # lease 2 s + sweep 1 s, with a margin for a busy machine
    assert lease_of(app, source_id) == ("done", None, 2, 1)
    with app.app_context():
        source = db.session.get_one(SourceFile, source_id)
        assert [s.status != "ingesting" for s in source.submissions] == [True] * PACKETS
        expected = sum(len(get_manager().notice(str(s.notice_id)).fields) for s in source.submissions)
        count = db.session.scalar(
            db.select(db.func.count()).select_from(FieldValue).join(Submission).where(Submission.source_id == source_id)
        )
        assert count == expected  # nothing written twice


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_ingest_wait_returns_when_the_worker_reading_its_file_is_killed(queued_app, samples, tmp_path):
    """The file of ``ingest --wait`` is read by another worker (Redis hands the task to the
    worker already waiting); that worker is killed; with one attempt allowed, the waiting
    command's own sweep fails the file, and it returns with the reason."""
    from shenbao.models import SourceFile, db

    app, pdf = queued_app, stack_of(samples, tmp_path)
    env = env_of(app, SHENBAO_MAX_ATTEMPTS="1")
    worker = Process(env, tmp_path / "worker.log", "worker")
    worker.wait_for_line("worker ready")
    waiting = Process(env, tmp_path / "ingest.log", "ingest", "--wait", str(pdf))

    def source_id() -> int | None:
        with app.app_context():
            found = db.session.scalar(db.select(SourceFile.id).where(SourceFile.filename == pdf.name))
            db.session.remove()
        return found

    until(lambda: source_id() is not None, 60)
    until(lambda: held_by(app, source_id() or 0, worker.pid), 60)
    worker.end(signal.SIGKILL)
    assert waiting.process.wait(timeout=60) == 1
    assert "识别进程多次中断" in waiting.stderr()
    assert "Traceback" not in waiting.stderr()
    status = subprocess.run(
        [sys.executable, "-m", "shenbao", "status", "--json"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert status.returncode == 0, status.stderr
    entries = json.loads(status.stdout)
    assert [(e["file"], e["status"], e["attempts"]) for e in entries] == [(pdf.name, "failed", 1)]
    assert set(entries[0]) >= {"id", "file", "notice", "status", "attempts", "updated"}
