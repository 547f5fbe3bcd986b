"""PP-OCR's text detector (DB) and recognizer (CTC) on ONNX Runtime, in a few lines of numpy.

The models are the PP-OCRv6 small files bundled in the ``rapidocr`` wheel; pre- and
post-processing follow PaddleOCR (and rapidocr 3.10, which ports it) step for step, so
the boxes and texts are the same as theirs (``tests/ingest/ocr/test_ppocr.py`` compares),
except that long lines are read squeezed (:data:`SQUEEZES`).
shenbao runs them itself rather than through rapidocr's Python layer because that layer
costs ~1 s per process before the first page (it parses YAML configs with OmegaConf and
imports an HTTP client for model downloads we never do) and recognizes in fixed batches of
six whatever their widths, padded to the widest; here each line is its own run (see
:meth:`CtcRecognizer.__call__`). :class:`RapidOcrEngine` puts the two behind shenbao's
engine interface; the plugin :mod:`.rapidocr_engine` makes it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import onnxruntime as ort
import pyclipper

from shenbao.core.errors import OcrError
from shenbao.core.ocr import Quad, order_quad
from shenbao.plugins.engines import denormals
from shenbao.plugins.engines.names import RAPIDOCR

# Detection (DB post-processing), PaddleOCR's values for PP-OCRv6 as rapidocr sets them
DB_THRESH = 0.3  # probability above which a pixel is text
DB_BOX_THRESH = 0.5  # mean probability under which a candidate box is dropped
DB_UNCLIP_RATIO = 1.6  # how far a shrunk text kernel is grown back
DB_MAX_CANDIDATES = 1000
DB_MIN_SIZE = 3  # px of the probability map: shorter boxes are noise
# Recognition: a line is resized to this height and, if shorter, padded to a minimum width
REC_HEIGHT = 48
# PaddleOCR pads every line to at least 320 px. A form's cells are short ("117", "是"), and the
# padding was a third of the recognizer's work on form pages. Padded to 160 px, the scans read
# the same fields; at 96 px a short "⊠是" read as "凶是" (issue 11's closing note).
REC_MIN_WIDTH = 160
# Long lines are read narrower: from a width of so many line heights, at this share of it.
# PaddleOCR trains the recognizer on lines squeezed into 320 px whatever their length, so it
# reads a squeezed line as well as a full one, and its cost is its input's width. Lines of
# 12+ heights (applicants' prose, sentences with their numbers, the form's notes and prompts)
# are 40 % (hunan) to 70 % (双跨) of the pixels a form page reads. At these factors the
# unseen-style scans read the same fields, and numbers if anything better ("28,939.84万元"
# where full width read "28.939.84"). At half width from 15 heights, digits got too few of
# the model's steps and two equal ones merged (a phone number 15511355043 read as
# 1551355043): shared-scan findings F1 fell from 0.985 to 0.928 (issue 11's closing note).
SQUEEZES = ((12, 0.7), (20, 0.6))
# A squeezed line's last column is repeated for this many px after it. Squeezed, a line's
# right margin shrinks with it, and a closing bracket that ends the line was then dropped.
SQUEEZE_MARGIN = 8


def session(model: Path, threads: int) -> Any:
    """An ONNX Runtime session that is frugal on a shared machine.

    Measured on the dev scans (recognition of one form page): thread spinning off and the
    memory arena on cut CPU time from 1.8 s to 1.1 s for the same output. The arena grows
    by what is asked for, not in doubling chunks, so its peak follows the biggest batch.
    Denormal numbers are flushed to zero (see below).
    """
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = True
    # planning memory by the first run's shapes only pays for fixed shapes; ours change per page/line
    options.enable_mem_pattern = False
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # The PP-OCRv6 detector ships ~256 000 denormal weights (two 768→384 convolutions of its
    # neck). On Intel cores every multiply by one takes a microcode assist: those two layers
    # were 710 of 1130 ms of a page's detection. Flushed to zero, the probability maps are
    # bit for bit the same (tests/ingest/ocr/test_ppocr.py) at a third of the cost. This sets
    # it on ONNX Runtime's own threads; the thread that calls run flushes with denormals.flushed.
    options.add_session_config_entry("session.set_denormal_as_zero", "1")
    provider_options = [{"arena_extend_strategy": "kSameAsRequested"}]
    return ort.InferenceSession(
        str(model), sess_options=options, providers=["CPUExecutionProvider"], provider_options=provider_options
    )


class DbDetector:
    """Text-line quads of an image: DB probability map → contours → grown boxes.

    One detection runs at a time (pages read side by side take turns here): a page's
    activations at 1280 px take ~250 MB, and two at once put a process past 1 GB.

    The activations stay in ONNX Runtime's arena from one run to the next. Handed back after
    every run (arena shrinkage), they were faulted in afresh each time: half of a scan's page
    faults, and 0.5-1.5 s of kernel CPU per wild scan (issue 11, stop 25). Kept, the 8 wild
    scans' peaks are 13-45 MB higher (614-658 MB) with half the faults.
    """

    def __init__(self, model: Path, threads: int) -> None:
        self.session = session(model, threads)
        self.input_name = self.session.get_inputs()[0].name
        self.lock = threading.Lock()

    def __call__(self, image: np.ndarray, limit_side: int) -> list[np.ndarray]:
        """Quads (4×2 float32, image pixels) of ``image`` (BGR), detected with its longer
        side scaled down to ``limit_side`` (never up), in rows top to bottom."""
        height, width = image.shape[:2]
        resized = _resize_to_32(image, limit_side)
        if resized is None:
            return []
        blob = (resized.astype(np.float32) * np.float32(2 / 255) - np.float32(1.0)).transpose(2, 0, 1)[None]
        with self.lock, denormals.flushed():
            probability = self.session.run(None, {self.input_name: blob})[0][0, 0]
        return _db_boxes(probability, width, height)


def _resize_to_32(image: np.ndarray, limit_side: int) -> np.ndarray | None:
    height, width = image.shape[:2]
    ratio = limit_side / max(height, width) if max(height, width) > limit_side else 1.0
    new_h, new_w = round(int(height * ratio) / 32) * 32, round(int(width * ratio) / 32) * 32
    if new_h <= 0 or new_w <= 0:
        return None
    return cv2.resize(image, (new_w, new_h))


def _db_boxes(probability: np.ndarray, width: int, height: int) -> list[np.ndarray]:
    map_h, map_w = probability.shape
    mask = cv2.dilate((probability > DB_THRESH).astype(np.uint8), np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask * 255, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours[:DB_MAX_CANDIDATES]:
        points, short_side = _mini_box(contour)
        if short_side < DB_MIN_SIZE or _box_score(probability, points) < DB_BOX_THRESH:
            continue
        grown, short_side = _mini_box(_unclip(points))
        if short_side < DB_MIN_SIZE + 2:
            continue
        grown[:, 0] = np.clip(np.round(grown[:, 0] / map_w * width), 0, width)
        grown[:, 1] = np.clip(np.round(grown[:, 1] / map_h * height), 0, height)
        quad = _clip(_clockwise(grown.astype(np.int32).astype(np.float32)), width, height)
        if int(np.linalg.norm(quad[0] - quad[1])) > 3 and int(np.linalg.norm(quad[0] - quad[3])) > 3:
            boxes.append(quad)
    return _rows_then_columns(boxes)


def _mini_box(contour: np.ndarray) -> tuple[np.ndarray, float]:
    """The minimum-area rectangle's corners (top-left, top-right, bottom-right, bottom-left)."""
    rect = cv2.minAreaRect(contour)
    points = sorted(cv2.boxPoints(rect).tolist(), key=lambda p: p[0])
    left = (points[0], points[1]) if points[1][1] > points[0][1] else (points[1], points[0])
    right = (points[2], points[3]) if points[3][1] > points[2][1] else (points[3], points[2])
    box = np.array([left[0], right[0], right[1], left[1]], dtype=np.float32)
    return box, min(rect[1])


