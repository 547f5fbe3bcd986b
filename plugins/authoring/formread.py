"""Read a blank 申报书 template into a flat sequence of blocks for the drafter.

A block is a paragraph (one printed line of running text) or a grid (a ruled table with
merged cells resolved). DOCX templates are read with python-docx; PDFs, born-digital or
scanned, through shenbao's page model (``shenbao.ingest.reader.read_document``), so the
drafter sees the same shapes whichever way the blank was handed out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shenbao.core.errors import PluginError
from shenbao.ingest.reader import read_document
from shenbao.plugins.authoring.ocrtext import restore_blanks
from shenbao.plugins.extraction import engine_factory
from shenbao.plugins.manager import get_manager


@dataclass
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    cells: list[GridCell]
    page: int
    index: int  # 1-based count of tables in the form
    _rows: list[list[GridCell]] = field(default_factory=list, repr=False)

    def rows(self) -> list[list[GridCell]]:
        """Cells by the row they start in, left to right (merged cells appear once)."""
        if not self._rows:
            n_rows = max((c.row + 1 for c in self.cells), default=0)
            self._rows = [[] for _ in range(n_rows)]
            for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
                self._rows[cell.row].append(cell)
        return self._rows

    def covering(self, row: int) -> list[GridCell]:
        """Every cell that covers ``row`` (including ones merged down from above)."""
        return sorted((c for c in self.cells if c.row <= row < c.row + c.rowspan), key=lambda c: c.col)

    def n_rows_total(self) -> int:
        return len(self.rows())

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)


@dataclass
class Paragraph:
    text: str
    page: int


Block = Paragraph | Grid


def clean(text: str) -> str:
    """NFKC-free tidy: unify the checkbox glyphs and drop zero-width characters."""
    text = text.replace("☐", "□").replace("\u3000", " ").replace("\xa0", " ")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def read_blocks(path: str | Path) -> list[Block]:
    """The blocks of a blank form, in reading order. Raises PluginError (or the reader's
    IngestError for a PDF it cannot read), which the CLI prints as one line."""
    path = Path(path)
    if not path.exists():
        raise PluginError(f"no such file: {path}", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return list(_docx_blocks(path))
    if suffix == ".pdf":
        return list(_document_blocks(_read_pdf(path)))
    raise PluginError("a blank form must be .docx or .pdf (born-digital or scanned)", file=str(path))


# -- DOCX ------------------------------------------------------------------------------------
def _docx_blocks(path: Path) -> Iterator[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise PluginError(f"not a readable DOCX: {exc}", file=str(path)) from None
    tables = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            for line in clean(DocxParagraph(element, document).text).split("\n"):
                if line.strip():
                    yield Paragraph(line, 1)
        elif tag == "tbl":
            tables += 1
            yield _docx_grid(Table(element, document), tables)


def _docx_grid(table: Any, index: int) -> Grid:
    """python-docx repeats a merged cell in every slot it covers; keep it once, with spans."""
    spots: dict[Any, list[tuple[int, int]]] = {}  # keyed by the <w:tc> element itself
    texts: dict[Any, str] = {}
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            ident = cell._tc
            spots.setdefault(ident, []).append((r, c))
            texts[ident] = clean(cell.text)
    cells = []
    for ident, places in spots.items():
        rows = [p[0] for p in places]
        cols = [p[1] for p in places]
        cells.append(GridCell(texts[ident], min(rows), min(cols), max(rows) - min(rows) + 1, max(cols) - min(cols) + 1))
    return Grid(cells, 1, index)


# -- PDF (page model) ---------------------------------------------------------------------------
def _read_pdf(path: Path) -> Any:
    """The page model of a PDF, text layer or OCR, exactly as ``shenbao extract`` reads it."""
    return read_document(path, engine_factory(get_manager()))


def _document_blocks(document: Any) -> Iterator[Block]:
    tables = 0
    for page in document.pages:
        tidy = _ocr_tidy if page.source == "ocr" else clean
        items: list[tuple[float, float, Block]] = []
        for line in page.lines:
            if line.text.strip():
                items.append((line.bbox[1], line.bbox[0], Paragraph(tidy(line.text), page.number)))
        for table in page.tables:
            cells = [
                GridCell(tidy(_cell_text(cell)), cell.row, cell.col, cell.rowspan, cell.colspan) for cell in table.cells
            ]
            items.append((table.bbox[1], table.bbox[0], Grid(cells, page.number, 0)))
        for _, _, block in sorted(items, key=lambda item: (round(item[0]), item[1])):
            if isinstance(block, Grid):
                tables += 1
                block.index = tables
            yield block


def _ocr_tidy(text: str) -> str:

    return restore_blanks(clean(text))


def _cell_text(cell: Any) -> str:
    lines = sorted(cell.lines, key=lambda line: (line.bbox[1], line.bbox[0]))
    return "\n".join(line.text for line in lines)
