"""Key/value candidates: where a field's value may be printed, found from its labels.

Three layouts are read the same way for text PDFs and scans:

- *cell*: a label cell and the value cell to its right (or below, under a header row);
  a label cell spanning several rows collects the cells beside it (☑ options rows);
- *inline*: ``标签：值 单位`` inside a cell or a loose line ("其中，运行设备 2,933,352 台/套；");
- *grid*: a row label × a column header (``总资产（万元）`` × ``2021年``), or the n-th row under
  a column header;
plus the notice's own regex *patterns* for compound lines. Paragraph answers (*block*) are in
:mod:`shenbao.ingest.blocks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from shenbao.core.notice import FieldSpec, Notice
from shenbao.core.text import core, norm
from shenbao.ingest import confidence as C
from shenbao.ingest.document import BOX_CHARS, BBox, Cell, Line, Table, lines_bbox
from shenbao.ingest.flow import Flow, Segment
from shenbao.ingest.labels import NormText, find_label, is_prompt, label_score
from shenbao.ingest.meaning import FieldMapper, label_form
from shenbao.ingest.normalize import BOOL_OPTIONS, is_blank, match_option
from shenbao.ingest.pairs import Pair, segment_pairs, starts_with_pair
from shenbao.ingest.tables import (
    cells_below,
    continued_cell_lines,
    continued_row_right,
    left_cells,
    next_table,
    previous_table,
    right_cells,
    row_group,
)
from shenbao.ingest.vocabulary import canonical

LABEL_CELL_MIN = C.LABEL_CELL_MIN
BOXES = re.escape(BOX_CHARS)
STREAK_GAP_PT = 2.5  # text this close to a ruling on both sides runs through it: a streak
SPLIT_COLUMN_MAX_PT = 60.0  # an empty column this narrow between a label and its value is a ruling artefact
INLINE_VALUE_RE = {
    "number": re.compile(r"[-+]?\d(?:[\d,，.·]*\d)?(?:万元|亿元|元|万|亿)?"),
    "date": re.compile(
        r"\d{4}(?:年|[-./·])\d{1,2}(?:(?:月|[-./·])\d{1,2}日?|月)?"
        r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?"
    ),
    "phone": re.compile(r"\+?\d[\d\-—]{5,}\d"),
    "email": re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"),
    "org_code": re.compile(r"[0-9A-Za-z]{18}"),
}
TYPE_KIND = {
    "integer": "number",
    "decimal": "number",
    "money_wan": "number",
    "percent": "number",
    "date": "date",
    "phone": "phone",
    "email": "email",
    "org_code": "org_code",
}
TEXT_STOP_RE = re.compile(rf"[；;。，{BOXES}]|(?<!\d),|[（(]盖(?:章[)）]?)?(?:\n|$)|[（(]盖章[)）]|\n")
SEAL_NOTE_RE = re.compile(r"[（(]盖章[)）][：:]?")
PAIR_TEXT_STOP_RE = re.compile(rf"[；;。{BOXES}]|[（(]盖章[)）]")
NOTE_RE = re.compile(r"[（(][^）)]{0,8}[）)][：:]?")


@dataclass
class Candidate:
    key: str
    raw: str
    page: int
    bbox: BBox
    label_score: float  # 0-100: how well the printed label matched
    layout: str
    ocr_confidence: float = 1.0
    source: str = "text"
    prior: float = 1.0  # how much this layout is trusted for the field
    anchor: tuple[int, int] = (-1, -1)  # (segment, offset) of the value, to share it once
    unit_hint: str = ""  # a unit printed with the label that differs from the field's ("元")
    repaired: bool = False  # the value was repaired after reading (a scan's O for 0 in a code)
    # where the label that led here is printed (page 0: not known), kept for a blank value too,
    # so the desk can show a clerk the label of a value that is missing
    label_page: int = 0
    label_bbox: BBox | None = None

    @property
    def blank(self) -> bool:
        return is_blank(self.raw)

    def labelled(self, page: int, bbox: BBox) -> Candidate:
        """The candidate, noting where its label is printed."""
        self.label_page, self.label_bbox = page, bbox
        return self


# -- cells ------------------------------------------------------------------------------


def has_boxes(text: str) -> bool:
    return any(ch in BOX_CHARS for ch in text)


def _opens_with_heading(spec: FieldSpec, cell: Cell) -> bool:
    """A long answer whose first words are a heading of its own ("主要建设内容：（1）…"):
    the cell is this field's value, not a printed pair of another field."""
    return spec.type == "longtext" and len(norm(cell.text).partition("：")[2]) >= C.LONG_ANSWER


