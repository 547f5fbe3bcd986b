"""``shenbao notice draft``: draft a notice's field map from its blank 申报书 template.

One field per label cell, ``____`` blank and □ group; sections from the headings; the type
guessed from unit and wording; ``required`` from ``*`` marks; options from □ items;
attachments from the 材料清单 / 证明材料 list. The result is a starting point for a person:
every field says where it was found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from shenbao.plugins.authoring.formread import Block, Grid, GridCell, Paragraph, read_blocks
from shenbao.plugins.authoring.inline import DraftField, parse_text
from shenbao.plugins.authoring.keys import assign_keys
from shenbao.plugins.authoring.wording import (
    ATTACHMENT_LIST, BLANK, BOX, DATE_BLANK, LIST_ITEM, PERIOD_BLANK, SIGNATURE, UNIT_CELL,
    guess_type, heading_level, is_required, outside_parens, split_guidance, squash, tidy_heading,
    unstar,
)

COVER = "封面"
NOT_NARRATIVE = ("填报说明", "目录", "说明")


@dataclass
class DraftAttachment:
    label: str
    required: bool
    where: str = ""
    key: str = ""


@dataclass
class Section:
    name: str
    level: int
    required: bool = False
    parent: "Section | None" = None
    from_table: bool = False
    has_children: bool = False
    fields: int = 0
    attachments: int = 0
    prompt: str = ""
    where: str = ""


@dataclass
class NoticeDraft:
    source: str
    fields: list[DraftField] = field(default_factory=list)
    attachments: list[DraftAttachment] = field(default_factory=list)
    title: str = ""


def draft_notice(path: str | Path) -> NoticeDraft:
    """Draft the field map of the blank form at ``path`` (.docx or .pdf). Raises PluginError."""
    drafter = _Drafter(str(path))
    for block in read_blocks(path):
        drafter.block(block)
    return drafter.finish()


class _Drafter:
    def __init__(self, source: str) -> None:
        self.draft = NoticeDraft(source)
        self.sections: list[Section] = [Section(COVER, 0)]
        self.all_sections: list[Section] = []
        self.carried_header: tuple[list[str], str] | None = None
        self.buffer: list[Paragraph] = []
        self.listing = False

    @property
    def section(self) -> Section:
        return self.sections[-1]

    # -- blocks ------------------------------------------------------------------------------
    def block(self, block: Block) -> None:
        if isinstance(block, Grid):
            self.flush()
            self.listing = False
            self.grid(block)
        else:
            self.paragraph(block)

    def paragraph(self, para: Paragraph) -> None:
        text = para.text.strip()
        if self.listing and self.list_item(text, para.page):
            return
        level = heading_level(text)
        if level:
            self.flush()
            self.push(text, level, where=f"page {para.page}")
            self.listing = bool(ATTACHMENT_LIST.search(squash(text)))
            return
        if ATTACHMENT_LIST.search(text) and len(outside_parens(text)) <= 30 and not BLANK.search(text):
            self.flush()
            self.listing = True
            return
        if not self.draft.title and self.section.name == COVER and not BLANK.search(text):
            self.draft.title = squash(text)
        self.buffer.append(para)

    def list_item(self, text: str, page: int) -> bool:
        """Take ``text`` as an attachment (or the wrap of the last one); False ends the list."""
        items = self.draft.attachments
        if LIST_ITEM.match(text):
            label = squash(text)
            if any(a.label == label for a in items):
                self.listing = False
                return False
            items.append(DraftAttachment(label, not re.search(r"若有|如有|选填|可选", label), f"page {page}"))
            self.section.attachments += 1
            return True
        if items and len(items[-1].label) >= 25 and not re.match(r"^[（(]?(注|说明)", text):
            items[-1].label += squash(text)
            return True
        self.listing = False
        return False

    def push(self, text: str, level: int, *, where: str, from_table: bool = False) -> None:
        while self.section.level >= level and len(self.sections) > 1:
            self.sections.pop()
        parent = self.section
        parent.has_children = True
        section = Section(tidy_heading(unstar(text)), level, is_required(text), parent, from_table,
                          where=where)
        self.sections.append(section)
        self.all_sections.append(section)

    def flush(self) -> None:
        if not self.buffer:
            return
        text = "\n".join(p.text for p in self.buffer)
        where = f"page {self.buffer[0].page}"
        self.buffer = []
        found = parse_text(text, hint=self.section.name)
        if not found and not self.section.prompt:
            self.section.prompt = text.split("\n")[0] if len(text.split("\n")) <= 2 else ""
        self.add(found, where)

    def add(self, found: list[DraftField], where: str, section: Section | None = None) -> None:
        section = section or self.section
        for spec in found:
            required = section.required or is_required(spec.label)
            self.draft.fields.append(replace(spec, label=unstar(spec.label), section=section.name,
                                             required=required, where=where))
            section.fields += 1

    # -- tables ------------------------------------------------------------------------------
    def grid(self, whole: Grid) -> None:
        for grid in _split_at_titles(whole):
            self.one_grid(grid)

    def one_grid(self, grid: Grid) -> None:
        rows = grid.rows()
        where = f"page {grid.page}, table {grid.index}"
        if not rows:
            return
        if self.carried_header:
            used = self.continue_list(grid, where)
            if used:
                grid = _sub_grid(grid, used, len(rows))
                rows = grid.rows()
                if not rows:
                    return
        first = rows[0]
        title = ""
        start = 0
        if len(first) == 1 and (first[0].colspan >= grid.n_cols or grid.n_cols == 1):
            text = first[0].text
            if heading_level(squash(text)) >= 3 or (is_required(text) and heading_level(squash(text))):
                self.push(squash(text), heading_level(squash(text)), where=where, from_table=True)
            else:
                title = squash(text)
            start = 1
        body = rows[start:]
        if all(len(r) <= 1 for r in body):
            self.single_column(grid, body, title, where)
        else:
            self.rows(grid, start, title, where)

    def continue_list(self, grid: Grid, where: str) -> int:
        """Empty rows at the top of a table continue a header left at the foot of the last
        page's table (a table broken across pages)."""
        header, context = self.carried_header
        self.carried_header = None
        empty = 0
        for row in grid.rows():
            if row and all(cell_kind(c.text) in ("empty", "index") for c in row):
                empty += 1
            else:
                break
        fields = []
        for n in range(1, empty + 1):
            ctx = f"{context}第{n}行" if empty > 1 else context
            fields += [DraftField(label, guess_type(label), context=ctx, unit=_unit(label)) for label in header]
        self.add(fields, where)
        return empty

    def single_column(self, grid: Grid, body: list[list[GridCell]], title: str, where: str) -> None:
        text = "\n".join(r[0].text for r in body if r)
        found = parse_text(text, hint=title)
        numbered = [l.strip() for l in text.split("\n") if re.match(r"^\s*\d+、\S", l)]
        if not found and len(numbered) >= 2:
            found = self.numbered_prompts(text, title)
        if not found:
            label = title or (self.section.name if self.section.from_table else "")
            if label:
                short, guidance = split_guidance(label)
                prompts = tuple(l.strip() for l in text.split("\n") if l.strip())
                found = [DraftField(short, "longtext", labels=(label,) if guidance else (), prompts=prompts)]
        self.add(found, where)

    @staticmethod
    def numbered_prompts(text: str, title: str) -> list[DraftField]:
        """``1、申报单位情况简介`` + guidance lines: each numbered item is one longtext."""
        found: list[DraftField] = []
        for line in (l.strip() for l in text.split("\n")):
            if re.match(r"^\d+、\S", line):
                found.append(DraftField(squash(line), "longtext", context=title))
            elif line and found:
                found[-1].prompts += (line,)
        return found

    def rows(self, grid: Grid, start: int, title: str, where: str) -> None:
        rows = grid.rows()
        groups = {id(c) for c in grid.cells if _is_group(grid, c)}
        r = start
        self.carried_header = _trailing_header(grid, groups, title)
        while r < len(rows):
            context = _context(grid, r, groups) or title
            here = f"{where}, row {r + 1}"
            taken = _list_rows(grid, r, groups, context) or _grid_rows(grid, r, groups, context)
            if taken:
                fields, used = taken
                self.add(fields, here)
                r += used
                continue
            self.add(_row_fields(grid, r, groups, context), here)
            r += 1

    # -- end -------------------------------------------------------------------------------
    def finish(self) -> NoticeDraft:
        self.flush()
        for section in self.all_sections:
            if (section.fields or section.attachments or section.has_children or section.level == 0
                    or squash(section.name) in NOT_NARRATIVE):
                continue
            self.add(_narrative_fields(section), section.where,
                     section if section.prompt or section.from_table else section.parent)
        self.draft.fields.sort(key=_order(self.draft.fields))
        assign_keys(self.draft)
        return self.draft


