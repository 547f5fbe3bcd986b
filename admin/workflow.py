"""A bureau's decisions on its packets: confirm, 推荐 / 不推荐, rank, withdraw, exclude, restore.

The states and the allowed moves are :mod:`shenbao.models.states`; this module checks the
person's right, keeps the 推荐排序 of the recommended packets of each notice dense (1..n),
and writes one audit entry per move (target ``submission``). Nothing is deleted: withdrawn
and duplicate packets keep their values and return, by an admin's restore, to the state
they had. The caller commits.

An actor is a :class:`User` (the desk: rights checked) or a name (the CLI, run by the
server's operator, and the desk itself, ``system``: every right).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from shenbao.admin.batch import recompute_batch
from shenbao.admin.exceptions import InvalidEntry
from shenbao.admin.review import SYSTEM, audit, confirm_packet, recompute
from shenbao.core.errors import NotAllowed, ShenbaoError
from shenbao.models import SourceFile, Submission, User, db, utcnow
from shenbao.models.exceptions import InvalidState
from shenbao.models.states import (
    AUTOMATIC,
    CONFIRMED,
    DUPLICATE,
    LIVE_STATES,
    MOVE_ACTIONS,
    MOVE_RIGHT,
    NEEDS_REVIEW,
    NOT_RECOMMENDED,
    RECOMMENDED,
    RESTORE_ACTION,
    RESTORE_RIGHT,
    SET_ASIDE_STATES,
    can_move,
    state_label,
)

Actor = User | str
RANK_KEY = "recommend_rank"  # the audit key of a change of 推荐排序


def allowed(actor: Actor, right: str) -> bool:
    return not isinstance(actor, User) or actor.can(right)


def _require(actor: Actor, right: str, what: str) -> None:
    if not allowed(actor, right):
        raise NotAllowed(f"{actor} 无权{what}")


def _note(text: str | None) -> str | None:
    return (text or "").strip() or None


def move(submission: Submission, target: str, actor: Actor, note: str | None = None) -> bool:
    """Move one packet to ``target`` (audited). False if it is there already.

    Raises InvalidState (not a move of the state diagram), NotAllowed, InvalidEntry (不推荐
    without a reason)."""
    old = submission.status
    if old == target:
        return False
    if old in SET_ASIDE_STATES:
        raise InvalidState(f"#{submission.id} 为「{state_label(old)}」，只能由管理员恢复", submission=submission.id)
    if target not in MOVE_RIGHT or not can_move(old, target):
        raise InvalidState(
            f"#{submission.id} 为「{state_label(old)}」，不能改为「{state_label(target)}」", submission=submission.id
        )
    _require(actor, MOVE_RIGHT[target], f"将申报书改为「{state_label(target)}」")
    reason = _note(note)
    if target == NOT_RECOMMENDED and reason is None:
        raise InvalidEntry("不推荐须填写理由", submission=submission.id)
    if target == CONFIRMED and old in AUTOMATIC:
        confirm_packet(submission, actor)  # confirms the values too, and audits the move
        submission.decision_note = reason
        return True
    if target in SET_ASIDE_STATES:
        submission.prior_status = old
    if target == CONFIRMED:
        submission.reviewed_by, submission.reviewed_at = str(actor), utcnow()
    submission.status = target
    submission.decision_note = reason
    submission.recommend_rank = next_rank(submission) if target == RECOMMENDED else None
    audit(submission.id, "submission", "status", MOVE_ACTIONS[target], actor, old=old, new=target, note=reason)
    if old == RECOMMENDED:
        renumber(submission.notice_id, submission.demo)
    return True


def restore(submission: Submission, actor: Actor, note: str | None = None) -> bool:
    """An admin's undo of a withdrawal or an exclusion: back to the state it had."""
    old = submission.status
    if old not in SET_ASIDE_STATES:
        raise InvalidState(f"#{submission.id} 为「{state_label(old)}」，无需恢复", submission=submission.id)
    _require(actor, RESTORE_RIGHT, "恢复申报书")
    target = submission.prior_status if submission.prior_status in LIVE_STATES else NEEDS_REVIEW
    submission.status, submission.prior_status = target, None
    submission.decision_note = None
    submission.recommend_rank = next_rank(submission) if target == RECOMMENDED else None
    audit(submission.id, "submission", "status", RESTORE_ACTION, actor, old=old, new=target, note=_note(note))
    if target in AUTOMATIC:
        recompute(submission, actor)
    return True


