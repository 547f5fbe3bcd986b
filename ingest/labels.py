"""Finding printed labels in text: exact first, then fuzzy (rapidfuzz, jieba tokens).

Text is compared in :func:`shenbao.core.text.norm` form (no whitespace, NFKC, full-width
brackets). :class:`NormText` keeps, for every compared character, where it came from, so
a match maps back to lines and boxes.
"""

from __future__ import annotations

import marshal
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from shenbao.core.text import core, norm
from shenbao.ingest import wordcounts
from shenbao.ingest.document import BOX_CHARS, BBox, Line

UNIT_TAIL_RE = re.compile(r"^(?:[（(][^）)，,、]{0,8}[）)])?[：:]?$")  # "（万元）", "（个）："
AFTER_OPTION_RE = re.compile(rf"[{re.escape(BOX_CHARS)}][^{re.escape(BOX_CHARS)}\n：:，,；;。]{{1,8}}$")
BOUNDARY_CHARS = set("：:，,；;。、（）() \n“”\"'0123456789" + BOX_CHARS)


@dataclass
class NormText:
    """Compare-form text of some lines, with each character's (line, offset) origin."""

    text: str
    origin: list[tuple[int, int]]
    lines: list[Line]
    spaced: frozenset[int] = frozenset()  # offsets that had white space before them

    @classmethod
    def of(cls, lines: list[Line], *, line_breaks: bool = True) -> NormText:
        chars: list[str] = []
        origin: list[tuple[int, int]] = []
        spaced: set[int] = set()
        for li, line in enumerate(lines):
            for ci, ch in enumerate(line.text):
                folded = norm(ch)
                if ci > 0 and folded and line.text[ci - 1].isspace():
                    spaced.add(len(chars))
                for f in folded:
                    chars.append(f)
                    origin.append((li, ci))
            if line_breaks and li + 1 < len(lines):  # keep line ends: values never run past them silently
                chars.append("\n")
                origin.append((li, len(line.text)))
        return cls("".join(chars), origin, lines, frozenset(spaced))

    def at_boundary(self, pos: int) -> bool:
        """A label may start here: text start, after punctuation, a box, a digit or a space,
        or right after a ticked/empty option's label ("☑租用服务商…": scans drop the space)."""
        if pos == 0 or pos in self.spaced or self.text[pos - 1] in BOUNDARY_CHARS:
            return True
        return bool(AFTER_OPTION_RE.search(self.text, max(0, pos - 9), pos))

    def raw(self, start: int, end: int) -> str:
        """The original text (with its spaces) between two compare-form offsets."""
        if end <= start:
            return ""
        (l0, c0), (l1, c1) = self.origin[start], self.origin[end - 1]
        if l0 == l1:
            return self.lines[l0].text[c0 : c1 + 1]
        parts = [self.lines[l0].text[c0:]]
        parts += [self.lines[i].text for i in range(l0 + 1, l1)]
        parts.append(self.lines[l1].text[: c1 + 1])
        return "\n".join(parts)

    def bbox(self, start: int, end: int) -> BBox:
        """Union of the boxes of the characters between two offsets."""
        boxes = []
        spans: dict[int, list[int]] = {}
        for li, ci in self.origin[start:end]:
            spans.setdefault(li, []).append(ci)
        for li, cis in spans.items():
            line = self.lines[li]
            boxes.append(line.sub_bbox(min(cis), min(max(cis) + 1, len(line.text))))
        if not boxes:
            return self.lines[0].bbox if self.lines else (0.0, 0.0, 0.0, 0.0)
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))

    def confidence(self, start: int, end: int) -> float:
        used = {li for li, _ in self.origin[start:end]}
        return min((self.lines[li].confidence for li in used), default=1.0)

    def line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end


@lru_cache(maxsize=65536)
def label_score(text: str, label: str) -> float:
    """How well a whole piece of text (a label cell) reads as ``label``, 0-100."""
    a, b = norm(text).rstrip("：*"), norm(label).rstrip("：*")
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if len(core(label)) >= 3 and core(text) == core(label):
        return 99.0  # the same label, numbered differently ("13 工业APP数" / "工业APP数")
    if a.startswith(b) and UNIT_TAIL_RE.match(a[len(b) :]):
        return 98.0
    if a.startswith(b) and len(b) >= 3 and len(a) - len(b) <= 2 and not re.search(r"[\u4e00-\u9fff]", a[len(b) :]):
        return 92.0  # a stray mark or two after the label (a scan's speck, a seal's edge)
    if b.startswith(a) and UNIT_TAIL_RE.match(b[len(a) :]):
        return 97.0
    score = fuzz.ratio(a, b)
    if score < 85 and min(len(a), len(b)) >= 4:
        score = max(score, token_score(a, b) - 8)
    return float(score)


