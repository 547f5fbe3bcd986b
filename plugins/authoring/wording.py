"""Wording of blank forms: blanks, units, checkboxes, headings, and type guesses.

Everything here is a small pure function on printed text, so the drafter's decisions can
be tested line by line.
"""

from __future__ import annotations

import re
import unicodedata

BLANK = re.compile(r"[_＿]{2,}")
# "年 月 日" printed for a date to be written in (no digits before 年)
DATE_BLANK = re.compile(r"(?<![\d０-９])年\s*月\s*日")
PERIOD_BLANK = re.compile(r"(?<![\d０-９])年\s*月\s*(?:至|到|—|-|~)\s*年\s*月")
BOX = "□"
UNITS = (
    "台/套",
    "台套",
    "人月",
    "万元",
    "亿元",
    "元",
    "分钟",
    "TB",
    "GB",
    "%",
    "％",
    "个",
    "台",
    "套",
    "种",
    "人",
    "家",
    "项",
    "条",
    "次",
    "份",
    "笔",
    "年",
    "天",
    "小时",
)
INTEGER_UNITS = {"台/套", "台套", "个", "台", "套", "种", "人", "家", "项", "条", "次", "份", "笔"}
DECIMAL_UNITS = {"人月", "TB", "GB", "分钟", "小时", "天"}
UNIT_CELL = re.compile(r"^\s*[（(]?\s*(" + "|".join(re.escape(u) for u in UNITS) + r")\s*[）)]?\s*$")
UNIT_AFTER = re.compile(r"^\s*(" + "|".join(re.escape(u) for u in UNITS) + r")")
LABEL_UNIT = re.compile(r"[（(]\s*(" + "|".join(re.escape(u) for u in UNITS) + r")\s*[）)]")
CJK = "\u4e00-\u9fff\u3400-\u4dbf（）：、，；"
CJK_GAP = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
SIGNATURE = re.compile(r"签字|签章|签名|盖章|公章")
GUIDANCE = re.compile(r"^(包含|包括|具体|介绍|提供|指|列举|围绕|每类|限|如|数据均|请|简要|主要|例如|含)")
STAR = re.compile(r"[*＊]")

