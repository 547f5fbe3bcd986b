"""Make a page image upright and level before layout and OCR.

- :func:`suppress_seal` / :func:`ink_mask`: red seal ink is light in the red channel,
  black ink is dark in every channel; the seal is removed, the text under it kept.
- :func:`estimate_skew`: projection-profile search. Text lines and table rulings give a
  horizontal profile with sharp peaks only when the page is level; the angle maximising
  the profile's energy is the skew. Ink pixels are rotated as coordinates (no image warp
  per trial angle), coarse to fine, on a page reduced to ~600 px wide.
- :func:`is_sideways`: a page turned by 90/270 degrees gives tall text boxes. Which of the
  two ways up (and 0 vs 180) cannot be told from pixels cheaply; ``page.py`` decides it
  with the recognizer's confidence on a few lines.

Seal step (:func:`suppress_seal`, on by default in ``ocr_page``), measured on the 50 dev
scan pages that carry a seal, same pipeline with and without it: truth values read
344 -> 354 of 357, born-digital cells read exactly 686 -> 715 of 723, lines that are not
on the printed page (seal legends, serial numbers) 63 -> 4. The note's "whitening changed
nothing" measured whole-page hit counts; the loss is in the cells under the seal
(``test_values_under_a_seal``).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

WORK_WIDTH = 600  # px: width of the reduced page used for angle estimation
MAX_SKEW = 10.0  # degrees searched either side of level
# A red-tinted pixel whose red channel is darker than this is black ink seen through a
# seal, kept. For rulings (ink mask): thin lines under a seal reach R ~195. For the text
# models a stricter 185: the seal's own serial number (R 190-194 on the dev scans) must go
# or PP-OCR reads it as digits, while black strokes under a seal (R 105-188) stay.
SEAL_DARK = 195
SEAL_TEXT_DARK = 185
RED_OVER_GREEN = 20  # red dominance that marks seal ink (faint pink included)
RED_OVER_BLUE = 12
MAX_POINTS = 60_000  # ink pixels sampled for the profile


def to_gray(image: np.ndarray) -> np.ndarray:
    """Grey as ``max(B, G, R)``: black ink stays dark, coloured ink reads lighter.

    numpy takes the maxima from the channels in place, a third of the time of splitting them
    into three new images first (~3 against ~10 ms a page at 200 dpi)."""
    if image.ndim == 2:
        return image
    return np.maximum(np.maximum(image[:, :, 0], image[:, :, 1]), image[:, :, 2])


def red_mask(image: np.ndarray) -> np.ndarray:
    """0/255 mask of red-dominant pixels (seal ink, faint pink edges included)."""
    b, g, r = cv2.split(image)
    # opencv-python's stubs type ``src2`` as an array only; cv2.compare also takes a scalar
    red_g = cv2.compare(cv2.subtract(r, g), RED_OVER_GREEN, cv2.CMP_GT)  # type: ignore[call-overload]
    red_b = cv2.compare(cv2.subtract(r, b), RED_OVER_BLUE, cv2.CMP_GT)  # type: ignore[call-overload]
    return cv2.bitwise_and(red_g, red_b)


def suppress_seal(image: np.ndarray, *, dark: int = SEAL_DARK) -> np.ndarray:
    """Copy of ``image`` with red seal ink removed and black ink under it kept.

    A seal pixel over paper is light in the red channel (red ink reflects red) and
    becomes paper; a red-tinted pixel that is dark even in the red channel is black text
    seen through the seal and becomes that grey. Non-red pixels (including light grey
    text) are untouched, unlike a red-channel threshold of the whole page.
    """
    if image.ndim != 3:
        return image
    red = red_mask(image)
    if not cv2.countNonZero(red):
        return image
    r = image[:, :, 2]
    paper = np.median(image[::8, ::8].reshape(-1, 3), axis=0).astype(np.uint8)
    out = image.copy()
    light = (red > 0) & (r > dark)
    under_seal = (red > 0) & ~light
    out[light] = paper
    out[under_seal] = r[under_seal][:, None]
    return out


def ink_mask(image: np.ndarray, *, block: int = 31, offset: int = 15) -> np.ndarray:
    """Binary mask (255 = ink) of dark marks, robust to uneven paper tone; seals left out."""
    gray = to_gray(suppress_seal(image))
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, offset)


def _reduced_ink_points(image: np.ndarray) -> np.ndarray:
    gray = to_gray(image)
    scale = min(1.0, WORK_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    mask = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10)
    ys, xs = np.nonzero(mask)
    rng = np.random.default_rng(0)
    if len(xs) > MAX_POINTS:  # plenty for a profile; keeps the search fast on dense pages
        keep = rng.choice(len(xs), MAX_POINTS, replace=False)
        xs, ys = xs[keep], ys[keep]
    pts = np.stack([xs, ys], axis=1).astype(np.float64)
    # sub-pixel jitter: without it, integer coordinates make angle 0 look sharpest (aliasing)
    pts += rng.uniform(-0.5, 0.5, size=pts.shape)
    return pts - pts.mean(axis=0) if len(pts) else pts


def _profile_energy(points: np.ndarray, angle_deg: float) -> float:
    """Sum of squared row counts after rotating ``points`` by ``-angle``: peaks when level."""
    theta = np.deg2rad(angle_deg)
    rows = points[:, 1] * np.cos(theta) - points[:, 0] * np.sin(theta)
    # half-pixel bins keep the measure sensitive to small angles
    hist = np.bincount(np.round((rows - rows.min()) * 2).astype(np.int64))
    return float(np.dot(hist, hist))


def _search(points: np.ndarray, low: float, high: float, step: float) -> tuple[float, float]:
    angles = np.arange(low, high + step / 2, step)
    energies = [_profile_energy(points, a) for a in angles]
    best = int(np.argmax(energies))
    return float(angles[best]), float(energies[best])


def estimate_skew(image: np.ndarray, *, max_angle: float = MAX_SKEW) -> float:
    """Skew of the page in degrees (positive = content turned clockwise on screen).

    Lines falling to the right give a positive angle; ``rotate(image, estimate_skew(image))``
    (counter-clockwise by that angle) makes the page level.
    """
    points = _reduced_ink_points(image)
    if len(points) < 50:
        return 0.0
    angle, _ = _search(points, -max_angle, max_angle, 0.25)
    angle, _ = _search(points, angle - 0.3, angle + 0.3, 0.05)
    angle, _ = _search(points, angle - 0.06, angle + 0.06, 0.01)
    return angle


def is_sideways(boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    """True when most detected text boxes are tall: lines run vertically (page turned 90/270).

    Decided from the detector's boxes, which ``page.py`` has anyway; a projection profile
    is fooled by Chinese text, whose characters align in columns as well as in rows.
    """
    if len(boxes) < 4:
        return False
    tall = sum(1 for x0, y0, x1, y1 in boxes if (y1 - y0) > 1.5 * (x1 - x0))
    wide = sum(1 for x0, y0, x1, y1 in boxes if (x1 - x0) > 1.5 * (y1 - y0))
    return tall > 2 * wide


def rotate(image: np.ndarray, angle_deg: float) -> np.ndarray:
    """Rotate about the centre by ``angle_deg`` (counter-clockwise), same size, paper-white fill."""
    if abs(angle_deg) < 0.01:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, 1.0)
    fill = (255, 255, 255) if image.ndim == 3 else 255
    return cv2.warpAffine(
        image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )


def rotate_quarter(image: np.ndarray, quarter_turns: int) -> np.ndarray:
    """Rotate by a multiple of 90 degrees counter-clockwise."""
    k = quarter_turns % 4
    return image if k == 0 else np.ascontiguousarray(np.rot90(image, k))


def level(image: np.ndarray) -> tuple[np.ndarray, float]:
    """Level copy of ``image`` and the skew (degrees) it was turned back by."""
    skew = estimate_skew(image)
    return rotate(image, skew), skew
