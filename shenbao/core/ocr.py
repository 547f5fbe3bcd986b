"""The OCR engine interface and the helpers every engine shares.

An engine does two things and nothing else: find text boxes on a page image
(``detect``) and read a batch of cropped line images (``recognize``). Everything
about the page (deskew, tables, checkboxes, reading order) is done once, in
:mod:`shenbao.ingest.ocr.page`, so that two engines give the same page model.

Quads are ``float32`` arrays of shape ``(4, 2)`` in pixels of the image given to
``detect``: top-left, top-right, bottom-right, bottom-left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import cv2
import numpy as np

Quad = np.ndarray


@runtime_checkable
class OcrEngine(Protocol):
    """What :func:`shenbao.ingest.ocr.page.ocr_page` needs from an OCR engine."""

    name: str
    # True when detect/recognize may be called from several threads at once (then the reader
    # OCRs pages side by side); an engine without the attribute is called from one thread
    thread_safe: bool

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[Quad]:
        """Text-line quads on a BGR ``image``.

        The detector runs on the image scaled so that its longer side is at most
        ``limit_side`` pixels; the quads are returned in pixels of ``image``.
        """
        ...

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """Text and recognition confidence (0..1) of each BGR line crop, in order."""
        ...


@dataclass
class OcrLine:
    """One recognized line in image pixels (before conversion to PDF points)."""

    quad: Quad
    text: str
    confidence: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return box_of(self.quad)


def order_quad(points: np.ndarray) -> Quad:
    """Points of a quad in the order top-left, top-right, bottom-right, bottom-left."""
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    by_x = pts[np.argsort(pts[:, 0], kind="stable")]
    left, right = by_x[:2], by_x[2:]
    tl, bl = left[np.argsort(left[:, 1])]
    tr, br = right[np.argsort(right[:, 1])]
    return np.array([tl, tr, br, bl], dtype=np.float32)


def box_of(quad: Quad) -> tuple[float, float, float, float]:
    """The axis-aligned box around a quad: (x0, y0, x1, y1)."""
    xs, ys = quad[:, 0], quad[:, 1]
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def crop_quad(image: np.ndarray, quad: Quad) -> np.ndarray:
    """The quad's content warped to an upright rectangle (as PP-OCR crops lines)."""
    q = order_quad(quad)
    width = round(max(np.linalg.norm(q[0] - q[1]), np.linalg.norm(q[3] - q[2])))
    height = round(max(np.linalg.norm(q[0] - q[3]), np.linalg.norm(q[1] - q[2])))
    width, height = max(width, 2), max(height, 2)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(q, target)
    crop = cv2.warpPerspective(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    if height >= 1.5 * width and len(crop):
        crop = np.rot90(crop)  # a vertical line: read it turned, as PP-OCR does
    return crop


def crop_box(image: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """An axis-aligned crop, clipped to the image."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = (round(v) for v in box)
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(max(x1, x0 + 1), w), min(max(y1, y0 + 1), h)
    return image[y0:y1, x0:x1]


def read_lines(engine: OcrEngine, image: np.ndarray, *, limit_side: int = 1280) -> list[OcrLine]:
    """Whole-image OCR through ``engine``: detect, crop, recognize in one batch."""
    quads = engine.detect(image, limit_side=limit_side)
    if not quads:
        return []
    results = engine.recognize([crop_quad(image, q) for q in quads])
    return [OcrLine(order_quad(q), text, conf) for q, (text, conf) in zip(quads, results, strict=False)]
