"""Which evidence attachments are bound in, and on which pages.

An attachment is present when a page *starts* with its heading ("附件1：工业设备清单",
"二、申报主体营业执照", "营 业 执 照"). Pages that list several attachments (目录,
材料清单, 证明材料 lists) are lists, not evidence, and are skipped.

The pages after a heading are that attachment's evidence only when they say so
(:func:`continues`): the form running on, a table running on with the same columns, a
"续" mark, the attachment's own words, or a catch-all attachment ("其他…材料"). Pages that
belong to no attachment are reported (:func:`loose_pages_finding`), never taken as the
evidence of whatever precedes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from shenbao.core.findings import Finding
from shenbao.core.notice import AttachmentSpec, Notice
from shenbao.core.text import NUMBERING_RE, core, norm, page_ranges
from shenbao.ingest.detect import notice_score
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
    two lines of each other are a list (目录, 材料清单), not evidence, and so is every heading
    of a page titled 目录 (a scan may drop the numbering of some entries: 申报项目简表,
    申报主体营业执照, 三、申报材料…)."""
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
    if texts and core(texts[0]) == "目录":  # a table of contents, however its entries are numbered
        listed |= {i for i, _ in hits}
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
    specs = {a.key: a for a in notice.attachments}
    by_number = {page.number: page for page in document.pages}
    last = document.pages[-1].number if document.pages else 0
    for i, (number, _, key) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last
        run = [number]
        in_form = number == document.pages[0].number or is_form_page(by_number[number], notice)
        while run[-1] < end and continues(by_number[run[-1] + 1], by_number[run[-1]], specs[key], notice, in_form):
            run.append(run[-1] + 1)
        pages[key] = sorted(set(pages[key]) | set(run))  # a heading repeated: its evidence too
    return pages, [(number, y) for number, y, _ in starts]


def evidence_heading(notices: Sequence[Notice]) -> Callable[[list[Line]], bool]:
    """Whether the first lines of a scanned page start an evidence attachment (``evidence =
    true``) of one of ``notices``, so that the rest of the page need not be read.

    Only a page that starts with such a heading is skipped: not a list of attachments (目录),
    not a page whose head also prints the form's labels, its signature line or another
    attachment's heading lower down (the evidence then does not start at the top)."""
    candidates = [(n, {a.key for a in n.attachments if a.evidence}) for n in notices]
    candidates = [(notice, keys) for notice, keys in candidates if keys]

    def skims(head: list[Line]) -> bool:
        page = Page(number=0, width=0.0, height=0.0, source="ocr", lines=list(head))
        return any(_starts_evidence(page, notice, keys) for notice, keys in candidates)

    return skims


OPENING_SURE = 4  # characters of a label an opening must show to be taken for its heading


def evidence_opening(notices: Sequence[Notice]) -> Callable[[str], bool | None]:
    """Whether a page row beginning with ``text`` (a few characters read from its left, or
    the whole row) may be the heading of an evidence attachment of ``notices``: True when
    after its numbering (附件三, 二、, （一）) it starts like the label of one (二、申报主体 for
    申报主体营业执照, 附件1：工业设备 for 附件1：工业设备清单), False when it does not, None
    when too little was read to tell: the numbering alone (二、), or fewer than
    :data:`OPENING_SURE` of its words (附件1：项目 may open 项目介绍及证明材料 or
    项目相关视频证明材料).

    The quick look of :mod:`shenbao.ingest.ocr.skim` asks this of a page's first rows before
    the page is detected at full scale; a form page's rows (一、基本信, 单位名称) answer no.
    """
    starts = {core(label) for n in notices for a in n.attachments if a.evidence for label in a.all_labels}
    starts.discard("")

    def may_open(text: str) -> bool | None:
        opening = norm(text)
        numbering = NUMBERING_RE.match(opening)
        if numbering and numbering.group().isdigit():  # a bare 8 or 12 is a row's number
            numbering = None
        rest = opening[numbering.end() :] if numbering else opening
        if len(rest) < 2:  # 二、 or 附件 with its words cut off: maybe; a bare 8 (a row number): no
            return None if numbering is not None else False
        if not any(_starts_alike(rest, label) for label in starts):
            return False
        return True if len(rest) >= OPENING_SURE else None

    return may_open


