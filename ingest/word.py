"""A Word ``.docx`` → the page model, read with python-docx (no rendering).

Paragraphs become :class:`Line` objects and tables :class:`Table` grids, laid out the way
Word prints them closely enough for the matching that reads PDFs: each section's page size
and margins, tables on their ``w:tblGrid`` column widths, merged cells as one cell spanning
its grid slots (``w:gridSpan`` across, ``w:vMerge`` down: the text is in the first cell
only, never repeated), paragraphs wrapped at the width they print at with characters as
wide as their font size (CJK) or half of it. Boxes, checkbox controls, symbol ticks and
underlined fill-ins are read by :mod:`shenbao.ingest.wordtext`.

**Pages.** A page of a ``.docx`` is the stretch of the document between two page breaks the
document itself holds: a page break (Ctrl+Enter), "page break before", a section break
that starts a new page, and the page breaks Word recorded when it last laid the document
out (``w:lastRenderedPageBreak``, between body paragraphs). Word's own pagination is
therefore kept where the file records it; a file that records none (one written by a
program) gets only its hard breaks, and a page is then as tall as its content. Tables
are never cut. Breaks with nothing between them make one break (no empty pages). Page
numbers, boxes (points, origin top-left of that page) and the contract's ``page`` field
all use this numbering.

**Positions.** Every line carries its place in the document (``Line.anchor``): ``p<i>`` for
the ``i``-th block of the body (paragraphs and tables counted together, content controls
opened), ``t<i>.<row>.<col>`` for a table cell (first row, first grid column of the cell).
The review desk shows that paragraph or cell instead of a crop.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from shenbao.core.errors import UnreadableFile
from shenbao.ingest.document import Cell, Document, Line, Page, Table
from shenbao.ingest.wordlines import Row, paragraph_format, rows_of
from shenbao.ingest.wordstyle import PageGeometry, Styles, geometry, twips
from shenbao.ingest.wordtext import paragraph_tokens, text_boxes

CELL_PAD_X = 5.4  # Word's default left/right cell margin (108 twips)
CELL_PAD_Y = 1.5
CONTAINERS = (qn("w:sdt"), qn("w:customXml"))


def read_docx(path: str | Path) -> Document:
    """Every page of a .docx (see the module docstring). Raises UnreadableFile."""
    path = Path(path)
    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"is not a readable Word .docx document ({_brief(exc)})", file=path) from None
    body = word.element.body
    layout = Layout(Styles(word.styles.element), path)
    layout.body(body)
    pages = layout.finish()
    if not pages:
        raise UnreadableFile("has no text (an empty Word document)", file=path)
    return Document(str(path), pages)


def _brief(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 80 else text[:77] + "..."


def body_blocks(body: Any) -> list[Any]:
    """The body's paragraphs and tables in order, content controls and custom XML opened."""
    out: list[Any] = []
    for child in body:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            out.append(child)
        elif child.tag in CONTAINERS:
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                out.extend(body_blocks(content))
    return out


def _section_of_blocks(blocks: list[Any], body: Any) -> tuple[list[PageGeometry], set[int]]:
    """Each block's page geometry, and the blocks after which a section starts a new page."""
    ends = [
        i for i, b in enumerate(blocks) if b.tag == qn("w:p") and b.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ]
    sect_prs = [blocks[i].find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for i in ends] + [body.find(qn("w:sectPr"))]
    geoms = [geometry(s) for s in sect_prs]
    per_block, k = [], 0
    for i in range(len(blocks)):
        per_block.append(geoms[k])
        if k < len(ends) and i == ends[k]:
            k += 1
    breaks = set()
    for k, i in enumerate(ends):
        kind = sect_prs[k + 1].find(qn("w:type")) if sect_prs[k + 1] is not None else None
        if kind is None or kind.get(qn("w:val")) != "continuous":
            breaks.add(i)
    return per_block, breaks


@dataclass
class CellDraft:
    row: int
    col: int
    span: int
    anchor: str
    rowspan: int = 1
    blocks: list[Any] = field(default_factory=list)  # <w:p> of the cell, nested tables' too
    rows: list[tuple[float, Row]] = field(default_factory=list)  # (y offset, row) once laid out
    height: float = 0.0


