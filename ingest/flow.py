"""Reading order over a whole document, and the section each piece of text sits in.

The flow is a list of :class:`Segment` objects: every loose line and every table cell,
page by page, top to bottom (cells row by row, left to right). Sections come from the
notice's section names printed as headings; a value is looked for in its field's section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from shenbao.core.text import core, nfkc
from shenbao.ingest.document import Cell, Document, Line, Table
from shenbao.ingest.labels import NormText

HEADING_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+(?:\.\d+)*[、.．]\s*\S|\d+\.\d+\s|附件\s*\d)"
)
COVER_SECTION = "封面"


def looks_like_heading(text: str) -> bool:
    return bool(HEADING_RE.match(nfkc(text).strip()))


@dataclass
class Segment:
    """One loose line, or one table cell with its lines."""

    index: int
    page: int
    lines: list[Line]
    cell: Cell | None = None
    table: Table | None = None
    section: str | None = None
    heading: bool = False  # the segment prints a section heading

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def first_line(self) -> str:
        return self.lines[0].text if self.lines else ""

    @cached_property
    def hay(self) -> NormText:
        """The segment's text in compare form, built once and searched for every field."""
        return NormText.of(self.lines)


@dataclass
class Flow:
    segments: list[Segment]
    found_sections: set[str] = field(default_factory=set)

    def section_pages(self) -> dict[str, list[int]]:
        """Each section found in the document -> the pages its text is printed on."""
        pages: dict[str, set[int]] = {}
        for seg in self.segments:
            if seg.section:
                pages.setdefault(seg.section, set()).add(seg.page)
        return {section: sorted(found) for section, found in pages.items()}

    def in_section(self, section: str) -> list[Segment]:
        if section not in self.found_sections and section != COVER_SECTION:
            return self.segments
        return [s for s in self.segments if s.section == section]


ATTACHMENTS = "@attachments"


def build_flow(
    document: Document, sections: list[str], attachment_starts: list[tuple[int, float]] | None = None
) -> Flow:
    """Segments in reading order, each tagged with the section heading above it.

    ``attachment_starts`` are (page, y) where a bound attachment begins: from there on, text
    belongs to no section of the form until the next section heading (an evidence page
    that prints "视频文件" is not the form's 视频文件名)."""
    segments: list[Segment] = []
    for page in document.pages:
        items: list[tuple[float, float, Line | tuple[Table, list[Cell]]]] = [
            (line.bbox[1], line.bbox[0], line) for line in page.lines
        ]
        for table in page.tables:
            items += _table_items(table, page.lines)
        for _, _, item in sorted(items, key=lambda it: (it[0], it[1])):
            if isinstance(item, Line):
                segments.append(Segment(len(segments), page.number, [item]))
            else:
                table, cells = item
                for cell in cells:
                    segments.append(Segment(len(segments), page.number, cell.lines, cell, table))
    flow = Flow(segments)
    _tag_sections(flow, sections, sorted(attachment_starts or []))
    return flow


def _table_items(table: Table, lines: list[Line]) -> list[tuple[float, float, Line | tuple[Table, list[Cell]]]]:
    """A table as one item at its top, or — when loose lines stand between its rows (a
    scan's ruling detection took a heading into the table's box) — one item per row, so the
    heading keeps its place in the reading order."""
    cells = sorted(table.cells, key=lambda c: (c.row, c.col))
    x0, top, _, bottom = table.bbox
    if not any(top < line.bbox[1] < bottom for line in lines):
        return [(top, x0, (table, cells))]
    rows: dict[int, list[Cell]] = {}
    for cell in cells:
        rows.setdefault(cell.row, []).append(cell)
    return [(min(c.bbox[1] for c in row), x0, (table, row)) for _, row in sorted(rows.items())]


def _tag_sections(flow: Flow, sections: list[str], attachment_starts: list[tuple[int, float]]) -> None:
    cores = {s: core(s) for s in sections}
    current = COVER_SECTION if COVER_SECTION in sections else None
    pending = list(attachment_starts)
    for segment in flow.segments:
        top = segment.cell.bbox[1] if segment.cell is not None else (segment.lines[0].bbox[1] if segment.lines else 0.0)
        while pending and (segment.page, top + 1.0) >= pending[0]:
            pending.pop(0)
            current = ATTACHMENTS
        heading = match_heading(segment.first_line, cores) if segment.lines else None
        if heading:
            current = heading
            segment.heading = True
            flow.found_sections.add(heading)
        segment.section = current


def match_heading(text: str, cores: dict[str, str]) -> str | None:
    """The section whose name this line prints (numbering and notes in brackets aside)."""
    line = core(text)
    if not line or len(line) > 60:
        return None
    best, best_score = None, 0.0
    for section, name in cores.items():
        if not name:
            continue
        if line == name:
            return section
        if line.startswith(name) and line[len(name)] in "（(":
            score = 99.0  # the heading with a note in brackets
        elif len(name) >= 4 and abs(len(line) - len(name)) <= 2:
            score = fuzz.ratio(line, name)  # a misread character or two (scans)
        elif len(name) >= 4 and "（" in line and abs(line.index("（") - len(name)) <= 1:
            score = fuzz.ratio(line[: line.index("（")], name)  # misread, with its note
        else:
            score = 0.0
        if score > best_score:
            best, best_score = section, score
    return best if best_score >= 90 else None
