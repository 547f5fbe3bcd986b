"""Generate unseen-like filled 申报书 from the blank templates, extract them, score them.

    python bench/variants.py --per-notice 3 --seed 7 --out bench/out/variants
    python bench/variants.py --per-notice 2 --notice wuhan-fund-2022 --out /tmp/v --no-extract
    python bench/variants.py --per-notice 3 --seed 7 --out bench/out/v7 --scans   # + image-only scans (OCR, slow)

For each notice, N variants are written to OUT/<notice>/:
    <doc>.docx        the blank template filled with python-docx (random plausible values,
                      varied formats, some optional fields blank, varied layout knobs),
    <doc>.pdf         LibreOffice headless conversion (same renderer as the dev samples),
    <doc>.truth.json  ground truth in the contract's truth format (fields, attachments, findings),
    <doc>.meta.json   what was printed for each field and which layout knobs were used.
Then every PDF goes through `shenbao extract --format json` into OUT/out/<doc>.json,
/work/shared/tools/score.py scores OUT against OUT/out, and a per-field list of misses,
wrong values and extras is printed (doc, key, got, want, and the PDF line around the value).

Each document also draws layout/format "knobs" (tick glyph, padding, value font size, margins,
label-column width, trailing "：" on labels, attachments with/without page breaks, extra table rows,
share of blank fields); they are printed with the results so failures can be tied to them.
The same seed always gives the same documents.

Values are filled the way the dev samples are: into the table cell right of a label, after
"：" in running text, into "____" blanks, ☑ replacing □ in choice groups, "年 月 日" replaced
by a date; attachment pages are appended with "附件N：…" headings (or numbered sections for
the 武汉 简表), some attachments left out.
"""
from __future__ import annotations

import argparse
import copy
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from variant_values import WUHAN, Values, uscc_valid  # noqa: E402

SHARED = Path(os.environ.get("SHENBAO_SHARED", "/work/shared"))
BLANKS = SHARED / "blanks"
CATALOGS = SHARED / "catalog"
SCORER = SHARED / "tools" / "score.py"
NOTICES = ("miit-2022-shuangkua", "hunan-2023-platform", "wuhan-fund-2022", "miit-2023-pilot")
BOX = "□"

# ============================================================================ catalog & truth


def load_catalog(notice: str) -> dict:
    with open(CATALOGS / f"{notice}.toml", "rb") as fh:
        return tomllib.load(fh)


@dataclass
class Knobs:
    """Per-document layout/format variations (recorded in the meta file)."""
    tick: str = "☑"            # glyph that replaces □ for a ticked option
    blank_pad: str = " "        # padding around a value written into a ____ blank
    value_delta: float = 0.0    # filled values are this many points larger/smaller than the form text
    margin_cm: float | None = None  # left/right page margin override
    label_colon: bool = False   # label cells get a trailing "："
    attach_break: bool = True   # each attachment starts on a new page
    optional_blank: float = 0.15  # share of optional fields left blank
    required_blank: float = 0.03  # share of required fields left blank (gives missing_field findings)
    blank_style: str = "replace"  # ____ blanks: "replace" them, keep a "tail" of ____ after the value,
    #                               or "underline" the value run instead of underscores
    col_scale: float | None = None  # label-column width factor for 2/4-column label|value tables
    tick_space: bool = False    # a space between the tick glyph and its option ("☑ 自建")
    extra_rows: bool = False    # applicant added rows to list tables (honours, support units, investments)

    @staticmethod
    def random(v: Values) -> "Knobs":
        k = Knobs()
        k.tick = v.pick(["☑"] * 14 + ["■", "☒", "√"])
        k.blank_pad = v.pick([" ", " ", "", "  "])
        k.value_delta = v.pick([0.0, 0.0, 0.0, -1.5, 1.5, -2.0])
        k.margin_cm = v.pick([None, None, 2.0, 2.8, 3.2])
        k.label_colon = v.chance(0.12)
        k.attach_break = v.chance(0.85)
        k.optional_blank = v.pick([0.05, 0.15, 0.3])
        k.required_blank = v.pick([0.0, 0.0, 0.02, 0.05])
        k.blank_style = v.pick(["replace"] * 6 + ["tail", "underline"])
        k.col_scale = v.pick([None, None, None, 0.8, 0.9, 1.15, 1.25])
        k.tick_space = v.chance(0.12)
        k.extra_rows = v.chance(0.3)
        return k


@dataclass
class Doc:
    """One variant under construction: the docx plus what the truth will say."""
    notice: str
    name: str
    d: docx.document.Document
    v: Values
    knobs: Knobs
    catalog: dict
    fields: dict[str, Any] = field(default_factory=dict)
    printed: dict[str, str] = field(default_factory=dict)
    attachments: dict[str, bool] = field(default_factory=dict)
    extra_findings: list[str] = field(default_factory=list)

    @property
    def required(self) -> set[str]:
        return {f["key"] for f in self.catalog["fields"] if f.get("required")}

    def keep(self, key: str) -> bool:
        """Decide whether a field gets filled (optional/required blanks at the knob rates)."""
        rate = self.knobs.required_blank if key in self.required else self.knobs.optional_blank
        return not self.v.chance(rate)

    def catalog_field(self, key: str) -> dict:
        return next(f for f in self.catalog["fields"] if f["key"] == key)

    def put(self, key: str, printed: str, truth: Any) -> str:
        self.fields[key] = truth
        self.printed[key] = printed
        return printed


# ============================================================================ docx helpers


def norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _copy_rpr(src_run, dst_run) -> None:
    rpr = src_run._r.rPr
    if rpr is not None:
        dst_run._r.insert(0, copy.deepcopy(rpr))


def ref_run(doc: Doc):
    """A run with the body text formatting (first run of the first table's first cell)."""
    for t in doc.d.tables:
        for p in t.rows[0].cells[0].paragraphs:
            if p.runs:
                return p.runs[0]
    return doc.d.paragraphs[0].runs[0]


def style_value_run(doc: Doc, run) -> None:
    if doc.knobs.value_delta:
        base = run.font.size.pt if run.font.size is not None else 10.5
        run.font.size = Pt(base + doc.knobs.value_delta)


def set_paragraph_text(doc: Doc, p: Paragraph, text: str, like=None) -> None:
    """Replace a paragraph's content by one run of `text` formatted like `like`."""
    like = like or (p.runs[0] if p.runs else ref_run(doc))
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    run = p.add_run(text)
    _copy_rpr(like, run)
    run.underline = False
    run.bold = False  # filled values are plain text, even when copied from a bold heading
    style_value_run(doc, run)


def insert_paragraph_after(doc: Doc, p: Paragraph, text: str, like=None) -> Paragraph:
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


BLANK_RE = re.compile(r"_{4,}")


