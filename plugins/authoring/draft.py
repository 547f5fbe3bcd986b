"""``shenbao notice draft``: draft a notice's field map from its blank 申报书 template.

One field per label cell, ``____`` blank and □ group; sections from the headings; the type
guessed from unit and wording; ``required`` from ``*`` marks; options from □ items;
attachments from the 材料清单 / 证明材料 list. The result is a starting point for a person:
every field says where it was found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from shenbao.plugins.authoring.formread import Block, Grid, GridCell, Paragraph, read_blocks
from shenbao.plugins.authoring.inline import DraftField, closes_paren, parse_text
from shenbao.plugins.authoring.keys import assign_keys
from shenbao.plugins.authoring.noticetext import merge, notice_attachments, read_notice_lines
from shenbao.plugins.authoring.tables import (
    cell_kind,
    column_fields,
    grid_rows,
    is_group,
    list_rows,
    row_context,
    row_fields,
    split_at_titles,
    sub_grid,
    trailing_header,
)
from shenbao.plugins.authoring.wording import (
    ATTACHMENT_LIST,
    BLANK,
    LIST_ITEM,
    heading_level,
    is_required,
    normalize_label,
    outside_parens,
    paren_depth,
    split_guidance,
    squash,
    strip_colon,
    tidy_heading,
    unstar,
)

COVER = "封面"
NOT_NARRATIVE = ("填报说明", "目录", "说明")
COVER_LABEL = re.compile(r"^\S{0,10}(名称|单位|日期|时间|联系人|电话|类别|方向|地址|开发区）?)(（[^）]{0,6}）)?[：:]?$")


@dataclass
class DraftAttachment:
    label: str
    required: bool
    where: str = ""
    key: str = ""
    labels: list[str] = field(default_factory=list)  # other wordings (from the notice text)


@dataclass
class Section:
    name: str
    level: int
    required: bool = False
    parent: Section | None = None
    from_table: bool = False
    has_children: bool = False
    fields: int = 0
    attachments: int = 0
    prompt: str = ""
    where: str = ""
    printed: str = ""  # the heading as printed


@dataclass
class NoticeDraft:
    source: str
    fields: list[DraftField] = field(default_factory=list)
    attachments: list[DraftAttachment] = field(default_factory=list)
    title: str = ""


def draft_notice(path: str | Path, notice_text: str | Path | None = None) -> NoticeDraft:
    """Draft the field map of the blank form at ``path`` (.docx or .pdf); with ``notice_text``
    (the 通知 as .txt/.docx/.pdf) also the attachments the notice asks for. Raises PluginError."""
    drafter = _Drafter(str(path))
    for block in read_blocks(path):
        drafter.block(block)
    draft = drafter.finish()
    if notice_text is not None:
        add_notice_attachments(draft, notice_text)
    return draft


def add_notice_attachments(draft: NoticeDraft, notice_text: str | Path) -> int:
    """Append the attachments the notice text asks for that the form does not list (the
    form's own come first; a repeated one adds its wording to ``labels``). Returns how many
    were added."""

    name = Path(notice_text).name
    found = [
        DraftAttachment(a.label, a.required, f"{name}, line {a.line}", labels=a.labels)
        for a in notice_attachments(read_notice_lines(notice_text))
    ]
    before = len(draft.attachments)
    draft.attachments = merge(draft.attachments, found)
    assign_keys(draft)
    return len(draft.attachments) - before


class _Drafter:
    def __init__(self, source: str) -> None:
        self.draft = NoticeDraft(source)
        self.sections: list[Section] = [Section(COVER, 0)]
        self.all_sections: list[Section] = []
        self.carried_header: tuple[list[str], str] | None = None
        self.contents_page = 0
        self.cover_suffix = ""
        self.carried_text = ""
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
        if self.carried_text:  # the rest of a table cell the page break cut off
            para = Paragraph(self.carried_text + para.text.strip(), para.page)
            self.carried_text = ""
        text = para.text.strip()
        if self.listing and self.list_item(text, para.page):
            return
        level = heading_level(text)
        if level:
            self.flush()
            self.push(text, level, where=f"page {para.page}")
            self.start_list(text, para.page)
            return
        if ATTACHMENT_LIST.search(text) and len(outside_parens(text)) <= 30 and not BLANK.search(text):
            self.flush()
            self.start_list(text, para.page)
            return
        if self.section.name == COVER and not BLANK.search(text):
            kept = self.cover_line(para)
            if kept is None:
                return
            para = kept
        self.buffer.append(para)

    def start_list(self, text: str, page: int) -> None:
        self.listing = bool(ATTACHMENT_LIST.search(squash(text)))
        # a 目录 lists its entries without numbers once OCR drops them; it ends with its page
        self.contents_page = page if self.listing and squash(text) == "目录" else 0

    def cover_line(self, para: Paragraph) -> Paragraph | None:
        """Cover lines of a scan: the underline after ``企业名称：`` is lost and its ``（盖章）``
        may be read as a line of its own, before or after it."""
        text = squash(para.text)
        if not self.draft.title:
            self.draft.title = text
            return para
        if re.fullmatch(r"[（(](盖章|签字|签章)[）)]", text):
            self.cover_suffix = text.replace("(", "（").replace(")", "）")
            return None
        if COVER_LABEL.search(text):
            suffix, self.cover_suffix = self.cover_suffix, ""
            return Paragraph(f"{strip_colon(text)}：______{suffix}", para.page)
        return para

    def list_item(self, text: str, page: int) -> bool:
        """Take ``text`` as an attachment (or the wrap of the last one); False ends the list."""
        items = self.draft.attachments
        unnumbered = page == self.contents_page and len(text) <= 30 and not BLANK.search(text)
        if LIST_ITEM.match(text) or unnumbered:
            label = squash(text)
            if any(normalize_label(a.label) == normalize_label(label) for a in items):
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
        section = Section(
            tidy_heading(unstar(text)), level, is_required(text), parent, from_table, where=where, printed=text
        )
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
            self.draft.fields.append(
                replace(spec, label=unstar(spec.label), section=section.name, required=required, where=where)
            )
            section.fields += 1

    # -- tables ------------------------------------------------------------------------------
    def grid(self, whole: Grid) -> None:
        for grid in split_at_titles(whole):
            self.one_grid(grid)

    def one_grid(self, grid: Grid) -> None:
        rows = grid.rows()
        where = f"page {grid.page}, table {grid.index}"
        if not rows:
            return
        if self.carried_header:
            used = self.continue_list(grid, where, self.carried_header)
            if used:
                grid = sub_grid(grid, used, len(rows))
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
            elif (self.buffer and paren_depth(self.buffer[-1].text) > 0) or self.open_heading(text):
                self.section.from_table = True  # "情况）": the end of a heading the page broke
            else:
                title = squash(text)
            start = 1
        body = rows[start:]
        if all(len(r) <= 1 for r in body):
            self.single_column(grid, body, title, where)
        else:
            self.rows(grid, start, title, where)
        self.carried_text = _open_last_line(rows)

    def open_heading(self, text: str) -> bool:
        """The table's first row closes a parenthesis the heading before it left open."""
        return (
            bool(self.all_sections)
            and self.all_sections[-1] is self.section
            and paren_depth(self.section.printed) > 0
            and closes_paren(text)
        )

    def continue_list(self, grid: Grid, where: str, carried: tuple[list[str], str]) -> int:
        """Empty rows at the top of a table continue a header left at the foot of the last
        page's table (a table broken across pages)."""
        header, context = carried
        self.carried_header = None
        empty = 0
        for row in grid.rows():
            if row and all(cell_kind(c.text) in ("empty", "index") for c in row):
                empty += 1
            else:
                break
        self.add(column_fields(header, context, empty), where)
        return empty

    def single_column(self, grid: Grid, body: list[list[GridCell]], title: str, where: str) -> None:
        text = "\n".join(r[0].text for r in body if r)
        found = parse_text(text, hint=title)
        numbered = [row.strip() for row in text.split("\n") if re.match(r"^\s*\d+、\S", row)]
        if not found and len(numbered) >= 2:
            found = self.numbered_prompts(text, title)
        if not found:
            label = title or (self.section.name if self.section.from_table else "")
            if label:
                short, guidance = split_guidance(label)
                prompts = tuple(row.strip() for row in text.split("\n") if row.strip())
                found = [DraftField(short, "longtext", labels=(label,) if guidance else (), prompts=prompts)]
        self.add(found, where)

    @staticmethod
    def numbered_prompts(text: str, title: str) -> list[DraftField]:
        """``1、申报单位情况简介`` + guidance lines: each numbered item is one longtext."""
        found: list[DraftField] = []
        for line in (row.strip() for row in text.split("\n")):
            if re.match(r"^\d+、\S", line):
                found.append(DraftField(squash(line), "longtext", parent=title))
            elif line and found:
                found[-1].prompts += (line,)
        return found

    def rows(self, grid: Grid, start: int, title: str, where: str) -> None:
        rows = grid.rows()
        groups = {id(c) for c in grid.cells if is_group(grid, c)}
        r = start
        self.carried_header = trailing_header(grid, groups, title)
        while r < len(rows):
            group = row_context(grid, r, groups)
            here = f"{where}, row {r + 1}"
            taken = list_rows(grid, r, groups, group or title) or grid_rows(grid, r, groups, group or title)
            if taken:
                fields, used = taken
                self.add(fields, here)
                r += used
                continue
            found = row_fields(grid, r, groups, group)
            if title and not group:  # a title row over the table is a group name, not a context
                found = [replace(f, parent=f.parent or title) for f in found]
            self.add(found, here)
            r += 1

    # -- end -------------------------------------------------------------------------------
    def finish(self) -> NoticeDraft:
        self.flush()
        for section in self.all_sections:
            if (
                section.fields
                or section.attachments
                or section.has_children
                or section.level == 0
                or squash(section.name) in NOT_NARRATIVE
            ):
                continue
            self.add(
                _narrative_fields(section),
                section.where,
                section if section.prompt or section.from_table else section.parent,
            )
        self.draft.fields.sort(key=_order(self.draft.fields))
        assign_keys(self.draft)
        return self.draft


def _open_last_line(rows: list[list[GridCell]]) -> str:
    """The last line of a table when a page break cut it inside a parenthesis."""
    if not rows or not rows[-1]:
        return ""
    last = rows[-1][-1].text.rstrip().split("\n")[-1].strip()
    return last if paren_depth(last) > 0 else ""


def _order(fields: list[DraftField]) -> Callable[[DraftField], tuple[int, int]]:
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
