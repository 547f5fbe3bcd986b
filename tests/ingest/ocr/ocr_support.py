"""Helpers of the OCR tests: sample paths, pages rendered once, text normalisation."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
from tests_support import SAMPLES

WUHAN_01 = SAMPLES / "wuhan-fund-2022" / "wuhan-fund-2022-dev-01"


def norm(text: str | None) -> str:
    """Text compared without width variants and whitespace (NFKC, spaces removed)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@lru_cache(maxsize=16)
def rendered(path: str, index: int, dpi: float = 200.0) -> np.ndarray:
    from shenbao.ingest.ocr.raster import render_pdf_page

    image = render_pdf_page(path, index, dpi)
    image.setflags(write=False)  # shared between tests: nobody may change it
    return image


def scan_page(stem: Path, index: int) -> np.ndarray:
    return rendered(str(stem.with_name(stem.name + ".scan.pdf")), index)


def text_pdf(stem: Path) -> Path:
    return stem.with_name(stem.name + ".pdf")
