"""Block values: paragraphs after a label (longtext answers), up to the next heading or label."""

from __future__ import annotations

from shenbao.core.notice import FieldSpec
from shenbao.core.text import core, norm
from shenbao.ingest.candidates import LABEL_CELL_MIN, Candidate, context_ok
from shenbao.ingest.document import Line, lines_bbox
from shenbao.ingest.flow import Flow, Segment, looks_like_heading
from shenbao.ingest.labels import NormText, is_prompt, label_score
from shenbao.ingest.tables import continued_cell_lines


def block_candidates(flow: Flow, spec: FieldSpec, segments: list[Segment], stops: list[str]) -> list[Candidate]:
    """Paragraphs after a label that starts a line, up to a heading or another block label."""
    out = []
    for seg in segments:
        for li, line in enumerate(seg.lines):
            score = max((_block_label_score(norm(line.text), label) for label in spec.all_labels), default=0.0)
            if score < LABEL_CELL_MIN or not context_ok(flow, seg, spec):
                continue
            lines = seg.lines[li:] + _continuation(flow, seg)
            hay = NormText.of(lines)
            body = _lines_from(hay, _after_label(hay.text, spec))
            body = [line for line in _until_stop(body, stops, spec) if not is_prompt(line.text, spec.prompts)]
            out.append(_block_candidate(spec, seg, line, body, score, li))
    return out


def _block_candidate(
    spec: FieldSpec, seg: Segment, label_line: Line, body: list[Line], score: float, li: int
) -> Candidate:
    if body:
        bbox = lines_bbox(body)
        conf, page = min(line.confidence for line in body), body[0].page
    else:
        bbox, conf, page = label_line.bbox, 1.0, seg.page
    raw = "\n".join(line.text for line in body)
    cand = Candidate(spec.key, raw, page, bbox, score, "block", conf, label_line.source, 1.0, (seg.index, li))
    return cand.labelled(label_line.page, label_line.bbox)


def _continuation(flow: Flow, seg: Segment) -> list[Line]:
    """Loose lines that continue a block: after a loose line, or after the last cell of a
    table that a page break cut (the rest of the cell prints unruled on the next page)."""
    nxt = flow.segments[seg.index + 1] if seg.index + 1 < len(flow.segments) else None
    if seg.heading and nxt is not None and nxt.table is not None and nxt.table is seg.table:
        return nxt.lines + _continuation(flow, nxt)  # heading cell, answer in the cell below
    if seg.cell is not None and seg.table is not None:
        last = max(seg.table.cells, key=lambda c: (c.row, c.col))
        if seg.cell is not last or nxt is None or nxt.page == seg.page:
            return []
        if nxt.table is not None:
            return continued_cell_lines(flow, seg.table, seg.cell, loose=False)
    if nxt is not None and nxt.cell is not None and nxt.page == seg.page + 1:
        return _overleaf(flow, nxt)  # a heading at a page's foot, its table overleaf
    out: list[Line] = []
    for nxt in flow.segments[seg.index + 1 :]:
        if nxt.cell is not None or nxt.heading:
            break
        out.extend(nxt.lines)
    return out


def _overleaf(flow: Flow, first: Segment) -> list[Line]:
    """The first cell overleaf, and the cell under it when that first one only ends the
    heading's wrapped note ("情况）")."""
    out = list(first.lines)
    after = flow.segments[first.index + 1] if first.index + 1 < len(flow.segments) else None
    if len(norm(first.text)) <= 20 and after is not None and after.table is first.table:
        out += after.lines + _continuation(flow, after)
    else:
        out += _continuation(flow, first)
    return out


def _block_label_score(line: str, label: str) -> float:
    want = core(label)
    line = core(line)
    if not want:
        return 0.0
    if line.startswith(want):
        return 100.0
    return label_score(line[: len(want)], want) if len(want) >= 4 else 0.0


def _after_label(text: str, spec: FieldSpec) -> int:
    """Offset just after the label and its bracketed note and colon (they may wrap lines)."""
    pos = -1
    for label in sorted((core(lab) for lab in spec.all_labels), key=len, reverse=True):
        pos = text.find(label)
        if pos >= 0:
            pos += len(label)
            break
    pos = max(pos, 0)
    while pos < len(text) and text[pos] in "\n*":
        pos += 1
    first = True
    while text[pos : pos + 1] in ("（", "("):
        end = _bracket_end(text, pos)
        if end is None:
            return len(text)  # the note runs on past what we have: nothing filled here
        if not first and not is_prompt(text[pos:end].replace("\n", "")):
            break  # an answer that starts with a bracket
        pos, first = end, False  # the label's note, then printed limits such as （限1000字）
        while pos < len(text) and text[pos] in "：:*\n":
            pos += 1
    while pos < len(text) and text[pos] in "：:*\n":
        pos += 1
    return pos


def _bracket_end(text: str, pos: int) -> int | None:
    """Offset after the bracket that opens at ``pos`` closes (across line breaks), or None."""
    depth = 0
    for i in range(pos, len(text)):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _lines_from(hay: NormText, start: int) -> list[Line]:
    if start >= len(hay.origin):
        return []
    li, ci = hay.origin[start]
    first = hay.lines[li]
    out = []
    if first.text[ci:].strip():
        out.append(
            Line(first.text[ci:], first.sub_bbox(ci, len(first.text)), first.page, first.confidence, first.source)
        )
    return out + hay.lines[li + 1 :]


def _until_stop(lines: list[Line], stops: list[str], spec: FieldSpec) -> list[Line]:
    own = {core(label) for label in spec.all_labels}
    out = []
    for line in lines:
        text = core(line.text)
        if _is_heading_line(line.text) and not is_prompt(line.text, spec.prompts):
            break
        if any(text.startswith(stop) and stop not in own for stop in stops):
            break
        out.append(line)
    return out


def _is_heading_line(text: str) -> bool:
    """A numbered heading, not a paragraph line that happens to start with "（4）行业应用。…":
    headings are short and end no sentence."""
    if not looks_like_heading(text):
        return False
    folded = norm(text)
    return len(folded) <= 40 and not any(mark in folded for mark in "。；;")