class Layout:
    """Places blocks on pages top to bottom; see the module docstring for the pages."""

    def __init__(self, styles: Styles, path: Path) -> None:
        self.styles = styles
        self.path = path
        self.pages: list[Page] = []
        self.geom = PageGeometry()
        self.y = 0.0
        self.has_text = False
        self.pending = False

    # -- pages ----------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        if not self.pages:
            self._new_page()
        return self.pages[-1]

    def _new_page(self) -> None:
        g = self.geom
        self.pages.append(Page(number=len(self.pages) + 1, width=g.width, height=g.height, source="text"))
        self.y = g.top
        self.has_text = False

    def request_break(self) -> None:
        self.pending = True

    def _apply_break(self) -> None:
        """A pending break starts a page only after text (no empty pages)."""
        if self.pending and self.has_text:
            self._new_page()
        self.pending = False

    def finish(self) -> list[Page]:
        for page in self.pages:
            bottom = max((ln.bbox[3] for ln in page.all_lines()), default=0.0)
            bottom = max([bottom, *(t.bbox[3] for t in page.tables)])
            page.height = max(page.height, bottom + self.geom.bottom)
        return [p for p in self.pages if any(ln.text.strip() for ln in p.all_lines()) or p.tables]

    # -- body -----------------------------------------------------------------------------

    def body(self, body: Any) -> None:
        blocks = body_blocks(body)
        geoms, section_breaks = _section_of_blocks(blocks, body)
        for i, block in enumerate(blocks):
            self.geom = geoms[i]
            if not self.pages:
                self._new_page()
            if block.tag == qn("w:p"):
                self.paragraph(block, f"p{i}")
            else:
                self.table(block, i)
            if i in section_breaks:
                self.request_break()

    def paragraph(self, p: Any, anchor: str) -> None:
        fmt = paragraph_format(p)
        if fmt.break_before:
            self.request_break()
        self._apply_break()
        self.y += fmt.before
        g = self.geom
        tokens = paragraph_tokens(p, self.styles.run_size)
        default = self.styles.paragraph_size(p)
        for item in rows_of(tokens, g.text_width, fmt, default):
            if isinstance(item, str):  # a page break inside the paragraph
                self.request_break()
                self._apply_break()
                continue
            self._place(item, g.left, anchor)
        self.y += fmt.after
        for box in text_boxes(p):
            self.paragraph(box, anchor)

    def _place(self, row: Row, left: float, anchor: str) -> None:
        line = row.line(left, self.y, self.page.number, anchor)
        if line is not None:
            self.page.lines.append(line)
            self.has_text = True
        self.y += row.height

    # -- tables ---------------------------------------------------------------------------

    def table(self, tbl: Any, index: int) -> None:
        self._apply_break()
        g = self.geom
        widths = _grid(tbl, g.text_width)
        left = g.left + twips(tbl.find(f"{qn('w:tblPr')}/{qn('w:tblInd')}"), "w")
        xs = [left]
        for w in widths:
            xs.append(xs[-1] + w)
        drafts, heights = _drafts(tbl, index), _row_heights(tbl)
        n_cols = len(widths)
        for d in drafts:
            end = min(d.col + d.span, n_cols)
            width = (xs[end] - xs[min(d.col, n_cols)]) if end > d.col else g.text_width / max(n_cols, 1)
            self._cell_rows(d, max(width - 2 * CELL_PAD_X, 12.0))
        for d in (d for d in drafts if d.rowspan == 1):
            heights[d.row] = max(heights[d.row], d.height + 2 * CELL_PAD_Y)
        for d in (d for d in drafts if d.rowspan > 1):
            have = sum(heights[d.row : d.row + d.rowspan])
            heights[d.row + d.rowspan - 1] += max(0.0, d.height + 2 * CELL_PAD_Y - have)
        ys = [self.y]
        for h in heights:
            ys.append(ys[-1] + h)
        number = self.page.number
        cells = []
        for d in drafts:
            x0, x1 = xs[min(d.col, n_cols)], xs[min(d.col + d.span, n_cols)]
            y0, y1 = ys[d.row], ys[min(d.row + d.rowspan, len(heights))]
            lines = [row.line(x0 + CELL_PAD_X, y0 + CELL_PAD_Y + dy, number, d.anchor) for dy, row in d.rows]
            kept = [ln for ln in lines if ln is not None]
            cells.append(Cell(d.row, d.col, (x0, y0, x1, y1), kept, rowspan=d.rowspan, colspan=d.span))
            self.has_text = self.has_text or bool(kept)
        self.page.tables.append(Table(number, (xs[0], ys[0], xs[-1], ys[-1]), cells))
        self.has_text = True
        self.y = ys[-1]

    def _cell_rows(self, d: CellDraft, width: float) -> None:
        y = 0.0
        for p in d.blocks:
            fmt = paragraph_format(p)
            y += fmt.before
            for item in rows_of(paragraph_tokens(p, self.styles.run_size), width, fmt, self.styles.paragraph_size(p)):
                if isinstance(item, str):
                    continue
                d.rows.append((y, item))
                y += item.height
            y += fmt.after
        d.height = y


