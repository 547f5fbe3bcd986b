"""The default OCR engine: ``rapidocr`` 3.10 with the PP-OCRv6 small models of its wheel.

The detector and the recognizer are called separately (not ``RapidOCR.__call__``) so that
:mod:`shenbao.ingest.ocr.page` can detect at a low resolution, split lines at table
rulings and recognize everything in one batch. The line-direction classifier is off:
forms are deskewed and turned upright before OCR. Nothing is downloaded: the model paths
are the files bundled in the wheel, and a missing file is an :class:`OcrError`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from shenbao.core.errors import OcrError
from shenbao.core.ocr import Quad, order_quad
from shenbao.plugins import hookimpl

NAME = "rapidocr"
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
REC_BATCH = 6

log = logging.getLogger(__name__)


def _threads() -> int:
    """ONNX Runtime threads: ``SHENBAO_OCR_THREADS`` or every core (the machine has 2)."""
    value = os.environ.get("SHENBAO_OCR_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)


def _session(model: Path, threads: int) -> Any:
    """An ONNX Runtime session that is frugal on a shared machine.

    Measured on the dev scans (recognition of one form page): thread spinning off and the
    memory arena on cut CPU time from 1.8 s to 1.1 s for the same output.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = True
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])


class RapidOcrEngine:
    """PP-OCRv6 small det + rec through rapidocr's ONNX Runtime sessions."""

    name = NAME

    def __init__(self, model_dir: Path | None = None) -> None:
        try:
            import rapidocr
            from rapidocr import RapidOCR
        except ImportError as exc:  # installed with --no-deps: a missing small dep shows here
            raise OcrError(f"the rapidocr engine cannot be loaded: {exc}") from exc
        models = model_dir or Path(rapidocr.__file__).parent / "models"
        for name in (DET_MODEL, REC_MODEL):
            if not (models / name).is_file():
                raise OcrError(f"OCR model file {models / name} is missing; reinstall rapidocr==3.10.0")
        threads = _threads()
        params: dict[str, Any] = {
            "Global.use_cls": False,
            "Global.log_level": "warning",
            "Det.model_path": str(models / DET_MODEL),
            "Rec.model_path": str(models / REC_MODEL),
            "Rec.rec_batch_num": REC_BATCH,
            "Det.limit_type": "max",
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        try:
            self._ocr = RapidOCR(params=params)
            self._det = self._ocr._load_det_model()
            self._rec = self._ocr._load_rec_model()
            # rapidocr's sessions spin idle threads and allocate per run; ours do neither
            self._det.session.session = _session(models / DET_MODEL, threads)
            self._rec.session.session = _session(models / REC_MODEL, threads)
            # float32 normalisation constants: with rapidocr's float64 ones the detector's
            # input normalisation costs ~0.1 s per page
            self._det.mean = np.asarray(self._det.mean, dtype=np.float32)
            self._det.std = np.asarray(self._det.std, dtype=np.float32)
        except Exception as exc:  # onnxruntime/model errors: report, never a traceback
            raise OcrError(f"the rapidocr engine cannot be loaded: {type(exc).__name__}: {exc}") from exc

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[Quad]:
        self._det.limit_side_len = limit_side
        self._det.limit_type = "max"
        result = self._det(np.ascontiguousarray(image))
        if result.boxes is None:
            return []
        return [order_quad(box) for box in result.boxes]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        if not crops:
            return []
        from rapidocr.ch_ppocr_rec.typings import TextRecInput

        result = self._rec(TextRecInput(img=[np.ascontiguousarray(c) for c in crops]))
        return [(str(text), float(score)) for text, score in zip(result.txts, result.scores, strict=True)]


@hookimpl
def get_ocr_engine(name: str | None) -> RapidOcrEngine | None:
    """The rapidocr engine for ``name`` ``"rapidocr"`` or no name (the default)."""
    if name not in (None, NAME):
        return None
    return RapidOcrEngine()