def load_tokenizer() -> None:
    """Import and initialize jieba: its HMM tables and its prefix dictionary (~500 000 words).

    The pipeline calls this while pages are read (another process reads text pages, other
    threads OCR), so matching does not wait for it. The import is here rather than at the top
    so that a process which never matches (``shenbao --help``, the web app's start) never pays.
    """
    import jieba

    jieba.setLogLevel(60)
    load_prefix_dictionary(jieba.dt, Path(tempfile.gettempdir()) / "jieba.cache")


def load_prefix_dictionary(tokenizer: Any, cache: Path) -> None:
    """Fill a jieba ``Tokenizer`` with its default dictionary from jieba's own cache file.

    ``jieba.initialize()`` unmarshals that 9 MB file straight from the file object: 0.6 s in
    one call that holds the GIL, so the page threads stood still meanwhile. The same bytes
    read first and unmarshalled from memory take 0.2 s and give the same dictionary, and the
    word counts saved beside it (:mod:`shenbao.ingest.wordcounts`) load in milliseconds, each
    first character's words as they are first looked up. A tokenizer set up otherwise (its own
    dictionary or cache), or a missing or broken cache, is left to ``initialize()``, which
    builds and writes the cache as ever.
    """
    if tokenizer.initialized:
        return
    if tokenizer.dictionary is None and tokenizer.cache_file is None and tokenizer.tmp_dir is None:
        with tokenizer.lock:
            counts = _cached_counts(cache)
            if counts is not None:
                tokenizer.FREQ, tokenizer.total = counts
                tokenizer.initialized = True
    tokenizer.initialize()


def _cached_counts(cache: Path) -> wordcounts.Counts | None:
    """jieba's word counts: from the stepwise copy when it is jieba's cache's, else from that
    cache (and then the copy is written for the next process); None when there is no cache."""
    stamp = wordcounts.stamp(cache)
    if stamp is None:
        return None
    beside = wordcounts.path_beside(cache)
    counts = wordcounts.load(beside, stamp)
    if counts is not None:
        return counts
    try:
        freq, total = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(freq, dict):
        return None
    wordcounts.save(beside, (freq, total), stamp)
    return freq, total


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    import jieba  # loaded by load_tokenizer, or here on first use

    jieba.setLogLevel(60)
    return tuple(t for t in jieba.lcut(text) if t.strip() and t not in "（）()：:，,、")


def token_score(a: str, b: str) -> float:
    """Word-level similarity (jieba tokens), robust to an inserted or dropped word."""
    return float(fuzz.token_sort_ratio(" ".join(_tokens(a)), " ".join(_tokens(b))))


def find_label(hay: NormText, label: str, *, fuzzy: bool) -> list[tuple[int, int, float]]:
    """Occurrences of ``label`` in ``hay``: (start, end, score). A match must start at a
    boundary (line start, punctuation, box, digit) so 工业企业数 is not found in 付费工业企业数."""
    needle = norm(label).rstrip("：")
    if not needle:
        return []
    out = []
    start = hay.text.find(needle)
    while start >= 0:
        if hay.at_boundary(start):
            out.append((start, start + len(needle), 100.0))
        start = hay.text.find(needle, start + 1)
    if out or not fuzzy or len(needle) < 4:
        return out
    alignment = fuzz.partial_ratio_alignment(needle, hay.text, score_cutoff=88)
    if alignment is None:
        return []
    s, e = alignment.dest_start, alignment.dest_end
    if hay.at_boundary(s):
        return [(s, e, float(alignment.score) - 4)]
    return []


PROMPT_RE = re.compile(r"^[（(](?:限\d+字|\d+字以内|[^）)]{0,40}(?:请注明|如有|选填))[)）]$")


def is_prompt(text: str, prompts: tuple[str, ...] = ()) -> bool:
    """Printed guidance, not an answer: "（限1000字）", or one of the field's own ``prompts``."""
    t = norm(text)
    if PROMPT_RE.match(t):
        return True
    return any(norm(p) == t or (len(norm(p)) > 8 and norm(p) in t and len(t) - len(norm(p)) < 3) for p in prompts)
