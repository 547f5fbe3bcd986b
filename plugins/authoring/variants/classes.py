"""The variation classes of issue 10 and the per-document layout knobs they switch on.

Each document draws its classes (seeded): a class is a way real applicants depart from the
template. The list of a document's classes is written to its ``meta.json`` so every miss can
be tied to the classes of its document. A notice's filler says which classes it supports
(``partial_jianbiao`` only makes sense for a 简表 with category blocks).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from shenbao.plugins.authoring.variants.values import Values

#: every class, in the order of the issue
CLASSES: tuple[str, ...] = (
    "merged_cells",  # label and value in one cell ("企业名称：XX有限公司"), label cells removed
    "reworded_labels",  # 联系人姓名 / 电子邮箱 / 统一社会信用代码 … instead of the template's label
    "shuffled_rows",  # rows shuffled within a table; other column widths and margins
    "unboxed_sections",  # a boxed one-column section printed as heading + paragraphs
    "partial_jianbiao",  # only the applicant's own category block of a 简表
    "fullwidth_digits",  # ６５７４．６４, 029－85100466
    "money_units",  # 万元 amounts in 元 or 亿元; counts as 13.5亿 / 660万
    "date_forms",  # 2022/03/18, 2022年03月18日, 2016－10－01, 二〇二二年三月十一日
    "tick_glyphs",  # ■/□, √/□, ☒/☐, ☑/☐
    "fonts",  # other body fonts; values in handwriting-like fonts
)
#: classes every filler supports (the rest must be declared by the filler)
GENERIC: frozenset[str] = frozenset(CLASSES) - {"partial_jianbiao"}
CLASS_RATE = 0.5  # chance that a supported class is switched on for a document

TICKS_PLAIN = (("☑", "□"),)
TICKS_WILD = (("■", "□"), ("√", "□"), ("☒", "☐"), ("☑", "☐"), ("☒", "□"))
BODY_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "AR PL UKai CN")
HAND_FONTS = ("LXGW WenKai", "AR PL UKai CN")


def draw_classes(v: Values, supported: frozenset[str]) -> frozenset[str]:
    """The classes of one document: each supported class with :data:`CLASS_RATE`."""
    return frozenset(c for c in CLASSES if c in supported and v.chance(CLASS_RATE))


@dataclass
class Knobs:
    """Per-document layout/format choices (recorded in the meta file)."""

    tick: str = "☑"  # glyph that replaces the box of a ticked option
    box: str = "□"  # glyph of an unticked option
    blank_pad: str = " "  # padding around a value written into a ____ blank
    value_delta: float = 0.0  # filled values are this many points larger/smaller than the form text
    margin_cm: float | None = None  # left/right page margin override
    label_colon: bool = False  # label cells get a trailing "："
    attach_break: bool = True  # each attachment starts on a new page
    optional_blank: float = 0.15  # share of optional fields left blank
    required_blank: float = 0.03  # share of required fields left blank (gives missing_field findings)
    blank_style: str = "replace"  # ____ blanks: "replace", keep a "tail" of ____, or "underline" the value
    col_scale: float | None = None  # label-column width factor for 2/4-column label|value tables
    tick_space: bool = False  # a space between the tick glyph and its option ("☑ 自建")
    extra_rows: bool = False  # applicant added rows to list tables (honours, budget lines)
    body_font: str = ""  # class fonts: the body font of the whole document
    value_font: str = ""  # class fonts: the font of the filled-in values

    @staticmethod
    def random(v: Values, classes: frozenset[str]) -> Knobs:
        k = Knobs()
        k.tick, k.box = v.pick(TICKS_WILD if "tick_glyphs" in classes else TICKS_PLAIN)
        k.blank_pad = v.pick([" ", " ", "", "  "])
        k.value_delta = v.pick([0.0, 0.0, 0.0, -1.5, 1.5, -2.0])
        k.margin_cm = v.pick([None, 2.0, 2.8, 3.2]) if "shuffled_rows" in classes else None
        k.label_colon = v.chance(0.12)
        k.attach_break = v.chance(0.85)
        k.optional_blank = v.pick([0.05, 0.15, 0.3])
        k.required_blank = v.pick([0.0, 0.0, 0.02, 0.05])
        k.blank_style = v.pick(["replace"] * 6 + ["tail", "underline"])
        k.col_scale = v.pick([0.75, 0.85, 1.2, 1.3]) if "shuffled_rows" in classes else None
        k.tick_space = v.chance(0.12)
        k.extra_rows = v.chance(0.3)
        if "fonts" in classes:
            k.body_font = v.pick(BODY_FONTS)
            k.value_font = v.pick((*HAND_FONTS, ""))
        return k

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
