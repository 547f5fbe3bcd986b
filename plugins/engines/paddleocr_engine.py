"""Second OCR engine: the ``paddleocr`` 3.x package on ONNX Runtime (no paddlepaddle).

Install with ``scripts/install-paddleocr.sh`` (the ``shenbao[paddleocr]`` extra plus the
one-OpenCV fix). Models, in this order:

1. ``SHENBAO_PADDLEOCR_MODEL_DIR``: a bureau-supplied folder with ``det/`` and ``rec/``
   sub-folders, each holding ``inference.onnx`` and ``inference.yml`` (PaddleX format,
   ``Global.model_name`` naming a model paddlex knows, e.g. ``PP-OCRv6_small_det``);
2. otherwise the PP-OCRv6 small ONNX files bundled in the ``rapidocr`` wheel, wrapped in
   PaddleX model folders written once under ``SHENBAO_CACHE_DIR`` (default
   ``~/.cache/shenbao``). The recognizer's dictionary is copied from the ONNX metadata
   (key ``character``) into the yml, where paddlex looks for it.

Nothing is downloaded: the document orientation / unwarping models are off, and the
model-source check paddlex runs on import is disabled.

Without paddleocr installed, ``get_ocr_engine("paddleocr")`` raises :class:`OcrError` with
the install command; for any other name this plugin returns ``None``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shenbao.plugins import hookimpl
from shenbao.plugins.engines.names import PADDLEOCR as NAME

if TYPE_CHECKING:
    from shenbao.plugins.engines.paddleocr_runtime import PaddleOcrEngine


@hookimpl
def get_ocr_engine(name: str | None) -> PaddleOcrEngine | None:
    """The paddleocr engine, only when asked for by name (rapidocr is the default)."""
    if name != NAME:
        return None
    from shenbao.plugins.engines.paddleocr_runtime import PaddleOcrEngine  # paddlex and numpy, with the engine

    return PaddleOcrEngine()
