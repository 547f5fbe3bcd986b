"""The paragraph or cell a value was read from, as HTML: what the review desk shows beside a
field of a Word submission instead of a crop of a page image.

The .docx is read again with the reader that extracted it (:mod:`shenbao.ingest.word`): the
same layout gives the same boxes, so the lines under a field's box name the paragraph
(``p<i>``) or the table cell (``t<i>.<row>.<col>``) it came from (``Line.anchor``). A cell is
shown with the rest of its table row (the label beside it), the value's cell marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from shenbao.core.ocr import OcrEngine
from shenbao.ingest.document import Cell, Document, Line, Table
from shenbao.ingest.reader import read_document
from shenbao.models import FieldValue

WORD_MEDIA = frozenset(
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword")
)
MAX_ANCHORS = 3


@lru_cache(maxsize=16)
def _document(path: str) -> Document:
    """The stored original as the reader reads it (originals never change: cached)."""
    return read_document(path, ocr_engine=_no_ocr)


def _no_ocr() -> OcrEngine:
    raise RuntimeError("a Word document has no image pages")


def field_snippets(path: Path, fields: Iterable[FieldValue]) -> dict[str, Markup]:
    """Field key → the HTML of the paragraph or row its value was read from."""
    document = _document(str(path))
    out: dict[str, Markup] = {}
    for fv in fields:
        if fv.page is None or not fv.bbox:
            continue
        anchors = anchors_under(document, fv.page, fv.bbox)
        if anchors:
            out[fv.key] = Markup("").join(_render(document, a, fv.raw or "") for a in anchors[:MAX_ANCHORS])
    return out


def anchors_under(document: Document, page: int, bbox: list[float]) -> list[str]:
    """The anchors of the lines of ``page`` that the box overlaps, top to bottom."""
    x0, y0, x1, y1 = bbox
    found: list[str] = []
    for p in document.pages:
        if p.number != page:
            continue
        lines = sorted(p.all_lines(), key=lambda ln: (ln.bbox[1], ln.bbox[0]))
        for line in lines:
            lx0, ly0, lx1, ly1 = line.bbox
            if line.anchor and lx0 < x1 and x0 < lx1 and ly0 < y1 and y0 < ly1 and line.anchor not in found:
                found.append(line.anchor)
    return found


def _render(document: Document, anchor: str, raw: str) -> Markup:
    if anchor.startswith("t"):
        located = _cell(document, anchor)
        if located is not None:
            table, cell = located
            row = sorted((c for c in table.cells if c.row <= cell.row < c.row + c.rowspan), key=lambda c: c.col)
            cells = Markup("").join(
                Markup('<td class="{}">{}</td>').format("value" if c is cell else "", _text(c.lines, raw)) for c in row
            )
            return Markup('<table class="docx-snippet table table-sm table-bordered"><tr>{}</tr></table>').format(cells)
    lines = [ln for page in document.pages for ln in page.all_lines() if ln.anchor == anchor]
    return Markup('<p class="docx-snippet">{}</p>').format(_text(lines, raw))


def _cell(document: Document, anchor: str) -> tuple[Table, Cell] | None:
    for page in document.pages:
        for table in page.tables:
            for cell in table.cells:
                if any(line.anchor == anchor for line in cell.lines):
                    return table, cell
    return None


def _text(lines: list[Line], raw: str) -> Markup:
    """The lines' text, the value marked where it is printed."""
    text = "".join(line.text for line in lines)
    needle = raw.strip()
    at = text.find(needle) if needle else -1
    if at < 0:
        return escape(text)
    return Markup("{}<mark>{}</mark>{}").format(text[:at], needle, text[at + len(needle) :])
