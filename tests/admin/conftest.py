"""Fixtures of the review-desk tests: ``app``, ``client``, ``runner`` on SQLite and PostgreSQL.

Every test gets empty tables. With ``SHENBAO_TEST_DATABASE_URL`` set, each test runs on SQLite
and again on that PostgreSQL database, inside a schema of its own for this test session (so
concurrent runs do not collide); the schema is dropped at the end.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from admin_helpers import PG_URL, make_config
from sqlalchemy import text
from tests_support import fresh_pg_schema

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def samples_dir() -> Path | None:
    for candidate in (
        os.environ.get("SHENBAO_SAMPLES"),
        ROOT / "samples",
        ROOT.parent / "shared" / "samples",
    ):
        if candidate and (Path(candidate) / "miit-2023-pilot").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def samples() -> Path:
    found = samples_dir()
    if found is None:
        pytest.skip("dev samples not found (set SHENBAO_SAMPLES)")
    return found


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str | None]:
    """One fresh PostgreSQL schema for this test session (None without PostgreSQL)."""
    yield from fresh_pg_schema(PG_URL, "shenbao_test")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def app(backend: str, tmp_path: Path, pg_schema: str | None) -> Iterator[Any]:
    from shenbao.admin import create_app
    from shenbao.models import db

    config = make_config(backend, tmp_path, pg_schema)
    if backend == "postgresql":  # empty tables for every test
        from flask import Flask

        bare = Flask("reset")
        bare.config.update(config)
        db.init_app(bare)
        with bare.app_context():
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    app = create_app(config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


class Runner:
    """Runs ``shenbao`` commands in-process against the test app's instance and database."""

    def __init__(self, app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.app = app
        monkeypatch.setenv("SHENBAO_HOME", app.config["SHENBAO_HOME"])
        monkeypatch.setenv("SHENBAO_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
        monkeypatch.setenv("SHENBAO_SECRET_KEY", "test-secret")
        options = app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("connect_args", {}).get("options")
        if options:
            monkeypatch.setenv("PGOPTIONS", options)
        self.monkeypatch = monkeypatch

    def invoke(self, args: list[str], input: str = "") -> tuple[int, str, str]:
        from shenbao.cli import main

        out, err = io.StringIO(), io.StringIO()
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        with redirect_stdout(out), redirect_stderr(err):
            code = main(args)
        return code, out.getvalue(), err.getvalue()


@pytest.fixture
def runner(app: Any, monkeypatch: pytest.MonkeyPatch) -> Runner:
    return Runner(app, monkeypatch)
