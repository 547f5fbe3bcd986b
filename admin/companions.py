"""Attaching a submission's other copy, and reading it in the queue.

The bureau receives the applicant's Word file and the scan of the signed paper copy. Either
may come first: the clerk opens the submission of one and attaches the other. The Word file
always gives the values; when the Word file is the one attached, the submission moves onto
it (its values are read from it again) and the scan becomes the other copy, whose reading
is already stored. The two readings are compared by the desk's one findings path
(:func:`shenbao.admin.review.recompute`: ``copy_mismatch``).
"""

from __future__ import annotations

import logging
from typing import IO, Any

from sqlalchemy import select

from shenbao.admin.ingest import (
    accept_file,
    apply_extraction,
    fail,
    ingest_source,
    new_upload_id,
    original_path,
    queue_pending,
    rename,
    source_of,
    stored_contract,
)
from shenbao.admin.leases import claim, finish, keep_lease
from shenbao.admin.review import recompute
from shenbao.admin.snippets import WORD_MEDIA
from shenbao.core.errors import ShenbaoError
from shenbao.models import CompanionFile, SourceFile, Submission, User, db
from shenbao.models.exceptions import InvalidState
from shenbao.plugins.extraction import extract

log = logging.getLogger(__name__)


def attach_companion(submission: Submission, stream: IO[bytes], filename: str | None, user: User) -> CompanionFile:
    """Store ``stream`` as the submission's other copy (replacing one attached before) and queue it."""
    if not submission.notice_id or submission.status in ("ingesting", "failed"):
        raise InvalidState(
            "the submission has not been read yet; attach its other copy afterwards", submission=submission.id
        )
    holder = accept_file(stream, filename, user, new_upload_id())
    source = source_of(holder)
    source.submissions = []
    db.session.expunge(holder)  # accept_file made a submission for the file: a copy is none
    if source.status == "failed":
        db.session.rollback()
        raise InvalidState(source.error or "the file cannot be stored", submission=submission.id)
    if submission.companion is not None:
        db.session.delete(submission.companion)
        db.session.flush()
    companion = CompanionFile(submission=submission, source=source, status="queued", attached_by=str(user))
    db.session.add(companion)
    db.session.commit()
    queue_pending([source])
    return companion


def ingest_file(source_id: int) -> str:
    """The queue task: a submission's file, or the other copy attached to a submission."""
    companion = db.session.scalar(select(CompanionFile).where(CompanionFile.source_id == source_id))
    if companion is None:
        return ingest_source(source_id)
    return ingest_companion(source_id)


def ingest_companion(source_id: int) -> str:
    """Read the other copy under the file's lease (see :func:`shenbao.admin.ingest.ingest_source`)."""
    token = claim(source_id)
    if token is None:
        return "skipped"
    with keep_lease(source_id, token):
        return _ingest_claimed_companion(source_id, token)


def _ingest_claimed_companion(source_id: int, token: str) -> str:
    source = db.session.get_one(SourceFile, source_id)
    companion = db.session.scalars(select(CompanionFile).where(CompanionFile.source_id == source_id)).one()
    submission = companion.submission
    try:
        if _takes_the_values(source, submission):
            _move_onto(submission, companion, source)
        else:
            result = extract(str(original_path(source)), submission.notice_id)
            companion.extraction = stored_contract(result, source.filename)
            companion.role = _other_role(result.role, submission_role(submission))
    except ShenbaoError as exc:
        db.session.rollback()
        return _failed(source_id, token, rename(str(exc), source))
    except Exception as exc:  # one file's bug must not stop the queue
        db.session.rollback()
        log.exception("ingest of companion file %s failed", source_id)
        return _failed(source_id, token, f"{source.filename}: 内部错误 (internal error: {type(exc).__name__}: {exc})")
    if not finish(source_id, token, "done"):  # taken over after a stall: that worker writes it
        return "skipped"
    companion.status, companion.error = "done", None
    recompute(submission)
    db.session.commit()
    return "done"


def _failed(source_id: int, token: str, message: str) -> str:
    companion = db.session.scalars(select(CompanionFile).where(CompanionFile.source_id == source_id)).one()
    companion.status, companion.error = "failed", message
    return fail(source_id, token, message)


def submission_role(submission: Submission) -> str:
    """electronic for a Word file or a text PDF, paper for a scan (its values were OCR'd)."""
    if submission.source is not None and submission.source.media_type in WORD_MEDIA:
        return "electronic"
    sources = [fv.source for fv in submission.fields if fv.source]
    return "paper" if sources and sources.count("ocr") * 2 >= len(sources) else "electronic"


def _other_role(read_as: str, submission: str) -> str:
    if read_as != submission:
        return read_as
    return "paper" if submission == "electronic" else "electronic"


def _takes_the_values(copy: SourceFile, submission: Submission) -> bool:
    """A Word file attached to a submission read from a scan gives the values from now on
    (when the scan holds this one submission only: a stack keeps its packets)."""
    own = submission.source
    return (
        copy.media_type in WORD_MEDIA
        and own is not None
        and own.media_type not in WORD_MEDIA
        and len(own.submissions) == 1
    )


def _move_onto(submission: Submission, companion: CompanionFile, word: SourceFile) -> None:
    """The submission is read from the Word file; its former file becomes the other copy."""
    result = extract(str(original_path(word)), submission.notice_id)
    contract: dict[str, Any] = stored_contract(result, word.filename)
    former = source_of(submission)
    companion.extraction, companion.role, companion.source = submission.extraction, "paper", former
    submission.source = word
    submission.filename = word.filename
    submission.fields.clear()
    submission.attachments.clear()
    db.session.flush()
    apply_extraction(submission, contract)
