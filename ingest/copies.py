"""The electronic copy and the paper copy of one submission must agree.

A bureau often receives both: the applicant's Word file on the disc (the values) and the
scan of the signed, sealed paper copy (the evidence). Each is extracted on its own; where
both print a value for a field and the values differ, the finding ``copy_mismatch`` says
so (电子版与纸质版不一致). The comparison is the scorer's reading of "the same value":
numbers equal, text equal after NFKC without white space, a long answer at 90 % similarity,
a multichoice as a set.

A scan misreads now and then, so a paper value is compared only when its reading is sure
enough (:data:`PAPER_MIN_CONFIDENCE`); a field the paper copy does not show (or shows
unreadably) is no finding: the other copy's value stands.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

from shenbao.core.findings import Finding
from shenbao.core.notice import Notice

COPY_CODE = "copy_mismatch"
PAPER_MIN_CONFIDENCE = 0.6
LONGTEXT_SIMILAR = 90.0
NUMBER_TYPES = ("integer", "decimal", "money_wan", "percent")
ROLES = {"electronic": "电子版", "paper": "纸质版"}


def reliable_values(
    fields: Mapping[str, Mapping[str, Any]], min_confidence: float = PAPER_MIN_CONFIDENCE
) -> dict[str, Any]:
    """Field key → value of a copy's contract ``fields`` that read sure enough to compare."""
    return {
        key: data["value"]
        for key, data in fields.items()
        if data.get("value") not in (None, "", []) and float(data.get("confidence") or 0.0) >= min_confidence
    }


def _fold(value: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def same_value(ftype: str, a: Any, b: Any) -> bool:
    if ftype in NUMBER_TYPES:
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-6)
        except (TypeError, ValueError):
            return False
    if ftype == "multichoice":
        left = a if isinstance(a, list) else [a]
        right = b if isinstance(b, list) else [b]
        return {_fold(v) for v in left} == {_fold(v) for v in right}
    if ftype == "bool":
        return bool(a) is bool(b)
    if ftype == "longtext":
        return fuzz.ratio(_fold(a), _fold(b)) >= LONGTEXT_SIMILAR
    if ftype == "email":
        return _fold(a).lower() == _fold(b).lower()
    return _fold(a) == _fold(b)


def shown(value: Any, limit: int = 40) -> str:
    text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
    if isinstance(value, bool):
        text = "是" if value else "否"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def copy_mismatches(
    notice: Notice, fields: Mapping[str, Any], other: Mapping[str, Any], other_role: str
) -> list[Finding]:
    """A ``copy_mismatch`` finding per field both copies print differently. ``fields`` are
    the submission's values, ``other`` the other copy's (``other_role``: paper | electronic)."""
    mine = ROLES["electronic" if other_role == "paper" else "paper"]
    theirs = ROLES[other_role]
    out = []
    for spec in notice.fields:
        if spec.key not in fields or spec.key not in other:
            continue
        if not same_value(spec.type, fields[spec.key], other[spec.key]):
            out.append(
                Finding(
                    COPY_CODE,
                    spec.key,
                    "warning",
                    f"电子版与纸质版不一致：字段 {spec.label}：{mine}为「{shown(fields[spec.key])}」，"
                    f"{theirs}为「{shown(other[spec.key])}」",
                )
            )
    return out
