"""How much of a known field map a draft recovers (``shenbao notice draft --compare``).

A catalog label counts as *recovered* when a drafted field, used at most once, has a label
(its ``label``, any of its ``labels``, or ``label`` + ``column`` for a grid cell) that equals
it after normalization — NFKC, leading enumeration (``1、`` ``（一）`` ``附件1：`` ``3.5``),
whitespace, punctuation and blanks removed — or is at least ``THRESHOLD`` similar by
rapidfuzz ``ratio`` on those normalized forms. Composite catalog labels such as
``总资产（万元） 2021年`` (row × column) or ``真实性承诺 年 月 日`` (where × date blank) are
compared whole, because the drafter composes its labels the same way. Matching is one to one,
best pairs first, so one drafted ``平台名称`` cannot recover three catalog fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from shenbao.plugins.authoring.wording import normalize_label

THRESHOLD = 90.0


@dataclass(frozen=True)
class Recall:
    found: int
    total: int
    missing: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0


def score(expected: str, candidates: Iterable[str]) -> float:
    want = normalize_label(expected)
    best = 0.0
    for candidate in candidates:
        have = normalize_label(candidate)
        if not have:
            continue
        best = max(best, 100.0 if have == want else ratio(want, have))
    return best


def recall(expected: Sequence[str], drafted: Sequence[Sequence[str]]) -> Recall:
    """Recall of ``expected`` labels by ``drafted`` (each a tuple of printed labels)."""
    pairs = []
    for i, label in enumerate(expected):
        for j, candidates in enumerate(drafted):
            s = score(label, candidates)
            if s >= THRESHOLD:
                # best score first; among equals, the pair closest in form order
                distance = abs(i / max(len(expected), 1) - j / max(len(drafted), 1))
                pairs.append((-s, distance, i, j))
    used_e: set[int] = set()
    used_d: set[int] = set()
    for _, _, i, j in sorted(pairs):
        if i not in used_e and j not in used_d:
            used_e.add(i)
            used_d.add(j)
    missing = tuple(label for i, label in enumerate(expected) if i not in used_e)
    return Recall(len(used_e), len(expected), missing)


def field_candidates(label: str, labels: Sequence[str] = (), column: str = "") -> tuple[str, ...]:
    out = [label, *labels]
    if column and not label.endswith(column):
        out.append(f"{label} {column}")
    return tuple(out)
