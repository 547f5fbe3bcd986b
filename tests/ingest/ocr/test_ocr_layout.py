"""Table grids found on scans, compared with pdfplumber's grid of the born-digital page."""

from __future__ import annotations

import cv2
import numpy as np
import pdfplumber
import pytest
from ocr_support import SAMPLES, WUHAN_01, scan_page, text_pdf

from shenbao.ingest.ocr import layout, prepare

PX_PER_PT = 200 / 72


def plumber_structure(pdf_path, index):
    """Per table: sorted (row, col, rowspan, colspan) of pdfplumber's cells."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for table in pdf.pages[index].find_tables():
            cells = [c for row in table.rows for c in row.cells if c]
            xs = sorted({round(v) for c in cells for v in (c[0], c[2])})
            ys = sorted({round(v) for c in cells for v in (c[1], c[3])})
            out.append(
                sorted(
                    (
                        ys.index(round(c[1])),
                        xs.index(round(c[0])),
                        ys.index(round(c[3])) - ys.index(round(c[1])),
                        xs.index(round(c[2])) - xs.index(round(c[0])),
                    )
                    for c in cells
                )
            )
    return out


def scan_structure(image):
    level, _ = prepare.level(image)
    found = layout.analyse(prepare.ink_mask(level), PX_PER_PT)
    return [sorted((c.row, c.col, c.rowspan, c.colspan) for c in t.cells) for t in found.tables], found


@pytest.mark.parametrize(
    ("stem", "index"),
    [
        (WUHAN_01, 2),  # merged cells (colspan 3) and a wrapped credit code
        (WUHAN_01, 3),  # a seal over the last table
        (SAMPLES / "hunan-2023-platform" / "hunan-2023-platform-dev-01", 3),
        (SAMPLES / "miit-2022-shuangkua" / "miit-2022-shuangkua-dev-01", 4),  # lone frame: no table
        (SAMPLES / "miit-2023-pilot" / "miit-2023-pilot-dev-01", 1),
    ],
)
def test_scan_grid_equals_pdfplumber_grid(stem, index):
    got, _ = scan_structure(scan_page(stem, index))
    assert got == plumber_structure(text_pdf(stem), index)


def test_merged_cell_is_one_cell_with_spans():
    _, found = scan_structure(scan_page(WUHAN_01, 2))
    first = found.tables[0]
    name_value = [c for c in first.cells if c.row == 0 and c.col == 1]
    assert len(name_value) == 1
    assert name_value[0].colspan == 3
    assert len(first.rows) == 7
    assert len(first.cols) == 5


def test_synthetic_grid_with_underline_and_text_dash():
    image = np.full((400, 700, 3), 250, np.uint8)
    black = (20, 20, 20)
    for y in (50, 100, 150):
        cv2.line(image, (50, y), (650, y), black, 2)
    for x in (50, 250, 650):
        cv2.line(image, (x, 50), (x, 150), black, 2)
    cv2.line(image, (450, 100), (450, 150), black, 2)  # second row split in two
    cv2.line(image, (280, 80), (380, 80), black, 2)  # a dash inside a cell: not a row border
    cv2.line(image, (100, 300), (400, 300), black, 2)  # an underline blank outside the table
    found = layout.analyse(prepare.ink_mask(image), PX_PER_PT)
    assert len(found.tables) == 1
    cells = sorted((c.row, c.col, c.rowspan, c.colspan) for c in found.tables[0].cells)
    assert cells == [(0, 0, 1, 1), (0, 1, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1)]
    assert [round(u.pos) for u in found.underlines] == [300]
