"""From upload to submission: store the original, queue it, extract it, keep the result.

A submission row exists from the moment of upload (status ``ingesting``), so the batch view
shows every file; it ends ``needs_review`` (or ``duplicate``: the same file again), or ``failed``
with one clear message.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from shenbao.admin.batch import lock_notices, recompute_batch
from shenbao.admin.exceptions import UploadRejected
from shenbao.admin.failures import QueueUnavailable, plain_error
from shenbao.admin.leases import claim, fail_submissions, finish, keep_lease
from shenbao.admin.packets import bind_pdf, group_pages
from shenbao.admin.review import BOUND_ROWS, recompute
from shenbao.admin.storage import MEDIA, Store, sanitize_filename
from shenbao.admin.workflow import exclude_identical
from shenbao.core.errors import ConflictError, ShenbaoError
from shenbao.ingest.attachments import LOOSE_CODE
from shenbao.ingest.document import Page
from shenbao.ingest.split import SPLIT_CODE
from shenbao.models import (
    AttachmentState,
    FieldValue,
    FindingRecord,
    PacketSplit,
    SourceFile,
    Submission,
    User,
    db,
)
from shenbao.plugins.extraction import extract_packets
from shenbao.plugins.manager import get_manager

if TYPE_CHECKING:
    from shenbao.ingest.pipeline import ExtractionResult

log = logging.getLogger(__name__)
# Findings about the file's pages (how it was split, pages of no attachment), not about the
# values: stored with scope "document", so recomputing the values' findings keeps them.
DOCUMENT_CODES = (SPLIT_CODE, LOOSE_CODE)
FINDING_KEYS = ("code", "key", "severity", "message")
# key of Submission.extraction: {page: [turns, unit]} of the pages read turned or scaled
PAGE_FRAMES = "page_frames"
# keys of Submission.extraction: {field key: {page, bbox}} of each printed label (a missing
# value's too) and {section: [pages]}, so the desk shows where a missing value belongs
LABEL_SPOTS = "label_spots"
SECTION_PAGES = "section_pages"
EXTENSIONS = dict(MEDIA.values())  # media type -> stored extension


def store() -> Store:
    return Store(current_app.config["SHENBAO_HOME"])


def original_path(source: SourceFile) -> Path:
    return store().original_path(source.sha256, EXTENSIONS.get(source.media_type, ".pdf"))


def new_upload_id() -> str:
    return uuid.uuid4().hex


def accept_file(
    stream: IO[bytes],
    filename: str | None,
    user: User | str,
    upload_id: str,
    max_bytes: int | None = None,
    *,
    demo: bool = False,
) -> Submission:
    """Store one uploaded file and create its submission; a bad file becomes a failed one.

    The caller commits and then queues the ``queued`` files (see :func:`queue_pending`).
    """
    name = sanitize_filename(filename)
    source = SourceFile(
        upload_id=upload_id,
        filename=name,
        sha256="",
        uploaded_by=str(user),
        status="queued",
        attempts=0,
        ingest_count=0,
    )
    submission = Submission(filename=name, status="ingesting", source=source, search_text=name.lower(), demo=demo)
    try:
        sha, size, media, _ = store().save(stream, name, max_bytes or current_app.config["MAX_FILE_BYTES"])
    except UploadRejected as exc:
        source.status, source.error = "failed", str(exc)
        submission.status, submission.error = "failed", str(exc)
    else:
        source.sha256, source.size, source.media_type = sha, size, media
    db.session.add_all([source, submission])
    return submission


QUEUE_EXTENSION = "shenbao_queue"  # app.extensions key of the queue (shenbao.admin.queue.IngestQueue)


class Enqueue(Protocol):
    """What ingestion needs of the queue; the queue module imports this one, not the reverse."""

    def enqueue(self, source_id: int) -> None: ...


def queue_pending(sources: list[SourceFile]) -> None:
    q: Enqueue = current_app.extensions[QUEUE_EXTENSION]
    for source in sources:
        if source.status == "queued":
            q.enqueue(source.id)


def bind_packets(
    submissions: list[Submission], user: User | str, upload_id: str, demo: bool = False
) -> list[Submission]:
    """Replace the submissions of page images of one packet by one submission of the bound PDF."""
    import io

    queued = {i: s.source for i, s in enumerate(submissions) if s.source is not None and s.source.status == "queued"}
    out = list(submissions)
    for name, indexes in group_pages([(i, source.filename, source.media_type) for i, source in queued.items()]):
        data = bind_pdf([original_path(queued[i]) for i in indexes])
        packet = accept_file(io.BytesIO(data), f"{name}.pdf", user, upload_id, max_bytes=len(data), demo=demo)
        db.session.flush()
        for i in indexes:
            queued[i].status, queued[i].packet_id = "done", source_of(packet).id
            queued[i].submission = None
            db.session.delete(submissions[i])
            out.remove(submissions[i])
        out.append(packet)
    return out


def source_of(submission: Submission) -> SourceFile:
    """The stored file of a submission that :func:`accept_file` made (it always has one)."""
    if submission.source is None:
        raise ConflictError(f"submission #{submission.id} has no stored file")
    return submission.source


def ingest_upload(
    files: Sequence[tuple[IO[bytes], str | None]], user: User | str, *, demo: bool = False
) -> tuple[str, list[Submission]]:
    """Store several files as one upload, commit, and queue them. Returns (upload id, submissions).
    ``demo``: the first-run samples (:mod:`shenbao.admin.demo`)."""
    upload_id = new_upload_id()
    submissions = [accept_file(stream, name, user, upload_id, demo=demo) for stream, name in files]
    submissions = bind_packets(submissions, user, upload_id, demo)
    db.session.commit()
    try:
        queue_pending([s.source for s in submissions if s.source is not None])
    except QueueUnavailable as exc:  # the files are kept, queued; a worker's sweep queues them later
        exc.upload_id = upload_id
        exc.message = f"文件已保存，待识别队列恢复后自动识别 (files kept; queued once the queue is back): {exc.message}"
        raise
    return upload_id, submissions


def ingest_source(source_id: int) -> str:
    """The queue task: extract one stored file into its submission. Returns the final status.

    The file is held under a lease (renewed while it is read); the result is written only if
    this worker still holds it, so a file taken over after a stall is never written twice."""
    token = claim(source_id)
    if token is None:
        log.info("file %s already taken", source_id)
        return "skipped"
    with keep_lease(source_id, token):
        return _ingest_claimed(source_id, token)


def _ingest_claimed(source_id: int, token: str) -> str:
    source = db.session.get_one(SourceFile, source_id)
    if source.submission is None:  # only the pages bound into a packet have none, and they are never queued
        return fail(source_id, token, f"{source.filename}: 没有对应的申报记录 (no submission for this file)")
    try:
        split = db.session.get(PacketSplit, source_id)
        results = extract_packets(str(original_path(source)), first_pages=split.first_pages if split else None)
        contracts = [stored_contract(r, source.filename) for r in results]
        db.session.rollback()  # nothing written so far; the result goes in one fresh transaction
        lock_notices([c.get("notice") for c in contracts] + [s.notice_id for s in source.submissions])
        if not finish(source_id, token, "done"):
            return "skipped"
        notices = place_packets(source, contracts)
        db.session.flush()
        exclude_identical(source)  # the same file again: 重复, audited
        db.session.commit()
    except ShenbaoError as exc:
        db.session.rollback()
        return fail(source_id, token, rename(str(exc), source))
    except OSError as exc:  # e.g. the disk is full: one line, not a traceback
        db.session.rollback()
        return fail(source_id, token, f"{source.filename}: {plain_error(exc)}")
    except SQLAlchemyError:
        raise  # the database is away: the lease runs out and another attempt follows
    except Exception as exc:  # a bug in one file's extraction must not stop the batch
        db.session.rollback()
        log.exception("ingest of file %s failed", source_id)
        return fail(source_id, token, f"{source.filename}: 内部错误 (internal error: {type(exc).__name__}: {exc})")

    for notice_id in sorted(n for n in notices if n):
        recompute_batch(notice_id)
    db.session.commit()
    return source.submissions[0].status


def page_range_of(contract: dict[str, Any] | None) -> tuple[int, int] | None:
    """The pages of the file a stored extraction covers (a file of one packet: all of them)."""
    if not contract:
        return None
    first, last = contract.get("page_range") or (1, contract.get("pages") or 1)
    return (int(first), int(last))


def place_packets(source: SourceFile, contracts: list[dict[str, Any]]) -> set[str | None]:
    """One submission per packet of the file. A submission whose pages are unchanged keeps
    its review; a new range gets the upload's placeholder or a new submission; a range no
    longer there is deleted (its audit entries stay). Returns the notices touched."""
    wanted = [page_range_of(c) for c in contracts]
    touched: set[str | None] = set()
    kept: dict[tuple[int, int] | None, Submission] = {}
    placeholders = []
    for old in list(source.submissions):
        extracted = page_range_of(old.extraction)
        if extracted is None:
            placeholders.append(old)
        elif extracted in wanted and extracted not in kept:
            kept[extracted] = old
        else:
            touched.add(old.notice_id)
            source.submissions.remove(old)
            db.session.delete(old)
    for contract, pages in zip(contracts, wanted, strict=True):
        if pages in kept:
            continue
        submission = placeholders.pop(0) if placeholders else new_packet_submission(source)
        if len(contracts) > 1 and pages is not None:
            submission.filename = f"{source.filename} (第{pages[0]}-{pages[1]}页)"
        apply_extraction(submission, contract)
        touched.add(submission.notice_id)
    for extra in placeholders:
        source.submissions.remove(extra)
        db.session.delete(extra)
    return touched


def new_packet_submission(source: SourceFile) -> Submission:
    demo = any(s.demo for s in source.submissions)
    submission = Submission(filename=source.filename, status="ingesting", source=source, demo=demo)
    db.session.add(submission)
    return submission


def rename(message: str, source: SourceFile) -> str:
    """Errors name the stored path (a hash); the clerk knows the file by its upload name."""
    stored = str(original_path(source))
    return message.replace(stored, source.filename).replace(Path(stored).name, source.filename)


def fail(source_id: int, token: str, message: str) -> str:
    if not finish(source_id, token, "failed", message):
        return "skipped"
    fail_submissions(db.session.get_one(SourceFile, source_id), message)
    db.session.commit()
    return "failed"


def stored_contract(result: ExtractionResult, filename: str) -> dict[str, Any]:
    """The contract JSON kept with a submission, plus the bound 推荐汇总表 rows extraction
    read, so the desk's findings (:func:`shenbao.admin.review.recompute`) equal extraction's,
    and where labels and sections are printed (the desk's way to a missing value)."""
    contract = result.as_contract()
    contract["file"] = filename
    contract[BOUND_ROWS] = result.bound_rows
    contract[PAGE_FRAMES] = page_frames(result.document.pages)
    contract[LABEL_SPOTS] = {key: spot.as_dict() for key, spot in result.labels.items()}
    contract[SECTION_PAGES] = result.section_pages
    return contract


def page_frames(pages: list[Page]) -> dict[str, list[float]]:
    """How the reader turned and scaled each page it did not read as shown (see ``Page.turns``)."""
    return {str(p.number): [p.turns, p.unit] for p in pages if p.turns or p.unit != 1.0}


def apply_extraction(submission: Submission, contract: dict[str, Any]) -> None:
    """Create one row per field and attachment of the notice from the contract JSON."""

    notice = get_manager().notice(contract["notice"])
    submission.notice_id = notice.id
    submission.notice_confidence = contract.get("notice_confidence")
    submission.pages = contract.get("pages")
    submission.extraction = contract
    extracted = contract.get("fields", {})
    for position, spec in enumerate(notice.fields):
        data = extracted.get(spec.key) or {}
        value = data.get("value")
        submission.fields.append(
            FieldValue(
                key=spec.key,
                position=position,
                value=value,
                original_value=value,
                raw=data.get("raw"),
                confidence=data.get("confidence"),
                page=data.get("page"),
                bbox=data.get("bbox"),
                source=data.get("source"),
                state="extracted",
            )
        )
    found = contract.get("attachments", {})
    for position, attachment in enumerate(notice.attachments):
        data = found.get(attachment.key) or {}
        present = bool(data.get("present"))
        submission.attachments.append(
            AttachmentState(
                key=attachment.key,
                position=position,
                extracted_present=present,
                present=present,
                extracted_pages=data.get("pages"),
                pages=data.get("pages"),
            )
        )
    for record in [f for f in submission.findings if f.scope == "document"]:
        submission.findings.remove(record)
    for finding in contract.get("findings", []):
        if finding.get("code") in DOCUMENT_CODES:
            submission.findings.append(FindingRecord(scope="document", **{k: finding[k] for k in FINDING_KEYS}))
    submission.status = "needs_review"
    submission.error = None
    recompute(submission)