class LabelIndex:
    """All printed labels of a notice, to tell a label cell from a value cell."""

    def __init__(self, notice: Notice) -> None:
        labels = {label for spec in notice.fields for label in spec.all_labels}
        labels |= {spec.column for spec in notice.fields if spec.column}
        self.labels = sorted({norm(label) for label in labels if label})
        self.meanings = frozenset(canonical(label_form(label)) for label in labels if label)
        self.fields = notice.fields
        self.mapper = FieldMapper(notice)
        self._rival_cache: dict[str, list[FieldSpec]] = {}

    def is_label(self, text: str) -> bool:
        if not text.strip() or has_boxes(text):
            return False
        if canonical(label_form(text)) in self.meanings:
            return True  # a notice's label in other words ("座机" for 固定电话)
        return any(label_score(text, label) >= 92 for label in self.labels)

    def score(self, text: str, spec: FieldSpec) -> float:
        """How well a label cell's text names ``spec``: as printed, or by meaning."""
        printed = max(label_score(text, label) for label in spec.all_labels)
        return max(printed, self.mapper.label_match(text, spec)[0])

    def foreign_context(self, group: list[Cell], spec: FieldSpec) -> bool:
        """The cell sits in the row group of another field printed with the same label
        ("单位名称" under 技术支撑单位信息 is support1.name, not applicant.name)."""
        names = {core(c.text) for c in group}
        if not names or any(_context_hit(n, spec.context) for n in names):
            return False
        return any(_context_hit(n, f.context) for f in self._rivals(spec) for n in names if n)

    def _rivals(self, spec: FieldSpec) -> list[FieldSpec]:
        """Fields with a context printed with (nearly) the same label as ``spec``."""
        if spec.key not in self._rival_cache:
            self._rival_cache[spec.key] = [
                f
                for f in self.fields
                if f.key != spec.key
                and f.context
                and any(label_score(a, b) >= 90 for a in spec.all_labels for b in f.all_labels)
            ]
        return self._rival_cache[spec.key]


def _context_hit(text: str, context: tuple[str, ...]) -> bool:
    t = norm(text)
    return any(norm(c) and (norm(c) in t or (t and t in norm(c))) for c in context)


def context_ok(flow: Flow, segment: Segment, spec: FieldSpec, window: int = 14) -> bool:
    """The field's context is printed where it belongs: for a cell, in its row group, the
    cell to its left or the cell itself; for a loose line, just before it."""
    if not spec.context:
        return True
    if segment.cell is not None and segment.table is not None:
        near = row_group(segment.table, segment.cell) + left_cells(segment.table, segment.cell)
        if segment.cell.row == 0 and not any(c.text.strip() for c in near):
            near += _carried_row_labels(flow, segment)
        if segment.cell.row + segment.cell.rowspan == segment.table.n_rows:
            near += _row_labels_overleaf(flow, segment)
        return any(_context_hit(c.text, spec.context) for c in [*near, segment.cell])
    start = max(0, segment.index - window)
    return any(
        _context_hit(s.text, spec.context)
        for s in flow.segments[start : segment.index + 1]
        if s.section == segment.section
    )


def _row_labels_overleaf(flow: Flow, segment: Segment) -> list[Cell]:
    """For a table's last row that a page break cut: its group label printed at the top of
    the next page's part ("平台收入情况（如有）" over the values' row)."""
    below = next_table(flow, segment)
    if below is None or segment.cell is None:
        return []
    return [c for c in below.cells if c.row == 0 and c.bbox[2] <= segment.cell.bbox[0] + 2]


