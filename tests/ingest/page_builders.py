"""Small hand-built pages for extraction tests (the model of ``test_candidates.py``).

Boxes are in PDF points, origin top-left; a character is 12 pt wide and a line 12 pt high.
"""

from __future__ import annotations

from typing import Any

from shenbao.core.notice import Notice, notice_from_dict
from shenbao.ingest.document import BBox, Cell, Document, Line, Page, Source, Table
from shenbao.ingest.flow import Flow, Segment, build_flow
from shenbao.ingest.matching import ExtractedField, extract_fields

COL_W, ROW_H = 100.0, 20.0
CHAR_W = 12.0


def line(
    text: str, x: float, y: float, page: int = 1, source: Source = "text", conf: float = 1.0, width: float | None = None
) -> Line:
    return Line(text, (x, y, x + (width if width is not None else CHAR_W * len(text)), y + 12), page, conf, source)


def table(page: int, top: float, cells: list[tuple[Any, ...]], source: Source = "text") -> Table:
    """cells: (row, col, text) or (row, col, text, rowspan, colspan); boxes on a regular grid."""
    out = []
    for spec in cells:
        row, col, text = spec[:3]
        rowspan, colspan = (spec[3], spec[4]) if len(spec) > 3 else (1, 1)
        x0, y0 = 50 + col * COL_W, top + row * ROW_H
        box: BBox = (x0, y0, x0 + colspan * COL_W, y0 + rowspan * ROW_H)
        lines = [line(t, x0 + 2, y0 + 2 + i * 14, page, source) for i, t in enumerate(text.split("\n")) if t]
        out.append(Cell(row, col, box, lines, rowspan, colspan))
    bottom = max(c.bbox[3] for c in out)
    return Table(page, (50, top, 50 + 6 * COL_W, bottom), out)


def page(lines: list[Line], tables: list[Table] | None = None, number: int = 1, kind: Source = "text") -> Page:
    return Page(number, 595, 842, kind, lines, tables or [])


def field(key: str, label: str, section: str, type_: str = "text", **extra: Any) -> dict[str, Any]:
    return {"key": key, "label": label, "section": section, "type": type_, **extra}


def notice(fields: list[dict[str, Any]]) -> Notice:
    return notice_from_dict(
        {"notice": {"id": "t", "name": "t"}, "fields": fields, "attachments": [], "rules": [], "patterns": []}
    )


def flow_of(n: Notice, pages: list[Page]) -> Flow:
    return build_flow(Document("t.pdf", pages), n.sections)


def extract(n: Notice, pages: list[Page]) -> dict[str, ExtractedField]:
    return extract_fields(flow_of(n, pages), n)


def run(n: Notice, pages: list[Page]) -> dict[str, Any]:
    """Field key -> typed value, for every field found filled."""
    return {k: f.value for k, f in extract(n, pages).items()}


def loose_segment(*texts: str) -> Segment:
    """One segment holding ``texts`` as consecutive lines (a cell's or a loose line's text)."""
    return Segment(0, 1, [line(t, 50, 100 + i * 14) for i, t in enumerate(texts)])
