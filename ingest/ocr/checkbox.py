"""Find printed check boxes (□ ☑ ☒ ■) on a level page and read them from their pixels.

PP-OCR drops ticked boxes and confuses □ with 口, so the state is never taken from
OCR text. A box is a connected ink component that is square, about one character high,
with ink along all four sides and a thin frame. It is *ticked* when its interior (inside
the frame) carries ink: a tick, a cross or a fill.

The character 口 (alone or as a part: 只, 回) is also a square outline, and 日, 目, 国
have a frame too. On forms a box starts an option (``☑自建``) or stands after a space
(``是 □``), so :func:`find_checkboxes` wants clear paper above, below and left of the
square, and rejects squares crossed wall to wall by a straight stroke.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from shenbao.ingest.document import EMPTY, TICKED
from shenbao.ingest.ocr.components import components

MIN_SIDE_PT = 4.5  # smallest box side accepted (an 8 pt font's □)
MAX_SIDE_PT = 14.0
TICK_FILL = 0.06  # interior ink share above which a box is ticked
SOLID_FILL = 0.85  # interior share of a filled box (■)
BAR_SHARE = 0.7  # an interior row/column this full is a character's stroke, not a tick
CROSS_DIAGONAL = 1.0  # share of both interior diagonals inked for a box to read as ☒


@dataclass
class Checkbox:
    """A box in image pixels and its state."""

    box: tuple[int, int, int, int]  # x0, y0, x1, y1 (exclusive)
    ticked: bool
    fill: float  # interior ink share, for diagnostics

    @property
    def glyph(self) -> str:
        return TICKED if self.ticked else EMPTY

    @property
    def confidence(self) -> float:
        """How clearly the fill is on its side of the threshold (0.5 at it, ~1 far off)."""
        margin = abs(self.fill - TICK_FILL) / TICK_FILL
        return round(min(0.99, 0.5 + 0.5 * min(margin, 1.0)), 3)

    @property
    def side(self) -> int:
        return max(self.box[2] - self.box[0], self.box[3] - self.box[1])


def _band(side: int) -> int:
    return max(2, round(side * 0.18))


def frame_score(component: np.ndarray) -> float:
    """Lowest share, over the four sides, of positions with ink in the side's band."""
    h, w = component.shape
    band = _band(max(h, w))
    sides = [
        component[:band, :].any(axis=0),
        component[h - band :, :].any(axis=0),
        component[:, :band].any(axis=1),
        component[:, w - band :].any(axis=1),
    ]
    return float(min(side.mean() for side in sides))


def interior_fill(ink: np.ndarray, box: tuple[int, int, int, int]) -> float:
    """Share of ink pixels strictly inside the frame of ``box`` in the page ink mask."""
    x0, y0, x1, y1 = box
    band = _band(max(x1 - x0, y1 - y0)) + 1
    inner = ink[y0 + band : y1 - band, x0 + band : x1 - band]
    if inner.size == 0:
        return 0.0
    return float(np.count_nonzero(inner)) / inner.size


def read_state(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[bool, float]:
    """(ticked, fill) of the box at ``box`` in the ink mask."""
    fill = interior_fill(ink, box)
    return fill >= TICK_FILL, fill


def _frame_is_thin(component: np.ndarray) -> bool:
    """A box frame is a thin outline: little ink between the outer band and the centre.

    An empty box has almost nothing inside; a ticked one has a thin stroke. A solid
    character blob (e.g. 国, 图) has many strokes crossing the middle rows and columns.
    """
    h, w = component.shape
    mid_row = np.asarray(component[h // 2 - 1 : h // 2 + 2, :].any(axis=0))
    mid_col = np.asarray(component[:, w // 2 - 1 : w // 2 + 2].any(axis=1))
    crossings = _runs(mid_row) + _runs(mid_col)
    return crossings <= 7


def _has_bar(ink: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """True when a straight stroke crosses the interior wall to wall (日, 目, 国, 四 ...).

    A tick or a cross is diagonal and never fills most of an interior row or column; a
    solid fill (■) is handled by the caller before this test.
    """
    x0, y0, x1, y1 = box
    band = _band(max(x1 - x0, y1 - y0)) + 1
    inner = ink[y0 + band : y1 - band, x0 + band : x1 - band] > 0
    if inner.size == 0:
        return False
    if _is_cross(inner):
        return False  # ☒ printed heavy fills its middle rows, but it is a cross, not a bar
    return bool((inner.mean(axis=1) >= BAR_SHARE).any() or (inner.mean(axis=0) >= BAR_SHARE).any())


def _is_cross(inner: np.ndarray) -> bool:
    """Ink along both diagonals of the interior, corner to corner: the X of ☒."""
    h, w = inner.shape
    if min(h, w) < 5:
        return False
    cols = [round(r * (w - 1) / (h - 1)) for r in range(h)]
    main = np.mean([inner[r, max(0, c - 1) : c + 2].any() for r, c in enumerate(cols)])
    anti = np.mean([inner[r, max(0, w - 2 - c) : w + 1 - c].any() for r, c in enumerate(cols)])
    return bool(main >= CROSS_DIAGONAL and anti >= CROSS_DIAGONAL)


def _runs(line: np.ndarray) -> int:
    padded = np.concatenate([[False], line, [False]])
    return int(np.count_nonzero(padded[1:] & ~padded[:-1]))


def _stands_apart(ink: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Clear paper above, below and left of ``box`` (a margin of a fifth of its side).

    The part 口 of a character (只, 品, the inside of 回) or a 口 inside a word has ink in
    one of those margins; a printed box starts an option or stands after a space. The
    right side is not tested: the option label may follow closely.
    """
    x0, y0, x1, y1 = box
    margin = max(3, (x1 - x0) // 5)
    h, _w = ink.shape
    regions = [
        ink[max(0, y0 - margin) : y0, x0:x1],
        ink[y1 : min(h, y1 + margin), x0:x1],
        ink[y0:y1, max(0, x0 - margin) : x0],
    ]
    return all(r.size == 0 or np.count_nonzero(r) <= 0.03 * r.size for r in regions)


def find_checkboxes(ink: np.ndarray, px_per_pt: float, *, rulings: np.ndarray | None = None) -> list[Checkbox]:
    """Check boxes on a level page. ``ink`` is a 0/255 mask; ``rulings`` (optional) is
    the table-line mask, removed first so boxes touching a ruling are not lost."""
    mask = ink if rulings is None else cv2.bitwise_and(ink, cv2.bitwise_not(rulings))
    lo, hi = MIN_SIDE_PT * px_per_pt, MAX_SIDE_PT * px_per_pt
    count, labels, stats = components(mask)
    found: list[Checkbox] = []
    for i in range(1, count):
        x, y, w, h, _area = stats[i]
        if not (lo <= w <= hi and lo <= h <= hi) or not 0.85 <= w / h <= 1.18:
            continue
        component = labels[y : y + h, x : x + w] == i
        if frame_score(component) < 0.85 or not _frame_is_thin(component):
            continue
        box = (int(x), int(y), int(x + w), int(y + h))
        if not _stands_apart(mask, box):
            continue
        ticked, fill = read_state(mask, box)
        if fill < SOLID_FILL and _has_bar(mask, box):
            continue
        found.append(Checkbox(box, ticked, fill))
    return found
