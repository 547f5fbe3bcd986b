"""Corrections, confirmations and attachment flags, with audit and recomputed findings.

Every change keeps the extracted original (``FieldValue.original_value``,
``AttachmentState.extracted_present``) and appends an :class:`AuditEntry` (who, when,
old -> new). Concurrent saves of one field are caught by the row's version: the page sends
the version it showed, and SQLAlchemy's ``version_id_col`` makes the UPDATE itself
conditional, so two clerks saving at once cannot both win silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app
from sqlalchemy.orm.exc import StaleDataError

from shenbao.admin.batch import BATCH_KEYS, lock_notices, recompute_batch
from shenbao.admin.completeness import completeness, requirements
from shenbao.admin.exceptions import InvalidEntry
from shenbao.core.errors import NotAllowed
from shenbao.core.notice import Notice
from shenbao.ingest.copies import reliable_values
from shenbao.ingest.findings import submission_findings
from shenbao.ingest.normalize import PRINTED_TYPES, InvalidValue, printed_text, validate_entry
from shenbao.models import AttachmentState, AuditEntry, FieldValue, FindingRecord, Setting, Submission, User, db, utcnow
from shenbao.models.exceptions import InvalidState, StaleEdit
from shenbao.models.states import (
    AUTOMATIC,
    CONFIRMED,
    CORRECTED,
    EDITABLE_STATES,
    MOVE_ACTIONS,
    NEEDS_REVIEW,
    state_label,
)
from shenbao.plugins.manager import get_manager

REVIEW_STATES = ("review", "missing")
# key of Submission.extraction (the contract JSON) holding the bound 推荐汇总表 rows
BOUND_ROWS = "bound_rows"
PROJECT_KEYS = ("project.name", "platform.name", "project.platform_name")
SYSTEM = "system"  # the audit's name for a move nobody asked for (a recount, an identical upload)


def threshold() -> float:
    row = db.session.get(Setting, "auto_accept_threshold")
    if row is not None:
        try:
            return float(row.value)
        except ValueError:
            pass
    return float(current_app.config["AUTO_ACCEPT_THRESHOLD"])


def display_value(value: Any) -> str:
    """The text a clerk sees and edits; ``normalize`` reads it back to the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def shown_text(fv: FieldValue, kind: str) -> str:
    """What the desk shows of a field of type ``kind``: a text as printed or typed (full-width
    punctuation kept), anything else as :func:`display_value`; ``fv.value`` stays normalized."""
    printed = printed_text(kind, fv.raw, fv.value)
    return printed if printed is not None else display_value(fv.value)


def field_status(fv: FieldValue, required: bool, limit: float) -> str:
    """corrected | confirmed | auto (>= threshold) | review (low confidence) | missing | blank."""
    if fv.state in ("corrected", "confirmed"):
        return fv.state
    if fv.value is None:
        return "missing" if required else "blank"
    if (fv.confidence or 0.0) >= limit:
        return "auto"
    return "review"


def notice_of(submission: Submission) -> Notice:
    if not submission.notice_id:
        raise InvalidState("notice not detected", submission=submission.id)
    return get_manager().notice(submission.notice_id)


def current_values(submission: Submission) -> tuple[dict[str, Any], dict[str, bool]]:
    """The values now, and the attachments bound in: in the submission's file or in its other
    copy (unless the clerk flagged the attachment missing)."""
    values = {fv.key: fv.value for fv in submission.fields if fv.value is not None}
    other = companion_contract(submission)
    found = {key: bool(data.get("present")) for key, data in (other or {}).get("attachments", {}).items()}
    attachments = {
        a.key: a.present or (found.get(a.key, False) and a.flag != "missing") for a in submission.attachments
    }
    return values, attachments


def companion_contract(submission: Submission) -> dict[str, Any] | None:
    """The stored reading of the submission's other copy, once it has been read."""
    companion = submission.companion
    if companion is None or companion.status != "done":
        return None
    return companion.extraction


def other_copy(submission: Submission) -> tuple[str, dict[str, Any]] | None:
    """(role, values read surely enough) of the submission's other copy, for the findings."""
    contract = companion_contract(submission)
    if contract is None or submission.companion is None:
        return None
    return submission.companion.role, reliable_values(contract.get("fields", {}))


def bound_rows(submission: Submission) -> list[dict[str, Any]]:
    """The 推荐汇总表 rows extraction read from the submission's document (stored with it)."""
    return list((submission.extraction or {}).get(BOUND_ROWS) or [])


def required_keys(notice: Notice, values: dict[str, Any], attachments: dict[str, bool]) -> set[str]:
    return {r.key for r in requirements(notice, values, attachments) if r.kind == "field"}


