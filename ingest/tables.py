"""Moving around a table grid: the cell right of a label, the row under a header, the
row group a cell sits in, and the rest of a row that a page break carried to the next page."""

from __future__ import annotations

from shenbao.ingest.document import Cell, Line, Table
from shenbao.ingest.flow import Flow, Segment, looks_like_heading


def right_cells(table: Table, cell: Cell) -> list[Cell]:
    col = cell.col + cell.colspan
    rows = range(cell.row, cell.row + cell.rowspan)
    return sorted((c for c in table.cells if c.col == col and c.row in rows), key=lambda c: c.row)


def below_cells(table: Table, cell: Cell, n: int = 1) -> list[Cell]:
    """Cells of the n-th row under ``cell`` that overlap its columns."""
    row = cell.row + cell.rowspan + n - 1
    cols = set(range(cell.col, cell.col + cell.colspan))
    return sorted(
        (c for c in table.cells if c.row <= row < c.row + c.rowspan and cols & set(range(c.col, c.col + c.colspan))),
        key=lambda c: c.col,
    )


def row_group(table: Table, cell: Cell) -> list[Cell]:
    """Cells left of ``cell`` spanning several rows: the group label (联系人, 平台负责人信息)."""
    return [
        c
        for c in table.cells
        if c.col + c.colspan <= cell.col and c.rowspan > 1 and c.row <= cell.row < c.row + c.rowspan
    ]


def left_cells(table: Table, cell: Cell) -> list[Cell]:
    """Every cell left of ``cell`` on its first row (row labels, group labels)."""
    return [c for c in table.cells if c.col + c.colspan <= cell.col and c.row <= cell.row < c.row + c.rowspan]


def cells_below(flow: Flow, seg: Segment, n: int = 1) -> list[Cell]:
    """Cells of the n-th row under a cell, continuing into the next page's table when a
    page break cut the table right under the header row."""
    if seg.cell is None or seg.table is None:
        return []
    cells = below_cells(seg.table, seg.cell, n)
    if cells:
        return cells
    last_row = seg.table.n_rows - 1
    n -= last_row - (seg.cell.row + seg.cell.rowspan - 1)
    nxt = next_table(flow, seg)
    if nxt is None or n < 1:
        return []
    x0, _, x1, _ = seg.cell.bbox
    row = n - 1
    return sorted(
        (
            c
            for c in nxt.cells
            if c.row <= row < c.row + c.rowspan
            and min(c.bbox[2], x1) - max(c.bbox[0], x0) > 0.5 * min(c.bbox[2] - c.bbox[0], x1 - x0)
        ),
        key=lambda c: c.col,
    )


def next_table(flow: Flow, seg: Segment) -> Table | None:
    """The table that starts the next page, when ``seg``'s table ends its page."""
    table = seg.table
    later = [s for s in flow.segments[seg.index + 1 :] if s.table is not table]
    if not later or later[0].table is None or later[0].page != seg.page + 1:
        return None
    return later[0].table


def continued_cell_lines(flow: Flow, table: Table, cell: Cell, *, loose: bool) -> list[Line]:
    """The rest of a cell that a page break cut off: Word lets a row break across pages, so
    the text goes on in the next page's first table row (with empty cells to its left), or
    as unruled lines when only that one cell continues."""
    if cell.row + cell.rowspan < table.n_rows:
        return []
    last = max(i for i, s in enumerate(flow.segments) if s.table is table)
    if any(s.page == table.page for s in flow.segments[last + 1 :]):
        return []  # something follows the table on its page: the page did not cut it
    after = [s for s in flow.segments[last + 1 :] if s.page == table.page + 1]
    if not after:
        return []
    first = after[0]
    if first.table is None:
        if not loose:
            return []
        out: list[Line] = []
        for s in after:
            if s.table is not None or s.heading or looks_like_heading(s.first_line):
                break
            out.extend(s.lines)
        return out
    if any(looks_like_heading(s.first_line) for s in after[:1]):
        return []
    x0, _, x1, _ = cell.bbox
    row0 = [c for c in first.table.cells if c.row == 0]
    left_empty = all(not c.text.strip() for c in row0 if c.bbox[2] <= x0 + 2)
    overlap = [c for c in row0 if min(c.bbox[2], x1) - max(c.bbox[0], x0) > 0.5 * (c.bbox[2] - c.bbox[0])]
    if not left_empty or not overlap or any(c.bbox[0] < x0 - 2 and c.text.strip() for c in overlap):
        return []
    return [line for c in overlap for line in c.lines]


def previous_table(flow: Flow, seg: Segment) -> Table | None:
    """The table ending the previous page, when ``seg``'s table starts its page (one table
    that a page break cut in two)."""
    first = next(i for i, s in enumerate(flow.segments) if s.table is seg.table)
    earlier = flow.segments[:first]
    if any(s.page == seg.page for s in earlier) or not earlier:
        return None
    last = earlier[-1]
    return last.table if last.table is not None and last.page == seg.page - 1 else None


def continued_row_right(flow: Flow, table: Table, label: Cell) -> list[Cell]:
    """Cells right of a label whose row group a page break cut: the next page's table starts
    with a row that is empty under the label and carries the rest (e.g. the ☑ options)."""
    if label.row + label.rowspan < table.n_rows:
        return []
    last = max(i for i, s in enumerate(flow.segments) if s.table is table)
    after = [s for s in flow.segments[last + 1 :] if s.page == table.page + 1]
    if not after or after[0].table is None:
        return []
    x0, _, x1, _ = label.bbox
    row0 = [c for c in after[0].table.cells if c.row == 0]
    under = [c for c in row0 if c.bbox[0] < x1 - 2 and c.bbox[2] > x0 + 2]
    if any(c.text.strip() for c in under):
        return []
    return sorted((c for c in row0 if c.bbox[0] >= x1 - 2), key=lambda c: c.bbox[0])
