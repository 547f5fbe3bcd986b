"""The paddleocr engine itself: PaddleOCR's predictors and the model folders they load.

Imported by the plugin :mod:`.paddleocr_engine` when the engine is made; what it reads
and where its models come from is told there.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from shenbao.core.errors import OcrError
from shenbao.core.ocr import Quad, order_quad
from shenbao.plugins.engines.names import PADDLEOCR

DET_NAME = "PP-OCRv6_small_det"
REC_NAME = "PP-OCRv6_small_rec"
DET_ONNX = "PP-OCRv6_det_small.onnx"
REC_ONNX = "PP-OCRv6_rec_small.onnx"
REC_BATCH = 6

log = logging.getLogger(__name__)

DET_YML: dict[str, Any] = {
    "PreProcess": {
        "transform_ops": [
            {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
            {"DetResizeForTest": {"resize_long": 1280}},
            {
                "NormalizeImage": {
                    "mean": [0.485, 0.456, 0.406],
                    "std": [0.229, 0.224, 0.225],
                    "scale": "1./255.",
                    "order": "hwc",
                }
            },
            {"ToCHWImage": None},
            {"KeepKeys": {"keep_keys": ["image", "shape"]}},
        ]
    },
    "PostProcess": {
        "name": "DBPostProcess",
        "thresh": 0.3,
        "box_thresh": 0.6,
        "max_candidates": 1000,
        "unclip_ratio": 1.5,
    },
}
REC_YML: dict[str, Any] = {
    "PreProcess": {
        "transform_ops": [
            {"DecodeImage": {"channel_first": False, "img_mode": "BGR"}},
            {"RecResizeImg": {"image_shape": [3, 48, 320]}},
            {"KeepKeys": {"keep_keys": ["image", "length"]}},
        ]
    },
    "PostProcess": {"name": "CTCLabelDecode", "character_dict": []},
}


def cache_dir() -> Path:
    return Path(os.environ.get("SHENBAO_CACHE_DIR") or Path.home() / ".cache" / "shenbao")


def _bundled_onnx() -> Path:
    try:
        import rapidocr
    except ImportError as exc:
        raise OcrError(
            "the paddleocr engine uses the ONNX models of the rapidocr wheel; "
            "install rapidocr==3.10.0 (scripts/install.sh)"
        ) from exc
    return Path(rapidocr.__file__).parent / "models"


def _onnx_characters(onnx_path: Path) -> list[str]:
    import onnxruntime

    session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    if "character" not in meta:
        raise OcrError(f"{onnx_path} carries no character dictionary (metadata key 'character')")
    return meta["character"].splitlines()


def _write_model_dir(
    target: Path, onnx: Path, name: str, template: dict[str, Any], characters: list[str] | None = None
) -> None:
    import yaml

    if (target / "inference.yml").is_file() and (target / "inference.onnx").is_file():
        return
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(onnx, target / "inference.onnx")
    config = {"Global": {"model_name": name}, **template}
    if characters is not None:
        config = {**config, "PostProcess": {**template["PostProcess"], "character_dict": characters}}
    tmp = target / "inference.yml.tmp"
    tmp.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    tmp.replace(target / "inference.yml")  # atomic: a half-written yml is never read


def model_dirs() -> tuple[tuple[str, Path], tuple[str, Path]]:
    """((det name, det folder), (rec name, rec folder)) to load."""
    supplied = os.environ.get("SHENBAO_PADDLEOCR_MODEL_DIR")
    if supplied:
        return _supplied_dir("det", Path(supplied)), _supplied_dir("rec", Path(supplied))
    models = _bundled_onnx()
    root = cache_dir() / "paddleocr-models"
    det_dir, rec_dir = root / DET_NAME, root / REC_NAME
    _write_model_dir(det_dir, models / DET_ONNX, DET_NAME, DET_YML)
    if not (rec_dir / "inference.yml").is_file():
        _write_model_dir(rec_dir, models / REC_ONNX, REC_NAME, REC_YML, _onnx_characters(models / REC_ONNX))
    return (DET_NAME, det_dir), (REC_NAME, rec_dir)


def _supplied_dir(kind: str, root: Path) -> tuple[str, Path]:
    import yaml

    folder = root / kind
    yml = folder / "inference.yml"
    if not yml.is_file() or not (folder / "inference.onnx").is_file():
        raise OcrError(f"{folder} must hold inference.onnx and inference.yml (SHENBAO_PADDLEOCR_MODEL_DIR)")
    name = (yaml.safe_load(yml.read_text(encoding="utf-8")) or {}).get("Global", {}).get("model_name")
    if not name:
        raise OcrError(f"{yml} has no Global.model_name")
    return str(name), folder


class PaddleOcrEngine:
    """PaddleOCR's TextDetection / TextRecognition predictors with engine="onnxruntime"."""

    name = PADDLEOCR
    thread_safe = False  # paddlex pipelines are not known to be safe to call from two threads

    def __init__(self) -> None:
        os.environ.setdefault("PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK", "True")
        try:
            from paddleocr import TextDetection, TextRecognition
        except ImportError as exc:
            raise OcrError(
                "the paddleocr engine is not installed: run scripts/install-paddleocr.sh "
                f"(pip extra shenbao[paddleocr]); {exc}"
            ) from exc
        (det_name, det_dir), (rec_name, rec_dir) = model_dirs()
        threads = os.cpu_count() or 1
        # ORT session as in the rapidocr engine: every core, the memory arena on, full graph
        # optimisation (99 = ORT_ENABLE_ALL)
        engine_config = {
            "intra_op_num_threads": threads,
            "inter_op_num_threads": 1,
            "enable_cpu_mem_arena": True,
            "graph_optimization_level": 99,
        }
        common = {"engine": "onnxruntime", "device": "cpu", "engine_config": engine_config}
        try:
            self._det = TextDetection(model_name=det_name, model_dir=str(det_dir), **common)
            self._rec = TextRecognition(model_name=rec_name, model_dir=str(rec_dir), **common)
        except Exception as exc:  # paddlex raises RuntimeError/ValueError/its own types
            raise OcrError(f"the paddleocr engine cannot be loaded: {type(exc).__name__}: {exc}") from exc

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[Quad]:
        results = self._det.predict(np.ascontiguousarray(image), limit_side_len=limit_side, limit_type="max")
        if not results:
            return []
        polys = results[0]["dt_polys"]
        return [order_quad(np.asarray(p, dtype=np.float32).reshape(-1, 2)[:4]) for p in polys if len(p) >= 4]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        if not crops:
            return []
        results = self._rec.predict([np.ascontiguousarray(c) for c in crops], batch_size=REC_BATCH)
        return [(str(r["rec_text"]), float(r["rec_score"])) for r in results]
