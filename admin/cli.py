"""Sub-commands of ``shenbao`` for the review desk: serve, worker, create-user, ingest, status, export.

Every command fails in one line (``admin/failures.py``): a database or queue out of reach, a
full disk, a folder it cannot write.
"""

from __future__ import annotations

import argparse
import getpass
import json
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from shenbao.admin import create_app
from shenbao.admin.auth import create_user, reset_password
from shenbao.admin.exceptions import ExportError
from shenbao.admin.export import export_check, full_csv, full_workbook, summary_workbook
from shenbao.admin.failures import mask_url, one_line_errors
from shenbao.admin.ingest import ingest_upload
from shenbao.admin.queue import get_queue, say_what_workers_do, work
from shenbao.admin.server import serve
from shenbao.admin.status import entries, table
from shenbao.core.errors import UsageError
from shenbao.models import SourceFile, Submission, db


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("serve", help="run the web app (waitress) with an embedded queue worker")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.add_argument("--threads", type=int, default=8, help="request threads of the server (default 8)")
    p.add_argument("--no-worker", action="store_true", help="do not start the embedded worker")
    p.add_argument(
        "--debug", action="store_true", help="Werkzeug's development server with reloader (not for production)"
    )
    p.set_defaults(func=cmd_serve)

    p = subparsers.add_parser("worker", help="run a queue worker (SQLite or SHENBAO_REDIS_URL)")
    p.add_argument(
        "--idle-exit", type=float, default=None, metavar="SECONDS", help="stop after the queue stayed empty this long"
    )
    p.set_defaults(func=cmd_worker)

    p = subparsers.add_parser("create-user", help="add a user (password from a prompt or stdin)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("clerk", "reviewer", "admin"))
    p.set_defaults(func=cmd_create_user)

    p = subparsers.add_parser(
        "reset-password", help="set a user's password (prompt or stdin); ends their sessions, lifts a login lock"
    )
    p.add_argument("name")
    p.set_defaults(func=cmd_reset_password)

    p = subparsers.add_parser("ingest", help="queue files for ingestion")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--wait", action="store_true", help="work the queue here until these files are ingested; non-zero if any failed"
    )
    p.add_argument("--user", default="cli", help="name recorded as the uploader")
    p.add_argument("--if-empty", action="store_true", help="queue nothing if the desk has submissions already")
    p.add_argument("--demo", action="store_true", help="demo data (first-run samples): in no export, removable")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("status", help="one line per submission: id, file, notice, status, attempts, updated")
    p.add_argument("--json", action="store_true", help="a JSON list of the entries instead of a table")
    p.set_defaults(func=cmd_status)

    p = subparsers.add_parser(
        "export", help="export a notice's 推荐汇总表 (its recommended packets, ranked), or all fields (NOTICE = all)"
    )
    p.add_argument("notice", metavar="NOTICE")
    p.add_argument("--draft", action="store_true", help="the 汇总表 of every live packet, marked 草稿")
    p.add_argument("--anyway", action="store_true", help="export even if the notice's limits are exceeded")
    p.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.set_defaults(func=cmd_export)


def _app(queue: bool = False) -> Any:
    """The app; with ``queue``, refuse to start (one line) when the queue does not answer."""
    app = create_app()
    if queue:
        get_queue(app).check()
    return app


@one_line_errors
def cmd_serve(args: argparse.Namespace) -> int:

    app = _app(queue=True)
    serve(app, args.host, args.port, threads=args.threads, worker=not args.no_worker, debug=args.debug)
    return 0


