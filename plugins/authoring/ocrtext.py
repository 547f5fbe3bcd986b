"""Put back what OCR drops from a scanned blank form: the ``____`` of fill-in blanks.

OCR reads the words of a blank form but not its underlines, so ``运行设备______台/套`` comes
back as ``运行设备 台/套`` and ``工业模型数量：______个`` as ``工业模型数量: 个``. A unit right
after a colon or after a gap marks a blank; a colon line whose unit OCR put on the line
before or after it is joined back. The text is also given full-width punctuation, which the
text layer of the same form has, so labels read alike from both.
"""

from __future__ import annotations

import re

from shenbao.plugins.authoring.wording import UNITS

BLANK_MARK = "______"
_UNIT = "(?:" + "|".join(re.escape(u) for u in UNITS) + ")"
_AFTER_UNIT = r"(?=[；;，,、。（(）)]|\s|$)"
# "数量: 个" / "数量：_个" / "数量:个"
COLON_UNIT = re.compile(rf"([：:])[\s_]*(?={_UNIT}{_AFTER_UNIT})")
# "运行设备 台/套；" / "占主营业务收入 %、 %" (a gap between a word and a unit)
GAP_UNIT = re.compile(rf"(?<=[\u4e00-\u9fffA-Za-z0-9）)、])(?:\s+_*\s*|\s*_+\s*)(?={_UNIT}{_AFTER_UNIT})")
ONLY_UNIT = re.compile(rf"^\s*_*\s*{_UNIT}\s*(?:[（(].*)?$")
FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "："})
CJK = re.compile(r"[\u4e00-\u9fff]")


def restore_blanks(text: str) -> str:
    """The text of one OCR'd paragraph or cell with its blanks marked again."""
    lines = [_full_width(line) for line in text.split("\n")]
    lines = _join_units(lines)
    return "\n".join(_mark(line) for line in lines)


def _full_width(line: str) -> str:
    return line.translate(FULL_WIDTH) if CJK.search(line) else line


def _mark(line: str) -> str:
    line = COLON_UNIT.sub(lambda m: m.group(1) + BLANK_MARK, line)
    return GAP_UNIT.sub(BLANK_MARK, line)


def _join_units(lines: list[str]) -> list[str]:
    """``基于…数量：`` + ``台/套（指…）`` → one line; also when OCR put the unit line first."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if (line.rstrip().endswith("：") and ONLY_UNIT.match(following)) or (
            line.rstrip().endswith("：") and re.match(rf"^\s*{_UNIT}{_AFTER_UNIT}", following)
        ):
            out.append(line.rstrip() + following.strip())
            i += 2
            continue
        if ONLY_UNIT.match(line) and following.rstrip().endswith("："):
            out.append(following.rstrip() + line.strip())
            i += 2
            continue
        out.append(line)
        i += 1
    return out
