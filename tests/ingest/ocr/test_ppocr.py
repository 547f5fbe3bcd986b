"""shenbao's PP-OCR runner (plugins/engines/ppocr.py) against rapidocr 3.10, which it replaces:
the same models give the same boxes and, on the same input, the same texts."""

from __future__ import annotations

import numpy as np
import pytest
from ocr_support import WUHAN_01, scan_page

from shenbao.core.ocr import crop_quad
from shenbao.plugins.engines import ppocr
from shenbao.plugins.engines.rapidocr_engine import DET_MODEL, REC_MODEL, bundled_models

rapidocr = pytest.importorskip("rapidocr")


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return scan_page(WUHAN_01, 2)


@pytest.fixture(scope="module")
def theirs():
    params = {
        "Global.use_cls": False,
        "Global.log_level": "critical",
        "Det.model_path": str(bundled_models() / DET_MODEL),
        "Rec.model_path": str(bundled_models() / REC_MODEL),
        "Det.limit_type": "max",
        "Det.limit_side_len": 1280,
        "Rec.rec_batch_num": 1,
    }
    return rapidocr.RapidOCR(params=params)


@pytest.fixture(scope="module")
def ours() -> tuple[ppocr.DbDetector, ppocr.CtcRecognizer]:
    return ppocr.DbDetector(bundled_models() / DET_MODEL, 1), ppocr.CtcRecognizer(bundled_models() / REC_MODEL, 1)


def test_the_detector_finds_rapidocrs_boxes(page, theirs, ours):
    expected = theirs._load_det_model()(page).boxes
    found = ours[0](page, 1280)
    assert len(found) == len(expected) > 20
    for quad, want in zip(found, expected, strict=True):
        assert np.abs(quad - want).max() <= 1.0


def test_the_recognizer_reads_rapidocrs_texts(page, theirs, ours):
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    crops = [crop_quad(page, quad) for quad in ours[0](page, 1280)]
    # lines at least 320 px wide when 48 px high: rapidocr pads to 320, shenbao less; wider, neither pads
    crops = [c for c in crops if c.shape[1] * 48 >= 320 * c.shape[0]][:15]
    expected = theirs._load_rec_model()(TextRecInput(img=crops))
    got = ours[1](crops)
    assert [text for text, _ in got] == list(expected.txts)
    assert [score for _, score in got] == pytest.approx(list(expected.scores), abs=2e-3)


def test_an_empty_image_has_no_boxes(ours):
    assert ours[0](np.full((200, 300, 3), 255, np.uint8), 1280) == []