def _carried_row_labels(flow: Flow, segment: Segment) -> list[Cell]:
    """For a row that a page break carried over: the labels left of it on the previous page."""
    above = previous_table(flow, segment)
    if above is None or segment.cell is None:
        return []
    return [c for c in above.cells if c.row + c.rowspan == above.n_rows and c.bbox[2] <= segment.cell.bbox[0] + 2]


def _past_split_column(table: Table, values: list[Cell], labels: LabelIndex) -> list[Cell]:
    """On a skewed scan a ruling of other rows can run on into this one, leaving a narrow
    empty cell between a label and its value: skip it when the next cell holds a value, not
    a label. A narrow cell holding only a box ("□" | "是 ☑否") keeps its box and takes the rest;
    one holding a character or two is the label's own end ("组织机构代" | "码" | value)."""
    text = values[0].text.strip() if values else ""
    lone_box = has_boxes(text) and not text.strip(BOX_CHARS + " ")
    label_end = 0 < len(text) <= 2 and not has_boxes(text) and not any(ch.isdigit() for ch in text)
    if len(values) != 1 or (text and not lone_box and not label_end):
        return values
    beyond = right_cells(table, values[0])
    if (
        len(beyond) == 1
        and beyond[0].text.strip()
        and not labels.is_label(beyond[0].text)
        and beyond[0].row == values[0].row
        and values[0].bbox[2] - values[0].bbox[0] < SPLIT_COLUMN_MAX_PT
    ):
        return values + beyond if lone_box else beyond
    return values


def _across_streaks(table: Table, values: list[Cell], labels: LabelIndex) -> list[Cell]:
    """A scanner streak read as a ruling cuts a value in two ("1608" | "84. 17万元"): printed
    text keeps clear of real rulings, so text touching the line on both sides is one value."""
    out: list[Cell] = []
    for cell in values:
        out += _streak_run(table, cell, lambda c: labels.is_label(c.text) or c in values)
    return out


def _label_across_streaks(table: Table, cell: Cell) -> list[Cell]:
    """A label cut by a streak ("企业信用" | "等级"): the cell and the rest of its label."""
    return _streak_run(table, cell, lambda c: False)


def _streak_run(table: Table, cell: Cell, stop: Callable[[Cell], bool]) -> list[Cell]:
    """``cell`` and the cells right of it in its row that its text runs on into, across
    rulings it touches on both sides, up to a cell ``stop`` refuses."""
    out = [cell]
    while True:
        beyond = right_cells(table, out[-1])
        if len(beyond) != 1 or beyond[0].row != cell.row or not _touching(out[-1], beyond[0]) or stop(beyond[0]):
            return out
        out.append(beyond[0])


def _touching(left: Cell, right: Cell) -> bool:
    if not left.lines or not right.lines:
        return False
    left_end = max(line.bbox[2] for line in left.lines)
    right_start = min(line.bbox[0] for line in right.lines)
    return left.bbox[2] - left_end < STREAK_GAP_PT and right_start - right.bbox[0] < STREAK_GAP_PT


def cell_value(cells: list[Cell], spec: FieldSpec) -> list[Cell]:
    if spec.type in ("choice", "multichoice", "bool"):
        boxed = [c for c in cells if has_boxes(c.text)]
        return boxed or cells[:1]
    if spec.type == "longtext":
        return cells
    return [c for c in cells if c.row == cells[0].row]  # one cell, or one cut by streaks


