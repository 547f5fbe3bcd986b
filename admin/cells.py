"""Cells that are safe to open: no value a clerk or an applicant typed becomes a live formula.

OWASP's CSV-injection advice: a text starting with ``= + - @``, a tab or a carriage return is
read as a formula by Excel and LibreOffice. In XLSX such a text is written as a text cell
(type ``s``, with the quote prefix that keeps it text when edited); in CSV it is prefixed
with ``'``, and text fields are quoted. Numbers stay numbers: an ``int``/``float`` is never
touched, and neither is a text that is just a number (``-12.5``), which cannot run anything.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def formula_like(value: Any) -> bool:
    """A text a spreadsheet would evaluate (and that is not a plain number)."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value)


def csv_value(value: Any) -> Any:
    return "'" + value if formula_like(value) else value


def text_cell(ws: Worksheet, value: str) -> Cell:
    """A cell holding ``value`` as text, whatever it starts with."""
    write_only = bool(getattr(ws.parent, "write_only", False))
    cell = WriteOnlyCell(ws) if write_only else Cell(ws, row=1, column=1)  # append() places it
    cell.value = value
    cell.data_type = "s"  # openpyxl took the leading "=" for a formula
    cell.quotePrefix = True
    return cell


def xlsx_row(ws: Worksheet, values: list[Any]) -> list[Any]:
    """``values`` for ``ws.append``: formula-like texts as text cells, the rest as they are."""
    return [text_cell(ws, v) if formula_like(v) else v for v in values]
