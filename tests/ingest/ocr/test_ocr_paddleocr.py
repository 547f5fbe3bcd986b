"""The paddleocr engine (extra ``shenbao[paddleocr]``, scripts/install-paddleocr.sh) for real.

Skipped when paddleocr is not installed, unless ``SHENBAO_REQUIRE_PADDLEOCR=1`` (set by CI
after installing the extra): then a missing engine fails the run.
"""

from __future__ import annotations

import collections
import importlib.util
import os

import pdfplumber
import pytest
from ocr_support import WUHAN_01, norm, scan_page, text_pdf

from shenbao.ingest.ocr.page import ocr_page

pytestmark = pytest.mark.slow

if importlib.util.find_spec("paddleocr") is None and os.environ.get("SHENBAO_REQUIRE_PADDLEOCR") != "1":
    pytest.skip("paddleocr not installed (scripts/install-paddleocr.sh)", allow_module_level=True)


@pytest.fixture(scope="module")
def paddle_engine(tmp_path_factory):
    os.environ.setdefault("SHENBAO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    from shenbao.plugins.manager import PluginManager

    return PluginManager().ocr_engine("paddleocr")


def test_plugin_gives_the_engine_by_name_only(paddle_engine):
    from shenbao.plugins.engines import paddleocr_engine

    assert paddle_engine.name == "paddleocr"
    assert paddleocr_engine.get_ocr_engine(None) is None
    assert paddleocr_engine.get_ocr_engine("rapidocr") is None


def test_model_folders_are_built_offline_from_the_bundled_onnx(paddle_engine):
    from shenbao.plugins.engines import paddleocr_runtime

    (_, det), (_, rec) = paddleocr_runtime.model_dirs()
    assert (det / "inference.onnx").is_file()
    assert (rec / "inference.yml").is_file()
    assert "character_dict" in (rec / "inference.yml").read_text(encoding="utf-8")


def test_form_page_cells_with_paddleocr(paddle_engine):
    page = ocr_page(scan_page(WUHAN_01, 2), number=3, width_pt=595.44, height_pt=842.04, engine=paddle_engine)
    with pdfplumber.open(text_pdf(WUHAN_01)) as pdf:
        want = [norm(c) for t in pdf.pages[2].find_tables() for row in t.extract() for c in row if c]
    got = collections.Counter(norm(c.text) for t in page.tables for c in t.cells)
    hits = sum(1 for text in want if got[text] > 0 and not got.subtract([text]))
    assert hits / len(want) >= 0.9
    assert all(0.0 < line.confidence <= 1.0 for line in page.all_lines())
