"""``shenbao db ...``: the database schema's Alembic commands (through Flask-Migrate's config).

``shenbao db upgrade`` at deploy (and by itself at start-up on SQLite); ``shenbao db migrate
-m "..."`` writes a new revision from the models' changes into ``models/migrations/versions``.
"""

from __future__ import annotations

import argparse
from typing import Any

from alembic import command
from alembic.util import CommandError

from shenbao.admin import create_app
from shenbao.admin.failures import one_line_errors
from shenbao.models.schema import SchemaError, alembic_config, upgrade_database


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("db", help="the database schema (Alembic): upgrade, migrate, merge, ...")
    sub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    a = sub.add_parser("upgrade", help="bring the database to the newest schema (or REVISION)")
    a.add_argument("revision", nargs="?", default="head")
    a = sub.add_parser("downgrade", help="go back to REVISION (e.g. -1)")
    a.add_argument("revision")
    a = sub.add_parser("migrate", help="write a new revision from the changes in the models (developers)")
    a.add_argument("-m", "--message", required=True)
    a.add_argument("--rev-id", default=None, help="the revision's id, e.g. 0003_leases (default: random)")
    a = sub.add_parser("merge", help="join the heads of revisions written on two branches into one")
    a.add_argument("-m", "--message", default="merge heads")
    sub.add_parser("heads", help="the newest revision(s)")
    sub.add_parser("current", help="the database's revision")
    sub.add_parser("history", help="the list of revisions")
    a = sub.add_parser("stamp", help="record REVISION as the database's without running anything")
    a.add_argument("revision")
    p.set_defaults(func=cmd_db)


@one_line_errors
def cmd_db(args: argparse.Namespace) -> int:
    app = create_app({"DB_AT_START": "skip"})
    with app.app_context():
        if args.db_command == "upgrade":
            upgrade_database(args.revision)
            return 0
        try:
            run_alembic(args)
        except CommandError as exc:
            raise SchemaError(f"db {args.db_command}: {exc}") from None
    return 0


def run_alembic(args: argparse.Namespace) -> None:
    config = alembic_config(autogenerate=args.db_command == "migrate")
    if args.db_command == "downgrade":
        command.downgrade(config, args.revision)
    elif args.db_command == "migrate":
        command.revision(config, message=args.message, autogenerate=True, rev_id=args.rev_id)
    elif args.db_command == "merge":
        command.merge(config, revisions="heads", message=args.message)
    elif args.db_command == "heads":
        command.heads(config)
    elif args.db_command == "current":
        command.current(config, verbose=False)
    elif args.db_command == "history":
        command.history(config)
    else:
        command.stamp(config, args.revision)
