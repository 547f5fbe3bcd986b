"""Print ``export`` lines for the PostgreSQL and Redis tests when those services are there.

``scripts/test.sh`` evaluates the output. A variable already set is kept; without one, a
PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) gets the database ``shenbao_test``
(created if missing) and a Redis on 127.0.0.1:6379 its db 15. ``SHENBAO_TEST_SERVICES=0``
turns the detection off. What was found is said on stderr.
"""

from __future__ import annotations

import os
import shlex
import sys

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/"
PG_DATABASE = "shenbao_test"
REDIS = "redis://127.0.0.1:6379/15"


def postgres_url() -> str | None:
    try:
        import psycopg
    except ImportError:
        return None
    try:
        with psycopg.connect(PG_SERVER + "postgres", connect_timeout=2, autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DATABASE,)).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')
    except psycopg.Error:
        return None
    return "postgresql+psycopg://postgres@127.0.0.1:5432/" + PG_DATABASE


def redis_url() -> str | None:
    try:
        import redis
    except ImportError:
        return None
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return None
    return REDIS


def main() -> int:
    if os.environ.get("SHENBAO_TEST_SERVICES") == "0":
        return 0
    for name, find, what in (
        ("SHENBAO_TEST_DATABASE_URL", postgres_url, "PostgreSQL"),
        ("SHENBAO_TEST_REDIS_URL", redis_url, "Redis"),
    ):
        url = os.environ.get(name) or find()
        if url:
            print(f"export {name}={shlex.quote(url)}")
            print(f"test.sh: the {what} tests use {url}", file=sys.stderr)
        else:
            print(f"test.sh: no {what} on 127.0.0.1: its tests are skipped (set {name})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
