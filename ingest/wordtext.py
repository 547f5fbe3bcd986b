"""The text of a Word paragraph as the applicant sees it: runs, tick glyphs, fill-ins.

A paragraph's XML holds more than its text: field codes, deleted revisions, the fallback
copy of a text box, hidden runs. What is shown becomes a list of :class:`Piece` objects
(text with its font size) and breaks (a line break, a page break, Word's last rendered
page break), in reading order:

- Word's checkbox content controls (``w14:checkbox``) and legacy checkbox form fields
  (``FORMCHECKBOX``) become ``☑``/``□`` from their checked state, not from the glyph
  their content happens to hold;
- symbol characters (``w:sym``: Wingdings, Wingdings 2) become the Unicode glyph they show
  (``☑ ☒ □ ■ ✓``); a typed ``☑/□/☒/■/✓/√`` stays as typed;
- an underlined fill-in with nothing typed on it (a run of underlined spaces) becomes
  ``____``, as a printed blank; a value typed on an underline keeps its text;
- a content control still showing its placeholder ("单击此处输入文字") is a blank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from shenbao.ingest.document import EMPTY, TICKED

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
BLANK = "____"
SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr"), qn("w:txbxContent"), MC_FALLBACK}
SKIPPED |= {qn("w:instrText"), qn("w:delText"), qn("w:fldData"), qn("w:footnoteReference")}
SPACES = " \t\u3000\u00a0"

# w:sym characters of the symbol fonts Word's 插入符号 offers for boxes and ticks
SYMBOLS: dict[str, dict[int, str]] = {
    "wingdings": {0xFE: "☑", 0xFD: "☒", 0xFC: "✓", 0xA8: "□", 0x6F: "□", 0x71: "□", 0x72: "□", 0x6E: "■", 0x78: "☒"},
    "wingdings 2": {0x52: "☑", 0x54: "☒", 0x53: "☒", 0xA3: "□", 0x50: "✓", 0x81: "□", 0xA2: "□"},
}


@dataclass(frozen=True)
class Piece:
    """Shown text of one run (or a glyph), its size in points, and whether it is underlined."""

    text: str
    size: float
    underline: bool = False


@dataclass(frozen=True)
class Break:
    """``line`` (Shift+Enter), ``page`` (Ctrl+Enter) or ``rendered`` (where Word last broke the page)."""

    kind: str


Token = Piece | Break
SizeOf = Callable[[Any], float]  # a <w:r> element -> its font size in points


def paragraph_tokens(p: Any, size_of: SizeOf) -> list[Token]:
    """What the paragraph ``p`` (a ``<w:p>``) shows, with fill-ins and boxes resolved."""
    return _fill_ins(list(_walk(p, size_of, [False])))


def _walk(el: Any, size_of: SizeOf, in_field_code: list[bool]) -> Iterator[Token]:
    for child in el:
        tag = child.tag
        if tag in SKIPPED:
            continue
        if tag == qn("w:r"):
            yield from _run(child, size_of, in_field_code)
        elif tag == qn("w:sdt"):
            yield from _content_control(child, size_of, in_field_code)
        else:  # hyperlinks, insertions, smart tags, custom XML, simple fields: their runs
            yield from _walk(child, size_of, in_field_code)


def _content_control(sdt: Any, size_of: SizeOf, in_field_code: list[bool]) -> Iterator[Token]:
    props = sdt.find(qn("w:sdtPr"))
    content = sdt.find(qn("w:sdtContent"))
    runs = content.findall(".//" + qn("w:r")) if content is not None else []
    size = size_of(runs[0]) if runs else 10.5
    box = props.find(f"{{{W14}}}checkbox") if props is not None else None
    if box is not None:
        checked = box.find(f"{{{W14}}}checked")
        ticked = checked is not None and checked.get(f"{{{W14}}}val") in ("1", "true")
        yield Piece(TICKED if ticked else EMPTY, size)
    elif props is not None and props.find(qn("w:showingPlcHdr")) is not None:
        yield Piece(BLANK, size)
    elif content is not None:
        yield from _walk(content, size_of, in_field_code)


def _run(r: Any, size_of: SizeOf, in_field_code: list[bool]) -> Iterator[Token]:
    props = r.find(qn("w:rPr"))
    if props is not None and _on(props.find(qn("w:vanish"))):
        return
    size = size_of(r)
    underline = props is not None and _underlined(props.find(qn("w:u")))
    for child in r:
        tag = child.tag
        if tag == qn("w:fldChar"):
            kind = child.get(qn("w:fldCharType"))
            box = _form_checkbox(child) if kind == "begin" else None
            if box is not None:
                yield Piece(box, size)
            in_field_code[0] = kind == "begin"  # the code runs until "separate" (then its result)
        elif in_field_code[0]:
            continue
        elif tag == qn("w:t"):
            yield Piece(child.text or "", size, underline)
        elif tag in (qn("w:tab"), qn("w:ptab")):
            yield Piece("\t", size, underline)
        elif tag == qn("w:br"):
            kind = child.get(qn("w:type"))
            if kind == "page":
                yield Break("page")
            elif kind != "column":
                yield Break("line")
        elif tag == qn("w:cr"):
            yield Break("line")
        elif tag == qn("w:lastRenderedPageBreak"):
            yield Break("rendered")
        elif tag == qn("w:sym"):
            glyph = symbol_glyph(child.get(qn("w:font")) or "", child.get(qn("w:char")) or "")
            if glyph:
                yield Piece(glyph, size)
        elif tag == qn("w:noBreakHyphen"):
            yield Piece("-", size, underline)


def _on(flag: Any) -> bool:
    return flag is not None and flag.get(qn("w:val")) not in ("0", "false", "off")


def _underlined(u: Any) -> bool:
    return u is not None and u.get(qn("w:val")) not in (None, "none")


def _form_checkbox(fld_char: Any) -> str | None:
    """``☑``/``□`` of a legacy checkbox form field (``FORMCHECKBOX``), else None."""
    box = fld_char.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
    if box is None:
        return None
    state = box.find(qn("w:checked"))
    if state is None:
        state = box.find(qn("w:default"))
    return TICKED if _on(state) else EMPTY


def symbol_glyph(font: str, char: str) -> str:
    """The glyph a ``w:sym`` shows: a symbol font's box or tick, else the character itself."""
    try:
        code = int(char, 16)
    except ValueError:
        return ""
    table = SYMBOLS.get(font.strip().lower())
    if table is not None:
        return table.get(code & 0xFF if code >= 0xF000 else code, "")
    return chr(code) if code < 0xE000 or code > 0xF8FF else ""


def _fill_ins(tokens: list[Token]) -> list[Token]:
    """An underlined stretch with only spaces on it is an empty fill-in: ``____``."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not (isinstance(token, Piece) and token.underline):
            out.append(token)
            i += 1
            continue
        j = i
        while j < len(tokens) and isinstance(tokens[j], Piece) and tokens[j].underline:  # type: ignore[union-attr]
            j += 1
        stretch = [t for t in tokens[i:j] if isinstance(t, Piece)]
        text = "".join(t.text for t in stretch)
        if text and not text.strip(SPACES):
            out += [Piece(" ", token.size), Piece(BLANK, token.size), Piece(" ", token.size)]
        else:
            out += stretch
        i = j
    return out


def text_boxes(p: Any) -> list[Any]:
    """The paragraphs of the text boxes anchored in ``p`` (each box once: not its fallback copy)."""
    out = []
    for box in p.iter(qn("w:txbxContent")):
        ancestor = box.getparent()
        fallback = False
        while ancestor is not None and ancestor is not p:
            if ancestor.tag == MC_FALLBACK:
                fallback = True
                break
            ancestor = ancestor.getparent()
        if not fallback:
            out.extend(box.iter(qn("w:p")))
    return out
