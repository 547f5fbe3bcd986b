"""``shenbao status``: where every submission stands, for clerks, ops scripts and checks.

One entry per submission: id, file, notice, status, attempts, updated (and the error of a
failed one). The status is the submission's (the states of ``models.SUBMISSION_STATES``), or
``queued`` while its file waits for a worker.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from sqlalchemy import select

from shenbao.models import FILE_STATES, SUBMISSION_STATES, SourceFile, Submission, db

QUEUED = FILE_STATES[0]  # a file not yet taken by a worker
STATES = tuple(dict.fromkeys((QUEUED, *SUBMISSION_STATES)))  # the order of the summary line
COLUMNS = ("id", "file", "notice", "status", "attempts", "updated")


def shown_status(submission: Submission, source: SourceFile | None) -> str:
    if source is not None and source.status == QUEUED and submission.status == "ingesting":
        return QUEUED
    return submission.status


def last_change(submission: Submission, source: SourceFile | None) -> datetime | None:
    times: list[datetime | None] = [submission.updated_at]
    if source is not None:
        times += [source.started_at, source.finished_at]
    known = [t for t in times if t is not None]
    return max(known) if known else None


def entries() -> list[dict[str, Any]]:
    query = (
        select(Submission, SourceFile)
        .join(SourceFile, Submission.source_id == SourceFile.id, isouter=True)
        .order_by(Submission.id)
    )
    out = []
    for submission, source in db.session.execute(query).tuples():
        updated = last_change(submission, source)
        out.append(
            {
                "id": submission.id,
                "file": submission.filename,
                "notice": submission.notice_id,
                "status": shown_status(submission, source),
                "attempts": source.attempts if source is not None else 0,
                "updated": updated.isoformat(timespec="seconds") + "Z" if updated else None,
                "error": submission.error or (source.error if source is not None else None),
            }
        )
    return out


def width(text: str) -> int:
    """Columns a terminal gives ``text`` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(rows: list[dict[str, Any]]) -> str:
    """A readable table, failed files with their reason underneath, and a count per state."""
    if not rows:
        return "no submissions"
    cells = [[str(r[c]) if r[c] is not None else "-" for c in COLUMNS] for r in rows]
    widths = [max([width(c), *(width(line[i]) for line in cells)]) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(pad(c, w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip()]
    for row, line in zip(rows, cells, strict=True):
        lines.append("  ".join(pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip())
        if row["status"] == "failed" and row["error"]:
            lines.append(f"    {row['error']}")
    counts = {s: sum(r["status"] == s for r in rows) for s in STATES}
    for r in rows:  # a state not (yet) in the models' list still counts
        counts.setdefault(r["status"], sum(x["status"] == r["status"] for x in rows))
    lines.append(f"{len(rows)} submissions: " + ", ".join(f"{s} {n}" for s, n in counts.items() if n))
    return "\n".join(lines)
