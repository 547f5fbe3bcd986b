"""Demo data: the first-run samples (``scripts/serve.sh``: ``shenbao ingest --demo``).

A demo packet is a batch of its own (its findings never count real packets), is in no
export, and is the only thing the desk ever deletes: :func:`remove_demo` takes the packets,
their stored files where no real upload shares them, and their audit entries, and leaves one
audit entry saying so.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update

from shenbao.admin.batch import recompute_batch
from shenbao.admin.ingest import store
from shenbao.admin.review import audit
from shenbao.admin.workflow import Actor, allowed
from shenbao.core.errors import NotAllowed
from shenbao.models import AuditEntry, PacketSplit, SourceFile, Submission, db

DEMO_RIGHT = "restore"  # an admin's


def _require(actor: Actor) -> None:
    if not allowed(actor, DEMO_RIGHT):
        raise NotAllowed(f"{actor} 无权管理演示数据（仅管理员）")


def demo_count() -> int:
    return len(list(db.session.scalars(select(Submission.id).where(Submission.demo.is_(True)))))


def mark_demo(ids: list[int], actor: Actor) -> int:
    """Mark packets as demo data (e.g. the samples of a desk set up before demo data existed)."""
    _require(actor)
    rows = list(db.session.scalars(select(Submission).where(Submission.id.in_(ids), Submission.demo.is_(False))))
    for submission in rows:
        submission.demo = True
        audit(submission.id, "submission", "demo", "mark_demo", actor, old=False, new=True)
    for notice_id in {s.notice_id for s in rows}:
        recompute_batch(notice_id)
    db.session.commit()
    return len(rows)


def remove_demo(actor: Actor, ids: list[int] | None = None) -> int:
    """Delete every demo packet (or those of ``ids`` that are demo). Returns how many; committed."""
    _require(actor)
    query = select(Submission).where(Submission.demo.is_(True))
    if ids is not None:
        query = query.where(Submission.id.in_(ids))
    doomed = list(db.session.scalars(query))
    if not doomed:
        return 0
    gone = {s.id for s in doomed}
    sources = {s.source_id for s in doomed if s.source_id is not None}
    names = sorted(f"#{s.id} {s.filename}" for s in doomed)
    notices = {s.notice_id for s in doomed}
    db.session.execute(delete(AuditEntry).where(AuditEntry.submission_id.in_(gone)))
    for submission in doomed:
        db.session.delete(submission)
    db.session.flush()
    _remove_sources(sources)
    audit(None, "submission", "demo", "remove_demo", actor, old=names, new=None, note=f"{len(gone)} 份演示数据已删除")
    for notice_id in notices:
        recompute_batch(notice_id)
    db.session.commit()
    return len(gone)


def _remove_sources(source_ids: set[int]) -> None:
    """The stored files no submission is left on, with the page images bound into them."""
    left = set(db.session.scalars(select(Submission.source_id).where(Submission.source_id.in_(source_ids))))
    empty = source_ids - {s for s in left if s is not None}
    if not empty:
        return
    files = list(
        db.session.scalars(select(SourceFile).where(or_(SourceFile.id.in_(empty), SourceFile.packet_id.in_(empty))))
    )
    ids = [f.id for f in files]
    db.session.execute(delete(PacketSplit).where(PacketSplit.source_id.in_(ids)))
    db.session.execute(update(SourceFile).where(SourceFile.packet_id.in_(ids)).values(packet_id=None))
    for source in files:
        db.session.delete(source)
    db.session.flush()
    shared = set(db.session.scalars(select(SourceFile.sha256).where(SourceFile.sha256.in_([f.sha256 for f in files]))))
    for source in files:
        if source.sha256 and source.sha256 not in shared:
            _unlink(source)


def _unlink(source: SourceFile) -> None:
    """The original and its cached page images (nothing else refers to them)."""
    files = store()
    for path in files.originals.glob(f"{source.sha256[:2]}/{source.sha256}.*"):
        path.unlink(missing_ok=True)
    for path in files.pages.glob(f"{source.sha256[:2]}/{source.sha256}-*.png"):
        path.unlink(missing_ok=True)
