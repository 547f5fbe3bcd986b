"""A skim test reads a scanned page's first rows first, and no more when they pass it.

Real OCR on the Wuhan scan's licence copy (page 5: 二、申报主体营业执照) and its 目录 (page 2).
"""

from __future__ import annotations

import pytest
from ocr_support import WUHAN_01, scan_page

from shenbao.ingest.document import Line, Page
from shenbao.ingest.ocr.page import HEAD_ROWS, ocr_page

pytestmark = pytest.mark.slow
WIDTH, HEIGHT = 595.44, 842.04


def _read(index: int, engine, skim=None) -> Page:
    image = scan_page(WUHAN_01, index)
    return ocr_page(image, number=index + 1, width_pt=WIDTH, height_pt=HEIGHT, engine=engine, skim=skim)


def _texts(page: Page) -> list[str]:
    return [line.text for line in sorted(page.all_lines(), key=lambda ln: (ln.bbox[1], ln.bbox[0]))]


@pytest.fixture(scope="module")
def licence(rapid_engine) -> Page:
    return _read(4, rapid_engine)


def test_a_page_whose_head_passes_keeps_its_head_only(licence: Page, rapid_engine) -> None:
    heads: list[list[str]] = []

    def skim(head: list[Line]) -> bool:
        heads.append([line.text for line in head])
        return True

    skimmed = _read(4, rapid_engine, skim)
    assert skimmed.skimmed
    assert not licence.skimmed
    assert heads
    assert heads[0][0].replace(" ", "").startswith("二、申报主体营业执照")
    full = _texts(licence)
    assert _texts(skimmed) == full[: len(_texts(skimmed))]  # the same first lines, read the same
    assert HEAD_ROWS <= len(_texts(skimmed)) < len(full)
    assert len(skimmed.tables) == len(licence.tables)  # the rulings are kept: a table may run on


def test_a_page_whose_head_fails_is_read_as_without_a_test(rapid_engine) -> None:
    plain = _read(1, rapid_engine)
    tested = _read(1, rapid_engine, lambda head: False)
    assert not tested.skimmed
    assert _texts(tested) == _texts(plain)
    assert [line.bbox for line in tested.all_lines()] == [line.bbox for line in plain.all_lines()]
