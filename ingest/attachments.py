"""Which evidence attachments are bound in, and on which pages.

An attachment is present when a page *starts* with its heading ("附件1：工业设备清单",
"二、申报主体营业执照", "营 业 执 照"). Pages that list several attachments (目录,
材料清单, 证明材料 lists) are lists, not evidence, and are skipped.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from shenbao.core.notice import AttachmentSpec, Notice
from shenbao.core.text import core
from shenbao.ingest.document import Document, Line, Page
from shenbao.ingest.flow import looks_like_heading

HEAD_LINES = 3
# A line that announces a list of attachments: the heading right after it is the list's first
# entry (the rest of the list may be overleaf), not evidence.
LIST_INTRO_RE = re.compile(r"(?:清单|目录|材料|附件).{0,12}[：:]$")
ATTACHMENT_HEADING_RE = re.compile(r"^附件\s*\d")


def _sorted_lines(page: Page) -> list[Line]:
    return sorted(page.all_lines(), key=lambda line: (round(line.bbox[1]), line.bbox[0]))


def heading_match(text: str, spec: AttachmentSpec) -> float:
    line = core(text)
    if len(line) < 2:
        return 0.0
    best = 0.0
    for label in spec.all_labels:
        want = core(label)
        if not want:
            continue
        if line == want or (line.startswith(want) and len(line) - len(want) <= 12):
            return 100.0
        if len(want) >= 6 and want in line and len(line) - len(want) <= 12:
            return 96.0
        if len(line) >= 4 and want.startswith(line) and len(line) >= 0.6 * len(want):
            best = max(best, 95.0)
        best = max(best, fuzz.ratio(line, want))
    return best


def _best_key(text: str, notice: Notice) -> str | None:
    scored = [(heading_match(text, spec), spec.key) for spec in notice.attachments]
    score, key = max(scored, default=(0.0, ""))
    return key if score >= 90 else None


NUMBERING_STYLES = (
    ("annex", re.compile(r"^附件\s*\d")),
    ("arabic", re.compile(r"^\d+\s*[、.．]")),
    ("chinese", re.compile(r"^[一二三四五六七八九十]+、")),
    ("bracket", re.compile(r"^[（(]")),
)


def _numbering(text: str) -> str:
    """How a line is numbered: items of one list share it ("附件1：…", "1、…", "一、…")."""
    text = text.strip()
    return next((name for name, pattern in NUMBERING_STYLES if pattern.match(text)), "plain")


def _page_starts(page: Page, notice: Notice) -> list[tuple[float, str]]:
    """(y, key) of the attachments that start on this page: a heading among the first lines,
    or a heading line ("附件3：…", "二、申报主体营业执照") further down when the evidence runs
    on from the form without a page break. Headings of different attachments printed within
    two lines of each other are a list (目录, 材料清单), not evidence."""
    lines = _sorted_lines(page)
    texts = [line.text for line in lines]
    hits = [(i, key) for i, key in ((i, _best_key(t, notice)) for i, t in enumerate(texts)) if key]
    listed = {
        i
        for i, key in hits
        for j, other in hits
        if other != key and abs(i - j) <= 2 and _numbering(texts[i]) == _numbering(texts[j])
    }
    listed |= {i for i, _ in hits if i > 0 and LIST_INTRO_RE.search(texts[i - 1].strip())}
    loose = {id(line) for line in page.lines}
    out = []
    for i, key in hits:
        if i in listed:
            continue
        if i < HEAD_LINES:
            out.append((0.0, key))
        elif id(lines[i]) in loose and (ATTACHMENT_HEADING_RE.match(texts[i].strip()) or looks_like_heading(texts[i])):
            out.append((lines[i].bbox[1], key))
    if not out and not listed:
        title_key = _best_key("".join(texts[:2]), notice)  # a title set on two lines
        if title_key:
            out.append((0.0, title_key))
    return sorted(out)


def scan_attachments(document: Document, notice: Notice) -> tuple[dict[str, list[int]], list[tuple[int, float]]]:
    """(attachment key -> evidence pages, [] when absent; where each one starts: (page, y))."""
    starts = [(page.number, y, key) for page in document.pages for y, key in _page_starts(page, notice)]
    pages: dict[str, list[int]] = {a.key: [] for a in notice.attachments}
    last = len(document.pages)
    for i, (number, _, key) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last
        if not pages[key]:
            pages[key] = list(range(number, max(end, number) + 1))
    return pages, [(number, y) for number, y, _ in starts]