CN_NUM = "一二三四五六七八九十"
HEADING_LEVELS = (
    (1, re.compile(rf"^[{CN_NUM}]+、")),
    (2, re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (2, re.compile(r"^[（(]\d+[）)]")),
    (4, re.compile(r"^\d+\.\d+(?!\d)")),
    (3, re.compile(r"^\d+[.．](?!\d)")),
)
PLAIN_HEADINGS = ("真实性承诺", "填报说明", "目录", "承诺书", "诚信承诺", "申报单位承诺", "推荐意见")
ATTACHMENT_LIST = re.compile(r"材料清单|证明材料|附件清单|附件材料|申报材料目录|材料目录|^目录$")
LIST_ITEM = re.compile(rf"^\s*(附件\s*\d+\s*[：:]?|\d+\s*[、.．]|[（(]\d+[）)]|[{CN_NUM}]+、)")
ENUMERATION = re.compile(
    rf"^\s*(附件\s*\d+\s*[：:]?|\d+(\.\d+)+\s*|\d+\s*[、.．]\s*|\d+\s+(?!年)"
    rf"|[（(][{CN_NUM}\d]+[）)]|[{CN_NUM}]+、)"
)


def squash(text: str) -> str:
    """Collapse whitespace; drop it between CJK characters ("联 系 人" → "联系人")."""
    text = " ".join(text.split())
    return CJK_GAP.sub("", text)


def strip_colon(text: str) -> str:
    return text.strip().rstrip("：:").strip()


def paren_depth(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth


def outside_parens(text: str) -> str:
    out, depth = [], 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def split_guidance(label: str) -> tuple[str, str]:
    """``补充说明（包括…）`` → (``补充说明``, ``（包括…）``): a trailing parenthetical that
    guides the writer is not part of the label; one that names what is asked is kept."""
    match = re.search(r"[（(]([^（）()]*)[）)]\s*$", label)
    if not match or match.start() == 0:
        return label, ""
    inner = match.group(1)
    if GUIDANCE.match(inner) or len(inner) > 16:
        return label[: match.start()].rstrip(), match.group(0)
    return label, ""


def heading_level(text: str) -> int:
    """1-4 for a numbered heading (一、 （一） 1. 1.1), 1 for a known plain one, else 0."""
    text = text.strip()
    if squash(text).rstrip("：:") in PLAIN_HEADINGS:
        return 1
    core = outside_parens(text)
    if len(core) > 32 or re.search(r"[，。；;,]|[_＿]{2}|□", core) or core.rstrip().endswith("："):
        return 0
    for level, pattern in HEADING_LEVELS:
        if pattern.match(text):
            return level
    return 0


def tidy_heading(text: str) -> str:
    """The section name of a heading: whitespace folded, a space after ``1.1``, no trailing
    guidance in parentheses or colon."""
    text = squash(text)
    if paren_depth(text) > 0:  # "…（介绍平台依托…等" cut by a page break: drop the guidance
        text = text[: max(text.rfind("（"), text.rfind("("))].rstrip() or text
    text = re.sub(r"^(\d+\.\d+)\s*", r"\1 ", text)
    text = re.sub(r"^(\d+)[.．]\s*(?=\D)", r"\1. ", text)
    while True:
        short, guidance = split_guidance(strip_colon(text))
        if not guidance:
            return strip_colon(text)
        text = short


def is_required(text: str) -> bool:
    return bool(STAR.search(text))


def unstar(text: str) -> str:
    return STAR.sub("", text).strip()


def normalize_label(text: str) -> str:
    """The comparison form of a label: enumeration, whitespace, punctuation and blanks
    removed, NFKC (used to match drafted labels against a catalog)."""

    text = unicodedata.normalize("NFKC", text)
    text = ENUMERATION.sub("", text.strip(), count=1)
    return "".join(ch for ch in text if ch.isalnum() or ch in "%/")


def guess_type(
    label: str, unit: str = "", *, options: tuple[str, ...] = (), date: bool = False, prose: bool = False
) -> str:
    """The contract type a label most likely asks for (a person refines it)."""
    if options:
        if set(options) <= {"是", "否"}:
            return "bool"
        if re.search(r"多选|可多", label):
            return "multichoice"
        single = re.search(r"所属|类别|类型|方式|性质", label)
        many = len(options) >= 8 or re.search(r"场景|行业|领域|技术|条件", label)
        return "multichoice" if many and not single else "choice"
    if date:
        return "date"
    unit = unit or _label_unit(label)
    if unit in ("万元", "亿元", "元"):
        return "money_wan"
    if unit in ("%", "％") or label.endswith("率"):
        return "percent"
    if unit in INTEGER_UNITS:
        return "integer"
    if unit in DECIMAL_UNITS:
        return "decimal"
    plain = outside_parens(label)
    if re.search(r"电话|手机|传真|联系方式|移动电话", plain):
        return "phone"
    if re.search(r"邮箱|e-?mail|电子邮件", plain, re.I):
        return "email"
    if re.search(r"信用代码|组织机构代码", plain):
        return "org_code"
    if re.search(r"日期|时间", plain) and "时长" not in plain:
        return "date"
    if prose or re.search(r"简介|介绍|说明|情况|方案|计划|分析|必要性|能力|成效|内容", plain):
        return "longtext"
    if re.search(r"数量|数$|总数|人数|金额|投资|收入|资产|利润|税金", plain):
        return "money_wan" if re.search(r"金额|投资|收入|资产|利润|税金", plain) else "integer"
    return "text"


def _label_unit(label: str) -> str:
    match = LABEL_UNIT.search(label)
    return match.group(1) if match else ""


def unit_of(label: str) -> str:
    return _label_unit(label)
