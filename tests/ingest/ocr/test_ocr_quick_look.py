"""The quick look for a page of evidence (:mod:`shenbao.ingest.ocr.skim`), with a fake engine:
which rows it probes, at which scale it detects, and what a failed look leaves behind."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shenbao.core.ocr import Quad
from shenbao.ingest.attachments import opens_heading
from shenbao.ingest.ocr import lines, page, skim, skimtest

PAGE_H, PAGE_W = 2339, 1654  # an A4 page at 200 dpi
ROW_H = 40


def _quad(x0: float, y0: float, x1: float, y1: float) -> Quad:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


class _Rows:
    """A fake engine for a page of printed rows: it detects them (in the image it is given,
    wherever that image starts on the page) and reads each crop as its row's text."""

    name = "rows"
    thread_safe = False

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        self.rows = rows  # (top y on the page, text)
        self.limits: list[tuple[int, int]] = []  # (image height, limit_side) of each detect
        self.read: list[str] = []

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[Quad]:
        self.limits.append((image.shape[0], limit_side))
        return [_quad(100, y, 100 + 40 * len(t), y + ROW_H) for y, t in self.rows if y + ROW_H <= image.shape[0]]

    def recognize(self, crops: Sequence[np.ndarray]) -> list[tuple[str, float]]:
        out = []
        for crop in crops:
            top = int(crop[0, 0, 0]) * 10  # each row's pixels carry its top y / 10
            text = next(t for y, t in self.rows if y == top)
            text = text[: round(crop.shape[1] / ROW_H)]  # a probe reads as many characters as it is wide
            self.read.append(text)
            out.append((text, 0.99))
        return out


def _image(rows: list[tuple[int, str]]) -> np.ndarray:
    image = np.full((PAGE_H, PAGE_W, 3), 255, np.uint8)
    for y, text in rows:
        image[y : y + ROW_H, 100 : 100 + 40 * len(text)] = y // 10
    return image


def _skim(opens_evidence=lambda text: text.startswith("附件")) -> skimtest.Skim:
    return skimtest.Skim(lambda head: True, opens_heading, opens_evidence)


def test_a_page_opening_with_an_evidence_heading_passes_at_the_coarse_scale() -> None:
    rows = [(200, "附件1：工业设备清单"), (300, "序号 设备名称"), (1500, "锅炉")]
    engine = _Rows(rows)
    assert skim.may_open_evidence(_image(rows), engine, _skim(), tables=[])
    [(band_height, limit)] = engine.limits
    assert band_height == int(PAGE_H * skim.BAND)
    assert limit == round(PAGE_W * skim.DET_LIMIT / PAGE_H)  # the band's long side at the page's coarse scale
    assert engine.read == ["附件1：工业设"]  # the opening only


def test_a_form_page_fails_it_having_read_one_opening() -> None:
    rows = [(150, "一、申报企业基本信息"), (230, "附件1：见后")]
    engine = _Rows(rows)
    assert not skim.may_open_evidence(_image(rows), engine, _skim(), tables=[])
    assert engine.read == ["一、申报企业基"]  # words that open no evidence: the page opens otherwise


def test_a_page_number_above_the_heading_does_not_end_the_look() -> None:
    rows = [(100, "-12-"), (180, "8"), (260, "附件1：工业设备清单")]
    engine = _Rows(rows)
    assert skim.may_open_evidence(_image(rows), engine, _skim(), tables=[])
    assert engine.read == ["-12-", "8", "附件1：工业设"]


def _by_words(text: str) -> bool | None:
    """附件 and two words cannot tell; the heading of 附件1 can."""
    if not text.startswith("附件"):
        return False
    return None if len(text) < 8 else "工业设备清单" in text


def test_an_opening_too_short_to_tell_is_read_as_the_whole_row() -> None:
    rows = [(200, "附件1：项目相关视频证明材料（光盘）说明")]
    engine = _Rows(rows)
    assert not skim.may_open_evidence(_image(rows), engine, _skim(_by_words), tables=[])
    assert engine.read == ["附件1：项目相", "附件1：项目相关视频证明材料（光盘）说明"]


def test_a_number_on_a_row_of_its_own_is_read_with_the_row_under_it() -> None:
    rows = [(200, "附件2"), (280, "工业设备清单"), (400, "序号 设备名称")]
    engine = _Rows(rows)
    assert skim.may_open_evidence(_image(rows), engine, _skim(_by_words), tables=[])
    assert engine.read == ["附件2", "附件2", "工业设备清单"]


