"""Editing a blank .docx template with python-docx: the document under construction and the
helpers notice fillers use to write values where an applicant would type them."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from shenbao.core.notice import AttachmentSpec, FieldSpec, Notice
from shenbao.plugins.authoring.variants.classes import Knobs
from shenbao.plugins.authoring.variants.values import Values

BOX = "□"  # the templates' unticked box
BLANK_RE = re.compile(r"_{4,}")


@dataclass
class Doc:
    """One variant under construction: the docx plus what the truth will say."""

    notice: Notice
    name: str
    d: Document
    v: Values
    knobs: Knobs
    classes: frozenset[str]
    fields: dict[str, Any] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)
    attachments: dict[str, bool] = field(default_factory=dict)
    summary_rows: list[dict[str, Any]] = field(default_factory=list)  # rows of a bound 推荐汇总表
    value_runs: list[Any] = field(default_factory=list)  # <w:r> elements holding filled values
    template: list[Any] = field(default_factory=list)  # the blank's body elements (not added pages)

    def __post_init__(self) -> None:
        self.template = list(self.d.element.body)

    def in_template(self, el: Any) -> bool:
        """Whether an element belongs to the printed form (not to an attachment page added later)."""
        body = self.d.element.body
        while el is not None and el.getparent() is not body:
            el = el.getparent()
        return el is not None and any(el is t for t in self.template)

    @property
    def required(self) -> set[str]:
        return {f.key for f in self.notice.fields if f.required}

    def keep(self, key: str) -> bool:
        """Decide whether a field gets filled (optional/required blanks at the knob rates)."""
        rate = self.knobs.required_blank if key in self.required else self.knobs.optional_blank
        return not self.v.chance(rate)

    def catalog_field(self, key: str) -> FieldSpec:
        return self.notice.field(key)

    @property
    def catalog_attachments(self) -> list[AttachmentSpec]:
        return list(self.notice.attachments)

    def put(self, key: str, printed: str, truth: Any) -> str:
        self.fields[key] = truth
        self.printed[key] = printed
        return printed


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def copy_rpr(src_run: Run, dst_run: Run) -> None:
    rpr = src_run._r.rPr
    if rpr is not None:
        dst_run._r.insert(0, copy.deepcopy(rpr))


def ref_run(doc: Doc) -> Run:
    """A run with the body text formatting (first run of the first table's first cell)."""
    for t in doc.d.tables:
        for p in t.rows[0].cells[0].paragraphs:
            if p.runs:
                return p.runs[0]
    return doc.d.paragraphs[0].runs[0]


def style_value_run(doc: Doc, run: Run) -> None:
    """A filled value: the knobs' size; remembered so the ``fonts`` class can restyle it."""
    if doc.knobs.value_delta:
        base = run.font.size.pt if run.font.size is not None else 10.5
        run.font.size = Pt(base + doc.knobs.value_delta)
    doc.value_runs.append(run._r)


def set_paragraph_text(doc: Doc, p: Paragraph, text: str, like: Run | None = None) -> None:
    """Replace a paragraph's content by one run of `text` formatted like `like`."""
    like = like or (p.runs[0] if p.runs else ref_run(doc))
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    run = p.add_run(text)
    copy_rpr(like, run)
    run.underline = False
    run.bold = False  # filled values are plain text, even when copied from a bold heading
    style_value_run(doc, run)


def insert_paragraph_after(doc: Doc, p: Paragraph, text: str, like: Run | None = None) -> Paragraph:
    new_p = copy.deepcopy(p._p)
    for child in list(new_p):
        if not child.tag.endswith("}pPr"):
            new_p.remove(child)
    p._p.addnext(new_p)
    para = Paragraph(new_p, p._parent)
    set_paragraph_text(doc, para, text, like=like or (p.runs[0] if p.runs else None))
    return para


def replace_in_paragraph(p: Paragraph, old: str, new: str, count: int = 1) -> bool:
    """Replace text inside one run when possible, else flatten the paragraph's runs."""
    for r in p.runs:
        if old in r.text:
            r.text = r.text.replace(old, new, count)
            return True
    full = p.text
    if old not in full:
        return False
    runs = p.runs
    runs[0].text = full.replace(old, new, count)
    for r in runs[1:]:
        r._r.getparent().remove(r._r)
    return True


def fill_blanks(doc: Doc, p: Paragraph, values: list[str | None]) -> None:
    """Fill successive ____ blanks of a paragraph; None keeps the blank.

    Form text keeps the formatting of the paragraph's first text run; values get the knobs'
    size and, with blank_style "underline", an underline. With blank_style "tail" a blank that
    ends the paragraph keeps a few underscores after the value.
    """
    k = doc.knobs
    text = p.text
    pieces = BLANK_RE.split(text)
    blanks = BLANK_RE.findall(text)
    if not any(values[i] is not None for i in range(min(len(values), len(blanks)))):
        return
    segments: list[tuple[str, bool]] = [(pieces[0], False)]
    for i, b in enumerate(blanks):
        val = values[i] if i < len(values) else None
        if val is None:
            segments.append((b, False))
        else:
            tail = "_" * doc.v.rng.randint(3, 10) if k.blank_style == "tail" and not pieces[i + 1] else ""
            segments.append((f"{k.blank_pad}{val}{k.blank_pad}", True))
            if tail:
                segments.append((tail, False))
        segments.append((pieces[i + 1], False))
    like = next((r for r in p.runs if r.text.strip() and "_" not in r.text), p.runs[0])
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    for txt, is_value in segments:
        if not txt:
            continue
        run = p.add_run(txt)
        copy_rpr(like, run)
        run.underline = bool(is_value and k.blank_style == "underline")
        if is_value:
            run.bold = False
            style_value_run(doc, run)


def unique_cells(row: _Row) -> list[_Cell]:
    out, seen = [], set()
    for c in row.cells:
        if id(c._tc) in seen:
            continue
        seen.add(id(c._tc))
        out.append(c)
    return out


def find_cell(table: Table, label: str, nth: int = 0, offset: int = 1) -> _Cell:
    """The cell `offset` places right of the nth cell whose text equals `label`."""
    hits = 0
    for row in table.rows:
        cells = unique_cells(row)
        for i, c in enumerate(cells):
            if norm(c.text) == norm(label):
                if hits == nth:
                    return cells[i + offset]
                hits += 1
    raise KeyError(f"label {label!r} not found in table")


def write_cell(doc: Doc, cell: _Cell, text: str) -> None:
    """Write text (\\n = new paragraph) into a cell, replacing what is there."""
    paras = cell.paragraphs
    lines = text.split("\n")
    like = ref_run(doc)
    set_paragraph_text(doc, paras[0], lines[0], like=like)
    for extra in paras[1:]:
        extra._p.getparent().remove(extra._p)
    last = paras[0]
    for line in lines[1:]:
        last = insert_paragraph_after(doc, last, line, like=like)


def append_row_copy(doc: Doc, table: Table, texts: list[str | None], src_index: int = -1) -> None:
    """Knob extra_rows: copy a row of `table` below the last one and write `texts` into its cells."""
    new = copy.deepcopy(table.rows[src_index]._tr)
    table.rows[-1]._tr.addnext(new)
    row = table.rows[len(table.rows) - 1]
    for cell, txt in zip(unique_cells(row), texts, strict=False):
        if txt is not None:  # None: leave the cell as copied (e.g. a vertically merged label cell)
            write_cell(doc, cell, txt)


def tick(doc: Doc, paragraphs: Iterable[Paragraph], option: str) -> bool:
    """Replace the □ before `option` by the tick glyph (first paragraph that has it)."""
    for p in paragraphs:
        txt = p.text
        for sep in ("", " "):
            if BOX + sep + option in txt:
                gap = " " if doc.knobs.tick_space else sep
                return replace_in_paragraph(p, BOX + sep + option, doc.knobs.tick + gap + option)
    return False


def body_paragraph(doc: Doc, startswith: str, after: int = 0) -> tuple[int, Paragraph]:
    for i, p in enumerate(doc.d.paragraphs):
        if i >= after and norm(p.text).startswith(norm(startswith)):
            return i, p
    raise KeyError(startswith)


def bool_text(doc: Doc, value: bool, spaces: str = "   ") -> str:
    gap = " " if doc.knobs.tick_space else ""
    yes = (doc.knobs.tick + gap if value else BOX) + "是"
    no = (BOX if value else doc.knobs.tick + gap) + "否"
    return f"{yes}{spaces}{no}"


def fill_bool_cell(doc: Doc, cell: _Cell, key: str, value: bool) -> None:
    doc.put(key, bool_text(doc, value), value)
    if BOX + "是" in cell.text:
        tick(doc, cell.paragraphs, "是" if value else "否")
    else:
        write_cell(doc, cell, bool_text(doc, value))


def maybe(doc: Doc, key: str, make: Callable[[], tuple[str, Any]]) -> str | None:
    """Fill `key` unless the knobs leave it blank; returns the printed string or None."""
    if not doc.keep(key):
        return None
    printed, truth = make()
    return doc.put(key, printed, truth)


# ---------------------------------------------------------------------------- added pages


def page_break_paragraph(doc: Doc, text: str, bold: bool = True, size: float = 14.0, brk: bool = True) -> Paragraph:
    p = doc.d.add_paragraph()
    if brk:
        p.add_run().add_break(WD_BREAK.PAGE)
    run = p.add_run(text)
    copy_rpr(ref_run(doc), run)
    run.bold = bold
    run.font.size = Pt(size)
    return p


def add_text(doc: Doc, text: str, size: float = 10.5) -> Paragraph:
    p = doc.d.add_paragraph()
    run = p.add_run(text)
    copy_rpr(ref_run(doc), run)
    run.font.size = Pt(size)
    return p


def add_table(doc: Doc, rows: list[list[str]]) -> Table:
    t = doc.d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.d.tables[0].style
    for r, row in enumerate(rows):
        for c, txt in enumerate(row):
            run = t.cell(r, c).paragraphs[0].add_run(txt)
            copy_rpr(ref_run(doc), run)
            run.font.size = Pt(10)
    borders(t)
    return t


def borders(t: Table) -> None:
    b = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), "4")
        e.set(qn("w:color"), "000000")
        b.append(e)
    t._tbl.tblPr.append(b)


