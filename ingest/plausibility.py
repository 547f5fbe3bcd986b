"""Is a typed value believable for its field? A factor in [0, 1] for its confidence.

A value can parse and still be wrong in ways a reader sees at once: a debt ratio of 28169.3 %,
a revenue of 23057170237872.28 万元 (two year-columns read as one number), "联合体申报：" as a
company name, or an amount a thousand times off the applicant's other amounts. Such values are
kept (a clerk may confirm them) but never auto-accepted.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shenbao.core.notice import FieldSpec
from shenbao.core.text import norm
from shenbao.ingest import confidence as C
from shenbao.ingest.candidates import Candidate
from shenbao.ingest.meaning import label_form

Typed = tuple[FieldSpec, Candidate, Any]


def first_amounts(typed: Sequence[Typed]) -> dict[str, float]:
    """Each 万元 field's first positive candidate value: the document's scale of amounts."""
    amounts: dict[str, float] = {}
    for spec, _, value in typed:
        if spec.type == "money_wan" and isinstance(value, (int, float)) and value > 0:
            amounts.setdefault(spec.key, float(value))
    return amounts


@dataclass(frozen=True)
class Plausibility:
    """What a document tells about its own values, gathered once per extraction."""

    labels: frozenset[str]  # every printed pair label
    amounts: dict[str, float]  # :func:`first_amounts`

    def factor(self, spec: FieldSpec, value: Any) -> float:
        """The product of every plausibility check that applies to ``value``."""
        if value is None:
            return 1.0
        factor = 1.0
        if spec.type == "percent" and isinstance(value, (int, float)) and value > 100:
            factor *= C.PLAUSIBLE_PERCENT_OVER_100
        if spec.type in ("money_wan", "decimal") and _int_digits(value) > C.MAX_AMOUNT_DIGITS:
            factor *= C.PLAUSIBLE_RUN_TOGETHER
        if spec.type == "integer" and _int_digits(value) > C.MAX_COUNT_DIGITS:
            factor *= C.PLAUSIBLE_RUN_TOGETHER
        as_label = _is_label(str(value), self.labels, long=spec.type == "longtext")
        if spec.type in ("text", "longtext") and (as_label or _names_itself(spec, value)):
            factor *= C.PLAUSIBLE_LABEL_AS_VALUE
        if spec.type == "money_wan" and self._off_by_magnitude(spec, value):
            factor *= C.PLAUSIBLE_MAGNITUDE
        if spec.type in ("text", "longtext") and _unbalanced(str(value)):
            factor *= C.PLAUSIBLE_UNBALANCED
        return factor

    def _off_by_magnitude(self, spec: FieldSpec, value: Any) -> bool:
        """A 万元 amount more than MAGNITUDE_RATIO away from the median of the document's
        other 万元 amounts, when there are enough of them to judge."""
        if not isinstance(value, (int, float)) or value <= 0:
            return False
        others = [v for key, v in self.amounts.items() if key != spec.key]
        if len(others) < 3:
            return False
        median = statistics.median(others)
        return value > median * C.MAGNITUDE_RATIO or value * C.MAGNITUDE_RATIO < median


def _int_digits(value: Any) -> int:
    if not isinstance(value, (int, float)):
        return 0
    return len(str(int(abs(value))))


def _is_label(text: str, labels: frozenset[str], *, long: bool = False) -> bool:
    """The value is a printed label itself: "联合体申报：", "上线时间:2021年10月14日". A long
    answer may open with a label of its own ("主要建设内容：（1）…"): it is one when what
    follows the colon is as short as a label's value."""
    folded = norm(text)
    if folded.endswith("："):
        return True
    head, _, rest = folded.partition("：")
    if long and len(rest) >= C.LONG_ANSWER:
        return False
    return "：" in folded and head in labels


_PAIRS = {"（": "）", "(": ")", "“": "”", "《": "》", "【": "】", "[": "]"}


def _unbalanced(text: str) -> bool:
    """An opening bracket or quote that is never closed: the value was cut short."""
    return any(text.count(opening) > text.count(closing) for opening, closing in _PAIRS.items())


def _names_itself(spec: FieldSpec, value: Any) -> bool:
    """The value is the field's own label or group label: "联系人" read from the cell beside
    the 联系人 group label, where the name belongs."""
    own = {label_form(label) for label in (*spec.all_labels, spec.parent, *spec.context) if label}
    return label_form(str(value)) in own
