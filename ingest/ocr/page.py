"""One image page → :class:`shenbao.ingest.document.Page` (``source="ocr"``).

Pipeline (on a level copy of the page, kept twice: as scanned for rulings and check
boxes, and with red seal ink removed for the text models):

1. level the page (:mod:`.prepare`), remove seal ink; given a :class:`~.skimtest.Skim`, take
   the quick looks of :mod:`.skim` for a page of evidence, and read one that opens with an
   evidence heading from coarse boxes (below);
2. detect text boxes at a reduced resolution (``DET_LIMIT``); turn the page when the boxes
   say it is sideways;
3. find tables and cells from the rulings (:mod:`.layout`) and check boxes from the
   pixels (:mod:`.checkbox`);
4. cut every detected box at cell borders (a box crossing a ruling becomes one piece per
   cell, each clipped inside the cell so the ruling is not read as ``1`` or ``|``) and at
   check boxes (the box glyph is not OCR'd: its state goes into the text as ☑/□);
5. recognize all pieces in one batch (an empty cell has no box, so costs nothing); a page
   that reads badly is tried upside down; repair impossible thousands separators. Given a
   Skim, the first rows are recognized first, and of a page whose head passes it (the
   heading of a licence copy, say) only the lower rows that open like a heading;
6. join the pieces of one printed line, put lines into cells, order them, convert
   pixels to PDF points.

Boxes in the result are in points of the *level, upright* page, origin top-left. For a
page that had to be turned a quarter, width and height are swapped accordingly.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np

from shenbao.core.errors import OcrError
from shenbao.core.ocr import OcrEngine, box_of, crop_box
from shenbao.ingest.document import Page
from shenbao.ingest.ocr import checkbox as cb
from shenbao.ingest.ocr import layout as lay
from shenbao.ingest.ocr import prepare
from shenbao.ingest.ocr.cut import cut_at_cells, cut_at_checkboxes, orphan_checkboxes
from shenbao.ingest.ocr.lines import Box, Piece, build_page, lines_of, piece_text, rows_of
from shenbao.ingest.ocr.skim import HEAD_ROWS, coarse_boxes, may_open_evidence, opening
from shenbao.ingest.ocr.skimtest import Skim

log = logging.getLogger(__name__)

DET_LIMIT = 1280  # px, longer side of the image the detector sees
FLIP_CHECK_BELOW = 0.75  # mean confidence under which the page is tried upside down


def ocr_page(
    image: np.ndarray,
    *,
    number: int,
    width_pt: float,
    height_pt: float,
    engine: OcrEngine,
    remove_seals: bool = True,
    skim: Skim | None = None,
) -> Page:
    """OCR one page image (BGR) into the page model. Raises :class:`OcrError`.

    ``remove_seals``: take red seal ink out before detection and recognition (black text
    under a seal kept); see :func:`shenbao.ingest.ocr.prepare.suppress_seal`. ``skim``: a
    page whose first rows pass it keeps those and the lower rows that open like a heading
    (``Page.skimmed``).
    """
    bgr = _as_bgr(image, number)
    try:
        return _read_page(bgr, number, width_pt, height_pt, engine, remove_seals, skim)
    except OcrError as exc:
        exc.page = number if exc.page is None else exc.page  # the engine knows no page numbers
        raise
    except Exception as exc:  # engine/OpenCV failure on this page: one clear line
        raise OcrError(f"OCR failed: {type(exc).__name__}: {exc}", page=number) from exc


def _as_bgr(image: np.ndarray, number: int) -> np.ndarray:
    if not isinstance(image, np.ndarray) or image.ndim not in (2, 3) or min(image.shape[:2]) < 16:
        raise OcrError("page image is empty or not an image", page=number)
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 2:
        return np.repeat(image[:, :, None], 3, axis=2)
    if image.shape[2] == 4:
        return np.ascontiguousarray(image[:, :, :3])
    return np.ascontiguousarray(image)


def _detect_boxes(engine: OcrEngine, image: np.ndarray) -> list[Box]:
    """Text boxes of the whole page scaled to ``DET_LIMIT``.

    Detecting on the inked part only (the margins are paper) at the same scale halved the
    detector's work, but lost lines: DB's output at one scale is not its output on a crop of
    the same image (a cover's 申报单位 line and a 7 in 视频时长 were gone on the shared scans).
    """
    return [box_of(quad) for quad in engine.detect(image, limit_side=DET_LIMIT)]


@dataclass
class Marks:
    """What a level page prints besides text: its tables (and their cells) and check boxes."""

    layout: lay.Layout
    cells: list[tuple[int, lay.GridCell]]
    checkboxes: list[cb.Checkbox]

    @property
    def cell_boxes(self) -> list[Box]:
        return [c.box for _, c in self.cells]

    @property
    def table_boxes(self) -> list[Box]:
        return [table.box for table in self.layout.tables]


@dataclass
class Views:
    """One level page twice: as scanned (rulings, check boxes: the ink mask drops seals by
    itself) and prepared for the text models (seal ink removed more strictly)."""

    raw: np.ndarray
    text: np.ndarray
    _marks: Marks | None = field(default=None, repr=False)

    def turned(self, quarter_turns: int) -> Views:
        return Views(prepare.rotate_quarter(self.raw, quarter_turns), prepare.rotate_quarter(self.text, quarter_turns))

    def marks(self, px_per_pt: float) -> Marks:
        """Tables and check boxes, found once per view (a quick look that fails hands them on
        to the full read); ``px_per_pt`` is the view's, the same at every call."""
        if self._marks is None:
            ink = prepare.ink_mask(self.raw)
            layout = lay.analyse(ink, px_per_pt)
            cells = [(t, c) for t, table in enumerate(layout.tables) for c in table.cells]
            self._marks = Marks(layout, cells, cb.find_checkboxes(ink, px_per_pt, rulings=layout.rulings))
        return self._marks


def _views(level: np.ndarray, remove_seals: bool) -> Views:
    text = prepare.suppress_seal(level, dark=prepare.SEAL_TEXT_DARK) if remove_seals else level
    return Views(level, text)


def _upright(views: Views, image: np.ndarray, engine: OcrEngine, remove_seals: bool) -> tuple[Views, list[Box], int]:
    """The level page's views, their text boxes and the quarter turns applied (0, or 1/3 when
    sideways: then ``image``, the page as given, is turned and levelled again)."""
    boxes = _detect_boxes(engine, views.text)
    if not prepare.is_sideways(boxes):
        return views, boxes, 0
    best: tuple[float, int] | None = None
    for turns in (1, 3):
        turned, _ = prepare.level(prepare.rotate_quarter(image, turns))
        turned_views = _views(turned, remove_seals)
        turned_boxes = _detect_boxes(engine, turned_views.text)
        score = _sample_confidence(engine, turned_views.text, turned_boxes)
        if best is None or score > best[0]:
            best = (score, turns)
            views, boxes = turned_views, turned_boxes
    return views, boxes, best[1] if best else 0


def _sample_confidence(engine: OcrEngine, image: np.ndarray, boxes: list[Box], n: int = 6) -> float:
    widest = sorted(boxes, key=lambda b: b[0] - b[2])[:n]
    if not widest:
        return 0.0
    results = engine.recognize([crop_box(image, b) for b in widest])
    return float(np.mean([conf for _, conf in results]))


def _flip_boxes(boxes: list[Box], width: int, height: int) -> list[Box]:
    return [(width - x1, height - y1, width - x0, height - y0) for x0, y0, x1, y1 in boxes]


def _read_page(
    image: np.ndarray,
    number: int,
    width_pt: float,
    height_pt: float,
    engine: OcrEngine,
    remove_seals: bool,
    skim: Skim | None = None,
) -> Page:
    level, _ = prepare.level(image)
    views = _views(level, remove_seals)
    if skim is not None:
        evidence = _evidence_page(views, number, width_pt, height_pt, engine, skim)
        if evidence is not None:
            return evidence
    views, boxes, turns = _upright(views, image, engine, remove_seals)
    if turns % 2:
        width_pt, height_pt = height_pt, width_pt
    height_px, width_px = views.raw.shape[:2]
    px_per_pt = width_px / width_pt
    reading = Reading(number, px_per_pt, engine, skim)
    pieces = reading.pieces(views, boxes)
    if pieces and _mean_confidence(pieces) < FLIP_CHECK_BELOW:
        flipped = views.turned(2)
        flipped_boxes = _flip_boxes(boxes, width_px, height_px)
        if (
            _sample_confidence(engine, flipped.text, flipped_boxes)
            > _sample_confidence(engine, views.text, boxes) + 0.1
        ):
            log.info("page %d read upside down; turned", number)
            views, boxes = flipped, flipped_boxes
            turns += 2
            pieces = reading.pieces(views, boxes)
    page = _built(views, reading, pieces, width_pt, height_pt)
    page.turns = (4 - turns % 4) % 4  # the image was turned counter-clockwise; Page.turns counts clockwise
    return page


def _evidence_page(
    views: Views, number: int, width_pt: float, height_pt: float, engine: OcrEngine, skim: Skim
) -> Page | None:
    """The page read as a skimmed page from its coarse boxes when the two looks of :mod:`.skim`
    say it opens evidence; None when the first says no, the boxes lie sideways or the head
    of the page is not evidence after all."""
    px_per_pt = views.raw.shape[1] / width_pt
    if not may_open_evidence(views.text, engine, skim, views.marks(px_per_pt).table_boxes):
        return None
    boxes = coarse_boxes(engine, views.text, max(views.text.shape[:2]))
    if prepare.is_sideways(boxes):
        return None
    reading = Reading(number, px_per_pt, engine, skim)
    pieces = reading.evidence_pieces(views, boxes)
    if pieces is None:
        return None
    return _built(views, reading, pieces, width_pt, height_pt)


def _built(views: Views, reading: Reading, pieces: list[Piece], width_pt: float, height_pt: float) -> Page:
    """The page model of ``pieces`` read from ``views``, in the view's tables and cells."""
    marks = views.marks(reading.px_per_pt)
    page = build_page(reading.number, width_pt, height_pt, reading.px_per_pt, pieces, marks.layout.tables, marks.cells)
    page.skimmed = reading.skimmed
    return page


def _mean_confidence(pieces: list[Piece]) -> float:
    values = [c for p in pieces for c in p.confidences]
    return float(np.mean(values)) if values else 1.0


@dataclass
class Reading:
    """How one page is read: its number and scale, the engine, and the skim test if any."""

    number: int
    px_per_pt: float
    engine: OcrEngine
    skim: Skim | None = None
    skimmed: bool = False

    def pieces(self, views: Views, boxes: list[Box]) -> list[Piece]:
        """The page's recognized pieces (empty ones dropped)."""
        pieces = self._recognized(views.text, self._cut(views, boxes))
        return [p for p in pieces if piece_text(p).strip()]

    def evidence_pieces(self, views: Views, boxes: list[Box]) -> list[Piece] | None:
        """The pieces a skimmed page keeps (its head and heading rows), or None, with nothing
        more read, when its head does not pass the skim test."""
        rows = rows_of(self._cut(views, boxes))
        head = self._head(views.text, rows, table_rows=False)
        if head is None:
            return None
        return [p for p in head if piece_text(p).strip()]

    def _cut(self, views: Views, boxes: list[Box]) -> list[Piece]:
        """``boxes`` cut at cell borders and at check boxes, nothing recognized yet."""
        marks = views.marks(self.px_per_pt)
        pieces = cut_at_cells(boxes, marks.cell_boxes)
        pieces += orphan_checkboxes(pieces, marks.checkboxes, marks.cell_boxes)
        for piece in pieces:
            piece.parts = cut_at_checkboxes(piece.box, marks.checkboxes)
        return pieces

    def _recognized(self, image: np.ndarray, pieces: list[Piece]) -> list[Piece]:
        """All pieces recognized; with a skim test, the first rows first, and only those when
        they pass it. Each line is its own recognizer run, so reading in two goes gives the
        same texts as one."""
        self.skimmed = False
        if self.skim is None:
            _recognize(image, pieces, self.engine)
            return pieces
        rows = rows_of(pieces)
        head = self._head(image, rows)
        if head is not None:
            return head
        rest = [p for row in rows[HEAD_ROWS:] for p in row]
        _recognize(image, rest, self.engine)
        return pieces

    def _head(self, image: np.ndarray, rows: list[list[Piece]], *, table_rows: bool = True) -> list[Piece] | None:
        """The first :data:`HEAD_ROWS` rows recognized; when they pass the skim test, them and
        the heading rows below (the page is then skimmed), else None.

        ``table_rows`` False: under the first two rows, only pieces outside the tables are
        read. What the skim test looks for there is printed outside them (a heading, a 目录
        entry, the form's title or signature line), while the rows of a list or a statement
        under its heading cost more to read than all the rest of such a page. The row under
        the first is read whole, as under a lower heading: a table's first row between two
        headings keeps them from standing on adjacent lines, which reads as a list (目录).
        """
        if self.skim is None:
            return None
        below = [p for row in rows[2:HEAD_ROWS] for p in row if table_rows or p.cell is None]
        head = [p for row in rows[:2] for p in row] + below
        _recognize(image, head, self.engine)
        if not self.skim.head(lines_of([p for p in head if piece_text(p).strip()], self.number, self.px_per_pt)):
            return None
        self.skimmed = len(rows) > HEAD_ROWS
        return head + self._heading_rows(image, rows[HEAD_ROWS:], self.skim)

    def _heading_rows(self, image: np.ndarray, rows: list[list[Piece]], skim: Skim) -> list[Piece]:
        """The pieces of the rows below a skimmed page's head that may print a heading: each
        row opening outside the tables is read for its first :data:`.skim.PROBE_CHARS` line heights,
        and read whole, with the row under it, when that may open a heading. (The row under
        it keeps two headings printed apart from looking like a list of attachments.)"""
        probes = [i for i, row in enumerate(rows) if _opens_outside_tables(row)]
        crops = [crop_box(image, opening(rows[i][0].parts[0][1])) for i in probes]
        openings = self.engine.recognize(crops) if crops else []
        headings = [i for i, (text, _) in zip(probes, openings, strict=True) if skim.opens_heading(text)]
        found = {i + k for i in headings for k in (0, 1)}
        pieces = [p for i in sorted(found) if i < len(rows) for p in rows[i]]
        _recognize(image, pieces, self.engine)
        return pieces


def _opens_outside_tables(row: list[Piece]) -> bool:
    first = row[0]
    return first.cell is None and bool(first.parts) and first.parts[0][0] == "ocr"


def _recognize(level: np.ndarray, pieces: list[Piece], engine: OcrEngine) -> None:
    """Recognize every OCR part of every piece in one batch."""
    crops, owners = [], []
    for i, piece in enumerate(pieces):
        for j, (kind, box, _) in enumerate(piece.parts):
            if kind == "ocr":
                crops.append(crop_box(level, box))
                owners.append((i, j))
    results = engine.recognize(crops) if crops else []
    texts: dict[tuple[int, int], tuple[str, float]] = dict(zip(owners, results, strict=False))
    for i, piece in enumerate(pieces):
        piece.texts, piece.confidences = [], []
        for j, (kind, _, glyph_conf) in enumerate(piece.parts):
            if kind == "ocr":
                text, conf = texts.get((i, j), ("", 0.0))
                piece.texts.append(fix_number_separators(text.strip()))
                if text.strip():  # a crop between two boxes that reads as nothing doubts nothing
                    piece.confidences.append(conf)
            else:
                piece.texts.append(kind)
                piece.confidences.append(glyph_conf)


_DOTTED_THOUSANDS = re.compile(
    r"(?<![\d.,])\d{1,3}(?:\.\d{3}){2,}(?![\d,]|\.\d)|(?<![\d.,])\d{1,3}(?:\.\d{3})+\.\d{1,2}(?![\d.,])"
)
_MIDDLE_DOT = re.compile(r"(?<=\d)[·•∙・](?=\d)")
_COMMA_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+),(\d{2})(?![\d.,])")


def fix_number_separators(text: str) -> str:
    """Repair thousands separators the recognizer cannot have meant.

    On forms, numbers sit on underlines that swallow a comma's tail, and PP-OCR then reads
    ``6,135,838`` as ``6.135.838`` or ``19,670.74`` as ``19,670,74``. Only impossible
    readings are changed: two or more decimal points (all but a final 1-2 digit fraction
    become commas) and a comma-grouped number ending in ``,dd`` (the last comma becomes the
    decimal point). ``271.337`` stays as read: it is a valid decimal, and the field's type
    decides (an integer field cannot hold a fraction).
    """

    def dotted(match: re.Match[str]) -> str:
        token = match.group(0)
        head, _, tail = token.rpartition(".")
        if len(tail) == 3:  # 6.135.838: every dot is a thousands separator
            return token.replace(".", ",")
        return head.replace(".", ",") + "." + tail

    text = _MIDDLE_DOT.sub(".", text)  # a full-width "．" in 44，422．54 reads as "·"
    text = _DOTTED_THOUSANDS.sub(dotted, text)
    return _COMMA_DECIMAL.sub(lambda m: f"{m.group(1)}.{m.group(2)}", text)
