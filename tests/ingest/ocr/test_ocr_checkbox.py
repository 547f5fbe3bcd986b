"""Check boxes found and read from pixels: synthetic boxes and the dev scans."""

from __future__ import annotations

import cv2
import numpy as np
import pdfplumber
import pytest
from ocr_support import SAMPLES, WUHAN_01, scan_page, text_pdf

from shenbao.ingest.ocr import checkbox, layout, prepare

PX_PER_PT = 200 / 72
SIDE = 24  # px: a 10.5 pt □ at 200 dpi


def _page_with(draw) -> np.ndarray:
    image = np.full((120, 400, 3), 245, np.uint8)
    draw(image)
    return image


def _box(image, x, y, side=SIDE):
    cv2.rectangle(image, (x, y), (x + side, y + side), (30, 30, 30), 2)


def _found(image):
    return checkbox.find_checkboxes(prepare.ink_mask(image), PX_PER_PT)


def test_empty_box():
    boxes = _found(_page_with(lambda im: _box(im, 50, 40)))
    assert [b.glyph for b in boxes] == ["□"]


def test_ticked_box():
    def draw(im):
        _box(im, 50, 40)
        cv2.line(im, (56, 52), (61, 59), (30, 30, 30), 2)
        cv2.line(im, (61, 59), (70, 45), (30, 30, 30), 2)

    assert [b.glyph for b in _found(_page_with(draw))] == ["☑"]


def test_crossed_and_filled_boxes_are_ticked():
    def draw(im):
        _box(im, 50, 40)
        cv2.line(im, (55, 45), (70, 60), (30, 30, 30), 2)
        cv2.line(im, (70, 45), (55, 60), (30, 30, 30), 2)
        cv2.rectangle(im, (150, 40), (150 + SIDE, 40 + SIDE), (30, 30, 30), -1)

    assert [b.glyph for b in sorted(_found(_page_with(draw)), key=lambda b: b.box[0])] == ["☑", "☑"]


def test_framed_characters_are_not_boxes():
    def draw(im):
        _box(im, 50, 40)  # 日: a bar across the middle
        cv2.line(im, (50, 52), (50 + SIDE, 52), (30, 30, 30), 2)
        _box(im, 150, 40)  # 口 right after another glyph (归口)
        for x in (130, 144):  # a neighbour glyph ending 3 px before the square
            cv2.line(im, (x, 42), (x, 62), (30, 30, 30), 2)
        cv2.line(im, (130, 52), (144, 52), (30, 30, 30), 2)

    assert _found(_page_with(draw)) == []


def test_box_with_a_glyph_right_after_it_is_kept():
    def draw(im):
        _box(im, 50, 40)
        for x in (80, 96):  # the option label's first glyph, close on the right
            cv2.line(im, (x, 42), (x, 64), (30, 30, 30), 2)
        cv2.line(im, (80, 53), (96, 53), (30, 30, 30), 2)

    assert [b.glyph for b in _found(_page_with(draw))] == ["□"]


def _boxes_in_reading_order(found):
    rows: list[list] = []
    for b in sorted(found, key=lambda b: b.box[1]):
        if rows and b.box[1] - rows[-1][-1].box[1] < 12:
            rows[-1].append(b)
        else:
            rows.append([b])
    return "".join(b.glyph for row in rows for b in sorted(row, key=lambda b: b.box[0]))


def _printed_boxes(pdf_path, index):
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[index].chars if c["text"] in "□☑"]
    rows: list[list] = []
    for c in sorted(chars, key=lambda c: c["top"]):
        if rows and c["top"] - rows[-1][-1]["top"] < 4:
            rows[-1].append(c)
        else:
            rows.append([c])
    return "".join(c["text"] for row in rows for c in sorted(row, key=lambda c: c["x0"]))


@pytest.mark.parametrize(
    ("stem", "index"),
    [
        (WUHAN_01, 2),
        (SAMPLES / "hunan-2023-platform" / "hunan-2023-platform-dev-01", 3),
        (SAMPLES / "miit-2022-shuangkua" / "miit-2022-shuangkua-dev-01", 4),
        (SAMPLES / "miit-2023-pilot" / "miit-2023-pilot-dev-02", 1),
    ],
)
def test_scan_boxes_match_the_printed_ones(stem, index):
    """Every □/☑ of the born-digital page, found and read on the scan of the same page."""
    level, _ = prepare.level(scan_page(stem, index))
    ink = prepare.ink_mask(level)
    rulings = layout.analyse(ink, PX_PER_PT).rulings
    found = checkbox.find_checkboxes(ink, PX_PER_PT, rulings=rulings)
    want = _printed_boxes(text_pdf(stem), index)
    assert len(want) >= 5
    assert _boxes_in_reading_order(found) == want


