"""The frame a text-layer page is read in: upright text, in real points.

pdfplumber already applies a page's ``/Rotate`` to its coordinates, so a page whose content
is drawn turned and shown upright by ``/Rotate`` reads as printed. What it does not undo is
a page *shown* sideways (content drawn upright, then ``/Rotate 90`` added, as a sheet
re-oriented in a viewer or a printer driver produces): its characters then run down or up
the page. Such a page is turned by whole quarter turns until its text runs left to right,
and every box is mapped into that turned frame. ``/UserUnit`` (user-space units of
``UserUnit/72`` inch) scales every box into points.

The review desk renders the page with the same turns and unit (``Page.turns``,
``Page.unit``), so its crops show what the boxes say.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from shenbao.ingest.document import BBox

# the share of characters that must run in one non-upright direction before a page is turned
TURN_SHARE = 0.6


@dataclass(frozen=True)
class Frame:
    """Quarter turns clockwise applied to the page as shown, and points per user-space unit."""

    width: float  # of the page as shown, in user-space units
    height: float
    turns: int = 0
    unit: float = 1.0

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) of the upright page, in points."""
        w, h = (self.height, self.width) if self.turns % 2 else (self.width, self.height)
        return w * self.unit, h * self.unit

    def box(self, bbox: tuple[float, float, float, float]) -> BBox:
        """A box of the page as shown (origin top-left) → the upright page, in points."""
        x0, y0, x1, y1 = bbox
        w, h = self.width, self.height
        if self.turns == 1:
            x0, y0, x1, y1 = h - y1, x0, h - y0, x1
        elif self.turns == 2:
            x0, y0, x1, y1 = w - x1, h - y1, w - x0, h - y0
        elif self.turns == 3:
            x0, y0, x1, y1 = y0, w - x1, y1, w - x0
        u = self.unit
        return (x0 * u, y0 * u, x1 * u, y1 * u)

    def char(self, ch: dict[str, Any]) -> dict[str, Any]:
        """A pdfplumber character with its box in the upright frame (a copy)."""
        if self.turns == 0 and self.unit == 1.0:
            return ch
        x0, top, x1, bottom = self.box((ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
        return {**ch, "x0": x0, "top": top, "x1": x1, "bottom": bottom, "size": ch["size"] * self.unit}


def page_frame(pdf_page: Any, chars: list[dict[str, Any]]) -> Frame:
    """The frame of one pdfplumber page from its /UserUnit and its characters' direction."""
    return Frame(float(pdf_page.width), float(pdf_page.height), turns_to_upright(chars), user_unit(pdf_page))


def user_unit(pdf_page: Any) -> float:
    """The page's /UserUnit (1.0 when absent or not a positive number)."""
    raw = pdf_page.page_obj.attrs.get("UserUnit", 1.0)
    try:
        unit = float(raw)
    except (TypeError, ValueError):
        return 1.0
    return unit if unit > 0 else 1.0


def turns_to_upright(chars: list[dict[str, Any]]) -> int:
    """Quarter turns clockwise that make most characters run left to right (0, 1, 2 or 3)."""
    directions = Counter(_turns_of(ch.get("matrix")) for ch in chars)
    if not chars:
        return 0
    turns, count = directions.most_common(1)[0]
    return turns if turns and count >= TURN_SHARE * len(chars) else 0


def _turns_of(matrix: Any) -> int:
    """The turns that bring one character's baseline (its text matrix's first column) to
    the right: PDF y points up, so (a, b) runs (a, -b) on a page whose y points down."""
    if not matrix or len(matrix) < 2:
        return 0
    a, b = float(matrix[0]), float(matrix[1])
    dx, dy = a, -b
    if abs(dx) >= abs(dy):
        return 0 if dx >= 0 else 2
    return 3 if dy > 0 else 1