def _box_score(probability: np.ndarray, box: np.ndarray) -> float:
    """Mean probability inside the box ("fast" score: the quad, not the contour)."""
    h, w = probability.shape
    x0 = int(np.clip(np.floor(box[:, 0].min()), 0, w - 1))
    x1 = int(np.clip(np.ceil(box[:, 0].max()), 0, w - 1))
    y0 = int(np.clip(np.floor(box[:, 1].min()), 0, h - 1))
    y1 = int(np.clip(np.ceil(box[:, 1].max()), 0, h - 1))
    mask = np.zeros((y1 - y0 + 1, x1 - x0 + 1), dtype=np.uint8)
    shifted = box - np.array([x0, y0], dtype=np.float32)
    cv2.fillPoly(mask, [shifted.reshape(-1, 2).astype(np.int32)], 1)
    return float(cv2.mean(probability[y0 : y1 + 1, x0 : x1 + 1], mask)[0])


def _unclip(box: np.ndarray) -> np.ndarray:
    """The box grown by ``area × DB_UNCLIP_RATIO / perimeter`` (the DB paper's offset)."""
    area = abs(cv2.contourArea(box))
    distance = area * DB_UNCLIP_RATIO / cv2.arcLength(box, closed=True)
    offset = pyclipper.PyclipperOffset()
    offset.AddPath(box.tolist(), pyclipper.JT_ROUND, pyclipper.ET_CLOSEDPOLYGON)
    return np.array(offset.Execute(distance), dtype=np.float32).reshape(-1, 1, 2)