def recompute(submission: Submission, user: User | str = SYSTEM, *, changed: bool = False) -> None:
    """Findings, completeness, review counts and list columns, from the current values; then
    the automatic state (:func:`settle_state`; ``changed``: ``user`` changed a value)."""
    notice = notice_of(submission)
    values, attachments = current_values(submission)
    found = submission_findings(
        notice, values, attachments, get_manager(), bound_rows(submission), other_copy(submission)
    )
    for record in [f for f in submission.findings if f.scope == "submission"]:
        submission.findings.remove(record)
    for finding in found:
        submission.findings.append(
            FindingRecord(
                scope="submission",
                code=finding.code,
                key=finding.key,
                severity=finding.severity,
                message=finding.message,
            )
        )
    reqs = requirements(notice, values, attachments)
    needed = {r.key for r in reqs if r.kind == "field"}
    limit = threshold()
    submission.completeness = completeness(reqs)
    submission.to_review = sum(field_status(fv, fv.key in needed, limit) in REVIEW_STATES for fv in submission.fields)
    submission.open_findings = len(submission.findings)
    submission.applicant_name = values.get("applicant.name")
    submission.applicant_code = values.get("applicant.org_code")
    submission.project_name = next((values[k] for k in PROJECT_KEYS if k in values), None)
    submission.search_text = search_text(submission)
    settle_state(submission, user, changed=changed)


def settle_state(submission: Submission, user: User | str, *, changed: bool = False) -> None:
    """待审核 until nothing is left to review and a person has corrected or checked something,
    then 已更正; a change by someone who cannot confirm takes a confirmed packet back there."""
    old = submission.status
    demote = old == CONFIRMED and changed and not (isinstance(user, User) and user.can("confirm"))
    if old not in AUTOMATIC and not demote:
        return
    touched = any(fv.state != "extracted" for fv in submission.fields) or any(a.flag for a in submission.attachments)
    new = CORRECTED if submission.to_review == 0 and touched else NEEDS_REVIEW
    if new != old:
        audit(submission.id, "submission", "status", MOVE_ACTIONS[new], user, old=old, new=new)
        submission.status = new


def search_text(submission: Submission) -> str:
    parts = (submission.applicant_name, submission.applicant_code, submission.project_name, submission.filename)
    return " | ".join(str(p) for p in parts if p).lower()


def audit(
    submission_id: int | None,
    target: str,
    key: str,
    action: str,
    user: User | str,
    *,
    old: Any = None,
    new: Any = None,
    original: Any = None,
    note: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        submission_id=submission_id,
        target=target,
        key=key,
        action=action,
        old_value=old,
        new_value=new,
        original_value=original,
        note=note,
        username=str(user),
        created_at=utcnow(),
    )
    db.session.add(entry)
    return entry


def _editable(submission: Submission) -> None:
    if submission.status in ("ingesting", "failed"):
        raise InvalidState("申报书尚未识别完成，不能修改 (not ingested)", submission=submission.id)
    if submission.status not in EDITABLE_STATES:
        raise InvalidState(
            f"申报书为「{state_label(submission.status)}」，不能修改；请审核员先退回「已确认」",
            submission=submission.id,
        )


def _check_version(row: FieldValue | AttachmentState, expected: int | None, key: str) -> None:
    if expected is not None and int(expected) != row.version:
        who = row.updated_by or "?"
        when = row.updated_at.strftime("%H:%M:%S") if row.updated_at else ""
        shown = display_value(getattr(row, "value", None)) if isinstance(row, FieldValue) else row.flag
        raise StaleEdit(
            f"该项已被 {who} 于 {when} 修改为「{shown}」，您的修改未保存，请查看后重试 "
            "(changed by someone else; reload)",
            submission=row.submission_id,
            field=key,
        )


CONCURRENT = "该项刚被其他人修改，您的修改未保存，请刷新后重试 (concurrent change; reload)"


@contextmanager
def saving(notices: Iterable[str | None], submission_id: int | None = None, key: str | None = None) -> Iterator[None]:
    """The change in the block, then commit; a concurrent change of the same rows is a StaleEdit
    (409) wherever SQLAlchemy notices it: at commit, or at an autoflush inside recompute().
    The notices' write lock comes first (:func:`~shenbao.admin.batch.lock_notices`)."""
    try:
        lock_notices(notices)
        yield
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise StaleEdit(CONCURRENT, submission=submission_id, field=key) from None


def parse_entry(notice: Notice, key: str, text: str) -> Any:
    spec = notice.field(key)
    if not text.strip():
        return None
    try:
        return validate_entry(spec, text)
    except InvalidValue as exc:
        message = exc.message if exc.message.startswith(spec.label) else f"{spec.label}：{exc.message}"
        raise InvalidEntry(message) from None


