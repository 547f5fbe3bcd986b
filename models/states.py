"""The states of a packet (申报书) as a bureau knows them, and the moves between them: one place.

Stored codes are ASCII; the desk shows the Chinese labels. A packet is read (``ingesting``,
or ``failed``), then waits for a clerk (``needs_review`` 待审核). When nothing is left to
review and a person has corrected or checked a value, it is ``corrected`` (已更正); a
reviewer confirms it (``confirmed`` 已确认) and decides: ``recommended`` (推荐, ranked in
the 推荐汇总表) or ``not_recommended`` (不推荐, with a reason). ``withdrawn`` (已撤回) and
``duplicate`` (重复) take a packet out of every table; an admin restores it to the state
it had before.

:data:`TRANSITIONS` lists every move a person may ask for, :data:`MOVE_RIGHT` the right
(``ROLE_RIGHTS`` in :mod:`shenbao.models.entities`) each target state needs. The moves
between ``needs_review`` and ``corrected`` also happen by themselves as fields are
reviewed (``AUTOMATIC``).
"""

from __future__ import annotations

INGESTING = "ingesting"
FAILED = "failed"
NEEDS_REVIEW = "needs_review"
CORRECTED = "corrected"
CONFIRMED = "confirmed"
RECOMMENDED = "recommended"
NOT_RECOMMENDED = "not_recommended"
WITHDRAWN = "withdrawn"
DUPLICATE = "duplicate"

SUBMISSION_STATES = (
    INGESTING,
    NEEDS_REVIEW,
    CORRECTED,
    CONFIRMED,
    RECOMMENDED,
    NOT_RECOMMENDED,
    WITHDRAWN,
    DUPLICATE,
    FAILED,
)
STATE_LABELS = {
    INGESTING: "识别中",
    NEEDS_REVIEW: "待审核",
    CORRECTED: "已更正",
    CONFIRMED: "已确认",
    RECOMMENDED: "推荐",
    NOT_RECOMMENDED: "不推荐",
    WITHDRAWN: "已撤回",
    DUPLICATE: "重复",
    FAILED: "识别失败",
}
# read and reviewable: the packets of a batch (findings, draft 汇总表, dashboards)
LIVE_STATES = (NEEDS_REVIEW, CORRECTED, CONFIRMED, RECOMMENDED, NOT_RECOMMENDED)
# a clerk may still change values; a decided packet is first moved back to confirmed
EDITABLE_STATES = (NEEDS_REVIEW, CORRECTED, CONFIRMED)
# taken out of the batch; restore returns to the state kept in Submission.prior_status
SET_ASIDE_STATES = (WITHDRAWN, DUPLICATE)
# the states recompute() moves between by itself (a correction demotes confirmed too)
AUTOMATIC = (NEEDS_REVIEW, CORRECTED)

TRANSITIONS: dict[str, frozenset[str]] = {
    NEEDS_REVIEW: frozenset({CORRECTED, CONFIRMED, WITHDRAWN, DUPLICATE}),
    CORRECTED: frozenset({NEEDS_REVIEW, CONFIRMED, WITHDRAWN, DUPLICATE}),
    CONFIRMED: frozenset({CORRECTED, RECOMMENDED, NOT_RECOMMENDED, WITHDRAWN, DUPLICATE}),
    RECOMMENDED: frozenset({CONFIRMED, NOT_RECOMMENDED, WITHDRAWN, DUPLICATE}),
    NOT_RECOMMENDED: frozenset({CONFIRMED, RECOMMENDED, WITHDRAWN, DUPLICATE}),
    WITHDRAWN: frozenset(LIVE_STATES),  # restore: back to the prior state only
    DUPLICATE: frozenset(LIVE_STATES),
    INGESTING: frozenset(),
    FAILED: frozenset(),
}
# the right (ROLE_RIGHTS) a person needs to move a packet into each state
MOVE_RIGHT = {
    NEEDS_REVIEW: "correct",
    CORRECTED: "correct",
    CONFIRMED: "confirm",
    RECOMMENDED: "confirm",
    NOT_RECOMMENDED: "confirm",
    WITHDRAWN: "withdraw",
    DUPLICATE: "withdraw",
}
RESTORE_RIGHT = "restore"  # out of withdrawn/duplicate: an admin
# audit action of each move (AuditEntry.action, target "submission")
MOVE_ACTIONS = {
    NEEDS_REVIEW: "reopen",
    CORRECTED: "corrected",
    CONFIRMED: "confirm",
    RECOMMENDED: "recommend",
    NOT_RECOMMENDED: "not_recommend",
    WITHDRAWN: "withdraw",
    DUPLICATE: "exclude",
}
RESTORE_ACTION = "restore"
# the desk's button for each move (a verb; the state names are STATE_LABELS)
MOVE_LABELS = {
    CONFIRMED: "确认",
    RECOMMENDED: "推荐",
    NOT_RECOMMENDED: "不推荐",
    WITHDRAWN: "撤回",
    DUPLICATE: "标记为重复",
    RESTORE_ACTION: "恢复",
}
UNDO_DECISION_LABEL = "撤销决定（退回已确认）"


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


def can_move(old: str, new: str) -> bool:
    return new in TRANSITIONS.get(old, frozenset())
