"""OCR'd pieces → printed lines → the page model: the last step of :mod:`.page`.

Pieces on one printed row are joined into a line when close enough (a label ending in a
colon reaches further, across its form's label column); lines go into the cells their
pieces were cut for; pixels become PDF points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shenbao.ingest.document import Cell, Line, Page, Table
from shenbao.ingest.ocr import layout as lay

JOIN_GAP = 2.5  # pieces on one row closer than this many line heights are one line
# ... and a label ending in a colon takes the value across its form's label column ("单位名称：
# <gap> 东方自动化集团有限公司"), as a text PDF's line does.
LABEL_JOIN_GAP = 14.0

Box = tuple[float, float, float, float]


@dataclass
class Piece:
    """Part of a printed line: OCR crops and check boxes in left-to-right order."""

    box: Box
    cell: int | None  # index into the flat cell list, None outside tables
    parts: list[tuple[str, Box, float]] = field(default_factory=list)  # ("ocr"|"☑"|"□", box, conf)
    texts: list[str] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)


def piece_text(piece: Piece) -> str:
    """Texts of the parts; a check box after text gets a space before it (``☑是 □否``)."""
    out = ""
    for (kind, _, _), text in zip(piece.parts, piece.texts, strict=False):
        if kind != "ocr" and out and not out.endswith(" "):
            out += " "
        out += text
    return out.strip()


def rows_of(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into printed rows (vertical overlap), rows top to bottom, pieces left to right."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.box[1] + p.box[3]) / 2):
        y0, y1 = piece.box[1], piece.box[3]
        for row in rows:
            r0, r1 = min(p.box[1] for p in row), max(p.box[3] for p in row)
            overlap = min(y1, r1) - max(y0, r0)
            if overlap >= 0.5 * min(y1 - y0, r1 - r0):
                row.append(piece)
                break
        else:
            rows.append([piece])
    return [sorted(row, key=lambda p: p.box[0]) for row in rows]


def _join_row(row: list[Piece]) -> list[list[Piece]]:
    """Split a row into runs of pieces close enough to be one printed line."""
    runs: list[list[Piece]] = [[row[0]]]
    for piece in row[1:]:
        last = runs[-1][-1]
        height = max(last.box[3] - last.box[1], piece.box[3] - piece.box[1])
        gap = JOIN_GAP if not _ends_with_colon(last) else LABEL_JOIN_GAP
        if piece.box[0] - last.box[2] <= gap * height:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


def _ends_with_colon(piece: Piece) -> bool:
    return piece_text(piece).rstrip().endswith(("：", ":"))


def _to_line(run: list[Piece], number: int, px_per_pt: float) -> Line:
    text, right = "", None
    for piece in run:
        printed = piece_text(piece)
        if text and right is not None and not text.endswith(" "):
            gap = piece.box[0] - right
            text += " " if gap > 0.4 * (piece.box[3] - piece.box[1]) else ""
        text += printed
        right = piece.box[2] if right is None else max(right, piece.box[2])
    x0 = min(p.box[0] for p in run)
    y0 = min(p.box[1] for p in run)
    x1 = max(p.box[2] for p in run)
    y1 = max(p.box[3] for p in run)
    confidences = [c for p in run for c in p.confidences]
    return Line(
        text=text,
        bbox=_to_pt((x0, y0, x1, y1), px_per_pt),
        page=number,
        confidence=round(min(confidences, default=0.0), 4),
        source="ocr",
    )


def _to_pt(box: Box, px_per_pt: float) -> Box:
    return tuple(round(v / px_per_pt, 2) for v in box)  # type: ignore[return-value]


def lines_of(pieces: list[Piece], number: int, px_per_pt: float) -> list[Line]:
    return [_to_line(run, number, px_per_pt) for row in rows_of(pieces) for run in _join_row(row)]


def build_page(
    number: int,
    width_pt: float,
    height_pt: float,
    px_per_pt: float,
    pieces: list[Piece],
    tables: list[lay.TableGrid],
    cells: list[tuple[int, lay.GridCell]],
) -> Page:
    by_cell: dict[int | None, list[Piece]] = {}
    for piece in pieces:
        by_cell.setdefault(piece.cell, []).append(piece)
    out_tables: list[Table] = []
    for t, grid in enumerate(tables):
        table_cells = []
        for index, (owner, cell) in enumerate(cells):
            if owner != t:
                continue
            table_cells.append(
                Cell(
                    row=cell.row,
                    col=cell.col,
                    bbox=_to_pt(cell.box, px_per_pt),
                    lines=lines_of(by_cell.get(index, []), number, px_per_pt),
                    rowspan=cell.rowspan,
                    colspan=cell.colspan,
                )
            )
        out_tables.append(Table(page=number, bbox=_to_pt(grid.box, px_per_pt), cells=table_cells))
    return Page(
        number=number,
        width=round(width_pt, 2),
        height=round(height_pt, 2),
        source="ocr",
        lines=lines_of(by_cell.get(None, []), number, px_per_pt),
        tables=out_tables,
    )
