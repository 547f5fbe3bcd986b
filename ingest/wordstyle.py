"""What a Word document's styles say about a run's size and a section's page.

Sizes decide the widths the layout (:mod:`shenbao.ingest.word`) gives characters; only as
much of Word's style cascade as that needs: a run's own size, its character style, its
paragraph's style (and the styles they are based on), the document default, 五号 (10.5 pt).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

DEFAULT_SIZE = 10.5  # 五号
TWIPS = 20.0  # twentieths of a point


@dataclass(frozen=True)
class PageGeometry:
    """A section's page and margins, in points."""

    width: float = 595.3  # A4
    height: float = 841.9
    left: float = 90.0
    right: float = 90.0
    top: float = 72.0
    bottom: float = 72.0

    @property
    def text_width(self) -> float:
        return max(self.width - self.left - self.right, 72.0)


def twips(el: Any, attr: str, default: float = 0.0) -> float:
    """An attribute in twips as points (``default`` when absent or not a number)."""
    if el is None:
        return default
    raw = el.get(qn(f"w:{attr}"))
    try:
        return float(raw) / TWIPS if raw is not None else default
    except ValueError:
        return default


def geometry(sect_pr: Any) -> PageGeometry:
    if sect_pr is None:
        return PageGeometry()
    size, margins = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    base = PageGeometry()
    return PageGeometry(
        width=twips(size, "w", base.width),
        height=twips(size, "h", base.height),
        left=twips(margins, "left", base.left),
        right=twips(margins, "right", base.right),
        top=twips(margins, "top", base.top),
        bottom=twips(margins, "bottom", base.bottom),
    )


class Styles:
    """Font sizes by style id, resolved along ``w:basedOn``."""

    def __init__(self, styles_el: Any | None) -> None:
        self._sizes: dict[str, float | None] = {}
        self._based: dict[str, str] = {}
        self.default_paragraph = ""
        self.default_size = DEFAULT_SIZE
        if styles_el is None:
            return
        default = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_size = _size(default) or DEFAULT_SIZE
        for style in styles_el.findall(qn("w:style")):
            sid = style.get(qn("w:styleId")) or ""
            based = style.find(qn("w:basedOn"))
            if based is not None:
                self._based[sid] = based.get(qn("w:val")) or ""
            self._sizes[sid] = _size(style.find(qn("w:rPr")))
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
                self.default_paragraph = sid

    def size(self, style_id: str) -> float | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            found = self._sizes.get(style_id)
            if found:
                return found
            style_id = self._based.get(style_id, "")
        return None

    def run_size(self, r: Any) -> float:
        """The size a run ``<w:r>`` prints at."""
        props = r.find(qn("w:rPr"))
        own = _size(props)
        if own:
            return own
        if props is not None:
            char_style = props.find(qn("w:rStyle"))
            found = self.size(char_style.get(qn("w:val")) or "") if char_style is not None else None
            if found:
                return found
        p = r.getparent()
        while p is not None and p.tag != qn("w:p"):
            p = p.getparent()
        return self.paragraph_size(p)

    def paragraph_size(self, p: Any) -> float:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if p is not None else None
        sid = (style.get(qn("w:val")) or "") if style is not None else self.default_paragraph
        return self.size(sid) or self.size(self.default_paragraph) or self.default_size


def _size(props: Any) -> float | None:
    if props is None:
        return None
    sz = props.find(qn("w:sz"))
    raw = sz.get(qn("w:val")) if sz is not None else None
    try:
        return float(raw) / 2 if raw else None
    except ValueError:
        return None
