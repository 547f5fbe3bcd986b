"""Table cells of a blank form → draft fields.

A ruled table holds label cells beside value cells (empty, a unit, a blank, □ options, a
prompt), row groups (``联系人`` merged over 姓名/电话 rows), column-headed lists (header
row over empty rows: one field per header and row) and grids (row labels × column headers:
``总资产（万元） 2021年``). A PDF reader may join adjacent tables or break one across pages;
:func:`split_at_titles` and :func:`trailing_header` undo that.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from shenbao.plugins.authoring.formread import Grid, GridCell
from shenbao.plugins.authoring.inline import DraftField, parse_text
from shenbao.plugins.authoring.wording import (
    BLANK,
    BOX,
    DATE_BLANK,
    PERIOD_BLANK,
    SIGNATURE,
    UNIT_CELL,
    guess_type,
    outside_parens,
    split_guidance,
    squash,
    unit_of,
)


def cell_kind(text: str) -> str:
    """empty | index | unit | value (blank, box, date, prompt) | prose | label."""
    text = text.strip()
    if not text:
        return "empty"
    if re.fullmatch(r"\d+|序号", text):
        return "index"
    if UNIT_CELL.match(text):
        return "unit"
    if BLANK.search(text) or BOX in text or DATE_BLANK.search(text) or PERIOD_BLANK.search(text):
        return "value"
    if text.startswith(("（", "(")) or re.fullmatch(r"(\S+[：:]\s*){2,}", text):
        return "value"
    if len(outside_parens(squash(text))) > 40 or "。" in text:
        return "prose"
    return "label"


def _label(cell: GridCell) -> str:
    return squash(cell.text.replace("\n", ""))


def _right_of(grid: Grid, cell: GridCell, row: int) -> GridCell | None:
    after = [c for c in grid.covering(row) if c.col >= cell.col + cell.colspan]
    return after[0] if after else None


def is_group(grid: Grid, cell: GridCell) -> bool:
    """A label merged over several rows whose rows hold their own labels (联系人 | 姓名 …)."""
    if cell.rowspan < 2 or cell_kind(cell.text) != "label":
        return False
    for row in range(cell.row, cell.row + cell.rowspan):
        neighbour = _right_of(grid, cell, row)
        if neighbour is not None and cell_kind(neighbour.text) in ("label", "index", "prose"):
            return True
    return False


def row_context(grid: Grid, row: int, groups: set[int]) -> str:
    return " ".join(_label(c) for c in grid.covering(row) if id(c) in groups)


def _own(grid: Grid, row: int, groups: set[int]) -> list[GridCell]:
    return [c for c in grid.covering(row) if id(c) not in groups]


Taken = tuple[list[DraftField], int]  # fields, and how many rows they used


def list_rows(grid: Grid, row: int, groups: set[int], context: str) -> Taken | None:
    """A header row of labels over empty rows: one field per header and row."""
    header = [c for c in _own(grid, row, groups) if cell_kind(c.text) not in ("index", "empty")]
    if len(header) < 2 or any(cell_kind(c.text) != "label" or c.rowspan > 1 for c in header):
        return None
    empty_rows = []
    for r in range(row + 1, grid.n_rows_total()):
        own = [c for c in _own(grid, r, groups) if c.row == r]
        same_group = row_context(grid, r, groups) == row_context(grid, row, groups)
        if own and same_group and all(cell_kind(c.text) in ("empty", "index") for c in own):
            empty_rows.append(r)
        else:
            break
    if not empty_rows:
        return None
    return column_fields([_label(c) for c in header], context, len(empty_rows)), 1 + len(empty_rows)


def column_fields(headers: list[str], context: str, rows: int) -> list[DraftField]:
    """One field per column header and empty row below it (``row = n``, grid layout)."""
    fields = []
    for n in range(1, rows + 1):
        parent = f"{context}第{n}行" if rows > 1 else context
        fields += [
            DraftField(h, guess_type(h), parent=parent, unit=unit_from_label(h), layout="grid", row=n) for h in headers
        ]
    return fields


def grid_rows(grid: Grid, row: int, groups: set[int], context: str) -> Taken | None:
    """Column headers over rows of (row label, empty cells): ``总资产（万元） 2021年``."""
    header = _own(grid, row, groups)
    if len(header) < 3 or any(cell_kind(c.text) != "label" for c in header[1:]):
        return None
    if cell_kind(header[0].text) not in ("label", "empty"):
        return None
    columns = header[1:]
    body = []
    for r in range(row + 1, grid.n_rows_total()):
        own = _own(grid, r, groups)
        if (
            len(own) == len(header)
            and cell_kind(own[0].text) == "label"
            and all(cell_kind(c.text) == "empty" for c in own[1:])
        ):
            body.append(own[0])
        else:
            break
    if not body:
        return None
    corner = _label(header[0]) or context
    fields = []
    for label_cell in body:
        name = _label(label_cell)
        for col in columns:
            fields.append(
                DraftField(
                    f"{name} {_label(col)}",
                    guess_type(name),
                    column=_label(col),
                    parent=corner,
                    unit=unit_from_label(name),
                    layout="grid",
                    labels=(name,),
                )
            )
    return fields, 1 + len(body)


def trailing_header(grid: Grid, groups: set[int], title: str) -> tuple[list[str], str] | None:
    """The labels of a last row that heads columns with no rows under it (yet)."""
    last = grid.n_rows_total() - 1
    if last < 0:
        return None
    header = [c for c in _own(grid, last, groups) if cell_kind(c.text) not in ("index", "empty") and c.row == last]
    if len(header) < 2 or any(cell_kind(c.text) != "label" for c in header):
        return None
    return [_label(c) for c in header], (row_context(grid, last, groups) or title)


def split_at_titles(grid: Grid) -> list[Grid]:
    """Adjacent tables that a PDF reader joins: cut before each full-width single-cell row."""
    rows = grid.rows()
    if grid.n_cols < 2:
        return [grid]
    full = [
        len(grid.covering(r)) == 1 and bool(rows[r]) and rows[r][0].colspan >= grid.n_cols for r in range(len(rows))
    ]
    cuts = [r for r in range(1, len(rows)) if full[r] and not full[r - 1]]
    bounds = [0, *cuts, len(rows)]
    return [sub_grid(grid, a, b) for a, b in pairwise(bounds) if b > a]


def sub_grid(grid: Grid, start: int, end: int) -> Grid:
    if start == 0 and end >= grid.n_rows_total():
        return grid
    cells = []
    for c in grid.cells:
        top, bottom = max(c.row, start), min(c.row + c.rowspan, end)
        if top < bottom and c.row >= start:
            cells.append(GridCell(c.text, top - start, c.col, bottom - top, c.colspan))
        elif top < bottom:  # merged from above the cut: keep the label, not the text twice
            cells.append(GridCell(c.text, 0, c.col, bottom - top, c.colspan))
    return Grid(cells, grid.page, grid.index)


def unit_from_label(label: str) -> str:
    return unit_of(label)


def row_fields(grid: Grid, row: int, groups: set[int], context: str) -> list[DraftField]:
    """Label cell → value cell pairs of one row (a label merged down labels the rows below)."""
    fields: list[DraftField] = []
    label: GridCell | None = None
    consumed = False  # right of a label merged down from above: read with its first row
    for cell in _own(grid, row, groups):
        kind = cell_kind(cell.text)
        carried = cell.row < row
        if kind == "label":
            label, consumed = (None, True) if carried else (cell, False)
            continue
        if kind in ("index", "prose") or carried or (consumed and label is None):
            continue
        if kind == "empty" and label is None:
            continue
        if label is None and kind == "value":
            found = [f for f in parse_text(cell.text, hint=context) if f.label]
            fields += [replace(f, context=f.context or context) for f in found]
            continue
        hint = _label(label) if label is not None else context
        if not hint:
            continue
        value = _value_text(grid, label, cell, row) if label is not None else cell.text
        fields += _value_fields(hint, value, kind, context)
        label = None
    return fields


def _value_text(grid: Grid, label: GridCell, cell: GridCell, row: int) -> str:
    """The value of a label merged over rows: the cells right of it in all those rows."""
    if label.rowspan < 2 or label.row != row:
        return cell.text
    texts = []
    for r in range(label.row, label.row + label.rowspan):
        neighbour = _right_of(grid, label, r)
        if neighbour is not None and neighbour.row == r:
            texts.append(neighbour.text.strip())
    joiner = " " if all(t.startswith(BOX) for t in texts) else "\n"
    return joiner.join(texts)


def _value_fields(label: str, value: str, kind: str, context: str) -> list[DraftField]:
    if kind == "empty":
        short, guidance = split_guidance(label)
        return [
            DraftField(
                short,
                guess_type(label),
                unit=unit_from_label(label),
                context=context,
                labels=(label,) if guidance else (),
            )
        ]
    if kind == "unit" and (unit_cell := UNIT_CELL.match(value)):
        unit = unit_cell.group(1)
        name = f"{label}（{unit}）" if re.search(r"[（(]", value) else label
        return [DraftField(name, guess_type(name, unit), unit=unit, context=context)]
    found = parse_text(value, hint=label)
    if found:
        return [replace(f, context=f.context or context) for f in found]
    if SIGNATURE.search(value) and not DATE_BLANK.search(value):
        return []
    prompts = tuple(row.strip() for row in value.split("\n") if row.strip())
    short, guidance = split_guidance(label)
    return [DraftField(short, "longtext", prompts=prompts, context=context, labels=(label,) if guidance else ())]