def _order(fields: list[DraftField]):
    """Narrative fields added at the end go back to their section's place."""
    first: dict[str, int] = {}
    for i, spec in enumerate(fields):
        first.setdefault(spec.section, i)
    position = {id(spec): i for i, spec in enumerate(fields)}
    return lambda spec: (first[spec.section], position[id(spec)])


def _narrative_fields(section: Section) -> list[DraftField]:
    """A heading with nothing to fill under it asks for text: one longtext field."""
    if section.prompt:
        printed = squash(section.prompt)
        short = printed
        while True:
            shorter, guidance = split_guidance(short)
            if not guidance:
                break
            short = shorter
        return [DraftField(short, "longtext", labels=(printed,) if short != printed else ())]
    return [DraftField(section.name, "longtext")]


# -- table cells ---------------------------------------------------------------------------------
def cell_kind(text: str) -> str:
    """empty | index | unit | value (blank, box, date, prompt) | prose | label."""
    text = text.strip()
    if not text:
        return "empty"
    if re.fullmatch(r"\d+|序号", text):
        return "index"
    if UNIT_CELL.match(text):
        return "unit"
    if BLANK.search(text) or BOX in text or DATE_BLANK.search(text) or PERIOD_BLANK.search(text):
        return "value"
    if text.startswith(("（", "(")) or re.fullmatch(r"(\S+[：:]\s*){2,}", text):
        return "value"
    if len(outside_parens(squash(text))) > 40 or "。" in text:
        return "prose"
    return "label"


