"""The environment's failures as one clear line: a database or queue that cannot be reached, a
full disk, a folder that cannot be written.

These come from SQLAlchemy, the database driver, Redis or the OS, not from shenbao's own
error tree; :func:`plain` turns each into a :class:`~shenbao.core.errors.ShenbaoError` naming
what failed and where (a URL's password masked), which the CLI prints as one line and the web
app shows as one message (``admin/app.py``).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import wraps
from typing import Any, TypeVar

import redis.exceptions
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from shenbao.admin.config import database_url, home_dir
from shenbao.core.errors import ConfigError, ExitCode, ShenbaoError

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
QUEUE_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, sqlite3.OperationalError)
F = TypeVar("F", bound=Callable[..., Any])


class StorageError(ShenbaoError):
    """The disk is full, or a file or folder cannot be written."""

    exit_code = ExitCode.config


class DatabaseUnavailable(ConfigError):
    """The database cannot be reached or opened."""


class QueueUnavailable(ConfigError):
    """The ingest queue (Redis, or the SQLite queue file) cannot be reached."""

    upload_id: str | None = None


def mask_url(url: str | None) -> str:
    """A database or Redis URL without its password."""
    if not url:
        return "(none)"
    try:
        if url.startswith(("redis://", "rediss://", "unix://")):
            parts = urllib.parse.urlsplit(url)
            if parts.password:
                host = parts.netloc.rsplit("@", 1)[1]
                user = parts.username or ""
                return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
            return url
        return make_url(url).render_as_string(hide_password=True)
    except (ValueError, ArgumentError):
        return "(unreadable URL)"


def first_line(text: str) -> str:
    """The telling line of a driver's message (psycopg's FATAL line, else the first line)."""
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    for line in lines:
        if "FATAL:" in line:
            return line.split("FATAL:", 1)[1].strip()
    return lines[0] if lines else "unknown error"


def plain_error(exc: OSError) -> str:
    """An OS error as one line: what could not be done, to which file."""
    where = f" {exc.filename}" if exc.filename else ""
    if exc.errno in FULL:
        return f"磁盘已满，无法写入{where} (disk full: {os.strerror(exc.errno or 0)})"
    if exc.errno in DENIED:
        return f"无法写入{where} (not writable: {exc.strerror}; check the folder's owner and permissions)"
    return f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc.strerror or exc)


def describe(exc: BaseException, database: str | None, queue: str | None) -> ShenbaoError | None:
    """The one-line error for ``exc``, or None if it is not a failure of the environment."""
    if isinstance(exc, ShenbaoError):
        return exc
    if isinstance(exc, OSError) and not isinstance(exc, redis.exceptions.RedisError):
        if isinstance(exc, (ConnectionError, TimeoutError)) and exc.filename is None:
            return None
        kind = ConfigError if exc.errno in DENIED else StorageError
        return kind(plain_error(exc))
    if isinstance(exc, (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)):
        return QueueUnavailable(f"识别队列不可用 (queue unreachable): Redis {mask_url(queue)}: {first_line(str(exc))}")
    if isinstance(exc, sqlite3.OperationalError):
        return QueueUnavailable(f"识别队列不可用 (SQLite queue in SHENBAO_HOME: {first_line(str(exc))})")
    if isinstance(exc, DBAPIError):
        message = first_line(str(exc.orig))
        if "disk is full" in message or "disk I/O" in message:
            return StorageError(f"数据库无法写入 (database {mask_url(database)}: {message})")
        return DatabaseUnavailable(f"数据库不可用 (database {mask_url(database)}: {message})")
    if isinstance(exc, SQLAlchemyError) and "connect" in str(exc).lower():
        return DatabaseUnavailable(f"数据库不可用 (database {mask_url(database)}: {first_line(str(exc))})")
    return None


def environment_urls() -> tuple[str | None, str | None]:
    """The database and queue URLs of the settings, for messages before an app exists."""
    database = os.environ.get("SHENBAO_DATABASE_URL") or None
    with suppress(ConfigError):
        database = database_url(database, home_dir())
    return database, os.environ.get("SHENBAO_REDIS_URL") or None


@contextmanager
def plain(database: str | None = None, queue: str | None = None) -> Iterator[None]:
    """Turn the environment's failures inside the block into one-line ShenbaoErrors."""
    try:
        yield
    except Exception as exc:
        if database is None and queue is None:
            database, queue = environment_urls()
        known = describe(exc, database, queue)
        if known is None or known is exc:
            raise
        raise known from None


def one_line_errors(func: F) -> F:
    """A CLI command whose environment failures end as one line (``shenbao/cli.py`` prints it)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with plain():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