def test_no_more_than_the_first_rows_are_probed() -> None:
    rows = [(100, "-12-"), (180, "8"), (260, "3"), (340, "附件1：工业设备清单")]
    engine = _Rows(rows)
    assert not skim.may_open_evidence(_image(rows), engine, _skim(), tables=[])
    assert len(engine.read) == skim.FIRST_ROWS


def test_rows_opening_inside_a_table_are_not_asked() -> None:
    rows = [(200, "附件1：工业设备清单")]
    engine = _Rows(rows)
    assert not skim.may_open_evidence(_image(rows), engine, _skim(), tables=[(50, 150, 1600, 600)])
    assert engine.read == []


def test_without_an_opening_test_there_is_no_look() -> None:
    rows = [(200, "附件1：工业设备清单")]
    engine = _Rows(rows)
    assert not skim.may_open_evidence(_image(rows), engine, _skim(None), tables=[])
    assert engine.limits == []


def test_a_head_that_fails_the_skim_test_reads_nothing_more() -> None:
    rows = [(100 + 60 * i, f"第{i}行文字内容") for i in range(12)]
    engine = _Rows(rows)
    views = page.Views(_image(rows), _image(rows))
    reading = page.Reading(1, PAGE_W / 595.0, engine, skimtest.Skim(lambda head: False, opens_heading))
    boxes = [(100.0, float(y), 100.0 + 40 * len(t), float(y + ROW_H)) for y, t in rows]
    assert reading.evidence_pieces(views, boxes) is None
    assert engine.read == [t for _, t in rows[: skim.HEAD_ROWS]]
    assert not reading.skimmed


def test_a_head_that_passes_keeps_its_rows_and_the_headings_below() -> None:
    rows = [(100 + 60 * i, f"第{i}行文字内容") for i in range(10)] + [(800, "附件2：工业模型清单"), (860, "模型名称")]
    engine = _Rows(rows)
    views = page.Views(_image(rows), _image(rows))
    reading = page.Reading(1, PAGE_W / 595.0, engine, _skim())
    boxes = [(100.0, float(y), 100.0 + 40 * len(t), float(y + ROW_H)) for y, t in rows]
    kept = reading.evidence_pieces(views, boxes)
    assert kept is not None
    assert reading.skimmed
    assert [lines.piece_text(p) for p in kept] == [t for _, t in rows[: skim.HEAD_ROWS]] + [
        "附件2：工业模型清单",
        "模型名称",
    ]


def test_only_the_part_above_the_first_table_is_detected() -> None:
    rows = [(200, "附件4：服务企业清单"), (450, "序号 企业名称")]
    engine = _Rows(rows)
    assert skim.may_open_evidence(_image(rows), engine, _skim(), tables=[(50, 400, 1600, 900)])
    assert engine.limits[0][0] == 400 + skim.TABLE_SLACK


def test_a_page_that_opens_with_a_table_is_not_looked_at() -> None:
    rows = [(40, "序号 企业名称")]
    engine = _Rows(rows)
    assert not skim.may_open_evidence(_image(rows), engine, _skim(), tables=[(50, 12, 1600, 900)])
    assert engine.limits == []


def _ruled(image: np.ndarray, top: int, rows: int, height: int) -> np.ndarray:
    """A two-column table drawn in black from ``top``: ``rows`` rows of ``height`` px."""
    for i in range(rows + 1):
        image[top + i * height : top + i * height + 3, 80:1500] = 0
    for x in (80, 700, 1497):
        image[top : top + rows * height + 3, x : x + 3] = 0
    return image


def test_under_a_heading_only_the_first_row_of_a_table_is_read() -> None:
    """附件1 over its list's table and 附件2 lower down: the heading, the table's first row (it
    keeps the two headings from standing on adjacent lines, which reads as a 目录) and the
    next heading with the row under it are read; the list's other rows are not."""
    rows = [(100, "附件1：工业设备清单")] + [(210 + 60 * i, f"设备{i}号") for i in range(5)]
    rows += [(600, "附件2：工业模型清单"), (680, "模型名称")]
    image = _ruled(_image(rows), 200, 5, 60)
    engine = _Rows(rows)
    reading = page.Reading(1, PAGE_W / 595.0, engine, _skim())
    boxes = [(100.0, float(y), 100.0 + 40 * len(t), float(y + ROW_H)) for y, t in rows]
    kept = reading.evidence_pieces(page.Views(image, image), boxes)
    assert kept is not None
    assert len(page.Views(image, image).marks(PAGE_W / 595.0).layout.tables) == 1
    assert [lines.piece_text(p) for p in kept] == ["附件1：工业设备清单", "设备0号", "附件2：工业模型清单", "模型名称"]
    assert not any(text.startswith("设备") and text != "设备0号" for text in engine.read)