def _clockwise(points: np.ndarray) -> np.ndarray:
    by_x = points[np.argsort(points[:, 0]), :]
    left, right = by_x[:2], by_x[2:]
    tl, bl = left[np.argsort(left[:, 1]), :]
    tr, br = right[np.argsort(right[:, 1]), :]
    return np.array([tl, tr, br, bl], dtype=np.float32)


def _clip(quad: np.ndarray, width: int, height: int) -> np.ndarray:
    quad[:, 0] = np.clip(quad[:, 0], 0, width - 1).astype(np.int32)
    quad[:, 1] = np.clip(quad[:, 1], 0, height - 1).astype(np.int32)
    return quad


def _rows_then_columns(boxes: list[np.ndarray], row_gap: float = 10) -> list[np.ndarray]:
    """PaddleOCR's reading order: by top-left y, a new row after a 10 px step, x within rows."""
    if not boxes:
        return []
    by_y = sorted(range(len(boxes)), key=lambda i: boxes[i][0, 1])
    ys = [boxes[i][0, 1] for i in by_y]
    rows = np.concatenate([[0], np.cumsum(np.diff(ys) >= row_gap)])
    order = sorted(range(len(by_y)), key=lambda k: (rows[k], boxes[by_y[k]][0, 0]))
    return [boxes[by_y[k]] for k in order]


