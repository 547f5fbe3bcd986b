"""Born-digital PDF pages → page model, with pdfplumber.

Characters are grouped into lines per table cell (so a printed row that crosses cells
becomes one line per cell) and outside tables into lines per page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shenbao.ingest.document import Cell, Line, Page, Table
from shenbao.ingest.pageframe import Frame, page_frame

LINE_TOLERANCE = 3.0  # points: chars whose tops differ less sit on one line
MIN_TABLE_CELLS = 2


def has_text_layer(pdf_page: Any) -> bool:
    """A page with printable characters; a scan has none (or only an invisible few)."""
    return sum(1 for ch in pdf_page.chars if ch["text"].strip()) >= 5


def read_text_page(pdf_page: Any, number: int) -> Page:
    """One pdfplumber page → :class:`Page` (source ``text``), read upright and in points
    (see :mod:`shenbao.ingest.pageframe`)."""
    shown = [c for c in pdf_page.chars if c["text"].strip()]
    frame = page_frame(pdf_page, shown)
    chars = [frame.char(c) for c in shown]
    tables = [_table(t, number, frame) for t in pdf_page.find_tables()]
    tables = [t for t in tables if len(t.cells) >= MIN_TABLE_CELLS]
    loose: list[dict[str, Any]] = []
    cells = [cell for table in tables for cell in table.cells]
    buckets: dict[int, list[dict[str, Any]]] = {id(c): [] for c in cells}
    for ch in chars:
        cell = _cell_at(cells, (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2)
        if cell is None:
            loose.append(ch)
        else:
            buckets[id(cell)].append(ch)
    for cell in cells:
        cell.lines = group_lines(buckets[id(cell)], number)
    width, height = frame.size
    return Page(
        number=number,
        width=width,
        height=height,
        source="text",
        lines=group_lines(loose, number),
        tables=tables,
        turns=frame.turns,
        unit=frame.unit,
    )


def _cell_at(cells: list[Cell], x: float, y: float) -> Cell | None:
    for cell in cells:
        x0, y0, x1, y1 = cell.bbox
        if x0 <= x <= x1 and y0 <= y <= y1:
            return cell
    return None


def _table(found: Any, number: int, frame: Frame) -> Table:
    """pdfplumber table → grid of cells with row/col spans from the distinct cell edges."""
    boxes = [frame.box(_box(box)) for box in found.cells]
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    cells = []
    for x0, y0, x1, y1 in boxes:
        col, col_end = _index(xs, x0), _index(xs, x1)
        row, row_end = _index(ys, y0), _index(ys, y1)
        cells.append(
            Cell(row=row, col=col, bbox=(x0, y0, x1, y1), rowspan=max(row_end - row, 1), colspan=max(col_end - col, 1))
        )
    return Table(page=number, bbox=frame.box(_box(found.bbox)), cells=cells)


def _box(values: Any) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in values)
    return (x0, y0, x1, y1)


def _edges(values: Iterable[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def group_lines(chars: list[dict[str, Any]], number: int) -> list[Line]:
    """Characters → lines, top to bottom; a gap wider than half a glyph becomes a space."""
    rows: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if rows and abs(rows[-1][0]["top"] - ch["top"]) <= LINE_TOLERANCE:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return [_line(sorted(row, key=lambda c: c["x0"]), number) for row in rows]


def _line(row: list[dict[str, Any]], number: int) -> Line:
    text, xs = [], []
    prev = None
    for ch in row:
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            if gap > min(2.5, 0.3 * max(ch["size"], 1.0)):
                text.append(" ")
                xs.append(prev["x1"])
        text.append(ch["text"])
        xs.append(ch["x0"])
        prev = ch
    bbox = (
        min(c["x0"] for c in row),
        min(c["top"] for c in row),
        max(c["x1"] for c in row),
        max(c["bottom"] for c in row),
    )
    return Line(text="".join(text), bbox=bbox, page=number, confidence=1.0, source="text", char_x=xs)
