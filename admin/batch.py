"""Cross-submission checks over the batch of one notice (every ingested submission of it).

- the notice's ``limit_per_applicant`` rules (miit-2023-pilot: at most 2 projects per
  applicant, one direction per category), through :func:`shenbao.ingest.findings.batch_findings`;
- duplicates: the same file (SHA-256) uploaded twice (the same packet of it, for a stack), or
  the same applicant + project twice;
- the notice's ``[[limits]]`` over the packets the bureau recommends (推荐数量超过 N 个),
  through :func:`shenbao.ingest.findings.limit_findings`: stored on each recommended packet.

The batch is the live packets (``LIVE_STATES``) of the notice; demo packets are a batch of
their own, so the first-run samples never count against a bureau's real packets.
Results are stored as findings with ``scope = "batch"`` and replaced on every recomputation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, select, text, update

from shenbao.core.findings import Finding
from shenbao.ingest.findings import batch_findings, limit_findings
from shenbao.models import LIVE_STATES, FieldValue, FindingRecord, SourceFile, Submission, db
from shenbao.models.states import RECOMMENDED
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


def rule_keys(rules: Sequence[dict[str, Any]], limits: Sequence[dict[str, Any]] = ()) -> set[str]:
    keys: set[str] = {limit["when"]["field"] for limit in limits if limit.get("when")}
    for rule in rules:
        if rule.get("kind") != "limit_per_applicant":
            continue
        keys.add(rule["applicant"])
        if rule.get("group_by"):
            keys.add(rule["group_by"])
        if rule.get("when"):
            keys.add(rule["when"]["field"])
    return keys


def live_ids(notice_id: str, demo: bool, states: Sequence[str] = LIVE_STATES) -> Any:
    return select(Submission.id).where(
        Submission.notice_id == notice_id, Submission.status.in_(states), Submission.demo.is_(demo)
    )


def _rows(notice_id: str, keys: set[str], demo: bool) -> dict[int, dict[str, Any]]:
    """Live packet id -> the values of ``keys``, and ``_status``."""
    live = live_ids(notice_id, demo)
    states = select(Submission.id, Submission.status).where(Submission.id.in_(live)).order_by(Submission.id)
    rows: dict[int, dict[str, Any]] = {sid: {"_status": status} for sid, status in db.session.execute(states)}
    if keys and rows:
        query = select(FieldValue.submission_id, FieldValue.key, FieldValue.value).where(
            FieldValue.key.in_(keys), FieldValue.submission_id.in_(live), FieldValue.value.is_not(None)
        )
        for sid, key, value in db.session.execute(query):
            rows[sid][key] = value
    return rows


def duplicate_findings(
    notice_id: str, demo: bool = False, states: Sequence[str] = LIVE_STATES
) -> dict[int, list[Finding]]:
    query = (
        select(
            Submission.id,
            Submission.source_id,
            Submission.applicant_code,
            Submission.applicant_name,
            Submission.project_name,
            SourceFile.sha256,
            SourceFile.filename,
        )
        .join(SourceFile, Submission.source_id == SourceFile.id, isouter=True)
        .where(Submission.id.in_(live_ids(notice_id, demo, states)))
        .order_by(Submission.id)
    )
    by_file: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    by_project: dict[tuple[str, str], list[int]] = defaultdict(list)
    seen: dict[int | None, int] = defaultdict(int)  # packets of each file so far (a stack has several)
    for sid, source_id, code, name, project, sha, filename in db.session.execute(query):
        place = seen[source_id]
        seen[source_id] += 1
        if sha:
            by_file[(sha, place)].append((sid, filename))
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
    result: dict[int, list[Finding]] = defaultdict(list)
    for demo in (False, True):
        for sid, found in compute_batch(notice_id, demo).items():
            result[sid].extend(found)
    return result


def compute_batch(notice_id: str, demo: bool) -> dict[int, list[Finding]]:
    notice = get_manager().notice(notice_id)
    rows = _rows(notice_id, rule_keys(notice.rules, notice.limits), demo)
    ids = list(rows)
    result: dict[int, list[Finding]] = defaultdict(list)
    for sid, found in zip(ids, batch_findings(notice, [rows[i] for i in ids]), strict=True):
        result[sid].extend(found)
    for sid, found in duplicate_findings(notice_id, demo).items():
        result[sid].extend(found)
    chosen = [i for i in ids if rows[i]["_status"] == RECOMMENDED]
    over = limit_findings(notice, [rows[i] for i in chosen])
    for sid in chosen:
        result[sid].extend(over)
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


def recommendation_check(notice_id: str) -> list[Finding]:
    """What stands against the 推荐汇总表 now: the notice's limits the recommended packets
    break, and recommended packets that duplicate each other (checked before export)."""
    notice = get_manager().notice(notice_id)
    rows = _rows(notice_id, rule_keys([], notice.limits), False)
    found = limit_findings(notice, [r for r in rows.values() if r["_status"] == RECOMMENDED])
    twice = duplicate_findings(notice_id, False, (RECOMMENDED,))
    for sid in sorted(twice):
        found += [Finding(f.code, f"{f.key}#{sid}", f.severity, f"推荐 #{sid}：{f.message}") for f in twice[sid]]
    return found


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
