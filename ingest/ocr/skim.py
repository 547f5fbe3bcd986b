"""Scanned evidence pages (a licence copy, contracts, certificates) are read for their heading.

No later step reads an evidence page but for the heading that says which attachment it
opens (and a heading lower down, where the next attachment starts on the same page). Such
a page is found in two looks, each cheap, before the page is detected at full scale:

1. :func:`may_open_evidence`: the top :data:`BAND` of the page, above its first table, is
   detected at the coarse scale :data:`DET_LIMIT` and the opening of its first row (a few
   characters) is recognized. A form page, whose first row opens nothing like an evidence
   heading, costs this look only: at most 1/13 of a full detection and the read of a few
   characters (:data:`OPENING_CHARS` line heights).
2. Only when an opening may start one, :mod:`.page` detects the whole page at the coarse
   scale and reads its first :data:`HEAD_ROWS` rows (of a table there, its first row only);
   when :attr:`Skim.head` takes them for evidence, the page is built from them and its
   heading rows (:attr:`Skim.opens_heading`).

A page that fails either look is read as ever: detected at full scale, every line
recognized (and still skimmed when its head passes, as before the looks existed). Headings
are printed large and apart, so the coarse scale finds them; the fields are on the pages
that fail, which never see it.
"""

from __future__ import annotations

import numpy as np

from shenbao.core.ocr import OcrEngine, box_of, crop_box
from shenbao.ingest.ocr.cut import centre_in
from shenbao.ingest.ocr.lines import Box, Piece, rows_of
from shenbao.ingest.ocr.skimtest import Skim

HEAD_ROWS = 6  # printed rows recognized first when a Skim test is given
PROBE_CHARS = 5  # of a skimmed page's lower rows, this many line heights are read from the left
OPENING_CHARS = 7  # ... and of a page's first rows: 附件1：工业设备, four of a label's words
# The quick look. An attachment heading counts among a page's first three lines
# (shenbao.ingest.attachments.HEAD_LINES), so three rows are probed, in the top 30 % of the
# page, detected with the page's longer side at 640 px: a quarter of the full scale's
# pixels, which still finds every heading of the wild scans (12-16 pt, 9-12 px high there).
FIRST_ROWS = 3
BAND = 0.3
DET_LIMIT = 640
TABLE_SLACK = 8  # px below a table's top ruling still searched: a heading's box may reach it


def opening(box: Box, chars: int = PROBE_CHARS) -> Box:
    """The first ``chars`` line heights of a box (a row's opening characters)."""
    x0, y0, x1, y1 = box
    return (x0, y0, min(x1, x0 + chars * (y1 - y0)), y1)


def coarse_boxes(engine: OcrEngine, image: np.ndarray, page_side: int) -> list[Box]:
    """Text boxes of ``image`` (a page or a band of one whose longer side is ``page_side``
    px), detected at the scale that gives the page's longer side :data:`DET_LIMIT` px."""
    limit = max(32, round(max(image.shape[:2]) * DET_LIMIT / page_side))
    return [box_of(quad) for quad in engine.detect(image, limit_side=limit)]


def may_open_evidence(image: np.ndarray, engine: OcrEngine, skim: Skim, tables: list[Box]) -> bool:
    """The quick look: whether the page ``image`` (level) opens like an evidence heading (see
    the module text). Its first rows in the top :data:`BAND` are probed one at a time, and the
    look ends at the first that reads as words (:func:`reads_as_words`): a heading opens the
    page, a page number or a speck above it does not count. An opening too short to tell
    (附件1：项目) is read again as the whole row, and a row that is only a number (附件2) with
    the row under it. Only the part above the first of the ``tables`` is detected, and rows
    opening inside a table are not asked: a heading is printed above its table, and the
    cells of a form (序号 8, 工业APP种类) would open like one too often."""
    if skim.opens_evidence is None:
        return False
    above_tables = min([int(image.shape[0] * BAND)] + [round(table[1]) + TABLE_SLACK for table in tables])
    if above_tables < 32:
        return False  # the page opens with a table: no heading above it
    band = image[:above_tables]
    boxes = coarse_boxes(engine, band, max(image.shape[:2]))
    firsts = [row[0].box for row in rows_of([Piece(box, None) for box in boxes])[:FIRST_ROWS]]
    for i, box in enumerate(firsts):
        if any(centre_in(box, table) for table in tables):
            continue
        text = _read(engine, image, opening(box, OPENING_CHARS))
        verdict = skim.opens_evidence(text)
        if verdict is None:
            text = _read(engine, image, box)
            verdict = skim.opens_evidence(text)
        if verdict is None and i + 1 < len(firsts):  # a heading set on two rows: 附件2 / its title
            verdict = skim.opens_evidence(text + "：" + _read(engine, image, firsts[i + 1]))
        if verdict is not False:
            return True
        if reads_as_words(text):
            return False
    return False


def _read(engine: OcrEngine, image: np.ndarray, box: Box) -> str:
    [(text, _)] = engine.recognize([crop_box(image, box)])
    return text


def reads_as_words(text: str) -> bool:
    """Two Chinese characters or more: the opening of a line of text, not a page number,
    a rule's end or a speck read as a mark."""
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) >= 2