class CtcRecognizer:
    """Texts and confidences of line crops: resize to 48 px high, pad, CTC greedy decode.

    ``threads`` lines are read at once, each by one ONNX Runtime thread. A line is too small a
    job to split: two threads on one line cost ~20 % more CPU than one (they wait on each
    other at every layer), and when the reader OCRs two pages side by side that is CPU the
    other page needed. Lines read side by side give the same texts as one after another.
    Pages read side by side share the ``threads`` slots: every run holds its activations
    (a wide line's take tens of MB), and four at once put a 14-page scan past 700 MB.
    The threads live for one call only: a process with threads left running no longer forks
    to read long born-digital PDFs (:mod:`shenbao.ingest.pdffile`), and a queue worker reads
    a text PDF after a scan.
    """

    def __init__(self, model: Path, threads: int) -> None:
        self.session = session(model, 1)
        self.threads = max(1, threads)
        self.slots = threading.BoundedSemaphore(self.threads)
        self.input_name = self.session.get_inputs()[0].name
        keys = self.session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.characters = ["", *keys, " "]  # index 0 is CTC's blank

    def __call__(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        """One run per line. The recognizer's cost is linear in the input's width (measured:
        27 ms of one core per 320 px, the same per line in batches of 1 or 8), so a batch
        saves nothing and costs its padding to the widest line; one line at a time also
        keeps ONNX Runtime's memory at what the widest line needs."""
        if self.threads == 1 or len(crops) < 2:
            return [self._read(crop) for crop in crops]
        with ThreadPoolExecutor(max_workers=min(self.threads, len(crops)), thread_name_prefix="rec") as pool:
            return list(pool.map(self._read, crops))

    def _read(self, crop: np.ndarray) -> tuple[str, float]:
        line = _normalized_line(crop)
        with self.slots, denormals.flushed():
            output = self.session.run(None, {self.input_name: line})[0][0]
        return self._decode(output)

    def _decode(self, output: np.ndarray) -> tuple[str, float]:
        """CTC greedy decoding: best class per step, repeats merged, blanks dropped; the
        confidence is the mean probability of the kept steps (PaddleOCR's)."""
        tokens = output.argmax(axis=1)
        probs = output[np.arange(len(tokens)), tokens]  # the maxima, without a second pass over ~19k classes
        keep = np.ones(len(tokens), dtype=bool)
        keep[1:] = tokens[1:] != tokens[:-1]
        keep &= tokens != 0
        text = "".join(self.characters[t] for t in tokens[keep])
        kept = [round(float(p), 5) for p in probs[keep]] or [0.0]
        return text, round(float(np.mean(kept)), 5)


def squeeze(aspect: float) -> float:
    """The factor a line ``aspect`` times as wide as high is narrowed by (1.0: not at all)."""
    factor = 1.0
    for from_aspect, squeezed in SQUEEZES:
        if aspect >= from_aspect:
            factor = squeezed
    return factor


def _normalized_line(crop: np.ndarray) -> np.ndarray:
    """One crop as the recognizer's input: 1×3×48×W, in [-1, 1], right-padded with 0
    (PaddleOCR's arithmetic to the pixel: the model is that sensitive on a full-width bracket);
    a long line squeezed (:data:`SQUEEZES`), with a margin after it."""
    aspect = crop.shape[1] / crop.shape[0]
    factor = squeeze(aspect)
    ratio = aspect * factor
    padded_w = max(int(REC_HEIGHT * ratio), REC_MIN_WIDTH)
    resized_w = min(math.ceil(REC_HEIGHT * ratio), padded_w)
    resized = cv2.resize(crop, (resized_w, REC_HEIGHT))
    if factor < 1.0:
        resized = cv2.copyMakeBorder(resized, 0, 0, 0, SQUEEZE_MARGIN, cv2.BORDER_REPLICATE)
        resized_w += SQUEEZE_MARGIN
        padded_w = max(padded_w, resized_w)
    line = np.zeros((1, 3, REC_HEIGHT, padded_w), dtype=np.float32)
    line[0, :, :, :resized_w] = (resized.astype(np.float32).transpose(2, 0, 1) / 255 - 0.5) / 0.5
    return line


class RapidOcrEngine:
    """PP-OCRv6 small det + rec on ONNX Runtime; safe to call from several threads at once."""

    name = RAPIDOCR
    thread_safe = True  # ONNX Runtime sessions run concurrently; the detector takes turns itself

    def __init__(self, det_model: Path, rec_model: Path, threads: int) -> None:
        """``threads``: the detector's ONNX Runtime threads, and lines recognized at once."""
        for model in (det_model, rec_model):
            if not model.is_file():
                raise OcrError(f"OCR model file {model} is missing; reinstall rapidocr==3.10.0")
        try:
            self._det, self._rec = _load_side_by_side(det_model, rec_model, threads)
        except Exception as exc:  # onnxruntime/model errors: report, never a traceback
            raise OcrError(f"the rapidocr engine cannot be loaded: {type(exc).__name__}: {exc}") from exc

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[Quad]:
        return [order_quad(quad) for quad in self._det(np.ascontiguousarray(image), limit_side)]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        if not crops:
            return []
        return self._rec([np.ascontiguousarray(c) for c in crops])


def _load_side_by_side(det_model: Path, rec_model: Path, threads: int) -> tuple[DbDetector, CtcRecognizer]:
    """The two sessions, the detector's made on a thread of its own meanwhile.

    Making a session (graph optimization, weight prepacking) is single-threaded work and
    ONNX Runtime releases the GIL for it; every scan waits for it before its first page."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load") as pool:
        detector = pool.submit(DbDetector, det_model, threads)
        recognizer = CtcRecognizer(rec_model, threads)
        return detector.result(), recognizer