def fill_blanks(doc: Doc, p: Paragraph, values: list[str | None]) -> None:
    """Fill successive ____ blanks of a paragraph; None keeps the blank.

    The paragraph is rewritten as runs: form text keeps the formatting of the paragraph's first
    text run; values get the knobs' size and, with blank_style "underline", an underline.
    With blank_style "tail" a blank that ends the paragraph keeps a few underscores after the value.
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
        _copy_rpr(like, run)
        run.underline = bool(is_value and k.blank_style == "underline")
        if is_value:
            run.bold = False
            style_value_run(doc, run)


def unique_cells(row) -> list[_Cell]:
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


def append_row_copy(doc: Doc, table: Table, texts: list[str | None], src_index: int = -1) -> None:
    """Knob extra_rows: copy a row of `table` below the last one and write `texts` into its cells."""
    src = table.rows[src_index]._tr
    new = copy.deepcopy(src)
    table.rows[-1]._tr.addnext(new)
    row = table.rows[len(table.rows) - 1]
    for cell, txt in zip(unique_cells(row), texts):
        if txt is not None:  # None: leave the cell as copied (e.g. a vertically merged label cell)
            write_cell(doc, cell, txt)


def write_cell(doc: Doc, cell: _Cell, text: str) -> None:
    """Write text (\n = new paragraph) into a cell, replacing what is there."""
    paras = cell.paragraphs
    lines = text.split("\n")
    like = ref_run(doc)
    set_paragraph_text(doc, paras[0], lines[0], like=like)
    for extra in paras[1:]:
        extra._p.getparent().remove(extra._p)
    last = paras[0]
    for line in lines[1:]:
        last = insert_paragraph_after(doc, last, line, like=like)


def tick(doc: Doc, paragraphs: Iterable[Paragraph], option: str) -> bool:
    """Replace the □ before `option` by the tick glyph (first paragraph that has it)."""
    for p in paragraphs:
        txt = p.text
        for sep in ("", " "):
            if BOX + sep + option in txt:
                # make sure we do not match a longer option with the same prefix
                gap = " " if doc.knobs.tick_space else sep
                return replace_in_paragraph(p, BOX + sep + option, doc.knobs.tick + gap + option)
    return False


def body_paragraph(doc: Doc, startswith: str, after: int = 0) -> tuple[int, Paragraph]:
    for i, p in enumerate(doc.d.paragraphs):
        if i >= after and norm(p.text).startswith(norm(startswith)):
            return i, p
    raise KeyError(startswith)


def add_label_colons(doc: Doc) -> None:
    """Knob: applicants who add "：" after the labels in the left column of each table."""
    cat_labels = {norm(f["label"]) for f in doc.catalog["fields"]}
    for t in doc.d.tables:
        for row in t.rows:
            cells = unique_cells(row)
            for c in cells[:-1]:
                if norm(c.text) in cat_labels and c.paragraphs and c.paragraphs[-1].runs:
                    c.paragraphs[-1].runs[-1].text += "："


def scale_label_columns(doc: Doc, factor: float) -> None:
    """Make the label columns (even grid columns) of label|value tables narrower or wider."""
    from docx.oxml.ns import qn
    for t in doc.d.tables:
        grid = t._tbl.tblGrid.findall(qn("w:gridCol"))
        if len(grid) not in (2, 4):
            continue
        widths = [int(g.get(qn("w:w"))) for g in grid]
        total = sum(widths)
        new = [round(w * factor) if i % 2 == 0 else w for i, w in enumerate(widths)]
        rest = total - sum(new[0::2])
        odd_total = sum(widths[1::2])
        for i in range(1, len(new), 2):
            new[i] = round(rest * widths[i] / odd_total)
        for g, w in zip(grid, new):
            g.set(qn("w:w"), str(w))
        for tr in t._tbl.tr_lst:
            pos = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                tcW = tc.tcPr.find(qn("w:tcW")) if tc.tcPr is not None else None
                if tcW is not None:
                    tcW.set(qn("w:w"), str(sum(new[pos:pos + span])))
                pos += span


def apply_page_knobs(doc: Doc) -> None:
    if doc.knobs.col_scale:
        scale_label_columns(doc, doc.knobs.col_scale)
    if doc.knobs.margin_cm:
        for s in doc.d.sections:
            s.left_margin = s.right_margin = Cm(doc.knobs.margin_cm)


def page_break_paragraph(doc: Doc, text: str, bold: bool = True, size: float = 14.0,
                         brk: bool = True) -> Paragraph:
    p = doc.d.add_paragraph()
    if brk:
        p.add_run().add_break(WD_BREAK.PAGE)
    run = p.add_run(text)
    _copy_rpr(ref_run(doc), run)
    run.bold = bold
    run.font.size = Pt(size)
    return p


def add_text(doc: Doc, text: str, size: float = 10.5) -> Paragraph:
    p = doc.d.add_paragraph()
    run = p.add_run(text)
    _copy_rpr(ref_run(doc), run)
    run.font.size = Pt(size)
    return p


def add_table(doc: Doc, rows: list[list[str]]) -> Table:
    t = doc.d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.d.tables[0].style
    for r, row in enumerate(rows):
        for c, txt in enumerate(row):
            cell = t.cell(r, c)
            run = cell.paragraphs[0].add_run(txt)
            _copy_rpr(ref_run(doc), run)
            run.font.size = Pt(10)
    _borders(t)
    return t


def _borders(t: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tblPr = t._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), "4")
        e.set(qn("w:color"), "000000")
        b.append(e)
    tblPr.append(b)


# ============================================================================ shared value helpers


def maybe(doc: Doc, key: str, make: Callable[[], tuple[str, Any]]) -> str | None:
    """Fill `key` unless the knobs leave it blank; returns the printed string or None."""
    if not doc.keep(key):
        return None
    printed, truth = make()
    return doc.put(key, printed, truth)


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


def license_page(doc: Doc, heading: str, name: str, code: str, rep: str, founded: date, addr: str) -> None:
    page_break_paragraph(doc, heading, brk=doc.knobs.attach_break)
    add_text(doc, "营 业 执 照", 18)
    add_text(doc, "（副 本）")
    add_table(doc, [["统一社会信用代码", code], ["名 称", name], ["类 型", "有限责任公司（自然人投资或控股）"],
                    ["法定代表人", rep], ["注册资本", f"{doc.v.pick([1000, 5000, 10000, 50000])}万元人民币"],
                    ["成立日期", f"{founded.year}年{founded.month:02d}月{founded.day:02d}日"],
                    ["营业期限", "长期"], ["住 所", addr],
                    ["经营范围", "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；"
                     "信息系统集成服务；工业互联网数据服务；物联网技术服务。"]])
    add_text(doc, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn")


def list_page(doc: Doc, heading: str, header: list[str], make_row: Callable[[int], list[str]],
              n: int | None = None) -> None:
    page_break_paragraph(doc, heading, brk=doc.knobs.attach_break)
    n = n or doc.v.rng.randint(3, 12)
    add_table(doc, [header] + [make_row(i + 1) for i in range(n)])


# ============================================================================ wuhan-fund-2022

WUHAN_CATS = ["首次获评国家“双跨”工业互联网平台", "首次获批国家试点示范企业或项目",
              "第三方工业互联网安全服务机构", "工业互联网标识解析二级节点", "市级行业工业互联网平台"]


def fill_wuhan(doc: Doc) -> None:
    v, d, k = doc.v, doc.d, doc.knobs
    district, div = v.pick(WUHAN.districts)
    if v.chance(0.1):  # registered outside Wuhan -> rule:applicant.in_wuhan
        div = v.pick(["420500", "420600", "430104"])
    brand = v.brand()
    name = v.company("武汉" if v.chance(0.5) else "", brand)
    cat = v.pick(WUHAN_CATS[2:] * 3 + WUHAN_CATS[:2])
    proj = {WUHAN_CATS[0]: f"{brand}跨行业跨领域工业互联网平台",
            WUHAN_CATS[1]: f"{brand}工业互联网试点示范项目",
            WUHAN_CATS[2]: v.pick(["面向工业企业的工控安全评估与防护服务项目", f"{brand}工业互联网安全服务项目"]),
            WUHAN_CATS[3]: f"{v.pick(['汽车', '光电子信息', '航空航天', '生物医药', '钢铁'])}行业工业互联网标识解析二级节点建设项目",
            WUHAN_CATS[4]: f"{brand}工业互联网平台建设项目"}[cat]
    rep = v.person()
    contact = v.person()
    apply_dt = v.rand_date(date(2022, 6, 1), date(2022, 9, 30))

    # cover
    for label, val in (("申报类别", cat), ("项目名称", proj), ("申报单位（盖章）", name),
                       ("所在区（开发区）", district), ("申报日期", v.fmt_date(apply_dt))):
        fill_blanks(doc, body_paragraph(doc, label + "：")[1], [val])

    t0, t1, t2, t3, t4, t5 = d.tables[:6]
    write_cell(doc, find_cell(t0, "申报单位名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t0, "统一社会信用代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    if doc.keep("applicant.legal_rep"):
        write_cell(doc, find_cell(t0, "法定代表人"), doc.put("applicant.legal_rep", rep, rep))
    addr = v.address(WUHAN, district)
    if doc.keep("applicant.address"):
        write_cell(doc, find_cell(t0, "注册地址"), doc.put("applicant.address", addr, addr))
    if doc.keep("applicant.district"):
        write_cell(doc, find_cell(t0, "所在区（开发区）"), doc.put("applicant.district", district, district))
    p, iso, founded = v.date_value(date(1995, 1, 1), date(2020, 12, 31))
    if doc.keep("applicant.founded"):
        write_cell(doc, find_cell(t0, "成立时间"), doc.put("applicant.founded", p, iso))
    if doc.keep("contact.name"):
        write_cell(doc, find_cell(t0, "联系人"), doc.put("contact.name", contact, contact))
    if (s := maybe(doc, "contact.phone", lambda: v.landline("027"))):
        write_cell(doc, find_cell(t0, "联系电话"), s)
    if (s := maybe(doc, "contact.mobile", v.mobile)):
        write_cell(doc, find_cell(t0, "手机"), s)
    if (s := maybe(doc, "contact.email", lambda: v.email(contact, brand))):
        write_cell(doc, find_cell(t0, "电子邮箱"), s)

    write_cell(doc, find_cell(t1, "项目名称"), doc.put("project.name", proj, proj))
    doc.put("project.category", cat, cat)
    tick(doc, find_cell(t1, "申报类别").paragraphs, cat)
    revenue_total = None
    if cat == WUHAN_CATS[2]:
        r2, r1 = v.money(80, 1500), v.money(80, 2500)
        revenue_total = round(r2 + r1, 2)
    amount = {WUHAN_CATS[0]: 500.0, WUHAN_CATS[1]: 100.0,
              WUHAN_CATS[2]: min(100.0, math.floor((revenue_total or 0) * 0.1)),
              WUHAN_CATS[3]: float(v.pick([150, 180, 200])), WUHAN_CATS[4]: float(v.pick([100, 150, 200]))}[cat]
    if v.chance(0.1):
        amount = float(v.pick([120, 250, 300]))
    if doc.keep("project.requested_amount"):
        s = v.fmt_money(amount, unit_rate=0.4, yuan_rate=0.0)
        if v.chance(0.08):
            s = f"{amount:g}万元（大写：{ {500: '伍佰', 100: '壹佰', 150: '壹佰伍拾', 180: '壹佰捌拾', 200: '贰佰'}.get(int(amount), '叁佰')}万元整）"
        write_cell(doc, find_cell(t1, "申请支持金额（万元）"), doc.put("project.requested_amount", s, amount))
    summary = v.longtext(1, 6)
    write_cell(doc, find_cell(t1, "项目简介"), doc.put("project.summary", summary, summary))

    for label, key in (("在我市注册登记的独立法人单位", "compliance.registered_in_wuhan"),
                       ("近两年未发生重大安全、质量、环保事故", "compliance.no_major_accident"),
                       ("无严重失信行为", "compliance.no_serious_dishonesty")):
        if doc.keep(key):
            fill_bool_cell(doc, find_cell(t2, label), key, not v.chance(0.05))

    if cat == WUHAN_CATS[2]:
        if doc.keep("security.revenue_prev2"):
            s = v.fmt_money(r2)
            write_cell(doc, unique_cells(t3.rows[0])[1], doc.put("security.revenue_prev2", s, r2))
        if doc.keep("security.revenue_prev1"):
            s = v.fmt_money(r1)
            write_cell(doc, unique_cells(t3.rows[1])[1], doc.put("security.revenue_prev1", s, r1))
        if v.chance(0.1):
            revenue_total = round(revenue_total + v.pick([10, 100, -50]), 2)  # rule:security.revenue_sum
        if doc.keep("security.revenue_total"):
            s = v.fmt_money(revenue_total)
            write_cell(doc, find_cell(t3, "两年合计（万元）"), doc.put("security.revenue_total", s, revenue_total))
        clients = v.rng.randint(20, 400)
        if doc.keep("security.clients"):
            write_cell(doc, find_cell(t3, "服务工业企业数（家）"),
                       doc.put("security.clients", v.fmt_int(clients, "家", 0.3), clients))
        n = v.rng.randint(clients, clients * 2)
        if doc.keep("security.contracts"):
            write_cell(doc, find_cell(t3, "服务合同数（份）"), doc.put("security.contracts", v.fmt_int(n, "份", 0.3), n))
    if cat == WUHAN_CATS[3]:
        ind = v.pick(["汽车", "光电子信息", "航空航天", "生物医药", "钢铁"])
        nm = f"工业互联网标识解析二级节点（{ind}行业）"
        if doc.keep("node.name"):
            write_cell(doc, find_cell(t4, "二级节点名称"), doc.put("node.name", nm, nm))
        if doc.keep("node.industry"):
            write_cell(doc, find_cell(t4, "服务行业"), doc.put("node.industry", ind, ind))
        if doc.keep("node.online_date"):
            p, iso, _ = v.date_value(date(2019, 1, 1), date(2022, 6, 30), month_rate=0.15)
            write_cell(doc, find_cell(t4, "上线时间"), doc.put("node.online_date", p, iso))
        for label, key, lo, hi, unit in (
                ("典型创新应用场景数（项）", "node.scenarios", 1, 9, "项"),
                ("年度新增接入企业节点数（个）", "node.new_enterprise_nodes", 60, 2000, "个"),
                ("年度新增标识注册量（条）", "node.new_registrations", 50_000_000, 900_000_000, "条"),
                ("日均解析量（次）", "node.daily_resolutions", 300_000, 9_000_000, "次")):
            if doc.keep(key):
                n = v.rng.randint(lo, hi)
                if key == "node.new_registrations" and v.chance(0.3):
                    n = round(n, -6)
                write_cell(doc, find_cell(t4, label), doc.put(key, v.fmt_int(n, unit, 0.2), n))
    if cat == WUHAN_CATS[4]:
        pname = f"{brand}{v.pick(['工业互联网平台', '智造云平台', '工业云平台'])}"
        if doc.keep("platform.name"):
            write_cell(doc, find_cell(t5, "平台名称"), doc.put("platform.name", pname, pname))
        ind = v.pick(["汽车", "电子", "装备制造", "食品", "纺织服装", "钢铁"])
        if doc.keep("platform.industry"):
            write_cell(doc, find_cell(t5, "服务行业"), doc.put("platform.industry", ind, ind))
        if doc.keep("platform.consortium"):
            fill_bool_cell(doc, find_cell(t5, "联合体申报"), "platform.consortium", v.chance(0.4))
        for label, key, lo, hi, unit in (("平台服务企业数（家）", "platform.enterprises_served", 80, 5000, "家"),
                                         ("设备连接数（台套）", "platform.devices_connected", 3000, 90000, "台套")):
            if doc.keep(key):
                n = v.rng.randint(lo, hi)
                write_cell(doc, find_cell(t5, label), doc.put(key, v.fmt_int(n, unit, 0.25), n))

    # 目录 + attachment sections
    att = {"project_summary_table": True,
           "business_license": not v.chance(0.2),
           "project_materials": not v.chance(0.2),
           "commitment_letter": not v.chance(0.2),
           "contracts_invoices": cat == WUHAN_CATS[2] and not v.chance(0.2),
           "other_materials": v.chance(0.25)}
    doc.attachments = att
    order = [("business_license", "申报主体营业执照"), ("project_materials", "项目介绍及证明材料"),
             ("commitment_letter", "申报材料、项目真实性承诺函"),
             ("contracts_invoices", "网络安全服务合同和发票"), ("other_materials", "其它需要提供的材料")]
    present = [(key, label) for key, label in order if att[key]]
    nums = "二三四五六七八"
    _, toc = body_paragraph(doc, "一、申报项目简表")
    last = toc
    for i, (_, label) in enumerate(present):
        last = insert_paragraph_after(doc, last, f"{nums[i]}、{label}")
    for i, (key, label) in enumerate(present):
        heading = f"{nums[i]}、{label}"
        if key == "business_license":
            license_page(doc, heading, name, code, rep, founded, addr)
        elif key == "project_materials":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "（一）项目介绍")
            add_text(doc, v.longtext(2, 5))
            add_text(doc, "（二）证明材料清单")
            add_table(doc, [["序号", "材料名称", "形式"]] + [[str(j + 1), v.pick(
                ["软件著作权登记证书", "服务客户名单", "项目验收报告", "平台运行截图", "第三方检测报告"]),
                v.pick(["复印件", "原件", "打印件"])] for j in range(v.rng.randint(2, 6))])
        elif key == "commitment_letter":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "申报材料真实性承诺函", 14)
            add_text(doc, "武汉市经济和信息化局：")
            add_text(doc, "我单位郑重承诺：本次申报武汉市工业互联网发展专项资金所提交的全部申报材料（含附件）均真实、准确、"
                          "完整，不存在弄虚作假行为；近两年未发生重大安全、质量、环保事故，无严重失信行为。")
            add_text(doc, f"申报单位（盖章）：{name}")
            add_text(doc, "法定代表人（签字）：")
            add_text(doc, v.fmt_date(apply_dt))
        elif key == "contracts_invoices":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "网络安全服务合同（摘要）")
            add_table(doc, [["合同编号", f"HT-2022-{v.rng.randint(1000, 9999)}"],
                            ["甲方（委托方）", v.company()], ["乙方（服务方）", name],
                            ["合同金额", f"人民币{v.money(20, 300)}万元"]])
        else:
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, v.pick(["高新技术企业证书（复印件）", "软件企业证书（复印件）", "获奖证书（复印件）"]))


# ============================================================================ miit-2023-pilot

PILOT_DIRECTIONS = {
    "新技术类": ["工业互联网+区块链应用", "5G+工业互联网融合应用", "工业互联网+数字孪生"],
    "工厂类": ["工业互联网平台+智能工厂", "5G全连接工厂"],
    "载体类": ["工业互联网数字化转型促进中心", "工业互联网创新中心"],
    "园区类": ["工业互联网平台+园区", "5G+工业互联网园区"],
    "网络类": ["工业互联网标识解析规模化应用", "企业内网改造升级", "工业互联网IPv6规模化应用"],
    "平台类": ["行业特色型工业互联网平台", "特定领域工业互联网平台", "区域特色型工业互联网平台"],
    "安全类": ["工业互联网安全分类分级管理", "工业互联网安全技术监测服务"],
}
PILOT_TYPES = ["工业企业", "基础电信企业", "信息技术企业", "互联网企业", "高校及科研院所", "园区运营管理机构"]
PILOT_RECOMMENDERS = ["武汉东湖新技术开发区管委会", "武汉经济技术开发区（汉南区）经济和信息化局",
                      "湖北省经济和信息化厅", "湖南省工业和信息化厅", "广东省工业和信息化厅", "江苏省工业和信息化厅"]


def fill_pilot(doc: Doc) -> None:
    v, d, k = doc.v, doc.d, doc.knobs
    cat_opts = doc.catalog_field("project.category")["options"]
    cat = v.pick(cat_opts)
    direction = v.pick(PILOT_DIRECTIONS.get(cat, ["工业互联网平台"]))
    brand = v.brand()
    reg = v.region("any")
    district, div = v.pick(reg.districts)
    name = v.company(reg.city, brand)
    proj = v.pick([f"{brand}{direction}项目", f"基于{brand}平台的{direction}", f"{brand}{direction}应用项目"])
    recommender = v.pick(PILOT_RECOMMENDERS)
    contact = v.person()
    sub_dt = v.rand_date(date(2023, 11, 10), date(2023, 11, 30))

    t0, t1, t2 = d.tables[:3]
    cover = [("项目名称", proj), ("项目类别和方向", f"{cat}{v.pick(['/', ' / ', '—', '-'])}{direction}"),
             ("申报单位（盖章）", name), ("推荐单位（盖章）", recommender),
             ("申报日期", v.fmt_date(sub_dt, v.pick(["cnsp", "cn", "dot", "iso"])))]
    for label, val in cover:
        fill_blanks(doc, body_paragraph(doc, label + "：")[1], [val])

    write_cell(doc, find_cell(t0, "项目名称"), doc.put("project.name", proj, proj))
    if doc.keep("project.category"):
        doc.put("project.category", cat, cat)
        tick(doc, find_cell(t0, "项目类别").paragraphs, cat)
    if doc.keep("project.direction"):
        write_cell(doc, find_cell(t0, "申报方向"), doc.put("project.direction", direction, direction))
    if doc.keep("project.investment"):
        inv = v.money(300, 60000)
        write_cell(doc, find_cell(t0, "项目总投资（万元）"), doc.put("project.investment", v.fmt_money(inv), inv))
    if doc.keep("project.completion_date"):
        p, iso, _ = v.date_value(date(2019, 1, 1), date(2023, 9, 30), month_rate=0.15)
        write_cell(doc, find_cell(t0, "项目建成时间"), doc.put("project.completion_date", p, iso))
    innovation = v.chance(0.4)
    for label, key, val in (("项目已建成并投入运行", "project.built", not v.chance(0.08)),
                            ("已列入前期试点示范且仍在示范期", "project.in_demo_period", v.chance(0.08)),
                            ("属于工业互联网创新发展工程项目", "project.innovation_project", innovation),
                            ("工业互联网创新发展工程项目已通过验收", "project.innovation_accepted",
                             not v.chance(0.15))):
        if key == "project.innovation_accepted" and not innovation and v.chance(0.7):
            continue
        if doc.keep(key):
            fill_bool_cell(doc, find_cell(t0, label), key, val)
    pri_opts = doc.catalog_field("project.priority_conditions")["options"]
    chosen = [o for o in pri_opts if v.chance(0.35)]
    if chosen:
        doc.put("project.priority_conditions", "、".join(chosen), chosen)
        for o in chosen:
            tick(doc, find_cell(t0, "优先支持条件").paragraphs, o)
    summary = v.longtext(1, 9)
    cell = t1.rows[0].cells[0]
    paras = cell.paragraphs
    set_paragraph_text(doc, paras[-1], summary, like=paras[0].runs[0])
    doc.put("project.summary", summary, summary)

    write_cell(doc, find_cell(t2, "申报单位名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t2, "统一社会信用代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    typ = v.pick(PILOT_TYPES)
    if doc.keep("applicant.type"):
        doc.put("applicant.type", typ, typ)
        tick(doc, find_cell(t2, "申报主体类型").paragraphs, typ)
    if doc.keep("applicant.address"):
        a = v.address(reg, district)
        write_cell(doc, find_cell(t2, "单位地址"), doc.put("applicant.address", a, a))
    if doc.keep("contact.name"):
        write_cell(doc, find_cell(t2, "联系人"), doc.put("contact.name", contact, contact))
    mob = maybe(doc, "contact.mobile", v.mobile) or ""
    mail = maybe(doc, "contact.email", lambda: v.email(contact, brand)) or ""
    sep = v.pick([" ", "  ", "\n", "；"])
    write_cell(doc, find_cell(t2, "联系方式（手机与邮箱）"), f"手机：{mob}{sep}邮箱：{mail}")
    if doc.keep("recommender.name"):
        write_cell(doc, find_cell(t2, "推荐单位"), doc.put("recommender.name", recommender, recommender))
    rank = v.rng.randint(1, 12)
    if doc.keep("recommender.rank"):
        write_cell(doc, find_cell(t2, "推荐序号"), doc.put("recommender.rank", str(rank), rank))

    dur = v.pick([5, 6, 7, 8, 8.5, 9, 9.5, 10, 6.5]) if not v.chance(0.1) else v.pick([3.5, 12, 15])
    _, pv = body_paragraph(doc, "视频时长（分钟）")
    if doc.keep("video.duration_min"):
        s = f"{dur:.2f}" if v.chance(0.3) else (f"{dur:g}")
        fill_blanks(doc, pv, [doc.put("video.duration_min", s, float(dur))])
    fname = f"{brand}-{direction}-项目视频.mp4"
    if doc.keep("video.file_name"):
        fill_blanks(doc, body_paragraph(doc, "视频文件名")[1], [doc.put("video.file_name", fname, fname)])
    _, pd = body_paragraph(doc, "2023年11月21日")
    set_paragraph_text(doc, pd, v.fmt_date(v.rand_date(sub_dt, date(2023, 12, 5))))

    att = {"application_form": True, "video_evidence": not v.chance(0.15),
           "recommendation_summary": v.chance(0.6)}
    doc.attachments = att
    n = 1
    if att["video_evidence"]:
        page_break_paragraph(doc, f"附件{n}：项目相关视频证明材料（光盘）说明", brk=k.attach_break)
        mins, secs = int(dur), round((dur - int(dur)) * 60)
        add_table(doc, [["光盘盘面标注", brand], ["视频文件", fname], ["视频时长", f"{mins}分{secs:02d}秒"],
                        ["分辨率", "1920×1080"], ["主要内容", "1.项目背景与建设目标；2.平台/网络/安全架构演示；3.应用场景现场实拍"]])
        n += 1
    if att["recommendation_summary"]:
        page_break_paragraph(doc, f"附件{n}", brk=k.attach_break)
        add_text(doc, "2023年工业互联网试点示范推荐项目汇总表", 14)
        add_text(doc, f"推荐单位（盖章）：{recommender}")
        rows = [["序号", "项目名称", "项目类别和方向", "申报单位名称", "联系人", "联系方式（手机与邮箱）"]]
        own_rows = [(cat, direction, proj)]
        if v.chance(0.3):  # the same applicant with more projects
            for _ in range(v.rng.randint(1, 2)):
                c2 = v.pick(cat_opts)
                d2 = v.pick(PILOT_DIRECTIONS[c2])
                own_rows.append((c2, d2, f"{brand}{d2}项目"))
        entries = own_rows + [(c, v.pick(PILOT_DIRECTIONS[c]), None) for c in
                              (v.pick(cat_opts) for _ in range(v.rng.randint(1, 5)))]
        v.rng.shuffle(entries)
        for i, (c, dd, pj) in enumerate(entries):
            if pj is not None:
                rows.append([str(i + 1), pj, f"{c}/{dd}", name, contact, f"{mob} {mail}"])
            else:
                b2 = v.brand()
                other = v.person()
                rows.append([str(i + 1), f"{b2}{dd}项目", f"{c}/{dd}", v.company(reg.city, b2), other,
                             f"{v.mobile()[1]} {v.email(other, b2)[1]}"])
        add_table(doc, rows)
        if len(own_rows) > 2:
            doc.extra_findings.append("rule:applicant.max_two_projects")
        if len({c for c, _, _ in own_rows}) < len(own_rows):
            doc.extra_findings.append("rule:applicant.one_direction_per_category")


# ============================================================================ hunan-2023-platform

HUNAN_RECOMMENDERS = {"长沙市": "长沙市工业和信息化局", "株洲市": "株洲市工业和信息化局", "湘潭市": "湘潭市工业和信息化局",
                      "郴州市": "郴州市工业和信息化局", "常德市": "常德市工业和信息化局"}


def fill_hunan(doc: Doc) -> None:
    v, d, k = doc.v, doc.d, doc.knobs
    reg = v.region("hunan")
    district, div = v.pick(reg.districts)
    if v.chance(0.08):
        div = v.pick(["420111", "110108"])  # rule:applicant.in_hunan
    brand = v.brand()
    name = v.company(reg.city, brand)
    pname = f"{brand}{v.pick(['工业互联网平台', '智造云平台', '工业云平台', '设备云平台'])}"
    contact = v.person()
    sub_dt = v.rand_date(date(2023, 1, 20), date(2023, 3, 10))
    cat = doc.catalog_field("platform.category")["options"]

    # cover
    cov_phone = v.pick([v.mobile(), v.landline(reg.area_code)])
    cover = [("企业名称", "cover.company", name), ("平台名称", "cover.platform_name", pname),
             ("联 系 人", "cover.contact", contact), ("联系电话", "cover.phone", cov_phone),
             ("推荐单位", "cover.recommender", HUNAN_RECOMMENDERS[reg.city])]
    for label, key, val in cover:
        if doc.keep(key):
            printed, truth = val if isinstance(val, tuple) else (val, val)
            fill_blanks(doc, body_paragraph(doc, label + "：")[1], [doc.put(key, printed, truth)])
    if doc.keep("cover.date"):
        _, pdt = body_paragraph(doc, "申报日期：")
        style = v.pick(["cnsp", "cnsp", "iso", "cn", "dot"])
        s = doc.put("cover.date", v.fmt_date(sub_dt, style), sub_dt.isoformat())
        set_paragraph_text(doc, pdt, "申报日期：" + k.blank_pad + s)
    if v.chance(0.6):
        _, pc = body_paragraph(doc, "年    月    日")
        s = doc.put("commitment.date", v.fmt_date(sub_dt), sub_dt.isoformat())
        set_paragraph_text(doc, pc, s)

    t = d.tables
    t0 = t[0]
    write_cell(doc, find_cell(t0, "平台名称"), doc.put("project.platform_name", pname, pname))
    sy, sm = v.rng.randint(2020, 2022), v.rng.randint(1, 12)
    ey, em = 2023, v.rng.randint(3, 12) if v.chance(0.15) else v.rng.randint(3, 10)
    ps, ts = v.month(sy, sm)
    pe, te = v.month(ey, em)
    doc.put("project.start", ps, ts)
    doc.put("project.end", pe, te)
    write_cell(doc, find_cell(t0, "项目起止时间"), f"{ps}{v.pick([' 至 ', '至', ' — ', '-'])}{pe}")
    planned = v.money(2000, 60000)
    s = v.fmt_money(planned, unit_rate=0.0)
    write_cell(doc, find_cell(t0, "计划投资"), doc.put("project.planned_investment", s, planned) + "（万元）")
    done = round(planned * v.rng.uniform(0.3, 0.95), 2)
    if doc.keep("project.completed_investment"):
        write_cell(doc, find_cell(t0, "已完成投资"), doc.put("project.completed_investment", v.fmt_money(done), done))
    write_cell(doc, find_cell(t0, "单位名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t0, "组织机构代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    nature = v.pick(["民营企业", "国有企业", "国有控股企业", "股份制企业"])
    if doc.keep("applicant.nature"):
        write_cell(doc, find_cell(t0, "单位性质"), doc.put("applicant.nature", nature, nature))
    addr = v.address(reg, district)
    if doc.keep("applicant.address"):
        write_cell(doc, find_cell(t0, "单位地址"), doc.put("applicant.address", addr, addr))
    if doc.keep("applicant.founded"):
        p, iso, _ = v.date_value(date(1998, 1, 1), date(2019, 12, 31))
        write_cell(doc, find_cell(t0, "成立时间"), doc.put("applicant.founded", p, iso))
    leader = contact if v.chance(0.3) else v.person()
    rows = [("姓名", "leader.name", lambda: (leader, leader)),
            ("所属部门", "leader.department", lambda: (x := v.pick(["数字化转型部", "研发中心", "信息化部", "平台事业部"]), x)),
            ("职务", "leader.title", lambda: (x := v.pick(["总经理", "副总经理", "技术总监", "项目经理"]), x)),
            ("职称", "leader.rank", lambda: (x := v.pick(["高级工程师", "正高级工程师", "工程师"]), x)),
            ("固定电话", "leader.phone", lambda: v.landline(reg.area_code)),
            ("移动电话", "leader.mobile", v.mobile),
            ("传真号码", "leader.fax", lambda: v.landline(reg.area_code)),
            ("电子邮箱", "leader.email", lambda: v.email(leader, brand))]
    for label, key, make in rows:
        if (s := maybe(doc, key, make)):
            write_cell(doc, find_cell(t0, label), s)

    t1 = t[1]
    for i in (1, 2):
        if v.chance(0.5 if i == 1 else 0.25):
            b2 = v.brand()
            r2 = v.region("any")
            nm = v.pick([v.company(r2.city, b2), v.pick(["湖南大学", "中南大学", "湘潭大学"])])
            cells = unique_cells(t1.rows[i])
            write_cell(doc, cells[1], doc.put(f"support{i}.name", nm, nm))
            if doc.keep(f"support{i}.nature"):
                nt = "高等院校" if nm.endswith("大学") else v.pick(["民营企业", "国有控股企业", "股份制企业"])
                write_cell(doc, cells[2], doc.put(f"support{i}.nature", nt, nt))
            if doc.keep(f"support{i}.org_code"):
                c2 = v.org_code(v.pick(r2.districts)[1], org_type="12" if nm.endswith("大学") else "91")
                write_cell(doc, cells[3], doc.put(f"support{i}.org_code", c2, c2))

    t2 = t[2]
    parts = v.split(v.rng.randint(20, 200), 4)
    total = sum(parts) + (v.pick([1, 2, -3]) if v.chance(0.1) else 0)  # rule:staff.sum
    for label, key, val in (("总数", "staff.total", total), ("高级职称", "staff.senior", parts[0]),
                            ("中级职称", "staff.middle", parts[1]), ("初级职称", "staff.junior", parts[2]),
                            ("其他人员", "staff.other", parts[3])):
        if doc.keep(key):
            write_cell(doc, find_cell(t2, label), doc.put(key, str(val), val) + v.pick([" 人", "人", "  人"]))
    pm = round(total * v.rng.uniform(3, 14), v.pick([0, 1, 2]))
    if doc.keep("staff.person_months"):
        s = f"{pm:.2f}" if v.chance(0.5) else f"{pm:g}"
        write_cell(doc, find_cell(t2, "已经投入项目的工作总量"), doc.put("staff.person_months", s, float(pm)) + " 人月")

    t3 = t[3]
    base = v.money(5000, 400000)
    for label, key, lo, hi in (("总资产（万元）", "total_assets", 1.0, 1.0), ("负债率（%）", "debt_ratio", 0, 0),
                               ("主营业务收入（万元）", "revenue", 0.4, 0.9), ("税金（万元）", "tax", 0.01, 0.05),
                               ("利润（万元）", "profit", 0.02, 0.12), ("研发投入（万元）", "rd", 0.02, 0.08)):
        cells = [find_cell(t3, label, offset=1), find_cell(t3, label, offset=2)]
        for yi, yr in enumerate(("2021", "2022")):
            fk = f"ops.{key}_{yr}"
            if not doc.keep(fk):
                continue
            if key == "debt_ratio":
                val = round(v.rng.uniform(10, 75), 1)
                s = v.fmt_percent(val, pct_rate=0.4)
            else:
                val = round(base * v.rng.uniform(lo, hi) * v.rng.uniform(0.85, 1.2), 2)
                s = v.fmt_money(val, unit_rate=0.15)
            write_cell(doc, cells[yi], doc.put(fk, s, val))

    t4 = t[4]
    n_honours = 0
    for i in (1, 2):
        if v.chance(0.6 if i == 1 else 0.3):
            n_honours += 1
            cells = unique_cells(t4.rows[i + 1])
            write_cell(doc, cells[1], str(n_honours))
            hp = f"{brand}{v.pick(['智能工厂建设项目', '5G+工业互联网项目', '上云上平台项目'])}"
            ht = v.pick(["国家级专精特新“小巨人”企业", "湖南省数字新基建标志性项目", "省级“上云上平台”标杆企业",
                         "制造业数字化转型“三化”重点项目"])
            if doc.keep(f"honor{i}.project"):
                write_cell(doc, cells[2], doc.put(f"honor{i}.project", hp, hp))
            if doc.keep(f"honor{i}.title"):
                write_cell(doc, cells[3], doc.put(f"honor{i}.title", ht, ht))

    if k.extra_rows:
        hp = f"{brand}{v.pick(['数字化车间项目', '工业互联网标识解析应用'])}"
        append_row_copy(doc, t4, [None, str(n_honours + 1), hp, v.pick(["省级“上云上平台”标杆企业", "省级智能制造示范工厂"])])

    t5 = t[5]
    paras = t5.rows[1].cells[0].paragraphs
    blanks = [p for p in paras if not p.text.strip()]
    for p, key in zip(blanks, ("intro.company", "intro.platform", "intro.project")):
        if doc.keep(key):
            txt = v.longtext(1, 4)
            set_paragraph_text(doc, p, doc.put(key, txt, txt), like=paras[0].runs[0])

    t6 = t[6]
    write_cell(doc, find_cell(t6, "平台名称"), doc.put("platform.name", pname, pname))
    mode = v.pick(["自建", "合作共建"])
    cell = find_cell(t6, "建设方式")
    doc.put("platform.build_mode", mode, mode)
    tick(doc, cell.paragraphs, mode)
    if mode == "合作共建" and doc.keep("platform.partner"):
        fill_blanks(doc, cell.paragraphs[0], [doc.put("platform.partner", x := v.company(), x)])
    iaas = v.pick(["自建", "租用", "租用"])
    cell = find_cell(t6, "IaaS设施")
    doc.put("platform.iaas", iaas, iaas)
    tick(doc, cell.paragraphs, iaas)
    if iaas == "租用" and doc.keep("platform.iaas_provider"):
        fill_blanks(doc, cell.paragraphs[0], [doc.put("platform.iaas_provider", x := v.pick(
            ["天翼云科技有限公司", "华为云计算技术有限公司", "阿里云计算有限公司"]), x)])
    op = v.pick(["独立运营", "独立运营", "本企业信息化部门", "其他（请注明）"])
    cell = find_cell(t6, "平台运营")
    doc.put("platform.operation", op, op)
    tick(doc, cell.paragraphs, op)
    if op == "其他（请注明）" and doc.keep("platform.operation_other"):
        fill_blanks(doc, cell.paragraphs[0], [doc.put("platform.operation_other", x := "委托第三方运营", x)])
    c = v.pick(cat)
    doc.put("platform.category", c, c)
    tick(doc, find_cell(t6, "平台类别").paragraphs, c)
    for count_label, key, opts_key, other_key, other_pool in (
            ("覆盖场景数（个）", "platform.scene_count", "platform.scenes", "platform.scenes_other",
             ["能耗管理", "安全监管", "设备运维"]),
            ("覆盖行业数（个）", "platform.industry_count", "platform.industries", "platform.industries_other",
             ["建材、纺织", "食品", "有色金属、钢铁"])):
        opts = doc.catalog_field(opts_key)["options"]
        chosen = [o for o in opts if v.chance(0.4)] or [opts[0]]
        n = len(chosen) if not v.chance(0.2) else len(chosen) + v.rng.randint(1, 3)
        write_cell(doc, find_cell(t6, count_label), doc.put(key, str(n), n))
        row_cell = find_cell(t6, count_label, offset=0)  # the count label cell; options are on the next row
        row_idx = next(i for i, r in enumerate(t6.rows) if any(cc._tc is row_cell._tc for cc in r.cells))
        opt_cell = unique_cells(t6.rows[row_idx + 1])[1]
        doc.put(opts_key, "、".join(chosen), chosen)
        for o in chosen:
            tick(doc, opt_cell.paragraphs, o)
        if "其他（请注明）" in chosen and doc.keep(other_key):
            x = v.pick(other_pool)
            insert_paragraph_after(doc, opt_cell.paragraphs[-1], "其他（请注明）：" + doc.put(other_key, x, x),
                                   like=ref_run(doc))
    y21, y22 = v.money(500, 8000), v.money(500, 8000)
    tot = round(y21 + y22, 2)
    cells = unique_cells(t6.rows[10])
    for cell, key, val in zip(cells[1:], ("invest.total", "invest.y2021", "invest.y2022"), (tot, y21, y22)):
        if doc.keep(key):
            write_cell(doc, cell, doc.put(key, v.fmt_money(val, unit_rate=0.2), val))
    t7 = t[7]
    if v.chance(0.75):
        i21, i22 = v.money(50, 3000), v.money(50, 3000)
        cells = unique_cells(t7.rows[1])
        for cell, key, val in zip(cells[1:], ("income.total", "income.y2021", "income.y2022"),
                                  (round(i21 + i22, 2), i21, i22)):
            if doc.keep(key):
                write_cell(doc, cell, doc.put(key, v.fmt_money(val, unit_rate=0.2), val))

    t8 = t[8]
    ind = [("ind.registered_users", 5000, 300000), ("ind.active_users", 1000, 90000), ("ind.orders_2022", 500, 90000),
           ("ind.contract_2022", None, None), (None, None, None), ("ind.enterprises", 500, 30000),
           ("ind.third_party", 5, 300), ("ind.devices", 10000, 2000000), ("ind.data_points", 100000, 60000000),
           ("ind.protocols", 20, 600), ("ind.data_tb", None, None), ("ind.models", 100, 9000), ("ind.apps", 50, 5000)]
    for ri, (key, lo, hi) in enumerate(ind):
        row = t8.rows[ri]
        cells = unique_cells(row)
        if key is None:  # 服务区域数（____个地级市或____个省级以上园区）
            vals: list[str | None] = []
            for k2, n in (("ind.service_cities", v.rng.randint(1, 14)), ("ind.service_parks", v.rng.randint(1, 40))):
                vals.append(doc.put(k2, str(n), n) if doc.keep(k2) else None)
            fill_blanks(doc, cells[1].paragraphs[0], vals)
            continue
        if not doc.keep(key):
            continue
        if key == "ind.contract_2022":
            val = v.money(1000, 40000)
            s = v.fmt_money(val, unit_rate=0.1)
        elif key == "ind.data_tb":
            val = round(v.rng.uniform(10, 3000), v.pick([0, 1, 2]))
            s = f"{val:.2f}" if v.chance(0.5) else f"{val:g}"
            val = float(val)
        else:
            val = v.rng.randint(lo, hi)
            s = v.fmt_int(val)
        write_cell(doc, cells[2], doc.put(key, s, val))

    t9 = t[9]
    items = {"硬件设备费": ["边缘计算网关", "服务器", "视觉检测相机", "数据采集终端"],
             "软件设备费": ["低代码开发平台", "数据中台软件", "工业互联网平台软件"],
             "云服务费用": ["云主机租用", "对象存储服务", "云数据库服务"], "人工费用": ["实施运维人员劳务", "平台开发人员劳务"]}
    for row in t9.rows[1:]:
        cells = unique_cells(row)
        kind = norm(cells[0].text)
        if v.chance(0.85):
            it = v.pick(items[kind])
            qty = v.pick([1, 2, 4, 10, 20, 50])
            price = v.money(20, 900)
            for cc, txt in zip(cells[1:], (it, f"{it}采购合同", v.company() if kind != "人工费用" else "—",
                                           str(qty), f"{price:.2f}", f"{qty * price:.2f}")):
                write_cell(doc, cc, txt)

    if k.extra_rows:
        kind = v.pick(list(items))
        it = v.pick(items[kind])
        qty, price = v.pick([1, 2, 5]), v.money(20, 900)
        append_row_copy(doc, t9, [kind, it, f"{it}采购合同", v.company(), str(qty), f"{price:.2f}",
                                  f"{qty * price:.2f}"])

    # 二、平台建设方案 (running text after each heading)
    for heading, key in (("（一）平台建设必要性", "scheme.necessity"), ("（二）平台基础能力", "scheme.foundation"),
                         ("（三）平台服务能力", "scheme.services"), ("（四）平台建设计划", "scheme.plan"),
                         ("（五）其他能说明成效的情况", "scheme.other")):
        i, _ = body_paragraph(doc, heading)
        target = d.paragraphs[i + 1]
        if doc.keep(key):
            txt = v.longtext(1, 8)
            set_paragraph_text(doc, target, doc.put(key, txt, txt), like=ref_run(doc))

    # attachments, numbered in order of appearance
    atts = [(a["key"], a["label"]) for a in doc.catalog["attachments"]]
    short = {"investment_contracts": "平台建设投入有关合同、发票复印件", "service_regions": "服务区域列表",
             "service_customers": "服务企业列表", "certificates": "相关资质证书、产品专利、知识产权证书"}
    present = {}
    for key, _ in atts:
        req = next(a["required"] for a in doc.catalog["attachments"] if a["key"] == key)
        present[key] = (not v.chance(0.1)) if req else v.chance(0.6)
    doc.attachments = present
    n = 1
    for key, label in atts:
        if not present[key]:
            continue
        label = re.sub(r"^\d+、", "", label).removeprefix("（若有）")
        if v.chance(0.5):
            label = short.get(key, label)
        heading = f"附件{n}：{label}"
        if key == "business_license":
            license_page(doc, heading, name, code, v.person(), date(2010, 5, 6), addr)
        elif key == "screenshots":
            page_break_paragraph(doc, heading, brk=k.attach_break)
            add_text(doc, "图1-设备监控中心：设备监控中心界面截图")
            add_text(doc, "图2-能耗管理驾驶舱：能耗管理驾驶舱界面截图")
        else:
            list_page(doc, heading, ["序号", "名称", "编号", "备注"],
                      lambda i: [str(i), v.pick(["合同", "协议", "证书", "报表", "凭证"]) + str(v.rng.randint(10, 99)),
                                 f"No.{v.rng.randint(100000, 999999)}", v.pick(["复印件", "原件", ""])])
        n += 1


# ============================================================================ miit-2022-shuangkua

SK_RECOMMENDERS = {"北京市": "北京市经济和信息化局", "上海市": "上海市经济和信息化委员会",
                   "深圳市": "深圳市工业和信息化局", "杭州市": "浙江省经济和信息化厅", "重庆市": "重庆市经济和信息化委员会",
                   "西安市": "陕西省工业和信息化厅", "南京市": "江苏省工业和信息化厅", "青岛市": "山东省工业和信息化厅",
                   "武汉市": "湖北省经济和信息化厅"}


def fill_shuangkua(doc: Doc) -> None:
    v, d = doc.v, doc.d
    reg = v.region("any")
    district, div = v.pick(reg.districts)
    brand = v.brand()
    name = v.company(reg.city, brand)
    pname = f"{brand}{v.pick(['工业互联网平台', '智造云平台', '工业云平台'])}"
    proj = f"{pname}建设与应用"
    rec = SK_RECOMMENDERS.get(reg.city, "湖南省工业和信息化厅")
    sub_dt = v.rand_date(date(2022, 3, 1), date(2022, 3, 20))
    contact = v.person()
    rep = v.person()

    for label, key, val in (("项 目 名 称", "cover.project_name", proj), ("申报单位（盖章）", "cover.applicant", name),
                            ("推荐单位（盖章）", "cover.recommender", rec)):
        if doc.keep(key):
            fill_blanks(doc, body_paragraph(doc, label)[1], [doc.put(key, val, val)])
    if doc.keep("cover.date"):
        s = doc.put("cover.date", v.fmt_date(sub_dt, v.pick(["iso", "cnsp", "cn", "dot"])), sub_dt.isoformat())
        fill_blanks(doc, body_paragraph(doc, "申 报 日 期")[1], [s])

    t = d.tables
    t0 = t[0]
    write_cell(doc, find_cell(t0, "企业名称"), doc.put("applicant.name", name, name))
    code = v.org_code(div, valid=not v.chance(0.1))
    if doc.keep("applicant.org_code"):
        write_cell(doc, find_cell(t0, "组织机构代码"), doc.put("applicant.org_code", v.spaced_code(code), code))
    if doc.keep("applicant.founded"):
        p, iso, _ = v.date_value(date(1995, 1, 1), date(2018, 12, 31))
        write_cell(doc, find_cell(t0, "成立时间"), doc.put("applicant.founded", p, iso))
    if doc.keep("applicant.address"):
        a = v.address(reg, district)
        write_cell(doc, find_cell(t0, "单位地址"), doc.put("applicant.address", a, a))
    for label, key, make in (("姓名", "contact.name", lambda: (contact, contact)),
                             ("电话", "contact.phone", lambda: v.landline(reg.area_code)),
                             ("职务", "contact.title", lambda: (x := v.pick(["总经理", "市场部经理", "技术总监",
                                                                             "综合管理部经理"]), x)),
                             ("手机", "contact.mobile", v.mobile),
                             ("传真", "contact.fax", lambda: v.landline(reg.area_code)),
                             ("E-mail", "contact.email", lambda: v.email(contact, brand))):
        if (s := maybe(doc, key, make)):
            write_cell(doc, find_cell(t0, label), s)
    assets = v.money(5000, 3000000)
    for label, key, val in (("总资产（万元）", "finance.total_assets", assets),
                            ("上年销售（万元）", "finance.sales_last_year", round(assets * v.rng.uniform(0.3, 1.0), 2)),
                            ("上年税金（万元）", "finance.tax_last_year", round(assets * v.rng.uniform(0.01, 0.04), 2)),
                            ("上年利润（万元）", "finance.profit_last_year", round(assets * v.rng.uniform(0.02, 0.15), 2))):
        if doc.keep(key):
            write_cell(doc, find_cell(t0, label), doc.put(key, v.fmt_money(val, unit_rate=0.25), val))
    if doc.keep("finance.debt_ratio"):
        r = round(v.rng.uniform(10, 70), v.pick([0, 1, 2]))
        write_cell(doc, find_cell(t0, "负债率"), doc.put("finance.debt_ratio", v.fmt_percent(r, 0.9), r))
    if doc.keep("applicant.credit_rating"):
        cr = v.pick(["AAA", "AA+", "AA", "A"])
        write_cell(doc, find_cell(t0, "信用等级"), doc.put("applicant.credit_rating", cr, cr))

    # 企业简介 (split between the two prompts)
    cell = find_cell(t[1], "企业简介")
    p1, p2 = v.longtext(1, 4), v.longtext(1, 5)
    heads = [p for p in cell.paragraphs if p.text.startswith("（一）") or p.text.startswith("（二）")]
    insert_paragraph_after(doc, heads[0], p1)
    insert_paragraph_after(doc, heads[1], p2)
    doc.put("applicant.profile", p1 + p2, p1 + p2)
    cell = find_cell(t[2], "真实性承诺")
    for p in cell.paragraphs:
        if p.text.startswith("法定代表人签章") and v.chance(0.6):
            replace_in_paragraph(p, "法定代表人签章：", f"法定代表人签章：{v.pick([' ', ''])}{rep}")
    if v.chance(0.6):
        dp = next(p for p in cell.paragraphs if "年    月    日" in p.text)
        set_paragraph_text(doc, dp, doc.put("commitment.date", v.fmt_date(sub_dt), sub_dt.isoformat()))
    if v.chance(0.4):
        cell = find_cell(t[2], "推荐单位")
        rd = v.rand_date(sub_dt, date(2022, 3, 31))
        dp = next(p for p in cell.paragraphs if "年    月    日" in p.text)
        set_paragraph_text(doc, dp, doc.put("recommendation.date", v.fmt_date(rd), rd.isoformat()))

    t3 = t[3]
    write_cell(doc, find_cell(t3, "平台名称"), doc.put("platform.name", pname, pname))
    write_cell(doc, find_cell(t3, "建设主体"), doc.put("platform.builder", name, name))
    if doc.keep("platform.build_date"):
        p, iso, _ = v.date_value(date(2012, 1, 1), date(2021, 6, 30), month_rate=0.2)
        write_cell(doc, find_cell(t3, "建设时间"), doc.put("platform.build_date", p, iso))
    if doc.keep("platform.investment"):
        inv = v.money(5000, 300000)
        write_cell(doc, find_cell(t3, "投资金额"), doc.put("platform.investment", v.fmt_money(inv, 0.6, 0.05), inv))
    for label, key, opts, other_key, pool in (
            ("建设方式", "platform.build_mode", ["自建", "合作共建"], "platform.partner", None),
            ("IaaS基础设施", "platform.iaas", ["自建", "租用"], "platform.iaas_provider", None)):
        choice = v.pick(opts)
        doc.put(key, choice, choice)
        rows = [r for r in t3.rows if norm(unique_cells(r)[0].text) == norm(label)]
        paras = [unique_cells(r)[1].paragraphs[0] for r in rows]
        tick(doc, paras, choice)
        if choice == opts[1] and doc.keep(other_key):
            x = v.company() if key == "platform.build_mode" else v.pick(
                ["天翼云科技有限公司", "华为云计算技术有限公司", "腾讯云计算（北京）有限责任公司", "阿里云计算有限公司"])
            fill_blanks(doc, paras[1], [doc.put(other_key, x, x)])

    # capability tables: paragraph prefix -> field keys of its ____ blanks (in order)
    eq_total = v.rng.randint(50_000, 9_000_000)
    eq = v.split(eq_total, 4)
    pub = v.rng.randint(eq_total // 3, eq_total)
    models = v.rng.randint(1000, 120_000)
    mparts = v.split(models, 4)
    apps = v.rng.randint(300, 9000)
    src = v.split(apps, 2)
    dev = v.split(apps, 2)
    kinds = v.split(apps, 9)
    if v.chance(0.15):
        kinds[0] += v.rng.randint(1, 50)  # rule:apps.kind_sum
    reg_users = v.rng.randint(10_000, 400_000)
    industrial = v.rng.randint(reg_users // 3, reg_users)
    devs = v.rng.randint(5000, 400_000)
    nat = v.rng.randint(0, 40)
    ind_ = v.rng.randint(0, 40)
    intl = v.rng.randint(0, 8)
    rev3 = v.money(20000, 2000000)
    cost3 = round(rev3 * v.rng.uniform(0.4, 0.9), 2)
    nums: dict[str, Any] = {
        "equipment.total": eq_total, "equipment.operating": eq[0], "equipment.processing": eq[1],
        "equipment.mobile": eq[2], "equipment.other": eq[3], "equipment.public_cloud": pub,
        "equipment.private_cloud": eq_total - pub, "equipment.daily_running": v.rng.randint(pub // 5, pub),
        "equipment.protocols": v.rng.randint(50, 900),
        "models.total": models, "models.rd_simulation": mparts[0], "models.business_process": mparts[1],
        "models.mechanism": mparts[2], "models.data_algorithm": mparts[3],
        "apps.total": apps, "apps.self_developed": src[0], "apps.partner": src[1],
        "apps.platform_developed": dev[0], "apps.cloudified": dev[1],
        **{f"apps.kind_{n}": kinds[i] for i, n in enumerate(
            ["safety", "energy", "quality", "supply_chain", "rd", "production", "operation", "logistics",
             "maintenance"])},
        "apps.monthly_active": v.rng.randint(apps // 3, apps),
        "enterprises.registered": reg_users, "enterprises.industrial": industrial,
        "enterprises.paying": v.rng.randint(industrial // 10, industrial),
        "developers.registered": devs, "developers.active": v.rng.randint(devs // 20, devs // 2),
        "tech.patents": v.rng.randint(20, 2000), "tech.software_copyrights": v.rng.randint(20, 2000),
        "killer_apps.daily_calls": v.rng.randint(10_000, 5_000_000),
        "killer_apps.monthly_revenue_2021": v.money(10, 3000), "killer_apps.awards": v.rng.randint(0, 9),
        "solutions.industries": v.rng.randint(3, 22), "solutions.domains": v.rng.randint(2, 9),
        "solutions.count": v.rng.randint(20, 600),
        "parks.served": v.rng.randint(5, 150), "parks.national_demo": v.rng.randint(0, 6),
        "parks.provincial_demo": v.rng.randint(0, 20),
        "cases.miit": v.rng.randint(0, 30), "cases.provincial": v.rng.randint(0, 40),
        "sme.served": v.rng.randint(1000, 200_000), "sme.contract_amount": v.money(1000, 90000),
        "growth.honors": v.rng.randint(0, 6), "growth.city_awards": v.rng.randint(0, 6),
        "dual.solutions": v.rng.randint(2, 80), "dual.industries": v.rng.randint(1, 15),
        "dual.domains": v.rng.randint(1, 9),
        "standards.national": nat, "standards.national_lead": v.rng.randint(0, nat),
        "standards.industry": ind_, "standards.industry_lead": v.rng.randint(0, ind_),
        "standards.international": intl, "standards.international_lead": v.rng.randint(0, intl),
        "revenue.platform_3yr": rev3, "revenue.platform_2021": round(rev3 * v.rng.uniform(0.25, 0.5), 2),
        "cost.platform_3yr": cost3, "cost.platform_2021": round(cost3 * v.rng.uniform(0.25, 0.5), 2),
        "finance.roi": round(v.rng.uniform(3, 45), 1),
        "rd.investment_2020": v.money(500, 90000), "rd.investment_2021": v.money(500, 90000),
        "rd.ratio_2020": round(v.rng.uniform(2, 20), 1), "rd.ratio_2021": round(v.rng.uniform(2, 20), 1),
        "staff.count": v.rng.randint(80, 60000),
    }
    if v.chance(0.1):
        nums["equipment.daily_running"] = pub + v.rng.randint(1, 9999)  # rule:equipment.daily_running_max
    types = {f["key"]: f["type"] for f in doc.catalog["fields"]}

    def fmt(key: str) -> tuple[str, Any]:
        val = nums[key]
        ty = types[key]
        if ty == "money_wan":
            return v.fmt_money(val, unit_rate=0.0), val
        if ty == "percent":
            return v.fmt_percent(val, pct_rate=0.0), val
        return v.fmt_int(val), val

    blank_map: list[tuple[str, list[str]]] = [
        ("□可连接的工业设备", ["equipment.total"]), ("其中，运行设备", ["equipment.operating", "equipment.processing"]),
        ("行走设备", ["equipment.mobile", "equipment.other"]),
        ("公有云连接设备", ["equipment.public_cloud", "equipment.private_cloud"]),
        ("基于公有云的工业设备日运行数量", ["equipment.daily_running"]), ("□工业协议兼容适配数量", ["equipment.protocols"]),
        ("工业模型数量", ["models.total"]), ("其中，研发仿真模型", ["models.rd_simulation", "models.business_process"]),
        ("行业机理模型", ["models.mechanism", "models.data_algorithm"]), ("工业APP数量", ["apps.total"]),
        ("其中，自研工业APP数量", ["apps.self_developed", "apps.partner"]),
        ("基于平台开发的工业APP数量", ["apps.platform_developed", "apps.cloudified"]),
        ("安全生产", ["apps.kind_safety", "apps.kind_energy"]), ("质量管控", ["apps.kind_quality", "apps.kind_supply_chain"]),
        ("研发设计", ["apps.kind_rd", "apps.kind_production"]), ("运营管理", ["apps.kind_operation", "apps.kind_logistics"]),
        ("运维服务", ["apps.kind_maintenance"]), ("工业APP月活跃数量", ["apps.monthly_active"]),
        ("注册企业用户数", ["enterprises.registered"]), ("其中，工业企业数", ["enterprises.industrial", "enterprises.paying"]),
        ("第三方开发者注册总数", ["developers.registered"]), ("第三方活跃开发者数", ["developers.active"]),
        ("平台核心软硬件技术获得的专利数量", ["tech.patents"]), ("平台核心软硬件技术获得的软著数量", ["tech.software_copyrights"]),
        ("公有云杀手锏APP日活", ["killer_apps.daily_calls"]), ("2021年月平均收入", ["killer_apps.monthly_revenue_2021"]),
        ("获评省部级优秀APP数量", ["killer_apps.awards"]),
        ("覆盖的行业数量", ["solutions.industries"]), ("覆盖的领域数量", ["solutions.domains"]),
        ("提供有效解决方案数量", ["solutions.count"]),
        ("累计服务园区数量", ["parks.served"]), ("服务园区获评国家级示范园区", ["parks.national_demo"]),
        ("服务园区获评省级示范园区数量", ["parks.provincial_demo"]),
        ("获评工业和信息化部应用案例", ["cases.miit"]), ("获评省级应用案例", ["cases.provincial"]),
        ("累计服务中小企业数量", ["sme.served"]), ("累计服务中小企业合同金额", ["sme.contract_amount"]),
        ("服务地方获“六稳”“六保”", ["growth.honors"]), ("注册地获“建设信息基础设施", ["growth.city_awards"]),
        ("国家标准", ["standards.national", "standards.national_lead"]),
        ("行业标准", ["standards.industry", "standards.industry_lead"]),
        ("国际标准", ["standards.international", "standards.international_lead"]),
        ("近三年平台相关的累计业务收入", ["revenue.platform_3yr"]), ("2021年平台相关的业务收入", ["revenue.platform_2021"]),
        ("近三年平台相关的累计业务成本", ["cost.platform_3yr"]), ("2021年平台相关的业务成本", ["cost.platform_2021"]),
        ("投资回报率", ["finance.roi"]), ("从业人员数量", ["staff.count"]),
        ("2020、2021年企业研发投入", ["rd.investment_2020", "rd.investment_2021", "rd.ratio_2020", "rd.ratio_2021"]),
    ]
    dual_map = [("有效解决方案数量", ["dual.solutions"]), ("覆盖的行业数量", ["dual.industries"]),
                ("覆盖的领域数量", ["dual.domains"])]
    note_keys = {"1.1": "equipment.note", "1.2": "models.note", "1.3": "apps.note", "1.4": "enterprises.note",
                 "1.5": "developers.note", "2.1": "tech.note", "2.2": "security.note", "2.3": "killer_apps.note",
                 "3.1": "solutions.note", "3.2": "parks.note", "3.3": "cases.note", "3.4": "sme.note",
                 "3.5": "international.note", "4.1": "growth.note", "4.2": "dual.note", "4.3": "econ_analysis.note",
                 "4.4": "key_work.note", "4.5": "standards.note", "5.2": "resources.note", "5.3": "ecosystem.note"}
    bool_map = [("具有设备和数据接入安全防护手段", "security.device_access"), ("具有数据安全防护", "security.data"),
                ("具有代码安全防护", "security.code"), ("具有应用安全防护", "security.application"),
                ("具有访问安全防护", "security.access"), ("支持跨平台调用", "killer_apps.cross_platform"),
                ("企业已上市或已获得VC/PE投资", "finance.listed_or_vc")]
    techs = doc.catalog_field("solutions.technologies")["options"]
    for tb in t[4:]:
        head = norm(tb.rows[0].cells[0].text)
        sec = head[:3]
        body = tb.rows[1].cells[0]
        mapping = dual_map if sec == "4.2" else blank_map
        for p in list(body.paragraphs):
            txt = norm(p.text)
            if "____" in txt and not txt.startswith("补充说明"):
                for prefix, keys in mapping:
                    if txt.startswith(norm(prefix)):
                        vals: list[str | None] = []
                        for key in keys:
                            if doc.keep(key):
                                s, val = fmt(key)
                                vals.append(doc.put(key, s, val))
                            else:
                                vals.append(None)
                        fill_blanks(doc, p, vals)
                        if txt.startswith("□") and any(x is not None for x in vals):
                            replace_in_paragraph(p, BOX, doc.knobs.tick)
                        break
            elif txt.startswith("补充说明和分类详细介绍（列举平台业务量"):
                top_i = v.rng.sample(["钢铁", "家电", "汽车", "电子", "机械", "食品", "船舶", "石化化工"], 3)
                top_d = v.rng.sample(["生产制造", "质量管控", "运维服务", "仓储物流", "研发设计"], 3)
                vals = []
                for key, val in zip([f"cases.top_industry_{i}" for i in (1, 2, 3)] +
                                    [f"cases.top_domain_{i}" for i in (1, 2, 3)], top_i + top_d):
                    vals.append(doc.put(key, val, val) if doc.keep(key) else None)
                fill_blanks(doc, p, vals)
            for label, key in bool_map:
                if txt.startswith(norm(label)) and "□是" in txt and doc.keep(key):
                    val = not v.chance(0.15)
                    doc.put(key, "是" if val else "否", val)
                    tick(doc, [p], "是" if val else "否")
            if txt.startswith("□5G"):
                chosen = [o for o in techs if v.chance(0.55)]
                if chosen:
                    doc.put("solutions.technologies", "、".join(chosen), chosen)
                    for o in chosen:
                        tick(doc, [p], o)
        # the note: after the 补充说明 prompt (a " " paragraph), or the whole row-1 cell
        key = note_keys.get(sec)
        if key and doc.keep(key):
            txt = v.longtext(1, 6)
            empties = [p for p in body.paragraphs if not p.text.strip()]
            if empties:
                set_paragraph_text(doc, empties[-1], doc.put(key, txt, txt), like=ref_run(doc))

    for heading, key in (("工业互联网平台的技术架构及方案介绍", "architecture.note"),
                         ("工业互联网平台下一步研发和运营计划", "plan.note")):
        i, _ = body_paragraph(doc, heading)
        if doc.keep(key):
            txt = v.longtext(2, 12)
            set_paragraph_text(doc, d.paragraphs[i + 1], doc.put(key, txt, txt), like=ref_run(doc))

    present = {a["key"]: not v.chance(0.1) for a in doc.catalog["attachments"]}
    doc.attachments = present
    lists = {
        "equipment_list": (["序号", "设备类别", "设备名称", "型号", "接入数量（台/套）", "接入协议"],
                           lambda i: [str(i), v.pick(["运行设备", "加工设备", "行走设备", "其它设备"]),
                                      v.pick(["风机", "注塑机", "数控机床", "叉车", "AGV小车", "离心泵"]),
                                      f"{v.pick('ABCDEH')}{v.rng.randint(1000, 9999)}", str(v.rng.randint(100, 90000)),
                                      v.pick(["OPC UA", "Modbus", "MQTT", "EtherCAT"])]),
        "model_list": (["序号", "模型类别", "模型名称", "适用行业", "调用次数（万次）"],
                       lambda i: [str(i), v.pick(["研发仿真模型", "业务流程模型", "行业机理模型", "数据算法模型"]),
                                  v.pick(["排产优化模型", "质量缺陷识别模型", "锅炉燃烧优化模型"]), v.pick(["化工", "汽车", "电子"]),
                                  str(v.rng.randint(10, 999))]),
        "app_list": (["序号", "APP名称", "所属领域", "开发主体", "订阅用户数"],
                     lambda i: [str(i), v.pick(["远程运维", "安全巡检云", "智能排产Pro", "质量追溯2.0"]),
                                v.pick(["安全生产", "质量管控", "生产制造"]), v.pick(["自研", "生态伙伴"]),
                                str(v.rng.randint(500, 20000))]),
        "enterprise_list": (["序号", "企业名称", "所属行业", "服务内容", "是否付费"],
                            lambda i: [str(i), v.company(), v.pick(["机械", "食品", "电子"]),
                                       v.pick(["设备上云", "质量管控", "预测性维护"]), v.pick(["是", "否"])]),
        "solution_list": (["序号", "解决方案名称", "适用行业", "适用领域", "应用企业数"],
                          lambda i: [str(i), v.pick(["产线数字孪生解决方案", "设备预测性维护解决方案", "供应链协同解决方案"]),
                                     v.pick(["化工", "汽车", "电子"]), v.pick(["仓储物流", "运维服务"]),
                                     str(v.rng.randint(10, 300))]),
        "financial_statements": (["项目", "期末余额"],
                                 lambda i: [v.pick(["资产总计", "负债合计", "营业收入", "利润总额"]),
                                            f"{v.money(1000, 90000):,.2f}"]),
    }
    for a in doc.catalog["attachments"]:
        if present[a["key"]]:
            header, row = lists[a["key"]]
            list_page(doc, a["label"], header, row)


# ============================================================================ rules → findings


def _present(fields: dict, key: str) -> bool:
    return key in fields and fields[key] is not None and fields[key] != [] and fields[key] != ""


def _when(rule: dict, fields: dict) -> bool:
    w = rule.get("when")
    if not w:
        return True
    if not _present(fields, w["field"]):
        return False
    val = fields[w["field"]]
    if isinstance(val, list):
        return any(x in w["in"] for x in val)
    return val in w["in"]


def _num(x: Any) -> float:
    return float(x)


def compute_findings(catalog: dict, fields: dict, attachments: dict, extra: list[str]) -> list[str]:
    out: set[str] = set(extra)
    for f in catalog["fields"]:
        if f.get("required") and not _present(fields, f["key"]):
            out.add(f"missing_field:{f['key']}")
    for a in catalog["attachments"]:
        if a.get("required") and not attachments.get(a["key"]):
            out.add(f"missing_attachment:{a['key']}")
    for r in catalog.get("rules", []):
        if not _when(r, fields):
            continue
        kind = r["kind"]
        if kind == "required_if":
            for key in r.get("fields", []):
                if not _present(fields, key):
                    out.add(f"missing_field:{key}")
            for grp in r.get("any_of", []):
                if not any(_present(fields, key) for key in grp):
                    out.add(f"missing_field:{grp[0]}")
            for key in r.get("attachments", []):
                if not attachments.get(key):
                    out.add(f"missing_attachment:{key}")
            continue
        violated = False
        if kind == "sum":
            keys = [r["total"]] + r["parts"]
            if all(_present(fields, key) for key in keys):
                tot = _num(fields[r["total"]])
                s = sum(_num(fields[p]) for p in r["parts"])
                violated = abs(s - tot) > 1e-6 * max(abs(s), abs(tot), 1e-9)
        elif kind in ("min", "max"):
            key = r["field"]
            bound_key = r.get("min_field") or r.get("max_field")
            if not _present(fields, key) or (bound_key and not _present(fields, bound_key)):
                continue
            val = fields[key]
            bound = fields[bound_key] if bound_key else r["value"]
            if isinstance(val, str):  # dates compare as ISO strings; month-only bound vs the field's month
                bound = str(bound)
                val = val[:len(bound)] if len(bound) == 7 else val
            else:
                val, bound = _num(val), _num(bound)
            strict = r.get("strict", False)
            if kind == "min":
                violated = val <= bound if strict else val < bound
            else:
                violated = val >= bound if strict else val > bound
        elif kind == "formula":
            keys = re.findall(r"\{([^}]+)\}", r["check"])
            if not all(_present(fields, key) for key in keys):
                continue
            expr = re.sub(r"\{([^}]+)\}", lambda m: repr(fields[m.group(1)]), r["check"])
            violated = not eval(expr, {"__builtins__": {}}, {"min": min, "max": max, "abs": abs, "round": round})
        elif kind == "custom":
            key = r["field"]
            if not _present(fields, key):
                continue
            val = fields[key]
            if r["check"] == "gb32100":
                violated = not uscc_valid(str(val))
            elif r["check"] == "pattern":
                violated = re.match(r["pattern"], str(val)) is None
            elif r["check"] == "equals":
                violated = val != r["value"]
        if violated:
            out.add(f"rule:{r['key']}")
    return sorted(out)


# ============================================================================ generation driver

FILLERS: dict[str, Callable[[Doc], None]] = {
    "wuhan-fund-2022": fill_wuhan, "miit-2023-pilot": fill_pilot,
    "hunan-2023-platform": fill_hunan, "miit-2022-shuangkua": fill_shuangkua,
}


def generate(notice: str, index: int, seed: int, out_dir: Path) -> Path:
    rng = random.Random(f"{seed}:{notice}:{index}")
    v = Values(rng)
    knobs = Knobs.random(v)
    name = f"{notice}-var-s{seed}-{index:02d}"
    doc = Doc(notice=notice, name=name, d=docx.Document(str(BLANKS / f"{notice}.docx")), v=v, knobs=knobs,
              catalog=load_catalog(notice))
    FILLERS[notice](doc)
    if knobs.label_colon:
        add_label_colons(doc)
    apply_page_knobs(doc)
    ndir = out_dir / notice
    ndir.mkdir(parents=True, exist_ok=True)
    path = ndir / f"{name}.docx"
    doc.d.save(str(path))
    known = {f["key"]: f["type"] for f in doc.catalog["fields"]}
    unknown = set(doc.fields) - set(known)
    assert not unknown, f"keys not in catalog: {unknown}"
    score = _scorer()
    for key, printed in doc.printed.items():
        ty = known[key]
        if ty not in ("bool", "choice", "multichoice") and not score.values_equal(ty, doc.fields[key], printed):
            raise AssertionError(f"{name}: printed {printed!r} does not normalize to truth {doc.fields[key]!r} ({key})")
    truth = {"notice": notice, "fields": doc.fields, "attachments": doc.attachments,
             "findings": compute_findings(doc.catalog, doc.fields, doc.attachments, doc.extra_findings)}
    (ndir / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    meta = {"printed": doc.printed, "knobs": knobs.__dict__}
    (ndir / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def convert(docx_paths: list[Path]) -> None:
    """Convert with a private LibreOffice profile (other engineers may run soffice too)."""
    by_dir: dict[Path, list[Path]] = defaultdict(list)
    for p in docx_paths:
        by_dir[p.parent].append(p)
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as prof:
        for d, files in by_dir.items():
            cmd = ["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(d), *map(str, files)]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    missing = [p for p in docx_paths if not p.with_suffix(".pdf").exists()]
    if missing:
        raise SystemExit(f"LibreOffice produced no PDF for: {', '.join(map(str, missing))}")


def make_scan(pdf: Path, seed: int) -> Path:
    """Image-only copy of a PDF like the dev *.scan.pdf: 200 dpi, slight skew, noise, a red seal.

    Writes <doc>.scan.pdf beside the PDF, with <doc>.scan.truth.json / .meta.json copied from the
    text PDF's (score.py counts a document whose name ends in ".scan" as a scan).
    """
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    rng = random.Random(f"scan:{seed}:{pdf.stem}")
    nrng = np.random.default_rng(rng.randint(0, 2**32 - 1))
    pages: list[Image.Image] = []
    src = pdfium.PdfDocument(str(pdf))
    for i in range(len(src)):
        img = src[i].render(scale=200 / 72).to_pil().convert("RGB")
        if i == 0 or rng.random() < 0.15:  # a red seal, inked over the text (multiplied, not painted)
            w, h = img.size
            layer = Image.new("RGB", img.size, (255, 255, 255))
            d = ImageDraw.Draw(layer)
            cx, cy, r = rng.randint(w // 3, w - 300), rng.randint(h // 2, h - 300), rng.randint(150, 190)
            d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(225, 60, 60), width=9)
            d.regular_polygon((cx, cy, r // 4), 5, fill=(225, 60, 60))
            img = ImageChops.multiply(img, layer)
        img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=(255, 255, 255))
        if rng.random() < 0.5:
            img = img.filter(ImageFilter.GaussianBlur(0.6))
        arr = np.asarray(img).astype(np.int16)
        arr = arr + nrng.normal(0, rng.uniform(4, 10), arr.shape[:2])[..., None].astype(np.int16)
        pages.append(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)))
    src.close()
    out = pdf.with_name(pdf.stem + ".scan.pdf")
    pages[0].save(str(out), "PDF", save_all=True, append_images=pages[1:], resolution=200)
    for suffix in (".truth.json", ".meta.json"):
        shutil.copyfile(pdf.with_name(pdf.stem + suffix), pdf.with_name(pdf.stem + ".scan" + suffix))
    return out


def extract(pdf: Path, out_json: Path) -> str | None:
    shenbao = shutil.which("shenbao") or str(Path(sys.executable).parent / "shenbao")
    r = subprocess.run([shenbao, "extract", str(pdf), "--format", "json"], capture_output=True, text=True,
                       timeout=600)
    if r.returncode != 0:
        return (r.stderr.strip().splitlines() or ["(no stderr)"])[-1]
    out_json.write_text(r.stdout, encoding="utf-8")
    return None


# ============================================================================ diagnosis

def _scorer():
    sys.path.insert(0, str(SCORER.parent))
    import score  # type: ignore
    return score


def pdf_lines(pdf: Path) -> list[str]:
    import pdfplumber
    lines: list[str] = []
    with pdfplumber.open(str(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            for ln in (page.extract_text() or "").splitlines():
                lines.append(f"p{i + 1}| {ln}")
    return lines


def context(lines: list[str], value: str, label: str) -> str:
    """The PDF line holding `value` (searched from the label's line on), with its neighbours."""
    probe = norm(value)[:12]
    lab = norm(label)[:8]
    if len(probe) < 1:
        probe = ""
    start = next((i for i, ln in enumerate(lines) if lab and lab in norm(ln)), 0)
    for lo in (start, 0):
        for i in range(lo, len(lines)):
            if probe and probe in norm(lines[i]):
                return " ⏎ ".join(lines[max(0, i - 1): i + 2])
    if lab and start:
        return "(value not found; label line) " + " ⏎ ".join(lines[start: start + 2])
    return ""


def short(x: Any, n: int = 40) -> str:
    s = json.dumps(x, ensure_ascii=False) if not isinstance(x, str) else x
    return s if len(s) <= n else s[: n - 1] + "…"


def text_diff(want: str, got: str, score) -> str:
    """Where two long texts part: similarity and a window around the first difference."""
    a, b = score.norm_text(want) or "", score.norm_text(got) or ""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return (f"sim={score._similar(a, b):.2f} len want/got={len(a)}/{len(b)} first diff @{i}: "
            f"want …{a[max(0, i - 8): i + 16]}… got …{b[max(0, i - 8): i + 16]}…")


def hint(kind: str, ftype: str, want: Any, got: Any, lines: list[str], printed: str, label: str, score) -> str:
    """A guess at the failure pattern, to group problems quickly (heuristic, may be empty)."""
    tags: list[str] = []
    w, g = score.norm_text(str(want)) or "", score.norm_text(str(got)) if got is not None else ""
    if kind == "WRONG" and ftype in ("text", "longtext") and g and w.startswith(g):
        nxt = w[len(g):len(g) + 3]
        tags.append("truncated" + (" before an enumerator (N)" if re.match(r"\(\d", nxt) else ""))
    if kind == "WRONG" and w and g != w and w in g:
        tags.append(f"extra text around the value: {g.replace(w, '…')[:20]!r}")
    if kind == "WRONG" and g.startswith("(限"):
        tags.append("prompt '(限N字)' kept in the value")
    if lines and kind in ("MISS", "WRONG"):
        lab = norm(label)[:6]
        probe = norm(printed)[:10]
        li = [i for i, ln in enumerate(lines) if lab and lab in norm(ln)]
        vi = [i for i, ln in enumerate(lines) if probe and probe in norm(ln)]
        if len(li) == 1:  # an unambiguous label line: is the value's first line after it on another page?
            after = [i for i in vi if i >= li[0]]
            if after:
                lpage, vpage = lines[li[0]].split("|")[0], lines[after[0]].split("|")[0]
                if lpage != vpage:
                    tags.append(f"label on {lpage}, value on {vpage} (page break)")
    return "; ".join(tags)


def diagnose(out_dir: Path, docs: list[Path], show_context: bool) -> None:
    score = _scorer()
    rows: list[str] = []
    per_key: Counter = Counter()
    kinds: Counter = Counter()
    doc_notes: list[str] = []
    for pdf in docs:
        name = pdf.stem
        truth = json.loads(pdf.with_name(name + ".truth.json").read_text(encoding="utf-8"))
        meta = json.loads(pdf.with_name(name + ".meta.json").read_text(encoding="utf-8"))
        cat = load_catalog(truth["notice"])
        types = {f["key"]: f["type"] for f in cat["fields"]}
        labels = {f["key"]: f["label"] for f in cat["fields"]}
        outp = out_dir / "out" / f"{name}.json"
        out: dict = json.loads(outp.read_text(encoding="utf-8")) if outp.exists() else {}
        got_fields: dict[str, Any] = {}
        conf: dict[str, float] = {}
        for key, e in (out.get("fields") or {}).items():
            val = e.get("value") if isinstance(e, dict) else e
            if score.normalize(types.get(key, "text"), val) is not None:
                got_fields[key] = val
                conf[key] = float(e.get("confidence") or 0) if isinstance(e, dict) else 0.0
        lines = pdf_lines(pdf) if show_context else []
        n_bad = 0
        for key in sorted(set(truth["fields"]) | set(got_fields)):
            want = truth["fields"].get(key)
            got = got_fields.get(key)
            if key in truth["fields"] and key in got_fields:
                if score.values_equal(types.get(key, "text"), want, got):
                    continue
                kind = "WRONG"
            elif key in truth["fields"]:
                kind = "MISS"
            else:
                kind = "EXTRA"
            n_bad += 1
            printed = meta["printed"].get(key, "")
            c = f" conf={conf[key]:.2f}" if key in conf else ""
            h = hint(kind, types.get(key, "text"), want, got, lines, printed, labels.get(key, ""), score)
            rows.append(f"{name:32} {kind:5} {key:34} got={short(got, 30)!s:34} want={short(want, 30)!s:34}"
                        f" printed={short(printed, 30)!r}{c}" + (f"  [{h}]" if h else ""))
            if kind == "WRONG" and types.get(key) == "longtext":
                rows.append("      " + text_diff(str(want), str(got), score))
            if show_context:
                ctx = context(lines, printed or str(got or ""), labels.get(key, ""))
                if ctx:
                    rows.append("      pdf: " + ctx)
            per_key[(truth["notice"], key, kind)] += 1
            kinds[kind] += 1
        tatt = truth.get("attachments") or {}
        patt = {k: bool(v.get("present")) if isinstance(v, dict) else bool(v)
                for k, v in (out.get("attachments") or {}).items()}
        att_bad = [f"{k}: want {v} got {patt.get(k, False)}" for k, v in tatt.items() if bool(v) != patt.get(k, False)]
        tf = set(truth.get("findings") or [])
        pf = {f"{f.get('code')}:{f.get('key', '')}" for f in out.get("findings") or [] if isinstance(f, dict)}
        knobs = meta["knobs"]
        doc_notes.append(
            f"{name:32} notice={'ok' if out.get('notice') == truth['notice'] else 'WRONG:' + str(out.get('notice'))}"
            f" field-problems={n_bad} knobs: " + " ".join(f"{k}={val}" for k, val in knobs.items()
                                                         if k not in ("optional_blank", "required_blank"))
            + (f"\n      attachments wrong: {'; '.join(att_bad)}" if att_bad else "")
            + (f"\n      findings missing: {sorted(tf - pf)}" if tf - pf else "")
            + (f"\n      findings extra:   {sorted(pf - tf)}" if pf - tf else ""))
    print("\n== documents")
    print("\n".join(doc_notes))
    print(f"\n== per-field problems: {sum(kinds.values())} ({', '.join(f'{k} {n}' for k, n in kinds.items())})")
    print("\n".join(rows))
    print("\n== most frequent (notice, key, kind)")
    for (notice, key, kind), n in per_key.most_common(40):
        print(f"{n:3}  {notice:22} {key:36} {kind}")


# ============================================================================ CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-notice", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "variants")
    ap.add_argument("--notice", action="append", choices=NOTICES, help="only these notices (repeatable)")
    ap.add_argument("--no-extract", action="store_true", help="only generate docx/pdf/truth")
    ap.add_argument("--no-context", action="store_true", help="do not print PDF text around failures")
    ap.add_argument("--scans", action="store_true",
                    help="also make an image-only <doc>.scan.pdf of each variant (200 dpi, skew, noise, seal) "
                         "and extract it (OCR: slow)")
    args = ap.parse_args(argv)
    if shutil.which("soffice") is None:
        print("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    notices = args.notice or list(NOTICES)
    docx_paths = [generate(n, i + 1, args.seed, out) for n in notices for i in range(args.per_notice)]
    print(f"generated {len(docx_paths)} docx under {out}; converting with LibreOffice …", flush=True)
    convert(docx_paths)
    pdfs = [p.with_suffix(".pdf") for p in docx_paths]
    if args.scans:
        pdfs += [make_scan(p, args.seed) for p in list(pdfs)]
    if args.no_extract:
        return 0
    (out / "out").mkdir(exist_ok=True)
    for pdf in pdfs:
        err = extract(pdf, out / "out" / f"{pdf.stem}.json")
        print(f"extracted {pdf.name}" + (f"  FAILED: {err}" if err else ""), flush=True)
    print()
    subprocess.run([sys.executable, str(SCORER), str(out), str(out / "out")], check=False)
    diagnose(out, pdfs, show_context=not args.no_context)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