def _starts_alike(text: str, label: str) -> bool:
    """``text`` and ``label`` the same over the shorter one's length, but for one character
    misread, dropped or cut by the probe's right edge when that length is a word or more."""
    n = min(len(text), len(label))
    return Levenshtein.distance(text[:n], label[:n]) <= (1 if n >= OPENING_SURE else 0)


def opens_heading(text: str) -> bool:
    """Whether a line beginning with ``text`` (its first few characters) may be a heading
    :func:`_page_starts` takes lower down a page: numbered as one (附件2, 三、, （一）, 1、)."""
    return bool(ATTACHMENT_HEADING_RE.match(text.strip()) or looks_like_heading(text))


def _starts_evidence(page: Page, notice: Notice, evidence: set[str]) -> bool:
    starts = _page_starts(page, notice)
    return bool(starts) and all(y == 0.0 and key in evidence for y, key in starts) and not is_form_page(page, notice)


CONTINUED_RE = re.compile(r"^[（(]?续[)）]?|续表")
CATCH_ALL_RE = re.compile(r"其[他它].{0,8}材料")
FORM_LABELS = 0.08  # notice_score of a page that carries the notice's own labels: the form
SIGNATURE_RE = re.compile(r"盖章|签字|签章|签名")  # the form's signature page


def is_form_page(page: Page, notice: Notice) -> bool:
    """A page of the notice's form: its labels on it, one of its section headings on top, or
    its signature and seal lines."""
    text = norm(page.text)
    if SIGNATURE_RE.search(text) and len(text) < 200:
        return True
    lines = _sorted_lines(page)
    sections = {core(s) for s in notice.sections if len(core(s)) >= 2}
    return notice_score(notice, text, text) >= FORM_LABELS or bool(lines and core(lines[0].text) in sections)


def continues(page: Page, before: Page, spec: AttachmentSpec, notice: Notice, in_form: bool) -> bool:
    """Whether ``page`` (after ``before``, no attachment starting on it) carries on the
    attachment ``spec``; ``in_form``: the attachment is part of the form (the 申报书 itself,
    the 简表), which runs on over the form's pages."""
    if CATCH_ALL_RE.search(core(spec.label)):
        return True
    if is_form_page(page, notice):
        return in_form
    lines = _sorted_lines(page)
    if lines and CONTINUED_RE.search(norm(lines[0].text)):
        return True
    if _table_runs_on(before, page):
        return True
    text = norm(page.text)
    return any(len(core(label)) >= 4 and core(label) in text for label in spec.all_labels)


def _table_runs_on(before: Page, page: Page) -> bool:
    """The page opens with a table of the same number of columns as the one ``before`` ends with."""
    if not before.tables or not page.tables:
        return False
    last = max(before.tables, key=lambda t: t.bbox[3])
    first = min(page.tables, key=lambda t: t.bbox[1])
    above = [line for line in page.lines if line.bbox[3] <= first.bbox[1]]
    return last.n_cols == first.n_cols and len(above) <= 1


LOOSE_CODE = "unassigned_pages"


def loose_pages(
    document: Document, pages: dict[str, list[int]], starts: list[tuple[int, float]], notice: Notice
) -> list[int]:
    """Pages after the first attachment heading that are no attachment's evidence nor the form."""
    if not starts:
        return []
    taken = {n for run in pages.values() for n in run}
    first = min(number for number, _ in starts)
    return [
        page.number
        for page in document.pages
        if page.number > first and page.number not in taken and not is_form_page(page, notice)
    ]


def loose_pages_finding(numbers: list[int]) -> Finding:
    return Finding(LOOSE_CODE, "attachments", "warning", f"第 {page_ranges(numbers)} 页无法归入任何附件")
