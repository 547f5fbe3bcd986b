"""``shenbao db ...`` as a real process on a database that shenbao 3836971 (before migrations) made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from admin_helpers import database_config
from tests_support import OLD_PASSWORD, make_database_of_3836971

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def empty_engine(config: dict[str, Any]) -> sa.Engine:
    """An engine on the test database with none of shenbao's tables."""
    from shenbao.models import db

    engine = sa.create_engine(config["SQLALCHEMY_DATABASE_URI"], **config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    with engine.begin() as conn:
        db.metadata.drop_all(conn)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    return engine


def shenbao_env(config: dict[str, Any], home: Path) -> dict[str, str]:
    env = dict(os.environ, SHENBAO_HOME=str(home), SHENBAO_DATABASE_URL=config["SQLALCHEMY_DATABASE_URI"])
    env.update(SHENBAO_SECRET_KEY="test-secret")
    env.pop("SHENBAO_AUTO_UPGRADE", None)
    options = config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("connect_args", {}).get("options")
    if options:
        env["PGOPTIONS"] = options
    return env


def shenbao(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shenbao", *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(params=BACKENDS)
def old_database(request: pytest.FixtureRequest, tmp_path: Path, pg_schema: str | None) -> Any:
    """(engine, env of a shenbao process) on a database as 3836971's create_all left it."""
    config = database_config(request.param, tmp_path, pg_schema)
    engine = empty_engine(config)
    with engine.begin() as conn:
        make_database_of_3836971(conn)
    yield engine, shenbao_env(config, tmp_path / "home")
    engine.dispose()


def test_db_upgrade_brings_an_old_database_to_head_and_keeps_its_rows(old_database: Any) -> None:
    engine, env = old_database
    done = shenbao(env, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    current = shenbao(env, "db", "current")
    assert "(head)" in current.stdout, current.stderr
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT username, role FROM users")).one() == ("王芳", "reviewer")
        assert conn.execute(sa.text("SELECT applicant_name FROM submissions")).scalar() == "甲公司"
        assert conn.execute(sa.text("SELECT count(*) FROM audit_entries")).scalar() == 1
    again = shenbao(env, "db", "upgrade")  # nothing left to do
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_server_database_is_not_used_before_db_upgrade(backend: str, tmp_path: Path, pg_schema: str | None) -> None:
    """On PostgreSQL start-up checks, never migrates: one line names the command to run."""
    config = database_config(backend, tmp_path, pg_schema)
    engine = empty_engine(config)
    with engine.begin() as conn:
        make_database_of_3836971(conn)
    env = shenbao_env(config, tmp_path / "home")
    refused = shenbao(env, "create-user", "li", "--role", "clerk", stdin="password-2\n")
    assert refused.returncode == 8
    assert refused.stderr.strip().count("\n") == 0, refused.stderr
    assert "run `shenbao db upgrade`" in refused.stderr
    assert shenbao(env, "db", "upgrade").returncode == 0
    created = shenbao(env, "create-user", "li", "--role", "clerk", stdin="password-2\n")
    assert created.returncode == 0, created.stderr
    engine.dispose()


def test_an_old_sqlite_database_is_upgraded_at_start_up(tmp_path: Path) -> None:
    """The embedded default: any command upgrades it; the old user's password still works."""
    from werkzeug.security import check_password_hash

    config = database_config("sqlite", tmp_path, None)
    engine = empty_engine(config)
    with engine.begin() as conn:
        make_database_of_3836971(conn)
    env = shenbao_env(config, tmp_path / "home")
    created = shenbao(env, "create-user", "li", "--role", "clerk", stdin="password-2\n")
    assert created.returncode == 0, created.stderr
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        old_hash = conn.execute(sa.text("SELECT password_hash FROM users WHERE username = '王芳'")).scalar()
        assert conn.execute(sa.text("SELECT count(*) FROM users")).scalar() == 2
    assert check_password_hash(str(old_hash), OLD_PASSWORD)
    engine.dispose()