def list_page(
    doc: Doc, heading: str, header: list[str], make_row: Callable[[int], list[str]], n: int | None = None
) -> None:
    page_break_paragraph(doc, heading, brk=doc.knobs.attach_break)
    n = n or doc.v.rng.randint(3, 12)
    add_table(doc, [header] + [make_row(i + 1) for i in range(n)])


def license_page(doc: Doc, heading: str, name: str, code: str, rep: str, founded: date, addr: str) -> None:
    page_break_paragraph(doc, heading, brk=doc.knobs.attach_break)
    add_text(doc, "营 业 执 照", 18)
    add_text(doc, "（副 本）")
    add_table(
        doc,
        [
            ["统一社会信用代码", code],
            ["名 称", name],
            ["类 型", "有限责任公司（自然人投资或控股）"],
            ["法定代表人", rep],
            ["注册资本", f"{doc.v.pick([1000, 5000, 10000, 50000])}万元人民币"],
            ["成立日期", f"{founded.year}年{founded.month:02d}月{founded.day:02d}日"],
            ["营业期限", "长期"],
            ["住 所", addr],
            [
                "经营范围",
                (
                    "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；"
                    "信息系统集成服务；工业互联网数据服务；物联网技术服务。"
                ),
            ],
        ],
    )
    add_text(doc, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn")