@dataclass
class Outcome:
    """What a move of several packets did: the ids moved, one line per packet refused."""

    moved: list[int] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def move_many(ids: Iterable[int], target: str, actor: Actor, note: str | None = None) -> Outcome:
    """``move`` (or ``restore`` for target ``restore``) each packet, then the batch findings
    of the notices touched; committed. A refused packet does not stop the others."""
    outcome = Outcome()
    notices: set[str | None] = set()
    for submission in db.session.scalars(
        select(Submission).where(Submission.id.in_(list(ids))).order_by(Submission.id)
    ):
        try:
            done = (
                restore(submission, actor, note) if target == RESTORE_ACTION else move(submission, target, actor, note)
            )
        except ShenbaoError as exc:
            outcome.refused.append(str(exc))
            continue
        if done:
            outcome.moved.append(submission.id)
            notices.add(submission.notice_id)
    for notice_id in notices:
        recompute_batch(notice_id)
    db.session.commit()
    return outcome


# -- 推荐排序 -------------------------------------------------------------------------------


def recommended(notice_id: str | None, demo: bool = False) -> list[Submission]:
    """The recommended packets of a notice in the bureau's order."""
    query = (
        select(Submission)
        .where(Submission.notice_id == notice_id, Submission.status == RECOMMENDED, Submission.demo.is_(demo))
        .order_by(Submission.recommend_rank.is_(None), Submission.recommend_rank, Submission.id)
    )
    return list(db.session.scalars(query))


def next_rank(submission: Submission) -> int:
    last = db.session.scalar(
        select(func.max(Submission.recommend_rank)).where(
            Submission.notice_id == submission.notice_id,
            Submission.status == RECOMMENDED,
            Submission.demo.is_(submission.demo),
            Submission.id != submission.id,
        )
    )
    return int(last or 0) + 1


def renumber(notice_id: str | None, demo: bool = False) -> None:
    db.session.flush()
    for rank, submission in enumerate(recommended(notice_id, demo), 1):
        submission.recommend_rank = rank


def set_order(notice_id: str, ids: list[int], actor: Actor) -> int:
    """The reviewer's 推荐排序: ``ids`` are the notice's recommended packets, first row first.
    Returns how many ranks changed (each audited); committed."""
    _require(actor, MOVE_RIGHT[RECOMMENDED], "调整推荐排序")
    current = recommended(notice_id)
    if sorted(ids) != sorted(s.id for s in current) or len(set(ids)) != len(ids):
        raise InvalidState("推荐名单已变化，请刷新后重新排序", field=notice_id)
    by_id = {s.id: s for s in current}
    changed = 0
    for rank, sid in enumerate(ids, 1):
        submission = by_id[sid]
        if submission.recommend_rank != rank:
            audit(sid, "submission", RANK_KEY, "rank", actor, old=submission.recommend_rank, new=rank)
            submission.recommend_rank = rank
            changed += 1
    db.session.commit()
    return changed


def shift(submission: Submission, delta: int, actor: Actor) -> int:
    """↑ (``delta`` -1) or ↓ (+1) in the 推荐排序."""
    if submission.status != RECOMMENDED or submission.notice_id is None:
        raise InvalidState(f"#{submission.id} 未推荐，没有推荐排序", submission=submission.id)
    order = [s.id for s in recommended(submission.notice_id, submission.demo)]
    i = order.index(submission.id)
    j = min(max(i + delta, 0), len(order) - 1)
    order[i], order[j] = order[j], order[i]
    if submission.demo:  # the demo batch ranks apart; set_order works on the real one
        for rank, sid in enumerate(order, 1):
            db.session.get_one(Submission, sid).recommend_rank = rank
        db.session.commit()
        return int(i != j)
    return set_order(submission.notice_id, order, actor)


# -- identical uploads ------------------------------------------------------------------------


def exclude_identical(source: SourceFile) -> list[int]:
    """A file uploaded again byte for byte: each of its packets becomes 重复 of the packet in
    the same place of the earlier upload that is still live (audited as ``system``)."""
    earlier = (
        select(SourceFile.id)
        .where(SourceFile.sha256 == source.sha256, SourceFile.id < source.id, SourceFile.status == "done")
        .order_by(SourceFile.id)
    )
    excluded: list[int] = []
    for other_id in db.session.scalars(earlier):
        other = db.session.get_one(SourceFile, other_id)
        for mine, theirs in zip(source.submissions, other.submissions, strict=False):
            if mine.status in LIVE_STATES and theirs.status in LIVE_STATES and mine.demo == theirs.demo:
                move(mine, DUPLICATE, SYSTEM, f"同一文件重复上传（与 #{theirs.id} 相同）")
                excluded.append(mine.id)
        if excluded:
            break
    return excluded
