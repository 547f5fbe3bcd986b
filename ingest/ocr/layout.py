"""Ruling lines → table grids → cells (with merged cells), and underline blanks.

Works on the ink mask of a level page, in pixels. The result mirrors pdfplumber's
``find_tables()``: one table per connected ruled region; its grid is the sorted set of
distinct horizontal and vertical ruling positions; a cell is the union of grid slots not
separated by a ruling, reported once with ``rowspan``/``colspan``.

A ruling is kept only when it ends on (or crosses) rulings of the other direction: a
text underline or a long dash inside a cell does not become a row border.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from shenbao.ingest.ocr.components import components

MIN_RULING_PT = 14.0  # shortest segment taken for a ruling (text strokes are shorter)
MERGE_PT = 3.0  # rulings closer than this are one grid line
MAX_THICKNESS_PT = 2.2  # thicker "lines" are strokes of bold or large glyphs
EDGE_PT = 12.0  # rulings this close to the image edge are the scanner's page border
MIN_TABLE_PT = 60.0  # narrower ruled boxes are glyphs or stamps, not tables
MIN_CELL_PT = 10.0
BORDER_COVER = 0.6  # share of a slot side that must be ruled for it to be a border


@dataclass
class Segment:
    """A ruling: horizontal (``pos`` = y, span in x) or vertical (``pos`` = x, span in y)."""

    pos: float
    start: float
    end: float


@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[float, float, float, float]  # px


@dataclass
class TableGrid:
    box: tuple[float, float, float, float]
    rows: list[float]  # y of each horizontal grid line, top to bottom
    cols: list[float]  # x of each vertical grid line, left to right
    cells: list[GridCell] = field(default_factory=list)


@dataclass
class Layout:
    tables: list[TableGrid]
    rulings: np.ndarray  # 0/255 mask of every ruling kept (for checkbox search, crops)
    underlines: list[Segment]  # horizontal rulings outside tables: fill-in blanks


def ruling_masks(ink: np.ndarray, px_per_pt: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical line masks by morphological opening with long kernels."""
    length = max(15, int(MIN_RULING_PT * px_per_pt))
    h_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    v_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    # bridge one-pixel breaks and a pixel of residual slant before opening
    horizontal = cv2.morphologyEx(cv2.dilate(ink, np.ones((3, 1), np.uint8)), cv2.MORPH_OPEN, h_kernel)
    vertical = cv2.morphologyEx(cv2.dilate(ink, np.ones((1, 3), np.uint8)), cv2.MORPH_OPEN, v_kernel)
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 9)))
    return horizontal, vertical


def _segments(mask: np.ndarray, horizontal: bool, max_thickness: float) -> list[Segment]:
    """Thin components of a line mask (a bold title's strokes are thick, rulings thin)."""
    count, labels, stats = components(mask)
    out: list[Segment] = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if area / max(w if horizontal else h, 1) > max_thickness:
            continue
        if horizontal:
            ys = np.nonzero(labels[y : y + h, x : x + w] == i)[0]
            out.append(Segment(float(y + np.median(ys)), float(x), float(x + w - 1)))
        else:
            xs = np.nonzero(labels[y : y + h, x : x + w] == i)[1]
            out.append(Segment(float(x + np.median(xs)), float(y), float(y + h - 1)))
    return out


def _off_edges(segments: list[Segment], extent: int, px_per_pt: float) -> list[Segment]:
    edge = EDGE_PT * px_per_pt
    return [s for s in segments if edge <= s.pos <= extent - edge]


def _touches(seg: Segment, others: list[Segment], tol: float) -> tuple[bool, bool]:
    """Whether ``seg``'s start and end lie on a perpendicular segment."""

    def on_one(point: float) -> bool:
        return any(abs(o.pos - point) <= tol and o.start - tol <= seg.pos <= o.end + tol for o in others)

    return on_one(seg.start), on_one(seg.end)


def _framed(hs: list[Segment], vs: list[Segment], tol: float) -> tuple[list[Segment], list[Segment]]:
    """Keep rulings that end on rulings of the other direction (twice, as removals cascade)."""
    for _ in range(2):
        hs = [s for s in hs if all(_touches(s, vs, tol))]
        vs = [s for s in vs if all(_touches(s, hs, tol))]
    return hs, vs


def _cluster(values: list[float], tol: float) -> list[float]:
    centres: list[list[float]] = []
    for v in sorted(values):
        if centres and v - centres[-1][-1] <= tol:
            centres[-1].append(v)
        else:
            centres.append([v])
    return [float(np.median(c)) for c in centres]


