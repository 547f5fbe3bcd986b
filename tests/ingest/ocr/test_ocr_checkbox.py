"""Check boxes found and read from pixels: synthetic boxes and the dev scans."""
from __future__ import annotations

import cv2
import numpy as np
import pdfplumber
import pytest

from shenbao.ingest.ocr import checkbox, layout, prepare
from ocr_support import SAMPLES, WUHAN_01, scan_page, text_pdf

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


@pytest.mark.parametrize("stem,index", [
    (WUHAN_01, 2),
    (SAMPLES / "hunan-2023-platform" / "hunan-2023-platform-dev-01", 3),
    (SAMPLES / "miit-2022-shuangkua" / "miit-2022-shuangkua-dev-01", 4),
    (SAMPLES / "miit-2023-pilot" / "miit-2023-pilot-dev-02", 1),
])
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
