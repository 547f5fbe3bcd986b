"""The default OCR engine: PP-OCRv6 small det + rec, the ONNX models of the ``rapidocr`` wheel.

The detector and the recognizer are called separately so that
:mod:`shenbao.ingest.ocr.page` can detect at a low resolution, split lines at table
rulings and recognize everything in one batch. They run on ONNX Runtime through
:mod:`.ppocr` (PaddleOCR's pre/post-processing, not rapidocr's Python layer, which costs
~1 s per process). The line-direction classifier is not used: forms are deskewed and turned
upright before OCR. Nothing is downloaded: the model files are the ones bundled in the
wheel, found without importing it, and a missing file is an :class:`OcrError`.

This module is the plugin: it names the engine and its model files. The engine itself
(:class:`.ppocr.RapidOcrEngine`, ONNX Runtime and OpenCV) is imported when one is made.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING

from shenbao.core.errors import OcrError
from shenbao.plugins import hookimpl
from shenbao.plugins.engines.names import RAPIDOCR as NAME

if TYPE_CHECKING:
    from shenbao.plugins.engines.ppocr import RapidOcrEngine

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


@hookimpl
def get_ocr_engine(name: str | None) -> RapidOcrEngine | None:
    """The rapidocr engine for ``name`` ``"rapidocr"`` or no name (the default)."""
    if name not in (None, NAME):
        return None
    from shenbao.plugins.engines.ppocr import RapidOcrEngine  # the OCR stack, with the engine

    models = bundled_models()
    return RapidOcrEngine(models / DET_MODEL, models / REC_MODEL, threads())
