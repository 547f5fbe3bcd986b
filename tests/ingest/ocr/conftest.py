"""Fixtures of the OCR tests: one real engine per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def rapid_engine():
    from shenbao.plugins.engines.rapidocr_engine import RapidOcrEngine

    return RapidOcrEngine()