def _label(cell: GridCell) -> str:
    return squash(cell.text.replace("\n", ""))


def _right_of(grid: Grid, cell: GridCell, row: int) -> GridCell | None:
    after = [c for c in grid.covering(row) if c.col >= cell.col + cell.colspan]
    return after[0] if after else None


def _is_group(grid: Grid, cell: GridCell) -> bool:
    """A label merged over several rows whose rows hold their own labels (联系人 | 姓名 …)."""
    if cell.rowspan < 2 or cell_kind(cell.text) != "label":
        return False
    for row in range(cell.row, cell.row + cell.rowspan):
        neighbour = _right_of(grid, cell, row)
        if neighbour is not None and cell_kind(neighbour.text) in ("label", "index", "prose"):
            return True
    return False


def _context(grid: Grid, row: int, groups: set[int]) -> str:
    return " ".join(_label(c) for c in grid.covering(row) if id(c) in groups)


def _own(grid: Grid, row: int, groups: set[int]) -> list[GridCell]:
    return [c for c in grid.covering(row) if id(c) not in groups]


def _list_rows(grid: Grid, row: int, groups: set[int], context: str):
    """A header row of labels over empty rows: one field per header and row."""
    header = [c for c in _own(grid, row, groups) if cell_kind(c.text) != "index"]
    if len(header) < 2 or any(cell_kind(c.text) != "label" or c.rowspan > 1 for c in header):
        return None
    empty_rows = []
    for r in range(row + 1, grid.n_rows_total()):
        own = [c for c in _own(grid, r, groups) if c.row == r]
        if own and all(cell_kind(c.text) in ("empty", "index") for c in own) and _context(grid, r, groups) == _context(grid, row, groups):
            empty_rows.append(r)
        else:
            break
    if not empty_rows:
        return None
    fields = []
    for n, _ in enumerate(empty_rows, 1):
        ctx = f"{context}第{n}行" if len(empty_rows) > 1 else context
        fields += [DraftField(_label(c), guess_type(_label(c)), context=ctx, unit=_unit(_label(c)))
                   for c in header]
    return fields, 1 + len(empty_rows)


def _grid_rows(grid: Grid, row: int, groups: set[int], context: str):
    """Column headers over rows of (row label, empty cells): ``总资产（万元） 2021年``."""
    header = _own(grid, row, groups)
    if len(header) < 3 or any(cell_kind(c.text) != "label" for c in header[1:]):
        return None
    if cell_kind(header[0].text) not in ("label", "empty"):
        return None
    columns = header[1:]
    body = []
    for r in range(row + 1, grid.n_rows_total()):
        own = _own(grid, r, groups)
        if (len(own) == len(header) and cell_kind(own[0].text) == "label"
                and all(cell_kind(c.text) == "empty" for c in own[1:])):
            body.append(own[0])
        else:
            break
    if not body:
        return None
    corner = _label(header[0]) or context
    fields = []
    for label_cell in body:
        name = _label(label_cell)
        for col in columns:
            fields.append(DraftField(f"{name} {_label(col)}", guess_type(name), column=_label(col),
                                     context=corner, unit=_unit(name), layout="grid"))
    return fields, 1 + len(body)


