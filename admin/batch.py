"""Cross-submission checks over the batch of one notice (every ingested submission of it).

- the notice's ``limit_per_applicant`` rules (miit-2023-pilot: at most 2 projects per
  applicant, one direction per category), through :func:`shenbao.ingest.findings.batch_findings`;
- duplicates: the same file (SHA-256) uploaded twice, or the same applicant + project twice.

Results are stored as findings with ``scope = "batch"`` and replaced on every recomputation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, select, text, update

from shenbao.core.findings import Finding
from shenbao.ingest.findings import batch_findings
from shenbao.models import FieldValue, FindingRecord, SourceFile, Submission, db
from shenbao.plugins.manager import get_manager

BATCH_KEYS = frozenset(
    {
        "applicant.name",
        "applicant.org_code",
        "project.name",
        "platform.name",
        "project.platform_name",
        "project.category",
    }
)
LIVE = ("needs_review", "reviewed")


def rule_keys(rules: list[dict[str, Any]]) -> set[str]:
    keys: set[str] = set()
    for rule in rules:
        if rule.get("kind") != "limit_per_applicant":
            continue
        keys.add(rule["applicant"])
        if rule.get("group_by"):
            keys.add(rule["group_by"])
        if rule.get("when"):
            keys.add(rule["when"]["field"])
    return keys


def _rows(notice_id: str, keys: set[str]) -> dict[int, dict[str, Any]]:
    live = select(Submission.id).where(Submission.notice_id == notice_id, Submission.status.in_(LIVE))
    rows: dict[int, dict[str, Any]] = {sid: {} for sid in db.session.scalars(live)}
    if keys and rows:
        query = select(FieldValue.submission_id, FieldValue.key, FieldValue.value).where(
            FieldValue.key.in_(keys), FieldValue.submission_id.in_(live), FieldValue.value.is_not(None)
        )
        for sid, key, value in db.session.execute(query):
            rows[sid][key] = value
    return rows


def duplicate_findings(notice_id: str) -> dict[int, list[Finding]]:
    query = (
        select(
            Submission.id,
            Submission.applicant_code,
            Submission.applicant_name,
            Submission.project_name,
            SourceFile.sha256,
            SourceFile.filename,
        )
        .join(SourceFile, Submission.source_id == SourceFile.id, isouter=True)
        .where(Submission.notice_id == notice_id, Submission.status.in_(LIVE))
        .order_by(Submission.id)
    )
    by_file: dict[str, list[tuple[int, str]]] = defaultdict(list)
    by_project: dict[tuple[str, str], list[int]] = defaultdict(list)
    for sid, code, name, project, sha, filename in db.session.execute(query):
        if sha:
            by_file[sha].append((sid, filename))
        applicant = code or name
        if applicant and project:
            by_project[(applicant, project)].append(sid)
    out: dict[int, list[Finding]] = defaultdict(list)
    for group in by_file.values():
        for sid, _ in group if len(group) > 1 else ():
            others = ", ".join(f"#{o}" for o, _ in group if o != sid)
            out[sid].append(Finding("duplicate", "file", "warning", f"同一文件重复上传（另见 {others}）"))
    for (_applicant, project), ids in by_project.items():
        for sid in ids if len(ids) > 1 else ():
            others = ", ".join(f"#{o}" for o in ids if o != sid)
            out[sid].append(
                Finding("duplicate", "project", "warning", f"同一申报单位同一项目重复申报：{project}（另见 {others}）")
            )
    return out


def compute(notice_id: str) -> dict[int, list[Finding]]:
    notice = get_manager().notice(notice_id)
    rows = _rows(notice_id, rule_keys(notice.rules))
    ids = list(rows)
    result: dict[int, list[Finding]] = defaultdict(list)
    for sid, found in zip(ids, batch_findings(notice, [rows[i] for i in ids]), strict=True):
        result[sid].extend(found)
    for sid, found in duplicate_findings(notice_id).items():
        result[sid].extend(found)
    return result


def lock_notices(notice_ids: Iterable[str | None]) -> None:
    """The writes to a notice's submissions take turns. On PostgreSQL: a transaction-level
    advisory lock per notice, taken in sorted order before any row is written, so that saves,
    bulk actions and batch recomputations touching the same rows cannot deadlock."""
    with db.session.no_autoflush:  # before the transaction writes anything
        if db.session.get_bind().dialect.name != "postgresql":
            # SQLite has one writer at a time: a write that changes nothing takes its write lock
            # now (as BEGIN IMMEDIATE would), so what follows reads what the last writer committed
            db.session.execute(text("UPDATE settings SET key = key WHERE 1 = 0"))
            return
        for notice_id in sorted({n for n in notice_ids if n}):
            db.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"batch:{notice_id}"})


def recompute_batch(notice_id: str | None) -> int:
    """Replace the batch findings of ``notice_id``. Returns how many there are now."""
    if not notice_id:
        return 0
    lock_notices([notice_id])  # one recomputation per notice at a time
    result = compute(notice_id)
    of_notice = select(Submission.id).where(Submission.notice_id == notice_id)
    db.session.execute(
        delete(FindingRecord).where(FindingRecord.scope == "batch", FindingRecord.submission_id.in_(of_notice))
    )
    for sid, found in result.items():
        db.session.add_all(
            FindingRecord(
                submission_id=sid, scope="batch", code=f.code, key=f.key, severity=f.severity, message=f.message
            )
            for f in found
        )
    db.session.flush()
    counts = dict(
        db.session.execute(
            select(FindingRecord.submission_id, func.count())
            .where(FindingRecord.submission_id.in_(of_notice))
            .group_by(FindingRecord.submission_id)
        ).all()
    )
    current = dict(
        db.session.execute(
            select(Submission.id, Submission.open_findings).where(Submission.notice_id == notice_id)
        ).all()
    )
    for sid, old in current.items():
        new = counts.get(sid, 0)
        if new != old:
            db.session.execute(
                update(Submission)
                .where(Submission.id == sid)
                .values(open_findings=new)
                .execution_options(synchronize_session=False)
            )
    return sum(len(f) for f in result.values())
