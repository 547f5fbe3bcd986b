"""Which evidence attachments are bound in, and on which pages.

An attachment is present when a page *starts* with its heading ("附件1：工业设备清单",
"二、申报主体营业执照", "营 业 执 照"). Pages that list several attachments (目录,
材料清单, 证明材料 lists) are lists, not evidence, and are skipped.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from shenbao.ingest.document import Document, Page
from shenbao.ingest.flow import core
from shenbao.plugins.notice import AttachmentSpec, Notice

HEAD_LINES = 3
LIST_THRESHOLD = 2


def _sorted_lines(page: Page) -> list[str]:
    return [l.text for l in sorted(page.all_lines(), key=lambda l: (round(l.bbox[1]), l.bbox[0]))]


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


def _matches(lines: list[str], notice: Notice) -> dict[str, int]:
    """attachment key -> index of the first of ``lines`` that prints its heading."""
    found: dict[str, int] = {}
    for i, text in enumerate(lines):
        for spec in notice.attachments:
            if spec.key not in found and heading_match(text, spec) >= 90:
                found[spec.key] = i
    return found


def find_attachments(document: Document, notice: Notice) -> dict[str, list[int]]:
    """attachment key -> pages (1-based) of its evidence; absent attachments map to []."""
    starts: list[tuple[int, str]] = []
    for page in document.pages:
        lines = _sorted_lines(page)
        if len(_matches(lines, notice)) >= LIST_THRESHOLD:
            continue  # a list of attachments, not one of them
        head = _matches(lines[:HEAD_LINES] + ["".join(lines[:2])], notice)
        if head:
            key = min(head, key=head.get)  # type: ignore[arg-type]
            starts.append((page.number, key))
    pages: dict[str, list[int]] = {a.key: [] for a in notice.attachments}
    last = len(document.pages)
    for i, (number, key) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last
        if pages[key]:
            continue
        pages[key] = list(range(number, max(end, number) + 1))
    return pages
