"""The bureau's decisions in the desk: a packet's state moves, and each notice's 推荐排序.

``/decisions/<notice>`` lists the recommended packets in their 推荐排序 (drag a row, or ↑/↓),
the confirmed ones waiting for a decision, and what the export check finds (the notice's
limits, recommended duplicates); ``/decisions/packet/<id>`` takes a move of one packet
(the review page's decision panel). The work is :mod:`shenbao.admin.workflow`.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, jsonify, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from shenbao.admin import workflow
from shenbao.admin.batch import recommendation_check
from shenbao.admin.exceptions import InvalidEntry, http_status
from shenbao.admin.views import Protected
from shenbao.core.errors import ShenbaoError
from shenbao.models import Submission, db
from shenbao.models.states import (
    CONFIRMED,
    MOVE_LABELS,
    MOVE_RIGHT,
    NOT_RECOMMENDED,
    RECOMMENDED,
    RESTORE_ACTION,
    RESTORE_RIGHT,
    SET_ASIDE_STATES,
    TRANSITIONS,
    UNDO_DECISION_LABEL,
    state_label,
)
from shenbao.plugins.manager import get_manager


def moves_for(submission: Submission) -> list[tuple[str, str]]:
    """(target, label) of the moves the current user may make on ``submission`` by hand."""
    if submission.status in SET_ASIDE_STATES:
        return [(RESTORE_ACTION, MOVE_LABELS[RESTORE_ACTION])] if current_user.can(RESTORE_RIGHT) else []
    decided = submission.status in (RECOMMENDED, NOT_RECOMMENDED)
    targets = sorted(TRANSITIONS.get(submission.status, frozenset()), key=list(MOVE_RIGHT).index)
    return [
        (t, UNDO_DECISION_LABEL if decided and t == CONFIRMED else MOVE_LABELS[t])
        for t in targets
        if t in MOVE_LABELS and current_user.can(MOVE_RIGHT[t])
    ]


class DecisionView(Protected, BaseView):
    right = "confirm"

    @expose("/")
    def index(self) -> Any:
        return redirect(url_for("export.index"))

    @expose("/<notice_id>")
    def ranking(self, notice_id: str) -> Any:
        notice = get_manager().notices.get(notice_id)
        if notice is None:
            abort(404)
        waiting = db.session.scalars(
            select(Submission)
            .where(Submission.notice_id == notice_id, Submission.status == CONFIRMED, Submission.demo.is_(False))
            .order_by(Submission.id)
        )
        return self.render(
            "shenbao/ranking.html",
            notice=notice,
            chosen=workflow.recommended(notice_id),
            waiting=list(waiting),
            problems=recommendation_check(notice_id),
        )

    @expose("/<notice_id>/order", methods=["POST"])
    def order(self, notice_id: str) -> Any:
        data = request.get_json(silent=True) or {}
        try:
            ids = [int(i) for i in data.get("ids", [])]
            changed = workflow.set_order(notice_id, ids, current_user)
        except (TypeError, ValueError):
            return jsonify(ok=False, error=str(InvalidEntry("bad order"))), 400
        except ShenbaoError as exc:
            db.session.rollback()
            return jsonify(ok=False, error=str(exc)), http_status(exc)
        return jsonify(ok=True, changed=changed)

    @expose("/packet/<int:submission_id>/shift", methods=["POST"])
    def shift(self, submission_id: int) -> Any:
        submission = db.session.get(Submission, submission_id)
        if submission is None:
            abort(404)
        workflow.shift(submission, -1 if request.form.get("delta") == "up" else 1, current_user)
        return redirect(url_for(".ranking", notice_id=submission.notice_id) + "#chosen")

    @expose("/packet/<int:submission_id>", methods=["POST"])
    def move(self, submission_id: int) -> Any:
        """One move of the decision panel: ``to`` (a state, or ``restore``) and ``note``."""
        if db.session.get(Submission, submission_id) is None:
            abort(404)
        target, note = request.form.get("to", ""), request.form.get("note", "")
        if target not in (*MOVE_RIGHT, RESTORE_ACTION):
            abort(400)
        if target == NOT_RECOMMENDED and not note.strip():
            flash(_("A packet not recommended needs a reason."), "error")
            return redirect(request.referrer or url_for("review.show", submission_id=submission_id))
        outcome = workflow.move_many([submission_id], target, current_user, note)
        for line in outcome.refused:
            flash(line, "error")
        if outcome.moved:
            shown = _("restored") if target == RESTORE_ACTION else state_label(target)
            flash(_("#%(id)s is now: %(state)s", id=submission_id, state=shown), "success")
        if target == RECOMMENDED and outcome.moved and request.form.get("next") == "ranking":
            notice_id = db.session.get_one(Submission, submission_id).notice_id
            return redirect(url_for(".ranking", notice_id=notice_id))
        return redirect(request.referrer or url_for("review.show", submission_id=submission_id))
