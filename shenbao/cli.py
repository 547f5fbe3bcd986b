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

# Modules that contribute sub-commands: each has ``register(subparsers)``, which adds
# parsers whose ``func(args) -> int`` runs the command.
COMMAND_MODULES = (
    "shenbao.extract_cli",
    "shenbao.plugins.cli",
    "shenbao.admin.cli",
    "shenbao.admin.decision_cli",
    "shenbao.admin.db_cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shenbao", description="申报书 extraction and review")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    parser.add_argument("--version", action="version", version=f"shenbao {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that package has no commands (yet)
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
