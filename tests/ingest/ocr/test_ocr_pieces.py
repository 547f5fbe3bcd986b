"""Detected boxes cut at cell borders and at check boxes; pieces joined into lines."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shenbao.core.ocr import Quad
from shenbao.ingest.attachments import opens_heading
from shenbao.ingest.ocr import cut, lines, page, skimtest
from shenbao.ingest.ocr.checkbox import Checkbox


def test_box_crossing_a_cell_border_is_split_per_cell():
    cells = [(0, 0, 300, 60), (300, 0, 800, 60)]
    pieces = cut.cut_at_cells([(20, 15, 520, 45)], cells)
    assert [p.cell for p in pieces] == [0, 1]
    left, right = (p.box for p in pieces)
    assert left[2] <= 300 - cut.INSET
    assert right[0] >= 300 + cut.INSET


def test_sliver_over_a_border_is_not_a_piece():
    cells = [(0, 0, 300, 60), (300, 0, 800, 60)]
    pieces = cut.cut_at_cells([(20, 15, 305, 45)], cells)
    assert [p.cell for p in pieces] == [0]


def test_box_outside_tables_stays_whole():
    pieces = cut.cut_at_cells([(20, 100, 500, 130)], [(0, 0, 300, 60)])
    assert [(p.cell, p.box) for p in pieces] == [(None, (20, 100, 500, 130))]


def test_box_cut_at_check_boxes_and_text_assembled():
    boxes = [Checkbox((100, 10, 124, 34), True, 0.3), Checkbox((300, 10, 324, 34), False, 0.0)]
    parts = cut.cut_at_checkboxes((98, 5, 420, 40), boxes)
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


class _ByShade:
    """A fake recognizer: each piece is painted its own grey; a crop reads as its piece's text,
    or as the text's first characters when the crop is narrower than the piece (a probe)."""

    name = "by-shade"
    thread_safe = False

    def __init__(self, texts: list[str], widths: list[int]) -> None:
        self.texts, self.widths = texts, widths
        self.calls: list[tuple[int, bool]] = []

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[Quad]:
        return []

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        out = []
        for crop in crops:
            index = int(crop[0, 0, 0]) - 1
            probe = crop.shape[1] < self.widths[index]
            self.calls.append((index, probe))
            out.append((self.texts[index][:6] if probe else self.texts[index], 0.99))
        return out


def test_a_skimmed_page_reads_lower_headings_with_the_row_under_each():
    """Rows 0-5 are the head; below, only rows opening outside the tables are probed, and a
    heading is read whole with the row under it (which keeps 附件2 and 附件3 from looking
    like a list); table rows and plain text are not read."""
    rows = [
        ("附件1：工业设备清单", None),
        *[(str(n), 0) for n in range(1, 6)],
        ("注塑机", 0),
        ("附件2：工业模型清单", None),
        ("序号", 1),
        ("锅炉燃烧优化模型", 1),
        ("附件3：工业APP清单", None),
        ("远程运维 安全生产", None),
        ("名称 东方自动化集团", None),
    ]
    image = np.zeros((40 * len(rows), 1200, 3), np.uint8)
    pieces, widths = [], []
    for i, (text, cell) in enumerate(rows):
        width = 60 * len(text)
        image[40 * i + 5 : 40 * i + 35, 20 : 20 + width] = i + 1
        pieces.append(
            lines.Piece(
                (20, 40 * i + 5, 20 + width, 40 * i + 35),
                cell,
                parts=[("ocr", (20, 40 * i + 5, 20 + width, 40 * i + 35), 0.0)],
            )
        )
        widths.append(width)
    engine = _ByShade([t for t, _ in rows], widths)
    reading = page.Reading(1, 2.0, engine, skimtest.Skim(lambda head: True, opens_heading))
    read = reading._recognized(image, pieces)
    assert [lines.piece_text(p) for p in read] == [
        *[t for t, _ in rows[:6]],
        "附件2：工业模型清单",
        "序号",
        "附件3：工业APP清单",
        "远程运维 安全生产",
    ]
    assert sorted(i for i, probe in engine.calls if probe) == [7, 10, 11, 12]
