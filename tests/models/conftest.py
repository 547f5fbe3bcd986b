"""A bare Flask app with only the models, on SQLite and (if set) PostgreSQL in a fresh schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from tests_support import fresh_pg_schema

PG_URL = os.environ.get("SHENBAO_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def models_schema() -> Iterator[str | None]:
    """One fresh PostgreSQL schema for this test session (None without PostgreSQL)."""
    yield from fresh_pg_schema(PG_URL, "shenbao_models")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def app(request: pytest.FixtureRequest, tmp_path: Any, models_schema: str | None) -> Iterator[Any]:
    from flask import Flask

    from shenbao.models import db

    flask_app = Flask("models-test")
    if request.param == "sqlite":
        flask_app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'models.db'}"
    else:
        if not PG_URL:
            pytest.skip("SHENBAO_TEST_DATABASE_URL is not set")
        flask_app.config["SQLALCHEMY_DATABASE_URI"] = PG_URL
        flask_app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"options": f"-csearch_path={models_schema}"}}
    db.init_app(flask_app)
    with flask_app.app_context():
        db.drop_all()
        db.create_all()
        yield flask_app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