def cell_candidates(flow: Flow, spec: FieldSpec, labels: LabelIndex, segments: list[Segment]) -> list[Candidate]:
    out = []
    for seg in segments:
        if seg.cell is None or seg.table is None or not seg.lines:
            continue
        ocr = seg.lines[0].source == "ocr"
        label_cells, score = [seg.cell], labels.score(seg.text, spec)
        if ocr:
            joined = _label_across_streaks(seg.table, seg.cell)
            joined_score = labels.score("".join(c.text for c in joined), spec)
            if joined_score > score:
                label_cells, score = joined, joined_score
        if score < LABEL_CELL_MIN or not context_ok(flow, seg, spec):
            continue
        if not spec.context and labels.foreign_context(row_group(seg.table, seg.cell), spec):
            score -= C.PRIOR_FOREIGN_CONTEXT
        values = right_cells(seg.table, label_cells[-1])
        if ocr:
            values = _across_streaks(seg.table, _past_split_column(seg.table, values, labels), labels)
        below = cells_below(flow, seg)
        if (
            (not values or (len(values) == 1 and labels.is_label(values[0].text)))
            and below
            and not any(labels.is_label(c.text) for c in below)
        ):
            values = below[:1]
        if not values:
            continue
        boxed = spec.type in ("choice", "multichoice", "bool")
        if boxed and starts_with_pair(values[0].lines):
            values = [c for c in values if not starts_with_pair(c.lines)] or values
        if (
            starts_with_pair(values[0].lines)
            and not (boxed and has_boxes(values[0].text))
            and not _opens_with_heading(spec, values[0])
        ):
            named = _named_value(flow, values[0], spec, seg, score)
            if named is not None:
                out.append(named)
            continue  # the next cell prints its own "label：value": this label's value is blank or inline
        if spec.type in ("choice", "multichoice", "bool") and not any(has_boxes(c.text) for c in values):
            values = values + continued_row_right(flow, seg.table, seg.cell)
        chosen = cell_value(values, spec)
        extra = continued_cell_lines(flow, seg.table, chosen[-1], loose=spec.type == "longtext")
        out.append(_cell_candidate(spec, seg, chosen, score, "cell", extra=extra))
    return out


NAME_ATTRIBUTES = frozenset({"名称", "全称", "姓名", "单位名称"})


def _named_value(flow: Flow, cell: Cell, spec: FieldSpec, label_seg: Segment, score: float) -> Candidate | None:
    """ "推荐单位" | "名称：XX局": a label cell whose neighbour names it through a pair of its own."""
    if spec.type != "text":
        return None
    seg = next((s for s in flow.segments if s.cell is cell), None)
    pairs = segment_pairs(seg) if seg is not None else []
    if not pairs or pairs[0].label_start != 0 or norm(pairs[0].label) not in NAME_ATTRIBUTES:
        return None
    pair = pairs[0]
    cand = pair_text_value(pair.hay, pair.value_start, pair.value_end, spec, pair.segment, score, 1.0)
    cand.layout, cand.anchor = "cell", (label_seg.index, 0)
    return cand.labelled(label_seg.page, lines_bbox(label_seg.lines))


def _cell_candidate(
    spec: FieldSpec,
    seg: Segment,
    cells: list[Cell],
    score: float,
    layout: str,
    prior: float = 1.0,
    extra: list[Line] | None = None,
) -> Candidate:
    lines = [line for c in cells for line in c.lines] + (extra or [])
    if spec.type == "longtext":
        lines = [line for line in lines if not is_prompt(line.text, spec.prompts)]
    raw = "\n".join(line.text for line in lines)
    bbox = lines_bbox(lines) if lines else cells[0].bbox
    conf = min((line.confidence for line in lines), default=1.0)
    source = lines[0].source if lines else seg.lines[0].source
    page = lines[0].page if lines else seg.page  # the value may be overleaf of its label
    cand = Candidate(spec.key, raw, page, bbox, score, layout, conf, source, prior, (seg.index, 0))
    return cand.labelled(seg.page, lines_bbox(seg.lines) if seg.lines else bbox)


def grid_candidates(flow: Flow, spec: FieldSpec, labels: LabelIndex, segments: list[Segment]) -> list[Candidate]:
    """Row label × column header, or (``labels`` = header, ``row`` n) the n-th row below."""
    out = []
    nth = spec.row
    for seg in segments:
        if seg.cell is None or seg.table is None:
            continue
        score = labels.score(seg.text, spec)
        if score < LABEL_CELL_MIN or not context_ok(flow, seg, spec):
            continue
        value = next(iter(cells_below(flow, seg, nth)), None) if nth else _intersection(flow, seg, spec.column)
        if value is not None:
            cand = _cell_candidate(spec, seg, [value], score, "grid")
            cand.anchor = (-1, -1)  # one header cell labels many values
            out.append(cand)
    return out


