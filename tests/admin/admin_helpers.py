"""Helpers of the review-desk tests (log in, upload, save a field)."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

PG_URL = os.environ.get("SHENBAO_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("SHENBAO_TEST_REDIS_URL")


def database_config(backend: str, tmp_path: Path, schema: str | None) -> dict[str, Any]:
    if backend == "sqlite":
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}"}
    if not PG_URL:
        pytest.skip("SHENBAO_TEST_DATABASE_URL is not set")
    return {
        "SQLALCHEMY_DATABASE_URI": PG_URL,
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}, "pool_pre_ping": True},
    }


def make_config(backend: str, tmp_path: Path, schema: str | None, **extra: Any) -> dict[str, Any]:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SHENBAO_HOME": str(tmp_path / "home"),
        "QUEUE_IMMEDIATE": True,
        "DB_AT_START": "upgrade",  # PostgreSQL too: each test starts from empty tables
        "MAX_FILE_BYTES": 2 * 1024 * 1024,
    }
    config.update(database_config(backend, tmp_path, schema))
    config.update(extra)
    return config


def add_user(app: Any, name: str, role: str, password: str = "password-1") -> None:
    from shenbao.admin.auth import create_user

    with app.app_context():
        create_user(name, password, role)


def csrf_token(client: Any, url: str = "/login") -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf[-_]token"[^>]*(?:content|value)="([^"]+)"', html)
    if match is None:
        raise LookupError(f"no CSRF token on {url}")
    return match.group(1)


def login(client: Any, app: Any, name: str, role: str = "clerk") -> str:
    """Create the user, log in through the form; returns a CSRF token for later POSTs."""
    add_user(app, name, role)
    token = csrf_token(client)
    response = client.post("/login", data={"username": name, "password": "password-1", "csrf_token": token})
    if response.status_code != 302:
        raise RuntimeError(f"login failed: {response.status_code}")
    return csrf_token(client, "/upload/")


def upload(client: Any, token: str, files: Sequence[tuple[bytes | Path, str]]) -> dict[str, Any]:
    data = {
        "csrf_token": token,
        "files": [(io.BytesIO(f.read_bytes() if isinstance(f, Path) else f), name) for f, name in files],
    }
    response = client.post("/upload/", data=data, content_type="multipart/form-data")
    if response.status_code != 302:
        raise RuntimeError(f"upload failed: {response.status_code}")
    return client.get(response.headers["Location"] + "/status").get_json()


def save(client: Any, token: str, sid: int, key: str, value: str, version: int | None) -> Any:
    return client.post(
        f"/review/{sid}/field", json={"key": key, "value": value, "version": version}, headers={"X-CSRFToken": token}
    )


def field(app: Any, sid: int, key: str) -> Any:
    from shenbao.models import FieldValue, db

    with app.app_context():
        row = db.session.scalar(db.select(FieldValue).where(FieldValue.submission_id == sid, FieldValue.key == key))
        db.session.expunge(row)
        return row


def copy_sample(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dst)
    return dst


def sample(samples: Path, notice: str, n: int = 1, scan: bool = False) -> Path:
    return samples / notice / f"{notice}-dev-{n:02d}{'.scan' if scan else ''}.pdf"