def save_field(submission: Submission, key: str, text: str, version: int | None, user: User) -> str:
    """A clerk's Enter on a field: a changed value is a correction, an unchanged one a confirmation.

    Returns ``corrected``, ``confirmed`` or ``unchanged`` (a clerk may not confirm).
    Raises InvalidEntry, StaleEdit, NotAllowed, InvalidState.
    """
    _editable(submission)
    if not user.can("correct"):
        raise NotAllowed("无修改权限 (not allowed to correct)")
    notice = notice_of(submission)
    fv = next((f for f in submission.fields if f.key == key), None)
    if fv is None:
        raise InvalidEntry("没有这个字段 (no such field)", submission=submission.id, field=key)
    _check_version(fv, version, key)
    # an unchanged value is confirmed as printed, even one the entry checks would refuse
    kind = notice.field(key).type
    typed, shown = text.strip(), shown_text(fv, kind)
    unchanged = typed == shown if kind in PRINTED_TYPES else typed in (display_value(fv.value), shown)
    value = fv.value if unchanged else parse_entry(notice, key, text)
    old, new = fv.value, value
    if value == fv.value and (unchanged or kind not in PRINTED_TYPES):  # confirmed as shown
        if not user.can("confirm"):
            return "unchanged"
        if fv.state == "confirmed":
            return "confirmed"
        fv.state = "confirmed"
        action = "confirm"
    else:  # a new value, or the same one written otherwise ("（汉南区）" for "(汉南区)")
        if value == fv.value:
            old, new = shown, typed
        fv.value = value
        fv.raw = typed or None  # as typed: a text is shown so, full-width marks kept
        fv.state = "corrected"
        action = "correct"
    fv.updated_by, fv.updated_at = user.username, utcnow()
    with saving([submission.notice_id], submission.id, key):
        audit(submission.id, "field", key, action, user, old=old, new=new, original=fv.original_value)
        recompute(submission, user, changed=action == "correct")
    after_change(submission, key)
    return "confirmed" if action == "confirm" else "corrected"


def flag_attachment(
    submission: Submission,
    key: str,
    flag: str,
    user: User,
    *,
    page: int | None = None,
    note: str = "",
    version: int | None = None,
) -> None:
    """``flag`` is ``missing`` (missing evidence), ``present`` (on ``page``) or ``clear``."""
    _editable(submission)
    if not user.can("flag"):
        raise NotAllowed("无标记权限 (not allowed to flag)")
    att = next((a for a in submission.attachments if a.key == key), None)
    if att is None:
        raise InvalidEntry("没有这个附件 (no such attachment)", submission=submission.id, field=key)
    if flag not in ("missing", "present", "clear"):
        raise InvalidEntry(f"请选择附件标记 (unknown flag {flag!r})", field=key)
    if flag == "present" and (page is None or not 1 <= page <= (submission.pages or 10_000)):
        raise InvalidEntry(f"请填写附件所在页码 (1–{submission.pages or '?'}) (page required)", field=key)
    _check_version(att, version, key)
    old = {"present": att.present, "flag": att.flag, "pages": att.pages, "note": att.note}
    if flag == "clear":
        att.flag, att.present, att.pages = None, att.extracted_present, att.extracted_pages
    else:
        att.flag = flag
        att.present = flag == "present"
        att.pages = [page] if flag == "present" and page is not None else att.pages
    att.note = note.strip() or None
    att.updated_by, att.updated_at = user.username, utcnow()
    new = {"present": att.present, "flag": att.flag, "pages": att.pages, "note": att.note}
    with saving([submission.notice_id], submission.id, key):
        audit(
            submission.id,
            "attachment",
            key,
            f"flag_{flag}",
            user,
            old=old,
            new=new,
            original={"present": att.extracted_present, "pages": att.extracted_pages},
            note=att.note,
        )
        recompute(submission, user, changed=True)


def after_change(submission: Submission, key: str) -> None:
    """Cross-submission findings depend on the applicant and project fields."""

    if key in BATCH_KEYS or key.startswith("applicant.") or key in PROJECT_KEYS:
        recompute_batch(submission.notice_id)
        db.session.commit()


def confirm_all(ids: list[int], user: User | str) -> int:
    """A reviewer's confirmation of whole packets (:func:`confirm_packet`), committed."""
    if isinstance(user, User) and not user.can("confirm"):
        raise NotAllowed("仅审核员可确认 (only reviewers may confirm)")
    notices = db.session.scalars(db.select(Submission.notice_id).where(Submission.id.in_(ids)).distinct())
    with saving(list(notices)):
        return _confirm_all(ids, user)


def _confirm_all(ids: list[int], user: User | str) -> int:
    done = 0
    for submission in db.session.scalars(db.select(Submission).where(Submission.id.in_(ids))):
        done += confirm_packet(submission, user)
    return done


def confirm_packet(submission: Submission, user: User | str) -> bool:
    """Every extracted, non-blank value becomes confirmed and the packet 已确认 (audited); a
    packet that is decided, withdrawn, a duplicate or not read is left as it is."""
    if submission.status not in EDITABLE_STATES:
        return False
    for fv in submission.fields:
        if fv.state == "extracted" and fv.value is not None:
            fv.state, fv.updated_by, fv.updated_at = "confirmed", str(user), utcnow()
            audit(
                submission.id,
                "field",
                fv.key,
                "confirm",
                user,
                old=fv.value,
                new=fv.value,
                original=fv.original_value,
                note="bulk",
            )
    recompute(submission, user)
    submission.reviewed_by, submission.reviewed_at = str(user), utcnow()
    if submission.status != CONFIRMED:
        audit(
            submission.id, "submission", "status", MOVE_ACTIONS[CONFIRMED], user, old=submission.status, new=CONFIRMED
        )
        submission.status = CONFIRMED
    return True