def _intersection(flow: Flow, seg: Segment, column: str) -> Cell | None:
    """The cell in the row label's row under the header ``column`` — the header may sit in the
    part of the table that the previous page holds."""
    table, row_label = seg.table, seg.cell
    if table is None or row_label is None:
        return None
    headers = [c for c in table.cells if c.row < row_label.row and label_score(c.text, column) >= 90]
    if headers:
        header = max(headers, key=lambda c: c.row)
        x0, x1 = header.bbox[0], header.bbox[2]
    else:
        above = previous_table(flow, seg)
        headers = [c for c in above.cells if label_score(c.text, column) >= 90] if above else []
        if not headers:
            return None
        x0, x1 = headers[-1].bbox[0], headers[-1].bbox[2]
    for c in table.cells:
        if (
            c.row <= row_label.row < c.row + c.rowspan
            and c is not row_label
            and min(c.bbox[2], x1) - max(c.bbox[0], x0) > 0.5 * min(c.bbox[2] - c.bbox[0], x1 - x0)
        ):
            return c
    return None


# -- inline -----------------------------------------------------------------------------


def inline_candidates(
    flow: Flow,
    spec: FieldSpec,
    segments: list[Segment],
    pairs: dict[int, list[Pair]],
    prior: float = C.PRIOR_INLINE_FALLBACK,
) -> list[Candidate]:
    """``标签：值`` found by searching the field's own labels; ``pairs`` are the flow's printed
    pairs (:func:`~shenbao.ingest.pairs.flow_pairs`), which say where a longer label stands."""
    out = []
    for seg in segments:
        if not seg.lines or seg.heading:
            continue
        extra = _next_loose_line(flow, seg, spec)
        hay = NormText.of(seg.lines + extra) if extra else seg.hay
        own = pairs.get(seg.index, [])
        label_cell = _is_label_cell(seg, own)
        printed = [(p.label_start, p.label_end) for p in own] if not extra else []
        for label in spec.all_labels:
            for start, end, score in find_label(hay, label, fuzzy=seg.lines[0].source == "ocr"):
                if (label_cell and start == 0) or not context_ok(flow, seg, spec):
                    continue  # a label cell's value is in the next cell, not after the label
                if any(s <= start and end < e for s, e in printed):
                    continue  # part of a longer printed label ("联系人" in "联系人姓名："): the pair decides
                cand = inline_value(hay, end, spec, seg, score, prior * _prose_factor(hay, start))
                if cand is not None:
                    out.append(cand.labelled(seg.page, hay.bbox(start, end)))
    return out


def _prose_factor(hay: NormText, start: int) -> float:
    """A label met mid-sentence ("…工业APP，计划投资58万元。") is less likely the field than
    one that starts a line or follows 其中，/；/："""
    before = hay.text[max(0, start - 12) : start].replace("\n", "")
    if len(before) <= 6 or before.endswith(("其中,", "其中，", ";", "；", "：", ":")) or before[-1] in BOX_CHARS:
        return 1.0
    return C.PRIOR_MID_SENTENCE if before.endswith((",", "，", "。")) else 1.0


def _is_label_cell(seg: Segment, pairs: list[Pair]) -> bool:
    """A table cell with a filled cell to its right: whatever it prints is a label."""
    if seg.cell is None or seg.table is None:
        return False
    if any(pair.value.strip() for pair in pairs):
        return False  # "组织机构代码：9143…" in one cell: label and value together
    return any(c.text.strip() for c in right_cells(seg.table, seg.cell))


def _next_loose_line(flow: Flow, seg: Segment, spec: FieldSpec) -> list[Line]:
    """Options printed on the line under a loose label line ("运用以下技术：" / "☑5G □大数据"),
    or overleaf when a page break cut the label's cell."""
    if spec.type not in ("choice", "multichoice", "bool"):
        return []
    if seg.cell is not None and seg.table is not None:
        return continued_cell_lines(flow, seg.table, seg.cell, loose=True)[:2]
    nxt = flow.segments[seg.index + 1] if seg.index + 1 < len(flow.segments) else None
    return nxt.lines[:1] if nxt is not None and nxt.cell is None and not nxt.heading else []


