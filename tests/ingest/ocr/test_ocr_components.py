"""Connected components with 16-bit labels: the same as OpenCV's 32-bit ones, and 32-bit
labels when a mask holds more components than 16 bits count."""

from __future__ import annotations

import cv2
import numpy as np

from shenbao.ingest.ocr.components import components


def _reference(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)
    return count, labels, stats


def test_a_page_mask_gives_the_same_components_with_16_bit_labels() -> None:
    rng = np.random.default_rng(3)
    mask = np.zeros((2339, 1654), np.uint8)
    for x, y, w, h in rng.integers(0, 1600, size=(3000, 4)):
        mask[y % 2300 : y % 2300 + h % 40, x : x + w % 60] = 255
    count, labels, stats = components(mask)
    want_count, want_labels, want_stats = _reference(mask)
    assert labels.dtype == np.uint16
    assert count == want_count
    assert np.array_equal(stats, want_stats)
    assert np.array_equal(labels, want_labels)


def test_more_components_than_16_bits_count_get_32_bit_labels() -> None:
    mask = np.zeros((900, 900), np.uint8)
    mask[::3, ::3] = 255  # 90 000 specks
    count, labels, stats = components(mask)
    assert count == 300 * 300 + 1
    assert labels.dtype == np.int32
    assert np.array_equal(stats, _reference(mask)[2])
