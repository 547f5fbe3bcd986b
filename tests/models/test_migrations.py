"""The migrations: a database made by ``create_all`` of the last commit before migrations
(3836971; its DDL is kept in ``fixtures/``) is upgraded and keeps its rows; the revisions build
exactly the models' schema; they go down and up again. On SQLite and (if set) PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from tests_support import OLD_PASSWORD, make_database_of_3836971

from shenbao.models import FieldValue, User, db
from shenbao.models.schema import (
    BASELINE,
    BASELINE_TABLES,
    SchemaError,
    alembic_config,
    check_database,
    head_revision,
    migrate,
    upgrade_database,
)

PG_URL = os.environ.get("SHENBAO_TEST_DATABASE_URL")
PG_URL_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=PG_URL_BACKENDS)
def bare_app(request: pytest.FixtureRequest, tmp_path: Path, models_schema: str | None) -> Iterator[Any]:
    """An app with only the models and the migrations, on an empty database."""
    from flask import Flask

    app = Flask("migrations-test")
    if request.param == "sqlite":
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        if not PG_URL:
            pytest.skip("SHENBAO_TEST_DATABASE_URL is not set")
        app.config["SQLALCHEMY_DATABASE_URI"] = PG_URL
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"options": f"-csearch_path={models_schema}"}}
    db.init_app(app)
    migrate.init_app(app, db)
    with app.app_context():
        drop_everything()
        yield app
        db.session.remove()
        drop_everything()
        db.engine.dispose()


def drop_everything() -> None:
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def make_old_database() -> None:
    with db.engine.begin() as conn:
        make_database_of_3836971(conn)


def schema_differences() -> list[Any]:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, db.metadata))


def describe() -> dict[str, Any]:
    """Tables, columns (type, nullable), keys and indexes as the database reports them."""
    found = inspect(db.engine)
    tables = sorted(set(found.get_table_names()) - {"alembic_version"})
    return {
        table: {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)],
            "pk": found.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted(
                (f["name"], tuple(f["constrained_columns"]), f["referred_table"]) for f in found.get_foreign_keys(table)
            ),
            "unique": sorted((u["name"], tuple(u["column_names"])) for u in found.get_unique_constraints(table)),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(table)
            ),
        }
        for table in tables
    }


def test_the_first_revision_builds_the_schema_of_the_last_commit_before_migrations(bare_app: Any) -> None:
    """Revision 0001 and the kept DDL of 3836971's create_all are the same schema, so stamping is right."""
    make_old_database()
    old = describe()
    assert set(old) == BASELINE_TABLES
    drop_everything()
    command.upgrade(alembic_config(), BASELINE)
    assert describe() == old


def test_a_database_of_the_last_commit_before_migrations_is_upgraded_and_keeps_its_rows(bare_app: Any) -> None:
    make_old_database()
    with pytest.raises(SchemaError, match="shenbao db upgrade"):
        check_database()  # a server database is not used until upgraded

    upgrade_database()

    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    user = db.session.scalar(db.select(User).where(User.username == "王芳"))
    assert user is not None
    assert user.role == "reviewer"
    assert user.check_password(OLD_PASSWORD)
    value = db.session.scalar(db.select(FieldValue))
    assert value is not None
    assert (value.value, value.original_value, value.version, value.state) == (
        "甲公司（更正）",
        "甲公司",
        2,
        "corrected",
    )
    with db.engine.connect() as conn:
        audit = conn.execute(text("SELECT username, action FROM audit_entries")).one()
        setting = conn.execute(text("SELECT value FROM settings WHERE key = 'auto_accept_threshold'")).scalar()
        applicant = conn.execute(text("SELECT applicant_name FROM submissions WHERE id = 1")).scalar()
    assert tuple(audit) == ("王芳", "correct")
    assert setting == "0.9"
    assert applicant == "甲公司"
    assert schema_differences() == []
    check_database()  # now at head: start-up goes on


def test_the_migrations_build_exactly_the_models_schema(bare_app: Any) -> None:
    """Autogenerate finds nothing to do: no model change is missing its revision."""
    upgrade_database()
    assert schema_differences() == []


def test_every_revision_goes_down_and_up_again(bare_app: Any) -> None:
    upgrade_database()
    command.downgrade(alembic_config(), "base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade_database()
    assert schema_differences() == []


def test_an_upgraded_database_is_upgraded_again_without_change(bare_app: Any) -> None:
    upgrade_database()
    upgrade_database()
    check_database()


def test_a_database_with_only_some_of_the_tables_is_refused(bare_app: Any) -> None:
    make_old_database()
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE findings"))
    with pytest.raises(SchemaError, match="findings"):
        upgrade_database()


def test_reviewed_rows_get_the_bureau_states_and_the_first_run_samples_are_demo(bare_app: Any) -> None:
    """0005: reviewed -> confirmed (a reviewer confirmed it), corrected (a person touched a
    field) or needs_review (no person at all); serve.sh's samples become demo data."""
    command.upgrade(alembic_config(), "0003_packet_splits")
    rows = [  # id, status, reviewed_by, state of its one field, uploader, file name
        (1, "reviewed", "王芳", "confirmed", "clerk", "a.pdf"),
        (2, "reviewed", None, "corrected", "clerk", "b.pdf"),
        (3, "reviewed", None, "extracted", "clerk", "c.pdf"),
        (4, "needs_review", None, "extracted", "cli", "miit-2023-pilot-dev-01.pdf"),
    ]
    with db.engine.begin() as conn:
        for sid, status, by, state, uploader, name in rows:
            conn.execute(
                text(
                    "INSERT INTO source_files (id, upload_id, filename, sha256, size, media_type, uploaded_by, "
                    "status, attempts, ingest_count, created_at) VALUES (:i, 'u', :n, 'x', 1, 'application/pdf', "
                    ":u, 'done', 1, 1, CURRENT_TIMESTAMP)"
                ),
                {"i": sid, "n": name, "u": uploader},
            )
            conn.execute(
                text(
                    "INSERT INTO submissions (id, source_id, filename, status, search_text, to_review, "
                    "open_findings, created_at, updated_at, reviewed_by) VALUES (:i, :i, :n, :s, '', 0, 0, "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :b)"
                ),
                {"i": sid, "n": name, "s": status, "b": by},
            )
            conn.execute(
                text(
                    "INSERT INTO field_values (submission_id, key, position, state, version) "
                    "VALUES (:i, 'applicant.name', 0, :st, 1)"
                ),
                {"i": sid, "st": state},
            )
    upgrade_database()
    with db.engine.connect() as conn:
        found = conn.execute(text("SELECT id, status, demo FROM submissions ORDER BY id")).all()
    assert [tuple(r) for r in found] == [
        (1, "confirmed", False),
        (2, "corrected", False),
        (3, "needs_review", False),
        (4, "needs_review", True),
    ]
    command.downgrade(alembic_config(), "0003_packet_splits")
    with db.engine.connect() as conn:
        back = conn.execute(text("SELECT status FROM submissions ORDER BY id")).scalars().all()
    assert back == ["reviewed", "reviewed", "needs_review", "needs_review"]
