"""Word's own form furniture in a generated .docx: what applicants' Word files hold that the
typed-glyph variants do not.

- ticks and boxes as **checkbox content controls** (``w14:checkbox``, 开发工具 → 复选框),
  as **symbols** (``w:sym`` in Wingdings, 插入 → 符号) or as legacy **checkbox form fields**
  (``FORMCHECKBOX``), instead of typed ☑/□;
- blanks (``____``) left empty as **underlined spaces**, the way a Word template draws them;
- ``w:lastRenderedPageBreak`` after every page break, as Word writes on saving.

The values and their truth do not change: a ticked box stays ticked. Used by the .docx
golden tests and ``bench/variants.py --word-forms``.
"""

from __future__ import annotations

import copy
import random
import re
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from shenbao.ingest.document import EMPTY_CHARS, TICK_CHARS

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
STYLES = ("control", "symbol", "field")
GLYPH_RE = re.compile(f"[{re.escape(TICK_CHARS + EMPTY_CHARS)}]")
BLANK_RE = re.compile(r"_{4,}")


def word_forms(d: Document, rng: random.Random, style: str | None = None) -> str:
    """Rewrite ``d`` in place; returns the checkbox style used (``style`` or a random one)."""
    chosen = style or rng.choice(STYLES)
    body = d.element.body
    for r in list(body.iter(qn("w:r"))):
        if any(child.tag not in (qn("w:rPr"), qn("w:t")) for child in r):
            continue  # a run with tabs or breaks: left as typed
        text = "".join(t.text or "" for t in r.findall(qn("w:t")))
        if GLYPH_RE.search(text):
            _split_run(r, text, chosen, lambda m, run=r: _checkbox(run, m, chosen))
        elif BLANK_RE.search(text):
            _split_run(r, text, "blank", lambda m, run=r: [_underlined(run, " " * len(m))])
    for br in list(body.iter(qn("w:br"))):
        if br.get(qn("w:type")) == "page":
            _rendered_break_after(br)
    return chosen


def _split_run(r: Any, text: str, kind: str, make: Any) -> None:
    """Replace run ``r`` by runs of its text with each match made by ``make``."""
    pattern = GLYPH_RE if kind != "blank" else BLANK_RE
    parent = r.getparent()
    at = parent.index(r)
    pieces: list[Any] = []
    last = 0
    for m in pattern.finditer(text):
        if m.start() > last:
            pieces.append(_text_run(r, text[last : m.start()]))
        pieces += make(m.group(0))
        last = m.end()
    if last < len(text):
        pieces.append(_text_run(r, text[last:]))
    parent.remove(r)
    for i, piece in enumerate(pieces):
        parent.insert(at + i, piece)


def _like(r: Any) -> Any:
    new = OxmlElement("w:r")
    props = r.find(qn("w:rPr"))
    if props is not None:
        new.append(copy.deepcopy(props))
    return new


def _text_run(r: Any, text: str) -> Any:
    new = _like(r)
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    new.append(t)
    return new


def _underlined(r: Any, text: str) -> Any:
    new = _text_run(r, text)
    props = new.find(qn("w:rPr"))
    if props is None:
        props = OxmlElement("w:rPr")
        new.insert(0, props)
    for old in props.findall(qn("w:u")):
        props.remove(old)
    u = OxmlElement("w:u")
    u.set(qn("w:val"), "single")
    props.append(u)
    return new


def _checkbox(r: Any, glyph: str, style: str) -> list[Any]:
    ticked = glyph in TICK_CHARS
    if style == "symbol":
        run = _like(r)
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), "Wingdings")
        sym.set(qn("w:char"), "F0FE" if ticked else "F0A8")
        run.append(sym)
        return [run]
    if style == "field":
        return _form_field(r, ticked)
    return [_control(r, ticked)]


def _control(r: Any, ticked: bool) -> Any:
    sdt = OxmlElement("w:sdt")
    props = _sub(sdt, qn("w:sdtPr"))
    box = _sub(props, f"{{{W14}}}checkbox")
    _sub(box, f"{{{W14}}}checked").set(f"{{{W14}}}val", "1" if ticked else "0")
    for name, code in (("checkedState", "2612"), ("uncheckedState", "2610")):
        state = _sub(box, f"{{{W14}}}{name}")
        state.set(f"{{{W14}}}val", code)
        state.set(f"{{{W14}}}font", "MS Gothic")
    content = _sub(sdt, qn("w:sdtContent"))
    content.append(_text_run(r, "☒" if ticked else "☐"))
    return sdt


def _form_field(r: Any, ticked: bool) -> list[Any]:
    begin = _like(r)
    fld = _sub(begin, qn("w:fldChar"))
    fld.set(qn("w:fldCharType"), "begin")
    data = _sub(fld, qn("w:ffData"))
    _sub(data, qn("w:name")).set(qn("w:val"), "Check")
    _sub(data, qn("w:enabled"))
    box = _sub(data, qn("w:checkBox"))
    _sub(box, qn("w:sizeAuto"))
    _sub(box, qn("w:default")).set(qn("w:val"), "1" if ticked else "0")
    code = _like(r)
    instr = _sub(code, qn("w:instrText"))
    instr.text = " FORMCHECKBOX "
    end = _like(r)
    _sub(end, qn("w:fldChar")).set(qn("w:fldCharType"), "end")
    return [begin, code, end]


def _sub(parent: Any, tag: str) -> Any:
    child = parent.makeelement(tag, {})
    parent.append(child)
    return child


def _rendered_break_after(br: Any) -> None:
    """Word's mark of where the page began: right after a page break with text after it in
    its paragraph, else at the start of the next paragraph."""
    run = br.getparent()
    p = run.getparent() if run is not None else None
    if run is None or p is None or p.tag != qn("w:p"):
        return
    mark = OxmlElement("w:r")
    mark.append(OxmlElement("w:lastRenderedPageBreak"))
    later = [r for r in run.itersiblings() if r.tag == qn("w:r")]
    if any((t.text or "").strip() for r in later for t in r.iter(qn("w:t"))):
        run.addnext(mark)
        return
    nxt = p.getnext()
    if nxt is not None and nxt.tag == qn("w:p"):
        nxt.insert(1 if nxt.find(qn("w:pPr")) is not None else 0, mark)
