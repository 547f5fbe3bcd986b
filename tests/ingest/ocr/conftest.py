"""Fixtures of the OCR tests: one real engine per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def rapid_engine():
    from shenbao.plugins.engines import rapidocr_engine

    return rapidocr_engine.get_ocr_engine(None)
