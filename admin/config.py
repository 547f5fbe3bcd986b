"""Settings of a running shenbao, read from the environment.

Everything a running shenbao keeps lives under ``SHENBAO_HOME`` (default ``./instance``):
``shenbao.db`` (SQLite), ``queue.db`` (Huey on SQLite), ``originals/`` (uploads by SHA-256),
``pages/`` (rendered page images). ``SHENBAO_DATABASE_URL`` and ``SHENBAO_REDIS_URL`` move the
database and queue to PostgreSQL and Redis; the code is the same.
"""

from __future__ import annotations

import errno
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from shenbao.core.errors import ConfigError

DEFAULT_THRESHOLD = 0.95
DEFAULT_MAX_FILE_MB = 50
# A worker renews the lease on the file it ingests every LEASE/4 s; every worker sweeps every
# SWEEP s for expired leases: a dead worker's file is taken up within LEASE + SWEEP (90 s).
DEFAULT_LEASE_SECONDS = 60
DEFAULT_SWEEP_SECONDS = 30
DEFAULT_MAX_ATTEMPTS = 3
SQLITE_BUSY_SECONDS = 30  # a writer waits this long for another one before "database is locked"


def home_dir() -> Path:
    return Path(os.environ.get("SHENBAO_HOME") or "./instance").resolve()


def database_url(url: str | None, home: Path) -> str:
    """SQLAlchemy URL; ``postgresql://`` is given the psycopg (v3) driver."""
    if not url:
        return f"sqlite:///{home / 'shenbao.db'}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("postgresql+", "sqlite:")):
        return url
    raise ConfigError(f"unsupported database URL {url!r} (use sqlite:/// or postgresql://)")


def _float_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None


def secret_key(home: Path) -> str:
    """``SHENBAO_SECRET_KEY`` or a random key kept in the instance folder across restarts."""
    if os.environ.get("SHENBAO_SECRET_KEY"):
        return os.environ["SHENBAO_SECRET_KEY"]
    path = home / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _flag_env(name: str) -> bool:
    raw = os.environ.get(name, "").strip()
    if raw not in ("", "0", "1"):
        raise ConfigError(f"{name}={raw!r} is not 0 or 1")
    return raw == "1"


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ConfigError(f"{name}={raw!r} is not a whole number")
    return int(raw)


def engine_options(url: str) -> dict[str, Any]:
    options: dict[str, Any] = {"pool_pre_ping": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS}
    return options


def writable_home(home: Path) -> None:
    """Make the instance folder and its sub-folders, and write a file in it, or one ConfigError."""
    try:
        for sub in ("originals", "pages", "work"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=home) as probe:  # a byte, so a full disk shows here
            probe.write(b"x")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        reason = "disk full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc.strerror
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(home) else ""
        raise ConfigError(f"SHENBAO_HOME {home} 无法写入 (cannot write there: {reason}{where})") from None


def default_config(home: str | Path | None = None) -> dict[str, Any]:
    home = Path(home).resolve() if home else home_dir()
    writable_home(home)
    max_file_mb = _float_env("SHENBAO_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)
    url = database_url(os.environ.get("SHENBAO_DATABASE_URL"), home)
    return {
        "SHENBAO_HOME": str(home),
        "SECRET_KEY": secret_key(home),
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(url),
        "REDIS_URL": os.environ.get("SHENBAO_REDIS_URL") or None,
        "QUEUE_IMMEDIATE": False,
        "QUEUE_NAME": os.environ.get("SHENBAO_QUEUE_NAME") or "shenbao",
        "MAX_FILE_BYTES": int(max_file_mb * 1024 * 1024),
        # the whole request may carry many files; each one is checked against MAX_FILE_BYTES
        "MAX_CONTENT_LENGTH": int(_float_env("SHENBAO_MAX_UPLOAD_MB", 1024) * 1024 * 1024),
        "AUTO_ACCEPT_THRESHOLD": _float_env("SHENBAO_AUTO_ACCEPT", DEFAULT_THRESHOLD),
        "BABEL_DEFAULT_LOCALE": "zh_Hans_CN",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "FLASK_ADMIN_SWATCH": "cerulean",
        "WTF_CSRF_TIME_LIMIT": None,
        "PAGE_DPI": 110,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # behind HTTPS: cookies only over HTTPS, and HSTS (admin/security.py)
        "SESSION_COOKIE_SECURE": _flag_env("SHENBAO_SECURE_COOKIES"),
        "REMEMBER_COOKIE_SECURE": _flag_env("SHENBAO_SECURE_COOKIES"),
        "PROXY_HOPS": _int_env("SHENBAO_PROXY_HOPS", 0),
        "LEASE_SECONDS": _float_env("SHENBAO_LEASE_SECONDS", DEFAULT_LEASE_SECONDS),
        "SWEEP_SECONDS": _float_env("SHENBAO_SWEEP_SECONDS", DEFAULT_SWEEP_SECONDS),
        "MAX_ATTEMPTS": max(1, _int_env("SHENBAO_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)),
        "LOGIN_FAILURE_LIMIT": 10,
        "LOGIN_FAILURE_WINDOW_MINUTES": 15,
    }


def schema_at_start(url: str) -> str:
    """What start-up does with the schema: ``upgrade`` or ``check`` (``shenbao db`` itself: ``skip``).
    ``SHENBAO_AUTO_UPGRADE`` (1/0) decides; unset, only the SQLite database is upgraded, a
    server database at deploy (``shenbao db upgrade``)."""
    raw = os.environ.get("SHENBAO_AUTO_UPGRADE", "").strip()
    if raw not in ("", "0", "1"):
        raise ConfigError(f"SHENBAO_AUTO_UPGRADE={raw!r} is not 0 or 1")
    upgrade = raw == "1" if raw else url.startswith("sqlite")
    return "upgrade" if upgrade else "check"


def finish_config(config: dict[str, Any]) -> None:
    """Derived settings and paths, after test_config has been applied."""
    config.setdefault("DB_AT_START", schema_at_start(config["SQLALCHEMY_DATABASE_URI"]))
    writable_home(Path(config["SHENBAO_HOME"]))
