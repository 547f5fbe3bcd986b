"""A skim test reads a scanned page's first rows first, and no more when they pass it, but for
the lower rows that open like a heading.

Real OCR on the Wuhan scan's licence copy (page 5: 二、申报主体营业执照) and its 目录 (page 2).
"""

from __future__ import annotations

import numpy as np
import pytest
from ocr_support import WUHAN_01, norm, scan_page

from shenbao.ingest import pipeline
from shenbao.ingest.attachments import opens_heading
from shenbao.ingest.document import Line, Page
from shenbao.ingest.ocr import page
from shenbao.ingest.ocr.page import ocr_page
from shenbao.ingest.ocr.skim import DET_LIMIT, HEAD_ROWS
from shenbao.ingest.ocr.skimtest import Skim
from shenbao.plugins.manager import get_manager

pytestmark = pytest.mark.slow
WIDTH, HEIGHT = 595.44, 842.04
PX = 200 / 72  # the scans are rendered at 200 dpi


def _read(image: np.ndarray, number: int, engine, skim: Skim | None = None) -> Page:
    return ocr_page(image, number=number, width_pt=WIDTH, height_pt=HEIGHT, engine=engine, skim=skim)


def _texts(page: Page) -> list[str]:
    return [line.text for line in sorted(page.all_lines(), key=lambda ln: (ln.bbox[1], ln.bbox[0]))]


def _always(head: list[Line]) -> bool:
    return True


@pytest.fixture(scope="module")
def licence(rapid_engine) -> Page:
    return _read(scan_page(WUHAN_01, 4), 5, rapid_engine)


def test_a_page_whose_head_passes_keeps_its_head_only(licence: Page, rapid_engine) -> None:
    heads: list[list[str]] = []

    def head(lines: list[Line]) -> bool:
        heads.append([line.text for line in lines])
        return True

    skimmed = _read(scan_page(WUHAN_01, 4), 5, rapid_engine, Skim(head, opens_heading))
    assert skimmed.skimmed
    assert not licence.skimmed
    assert heads
    assert heads[0][0].replace(" ", "").startswith("二、申报主体营业执照")
    full = _texts(licence)
    assert _texts(skimmed) == full[: len(_texts(skimmed))]  # the same first lines, read the same
    assert HEAD_ROWS <= len(_texts(skimmed)) < len(full)
    assert len(skimmed.tables) == len(licence.tables)  # the rulings are kept: a table may run on


def test_a_heading_lower_down_a_skimmed_page_is_read(rapid_engine) -> None:
    """The next attachment's heading printed under a short one (here page 6's heading, pasted
    into the blank lower half of the licence page) is on the skimmed page too."""
    page = scan_page(WUHAN_01, 4).copy()
    heading = scan_page(WUHAN_01, 5)[int(70 * PX) : int(102 * PX)]
    top = int(600 * PX)
    page[top : top + heading.shape[0]] = heading
    found = _read(page, 5, rapid_engine, Skim(_always, opens_heading))
    missed = _read(page, 5, rapid_engine, Skim(_always, lambda opening: False))
    assert found.skimmed
    assert any(t.replace(" ", "").startswith("三、申报材料") for t in _texts(found)[HEAD_ROWS:])
    assert not any(t.replace(" ", "").startswith("三、申报材料") for t in _texts(missed))


def test_a_page_whose_head_fails_is_read_as_without_a_test(rapid_engine) -> None:
    image = scan_page(WUHAN_01, 1)
    plain = _read(image, 2, rapid_engine)
    tested = _read(image, 2, rapid_engine, Skim(lambda head: False, opens_heading))
    assert not tested.skimmed
    assert _texts(tested) == _texts(plain)
    assert [line.bbox for line in tested.all_lines()] == [line.bbox for line in plain.all_lines()]


class _Scales:
    """The real engine, noting the scale of every detection."""

    name = "scales"
    thread_safe = False

    def __init__(self, engine) -> None:
        self.engine = engine
        self.limits: list[int] = []

    def detect(self, image: np.ndarray, *, limit_side: int = 1280):
        self.limits.append(round(limit_side * max(HEIGHT, WIDTH) * PX / max(image.shape[:2])))  # the page's scale
        return self.engine.detect(image, limit_side=limit_side)

    def recognize(self, crops):
        return self.engine.recognize(crops)


@pytest.fixture(scope="module")
def installed_skim() -> Skim:
    notices = list(get_manager().notices.values())
    skim = pipeline._skim(notices, None)
    assert skim is not None
    return skim


def test_a_licence_copy_is_read_from_coarse_boxes_only(licence: Page, rapid_engine, installed_skim: Skim) -> None:
    engine = _Scales(rapid_engine)
    looked = _read(scan_page(WUHAN_01, 4), 5, engine, installed_skim)
    assert looked.skimmed
    assert engine.limits
    assert all(limit <= DET_LIMIT + 1 for limit in engine.limits)  # never the full scale
    assert norm(_texts(looked)[0]) == norm(_texts(licence)[0]) == "二、申报主体营业执照"


def test_a_form_page_is_read_at_full_scale_as_without_the_look(rapid_engine, installed_skim: Skim) -> None:
    image = scan_page(WUHAN_01, 2)  # the 简表
    plain = _read(image, 3, rapid_engine)
    engine = _Scales(rapid_engine)
    looked = _read(image, 3, engine, installed_skim)
    assert not looked.skimmed
    assert max(engine.limits) == page.DET_LIMIT
    assert _texts(looked) == _texts(plain)
    assert [line.bbox for line in looked.all_lines()] == [line.bbox for line in plain.all_lines()]
