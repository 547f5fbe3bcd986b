"""Deskew and orientation on pages turned by known angles."""

from __future__ import annotations

import numpy as np
import pytest
from ocr_support import WUHAN_01, rendered, scan_page, text_pdf

from shenbao.ingest.ocr import prepare


@pytest.fixture(scope="module")
def level_page() -> np.ndarray:
    """A born-digital form page rendered at 200 dpi: level by construction."""
    return rendered(str(text_pdf(WUHAN_01)), 2)


@pytest.mark.parametrize("angle", [-4.5, -2.3, -0.4, 0.7, 1.9, 3.0, 6.0])
def test_skew_of_a_page_turned_by_a_known_angle(level_page, angle):
    turned = prepare.rotate(level_page, -angle)  # clockwise by ``angle``
    assert abs(prepare.estimate_skew(turned) - angle) <= 0.2


def test_level_page_gives_zero(level_page):
    assert abs(prepare.estimate_skew(level_page)) <= 0.2


def test_scan_page_turned_further_is_found_relative_to_its_own_skew():
    scan = scan_page(WUHAN_01, 2)
    base = prepare.estimate_skew(scan)
    for extra in (-2.5, 2.0):
        assert abs(prepare.estimate_skew(prepare.rotate(scan, -extra)) - (base + extra)) <= 0.2


def test_level_returns_a_level_page(level_page):
    levelled, skew = prepare.level(prepare.rotate(level_page, -2.0))
    assert abs(skew - 2.0) <= 0.2
    assert abs(prepare.estimate_skew(levelled)) <= 0.2


def test_blank_page_has_no_skew():
    blank = np.full((400, 300, 3), 250, np.uint8)
    assert prepare.estimate_skew(blank) == 0.0


def test_sideways_from_box_shapes():
    wide = [(0, 0, 100, 20)] * 6
    tall = [(0, 0, 20, 100)] * 6
    assert not prepare.is_sideways(wide)
    assert prepare.is_sideways(tall)
    assert not prepare.is_sideways(tall[:2])  # too few boxes to decide


def test_sideways_page_detected_by_the_detector(level_page, rapid_engine):
    turned = prepare.rotate_quarter(level_page, 1)
    boxes = [
        (q[:, 0].min(), q[:, 1].min(), q[:, 0].max(), q[:, 1].max())
        for q in rapid_engine.detect(turned, limit_side=960)
    ]
    assert prepare.is_sideways(boxes)


SEAL_RED = (128, 124, 213)  # BGR median of seal ink on the dev scans
PAPER = (245, 247, 244)


def _sealed_text() -> np.ndarray:
    image = np.full((80, 80, 3), PAPER, np.uint8)
    image[10:20, 10:70] = SEAL_RED  # seal stroke over paper
    image[40:45, 10:70] = (40, 40, 40)  # black text stroke
    image[41:44, 30:50] = (40, 40, 120)  # black stroke seen through the seal: red-tinted, dark
    return image


def test_seal_suppression_removes_red_and_keeps_black_under_it():
    cleaned = prepare.suppress_seal(_sealed_text())
    assert cleaned[15, 40].min() >= 240  # the seal is paper now
    assert cleaned[42, 40].max() <= 130  # text under the seal still dark
    assert cleaned[42, 20].max() <= 45  # plain black untouched


def test_ink_mask_leaves_seal_out():
    mask = prepare.ink_mask(_sealed_text())
    assert mask[15, 40] == 0
    assert mask[42, 40] == 255
    assert mask[42, 20] == 255
