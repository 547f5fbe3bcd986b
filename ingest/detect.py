"""Which notice a document belongs to, from what its first pages print."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from shenbao.core.notice import Notice
from shenbao.core.text import core, norm
from shenbao.ingest.document import Document

FRONT_PAGES = 4
MIN_SCORE = 0.45


@dataclass(frozen=True)
class Detection:
    notice: Notice
    confidence: float
    score: float


def front_text(document: Document) -> str:
    return norm("".join(page.text for page in document.pages[:FRONT_PAGES]))


def notice_score(notice: Notice, front: str, title: str) -> float:
    """0-1: the form title on the cover, the notice's keywords, its section headings."""
    title_score = fuzz.partial_ratio(norm(notice.form_title), title) / 100 if notice.form_title else 0.0
    keywords = [norm(k) for k in notice.keywords if k]
    kw = sum(1 for k in keywords if k in front) / len(keywords) if keywords else 0.0
    sections = [core(s) for s in notice.sections if len(core(s)) >= 4]
    sec = sum(1 for s in sections if s in front) / len(sections) if sections else 0.0
    labels = [norm(f.label) for f in notice.fields if len(norm(f.label)) >= 4]
    lab = sum(1 for label in labels if label in front) / len(labels) if labels else 0.0
    return 0.4 * title_score**3 + 0.2 * kw + 0.15 * sec + 0.25 * lab


def detect_notice(document: Document, notices: list[Notice]) -> Detection | None:
    """The best-matching notice, or None when nothing matches well enough."""
    if not notices or not document.pages:
        return None
    front = front_text(document)
    title = norm(document.pages[0].text)
    scored = sorted(((notice_score(n, front, title), n) for n in notices), key=lambda t: -t[0])
    best, notice = scored[0]
    if best < MIN_SCORE:
        return None
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    margin = best - runner_up
    confidence = min(0.99, 0.5 + best / 2) * min(1.0, 0.6 + margin * 2)
    return Detection(notice, round(confidence, 3), best)
