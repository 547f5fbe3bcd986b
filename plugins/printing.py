"""Aligned text tables for the terminal (``shenbao extract --format table``, ``shenbao plugin``).

Its own module so that ``shenbao extract`` does not import the plugin-authoring tools with
the ``shenbao plugin`` commands (~40 ms of every process's start-up).
"""

from __future__ import annotations

import unicodedata


def print_table(rows: list[tuple[str, ...]]) -> None:
    """Print rows as aligned columns, counting a CJK character as two cells wide."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
        print("  ".join(cells).rstrip())


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
