"""The engine interface and the rapidocr plugin, run for real."""

from __future__ import annotations

import numpy as np
from ocr_support import WUHAN_01, scan_page

from shenbao.core.ocr import OcrEngine, crop_quad, order_quad, read_lines
from shenbao.plugins.engines import paddleocr_engine, rapidocr_engine


def test_rapidocr_is_the_default_and_answers_to_its_name(manager):
    engine = manager.ocr_engine(None)
    assert engine.name == "rapidocr"
    assert isinstance(engine, OcrEngine)
    assert rapidocr_engine.get_ocr_engine("paddleocr") is None


def test_paddleocr_plugin_defers_for_other_names():
    assert paddleocr_engine.get_ocr_engine(None) is None
    assert paddleocr_engine.get_ocr_engine("rapidocr") is None


def test_order_quad_and_crop():
    quad = order_quad(np.array([[90, 40], [10, 10], [90, 10], [10, 40]]))
    assert quad.tolist() == [[10, 10], [90, 10], [90, 40], [10, 40]]
    image = np.zeros((100, 100, 3), np.uint8)
    assert crop_quad(image, quad).shape[:2] == (30, 80)


def test_read_lines_on_a_scan_header(rapid_engine):
    header = np.ascontiguousarray(scan_page(WUHAN_01, 2)[150:420])
    lines = read_lines(rapid_engine, header, limit_side=960)
    texts = [line.text for line in lines]
    assert "武汉市工业互联网发展专项资金申报项目简表" in texts
    assert all(0.0 <= line.confidence <= 1.0 for line in lines)


def test_recognize_batch_keeps_order(rapid_engine):
    image = scan_page(WUHAN_01, 2)
    quads = rapid_engine.detect(image, limit_side=1280)
    crops = [crop_quad(image, q) for q in quads[:8]]
    together = rapid_engine.recognize(crops)
    alone = [rapid_engine.recognize([c])[0] for c in crops[:3]]
    assert [t for t, _ in together[:3]] == [t for t, _ in alone]
    assert rapid_engine.recognize([]) == []
