"""A Word paragraph's text broken into printed lines, with a box for every character.

Widths are estimated, not measured (no fonts are loaded): a CJK or full-width character is
as wide as its font size, anything else half of it. That is close enough to how Word wraps
a line for the matching to see the same lines a PDF of the file shows: labels and values on
one line, a long answer over several. A line breaks where Chinese typesetting may break it
(between CJK characters, after a space), never before closing punctuation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from shenbao.ingest.document import Line
from shenbao.ingest.wordstyle import twips
from shenbao.ingest.wordtext import Break, Piece, Token

LINE_FACTOR = 1.3  # Word's single line spacing of a CJK font, in font sizes
NO_BREAK_BEFORE = set("，。、；：\uff1f\uff01）》」』”’%％,.;:?!)]")
SPACE = " \t\u3000\u00a0"


@dataclass(frozen=True)
class ParagraphFormat:
    """The spacing and indents of a paragraph that move its lines (direct formatting only)."""

    before: float = 0.0
    after: float = 0.0
    line: float = 1.0  # a factor of single spacing, or (exact) points when ``exact``
    exact: bool = False
    left: float = 0.0
    first: float = 0.0  # first-line indent (negative: hanging)
    first_chars: float = 0.0  # first-line indent in characters (首行缩进 2 字符)
    align: str = "left"
    break_before: bool = False


def paragraph_format(p: Any) -> ParagraphFormat:
    props = p.find(qn("w:pPr"))
    if props is None:
        return ParagraphFormat()
    spacing, ind, jc = props.find(qn("w:spacing")), props.find(qn("w:ind")), props.find(qn("w:jc"))
    line, exact = 1.0, False
    if spacing is not None and spacing.get(qn("w:line")):
        rule = spacing.get(qn("w:lineRule")) or "auto"
        if rule == "auto":
            line = twips(spacing, "line", 240.0 / 20) * 20 / 240
        else:
            line, exact = twips(spacing, "line"), True
    first = twips(ind, "firstLine") - twips(ind, "hanging")
    chars = 0.0
    if ind is not None and ind.get(qn("w:firstLineChars")):
        chars = twips(ind, "firstLineChars") * 20 / 100
    brk = props.find(qn("w:pageBreakBefore"))
    return ParagraphFormat(
        before=twips(spacing, "before"),
        after=twips(spacing, "after"),
        line=line if line > 0 else 1.0,
        exact=exact,
        left=max(twips(ind, "left") or twips(ind, "start"), 0.0),
        first=first,
        first_chars=chars,
        align=(jc.get(qn("w:val")) or "left") if jc is not None else "left",
        break_before=brk is not None and brk.get(qn("w:val")) not in ("0", "false"),
    )


def char_width(ch: str, size: float) -> float:
    if ch == "\t":
        return 2 * size
    if ch == "\u3000" or unicodedata.east_asian_width(ch) in ("W", "F"):
        return size
    return 0.5 * size


@dataclass
class Row:
    """One printed line: its characters with their widths, where it starts and how tall it is."""

    chars: list[tuple[str, float]] = field(default_factory=list)
    indent: float = 0.0  # from the paragraph's left edge
    height: float = 0.0

    @property
    def width(self) -> float:
        return sum(w for _, w in self.chars)

    def line(self, left: float, y: float, page: int, anchor: str) -> Line | None:
        """The row as a :class:`Line` at ``(left, y)``; None when it shows nothing."""
        text: list[str] = []
        xs: list[float] = []
        x = left + self.indent
        pending_space = -1.0
        for ch, w in self.chars:
            if ch in SPACE:
                if text and pending_space < 0:
                    pending_space = x
            else:
                if pending_space >= 0:
                    text.append(" ")
                    xs.append(pending_space)
                    pending_space = -1.0
                text.append(ch)
                xs.append(x)
            x += w
        if not text:
            return None
        right = xs[-1] + next(w for ch, w in reversed(self.chars) if ch not in SPACE)
        size = self.height / LINE_FACTOR
        bbox = (xs[0], y, right, y + min(size * 1.1, self.height))
        return Line("".join(text), bbox, page, 1.0, "text", xs, anchor=anchor)


def _stream(tokens: list[Token], default: float) -> Iterator[tuple[str, float] | str]:
    for token in tokens:
        if isinstance(token, Break):
            yield token.kind
        elif isinstance(token, Piece):
            for ch in token.text:
                yield (ch, token.size or default)


def rows_of(tokens: list[Token], width: float, fmt: ParagraphFormat, default: float) -> list[Row | str]:
    """The paragraph's rows for a column ``width`` points wide, and its page breaks
    (``"page"``, ``"rendered"``) where they fall. An empty paragraph is one empty row."""
    out: list[Row | str] = []
    first_indent = fmt.left + fmt.first + fmt.first_chars * default
    row = Row(indent=first_indent)
    sizes: list[float] = []

    def close(r: Row, used: list[float]) -> None:
        size = max(used, default=default)
        r.height = fmt.line if fmt.exact else size * LINE_FACTOR * fmt.line
        out.append(r)

    for item in _stream(tokens, default):
        if isinstance(item, str):
            if item == "line" or row.chars:
                close(row, sizes)
                row, sizes = Row(indent=fmt.left), []
            if item != "line":
                out.append(item)
            continue
        ch, size = item
        w = char_width(ch, size)
        avail = width - row.indent
        if ch not in SPACE and row.chars and row.width + w > avail:
            cut = _break_at(row.chars, ch)
            carry = row.chars[cut:]
            row.chars = row.chars[:cut]
            close(row, sizes)
            row, sizes = Row(indent=fmt.left, chars=carry), [size]
        row.chars.append((ch, w))
        sizes.append(size)
    if row.chars or not any(isinstance(r, Row) for r in out):
        close(row, sizes)
    for r in out:
        if isinstance(r, Row) and fmt.align in ("center", "right", "end"):
            free = max(width - r.indent - r.width, 0.0)
            r.indent += free / 2 if fmt.align == "center" else free
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _break_at(chars: list[tuple[str, float]], nxt: str) -> int:
    """Where a full row breaks: after its last space, or between CJK characters (never
    before closing punctuation); the whole row when it has no such place."""
    seq = [c for c, _ in chars] + [nxt]
    for k in range(len(chars), 0, -1):
        before, after = seq[k - 1], seq[k]
        if after in NO_BREAK_BEFORE:
            continue
        if before in SPACE or _wide(before) or _wide(after):
            return k
    return len(chars)
