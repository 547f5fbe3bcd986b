"""Alembic's entry point: migrate the app's own database with the models' metadata.

Run by ``shenbao db ...`` (and at start-up on SQLite) inside the app context, so the engine
is Flask-SQLAlchemy's, with the app's URL and connection options. Logging is left as the
app set it up (no ``fileConfig``).
"""

from __future__ import annotations

import sys
from typing import Any

from alembic import context
from flask import current_app


def _skip_empty_autogenerate(ctx: Any, revision: Any, directives: list[Any]) -> None:
    """``db migrate`` with no change in the models writes no empty revision."""
    cmd_opts = context.config.cmd_opts
    if getattr(cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        print("shenbao: no change in the models: no revision written", file=sys.stderr)


def run_migrations_online() -> None:
    extension = current_app.extensions["migrate"]
    configure_args = dict(extension.configure_args)
    configure_args.setdefault("process_revision_directives", _skip_empty_autogenerate)
    with extension.db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=extension.db.metadata, **configure_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("shenbao: offline (--sql) migrations are not supported; run them against the database")
run_migrations_online()
