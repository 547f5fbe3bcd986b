"""Two ``shenbao worker`` processes on the real Redis queue ingest every file exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from admin_helpers import REDIS_URL, make_config, sample

pytestmark = [pytest.mark.redis, pytest.mark.slow]


@pytest.fixture
def redis_app(backend, tmp_path, pg_schema):
    if not REDIS_URL:
        pytest.skip("SHENBAO_TEST_REDIS_URL is not set")
    from shenbao.admin import create_app

    name = f"shenbao-test-{uuid.uuid4().hex[:8]}"  # concurrent test runs do not share a queue
    config = make_config(backend, tmp_path, pg_schema, QUEUE_IMMEDIATE=False, REDIS_URL=REDIS_URL, QUEUE_NAME=name)
    app = create_app(config)
    if backend == "postgresql":
        from shenbao.models import db

        with app.app_context():
            db.drop_all()
            db.create_all()
    yield app
    from shenbao.admin.queue import get_queue

    get_queue(app).huey.flush()


def worker_env(app) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SHENBAO_HOME=app.config["SHENBAO_HOME"],
        SHENBAO_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SHENBAO_REDIS_URL=app.config["REDIS_URL"],
        SHENBAO_QUEUE_NAME=app.config["QUEUE_NAME"],
        SHENBAO_SECRET_KEY="test-secret",
    )
    options = app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("connect_args", {}).get("options")
    if options:
        env["PGOPTIONS"] = options
    return env


def test_two_workers_ingest_every_file_exactly_once(redis_app, samples):
    from shenbao.admin.ingest import ingest_upload, source_of
    from shenbao.admin.queue import get_queue
    from shenbao.models import FieldValue, SourceFile, db
    from shenbao.plugins.manager import get_manager

    app = redis_app
    pdfs = [sample(samples, notice, n) for notice in ("miit-2023-pilot", "wuhan-fund-2022") for n in (1, 2, 3)]
    with app.app_context():
        handles = [p.open("rb") for p in pdfs]
        _, subs = ingest_upload([(h, p.name) for h, p in zip(handles, pdfs, strict=True)], "test")
        for h in handles:
            h.close()
        ids = [source_of(s).id for s in subs]
        for source_id in ids:  # a second delivery of every task must not ingest twice
            get_queue(app).enqueue(source_id)
        assert get_queue(app).pending() == 2 * len(pdfs)
    env = worker_env(app)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "shenbao", "worker", "--idle-exit", "4"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=240) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs
    ran = [int(err.rsplit("worker ran ", 1)[1].split()[0]) for _, err in outputs]
    assert sum(ran) == 2 * len(pdfs)
    with app.app_context():
        sources = db.session.scalars(db.select(SourceFile).where(SourceFile.id.in_(ids))).all()
        assert [(s.status, s.attempts, s.ingest_count) for s in sources] == [("done", 1, 1)] * len(pdfs)
        for s in sources:
            n_fields = len(get_manager().notice(s.submission.notice_id).fields)
            count = db.session.scalar(
                db.select(db.func.count()).select_from(FieldValue).where(FieldValue.submission_id == s.submission.id)
            )
            assert count == n_fields
