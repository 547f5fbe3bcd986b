"""Moving the split points of a file that holds several packets.

The clerk gives the first page of each packet; they are kept (:class:`PacketSplit`) and the
file is read again by the queue with them (:func:`shenbao.admin.ingest.ingest_source`).
Packets whose pages do not change keep their review; the others are read anew.
"""

from __future__ import annotations

import re
from typing import Any

from shenbao.admin.exceptions import InvalidEntry
from shenbao.admin.ingest import page_range_of, queue_pending
from shenbao.core.errors import ConflictError
from shenbao.models import AuditEntry, PacketSplit, SourceFile, User, db, utcnow


def file_pages(source: SourceFile) -> int:
    """How many pages the stored file has, from its packets' readings."""
    ranges = [page_range_of(s.extraction) for s in source.submissions]
    return max((r[1] for r in ranges if r is not None), default=0)


def packet_rows(source: SourceFile) -> list[dict[str, Any]]:
    """The file's packets in page order, as the split page lists them."""
    rows = []
    for submission in sorted(source.submissions, key=lambda s: page_range_of(s.extraction) or (0, 0)):
        pages = page_range_of(submission.extraction)
        split_notes = [f for f in submission.findings if f.scope == "document"]
        rows.append({"submission": submission, "pages": pages, "findings": split_notes})
    return rows


def parse_first_pages(text: str, pages: int) -> list[int]:
    """ "1, 5 17" -> [1, 5, 17]: the first page of each packet, within the file's pages."""
    numbers = sorted({int(n) for n in re.findall(r"\d+", text)} | {1})
    wrong = [n for n in numbers if not 1 <= n <= pages]
    if wrong or re.search(r"[^\d\s,，、;；]", text):
        raise InvalidEntry(f"拆分点须为 1 至 {pages} 之间的页码 (split points must be page numbers 1-{pages})")
    return numbers


def set_split_points(source: SourceFile, first_pages: list[int], user: User | str) -> None:
    """Keep the clerk's split points and queue the file to be read again with them."""
    if source.status in ("queued", "ingesting"):
        raise ConflictError(f"{source.filename}: 文件正在读取，请稍后再改拆分点 (the file is being read)")
    split = db.session.get(PacketSplit, source.id)
    old = None if split is None else list(split.first_pages)
    if split is None:
        split = PacketSplit(source_id=source.id, first_pages=first_pages)
        db.session.add(split)
    split.first_pages, split.set_by = first_pages, str(user)
    db.session.add(
        AuditEntry(
            submission_id=source.submission.id if source.submission else None,
            target="submission",
            key="page_range",
            action="split",
            old_value=old,
            new_value=first_pages,
            username=str(user),
            created_at=utcnow(),
        )
    )
    source.status, source.error = "queued", None
    db.session.commit()
    queue_pending([source])