def inline_value(
    hay: NormText, pos: int, spec: FieldSpec, seg: Segment, score: float, prior: float, limit: int | None = None
) -> Candidate | None:
    """The value printed after a label ending at ``pos``, up to the line's end (or ``limit``,
    where the next printed pair starts)."""
    text = hay.text
    while pos < len(text) and text[pos] in "：:*":
        pos += 1
    kind = TYPE_KIND.get(spec.type)
    line_end = hay.line_end(pos) if limit is None else min(hay.line_end(pos), limit)
    note = NOTE_RE.match(text, pos, line_end)  # 总资产（万元）：value, 申报单位（盖章）：value — the label's note
    if note:
        pos = note.end()
    if kind:
        while pos < line_end and text[pos] == "_" and re.match(r"_+\d", text[pos:line_end]):
            pos += 1  # a filled blank: the underline's end read as "_" before the number
        match = INLINE_VALUE_RE[kind].match(text, pos, line_end)
        if match is None and pos == line_end and line_end < len(text):  # wrapped to the next line
            nxt_end = hay.line_end(line_end + 1)
            match = INLINE_VALUE_RE[kind].match(text, line_end + 1, nxt_end)
            if match is not None and match.end() < nxt_end and spec.type in ("email", "org_code"):
                match = None  # the next line is something else that merely starts alike
        if match is None:
            rest = text[pos:line_end]
            if not rest.startswith("_") and (pos == 0 or text[pos - 1] not in "：:"):
                return None
            if rest and not is_blank(rest[:6]):
                return None
            return _candidate(hay, spec, seg, pos, pos, score, prior, blank=True)
        end = _wrapped_end(hay, match.end(), line_end, limit, kind)
        unit = re.match(r"[%％]", text[end : end + 1])
        if unit:
            end += 1
        if spec.unit and norm(text[end : end + len(spec.unit)]) == norm(spec.unit):
            prior = max(prior, 1.0)  # the printed unit follows: the value sits where the form wants it
        return _candidate(hay, spec, seg, match.start(), end, score, prior)
    if spec.type in ("choice", "multichoice", "bool"):
        if pos >= line_end and line_end < len(text):  # options on the next line
            pos, line_end = line_end + 1, hay.line_end(line_end + 1)
        if limit is not None:
            line_end = max(line_end, limit)  # a printed pair's options run over its lines
        if not has_boxes(text[pos:line_end]):
            if not names_options(text[pos:line_end], spec):
                return None
            prior *= C.PRIOR_TYPED_OPTIONS  # "研发设计、产品服务": the chosen options written out
        return _candidate(hay, spec, seg, pos, line_end, score, prior)
    stop = TEXT_STOP_RE.search(text, pos, line_end)
    end = stop.start() if stop else line_end
    if stop is None and end > pos:
        end = _wrapped_tail(text, end)
    if end == pos and pos >= line_end and spec.type == "text":
        return None
    return _candidate(hay, spec, seg, pos, end, score, prior)


WRAPPED_PHONE_RE = re.compile(r"[\d\-—]+")
WRAPPED_NUMBER_RE = re.compile(r"[\d,，.·]+(?:万元|亿元|元|万|亿)?")


def _wrapped_number_end(hay: NormText, end: int, line_end: int, limit: int | None) -> int:
    """A number that a narrow cell broke over lines ("６，５８２，０１" / "３，２００元") ends on
    the next line; only inside a printed pair's span, where nothing else can follow."""
    text = hay.text
    if limit is None or end != line_end or end >= limit or not re.match(r"[\d,，.]", text[end - 1]):
        return end
    match = WRAPPED_NUMBER_RE.match(text, end + 1, limit)
    return match.end() if match is not None else end


def _wrapped_end(hay: NormText, end: int, line_end: int, limit: int | None, kind: str) -> int:
    """Where a typed value ends when a narrow cell may have broken it over lines."""
    if kind == "number":
        return _wrapped_number_end(hay, end, line_end, limit)
    if kind == "phone" and limit is not None and end == line_end and end < limit:
        tail = WRAPPED_PHONE_RE.match(hay.text, end + 1, limit)  # "０７３６－５６" / "１５１０２４"
        if tail is not None and (tail.end() == limit or hay.text[tail.end()] == "\n"):
            return tail.end()
    return end