def _trailing_header(grid: Grid, groups: set[int], title: str) -> tuple[list[str], str] | None:
    """The labels of a last row that heads columns with no rows under it (yet)."""
    last = grid.n_rows_total() - 1
    if last < 0:
        return None
    header = [c for c in _own(grid, last, groups) if cell_kind(c.text) != "index" and c.row == last]
    if len(header) < 2 or any(cell_kind(c.text) != "label" for c in header):
        return None
    return [_label(c) for c in header], (_context(grid, last, groups) or title)


def _split_at_titles(grid: Grid) -> list[Grid]:
    """Adjacent tables that a PDF reader joins: cut before each full-width single-cell row."""
    rows = grid.rows()
    if grid.n_cols < 2:
        return [grid]
    full = [len(grid.covering(r)) == 1 and bool(rows[r]) and rows[r][0].colspan >= grid.n_cols
            for r in range(len(rows))]
    cuts = [r for r in range(1, len(rows)) if full[r] and not full[r - 1]]
    bounds = [0, *cuts, len(rows)]
    return [_sub_grid(grid, a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _sub_grid(grid: Grid, start: int, end: int) -> Grid:
    if start == 0 and end >= grid.n_rows_total():
        return grid
    cells = []
    for c in grid.cells:
        top, bottom = max(c.row, start), min(c.row + c.rowspan, end)
        if top < bottom and c.row >= start:
            cells.append(GridCell(c.text, top - start, c.col, bottom - top, c.colspan))
        elif top < bottom:  # merged from above the cut: keep the label, not the text twice
            cells.append(GridCell(c.text, 0, c.col, bottom - top, c.colspan))
    return Grid(cells, grid.page, grid.index)


def _unit(label: str) -> str:
    from shenbao.plugins.authoring.wording import unit_of

    return unit_of(label)


def _row_fields(grid: Grid, row: int, groups: set[int], context: str) -> list[DraftField]:
    """Label cell → value cell pairs of one row (a label merged down labels the rows below)."""
    fields: list[DraftField] = []
    label: GridCell | None = None
    for cell in _own(grid, row, groups):
        kind = cell_kind(cell.text)
        carried = cell.row < row
        if kind == "label":
            label = cell
            continue
        if kind in ("index", "prose") or carried:
            continue
        if kind == "empty" and label is None:
            continue
        if label is None and kind == "value":
            found = [f for f in parse_text(cell.text, hint=context) if f.label]
            fields += [replace(f, context=f.context or context) for f in found]
            continue
        hint = _label(label) if label is not None else context
        if not hint:
            continue
        value = _value_text(grid, label, cell, row) if label is not None else cell.text
        fields += _value_fields(hint, value, kind, context)
        label = None
    return fields


def _value_text(grid: Grid, label: GridCell, cell: GridCell, row: int) -> str:
    """The value of a label merged over rows: the cells right of it in all those rows."""
    if label.rowspan < 2 or label.row != row:
        return cell.text
    texts = []
    for r in range(label.row, label.row + label.rowspan):
        neighbour = _right_of(grid, label, r)
        if neighbour is not None and neighbour.row == r:
            texts.append(neighbour.text.strip())
    joiner = " " if all(t.startswith(BOX) for t in texts) else "\n"
    return joiner.join(texts)


def _value_fields(label: str, value: str, kind: str, context: str) -> list[DraftField]:
    if kind == "empty":
        short, guidance = split_guidance(label)
        return [DraftField(short, guess_type(label), unit=_unit(label), context=context,
                           labels=(label,) if guidance else ())]
    if kind == "unit":
        unit = UNIT_CELL.match(value).group(1)
        name = f"{label}（{unit}）" if re.search(r"[（(]", value) else label
        return [DraftField(name, guess_type(name, unit), unit=unit, context=context)]
    found = parse_text(value, hint=label)
    if found:
        return [replace(f, context=f.context or context) for f in found]
    if SIGNATURE.search(value) and not DATE_BLANK.search(value):
        return []
    prompts = tuple(l.strip() for l in value.split("\n") if l.strip())
    short, guidance = split_guidance(label)
    return [DraftField(short, "longtext", prompts=prompts, context=context,
                       labels=(label,) if guidance else ())]