def test_confidence_is_high_far_from_the_threshold():
    clear = checkbox.Checkbox((0, 0, 24, 24), True, 0.33)
    doubtful = checkbox.Checkbox((0, 0, 24, 24), True, checkbox.TICK_FILL * 1.05)
    assert clear.confidence > 0.95 > doubtful.confidence


# -- a 200 dpi scan's boxes: 26 px, a heavy ☒ with ~3 px anti-aliased strokes ------------------

SCAN_SIDE = 26
INK = (30, 30, 30)


def _scan_box(image: np.ndarray, x: int, y: int, stroke: int = 3) -> None:
    cv2.rectangle(image, (x, y), (x + SCAN_SIDE - 1, y + SCAN_SIDE - 1), INK, stroke, cv2.LINE_AA)


def _empty(image: np.ndarray, x: int = 50, y: int = 40) -> None:
    _scan_box(image, x, y)


def _thin_tick(image: np.ndarray, x: int = 50, y: int = 40) -> None:
    _scan_box(image, x, y, stroke=2)
    cv2.line(image, (x + 6, y + 13), (x + 11, y + 19), INK, 2)
    cv2.line(image, (x + 11, y + 19), (x + 20, y + 6), INK, 2)


def _heavy_cross(image: np.ndarray, x: int = 50, y: int = 40) -> None:
    _scan_box(image, x, y)
    far = SCAN_SIDE - 1
    cv2.line(image, (x, y), (x + far, y + far), INK, 3, cv2.LINE_AA)
    cv2.line(image, (x + far, y), (x, y + far), INK, 3, cv2.LINE_AA)


def _middle_bar(image: np.ndarray, x: int = 50, y: int = 40) -> None:
    """日 as a 26 px glyph: a square with a bar across its middle."""
    _scan_box(image, x, y)
    cv2.line(image, (x, y + SCAN_SIDE // 2), (x + SCAN_SIDE - 1, y + SCAN_SIDE // 2), INK, 3, cv2.LINE_AA)


def _interior(draw) -> np.ndarray:
    """The box's interior (inside the frame band) as a boolean ink array, as _has_bar sees it."""
    ink = prepare.ink_mask(_page_with(draw))
    x0, y0, x1, y1 = 48, 38, 78, 68  # around the 26 px box at (50, 40), anti-aliasing included
    band = checkbox._band(max(x1 - x0, y1 - y0)) + 1
    return ink[y0 + band : y1 - band, x0 + band : x1 - band] > 0


@pytest.mark.parametrize(
    ("draw", "glyphs"),
    [
        (_empty, ["□"]),
        (_thin_tick, ["☑"]),
        (_heavy_cross, ["☑"]),  # ☒ is ticked, although its strokes fill most of its middle rows
        (_middle_bar, []),  # a character, not a box
    ],
)
def test_scan_sized_boxes(draw, glyphs: list[str]) -> None:
    assert [b.glyph for b in _found(_page_with(draw))] == glyphs


def test_heavy_cross_fills_middle_rows_like_a_bar() -> None:
    """What makes the heavy ☒ hard: a row of its interior is as full as a character's bar."""
    inner = _interior(_heavy_cross)
    assert inner.mean(axis=1).max() >= checkbox.BAR_SHARE
    assert checkbox._is_cross(inner)


@pytest.mark.parametrize(
    ("draw", "cross"), [(_heavy_cross, True), (_middle_bar, False), (_thin_tick, False), (_empty, False)]
)
def test_is_cross(draw, cross: bool) -> None:
    assert checkbox._is_cross(_interior(draw)) is cross


def test_is_cross_wants_both_diagonals() -> None:
    size = 15
    main = np.eye(size, dtype=bool)
    both = main | np.fliplr(main)
    assert checkbox._is_cross(both)
    assert not checkbox._is_cross(main)  # a stroke corner to corner: a slash, not a cross
    assert not checkbox._is_cross(np.fliplr(main))
    assert not checkbox._is_cross(np.ones((4, 4), dtype=bool))  # too small to tell


@pytest.mark.parametrize(("draw", "bar"), [(_middle_bar, True), (_heavy_cross, False), (_thin_tick, False)])
def test_has_bar(draw, bar: bool) -> None:
    ink = prepare.ink_mask(_page_with(draw))
    assert checkbox._has_bar(ink, (48, 38, 78, 68)) is bar


def test_glyph_with_a_vertical_bar_is_not_a_box() -> None:
    """国/目-like: a square with a stroke top to bottom through its middle."""

    def draw(image: np.ndarray) -> None:
        _scan_box(image, 50, 40)
        cv2.line(image, (50 + SCAN_SIDE // 2, 40), (50 + SCAN_SIDE // 2, 40 + SCAN_SIDE - 1), INK, 3, cv2.LINE_AA)

    assert _found(_page_with(draw)) == []
