"""Where one packet (申报书) ends and the next begins in a stack scanned or saved as one file.

No separator sheet is needed: a packet starts at

- a **cover**: the top of the page prints a notice's form title (not an attachment heading);
- a **first form page** ("一、…" heading on a page carrying the notice's labels) when the
  packet being read already has its form: a second form is a second applicant;
- an **attachment sequence that restarts** at 附件1 after the packet's attachments began
  (a packet whose cover and form are missing): an uncertain split, said in a finding.

A page showing another applicant's 统一社会信用代码 than the rest of its packet is not split
on by itself (partners and customers print codes too) but reported, so the clerk can move
the split point by hand (:func:`packets_from_first_pages`). Nothing is merged silently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from shenbao.core.findings import Finding
from shenbao.core.notice import Notice
from shenbao.core.text import norm, page_ranges
from shenbao.ingest.detect import notice_score
from shenbao.ingest.document import Document, Line, Page
from shenbao.ingest.orgcode import is_valid as org_code_is_valid

TOP_LINES = 4
COVER_TITLE = 85  # partial ratio of a notice's form title within the page's top lines
TITLE_LEAD = 4  # characters a cover's title line may print before the title
SENTENCE_ENDS = ("。", ";", "!")  # (after norm) a line ending so is a sentence, not a title
FORM_LABELS = 0.08  # notice_score of a first form page: some of the notice's labels on it
FORM_HEADING_RE = re.compile(r"^一[、.．]")
CONTENTS_RE = re.compile(r"^目\s*录$")
ATTACHMENT_RE = re.compile(r"^附件\s*([0-9]+|[一二三四五六七八九十]+)")
CODE_RE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NP-RT-UW-Y]{18}(?![0-9A-Z])")
SPLIT_CODE = "packet_split"


@dataclass(frozen=True)
class Packet:
    """Pages ``first``..``last`` (1-based, of the file) hold one submission."""

    first: int
    last: int
    why: str = "file"  # file | cover | form | attachments | clerk
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def page_range(self) -> tuple[int, int]:
        return (self.first, self.last)

    def of(self, document: Document) -> Document:
        """The packet's pages as a document of their own (page numbers stay the file's)."""
        return Document(document.path, [p for p in document.pages if self.first <= p.number <= self.last])


def split_finding(message: str) -> Finding:
    return Finding(SPLIT_CODE, "page_range", "warning", message)


def _top(page: Page) -> list[Line]:
    return sorted(page.all_lines(), key=lambda line: (round(line.bbox[1]), line.bbox[0]))[:TOP_LINES]


def _attachment_number(text: str) -> int | None:
    match = ATTACHMENT_RE.match(norm(text))
    if match is None:
        return None
    raw = match.group(1)
    return int(raw) if raw.isdigit() else _chinese_number(raw)


def _chinese_number(text: str) -> int:
    digits = "一二三四五六七八九"
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.index(text[1]) + 1
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.index(tens) + 1) * 10 + (digits.index(ones) + 1 if ones else 0)
    return digits.index(text[0]) + 1


def page_kind(page: Page, notices: Sequence[Notice]) -> str:
    """cover | form | attachment | list | other: what the page's top says it is."""
    top = _top(page)
    if not top:
        return "other"
    first = norm(top[0].text)
    headings = sum(1 for line in page.all_lines() if _attachment_number(line.text) is not None)
    if _attachment_number(first) is not None:
        return "list" if headings >= 2 else "attachment"
    if CONTENTS_RE.match(first):
        return "list"
    text = norm(page.text)
    if FORM_HEADING_RE.match(first) and any(notice_score(n, text, text) >= FORM_LABELS for n in notices):
        return "form"
    titles = [norm(n.form_title) for n in notices if n.form_title]
    if any(_prints_title(top, title) for title in titles):
        return "cover"
    return "other"


def _prints_title(top: list[Line], title: str) -> bool:
    """Whether the top lines print ``title`` as a title (on one line or run over two).

    A page that names the programme in a sentence is no cover: the recommending unit's
    opinion (同意推荐该单位申报2022年跨行业跨领域工业互联网平台。) opens a page of its own when
    the applicant leaves its table out, and split the packet there. A title starts its line
    (within :data:`TITLE_LEAD` characters: a speck, a 附件 number) and ends no sentence."""
    lines = [norm(line.text) for line in top]
    head = "".join(lines)
    found = fuzz.partial_ratio_alignment(title, head)
    if found is None or found.score < COVER_TITLE:
        return False
    start = 0
    for line in lines:
        if found.dest_start < start + len(line):
            return found.dest_start - start <= TITLE_LEAD and not line.endswith(SENTENCE_ENDS)
        start += len(line)
    return False


def split_document(document: Document, notices: Sequence[Notice]) -> list[Packet]:
    """The packets of ``document`` in page order (one packet when nothing starts a new one)."""
    starts: list[tuple[int, str]] = [(document.pages[0].number, "file")]
    seen: set[str] = set()
    last_attachment = 0
    for page in document.pages:
        kind = page_kind(page, notices)
        number = _attachment_number(_top(page)[0].text) if kind == "attachment" else None
        new = page is not document.pages[0] and (
            (kind == "cover" and bool(seen))
            or (kind == "form" and "form" in seen)
            or (number == 1 and last_attachment >= 1)
        )
        if new:
            starts.append((page.number, "attachments" if kind == "attachment" else kind))
            seen, last_attachment = set(), 0
        if kind in ("cover", "form"):
            seen.add(kind)
        if number is not None:
            last_attachment = max(last_attachment, number)
    last = document.pages[-1].number
    packets = []
    for i, (first, why) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last
        packets.append(Packet(first, end, why, tuple(_doubts(document, first, end, why))))
    return packets


def _doubts(document: Document, first: int, last: int, why: str) -> list[Finding]:
    doubts = []
    if why == "attachments":
        doubts.append(
            split_finding(
                f"第 {first} 页起附件编号重新从 1 开始，按另一份申报书拆分（未见封面或申报表），拆分点不确定，请核对"
            )
        )
    pages = [p for p in document.pages if first <= p.number <= last]
    codes = {page.number: page_codes(page) for page in pages}
    counts = Counter(code for found in codes.values() for code in found)
    if len(counts) > 1:
        main = counts.most_common(1)[0][0]
        others = sorted(n for n, found in codes.items() if found and main not in found)
        if others:
            doubts.append(
                split_finding(
                    f"第 {page_ranges(others)} 页的统一社会信用代码与本申报书（{main}）不同，"
                    "可能是另一份申报书，未拆分；请核对拆分点"
                )
            )
    return doubts


def page_codes(page: Page) -> set[str]:
    """The valid 统一社会信用代码 a page prints."""
    text = norm(page.text).upper()
    return {code for code in CODE_RE.findall(text) if org_code_is_valid(code)}


def packets_from_first_pages(document: Document, first_pages: Sequence[int]) -> list[Packet]:
    """The packets a clerk set by hand: each number is the first page of one packet."""
    numbers = [p.number for p in document.pages]
    firsts = sorted({n for n in first_pages if numbers[0] <= n <= numbers[-1]} | {numbers[0]})
    ends = [*(n - 1 for n in firsts[1:]), numbers[-1]]
    return [
        Packet(first, last, "clerk" if first != numbers[0] else "file")
        for first, last in zip(firsts, ends, strict=True)
    ]
