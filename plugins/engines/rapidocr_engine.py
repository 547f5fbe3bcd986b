"""The default OCR engine: PP-OCRv6 small det + rec, the ONNX models of the ``rapidocr`` wheel.

The detector and the recognizer are called separately so that
:mod:`shenbao.ingest.ocr.page` can detect at a low resolution, split lines at table
rulings and recognize everything in one batch. They run on ONNX Runtime through
:mod:`.ppocr` (PaddleOCR's pre/post-processing, not rapidocr's Python layer, which costs
~1 s per process). The line-direction classifier is not used: forms are deskewed and turned
upright before OCR. Nothing is downloaded: the model files are the ones bundled in the
wheel, found without importing it, and a missing file is an :class:`OcrError`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from shenbao.core.errors import OcrError
from shenbao.core.ocr import Quad, order_quad
from shenbao.plugins import hookimpl
from shenbao.plugins.engines.ppocr import CtcRecognizer, DbDetector

NAME = "rapidocr"
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"


def threads() -> int:
    """Threads per call: ``SHENBAO_OCR_THREADS`` or every core (the machine has 2). The detector
    gives them to ONNX Runtime; the recognizer reads that many lines at once, one thread each."""
    value = os.environ.get("SHENBAO_OCR_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)


def bundled_models() -> Path:
    """The ``models`` folder of the installed rapidocr wheel (found, not imported)."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise OcrError(
            "the rapidocr package (which carries the OCR models) is not installed; pip install rapidocr==3.10.0"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "models"


class RapidOcrEngine:
    """PP-OCRv6 small det + rec on ONNX Runtime; safe to call from several threads at once."""

    name = NAME
    thread_safe = True  # ONNX Runtime sessions run concurrently; the detector takes turns itself

    def __init__(self, model_dir: Path | None = None, *, threads_per_call: int | None = None) -> None:
        models = model_dir or bundled_models()
        for name in (DET_MODEL, REC_MODEL):
            if not (models / name).is_file():
                raise OcrError(f"OCR model file {models / name} is missing; reinstall rapidocr==3.10.0")
        count = threads_per_call or threads()
        try:
            self._det = DbDetector(models / DET_MODEL, count)
            self._rec = CtcRecognizer(models / REC_MODEL, count)
        except Exception as exc:  # onnxruntime/model errors: report, never a traceback
            raise OcrError(f"the rapidocr engine cannot be loaded: {type(exc).__name__}: {exc}") from exc

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[Quad]:
        return [order_quad(quad) for quad in self._det(np.ascontiguousarray(image), limit_side)]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        if not crops:
            return []
        return self._rec([np.ascontiguousarray(c) for c in crops])


@hookimpl
def get_ocr_engine(name: str | None) -> RapidOcrEngine | None:
    """The rapidocr engine for ``name`` ``"rapidocr"`` or no name (the default)."""
    if name not in (None, NAME):
        return None
    return RapidOcrEngine()
