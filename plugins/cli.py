"""Sub-commands about plugins: ``shenbao notices``."""
from __future__ import annotations

import argparse
import sys

from shenbao.plugins.manager import get_manager


def register(sub: argparse._SubParsersAction) -> None:
    notices = sub.add_parser("notices", help="list the installed notice plugins")
    notices.set_defaults(func=cmd_notices)


def cmd_notices(args: argparse.Namespace) -> int:
    manager = get_manager()
    rows = [("id", "name", "fields", "attachments", "rules", "package")]
    for notice in sorted(manager.notices.values(), key=lambda n: n.id):
        rows.append((notice.id, notice.name, str(len(notice.fields)), str(len(notice.attachments)),
                     str(len(notice.rules)), notice.package))
    print_table(rows)
    sys.stdout.flush()
    for problem in manager.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def print_table(rows: list[tuple[str, ...]]) -> None:
    """Print rows as aligned columns, counting a CJK character as two cells wide."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
        print("  ".join(cells).rstrip())


def display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
