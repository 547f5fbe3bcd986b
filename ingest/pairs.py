"""Key/value pairs as printed, read without the template's geometry.

Applicants do not keep the template's cells: they write "企业名称：XX有限公司" into one cell,
put two pairs in a row ("电话：029-85100466 E-mail：a@b.cn"), print a section as plain lines,
or shuffle the rows. What stays is the printed pair itself: a short label, a colon, a value.
This module finds those pairs in every segment (cell or loose line) of the flow; which field a
pair fills is decided later, by meaning (:mod:`shenbao.ingest.fieldmap`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shenbao.ingest.document import BOX_CHARS, Line
from shenbao.ingest.flow import Flow, Segment
from shenbao.ingest.labels import NormText

MAX_LABEL = 30  # compare-form characters; longer runs before a colon are sentences, not labels
MIN_LABEL = 2
# Characters that end the previous pair's value and may stand right before a label.
LABEL_BREAK = set("；;。，,、|｜\n" + BOX_CHARS)
ASCII_LABEL_RE = re.compile(r"^(?:e-?mail|email|tel|fax|qq|mobile|phone)$", re.IGNORECASE)
NOT_LABEL_RE = re.compile(r"^(?:https?|ftp|www)$|^\d+$", re.IGNORECASE)
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
UNIT_NOTE_RE = re.compile(r"[（(]([^（）()]{1,8})[）)]$")


@dataclass(frozen=True)
class Pair:
    """One printed ``label：value`` pair inside a segment's compare-form text."""

    segment: Segment
    label_start: int
    label_end: int  # offset of the colon
    value_start: int  # just after the colon
    value_end: int  # where the next pair's label starts, or the line's end

    @property
    def hay(self) -> NormText:
        return self.segment.hay

    @property
    def label(self) -> str:
        return self.hay.text[self.label_start : self.label_end].replace("\n", "")

    @property
    def value(self) -> str:
        return self.hay.text[self.value_start : self.value_end]

    @property
    def unit(self) -> str:
        """The unit printed in the label's brackets: "总资产（万元）" -> "万元"."""
        match = UNIT_NOTE_RE.search(self.label)
        return match.group(1) if match else ""


def segment_pairs(segment: Segment) -> list[Pair]:
    """Every ``label：value`` pair of one segment, in reading order."""
    if not segment.lines:
        return []
    hay = segment.hay
    text = hay.text
    spans: list[tuple[int, int]] = []  # (label start, colon)
    for colon in (m.start() for m in re.finditer("：", text)):
        start = _label_start(hay, colon)
        if start is not None and (not spans or start >= spans[-1][1] + 1):
            spans.append((start, colon))
    pairs = []
    for i, (start, colon) in enumerate(spans):
        line_end = hay.line_end(colon)
        nxt = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        end = min(nxt, _value_end(text, colon + 1, line_end, nxt))
        pairs.append(Pair(segment, start, colon, colon + 1, end))
    return pairs


def _value_end(text: str, start: int, line_end: int, next_label: int) -> int:
    """A value ends at its line's end, unless the lines after it continue it (a wrapped
    address in a cell) without starting another pair."""
    end = line_end
    while end < next_label and end < len(text) and text[end] == "\n":
        following = text.find("\n", end + 1)
        following = len(text) if following < 0 else following
        if following > next_label or "：" in text[end + 1 : following]:
            break
        if end == start:  # nothing after the colon on its line: the value is not here
            break
        end = following
    return end


def _label_start(hay: NormText, colon: int) -> int | None:
    """Where the label that ends at ``colon`` begins, or None when what precedes the colon
    is not a label (a sentence, a URL scheme, a number)."""
    text = hay.text
    pos = colon
    while pos > 0 and text[pos - 1] not in LABEL_BREAK and text[pos - 1] != "：":
        if pos in hay.spaced and _real_gap(hay, pos, colon):
            break
        pos -= 1
    if pos > 0 and text[pos - 1] == "\n" and _wraps_from_start(text, colon):
        pos = 0  # "近两年未发生重大安\n全、质量、环保事\n故：" — a label wrapped in its cell
    label = text[pos:colon].replace("\n", "")
    if _inside_brackets(text, colon):
        return None  # "100万元（大写：壹佰万元整）": a note of the value, not a pair
    if not (MIN_LABEL <= len(label) <= MAX_LABEL) or NOT_LABEL_RE.match(label):
        return None
    if not CJK_RE.search(label) and not ASCII_LABEL_RE.match(label):
        return None
    if text[colon + 1 : colon + 3] == "//":
        return None
    return pos


def _inside_brackets(text: str, colon: int) -> bool:
    """The colon stands inside a bracket opened after the previous colon."""
    start = text.rfind("：", 0, colon) + 1
    depth = 0
    for ch in text[start:colon]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth > 0:
            depth -= 1
    return depth > 0


def _wraps_from_start(text: str, colon: int) -> bool:
    """Everything before ``colon`` is one label broken over lines: no other colon, no box,
    no sentence mark, and short enough to be a label."""
    before = text[:colon]
    return (
        "：" not in before
        and len(before.replace("\n", "")) <= MAX_LABEL
        and not any(ch in LABEL_BREAK for ch in before.replace("\n", ""))
    )


def _real_gap(hay: NormText, pos: int, colon: int) -> bool:
    """White space at ``pos`` separates a value from the next label, unless the label is
    letter-spaced ("联 系 人："): single characters on both sides of the gap."""
    before = pos - 1
    single_before = before == 0 or before in hay.spaced or hay.text[before - 1] in LABEL_BREAK
    after = pos + 1
    single_after = after >= colon or after in hay.spaced
    return not (single_before and single_after)


def starts_with_pair(lines: list[Line]) -> bool:
    """The text of these lines begins with a printed ``label：`` (a cell that is a pair)."""
    if not lines:
        return False
    hay = NormText.of(lines)
    colon = hay.text.find("：")
    return 0 < colon <= MAX_LABEL and _label_start(hay, colon) == 0


def flow_pairs(flow: Flow) -> dict[int, list[Pair]]:
    """The pairs of every segment, by segment index."""
    out: dict[int, list[Pair]] = {}
    for segment in flow.segments:
        pairs = segment_pairs(segment)
        if pairs:
            out[segment.index] = pairs
    return out
