"""Real OCR (rapidocr, PP-OCRv6 small) of scan pages vs the born-digital page of the same form."""

from __future__ import annotations

import collections

import pdfplumber
import pytest
from ocr_support import WUHAN_01, norm, scan_page, text_pdf
from tests_support import truth_of

from shenbao.core.errors import OcrError
from shenbao.ingest.document import EMPTY, TICKED, Page
from shenbao.ingest.ocr import prepare
from shenbao.ingest.ocr.page import ocr_page

pytestmark = pytest.mark.slow
WIDTH, HEIGHT = 595.44, 842.04


def _digital_cells(index: int) -> list[str]:
    with pdfplumber.open(text_pdf(WUHAN_01)) as pdf:
        return [norm(c) for t in pdf.pages[index].find_tables() for row in t.extract() for c in row if c is not None]


def _digital_text(index: int) -> str:
    with pdfplumber.open(text_pdf(WUHAN_01)) as pdf:
        return norm(pdf.pages[index].extract_text())


def _cell_match(page: Page, want: list[str]) -> float:
    got = collections.Counter(norm(c.text) for t in page.tables for c in t.cells)
    hits = 0
    for text in want:
        if got[text] > 0:
            got[text] -= 1
            hits += 1
    return hits / len(want)


@pytest.fixture(scope="module")
def form_page(rapid_engine) -> Page:
    return ocr_page(scan_page(WUHAN_01, 2), number=3, width_pt=WIDTH, height_pt=HEIGHT, engine=rapid_engine)


def test_cells_read_as_printed(form_page):
    """Share of the born-digital cells whose text the scan gives exactly (whitespace-free)."""
    assert _cell_match(form_page, _digital_cells(2)) >= 0.95


def test_checkbox_states_come_from_pixels(form_page):
    cells = {(t_i, c.row, c.col): c.text for t_i, t in enumerate(form_page.tables) for c in t.cells}
    category = cells[(1, 1, 1)].splitlines()
    assert [line[0] for line in category] == [EMPTY, EMPTY, EMPTY, EMPTY, TICKED]
    assert [cells[(2, r, 1)] for r in range(3)] == [f"{TICKED}是 {EMPTY}否"] * 3


def test_truth_values_on_the_page_are_read(form_page):
    printed = _digital_text(2)
    values = [
        norm(str(v))
        for v in truth_of(text_pdf(WUHAN_01))["fields"].values()
        if isinstance(v, (str, int, float)) and not isinstance(v, bool)
    ]
    on_page = [v for v in values if len(v) >= 2 and v in printed]
    cell_text = "|".join(norm(c.text) for t in form_page.tables for c in t.cells)
    found = [v for v in on_page if v in cell_text]
    assert len(on_page) >= 8
    assert len(found) / len(on_page) >= 0.9


def test_wrapped_value_stays_in_its_cell(form_page):
    first = form_page.tables[0]
    code = next(c for c in first.cells if (c.row, c.col) == (1, 1))
    email = next(c for c in first.cells if (c.row, c.col) == (5, 3))
    assert norm(code.text) == "91420117MAGMACGL76"
    assert len(code.lines) == 2
    assert norm(email.text) == "chenchunjun@hongtutech.cn"
    assert code.lines[0].bbox[1] < code.lines[1].bbox[1]


def test_geometry_in_points_and_order(form_page):
    assert (form_page.width, form_page.height) == (WIDTH, HEIGHT)
    assert form_page.source == "ocr"
    for table in form_page.tables:
        for cell in table.cells:
            x0, y0, x1, y1 = cell.bbox
            for line in cell.lines:
                lx0, ly0, lx1, ly1 = line.bbox
                assert x0 - 2 <= lx0 < lx1 <= x1 + 2
                assert y0 - 2 <= ly0 < ly1 <= y1 + 2
    tops = [line.bbox[1] for line in form_page.lines]
    assert tops == sorted(tops)
    assert norm(form_page.lines[0].text) == norm("一、申报项目简表")
    lines = list(form_page.all_lines())
    assert all(line.page == 3 and line.source == "ocr" for line in lines)
    assert all(0.0 < line.confidence <= 1.0 for line in lines)
    assert min(line.confidence for line in lines) < 1.0  # recognizer scores, not a constant


@pytest.mark.parametrize("turns", [1, 2])
def test_turned_page_reads_like_the_upright_one(rapid_engine, turns):
    upright_image = scan_page(WUHAN_01, 3)
    turned = prepare.rotate_quarter(upright_image, turns)
    h, w = turned.shape[:2]
    page = ocr_page(turned, number=4, width_pt=w * 72 / 200, height_pt=h * 72 / 200, engine=rapid_engine)
    assert page.width < page.height  # reported upright
    assert _cell_match(page, [c for c in _digital_cells(3) if c]) >= 0.9


def test_not_an_image_is_an_ocr_error(rapid_engine):
    with pytest.raises(OcrError) as info:
        ocr_page(None, number=7, width_pt=WIDTH, height_pt=HEIGHT, engine=rapid_engine)  # type: ignore[arg-type]
    assert info.value.page == 7


def test_values_under_a_seal(rapid_engine):
    """A seal stamped over a table: with the seal step the values under it are read and
    the seal's own text (company name, serial number) stays out of the cells."""
    from ocr_support import SAMPLES

    stem = SAMPLES / "hunan-2023-platform" / "hunan-2023-platform-dev-01"
    image = scan_page(stem, 4)
    under_seal = {"硬件设备费", "服务器", "软件设备费", "低代码开发平台", "云服务费用"}

    def cells(remove_seals: bool) -> set[str]:
        page = ocr_page(
            image, number=5, width_pt=WIDTH, height_pt=HEIGHT, engine=rapid_engine, remove_seals=remove_seals
        )
        return {norm(c.text) for t in page.tables for c in t.cells}

    assert under_seal <= cells(True)
    assert not under_seal <= cells(False)  # the step is what makes the difference
