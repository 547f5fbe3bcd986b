"""Detected text boxes → pieces: cut at table cell borders and at check boxes.

A box crossing a ruling becomes one piece per cell, each clipped :data:`INSET` px inside
the cell so that the ruling is not read as ``1`` or ``|``; a check box inside a piece
becomes a glyph part of its own (its state is read from the pixels, never OCR'd).
"""

from __future__ import annotations

from collections.abc import Sequence

from shenbao.ingest.ocr import checkbox as cb
from shenbao.ingest.ocr.lines import Box, Piece

INSET = 3  # px kept clear of a cell's rulings when cropping inside it


def _inner(box: Box) -> Box:
    x0, y0, x1, y1 = box
    return (x0 + INSET, y0 + INSET, x1 - INSET, y1 - INSET)


def _overlap(a: Box, b: Box) -> Box | None:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def cut_at_cells(boxes: list[Box], cell_boxes: Sequence[Box]) -> list[Piece]:
    """One piece per (box, cell) overlap big enough to hold text; boxes outside tables whole."""
    pieces: list[Piece] = []
    for box in boxes:
        height = box[3] - box[1]
        parts = []
        for index, cell_box in enumerate(cell_boxes):
            part = _overlap(box, _inner(cell_box))
            if part and part[3] - part[1] >= 0.45 * height and part[2] - part[0] >= 0.3 * height:
                parts.append((index, part))
        if not parts:
            if not any(_overlap(box, c) for c in cell_boxes) or _mostly_outside(box, cell_boxes):
                pieces.append(Piece(box, None))
            continue
        pieces.extend(Piece(part, index) for index, part in parts)
    return pieces


def _mostly_outside(box: Box, cell_boxes: Sequence[Box]) -> bool:
    area = (box[2] - box[0]) * (box[3] - box[1])
    inside = sum((o[2] - o[0]) * (o[3] - o[1]) for c in cell_boxes if (o := _overlap(box, c)))
    return inside < 0.3 * area


def orphan_checkboxes(pieces: list[Piece], boxes: list[cb.Checkbox], cell_boxes: list[Box]) -> list[Piece]:
    """Check boxes no text box covers (the detector skips a lone ☑) become pieces of their own."""
    out = []
    for found in boxes:
        if any(centre_in(found.box, p.box) for p in pieces):
            continue
        cell = next((i for i, c in enumerate(cell_boxes) if centre_in(found.box, c)), None)
        out.append(Piece(tuple(float(v) for v in found.box), cell))  # type: ignore[arg-type]
    return out


def centre_in(box: Box | tuple[int, int, int, int], outer: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= cx <= outer[2] and outer[1] <= cy <= outer[3]


def cut_at_checkboxes(box: Box, boxes: list[cb.Checkbox]) -> list[tuple[str, Box, float]]:
    """Split ``box`` into OCR crops and check-box glyphs, left to right."""
    inside = sorted((b for b in boxes if centre_in(b.box, box)), key=lambda b: b.box[0])
    if not inside:
        return [("ocr", box, 0.0)]
    parts: list[tuple[str, Box, float]] = []
    x = box[0]
    min_width = 0.35 * (box[3] - box[1])
    for found in inside:
        bx0, _, bx1, _ = found.box
        if bx0 - 1 - x >= min_width:
            parts.append(("ocr", (x, box[1], bx0 - 1, box[3]), 0.0))
        parts.append((found.glyph, tuple(float(v) for v in found.box), found.confidence))  # type: ignore[arg-type]
        x = bx1 + 1
    if box[2] - x >= min_width:
        parts.append(("ocr", (x, box[1], box[2], box[3]), 0.0))
    return parts
