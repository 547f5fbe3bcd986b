"""Which evidence attachments are bound in, and on which pages.

An attachment is present when a page *starts* with its heading ("附件1：工业设备清单",
"二、申报主体营业执照", "营 业 执 照"). Pages that list several attachments (目录,
材料清单, 证明材料 lists) are lists, not evidence, and are skipped.
"""
from __future__ import annotations

from rapidfuzz import fuzz

import re

from shenbao.ingest.document import Document, Line, Page
from shenbao.ingest.flow import core, looks_like_heading
from shenbao.plugins.notice import AttachmentSpec, Notice

HEAD_LINES = 3
ATTACHMENT_HEADING_RE = re.compile(r"^附件\s*\d")
LIST_THRESHOLD = 2


def _sorted_lines(page: Page) -> list[Line]:
    return sorted(page.all_lines(), key=lambda l: (round(l.bbox[1]), l.bbox[0]))


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


def _matches(texts: list[str], notice: Notice) -> dict[str, int]:
    """attachment key -> index of the first of ``texts`` that prints its heading."""
    found: dict[str, int] = {}
    for i, text in enumerate(texts):
        for spec in notice.attachments:
            if spec.key not in found and heading_match(text, spec) >= 90:
                found[spec.key] = i
    return found


def _page_starts(page: Page, notice: Notice) -> list[tuple[float, str]]:
    """(y, key) of the attachments that start on this page: a heading among the first lines,
    or a heading line ("附件3：…", "二、申报主体营业执照") further down when the evidence runs
    on from the form without a page break."""
    lines = _sorted_lines(page)
    texts = [l.text for l in lines]
    if len(_matches(texts, notice)) >= LIST_THRESHOLD:
        return []  # a list of attachments (目录, 材料清单), not one of them
    head = _matches(texts[:HEAD_LINES] + ["".join(texts[:2])], notice)
    if head:
        key = min(head, key=head.get)  # type: ignore[arg-type]
        return [(0.0, key)]
    headings = [l for l in page.lines if ATTACHMENT_HEADING_RE.match(l.text.strip()) or looks_like_heading(l.text)]
    found = _matches([l.text for l in headings], notice)
    return sorted((headings[i].bbox[1], key) for key, i in found.items())


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


def find_attachments(document: Document, notice: Notice) -> dict[str, list[int]]:
    """attachment key -> pages (1-based) of its evidence; absent attachments map to []."""
    return scan_attachments(document, notice)[0]