@one_line_errors
def cmd_worker(args: argparse.Namespace) -> int:

    app = _app(queue=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    say_what_workers_do()
    print(f"shenbao: worker ready ({leases_summary(app.config)})", file=sys.stderr, flush=True)
    try:
        done = work(app, stop, idle_exit=args.idle_exit)
    except KeyboardInterrupt:
        return 0
    print(f"shenbao: worker ran {done} tasks", file=sys.stderr)
    return 0


def leases_summary(config: dict[str, Any]) -> str:
    queue = mask_url(config.get("REDIS_URL")) if config.get("REDIS_URL") else "SQLite queue"
    return (
        f"queue {queue}; lease {config['LEASE_SECONDS']:g} s, sweep every {config['SWEEP_SECONDS']:g} s, "
        f"at most {config['MAX_ATTEMPTS']} attempts"
    )


def read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat: ") != first:
            raise UsageError("passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


@one_line_errors
def cmd_create_user(args: argparse.Namespace) -> int:

    app = _app()
    password = read_password()
    with app.app_context():
        user = create_user(args.name, password, args.role)
        print(f"created {user.role} {user.username}")
    return 0


@one_line_errors
def cmd_reset_password(args: argparse.Namespace) -> int:

    app = _app()
    password = read_password()
    with app.app_context():
        user = reset_password(args.name, password)
        print(f"new password for {user.username}; their sessions are ended")
    return 0


@one_line_errors
def cmd_ingest(args: argparse.Namespace) -> int:

    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    app = _app(queue=True)
    with app.app_context():
        if args.if_empty and db.session.scalar(db.select(Submission.id).limit(1)) is not None:
            print("shenbao: the desk has submissions already; nothing queued", file=sys.stderr)
            return 0
        handles = [f.open("rb") for f in args.files]
        try:
            pairs = [(h, f.name) for h, f in zip(handles, args.files, strict=True)]
            upload_id, subs = ingest_upload(pairs, args.user, demo=args.demo)
        finally:
            for h in handles:
                h.close()
        ids = [s.id for s in subs]
    if args.wait:
        wait_for(app, upload_id)
    return report(app, ids, args.wait)


def wait_for(app: Any, upload_id: str, poll: float = 0.5) -> None:
    """Work the queue in this process (other workers may share it) until every file of the
    upload is done or failed. This worker's sweep takes up a file whose worker died, and fails
    it after MAX_ATTEMPTS, so the wait ends."""

    say_what_workers_do()
    stop = threading.Event()
    thread = threading.Thread(target=work, args=(app, stop), daemon=True)
    thread.start()
    try:
        while True:
            with app.app_context():
                pending = db.session.scalar(
                    db.select(db.func.count())
                    .select_from(SourceFile)
                    .where(SourceFile.upload_id == upload_id, SourceFile.status.in_(("queued", "ingesting")))
                )
            if not pending:
                break
            time.sleep(poll)
    finally:
        stop.set()
        thread.join(timeout=30)


def report(app: Any, ids: list[int], waited: bool) -> int:

    failed = 0
    with app.app_context():
        for sid in ids:
            s = db.session.get(Submission, sid)
            if s is None:  # a placeholder replaced by the packets of a stack
                continue
            if s.status == "failed":
                failed += 1
                print(f"{s.filename}: failed: {s.error}", file=sys.stderr)
            else:
                detail = f" {s.notice_id} to_review={s.to_review} findings={s.open_findings}" if s.notice_id else ""
                print(f"{s.filename}: #{s.id} {s.status}{detail}")
    return 1 if (failed and waited) or failed == len(ids) else 0


def checked_summary(notice_id: str, draft: bool, anyway: bool) -> bytes:
    """The 汇总表, after the export check (limits, recommended duplicates) unless a draft."""
    problems = [] if draft else export_check(notice_id)
    for finding in problems:
        print(f"shenbao: {finding.message}", file=sys.stderr)
    if problems and not anyway:
        raise ExportError(f"{len(problems)} problems with the recommendations; fix them or export --anyway")
    return summary_workbook(notice_id, draft)


@one_line_errors
def cmd_export(args: argparse.Namespace) -> int:

    app = _app()
    with app.app_context():
        if args.notice == "all":
            data = full_csv() if args.format == "csv" else full_workbook()
        elif args.format == "csv":
            data = full_csv(args.notice)
        else:
            data = checked_summary(args.notice, args.draft, args.anyway)
    try:
        args.output.write_bytes(data)
    except OSError as exc:  # a full disk: name the file (a failed write does not)
        exc.filename = exc.filename or str(args.output)
        raise
    print(f"wrote {args.output}")
    return 0


@one_line_errors
def cmd_status(args: argparse.Namespace) -> int:

    app = _app()
    with app.app_context():
        rows = entries()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(table(rows))
    return 0
