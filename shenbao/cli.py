"""The ``shenbao`` command. Each package adds its own sub-commands through ``register``.

Errors of any package end here, in :func:`main` and nowhere else: a
:class:`~shenbao.core.errors.ShenbaoError` is one line on stderr and its kind's exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from shenbao import __version__
from shenbao.core.errors import ExitCode, ShenbaoError
from shenbao.ingest.memory import cap_malloc_arenas

# Each command and the module that registers it (``register(subparsers)`` adds parsers whose
# ``func(args) -> int`` runs the command), with its one-line help. Only the module of the
# command being run is imported: the review desk's imports alone take ~1 s, which neither
# `shenbao extract` nor `shenbao --help` should wait for (click's LazyGroup does the same).
# tests/test_commands.py checks this table against what the modules register.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("shenbao.extract_cli", "extract the fields of a submission file (a stack of packets: each one)"),
    "notices": ("shenbao.plugins.cli", "list the installed notice plugins"),
    "notice": ("shenbao.plugins.cli", "write, draft and check notice plugins"),
    "serve": ("shenbao.admin.cli", "run the web app (waitress) with an embedded queue worker"),
    "worker": ("shenbao.admin.cli", "run a queue worker (SQLite or SHENBAO_REDIS_URL)"),
    "create-user": ("shenbao.admin.cli", "add a user (password from a prompt or stdin)"),
    "reset-password": (
        "shenbao.admin.cli",
        "set a user's password (prompt or stdin); ends their sessions, lifts a login lock",
    ),
    "ingest": ("shenbao.admin.cli", "queue files for ingestion"),
    "status": ("shenbao.admin.cli", "one line per submission: id, file, notice, status, attempts, updated"),
    "export": (
        "shenbao.admin.cli",
        "export a notice's 推荐汇总表 (its recommended packets, ranked), or all fields (NOTICE = all)",
    ),
    "withdraw": (
        "shenbao.admin.decision_cli",
        "mark packets as withdrawn by the applicant (已撤回): out of every table",
    ),
    "exclude": ("shenbao.admin.decision_cli", "exclude packets as duplicates (重复): out of every table"),
    "restore": ("shenbao.admin.decision_cli", "undo a withdrawal or exclusion: back to the state the packet had"),
    "demo": ("shenbao.admin.decision_cli", "the first-run samples: list, mark as demo, or remove them all"),
    "db": ("shenbao.admin.db_cli", "the database schema (Alembic): upgrade, migrate, merge, ..."),
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``: the command named in it fully, the others by name and help."""
    parser = argparse.ArgumentParser(prog="shenbao", description="申报书 extraction and review")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    parser.add_argument("--version", action="version", version=f"shenbao {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = _command_in(sys.argv[1:] if argv is None else argv)
    loaded = {COMMANDS[wanted][0]} if wanted in COMMANDS else set()
    for module_name in loaded:
        importlib.import_module(module_name).register(sub)
    for name, (module_name, help_text) in COMMANDS.items():
        if module_name not in loaded:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The first word of ``argv`` that is not a top-level option."""
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    cap_malloc_arenas()  # before any thread: every command's threads share one malloc arena
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s"
    )
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except ShenbaoError as exc:
        print(f"shenbao: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("shenbao: interrupted", file=sys.stderr)
        return int(ExitCode.interrupted)
    except BrokenPipeError:
        return int(ExitCode.ok)