def _coverage(mask: np.ndarray, horizontal: bool, pos: float, start: float, end: float, tol: int) -> float:
    """Share of positions from ``start`` to ``end`` (inner 80%) with a ruling near ``pos``."""
    margin = (end - start) * 0.1
    a, b = int(start + margin), int(end - margin)
    if b <= a:
        return 1.0
    p = round(pos)
    band = mask[max(0, p - tol) : p + tol + 1, a:b] if horizontal else mask[a:b, max(0, p - tol) : p + tol + 1]
    if band.size == 0:
        return 0.0
    hit = band.any(axis=0) if horizontal else band.any(axis=1)
    return float(hit.mean())


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _cells(rows: list[float], cols: list[float], hmask: np.ndarray, vmask: np.ndarray, tol: int) -> list[GridCell]:
    """Grid slots joined where no ruling separates them; slots with an open outer side dropped."""
    n_r, n_c = len(rows) - 1, len(cols) - 1
    parent = list(range(n_r * n_c))
    ruled_v = [
        [_coverage(vmask, False, cols[c], rows[r], rows[r + 1], tol) >= BORDER_COVER for c in range(n_c + 1)]
        for r in range(n_r)
    ]
    ruled_h = [
        [_coverage(hmask, True, rows[r], cols[c], cols[c + 1], tol) >= BORDER_COVER for c in range(n_c)]
        for r in range(n_r + 1)
    ]
    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and not ruled_v[r][c + 1]:
                parent[_find(parent, r * n_c + c)] = _find(parent, r * n_c + c + 1)
            if r + 1 < n_r and not ruled_h[r + 1][c]:
                parent[_find(parent, r * n_c + c)] = _find(parent, (r + 1) * n_c + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_r):
        for c in range(n_c):
            groups.setdefault(_find(parent, r * n_c + c), []).append((r, c))
    cells: list[GridCell] = []
    for slots in groups.values():
        r0, r1 = min(s[0] for s in slots), max(s[0] for s in slots) + 1
        c0, c1 = min(s[1] for s in slots), max(s[1] for s in slots) + 1
        closed = (
            all(ruled_h[r0][c] for c in range(c0, c1))
            and all(ruled_h[r1][c] for c in range(c0, c1))
            and all(ruled_v[r][c0] for r in range(r0, r1))
            and all(ruled_v[r][c1] for r in range(r0, r1))
        )
        if not closed:
            continue
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, (cols[c0], rows[r0], cols[c1], rows[r1])))
    return sorted(cells, key=lambda cell: (cell.row, cell.col))


def _table_regions(hmask: np.ndarray, vmask: np.ndarray) -> list[tuple[int, int, int, int]]:
    joined = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((5, 5), np.uint8))
    count, _, stats = components(joined)
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:count]]


def _inside(seg: Segment, region: tuple[float, float, float, float], horizontal: bool) -> bool:
    x0, y0, x1, y1 = region
    if horizontal:
        return y0 <= seg.pos <= y1 and x0 <= seg.start and seg.end <= x1
    return x0 <= seg.pos <= x1 and y0 <= seg.start and seg.end <= y1


def _compact(
    rows: list[float], cols: list[float], cells: list[GridCell]
) -> tuple[list[float], list[float], list[GridCell]]:
    """Drop grid lines that no kept cell uses (left over from dropped open slots)."""
    used_r = sorted({c.row for c in cells} | {c.row + c.rowspan for c in cells})
    used_c = sorted({c.col for c in cells} | {c.col + c.colspan for c in cells})
    r_index = {r: i for i, r in enumerate(used_r)}
    c_index = {c: i for i, c in enumerate(used_c)}
    out = [
        GridCell(
            r_index[c.row],
            c_index[c.col],
            r_index[c.row + c.rowspan] - r_index[c.row],
            c_index[c.col + c.colspan] - c_index[c.col],
            c.box,
        )
        for c in cells
    ]
    return [rows[i] for i in used_r], [cols[i] for i in used_c], out


def analyse(ink: np.ndarray, px_per_pt: float) -> Layout:
    """Tables (grids and cells) and underlines of a level page's ink mask."""
    hmask, vmask = ruling_masks(ink, px_per_pt)
    tol = max(4.0, MERGE_PT * px_per_pt)
    thick = MAX_THICKNESS_PT * px_per_pt + 2  # +2: the 3-px bridging dilation
    h_all, v_all = _segments(hmask, True, thick), _segments(vmask, False, thick)
    h_all, v_all = _off_edges(h_all, ink.shape[0], px_per_pt), _off_edges(v_all, ink.shape[1], px_per_pt)
    hs, vs = _framed(h_all, v_all, tol)
    tables: list[TableGrid] = []
    for region in _table_regions(hmask, vmask):
        th = [s for s in hs if _inside(s, region, True)]
        tv = [s for s in vs if _inside(s, region, False)]
        hs = [s for s in hs if s not in th]  # a segment belongs to one table only
        vs = [s for s in vs if s not in tv]
        if len(th) < 2 or len(tv) < 2:
            continue
        rows = _cluster([s.pos for s in th], tol)
        cols = _cluster([s.pos for s in tv], tol)
        if len(rows) < 2 or len(cols) < 2:
            continue
        cells = _cells(rows, cols, hmask, vmask, int(tol))
        if len(cells) < 2:  # as pdfplumber: a lone ruled box is a frame, not a table
            continue
        rows, cols, cells = _compact(rows, cols, cells)
        if cols[-1] - cols[0] < MIN_TABLE_PT * px_per_pt or rows[-1] - rows[0] < MIN_CELL_PT * px_per_pt:
            continue
        tables.append(TableGrid((cols[0], rows[0], cols[-1], rows[-1]), rows, cols, cells))
    tables.sort(key=lambda t: (t.box[1], t.box[0]))
    in_table = [
        s
        for s in h_all
        if any(_inside(s, (t.box[0] - tol, t.box[1] - tol, t.box[2] + tol, t.box[3] + tol), True) for t in tables)
    ]
    underlines = [s for s in h_all if s not in in_table and s.end - s.start >= 3 * MIN_RULING_PT * px_per_pt]
    return Layout(tables, cv2.bitwise_or(hmask, vmask), underlines)