def names_options(text: str, spec: FieldSpec) -> bool:
    """The text lists options of the field by name, and nothing else ("研发设计、产品服务")."""
    parts = [p for p in re.split(r"[、,，;；/\n]+", text) if p.strip()]
    if not parts or (spec.type != "multichoice" and len(parts) != 1):
        return False
    options = spec.options or BOOL_OPTIONS
    return all(match_option(part, options) is not None for part in parts)


def _wrapped_tail(text: str, end: int) -> int:
    """A short value's last characters wrapped onto the next line of its cell ("委托第三方运" /
    "营", "湘江工业互联" / "网科技有限公司"): take that line too when it has no label, box or
    colon and is a few characters, or the end of an organisation's name."""
    if end >= len(text) or text[end] != "\n":
        return end
    nxt_end = text.find("\n", end + 1)
    nxt_end = len(text) if nxt_end < 0 else nxt_end
    tail = text[end + 1 : nxt_end]
    if re.search(rf"[：:{BOXES}（(）)\d]", tail):
        return end
    if 0 < len(tail) <= 3 or (len(tail) <= MAX_NAME_TAIL and ORG_NAME_END_RE.search(tail)):
        return nxt_end
    return end


MAX_NAME_TAIL = 16
ORG_NAME_END_RE = re.compile(r"(?:有限公司|有限责任公司|股份公司|集团|研究院|研究所|中心|大学|学院)$")


def _candidate(
    hay: NormText, spec: FieldSpec, seg: Segment, start: int, end: int, score: float, prior: float, blank: bool = False
) -> Candidate:
    raw = "" if blank else hay.raw(start, end).strip()
    bbox = hay.bbox(start, end) if end > start else hay.bbox(max(start - 1, 0), start)
    conf = hay.confidence(start, end) if end > start else 1.0
    return Candidate(
        spec.key, raw, seg.page, bbox, score, "inline", conf, seg.lines[0].source, prior, (seg.index, start)
    )


def pair_text_value(
    hay: NormText, start: int, end: int, spec: FieldSpec, seg: Segment, score: float, prior: float
) -> Candidate:
    """A text value of a printed pair: all of it, wrapped lines included, up to a stop mark."""
    seal = SEAL_NOTE_RE.match(hay.text, start, end)  # 申报单位：（盖章）XX有限公司
    if seal:
        start = seal.end()
    stop = PAIR_TEXT_STOP_RE.search(hay.text, start, end)
    if stop is not None:
        end = stop.start()
    while end > start and hay.text[end - 1] == "\n":
        end -= 1
    if is_blank(hay.text[start:end]):
        return _candidate(hay, spec, seg, start, start, score, prior, blank=True)
    return _candidate(hay, spec, seg, start, end, score, prior)


# -- patterns ---------------------------------------------------------------------------


def pattern_candidates(flow: Flow, notice: Notice) -> list[Candidate]:
    out = []
    for pattern in notice.patterns:
        segments = flow.in_section(pattern.section) if pattern.section else flow.segments
        lines = [line for s in segments for line in s.lines]
        if not lines:
            continue
        hay = NormText.of(lines, line_breaks=False)
        match = re.search(pattern.regex, hay.text)
        if match is None:
            continue
        for group, key in pattern.groups.items():
            start, end = match.span(group)
            if start < 0:
                continue
            raw = hay.raw(start, end).strip() if end > start else ""
            bbox = hay.bbox(start, end) if end > start else hay.bbox(max(start - 1, 0), max(start, 1))
            page = hay.lines[hay.origin[min(start, len(hay.origin) - 1)][0]].page
            out.append(
                Candidate(
                    key,
                    raw,
                    page,
                    bbox,
                    100.0,
                    "pattern",
                    hay.confidence(start, end) if end > start else 1.0,
                    lines[0].source,
                    pattern.trust if lines[0].source == "ocr" else 1.0,
                    (-2, start),
                )
            )
    return out