def _grid(tbl: Any, text_width: float) -> list[float]:
    cols = [twips(c, "w") for c in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
    if cols and all(w > 0 for w in cols):
        return cols
    n = max(len(cols), max((_row_span(tr) for tr in _rows(tbl)), default=1), 1)
    return [text_width / n] * n


def _rows(tbl: Any) -> Iterator[Any]:
    return _children(tbl, qn("w:tr"))


def _cells(tr: Any) -> Iterator[Any]:
    return _children(tr, qn("w:tc"))


def _children(parent: Any, tag: str) -> Iterator[Any]:
    """``parent``'s children of ``tag``, also those wrapped in content controls or containers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in CONTAINERS:
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _children(content, tag)


def _int_val(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(qn("w:val")) or default)
    except ValueError:
        return default


def _row_span(tr: Any) -> int:
    before = _int_val(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
    return before + sum(_int_val(tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), 1) for tc in _cells(tr))


def _row_heights(tbl: Any) -> list[float]:
    return [twips(tr.find(f"{qn('w:trPr')}/{qn('w:trHeight')}"), "val") for tr in _rows(tbl)]


def _drafts(tbl: Any, index: int) -> list[CellDraft]:
    """The table's cells: a horizontally merged cell once with its span, a vertically merged
    one once with its rowspan (its continuation cells add no cell and no repeated text)."""
    drafts: list[CellDraft] = []
    open_: dict[int, CellDraft] = {}  # grid column -> the vertically merged cell running down it
    for r, tr in enumerate(_rows(tbl)):
        col = _int_val(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
        for tc in _cells(tr):
            props = tc.find(qn("w:tcPr"))
            span = max(_int_val(props.find(qn("w:gridSpan")) if props is not None else None, 1), 1)
            merge = props.find(qn("w:vMerge")) if props is not None else None
            state = None if merge is None else (merge.get(qn("w:val")) or "continue")
            blocks = _cell_paragraphs(tc)
            if state == "continue" and col in open_:
                top = open_[col]
                top.rowspan = r - top.row + 1
                top.blocks += [p for p in blocks if _has_text(p)]  # text typed in a merged-away cell
            else:
                draft = CellDraft(r, col, span, f"t{index}.{r}.{col}", blocks=blocks)
                drafts.append(draft)
                if state == "restart":
                    open_[col] = draft
                else:
                    open_.pop(col, None)
            col += span
    return drafts


def _cell_paragraphs(tc: Any) -> list[Any]:
    """The paragraphs of a cell in reading order, those of tables nested in it included."""
    out: list[Any] = []
    for block in body_blocks(tc):
        if block.tag == qn("w:p"):
            out.append(block)
        else:
            for tr in _rows(block):
                for inner in _cells(tr):
                    out += _cell_paragraphs(inner)
    return out


def _has_text(p: Any) -> bool:
    return any((t.text or "").strip() for t in p.iter(qn("w:t")))


def lines_of(document: Document) -> Iterator[Line]:
    for page in document.pages:
        yield from page.all_lines()
