"""Sub-commands of ``shenbao`` for the bureau's decisions and the demo data:
``withdraw``, ``exclude``, ``restore`` (packet ids), ``demo remove|mark|list``.

They act as the server's operator (every right), recorded in the audit trail under ``--user``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy import select

from shenbao.admin import create_app
from shenbao.admin.demo import mark_demo, remove_demo
from shenbao.admin.workflow import move_many
from shenbao.core.errors import ConflictError, UsageError
from shenbao.models import Submission, db, state_label
from shenbao.models.states import DUPLICATE, RESTORE_ACTION, WITHDRAWN

MOVES = {
    "withdraw": (WITHDRAWN, "mark packets as withdrawn by the applicant (已撤回): out of every table"),
    "exclude": (DUPLICATE, "exclude packets as duplicates (重复): out of every table"),
    "restore": (RESTORE_ACTION, "undo a withdrawal or exclusion: back to the state the packet had"),
}


def register(subparsers: Any) -> None:
    for name, (_, help_text) in MOVES.items():
        p = subparsers.add_parser(name, help=help_text)
        p.add_argument("ids", nargs="+", type=int, metavar="ID", help="submission number (#) as the desk shows it")
        p.add_argument("--reason", default="", help="recorded with the move")
        p.add_argument("--user", default="cli", help="name recorded in the audit trail")
        p.set_defaults(func=cmd_move, move=name)

    p = subparsers.add_parser("demo", help="the first-run samples: list, mark as demo, or remove them all")
    p.add_argument("what", choices=("list", "mark", "remove"))
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help="for mark: the submissions")
    p.add_argument("--user", default="cli", help="name recorded in the audit trail")
    p.set_defaults(func=cmd_demo)


def cmd_move(args: argparse.Namespace) -> int:
    target = MOVES[args.move][0]
    app = create_app()
    with app.app_context():
        known = set(db.session.scalars(select(Submission.id).where(Submission.id.in_(args.ids))))
        missing = [f"#{i}" for i in args.ids if i not in known]
        if missing:
            raise UsageError(f"no such submission: {', '.join(missing)}")
        outcome = move_many(args.ids, target, args.user, args.reason)
        for sid in outcome.moved:
            print(f"#{sid}: {state_label(db.session.get_one(Submission, sid).status)}")
        for line in outcome.refused:
            print(f"shenbao: {line}", file=sys.stderr)
    if outcome.refused:
        raise ConflictError(f"{len(outcome.refused)} of {len(args.ids)} not changed")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    app = create_app()
    with app.app_context():
        if args.what == "mark":
            if not args.ids:
                raise UsageError("demo mark needs the submission ids")
            print(f"{mark_demo(args.ids, args.user)} submissions marked as demo data")
        elif args.what == "remove":
            print(f"{remove_demo(args.user)} demo submissions deleted")
        else:
            for s in db.session.scalars(select(Submission).where(Submission.demo.is_(True)).order_by(Submission.id)):
                print(f"#{s.id} {s.filename} {s.notice_id or ''} {state_label(s.status)}")
    return 0
