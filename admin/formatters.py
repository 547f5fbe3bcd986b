"""Column formatters of the list views: plain functions ``(view, context, model, name) -> Markup``."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from shenbao.admin.review import display_value
from shenbao.models import LIVE_STATES, STATE_LABELS, SUBMISSION_STATES
from shenbao.plugins.manager import get_manager

STATUS_BADGES = {
    "ingesting": "info",
    "needs_review": "warning",
    "corrected": "primary",
    "confirmed": "info",
    "recommended": "success",
    "not_recommended": "dark",
    "withdrawn": "secondary",
    "duplicate": "secondary",
    "failed": "danger",
    "queued": "secondary",
    "done": "success",
}


def status_label(status: str) -> str:
    """A packet's state in the bureau's words (models.states); a file's queue state."""
    labels = {
        "ingesting": _("ingesting"),
        "failed": _("failed"),
        "queued": _("queued"),
        "done": _("done"),
    }
    return labels.get(status) or STATE_LABELS.get(status, status)


def finding_label(code: str) -> str:
    """A finding's code as a clerk reads it; a code this table lacks is shown as it is."""
    labels = {
        "missing_field": _("missing field"),
        "missing_attachment": _("missing attachment"),
        "rule": _("rule broken"),
        "duplicate": _("duplicate"),
        "packet_split": _("packet split"),
        "unassigned_pages": _("pages of no attachment"),
        "limit": _("limit of the notice"),
        "copy_mismatch": _("copies differ"),
    }
    return labels.get(code, code)


def audit_action_label(action: str) -> str:
    labels = {
        "correct": _("corrected a value"),
        "confirm": _("confirmed a value"),
        "flag_missing": _("flagged missing evidence"),
        "flag_present": _("flagged present on a page"),
        "flag_clear": _("restored the extracted state"),
        "create": _("created"),
        "update": _("changed"),
        "split": _("set split points"),
        "reopen": _("sent back to review"),
        "corrected": _("all corrected"),
        "recommend": _("recommended"),
        "not_recommend": _("not recommended"),
        "withdraw": _("withdrawn"),
        "exclude": _("excluded as a duplicate"),
        "restore": _("restored"),
        "rank": _("changed the ranking"),
        "mark_demo": _("marked as demo data"),
        "remove_demo": _("removed the demo data"),
    }
    return labels.get(action, action)


def audit_target_label(target: str) -> str:
    labels = {
        "field": _("field"),
        "attachment": _("attachment"),
        "submission": _("submission"),
        "user": _("user"),
        "setting": _("setting"),
    }
    return labels.get(target, target)


def audit_action(view: Any, context: Any, model: Any, name: str) -> str:
    return audit_action_label(getattr(model, name) or "")


def audit_target(view: Any, context: Any, model: Any, name: str) -> str:
    return audit_target_label(getattr(model, name) or "")


def audit_key(view: Any, context: Any, model: Any, name: str) -> str:
    """The field's or attachment's label in its submission's notice, else the key itself."""
    key = getattr(model, name) or ""
    submission = getattr(model, "submission", None)
    notice = get_manager().notices.get(getattr(submission, "notice_id", None) or "")
    if notice is None:
        return key
    labels = {f.key: f.label for f in notice.fields} | {a.key: a.label for a in notice.attachments}
    return labels.get(key, key)


def status_badge(view: Any, context: Any, model: Any, name: str) -> Markup:
    status = getattr(model, name)
    badge = Markup('<span class="badge badge-{}">{}</span>').format(
        STATUS_BADGES.get(status, "secondary"), status_label(status)
    )
    error = getattr(model, "error", None)
    if status == "failed" and error:
        badge += Markup('<div class="small text-danger shenbao-error">{}</div>').format(error)
    return badge


def login_failure_kind(view: Any, context: Any, model: Any, name: str) -> str:
    labels = {
        "password": _("wrong password"),
        "throttled": _("too many failures"),
        "cleared": _("wrong password (lock lifted)"),
    }
    return labels.get(model.kind, model.kind)


def review_link(view: Any, context: Any, model: Any, name: str) -> Markup:
    text = getattr(model, name) or model.filename or f"#{model.id}"
    demo = Markup(' <span class="badge badge-light demo-badge">{}</span>').format(_("demo")) if model.demo else ""
    if model.notice_id and model.status not in ("ingesting", "failed"):
        link = Markup('<a href="{}">{}</a>').format(url_for("review.show", submission_id=model.id), text)
        return link + demo
    return Markup("{}").format(text) + demo


def percent(view: Any, context: Any, model: Any, name: str) -> str:
    value = getattr(model, name)
    return "" if value is None else f"{value:.0f}%"


def notice_name(view: Any, context: Any, model: Any, name: str) -> str:

    notice_id = getattr(model, name)
    notice = get_manager().notices.get(notice_id or "")
    return notice.name if notice else (notice_id or "")


def json_value(view: Any, context: Any, model: Any, name: str) -> Markup:

    value = getattr(model, name)
    if isinstance(value, dict):
        return Markup("<br>").join(escape(f"{k}: {display_value(v)}") for k, v in value.items())
    return escape(display_value(value))


def submission_link(view: Any, context: Any, model: Any, name: str) -> Markup:
    sid = getattr(model, name)
    if sid is None:
        return Markup("")
    return Markup('<a href="{}">#{}</a>').format(url_for("review.show", submission_id=sid), sid)


def notice_options() -> list[tuple[str, str]]:

    return [(n.id, n.name) for n in get_manager().notices.values()]


def status_options() -> list[tuple[str, str]]:
    return [(s, status_label(s)) for s in SUBMISSION_STATES]


def rank(view: Any, context: Any, model: Any, name: str) -> str:
    """The 推荐排序 of a recommended packet."""
    value = getattr(model, name)
    return "" if value is None or model.status not in LIVE_STATES else str(value)


def local_time(view: Any, context: Any, model: Any, name: str) -> str:
    """Stored in UTC; shown in the desk's time zone (BABEL_DEFAULT_TIMEZONE, Asia/Shanghai)."""
    from flask_babel import format_datetime

    value = getattr(model, name)
    return "" if value is None else format_datetime(value, "yyyy-MM-dd HH:mm:ss")
