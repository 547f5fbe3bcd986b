"""The database schema: Alembic revisions (through Flask-Migrate) in ``models/migrations``.

A database is brought to the newest revision ("head") by ``shenbao db upgrade``: at deploy
on PostgreSQL, and by itself at start-up on SQLite (the embedded default). A database made
before there were migrations (``create_all`` of shenbao up to commit 3836971: all the tables
but no ``alembic_version``) has exactly the first revision's schema, so it is stamped with
that revision and upgraded from there; its rows stay.

Several processes may start together (the web app and workers), so upgrades run under a
lock: a PostgreSQL advisory lock, or an exclusive lock on a file beside the SQLite database.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask_migrate import Migrate
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from shenbao.core.errors import ConfigError
from shenbao.models.base import db

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001_initial"
# the tables create_all made before migrations: present without alembic_version = the baseline
BASELINE_TABLES = frozenset(
    (
        "users",
        "source_files",
        "submissions",
        "settings",
        "field_values",
        "attachment_states",
        "findings",
        "audit_entries",
    )
)
VERSION_TABLE = "alembic_version"
LOCK_WAIT_SECONDS = 300
PG_LOCK = "hashtext('shenbao-schema')"

log = logging.getLogger(__name__)
migrate = Migrate(directory=str(MIGRATIONS), compare_type=True, render_as_batch=True)


class SchemaError(ConfigError):
    """The database's schema is not the one this shenbao needs, or a migration cannot run."""


def alembic_config(autogenerate: bool = False) -> Config:
    """Alembic's config for the current app (needs an app context)."""
    config: Config = migrate.get_config(opts=["autogenerate"] if autogenerate else None)
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        names = ", ".join(heads)
        raise SchemaError(f"the migrations have {len(heads)} heads ({names}): join them with `shenbao db merge`")
    return str(heads[0])


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def unversioned_tables(conn: Connection) -> set[str]:
    """shenbao's tables in a database that has no ``alembic_version`` (empty if it has one)."""
    tables = set(inspect(conn).get_table_names())
    return set() if VERSION_TABLE in tables else tables & BASELINE_TABLES


@contextmanager
def schema_lock() -> Iterator[None]:
    """One process at a time changes the schema; the others wait, then find it done."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text(f"SELECT pg_advisory_lock({PG_LOCK})"))
            try:
                yield
            finally:
                conn.execute(text(f"SELECT pg_advisory_unlock({PG_LOCK})"))
                conn.commit()
    elif engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        lock = sqlite3.connect(f"{engine.url.database}.schema-lock", timeout=LOCK_WAIT_SECONDS, isolation_level=None)
        try:
            lock.execute("BEGIN EXCLUSIVE")
            yield
        finally:
            lock.close()
    else:
        yield


def upgrade_database(revision: str = "head") -> None:
    """Bring the database to ``revision``, stamping a database made by ``create_all`` first."""
    config = alembic_config()
    try:
        with schema_lock():
            with db.engine.connect() as conn:
                legacy = unversioned_tables(conn)
            if legacy and legacy != BASELINE_TABLES:
                missing = ", ".join(sorted(BASELINE_TABLES - legacy))
                raise SchemaError(f"the database has some of shenbao's tables, not {missing}, and no {VERSION_TABLE}")
            if legacy:
                log.warning("database without migrations: stamped %s, then upgraded", BASELINE)
                command.stamp(config, BASELINE)
            command.upgrade(config, revision)
    except CommandError as exc:
        raise SchemaError(f"database upgrade: {exc}") from None


def check_database() -> None:
    """Refuse to run on a database whose schema is not this shenbao's (until ``db upgrade``)."""
    head = head_revision()
    with db.engine.connect() as conn:
        current = current_revision(conn)
    if current != head:
        raise SchemaError(
            f"the database schema is at revision {current or '(none)'}, this shenbao needs {head}: "
            "run `shenbao db upgrade`"
        )


def prepare_database(upgrade: bool) -> None:
    """At start-up: upgrade (SQLite, or when configured) or check that no upgrade is due."""
    if upgrade:
        upgrade_database()
    else:
        check_database()
