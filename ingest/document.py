"""The page model every reader produces and every later step consumes.

A born-digital PDF (pdfplumber) and a scan (OCR) both become a ``Document`` of
``Page`` objects holding text ``Line`` objects and ``Table`` grids of ``Cell`` objects,
all with boxes in PDF points, origin top-left. Checkbox state is written into the
text as ``☑`` (ticked) or ``□`` (empty) so that one matching path serves both kinds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

Source = Literal["text", "ocr"]
BBox = tuple[float, float, float, float]

TICKED = "☑"
EMPTY = "□"
# Every glyph applicants tick or leave empty, on text PDFs and in OCR text. One set for the
# whole project: matching, normalization and the review desk all read options through it.
TICK_CHARS = "☑☒■√✓✔▣⊠"
EMPTY_CHARS = "□☐"
BOX_CHARS = TICK_CHARS + EMPTY_CHARS


@dataclass
class Line:
    """One line of text as printed: a text-layer line or one OCR line."""

    text: str
    bbox: BBox
    page: int  # 1-based
    confidence: float = 1.0  # OCR recognition confidence; 1.0 for a text layer
    source: Source = "text"
    char_x: list[float] | None = None  # x0 of each character (text layer), for sub-boxes
    # where a Word document holds the line: "p12" (its 12th body paragraph) or "t3.2.1" (table
    # 3, row 2, grid column 1); "" for PDF and image pages (see shenbao.ingest.word)
    anchor: str = ""

    def sub_bbox(self, start: int, end: int) -> BBox:
        """Box of ``text[start:end]``: exact with character positions, else proportional."""
        x0, y0, x1, y1 = self.bbox
        n = max(len(self.text), 1)
        if self.char_x and len(self.char_x) == len(self.text) and end > start:
            left = self.char_x[start]
            right = self.char_x[end] if end < len(self.char_x) else x1
            return (left, y0, max(right, left + 1), y1)
        width = x1 - x0
        return (x0 + width * start / n, y0, x0 + width * end / n, y1)


def lines_bbox(lines: Sequence[Line]) -> BBox:
    """The box around ``lines`` (at least one)."""
    return (
        min(line.bbox[0] for line in lines),
        min(line.bbox[1] for line in lines),
        max(line.bbox[2] for line in lines),
        max(line.bbox[3] for line in lines),
    )


@dataclass
class Cell:
    """One table cell: its grid position, box and the lines inside it."""

    row: int
    col: int
    bbox: BBox
    lines: list[Line] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float:
        return min((line.confidence for line in self.lines), default=1.0)


@dataclass
class Table:
    """A ruled table. ``grid[r][c]`` is the cell covering that slot (merged cells repeat)."""

    page: int
    bbox: BBox
    cells: list[Cell]

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by their first row, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[cell.row].append(cell)
        return out


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    source: Source
    lines: list[Line] = field(default_factory=list)  # lines outside every table
    tables: list[Table] = field(default_factory=list)
    # how the page was turned to read it: quarter turns clockwise of the page as a viewer shows
    # it, and points per unit of its PDF user space (/UserUnit); the desk renders it the same way
    turns: int = 0
    unit: float = 1.0
    # a scanned page of evidence read for its first rows and heading rows only (ingest.ocr.skimtest.Skim)
    skimmed: bool = False

    def all_lines(self) -> Iterator[Line]:
        yield from self.lines
        for table in self.tables:
            for cell in table.cells:
                yield from cell.lines

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in sorted(self.all_lines(), key=lambda ln: (ln.bbox[1], ln.bbox[0])))


@dataclass
class Document:
    path: str
    pages: list[Page]

    @property
    def source(self) -> Source:
        kinds = {p.source for p in self.pages}
        return "ocr" if kinds == {"ocr"} else "text"
