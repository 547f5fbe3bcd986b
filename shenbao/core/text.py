"""Text folding: the compare form every layer matches printed labels and headings in."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# (一), 二、, 1.2, 3、, 附件3：, 附件三、 (an annex numbered in words or with a 、 too)
NUMBERING_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}(?:\.\d{1,2})*(?![\d年月日])[、.．]?"
    r"|附件[\d一二三四五六七八九十]*[:：、.．]?)\s*"
)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def fold_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Compare form: NFKC, no whitespace, no ``*`` marks, ASCII brackets as full-width."""
    text = fold_spaces(nfkc(text)).replace("*", "").replace("＊", "")
    return text.replace("(", "（").replace(")", "）").replace(":", "：")


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """A heading or label without its numbering and trailing colon."""
    text = NUMBERING_RE.sub("", norm(text))
    return text.rstrip("：")


def page_ranges(numbers: list[int]) -> str:
    """Page numbers as a clerk reads them: [3, 4, 5, 9] -> "3-5、9"."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
