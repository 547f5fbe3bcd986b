"""Detected boxes cut at cell borders and at check boxes; pieces joined into lines."""

from __future__ import annotations

from shenbao.ingest.ocr import lines, page
from shenbao.ingest.ocr.checkbox import Checkbox


def test_box_crossing_a_cell_border_is_split_per_cell():
    cells = [(0, 0, 300, 60), (300, 0, 800, 60)]
    pieces = page._cut_at_cells([(20, 15, 520, 45)], cells)
    assert [p.cell for p in pieces] == [0, 1]
    left, right = (p.box for p in pieces)
    assert left[2] <= 300 - page.INSET
    assert right[0] >= 300 + page.INSET


def test_sliver_over_a_border_is_not_a_piece():
    cells = [(0, 0, 300, 60), (300, 0, 800, 60)]
    pieces = page._cut_at_cells([(20, 15, 305, 45)], cells)
    assert [p.cell for p in pieces] == [0]


def test_box_outside_tables_stays_whole():
    pieces = page._cut_at_cells([(20, 100, 500, 130)], [(0, 0, 300, 60)])
    assert [(p.cell, p.box) for p in pieces] == [(None, (20, 100, 500, 130))]


def test_box_cut_at_check_boxes_and_text_assembled():
    boxes = [Checkbox((100, 10, 124, 34), True, 0.3), Checkbox((300, 10, 324, 34), False, 0.0)]
    parts = page._cut_at_checkboxes((98, 5, 420, 40), boxes)
    assert [kind for kind, _, _ in parts] == ["☑", "ocr", "□", "ocr"]
    assert parts[1][1][0] > 124
    assert parts[1][1][2] < 300
    piece = lines.Piece((98, 5, 420, 40), None, parts=parts, texts=["☑", "自建", "□", "合作共建"])
    assert lines.piece_text(piece) == "☑自建 □合作共建"


def test_pieces_on_one_row_join_and_rows_order_top_down():
    def piece(box, text):
        p = lines.Piece(box, None, parts=[("ocr", box, 0.0)])
        p.texts, p.confidences = [text], [0.9]
        return p

    printed = lines.lines_of(
        [
            piece((360, 100, 600, 130), "宏图工业"),
            piece((50, 100, 300, 130), "申报单位："),
            piece((50, 20, 300, 50), "封面"),
        ],
        number=1,
        px_per_pt=2.0,
    )
    assert [line.text for line in printed] == ["封面", "申报单位： 宏图工业"]
    assert printed[1].bbox == (25.0, 50.0, 300.0, 65.0)
    assert printed[1].confidence == 0.9
